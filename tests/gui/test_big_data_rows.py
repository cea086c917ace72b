"""Removing rows of a million-row data set reads the selection's ranges, not an index per row.

QItemSelectionModel.selectedRows() makes one QModelIndex per selected row: 28 s for 1,000,000
rows, on the event loop. ``selected_rows`` reads the few ranges a row selection is made of.
"""

import time

import numpy as np
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel

from engine.model.experiment import Dataset
from gui.models.data_table_model import selected_rows
from gui.panels.data_panel import DataPanel
from tests.gui.lifetimes import opened

ROWS = 1_000_000
FLAGS = QItemSelectionModel.SelectionFlag


@pytest.fixture
def big_panel(qtbot, owned):
    document = opened(owned, "xor")
    inputs = np.arange(2 * ROWS, dtype=float).reshape(ROWS, 2)  # row r holds 2r, 2r + 1
    document.set_data("big", Dataset(inputs, (inputs[:, :1] % 4 == 0).astype(float)))
    panel = DataPanel(document)
    qtbot.addWidget(panel)
    return panel


def test_removing_all_but_two_of_a_million_rows_takes_under_two_seconds(big_panel):
    table, model = big_panel.table, big_panel.model
    table.selectAll()
    for row in (0, 500_000):  # keep these two
        table.selectionModel().select(model.index(row, 0), FLAGS.Deselect | FLAGS.Rows)
    started = time.perf_counter()
    big_panel.remove_button.click()
    took = time.perf_counter() - started
    data = big_panel._document.data
    np.testing.assert_array_equal(data.inputs, [[0.0, 1.0], [1_000_000.0, 1_000_001.0]])
    assert took < 2.0, took
    big_panel._document.undo_stack.undo()
    assert len(big_panel._document.data) == ROWS


def test_selected_rows_are_the_whole_rows_of_the_ranges_sorted_once_each(big_panel):
    model = big_panel.model  # 3 columns
    selection = QItemSelection(model.index(10, 0), model.index(12, 2))
    selection.select(model.index(5, 0), model.index(5, 2))
    selection.select(model.index(11, 0), model.index(20, 2))  # overlaps 10–12
    selection.select(model.index(30, 0), model.index(31, 1))  # not every column: not a row
    assert selected_rows(selection, model.columnCount()).tolist() == [5, *range(10, 21)]
    assert selected_rows(QItemSelection(), 3).tolist() == []
