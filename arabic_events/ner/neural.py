"""A BiLSTM-CRF entity tagger over frozen word2vec vectors and the CRF's features.

Trained with torch (:func:`build_model`, ``models/train_bilstm.py``); inference runs in
numpy (:class:`NumpyNet`) from the same weights, so tagging never imports torch.

Inputs per word: frozen skip-gram vectors of the folded word and of its clitic-stripped
form (SaudiNewsNet), embeddings of the two distributional cluster sets of the CRF
(PPMI-SVD and word2vec k-means, three granularities each), a character CNN over the folded
word, and the gazetteer tags / proclitic flags of :mod:`arabic_events.ner.features`. One
BiLSTM layer and a linear-chain CRF output layer (Viterbi decoding in numpy).

A model directory (``models/ner/neural``) holds ``weights.npz`` (float16/float32 arrays,
loaded with ``allow_pickle=False``), ``vocab_word.txt``, ``vocab_strip.txt``,
``vocab_train.txt``, ``chars.txt`` (one entry per line) and ``config.json``; the cluster
files are read from the CRF model directory. ``config.json`` may record each file's size and
sha256 (``"files"``); files are checked before use (:func:`load_weights`, :func:`check_config`).
"""

from __future__ import annotations

import json
import sys
import threading
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from ..errors import ModelNotFoundError
from .features import _CONJ, _PREP, fold, phrase_tags, split_proclitics, strip_article

if TYPE_CHECKING:
    from .clusters import ClusterTable

__all__ = ["LABELS", "GZ", "Encoder", "build_model", "viterbi", "NeuralTagger", "default_neural_dir"]

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
GZ = [
    "LOC", "LOC2", "PF", "PL", "PC", "PI", "ORG", "FAC", "FACH",
    "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-FAC", "I-FAC", "B-PER", "I-PER", "B-MISC", "I-MISC",
    "al", "conj", "prep", "nonar", "digit",
]
_GZI = {g: i for i, g in enumerate(GZ)}
MAX_CHARS = 20
_TYPES = ["O", "PERS", "LOC", "ORG", "MISC"]


def default_neural_dir() -> Path:
    here = Path(__file__).resolve()
    for cand in (here.parents[2] / "models" / "ner" / "neural", here.parents[1] / "models" / "ner" / "neural"):
        if (cand / "weights.npz").exists():
            return cand
    return here.parents[2] / "models" / "ner" / "neural"


def _index(words: Sequence[str]) -> dict[str, int]:
    return {w: i + 2 for i, w in enumerate(words)}  # 0 padding, 1 unknown


class Encoder:
    """Words -> integer/float arrays for the network (cached per word type)."""

    def __init__(
        self,
        vocab_word: Sequence[str],
        vocab_strip: Sequence[str],
        vocab_train: Sequence[str],
        chars: Sequence[str],
        clusters: Mapping[str, str],
        clusters2: Mapping[str, str],
        freq: Mapping[str, int],
        lexicon: Mapping[str, Sequence[str]],
        phrases: Mapping[tuple[str, ...], str],
        table: "ClusterTable | None" = None,
    ) -> None:
        """``table``: the compact form of both cluster files (:mod:`.clusters`); when given,
        ``clusters``, ``clusters2`` and ``freq`` are taken from it (same values)."""
        if table is not None:
            clusters, clusters2, freq = table.paths(0), table.paths(1), table.freq
        self._table = table
        self.w2i = _index(vocab_word)
        self.s2i = _index(vocab_strip)
        self.t2i = _index(vocab_train)
        self.c2i = _index(chars)
        self.clusters = clusters
        self.clusters2 = clusters2
        self.freq = freq
        self.lexicon = lexicon
        self.phrases = phrases
        self.max_phrase = max((len(k) for k in phrases), default=0)
        self._phrase_first: dict[str, int] = {}  # first word -> longest phrase it begins
        for k in phrases:
            if len(k) > self._phrase_first.get(k[0], 0):
                self._phrase_first[k[0]] = len(k)
        self._cache: dict[str, tuple] = {}

    def word(self, word: str) -> tuple:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        w = fold(word)
        pre, rest = split_proclitics(w, self.freq)
        stem = strip_article(rest)
        wi = self.w2i.get(w, 1)
        si = self.s2i.get(rest, 0) or self.s2i.get(w, 1)
        ti = self.t2i.get(rest, 1)
        table = self._table
        if table is not None:  # the same choice as below, on the table's rows
            ix = table.index
            rw = ix.get(w)
            rr = rs = None
            if rest != w:
                rr, rs = ix.get(rest), ix.get(stem)
            cl = []
            for k in (0, 1):
                has = table.has[k]
                r = rr if rr is not None and has[rr] else rs if rs is not None and has[rs] else None
                if r is None and rw is not None and has[rw]:
                    r = rw
                cl += table.ids[k, r].tolist() if r is not None else [0, 0, 0]
        else:
            cw = self.clusters.get(w)
            cr = (self.clusters.get(rest) or self.clusters.get(stem)) if rest != w else None
            c1 = cr or cw
            d2w = self.clusters2.get(w)
            d2r = (self.clusters2.get(rest) or self.clusters2.get(stem)) if rest != w else None
            c2 = d2r or d2w
            cl = [0] * 6
            if c1:
                for k, x in enumerate(c1.split("-")[:3]):
                    cl[k] = int(x) + 1
            if c2:
                for k, x in enumerate(c2.split("-")[:3]):
                    cl[3 + k] = int(x) + 1
        g = []
        for tag in self.lexicon.get(rest) or self.lexicon.get(stem) or ():
            if tag in _GZI:
                g.append(_GZI[tag])
        if rest.startswith("ال"):
            g.append(_GZI["al"])
        if any(c in pre for c in _CONJ):
            g.append(_GZI["conj"])
        if any(c in pre for c in _PREP):
            g.append(_GZI["prep"])
        if not any("\u0621" <= c <= "\u064a" for c in w):
            g.append(_GZI["nonar"])
        if any(c.isdigit() for c in w):
            g.append(_GZI["digit"])
        ch = [self.c2i.get(c, 1) for c in w[:MAX_CHARS]] or [1]
        out = (wi, si, ti, cl, g, ch, rest, self._phrase_first.get(rest, 0))
        if len(self._cache) >= 20_000:  # bounded: start afresh rather than grow with the corpus
            self._cache.clear()
        self._cache[sys.intern(word)] = out  # interned: one copy of the word across caches
        return out

    def phrase_tags(self, rests: Sequence[str]) -> list[str | None]:
        """:func:`~arabic_events.ner.features.phrase_tags`, trying only words that begin a
        phrase, up to the longest phrase they begin (same tags, fewer lookups)."""
        n = len(rests)
        tags: list[str | None] = [None] * n
        first = self._phrase_first
        phrases = self.phrases
        i = 0
        while i < n:
            m = first.get(rests[i])
            found = 0
            if m:
                for k in range(min(m, n - i), 1, -1):
                    lab = phrases.get(tuple(rests[i: i + k]))
                    if lab is not None:
                        found = k
                        tags[i] = "B-" + lab
                        for j in range(i + 1, i + k):
                            tags[j] = "I-" + lab
                        break
            i += found or 1
        return tags

    def sentence(self, words: Sequence[str]) -> tuple:
        infos = [self.word(w) for w in words]
        pt = self.phrase_tags([x[6] for x in infos])
        gz = []
        for x, p in zip(infos, pt):
            g = list(x[4])
            if p and p in _GZI:
                g.append(_GZI[p])
            gz.append(g)
        return ([x[0] for x in infos], [x[1] for x in infos], [x[2] for x in infos], [x[3] for x in infos], gz, [x[5] for x in infos])

    @staticmethod
    def batch(items: Sequence[tuple]) -> dict[str, np.ndarray]:
        """Pad encoded sentences into arrays (B, T[, ...]) plus a mask."""
        B = len(items)
        T = max(len(x[0]) for x in items)
        C = max(len(c) for x in items for c in x[5])
        out = {
            "w": np.zeros((B, T), np.int64),
            "s": np.zeros((B, T), np.int64),
            "t": np.zeros((B, T), np.int64),
            "cl": np.zeros((B, T, 6), np.int64),
            "g": np.zeros((B, T, len(GZ)), np.float32),
            "c": np.zeros((B, T, C), np.int64),
            "m": np.zeros((B, T), np.float32),
        }
        for b, x in enumerate(items):
            n = len(x[0])
            out["w"][b, :n] = x[0]
            out["s"][b, :n] = x[1]
            out["t"][b, :n] = x[2]
            out["cl"][b, :n] = x[3]
            for k, gg in enumerate(x[4]):
                out["g"][b, k, gg] = 1.0
            for k, cc in enumerate(x[5]):
                out["c"][b, k, : len(cc)] = cc
            out["m"][b, :n] = 1.0
        return out


def build_model(cfg: dict):
    """The torch module for a config (imports torch)."""
    import torch
    from torch import nn

    class CRF(nn.Module):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.trans = nn.Parameter(torch.zeros(n, n))
            self.start = nn.Parameter(torch.zeros(n))
            self.end = nn.Parameter(torch.zeros(n))

        def nll(self, em, tags, mask):
            B, T, N = em.shape
            score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
            for t in range(1, T):
                m = mask[:, t]
                s = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t : t + 1]).squeeze(1)
                score = score + s * m
            last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
            score = score + self.end[last]
            alpha = self.start + em[:, 0]
            for t in range(1, T):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0) + em[:, t].unsqueeze(1), dim=1)
                m = mask[:, t].unsqueeze(1)
                alpha = nxt * m + alpha * (1 - m)
            logz = torch.logsumexp(alpha + self.end, dim=1)
            return (logz - score).sum()

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            c = cfg
            self.wemb = nn.Embedding(c["n_word"] + 2, c["dim_word"], padding_idx=0) if c["dim_word"] else None
            self.semb = nn.Embedding(c["n_strip"] + 2, c["dim_strip"], padding_idx=0) if c["dim_strip"] else None
            self.temb = nn.Embedding(c["n_train"] + 2, c["dim_train"], padding_idx=0) if c["dim_train"] else None
            for e in (self.wemb, self.semb):
                if e is not None:
                    e.weight.requires_grad_(False)
            self.cemb = nn.Embedding(c["n_chars"] + 2, c["dim_char"], padding_idx=0)
            self.conv = nn.Conv1d(c["dim_char"], c["char_filters"], 3, padding=1)
            self.clemb = nn.ModuleList(nn.Embedding(k + 1, c["dim_cluster"], padding_idx=0) for k in c["cluster_ks"]) if c["dim_cluster"] else None
            ind = c["dim_word"] + c["dim_strip"] + c["dim_train"] + c["char_filters"] + len(GZ)
            ind += c["dim_cluster"] * len(c["cluster_ks"]) if c["dim_cluster"] else 0
            self.drop = nn.Dropout(c["dropout"])
            self.fwd = nn.LSTM(ind, c["hidden"], batch_first=True)
            self.bwd = nn.LSTM(ind, c["hidden"], batch_first=True)
            self.out = nn.Linear(2 * c["hidden"], len(LABELS))
            self.crf = CRF(len(LABELS))

        def inputs(self, x):
            """The per-word input parts (word tables, char CNN, cluster embeddings, flags)."""
            c = x["c"]
            B, T, C = c.shape
            ce = self.cemb(c.view(B * T, C)).transpose(1, 2)
            cm = (c.view(B * T, 1, C) > 0).to(ce.dtype)
            # padded character positions count as 0 (relu outputs are >= 0): batch-independent
            ce = (torch.relu(self.conv(ce)) * cm).max(2).values.view(B, T, -1)
            parts = []
            if self.wemb is not None:
                parts.append(self.wemb(x["w"]))
            if self.semb is not None:
                parts.append(self.semb(x["s"]))
            if self.temb is not None:
                parts.append(self.temb(x["t"]))
            parts.append(ce)
            if self.clemb is not None:
                for k, e in enumerate(self.clemb):
                    parts.append(e(x["cl"][:, :, k]))
            parts.append(x["g"])
            return parts

        def bilstm(self, h, mask):
            """Forward and backward LSTM states, concatenated (B, T, 2 * hidden)."""
            B, T = mask.shape
            # backward direction: each sentence reversed within its length, so that padding
            # (at the end for both directions) never reaches a real word
            lengths = mask.sum(1).long().clamp(min=1)
            pos = torch.arange(T).unsqueeze(0)
            rev = torch.where(pos < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - pos, pos)
            rev = rev.unsqueeze(2).expand(B, T, h.shape[2])
            hf, _ = self.fwd(h)
            hb, _ = self.bwd(h.gather(1, rev))
            hb = hb.gather(1, rev[:, :, : hb.shape[2]])
            return torch.cat([hf, hb], dim=2)

        def emissions(self, x):
            h = self.drop(torch.cat(self.inputs(x), dim=2))
            return self.out(self.drop(self.bilstm(h, x["m"])))

    return Net()


def viterbi(em: np.ndarray, lengths: Sequence[int], trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[list[int]]:
    """Best label paths for emissions ``em`` (B, T, N) (numpy, batched over sentences)."""
    B, T, N = em.shape
    score = start[None, :] + em[:, 0]
    back = np.zeros((T, B, N), np.int64)
    lengths = np.asarray(lengths)
    for t in range(1, T):
        cand = score[:, :, None] + trans[None, :, :]
        idx = cand.argmax(1)
        nxt = cand.max(1) + em[:, t]
        live = (lengths > t)[:, None]
        score = np.where(live, nxt, score)
        back[t] = idx
    score = score + end[None, :]
    out = []
    for b in range(B):
        n = int(lengths[b])
        y = int(score[b].argmax())
        path = [y]
        for t in range(n - 1, 0, -1):
            y = int(back[t, b, y])
            path.append(y)
        out.append(path[::-1])
    return out


def decode(ems: Sequence[np.ndarray], trans: np.ndarray, start: np.ndarray, end: np.ndarray, marginals: bool = False,
           max_positions: int = 32768) -> tuple[list[list[int]], list[list[float]] | None]:
    """Viterbi paths (label ids) of the CRF over each emission array ``ems[i]`` (n_i, N), and
    with ``marginals`` the marginal probability of each path label ([] for empty arrays).

    The same paths as :func:`viterbi` and the same marginals as :func:`marginals_batch` (to
    float rounding), faster: sentences run longest first, time-major, and a step only
    computes the sentences still running (no work on padding, so batches can be large:
    up to ``max_positions`` padded positions); the best paths are traced back for a whole
    batch at once."""
    paths: list[list[int]] = [[] for _ in ems]
    probs: list[list[float]] | None = [[] for _ in ems] if marginals else None
    lens_all = np.fromiter((len(e) for e in ems), np.int64, len(ems))
    order = [i for i in np.argsort(-lens_all, kind="stable").tolist() if lens_all[i]]
    k = 0
    while k < len(order):
        T = int(lens_all[order[k]])
        B = max(1, min(len(order) - k, max_positions // T))
        idx = order[k: k + B]
        k += B
        L = lens_all[idx]
        N = ems[idx[0]].shape[1]
        E = np.zeros((T, B, N))
        col = np.repeat(np.arange(B), L)
        row = np.arange(int(L.sum())) - np.repeat(np.cumsum(L) - L, L)
        E[row, col] = np.concatenate([ems[i] for i in idx])
        active = np.searchsorted(-L, -np.arange(T + 1), side="left")  # sentences longer than t
        # Viterbi (same operations as viterbi(), on the running rows only)
        score = start[None, :] + E[0]
        back = np.empty((T, B, N), np.int8 if N < 128 else np.int64)
        for t in range(1, T):
            n = int(active[t])
            cand = score[:n, :, None] + trans[None, :, :]
            best = cand.argmax(1)
            back[t, :n] = best
            score[:n] = cand.max(1) + E[t, :n]  # (the values at ``best``: the same floats)
        score += end[None, :]
        y = score.argmax(1)
        path = np.zeros((T, B), np.int64)
        cur = np.empty(B, np.int64)
        for t in range(T - 1, -1, -1):
            n, nn = int(active[t]), int(active[t + 1])
            if nn:
                cur[:nn] = back[t + 1, np.arange(nn), cur[:nn]]
            cur[nn:n] = y[nn:n]  # sentences whose last word is at t
            path[t, :n] = cur[:n]
        pt = path.T
        if marginals:
            et = np.exp(trans - trans.max())
            ett = np.ascontiguousarray(et.T)
            pe = np.exp(E - E.max(2, keepdims=True))
            alpha = np.ones_like(E)
            beta = np.ones_like(E)
            a = np.exp(start - start.max())[None, :] * pe[0]
            alpha[0] = a / a.sum(1, keepdims=True)
            for t in range(1, T):
                n = int(active[t])
                a = (alpha[t - 1, :n] @ et) * pe[t, :n]
                alpha[t, :n] = a / a.sum(1, keepdims=True)
            last = np.exp(end - end.max())
            last = last / last.sum()
            for t in range(T - 1, -1, -1):
                n, nn = int(active[t]), int(active[t + 1])
                if nn:
                    b = (pe[t + 1, :nn] * beta[t + 1, :nn]) @ ett
                    b /= b.sum(1, keepdims=True)
                    beta[t, :nn] = b
                beta[t, nn:n] = last
            del pe
            m = alpha
            m *= beta
            del beta
            mp = (np.take_along_axis(m, path[:, :, None], 2)[:, :, 0] / m.sum(2)).T
            for j, i in enumerate(idx):
                probs[i] = mp[j, : L[j]].tolist()
        for j, i in enumerate(idx):
            paths[i] = pt[j, : L[j]].tolist()
    return paths, probs


def _lse(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def marginals_batch(em: np.ndarray, lengths: Sequence[int], trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Token marginals (B, T, N) of a batch of CRF sentences (rows beyond a sentence's
    length are meaningless).

    Forward-backward in probability space, each step rescaled to sum 1 (a (B, N) x (N, N)
    product per step instead of a log-sum-exp over (B, N, N)); the scaling cancels out in
    the marginals, which equal the log-space ones to about 1e-15."""
    B, T, N = em.shape
    lengths = np.asarray(lengths)
    et = np.exp(trans - trans.max())
    pe = np.exp(em - em.max(2, keepdims=True))
    alpha = np.empty_like(em)
    beta = np.empty_like(em)
    a = np.exp(start - start.max())[None, :] * pe[:, 0]
    alpha[:, 0] = a / a.sum(1, keepdims=True)
    for t in range(1, T):
        a = (alpha[:, t - 1] @ et) * pe[:, t]
        alpha[:, t] = a / a.sum(1, keepdims=True)
    last = np.exp(end - end.max())
    last = last / last.sum()
    beta[:, T - 1] = last
    ett = np.ascontiguousarray(et.T)
    for t in range(T - 2, -1, -1):
        b = (pe[:, t + 1] * beta[:, t + 1]) @ ett
        b /= b.sum(1, keepdims=True)
        beta[:, t] = np.where((t < lengths - 1)[:, None], b, last[None, :])
    m = alpha * beta
    return m / m.sum(2, keepdims=True)


def forward_backward(em: np.ndarray, n: int, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Token marginals (n, N) of one sentence's CRF."""
    return marginals_batch(em[None, :n], [n], trans, start, end)[0]


# ------------------------------------------------------------------ numpy inference
#: largest dimensions a model config may declare (checked before any allocation)
_MAX_DIMS = {"n_word": 5_000_000, "n_strip": 5_000_000, "n_train": 5_000_000, "n_chars": 100_000,
             "dim_word": 1024, "dim_strip": 1024, "dim_train": 1024, "dim_char": 512, "char_filters": 2048,
             "dim_cluster": 512, "hidden": 4096}


def check_config(cfg: object, where: str) -> dict:
    """Validate a ``config.json`` (types and bounds) before anything is allocated from it."""
    from ..errors import ModelError

    if not isinstance(cfg, dict):
        raise ModelError(f"{where}: the model config must be a JSON object, not {type(cfg).__name__}")
    problems = []
    for key, hi in _MAX_DIMS.items():
        v = cfg.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= hi:
            problems.append(f"{key}={v!r} (an integer in 0..{hi:,})")
    ks = cfg.get("cluster_ks")
    if not isinstance(ks, list) or len(ks) > 16 or not all(isinstance(k, int) and not isinstance(k, bool) and 0 < k <= 1_000_000 for k in ks):
        problems.append(f"cluster_ks={ks!r} (a list of at most 16 positive integers)")
    if not problems and (cfg["hidden"] < 1 or cfg["char_filters"] < 1 or cfg["dim_char"] < 1):
        problems.append("hidden, char_filters and dim_char must be positive")
    if problems:
        raise ModelError(f"{where}: invalid model config: " + "; ".join(problems))
    return cfg


def expected_shapes(cfg: dict) -> dict[str, tuple[int, ...]]:
    """Parameter name -> shape of the network of ``cfg`` (as ``build_model`` makes it)."""
    H, n_lab = cfg["hidden"], len(LABELS)
    ind = cfg["dim_word"] + cfg["dim_strip"] + cfg["dim_train"] + cfg["char_filters"] + len(GZ)
    ind += cfg["dim_cluster"] * len(cfg["cluster_ks"]) if cfg["dim_cluster"] else 0
    out: dict[str, tuple[int, ...]] = {}
    for name, n, dim in (("wemb", "n_word", "dim_word"), ("semb", "n_strip", "dim_strip"), ("temb", "n_train", "dim_train")):
        if cfg[dim]:
            out[f"{name}.weight"] = (cfg[n] + 2, cfg[dim])
    out["cemb.weight"] = (cfg["n_chars"] + 2, cfg["dim_char"])
    out["conv.weight"] = (cfg["char_filters"], cfg["dim_char"], 3)
    out["conv.bias"] = (cfg["char_filters"],)
    if cfg["dim_cluster"]:
        for k, n in enumerate(cfg["cluster_ks"]):
            out[f"clemb.{k}.weight"] = (n + 1, cfg["dim_cluster"])
    for d in ("fwd", "bwd"):
        out[f"{d}.weight_ih_l0"] = (4 * H, ind)
        out[f"{d}.weight_hh_l0"] = (4 * H, H)
        out[f"{d}.bias_ih_l0"] = (4 * H,)
        out[f"{d}.bias_hh_l0"] = (4 * H,)
    out["out.weight"] = (n_lab, 2 * H)
    out["out.bias"] = (n_lab,)
    out["crf.trans"] = (n_lab, n_lab)
    out["crf.start"] = (n_lab,)
    out["crf.end"] = (n_lab,)
    return out


def load_weights(path: Path, cfg: dict) -> dict[str, np.ndarray]:
    """Read ``weights.npz`` after checking every array's header (dtype, shape) against the
    config: a file that does not match raises :class:`ModelError` naming it, before any
    array is read (no pickle: ``allow_pickle=False``)."""
    import zipfile

    from ..errors import ModelError

    expect = expected_shapes(cfg)
    try:
        with zipfile.ZipFile(path) as zf:
            found: dict[str, tuple[tuple[int, ...], np.dtype]] = {}
            for info in zf.infolist():
                name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
                with zf.open(info) as fh:
                    version = np.lib.format.read_magic(fh)
                    if version == (1, 0):
                        shape, _, dtype = np.lib.format.read_array_header_1_0(fh)
                    else:
                        shape, _, dtype = np.lib.format.read_array_header_2_0(fh)
                found[name] = (tuple(shape), dtype)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ModelError(f"{str(path)!r} is not a readable weights file ({type(exc).__name__}: {exc}); "
                         "rebuild it with `python models/train_bilstm.py --ship`") from exc
    problems = []
    for name, shape in expect.items():
        if name not in found:
            problems.append(f"{name} is missing")
        elif found[name][0] != shape:
            problems.append(f"{name} has shape {found[name][0]}, the config says {shape}")
        elif found[name][1] not in (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)):
            problems.append(f"{name} has dtype {found[name][1]}, not a float type")
    if problems:
        raise ModelError(f"{str(path)!r} does not match its config.json: " + "; ".join(problems[:8]))
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in expect}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{str(path)!r} could not be read ({type(exc).__name__}: {exc})") from exc


def _mm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b``, with few rows padded with zero rows: BLAS sums in another order on its
    matrix-vector path (one row) and its small-matrix path (a few rows of a small matrix,
    here the character CNN), so padding keeps a word's scores closer to independent of
    the other sentences in its batch (to float32 rounding; not bit-exact everywhere)."""
    m, k = a.shape[-2], a.shape[-1]
    n = b.shape[-1]
    need = 2 if k * n >= 65536 else max(2, (1 << 21) // (k * n) + 1)
    if m < need:
        pad = np.zeros(a.shape[:-2] + (need, k), a.dtype)
        pad[..., :m, :] = a
        return np.matmul(pad, b)[..., :m, :]
    return np.matmul(a, b)


def _ifog(a: np.ndarray, H: int) -> np.ndarray:
    """Columns (last axis, 4H, torch's gate order i, f, g, o) reordered to i, f, o, g with the
    three sigmoid gates halved: ``sigmoid(z) = 0.5 + 0.5 * tanh(z / 2)``, so that one
    ``tanh`` over all four gates serves the step (halving is exact in floating point)."""
    i, f, g, o = (a[..., k * H: (k + 1) * H] for k in range(4))
    return np.concatenate([i * 0.5, f * 0.5, o * 0.5, g], -1)


class NumpyNet:
    """Inference of :func:`build_model`'s network in numpy (float32), from the same weights.

    Everything a word contributes to the LSTM gates apart from multi-word gazetteer flags
    (its word vector, character CNN, cluster embeddings and single-word flags, projected
    into the gates of both directions, plus the biases) is computed once per distinct word
    of a batch (:meth:`type_gates`); the two LSTM directions run together, one step per
    position, like a packed sequence. Scores match torch's to about 1e-5 (float32 rounding;
    see ``tests/test_ner_neural.py``).
    """

    def __init__(self, cfg: dict, w: Mapping[str, np.ndarray]) -> None:
        f32 = np.float32
        self.cfg = cfg
        self.H = H = cfg["hidden"]
        self.tables = []  # (key, table) of the word tables, kept in their stored dtype (float16)
        for key, name in (("w", "wemb"), ("s", "semb"), ("t", "temb")):
            if f"{name}.weight" in w:
                self.tables.append((key, w[f"{name}.weight"]))
        cemb = w["cemb.weight"].astype(f32)
        F, D, K = w["conv.weight"].shape
        conv = w["conv.weight"].astype(f32)
        # the convolution folded into the character table: tap k of character c is
        # cemb[c] @ conv[:, :, k].T; the last row (all zeros) stands for the padding
        # around a word
        self.char_taps = np.zeros((K, cemb.shape[0] + 1, F), f32)
        for k in range(K):
            self.char_taps[k, :-1] = cemb @ conv[:, :, k].T
        self.char_pad = cemb.shape[0]
        self.conv_b = w["conv.bias"].astype(f32)
        self.clemb = [w[f"clemb.{k}.weight"].astype(f32) for k in range(len(cfg["cluster_ks"]))] if cfg["dim_cluster"] else []
        self.n_static = sum(t.shape[1] for _, t in self.tables) + F + sum(t.shape[1] for t in self.clemb)
        wih = np.concatenate([_ifog(w["fwd.weight_ih_l0"].astype(f32).T, H),
                              _ifog(w["bwd.weight_ih_l0"].astype(f32).T, H)], 1)  # (in, 8H)
        self.w_in = np.ascontiguousarray(wih)  # static inputs then the len(GZ) flags
        self.w_dir = [np.ascontiguousarray(wih[:, : 4 * H]), np.ascontiguousarray(wih[:, 4 * H:])]  # per direction
        self.w_flags = np.ascontiguousarray(wih[self.n_static:])  # (len(GZ), 8H)
        self.bias = np.concatenate([_ifog((w["fwd.bias_ih_l0"] + w["fwd.bias_hh_l0"]).astype(f32), H),
                                    _ifog((w["bwd.bias_ih_l0"] + w["bwd.bias_hh_l0"]).astype(f32), H)])
        self.whh = np.ascontiguousarray(np.stack([_ifog(w["fwd.weight_hh_l0"].astype(f32).T, H),
                                                  _ifog(w["bwd.weight_hh_l0"].astype(f32).T, H)]))  # (2, H, 4H)
        self.out_w = np.ascontiguousarray(w["out.weight"].astype(f32).T)  # (2H, labels)
        self.out_b = w["out.bias"].astype(f32)

    def char_cnn(self, words: Sequence[Sequence[int]]) -> np.ndarray:
        """Character ids of U words (non-empty lists) -> (U, filters): the convolution at each
        real character (its neighbours, or zeros past the word's ends), ReLU, max over the
        word. Words of the same length run together, so no position is computed for
        padding."""
        U = len(words)
        taps, pad = self.char_taps, self.char_pad
        out = np.empty((U, taps.shape[2]), np.float32)
        if not U:
            return out
        lens = np.fromiter(map(len, words), np.int64, U)
        flat = np.fromiter(chain.from_iterable(words), np.int64, int(lens.sum()))
        first = np.cumsum(lens) - lens
        order = np.argsort(lens, kind="stable")
        cuts = np.flatnonzero(np.diff(lens[order])) + 1
        for us in np.split(order, cuts):  # words of one length together
            n = int(lens[us[0]])
            seq = np.full((len(us), n + 2), pad, np.int64)
            seq[:, 1:-1] = flat[first[us][:, None] + np.arange(n)]
            h = taps[0][seq[:, :-2]]
            h += taps[1][seq[:, 1:-1]]
            h += taps[2][seq[:, 2:]]
            out[us] = h.max(1)
        out += self.conv_b
        return np.maximum(out, 0.0, out=out)  # max then ReLU = max of ReLU

    def type_gates(self, ids: Mapping[str, np.ndarray], chars: Sequence[Sequence[int]], clusters: np.ndarray,
                   flags: Sequence[Sequence[int]], out: np.ndarray | None = None) -> np.ndarray:
        """(2, U, 4H) gate pre-activations (forward and backward direction, biases included)
        of U distinct words: their static inputs and single-word flags (``flags``: column
        lists); written into ``out`` (a (2, U, 4H) float32 array with C-contiguous halves)
        when given."""
        U = len(chars)
        parts = [table[ids[key]].astype(np.float32) for key, table in self.tables]
        parts.append(self.char_cnn(chars))
        for k, t in enumerate(self.clemb):
            parts.append(t[clusters[:, k]])
        fl = np.zeros((U, self.w_flags.shape[0]), np.float32)
        rows = [u for u, g in enumerate(flags) for _ in g]
        if rows:
            fl[rows, [c for g in flags for c in g]] = 1.0
        parts.append(fl)
        inp = np.concatenate(parts, 1)
        H4 = 4 * self.H
        if out is None:
            out = np.empty((2, U, H4), np.float32)
        for d in (0, 1):
            if U > 1:
                np.matmul(inp, self.w_dir[d], out=out[d])
            else:
                out[d] = _mm(inp, self.w_dir[d])
            out[d] += self.bias[d * H4: (d + 1) * H4]
        return out

    def emissions(self, table: np.ndarray, rows: np.ndarray, lengths: np.ndarray,
                  extra_at: np.ndarray | None = None, extra: np.ndarray | None = None) -> np.ndarray:
        """Emission scores (n_tokens, labels) of a batch of sentences given, token after
        token (sentence after sentence), the row of ``table`` ((2, U, 4H), forward and
        backward gates, :meth:`type_gates`) of each token, plus ``extra`` (m, 8H) added at
        tokens ``extra_at`` (multi-word flags).

        Like a packed sequence: sentences run longest first, time-major, and a step only
        computes the sentences still running, so padding costs nothing; each sentence's
        backward direction reads it from its last word. Per step: one matrix product per
        direction and one ``tanh`` over all gates (the sigmoid gates were halved, see
        :func:`_ifog`)."""
        H = self.H
        H2, H3, H4 = 2 * H, 3 * H, 4 * H
        B = len(lengths)
        T = int(lengths.max())
        n_tok = len(rows)
        order = np.argsort(-lengths, kind="stable")
        row_of = np.empty(B, np.int64)
        row_of[order] = np.arange(B)
        sent = np.repeat(np.arange(B), lengths)
        t_f = np.arange(n_tok) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        t_b = lengths[sent] - 1 - t_f
        row = row_of[sent]
        # the table row of each (step, running sentence), per direction: gathered at each
        # step rather than copied into a (T, 2, B, 4H) array first (less memory)
        idx_f = np.zeros((T, B), np.int64)
        idx_b = np.zeros((T, B), np.int64)
        idx_f[t_f, row] = rows
        idx_b[t_b, row] = rows
        extras: dict[int, list] = {}
        if extra_at is not None and len(extra_at):
            for q, vec in zip(extra_at.tolist(), extra):
                extras.setdefault(int(t_f[q]), []).append((0, int(row[q]), vec[:H4]))
                extras.setdefault(int(t_b[q]), []).append((1, int(row[q]), vec[H4:]))
        tab_f, tab_b = table[0], table[1]
        xbuf = np.empty((B, H4), np.float32)
        active = np.searchsorted(-lengths[order], -np.arange(T), side="left")  # rows with length > t
        c = np.zeros((2, B, H), np.float32)
        hs = np.empty((T, 2, B, H), np.float32)
        zbuf = np.empty((2, B, H4), np.float32)
        tbuf = np.empty((2, B, H), np.float32)
        whh = self.whh
        for t in range(T):
            n = int(active[t])
            z = zbuf[:, :n]
            xb = xbuf[:n]
            if t:
                if n > 1:
                    np.matmul(hs[t - 1, :, :n], whh, out=z)
                else:  # one row: keep BLAS off its matrix-vector path (see _mm)
                    z[...] = _mm(hs[t - 1, :, :n], whh)
                z[0] += np.take(tab_f, idx_f[t, :n], axis=0, out=xb, mode="clip")
                z[1] += np.take(tab_b, idx_b[t, :n], axis=0, out=xb, mode="clip")
            else:
                np.take(tab_f, idx_f[0, :n], axis=0, out=z[0], mode="clip")
                np.take(tab_b, idx_b[0, :n], axis=0, out=z[1], mode="clip")
            if t in extras:
                for d, r, vec in extras[t]:
                    z[d, r] += vec
            np.tanh(z, out=z)
            s = z[:, :, :H3]  # i, f, o: 0.5 + 0.5 * tanh(z / 2)
            s *= 0.5
            s += 0.5
            cc = c[:, :n]
            cc *= z[:, :, H:H2]
            tb = tbuf[:, :n]
            np.multiply(z[:, :, :H], z[:, :, H3:], out=tb)
            cc += tb
            np.tanh(cc, out=tb)
            np.multiply(z[:, :, H2:H3], tb, out=hs[t, :, :n])
        out = np.concatenate([hs[t_f, 0, row], hs[t_b, 1, row]], 1)  # (n_tok, 2H)
        return _mm(out, self.out_w) + self.out_b


class _TypeRows:
    """The distinct words seen by one :meth:`NeuralTagger.emissions` call and their rows of
    gate pre-activations (:meth:`NumpyNet.type_gates`), so that a word met again in a later
    length batch of the call is not computed again; at most ``cap`` rows (the table starts
    afresh when a batch would overflow it). Local to a call, so nothing is shared between
    threads."""

    def __init__(self, enc: Encoder, net: "NumpyNet", cap: int = 8192, expect: int | None = None) -> None:
        """``expect``: the number of distinct words the call will bring (the first table
        is made that size, up to ``cap``, rather than ``cap``: a smaller block that the
        allocator reuses from call to call instead of mapping fresh pages each time)."""
        self.enc, self.net, self.cap = enc, net, cap
        self._first_size = cap if expect is None else max(1, min(cap, expect))
        self._reset()

    def _reset(self) -> None:
        self.index: dict[str, int] = {}
        self.rest: list[str] = []  # clitic-stripped form of each row (phrase matching)
        self.flags: list[list[int]] = []  # single-word flag columns of each row
        self.first = np.zeros(0, np.int64)  # longest phrase each row's rest begins (0: none)
        self.table = np.zeros((2, 0, 4 * self.net.H), np.float32)  # (direction, row, 4H); allocated at the first words

    def rows(self, words: list[str]) -> np.ndarray:
        """Row of each word (new words computed and added)."""
        get = self.index.get
        out = [get(w) for w in words]
        if None in out:
            n = len(self.rest)
            new: dict[str, int] = {}
            for k, r in enumerate(out):
                if r is None:
                    w = words[k]
                    r = new.get(w)
                    if r is None:
                        r = new[w] = n + len(new)
                    out[k] = r
            if n and n + len(new) > self.cap:
                self._reset()
                return self.rows(words)
            self._add(list(new))
        return np.array(out, np.int64)

    def _add(self, words: list[str]) -> None:
        enc = self.enc
        wi, si, ti, cl, flags, chars, rest, first = zip(*[enc.word(w) for w in words])
        U = len(words)
        ids = {"w": np.array(wi, np.int64), "s": np.array(si, np.int64), "t": np.array(ti, np.int64)}
        n = len(self.rest)
        if n + U > self.table.shape[1]:  # (untouched rows of np.empty cost no memory)
            size = max(self._first_size if not n else self.cap, n + U)
            table, self.table = self.table, np.empty((2, size, 4 * self.net.H), np.float32)
            self.table[:, :n] = table[:, :n]
            self.first = np.concatenate([self.first[:n], np.zeros(size - n, np.int64)])
        self.net.type_gates(ids, chars, np.array(cl, np.int64).reshape(U, 6), flags, out=self.table[:, n: n + U])
        self.first[n: n + U] = first
        self.index.update(zip(words, range(n, n + U)))
        self.rest.extend(rest)
        self.flags.extend(flags)

    def phrase_flags(self, rows: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Multi-word gazetteer flags (:meth:`Encoder.phrase_tags`: longest phrase first, left
        to right, within each sentence) of a batch's tokens that their word's own flags lack:
        (token positions, (m, 8H) gate rows to add)."""
        cand = np.flatnonzero(self.first[rows] > 1)
        if not len(cand):
            return None, None
        ends = np.cumsum(lengths)
        cand_end = ends[np.searchsorted(ends, cand, side="right")]
        phrases = self.enc.phrases
        rest, flags = self.rest, self.flags
        rl = rows.tolist()
        at: list[int] = []
        cols: list[int] = []
        covered = 0
        for q, m, e in zip(cand.tolist(), self.first[rows[cand]].tolist(), cand_end.tolist()):
            if q < covered:
                continue
            for k in range(min(m, e - q), 1, -1):
                lab = phrases.get(tuple(rest[r] for r in rl[q: q + k]))
                if lab is not None:
                    for j in range(q, q + k):
                        col = _GZI.get(("B-" if j == q else "I-") + lab)
                        if col is not None and col not in flags[rl[j]]:
                            at.append(j)
                            cols.append(col)
                    covered = q + k
                    break
        if not at:
            return None, None
        return np.array(at, np.int64), self.net.w_flags[cols]



class NeuralTagger:
    """Tag word sequences with the shipped BiLSTM-CRF (BIO labels, ANERcorp types).

    Inference runs in numpy (:class:`NumpyNet`, float32) from ``weights.npz``; torch is
    not imported. ``runtime="torch"`` runs the same weights through :func:`build_model`
    (for checking the two against each other)."""

    def __init__(self, model_dir: str | Path | None = None, crf_dir: str | Path | None = None, doc_boost: float = 0.0,
                 runtime: str = "numpy", batch_words: int = 4096) -> None:
        """``doc_boost`` > 0 adds, to each word's emission scores, ``doc_boost`` times the mean
        type marginals (O/PERS/LOC/ORG/MISC) of the other occurrences of the same
        clitic-stripped form in the document (or within ``window`` sentences), then decodes
        again (off by default: +0.2/+0.2/+0.7 F1 on three dev tenths at 1.0).
        ``batch_words``: sentences of similar length are run together up to about this many
        words (padding included) per batch."""
        from ..errors import ConfigError, ModelError

        if runtime not in ("numpy", "torch"):
            raise ConfigError(f"runtime must be 'numpy' or 'torch', not {runtime!r}")
        self.runtime = runtime
        self.batch_words = max(64, int(batch_words))
        self.doc_boost = doc_boost
        d = Path(model_dir) if model_dir is not None else default_neural_dir()
        if not (d / "weights.npz").exists():
            raise ModelNotFoundError(
                f"neural NER model {str(d / 'weights.npz')!r} is missing; rebuild it with "
                "`python models/train_bilstm.py --ship`"
            )
        self.dir = d
        if crf_dir is None:  # the cluster files: beside the model (models/ner), else the shipped CRF's
            from .crf import default_model_dir

            crf_dir = d.parent if (d.parent / "clusters.tsv").exists() else default_model_dir()
        self.crf_dir = Path(crf_dir)
        for name in ("clusters.tsv", "clusters_w2v.tsv"):
            if not (self.crf_dir / name).exists():
                raise ModelNotFoundError(f"{str(self.crf_dir / name)!r} (word clusters of the CRF model) is missing")
        cfg_path = d / "config.json"
        try:
            cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ModelNotFoundError(f"{str(cfg_path)!r} is missing") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{str(cfg_path)!r} is not valid JSON ({exc})") from exc
        self.config = check_config(cfg, str(cfg_path))
        from .backends import verify_files

        verify_files(d, self.config.get("files"))
        self.version = self.config.get("version", "nn1")
        self._lock = threading.Lock()
        self._net = None
        self._encoder = None

    def __getstate__(self):  # the loaded network is rebuilt from the files on the other side
        state = dict(self.__dict__)
        state["_lock"] = None
        state["_net"] = None
        state["_encoder"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._net is not None:
                return
            from .crf import load_clusters, load_lexicon

            d = self.dir

            def lines(name):
                return (d / name).read_text(encoding="utf-8").split("\n")[:-1]

            from .clusters import load_table

            table = load_table(self.crf_dir)  # the compact form, when built from these files
            if table is None:
                clusters, freq = load_clusters(self.crf_dir / "clusters.tsv")
                clusters2, _ = load_clusters(self.crf_dir / "clusters_w2v.tsv")
            else:
                clusters = clusters2 = freq = None
            words, phrases = load_lexicon(self.config.get("propnouns", True))
            encoder = Encoder(lines("vocab_word.txt"), lines("vocab_strip.txt"), lines("vocab_train.txt"),
                              lines("chars.txt"), clusters, clusters2, freq, words, phrases, table=table)
            self._check_vocab(encoder)
            state = load_weights(d / "weights.npz", self.config)
            self._trans = state["crf.trans"].astype(np.float64)
            self._start = state["crf.start"].astype(np.float64)
            self._end = state["crf.end"].astype(np.float64)
            if self.runtime == "torch":
                import torch

                net = build_model(self.config)
                net.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in state.items()})
                net.eval()
                self._torch = torch
            else:
                net = NumpyNet(self.config, state)
            self._encoder = encoder
            self._net = net

    def _check_vocab(self, enc: "Encoder") -> None:
        from ..errors import ModelError

        cfg = self.config
        for name, table, n in (("vocab_word.txt", enc.w2i, "n_word"), ("vocab_strip.txt", enc.s2i, "n_strip"),
                               ("vocab_train.txt", enc.t2i, "n_train"), ("chars.txt", enc.c2i, "n_chars")):
            if len(table) > cfg[n]:
                raise ModelError(f"{str(self.dir / name)!r} has {len(table):,} entries but config.json says {n}={cfg[n]:,}")

    def emissions(self, sentences: Sequence[Sequence[str]], batch: int = 64) -> list[np.ndarray]:
        """Emission scores (n, labels) for each non-empty sentence ([] rows for empty ones)."""
        if self._net is None:
            self._load()
        if self.runtime == "torch":
            return self._torch_emissions(sentences, batch)
        out: list[np.ndarray] = [np.zeros((0, len(LABELS))) for _ in sentences]
        # this call's word types (local: thread-safe), their table sized for them at once
        types = _TypeRows(self._encoder, self._net, expect=len({w for s in sentences for w in s}))
        for idx in self._length_batches([len(s) for s in sentences]):
            em = self._numpy_batch([sentences[i] for i in idx], types)
            k = 0
            for i in idx:
                n = len(sentences[i])
                out[i] = em[k: k + n]
                k += n
        return out

    def _length_batches(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indices of non-empty sentences, sorted by length and cut into batches of at most
        ``batch_words`` padded positions (and 512 sentences)."""
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        batches: list[list[int]] = []
        cur: list[int] = []
        for i in order:
            if cur and ((len(cur) + 1) * lengths[i] > self.batch_words or len(cur) >= 512):
                batches.append(cur)
                cur = []
            cur.append(i)
        if cur:
            batches.append(cur)
        return batches

    def _numpy_batch(self, sents: Sequence[Sequence[str]], types: "_TypeRows | None" = None) -> np.ndarray:
        """(n_tokens, labels) float64 emissions of a batch of non-empty sentences, sentence
        after sentence."""
        if types is None:
            types = _TypeRows(self._encoder, self._net)
        rows = types.rows([w for s in sents for w in s])
        lengths = np.fromiter((len(s) for s in sents), np.int64, len(sents))
        extra_at, extra = types.phrase_flags(rows, lengths)
        return self._net.emissions(types.table, rows, lengths, extra_at, extra).astype(np.float64)

    def _torch_emissions(self, sentences: Sequence[Sequence[str]], batch: int = 64) -> list[np.ndarray]:
        torch = self._torch
        enc = [self._encoder.sentence(s) if len(s) else None for s in sentences]
        out: list[np.ndarray] = [np.zeros((0, len(LABELS))) for _ in sentences]
        order = sorted((i for i, e in enumerate(enc) if e is not None), key=lambda i: len(enc[i][0]))
        with torch.inference_mode():
            for k in range(0, len(order), batch):
                idx = order[k : k + batch]
                arr = Encoder.batch([enc[i] for i in idx])
                x = {key: torch.from_numpy(v) for key, v in arr.items()}
                em = self._net.emissions(x).numpy().astype(np.float64)
                for j, i in enumerate(idx):
                    out[i] = em[j, : len(enc[i][0])]
        return out

    @property
    def features(self) -> Encoder:
        """The word encoder (``.freq``: SaudiNewsNet word counts, as ``CRFTagger.features``)."""
        if self._net is None:
            self._load()
        return self._encoder

    def _batches(self, ems: list[np.ndarray], size: int = 256):
        """Padded (B, T, N) emission arrays of similar-length sentences, with their indices."""
        order = sorted((i for i, e in enumerate(ems) if len(e)), key=lambda i: len(ems[i]))
        for k in range(0, len(order), size):
            idx = order[k : k + size]
            T = max(len(ems[i]) for i in idx)
            em = np.zeros((len(idx), T, len(LABELS)))
            for j, i in enumerate(idx):
                em[j, : len(ems[i])] = ems[i]
            yield idx, em, [len(ems[i]) for i in idx]

    def tag_sentences(
        self, sentences: Sequence[Sequence[str]], window: int | None = None, marginals: bool = False
    ) -> tuple[list[list[str]], list[list[float]] | None]:
        """BIO labels per sentence (Viterbi) and, with ``marginals``, the marginal probability
        of each word's label (same interface as ``CRFTagger.tag_sentences``; ``window`` is
        accepted for that compatibility and unused: the network has no document features)."""
        sentences = [list(s) for s in sentences]
        ems = self.emissions(sentences)
        if self.doc_boost:
            ems = self._propagate(sentences, ems, window)
        paths, probs = decode(ems, self._trans, self._start, self._end, marginals)
        return [[LABELS[y] for y in p] for p in paths], probs

    def tag_documents(
        self, documents: Sequence[Sequence[Sequence[str]]], window: int | None = None, marginals: bool = False
    ) -> list[tuple[list[list[str]], list[list[float]] | None]]:
        """``tag_sentences`` for several documents at once: without document propagation
        (``doc_boost=0``, the default) the sentences of all documents run in shared batches
        (same labels as one document at a time, faster)."""
        if self.doc_boost:
            return [self.tag_sentences(d, window, marginals) for d in documents]
        flat = [list(s) for d in documents for s in d]
        labels, probs = self.tag_sentences(flat, window, marginals)
        out = []
        k = 0
        for d in documents:
            n = len(d)
            out.append((labels[k: k + n], probs[k: k + n] if probs is not None else None))
            k += n
        return out

    def _propagate(self, sentences: list[list[str]], ems: list[np.ndarray], window: int | None) -> list[np.ndarray]:
        """Emissions plus ``doc_boost`` x the mean type marginals of the other occurrences of
        each word's stripped form (words of 3+ letters) in the document / window."""
        col = np.array([_TYPES.index(lab[2:] if lab != "O" else "O") for lab in LABELS])
        tp = [np.zeros((len(e), len(_TYPES))) for e in ems]
        for idx, em, lens in self._batches(ems):
            m = marginals_batch(em, lens, self._trans, self._start, self._end)
            for j, i in enumerate(idx):
                np.add.at(tp[i].T, col, m[j, : lens[j]].T)
        keys = [[self._encoder.word(w)[6] for w in s] for s in sentences]
        n = len(sentences)
        per_sent = []
        for ks, p in zip(keys, tp):
            acc: dict[str, list] = {}
            for t, k in enumerate(ks):
                a = acc.setdefault(k, [np.zeros(len(_TYPES)), 0])
                a[0] = a[0] + p[t]
                a[1] += 1
            per_sent.append(acc)
        total: dict[str, list] = {}

        def add(acc, sign):
            for k, (v, c) in acc.items():
                a = total.setdefault(k, [np.zeros(len(_TYPES)), 0])
                a[0] = a[0] + sign * v
                a[1] += sign * c

        lo = hi = 0
        if window is None:
            for acc in per_sent:
                add(acc, 1)
            hi = n
        out = []
        for si in range(n):
            if window is not None:
                while hi < min(n, si + window + 1):
                    add(per_sent[hi], 1)
                    hi += 1
                while lo < max(0, si - window):
                    add(per_sent[lo], -1)
                    lo += 1
            e = ems[si].copy()
            for t, k in enumerate(keys[si]):
                v, c = total[k]
                if len(k) >= 3 and c > 1:
                    e[t] += self.doc_boost * ((v - tp[si][t]) / (c - 1))[col]
            out.append(e)
        return out

    def marginals(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Label marginals, an (n, 9) array per sentence (columns in :data:`LABELS` order)."""
        ems = self.emissions([list(s) for s in sentences])
        out = [np.zeros((0, len(LABELS))) for _ in ems]
        for idx, em, lens in self._batches(ems):
            m = marginals_batch(em, lens, self._trans, self._start, self._end)
            for j, i in enumerate(idx):
                out[i] = m[j, : lens[j]]
        return out

    def tag(self, words: Sequence[str]) -> list[str]:
        return self.tag_sentences([words])[0][0]
