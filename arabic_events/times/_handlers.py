"""Handlers of the time grammar: a regex match -> a partial value (:class:`Sem`), or
``None`` when the context says the match is not a time expression."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._lexicon import Lexicon, key_of

# --------------------------------------------------------------------------- handlers
class _Ctx:
    __slots__ = ("view", "orig", "norm", "L", "side", "lam")

    def __init__(self, view: str, norm: Any, L: Lexicon, side: dict[str, Any], lam: set[int] | None = None) -> None:
        self.view = view
        self.norm = norm
        self.orig = norm.original
        self.L = L
        self.side = side
        self.lam = lam or set()  # positions where a preposition lam was read as the article

    def original(self, vs: int, ve: int) -> str:
        s, e = self.norm.to_original(vs, ve)
        return self.orig[s:e]

    def left(self, name: str, vs: int, floor: int = 0):
        if vs in self.lam:
            return None  # the preposition lam stands between the expression and the word before
        return self.side[name].search(self.view, max(floor, vs - 60), vs)


def _g(m, name):
    try:
        return m.group(name)
    except IndexError:
        return None


def _month(m, ctx: _Ctx) -> tuple[int | None, list[str]]:
    L = ctx.L
    mon = key_of(L.months, m.group("month"))
    if mon is None or not L.surface_ok(m.group("month"), ctx.original(*m.span("month"))):
        return None, []
    flags = []
    for g in ("m2", "m3", "m4", "m5"):
        v = _g(m, g)
        if v:
            m2 = key_of(L.months, v)
            if m2 is not None and m2 != mon:
                flags.append("month_mismatch")
    return mon, flags


def _dir(m, ctx, g="rel"):
    v = _g(m, g)
    return ctx.L.direction.get(" ".join(v.split())) if v else None


def _day(m, ctx):
    if _g(m, "day"):
        return int(m.group("day"))
    if _g(m, "dayw"):
        return key_of(ctx.L.day_ordinals, m.group("dayw"))
    return None


def _num(s: str | None, L: Lexicon) -> int | None:
    if s is None:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    return key_of(L.numbers, s)


def _h_numdate(m, ctx):
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4 and len(c) <= 2:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        y, mo, d = int(c), int(b), int(a)
        if mo > 12 and 1 <= d <= 12:
            mo, d = d, mo  # "4 / 22 / 1948": month first (US order) when the middle part cannot be a month
    else:
        return None
    if _g(m, "hera") or 1300 <= y <= 1500:
        if not (1 <= mo <= 12 and 1 <= d <= 30):
            return None
        return {"t": "hijri", "y": y, "m": mo, "d": d}
    try:
        dt.date(y, mo, d)
    except ValueError:
        return None
    sem = {"t": "date", "y": y, "m": mo, "d": d}
    if _g(m, "hh"):
        sem["h"], sem["mi"] = int(m.group("hh")), int(m.group("mi"))
    return sem


def _h_gdate(m, ctx):
    if _g(m, "dsl") and not _g(m, "year"):
        return None  # a slashed day and month name need the year (else a score such as 1 / 0 written in words)
    mon, flags = _month(m, ctx)
    d = _day(m, ctx)
    if mon is None or d is None:
        return None
    sem = {"t": "date", "m": mon, "d": d, "flags": flags}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    sem["dir"] = _dir(m, ctx)
    if _g(m, "wd"):
        sem["wd"] = key_of(ctx.L.weekdays, m.group("wd"))
    return sem


def _h_gmonth(m, ctx):
    mon, flags = _month(m, ctx)
    if mon is None:
        return None
    has_double = any(_g(m, g) for g in ("m2", "m3", "m4", "m5"))
    if not (_g(m, "hm") or _g(m, "year") or _g(m, "rel") or has_double):
        if not (ctx.left("bare_ok", m.start()) or ctx.left("month_cue", m.start())
                or ctx.left("month_list", m.start())):
            return None
        if ctx.L.month_surface.get(" ".join(m.group("month").split())):
            return None
    sem = {"t": "date", "m": mon, "flags": flags, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    return sem


def _h_hdate(m, ctx):
    if _g(m, "dsl") and not _g(m, "year"):
        return None
    mon = key_of(ctx.L.hijri, m.group("hmonth"))
    d = _day(m, ctx)
    if mon is None or d is None or d > 30:
        return None
    sem = {"t": "hijri", "m": mon, "d": d, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    if _g(m, "wd"):
        sem["wd"] = key_of(ctx.L.weekdays, m.group("wd"))
    return sem


def _h_hmonth(m, ctx):
    mon = key_of(ctx.L.hijri, m.group("hmonth"))
    if mon is None:
        return None
    if not (_g(m, "hm") or _g(m, "year") or _g(m, "rel")):
        return None
    if _g(m, "year") and not (_g(m, "hera") or _g(m, "hm") or 1300 <= int(m.group("year")) <= 1500):
        return None
    sem = {"t": "hijri", "m": mon, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    return sem


def _h_hyear(m, ctx):
    return {"t": "hijri", "y": int(m.group("year"))}


def _h_year(m, ctx):
    y = int(m.group("year"))
    if _g(m, "y2"):
        if int(m.group("y2")) != y + 1:
            # "عام 1293 / 1876" (Hijri / Gregorian): read the head and the first year only
            if "(" in ctx.view[m.start() : m.start("year")]:
                return None
            return {"t": "date", "y": y, "_end": m.end("year")}
        return {"t": "interval", "a": {"t": "date", "y": y}, "b": {"t": "date", "y": y + 1}}
    if not (_g(m, "head") or _g(m, "era")):
        if not (1900 <= y <= 2100):
            return None
        if not (ctx.left("year_cue", m.start()) or ctx.left("year_list", m.start())) or ctx.left("after_cmp", m.start()):
            return None
        nxt = ctx.side["next_word"].match(ctx.view, m.end())
        if nxt and ctx.L.units.get(nxt.group("w")):
            return None
    return {"t": "date", "y": y}


def _h_relday(m, ctx):
    L = ctx.L
    n = key_of(L.reldays, m.group("rd"))
    if n is None:
        return None
    if n == 0 and not _g(m, "wd"):
        if m.start() in ctx.lam:
            # lam + "today" is "of/for the day" (words.yaml corpus), not today
            return None
        nxt = ctx.side["next_word"].match(ctx.view, m.end())
        if nxt and L.is_word("today_not_before", nxt.group("w")):
            return None
        lw = ctx.side["left_word"].search(ctx.view, max(0, m.start() - 30), m.start())
        if lw and L.is_word("today_not_after", lw.group("w")):
            return None
        if ctx.side["rate_left"].search(ctx.view, max(0, m.start() - 50), m.start()):
            return {"t": "set", "v": "P1D"}
    sem = {"t": "date", "rel": ("D", n)}
    if _g(m, "wd"):
        sem["wd"] = key_of(L.weekdays, m.group("wd"))
    return sem


def _h_weekday(m, ctx):
    lw = ctx.side["left_word"].search(ctx.view, max(0, m.start() - 30), m.start())
    if lw and ctx.L.is_word("weekday_not_after", lw.group("w")):
        return None
    return {"t": "date", "wd": key_of(ctx.L.weekdays, m.group("wd")), "dir": _dir(m, ctx)}


def _rel_offset(d: str | None, this: bool) -> int | None:
    if d == "past2":
        return -2
    if d == "past":
        return -1
    if d == "future":
        return 1
    if d == "current" or this:
        return 0
    return None


def _h_relper(m, ctx):
    unit = key_of(ctx.L.periods, m.group("per"))
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    if n is None:
        if not ctx.left("left_part", m.start()):
            return None
        n = 0
    return {"t": "date", "rel": (unit, n)}


def _h_relyear(m, ctx):
    """"العام القادم 2011": the printed year wins; the relative word is checked against
    the reference date (flag ``reference_mismatch``)."""
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    if n is None:
        return None
    if _g(m, "hera"):
        return {"t": "hijri", "y": int(m.group("year"))}  # a Hijri era word after the year
    nxt = ctx.side["next_word"].match(ctx.view, m.end())
    if nxt and not _g(m, "era"):
        from ..numbers._lexicon import lexicon as _numbers_lexicon

        if _numbers_lexicon().unit(nxt.group("w")) is not None:
            return None  # a counted noun follows: a count, not the year
    return {"t": "date", "y": int(m.group("year")), "check_year": n}


def _h_dayofrel(m, ctx):
    d = _day(m, ctx)
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    if d is None or n is None:
        return None
    return {"t": "date", "rel": ("M", n), "d": d}


def _year_or_rel(m, ctx, sem, relgroup="rel"):
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
        return sem
    if _g(m, "per"):
        n = _rel_offset(_dir(m, ctx, relgroup), bool(_g(m, "this") or _g(m, "this2")))
        sem["rel"] = ("Y", 0 if n is None else n)
        return sem
    return None


def _h_holiday(m, ctx):
    cal, mo, d = key_of(ctx.L.holidays, m.group("hol"))
    sem = {"t": "holiday", "cal": cal, "m": mo, "d": d, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        y = int(m.group("year"))
        sem["y"] = y
        sem["y_hijri"] = bool(_g(m, "hera")) or 1300 <= y <= 1500
    return sem


def _h_decade(m, ctx):
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    return {"t": "date", "rel": ("CE", 0 if n is None else n), "decade": key_of(ctx.L.decades, m.group("dec"))}


def _h_quarter(m, ctx):
    o = key_of(ctx.L.ordinals, m.group("ord"))
    if o is None:
        return None
    is_half = ctx.L.is_word("half", m.group("qh"))
    if is_half and o > 2:
        return None
    sem = {"t": "date", ("half" if is_half else "q"): o}
    return _year_or_rel(m, ctx, sem)


def _h_season(m, ctx):
    s = key_of(ctx.L.seasons, m.group("season"))
    sem = {"t": "date", "season": s}
    if _g(m, "year") or _g(m, "per"):
        return _year_or_rel(m, ctx, sem, "rel2")
    d = _dir(m, ctx)
    if d is None and not _g(m, "this"):
        return None
    sem["dir"] = d or "current"
    return sem


def _h_duration(m, ctx):
    L = ctx.L
    mod = None
    if _g(m, "dual"):
        unit = L.units.get(" ".join(m.group("dual").split()))
        n = 2
        if _g(m, "num3"):
            n3 = _num(m.group("num3"), L)
            u3 = L.units.get(" ".join(m.group("unit3").split()))
            if n3 is None or u3 != unit:
                return None
            n, mod = max(n, n3), "APPROX"
    elif _g(m, "few"):
        unit, n = L.units.get(" ".join(m.group("funit").split())), None
    elif _g(m, "unitpl"):
        unit = L.units.get(" ".join(m.group("unitpl").split()))
        n = _num(m.group("num4"), L) if _g(m, "num4") else None
    elif _g(m, "unit1"):
        unit, n = L.units.get(" ".join(m.group("unit1").split())), 1
    else:
        unit = L.units.get(" ".join(m.group("unit").split()))
        n = _num(m.group("num"), L)
        if n is None or n == 0:
            return None
        if _g(m, "num2"):
            n2 = _num(m.group("num2"), L)
            if n2 is None:
                return None
            n, mod = max(n, n2), "APPROX"
        if m.group("num").isdigit() and len(m.group("num")) == 4 and unit in ("Y",):
            return None
        if m.group("num").isdigit():
            lw = ctx.side["left_word"].search(ctx.view, max(0, m.start() - 30), m.start())
            if lw and L.is_word("id_heads", lw.group("w")):
                return None  # a record number (words.yaml id_heads), not a count of years
        if n >= 20 and n % 10 == 0 and m.start("num") > 0 and L.is_word("and", ctx.view[m.start("num") - 1]) \
                and ctx.left("left_unit_num", m.start("num") - 1):
            return None  # an ordinal/unit + and + tens compound (words.yaml ordinal_units_fem)
    if unit is None:
        return None
    if unit in L.ambiguous_units and not (ctx.left("left_prep", m.start()) or ctx.left("left_cmp", m.start())):
        return None
    return {"t": "dur", "n": n, "u": unit, "mod": mod, "dir": _dir(m, ctx)}


def _prep_kind(ctx: _Ctx, surface: str) -> str:
    for k in ("since", "before", "after", "during"):
        if ctx.L.is_word(k, surface):
            return k
    return "during"


def _h_vague_unit(m, ctx):
    L = ctx.L
    vu = " ".join(m.group("vu").split())
    unit = L.units.get(vu)
    if unit is None:
        return None
    n = 1 if L.unit_number.get(vu) == "singular" else None
    prep = _prep_kind(ctx, m.group("prep"))
    d = _dir(m, ctx)
    if n is None and d is None and ctx.side["art_next"].match(ctx.view, m.end()):
        # a plural unit in construct with a definite noun names a period, not a stretch
        return None
    anchored = bool(ctx.side["anchored"].match(ctx.view, m.end()))
    if d is not None or prep in ("since", "during"):
        return {"t": "dur", "n": n, "u": unit}
    if anchored:
        return {"t": "dur", "n": n, "u": unit, "mod": "BEFORE" if prep == "before" else "AFTER"}
    return {"t": "offset", "n": n, "u": unit, "sign": -1 if prep == "before" else 1}


def _h_vague_rel(m, ctx):
    unit = ctx.L.units.get(" ".join(m.group("vu").split()))
    return {"t": "dur", "n": None, "u": unit} if unit else None


def _h_vague(m, ctx):
    cls = key_of(ctx.L.vague, m.group("v"))
    if cls == "DURATION":
        return {"t": "ref", "v": None, "kind": "duration"}
    return {"t": "ref", "v": cls}


def _ampm(h: int, cls: str | None) -> int:
    if cls == "PM" and h < 12:
        return h + 12
    if cls == "NIGHT":
        if h == 12:
            return 0
        if h >= 6 and h < 12:
            return h + 12
    if cls == "AM" and h == 12:
        return 0
    return h


def _h_clock(m, ctx):
    L = ctx.L
    if _g(m, "hw"):
        hw = m.group("hw")
        h = int(hw) if hw.isdigit() else key_of(L.hours, hw)
        mi = int(m.group("mm")) if _g(m, "mm") else 0
        if _g(m, "frac"):
            mi = key_of(L.minutes, m.group("frac")) or 0
        elif _g(m, "minus"):
            h, mi = h - 1, 60 - (key_of(L.minutes, m.group("minus")) or 0)
        elif _g(m, "mins"):
            mi = _num(m.group("mins"), L) or 0
            if mi >= 60:
                return None
    else:
        h, mi = int(m.group("h")), int(m.group("mi"))
    if h is None:
        return None
    cls = L.ampm.get(" ".join(m.group("ampm").split())) if _g(m, "ampm") else None
    h = _ampm(h, cls)
    if not (0 <= h <= 23):
        return None
    sem = {"t": "time", "h": h, "mi": mi}
    if _g(m, "ss"):
        sem["s"] = int(m.group("ss"))
    if cls is not None:
        sem["ampm"] = cls
    return sem


def _h_clock_bare(m, ctx):
    lw = ctx.side["left_word"].search(ctx.view, max(0, m.start() - 30), m.start())
    if not lw:
        return None
    w = lw.group("w")
    if not (ctx.L.is_word("clock_cues", w) or (ctx.L.is_word("conj_clitics", w[:1]) and ctx.L.is_word("clock_cues", w[1:]))):
        return None
    cls = ctx.L.ampm.get(" ".join(m.group("ampm").split()))
    h = _ampm(int(m.group("h")), cls)
    mi = int(m.group("mi")) if _g(m, "mi") else 0
    return {"t": "time", "h": h, "mi": mi} if 0 <= h <= 23 else None


def _h_century(m, ctx):
    n = key_of(ctx.L.day_ordinals, m.group("ord"))
    if not n:
        return None
    dec = key_of(ctx.L.decades, m.group("dec")) if _g(m, "dec") else None
    return {"t": "date", "century": n - 1, "decade": dec}


def _h_daypart(m, ctx):
    L = ctx.L
    dp = key_of(L.dayparts, m.group("dp"))
    if _g(m, "rd"):
        date = {"t": "date", "rel": ("D", key_of(L.reldays, m.group("rd")))}
        if _g(m, "wd2"):
            date["wd"] = key_of(L.weekdays, m.group("wd2"))
    else:
        date = {"t": "date", "wd": key_of(L.weekdays, m.group("wd"))}
    return {"t": "time", "dp": dp, "date": date}


def _h_set(m, ctx):
    L = ctx.L
    if _g(m, "every") and ctx.side["every_not_before"].match(ctx.view, m.end()):
        return None
    if _g(m, "sadv"):
        return {"t": "set", "v": key_of(L.sets, m.group("sadv"))}
    if _g(m, "dual"):
        return {"t": "set", "n": 2, "u": L.units.get(" ".join(m.group("dual").split()))}
    if _g(m, "unit1"):
        return {"t": "set", "n": 1, "u": L.units.get(" ".join(m.group("unit1").split()))}
    n = _num(m.group("num"), L)
    if not n:
        return None
    return {"t": "set", "n": n, "u": L.units.get(" ".join(m.group("unit").split()))}


def _h_anaphor(m, ctx):
    kind = _prep_kind(ctx, m.group("prep"))
    return {"t": "anaphor", "mod": {"since": "AFTER", "after": "AFTER", "before": "BEFORE"}.get(kind)}


def _h_vague_set(m, ctx):
    return {"t": "set", "v": None}


def _h_set_adj(m, ctx):
    return {"t": "set", "v": key_of(ctx.L.set_adjectives, m.group("adj")), "mod": "APPROX"}


def _h_range_days(m, ctx):
    mon, flags = _month(m, ctx)
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if mon is None or d1 >= d2:
        return None
    base = {"t": "date", "m": mon, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        base["y"] = int(m.group("year"))
    return {"t": "interval", "a": dict(base, d=d1), "b": dict(base, d=d2), "flags": flags}


def _h_range_years(m, ctx):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y1 >= y2:
        return None
    return {"t": "interval", "a": {"t": "date", "y": y1}, "b": {"t": "date", "y": y2}}


# ------------------------------------------------------------ handlers (v2 constructions)
def _h_monthnum(m, ctx):
    if _g(m, "mn"):
        mon = int(m.group("mn"))
    elif _g(m, "mnw"):
        mon = _num(m.group("mnw"), ctx.L)
    else:
        mon = key_of(ctx.L.day_ordinals, m.group("mno"))
        if not (_g(m, "year") or _g(m, "per")):
            # "الشهر العاشر" alone is a count ("للشهر العاشر"), not October
            return None
    if not mon or not 1 <= mon <= 12:
        return None
    nxt = ctx.side["next_word"].match(ctx.view, m.end())
    if nxt and ctx.L.units.get(nxt.group("w")):
        return None
    sem = {"t": "date", "m": mon, "dir": _dir(m, ctx)}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    elif _g(m, "per"):
        n = _rel_offset(_dir(m, ctx, "rel2"), False)
        sem["rel_y"] = 0 if n is None else n
    return sem


def _h_monthyear_num(m, ctx):
    lw = ctx.side["left_word"].search(ctx.view, max(0, m.start() - 30), m.start())
    if lw and ctx.L.is_word("id_heads", lw.group("w")):
        # "القانون رقم 2/2013": an identifier
        return None
    return {"t": "date", "m": int(m.group("mo")), "y": int(m.group("year"))}


def _h_night(m, ctx):
    n = key_of(ctx.L.nights, m.group("nt"))
    if n is None:
        return None
    return {"t": "time", "dp": "NI", "date": {"t": "date", "rel": ("D", n)}}


def _h_wd_relweek(m, ctx):
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    if n is None:
        return None
    return {"t": "date", "rel": ("W", n), "wd": key_of(ctx.L.weekdays, m.group("wd"))}


def _h_anaphor_rel(m, ctx):
    unit = key_of(ctx.L.ana_periods, m.group("per"))
    n = key_of(ctx.L.ana_shift, m.group("sh"))
    if unit is None or n is None:
        return None
    if n < 0 and unit not in ("D", "NI"):
        # "العام السابق" is last year (relative.yaml direction), not the year before a date
        return None
    return {"t": "anaphor", "unit": unit, "n": n}


def _h_dur_cmp(m, ctx):
    unit = ctx.L.units.get(" ".join(m.group("u1").split()))
    cls = ctx.L.cmp.get(" ".join(m.group("cmpw").split()))
    if unit is None or cls is None:
        return None
    return {"t": "dur", "n": 1, "u": unit, "mod": cls}


def _h_dur_br(m, ctx):
    n = _num(m.group("num"), ctx.L)
    if not n:
        return None
    if _g(m, "num0") and _num(m.group("num0"), ctx.L) != n:
        # "5 (خمسة) أيام": the two spellings must agree
        return None
    unit = ctx.L.units.get(" ".join(m.group("unit").split()))
    return {"t": "dur", "n": n, "u": unit} if unit else None


def _h_dur_def(m, ctx):
    if _g(m, "unitpl"):
        unit, n = ctx.L.units.get(" ".join(m.group("unitpl").split())), int(m.group("num2"))
    else:
        unit, n = ctx.L.units.get(" ".join(m.group("unit").split())), int(m.group("num"))
    if unit is None or n == 0:
        return None
    return {"t": "dur", "n": n, "u": unit}


def _month_or_rel(m, ctx, sem):
    if _g(m, "month"):
        mon, flags = _month(m, ctx)
        if mon is None:
            return None
        sem.update(m=mon, dir=_dir(m, ctx), flags=flags)
        if _g(m, "year"):
            sem["y"] = int(m.group("year"))
        return sem
    n = _rel_offset(_dir(m, ctx), bool(_g(m, "this")))
    sem["rel_m"] = 0 if n is None else n
    return sem


def _h_week_of_month(m, ctx):
    return _month_or_rel(m, ctx, {"t": "date", "wom": key_of(ctx.L.week_of_month, m.group("wom"))})


def _h_nth_weekday(m, ctx):
    n = key_of(ctx.L.nth_weekday, m.group("nth"))
    wd = key_of(ctx.L.weekdays, m.group("wd")) or key_of(ctx.L.weekdays_bare, m.group("wd"))
    return _month_or_rel(m, ctx, {"t": "date", "nth": (n, wd)})


def _h_nth_weekday_h(m, ctx):
    mon = key_of(ctx.L.hijri, m.group("hmonth"))
    if mon is None:
        return None
    if _g(m, "year") and not (_g(m, "hera") or 1300 <= int(m.group("year")) <= 1500):
        return None  # a Gregorian year after a Hijri month is not read as Hijri
    n = key_of(ctx.L.nth_weekday, m.group("nth"))
    wd = key_of(ctx.L.weekdays, m.group("wd")) or key_of(ctx.L.weekdays_bare, m.group("wd"))
    sem = {"t": "hijri", "m": mon, "dir": _dir(m, ctx), "nth": (n, wd)}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    return sem


def _h_months_of_year(m, ctx):
    n = _num(m.group("num"), ctx.L)
    if not n or n > 12:
        return None
    sem = {"t": "date", "moy": (key_of(ctx.L.first_last_pl, m.group("fl")), n)}
    return _year_or_rel(m, ctx, sem)


def _h_first_of_month(m, ctx):
    mon, flags = _month(m, ctx)
    if mon is None:
        return None
    sem = {"t": "date", "m": mon, "d": 1, "dir": _dir(m, ctx), "flags": flags}
    if _g(m, "year"):
        sem["y"] = int(m.group("year"))
    return sem
