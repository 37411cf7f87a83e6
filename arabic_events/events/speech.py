"""Reported speech: quoted content, أن/إن clauses and spokesperson titles.

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations


import bisect
from itertools import islice
from typing import Any

from ..normalize import normalize
from ._common import _BOUNDARY, _QUOTE_CHARS, _Cand, _nword
from ._morph import WORD_RE

_SPEECH: dict[str, Any] | None = None


def _speech_lex() -> dict[str, Any]:
    """The reported-clause tables of ``data/events/speech.yaml`` (loaded once, read-only)."""
    global _SPEECH
    if _SPEECH is None:
        from .._data import load_yaml

        d = load_yaml("events/speech.yaml")
        n = lambda xs: frozenset(normalize(x) for x in xs)  # noqa: E731
        _SPEECH = {
            "participles": n(d["participles"]),
            "enders": n(d.get("clause_enders", [])),
            "reach": int(d.get("participle_reach", 4)),
            "skip": n(d.get("participle_skip", [])),
            "cont": n(d.get("continuation_verbs", [])),
            "then": n(d.get("then_words", [])),
            "colon_reach": int(d.get("colon_reach", 14)),
            "name_reach": int(d.get("name_reach", 14)),
            "resume": n(d.get("attribution_resume", [])),
            "ma": n(d.get("attribution_ma", [])),
            "intro": n(d.get("attribution_before", [])),
            "max_clauses": int(d.get("max_clauses", 8)),
        }
    return _SPEECH


def _three_words(view: str, start: int, end: int) -> bool:
    """``len(WORD_RE.findall(view, start, end)) >= 3``, stopping at the third word."""
    return len(list(islice(WORD_RE.finditer(view, start, end), 3))) == 3


class SpeechMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _speech_start(self, view, words, sent, h, lex) -> int:
        """View offset where the quoted speech or أن/إن clause of the trigger begins."""
        key = (h.word, h.vstart, sent.vend)
        got = self._speech_cache.get(key)
        if got is None:
            q = self._quote(None, view, words, sent, h, lex, 14)
            got = self._speech_cache[key] = q.vstart if q is not None else sent.vend
        return got

    def _spokesperson(self, doc, view, words, sent, h, role, cands, used, lex, limit) -> list[_Cand]:
        """"المتحدث باسم X، Y" or a title in apposition ("قائد القيادة الوسطى، الجنرال Y").

        Returns the person Y for a role that takes PER, the title phrase (head to the comma
        before Y) for a noun-phrase role, or X when no person follows.
        """
        tw = h.word
        lo = max(tw - 6, 0)
        hi = min(tw + 8, len(words))
        wants_title = any(t.split(":")[0] == "NP" for t in role.types) and not (set(role.types) & {"PER", "ORG"})
        for j in range(lo, hi):
            ws, we, w = words[j]
            if w not in lex.spk_title_forms or ws < sent.vstart or ws >= sent.vend:
                continue  # (neither a spokesperson nor a title head, with or without و/ف)
            core = lex.strip_conj(w)
            spk = core in lex.spk_heads or w in lex.spk_heads
            titled = not spk and (core in lex.title_heads or w in lex.title_heads) and 0 < j - tw <= 2
            if not spk and not titled:
                continue
            org = None
            org_is_span = False
            if spk:
                k = j + 1
                while k < len(words) and words[k][2] in lex.spk_mods:
                    k += 1
                if k >= len(words):
                    continue
                if words[k][2] not in lex.spk_link:
                    # "المتحدث الرسمي للقوات المسلحة": the organisation with an attached ل
                    org = next((c for c in cands if c.fw == k and c.prep_attached and c.layer in ("entities", "np")), None)
                    if org is None or words[k][2][:1] != lex.spk_lam:
                        continue
                    k -= 1
                else:
                    org = next((c for c in cands if c.fw == k + 1 and c.layer in ("entities", "np")), None)
                if org is None:
                    # an organisation NER missed: the words after باسم up to a person's name
                    # ("الناطق باسم قيادة الشرطة سالم الحربي"); without a name nothing is taken
                    pstarts = {c.fw for c in cands if c.layer == "entities" and c.label == "PER"}
                    e = k + 1
                    while e < len(words) and e - k <= 5 and words[e][0] < sent.vend and e not in pstarts:
                        if e > k + 1 and any(ch in _BOUNDARY or ch == '"' for ch in view[words[e - 1][1]: words[e][0]]):
                            e = -1
                            break
                        e += 1
                    if e <= k + 1 or e not in pstarts:
                        continue
                    org = _Cand("np", None, words[k + 1][0], words[e - 1][1], "NP:force", None, fw=k + 1, lw=e - 1)
                    org_is_span = True
            # the title phrase ends at the organisation ("المتحدث باسم وزارة الداخلية"); a
            # title head without one runs to the person's name, a punctuation mark or an
            # opener, at most six words
            pers = [c for c in cands if c.layer == "entities" and c.label == "PER"]
            per_starts = {c.fw for c in pers}

            def per_after(m):
                """A person named within three words after word m, only ranks between."""
                k = m + 1
                while k < len(words) and k <= m + 3 and words[k][0] < sent.vend:
                    p = next((c for c in pers if c.fw == k), None)
                    if p is not None:
                        return p
                    if any(ch in ".!?؟\n(" for ch in view[words[k - 1][1]: words[k][0]]):
                        return None
                    if not (words[k][2] in lex.adverbs or lex.strip_conj(words[k][2]) in lex.adverbs):
                        return None  # only a rank may stand between the title and the name
                    k += 1
                return None

            def stops(e):
                gap = view[words[e - 1][1]: words[e][0]]
                return (
                    words[e][0] >= sent.vend
                    or any(ch in _BOUNDARY or ch == '"' for ch in gap)
                    or e in per_starts
                    or words[e][2] in lex.openers
                    or lex.strip_conj(words[e][2]) in lex.openers
                    or words[e][2] in lex.adverbs
                )

            if org is not None:
                # the title ends at the organisation ("المتحدث باسم وزارة الداخلية") or runs
                # on over its complement only when a name follows ("... لهزيمة داعش، مايلز كاغينز")
                m = org.lw
                per = per_after(m)
                e = m + 1
                while per is None and e < len(words) and e - org.lw <= 6 and not stops(e):
                    per = per_after(e)
                    if per is not None:
                        m = e
                    e += 1
                if per is None and e - org.lw <= 4 and e < len(words) and (
                    words[e][2] in lex.openers or lex.strip_conj(words[e][2]) in lex.openers
                ):
                    # a short complement right before أن/إن: "المتحدث باسم قوات التحالف في العراق أن"
                    if not any(c.layer == "times" and words[org.lw][1] <= c.vstart < words[e][0] for c in cands):
                        m = e - 1
            else:
                m = j
                while m + 1 < len(words) and m - j < 6 and not stops(m + 1):
                    m += 1
                per = per_after(m)
            if per is None and spk:
                # the name before the title: "ناصر الحاسي، المتحدث باسم ..."، "محمد، وهو متحدث باسم"
                b = j - 1
                if b >= 0 and words[b][2] in lex.spk_pre:
                    b -= 1
                per = next((c for c in pers if c.lw == b and b >= 0), None)
            if per is None and spk:
                per = self._name_before_speech(view, words, sent, m, pers, lex)
            if titled and per is None:
                continue
            title_end = words[m][1]
            if per is not None and per.vstart > ws:
                title_end = min(title_end, len(view[: per.vstart].rstrip(" ،,-")))
            if wants_title:
                head_start = ws + (0 if (w in lex.spk_heads or w in lex.title_heads) else len(w) - len(core))
                title = _Cand("np", None, head_start, title_end, "NP:force", None, fw=j, lw=m)
                return [title]
            if per is not None and id(per) not in used and "PER" in role.types:
                return [per]
            if org is not None and not org_is_span and id(org) not in used and self._type_ok(role, org, view, words):
                return [org]
        return []

    def _name_before_speech(self, view, words, sent, m: int, pers, lex):
        """A person named further on in a long title ("المتحدث الإعلامي للجنة الانتخابية
        بمحافظة جدة وممثل عن الناخبين ... سعود التويم لـ«المدينة» إن"): the first person
        within ``name_reach`` words after word ``m``, with no sentence or clause mark between,
        whose name is followed at once (up to an outlet with ل) by an opener or a colon."""
        reach = _speech_lex()["name_reach"]
        for p in pers:
            if p.fw <= m or p.fw - m > reach or p.vstart >= sent.vend:
                continue
            if any(ch in ".!?؟\n:؛;\"" for ch in view[words[m][1]: p.vstart]):
                return None
            k = p.lw + 1
            last = k + (3 if k < len(words) and lex.strip_conj(words[k][2])[:1] == "ل" else 0)  # "لـ«المدينة»"
            while k < len(words) and k <= last and words[k][0] < sent.vend:
                w = words[k][2]
                if ":" in view[words[k - 1][1]: words[k][0]] or w in lex.openers or lex.strip_conj(w) in lex.openers:
                    return p
                if w in lex.adverbs or lex.strip_conj(w) in lex.adverbs:
                    last += 1  # "... جاسبارد باراتوزا أمس أن"
                k += 1
            return None
        return None

    def _quote(self, doc, view, words, sent, h, lex, limit) -> _Cand | None:
        """Quoted speech after the trigger, the أن/إن clause that follows it, or (for
        announcing words such as أعلن) the complement after the subject.

        A quotation counts when it opens within ``limit`` words of the trigger and holds
        at least three words (a quoted name such as “باركر” does not); nested quotations
        are skipped and it may run past the sentence end up to the end of its paragraph.
        A clause ends at the sentence end or at a comma before a connector (فيما، وذلك ...).
        """
        tw = h.word
        end_lim = sent.vend
        para_end = _para_end(view, h.vend)
        opener = None
        for j in range(tw + 1, min(tw + 1 + limit, len(words))):
            if words[j][0] >= end_lim:
                break
            if any(ch in "،,;؛" for ch in view[words[j - 1][1]: words[j][0]]) and (
                words[j][2] in lex.content_stops or lex.strip_conj(words[j][2]) in lex.content_stops
            ):
                break  # "أكدت الحركة ...، قائلة إن": the clause belongs to the next speech word
            if words[j][2] in lex.openers or lex.strip_conj(words[j][2]) in lex.openers:
                opener = j
                break
        opener_pos = words[opener][0] if opener is not None else end_lim
        para_start = _para_start(view, h.vstart)
        inside = view.count(_QUOTE_CHARS, para_start, h.vend) % 2 == 1
        pos = h.vend
        span = None
        while True:
            q = view.find(_QUOTE_CHARS, pos, min(end_lim, para_end))
            if q == -1 or words_between(words, tw, q) > limit:
                break
            if inside:  # this mark closes a quotation the trigger stands in
                inside = False
                pos = q + 1
                continue
            close = _closing_quote(view, q, para_end)
            ve = close if close != -1 else min(end_lim, para_end)
            if _three_words(view, q + 1, ve) and not self._name_only(q + 1, ve):
                if q <= opener_pos or opener is None:
                    span = (q + 1, ve)
                break
            pos = (close + 1) if close != -1 else ve
        if span is None and opener is not None and opener + 1 < len(words):
            vs = words[opener + 1][0]
            between = view[words[opener][1]: vs]
            ve = self._clause_end(view, words, opener + 1, end_lim, lex)
            if '"' in between:
                close = _closing_quote(view, view.rfind('"', 0, vs), para_end)
                if close != -1 and _three_words(view, vs, close):
                    ve = close
            span = (vs, ve)
        intro = tw > 0 and (
            lex.strip_conj(words[tw - 1][2]) in lex.attribution_intro
            or (tw > 1 and words[tw - 1][2] in lex.negative and lex.strip_conj(words[tw - 2][2]) in lex.relative_ma)
        )
        if span is None and not intro and _nword(h.trigger.lemma) in lex.complement_lemmas:
            j = tw + 1
            cands = [c for c in (sent.cands or []) if c.fw >= j]
            steps = 0
            while j < len(words) and words[j][0] < end_lim and steps < 6:
                w = lex.strip_conj(words[j][2])
                c = next((c for c in cands if c.fw == j and c.layer in ("entities", "np")), None)
                if c is not None and (c.prep is None or (c.fw == tw + 1 and not c.prep_attached)):
                    j = c.lw + 1  # (a trigger spelled like a preposition, "عبر", is no preposition)
                elif w in lex.complement_skip or words[j][2] in lex.complement_skip or w in lex.adverbs:
                    j += 1
                else:
                    break
                steps += 1
            if j < len(words) and words[j][0] < end_lim and steps < 6:
                span = (words[j][0], self._clause_end(view, words, j, end_lim, lex))
        if span is None:
            span = self._colon_clause(view, words, tw, end_lim, lex)
        if span is None:
            span = self._attributed_clause(view, words, sent, tw, lex)
        if span is None:
            return None
        vs, ve = span
        while ve > vs and (view[ve - 1].isspace() or view[ve - 1] in '".،,:؛;'):
            ve -= 1
        while vs < ve and (view[vs].isspace() or view[vs] in '"'):
            vs += 1
        if ve <= vs:
            return None
        return _Cand("quote", None, vs, ve, "QUOTE", None)

    def _clause_end(self, view, words, j: int, end_lim: int, lex) -> int:
        """End of the reported clause starting at word ``j``: the sentence end, a comma
        followed by a connector ("، فيما رجح", "، وذلك في تصريحات") or by a verb continuing
        the turn ("، ثم تابع: ..."), or a speech participle that opens a clause of its own
        ("... واستقرارنا مبيناً أن", speech.yaml ``participles``)."""
        S = _speech_lex()
        parts = S["participles"]
        forms = S.get("participle_forms")
        if forms is None:  # the participles with و/ف attached: one set lookup per word
            forms = S["participle_forms"] = frozenset(parts | {c + p for c in lex.conj for p in parts})
        hits = self._frame_hits.get("STATEMENT", ())
        k = j + 1
        while k < len(words) and words[k][0] < end_lim:
            pe = words[k - 1][1]
            w = words[k][2]
            if words[k][0] - pe == 1 and view[pe] == " ":  # a plain space: only a participle with its opener ends
                if w in forms and self._participle_clause(view, words, k, end_lim, lex, strong=False) is not None:
                    return pe
                k += 1
                continue
            gap = view[pe: words[k][0]]
            core = lex.strip_conj(w)
            comma = "،" in gap or "," in gap
            semi = comma or "؛" in gap or ";" in gap  # "...؛ مؤكداً أن" (a semicolon in some outlets)
            if comma and (w in lex.content_stops or core in lex.content_stops):
                return pe
            if semi and (core in parts or core in S["enders"]):
                return pe
            if core in parts and self._participle_clause(view, words, k, end_lim, lex, strong=False) is not None:
                return pe
            if semi and self._continuation_at(view, words, k, end_lim, lex) is not None:
                return pe
            if semi and k in hits:
                return pe  # "، أكد وزير الدفاع ... أن": another speech verb takes the floor
            k += 1
        return end_lim

    # ------------------------------------------------ further clauses of one mention
    def _contents(self, doc, view, words, sent, h, lex, limit) -> list[_Cand]:
        """Every reported clause of the mention: the first (:meth:`_quote`) and those its
        speaker goes on with in the same sentence, each a ``content`` value of its own:
        speech participles ("، مؤكداً أن ...، مبيناً أن ...") and continuation verbs with a
        dropped subject ("، ثم تابع: ..."). A participle or verb that is a trigger itself ends
        the chain: its own mention takes that clause (one value per mention, as the per-mention
        gold has it) and joins the turn. A bounded chain (speech.yaml ``max_clauses``)."""
        q = self._quote(doc, view, words, sent, h, lex, limit)
        if q is None:
            return []
        out = [q]
        end_lim = sent.vend
        for _ in range(_speech_lex()["max_clauses"]):
            nxt = self._next_clause(view, words, out[-1].vend, end_lim, lex)
            if nxt is None or nxt.vstart < out[-1].vend:
                break
            out.append(nxt)
        return out

    def _next_clause(self, view, words, pos: int, end_lim: int, lex) -> _Cand | None:
        """The clause a participle or a continuation verb opens right after offset ``pos``
        (only punctuation and quotation marks between), or None."""
        k = bisect.bisect_left(self._wstarts, pos)
        if k >= len(words) or words[k][0] >= end_lim:
            return None
        if any(ch in ".!?؟\n" for ch in view[pos: words[k][0]]):
            return None
        if words[k][2] in self._speech_lex_then() and k + 1 < len(words):
            nk = k + 1
        else:
            nk = k
        if nk in self._hit_words:
            return None  # a trigger itself ("، مضيفاً أن"): its own mention has the clause and goes on
        core = lex.strip_conj(words[k][2])
        if core in _speech_lex()["participles"]:
            start = self._participle_clause(view, words, k, end_lim, lex, strong=True)
            if start is None:
                return None
            return self._span(view, words[start][0], self._clause_end(view, words, start, end_lim, lex))
        got = self._continuation_at(view, words, k, end_lim, lex)
        if got is None:
            return None
        return self._span(view, got[0], got[1])

    @staticmethod
    def _speech_lex_then():
        return _speech_lex()["then"]

    def _participle_clause(self, view, words, j: int, end_lim: int, lex, strong: bool) -> int | None:
        """Word index where the clause of the speech participle at word ``j`` starts: after
        an opener within ``participle_reach`` words ("مبيناً أن"، "مطالباً الجميع بأن"); after a
        comma (``strong``) also after the words of ``participle_skip`` ("مشيداً في هذا الصدد
        بما") or at its object ("، مطالباً بإجراء تحقيق")."""
        S = _speech_lex()
        skipped = False
        first = None
        for k in range(j + 1, min(j + 1 + S["reach"], len(words))):
            if words[k][0] >= end_lim or any(ch in _BOUNDARY and ch != "،" for ch in view[words[k - 1][1]: words[k][0]]):
                break
            w = words[k][2]
            core = lex.strip_conj(w)
            if w in lex.openers or core in lex.openers:
                return k + 1 if k + 1 < len(words) and words[k + 1][0] < end_lim else None
            if first is None:
                if w in S["skip"] or core in S["skip"]:
                    skipped = True
                    continue
                first = k
        if first is not None and strong:
            return first  # (without a comma only an opener tells a participle: "حالات مؤكدة في جدة")
        return None

    def _continuation_at(self, view, words, k: int, end_lim: int, lex) -> tuple[int, int] | None:
        """A verb continuing the turn with a dropped subject at word ``k`` (after ثم too):
        the view span of the clause it introduces (after an opener, a colon or within a
        quotation that follows it at once), or None."""
        S = _speech_lex()
        if k < len(words) and words[k][2] in S["then"]:
            k += 1
        if k + 1 >= len(words) or words[k + 1][0] >= end_lim or lex.strip_conj(words[k][2]) not in S["cont"]:
            return None
        gap = view[words[k][1]: words[k + 1][0]]
        nxt = words[k + 1][2]
        if ":" in gap or (not gap.strip() and (nxt in lex.openers or lex.strip_conj(nxt) in lex.openers)):
            start = k + 2 if (nxt in lex.openers or lex.strip_conj(nxt) in lex.openers) else k + 1
            if start >= len(words) or words[start][0] >= end_lim:
                return None
            if _QUOTE_CHARS in view[words[start - 1][1]: words[start][0]]:
                close = _closing_quote(view, view.rfind(_QUOTE_CHARS, 0, words[start][0]), _para_end(view, words[start][0]))
                if close != -1 and _three_words(view, words[start][0], close):
                    return words[start][0], close
            return words[start][0], self._clause_end(view, words, start, end_lim, lex)
        if _QUOTE_CHARS in gap:
            q = view.find(_QUOTE_CHARS, words[k][1])
            close = _closing_quote(view, q, _para_end(view, q))
            if close != -1 and _three_words(view, q + 1, close):
                return q + 1, close
        return None

    def _colon_clause(self, view, words, tw: int, end_lim: int, lex) -> tuple[int, int] | None:
        """The clause after a colon that follows the trigger within ``colon_reach`` words,
        with no quotation or opener ("وقال المرصد في بيان: نفذ أكثر من ..."); at least
        three words, and no connector after a comma before the colon."""
        reach = _speech_lex()["colon_reach"]
        for j in range(tw + 1, min(tw + 1 + reach, len(words))):
            if words[j][0] >= end_lim:
                return None
            gap = view[words[j - 1][1]: words[j][0]]
            if any(ch in ".!?؟\n؛;" for ch in gap):
                return None
            if ":" in gap:
                if not _three_words(view, words[j][0], end_lim):
                    return None
                return words[j][0], self._clause_end(view, words, j, end_lim, lex)
            if ("،" in gap or "," in gap) and (words[j][2] in lex.content_stops or lex.strip_conj(words[j][2]) in lex.content_stops):
                return None
        return None

    def _attributed_clause(self, view, words, sent, tw: int, lex) -> tuple[int, int] | None:
        """The clause an attribution tells ("قتل 28 عنصرا ...، وفق ما أعلن المرصد"، "وبحسب
        المصادر فقد قتل ..."): the trigger is the attribution word (بحسب، وفق ...) or follows
        one (وفق ما، حسبما، كما). After a comma the clause is the sentence before it; at the
        head of the sentence it is what follows the source, after a comma or a resuming word
        (speech.yaml ``attribution_resume``: فقد، فإن)."""
        S = _speech_lex()
        stops = lex.attribution_stops
        a = None
        if lex.strip_conj(words[tw][2]) in stops:
            a = tw
        elif tw > 0 and lex.strip_conj(words[tw - 1][2]) in S["intro"]:  # (not "كما أعربت": "also")
            a = tw - 1
        elif tw > 1 and words[tw - 1][2] in S["ma"] and lex.strip_conj(words[tw - 2][2]) in stops:
            a = tw - 2
        if a is None:
            return None
        first = bisect.bisect_left(self._wstarts, sent.vstart)
        if a > first + 2 and any(ch in "،," for ch in view[words[a - 1][1]: words[a][0]]):
            if not _three_words(view, words[first][0], words[a - 1][1]):
                return None
            return words[first][0], words[a - 1][1]
        if a > first + 1:
            return None
        for k in range(tw + 1, min(tw + 1 + S["colon_reach"], len(words))):
            if words[k][0] >= sent.vend:
                return None
            gap = view[words[k - 1][1]: words[k][0]]
            w = words[k][2]
            start = None
            if any(ch in "،," for ch in gap):
                start = k + 1 if w in S["resume"] else k  # "ووفقا لـ«رويترز»، فقد أظهرت"
            elif w in S["resume"]:
                start = k + 1
            if start is not None:
                if start >= len(words) or words[start][0] >= sent.vend:
                    return None
                return words[start][0], self._clause_end(view, words, start, sent.vend, lex)
        return None

    @staticmethod
    def _span(view, vs: int, ve: int) -> _Cand | None:
        while ve > vs and (view[ve - 1].isspace() or view[ve - 1] in '".،,:؛;'):
            ve -= 1
        while vs < ve and (view[vs].isspace() or view[vs] in '"'):
            vs += 1
        if ve <= vs:
            return None
        return _Cand("quote", None, vs, ve, "QUOTE", None)

    # -------------------------------------------------------- factuality


#: characters read either side of a trigger for its paragraph (quotations are bounded)
_PARA_REACH = 4000


def _para_start(view: str, pos: int) -> int:
    """Start of the paragraph (line) holding ``pos``, at most ``_PARA_REACH`` characters back.
    The search never goes further, so one endless line costs linear time, not quadratic."""
    lo = max(pos - _PARA_REACH, 0)
    return view.rfind("\n", lo, pos) + 1 or lo


def _para_end(view: str, pos: int) -> int:
    """End of the paragraph holding ``pos`` (its line break), at most ``_PARA_REACH`` characters on."""
    hi = min(pos + _PARA_REACH, len(view))
    i = view.find("\n", pos, hi)
    return hi if i == -1 else i


#: quote marks examined after an opening mark before giving up on finding its closing one
_MAX_QUOTE_MARKS = 24


def _closing_quote(view: str, q: int, limit: int) -> int:
    """Offset of the mark that closes the quotation opened at ``q`` (-1 if none).

    A mark after a space and before a letter opens a nested quotation ("إرادة النصر").
    """
    depth = 0
    i = q + 1
    for _ in range(_MAX_QUOTE_MARKS):  # a real quotation nests a few quoted names at most
        i = view.find(_QUOTE_CHARS, i, limit)
        if i == -1:
            return -1
        before = view[i - 1] if i > 0 else " "
        after = view[i + 1] if i + 1 < len(view) else " "
        if (before.isspace() or before in "(") and after.isalnum():
            depth += 1
        elif depth:
            depth -= 1
        else:
            return i
        i += 1
    return -1  # runs of quote marks ("قال" "قال" ...): no closing mark is read that far


def words_between(words, tw: int, vpos: int) -> int:
    n = 0
    for j in range(tw + 1, len(words)):
        if words[j][0] >= vpos:
            break
        n += 1
    return n
