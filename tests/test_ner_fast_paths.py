"""The NER fast paths of the second speed pass give exactly what the plain code gives."""

from __future__ import annotations

import numpy as np
import pytest

import arabic_events as ae
from arabic_events.ner import component as C
from arabic_events.ner import neural as N

from conftest import read_seed, seed_paths

# clitic shapes (و/ف + لل, ب + ال, س), tatweel and harakat, in an order no article has
ODD = (
    "وللقوات بغداد، وبالعراق الموصل فللمدينة. وسيقول: لللجنة "
    "قـــال الرئيـــس؛ الحكومةَ ستُعلن الجبير! الرياض"
)


@pytest.fixture(scope="module")
def nlp():
    return ae.load()


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [read_seed(p) for p in seed_paths()] + [ODD, ODD]  # the second ODD hits warm caches
    out = []
    for t in texts:
        d = nlp.make_doc(t)
        for p in nlp._pipes:
            if p.name == "ner":
                break
            d = p.func(d) or d
        out.append(d)
    return out


def _fields(w):
    return (w.text, w.start, w.end, w.rest_start, w.full, w.rest, w.kind)


def test_doc_words_equal_word_from_token(nlp, docs):
    ner = [p.func for p in nlp._pipes if p.name == "ner"][0]
    for d in docs:
        for _ in range(2):  # cold and warm forms cache
            got = [_fields(w) for s in C._doc_words(d, ner.freq) for w in s]
            by_start = {t.start: _fields(C._word_from_token(t, ner.freq)) for t in d.tokens}
            assert got and all(by_start[g[1]] == g for g in got)


def test_gazetteer_match_same_after_its_cache_starts_afresh(nlp, docs):
    ner = [p.func for p in nlp._pipes if p.name == "ner"][0]
    g = ner.layer.builtin
    sents = [s for d in docs for s in C._doc_words(d, ner.freq) if s]
    warm = [g.match(s) for s in sents]
    g._firsts = {}
    cold = [g.match(s) for s in sents]
    assert warm == cold and any(warm)


def test_gate_table_size_does_not_change_emissions(nlp, docs):
    tg = [p.func for p in nlp._pipes if p.name == "ner"][0].tagger
    sents = [[w.text for w in s] for d in docs for s in C._doc_words(d, None) if s]
    a = tg.emissions(sents)
    orig = N._TypeRows.__init__

    def big(self, enc, net, cap=8192, expect=None):
        orig(self, enc, net, cap, None)

    N._TypeRows.__init__ = big
    try:
        b = tg.emissions(sents)
    finally:
        N._TypeRows.__init__ = orig
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def test_char_cnn_groups_any_lengths(nlp):
    net = [p.func for p in nlp._pipes if p.name == "ner"][0].tagger._net
    words = [[3], [5, 6], [3], [7, 8, 9], [5, 6], list(range(2, 22)), [4]]
    got = net.char_cnn(words)
    one = np.stack([net.char_cnn([w])[0] for w in words])
    assert np.array_equal(got, one) and net.char_cnn([]).shape == (0, got.shape[1])
