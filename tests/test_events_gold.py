"""The event-level gold (eval/events/, conventions "events v2" in docs/annotation.md):
generated from its sources, exact offsets, valid schema, articles verbatim from the
reproducible selection, and no 5-word sequence of a TEST article in the development material."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_events.evaluation import events_eval
from conftest import load_script as _load, read_seed as _read

ROOT = Path(__file__).resolve().parent.parent
EV = ROOT / "eval" / "events"


build = _load("events_build", EV / "build.py")
SOURCES = build.sources()
IDS = {split: sorted(p.stem for p in (EV / split / "gold").glob("*.json")) for split in build.SPLITS}


def test_split_sizes_and_files():
    assert len(IDS["test"]) == 15
    assert sorted(p.stem for p in (EV / "test").glob("*.txt")) == IDS["test"]
    assert len(IDS["dev"]) >= 25
    dev_txt = {p.stem for p in (EV / "dev").glob("*.txt")}
    assert set(IDS["dev"]) <= dev_txt
    for split in build.SPLITS:
        assert sorted(p.stem for p in (EV / split / "gold" / "src").glob("*.yaml")) == IDS[split]
    assert not set(IDS["test"]) & set(IDS["dev"])


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: f"{p.parent.parent.parent.name}/{p.stem}")
def test_json_is_generated_from_its_source(src):
    """gold/<id>.json is written by eval/events/build.py, never by hand."""
    assert build.build(src) == json.loads(_read(build.json_path(src)))


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: f"{p.parent.parent.parent.name}/{p.stem}")
def test_gold_is_valid_with_exact_offsets(src):
    split_dir = src.parent.parent.parent
    gold = json.loads(_read(build.json_path(src)))
    text = _read(split_dir / f"{gold['id']}.txt")
    assert events_eval.validate_gold(gold, text) == []
    title, blank, rest = text.split("\n", 2)
    assert title.strip() and blank == "" and rest.strip() and text.endswith("\n")
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids))
    for ev in gold["events"]:
        assert ev["type"] in build.EVENT_ROLES
        assert ev["polarity"] in build.POLARITIES and ev["modality"] in build.MODALITIES
        assert ev["genericity"] in build.GENERICITIES and isinstance(ev["historical"], bool)
        assert ev["factual"] == events_eval.is_factual(ev)
        spans = list(ev["mentions"])
        for a in ev["arguments"]:
            assert a["role"] in build.EVENT_ROLES[ev["type"]] or a["role"] == "time"
            spans += [a] + a["alternatives"]
        for d in spans:
            assert text[d["start"]:d["end"]] == d["text"] and d["text"] == d["text"].strip(), d
        for m in ev["mentions"]:  # triggers carry no conjunction clitic before a verb/noun
            assert len(m["text"]) > 1, m


def test_articles_still_pass_the_selection_steps():
    """Each article is a candidate of its split (select.py steps 1-2), with a topic, verbatim."""
    sel = _load("events_select", EV / "select.py")
    if not sel.DATA.is_file():
        pytest.skip("../shared/data/saudinewsnet is not available")
    table = sel.topics()
    for split in build.SPLITS:
        cands = dict(sel.candidates(split))
        for art in IDS[split]:
            d = cands.get(int(art))
            assert d is not None, f"{split}/{art} is not a candidate of select.py steps 1-2"
            assert sel.topic_of(d, table), art
            assert _read(EV / split / f"{art}.txt") == sel.article_text(d)
            gold = json.loads(_read(EV / split / "gold" / f"{art}.json"))
            assert gold["published"] == d["date_extracted"][:10]
            assert gold["source"] == d["source"]


def test_no_test_article_sentence_in_development_material():
    """If this fails, text of the blind event test set was copied into the library's data,
    tests or docs (eval/heldout/select.py's definition of development material)."""
    sel = _load("events_select", EV / "select.py")
    dev = sel.dev_shingles()
    # formulaic phrases found in 5+ other SaudiNewsNet articles (names with titles, market
    # boilerplate) are not evidence of copying: select.py --write-common lists them
    common = set(_read(sel.COMMON_FILE).splitlines())
    assert len(common) < 600
    for art in IDS["test"]:
        w = sel.words(_read(EV / "test" / f"{art}.txt"))
        leaked = [" ".join(w[j:j + 5]) for j in range(len(w) - 4) if tuple(w[j:j + 5]) in dev]
        assert not [x for x in leaked if x not in common], (art, leaked[:3])


def test_every_new_frame_and_factuality_value_is_exercised():
    seen_types, seen_mod = set(), set()
    for split in build.SPLITS:
        for art in IDS[split]:
            for ev in json.loads(_read(EV / split / "gold" / f"{art}.json"))["events"]:
                seen_types.add(ev["type"])
                seen_mod.add(ev["modality"])
    assert {"STATEMENT", "ATTACK", "CASUALTIES", "KIDNAPPING", "ARREST", "CAPTURE", "PROTEST"} <= seen_types
    assert {"asserted", "planned", "hypothetical"} <= seen_mod


@pytest.mark.parametrize("split", build.SPLITS)
def test_gold_scores_perfectly_against_itself(split):
    """The gold read as a prediction matches itself one-to-one: no two events of a type
    share a mention, no two arguments of an event are the same filler twice."""
    cases = []
    for art in IDS[split]:
        gold = json.loads(_read(EV / split / "gold" / f"{art}.json"))
        pred = {"events": [
            {"type": e["type"], "mentions": e["mentions"],
             "arguments": [{k: a[k] for k in ("role", "text", "start", "end")} for a in e["arguments"]],
             **{k: e[k] for k in ("polarity", "modality", "genericity", "historical")}}
            for e in gold["events"]]}
        cases.append((art, _read(EV / split / f"{art}.txt"), gold, pred))
    r = events_eval.evaluate_docs(cases)
    for row in ("events", "events_factual", "arguments"):
        assert r[row]["fp"] == 0 and r[row]["fn"] == 0, (row, r[row])
    assert r["arguments_redundant"] == 0 and r["arguments_unscored"] == 0
    assert all(v["accuracy"] == 1.0 for v in r["factuality"].values() if v["matched"])
