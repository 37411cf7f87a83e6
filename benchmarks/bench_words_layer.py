"""What reading words from ``doc.tokens`` would cost ``quantities`` and ``times`` (docs/pipeline.md,
"The words layer"), against the passes over the normalized view they make now.

    OMP_NUM_THREADS=1 python benchmarks/bench_words_layer.py [--articles 200]

On SaudiNewsNet articles of at least 50 words from the lines open for rule development (i % 10
in {0, 2, 4, 6, 8}; Docs through ``structure`` and ``tokenizer``, the view built), CPU ms, best
of 5: the number finder's token regex, its whole token scan (regex
and token records), the time gates' word types (``\\p{L}+`` runs), and from ``doc.tokens``:
each token's view span and folded text, and the folded word types.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.benchmark import DEFAULT_DATA, load_articles  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()

    import arabic_events as ae
    from arabic_events.normalize import normalize
    from arabic_events.numbers._engine import _Finder
    from arabic_events.numbers._lexicon import lexicon
    from arabic_events.numbers._tokens import _TOKEN_RE
    from arabic_events.times._grammar import _LETTERS

    nlp = ae.Pipeline(["structure", "tokenizer"])
    docs = [nlp(a) for a in load_articles(args.data, args.articles)]
    for d in docs:
        d.norm  # noqa: B018 (build the view outside the timings)
    lx = lexicon(False)

    def best(f, n: int = 5) -> float:
        out = float("inf")
        for _ in range(n):
            c = time.process_time()
            f()
            out = min(out, time.process_time() - c)
        return out * 1000

    def from_tokens():
        for d in docs:
            to_view = d.norm.to_view
            [(to_view(t.start), to_view(t.end), normalize(t.text)) for t in d.tokens]

    rows = [
        ("numbers: token regex over the view", best(lambda: [list(_TOKEN_RE.finditer(d.norm.text)) for d in docs])),
        ("numbers: token scan (regex + records)", best(lambda: [_Finder(d.norm, lx).toks for d in docs])),
        ("times: gate word types (\\p{L}+ runs)", best(lambda: [set(_LETTERS.findall(d.norm.text)) for d in docs])),
        ("doc.tokens -> view span + folded text", best(from_tokens)),
        ("doc.tokens -> folded word types", best(lambda: [{normalize(t.text) for t in d.tokens if t.kind == "word"} for d in docs])),
    ]
    print(f"{len(docs)} articles, {sum(len(d.tokens) for d in docs):,} tokens; CPU ms, best of 5")
    for name, ms in rows:
        print(f"{name:42} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
