"""Merge event mentions into real events, within and across documents, as a timeline.

Two mentions are one real event when they have the same type and polarity, their
*identifying* arguments agree, nothing contradicts, and their times are compatible:

- The frame's ``key_roles`` identify an event (a handover by its facility, a withdrawal
  by its origin, a troop count by its number). The first key role must be filled in
  both mentions by an entity (or a quantity) and match. Arguments match by entity
  ``canonical`` name, the
  NER grouping key (:mod:`arabic_events.ner.grouping`, when installed), or a
  normalized text key (clitics, quotes, facility head nouns and trailing adjectives
  removed, so 'قاعدة "القائم"' and 'القائم' agree).
- Roles holding numbers (counts, fractions) must agree within 10% when both have one.
- Times are compatible when either is unknown or their date ranges lie within
  ``max_days`` of each other (default 7: reports of one event often date it loosely,
  "last week" against "Wednesday").

A :class:`TimelineRow` keeps, per role, the most supported argument, the best date, and
every source mention (doc id, trigger span, event id). ``Corpus`` wraps documents and
exports the timeline to JSON or CSV.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..doc import Argument, Doc, Event
from ..errors import InputError
from ..normalize import normalize

__all__ = ["merge_events", "Corpus", "TimelineRow", "Mention", "argument_key", "argument_keys", "times_compatible", "rows_to_json", "rows_to_csv"]

_DEFAULT_EXCLUDE = ("STATEMENT",)
_PUNCT_RE = re.compile(r"[\"'«»“”()\[\]{}<>.,،:؛;!?؟\-–—_/\\]+")


@dataclass
class Mention:
    """One event mention with the document it came from."""

    doc_id: str
    doc: Doc
    event: Event
    keys: dict[str, set[str]] = field(default_factory=dict)
    values: dict[str, list[float]] = field(default_factory=dict)

    @property
    def time(self) -> str | None:
        """The event time; "now" (``PRESENT_REF``) is the document's publication date."""
        t = self.event.time
        if t == "PRESENT_REF" and self.doc.published is not None:
            return self.doc.published.isoformat()
        return t

    @property
    def source(self) -> dict[str, Any]:
        e = self.event
        sent = None
        if e.sentence is not None and 0 <= e.sentence < len(self.doc.sentences):
            s = self.doc.sentences[e.sentence]
            sent = {"start": s.start, "end": s.end}
        return {
            "doc": self.doc_id,
            "event": e.id,
            "trigger": e.trigger.text,
            "start": e.trigger.start,
            "end": e.trigger.end,
            "sentence": sent,
            "modality": e.modality,
            "time": e.time,
        }


@dataclass
class TimelineRow:
    """One real event: type, best arguments, date, and the mentions that support it."""

    type: str
    date: str | None
    arguments: dict[str, str]
    polarity: str
    modality: str
    sources: list[dict[str, Any]]
    argument_values: dict[str, Any] = field(default_factory=dict)
    time_values: list[str] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return len(self.sources)

    @property
    def docs(self) -> list[str]:
        out: list[str] = []
        for s in self.sources:
            if s["doc"] not in out:
                out.append(s["doc"])
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "arguments": dict(self.arguments),
            "argument_values": dict(self.argument_values),
            "time_values": list(self.time_values),
            "polarity": self.polarity,
            "modality": self.modality,
            "mentions": self.mentions,
            "docs": self.docs,
            "sources": [dict(s) for s in self.sources],
        }


# ------------------------------------------------------------------ keys
_FOLD_CACHE: dict[str, Any] = {}


def _fold_lists() -> tuple[set[str], set[str]]:
    if "heads" not in _FOLD_CACHE:
        from .._data import load_yaml

        data = load_yaml("events/merge.yaml")
        _FOLD_CACHE["heads"] = {normalize(x) for x in data["drop_heads"]}
        _FOLD_CACHE["adjs"] = {normalize(x) for x in data["drop_trailing"]}
        _FOLD_CACHE["fold"] = {normalize(k): str(v) for k, v in (data.get("fold_words") or {}).items()}
    return _FOLD_CACHE["heads"], _FOLD_CACHE["adjs"]


def _grouping():
    if "grouping" not in _FOLD_CACHE:
        try:
            from ..ner import grouping as g  # type: ignore

            _FOLD_CACHE["grouping"] = g if hasattr(g, "canonical_key") else None
        except Exception:  # missing or broken optional helper: fall back to text keys
            _FOLD_CACHE["grouping"] = None
    return _FOLD_CACHE["grouping"]


def _text_key(text: str) -> str:
    heads, adjs = _fold_lists()
    s = _PUNCT_RE.sub(" ", normalize(text))
    words = s.split()
    while len(words) > 1 and words[0] in heads:
        words = words[1:]
    while len(words) > 1 and words[-1] in adjs:
        words = words[:-1]
    out = []
    for w in words:
        if len(w) > 3 and w[0] in "وفبل" and w[1:3] == "ال":
            w = w[1:]
        out.append(_FOLD_CACHE["fold"].get(w, w))
    return " ".join(out)


def _named_phrase_key(text: str) -> str | None:
    """Key of a noun-phrase filler that names a facility ("قاعدة القائم" when NER missed
    it): a facility head followed by a name; generic phrases ("القواعد") give None."""
    heads, adjs = _fold_lists()
    words = _PUNCT_RE.sub(" ", normalize(text)).split()
    if len(words) < 2 or words[0] not in heads:
        return None
    key = _text_key(text)
    if not key or key == " ".join(words) or all(w in adjs for w in key.split()):
        return None
    return key


def argument_key(doc: Doc, arg: Argument) -> str:
    """The primary key of ``arg``: its entity's canonical name, else its text key."""
    if arg.ref and arg.ref.startswith("entities:"):
        try:
            ent = doc.entities[int(arg.ref.split(":", 1)[1])]
        except (ValueError, IndexError):
            ent = None
        if ent is not None and ent.canonical and ent.text == arg.text:
            return "c:" + _text_key(ent.canonical)
    return "t:" + _text_key(arg.text)


def argument_keys(doc: Doc, arg: Argument) -> set[str]:
    """Every key under which ``arg`` may match an argument of another mention."""
    keys = {argument_key(doc, arg), "t:" + _text_key(arg.text)}
    label = None
    if arg.ref and arg.ref.startswith("entities:"):
        try:
            ent = doc.entities[int(arg.ref.split(":", 1)[1])]
        except (ValueError, IndexError):
            ent = None
        if ent is not None:
            label = ent.label
            if ent.canonical:
                keys.add("t:" + _text_key(ent.canonical))
    g = _grouping()
    if g is not None:
        try:
            key = g.canonical_key(arg.text, label)
            if key:
                keys.add("g:" + str(key))
        except Exception:  # the optional helper must never break merging
            pass
    return keys


def _keys_match(a: set[str], b: set[str]) -> bool:
    if a & b:
        return True
    # text keys: one contained in the other word-wise ("القائم" vs "قاعده القائم الجويه")
    for x in a:
        for y in b:
            if not (x.startswith("t:") and y.startswith("t:")):
                continue
            wx, wy = set(x[2:].split()), set(y[2:].split())
            if wx and wy and (wx <= wy or wy <= wx) and max(len(w) for w in (wx & wy or {""})) >= 3:
                return True
    return False


# ----------------------------------------------------------------- times
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def _date_range(value: str | None) -> tuple[_dt.date, _dt.date] | None:
    if not value:
        return None
    v = value.split("/")[0] if "/" in value else value
    m = _DATE_RE.match(v)
    try:
        if m:
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            if d:
                day = _dt.date(y, int(mo), int(d))
                lo = hi = day
            elif mo:
                lo = _dt.date(y, int(mo), 1)
                nxt = _dt.date(y + (int(mo) == 12), int(mo) % 12 + 1, 1)
                hi = nxt - _dt.timedelta(days=1)
            else:
                lo, hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
            if "/" in value:
                r2 = _date_range(value.split("/")[1])
                if r2:
                    hi = r2[1]
            return lo, hi
        w = _WEEK_RE.match(v)
        if w:
            lo = _dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
            return lo, lo + _dt.timedelta(days=6)
    except (ValueError, OverflowError):  # past year 9999 or before year 1: no range to compare
        return None
    return None


def times_compatible(a: str | None, b: str | None, max_days: int = 7) -> bool:
    """True when the two ISO values may denote the same time (unknowns are compatible)."""
    ra, rb = _date_range(a), _date_range(b)
    if ra is None or rb is None:
        return True
    gap = max((rb[0] - ra[1]).days, (ra[0] - rb[1]).days, 0)
    return gap <= max_days


def _specificity(value: str | None) -> int:
    r = _date_range(value)
    if r is None:
        return 0
    return 10_000 - (r[1] - r[0]).days


# ----------------------------------------------------------------- merge
def _frame_keys(type_: str, frames: Mapping[str, Any] | None) -> tuple[str, ...]:
    f = (frames or {}).get(type_)
    if f is None:
        try:
            from .frames import builtin_frames

            f = next((x for x in builtin_frames() if x.name == type_), None)
        except Exception:
            f = None
    if f is not None and getattr(f, "key_roles", None):
        return tuple(f.key_roles)
    return ()


def _mention(doc_id: str, doc: Doc, ev: Event) -> Mention:
    """Identity keys of a mention: linked entities (by name keys) and quantity values.

    Generic noun-phrase fillers ("القواعد", "القوات") and quoted content identify
    nothing; a phrase made of a facility head and a name ("قاعدة القائم") does.
    """
    m = Mention(doc_id, doc, ev)
    for a in ev.arguments:
        if a.role == "time":
            continue
        if not a.ref:
            key = _named_phrase_key(a.text)
            if key:
                m.keys.setdefault(a.role, set()).add("t:" + key)
            continue
        if a.ref.startswith("entities:"):
            m.keys.setdefault(a.role, set()).update(argument_keys(doc, a))
        elif a.ref.startswith("quantities:") and isinstance(a.value, (int, float)) and not isinstance(a.value, bool):
            m.values.setdefault(a.role, []).append(float(a.value))
            m.keys.setdefault(a.role, set()).add(f"v:{float(a.value):g}")
    return m


class _Cluster:
    def __init__(self, m: Mention, key_roles: tuple[str, ...]) -> None:
        self.members = [m]
        self.key_roles = key_roles
        self.keys: dict[str, set[str]] = {r: set(v) for r, v in m.keys.items()}
        self.values: dict[str, list[float]] = {r: list(v) for r, v in m.values.items()}
        self.times = [m.time] if m.time else []

    def accepts(self, m: Mention, max_days: int) -> bool:
        first = self.members[0]
        if m.event.type != first.event.type or m.event.polarity != first.event.polarity:
            return False
        roles = self.key_roles or tuple(r for r in m.keys if r not in ("content", "title"))
        primary = roles[0] if roles else None
        if primary is None or primary not in self.keys or primary not in m.keys:
            return False
        if primary in m.values and primary in self.values:
            pass  # numbers are compared below with a tolerance
        elif not _keys_match(self.keys[primary], m.keys[primary]):
            return False
        for r, vals in m.values.items():
            mine = self.values.get(r)
            if mine and vals and not any(abs(a - b) <= 0.1 * max(abs(a), abs(b), 1e-9) for a in mine for b in vals):
                return False
        for t in self.times:
            if not times_compatible(t, m.time, max_days):
                return False
        return True

    def add(self, m: Mention) -> None:
        self.members.append(m)
        for r, v in m.keys.items():
            self.keys.setdefault(r, set()).update(v)
        for r, v in m.values.items():
            self.values.setdefault(r, []).extend(v)
        if m.time:
            self.times.append(m.time)

    def row(self) -> TimelineRow:
        first = self.members[0].event
        args: dict[str, str] = {}
        values: dict[str, Any] = {}
        by_role: dict[str, Counter] = {}
        texts: dict[tuple[str, str], Counter] = {}
        vals: dict[tuple[str, str], Any] = {}
        for m in self.members:
            for a in m.event.arguments:
                if a.role == "time":
                    continue
                k = argument_key(m.doc, a)
                by_role.setdefault(a.role, Counter())[k] += 1
                texts.setdefault((a.role, k), Counter())[a.text] += 1
                if a.value is not None:
                    vals[(a.role, k)] = a.value
        for role, counter in by_role.items():
            key = max(counter, key=lambda k: (counter[k], len(k)))
            tc = texts[(role, key)]
            args[role] = max(tc, key=lambda t: (tc[t], len(t)))
            if (role, key) in vals:
                values[role] = vals[(role, key)]
        date = None
        dated = [t for t in self.times if _date_range(t) is not None]
        if dated:
            tc = Counter(dated)
            date = max(tc, key=lambda t: (tc[t], _specificity(t)))
        mods = Counter(m.event.modality for m in self.members)
        modality = "asserted" if mods.get("asserted") else mods.most_common(1)[0][0]
        return TimelineRow(
            type=first.type,
            date=date,
            arguments=args,
            polarity=first.polarity,
            modality=modality,
            sources=[m.source for m in self.members],
            argument_values=values,
            time_values=sorted(set(self.times)),
        )


def _doc_items(docs: Iterable[Any], doc_ids: Sequence[str] | None) -> list[tuple[str, Doc]]:
    items: list[tuple[str, Doc]] = []
    for i, d in enumerate(docs):
        if isinstance(d, tuple) and len(d) == 2 and isinstance(d[1], Doc):
            did, doc = str(d[0]), d[1]
        elif isinstance(d, Doc):
            doc = d
            did = str(doc.meta.get("id") or (doc_ids[i] if doc_ids and i < len(doc_ids) else f"doc{i}"))
        else:
            raise InputError(f"merge_events expects Doc objects or (doc_id, Doc) pairs, got {type(d).__name__} at position {i}")
        items.append((did, doc))
    return items


def merge_events(
    docs: Iterable[Any],
    *,
    doc_ids: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    exclude_types: Sequence[str] = _DEFAULT_EXCLUDE,
    modalities: Sequence[str] | None = None,
    include_negative: bool = True,
    min_key_args: int = 1,
    require_primary: bool = True,
    max_days: int = 7,
    frames: Mapping[str, Any] | None = None,
) -> list[TimelineRow]:
    """Merge the events of ``docs`` (Docs or ``(doc_id, Doc)`` pairs) into timeline rows.

    ``types`` keeps only those event types (default: every type but ``exclude_types``,
    which drops STATEMENT); ``modalities`` keeps only those modalities;
    ``min_key_args`` drops mentions with fewer identifying (key-role) arguments and
    ``require_primary`` those without the frame's first key role (a handover without a
    named facility), which keeps vague mentions ("the withdrawal") out of the timeline.
    Two mentions merge only when their primary key arguments match. Rows are sorted by
    date (undated last), then type.
    """
    from .coref import event_mentions

    clusters: list[_Cluster] = []
    for did, doc in _doc_items(docs, doc_ids):
        # every mention is a timeline source; mentions of one event regroup below
        for ev in event_mentions(doc):
            if types is not None and ev.type not in types:
                continue
            if types is None and ev.type in exclude_types:
                continue
            if modalities is not None and ev.modality not in modalities:
                continue
            if not include_negative and ev.polarity == "negative":
                continue
            key_roles = _frame_keys(ev.type, frames)
            m = _mention(did, doc, ev)
            roles = key_roles or tuple(m.keys)
            if sum(1 for r in roles if r in m.keys) < min_key_args:
                continue
            if require_primary and roles and roles[0] not in m.keys:
                continue
            for c in clusters:
                if c.accepts(m, max_days):
                    c.add(m)
                    break
            else:
                clusters.append(_Cluster(m, key_roles))
    rows = [c.row() for c in clusters]
    far = _dt.date.max

    def sort_key(r: TimelineRow):
        rng = _date_range(r.date)
        return (rng[0] if rng else far, r.type, r.sources[0]["doc"], r.sources[0]["start"])

    rows.sort(key=sort_key)
    return rows


def rows_to_json(rows: Sequence[TimelineRow], indent: int | None = 2) -> str:
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=indent)


CSV_COLUMNS = ("date", "type", "polarity", "modality", "arguments", "mentions", "docs", "sources")


def rows_to_csv(rows: Sequence[TimelineRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow(
            [
                r.date or "",
                r.type,
                r.polarity,
                r.modality,
                "; ".join(f"{k}={v}" for k, v in r.arguments.items()),
                r.mentions,
                " ".join(r.docs),
                "; ".join(f"{s['doc']}:{s['start']}-{s['end']}" for s in r.sources),
            ]
        )
    return buf.getvalue()


class Corpus:
    """A set of analysed documents with a merged event timeline.

    >>> corpus = Corpus(nlp=nlp)                      # doctest: +SKIP
    >>> corpus.add(text, doc_id="a1", published="2020-03-29")
    >>> corpus.timeline()[0].arguments
    """

    def __init__(self, docs: Iterable[Any] = (), *, nlp: Any = None) -> None:
        self._nlp = nlp
        self._items: list[tuple[str, Doc]] = []
        for did, doc in _doc_items(docs, None):
            self._items.append((did, doc))

    def add(self, doc: Doc | str, *, doc_id: str | None = None, published: Any = None) -> Doc:
        """Add an analysed Doc, or a text that is analysed with ``nlp`` (``ae.load()`` by default)."""
        if isinstance(doc, str):
            if self._nlp is None:
                from ..pipeline import load

                self._nlp = load()
            doc = self._nlp(doc, published=published)
        elif not isinstance(doc, Doc):
            raise InputError(f"Corpus.add expects a Doc or a str, got {type(doc).__name__}")
        did = doc_id or str(doc.meta.get("id") or f"doc{len(self._items)}")
        if any(d == did for d, _ in self._items):
            raise InputError(f"a document with id {did!r} is already in the corpus; give another doc_id")
        self._items.append((did, doc))
        return doc

    @property
    def docs(self) -> dict[str, Doc]:
        return dict(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def events(self) -> list[tuple[str, Event]]:
        return [(did, ev) for did, doc in self._items for ev in doc.events]

    def timeline(self, **options: Any) -> list[TimelineRow]:
        """Merged rows; options as for :func:`merge_events`."""
        frames = options.pop("frames", None)
        if frames is None and self._nlp is not None and isinstance(getattr(self._nlp, "frames", None), Mapping):
            frames = self._nlp.frames
        return merge_events(self._items, frames=frames, **options)

    def to_json(self, path: str | None = None, **options: Any) -> str:
        """The timeline as JSON (written to ``path`` when given)."""
        text = rows_to_json(self.timeline(**options))
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        return text

    def to_csv(self, path: str | None = None, **options: Any) -> str:
        """The timeline as CSV, one row per real event (written to ``path`` when given)."""
        text = rows_to_csv(self.timeline(**options))
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        return text
