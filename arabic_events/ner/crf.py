"""The shipped CRF entity tagger: loading the model directory and tagging word sequences.

A model directory holds ``model.crfsuite`` (crfsuite's own binary format, no pickle),
``clusters.tsv`` (word, cluster path, count) and ``meta.json`` (version, labels, feature
settings). Gazetteer features come from ``arabic_events/data/gazetteers``.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..errors import ModelError, ModelNotFoundError
from .features import FeatureExtractor, doc_features, fold

__all__ = ["default_model_dir", "load_clusters", "load_lexicon", "CRFTagger", "load_tagger", "check_crfsuite"]

_CRF_HEADER = 48  # magic, size, type, version, counts and the five offsets (uint32 each)


def check_crfsuite(path: Path) -> None:
    """Check a crfsuite model file before libcrfsuite reads it (it trusts the file: a
    truncated one crashes the interpreter): the ``lCRF`` magic, the ``FOMC`` type, the
    file size recorded in the header, and every section offset inside the file."""
    import struct

    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(_CRF_HEADER)
    except OSError as exc:
        raise ModelError(f"model file {str(path)!r} cannot be read ({exc})") from exc
    if len(head) < _CRF_HEADER or head[:4] != b"lCRF" or head[8:12] != b"FOMC":
        raise ModelError(f"model file {str(path)!r} is not a crfsuite model (bad header); rebuild it with "
                         "`python models/train_ner.py`")
    declared, = struct.unpack_from("<I", head, 4)
    if declared != size:
        raise ModelError(f"model file {str(path)!r} has {size:,} bytes but its header says {declared:,} "
                         "(truncated or damaged); restore it or rebuild with `python models/train_ner.py`")
    offsets = struct.unpack_from("<5I", head, 28)
    if any(not _CRF_HEADER <= o < size for o in offsets):
        raise ModelError(f"model file {str(path)!r} has section offsets outside the file (damaged)")


def default_model_dir() -> Path:
    """``models/ner`` of the source tree, or the copy installed inside the package."""
    here = Path(__file__).resolve()
    for cand in (here.parents[2] / "models" / "ner", here.parents[1] / "models" / "ner"):
        if (cand / "model.crfsuite").exists():
            return cand
    return here.parents[2] / "models" / "ner"


def load_clusters(path: Path, sided: dict | None = None) -> tuple[dict[str, str], dict[str, int]]:
    """Word -> cluster path and word -> count; with ``sided`` (a dict), also fill it with
    word -> (left-context path, right-context path) when the file has those columns."""
    clusters: dict[str, str] = {}
    freq: dict[str, int] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3:
                    continue
                clusters[parts[0]] = parts[1]
                freq[parts[0]] = int(parts[2])
                if sided is not None and len(parts) >= 5:
                    sided[parts[0]] = (parts[3], parts[4])
    except UnicodeDecodeError as exc:
        raise ModelError(f"{str(path)!r} is not UTF-8 ({exc})") from exc
    except ValueError as exc:
        raise ModelError(f"{str(path)!r}: a count column is not an integer ({exc})") from None
    return clusters, freq


def load_autolex(path: Path) -> dict[str, tuple[str, ...]]:
    """Automatic lexicon (word, occurrences, PERS/LOC/ORG/MISC shares) -> bucketed features."""
    out: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 6:
                continue
            feats = []
            for t, v in zip(("PERS", "LOC", "ORG", "MISC"), parts[2:6]):
                x = float(v)
                if x >= 0.5:
                    feats.append(f"al={t}h")
                elif x >= 0.2:
                    feats.append(f"al={t}m")
                elif x >= 0.05:
                    feats.append(f"al={t}l")
            if feats:
                out[parts[0]] = tuple(feats)
    return out


@lru_cache(maxsize=1)
def load_lexicon(propnouns: bool = True) -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], str]]:
    """Gazetteer features: single folded words -> tags, folded word tuples -> label."""
    from .._data import load_tsv

    words: dict[str, set[str]] = {}
    phrases: dict[tuple[str, ...], str] = {}

    def add(text: str, tag: str, phrase_label: str) -> None:
        toks = tuple(fold(t) for t in text.split())
        if not toks:
            return
        if len(toks) == 1:
            words.setdefault(toks[0], set()).add(tag)
        else:
            phrases.setdefault(toks, phrase_label)

    for row in load_tsv("gazetteers/places.tsv"):
        add(row[0], "LOC" if row[3] == "rule" else "LOC2", "LOC")
    for row in load_tsv("gazetteers/names.tsv"):
        add(row[0], "PF" if row[1] == "first" else "PL", "PER")
    if propnouns:
        for row in load_tsv("gazetteers/propnouns.tsv"):
            add(row[0], "PC" if row[1] == "person" else "PI", "MISC")
    for row in load_tsv("gazetteers/orgs.tsv"):
        add(row[0], "ORG", "ORG")
    for row in load_tsv("gazetteers/facilities.tsv"):
        add(row[0], "FAC", "FAC")
    for row in load_tsv("gazetteers/facility_heads.tsv"):
        add(row[0], "FACH", "FAC")
    return {k: frozenset(v) for k, v in words.items()}, phrases


class CRFTagger:
    """Tag word sequences with BIO labels (PERS/LOC/ORG/MISC as in ANERcorp)."""

    def __init__(self, model_dir: str | Path) -> None:
        import pycrfsuite

        d = Path(model_dir)
        if not d.is_dir():
            raise ModelNotFoundError(
                f"NER model directory {str(d)!r} does not exist; pass model_dir= pointing at a "
                "directory with model.crfsuite, or rebuild the default with `python models/train_ner.py`"
            )
        model = d / "model.crfsuite"
        if not model.exists():
            raise ModelNotFoundError(
                f"{str(model)!r} is missing; rebuild it with `python models/train_ner.py`"
            )
        self.dir = d
        try:
            self.meta = json.loads((d / "meta.json").read_text(encoding="utf-8")) if (d / "meta.json").exists() else {}
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{str(d / 'meta.json')!r} is not valid JSON ({exc})") from exc
        if not isinstance(self.meta, dict):
            raise ModelError(f"{str(d / 'meta.json')!r} must hold a JSON object")
        from .backends import verify_files

        verify_files(d, self.meta.get("files"))
        check_crfsuite(model)
        if self.meta.get("stages", 1) == 2 and (d / "model1.crfsuite").exists():
            check_crfsuite(d / "model1.crfsuite")
        self.version = self.meta.get("version", "v1")
        sided: dict = {}
        clusters, freq = load_clusters(d / "clusters.tsv", sided) if (d / "clusters.tsv").exists() else ({}, {})
        if not self.meta.get("sided_clusters", False):
            sided = {}
        words, phrases = load_lexicon(self.meta.get("propnouns", False)) if self.meta.get("gazetteer_features", True) else ({}, {})
        autolex = load_autolex(d / "autolex.tsv") if self.meta.get("autolex") and (d / "autolex.tsv").exists() else None
        c2name = self.meta.get("clusters2")
        clusters2 = load_clusters(d / c2name)[0] if c2name and (d / c2name).exists() else None
        self.features = FeatureExtractor(
            clusters, words, phrases, window=self.meta.get("window", 2), freq=freq, sided=sided, autolex=autolex,
            clusters2=clusters2,
        )
        self.features.defratio = bool(self.meta.get("defratio", False))
        self._model_path = str(model)
        first = d / "model1.crfsuite"
        self.stages = 2 if self.meta.get("stages", 1) == 2 and first.exists() else 1
        self._first_path = str(first)
        self._local = threading.local()
        self._pycrfsuite = pycrfsuite

    def _get(self, which: str):
        t = getattr(self._local, which, None)
        if t is None:
            t = self._pycrfsuite.Tagger()
            t.open(self._model_path if which == "second" else self._first_path)
            setattr(self._local, which, t)
        return t

    def tag_sentences(
        self, sentences: Sequence[Sequence[str]], window: int | None = None, marginals: bool = False
    ) -> tuple[list[list[str]], list[list[float]] | None]:
        """BIO labels for the sentences of one document (and marginals if asked).

        With a two-stage model the first pass labels every sentence, and the second pass
        sees, for each word, the labels given to its other occurrences in the document
        (or within ``window`` sentences).
        """
        sentences = [list(s) for s in sentences]
        base = [self.features.sentence(s) if s else [] for s in sentences]
        if self.stages == 2:
            first = self._get("first")
            p1 = [first.tag(f) if f else [] for f in base]
            extra = doc_features(self.features, sentences, p1, window=window)
            base = [[a + b for a, b in zip(f, e)] for f, e in zip(base, extra)]
        tagger = self._get("second")
        labels: list[list[str]] = []
        probs: list[list[float]] | None = [] if marginals else None
        for f in base:
            if not f:
                labels.append([])
                if probs is not None:
                    probs.append([])
                continue
            labs = tagger.tag(f)
            labels.append(labs)
            if probs is not None:
                probs.append([tagger.marginal(y, j) if y != "O" else 1.0 for j, y in enumerate(labs)])
        return labels, probs

    def tag(self, words: Sequence[str], marginals: bool = False) -> tuple[list[str], list[float] | None]:
        """BIO labels for one sentence and, if asked, the marginal probability of each label."""
        labels, probs = self.tag_sentences([words], marginals=marginals)
        return labels[0], (probs[0] if probs is not None else None)


_TAGGERS: dict[str, CRFTagger] = {}
_LOCK = threading.Lock()


def load_tagger(model_dir: str | Path | None = None) -> CRFTagger:
    """A cached :class:`CRFTagger` for ``model_dir`` (default: the shipped model)."""
    d = Path(model_dir) if model_dir is not None else default_model_dir()
    key = str(d.resolve()) if d.exists() else str(d)
    with _LOCK:
        t = _TAGGERS.get(key)
        if t is None:
            t = CRFTagger(d)
            _TAGGERS[key] = t
        return t
