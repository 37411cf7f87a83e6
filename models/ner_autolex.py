"""Experiment: an automatic lexicon from unlabelled news tagged by a first CRF.

Tags SaudiNewsNet sentences with a first-pass CRF model and counts, for every clitic-stripped
word, how often it was tagged as each entity type. Writes ``word<TAB>n<TAB>PERS<TAB>LOC<TAB>ORG<TAB>MISC``
(shares of occurrences). Run: ``python models/ner_autolex.py --model models/ner/model1.crfsuite``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arabic_events.ner.crf import load_clusters, load_lexicon  # noqa: E402
from arabic_events.ner.features import FeatureExtractor, simple_tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
_SPLIT = re.compile(r"(?<=[.!?؟])\s+|\n+")


def main(argv: list[str] | None = None) -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", required=True)
    ap.add_argument("--max-tokens", type=int, default=4_000_000)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    clusters, freq = load_clusters(ROOT / "models" / "ner" / "clusters.tsv")
    words, phrases = load_lexicon()
    fx = FeatureExtractor(clusters, words, phrases, freq=freq)
    tagger = pycrfsuite.Tagger()
    tagger.open(args.model)
    occ: Counter = Counter()
    ent: dict[str, Counter] = defaultdict(Counter)
    n = 0
    t0 = time.time()
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            for sent in _SPLIT.split((art.get("title") or "") + "\n" + (art.get("content") or "")):
                toks = [t for t, _, _ in simple_tokenize(sent)]
                if not toks or len(toks) > 200:
                    continue
                labels = tagger.tag(fx.sentence(toks))
                for t, y in zip(toks, labels):
                    r = fx._word(t)[3]
                    occ[r] += 1
                    if y != "O":
                        ent[r][y[2:]] += 1
                n += len(toks)
            if n >= args.max_tokens:
                break
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# word\toccurrences\tPERS\tLOC\tORG\tMISC (shares); SaudiNewsNet tagged by a first-pass CRF (CC BY-NC-SA 4.0)\n")
        for r, c in sorted(ent.items(), key=lambda x: -occ[x[0]]):
            tot = sum(c.values())
            if tot < args.min_count:
                continue
            o = occ[r]
            out.write(f"{r}\t{o}\t" + "\t".join(f"{c[t]/o:.2f}" for t in ("PERS", "LOC", "ORG", "MISC")) + "\n")
    print(f"tagged {n:,} tokens in {time.time()-t0:.0f}s; {len(ent):,} words with entity tags")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
