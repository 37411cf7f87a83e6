"""`arabic-events serve`: real HTTP requests to 127.0.0.1 on an ephemeral port, bounded in time."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from arabic_events.doc import Doc
from arabic_events.serve import make_server

from conftest import ROOT

TEXT = "انسحبت القوات من قاعدة القائم أمس."


@pytest.fixture(scope="module")
def crf_nlp():
    import arabic_events as ae

    return ae.load(ner="crf")


@pytest.fixture
def server(crf_nlp):
    srv = make_server(crf_nlp, port=0, max_bytes=2000, timeout=5, log=False)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        t.join(10)


def _req(srv, method, path, body=None, headers=None):
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return r.status, dict(r.getheaders()), data
    finally:
        conn.close()


def test_binds_localhost_by_default(server):
    assert server.server_address[0] == "127.0.0.1" and server.server_address[1] > 0


def test_health_and_index(server):
    status, headers, body = _req(server, "GET", "/health")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    obj = json.loads(body)
    assert obj["status"] == "ok" and "events" in obj["pipeline"]
    status, headers, body = _req(server, "GET", "/")
    assert status == 200 and b'<form method="post" action="/view">' in body and b"<textarea" in body


def test_extract_returns_the_doc_json(server):
    status, _h, body = _req(server, "POST", "/extract", json.dumps({"text": TEXT, "published": "2020-03-20"}),
                            {"Content-Type": "application/json"})
    assert status == 200
    d = json.loads(body)
    doc = Doc.from_dict(d)
    doc.check_offsets()
    assert d["text"] == TEXT and d["published"] == "2020-03-20"
    assert [(e["type"], e["time"]) for e in d["events"]] == [("WITHDRAWAL", "2020-03-19")]
    status, _h, body = _req(server, "POST", "/extract?brief=1&published=2020-03-20", TEXT,
                            {"Content-Type": "text/plain; charset=utf-8"})
    assert status == 200
    brief = json.loads(body)
    assert "tokens" not in brief and brief["events"][0]["time"] == "2020-03-19"


def test_view_page_from_the_form(server):
    import urllib.parse

    form = urllib.parse.urlencode({"text": TEXT, "published": "2020-03-20"})
    status, headers, body = _req(server, "POST", "/view", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert '<article id="ae-article" lang="ar" dir="rtl">' in page and "WITHDRAWAL" in page


@pytest.mark.parametrize("method, path, body, headers, status, message", [
    ("POST", "/extract", "{not json", {"Content-Type": "application/json"}, 400, "not JSON"),
    ("POST", "/extract", '{"txt": "x"}', {"Content-Type": "application/json"}, 400, '"text" string'),
    ("POST", "/extract", '{"text": "x", "published": "2020-13-45"}', {"Content-Type": "application/json"}, 400,
     "not a date"),
    ("POST", "/extract", b"\xc7\xe1", {"Content-Type": "text/plain"}, 400, "not UTF-8"),
    ("POST", "/extract", "x" * 2001, {"Content-Type": "text/plain"}, 413, "the limit is 2000"),
    ("POST", "/extract", "<a/>", {"Content-Type": "application/xml"}, 415, "unsupported Content-Type"),
    ("GET", "/extract", None, {}, 405, "use POST"),
    ("POST", "/health", "x", {"Content-Type": "text/plain"}, 405, "use GET"),
    ("DELETE", "/", None, {}, 405, "not allowed"),
    ("GET", "/nope", None, {}, 404, "no such page"),
])
def test_clear_4xx_errors(server, method, path, body, headers, status, message):
    got, h, data = _req(server, method, path, body, headers)
    assert got == status
    assert h["Content-Type"].startswith("application/json")
    err = json.loads(data)["error"]
    assert message in err and "Traceback" not in err


def test_missing_length_and_slow_client_are_refused(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 411")
    t0 = time.monotonic()
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nab")
        reply = s.recv(200)
    assert reply.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - t0 < 29  # bounded by the server's 5 s limit, not by the client's 30 s


def test_slow_analysis_gets_503_and_no_stack_trace(capsys):
    def slow(text, published=None):
        time.sleep(3)
        raise AssertionError("never seen by the client")

    def broken(text, published=None):
        raise KeyError("secret internals")

    for nlp, status, message in ((slow, 503, "longer than 0.5 s"), (broken, 500, "internal error")):
        srv = make_server(nlp, port=0, timeout=0.5, log=False)
        t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        t.start()
        try:
            got, _h, data = _req(srv, "POST", "/extract", '{"text": "x"}', {"Content-Type": "application/json"})
        finally:
            srv.shutdown()
            srv.server_close()
            t.join(10)
        assert got == status
        assert message in json.loads(data)["error"] and b"secret" not in data and b"Traceback" not in data
    assert "KeyError: 'secret internals'" in capsys.readouterr().err


def test_cli_serve_command():
    """The real command: listens on 127.0.0.1, answers, stops when terminated."""
    p = subprocess.Popen([sys.executable, "-m", "arabic_events", "serve", "--port", "0", "--ner", "crf",
                          "--exclude", "events"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
    try:
        line = p.stderr.readline().decode("utf-8")
        assert line.startswith("arabic-events serve: listening on http://127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1].split("/")[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/health")
        r = conn.getresponse()
        assert r.status == 200 and "events" not in json.loads(r.read())["pipeline"]
        conn.close()
    finally:
        p.terminate()
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=20)
        p.stderr.close()
