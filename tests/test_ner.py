"""The CRF entity tagger: features, the shipped model, the ner/gazetteer components."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_events.doc import Doc, Segment, Token
from arabic_events.errors import ConfigError, InputError, ModelNotFoundError
from arabic_events.ner.features import (
    FeatureExtractor,
    doc_features,
    fold,
    simple_tokenize,
    split_proclitics,
    word_shape,
)

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "ner" / "model.crfsuite"
needs_model = pytest.mark.skipif(not MODEL.exists(), reason="models/ner/model.crfsuite not built")


# ------------------------------------------------------------------ features
@pytest.mark.parametrize(
    "word,expected",
    [
        ("أحمد", "احمد"),
        ("إيران", "ايران"),
        ("مصطفى", "مصطفي"),
        ("الجمهورية", "الجمهوريه"),
        ("بَغْدَاد", "بغداد"),
        ("العـراق", "العراق"),
        ("٢٠٢٠", "2020"),
        ("NATO", "nato"),
    ],
)
def test_fold(word, expected):
    assert fold(word) == expected


@pytest.mark.parametrize(
    "word,expected",
    [
        ("وبالعراق", ("وب", "العراق")),
        ("للقوات", ("ل", "القوات")),
        ("والجيش", ("و", "الجيش")),
        ("فالعراق", ("ف", "العراق")),
        ("بالموصل", ("ب", "الموصل")),
        ("وزير", ("", "وزير")),
        ("بغداد", ("", "بغداد")),
        ("لبنان", ("", "لبنان")),
        ("في", ("", "في")),
    ],
)
def test_split_proclitics_without_counts(word, expected):
    assert split_proclitics(fold(word)) == expected


def test_split_proclitics_uses_counts():
    freq = {"بغداد": 500, "وبغداد": 20, "وزير": 900, "زير": 3}
    assert split_proclitics("وبغداد", freq) == ("و", "بغداد")
    assert split_proclitics("وزير", freq) == ("", "وزير")


def test_simple_tokenize_offsets():
    text = "قال (د ب أ) إن 3.5 مليون، وبغداد."
    toks = simple_tokenize(text)
    assert [t for t, _, _ in toks] == ["قال", "(", "د", "ب", "أ", ")", "إن", "3.5", "مليون", "،", "وبغداد", "."]
    assert all(text[s:e] == t for t, s, e in toks)


@pytest.mark.parametrize("word,shape", [("بغداد", "A"), ("F-16", "LPD"), ("2020", "D"), ("كي1", "AD"), ("،", "P")])
def test_word_shape(word, shape):
    assert word_shape(word) == shape


def test_feature_extractor_word_and_context_features():
    fx = FeatureExtractor(
        clusters={"العراق": "4-41-726", "بغداد": "4-41-726"},
        lexicon={"بغداد": {"LOC"}},
        phrases={("الامم", "المتحده"): "ORG"},
    )
    feats = fx.sentence(["وصل", "إلى", "بغداد", "من", "الأمم", "المتحدة"])
    assert len(feats) == 6
    f = set(feats[2])
    assert {"w=بغداد", "s=بغداد", "cw0=4", "cw2=726", "lx=LOC", "-1r=الي", "+1r=من", "bias"} <= f
    assert "-2r=وصل" in f and "+2r=الامم" in f
    assert "ph=B-ORG" in feats[4] and "ph=I-ORG" in feats[5]
    assert "-1BOS" in feats[0] and "+1EOS" in feats[5]
    # a clitic form gets the stem's cluster and lexicon entry
    g = set(fx.sentence(["وبالعراق"])[0])
    assert {"r=العراق", "p=وب", "cr0=4"} <= g
    assert "lx=LOC" not in set(fx.sentence(["ببغداد"])[0])  # no counts: ب is not stripped
    fx2 = FeatureExtractor(lexicon={"بغداد": {"LOC"}}, freq={"بغداد": 100, "ببغداد": 3})
    assert {"lx=LOC", "r=بغداد", "p=ب"} <= set(fx2.sentence(["ببغداد"])[0])


def test_doc_features_see_other_occurrences():
    fx = FeatureExtractor()
    sents = [["قال", "رامسفيلد", "امس"], ["واكد", "رامسفيلد", "ذلك"], ["رامسفيلد", "قال"]]
    labels = [["O", "B-PERS", "O"], ["O", "O", "O"], ["B-PERS", "O"]]
    out = doc_features(fx, sents, labels)
    assert "dtm=PERS" in out[1][1]  # two other occurrences tagged PERS
    assert "dt=PERS" in out[0][1]
    assert out[0][0] == ["+1dtm=PERS"]  # the neighbour's majority type is copied
    assert "+1dtm=PERS" in out[1][0]
    windowed = doc_features(fx, sents, labels, window=0)
    assert windowed[1][1] == []


# --------------------------------------------------------------------- model
@pytest.fixture(scope="module", params=["neural", "crf"])
def ner(request):
    """Both shipped models behind the same component: every model test runs twice."""
    if not MODEL.exists():
        pytest.skip("models/ner/model.crfsuite not built")
    from arabic_events.ner.component import make_ner

    return make_ner(None, backend=request.param)


def _ents(ner, text, tokens=None):
    doc = Doc(text)
    if tokens is not None:
        doc.tokens = tokens
    doc = ner(doc)
    doc.check_offsets("ner")
    return [(e.text, e.label) for e in doc.entities], doc


# Real news sentences (not from the seeds), expected entities among the output.
@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        ("التقى الرئيس الفرنسي إيمانويل ماكرون في باريس رئيس الوزراء البريطاني بوريس جونسون.",
         [("إيمانويل ماكرون", "PER"), ("باريس", "LOC"), ("بوريس جونسون", "PER")]),
        ("وقال وزير الخارجية السعودي الأمير فيصل بن فرحان إن المملكة تدعم اليمن.",
         [("فيصل بن فرحان", "PER"), ("اليمن", "LOC")]),
        ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى دمشق وحلب.",
         [("الأمم المتحدة", "ORG"), ("دمشق", "LOC"), ("حلب", "LOC")]),
        ("وأكد مسعود بارزاني أن أربيل لن تتخلى عن كركوك.",
         [("مسعود بارزاني", "PER"), ("أربيل", "LOC"), ("كركوك", "LOC")]),
        ("وصل المبعوث الأمريكي إلى القاهرة لإجراء محادثات مع الحكومة المصرية.",
         [("القاهرة", "LOC")]),
    ],
)
def test_model_tags_real_sentences(ner, text, expected):
    got, _ = _ents(ner, text)
    for item in expected:
        assert item in got, f"{item} not in {got}"


@needs_model
def test_clitics_are_left_out_of_spans(ner):
    got, doc = _ents(ner, "وأعلنت الحكومة أن الهجوم وقع بالعراق وفي وبغداد أيضا.")
    assert ("العراق", "LOC") in got
    assert ("بغداد", "LOC") in got
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.text


@needs_model
def test_uses_token_segments(ner):
    text = "وأكد قائد الشرطة أن الأمن مستتب بالموصل وتلعفر."
    toks = []
    for t, s, e in simple_tokenize(text):
        segs = ()
        if t == "بالموصل":
            segs = (Segment("ب", s, s + 1, "prep"), Segment("ال", s + 1, s + 3, "det"), Segment("موصل", s + 3, e, "stem"))
        toks.append(Token(t, s, e, "word" if t[0].isalnum() else "punct", segs))
    got, doc = _ents(ner, text, toks)
    assert ("الموصل", "LOC") in got
    assert ("تلعفر", "LOC") in got


@needs_model
def test_entity_provenance_and_scores(ner):
    _, doc = _ents(ner, "وقال الرئيس الأمريكي جو بايدن في واشنطن إن القوات الأميركية ستبقى في قاعدة عين الأسد.")
    by_text = {e.text: e for e in doc.entities}
    assert by_text["جو بايدن"].label == "PER"
    assert by_text["جو بايدن"].source in ("nn:nn1", "crf:v2")
    assert 0.0 < by_text["جو بايدن"].score <= 1.0
    assert by_text["قاعدة عين الأسد"].label == "FAC"
    assert by_text["قاعدة عين الأسد"].source in ("gazetteer:facilities", "rule:facility")
    assert by_text["القوات الأميركية"].label == "ORG"
    assert all(e.label in {"PER", "ORG", "LOC", "FAC"} for e in doc.entities)


@needs_model
def test_facility_rule_with_quotes_and_model_name(ner):
    got, _ = _ents(ner, "سقطت قذيفة قرب مطار \"الموصل\" وقاعدة “كي 1” شمال البلاد.")
    assert ('مطار "الموصل"', "FAC") in got
    assert ("قاعدة “كي 1”", "FAC") in got


@needs_model
def test_offsets_valid_on_seeds(ner):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds")
    for p in seeds:
        text = open(p, encoding="utf-8", newline="").read()
        doc = ner(Doc(text))
        doc.check_offsets("ner")
        assert doc.entities, p.name
        for e in doc.entities:
            assert text[e.start : e.end] == e.text
            assert e.text == e.text.strip() and e.text
            assert e.label in {"PER", "ORG", "LOC", "FAC"}


# -------------------------------------------------------------- add_entities
@needs_model
def test_add_entities_list_and_precedence(ner):
    from arabic_events.ner.component import make_ner

    comp = make_ner(None)
    text = "زار الوفد مصنع الغزل الكبير في المدينة."
    assert ("مصنع الغزل الكبير", "FAC") not in _ents(comp, text)[0]
    assert comp.add_entities([{"text": "مصنع الغزل الكبير", "label": "FAC"}, {"text": "الوفد", "label": "org"}]) == 2
    got, doc = _ents(comp, text)
    assert ("مصنع الغزل الكبير", "FAC") in got
    assert ("الوفد", "ORG") in got
    assert {e.source for e in doc.entities if e.text == "الوفد"} == {"gazetteer:user"}
    # matched with clitics and spelling variants
    got, _ = _ents(comp, "وبمصنع الغزل الكبير")
    assert ("مصنع الغزل الكبير", "FAC") in got


def test_add_entities_files(tmp_path):
    from arabic_events.ner.component import make_gazetteer

    g = make_gazetteer(None, builtin=False)
    (tmp_path / "e.json").write_text(json.dumps([{"text": "سرايا الخراساني", "label": "ORG"}], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "e.tsv").write_text("# comment\nجبل سنجار\tLOC\n", encoding="utf-8")
    (tmp_path / "e.yaml").write_text("entities:\n  - {text: معسكر الغزلاني, label: FAC}\n", encoding="utf-8")
    assert g.add_entities(tmp_path / "e.json") == 1
    assert g.add_entities(str(tmp_path / "e.tsv")) == 1
    assert g.add_entities(tmp_path / "e.yaml") == 1
    doc = g(Doc("هاجمت سرايا الخراساني معسكر الغزلاني قرب جبل سنجار."))
    assert [(e.text, e.label, e.source) for e in doc.entities] == [
        ("سرايا الخراساني", "ORG", "gazetteer:user"),
        ("معسكر الغزلاني", "FAC", "gazetteer:user"),
        ("جبل سنجار", "LOC", "gazetteer:user"),
    ]


@pytest.mark.parametrize(
    "bad",
    [[{"text": "", "label": "ORG"}], [{"text": "داعش"}], [{"text": "داعش", "label": "O R G"}], ["داعش"], [{"text": "،،", "label": "ORG"}]],
)
def test_add_entities_rejects_bad_entries(bad):
    from arabic_events.ner.component import make_gazetteer

    with pytest.raises(ConfigError):
        make_gazetteer(None, builtin=False).add_entities(bad)


def test_add_entities_missing_file(tmp_path):
    from arabic_events.ner.component import make_gazetteer

    with pytest.raises(InputError):
        make_gazetteer(None).add_entities(tmp_path / "nope.json")
    with pytest.raises(InputError):
        make_gazetteer(None).add_entities(42)


def test_gazetteer_component_does_not_overwrite_existing():
    from arabic_events.doc import Entity
    from arabic_events.ner.component import make_gazetteer

    g = make_gazetteer(None)
    doc = Doc("أعلنت الأمم المتحدة أن الوفد وصل إلى طهران.")
    doc.entities = [Entity("الأمم", 6, 11, "MISC", "test")]
    doc = g(doc)
    doc.check_offsets()
    got = [(e.text, e.label, e.source) for e in doc.entities]
    assert ("الأمم", "MISC", "test") in got
    assert ("طهران", "LOC", "gazetteer:places") in got
    assert all(e.text != "الأمم المتحدة" for e in doc.entities)


# --------------------------------------------------------------- bad inputs
@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Hello world, this is English only.",
        "<html><body><p>قال <b>محمد</b> في بغداد</p></body></html>",
        "\u200fقال\u200e محمد\u202b في\u202c بغداد\u200f",
        "قَالَ مُحَمَّدٌ فِي بَغْدَادَ",
        "قـــال محمـــد في بغــداد",
        "؟؟؟ ... !!! ،،،",
        "\x00\x01 قال \x07",
        "قال" * 5000,
        ("قال المتحدث باسم وزارة الدفاع في بغداد إن القوات انسحبت. " * 400),
    ],
)
def test_bad_inputs_give_clean_results(ner, text):
    doc = ner(Doc(text))
    doc.check_offsets("ner")
    for e in doc.entities:
        assert e.text and text[e.start : e.end] == e.text


@needs_model
@pytest.mark.parametrize("text", ["The US-led coalition left K1 base near Kirkuk.", "Paris, London and Berlin", "12345 67"])
def test_non_arabic_text_gives_no_entities(ner, text):
    assert ner(Doc(text)).entities == []


@needs_model
def test_diacritics_and_tatweel_keep_entities(ner):
    got, _ = _ents(ner, "قَالَ الرَّئِيسُ فِي بَغْدَادَ")
    assert ("بَغْدَادَ", "LOC") in got
    got, _ = _ents(ner, "وصل الوفد إلى بغــداد")
    assert ("بغــداد", "LOC") in got


@needs_model
def test_non_doc_input_rejected(ner):
    with pytest.raises(InputError):
        ner("نص")


def test_unknown_backend_and_missing_model_dir(tmp_path):
    from arabic_events.ner.component import make_ner

    with pytest.raises(ConfigError):
        make_ner(None, backend="spacy")
    with pytest.raises(ModelNotFoundError) as err:
        make_ner(None, model_dir=str(tmp_path / "missing"))
    assert "missing" in str(err.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError):
        make_ner(None, model_dir=str(tmp_path / "empty"))


def test_registered_components():
    from arabic_events.pipeline import registered_components

    import arabic_events.ner.component  # noqa: F401

    reg = registered_components()
    info = reg["ner"] if isinstance(reg, dict) else next(c for c in reg if c.name == "ner")
    assert tuple(info.requires) == ("tokens",) and tuple(info.provides) == ("entities",)


@needs_model
def test_options_turn_layers_off():
    from arabic_events.ner.component import make_ner

    text = "هاجم مسلحون قاعدة عين الأسد وأعلنت الحكومة الأردنية الحداد."
    full = _ents(make_ner(None), text)[0]
    assert ("قاعدة عين الأسد", "FAC") in full and ("الحكومة الأردنية", "ORG") in full
    bare = _ents(make_ner(None, gazetteer=False, rules=False), text)[0]
    assert all(label != "FAC" for _, label in bare)
    assert ("الحكومة الأردنية", "ORG") not in bare


@needs_model
def test_keep_misc_outputs_anercorp_misc():
    from arabic_events.ner.component import make_ner

    text = "وفاز فريق ريال مدريد بكأس العالم للأندية وأعلن الاتحاد الأوروبي لكرة القدم ذلك في الدوري الإسباني."
    plain = make_ner(None)(Doc(text))
    assert all(e.label != "MISC" for e in plain.entities)
    labels = {e.label for e in make_ner(None, keep_misc=True)(Doc(text)).entities}
    assert labels <= {"PER", "ORG", "LOC", "FAC", "MISC"}


@needs_model
def test_pipeline_default_has_ner_and_forwards_add_entities():
    import arabic_events as ae

    nlp = ae.load(exclude=["events"])
    assert "ner" in nlp.pipe_names
    assert nlp.add_entities([{"text": "لواء الطفوف", "label": "ORG"}]) == 1
    doc = nlp("وأعلن لواء الطفوف وصول تعزيزات إلى بالعراق.")
    assert ("لواء الطفوف", "ORG", "gazetteer:user") in [(e.text, e.label, e.source) for e in doc.entities]


def test_backend_predictions_go_through_the_rule_layer():
    from arabic_events.doc import Entity
    from arabic_events.ner.component import NERComponent

    text = "هاجم مسلحون قاعدة القيارة قرب الموصل."
    start = text.index("القيارة")

    def predictor(doc):
        return [Entity("القيارة", start, start + len("القيارة"), "LOC", "stanza", 0.9)]

    comp = NERComponent(predictor=predictor, source="stanza")
    doc = comp(Doc(text))
    doc.check_offsets()
    got = [(e.text, e.label, e.source) for e in doc.entities]
    assert ("قاعدة القيارة", "FAC", "gazetteer:facilities") in got or ("قاعدة القيارة", "FAC", "rule:facility") in got
    assert ("الموصل", "LOC", "gazetteer:places") in got
    assert all(e.text != "القيارة" for e in doc.entities)


class _NoModel:
    """A tagger that finds nothing, to test the rule layer on its own."""

    version = "none"

    class features:  # noqa: N801 - the attribute the component reads
        freq = None

    def tag_sentences(self, sentences, marginals=False, window=None):
        labels = [["O"] * len(s) for s in sentences]
        return labels, ([[1.0] * len(s) for s in sentences] if marginals else None)


@pytest.mark.parametrize("text,expected", [
    ("وقال المتحدث باسم وزارة الدفاع، يحيى رسول، إن القوات تقدمت. وأضاف رسول أن المعارك مستمرة.",
     [("يحيى رسول", "rule:spokesperson_name"), ("رسول", "rule:person_alias")]),
    ("أكد الناطق الرسمي باسم الجيش العراقي، العميد ركن سعد معن، أن الهجوم فشل.",
     [("سعد معن", "rule:spokesperson_name")]),
    ("وقال المتحدث باسم الحكومة، إن القرار نهائي.", []),
    ("وقال المتحدث باسم وزارة الدفاع، وهو برتبة عقيد، إن القوات تقدمت.", []),
    ("صرح المتحدث باسم وزارة الداخلية، وقال إن التحقيق مستمر.", []),
])
def test_spokesperson_name_rule(text, expected):
    from arabic_events.ner.component import NERComponent
    from arabic_events.pipeline import load

    doc = load(["tokenizer"])(text)
    doc = NERComponent(tagger=_NoModel())(doc)
    doc.check_offsets()
    assert [(e.text, e.source) for e in doc.entities if e.label == "PER"] == expected
