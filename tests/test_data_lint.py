"""Every language data file under arabic_events/data parses and passes the data lint
(NFC, no presentation forms, no tatweel, no invisible characters)."""

import json

import pytest

from arabic_events._data import _read_text, iter_data_files, lint_string, lint_tree

FILES = list(iter_data_files())


def test_there_is_data():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(p.parts[-2:]))
def test_data_file_is_clean(path):
    text = _read_text(path)
    name = path.name.removesuffix(".gz")
    if name.endswith((".yaml", ".yml")):
        import yaml

        obj = yaml.safe_load(text)
    elif name.endswith(".json"):
        obj = json.loads(text)
    else:
        obj = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    problems = lint_tree(obj, path.name)
    assert problems == [], problems[:10]


@pytest.mark.parametrize(
    "bad, what",
    [("ﻻ", "presentation form"), ("بـغداد", "tatweel"), ("e\u0301", "not NFC"), ("a\u200fb", "invisible")],
)
def test_lint_catches(bad, what):
    problems = lint_string(bad, "x")
    assert problems and what in problems[0]
