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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import regex

from ..doc import TimeExpr
from ._lexicon import Lexicon, _norm, key_of, lexicon

__all__ = ["Match", "scan", "resolve", "detect_dateline", "to_time_exprs"]

S = r"\s+"
OS = r"\s*"
RB = r"(?![\p{L}\p{N}])"
YEAR4 = r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)"
DAY = r"(?<![\d.,/:-])(?:[12]\d|3[01]|0?[1-9])(?![\d:])"

_UNIT_ORDER = {"MIN": 0, "H": 1, "D": 2, "W": 3, "M": 4, "Y": 5, "DE": 6, "CE": 7}


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


# --------------------------------------------------------------------------- grammar
def _lb(P: dict[str, str]) -> str:
    conj = P["conj_clitics"]
    prep = P["prep_clitics"]
    art = P["article"]
    heads = rf"{P['head_year']}|{P['head_month']}"
    return (
        rf"(?:(?<![\p{{L}}\p{{N}}])|(?<=(?:^|[^\p{{L}}\p{{N}}]){conj})"
        rf"|(?<=(?:^|[^\p{{L}}\p{{N}}]){conj}?{prep})(?={art}|\d|{heads}))"
    )


@lru_cache(maxsize=8)
def _grammar(families: tuple[str, ...] | None = None) -> tuple[list[tuple[str, Any, Callable]], dict[str, Any]]:
    L = lexicon(families)
    P = L.P
    LB = _lb(P)
    m2 = P["month"]
    double = rf"(?:{OS}\({OS}(?P<m2>{m2}){OS}\)|{OS}/{OS}(?P<m3>{m2})(?![\p{{L}}])|{OS}-{OS}(?P<m4>{m2})|{S}(?P<m5>{m2})(?![\p{{L}}]))"
    wdpre = rf"(?:(?P<wd>{P['weekday']}){OS}[,،]?{OS}(?:{P['corresponding']}{S})?)"
    era = rf"(?:{OS}(?P<era>{P['era']}){RB})"
    # a year may be bracketed after a head or a month: "عام ( 1993 )", "حزيران (1984)"
    byear = rf"(?:\({OS}(?P<year>{YEAR4}){OS}\)|(?P<year>{YEAR4}))"
    hy = r"(?<!\d)\d{3,4}(?!\d)"
    bhyear = rf"(?:\({OS}(?P<year>{hy}){OS}\)|(?P<year>{hy}))"
    # "20 / شعبان / 1428": day, month name and year separated by slashes
    dsep = rf"(?:{OS}(?P<dsl>/){OS}(?=\p{{L}})|{OS}(?:{P['of']}{S})?)"
    yearpart = rf"(?:{OS}[,،/]?{OS}(?:{P['of']}{S})?(?:{P['head_year']}{S})?{byear}{era}?)"
    hera = rf"(?:{OS}(?P<hera>{P['era_h']}){RB})"
    hyearpart = rf"(?:{OS}[,،/]?{OS}(?:{P['head_year']}{S})?{bhyear}{hera}?)"
    # "لعام ( 1961 / 1962 )": a year spanning two (a season, a school or fiscal year)
    y2 = rf"(?:{OS}/{OS}(?P<y2>{YEAR4}))?"
    headyear = rf"(?:\({OS}(?P<year>{YEAR4}){y2}{OS}\)|(?P<year>{YEAR4}){y2})"
    rel = rf"(?:{S}(?P<rel>{P['dir']}){RB})"
    day = rf"(?:{P['article']}?(?P<day>{DAY})|(?P<dayw>{P['dayw']}))"
    this = rf"(?:(?P<this>{P['this']}){S})"
    rules: list[tuple[str, str, Callable]] = [
        ("numdate", rf"(?<![\d./-])(?P<a>\d{{1,4}})(?:(?P<sep>[-.])|{OS}(?P<sl>/){OS})(?P<b>\d{{1,2}})(?:(?P=sep)|(?(sl){OS}/{OS}|(?!x)x))(?P<c>\d{{1,4}})(?![\d]|[./-]\d)"
         rf"(?:{OS},?{OS}(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])|{hera})?", _h_numdate),
        ("gdate", rf"{LB}(?:(?P<hd>{P['head_day']}){S})?{wdpre}?{day}{dsep}(?:{P['head_month']}{S})?"
         rf"(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?{RB}", _h_gdate),
        ("gmonth", rf"{LB}(?:(?P<hm>{P['head_month']}|{P['head_months']}){S})?(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?{RB}", _h_gmonth),
        ("hdate", rf"{LB}(?:(?P<hd>{P['head_day']}){S})?{wdpre}?{day}{dsep}(?:{P['head_month']}{S})?(?P<hmonth>{P['hmonth']})(?:{hyearpart}|{rel})?{RB}", _h_hdate),
        ("hmonth", rf"{LB}(?:(?P<hm>{P['head_month']}){S})?(?P<hmonth>{P['hmonth']})(?:{hyearpart}|{rel})?{RB}", _h_hmonth),
        ("hyear", rf"{LB}(?:(?P<head>{P['head_year']}){S})?{bhyear}{hera}", _h_hyear),
        ("year", rf"{LB}(?:(?P<head>{P['head_year']}|{P['head_years']}){S}{headyear}|(?P<year>{YEAR4})){era}?(?![\p{{L}}]|[.,]\d|%)", _h_year),
        ("relday", rf"{LB}(?:{P['head_day']}{S})?(?P<rd>{P['relday']})(?:{OS}[,،]?{OS}(?:(?P<lp>\(){OS})?(?:{P['head_day']}{S})?(?P<wd>{P['weekday']})(?(lp){OS}\))(?!{OS}(?:\d|{P['dayw']})))?{RB}", _h_relday),
        ("weekday", rf"{LB}(?:(?P<hd>{P['head_day']}){S})?(?P<wd>{P['weekday']})(?:{rel})?{RB}", _h_weekday),
        ("relper", rf"{LB}{this}?(?P<per>{P['period']})(?:{rel})?{RB}", _h_relper),
        ("relyear", rf"{LB}{this}?(?P<per>{P['per_year']})(?:{rel})?{OS}{byear}(?:{era}|{hera})?(?![\p{{L}}\p{{N}}]|[.,]\d|%)", _h_relyear),
        ("dayofrel", rf"{LB}(?:(?P<hd>{P['head_day']}){S})?{day}{S}{P['of']}{S}{this}?(?P<per>{P['per_month']})(?:{rel})?{RB}", _h_dayofrel),
        ("holiday", rf"{LB}(?P<hol>{P['holiday']})(?:{OS}[,،]?{OS}(?:{P['head_year']}{S})?(?P<year>(?<!\d)\d{{4}}(?!\d)){hera}?{era}?|{rel})?{RB}", _h_holiday),
        ("decade", rf"{LB}(?P<dec>{P['decades']}){S}{this}?(?P<per>{P['per_century']})(?:{rel})?{RB}", _h_decade),
        ("quarter", rf"{LB}(?P<qh>{P['quarter']}|{P['half']}){S}(?P<ord>{P['qord']}){S}(?:{P['of']}{S})?"
         rf"(?:(?:{P['head_year']}{S})?(?P<year>{YEAR4})|{this}?(?P<per>{P['per_year']})(?:{rel})?){RB}", _h_quarter),
        ("season", rf"{LB}(?:{this})?(?P<season>{P['season']})(?:{S}(?:{P['head_year']}{S})?(?P<year>{YEAR4})|{rel}"
         rf"|{S}(?:(?P<this2>{P['this']}){S})?(?P<per>{P['per_year']})(?:{S}(?P<rel2>{P['dir']}))?)?{RB}", _h_season),
        ("duration", rf"{LB}(?:(?P<num>(?<!\d)\d{{1,4}}(?![\d.,:/])|{P['num']}){OS}(?:{S}{P['or']}{S}(?P<num2>\d{{1,4}}|{P['num']}))?{S}(?P<unit>{P['unit_nodual']})"
         rf"(?:{S}(?P<one>{P['one']}))?|(?P<dual>{P['unit_du']})(?:{S}{P['or']}{S}(?P<num3>\d{{1,4}}|{P['num']}){S}(?P<unit3>{P['unit_nodual']}))?"
         rf"|(?P<few>{P['few']}){S}(?P<funit>{P['unit']})|(?P<unit1>{P['unit_sg']}){S}(?P<one1>{P['one']})"
         rf"|(?P<unitpl>{P['unit_pl']}){S}(?:(?P<num4>{P['num']})|(?P<few2>{P['few_after']}))(?={S}{P['dir_pl']}{RB}))"
         rf"(?:{S}(?P<rel>{P['dir_pl']}))?{RB}", _h_duration),
        ("vague_unit", rf"{LB}(?P<prep>{P['before']}|{P['since']}|{P['after']}|{P['during']}){S}(?P<vu>{P['unit_pl']}|{P['unit_sg']})"
         rf"(?:{S}{P['few_after']})?(?:{S}(?P<rel>{P['dir_pl']}))?{RB}(?!{S}(?:\d|{P['month']}|{P['hmonth']}|{P['num']}|{P['not_before_units']}{RB}))", _h_vague_unit),
        ("vague_rel", rf"{LB}(?P<vu>{P['unit_pl']}){S}(?P<rel>{P['dir_pl']}){RB}", _h_vague_rel),
        ("vague", rf"{LB}(?P<v>{P['vague']}){RB}", _h_vague),
        ("clock_num", rf"{LB}(?:(?P<head>{P['clock_head']}){S})?(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?![\d:])"
         rf"(?:{S}(?P<ampm>{P['ampm']}){RB})?", _h_clock),
        ("clock_word", rf"{LB}(?P<head>{P['clock_head']}){S}(?P<hw>{P['hourw']}|(?:[01]?\d|2[0-3])(?!\d))(?:[.:](?P<mm>[0-5]\d)(?!\d))?"
         rf"(?:{S}(?:{P['and']}{OS})?(?P<frac>{P['minw']})|{S}{P['minus']}{S}(?P<minus>{P['minw']})"
         rf"|{S}{P['and']}{OS}(?P<mins>\d{{1,2}}|{P['num']}){S}{P['minute_unit']})?(?:{S}(?P<ampm>{P['ampm']}))?{RB}", _h_clock),
        ("clock_bare", rf"{LB}(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<mi>[0-5]\d))?(?![\d:.,]){S}(?P<ampm>{P['ampm']}){RB}"
         rf"(?!{S}(?:{P['relday']}|{P['weekday']}){RB})", _h_clock_bare),
        ("century", rf"{LB}(?:(?P<dec>{P['decades']}){S})?(?P<per>{P['per_century']}){S}(?P<ord>{P['dayw']}){RB}", _h_century),
        ("daypart", rf"{LB}(?P<dp>{P['daypart']}){S}(?:{P['head_day']}{S})?(?:(?P<rd>{P['relday']})(?:{OS}[,،]?{OS}(?:(?P<lp>\(){OS})?(?P<wd2>{P['weekday']})(?(lp){OS}\)))?"
         rf"|(?P<wd>{P['weekday']})){RB}", _h_daypart),
        ("set", rf"{LB}(?:(?P<sadv>{P['sets']})|(?P<every>{P['every']}){S}(?:(?P<num>\d{{1,4}}|{P['num']}){S}(?P<unit>{P['unit_nodual']})"
         rf"|(?P<dual>{P['unit_du']})|(?P<unit1>{P['unit_sg']}))){RB}", _h_set),
        ("anaphor", rf"{LB}(?P<prep>{P['before']}|{P['since']}|{P['after']}|{P['during']}){S}(?P<an>{P['anaphora']}){RB}", _h_anaphor),
        ("vague_set", rf"{LB}(?P<v>{P['vague_sets']}){RB}", _h_vague_set),
        ("set_adj", rf"{LB}(?P<pre>{P['approx_set_prefix']}){S}(?P<adj>{P['set_adj']}){RB}", _h_set_adj),
        ("range_days", rf"{LB}(?P<from>{P['from']}|{P['between']}){S}(?P<d1>{DAY}){OS}(?:{P['to']}{S}|{P['and']}|-){OS}(?P<d2>{DAY}){S}"
         rf"(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?{RB}", _h_range_days),
        ("range_years", rf"{LB}(?P<from>{P['from']}|{P['between']}){S}(?:(?:{P['head_years']}|{P['head_year']}){S})?(?P<y1>{YEAR4}){era}?"
         rf"{OS}(?:{P['to']}{S}|{P['and']}|-){OS}(?:{P['head_year']}{S})?(?P<y2>{YEAR4})(?:{OS}(?P<era2>{P['era']}))?{RB}", _h_range_years),
    ]
    monthpart = rf"(?:(?:{P['head_month']}{S})?(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?|{this}?(?P<per>{P['per_month']})(?:{rel})?)"
    yearpart2 = rf"(?:(?:{P['head_year']}{S})?(?P<year>{YEAR4})|{this}?(?P<per>{P['per_year']})(?:{rel})?)"
    num_d = rf"(?:(?<!\d)\d{{1,4}}(?![\d.,:/])|{P['num']})"
    rules += [
        ("monthnum", rf"{LB}(?:(?P<hm>{P['head_month']}){S}(?:(?P<mn>1[0-2]|0?[1-9])(?![\d.,:/%])|(?P<mnw>{P['num']}))"
         rf"|(?P<hmd>{P['head_month_def']}){S}(?P<mno>{P['dayw']}))"
         rf"(?:{yearpart}|{rel}|{S}{P['of']}{S}(?P<per>{P['per_year']})(?:{S}(?P<rel2>{P['dir']}))?)?{RB}"
         rf"(?!{S}(?:{P['month_num_not_before']}){RB})", _h_monthnum),
        ("monthyear_num", rf"(?<![\d./-])(?P<mo>1[0-2]|0?[1-9]){OS}/{OS}(?P<year>(?:19|20)\d\d)(?!\d|[./-]\d)", _h_monthyear_num),
        ("night", rf"{LB}(?P<nt>{P['nights']}){RB}(?!{S}(?:{P['night_not_before']}){RB})", _h_night),
        ("wd_relweek", rf"{LB}(?:{P['head_day']}{S})?(?P<wd>{P['weekday']}){S}{P['of']}{S}{this}?(?P<per>{P['per_week']})(?:{rel})?{RB}", _h_wd_relweek),
        ("anaphor_rel", rf"{LB}(?P<per>{P['ana_per']}){S}(?P<sh>{P['ana_shift']}){RB}", _h_anaphor_rel),
        ("clock_ord", rf"{LB}(?<!{P['clock_head']}{S})(?P<hw>{P['hourw']}){S}(?P<ampm>{P['ampm']}){RB}", _h_clock),
        ("dur_cmp", rf"{LB}(?P<cmpw>{P['cmp']}){S}(?P<u1>{P['unit_sg_bare']})(?:{S}{P['one']})?{RB}(?!{S}(?:\d|{P['num']}))", _h_dur_cmp),
        ("dur_br", rf"{LB}(?:(?P<num0>{num_d}){OS})?\({OS}(?P<num>{num_d}){OS}\){OS}(?P<unit>{P['unit_nodual']}){RB}", _h_dur_br),
        ("dur_def", rf"{LB}(?:{P['article']}-?(?P<num>\d{{1,4}}){OS}(?P<unit>{P['unit_nodual']})|(?P<unitpl>{P['unit_pl']}){S}{P['article']}-?(?P<num2>\d{{1,4}}))"
         rf"{S}(?P<rel>{P['dir_pl']}){RB}", _h_dur_def),
        ("week_of_month", rf"{LB}(?P<wom>{P['week_of_month']}){S}{P['of']}{S}{monthpart}{RB}", _h_week_of_month),
        ("nth_weekday", rf"{LB}(?P<nth>{P['nth_weekday']}){S}(?P<wd>{P['weekday_any']}){S}{P['of']}{S}{monthpart}{RB}", _h_nth_weekday),
        ("months_of_year", rf"{LB}{P['months_pl']}{S}(?P<num>{P['num']}){S}(?P<fl>{P['first_last_pl']}){S}{P['of']}{S}{yearpart2}{RB}", _h_months_of_year),
        ("first_of_month", rf"{LB}{P['first_of_month']}{S}(?:{P['head_month']}{S})?(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?{RB}", _h_first_of_month),
    ]
    compiled = [(name, regex.compile(pat), h) for name, pat, h in rules]
    side = {
        "outlets": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['outlets']}{RB}"),
        "lam_article": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?!(?:{P['era']}|{P['era_h']}){RB})(?P<ll>{P['lam_article']})(?=\p{{L}})"),
        "left_unit_num": regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{P['num']}|{P['dayw']}|{P['ordinal_units_fem']}){S}\Z"),
        "left_part": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?P<w>{P['part']}){S}\Z"),
        "left_cmp": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?{P['prep_clitics']}?(?P<w>{P['cmp']}){S}\Z"),
        "left_prep": regex.compile(
            rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?P<w>(?P<since>{P['since']})|(?P<before>{P['before']})|(?P<after>{P['after']})|(?P<during>{P['during']})){S}(?P<q>\"|\({OS})?\Z"),
        "left_range": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?P<w>{P['from']}|{P['between']}){S}\Z"),
        "mid_range": regex.compile(rf"\A{OS}(?:{P['to']}{S}|{P['and']}|-){OS}\Z"),
        "paren_wd": regex.compile(rf"{OS}\({OS}(?:{P['head_day']}{S})?(?P<wd>{P['weekday']}){OS}\)"),
        "paren_open": regex.compile(rf"\A{OS}\({OS}\Z"),
        "paren_close": regex.compile(rf"{OS}\)"),
        "anchored": regex.compile(rf"{S}{P['anchor']}{RB}"),
        "clause_gap": regex.compile(r"[.!?؟؛\n]"),
        "clock_fwd": regex.compile(rf"\A{OS}(?:[,،]{OS})?(?:{P['of']}{S})?\Z"),
        "chain_gap": regex.compile(rf"\A{OS}[,،]?{OS}\Z"),
        "left_word": regex.compile(rf"(?P<w>[\p{{L}}]+){S}(?:{P['conj_clitics']}?{P['prep_clitics']}?)?\Z"),
        "next_word": regex.compile(rf"{S}(?P<w>[\p{{L}}]+)"),
        "after_cmp": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['cmp']}{S}(?:{P['from']}{S})?\Z"),
        "art_next": regex.compile(rf"{S}{P['article']}"),
        "every_not_before": regex.compile(rf"{S}{P['every_not_before']}{RB}"),
        "month_list": regex.compile(rf"{P['month']}{OS}(?:[,،]{OS}(?:{P['and']})?|{P['and']})\Z"),
        "month_cue": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?{P['month_cues']}{S}\Z"),
        "rate_left": regex.compile(rf"\d[^\n.،؛!?]{{0,40}}?{S}{P['per']}{S}\Z"),
        "year_list": regex.compile(rf"(?:(?<![\p{{L}}\p{{N}}]){P['head_year_list']}|(?<!\d)(?:1\d{{3}}|20\d{{2}}))[\s,،]*{P['and']}?\Z"),
        "year_cue": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?:{P['year_cues']}|{P['part']}|{P['head_year']}){S}(?:\({OS})?\Z"),
        "bare_ok": regex.compile(rf"(?<![\p{{L}}\p{{N}}]){P['conj_clitics']}?(?:{P['part']}|{P['since']}|{P['before']}|{P['after']}|{P['during']}){S}\Z"),
    }
    return compiled, side


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
    blocked = [(o.start(), o.end()) for o in side["outlets"].finditer(view)]
    cands: list[Match] = []
    for prio, (name, rx, handler) in enumerate(rules):
        for m in rx.finditer(fview):
            if m.end() == m.start():
                continue
            if any(s < m.end() and m.start() < e for s, e in blocked):
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


def _fold_lam_article(view: str, rx, article: str) -> tuple[str, set[int]]:
    """Rewrite lam + article (``lam_article`` in words.yaml) as the article, keeping the length (so offsets stay
    valid); returns the new view and the positions of the rewritten preposition ل."""
    lam: set[int] = set()
    if not rx.search(view):
        return view, lam
    chars = list(view)
    for m in rx.finditer(view):
        s, e = m.span("ll")
        if e - s != len(article):
            continue
        chars[s:e] = article
        lam.add(s)
    return "".join(chars), lam


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
