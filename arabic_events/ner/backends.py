"""Third-party NER backends: Stanza and CAMeL Tools models loaded from a local directory.

``load_backend(name, model_dir)`` returns a callable ``doc -> list[Entity]``. The
model libraries are imported only inside this function, nothing is downloaded, and
a missing model directory raises :class:`~arabic_events.errors.ModelNotFoundError`
that says how to obtain the model on a machine with network access.

Both backends receive words cut from ``doc.text`` by :func:`words` (letters, marks and
digits form a word, every other non-space character is a word of its own), so every
predicted token has exact character offsets. Entity spans are then trimmed to the
annotation conventions (docs/annotation.md): a conjunction/preposition clitic glued
to the first word is left out, using the tokenizer's clitic segments when
``doc.tokens`` is filled and, without tokens, only before the article (``وبالعراق`` ->
``العراق``, ``للقوات`` -> ``لقوات``). Labels are mapped to PER / ORG / LOC / FAC with
:data:`LABEL_MAP`; other types (MISC, NORP, dates, ...) are dropped.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import regex

from ..doc import Doc, Entity
from ..errors import ConfigError, ModelNotFoundError

__all__ = ["load_backend", "BACKENDS", "LABEL_MAP", "words", "bio_spans", "map_label"]

BACKENDS = ("stanza", "camel")

#: Backend label (without B-/I-/E-/S- prefix, upper-cased) -> arabic_events label.
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "FAC": "FAC",
    "FACILITY": "FAC",
}

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u0640\u200c\u200d]+|[^\s\p{L}\p{M}\p{N}\p{Cf}\p{Cc}]")
_SENT_END = frozenset(".!?؟\n")
_MAX_WORDS = 200  # sentences longer than this are cut into pieces for the models
_LEADING_CLITICS = ("conj", "prep")
_CLITIC_RE = regex.compile(r"(?:[وف]?[بكل](?=ال)|[وف](?=ال)|[وف]?ل(?=ل))")

_STANZA_HINT = (
    "Download the Stanza Arabic models on a machine with network access, e.g.\n"
    "    import stanza; stanza.download('ar', processors='tokenize,ner', model_dir='{dir}')\n"
    "and copy that directory here; it must hold resources.json and ar/ner/<package>.pt "
    "(with the ar/pretrain and ar/*_charlm files the NER model depends on)."
)
_CAMEL_HINT = (
    "Install the CAMeL Tools NER model on a machine with network access with\n"
    "    camel_data -i ner-arabert\n"
    "and pass its directory (by default ~/.camel_tools/data/ner/arabert, or under "
    "$CAMELTOOLS_DATA/data/ner/arabert): a BERT token-classification model with "
    "config.json, the weights (pytorch_model.bin or model.safetensors) and vocab.txt."
)


# ------------------------------------------------------------------ helpers
@dataclass(frozen=True)
class Word:
    """A word cut from ``doc.text`` with its offsets.

    ``form`` is what the model sees: the word without harakat, tatweel and joiners,
    the way news text (and the models' training data) is written.
    """

    text: str
    start: int
    end: int

    @property
    def form(self) -> str:
        return _STRIP.sub("", self.text)


_STRIP = regex.compile(r"[\u064b-\u065f\u0670\u06e1\u0640\u200c\u200d]")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _sentences(doc: Doc) -> Iterator[list[Word]]:
    """Sentences as word lists: ``doc.sentences`` when present, else cut at . ! ? ؟ and newlines."""
    if doc.sentences:
        spans = [(s.start, s.end) for s in doc.sentences]
    else:
        spans, start = [], 0
        for i, ch in enumerate(doc.text):
            if ch in _SENT_END:
                spans.append((start, i + 1))
                start = i + 1
        spans.append((start, len(doc.text)))
    for s, e in spans:
        ws = [w for w in words(doc.text, s, e) if w.form]  # a stray mark alone is no word
        for k in range(0, len(ws), _MAX_WORDS):
            chunk = ws[k:k + _MAX_WORDS]
            if chunk:
                yield chunk


def map_label(tag: str) -> tuple[str, str | None]:
    """Split a BIO/BIOES tag into (prefix, mapped label); label is None when unmapped or O."""
    if not tag or tag == "O":
        return "O", None
    prefix, sep, typ = tag.partition("-")
    if not sep:
        prefix, typ = "B", tag  # a bare type
    prefix = prefix.upper()
    if prefix not in ("B", "I", "E", "S"):
        return "O", None
    return prefix, LABEL_MAP.get(typ.upper())


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Word-index spans ``(first, last_exclusive, label)`` from BIO or BIOES tags.

    An I-/E- tag that does not continue an open span of the same type opens one (the
    CoNLL convention); unmapped types (MISC, ...) produce nothing.
    """
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None  # [start, end, label]
    for i, tag in enumerate(tags):
        prefix, label = map_label(tag)
        raw_type = tag.partition("-")[2] if "-" in tag else tag
        if prefix == "O" or label is None:
            if cur:
                spans.append(tuple(cur))
            cur = None
            continue
        continues = cur is not None and cur[3] == raw_type.upper() and prefix in ("I", "E")
        if continues:
            cur[1] = i + 1
        else:
            if cur:
                spans.append(tuple(cur))
            cur = [i, i + 1, label, raw_type.upper()]
        if prefix in ("E", "S"):
            spans.append(tuple(cur))
            cur = None
    if cur:
        spans.append(tuple(cur))
    return [(s, e, lab) for s, e, lab, *_ in spans]


def _trim_start(doc: Doc, start: int, end: int) -> int:
    """Move ``start`` past a leading conjunction/preposition clitic (annotation conventions)."""
    if doc.tokens:
        tok = doc.token_at(start)
        if tok is not None and tok.start == start and tok.segments:
            for seg in tok.segments:
                if seg.kind not in _LEADING_CLITICS:
                    return seg.start if seg.start < end else start
                if seg.end >= end:
                    return start
            return start
    # no tokenizer output: only clitics in front of the article are certain
    from ..normalize import normalize

    word_end = start
    while word_end < end and not doc.text[word_end].isspace():
        word_end += 1
    w = normalize(doc.text[start:word_end])
    # (و|ف)? + (ب|ك|ل) before ال, (و|ف) before ال, and the ل of لل (للقوات -> لقوات)
    m = _CLITIC_RE.match(w)
    if not m:
        return start
    cut = m.end()
    if w.startswith("ال", cut) and len(w) - cut - 2 < 3:
        return start  # والتر، بالي: too short to be article + name
    if cut >= len(w) - 1:
        return start
    # map the cut in the normalized word back to the original characters
    from ..normalize import NormalizedText

    nt = NormalizedText(doc.text[start:word_end])
    return start + nt.original_offset(cut)


def _entities(doc: Doc, sent: Sequence[Word], tags: Sequence[str], source: str) -> list[Entity]:
    out = []
    for i, j, label in bio_spans(tags):
        start, end = sent[i].start, sent[j - 1].end
        start = _trim_start(doc, start, end)
        if start >= end:
            continue
        out.append(Entity(doc.text[start:end], start, end, label, source=source))
    return out


def _check_dir(model_dir: Any, backend: str, hint: str) -> Path:
    if model_dir is None or model_dir == "":
        raise ModelNotFoundError(
            f"the {backend!r} NER backend needs model_dir=<directory of a {backend} NER model>; "
            + hint.format(dir="<model_dir>")
        )
    path = Path(os.fspath(model_dir)).expanduser()
    if not path.is_dir():
        raise ModelNotFoundError(f"{backend} NER model directory {str(path)!r} does not exist. " + hint.format(dir=path))
    if not any(path.iterdir()):
        raise ModelNotFoundError(f"{backend} NER model directory {str(path)!r} is empty. " + hint.format(dir=path))
    return path


# ------------------------------------------------------------------- stanza
def _stanza_files(path: Path) -> dict[str, str]:
    """Model and dependency paths of the Stanza NER model in a resources directory."""
    hint = _STANZA_HINT.format(dir=path)
    if not (path / "resources.json").is_file():
        raise ModelNotFoundError(f"{str(path)!r} has no resources.json, so it is not a Stanza model directory. " + hint)
    ner_dir = path / "ar" / "ner"
    models = sorted(ner_dir.glob("*.pt")) if ner_dir.is_dir() else []
    if not models:
        raise ModelNotFoundError(f"no Stanza Arabic NER model (ar/ner/*.pt) in {str(path)!r}. " + hint)
    try:
        resources = json.loads((path / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"{str(path / 'resources.json')!r} is not readable JSON ({exc}). " + hint) from exc
    ar = resources.get("ar", {}) if isinstance(resources, dict) else {}
    package = (ar.get("default_processors") or {}).get("ner")
    if isinstance(package, (list, tuple)):
        package = package[0] if package else None
    model = ner_dir / f"{package}.pt" if package else None
    if model is None or not model.is_file():
        model = models[0]
        package = model.stem
    files = {"package": package, "model": str(model), "pretrain": "", "forward_charlm": "", "backward_charlm": ""}
    deps = ((ar.get("ner") or {}).get(package) or {}).get("dependencies") or []
    for dep in deps:
        kind, pkg = dep.get("model"), dep.get("package")
        if kind in ("pretrain", "forward_charlm", "backward_charlm") and pkg:
            f = path / "ar" / kind / f"{pkg}.pt"
            if not f.is_file():
                raise ModelNotFoundError(
                    f"the Stanza NER model {package!r} needs {str(f)!r}, which is missing. " + hint
                )
            files[kind] = str(f)
    if not deps:
        # no dependency list: take the single file of each kind when there is one
        for kind in ("pretrain", "forward_charlm", "backward_charlm"):
            found = sorted((path / "ar" / kind).glob("*.pt")) if (path / "ar" / kind).is_dir() else []
            if len(found) == 1:
                files[kind] = str(found[0])
    return files


def _check_stanza_needs(files: dict[str, str], path: Path) -> None:
    """Fail clearly when the NER checkpoint needs word vectors or charlms that are absent.

    Stanza would otherwise load the model with random vectors and tag nonsense.
    """
    import torch

    try:
        ckpt = torch.load(files["model"], map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable checkpoint
        raise ModelNotFoundError(
            f"{files['model']!r} is not a readable Stanza NER model ({exc}). " + _STANZA_HINT.format(dir=path)
        ) from exc
    config = ckpt.get("config", {}) if isinstance(ckpt, dict) else {}
    needs = []
    if config.get("pretrain", True) and config.get("word_emb_dim", 0) and not files["pretrain"]:
        needs.append("the word vectors (ar/pretrain/<package>.pt)")
    if config.get("charlm") and not (files["forward_charlm"] and files["backward_charlm"]):
        needs.append("the character language models (ar/forward_charlm/*.pt and ar/backward_charlm/*.pt)")
    if needs:
        raise ModelNotFoundError(
            f"the Stanza NER model {files['model']!r} needs {' and '.join(needs)}, which are not in {str(path)!r}. "
            + _STANZA_HINT.format(dir=path)
        )


def _load_stanza(model_dir: Any, *, use_gpu: bool = False, batch_size: int = 32) -> Callable[[Doc], list[Entity]]:
    path = _check_dir(model_dir, "stanza", _STANZA_HINT)
    files = _stanza_files(path)
    try:
        import stanza
    except ImportError as exc:  # pragma: no cover - stanza is a dependency
        raise ConfigError("the 'stanza' NER backend needs the stanza package: pip install stanza") from exc
    _check_stanza_needs(files, path)
    try:
        pipe = stanza.Pipeline(
            lang="ar",
            dir=str(path),
            processors={"tokenize": "default", "ner": files["package"]},
            tokenize_pretokenized=True,
            ner_model_path=files["model"],
            ner_pretrain_path=files["pretrain"],
            ner_forward_charlm_path=files["forward_charlm"],
            ner_backward_charlm_path=files["backward_charlm"],
            ner_batch_size=batch_size,
            download_method=None,
            use_gpu=use_gpu,
            logging_level="ERROR",
        )
    except FileNotFoundError as exc:
        raise ModelNotFoundError(
            f"Stanza could not load the NER model from {str(path)!r}: {exc}. " + _STANZA_HINT.format(dir=path)
        ) from exc
    source = f"stanza:{files['package']}"

    def run(doc: Doc) -> list[Entity]:
        sents = list(_sentences(doc))
        if not sents:
            return []
        result = pipe([[w.form for w in s] for s in sents])
        out: list[Entity] = []
        for sent, ssent in zip(sents, result.sentences):
            tags = [t.ner or "O" for t in ssent.tokens]
            if len(tags) != len(sent):  # pragma: no cover - pretokenized input keeps tokens
                raise RuntimeError("stanza returned a different number of tokens than it was given")
            out.extend(_entities(doc, sent, tags, source))
        return out

    run.backend = "stanza"  # type: ignore[attr-defined]
    run.model_dir = str(path)  # type: ignore[attr-defined]
    return run


# -------------------------------------------------------------------- camel
def _camel_catalogue_present() -> bool:
    """True when importing camel_tools.ner will not try to download its catalogue."""
    if "camel_tools.data" in sys.modules:
        return True
    base = os.environ.get("CAMELTOOLS_DATA")
    root = Path(base).expanduser() if base else Path.home() / ".camel_tools"
    return (root / "catalogue.json").is_file()


class _BertTagger:
    """The inference of ``camel_tools.ner.NERecognizer`` on the same model files.

    Used when ``camel_tools.ner`` cannot be imported offline (importing it downloads
    the CAMeL Tools catalogue when ``catalogue.json`` is absent). Like NERecognizer,
    each word is labelled by its first word piece and inputs longer than 256 pieces
    are cut into segments.
    """

    max_len = 256

    def __init__(self, model_path: str, use_gpu: bool = False) -> None:
        import torch
        from transformers import BertForTokenClassification, BertTokenizer

        self._torch = torch
        self.model = BertForTokenClassification.from_pretrained(model_path)
        self.tokenizer = BertTokenizer.from_pretrained(model_path)
        self.labels_map = self.model.config.id2label
        self.max_len = min(self.max_len, getattr(self.model.config, "max_position_embeddings", self.max_len))
        self.device = "cuda" if use_gpu and torch.cuda.is_available() else "cpu"
        self.model.to(self.device)
        self.model.eval()

    def _segments(self, sentence: Sequence[str]) -> Iterator[tuple[list[int], list[int]]]:
        pieces: list[int] = []
        firsts: list[int] = []
        for word in sentence:
            ids = self.tokenizer.convert_tokens_to_ids(self.tokenizer.tokenize(word))
            if pieces and len(pieces) + len(ids) > self.max_len - 2:
                yield pieces, firsts
                pieces, firsts = [], []
            firsts.append(len(pieces))
            pieces.extend(ids[: self.max_len - 2])
        if pieces:
            yield pieces, firsts

    def predict(self, sentences: Sequence[Sequence[str]], batch_size: int = 32) -> list[list[str]]:
        torch = self._torch
        out: list[list[str]] = []
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        for sentence in sentences:
            labels: list[str] = []
            for pieces, firsts in self._segments(sentence):
                ids = torch.tensor([[cls] + pieces + [sep]], device=self.device)
                with torch.no_grad():
                    logits = self.model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[0]
                best = logits.argmax(-1).tolist()
                labels.extend(self.labels_map[best[f + 1]] for f in firsts)
            out.append(labels)
        return out


def _load_camel(model_dir: Any, *, use_gpu: bool = False, batch_size: int = 32) -> Callable[[Doc], list[Entity]]:
    path = _check_dir(model_dir, "camel", _CAMEL_HINT)
    hint = _CAMEL_HINT
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"{str(path)!r} has no config.json, so it is not a CAMeL Tools NER model. " + hint)
    if not (path / "vocab.txt").is_file():
        raise ModelNotFoundError(f"{str(path)!r} has no vocab.txt (the BERT tokenizer of the model). " + hint)
    if not any((path / f).is_file() for f in ("pytorch_model.bin", "model.safetensors")):
        raise ModelNotFoundError(
            f"{str(path)!r} has no model weights (pytorch_model.bin or model.safetensors). " + hint
        )
    try:
        if _camel_catalogue_present():
            from camel_tools.ner import NERecognizer

            tagger: Any = NERecognizer(str(path), use_gpu=use_gpu)
            impl = "NERecognizer"
        else:
            tagger = _BertTagger(str(path), use_gpu=use_gpu)
            impl = "bert"
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"could not load the CAMeL Tools NER model in {str(path)!r}: {exc}. " + hint) from exc
    labels = [str(v) for v in dict(tagger.model.config.id2label).values()]
    if not any(map_label(lab)[1] for lab in labels):
        raise ModelNotFoundError(
            f"the model in {str(path)!r} has labels {labels[:12]}, none of which is a PER/ORG/LOC/FAC tag "
            "(B-PERS, I-LOC, ...); it is not an NER model. " + hint
        )
    tokenizer = tagger.tokenizer
    source = "camel"

    def run(doc: Doc) -> list[Entity]:
        # a word the BERT tokenizer reduces to nothing (a stray mark) gets no label
        sents = [[w for w in s if tokenizer.tokenize(w.form)] for s in _sentences(doc)]
        sents = [s for s in sents if s]
        if not sents:
            return []
        preds = tagger.predict([[w.form for w in s] for s in sents], batch_size=batch_size)
        out: list[Entity] = []
        for sent, tags in zip(sents, preds):
            if len(tags) != len(sent):  # pragma: no cover - guarded by the filter above
                raise RuntimeError("the CAMeL NER model returned a different number of labels than words")
            out.extend(_entities(doc, sent, tags, source))
        return out

    run.backend = "camel"  # type: ignore[attr-defined]
    run.model_dir = str(path)  # type: ignore[attr-defined]
    run.implementation = impl  # type: ignore[attr-defined]
    return run


# --------------------------------------------------------------------- entry
def load_backend(name: str, model_dir: str | os.PathLike | None, **options: Any) -> Callable[[Doc], list[Entity]]:
    """Load the NER backend ``name`` ("stanza" or "camel") from ``model_dir``.

    Returns a callable ``doc -> list[Entity]`` (PER/ORG/LOC/FAC spans with offsets into
    ``doc.text``, ``source`` naming the backend). Options: ``use_gpu`` (default False),
    ``batch_size``. Raises :class:`ModelNotFoundError` for a missing or incomplete
    model directory and :class:`ConfigError` for an unknown backend or option.
    """
    unknown = set(options) - {"use_gpu", "batch_size"}
    if unknown:
        raise ConfigError(f"unknown NER backend option(s) {sorted(unknown)}; accepted: batch_size, use_gpu")
    if name == "stanza":
        return _load_stanza(model_dir, **options)
    if name == "camel":
        return _load_camel(model_dir, **options)
    raise ConfigError(f"unknown NER backend {name!r}; choose one of {', '.join(BACKENDS)} (or the built-in 'crf')")


# ------------------------------------------------------- model file checks
def file_record(path: str | os.PathLike) -> dict[str, Any]:
    """``{"size", "sha256"}`` of a model file (what a model's meta records for :func:`verify_files`)."""
    import hashlib

    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return {"size": size, "sha256": h.hexdigest()}


def verify_files(model_dir: str | os.PathLike, records: Any, *, checksum: bool = True) -> None:
    """Check the files of a model directory against the ``files`` record of its meta
    (``{name: {"size", "sha256"}}``) before any native code reads them.

    Raises :class:`~arabic_events.errors.ModelError` naming the file when a file is missing,
    has another size (truncated) or another checksum; does nothing without records.
    """
    from ..errors import ModelError

    if records is None:
        return
    if not isinstance(records, dict):
        raise ModelError(f"the 'files' record of the model in {str(model_dir)!r} must be an object")
    base = Path(os.fspath(model_dir))
    for name, rec in records.items():
        p = base / str(name)
        if not isinstance(rec, dict) or not isinstance(rec.get("size"), int):
            raise ModelError(f"the 'files' record for {str(p)!r} must be an object with 'size' and 'sha256'")
        if not p.is_file():
            raise ModelNotFoundError(f"model file {str(p)!r} is missing")
        size = p.stat().st_size
        if size != rec["size"]:
            raise ModelError(
                f"model file {str(p)!r} has {size:,} bytes, its meta records {rec['size']:,} "
                "(truncated or replaced?); restore the file or rebuild the model"
            )
        if checksum and rec.get("sha256") and file_record(p)["sha256"] != rec["sha256"]:
            raise ModelError(f"model file {str(p)!r} does not match the sha256 in its meta (corrupt or replaced)")


def record_files(model_dir: str | os.PathLike, meta_name: str, names: Sequence[str]) -> dict[str, Any]:
    """Write the ``files`` record (size, sha256) of ``names`` into the model's meta JSON
    ``meta_name`` (run by the training scripts when they ship a model)."""
    base = Path(os.fspath(model_dir))
    meta_path = base / meta_name
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["files"] = {n: file_record(base / n) for n in names}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta["files"]
