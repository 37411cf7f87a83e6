"""Within-document event coreference: mentions of one real event become one :class:`Event`.

The extractor first produces one event per trigger mention. :func:`merge_mentions` then
groups them (rules in docs/events.md, "One real event"):

- **Statement turns.** A STATEMENT mention joins the current speaker turn when it is a
  continuation word (أضاف، تابع، أوضح، أردف، مؤكدا، مشيرا ... listed in
  ``data/events/coref.yaml``) or has no speaker of its own, its speaker (if any) is the
  turn's speaker, no other speaker spoke in between and it lies at most
  ``turn_gap`` sentences after the turn's last mention. A speech verb of the same
  speaker in the same or the next sentence continues the turn too; anything else (a new
  speaker, a new non-continuation verb further on) opens a new turn.
- **Other frames.** A mention joins an earlier event of the same type when nothing
  conflicts (same polarity, compatible modality/genericity, no role filled by two
  different entities, dates within a day, equal ordinals, for non-casualty frames
  counts within 10%) and there is evidence that it is the same event: a role filled by
  the same entity (NER cluster, canonical name or text key), an equal count, a
  definite/anaphoric trigger ("الهجوم", "العملية") referring back to the last event of
  its type, the headline mention meeting its first body mention, or the two mentions
  sitting in one clause (verb + nominalisation).

The merged event keeps every mention (trigger span, sentence, rule, its own arguments
and factuality), takes the most informative mention as ``trigger``, and fills each role
from the mentions in that order: single-valued roles keep the best filler, ``multiple``
roles, quoted ``content`` and counts keep every distinct filler (a revised death toll
keeps both figures, each with its own span).
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any, Mapping, Sequence

from ..doc import Argument, Doc, Event, EventMention
from ..normalize import normalize
from .merge import _date_range, _keys_match, argument_keys
from .places import place_conflict, place_conflict_roles as _place_roles

__all__ = ["merge_mentions", "to_mention", "event_mentions"]

_LEX: dict[str, Any] | None = None



#: how many of a speaker turn's latest mentions are searched for its speaker (plus the first)
_TURN_LOOKBACK = 12
#: a person this many words or fewer into a sentence may be the subject of its speech verb
_SUBJECT_WORDS = 8
#: how many of an event's first and latest mentions a new mention's arguments are compared with
_GROUP_LOOKBACK = 12

def _lexicon() -> dict[str, Any]:
    global _LEX
    if _LEX is None:
        from .._data import load_yaml

        d = load_yaml("events/coref.yaml")
        _LEX = {
            "continuation": {normalize(x) for x in d["continuation_lemmas"]},
            "pure_continuation": {normalize(x) for x in d.get("pure_continuation_lemmas", [])},
            "anaphoric": {normalize(x) for x in d.get("anaphoric_heads", [])},
            "identity_roles": set(d["identity_roles"]),
            "count_roles": set(d["count_roles"]),
            "revisable_types": set(d.get("revisable_types", [])),
            "turn_gap": int(d.get("turn_gap", 2)),
            "same_speaker_gap": int(d.get("same_speaker_gap", 6)),
            "max_candidates": int(d.get("max_candidates", 12)),
            "anaphora_gap": int(d.get("anaphora_gap", 3)),
            "clause_words": int(d.get("clause_words", 4)),
            "content_roles": set(d.get("content_roles", ["content"])),
            "speaker_roles": set(d.get("speaker_roles", ["speaker"])),
            "statement_types": set(d.get("statement_types", ["STATEMENT"])),
            "subkinds": {
                t: {normalize(w): k for k, ws in kinds.items() for w in ws}
                for t, kinds in (d.get("subkinds") or {}).items()
            },
            "dropped_next": {normalize(x) for x in d.get("dropped_subject_next", [])},
            "underspecified_gap": int(d.get("underspecified_gap", 0)),
            "once_roles": {t: tuple(v) for t, v in (d.get("once_roles") or {}).items()},
            "new_event_next": {normalize(x) for x in d.get("new_event_next", [])},
            "precedence": {k: tuple(v) for k, v in (d.get("frame_precedence") or {}).items()},
            "anaphoric_speakers": {normalize(x) for x in d.get("anaphoric_speakers", [])},
            "long_lived": set(d.get("long_lived_types", [])),
            "redescribing": {
                t: (tuple(v.get("into", ())), frozenset(v.get("subject_roles", ())))
                for t, v in (d.get("redescribing_verbs") or {}).items()
            },
            "condolence": {normalize(x) for x in d.get("condolence_lemmas", [])},
            "condolence_causes": set(d.get("condolence_causes", [])),
            "also_types": set(d.get("also_types", [])),
            "object_pronouns": {normalize(x) for x in d.get("object_pronouns", [])},
            "object_pronoun_lemmas": {normalize(x) for x in d.get("object_pronoun_lemmas", [])},
            "also_next": {normalize(x) for x in d.get("also_next", [])},
            "revised_before": {normalize(x) for x in d.get("revised_toll_before", [])},
            "breakdown_types": set(d.get("breakdown_types", [])),
            "object_types": set(d.get("object_types", [])),
            "object_preps": {normalize(x) for x in d.get("object_preps", [])},
            "object_window": int(d.get("object_window", 3)),
            "object_words": int(d.get("object_words", 4)),
            "object_stop": {normalize(x) for x in d.get("object_stop", [])},
            "object_generic": {_strip_al(normalize(x)) for x in d.get("object_generic", [])},
        }
    return _LEX


def _strip_al(w: str) -> str:
    return w[2:] if len(w) > 3 and w.startswith("ال") else w


def frame_precedence() -> Mapping[str, tuple[str, ...]]:
    """Specific frame -> the general frames it overrides on the same trigger word."""
    return _lexicon()["precedence"]


def to_mention(ev: Event) -> EventMention:
    """The mention view of a single-mention event."""
    return EventMention(
        ev.trigger.text, ev.trigger.start, ev.trigger.end, ev.sentence, ev.rule, ev.arguments,
        ev.polarity, ev.modality, ev.genericity, ev.tense, ev.time,
    )


def event_mentions(doc: Doc) -> list[Event]:
    """One :class:`Event` per mention (the per-mention view of ``doc.events``), in text order.

    Each has the mention's trigger, arguments and factuality, the type/frame of its event
    and ``id`` ``"<event id>.<k>"``.
    """
    out = []
    for ev in doc.events:
        ms = ev.mentions or (to_mention(ev),)
        for k, m in enumerate(ms):
            out.append(
                Event(
                    type=ev.type, trigger=_trigger(m), arguments=m.arguments, time=m.time, polarity=m.polarity,
                    modality=m.modality, sentence=m.sentence, frame=ev.frame, rule=m.rule,
                    id=f"{ev.id}.{k}" if ev.id else None, mentions=(m,), genericity=m.genericity, tense=m.tense,
                )
            )
    out.sort(key=lambda e: (e.trigger.start, e.type))
    return out


def _trigger(m: EventMention):
    from ..doc import Trigger

    return Trigger(m.text, m.start, m.end)


# ------------------------------------------------------------------ keys
class _Keys:
    """Per-document cache of argument identity keys (and of mention objects)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.cache: dict[tuple[int, int, str | None], set[str]] = {}
        self.objects: dict[int, frozenset[str]] = {}

    def object_of(self, ev: Event, lex) -> frozenset[str]:
        got = self.objects.get(ev.trigger.start)
        if got is None:
            got = self.objects[ev.trigger.start] = _object_words(self.doc, ev, lex)
        return got

    def of(self, a: Argument) -> set[str]:
        k = (a.start, a.end, a.ref)
        got = self.cache.get(k)
        if got is None:
            got = set(argument_keys(self.doc, a))
            if a.ref and a.ref.startswith("entities:"):
                try:
                    ent = self.doc.entities[int(a.ref.split(":", 1)[1])]
                except (ValueError, IndexError):
                    ent = None
                if ent is not None and ent.cluster is not None:
                    got.add(f"k:{ent.cluster}")
            self.cache[k] = got
        return got


def _named(a: Argument) -> bool:
    return bool(a.ref and a.ref.startswith("entities:"))


def _num(a: Argument) -> float | None:
    v = a.value
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


# -------------------------------------------------------------- clusters
class _Group:
    __slots__ = ("type", "mentions", "events", "last_sentence", "title_only")

    def __init__(self, ev: Event, in_title: bool) -> None:
        self.type = ev.type
        self.events = [ev]
        self.last_sentence = ev.sentence
        self.title_only = in_title

    def add(self, ev: Event, in_title: bool) -> None:
        self.events.append(ev)
        if ev.sentence is not None:
            self.last_sentence = ev.sentence
        self.title_only = self.title_only and in_title

    def args(self, role: str) -> list[Argument]:
        """Arguments of ``role`` a new mention is compared with: those of the group's first
        and latest ``_GROUP_LOOKBACK`` mentions (all of them in a group of at most twice
        that; the bound keeps an event mentioned thousands of times linear)."""
        evs = self.events
        if len(evs) > 2 * _GROUP_LOOKBACK:
            evs = evs[:_GROUP_LOOKBACK] + evs[-_GROUP_LOOKBACK:]
        return [a for e in evs for a in e.arguments if a.role == role]


def _fact_class(ev: Event) -> tuple:
    real = ev.modality in ("asserted", "reported")
    return (ev.polarity, real, ev.genericity, ev.tense == "future", ev.tense == "historical")


def _subkind(ev: Event, lex) -> str:
    table = lex["subkinds"].get(ev.type)
    if not table:
        return ""
    return table.get(_lemma(ev), "other")


def _np_words(a: Argument) -> set[str]:
    return {w for w in normalize(a.text).split() if len(w) >= 3}


def _dropped_subject(doc: Doc, ev: Event, lex) -> bool:
    """The speech verb's subject is dropped: أن/إن, a preposition, a colon or a quote follows."""
    rest = doc.text[ev.trigger.end: ev.trigger.end + 40]
    # the trigger may end before attached letters of its word ("وأضافوا")
    k = 0
    while k < len(rest) and not rest[k].isspace() and rest[k] not in ':"«“':
        k += 1
    rest = rest[k:].lstrip()
    if not rest or rest[0] in ':"«“،,':
        return True
    nxt = normalize(rest.split()[0]).strip('"«»“”:،,.')
    return nxt in lex["dropped_next"] or nxt[:2] in ("ان",)


def _shares_named(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    return any(
        _keys_match(keys.of(a), keys.of(b))
        for a in ev.arguments
        if a.role in lex["identity_roles"] and _named(a)
        for b in g.args(a.role)
        if _named(b)
    )


def _fact_compatible(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    """Same factuality class; or they differ only in the background reading and share a
    named participant ("التحقيق في مقتل ريان" and "مقتل ريان صباح السبت" are one killing)."""
    a, b = _fact_class(g.events[0]), _fact_class(ev)
    if a == b:
        return True
    told = ("asserted", "reported", "planned")
    if (
        ev.type in lex["long_lived"] and (a[0], a[2], a[4]) == (b[0], b[2], b[4])
        and g.events[0].modality in told and ev.modality in told
    ):
        return True  # an election is told as planned and as under way: one vote (not a hypothetical one)
    return a[:4] == b[:4] and _shares_named(g, ev, keys, lex)


def _has_count(ev: Event, lex) -> bool:
    return any(a.role in lex["count_roles"] and _num(a) is not None for a in ev.arguments)


def _also(doc: Doc, ev: Event, lex) -> bool:
    """"قتل أيضا X": the next word after the trigger's word is أيضا/كذلك."""
    if ev.type not in lex["also_types"]:
        return False
    rest = doc.text[ev.trigger.end: ev.trigger.end + 30]
    k = 0
    while k < len(rest) and not rest[k].isspace():
        k += 1
    nxt = rest[k:].split()[:1]
    return bool(nxt) and normalize(nxt[0]).strip(_PUNCT + '"«»“”') in lex["also_next"]


def _pronoun_object(doc: Doc, ev: Event, g: _Group, lex) -> bool:
    """"بإطلاق النار عليه وقتله": a casualties verb (or its verbal noun) with an attached pronoun, at most
    `anaphora_gap` sentences after the latest toll of its kind, kills the one just told."""
    if ev.type not in lex["also_types"] or not (ev.rule or "").startswith(("trigger:past:", "trigger:noun:")):
        return False
    if _lemma(ev) not in lex["object_pronoun_lemmas"]:
        return False  # "لقي 12 آخرون مصرعهم": the pronoun is the new victims, not the ones told
    if ev.sentence is None or g.last_sentence is None or not 0 <= ev.sentence - g.last_sentence <= lex["anaphora_gap"]:
        return False
    rest = doc.text[ev.trigger.end: ev.trigger.end + 4]
    k = 0
    while k < len(rest) and rest[k] in "\u0647\u0627\u0645\u0646":  # ه ا م ن: ه، ها، هم، هما، هن
        k += 1
    return 0 < k and normalize(rest[:k]) in lex["object_pronouns"] and (k == len(rest) or not rest[k].isalpha())


def _revised_toll(doc: Doc, ev: Event, lex) -> bool:
    """"... إلى 11 قتيلا": the mention's count comes right after إلى."""
    if not lex["revised_before"] or ev.type not in lex["also_types"]:
        return False  # "إضافة إلى ثلاث غارات" adds raids, it revises no toll
    for a in ev.arguments:
        if a.role in lex["count_roles"] and _num(a) is not None:
            prev = doc.text[max(0, a.start - 12): a.start].split()[-1:]
            if prev and normalize(prev[0]) in lex["revised_before"]:
                return True
    return False


def _soft_conflict(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    """The conflicts that hold even for a mention that adds to an event: factuality, kind,
    places that cannot hold one event."""
    if not _fact_compatible(g, ev, keys, lex) or _subkind(g.events[0], lex) != _subkind(ev, lex):
        return True
    for a in ev.arguments:
        if a.role in _place_roles() and not any(
                _keys_match(keys.of(a), keys.of(b)) for b in g.args(a.role) if _named(a) and _named(b)) and any(
                place_conflict(a.text, b.text) and not _nested_names(a, b) for b in g.args(a.role)):
            return True
    return False


def _nested_names(a: Argument, b: Argument) -> bool:
    """One place name's words contain the other's ("العدين" / "حزم العدين")."""
    wa, wb = _bare_words(a), _bare_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _object_words(doc: Doc, ev: Event, lex) -> frozenset[str]:
    """The content words of the object after the trigger's preposition ("السيطرة على مدينة
    زنجبار" -> {زنجبار}); empty when there is none or it has only class nouns."""
    rest = doc.text[ev.trigger.end: ev.trigger.end + 120]
    k = 0
    while k < len(rest) and not rest[k].isspace() and rest[k] not in _PUNCT:
        k += 1  # the rest of the trigger's word ("سيطرتها")
    words = rest[k:].split()
    out: set[str] = set()
    for i, raw in enumerate(words[: lex["object_window"] + 1]):
        if any(ch in _PUNCT for ch in raw):
            break
        if normalize(raw) not in lex["object_preps"]:
            continue
        for w in words[i + 1: i + 1 + lex["object_words"]]:
            cut = any(ch in _PUNCT for ch in w)
            w = normalize(w.strip(_PUNCT + '"«»“”()'))
            if not w or w in lex["object_stop"] or w in lex["object_preps"]:
                break
            if len(w) > 3 and w[0] in "بلك" and w[1:3] == "ال":
                break  # a prepositional phrase ("بالمحافظة") ends the object
            if len(w) > 3 and w[0] in "وف":
                w = w[1:]
            w = _strip_al(w)
            if len(w) >= 3 and w not in lex["object_generic"]:
                out.add(w)
            if cut:
                break
        break
    return frozenset(out)


_PUNCT = "،,.؛;:!?؟()[]\n"


def _object_conflict(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    """Two captures of different objects ("السيطرة على مديرية لودر" / "... على مدينة زنجبار")."""
    if ev.type not in lex["object_types"]:
        return False
    mine = keys.object_of(ev, lex)
    if not mine:
        return False
    theirs = [keys.object_of(e, lex) for e in g.events[:_GROUP_LOOKBACK] + g.events[-_GROUP_LOOKBACK:]]
    theirs = [o for o in theirs if o]
    return bool(theirs) and not any(mine & o for o in theirs)


def _object_news(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    """A mention that names its object ("السيطرة على مديرية لودر") does not fall back onto an
    event that names none ("تقدمها الميداني", an aggregate advance): it tells a capture of its own."""
    return ev.type in lex["object_types"] and bool(keys.object_of(ev, lex)) and not any(
        keys.object_of(e, lex) for e in g.events[:_GROUP_LOOKBACK] + g.events[-_GROUP_LOOKBACK:])


def _conflict(g: _Group, ev: Event, keys: _Keys, lex) -> bool:
    if not _fact_compatible(g, ev, keys, lex) or _subkind(g.events[0], lex) != _subkind(ev, lex):
        return True
    if _object_conflict(g, ev, keys, lex):
        return True
    once = lex["once_roles"].get(ev.type, ())
    same_once = bool(once) and any(
        _keys_match(keys.of(a), keys.of(b))
        for a in ev.arguments
        if a.role in once and _named(a)
        for b in g.args(a.role)
        if _named(b)
    )
    for a in ev.arguments:
        if a.role == "time":
            if same_once:
                continue  # one named person is killed once: a differing date is a misread time
            ra = _date_range(a.value if isinstance(a.value, str) else None)
            for b in g.args("time"):
                rb = _date_range(b.value if isinstance(b.value, str) else None)
                if ra and rb and (ra[1] - ra[0]).days == 0 and (rb[1] - rb[0]).days == 0 and ra != rb:
                    return True
            continue
        if a.role in lex["count_roles"] or a.role == "ordinal":
            va = _num(a)
            if va is None:
                continue
            if a.role != "ordinal" and ev.type in lex["revisable_types"]:
                continue  # a revised toll is the same event with a new figure
            for b in g.args(a.role):
                vb = _num(b)
                if vb is not None and abs(va - vb) > 0.1 * max(abs(va), abs(vb)):
                    return True
            continue
        if a.role not in lex["identity_roles"]:
            continue
        if a.role in _place_roles():
            # places are named at several scales ("تفجير عسير" / "في مدينة أبها"): only two
            # places that cannot hold one event conflict (places.py `place_conflict`)
            if not any(_keys_match(keys.of(a), keys.of(b)) for b in g.args(a.role) if _named(a) and _named(b)) and any(
                    place_conflict(a.text, b.text) for b in g.args(a.role)):
                return True
            continue
        if not _named(a):
            if ev.type in lex["breakdown_types"] and _is_anaphoric(ev, lex) and (
                    _has_count(ev, lex) or any(_has_count(e, lex) for e in g.events[-_GROUP_LOOKBACK:])):
                continue  # a toll broken down: "28 عنصرا" ... "تسعة من القتلى هم من المدنيين"
            # two noun phrases with no word in common ("القوات الكردية" / "شخصا"); the
            # article does not count ("المجموعة" refers back to "مجموعة يسارية")
            nps = [b for b in g.args(a.role) if not _named(b)]
            wa = _bare_words(a)
            if nps and wa and not any(_bare_words(b) & wa for b in nps) and not any(_named(b) for b in g.args(a.role)):
                return True
            continue
        others = [b for b in g.args(a.role) if _named(b)]
        if others and not any(_keys_match(keys.of(a), keys.of(b)) for b in others):
            return True
    return False


def _evidence(
    g: _Group, ev: Event, keys: _Keys, lex, doc: Doc, in_title: bool, anaphoric: bool, last_of_type: bool, long_lived: bool = False
) -> str | None:
    for a in ev.arguments:
        if a.role in lex["identity_roles"]:
            if a.role in _place_roles():
                if a.rule == "cue:chain":
                    continue  # a containing place ("... بمحافظة X") tells no event apart
                if any(normalize(a.text) == normalize(b.text) for b in g.args(a.role)):
                    return "shared-" + a.role  # the same place, named or not ("في بلدة X")
            for b in g.args(a.role):
                if (_named(a) or _named(b)) and _keys_match(keys.of(a), keys.of(b)):
                    return "shared-" + a.role
                if not _named(a) and not _named(b) and len(_np_words(a)) >= 2 and _np_words(a) == _np_words(b):
                    return "shared-" + a.role  # the same specific phrase ("ضابط إماراتي")
        if a.role in lex["count_roles"]:
            va = _num(a)
            if va is not None and any(_num(b) == va for b in g.args(a.role)):
                return "same-count"
    if last_of_type and _refers_back(g, ev, lex):
        return "definite-participant"
    if g.title_only and not in_title:
        return "headline"
    gap = None if (ev.sentence is None or g.last_sentence is None) else ev.sentence - g.last_sentence
    if anaphoric and last_of_type and (gap is None or long_lived or gap <= lex["anaphora_gap"]):
        return "anaphora"
    if last_of_type and gap is not None and 0 <= gap <= lex["underspecified_gap"] and (
        not _identity(ev, lex) or not any(_identity(e, lex) for e in g.events)
    ) and not _new_event(doc, ev, lex):
        # one side names no participant or place: nothing tells it apart from the
        # latest event of its type ("حدوث تفجير" after "منفذ تفجير عسير")
        return "underspecified"
    last = g.events[-1]
    if last.sentence == ev.sentence and last.sentence is not None:
        lo, hi = sorted((last.trigger.end, ev.trigger.start))
        gap = doc.text[lo:hi]
        if len(gap.split()) <= lex["clause_words"] and not any(ch in gap for ch in "،,.؛;:!?؟\n"):
            return "same-clause"
    return None


def _refers_back(g: _Group, ev: Event, lex) -> bool:
    """A definite noun-phrase participant whose words all occur in a more specific
    participant (two words or more) of the same role of the latest event of the type
    ("إسقاط الطائرة" after "إسقاط الطائرة الماليزية"): the definite noun refers back to it."""
    for a in ev.arguments:
        if a.role not in lex["identity_roles"] or _named(a) or not _definite(a):
            continue
        wa = _bare_words(a)
        # the antecedent is a specific phrase of two words or more: one generic word on both
        # sides ("القوات" ... "القوات") identifies nothing
        if wa and any(not _named(b) and len(_bare_words(b)) >= 2 and wa <= _bare_words(b) for b in g.args(a.role)):
            return True
    return False


def _identity(ev: Event, lex) -> bool:
    """The mention names something that tells its event apart: a named or definite
    participant, or a count. An indefinite noun phrase ("شخص انتحاري", "مسلحون") does not."""
    return any(
        a.role in lex["count_roles"] or (a.role in lex["identity_roles"] and (_named(a) or _definite(a)))
        for a in ev.arguments
    )


def _definite(a: Argument) -> bool:
    w = normalize(a.text).split()[:1]
    if not w:
        return False
    w0 = w[0].strip('"«»“”()')
    return w0.startswith("ال") or (len(w0) > 3 and w0[0] in "وفبل" and w0[1:3] == "ال")


def _new_event(doc: Doc, ev: Event, lex) -> bool:
    """The mention announces another event of its kind ("هجوم آخر", "تفجير ثان")."""
    nxt = doc.text[ev.trigger.end: ev.trigger.end + 30].split()
    return bool(nxt) and normalize(nxt[0]).strip('"«»“”:،,.') in lex["new_event_next"]


def _is_anaphoric(ev: Event, lex) -> bool:
    w = normalize(ev.trigger.text)
    if w[:1] in ("و", "ف") and w[1:3] == "ال":
        w = w[1:]
    return w.startswith("ال") or w in lex["anaphoric"]


def _lil_definite(doc: Doc, ev: Event) -> bool:
    """"للانتخابات": the trigger span starts after the first ل of لل (annotation.md), so its
    text begins with the ل of the article: the noun is definite."""
    t = ev.trigger
    return t.start > 0 and t.text[:1] == "\u0644" and doc.text[t.start - 1] == "\u0644"


def _construct_definite(doc: Doc, ev: Event) -> bool:
    """"انتخابات المجلس البلدي": the trigger word (no suffix) is the head of a construct whose
    genitive is definite, so the noun phrase is definite."""
    t = ev.trigger
    rest = doc.text[t.end: t.end + 30]
    if not rest[:1].isspace():
        return False  # an attached pronoun or more letters: not a bare construct head
    nxt = rest.split()[:1]
    return bool(nxt) and normalize(nxt[0]).startswith("ال") and len(nxt[0]) > 3


def _bare_words(a: Argument) -> set[str]:
    out = set()
    for w in normalize(a.text).split():
        w = w.strip('"«»“”()')
        if len(w) > 4 and w[0] in "وفبل" and w[1:3] == "ال":
            w = w[1:]
        if len(w) > 3 and w.startswith("ال"):
            w = w[2:]
        if len(w) >= 3:
            out.add(w)
    return out


def _same_speaker(a: Argument, b: Argument, keys: _Keys) -> bool:
    """The same speaker: entity keys match, or one name's words contain the other's
    ("الشهري" / "ناصر الشهري", "المصدر" / "مصدر عسكري")."""
    if _keys_match(keys.of(a), keys.of(b)):
        return True
    wa, wb = _bare_words(a), _bare_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _indefinite_speaker(a: Argument) -> bool:
    """A common-noun speaker in indefinite form ("مصادر محلية"، "مصدر أمني"، "خبراء"): no
    entity, and neither of its first two words has the article (a genitive "رئيس الوزراء" is
    definite)."""
    if _named(a):
        return False
    w = [x.strip('"«»“”()') for x in normalize(a.text).split()[:2]]
    return bool(w) and not any(x.startswith("ال") or (len(x) > 3 and x[0] in "وفبل" and x[1:3] == "ال") for x in w)


def _anaphoric_speaker(a: Argument, lex: Mapping[str, Any]) -> bool:
    """A speaker that is one definite role noun and no name ("الخبير", "المصدر")."""
    if _named(a):
        return False
    w = normalize(a.text).split()
    return len(w) == 1 and w[0].startswith("ال") and w[0][2:] in lex["anaphoric_speakers"]


def _lemma(ev: Event) -> str:
    rule = ev.rule or ""
    return normalize(rule.rsplit(":", 1)[-1]) if ":" in rule else ""


def _in_title(doc: Doc, ev: Event) -> bool:
    z = doc.title
    return z is not None and z.start <= ev.trigger.start < z.end


def merge_mentions(
    doc: Doc, events: Sequence[Event], frames: Mapping[str, Any] | None = None, bare: set[int] | frozenset = frozenset(),
    weak: set[int] | frozenset = frozenset(),
) -> list[Event]:
    """Group per-mention events of ``doc`` into real events (see the module docstring).

    ``bare`` holds the trigger starts of noun mentions without a core argument: such a
    mention only joins an earlier event of its type (never opens one). ``weak`` ones
    ("مقتله") join such an event too, but open one when there is none.
    """
    lex = _lexicon()
    keys = _Keys(doc)
    groups: list[_Group] = []
    by_type: dict[str, list[_Group]] = {}  # the groups of each type, in order (no scan past other types)
    last_by_type: dict[tuple[str, str], _Group] = {}
    turn: _Group | None = None
    prev_turn: _Group | None = None  # the turn before the current one
    ents = _EntityIndex(doc)
    causes = any(e.type in lex["condolence_causes"] for e in events)
    for ev in sorted(events, key=lambda e: (e.trigger.start, e.type)):
        title = _in_title(doc, ev)
        if ev.type in lex["statement_types"]:
            joined = False
            if turn is not None and turn.type == ev.type:
                spk = [a for a in ev.arguments if a.role in lex["speaker_roles"]]
                # the turn's speakers: its first mention and its latest ones (a bounded look-back
                # keeps a document of thousands of speech verbs linear)
                recent = turn.events[:1] + turn.events[-_TURN_LOOKBACK:] if len(turn.events) > _TURN_LOOKBACK + 1 else turn.events
                tspk = [a for e in recent for a in e.arguments if a.role in lex["speaker_roles"]]
                same = bool(spk) and bool(tspk) and any(_same_speaker(a, b, keys) for a in spk for b in tspk)
                if not same and spk and any(_named(b) for b in tspk) and all(_anaphoric_speaker(a, lex) for a in spk):
                    same = True  # "وأكد الخبير" after the named expert's turn: the same speaker
                if not same and spk and tspk and _title_of_speaker(doc, spk, tspk, keys, ents, ev.trigger.start):
                    same = True  # "وأضاف محافظ الطائف" after "محافظ الطائف فهد ... بن معمر" and "قال بن معمر"
                if same and _lemma(ev) not in lex["continuation"] and all(_indefinite_speaker(a) for a in spk):
                    # "في حين أفادت مصادر محلية في محافظة إب" after "وأضافت المصادر" (of another
                    # province): an indefinite speaker introduces a new source (speech.py turns)
                    same = False
                gap = None if (ev.sentence is None or turn.last_sentence is None) else ev.sentence - turn.last_sentence
                cont = _lemma(ev) in lex["continuation"]
                if gap is not None and gap >= 0 and _fact_class(turn.events[0]) == _fact_class(ev) and (
                    (same and gap <= lex["same_speaker_gap"])
                    or (not spk and gap <= lex["turn_gap"] and (cont or _dropped_subject(doc, ev, lex))
                        and not _other_person_before(doc, turn, ev, tspk, keys, ents, lex))
                    # "وأضاف المزروع" after a turn whose speaker was not linked ("وقال: ..."): the
                    # continuation word says the same speaker goes on
                    or (
                        spk and not tspk and _lemma(ev) in lex["pure_continuation"] and gap <= lex["turn_gap"]
                        # not after a narrative imperfect ("يأتي الكافر يقول ..." inside a quote)
                        and not (turn.events[0].rule or "").startswith("trigger:present")
                    )
                ):
                    turn.add(ev, title)
                    joined = True
                elif (
                    spk and (not tspk or _place_only(doc, turn, tspk)) and gap is not None and 0 <= gap <= lex["same_speaker_gap"]
                    and _fact_class(turn.events[0]) == _fact_class(ev)
                    and (_named_in_turn(doc, turn, spk, keys, ents, ev.trigger.start) or _anaphor_in_turn(doc, turn, spk, lex))
                ):
                    turn.add(ev, title)  # "وبين ... المهندس حسن خنكار أنه ..." then "وأفاد الخنكار": one speaker
                    joined = True
                elif turn.title_only and not title and _headline_restated(turn, ev, spk, keys, lex):
                    turn.add(ev, title)  # "ليبيا تحذر" (headline) ... "حذرت السلطات الليبية": one statement
                    joined = True
                elif (
                    spk and not tspk and prev_turn is not None
                    and all((e.rule or "").startswith("trigger:present") for e in turn.events)
                    and _resumes(prev_turn, ev, spk, keys, lex)
                ):
                    # "وقال الفنيسان ... يقول [a speakerless narrative imperfect] ... وأضاف
                    # الفنيسان": nobody else was named in between, the earlier speaker goes on
                    prev_turn.add(ev, title)
                    turn, prev_turn = prev_turn, None
                    joined = True
            if not joined:
                g = _Group(ev, title)
                groups.append(g)
                by_type.setdefault(g.type, []).append(g)
                if turn is not None and _embedded(turn, ev, lex):
                    continue  # a speech act told inside the current quote does not end the turn
                turn, prev_turn = g, turn
            continue
        host = _redescribed(doc, ev, by_type, lex)
        if host is not None:
            host.add(replace(ev, type=host.type, frame=host.events[0].frame), title)
            continue
        best = None
        kind0 = (ev.type, _subkind(ev, lex))
        prev_g = last_by_type.get(kind0)
        if _lemma(ev) in lex["condolence"]:
            # "ذوي الضحايا"، "يمن على المصابين بالشفاء": the casualties the article told, if any
            if prev_g is not None and not _soft_conflict(prev_g, ev, keys, lex):
                prev_g.add(ev, title)
                continue
            if not causes:
                continue  # no attack told: a programme for martyrs' families, not a toll
        if prev_g is not None and (_also(doc, ev, lex) or _pronoun_object(doc, ev, prev_g, lex) or (
            _revised_toll(doc, ev, lex) and ev.sentence is not None and prev_g.last_sentence is not None
            and 0 <= ev.sentence - prev_g.last_sentence <= 1
        )) and not _soft_conflict(prev_g, ev, keys, lex):
            prev_g.add(ev, title)  # "فقد قتل أيضا X", "ارتفعت الحصيلة إلى 11 قتيلا": the same toll
            continue
        long_lived = ev.type in lex["long_lived"]
        anaphoric = ev.trigger.text and (
            _is_anaphoric(ev, lex) or _lil_definite(doc, ev) or (long_lived and _construct_definite(doc, ev))
        )
        kind = (ev.type, _subkind(ev, lex))  # "الجفاف" refers back to the latest drought, not to a fire told since
        tried = 0
        compatible_seen = False
        for g in reversed(by_type.get(ev.type, ())):
            tried += 1
            if tried > lex["max_candidates"]:
                break  # bounded: a mention looks back at the last few events of its type
            if _conflict(g, ev, keys, lex):
                continue
            # a long-lived event ("الانتخابات") is referred back to from the latest compatible
            # event of its type, however far back
            latest = (long_lived and not compatible_seen and _subkind(g.events[0], lex) == kind[1]) or last_by_type.get(kind) is g
            compatible_seen = True
            why = _evidence(g, ev, keys, lex, doc, title, anaphoric, latest, long_lived)
            if why and why not in ("shared-place", "shared-target", "same-clause") and _object_news(g, ev, keys, lex):
                continue  # "السيطرة على مديرية لودر" after "تقدمها الميداني": not that advance
            if why:
                best = g
                break
        if best is None and (ev.trigger.start in bare or ev.trigger.start in weak):
            # a bare noun ("هذه الهجمات") refers back to the latest compatible event of its type
            best = next(
                (g for g in reversed(groups[-lex["max_candidates"] * 4:])
                 if g.type == ev.type and not _conflict(g, ev, keys, lex) and not _object_news(g, ev, keys, lex)),
                None,
            )
            if best is None and ev.trigger.start in bare:
                continue  # a bare noun with nothing to refer to is no event
        if best is None:
            best = _Group(ev, title)
            groups.append(best)
            by_type.setdefault(best.type, []).append(best)
        else:
            best.add(ev, title)
        last_by_type[kind] = best
    frames = frames or {}
    out = [_combine(doc, g, frames, lex) for g in groups]
    out.sort(key=lambda e: (e.mentions[0].start if e.mentions else e.trigger.start, e.type))
    return out


def _redescribed(doc: Doc, ev: Event, by_type: Mapping[str, list[_Group]], lex) -> _Group | None:
    """The event of a more specific frame that a coordinated, subjectless verb of a general
    frame re-describes in the same sentence ("التفجير الذي وقع في مسجد ... واستهدف المصلين")."""
    spec = lex["redescribing"].get(ev.type)
    if spec is None or ev.sentence is None or not (ev.rule or "").startswith(("trigger:past:", "trigger:present:")):
        return None
    into, subject_roles = spec
    if any(a.role in subject_roles for a in ev.arguments):
        return None
    s = ev.trigger.start
    if s == 0 or doc.text[s - 1] not in "وف":
        return None
    best = None
    for t in into:
        for g in reversed(by_type.get(t, ())[-3:]):
            last = g.events[-1]
            if last.sentence == ev.sentence and last.trigger.start < s and _fact_class(last) == _fact_class(ev):
                if best is None or last.trigger.start > best.events[-1].trigger.start:
                    best = g
                break
    if best is None:
        return None
    # nothing of the general frame told in between ("التفجير ... وهاجم مسلحون ... واستهدف")
    if any(g.events[-1].sentence == ev.sentence and g.events[-1].trigger.start > best.events[-1].trigger.start
           for g in by_type.get(ev.type, ())[-3:]):
        return None
    return best


def _other_person_before(
    doc: Doc, turn: _Group, ev: Event, tspk: Sequence[Argument], keys: _Keys, ents: "_EntityIndex", lex
) -> bool:
    """A speakerless mention's own sentence (not that of the turn's last mention) names,
    before it, a person who is not the turn's speaker and not inside its reported clauses
    ("من جهته، القيادي ... النائب فريد الخازن لوّح بـ...، وقال: ..."): that person speaks,
    the mention does not continue the turn (speech.py turns, docs/events.md)."""
    i = ev.sentence
    if not tspk or i is None or not doc.sentences or not 0 <= i < len(doc.sentences):
        return False  # (a turn without a linked speaker may be that person's: "يشير إلى رضاه ... وقال")
    last = turn.events[-1]
    if last.sentence == i:
        return False  # a person after the turn's verb in its own sentence is its object ("أكد ... بقرارات العبادي، وقال")
    lo = doc.sentences[i].start
    inner = [(a.start, a.end) for e in turn.events[-_TURN_LOOKBACK:] for a in e.arguments if a.role in lex["content_roles"]]
    for p in ents.persons_in(lo, ev.trigger.start):
        if len(doc.text[lo: p.start].split()) > _SUBJECT_WORDS:
            break  # only a person at the head of the sentence is its subject (not "... على مرسي")
        if any(s <= p.start < e for s, e in inner):
            continue
        if tspk and any(_same_speaker(p, b, keys) for b in tspk):
            continue
        if any(not _person(doc, b) and doc.text[max(p.start - len(b.text) - 2, 0): p.start].strip(" ،,").endswith(b.text) for b in tspk):
            continue  # "قائد النصر حسين عبدالغني" after the turn of "قائد النصر": the same person
        return True
    return False


def _embedded(turn: _Group, ev: Event, lex) -> bool:
    """The mention lies inside the reported content of the turn's latest mention and names no
    speaker of its own ("نحرص على ... وهذا ما أكدنا عليه" inside the speaker's quote): it is
    a STATEMENT of its own, but the speaker of the turn goes on speaking after it."""
    if any(a.role in lex["speaker_roles"] and _named(a) for a in ev.arguments):
        return False  # "... لكن دريك قال إن": a named speaker takes the floor
    last = turn.events[-1]
    return any(
        a.role in lex["content_roles"] and a.start <= ev.trigger.start and ev.trigger.end <= a.end
        for a in last.arguments
    )


class _EntityIndex:
    """The document's person entities by start offset (built once per merge call)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        order = sorted((e.start, i) for i, e in enumerate(doc.entities) if e.label == "PER")
        self.starts = [s for s, _ in order]
        self.ids = [i for _, i in order]

    def persons_in(self, start: int, end: int) -> list[Argument]:
        out = []
        k = bisect.bisect_left(self.starts, start)
        while k < len(self.starts) and self.starts[k] < end and len(out) < 8:
            e = self.doc.entities[self.ids[k]]
            out.append(Argument("speaker", e.text, e.start, e.end, f"entities:{self.ids[k]}"))
            k += 1
        return out


def _named_in_turn(
    doc: Doc, turn: _Group, spk: Sequence[Argument], keys: _Keys, ents: _EntityIndex, ev_start: int
) -> bool:
    """The turn has no linked speaker, and the sentence of its first mention names the new
    mention's speaker before it. (Tried: also turns whose speaker is an unnamed title; the
    name in the sentence can be the addressee: "دعوة المرجعية ... لرئيس الوزراء حيدر العبادي".)"""
    i = turn.events[0].sentence
    if i is None or not doc.sentences or not 0 <= i < len(doc.sentences):
        return False
    sent = doc.sentences[i]
    # names before the new mention only: "وقالت الهيئة ... وقال نائب الرئيس X" names X
    # after its own verb, as a new speaker
    names = [b for b in ents.persons_in(sent.start, sent.end) if b.end <= ev_start]
    # the new speaker is a person of four letters or more (not an organisation, not NER's
    # "على" of "المشرفة على المبنى"); the name in the sentence is a full name ("حسن خنكار")
    # or the same word ("فالون"): a lone first name ("خالد" of "مستشفى الملك خالد") would
    # match many people
    return any(
        _same_speaker(a, b, keys)
        for a in spk if _person(doc, a) and len(a.text.strip()) >= 4
        for b in names if len(b.text.split()) >= 2 or normalize(b.text) == normalize(a.text)
    )


def _title_of_speaker(
    doc: Doc, spk: Sequence[Argument], tspk: Sequence[Argument], keys: _Keys, ents: "_EntityIndex", before: int
) -> bool:
    """The new speaker is a title phrase without a name ("محافظ الطائف") that the text, before
    the mention, puts right in front of or after the name of the turn's speaker ("محافظ الطائف
    فهد بن عبدالعزيز بن معمر"، "نايف البكري، محافظ عدن"): the title refers to that person.
    At most a few occurrences are read."""
    for a in spk:
        if _person(doc, a) or len(a.text) < 4:
            continue  # (a title read as an organisation or place entity still counts)
        pos = 0
        for _ in range(4):
            i = doc.text.find(a.text, pos, before)
            if i == -1:
                break
            pos = i + len(a.text)
            for p in ents.persons_in(pos, pos + 4):
                if doc.text[pos: p.start].strip(" ،,") == "" and any(_same_speaker(p, b, keys) for b in tspk):
                    return True
            for p in ents.persons_in(max(i - 60, 0), i):  # "نايف البكري، محافظ عدن"
                if p.end <= i and doc.text[p.end: i].strip(" ،,") == "" and any(_same_speaker(p, b, keys) for b in tspk):
                    return True
    return False


def _place_only(doc: Doc, turn: _Group, tspk: Sequence[Argument]) -> bool:
    """A one-mention turn whose only speakers are places ('"المبطي" يدين تفجير طوارئ أبها
    ويصفه': the place after the verb was taken for its speaker): a person named before its
    verb may still be its speaker (:func:`_named_in_turn`)."""
    if len(turn.events) != 1:
        return False
    for a in tspk:
        if not _named(a):
            return False
        try:
            if doc.entities[int(a.ref.split(":", 1)[1])].label not in ("LOC", "GPE", "FAC"):
                return False
        except (ValueError, IndexError):
            return False
    return True


def _anaphor_in_turn(doc: Doc, turn: _Group, spk: Sequence[Argument], lex) -> bool:
    """The new speaker is a definite role noun ("وأشار المصدر") and the first mention of the
    speakerless turn has that noun, indefinite, right after its verb or its audience ("أكد
    لصحيفة «الاقتصادية» مصدر عسكري"): the noun refers back to that speaker."""
    nouns = {normalize(a.text).split()[0][2:] for a in spk if _anaphoric_speaker(a, lex)}
    if not nouns:
        return False
    head = turn.events[0]
    rest = normalize(doc.text[head.trigger.end: head.trigger.end + 60]).split()[:4]
    return any(w.strip('"«»“”:،,.') in nouns for w in rest)


def _person(doc: Doc, a: Argument) -> bool:
    if not _named(a):
        return False
    try:
        return doc.entities[int(a.ref.split(":", 1)[1])].label == "PER"
    except (ValueError, IndexError):
        return False


def _resumes(prev: _Group, ev: Event, spk: Sequence[Argument], keys: _Keys, lex) -> bool:
    """The mention's named speaker is the speaker of the turn before the current (speakerless)
    one, within ``same_speaker_gap`` sentences and of the same factuality."""
    if prev.type != ev.type or _fact_class(prev.events[0]) != _fact_class(ev):
        return False
    if ev.sentence is None or prev.last_sentence is None or not 0 <= ev.sentence - prev.last_sentence <= lex["same_speaker_gap"]:
        return False
    pspk = [a for e in prev.events[-_TURN_LOOKBACK:] for a in e.arguments if a.role in lex["speaker_roles"]]
    return any(_named(a) and _same_speaker(a, b, keys) for a in spk for b in pspk)


def _headline_restated(turn: _Group, ev: Event, spk: Sequence[Argument], keys: _Keys, lex) -> bool:
    """A headline statement met again in the body by the same speech verb (or the same
    speaker): the body mention tells the headline's statement."""
    head = turn.events[0]
    if _fact_class(head) != _fact_class(ev):
        return False
    if _lemma(head) and _lemma(head) == _lemma(ev):
        return True
    hspk = [a for a in head.arguments if a.role in lex["speaker_roles"]]
    return bool(spk and hspk and any(_same_speaker(a, b, keys) for a in spk for b in hspk))


def _score(doc: Doc, ev: Event) -> tuple:
    roles = {a.role for a in ev.arguments if a.role != "time"}
    return (not _in_title(doc, ev), len(roles), len(ev.arguments), -ev.trigger.start)


def _combine(doc: Doc, g: _Group, frames: Mapping[str, Any], lex) -> Event:
    evs = sorted(g.events, key=lambda e: e.trigger.start)
    mentions = tuple(to_mention(e) for e in evs)
    if len(evs) == 1:
        return replace(evs[0], mentions=mentions)
    primary = max(evs, key=lambda e: _score(doc, e))
    frame = frames.get(primary.type)
    multiple = {r.name for r in getattr(frame, "roles", ()) if getattr(r, "multiple", False)}
    keep_all = multiple | lex["content_roles"] | lex["count_roles"]
    order = [primary] + [e for e in evs if e is not primary]
    role_order: list[str] = []
    by_role: dict[str, list[Argument]] = {}
    seen_spans: set[tuple[str, int, int]] = set()  # (role, start, end) already kept: linear in mentions
    for e in order:
        for a in e.arguments:
            if a.role not in by_role:
                by_role[a.role] = []
                role_order.append(a.role)
            have = by_role[a.role]
            if (a.role, a.start, a.end) in seen_spans:
                continue
            if a.role in keep_all:
                if a.role in lex["count_roles"] and any(_num(b) is not None and _num(b) == _num(a) for b in have):
                    continue
                if a.role in multiple and any(_keys_match(set(argument_keys(doc, a)), set(argument_keys(doc, b))) for b in have):
                    continue
                have.append(a)
                seen_spans.add((a.role, a.start, a.end))
            elif not have:
                have.append(a)
                seen_spans.add((a.role, a.start, a.end))
    if primary.type in lex["statement_types"]:
        # a turn's speaker named as a person in one mention wins over a title or place
        # given by another ("وأضاف محافظ الطائف" after "وقال بن معمر")
        for r in lex["speaker_roles"]:
            have = by_role.get(r)
            if have and not _person(doc, have[0]):
                per = next((a for e in order for a in e.arguments if a.role == r and _person(doc, a)), None)
                if per is not None:
                    by_role[r] = [per]
    if frame is not None:
        rank = {r.name: i for i, r in enumerate(frame.roles)}
        role_order.sort(key=lambda r: rank.get(r, 99))
    args = tuple(a for r in role_order for a in by_role[r])
    tval = primary.time
    if tval is None:
        tval = next((e.time for e in evs if e.time), None)
    return replace(primary, arguments=args, time=tval, mentions=mentions)
