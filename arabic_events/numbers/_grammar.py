"""Number grammar: tokens to items, digit groups, و-joined parts and scale words, ordinals, fractions, vague counts"""

from __future__ import annotations

from fractions import Fraction

from ..normalize import normalize
from ._lexicon import ARTICLE
from ._tokens import (
    _COMMA_DECIMAL,
    _FATHATAN,
    _INF,
    _VAGUE_SCALE,
    Item,
    Core,
    _digits_value,
    _strip_word,
)


class _GrammarMixin:
    """Methods of :class:`arabic_events.numbers._engine._Finder` (number grammar)."""

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
