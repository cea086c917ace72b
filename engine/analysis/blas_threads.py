"""One BLAS thread for the calling thread: for grids computed beside a live window.

numpy's matrix products go to OpenBLAS, which by default splits each product over every core.
For the many small products of a landscape grid (a chunk of 8 MB at most) that splitting costs
more than it saves, and on a machine whose cores are busy (the window repainting, training
running) it costs a great deal: measured on two shared cores, a 41 × 41 map of a 2-8-8-1
network took 449 ms with the default threads and 186 ms with one; a 101 × 101 random slice of
784-128-10 took over 30 s against 3.5–5 s.

OpenBLAS 0.3.27 and later (the copy numpy's wheels bundle) has
``openblas_set_num_threads_local(n)``: it changes the count for the calling thread only, so the
main thread keeps its threads. Where that function cannot be found (another BLAS, an older
OpenBLAS, numpy built differently) nothing changes and :func:`use_one_blas_thread` says False.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np

_FOLDERS = ("numpy.libs", "numpy/.dylibs")  # where numpy's wheels keep their OpenBLAS


def _set_local_threads():
    """OpenBLAS' ``openblas_set_num_threads_local`` from numpy's own copy, or None."""
    site = Path(np.__file__).resolve().parents[1]
    for folder in _FOLDERS:
        for path in sorted((site / folder).glob("*openblas*")):
            try:
                return ctypes.CDLL(str(path)).openblas_set_num_threads_local
            except (OSError, AttributeError):
                continue
    return None


_SETTER = _set_local_threads()


def use_one_blas_thread() -> bool:
    """Let matrix products called from this thread use one core; True if it took effect."""
    if _SETTER is None:
        return False
    _SETTER.argtypes, _SETTER.restype = [ctypes.c_int], ctypes.c_int
    _SETTER(1)
    return True
