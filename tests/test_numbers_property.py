"""Oracle test: the Arabic words num2words writes for an integer parse back to it."""

from __future__ import annotations

import random

import pytest

num2words = pytest.importorskip("num2words").num2words
from hypothesis import given, settings, strategies as st  # noqa: E402

from arabic_events.numbers import parse_number  # noqa: E402


def _cases(n: int, seed: int = 20261122) -> list[int]:
    rng = random.Random(seed)
    out = [rng.randint(0, 10**12) for _ in range(n // 2)]
    # every magnitude, so small numbers are as well covered as large ones
    out += [rng.randint(0, 10 ** rng.randint(1, 12)) for _ in range(n - len(out))]
    return out


def test_num2words_round_trip_10000():
    bad = []
    for n in _cases(10_000):
        words = num2words(n, lang="ar")
        q = parse_number(words)
        if q is None or q.value != n or q.kind != "cardinal" or q.text != words:
            bad.append((n, words, q and q.value))
    assert not bad, bad[:5]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_num2words_round_trip_hypothesis(n):
    words = num2words(n, lang="ar")
    q = parse_number(words)
    assert q is not None and q.value == n, words


@pytest.mark.parametrize("n", [0, 1, 2, 11, 12, 100, 200, 1000, 2000, 5200, 102000, 250000, 10**6, 2 * 10**6, 10**9, 2 * 10**9, 10**12])
def test_num2words_landmarks(n):
    assert parse_number(num2words(n, lang="ar")).value == n


@pytest.mark.parametrize("n", [0, 7, 45, 300, 5200, 123456789])
def test_digits_round_trip(n):
    for form in (str(n), str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), f"{n:,}"):
        assert parse_number(form).value == n
