"""The HTML view in a real browser (headless Chromium, installed by .ci/run when missing).

A checking script (tests/render_check.js) is added to each page; Chromium loads the page,
the script measures it and writes a JSON report into the DOM, and ``--dump-dom`` hands it
back. It checks that the article's text equals ``doc.text``, that every highlight covers
exactly the characters of its span in one run, that each label follows its span (innermost
first), is bidi-isolated and sits left of an Arabic span's last letter, and, for the
synthetic one-line inputs, that highlights and labels do not change the visual order of
letters and digits (compared with the same text shown plain). No screenshots are taken.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from arabic_events.doc import Argument, Doc, Entity, Event, Quantity, TimeExpr, Trigger, Zone
from arabic_events.render import render

from conftest import ROOT

CHECK_JS = (Path(__file__).parent / "render_check.js").read_text(encoding="utf-8")


def _chromium() -> str | None:
    for name in (os.environ.get("AE_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (.ci/run installs it)")


def _sp(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def _ent(text, sub, label, nth=0):
    s, e = _sp(text, sub, nth)
    return Entity(text[s:e], s, e, label=label, source="test")


def _expected(doc: Doc) -> dict:
    marks = {}
    for i, e in enumerate(doc.entities):
        marks[f"E{i}"] = [e.start, e.end]
    for i, q in enumerate(doc.quantities):
        marks[f"Q{i}"] = [q.start, q.end]
    for i, t in enumerate(doc.times):
        marks[f"T{i}"] = [t.start, t.end]
    for vi, ev in enumerate(doc.events):
        marks[f"V{vi}"] = [ev.trigger.start, ev.trigger.end]
        for ai, a in enumerate(ev.arguments):
            marks[f"A{vi}-{ai}"] = [a.start, a.end]
    return {k: v for k, v in marks.items() if v[1] > v[0]}


def _synthetic() -> dict[str, Doc]:
    docs = {}
    # Latin names, digits and a date inside Arabic
    t = "قال Joe Biden في 2020 إن قوات NATO ستنسحب من 3 قواعد في العراق."
    d = Doc(t)
    d.entities = [_ent(t, "Joe Biden", "PER"), _ent(t, "قوات NATO", "ORG"), _ent(t, "العراق", "LOC")]
    q = _sp(t, "3 قواعد")
    d.quantities = [Quantity(t[q[0]:q[1]], *q, value=3, unit="قاعدة", source="test")]
    y = _sp(t, "2020")
    d.times = [TimeExpr("2020", *y, value="2020", source="test")]
    tr = _sp(t, "ستنسحب")
    d.events = [Event("WITHDRAWAL", Trigger(t[tr[0]:tr[1]], *tr), frame="WITHDRAWAL@1", rule="test:rule", arguments=(
        Argument("agent", "قوات NATO", *_sp(t, "قوات NATO"), ref="entities:1"),
        Argument("origin", "3 قواعد", *q, ref="quantities:0"),
        Argument("location", "العراق", *_sp(t, "العراق"), ref="entities:2")), time="2020", id="e0")]
    docs["mixed_script"] = d
    # diacritics and tatweel inside the marked words; nested time > quantity
    t = "وَصَلَ الرَّئِيسُ إلى بَغْـــدَادَ يَوْمَ الخَمِيـــسِ بَعْدَ ثَلَاثَةِ أَيَّامٍ."
    d = Doc(t)
    d.entities = [_ent(t, "بَغْـــدَادَ", "LOC")]
    d.times = [TimeExpr(*(lambda s: (t[s[0]:s[1]], *s))(_sp(t, "يَوْمَ الخَمِيـــسِ")), value="2020-03-19", source="test"),
               TimeExpr(*(lambda s: (t[s[0]:s[1]], *s))(_sp(t, "بَعْدَ ثَلَاثَةِ أَيَّامٍ")), value="P3D", kind="duration",
                        mod="AFTER", source="test")]
    d.quantities = [Quantity(*(lambda s: (t[s[0]:s[1]], *s))(_sp(t, "ثَلَاثَةِ")), value=3, source="test")]
    tr = _sp(t, "وَصَلَ")
    d.events = [Event("ARRIVAL", Trigger(t[tr[0]:tr[1]], *tr), arguments=(
        Argument("agent", "الرَّئِيسُ", *_sp(t, "الرَّئِيسُ")), Argument("destination", "بَغْـــدَادَ",
                                                                       *_sp(t, "بَغْـــدَادَ"), ref="entities:0")),
        id="e0")]
    docs["diacritics_tatweel"] = d
    # bidi and zero-width controls in and around the marks
    t = "قال \u202bالرئيس\u202c إن \u2067Apple\u2069 فتحت مكتبا في \u200fبغداد\u200e يوم \u2066‏12/3‏\u2069 بكلفة 5\u066c000 دولار\u200d."
    d = Doc(t)
    d.entities = [_ent(t, "Apple", "ORG"), _ent(t, "\u200fبغداد", "LOC"), _ent(t, "\u202bالرئيس\u202c", "PER")]
    d.times = [TimeExpr(*(lambda s: (t[s[0]:s[1]], *s))(_sp(t, "يوم \u2066‏12/3‏\u2069")), value="2020-03-12", source="test")]
    d.quantities = [Quantity(*(lambda s: (t[s[0]:s[1]], *s))(_sp(t, "5\u066c000 دولار")), value=5000, unit="دولار",
                             source="test")]
    docs["bidi_controls"] = d
    # markup-like text and a boilerplate zone must stay text
    t = "عنوان <script>alert(1)</script> & \"اقتباس\"\nزار الوزير الموصل أمس."
    d = Doc(t)
    d.zones = [Zone(t[:t.index("\n")], 0, t.index("\n"), "boilerplate"), Zone(t[t.index("\n") + 1:], t.index("\n") + 1,
                                                                             len(t), "body")]
    d.entities = [_ent(t, "الموصل", "LOC"), _ent(t, "script", "ORG")]
    docs["markup"] = d
    for doc in docs.values():
        doc.check_offsets("test")
    return docs


def _page(doc: Doc, check_order: bool) -> str:
    page = render(doc, title="browser test")
    event0 = None
    if doc.events:
        e = doc.events[0]
        event0 = {"type": e.type, "frame": e.frame, "rule": e.rule, "roles": [a.role for a in e.arguments]}
    exp = json.dumps({"text": doc.text, "marks": _expected(doc), "check_order": check_order, "event0": event0},
                     ensure_ascii=False)
    exp = exp.replace("</", "<\\/")
    inject = f'<script type="application/json" id="t-expected">{exp}</script><script>{CHECK_JS}</script>'
    assert page.count("</body>") == 1
    return page.replace("</body>", inject + "</body>")


def _run(path: Path, profile: Path) -> dict:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--window-size=1600,1200", f"--user-data-dir={profile}", "--dump-dom", path.as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    m = re.search(r'<pre id="t-result">(.*?)</pre>', r.stdout, re.S)
    assert m, f"no result from Chromium (rc={r.returncode}): {r.stderr[-500:]}"
    return json.loads(html.unescape(m.group(1)))


@pytest.fixture(scope="module")
def browser_results(seed_docs, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("render")
    jobs = []
    for name, doc in _synthetic().items():
        jobs.append((name, doc, True))
    for name, doc in seed_docs.items():
        jobs.append((f"seed_{name}", doc, False))
    paths = []
    for name, doc, order in jobs:
        p = tmp / f"{name}.html"
        p.write_text(_page(doc, order), encoding="utf-8")
        paths.append((name, p, tmp / f"profile_{name}"))
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = dict(zip([n for n, _, _ in paths], ex.map(lambda a: _run(a[1], a[2]), paths)))
    return results


@pytest.mark.parametrize("name", ["mixed_script", "diacritics_tatweel", "bidi_controls", "markup"])
def test_synthetic_page_in_browser(browser_results, name):
    res = browser_results[name]
    assert res["errors"] == []
    assert res["checked"]["marks"] >= 2 and res["checked"]["labels"] >= 2
    assert res["checked"]["order_chars"] >= 15


def test_seed_pages_in_browser(browser_results, seed_docs):
    seeds = {k: v for k, v in browser_results.items() if k.startswith("seed_")}
    assert len(seeds) == len(seed_docs) == 5
    for name, res in seeds.items():
        assert res["errors"] == [], name
        doc = seed_docs[name[len("seed_"):]]
        n_marks = len(_expected(doc))
        assert res["checked"]["marks"] == n_marks
        assert res["checked"]["labels"] == len(doc.entities) + len(doc.quantities) + len(doc.times) + len(doc.events)
    assert sum(r["checked"]["label_geometry"] for r in seeds.values()) >= 50
    assert all(r["checked"].get("interaction") == 1 for r in seeds.values())


def test_checker_catches_a_wrong_highlight(tmp_path):
    """The browser check is not vacuous: a page whose highlight is off by one fails it."""
    doc = _synthetic()["mixed_script"]
    page = _page(doc, True)
    # move the first character of 'العراق' out of its highlight
    s, _e = doc.entities[2].start, doc.entities[2].end
    marker = f'data-s="{s}">{doc.text[s]}'
    assert marker in page
    page = page.replace(marker, f'data-s="{s}">', 1).replace(
        f'<span class="m ent ent-LOC" data-m', doc.text[s] + '<span class="m ent ent-LOC" data-m', 1)
    p = tmp_path / "bad.html"
    p.write_text(page, encoding="utf-8")
    res = _run(p, tmp_path / "profile")
    assert any(e.startswith("E2:") for e in res["errors"]), res


def test_ci_installs_chromium():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = ci.index("chromium")
    test_cmd = next(ln for ln in ci.splitlines() if "pytest" in ln and not ln.startswith("#"))
    assert ci.index(test_cmd) > install
    assert test_cmd.strip() in readme
