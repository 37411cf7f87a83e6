"""Shared pieces of the time grammar: regex building blocks and the scanned expression.

``Match.sem`` is the partial value (Duckling's "token value"): a dict whose keys are
listed in :class:`Sem`. Handlers build it from a regex match, the composition passes
(brackets, prepositions, ranges, clock anchoring) extend it, and resolution turns it
into a TIMEX3 value given a reference date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

__all__ = ["Match", "Sem", "S", "OS", "RB", "YEAR4", "DAY"]

S = r"\s+"
OS = r"\s*"
RB = r"(?![\p{L}\p{N}])"
YEAR4 = r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)"
DAY = r"(?<![\d.,/:-])(?:[12]\d|3[01]|0?[1-9])(?![\d:])"

_UNIT_ORDER = {"MIN": 0, "H": 1, "D": 2, "W": 3, "M": 4, "Y": 5, "DE": 6, "CE": 7}


class Sem(TypedDict, total=False):
    """The partial value of a time expression (every key optional).

    ``t`` (kind: date, hijri, holiday, dur, offset, ref, anaphor, time, set, interval);
    calendar fields ``y m d wd h mi s``; ``dir`` (past, future, current, past2,
    notfuture, recent); ``rel`` (unit, n) relative to the reference; ``rel_y``/``rel_m``
    (a month of a relative year / a relative month); ``season q half decade century``;
    ``wom`` (first/last week of a month), ``nth`` (n, weekday), ``moy`` (first/last, n
    months of a year); durations ``n u mod``; ``date`` (the day of a clock time or part
    of day), ``dp`` (part of day); intervals ``a b``; checks ``check_rel check_year``;
    anaphora ``unit n v kind``; ``flags``."""

    t: str
    y: int
    m: int
    d: int
    wd: int
    h: int
    mi: int
    s: int
    dir: str | None
    rel: tuple[str, int]
    n: int | None
    u: str
    mod: str | None


@dataclass
class Match:
    """A time expression on the view: ``[vs, ve)`` plus its partial value."""

    vs: int
    ve: int
    sem: dict[str, Any]
    rule: str
    mod: str | None = None
    flags: list[str] = field(default_factory=list)
    prep: str | None = None


