"""Lazy, validated access to the language data shipped in ``arabic_events/data/``.

Data files are YAML, JSON, TSV or plain word lists (one entry a line, ``#`` comments).
Every Arabic string read through these helpers is linted: it must be NFC, contain no
presentation-form letters (U+FB50–U+FDFF, U+FE70–U+FEFF) and no tatweel. A file that
breaks the rules raises :class:`~arabic_events.errors.DataError` naming file and entry.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from .errors import DataError

__all__ = ["data_path", "load_yaml", "load_json", "load_lines", "load_tsv", "lint_string", "lint_tree", "iter_data_files"]

_PRESENTATION = [(0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]


def data_path(name: str) -> Path:
    """Path of a file under ``arabic_events/data``."""
    base = resources.files("arabic_events") / "data"
    p = Path(str(base)) / name
    if not p.exists():
        raise DataError(f"data file {name!r} is missing from {base}; reinstall arabic_events")
    return p


def lint_string(s: str, where: str = "") -> list[str]:
    """Problems with one data string (empty list when clean)."""
    problems = []
    if unicodedata.normalize("NFC", s) != s:
        problems.append(f"{where}: {s!r} is not NFC")
    for ch in s:
        cp = ord(ch)
        if any(a <= cp <= b for a, b in _PRESENTATION):
            problems.append(f"{where}: {s!r} contains presentation form U+{cp:04X}")
            break
        if ch == "\u0640":
            problems.append(f"{where}: {s!r} contains tatweel")
            break
        if unicodedata.category(ch) == "Cf":
            problems.append(f"{where}: {s!r} contains invisible format character U+{cp:04X}")
            break
    return problems


def lint_tree(obj: Any, where: str = "") -> list[str]:
    """Lint every string (keys and values) in a parsed data structure."""
    problems: list[str] = []
    if isinstance(obj, str):
        problems += lint_string(obj, where)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            problems += lint_tree(k, f"{where}/{k}")
            problems += lint_tree(v, f"{where}/{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            problems += lint_tree(v, f"{where}[{i}]")
    return problems


def _read_text(p: Path) -> str:
    raw = p.read_bytes()
    if p.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{p} is not UTF-8: {exc}") from exc


# presentation forms, tatweel, and the backslash of a YAML/JSON escape (which could make one)
_SUSPECT = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\u0640\\\\]")


def _raw_clean(raw: str) -> bool:
    """True when the whole file text can hold no string that the lint rejects: it is NFC and
    has no presentation form, tatweel, format character or backslash escape (which YAML/JSON
    could turn into one). Then the per-string lint is skipped (the data lint test runs it)."""
    if not unicodedata.is_normalized("NFC", raw) or _SUSPECT.search(raw):
        return False
    return not any(unicodedata.category(ch) == "Cf" for ch in set(raw))


def _checked(obj: Any, name: str, raw: str | None = None) -> Any:
    if raw is not None and _raw_clean(raw):
        return obj
    problems = lint_tree(obj, name)
    if problems:
        raise DataError(f"data file {name} fails the data lint:\n" + "\n".join(problems[:20]))
    return obj


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    import yaml

    p = data_path(name)
    raw = _read_text(p)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, ~10x faster
    try:
        obj = yaml.load(io.StringIO(raw), Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise DataError(f"data file {name} is not valid YAML: {exc}") from exc
    return _checked(obj, name, raw)


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    p = data_path(name)
    raw = _read_text(p)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(f"data file {name} is not valid JSON: {exc}") from exc
    return _checked(obj, name, raw)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a word list."""
    out = []
    raw = _read_text(data_path(name))
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.append(line)
    return tuple(_checked(out, name, raw))


@lru_cache(maxsize=None)
def load_tsv(name: str, lint: bool = True) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated file (``#`` comment lines skipped)."""
    raw = _read_text(data_path(name))
    rows = tuple(tuple(line.split("\t")) for line in raw.splitlines() if line.strip() and not line.startswith("#"))
    if lint:
        _checked(rows, name, raw)
    return rows


def iter_data_files() -> Iterator[Path]:
    """Every file under ``arabic_events/data`` (for the data lint test)."""
    base = Path(str(resources.files("arabic_events") / "data"))
    for p in sorted(base.rglob("*")):
        if p.is_file() and p.suffix in {".yaml", ".yml", ".json", ".txt", ".tsv", ".gz"} and "__pycache__" not in p.parts:
            yield p
