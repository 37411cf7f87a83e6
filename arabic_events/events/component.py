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

from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Sequence

import regex

from ..doc import Argument, Doc, Event, Trigger
from ..errors import ConfigError, FrameError
from ..normalize import normalize
from ..pipeline import component
from ._common import _BOUNDARY, _Cand, _Hit, _Lexicon, _SentCtx, _lex, _nset, _nword
from ._literals import required_literals
from ._morph import StemIndex, view_words
from ._morph import tables as morph_tables
from .candidates import CandidateMixin
from .coref import frame_precedence, merge_mentions, to_mention
from .cues import CueMixin
from .factuality import FactualityMixin, _past_year
from .merge import _date_range
from .frames import Frame, TriggerSpec, builtin_frames, load_frame
from .places import PlaceTimeMixin
from .speech import SpeechMixin
from .triggers import TriggerMixin

__all__ = ["make_events", "EventExtractor"]


class EventExtractor:
    """Callable ``Doc -> Doc`` that fills ``doc.events`` from registered frames.

    The extractor holds configuration only (frames, the trigger index, options); each
    call creates a :class:`_DocRun` that holds everything about the document, so one
    extractor can be shared by several threads.
    """

    def __init__(
        self,
        frames: Iterable[Any] = (),
        *,
        builtin: bool = True,
        max_args_distance: int | None = None,
        merge: bool = True,
        facts_only: bool = False,
    ) -> None:
        self._frames: dict[str, Frame] = {}
        self.max_args_distance = max_args_distance
        self.merge = bool(merge)
        self.facts_only = bool(facts_only)
        if builtin:
            for f in builtin_frames():
                self._frames[f.name] = f
        for spec in frames or ():
            f = load_frame(spec)
            self._frames[f.name] = f
        self._compiled = self._build()

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
        self._compiled = self._build()
        return f

    def remove_frame(self, name: str) -> Frame:
        if name not in self._frames:
            raise FrameError(f"no frame named {name!r}; frames: {', '.join(sorted(self._frames))}")
        f = self._frames.pop(name)
        self._compiled = self._build()
        return f

    def _build(self) -> tuple[StemIndex, list[tuple[Frame, TriggerSpec, Any, tuple[str, ...] | None]]]:
        idx = StemIndex()
        pats = []
        for f in self._frames.values():
            for ti, t in enumerate(f.triggers):
                payload = (f, t)
                if t.pattern:
                    rx = regex.compile(_normalize_pattern(t.pattern))
                    pats.append((f, t, rx, required_literals(rx.pattern)))
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
        return idx, pats

    def __call__(self, doc: Doc) -> Doc:
        return _DocRun(self, doc).run()


class _DocRun(TriggerMixin, CandidateMixin, CueMixin, SpeechMixin, FactualityMixin, PlaceTimeMixin):
    """Everything about one document call: the view, its words, per-layer indexes and
    the trigger words found; created per call and dropped afterwards."""

    def __init__(self, ex: EventExtractor, doc: Doc) -> None:
        self.ex = ex
        self.doc = doc
        self.max_args_distance = ex.max_args_distance
        self._index, self._patterns = ex._compiled
        self._lex = _lex()
        self._hit_words: set[int] = set()
        self._cut_cache: dict[tuple[int, int], int] = {}
        self._speech_cache: dict[tuple[int, int, int], int] = {}
        self._cue_pools: dict[tuple, tuple] = {}  # (candidates, trigger word, ...) -> after/before lists
        self._lazy: dict[str, Any] = {}  # per-document values built on first use ("np_at": candidates._np_words)
        self._frame_hits: dict[str, set[int]] = {}
        self._sstarts: list[int] = []
        view = doc.norm.text if doc.text else ""
        self._words = view_words(view)
        self._wstarts = [w[0] for w in self._words]
        # per-layer start index, so a sentence looks only at the objects inside it (linear time)
        self._layer_index: dict[str, tuple[list[int], list[int]]] = {}
        for layer in ("entities", "quantities", "times"):
            objs = getattr(doc, layer)
            order = sorted(range(len(objs)), key=lambda i, objs=objs: objs[i].start)
            self._layer_index[layer] = ([objs[i].start for i in order], order)

    def run(self) -> Doc:
        doc = self.doc
        if not doc.text or not doc.text.strip() or not self._words:
            doc.events = []
            return doc
        index = self._index
        lex = self._lex
        view = doc.norm.text
        words = self._words
        wstarts = self._wstarts
        sents = self._bounded(self._sentences(doc, view), view, wstarts)
        sstarts = [s.vstart for s in sents]
        self._sstarts.extend(sstarts)  # sentence starts, for the weak-place rule (_recent_mention)

        def sent_of(vpos: int) -> _SentCtx:
            i = bisect.bisect_right(sstarts, vpos) - 1
            return sents[max(i, 0)]

        def sent_of_offset(offset: int) -> _SentCtx | None:
            vs, _ = doc.norm.view_span(offset, offset + 1)
            return sent_of(vs)

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
        for wi, found in index.hit_words([w[2] for w in words]):
            ws, we, w = words[wi]
            seen_readings: set[tuple] = set()
            for reading, (frame, trig) in found:  # longest stem first (StemIndex.readings)
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
        for frame, trig, rx, literals in self._patterns:
            if literals is not None and not any(lit in view for lit in literals):
                continue  # no match can exist: every match contains one of the literals (_literals.py)
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
        for specific, generals in frame_precedence().items():
            for fn, w in [k for k in groups if k[0] == specific]:
                for g in generals:
                    groups.pop((g, w), None)  # "تفجير": a BOMBING, not also an ATTACK
        self._hit_words.update(w for (_, w) in groups)
        for fn, w in groups:
            self._frame_hits.setdefault(fn, set()).add(w)
        # (a noun that needs a role of its own, "البيان ... قال", does not swallow the verb)
        noun_words = {(fn, w) for (fn, w), hs in groups.items() if any(x.kind in ("noun", "pattern") and not x.trigger.require for x in hs)}
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
        bare: set[int] = set()
        weak: set[int] = set()
        for key in sorted(groups, key=lambda k: (groups[k][0].vstart, k[0])):
            best_ev = None
            best_score = None
            best_bare = False
            for rank, h in enumerate(groups[key]):
                start, end = doc.norm.to_original(h.vstart, h.vend)
                if not doc.in_body(start, end):
                    continue
                sent = sent_of(h.vstart)
                made = self._make_event(doc, view, words, sent, h, start, end, lex)
                if made is None:
                    continue
                ev, is_bare = made
                score = (sum(1 for a in ev.arguments if a.role != "time"), -rank)
                if best_score is None or score > best_score:
                    best_ev, best_score, best_bare = ev, score, is_bare
            if best_ev is not None:
                events.append(best_ev)
                if best_bare == "weak":
                    weak.add(best_ev.trigger.start)
                elif best_bare:
                    bare.add(best_ev.trigger.start)
        events = self._attach_times(doc, events)
        events = [self._victims_not_agents(e) for e in events if self._sense_ok(e)]
        if self.ex.merge:
            events = merge_mentions(doc, events, self.ex._frames, bare=bare, weak=weak)
        else:
            events = [replace(e, mentions=(to_mention(e),)) for e in events if e.trigger.start not in bare]
        events = self._list_members(events)  # places.py: victims listed after "... كل من :"
        events = self._inherit_places(events, sent_of_offset)  # places.py: the casualties of an attack take its place
        events = [self._sentence_places(e, sent_of_offset) for e in events]  # places.py: a place anywhere in the sentence
        events = [self._times_outside_content(e) for e in events]  # places.py: not a time said in the content
        events = [self._fill_from_context(self._where_when(e, sent_of_offset)) for e in events]
        if self.ex.facts_only:
            events = [e for e in events if e.is_fact]
        doc.events = [replace(e, id=f"e{i}") for i, e in enumerate(events)]
        return doc

    def _has_genitive(self, h: _Hit, cands, lex) -> bool:
        """A nominal right after a noun trigger (after quantifiers such as جميع): the
        trigger has a participant even when no role takes it ("مغادرة جميع قواتنا")."""
        words = self._words
        k = h.word + 1
        while k < len(words) and lex.strip_conj(words[k][2]) in lex.quantifiers:
            k += 1
        if any(c.fw == k and c.layer in ("np", "entities") and c.prep is None for c in cands):
            return True
        # a definite noun in idafa ("تفجير الملعب"): not an adjective (nisba), not a stop word
        if k >= len(words) or any(ch in _BOUNDARY for ch in self.doc.norm.text[words[k - 1][1]: words[k][0]]):
            return False
        w = words[k][2]
        return (
            w.startswith("ال") and len(w) >= 5 and w not in lex.np_stop
            and not w.endswith(lex.nisba_endings) and not w.endswith(("ه", "ات"))
        )

    def _recent_mention(self, h: _Hit) -> bool:
        """Another trigger of the frame lies before ``h`` in its sentence or in the
        ``weak_gap`` sentences before it (cues.yaml): a place-only mention refers back to it."""
        sstarts = self._sstarts
        i = bisect.bisect_right(sstarts, h.vstart) - 1
        lo = sstarts[max(i - _place_weak_gap(), 0)] if sstarts else 0
        words = self._words
        return any(w < h.word and words[w][0] >= lo for w in self._frame_hits.get(h.frame.name, ()))

    def _clause_mate(self, h: _Hit) -> bool:
        """Another trigger of the same frame within four words in the same clause
        ("وقعت ... مذكرة تفاهم"): the noun is the same mention as that verb."""
        view = self.doc.norm.text
        words = self._words
        hits = self._frame_hits.get(h.frame.name, ())
        for w in range(h.word - 4, h.word + 5):
            if w == h.word or w not in hits:
                continue
            lo, hi = sorted((w, h.word))
            if not any(ch in "،,.؛;:!?؟\n" for ch in view[words[lo][1]: words[hi][0]]):
                return True
        return False

    def _anchored(self, h: _Hit, lex) -> bool:
        """The frame's ``anchor``: an indefinite noun introduced by an anchor word ("في
        هجوم", "جراء قصف") a few words after a trigger of an anchor frame in the same clause."""
        frame = h.frame
        if not frame.anchor_frames:
            return False
        view = self.doc.norm.text
        words = self._words
        morph = morph_tables()
        if view.startswith(morph["det"], h.vstart) or view[words[h.word][0]: h.vstart + 1].endswith(morph["lil"]):
            return False  # "جراء الهجوم": a definite noun refers back to an event told before
        anchor_words = _nset(frame.anchor_words)
        clitic = view[words[h.word][0]: h.vstart]
        clitic = clitic[1:] if clitic[:1] in lex.conj else clitic
        prev = lex.strip_conj(words[h.word - 1][2]) if h.word > 0 else ""
        if not (clitic in anchor_words or (not clitic and prev in anchor_words)):
            return False
        for fn in frame.anchor_frames:
            for w in self._frame_hits.get(fn, ()):
                if h.word - frame.anchor_window <= w < h.word and not any(
                    ch in "،,.؛;:!?؟\n" for ch in view[words[w][1]: words[h.word][0]]
                ):
                    return True
        return False

    def _fill_from_context(self, ev: Event) -> Event:
        """An empty ``time`` role takes the event's ``when`` found in a sentence of one of
        its mentions (rule ``doc:sentence``). (Filling ``location`` from ``where`` the same
        way lowered argument F1 on the development articles, so ``where`` stays apart.)"""
        frame = self.ex._frames.get(ev.type)
        if frame is None:
            return ev
        have = {a.role for a in ev.arguments}
        extra = []
        for role, src in (("time", ev.when),):
            if src is None or role in have or frame.role(role) is None or not src.rule.startswith("doc:"):
                continue
            extra.append(replace(src, role=role))
        if not extra:
            return ev
        return replace(ev, arguments=ev.arguments + tuple(extra))

    def _sense_ok(self, ev: Event) -> bool:
        """Mention-level sense rules on the linked arguments (cues.yaml ``verbal_attack``)."""
        lex = self._lex
        if ev.type in lex.verbal_types:
            targets = [a for a in ev.arguments if a.role in lex.verbal_target_roles]
            if targets and not any(a.role in lex.verbal_physical_roles for a in ev.arguments):
                labels = []
                for a in targets:
                    if a.ref and a.ref.startswith("entities:"):
                        labels.append(self.doc.entities[int(a.ref.split(":", 1)[1])].label)
                    else:
                        labels.append(None)
                if all(lab in lex.verbal_target_labels for lab in labels):
                    return False  # "شن الوزير هجوما على رئيس الحكومة": a verbal attack
        return True

    def _victims_not_agents(self, ev: Event) -> Event:
        """A victim is never its own agent: drop an agent/attacker filler that is also a
        victim or target of the same mention (the same span or the same entity)."""
        hurt = [a for a in ev.arguments if a.role in ("victims", "target")]
        if not hurt:
            return ev
        bad = [
            a for a in ev.arguments
            if a.role in ("agent", "attacker")
            and any((a.start, a.end) == (b.start, b.end) or (a.ref and a.ref == b.ref) for b in hurt)
        ]
        if not bad:
            return ev
        return replace(ev, arguments=tuple(a for a in ev.arguments if a not in bad))

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
                ev = replace(ev, arguments=args, time=tval)
            out.append(ev)
        return out

    # --------------------------------------------------------- sentences
    def _make_event(self, doc, view, words, sent, h: _Hit, start: int, end: int, lex: _Lexicon) -> tuple[Event, bool | str] | None:
        """The event of one trigger mention and whether it is a bare noun mention (``"weak"``:
        bare but for an attached pronoun filling a role, see ``TriggerSpec.suffix_fills``)."""
        cands = self._candidates(doc, view, words, sent, lex)
        if sent.last_subject is not None and h.vstart - words[h.word][0] > 0 and words[h.word][2][0] in lex.conj:
            sent.subjects.setdefault(h.word, sent.last_subject)
        used: set[int] = set()
        args: list[Argument] = []
        trig_is_verb = h.kind in ("past", "present") or (h.kind == "pattern" and h.trigger.pos == "verb")
        # candidates overlapping the trigger word itself cannot fill its roles
        usable = [c for c in cands if not (c.vstart < h.vend and h.vstart < c.vend)]
        filled: dict[str, list[_Cand]] = {}
        how: dict[str, str] = {}
        lemma = _nword(h.trigger.lemma)
        for role in h.frame.roles:
            for cue in role.cues:
                if cue.pos == "verb" and not trig_is_verb:
                    continue
                if cue.pos == "noun" and trig_is_verb:
                    continue
                if cue.lemmas and lemma not in _cue_lemmas(cue):
                    continue
                if cue.not_lemmas and lemma in _cue_lemmas(cue, True):
                    continue
                picks = self._apply_cue(doc, view, words, sent, h, role, cue, usable, used, trig_is_verb, filled, lex)
                if picks and role.multiple and len(picks) == 1:
                    picks = self._chain(view, picks[0], usable, lambda c: id(c) not in used and self._type_ok(role, c, view, words))
                if picks:
                    for c in picks:
                        if c.layer != "quote":
                            used.add(id(c))
                    filled[role.name] = picks
                    how[role.name] = "cue:" + cue.kind
                    break
        quotes = [c for cs in filled.values() for c in cs if c.layer == "quote"]
        if quotes:
            # a genitive filler inside the mention's own quoted content fills no other role
            # ("في بيان “نكرس الجهود”": the quote's first word is no speaker)
            for rname in [r for r in filled if how.get(r) == "cue:genitive" and not all(c.layer == "quote" for c in filled[r])]:
                keep = [c for c in filled[rname] if c.layer == "quote" or not any(q.vstart <= c.vstart and c.vend <= q.vend for q in quotes)]
                if keep:
                    filled[rname] = keep
                else:
                    del filled[rname]
        if trig_is_verb:
            subj = self._subject_of(view, words, h, cands, lex, sent)
            if subj is not None:
                sent.last_subject = subj
        for role in h.frame.roles:
            for c in filled.get(role.name, ()):
                rule = how.get(role.name, "")
                if rule == "cue:prep" and c.prep:
                    rule += ":" + c.prep
                arg = self._argument(doc, role.name, c, rule)
                if arg is not None:
                    args.append(arg)
        args = self._add_containers(sent, args)
        have = set(filled)
        suffixed = bool(h.trigger.suffix_fills and h.kind == "noun" and h.vend < words[h.word][1])
        if suffixed:
            have.add(h.trigger.suffix_fills)  # "مصرعهم": the attached pronoun is the victim
        if h.trigger.next_fills and h.trigger.next_fills not in have and self._has_genitive(h, usable, lex):
            have.add(h.trigger.next_fills)  # "اختطاف الموظفين": a participant right after the trigger
        if h.frame.require and not h.trigger.sense_checked and not any(r in have for r in h.frame.require):
            return None
        if h.trigger.require and not any(r in have for r in h.trigger.require):
            return None
        is_noun = h.kind == "noun" or (h.kind == "pattern" and h.trigger.pos == "noun")
        bare: bool | str = (
            is_noun and not h.frame.bare_nouns and not any(r != "time" for r in filled)
            and not self._clause_mate(h) and not self._has_genitive(h, usable, lex)
            and not self._anchored(h, lex)
        )
        if bare and (suffixed or h.trigger.sense_checked):
            bare = "weak"  # "مقتله", "عملية الخطف": joins an earlier event of its type, else opens one
        elif (is_noun and not bare and not h.frame.bare_nouns and filled and all(r in _place_weak_roles() for r in filled)
              and not self._clause_mate(h) and not self._has_genitive(h, usable, lex) and not self._anchored(h, lex)
              and (suffixed or self._recent_mention(h))):
            bare = "weak"  # "مصرعه في غابة X": a place alone does not tell a new event apart (places.py)
        # a noun trigger without a core argument ("الهجوم" alone) is no event by itself:
        # it can only be a further mention of an event told elsewhere (coref.py)
        tval = None
        for c in filled.get("time", ()):
            if c.layer == "times" and c.obj.value:
                tval = c.obj.value
                break
        polarity = self._polarity(view, words, h, lex)
        modality = self._modality(view, words, sent, h, lex)
        polarity, modality, genericity, tense = self._factuality(view, words, sent, h, lex, polarity, modality, args)
        if tense in ("past", "present") and tval and doc.published is not None:
            rng = _date_range(tval)
            if rng is not None and (doc.published - rng[1]).days > lex.history_days:
                tense = "historical"  # "اغتيال الحريري عام 2005" in a 2015 article
            elif rng is not None and h.frame.name not in lex.attribution_frames and _past_year(rng, doc.published):
                tense = "historical"  # "قتل في معارك في العام الماضي" (factuality.py)
        if tense in ("past", "present") and doc.published is not None and self._chronology_entry(view, h.vstart, doc.published.year):
            tense = "historical"  # "1945- قنبلة نووية تدمر مدينة هيروشيما" (factuality.py)
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
            genericity=genericity,
            tense=tense,
        ), bare

    def _argument(self, doc: Doc, role: str, c: _Cand, rule: str = "") -> Argument | None:
        if c.layer in ("entities", "quantities", "times"):
            o = c.obj
            value = getattr(o, "value", None) if c.layer != "entities" else None
            return Argument(role=role, text=o.text, start=o.start, end=o.end, ref=f"{c.layer}:{c.index}", value=value, rule=rule)
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
        return Argument(role=role, text=text, start=s, end=e, ref=ref, value=None, rule=rule)

    # ------------------------------------------------------------- cues
@lru_cache(maxsize=1)
def _place_weak_roles() -> frozenset:
    """Roles that alone leave a noun mention weak (cues.yaml ``weak_roles``)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("weak_roles", ("time",)))


@lru_cache(maxsize=1)
def _place_weak_gap() -> int:
    from .._data import load_yaml

    return int(load_yaml("events/cues.yaml").get("weak_gap", 2))


_CUE_LEMMAS: dict[tuple[int, bool], tuple[Any, frozenset[str]]] = {}


def _cue_lemmas(cue, negative: bool = False) -> frozenset[str]:
    """``_nset(cue.lemmas)`` (or of ``cue.not_lemmas``), memoized by cue identity: the
    lemma tuples are not hashed again for every trigger (the cue is kept in the memo,
    so its id is not reused while the entry lives)."""
    key = (id(cue), negative)
    got = _CUE_LEMMAS.get(key)
    if got is None or got[0] is not cue:
        if len(_CUE_LEMMAS) > 10_000:
            _CUE_LEMMAS.clear()
        got = _CUE_LEMMAS[key] = (cue, _nset(cue.not_lemmas if negative else cue.lemmas))
    return got[1]


def _normalize_pattern(p: str) -> str:
    """Fold the Arabic letters of a trigger pattern like the view (ة->ه, أ->ا, harakat off)."""
    from ..normalize import normalize_char

    return "".join(normalize_char(ch) if "\u0600" <= ch <= "\u06ff" else ch for ch in p)


@component(
    "events",
    requires=["sentences", "entities", "quantities", "times"],
    provides=["events"],
    # read when present: body/title/boilerplate zones (in_body, headline mentions) and the
    # entity groups' canonical/cluster (coreference of mentions); never tokens (the words
    # are split on the normalized view, see docs/events.md "Speed")
    uses=["zones", "entity_clusters"],
)
def make_events(nlp, frames: Sequence[Any] | None = None, builtin: bool = True, **options: Any):
    """Event extraction with the built-in frames plus ``frames`` (dicts, paths, Frames).

    The returned callable has ``add_frame(spec)``; ``nlp.add_frame`` forwards to it.
    Options: ``max_args_distance`` (words) caps every cue's distance; ``merge`` (default
    true) merges the mentions of one real event into one :class:`~arabic_events.doc.Event`
    (false: one event per mention); ``facts_only`` (default false) keeps only asserted,
    positive, specific, past/present events (:attr:`Event.is_fact`).
    """
    unknown = set(options) - {"max_args_distance", "merge", "facts_only"}
    if unknown:
        raise ConfigError(
            f"events: unknown option(s) {', '.join(sorted(unknown))}; accepted: frames, builtin, max_args_distance, merge, facts_only"
        )
    ex = EventExtractor(frames or (), builtin=builtin, **options)
    if nlp is not None:
        try:
            nlp.frames = ex._frames  # live: frames added later show up
        except Exception:  # pragma: no cover - a pipeline without the attribute
            pass
    return ex

