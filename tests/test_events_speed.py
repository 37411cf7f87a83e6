"""The events stage's speed shortcuts give exactly what the plain code gave.

Each shortcut (docs/events.md "Speed") is checked against the computation it replaces:
the view words, the word-type caches (trigger readings, noun-phrase heads), the
three-word test of a quotation and the required literals that let a trigger pattern be
skipped on a document.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_events.doc import Doc
from arabic_events.events._common import _lex
from arabic_events.events._literals import required_literals
from arabic_events.events._morph import WORD_RE, StemIndex, strip_noun_prefix, tables, view_words
from arabic_events.events.candidates import _np_head, _np_words
from arabic_events.events.component import EventExtractor
from arabic_events.events.speech import _three_words
from arabic_events.normalize import NormalizedText

from conftest import read_seed, seed_paths

_ALPHABET = list("وانسحبتالقوامندةيلمسحب ،.\"«»ًٌٍَُِّْـ_12٣abcé\u0301\u200f\n-:؛") + ["\U0001F600", "\u0915", "\u093f"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120))
def test_view_words_equal_finditer(text):
    assert view_words(text) == [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_three_words(text, a, b):
    assert _three_words(text, a, b) == (len(WORD_RE.findall(text, a, b)) >= 3)


def _strip_plain(word: str) -> list[str]:
    noun_pre = tables()["noun_pre"]
    return [word[k:] for k in range(min(5, len(word) - 1), -1, -1) if word[:k] in noun_pre]


def _seed_words() -> list[str]:
    words = []
    for p in seed_paths():
        words += [w for _, _, w in view_words(NormalizedText(read_seed(p)).text)]
    return words


def test_word_type_caches_equal_the_plain_analysis():
    words = _seed_words()
    assert len(set(words)) > 1000
    lex = _lex()
    ex = EventExtractor()
    index = ex._compiled[0]
    fresh = StemIndex()  # same stems, empty caches
    fresh.noun, fresh.past, fresh.present = index.noun, index.past, index.present
    n_hits = 0
    for w in words + ["", "و", "12", "١٢"]:
        assert strip_noun_prefix(w) == _strip_plain(w)
        plain = [] if len(w) < 2 or w.isdigit() else sorted(
            fresh._analyse(w), key=lambda rf: (-len(rf[0].stem), rf[0].pro_len, rf[0].tail_len))
        assert list(index.readings(w)) == plain
        n_hits += bool(plain)
    assert n_hits > 50  # the seeds hold trigger words
    hits = index.hit_words(words)
    assert [i for i, _ in hits] == [i for i, w in enumerate(words) if index.readings(w)]
    lex.np_head_cache.clear()
    first = [_np_head(w, lex) for w in words]
    assert sum(bool(h) for h in first) > 100
    assert [_np_head(w, lex) for w in words] == first  # from the cache now
    assert len({id(index.readings(w)) for w in words if not index.readings(w)}) == 1  # one shared empty value
    triples = [(0, 0, w) for w in words]
    assert _np_words(triples, lex) == [i for i, h in enumerate(first) if h]


def _builtin_patterns():
    return [(f.name, rx) for f, _t, rx, _lits in EventExtractor()._compiled[1]]


def test_required_literals_of_known_shapes():
    assert required_literals("(?P<t>مذكر(?:ه|تي|ات)) (?:ال)?تفاهم") == ("تفاهم",)
    assert required_literals(r"(?<!\w)[وف]?(?P<t>قائل(?:ا|ه|ين))(?!\w)") == ("قائلا", "قائله", "قائلين")
    assert required_literals(r"(?<!\w)[وف]?(?P<t>فاز(?:ت|وا)?)\s+") == ("فاز",)
    # nothing is required, or the regex module could read the pattern differently: None (always run)
    for p in (r"\w+", r"(?:ab)?c?", r"\p{L}+ابت", "[[:alpha:]]ابت", "(?i)abc", "(?:abc){e<=1}", "a|\\w", "(", "[^ab]"):
        assert required_literals(p) is None, p


def test_required_literals_hold_on_real_text():
    """Wherever a built-in pattern matches, one of its literals is in the text (seeds,
    frame corpora); and the literal test leaves out documents without any match."""
    from arabic_events._data import data_path, load_yaml

    texts = [NormalizedText(read_seed(p)).text for p in seed_paths()]
    for f in sorted(data_path("frames/corpus").glob("*.yaml")):
        data = load_yaml(f"frames/corpus/{f.name}")
        for section in ("positives", "negatives"):
            for case in data.get(section) or []:
                text = case.get("text") if isinstance(case, dict) else case
                if isinstance(text, str):
                    texts.append(NormalizedText(text).text)
    assert len(texts) >= 300
    checked = skipped = 0
    for _name, rx in _builtin_patterns():
        lits = required_literals(rx.pattern)
        if lits is None:
            continue
        for t in texts:
            present = any(lit in t for lit in lits)
            if rx.search(t) is not None:
                assert present, (rx.pattern, lits)
                checked += 1
            elif not present:
                skipped += 1
    assert checked > 10 and skipped > 10


def test_events_on_seeds_do_not_depend_on_cache_state(seed_docs):
    """Same events with the word-type caches warm (the pipeline's run) and emptied."""
    ex = EventExtractor()
    index = ex._compiled[0]
    for doc in seed_docs.values():
        d = Doc(doc.text, published=doc.published)
        d.zones, d.sentences, d.entities, d.quantities, d.times = doc.zones, doc.sentences, doc.entities, doc.quantities, doc.times
        warm = [e.to_dict() for e in ex(d).events]
        index._sorted.clear()
        index._cache.clear()
        _lex().np_head_cache.clear()
        cold = [e.to_dict() for e in ex(d).events]
        assert warm == cold
        assert warm == [e.to_dict() for e in doc.events]

