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
    union = max(body.end, g1) - min(body.start, g0)
    assert inter / union >= 0.95, (body.start, body.end, g0, g1)


@pytest.mark.parametrize("text", ["", "   \n\n ", "<html><body><p>نص</p></body></html>", "Only English text here."])
def test_structure_degenerate_inputs(text):
    zs = detect_structure(text)
    for z in zs:
        assert text[z.start : z.end] == z.text
