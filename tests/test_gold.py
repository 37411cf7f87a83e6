"""The seed gold: byte-identical seeds, schema-valid annotations, exact offsets, in sync with sources."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

from arabic_events.evaluation.seeds import EVENT_ROLES, read_text, validate_gold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared" / "seeds"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _gold(name: str) -> dict:
    return json.loads((SEEDS / "gold" / f"{name}.json").read_text(encoding="utf-8"))


def test_five_seeds_each_with_gold():
    assert len(NAMES) == 5
    assert sorted(p.stem for p in (SEEDS / "gold").glob("*.json")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_seed_is_byte_identical_to_shared(name):
    if not SHARED.is_dir():
        pytest.skip("../shared/seeds is not available")
    assert (SEEDS / f"{name}.txt").read_bytes() == (SHARED / f"{name}.txt").read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_gold_is_valid(name):
    gold = _gold(name)
    text = read_text(SEEDS / f"{name}.txt")
    assert gold["name"] == name
    assert validate_gold(gold, text) == []
    # every layer is annotated on every seed
    assert gold["entities"] and gold["times"] and gold["events"]
    for ev in gold["events"]:
        assert ev["type"] in EVENT_ROLES
        assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
        for a in ev["arguments"]:
            assert text[a["start"]:a["end"]] == a["text"]


@pytest.mark.parametrize("name", NAMES)
def test_gold_matches_its_source(name):
    """The JSON is generated from seeds/gold/src/<name>.yaml, never edited by hand."""
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "tools" / "build_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.build(SEEDS / "gold" / "src" / f"{name}.yaml") == _gold(name)


def test_spans_have_no_outer_whitespace_or_enclosing_quotes():
    for name in NAMES:
        gold = _gold(name)
        spans = [("entities", d) for d in gold["entities"]] + [("quantities", d) for d in gold["quantities"]] + \
            [("times", d) for d in gold["times"]] + [("trigger", e["trigger"]) for e in gold["events"]]
        for layer, d in spans:
            t = d["text"]
            assert t == t.strip(), (name, layer, t)
            assert not (t[0] in "\"“”«(" and t[-1] in "\"“”»)"), (name, layer, t)


def test_published_dates_and_notes():
    pubs = {n: _gold(n)["published"] for n in NAMES}
    assert pubs == {
        "000_6f8a2be8fb953180": "2020-03-30",
        "001_76f16e61d5620674": None,
        "002_2bccbc29315cf56c": None,
        "003_943095af3632c038": "2020-03-29",
        "004_3a818583a5446e82": "2020-03-19",
    }
    for n in NAMES:
        assert _gold(n)["published_note"], n


# ------------------------------------------------------------- the validator catches faults
def _seed0():
    name = NAMES[0]
    return _gold(name), read_text(SEEDS / f"{name}.txt")


@pytest.mark.parametrize("mutate, expect", [
    (lambda g: g["entities"][3].__setitem__("label", "GPE"), "label 'GPE'"),
    (lambda g: g["entities"][3].__setitem__("start", g["entities"][3]["start"] + 1), "entities[3]: text"),
    (lambda g: g["quantities"][0].__setitem__("kind", "number"), "kind 'number'"),
    (lambda g: g["times"][0].__setitem__("mod", "LATE"), "mod 'LATE'"),
    (lambda g: g["events"][0].__setitem__("type", "PROTEST"), "type 'PROTEST'"),
    (lambda g: g["events"][0]["arguments"][0].__setitem__("role", "victims"), "role 'victims'"),
    (lambda g: g["events"][0].__setitem__("modality", "possible"), "modality 'possible'"),
    (lambda g: g.pop("excluded"), "missing top-level keys"),
    (lambda g: g.__setitem__("published", "30/03/2020"), "not an ISO date"),
    (lambda g: g["body"].__setitem__("end", g["body"]["start"] + 10), "outside the annotated regions"),
])
def test_validator_rejects(mutate, expect):
    gold, text = _seed0()
    gold = copy.deepcopy(gold)
    mutate(gold)
    problems = validate_gold(gold, text)
    assert any(expect in p for p in problems), problems
