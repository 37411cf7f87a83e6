"""Build distributional word clusters for the NER model from unlabelled Arabic news.

Method: folded words from SaudiNewsNet (``../shared/data/saudinewsnet``); co-occurrence
counts with directional contexts (left-1, right-1, and +-2 undirected) over the most
frequent context words; PPMI; truncated SVD (100 dims); k-means on the unit-normalised
vectors at three granularities (64, 256, 1024). Each word gets a path ``c64-c256-c1024``.
Also words whose proclitics were stripped by frequency are counted, so stems get clusters.

Writes ``models/ner/clusters.tsv`` (word, path, count). Run: ``python models/ner_clusters.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from arabic_events.ner.features import fold, simple_tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def read_corpus(path: Path, max_tokens: int) -> list[str]:
    toks: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            for field in ("title", "content"):
                text = art.get(field) or ""
                toks.extend(fold(t) for t, _, _ in simple_tokenize(text))
                toks.append("</s>")
            if len(toks) >= max_tokens:
                break
    return toks


def embed(ids, cids, n_words, nc, blocks, dims, seed):
    """Unit-normalised PPMI-SVD vectors for the given (offset, block) context definitions."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    rows, cols = [], []
    nblocks = max(b for _, b in blocks) + 1
    for off, block in blocks:
        if off < 0:
            a, b = ids[-off:], cids[:off]
        else:
            a, b = ids[:-off], cids[off:]
        m = (a >= 0) & (b >= 0)
        rows.append(a[m])
        cols.append(b[m] + block * nc)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    M = sparse.coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n_words, nblocks * nc)).tocsr()
    M.sum_duplicates()
    total = M.sum()
    rs = np.asarray(M.sum(axis=1)).ravel()
    cs = np.asarray(M.sum(axis=0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    M = M.tocoo()
    pmi = np.log(M.data * total / (rs[M.row] * cs[M.col] + 1e-9) + 1e-12)
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep].astype(np.float32), (M.row[keep], M.col[keep])), shape=M.shape)
    u, s, _ = svds(P, k=dims, random_state=seed)
    X = u * np.sqrt(s)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    return X, s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max-tokens", type=int, default=9_000_000)
    ap.add_argument("--vocab", type=int, default=80_000)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--contexts", type=int, default=6_000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "models" / "ner" / "clusters.tsv"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sided", action="store_true", help="add left-context and right-context cluster columns")
    ap.add_argument("--vectors", default=None, help="also save the SVD vectors (float16 .npy, rows in TSV order)")
    args = ap.parse_args(argv)
    from sklearn.cluster import MiniBatchKMeans

    t0 = time.time()
    toks = read_corpus(DATA, args.max_tokens)
    counts = Counter(toks)
    counts.pop("</s>", None)
    print(f"{len(toks):,} tokens, {len(counts):,} types ({time.time()-t0:.0f}s)", flush=True)
    vocab = [w for w, c in counts.most_common(args.vocab) if c >= args.min_count]
    widx = {w: i for i, w in enumerate(vocab)}
    ctxs = [w for w, _ in counts.most_common(args.contexts)]
    cidx = {w: i for i, w in enumerate(ctxs)}
    nc = len(ctxs)
    ids = np.array([widx.get(t, -1) for t in toks], dtype=np.int64)
    cids = np.array([cidx.get(t, -1) for t in toks], dtype=np.int64)
    # context blocks: 0 = left-1, 1 = right-1, 2 = +-2 undirected
    X, s = embed(ids, cids, len(vocab), nc, ((-1, 0), (1, 1), (-2, 2), (2, 2)), args.dims, args.seed)
    if args.vectors:
        order = np.argsort(-s)
        np.save(args.vectors, (X[:, order]).astype(np.float16), allow_pickle=False)
    print(f"svd done ({time.time()-t0:.0f}s)", flush=True)
    paths = []
    for k in (64, 256, 1024):
        km = MiniBatchKMeans(n_clusters=k, random_state=args.seed, batch_size=4096, n_init=3)
        paths.append(km.fit_predict(X))
        print(f"kmeans {k} ({time.time()-t0:.0f}s)", flush=True)
    sided = []
    if args.sided:  # clusters of left-only and right-only contexts
        for blocks in (((-1, 0), (-2, 1)), ((1, 0), (2, 1))):
            Xs, _ = embed(ids, cids, len(vocab), nc, blocks, args.dims, args.seed)
            for k in (256, 1024):
                km = MiniBatchKMeans(n_clusters=k, random_state=args.seed, batch_size=4096, n_init=3)
                sided.append(km.fit_predict(Xs))
            print(f"sided clusters ({time.time()-t0:.0f}s)", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# word\tcluster path (k=64-256-1024)\tcount; derived from SaudiNewsNet (CC BY-NC-SA 4.0)\n")
        for i, w in enumerate(vocab):
            extra = f"\t{sided[0][i]}-{sided[1][i]}\t{sided[2][i]}-{sided[3][i]}" if sided else ""
            f.write(f"{w}\t{paths[0][i]}-{paths[1][i]}-{paths[2][i]}\t{counts[w]}{extra}\n")
    print(f"wrote {out} ({len(vocab):,} words, {time.time()-t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
