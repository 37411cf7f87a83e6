"""Runs the example corpus stored beside every time lexicon (arabic_events/data/times)."""

from __future__ import annotations

import pytest

from arabic_events._data import load_yaml
from arabic_events.times import find_times
from arabic_events.times._lexicon import DATA_FILES


def _cases():
    for name in DATA_FILES:
        corpus = load_yaml(name).get("corpus") or {}
        ref = str(corpus.get("reference"))
        for i, case in enumerate(corpus.get("positives", ())):
            yield pytest.param(ref, case, id=f"{name.split('/')[-1]}:+{i}")


def _negatives():
    for name in DATA_FILES:
        corpus = load_yaml(name).get("corpus") or {}
        ref = str(corpus.get("reference"))
        for i, text in enumerate(corpus.get("negatives", ())):
            yield pytest.param(ref, text, id=f"{name.split('/')[-1]}:-{i}")


def test_every_data_file_has_a_corpus():
    for name in DATA_FILES:
        corpus = load_yaml(name).get("corpus")
        assert corpus and corpus.get("reference") and corpus.get("positives"), name


@pytest.mark.parametrize("ref,case", list(_cases()))
def test_positive(ref, case):
    found = find_times(case["text"], reference=ref)
    span = case.get("span", case["text"])
    hits = [t for t in found if t.text == span]
    assert hits, f"{span!r} not found in {case['text']!r}: {[(t.text, t.value) for t in found]}"
    t = hits[0]
    assert t.value == case["value"], (t.text, t.value, t.source)
    assert t.kind == case.get("kind", "date"), (t.text, t.kind)
    assert t.mod == case.get("mod"), (t.text, t.mod)
    assert list(t.flags) == list(case.get("flags", [])), (t.text, t.flags)


@pytest.mark.parametrize("ref,text", list(_negatives()))
def test_negative(ref, text):
    found = find_times(text, reference=ref)
    assert found == [], [(t.text, t.value, t.source) for t in found]
