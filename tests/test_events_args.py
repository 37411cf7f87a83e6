"""Argument linking (issue 10, section 4): runs ``data/events/args_corpus.yaml``.

Each case gives the event by type and trigger and the fillers expected (``args``), the
roles that must stay empty (``absent``) and the fillers that must not be taken
(``not``), plus the merged event's ``where`` / ``where_in`` / ``when``.
"""

from __future__ import annotations

import pytest

from arabic_events._data import load_yaml
from arabic_events.doc import Doc
from arabic_events.events.component import EventExtractor
from arabic_events.events.coref import event_mentions
from conftest import corpus_doc

_CASES = load_yaml("events/args_corpus.yaml")["cases"]


def build_doc(case: dict) -> Doc:
    return corpus_doc(case, published="2015-08-10")


@pytest.fixture(scope="module")
def extractor():
    return EventExtractor()


def test_every_rule_has_positive_and_negative_cases():
    rules: dict[str, set[str]] = {}
    for c in _CASES:
        name = c["rule"].split(" (")[0]
        kind = "negative" if "negative" in c["rule"] else "positive"
        rules.setdefault(name, set()).add(kind)
    assert len(rules) >= 10
    for name, kinds in rules.items():
        assert kinds == {"positive", "negative"}, (name, kinds)


@pytest.mark.parametrize("case", _CASES, ids=[f"{i}:{c['rule']}" for i, c in enumerate(_CASES)])
def test_argument_case(extractor, case):
    doc = extractor(build_doc(case))
    doc.check_offsets()
    mentions = [e for e in event_mentions(doc) if e.type == case["type"] and e.trigger.text == case["trigger"]]
    if case.get("args") or any(k in case for k in ("where", "where_in", "when")):
        assert mentions, f"no {case['type']} {case['trigger']!r}: {[(e.type, e.trigger.text) for e in doc.events]}"
    got = {role: [a.text for e in mentions for a in e.arguments if a.role == role] for role in
           set(case.get("args", {})) | set(case.get("absent", [])) | set(case.get("not", {}))}
    for role, want in case.get("args", {}).items():
        if isinstance(want, list):
            assert got[role] == want, (case["text"], role, got[role])
        else:
            assert got[role] and got[role][0] == str(want), (case["text"], role, got[role])
    for role in case.get("absent", []):
        assert not got[role], (case["text"], role, got[role])
    for role, bad in case.get("not", {}).items():
        assert bad not in got[role], (case["text"], role, got[role])
    for key in ("where", "where_in", "when"):
        if key not in case:
            continue
        evs = [e for e in doc.events if e.type == case["type"]
               and any(m.text == case["trigger"] for m in (e.mentions or ()))]
        assert evs, case["text"]
        val = getattr(evs[0], key)
        assert (val.text if val is not None else None) == case[key], (case["text"], key, val)


def test_argument_rules_record_their_cue(extractor):
    """Each new cue records itself in the argument's provenance."""
    rules = set()
    for case in _CASES:
        doc = extractor(build_doc(case))
        rules.update(a.rule for e in doc.events for a in e.arguments)
    assert {"cue:apposition", "cue:performer", "cue:chain"} <= rules
