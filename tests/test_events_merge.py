"""merge_events / Corpus: one timeline row per real event, within and across documents."""

from __future__ import annotations

import csv
import io
import json

import pytest

import arabic_events as ae
from arabic_events.doc import Doc, Entity, Quantity, TimeExpr
from arabic_events.errors import InputError
from arabic_events.events.component import EventExtractor
from arabic_events.events.merge import Corpus, argument_key, merge_events, times_compatible

EX = EventExtractor()


def analysed(text, ents=(), qs=(), ts=(), doc_id=None, published="2020-03-29"):
    d = Doc(text, published=published)
    for t, label, *canon in ents:
        start = 0
        for _ in range(text.count(t)):
            i = text.index(t, start)
            d.entities.append(Entity(t, i, i + len(t), label, canonical=canon[0] if canon else None))
            start = i + len(t)
    for t, v, kind, unit in qs:
        i = text.index(t)
        d.quantities.append(Quantity(t, i, i + len(t), v, kind, unit=unit))
    for t, v, kind in ts:
        i = text.index(t)
        d.times.append(TimeExpr(t, i, i + len(t), v, kind))
    d.entities.sort(key=lambda e: e.start)
    if doc_id:
        d.meta["id"] = doc_id
    return EX(d)


A = analysed(
    'سلّم التحالف الدولي، أمس، قاعدة "كي 1" في كركوك إلى القوات العراقية. '
    'وقال المتحدث إن تسليم قاعدة "كي 1" تم وفق الخطة. '
    "وانسحبت القوات من قاعدة القيارة قبل أيام.",
    ents=[("التحالف الدولي", "ORG"), ('قاعدة "كي 1"', "FAC"), ("كركوك", "LOC"), ("القوات العراقية", "ORG"), ("قاعدة القيارة", "FAC")],
    ts=[("أمس", "2020-03-28", "date")],
    doc_id="a",
)
B = analysed(
    "سلّم التحالف الدولي اليوم الأحد قاعدة (كي وان) الجوية إلى القوات العراقية. "
    "ويوجد حاليا في العراق نحو خمسة آلاف ومئتي جندي أميركي.",
    ents=[("التحالف الدولي", "ORG"), ("قاعدة (كي وان)", "FAC"), ("القوات العراقية", "ORG"), ("العراق", "LOC")],
    qs=[("نحو خمسة آلاف ومئتي", 5200, "cardinal", "جندي")],
    ts=[("اليوم الأحد", "2020-03-29", "date")],
    doc_id="b",
)
C = analysed(
    "وأوضح أن الأميركيين يحتفظون بـ 5200 من قواتهم في العراق. وتسلمت القوات العراقية قاعدة القائم في 19 مارس.",
    ents=[("العراق", "LOC"), ("القوات العراقية", "ORG"), ("قاعدة القائم", "FAC")],
    qs=[("5200", 5200, "cardinal", None)],
    ts=[("19 مارس", "2020-03-19", "date")],
    doc_id="c",
)


def rows_by(rows, type_):
    return [r for r in rows if r.type == type_]


def test_within_document_mentions_merge():
    rows = merge_events([A])
    (k1,) = rows_by(rows, "HANDOVER")
    assert k1.mentions == 2 and k1.docs == ["a"]
    assert k1.arguments["facility"] == 'قاعدة "كي 1"'
    assert k1.arguments["recipient"] == "القوات العراقية"
    assert k1.date == "2020-03-28"
    assert [s["start"] for s in k1.sources] == [A.events[0].trigger.start, A.text.index("تسليم")]


def test_across_documents_spelling_variants_and_numbers():
    rows = merge_events([A, B, C])
    handovers = rows_by(rows, "HANDOVER")
    k1 = [r for r in handovers if "كركوك" in r.arguments.get("location", "") or r.mentions == 3]
    assert len(k1) == 1 and k1[0].docs == ["a", "b"] and k1[0].mentions == 3  # "كي 1" = "كي وان"
    qaim = [r for r in handovers if r.arguments.get("facility") == "قاعدة القائم"]
    assert len(qaim) == 1 and qaim[0].date == "2020-03-19" and qaim[0].docs == ["c"]
    (count,) = rows_by(rows, "TROOP_COUNT")  # 5200 and "نحو خمسة آلاف ومئتي" are one statement
    assert count.docs == ["b", "c"] and count.argument_values["count"] == 5200
    assert not rows_by(rows, "STATEMENT")  # statements are not timeline rows by default
    # sorted by date, undated last
    dates = [r.date for r in rows]
    assert dates == sorted(d for d in dates if d) + [None] * dates.count(None)


def test_incompatible_times_and_numbers_do_not_merge():
    d1 = analysed("سلّم الجيش قاعدة التاجي أمس.", ents=[("قاعدة التاجي", "FAC")], ts=[("أمس", "2020-03-01", "date")], doc_id="x")
    d2 = analysed("سلّم الجيش قاعدة التاجي أمس.", ents=[("قاعدة التاجي", "FAC")], ts=[("أمس", "2020-06-01", "date")], doc_id="y")
    assert len(rows_by(merge_events([d1, d2]), "HANDOVER")) == 2
    d3 = analysed("ويوجد في العراق 2500 جندي أميركي.", ents=[("العراق", "LOC")], qs=[("2500", 2500, "cardinal", "جندي")], doc_id="z")
    assert len(rows_by(merge_events([B, d3]), "TROOP_COUNT")) == 2


def test_entity_canonical_names_link_mentions():
    d1 = analysed("سلّم التحالف مطار بغداد الدولي إلى الحكومة.", ents=[("مطار بغداد الدولي", "FAC", "مطار بغداد")], doc_id="p")
    d2 = analysed("سلّم التحالف المطار إلى الحكومة.", ents=[("المطار", "FAC", "مطار بغداد")], doc_id="q")
    (row,) = rows_by(merge_events([d1, d2]), "HANDOVER")
    assert row.docs == ["p", "q"]


def test_filters():
    rows = merge_events([A, B, C], types=["STATEMENT"], require_primary=False, min_key_args=0)
    assert rows and all(r.type == "STATEMENT" for r in rows)
    assert merge_events([A, B, C], modalities=["hypothetical"]) == []


def test_times_compatible():
    assert times_compatible("2020-03-19", "2020-03-22")
    assert times_compatible("2020-03-19", "2020-W13")  # within a week of the week
    assert not times_compatible("2020-03-01", "2020-03-19")
    assert times_compatible(None, "2020-03-19") and times_compatible("-PXD", "2020-03-19")
    assert times_compatible("2020-03", "2020-03-30")


def test_argument_key_folds_heads_quotes_and_number_words():
    d = Doc('قاعدة "القائم" و قاعدة (كي وان) و قاعدة كي 1 العسكرية')
    from arabic_events.doc import Argument

    def key(t):
        i = d.text.index(t)
        return argument_key(d, Argument("facility", t, i, i + len(t)))

    assert key('قاعدة "القائم"') == "t:القائم"
    assert key("قاعدة (كي وان)") == key("قاعدة كي 1 العسكرية") == "t:كي 1"


def test_corpus_exports():
    corpus = Corpus([A, B])
    corpus.add(C)
    assert len(corpus) == 3 and set(corpus.docs) == {"a", "b", "c"}
    data = json.loads(corpus.to_json())
    assert data[0]["type"] and "sources" in data[0] and data[0]["sources"][0]["doc"] in {"a", "b", "c"}
    rows = list(csv.reader(io.StringIO(corpus.to_csv())))
    assert rows[0] == ["date", "type", "polarity", "modality", "arguments", "mentions", "docs", "sources"]
    assert len(rows) == len(data) + 1
    k1 = [r for r in rows if r[1] == "HANDOVER" and "a b" == r[6]]
    assert k1 and "facility=" in k1[0][4] and k1[0][7].startswith("a:")
    with pytest.raises(InputError, match="already in the corpus"):
        corpus.add(C, doc_id="a")
    with pytest.raises(InputError):
        corpus.add(42)


def test_corpus_writes_files(tmp_path):
    corpus = Corpus([A])
    p = tmp_path / "t.csv"
    corpus.to_csv(str(p))
    assert p.read_text(encoding="utf-8").startswith("date,type")
    j = tmp_path / "t.json"
    corpus.to_json(str(j))
    assert json.loads(j.read_text(encoding="utf-8"))


def test_merge_rejects_bad_input_and_lazy_exports():
    with pytest.raises(InputError):
        merge_events(["not a doc"])
    assert ae.merge_events is merge_events and ae.Corpus is Corpus
    assert merge_events([]) == []


def test_named_noun_phrase_identifies_but_generic_does_not():
    # no entities: "قاعدة القائم" comes from the noun-phrase rule and still names the base
    d1 = analysed("وانسحبت القوات من قاعدة القائم أمس.", ts=[("أمس", "2020-03-18", "date")], doc_id="n1")
    d2 = analysed("غادرت القوات الأجنبية قاعدة القائم الأسبوع الماضي.", ts=[("الأسبوع الماضي", "2020-W12", "date")], doc_id="n2")
    (row,) = rows_by(merge_events([d1, d2]), "WITHDRAWAL")
    assert row.docs == ["n1", "n2"] and row.arguments["origin"] == "قاعدة القائم"
    d3 = analysed("وانسحبت القوات من القواعد.", doc_id="n3")
    assert rows_by(merge_events([d3]), "WITHDRAWAL") == []
