"""Experiment: a small BiLSTM-CRF tagger (torch, CPU) on ANERcorp, for comparison with the CRF.

Inputs per word: a word embedding of the folded form and one of the clitic-stripped form
(both initialised from the SaudiNewsNet PPMI-SVD vectors of ``models/ner_clusters.py``),
a character CNN, and the gazetteer tags of the CRF features. One BiLSTM layer and a CRF
output layer. Trained on the first 90% of the train split; the epoch with the best F1 on
the last 10% is scored on the official and repaired test files.

Run: ``nice python models/train_bilstm.py --vectors /tmp/vectors.npy`` (vectors from
``python models/ner_clusters.py --vectors /tmp/vectors.npy``). Not shipped: see docs/ner.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arabic_events.evaluation import ner_eval  # noqa: E402
from arabic_events.ner.crf import load_clusters, load_lexicon  # noqa: E402
from arabic_events.ner.features import FeatureExtractor, fold  # noqa: E402

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
L2I = {l: i for i, l in enumerate(LABELS)}
GZ = ["LOC", "LOC2", "PF", "PL", "ORG", "FAC", "FACH", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-FAC", "I-FAC", "B-PER", "I-PER"]


class CRF(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, N = em.shape
        # score of gold path
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for t in range(1, T):
            m = mask[:, t]
            s = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t : t + 1]).squeeze(1)
            score = score + s * m
        last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        # partition
        alpha = self.start + em[:, 0]
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0) + em[:, t].unsqueeze(1), dim=1)
            m = mask[:, t].unsqueeze(1)
            alpha = nxt * m + alpha * (1 - m)
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).sum()

    def decode(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        B, T, N = em.shape
        score = self.start + em[:, 0]
        back = []
        for t in range(1, T):
            cand = score.unsqueeze(2) + self.trans.unsqueeze(0)
            best, idx = cand.max(1)
            nxt = best + em[:, t]
            m = mask[:, t].unsqueeze(1)
            score = nxt * m + score * (1 - m)
            back.append(idx)
        score = score + self.end
        out = []
        lengths = mask.sum(1).long().tolist()
        for b in range(B):
            best = int(score[b].argmax())
            path = [best]
            for t in range(lengths[b] - 1, 0, -1):
                best = int(back[t - 1][b, best])
                path.append(best)
            out.append(path[::-1])
        return out


class Tagger(nn.Module):
    def __init__(self, vectors: np.ndarray, n_chars: int, hidden: int = 150) -> None:
        super().__init__()
        V, D = vectors.shape
        self.wemb = nn.Embedding(V + 2, D, padding_idx=0)
        with torch.no_grad():
            self.wemb.weight[2:] = torch.from_numpy(vectors)
        self.cemb = nn.Embedding(n_chars + 2, 30, padding_idx=0)
        self.conv = nn.Conv1d(30, 60, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(2 * D + 60 + len(GZ), hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(LABELS))
        self.crf = CRF(len(LABELS))

    def emissions(self, w, r, c, g):
        B, T, C = c.shape
        ce = self.cemb(c.view(B * T, C)).transpose(1, 2)
        ce = torch.relu(self.conv(ce)).max(2).values.view(B, T, -1)
        x = torch.cat([self.wemb(w), self.wemb(r), ce, g], dim=2)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(h))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--vectors", required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=150)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    random.seed(1)
    clusters, freq = load_clusters(ROOT / "models" / "ner" / "clusters.tsv")
    words, phrases = load_lexicon()
    fx = FeatureExtractor(clusters, words, phrases, freq=freq)
    vocab = list(freq)
    vecs = np.load(args.vectors, allow_pickle=False).astype("float32")
    vecs = vecs / (np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-6)
    w2i = {w: i + 2 for i, w in enumerate(vocab)}
    chars = {}

    def encode(sent):
        toks = [w for w, _ in sent]
        infos = [fx._word(w) for w in toks]
        ptags = fx._phrase_tags([x[3] for x in infos])
        wi = [w2i.get(x[2], 1) for x in infos]
        ri = [w2i.get(x[3], w2i.get(x[3][2:], 1) if x[3].startswith("ال") else 1) for x in infos]
        ci = []
        for x in infos:
            s = x[2][:20]
            ci.append([chars.setdefault(ch, len(chars) + 2) for ch in s] or [1])
        g = np.zeros((len(toks), len(GZ)), dtype="float32")
        for k, x in enumerate(infos):
            for f in x[0]:
                if f.startswith("lx="):
                    g[k, GZ.index(f[3:])] = 1
            if ptags[k]:
                g[k, GZ.index(ptags[k].replace("PER", "PER"))] = 1
        y = [L2I.get(t, 0) for _, t in sent]
        return wi, ri, ci, g, y

    def chunks(sents, n=80):
        out = []
        for s in sents:
            for i in range(0, len(s), n):
                out.append(s[i : i + n])
        return out

    train_all = ner_eval.load_set("train")
    cut = int(len(train_all) * 0.9)
    train = [encode(s) for s in chunks(train_all[:cut])]
    dev_s = train_all[cut:]
    dev = [encode(s) for s in dev_s]
    tests = {n: ner_eval.load_set(n) for n in ("official", "repaired")}
    tests_enc = {n: [encode(s) for s in v] for n, v in tests.items()}
    model = Tagger(vecs, len(chars) + 10, args.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)

    def batchify(items):
        B = len(items)
        T = max(len(x[0]) for x in items)
        C = max(len(c) for x in items for c in x[2])
        w = torch.zeros(B, T, dtype=torch.long)
        r = torch.zeros(B, T, dtype=torch.long)
        c = torch.zeros(B, T, C, dtype=torch.long)
        g = torch.zeros(B, T, len(GZ))
        y = torch.zeros(B, T, dtype=torch.long)
        m = torch.zeros(B, T)
        for b, (wi, ri, ci, gi, yi) in enumerate(items):
            n = len(wi)
            w[b, :n] = torch.tensor(wi)
            r[b, :n] = torch.tensor(ri)
            for k, cc in enumerate(ci):
                c[b, k, : len(cc)] = torch.tensor([min(x, len(chars) + 9) for x in cc])
            g[b, :n] = torch.from_numpy(gi)
            y[b, :n] = torch.tensor(yi)
            m[b, :n] = 1
        return w, r, c, g, y, m

    def predict(enc):
        model.eval()
        out = []
        with torch.no_grad():
            order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
            res = {}
            for k in range(0, len(order), 64):
                idx = order[k : k + 64]
                w, r, c, g, y, m = batchify([enc[i] for i in idx])
                paths = model.crf.decode(model.emissions(w, r, c, g), m)
                for i, p in zip(idx, paths):
                    res[i] = [LABELS[x] for x in p]
            out = [res[i] for i in range(len(enc))]
        model.train()
        return out

    def f1(sents, preds):
        gold = [ner_eval.bio_spans([t for _, t in s]) for s in sents]
        return ner_eval.score_spans(gold, [ner_eval.bio_spans(p) for p in preds])

    best = (-1.0, None)
    for ep in range(args.epochs):
        t0 = time.time()
        random.shuffle(train)
        order = sorted(range(len(train)), key=lambda i: len(train[i][0]) + random.random() * 8)
        batches = [order[k : k + 16] for k in range(0, len(order), 16)]
        random.shuffle(batches)
        total = 0.0
        for bi in batches:
            w, r, c, g, y, m = batchify([train[i] for i in bi])
            loss = model.crf.nll(model.emissions(w, r, c, g), y, m) / len(bi)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss)
        res = f1(dev_s, predict(dev))
        line = f"epoch {ep+1} loss {total/len(batches):.2f} dev F1 {res['f1']*100:.1f} ({time.time()-t0:.0f}s)"
        if res["f1"] > best[0]:
            best = (res["f1"], ep)
            for n, v in tests.items():
                line += "  " + ner_eval._fmt(n, f1(v, predict(tests_enc[n])))
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
