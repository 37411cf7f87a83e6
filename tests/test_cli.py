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


@pytest.mark.parametrize("backend,source", [("crf", "crf:v2"), ("neural", "nn:nn1")])
def test_extract_chooses_the_ner_model(capsys, backend, source):
    path = seed_paths()[0]
    assert main(["extract", str(path), "--brief", "--ner", backend]) == 0
    out = json.loads(capsys.readouterr().out)
    model = {e["source"] for e in out["entities"]} - {s for s in (e["source"] for e in out["entities"])
                                                       if s.startswith(("rule:", "gazetteer:"))}
    assert model == {source}


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


def test_timeline_merges_across_files(capsys, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("وانسحبت قوات التحالف الدولي من قاعدة القائم أمس، وسلمتها للجيش العراقي.", encoding="utf-8")
    b.write_text("سلم التحالف الدولي قاعدة القائم إلى الجيش العراقي يوم الخميس.", encoding="utf-8")
    assert main(["timeline", str(a), str(b), "--published", "2020-03-20", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    handovers = [r for r in rows if r["type"] == "HANDOVER"]
    assert len(handovers) == 1, rows
    assert sorted(handovers[0]["docs"]) == ["a", "b"]
    assert handovers[0]["date"] == "2020-03-19"


def test_timeline_rejects_wrong_number_of_dates(capsys, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("نص", encoding="utf-8")
    args = ["timeline", str(a), str(a), str(a), "--published", "2020-01-01", "--published", "2020-01-02"]
    assert main(args) == 2
    assert "once per file" in capsys.readouterr().err
