"""Print the events of the news frames on a random sample of SaudiNewsNet articles, for reading.

    python tools/sample_frame_events.py 15            # seed 15 (docs/frames.md used seeds 10-15)
    python tools/sample_frame_events.py 15 --misses   # also keyword sentences with no event of the frame

Draws up to 4 articles per new frame (32 in all) that contain a frame's words twice, from
line indices with ``i % 10`` not 3, 5 or 7 (reserved for the event gold and blind sets), 200-3,000 characters,
runs the default pipeline and prints every event of a new frame (and of the CASUALTIES and
ATTACK triggers added with them) with the text around its trigger. Judging them is left to
the reader (docs/frames.md, "Measured").
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NEW = ("BOMBING", "KIDNAPPING", "ARREST", "CAPTURE", "PROTEST", "CEASEFIRE", "NATURAL_DISASTER", "ELECTION")
ADDED_RULES = ("pattern:قضى", "pattern:القضاء", "pattern:أطلق", "pattern:إطلاق", "trigger:noun:شهيد", "trigger:noun:ضحية")
KEYS = {
    "BOMBING": r"انفجار|تفجير|فجر", "KIDNAPPING": r"اختطاف|اختطف|خطف|رهائن",
    "ARREST": r"اعتقال|اعتقل|القبض|قبض|توقيف|احتجاز", "CAPTURE": r"سيطر|استعاد|اقتحم|استولى|تحرير",
    "PROTEST": r"مظاهر|تظاهر|احتجاجات|اعتصام|إضراب|مسيرة", "CEASEFIRE": r"هدنة|وقف إطلاق|تهدئة",
    "NATURAL_DISASTER": r"زلزال|فيضان|سيول|إعصار|عاصفة|حرائق", "ELECTION": r"انتخاب|اقتراع|استفتاء|صوت",
}


def _data() -> Path:
    p = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    return p if p.exists() else Path("/work/shared/data/saudinewsnet/saudinewsnet.jsonl.gz")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seed", type=int)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    import arabic_events as ae

    rows = []
    with gzip.open(_data(), "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 10 not in (3, 5, 7):
                rows.append((i, json.loads(line)))
    rng = random.Random(args.seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    per = {k: 0 for k in KEYS}
    picked = []
    for j in order:
        i, a = rows[j]
        text = a.get("content") or ""
        if not 200 <= len(text) <= 3000:
            continue
        for k, rx in KEYS.items():
            if per[k] < 4 and len(re.findall(rx, text)) >= 2:
                per[k] += 1
                picked.append((i, k, a))
                break
        if len(picked) >= 32:
            break
    nlp = ae.load()
    for i, k, a in picked:
        doc = nlp(a["content"], published=(a.get("date_extracted") or "")[:10] or None)
        print(f"=== {i} [{k}] {a.get('source')} {a.get('title', '')[:80]}")
        for e in doc.events:
            if e.type in NEW or e.rule.startswith(ADDED_RULES):
                ctx = doc.text[max(e.trigger.start - 70, 0): e.trigger.end + 70].replace("\n", " ")
                print(f"  {e.id} {e.type} [{e.trigger.text}] {e.modality}/{e.polarity} {[(x.role, x.text) for x in e.arguments]}")
                print(f"      ...{ctx}...")
        if args.misses:
            for si, sent in enumerate(doc.sentences):
                st = doc.text[sent.start:sent.end]
                for k2, rx in KEYS.items():
                    m = re.search(rx, st)
                    if m and not any(e.type == k2 and e.sentence == si for e in doc.events):
                        print(f"  MISS? {k2}: ...{st[max(m.start() - 60, 0): m.end() + 60]}...".replace("\n", " "))


if __name__ == "__main__":
    main()
