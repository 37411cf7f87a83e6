"""Required literals of a trigger pattern: a cheap test that a pattern cannot match a text.

``required_literals(pattern)`` returns strings one of which every match of ``pattern``
contains (``None`` when no such set is found). The events component skips a multi-word
trigger pattern on a document whose view contains none of them: ``str in str`` is a fast
C search, while running the pattern (most start with a look-behind and an optional clitic
class, so the engine tries every position) cost about a tenth of the events stage.

The analysis reads the pattern with Python's own regular-expression parser. Patterns use
the ``regex`` module, whose syntax is a superset: a pattern with a construct the two
parsers could read differently (``\\p{..}``, POSIX classes, fuzzy ``{e<=1}``, inline flags,
anything that does not parse) gets ``None``, i.e. is always run. Only what a match must
consume counts: literals, small character sets and alternations of them, ``?`` over them;
look-arounds and anchors consume nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MAX = 64  # largest set of strings followed through a pattern

# constructs that the regex module reads differently from Python's parser (or that Python's
# parser reads as literals): Unicode properties, POSIX classes, fuzzy/curly forms that are
# not a plain {m,n} repeat, inline flags, set operations, named lists
_UNSAFE = re.compile(r"\\[pPNXmMGKLQE]|\[:|\{(?!\d*,?\d*\})|\(\?(?!P[<=])[a-zA-Z^]|\(\?[|&>]|\[\[|--|&&|\|\||~~|\\L<")


@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or ``None``."""
    if _UNSAFE.search(pattern):
        return None
    try:
        parsed = _p.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    req = _req_seq(list(parsed))
    if not req or "" in req:
        return None
    return tuple(sorted(req))


def _exact(node) -> set[str] | None:
    """The finite set of strings ``node`` can match (at most ``_MAX``), else ``None``."""
    op, av = node
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        chars = set()
        for o, a in av:
            if o is not _c.LITERAL:  # NEGATE, RANGE, CATEGORY
                return None
            chars.add(chr(a))
        return chars if len(chars) <= _MAX else None
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:...)
            return None
        return _exact_seq(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            e = _exact_seq(b)
            if e is None:
                return None
            out |= e
        return out if len(out) <= _MAX else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, item = av
        if (lo, hi) not in ((0, 1), (1, 1)):
            return None
        e = _exact_seq(item)
        if e is None:
            return None
        return e | {""} if lo == 0 else e
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return {""}  # zero-width: consumes nothing
    return None


def _exact_seq(seq) -> set[str] | None:
    out = {""}
    for node in seq:
        e = _exact(node)
        if e is None:
            return None
        out = {a + b for a in out for b in e}
        if len(out) > _MAX:
            return None
    return out


def _req(node) -> set[str] | None:
    """Strings one of which every match of ``node`` contains, or ``None``."""
    op, av = node
    e = _exact(node)
    if e is not None:
        return None if "" in e else e
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _req_seq(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            r = _req_seq(b)
            if r is None:
                return None
            out |= r
        return out if len(out) <= _MAX else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _req_seq(av[2])
    return None


def _req_seq(seq) -> set[str] | None:
    """The best requirement of a sequence: a run of consecutive exact nodes (their
    concatenations) or the requirement of one node (see :func:`_better`)."""
    nodes = list(seq)
    exact = [_exact(n) for n in nodes]
    found: list[set[str]] = []
    for i, node in enumerate(nodes):
        if exact[i] is None:
            r = _req(node)
            if r:
                found.append(r)
            continue
        run = {""}
        for j in range(i, len(nodes)):  # every run of exact nodes starting at i
            if exact[j] is None:
                break
            run = {a + b for a in run for b in exact[j]}
            if len(run) > _MAX:
                break
            if "" not in run:
                found.append(run)
    found = [_minimal(f) for f in found if f and "" not in f]
    if not found:
        return None
    return max(found, key=_better)


def _minimal(strings: set[str]) -> set[str]:
    """Drop a string that contains another of the set (where it occurs, so does the other)."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def _better(strings: set[str]) -> tuple:
    """Few strings (each is one search of the text) of at least three letters, then longer."""
    shortest = min(len(s) for s in strings)
    return (shortest >= 3, -len(strings), shortest)
