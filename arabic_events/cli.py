"""Command-line interface: ``arabic-events`` (also ``python -m arabic_events``).

Exit status: 0 success; 1 some documents of a batch failed (each one reported on stderr,
the others written); 2 a usage or setup error (nothing processed). A failure is always
one line on stderr, never a traceback (set ``ARABIC_EVENTS_DEBUG=1`` to see one).
Output is UTF-8 whatever the locale. See docs/cli.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import importlib
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .errors import ArabicEventsError

__all__ = ["main"]

_BRIEF_DROP = ("tokens", "sentences", "text", "meta")
_FORMATS = ("summary", "json", "jsonl", "csv", "conllu")
_DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_TEXT_SUFFIXES = (".txt", ".text")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")

# sub-command -> "module:function(argv) -> int" of the evaluation helpers
_DELEGATES = {
    "evaluate": ("arabic_events.evaluation.seeds:main",
                 "score the pipeline against gold: FOLDER of <name>.txt + gold/<name>.json"),
    "evaluate-segmentation": ("arabic_events.evaluation.ud:main",
                              "sentence/token/word segmentation F1 on a UD treebank (default: UD Arabic PUD)"),
    "evaluate-ner": ("arabic_events.evaluation.ner_eval:main",
                     "NER exact-span P/R/F1 on ANERcorp (official and repaired test), AQMAR and seeds"),
    "evaluate-events": ("arabic_events.evaluation.events_eval:main",
                        "event-level and argument P/R/F1 on events-v2 gold (e.g. eval/events/dev)"),
}


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage block) and exit status 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        _err(f"{self.prog}: error: {message} (see '{self.prog} --help')")
        raise SystemExit(2)


def _err(line: str) -> None:
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line.replace("\n", " ") + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------- argument parsing
def _add_pipeline_options(p: argparse.ArgumentParser, *, exclude: bool = True) -> None:
    if exclude:
        p.add_argument("--exclude", metavar="COMPONENT", action="append", default=[],
                       help="leave a component out of the pipeline (repeatable), e.g. --exclude events")
    p.add_argument("--ner", choices=("neural", "crf"), default=None,
                   help="NER model: neural (default, the BiLSTM-CRF) or crf (no torch, lighter, ~3 F1 lower)")
    p.add_argument("--threads", type=_positive_int, default=None, metavar="N",
                   help="CPU threads for the numeric backends (torch, BLAS); default 1")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be 1 or more")
    return n


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="arabic-events",
        description="Extract entities, quantities, dates and events from Arabic news text.",
        epilog="Run 'arabic-events COMMAND --help' for the options of a command. Exit status: 0 ok, "
               "1 some documents failed, 2 usage or setup error.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ex = sub.add_parser(
        "extract",
        help="analyse articles (files, folders or standard input) and print a summary or JSON",
        description=(
            "Analyse each FILE with the default pipeline. FILE is a UTF-8 text file (one article), "
            "a .jsonl file (one {\"id\", \"text\", \"published\"} object per line), a folder (its *.txt "
            "and *.jsonl files, recursively, in name order) or '-' for standard input (no FILE: standard "
            "input; JSONL when its first line is a JSON object with a \"text\" key, else one article). "
            "Results are written one document at a time as they are done. On a terminal the default "
            "format is a short human summary; when standard output is a pipe or a file it is JSON "
            "(Doc.to_dict(), see docs/schema.md)."
        ),
    )
    ex.add_argument("files", nargs="*", metavar="FILE", help="article files, .jsonl files, folders; '-' for standard input")
    ex.add_argument("--published", metavar="DATE",
                    help="publication date (ISO, e.g. 2020-03-29) used to resolve relative dates; "
                         "without it a dateline in the text is used when there is one")
    ex.add_argument("--published-from", metavar="SOURCE",
                    help="per-document dates: a .csv/.tsv file of 'id,date' rows (id: the JSONL id, the path as "
                         "given, the file name or the file name without extension), or 'regex:PATTERN' searched "
                         "in each file name (group 'date' or the first group or the match; YYYY-MM-DD or YYYYMMDD)")
    ex.add_argument("--format", choices=_FORMATS, default=None,
                    help="summary (default on a terminal), json (default otherwise: one object for one article, "
                         "an array for several), jsonl (one line per document, streamed), csv (see --layer), conllu")
    ex.add_argument("--layer", default="spans",
                    choices=("spans", "events", "arguments", "entities", "quantities", "times", "tokens", "sentences"),
                    help="the table --format csv writes (default spans: entities, quantities, times and event "
                         "triggers in one table)")
    ex.add_argument("--brief", action="store_true",
                    help="json/jsonl: leave out text, sentences and tokens (keep zones, entities, quantities, times, events)")
    ex.add_argument("--input", choices=("auto", "text", "jsonl"), default="auto",
                    help="how to read standard input: one article (text), JSONL records, or auto (default)")
    ex.add_argument("--max-bytes", type=_positive_int, default=_DEFAULT_MAX_BYTES, metavar="N",
                    help=f"largest document in bytes; a larger one is reported and skipped (default {_DEFAULT_MAX_BYTES})")
    ex.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress bar on stderr (default: when stderr is a terminal and tqdm is installed)")
    _add_pipeline_options(ex)

    tl = sub.add_parser(
        "timeline",
        help="merge the events of several articles into one timeline (JSON or CSV)",
        description=(
            "Analyse each FILE and merge mentions of one real event within and across the "
            "articles (same type, compatible arguments and dates) into timeline rows with their "
            "sources (file + span). A document's id is its file name without extension, or the path "
            "without extension when two files share a name. See docs/events.md, 'Merging'."
        ),
    )
    tl.add_argument("files", nargs="+", metavar="FILE", help="article text files")
    tl.add_argument("--published", metavar="DATE", action="append", default=[],
                    help="publication date; give it once for all files or once per file, in order")
    tl.add_argument("--published-from", metavar="SOURCE", help="per-file dates, as for extract")
    tl.add_argument("--format", choices=("json", "csv"), default="json")
    tl.add_argument("--max-days", type=int, default=7,
                    help="largest gap in days between dates of mentions of one event (default 7)")
    _add_pipeline_options(tl, exclude=False)

    rd = sub.add_parser(
        "render",
        help="write a standalone HTML view of an article (highlights, event links, timeline)",
        description="Analyse FILE (or read a Doc JSON written by 'extract --format json') and write one "
                    "self-contained HTML page (no network). See docs/render.md.",
    )
    rd.add_argument("file", metavar="FILE", help="article text file, a Doc .json file, or '-' for standard input")
    rd.add_argument("-o", "--output", metavar="OUT", help="HTML file to write (default: standard output)")
    rd.add_argument("--published", metavar="DATE", help="publication date (ISO)")
    rd.add_argument("--title", help="page title (default: the file name)")
    _add_pipeline_options(rd)

    sv = sub.add_parser(
        "serve",
        help="run a local HTTP service: POST /extract, GET /health, an HTML page with a text box",
        description="A small HTTP service (needs nothing beyond the standard library). Binds to 127.0.0.1 "
                    "by default. See docs/serve.md.",
    )
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    sv.add_argument("--max-bytes", type=_positive_int, default=1_000_000, metavar="N",
                    help="largest request body in bytes (default 1000000)")
    sv.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="time limit to read a request and to analyse one text (default 30)")
    _add_pipeline_options(sv)

    sc = sub.add_parser("schema", help="print the JSON Schema of the output (versioned)")
    sc.set_defaults()
    comp = sub.add_parser("components", help="list the registered pipeline components")
    comp.set_defaults()
    for name, (_target, help_text) in _DELEGATES.items():
        d = sub.add_parser(name, help=help_text, add_help=False)
        d.add_argument("args", nargs=argparse.REMAINDER)
    return p


# ----------------------------------------------------------------- small helpers
def _parse_date(value: str, what: str = "--published") -> _dt.date:
    """A strict ISO date (no trailing characters); a datetime gives its date."""
    from .doc import parse_published

    s = str(value).strip()
    d: _dt.date | None = None
    try:
        d = _dt.date.fromisoformat(s)
    except ValueError:
        try:
            d = _dt.datetime.fromisoformat(s).date()
        except ValueError:
            pass
    if d is None:
        raise ArabicEventsError(f"{what} {value!r} is not a date; give an ISO date such as 2020-03-29")
    out = parse_published(d)
    assert out is not None
    return out


def _set_threads(n: int | None) -> int:
    """Thread counts of the numeric backends: set before they load, and on torch if loaded."""
    threads = 1 if n is None else n
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        if n is not None:
            os.environ[var] = str(threads)
        else:
            os.environ.setdefault(var, str(threads))
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            torch.set_num_threads(threads)
        except Exception:  # noqa: BLE001 - a backend that refuses keeps its own setting
            pass
    return threads


def _load(args: argparse.Namespace) -> Any:
    import inspect

    from .pipeline import load, registered_components

    threads = _set_threads(getattr(args, "threads", None))
    exclude = list(getattr(args, "exclude", []) or [])
    known = set(registered_components())
    unknown = [n for n in exclude if n not in known]
    if unknown:
        raise ArabicEventsError(
            f"unknown component{'s' if len(unknown) > 1 else ''} for --exclude: {', '.join(unknown)}; "
            f"known: {', '.join(sorted(known))}"
        )
    kwargs: dict[str, Any] = {"exclude": exclude, "ner": args.ner}
    if "n_threads" in inspect.signature(load).parameters:
        kwargs["n_threads"] = threads
    nlp = load(**kwargs)
    _set_threads(getattr(args, "threads", None))  # torch may have been imported by load()
    return nlp


def _utf8_streams() -> None:
    """Write UTF-8 whatever the locale; characters that cannot be encoded become escapes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
            pass


def _stdout():
    if sys.stdout is None:
        raise ArabicEventsError("standard output is closed; redirect it to a file or a pipe")
    return sys.stdout


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# ------------------------------------------------------------------ reading input
@dataclass
class _Record:
    id: Any
    source: str
    text: str | None = None
    published: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    jsonl: bool = False


def _decode(data: bytes, what: str) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"{what + ': ' if what else ''}not UTF-8 text ({exc.reason} at byte {exc.start}); convert it, e.g. iconv -f cp1256 -t utf-8"


def _check_text(rec: _Record) -> _Record:
    if rec.text is not None:
        if not rec.text.strip():
            rec.warnings.append("empty text (no characters but white space)")
        if "\x00" in rec.text:
            rec.warnings.append("contains NUL bytes (is it a binary file?)")
    return rec


def _text_record(rec_id: Any, source: str, data: bytes, max_bytes: int) -> _Record:
    rec = _Record(rec_id, source)
    if len(data) > max_bytes:
        rec.error = f"too large ({len(data)} bytes; the limit is --max-bytes {max_bytes})"
        return rec
    rec.text, rec.error = _decode(data, "")
    return _check_text(rec)


def _jsonl_records(lines: Iterator[bytes], source: str, max_bytes: int, first_no: int = 1) -> Iterator[_Record]:
    for no, line in enumerate(lines, first_no):
        if not line.strip():
            continue
        rec = _Record(f"{source}:{no}", source, jsonl=True)
        if len(line) > max_bytes:
            rec.error = f"too large ({len(line)} bytes; the limit is --max-bytes {max_bytes})"
            yield rec
            continue
        text, problem = _decode(line, "")
        if problem:
            rec.error = problem
            yield rec
            continue
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as exc:
            rec.error = f"not a JSON object ({str(exc)[:80]})"
            yield rec
            continue
        if not isinstance(obj, dict):
            rec.error = f"a JSON {type(obj).__name__}, not an object with 'text'"
            yield rec
            continue
        if "id" in obj and obj["id"] is not None:
            rec.id = obj["id"] if isinstance(obj["id"], (str, int)) else json.dumps(obj["id"], ensure_ascii=False)
        if not isinstance(obj.get("text"), str):
            rec.error = "no 'text' string"
            yield rec
            continue
        rec.text = obj["text"]
        rec.published = obj.get("published")
        rec.extra = {k: v for k, v in obj.items() if k not in ("id", "text", "published")}
        yield _check_text(rec)


def _display(path: str) -> str:
    """A path as text: bytes the locale could not decode (surrogate escapes) read as UTF-8."""
    try:
        return os.fsencode(path).decode("utf-8", "replace")
    except (UnicodeError, TypeError):
        return path


def _expand(files: Sequence[str]) -> list[tuple[str, str]]:
    """``(kind, path)`` for each input: kind is text | jsonl | stdin. Checks existence up front."""
    out: list[tuple[str, str]] = []
    missing: list[str] = []
    for f in files:
        if f == "-":
            out.append(("stdin", f))
            continue
        p = Path(f)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in _TEXT_SUFFIXES + _JSONL_SUFFIXES)
            if not found:
                raise ArabicEventsError(f"{f}: folder holds no .txt or .jsonl files")
            out.extend(("jsonl" if q.suffix.lower() in _JSONL_SUFFIXES else "text", str(q)) for q in found)
        elif p.exists():
            out.append(("jsonl" if p.suffix.lower() in _JSONL_SUFFIXES else "text", f))
        else:
            missing.append(f)
    if missing:
        raise ArabicEventsError(f"{', '.join(_display(m) for m in missing)}: no such file")
    return out


def _read_bytes(path: str, max_bytes: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(max_bytes + 1)


def _stdin_buffer():
    if sys.stdin is None:
        raise ArabicEventsError("standard input is closed; give FILE arguments or pipe text in")
    buf = getattr(sys.stdin, "buffer", None)
    if buf is None:  # a text stream put in place by a caller (tests, notebooks)
        return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))
    return buf


def _iter_records(inputs: list[tuple[str, str]], mode: str, max_bytes: int) -> Iterator[_Record]:
    for kind, path in inputs:
        if kind == "text":
            try:
                data = _read_bytes(path, max_bytes)
            except OSError as exc:
                yield _Record(_display(path), _display(path), error=f"cannot read ({exc.strerror or exc})")
                continue
            yield _text_record(_display(path), _display(path), data, max_bytes)
        elif kind == "jsonl":
            try:
                fh = open(path, "rb")
            except OSError as exc:
                yield _Record(_display(path), _display(path), error=f"cannot read ({exc.strerror or exc})")
                continue
            with fh:
                yield from _jsonl_records(iter(fh), _display(path), max_bytes)
        else:
            try:
                buf = _stdin_buffer()
                first = buf.readline() if mode != "text" else b""
            except (OSError, ValueError) as exc:
                raise ArabicEventsError(f"cannot read standard input ({exc})") from None
            if mode == "jsonl" or (mode == "auto" and _looks_like_jsonl(first)):
                yield from _jsonl_records(_chain([first], buf), "<stdin>", max_bytes)
            else:
                try:
                    rest = buf.read(max_bytes + 1)
                except (OSError, ValueError) as exc:
                    raise ArabicEventsError(f"cannot read standard input ({exc})") from None
                yield _text_record("<stdin>", "<stdin>", first + rest, max_bytes)


def _chain(head: list[bytes], tail) -> Iterator[bytes]:
    yield from head
    yield from tail


def _looks_like_jsonl(first: bytes) -> bool:
    s = first.strip()
    if not s.startswith(b"{"):
        return False
    try:
        obj = json.loads(s.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(obj, dict) and "text" in obj


# ------------------------------------------------------------- publication dates
def _published_from(spec: str | None) -> Callable[[_Record], tuple[Any, str | None]] | None:
    """A function record -> (date or None, warning or None) for --published-from."""
    if not spec:
        return None
    if spec.startswith("regex:"):
        try:
            rx = re.compile(spec[len("regex:"):])
        except re.error as exc:
            raise ArabicEventsError(f"--published-from: bad regular expression ({exc})") from None

        def by_name(rec: _Record):
            name = Path(rec.source).name
            m = rx.search(name)
            if not m:
                return None, f"--published-from: no date in the file name {name!r}"
            s = m.group("date") if "date" in rx.groupindex else (m.group(1) if rx.groups else m.group(0))
            if re.fullmatch(r"\d{8}", s):
                s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
            try:
                return _parse_date(s, "date in file name"), None
            except ArabicEventsError as exc:
                return None, str(exc)
        return by_name
    path = Path(spec)
    if not path.is_file():
        raise ArabicEventsError(f"--published-from {spec}: no such file (give a .csv/.tsv file or regex:PATTERN)")
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ArabicEventsError(f"--published-from {spec}: not UTF-8 text") from None
    delim = "\t" if path.suffix.lower() == ".tsv" or "\t" in content.split("\n", 1)[0] else ","
    table: dict[str, _dt.date] = {}
    for i, row in enumerate(csv.reader(io.StringIO(content), delimiter=delim), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if len(row) < 2:
            raise ArabicEventsError(f"--published-from {spec}: line {i} needs two columns: id{delim!r}date")
        try:
            table[row[0].strip()] = _parse_date(row[1], f"--published-from {spec} line {i}")
        except ArabicEventsError:
            if i == 1:
                continue  # a header row
            raise
    if not table:
        raise ArabicEventsError(f"--published-from {spec}: no 'id,date' rows")

    def by_table(rec: _Record):
        p = Path(rec.source)
        for key in (str(rec.id), rec.source, p.name, p.stem):
            if key in table:
                return table[key], None
        return None, None
    return by_table


def _resolve_date(rec: _Record, default: Any, lookup) -> Any:
    if rec.published not in (None, ""):
        return _parse_date(str(rec.published), "published")
    if lookup is not None:
        date, warning = lookup(rec)
        if warning:
            rec.warnings.append(warning)
        if date is not None:
            return date
    return default


# ------------------------------------------------------------------ output writers
class _Writer:
    def __init__(self, out, fmt: str, args: argparse.Namespace, single: bool) -> None:
        self.out, self.fmt, self.args, self.single = out, fmt, args, single
        self.n = 0
        self.csv_writer: csv.DictWriter | None = None

    def _emit(self, s: str) -> None:
        self.out.write(s)
        self.out.flush()

    def record(self, rec: _Record, doc: Any) -> None:
        fmt = self.fmt
        if fmt in ("json", "jsonl"):
            d = doc.to_dict()
            if self.args.brief:
                for k in _BRIEF_DROP:
                    d.pop(k, None)
                d["zones"] = [{k: z[k] for k in ("label", "start", "end")} for z in d.get("zones", [])]
            d = {"id": rec.id, "source": rec.source, **rec.extra, **d}
            if fmt == "jsonl":
                self._emit(json.dumps(d, ensure_ascii=False) + "\n")
            elif self.single:
                self._emit(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
            else:
                body = json.dumps(d, ensure_ascii=False, indent=2)
                self._emit(("[\n" if self.n == 0 else ",\n") + "  " + body.replace("\n", "\n  "))
        elif fmt == "summary":
            from .export import summary_lines

            pub = f"published {doc.published} ({doc.published_source})" if doc.published else "no publication date"
            head = f"== {rec.id}  {pub}, {len(doc.tokens)} tokens"
            self._emit(("\n" if self.n else "") + head + "\n" + "\n".join(summary_lines(doc)) + "\n")
        elif fmt == "conllu":
            from .export import to_conllu

            self._emit(to_conllu(doc, rec.id))
        elif fmt == "csv":
            from .export import _EMPTY_COLUMNS, rows

            layer = self.args.layer
            if self.csv_writer is None:
                cols = list(_EMPTY_COLUMNS[layer]) + (["arguments"] if layer == "events" else [])
                self.csv_writer = csv.DictWriter(self.out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
                self.csv_writer.writeheader()
            for r in rows(doc, layer, rec.id):
                if layer == "events":
                    r["arguments"] = "; ".join(f"{k[4:]}={v}" for k, v in r.items()
                                               if k.startswith("arg:") and k.count(":") == 1)
                self.csv_writer.writerow(r)
            self.out.flush()
        self.n += 1

    def close(self) -> None:
        if self.fmt == "json" and not self.single:
            self._emit("\n]\n" if self.n else "[]\n")
        elif self.fmt == "csv" and self.csv_writer is None:
            from .export import _EMPTY_COLUMNS

            cols = list(_EMPTY_COLUMNS[self.args.layer]) + (["arguments"] if self.args.layer == "events" else [])
            self._emit(",".join(cols) + "\n")


def _progress(args: argparse.Namespace, total: int | None):
    want = args.progress if args.progress is not None else _is_tty(sys.stderr)
    if not want:
        return None
    try:
        from tqdm import tqdm
    except ModuleNotFoundError:
        if args.progress:
            _err("arabic-events extract: warning: --progress needs tqdm (pip install tqdm)")
        return None
    return tqdm(total=total, file=sys.stderr, unit="doc", dynamic_ncols=True, leave=True)


# ----------------------------------------------------------------------- commands
def _extract(args: argparse.Namespace) -> int:
    out = _stdout()
    published = _parse_date(args.published) if args.published else None
    lookup = _published_from(args.published_from)
    inputs = _expand(args.files or ["-"])
    if any(k == "stdin" for k, _ in inputs):
        if sys.stdin is None:
            raise ArabicEventsError("standard input is closed; give FILE arguments or pipe text in")
    fmt = args.format or ("summary" if _is_tty(out) else "json")
    single = len(inputs) == 1 and inputs[0][0] != "jsonl" and not (
        inputs[0][0] == "stdin" and args.input == "jsonl")
    nlp = _load(args)
    total = None if any(k != "text" for k, _ in inputs) else len(inputs)
    bar = _progress(args, total)
    say = (lambda m: bar.write(m, file=sys.stderr)) if bar is not None else _err
    writer = _Writer(out, fmt, args, single)
    failed = done = 0
    debug = bool(os.environ.get("ARABIC_EVENTS_DEBUG"))
    records = _iter_records(inputs, args.input, args.max_bytes)
    try:
        for rec in records:
            if rec.jsonl:
                writer.single = False  # standard input that turns out to be JSONL is a batch: an array
            if rec.error is None:
                try:
                    pub = _resolve_date(rec, published, lookup)
                except ArabicEventsError as exc:
                    rec.error = str(exc)
            for w in rec.warnings:
                say(f"arabic-events extract: warning: {rec.id}: {w}")
            if rec.error is None:
                try:
                    doc = nlp(rec.text, published=pub)
                except ArabicEventsError as exc:
                    rec.error = str(exc)
                except (KeyboardInterrupt, BrokenPipeError):
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                    if debug:
                        raise
                    rec.error = f"internal error ({type(exc).__name__}: {exc}); please report it"
            if rec.error is not None:
                failed += 1
                say(f"arabic-events extract: error: {rec.id}: {rec.error}")
            else:
                writer.record(rec, doc)
                done += 1
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    writer.close()
    if failed:
        _err(f"arabic-events extract: {failed} of {failed + done} document{'s' if failed + done > 1 else ''} failed")
        return 1
    return 0


def _doc_ids(names: Sequence[str]) -> list[str]:
    """Timeline ids: the file stem, or the path without extension when stems collide."""
    stems = [Path(n).stem if n != "-" else "stdin" for n in names]
    ids = []
    seen: dict[str, int] = {}
    for n, stem in zip(names, stems):
        doc_id = stem if stems.count(stem) == 1 else str(Path(n).with_suffix("")) if n != "-" else "stdin"
        seen[doc_id] = seen.get(doc_id, 0) + 1
        ids.append(doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}")
    return ids


def _timeline(args: argparse.Namespace) -> int:
    from .events.merge import merge_events, rows_to_csv, rows_to_json

    out = _stdout()
    dates = [_parse_date(d) for d in args.published]
    if len(dates) not in (0, 1, len(args.files)):
        raise ArabicEventsError(
            f"give --published once for all files or once per file ({len(args.files)}), not {len(dates)} times"
        )
    lookup = _published_from(args.published_from)
    _expand([f for f in args.files if f != "-"])
    records = list(_iter_records([("stdin" if f == "-" else "text", f) for f in args.files], "text",
                                 _DEFAULT_MAX_BYTES))
    for rec in records:
        if rec.error:
            raise ArabicEventsError(f"{rec.source}: {rec.error}")
        for w in rec.warnings:
            _err(f"arabic-events timeline: warning: {rec.source}: {w}")
    nlp = _load(args)
    ids = _doc_ids(args.files)
    docs = []
    for i, rec in enumerate(records):
        pub = dates[i] if len(dates) == len(records) else (dates[0] if dates else None)
        pub = _resolve_date(rec, pub, lookup) if lookup else pub
        docs.append(nlp(rec.text, published=pub))
    rows = merge_events(docs, doc_ids=ids, max_days=args.max_days)
    out.write(rows_to_csv(rows) if args.format == "csv" else rows_to_json(rows) + "\n")
    out.flush()
    return 0


def _render(args: argparse.Namespace) -> int:
    from .doc import Doc
    from .render import render

    src = args.file
    if src == "-":
        data = _stdin_buffer().read()
    else:
        if not Path(src).is_file():
            raise ArabicEventsError(f"{src}: no such file")
        data = Path(src).read_bytes()
    text, problem = _decode(data, src)
    if problem:
        raise ArabicEventsError(problem)
    doc = None
    if src.endswith(".json"):
        try:
            obj = json.loads(text)
        except ValueError as exc:
            raise ArabicEventsError(f"{src}: not JSON ({exc})") from None
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if not isinstance(obj, dict):
            raise ArabicEventsError(f"{src}: expected one Doc object (from 'arabic-events extract --format json')")
        try:
            doc = Doc.from_dict(obj)
            doc.check_offsets("render input")
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise ArabicEventsError(f"{src}: not a Doc JSON ({exc})") from None
    if doc is None:
        nlp = _load(args)
        doc = nlp(text, published=_parse_date(args.published) if args.published else None)
    html = render(doc, title=args.title or ("standard input" if src == "-" else Path(src).name))
    if args.output:
        try:
            Path(args.output).write_text(html, encoding="utf-8")
        except OSError as exc:
            raise ArabicEventsError(f"cannot write {args.output} ({exc.strerror or exc})") from None
    else:
        out = _stdout()
        out.write(html)
        out.flush()
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import make_server

    nlp = _load(args)
    server = make_server(nlp, host=args.host, port=args.port, max_bytes=args.max_bytes, timeout=args.timeout)
    host, port = server.server_address[:2]
    _err(f"arabic-events serve: listening on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _schema() -> int:
    from .schema import schema_text

    out = _stdout()
    out.write(schema_text())
    out.flush()
    return 0


def _components() -> int:
    from .pipeline import DEFAULT_PIPELINE, registered_components

    out = _stdout()
    for name, info in sorted(registered_components().items()):
        default = " (default)" if name in DEFAULT_PIPELINE else ""
        uses = f" uses [{', '.join(info.uses)}]" if getattr(info, "uses", ()) else ""
        out.write(f"{name}{default}: requires [{', '.join(info.requires)}]{uses} provides [{', '.join(info.provides)}]"
                  f"  {info.description}\n")
    out.flush()
    return 0


def _quiet_broken_pipe() -> None:
    """After a reader closed the pipe: send what is left to /dev/null so exit is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    parser = _parser()
    if argv and argv[0] in _DELEGATES:
        target = _DELEGATES[argv[0]][0]
        module, _, func = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            _err(f"arabic-events: error: '{argv[0]}' is not available in this build ({exc})")
            return 2
        try:
            return int(getattr(mod, func)(argv[1:]) or 0)
        except ArabicEventsError as exc:
            _err(f"arabic-events {argv[0]}: error: {exc}")
            return 2
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    commands = {
        "extract": lambda: _extract(args),
        "timeline": lambda: _timeline(args),
        "render": lambda: _render(args),
        "serve": lambda: _serve(args),
        "schema": _schema,
        "components": _components,
    }
    try:
        return commands[args.command]()
    except ArabicEventsError as exc:
        _err(f"arabic-events {args.command}: error: {exc}")
        return 2
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 0
    except KeyboardInterrupt:
        _err(f"arabic-events {args.command}: interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - the last guard: one line, never a traceback
        if os.environ.get("ARABIC_EVENTS_DEBUG"):
            raise
        _err(f"arabic-events {args.command}: internal error: {type(exc).__name__}: {exc} "
             "(set ARABIC_EVENTS_DEBUG=1 for the traceback; please report it)")
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
