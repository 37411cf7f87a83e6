"""The gates of the time grammar (``times._grammar.Gates``): the word-type lookup finds every
match that a search of each gate pattern finds, so gating never drops a rule window."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from arabic_events._data import load_yaml
from arabic_events.normalize import NormalizedText
from arabic_events.times._grammar import Gates, Word, _grammar
from arabic_events.times._lexicon import DATA_FILES

pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _expected(gates: Gates, text: str) -> list[set[tuple[int, int]]]:
    """Every gate's spans by plain regex search: each word piece at every start position
    (overlapped), each text piece as ``finditer``."""
    out: list[set[tuple[int, int]]] = [set() for _ in range(gates.n)]
    for gid, rx in gates.word_pieces:
        out[gid].update(m.span() for m in rx.finditer(text, overlapped=True))
    for gid, rx in gates.text_pieces:
        out[gid].update(m.span() for m in rx.finditer(text))
    return out


def _check(text: str) -> None:
    gates = _grammar(None)[1]["gates"]
    got = gates.spans(text)
    want = _expected(gates, text)
    for gid in range(gates.n):
        assert got[gid] == sorted(got[gid]), gid  # text order
        assert set(got[gid]) == want[gid], (gid, text[:200])


def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))[:40]]
    for name in DATA_FILES:
        corpus = load_yaml(name).get("corpus") or {}
        out += [c["text"] for c in corpus.get("positives", ())]
        out += list(corpus.get("negatives", ()))
    return out


def test_gates_find_every_gate_match_on_seeds_and_corpora():
    for text in _texts():
        _check(NormalizedText(text).text)


def test_gate_words_inside_longer_words_are_not_gates():
    gates = _grammar(None)[1]["gates"]
    month_gate = dict((n, g) for n, _, _, g in _grammar(None)[0])["gmonth"]
    assert gates.spans("استقبل الشباب ابراهيم")[month_gate] == []  # "اب" (August) inside words
    assert gates.spans("وصل في آب الماضي".replace("آ", "ا"))[month_gate] == [(7, 9)]
    assert gates.spans("منذ ابريل")[month_gate] == [(4, 9)]


def test_every_rule_has_a_gate():
    rules, side = _grammar(None)
    assert all(isinstance(gate, int) and 0 <= gate < side["gates"].n for _, _, _, gate in rules)
    assert Word("x") == Word("x", "x") and Word("x") != Word("x", "y")


_ALPHABET = list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ") + [" ", " ", "\n", "،", ".", "(", ")", "/", "-", ":", "0", "1", "2", "9",
                                                       "\u064e", "\u0640", "a", "Z", "\u00e9", "\u200f"]
_WORDS = ["اب", "مارس", "رمضان", "يوم", "ايام", "العام", "كل", "الان", "اكثر من", "نحو", "ثلاثه", "منذ", "الماضي",
          "اول جمعه من", "الساعه", "مساء", "هجريه", "قبل", "الاسبوع", "بعد غد", "و", "ب", "ل", "ال", "2019", "3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_ALPHABET), st.sampled_from(_WORDS)), max_size=60))
def test_gates_match_plain_search_on_random_text(parts):
    _check("".join(parts))
