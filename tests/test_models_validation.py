"""Model files are validated before native code (libcrfsuite) or numpy allocations see them:
a damaged file raises ModelError naming it, never a crash or a bare BadZipFile/ValueError."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import arabic_events as ae
from arabic_events.errors import ArabicEventsError, ModelError
from arabic_events.ner.crf import CRFTagger, check_crfsuite, default_model_dir
from arabic_events.ner.neural import NeuralTagger, default_neural_dir

from conftest import ROOT

CRF_DIR = default_model_dir()
NN_DIR = default_neural_dir()
needs_models = pytest.mark.skipif(
    not (CRF_DIR / "model.crfsuite").exists() or not (NN_DIR / "weights.npz").exists(), reason="models not built"
)


def _copy_crf(tmp_path: Path, keep_record: bool = True) -> Path:
    d = tmp_path / "crf"
    d.mkdir()
    for f in CRF_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, d / f.name)
    if not keep_record:
        meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
        meta.pop("files", None)
        (d / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return d


def _copy_nn(tmp_path: Path) -> Path:
    d = tmp_path / "neural"
    d.mkdir()
    for f in NN_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, d / f.name)
    for name in ("clusters.tsv", "clusters_w2v.tsv"):  # the clusters are read beside the model dir
        (tmp_path / name).symlink_to(CRF_DIR / name)
    return d


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


@needs_models
def test_shipped_models_carry_file_records():
    meta = json.loads((CRF_DIR / "meta.json").read_text(encoding="utf-8"))
    cfg = json.loads((NN_DIR / "config.json").read_text(encoding="utf-8"))
    assert {"model.crfsuite", "model1.crfsuite"} <= set(meta["files"])
    assert "weights.npz" in cfg["files"]
    for d, rec in ((CRF_DIR, meta["files"]), (NN_DIR, cfg["files"])):
        for name, r in rec.items():
            assert (d / name).stat().st_size == r["size"] and len(r["sha256"]) == 64


@needs_models
def test_truncated_crfsuite_model_dir_raises_model_error_not_sigsegv(tmp_path):
    """Run in a child process: a regression would kill it with SIGSEGV instead of failing."""
    d = _copy_crf(tmp_path, keep_record=False)  # no record in meta: the header check alone catches it
    _truncate(d / "model.crfsuite")
    code = (
        "import sys, arabic_events as ae\n"
        "from arabic_events.errors import ModelError\n"
        "try:\n"
        f"    nlp = ae.load(ner='crf', model_dir={str(d)!r})\n"
        "    nlp('وصل الوفد إلى بغداد')\n"
        "except ModelError as e:\n"
        "    print('ModelError', e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    assert r.stdout.startswith("ModelError") and "model.crfsuite" in r.stdout and "truncated" in r.stdout


@needs_models
def test_crfsuite_header_and_records(tmp_path):
    d = _copy_crf(tmp_path)
    CRFTagger(d)  # an intact copy loads
    data = bytearray((d / "model1.crfsuite").read_bytes())
    data[-10] ^= 0xFF  # same size, one byte changed: only the checksum sees it
    (d / "model1.crfsuite").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="model1.crfsuite.*sha256"):
        CRFTagger(d)
    bad = tmp_path / "junk.crfsuite"
    bad.write_bytes(b"not a model at all" * 10)
    with pytest.raises(ModelError, match="junk.crfsuite.*not a crfsuite model"):
        check_crfsuite(bad)
    (d / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="meta.json"):
        CRFTagger(d)


@needs_models
@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_bad_weights_npz(tmp_path, damage):
    d = _copy_nn(tmp_path)
    w = d / "weights.npz"
    if damage == "truncate":
        _truncate(w)
    elif damage == "garbage":
        w.write_bytes(b"PK\x03\x04" + b"\x00" * 1000)
    else:
        w.write_bytes(b"")
    cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
    cfg.pop("files")  # no record: the npz checks alone must catch it
    (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with pytest.raises(ModelError, match="weights.npz"):
        NeuralTagger(d).tag(["بغداد"])


@needs_models
def test_weights_record_mismatch(tmp_path):
    d = _copy_nn(tmp_path)
    _truncate(d / "weights.npz", 0.9)
    with pytest.raises(ModelError, match=r"weights.npz.*bytes, its meta records"):
        NeuralTagger(d)


@needs_models
def test_weights_shape_and_dtype_checked_against_config(tmp_path):
    d = _copy_nn(tmp_path)
    cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
    cfg.pop("files")
    (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with np.load(NN_DIR / "weights.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["out.weight"] = arrays["out.weight"][:, :10]
    np.savez(d / "weights.npz", **arrays)
    with pytest.raises(ModelError, match=r"out.weight has shape \(9, 10\)"):
        NeuralTagger(d).tag(["بغداد"])
    arrays["out.weight"] = np.array([{"a": 1}] * 9 * 256, dtype=object).reshape(9, 256)
    np.savez(d / "weights.npz", **arrays)  # an object array would need pickle to load
    with pytest.raises(ModelError, match="out.weight has dtype object"):
        NeuralTagger(d).tag(["بغداد"])


@needs_models
@pytest.mark.parametrize("edit", [
    {"n_word": 10**13},  # would be a 4 TB table
    {"hidden": -3},
    {"cluster_ks": "many"},
    {"dim_word": "100"},
])
def test_bad_config_rejected_before_allocation(tmp_path, edit):
    d = _copy_nn(tmp_path)
    cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
    cfg.update(edit)
    (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with pytest.raises(ModelError, match="config.json.*invalid model config"):
        NeuralTagger(d)  # raised from the config alone, before any array is allocated


@needs_models
def test_config_not_json(tmp_path):
    d = _copy_nn(tmp_path)
    (d / "config.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="config.json.*not valid JSON"):
        NeuralTagger(d)
    (d / "config.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelError, match="JSON object"):
        NeuralTagger(d)


def test_model_error_is_a_library_error():
    assert issubclass(ModelError, ArabicEventsError) and issubclass(ModelError, ValueError)
    assert ae.ModelNotFoundError is not ModelError
