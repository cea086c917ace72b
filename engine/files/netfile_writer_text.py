"""The text of a network file, in pieces: one line per key, one line per matrix row.

Numbers are written as ``repr`` of their float64 (json's own way), the shortest text that
reads back as the same float64. A matrix held as a float64 array (n, w) is written a block of
about BLOCK_NUMBERS numbers at a time, vectorised: the block's numbers are turned into text
in one pass over a flat list, each distinct value once when a block repeats values (a class
table of 0s and 1s), and joined with the separators of its rows — the same bytes as writing
``json.dumps(row)`` row by row, without a Python step per row (a 1,000,000-row xor data set:
about 0.5 s instead of about 8 s). Each block is short (a few milliseconds), so the writer
reports its progress often (engine/files/netfile_worker.py writes a big file in a process of
its own).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from itertools import chain, cycle

import numpy as np

BLOCK_NUMBERS = 4096  # numbers formatted in one go (one C call holding the interpreter)

Counted = Callable[[int], None]  # told how many more numbers were written


def pieces(value, indent: str = "", counted: Counted | None = None) -> Iterator[str]:
    """The text of ``value`` in pieces (a block of matrix rows at most), ending in a newline at
    the top. ``counted(n)`` hears of each block of n numbers of an array as it is written."""
    inner = indent + "  "
    if isinstance(value, np.ndarray) and value.ndim == 2 and value.size:
        yield from matrix_pieces(value, indent, counted)
    elif isinstance(value, np.ndarray):  # a vector (a layer's biases), or an empty matrix
        yield json.dumps(value.tolist() if value.size else [], allow_nan=False)
        if counted is not None:
            counted(value.size)
    elif isinstance(value, dict) and value:
        for index, (key, item) in enumerate(value.items()):
            yield ("{\n" if index == 0 else ",\n") + f"{inner}{json.dumps(key)}: "
            yield from pieces(item, inner, counted)
        yield "\n" + indent + "}"
    # a network file's lists are homogeneous: rows of numbers, or lists of rows / objects
    elif isinstance(value, list) and value and isinstance(value[0], list | dict):
        for index, item in enumerate(value):
            yield ("[\n" if index == 0 else ",\n") + inner
            yield from pieces(item, inner, counted)
        yield "\n" + indent + "]"
    else:
        yield json.dumps(value, allow_nan=False, ensure_ascii=False)
    if not indent:
        yield "\n"


def matrix_pieces(matrix: np.ndarray, indent: str, counted: Counted | None = None
                  ) -> Iterator[str]:
    """A float64 matrix (n ≥ 1 rows, w ≥ 1 columns) as the writer lays out a list of rows::

        [
          [m00, m01],
          [m10, m11]
        ]
    """
    matrix = np.ascontiguousarray(matrix, dtype=np.float64)
    n_rows, width = matrix.shape
    row_end = "],\n" + indent + "  ["
    separators = [", "] * (width - 1) + [row_end]
    rows_per_block = max(1, BLOCK_NUMBERS // width)
    yield "[\n" + indent + "  ["
    for start in range(0, n_rows, rows_per_block):
        block = matrix[start:start + rows_per_block]
        text = block_text(block, separators)
        if start + rows_per_block >= n_rows:  # the last row closes the matrix
            text = text[:-len(row_end)] + "]\n" + indent + "]"
        yield text
        if counted is not None:
            counted(block.size)


def block_text(block: np.ndarray, separators: list[str]) -> str:
    """Each number of ``block`` (C-ordered float64) followed by the next of ``separators`` in
    turn (one per column). ValueError, as json's, for a value that is not finite."""
    if not np.isfinite(block).all():
        raise ValueError("Out of range float values are not JSON compliant")
    flat = block.ravel()
    bits = flat.view(np.int64)  # by bits: -0.0 and 0.0 are written differently
    distinct = np.unique(bits)
    if 2 * distinct.size <= flat.size:  # repeated values: each formatted once
        texts = dict(zip(distinct.tolist(), map(float.__repr__, distinct.view(np.float64).tolist()),
                         strict=True))
        numbers = map(texts.__getitem__, bits.tolist())
    else:
        numbers = map(float.__repr__, flat.tolist())
    return "".join(chain.from_iterable(zip(numbers, cycle(separators))))
