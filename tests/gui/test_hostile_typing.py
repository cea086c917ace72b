"""Hostile typing (issue 12): what a learner types into the CSV options and the data table is
read as the engine's one number parser reads it, never raising."""

import pytest

from gui.dialogs.csv_options import parse_target_columns
from gui.panels.data_panel import DataPanel
from tests.gui.lifetimes import opened


@pytest.mark.parametrize("text", ["²", "③", "①", "1²", "٣", "--2", "-", "+1"])
def test_target_columns_that_are_not_ascii_numbers_are_names(text):
    assert parse_target_columns(text) == [text]  # a name the reader refuses with one line


def test_ascii_target_columns_still_count_from_one_and_from_the_end():
    assert parse_target_columns("2, -1, ³x") == [1, -1, "³x"]


def test_the_data_table_reads_a_typographic_minus(qtbot, owned):
    panel = DataPanel(opened(owned, "xor"))
    qtbot.addWidget(panel)
    model = panel.model
    width = model.input_width()
    assert model.setData(model.index(0, width), "\u22122")  # a target cell: −2
    assert panel._document.data.targets[0, 0] == -2.0
