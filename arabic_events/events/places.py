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
from ._common import _BOUNDARY, _Cand
from ._morph import strip_noun_prefix

_PLACE_LABELS = ("LOC", "GPE", "FAC")
_GEO = "NP:geo"
# fillers whose own place a prepositional phrase right after them may name (places.py `_place_of_party`)
_PARTY_LABELS = frozenset({"ORG", "PER", "NP:force", "NP:official"})
# word -> the clitics before a plural geographic head in it ("بمناطق" -> "ب"), None when none
# (a cache shared by the runs: word types only, no document state)
_PLURAL_CACHE: dict[str, str | None] = {}  # a place named after a geographic head that NER missed (candidates.py)


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

    def _geo_lists(self, view, words, sent, cands, lex, first: int) -> list[_Cand]:
        """Places of a list (cues.yaml ``place_list``): the names after a plural or dual
        geographic head that a place preposition introduces ("في مناطق X وY والZ W",
        "بمديريتي X وY") and the و-joined items after any place that carry their own head
        ("X ووادي Y ومنطقة Z", "وفي مديرية X"). New candidates are class ``NP:geo``
        (the heads left out); a name another layer covers is left to that layer."""
        L = _list_lex()
        if not L["plural"]:
            return []
        P = _place_words()
        heads = L["item_heads"]
        n = len(words)
        last = bisect.bisect_left(self._wstarts, sent.vend)
        if last - first < 2:
            return []

        def forms(w: str) -> list[str]:
            return [w] + strip_noun_prefix(w)

        pcache = _PLURAL_CACHE
        pwords = self._lazy.get("plural_words")
        if pwords is None:  # the words of the document that are plural heads (once per document)
            pwords = []
            for i, wd in enumerate(words):
                w = wd[2]
                pre = pcache.get(w, 0)
                if pre == 0:  # the clitics before a plural head, None when the word is none (cached by word)
                    pre = next((w[: len(w) - len(f)] for f in forms(w) if f in L["plural"]), None)
                    if len(pcache) > 100_000:
                        pcache.clear()
                    pcache[w] = pre
                if pre is not None:
                    pwords.append(i)
            self._lazy["plural_words"] = pwords
        heads_here = pwords[bisect.bisect_left(pwords, first): bisect.bisect_left(pwords, last - 1)]
        conj = lex.conj_letters
        places = [c for c in cands if ((c.layer == "entities" and c.label in _PLACE_LABELS) or c.label == _GEO)
                  and c.lw + 1 < last and words[c.lw + 1][2][:1] in conj]
        if not heads_here and not places:
            return []
        places = [c for c in cands if (c.layer == "entities" and c.label in _PLACE_LABELS) or c.label == _GEO]
        by_fw = {c.fw: c for c in places}
        taken = [(c.vstart, c.vend) for c in cands]
        out: list[_Cand] = []

        def plural_at(j: int) -> str | None:
            """The preposition of a plural head at word ``j`` ("في مناطق", "بمديريتي")."""
            w = words[j][2]
            pre = pcache.get(w)
            if pre is None:
                return None
            pre = lex.strip_conj(pre) if len(pre) > 1 else pre
            if pre in lex.place_preps:
                return pre
            if not pre and j > first and lex.strip_conj(words[j - 1][2]) in lex.place_preps and not any(
                    ch in _BOUNDARY for ch in view[words[j - 1][1]: words[j][0]]):
                return lex.strip_conj(words[j - 1][2])
            return None

        def name_ok(w: str, bare: bool, headed: bool = False) -> bool:
            if len(w) < 2 or w in P["name_not"] or w in L["not_names"] or w in lex.np_stop or w in lex.preps:
                return False
            if w in lex.demonstratives or w in lex.np_heads or w in heads or w[:1] in "0123456789" or (
                    w.startswith("ال") and w[2:] in heads):  # "المنطقة", "المدينة": a common noun
                return False
            if bare and not w.startswith("ال") and w not in P["name_prefixes"]:  # "وأبو الخصيب"
                return False
            # "مناطق الحوثيين": a gentilic or nisba word names no place, unless a singular
            # head names it ("ومنطقة العامرية")
            return not (w in lex.np_adj or (not headed and w.endswith(lex.nisba_endings) and len(w) >= 5))

        def nisba_next(k: int) -> bool:
            """A definite nisba adjective follows: "مناطق الفراغات الأمنية" is a common noun phrase."""
            if k + 1 >= last or view[words[k][1]: words[k + 1][0]].strip():
                return False
            w2 = words[k + 1][2]
            return w2.startswith("ال") and w2.endswith(lex.nisba_endings) and len(w2) >= 6

        def item(j: int, cont: bool, in_list: bool):
            """``(candidate or None, last word)`` of the list item starting at word ``j``."""
            if j >= last:
                return None
            gap = view[words[j - 1][1]: words[j][0]]
            if any(ch in _BOUNDARY and ch != "،" for ch in gap):
                return None
            w = words[j][2]
            if cont:
                if len(w) < 2 or w[0] not in lex.conj_letters:
                    return None
                w = w[1:]
            had_head = False
            k = j
            if j in by_fw and by_fw[j].vstart > words[j][0]:
                c = by_fw[j]  # "ووادي الجفرة" as one entity after the conjunction
                return (c, c.lw) if (in_list or not cont) else None
            for _ in range(3):  # "وشمال منطقة X", "وفي مديرية X", "بمحافظة X"
                hit = w in heads or w in lex.place_preps or any(
                    f in heads and not w[: len(w) - len(f)].endswith("ال") for f in forms(w)[1:])
                if not hit or k + 1 >= last:
                    break
                had_head = had_head or w not in lex.place_preps
                k += 1
                w = words[k][2]
                if any(ch in _BOUNDARY for ch in view[words[k - 1][1]: words[k][0]]) or (
                        w[:1] in lex.conj_letters and lex.strip_conj(w) in heads):
                    return None  # "والضاحية وطريق X": a new item, not a name after a head
            if k in by_fw:
                c = by_fw[k]
                return (c, c.lw) if (had_head or in_list or not cont) else None
            w = w.strip('"«»“”')
            if not (had_head or in_list) or not name_ok(w, cont and not had_head, had_head) or (not had_head and nisba_next(k)):
                return None
            vs, ve = words[k][0], words[k][1]
            if cont and k == j:
                vs += 1  # the conjunction stays out: "والسائلة" -> "السائلة"
            lw = k
            if k + 1 < last and not view[ve: words[k + 1][0]].strip():
                w2 = words[k + 1][2].strip('"«»“”')
                if w in P["name_prefixes"] or (w.startswith("ال") and w2.startswith("ال") and name_ok(w2, True) and w2 not in L["links"]
                                               and not any(w2 in x for x in (heads, L["plural"]))):
                    ve, lw = words[k + 1][1], k + 1
            while ve > vs and view[ve - 1] in '"«»“”':
                ve -= 1
            while vs < ve and view[vs] in '"«»“”':
                vs += 1
            if ve <= vs or any(a < ve and vs < b for a, b in taken):
                return None
            c = _Cand("np", None, vs, ve, "NP:geo", None, fw=k, lw=lw)
            s0, e0 = self.doc.norm.to_original(vs, ve)
            if not self.doc.in_body(s0, e0):
                return None
            return c, lw

        def walk(j: int, prep: str) -> None:
            """A list after a plural head: kept when it has two items at least ("في مناطق
            الاشتباكات" and "بمناطق المملكة" are the areas of something, not a list)."""
            got = item(j, False, True)
            if got is None:
                return
            items = [got[0]]
            lw = got[1]
            for _ in range(L["max_items"]):
                got = item(lw + 1, True, True)
                if got is None:
                    break
                items.append(got[0])
                lw = got[1]
            if len(items) < 2:
                return
            if items[0].prep is None:
                items[0].prep = prep  # "في مناطق X": X is introduced by في
            for c in items:
                if c.layer == "np" and c not in out:
                    out.append(c)
                    taken.append((c.vstart, c.vend))

        for j in heads_here:
            prep = plural_at(j)
            if prep is not None:
                walk(j + 1, prep)
        for c in places:  # a place followed by "ووادي X", "وفي مديرية X"
            if c.lw + 1 >= last or words[c.lw + 1][2][:1] not in conj:
                continue
            lw = c.lw
            for _ in range(L["max_items"]):
                got = item(lw + 1, True, False) if lw + 1 < last else None
                if got is None:
                    break
                d, lw = got
                if d.layer == "np" and d not in out:
                    out.append(d)
                    taken.append((d.vstart, d.vend))
        for c in out:
            if c.prep is None:
                c.prep = self._prep_of(view, words, c, lex)
        return out

    def _list_after(self, c: _Cand, places: list[_Cand]) -> list[_Cand]:
        """The places listed after ``c``: joined by و (or a comma) and, on the way, only
        geographic heads and place prepositions ("X والY ووادي Z وفي مديريتي W وV")."""
        L = _list_lex()
        lex = self._lex
        view = self.doc.norm.text
        heads = L["item_heads"]
        out: list[_Cand] = []
        cur = c
        for d in places:
            if len(out) >= L["max_items"]:
                break
            if d.fw <= cur.lw:
                continue
            if d.fw - cur.lw > 4:
                break
            gap = view[cur.vend: d.vstart]
            if any(ch in _BOUNDARY and ch != "،" for ch in gap):
                break
            toks = gap.replace("،", " ").replace("«", " ").replace("»", " ").split()
            if not toks or toks[0][:1] not in lex.conj_letters:
                break
            toks[0] = toks[0][1:]
            toks = [t for t in toks if t]
            if not all(t in heads or t in lex.place_preps or any(f in heads for f in strip_noun_prefix(t)) for t in toks):
                break
            out.append(d)
            cur = d
        return out

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
                links = sum(1 for w in view[cur.vend: d.vstart].split() if w in _list_lex()["links"] or lex.strip_conj(w) in _list_lex()["links"])
                if d.fw - cur.lw > 3 + links or any(ch in ".!?؟\n()" for ch in view[cur.vend: d.vstart]):
                    # "(كلم شمال بغداد)": a distance from a place is no containment
                    break
                nxt = d
                break
            if nxt is None:
                break
            gap = view[cur.vend: nxt.vstart]
            if nxt.prep in lex.place_pass_preps and any(lex.strip_conj(w) in _list_lex()["links"] or w in _list_lex()["links"] for w in gap.split()):
                out.append(nxt)  # "X وY وجميعها تابعة لمحافظة W" -> W
                cur = nxt
                continue
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
            # the places listed after it and the places containing them, and so on
            # ("في X بمديرية Y شمال Z وفي مديريتي V وW"): at most 16 places per argument
            todo, seen = [c], {id(c)}
            while todo and len(seen) < 16:
                x = todo.pop(0)
                for rule, found in (("cue:list", self._list_after(x, places)), ("cue:chain", self._containers(x, places))):
                    for d in found:
                        if id(d) in seen:
                            continue
                        seen.add(id(d))
                        todo.append(d)
                        arg = self._arg_from(d, "location", rule)
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

    def _sentence_places(self, ev: Event, sents_of) -> Event:
        """An event of a frame in cues.yaml ``sentence_place.types`` with no ``location``
        takes the first place a place preposition introduces in the sentence of one of
        its mentions (at any distance: "اندلعت اشتباكات ... بين X وY من جهة أخرى في مناطق
        A وB"), with the places listed after it and those containing them (rule
        ``doc:sentence``). Places inside a quotation or after a colon are not looked at."""
        cfg = _sentence_place_table()
        if ev.type not in cfg["types"] or any(a.role == "location" for a in ev.arguments):
            return ev
        frame = self.ex._frames.get(ev.type)
        if frame is None or frame.role("location") is None:
            return ev
        lex = self._lex
        norm = self.doc.norm
        view = norm.text
        used = {(a.start, a.end) for a in ev.arguments}
        seen: set[int] = set()
        for m in ev.mentions or (ev.trigger,):
            s = sents_of(m.start)
            if s is None or id(s) in seen:
                continue
            seen.add(id(s))
            mv = norm.view_span(m.start, m.end)[0]
            first = bisect.bisect_left(self._wstarts, s.vstart)
            cands = self._place_cands(s)
            for c in cands:
                if c.prep not in lex.place_preps:
                    continue
                if c.vstart < mv and c.fw - first > cfg["lead_words"]:
                    continue  # before the mention: only a sentence's opening place ("وفي العاصمة، ...")
                if self._place_of_party(c, self._candidates(self.doc, view, self._words, s, lex)):
                    continue  # "القنصلية السعودية في X", "عقيد في الجيش": the place of a party
                lo, hi = sorted((mv, c.vstart))
                if any(ch in cfg["stops"] for ch in view[lo:hi]):
                    continue  # "قال: ... في X", a quotation between the mention and the place
                arg = self._arg_from(c, "location", "doc:sentence")
                if arg is None or (arg.start, arg.end) in used or any(
                        a.start < arg.end and arg.start < a.end for a in ev.arguments):
                    continue
                args = self._add_containers(s, [arg])
                args = [replace(a, rule="doc:sentence") if a.rule != "doc:sentence" else a for a in args]
                return replace(ev, arguments=ev.arguments + tuple(args))
        return ev

    def _place_of_party(self, c: _Cand, cands: list[_Cand]) -> bool:
        """The prepositional phrase of ``c`` modifies an organisation, a force, an official
        or a person right before it ("القنصلية السعودية في هيوستن", "المرجعية الدينية في
        العراق"), not an event (``cands``: the candidates of its sentence)."""
        lex = self._lex
        words = self._words
        j = c.fw  # the word that carries the preposition
        if c.vstart == words[j][0]:
            j -= 1
            while j > 0 and lex.strip_conj(words[j][2]) in lex.skip_heads:
                j -= 1
        prev = j - 1
        if prev < 0 or any(ch in _BOUNDARY for ch in self.doc.norm.text[words[prev][1]: words[j][0]]):
            return False
        return any(x.lw == prev and x.label in _PARTY_LABELS for x in cands)

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
def _sentence_place_table() -> dict:
    from .._data import load_yaml

    c = load_yaml("events/cues.yaml").get("sentence_place") or {}
    return {"types": frozenset(c.get("types", ())), "stops": frozenset(c.get("stops", "")),
            "lead_words": int(c.get("lead_words", 3))}


@lru_cache(maxsize=1)
def _list_lex() -> dict:
    """``place_list`` of cues.yaml, normalized: plural heads, item heads (the singular
    geographic heads and name heads too), words that are no names, containment links."""
    from .._data import load_yaml

    c = load_yaml("events/cues.yaml")
    pl = c.get("place_list") or {}

    def n(xs) -> frozenset:
        return frozenset(normalize(x) for x in xs or ())

    plural = n(pl.get("plural_heads"))
    return {"plural": plural, "not_names": n(pl.get("not_names")), "links": n(pl.get("link_words")),
            "item_heads": n(c.get("skip_heads")) | n(c.get("place_name_heads")) | plural,
            "max_items": int(pl.get("max_items", 12))}


def _place_words() -> dict:
    from .candidates import place_lex

    return place_lex()


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
