"""Offsets stay valid and nothing crashes, on every seed and on hostile input, for the full
default pipeline (whatever components it has)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arabic_events as ae

from conftest import read_seed, seed_paths


def _assert_valid(doc, text):
    assert doc.text == text  # never rewritten
    doc.check_offsets()
    n = 0
    for layer, span in doc.iter_spans():
        assert text[span.start : span.end] == span.text, (layer, span)
        n += 1
    return n


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_offsets_on_seeds(seed_docs, path):
    text = read_seed(path)
    doc = seed_docs[path.stem]
    assert _assert_valid(doc, text) > 0
    assert ae.Doc.from_dict(doc.to_dict()) == doc


BAD_INPUTS = {
    "empty": "",
    "spaces": "   \n\t\n  ",
    "english": "The coalition withdrew from the base on Sunday, officials said.",
    "html": '<div class="article"><h1>انسحاب القوات</h1><p>انسحبت القوات من <b>قاعدة القائم</b> أمس.</p></div>',
    "mixed_scripts": "قال Miles Caggins إن 5200 soldier يبقون في Iraq العراق.",
    "bidi_controls": "\u202bانسحبت\u202c \u200fالقوات\u200f من \u2066قاعدة\u2069 القائم\u200e في ١٩/٣/٢٠٢٠.",
    "diacritics": "سَلَّمَ التَّحَالُفُ الدَّوْلِيُّ قَاعِدَةَ القَيَّارَةِ إِلَى القُوَّاتِ العِرَاقِيَّةِ.",
    "tatweel": "انسحـــبت القـــوات مـن قـاعدة الـقائم بـ 5200 جنـدي في الـ24 من الشهر.",
    "digits_only": "1234567890 ٥٬٢٠٠ ٣٫٥ ۱۲۳",
    "punct_only": "...!!!؟؟؟ «» “” ()[]{} – — …",
    "emoji_and_symbols": "القوات 🇮🇶 تنسحب ✅ #العراق @user https://example.com/a?b=1",
    "control_chars": "نص\x00مع\x07محارف\x1bتحكم\r\nوسطر جديد\r",
    "lone_surrogate_free_astral": "𝐀𝐁𝐂 𝟙𝟚𝟛 نص",
    "presentation_forms": "ﺍﻟﻌﺮﺍﻕ ﻻ ﷲ",
    "persian": "نیروهای آمریکایی از پایگاه نظامی خارج شدند و وزیر گفت که مذاکرات ادامه دارد.",
    "urdu": "پاکستان کی فوج نے سرحد پر گشت بڑھا دیا ہے۔",
    "html_document": "<html><head><title>خبر</title></head><body><p class=\"lead\">قال الوزير إن القوات انسحبت.</p></body></html>",
    "nested_brackets": "(" * 300 + "انسحبت القوات" + ")" * 300,
    "quote_run": '"' * 500 + "قال" + "«»" * 200,
    "qala_repeated": '"قال" ' * 200,
    "bidi_only": "\u200f\u200e\u202b\u202c" * 500,
    "one_long_word": "ب" * 5000,
    "digit_families": "٥٠٠ 500 ۵۰۰ ٥0۵ ١٬٢٣٤٫٥ 1,234.5 ۱٬۲۳۴٫۵",
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_inputs_give_clean_results(nlp, name):
    text = BAD_INPUTS[name]
    doc = nlp(text)
    _assert_valid(doc, text)
    if not text.strip():
        assert doc.tokens == [] and doc.entities == [] and doc.events == []


def test_very_long_document(nlp):
    base = read_seed(seed_paths()[0])
    text = "\n\n".join([base] * 12)  # ~12 articles' worth, ~10k words
    doc = nlp(text)
    _assert_valid(doc, text)
    assert len(doc.tokens) > 5000 or not nlp.has_pipe("tokenizer")


_chars = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويأإآىةءؤئ") + ["ال", "و", "ب", "لل", "ـ", "\u064e", "\u0651", "\u200f"]
    + list("٠١٢٥٩0159") + [" ", " ", " ", "\n", ".", "،", "؟", "«", "»", '"', "(", ")", "-", ":", "%", "٪"]
    + ["آذار", "2020", "ألف", "نحو", "قاعدة", "بغداد", "قال", "انسحبت", "أمس"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_chars, max_size=80).map("".join))
def test_generated_inputs_keep_offsets(nlp, text):
    doc = nlp(text, published="2020-03-29")
    _assert_valid(doc, text)


@pytest.mark.parametrize("name", ["persian", "urdu"])
def test_other_arabic_script_languages_give_no_entities(nlp, name):
    doc = nlp(BAD_INPUTS[name])
    assert doc.entities == []
    assert doc.sentences and all(s.lang in ("fa", "ur") for s in doc.sentences)


def test_html_tag_names_are_not_entities(nlp):
    doc = nlp(BAD_INPUTS["html_document"])
    assert not [e for e in doc.entities if e.text in ("title", "html", "body", "head", "p", "lead", "class")]


@pytest.mark.parametrize("text", ["\ud800", "خبر \udfff خبر"])
def test_lone_surrogates_are_input_errors(nlp, text):
    with pytest.raises(ae.InputError):
        nlp(text)
