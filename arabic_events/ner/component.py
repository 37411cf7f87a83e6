"""The ``ner`` and ``gazetteer`` pipeline components.

``ner`` tags ``doc.tokens`` with the shipped BiLSTM-CRF model (or the shipped CRF, or a
stanza/camel backend), moves
each span start past attached proclitics (``بالعراق`` -> ``العراق``), adds FAC mentions
from facility head nouns (``قاعدة``، ``مطار``، ``معسكر`` ... + a name) and applies the
gazetteer rule layer. ``gazetteer`` is the rule layer alone. Both expose
``add_entities(entries_or_path) -> int`` for user entries (``{"text", "label"}``).

Every :class:`~arabic_events.doc.Entity` records ``source``: ``nn:nn1``, ``crf:v2``,
``rule:facility``, ``gazetteer:places``/``orgs``/``facilities``/``user`` or the backend.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..doc import Doc, Entity, Token
from ..errors import ConfigError, InputError
from ..pipeline import component
from .features import _CONJ, fold, simple_tokenize, split_proclitics

__all__ = ["make_ner", "make_gazetteer", "NERComponent", "GazetteerLayer", "Gazetteer"]

_LABELS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "FAC": "FAC"}
_SENT_END = {".", "!", "?", "؟", "…", "؛"}
_OPEN = {'"': '"', "«": "»", "“": "”", "(": ")", "[": "]", "”": "“", "„": "“"}
_QUOTES = {'"', "«", "»", "“", "”", "„"}
_COMMAS = frozenset({"\u060c", ","})  # Arabic and Latin comma
_ARABIC = re.compile("[\u0621-\u064a]")
_WORDISH = re.compile(r"\w")
_AFFIX_SKIP = {"\u0640"} | {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}


# ---------------------------------------------------------------- words
@dataclass(slots=True)
class _Word:
    text: str
    start: int
    end: int
    rest_start: int  # offset where the word proper starts (after و/ف/ب/ل/ك)
    full: str  # folded surface
    rest: str  # folded, proclitics stripped (article kept)
    kind: str = "word"


def _skip_prefix(text: str, n_letters: int) -> int:
    """Offset in ``text`` after ``n_letters`` letters (and any tatweel/harakat after them)."""
    i = 0
    seen = 0
    while i < len(text) and seen < n_letters:
        if text[i] not in _AFFIX_SKIP:
            seen += 1
        i += 1
    while i < len(text) and text[i] in _AFFIX_SKIP:
        i += 1
    return i


_PROCLITIC_KINDS = frozenset({"conj", "prep", "fut"})
# (token text, offset after its proclitic segments) -> (offset of the word proper, folded
# text, folded word proper, whether a det segment could matter): bounded
_WORD_FORMS: dict[tuple[str, int], tuple[int, str, str, bool]] = {}


def _word_forms(text: str, rel: int) -> tuple[int, str, str, bool]:
    key = (text, rel)
    hit = _WORD_FORMS.get(key)
    if hit is None:
        n = len(text)
        while rel < n and text[rel] in _AFFIX_SKIP:
            rel += 1
        if rel >= n:
            rel = 0
        full = fold(text)
        rest = fold(text[rel:]) if rel else full
        hit = (rel, full, rest, rest.startswith("ل") and not rest.startswith("ال"))
        if len(_WORD_FORMS) >= 30_000:  # bounded: start afresh rather than grow with the corpus
            _WORD_FORMS.clear()
        _WORD_FORMS[key] = hit
    return hit


def _word_from_token(tok: Token, freq: Mapping[str, int] | None) -> _Word:
    segs = tok.segments
    if segs:
        start = tok.start
        rel = 0
        for seg in segs:
            if seg.kind in _PROCLITIC_KINDS:
                rel = seg.end - start
            else:
                break
        rel, full, rest, lam = _word_forms(tok.text, rel)
        # "لل" + noun: the tokenizer gives prep "ل" + det; the span keeps the second ل
        if lam and any(s.kind == "det" for s in segs):
            rest = "ا" + rest
        return _Word(tok.text, start, tok.end, start + rel, full, rest or full, tok.kind)
    full = fold(tok.text)
    pre, rest = split_proclitics(full, freq)
    off = _skip_prefix(tok.text, len(pre)) if pre else 0
    if off >= len(tok.text):
        off = 0
    return _Word(tok.text, tok.start, tok.end, tok.start + off, full, rest, tok.kind)


def _doc_words(doc: Doc, freq: Mapping[str, int] | None) -> list[list[_Word]]:
    """Words of the document grouped into sentences (tokens, or a fallback tokenization)."""
    if doc.tokens:
        toks = list(doc.tokens)
    elif not _WORDISH.search(doc.text):
        return []
    else:
        # (bidi marks and other format/control characters are not words: 1M of them gave
        # 1M one-character "tokens" here)
        toks = [Token(t, s, e, "punct" if not t[0].isalnum() else "word") for t, s, e in simple_tokenize(doc.text)
                if not (len(t) == 1 and unicodedata.category(t)[0] == "C")]
    text = doc.text
    bounds = sorted(s.start for s in doc.sentences)
    bounds.append(len(text) + 1)  # sentinel
    sents: list[list[_Word]] = []
    cur: list[_Word] = []
    bi = 0
    nb = bounds[0]
    prev_end = 0
    nl = text.find("\n")  # the first newline at or after prev_end (-1: none)
    word = _word_from_token
    forms_get = _WORD_FORMS.get
    proclitic = _PROCLITIC_KINDS
    new_word = _Word
    for tok in toks:
        ts = tok.start
        if nb <= ts:
            new_sent = False
            while nb <= ts:
                if nb > prev_end or (cur and nb >= prev_end):
                    new_sent = True
                bi += 1
                nb = bounds[bi]
            if new_sent and cur:
                sents.append(cur)
                cur = []
        if cur and ((0 <= nl < ts) or len(cur) >= 250):
            sents.append(cur)
            cur = []
        segs = tok.segments
        # _word_from_token, inlined for the common case (a cached word whose first segment
        # is no proclitic)
        if segs and segs[0].kind not in proclitic and (hit := forms_get((tok.text, 0))) is not None \
                and not (hit[3] and any(x.kind == "det" for x in segs)):
            cur.append(new_word(tok.text, ts, tok.end, ts + hit[0], hit[1], hit[2] or hit[1], tok.kind))
        else:
            cur.append(word(tok, freq))
        prev_end = tok.end
        if 0 <= nl < prev_end:
            nl = text.find("\n", prev_end)
        if tok.text in _SENT_END:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return _arabic_only(doc, sents)


# ------------------------------------------------------------ gazetteer
def _entry_key(text: str) -> tuple[str, ...]:
    words = [w for w, _, _ in simple_tokenize(text)]
    if not any(ch.isalnum() for w in words for ch in w):
        return ()
    return tuple(fold(w) for w in words)


class Gazetteer:
    """Phrase table: folded word tuples -> (label, source). The first word is matched on its
    clitic-stripped form, the others on their whole folded form."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], tuple[str, str, bool]] = {}
        self.gentilics: frozenset[str] = frozenset()
        self.max_len = 0
        self.first_len: dict[str, int] = {}  # first word -> longest entry starting with it
        self._firsts: dict[tuple[str, str], tuple] = {}  # (full, rest) -> its forms that begin an entry

    def add(self, text: str, label: str, source: str, override: bool = True, extend: bool = False) -> bool:
        key = _entry_key(text)
        if not key:
            return False
        if not override and key in self.table:
            return False
        self.table[key] = (label, source, extend)
        self.max_len = max(self.max_len, len(key))
        self.first_len[key[0]] = max(self.first_len.get(key[0], 0), len(key))
        self._firsts = {}
        return True

    def __len__(self) -> int:
        return len(self.table)

    def _first_hits(self, w: _Word) -> tuple:
        """The forms of ``w`` that begin some entry, as ``(form, where, longest)``
        (:func:`_first_form_kinds`), cached per (full, rest) form."""
        key = (w.full, w.rest)
        hit = self._firsts.get(key)
        if hit is None:
            first_len = self.first_len
            hit = tuple((f, where, first_len[f]) for f, where in _first_form_kinds(w.full, w.rest) if f in first_len)
            if len(self._firsts) >= 30_000:  # bounded: start afresh rather than grow with the corpus
                self._firsts = {}
            self._firsts[key] = hit
        return hit

    def match(self, sent: Sequence[_Word]) -> list[tuple[int, int, str, str, int]]:
        """Longest non-overlapping matches ``(i, j, label, source, start_offset)`` over word indices."""
        out: list[tuple[int, int, str, str, int]] = []
        if not self.table:
            return out
        i = 0
        n = len(sent)
        table = self.table
        firsts_get = self._firsts.get
        while i < n:
            hit = None
            # only forms that begin some entry, tried up to the longest entry they begin
            w = sent[i]
            hits = firsts_get((w.full, w.rest))
            if hits is None:
                hits = self._first_hits(w)
                firsts_get = self._firsts.get  # (the cache may have started afresh)
            if not hits:
                i += 1
                continue
            firsts = [(f, _form_start(w, where), m) for f, where, m in hits]
            longest = max(m for _, _, m in firsts)
            for k in range(min(longest, n - i), 0, -1):
                tail = tuple(w.full for w in sent[i + 1 : i + k])
                for f, off, m in firsts:
                    if m < k:
                        continue
                    v = table.get((f,) + tail)
                    if v is not None:
                        j = i + k
                        if v[2] and j < n and sent[j].full in self.gentilics:
                            j += 1  # descriptive name + gentilic ("دائرة مكافحة الإرهاب العراقية")
                        hit = (i, j, v[0], v[1], off)
                        break
                if hit:
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def _first_form_kinds(full: str, rest: str) -> list[tuple[str, Any]]:
    """Candidate forms of a phrase-initial word and where the entity would start: ``"rest"``
    (the word's ``rest_start``) or the number of letters skipped from its start."""
    forms: list[tuple[str, Any]] = [(rest, "rest"), (full, 0)]
    if len(full) > 3 and full[0] in "وف":
        forms.append((full[1:], 1))
        if len(full) > 4 and full[1] in "بلك":
            forms.append((full[2:], 2))
    elif len(full) > 3 and full[0] in "بلك":
        forms.append((full[1:], 1))
    if full.startswith("لل") and len(full) > 4:
        forms.append(("ا" + full[1:], 1))
    elif full[:3] in ("ولل", "فلل") and len(full) > 5:
        forms.append(("ا" + full[2:], 2))
    return forms


def _form_start(w: _Word, where: Any) -> int:
    if where == "rest":
        return w.rest_start
    return w.start + _skip_prefix(w.text, where) if where else w.start


def _first_forms(w: _Word) -> list[tuple[str, int]]:
    """Candidate forms of a phrase-initial word with the offset where the entity would start."""
    return [(f, _form_start(w, where)) for f, where in _first_form_kinds(w.full, w.rest)]


_DESCRIPTIVE = {"military", "security", "ministry", "government"}


def _builtin_gazetteer() -> Gazetteer:
    from .._data import load_tsv

    g = Gazetteer()
    for row in load_tsv("gazetteers/places.tsv"):
        if len(row) >= 4 and row[3] == "rule":
            g.add(row[0], "LOC", "gazetteer:places")
    for row in load_tsv("gazetteers/orgs.tsv"):
        g.add(row[0], "ORG", "gazetteer:orgs", extend=row[1] in _DESCRIPTIVE)
    for row in load_tsv("gazetteers/facilities.tsv"):
        g.add(row[0], "FAC", "gazetteer:facilities")
    g.gentilics = _gentilic_data()[0]
    return g


def _read_entries(entries_or_path: Any) -> list[Mapping[str, Any]]:
    if isinstance(entries_or_path, (str, Path)):
        p = Path(entries_or_path)
        if not p.is_file():
            raise InputError(f"entity file {str(p)!r} does not exist")
        raw = p.read_text(encoding="utf-8")
        if p.suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw)
        elif p.suffix == ".jsonl":
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        elif p.suffix in (".tsv", ".txt"):
            data = []
            for line in raw.splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) < 2:
                    raise InputError(f"{p}: line {line!r} needs text<TAB>label")
                data.append({"text": parts[0], "label": parts[1]})
        else:
            data = json.loads(raw)
        if isinstance(data, Mapping):
            data = data.get("entities", [data])
        return list(data or [])
    if isinstance(entries_or_path, Mapping):
        return [entries_or_path]
    if isinstance(entries_or_path, Iterable):
        return list(entries_or_path)
    raise InputError(f"add_entities takes a list of {{'text', 'label'}} dicts or a file path, not {type(entries_or_path).__name__}")


class GazetteerLayer:
    """Built-in gazetteers plus user entries, matched over the document's words."""

    def __init__(self, builtin: bool = True) -> None:
        self.builtin = _builtin_gazetteer() if builtin else Gazetteer()
        self.user = Gazetteer()

    def add_entities(self, entries_or_path: Any) -> int:
        """Add user entries (``{"text": ..., "label": ...}`` or a JSON/JSONL/YAML/TSV file)."""
        entries = _read_entries(entries_or_path)
        problems = []
        ok = []
        for i, e in enumerate(entries):
            if not isinstance(e, Mapping):
                problems.append(f"entry {i}: {e!r} is not a mapping with 'text' and 'label'")
                continue
            text, label = e.get("text"), e.get("label")
            if not isinstance(text, str) or not text.strip() or not _entry_key(text):
                problems.append(f"entry {i}: 'text' must be a non-empty string with a word in it, got {text!r}")
            if not isinstance(label, str) or not label.strip() or not label.replace("_", "").isalnum():
                problems.append(f"entry {i}: 'label' must be a name such as PER, ORG, LOC or FAC, got {label!r}")
            else:
                ok.append((text, label.strip().upper()))
        if problems:
            raise ConfigError("add_entities: invalid entries", problems)
        return sum(self.user.add(t, lab, "gazetteer:user") for t, lab in ok)

    def matches(self, sent: Sequence[_Word]) -> tuple[list, list]:
        return self.user.match(sent), self.builtin.match(sent)


# ------------------------------------------------------------- helpers
def _span_entity(
    doc: Doc, sent: Sequence[_Word], i: int, j: int, label: str, source: str, score: float | None = None,
    strip_end: bool = True, start: int | None = None,
) -> Entity | None:
    if start is None:
        start = sent[i].rest_start
    end = sent[j - 1].end
    # strip quotes/brackets that enclose or trail the span
    text = doc.text
    while start < end and _edge_junk(text[start]):
        start += 1
    while strip_end and end > start and _edge_junk(text[end - 1]):
        end -= 1
    if end <= start:
        return None
    return Entity(text[start:end], start, end, label, source, None if score is None else round(score, 4))


def _edge_junk(ch: str) -> bool:
    """Punctuation, spaces, symbols, controls and tatweel: never at the edge of a span."""
    return ch == "\u0640" or unicodedata.category(ch)[0] in "PZSC"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_HEADS: dict[str, str] | None = None


def _facility_data():
    global _HEADS
    from .._data import load_lines, load_tsv

    if _HEADS is None:
        _HEADS = {fold(r[0]): r[1] for r in load_tsv("gazetteers/facility_heads.tsv")}
    trailing = {fold(x) for x in load_lines("gazetteers/facility_trailing.txt")}
    geo = {fold(x) for x in load_lines("gazetteers/geo_heads.txt")}
    org_heads = {fold(r[0]): r[1] for r in load_tsv("gazetteers/org_heads.tsv")}
    return _HEADS, trailing, geo, org_heads


def _spokesperson_data() -> dict[str, Any]:
    from .._data import load_yaml

    d = load_yaml("gazetteers/spokesperson.yaml")
    return {
        "heads": frozenset(fold(x) for x in d["heads"]),
        "mods": frozenset(fold(x) for x in d["modifiers"]),
        "link": frozenset(fold(x) for x in d["link"]),
        "stops": frozenset(fold(x) for x in d["name_stops"]),
        "not": frozenset(fold(x) for x in d.get("name_not", [])),
        "max": int(d["max_words"]),
    }


def _person_titles() -> frozenset[str]:
    from .._data import load_lines

    return frozenset(fold(x) for x in load_lines("gazetteers/person_titles.txt"))


def _gentilic_data() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    from .._data import load_lines

    gent = set()
    for g in load_lines("gazetteers/gentilics.txt"):
        f = fold(g)
        gent.update({"ال" + f, "ال" + f + "ه", f, f + "ه"})
    lines = load_lines("gazetteers/gentilic_heads.txt")
    cut = lines.index("--")
    heads = frozenset(fold(x) for x in lines[:cut])
    mods = frozenset(fold(x) for x in lines[cut + 1 :])
    never = frozenset(fold(x) for x in load_lines("gazetteers/not_entities.txt"))
    return frozenset(gent), heads, mods, never


def _generic_org_heads() -> frozenset[str]:
    from .._data import load_lines

    return frozenset(fold(x) for x in load_lines("gazetteers/org_generic_heads.txt"))


class NERComponent:
    """The ``ner`` component (callable ``doc -> doc``)."""

    def __init__(
        self,
        predictor: Any = None,
        tagger: Any = None,
        gazetteer: bool = True,
        facilities: bool = True,
        keep_misc: bool = False,
        source: str = "crf:v2",
        rules: bool = True,
    ) -> None:
        self.rules = rules
        self.tagger = tagger
        self.predictor = predictor
        self.source = source
        self.keep_misc = keep_misc
        self.facilities = facilities
        self.layer = GazetteerLayer(builtin=gazetteer)
        self.heads, self.trailing, self.geo_heads, self.org_heads = _facility_data()
        self.gentilics, self.gentilic_heads, self.gentilic_mods, self.never = _gentilic_data()
        self.generic_heads = _generic_org_heads()
        self.person_titles = _person_titles()
        self.spokesperson = _spokesperson_data()
        self.freq = tagger.features.freq if tagger is not None else None

    def add_entities(self, entries_or_path: Any) -> int:
        """Add user gazetteer entries; they take precedence over the model."""
        return self.layer.add_entities(entries_or_path)

    # -------------------------------------------------------- model spans
    @staticmethod
    def _model_words(sents: list[list[_Word]]) -> list[list[str]]:
        # sentences without an Arabic letter are not tagged (the model knows Arabic news only)
        return [[w.text for w in s] if any(_ARABIC.search(w.text) for w in s) else [] for s in sents]

    def _model_spans(self, doc: Doc, sents: list[list[_Word]], tagged: tuple | None = None) -> list[tuple[int, int, int, str, float | None]]:
        labels, probs = tagged if tagged is not None else self.tagger.tag_sentences(self._model_words(sents), marginals=True)
        out = []
        for si, (labs, pr) in enumerate(zip(labels, probs or [])):
            start = typ = None
            for k, y in enumerate(list(labs) + ["O"]):
                if y == "O" or y.startswith("B-") or (y.startswith("I-") and y[2:] != typ):
                    if typ is not None:
                        score = sum(pr[start:k]) / (k - start) if pr else None
                        out.append((si, start, k, typ, score))
                    start, typ = (k, y[2:]) if y != "O" else (None, None)
        return out

    def _adjust(self, sent: Sequence[_Word], i: int, j: int, label: str) -> tuple[int, int]:
        """Span conventions: drop geographic heads before LOC, generic heads before ORG,
        titles and ranks before PER (``الكولونيل مايلز كاغينز`` -> ``مايلز كاغينز``; the
        span may become empty)."""
        if label == "PER":  # a span of titles alone ("الكولونيل") is no name: emptied
            while i < j and sent[i].rest in self.person_titles:
                i += 1
        elif j - i > 1:
            if label == "LOC" and sent[i].rest in self.geo_heads:
                i += 1
            elif label == "ORG" and sent[i].rest in self.generic_heads:
                i += 1
        return i, j

    def _quoted_end(self, sent: Sequence[_Word], k: int) -> int | None:
        """End index (exclusive) of a quoted/bracketed name opening at word ``k`` (at most 6 words)."""
        opener = sent[k].text
        if opener not in _OPEN:
            return None
        close = _OPEN[opener]
        for m in range(k + 1, min(len(sent), k + 8)):
            t = sent[m].text
            if t == close or (opener in _QUOTES and t in _QUOTES):
                return m + 1 if m > k + 1 else None
        return None

    def _head_spans(self, sent: Sequence[_Word], ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str]]:
        """Head noun + name spans ``(i, j, label, source)``.

        FAC: a facility head (قاعدة، مطار، معسكر ...) + a quoted/bracketed name, or + an entity;
        trailing descriptive adjectives are left out. ORG: an organisation head (قوات، حكومة ...)
        + a place entity, or + a quoted name.
        """
        out = []
        starts = {a: (b, lab) for a, b, lab in ents}
        n = len(sent)
        for i, w in enumerate(sent):
            if i + 1 >= n:
                continue
            if w.rest in self.heads and self.facilities:
                if i in starts and starts[i][0] > i + 1:  # the model covered head + name
                    end = starts[i][0]
                    while end - 1 > i + 1 and sent[end - 1].full in self.trailing:
                        end -= 1
                    out.append((i, end, "FAC", "rule:facility"))
                    continue
                end = self._quoted_end(sent, i + 1)
                if end is None and i + 1 in starts and starts[i + 1][1] in ("LOC", "ORG", "PER", "MISC", "FAC"):
                    end = starts[i + 1][0]
                if end is None:
                    continue
                while end - 1 > i + 1 and sent[end - 1].full in self.trailing:
                    end -= 1
                out.append((i, end, "FAC", "rule:facility"))
                continue
            if w.rest in self.gentilic_heads:
                k = i + 1
                while k < n and k < i + 3 and sent[k].full in self.gentilic_mods:
                    k += 1
                if k < n and sent[k].full in self.gentilics:
                    out.append((i, k + 1, "ORG", "rule:org_gentilic"))
                    continue
            pattern = self.org_heads.get(w.rest)
            if pattern is None:
                continue
            end = None
            if pattern in ("quoted", "both"):
                end = self._quoted_end(sent, i + 1)
            if end is None and pattern in ("place", "both") and i + 1 in starts and starts[i + 1][1] == "LOC":
                end = starts[i + 1][0]
            if end is not None:
                out.append((i, end, "ORG", "rule:org_head"))
        return out

    # --------------------------------------------------------------- run
    def pipe(self, docs: Iterable[Doc]) -> list[Doc]:
        """Run on several documents, the model over all their sentences in shared batches when
        the tagger supports it (``tag_documents``); same output as calling on each document."""
        docs = list(docs)
        tag_documents = getattr(self.tagger, "tag_documents", None)
        if self.predictor is not None or tag_documents is None or len(docs) < 2:
            return [self(d) for d in docs]
        for d in docs:
            if not isinstance(d, Doc):
                raise InputError(f"the ner component takes a Doc, not {type(d).__name__}")
        todo = [d for d in docs if d.text.strip()]
        sents = [_doc_words(d, self.freq) for d in todo]
        tagged = tag_documents([self._model_words(s) for s in sents], marginals=True)
        for d, s, t in zip(todo, sents, tagged):
            self._run(d, s, t)
        return docs

    def __call__(self, doc: Doc) -> Doc:
        if not isinstance(doc, Doc):
            raise InputError(f"the ner component takes a Doc, not {type(doc).__name__}")
        if not doc.text.strip():
            return doc
        return self._run(doc)

    def _run(self, doc: Doc, sents: list[list[_Word]] | None = None, tagged: tuple | None = None) -> Doc:
        if self.predictor is not None:
            new = list(self.predictor(doc))
            sents = _doc_words(doc, None)
            new = self._merge_rules(doc, sents, [(e.start, e.end, e.label, e) for e in new])
        else:
            if sents is None:
                sents = _doc_words(doc, self.freq)
            spans = self._model_spans(doc, sents, tagged)
            cand = []
            for si, i, j, typ, score in spans:
                label = _LABELS.get(typ, typ)
                if label == "MISC" and not self.keep_misc:
                    continue
                i, j = self._adjust(sents[si], i, j, label)
                sent = sents[si]
                while i < j and (sent[i].rest in self.never or sent[i].full in self.never):
                    i += 1  # "شمال بغداد" -> "بغداد"; "فيروس كورونا" -> nothing
                while j > i and (sent[j - 1].rest in self.never or sent[j - 1].full in self.never):
                    j -= 1
                if i == j:
                    continue
                e = _span_entity(doc, sents[si], i, j, label, self.source, score)
                if e is not None:
                    cand.append((e.start, e.end, label, e))
            new = self._merge_rules(doc, sents, cand)
        keep = [e for e in doc.entities if not any(_overlaps((e.start, e.end), (x.start, x.end)) for x in new)]
        doc.entities = sorted(keep + new, key=lambda e: (e.start, -e.end))
        return doc

    def _merge_rules(self, doc: Doc, sents: list[list[_Word]], cand: list) -> list[Entity]:
        """Combine model spans with facility rules and gazetteer matches.

        Precedence: user entries > facility spans (head + name) > gazetteer matches that
        strictly contain model spans > model spans > other gazetteer matches.

        Entities are bucketed by sentence first, so each sentence only looks at its own
        spans (linear in document length).
        """
        if not all(s.lang in (None, "ar") for s in doc.sentences):
            cand = [c for c in cand if doc.is_arabic(c[0])]  # a backend's spans in Persian/Urdu sentences
        buckets, orphans = _bucket_by_sentence(sents, [c[3] for c in cand])
        for si, sent in enumerate(sents):
            if not sent:
                continue
            inside = buckets[si]
            wspans = []
            if inside:  # (word indices of the model's spans: none to map in most sentences)
                idx = {w.rest_start: k for k, w in enumerate(sent)}
                idx.update({w.start: k for k, w in enumerate(sent)})
                ends = {w.end: k + 1 for k, w in enumerate(sent)}
                wspans = [(idx[e.start], ends[e.end], e.label) for e in inside if e.start in idx and e.end in ends]
            user, builtin = self.layer.matches(sent)
            covered = {k for a, b, _ in wspans for k in range(a, b)}
            # gazetteer names where the model found nothing also feed the head rules
            extra = [(i, j, lab) for i, j, lab, _, _ in builtin if not any(k in covered for k in range(i, j))]
            add: list[Entity] = []
            for i, j, label, source, off in user:
                e = _span_entity(doc, sent, i, j, label, source, start=off)
                if e:
                    add.append(e)
            strong = [(i, j) for i, j, _, _, _ in builtin if j - i > 1]
            for i, j, label, source in (self._head_spans(sent, wspans + extra) if self.rules else []):
                if any(a <= i and j <= b and (b - a) > (j - i) for a, b in strong):
                    continue  # a longer gazetteer name covers it ("قوات سورية الديمقراطية")
                e = _span_entity(doc, sent, i, j, label, source, strip_end=sent[j - 1].text not in _OPEN.values() and sent[j - 1].text not in _QUOTES)
                if e and not any(_overlaps((e.start, e.end), (a.start, a.end)) for a in add):
                    add.append(e)
            for i, j, label, source, off in builtin:
                e = _span_entity(doc, sent, i, j, label, source, start=off)
                if not e or any(_overlaps((e.start, e.end), (a.start, a.end)) for a in add):
                    continue
                over = [m for m in inside if _overlaps((e.start, e.end), (m.start, m.end))]
                # multi-word gazetteer names win over model spans; single words only fill gaps
                if not over or j - i > 1 or label == "FAC":
                    add.append(e)
            if add:
                # spans added here lie inside this sentence, so only its bucket (and entities
                # outside every sentence) can overlap them
                buckets[si] = [m for m in inside if not any(_overlaps((m.start, m.end), (a.start, a.end)) for a in add)] + add
                orphans = [m for m in orphans if not any(_overlaps((m.start, m.end), (a.start, a.end)) for a in add)]
        result = [e for b in buckets for e in b] + orphans
        result = [
            e for e in result
            if e.source == "gazetteer:user" or " " in e.text or fold(e.text) not in self.never
            and split_proclitics(fold(e.text))[1] not in self.never
        ]
        if self.rules:
            result = self._spokesperson_names(doc, sents, result)
            result = self._person_aliases(doc, sents, result)
        return _outside_markup(doc.text, result)

    def _spokesperson_names(self, doc: Doc, sents: list[list[_Word]], result: list[Entity]) -> list[Entity]:
        """PER for a name in apposition after "spokesperson for X,": ``المتحدث باسم وزارة
        الدفاع، يحيى رسول، إن`` -> ``يحيى رسول`` (titles before the name skipped)."""
        sp = self.spokesperson
        buckets, orphans = _bucket_by_sentence(sents, result)
        out = list(result)
        for si, sent in enumerate(sents):
            n = len(sent)
            ents = buckets[si]
            for k, w in enumerate(sent):
                if w.rest not in sp["heads"]:
                    continue
                m = k + 1
                while m < n and m <= k + 2 and sent[m].rest in sp["mods"]:
                    m += 1
                if m >= n or sent[m].full not in sp["link"]:
                    continue
                m += 1
                if m >= n:
                    continue
                org = next((e for e in ents if e.start in (sent[m].start, sent[m].rest_start)), None)
                if org is None or org.label == "PER":
                    continue
                while m < n and sent[m].start < org.end:
                    m += 1
                if m >= n or sent[m].text not in _COMMAS:
                    continue
                m += 1
                while m < n and sent[m].rest in self.person_titles:
                    m += 1
                j = m
                if m < n and sent[m].rest != sent[m].full and sent[m].full[:1] in tuple(_CONJ):
                    continue  # a clause, not a name: "، وقال إن ..."
                while j < n and j - m <= sp["max"] and sent[j].kind == "word" and _ARABIC.search(sent[j].text) \
                        and sent[j].full not in sp["stops"] and sent[j].full not in sp["not"]:
                    j += 1
                if j < n and sent[j].full in sp["not"]:
                    continue
                if not (m < j <= m + sp["max"] and j < n and (sent[j].text in _COMMAS or sent[j].full in sp["stops"])):
                    continue
                start, end = sent[m].rest_start, sent[j - 1].end
                if any(_overlaps((start, end), (e.start, e.end)) for e in ents + orphans):
                    continue
                e = _span_entity(doc, sent, m, j, "PER", "rule:spokesperson_name")
                if e:
                    out.append(e)
                    ents.append(e)
        return out

    def _person_aliases(self, doc: Doc, sents: list[list[_Word]], result: list[Entity]) -> list[Entity]:
        """A surname of a full PER name found in the document is a PER mention elsewhere in it."""
        surnames: dict[str, float | None] = {}
        for e in result:
            if e.label == "PER" and " " in e.text.strip():
                last = fold(e.text.split()[-1])
                if len(last) >= 3:
                    surnames[last] = e.score
        if not surnames:
            return result
        buckets, orphans = _bucket_by_sentence(sents, result)
        out = list(result)
        for si, sent in enumerate(sents):
            spans = [(e.start, e.end) for e in buckets[si]] + [(e.start, e.end) for e in orphans]
            for w in sent:
                key = w.rest if w.rest in surnames else (w.full if w.full in surnames else None)
                if key is None:
                    continue
                start = w.rest_start if w.rest in surnames else w.start
                if any(_overlaps((start, w.end), sp) for sp in spans):
                    continue
                e = _span_entity(doc, [w], 0, 1, "PER", "rule:person_alias", start=start)
                if e:
                    out.append(e)
                    spans.append((e.start, e.end))
        return out


def _arabic_only(doc: Doc, sents: list[list[_Word]]) -> list[list[_Word]]:
    """Sentences detected as Persian, Urdu, ... (``Sentence.lang``) emptied: the model,
    gazetteers and rules know Arabic only."""
    if not doc.sentences or all(s.lang in (None, "ar") for s in doc.sentences):
        return sents
    return [s if s and doc.is_arabic(s[0].start) else [] for s in sents]


# HTML/XML tags, comments and character references, bounded so a stray "<" costs little
_MARKUP = re.compile(
    r"<!--.{0,2000}?-->|</?[A-Za-z][A-Za-z0-9:_-]{0,30}(?:[\s/][^<>]{0,1000})?>|<![A-Za-z][^<>]{0,1000}>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    re.S,
)


def _outside_markup(text: str, ents: list[Entity]) -> list[Entity]:
    """Entities that do not overlap an HTML tag, comment or character reference
    (``<title>`` is no ORG)."""
    if "<" not in text and "&" not in text:
        return ents
    spans = [m.span() for m in _MARKUP.finditer(text)]
    if not spans:
        return ents
    starts = [a for a, _ in spans]
    out = []
    for e in ents:
        k = bisect_right(starts, e.end - 1) - 1  # last markup span starting before e.end
        if k >= 0 and spans[k][1] > e.start:
            continue
        out.append(e)
    return out


def _bucket_by_sentence(sents: list[list[_Word]], ents: list[Entity]) -> tuple[list[list[Entity]], list[Entity]]:
    """Entities per sentence (those lying inside its first..last word), and the rest."""
    bounds = [(s[0].start, s[-1].end, k) for k, s in enumerate(sents) if s]
    starts = [b[0] for b in bounds]
    buckets: list[list[Entity]] = [[] for _ in sents]
    orphans: list[Entity] = []
    for e in ents:
        p = bisect_right(starts, e.start) - 1
        if p >= 0 and bounds[p][0] <= e.start and e.end <= bounds[p][1]:
            buckets[bounds[p][2]].append(e)
        else:
            orphans.append(e)
    return buckets, orphans


class _GazetteerComponent:
    """The ``gazetteer`` component: the rule layer alone; never overwrites existing entities
    except with user entries."""

    def __init__(self, builtin: bool = True) -> None:
        self.layer = GazetteerLayer(builtin=builtin)

    def add_entities(self, entries_or_path: Any) -> int:
        return self.layer.add_entities(entries_or_path)

    def __call__(self, doc: Doc) -> Doc:
        if not isinstance(doc, Doc):
            raise InputError(f"the gazetteer component takes a Doc, not {type(doc).__name__}")
        if not doc.text.strip():
            return doc
        existing = list(doc.entities)
        new: list[Entity] = []
        for sent in _doc_words(doc, None):
            user, builtin = self.layer.matches(sent)
            for i, j, label, source, off in user:
                e = _span_entity(doc, sent, i, j, label, source, start=off)
                if e:
                    new.append(e)
            for i, j, label, source, off in builtin:
                e = _span_entity(doc, sent, i, j, label, source, start=off)
                if e and not any(_overlaps((e.start, e.end), (x.start, x.end)) for x in existing + new):
                    new.append(e)
        new = _outside_markup(doc.text, new)
        user_spans = [e for e in new if e.source == "gazetteer:user"]
        keep = [e for e in existing if not any(_overlaps((e.start, e.end), (u.start, u.end)) for u in user_spans)]
        doc.entities = sorted(keep + new, key=lambda e: (e.start, -e.end))
        return doc


GazetteerComponent = _GazetteerComponent


_NEURAL: dict[str, Any] = {}


def _load_neural(model_dir: str | None = None) -> Any:
    """A cached :class:`~arabic_events.ner.neural.NeuralTagger` (numpy inference, no torch)."""
    from .neural import NeuralTagger, default_neural_dir

    d = Path(model_dir) if model_dir is not None else default_neural_dir()
    key = str(d.resolve()) if d.exists() else str(d)
    tagger = _NEURAL.get(key)
    if tagger is None:
        tagger = _NEURAL[key] = NeuralTagger(d)
    return tagger


@component("ner", requires=["tokens"], provides=["entities"])
def make_ner(
    nlp: Any = None,
    backend: str = "neural",
    model_dir: str | None = None,
    gazetteer: bool = True,
    facilities: bool = True,
    keep_misc: bool = False,
    rules: bool = True,
) -> NERComponent:
    """Build the NER component.

    ``backend``: ``"neural"`` (default: the shipped BiLSTM-CRF ``nn1``, run in numpy),
    ``"crf"`` (the shipped CRF ``v2``: faster to load, about 3 F1 points
    lower on ANERcorp), ``"stanza"`` or ``"camel"`` (a local model directory, see
    docs/ner-backends.md). ``model_dir`` overrides the chosen model's directory.
    ``gazetteer``: apply the built-in gazetteer rule layer; ``facilities``: add FAC spans
    from facility head nouns; ``rules``: apply the head-noun rules (FAC, ORG + place/gentilic/quoted
    name) and the surname rule; ``keep_misc``: also output ANERcorp's MISC label.
    """
    if backend == "crf":
        from .crf import load_tagger

        tagger = load_tagger(model_dir)
        return NERComponent(tagger=tagger, gazetteer=gazetteer, facilities=facilities, keep_misc=keep_misc, source=f"crf:{tagger.version}", rules=rules)
    if backend == "neural":
        tagger = _load_neural(model_dir)
        return NERComponent(tagger=tagger, gazetteer=gazetteer, facilities=facilities, keep_misc=keep_misc, source=f"nn:{tagger.version}", rules=rules)
    if backend in ("stanza", "camel"):
        try:
            from .backends import load_backend
        except ImportError as exc:
            raise ConfigError(
                f"NER backend {backend!r} is not available in this build (arabic_events.ner.backends is missing: {exc}); "
                "use backend='crf'"
            ) from exc
        predictor = load_backend(backend, model_dir)
        return NERComponent(predictor=predictor, gazetteer=gazetteer, facilities=facilities, keep_misc=keep_misc, source=backend, rules=rules)
    raise ConfigError(f"unknown NER backend {backend!r}; choose 'neural', 'crf', 'stanza' or 'camel'")


@component("gazetteer", requires=[], provides=["entities"])
def make_gazetteer(nlp: Any = None, builtin: bool = True) -> _GazetteerComponent:
    """Build the gazetteer rule layer (``builtin=False``: only user entries)."""
    return _GazetteerComponent(builtin=builtin)
