"""A normalized *view* of a text for matching, with an offset map to the original.

The view folds alef/hamza-on-alef forms to ``ا``, ``ى`` to ``ي``, ``ة`` to ``ه``,
removes harakat, tatweel and bidi/format characters, maps Arabic-Indic and Persian
digits to ASCII, ``٫`` to ``.``, ``٬`` to ``,``, ``٪`` to ``%``, typographic quotes to
``"``, applies NFKC (presentation forms, ligatures) and lower-cases Latin letters.
The Arabic folds are those of camel-tools' normalizers (``normalize_alef_ar``,
``normalize_alef_maksura_ar``, ``normalize_teh_marbuta_ar``, ``dediac_ar``), applied per
character from a local copy of their maps (checked against camel-tools by a test; importing
camel-tools costs about 1.5 s), so each output character knows the input character it came from.

``doc.text`` is never rewritten; matchers search ``NormalizedText.text`` and map hits
back with :meth:`NormalizedText.to_original`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

__all__ = ["NormalizedText", "normalize", "normalize_char", "is_arabic_letter", "strip_harakat"]

_QUOTES = "«»“”„‟″〝〞＂"
_SINGLE_QUOTES = "‘’‚‛"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_EXTRA = {
    "\u066b": ".",  # ARABIC DECIMAL SEPARATOR
    "\u066c": ",",  # ARABIC THOUSANDS SEPARATOR
    "\u066a": "%",  # ARABIC PERCENT SIGN
    "\u0640": "",  # TATWEEL
    "\u0671": "\u0627",  # ALEF WASLA
}


# camel-tools' four Arabic folds as one local map (dediac_ar, normalize_alef_ar,
# normalize_alef_maksura_ar, normalize_teh_marbuta_ar): importing camel_tools costs about
# 1.5 s, too much for four character maps on every load. tests/test_normalize.py checks
# the map against camel-tools character by character.
_AR_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # camel's AR_DIAC_CHARSET
_AR_FOLD: dict[str, str] = {ch: "" for ch in _AR_DIACRITICS}
_AR_FOLD.update({"\u0625": "\u0627", "\u0623": "\u0627", "\u0671": "\u0627", "\u0622": "\u0627"})  # alef forms
_AR_FOLD["\u0649"] = "\u064a"  # alef maksura -> yeh
_AR_FOLD["\u0629"] = "\u0647"  # teh marbuta -> heh


def fold_arabic(s: str) -> str:
    """camel-tools' ``dediac_ar`` + ``normalize_alef_ar`` + ``normalize_alef_maksura_ar`` +
    ``normalize_teh_marbuta_ar``, without importing camel-tools."""
    return "".join(_AR_FOLD.get(ch, ch) for ch in s)


@lru_cache(maxsize=4096)
def normalize_char(ch: str) -> str:
    """Normalized replacement for one character ('' when it is dropped)."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    if ch in _QUOTES:
        return '"'
    if ch in _SINGLE_QUOTES:
        return "'"
    if ch in _SPACES:
        return " "
    if ch in _DASHES:
        return "-"
    cat = unicodedata.category(ch)
    if cat == "Cf":  # bidi marks, ZWJ/ZWNJ, BOM, ALM
        return ""
    if cat == "Nd":
        return str(unicodedata.digit(ch))
    if (cat == "Mn" and "\u064b" <= ch <= "\u065f") or ch in "\u0670\u06e1":
        return ""
    out = unicodedata.normalize("NFKC", ch)
    if out != ch:
        return "".join(normalize_char(c) if c != ch else c for c in out)
    if "\u0600" <= ch <= "\u06ff":
        return _AR_FOLD.get(ch, ch)
    if ch.isascii():
        return ch.lower()
    if cat.startswith("L"):
        return ch.lower()
    return ch


class NormalizedText:
    """The normalized view of ``original`` with a map from view offsets to original offsets."""

    __slots__ = ("original", "text", "_map", "_vdrop", "_step_pos", "_step_delta")

    def __init__(self, original: str) -> None:
        self.original = original
        reps = {ch: normalize_char(ch) for ch in set(original)}
        n = len(original)
        # where the view's length drifts from the original's: the original positions of the
        # characters that fold to none or to several, and the cumulative drift after each
        # (``view_offsets`` maps token offsets with them, without a search per offset)
        step_pos: list[int] = []
        step_delta: list[int] = []
        if all(len(r) <= 1 for r in reps.values()):
            # every character maps to one character or none: str.translate, and the map
            # lists the kept positions (the common case; a few times faster)
            # The map is kept as the dropped positions only (no list of every offset): view
            # index v comes from original offset v + (the drops before it).
            self.text = original.translate({ord(c): (r or None) for c, r in reps.items() if r != c})
            dropped = {c for c, r in reps.items() if not r}
            if dropped:
                drop_re = re.compile("[" + "".join(re.escape(c) for c in dropped) + "]")
                step_pos = [m.start() for m in drop_re.finditer(original)]
                step_delta = list(range(-1, -len(step_pos) - 1, -1))
            self._map = None
            # the view index where each dropped character would have stood
            self._vdrop = [p - k for k, p in enumerate(step_pos)]
            self._step_pos = step_pos
            self._step_delta = step_delta
            return
        else:
            parts: list[str] = []
            omap = []
            drift = 0
            for i, ch in enumerate(original):
                rep = reps[ch]
                if len(rep) != 1:
                    drift += len(rep) - 1
                    step_pos.append(i)
                    step_delta.append(drift)
                if rep:
                    parts.append(rep)
                    omap.extend([i] * len(rep))
            self.text = "".join(parts)
        omap.append(n)
        self._map = omap
        self._vdrop = None
        self._step_pos = step_pos
        self._step_delta = step_delta

    def __len__(self) -> int:
        return len(self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span ``[start, end)`` to the original text.

        The result covers the original characters that produced the view span, the
        characters dropped by normalization inside it, and the harakat/tatweel that
        directly follow its last letter (they belong to that letter).
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}:{end}] outside normalized text of length {len(self.text)}")
        if start == end:
            o = self.original_offset(start)
            return o, o
        ostart = self.original_offset(start)
        oend = self.original_offset(end - 1) + 1
        # trailing harakat and tatweel belong to the last letter of the span
        orig = self.original
        while oend < len(orig) and (orig[oend] == "\u0640" or unicodedata.category(orig[oend]) == "Mn") \
                and not normalize_char(orig[oend]):
            oend += 1
        return ostart, oend

    def original_offset(self, index: int) -> int:
        """The original offset of view character ``index`` (``len(self)``: ``len(original)``)."""
        omap = self._map
        if omap is not None:
            return omap[index]
        if not 0 <= index <= len(self.text):
            raise IndexError(f"view index {index} outside normalized text of length {len(self.text)}")
        vdrop = self._vdrop
        return index + bisect.bisect_right(vdrop, index) if vdrop else index

    def to_view(self, offset: int) -> int:
        """The view index of the first view character produced at or after ``offset``."""
        omap = self._map
        if omap is not None:
            return bisect.bisect_left(omap, offset, 0, len(omap) - 1)
        offset = min(max(offset, 0), len(self.original))
        pos = self._step_pos
        return offset - bisect.bisect_left(pos, offset) if pos else offset

    def view_offsets(self, offsets: list[int]) -> list[int]:
        """``[to_view(o) for o in offsets]`` for non-decreasing ``offsets`` (token starts or
        ends), in one pass: a view offset is the original one plus the drift of the folds
        before it. Returns ``offsets`` itself when the view has the original's offsets."""
        pos = self._step_pos
        if not pos:
            return offsets
        delta = self._step_delta
        bisect_right = bisect.bisect_right
        lo = bisect_right(offsets, pos[0])
        out = offsets[:lo]
        last = len(pos) - 1
        for k in range(len(pos)):
            hi = bisect_right(offsets, pos[k + 1], lo) if k < last else len(offsets)
            if hi > lo:
                d = delta[k]
                out += [o + d for o in offsets[lo:hi]]
                lo = hi
        return out

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the view span that it produced."""
        return self.to_view(start), self.to_view(end)


class _CharMap(dict):
    """``ord(ch) -> normalize_char(ch)`` for ``str.translate``, filled on first use (at most
    ``_CHARMAP_MAX`` characters are remembered)."""

    def __missing__(self, code: int) -> str:
        rep = normalize_char(chr(code))
        if len(self) < _CHARMAP_MAX:
            self[code] = rep
        return rep


_CHARMAP_MAX = 20_000
_CHARMAP = _CharMap()


def normalize(text: str) -> str:
    """Normalized form of ``text`` (the same folds as :class:`NormalizedText`)."""
    return text.translate(_CHARMAP)


def is_arabic_letter(ch: str) -> bool:
    return ("\u0621" <= ch <= "\u064a") or ch in "\u0671\u067e\u0686\u06a4\u06af\u06a9\u06cc"


_HARAKAT_TATWEEL = re.compile("[\u064b-\u065f\u0670\u0640]")


def strip_harakat(text: str) -> str:
    """``text`` without harakat (U+064B-U+065F, U+0670) and tatweel, nothing else folded: the
    spelling check of words whose hamza/madda matters ("آب" vs "أب"), which the view folds."""
    return _HARAKAT_TATWEEL.sub("", text)
