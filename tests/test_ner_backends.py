"""Stanza and CAMeL Tools NER backends, run on real tiny models built in the test.

The models are trained here, in ``tmp_path``, on a few sentences until they reproduce
their training labels, so loading, label mapping and offset alignment really run.
"""

from __future__ import annotations

import json
import sys
import types

import pytest

from arabic_events.doc import Doc, Segment, Token
from arabic_events.errors import ConfigError, ModelNotFoundError
from arabic_events.ner import backends
from arabic_events.ner.backends import bio_spans, load_backend, map_label, words

# training sentences: words and BIO tags in the CAMeL/ANERcorp label set
SENTS = [
    ("قال مصطفى الكاظمي إن العراق يرحب .", ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O"]),
    ("وصل فرانك ماكينزي إلى بغداد .", ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]),
    ("أعلن التحالف الدولي الانسحاب بالعراق .", ["O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]),
    ("قالت وكالة رويترز إن المعرض الدولي انتهى", ["O", "O", "B-ORG", "O", "B-MISC", "I-MISC", "O"]),
]
TEXT = "قال مصطفى الكاظمي إن العراق يرحب. وصل فرانك ماكينزي إلى بغداد. أعلن التحالف الدولي الانسحاب بالعراق. قالت وكالة رويترز إن المعرض الدولي انتهى"
EXPECTED = [
    ("مصطفى الكاظمي", "PER"),
    ("العراق", "LOC"),
    ("فرانك ماكينزي", "PER"),
    ("بغداد", "LOC"),
    ("التحالف الدولي", "ORG"),
    ("العراق", "LOC"),  # بالعراق: the preposition is left out
    ("رويترز", "ORG"),  # MISC is not mapped
]


@pytest.fixture
def one_thread():
    torch = pytest.importorskip("torch")
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def _check(doc, ents):
    doc.entities = ents
    doc.check_offsets()
    assert all(e.label in {"PER", "ORG", "LOC", "FAC"} for e in ents)


# ----------------------------------------------------------- pure alignment code
def test_words_keep_offsets_and_split_punctuation():
    text = "قال «الكاظمي»، ٢٠٢٠م\u200f وَالعـراق!"
    ws = words(text)
    assert [w.text for w in ws] == ["قال", "«", "الكاظمي", "»", "،", "٢٠٢٠م", "وَالعـراق", "!"]
    assert all(text[w.start:w.end] == w.text for w in ws)


@pytest.mark.parametrize(
    "tags, spans",
    [
        (["B-PERS", "I-PERS", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["S-PER", "B-ORG", "E-ORG", "S-GPE"], [(0, 1, "PER"), (1, 3, "ORG"), (3, 4, "LOC")]),
        (["I-LOC", "I-LOC", "B-LOC"], [(0, 2, "LOC"), (2, 3, "LOC")]),
        (["B-MISC", "I-MISC", "B-NORP", "S-DATE", "O"], []),
        (["B-PERSON", "I-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),
        (["B-FAC", "E-FAC", "weird", ""], [(0, 2, "FAC")]),
    ],
)
def test_bio_spans(tags, spans):
    assert bio_spans(tags) == spans


def test_map_label():
    assert map_label("B-PERS") == ("B", "PER")
    assert map_label("E-ORGANIZATION") == ("E", "ORG")
    assert map_label("O") == ("O", None)
    assert map_label("S-MISC") == ("S", None)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("وبالعراق", "العراق"),
        ("والعراق", "العراق"),
        ("بالعراق", "العراق"),
        ("للقوات", "لقوات"),
        ("وَبِالعِراق", "العِراق"),
        ("بغداد", "بغداد"),
        ("والتر", "والتر"),
        ("بالي", "بالي"),
        ("وللقوات", "لقوات"),
        ("فبالموصل", "الموصل"),
        ("ولندن", "ولندن"),  # a bare و is left alone without tokenizer segments
        ("وزارة", "وزارة"),
    ],
)
def test_clitic_trim_without_tokens(word, expected):
    doc = Doc(text=f"في {word} اليوم")
    ents = backends._entities(doc, words(doc.text), ["O", "B-LOC", "O"], "t")
    assert [e.text for e in ents] == [expected]
    _check(doc, ents)


def test_clitic_trim_uses_tokenizer_segments():
    text = "في وبغداد اليوم"
    tok = Token("وبغداد", 3, 9, "word", (Segment("و", 3, 4, "conj"), Segment("بغداد", 4, 9, "stem")))
    doc = Doc(text=text, tokens=[Token("في", 0, 2), tok, Token("اليوم", 10, 15)])
    ents = backends._entities(doc, words(text), ["O", "B-LOC", "O"], "t")
    assert [(e.text, e.start) for e in ents] == [("بغداد", 4)]


def test_importing_backends_and_grouping_loads_no_model_library():
    import subprocess

    code = (
        "import sys, arabic_events, arabic_events.ner.backends, arabic_events.ner.grouping\n"
        "heavy = [m for m in ('torch', 'stanza', 'transformers', 'camel_tools.ner', 'camel_tools.data') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# ----------------------------------------------------------------- error paths
@pytest.mark.parametrize("name", ["stanza", "camel"])
def test_missing_directory_errors_name_the_directory_and_the_fix(name, tmp_path):
    with pytest.raises(ModelNotFoundError, match="model_dir"):
        load_backend(name, None)
    missing = tmp_path / "nope"
    with pytest.raises(ModelNotFoundError) as exc:
        load_backend(name, missing)
    assert str(missing) in str(exc.value)
    assert ("stanza.download('ar'" if name == "stanza" else "camel_data -i ner-arabert") in str(exc.value)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotFoundError, match="is empty"):
        load_backend(name, empty)
    (empty / "x.txt").write_text("x")
    with pytest.raises(ModelNotFoundError, match="resources.json" if name == "stanza" else "config.json"):
        load_backend(name, empty)
    assert isinstance(exc.value, FileNotFoundError)


def test_stanza_dir_without_ner_model(tmp_path):
    (tmp_path / "resources.json").write_text('{"ar": {"lang_name": "Arabic"}}')
    with pytest.raises(ModelNotFoundError, match=r"ar/ner/\*\.pt"):
        load_backend("stanza", tmp_path)
    (tmp_path / "ar" / "ner").mkdir(parents=True)
    (tmp_path / "ar" / "ner" / "aqmar.pt").write_bytes(b"")
    (tmp_path / "resources.json").write_text(json.dumps({"ar": {"lang_name": "Arabic", "default_processors": {"ner": "aqmar"},
        "ner": {"aqmar": {"dependencies": [{"model": "pretrain", "package": "conll17"}]}}}}))
    with pytest.raises(ModelNotFoundError, match="conll17.pt"):
        load_backend("stanza", tmp_path)


def test_unknown_backend_and_option():
    with pytest.raises(ConfigError, match="stanza, camel"):
        load_backend("spacy", "/tmp")
    with pytest.raises(ConfigError, match="unknown NER backend option"):
        load_backend("camel", "/tmp", gpu=True)


# ------------------------------------------------------------ real camel model
def _tiny_bert(path, *, steps=80):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    labels = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    for s, _ in SENTS:
        for w in s.split():
            if w not in vocab:
                vocab.append(w)
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizer(str(path / "vocab.txt"), do_lower_case=False)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=256,
        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    batch = [([tok.cls_token_id] + tok.convert_tokens_to_ids(s.split()) + [tok.sep_token_id],
              [-100] + [labels.index(t) for t in tags] + [-100]) for s, tags in SENTS]
    model.train()
    for _ in range(steps):
        for ids, lab in batch:
            out = model(input_ids=torch.tensor([ids]), labels=torch.tensor([lab]))
            opt.zero_grad()
            out.loss.backward()
            opt.step()
    model.eval()
    model.save_pretrained(str(path))
    tok.save_pretrained(str(path))
    return path


@pytest.fixture(scope="module")
def camel_dir(tmp_path_factory):
    torch = pytest.importorskip("torch")
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _tiny_bert(tmp_path_factory.mktemp("camel") / "ner")
    finally:
        torch.set_num_threads(n)


def test_camel_backend_bert_path(camel_dir, one_thread, monkeypatch):
    monkeypatch.setattr(backends, "_camel_catalogue_present", lambda: False)
    run = load_backend("camel", camel_dir)
    assert run.implementation == "bert"
    doc = Doc(text=TEXT)
    ents = run(doc)
    assert [(e.text, e.label) for e in ents] == EXPECTED
    assert all(e.source == "camel" for e in ents)
    _check(doc, ents)


DIACRITIZED = "قَالَ مُصْطَفَى الكـــاظِمي إنّ العِراقَ يرحب ."
DIACRITIZED_EXPECTED = [("مُصْطَفَى الكـــاظِمي", "PER"), ("العِراقَ", "LOC")]


def test_camel_backend_reads_diacritized_text(camel_dir, one_thread, monkeypatch):
    """The model sees the undiacritized word; the span keeps the original characters."""
    monkeypatch.setattr(backends, "_camel_catalogue_present", lambda: False)
    run = load_backend("camel", camel_dir)
    doc = Doc(text=DIACRITIZED)
    ents = run(doc)
    assert [(e.text, e.label) for e in ents] == DIACRITIZED_EXPECTED
    _check(doc, ents)


def test_camel_backend_with_camel_tools_nerecognizer(camel_dir, one_thread, monkeypatch):
    """The real camel_tools.ner.NERecognizer, imported without its catalogue download."""
    pytest.importorskip("camel_tools")
    if "camel_tools.data" not in sys.modules:
        stub = types.ModuleType("camel_tools.data")
        stub.CATALOGUE = None  # only NERecognizer.pretrained() reads it
        monkeypatch.setitem(sys.modules, "camel_tools.data", stub)
        monkeypatch.delitem(sys.modules, "camel_tools.ner", raising=False)
    try:
        run = load_backend("camel", camel_dir)
        assert run.implementation == "NERecognizer"
        doc = Doc(text=TEXT)
        ents = run(doc)
        assert [(e.text, e.label) for e in ents] == EXPECTED
        _check(doc, ents)
    finally:
        if isinstance(sys.modules.get("camel_tools.data"), types.ModuleType) and getattr(sys.modules["camel_tools.data"], "CATALOGUE", 0) is None:
            sys.modules.pop("camel_tools.ner", None)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "<p>قال <b>مصطفى</b> الكاظمي</p>", "\u202bقال مصطفى الكاظمي\u202c", "قَالَ مُصْطَفَى الكـــاظمي ً",
     "Hello world 123", "قال " * 600],
)
def test_camel_backend_bad_input_offsets(camel_dir, one_thread, monkeypatch, text):
    monkeypatch.setattr(backends, "_camel_catalogue_present", lambda: False)
    run = load_backend("camel", camel_dir)
    doc = Doc(text=text)
    _check(doc, run(doc))


def test_camel_model_without_ner_labels_is_refused(camel_dir, tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "nolabels"
    shutil.copytree(camel_dir, copy)
    cfg = json.loads((copy / "config.json").read_text())
    cfg["id2label"] = {str(i): f"LABEL_{i}" for i in range(9)}
    cfg["label2id"] = {f"LABEL_{i}": i for i in range(9)}
    (copy / "config.json").write_text(json.dumps(cfg))
    monkeypatch.setattr(backends, "_camel_catalogue_present", lambda: False)
    with pytest.raises(ModelNotFoundError, match="not an NER model"):
        load_backend("camel", copy)


def test_camel_incomplete_dir(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match="vocab.txt"):
        load_backend("camel", tmp_path)
    (tmp_path / "vocab.txt").write_text("[PAD]\n")
    with pytest.raises(ModelNotFoundError, match="weights"):
        load_backend("camel", tmp_path)


# ----------------------------------------------------------- real stanza model
@pytest.fixture(scope="module")
def stanza_dir(tmp_path_factory):
    pytest.importorskip("stanza")
    torch = pytest.importorskip("torch")
    from stanza.models import ner_tagger

    base = tmp_path_factory.mktemp("stanza")
    data = []
    for s, tags in SENTS:
        toks = []
        for i, (w, t) in enumerate(zip(s.split(), tags)):
            nxt = tags[i + 1] if i + 1 < len(tags) else "O"
            if t != "O":
                p, typ = t.split("-")
                typ = {"PERS": "PER"}.get(typ, typ)
                cont = nxt.startswith("I-")
                t = ("B" if cont else "S") + "-" + typ if p == "B" else ("I" if cont else "E") + "-" + typ
            toks.append({"text": w, "ner": t})
        data.append(toks)
    train = base / "train.json"
    train.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    model_dir = base / "stanza_ar"
    (model_dir / "ar" / "ner").mkdir(parents=True)
    # the layout of stanza.download('ar', processors='tokenize,ner'): the NER package and
    # the word-vector pretrain it depends on, listed in resources.json
    (model_dir / "resources.json").write_text(json.dumps({"ar": {
        "lang_name": "Arabic", "default_processors": {"ner": "tiny"},
        "ner": {"tiny": {"dependencies": [{"model": "pretrain", "package": "tinyvec"}]}}}}))
    from stanza.models.common.pretrain import Pretrain

    vocab = sorted({w for s, _ in SENTS for w in s.split()})
    vec = base / "tiny.vec"
    vec.write_text(f"{len(vocab)} 8\n" + "".join(
        w + " " + " ".join(f"{((i * 7 + k * 3) % 11 - 5) / 5:.2f}" for k in range(8)) + "\n" for i, w in enumerate(vocab)
    ), encoding="utf-8")
    pretrain_file = model_dir / "ar" / "pretrain" / "tinyvec.pt"
    Pretrain(str(pretrain_file), str(vec), save_to_file=True).load()
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        ner_tagger.main([
            "--train_file", str(train), "--eval_file", str(train), "--shorthand", "ar_tiny",
            "--wordvec_pretrain_file", str(pretrain_file), "--char_emb_dim", "8", "--char_hidden_dim", "8",
            "--hidden_dim", "16", "--max_steps", "80", "--eval_interval", "20", "--optim", "adam",
            "--lr", "0.01", "--dropout", "0", "--word_dropout", "0", "--cpu",
            "--save_dir", str(model_dir / "ar" / "ner"), "--save_name", "tiny.pt",
        ])
    finally:
        torch.set_num_threads(n)
    assert (model_dir / "ar" / "ner" / "tiny.pt").is_file() and pretrain_file.is_file()
    return model_dir


def test_stanza_backend_real_model(stanza_dir, one_thread):
    run = load_backend("stanza", stanza_dir)
    doc = Doc(text=TEXT)
    ents = run(doc)
    assert [(e.text, e.label) for e in ents] == EXPECTED
    assert all(e.source == "stanza:tiny" for e in ents)
    _check(doc, ents)


def test_stanza_backend_finds_dependencies_without_resources_list(stanza_dir, one_thread, tmp_path):
    """No dependency list in resources.json: the single ar/pretrain/*.pt is used."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(stanza_dir, copy)
    (copy / "resources.json").write_text('{"ar": {"lang_name": "Arabic"}}')
    files = backends._stanza_files(copy)
    assert files["package"] == "tiny" and files["pretrain"].endswith("tinyvec.pt") and files["forward_charlm"] == ""
    doc = Doc(text=TEXT)
    assert [(e.text, e.label) for e in load_backend("stanza", copy)(doc)] == EXPECTED
    (copy / "ar" / "pretrain" / "tinyvec.pt").unlink()
    with pytest.raises(ModelNotFoundError, match="word vectors"):
        load_backend("stanza", copy)


def test_stanza_backend_reads_diacritized_text(stanza_dir, one_thread):
    run = load_backend("stanza", stanza_dir)
    doc = Doc(text=DIACRITIZED)
    ents = run(doc)
    assert [(e.text, e.label) for e in ents] == DIACRITIZED_EXPECTED
    _check(doc, ents)


@pytest.mark.parametrize("text", ["", "<p>قال <b>مصطفى</b> الكاظمي</p>", "\u202bقال مصطفى\u202c", "قَالَ مُصْطَفَى الكـــاظمي", "x " * 500])
def test_stanza_backend_bad_input_offsets(stanza_dir, one_thread, text):
    run = load_backend("stanza", stanza_dir)
    doc = Doc(text=text)
    _check(doc, run(doc))


# ----------------------------------------------- through the pipeline (ner component)
def test_load_with_camel_backend_end_to_end(camel_dir, one_thread, monkeypatch):
    """``ae.load(ner="camel", model_dir=...)``: the ner component dispatches to load_backend."""
    pytest.importorskip("arabic_events.ner.component")
    import arabic_events as ae

    monkeypatch.setattr(backends, "_camel_catalogue_present", lambda: False)
    nlp = ae.load(ner="camel", model_dir=str(camel_dir))
    doc = nlp(TEXT)
    # the component may add gazetteer ORG spans of its own; PER/LOC come from the model
    got = [(e.text, e.label) for e in doc.entities if e.label in ("PER", "LOC")]
    assert got == [p for p in EXPECTED if p[1] in ("PER", "LOC")], got
    assert {e.source for e in doc.entities if e.label == "PER"} == {"camel"}
    iraq = [e for e in doc.entities if e.text == "العراق"]
    if "entity_groups" in nlp.pipe_names:
        assert len({e.cluster for e in iraq}) == 1 and iraq[0].canonical == "العراق"


def test_load_with_stanza_backend_end_to_end(stanza_dir, one_thread):
    pytest.importorskip("arabic_events.ner.component")
    import arabic_events as ae

    nlp = ae.load(ner="stanza", model_dir=str(stanza_dir))
    doc = nlp(TEXT)
    got = [(e.text, e.label) for e in doc.entities if e.label in ("PER", "LOC")]
    assert got == [p for p in EXPECTED if p[1] in ("PER", "LOC")], got
    assert {e.source for e in doc.entities if e.label == "PER"} == {"stanza:tiny"}
