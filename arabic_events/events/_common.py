"""Shared pieces of the events component: the cue lexicon and the per-call value types.

``_Cand`` (a role filler candidate), ``_Hit`` (a trigger match) and ``_SentCtx`` (a
sentence with its cached candidates) are created per document call and never stored on
a component, so one pipeline may run in several threads at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from ..normalize import normalize
from ._morph import tables
from .frames import Frame, TriggerSpec

_SENT_RE = regex.compile(r"[^.!?؟\n]+(?:[.!?؟]+|\n|$)")
_BOUNDARY = set("،,:؛;.!?؟()[]{}\n–-")
_QUOTE_CHARS = '"'


@dataclass
class _Cand:
    layer: str  # entities | quantities | times | np | quote
    index: int | None
    vstart: int
    vend: int
    label: str
    obj: Any
    fw: int = 0  # first word index
    lw: int = 0  # last word index
    prep: str | None = None
    prep_attached: bool = False
    ref_entity: int | None = None
    # a head with a possessive pronoun ("قواتنا"): never a role filler (the possessor is
    # the participant), but it keeps a noun trigger from being bare ("مغادرة جميع قواتنا")
    possessed: bool = False


@dataclass
class _Hit:
    frame: Frame
    trigger: TriggerSpec
    word: int
    vstart: int
    vend: int
    kind: str  # noun | past | present | pattern
    fut: bool = False
    rule: str = ""


@dataclass
class _SentCtx:
    vstart: int
    vend: int
    index: int | None
    cands: list[_Cand] | None = None
    # trigger word -> subject inherited from an earlier coordinated verb in the sentence
    subjects: dict[int, _Cand] = field(default_factory=dict)
    last_subject: _Cand | None = None


class _Lexicon:
    def __init__(self) -> None:
        from .._data import load_yaml

        c = load_yaml("events/cues.yaml")
        n = lambda xs: [normalize(x) for x in xs]  # noqa: E731
        self.preps = set(n(c["prepositions"]))
        self.skip_heads = set(n(c["skip_heads"]))
        self.skip_heads_def = {"ال" + h for h in self.skip_heads}
        self.demonstratives = set(n(c.get("demonstratives", [])))
        self.spk_heads = set(n(c["spokesperson_heads"]))
        self.spk_mods = set(n(c["spokesperson_mods"]))
        self.spk_link = set(n(c["spokesperson_link"]))
        self.spk_lam = normalize(c.get("spokesperson_attached", "")) or None
        self.counted_passive = set(n(c.get("counted_passive", [])))
        self.plural_agreement = tuple(n(c.get("plural_agreement", []))) or ("\0",)
        self.conj_letters = set(n(c.get("conjunction_letters", []))) or {"\0"}
        self.np_bare = set(n(c.get("np_bare_heads", [])))
        self.passive_mark = c.get("passive_mark", "") or None
        self.attribution_stops = set(n(c.get("attribution_stops", [])))
        self.nisba_endings = tuple(n(c.get("nisba_endings", [])))
        self.sound_plural_endings = tuple(n(c.get("sound_plural_endings", []))) or ("\0",)
        self.not_verbs = set(n(c.get("not_verbs", [])))
        self.attribution_intro = set(n(c.get("attribution_intro", [])))
        self.spk_pre = set(n(c.get("spokesperson_pre", [])))
        self.acc_ending = normalize(c.get("accusative_ending", "")) or "\0"
        self.rel_pronouns = set(n(c.get("relative_pronouns", []))) | {""}
        self.title_heads = set(n(c.get("title_heads", [])))
        self.quantifiers = set(n(c.get("quantifiers", [])))
        self.control_verbs = set(n(c.get("control_verbs", [])))
        self.openers = set(n(c["content_openers"]))
        self.content_stops = set(n(c.get("content_stops", [])))
        self.complement_lemmas = set(n(c.get("complement_lemmas", [])))
        self.complement_skip = set(n(c.get("complement_skip", [])))
        self.np_heads: dict[str, str] = {}
        for cls, heads in c["np_heads"].items():
            for hword in n(heads):
                self.np_heads.setdefault(hword, cls)
        self.np_pronouns = tuple(n(c.get("np_pronouns", [])))
        self.np_possessed: dict[str, str] = {}  # "قواتنا" -> class of "قوات"
        for hword, hcls in self.np_heads.items():
            if not hword.startswith("ال"):
                for pr in self.np_pronouns:
                    self.np_possessed.setdefault(hword + pr, hcls)
        self.np_adj = set(n(c.get("np_adjectives", [])))
        self.adverbs = set(n(c.get("adverbs", []))) | set(n(c.get("titles", [])))
        self.aux = set(n(c.get("auxiliaries", [])))
        self.np_stop = set(n(c["np_stop"]))
        self.np_max = int(c.get("np_max_mods", 3))
        pol = c["polarity"]
        self.neg_window = int(pol.get("window", 2))
        self.negative = set(n(pol["negative"]))
        self.relative_ma = set(n(pol.get("relative_ma_after", [])))
        self.we_prefix = normalize(c.get("we_prefix", "")) or None
        mod = c["modality"]
        self.mod_window = int(mod.get("window", 4))
        self.mod_order = list(mod["order"])
        self.mod_words: dict[str, list[tuple[str, ...]]] = {}
        for cls in self.mod_order:
            self.mod_words[cls] = [tuple(normalize(x).split()) for x in mod[cls]]
        # last word of a modality phrase -> (class rank, class, phrase): only the phrases
        # whose last word occurs before a trigger are tried (factuality._modality)
        self.mod_by_last: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        for rank, cls in enumerate(self.mod_order):
            for phrase in self.mod_words[cls]:
                if phrase:
                    self.mod_by_last.setdefault(phrase[-1], []).append((rank, cls, phrase))
        self.hyp_imperf = set(n(mod.get("hypothetical_before_imperfect", [])))
        self.relational_time = set(n(c.get("relational_time", {}).get("first", [])))
        self.relational_next = set(n(c.get("relational_time", {}).get("next", [])))
        self.reported_sentence = set(n(mod.get("reported_sentence", [])))
        self.attribution_frames = set(mod.get("attribution_frames", []))
        self.planned_after = set(n(mod.get("planned_after", [])))
        fac = c.get("factuality", {}) or {}
        self.fac_window = int(fac.get("window", 3))
        self.historical_before = set(n(fac.get("historical_before", [])))
        self.history_days = int(fac.get("history_days", 365))
        self.generic_before = set(n(fac.get("generic_before", [])))
        self.generic_relative = set(n(fac.get("generic_relative", [])))
        self.purpose_before = set(n(fac.get("purpose_before", [])))
        self.purpose_lam = set(n(fac.get("purpose_lam", [])))
        self.undergo = set(n(fac.get("undergo", [])))
        self.question_start = set(n(fac.get("question_start", [])))
        self.denial = set(n(fac.get("denial", [])))
        self.denial_window = int(fac.get("denial_window", 8))
        self.place_roles = tuple(c.get("place_roles", ["location"]))
        self.place_preps = set(n(c.get("place_preps", [])))
        self.place_chain_preps = set(n(c.get("place_chain_preps", [])))
        self.place_pass_preps = set(n(c.get("place_pass_preps", [])))
        va = c.get("verbal_attack", {}) or {}
        self.verbal_types = set(va.get("types", []))
        self.verbal_target_roles = set(va.get("target_roles", []))
        self.verbal_target_labels = set(va.get("target_labels", []))
        self.verbal_physical_roles = set(va.get("physical_roles", []))
        self.content_roles = set(c.get("content_roles", ["content"]))
        self.phrase_max_words = int(c.get("phrase_max_words", 4))
        self.np_adjectival = set(n(c.get("np_adjectival", [])))
        self.np_official_mods = set(n(c.get("np_official_mods", [])))
        self.performer = {k: set(n(v)) for k, v in (c.get("performer") or {}).items()}
        for k in ("heads", "links", "rel_skip", "rel_verbs", "rel_objects", "responsibility", "responsibility_link"):
            self.performer.setdefault(k, set())
        # word -> (head, class) of the noun phrase it can head, or () (candidates._np_head):
        # a cache by word type shared by all documents, like StemIndex's
        self.np_head_cache: dict[str, tuple] = {}
        t = tables()
        self.conj = t["conj"]
        self._conj_set = frozenset(self.conj)
        # every word w with w or strip_conj(w) a spokesperson or title head (speech._spokesperson)
        heads = self.spk_heads | self.title_heads
        self.spk_title_forms = frozenset(heads | {c + h for c in self.conj for h in heads if len(c + h) > 2})
        self.imperf = set(normalize(x) for x in ("ي", "ت", "ن", "ا"))

    def strip_conj(self, w: str) -> str:
        if len(w) > 2 and w[0] in self._conj_set:
            return w[1:]
        return w


_LEX: _Lexicon | None = None


def _lex() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = _Lexicon()
    return _LEX


@lru_cache(maxsize=8192)
def _nword(w: str) -> str:
    return normalize(w).replace("\u0640", "")


@lru_cache(maxsize=4096)
def _nset(words: tuple[str, ...]) -> frozenset[str]:
    """The normalized forms of a tuple of words (cached: cue/trigger lemma lists)."""
    return frozenset(normalize(w) for w in words)

