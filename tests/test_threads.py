"""One pipeline shared by 8 threads gives exactly the sequential output.

The documents are the first 200 SaudiNewsNet articles (``../shared/data``; the test skips
when that data is absent) plus the seed articles, each with its own publication date.
Components must keep no per-document state on ``self`` (DEVELOPERS.md).
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import arabic_events as ae
import fuzz_strategies as fz
from conftest import read_seed, seed_paths

THREADS = 8


def _documents() -> list[tuple[str, str]]:
    news = fz.read_saudinewsnet(200)
    if len(news) < 200:
        pytest.skip("SaudiNewsNet (../shared/data/saudinewsnet) is not available")
    docs = [read_seed(p) for p in seed_paths()] + news
    base = dt.date(2015, 7, 21)
    return [(t, (base + dt.timedelta(days=i % 40)).isoformat()) for i, t in enumerate(docs)]


@pytest.fixture(scope="module")
def documents():
    return _documents()


def _run(nlp, docs, threads: int, drop_events: bool = False) -> list[str]:
    def one(item):
        text, published = item
        d = nlp(text, published=published).to_dict()
        if drop_events:
            d.pop("events")
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    if threads == 1:
        return [one(d) for d in docs]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, docs))


@pytest.fixture(scope="module")
def sequential(documents):
    """The full pipeline's sequential output (the reference for both tests)."""
    nlp = ae.load()
    full = _run(nlp, documents, 1)
    return nlp, full


def _without_events(outputs: list[str]) -> list[str]:
    out = []
    for o in outputs:
        d = json.loads(o)
        d.pop("events")
        out.append(json.dumps(d, ensure_ascii=False, sort_keys=True))
    return out


def _compare(expected: list[str], run) -> None:
    try:
        got = run()
    except Exception as exc:  # noqa: BLE001 - report which component raised
        import traceback

        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"{f.filename.split('arabic_events')[-1]}:{f.lineno}" for f in reversed(frames)
                      if "arabic_events" in f.filename), "?")
        pytest.fail(f"a thread raised {type(exc).__name__} at {where}: {exc}")
    diff = [i for i, (a, b) in enumerate(zip(expected, got)) if a != b]
    assert not diff, f"{len(diff)} of {len(expected)} documents differ from the sequential run (first: {diff[:5]})"


def test_threads_match_sequential_without_events(documents, sequential):
    """Every component but events: 8 threads, one pipeline, output identical to the
    sequential run of the full pipeline with the events layer left out."""
    _, full = sequential
    nlp = ae.load(exclude=["events"])
    _compare(_without_events(full), lambda: _run(nlp, documents, THREADS, drop_events=True))


def test_threads_match_sequential_full_pipeline(documents, sequential):
    nlp, full = sequential
    _compare(full, lambda: _run(nlp, documents, THREADS))
