"""The two word-cluster files of the NER models in a compact form, read fast at load.

``clusters.tsv`` and ``clusters_w2v.tsv`` (word, cluster path ``a-b-c``, count; about 80k
lines each) take a quarter of a second to parse line by line. ``clusters.npz`` (built from
them by :func:`write_table`, ``python models/build_cluster_table.py``, and shipped beside
them) holds the same content as arrays: the words once (UTF-8, newline-separated), the
path parts of each file as integers and the counts of the first file, plus the size and
sha256 of the two source files. :func:`load_table` returns ``None`` when the compact file is
missing or was built from other files (the caller then parses the TSV files), so the TSV
files stay the one source of truth. Nothing is written at run time.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Iterator, Mapping

import numpy as np

__all__ = ["TABLE_NAME", "SOURCES", "ClusterTable", "build_table", "write_table", "load_table"]

TABLE_NAME = "clusters.npz"
SOURCES = ("clusters.tsv", "clusters_w2v.tsv")
_PARTS = 3  # cluster path parts kept (the Encoder reads the first three)


def _record(path: Path) -> dict:
    data = path.read_bytes()
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _path_ids(path: str) -> list[int]:
    """``"61-107-239"`` -> ``[62, 108, 240]`` (each part + 1; 0 for a missing part), as the
    Encoder turns a path into cluster-embedding ids."""
    out = [0] * _PARTS
    for k, x in enumerate(path.split("-")[:_PARTS]):
        out[k] = int(x) + 1
    return out


def build_table(model_dir: str | Path) -> dict[str, np.ndarray]:
    """The arrays of the compact table, from the TSV files of ``model_dir`` (read with
    :func:`~arabic_events.ner.crf.load_clusters`, so both readers agree)."""
    from .crf import load_clusters

    d = Path(model_dir)
    c1, freq = load_clusters(d / SOURCES[0])
    c2, _ = load_clusters(d / SOURCES[1])
    words = list(c1) + [w for w in c2 if w not in c1]
    if any("\n" in w for w in words):
        raise ValueError("a cluster word contains a newline")
    n = len(words)
    ids = np.zeros((2, n, _PARTS), np.int16)
    has = np.zeros((2, n), np.bool_)
    counts = np.zeros(n, np.int64)
    for r, w in enumerate(words):
        for k, table in enumerate((c1, c2)):
            p = table.get(w)
            if p is not None:
                if not p:
                    raise ValueError(f"empty cluster path for {w!r}")
                ids[k, r] = _path_ids(p)
                has[k, r] = True
        if w in freq:
            counts[r] = freq[w]
    if ids.max(initial=0) >= np.iinfo(np.int16).max:
        raise ValueError("cluster ids do not fit int16")
    src = json.dumps({name: _record(d / name) for name in SOURCES}, sort_keys=True)
    return {
        "words": np.frombuffer("\n".join(words).encode("utf-8"), np.uint8),
        "ids": ids,
        "has": has,
        "counts": counts,
        "sources": np.frombuffer(src.encode("utf-8"), np.uint8),
    }


def write_table(model_dir: str | Path, out: str | Path | None = None) -> Path:
    """Build ``clusters.npz`` in ``model_dir`` (build time only: run after changing a
    cluster file)."""
    d = Path(model_dir)
    path = Path(out) if out is not None else d / TABLE_NAME
    arrays = build_table(d)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)
    return path


class ClusterTable:
    """Word -> row (``index``), the cluster-embedding ids of each row for the two cluster
    sets (``ids[k][row]``, or no entry where ``has[k][row]`` is false) and the counts of the
    first file (``freq``, a plain dict as ``load_clusters`` gives)."""

    __slots__ = ("index", "ids", "has", "freq")

    def __init__(self, index: dict[str, int], ids: np.ndarray, has: list[list[bool]], freq: dict[str, int]) -> None:
        self.index = index
        self.ids = ids
        self.has = has
        self.freq = freq

    def paths(self, k: int) -> "_Paths":
        """A read-only mapping word -> cluster-embedding ids (3 ints) of cluster set ``k``."""
        return _Paths(self, k)


class _Paths(Mapping):
    def __init__(self, table: ClusterTable, k: int) -> None:
        self._t, self._k = table, k

    def __getitem__(self, w: str) -> tuple[int, ...]:
        r = self._t.index.get(w)
        if r is None or not self._t.has[self._k][r]:
            raise KeyError(w)
        return tuple(self._t.ids[self._k, r].tolist())

    def __iter__(self) -> Iterator[str]:
        has = self._t.has[self._k]
        return (w for w, r in self._t.index.items() if has[r])

    def __len__(self) -> int:
        return sum(self._t.has[self._k])


def load_table(model_dir: str | Path) -> ClusterTable | None:
    """The compact table of ``model_dir``, or ``None`` when there is none or it was not built
    from the TSV files now there (size or sha256 differ) or cannot be read."""
    d = Path(model_dir)
    path = d / TABLE_NAME
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in ("words", "ids", "has", "counts", "sources")}
        src = json.loads(arrays["sources"].tobytes().decode("utf-8"))
        for name in SOURCES:
            rec = src.get(name) or {}
            p = d / name
            if not p.is_file() or p.stat().st_size != rec.get("size") or _record(p)["sha256"] != rec.get("sha256"):
                return None
        words = arrays["words"].tobytes().decode("utf-8").split("\n")
        ids, has, counts = arrays["ids"], arrays["has"], arrays["counts"]
        n = len(words)
        if ids.shape != (2, n, _PARTS) or has.shape != (2, n) or counts.shape != (n,):
            return None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # (UnicodeDecodeError is a ValueError)
        return None
    index = dict(zip(words, range(n)))
    h = has.tolist()
    first = [w for w, x in zip(words, h[0]) if x]
    freq = dict(zip(first, counts[has[0]].tolist()))
    return ClusterTable(index, ids, h, freq)
