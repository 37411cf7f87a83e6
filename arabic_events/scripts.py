"""Which language a sentence written in the Arabic script is in.

Persian, Urdu, Pashto and Kurdish share the Arabic script; Arabic models and lexicons
applied to them produce junk (Persian ``را`` tagged PER). :func:`sentence_language`
returns ``"ar"`` for Arabic, another ISO 639-1 code for a sentence that is clearly in
another Arabic-script language, and ``None`` when the text has no Arabic-script letter.
The letters and function words it weighs live in ``data/scripts/languages.yaml`` (with an
example corpus in ``data/scripts/examples.tsv``); see docs/reliability.md.

The tokenizer stores the result on every :class:`~arabic_events.doc.Sentence`
(``lang``); components that only know Arabic skip sentences whose ``lang`` is
neither ``"ar"`` nor ``None`` (:meth:`Doc.is_arabic`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

__all__ = ["sentence_language", "non_arabic_letters", "ARABIC"]

ARABIC = "ar"

# letters of the Arabic script block(s), any language
_SCRIPT_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9]")
_WORD = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9"
                   "\u064b-\u065f\u0670\u0640]+")
_STRIP = re.compile("[\u064b-\u065f\u0670\u0640]")
# Persian-keyboard yeh/kaf/heh folded before Arabic function words are compared (الحکومة)
_FOLD = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u06c0": "\u0647"})
_ARTICLE = re.compile("^[\u0648\u0641]?[\u0628\u0644\u0643]?\u0627\u0644.{2,}")


@dataclass(frozen=True)
class _Lang:
    code: str
    strong: frozenset[str]
    weak: frozenset[str]
    markers: frozenset[str]


@dataclass(frozen=True)
class _Model:
    arabic_letters: frozenset[str]
    arabic_markers: frozenset[str]
    langs: tuple[_Lang, ...]
    marked: re.Pattern  # any strong or weak letter of another language
    all_markers: frozenset[str]  # the function words of every other language


@lru_cache(maxsize=1)
def _model() -> _Model:
    from ._data import load_yaml
    from .errors import DataError

    d = load_yaml("scripts/languages.yaml")
    try:
        ar = d["arabic"]
        langs = tuple(
            _Lang(code, frozenset(spec["strong"]), frozenset(spec.get("weak", "")),
                  frozenset(spec.get("markers", ())))
            for code, spec in d["languages"].items()
        )
        model = _Model(frozenset(ar["letters"]), frozenset(m.translate(_FOLD) for m in ar["markers"]), langs,
                       re.compile("[" + re.escape("".join(sorted(set().union(*(l.strong | l.weak for l in langs))))) + "]"),
                       frozenset().union(*(l.markers for l in langs)))
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"scripts/languages.yaml is malformed: {exc}") from exc
    for lang in langs:
        clash = (lang.strong | lang.weak) & model.arabic_letters
        if clash:
            raise DataError(f"scripts/languages.yaml: {lang.code} letters {sorted(clash)} are also Arabic letters")
    return model


def non_arabic_letters() -> frozenset[str]:
    """Letters of other Arabic-script languages that Arabic does not use."""
    m = _model()
    return frozenset().union(*(l.strong | l.weak for l in m.langs))


def sentence_language(text: str | Iterable[str]) -> str | None:
    """``"ar"``, another language code (``fa``, ``ur``, ``ps``, ``ku``) or ``None``.

    ``text`` is a sentence or its words. Linear in its length.
    """
    joined = text if isinstance(text, str) else " ".join(text)
    words = _WORD.findall(joined)
    if not words:
        return None
    m = _model()
    if m.marked.search(joined) is None and m.all_markers.isdisjoint(words) \
            and (_STRIP.search(joined) is None or m.all_markers.isdisjoint(_STRIP.sub("", w) for w in words)):
        return ARABIC  # no letter and no function word of another language: nothing to weigh
    arabic = 0.0
    score = {lang.code: 0.0 for lang in m.langs}
    for raw in words:
        w = _STRIP.sub("", raw) if _STRIP.search(raw) else raw
        if not w:
            continue
        folded = w.translate(_FOLD)
        if folded in m.arabic_markers or _ARTICLE.match(folded) or any(c in m.arabic_letters for c in w):
            arabic += 1
        if m.marked.search(w) is None:
            for lang in m.langs:
                if w in lang.markers:
                    score[lang.code] += 1
            continue
        letters = set(w)
        for lang in m.langs:
            if letters & lang.strong:
                score[lang.code] += 1
            elif letters & lang.weak:
                score[lang.code] += 0.5
            if w in lang.markers:
                score[lang.code] += 1
    best = max(m.langs, key=lambda lang: score[lang.code])  # ties: the first in the file
    if score[best.code] > arabic and score[best.code] >= 1:
        return best.code
    return ARABIC
