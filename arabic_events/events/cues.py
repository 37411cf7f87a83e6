"""Argument linking: the cue handlers, keyed by cue kind (``CUE_HANDLERS``).

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
import re
from typing import Any, NamedTuple

from ..normalize import normalize
from ._common import _BOUNDARY, _Cand, _Hit, _lex, _nword
from ._morph import WORD_RE, strip_noun_prefix
from .frames import Cue, RoleSpec


class CueMixin:
    """Mixin of :class:`.component._DocRun`."""

    def _type_ok(self, role: RoleSpec, c: _Cand, view: str, words) -> bool:
        if c.possessed:
            return False
        if c.layer in ("entities", "times") and c.prep == "ل" and "ORG" in role.types and self._quoted_name(c, view):
            return True  # an outlet named in quotes after ل ("قال لـ"اليوم""، "أكد ل"الرياض"")
        if c.layer == "entities":
            bare_head = self._bare_place_head(c, view)
            if bare_head:
                # an entity that is only a facility noun ("القاعدة": the base, or al-Qaeda
                # to a tagger) is read as the place noun phrase
                return "NP" in role.types or "NP:place" in role.types or "FAC" in role.types
            if not (c.label in role.types or f"ENTITY:{c.label}" in role.types):
                return False
            if c.label in ("ORG", "PER", "LOC") and self._unit_of_number(c, view):
                return False  # "ثلاثة مليارات مارك": the unit of a number (a currency) is no party
        elif c.layer == "np":
            if "NP" not in role.types and c.label not in role.types:
                # "طائرات التحالف", "مدفعية الجيش": the weapons of a named party stand for
                # that party (an attacker), so the phrase takes the entity's label
                if not (c.label == "NP:weapon" and c.ref_entity is not None
                        and self.doc.entities[c.ref_entity].label in role.types):
                    if not (c.label == "NP:weapon" and "ORG" in role.types and _national(view[c.vstart: c.vend])):
                        return False  # "الطيران الروسي", "المدفعية الإسرائيلية": a national arm is a party
        elif c.layer == "quantities":
            if not ("QUANTITY" in role.types or f"QUANTITY:{c.label}" in role.types):
                return False
            if role.units and not self._unit_ok(role, c, view, words):
                return False
        elif c.layer == "times":
            if not ("TIME" in role.types or f"TIME:{c.label}" in role.types):
                return False
            if role.name == "time" and (getattr(c.obj, "mod", None) in ("AFTER", "BEFORE") or c.prep == "ل"):
                # "منذ العام 2003" (since), "بعد ساعات من" (relative to another event) date no
                # event by themselves; "قال لـ"اليوم"" names a newspaper, "لليوم الثالث" counts days
                return False
        elif c.layer == "quote":
            return "QUOTE" in role.types
        return True

    def _unit_of_number(self, c: _Cand, view: str) -> bool:
        """The entity stands right after a number (its counted unit: "مليارات مارك")."""
        ends = self._lazy.get("qty_vends")
        if ends is None:
            norm = self.doc.norm
            ends = self._lazy["qty_vends"] = {norm.view_span(q.start, q.end)[1] for q in self.doc.quantities}
        if not ends:
            return False
        k = c.vstart
        while k > 0 and view[k - 1] == " ":
            k -= 1
        return k < c.vstart and k in ends

    def _quoted_name(self, c: _Cand, view: str) -> bool:
        """The candidate is enclosed in quotation marks on its own."""
        before = view[max(c.vstart - 2, 0): c.vstart].strip()
        after = view[c.vend: c.vend + 2].strip()
        return before[-1:] in ('"', "«", "“") and after[:1] in ('"', "»", "”")

    def _name_only(self, vs: int, ve: int) -> bool:
        """The view range holds only a person's name with ranks or titles ("الرائد نايف
        الشريف" in quotes): a quoted name, not quoted speech."""
        doc = self.doc
        lex = self._lex
        o0, o1 = doc.norm.to_original(vs, ve)
        starts, order = self._layer_index["entities"]
        names = []
        for i in order[bisect.bisect_left(starts, o0): bisect.bisect_left(starts, o1)]:
            e = doc.entities[i]
            if e.label == "PER" and e.end <= o1:
                names.append(doc.norm.view_span(e.start, e.end))
        if not names:
            return False
        for m in WORD_RE.finditer(doc.norm.text, vs, ve):
            if any(a <= m.start() and m.end() <= b for a, b in names):
                continue
            w = m.group()
            if w in lex.adverbs or w in lex.np_stop or lex.strip_conj(w) in lex.adverbs:
                continue
            return False
        return True

    def _party_of(self, c: _Cand, cands, ok) -> _Cand:
        """"مسلحون من تنظيم داعش", "عناصر من الحشد الشعبي": a generic force phrase followed by
        من + an organisation stands for that organisation."""
        if c.layer != "np":
            return c
        org = next((o for o in cands if o.fw == c.lw + 2 and o.layer == "entities" and o.label == "ORG" and o.prep == "من"), None)
        # the organisation is introduced by من by construction (``ok`` of a bare-filler cue
        # would refuse it for its preposition)
        return org if org is not None else c

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
        """Candidates for ``role`` found by ``cue``: the handler of ``CUE_HANDLERS[cue.kind]``."""
        tw = h.word
        limit = cue.max_distance
        if self.max_args_distance is not None:
            limit = min(limit, self.max_args_distance)

        not_preps = _role_not_preps().get(role.name)

        def ok(c: _Cand) -> bool:
            if cue.bare and c.prep is not None:
                return False
            if not_preps and c.prep in not_preps:
                return False  # "قتيل وجريح في مواجهات مع المقاومة": the other side is no victim
            return id(c) not in used and self._type_ok(role, c, view, words)

        def dist(c: _Cand) -> int:
            if c.fw > tw:
                return c.fw - tw
            if c.lw < tw:
                return tw - c.lw
            return 0

        cut_applies = cue.kind not in ("quote", "spokesperson")
        # the candidates after/before the trigger depend on the trigger, not on the cue:
        # computed once per trigger (the pools keep ``cands`` alive, so its id is not reused)
        pools = self._cue_pools
        pkey = (id(cands), tw, h.vstart, h.vend, cut_applies, limit)
        pool = pools.get(pkey)
        if pool is None or pool[0] is not cands:
            akey = pkey[:5]
            pool = pools.get(akey)
            if pool is None or pool[0] is not cands:
                after = [c for c in cands if c.fw > tw or (c.fw == tw and c.vstart >= h.vend)]
                if cut_applies:
                    cut = self._attribution_cut(view, words, tw, sent, lex)
                    after = [c for c in after if c.vstart < cut]
                after_ids = {id(c) for c in after}  # identity, not dataclass equality (hot loop)
                before = [c for c in cands if c.vend <= h.vstart and id(c) not in after_ids]
                before.sort(key=lambda c: -c.vend)
                pool = pools[akey] = (cands, after, before)
            pool = pools[pkey] = (cands, [c for c in pool[1] if dist(c) <= limit], [c for c in pool[2] if dist(c) <= limit])
        # (fresh lists per cue: a handler may build on them)
        after = pool[1][:]
        before = pool[2][:]
        k = cue.kind
        multi = role.multiple

        def take(seq):
            out = [c for c in seq if ok(c)]
            if not out:
                return []
            if not multi:
                return out[:1]
            return self._chain(view, out[0], cands, ok)

        x = _CueCall(doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi)
        handler = CUE_HANDLERS.get(k)
        picks = handler(self, x) if handler is not None else []
        if picks and multi and role.name in _among()["roles"]:
            # "أصيب 12 شخصا بينهم أربعة أطفال": the people named among them are victims too
            more = [c for c in after if c.prep in _among()["words"] and c.fw > picks[-1].lw and dist(c) <= _among()["max_distance"]
                    and c not in picks and ok(c)]
            if more:
                picks = list(picks) + self._chain(view, more[0], cands, ok)
        return picks

    def _attribution_cut(self, view, words, tw: int, sent, lex) -> int:
        """View offset of the first "، بحسب/حسبما/وفق ..." after word ``tw`` (the sentence end if none):
        an object does not lie beyond such an attribution ("وجرح عشرة، بحسب المصدر")."""
        key = (tw, sent.vend)
        got = self._cut_cache.get(key)
        if got is None:
            got = self._cut_cache[key] = self._find_attribution_cut(view, words, tw, sent, lex)
        return got

    def _find_attribution_cut(self, view, words, tw: int, sent, lex) -> int:
        # the first word j in (tw, tw + 40) after a comma that is an attribution stop, unless
        # the sentence ends first: only the words right after a comma are looked at
        last = min(tw + 40, len(words)) - 1
        if last <= tw:
            return sent.vend
        prev = -1
        for m in _COMMA_RE.finditer(view, words[tw][1], words[last][0]):
            j = bisect.bisect_right(self._wstarts, m.start())  # the word after the comma
            if j == prev:
                continue
            prev = j
            if words[j][0] >= sent.vend:
                break
            if words[j][2] in lex.attribution_stops or lex.strip_conj(words[j][2]) in lex.attribution_stops:
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
            if j == c.fw - 1 and w in lex.quantifiers:
                continue  # "قال أحد الشهود", "أكد بعض المسؤولين"
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


class _CueCall(NamedTuple):
    """One cue applied to one trigger: the arguments every handler receives."""

    doc: Any
    view: str
    words: Any
    sent: Any
    h: Any
    role: Any
    cue: Any
    cands: Any
    used: Any
    is_verb: bool
    filled: Any
    lex: Any
    tw: int
    limit: int
    after: Any
    before: Any
    ok: Any
    dist: Any
    take: Any
    k: str
    multi: bool


def _cue_prep(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k == "prep":
        preps = {_nword(w) for w in cue.words}
        pool = after if cue.side == "after" else before if cue.side == "before" else sorted(after + before, key=dist)
        if role.name in _clause_roles():
            # "عملية التفجير، ونقل الجثث ... بالموصل": a place after a comma and a new
            # و-clause belongs to that clause, not to the trigger
            pool = [c for c in pool if c.fw < tw or not _new_clause(view, words, tw, c.fw)]
            # "الملحق الثقافي بواشنطن: ... مقتل": a place before a colon or a quotation mark
            # belongs to the speaker's words, not to an event told in the quotation
            pool = [c for c in pool if c.fw > tw or not any(ch in ':"«»“”' for ch in view[c.vend: h.vstart])]
            picks = take([c for c in pool if c.prep in preps])
            site = _site(run, x, pool, picks)
            return picks + [site] if site is not None and picks else [site] if site is not None else picks
        if role.name in _party_roles():
            # "القتلى ... في طور التدريب على يد عناصر X": the doer of another event word
            hits = run._hit_words
            pool = [c for c in pool if not any(j in hits for j in range(min(c.lw, tw) + 1, max(c.fw, tw)))]
        return take([c for c in pool if c.prep in preps])
    return []


def _site(run, x: _CueCall, pool, picks) -> _Cand | None:
    """A building or site named as the place ("في مسجد مقر القوة بمدينة أبها" -> the mosque
    besides أبها; cues.yaml ``location_sites``): a place noun phrase with a site head after
    في/داخل, right before the place taken, or the nearest one when no place was taken."""
    S = _site_lex()
    words, used = x.words, x.used
    cands = [c for c in pool if c.layer == "np" and c.label == "NP:place" and c.prep in S["preps"] and id(c) not in used
             and not c.possessed and (lambda w: w in S["heads"] or any(p in S["heads"] for p in strip_noun_prefix(w)))(words[c.fw][2])
             and x.dist(c) <= S["max_distance"]]
    if not cands:
        return None
    if picks:
        first = picks[0]
        for c in cands:
            if c.fw < first.fw and first.fw - c.lw <= 3 and not any(ch in ".!?؟\n،,;؛" for ch in x.view[c.vend: first.vstart]):
                return c
        return None
    return cands[0]


@lru_cache(maxsize=1)
def _site_lex() -> dict:
    from .._data import load_yaml

    d = load_yaml("events/cues.yaml").get("location_sites") or {}
    return {"heads": frozenset(_nword(w) for w in d.get("heads", ())), "preps": frozenset(_nword(w) for w in d.get("preps", ())),
            "max_distance": int(d.get("max_distance", 6))}


def _new_clause(view, words, tw: int, fw: int) -> bool:
    """A comma followed by a word joined by و/ف stands between words ``tw`` and ``fw``
    (a filler after the trigger; one before it is never cut here)."""
    for j in range(tw + 1, fw + 1):
        if any(ch in "،,;؛" for ch in view[words[j - 1][1]: words[j][0]]) and words[j][2][:1] in "وف" and len(words[j][2]) > 3:
            return True
    return False


@lru_cache(maxsize=1)
def _among() -> dict:
    """"بينهم X" after the people of an event (cues.yaml ``among``)."""
    from .._data import load_yaml

    d = load_yaml("events/cues.yaml").get("among") or {}
    return {"roles": frozenset(d.get("roles", ())), "words": frozenset(_nword(w) for w in d.get("words", ())),
            "max_distance": int(d.get("max_distance", 10))}


def _object_pronoun(view, words, h, tw: int, lex) -> bool:
    """The verb trigger carries an attached object pronoun ("قتله", "استهدفها")."""
    tail = view[h.vend: words[tw][1]]
    return bool(tail) and tail in lex.rel_pronouns


@lru_cache(maxsize=1)
def _pronoun_object_roles() -> frozenset:
    """Object roles an attached pronoun on the verb fills (cues.yaml ``pronoun_object_roles``)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("pronoun_object_roles", ()))


@lru_cache(maxsize=1)
def _role_not_preps() -> dict:
    """Role -> prepositions that never introduce its filler (cues.yaml ``role_not_preps``)."""
    from .._data import load_yaml

    t = load_yaml("events/cues.yaml").get("role_not_preps") or {}
    return {r: frozenset(_nword(p) for p in ps) for r, ps in t.items()}


def _relative_subject(view, words, c: _Cand, lex) -> bool:
    """``c`` is the subject right after the verb of a relative clause ("التي أطلقتها X",
    "الذي نفذه X"): it belongs to that verb."""
    j = c.fw - 1
    if j < 1 or any(ch in _BOUNDARY for ch in view[words[j - 1][1]: words[c.fw][0]]):
        return False
    return lex.strip_conj(words[j - 1][2]) in lex.generic_relative and words[j][2] not in lex.generic_relative


@lru_cache(maxsize=1)
def _event_subject_frames() -> frozenset:
    """Frames whose verb may take an event noun of the frame as subject ("استهدفت غارات
    التحالف مواقع": the party is the noun's genitive; cues.yaml ``event_subject_frames``)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("event_subject_frames", ()))


@lru_cache(maxsize=1)
def _party_roles() -> frozenset:
    """Roles whose generic force subject gives way to the organisation after من (cues.yaml ``party_roles``)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("party_roles", ()))


@lru_cache(maxsize=1)
def _clause_roles() -> frozenset:
    """Roles whose fillers after the trigger stay in its clause (cues.yaml ``clause_roles``)."""
    from .._data import load_yaml

    return frozenset(load_yaml("events/cues.yaml").get("clause_roles", ()))


_QUOTE_MARKS = '"«»“”'
_COMMA_RE = re.compile("[،,;؛]")
_QUOTE_MARK_RE = re.compile("[" + re.escape(_QUOTE_MARKS) + "]")


def _cue_positional(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k == "before" and run._in_pp(view, words, h, lex):
        return []  # "أعلنت الوزارة عن مغادرة ...": the noun before is not the trigger's agent
    if k in ("before", "after", "nearest"):
        if role.name in _pronoun_object_roles() and _object_pronoun(view, words, h, tw, lex):
            return []  # "وقتله ثم هرب X" (verb or noun): the attached pronoun is the one killed
        # on equal distance the filler before the trigger wins ("23 قتيلا و50 جريحا")
        pool = after if k == "after" else before if k == "before" else sorted(after + before, key=lambda c: (dist(c), c.fw > tw))
        if k == "nearest" and cue.side in ("after", "before") and cue.side != "any":
            pool = after if cue.side == "after" else before
        hits = run._frame_hits.get(h.frame.name, ())
        if len(hits) > 1 and role.name == "count":
            # "استشهاد 15 شخصا وإصابة آخرين": a number nearer to another event word of the
            # frame is that one's
            pool = [c for c in pool if c.layer != "quantities" or not _nearer_hit(hits, tw, c)]
        if not is_verb and h.vend < words[tw][1]:
            # a noun with an attached pronoun ("قتله مسلحون" read as a noun) has its
            # participant in the pronoun: the nominal right after it is not its genitive
            pool = [c for c in pool if not (c.fw == tw + 1 and c.layer in ("entities", "np") and c.prep is None)]
        if role.name == "time" and not is_verb:
            # a noun trigger quoted in speech is not dated by a time outside the quotation
            # ("أن "الهجوم على المركز نفذته خلية"، وهي خلية تبنت في العام 2012 ...")
            pool = [c for c in pool if _QUOTE_MARK_RE.search(view, min(c.vend, h.vend), max(c.vstart, h.vstart)) is None]
        return take(pool)
    return []


@lru_cache(maxsize=1)
def _arms() -> frozenset:
    from .._data import load_yaml

    return frozenset(_nword(w) for w in load_yaml("events/cues.yaml").get("national_arms", ()))


@lru_cache(maxsize=1)
def _gentilics() -> frozenset:
    from .._data import load_lines

    return frozenset(normalize(w) for w in load_lines("gazetteers/gentilics.txt"))


@lru_cache(maxsize=1)
def _gentilic_endings() -> tuple[tuple[str, ...], str]:
    """(inflected endings, base ending) of a gentilic adjective (cues.yaml)."""
    from .._data import load_yaml

    c = load_yaml("events/cues.yaml")
    return tuple(_nword(e) for e in c.get("gentilic_endings", ())) + ("",), _nword(c.get("gentilic_base_ending", ""))


def _national(text: str) -> bool:
    """An arm of a state's forces (cues.yaml ``national_arms``) with a gentilic adjective
    after it ("الطيران الروسي", "المدفعية الإسرائيلية"; not "جوية أميركية")."""
    g = _gentilics()
    ws = text.split()
    if not ws or ws[0] not in _arms():
        return False
    endings, base = _gentilic_endings()
    for w in ws[1:]:
        w = w[2:] if w.startswith("ال") else w
        for end in endings:
            stem = w[: len(w) - len(end)] if end and w.endswith(end) else w
            if stem in g or stem + base in g:
                return True
    return False


def _nearer_hit(hits, tw: int, c: _Cand) -> bool:
    """Another event word lies on the far side of ``c`` and nearer to it than word ``tw``."""
    if c.lw < tw:
        d = tw - c.lw
        return any(c.fw - d < j < c.fw for j in hits)
    d = c.fw - tw
    return any(c.lw < j < c.lw + d for j in hits)


def _cue_genitive(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k == "genitive":
        if is_verb or h.vend < words[tw][1]:
            return []  # a noun with an attached pronoun ("قتله", "اعتقاله") takes no genitive
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
        if c.layer == "np" and c.fw == c.lw and words[c.fw][2] in lex.np_adjectival and not view[h.vstart: h.vend].startswith("ال"):
            return []  # "هجوم مسلح": an armed attack, not an attack by an armed man
        governed = c.prep is None or (not c.prep_attached and c.fw == tw + 1)
        if c.fw > tw + 1 and c.prep is not None:
            governed = False
        return [c] if governed and ok(c) else []
    return []


def _cue_subject_object(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k in ("subject", "object"):
        if k == "object" and not is_verb:
            first = [c for c in after if c.layer in ("entities", "np") and c.fw <= tw + 1]
            return [first[0]] if first and ok(first[0]) and first[0].prep is None else []
        if not is_verb:
            return []
        # the verb trigger may itself spell a preposition ("عبر الوزير عن" = expressed, not "via"):
        # a filler whose only preposition is the trigger word is bare
        bare_after = [c for c in after if (c.prep is None or (c.fw == tw + 1 and not c.prep_attached))
                      and c.layer in ("entities", "np")]
        cut = run._attribution_cut(view, words, tw, sent, lex)
        bare_after = [c for c in bare_after if c.vstart < cut]
        # a coordinated event verb opens a new clause ("قتلوا وأصيب 40 آخرون"): no filler beyond it
        nxt = next((j for j in range(tw + 1, min(tw + 16, len(words))) if j in run._hit_words
                    and words[j][2][:1] in lex.conj_letters and words[j][0] < sent.vend), None)
        if nxt is not None:
            bare_after = [c for c in bare_after if c.fw < nxt]
        if h.frame.name in _event_subject_frames() and tw + 1 < len(words) and (tw + 1) in run._frame_hits.get(h.frame.name, ()) and not any(
                ch in _BOUNDARY for ch in view[words[tw][1]: words[tw + 1][0]]):
            # "استهدفت غارات التحالف مواقع": an event noun of the frame is the verb's subject;
            # the party is its genitive and the object comes after it
            # (a definite event noun, "القصف", has no genitive)
            gen = None if words[tw + 1][2].startswith("ال") else next((c for c in bare_after if c.fw == tw + 2), None)
            if k == "subject":
                if gen is None or not ok(gen):
                    return []
                return [run._party_of(gen, cands, ok)] if role.name in _party_roles() else [gen]
            skip_to = gen.lw if gen is not None else tw + 1
            return take([c for c in bare_after if c.fw > skip_to])
        if _nword(h.trigger.lemma) in lex.counted_passive:
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
            rel = tw > 0 and words[tw - 1][2] in lex.generic_relative and not any(
                ch in _BOUNDARY for ch in view[words[tw - 1][1]: words[tw][0]])
            if rel and c0 is None:
                # "المبتعثين الذين قتلوا" (who were killed): the antecedent is the victim
                ante = next((c for c in before if c.lw == tw - 2 and c.layer in ("entities", "np")), None)
                if k == "subject":
                    return []
                return [ante] if ante is not None and ok(ante) else []
            if voweled or counted_after or (counted_before and c0 is None and agrees):
                if k == "subject":
                    return []
                victim = c0 if (c0 is not None and (voweled or counted_after)) else pre
                return [victim] if victim is not None and ok(victim) else []
        if k == "subject":
            stop = run._speech_start(view, words, sent, h, lex)
            bare_after = [c for c in bare_after if c.vstart < stop]
            if cue.side in ("after", "any"):
                for c in bare_after:
                    if ok(c) and run._adjacent(words, tw, c, cands, lex):
                        if c.layer == "np" and "PER" in role.types and (
                            lex.strip_conj(words[c.fw][2]) in lex.title_heads or lex.strip_conj(words[c.fw][2]) in lex.spk_heads
                        ):
                            # "صرح المتحدث الرسمي للإدارة ... الرائد نايف الشريف": the person named
                            # after the title is the speaker
                            named = _cue_named(run, x)
                            if named:
                                return named
                        if role.name in _party_roles():
                            return [run._party_of(c, cands, ok)]  # "اختطف عناصر من تنظيم داعش" -> the organisation
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
                    if any(words[x][2] in lex.generic_relative for x in range(c.lw + 2, tw)):
                        break  # "لينضم ريان إلى ملف المبتعثين الذين قتلوا": the relative's antecedent, not an earlier noun
                    if ok(c) and dist(c) <= min(limit, 8):
                        return [c]
                    break
            if cue.side == "any" and bare_after and not ok(bare_after[0]):
                for c in before:
                    if c.layer in ("entities", "np") and c.prep is None:
                        return [c] if ok(c) and dist(c) <= min(limit, 8) else []
            return []
        if _object_pronoun(view, words, h, tw, lex):
            return []  # "وقتله أمام أطفاله": the attached pronoun is the object
        # object: first unused bare filler after the verb's subject, of the allowed type;
        # not the subject of a relative clause after it ("قتلى القذائف التي أطلقتها المعارضة")
        subj = run._subject_of(view, words, h, cands, lex, sent)
        return take([c for c in bare_after if c is not subj and not _relative_subject(view, words, c, lex)])
    return []


def _cue_head(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
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
    return []


def _cue_support(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
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
            if not is_verb_j and j in run._hit_words and cue.words == ():
                break  # another event word is nearer: the control verb governs that one
            if is_verb_j:
                subj = next((c for c in cands if c.fw > j and c.lw < tw and c.layer in ("entities", "np")), None)
                if subj is not None and cue.words and any(
                    words[m][2].startswith("ل") and not words[m][2].startswith("لل") and len(words[m][2]) > 3
                    for m in range(subj.lw + 1, tw)
                ):
                    break  # "تعرض المبنى لأضرار ... بعد انفجار": the verb's ل-complement is another noun
                if subj is not None and subj.prep is None and ok(subj) and run._adjacent(words, j, subj, cands, lex):
                    return [subj]
                if subj is None or not run._adjacent(words, j, subj, cands, lex):
                    # SVO: "وكانت الحكومة البريطانية، قد قررت سحب": the nominal before the verb
                    prev = [c for c in cands if c.lw < j and c.layer in ("entities", "np") and c.prep is None]
                    if prev:
                        c = max(prev, key=lambda c: c.vend)
                        if j - c.lw <= 3 and ok(c):
                            return [c]
                break
        return []
    return []


def _cue_relative(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
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
                return [run._party_of(subj, cands, ok)]
            break
        return []
    return []


def _cue_spokesperson(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k == "spokesperson":
        return run._spokesperson(doc, view, words, sent, h, role, cands, used, lex, limit)
    return []


def _cue_quote(run, x: _CueCall) -> list[_Cand]:
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if k == "quote":
        out = []
        for q in run._contents(doc, view, words, sent, h, lex, limit):  # speech.py: every reported clause
            if view[q.vstart: q.vstart + 3] in ("بال", "لل") and q.vend - q.vstart > 4 and (
                    q.vstart == 0 or view[q.vstart - 1].isspace()):
                # a complement with its preposition attached ("أشاد بالجهود"): the span starts after it
                q = _Cand("quote", None, q.vstart + 1, q.vend, "QUOTE", None)
            if run._type_ok(role, q, view, words):
                out.append(q)
            elif not out:
                return []
        return out
    return []
    return []

def _cue_named(run, x: _CueCall) -> list[_Cand]:
    """The first person named after a verb and before its reported clause (أن/إن, a
    colon or a quotation), with no clause boundary or other event word between:
    "أكد السفير السعودي في عمان الدكتور سامي الصالح أن ..." -> سامي الصالح."""
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if not is_verb:
        return []
    stop = run._speech_start(view, words, sent, h, lex)
    for c in after:
        if c.vstart >= stop or dist(c) > limit:
            break
        gap = view[h.vend: c.vstart]
        if any(ch in ".!?؟\n؛;" for ch in gap):
            break
        if any(j in run._hit_words for j in range(tw + 1, c.fw)):
            break  # another event word stands between
        if c.layer == "entities" and c.label == "PER":
            return [c] if ok(c) else []
    return []


def _title_end(run, x: _CueCall, k: int, limit: int) -> int:
    """Last word of a title phrase starting at word ``k`` (a title head): it runs over its
    complements up to punctuation, a quotation mark, a name, a time or number, an opener
    (أن/إن), an adverb, another event word, or a second title head after its second word
    ("أمين منطقة جازان رئيس اللجنة ..." -> "أمين منطقة جازان"; "نائب رئيس الجمهورية" stays whole)."""
    view, words, lex, sent = x.view, x.words, x.lex, x.sent
    starts = {c.fw: c for c in x.cands if c.layer in ("times", "quantities") or (c.layer == "entities" and c.label == "PER")}
    e = k
    while e + 1 < len(words) and e + 1 - k < limit:
        n = e + 1
        w = words[n][2]
        core = lex.strip_conj(w)
        gap = view[words[e][1]: words[n][0]]
        if (
            words[n][0] >= sent.vend or any(ch in _BOUNDARY or ch in '"«»' for ch in gap)
            or n in starts or core in lex.openers or w in lex.openers
            or w in lex.adverbs or core in lex.adverbs or w in lex.content_stops
            or n in run._hit_words or w in lex.np_stop
            or (n - k >= 2 and (w in lex.title_heads or core in lex.title_heads))
        ):
            break
        e = n
    return e


def _cue_apposition(run, x: _CueCall) -> list[_Cand]:
    """A title in apposition to the person who speaks: right after the name ("قال ريتشارد
    مالينسون المحلل في إنرجي اسبكتس إن ...", "أعلن X رئيس البرلمان اليوم أن") or between
    the verb and the name ("أوضح أمين منطقة جازان رئيس اللجنة ... محمد الشايع أن").
    Needs the speaker (a PER) already linked."""
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    heads = lex.title_heads | lex.spk_heads
    per = next((c for r in ("speaker",) for c in filled.get(r, ()) if c.layer == "entities" and c.label == "PER"), None)
    if per is None or per.fw <= tw:
        return []

    def is_head(j: int) -> bool:
        w = words[j][2]
        return w in heads or lex.strip_conj(w) in heads

    # after the name: "X، رئيس Y" / "X رئيس Y"
    j = per.lw + 1
    if j < len(words) and words[j][0] < sent.vend and is_head(j):
        gap = view[per.vend: words[j][0]]
        if not any(ch in ".!?؟\n:؛;\"«»(" for ch in gap):
            e = _title_end(run, x, j, min(limit, 9))
            return [_Cand("np", None, words[j][0] + (len(words[j][2]) - len(lex.strip_conj(words[j][2]))), words[e][1], "NP:force", None, fw=j, lw=e)]
    # before the name: the verb, adverbs or a demonstrative, then the title, then ranks, then the name
    j = tw + 1
    while j < per.fw and not is_head(j) and (words[j][2] in lex.adverbs or lex.strip_conj(words[j][2]) in lex.adverbs):
        j += 1
    if j < per.fw and is_head(j) and per.fw - j <= 12:
        e = _title_end(run, x, j, per.fw - j)
        while e > j and (words[e][2] in lex.adverbs or words[e][2] in lex.np_stop):
            e -= 1  # ranks before the name ("... الرائد") stay out
        if e < per.fw:
            return [_Cand("np", None, words[j][0] + (len(words[j][2]) - len(lex.strip_conj(words[j][2]))), words[e][1], "NP:force", None, fw=j, lw=e)]
    return []


def _cue_performer(run, x: _CueCall) -> list[_Cand]:
    """Who carried out a nominal event (cues.yaml ``performer``): "قيام X بتفجير",
    "إقدام X على قتل", "قامت X باختطاف", "الخطف الذي قام به X", "أعلنت X مسؤوليتها عن
    الهجوم", "حمّل الوزير X مسؤولية الهجوم". The construction names the doer, so a noun
    phrase of any class is taken ("شخص انتحاري")."""
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if is_verb:
        return []
    P = lex.performer

    def fits(c: _Cand) -> bool:
        if id(c) in used or c.possessed or c.prep is not None or c.layer not in ("entities", "np"):
            return False
        return ok(c) or c.layer == "np" or c.label in ("PER", "ORG")

    def clean(a: int, b: int) -> bool:
        return not any(ch in _BOUNDARY for ch in view[words[a][1]: words[b][0]])

    # (a) "قيام X بـEVENT" / "قام X بـEVENT" / "إقدام X على EVENT"
    pre = view[words[tw][0]: h.vstart]
    pre = pre[1:] if len(pre) > 1 and pre[0] in lex.conj else pre
    pre = pre[:-2] if pre.endswith("ال") else pre
    link = pre if pre in P["links"] else None
    if link is None and tw > 0 and clean(tw - 1, tw) and words[tw - 1][2] in P["links"]:
        link = words[tw - 1][2]
    if link is not None:
        for j in range(tw - 1, max(tw - 10, -1), -1):
            if words[j][0] < sent.vstart or not clean(j, j + 1):
                break
            forms = {words[j][2], lex.strip_conj(words[j][2]), *strip_noun_prefix(words[j][2])}
            if forms & P["heads"]:
                c = next((c for c in cands if j < c.fw and c.lw < tw and c.layer in ("entities", "np")), None)
                if c is not None and c.fw == j + 1 and fits(c):
                    return [run._party_of(c, cands, fits)]
                if (c is not None and c.fw == j + 3 and c.layer == "entities" and c.label == "ORG" and c.prep == "من"
                        and lex.strip_conj(words[j + 1][2]) in lex.np_heads and id(c) not in used and ok(c)):
                    return [c]  # "إقدام عناصر من تنظيم القاعدة على اختطاف": the organisation
                break
    # (b) "EVENT (الذي) (قد) قام به X"
    j = tw + 1
    while j < len(words) and j <= tw + 3 and clean(j - 1, j) and lex.strip_conj(words[j][2]) in P["rel_skip"]:
        j += 1
    wj = lex.strip_conj(words[j][2]) if j < len(words) else ""
    if j < len(words) and words[j][0] < sent.vend and clean(j - 1, j) and (
        wj in P["rel_verbs"] or any(wj == v + p for v in P["rel_verbs"] for p in lex.rel_pronouns if p)
    ):
        n = j + 1
        if n < len(words) and words[n][2] in P["rel_objects"]:
            n += 1
        c = next((c for c in cands if c.fw >= n and c.layer in ("entities", "np")), None)
        if c is not None and c.fw <= n + 1 and clean(j, c.fw) and fits(c):
            return [run._party_of(c, cands, fits)]
    # (c) "X مسؤوليتها (اليوم) عن EVENT", "حمّل S X مسؤولية EVENT"
    for j in range(tw - 1, max(tw - 5, -1), -1):
        if not clean(j, j + 1):
            break
        w = lex.strip_conj(words[j][2])
        if w in P["responsibility"]:
            if not all(
                lex.strip_conj(words[m][2]) in P["responsibility_link"] or words[m][2] in lex.adverbs
                or any(c.layer == "times" and c.fw <= m <= c.lw for c in cands)
                for m in range(j + 1, tw)
            ):
                break
            prev = [c for c in cands if c.lw < j and c.layer in ("entities", "np") and j - c.lw <= 3 and clean(c.lw, j)]
            if prev:
                c = max(prev, key=lambda c: c.vend)
                if fits(c):
                    return [c]
            break
    return []


def _cue_phrase(run, x: _CueCall) -> list[_Cand]:
    """The noun phrase after a lead of ``words`` that follows the trigger (a word or an
    attached ب/ل): the topic of a protest ("احتجاجات ضد الفساد والنقص في الخدمات" ->
    "الفساد", "النقص في الخدمات"; "مظاهرات مناهضة للحكومة"), the charge of an arrest
    ("بتهمة التخطيط لهجوم"). Each item runs to punctuation, an opener, another event word
    or a و-joined next item (a second filler when the role takes several), at most
    ``phrase_max_words`` words."""
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    if not cue.words:
        return []
    leads = [tuple(_nword(w).split()) for w in cue.words]
    for j in range(tw + 1, min(tw + 1 + limit, len(words))):
        if words[j][0] >= sent.vend or any(ch in ".!?؟\n؛;:" for ch in view[words[j - 1][1]: words[j][0]]):
            break
        start = None
        for lead in leads:
            n = len(lead)
            ws = [lex.strip_conj(words[j + i][2]) if i == 0 else words[j + i][2] for i in range(n) if j + i < len(words)]
            if len(ws) < n:
                continue
            if tuple(ws[:-1]) != lead[:-1]:
                continue
            last = ws[-1]
            if last == lead[-1] and j + n < len(words):
                start = (j + n, words[j + n][0])
            elif len(lead[-1]) == 1 and last.startswith(lead[-1]) and len(last) > 2:
                # an attached preposition: "للحكومة" (ل + الحكومة), "بالفساد"
                start = (j + n - 1, words[j + n - 1][0] + 1)
            if start is not None:
                break
        if start is None:
            if j in run._hit_words:
                break
            continue
        out: list[_Cand] = []
        m, vs = start
        cap = lex.phrase_max_words
        other = {c.fw for c in cands if c.layer in ("entities", "quantities", "times")}
        while m < len(words) and words[m][0] < sent.vend:
            e = m
            while e + 1 < len(words) and e + 1 - m < cap:
                n = e + 1
                gap = view[words[e][1]: words[n][0]]
                w = words[n][2]
                if (words[n][0] >= sent.vend or any(ch in _BOUNDARY or ch in '"«»' for ch in gap)
                        or w in lex.openers or n in other or (w[:1] == "و" and len(w) > 3)):
                    break
                e = n
            while e > m and (words[e][2] in lex.preps or lex.strip_conj(words[e][2]) in lex.preps):
                e -= 1  # "النقص في الخدمات في": a trailing preposition opens the next phrase
            out.append(_Cand("quote", None, vs, words[e][1], "QUOTE", None, fw=m, lw=e))
            n = e + 1
            if not multi or n >= len(words) or words[n][0] >= sent.vend or words[n][2][:1] != "و" or len(words[n][2]) <= 3:
                break
            if words[n][2][1:] in lex.preps or n in other:
                break  # "مناهضة للحكومة وعلى أثر دعوة ...": a new adverbial, not a second topic
            if any(ch in _BOUNDARY for ch in view[words[e][1]: words[n][0]]):
                break
            m, vs = n, words[n][0] + 1  # "والنقص": the next item starts after و
        return out
    return []


@lru_cache(maxsize=1)
def _audience_lex() -> dict:
    from .._data import load_yaml

    d = load_yaml("events/cues.yaml").get("audience") or {}
    return {"outlets": frozenset(_nword(w) for w in d.get("outlet_heads", ())),
            "leads": _index_leads(tuple(tuple(_nword(t) for t in lead.split()) for lead in d.get("leads", ()))),
            "verbs": frozenset(_nword(w) for w in d.get("object_verbs", ())),
            "np": frozenset(d.get("np_classes", ())),
            "not_after": frozenset(_nword(w) for w in d.get("not_after", ()))}


def _index_leads(leads) -> dict:
    """first word -> the leads that start with it."""
    out: dict = {}
    for lead in leads:
        out.setdefault(lead[0], []).append(lead)
    return out


def _cue_audience(run, x: _CueCall) -> list[_Cand]:
    """The addressee or outlet of a speech word, before its reported clause (cues.yaml
    ``audience``): "قال لـ"اليوم""، "أكد للصحفيين"، "لوكالة فرانس برس"، "في حوار مع «X»"،
    "أمام مجلس الأمن"، "أبلغ X أن". A ل-phrase counts only right after the verb, the speaker,
    the title, a time or an adverb (not "المتحدث الرسمي لوزارة X", a title's complement)."""
    doc, view, words, sent, h, role, cue, cands, used, is_verb, filled, lex, tw, limit, after, before, ok, dist, take, k, multi = x
    A = _audience_lex()
    stop = min(run._speech_start(view, words, sent, h, lex), sent.vend)
    last = tw + limit
    pool = [c for c in cands if c.fw > tw and c.vstart < stop and c.fw <= last and c.layer in ("entities", "np", "times")]
    cover: set[int] = set()
    for r in ("speaker", "title"):
        for c in filled.get(r, ()):
            cover.update(range(c.fw, c.lw + 1))
    spk_end = max(cover) if cover else tw
    for c in cands:
        if c.layer == "times":
            cover.update(range(c.fw, c.lw + 1))

    def free(c: _Cand) -> bool:
        return id(c) not in used and not any(c is f for cs in filled.values() for f in cs)

    def fits(c: _Cand, named_any: bool = False) -> bool:
        if not free(c):
            return False
        if c.layer == "entities":
            return named_any or c.label in ("PER", "ORG") or run._quoted_name(c, view)
        if c.layer == "times":
            return run._quoted_name(c, view)  # a newspaper called "اليوم"
        return c.label.split(":")[-1] in A["np"]

    def anchored(p: int) -> bool:
        """Only the subject (up to the speaker and title), times, adverbs and ranks stand
        between the trigger and word ``p``; a "باسم X" complement of the subject too."""
        named_for = False
        for j in range(tw + 1, p):
            w = words[j][2]
            if j in cover or j <= spk_end or w in lex.adverbs or lex.strip_conj(w) in lex.adverbs or w in lex.np_stop:
                continue
            if w in lex.spk_link or named_for:
                named_for = True  # "المتحدث باسم جهاز الدفاع المدني لـ..."
                continue
            return False
        return not any(ch in ".!?؟\n؛;" for ch in view[h.vend: words[p][0]])

    def clean(a: int, b: int) -> bool:
        return not any(ch in _BOUNDARY and ch not in "()" for ch in view[words[a][1]: words[b][0]])

    # 1. a lead: "في حوار مع X", "أمام X", "خلال لقائه X"
    for j in range(tw + 1, min(last, len(words))):
        if words[j][0] >= stop:
            break
        w0 = words[j][2]
        leads = A["leads"].get(w0) or A["leads"].get(lex.strip_conj(w0))
        if not leads:
            continue
        for lead in leads:
            n = len(lead)
            if j + n > len(words):
                continue
            ws = [words[j + i][2] for i in range(n)]
            ws[0] = lead[0]
            if len(lead[-1]) == 1:  # "في حديث لـX": the last lead letter is attached to the filler
                if tuple(ws[:-1]) != lead[:-1] or not ws[-1].startswith(lead[-1]):
                    continue
                first = j + n - 1 if ws[-1] != lead[-1] else j + n  # "لـ "اليوم"": a separate ل
            else:
                if tuple(ws) != lead:
                    continue
                first = j + n
            if not clean(j, min(first, len(words) - 1)):
                continue
            c = next((c for c in pool if c.fw == first or (c.fw == first + 1 and lex.strip_conj(words[first][2]) in A["outlets"])), None)
            if c is not None and fits(c, named_any=True):
                return [c]
    # 2. an outlet head with ل: "لوكالة فرانس برس", "لصحيفة عكاظ", "لوكالة «رويترز»"
    for j in range(tw + 1, min(last, len(words) - 1)):
        if words[j][0] >= stop:
            break
        w = lex.strip_conj(words[j][2])
        if not (w[:1] == "ل" and w[1:] in A["outlets"]):
            continue
        if not clean(j, j + 1) and view[words[j][1]: words[j + 1][0]].strip() not in _QUOTE_MARKS:
            break
        c = next((c for c in pool if c.fw == j + 1), None)
        if c is not None:
            return [c] if free(c) else []
        e = j + 1
        while e + 1 < len(words) and e + 1 - j <= 3 and words[e + 1][0] < stop and clean(e, e + 1) and \
                words[e + 1][2] not in lex.openers and words[e + 1][2] not in lex.preps:
            e += 1
        if words[j + 1][0] < stop:
            return [_Cand("np", None, words[j + 1][0], words[e][1], "NP:outlet", None, fw=j + 1, lw=e)]
        break
    # 2b. ل + a quoted name NER missed: "قال X لـ»المدينة» إن", "أشارت لـ «عكاظ» أن"
    for j in range(tw + 1, min(last, len(words) - 1)):
        if words[j + 1][0] >= stop:
            break
        if lex.strip_conj(words[j][2]) != "ل" or not any(q in view[words[j][1]: words[j + 1][0]] for q in _QUOTE_MARKS):
            continue
        if any(c.fw == j + 1 for c in pool):
            break  # a candidate is there: the ways below judge it
        e = j + 1
        while e + 1 < len(words) and e - j < 4 and not any(q in view[words[e][1]: words[e + 1][0]] for q in _QUOTE_MARKS):
            e += 1
        if e - j <= 4 and words[e][1] <= stop and any(ch in view[words[e][1]: words[e][1] + 2] for ch in _QUOTE_MARKS):
            return [_Cand("np", None, words[j + 1][0], words[e][1], "NP:outlet", None, fw=j + 1, lw=e)]
        break
    # 3. ل + addressee or outlet, right after the verb / speaker / title / time
    for c in pool:
        if not fits(c):
            if not (c.layer == "entities" and free(c)):
                continue
        p = c.fw if c.prep_attached else c.fw - 1
        w = words[c.fw - 1][2] if c.fw > 0 else ""
        outlet = c.fw > 0 and w[:1] == "ل" and w[1:] in A["outlets"]
        if outlet:
            p = c.fw - 1  # "لوكالة فرانس برس": the outlet named after its head
        elif c.prep != "ل" or not fits(c) or not is_verb:
            continue  # "بيان لمكتب المحافظ": after a speech noun the ل-phrase is its author
        if not outlet and p - 1 > tw and ((c.label != "NP:people" and _title_word(words[p - 1][2], lex))
                                          or lex.strip_conj(words[p - 1][2]) in A["not_after"]):
            continue  # "المتحدث الرسمي لهيئة X", "بيان لوزارة X": the complement of a title or a document
        if p > tw and (anchored(p) or (c.prep == "ل" and run._quoted_name(c, view)
                                       and not any(ch in ".!?؟\n؛;" for ch in view[h.vend: c.vstart])
                                       and not any(words[j][2] in lex.generic_relative for j in range(tw + 1, p)))):
            return [c]  # a quoted name after ل ("لـ«الشرق الأوسط»") is an outlet wherever the subject ends
    # 4. a verb of telling: its object after the speaker ("أبلغ X الوكالة أن")
    if is_verb and (_nword(h.trigger.lemma) in A["verbs"] or lex.strip_conj(words[tw][2]) in A["verbs"]):
        for c in pool:
            # the object follows the subject, a time or an adverb: "أبلغ X الأحد الوكالة أن"
            if c.prep is None and c.layer in ("entities", "np") and free(c) and c.fw - 1 in cover and c.fw - 1 >= spk_end - 0 \
                    and ((c.layer == "entities" and c.label in ("PER", "ORG")) or fits(c)) and anchored(c.fw):
                return [c]
    return []


def _title_word(w: str, lex) -> bool:
    """A spokesperson or title head, or a spokesperson adjective ("الرسمي")."""
    core = lex.strip_conj(w)
    return bool({w, core} & (lex.spk_heads | lex.spk_mods | lex.title_heads | lex.np_official_mods))


#: cue kind -> handler(run, call): how a role filler is linked (frames.CUE_KINDS).
CUE_HANDLERS = {
    "named": _cue_named,
    "prep": _cue_prep,
    "before": _cue_positional,
    "after": _cue_positional,
    "nearest": _cue_positional,
    "genitive": _cue_genitive,
    "subject": _cue_subject_object,
    "object": _cue_subject_object,
    "head": _cue_head,
    "support": _cue_support,
    "relative": _cue_relative,
    "spokesperson": _cue_spokesperson,
    "quote": _cue_quote,
    "apposition": _cue_apposition,
    "performer": _cue_performer,
    "phrase": _cue_phrase,
    "audience": _cue_audience,
}
