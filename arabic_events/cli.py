"""Command-line interface: ``arabic-events`` (also ``python -m arabic_events``)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Sequence

from .errors import ArabicEventsError

__all__ = ["main"]

_BRIEF_DROP = ("tokens", "sentences", "text", "meta")

# sub-command -> "module:function(argv) -> int" of the evaluation helpers
_DELEGATES = {
    "evaluate": ("arabic_events.evaluation.seeds:main",
                 "score the pipeline against gold: FOLDER of <name>.txt + gold/<name>.json"),
    "evaluate-segmentation": ("arabic_events.evaluation.ud:main",
                              "sentence/token/word segmentation F1 on a UD treebank (default: UD Arabic PUD)"),
    "evaluate-ner": ("arabic_events.evaluation.ner_eval:main",
                     "NER exact-span P/R/F1 on ANERcorp (official and repaired test), AQMAR and seeds"),
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="arabic-events",
        description="Extract entities, quantities, dates and events from Arabic news text.",
        epilog="Run 'arabic-events COMMAND --help' for the options of a command.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="analyse article files (or standard input) and print JSON",
        description=(
            "Analyse each FILE (UTF-8 text; '-' or no FILE reads standard input) with the default "
            "pipeline and print the result as JSON. The output follows Doc.to_dict() (see docs/schema.md)."
        ),
    )
    ex.add_argument("files", nargs="*", metavar="FILE", help="article text files; '-' for standard input")
    ex.add_argument("--published", metavar="DATE",
                    help="publication date (ISO, e.g. 2020-03-29) used to resolve relative dates; "
                         "without it a dateline in the text is used when there is one")
    ex.add_argument("--format", choices=("json", "jsonl"), default="json",
                    help="json: one pretty object (an array for several files); jsonl: one line per file")
    ex.add_argument("--brief", action="store_true",
                    help="leave out text, sentences and tokens (keep zones, entities, quantities, times, events)")
    ex.add_argument("--exclude", metavar="COMPONENT", action="append", default=[],
                    help="leave a component out of the pipeline (repeatable), e.g. --exclude events")
    ex.add_argument("--ner", choices=("neural", "crf"), default=None,
                    help="NER model: neural (default, the BiLSTM-CRF) or crf (no torch, lighter, ~3 F1 lower)")
    tl = sub.add_parser(
        "timeline",
        help="merge the events of several articles into one timeline (JSON or CSV)",
        description=(
            "Analyse each FILE and merge mentions of one real event within and across the "
            "articles (same type, compatible arguments and dates) into timeline rows with their "
            "sources (file + span). See docs/events.md, 'Merging'."
        ),
    )
    tl.add_argument("files", nargs="+", metavar="FILE", help="article text files")
    tl.add_argument("--published", metavar="DATE", action="append", default=[],
                    help="publication date; give it once for all files or once per file, in order")
    tl.add_argument("--format", choices=("json", "csv"), default="json")
    tl.add_argument("--ner", choices=("neural", "crf"), default=None, help="NER model (see extract --ner)")
    tl.add_argument("--max-days", type=int, default=7,
                    help="largest gap in days between dates of mentions of one event (default 7)")
    comp = sub.add_parser("components", help="list the registered pipeline components")
    comp.set_defaults()
    for name, (_target, help_text) in _DELEGATES.items():
        d = sub.add_parser(name, help=help_text, add_help=False)
        d.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except FileNotFoundError:
        raise ArabicEventsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArabicEventsError(f"{path}: is a directory; give article files") from None
    except UnicodeDecodeError as exc:
        raise ArabicEventsError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _extract(args: argparse.Namespace) -> int:
    from .doc import parse_published
    from .pipeline import load

    published = parse_published(args.published) if args.published else None
    files = args.files or ["-"]
    texts = [(f, _read(f)) for f in files]  # read all first: a missing file fails before any work
    nlp = load(exclude=args.exclude, ner=args.ner)
    out = []
    for name, text in texts:
        doc = nlp(text, published=published)
        d = doc.to_dict()
        if args.brief:
            for k in _BRIEF_DROP:
                d.pop(k, None)
            d["zones"] = [{k: z[k] for k in ("label", "start", "end")} for z in d.get("zones", [])]
        d = {"source": "<stdin>" if name == "-" else name, **d}
        out.append(d)
    if args.format == "jsonl":
        for d in out:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
    else:
        obj = out[0] if len(out) == 1 else out
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .doc import parse_published
    from .events.merge import rows_to_csv, rows_to_json
    from .events.merge import merge_events
    from .pipeline import load

    dates = [parse_published(d) for d in args.published]
    if len(dates) not in (0, 1, len(args.files)):
        raise ArabicEventsError(
            f"give --published once for all files or once per file ({len(args.files)}), not {len(dates)} times"
        )
    texts = [(f, _read(f)) for f in args.files]
    nlp = load(ner=args.ner)
    docs = {}
    for i, (name, text) in enumerate(texts):
        pub = dates[i] if len(dates) == len(texts) else (dates[0] if dates else None)
        docs[Path(name).stem if name != "-" else "stdin"] = nlp(text, published=pub)
    rows = merge_events(list(docs.values()), doc_ids=list(docs), max_days=args.max_days)
    sys.stdout.write(rows_to_csv(rows) if args.format == "csv" else rows_to_json(rows) + "\n")
    return 0


def _components() -> int:
    from .pipeline import DEFAULT_PIPELINE, registered_components

    for name, info in sorted(registered_components().items()):
        default = " (default)" if name in DEFAULT_PIPELINE else ""
        print(f"{name}{default}: requires [{', '.join(info.requires)}] provides [{', '.join(info.provides)}]"
              f"  {info.description}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if argv and argv[0] in _DELEGATES:
        target = _DELEGATES[argv[0]][0]
        module, _, func = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            print(f"arabic-events: error: '{argv[0]}' is not available in this build ({exc})", file=sys.stderr)
            return 2
        try:
            return int(getattr(mod, func)(argv[1:]) or 0)
        except ArabicEventsError as exc:
            print(f"arabic-events {argv[0]}: error: {exc}", file=sys.stderr)
            return 2
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "components":
            return _components()
        if args.command == "timeline":
            return _timeline(args)
    except ArabicEventsError as exc:
        print(f"arabic-events {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
