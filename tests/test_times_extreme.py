"""Extreme reference dates (years 1 and 9999) and fuzzed input for ``parse_time``.

Every reference from 0001-01-01 to 9999-12-31 resolves: a value that cannot be written
(before year 1, after 9999, outside the Hijri table) is ``None`` with the flag
``out_of_range``; values are ISO 8601 / TIMEX3 with four-digit years.

The quick profile runs in the suite; the long one is
``python tests/test_times_extreme.py 100000`` (cases, seeded; prints failures).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from arabic_events._data import load_yaml  # noqa: E402
from arabic_events.errors import ArabicEventsError  # noqa: E402
from arabic_events.times import find_times, parse_time  # noqa: E402
from arabic_events.times._lexicon import DATA_FILES  # noqa: E402

# one part of a TIMEX3 value (an interval is two parts joined by "/")
_PART = re.compile(
    r"^(?:[+-]?P(?:T?(?:\d+|X)(?:[YMWDH]|DE|CE|MIN))+"            # durations and signed offsets
    r"|PAST_REF|PRESENT_REF|FUTURE_REF"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W\d{2}|-WXX-\d|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}:\d{2}(?::\d{2})?|MO|MI|AF|EV|NI))?"
    r"|XX\d|\d{2,3})$"
)
_EDGE_REFS = ["0001-01-01", "0001-01-02", "0001-01-07", "0001-12-31", "0002-01-01", "9998-12-31",
              "9999-01-01", "9999-12-25", "9999-12-31"]


def _corpus_texts() -> list[str]:
    out = []
    for name in DATA_FILES:
        corpus = load_yaml(name).get("corpus") or {}
        out += [c["text"] for c in corpus.get("positives", ())]
        out += list(corpus.get("negatives", ()))
    return out


TEXTS = _corpus_texts()


def _valid(value: str | None) -> bool:
    return value is None or all(_PART.match(p) for p in value.split("/"))


@pytest.mark.parametrize("ref", _EDGE_REFS)
def test_every_corpus_text_resolves_at_the_edges_of_the_calendar(ref):
    for text in TEXTS:
        for t in find_times(text, reference=ref):
            assert _valid(t.value), (ref, text, t.value)
            if t.value is None and "out_of_range" in t.flags:
                assert t.kind in ("date", "time", "duration", "set", "interval")


@pytest.mark.parametrize("ref,text,value,flags", [
    ("0001-01-01", "الأسبوع المقبل", "0001-W02", ()),
    ("0001-01-01", "غدا", "0001-01-02", ()),
    ("0001-01-01", "أمس", None, ("out_of_range",)),
    ("0001-01-01", "العام الماضي", None, ("out_of_range",)),
    ("9999-12-31", "غدا", None, ("out_of_range",)),
    ("9999-12-31", "أمس", "9999-12-30", ()),
    ("9999-12-31", "العام المقبل", None, ("out_of_range",)),
    ("9999-12-31", "يوم الأحد", "9999-12-26", ()),   # the later Sunday does not exist
    ("9999-12-31", "عيد الفطر الماضي", None, ("out_of_range",)),
])
def test_edge_values(ref, text, value, flags):
    t = parse_time(text, reference=ref)
    assert (t.value, t.flags) == (value, flags)


def test_bad_reference_is_an_input_error():
    for ref in ("2020-13-01", "10000-01-01", "junk", 12):
        with pytest.raises(ArabicEventsError):
            parse_time("غدا", reference=ref)


def _random_case(rng: random.Random) -> tuple[str, str]:
    d = dt.date.fromordinal(rng.randint(1, dt.date(9999, 12, 31).toordinal()))
    if rng.random() < 0.5:
        d = dt.date.fromisoformat(rng.choice(_EDGE_REFS))
    pieces = [rng.choice(TEXTS) for _ in range(rng.randint(1, 3))]
    text = " ".join(pieces)
    for _ in range(rng.randint(0, 4)):  # mutate: insert, delete or swap characters
        i = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.4:
            text = text[:i] + rng.choice("0123456789٠١٢٣٤٥٦٧٨٩/-:.,()\u200f\u0640 ") + text[i:]
        elif op < 0.7:
            text = text[:i] + text[i + 1:]
        else:
            text = text[:i] + chr(rng.randint(0x0600, 0x06FF)) + text[i:]
    return text, d.isoformat()


def run_profile(n: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """n random cases; the failures as (text, reference, error)."""
    rng = random.Random(seed)
    bad = []
    for _ in range(n):
        text, ref = _random_case(rng)
        try:
            for t in find_times(text, reference=ref):
                if not _valid(t.value):
                    bad.append((text, ref, f"invalid value {t.value!r}"))
        except ArabicEventsError:
            pass
        except Exception as e:  # noqa: BLE001
            bad.append((text, ref, f"{type(e).__name__}: {e}"))
    return bad


def test_quick_fuzz_profile():
    assert run_profile(400, seed=1) == []


try:
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(TEXTS),
           st.text(alphabet=st.sampled_from(list("٠١٢٣٤٥٦٧٨٩0123456789 /-:.،()أمسغداليومالأسبوعمنذقبلبعد")), max_size=12))
    def test_hypothesis_any_reference(ref, text, noise):
        for t in find_times(noise + " " + text, reference=ref):
            assert _valid(t.value), (ref, text, t.value)
except ImportError:  # pragma: no cover
    pass


if __name__ == "__main__":  # python tests/test_times_extreme.py [N] [SEED]
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    failures = run_profile(n, seed)
    print(f"{n} cases, {len(failures)} failures")
    for f in failures[:20]:
        print(f)
    sys.exit(1 if failures else 0)
