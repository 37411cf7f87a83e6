import datetime as dt

import pytest

import arabic_events as ae
from arabic_events.pipeline import Pipeline


@ae.component("test_upper_entities", requires=["zones"], provides=["entities"])
def make_test_entities(nlp, label: str = "LOC"):
    def run(doc):
        i = doc.text.find("بغداد")
        if i >= 0:
            doc.entities.append(ae.Entity("بغداد", i, i + 5, label, source="test"))
        return doc

    return run


@ae.component("test_doc_only", provides=["flag"])
def flag_doc(doc):
    doc.meta["flag"] = True
    return doc


@ae.component("test_needs_tokens_and_times", requires=["tokens", "times"], provides=["events"])
def make_needs(nlp):
    return lambda doc: doc


@ae.component("test_bad_offsets", provides=["entities"])
def make_bad(nlp):
    def run(doc):
        doc.entities.append(ae.Entity("xx", 0, 1, "PER"))
        return doc

    return run


def test_custom_component_runs_with_config():
    nlp = Pipeline(["structure", {"name": "ents", "factory": "test_upper_entities", "config": {"label": "GPE"}}])
    doc = nlp("وصل الوفد إلى بغداد اليوم.")
    assert [(e.text, e.label) for e in doc.entities] == [("بغداد", "GPE")]
    assert nlp.pipe_names == ["structure", "ents"]
    assert nlp.config[1] == {"name": "ents", "factory": "test_upper_entities", "config": {"label": "GPE"}}


def test_plain_function_component():
    nlp = Pipeline(["test_doc_only"])
    assert nlp("نص").meta["flag"] is True


def test_config_errors_are_reported_together():
    with pytest.raises(ae.ConfigError) as info:
        Pipeline(
            [
                "no_such_component",
                {"name": "ents", "factory": "test_upper_entities", "config": {"lable": "x"}},
                "test_needs_tokens_and_times",
            ]
        )
    problems = info.value.problems
    assert len(problems) == 4, problems
    text = str(info.value)
    assert "no_such_component" in text
    assert "unknown option 'lable'" in text and "label" in text
    assert "requires zones" in text
    assert "requires tokens, times" in text
    assert isinstance(info.value, ValueError)


def test_add_remove_replace():
    nlp = Pipeline(["structure"])
    nlp.add_pipe("test_upper_entities", name="ents")
    assert nlp.pipe_names == ["structure", "ents"]
    nlp.add_pipe("test_doc_only", first=True)
    assert nlp.pipe_names == ["test_doc_only", "structure", "ents"]
    with pytest.raises(ae.ConfigError, match="requires zones"):
        nlp.remove_pipe("structure")
    nlp.replace_pipe("ents", "test_upper_entities", config={"label": "ORG"})
    assert nlp("بغداد").entities[0].label == "ORG"
    nlp.remove_pipe("ents")
    assert nlp.pipe_names == ["test_doc_only", "structure"]
    with pytest.raises(ae.ConfigError, match="before=, after="):
        nlp.add_pipe("test_doc_only", name="x", first=True, last=True)


def test_duplicate_names_rejected():
    with pytest.raises(ae.ConfigError, match="duplicate"):
        Pipeline(["structure", "structure"])


def test_offset_violation_names_component():
    nlp = Pipeline(["test_bad_offsets"])
    with pytest.raises(ae.OffsetError, match="test_bad_offsets"):
        nlp("abc")


def test_pipe_keeps_boundaries_and_dates():
    nlp = Pipeline(["structure"])
    texts = ["الأول.", "الثاني.", "الثالث."]
    docs = list(nlp.pipe(texts, published=["2020-01-01", None, dt.date(2021, 5, 6)]))
    assert [d.text for d in docs] == texts
    assert [d.published for d in docs] == [dt.date(2020, 1, 1), None, dt.date(2021, 5, 6)]
    one = list(nlp.pipe(texts, published="2020-03-29"))
    assert {d.published for d in one} == {dt.date(2020, 3, 29)}
    pairs = list(nlp.pipe([("نص", {"id": 7, "published": "2019-01-02"})], as_tuples=True))
    assert pairs[0][1]["id"] == 7 and pairs[0][0].published == dt.date(2019, 1, 2)


@pytest.mark.parametrize("bad", [None, b"bytes", 12, ["list"]])
def test_bad_text_types_raise_input_error(bad):
    nlp = Pipeline(["structure"])
    with pytest.raises(ae.InputError):
        nlp(bad)


def test_default_load_is_valid_and_lists_components():
    nlp = ae.load()
    assert nlp.pipe_names[:2] == ["structure", "tokenizer"] or nlp.pipe_names[:1] == ["structure"]
    names = ae.registered_components()
    assert "structure" in names
    excl = ae.load(exclude=["structure"])
    assert "structure" not in excl.pipe_names


# ------------------------------------------------------------ batching, processes, pickling
_TEXTS = [
    "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بغداد أمس في زيارة تستغرق يومين.",
    "أعلنت وزارة الصحة تسجيل 120 إصابة جديدة بفيروس كورونا في الرياض.",
    "",
    "قال المتحدث باسم الجيش إن القوات انسحبت من قاعدة عين الأسد الأسبوع الماضي.",
    "Hello world 2020.",
    "وافق مجلس الأمن الدولي يوم الثلاثاء على تمديد مهمة البعثة الأممية في ليبيا ستة أشهر.",
]


@pytest.fixture(scope="module")
def nlp_default():
    return ae.load()


def test_pipeline_pickles_as_its_config(nlp_default):
    import pickle

    nlp = ae.load(exclude=["events"])
    nlp.add_entities([{"text": "شركة النسيم الذهبي", "label": "ORG"}])
    data = pickle.dumps(nlp)
    assert len(data) < 10_000  # the config, not the models
    copy = pickle.loads(data)
    assert copy.pipe_names == nlp.pipe_names and copy.config == nlp.config
    text = "وقعت شركة النسيم الذهبي عقدا مع الحكومة العراقية في بغداد."
    assert copy(text).to_dict() == nlp(text).to_dict()
    assert any(e.source == "gazetteer:user" for e in copy(text).entities)
    assert pickle.loads(pickle.dumps(nlp_default)).pipe_names == nlp_default.pipe_names


def test_pipe_batches_give_the_same_docs(nlp_default):
    one = [nlp_default(t, published="2020-03-29").to_dict() for t in _TEXTS]
    for bs in (1, 4, 64):
        got = [d.to_dict() for d in nlp_default.pipe(_TEXTS, published="2020-03-29", batch_size=bs)]
        assert got == one, bs
    with pytest.raises(ae.ConfigError):
        list(nlp_default.pipe(_TEXTS, batch_size=0))


def test_pipe_with_two_processes_keeps_order_and_output(nlp_default):
    texts = _TEXTS * 3
    dates = ["2020-03-29", "2021-01-01", None] * 6
    seq = [d.to_dict() for d in nlp_default.pipe(texts, published=dates, batch_size=4)]
    par = [d.to_dict() for d in nlp_default.pipe(texts, published=dates, batch_size=4, n_process=2)]
    assert par == seq
    pairs = list(nlp_default.pipe([(t, {"i": i}) for i, t in enumerate(texts[:5])], as_tuples=True, n_process=2, batch_size=2))
    assert [c["i"] for _, c in pairs] == list(range(5)) and [d.text for d, _ in pairs] == texts[:5]


def test_pipe_worker_errors_reach_the_caller(nlp_default):
    with pytest.raises(ae.InputError):
        list(nlp_default.pipe(["نص", None], n_process=2, batch_size=1))


def test_check_offsets_modes():
    nlp = Pipeline(["structure", "test_bad_offsets"], check_offsets="strict")
    with pytest.raises(ae.OffsetError, match="produced by component 'test_bad_offsets'"):
        nlp("abc")
    nlp = Pipeline(["structure", "test_bad_offsets"])  # default: one check after the last component
    with pytest.raises(ae.OffsetError, match="check_offsets='strict'"):
        nlp("abc")
    with pytest.raises(ae.OffsetError):
        list(nlp.pipe(["abc", "def"]))
    assert Pipeline(["test_bad_offsets"], check_offsets=False)("abc").entities[0].text == "xx"
    with pytest.raises(ae.ConfigError, match="check_offsets"):
        Pipeline(["structure"], check_offsets="sometimes")


def test_pipe_sets_threads_only_while_running(nlp_default):
    from threadpoolctl import threadpool_info

    before = [i["num_threads"] for i in threadpool_info()]
    it = nlp_default.pipe(_TEXTS[:2], n_threads=1)
    next(it)
    assert all(i["num_threads"] == 1 for i in threadpool_info())
    list(it)
    assert [i["num_threads"] for i in threadpool_info()] == before


@ae.component("test_thread_probe", provides=["probe"])
def make_thread_probe(nlp):
    def run(doc):
        from threadpoolctl import threadpool_info

        doc.meta["threads"] = sorted({i["num_threads"] for i in threadpool_info()})
        return doc

    return run


def test_call_runs_at_the_pipelines_thread_count():
    import numpy  # noqa: F401 - a BLAS library to limit
    from threadpoolctl import threadpool_info

    before = [i["num_threads"] for i in threadpool_info()]
    nlp = Pipeline(["test_thread_probe"])
    assert nlp.n_threads == 1 and nlp("x").meta["threads"] == [1]
    nlp.n_threads = None  # leave the libraries alone
    assert nlp("x").meta["threads"] == sorted(set(before))
    assert [i["num_threads"] for i in threadpool_info()] == before
