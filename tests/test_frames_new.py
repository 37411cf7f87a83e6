"""The news frames of issue 10, section 3 (BOMBING ... ELECTION), the PLOVER/CAMEO keys of
every frame, ATTACK subtypes, and the sense boundaries between the new frames and the old.

The corpora themselves (positives and negatives per frame) are run by
tests/test_frames_corpus.py; this file checks their size, the schema keys and a few
cross-frame cases that one frame's corpus cannot express.
"""

from __future__ import annotations

import json

import pytest

from arabic_events._data import load_yaml
from arabic_events.doc import Doc
from arabic_events.errors import FrameError
from arabic_events.events.component import EventExtractor
from arabic_events.events.frames import PLOVER_TYPES, Frame, builtin_frames, load_frame

NEW_FRAMES = {
    "BOMBING": ("bombing.yaml", "ASSAULT", "183"),
    "KIDNAPPING": ("kidnapping.yaml", "ASSAULT", "181"),
    "ARREST": ("arrest.yaml", "COERCE", "173"),
    "CAPTURE": ("capture.yaml", "ASSAULT", "192"),
    "PROTEST": ("protest.yaml", "PROTEST", "14"),
    "CEASEFIRE": ("ceasefire.yaml", "CONCEDE", "0871"),
    "NATURAL_DISASTER": ("natural_disaster.yaml", "OTHER", None),
    "ELECTION": ("election.yaml", "OTHER", None),
}


@pytest.fixture(scope="module")
def frames():
    return {f.name: f for f in builtin_frames()}


@pytest.fixture(scope="module")
def ex():
    return EventExtractor()


def events(ex, text, type_=None):
    doc = ex(Doc(text, published="2020-03-20"))
    doc.check_offsets()
    return [e for e in doc.events if type_ is None or e.type == type_]


# ----------------------------------------------------------------- the frames and corpora
@pytest.mark.parametrize("name", sorted(NEW_FRAMES))
def test_new_frame_is_builtin_with_its_codes(frames, name):
    _, plover, cameo = NEW_FRAMES[name]
    f = frames[name]
    assert f.version == "1" and f.source == f"frames/{NEW_FRAMES[name][0]}"
    assert (f.plover, f.cameo) == (plover, cameo)
    assert f.key_roles and f.triggers


@pytest.mark.parametrize("name", sorted(NEW_FRAMES))
def test_new_frame_corpus_size(name):
    data = load_yaml(f"frames/corpus/{NEW_FRAMES[name][0]}")
    assert data["frame"] == name
    assert len(data["positives"]) >= 15, name
    assert len(data["negatives"]) >= 10, name
    # every positive names its trigger and asserts at least the trigger of a real event
    assert all(case["expect"]["trigger"] for case in data["positives"])


@pytest.mark.parametrize("corpus,frame", [("casualties_killing.yaml", "CASUALTIES"), ("attack_fire.yaml", "ATTACK")])
def test_added_trigger_corpora(corpus, frame):
    data = load_yaml(f"frames/corpus/{corpus}")
    assert data["frame"] == frame
    assert len(data["positives"]) >= 10 and len(data["negatives"]) >= 10


def test_every_builtin_frame_is_mapped(frames):
    assert len(frames) == 18
    for f in frames.values():
        assert f.plover in PLOVER_TYPES, f.name
        if f.cameo is not None:
            assert f.cameo_root == f.cameo[:2] and 1 <= int(f.cameo_root) <= 20
    assert (frames["ATTACK"].plover, frames["ATTACK"].cameo_root) == ("ASSAULT", "19")
    assert (frames["AGREEMENT"].plover, frames["AGREEMENT"].cameo) == ("AGREE", "057")
    assert (frames["WITHDRAWAL"].plover, frames["WITHDRAWAL"].cameo) == ("RETREAT", "0874")
    # frames that code no political action have no CAMEO code
    assert {n for n, f in frames.items() if f.cameo is None} == {"TROOP_COUNT", "NATURAL_DISASTER", "ELECTION"}


# ----------------------------------------------------------------------- schema keys
GOOD = {
    "name": "RIOT",
    "triggers": [{"lemma": "شغب", "pos": "noun"}, {"lemma": "رشق", "pos": "verb"}],
    "roles": [{"name": "place", "types": ["LOC"], "cues": [{"kind": "prep", "words": ["في"]}]}],
    "plover": "PROTEST",
    "cameo": "145",
    "subtypes": {"stone_throwing": ["رشق"]},
}


def test_codes_round_trip():
    f = Frame.from_dict(GOOD)
    assert (f.plover, f.cameo, f.cameo_root) == ("PROTEST", "145", "14")
    assert f.subtypes == (("stone_throwing", ("رشق",)),)
    assert f.to_dict()["subtypes"] == {"stone_throwing": ["رشق"]}
    assert Frame.from_dict(f.to_dict()) == f
    assert load_frame(f.to_yaml()) == f
    assert load_frame(f.to_json()) == f
    assert json.loads(f.to_json())["cameo"] == "145"
    plain = Frame.from_dict({k: v for k, v in GOOD.items() if k not in ("plover", "cameo", "subtypes")})
    assert (plain.plover, plain.cameo, plain.cameo_root, plain.subtypes) == (None, None, None, ())
    assert "plover" not in plain.to_dict()


def test_yaml_cameo_must_be_quoted():
    with pytest.raises(FrameError) as err:
        load_frame("name: X\ntriggers: [{lemma: شغب}]\ncameo: 057\n")  # YAML reads an octal 47
    assert "must be a quoted string" in str(err.value)


@pytest.mark.parametrize(
    "change,message",
    [
        ({"plover": "assault"}, "plover: 'assault' is not a PLOVER event type (did you mean 'ASSAULT'?)"),
        ({"plover": "FIGHT"}, "plover: 'FIGHT' is not a PLOVER event type; use one of AGREE"),
        ({"cameo": 18}, "cameo: 18 must be a quoted string"),
        ({"cameo": "25"}, "cameo: '25' is not a CAMEO event code"),
        ({"cameo": "18a"}, "cameo: '18a' is not a CAMEO event code"),
        ({"cameo": "18345"}, "cameo: '18345' is not a CAMEO event code"),
        ({"subtypes": ["رشق"]}, "subtypes: must be a mapping of subtype name to trigger lemmas"),
        ({"subtypes": {"Stones": ["رشق"]}}, "subtypes: 'Stones' must be a lower-case identifier"),
        ({"subtypes": {"stones": ["حجارة"]}}, "subtypes.stones[0]: 'حجارة' is not the lemma of one of the frame's triggers"),
        ({"subtypes": {"a": ["رشق"], "b": ["رشق"]}}, "subtypes.b[0]: 'رشق' is already in subtype 'a'"),
        ({"subtypes": {"a": []}}, "subtypes.a: must not be empty"),
    ],
)
def test_code_validation(change, message):
    with pytest.raises(FrameError) as err:
        Frame.from_dict({**GOOD, **change})
    assert message in str(err.value)


def test_all_code_problems_listed_at_once():
    with pytest.raises(FrameError) as err:
        Frame.from_dict({**GOOD, "plover": "X", "cameo": "99", "subtypes": {"a": ["zz"]}})
    text = str(err.value)
    assert "plover:" in text and "cameo:" in text and "subtypes.a[0]:" in text


# ------------------------------------------------------------------------- subtypes
@pytest.mark.parametrize(
    "text,trigger,subtype",
    [
        ("أطلق الحوثيون صواريخ على مدينة جازان.", "أطلق", "rocket_fire"),
        ("أطلق مسلحون النار على حافلة للركاب.", "أطلق", "shooting"),
        ("قتل شرطيان في إطلاق نار قرب القاهرة.", "إطلاق", "shooting"),
        ("شن طيران التحالف غارات على مواقع الحوثيين.", "غارات", "airstrike"),
        ("تعرضت دورية للجيش لكمين في ريف حماة.", "كمين", "ambush"),
        ("قصفت المدفعية مواقع المسلحين.", "قصفت", "shelling"),
        ("وشن تنظيم داعش هجوما على مواقع الجيش.", "هجوما", None),
    ],
)
def test_attack_subtypes(nlp, frames, text, trigger, subtype):
    # the full pipeline: a noun trigger needs a participant (here the place the NER finds)
    doc = nlp(text, published="2020-03-20")
    evs = [e for e in doc.events if e.type == "ATTACK" and e.trigger.text == trigger]
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in doc.events]
    assert frames["ATTACK"].subtype_of(evs[0]) == subtype
    assert frames["ATTACK"].subtype_of(evs[0].rule) == subtype


def test_subtype_of_unknown_rules(frames):
    attack = frames["ATTACK"]
    assert attack.subtype_of("trigger:noun:غارة") == "airstrike"
    assert attack.subtype_of("pattern:إطلاق صواريخ") == "rocket_fire"
    assert attack.subtype_of("") is None and attack.subtype_of("something") is None
    assert frames["BOMBING"].subtype_of("trigger:noun:انفجار") is None  # no subtypes declared


# ---------------------------------------------------------- sense boundaries between frames
def test_ceasefire_is_not_an_attack_or_a_capture(ex):
    text = "دخل وقف إطلاق النار حيز التنفيذ منتصف الليل."
    assert [(e.type, e.trigger.text) for e in events(ex, text)] == [("CEASEFIRE", "وقف")]


def test_firing_is_an_attack_not_a_ceasefire(ex):
    got = {e.type for e in events(ex, "أطلق الجيش النار على المتسللين عند الحدود.")}
    assert "ATTACK" in got and "CEASEFIRE" not in got


def test_hostages_are_a_kidnapping_not_an_arrest(nlp):
    doc = nlp("احتجز مسلحون عشرات الرهائن داخل فندق في العاصمة المالية باماكو.")
    got = {e.type for e in doc.events}
    assert "KIDNAPPING" in got and "ARREST" not in got


def test_ceasefire_agreement_gives_both_frames(ex):
    # a ceasefire agreement is a CEASEFIRE (on وقف) and an AGREEMENT (on اتفاق): both are reported
    got = sorted((e.type, e.trigger.text) for e in events(ex, "وقعت الحكومة والمتمردون اتفاق وقف إطلاق النار أمس."))
    assert ("CEASEFIRE", "وقف") in got and ("AGREEMENT", "اتفاق") in got


@pytest.mark.parametrize(
    "text",
    [
        "يحذر الاقتصاديون من انفجار الأسعار بعد رفع الدعم.",
        "حققت الرواية نجاحا كبيرا وخطفت الأضواء في معرض الكتاب.",
        "دخلت الشركة السوق المصرية بمنتج جديد.",
        "أحدث فوز المرشح المستقل زلزالا سياسيا في البلاد.",
        "أكدت الإدارة أن التصويت على الميزانية سيجري الأسبوع المقبل.",
    ],
)
def test_no_new_frame_on_figures_of_speech(ex, text):
    got = [(e.type, e.trigger.text) for e in events(ex, text) if e.type in NEW_FRAMES]
    assert got == []


def test_planned_election_and_negated_arrest(nlp, ex):
    doc = nlp("ومن المقرر أن تجرى الانتخابات البلدية في المملكة الشهر المقبل.", published="2015-08-01")
    (ev,) = [e for e in doc.events if e.type == "ELECTION"]
    assert (ev.trigger.text, ev.modality, ev.time) == ("الانتخابات", "planned", "2015-09")
    (ev,) = events(ex, "لم تعتقل الشرطة أحدا من المتظاهرين.", "ARREST")
    assert ev.polarity == "negative"


# ------------------------------------------------------------ through the default pipeline
def test_new_frames_in_the_default_pipeline(nlp):
    text = (
        "أعلنت وزارة الداخلية العراقية أن قوات الأمن اعتقلت 12 شخصا في بغداد يوم الأحد. "
        "وقالت الوزارة إن انفجار سيارة مفخخة في مدينة كركوك أسفر عن مقتل 5 أشخاص. "
        "وسيطرت القوات العراقية على مدينة الرمادي بعد معارك عنيفة. "
        "وضرب زلزال بقوة 6 درجات جنوب تركيا."
    )
    doc = nlp(text, published="2020-03-20")
    doc.check_offsets()
    by_type = {e.type: e for e in doc.events}
    arrest = by_type["ARREST"]
    assert (arrest.trigger.text, arrest.frame) == ("اعتقلت", "ARREST@1")
    assert [a.text for a in arrest.args("count")] == ["12"]
    assert [a.text for a in arrest.args("location")] == ["بغداد"]
    assert [a.text for a in by_type["BOMBING"].args("location")] == ["كركوك"]
    assert [a.text for a in by_type["CAPTURE"].args("place")] == ["الرمادي"]
    assert [a.text for a in by_type["NATURAL_DISASTER"].args("magnitude")] == ["6"]
    assert nlp.frames["ARREST"].plover == "COERCE"
