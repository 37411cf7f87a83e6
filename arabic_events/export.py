"""Export a :class:`~arabic_events.doc.Doc` to the formats users join with.

- :func:`rows` / :func:`to_frame`: one flat record per item of a layer (pandas optional,
  imported only by :func:`to_frame`).
- :func:`to_conllu`: CoNLL-U with multi-word tokens for clitic segments.
- :func:`to_spacy` / :func:`from_spacy`: a spaCy ``Doc`` with the same characters.

Nothing here changes the Doc; every record keeps the character offsets into ``doc.text``.
See docs/export.md.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .doc import Doc
from .errors import ArabicEventsError, InputError

__all__ = [
    "LAYERS",
    "rows",
    "to_frame",
    "to_conllu",
    "to_spacy",
    "from_spacy",
    "iter_docs",
    "summary_lines",
]

#: layers accepted by :func:`rows` / :func:`to_frame`. ``arguments`` is the long form of
#: events (one row per event, role, filler); ``spans`` puts every entity, quantity, time
#: and event trigger in one table.
LAYERS = ("events", "arguments", "entities", "quantities", "times", "tokens", "sentences", "spans")

_EVENT_KNOWN = {"type", "trigger", "arguments", "time", "polarity", "modality", "sentence", "frame", "rule", "id"}


def _scalar(value: Any) -> Any:
    """A value fit for one table cell: scalars as they are, anything else as JSON."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    value = _plain(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _span_record(doc_id: Any, i: int, span: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"doc_id": doc_id, "index": i}
    for f in dataclasses.fields(span):
        rec[f.name] = _scalar(getattr(span, f.name))
    return rec


def _event_extras(ev: Any) -> dict[str, Any]:
    """Fields an event may carry beyond the core ones (mentions, factuality, ...)."""
    out: dict[str, Any] = {}
    if dataclasses.is_dataclass(ev):
        for f in dataclasses.fields(ev):
            if f.name not in _EVENT_KNOWN and not f.name.startswith("_"):
                out[f.name] = _scalar(getattr(ev, f.name))
    return out


def _event_rows(doc: Doc, doc_id: Any) -> list[dict[str, Any]]:
    out = []
    for i, ev in enumerate(doc.events):
        rec: dict[str, Any] = {
            "doc_id": doc_id,
            "index": i,
            "id": ev.id,
            "type": ev.type,
            "trigger": ev.trigger.text,
            "start": ev.trigger.start,
            "end": ev.trigger.end,
            "time": ev.time,
            "polarity": ev.polarity,
            "modality": ev.modality,
            "sentence": ev.sentence,
            "frame": ev.frame,
            "rule": ev.rule,
        }
        rec.update({k: v for k, v in _event_extras(ev).items() if k not in rec})
        roles: dict[str, list[Any]] = {}
        for a in ev.arguments:
            roles.setdefault(a.role, []).append(a)
        for role, args in roles.items():
            rec[f"arg:{role}"] = " | ".join(a.text for a in args)
            rec[f"arg:{role}:start"] = args[0].start
            rec[f"arg:{role}:end"] = args[0].end
        out.append(rec)
    return out


def _argument_rows(doc: Doc, doc_id: Any) -> list[dict[str, Any]]:
    out = []
    for i, ev in enumerate(doc.events):
        for a in ev.arguments:
            out.append({
                "doc_id": doc_id,
                "event_index": i,
                "event": ev.id,
                "type": ev.type,
                "trigger": ev.trigger.text,
                "role": a.role,
                "filler": a.text,
                "start": a.start,
                "end": a.end,
                "ref": a.ref,
                "value": _scalar(a.value),
            })
    return out


def _token_rows(doc: Doc, doc_id: Any) -> list[dict[str, Any]]:
    out = []
    sent_i = 0
    sents = doc.sentences
    for i, t in enumerate(doc.tokens):
        while sent_i < len(sents) and sents[sent_i].end <= t.start:
            sent_i += 1
        in_sent = sent_i < len(sents) and sents[sent_i].start <= t.start
        out.append({
            "doc_id": doc_id,
            "index": i,
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "kind": t.kind,
            "sentence": sent_i if in_sent else None,
            "segments": "+".join(s.text for s in t.segments) if t.segments else t.text,
            "segment_kinds": "+".join(s.kind for s in t.segments) if t.segments else None,
        })
    return out


def _spans_rows(doc: Doc, doc_id: Any) -> list[dict[str, Any]]:
    out = []
    for e in doc.entities:
        out.append({"doc_id": doc_id, "layer": "entity", "label": e.label, "text": e.text, "start": e.start,
                    "end": e.end, "value": e.canonical, "source": e.source})
    for q in doc.quantities:
        out.append({"doc_id": doc_id, "layer": "quantity", "label": q.kind, "text": q.text, "start": q.start,
                    "end": q.end, "value": _scalar(q.value), "source": q.source})
    for t in doc.times:
        out.append({"doc_id": doc_id, "layer": "time", "label": t.kind, "text": t.text, "start": t.start,
                    "end": t.end, "value": t.value, "source": t.source})
    for ev in doc.events:
        out.append({"doc_id": doc_id, "layer": "event", "label": ev.type, "text": ev.trigger.text,
                    "start": ev.trigger.start, "end": ev.trigger.end, "value": ev.time, "source": ev.rule})
    out.sort(key=lambda r: (r["start"], -r["end"]))
    return out


def rows(doc: Doc, layer: str, doc_id: Any = None) -> list[dict[str, Any]]:
    """Flat records (plain dicts) of one layer of ``doc``; see :data:`LAYERS`."""
    if not isinstance(doc, Doc):
        raise InputError(f"rows() needs an arabic_events Doc, not {type(doc).__name__}")
    if layer == "events":
        return _event_rows(doc, doc_id)
    if layer == "arguments":
        return _argument_rows(doc, doc_id)
    if layer == "tokens":
        return _token_rows(doc, doc_id)
    if layer == "spans":
        return _spans_rows(doc, doc_id)
    if layer in ("entities", "quantities", "times", "sentences"):
        return [_span_record(doc_id, i, s) for i, s in enumerate(getattr(doc, layer))]
    raise InputError(f"unknown layer {layer!r}; choose one of: {', '.join(LAYERS)}")


def iter_docs(docs: Any, doc_ids: Sequence[Any] | None = None) -> Iterator[tuple[Any, Doc]]:
    """``(doc_id, Doc)`` pairs from a Doc, a list of Docs, a ``{id: Doc}`` mapping or a Corpus.

    Without ids, a Doc's ``meta["id"]`` is used when present, else its position.
    """
    if isinstance(docs, Doc):
        docs = [docs]
    elif hasattr(docs, "docs") and isinstance(getattr(docs, "docs"), Mapping):  # events.merge.Corpus
        docs = docs.docs
    if isinstance(docs, Mapping):
        items: Iterable[tuple[Any, Any]] = docs.items()
    else:
        ids = list(doc_ids) if doc_ids is not None else None
        items = ((ids[i] if ids is not None else None, d) for i, d in enumerate(docs))
        if ids is not None:
            items = list(items)
    for i, (doc_id, d) in enumerate(items):
        if not isinstance(d, Doc):
            raise InputError(f"item {i} is a {type(d).__name__}, not an arabic_events Doc")
        if doc_id is None:
            doc_id = d.meta.get("id", i) if isinstance(d.meta, Mapping) else i
        yield doc_id, d


def to_frame(docs: Any, layer: str = "entities", *, doc_ids: Sequence[Any] | None = None):
    """A pandas DataFrame with one row per item of ``layer`` over one or many documents.

    ``docs``: a Doc, an iterable of Docs, a ``{doc_id: Doc}`` mapping or a Corpus.
    Columns start with ``doc_id``; spans keep ``start``/``end`` offsets. ``events`` has one
    row per event with ``arg:<role>`` columns (fillers of a repeated role joined by
    `` | ``); ``arguments`` is the long form (event, role, filler).
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise ArabicEventsError("to_frame() needs pandas: pip install 'arabic-events[pandas]'") from exc
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; choose one of: {', '.join(LAYERS)}")
    records: list[dict[str, Any]] = []
    for doc_id, d in iter_docs(docs, doc_ids):
        records.extend(rows(d, layer, doc_id))
    if records:
        cols: list[str] = []
        seen: set[str] = set()
        for r in records:
            for k in r:
                if k not in seen:
                    seen.add(k)
                    cols.append(k)
        return pd.DataFrame.from_records(records, columns=cols)
    return pd.DataFrame(columns=_EMPTY_COLUMNS.get(layer, ["doc_id"]))


_EMPTY_COLUMNS = {
    "events": ["doc_id", "index", "id", "type", "trigger", "start", "end", "time", "polarity", "modality",
               "sentence", "frame", "rule"],
    "arguments": ["doc_id", "event_index", "event", "type", "trigger", "role", "filler", "start", "end", "ref",
                  "value"],
    "entities": ["doc_id", "index", "text", "start", "end", "label", "source", "score", "canonical", "cluster"],
    "quantities": ["doc_id", "index", "text", "start", "end", "value", "kind", "approx", "unit", "source",
                   "unit_start", "unit_end"],
    "times": ["doc_id", "index", "text", "start", "end", "value", "kind", "mod", "source", "flags"],
    "tokens": ["doc_id", "index", "text", "start", "end", "kind", "sentence", "segments", "segment_kinds"],
    "sentences": ["doc_id", "index", "text", "start", "end", "zone"],
    "spans": ["doc_id", "layer", "label", "text", "start", "end", "value", "source"],
}


# ----------------------------------------------------------------- CoNLL-U
def _ud_words(tok: Any) -> list[tuple[int, int, str, str | None]]:
    """UD words of a token: ``(start, end, kind, form)``; ``ال`` stays on its noun as in UD Arabic."""
    segs = tok.segments
    if not segs:
        return [(tok.start, tok.end, tok.kind, None)]
    out: list[tuple[int, int, str, str | None]] = []
    pending: int | None = None
    for seg in segs:
        start = seg.start if pending is None else pending
        if seg.kind == "det":
            pending = start
            continue
        out.append((start, seg.end, seg.kind, seg.form))
        pending = None
    if pending is not None:
        last = segs[-1]
        out.append((pending, last.end, last.kind, last.form))
    return out


def _clean(field: str) -> str:
    """A CoNLL-U column value: no tabs/newlines, never empty."""
    field = field.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return field if field.strip() else "_"


def _sentence_groups(doc: Doc) -> list[tuple[int, int, list[Any]]]:
    """Tokens grouped by sentence; tokens outside every sentence form their own group."""
    groups: list[tuple[int, int, list[Any]]] = []
    sents = doc.sentences
    si = 0
    loose: list[Any] = []
    for tok in doc.tokens:
        while si < len(sents) and sents[si].end <= tok.start:
            si += 1
        if si < len(sents) and sents[si].start <= tok.start and tok.end <= sents[si].end:
            if loose:
                groups.append((loose[0].start, loose[-1].end, loose))
                loose = []
            if not groups or groups[-1][0] != sents[si].start or groups[-1][1] != sents[si].end:
                groups.append((sents[si].start, sents[si].end, []))
            groups[-1][2].append(tok)
        else:
            loose.append(tok)
    if loose:
        groups.append((loose[0].start, loose[-1].end, loose))
    return groups


def to_conllu(doc: Doc, doc_id: Any = None, *, multiword: bool = True) -> str:
    """The document as CoNLL-U.

    One block per sentence (``# sent_id``, ``# text``); a token split into clitics is a
    multi-word token (a ``2-3`` range line, then one line per word). The article ``ال``
    stays on its noun, as in the UD Arabic treebanks. MISC holds ``SpaceAfter=No``,
    ``TokenRange=start:end`` (offsets into ``doc.text``), ``Seg=<segment kind>`` and the
    entity tag ``NE=B-LOC``/``I-LOC``. UPOS is set only for punctuation, numbers and
    symbols (from the token kind). With ``multiword=False`` the words are written
    without range lines, glued by ``SpaceAfter=No`` (the UD Arabic PUD convention).
    HEAD/DEPREL are ``_``: there is no parse.
    Text the tokenizer left out (white space, invisible controls) is not written.
    """
    text = doc.text
    ents = sorted(doc.entities, key=lambda e: (e.start, -e.end))
    lines: list[str] = []
    if doc_id is not None:
        lines.append(f"# newdoc id = {_clean(str(doc_id))}")
    for si, (s_start, s_end, toks) in enumerate(_sentence_groups(doc), 1):
        lines.append(f"# sent_id = {_clean(str(doc_id)) + '-' if doc_id is not None else ''}{si}")
        rebuilt = "".join(
            _clean(t.text) + (" " if i + 1 < len(toks) and toks[i + 1].start > t.end else "")
            for i, t in enumerate(toks))
        lines.append(f"# text = {rebuilt}")
        n = 0
        for ti, tok in enumerate(toks):
            nxt = toks[ti + 1].start if ti + 1 < len(toks) else None
            space_after = nxt is None or nxt > tok.end
            words = _ud_words(tok)
            if multiword and len(words) > 1:
                misc = [] if space_after else ["SpaceAfter=No"]
                misc.append(f"TokenRange={tok.start}:{tok.end}")
                lines.append(f"{n + 1}-{n + len(words)}\t{_clean(tok.text)}\t_\t_\t_\t_\t_\t_\t_\t{'|'.join(misc)}")
            for wi, (a, b, kind, form) in enumerate(words):
                n += 1
                misc = []
                last = wi == len(words) - 1
                if (not last and not multiword) or (last and not space_after and (len(words) == 1 or not multiword)):
                    misc.append("SpaceAfter=No")
                misc.append(f"TokenRange={a}:{b}")
                misc.append(f"Seg={kind}")
                tag = _ne_tag(ents, a, b)
                if tag:
                    misc.append(f"NE={tag}")
                lemma = _clean(form) if form else "_"
                upos = _UPOS.get(tok.kind, "_") if len(words) == 1 else "_"
                lines.append(f"{n}\t{_clean(text[a:b])}\t{lemma}\t{upos}\t_\t_\t_\t_\t_\t{'|'.join(misc)}")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


# UPOS only where the token kind says it for sure; HEAD/DEPREL stay empty (no parse)
_UPOS = {"punct": "PUNCT", "number": "NUM", "symbol": "SYM"}


def _ne_tag(ents: list[Any], a: int, b: int) -> str | None:
    for e in ents:
        if e.start >= b:
            break
        if e.end > a and e.start < b:
            return f"{'B' if e.start >= a else 'I'}-{e.label}"
    return None


# -------------------------------------------------------------------- spaCy
_USER_KEY = "arabic_events"


def _pieces(doc: Doc, split_clitics: bool) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for tok in doc.tokens:
        if split_clitics and tok.segments:
            out.extend((s.start, s.end) for s in tok.segments if s.end > s.start)
        else:
            out.append((tok.start, tok.end))
    return out


def to_spacy(doc: Doc, nlp: Any = None, *, split_clitics: bool = True):
    """A spaCy ``Doc`` with the same text, character for character.

    Tokens are our clitic segments (``split_clitics=True``, so an entity that starts inside
    a word, ``بالعراق`` -> ``العراق``, is an exact spaCy span) or our surface tokens; text
    between tokens that is not a single space becomes whitespace/other tokens, so
    ``spacy_doc.text == doc.text`` and every character offset is preserved. ``ents`` holds
    the entities (nested ones are left to ``doc.spans["entities"]``), ``doc.spans`` holds
    ``entities``, ``quantities`` (label: kind), ``times`` (label: kind), ``events`` (trigger,
    label: type) and ``arguments`` (label: role). Sentence starts are set. The full
    ``Doc.to_dict()`` without the text is kept in ``user_data["arabic_events"]`` so
    :func:`from_spacy` gives the Doc back. ``nlp`` defaults to ``spacy.blank("ar")``.
    """
    try:
        import spacy
        from spacy.tokens import Doc as SpacyDoc
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise ArabicEventsError("to_spacy() needs spaCy: pip install 'arabic-events[spacy]'") from exc
    if nlp is None:
        nlp = spacy.blank("ar")
    text = doc.text
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0

    def gap(until: int) -> None:
        g = text[pos:until]
        if not g:
            return
        if words and g[0] == " " and not spaces[-1]:
            spaces[-1] = True
            g = g[1:]
        if g:
            words.append(g)
            spaces.append(False)

    for a, b in _pieces(doc, split_clitics):
        if a < pos:  # overlapping pieces cannot be spaCy tokens; keep the characters once
            continue
        gap(a)
        words.append(text[a:b])
        spaces.append(False)
        pos = b
    gap(len(text))
    sdoc = SpacyDoc(nlp.vocab, words=words, spaces=spaces)
    if sdoc.text != text:  # pragma: no cover - guarded by tests
        raise ArabicEventsError("to_spacy: could not keep the text unchanged")
    starts = {s.start for s in doc.sentences}
    for t in sdoc:
        t.is_sent_start = t.idx in starts or t.i == 0
    group = lambda items, label: [sp for sp in (  # noqa: E731
        sdoc.char_span(x.start, x.end, label=label(x), alignment_mode="expand") for x in items) if sp is not None]
    ent_spans = group(doc.entities, lambda e: e.label)
    sdoc.spans["entities"] = ent_spans
    from spacy.util import filter_spans

    sdoc.ents = filter_spans(ent_spans)
    sdoc.spans["quantities"] = group(doc.quantities, lambda q: q.kind)
    sdoc.spans["times"] = group(doc.times, lambda t: t.kind)
    sdoc.spans["events"] = group(doc.events, lambda e: e.type)
    sdoc.spans["arguments"] = group([a for e in doc.events for a in e.arguments], lambda a: a.role)
    data = doc.to_dict()
    data.pop("text", None)
    sdoc.user_data[_USER_KEY] = json.loads(json.dumps(data, default=str))
    return sdoc


def from_spacy(sdoc: Any, *, published: Any = None) -> Doc:
    """A :class:`Doc` from a spaCy ``Doc``.

    A spaCy Doc made by :func:`to_spacy` gives back the original Doc. Any other spaCy Doc
    gives a Doc with its text, its tokens (whitespace tokens left out), its sentences when
    they are set, and its ``ents`` as entities (``source="spacy"``); run
    ``nlp(doc)`` on it to add the other layers.
    """
    from .doc import Entity, Sentence, Token

    data = sdoc.user_data.get(_USER_KEY) if hasattr(sdoc, "user_data") else None
    if isinstance(data, Mapping):
        d = dict(data)
        d["text"] = sdoc.text
        if published is not None:
            d["published"] = published
        return Doc.from_dict(d)
    doc = Doc(text=sdoc.text, published=published)
    doc.tokens = [Token(t.text, t.idx, t.idx + len(t.text), kind="punct" if t.is_punct else "word")
                  for t in sdoc if not t.is_space]
    if sdoc.has_annotation("SENT_START"):
        doc.sentences = [Sentence(s.text, s.start_char, s.end_char) for s in sdoc.sents]
    doc.entities = [Entity(e.text, e.start_char, e.end_char, label=e.label_, source="spacy") for e in sdoc.ents]
    doc.check_offsets("from_spacy")
    return doc


# ------------------------------------------------------------------ summary
def _fmt_value(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _short(text: str, n: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


_ROLE_ORDER = ("agent", "speaker", "attacker", "actor", "giver", "source", "patient", "theme", "target",
               "recipient", "facility", "origin", "destination", "place", "location", "time", "count", "number")


def summary_lines(doc: Doc) -> list[str]:
    """A short human summary: one line per event, then entities, quantities and dates."""
    out: list[str] = []
    if doc.events:
        out.append(f"events ({len(doc.events)}):")
        for ev in doc.events:
            args = sorted(ev.arguments, key=lambda a: (_ROLE_ORDER.index(a.role) if a.role in _ROLE_ORDER else 99, a.start))
            parts = [f"{a.role}={_short(a.text)}" for a in args]
            extra = []
            if ev.time:
                extra.append(f"when={ev.time}")
            if ev.polarity != "positive":
                extra.append(ev.polarity)
            if ev.modality != "asserted":
                extra.append(ev.modality)
            out.append(f"  {ev.type:<12} {ev.trigger.text}  " + "; ".join(parts + extra))
    if doc.entities:
        out.append(f"entities ({len(doc.entities)}):")
        seen: dict[tuple[str, str], int] = {}
        for e in doc.entities:
            key = (e.label, e.canonical or e.text)
            seen[key] = seen.get(key, 0) + 1
        for (label, name), n in seen.items():
            out.append(f"  {label:<4} {name}" + (f"  x{n}" if n > 1 else ""))
    if doc.quantities:
        out.append(f"quantities ({len(doc.quantities)}):")
        for q in doc.quantities:
            val = "?" if q.value is None else _fmt_value(q.value)
            bits = [q.kind] + ([q.approx] if q.approx else []) + ([q.unit] if q.unit else [])
            out.append(f"  {val:>12}  {q.text}  ({', '.join(bits)})")
    if doc.times:
        out.append(f"dates ({len(doc.times)}):")
        for t in doc.times:
            out.append(f"  {t.value or '?':>12}  {t.text}  ({t.kind}{', ' + t.mod if t.mod else ''})")
    if not out:
        out.append("(nothing found)")
    return out
