"""Places of events across mentions (issue 10, argument recall): casualties take the place
of the attack that caused them (``doc:cause``), nested places of one event stay one event
and are all kept, a containing place gives no merge evidence (``places.py``, ``coref.py``)."""

from __future__ import annotations

import pytest

from arabic_events.events.places import place_conflict


def _events(nlp, text, typ):
    doc = nlp(text, published="2015-08-10")
    doc.check_offsets()
    return [e for e in doc.events if e.type == typ]


def _locs(ev):
    return [(a.text, a.rule) for a in ev.arguments if a.role == "location"]


def test_casualties_take_the_place_of_the_attack_before(nlp):
    text = ("وتبنى التنظيم الهجوم الانتحاري الذي استهدف مركزا للشرطة في مدينة الموصل أمس. "
            "وأصيب عشرة أشخاص بجروح بينهم ثلاثة من رجال الشرطة.")
    cas = _events(nlp, text, "CASUALTIES")
    assert cas and ("الموصل", "doc:cause") in _locs(cas[0])


def test_casualties_keep_their_own_place(nlp):
    # the casualty sentence names a place of its own that linking missed: nothing is inherited
    text = ("وقتل مسلحون خمسة جنود في هجوم على حاجز في مدينة الرمادي. "
            "كما أصيب تسعة آخرون في حادثين منفصلين غرب وشمال بغداد أمس.")
    cas = [e for e in _events(nlp, text, "CASUALTIES") if any(m.text == "أصيب" for m in e.mentions)]
    assert cas
    assert not any(rule == "doc:cause" for _, rule in _locs(cas[0]))


def test_no_place_from_an_attack_two_sentences_back(nlp):
    text = ("وشن الطيران غارة على مواقع في مدينة الرقة. وقال المتحدث إن العمليات مستمرة. "
            "وأصيب خمسة أشخاص بجروح.")
    for e in _events(nlp, text, "CASUALTIES"):
        assert not any(rule == "doc:cause" for _, rule in _locs(e))


def test_a_province_and_its_city_are_one_event(nlp):
    text = ("تفجير عسير جريمة بشعة\n"
            "وأدان الوزير التفجير الإرهابي الذي استهدف مسجدا في مدينة أبها يوم أمس.")
    bombs = _events(nlp, text, "BOMBING")
    assert len(bombs) == 1
    assert {t for t, _ in _locs(bombs[0])} >= {"عسير", "أبها"}


@pytest.mark.parametrize("a, b, conflict", [
    ("عسير", "أبها", False),      # a province and its city
    ("العراق", "بغداد", False),   # a country and a place in it
    ("الرياض", "جدة", True),      # two cities
    ("الموصل", "أنقرة", True),    # two countries
    ("الموصل", "غابة مجهولة", False),  # a place the gazetteer does not know
    ("بغداد", "بغداد", False),
])
def test_place_conflict(a, b, conflict):
    assert place_conflict(a, b) is conflict


def test_victims_listed_after_a_colon(nlp):
    text = ("وأسفر الهجوم عن استشهاد ثلاثة من رجال الأمن وهم كل من :\n"
            "01 - العريف سعد محمد القحطاني.\n"
            "02 - الجندي فهد علي الشهري.\n"
            "03 - الجندي ماجد سالم العتيبي.\n"
            "وتواصل الجهات المختصة التحقيق في الحادث.")
    cas = _events(nlp, text, "CASUALTIES")
    listed = [a.text for e in cas for a in e.arguments if a.rule == "doc:list"]
    assert len(listed) == 3
    assert any("القحطاني" in t for t in listed) and any("العتيبي" in t for t in listed)


def test_a_list_belongs_to_one_event_and_needs_its_colon(nlp):
    text = ("وأسفر التفجير عن استشهاد شخصين وإصابة آخرين. وفيما يلي أسماء الشهداء:\n"
            "1. العريف سعد محمد القحطاني\n"
            "2. الجندي فهد علي الشهري\n")
    cas = _events(nlp, text, "CASUALTIES")
    owners = [e for e in cas if any(a.rule == "doc:list" for a in e.arguments)]
    assert len(owners) == 1 and any(m.text == "استشهاد" for m in owners[0].mentions)
    # no colon: a numbered list after a plain sentence is not read as the victims
    text2 = ("وأسفر التفجير عن استشهاد شخصين.\n"
             "1. العريف سعد محمد القحطاني\n")
    assert not any(a.rule == "doc:list" for e in _events(nlp, text2, "CASUALTIES") for a in e.arguments)
