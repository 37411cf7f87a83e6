"""What the frames cost: the events stage with the ten first frames vs all built-in frames,
and the time of each pattern trigger.

    python benchmarks/bench_frames.py --n 200             # events stage, 10 frames vs all, median of 5
    python benchmarks/bench_frames.py --n 200 --patterns  # ms per pattern trigger over the articles

The upstream layers are computed once (``arabic_events.load(exclude=["events"])``); both
extractors run in the same process on the same documents, alternately, so the ratio is
meaningful on a loaded machine even when the absolute rate is not (see bench_events.py).
A pattern whose alternatives share no literal (``(?:اطلق|يطلق|تطلق)``) is scanned at every
position and costs about 100 times one written around a literal (``[ايت]طلق``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

FIRST_TEN = {
    "HANDOVER", "WITHDRAWAL", "DEPLOYMENT", "TROOP_COUNT", "TROOP_REDUCTION",
    "ATTACK", "CASUALTIES", "STATEMENT", "TRAINING", "AGREEMENT",
}


def run_stage(n: int, repeat: int) -> None:
    import arabic_events as ae
    from arabic_events.doc import Doc
    from arabic_events.events.component import EventExtractor
    from arabic_events.events.frames import builtin_frames
    from bench_events import _news, _seed_texts

    nlp = ae.load(exclude=["events"])
    texts = [t for _, t, _ in _seed_texts()] + _news(n)
    docs = [nlp(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    exs = {
        "10 frames": EventExtractor([f for f in builtin_frames() if f.name in FIRST_TEN], builtin=False),
        f"{len(builtin_frames())} frames": EventExtractor(),
    }
    times: dict[str, list[float]] = {k: [] for k in exs}
    events = {}
    for ex in exs.values():
        ex(Doc("تسليم"))  # build the trigger index outside the timing
    for _ in range(repeat):
        for k, ex in exs.items():
            t0 = time.perf_counter()
            n_ev = 0
            for d in docs:
                d.events = []
                ex(d)
                n_ev += len(d.events)
            times[k].append(time.perf_counter() - t0)
            events[k] = n_ev
    print(f"{len(docs)} docs, {words} words; median of {repeat} runs (the first one with a cold cache)")
    base = None
    for k in exs:
        rate = words / statistics.median(times[k])
        base = base or rate
        print(f"{k:>10}: {rate:,.0f} words/s ({rate / base:.2f}), {events[k]} events")


def run_patterns(n: int) -> None:
    import regex

    from arabic_events.events.component import _normalize_pattern
    from arabic_events.events.frames import builtin_frames
    from arabic_events.normalize import normalize
    from bench_events import _news

    view = normalize("\n".join(_news(n)))
    rows = []
    for f in builtin_frames():
        for t in f.triggers:
            if not t.pattern:
                continue
            rx = regex.compile(_normalize_pattern(t.pattern))
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                hits = sum(1 for _ in rx.finditer(view))
                best = min(best, time.perf_counter() - t0)
            rows.append((best, f.name, t.lemma, hits))
    words = len(view.split())
    print(f"{words} words")
    for best, frame, lemma, hits in sorted(rows, reverse=True):
        print(f"{1000 * best * 100_000 / words:8.1f} ms per 100k words  {frame:<17} {lemma:<20} {hits} matches")
    print(f"all patterns: {1000 * sum(r[0] for r in rows) * 100_000 / words:.1f} ms per 100k words")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="SaudiNewsNet articles")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--patterns", action="store_true", help="time each pattern trigger instead")
    args = ap.parse_args()
    if args.patterns:
        run_patterns(args.n)
    else:
        run_stage(args.n, args.repeat)


if __name__ == "__main__":
    main()
