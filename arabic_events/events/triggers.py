"""Trigger context rules (``near``/``not_near``/``not_prev``) of the events component.

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ._common import _Lexicon, _nset
from ._morph import strip_noun_prefix, tables
from .frames import TriggerSpec


class TriggerMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _context_ok(self, trig: TriggerSpec, words, wi: int, lex: _Lexicon) -> bool:
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
