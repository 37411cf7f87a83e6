"""Throughput and memory of the default pipeline and of each component on real news text.

    python benchmarks/benchmark.py                  # 200 SaudiNewsNet articles, prints a table
    python benchmarks/benchmark.py --write          # also rewrites docs/benchmarks.md
    python benchmarks/benchmark.py --articles 50 --data PATH

Words are whitespace-separated words of the input. Per-component time comes from the
pipeline's own timer (``nlp.timings``); component words/s = total words / component time.
Peak RSS is the process maximum (``resource.getrusage``), measured after the run, so it
includes the interpreter, the loaded models and lexicons. One process, one core
(``torch`` is not used by the default pipeline). The linearity check times the pipeline
on one long document made of 1x, 2x and 4x the same articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SNN = Path("data") / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def _default_data() -> Path:
    """SaudiNewsNet under $ARABIC_EVENTS_SHARED, ../shared or ../../shared (a git worktree)."""
    import os

    cands = [Path(os.environ["ARABIC_EVENTS_SHARED"])] if os.environ.get("ARABIC_EVENTS_SHARED") else []
    cands += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for c in cands:
        if (c / _SNN).exists():
            return c / _SNN
    return cands[0] / _SNN


DEFAULT_DATA = _default_data()


def load_articles(path: Path, n: int, seed: int = 13) -> list[str]:
    if not path.exists():
        raise SystemExit(f"benchmark data not found: {path} (pass --data PATH to a SaudiNewsNet jsonl.gz)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 6000:
                break
            d = json.loads(line)
            text = "\n".join(x for x in (d.get("title"), d.get("content")) if x)
            if len(text.split()) >= 50:
                rows.append(text)
    random.Random(seed).shuffle(rows)
    return rows[:n]


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024.0


def run(n_articles: int, data: Path) -> dict:
    import arabic_events as ae

    texts = load_articles(data, n_articles)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    nlp = ae.load()
    load_s = time.perf_counter() - t0
    nlp(texts[0])  # warm lazy caches
    nlp.timings.clear()
    t0 = time.perf_counter()
    counts = {"entities": 0, "quantities": 0, "times": 0, "events": 0, "tokens": 0}
    for doc in nlp.pipe(texts, published="2015-08-01"):
        for k in counts:
            counts[k] += len(getattr(doc, k))
    total = time.perf_counter() - t0
    comps = {name: {"seconds": s, "words_per_s": words / s if s > 0 else float("inf")}
             for name, s in nlp.timings.items()}
    # linearity: one long document of k x the first articles
    lin = []
    block = "\n\n".join(texts[:10])
    for k in (1, 2, 4):
        long_text = "\n\n".join([block] * k)
        t1 = time.perf_counter()
        nlp(long_text, published="2015-08-01")
        lin.append({"copies": k, "words": len(long_text.split()), "seconds": time.perf_counter() - t1})
    return {
        "articles": len(texts),
        "words": words,
        "pipeline": nlp.pipe_names,
        "load_seconds": load_s,
        "seconds": total,
        "words_per_s": words / total,
        "components": comps,
        "counts": counts,
        "linearity": lin,
        "peak_rss_mb": peak_rss_mb(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}",
    }


def render(r: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Produced by `python benchmarks/benchmark.py --write` (do not edit by hand).",
        f"Input: {r['articles']} SaudiNewsNet articles ({r['words']:,} words), one process, Python {r['python']},",
        f"2-core CI-class machine ({r['machine']}).",
        "",
        "## Whole default pipeline",
        "",
        "| pipeline | words/s | seconds | load time (s) | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
        f"| {' → '.join(r['pipeline'])} | {r['words_per_s']:,.0f} | {r['seconds']:.2f} | {r['load_seconds']:.2f} | {r['peak_rss_mb']:.0f} |",
        "",
        "## Per component",
        "",
        "| component | words/s | seconds |",
        "|---|---:|---:|",
    ]
    for name, c in r["components"].items():
        lines.append(f"| {name} | {c['words_per_s']:,.0f} | {c['seconds']:.2f} |")
    lines += [
        "",
        "Output counts: " + ", ".join(f"{k} {v:,}" for k, v in r["counts"].items()) + ".",
        "",
        "## Linearity in document length",
        "",
        "| copies of a 10-article block | words | seconds | words/s |",
        "|---:|---:|---:|---:|",
    ]
    for row in r["linearity"]:
        lines.append(f"| {row['copies']} | {row['words']:,} | {row['seconds']:.2f} | {row['words'] / row['seconds']:,.0f} |")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    ap.add_argument("--json", action="store_true", help="print the raw result as JSON")
    args = ap.parse_args(argv)
    r = run(args.articles, args.data)
    text = render(r)
    print(json.dumps(r, indent=2) if args.json else text)
    if args.write:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
