"""The second blind event-level test set (eval/events/test2/, drawn 2026-12-03 after the
first test set had been scored): 15 articles, disjoint from TEST and DEV, and no 5-word
sequence of a TEST2 article in the development material.

The structural checks (JSON generated from its source, exact offsets, valid schema,
verbatim texts passing select.py steps 1-2, gold matching itself) run for every split in
tests/test_events_gold.py, TEST2 included (build.SPLITS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_script as _load, read_seed as _read

ROOT = Path(__file__).resolve().parent.parent
EV = ROOT / "eval" / "events"
T2 = EV / "test2"


build = _load("events_build_t2", EV / "build.py")
sel = _load("events_select_t2", EV / "select.py")
IDS = sorted(p.stem for p in (T2 / "gold").glob("*.json"))


def test_test2_is_a_split_of_both_scripts():
    assert "test2" in build.SPLITS and sel.SPLITS["test2"] == 5
    # the quotas of topics.yaml sum to 15 for TEST2, like TEST
    assert sum(spec["quota"]["test2"] for spec in sel.topics().values()) == 15


def test_test2_files():
    assert len(IDS) == 15
    assert sorted(p.stem for p in T2.glob("*.txt")) == IDS
    assert sorted(p.stem for p in (T2 / "gold" / "src").glob("*.yaml")) == IDS
    assert all(int(i) % 10 == 5 for i in IDS)
    others = {p.stem for split in ("test", "dev") for p in (EV / split).glob("*.txt")}
    assert not set(IDS) & others


def test_test2_articles_are_no_copy_of_an_earlier_set_article():
    """select.py drops a TEST2 article sharing 5+ 5-word sequences with a DEV/TEST article."""
    earlier = sel.earlier_set_shingles(sel.EARLIER_SETS["test2"])
    assert len(earlier) >= 40
    for art in IDS:
        w = sel.words(_read(T2 / f"{art}.txt"))
        own = {tuple(w[j:j + 5]) for j in range(len(w) - 4)}
        assert max(len(own & other) for other in earlier) < sel.EARLIER_MIN_SHARED, art


def test_test2_content_is_annotated():
    """Every article is annotated (an article without events has its STATEMENTs at least)
    and the set covers the main frames and non-factual values."""
    types, mods, n = set(), set(), 0
    for art in IDS:
        gold = json.loads(_read(T2 / "gold" / f"{art}.json"))
        assert gold["events"], art
        n += len(gold["events"])
        for ev in gold["events"]:
            types.add(ev["type"])
            mods.add(ev["modality"])
            assert ev["mentions"], (art, ev["id"])
    assert n >= 80
    assert {"STATEMENT", "ATTACK", "BOMBING", "CASUALTIES", "ARREST", "PROTEST", "ELECTION"} <= types
    assert {"asserted", "planned", "hypothetical", "reported"} <= mods


def test_no_test2_article_sentence_in_development_material():
    """If this fails, text of the second blind event test set was copied into the library's
    data, tests or docs (eval/heldout/select.py's definition of development material)."""
    if not sel.COMMON_FILES["test2"].is_file():
        pytest.fail("eval/events/test2_common_5grams.txt is missing (select.py --write-common --split test2)")
    dev = sel.dev_shingles()
    # formulaic phrases found in 5+ other SaudiNewsNet articles are not evidence of copying
    common = set(_read(sel.COMMON_FILES["test2"]).splitlines())
    assert len(common) < 600
    for art in IDS:
        w = sel.words(_read(T2 / f"{art}.txt"))
        leaked = [" ".join(w[j:j + 5]) for j in range(len(w) - 4) if tuple(w[j:j + 5]) in dev]
        assert not [x for x in leaked if x not in common], (art, leaked[:3])


def test_contamination_check_can_fail():
    """The check above really looks at the TEST2 words: a rare sequence of an article is not
    in the common list, so copying it into the material would be caught."""
    common = set(_read(sel.COMMON_FILES["test2"]).splitlines())
    w = sel.words(_read(T2 / f"{IDS[0]}.txt"))
    grams = [" ".join(w[j:j + 5]) for j in range(len(w) - 4)]
    assert grams and sum(g not in common for g in grams) > len(grams) // 2
