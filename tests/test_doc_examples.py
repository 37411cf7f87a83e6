"""The code blocks of the product-surface docs run as tests.

Per page, the ```python blocks run in order in one namespace (a later block uses names
from an earlier one); each ```bash block runs with `bash -euo pipefail` in a scratch
folder where `seeds/` is the repository's seed folder and `arabic-events` / `python` are
this interpreter. ```console and ```text blocks are illustrations and do not run.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import arabic_events as ae

from conftest import ROOT

DOCS = ["cli.md", "export.md", "render.md", "serve.md"]
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def _blocks(name: str, lang: str) -> list[str]:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    return [body for kind, body in _BLOCK.findall(text) if kind == lang]


@pytest.fixture
def scratch(tmp_path):
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    for exe, body in (("arabic-events", f'exec "{sys.executable}" -m arabic_events "$@"\n'),
                      ("python", f'exec "{sys.executable}" "$@"\n')):
        p = bin_dir / exe
        p.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
        p.chmod(p.stat().st_mode | stat.S_IEXEC)
    return tmp_path


@pytest.fixture
def cached_load(nlp, monkeypatch):
    """ae.load() returns pipelines built once (the default one is the session's)."""
    real = ae.load
    cache = {"()": nlp}

    def load(*args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        key = "()" if key == repr(((), [])) else key
        if key not in cache:
            cache[key] = real(*args, **kwargs)
        return cache[key]

    monkeypatch.setattr(ae, "load", load)
    return load


def test_every_page_has_runnable_examples():
    for name in DOCS:
        assert _blocks(name, "python") or _blocks(name, "bash"), name


@pytest.mark.parametrize("name", [n for n in DOCS if _blocks(n, "python")])
def test_python_examples(name, scratch, cached_load, monkeypatch, capsys):
    monkeypatch.chdir(scratch)
    namespace: dict = {"__name__": f"docs_{name}"}
    for i, code in enumerate(_blocks(name, "python")):
        exec(compile(code, f"docs/{name} python block {i + 1}", "exec"), namespace)  # noqa: S102
    capsys.readouterr()


@pytest.mark.parametrize("name", [n for n in DOCS if _blocks(n, "bash")])
def test_bash_examples(name, scratch):
    env = dict(os.environ, PATH=f"{scratch / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    for i, code in enumerate(_blocks(name, "bash")):
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=scratch, env=env, capture_output=True,
                           text=True, timeout=600)
        assert r.returncode == 0, f"docs/{name} bash block {i + 1} failed:\n{code}\n{r.stderr[-2000:]}"
        assert "Traceback" not in r.stderr
