"""The compact word-cluster table (``models/ner/clusters.npz``, ``arabic_events.ner.clusters``)."""

from __future__ import annotations

import shutil

import pytest

from arabic_events.ner.clusters import SOURCES, TABLE_NAME, load_table, write_table
from arabic_events.ner.crf import default_model_dir, load_clusters, load_lexicon
from arabic_events.ner.neural import Encoder, NeuralTagger, default_neural_dir

MODEL_DIR = default_model_dir()
needs_files = pytest.mark.skipif(not (MODEL_DIR / SOURCES[0]).exists(), reason="cluster files not built")


@pytest.fixture(scope="module")
def tsv():
    c1, freq = load_clusters(MODEL_DIR / SOURCES[0])
    c2, _ = load_clusters(MODEL_DIR / SOURCES[1])
    return c1, c2, freq


@needs_files
def test_shipped_table_is_built_from_the_shipped_tsv_files(tsv):
    # fails when a cluster file changes without `python models/build_cluster_table.py`
    table = load_table(MODEL_DIR)
    assert table is not None
    c1, c2, freq = tsv
    assert table.freq == freq and list(table.freq) == list(freq)
    assert set(table.index) == set(c1) | set(c2)
    for k, src in enumerate((c1, c2)):
        paths = table.paths(k)
        assert len(paths) == len(src)
        for w in list(src)[::97] + ["في", "بغداد"]:
            assert list(paths[w]) == [int(x) + 1 for x in src[w].split("-")[:3]]
    assert "xyz-not-a-word" not in table.paths(0)


@needs_files
def test_encoder_gives_the_same_rows_from_the_table_and_the_tsv_files(tsv):
    c1, c2, freq = tsv
    words, phrases = load_lexicon(True)
    vocab = [ln for ln in (default_neural_dir() / "vocab_word.txt").read_text(encoding="utf-8").split("\n")[:-1]]
    chars = (default_neural_dir() / "chars.txt").read_text(encoding="utf-8").split("\n")[:-1]
    old = Encoder(vocab, [], [], chars, c1, c2, freq, words, phrases)
    new = Encoder(vocab, [], [], chars, None, None, None, words, phrases, table=load_table(MODEL_DIR))
    # words of both files, with clitics and the article added, and unknown words
    sample = list(c1)[::53] + list(c2)[::61]
    sample += ["و" + w for w in sample[::3]] + ["بال" + w for w in sample[::5]] + ["وال" + w for w in sample[::7]]
    sample += ["ماكرونيات", "zzz", "123", "", "ووو"]
    diff = [w for w in sample if old.word(w) != new.word(w)]
    assert len(sample) > 4000 and diff == []
    assert new.freq.get("في") == freq["في"] > 100_000


@needs_files
def test_a_stale_or_broken_table_is_ignored(tmp_path):
    for name in SOURCES:
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    assert load_table(tmp_path) is None  # no table
    write_table(tmp_path)
    assert load_table(tmp_path) is not None
    with open(tmp_path / SOURCES[1], "a", encoding="utf-8") as fh:
        fh.write("كلمةجديدة\t1-2-3\t5\n")  # the TSV changed after the table was built
    assert load_table(tmp_path) is None
    write_table(tmp_path)
    (tmp_path / TABLE_NAME).write_bytes(b"not a zip file")
    assert load_table(tmp_path) is None


@needs_files
def test_tagger_falls_back_to_the_tsv_files(tmp_path):
    d = tmp_path / "ner"
    d.mkdir()
    for name in SOURCES:
        shutil.copy(MODEL_DIR / name, d / name)
    words = ["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس"]
    a = NeuralTagger(crf_dir=d)  # no clusters.npz there: parses the TSV files
    b = NeuralTagger()
    assert a.features._table is None and b.features._table is not None
    la, pa = a.tag_sentences([words], marginals=True)
    lb, pb = b.tag_sentences([words], marginals=True)
    assert la == lb and pa == pb and la[0][-1] == "B-LOC"
