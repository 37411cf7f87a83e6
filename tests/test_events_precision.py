"""Event precision pass (issue 10, branch wt-evprec): the shared sense rules of
``data/events/senses.yaml`` (speakers that cannot speak, verb readings that are nouns or
place names, arrest words with a thing as object, ة read as a pronoun), the relative ما,
the specific condemnation, and the statement-turn rules that need a document title.
Sentence-level cases also live in the frame corpora and ``coref_corpus.yaml``."""

from __future__ import annotations

import pytest

from arabic_events.events.component import EventExtractor
from arabic_events.events.triggers import senses
from arabic_events.normalize import normalize

from test_events_v2 import build


@pytest.fixture(scope="module")
def ex():
    return EventExtractor()


def _types(ex, text, ents=()):
    doc = ex(build(text, ents))
    doc.check_offsets()
    return [(e.type, e.trigger.text) for e in doc.events]


def test_senses_lexicon_is_normalized_and_filled():
    sn = senses()
    for key in ("speech", "documents", "which", "complements", "scripture", "verb_not_after",
                "verb_not_after_heads", "nisba_nouns", "things", "people", "condemn", "relative_ma"):
        assert sn[key], key
        assert all(w == normalize(w) for w in sn[key]), key
    # a speaker noun of the conventions is never listed as a document
    assert normalize("البيان") not in sn["documents"] and normalize("الصحيفة") not in sn["documents"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("وكشف التقرير أن الجرائم تراجعت هذا العام.", []),
        ("وكشف الوزير أن الجرائم تراجعت هذا العام.", [("STATEMENT", "كشف")]),
        ("البيانات تشير إلى تراجع الصادرات.", []),
        ("وهذا مما يؤكد أن الأزمة عميقة.", []),
        ("وهذا ما أكده الوزير للصحفيين.", [("STATEMENT", "أكد")]),
        ("قال تعالى إن الصلاة كانت على المؤمنين كتابا موقوتا.", []),
        ("ونجح رجال الجمارك في كشفها قبل دخولها البلاد.", []),
        ("وقتل مسلحون جنديين بمحافظة أبين جنوب البلاد.", [("CASUALTIES", "قتل")]),
    ],
)
def test_speech_senses(ex, text, expected):
    got = [x for x in _types(ex, text) if x[0] in ("STATEMENT", "CASUALTIES")]
    assert got == expected


def test_relative_ma_is_no_negation(ex):
    doc = ex(build("وهذا ما أكده الوزير للصحفيين أمس.", []))
    (st,) = [e for e in doc.events if e.type == "STATEMENT"]
    assert st.polarity == "positive"
    doc = ex(build("ما انسحبت القوات من المدينة حتى اليوم.", []))
    (w,) = [e for e in doc.events if e.type == "WITHDRAWAL"]
    assert w.polarity == "negative"


def test_taa_is_not_a_pronoun(ex):
    # "سيولة" (liquidity) is no flood; "سيوله" with the pronoun ه ("its floods") is
    assert not [e for e in ex(build("وقال الخبير إن السيولة فائضة وإن سيولة البنوك مرتفعة.", [])).events if e.type == "NATURAL_DISASTER"]
    got = ex(build("وجرفت سيوله المنازل في جدة أمس.", [("جدة", "LOC")]))
    assert [e.trigger.text for e in got.events if e.type == "NATURAL_DISASTER"] == ["سيول"]


@pytest.mark.parametrize(
    "text,n",
    [
        ("وضبطت دوريات الأمن خمسة أشخاص بحوزتهم كميات من المخدرات.", 1),
        ("وضبط المفتشون عددا من المخالفات في المحلات التجارية.", 0),
        ("وأدت الأمطار إلى احتجاز عشرات المركبات على الطريق.", 0),
    ],
)
def test_arrest_needs_a_person(ex, text, n):
    assert len([e for e in ex(build(text, [])).events if e.type == "ARREST"]) == n


def test_condemnation_of_one_act_is_specific(ex):
    doc = ex(build("دان المجلس بأقسى العبارات التفجير الإرهابي الذي استهدف المسجد.", []))
    (b,) = [e for e in doc.events if e.type == "BOMBING"]
    assert b.genericity == "specific"
    doc = ex(build("وتدين المنظمة كل التفجيرات التي تطال المدنيين.", []))
    (b,) = [e for e in doc.events if e.type == "BOMBING"]
    assert b.genericity == "generic"


def test_headline_statement_meets_its_body_restatement(nlp):
    text = "ليبيا تحذر من انتشار الأمراض في بنغازي\n\nحذرت السلطات الليبية من احتمال انتشار أمراض في بنغازي بسبب لحوم فاسدة.\n"
    doc = nlp(text, published="2015-08-10")
    sts = [[m.text for m in e.mentions] for e in doc.events if e.type == "STATEMENT"]
    assert sts == [["تحذر", "حذرت"]]
    other = "ليبيا تحذر من انتشار الأمراض في بنغازي\n\nقال وزير الصحة الليبي رضا العوكلي إن الوضع تحت السيطرة.\n"
    doc = nlp(other, published="2015-08-10")
    assert len([e for e in doc.events if e.type == "STATEMENT"]) == 2
