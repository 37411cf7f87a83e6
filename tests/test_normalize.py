import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_events.normalize import NormalizedText, normalize


@pytest.mark.parametrize(
    "text, view",
    [
        ("أإآا", "اااا"),
        ("ٱلعراق", "العراق"),
        ("مستشفى", "مستشفي"),
        ("مدينة", "مدينه"),
        ("سُئِلَ", "سئل"),
        ("بـ 5200", "ب 5200"),
        ("٥٬٢٠٠", "5,200"),
        ("۱۲۳", "123"),
        ("٢٫٥", "2.5"),
        ("٥٠٪", "50%"),
        ("«قال»", '"قال"'),
        ("ﻻ", "لا"),
        ("\u200fبغداد\u200e", "بغداد"),
        ("BBC", "bbc"),
        ("ألفاً", "الفا"),
        ("", ""),
    ],
)
def test_view(text, view):
    assert NormalizedText(text).text == view
    assert normalize(text) == view


def test_to_original_covers_dropped_marks_inside():
    t = "قال: «بِالعِراقِ» الآن"
    n = NormalizedText(t)
    i = n.text.index("بالعراق")
    s, e = n.to_original(i, i + len("بالعراق"))
    assert t[s:e] == "بِالعِراقِ"


def test_to_view_roundtrip():
    t = "في ٢٦ مارس"
    n = NormalizedText(t)
    s, e = n.view_span(3, 5)
    assert n.text[s:e] == "26"


_alphabet = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوية") + list("أإآىةءؤئ") + list("\u064b\u064e\u064f\u0650\u0651\u0652\u0640")
    + list("٠١٢٣٤٥٦٧٨٩۱۲0123456789") + list(" \n.,،؛؟!«»\"'()-–:٫٬٪%") + list("\u200e\u200f\u202b\u2066\ufeff")
    + list("abcXYZ") + ["ﻻ", "ﷲ", "\u00a0"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=60).map("".join))
def test_offset_map_property(text):
    n = NormalizedText(text)
    assert n.text == normalize(text)
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
        # the view character comes from normalizing the original character(s) it maps to
        assert n.text[i] in normalize(text[s:e])
    s, e = n.to_original(0, len(n.text))
    assert normalize(text[s:e]) == n.text


def test_local_arabic_folds_equal_camel_tools():
    """normalize.py keeps camel-tools' four Arabic folds as a local map (camel-tools' import
    costs about 1.5 s); they must stay identical to camel-tools' functions."""
    camel = pytest.importorskip("camel_tools.utils.normalize")
    from camel_tools.utils.dediac import dediac_ar

    from arabic_events.normalize import fold_arabic, normalize_char

    def camel_fold(s):
        s = dediac_ar(s)
        s = camel.normalize_alef_ar(s)
        s = camel.normalize_alef_maksura_ar(s)
        return camel.normalize_teh_marbuta_ar(s)

    block = [chr(c) for c in range(0x0600, 0x0700)]
    for ch in block:
        assert fold_arabic(ch) == camel_fold(ch), f"U+{ord(ch):04X}"
    word = "إِلَى مَدْرَسَةٍ آمِنَةٍ ٱلْأُولَى"
    assert fold_arabic(word) == camel_fold(word) == "الي مدرسه امنه الاولي"
    # the view of an Arabic-block character that NFKC leaves alone is camel-tools' fold
    for ch in block:
        import unicodedata

        if unicodedata.category(ch) not in ("Cf", "Nd") and unicodedata.normalize("NFKC", ch) == ch \
                and not ("\u064b" <= ch <= "\u065f") and ch not in "\u0670\u06e1\u066b\u066c\u066a\u0640\u0671":
            assert normalize_char(ch) == camel_fold(ch), f"U+{ord(ch):04X}"


def test_normalize_does_not_import_camel_tools():
    import subprocess
    import sys

    code = "import sys, arabic_events as ae\nae.normalize('إلى مدرسةٍ')\nprint('camel_tools' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
