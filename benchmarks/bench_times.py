"""Speed of the ``times`` component alone, and its agreement with the seed gold.

    nice /work/venv/bin/python benchmarks/bench_times.py [--articles 1000] [--repeat 3] [--no-gold]

Speed: words/s and expressions/s over the five seeds and over the first N articles of
SaudiNewsNet (../shared/data/saudinewsnet/saudinewsnet.jsonl.gz; only the lines open for
rule development, i % 10 in {0, 2, 4, 6, 8}), each article
resolved against its ``date_extracted``. The grammar is compiled before timing.
Row ``numbers+times``: the quantities and times components on the same Doc (one
normalized view), the cost of both layers in a pipeline.
Gold: per-seed span/value precision and recall against seeds/gold/*.json.
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
from arabic_events.times.component import make_times  # noqa: E402
from arabic_events.times.evaluate import score_dir  # noqa: E402

SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
if not SNN.exists():
    SNN = Path("/work/shared/data/saudinewsnet/saudinewsnet.jsonl.gz")


def _load_snn(n: int) -> list[tuple[str, str | None]]:
    out = []
    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 10 not in (0, 2, 4, 6, 8):
                continue  # lines 1, 3 are dev and 5, 7, 9 blind test draws: not read
            a = json.loads(line)
            out.append((a.get("content") or "", (a.get("date_extracted") or "")[:10] or None))
            if len(out) >= n:
                break
    return out


def _bench(docs: list[tuple[str, str | None]], repeat: int) -> dict:
    comp = make_times(None)
    comp(Doc("أمس"))  # compile the grammar outside the timing
    words = sum(len(t.split()) for t, _ in docs)
    best, n_expr = None, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_expr = 0
        for text, pub in docs:
            n_expr += len(comp(Doc(text, published=pub)).times)
        el = time.perf_counter() - t0
        best = el if best is None else min(best, el)
    return {"docs": len(docs), "words": words, "expressions": n_expr, "seconds": round(best, 3),
            "words_per_s": round(words / best), "expr_per_s": round(n_expr / best)}


def _bench_both(docs: list[tuple[str, str | None]], repeat: int) -> dict:
    """numbers + times on the same Doc (the normalized view is built once, as in a pipeline)."""
    tc, qc = make_times(None), make_quantities(None, skip_boilerplate=False)
    tc(qc(Doc("أمس 3 أيام")))
    words = sum(len(t.split()) for t, _ in docs)
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text, pub in docs:
            tc(qc(Doc(text, published=pub)))
        el = time.perf_counter() - t0
        best = el if best is None else min(best, el)
    return {"docs": len(docs), "words": words, "seconds": round(best, 3), "words_per_s": round(words / best)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-gold", action="store_true")
    args = ap.parse_args(argv)
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or platform.system()}")
    seeds = [(p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    print("seeds       ", _bench(seeds, args.repeat))
    if SNN.exists():
        snn = _load_snn(args.articles)
        print("saudinewsnet", _bench(snn, args.repeat))
        print("numbers+times", _bench_both(snn, args.repeat))
    if not args.no_gold and (ROOT / "seeds" / "gold").exists():
        for mode in (True, False):
            print(f"\ngold (published {'given' if mode else 'detected from dateline'}; gold zones)")
            for name, s in score_dir(ROOT / "seeds", given_published=mode).items():
                print(f"  {name}  published={s['published']} ({s['published_source']})  gold={s['n_gold']} pred={s['n_pred']}"
                      f"  span P/R={s['span_precision']:.2f}/{s['span_recall']:.2f}"
                      f"  value P/R={s['value_precision']:.2f}/{s['value_recall']:.2f}")
                for d in s["disagreements"]:
                    print(f"      {d['span']}: gold={d['gold']} pred={d['pred']}")


if __name__ == "__main__":
    main()
