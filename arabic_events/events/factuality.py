"""Factuality of an event mention: polarity, modality, genericity and tense.

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from ._common import _QUOTE_CHARS, _Hit, _Lexicon, _nword
from .speech import _para_start


#: a chronology entry: a line opening with a year and a dash ("1945- ..."; "في مثل هذا اليوم")
_CHRONO = re.compile(r"[ \t]*([12][0-9]{3})[ \t]*[-\u2013\u2014]")


def _past_year(rng: tuple[date, date], published: date) -> bool:
    """A whole calendar year before the year of publication ("العام الماضي", "عام 2013"):
    the event is background, however few days separate its year's end from the article."""
    a, b = rng
    return (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year < published.year


class FactualityMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _chronology_entry(self, view: str, vpos: int, year: int) -> bool:
        """The mention lies on a line of a chronology that opens with a past year ("1952- الجامعة
        العربية تحتج ..."): an event of that year, told as background."""
        m = _CHRONO.match(view, _para_start(view, vpos))
        return m is not None and m.end() <= vpos and int(m.group(1)) < year

    def _clause_words(self, view, words, wi: int, n: int) -> list[str]:
        out = []
        j = wi - 1
        while j >= 0 and len(out) < n:
            gap = view[words[j][1]: words[j + 1][0]]
            if any(ch in "،,:؛;.!?؟\n" for ch in gap):
                break
            out.append(words[j][2])
            j -= 1
        return out  # nearest first

    def _relative_ma(self, w: str, d: int, prev: list[str], h: _Hit, words, lex: _Lexicon) -> bool:
        """ما right before the trigger is a relative ("what") when a demonstrative or a
        pronoun stands before it ("هذا ما"، "وهو ما") or the verb carries the object
        pronoun that refers back to it ("ما أكده"، "ما قالته") (senses.yaml)."""
        from .triggers import senses

        if d != 0 or lex.strip_conj(w) not in senses()["relative_ma"]:
            return False
        if d + 1 < len(prev) and lex.strip_conj(prev[d + 1]) in senses()["relative_ma_after"]:
            return True
        return h.kind in ("past", "present") and h.vend < words[h.word][1]

    def _condemned_one(self, view, words, h: _Hit, near: list[str], lex: _Lexicon) -> bool:
        """A condemnation of one definite act ("دان المجلس التفجير الإرهابي"، "يستنكر
        الهجوم"): the singular definite noun refers to the event the article tells, so it
        is specific; plurals and indefinites ("ندين الهجمات الإرهابية") stay generic
        (senses.yaml ``condemn_words``)."""
        from .triggers import senses

        if not any(w in senses()["condemn"] for w in near):
            return False
        w = view[words[h.word][0]: h.vend]  # the word up to the end of the trigger (ال kept)
        w = w[1:] if w[:1] in lex.conj and w[1:3] == "ال" else w
        if w.startswith("ال") and w[2:] == _nword(h.trigger.lemma):
            return True
        # "يدين تفجير طوارئ أبها": a singular noun in construct with a name (no article) is
        # the one act the article tells ("ندين تفجير المساجد" keeps its article: a class)
        nxt = words[h.word + 1][2] if h.word + 1 < len(words) else ""
        return (
            w == _nword(h.trigger.lemma) and h.vend == words[h.word][1] and len(nxt) > 2
            and not nxt.startswith("ال") and nxt[:1] not in lex.conj
            and not any(ch in "،,.؛;:" for ch in view[h.vend: words[h.word + 1][0]])
        )

    def _in_quote(self, view: str, vpos: int) -> bool:
        return view.count(_QUOTE_CHARS, _para_start(view, vpos), vpos) % 2 == 1

    def _polarity(self, view, words, h: _Hit, lex: _Lexicon) -> str:
        prev = self._clause_words(view, words, h.word, lex.neg_window + 1)
        for d, w in enumerate(prev[: lex.neg_window]):
            if w in lex.negative or lex.strip_conj(w) in lex.negative:
                if d + 1 < len(prev) and (prev[d + 1] in lex.relative_ma or lex.strip_conj(prev[d + 1]) in lex.relative_ma):
                    break  # "وفق ما أعلن", "على ما أعلنته": ما is a relative, not a negation
                if self._relative_ma(w, d, prev, h, words, lex):
                    break  # "وهذا ما أكده الوزير": a relative, not a negation
                return "negative"
            if not (w in lex.aux or lex.strip_conj(w) in lex.aux):
                break
        # a negation particle attached to the trigger word itself ("ولن" is separate; "لم" never attaches)
        return "positive"

    def _modality(self, view, words, sent, h: _Hit, lex: _Lexicon) -> str:
        if h.fut:
            return "planned"
        prev = self._clause_words(view, words, h.word, lex.mod_window)
        best: tuple[int, int, str] | None = None
        prev_set = {lex.strip_conj(w) for w in prev} | set(prev)
        # only the phrases whose last word is there (lex.mod_by_last; the minimum is the same)
        for last in prev_set:
            for cls_rank, cls, phrase in lex.mod_by_last.get(last, ()):
                n = len(phrase)
                for d in range(len(prev) - n + 1):
                    seg = tuple(reversed(prev[d: d + n]))
                    if all(a == b or lex.strip_conj(a) == b for a, b in zip(seg, phrase)):
                        cand = (d, cls_rank, cls)
                        if best is None or cand < best:
                            best = cand
                        break
        for cls_rank, cls in enumerate(lex.mod_order):
            if cls == "hypothetical":
                for d, w in enumerate(prev):
                    if lex.strip_conj(w) in lex.hyp_imperf or w in lex.hyp_imperf:
                        nxt = prev[d - 1] if d > 0 else view[h.vstart: h.vend]
                        if nxt and nxt[0] in lex.imperf and (d > 0 or h.kind in ("present", "noun")):
                            cand = (d, cls_rank, cls)
                            if best is None or cand < best:
                                best = cand
        if best is not None:
            return best[2]
        for w in words[h.word + 1: h.word + 3]:
            if w[2] in lex.planned_after:
                return "planned"
        if h.frame.name in lex.attribution_frames:
            return "asserted"
        # sentence-level attribution hedges ("وفقا لـ")
        i = h.word
        while i < len(words) and words[i][0] < sent.vend:
            i += 1
        j = bisect.bisect_left(self._wstarts, sent.vstart)
        for k, w in enumerate(words[j:i], j):
            if k == h.word:
                continue
            if lex.strip_conj(w[2]) in lex.reported_sentence or w[2] in lex.reported_sentence:
                return "reported"
        return "asserted"

    def _factuality(self, view, words, sent, h: _Hit, lex: _Lexicon, polarity: str, modality: str, args) -> tuple[str, str, str, str]:
        """``(polarity, modality, genericity, tense)`` of a mention, refining the
        particle-based polarity/modality with denials, questions, purpose clauses,
        historical and generic readings (cue words in cues.yaml ``factuality``)."""
        is_noun = h.kind in ("noun",) or (h.kind == "pattern" and h.trigger.pos != "verb")
        prev = self._clause_words(view, words, h.word, max(lex.fac_window, 3))
        near = [lex.strip_conj(w) for w in prev[: lex.fac_window]] + prev[: lex.fac_window]
        # denial: "نفى الجيش قصف ..."، "نفت أن تكون القوات قد انسحبت"
        if polarity == "positive" and h.frame.name not in lex.attribution_frames:
            far = self._clause_words(view, words, h.word, lex.denial_window)
            if any(w in lex.denial or lex.strip_conj(w) in lex.denial for w in far):
                polarity = "negative"
        # questions
        j0 = bisect.bisect_left(self._wstarts, sent.vstart)
        first = words[j0][2] if j0 < len(words) and words[j0][0] < sent.vend else ""
        tail = view[max(sent.vstart, sent.vend - 3): sent.vend]
        if modality == "asserted" and (
            "؟" in tail or "?" in tail or first in lex.question_start or lex.strip_conj(first) in lex.question_start
        ):
            modality = "hypothetical"
        # purpose: "لمهاجمة"، "بهدف استهداف" (not "تعرضت لهجوم")
        if modality == "asserted" and h.frame.name not in lex.attribution_frames:
            pre = view[words[h.word][0]: h.vstart]
            pre = pre[1:] if pre[:1] in lex.conj and len(pre) > 1 else pre
            lam = is_noun and pre == "ل" and _nword(h.trigger.lemma) in lex.purpose_lam
            wide = self._clause_words(view, words, h.word, 5)
            undergo = any(w in lex.undergo or lex.strip_conj(w) in lex.undergo for w in wide)
            if (lam and not undergo) or any(w in lex.purpose_before for w in near[: 2 * lex.fac_window]):
                modality = "planned"
        genericity = "specific"
        tense = "present" if h.kind == "present" else "past"
        if modality == "planned" or h.fut:
            tense = "future"
        # historical/background: "قضية اغتيال"، "منذ اغتيال"، "التحقيق في مقتل"
        if is_noun and any(w in lex.historical_before for w in near):
            tense = "historical"
        specific = any(a.ref and a.ref.split(":", 1)[0] in ("entities", "quantities", "times") for a in args)
        if is_noun and not specific:
            this = h.word > 0 and lex.strip_conj(words[h.word - 1][2]) in lex.demonstratives
            if any(w in lex.generic_before for w in near) and not this and not self._condemned_one(view, words, h, near, lex):
                genericity = "generic"  # ("دانت هذه الهجمات": these ones; "يدين التفجير الإرهابي": the one told)
            else:
                for k in range(h.word + 1, min(h.word + 4, len(words) - 1)):
                    if words[k][0] >= sent.vend or any(ch in "،,.؛;:" for ch in view[h.vend: words[k][0]]):
                        break
                    if words[k][2] in lex.generic_relative:
                        # an imperfect prefix, not the ا of a past "استهدف"/"انفجر"
                        if words[k + 1][2][:1] in lex.imperf and words[k + 1][2][:1] != "ا":
                            genericity = "generic"  # "الغارات (الجوية) التي تصيب المدنيين"
                        break
        return polarity, modality, genericity, tense
