"""Find quantity expressions on the normalized view and give each its value.

The scanner splits ``NormalizedText.text`` into number, Arabic word, Latin word and
punctuation tokens. At each token a small grammar reads an approximation marker, the
number (digits, words, or both, with و-joined parts and scale words), a percent sign or
word, and the counted noun. Context rules then drop numbers that belong to dates, clock
times, names, identifiers and phone numbers. Results are mapped back to offsets in the
original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from fractions import Fraction
from typing import Iterator

from ..doc import Quantity
from ..normalize import NormalizedText, normalize
from ._lexicon import ARTICLE, CLITICS, Atom, Lexicon, lexicon

__all__ = ["find", "to_value"]

_TOKEN_RE = re.compile(
    r"(?P<date>\d{1,4}[ \t]*-[ \t]*\d{1,2}[ \t]*-[ \t]*\d{1,4}|\d+(?:[ \t]*/[ \t]*\d+)+)"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<tap>\d+\u0631\d+)(?![\u0621-\u064a])"
    r"|(?P<num>(?<![\w.])\.\d+(?![.,]\d)|\d+(?:[.,]\d+|\u060c\d{3}(?!\d))*)"
    r"|(?P<ar>[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<lat>[a-z\u00c0-\u024f]+)"
    r"|(?P<sp>\s+)"
    r"|(?P<p>.)",
    re.S,
)
_COMMA_DECIMAL = re.compile(r"^\d{1,3},\d{3}$")
_HARAKAT_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
_PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "كم", "ه")
_DIGIT_CLITICS = frozenset({"و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "بال", "فال", "لل"})
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


class _Finder:
    def __init__(self, norm: NormalizedText, lx: Lexicon, *, bare_years: bool = False, zero: bool = False, durations: bool = False):
        self.durations = durations
        self.norm = norm
        self.view = norm.text
        self.orig = norm.original
        self.lx = lx
        self.bare_years = bare_years
        self.zero = zero
        self.toks = self._scan()
        self._items: dict[tuple[int, bool], Item | None] = {}

    # ------------------------------------------------------------ scanning
    def _scan(self) -> list[Tok]:
        toks: list[Tok] = []
        gap = True
        for m in _TOKEN_RE.finditer(self.view):
            kind = m.lastgroup
            if kind == "sp":
                gap = True
                continue
            if kind == "tap":
                # Tunisian agency (TAP) decimals are written with "ر" and reversed: "8ر4" = 4.8
                a, _, b = m.group().partition("\u0631")
                toks.append(Tok("num", m.group(), m.start(), m.end(), gap, f"{b}.{a}"))
            else:
                toks.append(Tok(kind, m.group(), m.start(), m.end(), gap, m.group() if kind == "num" else ""))
            gap = False
        return self._merge_space_groups(toks)

    def _merge_space_groups(self, toks: list[Tok]) -> list[Tok]:
        """Join "12 500" / "1 250 000" (non-breaking space, or two or more groups)."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind == "num" and t.text.isdigit() and len(t.text) <= 3 and t.text[0] != "0":
                j = i + 1
                groups = [t.text]
                nb = []
                while (
                    j < len(toks)
                    and toks[j].kind == "num"
                    and len(toks[j].text) == 3
                    and toks[j].text.isdigit()
                    and toks[j].s == toks[j - 1].e + 1
                ):
                    groups.append(toks[j].text)
                    nb.append(self.orig[self.norm.original_offset(toks[j].s) - 1] in _NBSP)
                    j += 1
                if len(groups) > 1 and (all(nb) or len(groups) > 2):
                    out.append(Tok("num", self.view[t.s : toks[j - 1].e], t.s, toks[j - 1].e, t.gap, ",".join(groups)))
                    i = j
                    continue
            out.append(t)
            i += 1
        return out

    # ------------------------------------------------------------- helpers
    def word(self, k: int) -> str | None:
        if 0 <= k < len(self.toks) and self.toks[k].kind == "ar":
            return self.toks[k].text
        return None

    def glued(self, k: int) -> bool:
        """Token k is attached to token k-1 (no space between)."""
        return 0 < k < len(self.toks) and not self.toks[k].gap

    @staticmethod
    def _strip(w: str) -> tuple[tuple[str, int], ...]:
        return _strip_word(w)

    def _has_tanween(self, s: int, e: int) -> bool:
        os_, oe = self.norm.to_original(s, e)
        return _FATHATAN in self.orig[os_ : oe + 1]

    def item(self, k: int, first: bool) -> Item | None:
        key = (k, first)
        if key not in self._items:
            self._items[key] = self._item(k, first)
        return self._items[key]

    def _item(self, k: int, first: bool) -> Item | None:
        if k >= len(self.toks):
            return None
        t = self.toks[k]
        if t.kind == "num":
            val, alt = _digits_value(t.num)
            if val is None:
                return None
            return Item(None, val, False, t.s, t.e, k, k + 1, alt)
        if t.kind != "ar":
            return None
        w = t.text
        if not first and w == "و" and k + 1 < len(self.toks):
            nxt = self.item(k + 1, True) if self.toks[k + 1].kind == "num" else self._word_item(k + 1, plain=True)
            if nxt is None:
                return None
            return Item(nxt.atom, nxt.digits, True, t.s, nxt.e, k, nxt.k_next, nxt.alt)
        return self._word_item(k, plain=False, first=first)

    def _word_item(self, k: int, plain: bool, first: bool = True) -> Item | None:
        t = self.toks[k]
        if t.kind != "ar":
            return None
        w = t.text
        a = self.lx.lookup(w)
        if a is not None:
            return Item(a, None, False, t.s, t.e, k, k + 1)
        if plain:
            return None
        if first:
            for stem, off in self._strip(w):
                a = self.lx.lookup(stem)
                if a is not None:
                    return Item(a, None, False, t.s + off, t.e, k, k + 1)
            return None
        if w.startswith("و") and len(w) > 2:
            a = self.lx.lookup(w[1:])
            if a is not None:
                return Item(a, None, True, t.s, t.e, k, k + 1)
        return None

    def match_seq(self, k: int, seq: tuple[str, ...], first_clitic: bool = False) -> tuple[int, int] | None:
        """Match a word sequence at token k; returns (view start, next token index)."""
        start = None
        for n, w in enumerate(seq):
            j = k + n
            tw = self.word(j)
            if tw is None:
                return None
            if n == 0:
                if tw == w:
                    start = self.toks[j].s
                elif first_clitic:
                    hit = [off for stem, off in self._strip(tw) if stem == w]
                    if not hit:
                        return None
                    start = self.toks[j].s + hit[0]
                else:
                    return None
            elif tw != w:
                return None
        return start, k + len(seq)

    # -------------------------------------------------------------- grammar
    def below100(self, it: Item) -> tuple[Fraction, int, int] | None:
        if it.digits is not None:
            if it.digits.denominator == 1 and 0 < it.digits < 100:
                return it.digits, it.k_next, it.e
            return None
        a = it.atom
        if a.type in ("unit", "compound_one"):
            nx = self.item(it.k_next, False)
            if nx and nx.atom and not nx.conj and nx.atom.type == "ten" and not nx.atom.definite:
                return 10 + a.value, nx.k_next, nx.e
            if nx and nx.atom and nx.conj and nx.atom.type == "tens" and nx.atom.definite == a.definite:
                return a.value + nx.atom.value, nx.k_next, nx.e
            if a.type == "compound_one":
                return None
            return a.value, it.k_next, it.e
        if a.type in ("ten", "tens"):
            return a.value, it.k_next, it.e
        return None

    def group(self, it: Item) -> tuple[Fraction, int, int, Fraction | None] | None:
        """A number below 1000 (or a digit group): (value, next k, view end, alt)."""
        if it.digits is not None:
            return it.digits, it.k_next, it.e, it.alt
        a = it.atom
        if a is None:
            return None
        if a.type in ("hundred", "hundreds"):
            v, k, e = a.value, it.k_next, it.e
        elif a.type == "unit" and 3 <= a.value <= 9:
            nx = self.item(it.k_next, False)
            if nx and nx.atom and not nx.conj and nx.atom.type == "hundred":
                v, k, e = a.value * 100, nx.k_next, nx.e
            else:
                r = self.below100(it)
                return (r[0], r[1], r[2], None) if r else None
        else:
            r = self.below100(it)
            return (r[0], r[1], r[2], None) if r else None
        nx = self.item(k, False)
        if nx and nx.conj:
            r = self.below100(nx)
            if r:
                v, k, e = v + r[0], r[1], r[2]
            elif nx.atom and nx.atom.type == "scale" and nx.atom.form == "singular":
                # num2words writes 101 000 as "مائة و ألف ألف": the first scale word stands for 1
                nn = self.item(nx.k_next, False)
                if nn and nn.atom is nx.atom and not nn.conj:
                    v, k, e = v + 1, nx.k_next, nx.e
        return v, k, e, None

    def scale_after(self, k: int) -> Item | None:
        nx = self.item(k, False)
        if nx and nx.atom and not nx.conj and nx.atom.type == "scale" and nx.atom.form != "dual":
            return nx
        return None

    def standalone_scale(self, it: Item) -> Fraction | None:
        a = it.atom
        if a is None or a.type != "scale":
            return None
        if a.form == "singular":
            return a.value
        if a.form == "dual":
            return 2 * a.value
        if a.form == "dual_or_accusative":
            return a.value if self._has_tanween(it.s, it.e) else 2 * a.value
        return None

    def cardinal(self, it: Item) -> Core | None:
        """The general number grammar: parts joined by و, scales decreasing."""
        total = Fraction(0)
        last = _INF
        parts = 0
        end_k, end_e = None, None
        alt = None
        words = digits = False
        has_scale = False
        cur = it
        while cur is not None:
            g = self.group(cur)
            if g is not None:
                v, k1, e1, galt = g
                sc = self.scale_after(k1)
                if sc is not None:
                    if cur.digits is not None and _COMMA_DECIMAL.match(self.toks[cur.k].num or ""):
                        # "17,106 آلاف": before a scale word the comma is a decimal comma (17.106 thousand)
                        head, _, tail = self.toks[cur.k].num.partition(",")
                        v = Fraction(head + "." + tail)
                    v, scale, k1, e1 = v * sc.atom.value, sc.atom.value, sc.k_next, sc.e
                    galt = None
                    words = True
                else:
                    scale = 1
                if cur.digits is not None:
                    digits = True
                else:
                    words = True
            else:
                sv = self.standalone_scale(cur)
                if sv is None:
                    break
                scale = cur.atom.value
                v, k1, e1, galt = sv, cur.k_next, cur.e, None
                words = True
            if parts:
                if scale >= last or (scale == 1 and v >= last):
                    break
            if scale > 1:
                has_scale = True
            total += v
            alt = galt if parts == 0 else None
            last = scale
            parts += 1
            end_k, end_e = k1, e1
            nx = self.item(k1, False)
            if scale == 1:
                # decimal point word: "اثنان فاصلة خمسة"
                dp = self.item(k1, False)
                if dp and dp.atom and dp.atom.type == "decimal_point" and not dp.conj and parts == 1:
                    r = self.decimal_tail(dp.k_next)
                    if r:
                        total, end_k, end_e = total + r[0], r[1], r[2]
                        sc = self.scale_after(end_k)
                        if sc is not None:
                            total, end_k, end_e = total * sc.atom.value, sc.k_next, sc.e
                            has_scale = True
                break
            if nx is None or not nx.conj:
                break
            if nx.atom and nx.atom.type == "fraction" and not nx.atom.definite and not nx.atom.form:
                total += nx.atom.value * scale
                end_k, end_e = nx.k_next, nx.e
                # "مليون ونصف المليون"
                after = self.word(end_k)
                if after and after.startswith(ARTICLE):
                    sa = self.lx.lookup(after[2:])
                    if sa is not None and sa.type == "scale" and sa.value == scale:
                        end_e, end_k = self.toks[end_k].e, end_k + 1
                break
            cur = nx
        if not parts:
            return None
        src = "numbers:mixed" if (words and digits) else ("numbers:words" if words else "numbers:digits")
        return Core(total, "cardinal", it.s, end_e, it.k, end_k, src, digits_only=(src == "numbers:digits" and parts == 1 and end_k == it.k_next), alt=alt, has_scale=has_scale)

    def decimal_tail(self, k: int) -> tuple[Fraction, int, int] | None:
        zeros = 0
        it = self.item(k, True)
        while it and it.atom and it.atom.type == "zero":
            zeros += 1
            k = it.k_next
            it = self.item(k, True)
        if it is None:
            return None
        if it.digits is not None and it.digits.denominator == 1 and self.toks[it.k].text.isdigit():
            txt = self.toks[it.k].text
            return Fraction(int(txt), 10 ** len(txt)), it.k_next, it.e
        g = self.group(it)
        if g is None or g[0] <= 0:
            return None
        n = int(g[0])
        return Fraction(n, 10 ** (len(str(n)) + zeros)), g[1], g[2]

    def core(self, k: int, marked: bool) -> Core | None:
        it = self.item(k, True)
        t = self.toks[k] if k < len(self.toks) else None
        if t is None:
            return None
        # "الـ24", "الـ 24": ordinal, or a definite cardinal when a counted noun follows
        if t.kind == "ar" and k + 1 < len(self.toks) and self.toks[k + 1].kind == "num":
            art = {"ال": 0, "وال": 1, "بال": 1, "فال": 1, "لل": 1}.get(t.text)
            if art is not None:
                dit = self.item(k + 1, True)
                if dit is not None and dit.digits.denominator == 1 and "." not in self.toks[k + 1].text:
                    unit = self.unit_at(dit.k_next, False)
                    if unit is None:
                        # "السنوات الـ3 الأخيرة": after a definite plural counted noun it is a cardinal
                        pn = self._noun(k - 1) if k > 0 else None
                        pu = self.lx.unit(pn[0]) if pn else None
                        if pu is not None and normalize(pu[0]) != pn[0] and not pn[0].endswith("ا"):
                            unit = pu
                    kind = "cardinal" if unit else "ordinal"
                    return Core(dit.digits, kind, t.s + art, dit.e, k, dit.k_next, "numbers:ordinal_digits")
        if t.kind == "p" and t.text == "%" and k + 1 < len(self.toks) and self.toks[k + 1].kind == "num" and self.glued(k + 1):
            if not (k > 0 and self.toks[k - 1].kind == "num" and self.glued(k)):
                dit = self.item(k + 1, True)
                if dit is not None:
                    return Core(dit.digits, "percent", t.s, dit.e, k, dit.k_next, "numbers:percent")
        if t.kind == "p" and t.text == "-" and k + 1 < len(self.toks) and self.toks[k + 1].kind == "num" and self.glued(k + 1):
            prev_ok = k == 0 or (t.gap and self.toks[k - 1].kind in ("p",)) or (t.gap and self.toks[k - 1].kind == "ar" and self.toks[k - 1].text not in self.lx.context["name_heads"])
            if prev_ok and (k == 0 or self.toks[k - 1].kind != "num"):
                c = self.cardinal(self.item(k + 1, True)) if self.item(k + 1, True) else None
                if c is not None and c.value is not None:
                    c.value = -c.value
                    c.alt = -c.alt if c.alt is not None else None
                    c.s, c.k0 = t.s, k + 1
                    return c
        if it is None:
            return None
        a = it.atom
        if a is not None:
            ty = a.type
            if ty in ("ordinal", "ordinal_one"):
                return self.ordinal(it)
            if ty == "ordinal_indef":
                nxt = self.word(it.k_next)
                ctx = self.lx.context
                prv0 = self.word(it.k - 1) if it.k > 0 and self.toks[it.k].gap else None
                if prv0 is not None and (prv0 in ctx["ordinal_bare_after"] or any(st in ctx["ordinal_bare_after"] for st, _ in self._strip(prv0))):
                    return Core(a.value, "ordinal", it.s, it.e, it.k, it.k_next, "numbers:ordinal")
                if a.form == "feminine":
                    return None  # "ثانية" alone is also a second of time
                if nxt is None or nxt in ctx["not_nouns"] or nxt in ctx["ordinal_day_heads"] or self.lx.lookup(nxt) is not None or nxt.startswith(ARTICLE):
                    return None
                prv = self.word(it.k - 1)
                if nxt in ctx["ordinal_name_tails"] or (prv is not None and (prv in ctx["rank_heads"] or any(st in ctx["rank_heads"] for st, _ in self._strip(prv)))):
                    return None  # "ثاني أكسيد الكربون", "الفريق أول", "ملازم أول"
                return Core(a.value, "ordinal", it.s, it.e, it.k, it.k_next, "numbers:ordinal")
            if ty == "tens" and a.definite:
                nx = self.item(it.k_next, False)
                return Core(a.value, "ordinal", it.s, it.e, it.k, it.k_next, "numbers:ordinal")
            if ty == "vague":
                return self.vague(it)
            if ty == "scale" and a.form == "plural":
                cls = _VAGUE_SCALE.get(int(a.value), "thousands")
                return Core(a.value, "vague", it.s, it.e, it.k, it.k_next, "numbers:vague", approx=cls)
            if ty == "few":
                os_, oe = self.norm.to_original(it.s, it.e)
                if self.view[it.e - 1] == "ه" and self.orig[oe - 1] != "\u0629":
                    return None  # "بعده" (after it), "عده" (counted it): not عدّة
                return self.few(it)
            if ty == "multiple":
                ctx = self.lx.context
                if self.toks[it.k].text in ctx["multiple_construct_forms"]:
                    # "ضعفا" is the dual in construct ("ضعفا المبلغ"); with tanween, after an
                    # elative ("الأكثر ضعفا", "أشد ضعفا") or with no noun after it, it is the
                    # accusative of ضعف "weakness" ("أظهر ضعفا في الأداء")
                    prv = self.word(it.k - 1)
                    nxt = self.word(it.k_next)
                    if self._has_tanween(it.s, it.e) or nxt is None or nxt in ctx["multiple_not_before"] or (prv is not None and (prv in ctx["elatives"] or any(st in ctx["elatives"] for st, _ in self._strip(prv)))):
                        return None
                return Core(a.value, "multiple", it.s, it.e, it.k, it.k_next, "numbers:multiple")
            if ty == "multiple_marked":
                if marked:
                    return Core(a.value, "multiple", it.s, it.e, it.k, it.k_next, "numbers:multiple")
                return None
            if ty == "fraction" and a.form.startswith("pronoun:"):
                cut = int(a.form.split(":")[1])
                return Core(a.value, "fraction", it.s, it.e - cut, it.k, it.k_next, "numbers:fraction")
            if ty == "fraction":
                sc = self.scale_after(it.k_next)
                if sc is not None and sc.atom.form in ("singular", "dual_or_accusative"):
                    return Core(a.value * sc.atom.value, "cardinal", it.s, sc.e, it.k, sc.k_next, "numbers:words", has_scale=True)
                return Core(a.value, "fraction", it.s, it.e, it.k, it.k_next, "numbers:fraction")
            if ty == "zero":
                return Core(Fraction(0), "cardinal", it.s, it.e, it.k, it.k_next, "numbers:words") if self.zero or self._unit_or_percent_follows(it.k_next) else None
            if ty in ("decimal_point", "frac_plural", "multiple_plural"):
                return None
        if a is not None and a.type == "compound_one" and a.definite:
            prv = self.word(it.k - 1)
            if prv is not None and (prv in self.lx.context["day_heads"] or any(st in self.lx.context["day_heads"] for st, _ in self._strip(prv))):
                return None  # "يوم الأحد عشرة آلاف": Sunday, then a number
        if a is not None and a.type == "ordinal_adverb":
            return Core(a.value, "ordinal", it.s, it.e, it.k, it.k_next, "numbers:ordinal")
        c = self.cardinal(it)
        if c is None:
            return None
        if a is not None and a.definite and c.k_end == it.k + 1 and a.type in ("unit", "ten"):
            # "الدول الست", "الستة أشهر": a definite number agrees with a definite noun before
            # it or counts the noun after it; "بئر السبع", "مدينة الخمس" are names
            prev = self.word(it.k - 1)
            if not (prev and (prev.startswith(ARTICLE) or prev.startswith("لل"))) and self.unit_at(c.k_end, False) is None and self.tamyiz_unit(c.k_end, c.value) is None:
                return None
        # "ثلاثة أرباع", "ثلاثة أضعاف"
        nx = self.item(c.k_end, False)
        if nx and nx.atom and not nx.conj and not c.has_scale and c.value is not None and c.value.denominator == 1:
            if nx.atom.type == "frac_plural" and 1 <= c.value < nx.atom.value:
                return Core(c.value / nx.atom.value, "fraction", c.s, nx.e, c.k0, nx.k_next, "numbers:fraction")
            if nx.atom.type == "multiple_plural" and c.value >= 2:
                return Core(c.value, "multiple", c.s, nx.e, c.k0, nx.k_next, "numbers:multiple")
            # "12 ضعفا" (accusative singular after 11..99), "100 ضعف" (genitive after hundreds)
            if (nx.atom.type == "multiple" and self.toks[nx.k].text in self.lx.context["multiple_construct_forms"] and c.value >= 11) \
                    or (nx.atom.type == "multiple_marked" and c.value >= 100 and c.value % 100 == 0):
                return Core(c.value, "multiple", c.s, nx.e, c.k0, nx.k_next, "numbers:multiple")
        return c

    def _unit_or_percent_follows(self, k: int) -> bool:
        if self.percent_at(k) is not None:
            return True
        return self.unit_at(k, False) is not None

    def ordinal(self, it: Item) -> Core | None:
        a = it.atom
        nx = self.item(it.k_next, False)
        if nx and nx.atom and not nx.conj and nx.atom.type == "ten" and not nx.atom.definite and a.value < 10:
            return Core(10 + a.value, "ordinal", it.s, nx.e, it.k, nx.k_next, "numbers:ordinal")
        if nx and nx.atom and nx.conj and nx.atom.type == "tens" and nx.atom.definite and a.value < 10:
            return Core(a.value + nx.atom.value, "ordinal", it.s, nx.e, it.k, nx.k_next, "numbers:ordinal")
        if a.type == "ordinal_one":
            return None
        if a.value == 1 and self.view[it.e - 1] == "ي":
            # "الأولي" written with ya is also the adjective أوّلي (initial): "الاكتتاب الأولي".
            # Read it as the ordinal only after a feminine noun ("المرحلة الأولي").
            os_, oe = self.norm.to_original(it.s, it.e)
            prev = self.word(it.k - 1)
            if self.orig[oe - 1] == "\u064a" and not (prev and prev.endswith("ه")):
                return None
        return Core(a.value, "ordinal", it.s, it.e, it.k, it.k_next, "numbers:ordinal")

    def vague(self, it: Item) -> Core:
        a = it.atom
        value, e, k = a.value, it.e, it.k_next
        nx = self.item(k, False)
        if nx and nx.atom and not nx.conj and nx.atom.definite and nx.atom.type == "vague" and nx.atom.value >= 1000:
            value, e, k = value * nx.atom.value, nx.e, nx.k_next
        return Core(value, "vague", it.s, e, it.k, k, "numbers:vague", approx=a.form)

    def few(self, it: Item) -> Core:
        base = Fraction(self.lx.few_lower_bound)
        value, e, k = base, it.e, it.k_next
        nx = self.item(k, False)
        if nx and nx.atom and not nx.conj:
            if (nx.atom.type == "scale" and nx.atom.form == "plural") or (nx.atom.type == "vague" and not nx.atom.definite):
                value, e, k = base * nx.atom.value, nx.e, nx.k_next
            elif nx.atom.type == "multiple_plural":
                return Core(base, "multiple", it.s, nx.e, it.k, nx.k_next, "numbers:multiple", approx="few")
        return Core(value, "vague", it.s, e, it.k, k, "numbers:few", approx="few")

    # ------------------------------------------------------------ suffixes
    def unit_at(self, k: int, article: bool) -> tuple[str, str, int, int, int] | None:
        """(lemma, category, view start, view end, next k) of a counted noun at token k.

        The noun after a number is indefinite ("2013 المقاتلين" is a year and a noun);
        ``article`` allows "ال" (after عشرات/مئات/آلاف: "عشرات القتلى").
        """
        w = self.word(k)
        if w is None:
            return None
        if not article and w.startswith(ARTICLE):
            return None
        a = self.lx.lookup(w)
        if a is not None and a.type != "scale" and a.form != "feminine":
            return None  # a number word is not a counted noun ("ثانية" is: a second of time)
        u = self.lx.unit(w)
        if u is None:
            return None
        t = self.toks[k]
        return u[0], u[1], t.s, t.e, k + 1

    def _clean(self, s: int, e: int) -> str:
        """Original text behind a view span without harakat and tatweel."""
        os_, oe = self.norm.to_original(s, e)
        return _HARAKAT_RE.sub("", self.orig[os_:oe])

    def _noun(self, k: int, pronoun: bool = False) -> tuple[str, int, int] | None:
        """(view stem, view start, view end) of a content word at k, clitics, article and
        (optionally) an attached pronoun removed."""
        w = self.word(k)
        if w is None or w in self.lx.context["not_nouns"]:
            return None
        a = self.lx.lookup(w)
        if a is not None and a.form != "feminine":
            return None
        if any(st in self.lx.context["not_nouns"] for st, _ in self._strip(w)):
            return None
        t = self.toks[k]
        stem, off = w, 0
        if w.startswith("لل") and len(w) > 3:
            stem, off = w[2:], 2  # ل + (ا)ل
        else:
            for st, o in self._strip(w):
                if st.startswith(ARTICLE) or (self.lx.unit(st) and not self.lx.unit(w)):
                    stem, off = st, o
                    break
            if stem.startswith(ARTICLE) and len(stem) > 3:
                stem, off = stem[2:], off + 2
        end = t.e
        if pronoun and self.lx.unit(stem) is None:
            for suf in _PRONOUNS:
                if stem.endswith(suf) and len(stem) - len(suf) >= 3 and self.lx.unit(stem[: -len(suf)]):
                    stem, end = stem[: -len(suf)], end - len(suf)
                    break
        if len(stem) < 2:
            return None
        return stem, t.s + off, end

    def tamyiz_unit(self, k: int, value: Fraction | None) -> tuple[str, str, int, int, int] | None:
        """An unlisted counted noun, where Arabic grammar fixes its form.

        After 11..99 the noun is an accusative singular: "76 هدفا" -> هدف, "28 لغة" -> لغة;
        after 3..10 a sound masculine plural gives its singular: "10 مرشحين" -> مرشح.
        Other forms (broken plurals) are left without a unit.
        """
        if value is None or value.denominator != 1 or value < 3:
            return None
        if k < len(self.toks) and not self.toks[k].gap:
            return None
        w = self.word(k)
        ctx = self.lx.context
        if w is None or len(w) < 3 or w in ctx["not_nouns"] or w.startswith(ARTICLE) or self.lx.lookup(w) is not None:
            return None
        if any(st in ctx["not_nouns"] for st, _ in self._strip(w)) or w in self.lx.context["day_parts"]:
            return None
        if self._month_at(k):
            return None
        t = self.toks[k]
        n = int(value) % 100
        if 11 <= n <= 99:
            if w.endswith("ا") and len(w) >= 4 and not w.endswith(("اا", "يا")) or w.endswith("يا") and len(w) >= 5:
                return self._clean(t.s, t.e - 1), "", t.s, t.e, k + 1
            if w.endswith("ه") and len(w) >= 3:
                return self._clean(t.s, t.e), "", t.s, t.e, k + 1
            return None
        if 3 <= n <= 10 and w.endswith("ين") and len(w) >= 5 and not w.endswith("يين"):
            return self._clean(t.s, t.e - 2), "", t.s, t.e, k + 1
        if value >= 100 and n in (0, 1, 2) and not w.endswith(("ين", "ون", "ات", "ا")):
            return self._clean(t.s, t.e), "", t.s, t.e, k + 1  # "500 مرشح": genitive singular
        return None

    def partitive_unit(self, k: int) -> tuple[str, str, int, int, int] | None:
        """"5200 من قواتهم" -> قوات; "بضعة آلاف" من المدربين -> مدرب (listed nouns only)."""
        while k < len(self.toks) and self.toks[k].kind == "p" and self.toks[k].text in _CLOSE:
            k += 1
        if self.word(k) != "من":
            return None
        n = self._noun(k + 1, pronoun=True)
        if n is None:
            return None
        u = self.lx.unit(n[0])
        if u is None:
            return None
        return u[0], u[1], n[1], n[2], k + 2

    def construct_unit(self, k: int) -> tuple[str, str, int, int, int] | None:
        """"ثلث مساحة العراق" -> مساحة: the noun a fraction is annexed to."""
        if k >= len(self.toks) or self.toks[k].kind != "ar":
            return None
        n = self._noun(k)
        if n is None:
            return None
        u = self.lx.unit(n[0])
        return (u[0] if u else self._clean(n[1], n[2])), (u[1] if u else ""), n[1], n[2], k + 1

    def preceding_unit(self, k: int) -> tuple[str, str, int, int, int] | None:
        """"المرحلة الأولى" -> مرحلة; "الهجوم المماثل الـ24" -> هجوم: the noun an ordinal follows."""
        j = k - 1
        for _ in range(2):
            w = self.word(j) if j >= 0 else None
            if w is None:
                break
            stems = [w] + [st for st, _ in self._strip(w)]
            if any(st in self.lx.context["ordinal_skip_adjectives"] for st in stems):
                j -= 1
                continue
            # a nisba adjective between a definite noun and the ordinal ("القناة السعودية الأولى")
            before = self.word(j - 1) if j >= 1 else None
            if w.startswith(ARTICLE) and w.endswith(("يه", "ي")) and before and (before.startswith(ARTICLE) or before.startswith("لل")):
                j -= 1
                continue
            break
        if j < 0 or self.toks[j].kind != "ar" or (j + 1 < len(self.toks) and self.toks[j + 1].kind == "p" and j + 1 < k):
            return None
        w = self.word(j)
        if not (w.startswith(ARTICLE) or any(st.startswith(ARTICLE) for st, _ in self._strip(w))):
            return None
        n = self._noun(j)
        if n is None:
            return None
        u = self.lx.unit(n[0])
        return (u[0] if u else self._clean(n[1], n[2])), (u[1] if u else ""), n[1], n[2], j + 1

    def dual_unit(self, k: int) -> tuple[str, str, int, int, int] | None:
        """"مصدرين اثنين" -> مصدر: the dual noun a written "two" follows."""
        n = self._noun(k - 1) if k > 0 else None
        if n is None:
            return None
        stem = n[0]
        for suf in ("تين", "تان", "ين", "ان"):
            if stem.endswith(suf) and len(stem) - len(suf) >= 2:
                u = self.lx.unit(stem)
                if u:
                    return u[0], u[1], n[1], n[2], k
                base_e = n[2] - len(suf)
                lemma = self._clean(n[1], base_e) + ("ة" if suf.startswith("ت") else "")
                return lemma, "", n[1], n[2], k
        return None

    def percent_at(self, k: int) -> tuple[int, int] | None:
        if k < len(self.toks) and self.toks[k].kind == "p" and self.toks[k].text == "%":
            # "25%" or "25 %", but not "%25" of the next number
            if not (k + 1 < len(self.toks) and self.toks[k + 1].kind == "num" and self.glued(k + 1) and self.toks[k].gap):
                return self.toks[k].e, k + 1
        for seq in self.lx.percent_words:
            m = self.match_seq(k, seq)
            if m:
                return self.toks[m[1] - 1].e, m[1]
        return None

    def marker_before(self, k: int) -> tuple[str, int, int] | None:
        w = self.word(k)
        if w is None:
            return None
        index = self.lx.marker_first
        if w not in index and not any(stem in index for stem, _ in self._strip(w)):
            return None
        for seq, cls in self.lx.markers_before:
            m = self.match_seq(k, seq, first_clitic=True)
            if m:
                return cls, m[0], m[1]
        return None

    def marker_after(self, k: int) -> tuple[str, int, int] | None:
        for seq, cls in self.lx.markers_after:
            m = self.match_seq(k, seq)
            if m:
                return cls, self.toks[m[1] - 1].e, m[1]
        return None

    # ------------------------------------------------------------ context
    def _prev_word(self, k: int, skip_punct: str = "") -> str | None:
        j = k - 1
        while j >= 0 and self.toks[j].kind == "p" and self.toks[j].text in skip_punct:
            j -= 1
        w = self.word(j)
        return w

    def _month_before(self, k: int) -> bool:
        """A month name ends right before token k (skipping ")" "/" ",")."""
        j = k - 1
        while j >= 0 and self.toks[j].kind == "p" and self.toks[j].text in ")/,(-":
            j -= 1
        for seq in self.lx.months:
            n = len(seq)
            if j - n + 1 >= 0 and self._words_eq(j - n + 1, seq):
                return True
        return False

    def _month_at(self, k: int) -> bool:
        j = k
        slash = False
        if j < len(self.toks) and self.toks[j].kind == "p" and self.toks[j].text in "(/":
            slash = self.toks[j].text == "/"
            j += 1  # "26 (آذار)", "20 / شعبان / 1428"
        for seq in self.lx.months:
            if self._words_eq(j, seq):
                if slash:  # "20 / شعبان / 1428" needs the year ("1 / صفر" is a score)
                    y = j + len(seq)
                    return y + 1 < len(self.toks) and self.toks[y].text == "/" and self.toks[y + 1].kind == "num"
                return True
        return False

    def _words_eq(self, k: int, seq: tuple[str, ...]) -> bool:
        for n, w in enumerate(seq):
            tw = self.word(k + n)
            if tw is None:
                return False
            if tw != w and not (n == 0 and any(stem == w for stem, _ in self._strip(tw))):
                return False
        return True

    def excluded(self, c: Core, k_after: int, has_unit: bool, approx: str | None, percent: bool) -> str | None:
        ctx = self.lx.context
        k0 = c.k0
        t0 = self.toks[k0]
        prev = self._prev_word(k0, skip_punct="(")
        prev_bare = prev
        if prev is not None:
            for stem, _ in self._strip(prev):
                if stem in ctx["year_heads"] or stem in ctx["day_heads"] or stem in ctx["id_heads"] or stem in ctx["clock_heads"] or stem in ctx["ordinal_day_heads"]:
                    prev_bare = stem
                    break
        small = c.value is not None and c.value.denominator == 1 and 1 <= c.value <= 31
        numeric = c.digits_only or c.kind == "ordinal"
        second = self._range_second(k_after) if c.kind in ("cardinal", "ordinal") else None
        if second is not None and second.value is not None and c.value is not None and c.value < second.value \
                and not (c.source == "numbers:words" and c.value <= 2):
            # a rising range; a written one/two is often an adjective ("لنقطة واحدة إلى 4 أيام")
            j = second.k_end
            # "من 14-30 من شهر شوال", "من 13 إلى 15 تشرين الثاني": a range of days
            if numeric and second.digits_only and self._month_after(j):
                return "date"
            # "من 5 إلى 7 أيام": both numbers count the time unit
            u = self.unit_at(j, False)
            if u is not None and u[1] == "time" and not self.durations:
                return "duration"
        # dates
        if numeric and not percent:
            if self._month_after(k_after):
                return "date"
            if self._month_before(k0) and (not has_unit or self._year_like(c)):
                return "date"  # "أكتوبر 2014 مشروعا": a year after a month, even before a noun
            if prev_bare in ctx["year_heads"]:
                return "date"
            if prev_bare in ctx["day_heads"] and small:
                return "date"
            ka = k_after + 1 if k_after < len(self.toks) and self.toks[k_after].text == ")" else k_after
            nxt = self.word(ka)
            if nxt in ctx["era_suffixes"] and c.digits_only and c.value >= 100:
                return "date"  # "1441 هـ", "( 1343 ) هجري"
        if c.digits_only and not percent and not has_unit and not c.has_scale and approx is None and not self.bare_years:
            txt = t0.text
            if txt.isdigit() and len(txt) == 4 and 1800 <= int(txt) <= 2100:
                return "year"
        # clock times
        if prev_bare in ctx["clock_heads"] and (numeric or c.source == "numbers:words"):
            return "time"
        if self.word(k_after) in ctx["day_parts"] and (numeric or c.source == "numbers:words") and not has_unit:
            return "time"
        if c.kind == "fraction" and t0.kind == "ar" and t0.text.startswith("و") and self.lx.lookup(t0.text) is None and k0 > 0 and self.toks[k0 - 1].kind == "ar":
            return "half_of_noun"  # "طن ونصف", "ساعة ونصف": "and a half" of the noun before
        if c.kind == "fraction" and (self.word(k_after) or "") in ctx["fraction_not_before"]:
            return "compound"  # "ربع النهائي" (quarter-final), "على أساس ربع سنوي"
        if c.kind == "ordinal" and prev_bare in ctx["ordinal_day_heads"]:
            return "date"  # "أمس الأول": the day before yesterday
        if c.kind == "ordinal" and prev is not None:
            for pw in (prev,) + tuple(st for st, _ in self._strip(prev)):
                pa = self.lx.lookup(pw)
                if pa is not None and pa.type == "fraction" and pa.definite:
                    return "time"  # "الربع الأول", "للربع الأول", "بالنصف الثاني": a part of the year
        if c.kind == "fraction" and self.lx.lookup(self.word(k_after) or "") is not None and self.lx.lookup(self.word(k_after)).type == "ordinal":
            return "time"
        if c.digits_only or c.source in ("numbers:ordinal_digits", "numbers:mixed"):
            # names: "كوفيد – 19", "F-16", "كي 1", quoted "كي 1"
            if k0 >= 1:
                pt = self.toks[k0 - 1]
                if pt.kind == "lat" and self.glued(k0):
                    return "name"
                if pt.kind == "ar" and self.glued(k0) and pt.text not in _DIGIT_CLITICS and not has_unit:
                    # "الخرج36" is a name; "كركوك250 مرة" (a lost space) counts a noun
                    return "name"
                if pt.kind == "p" and pt.text == "-" and k0 >= 2 and self.toks[k0 - 2].kind in ("ar", "lat"):
                    w2 = self.toks[k0 - 2]
                    spaced = pt.gap and t0.gap
                    if not spaced or w2.kind == "lat" or w2.text in ctx["name_heads"]:
                        return "name"
                if pt.kind == "p" and pt.text in "#+":
                    return "id"
            if prev in ctx["name_heads"] or (self.toks[k0 - 1].kind == "lat" if k0 >= 1 else False):
                return "name"
            if (
                k0 >= 2
                and self.toks[k0 - 1].kind in ("ar", "lat")
                and self.toks[k0 - 2].kind == "p"
                and self.toks[k0 - 2].text in _OPEN
                and k_after < len(self.toks)
                and self.toks[k_after].kind == "p"
                and self.toks[k_after].text in _CLOSE
            ):
                return "name"
            if k_after < len(self.toks) and self.glued(k_after) and self.toks[k_after].kind in ("lat", "ar") and not has_unit and not percent:
                nt = self.toks[k_after]
                if nt.kind == "lat" or self.lx.lookup(nt.text) is None:
                    return "name"
            if prev_bare in ctx["id_heads"]:
                return "id"
            if (
                k_after < len(self.toks)
                and self.toks[k_after].kind == "p"
                and self.toks[k_after].text in "-).:"
                and not self.toks[k_after].gap
                and (k0 == 0 or "\n" in self.view[self.toks[k0 - 1].e : t0.s])
                and not (k_after + 1 < len(self.toks) and self.toks[k_after + 1].kind == "num")
            ):
                return "list"  # "2- الماحي" at the start of a line: an item number
            if self._phone_context(k0):
                return "phone"
            txt = t0.num or t0.text
            if txt.isdigit() and (len(txt) >= 10 or (len(txt) >= 2 and txt[0] == "0")):
                return "id"
        return None

    def _month_after(self, k: int) -> bool:
        """A month name at token k, or "من" + a month name or "الشهر"."""
        if k >= len(self.toks):
            return False
        return self._month_at(k) or (self.word(k) == "من" and (self._month_at(k + 1) or self.word(k + 1) in self.lx.context["month_words"]))

    def _range_second(self, k: int) -> Core | None:
        """The second number of a range whose link is at token k ("إلى 15", "وحتى 15",
        "و4", "-30"), or None."""
        if k >= len(self.toks):
            return None
        t = self.toks[k]
        if (t.kind == "p" and t.text == "-") or (t.kind == "ar" and t.text in self.lx.context["range_links"]):
            j = k + 1
        else:
            return None
        if j >= len(self.toks) or self.toks[j].kind not in ("num", "ar"):
            return None
        c = self.core(j, marked=False)
        return c if c is not None and c.kind in ("cardinal", "ordinal") else None

    def _year_like(self, c: Core) -> bool:
        """A plain four-digit number that can be a Gregorian or Hijri year (1000..2100)."""
        txt = self.toks[c.k0].text
        return c.digits_only and txt.isdigit() and len(txt) == 4 and 1000 <= int(txt) <= 2100

    def _phone_context(self, k: int) -> bool:
        ctx = self.lx.context["phone_heads"]
        j = k - 1
        steps = 0
        while j >= 0 and steps < 3:
            t = self.toks[j]
            if t.kind == "ar":
                return t.text in ctx or any(stem in ctx for stem, _ in self._strip(t.text))
            j -= 1
            steps += 1
        return False

    # ------------------------------------------------------------ driver
    def run(self) -> Iterator[tuple[Core, tuple | None, str | None, int, int]]:
        k = 0
        n = len(self.toks)
        while k < n:
            hit = self.parse_at(k)
            if hit is None:
                k += 1
                continue
            core, unit, approx, s, e, k_next, excl = hit
            if excl is None:
                yield core, unit, approx, s, e
            k = max(k_next, k + 1)

    def _relevant(self, w: str) -> bool:
        """The word can start a quantity: a number word, a marker, or the article before digits."""
        lx = self.lx
        if w in lx.words or w in lx.marker_first or w in ("ال", "وال", "بال", "فال", "لل"):
            return True
        return any(stem in lx.words or stem in lx.marker_first for stem, _ in self._strip(w))

    def parse_at(self, k: int):
        t = self.toks[k]
        if t.kind == "ar":
            if not self._relevant(t.text):
                return None
        elif t.kind == "p":
            if t.text not in "%-":
                return None
        elif t.kind != "num":
            return None
        approx = None
        start = None
        core = None
        mk = self.marker_before(k) if t.kind == "ar" else None
        if mk is not None:
            core = self.core(mk[2], marked=True)
            if core is not None:
                approx, start = mk[0], mk[1]
                if core.source == "numbers:ordinal_digits":
                    core.kind = "cardinal"  # "قرابة الـ200": about 200
        if core is None:
            core = self.core(k, marked=False)
            if core is None:
                return None
            start = core.s
        end = core.e
        kk = core.k_end
        percent = False
        if core.kind in ("cardinal",):
            p = self.percent_at(kk)
            if p:
                end, kk = p
                core.kind = "percent"
                percent = True
        elif core.kind == "percent":
            percent = True
        if approx is None and core.approx is not None:
            approx = core.approx
        elif core.approx is not None and core.kind in ("vague", "multiple"):
            approx = core.approx
        sfx = self.marker_after(kk)
        if sfx is not None and core.kind not in ("ordinal",):
            if approx is None:
                approx = sfx[0]
            if approx == sfx[0]:
                end, kk = sfx[1], sfx[2]
        unit = None
        if not percent and core.kind in ("cardinal", "vague", "fraction"):
            unit = self.unit_at(kk, core.kind == "vague")
            if unit is not None:
                sfx2 = self.marker_after(unit[4])
                if sfx2 is not None and approx is None:
                    approx = sfx2[0]
            elif core.kind in ("cardinal", "vague"):
                unit = self.partitive_unit(kk)
                if unit is None and core.kind == "cardinal" and not core.has_scale:
                    unit = self.tamyiz_unit(kk, core.value)
            elif not self.view.startswith(ARTICLE, core.s):
                unit = self.construct_unit(kk)
        if core.kind == "ordinal" and not self.view.startswith(ARTICLE, core.s):
            u = self.unit_at(core.k_end, False)  # "أول مرة" -> مرة
            unit = u if u is not None and u[1] != "time" else None
        elif core.kind == "ordinal" or (unit is None and core.source == "numbers:ordinal_digits"):
            unit = self.preceding_unit(core.k0)
        elif core.kind == "cardinal" and unit is None and core.value == 2 and core.source == "numbers:words" and core.k_end == core.k0 + 1:
            unit = self.dual_unit(core.k0)
        if core.kind == "cardinal" and unit is None and core.source == "numbers:words" and self.view.startswith(ARTICLE, core.s):
            # "الأيام الخمسة الماضية", "الأشهر الستة": a definite number after a definite
            # time unit counts it (a duration, the times layer)
            pu = self.preceding_unit(core.k0)
            if pu is not None and pu[1] == "time":
                unit = pu
        value = core.value
        if core.alt is not None and not core.has_scale:
            if unit is not None and unit[1] in _COUNT_CATEGORIES:
                value = core.alt
        core.value = value
        listed_unit = unit is not None and unit[1] != ""
        excl = self.excluded(core, core.k_end if not percent else kk, listed_unit, approx, percent)
        if excl is None and unit is not None and unit[1] == "time" and not self.durations and core.kind != "ordinal":
            excl = "duration"  # "بعد 3 أيام", "خلال أقل من 6 أشهر": a time expression
        next_k = kk
        if unit is not None and unit[2] >= end:
            next_k = max(next_k, unit[4])
        return core, unit, approx, start, end, next_k, excl


def find(norm: NormalizedText, *, bare_years: bool = False, zero: bool = False, durations: bool = False,
         dialect: bool = False) -> list[Quantity]:
    """Quantities in the text behind ``norm``, in text order.

    ``bare_years``: read a lone 1800..2100 number as a number (not a year);
    ``zero``: read a lone "صفر"; ``durations``: keep numbers counting time units;
    ``dialect``: also read the colloquial number words of ``data/numbers/dialect.yaml``.
    """
    if not norm.text:
        return []
    f = _Finder(norm, lexicon(dialect), bare_years=bare_years, zero=zero, durations=durations)
    out: list[Quantity] = []
    text = norm.original
    for core, unit, approx, s, e in f.run():
        os_, oe = norm.to_original(s, e)
        kw = {}
        if unit is not None:
            us, ue = norm.to_original(unit[2], unit[3])
            kw = {"unit": unit[0], "unit_start": us, "unit_end": ue}
        out.append(
            Quantity(
                text=text[os_:oe],
                start=os_,
                end=oe,
                value=to_value(core.value),
                kind=core.kind,
                approx=approx,
                source=core.source,
                **kw,
            )
        )
    return out
