import datetime as dt
import json

import pytest

import arabic_events as ae
from arabic_events.doc import parse_published


def _doc():
    text = "انسحبت القوات من قاعدة القائم أمس"
    d = ae.Doc(text, published="2020-03-20")
    d.entities.append(ae.Entity("قاعدة القائم", 17, 29, "FAC", source="test"))
    d.quantities.append(ae.Quantity("القوات", 7, 13, None, kind="vague"))
    d.times.append(ae.TimeExpr("أمس", 30, 33, "2020-03-19", flags=("x",)))
    d.events.append(
        ae.Event(
            "WITHDRAWAL",
            ae.Trigger("انسحبت", 0, 6),
            (ae.Argument("origin", "قاعدة القائم", 17, 29, ref="entities:0"),),
            time="2020-03-19",
        )
    )
    seg = ae.Segment("القوات", 7, 13, "stem")
    d.tokens.append(ae.Token("القوات", 7, 13, "word", (seg,)))
    d.sentences.append(ae.Sentence(text, 0, len(text), "body"))
    d.zones.append(ae.Zone(text, 0, len(text), "body"))
    return d


def test_roundtrip_through_json_is_equal():
    d = _doc()
    d.check_offsets()
    back = ae.Doc.from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
    assert back == d
    assert back.events[0].arguments[0].ref == "entities:0"
    assert back.times[0].flags == ("x",)
    assert back.tokens[0].segments[0].kind == "stem"


def test_to_dict_has_every_layer_even_when_empty():
    d = ae.Doc("")
    keys = set(d.to_dict())
    assert {"text", "published", "sentences", "tokens", "entities", "quantities", "times", "events"} <= keys
    assert d.to_dict()["events"] == []


def test_schema_fields_of_layers():
    d = _doc().to_dict()
    assert {"text", "start", "end", "label"} <= set(d["entities"][0])
    assert {"text", "start", "end", "value", "kind", "approx", "unit"} <= set(d["quantities"][0])
    assert {"text", "start", "end", "value", "kind", "mod"} <= set(d["times"][0])
    ev = d["events"][0]
    assert {"type", "trigger", "arguments", "time", "polarity", "modality"} <= set(ev)
    assert set(ev["trigger"]) == {"text", "start", "end"}
    assert {"role", "text", "start", "end"} <= set(ev["arguments"][0])


def test_check_offsets_names_the_bad_span():
    d = _doc()
    d.entities.append(ae.Entity("بغداد", 0, 5, "LOC"))
    with pytest.raises(ae.OffsetError, match="بغداد"):
        d.check_offsets("my_ner")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-03-29", dt.date(2020, 3, 29)),
        ("2020-03-29T10:00:00", dt.date(2020, 3, 29)),
        (dt.date(2021, 12, 9), dt.date(2021, 12, 9)),
        (dt.datetime(2021, 12, 9, 23, 1), dt.date(2021, 12, 9)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("bad", ["29/03/2020", "yesterday", "2020-13-01", 20200329, 3.5])
def test_parse_published_rejects(bad):
    with pytest.raises(ae.InputError):
        parse_published(bad)


def test_doc_rejects_bytes():
    with pytest.raises(ae.InputError, match="decode"):
        ae.Doc(b"abc")


def test_in_body_uses_zones():
    text = "عنوان\nنص المقال هنا.\nاقرأ أيضا"
    d = ae.Doc(text)
    assert d.in_body(0, 3)  # no zones: everything counts
    d.zones = [
        ae.Zone("نص المقال هنا.", 6, 20, "body"),
        ae.Zone("اقرأ أيضا", 21, 30, "boilerplate"),
    ]
    assert d.in_body(6, 8)
    assert not d.in_body(21, 25)
    assert not d.in_body(0, 3)


def test_tokens_in_and_sentence_index():
    d = _doc()
    assert [t.text for t in d.tokens_in(0, 20)] == ["القوات"]
    assert d.tokens_in(20, 30) == []
    assert d.sentence_index(10) == 0
    assert d.sentence_index(len(d.text)) is None
