"""Scanning and composition: run the rules, settle overlaps longest-first, then combine
expressions (brackets, relative day + date chains, parts of periods, comparators,
temporal prepositions, ranges) and anchor clock times to the date of their clause."""

from __future__ import annotations

from ._grammar import _grammar
from ._handlers import _Ctx, _ampm
from ._lexicon import _norm, key_of, lexicon
from ._types import Match

# --------------------------------------------------------------------------- scanning
def scan(norm, families: tuple[str, ...] | None = None) -> list[Match]:
    """All time expressions of a :class:`NormalizedText`, unresolved, in text order.

    ``families``: Gregorian month families to read (``None`` = all)."""
    view = norm.text
    if not view.strip():
        return []
    families = tuple(sorted(families)) if families is not None else None
    rules, side = _grammar(families)
    L = lexicon(families)
    # the rules match on a view where lam + article reads as the article; context checks
    # (ctx.view) keep the plain view
    fview, lam = _fold_lam_article(view, side["lam_article"], _norm(L.words["article"][0]))
    ctx = _Ctx(view, norm, L, side, lam)
    cue = side["outlet_cue"]
    blocked = [] if cue is not None and cue not in view else [o.span() for o in side["outlets"].finditer(view)]
    cands: list[Match] = []
    n = len(fview)
    spans = side["gates"].spans(fview)
    windows: dict[int, list[tuple[int, int]]] = {}  # per gate (rules share gates)
    for prio, (name, rx, handler, gate) in enumerate(rules):
        if not spans[gate]:
            continue
        wins = windows.get(gate)
        if wins is None:
            wins = windows[gate] = _windows(spans[gate], n)
        matches = (m for a, b in wins for m in rx.finditer(fview, a, b))
        for m in matches:
            if m.end() == m.start():
                continue
            if blocked and any(s < m.end() and m.start() < e for s, e in blocked):
                continue
            sem = handler(m, ctx)
            if sem is None:
                continue
            x = Match(m.start(), sem.pop("_end", m.end()), sem, name, flags=list(sem.pop("flags", []) or []))
            if sem.get("mod"):
                x.mod = sem["mod"]
            x.prio = prio  # type: ignore[attr-defined]
            cands.append(x)
    cands.sort(key=lambda x: (-(x.ve - x.vs), x.vs, x.prio))  # type: ignore[attr-defined]
    taken: list[Match] = []
    occupied = bytearray(len(view) + 1)
    for x in cands:
        if not any(occupied[x.vs : x.ve]):
            taken.append(x)
            occupied[x.vs : x.ve] = b"\x01" * (x.ve - x.vs)
    taken.sort(key=lambda x: x.vs)
    taken = _merge_parens(taken, ctx)
    taken = _wrap_left(taken, ctx)
    taken = _merge_ranges(taken, ctx)
    taken = _anchor_clocks(taken, ctx)
    for x in taken:
        if x.vs in lam:
            x.vs += 1  # the preposition lam stays outside the span (see words.yaml lam_article)
    return taken


_WINDOW = 120  # a match reaches at most this far from the gate word it contains


def _windows(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Merged spans of the view around the gate words of a rule (where its matches lie)."""
    out: list[list[int]] = []
    for gs, ge in spans:
        a, b = max(0, gs - _WINDOW), min(n, ge + _WINDOW)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _fold_lam_article(view: str, rx, article: str) -> tuple[str, set[int]]:
    """Rewrite lam + article (``lam_article`` in words.yaml) as the article, keeping the length (so offsets stay
    valid); returns the new view and the positions of the rewritten preposition ل."""
    lam: set[int] = set()
    found = list(rx.finditer(view))  # one scan
    if not found:
        return view, lam
    parts: list[str] = []
    prev = 0
    for m in found:
        s, e = m.span("ll")
        if e - s != len(article):
            continue
        parts.append(view[prev:s])
        parts.append(article)
        prev = e
        lam.add(s)
    parts.append(view[prev:])
    return "".join(parts), lam


def _is_datelike(sem: dict) -> bool:
    return sem["t"] in ("date", "hijri", "holiday")


def _merge_parens(xs: list[Match], ctx: _Ctx) -> list[Match]:
    out: list[Match] = []
    i = 0
    side = ctx.side
    while i < len(xs):
        x = xs[i]
        # relative day, date: "اليوم، الأحد 23 من آب" (the date wins; the relative day is checked)
        if i + 1 < len(xs):
            y = xs[i + 1]
            xr = x.sem.get("rel")
            if (x.sem["t"] == "date" and xr and xr[0] == "D" and "m" not in x.sem and y.sem["t"] == "date"
                    and y.sem.get("m") and y.sem.get("d") and not y.sem.get("rel")
                    and side["chain_gap"].match(ctx.view[x.ve : y.vs])):
                merged = dict(y.sem)
                merged["check_rel"] = xr
                if x.sem.get("wd") and not merged.get("wd"):
                    merged["wd"] = x.sem["wd"]
                out.append(Match(x.vs, y.ve, merged, x.rule + "+chain:" + y.rule, x.mod or y.mod, x.flags + y.flags))
                i += 2
                continue
        # expr (WEEKDAY)
        pm = side["paren_wd"].match(ctx.view, x.ve)
        if pm and _is_datelike(x.sem) and "wd" not in x.sem:
            x.sem["wd"] = key_of(ctx.L.weekdays, pm.group("wd"))
            x.ve = pm.end()
            x.rule += "+paren"
        # expr (expr2)
        if i + 1 < len(xs):
            y = xs[i + 1]
            between = ctx.view[x.ve : y.vs]
            close = side["paren_close"].match(ctx.view, y.ve)
            if (side["paren_open"].match(between) and close and _is_datelike(x.sem) and _is_datelike(y.sem)):
                merged = dict(y.sem)
                if x.sem.get("wd") and not merged.get("wd"):
                    merged["wd"] = x.sem["wd"]
                if x.sem.get("rel"):
                    merged["check_rel"] = x.sem["rel"]
                for k in ("y", "m", "d"):
                    if k in x.sem and k not in merged:
                        merged[k] = x.sem[k]
                out.append(Match(x.vs, close.end(), merged, x.rule + "+paren:" + y.rule,
                                 x.mod or y.mod, x.flags + y.flags))
                i += 2
                continue
        out.append(x)
        i += 1
    return out


_PART_OK = ("date", "hijri")


def _granular(sem: dict) -> bool:
    """A period longer than a day (a part of it can be named)."""
    if sem["t"] not in _PART_OK or "d" in sem or "wd" in sem:
        return False
    if sem.get("rel") and sem["rel"][0] == "D":
        return False
    return True


def _wrap_left(xs: list[Match], ctx: _Ctx) -> list[Match]:
    side = ctx.side
    L = ctx.L
    prev_end = 0
    for x in xs:
        floor = prev_end
        if x.vs in ctx.lam:  # the preposition lam separates the expression from the word before
            prev_end = x.ve
            continue
        # part of period
        m = side["left_part"].search(ctx.view, max(floor, x.vs - 40), x.vs)
        if m and _granular(x.sem) and x.mod is None:
            x.mod = L.parts.get(" ".join(m.group("w").split()))
            x.vs = m.start("w")
            x.rule += "+part"
        m = side["left_cmp"].search(ctx.view, max(floor, x.vs - 40), x.vs)
        if m and x.sem["t"] == "dur":
            x.mod = L.cmp.get(" ".join(m.group("w").split()))
            x.vs = m.start("w")
            x.rule += "+cmp"
        m = side["left_prep"].search(ctx.view, max(floor, x.vs - 40), x.vs)
        close = None
        if m and m.group("q") and m.group("q") != '"':
            # "بعد ( 1982 )": a bracketed expression after the preposition, brackets inside
            close = side["paren_close"].match(ctx.view, x.ve)
            if close is None:
                m = None
        if m and x.rule.split("+")[0] not in ("vague_unit",) and x.sem["t"] not in ("set", "interval"):
            kind = next(k for k in ("since", "before", "after", "during") if m.group(k))
            if _apply_prep(x, kind, ctx):
                x.vs = m.start("w")
                if m.group("q") == '"' and ctx.view[x.ve : x.ve + 1] == '"':
                    x.ve += 1
                elif close is not None:
                    x.ve = close.end()
                x.rule += "+" + kind
                x.prep = kind
        prev_end = x.ve
    return xs


def _apply_prep(x: Match, kind: str, ctx: _Ctx) -> bool:
    t = x.sem["t"]
    if kind == "during":
        return True
    if t == "dur":
        anchored = bool(ctx.side["anchored"].match(ctx.view, x.ve))
        if anchored and kind in ("before", "after"):
            if x.mod is None:
                x.mod = "BEFORE" if kind == "before" else "AFTER"
            return True
        if kind == "since" or x.sem.get("dir"):
            return True
        x.sem = {"t": "offset", "n": x.sem["n"], "u": x.sem["u"], "sign": 1 if kind == "after" else -1}
        return True
    if t in ("date", "hijri", "holiday", "anaphor"):
        if x.mod is None:
            x.mod = {"since": "AFTER", "after": "AFTER", "before": "BEFORE"}[kind]
        if kind in ("since", "before") and t == "date" and "y" not in x.sem and not x.sem.get("rel") \
                and not x.sem.get("dir") and (x.sem.get("m") or x.sem.get("wd")):
            # "منذ 7 أكتوبر", "قبل الأحد": the last one, never the next
            x.sem["dir"] = "notfuture"
        return True
    if t == "ref":
        return kind == "since"
    if t == "time":
        if x.mod is None:
            x.mod = {"since": "AFTER", "after": "AFTER", "before": "BEFORE"}[kind]
        return True
    return False


def _day_precise(sem: dict) -> bool:
    if sem["t"] != "date" or sem.get("wom") or sem.get("moy") or "h" in sem:
        return False
    rel = sem.get("rel")
    return "d" in sem or "wd" in sem or bool(sem.get("nth")) or bool(rel and rel[0] == "D")


def _anchor_clocks(xs: list[Match], ctx: _Ctx) -> list[Match]:
    """A clock time takes the date of its clause: a day-precise date just after it ("الساعة
    الثامنة من مساء أمس", "الساعة 10 من يوم الأحد") or the last one before it in the same
    clause ("وصل يوم 5 مارس عند الساعة 10 صباحا"); otherwise it is flagged ``unanchored``."""
    side = ctx.side
    out: list[Match] = []
    i = 0
    while i < len(xs):
        x = xs[i]
        if x.sem["t"] != "time" or "h" not in x.sem or x.sem.get("date"):
            out.append(x)
            i += 1
            continue
        if i + 1 < len(xs) and side["clock_fwd"].match(ctx.view[x.ve : xs[i + 1].vs]):
            y = xs[i + 1]
            sem = None
            if y.sem["t"] == "time" and y.sem.get("dp") and y.sem.get("date") and "h" not in y.sem:
                h, dp = x.sem["h"], y.sem["dp"]
                if x.sem.get("ampm") is None and dp in ("AF", "EV", "NI"):
                    h = _ampm(h, "NIGHT" if dp == "NI" else "PM")
                sem = dict(x.sem, h=h, date=y.sem["date"])
            elif _day_precise(y.sem):
                sem = dict(x.sem, date={k: v for k, v in y.sem.items() if k != "flags"})
            if sem is not None:
                out.append(Match(x.vs, y.ve, sem, x.rule + "+at:" + y.rule, x.mod or y.mod, x.flags + y.flags, x.prep))
                i += 2
                continue
        prev = out[-1] if out else None
        if (prev is not None and _day_precise(prev.sem) and x.vs - prev.ve <= 80
                and not side["clause_gap"].search(ctx.view, prev.ve, x.vs)):
            x.sem["date"] = {k: v for k, v in prev.sem.items() if k != "flags"}
            x.rule += "+anchored"
        else:
            x.flags.append("unanchored")
        out.append(x)
        i += 1
    return out


def _merge_ranges(xs: list[Match], ctx: _Ctx) -> list[Match]:
    side = ctx.side
    out: list[Match] = []
    i = 0
    while i < len(xs):
        x = xs[i]
        if i + 1 < len(xs) and _is_datelike(x.sem) and _is_datelike(xs[i + 1].sem) and x.prep is None:
            y = xs[i + 1]
            lm = side["left_range"].search(ctx.view, max(out[-1].ve if out else 0, x.vs - 20), x.vs)
            if lm and side["mid_range"].match(ctx.view[x.ve : y.vs]) and x.sem["t"] == y.sem["t"]:
                a = dict(x.sem)
                for k in ("y",):
                    if k not in a and k in y.sem and "rel" not in a:
                        a[k] = y.sem[k]
                out.append(Match(lm.start("w"), y.ve, {"t": "interval", "a": a, "b": dict(y.sem)},
                                 "range:" + x.rule + "," + y.rule, None, x.flags + y.flags))
                i += 2
                continue
        out.append(x)
        i += 1
    return out
