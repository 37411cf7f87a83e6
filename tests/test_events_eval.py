"""The event-level evaluator (arabic_events/evaluation/events_eval.py) on hand-made predictions."""

from __future__ import annotations

import json

import pytest

from arabic_events.errors import InputError
from arabic_events.evaluation import events_eval as ee

TEXT = ("Rebels attacked the base on Monday. The attack killed two soldiers, the army said. "
        "The army said more. Rebels had attacked it in 2010.")


def sp(word: str, nth: int = 1) -> dict:
    start = -1
    for _ in range(nth):
        start = TEXT.index(word, start + 1)
    return {"text": word, "start": start, "end": start + len(word)}


def arg(role: str, word: str, nth: int = 1, alts=()) -> dict:
    return {"role": role, **sp(word, nth), "alternatives": [sp(w, n) for w, n in alts]}


def gev(i, typ, mentions, args=(), **fact):
    ev = {"id": i, "type": typ, "mentions": mentions, "arguments": list(args), "time": None,
          "polarity": "positive", "modality": "asserted", "genericity": "specific", "historical": False}
    ev.update(fact)
    ev["factual"] = ee.is_factual(ev)
    return ev


GOLD = {"id": "t", "published": "2020-01-01", "events": [
    gev("E1", "ATTACK", [sp("attacked"), sp("attack", 2)],
        [arg("attacker", "Rebels"), arg("target", "base"), arg("time", "Monday")]),
    gev("E2", "CASUALTIES", [sp("killed")], [arg("victims", "soldiers"), arg("count", "two")]),
    gev("E3", "STATEMENT", [sp("said"), sp("said", 2)], [arg("speaker", "army", 1, [("army", 2)])]),
    gev("E4", "ATTACK", [sp("attacked", 2)], [arg("attacker", "Rebels", 2)], historical=True),
]}


def pev(typ, trigger=None, mentions=None, args=(), **fields):
    ev = {"type": typ, "arguments": [{"role": r, **sp(w, n)} for r, w, n in args]}
    if trigger:
        ev["trigger"] = sp(*trigger) if isinstance(trigger, tuple) else sp(trigger)
    if mentions is not None:
        ev["mentions"] = [sp(*m) if isinstance(m, tuple) else sp(m) for m in mentions]
    ev.update(fields)
    return ev


def score(events):
    return ee.evaluate_docs([("t", TEXT, GOLD, {"events": events})])


def test_gold_fixture_is_valid():
    assert ee.validate_gold(GOLD, TEXT) == []
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0]["mentions"][0]["start"] += 1
    assert ee.validate_gold(bad, TEXT)


def test_any_mention_matches_and_extra_mentions_are_no_error():
    # the first prediction hits E1 through its second mention; a prediction with both
    # mentions listed matches once; the current output (trigger only) works too
    r = score([pev("ATTACK", trigger=("attack", 2)), pev("CASUALTIES", mentions=["killed", "soldiers"])])
    assert (r["events"]["tp"], r["events"]["fp"], r["events"]["fn"]) == (2, 0, 2)
    assert r["events_by_type"]["ATTACK"] == ee._prf(1, 0, 1)
    assert r["events_by_type"]["STATEMENT"]["fn"] == 1


def test_one_to_one_a_repeated_event_is_a_false_positive():
    # the system tells E1 twice (headline + lead style): the second copy is an error
    r = score([pev("ATTACK", trigger="attacked"), pev("ATTACK", trigger=("attack", 2)),
               pev("STATEMENT", trigger="said"), pev("STATEMENT", trigger=("said", 2))])
    ev = r["events"]
    assert (ev["tp"], ev["fp"], ev["fn"]) == (2, 2, 2)
    assert ev["precision"] == pytest.approx(0.5) and ev["recall"] == pytest.approx(0.5)


def test_type_must_agree_and_mentions_win_over_trigger():
    # wrong type: no match; "mentions" present: the trigger is not used
    r = score([pev("CASUALTIES", trigger="attacked"),
               pev("STATEMENT", trigger="Rebels", mentions=[("said", 2)])])
    assert r["events_by_type"]["CASUALTIES"] == ee._prf(0, 1, 1)
    assert r["events_by_type"]["STATEMENT"] == ee._prf(1, 0, 0)


def test_maximum_matching_is_not_greedy():
    # p0 lists mentions of both gold ATTACKs and takes E4 first by overlap size (8 > 6);
    # p1 can only be E4: the maximum matching moves p0 to E1 and matches both
    r = score([pev("ATTACK", mentions=[("attacked", 2), ("attack", 2)]), pev("ATTACK", trigger=("attacked", 2))])
    assert r["events_by_type"]["ATTACK"] == ee._prf(2, 0, 0)


def test_arguments_by_role_with_alternatives_and_redundancy():
    r = score([
        pev("ATTACK", trigger="attacked", args=[("attacker", "Rebels", 1), ("target", "the", 1),
                                                ("location", "base", 1)]),
        pev("STATEMENT", trigger="said", args=[("speaker", "army", 2), ("speaker", "army", 1)]),
        pev("TRAINING", trigger="more", args=[("trainee", "army", 2)]),
    ])
    a = r["arguments"]
    # tp: attacker, speaker (via its alternative); the second speaker repeats the filler
    # (redundant, not an error); fp: target 'the', location 'base', TRAINING's trainee;
    # fn: target 'base', time, victims, count (missed CASUALTIES), E4's attacker
    assert (a["tp"], a["fp"], a["fn"]) == (2, 3, 5)
    assert r["arguments_redundant"] == 1
    assert r["arguments_by_role"]["attacker"] == ee._prf(1, 0, 1)
    assert r["arguments_by_role"]["speaker"] == ee._prf(1, 0, 0)
    assert r["arguments_by_role"]["target"] == ee._prf(0, 1, 1)


def test_role_aliases_map_predicted_names():
    r = score([pev("CASUALTIES", trigger="killed", args=[("victim", "soldiers", 1)])])
    assert r["arguments_by_role"]["victims"]["tp"] == 1


def test_factual_variant_and_factuality_accuracy():
    # E4 is historical: in the factual variant a prediction of it is a false positive
    # unless the prediction says it is historical (then it is filtered out)
    preds = [pev("ATTACK", trigger="attacked", polarity="positive", modality="asserted"),
             pev("ATTACK", trigger=("attacked", 2), polarity="positive", modality="asserted")]
    r = score(preds)
    assert r["events"]["tp"] == 2
    assert (r["events_factual"]["tp"], r["events_factual"]["fp"], r["events_factual"]["fn"]) == (1, 1, 2)
    assert r["factuality"]["modality"] == {"matched": 2, "correct": 2, "accuracy": 1.0, "confusion": {}}
    assert r["factuality"]["factual"]["correct"] == 1
    assert r["factuality"]["factual"]["confusion"] == {"False->True": 1}
    assert r["factuality"]["historical"]["matched"] == 0
    preds[1]["historical"] = True
    r = score(preds)
    assert (r["events_factual"]["tp"], r["events_factual"]["fp"]) == (1, 0)
    assert r["factuality"]["historical"] == {"matched": 1, "correct": 1, "accuracy": 1.0, "confusion": {}}


def test_negative_prediction_filtered_from_factual_variant():
    r = score([pev("CASUALTIES", trigger="killed", polarity="negative")])
    assert r["events"]["tp"] == 1
    assert r["events_factual"]["tp"] == 0 and r["events_factual"]["fp"] == 0
    assert r["factuality"]["polarity"]["confusion"] == {"positive->negative": 1}


def test_failed_article_scores_as_no_prediction():
    r = ee.evaluate_docs([("t", TEXT, GOLD, RuntimeError("boom"))])
    assert r["errors"] == {"t": "RuntimeError: boom"}
    assert r["events"] == ee._prf(0, 0, 4)
    assert r["arguments"]["fn"] == 7


def test_folder_cli_with_predictions(tmp_path, capsys):
    gold_dir = tmp_path / "set" / "gold"
    gold_dir.mkdir(parents=True)
    (tmp_path / "set" / "t.txt").write_text(TEXT, encoding="utf-8")
    (gold_dir / "t.json").write_text(json.dumps(GOLD), encoding="utf-8")
    preds = tmp_path / "pred"
    preds.mkdir()
    (preds / "t.json").write_text(json.dumps({"events": [pev("CASUALTIES", trigger="killed")]}), encoding="utf-8")
    assert ee.main([str(tmp_path / "set"), "--predictions", str(preds), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["events"]["tp"] == 1 and out["events"]["fn"] == 3
    assert "mistakes" not in out
    assert ee.main([str(tmp_path / "set"), "--predictions", str(preds), "--show-errors"]) == 0
    text = capsys.readouterr().out
    assert "FN t @7 ATTACK 'attacked' | 'attack'" in text


def test_bad_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        ee.load_folder(tmp_path)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text("{}", encoding="utf-8")
    (tmp_path / "x.txt").write_text("abc", encoding="utf-8")
    with pytest.raises(InputError, match="missing key"):
        ee.load_folder(tmp_path)


def test_per_mention_gold_is_accepted():
    # seeds/ and eval/heldout/ gold: "name", one "trigger" per event, annotated regions
    old = {"name": "t", "published": None, "title": None, "dateline": None,
           "body": {"start": 0, "end": 35}, "excluded": [],
           "events": [{"type": "ATTACK", "trigger": sp("attacked"), "arguments": [],
                       "time": None, "polarity": "positive", "modality": "asserted"}]}
    assert ee.validate_gold(old, TEXT) == []
    r = ee.evaluate_docs([("t", TEXT, old, {"events": [pev("ATTACK", trigger="attacked"),
                                                        pev("STATEMENT", trigger="said")]})])
    # the STATEMENT lies outside the gold body: not scored
    assert r["events"] == ee._prf(1, 0, 0)


def test_type_specific_aliases_and_unscored_roles():
    text = "Rebels took the town and held it."
    gold = {"id": "c", "published": None, "events": [
        {"id": "E1", "type": "CAPTURE", "mentions": [{"text": "took", "start": 7, "end": 11}],
         "arguments": [{"role": "target", "text": "town", "start": 16, "end": 20, "alternatives": []}]}]}
    pred = {"events": [{"type": "CAPTURE", "trigger": {"text": "took", "start": 7, "end": 11},
                        "arguments": [{"role": "place", "text": "town", "start": 16, "end": 20},
                                      {"role": "from", "text": "Rebels", "start": 0, "end": 6}]}]}
    r = ee.evaluate_docs([("c", text, gold, pred)])
    # "place" of a CAPTURE is the gold's target; "from" is not annotated: not scored
    assert r["arguments"] == ee._prf(1, 0, 0)
    assert r["arguments_unscored"] == 1
