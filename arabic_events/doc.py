"""The document model: one :class:`Doc` holding the verbatim text and offset spans.

Every annotation is a frozen value with ``start``/``end`` character offsets into
``doc.text`` and the ``text`` it covers, so ``doc.text[s.start:s.end] == s.text``
always holds (``Doc.check_offsets`` verifies it; the pipeline runs it after each
component).
"""

from __future__ import annotations

import bisect
from array import array as _array
import datetime as _dt
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .errors import InputError, OffsetError

__all__ = [
    "Segment",
    "Token",
    "Sentence",
    "Zone",
    "Entity",
    "Quantity",
    "TimeExpr",
    "Trigger",
    "Argument",
    "Event",
    "EventMention",
    "Doc",
    "parse_published",
    "check_text",
]


@lru_cache(maxsize=None)
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


@lru_cache(maxsize=None)
def _field_order(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# values to_dict() copies as they are (exact types: a str/int subclass still goes through _plain)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _from_mapping(cls, data: Mapping[str, Any], **override):
    names = _field_names(cls)
    kwargs = {k: v for k, v in data.items() if k in names}
    kwargs.update(override)
    return cls(**kwargs)


def _plain(value: Any) -> Any:
    """Turn tuples/dataclass values into JSON-ready lists/dicts."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _SpanMixin:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for name in _field_order(type(self)):
            v = getattr(self, name)
            out[name] = v if type(v) in _SCALARS else _plain(v)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        return _from_mapping(cls, data)

    def __len__(self) -> int:
        return self.end - self.start  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Segment(_SpanMixin):
    """A clitic segment (syntactic word) inside a token.

    ``kind`` is one of ``conj`` (و ف), ``prep`` (ب ل ك), ``fut`` (س), ``det`` (ال),
    ``stem``, ``pron`` (attached pronoun). ``form`` is the dictionary spelling of the
    segment when it differs from the surface (``حكومت`` -> ``حكومة``, ``ل`` of ``لل`` -> ``ال``).
    """

    text: str
    start: int
    end: int
    kind: str = "stem"
    form: str | None = None


@dataclass(frozen=True, slots=True)
class Token(_SpanMixin):
    """A surface token. ``kind``: word | number | punct | symbol | latin."""

    text: str
    start: int
    end: int
    kind: str = "word"
    segments: tuple[Segment, ...] = ()

    @property
    def stem(self) -> Segment | None:
        for seg in self.segments:
            if seg.kind == "stem":
                return seg
        return None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Token":
        segs = tuple(Segment.from_dict(s) for s in data.get("segments", ()))
        return _from_mapping(cls, data, segments=segs)


@dataclass(frozen=True, slots=True)
class Sentence(_SpanMixin):
    """A sentence; ``zone`` is the document zone it lies in (title, body, ...).

    ``lang`` is ``"ar"`` for Arabic, another ISO 639-1 code (``fa``, ``ur``, ``ps``, ``ku``)
    for a sentence in another Arabic-script language, which Arabic-only components leave
    alone, or ``None`` when it has no Arabic-script letter (see :mod:`arabic_events.scripts`).
    """

    text: str
    start: int
    end: int
    zone: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Zone(_SpanMixin):
    """A region of the page: ``title``, ``dateline``, ``body``, ``boilerplate``."""

    text: str
    start: int
    end: int
    label: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Entity(_SpanMixin):
    """A named-entity mention. ``label``: PER | ORG | LOC | FAC (or a user label).

    ``canonical`` and ``cluster`` group mentions of one referent (spelling variants,
    short forms); ``source`` names the model or rule that produced the span.
    """

    text: str
    start: int
    end: int
    label: str
    source: str = ""
    score: float | None = None
    canonical: str | None = None
    cluster: int | None = None


@dataclass(frozen=True, slots=True)
class Quantity(_SpanMixin):
    """A quantity expression with its value.

    ``kind``: cardinal | ordinal | fraction | percent | multiple | vague (see
    docs/numbers.md); ``approx``: None or the approximation marker class (about,
    more_than, less_than, at_least, at_most, few, tens, hundreds, thousands, millions,
    billions).
    """

    text: str
    start: int
    end: int
    value: float | int | None
    kind: str = "cardinal"
    approx: str | None = None
    unit: str | None = None
    source: str = ""
    unit_start: int | None = None
    unit_end: int | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr(_SpanMixin):
    """A time expression with a TIMEX3-style value.

    ``kind``: date | time | duration | set | interval; ``mod``: START | MID | END |
    APPROX | BEFORE | AFTER | None. ``flags`` records problems such as a weekday that
    contradicts the date.
    """

    text: str
    start: int
    end: int
    value: str | None
    kind: str = "date"
    mod: str | None = None
    source: str = ""
    flags: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TimeExpr":
        return _from_mapping(cls, data, flags=tuple(data.get("flags", ())))


@dataclass(frozen=True, slots=True)
class Trigger(_SpanMixin):
    """The word(s) that evoke an event."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Argument(_SpanMixin):
    """An event argument: a role filled by a span.

    ``ref`` names the layer and index of the linked object, e.g. ``"entities:3"``;
    ``value`` is the quantity/time value; ``rule`` is the provenance: the cue that linked
    it (``"cue:subject"``, ``"cue:prep:في"``, ``"cue:support"``) or the document rule
    that found it (``"doc:sentence-prep"``, ``"doc:chain"``).
    """

    role: str
    text: str
    start: int
    end: int
    ref: str | None = None
    value: Any = None
    rule: str = ""


def _arg_or_none(data: Any) -> "Argument | None":
    return Argument.from_dict(data) if isinstance(data, Mapping) else None


@dataclass(frozen=True, slots=True)
class EventMention(_SpanMixin):
    """One mention of an event: its trigger span and what that mention says.

    ``text``/``start``/``end`` are the trigger; ``sentence`` the sentence index; ``rule``
    the trigger rule; ``arguments`` and the factuality fields are those of this mention
    alone (an :class:`Event` merges its mentions).
    """

    text: str
    start: int
    end: int
    sentence: int | None = None
    rule: str = ""
    arguments: tuple[Argument, ...] = ()
    polarity: str = "positive"
    modality: str = "asserted"
    genericity: str = "specific"
    tense: str = "past"
    time: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "EventMention":
        args = tuple(Argument.from_dict(a) for a in data.get("arguments", ()))
        return _from_mapping(cls, data, arguments=args)


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: who did what to whom, where, when, how many.

    ``trigger`` is the most informative mention's trigger and ``mentions`` every
    mention of the event in the document (headline, lead, restatement ...), in text
    order. ``arguments`` holds the best filler per role (several for ``multiple`` roles,
    quoted content and revised figures, each with its own span). Factuality:
    ``polarity`` (positive | negative), ``modality`` (asserted | reported | planned |
    hypothetical | demanded), ``genericity`` (specific | generic) and ``tense`` (past |
    present | future | historical). ``where`` is the most specific place of the event
    and ``where_in`` its containing place when the text states one; ``when`` is the
    time expression that dates it (``value`` resolved); all three are spans.
    """

    type: str
    trigger: Trigger
    arguments: tuple[Argument, ...] = ()
    time: str | None = None
    polarity: str = "positive"
    modality: str = "asserted"
    sentence: int | None = None
    frame: str = ""
    rule: str = ""
    id: str | None = None
    mentions: tuple[EventMention, ...] = ()
    genericity: str = "specific"
    tense: str = "past"
    where: Argument | None = None
    where_in: Argument | None = None
    when: Argument | None = None

    @property
    def start(self) -> int:
        return self.trigger.start

    @property
    def end(self) -> int:
        return self.trigger.end

    def args(self, role: str) -> list[Argument]:
        return [a for a in self.arguments if a.role == role]

    @property
    def historical(self) -> bool:
        """A background event outside the article's news period (``tense == "historical"``)."""
        return self.tense == "historical"

    @property
    def is_fact(self) -> bool:
        """Asserted or reported, positive, specific, past/present (not historical, not
        future): what ``facts_only`` keeps (``factual`` in ``to_dict()``)."""
        return (
            self.polarity == "positive"
            and self.modality in ("asserted", "reported")
            and self.genericity == "specific"
            and self.tense in ("past", "present")
        )

    def iter_spans(self) -> Iterator[tuple[str, Any]]:
        """Every span of the event: trigger, arguments, mentions and their arguments, where/when."""
        yield "events.trigger", self.trigger
        for arg in self.arguments:
            yield "events.argument", arg
        for m in self.mentions:
            yield "events.mention", m
            for arg in m.arguments:
                yield "events.mention.argument", arg
        for name in ("where", "where_in", "when"):
            a = getattr(self, name)
            if a is not None:
                yield "events." + name, a

    def to_dict(self) -> dict[str, Any]:
        """Every field, plus the derived ``historical`` and ``factual`` (:attr:`is_fact`)."""
        out = {name: _plain(getattr(self, name)) for name in _field_order(type(self))}
        out["historical"] = self.historical
        out["factual"] = self.is_fact
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Event":
        trig = Trigger.from_dict(data["trigger"])
        args = tuple(Argument.from_dict(a) for a in data.get("arguments", ()))
        mentions = tuple(EventMention.from_dict(m) for m in data.get("mentions") or ())
        return _from_mapping(
            cls, data, trigger=trig, arguments=args, mentions=mentions,
            where=_arg_or_none(data.get("where")), where_in=_arg_or_none(data.get("where_in")),
            when=_arg_or_none(data.get("when")),
        )


_PUBLISHED_FORMS = (
    "an ISO 8601 date such as '2020-03-29' (or a date-time such as '2020-03-29T10:00:00+03:00'), "
    "a datetime.date or a datetime.datetime, with a year from 1 to 9999"
)


# Arabic-Indic and Extended Arabic-Indic (Persian/Urdu) digits read as ASCII in dates
_DIGITS = {0x0660 + i: 0x30 + i for i in range(10)} | {0x06F0 + i: 0x30 + i for i in range(10)}


def parse_published(value: Any) -> _dt.date | None:
    """Parse a publication date given as ``str`` (ISO 8601), ``date`` or ``datetime``.

    The whole string must be an ISO date or date-time (``'2020-03-29'``,
    ``'2020-03-29T10:00'``, ``'2020-03-29 10:00:00Z'``): trailing text
    (``'2020-03-299'``, ``'2020-03-29junk'``) is an :class:`InputError`, not read as
    its first ten characters. Any year ``datetime.date`` holds (1-9999) is accepted.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        s = value.strip().translate(_DIGITS)
        if s.isascii():
            try:
                return _dt.date.fromisoformat(s)
            except ValueError:
                pass
            if len(s) > 10 and s[10] in "T ":
                try:
                    return _dt.datetime.fromisoformat(s).date()
                except ValueError:
                    pass
        raise InputError(f"published={value!r} is not a date; give {_PUBLISHED_FORMS}")
    raise InputError(
        f"published must be a str, date or datetime, not {type(value).__name__}; give {_PUBLISHED_FORMS}"
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: Any, what: str = "Doc text") -> str:
    """Return ``text`` when it can be analysed, else raise :class:`InputError`.

    Text must be a ``str`` without lone surrogates (U+D800-U+DFFF): they come from
    decoding with ``errors='surrogateescape'`` or from broken ``\\ud83d`` JSON escapes
    and cannot be written as UTF-8. They are rejected rather than replaced because
    ``doc.text`` is never rewritten.
    """
    if not isinstance(text, str):
        raise InputError(
            f"{what} must be str, not {type(text).__name__}; decode bytes first "
            "(e.g. data.decode('utf-8'))"
        )
    m = _SURROGATE.search(text)
    if m is not None:
        raise InputError(
            f"{what} contains a lone surrogate U+{ord(m.group()):04X} at offset {m.start()}, which is not "
            "valid Unicode (usually a decoding error); decode the input with errors='replace', or repair it "
            "with text.encode('utf-16', 'surrogatepass').decode('utf-16', 'replace')"
        )
    return text


def _token_view_starts(norm: Any, toks: list[Token], starts: list[int] | None = None):
    """The view offset of every token start (see Doc.token_view_starts): the tokens' own
    offsets (the same list) where the view keeps them (most news text), an int array where it
    drifts (harakat, tatweel, bidi marks dropped)."""
    if starts is None:
        starts = [t.start for t in toks]
    vs = norm.view_offsets(starts)
    return vs if vs is starts else _array("l", vs)


# Layers that hold spans with start/end/text, in to_dict order.
_SPAN_LAYERS: tuple[tuple[str, type], ...] = (
    ("sentences", Sentence),
    ("tokens", Token),
    ("entities", Entity),
    ("quantities", Quantity),
    ("times", TimeExpr),
)


@dataclass
class Doc:
    """An analysed document.

    ``text`` is the input exactly as given. Layers are lists of frozen span values;
    components fill them. ``published`` is the reference date for resolving relative
    time expressions and ``published_source`` says where it came from
    (``"argument"``, ``"dateline"`` or ``None``).
    """

    text: str
    published: _dt.date | None = None
    published_source: str | None = None
    zones: list[Zone] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _norm: Any = field(default=None, repr=False, compare=False)
    _token_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _zones_cache: Any = field(default=None, repr=False, compare=False)
    _sent_starts: Any = field(default=None, repr=False, compare=False)
    # (tokens list, view starts): set by the tokenizer, rebuilt when tokens change
    _words: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_text(self.text)
        self.published = parse_published(self.published)
        if self.published is not None and self.published_source is None:
            self.published_source = "argument"

    # ----------------------------------------------------------------- views
    @property
    def norm(self):
        """The normalized matching view (:class:`arabic_events.normalize.NormalizedText`)."""
        if self._norm is None:
            from .normalize import NormalizedText

            self._norm = NormalizedText(self.text)
        return self._norm

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    # ------------------------------------------------------------- structure
    def zone(self, label: str) -> Zone | None:
        for z in self.zones:
            if z.label == label:
                return z
        return None

    @property
    def body(self) -> Zone | None:
        """The article body zone, or ``None`` when structure detection did not run."""
        return self.zone("body")

    @property
    def title(self) -> Zone | None:
        return self.zone("title")

    def _zone_index(self) -> tuple:
        """Sorted starts and prefix-maximum ends of boilerplate and of content zones
        (rebuilt when ``zones`` changes), so :meth:`in_body` is a bisection."""
        zones = self.zones
        key = (id(zones), len(zones), zones[0] if zones else None, zones[-1] if zones else None)
        cache = self._zones_cache
        if cache is not None and cache[0][0] == key[0] and cache[0][1] == key[1] \
                and cache[0][2] is key[2] and cache[0][3] is key[3]:
            return cache[1]

        def index(labels: tuple[str, ...]) -> tuple[list[int], list[int]]:
            spans = sorted((z.start, z.end) for z in zones if z.label in labels)
            starts, maxend, m = [], [], -1
            for a, b in spans:
                starts.append(a)
                m = max(m, b)
                maxend.append(m)
            return starts, maxend

        built = (index(("boilerplate",)), index(("body", "title", "dateline")))
        self._zones_cache = (key, built)
        return built

    def in_body(self, start: int, end: int | None = None) -> bool:
        """True when the span lies in the title, dateline or body and in no boilerplate zone.

        Without structure annotation every span counts as body. Logarithmic in the
        number of zones (a sorted index is kept until ``zones`` changes).
        """
        if not self.zones:
            return True
        end = start if end is None else end
        (bp_starts, bp_maxend), (ct_starts, ct_maxend) = self._zone_index()
        # a boilerplate zone overlapping [start, max(end, start + 1))
        k = bisect.bisect_left(bp_starts, max(end, start + 1)) - 1
        if k >= 0 and bp_maxend[k] > start:
            return False
        # a content zone with z.start <= start and end <= z.end
        k = bisect.bisect_right(ct_starts, start) - 1
        return k >= 0 and ct_maxend[k] >= end

    # ---------------------------------------------------------------- tokens
    def _starts(self) -> list[int]:
        if self._token_starts is None or len(self._token_starts) != len(self.tokens):
            self._token_starts = [t.start for t in self.tokens]
        return self._token_starts

    def token_view_starts(self) -> Sequence[int]:
        """Where every token starts in the normalized view ``doc.norm.text``, parallel to
        ``doc.tokens``. A token's folded form is its text in the view,
        ``normalize(token.text)``, so it ends at ``start + len(normalize(token.text))``
        (:meth:`token_view_spans`, :meth:`token_folded`).

        The ``tokenizer`` component fills them as it tokenizes; they are rebuilt here when
        ``doc.tokens`` was replaced (a Doc from ``from_dict``, tokens set by hand)."""
        toks = self.tokens
        w = self._words
        if w is None or w[0] is not toks or len(w[1]) != len(toks):
            w = self._words = (toks, _token_view_starts(self.norm, toks))
        return w[1]

    def token_view_spans(self) -> tuple[Sequence[int], Sequence[int]]:
        """The span of every token in the normalized view: parallel ``(starts, ends)``,
        ``doc.norm.text[starts[i]:ends[i]] == normalize(doc.tokens[i].text)``."""
        starts = self.token_view_starts()
        ends = self.norm.view_offsets([t.end for t in self.tokens])
        return starts, ends

    def token_folded(self, i: int) -> str:
        """The folded form of ``doc.tokens[i]``: its text in the normalized view."""
        from .normalize import normalize

        return normalize(self.tokens[i].text)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping ``[start, end)``."""
        starts = self._starts()
        i = bisect.bisect_right(starts, start) - 1
        i = max(i, 0)
        out = []
        for tok in self.tokens[i:]:
            if tok.start >= end:
                break
            if tok.end > start:
                out.append(tok)
        return out

    def token_at(self, offset: int) -> Token | None:
        toks = self.tokens_in(offset, offset + 1)
        return toks[0] if toks else None

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence that contains ``offset``."""
        sents = self.sentences
        cache = self._sent_starts
        if cache is None or cache[0] is not sents or len(cache[1]) != len(sents) \
                or (sents and cache[2] is not sents[-1]):
            cache = self._sent_starts = (sents, [s.start for s in sents], sents[-1] if sents else None)
        starts = cache[1]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            if offset < self.sentences[i].end:
                return i
        return None

    def is_arabic(self, start: int, end: int | None = None) -> bool:
        """False when the span lies in a sentence detected as another Arabic-script language
        (Persian, Urdu, ...: ``Sentence.lang``); True otherwise, also without sentences."""
        if not self.sentences:
            return True
        i = self.sentence_index(start)
        if i is None:
            return True
        lang = self.sentences[i].lang
        return lang is None or lang == "ar"

    def in_sentence(self, layer: str, index: int) -> list:
        """Objects of ``layer`` that lie inside sentence ``index``."""
        sent = self.sentences[index]
        return [x for x in getattr(self, layer) if sent.start <= x.start and x.end <= sent.end]

    # ------------------------------------------------------------ invariants
    def iter_spans(self) -> Iterator[tuple[str, Any]]:
        """Every span of every layer, as ``(layer_name, span)``."""
        return self._iter_spans()

    def _iter_spans(self, tokens: bool = True) -> Iterator[tuple[str, Any]]:
        for z in self.zones:
            yield "zones", z
        for name, _ in _SPAN_LAYERS:
            if name == "tokens" and not tokens:
                continue
            for span in getattr(self, name):
                yield name, span
                if name == "tokens":
                    for seg in span.segments:
                        yield "segments", seg
        for ev in self.events:
            yield from ev.iter_spans()

    def check_offsets(self, component: str | None = None) -> None:
        """Raise :class:`OffsetError` unless every span's text matches ``doc.text``."""
        text = self.text
        n = len(text)
        # tokens and their segments (most of the spans) in one tight loop; the first bad
        # span is reported in iter_spans() order by the general loop below
        for tok in self.tokens:
            s, e = tok.start, tok.end
            if type(s) is not int or type(e) is not int or not 0 <= s <= e <= n or text[s:e] != tok.text:
                break
            for seg in tok.segments:
                s, e = seg.start, seg.end
                if type(s) is not int or type(e) is not int or not 0 <= s <= e <= n or text[s:e] != seg.text:
                    break
            else:
                continue
            break
        else:
            for layer, span in self._iter_spans(tokens=False):
                self._check_span(layer, span, component)
            return
        for layer, span in self.iter_spans():
            self._check_span(layer, span, component)

    def _check_span(self, layer: str, span: Any, component: str | None) -> None:
        n = len(self.text)
        ok = (
            isinstance(span.start, int)
            and isinstance(span.end, int)
            and 0 <= span.start <= span.end <= n
            and self.text[span.start : span.end] == span.text
        )
        if not ok:
            who = f" produced by component {component!r}" if component else ""
            raise OffsetError(
                f"{layer} span {span.text!r} [{span.start}:{span.end}]{who} does not match "
                f"doc.text[{span.start}:{span.end}] = {self.text[span.start:span.end]!r}"
            )

    # ----------------------------------------------------------- serialise
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_dict` rebuilds an equal Doc."""
        return {
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "zones": [z.to_dict() for z in self.zones],
            "sentences": [s.to_dict() for s in self.sentences],
            "tokens": [t.to_dict() for t in self.tokens],
            "entities": [e.to_dict() for e in self.entities],
            "quantities": [q.to_dict() for q in self.quantities],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "meta": _plain(self.meta),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Doc":
        """Rebuild a Doc from :meth:`to_dict` output.

        A malformed dict (not a mapping, a layer that is not a list, a span without
        ``text``/``start``/``end`` or with offsets that do not match ``text``) raises
        :class:`InputError` naming the place, never a bare ``TypeError``/``KeyError``.
        """
        if not isinstance(data, Mapping):
            raise InputError(f"Doc.from_dict needs a mapping such as Doc.to_dict() returns, not {type(data).__name__}")
        if "text" not in data:
            raise InputError("Doc.from_dict needs a 'text' key")
        doc = cls(
            text=check_text(data["text"], "Doc.from_dict: 'text'"),
            published=data.get("published"),
            published_source=data.get("published_source"),
        )
        if doc.published_source is not None and not isinstance(doc.published_source, str):
            raise InputError("Doc.from_dict: 'published_source' must be a string or null")
        doc.zones = _layer_from(data, "zones", Zone)
        for name, kind in _SPAN_LAYERS:
            setattr(doc, name, _layer_from(data, name, kind))
        doc.events = _layer_from(data, "events", Event)
        meta = data.get("meta", {})
        if meta is None:
            meta = {}
        if not isinstance(meta, Mapping):
            raise InputError(f"Doc.from_dict: 'meta' must be a mapping, not {type(meta).__name__}")
        doc.meta = dict(meta)
        try:
            doc.check_offsets()
        except OffsetError as exc:
            raise InputError(f"Doc.from_dict: {exc}") from None
        return doc

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        return (
            f"Doc({head!r}{'...' if len(self.text) > 40 else ''}, tokens={len(self.tokens)}, "
            f"entities={len(self.entities)}, quantities={len(self.quantities)}, "
            f"times={len(self.times)}, events={len(self.events)})"
        )

    # ------------------------------------------------ exports (arabic_events.export)
    def to_frame(self, layer: str = "entities"):
        """A pandas DataFrame of one layer (see :func:`arabic_events.export.to_frame`)."""
        from .export import to_frame

        return to_frame(self, layer)

    def to_conllu(self, doc_id: Any = None, *, multiword: bool = True) -> str:
        """The document as CoNLL-U (see :func:`arabic_events.export.to_conllu`)."""
        from .export import to_conllu

        return to_conllu(self, doc_id, multiword=multiword)


# Fields every serialised span must carry, with their types (bool is not an int offset).
_REQUIRED: dict[str, type | tuple[type, ...]] = {"text": str, "start": int, "end": int}


def _check_span_dict(item: Any, where: str, cls: type) -> None:
    if not isinstance(item, Mapping):
        raise InputError(f"Doc.from_dict: {where} must be a mapping, not {type(item).__name__}")
    names = _field_names(cls)
    for key, typ in _REQUIRED.items():
        if key not in names:
            continue
        if key not in item:
            raise InputError(f"Doc.from_dict: {where} has no {key!r}")
        v = item[key]
        if not isinstance(v, typ) or isinstance(v, bool):
            raise InputError(f"Doc.from_dict: {where}.{key} must be {typ.__name__}, not {type(v).__name__}")
    if "segments" in item:
        segs = item["segments"]
        if not isinstance(segs, (list, tuple)):
            raise InputError(f"Doc.from_dict: {where}.segments must be a list")
        for k, seg in enumerate(segs):
            _check_span_dict(seg, f"{where}.segments[{k}]", Segment)
    if cls is Event:
        _check_span_dict(item.get("trigger"), f"{where}.trigger", Trigger)
        args = item.get("arguments", ())
        if not isinstance(args, (list, tuple)):
            raise InputError(f"Doc.from_dict: {where}.arguments must be a list")
        for k, arg in enumerate(args):
            _check_span_dict(arg, f"{where}.arguments[{k}]", Argument)


def _layer_from(data: Mapping[str, Any], name: str, cls: type) -> list:
    items = data.get(name)
    if items is None:
        return []
    if not isinstance(items, (list, tuple)):
        raise InputError(f"Doc.from_dict: {name!r} must be a list, not {type(items).__name__}")
    out = []
    for i, item in enumerate(items):
        where = f"{name}[{i}]"
        _check_span_dict(item, where, cls)
        try:
            out.append(cls.from_dict(item))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise InputError(f"Doc.from_dict: {where} is malformed: {exc}") from None
    return out


def iter_layer_dicts(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [x.to_dict() for x in items]


def sorted_spans(items: Sequence[Any]) -> list[Any]:
    return sorted(items, key=lambda s: (s.start, -s.end))
