"""The words layer (docs/pipeline.md, "The words layer"): what the tokenizer's view spans cost, and
what reading ``doc.tokens`` costs ``quantities`` and would cost ``times``, against a pass of their
own over the normalized view.

    OMP_NUM_THREADS=1 python benchmarks/bench_words_layer.py [--articles 200]

On SaudiNewsNet articles of at least 50 words from the lines open for rule development (i % 10
in {0, 2, 4, 6, 8}; Docs through ``structure`` and ``tokenizer``, the view built), CPU ms, best
of 5: building the view (``doc.norm``, now paid in the tokenizer); the view spans of the tokens
(what the tokenizer adds, ``Doc.token_view_starts``); the number finder's token scan read from the
words (what ``quantities`` does) against its own regex scan of the whole view (what it did);
the time gates' word types from a ``\\p{L}+`` pass (what ``times`` does) against the folded
word types sliced from the view at the tokens' view spans (the spans given; without the
handling of tokens that are not one letter run).
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
    from arabic_events.doc import _token_view_starts
    from arabic_events.normalize import NormalizedText
    from arabic_events.numbers._engine import _TOKEN_RE, _Finder
    from arabic_events.numbers._lexicon import lexicon
    from arabic_events.times._grammar import _LETTERS

    nlp = ae.Pipeline(["structure", "tokenizer"])
    docs = [nlp(a) for a in load_articles(args.data, args.articles)]
    words = [(d.tokens, d.token_view_starts()) for d in docs]
    spans = [d.token_view_spans() for d in docs]
    lx = lexicon(False)

    def best(f, n: int = 5) -> float:
        out = float("inf")
        for _ in range(n):
            c = time.process_time()
            f()
            out = min(out, time.process_time() - c)
        return out * 1000

    def regex_scan():
        for d in docs:
            f = _Finder.__new__(_Finder)
            f.norm, f.view, f.orig = d.norm, d.norm.text, d.text
            toks, last = [], -1
            for m in _TOKEN_RE.finditer(f.view):
                last = f._add(toks.append, m, last)
            f._merge_space_groups(toks)

    def token_types():
        for d, (toks, _), (vs, ve) in zip(docs, words, spans):
            v = d.norm.text
            {v[a:b] for t, a, b in zip(toks, vs, ve) if t.kind == "word"}

    rows = [
        ("view: NormalizedText (doc.norm)", best(lambda: [NormalizedText(d.text) for d in docs])),
        ("tokenizer: token view starts", best(lambda: [_token_view_starts(d.norm, d.tokens) for d in docs])),
        ("numbers: token scan from the words", best(lambda: [_Finder(d.norm, lx, words=w).toks for d, w in zip(docs, words)])),
        ("numbers: token scan by regex (before)", best(regex_scan)),
        ("times: gate word types (\\p{L}+ runs)", best(lambda: [set(_LETTERS.findall(d.norm.text)) for d in docs])),
        ("times: word types from the view spans", best(token_types)),
    ]
    print(f"{len(docs)} articles, {sum(len(d.tokens) for d in docs):,} tokens; CPU ms, best of 5")
    for name, ms in rows:
        print(f"{name:42} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
