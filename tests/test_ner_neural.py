"""The shipped BiLSTM-CRF entity tagger (``arabic_events.ner.neural``, ``models/ner/neural``)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from arabic_events.errors import ModelNotFoundError
from arabic_events.evaluation.ner_eval import bio_spans
from arabic_events.ner.features import simple_tokenize
from arabic_events.ner.neural import LABELS, NeuralTagger, default_neural_dir, forward_backward, viterbi

needs_model = pytest.mark.skipif(not (default_neural_dir() / "weights.npz").exists(), reason="neural model not built")


@pytest.fixture(scope="module")
def tagger():
    return NeuralTagger()


@pytest.fixture(scope="module")
def torch_tagger():
    torch = pytest.importorskip("torch")
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield NeuralTagger(runtime="torch")
    torch.set_num_threads(n)


def _words(text):
    return [t for t, _, _ in simple_tokenize(text)]


def _spans(words, labels):
    return {(" ".join(words[s:e]), t) for s, e, t in bio_spans(labels)}


def test_import_does_not_load_torch():
    code = (
        "import sys, arabic_events.ner.neural\n"
        "print([m for m in ('torch', 'gensim') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@needs_model
def test_tagging_does_not_import_torch():
    code = (
        "import sys\n"
        "from arabic_events.ner.neural import NeuralTagger\n"
        "labels = NeuralTagger().tag(['وصل', 'ماكرون', 'إلى', 'بغداد'])\n"
        "print(labels[3], 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["B-LOC", "False"]


def _anercorp_sentences(limit):
    from arabic_events.evaluation.ner_eval import DEFAULT_DATA, load_set

    # ../shared in a checkout, ../../shared in a git worktree
    for base in (DEFAULT_DATA, DEFAULT_DATA.parent.parent.parent / "shared" / "data"):
        if (base / "anercorp_camellab" / "ANERCorp_CamelLab_test.txt.gz").exists():
            return [[w for w, _ in s] for s in load_set("official", base)[:limit]]
    return []


@needs_model
def test_numpy_inference_matches_torch(tagger, torch_tagger):
    """The numpy network gives torch's scores to float32 rounding, and the same labels
    (measured on all of ANERcorp test + the seeds: max |diff| 4.8e-6, identical tags)."""
    sents = [_words(t) for t, _ in SENTENCES] + _anercorp_sentences(150)
    a, b = tagger.emissions(sents), torch_tagger.emissions(sents)
    assert len(a) == len(b) == len(sents)
    diff = max(float(np.abs(x - y).max()) for x, y in zip(a, b))
    assert diff < 1e-4
    assert max(float(np.abs(x).max()) for x in a) > 1.0  # real scores, not zeros
    la, pa = tagger.tag_sentences(sents, marginals=True)
    lb, pb = torch_tagger.tag_sentences(sents, marginals=True)
    assert la == lb
    assert max(abs(p - q) for x, y in zip(pa, pb) for p, q in zip(x, y)) < 1e-4


@needs_model
def test_batching_does_not_change_scores(tagger):
    sents = [_words(t) for t, _ in SENTENCES] * 3 + [["بغداد"], _words(SENTENCES[0][0]) * 5]
    together = tagger.emissions(sents)
    small = NeuralTagger(batch_words=64).emissions(sents)
    for s, t, u in zip(sents, together, small):
        alone = tagger.emissions([s])[0]
        assert t.shape == (len(s), len(LABELS))
        assert np.abs(t - alone).max() < 1e-5 and np.abs(u - alone).max() < 1e-5
    # documents tagged together: the same labels; probabilities equal to float rounding
    docs = [[_words(t) for t, _ in SENTENCES[:2]], [], [_words(SENTENCES[3][0])]]
    per_doc = [tagger.tag_sentences(d, marginals=True) for d in docs]
    together = tagger.tag_documents(docs, marginals=True)
    assert [labels for labels, _ in together] == [labels for labels, _ in per_doc]
    for (_, p), (_, q) in zip(together, per_doc):
        assert [len(x) for x in p] == [len(x) for x in q]
        assert all(a == pytest.approx(b, abs=1e-6) for x, y in zip(p, q) for a, b in zip(x, y))


def test_missing_model_dir(tmp_path):
    with pytest.raises(ModelNotFoundError, match="weights.npz"):
        NeuralTagger(tmp_path / "nowhere")


def test_viterbi_and_marginals_on_a_toy_crf():
    rng = np.random.default_rng(0)
    em = rng.normal(size=(1, 4, 3))
    trans = rng.normal(size=(3, 3))
    start, end = rng.normal(size=3), rng.normal(size=3)
    # brute force over all 3**4 paths
    import itertools

    best, scores = None, {}
    for path in itertools.product(range(3), repeat=4):
        s = start[path[0]] + end[path[-1]] + sum(em[0, t, y] for t, y in enumerate(path))
        s += sum(trans[a, b] for a, b in zip(path, path[1:]))
        scores[path] = s
        if best is None or s > scores[best]:
            best = path
    assert viterbi(em, [4], trans, start, end)[0] == list(best)
    z = np.logaddexp.reduce(list(scores.values()))
    marg = forward_backward(em[0], 4, trans, start, end)
    for t in range(4):
        for y in range(3):
            expect = np.exp(np.logaddexp.reduce([s for p, s in scores.items() if p[t] == y]) - z)
            assert marg[t, y] == pytest.approx(expect, rel=1e-6)
    # a shorter sentence padded in a batch decodes as alone
    em2 = np.concatenate([em, em], 0)
    em2[1, 2:] = 99.0
    assert viterbi(em2, [4, 2], trans, start, end)[1] == viterbi(em[:, :2], [2], trans, start, end)[0]


# Real news sentences (not from the seeds, not from ANERcorp)
SENTENCES = [
    ("التقى الرئيس الفرنسي إيمانويل ماكرون في باريس رئيس الوزراء البريطاني بوريس جونسون .",
     [("إيمانويل ماكرون", "PERS"), ("باريس", "LOC"), ("بوريس جونسون", "PERS")]),
    ("وأكد مسعود بارزاني أن أربيل لن تتخلى عن كركوك .",
     [("مسعود بارزاني", "PERS"), ("أربيل", "LOC"), ("كركوك", "LOC")]),
    ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى دمشق وحلب .",
     [("الأمم المتحدة", "ORG"), ("دمشق", "LOC")]),
    ("وقال المتحدث باسم وزارة الخارجية الأمريكية نيد برايس إن واشنطن تراقب الوضع في طهران .",
     [("نيد برايس", "PERS"), ("واشنطن", "LOC"), ("طهران", "LOC")]),
]


@needs_model
@pytest.mark.parametrize("text,expected", SENTENCES)
def test_tags_real_sentences(tagger, text, expected):
    words = _words(text)
    labels = tagger.tag(words)
    assert len(labels) == len(words) and set(labels) <= set(LABELS)
    got = _spans(words, labels)
    for item in expected:
        assert item in got, f"{item} not in {got}"


@needs_model
def test_deterministic_and_batch_independent(tagger):
    sents = [_words(t) for t, _ in SENTENCES]
    alone = [tagger.tag(s) for s in sents]
    together, probs = tagger.tag_sentences(sents, marginals=True)
    assert together == alone
    assert tagger.tag_sentences(list(reversed(sents)))[0] == list(reversed(alone))
    full = tagger.marginals(sents)
    for s, p, m, labs in zip(sents, probs, full, together):
        assert m.shape == (len(s), len(LABELS))
        assert np.allclose(m.sum(1), 1.0, atol=1e-6)
        assert p == pytest.approx([m[t, LABELS.index(y)] for t, y in enumerate(labs)])
        # where the model is confident the decoded label is the most probable one
        for row, lab in zip(m, labs):
            if row.max() > 0.9:
                assert LABELS[int(row.argmax())] == lab


@needs_model
def test_empty_and_odd_input(tagger):
    assert tagger.tag_sentences([]) == ([], None)
    labels, probs = tagger.tag_sentences([[], ["بغداد"], []], marginals=True)
    assert labels[0] == [] and labels[2] == [] and len(labels[1]) == 1
    assert probs[0] == [] and len(probs[1]) == 1 and 0.0 < probs[1][0] <= 1.0
    assert tagger.marginals([[]])[0].shape == (0, len(LABELS))
    labels, _ = tagger.tag_sentences([["hello", "world", "123", "؟"], ["x" * 500]])
    assert all(set(l) <= set(LABELS) for l in labels)
    assert labels[0] == ["O"] * 4


@needs_model
def test_document_propagation_touches_only_repeated_words():
    tagger = NeuralTagger(doc_boost=1.0)
    doc = [_words(t) for t, _ in SENTENCES] + [_words("وقال ماكرون إن باريس ستستضيف القمة .")]
    ems = tagger.emissions(doc)
    boosted = tagger._propagate(doc, ems, None)
    keys = [[tagger.features.word(w)[6] for w in s] for s in doc]
    counts = {}
    for ks in keys:
        for k in ks:
            counts[k] = counts.get(k, 0) + 1
    for ks, e, b in zip(keys, ems, boosted):
        for t, k in enumerate(ks):
            if counts[k] == 1 or len(k) < 3:
                assert np.array_equal(e[t], b[t])
            else:
                assert not np.array_equal(e[t], b[t])
    # only the sentences inside the window count
    near = tagger._propagate(doc, ems, 0)
    assert all(np.array_equal(e, b) for e, b in zip(ems[:4], near[:4]))
    labels, _ = tagger.tag_sentences(doc)
    assert ("باريس", "LOC") in _spans(doc[-1], labels[-1])
