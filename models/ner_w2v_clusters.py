"""Word clusters for the NER model from word2vec (or fastText) skip-gram vectors.

An alternative to ``models/ner_clusters.py`` (PPMI-SVD): the same folded SaudiNewsNet
tokens (``arabic_events.ner.features.fold`` over ``simple_tokenize``), gensim skip-gram
vectors (window 5, min_count 5, 5 epochs, 2 worker threads by default), then k-means
(sklearn MiniBatchKMeans) on the unit-normalised vectors of the same vocabulary as
``ner_clusters.py`` (the 80,000 most frequent folded words with count >= 5) at several
granularities. Writes a file in the format of ``clusters.tsv`` (word, coarse-to-fine path,
count), so ``models/train_ner.py --clusters FILE`` can use it directly.

gensim is a training-time dependency only (``models/requirements-train.txt``); the library
never imports it.

Run: ``nice python models/ner_w2v_clusters.py --out /tmp/w2v_clusters.tsv``
(``--model fasttext`` for subword vectors; ``--ks 100,500,1500`` for the granularities;
``--save-vectors`` keeps the gensim model for later experiments).
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
from arabic_events.ner.features import fold, simple_tokenize, split_proclitics  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def read_sentences(path: Path, max_tokens: int) -> list[list[str]]:
    """Folded tokens, one list per article field (title, content), as in ner_clusters.py."""
    out: list[list[str]] = []
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            for field in ("title", "content"):
                text = art.get(field) or ""
                toks = [fold(t) for t, _, _ in simple_tokenize(text)]
                if toks:
                    out.append(toks)
                    n += len(toks)
            if n >= max_tokens:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-tokens", type=int, default=9_000_000)
    ap.add_argument("--vocab", type=int, default=80_000)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--vocab-min-count", type=int, default=None,
                    help="cluster words down to this count (fastText gives rare words vectors from subwords)")
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default="word2vec", choices=("word2vec", "fasttext"))
    ap.add_argument("--stripped", action="store_true",
                    help="train on clitic-stripped forms (split_proclitics with corpus counts) instead of words")
    ap.add_argument("--ks", default="64,256,1024", help="k-means granularities, coarse to fine")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--save-vectors", default=None, help="save the gensim model here")
    ap.add_argument("--load", default=None, help="load a saved gensim model instead of training")
    args = ap.parse_args(argv)
    from gensim.models import FastText, Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    t0 = time.time()
    sents = read_sentences(DATA, args.max_tokens)
    counts: Counter = Counter()
    for s in sents:
        counts.update(s)
    print(f"{sum(map(len, sents)):,} tokens, {len(counts):,} types ({time.time()-t0:.0f}s)", flush=True)
    vmin = args.vocab_min_count or args.min_count
    vocab = [w for w, c in counts.most_common(args.vocab) if c >= vmin]
    train_sents = sents
    strip = None
    if args.stripped:
        freq = dict(counts)
        memo: dict[str, str] = {}

        def strip(w: str) -> str:
            r = memo.get(w)
            if r is None:
                r = memo[w] = split_proclitics(w, freq)[1]
            return r

        train_sents = [[strip(w) for w in s] for s in sents]
    cls = FastText if args.model == "fasttext" else Word2Vec
    kw = dict(vector_size=args.dims, window=args.window, min_count=args.min_count, sg=1,
              epochs=args.epochs, workers=args.workers, seed=args.seed)
    if args.model == "fasttext":
        kw.update(min_n=3, max_n=5, bucket=500_000)
    if args.load:
        model = cls.load(args.load)
    else:
        model = cls(sentences=train_sents, **kw)
        print(f"{args.model} trained ({time.time()-t0:.0f}s)", flush=True)
    if args.save_vectors and not args.load:
        model.save(args.save_vectors)
    kv = model.wv
    key = strip if strip is not None else (lambda w: w)
    if args.model == "word2vec":  # a folded word gets the vector of its (stripped) form
        vocab = [w for w in vocab if key(w) in kv.key_to_index]
    X = np.stack([kv[key(w)] for w in vocab]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    ks = [int(k) for k in args.ks.split(",")]
    paths = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=args.seed, batch_size=4096, n_init=3)
        paths.append(km.fit_predict(X))
        print(f"kmeans {k} ({time.time()-t0:.0f}s)", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# word\tcluster path (k={'-'.join(map(str, ks))}, {args.model} skip-gram {args.dims}d"
                f"{', stripped forms' if args.stripped else ''})\tcount; derived from SaudiNewsNet (CC BY-NC-SA 4.0)\n")
        for i, w in enumerate(vocab):
            f.write(f"{w}\t{'-'.join(str(p[i]) for p in paths)}\t{counts[w]}\n")
    print(f"wrote {out} ({len(vocab):,} words, {time.time()-t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
