"""Throughput of the ``quantities`` component alone.

Usage:
    python benchmarks/bench_numbers.py [--articles 2000] [--repeat 3]
    python benchmarks/bench_numbers.py --sample 60 --step 71 --offset 29 --seed 99
        (prints random predictions with context, for judging precision by hand)

Measures quantities/s and words/s (whitespace-separated words) on the seed articles
and on a fixed sample of SaudiNewsNet (every k-th article of
../shared/data/saudinewsnet/saudinewsnet.jsonl.gz). Each text is wrapped in a fresh
Doc per run, so the time includes building the normalized view.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from arabic_events.doc import Doc  # noqa: E402
from arabic_events.numbers.component import make_quantities  # noqa: E402

SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def load_seeds() -> list[str]:
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as fh:
            out.append(fh.read())
    return out


def load_snn(n: int, step: int = 13, offset: int = 0) -> list[str]:
    out = []
    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % step == offset:
                out.append(json.loads(line).get("content") or "")
                if len(out) >= n:
                    break
    return out


def bench(name: str, texts: list[str], repeat: int) -> dict:
    comp = make_quantities(None, skip_boilerplate=False)
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    nq = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        nq = 0
        for t in texts:
            nq += len(comp(Doc(t)).quantities)
        best = min(best, time.perf_counter() - t0)
    row = {
        "set": name,
        "docs": len(texts),
        "words": words,
        "quantities": nq,
        "seconds": round(best, 3),
        "quantities_per_s": round(nq / best),
        "words_per_s": round(words / best),
    }
    print(json.dumps(row, ensure_ascii=False))
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="SaudiNewsNet articles to sample")
    ap.add_argument("--repeat", type=int, default=3, help="runs per set; the best is reported")
    ap.add_argument("--sample", type=int, default=0, help="print this many random predictions instead")
    ap.add_argument("--step", type=int, default=71, help="--sample: take every step-th article")
    ap.add_argument("--offset", type=int, default=29, help="--sample: starting at this article")
    ap.add_argument("--seed", type=int, default=99, help="--sample: random seed")
    args = ap.parse_args(argv)
    if args.sample:
        return sample(args)
    # warm up: lexicon load and normalizer caches are not part of the steady state
    make_quantities(None)(Doc("نحو ثلاثة آلاف وخمسمئة جندي"))
    print(json.dumps({"python": platform.python_version(), "machine": platform.machine()}))
    bench("seeds", load_seeds() * 20, args.repeat)
    if SNN.exists():
        bench("saudinewsnet", load_snn(args.articles), args.repeat)
    else:
        print(f"# {SNN} not found: SaudiNewsNet benchmark skipped")
    return 0


def sample(args) -> int:
    import random

    from arabic_events.numbers import find_quantities

    found = [(t, q) for t in load_snn(400, args.step, args.offset) for q in find_quantities(t)]
    rng = random.Random(args.seed)
    for n, (t, q) in enumerate(rng.sample(found, min(args.sample, len(found)))):
        left, right = t[max(0, q.start - 30) : q.start], t[q.end : q.end + 25]
        line = f"{n:2} {q.value!r:>12} {q.kind:8} {q.approx or '-':9} {q.unit or '-':8} | {left}[[{q.text}]]{right}"
        print(line.replace("\n", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
