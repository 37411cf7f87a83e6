"""Hostile and huge input stays cheap: the fixes behind docs/reliability.md's timing table
(checked by behaviour and by counting work, never by timing)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import arabic_events as ae
from arabic_events.ner.component import Gazetteer, _doc_words, _outside_markup, _Word
from arabic_events.tokenizer import MAX_SEGMENT_LEN, Tokenizer


def _match_reference(g: Gazetteer, sent):
    """The former all-lengths scan (longest k first, then the first form), kept as the oracle."""
    from arabic_events.ner.component import _first_forms

    out, i, n = [], 0, len(sent)
    while i < n:
        hit = None
        firsts = _first_forms(sent[i])
        for k in range(min(g.max_len, n - i), 0, -1):
            tail = tuple(w.full for w in sent[i + 1 : i + k])
            for f, off in firsts:
                v = g.table.get((f,) + tail)
                if v is not None:
                    j = i + k
                    if v[2] and j < n and sent[j].full in g.gentilics:
                        j += 1
                    hit = (i, j, v[0], v[1], off)
                    break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


_VOCAB = ["ا", "ب", "ج", "وا", "با", "لا", "اب", "ال"]


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=4), min_size=1, max_size=12),
    words=st.lists(st.sampled_from(_VOCAB), max_size=25),
    extend=st.booleans(),
)
def test_gazetteer_match_equals_the_full_scan(entries, words, extend):
    g = Gazetteer()
    for k, e in enumerate(entries):
        g.add(" ".join(e), "LOC" if k % 2 else "ORG", "test", extend=extend and k % 3 == 0)
    g.gentilics = frozenset({"ج"})
    sent, off = [], 0
    for w in words:
        rest = w[1:] if len(w) > 1 and w[0] in "وب" else w
        sent.append(_Word(w, off, off + len(w), off + len(w) - len(rest), w, rest))
        off += len(w) + 1
    assert g.match(sent) == _match_reference(g, sent)


def test_bidi_marks_alone_give_no_words():
    text = "\u200f" * 5000 + "\u202b\u202c" * 100
    doc = ae.Doc(text)
    assert _doc_words(doc, None) == []


def test_bidi_marks_through_the_pipeline(nlp):
    text = "\u200f" * 20000
    doc = nlp(text)
    assert doc.tokens == [] and doc.entities == [] and doc.text == text


def test_an_endless_word_is_one_stem():
    tk = Tokenizer()
    word = "\u0628" * (MAX_SEGMENT_LEN * 50)
    (tok,) = tk.tokens(word)
    assert [(s.start, s.end, s.kind) for s in tok.segments] == [(0, len(word), "stem")]
    assert word not in tk._segs_cache


def test_markup_filter_keeps_text_between_tags():
    text = '<p class="x">بغداد</p> &amp; <!-- بغداد --> بغداد'
    ents = [ae.Entity("بغداد", 13, 18, "LOC"), ae.Entity("بغداد", 37, 42, "LOC"), ae.Entity("بغداد", 47, 52, "LOC"),
            ae.Entity("class", 3, 8, "ORG")]
    assert [e.start for e in _outside_markup(text, ents)] == [13, 47]


def test_unclosed_markup_is_cheap_and_harmless():
    text = "<a " * 3000 + "بغداد" + "<!--" * 3000
    ents = [ae.Entity("بغداد", 9000, 9005, "LOC")]
    assert _outside_markup(text, ents) == ents


def test_closing_quote_is_bounded_on_runs_of_quote_marks():
    from arabic_events.events.speech import _MAX_QUOTE_MARKS, _closing_quote

    # an ordinary quotation with a nested quoted name closes at its own mark
    text = 'قال "إن عملية "النصر" انتهت" أمس'
    q = text.index('"')
    assert _closing_quote(text, q, len(text)) == text.rindex('"')
    # misaligned runs ("x" "x" "x" ... read from a closing mark) alternate open/close forever:
    # the search gives up after a bounded number of marks instead of scanning the whole paragraph
    # (unbounded, the last mark below, 6,000 characters away, would be taken as the closing one)
    run = '"قال" ' * 1000 + 'انتهى"'
    assert _closing_quote(run, run.index('"', 1), len(run)) == -1
    assert _MAX_QUOTE_MARKS < 100


class _SearchLog(str):
    """A str that records the ranges its find/rfind/count calls search."""

    searched: list[int]

    def _log(self, start, end):
        start = 0 if start is None else start
        end = len(self) if end is None else end
        self.searched.append(max(end - start, 0))

    def find(self, sub, start=None, end=None):
        self._log(start, end)
        return str.find(self, sub, start, end)

    def rfind(self, sub, start=None, end=None):
        self._log(start, end)
        return str.rfind(self, sub, start, end)

    def count(self, sub, start=None, end=None):
        self._log(start, end)
        return str.count(self, sub, start, end)


def _logged(text: str) -> _SearchLog:
    s = _SearchLog(text)
    s.searched = []
    return s


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from('ab "\n'), max_size=9000), frac=st.floats(0, 1))
def test_paragraph_bounds_match_the_unbounded_search_within_reach(text, frac):
    from arabic_events.events.speech import _PARA_REACH, _para_end, _para_start

    pos = int(frac * len(text))
    start = max(text.rfind("\n", 0, pos) + 1, pos - _PARA_REACH)  # the former unbounded searches
    end = text.find("\n", pos)
    end = min(len(text) if end == -1 else end, pos + _PARA_REACH)
    assert (_para_start(text, pos), _para_end(text, pos)) == (start, end)


def test_paragraph_search_is_bounded_on_one_endless_line():
    # one line of 200,000 characters: every search for the paragraph of a trigger reads at
    # most _PARA_REACH characters (an unbounded search reads up to the whole line per trigger)
    from arabic_events.events.factuality import FactualityMixin
    from arabic_events.events.speech import _PARA_REACH, _para_end, _para_start

    view = _logged('"قال" ' * 33_334)
    for pos in range(0, len(view), 10_007):
        _para_start(view, pos)
        _para_end(view, pos)
        FactualityMixin._in_quote(None, view, pos)
    assert view.searched and max(view.searched) <= _PARA_REACH


def test_event_groups_compare_with_a_bounded_number_of_mentions():
    # an event mentioned hundreds of times (a long text that repeats a story): a new mention
    # is compared with the arguments of the group's first and latest mentions only
    from arabic_events.events.coref import _GROUP_LOOKBACK, _Group

    def ev(k):
        return ae.Event(type="ATTACK", trigger=ae.Trigger("هجوم", 10 * k, 10 * k + 4), sentence=k,
                        arguments=(ae.Argument("place", "بغداد", 10 * k + 5, 10 * k + 10),))

    g = _Group(ev(0), False)
    for k in range(1, 500):
        g.add(ev(k), False)
    starts = [a.start for a in g.args("place")]
    assert len(starts) == 2 * _GROUP_LOOKBACK
    assert starts[0] == 5 and starts[-1] == 10 * 499 + 5  # the first and the latest mention
    small = _Group(ev(0), False)
    for k in range(1, 2 * _GROUP_LOOKBACK):
        small.add(ev(k), False)
    assert len(small.args("place")) == 2 * _GROUP_LOOKBACK  # a small group: every mention
