"""The HTML view without a browser: standalone, escaped, RTL, labels isolated; the CLI command.

The in-browser checks (geometry, bidi, exact coverage) are in test_render_browser.py.
"""

from __future__ import annotations

import json
import re

import pytest

import arabic_events as ae
from arabic_events.cli import main
from arabic_events.doc import Doc, Entity, Event, Trigger, Argument


def _doc() -> Doc:
    t = 'قال "الوزير" <script>alert(1)</script> إن الوفد وصل بغداد أمس & غادر.'
    d = Doc(t, published="2020-03-20")
    s = t.index("بغداد")
    d.entities = [Entity("بغداد", s, s + 5, label="LOC", source="test", canonical="</script><b>x</b>")]
    v = t.index("وصل")
    d.events = [Event("ARRIVAL", Trigger("وصل", v, v + 3), arguments=(Argument("destination", "بغداد", s, s + 5,
                                                                              ref="entities:0"),), id="e0")]
    return d


def test_page_is_standalone_and_escaped():
    page = ae.render(_doc(), title="t")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "<img" not in page and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the page may not load anything
    assert page.count("<script") == 2  # the data block and the view's own script; the article's is text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = re.search(r'<script type="application/json" id="ae-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["marks"]["E0"]["rows"][1] == ["canonical", "</script><b>x</b>"]


def test_article_is_rtl_with_isolated_labels_after_their_spans():
    d = _doc()
    page = ae.render(d)
    assert '<article id="ae-article" lang="ar" dir="rtl">' in page
    s = d.entities[0].start
    assert (f'<span class="m ent ent-LOC" data-m="E0 A0-0" data-s="{s}">بغداد</span>'
            f'<bdi class="lbl l-ent" dir="ltr" data-label="E0">LOC</bdi>') in page
    assert "bdi.lbl{unicode-bidi:isolate" in page
    v = d.events[0].trigger.start
    assert f'data-m="V0" data-s="{v}">وصل</span><bdi class="lbl l-trg" dir="ltr" data-label="V0">ARRIVAL</bdi>' in page


def test_nested_spans_split_into_pieces_with_both_marks():
    t = "بعد ثلاثة أيام"
    d = Doc(t)
    d.times = [ae.TimeExpr(t, 0, len(t), value="P3D", kind="duration")]
    d.quantities = [ae.Quantity("ثلاثة", 4, 9, value=3)]
    page = ae.render(d)
    article = re.search(r'<article[^>]*>(.*?)</article>', page, re.S).group(1)
    assert article == (
        '<span class="m tim" data-m="T0" data-s="0">بعد </span>'
        '<span class="m qty tim" data-m="Q0 T0" data-s="4">ثلاثة</span>'
        '<bdi class="lbl l-qty" dir="ltr" data-label="Q0">3</bdi>'
        '<span class="m tim" data-m="T0" data-s="9"> أيام</span>'
        '<bdi class="lbl l-tim" dir="ltr" data-label="T0">P3D</bdi>'
    )


def test_render_rejects_non_docs():
    with pytest.raises(ae.InputError):
        ae.render("نص")


def test_cli_render_text_and_doc_json(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("انسحبت القوات من قاعدة القائم أمس.", encoding="utf-8")
    out = tmp_path / "a.html"
    assert main(["render", str(f), "-o", str(out), "--ner", "crf", "--published", "2020-03-20"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "WITHDRAWAL" in page and "<title>a.txt</title>" in page and "2020-03-19" in page
    assert main(["extract", str(f), "--ner", "crf", "--format", "json"]) == 0
    j = tmp_path / "a.json"
    j.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["render", str(j)]) == 0
    assert "WITHDRAWAL" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "ab", "entities": [{"text": "x", "start": 0, "end": 1, "label": "LOC"}]}',
                   encoding="utf-8")
    assert main(["render", str(bad)]) == 2
    assert "does not match" in capsys.readouterr().err
