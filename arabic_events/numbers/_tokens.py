"""Tokens and values of the number finder: the token regex, the token/item/core records,
digit-string values and clitic stripping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ._lexicon import ARTICLE, ARTICLE_PREFIXES, CLITICS, Atom

_TOKEN_RE = re.compile(
    r"(?P<date>\d{1,4}[ \t]*-[ \t]*\d{1,2}[ \t]*-[ \t]*\d{1,4}|\d+(?:[ \t]*/[ \t]*\d+)+)"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<tap>\d+\u0631\d+)(?![\u0621-\u064a])"
    r"|(?P<num>(?<![\w.])\.\d+(?![.,]\d)|\d+(?:[.,]\d+|\u060c\d{3}(?!\d))*)"
    r"|(?P<ar>[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<lat>[a-z\u00c0-\u024f]+)"
    r"|(?P<p>\S)",  # whitespace is skipped: a token after a skipped run has ``gap``
    re.S,
)
_COMMA_DECIMAL = re.compile(r"^\d{1,3},\d{3}$")
# clitics (and the article with them) that may be glued to digits: "بـ5200", "لل2000"
_DIGIT_CLITICS = frozenset(CLITICS) | frozenset(ARTICLE_PREFIXES)
_NBSP = "\u00a0\u202f\u2009\u2007"
_OPEN = set('"(\'[{')
_CLOSE = set('")\']}')
_FATHATAN = "\u064b"
_INF = float("inf")
_NOATOM = Atom("none")
_VAGUE_SCALE = {1000: "thousands", 10**6: "millions", 10**9: "billions", 10**12: "trillions"}
_COUNT_CATEGORIES = {"person", "object", "currency", "place", "event"}


@dataclass(slots=True)
class Tok:
    kind: str  # num | ar | lat | p | date | time
    text: str
    s: int
    e: int
    gap: bool  # whitespace right before
    num: str = ""  # digits with separators (num tokens; merged space groups)


@dataclass(slots=True)
class Item:
    """A number word or digit group at a token, with its span on the view."""

    atom: Atom | None
    digits: Fraction | None
    conj: bool
    s: int
    e: int
    k: int  # index of the token it came from
    k_next: int
    alt: Fraction | None = None  # other reading of "12.500"


@dataclass
class Core:
    value: Fraction | None
    kind: str
    s: int
    e: int
    k0: int
    k_end: int  # index of the first token after the core
    source: str
    approx: str | None = None
    digits_only: bool = False
    alt: Fraction | None = None
    has_scale: bool = False


def to_value(x: Fraction | None) -> int | float | None:
    """int when integral, else a float rounded to 4 places."""
    if x is None:
        return None
    if x.denominator == 1:
        return int(x)
    return round(float(x), 4)


@lru_cache(maxsize=16384)
def _digits_value(raw: str) -> tuple[Fraction | None, Fraction | None]:
    """Value of a digit string with separators, and the other reading of a lone ``d.ddd``."""
    if len(raw) > 40:  # no quantity is written with this many digits: an id or garbage
        return None, None
    if "\u060c" in raw:  # Arabic comma between groups of three: "13،299،024"
        groups = raw.split("\u060c")
        if "," in raw or "." in groups[-1] or not _grouped(groups):
            return None, None
        return Fraction("".join(groups)), None
    if "," in raw and "." in raw:
        last_c, last_d = raw.rfind(","), raw.rfind(".")
        thou, dec = (",", ".") if last_d > last_c else (".", ",")
        head, _, tail = raw.rpartition(dec)
        groups = head.split(thou)
        if thou in tail or not _grouped(groups):
            return None, None
        return Fraction("".join(groups) + "." + tail), None
    for sep in (",", "."):
        if sep in raw:
            groups = raw.split(sep)
            if len(groups) > 2:
                return (Fraction("".join(groups)), None) if _grouped(groups) else (None, None)
            head, tail = groups
            if sep == "," and _grouped(groups):
                return Fraction(head + tail), None
            dec = Fraction(head + "." + tail)
            if sep == "." and _grouped(groups) and head != "0":
                return dec, Fraction(head + tail)
            return dec, None
    return Fraction(int(raw)), None


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])


@lru_cache(maxsize=65536)
def _strip_word(w: str) -> tuple[tuple[str, int], ...]:
    """(stem, offset) readings of a word with its leading clitics removed."""
    out = []
    for c in CLITICS:
        if w.startswith(c) and len(w) > len(c) + 1:
            out.append((w[len(c) :], len(c)))
    if w.startswith("لل") and len(w) > 3:
        out.append((ARTICLE + w[2:], 1))
    return tuple(out)
