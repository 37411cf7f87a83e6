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
    ap = raw["article_parts"]

    def starts(xs):
        return regex.compile(r"^(?:" + "|".join(regex.escape(x) for x in sorted(norm_list(xs), key=len, reverse=True))
                             + r")(?![\p{L}\p{N}])")

    return {
        "headers": set(norm_list(raw["list_headers"])),
        "phrases": regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(
            regex.escape(x) for x in sorted(set(norm_list(raw["line_phrases"])), key=len, reverse=True)) + r")(?![\p{L}\p{N}])"),
        "phrase_max": int(raw.get("phrase_max_words", 15)),
        "raw_patterns": [regex.compile(p) for p in raw.get("raw_line_patterns", ())],
        "chrome_lines": set(norm_list(raw.get("chrome_lines", ()))),
        "nav": set(norm_list(raw.get("nav_words", ()))),
        "patterns": [regex.compile(p) for p in raw["line_patterns"]],
        "bullet": regex.compile(ap["bullet"]),
        "factbox": starts(ap["factbox_cues"]),
        "caption": starts(ap["caption_cues"]),
        "caption_markers": norm_list(ap["caption_markers"]),
        "caption_credit": regex.compile(ap["caption_credit"]),
        "byline": starts(ap["byline_cues"]),
        "dl_max": int(dl["max_words"]),
        "dl_patterns": [regex.compile(p) for p in dl["line_patterns"]],
        "dl_prefix": regex.compile(dl["prefix_pattern"]),
        "scoring": raw["scoring"],
        "tags_line": regex.compile(
            r"^(?:" + "|".join(regex.escape(normalize(m)) for m in raw.get("tail_markers", [])) + r")\s*(?::|$)"),
        "tail": regex.compile(
            r"[.!?؟»\"”)]\s+(?:" + "|".join(regex.escape(normalize(m)) for m in raw.get("tail_markers", []))
            + r")\s*:?\s+[^.!?؟\n]{1,200}$"
        ),
    }


_NAV_SPLIT = regex.compile(r"\s*[|/•·]\s*|\s+-\s+")


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
    m = rules["phrases"].search(n)
    if m and (line.words <= rules["phrase_max"] or m.start() == 0):
        return True
    if any(p.search(line.text) for p in rules["raw_patterns"]):
        return True
    if n.rstrip(":").strip() in rules["chrome_lines"]:
        return True
    if _is_nav(n, rules) or rules["tags_line"].match(n):
        return True
    return any(p.search(n) for p in rules["patterns"])


def _is_nav(n: str, rules: dict[str, Any]) -> bool:
    """A menu line: section names alone or separated by | / • · -."""
    items = [x for x in _NAV_SPLIT.split(n) if x]
    return bool(items) and all(x in rules["nav"] for x in items)


def _article_part(line: Line, rules: dict[str, Any]) -> bool:
    """A non-prose line that belongs to an article: bullet, fact box, caption, byline, pipe summary."""
    n = line.norm
    if rules["bullet"].match(line.text) and line.words >= 2:
        return True
    if rules["factbox"].match(n) or rules["byline"].match(n) or rules["caption"].match(n):
        return True
    if any(m in n for m in rules["caption_markers"]):
        return True
    if rules["caption_credit"].search(n) and line.words >= 4:
        return True
    if "|" in n and line.words >= 4 and not _is_nav(n, rules):
        return True
    return False


def _truncated(line: Line) -> bool:
    return line.text.endswith("…") or line.text.endswith("...")


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


def _articleish(line: Line, rules: dict[str, Any]) -> bool:
    """A line below the body that still belongs to the article."""
    if _is_prose(line, rules) or _article_part(line, rules):
        return True
    if _truncated(line):
        return False
    return line.words >= 3 or (line.words >= 2 and any(c.isdigit() for c in line.norm))


def _headline(line: Line, rules: dict[str, Any]) -> bool:
    """A headline may end with "!" or "?" (not with a full stop or a colon)."""
    sc = rules["scoring"]
    return (sc["title_min_words"] <= line.words <= min(sc["title_max_words"], sc["prose_min_words"] - 1)
            and line.text.rstrip("\"»”)").endswith(("!", "?", "؟")))


def _grow_down(lines: list[Line], boiler: list[bool], listed: list[bool], b1: int, rules: dict[str, Any]) -> int:
    n = len(lines)
    j = b1 + 1
    while j < n:
        ln = lines[j]
        if not ln.norm:
            j += 1
            continue
        if boiler[j]:
            if listed[j]:
                break
            # a marked line between paragraphs ("اقرأ أيضا: ..."): the body goes on when prose follows
            k = j + 1
            while k < n and not lines[k].norm:
                k += 1
            if k < n and not boiler[k] and _is_prose(lines[k], rules):
                j = k
                continue
            break
        if not _articleish(ln, rules):
            break
        b1 = j
        j += 1
    return b1


def _walk_up(lines: list[Line], boiler: list[bool], listed: list[bool], b0: int,
             rules: dict[str, Any], captions: set[int]) -> tuple[int | None, list[tuple[int, str]], list[int]]:
    """(title line, [(line, kind)] between title and body, two-word lines seen) above the body.

    kind: ``dateline``, ``article`` (stand-first, bullet, caption, byline, fact box) or
    ``short`` (a line of one or two words: kept when a title is found above it)."""
    sc = rules["scoring"]
    pending: list[tuple[int, str]] = []
    short: list[int] = []
    k = b0 - 1
    while k >= 0:
        ln = lines[k]
        if not ln.norm:
            k -= 1
            continue
        if boiler[k]:
            if listed[k]:
                break
            k -= 1
            continue
        if _is_dateline(ln, rules):
            pending.append((k, "dateline"))
        elif ln.words <= 1 and not regex.search(r"\p{Arabic}{2}", ln.text):
            pass  # a stray symbol or number: meta, not the article
        elif k in captions or _article_part(ln, rules) or (_is_prose(ln, rules) and not _headline(ln, rules)):
            pending.append((k, "article"))
        elif sc["title_min_words"] <= ln.words <= sc["title_max_words"] and not _truncated(ln):
            return k, pending, short
        else:
            pending.append((k, "short"))
            if ln.words == 2 and regex.search(r"\p{Arabic}{2}", ln.text):
                short.append(k)
        k -= 1
    return None, pending, short


def detect_structure(text: str) -> list[Zone]:
    """Zones of a page: title, dateline, body and boilerplate (sorted by offset)."""
    if not text.strip():
        return []
    rules = _rules()
    sc = rules["scoring"]
    lines = _lines(text)
    n = len(lines)
    boiler = [False] * n
    listed = [False] * n  # in a list under a header (related news, tickers): the body never grows into it
    # 1. marked lines, list headers and the lists under them, adjacent duplicates (captions)
    i = 0
    while i < n:
        ln = lines[i]
        if _is_header(ln, rules):
            boiler[i] = listed[i] = True
            j = i + 1
            while j < n and not lines[j].norm:
                j += 1
            while j < n and lines[j].norm and not _is_prose(lines[j], rules):
                if j + 1 < n and _is_prose(lines[j + 1], rules) and not _truncated(lines[j]) and j > i + 1:
                    break  # a headline glued under the list (no blank line): the article starts here
                boiler[j] = listed[j] = True
                j += 1
            # a list whose items are single long lines (tickers) also ends at a blank line
            if j < n and lines[j].norm and j == i + 1 + (0 if lines[i + 1].norm else 1):
                k = j
                while k < n and lines[k].norm and not lines[k].text.endswith((".", "؟", "!")):
                    boiler[k] = listed[k] = True
                    k += 1
            i = j
            continue
        if _is_marked(ln, rules):
            boiler[i] = True
        i += 1
    prev = None
    captions: set[int] = set()
    for i, ln in enumerate(lines):
        if not ln.norm:
            continue
        if prev is not None and lines[prev].norm == ln.norm and not _is_prose(ln, rules):
            boiler[i] = True  # a caption printed twice (alt text + caption): the first copy is the article's
            captions.add(prev)
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
    # 3. grow the body over the article parts around the core block: fact boxes, bullets,
    # captions, subheads and paragraphs below it up to the first chrome; stand-firsts,
    # bullets, captions and bylines above it up to the title
    b1 = _grow_down(lines, boiler, listed, b1, rules)
    title_idx, pending, short = _walk_up(lines, boiler, listed, b0, rules, captions)
    zones: list[Zone] = []
    if title_idx is None and short:
        title_idx = short[0]  # no headline-length line: the nearest two-word line above the body
    floor = -1 if title_idx is None else title_idx
    keep = [k for k, kind in pending if k > floor and (kind == "article" or (kind == "short" and title_idx is not None))]
    datelines: list[tuple[int, int]] = [(lines[k].start, lines[k].end) for k, kind in pending
                                        if kind == "dateline" and k > floor]
    top = min(keep) if keep else b0
    body_start, body_end = lines[top].start, lines[b1].end
    tail = _tail_tags(text, lines[b1], rules)
    if tail is not None:
        body_end = tail[0]
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        zones.append(Zone(text[tail[0] : tail[1]], tail[0], tail[1], "boilerplate", "structure:tags"))
    # a dateline at the start of the first body paragraph: "باريس (رويترز) - ..."
    first = lines[b0]
    m = rules["dl_prefix"].match(first.norm) if top == b0 else None
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
    for k in range(b0 - 1, (title_idx if title_idx is not None else -1), -1):
        ln = lines[k]
        if ln.norm and not boiler[k] and ln.words <= 1 and not regex.search(r"\p{Arabic}{2}", ln.text) \
                and k not in keep and (ln.start, ln.end) not in datelines:
            zones.append(Zone(ln.text, ln.start, ln.end, "boilerplate", "structure:meta"))
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
