"""The times component against the seed gold (seeds/gold/*.json), when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic_events.times.evaluate import score_dir

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Known, reported disagreements with the gold: (seed, span) -> reason (none at present).
KNOWN: dict[tuple[str, str], str] = {}

scores = score_dir(SEEDS, given_published=True) if (SEEDS / "gold").exists() else {}


@pytest.mark.skipif(not scores, reason="no seed gold yet")
@pytest.mark.parametrize("name", sorted(scores))
def test_seed_spans_and_values(name):
    s = scores[name]
    assert s["span_recall"] == 1.0, s["disagreements"]
    assert s["span_precision"] == 1.0, s["disagreements"]
    unexpected = [d for d in s["disagreements"] if (name, d["span"]) not in KNOWN]
    assert unexpected == []


@pytest.mark.skipif(not scores, reason="no seed gold yet")
def test_dateline_detection_on_seeds():
    auto = score_dir(SEEDS, given_published=False)
    for name, s in auto.items():
        if s["published_source"] == "dateline":
            assert s["published"] == s["gold_published"], name
    # seed 004 prints "19-03-2020, 11:14" under its title
    assert auto["004_3a818583a5446e82"]["published"] == "2020-03-19"
    assert auto["000_6f8a2be8fb953180"]["published"] is None


def _structure_pipeline():
    from arabic_events.errors import ConfigError
    from arabic_events.pipeline import Pipeline

    try:
        return Pipeline(["structure", "times"])
    except (ConfigError, ImportError):
        return None


@pytest.mark.skipif(not scores, reason="no seed gold yet")
def test_seed_spans_with_the_structure_component():
    import json

    nlp = _structure_pipeline()
    if nlp is None:
        pytest.skip("structure component not available")
    for name in scores:
        text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads((SEEDS / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        doc = nlp(text)
        got = {(t.start, t.end) for t in doc.times}
        want = {(t["start"], t["end"]) for t in gold["times"]}
        assert got == want, (name, [text[s:e] for s, e in got ^ want])
