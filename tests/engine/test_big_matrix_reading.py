"""Issue 12: a big matrix in a network file is read as one array, not row by row (a 1,000,000-row
data set: 31 s → 5 s); anything that is not a finite number still gets its row-by-row message."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.errors import NetworkFileError
from engine.files.netfile_values import Checker

NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False))
HOSTILE = st.sampled_from([True, False, "1", None, [1.0], float("inf"), float("nan"), 10**400])


def test_a_valid_matrix_is_read_without_looking_at_each_row(monkeypatch):
    rows = np.random.default_rng(0).normal(size=(100_000, 3))
    rows[::7] = np.round(rows[::7])
    values = [[int(v) if v == int(v) else float(v) for v in row] for row in rows.tolist()]

    def per_row(*_):
        raise AssertionError("read row by row")

    monkeypatch.setattr(Checker, "vector", per_row)
    array = Checker("f.json").matrix(values, "data.inputs", 100_000, 3)
    np.testing.assert_array_equal(array, rows)
    assert array.dtype == np.float64 and array.shape == (100_000, 3)


@given(st.lists(st.lists(NUMBERS, min_size=2, max_size=2), min_size=0, max_size=20))
def test_finite_numbers_come_out_as_they_are_written(rows):
    array = Checker(None).matrix(rows, "w", len(rows), 2)
    assert array.shape == (len(rows), 2)
    np.testing.assert_array_equal(array, np.array(rows, dtype=np.float64).reshape(len(rows), 2))


@given(st.lists(st.lists(NUMBERS, min_size=3, max_size=3), min_size=1, max_size=10),
       st.data(), HOSTILE)
def test_one_bad_value_is_named_by_its_row_and_column(rows, data, bad):
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, 2))
    rows[row][column] = bad
    with pytest.raises(NetworkFileError) as caught:
        Checker(None).matrix(rows, "data.inputs", len(rows), 3)
    assert f"data.inputs[{row}]" in str(caught.value)
