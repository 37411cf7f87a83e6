"""Segmentation evaluation on a UD treebank (default: UD Arabic PUD, a test set).

``arabic-events evaluate-segmentation [CONLLU]`` (or ``python -m arabic_events.evaluation.ud``)
prints CoNLL-2018-style precision/recall/F1 for tokens, words and sentences.

UD Arabic PUD has no multi-word-token lines: a clitic split is two words joined by
``SpaceAfter=No`` (``ل`` + ``أوباما``, ``نشرت`` + ``ها``). The raw text of a document is
its sentences' ``# text`` lines joined by one space. Gold *tokens* are maximal runs of
non-punctuation words joined by ``SpaceAfter=No`` (each punctuation word is its own
token); gold *words* are the words. Both, and sentences, are compared as character
spans of the raw text, as the CoNLL 2018 script does after aligning on characters.

Our segments are mapped to UD conventions: the article ``ال`` is not a separate UD
word, so a ``det`` segment is merged into the segment that follows it (``لل`` becomes
``ل`` + ``ل...``); non-word tokens are one word each.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["evaluate_ud", "main", "read_conllu", "ud_words", "DEFAULT_PUD"]

_REL = Path("shared") / "data" / "ud_arabic_pud" / "ar_pud-ud-test.conllu.gz"


def _default_path() -> Path:
    repo = Path(__file__).resolve().parents[2]
    for cand in (repo.parent / _REL, Path.cwd().parent / _REL, Path("/work") / _REL):
        if cand.exists():
            return cand
    return repo.parent / _REL


DEFAULT_PUD = _default_path()


@dataclass
class GoldDoc:
    """One document of a CoNLL-U file: raw text and gold character spans."""

    id: str
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)
    words: list[tuple[int, int]] = field(default_factory=list)


def _open(path: Path) -> Iterable[str]:
    if str(path).endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _sentences(path: Path) -> Iterator[tuple[str | None, str | None, list[list[str]]]]:
    """(newdoc id or None, # text, word rows) for each sentence."""
    newdoc = None
    text = None
    rows: list[list[str]] = []
    with _open(path) as fh:  # type: ignore[attr-defined]
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if rows:
                    yield newdoc, text, rows
                newdoc, text, rows = None, None, []
                continue
            if line.startswith("#"):
                key, _, val = line[1:].partition("=")
                key = key.strip()
                if key == "newdoc id":
                    newdoc = val.strip()
                elif key == "newdoc":
                    newdoc = val.strip() or "doc"
                elif key == "text":
                    text = val.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: not a CoNLL-U word line: {line[:80]!r}")
            rows.append(cols)
    if rows:
        yield newdoc, text, rows


def read_conllu(path: str | Path, *, one_document: bool = False) -> list[GoldDoc]:
    """Documents of a CoNLL-U file with gold spans over the rebuilt raw text.

    ``one_document=True`` ignores ``# newdoc`` and joins every sentence into one text
    (a harder sentence-splitting test where documents hold one sentence each, as in PUD).
    """
    path = Path(path)
    docs: list[GoldDoc] = []
    cur: GoldDoc | None = None
    for newdoc, text, rows in _sentences(path):
        if cur is None or (newdoc is not None and not one_document):
            cur = GoldDoc(newdoc or f"doc{len(docs) + 1}")
            docs.append(cur)
        if cur.text:
            cur.text += " "
        base = len(cur.text)
        words = [r for r in rows if "-" not in r[0] and "." not in r[0]]
        mwt = {r[0] for r in rows if "-" in r[0]}
        if mwt:
            raise ValueError(f"{path}: multi-word token lines are not supported by this evaluator")
        # rebuild the sentence from the words; it must agree with "# text"
        parts = []
        pos = base
        spans = []
        for r in words:
            form = r[1]
            spans.append((pos, pos + len(form), r[3], "SpaceAfter=No" in r[9].split("|")))
            parts.append(form)
            pos += len(form)
            if "SpaceAfter=No" not in r[9].split("|"):
                parts.append(" ")
                pos += 1
        rebuilt = "".join(parts).rstrip(" ")
        if text is not None and rebuilt != text:
            # keep the # text when the words are a faithful segmentation of it modulo spaces
            if rebuilt.replace(" ", "") != text.replace(" ", ""):
                raise ValueError(f"{path}: words do not rebuild '# text' of a sentence: {text[:60]!r}")
            spans = _align(text, [r[1] for r in words], base, [r[3] for r in words])
            rebuilt = text
        cur.text += rebuilt
        cur.sentences.append((base, base + len(rebuilt)))
        cur.words.extend((a, b) for a, b, _u, _n in spans)
        # tokens: maximal runs of non-PUNCT words glued by SpaceAfter=No; punctuation alone
        run_start = None
        prev_end = None
        for a, b, upos, _noafter in spans:
            if upos == "PUNCT":
                if run_start is not None:
                    cur.tokens.append((run_start, prev_end))
                    run_start = None
                cur.tokens.append((a, b))
                continue
            if run_start is not None and a != prev_end:
                cur.tokens.append((run_start, prev_end))
                run_start = None
            if run_start is None:
                run_start = a
            prev_end = b
        if run_start is not None:
            cur.tokens.append((run_start, prev_end))
    return docs


def _align(text: str, forms: list[str], base: int, upos: list[str]):
    out = []
    i = 0
    for form, u in zip(forms, upos):
        while i < len(text) and text[i] == " ":
            i += 1
        j = i + len(form)
        out.append((base + i, base + j, u, j < len(text) and text[j] != " "))
        i = j
    return out


def ud_words(tokens) -> list[tuple[int, int]]:
    """Our tokens as UD-style word spans (``det`` merged into the next segment)."""
    out: list[tuple[int, int]] = []
    for tok in tokens:
        segs = tok.segments
        if not segs:
            out.append((tok.start, tok.end))
            continue
        pending = None
        for seg in segs:
            start = seg.start if pending is None else pending
            if seg.kind == "det":
                pending = start
                continue
            out.append((start, seg.end))
            pending = None
        if pending is not None:
            out.append((pending, segs[-1].end))
    return out


def _prf(gold: set, pred: set) -> dict[str, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2),
            "gold": len(gold), "predicted": len(pred), "correct": tp}


def evaluate_ud(path: str | Path | None = None, *, tokenizer=None, errors: int = 0, part: str = "all",
                one_document: bool = False) -> dict:
    """Tokens/words/sentences P/R/F1 of the tokenizer on a UD CoNLL-U file.

    ``part``: ``"all"`` documents, or ``"dev"`` (the first half) / ``"test"`` (the second
    half): the tokenizer's constants were checked against the first half of PUD only.
    ``errors`` > 0 adds up to that many word-level disagreements (for error analysis).
    ``one_document=True`` joins all sentences into one text (see :func:`read_conllu`).
    """
    path = Path(path) if path is not None else DEFAULT_PUD
    if not path.exists():
        from ..errors import DataError

        raise DataError(
            f"UD file not found: {path}. Pass the path of a CoNLL-U file (.conllu or .conllu.gz), "
            f"e.g. the UD Arabic PUD test file expected at ../shared/data/ud_arabic_pud/ar_pud-ud-test.conllu.gz"
        )
    if tokenizer is None:
        from ..tokenizer import Tokenizer

        tokenizer = Tokenizer()
    docs = read_conllu(path, one_document=one_document)
    if one_document and part != "all":
        raise ValueError("part='dev'/'test' cannot be combined with one_document=True")
    half = len(docs) // 2
    if part == "dev":
        docs = docs[:half]
    elif part == "test":
        docs = docs[half:]
    elif part != "all":
        raise ValueError(f"part must be 'all', 'dev' or 'test', not {part!r}")
    gold = {"tokens": set(), "words": set(), "sentences": set()}
    pred = {"tokens": set(), "words": set(), "sentences": set()}
    diffs = []
    for d_i, d in enumerate(docs):
        toks = tokenizer.tokens(d.text)
        sents = tokenizer.sentences(d.text, toks)
        for name, spans in (("tokens", d.tokens), ("words", d.words), ("sentences", d.sentences)):
            gold[name].update((d_i, a, b) for a, b in spans)
        pred["tokens"].update((d_i, t.start, t.end) for t in toks)
        pw = ud_words(toks)
        pred["words"].update((d_i, a, b) for a, b in pw)
        pred["sentences"].update((d_i, s.start, s.end) for s in sents)
        if errors and len(diffs) < errors:
            gw = {(a, b) for a, b in d.words}
            for t in toks:
                ours = [(a, b) for a, b in ud_words([t])]
                theirs = sorted((a, b) for a, b in gw if t.start <= a and b <= t.end)
                if set(ours) != set(theirs):
                    diffs.append((t.text, "+".join(d.text[a:b] for a, b in ours), "+".join(d.text[a:b] for a, b in theirs)))
    result = {name: _prf(gold[name], pred[name]) for name in ("tokens", "words", "sentences")}
    result["file"] = str(path)
    result["documents"] = len(docs)
    result["part"] = part
    if errors:
        result["errors"] = diffs[:errors]
    return result


def main(argv: list[str] | None = None) -> int:
    """CLI: print token/word/sentence P/R/F1 on a UD CoNLL-U file."""
    ap = argparse.ArgumentParser(
        prog="arabic-events evaluate-segmentation",
        description="Evaluate sentence splitting, tokenization and clitic segmentation on a UD "
        "CoNLL-U file (default: UD Arabic PUD test set). Prints CoNLL-2018-style P/R/F1.",
    )
    ap.add_argument("conllu", nargs="?", default=None, help=f"CoNLL-U file (.conllu or .conllu.gz); default {DEFAULT_PUD}")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="also print N word-level disagreements")
    ap.add_argument("--part", choices=("all", "dev", "test"), default="all",
                    help="all documents, or the first (dev) / second (test) half")
    ap.add_argument("--one-document", action="store_true",
                    help="join all sentences into one text (harder sentence splitting test)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    from ..errors import DataError

    try:
        res = evaluate_ud(args.conllu, errors=args.errors, part=args.part, one_document=args.one_document)
    except (DataError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        import json

        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print(f"file: {res['file']} ({res['documents']} documents, part={res['part']})")
    print(f"{'metric':<10} {'precision':>9} {'recall':>9} {'F1':>9} {'gold':>7} {'pred':>7}")
    for name in ("tokens", "words", "sentences"):
        r = res[name]
        print(f"{name:<10} {r['precision']:>9.2f} {r['recall']:>9.2f} {r['f1']:>9.2f} {r['gold']:>7} {r['predicted']:>7}")
    for tok, ours, theirs in res.get("errors", []):
        print(f"  {tok}\tours: {ours}\tgold: {theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
