"""The JSON Schema of :meth:`Doc.to_dict` output (and of each ``arabic-events extract`` record).

>>> from arabic_events.schema import schema, SCHEMA_VERSION
>>> schema()["x-version"] == SCHEMA_VERSION
True

The schema is a data file (``arabic_events/data/schema/doc.schema.json``, JSON Schema
draft 2020-12). Within a version new optional keys may appear (objects are open); a key
removed or retyped bumps ``SCHEMA_VERSION``. :func:`validate` needs the optional
``jsonschema`` package.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from .errors import ArabicEventsError, InputError

__all__ = ["SCHEMA_VERSION", "SCHEMA_ID", "schema", "validate", "schema_text"]

SCHEMA_VERSION = "1"
SCHEMA_ID = f"urn:arabic-events:schema:doc:{SCHEMA_VERSION}"


@lru_cache(maxsize=1)
def schema_text() -> str:
    """The schema as the JSON text shipped with the package."""
    return resources.files("arabic_events").joinpath("data/schema/doc.schema.json").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    obj = json.loads(schema_text())
    if obj.get("x-version") != SCHEMA_VERSION or obj.get("$id") != SCHEMA_ID:
        raise ArabicEventsError("the shipped schema file does not match SCHEMA_VERSION; reinstall arabic_events")
    return obj


def schema() -> dict[str, Any]:
    """The JSON Schema (a fresh copy: change it freely)."""
    return copy.deepcopy(_schema())


def validate(record: Mapping[str, Any]) -> None:
    """Raise :class:`InputError` naming the first problem when ``record`` is not a valid Doc dict.

    Beyond the schema it checks what JSON Schema cannot: ``text[start:end] == span.text``
    for every span and ``start <= end``.
    """
    try:
        import jsonschema
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise ArabicEventsError("validate() needs jsonschema: pip install 'arabic-events[schema]'") from exc
    cls = jsonschema.validators.validator_for(_schema())
    err = jsonschema.exceptions.best_match(cls(_schema()).iter_errors(record))
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise InputError(f"output does not follow schema {SCHEMA_ID} at {where}: {err.message}")
    text = record["text"]
    for layer in ("zones", "sentences", "tokens", "entities", "quantities", "times"):
        for i, span in enumerate(record[layer]):
            _check_span(text, span, f"{layer}/{i}")
            for j, seg in enumerate(span.get("segments", ()) if layer == "tokens" else ()):
                _check_span(text, seg, f"{layer}/{i}/segments/{j}")
    for i, ev in enumerate(record["events"]):
        _check_span(text, ev["trigger"], f"events/{i}/trigger")
        for j, arg in enumerate(ev["arguments"]):
            _check_span(text, arg, f"events/{i}/arguments/{j}")


def _check_span(text: str, span: Mapping[str, Any], where: str) -> None:
    s, e = span["start"], span["end"]
    if not (s <= e <= len(text)) or text[s:e] != span["text"]:
        raise InputError(f"output span at {where} [{s}:{e}] does not match its text {span['text']!r}")
