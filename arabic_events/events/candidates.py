"""Sentences and role-filler candidates: layer objects and the noun-phrase rule.

Methods of the per-call run object (:class:`.component._DocRun`): all per-document
state lives on that object, created for each document.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
import sys
from itertools import compress

from ..doc import Doc
from ..normalize import normalize
from ._common import _BOUNDARY, _SENT_RE, _Cand, _Lexicon, _SentCtx
from ._morph import strip_noun_prefix


@lru_cache(maxsize=1)
def place_lex() -> dict:
    """Place words of ``cues.yaml`` read by the argument rules (geographic name heads,
    name prefixes and non-names, the "near" words before من), normalized."""
    from .._data import load_yaml

    c = load_yaml("events/cues.yaml")

    def n(key: str) -> frozenset:
        return frozenset(normalize(x) for x in c.get(key, ()))

    return {"name_heads": n("place_name_heads"), "name_prefixes": n("place_name_prefixes"),
            "name_not": n("place_name_not"), "near": n("place_near_words"),
            "preps": n("place_preps"), "near_prep": normalize(c.get("place_near_prep", "")),
            "near_as": normalize(c.get("place_near_as", "")),
            "among": frozenset(normalize(w) for w in (c.get("among") or {}).get("words", ())),
            "org_heads": n("np_org_name_heads")}


class CandidateMixin:
    """Mixin of :class:`.component._DocRun`."""

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
        # first word -> last word of each LOC/ORG entity: "محافظ جدة", an official of a place
        ent_words = {}
        for c in ents:
            if c.label in ("LOC", "ORG"):
                f = max(bisect.bisect_right(wstarts, c.vstart) - 1, 0)
                if wstarts[f] == c.vstart:
                    ent_words[f] = max(bisect.bisect_right(wstarts, c.vend - 1) - 1, f)
        wi = first
        np_at = self._lazy.get("np_at")
        if np_at is None:
            np_at = self._lazy["np_at"] = _np_words(words, lex)
        k = 0
        while True:
            # only a word with a listed head starts a phrase: jump to the next one (speed)
            k = bisect.bisect_left(np_at, wi, k)
            if k >= len(np_at):
                break
            wi = np_at[k]
            if not (wi < len(words) and words[wi][0] < sent.vend):
                break
            counted = wi > 0 and words[wi - 1][1] in qty_ends
            np_span = self._noun_phrase(view, words, wi, sent, lex, counted, ent_words)
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
            if any(c.label == "PER" and c.vstart >= ve and not view[ve: c.vstart].strip(' "«»“”\u00a0') for c in ents):
                wi = end_w + 1
                continue  # a title right before a name ("المبتعث ريان", "الوزير عادل الجبير"): the name is the filler
            inner = [c for c in ents if vs <= c.vstart and c.vend <= ve]
            if inner and (words[wi][2] in lex.skip_heads or words[wi][2] in lex.skip_heads_def):
                wi = end_w + 1
                continue  # "مركز الكرمة": a geographic head before a name leaves the name alone
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
                c = _Cand("np", None, vs, ve, "NP:" + cls, None, ref_entity=inner[0].index if inner else None,
                          possessed=self._possessed(words[wi][2], lex))
                cands.append(c)
                for ic in inner:
                    cands.remove(ic)
                    ents.remove(ic)
            wi = end_w + 1
        for c in cands:
            c.fw = max(bisect.bisect_right(wstarts, c.vstart) - 1, 0)
            c.lw = max(bisect.bisect_right(wstarts, max(c.vend - 1, c.vstart)) - 1, c.fw)
        numbers = {j for c in cands if c.layer == "quantities" for j in range(c.fw, c.lw + 1)}
        for c in cands:
            c.prep = self._prep_of(view, words, c, lex, numbers)
            c.prep_attached = c.prep is not None and c.vstart > words[c.fw][0]
        cands.extend(self._geo_names(view, words, sent, cands, lex, first))
        for c in cands:
            if c.label == "NP:geo":
                c.fw = max(bisect.bisect_right(wstarts, c.vstart) - 1, 0)
        cands.sort(key=lambda c: (c.vstart, -c.vend))
        extra = self._geo_lists(view, words, sent, cands, lex, first)  # places.py: "في مناطق X وY"
        if extra:
            cands.extend(extra)
            cands.sort(key=lambda c: (c.vstart, -c.vend))
        cands.sort(key=lambda c: (c.vstart, -c.vend))
        sent.cands = cands
        return cands

    def _geo_names(self, view, words, sent, cands, lex, first: int) -> list[_Cand]:
        """Places NER missed, named after an indefinite geographic head that a place
        preposition introduces: "ببلدية X", "في قرية X", "بمدينة سان X" -> X (class
        ``NP:geo``; the head stays out, as for a LOC entity)."""
        P = place_lex()
        heads = P["name_heads"]
        out: list[_Cand] = []
        taken = None
        wi = first
        n = len(words)
        while wi + 1 < n and words[wi][0] < sent.vend:
            w = words[wi][2]
            head = None
            if w in heads:
                head = w
            elif w[1:] in heads or w[2:] in heads or w[3:] in heads:  # a clitic before the head
                for s in strip_noun_prefix(w):
                    if s in heads and not w[: len(w) - len(s)].endswith("ال"):
                        head = s  # an indefinite head only: "في المنطقة المتاخمة" names no place
                        break
            if head is None:
                wi += 1
                continue
            j = wi + 1
            name = words[j][2]
            gap = view[words[wi][1]: words[j][0]]
            # "بمحافظة «حجة»": a one-word name in quotation marks after the head
            quoted = gap.strip() in ('«', '"', '“') and view[words[j][1]: words[j][1] + 1] in ('»', '"', '”')
            if (words[j][0] >= sent.vend or (not quoted and any(ch in _BOUNDARY or ch in '"«»“”' for ch in gap))
                    or len(name) < 3 or name in P["name_not"] or name in lex.np_stop or name in lex.preps
                    or name in lex.demonstratives or name in lex.np_heads or name in heads or name[:1] in "0123456789"
                    or (not name.startswith("ال") and (name in lex.np_adj or name.endswith(lex.nisba_endings)))):
                wi += 1
                continue
            if taken is None:
                taken = [(c.vstart, c.vend) for c in cands]
            vs, ve = words[j][0], words[j][1]
            if name in P["name_prefixes"] and j + 1 < n and words[j + 1][0] < sent.vend and not view[ve: words[j + 1][0]].strip():
                ve = words[j + 1][1]
            if any(a < ve and vs < b for a, b in taken):
                wi += 1
                continue
            c = _Cand("np", None, vs, ve, "NP:geo", None, fw=j, lw=j if ve == words[j][1] else j + 1)
            c.prep = self._prep_of(view, words, c, lex)
            if c.prep in P["preps"]:
                s0, e0 = self.doc.norm.to_original(vs, ve)
                if self.doc.in_body(s0, e0):
                    out.append(c)
            wi = c.lw + 1
        return out

    @staticmethod
    def _indef_adj(w: str, lex) -> bool:
        return not w.startswith("ال") and lex.np_heads.get(w) != "place" and (
            w in lex.np_adj or w.endswith(lex.nisba_endings) and len(w) >= 4)

    def _possessed(self, w: str, lex) -> bool:
        """The word is a listed head with a possessive pronoun ("قواتنا"), not a listed head itself."""
        forms = [w] + strip_noun_prefix(w)
        if any(f in lex.np_heads for f in forms):
            return False
        return any(f in lex.np_possessed for f in forms)

    def _noun_phrase(self, view, words, wi, sent, lex, counted: bool = False, ent_words=None) -> tuple[int, int, int, str] | None:
        """``(vstart, vend, last word, class)`` of a noun phrase headed at word ``wi``."""
        ws, we, w = words[wi]
        got = lex.np_head_cache.get(w)
        if got is None:
            got = _np_head(w, lex)
        if not got:
            return None
        head, cls = got
        definite = head.startswith("ال") or head in lex.np_possessed
        hs = we - len(head)
        prefix = w[: len(w) - len(head)]
        if prefix.endswith("لل"):
            hs -= 1  # "للجيش العراقي" -> the span starts after the first ل
            definite = True
        end_w = wi
        mods = 0
        indef_adj = False
        j = wi + 1
        while j < len(words) and mods < lex.np_max and words[j][0] < sent.vend:
            gap = view[words[j - 1][1]: words[j][0]]
            if gap.strip() or j in self._hit_words:
                break  # "ألقت الشرطة القبض": an event word after the head is no modifier of it
            nw = words[j][2]
            core = nw[1:] if nw[:1] == "و" and len(nw) > 3 and nw[1:3] == "ال" else nw
            if ent_words and j == wi + 1 and not definite and cls == "official" and j in ent_words:
                end_w = ent_words[j]  # "محافظ جدة": an official and the place or body he heads
                break
            if (core in lex.np_stop and not (cls == "official" and core in lex.np_official_mods)) or (
                    nw in lex.np_stop and nw not in lex.np_official_mods) or len(core) < 3 or core in lex.preps:
                break  # ("الأمين العام": العام is no year after an official's post)
            if core.startswith("ال") and len(core) >= 4:
                if (definite and lex.np_heads.get(core) in ("force", "people", "official") and (core is not nw or end_w == wi)
                        and (core is not nw or not core.endswith(lex.nisba_endings))):  # "السكان المدنيين": an adjective
                    break  # "المهاجمين والشرطة": two parties; "دعا الوزير المواطنين": subject and object
                if indef_adj or (not definite and head.endswith(lex.sound_plural_endings) and len(head) > 4):
                    # "مسلحون النار": a sound plural keeping its ن takes no genitive
                    break  # "مصدر أمني الصحيفة": after an indefinite adjective a definite noun is the next phrase
            elif not definite and lex.np_heads.get(core) != "place" and (core in lex.np_adj or core.endswith(lex.nisba_endings) and len(core) >= 4):
                indef_adj = True  # indefinite adjective (nisba); a place noun is none ("مسلحون دورية": the object)
            elif cls == "official" and not definite and j == wi + 1 and core in lex.np_official_mods:
                pass  # "مدير عام الدفاع المدني"
            elif (not definite and not indef_adj and head in place_lex()["org_heads"] and j in range(wi + 1, wi + 3)
                  and (j == wi + 1 or not words[j - 1][2].startswith("ال"))  # the name ends at its definite word
                  and core not in lex.adverbs and core not in lex.openers and j not in self._hit_words
                  and core not in lex.performer["responsibility"] and not any(c.isdigit() for c in core)):
                pass  # a group named after its head that NER missed: "جماعة أنصار بيت المقدس"
            elif (not definite and not indef_adj and j == wi + 1 and j + 1 < len(words) and core in place_lex()["name_heads"]
                  and words[j + 1][2].startswith("ال") and not view[words[j][1]: words[j + 1][0]].strip()):
                pass  # a construct chain through a place head: "شرطة منطقة الرياض", "قوات محافظة الأنبار"
            elif (not definite and not indef_adj and j == wi + 1 and nw[:1] in lex.conj and lex.np_heads.get(nw[1:]) == cls
                  and j + 1 < len(words) and self._indef_adj(words[j + 1][2], lex)
                  and not view[words[j][1]: words[j + 1][0]].strip()):
                pass  # two indefinite heads sharing an adjective: "كتل وتيارات سياسية"
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

    def _prep_of(self, view: str, words, c: _Cand, lex: _Lexicon, numbers=frozenset()) -> str | None:
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
        counted = False
        while j >= 0 and hops < 2:
            gap = view[words[j][1]: words[j + 1][0]]
            if any(ch in _BOUNDARY for ch in gap):
                return None
            pw = lex.strip_conj(words[j][2])
            if pw in lex.preps or words[j][2] in lex.preps:
                prep = pw if pw in lex.preps else words[j][2]
                if counted and prep not in place_lex()["among"]:
                    return None  # "على 145 مسلحا": the counted noun stays bare for its verb
                P = place_lex()
                if prep == P["near_prep"] and j > 0 and lex.strip_conj(words[j - 1][2]) in P["near"] and not any(
                        ch in _BOUNDARY for ch in view[words[j - 1][1]: words[j][0]]):
                    return P["near_as"]  # "بالقرب من X", "على مقربة من X": X is a place near which
                return prep
            if pw in lex.demonstratives:
                j -= 1  # "في هذه المدينة", "بين صفوف تلك القوات": a demonstrative is no hop
                continue
            if j in numbers and j == c.fw - 1:
                j -= 1  # "بينهم أربعة أطفال": the number of the counted noun
                counted = True
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


def _np_words(words, lex: _Lexicon) -> list[int]:
    """Indexes of the words that can head a noun phrase (:func:`_np_head`), in order."""
    strs = [w[2] for w in words]
    found = list(map(lex.np_head_cache.get, strs))
    if None in found:  # words not seen before
        found = [f if f is not None else _np_head(w, lex) for f, w in zip(found, strs)]
    return list(compress(range(len(found)), found))


def _np_head(w: str, lex: _Lexicon) -> tuple[str, str] | tuple[()]:
    """``(head, class)`` of the noun phrase a word can head, ``()`` when none (cached by
    word type in ``lex.np_head_cache``)."""
    got: tuple = ()
    for stripped in [w] + strip_noun_prefix(w)[::-1]:  # keep ال when the head is listed with it
        if stripped in lex.np_heads:
            got = (stripped, lex.np_heads[stripped])
            break
        if len(stripped) > 3 and stripped.endswith(lex.acc_ending) and stripped[:-1] in lex.np_heads and not stripped.startswith("ال"):
            got = (stripped, lex.np_heads[stripped[:-1]])  # indefinite accusative: "مسجدا"، "موقعا"
            break
        if w[: len(w) - len(stripped)].endswith("لل") and "ال" + stripped in lex.np_heads:
            got = (stripped, lex.np_heads["ال" + stripped])  # "للجانب" = ل + الجانب
            break
        if stripped in lex.np_possessed:
            got = (stripped, lex.np_possessed[stripped])  # "قواتنا"، "جنودها": definite by the pronoun
            break
    if got and got[0] != w and w[: len(w) - len(got[0])].endswith("ال") and "ال" + got[0] in lex.np_stop:
        got = ()  # "العقيد": a definite rank is a title before a name (np_stop), no head of its own
    cache = lex.np_head_cache
    if len(cache) > 200_000:
        cache.clear()
    cache[sys.intern(w)] = got  # interned: one copy of the word across the word caches
    return got
