"""arabic_events.evaluation.wojood: the Wojood reader, the three matchers and the scores."""

from __future__ import annotations

import json

import pytest

from arabic_events.evaluation import wojood as W

HAS_DATA = (W.DEFAULT_DIR / "test.txt.gz").exists()

SAMPLE = """\
وصل B-PERS
في O
عام B-DATE
2014 I-DATE
$#$ O

جامعة B-ORG
بيرزيت I-ORG B-ORG B-GPE
الأولى I-ORG I-ORG B-ORDINAL
دفع O
13 B-MONEY
مليون I-MONEY
يورو I-MONEY B-CURR
"""


def test_reader_text_offsets_and_nesting():
    s1, s2 = W.read_wojood(SAMPLE.splitlines(keepends=True), source="x")
    assert s1.text == "وصل في عام 2014"  # $#$ dropped
    assert [(g.type, g.text, g.start, g.end) for g in s1.spans] == [("PERS", "وصل", 0, 3), ("DATE", "عام 2014", 7, 15)]
    assert s1.line == 1 and s2.line == 7 and s1.source == "x"
    assert s2.text == "جامعة بيرزيت الأولى دفع 13 مليون يورو"
    got = {(g.type, g.text, g.level) for g in s2.spans}
    assert got == {
        ("ORG", "جامعة بيرزيت الأولى", 0),
        ("ORG", "بيرزيت الأولى", 1),
        ("GPE", "بيرزيت", 2),
        ("ORDINAL", "الأولى", 2),
        ("MONEY", "13 مليون يورو", 0),
        ("CURR", "يورو", 1),
    }
    for s in (s1, s2):
        for g in s.spans:
            assert s.text[g.start:g.end] == g.text
        for t in s.tokens:
            assert s.text[t.start:t.end] == t.text


def test_reader_inner_span_shifts_left_and_stray_i_tag():
    # the outer EVENT ends while the inner DATE goes on, one column to the left
    rows = [("حرب", ["B-EVENT"]), ("عام", ["I-EVENT", "B-DATE"]), ("1948", ["I-DATE"]), ("x", ["I-LOC"])]
    s = W.parse_sentence(rows)
    assert [(g.type, g.text) for g in s.spans] == [("EVENT", "حرب عام"), ("DATE", "عام 1948"), ("LOC", "x")]
    assert s.repairs == 1  # the I-LOC that continues nothing


def test_reader_join_numbers():
    rows = [("عبر", ["O"]), ("2", ["B-CARDINAL"]), (",", ["I-CARDINAL"]), ("500", ["I-CARDINAL"]),
            ("استشارة", ["O"]), ("،", ["O"]), ("3", ["O"])]
    plain = W.parse_sentence(rows)
    joined = W.parse_sentence(rows, join_numbers=True)
    assert plain.text == "عبر 2 , 500 استشارة ، 3"
    assert joined.text == "عبر 2,500 استشارة ، 3"  # the Arabic comma after a word stays spaced
    assert [(g.text, g.start, g.end) for g in joined.spans] == [("2,500", 4, 9)]


def test_reader_skips_empty_and_marker_only_sentences():
    lines = ["\n", "$#$ O\n", "\n", "a O\n", "lonely\n", "b B-DATE\n"]
    (s,) = W.read_wojood(lines)
    assert s.text == "a b" and [(g.type, g.text) for g in s.spans] == [("DATE", "b")]


def test_layer_gold_keeps_outermost_of_the_layer():
    s = W.parse_sentence([("ألف", ["B-MONEY", "B-CARDINAL"]), ("دولار", ["I-MONEY", "B-CURR"]), ("يوم", ["B-DATE"])])
    assert [(g.type, g.text) for g in W.layer_gold(s, "quantities")] == [("MONEY", "ألف دولار")]
    assert [(g.type, g.text) for g in W.layer_gold(s, "times")] == [("DATE", "يوم")]


@pytest.mark.parametrize(
    "gold,pred,expected",
    [
        ((0, 10), (0, 10), {"exact": True, "contain": True, "overlap": True}),
        ((0, 10), (2, 5), {"exact": False, "contain": True, "overlap": True}),
        ((2, 5), (0, 10), {"exact": False, "contain": True, "overlap": True}),
        ((0, 5), (3, 8), {"exact": False, "contain": False, "overlap": True}),
        ((0, 5), (5, 8), {"exact": False, "contain": False, "overlap": False}),
    ],
)
def test_matchers(gold, pred, expected):
    assert {m: f(*gold, *pred) for m, f in W.MATCHERS.items()} == expected


def test_score_counts_with_synthetic_predictions():
    sents = W.read_wojood(SAMPLE.splitlines(keepends=True))
    # sentence 1: times gold "عام 2014" (7, 15); sentence 2: quantities gold "الأولى" (ORDINAL) and
    # "13 مليون يورو" (MONEY, 24..37)
    t_preds = [[W.PredSpan(7, 15, "عام 2014", "date", "2014"), W.PredSpan(0, 3, "وصل", "date")], []]
    res = W.score(sents, "times", t_preds)
    assert res["matchers"]["exact"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3),
                                        "pred": 2, "pred_ok": 1, "gold": 1, "gold_found": 1}
    assert res["fp_where"]["exact"] == {"PERS": 1}
    q_preds = [[], [W.PredSpan(24, 32, "13 مليون", "cardinal", 13000000), W.PredSpan(20, 23, "دفع", "cardinal", 1)]]
    res = W.score(sents, "quantities", q_preds)
    ex, co, ov = (res["matchers"][m] for m in ("exact", "contain", "overlap"))
    assert (ex["gold_found"], ex["pred_ok"], ex["gold"], ex["pred"]) == (0, 0, 2, 2)
    assert (co["gold_found"], co["pred_ok"]) == (1, 1)
    assert co["precision"] == 0.5 and co["recall"] == 0.5 and co["f1"] == 0.5
    assert res["types"]["MONEY"] == {"gold": 1, "found": {"exact": 0, "contain": 1, "overlap": 1}}
    assert res["types"]["ORDINAL"]["found"] == {"exact": 0, "contain": 0, "overlap": 0}
    assert res["kinds"]["cardinal"] == {"pred": 2, "ok": {"exact": 0, "contain": 1, "overlap": 1}}
    assert res["fp_where"]["contain"] == {"O": 1}
    fn = res["errors"]["exact"]["fn"]
    assert [(e["type"], e["text"], e["overlapping_pred"]) for e in fn] == [
        ("ORDINAL", "الأولى", []), ("MONEY", "13 مليون يورو", ["13 مليون"])]
    report = W.format_report(res, sents, errors=5, error_matcher="exact")
    assert "[[13 مليون يورو]]" in report and "pred: 13 مليون" in report


def test_score_needs_one_prediction_list_per_sentence():
    with pytest.raises(ValueError):
        W.score(W.read_wojood(SAMPLE.splitlines()), "times", [[]])


def test_predict_runs_the_components():
    text = "دفع 13 مليون يورو في عام 2014"
    assert [(p.text, p.kind) for p in W.predict(text, "quantities")] == [("13 مليون", "cardinal")]
    assert [(p.text, p.value) for p in W.predict(text, "times")] == [("عام 2014", "2014")]
    with pytest.raises(ValueError):
        W.predict(text, "events")


def test_main_on_a_small_directory(tmp_path, capsys):
    (tmp_path / "val.txt").write_text(SAMPLE, encoding="utf-8")
    assert W.main(["--split", "val", "--data", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sentences"] == 2
    times = out["layers"]["times"]["matchers"]["exact"]
    assert (times["gold"], times["gold_found"], times["pred"]) == (1, 1, 1)
    assert W.main(["--split", "test", "--data", str(tmp_path)]) == 2


@pytest.mark.skipif(not HAS_DATA, reason="the Wojood sample is not under ../shared/data")
def test_real_test_split_reads_and_scores():
    sents = W.load_split("test")
    assert len(sents) == 357
    assert sum(len(s.tokens) for s in sents) == 5227  # PROVENANCE.md: tokens without $#$
    for s in sents:
        for g in s.spans:
            assert s.text[g.start:g.end] == g.text
    gold = {t: sum(1 for s in sents for g in s.spans if g.type == t) for t in ("DATE", "TIME", "ORDINAL")}
    assert gold == {"DATE": 156, "TIME": 3, "ORDINAL": 38}  # the B- counts of the file
    res = W.score(sents, "times")
    # floors well under the measured figures (docs/evaluation-wojood.md), so a regression shows
    assert res["matchers"]["overlap"]["precision"] > 0.9
    assert res["matchers"]["overlap"]["recall"] > 0.55


def test_entities_layer_matches_by_type():
    sents = W.read_wojood(SAMPLE.splitlines(keepends=True))
    # sentence 1: PERS "وصل" (0, 3); sentence 2: outermost ORG "جامعة بيرزيت الأولى" (0, 19),
    # the ORG and GPE inside it are nested, not scored
    assert [(g.type, g.text) for g in W.layer_gold(sents[1], "entities")] == [("ORG", "جامعة بيرزيت الأولى")]
    preds = [[W.PredSpan(0, 3, "وصل", "LOC")], [W.PredSpan(0, 12, "جامعة بيرزيت", "ORG")]]
    res = W.score(sents, "entities", preds)
    # a LOC over a PERS is wrong whatever the span; an ORG inside the ORG is right (contain)
    assert (res["matchers"]["exact"]["pred_ok"], res["matchers"]["contain"]["pred_ok"]) == (0, 1)
    assert res["types"]["PERS"]["found"]["overlap"] == 0
    preds[0] = [W.PredSpan(0, 3, "وصل", "PER")]
    assert W.score(sents, "entities", preds)["matchers"]["exact"]["pred_ok"] == 1


def test_predict_entities_runs_the_ner_component():
    got = [(p.text, p.kind) for p in W.predict("زار الرئيس الفرنسي بغداد أمس", "entities")]
    assert ("بغداد", "LOC") in got


@pytest.mark.skipif(not HAS_DATA, reason="the Wojood sample is not under ../shared/data")
def test_real_test_split_entities_floor():
    res = W.score(W.load_split("test"), "entities")
    # floors under the measured figures (docs/evaluation-wojood.md: contain P 68.9 R 63.5 with nn1, 70.9 / 58.7 with the CRF)
    assert res["matchers"]["contain"]["precision"] > 0.62
    assert res["matchers"]["contain"]["recall"] > 0.52
