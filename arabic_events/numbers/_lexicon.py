"""Number lexicon, markers and context words, loaded from ``data/numbers/`` and folded.

Every key is in the normalized view form (:func:`arabic_events.normalize.normalize`),
so one entry covers its hamza/alef/ya/ta-marbuta and diacritic variants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from .._data import load_lines, load_tsv, load_yaml
from ..errors import DataError
from ..normalize import normalize
from ..tokenizer import CLITICS as _SHARED

__all__ = ["Atom", "Lexicon", "lexicon", "ARTICLE", "CLITICS", "ARTICLE_PREFIXES"]

# The clitics come from the library's one clitic table (``tokenizer.CLITICS``).
ARTICLE = _SHARED["det"][0]
# Clitics that may be attached to the first word of a quantity; they stay outside the span:
# a conjunction, a preposition, or both, longest first. "لل" (ل + ال) is handled separately.
CLITICS = tuple(c + p for c in _SHARED["conj"] for p in _SHARED["prep"]) + _SHARED["conj"] + _SHARED["prep"]
# The article with the clitics written before it ("وال", "بال", "لل": ل + ال)
ARTICLE_PREFIXES = (ARTICLE,) + tuple(c + ARTICLE for c in _SHARED["conj"] + _SHARED["prep"][:1]) \
    + (_SHARED["prep"][1] + ARTICLE[1:],)


@dataclass(frozen=True)
class Atom:
    """One number word. ``type`` is one of: zero, unit, compound_one, ten, tens, hundred,
    hundreds, scale, fraction, frac_plural, ordinal, ordinal_one, vague, few, multiple,
    multiple_marked, multiple_plural, decimal_point."""

    type: str
    value: Fraction = Fraction(0)
    form: str = ""  # scales: singular | dual | dual_or_accusative | plural; vague: class
    definite: bool = False


@dataclass
class Lexicon:
    words: dict[str, Atom] = field(default_factory=dict)
    markers_before: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    markers_after: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    marker_first: frozenset[str] = frozenset()
    marker_after_first: frozenset[str] = frozenset()  # first words of markers_after
    # markers_before by first word: (position in markers_before, sequence, class)
    markers_before_by_first: dict[str, list[tuple[int, tuple[str, ...], str]]] = field(default_factory=dict)
    percent_first: frozenset[str] = frozenset()  # first words of percent_words
    percent_words: list[tuple[str, ...]] = field(default_factory=list)
    months: list[tuple[str, ...]] = field(default_factory=list)
    # the month forms indexed by their first and by their last word (longest first), and the
    # one-word forms: a context check looks up the few forms that can match at a token
    months_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    months_by_last: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    months_single: frozenset[str] = frozenset()
    # word -> "can start a quantity" (a pure function of the word; filled as words are seen)
    relevant_cache: dict[str, bool] = field(default_factory=dict)
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    few_lower_bound: int = 3
    # pronoun suffixes removed from a counted noun ("قواتهم"): a part of the shared table
    pronouns: tuple[str, ...] = ()

    def add(self, surface: str, atom: Atom, where: str) -> None:
        key = normalize(surface)
        old = self.words.get(key)
        if old is not None and old != atom:
            raise DataError(f"data/numbers/{where}: {surface!r} is listed twice with different meanings ({old} / {atom})")
        self.words[key] = atom

    def lookup(self, word: str) -> Atom | None:
        return self.words.get(word)

    def unit(self, word: str) -> tuple[str, str] | None:
        """(lemma, category) of a counted noun in view form, or None."""
        u = self.units.get(word)
        if u is None and word.startswith(ARTICLE) and len(word) > 3:
            u = self.units.get(word[2:])
        if u is None and word.endswith("ا") and len(word) > 2:
            u = self.units.get(word[:-1])
            if u is None and word.startswith(ARTICLE):
                u = self.units.get(word[2:-1])
        return u


def _ints(mapping, where):
    out = []
    for k, forms in mapping.items():
        try:
            v = int(k)
        except (TypeError, ValueError) as exc:
            raise DataError(f"data/numbers/lexicon.yaml:{where}: key {k!r} is not an integer") from exc
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise DataError(f"data/numbers/lexicon.yaml:{where}/{k}: expected a list of words")
        out.append((v, forms))
    return out


@lru_cache(maxsize=2)
def lexicon(dialect: bool = False) -> Lexicon:
    """The folded lexicon (built once, on first use). ``dialect`` adds the colloquial
    Egyptian/Levantine number words of ``data/numbers/dialect.yaml`` ("حداشر", "متين",
    "خمسمية")."""
    lx = Lexicon()
    d = load_yaml("numbers/lexicon.yaml")
    try:
        for w in d["zero"]:
            lx.add(w, Atom("zero", Fraction(0)), "zero")
        for v, forms in _ints(d["units"], "units"):
            for w in forms:
                lx.add(w, Atom("unit", Fraction(v)), "units")
                if v > 2:  # "الواحد", "الاثنين" (Monday) are not read as numbers
                    lx.add(ARTICLE + w, Atom("unit", Fraction(v), definite=True), "units")
        for v, forms in _ints(d["compound_only"], "compound_only"):
            for w in forms:
                lx.add(w, Atom("compound_one", Fraction(v)), "compound_only")
        # definite compounds: "الأحد عشر", "الواحد والعشرون" (alone: Sunday, "the one")
        for v, forms in _ints(d.get("definite_compound_only") or {}, "definite_compound_only"):
            for w in forms:
                lx.add(ARTICLE + w, Atom("compound_one", Fraction(v), definite=True), "definite_compound_only")
        for v, forms in _ints(d.get("indefinite_ordinals_fem") or {}, "indefinite_ordinals_fem"):
            for w in forms:
                lx.add(w, Atom("ordinal_indef", Fraction(v), form="feminine"), "indefinite_ordinals_fem")
        for v, forms in _ints(d.get("ordinal_adverbs") or {}, "ordinal_adverbs"):
            for w in forms:
                lx.add(w, Atom("ordinal_adverb", Fraction(v)), "ordinal_adverbs")
        for w in d["ten"]:
            lx.add(w, Atom("ten", Fraction(10)), "ten")
            lx.add(ARTICLE + w, Atom("ten", Fraction(10), definite=True), "ten")
        for v, forms in _ints(d["tens"], "tens"):
            for w in forms:
                lx.add(w, Atom("tens", Fraction(v)), "tens")
                lx.add(ARTICLE + w, Atom("tens", Fraction(v), definite=True), "tens")
        for w in d["hundred"]:
            lx.add(w, Atom("hundred", Fraction(100)), "hundred")
        for v, forms in _ints(d["hundreds"], "hundreds"):
            for w in forms:
                lx.add(w, Atom("hundreds", Fraction(v)), "hundreds")
        for v, table in _ints_map(d["scales"]):
            for form, words in table.items():
                for w in words:
                    lx.add(w, Atom("scale", Fraction(v), form=form), "scales")
        for w in d["decimal_point"]:
            lx.add(w, Atom("decimal_point"), "decimal_point")
        for v, forms in _ints(d["ordinals"], "ordinals"):
            for w in forms:
                lx.add(ARTICLE + w, Atom("ordinal", Fraction(v), definite=True), "ordinals")
        for v, forms in _ints(d["indefinite_ordinals"], "indefinite_ordinals"):
            for w in forms:
                lx.add(w, Atom("ordinal_indef", Fraction(v)), "indefinite_ordinals")
        for w in d["ordinal_compound_one"]:
            lx.add(ARTICLE + w, Atom("ordinal_one", Fraction(1), definite=True), "ordinal_compound_one")
        for entry in d["fractions"]:
            val = Fraction(int(entry["num"]), int(entry["den"]))
            for w in entry["forms"]:
                lx.add(w, Atom("fraction", val), "fractions")
                lx.add(ARTICLE + w, Atom("fraction", val, definite=True), "fractions")
        for entry in d["fractions"]:
            val = Fraction(int(entry["num"]), int(entry["den"]))
            for w in entry["forms"]:
                for suf in d["fraction_pronouns"]:
                    key = normalize(w + suf)
                    if key not in lx.words:
                        lx.words[key] = Atom("fraction", val, form="pronoun:" + str(len(normalize(suf))))
        pron = {normalize(x) for x in d["fraction_pronouns"]}
        if not pron <= set(_SHARED["pron"]):
            raise DataError(f"numbers/lexicon.yaml: fraction_pronouns {sorted(pron - set(_SHARED['pron']))} "
                            "are not pronoun suffixes of the clitic table (tokenizer.CLITICS['pron'])")
        lx.pronouns = tuple(sorted(pron, key=lambda x: (-len(x), x)))
        for v, forms in _ints(d["fraction_plurals"], "fraction_plurals"):
            for w in forms:
                lx.add(w, Atom("frac_plural", Fraction(v)), "fraction_plurals")
        for w in d["multiples"]["dual"]:
            lx.add(w, Atom("multiple", Fraction(2)), "multiples")
        for w in d["multiples"]["singular_marked"]:
            lx.add(w, Atom("multiple_marked", Fraction(2)), "multiples")
        for w in d["multiples"]["plural"]:
            lx.add(w, Atom("multiple_plural"), "multiples")
        for cls, entry in d["vague"].items():
            for w in entry["forms"]:
                key = normalize(w)
                # plural scales double as vague words: keep the scale atom, the parser
                # reads a plural scale with no number before it as vague.
                if not (key in lx.words and lx.words[key].type == "scale"):
                    lx.add(w, Atom("vague", Fraction(int(entry["value"])), form=cls), "vague")
                lx.add(ARTICLE + w, Atom("vague", Fraction(int(entry["value"])), form=cls, definite=True), "vague")
        for w in d["few"]:
            lx.add(w, Atom("few", Fraction(int(d["few_lower_bound"]))), "few")
        lx.few_lower_bound = int(d["few_lower_bound"])
        lx.percent_words = [tuple(normalize(w) for w in seq) for seq in d["percent_words"]]
        lx.percent_first = frozenset(seq[0] for seq in lx.percent_words)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"data/numbers/lexicon.yaml has an unexpected shape: {exc!r}") from exc

    if dialect:
        dd = load_yaml("numbers/dialect.yaml")
        table = {"units": "unit", "ten": "ten", "teens": "compound", "tens": "tens", "hundred": "hundred",
                 "hundreds": "hundreds"}
        for key, typ in table.items():
            raw = dd.get(key) or {}
            if isinstance(raw, list):  # "ten", "hundred": a list of words of one value
                raw = {10 if key == "ten" else 100: raw}
            for v, forms in _ints(raw, "dialect.yaml:" + key):
                for w in forms:
                    if normalize(w) in lx.words:
                        continue  # an MSA word keeps its MSA reading
                    if typ == "compound":  # 11..19 in one word: a below-100 value read as "tens"
                        lx.add(w, Atom("tens", Fraction(v)), "dialect.yaml")
                    else:
                        lx.add(w, Atom(typ, Fraction(v)), "dialect.yaml")

    m = load_yaml("numbers/markers.yaml")
    for side, target in (("before", lx.markers_before), ("after", lx.markers_after)):
        for cls, seqs in m[side].items():
            for seq in seqs:
                target.append((tuple(normalize(w) for w in seq), cls))
        target.sort(key=lambda x: -len(x[0]))
    lx.marker_first = frozenset(seq[0] for seq, _ in lx.markers_before)
    for i, (seq, cls) in enumerate(lx.markers_before):
        lx.markers_before_by_first.setdefault(seq[0], []).append((i, seq, cls))
    lx.marker_after_first = frozenset(seq[0] for seq, _ in lx.markers_after)

    lx.months = sorted(_month_forms(), key=lambda t: -len(t))
    for seq in lx.months:
        lx.months_by_first.setdefault(seq[0], []).append(seq)
        if len(seq) > 1:
            lx.months_by_last.setdefault(seq[-1], []).append(seq)
    lx.months_single = frozenset(seq[0] for seq in lx.months if len(seq) == 1)

    for row in load_tsv("numbers/units.tsv"):
        if len(row) < 2:
            raise DataError(f"data/numbers/units.tsv: row {row!r} needs lemma<TAB>category[<TAB>forms]")
        lemma, cat = row[0].strip(), row[1].strip()
        forms = [lemma] + ([f.strip() for f in row[2].split(",") if f.strip()] if len(row) > 2 else [])
        for f in forms:
            lx.units.setdefault(normalize(f), (lemma, cat))

    c = load_yaml("numbers/context.yaml")
    lx.context = {k: frozenset(normalize(w) for w in v) for k, v in c.items()}
    return lx


def _month_forms() -> set[tuple[str, ...]]:
    """Month names from the times tables (every regional family and the Hijri months; one
    table for both components) plus the bare family heads of numbers/months.txt."""
    from ..times._lexicon import MONTH_FILES

    forms: set[tuple[str, ...]] = set()
    for name in MONTH_FILES + ("times/hijri.yaml",):
        for words in (load_yaml(name).get("months") or {}).values():
            forms.update(tuple(normalize(str(w)).split()) for w in words)
    forms.update(tuple(normalize(line).split()) for line in load_lines("numbers/months.txt"))
    forms.discard(())
    return forms


def _ints_map(mapping):
    for k, table in mapping.items():
        yield int(k), table
