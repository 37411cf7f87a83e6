"""Architecture guards: the public API, and what `import arabic_events` may not do."""

import subprocess
import sys
import textwrap

import arabic_events as ae

from conftest import ROOT

EXPECTED_API = {
    "__version__", "load", "Pipeline", "component", "registered_components",
    "Doc", "Token", "Segment", "Sentence", "Zone", "Entity", "Quantity", "TimeExpr", "Trigger",
    "Argument", "Event",
    "ArabicEventsError", "ConfigError", "DataError", "FrameError", "InputError", "ModelNotFoundError",
    "OffsetError",
    "normalize", "NormalizedText", "tokenize", "parse_number", "parse_time", "Frame", "load_frame",
    "merge_events", "Corpus",
    "to_frame", "to_conllu", "to_spacy", "from_spacy", "render", "schema",
}


def test_public_api_snapshot():
    assert set(ae.__all__) == EXPECTED_API


def test_errors_share_base_and_builtins():
    assert issubclass(ae.ConfigError, ae.ArabicEventsError) and issubclass(ae.ConfigError, ValueError)
    assert issubclass(ae.ModelNotFoundError, FileNotFoundError)
    assert issubclass(ae.InputError, ae.ArabicEventsError)


def test_import_is_light_offline_and_writes_nothing(tmp_path):
    code = textwrap.dedent(
        """
        import os, socket, sys, builtins
        def no_net(*a, **k):
            raise AssertionError("network used at import")
        socket.socket.connect = no_net
        socket.create_connection = no_net
        real_open = builtins.open
        def guarded_open(file, mode="r", *a, **k):
            if any(m in mode for m in "wax+"):
                raise AssertionError(f"file write at import: {file}")
            return real_open(file, mode, *a, **k)
        builtins.open = guarded_open
        import arabic_events
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"torch", "stanza", "transformers", "camel_tools", "pycrfsuite", "yaml"})
        print(",".join(heavy))
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""
    assert list(tmp_path.iterdir()) == []


def test_lazy_names_resolve():
    for name in ("normalize", "NormalizedText", "tokenize", "parse_number", "parse_time", "Frame",
                 "load_frame", "merge_events", "Corpus"):
        assert callable(getattr(ae, name)), name
    assert ae.parse_number("خمسة آلاف ومئتي").value == 5200
    assert ae.parse_time("أمس", reference="2020-03-29").value == "2020-03-28"
