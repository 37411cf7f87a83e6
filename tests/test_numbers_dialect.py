"""The optional dialect number words (data/numbers/dialect.yaml), off by default."""

import pytest

from arabic_events._data import load_yaml
from arabic_events.numbers import find_quantities

CORPUS = load_yaml("numbers/dialect.yaml")["dialect_corpus"]


@pytest.mark.parametrize("case", CORPUS["positives"], ids=lambda c: c["text"])
def test_dialect_positive(case):
    found = find_quantities(case["text"], dialect=True)
    assert [q.value for q in found] == [case["value"]], [(q.text, q.value) for q in found]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_dialect_negative(text):
    assert find_quantities(text, dialect=True) == []


def test_dialect_is_off_by_default():
    assert find_quantities("حداشر لاعب") == []
    assert [q.value for q in find_quantities("حداشر لاعب", dialect=True)] == [11]


def test_component_flag():
    from arabic_events import Pipeline

    nlp = Pipeline(["tokenizer", {"name": "quantities", "config": {"dialect": True}}])
    assert [q.value for q in nlp("دفع خمسمية جنيه").quantities] == [500]
