"""Score the ``times`` component against seed gold files (``seeds/gold/*.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..doc import Doc, Zone

__all__ = ["score_seed", "score_dir"]


def _zones(text: str, gold: dict[str, Any]) -> list[Zone]:
    zones = []
    for label in ("title", "dateline", "body"):
        z = gold.get(label)
        if z:
            zones.append(Zone(text=text[z["start"] : z["end"]], start=z["start"], end=z["end"], label=label, source="gold"))
    return zones


def score_seed(text: str, gold: dict[str, Any], *, given_published: bool = True, gold_zones: bool = True) -> dict[str, Any]:
    """Span/value agreement of the times component with one gold file.

    ``given_published``: pass the gold publication date as ``doc.published`` (as a
    caller with article metadata would); otherwise the component detects a dateline.
    ``gold_zones``: use the gold title/dateline/body zones to drop boilerplate.
    """
    from .component import make_times

    doc = Doc(text, published=gold.get("published") if given_published else None)
    if gold_zones:
        doc.zones = _zones(text, gold)
    make_times(None)(doc)
    pred = {(t.start, t.end): t for t in doc.times}
    want = {(g["start"], g["end"]): g for g in gold.get("times", [])}
    span_hits = set(pred) & set(want)
    value_hits = []
    disagreements = []
    for key in sorted(set(pred) | set(want)):
        p, g = pred.get(key), want.get(key)
        if p is not None and g is not None:
            ok = (p.value == g.get("value") and p.kind == g.get("kind") and p.mod == g.get("mod")
                  and set(g.get("flags", [])) <= set(p.flags))
            if ok:
                value_hits.append(key)
            else:
                disagreements.append({"span": g["text"], "gold": [g.get("value"), g.get("kind"), g.get("mod"), g.get("flags", [])],
                                      "pred": [p.value, p.kind, p.mod, list(p.flags)]})
        elif p is not None:
            disagreements.append({"span": p.text, "gold": None, "pred": [p.value, p.kind, p.mod, list(p.flags)]})
        else:
            disagreements.append({"span": g["text"], "gold": [g.get("value"), g.get("kind"), g.get("mod")], "pred": None})
    n_p, n_g = len(pred), len(want)
    return {
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
        "gold_published": gold.get("published"),
        "n_pred": n_p,
        "n_gold": n_g,
        "span_precision": len(span_hits) / n_p if n_p else 1.0,
        "span_recall": len(span_hits) / n_g if n_g else 1.0,
        "value_precision": len(value_hits) / n_p if n_p else 1.0,
        "value_recall": len(value_hits) / n_g if n_g else 1.0,
        "disagreements": disagreements,
    }


def score_dir(seeds: str | Path, **kw) -> dict[str, dict[str, Any]]:
    """Scores for every ``<seeds>/gold/<name>.json`` that has a matching ``<name>.txt``."""
    seeds = Path(seeds)
    out = {}
    for gp in sorted((seeds / "gold").glob("*.json")):
        tp = seeds / (gp.stem + ".txt")
        if not tp.exists():
            continue
        with open(tp, encoding="utf-8", newline="") as fh:
            text = fh.read()
        out[gp.stem] = score_seed(text, json.loads(gp.read_text(encoding="utf-8")), **kw)
    return out
