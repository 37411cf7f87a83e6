"""Score the ``quantities``, ``times`` and ``ner`` components against the Wojood public sample.

Wojood (SinaLab, MIT licence; ``../shared/data/wojood_sample``) is nested Arabic NER
with numeric and temporal types. Its format (one token per line, ``TOKEN TAG [TAG ...]``,
one IOB2 tag per nesting level, outermost first; a blank line ends a sentence; the
pseudo-token ``$#$`` is dropped) is read by :func:`read_wojood`. Each sentence's text is
its tokens joined by single spaces, and every gold span gets character offsets into it.

Layers and the Wojood types they are scored against (:data:`LAYER_TYPES`):

- ``times`` <- DATE, TIME
- ``quantities`` <- CARDINAL, ORDINAL, PERCENT, MONEY, QUANTITY
- ``entities`` <- PERS, ORG, GPE, LOC, FAC (typed: a PER prediction matches PERS, ORG
  matches ORG, LOC matches GPE or LOC, FAC matches FAC)

Each sentence is run through :func:`arabic_events.numbers.find_quantities` and
:func:`arabic_events.times.find_times` with no publication date (Wojood gives none; a
dateline is not looked for), or through the default pipeline's tokenizer and ``ner``
component (model, gazetteers and rules) for ``entities``. Three matchers (:data:`MATCHERS`) are scored: ``exact``
(same offsets), ``contain`` (one span inside the other) and ``overlap`` (at least one
character in common). A gold span counts as found when some prediction of its layer
matches it, a prediction counts as correct when it matches some gold span:
P = correct predictions / predictions, R = found gold / gold.

Run: ``python -m arabic_events.evaluation.wojood [--split test|val|train|all]
[--layer times|quantities|entities|both|all] [--errors N] [--error-matcher M] [--join-numbers]
[--json]``.
Docs and measured figures: ``docs/evaluation-wojood.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

__all__ = [
    "LAYER_TYPES",
    "MATCHERS",
    "DEFAULT_DIR",
    "SPLITS",
    "Token",
    "GoldSpan",
    "PredSpan",
    "Sentence",
    "parse_sentence",
    "read_wojood",
    "load_split",
    "layer_gold",
    "predict",
    "score",
    "format_report",
    "main",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "wojood_sample"
SPLITS = ("train", "val", "test")
MARKER = "$#$"

LAYER_TYPES: dict[str, tuple[str, ...]] = {
    "times": ("DATE", "TIME"),
    "quantities": ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"),
    "entities": ("PERS", "ORG", "GPE", "LOC", "FAC"),
}
# entity labels of the library and the Wojood types each may match
ENTITY_TYPES: dict[str, frozenset[str]] = {
    "PER": frozenset({"PERS"}),
    "ORG": frozenset({"ORG"}),
    "LOC": frozenset({"GPE", "LOC"}),
    "FAC": frozenset({"FAC"}),
}

MATCHERS: dict[str, Callable[[int, int, int, int], bool]] = {
    "exact": lambda gs, ge, ps, pe: gs == ps and ge == pe,
    "contain": lambda gs, ge, ps, pe: (gs <= ps and pe <= ge) or (ps <= gs and ge <= pe),
    "overlap": lambda gs, ge, ps, pe: ps < ge and gs < pe,
}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    tags: tuple[str, ...]


@dataclass(frozen=True)
class GoldSpan:
    """A Wojood mention: ``type``, character offsets into the sentence text, token range
    ``[tok_start, tok_end)`` and nesting ``level`` (0 = outermost tag column)."""

    type: str
    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    level: int


@dataclass(frozen=True)
class PredSpan:
    """A prediction of one layer: offsets, text, the component's ``kind`` and ``value``."""

    start: int
    end: int
    text: str
    kind: str = ""
    value: object = None


@dataclass
class Sentence:
    text: str
    tokens: list[Token]
    spans: list[GoldSpan]
    line: int = 0  # 1-based line of the first token in the file
    source: str = ""
    repairs: int = 0  # I- tags that continued nothing and were read as B-


@dataclass(eq=False)
class _Open:
    type: str
    start: int
    end: int  # last token index
    level: int  # column of the tag on the last token
    first_level: int = 0  # column of the tag that opened it


_NUM_SEPS = frozenset({".", ",", "\u060c", "\u066b", "\u066c"})  # . , Arabic comma, decimal and thousands separators


def _is_digits(tok: str) -> bool:
    return tok.isdigit()


def _glue(toks: Sequence[str]) -> list[bool]:
    """``glue[i]``: token ``i`` is written right after token ``i-1`` (no space): the
    separator and the second group of a number that Wojood split ("2 , 500" -> "2,500")."""
    glue = [False] * len(toks)
    for i in range(1, len(toks) - 1):
        if toks[i] in _NUM_SEPS and _is_digits(toks[i - 1]) and _is_digits(toks[i + 1]):
            glue[i] = glue[i + 1] = True
    return glue


def parse_sentence(rows: Sequence[tuple[str, Sequence[str]]], *, line: int = 0, source: str = "",
                   join_numbers: bool = False) -> Sentence:
    """Build a :class:`Sentence` from ``(token, tags)`` rows.

    The text is the tokens joined by single spaces. With ``join_numbers`` a number that
    Wojood split at its separator ("2 , 500", "13 . 2") is written without the spaces
    ("2,500", "13.2"), as in the source text.

    Tags are IOB2, one per nesting level. ``B-X`` opens a span. ``I-X`` continues the
    open ``X`` span of the previous token at the same level, else the open ``X`` span at
    the nearest level (an outer span may end while an inner one goes on, which shifts
    the inner tag one column left); an ``I-X`` with no open ``X`` span opens one (counted
    in ``repairs``). ``O`` and malformed tags are ignored. ``$#$`` rows are dropped.
    """
    tokens: list[Token] = []
    pos = 0
    rows = [(t, tuple(tags)) for t, tags in rows if t != MARKER]
    glue = _glue([t for t, _ in rows]) if join_numbers else [False] * len(rows)
    parts: list[str] = []
    for i, (tok, tags) in enumerate(rows):
        if i and not glue[i]:
            parts.append(" ")
            pos += 1
        tokens.append(Token(tok, pos, pos + len(tok), tags))
        parts.append(tok)
        pos += len(tok)
    text = "".join(parts)
    done: list[_Open] = []
    open_: list[_Open] = []
    repairs = 0
    for i, tok in enumerate(tokens):
        now: list[_Open] = []
        for lvl, tag in enumerate(tok.tags):
            if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
                continue
            prefix, typ = tag[0], tag[2:]
            span = None
            if prefix == "I":
                cands = [s for s in open_ if s.type == typ and all(s is not x for x in now)]
                if cands:
                    span = min(cands, key=lambda s: (abs(s.level - lvl), s.level))
                else:
                    repairs += 1
            if span is None:
                span = _Open(typ, i, i, lvl, lvl)
                done.append(span)
            span.end, span.level = i, lvl
            now.append(span)
        open_ = now
    spans = []
    for s in done:
        a, b = tokens[s.start].start, tokens[s.end].end
        spans.append(GoldSpan(s.type, a, b, text[a:b], s.start, s.end + 1, s.first_level))
    spans.sort(key=lambda g: (g.start, -g.end, g.level))
    return Sentence(text, tokens, spans, line, source, repairs)


def _lines(src: str | Path | Iterable[str]) -> Iterable[str]:
    if isinstance(src, (str, Path)):
        p = Path(src)
        opener = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rt", encoding="utf-8") as fh:
            yield from fh
    else:
        yield from src


def read_wojood(src: str | Path | Iterable[str], *, source: str = "", join_numbers: bool = False) -> list[Sentence]:
    """Sentences of a Wojood file (``.txt`` or ``.txt.gz``) or of an iterable of lines.

    A line is ``TOKEN TAG [TAG ...]`` separated by spaces; a blank line ends a sentence.
    Lines with no tag are skipped. Sentences left empty once ``$#$`` is dropped are skipped.
    """
    if not source and isinstance(src, (str, Path)):
        source = Path(src).name
    out: list[Sentence] = []
    rows: list[tuple[str, list[str]]] = []
    first = 0

    def flush():
        if any(t != MARKER for t, _ in rows):
            out.append(parse_sentence(rows, line=first, source=source, join_numbers=join_numbers))
        rows.clear()

    for n, raw in enumerate(_lines(src), 1):
        parts = raw.rstrip("\r\n").split()
        if not parts:
            flush()
            continue
        if len(parts) < 2:
            continue
        if not rows:
            first = n
        rows.append((parts[0], parts[1:]))
    flush()
    return out


def load_split(split: str, data_dir: str | Path = DEFAULT_DIR, *, join_numbers: bool = False) -> list[Sentence]:
    """The sentences of ``split`` (train, val, test, or all = the three in that order)."""
    names = SPLITS if split == "all" else (split,)
    out: list[Sentence] = []
    for name in names:
        if name not in SPLITS:
            raise ValueError(f"unknown split {name!r}: use one of {', '.join(SPLITS)} or all")
        p = Path(data_dir) / f"{name}.txt.gz"
        if not p.exists():
            p = Path(data_dir) / f"{name}.txt"
        if not p.exists():
            raise FileNotFoundError(f"Wojood split not found: {p} (set --data)")
        out.extend(read_wojood(p, join_numbers=join_numbers))
    return out


def layer_gold(sent: Sentence, layer: str) -> list[GoldSpan]:
    """Gold spans of ``layer``'s types, outermost only (a span inside another span of the
    same layer is dropped: within a layer the library's annotation is flat)."""
    types = LAYER_TYPES[layer]
    cand = [g for g in sent.spans if g.type in types]
    keep = []
    for g in cand:
        inside = any(h is not g and h.start <= g.start and g.end <= h.end and (h.end - h.start) > (g.end - g.start)
                     for h in cand)
        if not inside:
            keep.append(g)
    return keep


def predict(text: str, layer: str) -> list[PredSpan]:
    """Run the library's component for ``layer`` on one sentence (no publication date)."""
    if layer == "quantities":
        from ..numbers import find_quantities

        return [PredSpan(q.start, q.end, q.text, q.kind, q.value) for q in find_quantities(text)]
    if layer == "times":
        from ..times import find_times

        return [PredSpan(t.start, t.end, t.text, t.kind, t.value) for t in find_times(text, None, detect_dateline=False)]
    if layer == "entities":
        doc = _ner_pipeline()(text)
        return [PredSpan(e.start, e.end, e.text, e.label, e.source) for e in doc.entities]
    raise ValueError(f"unknown layer {layer!r}: use times, quantities or entities")


_NLP = None


def _ner_pipeline():
    """The default pipeline's tokenizer and ner component (built once)."""
    global _NLP
    if _NLP is None:
        from ..pipeline import load

        _NLP = load(["tokenizer", "ner"])
    return _NLP


def _typed(layer: str, g: "GoldSpan", p: PredSpan) -> bool:
    """Whether prediction ``p`` may match gold ``g`` by type (always, outside ``entities``)."""
    return layer != "entities" or g.type in ENTITY_TYPES.get(p.kind, ())


def _prf(np_ok: int, n_pred: int, ng_ok: int, n_gold: int) -> dict:
    p = np_ok / n_pred if n_pred else 0.0
    r = ng_ok / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "pred": n_pred, "pred_ok": np_ok, "gold": n_gold, "gold_found": ng_ok}


def score(sents: Sequence[Sentence], layer: str, preds: Sequence[Sequence[PredSpan]] | None = None) -> dict:
    """Scores of one layer over ``sents`` (``preds[i]`` for ``sents[i]``; computed with
    :func:`predict` when ``None``).

    Returns ``{"matchers": {m: prf}, "types": {T: {"gold": n, "found": {m: k}}},
    "kinds": {kind: {"pred": n, "ok": {m: k}}}, "fp_where": {m: Counter}, "errors": {m:
    {"fn": [...], "fp": [...]}}}``. ``fp_where`` says which other Wojood type (or ``O``)
    each false positive overlaps, outermost first.
    """
    if preds is None:
        preds = [predict(s.text, layer) for s in sents]
    if len(preds) != len(sents):
        raise ValueError("one prediction list per sentence is needed")
    n_pred = n_gold = 0
    pred_ok = Counter()
    gold_found = Counter()
    types: dict[str, dict] = {t: {"gold": 0, "found": Counter()} for t in LAYER_TYPES[layer]}
    kinds: dict[str, dict] = {}
    fp_where: dict[str, Counter] = {m: Counter() for m in MATCHERS}
    errors: dict[str, dict[str, list]] = {m: {"fn": [], "fp": []} for m in MATCHERS}
    for si, (sent, ps) in enumerate(zip(sents, preds)):
        gold = layer_gold(sent, layer)
        n_gold += len(gold)
        n_pred += len(ps)
        for g in gold:
            types[g.type]["gold"] += 1
            for m, fn in MATCHERS.items():
                if any(fn(g.start, g.end, p.start, p.end) and _typed(layer, g, p) for p in ps):
                    gold_found[m] += 1
                    types[g.type]["found"][m] += 1
                else:
                    near = [p.text for p in ps if MATCHERS["overlap"](g.start, g.end, p.start, p.end)]
                    errors[m]["fn"].append({"sent": si, "type": g.type, "start": g.start, "end": g.end,
                                            "text": g.text, "overlapping_pred": near})
        for p in ps:
            k = kinds.setdefault(p.kind or "?", {"pred": 0, "ok": Counter()})
            k["pred"] += 1
            for m, fn in MATCHERS.items():
                if any(fn(g.start, g.end, p.start, p.end) and _typed(layer, g, p) for g in gold):
                    pred_ok[m] += 1
                    k["ok"][m] += 1
                else:
                    other = [g for g in sent.spans if MATCHERS["overlap"](g.start, g.end, p.start, p.end)]
                    same = [g for g in other if g.type in LAYER_TYPES[layer]]
                    where = (same or other)
                    fp_where[m][min(where, key=lambda g: g.level).type if where else "O"] += 1
                    errors[m]["fp"].append({"sent": si, "kind": p.kind, "value": p.value, "start": p.start,
                                            "end": p.end, "text": p.text,
                                            "overlapping_gold": [f"{g.type}:{g.text}" for g in other]})
    return {
        "layer": layer,
        "sentences": len(sents),
        "matchers": {m: _prf(pred_ok[m], n_pred, gold_found[m], n_gold) for m in MATCHERS},
        "types": {t: {"gold": v["gold"], "found": {m: v["found"][m] for m in MATCHERS}} for t, v in types.items()},
        "kinds": {k: {"pred": v["pred"], "ok": {m: v["ok"][m] for m in MATCHERS}} for k, v in sorted(kinds.items())},
        "fp_where": {m: dict(c.most_common()) for m, c in fp_where.items()},
        "errors": errors,
    }


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}" if b else "    -"


def _context(sent: Sentence, start: int, end: int, width: int = 45) -> str:
    left = sent.text[max(0, start - width):start]
    right = sent.text[end:end + width]
    return f"{'…' if start > width else ''}{left}[[{sent.text[start:end]}]]{right}{'…' if end + width < len(sent.text) else ''}"


def _pick(items: list, n: int) -> list:
    """``n`` items spread evenly over ``items`` (all of them when there are fewer)."""
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return items
    return [items[(i * len(items)) // n] for i in range(n)]


def format_report(res: dict, sents: Sequence[Sentence] | None = None, *, errors: int = 0,
                  error_matcher: str = "overlap") -> str:
    """Plain-text tables for one layer's :func:`score` result (and errors with context)."""
    L = [f"== {res['layer']} ({res['sentences']} sentences; gold types {', '.join(LAYER_TYPES[res['layer']])})",
         f"{'matcher':8} {'gold':>5} {'found':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for m, r in res["matchers"].items():
        L.append(f"{m:8} {r['gold']:5d} {r['gold_found']:5d} {r['pred']:5d} {r['pred_ok']:5d} "
                 f"{100 * r['precision']:6.1f} {100 * r['recall']:6.1f} {100 * r['f1']:6.1f}")
    L.append("recall per Wojood type (found / gold, %)")
    L.append(f"{'type':9} {'gold':>5}  " + "  ".join(f"{m:>13}" for m in MATCHERS))
    for t, v in res["types"].items():
        L.append(f"{t:9} {v['gold']:5d}  " + "  ".join(f"{v['found'][m]:4d} ({_pct(v['found'][m], v['gold'])})" for m in MATCHERS))
    L.append("precision per predicted kind (correct / predicted, %)")
    L.append(f"{'kind':9} {'pred':>5}  " + "  ".join(f"{m:>13}" for m in MATCHERS))
    for k, v in res["kinds"].items():
        L.append(f"{k:9} {v['pred']:5d}  " + "  ".join(f"{v['ok'][m]:4d} ({_pct(v['ok'][m], v['pred'])})" for m in MATCHERS))
    L.append("false positives by the Wojood type they overlap (O = untagged text)")
    for m, c in res["fp_where"].items():
        L.append(f"  {m:8} " + (", ".join(f"{t} {n}" for t, n in c.items()) or "none"))
    if errors and sents is not None:
        err = res["errors"][error_matcher]
        fns, fps = _pick(err["fn"], errors), _pick(err["fp"], errors)
        L.append(f"false negatives ({error_matcher}; {len(fns)} of {len(err['fn'])})")
        for e in fns:
            s = sents[e["sent"]]
            near = f"  pred: {' | '.join(e['overlapping_pred'])}" if e["overlapping_pred"] else ""
            L.append(f"  {s.source}:{s.line} {e['type']:8} {_context(s, e['start'], e['end'])}{near}")
        L.append(f"false positives ({error_matcher}; {len(fps)} of {len(err['fp'])})")
        for e in fps:
            s = sents[e["sent"]]
            gold = f"  gold: {' | '.join(e['overlapping_gold'])}" if e["overlapping_gold"] else ""
            L.append(f"  {s.source}:{s.line} {e['kind']}={e['value']!s:10} {_context(s, e['start'], e['end'])}{gold}")
    return "\n".join(L)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m arabic_events.evaluation.wojood", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=[*SPLITS, "all"])
    ap.add_argument("--layer", default="both", choices=["times", "quantities", "entities", "both", "all"],
                    help="both: times and quantities; all: also entities")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N false negatives and N false positives")
    ap.add_argument("--error-matcher", default="overlap", choices=list(MATCHERS),
                    help="the matcher whose errors --errors prints (default overlap: the genuine misses)")
    ap.add_argument("--data", default=str(DEFAULT_DIR), help="the wojood_sample directory")
    ap.add_argument("--join-numbers", action="store_true",
                    help='write numbers that Wojood split at a separator without spaces ("2 , 500" -> "2,500")')
    ap.add_argument("--json", action="store_true", help="print the scores as JSON instead of tables")
    args = ap.parse_args(list(argv) if argv is not None else None)
    try:
        sents = load_split(args.split, args.data, join_numbers=args.join_numbers)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    layers = {"both": ["times", "quantities"], "all": ["times", "quantities", "entities"]}.get(args.layer, [args.layer])
    results = {layer: score(sents, layer) for layer in layers}
    if args.json:
        out = {"split": args.split, "join_numbers": args.join_numbers, "sentences": len(sents), "tokens": sum(len(s.tokens) for s in sents),
               "layers": {}}
        for layer, res in results.items():
            res = dict(res)
            err = res.pop("errors")
            if args.errors:
                res["errors"] = {k: _pick(v, args.errors) for k, v in err[args.error_matcher].items()}
            out["layers"][layer] = res
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"Wojood sample, split {args.split}: {len(sents)} sentences, {sum(len(s.tokens) for s in sents)} tokens, "
          f"{sum(s.repairs for s in sents)} I- tags read as B-"
          + ("; split numbers joined" if args.join_numbers else ""))
    for layer in layers:
        print()
        print(format_report(results[layer], sents, errors=args.errors, error_matcher=args.error_matcher))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
