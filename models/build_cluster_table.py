"""Rebuild ``models/ner/clusters.npz``, the compact form of the two word-cluster files that
the neural NER tagger reads at load (``arabic_events.ner.clusters``).

    python models/build_cluster_table.py [--dir models/ner]

Run it after changing ``clusters.tsv`` or ``clusters_w2v.tsv``; until then the tagger sees
that the table was built from other files and parses the TSV files (slower load, same tags).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from arabic_events.ner.clusters import load_table, write_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ROOT / "models" / "ner")
    args = ap.parse_args(argv)
    path = write_table(args.dir)
    table = load_table(args.dir)
    if table is None:
        raise SystemExit(f"{path} was written but does not load")
    print(f"{path}: {len(table.index):,} words, {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
