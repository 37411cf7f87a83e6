"""Runs every frame corpus (arabic_events/data/frames/corpus/*.yaml) and the factuality corpus.

Positives must give an event of the frame with the expected trigger, arguments, time,
polarity and modality; negatives must give no event of the frame.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic_events._data import data_path, load_yaml
from arabic_events.doc import Doc
from arabic_events.events.component import EventExtractor
from arabic_events.events.coref import event_mentions
from conftest import corpus_doc


def build_doc(case: dict) -> Doc:
    return corpus_doc(case, published="2020-03-20")


def _corpus_files():
    base = data_path("frames/corpus")
    return sorted(p.name for p in Path(base).glob("*.yaml"))


def _cases(kind: str):
    out = []
    for name in _corpus_files():
        data = load_yaml(f"frames/corpus/{name}")
        for i, case in enumerate(data.get(kind, [])):
            out.append(pytest.param(data["frame"], case, id=f"{name}:{kind}[{i}]"))
    return out


@pytest.fixture(scope="module")
def extractor():
    return EventExtractor()


def test_every_builtin_frame_has_a_corpus():
    from arabic_events.events.frames import builtin_frames

    frames = {load_yaml(f"frames/corpus/{n}")["frame"] for n in _corpus_files()}
    assert {f.name for f in builtin_frames()} <= frames
    for name in _corpus_files():
        data = load_yaml(f"frames/corpus/{name}")
        assert len(data["positives"]) >= 4, name
        assert len(data["negatives"]) >= 2, name


def _matches(ev, expect: dict) -> list[str]:
    problems = []
    for role, want in expect.get("args", {}).items():
        got = [a.text for a in ev.args(role)]
        if isinstance(want, list):
            if got != want:
                problems.append(f"{role}: {got} != {want}")
        elif not got or got[0] != str(want):
            problems.append(f"{role}: {got} != {want!r}")
    for key in ("polarity", "modality", "time"):
        if key in expect and getattr(ev, key) != expect[key]:
            problems.append(f"{key}: {getattr(ev, key)!r} != {expect[key]!r}")
    if "polarity" not in expect and ev.polarity != "positive":
        problems.append(f"polarity: {ev.polarity!r} != 'positive'")
    if "modality" not in expect and ev.modality != "asserted":
        problems.append(f"modality: {ev.modality!r} != 'asserted'")
    return problems


@pytest.mark.parametrize("frame,case", _cases("positives"))
def test_positive(extractor, frame, case):
    doc = extractor(build_doc(case))
    doc.check_offsets()
    expect = case["expect"]
    evs = [e for e in event_mentions(doc) if e.type == frame and e.trigger.text == expect["trigger"]]
    assert evs, f"no {frame} event with trigger {expect['trigger']!r}; got {[(e.type, e.trigger.text) for e in doc.events]}"
    problems = [_matches(e, expect) for e in evs]
    assert any(not p for p in problems), f"{case['text']}\n" + "\n".join(map(str, problems)) + "\n" + str(
        [[(a.role, a.text) for a in e.arguments] for e in evs]
    )
    for e in evs:
        assert e.frame == f"{frame}@1" and e.rule


@pytest.mark.parametrize("frame,case", _cases("negatives"))
def test_negative(extractor, frame, case):
    doc = extractor(build_doc(case))
    got = [(e.type, e.trigger.text) for e in doc.events if e.type == frame]
    assert not got, f"{case['text']!r} gave {got}"


_FACT = load_yaml("events/factuality_corpus.yaml")["cases"]


@pytest.mark.parametrize("case", _FACT, ids=[c["text"][:25] for c in _FACT])
def test_factuality(extractor, case):
    doc = extractor(build_doc(case))
    evs = [e for e in event_mentions(doc) if e.type == case["type"] and e.trigger.text == case["trigger"]]
    assert evs, [(e.type, e.trigger.text) for e in doc.events]
    assert (evs[0].polarity, evs[0].modality) == (case["polarity"], case["modality"])
    assert evs[0].genericity == case.get("genericity", "specific")
    if "tense" in case:
        assert evs[0].tense == case["tense"]
