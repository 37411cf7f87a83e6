"""Line-level evaluation of the ``structure`` component: article lines kept, chrome dropped.

Two sources of pages with a gold label on every non-empty line:

- ``eval/structure/layouts.yaml``: clean SaudiNewsNet articles (read at run time from
  ``../shared/data/saudinewsnet``) wrapped in site chrome (navigation, tickers, related
  lists, share buttons, comment forms, footers) and with the article parts real pages
  carry (headline, standfirst, dateline, byline, captions, bullets, fact boxes,
  pipe-separated summaries, subheads). See the header of that file.
- ``eval/structure/seeds.yaml``: the five real seed pages with their chrome lines listed.

A line is predicted ``article`` when most of its characters lie in the title, dateline or
body zones and outside every boilerplate zone (what ``Doc.in_body`` keeps). The report
gives precision and recall of the ``article`` class (body recall: article lines kept)
and of the ``chrome`` class, overall and per page, and lists the misses.

Run: ``python -m arabic_events.evaluation.structure_eval [--errors N] [--json]
[--snn PATH]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

__all__ = ["Page", "build_pages", "seed_pages", "predict_lines", "score", "main"]

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = ROOT / "eval" / "structure" / "layouts.yaml"
SEEDS_GOLD = ROOT / "eval" / "structure" / "seeds.yaml"
RESERVED = (3, 7)  # SaudiNewsNet line index % 10: reserved for event gold sets


def _default_snn() -> Path:
    for base in (ROOT.parent / "shared", Path("/work/shared")):
        p = base / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
        if p.exists():
            return p
    return ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


@dataclass
class Page:
    name: str
    text: str
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label) of non-empty lines


def _yaml(path: Path) -> Any:
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _articles(path: Path, wanted: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in wanted:
                out[i] = json.loads(line)
                if len(out) == len(wanted):
                    break
    return out


_SENT = re.compile(r"(?<=[.!؟?])\s+")
_TRIM = " ،,.;:؛!؟?\"'«»()"


def _paragraphs(content: str, drop: list[Any] = ()) -> list[str]:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", content) if p.strip()]
    return [p for p in paras if not any(rx.match(p) for rx in drop)]


def _sentences(paras: list[str]) -> list[str]:
    return [s.strip() for p in paras for s in _SENT.split(p) if s.strip()]


def _chunks(paras: list[str], n: int, width: int = 7) -> list[str]:
    """n short items (about ``width`` words), sentences with numbers first."""
    sents = _sentences(paras)
    with_num = [s for s in sents if re.search(r"\d", s)]
    rest = [s for s in sents if s not in with_num]
    out: list[str] = []
    for s in with_num + rest:
        words = s.split()
        k = next((i for i, w in enumerate(words) if re.search(r"\d", w)), 0)
        a = max(0, k - 3)
        item = " ".join(words[a : a + width]).strip(_TRIM)
        if len(item.split()) >= 2 and item not in out:
            out.append(item)
        if len(out) == n:
            break
    return out


def _render(layout: dict, chrome: dict[str, list[str]], art: dict, drop: list[Any] = ()) -> Page:
    paras = _paragraphs(art.get("content") or "", drop)
    title = " ".join((art.get("title") or "").split())
    sep = layout.get("sep", "\n\n")
    items: list[tuple[str, str]] = []  # (line, label); "" lines are blank
    for item in layout["page"]:
        if item == "blank":
            items.append(("", "blank"))
        elif item == "title":
            items.append((title, "article"))
        elif item == "standfirst":
            items.append((_sentences(paras)[0], "article"))
        elif "chrome" in item:
            items += [(x, "chrome" if x else "blank") for x in chrome[item["chrome"]]]
        elif "chrome_lines" in item:
            items += [(x, "chrome") for x in item["chrome_lines"]]
        elif "article_lines" in item:
            items += [(x, "article") for x in item["article_lines"]]
        elif "body" in item:
            a, b = item["body"]
            ps = paras[a:b]
            for i, p in enumerate(ps):
                items.append((p, "article"))
                if sep == "\n\n" and i + 1 < len(ps):
                    items.append(("", "blank"))
        elif "bullets" in item:
            spec = item["bullets"]
            for k, c in enumerate(_chunks(paras, spec["n"])):
                mark = f"{k + 1}. " if spec.get("mark") == "numbered" else spec.get("mark", "- ")
                items.append((mark + c, "article"))
        elif "factbox" in item:
            spec = item["factbox"]
            cs = _chunks(paras, spec["n"], width=5)
            if spec.get("inline"):
                items.append((spec["header"] + " " + "، ".join(cs), "article"))
            else:
                items.append((spec["header"], "article"))
                items += [(spec.get("mark", "- ") + c, "article") for c in cs]
        elif "pipes" in item:
            items.append((" | ".join(_chunks(paras, item["pipes"]["n"], width=4)), "article"))
        elif "caption" in item:
            spec = item["caption"]
            words = title.split()
            items.append((spec.get("prefix", "") + " ".join(words[:6]).strip(_TRIM) + spec.get("suffix", ""),
                          "article"))
        elif "subhead" in item:
            words = paras[item["subhead"]].split()
            items.append((" ".join(words[:5]).strip(_TRIM), "article"))
        else:
            raise ValueError(f"{layout['name']}: unknown page item {item!r}")
    text_parts: list[str] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for line, label in items:
        if line:
            lines.append((pos, pos + len(line), label))
        text_parts.append(line)
        pos += len(line) + 1
    return Page(layout["name"], "\n".join(text_parts), lines)


def build_pages(snn: Path | None = None, layouts: Path = LAYOUTS) -> list[Page]:
    """The synthetic pages of ``layouts.yaml`` (needs the SaudiNewsNet file)."""
    spec = _yaml(layouts)
    wanted = {int(lay["article"]) for lay in spec["layouts"]}
    bad = sorted(i for i in wanted if i % 10 in RESERVED)
    if bad:
        raise ValueError(f"layouts use reserved SaudiNewsNet articles {bad} (index % 10 in {RESERVED})")
    arts = _articles(snn or _default_snn(), wanted)
    drop = [re.compile(p) for p in spec.get("drop_paragraphs", ())]
    return [_render(lay, spec["chrome"], arts[int(lay["article"])], drop) for lay in spec["layouts"]]


def seed_pages(seeds_dir: Path = ROOT / "seeds", gold: Path = SEEDS_GOLD) -> list[Page]:
    """The real seed pages with their hand-labelled chrome lines."""
    out = []
    for name, chrome_lines in sorted(_yaml(gold).items()):
        text = (seeds_dir / f"{name}.txt").read_text(encoding="utf-8")
        chrome = set(chrome_lines)
        lines = []
        pos = 0
        for i, raw in enumerate(text.split("\n")):
            content = raw.strip()
            if content:
                s = pos + (len(raw) - len(raw.lstrip()))
                lines.append((s, s + len(content), "chrome" if i in chrome else "article"))
            pos += len(raw) + 1
        out.append(Page("seed:" + name, text, lines))
    return out


def predict_lines(page: Page) -> list[str]:
    """``article``/``chrome`` for each gold line of ``page`` from :func:`detect_structure`."""
    from ..structure import detect_structure

    zones = detect_structure(page.text)
    keep = [(z.start, z.end) for z in zones if z.label in ("title", "dateline", "body")]
    drop = [(z.start, z.end) for z in zones if z.label == "boilerplate"]

    def covered(spans, s, e):
        return sum(max(0, min(e, b) - max(s, a)) for a, b in spans)

    out = []
    for s, e, _ in page.lines:
        kept = covered(keep, s, e) - covered(drop, s, e)
        out.append("article" if kept * 2 > (e - s) else "chrome")
    return out


def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": pred, "gold": gold}


def score(pages: Iterable[Page]) -> dict[str, Any]:
    pages = list(pages)
    tot = {"article": [0, 0, 0], "chrome": [0, 0, 0]}
    per_page, errors = [], []
    for page in pages:
        pred = predict_lines(page)
        c = {"article": [0, 0, 0], "chrome": [0, 0, 0]}
        for (s, e, gold), p in zip(page.lines, pred):
            for lab in ("article", "chrome"):
                c[lab][0] += gold == lab and p == lab
                c[lab][1] += p == lab
                c[lab][2] += gold == lab
            if gold != p:
                errors.append({"page": page.name, "gold": gold, "pred": p, "line": page.text[s:e][:100]})
        for lab in c:
            for k in range(3):
                tot[lab][k] += c[lab][k]
        per_page.append({"page": page.name, "article_r": _prf(*c["article"])["r"],
                         "chrome_r": _prf(*c["chrome"])["r"], "lines": len(page.lines)})
    return {"pages": len(pages), "lines": sum(len(p.lines) for p in pages),
            "article": _prf(*tot["article"]), "chrome": _prf(*tot["chrome"]),
            "per_page": per_page, "errors": errors}


def _fmt(name: str, res: dict[str, Any]) -> str:
    a, c = res["article"], res["chrome"]
    return (f"{name:<10} pages {res['pages']:>3}  lines {res['lines']:>4}   "
            f"article P {a['p']:.3f} R {a['r']:.3f} ({a['tp']}/{a['gold']})   "
            f"chrome P {c['p']:.3f} R {c['r']:.3f} ({c['tp']}/{c['gold']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--snn", default=None, help="SaudiNewsNet jsonl.gz (default ../shared/data/saudinewsnet)")
    ap.add_argument("--errors", type=int, default=20, help="misclassified lines to list")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    snn = Path(args.snn) if args.snn else _default_snn()
    results = {}
    if snn.exists():
        results["layouts"] = score(build_pages(snn))
    else:
        print(f"SaudiNewsNet not found at {snn}: layouts skipped", file=sys.stderr)
    results["seeds"] = score(seed_pages())
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, res in results.items():
        print(_fmt(name, res))
    for name, res in results.items():
        errs = res["errors"][: args.errors]
        if errs:
            print(f"\n{name}: {len(res['errors'])} misclassified lines (first {len(errs)})")
            for e in errs:
                print(f"  [{e['page']}] gold {e['gold']:<7} pred {e['pred']:<7} {e['line']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
