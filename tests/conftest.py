"""Shared fixtures: the seed articles and a default pipeline built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def read_seed(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


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
