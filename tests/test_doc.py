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


# ------------------------------------------------------------------ robustness (issue 13)
@pytest.mark.parametrize(
    "bad",
    [
        None,
        "text",
        ["text"],
        {},
        {"text": None},
        {"text": 5},
        {"text": "ab", "tokens": [{}]},
        {"text": "ab", "tokens": [None]},
        {"text": "ab", "tokens": "ab"},
        {"text": "ab", "tokens": [{"text": "ab", "start": "0", "end": 2}]},
        {"text": "ab", "tokens": [{"text": "ab", "start": True, "end": 2}]},
        {"text": "ab", "tokens": [{"text": "ab", "start": 0, "end": 2, "segments": [{}]}]},
        {"text": "ab", "tokens": [{"text": "ab", "start": 0, "end": 2, "segments": 7}]},
        {"text": "ab", "tokens": [{"text": "ab", "start": 0, "end": 3}]},
        {"text": "ab", "tokens": [{"text": "xy", "start": 0, "end": 2}]},
        {"text": "ab", "entities": [{"text": "ab", "start": 0, "end": 2}]},  # no label
        {"text": "ab", "zones": [{"text": "ab", "start": 0, "end": 2}]},
        {"text": "ab", "events": [{}]},
        {"text": "ab", "events": [{"type": "X", "trigger": "ab"}]},
        {"text": "ab", "events": [{"type": "X", "trigger": {"text": "ab", "start": 0, "end": 2}, "arguments": [{}]}]},
        {"text": "ab", "events": [{"trigger": {"text": "ab", "start": 0, "end": 2}}]},  # no type
        {"text": "ab", "meta": []},
        {"text": "ab", "published": "2020-03-299"},
        {"text": "ab", "published_source": 3},
        {"text": "a\ud800b"},
    ],
)
def test_from_dict_rejects_malformed_input_with_input_error(bad):
    with pytest.raises(ae.InputError):
        ae.Doc.from_dict(bad)


def test_from_dict_accepts_missing_optional_layers():
    d = ae.Doc.from_dict({"text": "ab", "tokens": None, "meta": None})
    assert d.text == "ab" and d.tokens == [] and d.meta == {}


@pytest.mark.parametrize("text", ["a\ud83db", "\udfff", "نص \udc80"])
def test_lone_surrogates_rejected_up_front(nlp, text):
    with pytest.raises(ae.InputError, match="surrogate"):
        ae.Doc(text)
    with pytest.raises(ae.InputError, match="surrogate"):
        nlp(text)


def test_astral_characters_are_not_surrogates():
    d = ae.Doc("نص 😀 𝟙")
    assert d.text == "نص 😀 𝟙"


@pytest.mark.parametrize(
    "bad", ["2020-03-299", "2020-03-29junk", "2020-03-29 junk", "2020-3-29x", "10000-01-01", "0000-01-01",
            "2020-02-30", "2020-03-29T25:00", "٢٠٢٠-٠٣-٢٩x", True, [2020, 3, 29]],
)
def test_parse_published_rejects_trailing_junk_and_impossible_dates(bad):
    with pytest.raises(ae.InputError, match="ISO 8601"):
        parse_published(bad)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0001-01-01", dt.date(1, 1, 1)),
        ("9999-12-31", dt.date(9999, 12, 31)),
        (" 2020-03-29 ", dt.date(2020, 3, 29)),
        ("2020-03-29 10:00", dt.date(2020, 3, 29)),
        ("2020-03-29T10:00:00+03:00", dt.date(2020, 3, 29)),
        ("2020-03-29T10:00:00Z", dt.date(2020, 3, 29)),
        ("٢٠٢٠-٠٣-٢٩", dt.date(2020, 3, 29)),
        ("۲۰۲۰-۰۳-۲۹", dt.date(2020, 3, 29)),
    ],
)
def test_parse_published_accepts_every_iso_year(value, expected):
    assert parse_published(value) == expected


def _in_body_reference(zones, start, end):
    """The original all-zones scan, kept as the oracle for the bisection."""
    end = start if end is None else end
    inside = False
    for z in zones:
        if z.label == "boilerplate" and z.start < max(end, start + 1) and start < z.end:
            return False
        if z.label in ("body", "title", "dateline") and z.start <= start and end <= z.end:
            inside = True
    return inside


from hypothesis import given, settings, strategies as st  # noqa: E402

_zone = st.tuples(st.integers(0, 60), st.integers(0, 30), st.sampled_from(["body", "title", "dateline", "boilerplate", "other"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_zone, min_size=1, max_size=8), st.integers(0, 90), st.one_of(st.none(), st.integers(0, 30)))
def test_in_body_bisection_matches_the_zone_scan(zs, start, length):
    text = "x" * 100
    zones = [ae.Zone(text[a:a + n], a, a + n, lab) for a, n, lab in zs]
    d = ae.Doc(text)
    d.zones = zones
    end = None if length is None else start + length
    assert d.in_body(start, end) == _in_body_reference(zones, start, end)


def test_in_body_index_follows_zone_changes():
    text = "x" * 50
    d = ae.Doc(text)
    d.zones = [ae.Zone(text[0:50], 0, 50, "body")]
    assert d.in_body(10, 20)
    d.zones.append(ae.Zone(text[10:20], 10, 20, "boilerplate"))
    assert not d.in_body(10, 20)
    d.zones = [ae.Zone(text[30:50], 30, 50, "body")]
    assert not d.in_body(10, 20) and d.in_body(31, 40)


def test_sentence_index_follows_sentence_changes():
    d = _doc()
    assert d.sentence_index(3) == 0
    d.sentences = [ae.Sentence(d.text[5:], 5, len(d.text))]
    assert d.sentence_index(3) is None and d.sentence_index(6) == 0
