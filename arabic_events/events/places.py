"""Where and when of an event: the most specific place (with its containing place) and
the resolved time, from the event's own arguments or from the sentences of its mentions.

Methods of the per-call run object (:class:`.component._DocRun`).

- ``where``: the first place-like argument (roles in ``cues.yaml`` ``place_roles``, an
  entity of label LOC/GPE/FAC or a named place phrase), else the first LOC/GPE/FAC
  entity introduced by a preposition (في، ب، قرب ...) in a sentence of one of the
  event's mentions. In a prepositional chain ("في قرية X بمحافظة Y", "في X شمال Y", "X،
  Y") the first, most specific place is ``where`` and the next one ``where_in``.
- ``when``: the event's ``time`` argument, else the nearest date/time expression with a
  value in a sentence of one of its mentions (relative values such as "-PXD" only when
  nothing better is there).
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache

from ..doc import Argument, Event
from ..normalize import normalize
from ._common import _Cand

_PLACE_LABELS = ("LOC", "GPE", "FAC")
_GEO = "NP:geo"  # a place named after a geographic head that NER missed (candidates.py)


class PlaceTimeMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _place_cands(self, sent) -> list[_Cand]:
        cands = self._candidates(self.doc, self.doc.norm.text, self._words, sent, self._lex)
        return [c for c in cands if (c.layer == "entities" and c.label in _PLACE_LABELS) or c.label == _GEO]

    def _container(self, c: _Cand, places: list[_Cand]) -> _Cand | None:
        """The place right after ``c`` in a prepositional chain or apposition."""
        lex = self._lex
        view = self.doc.norm.text
        for d in places:
            if d.fw <= c.lw:
                continue
            if d.fw - c.lw > 3:
                return None
            gap = view[c.vend: d.vstart]
            if any(ch in ".!?؟\n" for ch in gap):
                return None
            if d.prep in lex.place_chain_preps or gap.strip() in ("،", ",") or any(
                w in lex.skip_heads for w in gap.split()
            ):
                return d
            return None
        return None

    def _containers(self, c: _Cand, places: list[_Cand]) -> list[_Cand]:
        """Every place that contains ``c`` along a prepositional chain: "في حي X على الضفة
        الآسيوية في Y" -> [Y] (a place after على/ل/من is passed over, not taken); "في قرية X
        بمحافظة Y" -> [Y]; at most four hops."""
        lex = self._lex
        view = self.doc.norm.text
        out: list[_Cand] = []
        cur = c
        for _ in range(4):
            nxt = None
            for d in places:
                if d.fw <= cur.lw:
                    continue
                if d.fw - cur.lw > 3 or any(ch in ".!?؟\n()" for ch in view[cur.vend: d.vstart]):
                    # "(كلم شمال بغداد)": a distance from a place is no containment
                    break
                nxt = d
                break
            if nxt is None:
                break
            gap = view[cur.vend: nxt.vstart]
            if nxt.prep in lex.place_chain_preps or gap.strip() in ("،", ",") or any(w in lex.skip_heads for w in gap.split()):
                out.append(nxt)
            elif nxt.prep not in lex.place_pass_preps:
                break
            cur = nxt
        return out

    def _add_containers(self, sent, args: list[Argument]) -> list[Argument]:
        """A ``location`` argument brings the places that contain it (annotation: nested
        places are separate location arguments)."""
        locs = [a for a in args if a.role == "location" and (a.ref and a.ref.startswith("entities:") or a.ref is None)]
        if not locs:
            return args
        places = self._place_cands(sent)
        have = {(a.start, a.end) for a in args}
        out = list(args)
        norm = self.doc.norm
        for a in locs:
            if a.ref is None:  # a place NER missed ("ببلدة X غرب Y"): found by its span
                c = next((p for p in places if p.label == _GEO and norm.to_original(p.vstart, p.vend) == (a.start, a.end)), None)
            else:
                c = next((p for p in places if p.layer == "entities" and f"entities:{p.index}" == a.ref), None)
            if c is None:
                continue
            for d in self._containers(c, places):
                arg = self._arg_from(d, "location", "cue:chain")
                if arg is not None and (arg.start, arg.end) not in have:
                    have.add((arg.start, arg.end))
                    out.append(arg)
        return out

    def _inherit_places(self, events: list[Event], sents_of) -> list[Event]:
        """An event with no ``location`` takes the places of the event that caused it
        (cues.yaml ``place_inherit``: the casualties of an attack, a bombing or a disaster)
        when a mention of the cause lies in the same sentence as one of its mentions or in
        the sentence before ("استهدف الهجوم مركزا في حي X. وأصيب عشرة أشخاص" -> X; rule
        ``doc:cause``). The nearest such cause wins."""
        table = self._lex_places()["inherit"]
        if not table or len(events) < 2:
            return events
        gap = self._lex_places()["inherit_gap"]
        out = []
        for ev in events:
            causes = table.get(ev.type)
            if not causes or any(a.role == "location" for a in ev.arguments):
                out.append(ev)
                continue
            best = None
            for other in events:
                if other is ev or other.type not in causes:
                    continue
                for m in ev.mentions or ():
                    for o in other.mentions or ():
                        if m.sentence is None or o.sentence is None:
                            continue
                        d = m.sentence - o.sentence
                        if 0 <= d <= gap:
                            key = (d, abs(m.start - o.start))
                            if best is None or key < best[0]:
                                best = (key, other)
            # the nearest cause must name the place ("سلسلة الهجمات التي أودت بحياة 300 شخص"
            # is not the explosion told after it)
            locs = [a for a in best[1].arguments if a.role == "location"] if best is not None else []
            if not locs or self._other_place(ev, locs, sents_of):
                out.append(ev)
                continue
            extra = tuple(replace(a, rule="doc:cause") for a in locs)
            out.append(replace(ev, arguments=ev.arguments + extra))
        return out

    def _other_place(self, ev: Event, locs, sents_of) -> bool:
        """A sentence of ``ev``'s mentions introduces a place other than ``locs`` by a place
        preposition (a place the linking missed: "في حادثين غرب بغداد" is not the attack
        told before)."""
        lex = self._lex
        norm = self.doc.norm
        have = {normalize(a.text) for a in locs}
        seen = set()
        for m in ev.mentions or ():
            s = sents_of(m.start)
            if s is None or id(s) in seen:
                continue
            seen.add(id(s))
            words = self._words
            for c in self._place_cands(s):
                # "في X", "بX", or a direction before it ("غرب وشمال بغداد")
                placed = c.prep in lex.place_preps or (c.fw > 0 and c.vstart == words[c.fw][0]
                                                       and lex.strip_conj(words[c.fw - 1][2]) in lex.skip_heads)
                if placed and normalize(self.doc.text[slice(*norm.to_original(c.vstart, c.vend))]) not in have:
                    return True
        return False

    def _list_members(self, events: list[Event]) -> list[Event]:
        """Victims (or detainees) listed after the mention: a mention sentence that ends
        with a colon ("... أنهم كل من :") followed by numbered or bulleted lines ("01 -
        العريف X."، "- X") gives the first person named on each line (cues.yaml
        ``list_roles``; rule ``doc:list``). The list ends at the first line without a marker."""
        cfg = _list_table()
        if not cfg["roles"] or not events:
            return events
        doc = self.doc
        if not doc.sentences or not doc.entities:
            return events
        out = []
        claimed: set[int] = set()  # a list names the people of one event (the first that announces it)
        for ev in events:
            role = cfg["roles"].get(ev.type)
            if role is None:
                out.append(ev)
                continue
            extra: list[Argument] = []
            have = {(a.start, a.end) for a in ev.arguments}
            for m in ev.mentions or ():
                if m.sentence is None or m.sentence >= len(doc.sentences):
                    continue
                s = doc.sentences[m.sentence]
                if not doc.text[m.end: s.end].rstrip().endswith(cfg["intro"]):
                    # "... استشهاد 15 شخصا. وفيما يلي أسماء الشهداء:": the next sentence
                    # announces the list
                    if m.sentence + 1 >= len(doc.sentences):
                        continue
                    s = doc.sentences[m.sentence + 1]
                    nxt = normalize(doc.text[s.start: s.end])
                    if not (nxt.rstrip().endswith(cfg["intro"]) and any(w in cfg["intro_words"] for w in nxt.split())):
                        continue
                pos = s.end
                if pos in claimed:
                    continue
                claimed.add(pos)
                for _ in range(cfg["max_items"]):
                    nl = doc.text.find("\n", pos)
                    if nl < 0:
                        break
                    end = doc.text.find("\n", nl + 1)
                    end = len(doc.text) if end < 0 else end
                    line = doc.text[nl + 1: end]
                    if not line.strip():
                        pos = nl + 1
                        continue
                    if not cfg["marker"].match(line):
                        break
                    lo, hi = nl + 1, end
                    for i, e in enumerate(doc.entities):
                        if e.start >= hi:
                            break
                        if e.start >= lo and e.label == "PER":
                            if (e.start, e.end) not in have:
                                have.add((e.start, e.end))
                                extra.append(Argument(role=role, text=e.text, start=e.start, end=e.end,
                                                      ref=f"entities:{i}", value=None, rule="doc:list"))
                            break
                    pos = end
                if extra:
                    break
            out.append(replace(ev, arguments=ev.arguments + tuple(extra)) if extra else ev)
        return out

    def _lex_places(self) -> dict:
        return _inherit_table()

    def _arg_from(self, c: _Cand, role: str, rule: str) -> Argument | None:
        return self._argument(self.doc, role, c, rule)

    def _reported_clause(self, a: Argument) -> bool:
        """The content argument is quoted or opened by أن/إن (not the complement of a verb
        such as "أعلنت X مسؤوليتها الاثنين", where a time may date the saying)."""
        text = self.doc.text
        pre = text[max(a.start - 12, 0): a.start].rstrip()
        if pre[-1:] in '"«“:':
            return True
        words = pre.split()
        if not words:
            return False
        w = normalize(words[-1]).strip('"«“')
        # "فإن"/"وأن": a conjunction attached to the opener ("وبحسب الصحيفة فإن ...")
        return w in self._lex.openers or self._lex.strip_conj(w) in self._lex.openers

    def _reported_spans(self, ev: Event) -> list[tuple[int, int]]:
        """``(start, end)`` of the event's content arguments that are reported clauses."""
        lex = self._lex
        return [(a.start, a.end) for a in ev.arguments if a.role in lex.content_roles and self._reported_clause(a)]

    def _times_outside_content(self, ev: Event) -> Event:
        """The time of a saying is not a time mentioned in what was said: drop a ``time``
        argument that starts inside one of the event's own reported clauses (after the
        mentions are merged, a time linked to one mention can lie in another's content:
        "قال إن الاجتماع سيعقد مطلع الشهر المقبل"). Times before the clause stay ("قال أمس إن")."""
        inner = self._reported_spans(ev)
        if not inner:
            return ev

        def keep(x):  # the event or one of its mentions, without the times said in the content
            bad = [a for a in x.arguments if a.role == "time" and any(s <= a.start < e for s, e in inner)]
            if not bad:
                return x
            args = tuple(a for a in x.arguments if a not in bad)
            tval = x.time
            if tval is not None and any(a.value == tval for a in bad):
                tval = next((a.value for a in args if a.role == "time" and a.value), None)
            return replace(x, arguments=args, time=tval)

        out = keep(ev)
        mentions = tuple(keep(m) for m in ev.mentions or ())
        if out is ev and all(m is o for m, o in zip(mentions, ev.mentions or ())):
            return ev
        return replace(out, mentions=mentions) if ev.mentions else out

    def _where_when(self, ev: Event, sents_of) -> Event:
        doc = self.doc
        lex = self._lex
        mentions = ev.mentions or ()
        sents = []
        seen: set[int] = set()  # ids of the sentences in ``sents`` (a scan is quadratic in mentions)
        for m in mentions:
            s = sents_of(m.start)
            if s is not None and id(s) not in seen:
                seen.add(id(s))
                sents.append(s)
        where = where_in = None
        # 1. the event's own place arguments
        for role in lex.place_roles:
            for a in ev.arguments:
                if a.role != role or not a.ref or not a.ref.startswith("entities:"):
                    continue
                ent = doc.entities[int(a.ref.split(":", 1)[1])]
                if ent.label not in _PLACE_LABELS:
                    continue
                s = sents_of(a.start)
                places = self._place_cands(s) if s is not None else []
                c = next((p for p in places if p.obj is ent), None)
                if c is not None:
                    # a more specific place before it in the chain: "في قرية X بمحافظة Y"
                    prev = next((p for p in places if p.lw < c.fw and self._container(p, places) is c), None)
                    if prev is not None:
                        where, where_in = self._arg_from(prev, "where", "doc:chain"), self._arg_from(c, "where_in", "doc:chain")
                    else:
                        where = replace(a, role="where", rule=a.rule or "cue")
                        cont = self._container(c, places)
                        if cont is not None:
                            where_in = self._arg_from(cont, "where_in", "doc:chain")
                else:
                    where = replace(a, role="where")
                break
            if where is not None:
                break
        # 2. a place introduced by a preposition in a sentence of a mention
        if where is None:
            for s in sents:
                places = self._place_cands(s)
                for c in places:
                    if c.prep in lex.place_preps:
                        where = self._arg_from(c, "where", "doc:sentence-prep")
                        cont = self._container(c, places)
                        if cont is not None:
                            where_in = self._arg_from(cont, "where_in", "doc:chain")
                        break
                if where is not None:
                    break
        # when
        when = None
        for a in ev.arguments:
            if a.role == "time" and a.ref and a.ref.startswith("times:"):
                when = replace(a, role="when", rule=a.rule or "cue")
                break
        if when is None:
            best = None
            # a time inside the event's own reported clause dates what is reported, not the saying
            inner = self._reported_spans(ev)
            mstarts = sorted(m.start for m in mentions)  # nearest mention by bisection: linear in mentions
            for s in sents:
                for c in self._candidates(doc, doc.norm.text, self._words, s, lex):
                    if c.layer != "times" or c.label not in ("date", "time", "interval") or not c.obj.value:
                        continue
                    if c.obj.mod in ("AFTER", "BEFORE") or c.prep == "ل" or any(a <= c.obj.start < b for a, b in inner):
                        continue
                    resolved = c.obj.value[:1].isdigit()
                    d = _nearest(mstarts, c.obj.start) if mstarts else 0
                    key = (not resolved, d)
                    if best is None or key < best[0]:
                        best = (key, c)
            if best is not None:
                when = self._arg_from(best[1], "when", "doc:sentence")
        if where is None and when is None:
            return ev
        return replace(ev, where=where, where_in=where_in, when=when)


@lru_cache(maxsize=1)
def _inherit_table() -> dict:
    from .._data import load_yaml

    c = load_yaml("events/cues.yaml").get("place_inherit") or {}
    return {"inherit": {t: frozenset(v) for t, v in (c.get("types") or {}).items()},
            "inherit_gap": int(c.get("sentences_before", 0))}


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[str, str]]:
    """Normalized place name -> (kind, country) from ``gazetteers/places.tsv``."""
    from .._data import load_tsv

    out: dict[str, tuple[str, str]] = {}
    for row in load_tsv("gazetteers/places.tsv"):
        if len(row) >= 3 and row[1] and row[2]:
            out.setdefault(normalize(row[0]), (row[1], row[2]))
    return out


@lru_cache(maxsize=1)
def _list_table() -> dict:
    import re

    from .._data import load_yaml

    c = load_yaml("events/cues.yaml").get("list_members") or {}
    return {"roles": dict(c.get("roles") or {}), "intro": c.get("intro", ":"),
            "intro_words": frozenset(normalize(w) for w in c.get("intro_words", ())),
            "marker": re.compile(c.get("marker", r"^\s*\d{1,3}\s*[-–.)]\s*")), "max_items": int(c.get("max_items", 60))}


_list_table = lru_cache(maxsize=1)(_list_table)


@lru_cache(maxsize=1)
def place_conflict_roles() -> frozenset:
    """Roles whose fillers are compared as places by the coreference (cues.yaml)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("place_conflict_roles", ()))


def place_conflict(a: str, b: str) -> bool:
    """Two place names that cannot be the place of one event: both in the gazetteer and
    either in different countries or different places of the same kind (two cities, two
    provinces). A place and the region or country around it ("عسير" / "أبها", "العراق" /
    "بغداد"), and any place the gazetteer does not know ("غابة مودوك" / "كاليفورنيا"), are
    no conflict: news names one place at several scales."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return False
    g = _gazetteer()
    ka, kb = g.get(na), g.get(nb)
    if ka is None or kb is None:
        return False
    if ka[1] != kb[1]:
        return True
    return ka[0] == kb[0] and ka[0] != "country"


def _nearest(starts: list[int], x: int) -> int:
    """``min(abs(x - s) for s in starts)`` over sorted, non-empty ``starts``."""
    i = bisect.bisect_left(starts, x)
    return min(abs(x - starts[j]) for j in (i - 1, i) if 0 <= j < len(starts))
