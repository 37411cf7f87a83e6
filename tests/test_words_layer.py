"""The words layer (issue 12): ``quantities`` and ``times`` declare what they read and write,
and use the library's one clitic table and one normalizer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import arabic_events as ae
from arabic_events.doc import Doc
from arabic_events.normalize import normalize, strip_harakat
from arabic_events.pipeline import registered_components
from arabic_events.tokenizer import CLITICS

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
# Doc attributes that are layers (published_source goes with published)
_LAYERS = {"zones": "zones", "sentences": "sentences", "tokens": "tokens", "entities": "entities",
           "quantities": "quantities", "times": "times", "events": "events", "published": "published",
           "published_source": "published"}


class _Recording(Doc):
    """A Doc that records which layers are read and written."""

    def __getattribute__(self, name):
        if name in _LAYERS:
            object.__getattribute__(self, "_reads").add(_LAYERS[name])
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name in _LAYERS:
            object.__getattribute__(self, "_writes").add(_LAYERS[name])
        object.__setattr__(self, name, value)


def _recording(doc: Doc) -> _Recording:
    rec = object.__new__(_Recording)
    object.__setattr__(rec, "_reads", set())
    object.__setattr__(rec, "_writes", set())
    for k, v in doc.__dict__.items():
        object.__setattr__(rec, k, v)
    return rec


TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS] + [
    "19-03-2020, 11:14\nقتل 3 جنود أمس في هجوم استمر أكثر من ساعتين، وأصيب نحو عشرين آخرين.",
    "",
]


@pytest.fixture(scope="module")
def prepared():
    nlp = ae.Pipeline(["structure", "tokenizer", "quantities", "times"])
    docs = []
    for text in TEXTS:
        doc = nlp.make_doc(text)
        for name in ("structure", "tokenizer"):
            doc = nlp.get_pipe(name)(doc) or doc
        docs.append(doc)
    return nlp, docs


@pytest.mark.parametrize("name", ["quantities", "times"])
def test_component_reads_only_what_it_declares(prepared, name):
    nlp, docs = prepared
    info = registered_components()[name]
    reads: set[str] = set()
    writes: set[str] = set()
    for doc in docs:
        rec = _recording(doc)
        nlp.get_pipe(name)(rec)
        reads |= object.__getattribute__(rec, "_reads")
        writes |= object.__getattribute__(rec, "_writes")
    declared = set(info.requires) | set(info.uses)
    undeclared = reads - declared - set(info.provides)
    assert not undeclared, f"{name} reads {sorted(undeclared)} without declaring it (requires/uses)"
    assert writes <= set(info.provides), f"{name} writes {sorted(writes - set(info.provides))} undeclared"
    # and every declaration is true: each declared layer is read / written on these docs
    assert declared <= reads, f"{name} declares {sorted(declared - reads)} but never reads it"
    assert set(info.provides) <= writes


def test_declarations():
    info = registered_components()
    assert (info["quantities"].requires, info["quantities"].uses, info["quantities"].provides) == \
        (("tokens",), ("zones",), ("quantities",))
    assert (info["times"].requires, info["times"].uses, info["times"].provides) == \
        ((), ("zones", "published"), ("times", "published"))


def test_undeclared_read_is_caught(prepared):
    """The recording Doc sees a read of a layer (what the test above relies on)."""
    _, docs = prepared
    rec = _recording(docs[0])
    _ = rec.tokens, rec.norm.text
    assert object.__getattribute__(rec, "_reads") == {"tokens"}


def test_components_run_without_optional_layers():
    """``uses`` layers are optional: the components run without structure zones."""
    text = "قتل 3 جنود أمس في هجوم استمر ساعتين."
    doc = ae.Pipeline(["tokenizer", "quantities", "times"])(text, published="2020-03-29")
    assert [q.text for q in doc.quantities] == ["3"]
    assert [(t.text, t.value) for t in doc.times] == [("أمس", "2020-03-28"), ("ساعتين", "PT2H")]


# ------------------------------------------------------------------ one clitic table
def test_numbers_clitics_come_from_the_shared_table():
    from arabic_events.numbers._lexicon import ARTICLE, ARTICLE_PREFIXES, CLITICS as NUM_CLITICS, lexicon

    conj, prep = CLITICS["conj"], CLITICS["prep"]
    assert set(NUM_CLITICS) == {c + p for c in conj for p in prep} | set(conj) | set(prep)
    assert [len(c) for c in NUM_CLITICS] == sorted((len(c) for c in NUM_CLITICS), reverse=True)
    assert ARTICLE == CLITICS["det"][0] == "ال"
    assert set(ARTICLE_PREFIXES) == {"ال", "وال", "فال", "بال", "لل"}
    pron = lexicon(False).pronouns
    assert pron and set(pron) <= set(CLITICS["pron"])
    assert pron.index("هما") < pron.index("هم") < pron.index("ه")


def test_times_clitics_come_from_the_shared_table():
    from arabic_events.times._lexicon import lexicon

    L = lexicon(None)
    assert L.words["conj_clitics"] == list(CLITICS["conj"])
    assert L.words["prep_clitics"] == list(CLITICS["prep"])
    assert L.words["article"] == list(CLITICS["det"])


def test_times_data_may_not_redefine_the_clitics(monkeypatch):
    from arabic_events.errors import DataError
    from arabic_events.times import _lexicon as tl

    real = tl.load_yaml

    def fake(name):
        d = real(name)
        if name == "times/words.yaml":
            d = dict(d, conj_clitics=["و"])
        return d

    monkeypatch.setattr(tl, "load_yaml", fake)
    tl.lexicon.cache_clear()
    try:
        with pytest.raises(DataError, match="conj_clitics"):
            tl.lexicon(None)
    finally:
        tl.lexicon.cache_clear()


def test_clitic_handling_in_use():
    """The shared clitics are what the components strip: و ف + ب ل ك before a number and
    a time expression, also the combination فك that the old private table lacked."""
    from arabic_events.numbers import find_quantities
    from arabic_events.times import find_times

    for text, want in (("وبنحو 300 جندي", "نحو 300"), ("فلخمسة آلاف", "خمسة آلاف"), ("وكعشرين", "عشرين")):
        assert [q.text for q in find_quantities(text)] == [want]
    for text, want in (("وفي 2015", "2015"), ("فبعد ثلاثة أيام", "بعد ثلاثة أيام"), ("ولأمس", None)):
        got = [t.text for t in find_times(text, "2020-03-29")]
        assert got == ([want] if want else []), (text, got)


# ------------------------------------------------------------------ one normalizer
def test_strip_harakat_keeps_letters_the_view_folds():
    assert strip_harakat("آبَ") == "آب"            # madda kept (the view folds it to ا)
    assert strip_harakat("شهـــرٌ") == "شهر"
    assert normalize("آبَ") == "اب"


_PRIVATE_NORMALIZER = re.compile(r"(?:re|regex)\.compile\([^)]*\\u064b")


@pytest.mark.parametrize("pkg", ["numbers", "times"])
def test_no_private_normalizer(pkg):
    """numbers and times fold text only through arabic_events.normalize (no harakat regex of
    their own) and keep no clitic letters of their own."""
    root = Path(ae.__file__).parent / pkg
    for path in root.glob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not _PRIVATE_NORMALIZER.search(src), f"{path.name}: a private harakat/normalizer regex"
        assert not re.search(r"set\(\"[وفبلك]{3,}\"\)", src), f"{path.name}: a private clitic table"


def test_quantities_require_the_tokenizer():
    from arabic_events.errors import ConfigError

    with pytest.raises(ConfigError, match="requires tokens"):
        ae.Pipeline(["quantities"])
    # the default pipeline leaves quantities out when the tokenizer is excluded
    assert "quantities" not in ae.load(exclude=["tokenizer", "ner", "events"]).pipe_names


# ------------------------------------------------------------------ one words layer
_EDGE = [
    "19-03-2020, 11:14 و19 - 03 - 2020 و1/2/2020 و5/1.5 و19-03-20201 و12345-1-1",
    "x19-03-2020 k1 .77 a.5 ..5 8ر4 8ر4رجال 13،299،024 1،2 12 500 1\u00a0250\u00a0000",
    "ﷺ ½ كم² …5 \x01 3 \x01 ٣٫٥ ١٢٣٬٤٥٦ بـ5200 لل2000 وَالثلاثةُ O'Neil Ωmega СССР 3x4 ۽",
    "\u200fمرحبا\u0640 \u064e3 ﻻ ـ 5 – 7 “3” (4) [5]%",
]


def _old_scan(finder):
    """The finder's scan before the words layer: its token regex over the whole view."""
    from arabic_events.numbers._engine import _TOKEN_RE

    toks, last = [], -1
    for m in _TOKEN_RE.finditer(finder.view):
        last = finder._add(toks.append, m, last)
    return finder._merge_space_groups(toks)


def _both_scans(text):
    from arabic_events.numbers._engine import _Finder
    from arabic_events.numbers._lexicon import lexicon
    from arabic_events.normalize import NormalizedText

    f = _Finder(NormalizedText(text), lexicon(False))
    row = lambda t: (t.kind, t.text, t.s, t.e, t.gap, t.num)  # noqa: E731
    return [row(t) for t in f.toks], [row(t) for t in _old_scan(f)]


@pytest.mark.parametrize("text", TEXTS + _EDGE)
def test_number_tokens_from_words_equal_the_view_scan(text):
    """quantities reads the tokenizer's words and joins around digits; its tokens are those of
    its own scan of the view (the oracle), join for join."""
    if not text:
        return
    new, old = _both_scans(text)
    assert new == old
    assert new and (any(k == "num" for k, *_ in new) or not re.search(r"\d", text))


def test_joins_over_adjacent_tokens():
    """What the finder joins that the tokenizer splits, and splits what it joins."""
    new, _ = _both_scans("19-03-2020 11:14 13،299،024 8ر4 k1 .77")
    assert [(k, t) for k, t, *_ in new] == [
        ("date", "19-03-2020"), ("time", "11:14"), ("num", "13،299،024"), ("num", "8ر4"),
        ("lat", "k"), ("num", "1"), ("num", ".77")]
    toks = ae.tokenize("19-03-2020 13،299،024 k1")
    assert [t.text for t in toks] == ["19", "-", "03", "-", "2020", "13", "،", "299", "،", "024", "k1"]


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = list("0123456789٠١٢٣٤٥٦٧٨٩٫٬٪.,،-/: \t\n\u00a0ر") + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئء") + \
    list("\u064e\u064b\u0651\u0640\u200f\u200b\x01ﷺ½²…–“”«»()%$ـkKxXéΩС'\u0301ﻻ۽\u06d6")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_number_tokens_from_words_property(text):
    new, old = _both_scans(text)
    assert new == old


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_token_view_spans(text):
    """Every token's view span folds its text: doc.norm.text[vs:ve] == normalize(token.text)."""
    doc = ae.Pipeline(["tokenizer"])(text)
    starts = doc.token_view_starts()
    vs, ve = doc.token_view_spans()
    assert list(starts) == list(vs) and len(vs) == len(ve) == len(doc.tokens)
    for i, t in enumerate(doc.tokens):
        assert (vs[i], ve[i]) == (doc.norm.to_view(t.start), doc.norm.to_view(t.end))
        assert doc.norm.text[vs[i]:ve[i]] == doc.token_folded(i) == normalize(t.text)


def test_token_view_spans_follow_the_tokens():
    doc = ae.Pipeline(["tokenizer"])("قَالَ الـمسؤول: ١٢٣ جندي")
    vs, ve = doc.token_view_spans()
    assert [doc.token_folded(i) for i in range(len(doc.tokens))] == ["قال", "المسؤول", ":", "123", "جندي"]
    assert (vs[1], ve[1]) == (4, 11)  # after the dropped harakat of قَالَ and the tatweel
    assert doc.token_view_starts() is doc._words[1]
    # rebuilt when the tokens are replaced (a Doc from to_dict/from_dict has none cached)
    doc2 = Doc.from_dict(doc.to_dict())
    assert doc2._words is None
    assert [doc2.token_folded(i) for i in range(len(doc2.tokens))] == ["قال", "المسؤول", ":", "123", "جندي"]
    doc2.tokens = doc2.tokens[1:]
    assert doc2.token_folded(0) == "المسؤول"


def _reference_map(original):
    """The view -> original map as a full list (what NormalizedText kept before the words layer)."""
    from arabic_events.normalize import normalize_char

    omap = []
    for i, ch in enumerate(original):
        omap.extend([i] * len(normalize_char(ch)))
    return omap + [len(original)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_view_map_without_a_full_list(text):
    """NormalizedText keeps only where the view drifts; every offset maps as with the full list."""
    import bisect

    from arabic_events.normalize import NormalizedText

    n = NormalizedText(text)
    omap = _reference_map(text)
    assert n.text == normalize(text)
    assert [n.original_offset(v) for v in range(len(n.text) + 1)] == omap
    offs = list(range(len(text) + 1))
    want = [bisect.bisect_left(omap, o, 0, len(omap) - 1) for o in offs]
    assert [n.to_view(o) for o in offs] == want == n.view_offsets(offs)
    import unicodedata

    from arabic_events.normalize import normalize_char

    for a in range(len(n.text) + 1):
        for b in range(a, min(len(n.text), a + 4) + 1):
            s, e = (omap[a], omap[a]) if a == b else (omap[a], omap[b - 1] + 1)
            while a < b and e < len(text) and (text[e] == "\u0640" or unicodedata.category(text[e]) == "Mn") \
                    and not normalize_char(text[e]):
                e += 1
            assert n.to_original(a, b) == (s, e)
