"""The weight table: one layer's W and b, edited in place through the document's undo stack."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from engine.model.experiment import Experiment
from engine.model.network import Layer, Network
from gui.document import Document
from gui.items import BiasRef, WeightRef
from gui.models.weight_table_model import NEGATIVE_COLOR, POSITIVE_COLOR, WeightTableModel
from gui.panels.weight_tables import WeightTables


def wide_document():
    """2 inputs → 3 hidden → 1 output, with mixed signs."""
    hidden = Layer([[0.5, -1.0], [2.0, 0.0], [-0.25, 1.5]], [0.1, -0.2, 0.0], "tanh")
    output = Layer([[1.0, -2.0, 3.0]], [0.5])
    return Document(Experiment(Network(2, [hidden, output])))


@pytest.fixture
def tables(qtbot, seed_document):
    document = seed_document()
    widget = WeightTables(document)
    qtbot.addWidget(widget)
    return widget


def test_rows_are_neurons_and_columns_are_inputs_then_bias(qtbot):
    document = wide_document()
    widget = WeightTables(document)
    qtbot.addWidget(widget)
    model = widget.model
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["from x₁", "from x₂", "bias"]  # the canvas names of the inputs
    assert model.data(model.index(0, 1)) == "-1"
    assert model.data(model.index(2, 2)) == "0"
    widget.show_layer(1)
    assert (model.rowCount(), model.columnCount()) == (1, 4)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "from a⁽¹⁾₁"
    assert model.data(model.index(0, 3)) == "0.5"


def test_labels_from_the_file_name_rows_and_columns(tables):
    model = tables.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "from x"
    assert model.headerData(0, Qt.Orientation.Vertical) == "y"
    tables.show_layer(1)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "from y"
    assert model.headerData(0, Qt.Orientation.Vertical) == "z"
    assert tables.layer_combo.count() == 2
    assert tables.layer_combo.itemText(1).startswith("Layer 2: y → z")


def test_typing_in_a_cell_sets_the_weight_as_one_undoable_edit(qtbot, tables):
    document = tables._document
    tables.show()
    tables.show_layer(1)
    index = tables.model.index(0, 0)
    tables.table.setCurrentIndex(index)
    tables.table.edit(index)
    editor = tables.table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "0.7")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: document.network.layers[1].weights[0, 0] == 0.7)
    assert tables.model.data(index) == "0.7"
    document.undo_stack.undo()
    assert document.network.layers[1].weights[0, 0] == 1.0
    assert tables.model.data(index) == "1"


def test_editing_the_bias_column_sets_the_bias(tables):
    document = tables._document
    assert tables.model.setData(tables.model.index(0, 1), "-0.25")
    assert document.network.layers[0].biases[0] == -0.25
    assert document.undo_stack.count() == 1


@pytest.mark.parametrize("text", ["abc", "nan", "1e999", ""])
def test_refused_text_leaves_the_cell_and_says_why(tables, text):
    document = tables._document
    index = tables.model.index(0, 0)
    assert not tables.model.setData(index, text)
    assert document.network.layers[0].weights[0, 0] == 1.0
    assert document.undo_stack.count() == 0
    assert tables.model.data(index) == "1"
    assert not tables.message.isHidden()
    assert tables.message.text().startswith("Not changed:")
    assert tables.model.setData(index, "2")
    assert tables.message.isHidden()


def test_a_cell_reads_numbers_as_every_field_does(tables):
    document = tables._document
    assert tables.model.setData(tables.model.index(0, 1), "\u22120.25")
    assert document.network.layers[0].biases[0] == -0.25
    assert not tables.model.setData(tables.model.index(0, 1), "0,5")
    assert "“0,5” is not a number" in tables.message.text()
    assert document.network.layers[0].biases[0] == -0.25


def test_freeze_action_toggles_the_current_cell_and_shows_it(tables):
    document = tables._document
    index = tables.model.index(0, 1)  # the bias of y
    tables.table.setCurrentIndex(index)
    tables.freeze_action.trigger()
    assert document.is_frozen(0, 0, None)
    assert tables.model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert not tables.model.data(index, Qt.ItemDataRole.DecorationRole).isNull()  # a lock
    assert tables.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    tables.freeze_action.trigger()
    assert not document.is_frozen(0, 0, None)
    assert tables.model.data(index, Qt.ItemDataRole.FontRole) is None
    document.undo_stack.undo()
    assert document.is_frozen(0, 0, None)


def test_cells_are_coloured_by_sign(qtbot):
    document = wide_document()
    model = WeightTableModel(document, 0)
    colour = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == POSITIVE_COLOR
    colour = model.data(model.index(0, 1), Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == NEGATIVE_COLOR
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ForegroundRole) is None  # zero


def test_only_a_change_in_the_shown_layer_refreshes_the_table(qtbot):
    document = wide_document()
    model = WeightTableModel(document, 0)
    with qtbot.assertNotEmitted(model.dataChanged):
        document.set_parameter(1, 0, 2, 4.0)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        document.set_parameter(0, 2, 1, 4.0)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), top_left.column()) == (0, 0)
    assert (bottom_right.row(), bottom_right.column()) == (2, 2)
    assert model.data(model.index(2, 1)) == "4"


def test_a_structure_change_resets_the_model(qtbot):
    document = wide_document()
    model = WeightTableModel(document, 1)
    smaller = Network(2, [Layer(np.ones((1, 2)), [0.0])])
    with qtbot.waitSignal(model.modelReset):
        document.replace_network("Remove layer", smaller)
    assert model.layer == 0
    assert (model.rowCount(), model.columnCount()) == (1, 3)


def test_choosing_a_cell_selects_that_parameter_and_back(tables):
    document = tables._document
    tables.table.setCurrentIndex(tables.model.index(0, 1))
    assert document.selection == BiasRef(0, 0)
    document.select(WeightRef(1, 0, 0))
    assert tables.layer_combo.currentIndex() == 1
    assert tables.table.currentIndex().row() == 0
    assert tables.table.currentIndex().column() == 0
