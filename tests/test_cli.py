import json
import subprocess
import sys

import pytest

from arabic_events.cli import main

from conftest import ROOT, seed_paths


def test_extract_seed_prints_json(capsys):
    path = seed_paths()[-1]
    assert main(["extract", str(path), "--published", "2020-03-20"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == str(path)
    assert out["published"] == "2020-03-20"
    assert out["text"] == path.read_text(encoding="utf-8")
    for key in ("sentences", "tokens", "entities", "quantities", "times", "events", "zones"):
        assert isinstance(out[key], list)
    assert any(z["label"] == "body" for z in out["zones"])


def test_extract_jsonl_two_files_brief(capsys):
    paths = [str(p) for p in seed_paths()[:2]]
    assert main(["extract", *paths, "--format", "jsonl", "--brief"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 2
    rows = [json.loads(x) for x in lines]
    assert [r["source"] for r in rows] == paths
    assert "tokens" not in rows[0] and "entities" in rows[0]


def test_missing_file_is_clear_error(capsys):
    assert main(["extract", "no/such/file.txt"]) == 2
    err = capsys.readouterr().err
    assert "no/such/file.txt" in err and "no such file" in err


def test_bad_date_is_clear_error(capsys):
    assert main(["extract", str(seed_paths()[0]), "--published", "29/03/2020"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_stdin_and_module_entry_point():
    r = subprocess.run(
        [sys.executable, "-m", "arabic_events", "extract", "--format", "jsonl"],
        input="انسحبت القوات من القاعدة.",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)
    assert row["source"] == "<stdin>" and row["text"] == "انسحبت القوات من القاعدة."


def test_help_documents_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("extract", "evaluate", "evaluate-segmentation", "components"):
        assert cmd in out
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "--published" in out and "--format" in out
