#!/usr/bin/env python3
"""Tokenizer throughput on held-out SaudiNewsNet articles (every 10th article, which
``tools/build_wordfreq.py`` does not count).

    nice python tools/bench_tokenizer.py [--articles 1500]

Prints whitespace words per second for tokens + segments + sentences, first with a cold
segmentation cache, then warm.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    texts = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 10 == 0:
                texts.append(json.loads(line)["content"])
                if len(texts) >= args.articles:
                    break
    words = sum(len(t.split()) for t in texts)
    from arabic_events.tokenizer import Tokenizer

    t0 = time.perf_counter()
    tk = Tokenizer()
    print(f"build (lexicon load): {time.perf_counter() - t0:.2f} s")
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        ntok = 0
        for t in texts:
            toks = tk.tokens(t)
            tk.sentences(t, toks)
            ntok += len(toks)
        dt = time.perf_counter() - t0
        print(f"{label}: {len(texts)} articles, {words} words, {ntok} tokens, {dt:.2f} s, {words / dt:,.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
