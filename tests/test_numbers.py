"""arabic_events.numbers: the example corpus beside the data, the API, bad input, seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import arabic_events as ae
from arabic_events._data import load_yaml
from arabic_events.doc import Doc, Quantity, Zone
from arabic_events.errors import InputError
from arabic_events.numbers import find_quantities, parse_number
from arabic_events.numbers._lexicon import lexicon
from arabic_events.pipeline import Pipeline

from conftest import gold_for, read_seed, seed_paths

CORPUS = load_yaml("numbers/corpus.yaml")


def _t(s: str) -> str:
    """Corpus texts write tatweel as "~" (the data lint forbids tatweel in data files)."""
    return s.replace("~", "\u0640")


def _id(e) -> str:
    return e["text"] if isinstance(e, dict) else e


@pytest.mark.parametrize("case", CORPUS["positives"], ids=_id)
def test_corpus_positive(case):
    text = _t(case["text"])
    found = find_quantities(text)
    assert len(found) == 1, [(q.text, q.value) for q in found]
    q = found[0]
    if "span" in case:
        span = _t(case["span"])
    elif q.unit_start is not None:
        span = text[: q.unit_start].rstrip()
    else:
        span = text
    assert q.text == span
    assert text[q.start : q.end] == q.text
    assert q.value == case["value"] and type(q.value) is type(case["value"])
    assert q.approx == case.get("approx")
    assert q.unit == case.get("unit")
    if "kind" in case:
        assert q.kind == case["kind"]
    if q.unit is not None:
        assert q.unit_end <= q.start or q.unit_start >= q.end
        assert text[q.unit_start : q.unit_end].strip()


@pytest.mark.parametrize("text", CORPUS["negatives"], ids=_id)
def test_corpus_negative(text):
    assert find_quantities(_t(text)) == []


@pytest.mark.parametrize("case", CORPUS["in_context"], ids=lambda e: e["text"][:30])
def test_corpus_in_context(case):
    text = _t(case["text"])
    got = [[q.text, q.value] for q in find_quantities(text)]
    assert got == [[_t(s), v] for s, v in case["expect"]]


def test_corpus_covers_every_kind_and_approx():
    kinds = {c.get("kind", "cardinal") for c in CORPUS["positives"]}
    approx = {c.get("approx") for c in CORPUS["positives"]} - {None}
    assert kinds >= {"cardinal", "ordinal", "fraction", "percent", "multiple", "vague"}
    assert approx >= {"about", "more_than", "less_than", "at_least", "at_most", "few", "tens", "hundreds", "thousands"}


@pytest.mark.parametrize(
    "text,value,kind",
    [
        ("صفر", 0, "cardinal"),
        ("2020", 2020, "cardinal"),
        ("ثلاثة آلاف وخمسمئة جندي", 3500, "cardinal"),
        ("الرابعة", 4, "ordinal"),
        ("«25%»", 25, "percent"),
        ("بـ5200", 5200, "cardinal"),
    ],
)
def test_parse_number(text, value, kind):
    q = parse_number(text)
    assert isinstance(q, Quantity)
    assert (q.value, q.kind) == (value, kind)


@pytest.mark.parametrize("text", ["", "جندي", "ثلاثة جنود وأربعة مدنيين", "قال إن 5", "hello"])
def test_parse_number_rejects_non_single(text):
    assert parse_number(text) is None


def test_parse_number_exposed_on_package():
    assert ae.parse_number("مئتان").value == 200


def test_bad_types():
    with pytest.raises(InputError):
        parse_number(5)
    with pytest.raises(InputError):
        find_quantities(b"5")


@pytest.mark.parametrize(
    "text",
    [
        "<p>قتل <b>5</b> جنود</p>",
        "\u202bقتل 5 جنود\u202c",
        "قُتِلَ خَمْسَةُ جُنُودٍ",
        "قتـــل خمســـة جنود",
        "\x00\x01 5 \x7f",
        "٪٪٪ ,,, ... ---",
        "ـ" * 50,
        "1" * 5000,
        "1." + "2" * 5000,
        "ثلاثة " * 3000,
        "ألف و" * 2000,
        "%" * 500 + "5",
    ],
)
def test_messy_input_keeps_offsets(text):
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        if q.unit_start is not None:
            assert 0 <= q.unit_start < q.unit_end <= len(text)


def test_diacritics_and_tatweel_read():
    assert [q.value for q in find_quantities("قُتِلَ خَمْسَةُ جُنُودٍ")] == [5]
    assert [q.value for q in find_quantities("قتـــل خمســـة جنود")] == [5]


def test_long_text_is_linear_enough():
    text = "قتل 5 جنود في 19 آذار 2020، وأصيب نحو ثلاثة آلاف وخمسمئة شخص. " * 2000
    found = find_quantities(text)
    assert len(found) == 4000
    assert found[-1].text == "نحو ثلاثة آلاف وخمسمئة"


def test_doc_input_uses_original_offsets():
    doc = Doc("بغداد - قال إن \u0623\u0643\u062b\u0631 من 13 دولة شاركت")
    (q,) = find_quantities(doc)
    assert doc.text[q.start : q.end] == q.text == "أكثر من 13"
    assert doc.text[q.unit_start : q.unit_end] == "دولة"


def test_component_fills_doc_and_skips_boilerplate():
    nlp = Pipeline(["tokenizer", "quantities"])
    assert "quantities" in nlp.pipe_names
    doc = nlp("قتل 5 جنود. اقرأ أيضا: 7 أخبار")
    assert [q.value for q in doc.quantities] == [5, 7]
    doc2 = Doc(doc.text)
    doc2.zones = [Zone(doc.text[:11], 0, 11, "body"), Zone(doc.text[12:], 12, len(doc.text), "boilerplate")]
    nlp(doc2)
    assert [q.value for q in doc2.quantities] == [5]
    keep_all = Pipeline(["tokenizer", {"name": "quantities", "config": {"skip_boilerplate": False}}])
    doc3 = Doc(doc.text)
    doc3.zones = doc2.zones
    assert [q.value for q in keep_all(doc3).quantities] == [5, 7]


def test_durations_option():
    text = "انسحبت بعد 3 أيام"
    assert Pipeline(["tokenizer", "quantities"])(text).quantities == []
    keep = Pipeline(["tokenizer", {"name": "quantities", "config": {"durations": True}}])(text).quantities
    assert [(q.text, q.value, q.unit) for q in keep] == [("3", 3, "يوم")]


def test_provenance_recorded():
    (q,) = find_quantities("نحو 300 ألف")
    assert q.source == "numbers:mixed"


def test_lexicon_keys_are_normalized():
    from arabic_events.normalize import normalize

    lx = lexicon()
    assert all(normalize(k) == k for k in lx.words)
    assert lx.lookup(normalize("مائتان")).value == 200


# Every quantity in the seed articles (title, dateline and body), with its value.
SEED_EXPECTED = {
    "000": [("400", 400), ("عشرات", 10), ("5200", 5200), ("بضعة آلاف", 3000)],
    "001": [
        ("ثلث", 0.3333), ("أكثر من 300 ألف", 300000), ("أكثر من 240 ألف", 240000),
        ("أكثر من 13", 13), ("نحو ثلاثة آلاف وخمسمئة", 3500), ("الثلث تقريبا", 0.3333),
        ("نحو الثلث", 0.3333), ("الأولى", 1), ("نحو خمسة آلاف ومئتي", 5200), ("عدة", 3),
    ],
    "002": [("2500", 2500), ("2500", 2500), ("الرابعة", 4), ("الرابعة", 4), ("نحو ثلث", 0.3333), ("عشرات", 10)],
    "003": [("الثالث", 3), ("الثالث", 3), ("اثنين", 2)],
    "004": [("الثانية", 2), ("الثاني", 2), ("الـ24", 24)],
}


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem[:3])
def test_seed_quantities(path):
    text = read_seed(path)
    found = [(q.text, q.value) for q in find_quantities(text)]
    for item in SEED_EXPECTED[path.stem[:3]]:
        assert item in found, item
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


def _gold_paths():
    return [p for p in seed_paths() if gold_for(p) is not None]


@pytest.mark.parametrize("path", _gold_paths(), ids=lambda p: p.stem[:3])
def test_seed_gold_quantities(path):
    """Every gold quantity is found with its span, value, kind, approx and unit; few extras."""
    text, gold = read_seed(path), gold_for(path)
    zones = [(gold[z]["start"], gold[z]["end"]) for z in ("title", "dateline", "body") if gold.get(z)]
    excluded = [(e["start"], e["end"]) for e in gold.get("excluded", [])]

    def annotated(q):
        inside = any(s <= q.start and q.end <= e for s, e in zones)
        return inside and not any(s <= q.start < e for s, e in excluded)

    pred = {(q.start, q.end): q for q in find_quantities(text) if annotated(q)}
    for g in gold["quantities"]:
        q = pred.get((g["start"], g["end"]))
        assert q is not None, f"missed {g['text']!r}"
        assert (q.value, q.kind, q.approx, q.unit) == (g["value"], g["kind"], g["approx"], g["unit"]), g
    extra = [q.text for k, q in pred.items() if k not in {(g["start"], g["end"]) for g in gold["quantities"]}]
    assert len(extra) <= max(1, len(gold["quantities"]) // 10), extra


_PIECES = [
    "ثلاثة", "آلاف", "و", "وخمسمئة", "ألفا", "ألفاً", "مليون", "ونصف", "نصف", "الثلث", "الـ", "الأول", "عشر",
    "أكثر", "من", "نحو", "بالمئة", "في", "المئة", "%", "٪", "-", "/", ":", "،", ",", ".", "(", ")", '"',
    "19", "2020", "12.500", "٣٬٥٠٠", "0", "5", "آذار", "عام", "الساعة", "كي", "جندي", "جنديا", "عشرات", "بضعة",
    "عدة", "أضعاف", "فاصلة", "\u064b", "\u0640", "\u200f", "\n", " ", "  ", "k", "F",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_fuzz_offsets_and_types(pieces, spaced):
    text = (" " if spaced else "").join(pieces)
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text and q.text.strip() == q.text and q.text
        assert q.kind in {"cardinal", "ordinal", "fraction", "percent", "multiple", "vague"}
        assert q.value is None or isinstance(q.value, (int, float))
        if q.unit_start is not None:
            assert 0 <= q.unit_start < q.unit_end <= len(text)
