"""Entity grouping: spelling variants, short forms, clitics (arabic_events.ner.grouping)."""

from __future__ import annotations

import time

import pytest

import arabic_events as ae
from arabic_events._data import load_yaml
from arabic_events.doc import Doc, Entity
from arabic_events.ner.grouping import canonical_key, group_entities, make_entity_groups, same_entity

CORPUS = load_yaml("grouping/corpus.yaml")


def _mentions(texts, label):
    """Entities laid out in one text, separated by ' ، ' (offsets valid)."""
    text = " ، ".join(texts)
    out, pos = [], 0
    for t in texts:
        start = text.index(t, pos)
        out.append(Entity(t, start, start + len(t), label, source="test"))
        pos = start + len(t)
    return text, out


@pytest.mark.parametrize("case", CORPUS["same"], ids=lambda c: c["canonical"])
def test_corpus_same(case):
    _, ents = _mentions(case["mentions"], case["label"])
    got = group_entities(ents)
    assert len({e.cluster for e in got}) == 1, [(e.text, e.cluster) for e in got]
    assert {e.canonical for e in got} == {case["canonical"]}


@pytest.mark.parametrize("case", CORPUS["apart"], ids=lambda c: " / ".join(c["mentions"]))
def test_corpus_apart(case):
    _, ents = _mentions(case["mentions"], case["label"])
    got = group_entities(ents)
    assert len({e.cluster for e in got}) == len(ents), [(e.text, e.cluster) for e in got]
    # canonical is each mention's own form when nothing is merged
    assert [e.canonical for e in got] == [e.text for e in ents]


def test_groups_in_one_document_keep_order_offsets_and_fields():
    texts = ["مايلز كيغنز", "العراق", "كيغنز", "إيران", "كينغز", "بالعراق"]
    text, ents = _mentions(texts, "PER")
    ents = [e if e.text not in ("العراق", "إيران", "بالعراق") else Entity(e.text, e.start, e.end, "LOC", score=0.5) for e in ents]
    got = group_entities(ents)
    assert [(e.text, e.start, e.end, e.label) for e in got] == [(e.text, e.start, e.end, e.label) for e in ents]
    assert [e.cluster for e in got] == [0, 1, 0, 2, 0, 1]
    assert [e.canonical for e in got] == ["مايلز كيغنز", "العراق", "مايلز كيغنز", "إيران", "مايلز كيغنز", "العراق"]
    assert got[1].score == 0.5
    doc = Doc(text=text, entities=got)
    doc.check_offsets()


def test_same_label_required():
    ents = [Entity("واشنطن", 0, 6, "LOC"), Entity("واشنطن", 7, 13, "PER")]
    got = group_entities(ents)
    assert got[0].cluster != got[1].cluster


def test_ambiguous_surname_goes_to_nearest_preceding_full_name():
    _, ents = _mentions(["جو بايدن", "هانتر بايدن", "بايدن"], "PER")
    got = group_entities(ents)
    assert got[2].cluster == got[1].cluster != got[0].cluster
    # nothing precedes: the surname stays alone
    _, ents = _mentions(["بايدن", "جو بايدن", "هانتر بايدن"], "PER")
    got = group_entities(ents)
    assert len({e.cluster for e in got}) == 3


def test_canonical_prefers_most_frequent_spelling_among_full_forms():
    _, ents = _mentions(["مايلز كاغينز", "كاغينز", "مايلز كيغنز", "كيغنز", "كيغنز"], "PER")
    got = group_entities(ents)
    assert {e.canonical for e in got} == {"مايلز كيغنز"}


def test_title_is_not_part_of_canonical():
    _, ents = _mentions(["الرئيس ترامب", "ترامب"], "PER")
    got = group_entities(ents)
    assert {e.canonical for e in got} == {"ترامب"}


@pytest.mark.parametrize(
    "a, b, label, expected",
    [
        ("ترامب", "ترمب", "PER", True),
        ("بوتين", "فلاديمير بوتن", "PER", True),
        ("الكاظمي", "مصطفى الكاظمي", "PER", True),
        ("التحالف", "التحالف الدولي", "ORG", True),
        ("التحالف الدولي", "التحالف", None, True),
        ("كاغينز", "كينغز", "PER", True),
        ("العراق", "إيران", "LOC", False),
        ("محمد علي", "محمد حسن", "PER", False),
        ("محمد", "محمد علي", "PER", False),
        ("حسن", "حسين", "PER", False),
    ],
)
def test_same_entity(a, b, label, expected):
    assert same_entity(a, b, label) is expected
    assert same_entity(b, a, label) is expected


@pytest.mark.parametrize(
    "a, b", [("الكاظمي", "كاظمي"), ("ترامب", "ترمب"), ("بالعراق", "العراق"), ("سوريا", "سورية"), ("الرئيس ماكرون", "ماكرون")]
)
def test_canonical_key_equal(a, b):
    label = "PER" if "ماكرون" in a else None
    assert canonical_key(a, label) == canonical_key(b, label)


@pytest.mark.parametrize("a, b", [("العراق", "إيران"), ("حسن", "حسين"), ("جمال", "كمال"), ("ليبيا", "لبنان")])
def test_canonical_key_differs(a, b):
    assert canonical_key(a) != canonical_key(b)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "<b>", "\u200f\u202b", "Joe Biden", "ت", "١٢٣", "ـــ", "مُصْطَفَى الْكَاظِمِيّ", "x" * 5000],
)
def test_bad_input_does_not_crash(text):
    ents = [Entity(text, 0, len(text), "PER"), Entity(text, 0, len(text), "PER")]
    got = group_entities(ents)
    assert len(got) == 2 and got[0].cluster == got[1].cluster == 0
    assert isinstance(canonical_key(text), str)
    assert isinstance(same_entity(text, "مصطفى", "PER"), bool)


def test_diacritics_and_tatweel_are_ignored():
    _, ents = _mentions(["مُصْطَفَى الكاظِمي", "الكـاظمي", "مصطفى الكاظمي", "مصطفى الكاظمي"], "PER")
    got = group_entities(ents)
    assert len({e.cluster for e in got}) == 1
    assert got[0].canonical == "مصطفى الكاظمي"  # the most frequent spelling
    assert canonical_key("مُصْطَفَى الكاظِمي", "PER") == canonical_key("مصطفى الكاظمي", "PER")
    assert same_entity("مُصْطَفَى الكاظِمي", "مصطفى الكاظمي", "PER")


def test_latin_names():
    _, ents = _mentions(["Joe Biden", "Biden", "biden", "Boris Johnson"], "PER")
    got = group_entities(ents)
    assert [e.cluster for e in got] == [0, 0, 0, 1]
    assert got[2].canonical == "Joe Biden"


def test_empty_and_options():
    assert group_entities([]) == []
    _, ents = _mentions(["ترامب", "ترمب", "دونالد ترامب"], "PER")
    assert [e.cluster for e in group_entities(ents, fuzzy=False, short_forms=False)] == [0, 1, 2]
    assert [e.cluster for e in group_entities(ents, fuzzy=False)] == [0, 1, 0]


def test_component_registered_and_runs():
    nlp = ae.Pipeline([])
    comp = make_entity_groups(nlp)
    text, ents = _mentions(["التحالف الدولي", "التحالف"], "ORG")
    doc = comp(Doc(text=text, entities=ents))
    assert [e.cluster for e in doc.entities] == [0, 0]
    assert doc.entities[1].canonical == "التحالف الدولي"
    with pytest.raises(ValueError):
        make_entity_groups(nlp, fuzzy="yes")


def test_component_in_pipeline_with_a_user_entity_component():
    from arabic_events.pipeline import component

    @component("_test_fixed_entities", provides=["entities"])
    def make_fixed(nlp):
        def run(doc):
            for word in ("مصطفى الكاظمي", "الكاظمي"):
                start = doc.text.find(word, doc.entities[-1].end if doc.entities else 0)
                doc.entities.append(Entity(word, start, start + len(word), "PER", source="test"))
            return doc

        return run

    nlp = ae.Pipeline(["_test_fixed_entities", "entity_groups"])
    doc = nlp("قال رئيس الوزراء مصطفى الكاظمي إن الكاظمي سيزور واشنطن.")
    assert [(e.text, e.cluster, e.canonical) for e in doc.entities] == [
        ("مصطفى الكاظمي", 0, "مصطفى الكاظمي"),
        ("الكاظمي", 0, "مصطفى الكاظمي"),
    ]


def test_many_entities_is_fast():
    names = ["مايلز كيغنز", "كينغز", "التحالف الدولي", "التحالف", "العراق", "بغداد", "مصطفى الكاظمي", "الكاظمي"]
    ents = [Entity(f"{n}{i}", 0, 0, "PER") for i in range(1500) for n in names[:1]]
    ents += [Entity(n, 0, 0, "ORG" if "التحالف" in n else "PER") for n in names] * 200
    t0 = time.perf_counter()
    got = group_entities(ents)
    assert time.perf_counter() - t0 < 5
    assert len(got) == len(ents)


def test_short_form_joins_one_full_name_only():
    # the short form and its clitic variants must not chain two different councils
    texts = ["مجلس الأمن القومي السعودي", "مجلس الأمن القومي الفلسطيني", "مجلس الأمن", "بمجلس الأمن", "لمجلس الأمن"]
    _, ents = _mentions(texts, "ORG")
    got = group_entities(ents)
    assert got[0].cluster != got[1].cluster
    assert got[2].cluster == got[3].cluster == got[4].cluster == got[1].cluster
