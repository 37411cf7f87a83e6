"""Event-level output (issue 10): one Event per real event with its mentions, statement
turns, factuality fields, facts_only, where/when, provenance, schema round trip,
thread-safety of the component's state and the frame loader's nesting limit."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import arabic_events as ae
from arabic_events._data import load_yaml
from arabic_events.doc import Doc, Entity, Event, EventMention, Quantity, TimeExpr
from arabic_events.events import component as comp
from arabic_events.events.component import EventExtractor, make_events
from arabic_events.events.coref import event_mentions
from arabic_events.events.frames import FrameSpecTooDeepError


def build(text, ents=(), qs=(), ts=(), published="2020-03-20", sentences=True):
    doc = Doc(text, published=published)
    for t, label in ents:  # every occurrence
        i = text.find(t)
        while i != -1:
            doc.entities.append(Entity(t, i, i + len(t), label, source="test"))
            i = text.find(t, i + len(t))
    for t, value, kind, unit in qs:
        t = str(t)
        i = text.find(t)
        while i != -1:
            doc.quantities.append(Quantity(t, i, i + len(t), value, kind, unit=unit, source="test"))
            i = text.find(t, i + len(t))
    doc.quantities.sort(key=lambda q: q.start)
    for t, value, kind in ts:
        i = text.index(t)
        doc.times.append(TimeExpr(t, i, i + len(t), value, kind, source="test"))
    doc.entities.sort(key=lambda e: e.start)
    if sentences:
        from arabic_events.tokenizer import make_tokenizer

        make_tokenizer(None)(doc)
    return doc


@pytest.fixture(scope="module")
def ex():
    return EventExtractor()


# ------------------------------------------------------------ coreference corpus
_COREF = load_yaml("events/coref_corpus.yaml")["cases"]


@pytest.mark.parametrize("case", _COREF, ids=[c["id"] for c in _COREF])
def test_coref_corpus(ex, case):
    doc = ex(build(case["text"], case.get("entities", ()), case.get("quantities", ()), case.get("times", ())))
    doc.check_offsets()
    got = [[m.text for m in e.mentions] for e in doc.events if e.type == case["type"]]
    assert got == case["events"], [(e.type, [m.text for m in e.mentions]) for e in doc.events]


def test_merged_event_keeps_mentions_arguments_and_revised_counts(ex):
    text = ("قتل 12 شخصا في انفجار سيارة مفخخة في سوق بمدينة الرمادي. "
            "وارتفعت حصيلة القتلى إلى 15 شخصا بحسب مصادر طبية.")
    doc = ex(build(text, [("الرمادي", "LOC")], [("12", 12, "cardinal", "شخص"), ("15", 15, "cardinal", "شخص")]))
    (cas,) = [e for e in doc.events if e.type == "CASUALTIES"]
    assert [m.text for m in cas.mentions] == ["قتل", "القتلى"]
    assert sorted(a.value for a in cas.args("count")) == [12, 15]  # the revised toll keeps both figures
    assert all(doc.text[m.start:m.end] == m.text for m in cas.mentions)
    assert {m.sentence for m in cas.mentions} == {0, 1}
    assert cas.trigger.text in {m.text for m in cas.mentions}


def test_argument_provenance_and_where_when(ex):
    text = "قصفت طائرات التحالف أمس مواقع للمسلحين في قرية البوعيثة بمحافظة صلاح الدين."
    doc = ex(build(text, [("البوعيثة", "LOC"), ("صلاح الدين", "LOC")], ts=[("أمس", "2020-03-19", "date")]))
    (att,) = [e for e in doc.events if e.type == "ATTACK"]
    assert all(a.rule.startswith("cue:") for a in att.arguments)
    assert att.where is not None and att.where.text == "البوعيثة"
    assert att.where_in is not None and att.where_in.text == "صلاح الدين"
    assert att.when is not None and att.when.value == "2020-03-19"
    doc.check_offsets()


def test_facts_only_and_factuality_fields():
    text = "نفى الجيش قصف المستشفى. وقصفت الطائرات مواقع المسلحين أمس. وستنسحب القوات من المدينة."
    keep = make_events(None, facts_only=True)(build(text, ts=[("أمس", "2020-03-19", "date")]))
    allv = make_events(None)(build(text, ts=[("أمس", "2020-03-19", "date")]))
    got = {(e.type, e.trigger.text, e.polarity, e.modality, e.tense) for e in allv.events}
    assert ("ATTACK", "قصف", "negative", "asserted", "past") in got
    assert ("WITHDRAWAL", "تنسحب", "positive", "planned", "future") in got
    assert [(e.type, e.trigger.text) for e in keep.events] == [("ATTACK", "قصفت")]
    assert all(e.is_fact for e in keep.events)


def test_merge_false_gives_one_event_per_mention(ex):
    text = "انسحبت القوات الأمريكية من قاعدة القائم. وجاء الانسحاب بعد اتفاق مع بغداد."
    ents = [("القوات الأمريكية", "ORG"), ("قاعدة القائم", "FAC"), ("بغداد", "LOC")]
    merged = ex(build(text, ents))
    single = make_events(None, merge=False)(build(text, ents))
    w = [e for e in merged.events if e.type == "WITHDRAWAL"]
    assert len(w) == 1 and [m.text for m in w[0].mentions] == ["انسحبت", "الانسحاب"]
    assert [e.trigger.text for e in single.events if e.type == "WITHDRAWAL"] == ["انسحبت"]  # a bare noun alone is no event
    assert [e.trigger.text for e in event_mentions(merged) if e.type == "WITHDRAWAL"] == ["انسحبت", "الانسحاب"]


def test_schema_round_trip_and_old_dicts(ex):
    text = "وقال المتحدث باسم الجيش سالم الحربي إن القوات انسحبت من المدينة. وأضاف أن الانسحاب اكتمل."
    doc = ex(build(text, [("سالم الحربي", "PER")]))
    d = doc.to_dict()
    ev = d["events"][0]
    assert {"type", "trigger", "mentions", "arguments", "polarity", "modality", "genericity", "tense",
            "where", "where_in", "when"} <= set(ev)
    assert {"text", "start", "end", "sentence", "rule", "arguments"} <= set(ev["mentions"][0])
    assert {"role", "text", "start", "end", "ref", "value", "rule"} <= set(ev["arguments"][0])
    assert Doc.from_dict(d).events == doc.events
    old = {k: v for k, v in ev.items() if k not in ("mentions", "genericity", "tense", "where", "where_in", "when")}
    for a in old["arguments"]:
        a.pop("rule")
    e = Event.from_dict(old)
    assert e.mentions == () and e.genericity == "specific" and e.where is None
    assert isinstance(doc.events[0].mentions[0], EventMention)


def test_statement_turn_merges_continuations(ex):
    text = ("وقال وزير الدفاع خالد العبيدي إن القوات ستواصل التقدم. "
            "وأضاف أن المعارك مستمرة، مؤكدا أن النصر قريب. "
            "من جهته، قال المتحدث باسم التحالف ستيف وارن إن الغارات مستمرة.")
    doc = ex(build(text, [("خالد العبيدي", "PER"), ("ستيف وارن", "PER")]))
    st = [e for e in doc.events if e.type == "STATEMENT"]
    assert [[m.text for m in e.mentions] for e in st] == [["قال", "أضاف", "مؤكدا"], ["قال"]]
    assert [a.text for a in st[0].args("speaker")] == ["خالد العبيدي"]
    assert len(st[0].args("content")) == 3  # the content grows with the turn


# ----------------------------------------------------------------- architecture
def _self_assignments(cls) -> list[str]:
    src = inspect.getsource(cls)
    tree = ast.parse("if True:\n" + "\n".join("    " + ln for ln in src.splitlines()))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name not in ("__init__", "add_frame", "remove_frame"):
            for sub in ast.walk(node):
                targets = sub.targets if isinstance(sub, ast.Assign) else [getattr(sub, "target", None)]
                for t in targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                        out.append(f"{node.name}: self.{t.attr}")
    return out


def test_component_keeps_no_per_document_state():
    # the extractor (shared by threads) assigns to self only when configured; per-call
    # state lives on _DocRun, which is created for each document
    assert _self_assignments(comp.EventExtractor) == []
    for mixin in comp._DocRun.__mro__[1:-1]:
        assert _self_assignments(mixin) == [], mixin.__name__
    assert _self_assignments(comp._DocRun) == []


def test_registry_declares_requirements():
    from arabic_events.pipeline import registered_components

    info = registered_components()["events"]
    assert set(info.requires) == {"sentences", "entities", "quantities", "times"}


def test_deeply_nested_frame_specs_raise_config_error(tmp_path: Path):
    deep = "[" * 50000 + "]" * 50000
    nested: list = []
    for _ in range(40):
        nested = [nested]
    for spec in (deep, '{"name": "X", "triggers": ' + deep + "}", {"name": "X", "triggers": nested}):
        with pytest.raises(ae.ConfigError, match="nested more than"):
            ae.load_frame(spec)
    p = tmp_path / "deep.json"
    p.write_text('{"name": "X", "triggers": ' + deep + "}", encoding="utf-8")
    with pytest.raises(FrameSpecTooDeepError):
        ae.load_frame(p)
    with pytest.raises(ae.FrameError):
        ae.load_frame(p)
