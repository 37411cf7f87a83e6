"""Argument recall and role precision of the non-speech frames (issue 10, arguments of the
blind sets): a place anywhere in the sentence of an event that has none (places.py
``_sentence_places``, rule ``doc:sentence``), lists of places through the whole pipeline,
and the role fixes of cues.py (an event noun as the verb's subject, the subject of a
relative clause). Sentences written for these tests after the patterns of news reports."""

from __future__ import annotations

import pytest


def _events(nlp, text, typ):
    doc = nlp(text, published="2015-08-10")
    doc.check_offsets()
    return [e for e in doc.events if e.type == typ]


def _role(ev, role):
    return [a.text for a in ev.arguments if a.role == role]


def _with_mention(events, word):
    return [e for e in events if any(m.text == word for m in (e.mentions or ()))]


def test_a_place_far_from_the_trigger_in_its_sentence(nlp):
    text = ("واندلعت أمس اشتباكات بين مسلحي العشائر المتحالفة مع الحكومة ومقاتلي التنظيم المتطرف "
            "من جهة أخرى استمرت عدة ساعات في بلدة القصير بمحافظة حمص.")
    ev = _with_mention(_events(nlp, text, "ATTACK"), "اشتباكات")
    assert ev
    locs = [(a.text, a.rule) for a in ev[0].arguments if a.role == "location"]
    assert ("القصير", "doc:sentence") in locs and ("حمص", "doc:sentence") in locs


def test_a_sentence_place_brings_its_list(nlp):
    text = ("وقالت مصادر محلية إن اشتباكات اندلعت بين مسلحي الحوثي وحلفائهم من جهة ورجال القبائل "
            "من جهة أخرى أمس الاثنين في مناطق الحصن والقصير ووادي الجفرة ومنطقة العلم وجميعها تابعة لمحافظة الجوف.")
    ev = _with_mention(_events(nlp, text, "ATTACK"), "اشتباكات")
    assert ev
    locs = _role(ev[0], "location")
    for name in ("الحصن", "القصير", "الجفرة", "العلم", "الجوف"):  # (NER may keep the head: "وادي الجفرة")
        assert any(x == name or x.endswith(" " + name) for x in locs), (name, locs)
    assert not any("جميعها" in x for x in locs)


def test_no_sentence_place_before_the_mention_deep_in_the_sentence(nlp):
    # the place belongs to the meeting told before the clashes, not to them
    text = ("والتقى الوزير في مدينة حمص أمس وفدا كبيرا من قادة العشائر ووجهاء المنطقة الذين أكدوا له "
            "في ختام اللقاء الطويل أن الاشتباكات العنيفة انتهت.")
    for e in _events(nlp, text, "ATTACK"):
        assert "حمص" not in _role(e, "location")


def test_a_sentence_opening_place_counts(nlp):
    text = ("وفي العاصمة، ارتفعت حصيلة قتلى القذائف التي أطلقها المسلحون على الأحياء السكنية خلال "
            "اليومين الماضيين إلى تسعة قتلى وعشرات الجرحى.")
    text = "وفي بغداد، " + text.split("، ", 1)[1]
    evs = _events(nlp, text, "CASUALTIES")
    assert any("بغداد" in _role(e, "location") for e in evs)


def test_no_place_of_a_party(nlp):
    # "القنصلية الأمريكية في أربيل": the place of the consulate, not of the clashes
    text = ("وتوقفت الاشتباكات العنيفة بين الطرفين بعد ظهر أمس بحسب ما أعلنت في بيان مقتضب صدر مساء "
            "القنصلية الأمريكية في أربيل.")
    for e in _events(nlp, text, "ATTACK"):
        assert "أربيل" not in _role(e, "location")


def test_the_coalition_is_the_attacker_not_the_target(nlp):
    text = "إلى ذلك استهدفت غارات التحالف مواقع ومعسكرات للمليشيات في محافظة صعدة."
    ev = _with_mention(_events(nlp, text, "ATTACK"), "استهدفت")
    assert ev
    assert _role(ev[0], "attacker") == ["التحالف"]
    assert "التحالف" not in _role(ev[0], "target")
    assert "مواقع" in _role(ev[0], "target")


def test_the_subject_of_a_relative_clause_is_the_agent_not_the_victim(nlp):
    text = "وارتفعت حصيلة قتلى القذائف الصاروخية التي أطلقتها المعارضة على أحياء دمشق إلى 11 قتيلا."
    cas = _events(nlp, text, "CASUALTIES")
    assert any("المعارضة" in _role(e, "agent") for e in cas)
    assert not any("المعارضة" in _role(e, "victims") for e in cas)


@pytest.mark.parametrize("text, bad", [
    ("وقتل مسلحون عقيدا في الجيش أمس بإطلاق النار عليه.", "الجيش"),
    ("ويتهم الأهالي المسلح بقتل عقيد في الجيش بعد خلاف على الطريق.", "الجيش"),
])
def test_an_indefinite_rank_is_the_victim(nlp, text, bad):
    cas = _events(nlp, text, "CASUALTIES")
    assert cas
    assert any(v.startswith("عقيد") for e in cas for v in _role(e, "victims"))
    assert not any(bad in _role(e, "victims") for e in cas)
