"""Build ``seeds/gold/<name>.json`` from the authoring sources ``seeds/gold/src/<name>.yaml``.

Offsets are never typed by hand: every span in a source file is a *span spec*, a
piece of the article text in which braces mark the span, e.g.
``"واصل {التحالف الدولي} لهزيمة"`` (a space also matches a no-break space). The context (the spec without the braces) must
occur exactly once inside the annotated regions (title, dateline, body, minus the
``excluded`` ranges); append ``#N`` to pick the N-th occurrence (1-based, in text
order) when a longer context is not practical. A spec without braces marks the whole
string. A span can also be given as ``{from: SPEC, to: SPEC}`` (start of the first,
end of the second), used for long ``content``/``topic`` arguments.

Usage::

    python tools/build_gold.py            # rebuild every gold file
    python tools/build_gold.py 000_...    # only these names
    python tools/build_gold.py --check    # also print possible omissions to review

Source layout (YAML)::

    name: 000_6f8a2be8fb953180
    published: "2020-03-30"            # or null
    published_note: "..."
    title: SPEC | null                 # searched in the whole text
    dateline: SPEC | null              # searched in the whole text
    body: [START_SPEC, END_SPEC]       # body = start of the first .. end of the second
    excluded: [SPEC|RANGE, ...]        # non-article material inside title/dateline/body
    entities:   [{LABEL: SPEC}, ...]
    quantities: [[SPEC, value, kind, approx, unit], ...]
    times:      [[SPEC, value, kind, mod, (flags)], ...]
    events:
      - {type: T, trigger: SPEC, args: [[role, SPEC|RANGE], ...],
         time: ISO|null, polarity: positive, modality: asserted}
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SRC = SEEDS / "gold" / "src"
OUT = SEEDS / "gold"


class SpecError(ValueError):
    pass


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _split_spec(spec: str) -> tuple[str, str, str, int | None]:
    if not isinstance(spec, str) or not spec:
        raise SpecError(f"span spec must be a non-empty string, got {spec!r}")
    nth = None
    m = re.search(r"#(\d+)$", spec)
    if m:
        nth = int(m.group(1))
        spec = spec[: m.start()]
    if "{" in spec:
        pre, rest = spec.split("{", 1)
        if "}" not in rest:
            raise SpecError(f"unbalanced braces in {spec!r}")
        span, post = rest.split("}", 1)
    else:
        pre, span, post = "", spec, ""
    if not span:
        raise SpecError(f"empty span in {spec!r}")
    return pre, span, post, nth


class Resolver:
    def __init__(self, text: str, regions: list[tuple[int, int]] | None = None,
                 excluded: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.regions = regions
        self.excluded = excluded or []

    def _allowed(self, s: int, e: int) -> bool:
        if self.regions is None:
            return True
        if not any(a <= s and e <= b for a, b in self.regions):
            return False
        return not any(s < b and a < e for a, b in self.excluded)

    def find(self, spec: str) -> tuple[int, int]:
        pre, span, post, nth = _split_spec(spec)

        def pat(part: str) -> str:
            # a space in a spec also matches a no-break space (the seeds contain some)
            return "".join("[ \u00a0]" if ch == " " else re.escape(ch) for ch in part)

        rx = re.compile(f"(?=({pat(pre)})({pat(span)}){pat(post)})")
        hits = []
        for m in rx.finditer(self.text):
            s, e = m.span(2)
            if self._allowed(s, e):
                hits.append((s, e))
        if not hits:
            raise SpecError(f"span spec {spec!r} not found in the annotated regions")
        if nth is None:
            if len(hits) > 1:
                raise SpecError(f"span spec {spec!r} is ambiguous ({len(hits)} hits at {hits}); "
                                "give more context or append #N")
            return hits[0]
        if nth > len(hits):
            raise SpecError(f"span spec {spec!r}: only {len(hits)} hits")
        return hits[nth - 1]

    def span(self, spec) -> dict:
        if isinstance(spec, dict):
            if set(spec) != {"from", "to"}:
                raise SpecError(f"range spec needs exactly 'from' and 'to': {spec!r}")
            s, _ = self.find(spec["from"])
            _, e = self.find(spec["to"])
            if e <= s:
                raise SpecError(f"range {spec!r} ends before it starts")
        else:
            s, e = self.find(spec)
        return {"text": self.text[s:e], "start": s, "end": e}


def build(src_path: Path) -> dict:
    src = yaml.safe_load(read_text(src_path))
    name = src["name"]
    if name != src_path.stem:
        raise SpecError(f"{src_path}: name {name!r} does not match the file name")
    text = read_text(SEEDS / f"{name}.txt")
    whole = Resolver(text)
    gold: dict = {"name": name, "published": src.get("published"),
                  "published_note": src.get("published_note")}
    if gold["published"] is not None:
        gold["published"] = str(gold["published"])
    regions = []
    for key in ("title", "dateline"):
        spec = src.get(key)
        if spec is None:
            gold[key] = None
        else:
            gold[key] = whole.span(spec)
            regions.append((gold[key]["start"], gold[key]["end"]))
    b0, _ = whole.find(src["body"][0])
    bres = Resolver(text, [(b0, len(text))])
    _, b1 = bres.find(src["body"][1])
    gold["body"] = {"start": b0, "end": b1}
    regions.append((b0, b1))
    excluded = []
    for spec in src.get("excluded") or []:
        sp = Resolver(text, regions).span(spec)
        excluded.append(sp)
    gold["excluded"] = excluded
    res = Resolver(text, regions, [(x["start"], x["end"]) for x in excluded])

    ents = []
    for item in src.get("entities") or []:
        (label, spec), = item.items()
        ents.append({**res.span(spec), "label": label})
    quants = []
    for item in src.get("quantities") or []:
        spec, value, kind, approx, unit = item
        quants.append({**res.span(spec), "value": value, "kind": kind, "approx": approx, "unit": unit})
    times = []
    for item in src.get("times") or []:
        spec, value, kind, mod = item[:4]
        t = {**res.span(spec), "value": None if value is None else str(value), "kind": kind, "mod": mod}
        if len(item) > 4 and item[4]:
            t["flags"] = list(item[4])
        times.append(t)
    events = []
    for ev in src.get("events") or []:
        args = [{"role": role, **res.span(spec)} for role, spec in ev.get("args") or []]
        args.sort(key=lambda a: (a["start"], a["end"], a["role"]))
        events.append({
            "type": ev["type"],
            "trigger": res.span(ev["trigger"]),
            "arguments": args,
            "time": None if ev.get("time") is None else str(ev["time"]),
            "polarity": ev.get("polarity", "positive"),
            "modality": ev.get("modality", "asserted"),
        })
    key = lambda d: (d["start"], d["end"])  # noqa: E731
    gold["entities"] = sorted(ents, key=key)
    gold["quantities"] = sorted(quants, key=key)
    gold["times"] = sorted(times, key=key)
    gold["events"] = sorted(events, key=lambda e: (e["trigger"]["start"], e["type"]))
    for layer in ("entities", "quantities", "times"):
        seen = set()
        for d in gold[layer]:
            k = (d["start"], d["end"])
            if k in seen:
                raise SpecError(f"{name}: duplicate {layer} span {d['text']!r} at {k}")
            seen.add(k)
    return gold


# ------------------------------------------------------------------ review aid
_TRIGGER_HINT = re.compile(
    r"(?:سحب|انسحا?ب|سلم|سلّم|تسلم|تسليم|نقل|إخلاء|اخلاء|مغادر|غادر|خروج|نشر|إرسال|تعزيز|انتشار|ينتشر"
    r"|خفض|تخفيض|هجوم|هجم|استهدف|قصف|غارة|سقوط|كمين|مقتل|قتل|اغتيال|إصابة|جرحى|قتلى"
    r"|قال|أكد|أضاف|أوضح|أشار|مشير|أعلن|معلن|صرح|بيان|تابع|أردف|أفاد|حذر|تدريب|تأهيل|اتفاق|اتفق|نتفق|توقيع)"
)


def review(gold: dict, text: str) -> list[str]:
    """Possible omissions: entity strings, digits and trigger-like words left uncovered."""
    notes = []
    regions = [(gold[k]["start"], gold[k]["end"]) for k in ("title", "dateline") if gold[k]]
    regions.append((gold["body"]["start"], gold["body"]["end"]))
    excl = [(x["start"], x["end"]) for x in gold["excluded"]]

    def inside(s, e):
        return any(a <= s and e <= b for a, b in regions) and not any(s < b and a < e for a, b in excl)

    def covered(layer, s, e):
        return any(d["start"] <= s and e <= d["end"] for d in layer)

    for surface in sorted({d["text"] for d in gold["entities"]}):
        for m in re.finditer(re.escape(surface), text):
            s, e = m.span()
            if inside(s, e) and not covered(gold["entities"], s, e):
                after = text[e:e + 1]
                if after and re.match(r"\w", after):
                    continue
                notes.append(f"entity text {surface!r} uncovered at {s}: ...{text[max(0, s-20):e+20]!r}")
    numeric = gold["quantities"] + gold["times"]
    for m in re.finditer(r"\d+", text):
        s, e = m.span()
        if inside(s, e) and not covered(numeric, s, e):
            notes.append(f"number {m.group()!r} uncovered at {s}: ...{text[max(0, s-20):e+20]!r}")
    trig = [ev["trigger"] for ev in gold["events"]]
    for m in re.finditer(r"\w+", text):
        s, e = m.span()
        if inside(s, e) and _TRIGGER_HINT.search(m.group()) and not any(t["start"] < e and s < t["end"] for t in trig):
            notes.append(f"trigger-like word {m.group()!r} at {s}: ...{text[max(0, s-25):e+25]!r}")
    return notes


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    paths = sorted(SRC.glob("*.yaml"))
    if names:
        paths = [p for p in paths if p.stem in names]
    status = 0
    for path in paths:
        try:
            gold = build(path)
        except SpecError as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            status = 1
            continue
        out = OUT / f"{path.stem}.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        n = {k: len(gold[k]) for k in ("entities", "quantities", "times", "events")}
        print(f"{out.relative_to(ROOT)}: {n}")
        if check:
            for note in review(gold, read_text(SEEDS / f"{path.stem}.txt")):
                print("  review:", note)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
