"""Build the generated gazetteer files under ``arabic_events/data/gazetteers/``.

- ``places.tsv`` (text, kind, country code, tier) from ``../shared/data/geo_dr5hn`` (ODbL 1.0):
  countries (Arabic translation and native name), states/provinces and cities. Geographic
  head nouns (``geo_heads.txt``) are stripped (``محافظة نينوى`` -> ``نينوى``). Tier ``rule``
  entries (countries, the region's provinces and larger cities) are emitted by the rule layer;
  tier ``feature`` entries are only model features.
- ``names.tsv`` (text, kind) from ``../shared/data/arabic_names_akhateeb`` (MIT): first and last names.

Entries that ANERcorp's train split tags mostly ``O`` (common words that happen to be place
names) are demoted to tier ``feature``. Run: ``python models/build_gazetteers.py``.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from arabic_events.ner.features import fold  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "arabic_events" / "data" / "gazetteers"
REGION = set(
    "IQ SY JO LB PS IL SA KW BH QA AE OM YE EG LY TN DZ MA SD SO DJ MR KM IR TR AF PK CY".split()
)
ARABIC = set("IQ SY JO LB PS SA KW BH QA AE OM YE EG LY TN DZ MA SD SO DJ MR KM".split())


def clean(s: str | None) -> str | None:
    if not s:
        return None
    s = unicodedata.normalize("NFC", s).replace("\u0640", "")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf").strip()
    if not s or not any("\u0621" <= ch <= "\u064a" for ch in s):
        return None
    if any(not ("\u0621" <= ch <= "\u064a" or ch == " ") for ch in s):
        return None
    return s


def strip_head(s: str, heads: list[str]) -> str:
    for h in heads:
        if s.startswith(h + " ") and len(s) > len(h) + 2:
            return s[len(h) + 1 :]
    return s


def anercorp_o_ratio() -> dict[str, float]:
    """Share of O tags per folded word in ANERcorp train (for demoting common words)."""
    tot: Counter = Counter()
    o: Counter = Counter()
    with gzip.open(SHARED / "anercorp_camellab" / "ANERCorp_CamelLab_train.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            w = fold(parts[0])
            tot[w] += 1
            o[w] += parts[1] == "O"
    return {w: o[w] / tot[w] for w in tot if tot[w] >= 3}


def main() -> int:
    heads = [l.strip() for l in (OUT / "geo_heads.txt").read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    oratio = anercorp_o_ratio()
    never = {fold(l.strip()) for l in (OUT / "not_entities.txt").read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")}
    counts: dict[str, int] = {}
    cl = ROOT / "models" / "ner" / "clusters.tsv"
    if cl.exists():  # very frequent words that are also small places (مركز) stay features
        for line in cl.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                parts = line.split("\t")
                counts[parts[0]] = int(parts[2])
    rows: dict[str, tuple[str, str, str]] = {}

    def add(name: str | None, kind: str, cc: str, tier: str, big: bool = False) -> None:
        name = clean(name)
        if not name:
            return
        name = strip_head(name, heads)
        if len(name) < 3 or len(name.split()) > 4:
            return
        if fold(name) in never:
            return
        if tier == "rule" and not big and (
            oratio.get(fold(name), 0.0) > 0.5 or name.startswith(("آش ", "آل ", "آز ")) or counts.get(fold(name), 0) > 3000
            or (" " not in name and len(name) < 4)
        ):
            tier = "feature"
        old = rows.get(name)
        if old is None or (old[2] == "feature" and tier == "rule"):
            rows[name] = (kind, cc, tier)

    countries = json.loads(gzip.decompress((SHARED / "geo_dr5hn" / "countries.json.gz").read_bytes()))
    for c in countries:
        add(c["translations"].get("ar"), "country", c["iso2"], "rule", True)
        if c["iso2"] in ARABIC:
            add(c.get("native"), "country", c["iso2"], "rule", True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "states.sqlite3"
        db.write_bytes(gzip.decompress((SHARED / "geo_dr5hn" / "states.sqlite3.gz").read_bytes()))
        con = sqlite3.connect(db)
        for name, cc, native, tr in con.execute("select name, country_code, native, translations from states"):
            ar = json.loads(tr or "{}").get("ar")
            tier = "rule" if cc in REGION else "feature"
            add(ar, "state", cc, tier)
            if cc in ARABIC:
                add(native, "state", cc, tier)
        con.close()
    for p in sorted((SHARED / "geo_dr5hn" / "cities").glob("*.json.gz")):
        cc = p.name[:2]
        for c in json.loads(gzip.decompress(p.read_bytes())):
            pop = c.get("population") or 0
            if cc in REGION:
                tier = "rule" if pop >= 100000 else "feature"
            elif pop >= 300000:
                tier = "rule" if pop >= 1000000 else "feature"
            else:
                continue
            big = pop >= 500000
            add((c.get("translations") or {}).get("ar"), "city", cc, tier, big)
            if cc in ARABIC:
                add(c.get("native"), "city", cc, tier, big)
    for line in (OUT / "places_extra.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            rows[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "", "rule")
    with open(OUT / "places.tsv", "w", encoding="utf-8") as f:
        f.write("# Places derived from the Countries States Cities Database by dr5hn\n")
        f.write("# (https://github.com/dr5hn/countries-states-cities-database), ODbL v1.0; built by models/build_gazetteers.py\n")
        f.write("# plus the hand-written places_extra.tsv\n")
        f.write("# text\tkind\tcountry\ttier\n")
        for name in sorted(rows):
            kind, cc, tier = rows[name]
            f.write(f"{name}\t{kind}\t{cc}\t{tier}\n")
    names: dict[str, str] = {}
    base = SHARED / "arabic_names_akhateeb"
    for fn, kind in (("male-first--names-in-arabic.txt", "first"), ("female-first-names-in-arabic.txt", "first"), ("last-names-in-arabic.txt", "last")):
        for line in (base / fn).read_text(encoding="utf-8-sig").splitlines():
            n = clean(line)
            if n and len(n) >= 3 and n not in names:
                names[n] = kind
    with open(OUT / "names.tsv", "w", encoding="utf-8") as f:
        f.write("# Arabic person names from github.com/AKhateeb/arabic-names (MIT, (c) 2018 AKhateeb); built by models/build_gazetteers.py\n")
        f.write("# text\tkind (first|last). Used as model features only.\n")
        for n in sorted(names):
            f.write(f"{n}\t{names[n]}\n")
    # proper nouns of the CAMeL morphology lexicon (CC BY 4.0): rat:r = human (person names)
    import csv

    from camel_tools.utils.charmap import CharMapper
    from camel_tools.utils.dediac import dediac_ar

    bw = CharMapper.builtin_mapper("bw2ar")
    prop: dict[str, str] = {}
    with gzip.open(SHARED / "camel_morph_msa_propnouns" / "MSA-Noun-Prop-LEX.csv.gz", "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            form = clean(dediac_ar(bw(r.get("FORM") or r.get("LEMMA") or "")).replace("\u0671", "\u0627"))
            if not form or len(form) < 3:
                continue
            kind = "person" if "rat:r" in (r.get("FEAT") or "") else "other"
            if prop.get(form) != "person":
                prop[form] = kind
    with open(OUT / "propnouns.tsv", "w", encoding="utf-8") as f:
        f.write("# Proper nouns from the CAMeL morphology MSA proper-noun lexicon (camel-morph, CC BY 4.0),\n")
        f.write("# Buckwalter converted to Arabic script, harakat removed; kind person (rat:r) | other. Model features only.\n")
        for n in sorted(prop):
            f.write(f"{n}\t{prop[n]}\n")
    tiers = Counter(t for _, _, t in rows.values())
    print(f"places: {len(rows)} ({dict(tiers)}); names: {len(names)}; proper nouns: {len(prop)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
