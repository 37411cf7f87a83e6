"""The events component: triggers on inflected/cliticized forms, argument linking with
refs, factuality, body-only extraction, robustness, pipeline registration."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arabic_events as ae
from arabic_events.doc import Doc, Entity, Quantity, TimeExpr, Zone
from arabic_events.events.component import EventExtractor, make_events
from arabic_events.errors import ConfigError, FrameError


@pytest.fixture(scope="module")
def ex():
    return EventExtractor()


def doc_with(text, ents=(), qs=(), ts=(), published="2020-03-29"):
    d = Doc(text, published=published)
    for t, label in ents:
        i = text.index(t)
        d.entities.append(Entity(t, i, i + len(t), label))
    for t, v, kind, unit in qs:
        i = text.index(t)
        d.quantities.append(Quantity(t, i, i + len(t), v, kind, unit=unit))
    for t, v, kind in ts:
        i = text.index(t)
        d.times.append(TimeExpr(t, i, i + len(t), v, kind))
    d.entities.sort(key=lambda e: e.start)
    return d


def triggers(doc, type_=None):
    return [(e.type, e.trigger.text) for e in doc.events if type_ is None or e.type == type_]


@pytest.mark.parametrize(
    "text,type_,trigger",
    [
        ("وانسحبت القوات من المدينة", "WITHDRAWAL", "انسحبت"),
        ("فانسحبوا من المواقع", "WITHDRAWAL", "انسحبوا"),
        ("ستنسحب القوات من القاعدة", "WITHDRAWAL", "تنسحب"),
        ("وسينسحب الجنود من القاعدة", "WITHDRAWAL", "ينسحب"),
        ("بعد الانسحاب من القاعدة", "WITHDRAWAL", "الانسحاب"),
        ("وسلمتها للجيش", "HANDOVER", "سلمت"),  # attached pronoun left out (seed gold)
        ("وسلّمها الجنود للقوات المحلية", "HANDOVER", "سلّم"),
        ("بدء انسحابه من قاعدة القيارة", "WITHDRAWAL", "انسحاب"),
        ("جاء لتدريب القوات المحلية", "TRAINING", "تدريب"),
        ("وبتدريب الجيش", "TRAINING", "تدريب"),
        ("والهجمات الصاروخية مستمرة", "ATTACK", "الهجمات"),
        ("أسفرت عن مقتل جنديين", "CASUALTIES", "مقتل"),
        ("وقال المتحدث إن الوضع هادئ", "STATEMENT", "قال"),
        ("ونقلت الصحيفة عن مسؤولين قولهم إن القرار نهائي", "STATEMENT", "قول"),
        ("معلنًا انتهاء العملية", "STATEMENT", "معلنًا"),
        ("القوات البالغ عددها 2500 جندي", "TROOP_COUNT", "البالغ"),
        ("واتفقت الأطراف على الهدنة", "AGREEMENT", "اتفقت"),
    ],
)
def test_trigger_forms(ex, text, type_, trigger):
    d = doc_with(text, qs=[("2500", 2500, "cardinal", "جندي")] if "2500" in text else [])
    ex(d)
    d.check_offsets()
    assert (type_, trigger) in triggers(d), triggers(d)


def test_verb_after_noun_trigger_is_the_same_event(ex):
    d = doc_with("جاء ذلك بعد ساعات من هجوم صاروخي جديد استهدف قاعدة عراقية.")
    ex(d)
    assert triggers(d, "ATTACK") == [("ATTACK", "هجوم")]
    d = doc_with("استهدف صاروخ قاعدة عراقية.")
    ex(d)
    assert triggers(d, "ATTACK") == [("ATTACK", "استهدف")]


def test_diacritics_and_tatweel_in_trigger(ex):
    d = doc_with("وانْسَحَبَتْ القوات من القاعدة، ثم تـم تسلـيم المطار")
    ex(d)
    d.check_offsets()
    assert ("WITHDRAWAL", "انْسَحَبَتْ") in triggers(d)
    assert ("HANDOVER", "تسلـيم") in triggers(d)


def test_handover_arguments_refs_time(ex):
    text = "سلّم التحالف الدولي، اليوم الأحد، قاعدة (كي وان) الجوية في محافظة كركوك إلى القوات العراقية"
    d = doc_with(
        text,
        ents=[("التحالف الدولي", "ORG"), ("قاعدة (كي وان)", "FAC"), ("كركوك", "LOC"), ("القوات العراقية", "ORG")],
        ts=[("اليوم الأحد", "2020-03-29", "date")],
    )
    ex(d)
    (ev,) = [e for e in d.events if e.type == "HANDOVER"]
    roles = {a.role: (a.text, a.ref) for a in ev.arguments}
    assert roles == {
        "giver": ("التحالف الدولي", "entities:0"),
        "facility": ("قاعدة (كي وان)", "entities:1"),
        "location": ("كركوك", "entities:2"),
        "recipient": ("القوات العراقية", "entities:3"),
        "time": ("اليوم الأحد", "times:0"),
    }
    assert ev.time == "2020-03-29"
    assert ev.frame == "HANDOVER@1" and ev.rule.startswith("trigger:past:")
    assert ev.id == "e0" and ev.sentence is None


def test_quantity_argument_value_and_units(ex):
    text = "وأوضح أن الأميركيين يحتفظون حاليًا بـ 5200 من قواتهم في العراق"
    d = doc_with(text, ents=[("العراق", "LOC")], qs=[("5200", 5200, "cardinal", None)])
    ex(d)
    (ev,) = [e for e in d.events if e.type == "TROOP_COUNT"]
    count = ev.args("count")[0]
    assert (count.text, count.ref, count.value) == ("5200", "quantities:0", 5200)
    assert ev.args("force")[0].text == "الأميركيين"  # noun-phrase rule, no entity
    assert ev.args("force")[0].ref is None
    assert ev.args("location")[0].text == "العراق"


def test_reduction_roles(ex):
    text = "إن الولايات المتحدة ستخفض عديد قواتها في العراق إلى نحو ثلاثة آلاف وخمسمئة جندي، أي بمقدار الثلث تقريبا."
    d = doc_with(
        text,
        ents=[("الولايات المتحدة", "LOC"), ("العراق", "LOC")],
        qs=[("نحو ثلاثة آلاف وخمسمئة", 3500, "cardinal", "جندي"), ("الثلث", 0.3333, "fraction", None)],
    )
    ex(d)
    (ev,) = [e for e in d.events if e.type == "TROOP_REDUCTION"]
    assert ev.modality == "planned"
    assert ev.args("agent")[0].text == "الولايات المتحدة"
    assert ev.args("to_count")[0].value == 3500
    assert ev.args("fraction")[0].value == 0.3333


def test_spokesperson_and_quote(ex):
    text = "أكد المتحدث باسم قوات التحالف الدولي، العقيد مايلز كيغنز، أن القوات العراقية قادرة على منع عودة تنظيم داعش"
    d = doc_with(text, ents=[("قوات التحالف الدولي", "ORG"), ("مايلز كيغنز", "PER"), ("القوات العراقية", "ORG"), ("تنظيم داعش", "ORG")])
    ex(d)
    (ev,) = [e for e in d.events if e.type == "STATEMENT"]
    got = {a.role: a.text for a in ev.arguments}
    assert got["speaker"] == "مايلز كيغنز"
    assert got["title"] == "المتحدث باسم قوات التحالف الدولي"
    assert got["content"] == "القوات العراقية قادرة على منع عودة تنظيم داعش"


def test_quoted_speech_skips_quoted_names(ex):
    text = 'وقال الجنرال "فنسنت باركر" - مدير الإدارة -: "يصادف اليوم تاريخا مهما للتحالف".'
    d = doc_with(text, ents=[("فنسنت باركر", "PER")])
    ex(d)
    (ev,) = [e for e in d.events if e.type == "STATEMENT"]
    assert ev.args("speaker")[0].text == "فنسنت باركر"
    assert ev.args("content")[0].text == "يصادف اليوم تاريخا مهما للتحالف"


def test_coordinated_verb_shares_subject(ex):
    text = 'وانسحبت قوات التحالف الدولي، من "قاعدة القائم" أمس، وسلمتها للجيش العراقي.'
    d = doc_with(text, ents=[("قوات التحالف الدولي", "ORG"), ("قاعدة القائم", "FAC"), ("لجيش العراقي", "ORG")])
    ex(d)
    (h,) = [e for e in d.events if e.type == "HANDOVER"]
    assert h.trigger.text == "سلمت"
    got = {a.role: a.text for a in h.arguments}
    assert got == {"giver": "قوات التحالف الدولي", "recipient": "لجيش العراقي", "facility": "قاعدة القائم"}


def test_negative_and_demanded(ex):
    d = doc_with('وقال إنهم "يريدون بالفعل مغادرة جميع قواتنا، ولن تغادر جميع القوات الأمريكية"')
    ex(d)
    w = {e.trigger.text: (e.polarity, e.modality) for e in d.events if e.type == "WITHDRAWAL"}
    assert w == {"مغادرة": ("positive", "demanded"), "تغادر": ("negative", "planned")}  # لن: future negation


def test_boilerplate_zone_gives_no_events(ex):
    body = "انسحبت القوات من القاعدة."
    junk = "\nأخبار ذات صلة\nانسحاب القوات من المدينة"
    d = doc_with(body + junk)
    d.zones = [Zone(body, 0, len(body), "body"), Zone(junk, len(body), len(body + junk), "boilerplate")]
    ex(d)
    assert triggers(d) == [("WITHDRAWAL", "انسحبت")]


def test_sentences_bound_arguments(ex):
    from arabic_events.doc import Sentence

    text = "انسحبت القوات. وفي قاعدة التقدم هدوء"
    d = doc_with(text, ents=[("قاعدة التقدم", "FAC")])
    d.sentences = [Sentence("انسحبت القوات.", 0, 14), Sentence("وفي قاعدة التقدم هدوء", 15, len(text))]
    ex(d)
    (ev,) = d.events
    assert ev.sentence == 0 and not ev.args("origin")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "The troops withdrew from the base yesterday.",
        "<p>انسحبت <b>القوات</b> من القاعدة</p>",
        "\u202bانسحبت\u202c القوات\u200f من القاعدة",
        "ـــــــ",
        "\"\"\"،،،...؟؟",
        "انسحاب " * 3000,
    ],
)
def test_bad_input_no_crash(ex, text):
    d = Doc(text)
    ex(d)
    d.check_offsets()
    assert all(e.trigger.text == text[e.trigger.start : e.trigger.end] for e in d.events)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("وانسحبتالقوامندةيلمسحب ،.\"«»ًٌٍَُِّْـ\u200f12")), max_size=80))
def test_property_offsets_valid(text):
    d = Doc(text)
    EventExtractor()(d)
    d.check_offsets()


def test_component_registration_and_add_frame():
    with pytest.raises(ConfigError, match="requires entities, quantities, times"):
        ae.Pipeline(["tokenizer", "events"])  # the registry says what events needs
    nlp = ae.Pipeline(["tokenizer", "quantities", "times", "gazetteer",
                       {"name": "events", "factory": "events", "config": {"builtin": False}}], check_offsets=True)
    assert nlp.pipe_names == ["tokenizer", "quantities", "times", "gazetteer", "events"]
    doc = nlp("تظاهر المئات في ساحة التحرير")
    assert doc.events == []
    f = nlp.add_frame({"name": "PROTEST", "triggers": [{"lemma": "تظاهر", "pos": "verb", "present": ["تظاهر"]}],
                       "roles": [{"name": "place", "types": ["NP:place", "LOC"], "cues": [{"kind": "prep", "words": ["في"]}]}]})
    assert f.id == "PROTEST@1"
    assert "PROTEST" in nlp.frames
    doc = nlp("تظاهر المئات في ساحة التحرير")
    assert [(e.type, e.trigger.text) for e in doc.events] == [("PROTEST", "تظاهر")]


def test_make_events_options():
    with pytest.raises(ConfigError, match="unknown option"):
        make_events(None, colour="red")
    with pytest.raises(FrameError):
        make_events(None, frames=[{"name": "X"}])
    ex = make_events(None, builtin=False)
    assert ex.frames == {}
    with pytest.raises(FrameError, match="no frame named"):
        ex.remove_frame("HANDOVER")


def test_add_frame_replaces_same_name():
    ex = EventExtractor()
    old = ex.frames["HANDOVER"]
    spec = old.to_dict()
    spec["version"] = "2"
    ex.add_frame(spec)
    d = doc_with("تسليم القاعدة")
    ex(d)
    assert d.events[0].frame == "HANDOVER@2"


def test_doc_round_trip_with_events(ex):
    d = doc_with("انسحبت القوات من قاعدة القائم", ents=[("قاعدة القائم", "FAC")])
    ex(d)
    d2 = Doc.from_dict(d.to_dict())
    assert d2.events == d.events


def test_long_unpunctuated_text_stays_linear():
    import time

    ex = EventExtractor()
    ex(Doc("تسليم"))
    small = Doc("انسحبت القوات من القاعدة وقال المتحدث " * 100)
    big = Doc("انسحبت القوات من القاعدة وقال المتحدث " * 800)
    t0 = time.perf_counter()
    ex(small)
    t1 = time.perf_counter()
    ex(big)
    t2 = time.perf_counter()
    assert len(big.events) == 8 * len(small.events) == 1600
    assert (t2 - t1) < 20 * max(t1 - t0, 0.01) + 2  # 8x the text, far from 64x the time
    big.check_offsets()


def test_bare_facility_noun_tagged_as_org_is_read_as_the_place(ex):
    # a tagger may read "القاعدة" as al-Qaeda; next to تسليم it is the base
    text = "أقامت القيادة مراسم رسمية لتسليم القاعدة إلى القوات العراقية"
    d = doc_with(text, ents=[("القاعدة", "ORG"), ("القوات العراقية", "ORG")])
    ex(d)
    (ev,) = [e for e in d.events if e.type == "HANDOVER"]
    got = {a.role: a.text for a in ev.arguments}
    assert got == {"facility": "القاعدة", "recipient": "القوات العراقية"}
