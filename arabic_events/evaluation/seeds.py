"""Score a pipeline against gold annotations: ``arabic-events evaluate FOLDER``.

A gold folder holds ``<name>.txt`` (the article, read verbatim) and ``gold/<name>.json``
(the annotations, schema in ``docs/annotation.md``). Each article is run through the
pipeline (``arabic_events.load()`` by default) with the gold ``published`` date, and each
layer is scored with precision, recall and F1:

- ``body_exact``: the predicted body zone has exactly the gold bounds (one item per doc);
  ``body_overlap``: characters of the predicted body that lie in the gold body.
- ``entities``: span + label (and per label); ``quantities``: span + value (and span
  only); ``times``: span + value (and span only); ``events``: type + trigger span (and
  per type); ``arguments``: event type + role + argument span (and per role), and
  ``arguments_anchored`` which also requires the trigger span; ``events_polarity`` and
  ``events_modality``: type + trigger span + the event's polarity / modality (not part of
  the micro total), and ``factuality``: of the events matched by type and trigger, how many
  have the gold polarity and the gold modality (accuracy, with a confusion count).
- ``micro``: the sum over entities, quantities, times, events and arguments.

Matching counts multisets, so a key that occurs twice in the gold must be predicted twice.
By default only predictions inside the gold's annotated regions (title, dateline, body,
minus ``excluded`` ranges) are scored, because the gold says nothing about boilerplate;
``--all-text`` scores every prediction. When nothing is predicted, precision is 0.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .events_eval import EVENT_V2_ROLES

__all__ = [
    "ENTITY_LABELS",
    "QUANTITY_KINDS",
    "APPROX_MARKERS",
    "TIME_KINDS",
    "TIME_MODS",
    "TIME_FLAGS",
    "EVENT_ROLES",
    "POLARITIES",
    "MODALITIES",
    "load_gold",
    "validate_gold",
    "evaluate_docs",
    "evaluate_folder",
    "format_report",
    "main",
]

# --------------------------------------------------------------------------- schema
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "FAC"})
QUANTITY_KINDS = frozenset({"cardinal", "ordinal", "fraction", "percent", "multiple", "vague"})
APPROX_MARKERS = frozenset({None, "about", "more_than", "less_than", "at_least", "at_most", "few",
                            "tens", "hundreds", "thousands", "millions", "billions"})
TIME_KINDS = frozenset({"date", "time", "duration", "set", "interval"})
TIME_MODS = frozenset({None, "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "LESS_THAN", "MORE_THAN"})
TIME_FLAGS = frozenset({"weekday_mismatch"})
# the per-mention gold (seeds, held-out) annotates the first ten frames, with the roles of
# the events-v2 gold (one table: events_eval.EVENT_V2_ROLES); every type also takes "time"
_PER_MENTION_TYPES = ("HANDOVER", "WITHDRAWAL", "DEPLOYMENT", "TROOP_COUNT", "TROOP_REDUCTION",
                      "ATTACK", "CASUALTIES", "STATEMENT", "TRAINING", "AGREEMENT")
EVENT_ROLES: dict[str, frozenset[str]] = {t: frozenset(EVENT_V2_ROLES[t]) | {"time"} for t in _PER_MENTION_TYPES}
POLARITIES = frozenset({"positive", "negative"})
MODALITIES = frozenset({"asserted", "planned", "reported", "hypothetical", "demanded"})

_TOP_KEYS = ("name", "published", "published_note", "title", "dateline", "body", "excluded",
             "entities", "quantities", "times", "events")
_LAYER_KEYS = {
    "entities": {"text", "start", "end", "label"},
    "quantities": {"text", "start", "end", "value", "kind", "approx", "unit"},
    "times": {"text", "start", "end", "value", "kind", "mod"},
}

# the layers summed into the micro total
MAIN_LAYERS = ("entities", "quantities", "times", "events", "arguments")


def read_text(path: str | Path) -> str:
    """Read an article verbatim (UTF-8, no newline translation)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def load_gold(path: str | Path) -> dict:
    """Load one gold JSON file; raise ``InputError`` if it is not valid JSON."""
    from ..errors import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc}); fix the file or rebuild it with tools/build_gold.py") from exc


def _span_problems(where: str, d: Any, text: str, extra: set[str] | None = None) -> list[str]:
    if not isinstance(d, Mapping):
        return [f"{where}: expected an object with text/start/end, got {d!r}"]
    out = []
    need = {"start", "end"} | (extra or set())
    missing = need - set(d)
    if missing:
        out.append(f"{where}: missing keys {sorted(missing)}")
        return out
    s, e = d["start"], d["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        out.append(f"{where}: bad offsets [{s}:{e}] (text length {len(text)})")
        return out
    if "text" in d and text[s:e] != d["text"]:
        out.append(f"{where}: text {d['text']!r} != text[{s}:{e}] = {text[s:e]!r}")
    return out


def annotated_regions(gold: Mapping[str, Any]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(regions, excluded): title/dateline/body ranges and the excluded ranges inside them."""
    regions = [(gold[k]["start"], gold[k]["end"]) for k in ("title", "dateline", "body") if gold.get(k)]
    excluded = [(x["start"], x["end"]) for x in gold.get("excluded") or ()]
    return regions, excluded


def _inside(s: int, e: int, regions, excluded) -> bool:
    if not any(a <= s and e <= b for a, b in regions):
        return False
    return not any(s < b and a < e for a, b in excluded)


def validate_gold(gold: Mapping[str, Any], text: str) -> list[str]:
    """Every problem of a gold record against its article text (empty list when valid)."""
    p: list[str] = []
    if not isinstance(gold, Mapping):
        return ["gold must be a JSON object"]
    missing = [k for k in _TOP_KEYS if k not in gold]
    if missing:
        return [f"missing top-level keys {missing}"]
    unknown = set(gold) - set(_TOP_KEYS)
    if unknown:
        p.append(f"unknown top-level keys {sorted(unknown)}")
    if gold["published"] is not None:
        import datetime as _dt

        try:
            _dt.date.fromisoformat(str(gold["published"]))
        except ValueError:
            p.append(f"published {gold['published']!r} is not an ISO date (YYYY-MM-DD) or null")
        if not gold.get("published_note"):
            p.append("published is set but published_note does not say how it is known")
    for key in ("title", "dateline"):
        if gold[key] is not None:
            p += _span_problems(key, gold[key], text, {"text"})
    if gold["body"] is None:
        p.append("body is required")
        return p
    p += _span_problems("body", gold["body"], text)
    if p:
        return p
    for i, x in enumerate(gold["excluded"] or ()):
        p += _span_problems(f"excluded[{i}]", x, text, {"text"})
    if p:
        return p
    regions, excluded = annotated_regions(gold)
    for (a, b) in excluded:
        if not any(ra <= a and b <= rb for ra, rb in regions):
            p.append(f"excluded range [{a}:{b}] is not inside the title, dateline or body")

    def check(where, d, keys):
        probs = _span_problems(where, d, text, keys)
        if not probs and not _inside(d["start"], d["end"], regions, excluded):
            probs.append(f"{where}: span {d.get('text')!r} [{d['start']}:{d['end']}] lies outside the "
                         "annotated regions (title/dateline/body minus excluded)")
        return probs

    for layer, keys in _LAYER_KEYS.items():
        seen = set()
        for i, d in enumerate(gold[layer]):
            where = f"{layer}[{i}]"
            probs = check(where, d, keys)
            p += probs
            if probs:
                continue
            extra = set(d) - keys - {"flags"}
            if extra:
                p.append(f"{where}: unknown keys {sorted(extra)}")
            if (d["start"], d["end"]) in seen:
                p.append(f"{where}: duplicate span {d['text']!r}")
            seen.add((d["start"], d["end"]))
            if layer == "entities" and d["label"] not in ENTITY_LABELS:
                p.append(f"{where}: label {d['label']!r} not in {sorted(ENTITY_LABELS)}")
            if layer == "quantities":
                if d["kind"] not in QUANTITY_KINDS:
                    p.append(f"{where}: kind {d['kind']!r} not in {sorted(QUANTITY_KINDS)}")
                if d["approx"] not in APPROX_MARKERS:
                    p.append(f"{where}: approx {d['approx']!r} is not a known marker")
                if d["value"] is not None and (isinstance(d["value"], bool) or not isinstance(d["value"], (int, float))):
                    p.append(f"{where}: value {d['value']!r} must be a number or null")
            if layer == "times":
                if d["kind"] not in TIME_KINDS:
                    p.append(f"{where}: kind {d['kind']!r} not in {sorted(TIME_KINDS)}")
                if d["mod"] not in TIME_MODS:
                    p.append(f"{where}: mod {d['mod']!r} is not a known modifier")
                if d["value"] is not None and not isinstance(d["value"], str):
                    p.append(f"{where}: value {d['value']!r} must be a string or null")
                for f in d.get("flags", ()):
                    if f not in TIME_FLAGS:
                        p.append(f"{where}: flag {f!r} not in {sorted(TIME_FLAGS)}")
    for i, ev in enumerate(gold["events"]):
        where = f"events[{i}]"
        if not isinstance(ev, Mapping):
            p.append(f"{where}: not an object")
            continue
        miss = {"type", "trigger", "arguments", "time", "polarity", "modality"} - set(ev)
        if miss:
            p.append(f"{where}: missing keys {sorted(miss)}")
            continue
        roles = EVENT_ROLES.get(ev["type"])
        if roles is None:
            p.append(f"{where}: type {ev['type']!r} not in {sorted(EVENT_ROLES)}")
            roles = frozenset()
        p += check(f"{where}.trigger", ev["trigger"], {"text"})
        if ev["polarity"] not in POLARITIES:
            p.append(f"{where}: polarity {ev['polarity']!r} not in {sorted(POLARITIES)}")
        if ev["modality"] not in MODALITIES:
            p.append(f"{where}: modality {ev['modality']!r} not in {sorted(MODALITIES)}")
        if ev["time"] is not None and not isinstance(ev["time"], str):
            p.append(f"{where}: time must be a string or null")
        for j, a in enumerate(ev["arguments"]):
            aw = f"{where}.arguments[{j}]"
            p += check(aw, a, {"role", "text"})
            if isinstance(a, Mapping) and roles and a.get("role") not in roles:
                p.append(f"{aw}: role {a.get('role')!r} is not a role of {ev['type']} ({sorted(roles)})")
    return p


# ------------------------------------------------------------------------ scoring
def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision/recall/F1 with counts; an empty denominator gives 0.0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _value_key(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 4)
    return str(v)


def _as_dict(doc: Any) -> dict:
    if hasattr(doc, "to_dict"):
        return doc.to_dict()
    if isinstance(doc, Mapping):
        return dict(doc)
    raise TypeError(f"the pipeline returned {type(doc).__name__}; expected a Doc or a dict")


def _get(d: Any, key: str, default: Any = None) -> Any:
    return d.get(key, default) if isinstance(d, Mapping) else getattr(d, key, default)


def _per_mention(events, gold: bool):
    """Predicted events with several ``mentions`` scored per mention (this gold is per mention)."""
    for ev in events:
        ms = ev.get("mentions") if not gold else None
        if not ms or len(ms) < 2:
            yield ev
            continue
        for m in ms:
            yield {**m, "type": ev["type"], "trigger": {"text": m["text"], "start": m["start"], "end": m["end"]}}


def _items(data: Mapping[str, Any], gold: bool) -> dict[str, list[tuple[tuple, str]]]:
    """Layer name -> list of (match key, readable description)."""
    out: dict[str, list[tuple[tuple, str]]] = {k: [] for k in (
        "entities", "quantities", "quantities_span", "times", "times_span", "events", "events_polarity",
        "events_modality", "arguments", "arguments_anchored")}
    for e in data.get("entities") or ():
        out["entities"].append(((e["start"], e["end"], e["label"]), f"{e['label']} {e['text']!r}"))
    for q in data.get("quantities") or ():
        out["quantities"].append(((q["start"], q["end"], _value_key(q.get("value"))),
                                  f"{q['text']!r} = {q.get('value')!r}"))
        out["quantities_span"].append(((q["start"], q["end"]), f"{q['text']!r}"))
    for t in data.get("times") or ():
        out["times"].append(((t["start"], t["end"], _value_key(t.get("value"))), f"{t['text']!r} = {t.get('value')!r}"))
        out["times_span"].append(((t["start"], t["end"]), f"{t['text']!r}"))
    for ev in _per_mention(data.get("events") or (), gold):
        trig = ev["trigger"]
        out["events"].append(((ev["type"], trig["start"], trig["end"]), f"{ev['type']} {trig['text']!r}"))
        for fact in ("polarity", "modality"):
            value = _get(ev, fact)
            out["events_" + fact].append(((ev["type"], trig["start"], trig["end"], value),
                                          f"{ev['type']} {trig['text']!r} {fact}={value}"))
        for a in ev.get("arguments") or ():
            desc = f"{ev['type']}.{a['role']} {a['text']!r} (trigger {trig['text']!r})"
            out["arguments"].append(((ev["type"], a["role"], a["start"], a["end"]), desc))
            out["arguments_anchored"].append(
                ((ev["type"], trig["start"], trig["end"], a["role"], a["start"], a["end"]), desc))
    return out


def _offsets(layer: str, key: tuple) -> tuple[int, int]:
    if layer in ("entities", "quantities", "quantities_span", "times", "times_span"):
        return key[0], key[1]
    if layer in ("events", "events_polarity", "events_modality"):
        return key[1], key[2]
    if layer == "arguments":
        return key[2], key[3]
    return key[4], key[5]  # arguments_anchored: scope by the argument span


def _breakdown(layer: str, key: tuple) -> str | None:
    if layer == "entities":
        return key[2]
    if layer == "events":
        return key[0]
    if layer == "arguments":
        return key[1]
    return None


_BREAKDOWN_NAME = {"entities": "entities_by_label", "events": "events_by_type", "arguments": "arguments_by_role"}


def _match(gold_items, pred_items):
    g = Counter(k for k, _ in gold_items)
    p = Counter(k for k, _ in pred_items)
    tp_keys = g & p
    fn = g - p
    fp = p - g
    return tp_keys, fp, fn


def evaluate_docs(cases: Iterable[tuple[str, str, Mapping[str, Any], Any]], *, all_text: bool = False) -> dict:
    """Score ``(name, text, gold, predicted)`` tuples; ``predicted`` is a Doc or its dict.

    ``predicted`` may also be an exception instance, recorded as an error (nothing predicted).
    """
    counts: dict[str, Counter] = {}
    breakdown: dict[str, dict[str, Counter]] = {v: {} for v in _BREAKDOWN_NAME.values()}
    mistakes: dict[str, list[dict]] = {}
    per_doc: dict[str, dict] = {}
    errors: dict[str, str] = {}
    body_exact = Counter()
    body_chars = Counter()
    names = []
    fact_ok = Counter()
    fact_confusion: dict[str, Counter] = {"polarity": Counter(), "modality": Counter()}

    def add(layer, tp, fp, fn):
        c = counts.setdefault(layer, Counter())
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn

    for name, text, gold, pred in cases:
        names.append(name)
        if isinstance(pred, BaseException):
            errors[name] = f"{type(pred).__name__}: {pred}"
            pdata: dict = {}
        else:
            pdata = _as_dict(pred)
        regions, excluded = annotated_regions(gold)
        g_items = _items(gold, True)
        p_items = _items(pdata, False)
        doc_counts = {}
        for layer, gl in g_items.items():
            pl = p_items[layer]
            if not all_text:
                pl = [(k, d) for k, d in pl if _inside(*_offsets(layer, k), regions, excluded)]
            tp_keys, fp, fn = _match(gl, pl)
            tp_n, fp_n, fn_n = sum(tp_keys.values()), sum(fp.values()), sum(fn.values())
            add(layer, tp_n, fp_n, fn_n)
            doc_counts[layer] = prf(tp_n, fp_n, fn_n)
            bname = _BREAKDOWN_NAME.get(layer)
            if bname:
                for keys, slot in ((tp_keys, "tp"), (fp, "fp"), (fn, "fn")):
                    for k, n in keys.items():
                        breakdown[bname].setdefault(_breakdown(layer, k), Counter())[slot] += n
            descs_g = dict(gl)
            descs_p = dict(pl)
            for kind, keys, descs in (("fp", fp, descs_p), ("fn", fn, descs_g)):
                for k, n in keys.items():
                    s, e = _offsets(layer, k)
                    for _ in range(n):
                        mistakes.setdefault(layer, []).append(
                            {"doc": name, "kind": kind, "start": s, "end": e, "what": descs[k]})
        # factuality of the events matched by type + trigger span
        for fact in ("polarity", "modality"):
            gl = g_items["events_" + fact]
            pl = p_items["events_" + fact]
            if not all_text:
                pl = [(k, d) for k, d in pl if _inside(*_offsets("events", k), regions, excluded)]
            g_by = {}
            for k, _ in gl:
                g_by.setdefault(k[:3], []).append(k[3])
            for k, _ in pl:
                vals = g_by.get(k[:3])
                if not vals:
                    continue
                gv = k[3] if k[3] in vals else vals[0]
                vals.remove(gv)
                fact_ok[fact + "_n"] += 1
                fact_ok[fact] += int(gv == k[3])
                if gv != k[3]:
                    fact_confusion[fact][f"{gv}->{k[3]}"] += 1
        # body bounds
        gb = gold.get("body")
        pb = None
        for z in pdata.get("zones") or ():
            if _get(z, "label") == "body":
                pb = (_get(z, "start"), _get(z, "end"))
                break
        if gb:
            g_range = (gb["start"], gb["end"])
            hit = pb == g_range
            body_exact["tp"] += int(hit)
            body_exact["fn"] += int(not hit)
            body_exact["fp"] += int(pb is not None and not hit)
            glen = g_range[1] - g_range[0]
            if pb is not None:
                ov = max(0, min(pb[1], g_range[1]) - max(pb[0], g_range[0]))
                plen = max(0, pb[1] - pb[0])
            else:
                ov, plen = 0, 0
            body_chars["tp"] += ov
            body_chars["fp"] += plen - ov
            body_chars["fn"] += glen - ov
            if not hit:
                mistakes.setdefault("body_exact", []).append(
                    {"doc": name, "kind": "fn", "start": g_range[0], "end": g_range[1],
                     "what": f"gold body [{g_range[0]}:{g_range[1]}], predicted {list(pb) if pb else None}"})
        per_doc[name] = doc_counts

    layers: dict[str, Any] = {
        "body_exact": prf(body_exact["tp"], body_exact["fp"], body_exact["fn"]),
        "body_overlap": prf(body_chars["tp"], body_chars["fp"], body_chars["fn"]),
    }
    for layer in ("entities", "quantities", "quantities_span", "times", "times_span", "events",
                  "events_polarity", "events_modality", "arguments", "arguments_anchored"):
        c = counts.get(layer, Counter())
        layers[layer] = prf(c["tp"], c["fp"], c["fn"])
    for bname, table in breakdown.items():
        layers[bname] = {k: prf(c["tp"], c["fp"], c["fn"]) for k, c in sorted(table.items())}
    tot = Counter()
    for layer in MAIN_LAYERS:
        tot.update({k: layers[layer][k] for k in ("tp", "fp", "fn")})
    layers["factuality"] = {
        fact: {"matched": fact_ok[fact + "_n"], "correct": fact_ok[fact],
               "accuracy": fact_ok[fact] / fact_ok[fact + "_n"] if fact_ok[fact + "_n"] else 0.0,
               "confusion": dict(fact_confusion[fact].most_common())}
        for fact in ("polarity", "modality")
    }
    return {
        "documents": names,
        "errors": errors,
        "all_text": all_text,
        "layers": layers,
        "micro": prf(tot["tp"], tot["fp"], tot["fn"]),
        "per_document": per_doc,
        "mistakes": mistakes,
    }


def iter_gold_folder(folder: str | Path) -> list[tuple[str, str, dict]]:
    """``(name, text, gold)`` for every ``gold/<name>.json`` with its ``<name>.txt``."""
    from ..errors import InputError

    folder = Path(folder)
    gold_dir = folder / "gold"
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give a folder of <name>.txt files with gold/<name>.json")
    if not gold_dir.is_dir():
        raise InputError(f"{folder} has no gold/ subfolder; put the annotations in {gold_dir}/<name>.json")
    out = []
    problems = []
    for gpath in sorted(gold_dir.glob("*.json")):
        tpath = folder / f"{gpath.stem}.txt"
        if not tpath.is_file():
            problems.append(f"{gpath}: no article {tpath}")
            continue
        text = read_text(tpath)
        gold = load_gold(gpath)
        probs = validate_gold(gold, text)
        if probs:
            problems.append(f"{gpath}: " + "; ".join(probs[:5]) + (" ..." if len(probs) > 5 else ""))
            continue
        out.append((gpath.stem, text, gold))
    if problems:
        raise InputError("invalid gold folder:\n  " + "\n  ".join(problems))
    if not out:
        raise InputError(f"{gold_dir} holds no <name>.json gold files")
    return out


def evaluate_folder(folder: str | Path, nlp: Callable[..., Any] | None = None, *, all_text: bool = False) -> dict:
    """Run ``nlp`` (default ``arabic_events.load()``) on every gold article of ``folder`` and score it."""
    cases = iter_gold_folder(folder)
    if nlp is None:
        from .. import load

        nlp = load()

    def run():
        for name, text, gold in cases:
            try:
                pred = nlp(text, published=gold.get("published"))
            except Exception as exc:  # noqa: BLE001 - one failing article must not hide the others
                pred = exc
            yield name, text, gold, pred

    report = evaluate_docs(run(), all_text=all_text)
    report["folder"] = str(folder)
    report["pipeline"] = list(getattr(nlp, "pipe_names", []) or [])
    return report


# ------------------------------------------------------------------------ output
_ROWS = (
    ("body_exact", "body bounds (exact)"),
    ("body_overlap", "body bounds (overlap, chars)"),
    ("entities", "entities (span+label)"),
    ("entities_by_label", None),
    ("quantities", "quantities (span+value)"),
    ("quantities_span", "quantities (span only)"),
    ("times", "times (span+value)"),
    ("times_span", "times (span only)"),
    ("events", "events (type+trigger)"),
    ("events_by_type", None),
    ("events_polarity", "events (+polarity)"),
    ("events_modality", "events (+modality)"),
    ("arguments", "arguments (type+role+span)"),
    ("arguments_by_role", None),
    ("arguments_anchored", "arguments (+trigger span)"),
)


def _row(label: str, m: Mapping[str, Any]) -> str:
    return (f"{label:<32} {m['tp']:>6} {m['fp']:>6} {m['fn']:>6} "
            f"{100 * m['precision']:>6.1f} {100 * m['recall']:>6.1f} {100 * m['f1']:>6.1f}")


def format_report(report: Mapping[str, Any], show_errors: bool = False) -> str:
    """A plain-text table of the report (precision/recall/F1 in percent, with counts)."""
    lines = []
    docs = report.get("documents", [])
    head = f"{len(docs)} document(s)"
    if report.get("folder"):
        head += f" in {report['folder']}"
    if report.get("pipeline") is not None and "pipeline" in report:
        head += f"; pipeline: {', '.join(report['pipeline']) or '(no components)'}"
    if report.get("all_text"):
        head += "; scoring predictions in the whole text"
    lines.append(head)
    for name, msg in (report.get("errors") or {}).items():
        lines.append(f"ERROR {name}: {msg} (scored as no predictions)")
    lines.append(f"{'layer':<32} {'tp':>6} {'fp':>6} {'fn':>6} {'P':>6} {'R':>6} {'F1':>6}")
    layers = report["layers"]
    for key, label in _ROWS:
        if label is None:
            for sub, m in (layers.get(key) or {}).items():
                lines.append(_row(f"  {sub}", m))
        else:
            lines.append(_row(label, layers[key]))
    lines.append(_row("micro (entities..arguments)", report["micro"]))
    fact = layers.get("factuality")
    if fact:
        for name in ("polarity", "modality"):
            f = fact[name]
            conf = ", ".join(f"{k} {v}" for k, v in f["confusion"].items()) or "none"
            lines.append(f"{name} of matched events: {f['correct']}/{f['matched']} "
                         f"({100 * f['accuracy']:.1f}%); gold->predicted errors: {conf}")
    if show_errors:
        for layer, items in (report.get("mistakes") or {}).items():
            if not items:
                continue
            lines.append("")
            lines.append(f"== {layer}: {sum(i['kind'] == 'fp' for i in items)} false positive(s), "
                         f"{sum(i['kind'] == 'fn' for i in items)} false negative(s)")
            for i in sorted(items, key=lambda i: (i["doc"], i["start"], i["kind"])):
                lines.append(f"  {i['kind'].upper()} {i['doc']} [{i['start']}:{i['end']}] {i['what']}")
    return "\n".join(lines)


def print_report(report: dict, fmt, *, as_json: bool, show_errors: bool) -> int:
    """Print an evaluator report (JSON, or the text ``fmt(report, show_errors=...)`` gives) and
    return the exit status: 1 when any document could not be scored, else 0."""
    if as_json:
        out = dict(report)
        if not show_errors:
            out.pop("mistakes", None)
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(fmt(report, show_errors=show_errors))
    return 1 if report["errors"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``arabic-events evaluate [FOLDER] [--json] [--show-errors] [--all-text]``."""
    from ..errors import ArabicEventsError

    parser = argparse.ArgumentParser(
        prog="arabic-events evaluate",
        description=(
            "Run the default pipeline on every FOLDER/<name>.txt that has FOLDER/gold/<name>.json and "
            "print precision, recall and F1 per layer (body bounds, entities, quantities with value, "
            "times with value, events by type, event arguments) with micro totals."
        ),
    )
    parser.add_argument("folder", nargs="?", default="seeds", help="folder of <name>.txt + gold/<name>.json (default: seeds)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--all-text", action="store_true",
                        help="also score predictions outside the gold title/dateline/body (boilerplate)")
    parser.add_argument("--exclude", action="append", default=[], metavar="COMPONENT",
                        help="leave a component out of the default pipeline (repeatable)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        nlp = None
        if args.exclude:
            from .. import load

            nlp = load(exclude=args.exclude)
        report = evaluate_folder(args.folder, nlp, all_text=args.all_text)
    except ArabicEventsError as exc:
        print(f"arabic-events evaluate: error: {exc}", file=sys.stderr)
        return 2
    return print_report(report, format_report, as_json=args.json, show_errors=args.show_errors)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
