"""Quick fuzzing profile (a few hundred cases per target); the long profile is
``python tools/fuzz.py --target all --cases 100000`` (docs/reliability.md).

Each case must either succeed with every invariant holding (``doc.text`` unchanged,
valid offsets in ``to_dict()``, JSON/UTF-8 encodable, ``from_dict`` round-trip, the same
output twice) or raise a documented :class:`~arabic_events.ArabicEventsError`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import arabic_events as ae
import fuzz_strategies as fz

QUICK = dict(database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                    HealthCheck.data_too_large])

# years the Hijri conversion (hijridate) supports; see test_time_extreme_references
SAFE_REFS = st.one_of(st.none(), st.dates(min_value=dt.date(1925, 1, 1), max_value=dt.date(2077, 1, 1)))


def _call(fn):
    try:
        return fn()
    except ae.ArabicEventsError as exc:
        if isinstance(exc, ae.OffsetError):
            raise
        return None


@settings(max_examples=100, **QUICK)
@given(text=fz.pipeline_text(), published=st.one_of(SAFE_REFS, st.sampled_from(["2020-03-29", "2020-03-29junk", ""])))
def test_fuzz_pipeline(nlp, text, published):
    doc = _call(lambda: nlp(text, published=published))
    if doc is not None:
        fz.check_doc(nlp, text, published, doc)


@settings(max_examples=400, **QUICK)
@given(text=fz.number_text())
def test_fuzz_parse_number(text):
    fz.check_quantity(text, _call(lambda: ae.parse_number(text)))


@settings(max_examples=250, **QUICK)
@given(text=fz.time_text(), ref=SAFE_REFS)
def test_fuzz_parse_time(text, ref):
    fz.check_time(text, _call(lambda: ae.parse_time(text, reference=ref)))


@settings(max_examples=150, **QUICK)
@given(text=fz.time_text(), ref=fz.reference_dates())
@example(text="وصل الوفد غدا", ref=dt.date(9999, 12, 31))
@example(text="في عيد الفطر", ref=dt.date(622, 9, 15))
def test_fuzz_parse_time_extreme_references(text, ref):
    fz.check_time(text, _call(lambda: ae.parse_time(text, reference=ref)))


def test_strategies_cover_the_hostile_alphabets():
    joined = "".join(fz.HTML + fz.CONTROLS + fz.EMOJI + fz.BRACKETS_QUOTES + list(fz.DIGITS.values()))
    for ch in ("\u200f", "\u202e", "\u2066", "\ufeff", "\u0660", "\u06f0", "0", "\u00ab", "<title>"):
        assert ch in joined
    assert set(fz.persian_urdu_letters()) >= {"\u067e", "\u06af", "\u06d2"}  # پ گ ے
    assert len(fz.MUTATIONS) >= 10
    assert fz.news_sentences(), "the seed articles give real sentences to mutate"


def test_invariant_checker_catches_a_bad_span(nlp):
    text = "انسحبت القوات من بغداد"
    doc = nlp(text)
    doc.entities.append(ae.Entity("بغداد", 0, 5, "LOC"))
    with pytest.raises(fz.InvariantError, match="does not match"):
        fz.check_doc(nlp, text, None, doc)


def test_random_engine_is_deterministic_and_covers_the_alphabets():
    import random

    a = [fz.r_pipeline_text(random.Random(7)) for _ in range(3)]
    b = [fz.r_pipeline_text(random.Random(7)) for _ in range(3)]
    assert a == b
    rng = random.Random(1)
    blob = "".join(fz.r_piece(rng) for _ in range(3000))
    for fam in fz.DIGITS.values():
        assert any(d in blob for d in fam)
    assert any(c in blob for c in fz.CONTROLS) and "<" in blob and any(c in blob for c in fz.HARAKAT)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in blob)
    refs = [fz.r_reference(rng) for _ in range(500)]
    assert None in refs and any(isinstance(r, str) for r in refs) and any(isinstance(r, dt.date) for r in refs)


@settings(max_examples=1, **QUICK)
@given(seed=st.integers(0, 10**6))
def test_random_engine_cases_keep_the_invariants(nlp, seed):
    import random

    rng = random.Random(seed)
    for _ in range(200):
        text = fz.r_number_text(rng)
        fz.check_quantity(text, _call(lambda: ae.parse_number(text)))
    for _ in range(10):
        text = fz.r_pipeline_text(rng)
        doc = _call(lambda: nlp(text, published="2020-03-29"))
        if doc is not None:
            fz.check_doc(nlp, text, "2020-03-29", doc)


def _fuzz_tool():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "tools" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("fuzz_tool", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_fuzz_tool_shards_partition_the_cases_and_cases_replay_alone():
    tool = _fuzz_tool()
    a, b, c = (list(tool.shard_indices(100, (k, 3))) for k in (1, 2, 3))
    assert sorted(a + b + c) == list(range(100)) and not set(a) & set(b)
    # a case is drawn from its own generator: the same input whichever shard or order runs it
    make = tool.TARGETS["pipeline"][1]
    assert make(tool.case_rng(13, "pipeline", 57)) == make(tool.case_rng(13, "pipeline", 57))
    assert make(tool.case_rng(13, "pipeline", 57)) != make(tool.case_rng(13, "pipeline", 58))


def test_fuzz_tool_shards_and_merge(tmp_path, capsys):
    tool = _fuzz_tool()
    paths = [str(tmp_path / f"s{k}.json") for k in (1, 2)]
    for k, p in zip((1, 2), paths):
        assert tool.main(["--target", "number", "--cases", "60", "--shard", f"{k}/2", "--progress", "0", "--json", p]) == 0
    capsys.readouterr()
    assert tool.main(["--merge", *paths]) == 0
    out = capsys.readouterr().out
    assert "number: 60 cases, 0 failures" in out and "shard 2/2" in out


def test_fuzz_tool_counts_a_failure(monkeypatch, tmp_path):
    tool = _fuzz_tool()

    def broken(parse_number, run, text, same):
        raise RuntimeError("boom")

    setup, make, _ = tool.TARGETS["number"]
    monkeypatch.setitem(tool.TARGETS, "number", (setup, make, broken))
    out = tmp_path / "f.json"
    assert tool.main(["--target", "number", "--cases", "5", "--progress", "0", "--json", str(out)]) == 1
    import json

    res = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert res["failures"] == 5 and next(iter(res["groups"].values()))["case"] == 0


def test_fuzz_tool_checks_the_same_output_in_every_shard():
    tool = _fuzz_tool()
    for n in (1, 2, 3, 4):
        for k in range(1, n + 1):
            picked = [i for i in tool.shard_indices(20_000, (k, n)) if tool.same_output_case(i, 10)]
            share = len(picked) / len(tool.shard_indices(20_000, (k, n)))
            assert 0.08 < share < 0.12, (k, n, share)
    assert all(tool.same_output_case(i, 1) for i in range(50))
    assert not any(tool.same_output_case(i, 0) for i in range(50))


def test_time_values_must_be_iso8601_or_timex3():
    ok = ["2015-11-03", "2015-11-03/2015-11-05", "1989/1994", "2063-11/2064-02", "P2DE", "-P1CE", "+P1DE", "PXCE",
          "2020-W13-WE", "2020-03-29TMO", "8120-07-29TMI", "19", "PRESENT_REF", "P1DT2H"]
    for v in ok:
        assert fz._TIMEX.match(v), v
    for v in ["2020-3-29", "yesterday", "2020-03-29/", "P2X", "10000-01-01"]:
        assert not fz._TIMEX.match(v), v
    t = ae.TimeExpr("غدا", 0, 3, "20200330", "date")
    with pytest.raises(fz.InvariantError, match="TIMEX3"):
        fz.check_time("غدا", t)
