"""Checks of single values in a network file: each names its key when the value is wrong.

``Checker`` carries the file name so every check can raise ``NetworkFileError(key, problem,
path)``; the limits of DESIGN.md ("Network file") live in the rule book, engine/model/rules.py.
"""

from __future__ import annotations

import difflib
import itertools
import math
import unicodedata

import numpy as np

from engine.errors import NetworkFileError
from engine.files.file_text import has_lone_surrogate, key_name, quote
from engine.i18n import tr

MAX_SEED = 2**63 - 1
MAX_PARAMETER_LABEL = 40  # characters of a weight's or bias's name (it is drawn on its wire)


class NonFiniteLiteral(float):
    """A NaN, Infinity or -Infinity literal as read from a file, remembering how it was written."""

    def __new__(cls, literal: str):
        value = super().__new__(cls, literal)
        value.literal = literal
        return value


def show(value) -> str:
    """A short description of a JSON value for a message: ``true``, ``"abc"``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, NonFiniteLiteral):
        return tr("{literal} (JSON has no NaN or Infinity: write a finite number)",
                  literal=value.literal)
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return type(value).__name__


def numbers(count: int) -> str:
    """``1 number``, ``3 numbers``."""
    return tr("{count} number", count=count) if count == 1 else tr("{count} numbers", count=count)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _all_finite_numbers(rows: list, shape: tuple[int, int]) -> np.ndarray | None:
    """``rows`` as one float64 array of ``shape`` if every value is an int or float and finite
    (a million rows in well under a second), else None: the caller looks row by row."""
    if not set(map(type, itertools.chain.from_iterable(rows))) <= {int, float}:
        return None
    try:
        array = np.array(rows, dtype=np.float64).reshape(shape)
    except OverflowError:
        return None
    return array if np.isfinite(array).all() else None


def _not_a_number(value) -> str:
    if isinstance(value, bool):
        return tr("expected a number, got {value} (booleans are not numbers)", value=show(value))
    return tr("expected a number, got {value}", value=show(value))


class Checker:
    """Validates values of one document; ``source`` is the file name used in its errors."""

    def __init__(self, source: str | None):
        self.source = source
        self.show = show

    def fail(self, key: str, problem: str):
        raise NetworkFileError(key, problem, self.source)

    # ----- objects and names ------------------------------------------------------------------
    def keys(self, obj: dict, prefix: str, allowed, required) -> None:
        """Refuse unknown keys (suggesting a close known one) and report missing ones."""
        for key in obj:
            if key not in allowed:
                where = f"{prefix}.{key_name(key)}" if prefix else key_name(key)
                close = difflib.get_close_matches(str(key)[:100], allowed, n=1, cutoff=0.6)
                self.fail(where, tr("unknown key (did you mean {close!r}?)", close=close[0])
                          if close else tr("unknown key"))
        for key in required:
            if key not in obj:
                self.fail(f"{prefix}.{key}" if prefix else key, tr("missing key"))

    def choice(self, value, key: str, known) -> str:
        if value not in known or not isinstance(value, str):
            close = []
            if isinstance(value, str):
                close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
            what, shown, names = key.rsplit(".", 1)[-1], show(value), ", ".join(known)
            self.fail(
                key,
                tr("unknown {what} {value} (did you mean {close!r}? known: {known})",
                   what=what, value=shown, close=close[0], known=names) if close else
                tr("unknown {what} {value} (known: {known})", what=what, value=shown, known=names),
            )
        return value

    def text(self, value, key: str) -> str:
        """A string of characters: one holding a lone surrogate (a ``\\ud800`` escape without
        its pair) is refused, since nothing can write or show it."""
        if not isinstance(value, str):
            self.fail(key, tr("expected a string, got {value}", value=show(value)))
        if has_lone_surrogate(value):
            self.fail(key, tr("{value} holds a lone surrogate (half of a \\uXXXX pair), which is "
                              "not a character",
                              value=show(value)))
        return value

    def parameter_label(self, value, key: str) -> str:
        """A weight's or bias's name: ``text`` without control characters (a tab, a newline,
        an escape code), 1 to ``MAX_PARAMETER_LABEL`` characters."""
        text = self.text(value, key)
        if not 1 <= len(text) <= MAX_PARAMETER_LABEL:
            self.fail(key, tr("expected a name of 1 to {max_parameter_label} characters, got "
                              "{n_text:,}",
                              max_parameter_label=MAX_PARAMETER_LABEL, n_text=len(text)))
        if any(unicodedata.category(c) == "Cc" for c in text):
            self.fail(key, tr("{text} holds a control character", text=show(text)))
        return text

    def parameter_labels(self, rows, key: str, n_rows: int, width: int | None) -> list | None:
        """null, or names in the shape of the parameters: ``n_rows`` names (``width`` None,
        a layer's biases) or ``n_rows`` rows of ``width`` names (its weights)."""
        if rows is None:
            return None
        shape = f"{n_rows} names" if width is None else f"{n_rows} rows of {width} names"
        if not isinstance(rows, list) or len(rows) != n_rows:
            self.fail(key, tr("expected a list of {shape}, got {rows}",
                              shape=shape, rows=show(rows)))
        if width is None:
            return [self.parameter_label(v, f"{key}[{i}]") for i, v in enumerate(rows)]
        for index, row in enumerate(rows):  # every length first, as for the weights themselves
            if not isinstance(row, list) or len(row) != width:
                self.fail(f"{key}[{index}]", tr("expected a list of {width} names, got {row}",
                                                width=width, row=show(row)))
        return [self.parameter_labels(row, f"{key}[{i}]", width, None)
                for i, row in enumerate(rows)]

    def flag(self, value, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, tr("expected true or false, got {value}", value=show(value)))
        return value

    # ----- single numbers ---------------------------------------------------------------------
    def number(self, value, key: str) -> float:
        """A finite number (int or float, never a bool) as a float."""
        if not _is_number(value):
            self.fail(key, _not_a_number(value))
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
        if not math.isfinite(result):
            self.fail(key, tr("expected a finite number, got {value}", value=show(value)))
        return result

    def count(self, value, key: str, low: int, high: int, what: str) -> int:
        """An integer in [low, high]; ``what`` names the unit in the message."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, tr("expected a whole number, got {value}", value=show(value)))
        if value < low:
            self.fail(key, tr("{value} {what}, at least {low} needed",
                              value=value, what=what, low=low))
        if value > high:
            self.fail(key, tr("{value:,} {what}, more than the limit of {high:,}",
                              value=value, what=what, high=high))
        return value

    def positive(self, value, key: str) -> float:
        result = self.number(value, key)
        if result <= 0.0:
            self.fail(key, tr("must be greater than 0, got {value}", value=show(value)))
        return result

    def fraction(self, value, key: str) -> float:
        """A number in [0, 1): momentum and Adam's betas."""
        result = self.number(value, key)
        if not 0.0 <= result < 1.0:
            self.fail(key, tr("must be at least 0 and less than 1, got {value}", value=show(value)))
        return result

    def optional_count(self, value, key: str) -> int | None:
        """null, or a positive integer (batch_size, max_epochs)."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(key, tr("expected a positive whole number or null, got {value}",
                              value=show(value)))
        return value

    def optional_non_negative(self, value, key: str) -> float | None:
        if value is None:
            return None
        result = self.number(value, key)
        if result < 0.0:
            self.fail(key, tr("must be at least 0 (or null), got {value}", value=show(value)))
        return result

    def seed(self, value, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEED:
            self.fail(key, tr("expected a whole number from 0 to {max_seed}, got {value}",
                              max_seed=MAX_SEED, value=show(value)))
        return value

    # ----- arrays -----------------------------------------------------------------------------
    def vector(self, values, key: str, length: int, width_name: str = "") -> np.ndarray:
        """A list of ``length`` finite numbers as a float64 array, shape (length,)."""
        named = f" ({width_name})" if width_name else ""
        if isinstance(values, np.ndarray):
            return self._array(values, key, (length,), named)
        if not isinstance(values, list):
            self.fail(key, tr("expected a list of {length}{named}, got {values}",
                              length=numbers(length), named=named, values=show(values)))
        if len(values) != length:
            self.fail(key, tr("expected {length}{named}, got {n_values}",
                              length=numbers(length), named=named, n_values=len(values)))
        for index, value in enumerate(values):
            if not _is_number(value):
                self.fail(f"{key}[{index}]", _not_a_number(value))
        try:
            array = np.array(values, dtype=np.float64)
        except OverflowError:
            array = np.array([_clip(v) for v in values], dtype=np.float64)
        if length and not np.isfinite(array).all():
            index = int(np.flatnonzero(~np.isfinite(array))[0])
            self.fail(f"{key}[{index}]", tr("expected a finite number, got {values}",
                                            values=show(values[index])))
        return array

    def matrix(self, rows, key: str, n_rows: int, width: int, width_name: str = "") -> np.ndarray:
        """``n_rows`` lists of ``width`` finite numbers as a float64 array (n_rows, width)."""
        if isinstance(rows, np.ndarray):
            return self._array(rows, key, (n_rows, width),
                               f" ({width_name})" if width_name else "")
        if not isinstance(rows, list):
            self.fail(key, tr("expected a list of {n_rows} rows, got {rows}",
                              n_rows=n_rows, rows=show(rows)))
        if len(rows) != n_rows:
            self.fail(key, tr("expected {n_rows} rows, got {n_rows2}",
                              n_rows=n_rows, n_rows2=len(rows)))
        named = f" ({width_name})" if width_name else ""
        for index, row in enumerate(rows):  # every length first, so the array below fits the file
            if not isinstance(row, list) or len(row) != width:
                got = len(row) if isinstance(row, list) else show(row)
                self.fail(f"{key}[{index}]", tr("expected {width}{named}, got {got}",
                                                width=numbers(width), named=named, got=got))
        fast = _all_finite_numbers(rows, (n_rows, width))
        if fast is not None:
            return fast
        array = np.empty((n_rows, width), dtype=np.float64)  # row by row, to name what is wrong
        for index, row in enumerate(rows):
            array[index] = self.vector(row, f"{key}[{index}]", width, width_name)
        return array

    def _array(self, array: np.ndarray, key: str, shape: tuple, named: str) -> np.ndarray:
        """A float64 array the writer checks before writing it (netfile_writer: a JSON file
        never holds one): the shape and finiteness its list of numbers must have, at once."""
        if array.shape != shape:
            where = f"{key}[0]" if len(shape) == 2 and array.ndim == 2 else key
            self.fail(where, tr("expected {width}{named}, got {got}", width=numbers(shape[-1]),
                                named=named, got=array.shape[-1] if array.ndim else 0))
        bad = np.argwhere(~np.isfinite(array))
        if bad.size:
            where = key + "".join(f"[{int(i)}]" for i in bad[0])
            self.fail(where, tr("expected a finite number, got {values}",
                                values=show(float(array[tuple(bad[0])]))))
        return array

    def flag_vector(self, values, key: str, length: int) -> np.ndarray:
        if not isinstance(values, list) or len(values) != length:
            self.fail(key, tr("expected a list of {length} true/false values, got {values}",
                              length=length, values=show(values)))
        for index, value in enumerate(values):
            if not isinstance(value, bool):
                self.fail(f"{key}[{index}]", tr("expected true or false, got {value}",
                                                value=show(value)))
        return np.array(values, dtype=bool).reshape(length)

    def flag_matrix(self, rows, key: str, n_rows: int, width: int) -> np.ndarray:
        if not isinstance(rows, list) or len(rows) != n_rows:
            self.fail(key, tr("expected {n_rows} rows of true/false values, got {rows}",
                              n_rows=n_rows, rows=show(rows)))
        array = np.empty((n_rows, width), dtype=bool)
        for index, row in enumerate(rows):
            array[index] = self.flag_vector(row, f"{key}[{index}]", width)
        return array


def _clip(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf
