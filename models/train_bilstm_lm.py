"""TagLM-style experiment (Peters et al. 2017): frozen word-level LM states as NER features.

Result (2026-11-22): NEGATIVE; not shipped, nothing in the library uses this.

- LMs (``--train-lm``, defaults: all 9.0M folded SaudiNewsNet tokens, 1 epoch, chunks of 40,
  batches of 64, Adam 2e-3, 128 units per direction, one thread; the epoch ended before
  the 11-minute box): 4,012 steps in 402 s
  (~22,000 tokens/s; with 2 threads on the shared 2-core machine it thrashed, so use 1).
  Held-out (2,000 random chunks, 3.3% of the tokens are outside the 80k vocabulary) cluster
  perplexity over the 1,501 classes: forward 92.2, backward 83.8 (1,520 untrained);
  next-cluster accuracy forward 17.8%, backward 20.4%. Still improving slowly at the end
  (step 3,000: 98.8 / 89.4).
- NER, nn1 settings (``--epochs 60 --patience 8 --threads 1``), dev F1 vs nn1 (same folds):
  tenth 9: ``--lm-place input`` 78.1 (nn1 78.1), ``--lm-place output`` 77.7;
  run anyway on the other two tenths (input placement): tenth 0 82.7 (nn1 81.9), tenth 4
  71.5 (nn1 73.0; patience stopped it at epoch 26, best 18); mean of the three tenths 77.4
  against nn1's 77.7.
  The LM features speed up early training (epoch 14: 76.0 vs 74.4) but the kept epoch is
  no better.
- Speed (one thread, ANERcorp official test, rounds 2-3, measured back to back with nn1's
  ``train_bilstm.py --bench models/ner/neural`` on the same loaded machine):
  nn1 36,400 words/s; + LM states as BiLSTM inputs 23,500; as BiLSTM outputs 27,800: both
  under the ~30,000 the tagger must keep for the component to stay >= 20,000 words/s.

So a small CPU-trainable word-level LM (no gain on the dev tenth(s), 23-35% slower) is not
worth shipping; TagLM's gains came from LMs orders of magnitude larger (1B-word benchmark).

Reproduce (the word2vec file is the one nn1 was trained with)::

    nice python models/train_bilstm_lm.py --wvec /tmp/nerx/w2v.model --train-lm /tmp/lm/lm.npz --lm-minutes 11 --threads 1
    nice python models/train_bilstm_lm.py --lm /tmp/lm/lm.npz --lm-place input --epochs 60 --patience 8 --threads 1 --dev-fold 9
    nice python models/train_bilstm_lm.py --lm /tmp/lm/lm.npz --lm-place output --epochs 60 --patience 8 --threads 1 --dev-fold 9
    (and --lm-place input --dev-fold 0 / --dev-fold 4)
    nice python models/train_bilstm_lm.py --lm /tmp/lm/lm.npz --lm-place input --threads 1 --bench-only
    nice python models/train_bilstm.py --bench models/ner/neural

Two modes:

1. ``--train-lm OUT.npz``: a forward and a backward word-level LSTM language model on the
   folded SaudiNewsNet tokens (``models/ner_w2v_clusters.py``'s reading / folding /
   tokenization), inputs = the frozen 100-d word2vec vectors of the NER model (the 80,000
   most frequent words of ``--wvec``, unit length x 3, float16-rounded as in the NER net;
   unknown words -> one learned UNK vector), one LSTM layer (``--lm-hidden``) per direction,
   output = the next (forward) / previous (backward) word's finest word2vec cluster
   (``models/ner/clusters_w2v.tsv``, 1500 classes + 1 "not in the cluster file"), so the
   softmax is cheap. Text fields are cut into chunks of ``--lm-chunk`` tokens, each run from a
   zero state (as NER sentences are). Training stops after ``--lm-epochs`` or
   ``--lm-minutes``, whichever comes first; ``--lm-heldout`` random chunks (not an
   article-level split) are held out for cross-entropy / perplexity / accuracy.
   Weights are saved as numpy (``allow_pickle=False``).

2. NER (default): the training of ``models/train_bilstm.py`` (its nn1 options and
   defaults; ``--wvec`` defaults to nn1's vector file; copied here so that file stays
   untouched) with the frozen LM states (forward state at word t, backward state at word t;
   2 x lm-hidden dims, computed once for the training chunks) as extra inputs: ``--lm-place
   input`` concatenates them to the BiLSTM's inputs (before the input dropout);
   ``--lm-place output`` concatenates them to the BiLSTM's outputs before the linear
   emission layer (TagLM adds them after the first BiLSTM layer; nn1 has one layer).
   ``--bench`` then times the kept model (one thread, ANERcorp official test, documents of 25
   sentences, features + LM + network + Viterbi + marginals, as ``train_bilstm.py --bench``);
   ``--bench-only`` times an untrained network of the same shape and exits.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models"))

from arabic_events.evaluation import ner_eval  # noqa: E402
from arabic_events.ner.crf import load_clusters, load_lexicon  # noqa: E402
from arabic_events.ner.features import fold  # noqa: E402
from arabic_events.ner.neural import LABELS, GZ, Encoder, NeuralTagger, build_model  # noqa: E402
from train_bilstm import batch_emissions, label_tensor, load_vectors, span_scores, viterbi_labels  # noqa: E402

L2I = {l: i for i, l in enumerate(LABELS)}


# ---------------------------------------------------------------- the language models

def build_lm(n_word: int, dim: int, hidden: int, n_out: int):
    import torch
    from torch import nn

    class LM(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding(n_word + 2, dim, padding_idx=0)
            self.emb.weight.requires_grad_(False)
            self.unk = nn.Parameter(torch.zeros(dim))
            self.fwd = nn.LSTM(dim, hidden, batch_first=True)
            self.bwd = nn.LSTM(dim, hidden, batch_first=True)
            self.out_f = nn.Linear(hidden, n_out)
            self.out_b = nn.Linear(hidden, n_out)

        def embed(self, w):
            e = self.emb(w)
            return torch.where((w == 1).unsqueeze(2), self.unk.expand_as(e), e)

        def states(self, w, m):
            """(B, T, 2H): forward state at t (has read w_0..w_t), backward state at t (w_t..w_n-1)."""
            B, T = w.shape
            e = self.embed(w)
            lengths = m.sum(1).long().clamp(min=1)
            pos = torch.arange(T).unsqueeze(0)
            rev = torch.where(pos < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - pos, pos)
            hf, _ = self.fwd(e)
            hb, _ = self.bwd(e.gather(1, rev.unsqueeze(2).expand(B, T, e.shape[2])))
            hb = hb.gather(1, rev.unsqueeze(2).expand(B, T, hb.shape[2]))
            return torch.cat([hf, hb], dim=2)

    return LM()


def train_lm(args) -> int:
    import torch
    import torch.nn.functional as F

    from ner_w2v_clusters import DATA, read_sentences

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    t0 = time.time()
    vw, Xw = load_vectors(args.wvec, args.max_vocab, 0)
    w2i = {w: i + 2 for i, w in enumerate(vw)}
    clusters2, _ = load_clusters(ROOT / "models" / "ner" / "clusters_w2v.tsv")
    fine = {w: int(p.split("-")[2]) + 1 for w, p in clusters2.items()}
    n_out = 1 + max(fine.values())
    sents = read_sentences(DATA, args.lm_tokens)
    L = args.lm_chunk
    chunks = [s[i : i + L] for s in sents for i in range(0, len(s), L)]
    chunks = [c for c in chunks if len(c) >= 2]
    N = len(chunks)
    W = np.zeros((N, L), np.int64)
    Y = np.zeros((N, L), np.int64)
    M = np.zeros((N, L), np.float32)
    for k, c in enumerate(chunks):
        W[k, : len(c)] = [w2i.get(w, 1) for w in c]
        Y[k, : len(c)] = [fine.get(w, 0) for w in c]
        M[k, : len(c)] = 1
    del sents, chunks
    ntok = int(M.sum())
    unk = float(((W == 1) & (M > 0)).sum()) / ntok
    print(f"{N:,} chunks, {ntok:,} tokens, {n_out} classes, unknown words {unk*100:.1f}% ({time.time()-t0:.0f}s)", flush=True)
    perm = rng.permutation(N)
    held, tr = perm[: args.lm_heldout], perm[args.lm_heldout :]
    lm = build_lm(len(vw), Xw.shape[1], args.lm_hidden, n_out)
    with torch.no_grad():
        lm.emb.weight[2:] = torch.from_numpy((Xw * args.emb_scale).astype(np.float16).astype(np.float32))
    params = [p for p in lm.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lm_lr)

    def losses(idx, train_mode):
        w = torch.from_numpy(W[idx])
        y = torch.from_numpy(Y[idx])
        m = torch.from_numpy(M[idx])
        B, T = w.shape
        e = lm.embed(w)
        lengths = m.sum(1).long()
        pos = torch.arange(T).unsqueeze(0)
        rev = torch.where(pos < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - pos, pos)
        hf, _ = lm.fwd(e)
        hb, _ = lm.bwd(e.gather(1, rev.unsqueeze(2).expand(B, T, e.shape[2])))
        if train_mode and args.lm_dropout:
            hf = F.dropout(hf, args.lm_dropout)
            hb = F.dropout(hb, args.lm_dropout)
        # forward: state t predicts y[t+1]; backward (reversed order): state t predicts yr[t+1]
        yr = y.gather(1, rev)
        mt = m[:, 1:]
        lf = F.cross_entropy(lm.out_f(hf[:, :-1]).reshape(-1, n_out), y[:, 1:].reshape(-1), reduction="none")
        lb_logits = lm.out_b(hb[:, :-1])
        lb = F.cross_entropy(lb_logits.reshape(-1, n_out), yr[:, 1:].reshape(-1), reduction="none")
        mt = mt.reshape(-1)
        stats = None
        if not train_mode:
            af = (lm.out_f(hf[:, :-1]).argmax(2) == y[:, 1:]).float().reshape(-1)
            ab = (lb_logits.argmax(2) == yr[:, 1:]).float().reshape(-1)
            stats = ((lf * mt).sum().item(), (lb * mt).sum().item(), (af * mt).sum().item(), (ab * mt).sum().item(), mt.sum().item())
        return (lf * mt).sum() / mt.sum(), (lb * mt).sum() / mt.sum(), stats

    def heldout():
        lm.eval()
        tot = np.zeros(5)
        with torch.no_grad():
            for k in range(0, len(held), 256):
                tot += np.array(losses(held[k : k + 256], False)[2])
        lm.train()
        lf, lb, af, ab, n = tot
        return f"held-out ppl fwd {np.exp(lf/n):.1f} bwd {np.exp(lb/n):.1f}, acc fwd {af/n*100:.1f} bwd {ab/n*100:.1f}"

    print("before training: " + heldout(), flush=True)
    t1 = time.time()
    step = seen = 0
    deadline = t1 + args.lm_minutes * 60
    done = False
    for ep in range(args.lm_epochs):
        order = rng.permutation(tr)
        for k in range(0, len(order), args.lm_batch):
            idx = order[k : k + args.lm_batch]
            lf, lb, _ = losses(idx, True)
            loss = lf + lb
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            step += 1
            seen += int(M[idx].sum())
            if step % 100 == 0:
                rate = seen / (time.time() - t1)
                print(f"step {step} epoch {ep+1} loss fwd {lf.item():.3f} bwd {lb.item():.3f} ({seen:,} tokens, {rate:,.0f} tok/s)", flush=True)
            if step % 1000 == 0:
                print("  " + heldout(), flush=True)
            if time.time() > deadline:
                done = True
                break
        if done:
            break
    print(f"trained {step} steps, {seen:,} tokens in {time.time()-t1:.0f}s; " + heldout(), flush=True)
    state = {k: v.detach().numpy() for k, v in lm.state_dict().items() if k != "emb.weight"}
    Path(args.train_lm).parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.train_lm, **state, hidden=np.array(args.lm_hidden), n_out=np.array(n_out))
    print(f"wrote {args.train_lm}")
    return 0


def load_lm(path: str, Xw: np.ndarray, emb_scale: float):
    import torch

    with np.load(path, allow_pickle=False) as z:
        state = {k: torch.from_numpy(z[k]) for k in z.files if k not in ("hidden", "n_out")}
        hidden, n_out = int(z["hidden"]), int(z["n_out"])
    lm = build_lm(Xw.shape[0], Xw.shape[1], hidden, n_out)
    state["emb.weight"] = lm.emb.weight.detach().clone()
    state["emb.weight"][2:] = torch.from_numpy((Xw * emb_scale).astype(np.float16).astype(np.float32))
    lm.load_state_dict(state)
    lm.eval()
    for p in lm.parameters():
        p.requires_grad_(False)
    return lm, hidden


# ---------------------------------------------------------------- NER with LM states

def build_ner(cfg: dict, lm, lm_dim: int, place: str):
    """nn1's network (``build_model``) with the LM states as extra BiLSTM inputs or outputs."""
    import torch
    from torch import nn

    net = build_model(cfg)
    c = cfg
    ind = c["dim_word"] + c["dim_strip"] + c["dim_train"] + c["char_filters"] + len(GZ) + c["dim_cluster"] * len(c["cluster_ks"])
    if place == "input":
        net.fwd = nn.LSTM(ind + lm_dim, c["hidden"], batch_first=True)
        net.bwd = nn.LSTM(ind + lm_dim, c["hidden"], batch_first=True)
    else:
        net.out = nn.Linear(2 * c["hidden"] + lm_dim, len(LABELS))

    class Wrapped(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net
            self.crf = net.crf
            self.lm = [lm]  # not a submodule: frozen, not in the state dict

        def emissions(self, x):
            n = self.net
            lmx = x.get("lm")
            if lmx is None:
                with torch.no_grad():
                    lmx = self.lm[0].states(x["lw"] if "lw" in x else x["w"], x["m"])
            parts = n.inputs(x)
            if place == "input":
                parts.append(lmx)
            h = n.drop(torch.cat(parts, dim=2))
            o = n.bilstm(h, x["m"])
            if place == "output":
                o = torch.cat([o, lmx], dim=2)
            return n.out(n.drop(o))

    return Wrapped()


class LMTagger(NeuralTagger):
    """NeuralTagger's decoding (Viterbi + marginals) over the LM-augmented network."""

    def __init__(self, model, encoder) -> None:
        import torch

        self.doc_boost = 0.0
        self._net = model
        self._encoder = encoder
        self._torch = torch
        self._trans = model.crf.trans.detach().numpy().astype(np.float64)
        self._start = model.crf.start.detach().numpy().astype(np.float64)
        self._end = model.crf.end.detach().numpy().astype(np.float64)


def bench(model, enc_args) -> None:
    import torch

    torch.set_num_threads(1)
    model.eval()
    tagger = LMTagger(model, Encoder(*enc_args))
    sents = [[w for w, _ in s] for s in ner_eval.load_set("official")]
    tagger.tag_sentences(sents[:5])
    docs = [sents[i : i + 25] for i in range(0, len(sents), 25)]
    n = sum(map(len, sents))
    for rnd in range(3):
        t0 = time.perf_counter()
        for doc in docs:
            tagger.tag_sentences(doc, marginals=True)
        dt = time.perf_counter() - t0
        print(f"bench round {rnd+1}: {n:,} words in {dt:.2f}s: {n/dt:,.0f} words/s", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wvec", default="/tmp/nerx/w2v.model", help="gensim Word2Vec model on folded word forms")
    ap.add_argument("--max-vocab", type=int, default=80000)
    ap.add_argument("--emb-scale", type=float, default=3.0)
    # LM training
    ap.add_argument("--train-lm", default=None, metavar="OUT.npz", help="train the two LMs and save them here")
    ap.add_argument("--lm-tokens", type=int, default=4_000_000, help="SaudiNewsNet tokens read for the LM")
    ap.add_argument("--lm-hidden", type=int, default=128)
    ap.add_argument("--lm-chunk", type=int, default=40)
    ap.add_argument("--lm-batch", type=int, default=64)
    ap.add_argument("--lm-lr", type=float, default=2e-3)
    ap.add_argument("--lm-dropout", type=float, default=0.0)
    ap.add_argument("--lm-epochs", type=int, default=1)
    ap.add_argument("--lm-minutes", type=float, default=6.0)
    ap.add_argument("--lm-heldout", type=int, default=2000)
    # NER (the defaults of train_bilstm.py)
    ap.add_argument("--lm", default="/tmp/lm/lm.npz", help="the LMs (--train-lm output)")
    ap.add_argument("--lm-place", default="input", choices=("input", "output"))
    ap.add_argument("--dim-cluster", type=int, default=16)
    ap.add_argument("--dim-char", type=int, default=30)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--word-drop", type=float, default=0.05)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dev-fold", type=int, default=9)
    ap.add_argument("--bench", action="store_true", help="time the kept model (one thread)")
    ap.add_argument("--bench-only", action="store_true",
                    help="time an untrained network of the same shape (speed does not depend on the weights) and exit")
    args = ap.parse_args(argv)
    if args.train_lm:
        return train_lm(args)
    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)

    clusters, freq = load_clusters(ROOT / "models" / "ner" / "clusters.tsv")
    clusters2, _ = load_clusters(ROOT / "models" / "ner" / "clusters_w2v.tsv")
    words, phrases = load_lexicon(True)
    vw, Xw = load_vectors(args.wvec, args.max_vocab, 0)
    lm, lm_hidden = load_lm(args.lm, Xw, args.emb_scale)

    train_all = ner_eval.load_set("train")
    lo, hi = len(train_all) * args.dev_fold // 10, len(train_all) * (args.dev_fold + 1) // 10
    train_s, dev_s = train_all[:lo] + train_all[hi:], train_all[lo:hi]
    cc: Counter = Counter()
    for s in train_s:
        for w, _ in s:
            cc.update(fold(w))
    chars = [c for c, n in cc.most_common() if n >= 2]
    enc_args = (vw, [], [], chars, clusters, clusters2, freq, words, phrases)
    enc = Encoder(*enc_args)

    def chunks(sents, n=80):
        return [s[i : i + n] for s in sents for i in range(0, len(s), n)]

    def encode(sents):
        return [(enc.sentence([w for w, _ in s]), [L2I.get(t, 0) for _, t in s]) for s in sents]

    t0 = time.time()
    train = encode(chunks(train_s))
    # frozen LM states of the training chunks, computed once
    lm_train = [None] * len(train)
    order = sorted(range(len(train)), key=lambda i: len(train[i][1]))
    with torch.no_grad():
        for k in range(0, len(order), 64):
            idx = order[k : k + 64]
            arr = Encoder.batch([train[i][0] for i in idx])
            st = lm.states(torch.from_numpy(arr["w"]), torch.from_numpy(arr["m"])).numpy()
            for j, i in enumerate(idx):
                lm_train[i] = st[j, : len(train[i][1])]
    dev = encode(dev_s)
    print(f"encoded, LM states of train in {time.time()-t0:.0f}s", flush=True)
    cfg = {
        "version": "nn1-lm", "n_word": len(vw), "dim_word": Xw.shape[1], "n_strip": 0, "dim_strip": 0,
        "n_train": 0, "dim_train": 0, "n_chars": len(chars), "dim_char": args.dim_char,
        "char_filters": args.char_filters, "cluster_ks": [64, 256, 1024, 100, 500, 1500],
        "dim_cluster": args.dim_cluster, "hidden": args.hidden, "dropout": args.dropout, "propnouns": True,
    }
    model = build_ner(cfg, lm, 2 * lm_hidden, args.lm_place)
    with torch.no_grad():
        model.net.wemb.weight[2:] = torch.from_numpy((Xw * args.emb_scale).astype(np.float16).astype(np.float32))
    if args.bench_only:
        bench(model, enc_args)
        return 0
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr)

    def tensors(items, train_mode=False, lms=None):
        arr = Encoder.batch([x for x, _ in items])
        x = {k: torch.from_numpy(v) for k, v in arr.items()}
        if lms is not None:
            T = arr["w"].shape[1]
            pad = np.zeros((len(items), T, 2 * lm_hidden), np.float32)
            for b, s in enumerate(lms):
                pad[b, : len(s)] = s
            x["lm"] = torch.from_numpy(pad)
        if train_mode and args.word_drop > 0:
            w = arr["w"].copy()
            drop = (np.random.rand(*w.shape) < args.word_drop) & (w > 0)
            w[drop] = 1
            x["w"] = torch.from_numpy(w)
        return x, label_tensor(items, arr["w"].shape[1])

    def emissions(data):
        return batch_emissions(model, tensors, data)

    def decode(ems):
        return viterbi_labels(model, ems)

    score = span_scores

    best = (-1.0, -1, None)
    bad = 0
    for ep in range(args.epochs):
        t0 = time.time()
        order = sorted(range(len(train)), key=lambda i: len(train[i][1]) + random.random() * 8)
        batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
        random.shuffle(batches)
        total = 0.0
        for bi in batches:
            x, y = tensors([train[i] for i in bi], True, [lm_train[i] for i in bi])
            loss = model.crf.nll(model.emissions(x), y, x["m"]) / len(bi)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += loss.item()
        res = score(dev_s, decode(emissions(dev)))
        line = f"epoch {ep+1} loss {total/len(batches):.2f} dev F1 {res['f1']*100:.1f}"
        if res["f1"] > best[0]:
            best = (res["f1"], ep, copy.deepcopy(model.state_dict()))
            bad = 0
        else:
            bad += 1
        print(line + f" ({time.time()-t0:.0f}s)", flush=True)
        if bad >= args.patience:
            break
    model.load_state_dict(best[2])
    print(f"best dev F1 {best[0]*100:.2f} at epoch {best[1]+1}", flush=True)
    print(ner_eval._fmt("dev", score(dev_s, decode(emissions(dev)))), flush=True)
    if args.bench:
        bench(model, enc_args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
