"""arabic_events.dask on a real LocalCluster with two worker processes."""

from __future__ import annotations

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import arabic_events as ae  # noqa: E402
from arabic_events import dask as aed  # noqa: E402

TEXTS = [
    "انسحبت القوات الأمريكية من قاعدة القائم في محافظة الأنبار يوم الأحد.",
    "وقال المتحدث باسم التحالف إن القوات الأمريكية انسحبت من قاعدة القائم الأحد الماضي.",
    "أعلنت وزارة الصحة السعودية تسجيل 120 إصابة جديدة في الرياض.",
    "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بغداد أمس.",
    "",
    "سلمت القوات الأمريكية قاعدة الحبانية إلى الجيش العراقي في 29 آذار 2020.",
]
ITEMS = [{"id": f"d{i}", "text": t, "published": "2020-03-30", "source": "test"} for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            aed.preload(c)
            yield c


@pytest.fixture(scope="module")
def local_docs():
    nlp = ae.load()
    return [nlp(t, published="2020-03-30") for t in TEXTS]


def test_bag_records_match_one_process(client, local_docs):
    bag = db.from_sequence(ITEMS + [{"id": "bad", "text": None}], npartitions=3)
    recs = aed.analyze_bag(bag).compute()
    assert [r["id"] for r in recs] == [f"d{i}" for i in range(len(TEXTS))] + ["bad"]
    assert all(r["source"] == "test" for r in recs[:-1])
    assert "InputError" in recs[-1]["error"] and "entities" not in recs[-1]
    for rec, doc in zip(recs, local_docs):
        d = doc.to_dict()
        assert "tokens" not in rec
        for layer in aed.DEFAULT_LAYERS:
            assert rec[layer] == d[layer], layer
    assert any(r["entities"] for r in recs) and any(r["events"] for r in recs)
    # the workers built their pipeline once (preload) and reused it for every task
    counts = client.run(lambda: len(aed._PIPELINES))
    assert set(counts.values()) == {1}


def test_frame_column_flattened(client, local_docs):
    pdf = pd.DataFrame({"id": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS, "date": ["2020-03-30"] * len(TEXTS)})
    ddf = dd.from_pandas(pdf, npartitions=2)
    ents = aed.analyze_frame(ddf, "text", id="id", published="date", layer="entities").compute()
    expect = [(f"d{i}", e.start, e.end, e.text, e.label) for i, d in enumerate(local_docs) for e in d.entities]
    assert list(ents.columns) == list(aed.COLUMNS["entities"])
    assert list(ents[["id", "start", "end", "text", "label"]].itertuples(index=False, name=None)) == expect
    evs = aed.analyze_frame(ddf, "text", id="id", published="date", layer="events").compute()
    assert len(evs) == sum(len(d.events) for d in local_docs) > 0
    assert set(evs["type"]) == {e.type for d in local_docs for e in d.events}
    with pytest.raises(ae.ConfigError, match="no column 'body'"):
        aed.analyze_frame(ddf, "body")


def test_corpus_timeline_matches_merge_events(client, local_docs):
    bag = db.from_sequence(ITEMS, npartitions=3)
    rows = aed.timeline(aed.analyze_bag(bag))
    expect = ae.merge_events([(f"d{i}", d) for i, d in enumerate(local_docs)])
    assert [r.to_dict() for r in rows] == [r.to_dict() for r in expect]
    assert any(len(r.docs) > 1 for r in rows)  # the two reports of one withdrawal merged


def test_records_in_process_and_layers():
    recs = aed.analyze_records(TEXTS[:2], published="2020-03-30", layers=None)
    assert [r["id"] for r in recs] == [0, 1] and "tokens" in recs[0]
    rows = aed.flatten(recs, "times")
    assert rows and all(set(r) == set(aed.COLUMNS["times"]) for r in rows)
    with pytest.raises(ae.ConfigError):
        aed.flatten(recs, "tokens")
    with pytest.raises(ae.ConfigError, match="dask.bag.Bag"):
        aed.analyze_bag(TEXTS)
