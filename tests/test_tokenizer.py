"""Tokenizer: sentences, tokens, clitic segments and offset invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arabic_events as ae
from arabic_events._data import load_tsv
from arabic_events.doc import Doc, Zone
from arabic_events.tokenizer import Tokenizer, get_tokenizer, split_sentences, tokenize

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def seg_spec(tok) -> str:
    return " ".join(f"{s.kind}:{s.text}" + (f"={s.form}" if s.form else "") for s in tok.segments)


def check_invariants(text: str, toks, sents=None) -> None:
    prev_end = 0
    for t in toks:
        assert text[t.start:t.end] == t.text
        assert t.start >= prev_end, "tokens overlap"
        assert t.end > t.start
        assert t.kind in {"word", "number", "punct", "symbol", "latin"}
        prev_end = t.end
        if t.segments:
            pos = t.start
            for s in t.segments:
                assert text[s.start:s.end] == s.text
                assert s.kind in {"conj", "prep", "fut", "det", "stem", "pron"}
                assert s.start == pos, f"gap before segment {s} of {t.text!r}"
                assert s.end > s.start
                pos = s.end
            assert pos == t.end, f"segments of {t.text!r} do not reach its end"
        # bidi/format characters never start or end a token
        assert not (t.text[0] in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c")
        assert not (t.text[-1] in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c")
    if sents is not None:
        prev = 0
        covered = 0
        for s in sents:
            assert text[s.start:s.end] == s.text
            assert s.start >= prev
            assert s.text == s.text.strip()
            prev = s.end
        for t in toks:
            while covered < len(sents) and sents[covered].end <= t.start:
                covered += 1
            assert covered < len(sents) and sents[covered].start <= t.start and t.end <= sents[covered].end


# --------------------------------------------------------------------------- segmentation
EXAMPLES = [row for row in load_tsv("tokenizer/segmentation_examples.tsv")]


@pytest.mark.parametrize("word,expected", EXAMPLES, ids=[r[0] for r in EXAMPLES])
def test_segmentation_corpus(word, expected):
    toks = tokenize(word)
    assert len(toks) == 1
    assert seg_spec(toks[0]) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("الـ24", ["det:الـ=ال", None]),
        ("بـ 5200", ["prep:بـ=ب", None]),
        ('لـ"بغداد"', ["prep:لـ=ل", None, "stem:بغداد", None]),
        ("وبـ", ["conj:و prep:بـ=ب"]),
        ("للـ", ["prep:ل det:لـ=ال"]),
        ("والـ", ["conj:و det:الـ=ال"]),
        ("وَالقُوّات", ["conj:وَ=و det:ال stem:قُوّات=قوات"]),
        ("بالعـــراق", ["prep:ب det:ال stem:عـــراق=عراق"]),
    ],
)
def test_tatweel_and_harakat(text, expected):
    toks = tokenize(text)
    got = [seg_spec(t) if t.segments else None for t in toks]
    assert got == expected
    check_invariants(text, toks)


def test_segment_offsets_inside_token():
    text = "قال إن وبالقوات وصلت."
    tok = [t for t in tokenize(text) if t.text == "وبالقوات"][0]
    assert [(s.text, s.start, s.end, s.kind) for s in tok.segments] == [
        ("و", 7, 8, "conj"), ("ب", 8, 9, "prep"), ("ال", 9, 11, "det"), ("قوات", 11, 15, "stem")]
    assert tok.stem.text == "قوات"


# ------------------------------------------------------------------------------- tokens
@pytest.mark.parametrize(
    "text,expected",
    [
        ("بلغ 1.5 مليون", [("بلغ", "word"), ("1.5", "number"), ("مليون", "word")]),
        ("5,200 جندي", [("5,200", "number"), ("جندي", "word")]),
        ("٥٬٢٠٠ و٢٫٥", [("٥٬٢٠٠", "number"), ("و", "word"), ("٢٫٥", "number")]),
        ("19آذار2020", [("19", "number"), ("آذار", "word"), ("2020", "number")]),
        ("قاعدة K1 في Iraq!", [("قاعدة", "word"), ("K1", "latin"), ("في", "word"), ("Iraq", "latin"), ("!", "punct")]),
        ("نسبة 40% (تقريبا)", [("نسبة", "word"), ("40", "number"), ("%", "punct"), ("(", "punct"), ("تقريبا", "word"), (")", "punct")]),
        ("«داعش»", [("«", "punct"), ("داعش", "word"), ("»", "punct")]),
        ("انتظر...", [("انتظر", "word"), ("...", "punct")]),
        ("\u200fبغداد\u200e 2020", [("بغداد", "word"), ("2020", "number")]),
        ("كلم\u200cة", [("كلم\u200cة", "word")]),
        ("19-03-2020, 11:14", [("19", "number"), ("-", "punct"), ("03", "number"), ("-", "punct"), ("2020", "number"),
                               (",", "punct"), ("11", "number"), (":", "punct"), ("14", "number")]),
        ("$5 + 3", [("$", "symbol"), ("5", "number"), ("+", "symbol"), ("3", "number")]),
    ],
)
def test_tokens(text, expected):
    toks = tokenize(text)
    assert [(t.text, t.kind) for t in toks] == expected
    check_invariants(text, toks)


def test_empty_and_blank():
    assert tokenize("") == []
    assert split_sentences("") == []
    assert tokenize(" \n\t\u200f ") == []
    assert split_sentences(" \n\u200f\n") == []


def test_not_a_string():
    with pytest.raises(ae.ArabicEventsError):
        tokenize(None)  # type: ignore[arg-type]


def test_html_input():
    html = '<div class="x"><p>قال الوزير: "وصلت القوات".</p><a href="/a?b=1&c=2">المزيد</a></div>'
    toks = tokenize(html)
    check_invariants(html, toks, split_sentences(html))
    assert any(t.text == "القوات" for t in toks)


# ---------------------------------------------------------------------------- sentences
@pytest.mark.parametrize(
    "text,expected",
    [
        ("وصلت القوات. وقال الوزير إن الوضع هادئ.", ["وصلت القوات.", "وقال الوزير إن الوضع هادئ."]),
        ("هل انسحبت القوات؟ نعم!", ["هل انسحبت القوات؟", "نعم!"]),
        ("انتهى الاجتماع؛ وغادر الوفد", ["انتهى الاجتماع؛", "وغادر الوفد"]),
        ('قال: "انتهت المهمة." ثم غادر.', ['قال: "انتهت المهمة."', "ثم غادر."]),
        ("قال: «انتهت المهمة.» ثم غادر.", ["قال: «انتهت المهمة.»", "ثم غادر."]),
        ("(انتهت المهمة.) ثم غادر.", ["(انتهت المهمة.)", "ثم غادر."]),
        ("بلغت النسبة 3.5 في المئة. وارتفعت", ["بلغت النسبة 3.5 في المئة.", "وارتفعت"]),
        ("بلغت ٢٫٥ في المئة. وارتفعت", ["بلغت ٢٫٥ في المئة.", "وارتفعت"]),
        ("قال د. أحمد إن م. خالد وصل.", ["قال د. أحمد إن م. خالد وصل."]),
        ("نقلت أ.ف.ب. عن مصدر أن الوفد وصل.", ["نقلت أ.ف.ب. عن مصدر أن الوفد وصل."]),
        ("بني عام 300 ق.م. في بابل", ["بني عام 300 ق.م. في بابل"]),
        ("ص.ب. 123 الرياض", ["ص.ب. 123 الرياض"]),
        ("Mr. Smith met Dr. Jones. Then he left.", ["Mr. Smith met Dr. Jones.", "Then he left."]),
        ("زوروا www.example.com للمزيد.", ["زوروا www.example.com للمزيد."]),
        ("بغداد - المغرب اليوم\nواصل التحالف سحب قواته.", ["بغداد - المغرب اليوم", "واصل التحالف سحب قواته."]),
        ("19-03-2020, 11:14\nالخبر", ["19-03-2020, 11:14", "الخبر"]),
        ("الكاظمي يتوعد مزعزعي الأمن.. ومغادرة القوات", ["الكاظمي يتوعد مزعزعي الأمن.. ومغادرة القوات"]),
        ("سطر أول بلا نقطة\r\nسطر ثان", ["سطر أول بلا نقطة", "سطر ثان"]),
        ("ماذا؟!  لا أعرف…", ["ماذا؟!", "لا أعرف…"]),
        ("انتهى الاجتماع.وغادر الوفد", ["انتهى الاجتماع.", "وغادر الوفد"]),
        ("وقع عام 2014. ثم انتهى", ["وقع عام 2014.", "ثم انتهى"]),
        ("U.S. forces left. Then", ["U.S. forces left.", "Then"]),
    ],
)
def test_sentences(text, expected):
    sents = split_sentences(text)
    assert [s.text for s in sents] == expected
    check_invariants(text, tokenize(text), sents)


def test_ellipsis_option():
    tk = Tokenizer(ellipsis_ends_sentence=True)
    assert [s.text for s in tk.sentences("الأمن.. ومغادرة القوات")] == ["الأمن..", "ومغادرة القوات"]


# ---------------------------------------------------------------------------- component
def test_component_with_zones():
    text = "عنوان الخبر بلا نقطة الخبر يبدأ هنا. وينتهي هنا."
    nlp = ae.load(["tokenizer"])
    doc = Doc(text=text)
    doc.zones = [Zone(text[:20], 0, 20, "title"), Zone(text[21:], 21, len(text), "body")]
    doc = nlp(doc)
    assert [(s.text, s.zone) for s in doc.sentences] == [
        ("عنوان الخبر بلا نقطة", "title"), ("الخبر يبدأ هنا.", "body"), ("وينتهي هنا.", "body")]
    assert doc.tokens and doc.tokens[0].text == "عنوان"
    doc.check_offsets()


def test_component_options():
    nlp = ae.load([{"name": "tokenizer", "factory": "tokenizer", "config": {"segment": False}}])
    doc = nlp("وبالقوات")
    assert [s.kind for s in doc.tokens[0].segments] == ["stem"]


def test_public_tokenize():
    assert [t.text for t in ae.tokenize("وصلت القوات.")] == ["وصلت", "القوات", "."]


# ---------------------------------------------------------------------------- invariants
@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_invariants(path):
    text = path.read_text(encoding="utf-8")
    tk = get_tokenizer()
    toks = tk.tokens(text)
    sents = tk.sentences(text, toks)
    assert len(toks) > 100 and len(sents) > 5
    check_invariants(text, toks, sents)
    # a line break always ends a sentence
    assert all("\n" not in s.text for s in sents)


_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"  # letters
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # harakat
    "\u0640"  # tatweel
    "0123456789٠١٢٣٤٥٦٧٨٩٫٬"
    ".,،؛؟!?:;…\"'«»“”()[]-–%$+/"
    "abcXYZé"
    "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069\ufeff"
    " \n\r\t\u00a0"
    "\x00\x07<>&=_"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_generated_invariants(text):
    tk = get_tokenizer()
    toks = tk.tokens(text)
    sents = tk.sentences(text, toks)
    check_invariants(text, toks, sents)
    if not text.strip(" \n\r\t\u00a0\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069\ufeff"):
        assert toks == []


def test_sentences_carry_their_language():
    from arabic_events.tokenizer import split_sentences

    text = "قال المتحدث إن القوات انسحبت. این گزارش را خبرگزاری رسمی منتشر کرد. Officials said so."
    assert [s.lang for s in split_sentences(text)] == ["ar", "fa", None]
