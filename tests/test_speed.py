"""The fast paths of issue 12 give the same results as the straightforward code they replace."""

from __future__ import annotations

import gc
import pickle
import threading

import numpy as np
import pytest

import arabic_events as ae
from arabic_events.doc import Doc, Entity, Segment, Token
from arabic_events.errors import OffsetError

from conftest import read_seed, seed_paths


@pytest.fixture(scope="module")
def texts():
    return [read_seed(p) for p in seed_paths()[:6]]


# ------------------------------------------------------------------ normalize
def test_normalize_equals_the_per_character_map():
    import random

    from arabic_events.normalize import NormalizedText, normalize, normalize_char

    rng = random.Random(3)
    chars = [chr(c) for c in list(range(0x20, 0x7F)) + list(range(0x600, 0x700)) + list(range(0xFB50, 0xFC00))
             + list(range(0x2000, 0x2070)) + [0xFDFA, 0xFEFB, 0x1D400, 0x640, 0x200F, 0xA0]]
    for _ in range(500):
        t = "".join(rng.choice(chars) for _ in range(rng.randint(0, 50)))
        assert normalize(t) == "".join(normalize_char(c) for c in t)
        nt = NormalizedText(t)
        for i in range(len(nt.text)):  # every view character maps to a character that produced it
            o = nt.original_offset(i)
            assert nt.text[i] in normalize_char(t[o])
    nt = NormalizedText("قَالَ ــ ]\\^ وزير")  # dropped harakat/tatweel, regex metacharacters kept
    assert nt.text == "قال  ]\\^ وزير"
    assert [nt.original_offset(i) for i in range(4)] == [0, 2, 3, 5]


# ------------------------------------------------------------------ check_offsets
def test_check_offsets_reports_the_first_bad_span_in_layer_order():
    doc = Doc("وبالعراق قال")
    doc.tokens = [Token("وبالعراق", 0, 8, "word", (Segment("و", 0, 1, "conj"), Segment("بالعراق", 1, 8))),
                  Token("قال", 9, 12)]
    doc.check_offsets()
    doc.tokens[0] = Token("وبالعراق", 0, 8, "word", (Segment("x", 0, 1, "conj"),))
    doc.entities = [Entity("قا", 0, 2, "PER")]
    with pytest.raises(OffsetError, match="segments span 'x'"):
        doc.check_offsets()
    doc.tokens = []
    with pytest.raises(OffsetError, match="entities span 'قا'"):
        doc.check_offsets()
    doc.entities = [Entity("قال", True, 3, "PER")]  # a bool offset is an int, as before
    with pytest.raises(OffsetError):
        doc.check_offsets()


# ------------------------------------------------------------------ tokenizer
def test_fast_token_constructors_make_equal_frozen_values():
    from dataclasses import FrozenInstanceError

    from arabic_events.tokenizer import _new_segment, _new_token

    seg = _new_segment("ال", 1, 3, "det", None)
    tok = _new_token("والقوات", 0, 7, "word", (seg,))
    assert type(tok) is Token and tok == Token("والقوات", 0, 7, "word", (Segment("ال", 1, 3, "det"),))
    assert hash(tok) == hash(Token("والقوات", 0, 7, "word", (Segment("ال", 1, 3, "det", None),)))
    with pytest.raises(FrozenInstanceError):
        tok.start = 2


# ------------------------------------------------------------------ CRF decoding
def test_decode_equals_viterbi_and_marginals():
    from arabic_events.ner.neural import decode, marginals_batch, viterbi

    rng = np.random.default_rng(7)
    N = 5
    trans, start, end = rng.normal(size=(N, N)), rng.normal(size=N), rng.normal(size=N)
    ems = [rng.normal(size=(n, N)) * 3 for n in [0, 1, 2, 7, 7, 30, 3, 0, 12]]
    for max_positions in (8, 64, 100_000):
        paths, probs = decode(ems, trans, start, end, marginals=True, max_positions=max_positions)
        for e, p, q in zip(ems, paths, probs):
            if not len(e):
                assert p == [] and q == []
                continue
            assert p == viterbi(e[None], [len(e)], trans, start, end)[0]
            m = marginals_batch(e[None], [len(e)], trans, start, end)[0]
            assert np.allclose(q, m[np.arange(len(e)), p], atol=1e-12)
        assert decode(ems, trans, start, end)[1] is None


def test_char_cnn_equals_the_convolution():
    from arabic_events.ner.neural import NeuralTagger, default_neural_dir, load_weights

    if not (default_neural_dir() / "weights.npz").exists():
        pytest.skip("neural model not built")
    tg = NeuralTagger()
    tg._load()
    net = tg._net
    w = load_weights(tg.dir / "weights.npz", tg.config)
    cemb, conv, bias = w["cemb.weight"].astype(np.float32), w["conv.weight"].astype(np.float32), w["conv.bias"]
    words = [[5], [3, 9], [2, 2, 2, 40, 7], list(range(2, 22))]
    got = net.char_cnn(words)
    for u, ch in enumerate(words):
        x = np.zeros((len(ch) + 2, cemb.shape[1]), np.float32)
        x[1:-1] = cemb[ch]
        h = np.stack([sum(x[p + k] @ conv[:, :, k].T for k in range(3)) + bias for p in range(len(ch))])
        assert np.allclose(got[u], np.maximum(h, 0).max(0), atol=1e-5)


# ------------------------------------------------------------------ pipeline
def test_gc_is_paused_during_a_batch_and_restored(texts):
    nlp = ae.load(exclude=["ner", "events", "entity_groups"])
    seen = []

    @ae.component("test_gc_probe")
    def probe(doc):
        seen.append(gc.isenabled())
        return doc

    nlp.add_pipe("test_gc_probe")
    assert gc.isenabled()
    list(nlp.pipe(texts[:2]))
    nlp(texts[0])
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        nlp(texts[0])
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()
    nlp.pause_gc = False
    seen.clear()
    nlp(texts[0])
    assert seen == [True]


def test_packed_docs_round_trip(nlp, texts):
    from arabic_events.pipeline import _pack_doc, _unpack_doc

    docs = list(nlp.pipe(texts))
    for d in docs:
        d.norm  # a cached view is dropped, not shipped
        p = pickle.loads(pickle.dumps(_pack_doc(d)))
        back = _unpack_doc(p)
        assert back == d and back.to_dict() == d.to_dict() and back._norm is None
        assert [type(t) for t in back.tokens] == [Token] * len(d.tokens)
    class MyToken(Token):
        pass
    odd = Doc("abc")
    odd.tokens = [MyToken("abc", 0, 3, "latin")]
    assert _pack_doc(odd) is odd and _unpack_doc(odd) is odd


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_processes_same_docs(nlp, texts, method):
    import multiprocessing as mp

    if method not in mp.get_all_start_methods():
        pytest.skip(f"no {method} here")
    seq = [d.to_dict() for d in nlp.pipe(texts, published="2020-03-29", batch_size=1)]
    par = list(nlp.pipe(texts, published="2020-03-29", batch_size=1, n_process=2, start_method=method))
    assert [d.to_dict() for d in par] == seq
    assert all(type(d) is Doc for d in par)


def test_default_start_method():
    import sys

    from arabic_events.pipeline import _default_start_method

    if not sys.platform.startswith("linux"):
        assert _default_start_method() == "spawn"
        return
    ev = threading.Event()
    t = threading.Thread(target=ev.wait)
    t.start()
    try:
        assert _default_start_method() == "spawn"  # another thread: forking is unsafe
    finally:
        ev.set()
        t.join()
    if threading.active_count() == 1 and "torch" not in sys.modules:
        assert _default_start_method() == "fork"
