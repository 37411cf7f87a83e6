"""The Spark recipe of docs/pipeline.md (mapInPandas + arabic_events.dask.map_in_pandas),
run for real on a local Spark session when pyspark and a Java runtime are installed and
``AE_TEST_SPARK=1`` is set (starting Spark takes about a minute on a busy 2-core machine):

    AE_TEST_SPARK=1 python -m pytest -q tests/test_spark.py
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

if not os.environ.get("AE_TEST_SPARK"):
    pytest.skip("set AE_TEST_SPARK=1 to run the Spark test (slow: starts a JVM)", allow_module_level=True)
pyspark = pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from functools import partial  # noqa: E402

import arabic_events as ae  # noqa: E402
from arabic_events import dask as aed  # noqa: E402

TEXTS = [
    "انسحبت القوات الأمريكية من قاعدة القائم في محافظة الأنبار يوم الأحد.",
    "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بغداد أمس.",
    "",
]


def test_spark_map_in_pandas():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("arabic_events-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        pdf = pd.DataFrame({"id": ["a", "b", "c"], "text": TEXTS, "published": ["2020-03-30"] * 3})
        out = spark.createDataFrame(pdf).repartition(2).mapInPandas(
            partial(aed.map_in_pandas, layer="entities"), schema=aed.spark_schema("entities")).toPandas()
        events = spark.createDataFrame(pdf).mapInPandas(
            partial(aed.map_in_pandas, layer="events"), schema=aed.spark_schema("events")).toPandas()
    finally:
        spark.stop()
    nlp = ae.load()
    expect = sorted((i, e.start, e.end, e.text, e.label) for i, t in zip("abc", TEXTS)
                    for e in nlp(t, published="2020-03-30").entities)
    got = out[["id", "start", "end", "text", "label"]]
    assert sorted(got.itertuples(index=False, name=None)) == expect
    assert list(out.columns) == list(aed.COLUMNS["entities"])
    assert len(events) == sum(len(nlp(t, published="2020-03-30").events) for t in TEXTS) > 0
    assert ("b", 19, 34, "إيمانويل ماكرون", "PER") in expect
