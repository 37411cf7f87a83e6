"""Constructions added in the second version of the time grammar (beyond the corpus rows)."""

from __future__ import annotations

import pytest

from arabic_events.times import find_times, parse_time

REF = "2020-03-29"  # a Sunday


def test_tatweel_after_the_article_before_a_number():
    t = parse_time("خلال ال\u0640\u0640" + "24 ساعة الماضية", reference=REF)
    assert (t.value, t.kind) == ("PT24H", "duration")


def test_anaphoric_period_without_antecedent_stays_unresolved():
    t = parse_time("وفي اليوم التالي بدأت المحادثات", reference=REF)
    assert t.text == "اليوم التالي" and t.value is None


def test_since_a_day_and_month_is_never_in_the_future():
    for ref, value in (("2020-09-29", "2019-10-07"), ("2020-10-07", "2020-10-07"), ("2020-10-08", "2020-10-07")):
        assert parse_time("منذ 7 أكتوبر", reference=ref).value == value


def test_clock_anchoring_stays_inside_the_clause():
    xs = find_times("وصل الوفد يوم 5 مارس، وعقد اجتماعا الساعة 10 صباحا", reference=REF)
    assert xs[-1].value == "2020-03-05T10:00"
    xs = find_times("وصل الوفد يوم 5 مارس. وعقد اجتماعا الساعة 10 صباحا", reference=REF)
    assert xs[-1].value == "XXXX-XX-XXT10:00" and xs[-1].flags == ("unanchored",)


@pytest.mark.parametrize("text,value", [
    ("الأحد من الأسبوع القادم", "XXXX-WXX-7"),
    ("شهر 3", "XXXX-03"),
    ("آخر خميس من الشهر", None),
])
def test_without_a_reference_nothing_is_invented(text, value):
    assert parse_time(text).value == value


def test_weekday_chooses_the_year():
    # 23 August is a Friday in 2019 and a Sunday in 2020
    assert parse_time("الجمعة 23 آب", reference=REF).value == "2019-08-23"
    assert parse_time("الأحد 23 آب", reference=REF).value == "2020-08-23"
