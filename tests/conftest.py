"""Shared fixtures: the seed articles and a default pipeline built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def load_script(modname: str, path: Path):
    """Import a script that is not a package module (eval/events/build.py, select.py) by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(modname, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def read_seed(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def corpus_doc(case: dict, published: str):
    """A Doc built from a rule-corpus case (frames, arguments): its ``text`` and the
    ``entities`` [text, label], ``quantities`` [text, value, kind, unit] and ``times``
    [text, value, kind(, mod)] given by their first occurrence in the text."""
    from arabic_events.doc import Doc, Entity, Quantity, TimeExpr

    text = case["text"]

    def find(needle: str) -> int:
        i = text.find(needle)
        assert i != -1, f"{needle!r} is not in {text!r}"
        return i

    doc = Doc(text, published=case.get("published", published))
    for t, label in case.get("entities", []):
        i = find(t)
        doc.entities.append(Entity(t, i, i + len(t), label, source="corpus"))
    for t, value, kind, unit in case.get("quantities", []):
        t = str(t)
        i = find(t)
        doc.quantities.append(Quantity(t, i, i + len(t), value, kind, unit=unit, source="corpus"))
    for item in case.get("times", []):
        t, value, kind = item[:3]
        mod = item[3] if len(item) > 3 else None
        i = find(t)
        doc.times.append(TimeExpr(t, i, i + len(t), value, kind, mod=mod, source="corpus"))
    doc.entities.sort(key=lambda e: e.start)
    doc.check_offsets()
    return doc


def gold_for(path: Path) -> dict | None:
    g = SEEDS / "gold" / f"{path.stem}.json"
    if not g.exists():
        return None
    return json.loads(g.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    import arabic_events as ae

    return ae.load()


@pytest.fixture(scope="session")
def seed_docs(nlp):
    docs = {}
    for p in seed_paths():
        g = gold_for(p)
        docs[p.stem] = nlp(read_seed(p), published=(g or {}).get("published"))
    return docs
