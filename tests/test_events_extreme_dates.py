"""Event merging compares time ranges; at the ends of the calendar that arithmetic must not raise
(found by tools/fuzz.py --target pipeline, case 22511 of shard 2/2: OverflowError in merge.py)."""

import datetime as dt

import arabic_events as ae
from arabic_events.events.merge import _date_range, times_compatible


def test_date_range_at_calendar_ends_is_none_not_overflow():
    assert _date_range("9999-W52") is None  # the week's last day is past 9999-12-31
    assert _date_range("9999-12") is None  # its end is found from the first day of year 10000
    assert _date_range("9999-11") == (dt.date(9999, 11, 1), dt.date(9999, 11, 30))
    assert _date_range("2020-W01") == (dt.date(2019, 12, 30), dt.date(2020, 1, 5))
    assert times_compatible("9999-W52", "2020-01-01") is True  # unknown range: compatible


def test_pipeline_with_week_expressions_published_at_year_9999():
    nlp = ae.load()
    text = ("نظر مجلس الأمن الدولي في ملف العقوبات هذا الأسبوع. وقال الوزير إن الكونغرس سيصادق "
            "على الاتفاق خلال الـ60 يوما القادمة. وأكد الوزير أن الاتفاق سيصمد هذا الأسبوع.")
    doc = nlp(text, published="9999-12-31")
    assert doc.text == text
    for ev in doc.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
