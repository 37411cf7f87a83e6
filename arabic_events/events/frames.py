"""Event frame specifications: named, versioned, validated data.

A :class:`Frame` says which words evoke an event (``triggers``), which roles the event
has, what may fill each role (entity labels, quantities, times, noun phrases, quoted
speech) and by which cues a filler is linked to the trigger (prepositions, word order,
apposition, ...). Frames are plain data: they load from YAML/JSON files or dicts,
round-trip through :meth:`Frame.to_dict`, and the built-in frames in
``arabic_events/data/frames/`` go through the same validation as user frames.

>>> from arabic_events.events.frames import Frame
>>> f = Frame.from_dict({"name": "PROTEST", "triggers": [{"lemma": "تظاهر", "pos": "verb"}],
...                      "roles": [{"name": "place", "types": ["LOC"], "cues": [{"kind": "prep", "words": ["في"]}]}]})
>>> f.id
'PROTEST@1'

Errors are :class:`~arabic_events.errors.FrameError` and list every problem with its
path in the spec (``roles[0].types[1]: 'PERSON' is not a known type ...``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import ConfigError, FrameError

__all__ = [
    "Frame",
    "TriggerSpec",
    "RoleSpec",
    "Cue",
    "load_frame",
    "load_frames",
    "builtin_frames",
    "ENTITY_TYPES",
    "CUE_KINDS",
    "POS_VALUES",
    "PLOVER_TYPES",
]

#: Entity labels a role may accept directly; other labels are written ``ENTITY:<label>``.
ENTITY_TYPES = ("PER", "ORG", "LOC", "FAC", "MISC", "GPE")
#: Non-entity filler types. ``QUANTITY``/``TIME`` may be narrowed by kind: ``QUANTITY:fraction``.
OTHER_TYPES = ("QUANTITY", "TIME", "NP", "QUOTE")
QUANTITY_KINDS = ("cardinal", "ordinal", "fraction", "percent", "multiple", "vague")
TIME_KINDS = ("date", "time", "duration", "set", "interval")
#: Classes of the noun-phrase rule (``np_heads`` in data/events/cues.yaml).
NP_CLASSES = ("force", "people", "place", "weapon", "counted", "official", "geo")

#: How a role filler is linked to the trigger (see docs/events.md, "Argument linking").
CUE_KINDS = (
    "prep",  # the filler is introduced by one of ``words`` (إلى، من، في، بـ، لـ ...)
    "subject",  # verb: first bare filler after the verb, or the bare filler just before it
    "object",  # verb: the bare filler after the subject; noun: the genitive after the trigger
    "genitive",  # noun trigger immediately followed by the filler (idafa: انسحاب القوات)
    "before",  # nearest filler before the trigger
    "after",  # nearest filler after the trigger
    "nearest",  # nearest filler on either side
    "spokesperson",  # "المتحدث باسم X، Y": X (ORG) / Y (PER) of a statement
    "quote",  # quoted speech or the أن/إن clause after the trigger
    "head",  # a filler whose head word (the word before it, or its first word) is in ``words``
    "support",  # noun trigger governed by a verb in ``words`` (شن هجوما، قررت سحب; default: the
    # control verbs of data/events/cues.yaml): that verb's subject
    "relative",  # noun trigger followed by a relative verb in ``words`` with a pronoun
    # (هجوم شنه X، غارات يشنها X): that verb's subject
    "named",  # verb trigger: the first person named between the verb and its reported clause
    # ("أوضح منسق اللجنة بمحافظة جدة محمد الزهراني أن ...")
    "apposition",  # the title next to the person already linked as speaker ("قال X رئيس Y إن")
    "performer",  # noun trigger: the doer named by قيام/إقدام/قام به/مسؤولية (data/events/cues.yaml)
    "phrase",  # the noun phrase after a lead of ``words`` (ضد، احتجاجا على، بتهمة): a topic or a charge
    "audience",  # speech trigger: the addressee or outlet before the reported clause (قال لـ"X"،
    # لوكالة X، في حوار مع X، أمام X، أبلغ X أن; data/events/cues.yaml ``audience``)
)
POS_VALUES = ("verb", "noun", "any")
SIDES = ("after", "before", "any")
#: PLOVER event types (Halterman et al., PLOVER 2.0); ``OTHER`` where no type fits (PLOVER
#: treats elections and disasters as contexts, not events). A frame's ``plover`` key is one of these.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
)
#: a CAMEO event code: root 01-20 then up to two more digits ("18", "183", "0871")
_CAMEO_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_SUBTYPE_RE = re.compile(r"^[a-z][a-z0-9_]*$")

#: The deepest nesting a frame spec may have (a frame needs 5 levels: frame > roles > role > cues > cue).
MAX_SPEC_DEPTH = 32


class FrameSpecTooDeepError(FrameError, ConfigError):
    """A frame spec nested far deeper than any frame (a FrameError and a ConfigError)."""


def _spec_depth(data: Any, limit: int) -> int:
    """Nesting depth of lists/dicts in ``data``, counted without recursion (stops past ``limit``)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, (Mapping, list, tuple)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        items = value.values() if isinstance(value, Mapping) else value
        stack.extend((v, depth + 1) for v in items if isinstance(v, (Mapping, list, tuple)))
    return deepest


def _too_deep(where: str) -> FrameSpecTooDeepError:
    return FrameSpecTooDeepError(
        f"frame spec{where} is nested more than {MAX_SPEC_DEPTH} levels deep; a frame is a mapping of "
        "name/triggers/roles (roles hold cues): check the file for runaway brackets"
    )


_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
_ROLE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _tuple_of_str(value: Any, path: str, problems: list[str], *, allow_empty: bool = True) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        problems.append(f"{path}: must be a list of strings, got {type(value).__name__}")
        return ()
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            problems.append(f"{path}[{i}]: must be a non-empty string, got {v!r}")
            continue
        out.append(v.strip())
    if not out and not allow_empty:
        problems.append(f"{path}: must not be empty")
    return tuple(out)


def _check_keys(data: Mapping[str, Any], allowed: Iterable[str], path: str, problems: list[str]) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            problems.append(f"{path}: unknown field {key!r}; allowed fields: {', '.join(allowed)}")


def _int(value: Any, path: str, problems: list[str], default: int, lo: int = 0, hi: int = 200) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        problems.append(f"{path}: must be an integer between {lo} and {hi}, got {value!r}")
        return default
    return value


def _bool(value: Any, path: str, problems: list[str]) -> bool:
    if not isinstance(value, bool):
        problems.append(f"{path}: must be true or false, got {value!r}")
        return False
    return value


@dataclass(frozen=True)
class TriggerSpec:
    """Words that evoke the event.

    ``lemma`` is the dictionary form. ``pos`` decides which inflections and clitics are
    accepted: nouns take و/ف + ب/ل/ك + ال and plural/dual/pronoun endings; verbs take
    و/ف + س/ل, subject endings and object pronouns; ``present`` lists imperfect stems
    (``نسحب`` for ينسحب/تنسحب/ستنسحب). ``forms`` adds further stems (irregular plurals,
    hollow-verb forms). ``pattern`` is a regular expression on the normalized text for
    multi-word triggers; its group ``t`` (or the whole match) is the trigger span.
    ``near``/``not_near`` require / forbid one of the listed words within ``window``
    words after the trigger (``near_side`` ``before``/``any`` to look elsewhere).
    ``not_prev`` forbids a word right before the trigger ("عليه وسلم", "بما يتفق");
    ``require`` lists roles of which one must be filled for an event from this trigger.
    ``suffix_fills`` names a role that an attached pronoun of a noun trigger fills for
    ``require`` and the bare-noun rule ("مصرعهم", "اختطافه": the pronoun is the victim);
    ``next_fills`` names a role that a nominal right after the trigger (a noun's genitive,
    a verb's subject or object: "اختطاف الموظفين", "اختطفوا والده") fills for ``require``;
    ``sense_checked`` (true when ``near`` already settles the sense, "احتجاز رهائن")
    exempts the trigger from the frame's ``require``, and a mention of it with no argument
    joins an earlier event of its frame or else opens one (like ``suffix_fills``).
    """

    lemma: str
    pos: str = "noun"
    forms: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    pattern: str | None = None
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int = 4
    near_side: str = "after"
    rule: str | None = None
    not_prev: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    suffix_fills: str | None = None
    next_fills: str | None = None
    sense_checked: bool = False

    _FIELDS = (
        "lemma", "pos", "forms", "present", "pattern", "near", "not_near", "window", "near_side", "rule",
        "not_prev", "require", "suffix_fills", "next_fills", "sense_checked",
    )

    @classmethod
    def from_dict(cls, data: Any, path: str, problems: list[str]) -> "TriggerSpec | None":
        if isinstance(data, str):
            data = {"lemma": data}
        if not isinstance(data, Mapping):
            problems.append(f"{path}: a trigger must be a mapping with 'lemma' (or a plain lemma string), got {type(data).__name__}")
            return None
        _check_keys(data, cls._FIELDS, path, problems)
        lemma = data.get("lemma")
        pattern = data.get("pattern")
        if pattern is not None and not isinstance(pattern, str):
            problems.append(f"{path}.pattern: must be a string (a regular expression), got {type(pattern).__name__}")
            pattern = None
        if pattern:
            try:
                import regex

                regex.compile(pattern)
            except Exception as exc:  # regex.error
                problems.append(f"{path}.pattern: {pattern!r} is not a valid regular expression ({exc})")
                pattern = None
        pos = data.get("pos", "noun")
        if pos not in POS_VALUES:
            problems.append(f"{path}.pos: {pos!r} is not one of {', '.join(POS_VALUES)}")
            pos = "noun"
        if not isinstance(lemma, str) or not lemma.strip():
            if pattern:
                lemma = pattern
            else:
                problems.append(f"{path}.lemma: required (the dictionary form of the trigger word), got {lemma!r}")
                return None
        near_side = data.get("near_side", "after")
        if near_side not in SIDES:
            problems.append(f"{path}.near_side: {near_side!r} is not one of {', '.join(SIDES)}")
            near_side = "after"
        rule = data.get("rule")
        if rule is not None and not isinstance(rule, str):
            problems.append(f"{path}.rule: must be a string")
            rule = None
        fills = {}
        for key in ("suffix_fills", "next_fills"):
            v = data.get(key)
            if v is not None and (not isinstance(v, str) or not _ROLE_RE.match(v)):
                problems.append(f"{path}.{key}: {v!r} must be a role name such as 'victims'")
                v = None
            fills[key] = v
        return cls(
            lemma=lemma.strip(),
            pos=pos,
            forms=_tuple_of_str(data.get("forms"), f"{path}.forms", problems),
            present=_tuple_of_str(data.get("present"), f"{path}.present", problems),
            pattern=pattern or None,
            near=_tuple_of_str(data.get("near"), f"{path}.near", problems),
            not_near=_tuple_of_str(data.get("not_near"), f"{path}.not_near", problems),
            window=_int(data.get("window"), f"{path}.window", problems, 4, 1, 40),
            near_side=near_side,
            rule=rule,
            not_prev=_tuple_of_str(data.get("not_prev"), f"{path}.not_prev", problems),
            require=_tuple_of_str(data.get("require"), f"{path}.require", problems),
            suffix_fills=fills["suffix_fills"],
            next_fills=fills["next_fills"],
            sense_checked=_bool(data.get("sense_checked", False), f"{path}.sense_checked", problems),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lemma": self.lemma, "pos": self.pos}
        for name in ("forms", "present", "near", "not_near"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.pattern:
            out["pattern"] = self.pattern
        if self.near or self.not_near:
            out["window"] = self.window
            out["near_side"] = self.near_side
        if self.rule:
            out["rule"] = self.rule
        if self.not_prev:
            out["not_prev"] = list(self.not_prev)
        if self.require:
            out["require"] = list(self.require)
        if self.suffix_fills:
            out["suffix_fills"] = self.suffix_fills
        if self.next_fills:
            out["next_fills"] = self.next_fills
        if self.sense_checked:
            out["sense_checked"] = True
        return out


@dataclass(frozen=True)
class Cue:
    """One way to link a role filler to the trigger.

    ``kind`` is one of :data:`CUE_KINDS`; ``words`` are the prepositions (``prep``) or
    head words (``head``); ``side`` restricts the filler to ``after``/``before`` the
    trigger (``any`` for both); ``pos`` applies the cue only to verb or noun triggers;
    ``max_distance`` is the largest gap in words between trigger and filler;
    ``lemmas``/``not_lemmas`` apply the cue only to (or not to) triggers with those lemmas
    (``تسلم`` "received" makes the recipient the subject, ``سلم`` the giver);
    ``bare`` accepts only fillers not introduced by a preposition.
    """

    kind: str
    words: tuple[str, ...] = ()
    side: str = "after"
    pos: str = "any"
    max_distance: int = 12
    lemmas: tuple[str, ...] = ()
    not_lemmas: tuple[str, ...] = ()
    bare: bool = False

    _FIELDS = ("kind", "words", "side", "pos", "max_distance", "lemmas", "not_lemmas", "bare")

    @classmethod
    def from_dict(cls, data: Any, path: str, problems: list[str]) -> "Cue | None":
        if isinstance(data, str):
            data = {"kind": data}
        if not isinstance(data, Mapping):
            problems.append(f"{path}: a cue must be a mapping with 'kind' (or a kind string), got {type(data).__name__}")
            return None
        _check_keys(data, cls._FIELDS, path, problems)
        kind = data.get("kind")
        if kind not in CUE_KINDS:
            problems.append(f"{path}.kind: {kind!r} is not a known cue; use one of {', '.join(CUE_KINDS)}")
            return None
        words = _tuple_of_str(data.get("words"), f"{path}.words", problems)
        if kind in ("prep", "head") and not words:
            problems.append(f"{path}.words: a {kind!r} cue needs the list of words that introduce the filler")
        default_side = {"before": "before", "nearest": "any", "subject": "any", "spokesperson": "any"}.get(kind, "after")
        side = data.get("side", default_side)
        if side not in SIDES:
            problems.append(f"{path}.side: {side!r} is not one of {', '.join(SIDES)}")
            side = default_side
        pos = data.get("pos", "any")
        if pos not in POS_VALUES:
            problems.append(f"{path}.pos: {pos!r} is not one of {', '.join(POS_VALUES)}")
            pos = "any"
        return cls(
            kind=kind,
            words=words,
            side=side,
            pos=pos,
            max_distance=_int(data.get("max_distance"), f"{path}.max_distance", problems, 12, 0, 200),
            lemmas=_tuple_of_str(data.get("lemmas"), f"{path}.lemmas", problems),
            not_lemmas=_tuple_of_str(data.get("not_lemmas"), f"{path}.not_lemmas", problems),
            bare=_bool(data.get("bare", False), f"{path}.bare", problems),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.words:
            out["words"] = list(self.words)
        out["side"] = self.side
        if self.pos != "any":
            out["pos"] = self.pos
        out["max_distance"] = self.max_distance
        if self.lemmas:
            out["lemmas"] = list(self.lemmas)
        if self.not_lemmas:
            out["not_lemmas"] = list(self.not_lemmas)
        if self.bare:
            out["bare"] = True
        return out


@dataclass(frozen=True)
class RoleSpec:
    """A role of the frame: its name, the filler types it accepts and the cues that link it.

    ``types`` are entity labels (``PER ORG LOC FAC``, or ``ENTITY:<label>`` for a custom
    label), ``QUANTITY`` (optionally ``QUANTITY:<kind>``), ``TIME`` (optionally
    ``TIME:<kind>``), ``NP`` (a noun phrase headed by a word of the noun-phrase lexicon,
    e.g. "القوات الأجنبية") and ``QUOTE`` (quoted speech / reported clause). ``units``
    restricts quantities to those counting one of the listed nouns. Cues are tried in
    order; the first that finds an unused filler wins.
    """

    name: str
    types: tuple[str, ...]
    cues: tuple[Cue, ...]
    units: tuple[str, ...] = ()
    multiple: bool = False

    _FIELDS = ("name", "types", "cues", "units", "multiple")

    @classmethod
    def from_dict(cls, data: Any, path: str, problems: list[str]) -> "RoleSpec | None":
        if not isinstance(data, Mapping):
            problems.append(f"{path}: a role must be a mapping with 'name', 'types' and 'cues', got {type(data).__name__}")
            return None
        _check_keys(data, cls._FIELDS, path, problems)
        name = data.get("name")
        if not isinstance(name, str) or not _ROLE_RE.match(name):
            problems.append(f"{path}.name: {name!r} must be a lower-case identifier such as 'agent' or 'from_count'")
            return None
        types = _tuple_of_str(data.get("types"), f"{path}.types", problems, allow_empty=False)
        for i, t in enumerate(types):
            problem = _type_problem(t)
            if problem:
                problems.append(f"{path}.types[{i}]: {problem}")
        cues_raw = data.get("cues")
        if cues_raw is None:
            cues_raw = [{"kind": "nearest"}]
        if not isinstance(cues_raw, (list, tuple)) or not cues_raw:
            problems.append(f"{path}.cues: must be a non-empty list of cues (e.g. [{{kind: prep, words: [إلى]}}])")
            cues_raw = []
        cues = []
        for i, c in enumerate(cues_raw):
            cue = Cue.from_dict(c, f"{path}.cues[{i}]", problems)
            if cue is not None:
                cues.append(cue)
        multiple = data.get("multiple", False)
        if not isinstance(multiple, bool):
            problems.append(f"{path}.multiple: must be true or false")
            multiple = False
        return cls(
            name=name,
            types=types,
            cues=tuple(cues),
            units=_tuple_of_str(data.get("units"), f"{path}.units", problems),
            multiple=multiple,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "types": list(self.types), "cues": [c.to_dict() for c in self.cues]}
        if self.units:
            out["units"] = list(self.units)
        if self.multiple:
            out["multiple"] = True
        return out

    def accepts_layer(self, layer: str) -> bool:
        prefix = {"entities": None, "quantities": "QUANTITY", "times": "TIME", "np": "NP", "quote": "QUOTE"}[layer]
        for t in self.types:
            head = t.split(":", 1)[0]
            if prefix is None and (head in ENTITY_TYPES or head == "ENTITY"):
                return True
            if prefix is not None and head == prefix:
                return True
        return False


def _type_problem(t: str) -> str | None:
    head, _, sub = t.partition(":")
    if head in ENTITY_TYPES or head == "QUOTE":
        return None if not sub else f"{t!r}: {head} takes no ':' qualifier"
    if head == "NP":
        return None if (not sub or sub in NP_CLASSES) else f"{t!r}: noun-phrase class {sub!r} is not one of {', '.join(NP_CLASSES)}"
    if head == "ENTITY":
        return None if sub else "'ENTITY' needs a label, e.g. 'ENTITY:WEAPON'"
    if head == "QUANTITY":
        return None if (not sub or sub in QUANTITY_KINDS) else f"{t!r}: quantity kind {sub!r} is not one of {', '.join(QUANTITY_KINDS)}"
    if head == "TIME":
        return None if (not sub or sub in TIME_KINDS) else f"{t!r}: time kind {sub!r} is not one of {', '.join(TIME_KINDS)}"
    hint = ""
    if t.upper() in ("PERSON", "PERS"):
        hint = " (did you mean 'PER'?)"
    elif t.upper() in ("LOCATION", "PLACE"):
        hint = " (did you mean 'LOC'?)"
    elif t.upper() in ("ORGANIZATION", "ORGANISATION"):
        hint = " (did you mean 'ORG'?)"
    elif t.upper() in ("NUMBER", "COUNT"):
        hint = " (did you mean 'QUANTITY'?)"
    elif t.upper() in ("DATE",):
        hint = " (did you mean 'TIME'?)"
    return (
        f"{t!r} is not a known type{hint}; use one of {', '.join(ENTITY_TYPES + OTHER_TYPES)}, "
        "'QUANTITY:<kind>', 'TIME:<kind>' or 'ENTITY:<label>' for a custom entity label"
    )


@dataclass(frozen=True)
class Frame:
    """A named, versioned event frame.

    ``key_roles`` are the roles that identify one real event when mentions are merged
    (a handover is the same event when its facility matches). ``require`` lists roles
    of which at least one must be filled for an event to be emitted (empty: none
    needed). A noun trigger needs at least one filled role besides ``time`` unless
    ``bare_nouns`` is true ("الهجوم" alone refers to an event told elsewhere), or unless
    it is ``anchor``-ed: ``{frames: [CASUALTIES], words: [في, جراء], window: 8}`` makes a
    bare noun introduced by one of ``words`` an event of its own when a trigger of one of
    ``frames`` stands up to ``window`` words before it in the same clause ("قتل 21 شخصا
    في هجوم"). A ``time`` role is added to every frame unless declared.
    """

    name: str
    version: str = "1"
    description: str = ""
    triggers: tuple[TriggerSpec, ...] = ()
    roles: tuple[RoleSpec, ...] = ()
    key_roles: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)
    bare_nouns: bool = False
    plover: str | None = None
    cameo: str | None = None
    subtypes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    anchor_frames: tuple[str, ...] = ()
    anchor_words: tuple[str, ...] = ()
    anchor_window: int = 8

    _FIELDS = (
        "name", "version", "description", "triggers", "roles", "key_roles", "require", "bare_nouns", "plover", "cameo",
        "subtypes", "anchor",
    )

    @property
    def id(self) -> str:
        """``name@version``, recorded on every event the frame produces."""
        return f"{self.name}@{self.version}"

    def role(self, name: str) -> RoleSpec | None:
        for r in self.roles:
            if r.name == name:
                return r
        return None

    @property
    def role_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.roles)

    @property
    def cameo_root(self) -> str | None:
        """The two-digit CAMEO root of ``cameo`` ("18" for "183"), or None."""
        return self.cameo[:2] if self.cameo else None

    def subtype_of(self, event: Any) -> str | None:
        """The subtype (from ``subtypes``) of an event of this frame, found from its trigger rule.

        ``event`` is an :class:`~arabic_events.doc.Event` (or its ``rule`` string); the rule
        names the trigger (``trigger:noun:غارة``, ``pattern:أطلق صواريخ`` or a trigger's own
        ``rule``), whose lemma is looked up in ``subtypes``. None when the lemma has no subtype.
        """
        rule = event if isinstance(event, str) else getattr(event, "rule", "")
        lemma = None
        for t in self.triggers:
            if t.rule and t.rule == rule:
                lemma = t.lemma
                break
        if lemma is None:
            parts = rule.split(":", 2)
            if parts[0] == "trigger" and len(parts) == 3:
                lemma = parts[2]
            elif parts[0] == "pattern" and len(parts) >= 2:
                lemma = rule.split(":", 1)[1]
        if lemma is None:
            return None
        for name, lemmas in self.subtypes:
            if lemma in lemmas:
                return name
        return None

    # ------------------------------------------------------------ loading
    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> "Frame":
        """Validate ``data`` and build a Frame; raise :class:`FrameError` listing every problem."""
        where = f" ({source})" if source else ""
        if isinstance(data, Frame):
            return data
        if not isinstance(data, Mapping):
            raise FrameError(f"a frame spec{where} must be a mapping, got {type(data).__name__}")
        if _spec_depth(data, MAX_SPEC_DEPTH) > MAX_SPEC_DEPTH:
            raise _too_deep(where)
        problems: list[str] = []
        _check_keys(data, cls._FIELDS, "frame", problems)
        name = data.get("name")
        label = name if isinstance(name, str) else "?"
        if not isinstance(name, str) or not _NAME_RE.match(name):
            problems.append(f"name: {name!r} must be an identifier such as 'PROTEST' (letters, digits, _ or -)")
        version = data.get("version", "1")
        if isinstance(version, (int, float)) and not isinstance(version, bool):
            version = str(version)
        if not isinstance(version, str) or not version.strip() or "@" in version:
            problems.append(f"version: {version!r} must be a non-empty string without '@' such as '1' or '2.1'")
            version = "1"
        description = data.get("description", "")
        if not isinstance(description, str):
            problems.append("description: must be a string")
            description = ""
        triggers_raw = data.get("triggers")
        triggers: list[TriggerSpec] = []
        if not isinstance(triggers_raw, (list, tuple)) or not triggers_raw:
            problems.append("triggers: required, a non-empty list of trigger words (e.g. [{lemma: تظاهر, pos: verb}])")
        else:
            for i, t in enumerate(triggers_raw):
                spec = TriggerSpec.from_dict(t, f"triggers[{i}]", problems)
                if spec is not None:
                    triggers.append(spec)
        roles_raw = data.get("roles", [])
        roles: list[RoleSpec] = []
        if not isinstance(roles_raw, (list, tuple)):
            problems.append("roles: must be a list of roles")
            roles_raw = []
        seen: set[str] = set()
        for i, r in enumerate(roles_raw):
            role = RoleSpec.from_dict(r, f"roles[{i}]", problems)
            if role is None:
                continue
            if role.name in seen:
                problems.append(f"roles[{i}].name: duplicate role {role.name!r}")
                continue
            seen.add(role.name)
            roles.append(role)
        if "time" not in seen:
            roles.append(
                RoleSpec(
                    name="time",
                    types=("TIME:date", "TIME:time", "TIME:interval"),
                    cues=(Cue(kind="nearest", side="any", max_distance=30),),
                )
            )
            seen.add("time")
        key_roles = _tuple_of_str(data.get("key_roles"), "key_roles", problems)
        require = _tuple_of_str(data.get("require"), "require", problems)
        for fld, vals in (("key_roles", key_roles), ("require", require)):
            for i, v in enumerate(vals):
                if v not in seen:
                    problems.append(f"{fld}[{i}]: {v!r} is not one of the frame's roles ({', '.join(sorted(seen))})")
        for ti, t in enumerate(triggers):
            for i, v in enumerate(t.require):
                if v not in seen:
                    problems.append(f"triggers[{ti}].require[{i}]: {v!r} is not one of the frame's roles ({', '.join(sorted(seen))})")
            for key in ("suffix_fills", "next_fills"):
                v = getattr(t, key)
                if v and v not in seen:
                    problems.append(f"triggers[{ti}].{key}: {v!r} is not one of the frame's roles ({', '.join(sorted(seen))})")
        bare_nouns = data.get("bare_nouns", False)
        if not isinstance(bare_nouns, bool):
            problems.append(f"bare_nouns: must be true or false, got {bare_nouns!r}")
            bare_nouns = False
        plover = data.get("plover")
        if plover is not None and plover not in PLOVER_TYPES:
            hint = ""
            if isinstance(plover, str) and plover.upper() in PLOVER_TYPES:
                hint = f" (did you mean {plover.upper()!r}?)"
            problems.append(f"plover: {plover!r} is not a PLOVER event type{hint}; use one of {', '.join(PLOVER_TYPES)}")
            plover = None
        cameo = data.get("cameo")
        if cameo is not None:
            if not isinstance(cameo, str):
                problems.append(
                    f"cameo: {cameo!r} must be a quoted string such as \"18\" or \"0871\" "
                    "(unquoted numbers lose their leading zeros)"
                )
                cameo = None
            elif not _CAMEO_RE.match(cameo.strip()):
                problems.append(f"cameo: {cameo!r} is not a CAMEO event code (a root 01-20 and up to two more digits: \"18\", \"183\", \"0871\")")
                cameo = None
            else:
                cameo = cameo.strip()
        subtypes = _subtypes(data.get("subtypes"), triggers, problems)
        anchor = data.get("anchor")
        anchor_frames: tuple[str, ...] = ()
        anchor_words: tuple[str, ...] = ()
        anchor_window = 8
        if anchor is not None:
            if not isinstance(anchor, Mapping):
                problems.append("anchor: must be a mapping {frames: [FRAME, ...], words: [word, ...], window: N}")
            else:
                _check_keys(anchor, ("frames", "words", "window"), "anchor", problems)
                anchor_frames = _tuple_of_str(anchor.get("frames"), "anchor.frames", problems, allow_empty=False)
                anchor_words = _tuple_of_str(anchor.get("words"), "anchor.words", problems, allow_empty=False)
                anchor_window = _int(anchor.get("window"), "anchor.window", problems, 8, 1, 40)
        if problems:
            raise FrameError(
                f"invalid frame {label!r}{where}:\n" + "\n".join(f"  - {p}" for p in problems)
            )
        return cls(
            name=name,
            version=version.strip(),
            description=description,
            triggers=tuple(triggers),
            roles=tuple(roles),
            key_roles=key_roles,
            require=require,
            source=source,
            bare_nouns=bare_nouns,
            plover=plover,
            cameo=cameo,
            subtypes=subtypes,
            anchor_frames=anchor_frames,
            anchor_words=anchor_words,
            anchor_window=anchor_window,
        )

    def to_dict(self) -> dict[str, Any]:
        """A plain dict that :meth:`from_dict` turns back into an equal Frame."""
        out: dict[str, Any] = {"name": self.name, "version": self.version}
        if self.description:
            out["description"] = self.description
        out["triggers"] = [t.to_dict() for t in self.triggers]
        out["roles"] = [r.to_dict() for r in self.roles]
        if self.key_roles:
            out["key_roles"] = list(self.key_roles)
        if self.require:
            out["require"] = list(self.require)
        if self.bare_nouns:
            out["bare_nouns"] = True
        if self.plover:
            out["plover"] = self.plover
        if self.cameo:
            out["cameo"] = self.cameo
        if self.subtypes:
            out["subtypes"] = {name: list(lemmas) for name, lemmas in self.subtypes}
        if self.anchor_frames:
            out["anchor"] = {"frames": list(self.anchor_frames), "words": list(self.anchor_words), "window": self.anchor_window}
        return out

    def to_yaml(self) -> str:
        import yaml

        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _subtypes(raw: Any, triggers: list[TriggerSpec], problems: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Validate ``subtypes: {name: [trigger lemma, ...]}``: each lemma names one of the frame's
    triggers and belongs to one subtype."""
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        problems.append(f"subtypes: must be a mapping of subtype name to trigger lemmas (e.g. {{airstrike: [<trigger lemma>]}}), got {type(raw).__name__}")
        return ()
    lemmas_known = {t.lemma for t in triggers}
    owner: dict[str, str] = {}
    out = []
    for name, lemmas in raw.items():
        if not isinstance(name, str) or not _SUBTYPE_RE.match(name):
            problems.append(f"subtypes: {name!r} must be a lower-case identifier such as 'airstrike'")
            continue
        vals = _tuple_of_str(lemmas, f"subtypes.{name}", problems, allow_empty=False)
        for i, v in enumerate(vals):
            if v not in lemmas_known:
                problems.append(f"subtypes.{name}[{i}]: {v!r} is not the lemma of one of the frame's triggers")
            elif v in owner:
                problems.append(f"subtypes.{name}[{i}]: {v!r} is already in subtype {owner[v]!r}")
            else:
                owner[v] = name
        out.append((name, vals))
    return tuple(out)


def _read_spec_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameError(f"cannot read frame file {str(path)!r}: {exc}") from exc
    if path.suffix.lower() == ".json":
        return _parse_json(text, f" ({str(path)!r})")
    return _parse_yaml(text, f" ({str(path)!r})")


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise _too_deep(where) from None
    except json.JSONDecodeError as exc:
        raise FrameError(f"frame JSON{where} is not valid JSON: {exc}") from exc


def _parse_yaml(text: str, where: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except RecursionError:
        raise _too_deep(where) from None
    except yaml.YAMLError as exc:
        raise FrameError(f"frame YAML{where} is not valid YAML: {exc}") from exc


def load_frame(spec: Any) -> Frame:
    """A :class:`Frame` from a Frame, a dict, a path to a YAML/JSON file, or a YAML/JSON string."""
    if isinstance(spec, Frame):
        return spec
    if isinstance(spec, Mapping):
        return Frame.from_dict(spec)
    if isinstance(spec, Path):
        return Frame.from_dict(_read_spec_file(spec), source=str(spec))
    if isinstance(spec, str):
        s = spec.strip()
        if "\n" not in s and (s.endswith((".yaml", ".yml", ".json"))):
            p = Path(s)
            if not p.exists():
                raise FrameError(f"frame file {s!r} does not exist")
            return Frame.from_dict(_read_spec_file(p), source=s)
        if s.startswith("{"):
            return Frame.from_dict(_parse_json(s, " (JSON string)"), source="<json string>")
        data = _parse_yaml(s, " (YAML string)")
        if isinstance(data, str):
            # a bare name: look it up among the built-in frames
            for f in builtin_frames():
                if f.name == data:
                    return f
            raise FrameError(
                f"{s!r} is not a frame file, a YAML/JSON spec or a built-in frame name; built-in frames: "
                + ", ".join(f.name for f in builtin_frames())
            )
        return Frame.from_dict(data, source="<yaml string>")
    raise FrameError(f"cannot make a frame from {type(spec).__name__}; give a Frame, dict, YAML/JSON path or string")


def load_frames(specs: Iterable[Any]) -> list[Frame]:
    """Several frames; the first invalid one raises."""
    return [load_frame(s) for s in specs]


_BUILTIN_CACHE: tuple[Frame, ...] | None = None


def builtin_frames() -> tuple[Frame, ...]:
    """The frames shipped in ``arabic_events/data/frames/*.yaml`` (validated, cached)."""
    global _BUILTIN_CACHE
    if _BUILTIN_CACHE is None:
        from .._data import data_path, load_yaml

        base = data_path("frames")
        frames = []
        for p in sorted(base.glob("*.yaml")):
            frames.append(Frame.from_dict(load_yaml(f"frames/{p.name}"), source=f"frames/{p.name}"))
        _BUILTIN_CACHE = tuple(frames)
    return _BUILTIN_CACHE

