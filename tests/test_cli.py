import io
import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

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


# ------------------------------------------------------------ formats and streaming
ARTICLE = "انسحبت القوات الأمريكية من قاعدة القائم أمس، وسلمتها للجيش العراقي."


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _run(args, *, input_bytes=None, env=None, timeout=300, **kw):
    e = dict(os.environ, PYTHONPATH=str(ROOT))
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "arabic_events", *args], input=input_bytes, capture_output=True,
                          env=e, cwd=ROOT, timeout=timeout, **kw)


def _one_line_error(stderr: bytes | str) -> str:
    err = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_piped_default_is_json_and_summary_on_request(capsys, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f), "--ner", "crf", "--published", "2020-03-20"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == str(f)
    assert main(["extract", str(f), "--ner", "crf", "--published", "2020-03-20", "--format", "summary"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"== {re.escape(str(f))}  published 2020-03-20 \(argument\), 1[0-9] tokens", out[0])
    assert out[1] == "events (2):"
    assert out[2].split()[:2] == ["WITHDRAWAL", "انسحبت"]
    assert "origin=قاعدة القائم;" in out[2] and out[2].endswith("when=2020-03-19")
    assert "dates (1):" in out and any(ln.split() == ["2020-03-19", "أمس", "(date)"] for ln in out)


def test_summary_is_the_default_on_a_terminal(tmp_path):
    import pty

    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    master, slave = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "arabic_events", "extract", str(f), "--ner", "crf"],
                           stdout=slave, stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                           cwd=ROOT, timeout=300)
        os.close(slave)
        slave = None
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 2)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    out = b"".join(chunks).decode("utf-8")
    assert r.returncode == 0, r.stderr
    assert out.startswith(f"== {f}") and "events (2):" in out and "{" not in out


def test_csv_conllu_and_jsonl_formats(capsys, tmp_path):
    import csv as _csv

    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f), "--ner", "crf", "--format", "csv", "--layer", "events"]) == 0
    rows = list(_csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["type"] for r in rows] == ["WITHDRAWAL", "HANDOVER"]
    assert rows[0]["doc_id"] == str(f) and "origin=قاعدة القائم" in rows[0]["arguments"]
    assert main(["extract", str(f), "--ner", "crf", "--format", "csv"]) == 0
    rows = list(_csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["layer"] for r in rows} == {"entity", "time", "event"}
    assert all(ARTICLE[int(r["start"]):int(r["end"])] == r["text"] for r in rows)
    assert main(["extract", str(f), "--ner", "crf", "--format", "conllu"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# newdoc id = {f}\n# sent_id = {f}-1\n# text = {ARTICLE}\n")
    assert re.search(r"^(\d+)-(\d+)\tوسلمتها\t", out, re.M)  # a multi-word token line


def test_jsonl_stdin_passes_fields_through_and_reports_bad_records(capsys, monkeypatch):
    lines = [
        json.dumps({"id": "n1", "text": ARTICLE, "published": "2020-03-20", "url": "http://x/1"}, ensure_ascii=False),
        json.dumps({"id": "n2", "text": "   "}),
        "{not json",
        json.dumps({"id": "n4", "text": "قال الوزير", "published": "2020-03-29junk"}, ensure_ascii=False),
        json.dumps({"id": "n5", "title": "no text"}),
        json.dumps({"id": "n6", "text": "زار الوزير الموصل\x00 أمس"}, ensure_ascii=False),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "n7", "text": "\xc7\xe1"}\n'
    _stdin(monkeypatch, data)
    assert main(["extract", "--ner", "crf", "--format", "jsonl", "--brief"]) == 1
    cap = capsys.readouterr()
    rows = [json.loads(x) for x in cap.out.splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2", "n6"]
    assert rows[0]["url"] == "http://x/1" and rows[0]["published"] == "2020-03-20"
    assert rows[0]["events"][0]["time"] == "2020-03-19"
    err = cap.err.splitlines()
    assert "Traceback" not in cap.err
    assert err == [
        "arabic-events extract: warning: n2: empty text (no characters but white space)",
        err[1],
        "arabic-events extract: error: n4: published '2020-03-29junk' is not a date; give an ISO date such as 2020-03-29",
        "arabic-events extract: error: n5: no 'text' string",
        "arabic-events extract: warning: n6: contains NUL bytes (is it a binary file?)",
        err[5],
        "arabic-events extract: 4 of 7 documents failed",
    ]
    assert err[1].startswith("arabic-events extract: error: <stdin>:3: not a JSON object")
    assert err[5].startswith("arabic-events extract: error: <stdin>:7: not UTF-8 text")


def test_jsonl_output_is_streamed_one_line_per_document():
    """The first document's line arrives while standard input is still open."""
    p = subprocess.Popen([sys.executable, "-m", "arabic_events", "extract", "--ner", "crf", "--format", "jsonl",
                          "--brief"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
    try:
        p.stdin.write((json.dumps({"id": "first", "text": ARTICLE}, ensure_ascii=False) + "\n").encode("utf-8"))
        p.stdin.flush()
        ready, _, _ = select.select([p.stdout], [], [], 240)
        assert ready, "no output line while input was still open"
        first = json.loads(p.stdout.readline())
        assert first["id"] == "first" and p.poll() is None
        p.stdin.write(b'{"id": "second", "text": "\\u0642\\u0627\\u0644"}\n')
        p.stdin.close()
        rest = p.stdout.read().decode("utf-8").splitlines()
        assert [json.loads(x)["id"] for x in rest] == ["second"]
        assert p.wait(timeout=60) == 0
    finally:
        if p.poll() is None:
            p.kill()
        p.stdout.close()
        p.stderr.close()


def test_folder_input_and_published_from(capsys, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "2020-03-20_a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "y" / "b.txt").write_text("سلم التحالف قاعدة القائم أمس.", encoding="utf-8")
    (tmp_path / "y" / "more.jsonl").write_text(
        json.dumps({"id": "j1", "text": "وصل الوفد أمس"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("id,published\nb,2021-01-10\nj1,2022-05-05\n", encoding="utf-8")
    assert main(["extract", str(tmp_path), "--ner", "crf", "--format", "jsonl", "--brief",
                 "--published-from", str(dates)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(Path(r["source"]).name, r["published"]) for r in rows] == [
        ("2020-03-20_a.txt", None), ("b.txt", "2021-01-10"), ("more.jsonl", "2022-05-05")]
    assert rows[2]["times"][0]["value"] == "2022-05-04"
    assert main(["extract", str(tmp_path / "x"), "--ner", "crf", "--format", "jsonl", "--brief",
                 "--published-from", r"regex:(?P<date>\d{4}-\d\d-\d\d)_"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["published"] == "2020-03-20" and row["events"][0]["time"] == "2020-03-19"


def test_progress_bar_on_request(capsys, tmp_path):
    pytest.importorskip("tqdm")
    paths = []
    for i in range(3):
        f = tmp_path / f"{i}.txt"
        f.write_text(ARTICLE, encoding="utf-8")
        paths.append(str(f))
    assert main(["extract", *paths, "--ner", "crf", "--format", "jsonl", "--brief", "--progress"]) == 0
    cap = capsys.readouterr()
    assert len(cap.out.splitlines()) == 3
    assert "3/3" in cap.err and "doc" in cap.err
    assert main(["extract", *paths, "--ner", "crf", "--format", "jsonl", "--brief"]) == 0
    assert capsys.readouterr().err == ""  # stderr is not a terminal: no bar


def test_threads_option_sets_backend_threads(capsys, tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        monkeypatch.delenv(var, raising=False)
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch else None
    try:
        assert main(["extract", str(f), "--format", "jsonl", "--brief", "--threads", "2"]) == 0
        assert os.environ["OMP_NUM_THREADS"] == os.environ["OPENBLAS_NUM_THREADS"] == "2"
        torch = sys.modules.get("torch")
        if torch is not None:
            assert torch.get_num_threads() == 2
    finally:
        if torch is not None:
            torch.set_num_threads(before or 1)
    capsys.readouterr()
    with pytest.raises(SystemExit) as e:
        main(["extract", str(f), "--threads", "0"])
    assert e.value.code == 2
    assert "must be 1 or more" in _one_line_error(capsys.readouterr().err)


def test_timeline_ids_of_same_named_files_do_not_collide(capsys, tmp_path):
    for folder, text in (("x", "انسحبت قوات التحالف من قاعدة القائم أمس."),
                         ("y", "سلم التحالف الدولي قاعدة التاجي إلى الجيش العراقي أمس.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    args = ["timeline", str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"), "--ner", "crf",
            "--published", "2020-03-20"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    docs = sorted(d for r in rows for d in r["docs"])
    assert docs == [str(tmp_path / "x" / "a"), str(tmp_path / "y" / "a")]


# --------------------------------------------------------------- robustness, for real
def test_closed_stdin_is_one_line_error():
    r = _run(["extract", "--ner", "crf"], stdin=None, preexec_fn=lambda: os.close(0))
    assert r.returncode == 2
    assert _one_line_error(r.stderr) == ("arabic-events extract: error: standard input is closed; "
                                         "give FILE arguments or pipe text in")


def test_ascii_locale_still_writes_utf8(tmp_path):
    f = tmp_path / "مقال.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    r = _run(["extract", str(f), "--ner", "crf", "--format", "jsonl", "--brief"], env=env)
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout.decode("utf-8"))
    assert row["source"] == str(f) and row["events"][0]["trigger"]["text"] == "انسحبت"
    r = _run(["extract", str(f), "--ner", "crf", "--format", "summary"], env=env)
    assert r.returncode == 0 and "انسحبت" in r.stdout.decode("utf-8")


def test_cp1256_on_stdin_is_a_clean_error():
    r = _run(["extract", "--ner", "crf"], input_bytes=ARTICLE.encode("cp1256"))
    assert r.returncode == 1 and r.stdout == b""
    err = r.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("arabic-events extract: error: <stdin>: not UTF-8 text (invalid")
    assert err.splitlines()[1] == "arabic-events extract: 1 of 1 document failed"


def test_empty_and_nul_files_warn(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    nul = tmp_path / "nul.txt"
    nul.write_bytes("قال\x00الوزير".encode("utf-8"))
    r = _run(["extract", str(empty), str(nul), "--ner", "crf", "--format", "jsonl", "--brief"])
    assert r.returncode == 0
    assert len(r.stdout.decode("utf-8").splitlines()) == 2
    assert r.stderr.decode("utf-8").splitlines() == [
        f"arabic-events extract: warning: {empty}: empty text (no characters but white space)",
        f"arabic-events extract: warning: {nul}: contains NUL bytes (is it a binary file?)",
    ]


@pytest.mark.parametrize("args, message", [
    (["--exclude", "evnts"], "arabic-events extract: error: unknown component for --exclude: evnts; known: "),
    (["--published", "2020-03-29junk"], "arabic-events extract: error: --published '2020-03-29junk' is not a date"),
    (["--published-from", "regex:("], "arabic-events extract: error: --published-from: bad regular expression"),
    (["--format", "xml"], "arabic-events extract: error: argument --format: invalid choice: 'xml'"),
])
def test_bad_options_are_one_line_errors(args, message, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = _run(["extract", str(f), "--ner", "crf", *args])
    assert r.returncode == 2
    assert _one_line_error(r.stderr).startswith(message)


def test_too_large_document_is_skipped_and_reported(capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 10, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(big), str(small), "--ner", "crf", "--format", "jsonl", "--brief",
                 "--max-bytes", "1000"]) == 1
    cap = capsys.readouterr()
    assert [json.loads(x)["id"] for x in cap.out.splitlines()] == [str(small)]
    assert f"error: {big}: too large (" in cap.err


def test_broken_pipe_is_quiet(tmp_path):
    files = []
    for i in range(3):
        f = tmp_path / f"{i}.txt"
        f.write_text(ARTICLE, encoding="utf-8")
        files.append(str(f))
    cmd = (f"{sys.executable} -m arabic_events extract {' '.join(files)} --ner crf --format jsonl | head -c 10")
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                       cwd=ROOT, timeout=300)
    assert len(r.stdout) == 10
    assert b"Traceback" not in r.stderr and b"Error" not in r.stderr


def test_lone_surrogate_in_jsonl_is_a_bad_record_not_broken_output():
    # a lone surrogate cannot be written as UTF-8: that record is reported (one line, its id) and
    # skipped, the next record still comes out as strict UTF-8 JSON, and the exit status is 1
    line = (b'{"id": "s", "text": "\\u0642\\u0627\\u0644 \\ud800 \\u0627\\u0644\\u0648\\u0632\\u064a\\u0631"}\n'
            b'{"id": "ok", "text": "\\u0642\\u0627\\u0644 \\u0627\\u0644\\u0648\\u0632\\u064a\\u0631"}\n')
    r = _run(["extract", "--ner", "crf", "--format", "jsonl"], input_bytes=line, env={"LANG": "C", "LC_ALL": "C"})
    assert r.returncode == 1, r.stderr
    assert b"surrogate" in r.stderr and b"Traceback" not in r.stderr
    rows = [json.loads(x) for x in r.stdout.decode("utf-8").splitlines()]  # strict UTF-8, valid JSON
    assert [row["id"] for row in rows] == ["ok"] and rows[0]["text"] == "قال الوزير"


def test_evaluate_events_subcommand_scores_saved_predictions(capsys):
    # the gold itself, given as saved predictions, scores 100 %
    dev = ROOT / "eval" / "events" / "dev"
    assert main(["evaluate-events", str(dev), "--predictions", str(dev / "gold"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["events"]["fp"] == 0 and report["events"]["fn"] == 0 and report["events"]["tp"] > 50
