"""Behaviour of the times component and API beyond the data corpora."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_events._data import load_yaml
from arabic_events.doc import Doc, TimeExpr, Zone
from arabic_events.errors import InputError
from arabic_events.pipeline import Pipeline
from arabic_events.times import detect_published, find_times, parse_time
from arabic_events.times._lexicon import DATA_FILES, lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TATWEEL = "\u0640"


def _one(text, ref=None):
    t = parse_time(text, reference=ref)
    assert t is not None, text
    return t


# ------------------------------------------------------------------ API
def test_parse_time_returns_time_expr():
    t = _one("أمس", "2020-03-29")
    assert isinstance(t, TimeExpr)
    assert (t.text, t.start, t.end, t.value, t.kind) == ("أمس", 0, 3, "2020-03-28", "date")
    assert t.source.startswith("times:")


def test_parse_time_picks_longest():
    assert _one("وصل يوم 3 يناير الماضي", "2020-03-29").text == "يوم 3 يناير الماضي"


def test_parse_time_none_and_errors():
    assert parse_time("قال الوزير إن القوات وصلت") is None
    assert parse_time("") is None
    with pytest.raises(InputError):
        parse_time(None)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        find_times(42)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        parse_time("أمس", reference="not a date")


def test_reference_types():
    for ref in ("2020-03-29", dt.date(2020, 3, 29), dt.datetime(2020, 3, 29, 11, 0)):
        assert _one("أمس", ref).value == "2020-03-28"


# ------------------------------------------------- no reference: relative values
@pytest.mark.parametrize(
    "text,value,kind",
    [
        ("أمس", "-P1D", "date"),
        ("اليوم", "+P0D", "date"),
        ("غدا", "+P1D", "date"),
        ("أول أمس", "-P2D", "date"),
        ("الأسبوع الماضي", "-P1W", "date"),
        ("الشهر المقبل", "+P1M", "date"),
        ("العام الماضي", "-P1Y", "date"),
        ("يوم 26 مارس (آذار) الجاري", "XXXX-03-26", "date"),
        ("نوفمبر الماضي", "XXXX-11", "date"),
        ("يوم 11 من الشهر الحالي", "XXXX-XX-11", "date"),
        ("الأحد الماضي", "XXXX-WXX-7", "date"),
        ("قبل 3 أيام", "-P3D", "date"),
        ("قبل أيام", "-PXD", "date"),
        ("عام 2014", "2014", "date"),
        ("خلال ستة أعوام", "P6Y", "duration"),
    ],
)
def test_no_reference_keeps_relative(text, value, kind):
    t = _one(text)
    assert (t.value, t.kind) == (value, kind)


def test_weekday_mismatch_is_flagged_not_fixed():
    t = _one("أمس (الأحد)", "2020-03-29")  # yesterday was a Saturday
    assert t.value == "2020-03-28" and t.flags == ("weekday_mismatch",)
    t = _one("أمس (السبت)", "2020-03-29")
    assert t.value == "2020-03-28" and t.flags == ()
    t = _one("الاثنين 29 مارس 2020")
    assert t.value == "2020-03-29" and "weekday_mismatch" in t.flags


def test_relative_resolution_grid():
    ref = "2020-03-30"  # a Monday, ISO week 14
    assert _one("الأسبوع الماضي", ref).value == "2020-W13"
    assert _one("الأحد الماضي", ref).value == "2020-03-29"
    assert _one("الأحد المقبل", ref).value == "2020-04-05"
    assert _one("تشرين الثاني/ نوفمبر الماضي", ref).value == "2019-11"
    assert _one("كانون الأول/ ديسمبر الجاري", ref).value == "2020-12"
    assert _one("يناير المقبل", ref).value == "2021-01"
    assert _one("قبل شهرين", ref).value == "2020-01"
    assert _one("بعد عامين", ref).value == "2022"


# ----------------------------------------------------------- surface forms
def test_tatweel_diacritics_and_digits():
    assert _one(f"في 1 رمضان 1441ه{TATWEEL}").value == "2020-04-24"
    assert _one(f"أم{TATWEEL}س", "2020-03-29").value == "2020-03-28"
    t = _one("أَمْسِ", "2020-03-29")
    assert t.text == "أَمْسِ" and t.value == "2020-03-28"
    assert _one("١٩-٠٣-٢٠٢٠").value == "2020-03-19"
    assert _one("عام ٢٠١٤م").value == "2014"


def test_article_with_tatweel_before_day_number():
    t = _one(f"نفذ يوم الاثنين في ال{TATWEEL}20 من الشهر الحالي", "2020-03-29")
    assert (t.text, t.value) == (f"ال{TATWEEL}20 من الشهر الحالي", "2020-03-20")


def test_clitics_stay_outside_span():
    assert _one("وأواخر 2017").text == "أواخر 2017"
    assert _one("بالأمس", "2020-03-29").text == "الأمس"
    assert _one("والأسبوع الماضي", "2020-03-29").text == "الأسبوع الماضي"
    # a word that merely starts with a clitic letter is not a clitic + time word
    assert find_times("لامس السقف", "2020-03-29") == []


def test_glued_and_doubled_dates():
    t = _one("أمس الأربعاء (19آذار2020)", "2020-03-19")
    assert t.value == "2020-03-19"
    assert "weekday_mismatch" in t.flags  # 19 March 2020 was a Thursday
    assert "reference_mismatch" in t.flags  # and not "yesterday" of 19 March
    assert _one("26 مارس (نيسان)").flags == ("month_mismatch",)


def test_father_is_not_august():
    assert find_times("أب الضحية الماضي") == []
    assert _one("آب الماضي", "2020-03-29").value == "2019-08"


def test_dateline_detection():
    text = "عنوان الخبر\nأمن | 19-03-2020, 11:14 |\nقال المتحدث أمس إن القوات انسحبت"
    assert detect_published(text) == dt.date(2020, 3, 19)
    times = find_times(text)
    assert [(t.text, t.value) for t in times] == [("19-03-2020, 11:14", "2020-03-19T11:14"), ("أمس", "2020-03-18")]
    # no dateline: a full date deep inside a long line is not a publication date
    long_line = "قال " + "كلام " * 40 + "في 19-03-2020 إن"
    assert detect_published(long_line) is None


# ------------------------------------------------------------- component
def test_component_sets_published_from_dateline():
    nlp = Pipeline(["times"])
    doc = nlp("تقرير\n19-03-2020, 11:14\nانسحبت القوات أمس")
    assert doc.published == dt.date(2020, 3, 19)
    assert doc.published_source == "dateline"
    assert doc.times[-1].value == "2020-03-18"


def test_component_keeps_given_published():
    nlp = Pipeline(["times"])
    doc = nlp("تقرير\n19-03-2020, 11:14\nانسحبت القوات أمس", published="2020-03-20")
    assert doc.published_source == "argument"
    assert doc.times[-1].value == "2020-03-19"


def test_component_uses_dateline_zone_and_drops_boilerplate():
    from arabic_events.times.component import make_times

    text = "تأجيل إلى 2025\nالخبر\nالأحد 29 مارس 2020\nقال أمس إن"
    doc = Doc(text)
    zs = [("boilerplate", 0, 14), ("title", 15, 20), ("dateline", 21, 39), ("body", 40, len(text))]
    doc.zones = [Zone(text[s:e], s, e, label) for label, s, e in zs]
    make_times(None)(doc)
    assert doc.published == dt.date(2020, 3, 29)
    assert [t.text for t in doc.times] == ["الأحد 29 مارس 2020", "أمس"]
    assert doc.times[1].value == "2020-03-28"


def test_seed_offsets_hold():
    nlp = Pipeline(["times"])
    for p in sorted(SEEDS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        doc = nlp(text)
        assert doc.times, p.name
        for t in doc.times:
            assert text[t.start : t.end] == t.text


def test_month_families_option():
    from arabic_events.errors import ConfigError
    from arabic_events.times.component import make_times

    text = "في 8 ماي 1945 و9 نيسان 2003 و3 يناير 2020"
    assert [t.value for t in find_times(text)] == ["1945-05-08", "2003-04-09", "2020-01-03"]
    only_levant = find_times(text, month_families=["levantine_iraqi"])
    assert [t.value for t in only_levant] == ["2003-04-09"]
    doc = make_times(None, month_families=["maghrebi"])(Doc(text))
    assert [t.value for t in doc.times] == ["1945-05-08", "2020-01-03"]  # Moroccan يناير
    with pytest.raises(ConfigError):
        make_times(None, month_families=["martian"])


# ----------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "hello world 12:99", "<p>مرحبا</p><br/>", "\u202b\u200fنص\u200e\u202c", "ـــــ", "١٢٣٤٥٦٧٨٩٠" * 10, "((((", "/ / / 2020"],
)
def test_bad_input_is_clean(text):
    for t in find_times(text, "2020-03-29"):
        assert text[t.start : t.end] == t.text


def test_html_and_bidi_inside_expression():
    text = "<b>أمس</b> \u200fالأسبوع الماضي"
    found = find_times(text, "2020-03-29")
    assert [t.value for t in found] == ["2020-03-28", "2020-W12"]
    for t in found:
        assert text[t.start : t.end] == t.text


def test_long_text_is_fast_and_valid():
    text = (SEEDS / "004_3a818583a5446e82.txt").read_text(encoding="utf-8") * 40
    t0 = time.perf_counter()
    found = find_times(text)
    assert time.perf_counter() - t0 < 20
    assert len(found) > 40 * 9
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize("text", ["2014 و" * 5000, "1/" * 10000, "(" * 20000, "مارس " * 5000, "1" * 50000])
def test_pathological_input_is_linear(text):
    t0 = time.perf_counter()
    found = find_times(text, "2020-03-29")
    assert time.perf_counter() - t0 < 15
    assert all(text[t.start : t.end] == t.text for t in found)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("أمس اليوم 2020-03/19 آذار(الأحد)،منذ خلال أيام ـًٌ\u200f١٩")), max_size=80))
def test_random_text_never_crashes(text):
    for t in find_times(text, "2020-03-29"):
        assert text[t.start : t.end] == t.text
        assert t.kind in {"date", "time", "duration", "set", "interval"}
        assert t.mod in {None, "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "LESS_THAN", "MORE_THAN"}


# ------------------------------------------------------------------ data
def test_data_files_lint_and_build():
    for name in DATA_FILES:
        assert load_yaml(name)  # the loader lints every string
    L = lexicon()
    assert L.months["اذار"] == 3 and L.months["ديسمبر"] == 12 and L.months["جانفي"] == 1
    assert L.hijri["رمضان"] == 9 and L.weekdays["الاحد"] == 7
    assert {"egyptian_gulf", "levantine_iraqi", "maghrebi"} <= set().union(*L.month_family.values())


def test_no_arabic_words_in_code():
    import re

    src = Path(__file__).resolve().parent.parent / "arabic_events" / "times"
    for p in src.glob("*.py"):
        code = "\n".join(line for line in p.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith(("#", ">>>")))
        code = re.sub(r'""".*?"""', "", code, flags=re.S)
        assert not re.search(r"[\u0621-\u064a]{2,}", code), p.name
