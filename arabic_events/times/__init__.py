"""Time expressions: find them, resolve them against the publication date.

>>> from arabic_events.times import parse_time
>>> parse_time("أمس (الأحد)", reference="2020-03-30").value
'2020-03-29'
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..doc import Doc, TimeExpr, parse_published

__all__ = ["parse_time", "find_times", "detect_published", "warm_up"]


def warm_up(month_families: Any = None, compile_all: bool = True) -> None:
    """Load the lexicons and build the grammar now, so that the first :func:`parse_time` /
    :func:`find_times` call is as fast as the others. With ``compile_all`` (the default) every
    rule's regex is compiled too (about 0.5-2 s); without it each rule compiles on the first text
    that contains its gate word (a few ms each). Building a pipeline with the ``times``
    component calls ``warm_up(compile_all=False)``, which keeps ``ae.load()`` short. Idempotent
    and thread-safe (the results are cached)."""
    from ..normalize import NormalizedText
    from .parser import _grammar

    families = tuple(sorted(month_families)) if month_families is not None else None
    rules = _grammar(families)[0]
    if compile_all:
        for _name, rx, _h, _gate in rules:
            rx.get()
    NormalizedText("\u0627")  # import the normalizer backend (one letter, alef)


def _norm_of(text_or_doc: Any):
    if isinstance(text_or_doc, Doc):
        return text_or_doc, text_or_doc.norm
    if isinstance(text_or_doc, str):
        from ..normalize import NormalizedText

        return None, NormalizedText(text_or_doc)
    from ..errors import InputError

    raise InputError(f"find_times needs a str or a Doc, not {type(text_or_doc).__name__}")


def _dateline_zone(doc: Doc | None):
    if doc is None:
        return None
    z = doc.zone("dateline")
    return (z.start, z.end) if z is not None else None


def detect_published(text_or_doc: Any) -> _dt.date | None:
    """The publication date printed in a dateline of the text, or ``None``."""
    from .parser import detect_dateline, scan

    doc, norm = _norm_of(text_or_doc)
    found = detect_dateline(scan(norm), norm, _dateline_zone(doc))
    return found[0] if found else None


def find_times(text_or_doc: Any, reference: Any = None, *, detect_dateline: bool = True,
               month_families: Any = None) -> list[TimeExpr]:
    """Every time expression of a text or :class:`~arabic_events.doc.Doc`, resolved.

    ``reference`` (ISO string, ``date`` or ``datetime``) anchors relative expressions;
    it defaults to ``doc.published`` and then, when ``detect_dateline`` is true, to the
    date of a dateline found in the text. Without any reference relative values stay
    relative ("-P1D", "XXXX-03-26"). The doc is not modified. ``month_families``
    restricts the Gregorian month tables (``"egyptian_gulf"``, ``"levantine_iraqi"``,
    ``"maghrebi"``; default all).
    """
    from .parser import detect_dateline as _detect, scan, to_time_exprs

    doc, norm = _norm_of(text_or_doc)
    ref = parse_published(reference)
    if ref is None and doc is not None:
        ref = doc.published
    xs = scan(norm, tuple(month_families) if month_families is not None else None)
    if ref is None and detect_dateline:
        found = _detect(xs, norm, _dateline_zone(doc))
        if found:
            ref = found[0]
    return to_time_exprs(xs, norm, ref)


def parse_time(text: str, reference: Any = None) -> TimeExpr | None:
    """The main time expression of a short text (the longest one found), or ``None``."""
    if not isinstance(text, str):
        from ..errors import InputError

        raise InputError(f"parse_time needs a str, not {type(text).__name__}")
    found = find_times(text, reference, detect_dateline=False)
    if not found:
        return None
    return max(found, key=lambda t: (t.end - t.start, -t.start))
