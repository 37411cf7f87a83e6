"""Long fuzzing profile for arabic_events (issue 13; results in docs/reliability.md).

    nice -n 19 python tools/fuzz.py --target number --cases 100000
    nice -n 19 python tools/fuzz.py --target time --cases 100000
    # the pipeline target in two shards, one per core, then the combined summary:
    nice -n 19 python tools/fuzz.py --target pipeline --cases 100000 --shard 1/2 --json /tmp/fz1.json &
    nice -n 19 python tools/fuzz.py --target pipeline --cases 100000 --shard 2/2 --json /tmp/fz2.json
    wait; python tools/fuzz.py --merge /tmp/fz1.json /tmp/fz2.json
    python tools/fuzz.py --target pipeline --case 4711     # replay one case by its number

Targets: ``pipeline`` (``ae.load()(text, published=...)``), ``number``
(``parse_number``), ``time`` (``parse_time``); publication and reference dates range over
year 1 to 9999 (``--years A-B`` narrows it). Two engines draw from the same alphabets and
mutations (``tests/fuzz_strategies.py``): ``random`` (default; case ``i`` is drawn from its
own ``random.Random("<seed>/<target>/<i>")``, so a case is replayed alone with ``--case i``
and ``--shard K/N`` runs the cases ``i`` with ``i % N == K - 1``) and ``hypothesis``
(generate phase only, no example database; a shard uses seed ``seed + K - 1``).

A case fails when it raises anything but a documented ``ArabicEventsError``
(``OffsetError`` counts as a failure) or breaks an invariant: ``doc.text`` unchanged,
every span's offsets and text valid in ``to_dict()``, JSON and UTF-8 encodable,
``from_dict`` round-trips; and on a fixed 1-in-``--same-every`` sample of the case numbers
(default 10; chosen by the crc32 of the number, so every shard gets its share), the same
output from a second run. Failures are grouped by exception type and
the innermost library frame; the first input of each group is printed with its case
number and traceback. Exit status 1 when any case failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import traceback
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import fuzz_strategies as fz  # noqa: E402

BAD_PUBLISHED = ["2020-03-29", "2020-03-299", "2020-03-29junk", "", "29/03/2020"]


class Run:
    """Counts, failure groups and slowest cases of one target (one shard)."""

    def __init__(self, target: str, limit_s: float | None, progress: int) -> None:
        self.target = target
        self.cases = 0
        self.rejected = 0  # documented InputError etc.
        self.failures = 0
        self.same_checked = 0
        self.groups: dict[str, dict[str, Any]] = {}
        self.kinds: Counter[str] = Counter()
        self.slowest: list[tuple[float, int, str]] = []
        self.t0 = time.perf_counter()
        self.cpu0 = time.process_time()
        self.limit_s = limit_s
        self.progress = progress
        self.stopped = False
        self.notes: Counter[str] = Counter()

    def out_of_time(self) -> bool:
        return self.limit_s is not None and time.perf_counter() - self.t0 > self.limit_s

    def case(self, fn: Callable[[], None], shown: Any, index: int = -1) -> None:
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
                self._fail(exc, shown, index)
        el = time.perf_counter() - t
        if len(self.slowest) < 5 or el > self.slowest[-1][0]:
            self.slowest = sorted(self.slowest + [(el, index, repr(shown)[:120])], reverse=True)[:5]
        if self.progress and self.cases % self.progress == 0:
            print(f"  {self.target}: {self.cases} cases, {self.failures} failures, "
                  f"{time.perf_counter() - self.t0:.0f} s", flush=True)

    def _fail(self, exc: BaseException, shown: Any, index: int) -> None:
        self.failures += 1
        tb = traceback.extract_tb(exc.__traceback__)
        lib = [f for f in tb if "arabic_events" in f.filename] or list(tb)
        where = f"{Path(lib[-1].filename).name}:{lib[-1].lineno}" if lib else "?"
        key = f"{type(exc).__name__} at {where}"
        g = self.groups.get(key)
        if g is None:
            self.groups[key] = {
                "count": 1,
                "case": index,
                "input": shown,
                "message": str(exc)[:300],
                "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-12:]),
            }
            print(f"  new failure (case {index}): {key}: {str(exc)[:200]}\n  input: {shown!r}"[:2000], flush=True)
        else:
            g["count"] += 1

    def summary(self) -> dict[str, Any]:
        secs = time.perf_counter() - self.t0
        return {
            "target": self.target,
            "cases": self.cases,
            "documented_errors": self.rejected,
            "documented_error_kinds": dict(self.kinds),
            "failures": self.failures,
            "same_output_checked": self.same_checked,
            "groups": {k: {kk: (repr(vv) if kk == "input" else vv) for kk, vv in v.items()} for k, v in self.groups.items()},
            "seconds": round(secs, 1),
            "cpu_seconds": round(time.process_time() - self.cpu0, 1),
            "ms_per_case": round(1000 * secs / max(1, self.cases), 2),
            "slowest_s": [(round(a, 3), i, b) for a, i, b in self.slowest],
            "stopped_by_time_limit": self.stopped,
            "notes": dict(self.notes),
        }


# ------------------------------------------------------------------ targets
# A target is: setup() -> checker, make(rng) -> case, one(checker, case, same) -> None.
def _pipeline_setup() -> Any:
    import arabic_events as ae
    from arabic_events.times import warm_up

    nlp = ae.load()
    warm_up()  # compile every time rule now, not inside the first cases
    nlp("تمهيد", published="2020-01-01")
    return nlp


def _pipeline_make(rng: random.Random) -> tuple[str, Any]:
    text = fz.r_pipeline_text(rng)
    return text, (rng.choice(BAD_PUBLISHED) if rng.random() < 0.1 else fz.r_reference(rng))


def _pipeline_one(nlp: Any, run: Run, case: tuple[str, Any], same: bool) -> None:
    text, published = case
    doc = nlp(text, published=published)
    fz.check_doc(nlp, text, published, doc, same=same)
    if same:
        run.same_checked += 1


def _number_setup() -> Any:
    from arabic_events import parse_number

    parse_number("ثلاثة")
    return parse_number


def _number_one(parse_number: Any, run: Run, text: str, same: bool) -> None:
    q = parse_number(text)
    fz.check_quantity(text, q)
    if q is not None:
        run.notes["parsed"] += 1


def _time_setup() -> Any:
    from arabic_events import parse_time
    from arabic_events.times import warm_up

    warm_up()
    parse_time("أمس", reference="2020-03-29")
    return parse_time


def _time_make(rng: random.Random) -> tuple[str, Any]:
    return fz.r_time_text(rng), fz.r_reference(rng)


def _time_one(parse_time: Any, run: Run, case: tuple[str, Any], same: bool) -> None:
    text, ref = case
    t = parse_time(text, reference=ref)
    fz.check_time(text, t)
    if t is not None:
        run.notes["parsed"] += 1


TARGETS: dict[str, tuple[Callable[[], Any], Callable[[random.Random], Any], Callable[..., None]]] = {
    "number": (_number_setup, fz.r_number_text, _number_one),
    "time": (_time_setup, _time_make, _time_one),
    "pipeline": (_pipeline_setup, _pipeline_make, _pipeline_one),
}


def case_rng(seed: int, target: str, index: int) -> random.Random:
    """The generator of case ``index`` (a str seed is hashed with SHA-512: stable across runs)."""
    return random.Random(f"{seed}/{target}/{index}")


def same_output_case(index: int, every: int) -> bool:
    """Whether case ``index`` is run twice: a fixed 1-in-``every`` sample of the case numbers
    (by their crc32, so every shard gets its share; ``i % every`` would miss odd shards)."""
    if every <= 1:
        return every == 1
    return zlib.crc32(str(index).encode()) % every == 0


def shard_indices(cases: int, shard: tuple[int, int]) -> Iterable[int]:
    k, n = shard
    return range(k - 1, cases, n)


def run_random(target: str, cases: int, seed: int, shard: tuple[int, int], same_every: int,
               limit: float | None, progress: int, only: int | None = None) -> Run:
    setup, make, one = TARGETS[target]
    checker = setup()
    run = Run(target, limit, progress)
    indices = [only] if only is not None else shard_indices(cases, shard)
    for i in indices:
        case = make(case_rng(seed, target, i))
        same = same_output_case(i, same_every)
        run.case(lambda: one(checker, run, case, same), case, i)
        if run.stopped:
            break
    return run


def run_hypothesis(target: str, cases: int, seed: int, shard: tuple[int, int], same_every: int,
                   limit: float | None, progress: int) -> Run:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    setup, _make, one = TARGETS[target]
    checker = setup()
    run = Run(target, limit, progress)
    strategy = {
        "pipeline": st.tuples(fz.pipeline_text(), st.one_of(fz.reference_dates(), st.sampled_from(BAD_PUBLISHED))),
        "number": fz.number_text(),
        "time": st.tuples(fz.time_text(), fz.reference_dates()),
    }[target]
    n = len(shard_indices(cases, shard))  # type: ignore[arg-type]

    @hseed(seed + shard[0] - 1)
    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def body(case: Any) -> None:
        i = run.cases
        same = same_output_case(i, same_every)
        run.case(lambda: one(checker, run, case, same), case, i)

    body()
    return run


# ------------------------------------------------------------------ command line
def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def merge(paths: list[str]) -> int:
    """Print the combined totals of several ``--json`` summaries (the shards of one run)."""
    total: dict[str, Counter[str]] = {}
    groups: dict[str, dict[str, Any]] = {}
    shards: dict[str, list[str]] = {}
    for p in paths:
        data = json.loads(Path(p).read_text(encoding="utf-8"))
        for r in data["results"]:
            c = total.setdefault(r["target"], Counter())
            for key in ("cases", "failures", "documented_errors", "same_output_checked", "seconds", "cpu_seconds"):
                c[key] += r.get(key, 0)
            shards.setdefault(r["target"], []).append(
                f"{data.get('shard', '1/1')} seed {data.get('seed')} {data.get('engine')} years {data.get('years')}: "
                f"{r['cases']} cases, {r['failures']} failures, {r['seconds']} s"
                + (" (stopped by the time limit)" if r.get("stopped_by_time_limit") else ""))
            for k, g in r.get("groups", {}).items():
                groups.setdefault(f"{r['target']}: {k}", g)
    for target, c in total.items():
        print(f"{target}: {c['cases']} cases, {c['failures']} failures, {c['documented_errors']} documented errors, "
              f"same output checked on {c['same_output_checked']}, {c['cpu_seconds']:.0f} CPU s")
        for line in shards[target]:
            print(f"  shard {line}")
    for k, g in groups.items():
        print(f"--- {k} (first: case {g.get('case')}): {g.get('message')}\ninput: {g.get('input')}")
    return 1 if any(c["failures"] for c in total.values()) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--cases", type=int, default=100_000, help="cases per target, all shards together (default 100000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--shard", default="1/1", help="K/N: run the K-th of N disjoint parts of the cases (default 1/1)")
    ap.add_argument("--case", type=int, help="with --engine random: replay only case number CASE (prints its input)")
    ap.add_argument("--engine", choices=["random", "hypothesis"], default="random",
                    help="random.Random (default) or hypothesis strategies (same alphabets, about 14x slower to draw)")
    ap.add_argument("--same-every", type=int, default=10,
                    help="run the pipeline twice and compare on 1 case in N (default 10; 1: every case; 0: never)")
    ap.add_argument("--time-limit", type=float, default=None, help="seconds per target; stop early and report the count")
    ap.add_argument("--years", help="draw reference/publication years from A-B (default 1-9999)")
    ap.add_argument("--progress", type=int, default=10_000, help="print a line every N cases (0: never)")
    ap.add_argument("--json", help="write the summary as JSON to this path")
    ap.add_argument("--merge", nargs="+", metavar="JSON", help="print the combined totals of --json summaries and exit")
    args = ap.parse_args(argv)
    if args.merge:
        return merge(args.merge)
    if args.years:
        lo, _, hi = args.years.partition("-")
        fz.REF_YEARS = (int(lo), int(hi))
    try:
        k, n = (int(x) for x in args.shard.split("/"))
        if not 1 <= k <= n:
            raise ValueError
    except ValueError:
        ap.error(f"--shard must be K/N with 1 <= K <= N, not {args.shard!r}")
    if args.years and args.engine == "hypothesis":
        ap.error("--years applies to --engine random")
    names = list(TARGETS) if args.target == "all" else [args.target]
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start = _load_average()
    results = []
    for name in names:
        if args.case is not None:
            if args.engine != "random":
                ap.error("--case needs --engine random")
            case = TARGETS[name][1](case_rng(args.seed, name, args.case))
            print(f"{name} case {args.case} (seed {args.seed}): {case!r}", flush=True)
        else:
            print(f"{name}: shard {k}/{n} of {args.cases} cases (seed {args.seed}, {args.engine}, "
                  f"same output checked on 1 case in {args.same_every})", flush=True)
        if args.engine == "random":
            run = run_random(name, args.cases, args.seed, (k, n), args.same_every if args.case is None else 1,
                             args.time_limit, args.progress, args.case)
        else:
            run = run_hypothesis(name, args.cases, args.seed, (k, n), args.same_every, args.time_limit, args.progress)
        sm = run.summary()
        results.append(sm)
        print(f"{name}: {sm['cases']} cases, {sm['failures']} failures, {sm['documented_errors']} documented errors "
              f"{sm['documented_error_kinds']}, {sm['seconds']} s ({sm['ms_per_case']} ms/case), "
              f"slowest {sm['slowest_s'][:1]}", flush=True)
        for key, g in run.groups.items():
            print(f"--- {g['count']} x {key} (first: case {g['case']})\ninput: {g['input']!r}\n{g['traceback']}", flush=True)
        if sm["notes"]:
            print(f"notes: {sm['notes']}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "started": started, "finished": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "seed": args.seed, "shard": f"{k}/{n}", "cases_requested": args.cases, "engine": args.engine,
            "same_every": args.same_every, "years": list(fz.REF_YEARS), "load_average_start": load_start,
            "load_average_end": _load_average(), "results": results,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
