"""The weights and biases of one layer as an editable table, the layer chosen in a combo box."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.document import Document
from gui.items import BiasRef, WeightRef
from gui.models.weight_table_model import WeightTableModel, input_label, neuron_label


class WeightTables(QWidget):
    """A table of W and b for the layer chosen in ``layer_combo``; cells edit the document."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self.model = WeightTableModel(document, 0, self)
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self._fill_layer_combo()

    def _create_widgets(self):
        self.layer_combo = QComboBox()
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(64)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.freeze_action = QAction(self.tr("Freeze / unfreeze (training leaves it alone)"),
                                     self.table)
        self.table.addAction(self.freeze_action)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(style.ERROR_STYLE)
        self.message.hide()
        self.hint = QLabel(self.tr(
            "Double-click a cell to type a new value; right-click to freeze it. "
            "Blue: positive, orange: negative, grey with a lock: frozen."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {style.MUTED_TEXT.name()};")

    def _create_layout(self):
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Layer:")))
        top.addWidget(self.layer_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)

    def _connect_signals(self):
        self.layer_combo.currentIndexChanged.connect(self._on_layer_chosen)
        self.freeze_action.triggered.connect(self._on_freeze_triggered)
        self.model.edit_refused.connect(self._on_edit_refused)
        self.model.edit_accepted.connect(self._on_edit_accepted)
        self.table.selectionModel().currentChanged.connect(self._on_current_cell_changed)
        self._document.structure_changed.connect(self._on_structure_changed)
        self._document.experiment_replaced.connect(self._on_structure_changed)
        self._document.selection_changed.connect(self._on_selection_changed)

    # ----- layer combo ---------------------------------------------------------------------------
    def _fill_layer_combo(self):
        network = self._document.network
        with QSignalBlocker(self.layer_combo):
            self.layer_combo.clear()
            for index, layer in enumerate(network.layers):
                inputs = _span(layer.n_in, partial(input_label, self._document, index))
                outputs = _span(layer.n_out, partial(neuron_label, self._document, index))
                self.layer_combo.addItem(self.tr(
                    "Layer {layer}: {inputs} → {outputs} ({n_in}×{n_out}, {activation})").format(
                    layer=index + 1, inputs=inputs, outputs=outputs, n_in=layer.n_in,
                    n_out=layer.n_out, activation=layer.activation))
            self.layer_combo.setCurrentIndex(self.model.layer)

    def show_layer(self, layer: int) -> None:
        """Show the table of engine layer ``layer``."""
        self.layer_combo.setCurrentIndex(layer)

    def _on_layer_chosen(self, index: int):
        if index >= 0:
            self.model.set_layer(index)
            self._on_edit_accepted()

    def _on_structure_changed(self):
        self._fill_layer_combo()
        self._on_edit_accepted()

    # ----- editing -------------------------------------------------------------------------------
    def _on_freeze_triggered(self):
        self.model.toggle_frozen(self.table.currentIndex())

    def _on_edit_refused(self, why: str):
        self.message.setText(why)
        self.message.show()

    def _on_edit_accepted(self):
        self.message.clear()
        self.message.hide()

    # ----- selection, both ways ------------------------------------------------------------------
    def _on_current_cell_changed(self, current: QModelIndex, previous: QModelIndex):
        if current.isValid():
            self._document.select(self.model.item_at(current))

    def _on_selection_changed(self, item):
        if not isinstance(item, (WeightRef, BiasRef)):
            return
        if item.layer != self.model.layer:
            self.show_layer(item.layer)
        index = self.model.index_of(item)
        if index.isValid() and index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )


def _span(count: int, label) -> str:
    """"x", "x1, x2" or "h1…h8": ``count`` neurons named in a few characters."""
    if count <= 2:
        return ", ".join(label(n) for n in range(count))
    return f"{label(0)}…{label(count - 1)}"
