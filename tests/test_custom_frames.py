"""Runs the Python blocks of docs/custom-frames.md in order: the documentation is the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "custom-frames.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_doc_has_examples():
    blocks = _blocks()
    assert len(blocks) >= 5
    assert any("PROTEST" in b for b in blocks)


def test_custom_frames_doc_runs():
    ns: dict = {}
    for i, block in enumerate(_blocks()):
        try:
            exec(compile(block, f"{DOC.name}[block {i}]", "exec"), ns)
        except Exception as exc:  # show which block failed
            pytest.fail(f"block {i} of {DOC.name} failed: {exc!r}\n{block}")
