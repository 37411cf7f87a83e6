"""Context: numbers that belong to dates, clock times, names, identifiers and phone numbers"""

from __future__ import annotations

from ._tokens import _DIGIT_CLITICS, _OPEN, _CLOSE, Core


class _ContextMixin:
    """Methods of :class:`arabic_events.numbers._engine._Finder` (context)."""

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
        w = self.word(j)
        if w is None:
            return False
        lx = self.lx
        if w in lx.months_single or any(stem in lx.months_single for stem, _ in self._strip(w)):
            return True
        for seq in lx.months_by_last.get(w, ()):
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
        w = self.word(j)
        if w is None:
            return False
        by_first = self.lx.months_by_first
        cands = list(by_first.get(w, ()))
        for stem, _ in self._strip(w):
            cands.extend(by_first.get(stem, ()))
        if len(cands) > 1:
            cands.sort(key=lambda t: -len(t))
        for seq in cands:
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
