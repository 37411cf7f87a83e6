"""``Pipeline.pipe`` keeps the cyclic collector paused while a batch's docs are handed out,
and always restores it (exhausted, closed early, or an error)."""

from __future__ import annotations

import gc

import pytest

import arabic_events as ae
from conftest import read_seed, seed_paths


@pytest.fixture(scope="module")
def nlp():
    return ae.load(exclude=["ner", "events", "entity_groups"])


@pytest.fixture(scope="module")
def texts():
    return [read_seed(p) for p in seed_paths()[:5]]


def test_paused_while_a_batch_is_handed_out_then_restored(nlp, texts):
    assert gc.isenabled()
    seen = []
    for _ in nlp.pipe(texts, batch_size=2):
        seen.append(gc.isenabled())
    assert seen == [False] * 5 and gc.isenabled()
    # the input iterator is read with the collector running
    read = []

    def gen():
        for t in texts:
            read.append(gc.isenabled())
            yield t

    assert len(list(nlp.pipe(gen(), batch_size=2))) == 5
    assert read == [True] * 5 and gc.isenabled()


def test_restored_when_the_iterator_is_closed_early_or_fails(nlp, texts):
    it = nlp.pipe(texts, batch_size=3)
    next(it)
    assert not gc.isenabled()
    it.close()
    assert gc.isenabled()
    for doc in nlp.pipe(texts, batch_size=3):
        break
    del doc
    import sys

    assert gc.isenabled() or sys.implementation.name != "cpython"
    with pytest.raises(ae.ArabicEventsError):
        list(nlp.pipe(texts[:2] + [None]))
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(nlp, texts):
    gc.disable()
    try:
        list(nlp.pipe(texts[:2]))
        assert not gc.isenabled()
    finally:
        gc.enable()
    nlp.pause_gc = False
    try:
        assert all(gc.isenabled() for _ in nlp.pipe(texts[:2]))
    finally:
        nlp.pause_gc = True
