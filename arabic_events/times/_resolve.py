"""Resolution: a partial value + a reference date -> a TIMEX3-style value; the dateline
date; the final :class:`~arabic_events.doc.TimeExpr` list."""

from __future__ import annotations

import datetime as dt

import regex

from ..doc import TimeExpr
from ._types import Match

# --------------------------------------------------------------------------- resolution
def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _year(y: int) -> str:
    """A year as four digits; years outside 1-9999 cannot be written (ValueError)."""
    if not 1 <= y <= 9999:
        raise ValueError(f"year {y} is out of range")
    return f"{y:04d}"


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{_year(y)}-W{w:02d}"


def _days_in(y: int, m: int) -> int:
    y2, m2 = _add_months(y, m, 1)
    return (dt.date(y2, m2, 1) - dt.timedelta(days=1)).day


def _pick_year(m: int, d: int | None, direction: str | None, ref: dt.date, wd: int | None = None) -> int | None:
    if direction == "past2":
        y = _pick_year(m, d, "past", ref)
        return None if y is None else y - 1
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            day = dt.date(y, m, d) if d else None
        except ValueError:
            continue
        cands.append((y, day))
    if not cands:
        return None
    if direction == "current":
        return ref.year
    if wd is not None and d:
        # a stated weekday chooses between the candidate years ("الأحد 23 من آب")
        fit = [(y, day) for y, day in cands if day.isoweekday() == wd]
        if fit and direction not in ("past", "future", "notfuture"):
            cands = fit
        elif fit:
            cands = fit if any(_dir_ok(day, m, direction, ref) for _, day in fit) else cands
    if direction == "notfuture":
        if d:
            ok = [y for y, day in cands if day <= ref]
        else:
            ok = [y for y, _ in cands if (y, m) <= (ref.year, ref.month)]
        return max(ok) if ok else None
    if direction == "past":
        if d:
            ok = [y for y, day in cands if day < ref]
        else:
            ok = [y for y, _ in cands if (y, m) < (ref.year, ref.month)]
        return max(ok) if ok else None
    if direction == "future":
        if d:
            ok = [y for y, day in cands if day > ref]
        else:
            ok = [y for y, _ in cands if (y, m) > (ref.year, ref.month)]
        return min(ok) if ok else None

    def dist(item):
        y, day = item
        day = day or dt.date(y, m, 15)
        return (abs((day - ref).days), day > ref)

    return min(cands, key=dist)[0]


def _dir_ok(day: dt.date, m: int, direction: str, ref: dt.date) -> bool:
    if direction == "past":
        return day < ref
    if direction == "future":
        return day > ref
    return day <= ref


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _season_year(s: str, direction: str, ref: dt.date) -> int:
    a, b = _SEASON_MONTHS[s]

    def start(y):
        return dt.date(y, a, 1)

    def end(y):
        if s == "WI":
            return dt.date(y + 1, 3, 1) - dt.timedelta(days=1)
        return dt.date(y, b, _days_in(y, b))

    ys = range(ref.year - 2, ref.year + 2)
    if direction == "past":
        return max(y for y in ys if end(y) < ref)
    if direction == "future":
        return min(y for y in ys if start(y) > ref)
    for y in ys:
        if start(y) <= ref <= end(y):
            return y
    return ref.year


def _sign(n: int) -> str:
    return "-" if n < 0 else "+"


def _dur(n: int | None, u: str) -> str:
    amount = "X" if n is None else str(n)
    if u == "H":
        return f"PT{amount}H"
    if u == "MIN":
        return f"PT{amount}M"
    return f"P{amount}{u}"


def _shift(ref: dt.date, n: int, u: str) -> str | None:
    if u == "D":
        return (ref + dt.timedelta(days=n)).isoformat()
    if u == "W":
        return _iso_week(ref + dt.timedelta(weeks=n))
    if u == "M":
        y, m = _add_months(ref.year, ref.month, n)
        return f"{_year(y)}-{m:02d}"
    if u == "Y":
        return _year(ref.year + n)
    if u == "DE":
        return _year(ref.year + 10 * n)
    if u == "CE":
        return _year(ref.year + 100 * n)
    return None


def _hijri_value(sem: dict, ref: dt.date | None, flags: list[str]) -> tuple[str | None, str]:
    from hijridate import Gregorian, Hijri

    y, m, d = sem.get("y"), sem.get("m"), sem.get("d")
    try:
        if y is None:
            if ref is None or m is None:
                return None, "date" if d else "interval"
            hy, hm, hd = Gregorian(ref.year, ref.month, ref.day).to_hijri().datetuple()
            direction = sem.get("dir")
            if direction == "past":
                y = hy if (m, d or 0) < (hm, hd if d else 0) and m <= hm else hy - 1
                if d is None and m < hm:
                    y = hy
            elif direction == "future":
                y = hy if m > hm or (d and m == hm and d > hd) else hy + 1
            else:
                y = hy
        if d:
            g = Hijri(y, m, d).to_gregorian()
            full = dt.date(g.year, g.month, g.day)
            if sem.get("wd") and full.isoweekday() != sem["wd"]:
                flags.append("weekday_mismatch")
            return full.isoformat(), "date"
        if m:
            start = Hijri(y, m, 1)
            end = Hijri(y, m, start.month_length())
            if sem.get("nth"):  # the nth / last weekday inside the month's Gregorian days
                n, wd = sem["nth"]
                g0, g1 = start.to_gregorian(), end.to_gregorian()
                first, last = dt.date(g0.year, g0.month, g0.day), dt.date(g1.year, g1.month, g1.day)
                if n > 0:
                    day = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
                    if day > last:
                        return None, "date"
                else:
                    day = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
                return day.isoformat(), "date"
            return f"{start.to_gregorian().isoformat()}/{end.to_gregorian().isoformat()}", "interval"
        start = Hijri(y, 1, 1).to_gregorian()
        nxt = Hijri(y + 1, 1, 1).to_gregorian()
        last = dt.date(nxt.year, nxt.month, nxt.day) - dt.timedelta(days=1)
        return f"{start.isoformat()}/{last.isoformat()}", "interval"
    except (ValueError, OverflowError):
        flags.append("hijri_out_of_range")
        return None, "date"


def _holiday_value(sem: dict, ref: dt.date | None) -> str | None:
    from hijridate import Gregorian, Hijri

    cal, m, d, y = sem["cal"], sem["m"], sem["d"], sem.get("y")

    def on(year: int, hijri_year: bool) -> dt.date | None:
        try:
            if cal == "gregorian":
                return dt.date(year, m, d)
            g = Hijri(year, m, d).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        except (ValueError, OverflowError):
            return None

    if y is not None:
        if cal == "hijri" and not sem.get("y_hijri"):
            # the Hijri holiday that falls in Gregorian year y
            approx = int((y - 622) * 33 / 32)
            for hy in range(approx - 2, approx + 3):
                day = on(hy, True)
                if day is not None and day.year == y:
                    return day.isoformat()
            return None
        if cal == "gregorian" and sem.get("y_hijri"):
            return None
        day = on(y, cal == "hijri")
        return day.isoformat() if day else None
    if ref is None:
        return f"XXXX-{m:02d}-{d:02d}" if cal == "gregorian" else None
    if cal == "gregorian":
        base = ref.year
    else:
        base = Gregorian(ref.year, ref.month, ref.day).to_hijri().datetuple()[0]
    cands = [c for c in (on(base + k, cal == "hijri") for k in (-1, 0, 1)) if c is not None]
    if not cands:
        return None
    direction = sem.get("dir")
    if direction == "past":
        ok = [c for c in cands if c < ref]
        return max(ok).isoformat() if ok else None
    if direction == "future":
        ok = [c for c in cands if c > ref]
        return min(ok).isoformat() if ok else None
    return min(cands, key=lambda c: (abs((c - ref).days), c > ref)).isoformat()


def _date_value(sem: dict, ref: dt.date | None, flags: list[str]) -> str | None:
    # "شهر 3 من العام المقبل"
    if sem.get("rel_y") is not None and "y" not in sem:
        if ref is None:
            return f"XXXX-{sem['m']:02d}"
        sem = dict(sem, y=ref.year + sem["rel_y"], dir=None)
    # "آخر خميس من الشهر"
    if sem.get("rel_m") is not None:
        if ref is None:
            return None
        yy, mm = _add_months(ref.year, ref.month, sem["rel_m"])
        sem = dict(sem, y=yy, m=mm)
    y, m, d, wd = sem.get("y"), sem.get("m"), sem.get("d"), sem.get("wd")
    rel = sem.get("rel")
    direction = sem.get("dir")
    full: dt.date | None = None
    if rel:
        unit, n = rel
        if ref is None:
            if d:
                return f"XXXX-XX-{d:02d}"
            if wd is not None and unit == "W":
                return f"XXXX-WXX-{wd}"
            base = f"{_sign(n)}P{abs(n)}{unit}"
            if sem.get("season"):
                return f"XXXX-{sem['season']}"
            if sem.get("q"):
                return f"XXXX-Q{sem['q']}"
            if sem.get("half"):
                return f"XXXX-H{sem['half']}"
            if sem.get("decade") is not None:
                return f"XX{sem['decade']}"
            return base
        if unit == "CE":
            c = ref.year // 100 + n
            if not 0 <= c <= 99:
                raise ValueError(f"century {c} is out of range")
            return f"{c:02d}{sem['decade']}" if sem.get("decade") is not None else f"{c:02d}"
        if unit == "DE":
            de = ref.year // 10 + n
            if not 0 <= de <= 999:
                raise ValueError(f"decade {de} is out of range")
            return f"{de:03d}"
        if unit == "D":
            full = ref + dt.timedelta(days=n)
        elif unit == "M" and d:
            yy, mm = _add_months(ref.year, ref.month, n)
            try:
                full = dt.date(yy, mm, d)
            except ValueError:
                return None
        elif unit == "Y":
            y = ref.year + n
        # "الأحد من الأسبوع القادم": that weekday of the ISO week
        elif unit == "W" and wd is not None:
            full = ref + dt.timedelta(days=7 * n - (ref.isoweekday() - 1) + (wd - 1))
        else:
            return _shift(ref, n, unit)
    elif y is None and m is not None:
        if ref is None:
            return f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
        y = _pick_year(m, d, direction, ref, wd)
        if y is None:
            return None
    elif y is None and sem.get("season"):
        if ref is None:
            return f"XXXX-{sem['season']}"
        y = _season_year(sem["season"], direction or "current", ref)
    elif y is None and wd is not None:
        if ref is None:
            return f"XXXX-WXX-{wd}"
        rw = ref.isoweekday()
        back, fwd = (rw - wd) % 7, (wd - rw) % 7
        if direction == "notfuture":
            full = ref - dt.timedelta(days=back)
        elif direction == "past":
            full = ref - dt.timedelta(days=back or 7)
        elif direction == "past2":
            full = ref - dt.timedelta(days=(back or 7) + 7)
        elif direction == "future":
            full = ref + dt.timedelta(days=fwd or 7)
        elif direction == "current":
            full = ref + dt.timedelta(days=wd - rw)
        else:
            # the closest occurrence (the past on a tie); at the edge of the calendar, the one that exists
            order = [-back, fwd] if back <= fwd else [fwd, -back]
            for delta in order:
                try:
                    full = ref + dt.timedelta(days=delta)
                    break
                except OverflowError:
                    continue
    if sem.get("century") is not None:
        c = sem["century"]
        return f"{c:02d}{sem['decade']}" if sem.get("decade") is not None else f"{c:02d}"
    cy = sem.get("check_year")
    if cy is not None and ref is not None and y is not None and ref.year + cy != y:
        flags.append("reference_mismatch")
    if full is None and y is not None:
        if m and d:
            try:
                full = dt.date(y, m, d)
            except ValueError:
                flags.append("invalid_date")
                return None
        elif m:
            return f"{_year(y)}-{m:02d}"
        elif sem.get("season"):
            return f"{_year(y)}-{sem['season']}"
        elif sem.get("q"):
            return f"{_year(y)}-Q{sem['q']}"
        elif sem.get("half"):
            return f"{_year(y)}-H{sem['half']}"
        else:
            return _year(y)
    if full is None:
        return None
    if wd is not None and full.isoweekday() != wd:
        flags.append("weekday_mismatch")
    chk = sem.get("check_rel")
    if chk and ref is not None and chk[0] == "D" and ref + dt.timedelta(days=chk[1]) != full:
        flags.append("reference_mismatch")
    return full.isoformat()


def _part_value(sem: dict, ref: dt.date | None, flags: list[str]) -> tuple[str | None, str]:
    """A week of a month, the nth weekday of a month, the first/last N months of a year."""
    base = {k: v for k, v in sem.items() if k not in ("wom", "nth", "moy")}
    v = _date_value(base, ref, flags)
    kind = "date" if sem.get("nth") else "interval"
    if v is None or not v[:4].isdigit():
        return None, kind
    y = int(v[:4])
    if sem.get("moy"):
        fl, n = sem["moy"]
        a, b = (1, n) if fl == "first" else (13 - n, 12)
        return f"{_year(y)}-{a:02d}/{_year(y)}-{b:02d}", kind
    if len(v) < 7:
        return None, kind
    m = int(v[5:7])
    dim = _days_in(y, m)
    if sem.get("wom"):
        a, b = (1, 7) if sem["wom"] == "first" else (dim - 6, dim)
        return f"{_year(y)}-{m:02d}-{a:02d}/{_year(y)}-{m:02d}-{b:02d}", kind
    n, wd = sem["nth"]
    if n > 0:
        day = 1 + (wd - dt.date(y, m, 1).isoweekday()) % 7 + 7 * (n - 1)
        if day > dim:
            return None, kind
    else:
        day = dim - (dt.date(y, m, dim).isoweekday() - wd) % 7
    return dt.date(y, m, day).isoformat(), kind


_ISO_DATE = regex.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _anaphor_value(prev: str, unit: str, n: int) -> tuple[str | None, str]:
    """The period ``n`` ``unit``s after the date ``prev`` (an earlier expression's value)."""
    head = prev.split("/")[0].split("T")[0]
    mt = _ISO_DATE.match(head)
    if not mt:
        return None, "date"
    y, mo, d = int(mt.group(1)), mt.group(2), mt.group(3)
    if unit in ("D", "NI", "W"):
        if d is None:
            return None, "time" if unit == "NI" else "date"
        day = dt.date(y, int(mo), int(d))
        if unit == "W":
            return _iso_week(day + dt.timedelta(weeks=n)), "date"
        day = day + dt.timedelta(days=n)
        return (day.isoformat() + "TNI", "time") if unit == "NI" else (day.isoformat(), "date")
    if unit == "M":
        if mo is None:
            return None, "date"
        yy, mm = _add_months(y, int(mo), n)
        return f"{_year(yy)}-{mm:02d}", "date"
    return _year(y + n), "date"


def _value(sem: dict, ref: dt.date | None, flags: list[str]) -> tuple[str | None, str]:
    t = sem["t"]
    if t == "date" and (sem.get("wom") or sem.get("nth") or sem.get("moy")):
        return _part_value(sem, ref, flags)
    if t == "date":
        v = _date_value(sem, ref, flags)
        if v is not None and "h" in sem:
            return f"{v}T{sem['h']:02d}:{sem['mi']:02d}", "time"
        return v, "date"
    if t == "hijri":
        return _hijri_value(sem, ref, flags)
    if t == "holiday":
        return _holiday_value(sem, ref), "date"
    if t == "dur":
        return _dur(sem["n"], sem["u"]), "duration"
    if t == "offset":
        n, u = sem["n"], sem["u"]
        if n is None:
            return f"{_sign(sem['sign'])}{_dur(None, u)}", "date"
        if ref is not None:
            v = _shift(ref, sem["sign"] * n, u)
            if v is not None:
                return v, "date"
        return f"{_sign(sem['sign'])}{_dur(n, u)}", "date"
    if t == "ref":
        return sem["v"], sem.get("kind", "date")
    if t == "anaphor":
        return sem.get("v"), sem.get("kind", "date")
    if t == "time":
        if sem.get("date"):
            dv = _date_value(sem["date"], ref, flags)
            if dv is None or not _DAY_VALUE.match(dv):
                dv = "XXXX-XX-XX"
        else:
            dv = "XXXX-XX-XX"
        if sem.get("dp"):
            return f"{dv}T{sem['dp']}", "time"
        secs = f":{sem['s']:02d}" if "s" in sem else ""
        return f"{dv}T{sem['h']:02d}:{sem['mi']:02d}{secs}", "time"
    if t == "set":
        if "v" in sem:
            return sem["v"], "set"
        return _dur(sem["n"], sem["u"]), "set"
    if t == "interval":
        a, _ = _value(sem["a"], ref, flags)
        b, _ = _value(sem["b"], ref, flags)
        if a is None or b is None:
            return None, "interval"
        return f"{a}/{b}", "interval"
    return None, "date"


_DAY_VALUE = regex.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$")

_KIND_OF = {"dur": "duration", "time": "time", "set": "set", "interval": "interval"}


def resolve(x: Match, ref: dt.date | None) -> tuple[str | None, str, list[str]]:
    """``(value, kind, flags)`` of a scanned expression against ``ref``.

    A value that falls outside the years 1-9999 (a reference date at the edge of the
    calendar, "tomorrow" of 9999-12-31, a Hijri date out of the conversion table) is
    ``None`` with the flag ``out_of_range``."""
    flags = list(x.flags)
    try:
        value, kind = _value(x.sem, ref, flags)
    except (OverflowError, ValueError):
        value, kind = None, _KIND_OF.get(x.sem["t"], "date")
        flags.append("out_of_range")
    return value, kind, list(dict.fromkeys(flags))


def _absolute_date(x: Match) -> dt.date | None:
    s = x.sem
    if s["t"] == "date" and s.get("y") and s.get("m") and s.get("d") and not s.get("rel"):
        try:
            return dt.date(s["y"], s["m"], s["d"])
        except ValueError:
            return None
    return None


def detect_dateline(xs: list[Match], norm, zone: tuple[int, int] | None = None,
                    head_chars: int = 1000, max_line: int = 120) -> tuple[dt.date, Match] | None:
    """The publication date given by a dateline: the first full date in the dateline
    zone, or else on a short line near the top of the text."""
    text = norm.original
    for x in xs:
        s, e = norm.to_original(x.vs, x.ve)
        if zone is not None:
            if not (zone[0] <= s and e <= zone[1]):
                continue
        else:
            if s > head_chars:
                break
            ls = text.rfind("\n", 0, s) + 1
            le = text.find("\n", e)
            le = len(text) if le < 0 else le
            if le - ls > max_line:
                continue
        d = _absolute_date(x)
        if d is not None:
            return d, x
    return None


def to_time_exprs(xs: list[Match], norm, ref: dt.date | None) -> list[TimeExpr]:
    out: list[TimeExpr] = []
    for x in xs:
        if x.sem["t"] == "anaphor":
            prev = [t for t in out if t.kind in ("date", "time") and t.value and t.value[:1].isdigit()]
            if "unit" in x.sem:
                x.sem["v"], x.sem["kind"] = None, "time" if x.sem["unit"] == "NI" else "date"
                if prev:
                    try:
                        x.sem["v"], x.sem["kind"] = _anaphor_value(prev[-1].value, x.sem["unit"], x.sem["n"])
                    except (ValueError, OverflowError):
                        x.flags.append("out_of_range")
            else:
                x.sem["v"] = prev[-1].value if prev else None
        value, kind, flags = resolve(x, ref)
        s, e = norm.to_original(x.vs, x.ve)
        out.append(TimeExpr(text=norm.original[s:e], start=s, end=e, value=value, kind=kind,
                            mod=x.mod, source="times:" + x.rule, flags=tuple(flags)))
    return out
