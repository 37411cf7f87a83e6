"""arabic_events: structured, checkable facts from Arabic news text.

>>> import arabic_events as ae
>>> nlp = ae.load()
>>> doc = nlp("انسحبت القوات من قاعدة القائم أمس", published="2020-03-20")

Importing the package touches no network, writes no files and imports no heavy
backend (torch, stanza, transformers); components load their data when a pipeline is
built.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .doc import Argument, Doc, Entity, Event, Quantity, Segment, Sentence, TimeExpr, Token, Trigger, Zone
from .errors import (
    ArabicEventsError,
    ConfigError,
    DataError,
    FrameError,
    InputError,
    ModelNotFoundError,
    OffsetError,
)
from .pipeline import Pipeline, component, load, registered_components

# Bound eagerly (stdlib-only module): a lazy name equal to its submodule's name would be
# shadowed by the submodule once anything imports ``arabic_events.normalize``.
from .normalize import NormalizedText, normalize  # noqa: E402
from .render import render  # noqa: E402  (same reason: stdlib-only, named like its module)
from .schema import schema  # noqa: E402

__version__ = "0.1.0"

# Names provided by optional submodules, imported on first attribute access.
_LAZY: dict[str, str] = {
    "tokenize": "arabic_events.tokenizer:tokenize",
    "parse_number": "arabic_events.numbers:parse_number",
    "parse_time": "arabic_events.times:parse_time",
    "Frame": "arabic_events.events.frames:Frame",
    "load_frame": "arabic_events.events.frames:load_frame",
    "merge_events": "arabic_events.events.merge:merge_events",
    "Corpus": "arabic_events.events.merge:Corpus",
    "to_frame": "arabic_events.export:to_frame",
    "to_conllu": "arabic_events.export:to_conllu",
    "to_spacy": "arabic_events.export:to_spacy",
    "from_spacy": "arabic_events.export:from_spacy",
}

__all__ = [
    "__version__",
    "load",
    "Pipeline",
    "component",
    "registered_components",
    "Doc",
    "Token",
    "Segment",
    "Sentence",
    "Zone",
    "Entity",
    "Quantity",
    "TimeExpr",
    "Trigger",
    "Argument",
    "Event",
    "ArabicEventsError",
    "ConfigError",
    "DataError",
    "FrameError",
    "InputError",
    "ModelNotFoundError",
    "OffsetError",
    "normalize",
    "NormalizedText",
    "render",
    "schema",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'arabic_events' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    try:
        value = getattr(import_module(module), attr)
    except ModuleNotFoundError as exc:
        raise AttributeError(f"arabic_events.{name} is not available in this build ({exc})") from exc
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
