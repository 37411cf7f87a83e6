"""Run the entity rule-layer corpus (arabic_events/data/gazetteers/corpus.yaml) and lint the gazetteers."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic_events._data import load_tsv, load_yaml, lint_tree, load_lines
from arabic_events.doc import Doc

ROOT = Path(__file__).resolve().parents[1]
CORPUS = load_yaml("gazetteers/corpus.yaml")
HAS_MODEL = (ROOT / "models" / "ner" / "model.crfsuite").exists()


@pytest.fixture(scope="module", params=["neural", "crf"])
def ner(request):
    if not HAS_MODEL:
        pytest.skip("models/ner/model.crfsuite not built")
    from arabic_events.ner.component import make_ner

    return make_ner(None, backend=request.param)


@pytest.mark.parametrize("case", CORPUS["positives"], ids=lambda c: c["text"][:30])
def test_corpus_positive(ner, case):
    doc = ner(Doc(case["text"]))
    doc.check_offsets()
    got = [(e.text, e.label) for e in doc.entities]
    for text, label in case["entities"]:
        assert (text, label) in got, f"{(text, label)} not in {got}"


@pytest.mark.parametrize("case", CORPUS["negatives"], ids=lambda c: c["text"][:30])
def test_corpus_negative(ner, case):
    doc = ner(Doc(case["text"]))
    bad = [(e.text, e.label) for e in doc.entities if case["label"] in ("*", e.label)]
    assert bad == []


def test_corpus_has_examples_beyond_every_facility_head():
    heads = {r[0] for r in load_tsv("gazetteers/facility_heads.tsv")}
    used = {h for h in heads for c in CORPUS["positives"] if h in c["text"]}
    assert {"قاعدة", "مطار", "معسكر"} <= used
    assert len(CORPUS["negatives"]) >= 3


@pytest.mark.parametrize(
    "name,cols",
    [("gazetteers/places.tsv", 4), ("gazetteers/orgs.tsv", 2), ("gazetteers/facilities.tsv", 2),
     ("gazetteers/facility_heads.tsv", 2), ("gazetteers/names.tsv", 2)],
)
def test_gazetteer_files_schema(name, cols):
    rows = load_tsv(name)
    assert len(rows) > 10
    assert all(len(r) == cols and r[0].strip() == r[0] and r[0] for r in rows), name
    assert lint_tree(rows, name) == []


def test_gazetteer_word_lists_lint():
    for name in ("gazetteers/facility_trailing.txt", "gazetteers/geo_heads.txt"):
        assert load_lines(name)
        assert lint_tree(list(load_lines(name)), name) == []


def test_places_come_from_geo_with_heads_stripped():
    places = {r[0]: r for r in load_tsv("gazetteers/places.tsv")}
    for name in ("العراق", "بغداد", "نينوى", "الأنبار", "دمشق"):
        assert name in places and places[name][3] == "rule"
    assert not any(p.startswith("محافظة ") for p in places)
