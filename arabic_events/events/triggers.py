"""Trigger context rules (``near``/``not_near``/``not_prev``) of the events component.

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from ..normalize import normalize
from ._common import _BOUNDARY, _Lexicon, _nset, _nword
from ._morph import strip_noun_prefix, tables
from .frames import TriggerSpec

_SENSES: dict[str, Any] | None = None


def senses() -> dict[str, Any]:
    """The shared trigger sense rules of ``data/events/senses.yaml`` (normalized, loaded once)."""
    global _SENSES
    if _SENSES is None:
        from .._data import load_yaml

        d = load_yaml("events/senses.yaml")
        n = lambda xs: frozenset(normalize(x) for x in xs)  # noqa: E731
        _SENSES = {
            "speech": n(d["speech_lemmas"]),
            "documents": n(d["document_subjects"]),
            "which": n(d["which_words"]),
            "complements": n(d["complement_words"]),
            "scripture": n(d["scripture_next"]),
            "verb_not_after": n(d["verb_not_after"]),
            "relative_ma": n(d["relative_ma"]),
            "condemn": n(d.get("condemn_words", ())),
            "verb_not_after_heads": n(d.get("verb_not_after_heads", ())),
            "nisba_nouns": n(d.get("nisba_speech_nouns", ())),
            "plural_not_speech": n(d.get("plural_not_speech", ())),
            "homographs": {normalize(k): n(v) for k, v in (d.get("preposition_homographs") or {}).items()},
            "impersonal": {normalize(k): n(v) for k, v in (d.get("impersonal_forms") or {}).items()},
            "thing_lemmas": n((d.get("thing_objects") or {}).get("lemmas", ())),
            "things": n((d.get("thing_objects") or {}).get("things", ())),
            "people": n((d.get("thing_objects") or {}).get("people", ())),
            "thing_window": int((d.get("thing_objects") or {}).get("window", 10)),
            "nisba_endings": tuple(sorted(n(d.get("nisba_endings", ())), key=len, reverse=True)),
            "relative_ma_after": n(d["relative_ma_after"]),
        }
    return _SENSES


class TriggerMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _next_word(self, words, wi: int, step: int, lex: _Lexicon) -> str | None:
        """The word next to ``words[wi]`` (``step`` -1 or +1) without و/ف, when no
        punctuation stands between them; else None."""
        k = wi + step
        if k < 0 or k >= len(words):
            return None
        lo, hi = (words[k][1], words[wi][0]) if step < 0 else (words[wi][1], words[k][0])
        if any(ch in _BOUNDARY or ch in '"«»“”' for ch in self.doc.norm.text[lo:hi]):
            return None
        return lex.strip_conj(words[k][2]) if step > 0 else words[k][2]

    def _taa_read_as_pronoun(self, trig: TriggerSpec, words, wi: int) -> bool:
        """The view folds ة to ه, so a noun ending in ة can look like a trigger noun with
        the pronoun ه ("سيولة" -> "سيوله"); the original letter tells them apart."""
        ws, we = words[wi][0], words[wi][1]
        w = words[wi][2]
        if not w.endswith("ه"):
            return False
        ostart, oend = self.doc.norm.to_original(ws, we)
        if self.doc.text[ostart:oend].rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")[-1:] != "\u0629":
            return False
        names = {_nword(trig.lemma), *(_nword(f) for f in trig.forms)}
        stems = strip_noun_prefix(w)
        if any(st in names for st in stems):
            return False  # the lemma itself ends in ة ("إصابة")
        return any(st[:-1] in names for st in stems)

    def _thing_object(self, words, wi: int, sn, lex: _Lexicon) -> bool:
        """A listed thing follows the trigger in its clause before any listed person."""
        view = self.doc.norm.text
        for k in range(wi + 1, min(wi + 1 + sn["thing_window"], len(words))):
            if any(ch in "،,.؛;:!?؟\n" for ch in view[words[k - 1][1]: words[k][0]]):
                return False
            w = words[k][2]
            forms = {w, lex.strip_conj(w), *strip_noun_prefix(w)}
            if forms & sn["people"]:
                return False
            if forms & sn["things"]:
                return True
        return False

    def _sense_context_ok(self, trig: TriggerSpec, words, wi: int, lex: _Lexicon) -> bool:
        """The shared sense rules of ``senses.yaml`` (word triggers; patterns keep their own
        context): an arrest word with a thing as object is none; a noun trigger is not a word
        in ة read as the noun + ه, nor a speech noun's nisba adjective or plural; a verb
        reading is not a preposition's homograph ("بين"), nor right after a preposition or a
        geographic head noun; a speech verb needs a subject that can speak (not a document or
        a set of figures, not a relative "ما يشير إلى", not a quoted verse)."""
        if trig.pattern:
            return True
        sn = senses()
        if _nword(trig.lemma) in sn["thing_lemmas"] and self._thing_object(words, wi, sn, lex):
            return False  # "ضبط المفتشون عددا من المخالفات": a thing, no detainee
        if trig.pos == "noun":
            lemma = _nword(trig.lemma)
            if self._taa_read_as_pronoun(trig, words, wi):
                return False  # "سيولة" (liquidity) is not "سيول" + "ه" (its floods)
            if lemma in sn["nisba_nouns"]:
                for stem in strip_noun_prefix(words[wi][2]):
                    if stem.startswith(lemma) and stem[len(lemma):] in sn["nisba_endings"]:
                        return False  # "عوائد إعلانية": an adjective, no statement
                    if lemma in sn["plural_not_speech"] and stem == lemma + "ات":
                        return False  # "إيرادات الإعلانات": advertisements
            return True
        if trig.pos != "verb":
            return True
        prev = self._next_word(words, wi, -1, lex)
        allowed = sn["homographs"].get(words[wi][2])
        if allowed is not None and prev is not None and lex.strip_conj(prev) not in allowed and prev not in allowed:
            return False  # "جسر بين البلدين": the preposition, not the verb بيّن
        # (a verb with و/ف opens a clause of its own: "في كل منطقة وأشار إلى")
        if prev is not None and words[wi][2][:1] not in lex.conj:
            if lex.strip_conj(prev) in sn["verb_not_after"]:
                return False  # "في كشفها": a verbal noun after a preposition
            if any(x in sn["verb_not_after_heads"] for x in (prev, *strip_noun_prefix(prev))):
                return False  # "بمحافظة أبين": a place name, not a verb
        if _nword(trig.lemma) not in sn["speech"]:
            return True
        nxt = self._next_word(words, wi, 1, lex)
        after = sn["impersonal"].get(lex.strip_conj(words[wi][2]))
        if after is not None and nxt is not None and nxt in after:
            return False  # "وتبين أن الحادث": it turned out, nobody explains
        if nxt is not None and (nxt in sn["documents"] or nxt in sn["scripture"]):
            return False  # "كشف التقرير أن"، "قال الله تعالى"
        if prev is not None and lex.strip_conj(prev) in sn["documents"]:
            return False  # "تقرير يوضح"، "الأرقام تشير"
        if prev is not None and prev.startswith("ال") and wi > 1:
            prev2 = self._next_word(words, wi - 1, -1, lex)
            if prev2 is not None and lex.strip_conj(prev2) in sn["documents"]:
                return False  # "التقارير الطبية تؤكد": a document and its adjective
        if prev is not None and prev in sn["which"] and nxt is not None and nxt in sn["complements"]:
            return False  # "مما يؤكد أن": no one speaks
        return True

    def _context_ok(self, trig: TriggerSpec, words, wi: int, lex: _Lexicon) -> bool:
        if not self._sense_context_ok(trig, words, wi, lex):
            return False
        if trig.not_prev and wi > 0:
            banned = _nset(trig.not_prev)
            prev = words[wi - 1][2]
            # the word itself, without و/ف, or without an attached preposition ("بخرق" -> "خرق");
            # not without ال: "الجيش تحرير" is not "جيش تحرير"
            forms = {prev, lex.strip_conj(prev)}
            forms |= {x[1:] for x in list(forms) if x[:1] in ("ب", "ل", "ك") and len(x) > 3 and x[1:3] != "ال"}
            if forms & banned:
                return False
        if not trig.near and not trig.not_near:
            return True
        lo, hi = wi + 1, wi + 1 + trig.window
        if trig.near_side == "before":
            lo, hi = wi - trig.window, wi
        elif trig.near_side == "any":
            lo, hi = wi - trig.window, wi + 1 + trig.window
        ctx = []
        for w in words[max(lo, 0): max(hi, 0)]:
            ctx.extend(strip_noun_prefix(w[2]))
            ctx.append(w[2])

        prons = tables()["pronouns"]

        def has(wordset: Sequence[str]) -> bool:
            targets, longs, shorts = _targets(tuple(wordset))
            for c in ctx:
                if c in targets or c.startswith(longs):
                    return True
            for t in shorts:
                # a short particle with an attached pronoun: "أنه", "إنها", "بأنهم"
                for c in ctx:
                    if c.startswith(t) and c[len(t):] in prons:
                        return True
            return False

        if trig.near and not has(trig.near):
            return False
        if trig.not_near and has(trig.not_near):
            return False
        return True

    # --------------------------------------------------------- candidates


@lru_cache(maxsize=4096)
def _targets(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """The normalized ``near``/``not_near`` words, those of three letters or more (matched
    as prefixes, ``str.startswith`` takes them all at once) and the shorter ones."""
    targets = _nset(words)
    return targets, tuple(t for t in targets if len(t) >= 3), tuple(t for t in targets if len(t) < 3)
