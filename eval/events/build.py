"""Build eval/events/<split>/gold/<id>.json from eval/events/<split>/gold/src/<id>.yaml
(splits: test, dev, test2, test3).

Offsets are never typed by hand: every span is a *span spec* of tools/build_gold.py (a
piece of the article text with the span in braces, ``"أعلنت {وزارة الداخلية} أن"``,
``#N`` for the N-th occurrence, ``{from: SPEC, to: SPEC}`` for long spans); the
resolver of that tool is reused unchanged, searching the whole article.

Source format (conventions "events v2", docs/annotation.md)::

    id: "17667"
    published: "2015-08-03"          # date_extracted of the record
    source: 3alyoum                  # the record's outlet
    events:
      - id: E1
        type: DEPLOYMENT
        mentions: [SPEC, ...]        # every trigger of the one real event, in any order
        args: [[role, SPEC|RANGE|[SPEC, ...]], ...]   # a list: one filler, several places
        time: "2015-08-02" | null    # resolved value of the event's time
        polarity: positive           # default positive
        modality: asserted           # default asserted
        genericity: specific         # default specific
        historical: false            # default false
        note: free text, not copied

Usage (repository root)::

    python eval/events/build.py            # rebuild every gold JSON of every split
    python eval/events/build.py --check    # fail if a JSON differs from its source
    python eval/events/build.py 17667      # only these ids
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SPLITS = ("test", "dev", "test2", "dev2", "test3", "test4")

# the roles of each type live with the evaluator (one table for gold and scoring); this
# checkout's package first, whatever is installed
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from arabic_events.evaluation.events_eval import EVENT_V2_ROLES as EVENT_ROLES  # noqa: E402
POLARITIES = ("positive", "negative")
MODALITIES = ("asserted", "reported", "planned", "hypothetical", "demanded")
GENERICITIES = ("specific", "generic")
_EVENT_KEYS = {"id", "type", "mentions", "args", "time", "polarity", "modality", "genericity",
               "historical", "note"}


class GoldError(ValueError):
    pass


def _tool():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "tools" / "build_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def is_factual(ev: dict) -> bool:
    """Asserted or reported, positive, specific and not historical background."""
    return (ev["modality"] in ("asserted", "reported") and ev["polarity"] == "positive"
            and ev["genericity"] == "specific" and not ev["historical"])


def build(src_path: Path) -> dict:
    tool = _tool()
    src = yaml.safe_load(read_text(src_path))
    art = str(src["id"])
    if art != src_path.stem:
        raise GoldError(f"{src_path}: id {art!r} does not match the file name")
    text = read_text(src_path.parent.parent.parent / f"{art}.txt")
    res = tool.Resolver(text)
    events = []
    seen_ids = set()
    for k, ev in enumerate(src.get("events") or []):
        where = f"{src_path.name} event {ev.get('id', k)}"
        extra = set(ev) - _EVENT_KEYS
        if extra:
            raise GoldError(f"{where}: unknown keys {sorted(extra)}")
        typ = ev["type"]
        if typ not in EVENT_ROLES:
            raise GoldError(f"{where}: type {typ!r} not in {sorted(EVENT_ROLES)}")
        if ev["id"] in seen_ids:
            raise GoldError(f"{where}: duplicate id")
        seen_ids.add(ev["id"])
        try:
            mentions = sorted((res.span(m) for m in ev["mentions"]), key=lambda d: d["start"])
            args = []
            for role, spec in ev.get("args") or []:
                if role not in EVENT_ROLES[typ] and role != "time":
                    raise GoldError(f"{where}: role {role!r} not in {typ} roles {EVENT_ROLES[typ]} + time")
                # a list gives the same filler at several places: the first span is the
                # argument, the others its alternatives (any of them matches)
                specs = spec if isinstance(spec, list) else [spec]
                spans = [res.span(x) for x in specs]
                args.append({"role": role, **spans[0], "alternatives": spans[1:]})
        except tool.SpecError as exc:
            raise GoldError(f"{where}: {exc}") from exc
        if not mentions:
            raise GoldError(f"{where}: no mention")
        if len({(m["start"], m["end"]) for m in mentions}) != len(mentions):
            raise GoldError(f"{where}: duplicate mention")
        args.sort(key=lambda a: (a["start"], a["end"], a["role"]))
        out = {
            "id": str(ev["id"]),
            "type": typ,
            "mentions": mentions,
            "arguments": args,
            "time": None if ev.get("time") is None else str(ev["time"]),
            "polarity": ev.get("polarity", "positive"),
            "modality": ev.get("modality", "asserted"),
            "genericity": ev.get("genericity", "specific"),
            "historical": bool(ev.get("historical", False)),
        }
        for key, allowed in (("polarity", POLARITIES), ("modality", MODALITIES), ("genericity", GENERICITIES)):
            if out[key] not in allowed:
                raise GoldError(f"{where}: {key} {out[key]!r} not in {allowed}")
        out["factual"] = is_factual(out)
        events.append(out)
    # two events never share a mention span
    owner: dict[tuple[int, int], str] = {}
    for ev in events:
        for m in ev["mentions"]:
            key = (m["start"], m["end"])
            if key in owner:
                raise GoldError(f"{src_path.name}: mention {m['text']!r} at {key} is in {owner[key]} and {ev['id']}")
            owner[key] = ev["id"]
    events.sort(key=lambda e: (e["mentions"][0]["start"], e["type"]))
    return {"id": art, "published": str(src["published"]), "source": src["source"], "events": events}


def sources(names: list[str] | None = None) -> list[Path]:
    out = []
    for split in SPLITS:
        for p in sorted((HERE / split / "gold" / "src").glob("*.yaml")):
            if not names or p.stem in names:
                out.append(p)
    return out


def json_path(src_path: Path) -> Path:
    return src_path.parent.parent / f"{src_path.stem}.json"


def dumps(gold: dict) -> str:
    return json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    bad = 0
    for src in sources(names):
        try:
            gold = build(src)
        except GoldError as exc:
            print(f"ERROR {exc}")
            bad += 1
            continue
        out = json_path(src)
        if check:
            if not out.is_file() or read_text(out) != dumps(gold):
                print(f"STALE {out} (run python eval/events/build.py)")
                bad += 1
        else:
            out.write_text(dumps(gold), encoding="utf-8", newline="")
            print(f"wrote {out.relative_to(ROOT)}: {len(gold['events'])} events, "
                  f"{sum(len(e['mentions']) for e in gold['events'])} mentions")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
