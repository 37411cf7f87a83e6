"""The events component reads only the Doc layers it declares (issue 12: "every component
declares truthfully what it requires and provides").

A recording Doc notes every attribute the component reads; each attribute maps to the
layer it belongs to, and that layer must be in ``requires``, ``uses`` or ``provides`` of
the registry entry (or be one a bare Doc has). Entities record reads of ``canonical`` and
``cluster`` (the ``entity_clusters`` layer of ``entity_groups``). An attribute missing
from the map fails the test, so a new kind of read has to be declared here and in the
registry.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from arabic_events.doc import Doc, Entity
from arabic_events.pipeline import registered_components

from conftest import gold_for, read_seed, seed_paths

# Doc attribute -> the layer it reads
LAYER_OF = {
    "text": "text", "norm": "text", "_norm": "text", "span_text": "text", "is_arabic": "text",
    "published": "published", "published_source": "published",
    "zones": "zones", "zone": "zones", "body": "zones", "title": "zones", "in_body": "zones",
    "_zone_index": "zones", "_zones_cache": "zones",
    "sentences": "sentences", "sentence_index": "sentences", "_sent_starts": "sentences",
    "tokens": "tokens", "tokens_in": "tokens", "token_at": "tokens", "_starts": "tokens", "_token_starts": "tokens",
    "entities": "entities", "quantities": "quantities", "times": "times", "events": "events",
    "in_sentence": "sentences", "meta": "meta",
}
BASE = {"text", "published"}

_SEEN: set[str] = set()
_ENTITY_SEEN: set[str] = set()


class _RecordingDoc(Doc):
    def __getattribute__(self, name):
        if not name.startswith("__"):
            _SEEN.add(name)
        return object.__getattribute__(self, name)


class _RecordingEntity(Entity):
    __slots__ = ()

    def __getattribute__(self, name):
        if name in ("canonical", "cluster"):
            _ENTITY_SEEN.add(name)
        return object.__getattribute__(self, name)


def _recording_copy(doc: Doc) -> Doc:
    r = _RecordingDoc(doc.text, published=doc.published)
    for name in ("zones", "sentences", "tokens", "quantities", "times", "meta"):
        setattr(r, name, getattr(doc, name))
    r.entities = [_RecordingEntity(**{f.name: getattr(e, f.name) for f in fields(Entity)}) for e in doc.entities]
    r.events = []
    return r


def _layers_read(component, doc: Doc) -> set[str]:
    r = _recording_copy(doc)
    _SEEN.clear()
    _ENTITY_SEEN.clear()
    component(r)
    unknown = {a for a in _SEEN if a not in LAYER_OF}
    assert not unknown, f"attributes of Doc read by events, not mapped to a layer in LAYER_OF: {sorted(unknown)}"
    layers = {LAYER_OF[a] for a in _SEEN}
    if _ENTITY_SEEN:
        layers.add("entity_clusters")
    return layers


@pytest.fixture(scope="module")
def analysed(nlp):
    docs = []
    for p in seed_paths():
        g = gold_for(p)
        docs.append(nlp(read_seed(p), published=(g or {}).get("published")))
    assert sum(len(d.events) for d in docs) > 10  # a real workload: events found, so every path runs
    return docs


def test_events_reads_only_declared_layers(nlp, analysed):
    info = registered_components()["events"]
    declared = set(info.requires) | set(info.uses) | set(info.provides) | BASE
    events = nlp.get_pipe("events")
    read: set[str] = set()
    for doc in analysed:
        read |= _layers_read(events, doc)
    assert read <= declared, f"events reads undeclared layers: {sorted(read - declared)}"
    # and every declared layer is really read (the declaration is not padded)
    assert set(info.requires) <= read
    assert set(info.uses) <= read
    assert "tokens" not in read


def test_events_output_without_tokens_is_the_same(nlp, analysed):
    """Tokens are not read: a Doc whose ``tokens`` raise on any access gives the same events."""

    class Poison(list):
        def _boom(self, *a, **k):
            raise AssertionError("events read doc.tokens")

        __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = _boom

    events = nlp.get_pipe("events")
    for doc in analysed:
        d = Doc(doc.text, published=doc.published)
        d.zones, d.sentences, d.entities = doc.zones, doc.sentences, doc.entities
        d.quantities, d.times = doc.quantities, doc.times
        d.tokens = Poison()
        events(d)
        assert [e.to_dict() for e in d.events] == [e.to_dict() for e in doc.events]


def test_optional_layers_are_optional(nlp, analysed):
    """``uses`` layers are optional: without zones and entity clusters events still runs
    (no crash, valid offsets) and finds events."""
    events = nlp.get_pipe("events")
    n = 0
    for doc in analysed:
        d = Doc(doc.text, published=doc.published)
        d.sentences, d.quantities, d.times = doc.sentences, doc.quantities, doc.times
        d.entities = [Entity(e.text, e.start, e.end, e.label, e.source) for e in doc.entities]
        events(d)
        d.check_offsets()
        n += len(d.events)
    assert n > 10


def test_pipeline_keeps_uses_in_the_registry():
    info = registered_components()["events"]
    assert info.uses == ("zones", "entity_clusters")
    assert set(info.requires) == {"sentences", "entities", "quantities", "times"}
    assert info.provides == ("events",)
