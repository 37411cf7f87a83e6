"""Quantities in Arabic news text: digits, number words, ordinals, fractions, percents.

>>> from arabic_events.numbers import parse_number, find_quantities
>>> parse_number("نحو ثلاثة آلاف وخمسمئة جندي").value
3500

``find_quantities(text_or_doc)`` returns every :class:`~arabic_events.doc.Quantity`
in a text (or a :class:`~arabic_events.doc.Doc`), with offsets into the original text.
The output schema, every ``kind``/``approx`` value and the supported forms are
documented in ``docs/numbers.md``.
"""

from __future__ import annotations

from ..doc import Doc, Quantity
from ..errors import InputError
from ..normalize import NormalizedText, normalize

__all__ = ["parse_number", "find_quantities"]

def _norm_of(text_or_doc: str | Doc) -> NormalizedText:
    if isinstance(text_or_doc, Doc):
        return text_or_doc.norm
    if isinstance(text_or_doc, str):
        return NormalizedText(text_or_doc)
    raise InputError(
        f"find_quantities expects a str or an arabic_events.Doc, not {type(text_or_doc).__name__}"
    )


def find_quantities(text_or_doc: str | Doc, *, dialect: bool = False) -> list[Quantity]:
    """Every quantity expression in ``text_or_doc``, in text order.

    Numbers that belong to dates, clock times, names, identifiers and phone numbers
    are left out. Offsets index the original text (``doc.text`` for a Doc).
    ``dialect`` also reads colloquial Egyptian/Levantine number words ("حداشر", "متين").
    """
    from ._engine import find

    if isinstance(text_or_doc, Doc) and text_or_doc.tokens:
        doc = text_or_doc
        return find(doc.norm, dialect=dialect, words=(doc.tokens, doc.token_view_starts()))
    return find(_norm_of(text_or_doc), dialect=dialect)


def parse_number(text: str) -> Quantity | None:
    """Parse one quantity expression ("ثلاثة آلاف وخمسمئة", "2.5 مليون", "الرابعة", "25%").

    Returns the :class:`Quantity` when ``text`` is a single expression (leading clitics,
    surrounding punctuation and a trailing counted noun allowed), else ``None``. A bare
    year-like number ("2020") is read as a number here, unlike in running text.
    """
    from ._engine import find
    from ._lexicon import ARTICLE_PREFIXES, CLITICS

    if not isinstance(text, str):
        raise InputError(f"parse_number expects a str, not {type(text).__name__}")
    norm = NormalizedText(text)
    found = find(norm, bare_years=True, zero=True)
    if len(found) != 1:
        return None
    q = found[0]
    lead = normalize(text[: q.start]).strip(" \t\n\"'(«")
    if lead and not (set(lead) <= set("".join(CLITICS)) or lead in ARTICLE_PREFIXES):
        return None
    tail = text[q.end :]
    if q.unit_start is not None:
        tail = text[q.end : q.unit_start] + " " + text[q.unit_end :]
    if any(ch.isalnum() for ch in normalize(tail)):
        return None
    return q
