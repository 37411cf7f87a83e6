"""The gold evaluator (arabic_events.evaluation.seeds) on a synthetic folder and a fake pipeline."""

from __future__ import annotations

import json

import pytest

from arabic_events import Doc, Entity, Event, Quantity, TimeExpr, Trigger, Argument, Zone
from arabic_events.errors import InputError
from arabic_events.evaluation import seeds as ev

TEXT_A = "قائمة الأخبار\n\nانسحبت القوات الأميركية من قاعدة القائم أمس، وقال الخفاجي إن 300 جندي غادروا.\n\nتعليقات: بغداد"
TEXT_B = "سلم التحالف الدولي قاعدة كي وان اليوم.\n"


def span(text: str, sub: str, nth: int = 1) -> dict:
    i = -1
    for _ in range(nth):
        i = text.index(sub, i + 1)
    return {"text": sub, "start": i, "end": i + len(sub)}


def gold_a() -> dict:
    t = TEXT_A
    body_start = t.index("انسحبت")
    body_end = t.index("غادروا.") + len("غادروا.")
    return {
        "name": "a", "published": "2020-03-20", "published_note": "test fixture",
        "title": None, "dateline": None,
        "body": {"start": body_start, "end": body_end}, "excluded": [],
        "entities": [
            {**span(t, "القوات الأميركية"), "label": "ORG"},
            {**span(t, "قاعدة القائم"), "label": "FAC"},
            {**span(t, "الخفاجي"), "label": "PER"},
        ],
        "quantities": [{**span(t, "300"), "value": 300, "kind": "cardinal", "approx": None, "unit": "جندي"}],
        "times": [{**span(t, "أمس"), "value": "2020-03-19", "kind": "date", "mod": None}],
        "events": [
            {"type": "WITHDRAWAL", "trigger": span(t, "انسحبت"),
             "arguments": [{"role": "agent", **span(t, "القوات الأميركية")},
                           {"role": "origin", **span(t, "قاعدة القائم")},
                           {"role": "time", **span(t, "أمس")}],
             "time": "2020-03-19", "polarity": "positive", "modality": "asserted"},
            {"type": "STATEMENT", "trigger": span(t, "قال"),
             "arguments": [{"role": "speaker", **span(t, "الخفاجي")}],
             "time": None, "polarity": "positive", "modality": "asserted"},
        ],
    }


def gold_b() -> dict:
    t = TEXT_B
    return {
        "name": "b", "published": None, "published_note": None,
        "title": None, "dateline": None,
        "body": {"start": 0, "end": t.index(".") + 1}, "excluded": [],
        "entities": [
            {**span(t, "التحالف الدولي"), "label": "ORG"},
            {**span(t, "قاعدة كي وان"), "label": "FAC"},
        ],
        "quantities": [],
        "times": [{**span(t, "اليوم"), "value": "PRESENT_REF", "kind": "date", "mod": None}],
        "events": [
            {"type": "HANDOVER", "trigger": span(t, "سلم"),
             "arguments": [{"role": "giver", **span(t, "التحالف الدولي")},
                           {"role": "facility", **span(t, "قاعدة كي وان")}],
             "time": None, "polarity": "positive", "modality": "asserted"},
        ],
    }


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "gold").mkdir()
    for name, text, gold in (("a", TEXT_A, gold_a()), ("b", TEXT_B, gold_b())):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "no_gold.txt").write_text("نص بلا ذهب", encoding="utf-8")  # ignored: no gold file
    return tmp_path


def _ent(t, sub, label, nth=1):
    s = span(t, sub, nth)
    return Entity(s["text"], s["start"], s["end"], label)


def _trig(t, sub):
    s = span(t, sub)
    return Trigger(s["text"], s["start"], s["end"])


def _arg(t, role, sub):
    s = span(t, sub)
    return Argument(role, s["text"], s["start"], s["end"])


class FakeNLP:
    """Returns hand-made predictions and records the published dates it was given."""

    pipe_names = ["fake"]

    def __init__(self):
        self.published = {}

    def __call__(self, text, published=None):
        doc = Doc(text=text, published=published)
        self.published[text[:5]] = published
        t = text
        if text == TEXT_A:
            bs = t.index("انسحبت")
            doc.zones = [Zone(t[bs:t.index("غادروا.") + 7], bs, t.index("غادروا.") + 7, "body")]
            doc.entities = [
                _ent(t, "القوات الأميركية", "ORG"),       # TP
                _ent(t, "قاعدة القائم", "LOC"),           # wrong label: FP + FN
                # الخفاجي missed: FN
                _ent(t, "بغداد", "LOC"),                  # boilerplate: ignored unless all_text
            ]
            q = span(t, "300")
            doc.quantities = [Quantity(q["text"], q["start"], q["end"], 3000)]  # span right, value wrong
            a = span(t, "أمس")
            doc.times = [TimeExpr(a["text"], a["start"], a["end"], "2020-03-19")]  # TP
            doc.events = [
                Event("WITHDRAWAL", _trig(t, "انسحبت"),
                      (_arg(t, "agent", "القوات الأميركية"), _arg(t, "destination", "قاعدة القائم"))),
                Event("ATTACK", _trig(t, "غادروا")),  # FP event
            ]
        else:
            # body predicted one character too long; nothing else
            doc.zones = [Zone(t[0:t.index(".") + 2], 0, t.index(".") + 2, "body")]
        return doc


def test_exact_scores_per_layer(folder):
    nlp = FakeNLP()
    rep = ev.evaluate_folder(folder, nlp)
    assert rep["documents"] == ["a", "b"]
    assert nlp.published == {TEXT_A[:5]: "2020-03-20", TEXT_B[:5]: None}
    L = rep["layers"]
    # entities: gold 5, predicted 2 in scope (بغداد is boilerplate), 1 TP
    assert (L["entities"]["tp"], L["entities"]["fp"], L["entities"]["fn"]) == (1, 1, 4)
    assert L["entities"]["precision"] == pytest.approx(0.5)
    assert L["entities"]["recall"] == pytest.approx(0.2)
    assert L["entities"]["f1"] == pytest.approx(2 * 0.5 * 0.2 / 0.7)
    assert L["entities_by_label"]["ORG"] == ev.prf(1, 0, 1)
    assert L["entities_by_label"]["FAC"] == ev.prf(0, 0, 2)
    assert L["entities_by_label"]["LOC"] == ev.prf(0, 1, 0)
    assert L["entities_by_label"]["PER"] == ev.prf(0, 0, 1)
    # quantity: span right, value wrong
    assert (L["quantities"]["tp"], L["quantities"]["fp"], L["quantities"]["fn"]) == (0, 1, 1)
    assert L["quantities_span"] == ev.prf(1, 0, 0)
    # times: a right, b missed
    assert L["times"] == ev.prf(1, 0, 1)
    assert L["times_span"] == ev.prf(1, 0, 1)
    # events: WITHDRAWAL TP, ATTACK FP, STATEMENT and HANDOVER FN
    assert L["events"] == ev.prf(1, 1, 2)
    assert L["events_by_type"]["WITHDRAWAL"] == ev.prf(1, 0, 0)
    assert L["events_by_type"]["ATTACK"] == ev.prf(0, 1, 0)
    # arguments: agent TP; destination FP; origin, time, speaker, giver, facility FN
    assert L["arguments"] == ev.prf(1, 1, 5)
    assert L["arguments_by_role"]["agent"] == ev.prf(1, 0, 0)
    assert L["arguments_by_role"]["destination"] == ev.prf(0, 1, 0)
    # body: a exact, b off by one character
    assert L["body_exact"] == ev.prf(1, 1, 1)
    assert (L["body_overlap"]["tp"], L["body_overlap"]["fp"], L["body_overlap"]["fn"]) == (
        len(TEXT_A[TEXT_A.index("انسحبت"):TEXT_A.index("غادروا.") + 7]) + len(TEXT_B[: TEXT_B.index(".") + 1]), 1, 0)
    # micro = entities + quantities + times + events + arguments
    assert rep["micro"] == ev.prf(1 + 0 + 1 + 1 + 1, 1 + 1 + 0 + 1 + 1, 4 + 1 + 1 + 2 + 5)
    assert rep["per_document"]["b"]["entities"] == ev.prf(0, 0, 2)


def test_all_text_scores_boilerplate_predictions(folder):
    rep = ev.evaluate_folder(folder, FakeNLP(), all_text=True)
    assert rep["layers"]["entities"]["fp"] == 2  # the wrong label and بغداد in the comments line


def test_empty_pipeline_gives_zero_with_counts(folder):
    rep = ev.evaluate_folder(folder, lambda text, published=None: Doc(text=text))
    L = rep["layers"]
    assert L["entities"] == {"tp": 0, "fp": 0, "fn": 5, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert L["body_exact"] == ev.prf(0, 0, 2)
    assert rep["micro"]["fn"] == 5 + 1 + 2 + 3 + 6
    text = ev.format_report(rep)
    assert "entities (span+label)" in text
    assert "     0      0      5    0.0    0.0    0.0" in text


def test_multiset_matching_counts_duplicates():
    t = "قال أحمد وقال أحمد"
    ent = {**span(t, "أحمد"), "label": "PER"}
    gold = {"name": "x", "published": None, "published_note": None, "title": None, "dateline": None,
            "body": {"start": 0, "end": len(t)}, "excluded": [], "entities": [ent],
            "quantities": [], "times": [],
            "events": [{"type": "STATEMENT", "trigger": span(t, "قال"), "time": None, "polarity": "positive",
                        "modality": "asserted", "arguments": [{"role": "speaker", **span(t, "أحمد")}]},
                       {"type": "STATEMENT", "trigger": span(t, "قال", 2), "time": None, "polarity": "positive",
                        "modality": "asserted", "arguments": [{"role": "speaker", **span(t, "أحمد")}]}]}
    pred = {"entities": [ent, ent], "events": [gold["events"][0]]}
    rep = ev.evaluate_docs([("x", t, gold, pred)])
    assert rep["layers"]["entities"] == ev.prf(1, 1, 0)
    assert rep["layers"]["arguments"] == ev.prf(1, 0, 1)        # same key twice in gold, once predicted
    assert rep["layers"]["arguments_anchored"] == ev.prf(1, 0, 1)


def test_excluded_ranges_are_out_of_scope():
    t = "انسحبت القوات. اقرأ أيضا: بغداد. وقال أحمد."
    ex = span(t, "اقرأ أيضا: بغداد.")
    gold = {"name": "x", "published": None, "published_note": None, "title": None, "dateline": None,
            "body": {"start": 0, "end": len(t)}, "excluded": [ex], "entities": [],
            "quantities": [], "times": [], "events": []}
    assert ev.validate_gold(gold, t) == []
    pred = {"entities": [{**span(t, "بغداد"), "label": "LOC"}, {**span(t, "أحمد"), "label": "PER"}]}
    rep = ev.evaluate_docs([("x", t, gold, pred)])
    assert rep["layers"]["entities"] == ev.prf(0, 1, 0)


def test_pipeline_error_is_reported_and_scored_empty(folder):
    def boom(text, published=None):
        if text == TEXT_B:
            raise RuntimeError("component crashed")
        return Doc(text=text)

    rep = ev.evaluate_folder(folder, boom)
    assert rep["errors"] == {"b": "RuntimeError: component crashed"}
    assert rep["layers"]["entities"]["fn"] == 5
    assert "ERROR b: RuntimeError: component crashed" in ev.format_report(rep)


def test_show_errors_lists_false_positives_and_negatives(folder):
    rep = ev.evaluate_folder(folder, FakeNLP())
    text = ev.format_report(rep, show_errors=True)
    assert "FN a" in text and "PER 'الخفاجي'" in text
    assert "FP a" in text and "ATTACK 'غادروا'" in text
    assert "== entities: 1 false positive(s), 4 false negative(s)" in text


def test_invalid_gold_is_a_clear_error(folder):
    g = json.loads((folder / "gold" / "a.json").read_text(encoding="utf-8"))
    g["entities"][0]["label"] = "PERSON"
    g["entities"][1]["start"] += 1
    (folder / "gold" / "a.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        ev.evaluate_folder(folder, FakeNLP())
    msg = str(exc.value)
    assert "a.json" in msg and "PERSON" in msg and "entities[1]" in msg


def test_missing_folder_and_gold_dir(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        ev.evaluate_folder(tmp_path / "nope", FakeNLP())
    with pytest.raises(InputError, match="no gold/ subfolder"):
        ev.evaluate_folder(tmp_path, FakeNLP())
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "z.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="no article"):
        ev.evaluate_folder(tmp_path, FakeNLP())


def test_main_json_with_empty_pipeline(folder, capsys):
    # every component excluded: a fast, empty pipeline through the real CLI entry point
    from arabic_events.pipeline import DEFAULT_PIPELINE

    argv = [str(folder), "--json"] + [x for name in DEFAULT_PIPELINE for x in ("--exclude", name)]
    assert ev.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layers"]["entities"] == ev.prf(0, 0, 5)
    assert out["layers"]["events"]["fn"] == 3
    assert "mistakes" not in out
    assert out["documents"] == ["a", "b"]


def test_main_bad_folder_exit_code(tmp_path, capsys):
    assert ev.main([str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_cli_delegates_evaluate(folder, capsys):
    from arabic_events.cli import main as cli_main
    from arabic_events.pipeline import DEFAULT_PIPELINE

    argv = ["evaluate", str(folder)] + [x for name in DEFAULT_PIPELINE for x in ("--exclude", name)]
    assert cli_main(argv) == 0
    out = capsys.readouterr().out
    assert "events (type+trigger)" in out and "micro (entities..arguments)" in out


def test_factuality_scored_on_matched_events():
    t = "قال أحمد وقال أحمد ثم هاجم"
    base = {"time": None, "arguments": []}
    gold_events = [
        {"type": "STATEMENT", "trigger": span(t, "قال"), "polarity": "positive", "modality": "asserted", **base},
        {"type": "STATEMENT", "trigger": span(t, "قال", 2), "polarity": "negative", "modality": "planned", **base},
        {"type": "ATTACK", "trigger": span(t, "هاجم"), "polarity": "positive", "modality": "asserted", **base},
    ]
    gold = {"name": "x", "published": None, "published_note": None, "title": None, "dateline": None,
            "body": {"start": 0, "end": len(t)}, "excluded": [], "entities": [], "quantities": [],
            "times": [], "events": gold_events}
    pred_events = [
        dict(gold_events[0]),
        {**gold_events[1], "polarity": "positive", "modality": "asserted"},  # both facts wrong
        # the ATTACK is not predicted: it counts for events, not for factuality
    ]
    rep = ev.evaluate_docs([("x", t, gold, {"events": pred_events})])
    L = rep["layers"]
    assert L["events"] == ev.prf(2, 0, 1)
    assert L["events_polarity"] == ev.prf(1, 1, 2)
    assert L["events_modality"] == ev.prf(1, 1, 2)
    assert L["factuality"]["polarity"] == {"matched": 2, "correct": 1, "accuracy": 0.5,
                                           "confusion": {"negative->positive": 1}}
    assert L["factuality"]["modality"]["confusion"] == {"planned->asserted": 1}
    text = ev.format_report(rep)
    assert "polarity of matched events: 1/2 (50.0%); gold->predicted errors: negative->positive 1" in text
    assert rep["micro"] == ev.prf(2, 0, 1)  # factuality is outside the micro total
