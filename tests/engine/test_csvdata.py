"""CSV import and export: header, delimiter, targets, one-hot, errors naming line and column."""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.errors import NetworkError
from engine.files.csvdata import format_csv, parse_csv, read_csv, write_csv
from engine.model.experiment import Dataset
from engine.model.rules import MAX_FILE_BYTES
from engine.training.datasets import train_test_split


def error_of(text, **options) -> NetworkError:
    with pytest.raises(NetworkError) as error:
        parse_csv(text, **options)
    return error.value


# ----- header and names ------------------------------------------------------------------------
def test_a_first_row_of_words_is_the_header():
    data = parse_csv("x1,x2,y\n1,2,3\n4,5,6\n")
    assert data.has_header
    assert data.input_names == ["x1", "x2"] and data.target_names == ["y"]
    assert data.dataset.inputs.tolist() == [[1, 2], [4, 5]]
    assert data.dataset.targets.tolist() == [[3], [6]]
    assert data.dataset.inputs.dtype == np.float64


def test_a_first_row_of_numbers_is_data_and_columns_get_default_names():
    data = parse_csv("1,2,3\n4,5,6\n")
    assert not data.has_header
    assert data.input_names == ["x1", "x2"] and data.target_names == ["t1"]
    assert len(data.dataset) == 2


def test_header_can_be_forced_off_then_words_are_bad_cells():
    assert error_of("a,b\n1,2\n", header=False).key == "line 1, column 1"


def test_byte_order_mark_crlf_and_blank_lines_are_accepted():
    data = parse_csv("\ufeffx,t\r\n1,2\r\n\r\n3,4\r\n")
    assert data.input_names == ["x"]
    assert data.dataset.inputs[:, 0].tolist() == [1, 3]


# ----- delimiters ------------------------------------------------------------------------------
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(delimiter):
    text = delimiter.join(["a", "b", "c"]) + "\n" + delimiter.join(["1", "2", "3"]) + "\n"
    data = parse_csv(text)
    assert data.delimiter == delimiter
    assert data.dataset.inputs.tolist() == [[1, 2]]


def test_semicolon_files_may_use_decimal_commas():
    data = parse_csv("x;y;t\n1,5;2;0,25\n")
    assert data.delimiter == ";"
    assert data.dataset.inputs.tolist() == [[1.5, 2.0]]
    assert data.dataset.targets.tolist() == [[0.25]]


def test_an_unknown_delimiter_is_refused():
    assert error_of("1|2\n", delimiter="|").key == "delimiter"


# ----- choosing targets ------------------------------------------------------------------------
def test_targets_by_name_index_and_negative_index():
    text = "a,b,c,d\n1,2,3,4\n"
    by_name = parse_csv(text, targets=["b", "d"])
    assert by_name.input_names == ["a", "c"] and by_name.target_names == ["b", "d"]
    assert by_name.dataset.targets.tolist() == [[2, 4]]
    assert parse_csv(text, targets=0).dataset.targets.tolist() == [[1]]
    assert parse_csv(text, targets=-2).target_names == ["c"]


@pytest.mark.parametrize(
    ("targets", "problem"),
    [
        ("z", "no column named 'z'"),
        (7, "no column 7"),
        ([], "no target column"),
        ([0, "a"], "chosen twice"),
        ([0, 1, 2], "at least one input"),
        (1.5, "neither a column index nor a column name"),
    ],
)
def test_bad_target_choices_name_the_problem(targets, problem):
    error = error_of("a,b,c\n1,2,3\n", targets=targets)
    assert error.key == "targets"
    assert problem in error.problem


def test_a_single_column_has_no_room_for_a_target():
    assert error_of("x\n1\n2\n").key == "targets"


def test_target_names_need_a_header():
    assert "no header" in error_of("1,2\n", targets="y").problem


# ----- one-hot ---------------------------------------------------------------------------------
def test_one_hot_sorts_the_classes_and_reports_the_mapping():
    data = parse_csv("x1,x2,species\n1,2,iris\n4,5,aster\n3,3,lily\n6,6,aster\n", one_hot=True)
    assert data.class_names == ["aster", "iris", "lily"]
    assert data.class_mapping == {"aster": 0, "iris": 1, "lily": 2}
    assert data.target_names == ["species=aster", "species=iris", "species=lily"]
    assert data.dataset.targets.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0]]


def test_numeric_classes_sort_as_numbers():
    data = parse_csv("x,c\n1,10\n2,2\n3,2.5\n4,2.0\n", one_hot=True)
    assert data.class_names == ["2", "2.5", "10"]
    assert data.dataset.targets.tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]]


def test_one_hot_needs_one_column_and_two_classes():
    assert error_of("a,b,c\n1,2,3\n", targets=[1, 2], one_hot=True).key == "one_hot"
    error = error_of("x,c\n1,a\n2,a\n", one_hot=True)
    assert error.key == "column 'c'" and "one class" in error.problem


def test_an_empty_class_cell_names_its_line():
    assert error_of("x,c\n1,a\n2,\n3,b\n", one_hot=True).key == "line 3, column 'c'"


def test_words_in_a_target_column_suggest_one_hot():
    error = error_of("x,c\n1,a\n")
    assert error.key == "line 2, column 'c'" and "one-hot" in error.problem


# ----- errors naming line and column -----------------------------------------------------------
def test_a_bad_cell_on_line_7_names_line_7_and_its_column():
    lines = ["x1,x2,t"] + [f"{i},{i + 1},{i % 2}" for i in range(5)] + ["5,oops,1", "6,7,0"]
    error = error_of("\n".join(lines) + "\n")
    assert error.key == "line 7, column 'x2'"
    assert error.problem == "'oops' is not a number"
    assert str(error) == "line 7, column 'x2': 'oops' is not a number"


def test_line_numbers_count_blank_lines_and_name_columns_by_number_without_header():
    assert error_of("1,2\n\n3,4\n5,x\n").key == "line 4, column 2"


def test_a_row_with_the_wrong_number_of_columns_names_its_line():
    error = error_of("a,b,c\n1,2,3\n4,5\n")
    assert error.key == "line 3"
    assert error.problem == "has 2 columns, line 1 has 3 columns"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("nan", "NaN is not allowed"),
        ("inf", "'inf' is not a finite number"),
        ("-Infinity", "'-Infinity' is not a finite number"),
        (" ", "the cell is empty"),
    ],
)
def test_non_finite_and_empty_cells_are_refused(cell, problem):
    error = error_of(f"a,b\n1,2\n{cell},3\n")
    assert (error.key, error.problem) == ("line 3, column 'a'", problem)


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_empty_file_is_refused(text):
    assert error_of(text).problem == "the file is empty"


def test_a_header_without_rows_is_refused():
    assert "no data rows" in error_of("x,y\n").problem


def test_more_than_a_million_rows_is_refused_at_the_row_past_the_limit():
    error = error_of("x,t\n" + "1,2\n" * 1_000_001)
    assert error.key == "line 1000002"
    assert "1,000,000" in error.problem


def test_a_file_over_256_mib_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(NetworkError) as error:
        read_csv(path)
    assert error.value.key == str(path)
    assert "256 MiB" in error.value.problem


def test_a_missing_or_non_utf8_file_names_the_path(tmp_path):
    with pytest.raises(NetworkError) as error:
        read_csv(tmp_path / "missing.csv")
    assert error.value.key == str(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("x,t\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(NetworkError) as error:
        read_csv(latin)
    assert "UTF-8" in error.value.problem


# ----- export ----------------------------------------------------------------------------------
def test_export_writes_a_header_then_full_precision_rows():
    data = Dataset([[0.1, 1 / 3]], [[2.0]])
    text = format_csv(data, ["x", "y"], ["t"])
    assert text == "x,y,t\n0.1,0.3333333333333333,2.0\n"


def test_export_quotes_names_holding_the_delimiter_and_defaults_names():
    text = format_csv(Dataset([[1.0]], [[2.0]]), ["a, b"])
    assert text.splitlines()[0] == '"a, b",t1'
    assert format_csv(Dataset([[1.0, 2.0]], [[3.0]])).splitlines()[0] == "x1,x2,t1"


@settings(max_examples=25, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.integers(1, 4)),
        elements=st.floats(allow_nan=False, allow_infinity=False),
    ),
    st.integers(1, 3),
)
def test_export_then_import_is_bit_identical(values, n_targets):
    n_inputs = values.shape[1]
    targets = np.arange(values.shape[0] * n_targets, dtype=np.float64).reshape(-1, n_targets) / 7
    data = Dataset(values, targets)
    names = [f"in{i}" for i in range(n_inputs)]
    target_names = [f"out{i}" for i in range(n_targets)]
    back = parse_csv(format_csv(data, names, target_names), targets=target_names)
    assert back.input_names == names and back.target_names == target_names
    np.testing.assert_array_equal(back.dataset.inputs, data.inputs)
    np.testing.assert_array_equal(back.dataset.targets, data.targets)
    assert np.array_equal(np.signbit(back.dataset.inputs), np.signbit(data.inputs))


def test_export_picks_training_test_or_all_rows():
    data = train_test_split(Dataset(np.arange(10.0)[:, None], np.zeros((10, 1))), 0.3, 0)
    assert len(format_csv(data, rows="train").splitlines()) == 1 + 7
    assert len(format_csv(data, rows="test").splitlines()) == 1 + 3
    assert len(format_csv(data, rows="all").splitlines()) == 1 + 10
    with pytest.raises(NetworkError) as error:
        format_csv(Dataset([[1.0]], [[2.0]]), rows="test")
    assert error.value.key == "rows"


def test_export_refuses_a_wrong_number_of_names():
    with pytest.raises(NetworkError) as error:
        format_csv(Dataset([[1.0, 2.0]], [[3.0]]), ["x"])
    assert error.value.key == "input_names"


def test_write_then_read_a_file(tmp_path):
    path = tmp_path / "data.csv"
    data = Dataset([[1.5, -2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]])
    write_csv(path, data, ["x", "y"], ["a", "b"], delimiter=";")
    back = read_csv(path, targets=["a", "b"])
    assert back.delimiter == ";"
    np.testing.assert_array_equal(back.dataset.targets, data.targets)
    assert os.listdir(tmp_path) == ["data.csv"]  # no temporary file left behind


def test_a_failed_write_names_the_path_and_keeps_the_old_file(tmp_path):
    with pytest.raises(NetworkError) as error:
        write_csv(tmp_path / "no such folder" / "data.csv", Dataset([[1.0]], [[2.0]]))
    assert "no such folder" in error.value.key
    path = tmp_path / "data.csv"
    path.write_text("old")
    with pytest.raises(NetworkError):
        write_csv(path, Dataset([[1.0]], [[2.0]]), ["x", "too many"])
    assert path.read_text() == "old"


# ----- any text at all -------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('0123456789.,;\t\n\r "-+eEnaixyz\x00')), max_size=60))
def test_any_text_gives_a_data_set_or_one_network_error(text):
    try:
        data = parse_csv(text)
    except NetworkError as error:
        assert error.key and error.problem
    else:
        assert len(data.dataset) >= 1
        assert np.isfinite(data.dataset.inputs).all() and np.isfinite(data.dataset.targets).all()


def test_old_mac_line_ends_are_read():
    assert parse_csv("a,b\r1,2\r3,4\r").dataset.targets.tolist() == [[2], [4]]


def test_a_cell_too_long_for_the_csv_reader_names_its_line():
    assert error_of("a,b\n1," + "9" * 200_000 + "\n").key == "line 2"


def test_a_lone_quote_holds_no_rows():
    assert "no rows" in error_of('"\n').problem
