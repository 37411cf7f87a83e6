"""Event-level evaluation: ``python -m arabic_events.evaluation.events_eval FOLDER``.

A folder holds ``<id>.txt`` (the article, read verbatim) and ``gold/<id>.json`` in the
"events v2" format of ``docs/annotation.md`` (per-mention gold such as ``seeds/`` works
too: each gold event is then its one ``trigger``, and predictions outside the gold's
title/dateline/body are not scored): one gold event per real event, with every
mention (trigger span) of it, its arguments (each with optional ``alternatives``: the same
filler at other places), ``time`` and factuality (``polarity``, ``modality``,
``genericity``, ``historical``). Each article is run through the pipeline
(``arabic_events.load()`` by default) with the gold ``published`` date, or predictions
are read from a folder of JSON files (``--predictions``).

Scoring (``docs/evaluation-events.md``):

- **events**: a predicted event matches a gold event of the same type when any of its
  mention spans (the dict's ``mentions`` list when present, else its ``trigger``)
  overlaps any gold mention span. Matching is one-to-one (maximum matching per document
  and type); an unmatched predicted event is a false positive, an unmatched gold event a
  false negative, and extra mentions of a matched event are no error. Micro P/R/F1
  overall and per type.
- **events_factual**: the same against the factual gold events only (asserted or
  reported, positive, specific, not historical), with the predictions filtered the same
  way where they carry the fields; a prediction that matches only a non-factual gold
  event is a false positive here.
- **arguments**: within each matched pair, a predicted argument matches a gold argument
  of the same role when its span overlaps the gold span or one of its alternatives
  (one-to-one). Arguments of unmatched predicted events are false positives, those of
  unmatched gold events false negatives. A predicted argument that repeats an
  already-matched gold filler (same role, overlapping one of its spans) is counted as
  ``redundant``, neither right nor wrong; one whose role the gold does not annotate for
  its type (``EVENT_V2_ROLES``, after ``ROLE_ALIASES``/``TYPE_ROLE_ALIASES``) is
  ``unscored``. P/R/F1 overall and per role.
- **factuality**: on matched pairs, the share whose polarity / modality / genericity /
  historical / factual value equals the gold (for each field the prediction carries).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

__all__ = [
    "EVENT_V2_ROLES",
    "FACT_FIELDS",
    "ROLE_ALIASES",
    "TYPE_ROLE_ALIASES",
    "is_factual",
    "load_folder",
    "validate_gold",
    "evaluate_docs",
    "evaluate_folder",
    "format_report",
    "main",
]

FACTUAL_MODALITIES = frozenset({"asserted", "reported"})
# the roles annotated in the events-v2 gold (docs/annotation.md), every type also takes "time";
# a predicted argument whose role is not annotated for its type is not scored ("unscored")
EVENT_V2_ROLES: dict[str, tuple[str, ...]] = {
    "HANDOVER": ("giver", "recipient", "facility", "location"),
    "WITHDRAWAL": ("agent", "origin", "destination", "count"),
    "DEPLOYMENT": ("agent", "destination", "count"),
    "TROOP_COUNT": ("force", "count", "location"),
    "TROOP_REDUCTION": ("agent", "from_count", "to_count", "fraction", "timeframe"),
    "ATTACK": ("attacker", "target", "weapon", "location", "count", "ordinal"),
    "CASUALTIES": ("victims", "count", "agent", "location"),
    "STATEMENT": ("speaker", "title", "content", "audience"),
    "TRAINING": ("trainer", "trainee", "count"),
    "AGREEMENT": ("parties", "topic"),
    "BOMBING": ("attacker", "target", "weapon", "location", "count"),
    "KIDNAPPING": ("agent", "victims", "count", "location"),
    "ARREST": ("agent", "detainee", "count", "location", "charge"),
    "CAPTURE": ("agent", "target", "location"),
    "PROTEST": ("protesters", "count", "location", "topic"),
    "CEASEFIRE": ("parties", "location"),
    "NATURAL_DISASTER": ("name", "location", "magnitude"),
    "ELECTION": ("election", "location", "candidates", "winner", "count"),
}
FACT_FIELDS = ("polarity", "modality", "genericity", "historical", "factual")
# role names other components may use for the gold's roles (predicted name -> gold name)
ROLE_ALIASES: dict[str, str] = {
    "victim": "victims",
    "kidnapper": "agent",
    "abductor": "agent",
    "perpetrator": "attacker",
    "detainees": "detainee",
    "arrested": "detainee",
    "suspect": "detainee",
    "suspects": "detainee",
    "protester": "protesters",
    "participants": "protesters",
    "place": "location",
    "where": "location",
    "when": "time",
    "party": "parties",
    "candidate": "candidates",
    "device": "weapon",
}
# (type, predicted role) -> gold role, where the name means something else in another frame
TYPE_ROLE_ALIASES: dict[tuple[str, str], str] = {
    ("CAPTURE", "place"): "target",
    ("PROTEST", "target"): "topic",
    ("ELECTION", "turnout"): "count",
}


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def read_text(path: str | Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def is_factual(ev: Mapping[str, Any]) -> bool:
    """Asserted or reported, positive, specific and not historical.

    Missing fields count as factual (a prediction that says nothing is taken at its word);
    an explicit ``factual`` key wins.
    """
    if ev.get("factual") is not None:
        return bool(ev["factual"])
    return (ev.get("modality", "asserted") in FACTUAL_MODALITIES
            and ev.get("polarity", "positive") == "positive"
            and ev.get("genericity", "specific") == "specific"
            and not ev.get("historical", False))


# ----------------------------------------------------------------------------- gold
def validate_gold(gold: Mapping[str, Any], text: str) -> list[str]:
    """Every problem of an events-v2 gold record against its text (empty when valid)."""
    p: list[str] = []
    for key in ("published", "events"):
        if key not in gold:
            p.append(f"missing key {key!r}")
    if "id" not in gold and "name" not in gold:
        p.append("missing key 'id'")
    if p:
        return p

    def span(where, d):
        if not all(k in d for k in ("text", "start", "end")):
            return [f"{where}: needs text/start/end"]
        s, e = d["start"], d["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            return [f"{where}: bad offsets [{s}:{e}]"]
        if text[s:e] != d["text"]:
            return [f"{where}: {d['text']!r} != text[{s}:{e}] {text[s:e]!r}"]
        return []

    for i, ev in enumerate(gold["events"]):
        where = f"events[{i}] ({ev.get('id')})"
        if not ev.get("type"):
            p.append(f"{where}: no type")
        mentions = ev.get("mentions") or ([ev["trigger"]] if ev.get("trigger") else [])
        if not mentions:
            p.append(f"{where}: no mentions")
        for j, m in enumerate(mentions):
            p += span(f"{where}.mentions[{j}]", m)
        for j, a in enumerate(ev.get("arguments") or ()):
            if not a.get("role"):
                p.append(f"{where}.arguments[{j}]: no role")
            p += span(f"{where}.arguments[{j}]", a)
            for k, alt in enumerate(a.get("alternatives") or ()):
                p += span(f"{where}.arguments[{j}].alternatives[{k}]", alt)
    return p


def load_folder(folder: str | Path) -> list[tuple[str, str, dict]]:
    """``(id, text, gold)`` for every ``gold/<id>.json`` of ``folder`` with its ``<id>.txt``."""
    from ..errors import InputError

    folder = Path(folder)
    gdir = folder / "gold"
    if not gdir.is_dir():
        raise InputError(f"{folder} has no gold/ subfolder; give a folder of <id>.txt with gold/<id>.json")
    out, problems = [], []
    for gpath in sorted(gdir.glob("*.json")):
        tpath = folder / f"{gpath.stem}.txt"
        if not tpath.is_file():
            problems.append(f"{gpath}: no article {tpath}")
            continue
        text = read_text(tpath)
        try:
            gold = json.loads(read_text(gpath))
        except json.JSONDecodeError as exc:
            problems.append(f"{gpath}: not valid JSON ({exc})")
            continue
        probs = validate_gold(gold, text)
        if probs:
            problems.append(f"{gpath}: " + "; ".join(probs[:5]))
            continue
        out.append((gpath.stem, text, gold))
    if problems:
        raise InputError("invalid event gold folder:\n  " + "\n  ".join(problems))
    if not out:
        raise InputError(f"{gdir} holds no <id>.json gold files")
    return out


# ------------------------------------------------------------------------ predictions
def _spans(items: Iterable[Any]) -> list[tuple[int, int, str]]:
    out = []
    for m in items or ():
        s, e = _get(m, "start"), _get(m, "end")
        if isinstance(s, int) and isinstance(e, int) and e > s:
            out.append((s, e, _get(m, "text", "")))
    return out


def _pred_events(pred: Any) -> list[dict]:
    """Normalise a Doc, its ``to_dict()``, or ``{"events": [...]}`` to plain event dicts."""
    if pred is None:
        return []
    if hasattr(pred, "to_dict") and not isinstance(pred, Mapping):
        pred = pred.to_dict()
    events = _get(pred, "events") or []
    out = []
    for k, ev in enumerate(events):
        if hasattr(ev, "to_dict") and not isinstance(ev, Mapping):
            ev = ev.to_dict()
        mentions = _spans(ev.get("mentions") or ())
        if not mentions and ev.get("trigger"):
            mentions = _spans([ev["trigger"]])
        args = []
        typ = ev.get("type")
        for a in ev.get("arguments") or ():
            role = _get(a, "role")
            role = TYPE_ROLE_ALIASES.get((typ, role)) or ROLE_ALIASES.get(role, role)
            sp = _spans([a])
            if sp:
                args.append({"role": role, "spans": sp})
        d = {"id": ev.get("id", f"p{k}"), "type": ev.get("type"), "mentions": mentions, "arguments": args}
        for f in FACT_FIELDS:
            if ev.get(f) is not None:
                d[f] = ev[f]
        out.append(d)
    return out


def _gold_events(gold: Mapping[str, Any]) -> list[dict]:
    out = []
    for ev in gold["events"]:
        args = [{"role": a["role"], "text": a["text"],
                 "spans": _spans([a]) + _spans(a.get("alternatives") or ())}
                for a in ev.get("arguments") or ()]
        # per-mention gold (seeds/, eval/heldout/) has one "trigger" per event
        mentions = ev.get("mentions") or [ev["trigger"]]
        d = {"id": ev.get("id"), "type": ev["type"], "mentions": _spans(mentions), "arguments": args}
        for f in ("polarity", "modality", "genericity", "historical"):
            d[f] = ev.get(f, {"polarity": "positive", "modality": "asserted",
                              "genericity": "specific", "historical": False}[f])
        d["factual"] = ev.get("factual", is_factual(d))
        out.append(d)
    return out


# ----------------------------------------------------------------------------- matching
def _overlap(a: Sequence[tuple[int, int, str]], b: Sequence[tuple[int, int, str]]) -> int:
    """Largest character overlap between any span of ``a`` and any span of ``b``."""
    best = 0
    for s1, e1, _ in a:
        for s2, e2, _ in b:
            best = max(best, min(e1, e2) - max(s1, s2))
    return best


def _max_matching(n_left: int, edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths); ``edges[l]`` lists right nodes, best first.

    Returns {left: right}. Deterministic: left nodes in order, right candidates in the
    given order.
    """
    match_r: dict[int, int] = {}

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges.get(u, ()):
            if v in seen:
                continue
            seen.add(v)
            if v not in match_r or augment(match_r[v], seen):
                match_r[v] = u
                return True
        return False

    for u in range(n_left):
        augment(u, set())
    return {u: v for v, u in match_r.items()}


def match_events(pred: list[dict], gold: list[dict]) -> dict[int, int]:
    """{pred index: gold index}: same type and overlapping mention spans, one-to-one."""
    edges: dict[int, list[int]] = {}
    for i, p in enumerate(pred):
        cands = [(-_overlap(p["mentions"], g["mentions"]), j) for j, g in enumerate(gold)
                 if g["type"] == p["type"] and _overlap(p["mentions"], g["mentions"]) > 0]
        edges[i] = [j for _, j in sorted(cands)]
    return _max_matching(len(pred), edges)


def match_arguments(pred_args: list[dict], gold_args: list[dict]) -> tuple[dict[int, int], set[int]]:
    """({pred arg: gold arg} one-to-one by role + overlap, {redundant pred args})."""
    edges = {}
    for i, a in enumerate(pred_args):
        cands = [(-_overlap(a["spans"], g["spans"]), j) for j, g in enumerate(gold_args)
                 if g["role"] == a["role"] and _overlap(a["spans"], g["spans"]) > 0]
        edges[i] = [j for _, j in sorted(cands)]
    m = _max_matching(len(pred_args), edges)
    redundant = {i for i, js in edges.items() if js and i not in m}
    return m, redundant


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _desc_event(ev: dict) -> str:
    return f"{ev['type']} " + " | ".join(repr(t) for _, _, t in ev["mentions"][:4])


# ----------------------------------------------------------------------------- scoring
def evaluate_docs(cases: Iterable[tuple[str, str, Mapping[str, Any], Any]]) -> dict:
    """Score ``(id, text, gold, predicted)`` tuples; ``predicted`` is a Doc, its dict, or an exception."""
    ev_c: dict[str, Counter] = defaultdict(Counter)      # per type
    evf_c: dict[str, Counter] = defaultdict(Counter)     # factual, per type
    arg_c: dict[str, Counter] = defaultdict(Counter)     # per role
    fact_n, fact_ok = Counter(), Counter()
    fact_conf: dict[str, Counter] = defaultdict(Counter)
    redundant = 0
    unscored = 0
    mistakes: list[dict] = []
    errors: dict[str, str] = {}
    names = []
    for name, _text, gold, pred in cases:
        names.append(name)
        if isinstance(pred, BaseException):
            errors[name] = f"{type(pred).__name__}: {pred}"
            pred = None
        P = _pred_events(pred)
        for p in P:
            allowed = EVENT_V2_ROLES.get(p["type"])
            if allowed is not None:
                keep = [a for a in p["arguments"] if a["role"] in allowed or a["role"] == "time"]
                unscored += len(p["arguments"]) - len(keep)
                p["arguments"] = keep
        if gold.get("body"):  # per-mention gold: score only inside its title/dateline/body
            from .seeds import _inside, annotated_regions

            regions, excluded = annotated_regions(gold)
            P = [p for p in P if any(_inside(s, e, regions, excluded) for s, e, _ in p["mentions"])]
        G = _gold_events(gold)
        m = match_events(P, G)
        matched_g = set(m.values())
        for i, p in enumerate(P):
            if i in m:
                ev_c[p["type"]]["tp"] += 1
            else:
                ev_c[p["type"]]["fp"] += 1
                mistakes.append({"doc": name, "layer": "events", "kind": "fp", "start": p["mentions"][0][0] if p["mentions"] else 0,
                                 "what": _desc_event(p)})
        for j, g in enumerate(G):
            if j not in matched_g:
                ev_c[g["type"]]["fn"] += 1
                mistakes.append({"doc": name, "layer": "events", "kind": "fn", "start": g["mentions"][0][0],
                                 "what": _desc_event(g) + ("" if g["factual"] else " (non-factual)")})
        # factual variant: factual gold only, predictions filtered where they carry the fields
        Pf = [p for p in P if is_factual(p)]
        Gf = [g for g in G if g["factual"]]
        mf = match_events(Pf, Gf)
        for i, p in enumerate(Pf):
            evf_c[p["type"]]["tp" if i in mf else "fp"] += 1
        mfg = set(mf.values())
        for j, g in enumerate(Gf):
            if j not in mfg:
                evf_c[g["type"]]["fn"] += 1
        # arguments
        for i, p in enumerate(P):
            if i not in m:
                for a in p["arguments"]:
                    arg_c[a["role"]]["fp"] += 1
                continue
            g = G[m[i]]
            am, red = match_arguments(p["arguments"], g["arguments"])
            redundant += len(red)
            for k, a in enumerate(p["arguments"]):
                if k in am:
                    arg_c[a["role"]]["tp"] += 1
                elif k not in red:
                    arg_c[a["role"]]["fp"] += 1
                    s, e, t = a["spans"][0]
                    mistakes.append({"doc": name, "layer": "arguments", "kind": "fp", "start": s,
                                     "what": f"{p['type']}.{a['role']} {t!r} (event {_desc_event(g)})"})
            got = set(am.values())
            for k, a in enumerate(g["arguments"]):
                if k not in got:
                    arg_c[a["role"]]["fn"] += 1
                    mistakes.append({"doc": name, "layer": "arguments", "kind": "fn", "start": a["spans"][0][0],
                                     "what": f"{g['type']}.{a['role']} {a['text']!r} (event {_desc_event(g)})"})
            for f in FACT_FIELDS:
                if f == "factual":
                    pv = is_factual(p) if any(x in p for x in FACT_FIELDS) else None
                else:
                    pv = p.get(f)
                if pv is None:
                    continue
                gv = g[f]
                fact_n[f] += 1
                fact_ok[f] += int(pv == gv)
                if pv != gv:
                    fact_conf[f][f"{gv}->{pv}"] += 1
        for j, g in enumerate(G):
            if j not in matched_g:
                for a in g["arguments"]:
                    arg_c[a["role"]]["fn"] += 1
                    mistakes.append({"doc": name, "layer": "arguments", "kind": "fn", "start": a["spans"][0][0],
                                     "what": f"{g['type']}.{a['role']} {a['text']!r} (event missed)"})

    def total(table):
        c = Counter()
        for v in table.values():
            c.update(v)
        return _prf(c["tp"], c["fp"], c["fn"])

    return {
        "documents": names,
        "errors": errors,
        "events": total(ev_c),
        "events_by_type": {t: _prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(ev_c.items())},
        "events_factual": total(evf_c),
        "events_factual_by_type": {t: _prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(evf_c.items())},
        "arguments": total(arg_c),
        "arguments_by_role": {r: _prf(c["tp"], c["fp"], c["fn"]) for r, c in sorted(arg_c.items())},
        "arguments_redundant": redundant,
        "arguments_unscored": unscored,
        "factuality": {f: {"matched": fact_n[f], "correct": fact_ok[f],
                           "accuracy": fact_ok[f] / fact_n[f] if fact_n[f] else 0.0,
                           "confusion": dict(fact_conf[f].most_common())}
                       for f in FACT_FIELDS},
        "mistakes": mistakes,
    }


def evaluate_folder(folder: str | Path, nlp: Callable[..., Any] | None = None, *,
                    predictions: str | Path | None = None) -> dict:
    """Score ``nlp`` (default ``arabic_events.load()``) or a folder of predicted JSON files."""
    cases = load_folder(folder)
    if predictions is None and nlp is None:
        from .. import load

        nlp = load()

    def run():
        for name, text, gold in cases:
            try:
                if predictions is not None:
                    path = Path(predictions) / f"{name}.json"
                    pred = json.loads(read_text(path)) if path.is_file() else {"events": []}
                else:
                    pred = nlp(text, published=gold.get("published"))
            except Exception as exc:  # noqa: BLE001 - one failing article must not hide the others
                pred = exc
            yield name, text, gold, pred

    report = evaluate_docs(run())
    report["folder"] = str(folder)
    return report


# ------------------------------------------------------------------------------ output
def _row(label: str, m: Mapping[str, Any]) -> str:
    return (f"{label:<30} {m['tp']:>5} {m['fp']:>5} {m['fn']:>5} "
            f"{100 * m['precision']:>6.1f} {100 * m['recall']:>6.1f} {100 * m['f1']:>6.1f}")


def format_report(report: Mapping[str, Any], show_errors: bool = False) -> str:
    lines = [f"{len(report['documents'])} document(s)" + (f" in {report['folder']}" if report.get("folder") else "")]
    for name, msg in (report.get("errors") or {}).items():
        lines.append(f"ERROR {name}: {msg} (scored as no predictions)")
    lines.append(f"{'':<30} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    lines.append(_row("events (type + any mention)", report["events"]))
    for t, m in report["events_by_type"].items():
        lines.append(_row(f"  {t}", m))
    lines.append(_row("events, factual gold only", report["events_factual"]))
    for t, m in report["events_factual_by_type"].items():
        lines.append(_row(f"  {t}", m))
    lines.append(_row("arguments (role + overlap)", report["arguments"]))
    for r, m in report["arguments_by_role"].items():
        lines.append(_row(f"  {r}", m))
    lines.append(f"redundant predicted arguments (a matched filler repeated): {report['arguments_redundant']}; "
                 f"unscored (a role the gold does not annotate): {report.get('arguments_unscored', 0)}")
    for f, v in report["factuality"].items():
        if v["matched"]:
            conf = ", ".join(f"{k} {n}" for k, n in v["confusion"].items()) or "none"
            lines.append(f"{f} of matched events: {v['correct']}/{v['matched']} ({100 * v['accuracy']:.1f}%); "
                         f"gold->predicted errors: {conf}")
        else:
            lines.append(f"{f} of matched events: not predicted")
    if show_errors:
        for layer in ("events", "arguments"):
            items = [x for x in report["mistakes"] if x["layer"] == layer]
            lines.append("")
            lines.append(f"== {layer}: {sum(x['kind'] == 'fp' for x in items)} false positive(s), "
                         f"{sum(x['kind'] == 'fn' for x in items)} false negative(s)")
            for x in sorted(items, key=lambda x: (x["doc"], x["start"], x["kind"])):
                lines.append(f"  {x['kind'].upper()} {x['doc']} @{x['start']} {x['what']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m arabic_events.evaluation.events_eval FOLDER [--json] [--show-errors] [--predictions DIR]``."""
    from ..errors import ArabicEventsError
    from .seeds import print_report

    parser = argparse.ArgumentParser(
        prog="arabic-events evaluate-events",
        description="Event-level scores (one gold event per real event, any-mention matching) on a "
                    "folder of <id>.txt + gold/<id>.json (events v2, docs/annotation.md).")
    parser.add_argument("folder", help="folder of <id>.txt + gold/<id>.json (e.g. eval/events/dev)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--predictions", metavar="DIR",
                        help="score <id>.json files of DIR (a Doc.to_dict() or {'events': [...]}) instead of running the pipeline")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        report = evaluate_folder(args.folder, predictions=args.predictions)
    except ArabicEventsError as exc:
        print(f"arabic-events evaluate-events: error: {exc}", file=sys.stderr)
        return 2
    return print_report(report, format_report, as_json=args.json, show_errors=args.show_errors)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
