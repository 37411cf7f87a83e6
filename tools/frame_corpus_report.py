"""Per-frame figures on the frame corpora (arabic_events/data/frames/corpus/*.yaml).

    python tools/frame_corpus_report.py                 # every corpus, upstream layers as given in the corpus
    python tools/frame_corpus_report.py --pipeline      # the same sentences through the default pipeline
    python tools/frame_corpus_report.py bombing arrest  # some corpora only

For each corpus file: positives whose expected trigger gives an event of the frame
(trigger recall), expected arguments found with the expected text (argument recall),
negatives that give no event of the frame, and precision = detected positives /
(detected positives + events of the frame in negative sentences). With ``--pipeline``
the entities, quantities and times come from the pipeline (NER and all) instead of the
corpus, which shows what the frame does on raw text; the corpus test
(``tests/test_frames_corpus.py``) uses the given layers, so there every case passes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from arabic_events._data import data_path, load_yaml  # noqa: E402


def _arg_hits(ev, expect: dict) -> tuple[int, int]:
    hit = total = 0
    for role, want in expect.get("args", {}).items():
        wants = want if isinstance(want, list) else [str(want)]
        got = [a.text for a in ev.args(role)]
        if not wants:  # "no filler expected" counts as one check
            total += 1
            hit += not got
            continue
        for w in wants:
            total += 1
            hit += w in got
    return hit, total


def run(names: list[str], pipeline: bool) -> list[tuple]:
    from test_frames_corpus import build_doc

    from arabic_events.events.component import EventExtractor

    if pipeline:
        import arabic_events as ae

        nlp = ae.load()
        make = lambda case: nlp(case["text"], published=case.get("published", "2020-03-20"))  # noqa: E731
    else:
        ex = EventExtractor()
        make = lambda case: ex(build_doc(case))  # noqa: E731
    rows = []
    for path in sorted(Path(data_path("frames/corpus")).glob("*.yaml")):
        if names and path.stem not in names:
            continue
        data = load_yaml(f"frames/corpus/{path.name}")
        frame = data["frame"]
        tp = arg_hit = arg_total = 0
        for case in data["positives"]:
            doc = make(case)
            evs = [e for e in doc.events if e.type == frame and e.trigger.text == case["expect"]["trigger"]]
            tp += bool(evs)
            best = max((_arg_hits(e, case["expect"]) for e in evs), default=(0, _arg_hits_total(case["expect"])))
            arg_hit += best[0]
            arg_total += best[1]
        fp = silent = 0
        for case in data["negatives"]:
            n = sum(1 for e in make(case).events if e.type == frame)
            fp += n
            silent += n == 0
        rows.append((path.stem, frame, tp, len(data["positives"]), arg_hit, arg_total, silent, len(data["negatives"]), fp))
    return rows


def _arg_hits_total(expect: dict) -> int:
    total = 0
    for want in expect.get("args", {}).values():
        total += len(want) if isinstance(want, list) and want else 1
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="corpus file stems (default: all)")
    ap.add_argument("--pipeline", action="store_true", help="run the sentences through the default pipeline")
    args = ap.parse_args()
    rows = run(args.names, args.pipeline)
    print(f"{'corpus':<20} {'frame':<17} {'trigger R':>11} {'P':>6} {'args R':>11} {'negatives silent':>17}")
    for stem, frame, tp, npos, ah, at, silent, nneg, fp in rows:
        p = tp / (tp + fp) if tp + fp else 0.0
        print(f"{stem:<20} {frame:<17} {tp:>4}/{npos:<3} {100 * tp / npos:5.1f}% {100 * p:5.1f} {ah:>4}/{at:<3} "
              f"{100 * ah / max(at, 1):5.1f}% {silent:>6}/{nneg:<3} ({fp} events)")


if __name__ == "__main__":
    main()
