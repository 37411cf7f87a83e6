"""The ``events`` component: frame triggers, argument linking, polarity and modality.

Strategy (documented in docs/events.md):

1. **Triggers.** Every word of the normalized view is analysed into clitics + stem +
   endings (:mod:`._morph`); a stem registered by a frame trigger of the same part of
   speech is a hit, subject to the trigger's ``near``/``not_near`` context words.
   Multi-word ``pattern`` triggers run as regular expressions on the view. Words outside
   the article body (``doc.in_body``) are skipped.
2. **Candidates.** Within the trigger's sentence: entities, quantities, times, and noun
   phrases from the noun-phrase rule (a force/actor head noun plus up to three
   definite modifiers) where no entity covers them. Each candidate records the
   preposition that introduces it (a preceding word or an attached ب/ل/ك).
3. **Linking.** Roles are filled in frame order; for each role its cues are tried in
   order and the first cue that finds an unused candidate of an allowed type wins
   (prep: introduced by one of the cue words; subject/object/genitive: bare fillers by
   word order; spokesperson: "المتحدث باسم X، Y"; quote: quoted speech or the أن/إن
   clause; before/after/nearest: by distance). A candidate fills at most one role.
4. **Factuality.** Polarity is negative when a negation particle stands right before the
   trigger; modality comes from the nearest cue before the trigger in the same clause
   (a future clitic on the trigger itself makes it ``planned``).
5. ``Event.time`` is the ISO value of the linked time when it is a date/interval.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import regex

from ..doc import Argument, Doc, Event, Trigger
from ..errors import ConfigError, FrameError
from ..normalize import normalize
from ..pipeline import component
from ._morph import WORD_RE, StemIndex, strip_noun_prefix, tables
from .frames import Cue, Frame, RoleSpec, TriggerSpec, builtin_frames, load_frame

__all__ = ["make_events", "EventExtractor"]

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
        self.hyp_imperf = set(n(mod.get("hypothetical_before_imperfect", [])))
        self.relational_time = set(n(c.get("relational_time", {}).get("first", [])))
        self.relational_next = set(n(c.get("relational_time", {}).get("next", [])))
        self.reported_sentence = set(n(mod.get("reported_sentence", [])))
        self.attribution_frames = set(mod.get("attribution_frames", []))
        self.planned_after = set(n(mod.get("planned_after", [])))
        t = tables()
        self.conj = t["conj"]
        self.imperf = set(normalize(x) for x in ("ي", "ت", "ن", "ا"))

    def strip_conj(self, w: str) -> str:
        if len(w) > 2 and w[0] in self.conj:
            return w[1:]
        return w


_LEX: _Lexicon | None = None


def _lex() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = _Lexicon()
    return _LEX


def _nword(w: str) -> str:
    return normalize(w).replace("\u0640", "")


class EventExtractor:
    """Callable ``Doc -> Doc`` that fills ``doc.events`` from registered frames."""

    def __init__(self, frames: Iterable[Any] = (), *, builtin: bool = True, max_args_distance: int | None = None) -> None:
        self._frames: dict[str, Frame] = {}
        self._index: StemIndex | None = None
        self._patterns: list[tuple[Frame, TriggerSpec, Any]] = []
        self._cands_cache: list[_Cand] | None = None
        self._hit_words: set[int] = set()
        self._wstarts: list[int] = []
        self._layer_index: dict[str, tuple[list[int], list[int]]] = {}
        self.max_args_distance = max_args_distance
        if builtin:
            for f in builtin_frames():
                self._frames[f.name] = f
        for spec in frames or ():
            f = load_frame(spec)
            self._frames[f.name] = f

    # ------------------------------------------------------------ frames
    @property
    def frames(self) -> dict[str, Frame]:
        """Registered frames by name (built-in and user frames)."""
        return dict(self._frames)

    def add_frame(self, spec: Any) -> Frame:
        """Validate and register a frame (Frame, dict, YAML/JSON path or string); returns it.

        A frame with the name of a registered one replaces it.
        """
        f = load_frame(spec)
        self._frames[f.name] = f
        self._index = None
        return f

    def remove_frame(self, name: str) -> Frame:
        if name not in self._frames:
            raise FrameError(f"no frame named {name!r}; frames: {', '.join(sorted(self._frames))}")
        self._index = None
        return self._frames.pop(name)

    def _build(self) -> StemIndex:
        idx = StemIndex()
        pats = []
        for f in self._frames.values():
            for ti, t in enumerate(f.triggers):
                payload = (f, t)
                if t.pattern:
                    pats.append((f, t, regex.compile(_normalize_pattern(t.pattern))))
                    continue
                if t.pos in ("noun", "any"):
                    idx.add("noun", t.lemma, payload)
                    for form in t.forms:
                        idx.add("noun", form, payload)
                if t.pos in ("verb", "any"):
                    idx.add("past", t.lemma, payload)
                    for form in t.forms:
                        idx.add("past", form, payload)
                    for form in t.present:
                        idx.add("present", form, payload)
        self._patterns = pats
        self._index = idx
        return idx

    # ----------------------------------------------------------- running
    def __call__(self, doc: Doc) -> Doc:
        if not doc.text or not doc.text.strip():
            doc.events = []
            return doc
        index = self._index or self._build()
        lex = _lex()
        view = doc.norm.text
        words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(view)]
        if not words:
            doc.events = []
            return doc
        wstarts = [w[0] for w in words]
        self._wstarts = wstarts
        # per-layer start index, so a sentence looks only at the objects inside it (linear time)
        self._layer_index = {}
        for layer in ("entities", "quantities", "times"):
            objs = getattr(doc, layer)
            order = sorted(range(len(objs)), key=lambda i, objs=objs: objs[i].start)
            self._layer_index[layer] = ([objs[i].start for i in order], order)
        sents = self._bounded(self._sentences(doc, view), view, wstarts)
        sstarts = [s.vstart for s in sents]

        def sent_of(vpos: int) -> _SentCtx:
            i = bisect.bisect_right(sstarts, vpos) - 1
            return sents[max(i, 0)]

        hits: list[_Hit] = []
        per_words: set[int] = set()
        for e in doc.entities:
            if e.label == "PER":
                pvs, pve = doc.norm.view_span(e.start, e.end)
                lo_w = bisect.bisect_left(wstarts, pvs)
                for k in range(lo_w, len(words)):
                    if words[k][0] >= pve:
                        break
                    per_words.add(k)
        for wi, (ws, we, w) in enumerate(words):
            if len(w) < 2 or w.isdigit():
                continue
            found = index.analyse(w)
            if not found:
                continue
            seen_readings: set[tuple] = set()
            for reading, (frame, trig) in sorted(found, key=lambda rf: (-len(rf[0].stem), rf[0].pro_len, rf[0].tail_len)):
                if trig.pos == "noun" and reading.kind != "noun":
                    continue
                if trig.pos == "verb" and reading.kind == "noun":
                    continue
                rkey = (frame.name, id(trig), reading.kind, reading.pro_len)
                if rkey in seen_readings:
                    continue
                seen_readings.add(rkey)
                vs, ve = ws + reading.pro_len, we - reading.tail_len  # clitics off: "وسلمتها" -> "سلمت"
                if reading.kind != "noun":
                    ostart, oend = doc.norm.to_original(ws, we)
                    if doc.text[oend - 1] == "\u0629" or "\u064b" in doc.text[ostart: oend + 1]:
                        continue  # ة or tanween mark a noun ("تابعة", "نقلًا"), not a verb
                if ve <= vs:
                    continue
                if reading.kind == "noun" and reading.det and any(
                    w.endswith(reading.stem + e) for e in lex.nisba_endings
                ):
                    continue  # a definite nisba adjective ("الوسط الهجومي") is no event noun
                if reading.kind != "noun" and (w in lex.not_verbs or lex.strip_conj(w) in lex.not_verbs):
                    continue  # adverbial accusatives such as "نقلا عن" are no verbs
                if reading.kind == "present" and view[vs] == lex.we_prefix and not self._in_quote(view, vs):
                    continue  # "we ..." readings only inside quoted speech ("نجيب" is a name outside)
                if per_words and wi in per_words:
                    continue  # a word of a person's name ("نجيب دانيش") is not a trigger
                if not self._context_ok(trig, words, wi, lex):
                    continue
                hits.append(
                    _Hit(frame, trig, wi, vs, ve, reading.kind, reading.fut, trig.rule or f"trigger:{reading.kind}:{trig.lemma}")
                )
        for frame, trig, rx in self._patterns:
            for m in rx.finditer(view):
                try:
                    vs, ve = m.span("t")
                except (IndexError, regex.error):  # the pattern has no group 't'
                    vs, ve = m.span()
                if vs < 0 or ve <= vs:
                    continue
                wi = max(bisect.bisect_right(wstarts, vs) - 1, 0)
                if not self._context_ok(trig, words, wi, lex):
                    continue
                hits.append(_Hit(frame, trig, wi, vs, ve, "pattern", False, trig.rule or f"pattern:{trig.lemma}"))
        # one event per frame per trigger word: among the readings of the word (تسلم as
        # "received" or as "hands over"), keep the one whose roles find the most fillers
        groups: dict[tuple[str, int], list[_Hit]] = {}
        for h in hits:
            groups.setdefault((h.frame.name, h.word), []).append(h)
        self._hit_words = {w for (_, w) in groups}
        noun_words = {(fn, w) for (fn, w), hs in groups.items() if any(x.kind in ("noun", "pattern") for x in hs)}
        for (fn, w), hs in list(groups.items()):
            conj = words[w][2][: max(hs[0].vstart - words[w][0], 0)]
            if conj[:1] in lex.conj_letters:
                continue  # "قتل شخصين وأصاب سبعة": a coordinated verb is a new clause
            if all(x.kind in ("past", "present") for x in hs) and any(
                (fn, w - d) in noun_words and not any(ch in _BOUNDARY for ch in view[words[w - d][1]: words[w][0]])
                for d in (1, 2, 3)
            ):
                del groups[(fn, w)]  # "هجوم صاروخي جديد استهدف قاعدة": one attack
        events: list[Event] = []
        for key in sorted(groups, key=lambda k: (groups[k][0].vstart, k[0])):
            best_ev = None
            best_score = None
            for rank, h in enumerate(groups[key]):
                start, end = doc.norm.to_original(h.vstart, h.vend)
                if not doc.in_body(start, end):
                    continue
                sent = sent_of(h.vstart)
                ev = self._make_event(doc, view, words, sent, h, start, end, lex)
                if ev is None:
                    continue
                score = (sum(1 for a in ev.arguments if a.role != "time"), -rank)
                if best_score is None or score > best_score:
                    best_ev, best_score = ev, score
            if best_ev is not None:
                events.append(best_ev)
        events = self._attach_times(doc, events)
        doc.events = [
            Event(**{**_event_fields(e), "id": f"e{i}"}) for i, e in enumerate(events)
        ]
        return doc

    def _attach_times(self, doc: Doc, events: list[Event]) -> list[Event]:
        """Drop time arguments that belong to another event.

        A time expression is kept only when no other event trigger stands between it and
        the trigger, when it is not inside the statement's own content, and when it does
        not relate two events ("بعد أيام من إخلاء ..." dates nothing by itself).
        """
        lex = _lex()
        starts = sorted(e.trigger.start for e in events)
        out = []
        for ev in events:
            drop = set()
            content = [a for a in ev.arguments if a.role == "content"]
            for k, a in enumerate(ev.arguments):
                if a.role != "time":
                    continue
                lo, hi = sorted((a.end, ev.trigger.start)) if a.end <= ev.trigger.start else (ev.trigger.end, a.start)
                i = bisect.bisect_left(starts, lo)
                if i < len(starts) and starts[i] < hi and starts[i] != ev.trigger.start:
                    drop.add(k)
                    continue
                if any(c.start <= a.start and a.end <= c.end for c in content):
                    drop.add(k)
                    continue
                first = normalize(a.text.split()[0]) if a.text.split() else ""
                tail = normalize(doc.text[a.end: a.end + 6]).split()
                if first in lex.relational_time and tail and tail[0] in lex.relational_next:
                    drop.add(k)
            if drop:
                args = tuple(a for k, a in enumerate(ev.arguments) if k not in drop)
                times = [a for a in args if a.role == "time"]
                tval = None
                if times and times[0].ref:
                    t = doc.times[int(times[0].ref.split(":")[1])]
                    tval = t.value
                ev = Event(**{**_event_fields(ev), "arguments": args, "time": tval})
            out.append(ev)
        return out

    # --------------------------------------------------------- sentences
    def _sentences(self, doc: Doc, view: str) -> list[_SentCtx]:
        out: list[_SentCtx] = []
        if doc.sentences:
            for i, s in enumerate(doc.sentences):
                vs, ve = doc.norm.view_span(s.start, s.end)
                out.append(_SentCtx(vs, ve, i))
        else:
            for m in _SENT_RE.finditer(view):
                if m.group().strip():
                    out.append(_SentCtx(m.start(), m.end(), None))
        if not out:
            out.append(_SentCtx(0, len(view), None))
        return out

    _MAX_SENT_WORDS = 150

    def _bounded(self, sents: list[_SentCtx], view: str, wstarts: list[int]) -> list[_SentCtx]:
        """Split sentences longer than 150 words (unpunctuated text, lists) at clause
        punctuation or every 150 words, so the work per trigger stays bounded."""
        out: list[_SentCtx] = []
        cap = self._MAX_SENT_WORDS
        for sc in sents:
            i0 = bisect.bisect_left(wstarts, sc.vstart)
            i1 = bisect.bisect_left(wstarts, sc.vend)
            if i1 - i0 <= cap:
                out.append(sc)
                continue
            start = sc.vstart
            last_cut = i0
            for i in range(i0 + 1, i1):
                size = i - last_cut
                if (size >= cap // 2 and any(ch in "،,;؛:" for ch in view[wstarts[i - 1]: wstarts[i]])) or size >= cap:
                    out.append(_SentCtx(start, wstarts[i], sc.index))
                    start, last_cut = wstarts[i], i
            out.append(_SentCtx(start, sc.vend, sc.index))
        return out

    def _context_ok(self, trig: TriggerSpec, words, wi: int, lex: _Lexicon) -> bool:
        if trig.not_prev and wi > 0:
            banned = {normalize(x) for x in trig.not_prev}
            if words[wi - 1][2] in banned or lex.strip_conj(words[wi - 1][2]) in banned:
                return False
        if not trig.near and not trig.not_near:
            return True
        lo, hi = wi + 1, wi + 1 + trig.window
        if trig.near_side == "before":
            lo, hi = wi - trig.window, wi
        elif trig.near_side == "any":
            lo, hi = wi - trig.window, wi + 1 + trig.window
        ctx = []
        for w in words[max(lo, 0): max(hi, 0)]:
            ctx.extend(strip_noun_prefix(w[2]))
            ctx.append(w[2])

        def has(wordset: Sequence[str]) -> bool:
            for target in wordset:
                t = normalize(target)
                for c in ctx:
                    if c == t or (len(t) >= 3 and c.startswith(t)):
                        return True
            return False

        if trig.near and not has(trig.near):
            return False
        if trig.not_near and has(trig.not_near):
            return False
        return True

    # --------------------------------------------------------- candidates
    def _candidates(self, doc: Doc, view: str, words, sent: _SentCtx, lex: _Lexicon) -> list[_Cand]:
        if sent.cands is not None:
            return sent.cands
        norm = doc.norm
        wstarts = self._wstarts
        cands: list[_Cand] = []

        def add(layer, i, obj, label):
            vs, ve = norm.view_span(obj.start, obj.end)
            if vs < sent.vstart or ve > sent.vend or ve <= vs:
                return
            if not doc.in_body(obj.start, obj.end):
                return
            cands.append(_Cand(layer, i, vs, ve, label, obj))

        if sent.vend > sent.vstart:
            o0, o1 = norm.to_original(sent.vstart, sent.vend)
        else:
            o0 = o1 = norm.original_offset(min(sent.vstart, len(view)))
        for layer in ("entities", "quantities", "times"):
            objs = getattr(doc, layer)
            starts, order = self._layer_index[layer]
            lo, hi = bisect.bisect_left(starts, o0), bisect.bisect_right(starts, o1)
            for i in sorted(order[lo:hi]):
                obj = objs[i]
                add(layer, i, obj, obj.label if layer == "entities" else obj.kind)
        # noun-phrase rule
        ents = [c for c in cands if c.layer == "entities"]
        first = bisect.bisect_left(wstarts, sent.vstart)
        # words right after a number: a counted noun ("خمسة جنود") is a phrase by itself
        qty_ends = {c.vend for c in cands if c.layer == "quantities"}
        wi = first
        while wi < len(words) and words[wi][0] < sent.vend:
            counted = wi > 0 and words[wi - 1][1] in qty_ends
            np_span = self._noun_phrase(view, words, wi, sent, lex, counted)
            if np_span is None:
                wi += 1
                continue
            vs, ve, end_w, cls = np_span
            covering = [c for c in ents if c.vstart <= vs and ve <= c.vend]
            if covering:
                wi = end_w + 1
                continue
            if any(c.vstart == vs for c in ents):
                wi = end_w + 1
                continue  # the entity is the phrase; its trailing modifiers stay out (annotation rule)
            others = [c for c in cands if c.layer in ("times", "quantities") and vs < c.vstart < ve]
            if others:
                ve = len(view[: min(c.vstart for c in others)].rstrip())
                if ve <= vs:
                    wi += 1
                    continue
            inner = [c for c in ents if vs <= c.vstart and c.vend <= ve]
            overlapping = [c for c in ents if c.vstart < ve and vs < c.vend and c not in inner]
            if overlapping:
                # stop the phrase before the entity it runs into
                cut = min(c.vstart for c in overlapping)
                if cut <= vs:
                    wi += 1
                    continue
                ve = len(view[:cut].rstrip())
                if ve <= vs:
                    wi += 1
                    continue
            s0, e0 = norm.to_original(vs, ve)
            if doc.in_body(s0, e0):
                c = _Cand("np", None, vs, ve, "NP:" + cls, None, ref_entity=inner[0].index if inner else None)
                cands.append(c)
                for ic in inner:
                    cands.remove(ic)
                    ents.remove(ic)
            wi = end_w + 1
        for c in cands:
            c.fw = max(bisect.bisect_right(wstarts, c.vstart) - 1, 0)
            c.lw = max(bisect.bisect_right(wstarts, max(c.vend - 1, c.vstart)) - 1, c.fw)
            c.prep = self._prep_of(view, words, c, lex)
            c.prep_attached = c.prep is not None and c.vstart > words[c.fw][0]
        cands.sort(key=lambda c: (c.vstart, -c.vend))
        sent.cands = cands
        return cands

    def _noun_phrase(self, view, words, wi, sent, lex, counted: bool = False) -> tuple[int, int, int, str] | None:
        """``(vstart, vend, last word, class)`` of a noun phrase headed at word ``wi``."""
        ws, we, w = words[wi]
        head = cls = None
        for stripped in [w] + strip_noun_prefix(w)[::-1]:  # keep ال when the head is listed with it
            if stripped in lex.np_heads:
                head, cls = stripped, lex.np_heads[stripped]
                break
            if len(stripped) > 3 and stripped.endswith(lex.acc_ending) and stripped[:-1] in lex.np_heads and not stripped.startswith("ال"):
                head, cls = stripped, lex.np_heads[stripped[:-1]]  # indefinite accusative: "مسجدا"، "موقعا"
                break
            if w[: len(w) - len(stripped)].endswith("لل") and "ال" + stripped in lex.np_heads:
                head, cls = stripped, lex.np_heads["ال" + stripped]  # "للجانب" = ل + الجانب
                break
        if head is None:
            return None
        definite = head.startswith("ال")
        hs = we - len(head)
        prefix = w[: len(w) - len(head)]
        if prefix.endswith("لل"):
            hs -= 1  # "للجيش العراقي" -> the span starts after the first ل
            definite = True
        end_w = wi
        mods = 0
        j = wi + 1
        while j < len(words) and mods < lex.np_max and words[j][0] < sent.vend:
            gap = view[words[j - 1][1]: words[j][0]]
            if gap.strip():
                break
            nw = words[j][2]
            core = nw[1:] if nw[:1] == "و" and len(nw) > 3 and nw[1:3] == "ال" else nw
            if core in lex.np_stop or nw in lex.np_stop or len(core) < 3 or core in lex.preps:
                break
            if core.startswith("ال") and len(core) >= 4:
                pass  # definite modifier or genitive
            elif not definite and (core in lex.np_adj or core.endswith(("يه", "يين", "يون", "ي")) and len(core) >= 4):
                pass  # indefinite adjective (nisba)
            else:
                break
            end_w = j
            mods += 1
            j += 1
        if end_w == wi and not definite and counted and cls not in ("weapon", "people", "place"):
            cls = "counted"  # "خمسة جنود": victims or targets, not a force that holds a count
        elif end_w == wi and not (definite or cls in ("weapon", "people", "place") or head in lex.np_bare):
            return None
        return hs, words[end_w][1], end_w, cls

    def _prep_of(self, view: str, words, c: _Cand, lex: _Lexicon) -> str | None:
        ws, we, w = words[c.fw]
        if c.vstart > ws:
            pre = view[ws: c.vstart]
            if pre and pre[0] in lex.conj and len(pre) > 1:
                pre = pre[1:]
            if pre in lex.preps:
                return pre
            if pre in ("ل", "ول", "فل"):
                return "ل"
        j = c.fw - 1
        hops = 0
        while j >= 0 and hops < 2:
            gap = view[words[j][1]: words[j + 1][0]]
            if any(ch in _BOUNDARY for ch in gap):
                return None
            pw = lex.strip_conj(words[j][2])
            if pw in lex.preps or words[j][2] in lex.preps:
                return pw if pw in lex.preps else words[j][2]
            if pw in lex.demonstratives:
                j -= 1  # "في هذه المدينة", "بين صفوف تلك القوات": a demonstrative is no hop
                continue
            if pw in lex.skip_heads or any(s in lex.skip_heads for s in strip_noun_prefix(words[j][2])):
                # a head such as محافظة may itself carry the preposition: "بمحافظة"
                for s in strip_noun_prefix(words[j][2]):
                    if s in lex.skip_heads:
                        pre = words[j][2][: len(words[j][2]) - len(s)]
                        pre = lex.strip_conj(pre) if len(pre) > 1 else pre
                        if pre in lex.preps:
                            return pre
                j -= 1
                hops += 1
                continue
            return None
        return None

    # ------------------------------------------------------------ events
    def _make_event(self, doc, view, words, sent, h: _Hit, start: int, end: int, lex: _Lexicon) -> Event | None:
        cands = self._candidates(doc, view, words, sent, lex)
        self._cands_cache = cands
        if sent.last_subject is not None and h.vstart - words[h.word][0] > 0 and words[h.word][2][0] in lex.conj:
            sent.subjects.setdefault(h.word, sent.last_subject)
        used: set[int] = set()
        args: list[Argument] = []
        trig_is_verb = h.kind in ("past", "present") or (h.kind == "pattern" and h.trigger.pos == "verb")
        # candidates overlapping the trigger word itself cannot fill its roles
        usable = [c for c in cands if not (c.vstart < h.vend and h.vstart < c.vend)]
        filled: dict[str, list[_Cand]] = {}
        for role in h.frame.roles:
            for cue in role.cues:
                if cue.pos == "verb" and not trig_is_verb:
                    continue
                if cue.pos == "noun" and trig_is_verb:
                    continue
                if cue.lemmas and normalize(h.trigger.lemma) not in {normalize(x) for x in cue.lemmas}:
                    continue
                if cue.not_lemmas and normalize(h.trigger.lemma) in {normalize(x) for x in cue.not_lemmas}:
                    continue
                picks = self._apply_cue(doc, view, words, sent, h, role, cue, usable, used, trig_is_verb, filled, lex)
                if picks and role.multiple and len(picks) == 1:
                    picks = self._chain(view, picks[0], usable, lambda c: id(c) not in used and self._type_ok(role, c, view, words))
                if picks:
                    for c in picks:
                        if c.layer != "quote":
                            used.add(id(c))
                    filled[role.name] = picks
                    break
        if trig_is_verb:
            subj = self._subject_of(view, words, h, cands, lex, sent)
            if subj is not None:
                sent.last_subject = subj
        for role in h.frame.roles:
            for c in filled.get(role.name, ()):
                arg = self._argument(doc, role.name, c)
                if arg is not None:
                    args.append(arg)
        if h.frame.require and not any(r in filled for r in h.frame.require):
            return None
        if h.trigger.require and not any(r in filled for r in h.trigger.require):
            return None
        tval = None
        for c in filled.get("time", ()):
            if c.layer == "times" and c.obj.value:
                tval = c.obj.value
                break
        polarity = self._polarity(view, words, h, lex)
        modality = self._modality(view, words, sent, h, lex)
        return Event(
            type=h.frame.name,
            trigger=Trigger(doc.text[start:end], start, end),
            arguments=tuple(args),
            time=tval,
            polarity=polarity,
            modality=modality,
            sentence=sent.index,
            frame=h.frame.id,
            rule=h.rule,
        )

    def _argument(self, doc: Doc, role: str, c: _Cand) -> Argument | None:
        if c.layer in ("entities", "quantities", "times"):
            o = c.obj
            value = getattr(o, "value", None) if c.layer != "entities" else None
            return Argument(role=role, text=o.text, start=o.start, end=o.end, ref=f"{c.layer}:{c.index}", value=value)
        s, e = doc.norm.to_original(c.vstart, c.vend)
        text = doc.text[s:e]
        # trim whitespace / enclosing quotes that normalization kept
        while s < e and (doc.text[s].isspace() or doc.text[s] in '"«»“”\''):
            s += 1
        while e > s and (doc.text[e - 1].isspace() or doc.text[e - 1] in '"«»“”\'.،,'):
            e -= 1
        if e <= s:
            return None
        text = doc.text[s:e]
        ref = f"entities:{c.ref_entity}" if c.ref_entity is not None else None
        return Argument(role=role, text=text, start=s, end=e, ref=ref, value=None)

    # ------------------------------------------------------------- cues
    def _type_ok(self, role: RoleSpec, c: _Cand, view: str, words) -> bool:
        if c.layer == "entities":
            bare_head = self._bare_place_head(c, view)
            if bare_head:
                # an entity that is only a facility noun ("القاعدة": the base, or al-Qaeda
                # to a tagger) is read as the place noun phrase
                return "NP" in role.types or "NP:place" in role.types or "FAC" in role.types
            if not (c.label in role.types or f"ENTITY:{c.label}" in role.types):
                return False
        elif c.layer == "np":
            if "NP" not in role.types and c.label not in role.types:
                return False
        elif c.layer == "quantities":
            if not ("QUANTITY" in role.types or f"QUANTITY:{c.label}" in role.types):
                return False
            if role.units and not self._unit_ok(role, c, view, words):
                return False
        elif c.layer == "times":
            if not ("TIME" in role.types or f"TIME:{c.label}" in role.types):
                return False
        elif c.layer == "quote":
            return "QUOTE" in role.types
        return True

    def _bare_place_head(self, c: _Cand, view: str) -> bool:
        text = view[c.vstart: c.vend]
        return _lex().np_heads.get(text) == "place"

    def _unit_ok(self, role: RoleSpec, c: _Cand, view: str, words) -> bool:
        units = [normalize(u) for u in role.units]
        unit = normalize(c.obj.unit or "")
        if unit and any(u == unit or unit.startswith(u) or u.startswith(unit) for u in units):
            return True
        for w in words[c.lw + 1: c.lw + 4]:
            for s in [w[2]] + strip_noun_prefix(w[2]):
                if any(s.startswith(u) for u in units):
                    return True
        return False

    def _apply_cue(self, doc, view, words, sent, h: _Hit, role: RoleSpec, cue: Cue, cands, used, is_verb, filled, lex) -> list[_Cand]:
        tw = h.word
        limit = cue.max_distance
        if self.max_args_distance is not None:
            limit = min(limit, self.max_args_distance)

        def ok(c: _Cand) -> bool:
            if cue.bare and c.prep is not None:
                return False
            return id(c) not in used and self._type_ok(role, c, view, words)

        def dist(c: _Cand) -> int:
            if c.fw > tw:
                return c.fw - tw
            if c.lw < tw:
                return tw - c.lw
            return 0

        after = [c for c in cands if c.fw > tw or (c.fw == tw and c.vstart >= h.vend)]
        if cue.kind not in ("quote", "spokesperson"):
            cut = self._attribution_cut(view, words, tw, sent, lex)
            after = [c for c in after if c.vstart < cut]
        before = [c for c in cands if c.vend <= h.vstart and c not in after]
        before.sort(key=lambda c: -c.vend)
        after = [c for c in after if dist(c) <= limit]
        before = [c for c in before if dist(c) <= limit]
        k = cue.kind
        multi = role.multiple

        def take(seq):
            out = [c for c in seq if ok(c)]
            if not out:
                return []
            if not multi:
                return out[:1]
            return self._chain(view, out[0], cands, ok)

        if k == "prep":
            preps = {_nword(w) for w in cue.words}
            pool = after if cue.side == "after" else before if cue.side == "before" else sorted(after + before, key=dist)
            return take([c for c in pool if c.prep in preps])
        if k == "before" and self._in_pp(view, words, h, lex):
            return []  # "أعلنت الوزارة عن مغادرة ...": the noun before is not the trigger's agent
        if k in ("before", "after", "nearest"):
            # on equal distance the filler before the trigger wins ("23 قتيلا و50 جريحا")
            pool = after if k == "after" else before if k == "before" else sorted(after + before, key=lambda c: (dist(c), c.fw > tw))
            if k == "nearest" and cue.side in ("after", "before") and cue.side != "any":
                pool = after if cue.side == "after" else before
            return take(pool)
        if k == "genitive":
            if is_verb:
                return []
            gap = tw + 1
            while gap < len(words) and lex.strip_conj(words[gap][2]) in lex.quantifiers and not any(
                c.fw == gap for c in after
            ):
                gap += 1
            if gap < len(words) and lex.strip_conj(words[gap][2]) in lex.title_heads:
                # a title in apposition: "اغتيال قائد فيلق القدس الإيراني قاسم سليماني" -> the person
                named = [c for c in after if c.layer == "entities" and c.label == "PER" and gap < c.fw <= gap + 6
                         and not any(ch in _BOUNDARY for ch in view[words[gap][1]: c.vstart])]
                if named and ok(named[0]):
                    return [named[0]]
            first = [c for c in after if c.layer in ("entities", "np", "quantities") and c.fw <= gap]
            if not first:
                # a quantity or time may sit between: "تسليم 3 قواعد" is not idafa; keep strict
                return []
            c = first[0]
            governed = c.prep is None or (not c.prep_attached and c.fw == tw + 1)
            if c.fw > tw + 1 and c.prep is not None:
                governed = False
            return [c] if governed and ok(c) else []
        if k in ("subject", "object"):
            if k == "object" and not is_verb:
                first = [c for c in after if c.layer in ("entities", "np") and c.fw <= tw + 1]
                return [first[0]] if first and ok(first[0]) and first[0].prep is None else []
            if not is_verb:
                return []
            bare_after = [c for c in after if c.prep is None and c.layer in ("entities", "np")]
            cut = self._attribution_cut(view, words, tw, sent, lex)
            bare_after = [c for c in bare_after if c.vstart < cut]
            if normalize(h.trigger.lemma) in lex.counted_passive:
                # "قتل خمسة جنود" / "20 عنصرا قتلوا": a counted noun next to the verb reads it
                # as the passive (قُتل), as does the passive damma ("قُتل رجل"): that noun is
                # the object (victims) and the verb has no subject
                ostart, _ = doc.norm.to_original(h.vstart, h.vend)
                voweled = doc.text[ostart + 1: ostart + 2] == lex.passive_mark
                c0 = bare_after[0] if bare_after else None
                counted_after = c0 is not None and any(
                    q.layer == "quantities" and q.fw == tw + 1 and q.lw == c0.fw - 1 for q in after
                )
                pre = None
                for c in before:
                    if c.layer not in ("entities", "np") or c.prep is not None:
                        continue
                    if tw - c.lw <= 4 and not any(ch in "،,:؛;.!?؟" for ch in view[c.vend: h.vstart]):
                        pre = c
                    break
                counted_before = pre is not None and any(q.layer == "quantities" and q.lw == pre.fw - 1 for q in cands)
                agrees = view[h.vstart: h.vend].endswith(lex.plural_agreement)
                if voweled or counted_after or (counted_before and c0 is None and agrees):
                    if k == "subject":
                        return []
                    victim = c0 if (c0 is not None and (voweled or counted_after)) else pre
                    return [victim] if victim is not None and ok(victim) else []
            if k == "subject":
                stop = self._speech_start(view, words, sent, h, lex)
                bare_after = [c for c in bare_after if c.vstart < stop]
                if cue.side in ("after", "any"):
                    for c in bare_after:
                        if ok(c) and self._adjacent(words, tw, c, cands, lex):
                            return [c]
                        break  # the first bare nominal after the verb is its subject
                if not bare_after and cue.side in ("before", "any"):
                    # a verb coordinated with an earlier one ("انسحبت القوات ... وسلمتها") shares its subject
                    shared = sent.subjects.get(h.word)
                    if shared is not None and ok(shared):
                        return [shared]
                if cue.side in ("before", "any") and not bare_after or cue.side == "before":
                    for c in before:
                        if c.layer not in ("entities", "np") or c.prep is not None:
                            continue
                        if any(ch in "،,:؛;" for ch in view[c.vend: h.vstart]):
                            break  # "... جبال حمرين، قال": a clause boundary separates them
                        if any(
                            words[x][2] in lex.openers or lex.strip_conj(words[x][2]) in lex.openers
                            for x in range(c.lw + 1, tw)
                        ):
                            break  # "أعلنت مصادر أن 20 عنصرا قتلوا": أن opens a new clause
                        if ok(c) and dist(c) <= min(limit, 8):
                            return [c]
                        break
                if cue.side == "any" and bare_after and not ok(bare_after[0]):
                    for c in before:
                        if c.layer in ("entities", "np") and c.prep is None:
                            return [c] if ok(c) and dist(c) <= min(limit, 8) else []
                return []
            # object: first unused bare filler after the verb's subject, of the allowed type
            subj = self._subject_of(view, words, h, cands, lex, sent)
            return take([c for c in bare_after if c is not subj])
        if k == "head":
            heads = {_nword(w) for w in cue.words}
            pool = sorted(after + before, key=dist) if cue.side == "any" else (after if cue.side == "after" else before)
            sel = []
            for c in pool:
                first_word = words[c.fw][2]
                prev = words[c.fw - 1][2] if c.fw > 0 else ""
                forms = set([first_word, prev] + strip_noun_prefix(first_word) + strip_noun_prefix(prev))
                if forms & heads:
                    sel.append(c)
            return take(sel)
        if k == "support":
            if is_verb:
                return []
            verbs = {_nword(w) for w in cue.words} if cue.words else lex.control_verbs
            lo = max(tw - 1 - min(limit, 12), -1)
            for j in range(tw - 1, lo, -1):
                if words[j][0] < sent.vstart:
                    break
                gap = view[words[j][1]: words[j + 1][0]]
                if any(ch in ".!?؟\n" for ch in gap):
                    break
                is_verb_j = lex.strip_conj(words[j][2]) in verbs or words[j][2] in verbs
                if not is_verb_j and j in self._hit_words and cue.words == ():
                    break  # another event word is nearer: the control verb governs that one
                if is_verb_j:
                    subj = next((c for c in cands if c.fw > j and c.lw < tw and c.layer in ("entities", "np")), None)
                    if subj is not None and subj.prep is None and ok(subj) and self._adjacent(words, j, subj, cands, lex):
                        return [subj]
                    if subj is None or not self._adjacent(words, j, subj, cands, lex):
                        # SVO: "وكانت الحكومة البريطانية، قد قررت سحب": the nominal before the verb
                        prev = [c for c in cands if c.lw < j and c.layer in ("entities", "np") and c.prep is None]
                        if prev:
                            c = max(prev, key=lambda c: c.vend)
                            if j - c.lw <= 3 and ok(c):
                                return [c]
                    break
            return []
        if k == "relative":
            if is_verb or not cue.words:
                return []
            verbs = {_nword(w) for w in cue.words}
            for j in range(tw + 1, min(tw + 5, len(words))):
                if words[j][0] >= sent.vend or any(ch in ".!?؟\n،,;؛" for ch in view[words[j - 1][1]: words[j][0]]):
                    break
                w = lex.strip_conj(words[j][2]) if words[j][2] not in verbs else words[j][2]
                base = next((v for v in verbs if w.startswith(v) and w[len(v):] in lex.rel_pronouns), None)
                if base is None:
                    continue
                subj = next((c for c in cands if j < c.fw <= j + 3 and c.layer in ("entities", "np") and c.prep is None), None)
                if subj is not None and ok(subj):
                    return [subj]
                break
            return []
        if k == "spokesperson":
            return self._spokesperson(doc, view, words, sent, h, role, cands, used, lex, limit)
        if k == "quote":
            q = self._quote(doc, view, words, sent, h, lex, limit)
            return [q] if q is not None and self._type_ok(role, q, view, words) else []
        return []

    def _attribution_cut(self, view, words, tw: int, sent, lex) -> int:
        """View offset of the first "، بحسب/حسبما/وفق ..." after word ``tw`` (the sentence end if none):
        an object does not lie beyond such an attribution ("وجرح عشرة، بحسب المصدر")."""
        for j in range(tw + 1, min(tw + 40, len(words))):
            if words[j][0] >= sent.vend:
                break
            if any(ch in "،,;؛" for ch in view[words[j - 1][1]: words[j][0]]) and (
                words[j][2] in lex.attribution_stops or lex.strip_conj(words[j][2]) in lex.attribution_stops
            ):
                return words[j][0]
        return sent.vend

    def _subject_of(self, view, words, h, cands, lex, sent) -> _Cand | None:
        """The bare nominal right after a verb trigger (before any quoted speech)."""
        stop = self._speech_start(view, words, sent, h, lex)
        for c in cands:
            if c.vstart >= h.vend and c.vstart < stop and c.layer in ("entities", "np"):
                return c if c.prep is None and self._adjacent(words, h.word, c, cands, lex) else None
        return sent.subjects.get(h.word)

    def _in_pp(self, view, words, h, lex) -> bool:
        """True when the trigger is introduced by a preposition (word or attached ب/ل)."""
        pre = view[words[h.word][0]: h.vstart]
        pre = pre[1:] if pre[:1] in lex.conj and len(pre) > 1 else pre
        if pre and pre[0] == "ب":
            return True
        if h.word > 0:
            gap = view[words[h.word - 1][1]: words[h.word][0]]
            if not any(ch in _BOUNDARY for ch in gap):
                pw = lex.strip_conj(words[h.word - 1][2])
                return pw in lex.preps or words[h.word - 1][2] in lex.preps
        return False

    def _adjacent(self, words, tw: int, c: _Cand, cands, lex) -> bool:
        """Only adverbs or time/quantity expressions stand between word ``tw`` and ``c``."""
        for j in range(tw + 1, c.fw):
            w = words[j][2]
            if w in lex.adverbs or lex.strip_conj(w) in lex.adverbs:
                continue
            if any(o.layer in ("times", "quantities") and o.fw <= j <= o.lw for o in cands):
                continue
            return False
        return True

    def _chain(self, view, first: _Cand, cands, ok) -> list[_Cand]:
        """``first`` plus the fillers coordinated with it by و or a comma ("العراق والولايات المتحدة")."""
        out = [first]
        pos = sorted(cands, key=lambda c: c.vstart)
        cur = first
        for c in pos:
            if c.vstart < cur.vend or c is cur:
                continue
            gap = view[cur.vend: c.vstart].strip()
            if gap in ("و", "،و", "، و", "،", ",") and ok(c):
                out.append(c)
                cur = c
                continue
            break
        return out

    def _speech_start(self, view, words, sent, h, lex) -> int:
        """View offset where the quoted speech or أن/إن clause of the trigger begins."""
        q = self._quote(None, view, words, sent, h, lex, 14)
        return q.vstart if q is not None else sent.vend

    def _spokesperson(self, doc, view, words, sent, h, role, cands, used, lex, limit) -> list[_Cand]:
        """"المتحدث باسم X، Y" or a title in apposition ("قائد القيادة الوسطى، الجنرال Y").

        Returns the person Y for a role that takes PER, the title phrase (head to the comma
        before Y) for a noun-phrase role, or X when no person follows.
        """
        tw = h.word
        lo = max(tw - 6, 0)
        hi = min(tw + 8, len(words))
        wants_title = any(t.split(":")[0] == "NP" for t in role.types) and not (set(role.types) & {"PER", "ORG"})
        for j in range(lo, hi):
            ws, we, w = words[j]
            if ws < sent.vstart or ws >= sent.vend:
                continue
            core = lex.strip_conj(w)
            spk = core in lex.spk_heads or w in lex.spk_heads
            titled = not spk and (core in lex.title_heads or w in lex.title_heads) and 0 < j - tw <= 2
            if not spk and not titled:
                continue
            org = None
            org_is_span = False
            if spk:
                k = j + 1
                while k < len(words) and words[k][2] in lex.spk_mods:
                    k += 1
                if k >= len(words):
                    continue
                if words[k][2] not in lex.spk_link:
                    # "المتحدث الرسمي للقوات المسلحة": the organisation with an attached ل
                    org = next((c for c in cands if c.fw == k and c.prep_attached and c.layer in ("entities", "np")), None)
                    if org is None or words[k][2][:1] != lex.spk_lam:
                        continue
                    k -= 1
                else:
                    org = next((c for c in cands if c.fw == k + 1 and c.layer in ("entities", "np")), None)
                if org is None:
                    # an organisation NER missed: the words after باسم up to a person's name
                    # ("الناطق باسم قيادة الشرطة سالم الحربي"); without a name nothing is taken
                    pstarts = {c.fw for c in cands if c.layer == "entities" and c.label == "PER"}
                    e = k + 1
                    while e < len(words) and e - k <= 5 and words[e][0] < sent.vend and e not in pstarts:
                        if e > k + 1 and any(ch in _BOUNDARY or ch == '"' for ch in view[words[e - 1][1]: words[e][0]]):
                            e = -1
                            break
                        e += 1
                    if e <= k + 1 or e not in pstarts:
                        continue
                    org = _Cand("np", None, words[k + 1][0], words[e - 1][1], "NP:force", None, fw=k + 1, lw=e - 1)
                    org_is_span = True
            # the title phrase ends at the organisation ("المتحدث باسم وزارة الداخلية"); a
            # title head without one runs to the person's name, a punctuation mark or an
            # opener, at most six words
            pers = [c for c in cands if c.layer == "entities" and c.label == "PER"]
            per_starts = {c.fw for c in pers}

            def per_after(m):
                """A person named within three words after word m, only ranks between."""
                k = m + 1
                while k < len(words) and k <= m + 3 and words[k][0] < sent.vend:
                    p = next((c for c in pers if c.fw == k), None)
                    if p is not None:
                        return p
                    if any(ch in ".!?؟\n(" for ch in view[words[k - 1][1]: words[k][0]]):
                        return None
                    if not (words[k][2] in lex.adverbs or lex.strip_conj(words[k][2]) in lex.adverbs):
                        return None  # only a rank may stand between the title and the name
                    k += 1
                return None

            def stops(e):
                gap = view[words[e - 1][1]: words[e][0]]
                return (
                    words[e][0] >= sent.vend
                    or any(ch in _BOUNDARY or ch == '"' for ch in gap)
                    or e in per_starts
                    or words[e][2] in lex.openers
                    or lex.strip_conj(words[e][2]) in lex.openers
                    or words[e][2] in lex.adverbs
                )

            if org is not None:
                # the title ends at the organisation ("المتحدث باسم وزارة الداخلية") or runs
                # on over its complement only when a name follows ("... لهزيمة داعش، مايلز كاغينز")
                m = org.lw
                per = per_after(m)
                e = m + 1
                while per is None and e < len(words) and e - org.lw <= 6 and not stops(e):
                    per = per_after(e)
                    if per is not None:
                        m = e
                    e += 1
                if per is None and e - org.lw <= 4 and e < len(words) and (
                    words[e][2] in lex.openers or lex.strip_conj(words[e][2]) in lex.openers
                ):
                    # a short complement right before أن/إن: "المتحدث باسم قوات التحالف في العراق أن"
                    if not any(c.layer == "times" and words[org.lw][1] <= c.vstart < words[e][0] for c in cands):
                        m = e - 1
            else:
                m = j
                while m + 1 < len(words) and m - j < 6 and not stops(m + 1):
                    m += 1
                per = per_after(m)
            if per is None and spk:
                # the name before the title: "ناصر الحاسي، المتحدث باسم ..."، "محمد، وهو متحدث باسم"
                b = j - 1
                if b >= 0 and words[b][2] in lex.spk_pre:
                    b -= 1
                per = next((c for c in pers if c.lw == b and b >= 0), None)
            if titled and per is None:
                continue
            title_end = words[m][1]
            if per is not None and per.vstart > ws:
                title_end = min(title_end, len(view[: per.vstart].rstrip(" ،,-")))
            if wants_title:
                head_start = ws + (0 if (w in lex.spk_heads or w in lex.title_heads) else len(w) - len(core))
                title = _Cand("np", None, head_start, title_end, "NP:force", None, fw=j, lw=m)
                return [title]
            if per is not None and id(per) not in used and "PER" in role.types:
                return [per]
            if org is not None and not org_is_span and id(org) not in used and self._type_ok(role, org, view, words):
                return [org]
        return []

    def _quote(self, doc, view, words, sent, h, lex, limit) -> _Cand | None:
        """Quoted speech after the trigger, the أن/إن clause that follows it, or (for
        announcing words such as أعلن) the complement after the subject.

        A quotation counts when it opens within ``limit`` words of the trigger and holds
        at least three words (a quoted name such as “باركر” does not); nested quotations
        are skipped and it may run past the sentence end up to the end of its paragraph.
        A clause ends at the sentence end or at a comma before a connector (فيما، وذلك ...).
        """
        tw = h.word
        end_lim = sent.vend
        para_end = view.find("\n", h.vend)
        para_end = len(view) if para_end == -1 else para_end
        opener = None
        for j in range(tw + 1, min(tw + 1 + limit, len(words))):
            if words[j][0] >= end_lim:
                break
            if any(ch in "،,;؛" for ch in view[words[j - 1][1]: words[j][0]]) and (
                words[j][2] in lex.content_stops or lex.strip_conj(words[j][2]) in lex.content_stops
            ):
                break  # "أكدت الحركة ...، قائلة إن": the clause belongs to the next speech word
            if words[j][2] in lex.openers or lex.strip_conj(words[j][2]) in lex.openers:
                opener = j
                break
        opener_pos = words[opener][0] if opener is not None else end_lim
        para_start = max(view.rfind("\n", 0, h.vstart) + 1, h.vstart - 4000)
        para_end = min(para_end, h.vend + 4000)  # quotations are bounded; keeps long texts linear
        inside = view.count(_QUOTE_CHARS, para_start, h.vend) % 2 == 1
        pos = h.vend
        span = None
        while True:
            q = view.find(_QUOTE_CHARS, pos, min(end_lim, para_end))
            if q == -1 or words_between(words, tw, q) > limit:
                break
            if inside:  # this mark closes a quotation the trigger stands in
                inside = False
                pos = q + 1
                continue
            close = _closing_quote(view, q, para_end)
            ve = close if close != -1 else min(end_lim, para_end)
            if len(WORD_RE.findall(view, q + 1, ve)) >= 3:
                if q <= opener_pos or opener is None:
                    span = (q + 1, ve)
                break
            pos = (close + 1) if close != -1 else ve
        if span is None and opener is not None and opener + 1 < len(words):
            vs = words[opener + 1][0]
            between = view[words[opener][1]: vs]
            ve = self._clause_end(view, words, opener + 1, end_lim, lex)
            if '"' in between:
                close = _closing_quote(view, view.rfind('"', 0, vs), para_end)
                if close != -1 and len(WORD_RE.findall(view, vs, close)) >= 3:
                    ve = close
            span = (vs, ve)
        intro = tw > 0 and (
            lex.strip_conj(words[tw - 1][2]) in lex.attribution_intro
            or (tw > 1 and words[tw - 1][2] in lex.negative and lex.strip_conj(words[tw - 2][2]) in lex.relative_ma)
        )
        if span is None and not intro and normalize(h.trigger.lemma) in lex.complement_lemmas:
            j = tw + 1
            cands = [c for c in (self._cands_cache or []) if c.fw >= j]
            steps = 0
            while j < len(words) and words[j][0] < end_lim and steps < 6:
                w = lex.strip_conj(words[j][2])
                c = next((c for c in cands if c.fw == j and c.layer in ("entities", "np")), None)
                if c is not None and c.prep is None:
                    j = c.lw + 1
                elif w in lex.complement_skip or words[j][2] in lex.complement_skip or w in lex.adverbs:
                    j += 1
                else:
                    break
                steps += 1
            if j < len(words) and words[j][0] < end_lim and steps < 6:
                span = (words[j][0], self._clause_end(view, words, j, end_lim, lex))
        if span is None:
            return None
        vs, ve = span
        while ve > vs and (view[ve - 1].isspace() or view[ve - 1] in '".،,:؛;'):
            ve -= 1
        while vs < ve and (view[vs].isspace() or view[vs] in '"'):
            vs += 1
        if ve <= vs:
            return None
        return _Cand("quote", None, vs, ve, "QUOTE", None)

    def _clause_end(self, view, words, j: int, end_lim: int, lex) -> int:
        """End of the reported clause starting at word ``j``: the sentence end, or a comma
        followed by a connector ("، فيما رجح", "، وذلك في تصريحات")."""
        k = j + 1
        while k < len(words) and words[k][0] < end_lim:
            gap = view[words[k - 1][1]: words[k][0]]
            if ("،" in gap or "," in gap) and (
                words[k][2] in lex.content_stops or lex.strip_conj(words[k][2]) in lex.content_stops
            ):
                return words[k - 1][1]
            k += 1
        return end_lim

    # -------------------------------------------------------- factuality
    def _clause_words(self, view, words, wi: int, n: int) -> list[str]:
        out = []
        j = wi - 1
        while j >= 0 and len(out) < n:
            gap = view[words[j][1]: words[j + 1][0]]
            if any(ch in "،,:؛;.!?؟\n" for ch in gap):
                break
            out.append(words[j][2])
            j -= 1
        return out  # nearest first

    def _in_quote(self, view: str, vpos: int) -> bool:
        para_start = max(view.rfind("\n", 0, vpos) + 1, vpos - 4000)
        return view.count(_QUOTE_CHARS, para_start, vpos) % 2 == 1

    def _polarity(self, view, words, h: _Hit, lex: _Lexicon) -> str:
        prev = self._clause_words(view, words, h.word, lex.neg_window + 1)
        for d, w in enumerate(prev[: lex.neg_window]):
            if w in lex.negative or lex.strip_conj(w) in lex.negative:
                if d + 1 < len(prev) and (prev[d + 1] in lex.relative_ma or lex.strip_conj(prev[d + 1]) in lex.relative_ma):
                    break  # "وفق ما أعلن", "على ما أعلنته": ما is a relative, not a negation
                return "negative"
            if not (w in lex.aux or lex.strip_conj(w) in lex.aux):
                break
        # a negation particle attached to the trigger word itself ("ولن" is separate; "لم" never attaches)
        return "positive"

    def _modality(self, view, words, sent, h: _Hit, lex: _Lexicon) -> str:
        if h.fut:
            return "planned"
        prev = self._clause_words(view, words, h.word, lex.mod_window)
        best: tuple[int, int, str] | None = None
        prev_set = {lex.strip_conj(w) for w in prev} | set(prev)
        for cls_rank, cls in enumerate(lex.mod_order):
            for phrase in lex.mod_words[cls]:
                if phrase[-1] not in prev_set:
                    continue
                n = len(phrase)
                for d in range(len(prev) - n + 1):
                    seg = tuple(reversed(prev[d: d + n]))
                    if all(a == b or lex.strip_conj(a) == b for a, b in zip(seg, phrase)):
                        cand = (d, cls_rank, cls)
                        if best is None or cand < best:
                            best = cand
                        break
            if cls == "hypothetical":
                for d, w in enumerate(prev):
                    if lex.strip_conj(w) in lex.hyp_imperf or w in lex.hyp_imperf:
                        nxt = prev[d - 1] if d > 0 else view[h.vstart: h.vend]
                        if nxt and nxt[0] in lex.imperf and (d > 0 or h.kind in ("present", "noun")):
                            cand = (d, cls_rank, cls)
                            if best is None or cand < best:
                                best = cand
        if best is not None:
            return best[2]
        for w in words[h.word + 1: h.word + 3]:
            if w[2] in lex.planned_after:
                return "planned"
        if h.frame.name in lex.attribution_frames:
            return "asserted"
        # sentence-level attribution hedges ("وفقا لـ")
        i = h.word
        while i < len(words) and words[i][0] < sent.vend:
            i += 1
        j = bisect.bisect_left(self._wstarts, sent.vstart)
        for k, w in enumerate(words[j:i], j):
            if k == h.word:
                continue
            if lex.strip_conj(w[2]) in lex.reported_sentence or w[2] in lex.reported_sentence:
                return "reported"
        return "asserted"


def _normalize_pattern(p: str) -> str:
    """Fold the Arabic letters of a trigger pattern like the view (ة->ه, أ->ا, harakat off)."""
    from ..normalize import normalize_char

    return "".join(normalize_char(ch) if "\u0600" <= ch <= "\u06ff" else ch for ch in p)


def _closing_quote(view: str, q: int, limit: int) -> int:
    """Offset of the mark that closes the quotation opened at ``q`` (-1 if none).

    A mark after a space and before a letter opens a nested quotation ("إرادة النصر").
    """
    depth = 0
    i = q + 1
    while True:
        i = view.find(_QUOTE_CHARS, i, limit)
        if i == -1:
            return -1
        before = view[i - 1] if i > 0 else " "
        after = view[i + 1] if i + 1 < len(view) else " "
        if (before.isspace() or before in "(") and after.isalnum():
            depth += 1
        elif depth:
            depth -= 1
        else:
            return i
        i += 1


def words_between(words, tw: int, vpos: int) -> int:
    n = 0
    for j in range(tw + 1, len(words)):
        if words[j][0] >= vpos:
            break
        n += 1
    return n


def _event_fields(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "trigger": e.trigger,
        "arguments": e.arguments,
        "time": e.time,
        "polarity": e.polarity,
        "modality": e.modality,
        "sentence": e.sentence,
        "frame": e.frame,
        "rule": e.rule,
        "id": e.id,
    }


@component("events", requires=["tokens"], provides=["events"])
def make_events(nlp, frames: Sequence[Any] | None = None, builtin: bool = True, **options: Any):
    """Event extraction with the built-in frames plus ``frames`` (dicts, paths, Frames).

    The returned callable has ``add_frame(spec)``; ``nlp.add_frame`` forwards to it.
    Options: ``max_args_distance`` (words) caps every cue's distance.
    """
    unknown = set(options) - {"max_args_distance"}
    if unknown:
        raise ConfigError(f"events: unknown option(s) {', '.join(sorted(unknown))}; accepted: frames, builtin, max_args_distance")
    ex = EventExtractor(frames or (), builtin=builtin, **options)
    if nlp is not None:
        try:
            nlp.frames = ex._frames  # live: frames added later show up
        except Exception:  # pragma: no cover - a pipeline without the attribute
            pass
    return ex
