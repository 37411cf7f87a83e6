"""Token features for the CRF entity tagger.

Features are computed on a normalized form of each word (the folds of
:mod:`arabic_events.normalize`: alef forms, ``ى``, ``ة``, harakat, tatweel, digits) and on a
light stem with the proclitics (``و``/``ف``, ``ب``/``ل``/``ك``, ``ال``) stripped. Word
features are cached per word type, so a sentence costs little more than a dict lookup per
token plus the context window.
"""

from __future__ import annotations

import re
import sys
from typing import Iterable, Mapping, Sequence

__all__ = [
    "fold",
    "light_stem",
    "strip_article",
    "split_proclitics",
    "simple_tokenize",
    "word_shape",
    "FeatureExtractor",
    "doc_features",
    "phrase_tags",
]

# normalization as a translate table (equivalent to normalize.normalize on Arabic words)
_TABLE: dict[int, str | None] = {c: None for c in range(0x064B, 0x0660)}
_TABLE.update({0x0670: None, 0x06E1: None, 0x0640: None, 0x200F: None, 0x200E: None, 0x200C: None, 0x200D: None, 0xFEFF: None})
_TABLE.update({ord(c): "\u0627" for c in "\u0622\u0623\u0625\u0671"})
_TABLE[ord("\u0649")] = "\u064a"
_TABLE[ord("\u0629")] = "\u0647"
_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_TABLE.update({0x06F0 + i: str(i) for i in range(10)})
_TABLE.update({ord(c): '"' for c in "«»“”„‟"})


def fold(word: str) -> str:
    """The normalized matching form of a word (same folds as ``normalize.normalize``)."""
    return word.translate(_TABLE).lower()


_CONJ = "وف"
_PREP = "بلك"
_AR = re.compile(r"[\u0621-\u064a]")


def split_proclitics(w: str, freq: Mapping[str, int] | None = None) -> tuple[str, str]:
    """Split a folded word into (proclitics, rest): ``وبالعراق`` -> (``وب``, ``العراق``).

    The article ``ال`` stays on the rest; ``لل`` gives the preposition ``ل`` and the rest
    ``ال...`` (``للقوات`` -> ``ل``, ``القوات``). A conjunction or preposition is stripped
    when an article follows, or, given word counts ``freq``, when the rest is a more
    frequent word than the whole (``وبغداد`` -> ``بغداد`` but ``وزير`` stays).
    """
    pre = ""
    rest = w
    for letters in (_CONJ, _PREP):
        if len(rest) < 4 or rest[0] not in letters:
            continue
        if rest[0] == "ل" and rest[1] == "ل" and len(rest) > 4:
            return pre + "ل", "ا" + rest[1:]
        cand = rest[1:]
        if cand.startswith("ال") or (
            freq is not None and freq.get(cand, 0) > 2 * freq.get(rest, 0) + 2
        ) or (letters is _CONJ and cand[0] in _PREP and cand[1:3] == "ال"):
            pre += rest[0]
            rest = cand
    return pre, rest


def strip_article(rest: str) -> str:
    """A clitic-stripped word without its article, when more than two letters remain."""
    return rest[2:] if rest.startswith("ال") and len(rest) > 4 else rest


def light_stem(w: str) -> str:
    """Folded word without proclitics and article (``وبالعراق`` -> ``عراق``)."""
    return strip_article(split_proclitics(w)[1])


_TOKEN_RE = re.compile(
    r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*"
    r"|[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+"
    r"|[^\w\s]",
    re.UNICODE,
)


def simple_tokenize(text: str) -> list[tuple[str, int, int]]:
    """Whitespace/punctuation tokens ``(text, start, end)``; used when no tokenizer ran."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def word_shape(w: str) -> str:
    """A coarse shape: ``A`` Arabic run, ``L`` Latin, ``D`` digits, ``P`` punct."""
    out = []
    for ch in w:
        if "\u0621" <= ch <= "\u06ff":
            c = "A"
        elif ch.isdigit():
            c = "D"
        elif ch.isalpha():
            c = "L"
        else:
            c = "P"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _ratio_bin(a: int, b: int) -> int:
    """log2((a+1)/(b+1)) cut into 7 bins (-3..3)."""
    import math

    r = math.log2((a + 1) / (b + 1))
    return max(-3, min(3, int(round(r / 1.5))))


def phrase_tags(rests: Sequence[str], phrases: Mapping[tuple[str, ...], str], max_phrase: int) -> list[str | None]:
    """BIO tags (``B-LABEL``/``I-LABEL``/None) of the longest multi-word ``phrases`` matches,
    left to right, over a sentence's stripped word forms."""
    tags: list[str | None] = [None] * len(rests)
    if not phrases:
        return tags
    i, n = 0, len(rests)
    while i < n:
        found, label = 0, None
        for k in range(min(max_phrase, n - i), 1, -1):
            lab = phrases.get(tuple(rests[i : i + k]))
            if lab is not None:
                found, label = k, lab
                break
        if found:
            tags[i] = "B-" + label
            for j in range(i + 1, i + found):
                tags[j] = "I-" + label
            i += found
        else:
            i += 1
    return tags


class FeatureExtractor:
    """Turn sentences (lists of word strings) into crfsuite feature lists.

    ``clusters`` maps a folded word to a cluster path string (coarse-to-fine ids joined by
    ``-``); ``lexicon`` maps a folded (stemmed) word to a set of gazetteer tags; ``phrases``
    maps tuples of folded words to a gazetteer label (multi-word entries).
    """

    def __init__(
        self,
        clusters: Mapping[str, str] | None = None,
        lexicon: Mapping[str, Iterable[str]] | None = None,
        phrases: Mapping[tuple[str, ...], str] | None = None,
        window: int = 2,
        freq: Mapping[str, int] | None = None,
        vectors: Mapping[str, Sequence[float]] | None = None,
        sided: Mapping[str, tuple[str, str]] | None = None,
        autolex: Mapping[str, tuple[str, ...]] | None = None,
        clusters2: Mapping[str, str] | None = None,
    ) -> None:
        self.freq = freq
        # a second, independent cluster set (e.g. word2vec k-means next to PPMI-SVD k-means)
        self.clusters2 = dict(clusters2 or {})
        self.autolex = autolex or {}
        self.ngrams = False
        # article-ratio feature: how much more often the corpus writes the word with ال
        # than without (common nouns take the article, most names do not)
        self.defratio = False
        self.sided = sided or {}
        self.vectors = vectors
        self.clusters = dict(clusters or {})
        self.lexicon = {k: tuple(sorted(v)) for k, v in (lexicon or {}).items()}
        self.phrases = dict(phrases or {})
        self.max_phrase = max((len(k) for k in self.phrases), default=0)
        self.window = window
        self._cache: dict[str, tuple[list[str], list[str], str, str]] = {}

    # ------------------------------------------------------------ per word
    def _word(self, word: str):
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        w = fold(word)
        pre, rest = split_proclitics(w, self.freq)
        stem = strip_article(rest)
        feats = ["w=" + w, "s=" + stem, "p=" + pre, "sh=" + word_shape(w)]
        if rest != w:
            feats.append("r=" + rest)
        n = len(stem)
        feats.append("len=%d" % min(n, 8))
        if rest.startswith("ال"):
            feats.append("al")
        for k in (1, 2, 3, 4):
            if n > k:
                feats.append("pf%d=%s" % (k, stem[:k]))
                feats.append("sf%d=%s" % (k, w[-k:]))
        if not _AR.search(w):
            feats.append("nonar")
        if self.defratio and self.freq is not None and _AR.search(stem):
            bare = self.freq.get(stem, 0)
            definite = self.freq.get("ال" + stem, 0)
            if bare + definite >= 5:
                feats.append("dfr=%d" % _ratio_bin(definite, bare))
            else:
                feats.append("dfr=rare")
        if self.ngrams and n > 3:
            padded = "<" + stem + ">"
            for k in range(len(padded) - 2):
                feats.append("ng=" + padded[k : k + 3])
        cw = self.clusters.get(w)
        cr = self.clusters.get(rest) or self.clusters.get(stem) if rest != w else None
        ctx: list[str] = []
        if cw:
            for i, c in enumerate(cw.split("-")):
                feats.append("cw%d=%s" % (i, c))
        else:
            feats.append("cw=none")
        if cr:
            for i, c in enumerate(cr.split("-")):
                feats.append("cr%d=%s" % (i, c))
        c2 = None
        if self.clusters2:
            c2w = self.clusters2.get(w)
            c2r = self.clusters2.get(rest) or self.clusters2.get(stem) if rest != w else None
            c2 = c2r or c2w
            if c2w:
                for i, c in enumerate(c2w.split("-")):
                    feats.append("dw%d=%s" % (i, c))
            else:
                feats.append("dw=none")
            if c2r:
                for i, c in enumerate(c2r.split("-")):
                    feats.append("dr%d=%s" % (i, c))
        lex = self.lexicon.get(rest) or self.lexicon.get(stem) or ()
        for tag in lex:
            feats.append("lx=" + tag)
        al = self.autolex.get(rest) if self.autolex else None
        if al:
            feats.extend(al)
        sd = self.sided.get(rest) or self.sided.get(w) if self.sided else None
        if sd:
            for side, path in zip("lr", sd):
                for i, c in enumerate(path.split("-")):
                    feats.append("k%s%d=%s" % (side, i, c))
        # features copied to neighbours (compact, to keep the model small)
        ctx.append("r=" + rest)
        c = cr or cw
        if c:
            parts = c.split("-")
            ctx.append("c=" + parts[-1])
            ctx.append("cc=" + parts[0])
            ctx.append("cm=" + parts[1])
        if c2:
            parts = c2.split("-")
            ctx.append("d=" + parts[-1])
            ctx.append("dc=" + parts[0])
        for tag in lex:
            ctx.append("lx=" + tag)
        if al:
            ctx.extend(x for x in al if x.endswith("h"))
        out = (feats, ctx, w, rest)
        if len(self._cache) >= 50_000:  # bounded: start afresh rather than grow with the corpus
            self._cache.clear()
        self._cache[sys.intern(word)] = out  # interned: one copy of the word across caches
        return out

    # ------------------------------------------------------------ sequence
    def _phrase_tags(self, rests: Sequence[str]) -> list[str | None]:
        return phrase_tags(rests, self.phrases, self.max_phrase)

    def sentence(self, words: Sequence[str], extra: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """Feature lists, one per word (``extra``: more features per word, e.g. document features)."""
        infos = [self._word(w) for w in words]
        n = len(infos)
        ptags = self._phrase_tags([x[3] for x in infos])
        out = []
        win = self.window
        for i in range(n):
            feats = list(infos[i][0])
            feats.append("bias")
            pt = ptags[i]
            if pt:
                feats.append("ph=" + pt)
            for d in range(1, win + 1):
                if i - d >= 0:
                    feats.extend(["-%d%s" % (d, f) for f in infos[i - d][1]])
                    if ptags[i - d]:
                        feats.append("-%dph=%s" % (d, ptags[i - d]))
                else:
                    feats.append("-%dBOS" % d)
                if i + d < n:
                    feats.extend(["+%d%s" % (d, f) for f in infos[i + d][1]])
                    if ptags[i + d]:
                        feats.append("+%dph=%s" % (d, ptags[i + d]))
                else:
                    feats.append("+%dEOS" % d)
            if extra is not None:
                feats.extend(extra[i])
            if i > 0:
                feats.append("bg=%s|%s" % (infos[i - 1][3], infos[i][3]))
            if i + 1 < n:
                feats.append("bg+=%s|%s" % (infos[i][3], infos[i + 1][3]))
            out.append(feats)
        if self.vectors:
            return self._with_vectors(out, infos)
        return out

    def _with_vectors(self, out: list, infos: list) -> list:
        """Add real-valued word-vector features (current word and neighbours)."""
        vecs = []
        for info in infos:
            v = self.vectors.get(info[3]) or self.vectors.get(info[2])
            vecs.append({str(k): float(x) for k, x in enumerate(v)} if v is not None else None)
        items = []
        for i, feats in enumerate(out):
            item: dict = {"f": feats}
            if vecs[i]:
                item["e"] = vecs[i]
            if i > 0 and vecs[i - 1]:
                item["e-1"] = vecs[i - 1]
            if i + 1 < len(out) and vecs[i + 1]:
                item["e+1"] = vecs[i + 1]
            items.append(item)
        return items


def doc_features(
    extractor: FeatureExtractor,
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    window: int | None = None,
) -> list[list[list[str]]]:
    """Non-local features from first-pass labels of the same document.

    For each token, the entity types that the first pass gave to *other* occurrences of the
    same clitic-stripped form in the document (or, with ``window``, in the ``window``
    sentences before and after): ``dt=T`` when any, ``dtm=T`` when most occurrences carry
    ``T``; copied to the neighbours as ``-1dt``/``+1dt``.
    """
    from collections import Counter

    keys = [[extractor._word(w)[3] for w in sent] for sent in sentences]
    per_sent: list[Counter] = []
    for ks, labs in zip(keys, labels):
        c: Counter = Counter()
        for k, y in zip(ks, labs):
            c[(k, y[2:] if y != "O" else "O")] += 1
        per_sent.append(c)
    n = len(sentences)
    total: Counter = Counter()
    if window is None:
        for c in per_sent:
            total.update(c)
    out: list[list[list[str]]] = []
    lo = hi = 0  # current window [lo, hi)
    for si, (ks, labs) in enumerate(zip(keys, labels)):
        if window is not None:
            want_lo, want_hi = max(0, si - window), min(n, si + window + 1)
            while hi < want_hi:
                total.update(per_sent[hi])
                hi += 1
            while lo < want_lo:
                total.subtract(per_sent[lo])
                lo += 1
        tok_feats: list[list[str]] = []
        for k, y in zip(ks, labs):
            own = y[2:] if y != "O" else "O"
            feats = []
            counts = {}
            occ = 0
            for t in ("PERS", "LOC", "ORG", "MISC", "O"):
                v = total.get((k, t), 0) - (1 if t == own else 0)
                if v > 0:
                    counts[t] = v
                    occ += v
            for t, v in counts.items():
                if t != "O":
                    feats.append("dt=" + t)
                    if v * 2 >= occ:
                        feats.append("dtm=" + t)
            tok_feats.append(feats)
        # neighbour copies
        full = []
        for i, f in enumerate(tok_feats):
            g = list(f)
            if i > 0:
                g.extend("-1" + x for x in tok_feats[i - 1] if x.startswith("dtm"))
            if i + 1 < len(tok_feats):
                g.extend("+1" + x for x in tok_feats[i + 1] if x.startswith("dtm"))
            full.append(g)
        out.append(full)
    return out
