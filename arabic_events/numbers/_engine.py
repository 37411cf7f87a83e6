"""Find quantity expressions on the normalized view and give each its value.

The scanner splits ``NormalizedText.text`` into number, Arabic word, Latin word and
punctuation tokens. At each token a small grammar reads an approximation marker, the
number (digits, words, or both, with و-joined parts and scale words), a percent sign or
word, and the counted noun. Context rules then drop numbers that belong to dates, clock
times, names, identifiers and phone numbers. Results are mapped back to offsets in the
original text.

The finder is split by stage: ``_tokens`` (tokens and digit values), ``_grammar``
(number grammar), ``_units`` (counted nouns, percent, markers) and ``_context`` (what is
not a quantity); this module scans and drives them.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from ..doc import Quantity
from ..normalize import NormalizedText, normalize
from ._context import _ContextMixin
from ._grammar import _GrammarMixin
from ._lexicon import ARTICLE, ARTICLE_PREFIXES, Lexicon, lexicon
from ._tokens import _COUNT_CATEGORIES, _NBSP, _TOKEN_RE, Core, Item, Tok, to_value
from ._units import _UnitsMixin

__all__ = ["find", "to_value"]

_GROUPS_RE = re.compile(r"\d\s\d{3}")
# the character classes of _TOKEN_RE's ``ar`` and ``lat`` tokens (a word of the tokenizer is
# one finder token when its folded form is one such run and the next character is not)
_AR_RANGES = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_AR_RUN = re.compile(f"[{_AR_RANGES}]+")
_AR_CHARS = frozenset(ch for ch in map(chr, range(0x0600, 0x0700)) if _AR_RUN.fullmatch(ch))
_LAT_RUN = re.compile("[a-z\u00c0-\u024f]+")
_LAT_CHARS = frozenset(ch for ch in map(chr, range(0x0250)) if _LAT_RUN.fullmatch(ch))
# one character that _TOKEN_RE does not read as a ``p`` token (it starts a number, a word,
# or is a space)
_NOT_P = _AR_CHARS | _LAT_CHARS | frozenset(".0123456789") | frozenset(
    ch for ch in map(chr, range(0x3001)) if ch.isspace())
_WORDS: dict[str, tuple] = {}  # token text -> (folded form, finder kind or None, stop characters)


def _word(text: str, kind: str) -> tuple:
    """A token type as the finder reads it: its folded form (its text in the view), the
    finder token it is by itself (``ar``, ``lat``, ``p``) or None when the token regex must
    read it (digits, joins, anything else), and the characters that may not follow it for
    that (a longer ``ar``/``lat`` run). Cached per token text (the tokenizer's kind is a
    function of the text)."""
    w = normalize(text)
    fkind = stop = None
    if kind == "word" and _AR_RUN.fullmatch(w):
        fkind, stop = "ar", _AR_CHARS
    elif kind == "latin" and _LAT_RUN.fullmatch(w):
        fkind, stop = "lat", _LAT_CHARS
    elif kind in ("punct", "symbol") and len(w) == 1 and w not in _NOT_P:
        fkind = "p"
    hit = (sys.intern(w), fkind, stop)
    if len(_WORDS) < 200_000:
        _WORDS[sys.intern(text)] = hit
    return hit


def _plain_words(norm: NormalizedText) -> tuple:
    """``(tokens, view starts)`` of a text given without a Doc (find_quantities on a
    str): the tokenizer's words, without clitic segmentation."""
    from ..doc import _token_view_starts
    from ..tokenizer import get_plain_tokenizer

    toks = get_plain_tokenizer().tokens(norm.original)
    return toks, _token_view_starts(norm, toks)


class _Finder(_GrammarMixin, _UnitsMixin, _ContextMixin):
    def __init__(self, norm: NormalizedText, lx: Lexicon, *, bare_years: bool = False, zero: bool = False,
                 durations: bool = False, words: tuple | None = None):
        self.durations = durations
        self.norm = norm
        self.view = norm.text
        self.orig = norm.original
        self.lx = lx
        self.bare_years = bare_years
        self.zero = zero
        if words is None:
            words = _plain_words(norm)
        self.toks = self._scan(*words)
        self._items: dict[tuple[int, bool], Item | None] = {}

    # ------------------------------------------------------------ scanning
    def _scan(self, tokens: list, vstarts) -> list[Tok]:
        """The finder's tokens, read from the tokenizer's words (``doc.tokens``, their view
        starts ``doc.token_view_starts()`` and their folded forms): an Arabic word, a Latin word
        or a punctuation mark is one finder token as it is. The finder joins what the
        tokenizer splits and splits what it joins only around digits, with
        ``_tokens._TOKEN_RE`` (dates "19-03-2020", clock times "11:14", "13،299،024", ".77",
        TAP "8ر4", "k1" -> k + 1): it is matched from each number token (and any token the
        fast path does not take) over the adjacent tokens, and a token it runs into is taken
        by that join. The result is the finder's own scan of the view, token for token
        (tests/test_words_layer.py compares them on generated text)."""
        toks: list[Tok] = []
        append = toks.append
        view = self.view
        n_view = len(view)
        search = _TOKEN_RE.search
        words = _WORDS
        last = -1  # end of the previous finder token (-1: the first token has a gap before it)
        cur = 0  # the view before this is read
        for t, a in zip(tokens, vstarts):
            hit = words.get(t.text)
            if hit is None:
                hit = _word(t.text, t.kind)
            w, fkind, stop = hit
            b = a + len(w)  # the token's view end: its folded form is its text in the view
            if b <= cur:
                continue  # taken by a join (or folded to nothing)
            if fkind is not None and (a == cur or (a > cur and ((a == cur + 1 and view[cur] == " ")
                                                               or view[cur:a].isspace()))) \
                    and (stop is None or b == n_view or view[b] not in stop):
                append(Tok(fkind, w, a, b, a != last))
                last = cur = b
                continue
            # a join (or text the tokenizer skips): the finder's token regex from here on,
            # up to the end of this token and as far as its last match runs
            pos = cur
            while pos < b:
                m = search(view, pos)
                if m is None:
                    pos = n_view
                    break
                last = self._add(append, m, last)
                pos = m.end()
            cur = max(cur, pos, b)
        if cur < n_view and view[cur:].strip():
            pos = cur
            while True:
                m = search(view, pos)
                if m is None:
                    break
                last = self._add(append, m, last)
                pos = m.end()
        return self._merge_space_groups(toks)

    @staticmethod
    def _add(append, m, last: int) -> int:
        kind = m.lastgroup
        s, e = m.span()
        text = m.group()
        if kind == "tap":
            # Tunisian agency (TAP) decimals are written with "ر" and reversed: "8ر4" = 4.8
            a, _, b = text.partition("\u0631")
            append(Tok("num", text, s, e, s != last, f"{b}.{a}"))
        else:
            append(Tok(kind, text, s, e, s != last, text if kind == "num" else ""))
        return e

    def _merge_space_groups(self, toks: list[Tok]) -> list[Tok]:
        """Join "12 500" / "1 250 000" (non-breaking space, or two or more groups)."""
        if not _GROUPS_RE.search(self.view):
            return toks  # no digit, one space character, three digits: nothing to join
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

    # ------------------------------------------------------------ driver
    def run(self) -> Iterator[tuple[Core, tuple | None, str | None, int, int]]:
        k = 0
        toks = self.toks
        n = len(toks)
        relevant = self._relevant
        seen = self.lx.relevant_cache
        while k < n:
            t = toks[k]
            kind = t.kind
            if kind == "ar":
                hit = seen.get(t.text)
                if not (relevant(t.text) if hit is None else hit):
                    k += 1  # cannot start a quantity (parse_at says the same; this is the fast path)
                    continue
            elif kind == "p" and t.text not in "%-":
                k += 1
                continue
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
        hit = lx.relevant_cache.get(w)
        if hit is None:
            hit = w in lx.words or w in lx.marker_first or w in ARTICLE_PREFIXES \
                or any(stem in lx.words or stem in lx.marker_first for stem, _ in self._strip(w))
            if len(lx.relevant_cache) < 200_000:
                lx.relevant_cache[sys.intern(w)] = hit  # interned: one copy across caches
        return hit

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
         dialect: bool = False, words: tuple | None = None) -> list[Quantity]:
    """Quantities in the text behind ``norm``, in text order.

    ``bare_years``: read a lone 1800..2100 number as a number (not a year);
    ``zero``: read a lone "صفر"; ``durations``: keep numbers counting time units;
    ``dialect``: also read the colloquial number words of ``data/numbers/dialect.yaml``;
    ``words``: ``(tokens, view starts)`` of the text (``doc.tokens`` and
    ``doc.token_view_starts()``; tokenized here when not given).
    """
    if not norm.text:
        return []
    f = _Finder(norm, lexicon(dialect), bare_years=bare_years, zero=zero, durations=durations, words=words)
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
