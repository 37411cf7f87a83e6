#!/usr/bin/env python3
"""Build the tokenizer's word-frequency lexicon from SaudiNewsNet (reproducible).

Usage (from the repository root)::

    nice python tools/build_wordfreq.py [--corpus ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz]
                                        [--min-count 3] [--holdout 10]

Writes ``arabic_events/data/tokenizer/wordfreq.tsv.gz`` (``word<TAB>count``, most
frequent first) and ``arabic_events/data/tokenizer/clitic_ratios.json``.

* A *word* is a maximal run of standard Arabic letters (U+0621-U+063A, U+0641-U+064A)
  after harakat, tatweel and invisible format characters are removed; words are counted
  as they appear, clitics attached (``والقوات`` and ``القوات`` are separate entries).
* Every article whose index ``i`` satisfies ``i % holdout == 0`` is held out (not
  counted), so that throughput and sanity checks can run on unseen text.
* ``clitic_ratios.json`` holds, for every clitic string, the typical ratio
  ``count(clitic + r) / count(r)`` over frequent host words ``r`` (the mean of the
  per-host ratios, each capped at 1): the expected number of attached forms per free
  form. The segmenter compares it with the observed count of a whole word.

The derived list inherits SaudiNewsNet's CC BY-NC-SA 4.0 terms (see
``arabic_events/data/tokenizer/README.md``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
OUT_DIR = REPO / "arabic_events" / "data" / "tokenizer"

_STRIP = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")

# clitic strings whose ratio is estimated: (prefix or suffix, string, how the host is formed)
PREFIXES = ["و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "وك", "وس", "فب", "فل", "فك", "فس"]
SUFFIXES = ["ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "نا", "ي", "ني"]


def count_words(corpus: Path, holdout: int) -> Counter:
    counts: Counter = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if holdout and i % holdout == 0:
                continue
            art = json.loads(line)
            text = (art.get("title") or "") + "\n" + (art.get("content") or "")
            counts.update(_WORD.findall(_STRIP.sub("", text)))
    return counts


def ratios(counts: Counter, min_host: int = 50) -> dict[str, dict[str, float]]:
    hosts = [w for w, c in counts.items() if c >= min_host and len(w) >= 2]
    out: dict[str, dict[str, float]] = {"prefix": {}, "suffix": {}, "lamlam": {}}
    for p in PREFIXES:
        vals = [min(1.0, counts.get(p + h, 0) / counts[h]) for h in hosts if not (p.endswith("س") and h[0] not in "يتنأ")]
        vals = [v for v in vals]
        out["prefix"][p] = round(sum(vals) / max(len(vals), 1), 5)
    # "لل" + X against "ال" + X (the preposition ل before the article)
    vals = [min(1.0, counts.get("لل" + h[2:], 0) / counts[h]) for h in hosts if h.startswith("ال") and len(h) > 3]
    out["lamlam"]["لل"] = round(sum(vals) / max(len(vals), 1), 5)
    for q in SUFFIXES:
        vals = [min(1.0, counts.get(h + q, 0) / counts[h]) for h in hosts if not h.startswith("ال")]
        out["suffix"][q] = round(sum(vals) / max(len(vals), 1), 5)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--holdout", type=int, default=10, help="hold out every N-th article (0: none)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    counts = count_words(args.corpus, args.holdout)
    total = sum(counts.values())
    kept = sorted(((w, c) for w, c in counts.items() if c >= args.min_count), key=lambda x: (-x[1], x[0]))
    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        f"# word frequencies from SaudiNewsNet (CC BY-NC-SA 4.0), built by tools/build_wordfreq.py\n"
        f"# min_count={args.min_count} holdout={args.holdout} tokens={total} types={len(counts)} kept={len(kept)}\n"
    )
    body = "".join(f"{w}\t{c}\n" for w, c in kept)
    # mtime=0 keeps the gzip bytes reproducible
    with open(args.out / "wordfreq.tsv.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
            gz.write((header + body).encode("utf-8"))
    r = ratios(counts)
    (args.out / "clitic_ratios.json").write_text(json.dumps(r, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{total} tokens, {len(counts)} types, kept {len(kept)} with count >= {args.min_count}")
    print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
