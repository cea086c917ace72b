"""CSV export of a data set (the export half of :mod:`engine.files.csvdata`): a header (input
names, then target names) and every number with ``repr`` (the shortest text that reads back as the
same float64): written and read back, it is bit-identical.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.experiment import Dataset

DELIMITERS = ("\t", ";", ",")  # preferred in this order: commas may be decimal commas
# ----- export ----------------------------------------------------------------------------------
ROW_SETS = ("train", "test", "all")


def not_a_delimiter(delimiter: str) -> str:
    """The problem of a delimiter that is none of DELIMITERS."""
    return tr("{delimiter} is not a comma, semicolon or tab", delimiter=repr(delimiter))


def format_csv(
    dataset: Dataset,
    input_names: Sequence[str] | None = None,
    target_names: Sequence[str] | None = None,
    rows: str = "train",
    delimiter: str = ",",
) -> str:
    """CSV text: a header (input names, then target names) and one line per sample.

    ``rows`` picks the training rows, the held-out test rows or both ("all", training first).
    Names default to x1…xn and t1…tm. Numbers are written with ``repr`` (round-trip exact).
    """
    inputs, targets = _rows(dataset, rows)
    input_names = _names(input_names, inputs.shape[1], "x", "input_names")
    target_names = _names(target_names, targets.shape[1], "t", "target_names")
    if delimiter not in DELIMITERS:
        raise NetworkError("delimiter", not_a_delimiter(delimiter))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*input_names, *target_names])
    for row in np.hstack([inputs, targets]).tolist():
        writer.writerow(map(repr, row))
    return out.getvalue()


def _rows(dataset: Dataset, rows: str) -> tuple[np.ndarray, np.ndarray]:
    if rows not in ROW_SETS:
        raise NetworkError("rows", tr("{rows} is not one of {choices}", rows=repr(rows),
                                        choices=", ".join(ROW_SETS)))
    if rows != "train" and not dataset.has_test_split:
        if rows == "test":
            raise NetworkError("rows", tr("the data set has no test split"))
        rows = "train"
    if rows == "train":
        return dataset.inputs, dataset.targets
    if rows == "test":
        return dataset.test_inputs, dataset.test_targets
    return (
        np.concatenate([dataset.inputs, dataset.test_inputs]),
        np.concatenate([dataset.targets, dataset.test_targets]),
    )


def _names(names: Sequence[str] | None, count: int, prefix: str, key: str) -> list[str]:
    if names is None:
        return [f"{prefix}{i + 1}" for i in range(count)]
    names = [str(name) for name in names]
    if len(names) != count:
        raise NetworkError(key, tr("{n} names for {count} columns", n=len(names),
                                     count=count))
    return names
