"""Train the BiLSTM-CRF entity tagger (torch, CPU) on ANERcorp: experiments and the shipped model.

Network (``arabic_events/ner/neural.py``): frozen word2vec skip-gram vectors (100 dims) of
the folded word, trained with gensim on the 9.0M folded SaudiNewsNet tokens
(``models/ner_w2v_clusters.py --save-vectors``; built automatically when ``--wvec`` names a
missing file), embeddings (16 dims each) of the CRF's two cluster sets at their three
granularities (``models/ner/clusters.tsv``, ``clusters_w2v.tsv``), a character CNN (30-dim
characters, 50 filters of width 3), gazetteer / article / proclitic flags; dropout 0.5 on the
inputs and on the BiLSTM outputs (128 per direction), word dropout 0.05; CRF output layer.
Adam (lr 1e-3), batches of 16 sentences (chunks of at most 80 words), gradient clipping 5.

Trained on train minus one held-out tenth (``--dev-fold``, default 9 = the last tenth, the
CRF's dev split); the epoch with the best dev F1 is kept (``--patience`` epochs without a
gain stop training). ``--dev-fold -1 --fixed-epochs N`` trains on all of train. ``--test``
scores the kept model on the test sets; ``--ship DIR`` writes the model directory (weights
``weights.npz``: float16 frozen table, float32 rest; vocabularies as text);
``--eval DIR`` / ``--bench DIR`` score / time a written model through ``NeuralTagger``.

Dev F1 (last tenth of train unless said; CRF pass 1: 74.1, mean of three tenths 74.0):

- the first version (embeddings initialised from PPMI-SVD vectors and fine-tuned, Adam 2e-3,
  no cluster embeddings): 66.7, overfitting from epoch 4;
- frozen word-form word2vec + cluster embeddings + flags (this script's defaults): 77.8
  (old padding handling), 78.1 (exact padding handling, the shipped architecture); first
  tenth 81.9 (CRF 78.8), 5th tenth 73.0 (CRF 69.2): mean 77.7 against the CRF's 74.0;
  seed 2: 77.9;
- without the cluster embeddings: 76.1; + frozen word2vec of clitic-stripped forms: 77.3;
  + trainable 50-dim word embeddings: 75.9; hidden 200: 77.5; dropout 0.3: 76.6;
  100 char filters and 32-dim cluster embeddings: 78.4; 200-dim word2vec: 77.2 (60k
  words), 76.8 (80k words); SGD (momentum 0.9, lr 0.01): 75.8
  after 60 epochs;
- interpolating with the CRF's pass-1 marginals: at most +0.3; averaging two seeds: +0.2;
  document propagation at inference (``NeuralTagger(doc_boost=1.0)``): +0.2 / +0.2 / +0.7
  on the three tenths (none of these is used by default).

Shipped model ``nn1`` (``models/ner/neural``, all of train, 32 epochs): ANERcorp official
test 73.1, repaired 74.9, AQMAR 39.5 (CRF ``v2``: 70.0, 71.8, 37.6); 38,700 words/s on one
thread (``--bench``). Reproduce with
``nice python models/train_bilstm.py --wvec /tmp/w2v_words.model --dev-fold -1 --fixed-epochs 32 --threads 1 --ship models/ner/neural``
(32 = the mean best epoch of the three dev tenths; torch is seeded and a rerun with the
same vector file gives the same weights; gensim word2vec with 2 worker threads is not
bit-reproducible, so a rebuilt vector file differs slightly).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arabic_events.evaluation import ner_eval  # noqa: E402
from arabic_events.ner.crf import load_clusters, load_lexicon  # noqa: E402
from arabic_events.ner.features import fold, split_proclitics  # noqa: E402
from arabic_events.ner.neural import LABELS, Encoder, build_model, viterbi  # noqa: E402

L2I = {l: i for i, l in enumerate(LABELS)}


def load_vectors(path: str | None, max_vocab: int, dims: int | None):
    if not path:
        return [], None
    from gensim.models import Word2Vec

    kv = Word2Vec.load(path).wv
    words = kv.index_to_key[:max_vocab]
    X = np.stack([kv[w] for w in words]).astype(np.float32)
    if dims and dims < X.shape[1]:
        X = X - X.mean(0)
        _, _, vt = np.linalg.svd(X, full_matrices=False)
        X = X @ vt[:dims].T
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    return words, X


def evaluate(eval_dir: str | None, bench_dir: str | None) -> int:
    import torch

    from arabic_events.ner.neural import NeuralTagger

    torch.set_num_threads(1)
    if eval_dir:
        tagger = NeuralTagger(eval_dir)
        for name in ("official", "repaired", "aqmar"):
            res, _ = ner_eval.evaluate_conll(tagger, ner_eval.load_set(name))
            print(ner_eval._fmt(name, res), flush=True)
    if bench_dir:
        tagger = NeuralTagger(bench_dir)
        sents = [[w for w, _ in s] for s in ner_eval.load_set("official")]
        tagger.tag_sentences(sents[:5])  # load
        docs = [sents[i : i + 25] for i in range(0, len(sents), 25)]
        n = sum(map(len, sents))
        for rnd in range(3):  # round 1 fills the per-word feature cache
            t0 = time.perf_counter()
            for doc in docs:
                tagger.tag_sentences(doc, marginals=True)
            dt = time.perf_counter() - t0
            print(f"round {rnd+1}: {n:,} words in {dt:.2f}s: {n/dt:,.0f} words/s", flush=True)
    return 0


def label_tensor(items: list, T: int):
    """(B, T) gold label ids of ``(encoded, labels)`` pairs, zero-padded."""
    import torch

    y = torch.zeros(len(items), T, dtype=torch.long)
    for b, (_, yy) in enumerate(items):
        y[b, : len(yy)] = torch.tensor(yy)
    return y


def span_scores(sents: list, preds: list[list[str]]) -> dict:
    """CoNLL exact-span scores of predicted BIO labels against the sentences' gold tags."""
    gold = [ner_eval.bio_spans([t for _, t in s]) for s in sents]
    return ner_eval.score_spans(gold, [ner_eval.bio_spans(p) for p in preds])


def batch_emissions(model, tensors, data: list) -> list[np.ndarray]:
    """Emission scores of ``data`` (``(encoded, labels)`` pairs) in eval mode, batched by
    length; ``tensors(items)`` turns a batch into the network's inputs."""
    import torch

    model.eval()
    out = [None] * len(data)
    order = sorted(range(len(data)), key=lambda i: len(data[i][1]))
    with torch.no_grad():
        for k in range(0, len(order), 64):
            idx = order[k : k + 64]
            x, _ = tensors([data[i] for i in idx])
            em = model.emissions(x).numpy()
            for j, i in enumerate(idx):
                out[i] = em[j, : len(data[i][1])].astype(np.float64)
    model.train()
    return out


def viterbi_labels(model, ems: list[np.ndarray]) -> list[list[str]]:
    """Best label paths under the model's CRF transitions."""
    tr = model.crf.trans.detach().numpy().astype(np.float64)
    st = model.crf.start.detach().numpy().astype(np.float64)
    en = model.crf.end.detach().numpy().astype(np.float64)
    return [[LABELS[y] for y in viterbi(e[None], [len(e)], tr, st, en)[0]] if len(e) else [] for e in ems]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wvec", default=None, help="gensim Word2Vec model on folded word forms")
    ap.add_argument("--svec", default=None, help="gensim Word2Vec model on clitic-stripped forms")
    ap.add_argument("--max-vocab", type=int, default=80000)
    ap.add_argument("--pca", type=int, default=0, help="reduce pretrained vectors to this many dims (0: keep)")
    ap.add_argument("--emb-scale", type=float, default=3.0, help="pretrained unit vectors are multiplied by this")
    ap.add_argument("--dim-train", type=int, default=0, help="trainable embeddings of training words (count >= 2)")
    ap.add_argument("--dim-cluster", type=int, default=16)
    ap.add_argument("--dim-char", type=int, default=30)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--word-drop", type=float, default=0.05, help="rate of replacing word ids by UNK in training")
    ap.add_argument("--opt", default="adam", choices=("adam", "sgd"))
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--decay", type=float, default=0.05, help="sgd: lr / (1 + decay * epoch)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dev-fold", type=int, default=9, help="held-out tenth of train (9: the last); -1 trains on all")
    ap.add_argument("--fixed-epochs", type=int, default=0, help="with --dev-fold -1: train this many epochs")
    ap.add_argument("--no-propnouns", action="store_true")
    ap.add_argument("--test", action="store_true", help="score the kept model on the test sets")
    ap.add_argument("--save-em", default=None, help="save dev emissions (npz) for combination experiments")
    ap.add_argument("--ship", default=None, help="write the model directory here")
    ap.add_argument("--eval", default=None, metavar="DIR",
                    help="only score the model in DIR with ner_eval (official, repaired, AQMAR test) and exit")
    ap.add_argument("--bench", default=None, metavar="DIR",
                    help="only measure the tagging speed of the model in DIR (one thread, ANERcorp test, "
                    "documents of 25 sentences, features + network + Viterbi + marginals) and exit")
    args = ap.parse_args(argv)
    if args.eval or args.bench:
        return evaluate(args.eval, args.bench)
    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    if args.wvec and not Path(args.wvec).exists():  # build the word-form skip-gram model (gensim)
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(ROOT / "models" / "ner_w2v_clusters.py"), "--dims", "100", "--window", "5",
                            "--ks", "2", "--out", str(Path(tmp) / "unused.tsv"), "--save-vectors", args.wvec], check=True)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)

    clusters, freq = load_clusters(ROOT / "models" / "ner" / "clusters.tsv")
    clusters2, _ = load_clusters(ROOT / "models" / "ner" / "clusters_w2v.tsv")
    words, phrases = load_lexicon(not args.no_propnouns)
    vw, Xw = load_vectors(args.wvec, args.max_vocab, args.pca)
    vs, Xs = load_vectors(args.svec, args.max_vocab, args.pca)

    train_all = ner_eval.load_set("train")
    if args.dev_fold >= 0:
        lo, hi = len(train_all) * args.dev_fold // 10, len(train_all) * (args.dev_fold + 1) // 10
        train_s, dev_s = train_all[:lo] + train_all[hi:], train_all[lo:hi]
    else:
        train_s, dev_s = train_all, []
    rc: Counter = Counter()
    cc: Counter = Counter()
    for s in train_s:
        for w, _ in s:
            f = fold(w)
            rc[split_proclitics(f, freq)[1]] += 1
            cc.update(f)
    vt = [w for w, c in rc.most_common() if c >= 2] if args.dim_train else []
    chars = [c for c, n in cc.most_common() if n >= 2]
    enc = Encoder(vw, vs, vt, chars, clusters, clusters2, freq, words, phrases)

    def chunks(sents, n=80):
        return [s[i : i + n] for s in sents for i in range(0, len(s), n)]

    def encode(sents):
        return [(enc.sentence([w for w, _ in s]), [L2I.get(t, 0) for _, t in s]) for s in sents]

    train = encode(chunks(train_s))
    dev = encode(dev_s)
    cfg = {
        "version": "nn1",
        "n_word": len(vw), "dim_word": Xw.shape[1] if Xw is not None else 0,
        "n_strip": len(vs), "dim_strip": Xs.shape[1] if Xs is not None else 0,
        "n_train": len(vt), "dim_train": args.dim_train,
        "n_chars": len(chars), "dim_char": args.dim_char, "char_filters": args.char_filters,
        "cluster_ks": [64, 256, 1024, 100, 500, 1500], "dim_cluster": args.dim_cluster,
        "hidden": args.hidden, "dropout": args.dropout, "propnouns": not args.no_propnouns,
    }
    model = build_model(cfg)
    with torch.no_grad():
        # rounded to float16 (the shipped precision of the frozen tables)
        if Xw is not None:
            model.wemb.weight[2:] = torch.from_numpy((Xw * args.emb_scale).astype(np.float16).astype(np.float32))
        if Xs is not None:
            model.semb.weight[2:] = torch.from_numpy((Xs * args.emb_scale).astype(np.float16).astype(np.float32))
    params = [p for p in model.parameters() if p.requires_grad]
    if args.opt == "adam":
        opt = torch.optim.Adam(params, lr=args.lr)
    else:
        opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9)

    def tensors(items, train_mode=False):
        arr = Encoder.batch([x for x, _ in items])
        if train_mode and args.word_drop > 0:
            for k in ("w", "s", "t"):
                drop = (np.random.rand(*arr[k].shape) < args.word_drop) & (arr[k] > 0)
                arr[k][drop] = 1
        x = {k: torch.from_numpy(v) for k, v in arr.items()}
        return x, label_tensor(items, arr["w"].shape[1])

    def emissions(data):
        return batch_emissions(model, tensors, data)

    def decode(ems):
        return viterbi_labels(model, ems)

    score = span_scores

    best = (-1.0, -1, None)
    bad = 0
    n_ep = args.fixed_epochs if args.dev_fold < 0 else args.epochs
    for ep in range(n_ep):
        t0 = time.time()
        if args.opt == "sgd":
            for g in opt.param_groups:
                g["lr"] = args.lr / (1 + args.decay * ep)
        order = sorted(range(len(train)), key=lambda i: len(train[i][1]) + random.random() * 8)
        batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
        random.shuffle(batches)
        total = 0.0
        for bi in batches:
            x, y = tensors([train[i] for i in bi], True)
            loss = model.crf.nll(model.emissions(x), y, x["m"]) / len(bi)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += loss.item()
        line = f"epoch {ep+1} loss {total/len(batches):.2f}"
        if dev:
            res = score(dev_s, decode(emissions(dev)))
            line += f" dev F1 {res['f1']*100:.1f}"
            if res["f1"] > best[0]:
                best = (res["f1"], ep, copy.deepcopy(model.state_dict()))
                bad = 0
            else:
                bad += 1
        print(line + f" ({time.time()-t0:.0f}s)", flush=True)
        if dev and bad >= args.patience:
            break
    if dev:
        model.load_state_dict(best[2])
        print(f"best dev F1 {best[0]*100:.2f} at epoch {best[1]+1}", flush=True)
        res = score(dev_s, decode(emissions(dev)))
        print(ner_eval._fmt("dev", res), flush=True)
        if args.save_em:
            ems = emissions(dev)
            np.savez(args.save_em, lengths=np.array([len(e) for e in ems]), em=np.concatenate(ems),
                     trans=model.crf.trans.detach().numpy(), start=model.crf.start.detach().numpy(),
                     end=model.crf.end.detach().numpy())
    if args.test:
        for name in ("official", "repaired", "aqmar"):
            sents = ner_eval.load_set(name)
            print(ner_eval._fmt(name, score(sents, decode(emissions(encode(sents))))), flush=True)
    if args.ship:
        out = Path(args.ship)
        out.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        state = {k: (v.astype(np.float16) if k.endswith("emb.weight") and v.size > 100000 else v) for k, v in state.items()}
        np.savez(out / "weights.npz", **state)  # uncompressed: read ~60 ms faster at load, 8 % larger
        for name, vocab in (("vocab_word.txt", vw), ("vocab_strip.txt", vs), ("vocab_train.txt", vt), ("chars.txt", chars)):
            (out / name).write_text("".join(w + "\n" for w in vocab), encoding="utf-8")
        cfg["train"] = "ANERcorp CAMeL Lab train" + ("" if args.dev_fold < 0 else f" minus tenth {args.dev_fold}")
        cfg["args"] = {k: v for k, v in vars(args).items() if k not in ("ship",)}
        (out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
