"""Document structure: title, dateline, article body and boilerplate of a scraped page.

Scraped news pages carry navigation, tickers, "related news" lists, captions and comment
prompts around the article. The ``structure`` component scores every line (prose lines
score their word count, headline-like and marked lines are penalised), takes the
best-scoring contiguous block as the body (the idea of boilerpipe/jusText, reduced to
one pass), then looks above it for a dateline and a title. Cue phrases and patterns live
in ``data/structure/boilerplate.yaml``.

Output: ``doc.zones`` with ``title``, ``dateline``, ``body`` and ``boilerplate`` zones.
``doc.in_body(start, end)`` is what later stages use to ignore boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ._data import load_yaml
from .doc import Doc, Zone
from .normalize import normalize
from .pipeline import component

__all__ = ["detect_structure", "make_structure", "Line"]

_TERMINAL = tuple('.!?؟:"»”)…')
_WORD = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline
    text: str
    norm: str
    words: int


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    raw = load_yaml("structure/boilerplate.yaml")
    norm_list = lambda xs: [normalize(x).strip() for x in xs]  # noqa: E731
    dl = raw["dateline"]
    return {
        "headers": set(norm_list(raw["list_headers"])),
        "phrases": norm_list(raw["line_phrases"]),
        "patterns": [regex.compile(p) for p in raw["line_patterns"]],
        "dl_max": int(dl["max_words"]),
        "dl_patterns": [regex.compile(p) for p in dl["line_patterns"]],
        "dl_prefix": regex.compile(dl["prefix_pattern"]),
        "scoring": raw["scoring"],
        "tail": regex.compile(
            r"[.!?؟»\"”)]\s+(?:" + "|".join(regex.escape(normalize(m)) for m in raw.get("tail_markers", []))
            + r")\s*:?\s+[^.!?؟\n]{1,200}$"
        ),
    }


def _lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        # trim surrounding whitespace but keep offsets exact
        lead = len(body) - len(body.lstrip())
        content = body.strip()
        start = pos + lead
        end = start + len(content)
        n = normalize(content)
        out.append(Line(start, end, content, n.strip(), len(_WORD.findall(n))))
        pos += len(raw)
    return out


def _is_marked(line: Line, rules: dict[str, Any]) -> bool:
    n = line.norm
    if not n:
        return False
    if any(p in n for p in rules["phrases"]):
        return True
    return any(p.search(n) for p in rules["patterns"])


def _is_header(line: Line, rules: dict[str, Any]) -> bool:
    n = line.norm.rstrip(":»").strip()
    return n in rules["headers"]


def _is_prose(line: Line, rules: dict[str, Any]) -> bool:
    sc = rules["scoring"]
    if line.words == 0:
        return False
    if line.text.endswith("…") or line.text.endswith("..."):
        return False  # truncated link text
    if line.words >= sc["prose_min_words"]:
        return True
    return line.text.endswith(_TERMINAL) and line.words >= 4


def _is_dateline(line: Line, rules: dict[str, Any]) -> bool:
    if not line.norm or line.words > rules["dl_max"]:
        return False
    return any(p.search(line.norm) for p in rules["dl_patterns"])


def _tail_tags(text: str, line: Line, rules: dict[str, Any]) -> tuple[int, int] | None:
    """Span of a tag list glued after the last sentence of ``line`` (None if there is none)."""
    from .normalize import NormalizedText

    nt = NormalizedText(text[line.start : line.end])
    m = rules["tail"].search(nt.text)
    if not m or len(_WORD.findall(m.group(0))) > 9:
        return None
    s0, _ = nt.to_original(m.start() + 1, m.end())
    start = line.start + s0
    while start < line.end and text[start].isspace():
        start += 1
    return start, line.end


def detect_structure(text: str) -> list[Zone]:
    """Zones of a page: title, dateline, body and boilerplate (sorted by offset)."""
    if not text.strip():
        return []
    rules = _rules()
    sc = rules["scoring"]
    lines = _lines(text)
    n = len(lines)
    boiler = [False] * n
    # 1. marked lines, list headers and the lists under them, adjacent duplicates (captions)
    i = 0
    while i < n:
        ln = lines[i]
        if _is_header(ln, rules):
            boiler[i] = True
            j = i + 1
            while j < n and not lines[j].norm:
                j += 1
            while j < n and lines[j].norm and not _is_prose(lines[j], rules):
                boiler[j] = True
                j += 1
            # a list whose items are single long lines (tickers) also ends at a blank line
            if j < n and lines[j].norm and j == i + 1 + (0 if lines[i + 1].norm else 1):
                k = j
                while k < n and lines[k].norm and not lines[k].text.endswith((".", "؟", "!")):
                    boiler[k] = True
                    k += 1
            i = j
            continue
        if _is_marked(ln, rules):
            boiler[i] = True
        i += 1
    prev = None
    for i, ln in enumerate(lines):
        if not ln.norm:
            continue
        if prev is not None and lines[prev].norm == ln.norm and not _is_prose(ln, rules):
            boiler[prev] = boiler[i] = True
        prev = i
    # 2. scores and the best contiguous block (Kadane)
    scores = []
    for i, ln in enumerate(lines):
        if not ln.norm:
            scores.append(0)
        elif boiler[i]:
            scores.append(-(ln.words + sc["non_prose_penalty"]))
        elif _is_prose(ln, rules):
            scores.append(ln.words)
        else:
            scores.append(-(min(ln.words, 12) + sc["non_prose_penalty"]))
    best, best_span = 0, None
    cur, cur_start = 0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = 0, i
        cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i)
    if best_span is None:
        cand = [i for i, ln in enumerate(lines) if ln.norm and not boiler[i]]
        if not cand:
            return [Zone(text[ln.start : ln.end], ln.start, ln.end, "boilerplate", "structure:marked")
                    for i, ln in enumerate(lines) if ln.norm and boiler[i]]
        best_span = (cand[0], cand[-1])
    b0, b1 = best_span
    while b0 <= b1 and (not lines[b0].norm or boiler[b0]):
        b0 += 1
    while b1 >= b0 and (not lines[b1].norm or boiler[b1]):
        b1 -= 1
    zones: list[Zone] = []
    body_start, body_end = lines[b0].start, lines[b1].end
    tail = _tail_tags(text, lines[b1], rules)
    if tail is not None:
        body_end = tail[0]
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        zones.append(Zone(text[tail[0] : tail[1]], tail[0], tail[1], "boilerplate", "structure:tags"))
    # 3. dateline: as a prefix of the first body line, or short lines just above the body
    datelines: list[tuple[int, int]] = []
    first = lines[b0]
    m = rules["dl_prefix"].match(first.norm)
    if m:
        view_end = len(m.group(0).rstrip())
        from .normalize import NormalizedText

        nt = NormalizedText(first.text)
        # first.norm is nt.text stripped; both start at the first non-space character
        o0, o1 = nt.to_original(0, view_end)
        datelines.append((first.start + o0, first.start + o1))
        rest = first.start + o1
        while rest < body_end and text[rest].isspace():
            rest += 1
        body_start = rest
    title_idx = None
    k = b0 - 1
    while k >= 0:
        ln = lines[k]
        if not ln.norm or boiler[k]:
            k -= 1
            continue
        if _is_dateline(ln, rules):
            datelines.append((ln.start, ln.end))
            k -= 1
            continue
        if ln.words <= 1 and not regex.search(r"\p{Arabic}{2}", ln.text):
            zones.append(Zone(ln.text, ln.start, ln.end, "boilerplate", "structure:meta"))
            k -= 1
            continue
        if sc["title_min_words"] <= ln.words <= sc["title_max_words"]:
            title_idx = k
        break
    if title_idx is not None:
        t = lines[title_idx]
        zones.append(Zone(t.text, t.start, t.end, "title", "structure:title"))
    for d0, d1 in datelines:
        zones.append(Zone(text[d0:d1], d0, d1, "dateline", "structure:dateline"))
    zones.append(Zone(text[body_start:body_end], body_start, body_end, "body", "structure:block"))
    covered = {(z.start, z.end) for z in zones}
    for i, ln in enumerate(lines):
        if not ln.norm or (ln.start, ln.end) in covered:
            continue
        overlaps_body = ln.start < body_end and body_start < ln.end
        if boiler[i] or not overlaps_body:
            if title_idx == i:
                continue
            if any(d0 <= ln.start and ln.end <= d1 for d0, d1 in datelines):
                continue
            zones.append(Zone(ln.text, ln.start, ln.end, "boilerplate",
                              "structure:marked" if boiler[i] else "structure:outside"))
    zones.sort(key=lambda z: (z.start, -z.end))
    return zones


@component("structure", provides=["zones"], description="Detect title, dateline, body and boilerplate")
def make_structure(nlp: Any = None):
    """Factory of the ``structure`` component (no options)."""

    def structure(doc: Doc) -> Doc:
        doc.zones = detect_structure(doc.text)
        return doc

    return structure
