"""Speed and quality of the event stage.

    python benchmarks/bench_events.py                 # speed on the seeds + SaudiNewsNet sample
    python benchmarks/bench_events.py --n 200         # more SaudiNewsNet articles
    python benchmarks/bench_events.py --oracle        # seed F1 with gold entities/quantities/times
    python benchmarks/bench_events.py --oracle --show-errors
    python benchmarks/bench_events.py --timeline      # merged seed timeline (gold upstream layers)

Speed: the upstream layers are computed once with ``arabic_events.load(exclude=["events"])``;
only the ``events`` component is timed (median and best of ``--repeat`` runs), in words per
second. Run it with ``OMP_NUM_THREADS=1`` on a quiet machine and compare medians.

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
    p = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    if not p.exists():
        p = Path("/work/shared/data/saudinewsnet/saudinewsnet.jsonl.gz")
    out = []
    if not p.exists():
        return out
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("content"):
                out.append(d["content"])
            if len(out) >= n:
                break
    return out


def run_speed(n: int, repeat: int) -> None:
    nlp = ae.load(exclude=["events"])
    texts = [t for _, t, _ in _seed_texts()] + _news(n)
    docs = [nlp(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    ex = EventExtractor()
    ex(Doc("تسليم"))  # build the trigger index outside the timing
    t0 = time.perf_counter()
    for d in docs:
        d.events = []
        ex(d)
    cold = time.perf_counter() - t0  # first pass: the per-word analysis cache is empty
    runs = []
    n_events = n_mentions = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_events = n_mentions = 0
        for d in docs:
            d.events = []
            ex(d)
            n_events += len(d.events)
            n_mentions += sum(len(e.mentions) for e in d.events)
        runs.append(time.perf_counter() - t0)
    best = min(runs)
    median = sorted(runs)[len(runs) // 2]
    print(f"upstream: {', '.join(nlp.pipe_names)}")
    print(f"{len(docs)} docs ({len(texts) - n} seeds + {n} SaudiNewsNet), {words} words, {n_events} events ({n_mentions} mentions)")
    print(f"events stage, first pass: {cold:.3f} s, {words / cold:,.0f} words/s, {1000 * cold / len(docs):.2f} ms/doc")
    print(f"events stage, warm cache: median {words / median:,.0f} words/s ({1000 * median / len(docs):.2f} ms/doc), "
          f"best {words / best:,.0f} words/s, {repeat} runs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="SaudiNewsNet articles for the speed run")
    ap.add_argument("--repeat", type=int, default=5)
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
        run_speed(args.n, args.repeat)


if __name__ == "__main__":
    main()
