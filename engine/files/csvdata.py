"""CSV import and export of a data set: inputs and targets as columns, one sample per row.

Import reads UTF-8 text, finds the delimiter (comma, semicolon or tab), takes the first row as a
header when none of its cells is a number, and splits the columns into inputs and targets (the
last column by default). A class column may be one-hot encoded: its distinct values, sorted, become
one target column each. Every problem raises one :class:`NetworkError` whose key says where it is
(``line 7, column 'x2'``), and import only returns or raises: nothing outside it changes.

Export (its text made in engine/files/csv_export.py) writes a header (input names, then target
names) and every number with ``repr`` (the shortest text that reads back as the same float64):
written and read back, it is bit-identical.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from engine.errors import NetworkError
from engine.files.atomic_write import write_text
from engine.files.csv_export import (  # noqa: F401 (export is a part of this module's API)
    DELIMITERS,
    ROW_SETS,
    format_csv,
    not_a_delimiter,
)
from engine.files.file_text import quote
from engine.files.regular_file import read_bytes
from engine.i18n import tr
from engine.model.experiment import Dataset
from engine.model.rules import MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_NEURONS
from engine.training.datasets import one_hot

CHUNK_ROWS = 10_000  # rows converted to floats at once, so the text never piles up


@dataclass
class CsvData:
    """What an import found: the data set, its column names and the class mapping
    (``class_names[j]`` is the class whose one-hot target column is j; None without one-hot)."""

    dataset: Dataset
    input_names: list[str]
    target_names: list[str]
    class_names: list[str] | None = None
    delimiter: str = ","
    has_header: bool = False

    @property
    def class_mapping(self) -> dict[str, int] | None:
        """Class value → its one-hot column, or None without one-hot."""
        if self.class_names is None:
            return None
        return {name: index for index, name in enumerate(self.class_names)}


# ----- import ----------------------------------------------------------------------------------
def read_csv(
    path: str | os.PathLike,
    targets: int | str | list[int | str] | tuple[int | str, ...] | None = None,
    one_hot: bool = False,
    delimiter: str | None = None,
    header: bool | None = None,
    progress: Callable[[float], None] | None = None,
) -> CsvData:
    """Read a CSV file into a data set (see :func:`parse_csv` for the parameters).

    Only a regular file is read (a FIFO or a device is refused before it can block), its size
    checked first; a missing or unreadable file, or one that is not UTF-8 text, raises
    NetworkError keyed by the path.
    """
    source = str(path)
    try:
        raw = read_bytes(path, MAX_FILE_BYTES, "CSV file")
    except NetworkError as error:
        raise NetworkError(source, error.problem) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NetworkError(source, tr("not UTF-8 text (byte {byte})", byte=error.start)) from None
    return parse_csv(text, targets, one_hot, delimiter, header, source, progress)


def parse_csv(
    text: str,
    targets: int | str | list[int | str] | tuple[int | str, ...] | None = None,
    one_hot: bool = False,
    delimiter: str | None = None,
    header: bool | None = None,
    source: str = "CSV",
    progress: Callable[[float], None] | None = None,
) -> CsvData:
    """Parse CSV ``text`` into a data set.

    Parameters
    ----------
    text : str
        The whole file. Blank lines are skipped; line numbers in errors count them.
    targets : int, str or a list or tuple of them, optional
        The target columns, by 0-based index (negative counts from the end) or by header name.
        Default: the last column. Every other column is an input.
    one_hot : bool
        Encode the one target column as classes: its distinct values, sorted (numerically when
        all are numbers), become one 0/1 column each. The values may be words.
    delimiter : str, optional
        ``","``, ``";"`` or ``"\\t"``; found from the first lines when not given.
    header : bool, optional
        Whether the first row names the columns; when not given, it does if none of its cells
        is a number.
    source : str
        What errors about the whole file are keyed by (a path or "CSV").
    progress : callable, optional
        Called with the share of lines read (0…1) after each chunk; what it raises ends the parse.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise NetworkError(source, tr("the file is empty"))
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    elif delimiter not in DELIMITERS:
        raise NetworkError("delimiter", not_a_delimiter(delimiter))
    rows = _numbered_rows(text, delimiter)
    first_line, first = next(rows, (0, None))
    if first is None:
        raise NetworkError(source, tr("the file holds no rows"))
    if header is None:
        header = not any(_is_number(cell) for cell in first)
    if not header:
        rows = _chain_first(first_line, first, rows)
    columns = _Columns(first, header, targets, one_hot)
    if len(columns.inputs) > MAX_NEURONS:
        raise NetworkError(source, tr("{count} input columns; the limit is {limit}",
                                      count=len(columns.inputs), limit=MAX_NEURONS))

    # a semicolon file may write 1,5 for 1.5, as European spreadsheets do
    decimal_comma = delimiter == ";"
    numeric = columns.inputs if one_hot else columns.inputs + columns.targets
    blocks, class_cells, lines = [], [], text.count("\n") + 1
    for chunk in _chunks(rows, len(first), first_line):
        blocks.append(_to_floats(chunk, numeric, columns, decimal_comma))
        if one_hot:
            class_cells.extend(_class_cells(chunk, columns))
        if progress is not None:
            progress(min(1.0, chunk[-1][0] / lines))
    if not blocks:
        raise NetworkError(source, tr("no data rows (only a header)"))
    values = np.concatenate(blocks)
    n_inputs = len(columns.inputs)
    class_names = None
    if one_hot:
        class_names, target_values = _one_hot(class_cells, columns.where(None, columns.targets[0]))
    else:
        target_values = values[:, n_inputs:]
    return CsvData(
        Dataset(values[:, :n_inputs], target_values),
        columns.input_names(),
        columns.target_names(class_names),
        class_names,
        delimiter,
        header,
    )


class _Columns:
    """Which columns are inputs and targets, and what to call them in names and errors."""

    def __init__(self, first: list[str], header: bool, targets, one_hot: bool):
        self.names = (
            [cell.strip() or f"column {i + 1}" for i, cell in enumerate(first)] if header else None
        )
        self.targets = _target_columns(targets, len(first), self.names, one_hot)
        self.inputs = [c for c in range(len(first)) if c not in self.targets]

    def where(self, line: int | None, column: int) -> str:
        """An error key: "line 7, column 'x2'" (with a header) or "line 7, column 2"."""
        name = quote(self.names[column]) if self.names else str(column + 1)
        if line is None:
            return tr("column {name}", name=name)
        return tr("line {line}, column {name}", line=line, name=name)

    def input_names(self) -> list[str]:
        if self.names:
            return [self.names[c] for c in self.inputs]
        return [f"x{i + 1}" for i in range(len(self.inputs))]

    def target_names(self, class_names: list[str] | None) -> list[str]:
        if class_names is not None:
            column_name = self.names[self.targets[0]] if self.names else "class"
            return [f"{column_name}={name}" for name in class_names]
        if self.names:
            return [self.names[c] for c in self.targets]
        return [f"t{i + 1}" for i in range(len(self.targets))]


def sniff_delimiter(text: str, sample_lines: int = 20) -> str:
    """The delimiter that splits the first non-blank lines into the same number (> 1) of cells.

    Tab and semicolon win over comma when both fit (a comma may be a decimal comma); when
    none fits, the one giving most cells on the first line (comma if none splits it)."""
    sample = list(islice((n for n in io.StringIO(text, newline=None) if n.strip()), sample_lines))
    widths = {d: _widths(sample, d) for d in DELIMITERS}
    for d in DELIMITERS:
        if widths[d] and widths[d][0] > 1 and len(set(widths[d])) == 1:
            return d
    best = max(DELIMITERS, key=lambda d: widths[d][0] if widths[d] else 0)
    return best if widths[best] and widths[best][0] > 1 else ","


def _widths(lines: list[str], delimiter: str) -> list[int]:
    """Cells per line when split at ``delimiter`` (none if the lines do not parse)."""
    try:
        return [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
    except csv.Error:
        return []


def _is_number(cell: str) -> bool:
    try:
        return float(cell) is not None
    except ValueError:
        return False


def _numbered_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank row; the number is the row's last line."""
    # newline=None reads \r, \n and \r\n alike as line ends
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise NetworkError(f"line {reader.line_num}", str(error)) from None
        if len(cells) <= 1 and not "".join(cells).strip():
            continue
        yield reader.line_num, cells


def _chain_first(line, cells, rest):
    yield line, cells
    yield from rest


def _target_columns(targets, n_columns: int, names: list[str] | None, one_hot: bool) -> list[int]:
    """0-based target column indices from indices and names, checked."""
    if n_columns < 2:
        raise NetworkError("targets", tr("the file has one column: it needs inputs and a target"))
    if targets is None:
        chosen = [n_columns - 1]
    else:
        wanted = list(targets) if isinstance(targets, (list, tuple)) else [targets]
        chosen = [_column_index(item, n_columns, names) for item in wanted]
    if not chosen:
        raise NetworkError("targets", tr("no target column chosen"))
    if len(set(chosen)) != len(chosen):
        raise NetworkError("targets", tr("a column is chosen twice"))
    if len(chosen) == n_columns:
        raise NetworkError("targets",
                           tr("every column is a target: at least one input is needed"))
    if len(chosen) > MAX_NEURONS:
        raise NetworkError("targets", tr("{count} target columns; the limit is {limit}",
                                         count=len(chosen), limit=MAX_NEURONS))
    if one_hot and len(chosen) != 1:
        raise NetworkError("one_hot", tr("needs exactly one class column, not {count}",
                                         count=len(chosen)))
    return chosen


def _column_index(item, n_columns: int, names: list[str] | None) -> int:
    if isinstance(item, bool) or not isinstance(item, (int, str)):
        raise NetworkError("targets", tr("{item} is neither a column index nor a column name",
                                         item=quote(item)))
    if isinstance(item, int):
        if not -n_columns <= item < n_columns:
            raise NetworkError("targets", tr("no column {item} (the file has {count})", item=item,
                                             count=n_columns))
        return item % n_columns
    if names is None:
        raise NetworkError("targets", tr("no column named {name}: the file has no header",
                                         name=quote(item)))
    if names.count(item) > 1:
        raise NetworkError("targets", tr("more than one column is named {name}", name=quote(item)))
    if item not in names:
        shown = ", ".join(quote(name) for name in names[:10]) + (", …" if len(names) > 10 else "")
        raise NetworkError("targets", tr("no column named {name} (columns: {shown})",
                                         name=quote(item), shown=shown))
    return names.index(item)


def _chunks(rows, n_columns: int, first_line: int):
    """Lists of at most CHUNK_ROWS (line, cells), each row checked for its column count."""
    chunk, count = [], 0
    for line, cells in rows:
        if len(cells) != n_columns:
            raise NetworkError(tr("line {line}", line=line), tr(
                "has {count}, line {first} has {expected}", count=_columns(len(cells)),
                first=first_line, expected=_columns(n_columns)))
        count += 1
        if count > MAX_DATA_ROWS:
            raise NetworkError(tr("line {line}", line=line),
                               tr("more than {limit:,} data rows (the limit)", limit=MAX_DATA_ROWS))
        chunk.append((line, cells))
        if len(chunk) == CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _columns(count: int) -> str:
    return tr("{count} column", count=count) if count == 1 else tr("{count} columns", count=count)


def _to_floats(chunk, numeric: list[int], columns: _Columns, decimal_comma: bool) -> np.ndarray:
    """The ``numeric`` columns of every row of ``chunk`` as float64, all finite."""
    text = [[_decimal(cells[c], decimal_comma) for c in numeric] for _, cells in chunk]
    try:
        values = np.array(text, dtype=np.float64).reshape(len(chunk), len(numeric))
        if np.isfinite(values).all():
            return values
    except ValueError:
        pass
    # something is wrong: find the first bad cell in reading order, to name it
    for line, cells in chunk:
        for column in numeric:
            _check_cell(
                cells[column],
                _decimal(cells[column], decimal_comma),
                columns.where(line, column),
                column in columns.targets,
            )
    # numpy refused a cell that float() reads: convert one by one
    return np.array([[float(cell) for cell in row] for row in text], dtype=np.float64)


def _decimal(cell: str, decimal_comma: bool) -> str:
    return cell.replace(",", ".") if decimal_comma else cell


def _check_cell(cell: str, number_text: str, key: str, is_target: bool) -> None:
    """Raise NetworkError(key, …) if ``cell`` is empty, not a number, NaN or infinite."""
    if not cell.strip():
        raise NetworkError(key, tr("the cell is empty"))
    try:
        number = float(number_text)
    except ValueError:
        problem = (tr("{cell} is not a number (a class column can be one-hot encoded)",
                      cell=quote(cell.strip())) if is_target
                   else tr("{cell} is not a number", cell=quote(cell.strip())))
        raise NetworkError(key, problem) from None
    if math.isnan(number):
        raise NetworkError(key, tr("NaN is not allowed"))
    if math.isinf(number):
        raise NetworkError(key, tr("{cell} is not a finite number",
                                   cell=quote(cell.strip())))


def _class_cells(chunk, columns: _Columns) -> list[str]:
    column = columns.targets[0]
    cells = [row[column].strip() for _, row in chunk]
    for (line, _), cell in zip(chunk, cells, strict=True):
        if not cell:
            raise NetworkError(columns.where(line, column), tr("the class cell is empty"))
    return cells


def _one_hot(cells: list[str], key: str) -> tuple[list[str], np.ndarray]:
    """Sorted distinct class values and the one-hot rows (n, k) of ``cells``."""
    if all(_is_number(cell) and math.isfinite(float(cell)) for cell in cells):
        numbers = np.array([float(cell) for cell in cells])
        distinct, labels = np.unique(numbers, return_inverse=True)
        class_names = [_number_name(value) for value in distinct]
    else:
        distinct, labels = np.unique(np.array(cells, dtype=str), return_inverse=True)
        class_names = [str(value) for value in distinct]
    if len(class_names) < 2:
        only = quote(class_names[0])
        raise NetworkError(key, tr("only one class ({only}): one-hot needs two or more",
                                   only=only))
    if len(class_names) > MAX_NEURONS:
        raise NetworkError(key, tr("{count} classes; the limit is {limit}",
                                   count=len(class_names), limit=MAX_NEURONS))
    return class_names, one_hot(labels, len(class_names), key)


def _number_name(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(float(value))


# ----- export (the text: engine/files/csv_export.py) -------------------------------------------
def write_csv(
    path: str | os.PathLike,
    dataset: Dataset,
    input_names: Sequence[str] | None = None,
    target_names: Sequence[str] | None = None,
    rows: str = "train",
    delimiter: str = ",",
) -> None:
    """Write :func:`format_csv` to ``path``, replacing it only once all is written; a text
    larger than :func:`read_csv` reads (256 MiB) is refused and nothing is written."""
    text = format_csv(dataset, input_names, target_names, rows, delimiter)
    if len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise NetworkError(str(path), tr("the CSV would have more than {mib} MiB, the most a CSV "
                                         "file may have; nothing written",
                                         mib=MAX_FILE_BYTES // 2**20))
    try:
        write_text(path, text)
    except OSError as error:
        raise NetworkError(str(path), error.strerror or str(error)) from None
