"""Evaluate the NER model: CoNLL exact-span micro P/R/F1 and per-type F1.

Test sets (read from ``../shared/data`` or ``--data``):

- ``official``: the CAMeL Lab ANERcorp test file as distributed (comparable with papers).
- ``repaired``: the same file with the corrupted sentence-initial tokens replaced by the
  original tokens and tags from ``ANERCorp_Benajiba.txt`` (aligned in code, not shipped).
- ``aqmar``: the AQMAR Wikipedia test split (out of domain), ``MIS`` mapped to ``MISC``.
- ``seeds``: the seed gold (``seeds/gold/*.json``) run through the whole pipeline, PER/ORG/LOC/FAC.

Run: ``python -m arabic_events.evaluation.ner_eval [--backend neural|crf]
[--sets official,repaired,aqmar,seeds]`` (``neural``, the default, is the shipped
BiLSTM-CRF; ``crf`` the CRF model).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

__all__ = [
    "read_conll",
    "read_stream",
    "fix_tag",
    "bio_spans",
    "prf",
    "score_spans",
    "repair_test",
    "load_set",
    "main",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

_TAG_FIX = {
    "o": "O", ".O": "O", "B-PERs": "B-PERS", "B-ERS": "B-PERS", "IPERS": "I-PERS", "B-ORF": "B-ORG",
    "B-OEG": "B-ORG", "B-PRG": "B-ORG", "I-PRG": "I-ORG", "b-misc": "B-MISC", "i-misc": "I-MISC",
    "B-MSIC": "B-MISC", "B-LOCI-PERS": "I-PERS", "B-MIS": "B-MISC", "I-MIS": "I-MISC", "B-PER": "B-PERS",
    "I-PER": "I-PERS",
}
_VALID = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}


def fix_tag(tag: str) -> str:
    """Map tag typos and AQMAR/CoNLL variants to ANERcorp tags (``B-PER`` -> ``B-PERS``)."""
    tag = _TAG_FIX.get(tag, tag)
    return tag if tag in _VALID else "O"


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if str(path).endswith(".gz") else open(path, encoding="utf-8")


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a ``TOKEN TAG`` file with blank-line boundaries."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with _open(Path(path)) as f:
        for line in f:
            line = line.rstrip("\n").replace("\u200f", "").replace("\u200e", "")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.rsplit(" ", 1)
            if len(parts) != 2 or not parts[0].strip():
                continue
            cur.append((parts[0].strip(), fix_tag(parts[1].strip())))
    if cur:
        sents.append(cur)
    return sents


def read_stream(path: str | Path) -> list[tuple[str, str]]:
    """The original ANERcorp token stream with the CAMeL normalizations (U+200F removed, ·/• -> .)."""
    out = []
    with _open(Path(path)) as f:
        for line in f:
            line = line.rstrip("\n").replace("\u200f", "").replace("·", ".").replace("•", ".")
            parts = line.split()
            if len(parts) < 2:
                continue
            out.append((parts[0], fix_tag(parts[-1])))
    return out


def bio_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """CoNLL (conlleval) chunks ``(start, end, type)``; an ``I-`` after another type starts a chunk."""
    spans = set()
    start, typ = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                spans.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return spans


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_spans(gold: Iterable[set], pred: Iterable[set]) -> dict:
    """Micro P/R/F1 and per-type F1 over paired span sets (one pair per sentence/doc)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred):
        for s in p:
            (tp if s in g else fp)[s[-1]] += 1
        for s in g:
            if s not in p:
                fn[s[-1]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    P, R, F = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out = {"precision": P, "recall": R, "f1": F, "gold": sum(tp.values()) + sum(fn.values()), "types": {}}
    for t in types:
        p, r, f = prf(tp[t], fp[t], fn[t])
        out["types"][t] = {"precision": p, "recall": r, "f1": f, "gold": tp[t] + fn[t]}
    return out


def repair_test(
    test: list[list[tuple[str, str]]], stream: list[tuple[str, str]], train_tokens: int
) -> tuple[list[list[tuple[str, str]]], dict]:
    """Replace corrupted sentence-initial tokens by aligning each sentence with the original stream.

    For every test sentence the tokens after the first are located in the original stream
    near the running position; the stream token just before them (with its tag) replaces the
    first token. Sentences that cannot be located are kept unchanged (counted in the report).
    """
    words = [w for w, _ in stream]
    pos = max(0, train_tokens - 400)
    out = []
    stats = Counter()
    for sent in test:
        toks = [w for w, _ in sent]
        m = min(3, len(toks) - 1)
        found = -1
        if m >= 1:
            key = toks[1 : 1 + m]
            for j in range(pos, min(len(words) - m + 1, pos + 400)):
                if words[j : j + m] == key:
                    found = j
                    break
        if found <= 0:
            out.append(list(sent))
            stats["unaligned"] += 1
            continue
        orig = stream[found - 1]
        new = list(sent)
        if orig[0] != sent[0][0]:
            stats["replaced"] += 1
            stats["tags_changed"] += int(orig[1] != sent[0][1])
            new[0] = orig
        out.append(new)
        pos = found + len(toks) - 1 - 2
    return out, dict(stats)


def load_set(name: str, data: Path = DEFAULT_DATA) -> list[list[tuple[str, str]]]:
    """Sentences of a CoNLL test set: ``official``, ``repaired``, ``aqmar`` (or ``train``)."""
    ac = data / "anercorp_camellab"
    if name == "train":
        return read_conll(ac / "ANERCorp_CamelLab_train.txt.gz")
    if name == "official":
        return read_conll(ac / "ANERCorp_CamelLab_test.txt.gz")
    if name == "repaired":
        train = read_conll(ac / "ANERCorp_CamelLab_train.txt.gz")
        n = sum(len(s) for s in train)
        test = read_conll(ac / "ANERCorp_CamelLab_test.txt.gz")
        fixed, _ = repair_test(test, read_stream(ac / "ANERCorp_Benajiba.txt.gz"), n)
        return fixed
    if name == "aqmar":
        return read_conll(data / "aqmar" / "topcoder_split" / "test.txt.gz")
    if name == "aqmar_train":
        return read_conll(data / "aqmar" / "topcoder_split" / "train.txt.gz")
    raise ValueError(f"unknown test set {name!r}; use official, repaired, aqmar or train")


def evaluate_conll(tagger, sents: list[list[tuple[str, str]]]) -> tuple[dict, float]:
    gold, pred = [], []
    t0 = time.perf_counter()
    # the test files have no document boundaries: document features look 30 sentences around
    all_labels, _ = tagger.tag_sentences([[w for w, _ in s] for s in sents], window=30)
    for s, labels in zip(sents, all_labels):
        pred.append(bio_spans(labels))
        gold.append(bio_spans([t for _, t in s]))
    dt = time.perf_counter() - t0
    return score_spans(gold, pred), sum(len(s) for s in sents) / max(dt, 1e-9)


_SEED_MAP = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC", "FAC": "FAC", "GPE": "LOC"}


def _gold_regions(g: dict) -> list[tuple[int, int]]:
    regions = [(g[k]["start"], g[k]["end"]) for k in ("title", "dateline", "body") if isinstance(g.get(k), dict)]
    return regions


def evaluate_seeds(seed_dir: Path, model_dir: str | None = None, details: bool = False, rules: bool = True,
                   backend: str | None = None) -> dict | None:
    """Entity layer of the seed gold against the full default pipeline (exact spans, PER/ORG/LOC/FAC).

    Predictions are compared inside the annotated regions (title, dateline, body minus
    ``excluded``), so boilerplate that the gold leaves unannotated does not count.
    """
    gold_dir = seed_dir / "gold"
    files = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not files:
        return None
    import arabic_events as ae

    nlp = ae.load(exclude=["events"], model_dir=model_dir, ner=backend)
    if not rules:  # the model alone: no gazetteer layer, no head rules
        cfg = {"gazetteer": False, "facilities": False, "rules": False}
        if model_dir:
            cfg["model_dir"] = model_dir
        if backend:
            cfg["backend"] = backend
        nlp.replace_pipe("ner", "ner", config=cfg)
    golds, preds = [], []
    errors = []
    for gf in files:
        g = json.loads(gf.read_text(encoding="utf-8"))
        tp = seed_dir / ((g.get("name") or gf.stem) + ".txt")
        if not tp.exists():
            continue
        text = open(tp, encoding="utf-8", newline="").read()
        doc = nlp(text, published=g.get("published"))
        regions = _gold_regions(g)
        excluded = [(x["start"], x["end"]) for x in g.get("excluded", []) if isinstance(x, dict)]

        def annotated(s: int, e: int) -> bool:
            return any(a <= s and e <= b for a, b in regions) and not any(a < e and s < b for a, b in excluded)

        gs = {(e["start"], e["end"], _SEED_MAP[e["label"]]) for e in g.get("entities", []) if e["label"] in _SEED_MAP}
        ps = {(e.start, e.end, e.label) for e in doc.entities if e.label in ("PER", "ORG", "LOC", "FAC") and annotated(e.start, e.end)}
        golds.append(gs)
        preds.append(ps)
        if details:
            for s_, e_, lab in sorted(gs - ps):
                errors.append(f"{gf.stem} FN {lab} {text[s_:e_]}")
            for s_, e_, lab in sorted(ps - gs):
                errors.append(f"{gf.stem} FP {lab} {text[s_:e_]}")
    res = score_spans(golds, preds)
    if details:
        res["errors"] = errors
    return res


def _fmt(name: str, res: dict, extra: str = "") -> str:
    types = "  ".join(f"{t} {v['f1']*100:.1f}" for t, v in sorted(res["types"].items()))
    return f"{name:<10} P {res['precision']*100:5.1f}  R {res['recall']*100:5.1f}  F1 {res['f1']*100:5.1f}   {types}{extra}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="ner_eval", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", default="neural", choices=("neural", "crf"), help="which shipped model (default neural)")
    ap.add_argument("--model-dir", default=None, help="model directory of that backend (default: the shipped model)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="shared data directory")
    ap.add_argument("--seeds", default=str(ROOT / "seeds"), help="seed directory with gold/*.json")
    ap.add_argument("--sets", default="official,repaired,aqmar,seeds")
    ap.add_argument("--model-only", action="store_true", help="seeds: the model without the gazetteer layer and head rules")
    ap.add_argument("--errors", action="store_true", help="list seed false negatives/positives")
    ap.add_argument("--json", default=None, help="also write the scores to this JSON file")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.backend == "crf":
        from ..ner.crf import load_tagger

        tagger = load_tagger(args.model_dir)
    else:
        from ..ner.neural import NeuralTagger

        tagger = NeuralTagger(args.model_dir)
    results = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        if name == "seeds":
            res = evaluate_seeds(Path(args.seeds), args.model_dir, details=args.errors, rules=not args.model_only,
                                 backend=args.backend)
            if res is None:
                print(f"{'seeds':<10} no gold files under {args.seeds}/gold")
                continue
            results[name] = res
            print(_fmt(name, res, "  (model alone, PER/ORG/LOC/FAC)" if args.model_only else "  (full pipeline, PER/ORG/LOC/FAC)"))
            for line in res.get("errors", []):
                print("   ", line)
            continue
        sents = load_set(name, Path(args.data))
        res, wps = evaluate_conll(tagger, sents)
        res["words_per_s"] = wps
        results[name] = res
        print(_fmt(name, res, f"  ({sum(len(s) for s in sents):,} tokens)"))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
