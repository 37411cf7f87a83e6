"""Events round 3 (issue 10): coreference of definite noun-phrase participants.

Sentences written for these tests after the patterns of news reports.
"""

from __future__ import annotations

from arabic_events.doc import Argument, Doc, Event, Trigger
from arabic_events.events.coref import merge_mentions


def _event(text: str, trig: str, sentence: int, attacker: str, after: int = 0) -> Event:
    t = text.index(trig, after)
    a = text.index(attacker, after)
    return Event(
        type="ATTACK",
        trigger=Trigger(trig, t, t + len(trig)),
        arguments=(Argument("attacker", attacker, a, a + len(attacker), rule="cue:subject"),),
        sentence=sentence,
    )


def _merged(first: str, second: str) -> list[Event]:
    text = f"شنت {first} هجوما على حاجز أمني. وتبنت {second} الهجوم في بيان."
    cut = text.index(".")
    evs = [_event(text, "هجوما", 0, first), _event(text, "الهجوم", 1, second, after=cut)]
    return merge_mentions(Doc(text, published="2015-08-10"), evs)


def test_definite_np_refers_back_to_indefinite_np():
    # "المجموعة" is "مجموعة يسارية" again: the article makes no other participant
    out = _merged("مجموعة يسارية", "المجموعة")
    assert len(out) == 1
    assert [m.text for m in out[0].mentions] == ["هجوما", "الهجوم"]


def test_different_np_participants_stay_apart():
    out = _merged("مجموعة يسارية", "القوات الحكومية")
    assert len(out) == 2
