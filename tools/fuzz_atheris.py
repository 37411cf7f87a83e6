"""Coverage-guided fuzzing with atheris (optional: ``pip install atheris``, the ``fuzz`` extra).

    python tools/fuzz_atheris.py number -atheris_runs=200000
    python tools/fuzz_atheris.py time -max_total_time=600
    python tools/fuzz_atheris.py pipeline -max_total_time=600 -max_len=2000

The bytes libFuzzer produces are decoded as UTF-8 (undecodable inputs are skipped, like a
caller who decodes first); for ``time`` and ``pipeline`` the first two bytes choose a
reference/publication date from year 1 to 9999. A crash is any exception but a documented
``ArabicEventsError`` (``OffsetError`` included) or a broken invariant (see
``tests/fuzz_strategies.py``); libFuzzer then writes the input to ``crash-*``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["arabic_events"]):
    import arabic_events as ae
    import arabic_events.numbers._engine  # noqa: F401  (lazy modules: imported here to be instrumented)
    import arabic_events.times.parser  # noqa: F401
    import arabic_events.pipeline  # noqa: F401
    from arabic_events import parse_number, parse_time  # noqa: F401

import fuzz_strategies as fz  # noqa: E402

_FIRST = dt.date(1, 1, 1).toordinal()
_SPAN = dt.date(9999, 12, 31).toordinal() - _FIRST


def _split(data: bytes) -> tuple[dt.date, str | None]:
    k = int.from_bytes(data[:2].ljust(2, b"\0"), "big")
    ref = dt.date.fromordinal(_FIRST + k * _SPAN // 65535)
    try:
        return ref, data[2:].decode("utf-8")
    except UnicodeDecodeError:
        return ref, None


def _documented(fn):
    try:
        return fn()
    except ae.ArabicEventsError as exc:
        if not fz.documented(exc):
            raise
        return None


def number(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    fz.check_quantity(text, _documented(lambda: ae.parse_number(text)))


def time(data: bytes) -> None:
    ref, text = _split(data)
    if text is not None:
        fz.check_time(text, _documented(lambda: ae.parse_time(text, reference=ref)))


_NLP = None


def pipeline(data: bytes) -> None:
    global _NLP
    ref, text = _split(data)
    if text is None:
        return
    if _NLP is None:
        _NLP = ae.load()
    doc = _documented(lambda: _NLP(text, published=ref))
    if doc is not None:
        fz.check_doc(_NLP, text, ref, doc)


TARGETS = {"number": number, "time": time, "pipeline": pipeline}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
