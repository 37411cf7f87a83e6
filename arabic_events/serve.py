"""A small local HTTP service around a pipeline (standard library only).

``arabic-events serve`` or::

    from arabic_events.serve import make_server
    server = make_server(ae.load(), port=8080)   # binds 127.0.0.1
    server.serve_forever()

Routes:

- ``GET /health`` -> ``{"status": "ok", "version", "pipeline"}``
- ``POST /extract`` with JSON ``{"text": "...", "published": "2020-03-29"}`` (or a
  ``text/plain`` body and ``?published=``) -> the Doc JSON (``Doc.to_dict()``);
  ``?brief=1`` leaves out text, sentences and tokens
- ``GET /`` -> an HTML page with a text box; it posts to ``POST /view`` -> the HTML view
- ``GET /schema`` -> the JSON Schema of the output

Requests are bounded: a body over ``max_bytes`` is refused (413), a request that is not
read within ``timeout`` seconds gets 408, and an analysis that takes longer than
``timeout`` (queue wait included: documents are analysed one at a time) gets 503.
Errors are JSON ``{"error": "..."}`` with a 4xx status; an unexpected failure is a 500
with no details for the client (one line on the server's stderr). See docs/serve.md.
"""

from __future__ import annotations

import json
import socket
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as _FutureTimeout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from .errors import ArabicEventsError

__all__ = ["make_server", "Server"]

_BRIEF_DROP = ("tokens", "sentences", "text", "meta")

_INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>arabic_events</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px/1.5 system-ui,"DejaVu Sans",sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
textarea{width:100%;min-height:16rem;font-size:1.1rem;line-height:1.8}label{display:block;margin:.6rem 0}</style>
</head><body><h1>arabic_events</h1>
<form method="post" action="/view">
<label>Article text<textarea name="text" dir="rtl" lang="ar" required></textarea></label>
<label>Publication date (optional) <input type="date" name="published"></label>
<button type="submit">Analyse</button></form>
<p>JSON API: <code>POST /extract</code> with <code>{"text": "...", "published": "2020-03-29"}</code>;
<code>GET /health</code>; <code>GET /schema</code>.</p>
</body></html>
"""


class Server(ThreadingHTTPServer):
    """The HTTP server; ``analyse(text, published)`` runs the pipeline with a time limit."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], nlp: Callable[..., Any], *, max_bytes: int, timeout: float,
                 log: bool = True) -> None:
        self.nlp = nlp
        self.max_bytes = max_bytes
        self.request_timeout = timeout
        self.log = log
        # one worker: the pipeline analyses one document at a time
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arabic-events-nlp")
        super().__init__(address, _Handler)

    def analyse(self, text: str, published: Any) -> Any:
        fut = self.executor.submit(self.nlp, text, published=published)
        try:
            return fut.result(timeout=self.request_timeout)
        except _FutureTimeout:
            fut.cancel()
            raise _HTTPError(503, f"the analysis took longer than {self.request_timeout:g} s; "
                                  "send a shorter text or retry later") from None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A request that fails outside the handler (a client that hangs up mid-request): one
        log line on stderr instead of socketserver's traceback; the server goes on."""
        if self.log:
            exc = sys.exc_info()[1]
            sys.stderr.write(f"arabic-events serve: request from {client_address[0]} failed: "
                             f"{type(exc).__name__}: {exc}\n")

    def server_close(self) -> None:
        super().server_close()
        self.executor.shutdown(wait=False, cancel_futures=True)


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class _Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "arabic-events"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.timeout = self.server.request_timeout  # socket read timeout (slow clients)
        super().setup()

    # --------------------------------------------------------------- plumbing
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server API
        if self.server.log:
            sys.stderr.write(f"arabic-events serve: {self.address_string()} {format % args}\n")

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                   headers)

    def _route(self, handler: Callable[[], None]) -> None:
        try:
            handler()
        except _HTTPError as exc:
            self._json(exc.status, {"error": exc.message}, exc.headers)
        except ArabicEventsError as exc:
            self._json(400, {"error": str(exc)})
        except (socket.timeout, TimeoutError):
            self._json(408, {"error": f"the request was not received within {self.server.request_timeout:g} s"})
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - never a stack trace to the client
            sys.stderr.write(f"arabic-events serve: internal error on {self.command} {self.path}: "
                             f"{type(exc).__name__}: {exc}\n")
            self._json(500, {"error": "internal error; the server log has the details"})

    def _path(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query)

    def _body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise _HTTPError(411, "send the body with a Content-Length (chunked encoding is not accepted)")
        length = self.headers.get("Content-Length")
        if length is None:
            raise _HTTPError(411, "a Content-Length header is required")
        try:
            n = int(length)
        except ValueError:
            raise _HTTPError(400, "Content-Length is not a number") from None
        if n < 0:
            raise _HTTPError(400, "Content-Length is negative")
        if n > self.server.max_bytes:
            raise _HTTPError(413, f"the body has {n} bytes; the limit is {self.server.max_bytes}")
        data = self.rfile.read(n)
        if len(data) < n:
            raise _HTTPError(400, "the body is shorter than its Content-Length")
        return data

    @staticmethod
    def _decode(data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _HTTPError(400, f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None

    def _text_and_date(self, query: dict[str, list[str]]) -> tuple[str, Any]:
        data = self._body()
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        published = (query.get("published") or [None])[0]
        if ctype in ("application/json", ""):
            try:
                obj = json.loads(self._decode(data))
            except (ValueError, RecursionError):
                raise _HTTPError(400, 'the body is not JSON; send {"text": "...", "published": "YYYY-MM-DD"}') from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise _HTTPError(400, 'the JSON body needs a "text" string')
            published = obj.get("published", published)
            return obj["text"], published
        if ctype == "text/plain":
            return self._decode(data), published
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(self._decode(data), keep_blank_values=True)
            text = (form.get("text") or [""])[0]
            return text, (form.get("published") or [published])[0] or None
        raise _HTTPError(415, f"unsupported Content-Type {ctype!r}; use application/json or text/plain")

    # ---------------------------------------------------------------- routes
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self._route(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._route(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._route(self._post)

    def _not_allowed(self, allow: str) -> None:
        raise _HTTPError(405, f"{self.command} is not allowed here; use {allow}", {"Allow": allow})

    def do_PUT(self) -> None:  # noqa: N802
        self._route(lambda: self._not_allowed("GET, POST"))

    do_DELETE = do_PATCH = do_PUT

    def _get(self) -> None:
        path, _query = self._path()
        if path == "/health":
            from . import __version__

            names = getattr(self.server.nlp, "pipe_names", None)
            self._json(200, {"status": "ok", "version": __version__, "pipeline": list(names or [])})
        elif path == "/":
            self._send(200, _INDEX.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/schema":
            from .schema import schema_text

            self._send(200, schema_text().encode("utf-8"), "application/schema+json")
        elif path in ("/extract", "/view"):
            self._not_allowed("POST")
        else:
            raise _HTTPError(404, f"no such page: {path}; try GET /health, GET / or POST /extract")

    def _post(self) -> None:
        path, query = self._path()
        if path not in ("/extract", "/view"):
            if path in ("/health", "/", "/schema"):
                self._not_allowed("GET")
            raise _HTTPError(404, f"no such endpoint: {path}; POST /extract or POST /view")
        text, published = self._text_and_date(query)
        doc = self.server.analyse(text, published)
        if path == "/extract":
            d = doc.to_dict()
            if (query.get("brief") or ["0"])[0] not in ("0", "", "false"):
                for k in _BRIEF_DROP:
                    d.pop(k, None)
            self._json(200, d)
        else:
            from .render import render

            page = render(doc, title="arabic_events")
            page = page.replace("<header>", '<header><p><a href="/">&larr; another text</a></p>', 1)
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")


def make_server(nlp: Callable[..., Any], host: str = "127.0.0.1", port: int = 8080, *, max_bytes: int = 1_000_000,
                timeout: float = 30.0, log: bool = True) -> Server:
    """A ready :class:`Server` bound to ``host:port`` (``port=0`` picks a free port)."""
    if max_bytes < 1 or timeout <= 0:
        raise ArabicEventsError("max_bytes and timeout must be positive")
    try:
        return Server((host, port), nlp, max_bytes=max_bytes, timeout=timeout, log=log)
    except OSError as exc:
        raise ArabicEventsError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None

