import pytest

from arabic_events._data import load_yaml
from arabic_events.structure import detect_structure

from conftest import gold_for, read_seed, seed_paths

CORPUS = load_yaml("structure/corpus.yaml")


def _zones(text):
    zs = detect_structure(text)
    out = {}
    for z in zs:
        out.setdefault(z.label, []).append(z)
    return out


@pytest.mark.parametrize("case", CORPUS, ids=[c["name"] for c in CORPUS])
def test_structure_corpus(case):
    text = "\n".join(case["lines"])
    zones = _zones(text)
    exp = case["expect"]
    title = zones.get("title", [])
    assert (title[0].text if title else None) == exp["title"]
    dl = zones.get("dateline", [])
    assert (dl[0].text if dl else None) == exp["dateline"]
    body = zones["body"][0]
    words = body.text.split()
    assert words[0] == exp["body_first"] and words[-1] == exp["body_last"]
    boiler = [z.text for z in zones.get("boilerplate", [])]
    for b in exp.get("boilerplate_contains", []):
        assert b in boiler
    if "boilerplate_count" in exp:
        assert len(boiler) == exp["boilerplate_count"], boiler
    assert body.text == body.text.strip()
    for z in detect_structure(text):
        assert text[z.start : z.end] == z.text


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_body_matches_seed_gold(path):
    gold = gold_for(path)
    if gold is None or "body" not in gold:
        pytest.skip("no gold body for this seed yet")
    text = read_seed(path)
    body = _zones(text)["body"][0]
    g0, g1 = gold["body"]["start"], gold["body"]["end"]
    inter = max(0, min(body.end, g1) - max(body.start, g0))
    # the predicted body keeps all of the gold body and may add article parts around it
    # (captions, stand-firsts, fact boxes) that the seed gold leaves outside its body
    assert inter / (g1 - g0) >= 0.99, (body.start, body.end, g0, g1)
    assert inter / (body.end - body.start) >= 0.9, (body.start, body.end, g0, g1)


@pytest.mark.parametrize("text", ["", "   \n\n ", "<html><body><p>نص</p></body></html>", "Only English text here."])
def test_structure_degenerate_inputs(text):
    zs = detect_structure(text)
    for z in zs:
        assert text[z.start : z.end] == z.text


def _evaluation():
    from arabic_events.evaluation import structure_eval as se

    return se


def test_structure_seed_lines_kept():
    """Line-level gold of the real seed pages (eval/structure/seeds.yaml)."""
    se = _evaluation()
    res = se.score(se.seed_pages())
    assert res["article"]["r"] >= 0.99, res["errors"]
    assert res["chrome"]["r"] >= 0.95, res["errors"]


def test_structure_layout_corpus_recall():
    """The >= 30 synthetic layouts of eval/structure/layouts.yaml (needs SaudiNewsNet)."""
    se = _evaluation()
    snn = se._default_snn()
    if not snn.exists():
        pytest.skip(f"SaudiNewsNet not found at {snn}")
    pages = se.build_pages(snn)
    assert len(pages) >= 30
    res = se.score(pages)
    assert res["article"]["r"] >= 0.99, res["errors"]
    assert res["chrome"]["r"] >= 0.95, res["errors"]


def test_layouts_avoid_reserved_articles():
    se = _evaluation()
    spec = se._yaml(se.LAYOUTS)
    assert all(int(lay["article"]) % 10 not in se.RESERVED for lay in spec["layouts"])
