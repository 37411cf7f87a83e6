"""Trigger-sense fields of the frame schema (issue 10): ``anchor``, ``suffix_fills``,
``next_fills``, ``sense_checked``, and the quote rule (no role filler inside the
mention's own quoted content). The frame corpora hold the sentence-level cases."""

from __future__ import annotations

import pytest

from arabic_events.errors import FrameError
from arabic_events.events.component import EventExtractor
from arabic_events.events.frames import Frame, builtin_frames

from test_events_v2 import build

_SPEC = {
    "name": "RAID",
    "anchor": {"frames": ["CASUALTIES"], "words": ["في"], "window": 6},
    "triggers": [
        {"lemma": "مداهمة", "suffix_fills": "target", "next_fills": "target"},
        {"lemma": "داهم", "pos": "verb", "near": ["منزل"], "sense_checked": True},
    ],
    "roles": [{"name": "target", "types": ["NP"], "cues": [{"kind": "genitive"}]}],
    "require": ["target"],
}


def test_new_fields_round_trip():
    f = Frame.from_dict(_SPEC)
    assert f.anchor_frames == ("CASUALTIES",) and f.anchor_words == ("في",) and f.anchor_window == 6
    assert f.triggers[0].suffix_fills == "target" and f.triggers[0].next_fills == "target"
    assert f.triggers[1].sense_checked is True
    assert Frame.from_dict(f.to_dict()) == f


@pytest.mark.parametrize(
    "patch, message",
    [
        ({"triggers": [{"lemma": "مداهمة", "suffix_fills": "victim"}]}, "suffix_fills"),
        ({"triggers": [{"lemma": "مداهمة", "next_fills": "Bad Role"}]}, "next_fills"),
        ({"triggers": [{"lemma": "مداهمة", "sense_checked": "yes"}]}, "sense_checked"),
        ({"anchor": ["CASUALTIES"]}, "anchor"),
        ({"anchor": {"frames": ["CASUALTIES"], "words": ["في"], "span": 3}}, "anchor"),
    ],
)
def test_new_fields_are_validated(patch, message):
    with pytest.raises(FrameError, match=message):
        Frame.from_dict({**_SPEC, **patch})


def test_builtin_frames_use_the_new_fields():
    frames = {f.name: f for f in builtin_frames()}
    assert "CASUALTIES" in frames["ATTACK"].anchor_frames
    assert any(t.suffix_fills == "victims" for t in frames["CASUALTIES"].triggers)
    assert any(t.sense_checked for t in frames["KIDNAPPING"].triggers)


def test_suffix_mention_joins_an_earlier_event_or_opens_one():
    ex = EventExtractor()
    alone = ex(build("أطلق مسلحون النار على الضابط ما أدى إلى مقتله على الفور."))
    assert [e.type for e in alone.events if e.type == "CASUALTIES"] == ["CASUALTIES"]
    both = ex(build("قتل الجندي أحمد علي أمس. وأعلن الجيش مقتله.", ents=[("أحمد علي", "PER")]))
    cas = [e for e in both.events if e.type == "CASUALTIES"]
    assert len(cas) == 1 and [m.text for m in cas[0].mentions] == ["قتل", "مقتل"]


def test_anchor_takes_indefinite_nouns_only():
    ex = EventExtractor()
    new = ex(build("قتل شرطيان وأصيب آخرون خلال هجوم ليلي."))
    assert [e.trigger.text for e in new.events if e.type == "ATTACK"] == ["هجوم"]
    back = ex(build("قتل شرطيان وأصيب آخرون خلال الهجوم."))
    assert not [e for e in back.events if e.type == "ATTACK"]


def test_no_speaker_inside_the_quoted_content():
    text = "وأضافت المتحدثة في بيان «نكرس كافة الجهود لتحسين أداء المنظمة»."
    doc = EventExtractor()(build(text, ents=[("نكرس", "PER")]))
    for e in doc.events:
        contents = [a for a in e.arguments if a.role == "content"]
        for a in e.arguments:
            if a.role != "content":
                assert not any(c.start <= a.start and a.end <= c.end for c in contents), (e.type, a)
