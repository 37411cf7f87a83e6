"""Hypothesis strategies and invariant checks for fuzzing arabic_events.

Used by ``tests/test_fuzz.py`` (the quick profile, a few hundred examples per target) and
``tools/fuzz.py`` (the long profile, >= 100,000 cases per target; see
docs/reliability.md). Three targets:

- ``pipeline``: ``nlp(text, published=...)`` over generated and mutated news text;
- ``number``: :func:`arabic_events.parse_number` over short number-like strings;
- ``time``: :func:`arabic_events.parse_time` with reference dates from year 1 to 9999.

The generators cover Arabic letters, harakat, tatweel, every digit family (ASCII,
Arabic-Indic, Extended Arabic-Indic), Arabic and Latin punctuation, brackets and quotes,
bidi and zero-width controls, emoji, HTML fragments, Persian/Urdu letters, repeated
clitics and letters, and mutations of real news sentences (the seed articles, plus
SaudiNewsNet when ``../shared/data`` is present). Characters are given as code point
ranges; real words only come from those corpora at run time (no Arabic words in code).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ alphabets
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0653", "\u0654", "\u0655"]
TATWEEL = "\u0640"
CLITIC_LETTERS = ["\u0648", "\u0641", "\u0628", "\u0644", "\u0643", "\u0633"]  # و ف ب ل ك س
ARTICLE = "\u0627\u0644"  # ال
DIGITS = {
    "ascii": "0123456789",
    "arabic_indic": "".join(chr(c) for c in range(0x0660, 0x066A)),
    "extended": "".join(chr(c) for c in range(0x06F0, 0x06FA)),
}
NUMBER_SEPARATORS = [".", ",", "\u066b", "\u066c", "/", "-", ":", "%", "\u066a", "\u2030"]
ARABIC_PUNCT = ["\u060c", "\u061b", "\u061f", "\u06d4", "\u066d", "\u060d", "\u066a"]
LATIN_PUNCT = list(".,;:!?-_/\\|@#$%^&*+=~`") + ["\u2013", "\u2014", "\u2026", "..", "..."]
BRACKETS_QUOTES = list("()[]{}<>\"'") + ["\u00ab", "\u00bb", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e",
                                         "\u2039", "\u203a", "\ufd3e", "\ufd3f", "\u300c", "\u300d"]
CONTROLS = (["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"]
            + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)])
C0 = ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "\u3000", "\u2009"]
EMOJI = ["\U0001F600", "\U0001F1EE\U0001F1F6", "\U0001F44D\U0001F3FD", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
         "\u2705", "\u2764\ufe0f", "\U0001F525", "\U0001D400", "\U0001D7D9", "\U00010000", "\U0010FFFD"]
HTML = ["<p>", "</p>", "<div class=\"x\">", "</div>", "<title>", "</title>", "<br/>", "<h1>", "</h1>",
        "<a href=\"https://example.com/?a=1&b=2\">", "</a>", "&nbsp;", "&amp;", "&#1575;", "&quot;",
        "<script>var x = 1;</script>", "<!-- comment -->", "<img src=x onerror=1>", "<b>", "</b>",
        "<span dir=\"rtl\">", "</span>", "<meta charset=\"utf-8\">", "<li>", "<table><tr><td>"]
PRESENTATION = [chr(c) for c in (0xFE8D, 0xFEDF, 0xFEFB, 0xFDF2, 0xFE91, 0xFEE3, 0xFB56, 0xFBFC)]
LATIN_WORDS = ["the", "Iraq", "US", "Reuters", "AFP", "COVID-19", "km", "www.example.com", "#hashtag", "@user",
               "https://t.co/abc", "e-mail", "O'Brien", "Mr.", "U.S.", "x"]


@lru_cache(maxsize=1)
def persian_urdu_letters() -> list[str]:
    """Letters of Persian/Urdu that Arabic does not use (from the library's data file)."""
    from arabic_events.scripts import non_arabic_letters

    return sorted(non_arabic_letters())


# ------------------------------------------------------------------ corpora
def shared_dir() -> Path | None:
    """``shared/`` beside the repository or one of its parents (or ``$ARABIC_EVENTS_SHARED``)."""
    env = os.environ.get("ARABIC_EVENTS_SHARED")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in ROOT.parents:
        cand = parent / "shared"
        if (cand / "data").is_dir():
            return cand
    return None


def saudinewsnet_path() -> Path | None:
    d = shared_dir()
    p = d / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz" if d else None
    return p if p is not None and p.is_file() else None


def read_saudinewsnet(limit: int) -> list[str]:
    """The first ``limit`` article contents of SaudiNewsNet (empty when it is absent)."""
    p = saudinewsnet_path()
    if p is None:
        return []
    out = []
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("content") or ""
            if text.strip():
                out.append(text)
            if len(out) >= limit:
                break
    return out


_SENT_SPLIT = re.compile(r"(?<=[.!?\u061f\u06d4])\s+|\n+")


@lru_cache(maxsize=1)
def news_sentences() -> tuple[str, ...]:
    """Real news sentences: the seed articles, plus 300 SaudiNewsNet articles when present."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += read_saudinewsnet(300)
    sents = []
    for t in texts:
        for s in _SENT_SPLIT.split(t):
            s = s.strip()
            if 10 <= len(s) <= 600:
                sents.append(s)
    return tuple(sents)


@lru_cache(maxsize=1)
def news_words() -> tuple[str, ...]:
    words = {w for s in news_sentences() for w in s.split() if 1 < len(w) < 20}
    return tuple(sorted(words))


# ------------------------------------------------------------------ strategies
def _digits(family: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    fam = family or st.sampled_from(sorted(DIGITS))
    return fam.flatmap(lambda f: st.text(alphabet=DIGITS[f], min_size=1, max_size=12))


def numbers() -> st.SearchStrategy[str]:
    """A number in one digit family (or mixed), with separators, signs and percent signs."""
    part = _digits()
    sep = st.sampled_from(NUMBER_SEPARATORS)
    return st.lists(st.tuples(part, sep), min_size=1, max_size=4).map(
        lambda xs: "".join(a + b for a, b in xs)[:-1] if len(xs) > 0 else ""
    ) | part


def repeated(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(pieces), st.integers(2, 40)).map(lambda t: t[0] * t[1])


def clitic_runs() -> st.SearchStrategy[str]:
    """Repeated proclitics (وو بب وبال لل...) on a real word or a letter run."""
    host = st.sampled_from(news_words()) if news_words() else st.text(st.sampled_from(ARABIC_LETTERS), min_size=1, max_size=8)
    pre = st.lists(st.sampled_from(CLITIC_LETTERS + [ARTICLE]), min_size=1, max_size=12).map("".join)
    return st.tuples(pre, host).map(lambda t: t[0] + t[1])


def arabic_word() -> st.SearchStrategy[str]:
    """A letter sequence, optionally voweled or stretched with tatweel."""
    base = st.text(st.sampled_from(ARABIC_LETTERS), min_size=1, max_size=10)
    marks = st.lists(st.sampled_from(HARAKAT + [TATWEEL, ""]), min_size=0, max_size=10)
    return st.tuples(base, marks).map(lambda t: "".join(c + (t[1][i] if i < len(t[1]) else "") for i, c in enumerate(t[0])))


def piece() -> st.SearchStrategy[str]:
    """One fragment of hostile text."""
    opts: list[st.SearchStrategy[str]] = [
        arabic_word(),
        numbers(),
        st.sampled_from(ARABIC_LETTERS + HARAKAT + [TATWEEL]),
        st.sampled_from(ARABIC_PUNCT + LATIN_PUNCT + BRACKETS_QUOTES),
        st.sampled_from(CONTROLS + C0),
        st.sampled_from(SPACES),
        st.sampled_from(EMOJI + PRESENTATION),
        st.sampled_from(HTML),
        st.sampled_from(LATIN_WORDS),
        st.sampled_from(persian_urdu_letters()),
        repeated(ARABIC_LETTERS[:5] + ["\u0627\u0644", "\u00ab", '"', "(", "\u200f", "0", "\u0661", TATWEEL]),
        clitic_runs(),
        st.characters(codec="utf-8"),  # any valid scalar value (no lone surrogates)
    ]
    if news_words():
        opts.append(st.sampled_from(news_words()))
    return st.one_of(*opts)


def mixed_text(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """A mix of fragments separated by random whitespace."""
    return st.lists(st.tuples(piece(), st.sampled_from(SPACES + ["", "", ""])), max_size=max_pieces).map(
        lambda xs: "".join(a + b for a, b in xs)
    )


# mutation operators over a string; each takes (text, position, fragment)
def _insert(t: str, i: int, frag: str) -> str:
    return t[:i] + frag + t[i:]


def _delete(t: str, i: int, frag: str) -> str:
    return t[:i] + t[i + 1 + len(frag) % 7:]


def _duplicate(t: str, i: int, frag: str) -> str:
    j = min(len(t), i + 1 + len(frag) % 15)
    return t[:j] + t[i:j] * (1 + len(frag) % 5) + t[j:]


def _harakat_everywhere(t: str, i: int, frag: str) -> str:
    mark = HARAKAT[len(frag) % len(HARAKAT)]
    return "".join(c + mark if "\u0621" <= c <= "\u064a" else c for c in t)


def _tatweel_everywhere(t: str, i: int, frag: str) -> str:
    return "".join(c + TATWEEL if "\u0621" <= c <= "\u064a" and k % 2 == 0 else c for k, c in enumerate(t))


def _digit_family(t: str, i: int, frag: str) -> str:
    fam = DIGITS[sorted(DIGITS)[len(frag) % 3]]
    table = {ord(d): fam[k] for src in DIGITS.values() for k, d in enumerate(src)}
    return t.translate(table)


def _strip_spaces(t: str, i: int, frag: str) -> str:
    return t.replace(" ", "")


def _wrap_html(t: str, i: int, frag: str) -> str:
    return f"<html><head><title>{t[:i]}</title></head><body><p>{t[i:]}</p></body></html>"


def _controls_between(t: str, i: int, frag: str) -> str:
    ctl = CONTROLS[len(frag) % len(CONTROLS)]
    return ctl.join(t)


def _swap_halves(t: str, i: int, frag: str) -> str:
    return t[i:] + t[:i]


def _persianize(t: str, i: int, frag: str) -> str:
    # ي ك ه -> ی ک ە-like Persian/Urdu forms
    return t.translate({0x064A: 0x06CC, 0x0643: 0x06A9, 0x0647: 0x06C1, 0x0649: 0x06D2})


MUTATIONS: tuple[Callable[[str, int, str], str], ...] = (
    _insert, _insert, _insert, _delete, _duplicate, _harakat_everywhere, _tatweel_everywhere, _digit_family,
    _strip_spaces, _wrap_html, _controls_between, _swap_halves, _persianize,
)


@st.composite
def mutated_news(draw: Any, max_sentences: int = 4) -> str:
    """1-4 real news sentences with 1-5 mutations applied."""
    sents = news_sentences()
    k = draw(st.integers(1, max_sentences))
    text = draw(st.sampled_from(SPACES[:5])).join(draw(st.sampled_from(sents)) for _ in range(k))
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(text)))
        frag = draw(piece())
        text = op(text, i, frag)
    return text[:4000]


def pipeline_text() -> st.SearchStrategy[str]:
    return st.one_of(mixed_text(), mutated_news(), mixed_text(8))


def number_text() -> st.SearchStrategy[str]:
    """Short strings around numbers: digits of every family, words, signs, clitics."""
    words = st.sampled_from(news_words()) if news_words() else arabic_word()
    frag = st.one_of(numbers(), words, st.sampled_from(CLITIC_LETTERS + [ARTICLE] + NUMBER_SEPARATORS),
                     st.sampled_from(SPACES[:4] + CONTROLS + HARAKAT + [TATWEEL]), piece())
    return st.lists(frag, min_size=1, max_size=8).map(" ".join) | st.lists(frag, max_size=6).map("".join)


def time_text() -> st.SearchStrategy[str]:
    return st.one_of(number_text(), mutated_news(1), mixed_text(12))


def reference_dates() -> st.SearchStrategy[Any]:
    """Reference dates over the whole range a ``datetime.date`` holds (year 1-9999)."""
    d = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
    edge = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(9999, 12, 31),
                            dt.date(2020, 2, 29), dt.date(1900, 3, 1)])
    return st.one_of(d, edge, d.map(lambda x: x.isoformat()), st.none())


# ------------------------------------------------------------------ invariants
class InvariantError(AssertionError):
    """An invariant of the analysed document does not hold."""


def check_doc(nlp: Any, text: str, published: Any, doc: Any, same: bool = True) -> None:
    """The invariants every pipeline output keeps (raises :class:`InvariantError`).

    ``same=False`` skips the costliest check, running ``nlp`` a second time and comparing
    (``tools/fuzz.py`` does it on every 10th case: ``--same-every``)."""
    import arabic_events as ae

    if doc.text != text:
        raise InvariantError("doc.text was rewritten")
    d = doc.to_dict()
    n = len(text)
    # every dict with text/start/end below a layer is a span (meta excluded); iterative walk
    stack: list[tuple[str, Any]] = [(k, v) for k, v in d.items() if k not in ("meta", "text")]
    while stack:
        where, obj = stack.pop()
        if isinstance(obj, dict):
            if "start" in obj and "end" in obj and "text" in obj:
                s, e = obj["start"], obj["end"]
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n and text[s:e] == obj["text"]):
                    raise InvariantError(f"{where}: span {obj['text']!r} [{s}:{e}] does not match the text")
            stack.extend((f"{where}.{k}", v) for k, v in obj.items() if isinstance(v, (dict, list)))
        elif isinstance(obj, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(obj) if isinstance(v, (dict, list)))
    # JSON-ready and UTF-8 encodable
    blob = json.dumps(d, ensure_ascii=False)
    blob.encode("utf-8")
    back = ae.Doc.from_dict(json.loads(blob))
    if back.to_dict() != d:
        raise InvariantError("from_dict(to_dict()) does not round-trip")
    if same:
        again = nlp(text, published=published)
        if again.to_dict() != d:
            raise InvariantError("a second run gives a different result")


def check_quantity(text: str, q: Any) -> None:
    if q is None:
        return
    if not (0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text):
        raise InvariantError(f"quantity span {q.text!r} [{q.start}:{q.end}] does not match the text")
    json.dumps(q.to_dict(), ensure_ascii=False).encode("utf-8")


_TIMEX_POINT = (
    r"(?:[0-9X]{4}(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{2}(?:-(?:WE|[1-7]))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
    r"(?:T(?:[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2})?)?|MO|MI|AF|EV|NI|DT))?"
    r"|[0-9X]{2,3})"  # century / decade
)
# a TIMEX3 value: a point, an ISO 8601 interval of two points, a duration (TimeML units
# include DE decades, CE centuries, ML millennia), or a reference word
_TIMEX = re.compile(
    rf"^(?:{_TIMEX_POINT}(?:/{_TIMEX_POINT})?"
    r"|[-+]?P(?:[0-9.X]+(?:[YMWDHS]|DE|CE|ML)|T[0-9.X]+[HMS])+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r")$"
)


def check_time(text: str, t: Any) -> None:
    if t is None:
        return
    if not (0 <= t.start <= t.end <= len(text) and text[t.start:t.end] == t.text):
        raise InvariantError(f"time span {t.text!r} [{t.start}:{t.end}] does not match the text")
    if t.value is not None and not _TIMEX.match(t.value):
        raise InvariantError(f"time value {t.value!r} of {t.text!r} is not an ISO 8601 / TIMEX3 value")
    json.dumps(t.to_dict(), ensure_ascii=False).encode("utf-8")


def documented(exc: BaseException) -> bool:
    """True for the errors the API documents (every ArabicEventsError but OffsetError)."""
    from arabic_events.errors import ArabicEventsError, OffsetError

    return isinstance(exc, ArabicEventsError) and not isinstance(exc, OffsetError)


# ------------------------------------------------------------------ plain-random engine
# The same alphabets and mutations drawn with ``random.Random`` instead of hypothesis: about
# 20x cheaper per case, for the long profile (``tools/fuzz.py --engine random``).
def _r_word(rng: Any) -> str:
    w = "".join(rng.choice(ARABIC_LETTERS) for _ in range(rng.randint(1, 10)))
    if rng.random() < 0.3:
        w = "".join(c + rng.choice(HARAKAT + [TATWEEL, ""]) for c in w)
    return w


def _r_number(rng: Any) -> str:
    fam = DIGITS[rng.choice(sorted(DIGITS))]
    parts = ["".join(rng.choice(fam) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 4))]
    return "".join(p + rng.choice(NUMBER_SEPARATORS) for p in parts)[:-1] if rng.random() < 0.5 else parts[0]


def r_piece(rng: Any) -> str:
    k = rng.randrange(14)
    if k == 0:
        return _r_word(rng)
    if k == 1:
        return _r_number(rng)
    if k == 2:
        return rng.choice(ARABIC_LETTERS + HARAKAT + [TATWEEL])
    if k == 3:
        return rng.choice(ARABIC_PUNCT + LATIN_PUNCT + BRACKETS_QUOTES)
    if k == 4:
        return rng.choice(CONTROLS + C0)
    if k == 5:
        return rng.choice(SPACES)
    if k == 6:
        return rng.choice(EMOJI + PRESENTATION)
    if k == 7:
        return rng.choice(HTML)
    if k == 8:
        return rng.choice(LATIN_WORDS)
    if k == 9:
        return rng.choice(persian_urdu_letters())
    if k == 10:
        return rng.choice(ARABIC_LETTERS[:5] + [ARTICLE, "\u00ab", '"', "(", "\u200f", "0", "\u0661", TATWEEL]) * rng.randint(2, 40)
    if k == 11:
        host = rng.choice(news_words()) if news_words() else _r_word(rng)
        return "".join(rng.choice(CLITIC_LETTERS + [ARTICLE]) for _ in range(rng.randint(1, 12))) + host
    if k == 12:
        while True:  # any Unicode scalar value but surrogates
            c = rng.randrange(0x110000) if rng.random() < 0.3 else rng.randrange(0x3000)
            if not 0xD800 <= c <= 0xDFFF:
                return chr(c)
    return rng.choice(news_words()) if news_words() else _r_word(rng)


def r_mixed(rng: Any, max_pieces: int = 60) -> str:
    return "".join(r_piece(rng) + rng.choice(SPACES + ["", "", ""]) for _ in range(rng.randint(0, max_pieces)))


def r_mutated(rng: Any, max_sentences: int = 4) -> str:
    sents = news_sentences()
    text = rng.choice(SPACES[:5]).join(rng.choice(sents) for _ in range(rng.randint(1, max_sentences)))
    for _ in range(rng.randint(1, 5)):
        text = rng.choice(MUTATIONS)(text, rng.randint(0, len(text)), r_piece(rng))
    return text[:4000]


def r_pipeline_text(rng: Any) -> str:
    k = rng.randrange(3)
    return r_mixed(rng) if k == 0 else r_mutated(rng) if k == 1 else r_mixed(rng, 8)


def r_number_text(rng: Any) -> str:
    def frag() -> str:
        k = rng.randrange(5)
        if k == 0:
            return _r_number(rng)
        if k == 1:
            return rng.choice(news_words()) if news_words() else _r_word(rng)
        if k == 2:
            return rng.choice(CLITIC_LETTERS + [ARTICLE] + NUMBER_SEPARATORS)
        if k == 3:
            return rng.choice(SPACES[:4] + CONTROLS + HARAKAT + [TATWEEL])
        return r_piece(rng)

    sep = " " if rng.random() < 0.5 else ""
    return sep.join(frag() for _ in range(rng.randint(1, 8)))


def r_time_text(rng: Any) -> str:
    k = rng.randrange(3)
    return r_number_text(rng) if k == 0 else r_mutated(rng, 1) if k == 1 else r_mixed(rng, 12)


_EDGE_DATES = [dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(9999, 12, 31),
               dt.date(2020, 2, 29), dt.date(1900, 3, 1)]


# years reference/publication dates are drawn from (tools/fuzz.py --years narrows it)
REF_YEARS = (1, 9999)


def r_reference(rng: Any) -> Any:
    k = rng.randrange(5)
    lo, hi = REF_YEARS
    if k == 0:
        return None
    if k == 1:
        edges = [d for d in _EDGE_DATES if lo <= d.year <= hi]
        if edges:
            return rng.choice(edges)
    d = dt.date.fromordinal(rng.randint(dt.date(lo, 1, 1).toordinal(), dt.date(hi, 12, 31).toordinal()))
    return d.isoformat() if k == 2 else d
