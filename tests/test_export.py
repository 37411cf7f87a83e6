"""pandas frames, CoNLL-U and spaCy exports of the seed documents and of small built Docs."""

from __future__ import annotations

import dataclasses

import pytest

import arabic_events as ae
from arabic_events.doc import Argument, Doc, Entity, Event, Segment, Sentence, Token, Trigger
from arabic_events.export import LAYERS, rows, summary_lines

pd = pytest.importorskip("pandas")


def _small() -> Doc:
    """'وبالعراق انسحبت القوات.' with clitic segments, an entity inside a token, one event."""
    t = "وبالعراق انسحبت القوات."
    d = Doc(t, published="2020-03-20")
    d.tokens = [
        Token("وبالعراق", 0, 8, segments=(Segment("و", 0, 1, "conj"), Segment("ب", 1, 2, "prep"),
                                          Segment("ال", 2, 4, "det"), Segment("عراق", 4, 8, "stem"))),
        Token("انسحبت", 9, 15, segments=(Segment("انسحبت", 9, 15),)),
        Token("القوات", 16, 22, segments=(Segment("ال", 16, 18, "det"), Segment("قوات", 18, 22))),
        Token(".", 22, 23, kind="punct"),
    ]
    d.sentences = [Sentence(t, 0, 23)]
    d.entities = [Entity("العراق", 2, 8, label="LOC", source="test")]
    d.events = [Event("WITHDRAWAL", Trigger("انسحبت", 9, 15), arguments=(
        Argument("agent", "القوات", 16, 22), Argument("origin", "العراق", 2, 8, ref="entities:0")),
        time="2020-03-19", id="e0", frame="WITHDRAWAL@1", rule="test")]
    d.check_offsets("test")
    return d


# ------------------------------------------------------------------ pandas
def test_frames_have_one_row_per_item_with_offsets(seed_docs):
    docs = list(seed_docs.values())
    ids = list(seed_docs)
    for layer in ("entities", "quantities", "times", "tokens", "sentences"):
        df = ae.to_frame(dict(zip(ids, docs)), layer)
        assert len(df) == sum(len(getattr(d, layer)) for d in docs), layer
        assert list(df.columns[:2]) == ["doc_id", "index"]
        for row in df.sample(min(len(df), 40), random_state=0).itertuples():
            assert seed_docs[row.doc_id].text[row.start:row.end] == row.text
    ev = ae.to_frame(dict(zip(ids, docs)), "events")
    assert len(ev) == sum(len(d.events) for d in docs)
    args = ae.to_frame(dict(zip(ids, docs)), "arguments")
    assert len(args) == sum(len(e.arguments) for d in docs for e in d.events)
    assert set(args.columns) >= {"doc_id", "event", "type", "role", "filler", "start", "end"}


def test_event_frame_flattens_roles_and_long_form():
    d = _small()
    ev = d.to_frame("events")
    assert ev.loc[0, "type"] == "WITHDRAWAL" and ev.loc[0, "trigger"] == "انسحبت"
    assert ev.loc[0, "arg:agent"] == "القوات" and ev.loc[0, "arg:origin"] == "العراق"
    assert (ev.loc[0, "arg:origin:start"], ev.loc[0, "arg:origin:end"]) == (2, 8)
    long = ae.to_frame([d], "arguments", doc_ids=["x"])
    assert long[["doc_id", "event", "role", "filler"]].values.tolist() == [
        ["x", "e0", "agent", "القوات"], ["x", "e0", "origin", "العراق"]]
    assert long.loc[1, "ref"] == "entities:0"


def test_event_frame_keeps_extra_event_fields():
    @dataclasses.dataclass(frozen=True)
    class RicherEvent(Event):
        factuality: str = "CT+"
        mentions: tuple = ()

    d = _small()
    e = d.events[0]
    d.events = [RicherEvent(e.type, e.trigger, e.arguments, e.time, id=e.id,
                            mentions=(Trigger("انسحبت", 9, 15),))]
    row = rows(d, "events", "x")[0]
    assert row["factuality"] == "CT+"
    assert row["mentions"] == '[{"text": "انسحبت", "start": 9, "end": 15}]'


def test_empty_and_bad_layers():
    empty = Doc("")
    for layer in LAYERS:
        df = ae.to_frame(empty, layer)
        assert len(df) == 0 and "doc_id" in df.columns
    with pytest.raises(ae.InputError, match="unknown layer"):
        ae.to_frame(empty, "verbs")
    with pytest.raises(ae.InputError, match="not an arabic_events Doc"):
        ae.to_frame(["text"], "entities")


def test_spans_layer_and_summary():
    d = _small()
    spans = d.to_frame("spans")
    assert spans[["layer", "label", "text"]].values.tolist() == [["entity", "LOC", "العراق"],
                                                                 ["event", "WITHDRAWAL", "انسحبت"]]
    lines = summary_lines(d)
    assert lines[0] == "events (1):"
    assert "agent=القوات; origin=العراق; when=2020-03-19" in lines[1]
    assert lines[2:] == ["entities (1):", "  LOC  العراق"]
    assert summary_lines(Doc("")) == ["(nothing found)"]


# ----------------------------------------------------------------- CoNLL-U
def test_conllu_multiword_tokens_and_misc():
    conllu = pytest.importorskip("conllu")
    text = _small().to_conllu("d1")
    sents = conllu.parse(text)
    assert len(sents) == 1
    s = sents[0]
    assert s.metadata["newdoc id"] == "d1" and s.metadata["sent_id"] == "d1-1"
    assert s.metadata["text"] == "وبالعراق انسحبت القوات."
    forms = [(tok["id"], tok["form"]) for tok in s]
    assert forms == [((1, "-", 3), "وبالعراق"), (1, "و"), (2, "ب"), (3, "العراق"), (4, "انسحبت"),
                     (5, "القوات"), (6, ".")]
    misc = {tok["form"]: tok["misc"] or {} for tok in s}
    assert misc["العراق"]["NE"] == "B-LOC" and misc["العراق"]["TokenRange"] == "2:8"
    assert "NE" not in misc["ب"]
    assert misc["القوات"]["SpaceAfter"] == "No" and "SpaceAfter" not in misc["انسحبت"]
    assert s[6]["upos"] == "PUNCT"
    # the words rebuild the sentence text
    out, i = "", 0
    while i < len(s):
        tok = s[i]
        if isinstance(tok["id"], tuple):
            out += tok["form"] + ("" if (tok["misc"] or {}).get("SpaceAfter") == "No" else " ")
            i += tok["id"][2] - tok["id"][0] + 2
            continue
        out += tok["form"] + ("" if (tok["misc"] or {}).get("SpaceAfter") == "No" else " ")
        i += 1
    assert out.strip() == s.metadata["text"]


def test_conllu_round_trips_on_seeds(seed_docs):
    conllu = pytest.importorskip("conllu")
    for name, doc in seed_docs.items():
        sents = conllu.parse(doc.to_conllu(name))
        assert len(sents) == len(doc.sentences), name
        n_tokens = 0
        for s in sents:
            for tok in s:
                a, b = map(int, tok["misc"]["TokenRange"].split(":"))
                assert doc.text[a:b] == tok["form"]
                if isinstance(tok["id"], tuple) or "Seg" in tok["misc"] and not _inside_range(s, tok):
                    n_tokens += 1
        assert n_tokens == len(doc.tokens), name
        begins = sum(1 for s in sents for tok in s if (tok["misc"] or {}).get("NE", "").startswith("B-"))
        assert begins == len(doc.entities), name
        assert conllu.parse(sents[0].serialize())[0].metadata["text"] == sents[0].metadata["text"]


def _inside_range(sent, tok) -> bool:
    return any(isinstance(t["id"], tuple) and t["id"][0] <= tok["id"] <= t["id"][2] for t in sent)


def test_conllu_scores_with_the_project_segmentation_scorer(seed_docs, tmp_path):
    from arabic_events.evaluation.ud import evaluate_ud, read_conllu

    path = tmp_path / "seeds.conllu"
    path.write_text("".join(d.to_conllu(n, multiword=False) for n, d in seed_docs.items()), encoding="utf-8")
    gold = read_conllu(path)
    assert [g.id for g in gold] == list(seed_docs)
    assert sum(len(g.sentences) for g in gold) == sum(len(d.sentences) for d in seed_docs.values())
    r = evaluate_ud(path)
    # our tokenizer re-segments the exported words exactly; UD "tokens" glue words written
    # without a space between them (19آذار2020), which our tokenizer splits
    assert r["words"]["f1"] == 100.0
    assert r["tokens"]["f1"] >= 99.5


# ------------------------------------------------------------------- spaCy
def test_to_spacy_keeps_characters_and_spans(seed_docs):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    for name, doc in seed_docs.items():
        sd = ae.to_spacy(doc, nlp)
        assert sd.text == doc.text, name
        assert [(s.start_char, s.end_char, s.label_) for s in sd.spans["entities"]] == [
            (e.start, e.end, e.label) for e in doc.entities]
        assert [(s.start_char, s.end_char, s.label_) for s in sd.spans["events"]] == [
            (e.trigger.start, e.trigger.end, e.type) for e in doc.events]
        assert [(s.start_char, s.end_char) for s in sd.spans["times"]] == [(t.start, t.end) for t in doc.times]
        assert [(s.start_char, s.end_char) for s in sd.spans["quantities"]] == [(q.start, q.end) for q in doc.quantities]
        assert len(sd.spans["arguments"]) == sum(len(e.arguments) for e in doc.events)
        assert {(e.start_char, e.end_char) for e in sd.ents} <= {(e.start, e.end) for e in doc.entities}
        assert ae.from_spacy(sd) == doc
        assert len(list(sd.sents)) >= len(doc.sentences)


def test_to_spacy_entity_inside_a_token_and_bytes_round_trip():
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc as SpacyDoc

    d = _small()
    sd = ae.to_spacy(d)
    assert [t.text for t in sd] == ["و", "ب", "ال", "عراق", "انسحبت", "ال", "قوات", "."]
    assert [(e.text, e.start_char, e.label_) for e in sd.ents] == [("العراق", 2, "LOC")]
    sd2 = SpacyDoc(spacy.blank("ar").vocab).from_bytes(sd.to_bytes())
    assert ae.from_spacy(sd2) == d
    surface = ae.to_spacy(d, split_clitics=False)
    assert [t.text for t in surface] == ["وبالعراق", "انسحبت", "القوات", "."]
    assert surface.text == d.text


def test_from_spacy_of_a_plain_spacy_doc():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    sd = nlp("زار الوزير  بغداد أمس.")
    sd.ents = [sd.char_span(12, 17, label="LOC")]
    doc = ae.from_spacy(sd, published="2020-03-29")
    assert doc.text == "زار الوزير  بغداد أمس."
    assert [(e.text, e.label, e.source) for e in doc.entities] == [("بغداد", "LOC", "spacy")]
    assert [t.text for t in doc.tokens] == ["زار", "الوزير", "بغداد", "أمس", "."]
    assert str(doc.published) == "2020-03-29"


def test_to_frame_of_a_corpus():
    d = _small()
    corpus = ae.Corpus()
    corpus.add(d, doc_id="first")
    df = ae.to_frame(corpus, "entities")
    assert df[["doc_id", "text", "start", "end"]].values.tolist() == [["first", "العراق", 2, 8]]
