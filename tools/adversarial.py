"""Per-stage time and peak memory of the default pipeline on adversarial and huge inputs.

    OMP_NUM_THREADS=1 python tools/adversarial.py --size 100000 --size 1000000
    python tools/adversarial.py --kind bidi --kind letter --size 200000 --timeout 300

Each (kind, size) runs in a fresh subprocess (peak RSS is that process's maximum) and
prints one row: CPU seconds per pipeline stage, total CPU and wall seconds, peak RSS,
the load average at the end. Kinds:

- ``real``: seed articles repeated (real news text);
- ``noline``: real words, no punctuation and no line break (one endless sentence);
- ``letter``: one Arabic letter repeated (one huge token);
- ``letters_spaced``: one letter and a space, repeated;
- ``digits``: ASCII digits (one huge number token);
- ``digits_spaced``: two-digit numbers separated by spaces;
- ``quotes``: ASCII double quotes;
- ``nested``: ``(`` * n/2 + ``)`` * n/2;
- ``qala``: ``"قال" `` repeated;
- ``bidi``: U+200F repeated;
- ``html``: ``<p>`` repeated.

Results are recorded in docs/reliability.md (compare a size with 10x that size: a linear
stage takes about 10x the time).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(kind: str, n: int) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    real = "\n\n".join(seeds)
    if kind == "real":
        return (real * (n // len(real) + 1))[:n]
    if kind == "noline":
        import re

        words = re.sub(r"[^\w\s]", " ", real).split()
        s = " ".join(words)
        return (s * (n // len(s) + 1))[:n]
    unit = {
        "letter": "\u0628",
        "letters_spaced": "\u0628 ",
        "digits": "7",
        "digits_spaced": "12 ",
        "quotes": '"',
        "qala": '"\u0642\u0627\u0644" ',
        "bidi": "\u200f",
        "html": "<p>",
    }.get(kind)
    if kind == "nested":
        return "(" * (n // 2) + ")" * (n - n // 2)
    if unit is None:
        raise SystemExit(f"unknown kind {kind!r}")
    return (unit * (n // len(unit) + 1))[:n]


KINDS = ["real", "noline", "letter", "letters_spaced", "digits", "digits_spaced", "quotes", "nested", "qala", "bidi", "html"]


def child(kind: str, n: int) -> None:
    import resource
    import time

    import arabic_events as ae

    nlp = ae.load()
    nlp("تمهيد", published="2020-01-01")
    text = make(kind, n)
    nlp._clock = time.process_time  # stage times in CPU seconds: stable on a shared machine
    nlp.timings.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    doc = nlp(text, published="2020-03-29")
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "chars": n, "cpu": round(cpu, 2), "wall": round(total, 2), "rss_mb": round(rss),
                      "load": [round(x, 1) for x in os.getloadavg()],
                      "stages": {k: round(v, 2) for k, v in nlp.timings.items()},
                      "tokens": len(doc.tokens), "sentences": len(doc.sentences), "entities": len(doc.entities),
                      "events": len(doc.events)}))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", action="append", choices=KINDS)
    ap.add_argument("--size", action="append", type=int)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    for kind in args.kind or KINDS:
        for n in args.size or [100_000, 1_000_000]:
            try:
                out = subprocess.run([sys.executable, __file__, "--child", kind, str(n)], capture_output=True,
                                     text=True, timeout=args.timeout, env=env)
                line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()[-300:]
            except subprocess.TimeoutExpired:
                line = json.dumps({"kind": kind, "chars": n, "wall": f">{args.timeout:.0f} (killed)"})
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
