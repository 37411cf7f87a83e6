"""Sentence language detection (arabic_events/scripts.py) against its example corpus, and
what the pipeline does with sentences that are not Arabic."""

import pytest

from arabic_events._data import data_path
from arabic_events.scripts import non_arabic_letters, sentence_language


def _examples():
    rows = []
    for line in data_path("scripts/examples.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, lang = line.split("\t")
            rows.append((text, None if lang == "-" else lang))
    return rows


EXAMPLES = _examples()


def test_corpus_has_positives_and_negatives():
    langs = [lang for _, lang in EXAMPLES]
    assert langs.count("ar") >= 5 and sum(lang not in ("ar", None) for lang in langs) >= 5 and None in langs


@pytest.mark.parametrize("text, lang", EXAMPLES, ids=[f"{i}-{lang}" for i, (_, lang) in enumerate(EXAMPLES)])
def test_sentence_language_corpus(text, lang):
    assert sentence_language(text) == lang


def test_words_or_text_give_the_same_answer():
    for text, lang in EXAMPLES:
        assert sentence_language(text.split()) == lang


def test_non_arabic_letters_are_not_arabic_letters():
    letters = non_arabic_letters()
    assert "\u067e" in letters and "\u06cc" in letters  # پ ی
    assert not letters & set("ابتثجحخدذرسشصضطظعغفقكلمنهوي")


def test_persian_and_urdu_give_no_entities_and_say_so(nlp):
    fa, ur = EXAMPLES[0][0], next(t for t, lang in EXAMPLES if lang == "ur")
    ar = next(t for t, lang in EXAMPLES if lang == "ar")
    text = f"{fa}\n{ur}\n{ar}"
    doc = nlp(text, published="2020-03-29")
    assert [s.lang for s in doc.sentences] == ["fa", "ur", "ar"]
    arabic_start = doc.sentences[2].start
    assert all(e.start >= arabic_start for e in doc.entities)
    assert not doc.is_arabic(0) and doc.is_arabic(arabic_start)
    assert doc.to_dict()["sentences"][0]["lang"] == "fa"


def test_html_tag_names_never_become_entities(nlp):
    text = ('<html><head><title>Report</title></head><body><div class="Reuters">'
            '<p>قال المتحدث باسم وزارة الدفاع إن القوات انسحبت من بغداد.</p></div></body></html>')
    doc = nlp(text)
    assert doc.entities, "the Arabic sentence still has entities"
    for e in doc.entities:
        assert "<" not in e.text and e.text not in ("title", "html", "div", "Reuters", "p")
