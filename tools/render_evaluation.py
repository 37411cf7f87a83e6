"""Fill the figures of docs/evaluation.md from the evaluators (run after changing a component).

    python tools/render_evaluation.py            # prints the tables
    python tools/render_evaluation.py --write    # rewrites docs/evaluation.md in place
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [("body_exact", "body bounds (exact)"), ("entities", "entities (span+label)"),
          ("quantities", "quantities (span+value)"), ("times", "times (span+value)"),
          ("events", "events (type+trigger)"), ("events_polarity", "events (+polarity)"),
          ("events_modality", "events (+modality)"), ("arguments", "event arguments (type+role+span)")]


def _eval(folder: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "arabic_events", "evaluate", folder, "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _table(rep: dict) -> str:
    rows = ["| layer | P | R | F1 | tp / fp / fn |", "|---|---|---|---|---|"]
    for key, label in LAYERS:
        m = rep["layers"].get(key)
        if m:
            rows.append(f"| {label} | {m['precision']*100:.1f} | {m['recall']*100:.1f} | **{m['f1']*100:.1f}** | "
                        f"{m['tp']} / {m['fp']} / {m['fn']} |")
    m = rep["micro"]
    rows.append(f"| micro (entities .. arguments) | {m['precision']*100:.1f} | {m['recall']*100:.1f} | "
                f"**{m['f1']*100:.1f}** | {m['tp']} / {m['fp']} / {m['fn']} |")
    return "\n".join(rows)


def _ner_table() -> str:
    models = [("`nn1` (default)", ROOT / "models" / "ner" / "neural" / "scores.json"),
              ("`crf:v2`", ROOT / "models" / "ner" / "scores.json")]
    names = [("official", "ANERcorp official test (CAMeL split)"), ("repaired", "ANERcorp repaired test"),
             ("aqmar", "AQMAR test (Wikipedia, out of domain)")]
    rows = ["| model | test set | P | R | F1 | PERS | LOC | ORG | MISC |", "|---|---|---|---|---|---|---|---|---|"]
    for model, path in models:
        if not path.exists():
            continue
        scores = json.loads(path.read_text(encoding="utf-8"))
        for key, label in names:
            s = scores.get(key)
            if not s:
                continue
            t = s.get("types", {})
            cell = lambda k: f"{t[k]['f1']*100:.1f}" if k in t else ""  # noqa: E731
            rows.append(f"| {model} | {label} | {s['precision']*100:.1f} | {s['recall']*100:.1f} | **{s['f1']*100:.1f}** | "
                        f"{cell('PERS')} | {cell('LOC')} | {cell('ORG')} | {cell('MISC')} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    tables = {"HELDOUT_TABLE": _table(_eval("eval/heldout")), "SEEDS_TABLE": _table(_eval("seeds")),
              "NER_TABLE": _ner_table()}
    for k, v in tables.items():
        print(f"## {k}\n{v}\n")
    if "--write" in argv:
        p = ROOT / "docs" / "evaluation.md"
        text = p.read_text(encoding="utf-8")
        for k, v in tables.items():
            # a placeholder line, or a table rendered earlier under the marker comment
            pat = re.compile(rf"<!-- {k} -->\n(?:\|.*\n)+|^{k}\n", re.M)
            text = pat.sub(lambda _m, k=k, v=v: f"<!-- {k} -->\n{v}\n", text)
        p.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
