"""Benchmark the ``ner`` component alone (words per second of CPU time, one process, one thread).

Texts: the pipeline benchmark's SaudiNewsNet articles (``benchmark.load_articles``: open
lines only). The stages before ``ner`` (structure, tokenizer, quantities, times) run before
timing; the ``ner`` component then runs as the pipeline runs it, ``pipe`` over batches of
``--batch`` documents (model, span mapping, facility rules, gazetteer matching). Words are
whitespace-separated words of the input, as in ``benchmark.py``.

Run: ``python benchmarks/bench_ner.py [--articles 200] [--runs 3] [--backend neural|crf]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")


def main(argv: list[str] | None = None) -> int:
    from benchmark import DEFAULT_DATA, load_articles

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--backend", default="neural", choices=("neural", "crf"))
    args = ap.parse_args(argv)
    import arabic_events as ae
    from arabic_events.doc import Doc

    texts = load_articles(args.data, args.articles)
    words = sum(len(t.split()) for t in texts)
    nlp = ae.load(ner=args.backend) if args.backend != "neural" else ae.load()
    pipes = {p.name: p.func for p in nlp._pipes}
    before = [p.func for p in nlp._pipes[: nlp.pipe_names.index("ner")]]
    ner = pipes["ner"]

    def prepared() -> list[Doc]:
        docs = []
        for t in texts:
            d = nlp.make_doc(t, "2015-08-01")
            for f in before:
                d = f(d) or d
            docs.append(d)
        return docs

    ner.pipe(prepared()[:8])  # warm caches
    cpus, n_ents = [], 0
    for _ in range(args.runs):
        docs = prepared()
        c = time.process_time()
        for k in range(0, len(docs), args.batch):
            ner.pipe(docs[k: k + args.batch])
        cpus.append(time.process_time() - c)
        n_ents = sum(len(d.entities) for d in docs)
    cpu = statistics.median(cpus)
    print(f"ner ({args.backend}): {len(texts)} articles, {words:,} words, {n_ents:,} entities; CPU s "
          f"{', '.join(f'{x:.2f}' for x in cpus)} -> median {cpu:.2f} s, {words / cpu:,.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
