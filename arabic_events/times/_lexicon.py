"""Load the time lexicons from ``arabic_events/data/times`` and build regex alternations.

Every word comes from the data files; this module only folds them with
:func:`arabic_events.normalize.normalize` (the same folds as ``doc.norm``) and turns
them into longest-first alternations that tolerate any run of whitespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import regex

from .._data import load_yaml
from ..errors import DataError
from ..normalize import normalize, strip_harakat
from ..tokenizer import CLITICS as _SHARED

__all__ = ["Lexicon", "lexicon", "MONTH_FILES", "DATA_FILES", "FAMILIES"]

MONTH_FILES = (
    "times/months_egyptian_gulf.yaml",
    "times/months_levantine_iraqi.yaml",
    "times/months_maghrebi.yaml",
)
DATA_FILES = MONTH_FILES + (
    "times/hijri.yaml",
    "times/weekdays.yaml",
    "times/relative.yaml",
    "times/periods.yaml",
    "times/durations.yaml",
    "times/clock.yaml",
    "times/words.yaml",
    "times/numeric.yaml",
    "times/holidays.yaml",
)

def _norm(word: str) -> str:
    return " ".join(normalize(str(word)).split())


def alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of folded ``words`` that tries longer matches first; a
    space in a word matches any run of whitespace.

    Multi-word forms are factored by word (:func:`_words_re`): first words that continue
    with the same set of next words share one copy of that continuation, so the 744
    two-word number forms of ``durations.yaml`` ("ثلاثة عشر", "خمسة وعشرين" ...) compile
    as a few hundred characters instead of 6 kB. The backtracking order is that of a
    plain character trie (:func:`trie_alt`), checked by ``tests/test_times_grammar.py``."""
    forms = {_norm(w) for w in words if str(w).strip()}
    if not forms:
        return r"(?!x)x"
    return "(?:" + _words_re({tuple(f.split(" ")) for f in forms}) + ")"


def trie_alt(words: Iterable[str]) -> str:
    """The same alternation as :func:`alt` as one character trie (one branch per distinct
    next character, longer matches preferred): the reference for :func:`alt`."""
    forms = {_norm(w) for w in words if str(w).strip()}
    if not forms:
        return r"(?!x)x"
    return "(?:" + _chars_re(forms) + ")"


def _chars_re(forms: Iterable[str]) -> str:
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_re(trie)


def _trie_re(node: dict) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else (ch if ch.isalnum() else regex.escape(ch))
        branches.append(piece + _trie_re(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body if len(branches) == 1 else body


def _words_re(seqs: set[tuple[str, ...]]) -> str:
    """Alternation of word sequences, longest match first (the order of a character trie).

    The first words are grouped by what may follow them (alone or not, and the alternation
    of the next words); a group is a character trie of its first words followed by its
    continuation. At one position of a text the words that match form a chain of prefixes
    (ثلاث, ثلاثة), tried longest first in a character trie; groups are therefore ordered so
    that a word comes before every shorter word that is a prefix of it, and when no such
    order exists the plain character trie is used."""
    nodes: dict[str, list] = {}
    for s in sorted(seqs):  # sorted: the same pattern in every process (no hash order)
        n = nodes.setdefault(s[0], [False, set()])
        if len(s) == 1:
            n[0] = True
        else:
            n[1].add(s[1:])
    groups: dict[tuple[bool, str | None], list[str]] = {}
    for w, (terminal, rest) in nodes.items():
        groups.setdefault((terminal, _words_re(rest) if rest else None), []).append(w)
    if len(groups) == 1:
        order = list(groups)
    else:
        keys = list(groups)
        gid = {w: k for k, ws in groups.items() for w in ws}
        after: dict = {k: {} for k in keys}  # k -> groups that must come after k (an ordered set)
        for w in nodes:
            for i in range(1, len(w)):
                shorter = gid.get(w[:i])
                if shorter is not None and shorter != gid[w]:
                    after[gid[w]][shorter] = None
        order = []
        pending = {k: sum(k in v for v in after.values()) for k in keys}
        ready = [k for k in keys if pending[k] == 0]
        while ready:
            k = ready.pop(0)
            order.append(k)
            for k2 in after[k]:
                pending[k2] -= 1
                if pending[k2] == 0:
                    ready.append(k2)
        if len(order) != len(keys):  # no order exists: one character trie
            return _chars_re(" ".join(s) for s in seqs)
    pieces = []
    for key in order:
        terminal, cont = key
        head = _chars_re(groups[key])
        if cont is None:
            pieces.append(head)
        else:
            head = "(?:" + head + ")"
            pieces.append(head + (rf"(?:\s+(?:{cont}))?" if terminal else rf"\s+(?:{cont})"))
    return pieces[0] if len(pieces) == 1 else "|".join(pieces)


def _table(mapping, where: str, keytype=int) -> dict[str, object]:
    """Folded variant -> key; two keys for one folded form is a data error."""
    out: dict[str, object] = {}
    for key, words in (mapping or {}).items():
        k = keytype(key)
        for w in words:
            f = _norm(w)
            if f in out and out[f] != k:
                raise DataError(f"{where}: {w!r} maps to both {out[f]!r} and {k!r}")
            out[f] = k
    return out


def key_of(table: dict[str, object], surface: str):
    """Look up a matched view string (whitespace runs collapsed)."""
    return table.get(" ".join(surface.split()))


@dataclass
class Lexicon:
    months: dict[str, int] = field(default_factory=dict)
    month_family: dict[str, set[str]] = field(default_factory=dict)
    month_surface: dict[str, set[str]] = field(default_factory=dict)
    hijri: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    reldays: dict[str, int] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)
    direction: dict[str, str] = field(default_factory=dict)
    vague: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    unit_number: dict[str, str] = field(default_factory=dict)  # form -> singular|plural|dual
    numbers: dict[str, int] = field(default_factory=dict)
    day_ordinals: dict[str, int] = field(default_factory=dict)
    hours: dict[str, int] = field(default_factory=dict)
    minutes: dict[str, int] = field(default_factory=dict)
    ampm: dict[str, str] = field(default_factory=dict)
    dayparts: dict[str, str] = field(default_factory=dict)
    sets: dict[str, str] = field(default_factory=dict)
    decades: dict[str, int] = field(default_factory=dict)
    holidays: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    ambiguous_units: set[str] = field(default_factory=set)
    set_adjectives: dict[str, str] = field(default_factory=dict)
    cmp: dict[str, str] = field(default_factory=dict)
    nights: dict[str, int] = field(default_factory=dict)
    weekdays_bare: dict[str, int] = field(default_factory=dict)  # weekday names without the article
    ana_periods: dict[str, str] = field(default_factory=dict)
    ana_shift: dict[str, int] = field(default_factory=dict)
    week_of_month: dict[str, str] = field(default_factory=dict)
    nth_weekday: dict[str, int] = field(default_factory=dict)
    first_last_pl: dict[str, str] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    P: dict[str, str] = field(default_factory=dict)  # name -> alternation pattern
    P_forms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # name -> its folded forms
    _word_sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def is_word(self, cls: str, surface: str) -> bool:
        forms = self._word_sets.get(cls)
        if forms is None:  # the folded forms of a word class, built once
            forms = self._word_sets[cls] = frozenset(_norm(w) for w in self.words.get(cls, ()))
        return _norm(surface) in forms

    def surface_ok(self, view_form: str, original: str) -> bool:
        allowed = self.month_surface.get(" ".join(view_form.split()))
        if not allowed:
            return True
        return strip_harakat(original) in allowed


def _num_words(d, and_: str) -> dict[str, int]:
    nums = _table(d["numbers"], "durations.yaml/numbers")
    units = {k: v for k, v in nums.items() if 1 <= v <= 9}
    tens = {k: v for k, v in nums.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}
    out = dict(nums)
    for teen in d.get("teen", ()):
        for w, v in units.items():
            if v >= 3:
                out.setdefault(f"{w} {_norm(teen)}", 10 + v)
    for w, v in units.items():
        for t, tv in tens.items():
            out.setdefault(f"{w} {and_}{t}", v + tv)
    return out


def _put(L: "Lexicon", key: str, words: Iterable[str]) -> None:
    """``L.P[key]``: the alternation of ``words`` (their folded forms kept in ``L.P_forms``)."""
    forms = frozenset(_norm(w) for w in words if str(w).strip())
    L.P_forms[key] = forms
    L.P[key] = "(?:" + _words_re({tuple(f.split(" ")) for f in forms}) + ")" if forms else r"(?!x)x"


FAMILIES = ("egyptian_gulf", "levantine_iraqi", "maghrebi")


@lru_cache(maxsize=8)
def lexicon(families: tuple[str, ...] | None = None) -> Lexicon:
    """The compiled lexicon (loaded once per family selection, on first use).

    ``families`` restricts the Gregorian month tables to some regional families
    (``egyptian_gulf`` is the base table; ``None`` = all).
    """
    if families is not None:
        unknown = sorted(set(families) - set(FAMILIES))
        if unknown:
            from ..errors import ConfigError

            raise ConfigError(f"unknown month families {unknown}; choose from {list(FAMILIES)}")
    L = Lexicon()
    for name in MONTH_FILES:
        d = load_yaml(name)
        fam = d.get("family", name)
        if families is not None and fam not in families:
            continue
        for f, m in _table(d["months"], name).items():
            if f in L.months and L.months[f] != m:
                raise DataError(f"{name}: month form {f!r} is month {m} here and {L.months[f]} elsewhere")
            L.months[f] = m
            L.month_family.setdefault(f, set()).add(fam)
        for form, surfaces in (d.get("surface") or {}).items():
            L.month_surface[_norm(form)] = {strip_harakat(s) for s in surfaces}
    h = load_yaml("times/hijri.yaml")
    L.hijri = _table(h["months"], "hijri.yaml")
    w = load_yaml("times/weekdays.yaml")
    L.weekdays = _table(w["weekdays"], "weekdays.yaml")
    r = load_yaml("times/relative.yaml")
    L.reldays = _table(r["days"], "relative.yaml/days")
    L.reldays.update(_table(r.get("days_headed"), "relative.yaml/days_headed"))
    L.nights = _table(r.get("nights"), "relative.yaml/nights")
    L.ana_periods = _table(r.get("anaphoric_periods"), "relative.yaml/anaphoric_periods", str)
    L.ana_shift = _table(r.get("anaphoric_shift"), "relative.yaml/anaphoric_shift")
    L.periods = _table(r["periods"], "relative.yaml/periods", str)
    L.direction = _table(r["direction"], "relative.yaml/direction", str)
    L.vague = _table(r["vague"], "relative.yaml/vague", str)
    p = load_yaml("times/periods.yaml")
    L.parts = _table(p["parts"], "periods.yaml/parts", str)
    L.ordinals = _table(p["ordinals"], "periods.yaml/ordinals")
    L.seasons = _table(p["seasons"], "periods.yaml/seasons", str)
    L.week_of_month = _table(p.get("week_of_month"), "periods.yaml/week_of_month", str)
    L.nth_weekday = _table(p.get("nth_weekday"), "periods.yaml/nth_weekday")
    L.first_last_pl = _table(p.get("first_last_pl"), "periods.yaml/first_last_pl", str)
    du = load_yaml("times/durations.yaml")
    art = _SHARED["det"][0]
    for unit, forms in du["units"].items():
        for number, words in forms.items():
            for wd in words:
                for f in (_norm(wd), art + _norm(wd)):
                    L.units[f] = str(unit)
                    L.unit_number[f] = number
    L.ambiguous_units = {str(u) for u in du.get("ambiguous_units", ())}
    L.numbers = _num_words(du, _norm(load_yaml("times/words.yaml")["and"][0]))
    # numbers with the article ("الثلاثة أشهر")
    for f, v in list(L.numbers.items()):
        L.numbers.setdefault(art + f, v)
    c = load_yaml("times/clock.yaml")
    L.hours = _table(c["hours"], "clock.yaml/hours")
    L.minutes = _table(c["minutes"], "clock.yaml/minutes")
    L.ampm = _table(c["ampm"], "clock.yaml/ampm", str)
    L.dayparts = _table(c["dayparts"], "clock.yaml/dayparts", str)
    L.sets = _table(c["sets"], "clock.yaml/sets", str)
    hol = load_yaml("times/holidays.yaml")
    for cal in ("hijri", "gregorian"):
        for md, forms in (hol.get(cal) or {}).items():
            mo, dd = (int(x) for x in str(md).split("-"))
            for f, key in _table({md: forms}, f"holidays.yaml/{cal}", str).items():
                if f in L.holidays:
                    raise DataError(f"holidays.yaml: {f!r} listed twice")
                L.holidays[f] = (cal, mo, dd)
    wo = load_yaml("times/words.yaml")
    ords = _table(wo["day_ordinals"], "words.yaml/day_ordinals")
    day_ord = dict(ords)
    for teen in wo.get("day_ordinal_teen", ()):
        for f, v in ords.items():
            if v <= 9:
                day_ord.setdefault(f"{f} {_norm(teen)}", 10 + v)
    tens = _table(wo["day_ordinal_tens"], "words.yaml/day_ordinal_tens")
    and_ = _norm(wo["and"][0])
    for t, tv in tens.items():
        day_ord.setdefault(t, tv)
        for f, v in ords.items():
            if v <= 9 and tv + v <= 31:
                day_ord.setdefault(f"{f} {and_}{t}", tv + v)
    L.day_ordinals = day_ord
    for k, v in wo.items():
        if isinstance(v, list):
            L.words[k] = [str(x) for x in v]
    # the clitics and the article: the library's one clitic table
    for k, shared in (("conj_clitics", "conj"), ("prep_clitics", "prep"), ("article", "det")):
        if k in wo:
            raise DataError(f"times/words.yaml: {k!r} comes from tokenizer.CLITICS[{shared!r}]; remove it from the file")
        L.words[k] = list(_SHARED[shared])
    L.words["era_h"] = [str(x) for x in h["era"]]
    L.words["weekday_not_after"] = [str(x) for x in w.get("not_after", ())]
    L.words["today_not_before"] = [str(x) for x in r.get("today_not_before", ())]
    L.words["today_not_after"] = [str(x) for x in r.get("today_not_after", ())]
    L.words["outlets"] = [str(x) for x in r.get("outlets", ())]
    L.words["this"] = [str(x) for x in r.get("this", ())]
    L.words["anaphora"] = [str(x) for x in r.get("anaphora", ())]
    L.words["recent"] = [str(x) for x in r.get("recent", ())]
    L.words["few_after"] = [str(x) for x in r.get("few_after", ())]
    L.decades = _table(r.get("decades"), "relative.yaml/decades")
    L.words["not_before_units"] = [str(x) for x in r.get("not_before_units", ())]
    L.words["every_not_before"] = [str(x) for x in c.get("every_not_before", ())]
    for x in L.words["recent"]:
        L.direction.setdefault(_norm(x), "recent")
    L.words["vague_sets"] = [str(x) for x in c.get("vague_sets", ())]
    L.words["approx_set_prefix"] = [str(x) for x in c.get("approx_set_prefix", ())]
    L.set_adjectives = _table(c.get("set_adjectives"), "clock.yaml/set_adjectives", str)
    L.words["quarter"] = [str(x) for x in p.get("quarter", ())]
    L.words["months_pl"] = [str(x) for x in p.get("months_pl", ())]
    L.words["first_of_month"] = [str(x) for x in p.get("first_of_month", ())]
    L.words["night_not_before"] = [str(x) for x in r.get("night_not_before", ())]
    L.words["half"] = [str(x) for x in p.get("half", ())]
    for k in ("few", "approx", "less_than", "more_than"):
        L.words[k] = [str(x) for x in du.get(k, ())]
    for k in ("clock_head", "minus", "minute_unit", "every", "clock_cues"):
        L.words[k] = [str(x) for x in c.get(k, ())]
    for k, cls in (("approx", "APPROX"), ("less_than", "LESS_THAN"), ("more_than", "MORE_THAN")):
        for x in L.words[k]:
            L.cmp[_norm(x)] = cls
    one = [f for f, v in L.numbers.items() if v == 1 and not f.startswith(art)]

    P = L.P
    _put(L, "month", L.months)
    _put(L, "hmonth", L.hijri)
    _put(L, "weekday", L.weekdays)
    _put(L, "relday", L.reldays)
    _put(L, "period", L.periods)
    _put(L, "per_month", [f for f, u in L.periods.items() if u == "M"])
    _put(L, "per_year", [f for f, u in L.periods.items() if u == "Y"])
    _put(L, "per_century", [f for f, u in L.periods.items() if u == "CE"])
    _put(L, "decades", L.decades)
    _put(L, "holiday", L.holidays)
    _put(L, "dir", [f for f, d in L.direction.items() if d != "recent"])
    _put(L, "dir_pf", [f for f, d in L.direction.items() if d in ("past", "future")])
    _put(L, "dir_pl", [f for f, d in L.direction.items() if d in ("past", "future", "recent")])
    _put(L, "vague", L.vague)
    _put(L, "part", L.parts)
    _put(L, "qord", L.ordinals)
    _put(L, "season", L.seasons)
    _put(L, "unit", L.units)
    _put(L, "unit_sg", [f for f, n in L.unit_number.items() if n == "singular" and not f.startswith(art)])
    _put(L, "unit_pl", [f for f, n in L.unit_number.items() if n == "plural"])
    _put(L, "unit_du", [f for f, n in L.unit_number.items() if n == "dual"])
    _put(L, "unit_nodual", [f for f, n in L.unit_number.items() if n != "dual"])
    _put(L, "num", L.numbers)
    _put(L, "one", one)
    _put(L, "dayw", L.day_ordinals)
    _put(L, "hourw", L.hours)
    _put(L, "minw", L.minutes)
    _put(L, "ampm", L.ampm)
    _put(L, "daypart", L.dayparts)
    _put(L, "sets", L.sets)
    _put(L, "set_adj", L.set_adjectives)
    _put(L, "cmp", L.cmp)
    _put(L, "nights", L.nights)
    L.weekdays_bare = {f[len(art):]: v for f, v in L.weekdays.items() if f.startswith(art)}
    _put(L, "weekday_any", list(L.weekdays) + list(L.weekdays_bare))
    _put(L, "ana_per", L.ana_periods)
    _put(L, "ana_shift", L.ana_shift)
    _put(L, "week_of_month", L.week_of_month)
    _put(L, "nth_weekday", L.nth_weekday)
    _put(L, "first_last_pl", L.first_last_pl)
    _put(L, "per_week", [f for f, u in L.periods.items() if u == "W"])
    _put(L, "unit_sg_bare", [f for f, n in L.unit_number.items() if n == "singular" and not f.startswith(art)])
    for k, v in L.words.items():
        _put(L, k, v)
    return L
