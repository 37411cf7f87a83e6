"""Build eval/heldout/gold/<name>.json from eval/heldout/gold/src/<name>.yaml.

Reuses tools/build_gold.py unchanged: its functions are imported and pointed at this
folder. Usage (repository root):  python eval/heldout/build.py [--check] [NAME ...]
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def load_tool():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "tools" / "build_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.SEEDS = HERE
    mod.SRC = HERE / "gold" / "src"
    mod.OUT = HERE / "gold"
    return mod


if __name__ == "__main__":
    raise SystemExit(load_tool().main(sys.argv[1:]))
