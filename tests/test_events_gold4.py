"""The fourth blind event-level test set (eval/events/test4/, drawn 2026-12-03 after the
third test set had been scored once): 15 articles of a second draw from line index
i % 10 == 7 (TEST's residue, with its own seed), disjoint from TEST, DEV, TEST2, DEV2 and
TEST3, and no 5-word sequence of a TEST4 article in the development
material.

The structural checks (JSON generated from its source, exact offsets, valid schema,
verbatim texts passing select.py steps 1-2, gold matching itself) run for every split in
tests/test_events_gold.py, TEST4 included (build.SPLITS); the ones here are repeated for
TEST4 alone so that this file fails on its own when the set is broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_events.evaluation import events_eval
from conftest import load_script as _load, read_seed as _read

ROOT = Path(__file__).resolve().parent.parent
EV = ROOT / "eval" / "events"
T4 = EV / "test4"


build = _load("events_build_t4", EV / "build.py")
sel = _load("events_select_t4", EV / "select.py")
IDS = sorted(p.stem for p in (T4 / "gold").glob("*.json"))


def _gold(art: str) -> dict:
    return json.loads(_read(T4 / "gold" / f"{art}.json"))


def test_test4_is_a_split_of_both_scripts():
    assert "test4" in build.SPLITS and sel.SPLITS["test4"] == 7
    assert sum(spec["quota"]["test4"] for spec in sel.topics().values()) == 15


def test_test4_files():
    assert len(IDS) == 15
    assert sorted(p.stem for p in T4.glob("*.txt")) == IDS
    assert sorted(p.stem for p in (T4 / "gold" / "src").glob("*.yaml")) == IDS
    assert all(int(i) % 10 == 7 for i in IDS)
    others = {p.stem for split in ("test", "dev", "test2", "dev2", "test3") for p in (EV / split).glob("*.txt")}
    assert not set(IDS) & others


@pytest.mark.parametrize("art", IDS)
def test_test4_json_is_generated_and_valid(art):
    """gold/<id>.json is build.py's output of its source, with exact offsets and a valid schema."""
    src = T4 / "gold" / "src" / f"{art}.yaml"
    gold = _gold(art)
    assert build.build(src) == gold
    text = _read(T4 / f"{art}.txt")
    assert events_eval.validate_gold(gold, text) == []
    title, blank, rest = text.split("\n", 2)
    assert title.strip() and blank == "" and rest.strip() and text.endswith("\n")
    for ev in gold["events"]:
        assert ev["factual"] == events_eval.is_factual(ev)
        for d in ev["mentions"] + [s for a in ev["arguments"] for s in [a] + a["alternatives"]]:
            assert text[d["start"]:d["end"]] == d["text"] and d["text"] == d["text"].strip(), d


def test_test4_articles_are_verbatim_candidates():
    """Each article is a candidate of select.py steps 1-2 for TEST4, with a topic, verbatim,
    and the gold's published date and source are the record's."""
    if not sel.DATA.is_file():
        pytest.skip("../shared/data/saudinewsnet is not available")
    cands = dict(sel.candidates("test4"))
    table = sel.topics()
    for art in IDS:
        d = cands.get(int(art))
        assert d is not None, f"test4/{art} is not a candidate of select.py steps 1-2"
        assert sel.topic_of(d, table), art
        assert _read(T4 / f"{art}.txt") == sel.article_text(d)
        gold = _gold(art)
        assert gold["published"] == d["date_extracted"][:10]
        assert gold["source"] == d["source"]


def test_test4_articles_are_no_copy_of_an_earlier_set_article():
    """select.py drops a TEST4 article sharing 5+ 5-word sequences with a DEV/TEST/TEST2/DEV2/TEST3 article."""
    earlier = sel.earlier_set_shingles(sel.EARLIER_SETS["test4"])
    assert len(earlier) >= 60
    for art in IDS:
        w = sel.words(_read(T4 / f"{art}.txt"))
        own = {tuple(w[j:j + 5]) for j in range(len(w) - 4)}
        assert max(len(own & other) for other in earlier) < sel.EARLIER_MIN_SHARED, art


def test_test4_content_is_annotated():
    """Every article is annotated (an article without other events has its STATEMENTs) and
    the set covers the main frames and the non-factual values."""
    types, mods, n, hist, generic, negative = set(), set(), 0, 0, 0, 0
    for art in IDS:
        gold = _gold(art)
        assert gold["events"], art
        n += len(gold["events"])
        for ev in gold["events"]:
            types.add(ev["type"])
            mods.add(ev["modality"])
            hist += ev["historical"]
            generic += ev["genericity"] == "generic"
            negative += ev["polarity"] == "negative"
            assert ev["mentions"], (art, ev["id"])
    assert n >= 80
    assert {"STATEMENT", "ATTACK", "BOMBING", "CASUALTIES", "ARREST", "PROTEST", "ELECTION",
            "AGREEMENT", "NATURAL_DISASTER", "CEASEFIRE", "DEPLOYMENT"} <= types
    assert {"asserted", "planned", "hypothetical", "demanded"} <= mods
    assert hist >= 5 and generic >= 2 and negative >= 2


def test_test4_gold_scores_perfectly_against_itself():
    """The gold read as a prediction matches itself one-to-one: no two events of a type
    share a mention, no two arguments of an event are the same filler twice."""
    cases = []
    for art in IDS:
        gold = _gold(art)
        pred = {"events": [
            {"type": e["type"], "mentions": e["mentions"],
             "arguments": [{k: a[k] for k in ("role", "text", "start", "end")} for a in e["arguments"]],
             **{k: e[k] for k in ("polarity", "modality", "genericity", "historical")}}
            for e in gold["events"]]}
        cases.append((art, _read(T4 / f"{art}.txt"), gold, pred))
    r = events_eval.evaluate_docs(cases)
    for row in ("events", "events_factual", "arguments"):
        assert r[row]["fp"] == 0 and r[row]["fn"] == 0, (row, r[row])
    assert r["arguments_redundant"] == 0 and r["arguments_unscored"] == 0
    assert all(v["accuracy"] == 1.0 for v in r["factuality"].values() if v["matched"])


def test_no_test4_article_sentence_in_development_material():
    """If this fails, text of the fourth blind event test set was copied into the library's
    data, tests or docs (eval/heldout/select.py's definition of development material)."""
    if not sel.COMMON_FILES["test4"].is_file():
        pytest.fail("eval/events/test4_common_5grams.txt is missing (select.py --write-common --split test4)")
    dev = sel.dev_shingles()
    # formulaic phrases found in 5+ other SaudiNewsNet articles are not evidence of copying
    common = set(_read(sel.COMMON_FILES["test4"]).splitlines())
    assert len(common) < 600
    for art in IDS:
        w = sel.words(_read(T4 / f"{art}.txt"))
        leaked = [" ".join(w[j:j + 5]) for j in range(len(w) - 4) if tuple(w[j:j + 5]) in dev]
        assert not [x for x in leaked if x not in common], (art, leaked[:3])


def test_contamination_check_can_fail():
    """The check above really looks at the TEST4 words: most sequences of an article are
    not in the common list, so copying a sentence into the material would be caught."""
    common = set(_read(sel.COMMON_FILES["test4"]).splitlines())
    for art in IDS:
        w = sel.words(_read(T4 / f"{art}.txt"))
        grams = [" ".join(w[j:j + 5]) for j in range(len(w) - 4)]
        assert grams and sum(g not in common for g in grams) > len(grams) // 2, art
