"""Benchmark the ``ner`` component (words per second, one process, one thread).

Texts: SaudiNewsNet articles (``../shared/data/saudinewsnet``). Tokens are produced before
timing (by ``arabic_events.tokenizer`` when present, else the NER fallback tokenizer), so
the figure is the NER component alone: features, two CRF passes, span mapping, facility
rules and gazetteer matching.

Run: ``python benchmarks/bench_ner.py [--articles 300]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--skip", type=int, default=20000, help="skip the first N articles (the cluster corpus starts at 0)")
    ap.add_argument("--backend", default="neural", choices=("neural", "crf"))
    args = ap.parse_args(argv)
    from arabic_events.doc import Doc, Token
    from arabic_events.ner.component import make_ner
    from arabic_events.ner.features import simple_tokenize

    try:
        from arabic_events.tokenizer import tokenize as _tok  # type: ignore
    except Exception:  # the tokenizer is optional here
        _tok = None
    texts = []
    with gzip.open(ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < args.skip:
                continue
            a = json.loads(line)
            texts.append((a.get("title") or "") + "\n" + (a.get("content") or ""))
            if len(texts) >= args.articles:
                break
    docs = []
    for t in texts:
        d = Doc(t)
        if _tok is not None:
            try:
                d.tokens = list(_tok(t))
            except Exception:
                d.tokens = []
        if not d.tokens:
            d.tokens = [Token(w, s, e, "word" if w[0].isalnum() else "punct") for w, s, e in simple_tokenize(t)]
        docs.append(d)
    n_words = sum(len(d.tokens) for d in docs)
    ner = make_ner(None, backend=args.backend)
    ner(Doc("قال محمد في بغداد"))  # load model and data
    t0 = time.perf_counter()
    n_ents = 0
    for d in docs:
        n_ents += len(ner(d).entities)
    dt = time.perf_counter() - t0
    print(f"ner ({args.backend}): {len(docs)} articles, {n_words:,} tokens, {n_ents:,} entities in {dt:.2f}s -> {n_words/dt:,.0f} words/s"
          f" (tokenizer: {'arabic_events.tokenizer' if _tok else 'fallback'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
