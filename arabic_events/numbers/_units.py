"""Suffixes: the counted noun after or before a number, percent words, approximation markers"""

from __future__ import annotations

from fractions import Fraction

from ._lexicon import ARTICLE
from ..normalize import strip_harakat
from ._tokens import _CLOSE


class _UnitsMixin:
    """Methods of :class:`arabic_events.numbers._engine._Finder` (suffixes)."""

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
        return strip_harakat(self.orig[os_:oe])

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
            for suf in self.lx.pronouns:
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
        if self.word(k) not in self.lx.percent_first:
            return None
        for seq in self.lx.percent_words:
            m = self.match_seq(k, seq)
            if m:
                return self.toks[m[1] - 1].e, m[1]
        return None

    def marker_before(self, k: int) -> tuple[str, int, int] | None:
        w = self.word(k)
        if w is None:
            return None
        index = self.lx.markers_before_by_first
        cands = list(index.get(w, ()))
        for stem, _ in self._strip(w):
            cands.extend(index.get(stem, ()))
        if not cands:
            return None
        cands.sort()  # the order of markers_before (longest first)
        for _, seq, cls in cands:
            m = self.match_seq(k, seq, first_clitic=True)
            if m:
                return cls, m[0], m[1]
        return None

    def marker_after(self, k: int) -> tuple[str, int, int] | None:
        if self.word(k) not in self.lx.marker_after_first:
            return None
        for seq, cls in self.lx.markers_after:
            m = self.match_seq(k, seq)
            if m:
                return cls, self.toks[m[1] - 1].e, m[1]
        return None
