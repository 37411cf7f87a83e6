"""Reproducible selection of the event-level gold articles (eval/events/{test,dev}).

Run from the repository root:  python eval/events/select.py [--write | --write-common]

Method (fixed before any annotation; nothing here looks at system output):
1. Read ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz in file order (0-based line
   index i). TEST articles have i % 10 == 7, DEV articles i % 10 == 3, TEST2 articles
   (the second blind test set, drawn 2026-12-03 after TEST had been scored) i % 10 == 5.
   DEV2 (more development gold, drawn 2026-12-03 in the third session) i % 10 == 1 and
   TEST3 (the third blind test set, drawn then, after TEST2 had been scored) i % 10 == 9.
   TEST4 (the fourth blind test set, drawn 2026-12-03 in the fourth session, after TEST3 had
   been scored once) is a second draw from i % 10 == 7: TEST's residue, whose other lines no
   one has read (helpers develop on even lines only); it drops TEST's articles like every
   earlier set (step 3) and shuffles with its own seed (SEED_OFFSET).
2. Keep articles with date_extracted on or after 2015-08-02 (a reliable publication date,
   PROVENANCE.md), a non-empty title and 120-450 whitespace words of content; drop the six
   eval/heldout articles and agency copies (same first 80 characters of content as any
   earlier article of the file, whatever its split).
3. Drop articles sharing a 5-word sequence with the library's development material
   (same definition as eval/heldout/select.py: arabic_events/data, tests, docs, seeds),
   so that no sentence was seen by a corpus or a doc. TEST2 also drops an article sharing
   5 or more with one DEV or TEST article (EARLIER_SETS): the first TEST2 draw picked
   another outlet's copy of a DEV story (60 shared sequences), found before any annotation.
4. Topic: each article gets the stratum of topics.yaml with the highest keyword score
   among the strata with at least one keyword in the title (a title hit counts 3, a
   content hit 1; ties by file order of the strata); an article with no keyword of any
   stratum in its title, or a score below 3, has no topic and is not drawn.
5. Draw: the candidates of each stratum are shuffled with random.Random(SEED + split
   offset); then strata take turns (round robin, in file order) picking one article each
   until their quota is met: the pick is the first shuffled candidate whose outlet
   (`source`) has been used least so far in the split, so the set spans many outlets.
6. When a stratum's pool runs out (dev: protests and military have one candidate each),
   its shortfall is filled by the other strata taking turns again, same rule.

Step 3 depends on the development material of the day: the TEST and DEV draws were made
at commit 9a8380e, the TEST2 draw at commit ba89cd0 (see README.md). Later material may change the pool; the tests check that each
article still passes steps 1-3 and is verbatim, not the draw itself.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
_REL = Path("data") / "saudinewsnet" / "saudinewsnet.jsonl.gz"
# ../shared from the repository root (a worktree under /work/wt sits one level deeper);
# $ARABIC_EVENTS_SHARED overrides
DATA = next((p / _REL for p in ([Path(os.environ["ARABIC_EVENTS_SHARED"])] if os.environ.get("ARABIC_EVENTS_SHARED") else [])
             + [ROOT.parent / "shared", ROOT.parent.parent / "shared"] if (p / _REL).is_file()),
            ROOT.parent / "shared" / _REL)
SEED = 20261203
SPLITS = {"test": 7, "dev": 3, "test2": 5, "dev2": 1, "test3": 9, "test4": 7}
# the shuffle seed is SEED + the residue, except for a second draw from a residue already used
SEED_OFFSET = {"test4": 107}
HELDOUT_IDS = {27711, 20514, 17022, 26719, 21441, 24634}
MIN_WORDS, MAX_WORDS = 120, 450
MIN_SCORE = 3


def topics() -> dict:
    return yaml.safe_load((HERE / "topics.yaml").read_text(encoding="utf-8"))


def _heldout_select():
    spec = importlib.util.spec_from_file_location("heldout_select", ROOT / "eval" / "heldout" / "select.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def words(s: str) -> list[str]:
    return _heldout_select().words(s)


def dev_shingles() -> set[tuple[str, ...]]:
    """5-word sequences of the development material (eval/heldout/select.py's definition)."""
    return _heldout_select().dev_shingles()


# TEST2 also drops an article sharing 5 or more 5-word sequences with one article of the
# earlier event sets: another outlet's copy of the same agency story (the library was tuned
# on DEV). One or two shared sequences are formulaic phrases, not a copy.
EARLIER_SETS = {"test2": ("dev", "test"), "dev2": ("dev", "test", "test2"),
                "test3": ("dev", "test", "test2", "dev2"),
                "test4": ("dev", "test", "test2", "dev2", "test3")}
EARLIER_MIN_SHARED = 5


def earlier_set_shingles(splits) -> list[set[tuple[str, ...]]]:
    out = []
    for split in splits:
        for p in sorted((HERE / split).glob("*.txt")):
            w = words(p.read_text(encoding="utf-8"))
            out.append({tuple(w[j:j + 5]) for j in range(len(w) - 4)})
    return out


def article_text(d: dict) -> str:
    return d["title"].strip() + "\n\n" + d["content"].strip() + "\n"


def candidates(split: str):
    """(i, record) for every article of the split passing steps 1-2, in file order."""
    mod = SPLITS[split]
    seen = set()
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            c, t = d["content"].strip(), d["title"].strip()
            key = c[:80]
            copy = key in seen
            seen.add(key)
            if i % 10 != mod or copy or i in HELDOUT_IDS:
                continue
            if not t or d["date_extracted"] < "2015-08-02":
                continue
            if not MIN_WORDS <= len(c.split()) <= MAX_WORDS:
                continue
            yield i, d


def topic_of(d: dict, table: dict | None = None) -> str | None:
    table = table or topics()
    best, best_score = None, 0
    for name, spec in table.items():
        title = sum(d["title"].count(k) for k in spec["keywords"])
        if not title:
            continue
        score = 3 * title + sum(d["content"].count(k) for k in spec["keywords"])
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= MIN_SCORE else None


def select(split: str, dev_material: bool = True) -> list[tuple[str, int, dict]]:
    table = topics()
    dev = dev_shingles() if dev_material else set()
    earlier = earlier_set_shingles(EARLIER_SETS[split]) if split in EARLIER_SETS else []
    pools: dict[str, list] = {name: [] for name in table}
    for i, d in candidates(split):
        w = words(d["title"] + " " + d["content"])
        if any(tuple(w[j:j + 5]) in dev for j in range(len(w) - 4)):
            continue
        if earlier:
            own = {tuple(w[j:j + 5]) for j in range(len(w) - 4)}
            if any(len(own & other) >= EARLIER_MIN_SHARED for other in earlier):
                continue
        t = topic_of(d, table)
        if t:
            pools[t].append((i, d))
    rng = random.Random(SEED + SEED_OFFSET.get(split, SPLITS[split]))
    for name in table:
        rng.shuffle(pools[name])
    used: Counter = Counter()
    quota = {name: spec["quota"][split] for name, spec in table.items()}
    chosen: list[tuple[str, int, dict]] = []
    while any(quota.values()):
        progress = False
        for name in table:
            if not quota[name] or not pools[name]:
                continue
            k = min(range(len(pools[name])), key=lambda j: (used[pools[name][j][1]["source"]], j))
            i, d = pools[name].pop(k)
            used[d["source"]] += 1
            quota[name] -= 1
            chosen.append((name, i, d))
            progress = True
        if not progress:
            break
    # step 6: a stratum whose pool ran out leaves its shortfall to the others, which take
    # turns again in file order (the picks above are unchanged)
    short = sum(quota.values())
    while short:
        progress = False
        for name in table:
            if not short or not pools[name]:
                continue
            k = min(range(len(pools[name])), key=lambda j: (used[pools[name][j][1]["source"]], j))
            i, d = pools[name].pop(k)
            used[d["source"]] += 1
            short -= 1
            chosen.append((name, i, d))
            progress = True
        if not progress:
            break
    return sorted(chosen, key=lambda c: c[1])


COMMON_MIN_DOCS = 5
COMMON_FILE = HERE / "test_common_5grams.txt"
COMMON_FILES = {"test": COMMON_FILE, "test2": HERE / "test2_common_5grams.txt",
                "test3": HERE / "test3_common_5grams.txt", "test4": HERE / "test4_common_5grams.txt"}


def common_shingles(min_docs: int = COMMON_MIN_DOCS, split: str = "test") -> list[str]:
    """5-word sequences of the TEST articles that also occur in at least ``min_docs`` other
    SaudiNewsNet articles: formulaic phrases (names with titles, stock-market boilerplate,
    "the Prophet, peace be upon him") that anyone may write without having seen the test
    set, so the contamination test ignores them (a copied sentence still has rare ones)."""
    import glob

    test: dict[tuple[str, ...], set[int]] = {}
    for p in sorted(glob.glob(str(HERE / split / "*.txt"))):
        w = words(Path(p).read_text(encoding="utf-8"))
        for j in range(len(w) - 4):
            test.setdefault(tuple(w[j:j + 5]), set()).add(int(Path(p).stem))
    ids = set().union(*test.values()) if test else set()
    count: Counter = Counter()
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in ids:
                continue
            d = json.loads(line)
            w = words(d["title"] + " " + d["content"])
            count.update({tuple(w[j:j + 5]) for j in range(len(w) - 4)} & test.keys())
    return sorted(" ".join(k) for k, n in count.items() if n >= min_docs)


def main() -> int:
    # --split NAME restricts the draw (and --write-common) to one split
    only = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else None
    if "--write-common" in sys.argv:
        for split, path in COMMON_FILES.items():
            if only and split != only:
                continue
            common = common_shingles(split=split)
            path.write_text("".join(c + "\n" for c in common), encoding="utf-8")
            print(f"wrote {path}: {len(common)} common 5-word sequences")
        return 0
    write = "--write" in sys.argv
    for split in SPLITS:
        if only and split != only:
            continue
        print(f"== {split}")
        for name, i, d in select(split):
            print(i, name, d["source"], d["date_extracted"], len(d["content"].split()), d["title"])
            if write:
                out = HERE / split
                out.mkdir(exist_ok=True)
                (out / f"{i}.txt").write_text(article_text(d), encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
