"""Event-recall pass (branch wt-evrecall): the corpus cases of the ATTACK, CAPTURE and
KIDNAPPING recall corpora (arabic_events/data/frames/corpus/*_recall.yaml) that name the
trigger rule in ``expect.rule`` must be found by that rule (not by an older trigger that
happens to share the word), and no negative of those corpora may give an event of the frame
from any rule."""

from __future__ import annotations

import pytest

from arabic_events._data import load_yaml
from arabic_events.events.component import EventExtractor
from arabic_events.events.coref import event_mentions
from conftest import corpus_doc

FILES = ["attack_recall.yaml", "capture_recall.yaml", "kidnapping_recall.yaml"]


def _cases():
    out = []
    for name in FILES:
        data = load_yaml(f"frames/corpus/{name}")
        for i, case in enumerate(data["positives"]):
            if "rule" in case["expect"]:
                out.append(pytest.param(data["frame"], case, id=f"{name}:{i}"))
    return out


@pytest.fixture(scope="module")
def extractor():
    return EventExtractor()


def test_every_recall_corpus_names_rules():
    assert len(_cases()) >= 14


@pytest.mark.parametrize("frame,case", _cases())
def test_recall_rule_fires(extractor, frame, case):
    doc = extractor(corpus_doc(case, published="2015-08-11"))
    expect = case["expect"]
    rules = [m.rule for m in event_mentions(doc) if m.type == frame and m.trigger.text == expect["trigger"]]
    assert expect["rule"] in rules, (case["text"], rules)


def test_new_rules_are_in_the_frames():
    from arabic_events.events.frames import builtin_frames

    frames = {f.name: f for f in builtin_frames()}
    for name in FILES:
        data = load_yaml(f"frames/corpus/{name}")
        rules = {c["expect"]["rule"] for c in data["positives"] if "rule" in c["expect"]}
        spec = frames[data["frame"]].to_dict()
        declared = {t.get("rule") or (f"pattern:{t['lemma']}" if t.get("pattern") else None) for t in spec["triggers"]}
        declared |= {f"trigger:noun:{t['lemma']}" for t in spec["triggers"] if not t.get("pattern")}
        assert rules <= declared, (name, rules - declared)
