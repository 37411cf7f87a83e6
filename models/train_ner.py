"""Reproduce the shipped NER model in ``models/ner/``.

Steps (each skipped when its output exists, unless ``--rebuild``):

1. word clusters from SaudiNewsNet -> ``models/ner/clusters.tsv`` (PPMI-SVD k-means,
   ``models/ner_clusters.py``) and ``models/ner/clusters_w2v.tsv`` (word2vec skip-gram on
   clitic-stripped forms, k-means; ``models/ner_w2v_clusters.py``, needs gensim:
   ``models/requirements-train.txt``);
2. generated gazetteers -> ``arabic_events/data/gazetteers/{places,names}.tsv``
   (``models/build_gazetteers.py``);
3. CRF training (python-crfsuite, L-BFGS with L1+L2) on the ANERcorp CAMeL Lab train split
   -> ``models/ner/model.crfsuite`` and ``meta.json``;
4. evaluation on the official and repaired ANERcorp test and the AQMAR test ->
   ``models/ner/scores.json``.

Run: ``nice python models/train_ner.py`` (about 10 minutes on one core, plus about 4 minutes
for the word2vec clusters when they are missing).
``--dev`` trains on the first 90% of train and reports on the last 10% (for tuning);
``--dev-fold K`` holds out the K-th tenth instead (0-9). ``--clusters2 FILE`` tries another
second cluster set; ``--no-w2v`` trains without it (the ``v1`` features).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VERSION = "v2"
# settings of the second cluster set (word2vec skip-gram k-means; ``--no-w2v`` leaves it out)
W2V_ARGS = ["--model", "word2vec", "--stripped", "--dims", "100", "--window", "5", "--ks", "100,500,1500"]


def to_bilou(tags: list[str]) -> list[str]:
    """BIO -> BILOU (a single-word entity is U-, the last word of a longer one L-)."""
    out = []
    for k, t in enumerate(tags):
        nxt = tags[k + 1] if k + 1 < len(tags) else "O"
        cont = nxt.startswith("I-") and nxt[2:] == t[2:]
        if t.startswith("B-"):
            out.append(("B-" if cont else "U-") + t[2:])
        elif t.startswith("I-"):
            out.append(("I-" if cont else "L-") + t[2:])
        else:
            out.append(t)
    return out


def to_bio(tags: list[str]) -> list[str]:
    """BILOU (or BIO) -> BIO."""
    return ["B-" + t[2:] if t.startswith("U-") else "I-" + t[2:] if t.startswith("L-") else t for t in tags]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "models" / "ner"))
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iters", type=int, default=150)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--no-gazetteer", action="store_true", help="train without gazetteer features")
    ap.add_argument("--no-clusters", action="store_true", help="train without word clusters")
    ap.add_argument("--extra", default="", help="extra training sets, e.g. aqmar_train")
    ap.add_argument("--stages", type=int, default=2, choices=(1, 2), help="2: second pass with document features")
    ap.add_argument("--vectors", default=None, help="word vectors .npy (rows in clusters.tsv order) as real-valued features")
    ap.add_argument("--vec-dims", type=int, default=50)
    ap.add_argument("--vec-scale", type=float, default=3.0)
    ap.add_argument("--clusters", default=None, help="cluster file to use instead of <out>/clusters.tsv")
    ap.add_argument("--clusters2", default=None, help="a second cluster file (e.g. models/ner_w2v_clusters.py output) used next to the first")
    ap.add_argument("--no-w2v", action="store_true",
                    help="without the second cluster set (word2vec k-means, <out>/clusters_w2v.tsv, built by "
                    "models/ner_w2v_clusters.py if missing)")
    ap.add_argument("--defratio", action="store_true", help="article-ratio feature (corpus counts of the word with/without ال)")
    ap.add_argument("--bilou", action="store_true", help="train on BILOU labels (decoded back to BIO)")
    ap.add_argument("--ngrams", action="store_true", help="character trigrams of the stem")
    ap.add_argument("--autolex", default=None, help="automatic lexicon TSV (models/ner_autolex.py) as features")
    ap.add_argument("--propnouns", action="store_true", help="CAMeL proper-noun lexicon features (person/other)")
    ap.add_argument("--algorithm", default="lbfgs", choices=("lbfgs", "l2sgd", "ap", "pa", "arow"))
    ap.add_argument("--iob2", action="store_true", help="repair orphan I- tags in the training data")
    ap.add_argument("--sided", action="store_true", help="use the left/right-context cluster columns")
    ap.add_argument("--dev", action="store_true", help="hold out the last 10%% of train and score on it")
    ap.add_argument("--dev-fold", type=int, default=9, help="with --dev: which tenth of train is held out (9 = the last)")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)

    import pycrfsuite

    from arabic_events.evaluation import ner_eval
    from arabic_events.ner.crf import CRFTagger, load_clusters, load_lexicon
    from arabic_events.ner.features import FeatureExtractor, doc_features

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    clusters_path = out / "clusters.tsv"
    if args.rebuild or not clusters_path.exists():
        subprocess.run([sys.executable, str(ROOT / "models" / "ner_clusters.py"), "--out", str(clusters_path)], check=True)
    if args.rebuild or not (ROOT / "arabic_events" / "data" / "gazetteers" / "places.tsv").exists():
        subprocess.run([sys.executable, str(ROOT / "models" / "build_gazetteers.py")], check=True)

    w2v_path = out / "clusters_w2v.tsv"
    use_w2v = not args.no_w2v and not args.no_clusters and not args.clusters2
    if use_w2v and (args.rebuild or not w2v_path.exists()):
        subprocess.run([sys.executable, str(ROOT / "models" / "ner_w2v_clusters.py"), *W2V_ARGS, "--out", str(w2v_path)], check=True)
    if use_w2v:
        args.clusters2 = str(w2v_path)
    if args.no_clusters:
        args.clusters2 = None

    sided: dict = {}
    clusters, freq = load_clusters(Path(args.clusters) if args.clusters else clusters_path, sided)
    if not args.sided:
        sided = {}
    if args.no_clusters:
        clusters = {}
    words, phrases = ({}, {}) if args.no_gazetteer else load_lexicon(args.propnouns)
    vectors = None
    if args.vectors:
        import numpy as np

        arr = np.load(args.vectors, allow_pickle=False)[:, : args.vec_dims].astype("float32") * args.vec_scale
        vocab = [w for w in freq]  # clusters.tsv order
        vectors = {w: tuple(round(float(x), 3) for x in arr[i]) for i, w in enumerate(vocab[: len(arr)])}
    clusters2 = load_clusters(Path(args.clusters2))[0] if args.clusters2 else None
    fx = FeatureExtractor(clusters, words, phrases, window=args.window, freq=freq, vectors=vectors, sided=sided, clusters2=clusters2)
    fx.ngrams = args.ngrams
    fx.defratio = args.defratio
    if args.autolex:
        from arabic_events.ner.crf import load_autolex

        fx.autolex = load_autolex(Path(args.autolex))

    train = ner_eval.load_set("train")
    if args.iob2:  # orphan I- tags (after O or another type) become B-
        fixed = []
        for sent in train:
            prev = "O"
            cur = []
            for w, t in sent:
                if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
                    t = "B-" + t[2:]
                cur.append((w, t))
                prev = t
            fixed.append(cur)
        train = fixed
    dev = []
    if args.dev:
        lo, hi = len(train) * args.dev_fold // 10, len(train) * (args.dev_fold + 1) // 10
        train, dev = train[:lo] + train[hi:], train[lo:hi]
    for name in [x for x in args.extra.split(",") if x]:
        train = train + ner_eval.load_set(name)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iters, "feature.possible_transitions": True}
    if args.algorithm != "lbfgs":
        params = {"max_iterations": args.iters, "feature.possible_transitions": True}
    DOCWIN = 30

    def train_crf(sents, extra, path):
        t0 = time.time()
        trainer = pycrfsuite.Trainer(algorithm=args.algorithm, verbose=False)
        for i, sent in enumerate(sents):
            tags = [t for _, t in sent]
            trainer.append(fx.sentence([w for w, _ in sent], extra[i] if extra else None), to_bilou(tags) if args.bilou else tags)
        trainer.set_params(params)
        trainer.train(str(path))
        print(f"trained {path.name} on {len(sents)} sentences in {time.time()-t0:.0f}s; {path.stat().st_size/1e6:.1f} MB", flush=True)

    def tag_all(path, sents, extra=None):
        tg = pycrfsuite.Tagger()
        tg.open(str(path))
        return [to_bio(tg.tag(fx.sentence([w for w, _ in s], extra[i] if extra else None))) for i, s in enumerate(sents)]

    def words_of(sents):
        return [[w for w, _ in s] for s in sents]

    suffix = ".dev" if args.dev else ""
    stage1 = out / f"model1{suffix}.crfsuite"
    model_path = out / f"model{suffix}.crfsuite"
    if args.stages == 2:
        # jackknifed first-pass labels for the training data
        k = 5
        first = [None] * len(train)
        fold_path = out / "fold.tmp.crfsuite"
        for f in range(k):
            lo, hi = len(train) * f // k, len(train) * (f + 1) // k
            train_crf(train[:lo] + train[hi:], None, fold_path)
            for i, labs in zip(range(lo, hi), tag_all(fold_path, train[lo:hi])):
                first[i] = labs
        fold_path.unlink()
        train_crf(train, None, stage1)
        extra_train = doc_features(fx, words_of(train), first, window=DOCWIN)
        train_crf(train, extra_train, model_path)
    else:
        train_crf(train, None, model_path)
    meta = {
        "version": VERSION,
        "learner": "python-crfsuite L-BFGS",
        "params": {"c1": args.c1, "c2": args.c2, "max_iterations": args.iters},
        "window": args.window,
        "stages": args.stages,
        "doc_window_train": DOCWIN,
        "gazetteer_features": not args.no_gazetteer,
        "clusters": not args.no_clusters,
        "sided_clusters": bool(sided),
        "clusters2": "clusters_w2v.tsv" if args.clusters2 else None,
        "autolex": bool(args.autolex),
        "propnouns": bool(args.propnouns),
        "defratio": bool(args.defratio),
        "train": "ANERcorp CAMeL Lab train" + (" (first 90%)" if args.dev else "") + ("" if not args.extra else " + " + args.extra),
        "labels": ["B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC", "O"],
    }
    if args.dev:
        gold = [ner_eval.bio_spans([t for _, t in s]) for s in dev]
        if args.stages == 2:
            p1 = tag_all(stage1, dev)
            print(ner_eval._fmt("dev-pass1", ner_eval.score_spans(gold, [ner_eval.bio_spans(x) for x in p1])))
            extra_dev = doc_features(fx, words_of(dev), p1, window=DOCWIN)
            labs = tag_all(model_path, dev, extra_dev)
        else:
            labs = tag_all(model_path, dev)
        pred = [ner_eval.bio_spans(x) for x in labs]
        res = ner_eval.score_spans(gold, pred)
        print(ner_eval._fmt("dev", res))
        return 0
    if args.clusters2 and Path(args.clusters2).resolve() != w2v_path.resolve():
        import shutil

        shutil.copyfile(args.clusters2, w2v_path)
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tagger = CRFTagger(out)
    scores = {}
    if args.stages == 2:
        for name in ("official", "repaired"):
            sents = ner_eval.load_set(name)
            gold = [ner_eval.bio_spans([t for _, t in s]) for s in sents]
            res = ner_eval.score_spans(gold, [ner_eval.bio_spans(x) for x in tag_all(stage1, sents)])
            scores[name + "_pass1"] = res
            print(ner_eval._fmt(name[:4] + "-pass1", res), flush=True)
    for name in ("official", "repaired", "aqmar"):
        res, wps = ner_eval.evaluate_conll(tagger, ner_eval.load_set(name))
        res["words_per_s"] = round(wps)
        scores[name] = res
        print(ner_eval._fmt(name, res), flush=True)
    (out / "scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
