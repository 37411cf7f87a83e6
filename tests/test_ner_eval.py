"""arabic_events.evaluation.ner_eval: CoNLL span scoring and the ANERcorp test-file repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic_events.evaluation import ner_eval as E

DATA = E.DEFAULT_DATA
HAS_DATA = (DATA / "anercorp_camellab" / "ANERCorp_CamelLab_test.txt.gz").exists()
HAS_MODEL = (Path(__file__).resolve().parents[1] / "models" / "ner" / "model.crfsuite").exists()


@pytest.mark.parametrize(
    "tags,spans",
    [
        (["B-PERS", "I-PERS", "O", "B-LOC"], {(0, 2, "PERS"), (3, 4, "LOC")}),
        (["I-ORG", "I-ORG", "O"], {(0, 2, "ORG")}),  # IOB1: I- after O starts a chunk
        (["B-LOC", "B-LOC"], {(0, 1, "LOC"), (1, 2, "LOC")}),
        (["B-PERS", "I-LOC"], {(0, 1, "PERS"), (1, 2, "LOC")}),
        (["O", "O"], set()),
        ([], set()),
    ],
)
def test_bio_spans(tags, spans):
    assert E.bio_spans(tags) == spans


def test_score_spans_micro_and_per_type():
    gold = [{(0, 2, "PERS"), (3, 4, "LOC")}, {(1, 2, "ORG")}]
    pred = [{(0, 2, "PERS"), (3, 5, "LOC")}, {(1, 2, "ORG"), (4, 5, "LOC")}]
    res = E.score_spans(gold, pred)
    assert res["precision"] == pytest.approx(2 / 4)
    assert res["recall"] == pytest.approx(2 / 3)
    assert res["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert res["types"]["PERS"]["f1"] == 1.0
    assert res["types"]["LOC"]["f1"] == 0.0
    assert res["types"]["LOC"]["gold"] == 1


@pytest.mark.parametrize("tag,fixed", [("B-PERs", "B-PERS"), ("o", "O"), ("B-PER", "B-PERS"), ("I-MIS", "I-MISC"), ("B-XYZ", "O"), ("I-LOC", "I-LOC")])
def test_fix_tag(tag, fixed):
    assert E.fix_tag(tag) == fixed


def test_repair_replaces_corrupted_first_tokens():
    stream = [("a", "O"), ("b", "O"), (".", "O"), ("وأكد", "O"), ("الملك", "O"), ("عبدالله", "B-PERS"), ("أمس", "O"), (".", "O"),
              ("وقال", "O"), ("محمد", "B-PERS"), ("علي", "I-PERS"), ("إن", "O")]
    test = [
        [("برند", "B-PERS"), ("الملك", "O"), ("عبدالله", "B-PERS"), ("أمس", "O"), (".", "O")],
        [("وقال", "O"), ("محمد", "B-PERS"), ("علي", "I-PERS"), ("إن", "O")],
    ]
    fixed, stats = E.repair_test(test, stream, train_tokens=3)
    assert fixed[0][0] == ("وأكد", "O")
    assert fixed[0][1:] == test[0][1:]
    assert fixed[1] == test[1]  # already right: unchanged
    assert stats == {"replaced": 1, "tags_changed": 1}


@pytest.mark.skipif(not HAS_DATA, reason="shared ANERcorp data not available")
def test_repair_on_the_real_file():
    off = E.load_set("official")
    rep = E.load_set("repaired")
    assert len(off) == len(rep) == 925
    changed = sum(a[0] != b[0] for a, b in zip(off, rep))
    assert 900 <= changed <= 925
    assert sum(len(s) for s in rep) == sum(len(s) for s in off)


@pytest.mark.skipif(not (HAS_DATA and HAS_MODEL), reason="data or model missing")
def test_main_prints_scores(capsys):
    assert E.main(["--sets", "official"]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("official"))
    f1 = float(line.split("F1")[1].split()[0])
    assert 60.0 < f1 < 100.0
    assert "PERS" in line and "LOC" in line and "ORG" in line
