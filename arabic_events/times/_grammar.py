"""The rules of the time grammar: (name, compiled regex, handler), built from the data
lexicons (``arabic_events/data/times``) once per month-family selection."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any, Callable

import regex

from ._handlers import (  # the rule table names every handler
    _h_anaphor,
    _h_anaphor_rel,
    _h_century,
    _h_clock,
    _h_clock_bare,
    _h_dayofrel,
    _h_daypart,
    _h_decade,
    _h_dur_br,
    _h_dur_cmp,
    _h_dur_def,
    _h_duration,
    _h_first_of_month,
    _h_gdate,
    _h_gmonth,
    _h_hdate,
    _h_hmonth,
    _h_holiday,
    _h_hyear,
    _h_monthnum,
    _h_months_of_year,
    _h_monthyear_num,
    _h_night,
    _h_nth_weekday,
    _h_nth_weekday_h,
    _h_numdate,
    _h_quarter,
    _h_range_days,
    _h_range_years,
    _h_relday,
    _h_relper,
    _h_relyear,
    _h_season,
    _h_set,
    _h_set_adj,
    _h_vague,
    _h_vague_rel,
    _h_vague_set,
    _h_vague_unit,
    _h_wd_relweek,
    _h_week_of_month,
    _h_weekday,
    _h_year,
)
from ._lexicon import _norm, lexicon
from ._types import DAY, OS, RB, S, YEAR4

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


class LazyPattern:
    """A rule's regex, compiled on first use: a short text compiles only the rules whose
    gate words it contains (compiling all of them takes 1-2 s; ``warm_up`` does it at
    pipeline build). Compiling twice from two threads is harmless (same result)."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx = None

    def get(self):
        rx = self._rx
        if rx is None:
            rx = self._rx = regex.compile(self.pattern)
        return rx

    def finditer(self, *args):
        return self.get().finditer(*args)


_LETTERS = regex.compile(r"\p{L}+")
# characters that are letters in every Unicode version (a fast pre-check, not the boundary test)
_SURE_LETTERS = frozenset(map(chr, range(0x0621, 0x064B))) | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SYNTAX = regex.compile(r"\\s\+|\(\?:|[()|?]")


def _letters_only(src: str) -> bool:
    """The forms of a lexicon alternation (``alt``) are letters and spaces only."""
    return all(regex.fullmatch(r"\p{L}*", part) for part in _SYNTAX.split(src))


class Word:
    """A gate piece that starts a run of letters: ``trigger`` fully matches the word there
    (or is a prefix of a multi-word match), ``verify`` is matched in the text at the word."""

    __slots__ = ("trigger", "verify")

    def __init__(self, trigger: str, verify: str | None = None) -> None:
        self.trigger = trigger
        self.verify = verify if verify is not None else trigger

    def __eq__(self, other) -> bool:
        return isinstance(other, Word) and (self.trigger, self.verify) == (other.trigger, other.verify)

    def __hash__(self) -> int:
        return hash((self.trigger, self.verify))


class Gates:
    """Where the gates of the rules occur in a text.

    A gate is one piece or a tuple of pieces: a regex searched in the text (digits,
    punctuation), or a :class:`Word` piece. Word pieces are found from the runs of letters
    of the text: each word type is tested once against every trigger and the answer is
    cached per word type; only the hits are matched (``verify``) in the text. One pass over
    the words serves every word gate, instead of one regex scan per gate."""

    _MAX_CACHE = 200_000

    def __init__(self, gates: list) -> None:
        self.n = len(gates)
        self.multi = [isinstance(g, tuple) and len(g) > 1 for g in gates]
        self.triggers: list = []  # compiled triggers of the word pieces
        self.word_pieces: list[tuple[int, Any]] = []  # (gate id, compiled verify), same order
        self.text_pieces: list[tuple[int, Any]] = []  # (gate id, compiled regex)
        for gid, g in enumerate(gates):
            for piece in g if isinstance(g, tuple) else (g,):
                if isinstance(piece, Word):
                    self.triggers.append(regex.compile(piece.trigger))
                    self.word_pieces.append((gid, regex.compile(piece.verify)))
                else:
                    self.text_pieces.append((gid, regex.compile(piece)))
        self._cache: dict[str, tuple[int, ...]] = {}

    def _hits(self, w: str) -> tuple[int, ...]:
        hit = self._cache.get(w)
        if hit is None:
            sp = w + " "
            hit = tuple(i for i, t in enumerate(self.triggers) if t.fullmatch(w) or t.fullmatch(sp, partial=True))
            if len(self._cache) < self._MAX_CACHE:
                self._cache[sys.intern(w)] = hit  # interned: one copy of the word across caches
        return hit

    def spans(self, view: str) -> list[list[tuple[int, int]]]:
        """For every gate, the spans of its matches in ``view``, in text order."""
        out: list[list[tuple[int, int]]] = [[] for _ in range(self.n)]
        hits = self._hits
        pieces = self.word_pieces
        n = len(view)
        touched = set()
        # the word types of the text (one C-level pass), then the runs of the few types that
        # hit a gate, found with str.find and kept where they are a whole run of letters
        for w in set(_LETTERS.findall(view)):
            hit = hits(w)
            if not hit:
                continue
            lw = len(w)
            pos = view.find(w)
            while pos != -1:
                end = pos + lw
                # inside a longer run: skip (that run is looked up as its own type; the
                # verify patterns check the exact \p{L} boundaries)
                if (pos == 0 or view[pos - 1] not in _SURE_LETTERS) and (end == n or view[end] not in _SURE_LETTERS):
                    for i in hit:
                        gid, rx = pieces[i]
                        g = rx.match(view, pos)
                        if g is not None:
                            out[gid].append(g.span())
                            touched.add(gid)
                pos = view.find(w, pos + 1)
        for gid, rx in self.text_pieces:
            found = [g.span() for g in rx.finditer(view)]
            if found:
                out[gid].extend(found)
                touched.add(gid)
        for gid in touched:
            out[gid].sort()
        return out


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
        # "أول جمعة من رمضان", "آخر جمعة من شهر رمضان 1441": the nth weekday of a Hijri month
        ("nth_weekday_h", rf"{LB}(?P<nth>{P['nth_weekday']}){S}(?P<wd>{P['weekday_any']}){S}{P['of']}{S}(?:(?P<hm>{P['head_month']}){S})?"
         rf"(?P<hmonth>{P['hmonth']})(?:{hyearpart}|{rel})?{RB}", _h_nth_weekday_h),
        ("months_of_year", rf"{LB}{P['months_pl']}{S}(?P<num>{P['num']}){S}(?P<fl>{P['first_last_pl']}){S}{P['of']}{S}{yearpart2}{RB}", _h_months_of_year),
        ("first_of_month", rf"{LB}{P['first_of_month']}{S}(?:{P['head_month']}{S})?(?P<month>{P['month']}){double}?(?:{yearpart}|{rel})?{RB}", _h_first_of_month),
    ]
    # Gates: a word every match of the rule contains. A rule whose gate does not occur in
    # the document is skipped, and a rule runs only on windows around its gate words (one
    # search for the gate instead of a full scan with lookbehinds). A word gate is bounded
    # like the rule's own word (leading conjunction/preposition clitics allowed, no letter
    # glued on either side), so "اب" (August) is not a gate inside "الشباب".
    def G(x: str) -> Word | str:
        src = rf"(?<!\p{{L}})(?:{P['conj_clitics']})?(?:{P['prep_clitics']})?(?:{x})(?!\p{{L}})"
        return Word(src) if _letters_only(x) else src

    # a duration holds a number word, a dual, "بضعة", "واحد" or a digit before its unit
    dur_words = rf"{P['num']}|{P['unit_du']}|{P['few']}|{P['one']}|{P['few_after']}"
    dur_digit = Word(rf"(?<!\p{{L}})(?:{P['unit_nodual']})(?!\p{{L}})", rf"(?<=\d\s+)(?:{P['unit_nodual']})(?!\p{{L}})")
    preps = rf"{P['before']}|{P['since']}|{P['after']}|{P['during']}"
    gate_src = {
        "numdate": r"\d[-./]|\d\s*/", "gdate": G(P["month"]), "gmonth": G(P["month"]), "hdate": G(P["hmonth"]),
        "hmonth": G(P["hmonth"]), "hyear": G(P["era_h"]), "year": r"\d{4}", "relday": G(P["relday"]),
        "weekday": G(P["weekday"]), "relper": G(P["period"]), "relyear": r"\d{4}", "dayofrel": G(P["per_month"]),
        "holiday": G(P["holiday"]), "decade": G(P["decades"]), "quarter": G(rf"{P['quarter']}|{P['half']}"),
        "season": G(P["season"]), "duration": (G(dur_words), dur_digit),
        "vague_unit": G(rf"(?:{preps})\s+(?:{P['unit_pl']}|{P['unit_sg']})"),
        "vague_rel": G(rf"{P['unit_pl']}\s+{P['dir_pl']}"), "vague": G(P["vague"]), "clock_num": r"\d:\d",
        "clock_word": G(P["clock_head"]), "clock_bare": G(P["ampm"]),
        "century": G(P["per_century"]), "daypart": G(P["daypart"]), "set": G(rf"{P['sets']}|{P['every']}"),
        "anaphor": G(P["anaphora"]), "vague_set": G(P["vague_sets"]), "set_adj": G(P["approx_set_prefix"]),
        "range_days": G(P["month"]), "range_years": r"\d{4}",
        "monthnum": G(rf"{P['head_month']}|{P['head_month_def']}"), "monthyear_num": r"\d\s*/\s*\d{4}",
        "night": G(P["nights"]), "wd_relweek": G(P["per_week"]), "anaphor_rel": G(P["ana_shift"]),
        "clock_ord": G(P["ampm"]), "dur_cmp": G(P["cmp"]), "dur_br": rf"\){OS}(?:{P['unit_nodual']})",
        "dur_def": rf"{P['article']}-?\d",
        "week_of_month": G(P["week_of_month"]), "nth_weekday": G(rf"{P['nth_weekday']}\s+{P['weekday_any']}"),
        "nth_weekday_h": G(rf"{P['nth_weekday']}\s+{P['weekday_any']}"),
        "months_of_year": G(P["months_pl"]),
        "first_of_month": G(rf"{P['first_of_month']}\s+(?:{P['head_month']}\s+)?{P['month']}"),
    }
    missing = [name for name, _, _ in rules if name not in gate_src]
    if missing:  # every rule is gated (an ungated rule scans every position of every text)
        raise AssertionError(f"time rules without a gate: {missing}")
    gate_ids: dict[Any, int] = {}  # rules with the same gate share it (and its windows)
    for src in gate_src.values():
        gate_ids.setdefault(src, len(gate_ids))
    gates = Gates(list(gate_ids))
    compiled = [(name, LazyPattern(pat), h, gate_ids[gate_src[name]]) for name, pat, h in rules]
    # a word every media-outlet name contains ("اليوم"): without it the outlet scan is skipped
    outlet_words = [set(_norm(w).split()) for w in L.words.get("outlets", ())]
    outlet_cue = sorted(set.intersection(*outlet_words))[0] if outlet_words and set.intersection(*outlet_words) else None
    side = {
        "gates": gates,
        "outlet_cue": outlet_cue,
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
