"""Long fuzzing profile for arabic_events (issue 13; results in docs/reliability.md).

    nice -n 19 python tools/fuzz.py --target all --cases 100000
    nice -n 19 python tools/fuzz.py --target all --cases 100000 --engine random
    python tools/fuzz.py --target pipeline --cases 100000 --time-limit 3600 --json /tmp/fuzz.json

Targets: ``pipeline`` (``ae.load()(text, published=...)``, published from year 1 to 9999),
``number`` (``parse_number``), ``time`` (``parse_time`` with reference dates from year 1
to 9999). Inputs come from the hypothesis strategies in ``tests/fuzz_strategies.py``
(generate phase only, no example database: every run with the same ``--seed`` draws the
same cases). A case fails when it raises anything but a documented
``ArabicEventsError`` (``OffsetError`` counts as a failure) or breaks an invariant:
``doc.text`` unchanged, every span's offsets and text valid in ``to_dict()``, JSON and
UTF-8 encodable, ``from_dict`` round-trips, the same output twice. Failures are grouped
by exception type and the innermost library frame; the first input of each group is
printed with its traceback. Exit status 1 when any case failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import fuzz_strategies as fz  # noqa: E402


class Run:
    """Counts, failure groups and slowest cases of one target."""

    def __init__(self, target: str, limit_s: float | None, progress: int) -> None:
        self.target = target
        self.cases = 0
        self.rejected = 0  # documented InputError etc.
        self.failures = 0
        self.groups: dict[str, dict[str, Any]] = {}
        self.kinds: Counter[str] = Counter()
        self.slowest: list[tuple[float, str]] = []
        self.t0 = time.perf_counter()
        self.limit_s = limit_s
        self.progress = progress
        self.stopped = False
        self.notes: Counter[str] = Counter()

    def out_of_time(self) -> bool:
        return self.limit_s is not None and time.perf_counter() - self.t0 > self.limit_s

    def case(self, fn: Callable[[], None], shown: Any) -> None:
        if self.out_of_time():
            self.stopped = True
            return
        self.cases += 1
        t = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - a fuzzer records everything
            if fz.documented(exc):
                self.rejected += 1
                self.kinds[type(exc).__name__] += 1
            else:
                self._fail(exc, shown)
        el = time.perf_counter() - t
        if len(self.slowest) < 5 or el > self.slowest[-1][0]:
            self.slowest = sorted(self.slowest + [(el, repr(shown)[:120])], reverse=True)[:5]
        if self.progress and self.cases % self.progress == 0:
            print(f"  {self.target}: {self.cases} cases, {self.failures} failures, "
                  f"{time.perf_counter() - self.t0:.0f} s", flush=True)

    def _fail(self, exc: BaseException, shown: Any) -> None:
        self.failures += 1
        tb = traceback.extract_tb(exc.__traceback__)
        lib = [f for f in tb if "arabic_events" in f.filename] or list(tb)
        where = f"{Path(lib[-1].filename).name}:{lib[-1].lineno}" if lib else "?"
        key = f"{type(exc).__name__} at {where}"
        g = self.groups.get(key)
        if g is None:
            self.groups[key] = {
                "count": 1,
                "input": shown,
                "message": str(exc)[:300],
                "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-12:]),
            }
            print(f"  new failure: {key}: {str(exc)[:200]}\n  input: {shown!r}"[:2000], flush=True)
        else:
            g["count"] += 1

    def summary(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "cases": self.cases,
            "documented_errors": self.rejected,
            "documented_error_kinds": dict(self.kinds),
            "failures": self.failures,
            "groups": {k: {kk: (repr(vv) if kk == "input" else vv) for kk, vv in v.items()} for k, v in self.groups.items()},
            "seconds": round(time.perf_counter() - self.t0, 1),
            "slowest_s": [(round(a, 3), b) for a, b in self.slowest],
            "stopped_by_time_limit": self.stopped,
            "notes": dict(self.notes),
        }


def _settings(n: int, s: int):
    def deco(f):
        f = settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
                     suppress_health_check=list(HealthCheck))(f)
        return seed(s)(f)
    return deco


def run_pipeline(n: int, s: int, limit: float | None, progress: int) -> Run:
    import arabic_events as ae

    nlp = ae.load()
    nlp("تمهيد", published="2020-01-01")  # lazy loading outside the measured cases
    run = Run("pipeline", limit, progress)
    pub = st.one_of(fz.reference_dates(), st.sampled_from(["2020-03-29", "2020-03-299", "2020-03-29junk", "", "29/03/2020"]))

    @_settings(n, s)
    @given(fz.pipeline_text(), pub)
    def body(text: str, published: Any) -> None:
        def one() -> None:
            doc = nlp(text, published=published)
            fz.check_doc(nlp, text, published, doc)
        run.case(one, (text, published))

    body()
    return run


def run_number(n: int, s: int, limit: float | None, progress: int) -> Run:
    from arabic_events import parse_number

    parse_number("ثلاثة")
    run = Run("number", limit, progress)

    @_settings(n, s)
    @given(fz.number_text())
    def body(text: str) -> None:
        def one() -> None:
            q = parse_number(text)
            fz.check_quantity(text, q)
            if q is not None:
                run.notes["parsed"] += 1
        run.case(one, text)

    body()
    return run


def run_time(n: int, s: int, limit: float | None, progress: int) -> Run:
    from arabic_events import parse_time

    parse_time("أمس", reference="2020-03-29")
    run = Run("time", limit, progress)

    @_settings(n, s)
    @given(fz.time_text(), fz.reference_dates())
    def body(text: str, ref: Any) -> None:
        def one() -> None:
            t = parse_time(text, reference=ref)
            fz.check_time(text, t)
            if t is not None:
                run.notes["parsed"] += 1
                if t.value is not None and not fz._TIMEX.match(t.value):
                    run.notes["value_not_timex3_pattern"] += 1
                    if run.notes["value_not_timex3_pattern"] <= 5:
                        run.notes[f"example: {t.value!r} from {text[:60]!r} ref={ref!r}"] += 1
        run.case(one, (text, ref))

    body()
    return run


def _random_loop(run: Run, n: int, s: int, make: Callable[[Any], Any], one: Callable[[Any], None]) -> Run:
    import random

    rng = random.Random(s)
    for _ in range(n):
        case = make(rng)
        run.case(lambda: one(case), case)
        if run.stopped:
            break
    return run


def random_pipeline(n: int, s: int, limit: float | None, progress: int) -> Run:
    import arabic_events as ae

    nlp = ae.load()
    nlp("تمهيد", published="2020-01-01")
    bad = ["2020-03-29", "2020-03-299", "2020-03-29junk", "", "29/03/2020"]

    def make(rng):
        return fz.r_pipeline_text(rng), (rng.choice(bad) if rng.random() < 0.1 else fz.r_reference(rng))

    def one(case):
        text, published = case
        fz.check_doc(nlp, text, published, nlp(text, published=published))

    return _random_loop(Run("pipeline", limit, progress), n, s, make, one)


def random_number(n: int, s: int, limit: float | None, progress: int) -> Run:
    from arabic_events import parse_number

    parse_number("ثلاثة")
    run = Run("number", limit, progress)

    def one(text):
        q = parse_number(text)
        fz.check_quantity(text, q)
        if q is not None:
            run.notes["parsed"] += 1

    return _random_loop(run, n, s, fz.r_number_text, one)


def random_time(n: int, s: int, limit: float | None, progress: int) -> Run:
    from arabic_events import parse_time

    parse_time("أمس", reference="2020-03-29")
    run = Run("time", limit, progress)

    def one(case):
        text, ref = case
        t = parse_time(text, reference=ref)
        fz.check_time(text, t)
        if t is not None:
            run.notes["parsed"] += 1

    return _random_loop(run, n, s, lambda rng: (fz.r_time_text(rng), fz.r_reference(rng)), one)


TARGETS = {"number": run_number, "time": run_time, "pipeline": run_pipeline}
RANDOM_TARGETS = {"number": random_number, "time": random_time, "pipeline": random_pipeline}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--cases", type=int, default=100_000, help="cases per target (default 100000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--engine", choices=["hypothesis", "random"], default="hypothesis",
                    help="hypothesis strategies, or the same generators drawn with random.Random (about 20x cheaper per case)")
    ap.add_argument("--time-limit", type=float, default=None, help="seconds per target; stop early and report the count")
    ap.add_argument("--years", help="with --engine random: draw reference/publication years from A-B (default 1-9999)")
    ap.add_argument("--progress", type=int, default=10_000, help="print a line every N cases (0: never)")
    ap.add_argument("--json", help="write the summary as JSON to this path")
    args = ap.parse_args(argv)
    if args.years:
        lo, _, hi = args.years.partition("-")
        fz.REF_YEARS = (int(lo), int(hi))
    names = list(TARGETS) if args.target == "all" else [args.target]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    results = []
    for name in names:
        print(f"{name}: up to {args.cases} cases (seed {args.seed}, {args.engine})", flush=True)
        table = RANDOM_TARGETS if args.engine == "random" else TARGETS
        run = table[name](args.cases, args.seed, args.time_limit, args.progress)
        sm = run.summary()
        results.append(sm)
        print(f"{name}: {sm['cases']} cases, {sm['failures']} failures, {sm['documented_errors']} documented errors "
              f"{sm['documented_error_kinds']}, {sm['seconds']} s, slowest {sm['slowest_s'][:1]}", flush=True)
        for key, g in run.groups.items():
            print(f"--- {g['count']} x {key}\ninput: {g['input']!r}\n{g['traceback']}", flush=True)
        if sm["notes"]:
            print(f"notes: {sm['notes']}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"started": started, "seed": args.seed, "engine": args.engine,
                                               "years": fz.REF_YEARS, "results": results},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
