"""Throughput of the ``quantities`` component alone.

Usage:
    python benchmarks/bench_numbers.py [--articles 2000] [--repeat 3]
    python benchmarks/bench_numbers.py --sample 60 --step 71 --offset 29 --seed 99
        (prints random predictions with context, for judging precision by hand)
    python benchmarks/bench_numbers.py --wojood
        (overlap recall on the numeric spans of the Wojood sample, train+val+test)

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

SHARED = ROOT.parent / "shared" / "data"
if not (SHARED / "saudinewsnet").exists():  # a worktree one level deeper than the main checkout
    SHARED = Path("/work/shared/data")
SNN = SHARED / "saudinewsnet" / "saudinewsnet.jsonl.gz"
WOJOOD = SHARED / "wojood_sample"


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
            if i % 10 not in (0, 2, 4, 6, 8):
                continue  # lines 1, 3 are dev and 5, 7, 9 blind test draws: not read
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
    ap.add_argument("--wojood", action="store_true", help="score recall on the Wojood sample instead")
    ap.add_argument("--sample", type=int, default=0, help="print this many random predictions instead")
    ap.add_argument("--step", type=int, default=71, help="--sample: take every step-th article")
    ap.add_argument("--offset", type=int, default=29, help="--sample: starting at this article")
    ap.add_argument("--seed", type=int, default=99, help="--sample: random seed")
    args = ap.parse_args(argv)
    if args.sample:
        return sample(args)
    if args.wojood:
        return wojood()
    # warm up: lexicon load and normalizer caches are not part of the steady state
    make_quantities(None)(Doc("نحو ثلاثة آلاف وخمسمئة جندي"))
    print(json.dumps({"python": platform.python_version(), "machine": platform.machine()}))
    bench("seeds", load_seeds() * 20, args.repeat)
    if SNN.exists():
        bench("saudinewsnet", load_snn(args.articles), args.repeat)
    else:
        print(f"# {SNN} not found: SaudiNewsNet benchmark skipped")
    return 0


def _wojood_sentences(path: Path):
    cur: list[tuple[str, list[str]]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(" ")
            if not line.strip():
                if cur:
                    yield cur
                cur = []
            elif parts[0] != "$#$":
                cur.append((parts[0], parts[1:]))
    if cur:
        yield cur


def _wojood_spans(sent):
    """(type, token start, token end) of every nested span."""
    spans, open_ = [], {}
    for i, (_, tags) in enumerate(sent):
        for lvl, tag in enumerate(tags):
            if tag == "O" or "-" not in tag:
                continue
            b, typ = tag.split("-", 1)
            if b == "B" or (lvl, typ) not in open_:
                open_[(lvl, typ)] = [typ, i, i]
                spans.append(open_[(lvl, typ)])
            else:
                open_[(lvl, typ)][2] = i
        for key in list(open_):
            lvl, typ = key
            if lvl >= len(tags) or tags[lvl] == "O" or tags[lvl].split("-", 1)[-1] != typ:
                del open_[key]
    return spans


def wojood() -> int:
    """Share of Wojood CARDINAL/ORDINAL/PERCENT/MONEY/QUANTITY spans that a predicted
    quantity overlaps, and where the predictions fall. Wojood tags document numbers
    ("رقم 47") as ORDINAL; this library leaves identifiers out on purpose."""
    from collections import Counter

    from arabic_events.numbers import find_quantities

    numeric = {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
    c: Counter = Counter()
    for split in ("train", "val", "test"):
        for sent in _wojood_sentences(WOJOOD / f"{split}.txt.gz"):
            text, offs = "", []
            for tok, _ in sent:
                text += " " if text else ""
                offs.append((len(text), len(text) + len(tok)))
                text += tok
            spans = [(t, offs[a][0], offs[b][1], sent[a][0]) for t, a, b in _wojood_spans(sent)]
            qs = find_quantities(text)
            for t, a, b, first in spans:
                if t in numeric:
                    after_id = any(w in text[max(0, a - 12) : a] for w in ("رقم", "المادة", "القرار"))
                    key = t + ("_id" if after_id else "")
                    c["gold " + key] += 1
                    c["found " + key] += any(q.start < b and a < q.end for q in qs)
            for q in qs:
                over = {t for t, a, b, _ in spans if q.start < b and a < q.end}
                c["pred in numeric span" if over & numeric else "pred in DATE/TIME" if over & {"DATE", "TIME"} else "pred elsewhere"] += 1
    for key in sorted(k for k in c if k.startswith("gold ")):
        name = key[5:]
        print(f"{name:16} {c['found ' + name]:4d} / {c[key]:4d} spans overlapped")
    for key in ("pred in numeric span", "pred in DATE/TIME", "pred elsewhere"):
        print(f"{key:22} {c[key]}")
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
