"""Speed and quality of the event stage.

    OMP_NUM_THREADS=1 python benchmarks/bench_events.py            # events-stage words/s (CPU), 200 SaudiNewsNet articles
    python benchmarks/bench_events.py --n 400 --repeat 9            # more articles / runs
    python benchmarks/bench_events.py --dump /tmp/ev.json           # events of the articles + seeds + eval/events/dev (to diff two versions)
    python benchmarks/bench_events.py --profile                     # cProfile of one warm run, by own time
    python benchmarks/bench_events.py --oracle        # seed F1 with gold entities/quantities/times
    python benchmarks/bench_events.py --oracle --show-errors
    python benchmarks/bench_events.py --timeline      # merged seed timeline (gold upstream layers)

Speed: the articles are SaudiNewsNet lines with ``i % 10`` in {0, 2, 4, 6, 8} (the
development draws; 1 and 3 are dev gold, 5/7/9 blind test draws, never read) among the
first 6,000, at least 50 words, title + content, shuffled with seed 13, the first ``--n``.
The upstream layers are computed once with ``arabic_events.load(exclude=["events"])``;
then only the ``events`` component runs over all articles ``--repeat`` times, with the
cycle collector paused as the pipeline runs its components. Printed: words/s of CPU time
(``time.process_time``; words = whitespace-separated words of the input) for the median
run, the best run and the first pass (empty per-word caches), with the machine, date and
load average. On a shared machine compare versions back to back, alternating.

``--oracle`` gives the events component the gold zones, entities, quantities and times
of ``seeds/gold`` so its own errors are measured apart from those of the other stages
(the end-to-end figure is ``python -m arabic_events.evaluation.seeds seeds/``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import arabic_events as ae  # noqa: E402
from arabic_events.doc import Doc, Entity, Quantity, TimeExpr, Zone  # noqa: E402
from arabic_events.events.component import EventExtractor  # noqa: E402


def _seed_texts():
    from arabic_events.evaluation.seeds import iter_gold_folder

    return iter_gold_folder(ROOT / "seeds")


def oracle_doc(text: str, gold: dict, tokenizer=None) -> Doc:
    doc = Doc(text, published=gold.get("published"))
    for label in ("title", "dateline", "body"):
        z = gold.get(label)
        if z:
            doc.zones.append(Zone(text[z["start"]: z["end"]], z["start"], z["end"], label, "gold"))
    doc.zones.sort(key=lambda z: z.start)
    doc.entities = sorted((Entity(e["text"], e["start"], e["end"], e["label"], "gold") for e in gold.get("entities", [])), key=lambda e: e.start)
    doc.quantities = sorted(
        (Quantity(q["text"], q["start"], q["end"], q.get("value"), q.get("kind", "cardinal"), q.get("approx"), q.get("unit"), "gold")
         for q in gold.get("quantities", [])), key=lambda q: q.start)
    doc.times = sorted(
        (TimeExpr(t["text"], t["start"], t["end"], t.get("value"), t.get("kind", "date"), t.get("mod"), "gold")
         for t in gold.get("times", [])), key=lambda t: t.start)
    if tokenizer is not None:
        doc = tokenizer(doc)
    return doc


def run_oracle(show_errors: bool) -> None:
    from arabic_events.evaluation.seeds import evaluate_docs, format_report

    ex = EventExtractor()
    try:
        tok = ae.Pipeline(["tokenizer"])
    except Exception:  # tokenizer not available: the events stage does not need it
        tok = None
    cases = []
    for name, text, gold in _seed_texts():
        doc = oracle_doc(text, gold, tok)
        cases.append((name, text, gold, ex(doc)))
    report = evaluate_docs(cases)
    n = pol = mod = 0
    for _, _, gold, doc in cases:
        pred = {(e.type, e.trigger.start, e.trigger.end): e for e in doc.events}
        for g in gold.get("events", []):
            e = pred.get((g["type"], g["trigger"]["start"], g["trigger"]["end"]))
            if e is not None:
                n += 1
                pol += e.polarity == g.get("polarity", "positive")
                mod += e.modality == g.get("modality", "asserted")
    lines = format_report(report, show_errors=show_errors).splitlines()
    keep = [ln for ln in lines if not ln.startswith(("body", "entities", "quantities", "times", "  PER", "  ORG", "  LOC", "  FAC"))]
    print("events stage with gold entities/quantities/times/zones (seeds/gold):")
    print("\n".join(keep))
    if n:
        print(f"factuality of the {n} events matched by type+trigger: polarity {100 * pol / n:.1f}%, "
              f"modality {100 * mod / n:.1f}% agree with the gold")


def run_timeline(csv: bool) -> None:
    from arabic_events.events.merge import merge_events, rows_to_csv

    ex = EventExtractor()
    try:
        tok = ae.Pipeline(["tokenizer"])
    except Exception:
        tok = None
    docs = []
    for name, text, gold in _seed_texts():
        d = ex(oracle_doc(text, gold, tok))
        d.meta["id"] = name
        docs.append(d)
    rows = merge_events(docs)
    if csv:
        print(rows_to_csv(rows), end="")
        return
    for r in rows:
        args = "; ".join(f"{k}={v}" for k, v in r.arguments.items())
        print(f"{r.date or '-':<11} {r.type:<16} {r.modality:<9} {args}  [{r.mentions} in {' '.join(d[:3] for d in r.docs)}]")


def _news(n: int) -> list[str]:
    """The SaudiNewsNet speed sample (see the module docstring)."""
    import random

    p = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    if not p.exists():
        p = Path("/work/shared/data/saudinewsnet/saudinewsnet.jsonl.gz")
    if not p.exists():
        raise SystemExit(f"SaudiNewsNet not found: {p}")
    rows = []
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 6000:
                break
            if i % 10 not in (0, 2, 4, 6, 8):
                continue  # development draws only
            d = json.loads(line)
            text = "\n".join(x for x in (d.get("title"), d.get("content")) if x)
            if len(text.split()) >= 50:
                rows.append(text)
    random.Random(13).shuffle(rows)
    return rows[:n]


def _dev_texts() -> list[tuple[str, str, str | None]]:
    """(name, text, published) of the seeds and of eval/events/dev."""
    out = [("seeds/" + name, text, gold.get("published")) for name, text, gold in _seed_texts()]
    dev = ROOT / "eval" / "events" / "dev"
    for g in sorted((dev / "gold").glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        out.append(("dev/" + g.stem, (dev / f"{g.stem}.txt").read_text(encoding="utf-8"), gold.get("published")))
    return out


def run_speed(n: int, repeat: int, dump: str | None = None, profile: bool = False) -> None:
    import gc
    import os
    import platform
    import statistics
    from datetime import datetime, timezone

    nlp = ae.load(exclude=["events"])
    texts = _news(n)
    docs = [nlp(t, published="2015-08-01") for t in texts]
    words = sum(len(t.split()) for t in texts)
    ex = EventExtractor()
    if dump:
        named = [(f"snn/{i}", d) for i, d in enumerate(docs)]
        named += [(name, nlp(t, published=p)) for name, t, p in _dev_texts()]
        out = {}
        for name, d in named:
            ex(d)
            out[name] = d.to_dict()["events"]
        Path(dump).write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(out)} documents, {sum(len(v) for v in out.values())} events -> {dump}")
        return
    ex(Doc("تسليم"))  # lazy data (frames, lexicon) outside the timing

    def one_pass() -> float:
        gc.disable()  # as nlp(...)/nlp.pipe(...) run their components (nlp.pause_gc)
        try:
            c0 = time.process_time()
            for d in docs:
                d.events = []
                ex(d)
            return time.process_time() - c0
        finally:
            gc.enable()

    cold = one_pass()  # first pass: the per-word caches are empty
    if profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        one_pass()
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(25)
        return
    runs = [one_pass() for _ in range(repeat)]
    n_events = sum(len(d.events) for d in docs)
    n_mentions = sum(len(e.mentions) for d in docs for e in d.events)
    median = statistics.median(runs)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.platform()}; Python {platform.python_version()}; load average {load}")
    print(f"{len(docs)} SaudiNewsNet articles, {words:,} words, {n_events} events ({n_mentions} mentions); upstream: {', '.join(nlp.pipe_names)}")
    print(f"CPU s per run: {' '.join(f'{r:.3f}' for r in runs)}; first pass {cold:.3f}")
    print(f"events stage: {words / median:,.0f} words/s (CPU, median of {repeat}), best {words / min(runs):,.0f}, "
          f"first pass {words / cold:,.0f}; {1000 * median / len(docs):.2f} ms/article")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="SaudiNewsNet articles for the speed run")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs (the median is reported)")
    ap.add_argument("--dump", metavar="PATH", help="write the events (to_dict) of the articles, seeds and eval/events/dev")
    ap.add_argument("--profile", action="store_true", help="cProfile of one warm run")
    ap.add_argument("--oracle", action="store_true", help="seed F1 with gold upstream layers")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--timeline", action="store_true", help="merged seed timeline with gold upstream layers")
    ap.add_argument("--csv", action="store_true", help="with --timeline: CSV output")
    args = ap.parse_args()
    if args.timeline:
        run_timeline(args.csv)
    elif args.oracle:
        run_oracle(args.show_errors)
    else:
        run_speed(args.n, max(args.repeat, 1), args.dump, args.profile)


if __name__ == "__main__":
    main()
