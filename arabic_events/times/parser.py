"""Find time expressions on the normalized view and resolve them against a reference date.

Three stages, after Duckling's parse-then-resolve design:

1. *atoms*: regex rules built from the data lexicons (``arabic_events/data/times``)
   match on ``doc.norm.text`` and produce a partial semantic value (a ``sem`` dict);
   overlapping candidates are settled longest-first.
2. *wrappers*: a parenthesised weekday/date double, a part of period (أواخر،
   مطلع ...), a comparator (نحو، أقل من ...), a temporal preposition (منذ، قبل، بعد،
   خلال ...) or a range (من ... إلى، بين ... و) extends an expression and changes its
   value.
3. *resolution*: ``sem`` -> TIMEX3-style ``value`` given the reference date; without a
   reference relative values stay relative ("-P1D", "XXXX-03-26").

The stages live in ``_grammar`` (rules), ``_handlers`` (match -> partial value),
``_compose`` (scanning and composition) and ``_resolve`` (values); this module is their
public face.
"""

from __future__ import annotations

from ._compose import scan
from ._grammar import _grammar
from ._resolve import detect_dateline, resolve, to_time_exprs
from ._types import Match

__all__ = ["Match", "scan", "resolve", "detect_dateline", "to_time_exprs", "_grammar"]
