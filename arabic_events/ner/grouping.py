"""Group entity mentions that refer to the same referent.

Three relations link two mentions of the same label:

* **spelling variants** of one name: the tokens are equal after normalization, clitic
  and article removal (``الكاظمي`` / ``كاظمي``), or have the same consonant skeleton
  (long-vowel letters dropped, hamza and transliteration letter classes folded:
  ``ماكينزي`` / ``ماكنزي``, ``ترامب`` / ``ترمب``), or skeletons that differ by one
  transposition of adjacent consonants (``كيغنز`` / ``كينغز``). Two different common
  Arabic given names (``حسن`` / ``حسين``) are never variants;
* **short forms**: a person's surname or final name tokens (``الكاظمي`` /
  ``مصطفى الكاظمي``), the first tokens of an organisation, place or facility name
  (``التحالف`` / ``التحالف الدولي``), and names with a generic head or title removed
  (``داعش`` / ``تنظيم داعش``). A short form that fits several different full names
  goes with the nearest preceding one (none preceding: it stays alone);
* mentions carrying a leading conjunction/preposition clitic (``وبغداد``) are also
  compared without it.

:func:`group_entities` sets ``canonical`` (the most complete surface form of the
cluster, the most frequent spelling on ties) and ``cluster`` (an ``int``, numbered in
order of first mention) on each entity. :func:`same_entity` and :func:`canonical_key`
compare names across documents. The language data is in
``arabic_events/data/grouping/``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import regex

from .._data import load_lines, load_yaml
from ..doc import Doc, Entity
from ..normalize import normalize
from ..pipeline import component

__all__ = [
    "group_entities",
    "same_entity",
    "canonical_key",
    "make_entity_groups",
]

# A name token: a run of letters, harakat, digits and tatweel, possibly with an
# internal dot or apostrophe ("د.", "O'Brien").
_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}\u0640]+(?:[.'’][\p{L}\p{M}\p{N}\u0640]+)*\.?")
_MARKS_RE = re.compile(r"[\u064b-\u065f\u0670\u0640]")

_CLITIC_BEFORE_ARTICLE = ("و", "ف", "ب", "ك", "ل")
_MIN_BASE = 3  # shortest token left after removing an article or clitic


# ----------------------------------------------------------------------- data
@dataclass(frozen=True)
class _Tables:
    vowels: frozenset[str]
    hamza: dict[str, str]
    letter_class: dict[str, str]
    titles: frozenset[str]
    heads: dict[str, frozenset[str]]
    native: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_yaml("grouping/grouping.yaml")
    letter_class: dict[str, str] = {}
    for cls in data["variant_classes"]:
        rep = normalize(cls[0])
        for ch in cls:
            letter_class[normalize(ch) or ch] = rep
    return _Tables(
        vowels=frozenset(normalize(v) or v for v in data["vowel_letters"]),
        hamza={normalize(k) or k: v for k, v in data["hamza"].items()},
        letter_class=letter_class,
        titles=frozenset(_strip_token(normalize(t)) for t in data["titles"]),
        heads={
            "ORG": frozenset(_strip_token(normalize(t)) for t in data["org_heads"]),
            "LOC": frozenset(_strip_token(normalize(t)) for t in data["loc_heads"]),
            "FAC": frozenset(_strip_token(normalize(t)) for t in data["fac_heads"]),
        },
        native=frozenset(_strip_token(normalize(n)) for n in load_lines("grouping/native_names.txt")),
    )


# ------------------------------------------------------------- token analysis
def _split_token(norm: str, raw: str | None = None) -> tuple[str, str]:
    """``(with_article, base)`` of a normalized token, leading clitics removed.

    ``base`` also drops the article ال; ``raw`` (the token without harakat) tells a
    real article from a name that starts with hamza-alef (ألبانيا, إلياس), whose ال
    is kept in ``base``.
    """
    tok, k, implicit = norm, 0, False
    if len(tok) >= 4 and tok.startswith("لل"):
        tok, k, implicit = "ال" + tok[2:], 1, True  # للقوات: ل + ال
    elif len(tok) >= 5 and tok[0] in "وف" and tok[1:3] == "لل":
        tok, k, implicit = "ال" + tok[3:], 2, True  # وللقوات
    elif len(tok) >= 3 + _MIN_BASE and tok[0] in "وف" and tok[1] in "بكل" and tok[2:4] == "ال":
        tok, k = tok[2:], 2
    elif len(tok) >= 3 + _MIN_BASE and tok[0] in _CLITIC_BEFORE_ARTICLE and tok[1:3] == "ال":
        tok, k = tok[1:], 1
    with_article = tok
    if tok.startswith("ال") and len(tok) >= 2 + _MIN_BASE:
        bare = implicit or raw is None or len(raw) != len(norm) or raw[k] in "\u0627\u0671"
        if bare:
            tok = tok[2:]
    return with_article, tok


def _strip_token(tok: str) -> str:
    """Base of a normalized lexicon word (clitics and article removed)."""
    return _split_token(tok)[1]


def _skeleton(base: str) -> str:
    t = _tables()
    if len(base) >= 4 and base[-1] == "ه":
        base = base[:-1]  # final ة (folded to ه) is a vowel ending: سورية / سوريا
    out: list[str] = []
    for i, ch in enumerate(base):
        ch = t.hamza.get(ch, ch)
        if not ch:
            continue
        if i > 0 and ch in t.vowels:
            continue
        ch = t.letter_class.get(ch, ch)
        if out and out[-1] == ch:
            continue  # doubled consonant (written shadda)
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class _Tok:
    base: str  # normalized, article/clitic stripped
    skel: str
    start: int  # offsets in the mention text
    end: int
    norm: str  # normalized, clitics stripped, article kept


@dataclass(frozen=True)
class _Name:
    """A mention analysed for comparison."""

    text: str
    label: str
    toks: tuple[_Tok, ...]  # after titles / heads are removed
    full: tuple[_Tok, ...]  # all tokens
    aliases: tuple[tuple[_Tok, ...], ...]  # toks with a leading bare clitic removed

    @property
    def key(self) -> str:
        return " ".join(t.base for t in self.toks)


def _tok(raw: str, start: int, end: int) -> _Tok | None:
    bare = "".join(ch for ch in _MARKS_RE.sub("", raw) if ch.isalnum())
    norm = "".join(ch for ch in normalize(bare) if ch.isalnum())
    if not norm:
        return None
    with_article, base = _split_token(norm, bare)
    return _Tok(base, _skeleton(base), start, end, with_article)


@lru_cache(maxsize=65536)
def _analyse(text: str, label: str) -> _Name:
    t = _tables()
    full: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        tok = _tok(m.group(), m.start(), m.end())
        if tok is not None:
            full.append(tok)
    toks = list(full)
    if label == "PER":
        i = 0
        while i < len(toks) - 1 and toks[i].base in t.titles:
            i += 1
        # nationality adjectives after a title: "الجنرال الأميركي فرانك ماكينزي"
        while 0 < i < len(toks) - 1 and toks[i].norm.startswith("ال") and toks[i].norm.endswith(("ي", "يه")):
            i += 1
        toks = toks[i:]
    elif label in t.heads and len(toks) > 1 and toks[0].norm in t.heads[label]:
        # a head in construct state, without the article: "محافظة نينوى", "تنظيم داعش"
        # ("الجزيرة العربية" is a name of its own)
        toks = toks[1:]
    aliases = []
    if toks:
        first = normalize(text[toks[0].start:toks[0].end])
        first = "".join(ch for ch in first if ch.isalnum())
        # a bare clitic (و ف ب ل ك, or و/ف + ب ل ك) glued to a name: وبغداد
        for n in (1, 2):
            if len(first) - n < _MIN_BASE + 1 or first[0] not in "وفبلك":
                break
            if n == 2 and not (first[0] in "وف" and first[1] in "بلك"):
                break
            rest = first[n:]
            if rest.startswith("ال"):
                break  # handled by _strip_token
            w, b = _split_token(rest)
            aliases.append((_Tok(b, _skeleton(b), toks[0].start, toks[0].end, w),) + tuple(toks[1:]))
    return _Name(text, label, tuple(toks), tuple(full), tuple(aliases))


# ----------------------------------------------------------------- relations
_SONORANTS = frozenset("نرل")


def _transposed(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one pair of adjacent letters swapped, one of them ن ر ل.

    Transliterations disagree on the order of a sonorant and its neighbour (Coggins:
    كيغنز / كينغز); other swaps make different words (أسمرا / الأمصار).
    """
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
        and bool(_SONORANTS & {a[diff[0]], a[diff[1]]})
    )


def _osa(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def _edit1(a: str, b: str) -> bool:
    """Levenshtein distance of ``a`` and ``b`` is at most 1 (cheap check)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _fold(base: str, ending: bool = True) -> str:
    """``base`` with hamza and letter classes folded, vowel letters kept (for edit distance).

    ``ending``: also drop a final ة (folded to ه).
    """
    t = _tables()
    if ending and len(base) >= 4 and base[-1] == "ه":
        base = base[:-1]
    return "".join(t.letter_class.get(c, c) for c in (t.hamza.get(ch, ch) for ch in base) if c)


def _is_native(base: str) -> bool:
    """A common Arabic given name (also after و/ف: وأحمد, or with a final ة)."""
    native = _tables().native
    if base in native or (len(base) >= 4 and base[-1] == "ه" and base[:-1] in native):
        return True
    return len(base) >= 4 and base[0] in "وف" and base[1:] in native


def _nisba(a: str, b: str) -> bool:
    """``b`` is the nisba adjective of ``a`` (سعد -> سعدي, إيرلندا -> إيرلندي)."""
    if not b.endswith("ي") or len(b) < 3:
        return False
    stem = b[:-1]
    return a == stem or (len(a) >= 3 and a[-1] in "اه" and a[:-1] == stem)


def _tok_equal(a: _Tok, b: _Tok, transpose: bool = True) -> bool:
    """Spelling variants of one name token; ``transpose=False`` is the strict test
    used for clitic-stripped aliases (no transposition, no short-skeleton rules)."""
    if a.norm == b.norm:
        return True
    if a.base == b.base:
        # with and without the article (الكاظمي / كاظمي), except a given name: الحسين is
        # not حسين
        return not _is_native(a.base)
    fa0, fb0 = _fold(a.base, False), _fold(b.base, False)
    if _nisba(fa0, fb0) or _nisba(fb0, fa0):
        return False  # a nisba adjective is another word: السعدي / سعد, الإيرلندي / إيرلندا
    if _is_native(a.base) and _is_native(b.base):
        return False  # two different known given names (حسن / حسين)
    if not a.skel or a.skel != b.skel:
        # swapped adjacent consonants (كيغنز / كينغز), vowels otherwise close
        return (
            transpose
            and a.base[0] not in "وفبل"  # a leading clitic letter makes the skeleton unreliable
            and b.base[0] not in "وفبل"
            and min(len(a.skel), len(b.skel)) >= 4
            and _transposed(a.skel, b.skel)
            and _osa(_fold(a.base), _fold(b.base), 3) <= 3
        )
    if not transpose and len(a.skel) < 4:
        return False
    if len(a.skel) >= 4:
        # same consonants; the vowel letters may differ in at most two places
        # (كاغينز / كيغنز) but not more (بريطانيا / بروتان)
        return _osa(_fold(a.base), _fold(b.base)) <= 2
    if len(a.skel) == 3:
        # three consonants are a common Arabic root: allow one vowel letter more or
        # less inside the word (بوتين / بوتن), not a changed vowel (المنارة / المنورة),
        # two changes (نصر / الناصرة) or an added ending (الشرق / الشارقة)
        # nor a given name (فريد / فرويد)
        return (
            abs(len(fa0) - len(fb0)) == 1
            and fa0[-1] == fb0[-1]
            and _edit1(fa0, fb0)
            and not _is_native(a.base)
            and not _is_native(b.base)
        )
    # two consonants: equal up to letter classes and hamza, where two vowel endings
    # ا / ة may differ (سوريا / سورية, باول / پاول; not روما / الروم, علي / عليا)
    fa, fb = _fold(a.base, False), _fold(b.base, False)
    if len(fa) >= 4 and len(fb) >= 4 and fa[-1] in "اه" and fb[-1] in "اه":
        fa, fb = fa[:-1], fb[:-1]
    return fa == fb and len(fa) >= 3


def _seq_equal(a: Sequence[_Tok], b: Sequence[_Tok], fuzzy: bool = True, transpose: bool = True) -> bool:
    if fuzzy:
        def eq(x: _Tok, y: _Tok) -> bool:
            return _tok_equal(x, y, transpose)
    else:
        def eq(x: _Tok, y: _Tok) -> bool:
            return x.base == y.base or x.norm == y.norm
    if len(a) == len(b) and a and all(eq(x, y) for x, y in zip(a, b)):
        return True
    # spacing variants: عبد الله / عبدالله
    if a and b and len(a) != len(b):
        ja = "".join(t.base for t in a)
        jb = "".join(t.base for t in b)
        return ja == jb and len(ja) >= 2 * _MIN_BASE
    return False


def _variants(a: _Name, b: _Name) -> bool:
    if a.label != b.label or not a.toks or not b.toks:
        return False
    if _seq_equal(a.toks, b.toks):
        return True
    # a clitic-stripped alias only ever matches a plain form
    # and never through a consonant transposition (لسطين / السلطنة)
    return any(_seq_equal(x, b.toks, transpose=False) for x in a.aliases) or any(
        _seq_equal(a.toks, y, transpose=False) for y in b.aliases
    )


def _short_form(short: _Name, long: _Name, fuzzy: bool = True) -> bool:
    """``short`` is a short form of ``long`` (same label, fewer name tokens)."""
    if short.label != long.label or not short.toks or len(short.toks) >= len(long.toks):
        return False
    k = len(short.toks)
    for n, s in enumerate((short.toks, *short.aliases)):
        transpose = n == 0
        if short.label == "PER":
            if _seq_equal(s, long.toks[-k:], fuzzy, transpose):
                return True
        elif _seq_equal(s, long.toks[:k], fuzzy, transpose):
            # a short form is a name, not a generic head word or a bare adjective
            first = s[0].base
            if first in _tables().heads.get(short.label, ()) or len(first) < _MIN_BASE:
                continue
            if s[0].norm.startswith("ال") != long.toks[0].norm.startswith("ال"):
                continue  # الريان is not ريان إير
            if short.label == "LOC" and k == 1:
                continue  # كوريا / كوريا الجنوبية, كوت / كوت ديفوار are different places
            return True
    return False


# ------------------------------------------------------------------ grouping
class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _cluster(names: Sequence[_Name], *, fuzzy: bool = True, short_forms: bool = True) -> list[int]:
    """Root index (into the list of distinct forms) for every distinct form."""
    n = len(names)
    uf = _UnionFind(n)
    # 1. spelling variants among forms of the same length; exact keys first
    by_key: dict[tuple[str, str], int] = {}
    for i, nm in enumerate(names):
        k = (nm.label, nm.key)
        if k in by_key:
            uf.union(by_key[k], i)
        else:
            by_key[k] = i
    if fuzzy:
        # candidate pairs share a block: same label and token count and the same
        # letters in the last token's skeleton (a transposition keeps them), or
        # the same spelling with spaces removed
        blocks: dict[tuple, list[int]] = {}
        for i, nm in enumerate(names):
            keys = set()
            for seq in (nm.toks, *nm.aliases):
                if seq:
                    keys.add(("v", nm.label, len(seq), "".join(sorted(seq[-1].skel))))
                    keys.add(("j", nm.label, "".join(t.base for t in seq)))
                    keys.add(("n", nm.label, " ".join(t.norm for t in seq)))
            for k in keys:
                blocks.setdefault(k, []).append(i)
        for idxs in blocks.values():
            for a in range(len(idxs)):
                for b in range(a + 1, len(idxs)):
                    i, j = idxs[a], idxs[b]
                    if uf.find(i) != uf.find(j) and _variants(names[i], names[j]):
                        uf.union(i, j)
    if not short_forms:
        return [uf.find(i) for i in range(n)]
    # 2. short forms, longest short forms first so that chains resolve. Long forms
    # are indexed by the letters of the token a short form must match (the last
    # token for a person, the first one otherwise).
    def anchor(label: str, seq: Sequence[_Tok]) -> tuple:
        tok = seq[-1] if label == "PER" else seq[0]
        return (label, "".join(sorted(tok.skel)))

    index: dict[tuple, list[int]] = {}
    for j, nm in enumerate(names):
        if len(nm.toks) > 1:
            index.setdefault(anchor(nm.label, nm.toks), []).append(j)
    order = sorted(range(n), key=lambda i: (-len(names[i].toks), i))
    longest: dict[int, int] = {}  # root -> most tokens of a form in its cluster
    for j in range(n):
        r = uf.find(j)
        longest[r] = max(longest.get(r, 0), len(names[j].toks))
    for i in order:
        nm = names[i]
        if not nm.toks or longest[uf.find(i)] > len(nm.toks):
            continue  # empty, or a variant of this form already joined a fuller name
        pool = sorted({j for seq in (nm.toks, *nm.aliases) if seq for j in index.get(anchor(nm.label, seq), ())})
        cands: dict[int, int] = {}  # root -> first (lowest index) long form in it
        for j in pool:
            if j != i and _short_form(nm, names[j], fuzzy):
                r = uf.find(j)
                cands[r] = min(cands.get(r, j), j)
        target = None
        if len(cands) == 1:
            target = next(iter(cands))
        elif len(cands) > 1:
            # nearest preceding full name: the candidate whose first mention is
            # the latest one before this form's first mention
            before = [(j, r) for r, j in cands.items() if j < i]
            if before:
                target = max(before)[1]
        if target is not None:
            size = max(longest[uf.find(i)], longest[uf.find(target)])
            uf.union(i, target)
            longest[uf.find(i)] = size
    return [uf.find(i) for i in range(n)]


_OPEN_CLOSE = {"(": ")", "[": "]", "«": "»", "“": "”", "‘": "’"}
_SYMMETRIC = '"\''
_CLOSERS = frozenset(_OPEN_CLOSE.values()) | frozenset(_SYMMETRIC) | frozenset("“")


def _close_quotes(text: str, start: int, end: int) -> int:
    """Extend ``end`` over closing quotes/brackets that the span ``[start, end)`` opened."""
    inside = text[start:end]
    opened = sum(inside.count(o) - inside.count(c) for o, c in _OPEN_CLOSE.items())
    opened += sum(inside.count(q) % 2 for q in _SYMMETRIC)
    while opened > 0 and end < len(text) and text[end] in _CLOSERS:
        end += 1
        opened -= 1
    return end


def _canonical(members: list[int], names: Sequence[_Name], counts: Counter) -> str:
    spell = Counter()
    for i in members:
        for tok in names[i].toks:
            spell[tok.base] += counts[i]

    firsts = {names[i].toks[0].base for i in members if names[i].toks}

    def score(i: int):
        nm = names[i]
        # a form whose first token only matched after removing a glued clitic (وبغداد)
        clitic = any(a[0].base in firsts for a in nm.aliases)
        return (len(nm.toks), not clitic, sum(spell[t.base] for t in nm.toks), counts[i], len(nm.full), -i)

    best = names[max(members, key=score)]
    if not best.toks:
        return best.text.strip()
    # titles (PER) and geographic heads (LOC) stay out of the canonical form; an
    # organisation keeps its head ("تنظيم داعش"), as in the annotation conventions
    toks = best.full if best.label in ("ORG", "FAC") else best.toks
    start, end = toks[0].start, toks[-1].end
    return best.text[start:_close_quotes(best.text, start, end)]


def group_entities(entities: Iterable[Entity], *, fuzzy: bool = True, short_forms: bool = True) -> list[Entity]:
    """Return ``entities`` with ``canonical`` and ``cluster`` set.

    Works on the mentions of one document or of many (cluster ids then span the
    documents). Order is kept; mentions are compared only within one label. ``fuzzy``
    turns the skeleton variant rule on or off, ``short_forms`` the short-form rule.
    """
    ents = list(entities)
    if not ents:
        return []
    index: dict[tuple[str, str], int] = {}
    forms: list[_Name] = []
    counts: Counter = Counter()
    mention_form: list[int] = []
    for e in ents:
        k = (e.text, e.label)
        if k not in index:
            index[k] = len(forms)
            forms.append(_analyse(e.text, e.label))
        counts[index[k]] += 1
        mention_form.append(index[k])
    roots = _cluster(forms, fuzzy=fuzzy, short_forms=short_forms)
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    canon = {r: _canonical(m, forms, counts) for r, m in members.items()}
    ids: dict[int, int] = {}
    out = []
    for e, fi in zip(ents, mention_form):
        r = roots[fi]
        cid = ids.setdefault(r, len(ids))
        out.append(dataclasses.replace(e, canonical=canon[r], cluster=cid))
    return out


def canonical_key(text: str, label: str | None = None) -> str:
    """A normalized key for a name: equal keys mean the same spelling family.

    Clitics, the article, titles (PER) and generic heads (ORG/LOC) are removed and
    each token is reduced to its consonant skeleton: ``canonical_key("الكاظمي")`` ==
    ``canonical_key("كاظمي")``, ``canonical_key("ترامب") == canonical_key("ترمب")``.
    Use it to bucket names across documents; :func:`same_entity` is the finer test
    (it also knows short forms and adjacent-letter transpositions).
    """
    nm = _analyse(text, label or "")
    native = _tables().native
    return " ".join(t.base if t.base in native or not t.skel else t.skel for t in nm.toks)


def same_entity(a_text: str, b_text: str, label: str | None = None) -> bool:
    """True when two names (of one ``label``) are variants or one is a short form of the other.

    The relation is symmetric but not transitive: a bare surname matches two
    different people who share it; :func:`group_entities` resolves such cases by
    context.
    """
    if label is None:
        return any(same_entity(a_text, b_text, lab) for lab in ("PER", "ORG", "LOC"))
    a = _analyse(a_text, label)
    b = _analyse(b_text, label)
    return _variants(a, b) or _short_form(a, b) or _short_form(b, a)


# ------------------------------------------------------------------ component
@component("entity_groups", requires=["entities"], provides=["entity_clusters"])
def make_entity_groups(nlp, fuzzy: bool = True, short_forms: bool = True):  # noqa: ANN001
    """Set ``canonical`` and ``cluster`` on every entity of the document."""
    if not isinstance(fuzzy, bool) or not isinstance(short_forms, bool):
        from ..errors import ConfigError

        raise ConfigError("entity_groups options 'fuzzy' and 'short_forms' must be true or false")

    def entity_groups(doc: Doc) -> Doc:
        doc.entities = group_entities(doc.entities, fuzzy=fuzzy, short_forms=short_forms)
        return doc

    return entity_groups
