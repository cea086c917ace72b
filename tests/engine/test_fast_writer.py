"""Issue 12, family 4: the network file writer lays out its matrices a block at a time,
vectorised (engine/files/netfile_writer_text.py), and writes byte for byte what the row-by-row
layout (``json.dumps`` of each row, DESIGN.md "Network file") writes."""

from __future__ import annotations

import json
import time
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine.errors import NetworkFileError
from engine.files import netfile, netfile_writer, netfile_writer_text
from engine.model.experiment import Dataset

FLOATS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 1e308, -1.7976931348623157e308,
                     1e16, 9999999999999998.0, 1e-5, 0.1, 2.0 ** 53]),
)


def row_by_row(rows: np.ndarray, indent: str) -> str:
    """A list of rows as the writer laid it out before: json.dumps of one row per line."""
    inner = indent + "  "
    lines = [inner + json.dumps(row, allow_nan=False) for row in rows.tolist()]
    return "[\n" + ",\n".join(lines) + "\n" + indent + "]"


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=40),
                  elements=FLOATS),
       st.sampled_from(["", "  ", "      "]), st.sampled_from([1, 3, 7, 4096]))
def test_a_matrix_is_written_as_json_writes_its_rows(matrix, indent, block):
    original = netfile_writer_text.BLOCK_NUMBERS
    netfile_writer_text.BLOCK_NUMBERS = block  # blocks of one row, a few rows, all rows
    try:
        text = "".join(netfile_writer_text.matrix_pieces(matrix, indent))
    finally:
        netfile_writer_text.BLOCK_NUMBERS = original
    assert text == row_by_row(matrix, indent)
    assert np.array_equal(np.array(json.loads(text)), matrix)  # and back: every bit


def test_repeated_and_distinct_values_give_the_same_text():
    rng = np.random.default_rng(3)
    few = rng.integers(0, 2, size=(5000, 2)).astype(float) * np.where(rng.random((5000, 2)) < .5,
                                                                      -1.0, 1.0)
    many = rng.normal(size=(5000, 2))
    for matrix in (few, many, np.vstack([few, many])):
        assert "".join(netfile_writer_text.matrix_pieces(matrix, "  ")) == \
            row_by_row(matrix, "  ")
    assert "-0.0" in row_by_row(few, "") and "[-0.0, 0.0]" in "".join(
        netfile_writer_text.matrix_pieces(np.array([[-0.0, 0.0]]), ""))


def test_a_value_that_is_not_finite_is_refused_as_json_refuses_it():
    with pytest.raises(ValueError, match="not JSON compliant"):
        "".join(netfile_writer_text.matrix_pieces(np.array([[1.0, np.inf]]), ""))


def big_xor(rows: int) -> netfile.Experiment:
    experiment = netfile.load("preset:xor")
    inputs = np.random.default_rng(5).integers(0, 2, size=(rows, 2)).astype(float)
    experiment.data = Dataset(inputs, (inputs[:, :1] != inputs[:, 1:]).astype(float))
    return experiment


def test_the_file_is_the_list_layout_of_to_dict(tmp_path):
    experiment = big_xor(3000)
    experiment.data.inputs[::5] += np.random.default_rng(1).normal(size=(600, 2))
    path = tmp_path / "xor.json"
    seen = []
    netfile.write_file(experiment, path, lambda done, total: seen.append((done, total)))
    as_lists = netfile.to_dict(experiment)
    assert isinstance(as_lists["data"]["inputs"], list)
    assert path.read_text("utf-8") == netfile.dumps(as_lists) == \
        netfile.dumps(netfile.to_dict(experiment, arrays=True))
    total = 9 + 9000  # the parameters of 2→2→1, then inputs and targets
    assert seen[-1] == (total, total) and all(a[0] < b[0] for a, b in pairwise(seen))
    back = netfile.read_file(path)
    np.testing.assert_array_equal(back.data.inputs, experiment.data.inputs)


def test_a_non_finite_data_value_is_named_and_nothing_is_written(tmp_path):
    experiment = big_xor(10)
    experiment.data.inputs[7, 1] = np.nan
    path = tmp_path / "bad.json"
    with pytest.raises(NetworkFileError) as caught:
        netfile.write_file(experiment, path)
    assert caught.value.key == "data.inputs[7][1]" and not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_data_set_of_the_wrong_width_is_refused_and_nothing_is_written(tmp_path):
    experiment = big_xor(10)
    experiment.data = Dataset(np.zeros((10, 3)), np.zeros((10, 1)))  # 30 numbers: 15 rows of 2
    with pytest.raises(NetworkFileError) as caught:
        netfile.write_file(experiment, tmp_path / "bad.json")
    assert caught.value.key == "data.targets" and "10 rows, but data.inputs has 15" in \
        str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_the_checker_names_a_writer_array_of_the_wrong_shape():
    from engine.files.netfile_values import Checker
    with pytest.raises(NetworkFileError) as caught:
        Checker("f").matrix(np.zeros((4, 3)), "data.inputs", 4, 2, "input_size")
    assert caught.value.key == "data.inputs[0]" and "expected 2 numbers (input_size), got 3" in \
        str(caught.value)
    with pytest.raises(NetworkFileError) as caught:
        Checker("f").vector(np.array([1.0, np.inf]), "layers[0].biases", 2)
    assert caught.value.key == "layers[0].biases[1]" and "finite" in str(caught.value)


def test_a_million_row_xor_document_is_written_within_3_seconds(tmp_path):
    experiment = big_xor(1_000_000)
    started = time.process_time()  # the writer's own work, whatever else the machine runs
    netfile_writer.write_file(experiment, tmp_path / "big.json")
    took = time.process_time() - started
    assert took <= 3.0, took
    assert (tmp_path / "big.json").stat().st_size > 20_000_000
