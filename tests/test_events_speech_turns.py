"""STATEMENT reported clauses and speaker turns: runs ``data/events/speech_corpus.yaml``
through the default pipeline (speech.py, speech.yaml; the turn rules of coref.py).

Each case names a STATEMENT event by a mention text and checks its content values (every
reported clause of the turn is its own value), speakers and the number of statements.
"""

from __future__ import annotations

import pytest

from arabic_events._data import load_yaml

_CASES = load_yaml("events/speech_corpus.yaml")["cases"]


def test_every_rule_has_positive_and_negative_cases():
    rules: dict[str, set[str]] = {}
    for c in _CASES:
        name = c["rule"].split(" (")[0]
        rules.setdefault(name, set()).add("negative" if "(negative" in c["rule"] else "positive")
    assert len(rules) >= 6
    for name, kinds in rules.items():
        assert kinds == {"positive", "negative"}, (name, kinds)


def test_cases_come_from_open_lines():
    for c in _CASES:
        assert c["line"] % 10 in (0, 2, 4, 6, 8), c  # never a dev (1, 3) or blind (5, 7, 9) line


@pytest.mark.parametrize("case", _CASES, ids=[f"{i}:{c['rule']}" for i, c in enumerate(_CASES)])
def test_speech_case(nlp, case):
    doc = nlp(case["text"], published="2015-08-10")
    doc.check_offsets()
    stmts = [e for e in doc.events if e.type == "STATEMENT"]
    if "statements" in case:
        assert len(stmts) == case["statements"], [[m.text for m in e.mentions] for e in stmts]
    evs = [e for e in stmts if any(m.text == case["trigger"] for m in e.mentions)]
    assert evs, (case["trigger"], [[m.text for m in e.mentions] for e in stmts])
    ev = evs[0]
    contents = sorted((a for a in ev.arguments if a.role == "content"), key=lambda a: a.start)
    texts = [a.text for a in contents]
    for a in contents:
        assert doc.text[a.start:a.end] == a.text
    if "contents" in case:
        assert texts == case["contents"], texts
    if "not_content" in case:
        assert case["not_content"] not in texts, texts
    speakers = [a.text for a in ev.arguments if a.role == "speaker"]
    if "speaker" in case:
        assert case["speaker"] in speakers, speakers
    if "not_speaker" in case:
        assert case["not_speaker"] not in speakers, speakers
    if "audience" in case:
        assert case["audience"] in [a.text for a in ev.arguments if a.role == "audience"], ev.arguments
