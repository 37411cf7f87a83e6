"""CPU time of the ``quantities`` and ``times`` components on the benchmark's SaudiNewsNet sample.

    OMP_NUM_THREADS=1 python benchmarks/bench_numbers_times.py [--articles 200] [--runs 5]
    python benchmarks/bench_numbers_times.py --dump out.json     # the outputs, to diff two versions

The articles are the ones ``benchmarks/benchmark.py`` uses (same seed). Each Doc goes through
the components before ``quantities`` once (``structure``, ``tokenizer``); then both components
run over all Docs ``--runs`` times and the median CPU time of each (and of both) is printed
with words/s (whitespace-separated words of the input). Python's cycle collector is paused
during each run, as ``nlp(...)``/``nlp.pipe(...)`` do by default (``nlp.pause_gc``); without that,
collections triggered by the other Docs held in memory add about 15 % here. On a shared machine
compare versions back to back: absolute figures move with the load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.benchmark import DEFAULT_DATA, load_articles  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--dump", type=Path, help="write quantities and times of every article (JSON) and stop")
    args = ap.parse_args()

    import arabic_events as ae

    arts = load_articles(args.data, args.articles)
    words = sum(len(a.split()) for a in arts)
    nlp = ae.load()
    docs = []
    for text in arts:
        doc = nlp.make_doc(text)
        for name in nlp.pipe_names:
            if name in ("quantities", "times"):
                break
            doc = nlp.get_pipe(name)(doc) or doc
        docs.append(doc)
    quantities, times = nlp.get_pipe("quantities"), nlp.get_pipe("times")
    published = [d.published for d in docs]

    def one_run() -> tuple[float, float]:
        tq = tt = 0.0
        for doc, pub in zip(docs, published):
            doc.published = pub  # the times component may set it from a dateline
            c0 = time.process_time()
            quantities(doc)
            c1 = time.process_time()
            times(doc)
            tq += c1 - c0
            tt += time.process_time() - c1
        return tq, tt

    one_run()  # warm: lazily compiled rules, caches
    if args.dump:
        out = [{"quantities": [q.to_dict() for q in d.quantities], "times": [t.to_dict() for t in d.times]} for d in docs]
        args.dump.write_text(json.dumps(out, ensure_ascii=False, indent=0, default=str), encoding="utf-8")
        return 0
    from arabic_events.pipeline import _gc_paused

    runs = []
    for _ in range(args.runs):
        with _gc_paused(nlp.pause_gc):  # as the pipeline runs its components
            runs.append(one_run())
    q = statistics.median(r[0] for r in runs)
    t = statistics.median(r[1] for r in runs)
    both = statistics.median(r[0] + r[1] for r in runs)
    print(f"{len(arts)} articles, {words:,} words, median of {args.runs} runs (CPU s)")
    for label, sec in (("quantities", q), ("times", t), ("both", both)):
        print(f"{label:11s} {sec:6.3f} s  {words / sec:10,.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
