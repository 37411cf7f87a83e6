"""Frame specs: validation errors name the field and the reason; round-trips; loading."""

from __future__ import annotations

import json

import pytest

import arabic_events as ae
from arabic_events.errors import FrameError
from arabic_events.events.frames import Cue, Frame, RoleSpec, TriggerSpec, builtin_frames, load_frame

GOOD = {
    "name": "PROTEST",
    "version": "2",
    "triggers": [{"lemma": "تظاهر", "pos": "verb", "present": ["تظاهر"]}, {"lemma": "احتجاجات", "pos": "noun"}],
    "roles": [
        {"name": "protesters", "types": ["NP", "ORG"], "cues": [{"kind": "subject", "pos": "verb"}]},
        {"name": "place", "types": ["LOC"], "cues": [{"kind": "prep", "words": ["في"]}]},
    ],
    "key_roles": ["place"],
}


def test_valid_frame_fields():
    f = Frame.from_dict(GOOD)
    assert f.id == "PROTEST@2"
    assert f.role_names == ("protesters", "place", "time")  # time is added to every frame
    assert f.triggers[0] == TriggerSpec(lemma="تظاهر", pos="verb", present=("تظاهر",))
    assert f.role("place").cues == (Cue(kind="prep", words=("في",)),)


def test_round_trip_dict_yaml_json():
    f = Frame.from_dict(GOOD)
    assert Frame.from_dict(f.to_dict()) == f
    assert load_frame(f.to_yaml()) == f
    assert load_frame(f.to_json()) == f
    assert load_frame(json.loads(f.to_json())) == f


def test_builtin_frames_round_trip_and_count():
    frames = builtin_frames()
    names = {f.name for f in frames}
    assert names == {
        "HANDOVER", "WITHDRAWAL", "DEPLOYMENT", "TROOP_COUNT", "TROOP_REDUCTION",
        "ATTACK", "CASUALTIES", "STATEMENT", "TRAINING", "AGREEMENT",
        # issue 10, section 3 (tests/test_frames_new.py)
        "BOMBING", "KIDNAPPING", "ARREST", "CAPTURE", "PROTEST", "CEASEFIRE", "NATURAL_DISASTER", "ELECTION",
    }
    for f in frames:
        assert Frame.from_dict(f.to_dict()) == f
        assert f.version == "1"


def test_load_frame_from_path(tmp_path):
    p = tmp_path / "protest.yaml"
    p.write_text(Frame.from_dict(GOOD).to_yaml(), encoding="utf-8")
    assert load_frame(str(p)).name == "PROTEST"
    j = tmp_path / "protest.json"
    j.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    assert load_frame(j).id == "PROTEST@2"


def test_load_builtin_by_name_and_lazy_export():
    assert load_frame("HANDOVER").name == "HANDOVER"
    assert ae.load_frame is load_frame and ae.Frame is Frame


def _err(spec) -> str:
    with pytest.raises(FrameError) as ei:
        Frame.from_dict(spec)
    return str(ei.value)


@pytest.mark.parametrize(
    "patch,needle",
    [
        ({"name": "bad name"}, "name: 'bad name' must be an identifier"),
        ({"triggers": []}, "triggers: required"),
        ({"triggers": [{"pos": "verb"}]}, "triggers[0].lemma: required"),
        ({"triggers": [{"lemma": "تظاهر", "pos": "adj"}]}, "triggers[0].pos: 'adj' is not one of verb, noun, any"),
        ({"triggers": [{"lemma": "x", "pattern": "(unclosed"}]}, "triggers[0].pattern: '(unclosed' is not a valid regular expression"),
        ({"roles": [{"name": "place", "types": ["PLACE"]}]}, "roles[0].types[0]: 'PLACE' is not a known type (did you mean 'LOC'?)"),
        ({"roles": [{"name": "who", "types": ["PERSON"]}]}, "(did you mean 'PER'?)"),
        ({"roles": [{"name": "n", "types": ["QUANTITY:many"]}]}, "quantity kind 'many' is not one of"),
        ({"roles": [{"name": "Place", "types": ["LOC"]}]}, "roles[0].name: 'Place' must be a lower-case identifier"),
        ({"roles": [{"name": "p", "types": ["LOC"], "cues": [{"kind": "near"}]}]}, "roles[0].cues[0].kind: 'near' is not a known cue"),
        ({"roles": [{"name": "p", "types": ["LOC"], "cues": [{"kind": "prep"}]}]}, "roles[0].cues[0].words: a 'prep' cue needs"),
        ({"roles": [{"name": "p", "types": ["LOC"], "cues": [{"kind": "after", "max_distance": -1}]}]}, "max_distance: must be an integer between 0 and 200"),
        ({"key_roles": ["nobody"]}, "key_roles[0]: 'nobody' is not one of the frame's roles"),
        ({"colour": "red"}, "frame: unknown field 'colour'"),
        ({"roles": [{"name": "p", "types": ["LOC"], "cuez": []}]}, "roles[0]: unknown field 'cuez'"),
    ],
)
def test_validation_messages(patch, needle):
    spec = {**GOOD, **patch}
    assert needle in _err(spec)


def test_all_problems_reported_at_once():
    msg = _err({"name": "X", "triggers": [{"pos": "adj"}], "roles": [{"name": "a", "types": ["FOO"]}]})
    assert "triggers[0].pos" in msg and "triggers[0].lemma" in msg and "roles[0].types[0]" in msg
    assert msg.startswith("invalid frame 'X'")


def test_frame_error_is_value_error():
    with pytest.raises(ValueError):
        Frame.from_dict({"name": "X"})
    with pytest.raises(FrameError, match="must be a mapping"):
        Frame.from_dict(["not", "a", "dict"])


def test_load_frame_errors(tmp_path):
    with pytest.raises(FrameError, match="does not exist"):
        load_frame(str(tmp_path / "missing.yaml"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FrameError, match="not valid JSON"):
        load_frame(bad)
    with pytest.raises(FrameError, match="built-in frame name"):
        load_frame("NO_SUCH_FRAME")
    with pytest.raises(FrameError, match="cannot make a frame"):
        load_frame(42)


def test_custom_entity_label_type():
    f = Frame.from_dict({**GOOD, "key_roles": [], "roles": [{"name": "weapon", "types": ["ENTITY:WEAPON"]}]})
    assert f.role("weapon").types == ("ENTITY:WEAPON",)
    assert "needs a label" in _err({**GOOD, "key_roles": [], "roles": [{"name": "weapon", "types": ["ENTITY"]}]})


def test_rolespec_accepts_layer():
    r = RoleSpec(name="x", types=("ORG", "QUANTITY:cardinal"), cues=())
    assert r.accepts_layer("entities") and r.accepts_layer("quantities")
    assert not r.accepts_layer("times")


def test_trigger_require_and_not_prev_validated_and_round_trip():
    spec = {**GOOD, "triggers": [{"lemma": "تظاهر", "pos": "verb", "require": ["place"], "not_prev": ["لا"]}]}
    f = Frame.from_dict(spec)
    assert f.triggers[0].require == ("place",) and f.triggers[0].not_prev == ("لا",)
    assert Frame.from_dict(f.to_dict()) == f
    bad = {**GOOD, "triggers": [{"lemma": "تظاهر", "require": ["city"]}]}
    assert "triggers[0].require[0]: 'city' is not one of the frame's roles" in _err(bad)
