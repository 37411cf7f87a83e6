"""Sentence splitting, word tokenization and clitic segmentation for Arabic news text.

``tokenize(text)`` returns :class:`~arabic_events.doc.Token` values whose
``segments`` are the clitic pieces of Arabic words (``وبالقوات`` -> و + ب + ال + قوات),
each with offsets into the text; ``split_sentences(text)`` returns
:class:`~arabic_events.doc.Sentence` values. The ``tokenizer`` pipeline component
fills ``doc.tokens`` and ``doc.sentences`` (sentences never cross a ``doc.zones``
boundary). See ``docs/tokenization.md`` for the rules and the measured figures.

Clitic segmentation scores candidate analyses with a word-frequency lexicon built from
SaudiNewsNet by ``tools/build_wordfreq.py``; the lexicon is read the first time a
tokenizer is built, never at import.
"""

from __future__ import annotations

import bisect
import gc
import re
import sys
import unicodedata
from functools import lru_cache
from typing import Iterable

from .doc import Doc, Segment, Sentence, Token, _token_view_starts
from .pipeline import component
from .scripts import sentence_language

__all__ = ["Tokenizer", "make_tokenizer", "tokenize", "split_sentences", "get_tokenizer", "segment_word", "CLITICS",
           "get_plain_tokenizer"]

# ----------------------------------------------------------------------------- characters
_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufdc7\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc"
)
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08ca-\u08ff"
_TATWEEL = "\u0640"
_FORMAT = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"

_TOKEN_RE = re.compile(
    # Arabic word: letters, harakat, tatweel; invisible joiners/bidi marks only between them
    f"(?P<w>[{_LETTERS}](?:[{_LETTERS}{_MARKS}{_TATWEEL}]|[{_FORMAT}]+(?=[{_LETTERS}{_MARKS}{_TATWEEL}]))*)"
    # number: digits with internal decimal or thousands separators (. , ٫ ٬) and no space
    r"|(?P<n>\d+(?:[.,\u066b\u066c]\d+)*)"
    f"|(?P<l>[{_LATIN}](?:[{_LATIN}0-9\u0300-\u036f]|['\u2019](?=[{_LATIN}]))*)"
    r"|(?P<e>\.{2,}|\u2026+)"
    f"|(?P<x>[^\\s{_FORMAT}{_MARKS}{_TATWEEL}])"
)
_BARE_OK = re.compile("[\u0621-\u063a\u0641-\u064a]+")
_STRIP = re.compile(f"[{_MARKS}{_TATWEEL}{_FORMAT}]")
_NEWLINE = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85]")

_TERMINALS = frozenset({".", "!", "?", "\u061f", "\u061b", "\u06d4", "\u203c", "\u2047", "\u2048", "\u2049"})
_CLOSERS = frozenset({")", "]", "}", "\u00bb", "\u201d", '"', "'", "\u2019", "\u203a", "\u201c", "\ufd3f", "\u300d"})

# clitic vocabulary
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_FUT = "س"
_FUT_NEXT = frozenset("يتنأ")
_DET = "ال"
_PRON = ("هما", "هم", "هن", "ها", "ه", "كما", "كم", "كن", "ك", "نا", "ني", "ي")
_PRON_SET = frozenset(_PRON)
_PREP_PRON_ONLY = frozenset(("ه", "ها", "هما", "هم", "هن", "ك", "كم", "كما", "نا"))  # له بها لنا ...
#: The one clitic table of the library, shared by the components that strip clitics
#: themselves (``numbers``, ``times``): conjunctions, prepositions, the future prefix, the
#: article and the pronoun suffixes, longest first where one is a suffix of another.
CLITICS: dict[str, tuple[str, ...]] = {"conj": _CONJ, "prep": _PREP, "fut": (_FUT,), "det": (_DET,), "pron": _PRON}

# Tuned constants (see docs/tokenization.md). A clitic is split off when the rest is a
# word seen at least MIN_RATIO[clitic] times as often as the whole form:
# evidence(rest) >= MIN_RATIO * count(whole). Proclitics are keyed by letter (لل for ل
# before the article), pronouns by suffix. Rests of two letters need ratio >= 1.
MIN_RATIO: dict[str, float] = {
    "و": 0.03, "ف": 0.5, "ب": 0.08, "ل": 0.08, "ك": 2.0, "س": 0.3, "لل": 0.1,
    "ه": 0.1, "ها": 0.1, "هما": 0.1, "هم": 0.03, "هن": 0.5, "نا": 0.3, "ني": 1.0,
    "ك$": 2.0, "كم": 2.0, "كما": 1000.0, "كن": 1000.0,
}
SHORT_REST_RATIO = 1.0
MIN_REST = 3  # a rest seen fewer times than this cannot split a word that is itself known
CONJ_OOV_FLOOR = 1.0  # evidence given to an unseen rest after و (names unseen in 2015 news)
MAX_SEGMENT_LEN = 64  # longer "words" (a letter repeated, text without spaces) are one stem
PARTICLE_MIN = 10_000  # و/ف before a function word this frequent always splits (فإن، وفي)


# ----------------------------------------------------------------------------- lexicon
class Lexicon:
    """Word counts and clitic ratios used to score segmentations."""

    def __init__(self, counts: dict[str, int], ratios: dict, not_article: Iterable[str],
                 no_split: Iterable[str], pronoun_hosts: dict[str, str],
                 fused: dict[str, tuple] | None = None, ya_hosts: frozenset = frozenset(),
                 names: Iterable[str] = ()):
        self.counts = counts
        self.prefix_ratio: dict[str, float] = {k: float(v) for k, v in ratios.get("prefix", {}).items()}
        self.suffix_ratio: dict[str, float] = {k: float(v) for k, v in ratios.get("suffix", {}).items()}
        self.lamlam_ratio = float(ratios.get("lamlam", {}).get("لل", 0.05))
        self.det_ratio = float(ratios.get("det", 0.5))
        self.not_article = frozenset(not_article)
        self.names = tuple(names)
        self.no_split = frozenset(no_split) | frozenset(self.names)
        self.pronoun_hosts = pronoun_hosts
        self.fused = fused or {}
        self.ya_hosts = ya_hosts

    @staticmethod
    def _fused() -> dict[str, tuple]:
        """Fixed analyses of fused function words (مما = م(من) + ما)."""
        from ._data import load_tsv

        out: dict[str, tuple] = {}
        for row in load_tsv("tokenizer/fused.tsv"):
            word, spec = row[0], row[1].split()
            pieces, i = [], 0
            for item in spec:
                kind, _, rest = item.partition(":")
                surf, _, form = rest.partition("=")
                pieces.append((i, i + len(surf), kind, form or None))
                i += len(surf)
            if i != len(word):
                from .errors import DataError

                raise DataError(f"tokenizer/fused.tsv: segments of {word!r} do not spell the word")
            out[word] = tuple(pieces)
        return out

    @classmethod
    def load(cls, counts: bool = True) -> "Lexicon":
        """The shipped lexicon; ``counts=False`` keeps the lists but no word counts."""
        import gzip

        from ._data import data_path, load_json, load_lines, load_tsv

        table: dict[str, int] = {}
        if counts:
            raw = gzip.decompress(data_path("tokenizer/wordfreq.tsv.gz").read_bytes()).decode("utf-8")
            for line in raw.splitlines():
                if not line or line[0] == "#":
                    continue
                w, _, c = line.partition("\t")
                table[w] = int(c)
        hosts = load_tsv("tokenizer/pronoun_hosts.tsv")
        return cls(
            table,
            load_json("tokenizer/clitic_ratios.json"),
            load_lines("tokenizer/not_article.txt"),
            load_lines("tokenizer/no_split.txt"),
            {row[0]: row[1] for row in hosts},
            cls._fused(),
            frozenset(row[0] for row in hosts if row[2:3] == ("yes",)),
            load_lines("tokenizer/names_no_split.txt"),
        )


@lru_cache(maxsize=2)
def _shared_lexicon(kind: str) -> Lexicon:
    return Lexicon.load(counts=(kind == "full"))


# A piece of an analysis over the bare word: (start, end, kind, form or None)
Piece = tuple[int, int, str, "str | None"]


class Segmenter:
    """Clitic segmentation of one bare Arabic word (no harakat/tatweel)."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.count = lexicon.counts.get
        self.analyse = lru_cache(maxsize=200_000)(self._analyse)

    # evidence that ``x`` is a free-standing word (its count, or what its own analyses explain)
    def _evidence(self, x: str, allow_prep: bool, depth: int = 0) -> float:
        c = float(self.count(x, 0))
        if len(x) < 2:
            return 0.0
        best = c
        if x.startswith(_DET) and x not in self.lex.not_article and len(x) >= 4:
            best = max(best, self.lex.det_ratio * self.count(x[2:], 0), 1.0)
        else:
            host, q, ev = self._best_pron(x)
            if host is not None:
                best = max(best, ev if ev == float("inf") else self.lex.suffix_ratio.get(q, 0.0) * ev)
        if allow_prep and depth == 0:
            for p in _PREP + (_FUT,):
                if x.startswith(p) and len(x) > 2:
                    r = self._prep_rest(p, x[1:])
                    if r is None:
                        continue
                    ev = self._evidence(r, False, depth + 1)
                    best = max(best, self._ratio(p, x[1:]) * ev)
        return best

    def _ratio(self, p: str, rest: str) -> float:
        if p == "ل" and rest.startswith("ل"):
            return self.lex.lamlam_ratio
        return self.lex.prefix_ratio.get(p, 0.0)

    def _prep_rest(self, p: str, rest: str) -> str | None:
        """The free word behind ``rest`` after proclitic ``p`` (None when impossible)."""
        if p == _FUT:
            return rest if rest and rest[0] in _FUT_NEXT else None
        if p == "ل" and rest.startswith("ل"):
            # لل: ل + (ا)ل... (للقوات), ل + ال + ل... (للجنة) or ل + ل... (للبنان)
            cands = ("ا" + rest, "ال" + rest, rest)
            return max(cands, key=lambda r: (self.count(r, 0), r == "ا" + rest))
        return rest

    def _host_form(self, h: str) -> tuple[str, int]:
        """The dictionary spelling of a host before a pronoun (حكومت -> حكومة) and its count."""
        c = self.count(h, 0)
        alts = []
        last = h[-1]
        if last == "ت":
            alts.append(h[:-1] + "ة")
        elif last == "و":
            alts.append(h + "ا")
        elif last in "اي":
            alts.append(h[:-1] + "ى")
        elif last in "ؤئ":
            alts.append(h[:-1] + "ء")
        best, bc = h, c
        for a in alts:
            ac = self.count(a, 0)
            if ac > 3 * max(bc, 1) or (bc == 0 and ac > 0):
                best, bc = a, ac
        return best, max(bc, c)

    def _best_pron(self, x: str) -> tuple[str | None, str | None, float]:
        best: tuple[str | None, str | None, float] = (None, None, 0.0)
        for q in _PRON:
            if len(x) - len(q) < 2 or not x.endswith(q):
                continue
            h = x[: -len(q)]
            if h in self.lex.pronoun_hosts and (q != "ي" or h in self.lex.ya_hosts):
                return h, q, float("inf")
            if h.startswith(_DET) or q == "ي" or (q[0] in "كن" and len(h) < 3):
                continue  # "ي" on content words is mostly a nisba ending (عراقي), not "my"
            _form, hc = self._host_form(h)
            # the paradigm: the host seen with other pronouns (تبعته، تبعتها)
            hc += sum(self.count(h + q2, 0) for q2 in ("ه", "ها", "هم", "نا") if q2 != q)
            if hc > best[2]:
                best = (h, q, float(hc))
        return best

    def _host_pron(self, x: str) -> bool:
        """True when ``x`` is a function word plus a pronoun (كلها، بعدها، لديه)."""
        for q in _PRON:
            if x.endswith(q) and x[: -len(q)] in self.lex.pronoun_hosts and (q != "ي" or x[:-1] in self.lex.ya_hosts):
                return True
        return False

    def _accept(self, whole: str, ev_rest: float, key: str, rest_len: int) -> bool:
        if ev_rest <= 0:
            return False
        cw = self.count(whole, 0)
        if cw and ev_rest < MIN_REST:
            return False
        ratio = MIN_RATIO.get(key, 1.0)
        if rest_len < 3:
            ratio = max(ratio, SHORT_REST_RATIO)
        return ev_rest >= ratio * cw

    def _analyse(self, b: str) -> tuple[Piece, ...]:
        n = len(b)
        if n < 2 or b in self.lex.no_split or not _BARE_OK.fullmatch(b):
            return ((0, n, "stem", None),)
        fixed = self.lex.fused.get(b)
        if fixed is not None:
            return fixed
        if b[0] in _CONJ and b[1:] in self.lex.fused:
            return ((0, 1, "conj", None),) + tuple((a + 1, e + 1, k, f) for a, e, k, f in self.lex.fused[b[1:]])
        pieces: list[Piece] = []
        i = 0
        # layer 1: conjunction و ف
        if b[0] in _CONJ and n > 2:
            rest = b[1:]
            ev = self._evidence(rest, True)
            if ev <= 0 and b[0] == "و" and len(rest) >= 3 and rest[0] != "و" and self.lex.counts and not self.count(b, 0):
                ev = CONJ_OOV_FLOOR
            frequent_particle = rest in self.lex.pronoun_hosts and self.count(rest, 0) >= PARTICLE_MIN
            if frequent_particle or self._accept(b, ev, b[0], len(rest)):
                pieces.append((0, 1, "conj", None))
                i = 1
        # layer 2: preposition ب ل ك or future س
        lamlam_det = False
        lamlam_stem_form = None
        x = b[i:]
        if len(x) >= 2 and x[0] in "بلكس" and x not in self.lex.no_split:
            p, rest = x[0], x[1:]
            if p in "بل" and (rest in _PREP_PRON_ONLY or (p == "ل" and rest == "ي")):
                pieces.append((i, i + 1, "prep", None))
                pieces.append((i + 1, n, "pron", None))
                return tuple(pieces)
            free = self._prep_rest(p, rest) if len(rest) >= 2 and rest != _DET else None
            if free is not None and not self._host_pron(x):
                ev = self._evidence(free, False)
                if ev <= 0 and p == _FUT and len(free) >= 5 and free.endswith("ون") and not self.count(x, 0):
                    ev = CONJ_OOV_FLOOR  # unseen imperfect plural after س (سيستغرقون)
                key = "لل" if p == "ل" and rest.startswith("ل") else p
                if self._accept(x, ev, key, len(rest)):
                    pieces.append((i, i + 1, "fut" if p == _FUT else "prep", None))
                    i += 1
                    if p == "ل" and rest.startswith("ل"):
                        if free == "ا" + rest:
                            lamlam_det = True
                        elif free == "ال" + rest:
                            lamlam_stem_form = free
        x = b[i:]
        # layer 3: the article
        if lamlam_det:
            if len(x) > 1:
                pieces.append((i, i + 1, "det", _DET))
                pieces.append((i + 1, n, "stem", None))
                return tuple(pieces)
        if lamlam_stem_form is not None:
            pieces.append((i, n, "stem", lamlam_stem_form))
            return tuple(pieces)
        if x.startswith(_DET) and len(x) >= 4 and x not in self.lex.not_article and self._is_article(x):
            pieces.append((i, i + 2, "det", None))
            pieces.append((i + 2, n, "stem", None))
            return tuple(pieces)
        # layer 4: attached pronoun
        if len(x) >= 3 and x not in self.lex.no_split:
            h, q, ev = self._best_pron(x)
            if h is not None and (ev == float("inf") or self._accept(x, ev, "ك$" if q == "ك" else q, len(h))):
                j = i + len(h)
                if h in self.lex.pronoun_hosts:
                    form = self.lex.pronoun_hosts[h]
                else:
                    form = self._host_form(h)[0]
                pieces.append((i, j, "stem", form if form != h else None))
                pieces.append((j, n, "pron", None))
                return tuple(pieces)
        if i < n:
            pieces.append((i, n, "stem", None))
        return tuple(pieces)

    def _is_article(self, x: str) -> bool:
        rest = x[2:]
        if self.count(rest, 0) > 0:
            return True
        # hamza-less Form IV/VIII words (التزام، الغاء): frequent, never seen without "ال"
        if self.count(x, 0) >= 3 and (x[2] == "ت" or (len(x) >= 5 and x[4] == "ا")):
            return False
        return True

    def clitic_only(self, b: str) -> tuple[Piece, ...] | None:
        """Analysis of a bare clitic string written with tatweel (بـ، الـ، وللـ), else None."""
        pieces: list[Piece] = []
        i, n = 0, len(b)
        if i < n and b[i] in _CONJ and n > 1:
            pieces.append((i, i + 1, "conj", None))
            i += 1
        prep = None
        if i < n and b[i] in _PREP:
            prep = b[i]
            pieces.append((i, i + 1, "prep", None))
            i += 1
        if b[i:] == _DET:
            pieces.append((i, n, "det", None))
            i = n
        elif prep == "ل" and b[i:] == "ل":
            pieces.append((i, n, "det", _DET))
            i = n
        if i != n or not pieces:
            if b in _CONJ:
                return ((0, 1, "conj", None),)
            return None
        return tuple(pieces)


# ----------------------------------------------------------------------------- tokenizer
@lru_cache(maxsize=None)
def _char_kind(ch: str) -> str | None:
    cat = unicodedata.category(ch)
    if cat[0] == "P":
        return "punct"
    if cat[0] == "S":
        return "symbol"
    if cat[0] in "LN":
        return "latin"
    if cat[0] == "M" or cat[0] == "C" or cat[0] == "Z":
        return None
    return "symbol"


def _fast_constructor(cls: type, names: tuple[str, ...]):
    """A positional constructor of the frozen, slotted dataclass ``cls`` that sets its fields
    through their slot descriptors: the values (and the object) are those of
    ``cls(*args)``, without the generated ``__init__``'s ``object.__setattr__`` per field
    (a third of the cost of making the ~170k tokens and segments of 200 news articles).
    Falls back to ``cls`` itself if its fields are not exactly ``names``."""
    from dataclasses import fields

    if tuple(f.name for f in fields(cls)) != names or hasattr(cls, "__post_init__") or not all(
            type(cls.__dict__.get(n)).__name__ == "member_descriptor" for n in names):
        return cls
    new = object.__new__
    setters = [cls.__dict__[n].__set__ for n in names]
    if len(names) != 5:
        return cls
    s0, s1, s2, s3, s4 = setters

    def make(a, b, c, d, e):
        o = new(cls)
        s0(o, a)
        s1(o, b)
        s2(o, c)
        s3(o, d)
        s4(o, e)
        return o

    return make


_new_token = _fast_constructor(Token, ("text", "start", "end", "kind", "segments"))
_new_segment = _fast_constructor(Segment, ("text", "start", "end", "kind", "form"))


class Tokenizer:
    """Tokenizer with clitic segmentation and sentence splitting.

    ``segment=False`` leaves Arabic words unsplit (one stem segment each);
    ``lexicon=False`` segments with the rules and data lists only (no frequency lexicon);
    ``ellipsis_ends_sentence=True`` makes ``..``/``…`` end a sentence.
    """

    def __init__(self, *, segment: bool = True, lexicon: bool = True, ellipsis_ends_sentence: bool = False,
                 abbreviations: Iterable[str] | None = None):
        self.segment = segment
        self.ellipsis_ends_sentence = ellipsis_ends_sentence
        self.segmenter = Segmenter(_shared_lexicon("full" if lexicon else "empty")) if segment else None
        if abbreviations is None:
            from ._data import load_lines

            abbreviations = load_lines("tokenizer/abbreviations.txt")
        self.abbreviations = frozenset(a.rstrip(".") for a in abbreviations)
        self._abbr_max = max((len(a) for a in self.abbreviations), default=0)
        # word -> its segments (text, start, end, kind, form) relative to the word
        self._segs_cache: dict[str, tuple[tuple[str, int, int, str, str | None], ...]] = {}

    # ------------------------------------------------------------------ words
    def _pieces(self, text: str) -> tuple[tuple[int, int, str, str | None], ...]:
        """Segments of one Arabic word token, as offsets relative to the token (uncached: see
        :meth:`_word_segments`)."""
        if len(text) > MAX_SEGMENT_LEN:
            return ((0, len(text), "stem", None),)  # no Arabic word is this long: not analysed, not cached
        if _BARE_OK.fullmatch(text):
            bare, pos = text, None
        else:
            keep = [i for i, ch in enumerate(text) if not _STRIP.match(ch)]
            bare = "".join(text[i] for i in keep)
            pos = keep
        seg = self.segmenter
        if seg is None or not bare:
            pieces: tuple[Piece, ...] = ((0, len(bare), "stem", None),)
        elif text.endswith(_TATWEEL) and (cl := seg.clitic_only(bare)) is not None:
            pieces = cl
        else:
            pieces = seg.analyse(bare)
        if pos is not None:
            out = []
            nb = len(bare)
            for k, (a, e, kind, form) in enumerate(pieces):
                s = 0 if k == 0 else pos[a]
                t = len(text) if e >= nb else pos[e]
                surface_bare = bare[a:e]
                if form is None and text[s:t] != surface_bare:
                    form = surface_bare
                out.append((s, t, kind, form))
            pieces = tuple(out)
        return pieces

    def tokens(self, text: str, starts: list[int] | None = None) -> list[Token]:
        """Tokens of ``text`` with offsets; Arabic words carry their clitic segments.
        ``starts``: a list that receives the start offset of every token."""
        # Tokens and segments are acyclic: pausing the cyclic GC while creating many of
        # them halves the time on long texts (it is restored before returning).
        pause = len(text) > 20_000 and gc.isenabled()
        if pause:
            gc.disable()
        try:
            return self._tokens(text, starts)
        finally:
            if pause:
                gc.enable()

    def _word_segments(self, tok_text: str) -> tuple[tuple[str, int, int, str, str | None], ...]:
        """``_pieces`` with each segment's text: ``(text, start, end, kind, form)`` relative to
        the token (cached with the pieces)."""
        hit = self._segs_cache.get(tok_text)
        if hit is None:
            hit = tuple((tok_text[a:b], a, b, k, f) for a, b, k, f in self._pieces(tok_text))
            if len(tok_text) <= MAX_SEGMENT_LEN:  # (longer ones are not analysed: not cached)
                if len(self._segs_cache) >= 20_000:  # bounded: start afresh rather than grow with the corpus
                    self._segs_cache.clear()
                self._segs_cache[sys.intern(tok_text)] = hit  # interned: one copy across caches
        return hit

    def _tokens(self, text: str, starts: list[int] | None = None) -> list[Token]:
        out: list[Token] = []
        append = out.append
        # the token starts, collected as the tokens are made (``starts``, when given)
        sappend = starts.append if starts is not None else _no_append
        segments_of = self._word_segments
        tok, seg = _new_token, _new_segment
        for m in _TOKEN_RE.finditer(text):
            kind = m.lastgroup
            s, e = m.span()
            tok_text = m.group()
            if kind == "w":
                pieces = segments_of(tok_text)
                if len(pieces) == 1:
                    t, a, b, k, f = pieces[0]
                    segs: tuple[Segment, ...] = (seg(t, s + a, s + b, k, f),)
                else:
                    segs = tuple([seg(t, s + a, s + b, k, f) for t, a, b, k, f in pieces])
                append(tok(tok_text, s, e, "word", segs))
                sappend(s)
            elif kind == "n":
                append(tok(tok_text, s, e, "number", ()))
                sappend(s)
            elif kind == "l":
                append(tok(tok_text, s, e, "latin", ()))
                sappend(s)
            elif kind == "e":
                append(tok(tok_text, s, e, "punct", ()))
                sappend(s)
            else:
                k = _char_kind(tok_text)
                if k is not None:
                    append(tok(tok_text, s, e, k, ()))
                    sappend(s)
        return out

    # -------------------------------------------------------------- sentences
    def _is_abbreviation(self, text: str, toks: list[Token], i: int) -> bool:
        """True when the period ``toks[i]`` closes an abbreviation."""
        if i == 0:
            return False
        prev = toks[i - 1]
        if prev.end != toks[i].start or prev.kind not in ("word", "latin"):
            return False
        if len(prev.text) == 1 or (prev.text[-1] == _TATWEEL and len(prev.text.rstrip(_TATWEEL)) == 1):
            return True
        lo = max(0, prev.start - self._abbr_max)
        window = text[lo:prev.end]
        for k in range(len(window)):
            cand = window[k:]
            if cand in self.abbreviations and (lo + k == 0 or not text[lo + k - 1].isalnum()):
                return True
        return False

    def _ends_sentence(self, text: str, toks: list[Token], i: int) -> bool:
        t = toks[i]
        if t.kind != "punct":
            return False
        if t.text in _TERMINALS:
            if t.text == ".":
                if self._is_abbreviation(text, toks, i):
                    return False
                if i + 1 < len(toks):
                    nxt = toks[i + 1]
                    if nxt.start == t.end and nxt.kind in ("latin", "number"):
                        return False  # www.site.com, v.2
            return True
        if self.ellipsis_ends_sentence and (t.text[0] == "\u2026" or t.text.startswith("..")):
            return True
        return False

    def sentences(self, text: str, toks: list[Token] | None = None,
                  zones: list | None = None) -> list[Sentence]:
        """Sentences of ``text`` (a line break always ends one; zones are never crossed)."""
        if toks is None:
            toks = self.tokens(text)
        n = len(toks)
        if not n:
            return []
        zone_starts: list[int] = []
        zone_ends: list[int] = []
        zone_labels: list[str | None] = []
        if zones:
            for z in sorted(zones, key=lambda z: (z.start, z.end)):
                zone_starts.append(z.start)
                zone_ends.append(z.end)
                zone_labels.append(z.label)

        def zone_of(off: int) -> int:
            if not zone_starts:
                return -1
            k = bisect.bisect_right(zone_starts, off) - 1
            if k >= 0 and off < zone_ends[k]:
                return k
            return -1

        def zone_span(off: int) -> tuple[int, int, int]:
            """(zone, lo, hi): the zone of ``off`` and the offsets [lo, hi) with that zone."""
            k = bisect.bisect_right(zone_starts, off) - 1
            nxt_start = zone_starts[k + 1] if k + 1 < len(zone_starts) else len(text) + 1
            if k >= 0 and off < zone_ends[k]:
                return k, zone_starts[k], min(zone_ends[k], nxt_start)
            return -1, (zone_ends[k] if k >= 0 else -1), nxt_start

        out: list[Sentence] = []
        first = 0
        cur_zone = zone_of(toks[0].start)
        z_lo = z_hi = 0  # offsets whose zone is cur_zone (empty: look it up)
        nl_m = _NEWLINE.search(text, toks[0].end)
        nl = nl_m.start() if nl_m else len(text) + 1  # first line break at or after the current token's end
        ends_sentence = self._ends_sentence
        i = 0
        while i < n:
            last = i
            boundary = False
            if toks[i].kind == "punct" and ends_sentence(text, toks, i):
                # glued closing quotes/brackets and further terminals stay with the sentence
                while last + 1 < n:
                    nxt = toks[last + 1]
                    gap = text[toks[last].end:nxt.start]
                    if gap.strip(_FORMAT_CHARS) or nxt.kind != "punct":
                        break
                    if nxt.text in _CLOSERS or nxt.text in _TERMINALS or nxt.text[0] in ".\u2026":
                        last += 1
                    else:
                        break
                boundary = True
            if last + 1 < n:
                nxt = toks[last + 1]
                if not boundary:
                    end = toks[last].end
                    if nl < end:
                        nl_m = _NEWLINE.search(text, end)
                        nl = nl_m.start() if nl_m else len(text) + 1
                    if nl < nxt.start:
                        boundary = True
                if not boundary and zone_starts:
                    ns = nxt.start
                    if not z_lo <= ns < z_hi:
                        z, z_lo, z_hi = zone_span(ns)
                        if z != cur_zone:
                            boundary = True
            else:
                boundary = True
            if boundary:
                a, b = toks[first].start, toks[last].end
                label = zone_labels[cur_zone] if cur_zone >= 0 else None
                out.append(Sentence(text[a:b], a, b, label, _sentence_lang(toks, first, last)))
                first = last + 1
                if first < n:
                    cur_zone, z_lo, z_hi = zone_span(toks[first].start) if zone_starts else (-1, 0, 0)
            i = last + 1
        return out

    def __call__(self, doc: Doc) -> Doc:
        starts: list[int] = []
        toks = self.tokens(doc.text, starts)
        doc.tokens = toks
        doc.sentences = self.sentences(doc.text, toks, doc.zones)
        # the words layer: where each token starts in the normalized view (its folded form,
        # normalize(token.text), follows), mapped in one pass over the token offsets
        doc._token_starts = starts
        doc._words = (toks, _token_view_starts(doc.norm, toks, starts))
        return doc


def _no_append(_x) -> None:
    return None


def _sentence_lang(toks: list[Token], first: int, last: int) -> str | None:
    """Language of the sentence made of ``toks[first:last + 1]`` (see arabic_events.scripts)."""
    words = [toks[k].text for k in range(first, last + 1) if toks[k].kind == "word"]
    return sentence_language(words) if words else None


_FORMAT_CHARS = "".join(
    chr(c) for c in list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2065))
    + list(range(0x2066, 0x206A)) + [0x061C, 0xFEFF, 0x00AD]
)


@component("tokenizer", provides=["sentences", "tokens"],
           description="Sentences, tokens (with their normalized-view starts) and clitic segments")
def make_tokenizer(nlp, segment: bool = True, lexicon: bool = True, ellipsis_ends_sentence: bool = False):
    """Build the tokenizer component (loads the frequency lexicon now)."""
    return Tokenizer(segment=segment, lexicon=lexicon, ellipsis_ends_sentence=ellipsis_ends_sentence)


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    """The shared default :class:`Tokenizer` (built on first use)."""
    return Tokenizer()


@lru_cache(maxsize=1)
def get_plain_tokenizer() -> Tokenizer:
    """A shared :class:`Tokenizer` without clitic segmentation (the same tokens, no lexicon):
    what ``find_quantities`` reads words with when it is given a str."""
    return Tokenizer(segment=False)


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` (with clitic segments) using the default tokenizer."""
    if not isinstance(text, str):
        from .errors import InputError

        raise InputError(f"tokenize() needs a str, not {type(text).__name__}")
    return get_tokenizer().tokens(text)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` using the default tokenizer."""
    if not isinstance(text, str):
        from .errors import InputError

        raise InputError(f"split_sentences() needs a str, not {type(text).__name__}")
    return get_tokenizer().sentences(text)


def segment_word(word: str) -> list[Segment]:
    """Clitic segments of one word (offsets relative to the word)."""
    toks = tokenize(word)
    return [seg for t in toks for seg in t.segments]
