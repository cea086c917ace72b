"""The data set as a table: one row per sample, the inputs then the targets.

Training rows come first, then the held-out test rows (their row header says "test"). Editing a
cell replaces the data set through ``document.set_data`` (one undo step); a cell that is not a
finite number, or a target the network's loss cannot score (the rule book's
``check_loss_choice``: 5 under cross-entropy), is refused: ``refused`` carries the message and
the data stays as it was.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from engine.model import rules
from engine.model.experiment import Dataset
from gui.document import Document


class DataTableModel(QAbstractTableModel):
    """Rows of (inputs…, targets…) of the document's data set, editable and validated."""

    refused = Signal(str)  # an edit was refused: what is wrong with it

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        document.data_changed.connect(self._on_data_changed)
        document.experiment_replaced.connect(self._on_data_changed)
        document.structure_changed.connect(self._on_structure_changed)
        self._shape = (self.rowCount(), self.columnCount())  # as the view last saw it

    # ----- shape -------------------------------------------------------------------------------
    @property
    def _data(self) -> Dataset | None:
        return self._document.data

    def input_width(self) -> int:
        data = self._data
        return self._document.network.input_size if data is None else data.inputs.shape[1]

    def target_width(self) -> int:
        data = self._data
        return self._document.network.output_size if data is None else data.targets.shape[1]

    def training_rows(self) -> int:
        return 0 if self._data is None else len(self._data)

    def test_rows(self) -> int:
        data = self._data
        return len(data.test_inputs) if data is not None and data.has_test_split else 0

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.training_rows() + self.test_rows()

    def columnCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.input_width() + self.target_width()

    def is_test_row(self, row: int) -> bool:
        return row >= self.training_rows()

    # ----- reading -----------------------------------------------------------------------------
    def _arrays_for_row(self, row: int, data: Dataset | None = None):
        """(inputs, targets, row index into them) of ``data`` (default: the document's) holding
        table row ``row``."""
        data = self._data if data is None else data
        if self.is_test_row(row):
            return data.test_inputs, data.test_targets, row - self.training_rows()
        return data.inputs, data.targets, row

    def value(self, row: int, column: int) -> float:
        inputs, targets, index = self._arrays_for_row(row)
        width = self.input_width()
        if column < width:
            return float(inputs[index, column])
        return float(targets[index, column - width])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._data is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.value(index.row(), index.column())
            return f"{value:.6g}" if role == Qt.ItemDataRole.DisplayRole else repr(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.column_name(section)
        if self.is_test_row(section):
            return self.tr("test {n}").format(n=section - self.training_rows() + 1)
        return str(section + 1)

    def column_name(self, column: int) -> str:
        """Input columns are named after the network's input labels (x₁…), targets t₁…."""
        network = self._document.network
        width = self.input_width()
        if column < width:
            labels = network.input_labels
            if labels and len(labels) == width:
                return labels[column]
            return f"x{column + 1}" if width > 1 else "x"
        k = column - width
        return f"t{k + 1}" if self.target_width() > 1 else "t"

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
        )

    # ----- editing: every change is one undoable set_data ---------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._data is None:
            return False
        row, column = index.row(), index.column()
        where = self.tr("row {row}, {column}").format(
            row=self.headerData(row, Qt.Orientation.Vertical), column=self.column_name(column))
        try:
            number = parse_number(value, where)
        except ValueError as error:
            self.refused.emit(self.tr("{error}; the data is unchanged.").format(error=error))
            return False
        if number == self.value(row, column):
            return True
        data = self._data.copy()
        inputs, targets, at = self._arrays_for_row(row, data)
        width = self.input_width()
        if column < width:
            inputs[at, column] = number
        else:
            targets[at, column - width] = number
        try:
            rules.check_loss_choice(self._document.network, data)
        except NetworkError as error:
            self.refused.emit(self.tr("Not changed: {problem}.").format(problem=error.problem))
            return False
        self._document.set_data(self.tr("Set {column} to {number}").format(
            column=self.column_name(column), number=f"{number:g}"), data)
        return True

    def add_row(self) -> None:
        """Append a training sample: a copy of the last one, or zeros in an empty set."""
        data = self._data
        if data is None or len(data) == 0:
            inputs = np.zeros((1, self.input_width()))
            targets = np.zeros((1, self.target_width()))
            test_inputs = None if data is None else data.test_inputs
            test_targets = None if data is None else data.test_targets
            new = Dataset(inputs, targets, test_inputs, test_targets)
        else:
            new = data.copy()
            new.inputs = np.vstack([new.inputs, new.inputs[-1:]])
            new.targets = np.vstack([new.targets, new.targets[-1:]])
        self._document.set_data(self.tr("Add sample"), new)

    def remove_rows(self, rows: list[int]) -> None:
        """Remove the given table rows (training or test) as one undo step."""
        data = self._data
        if data is None or len(rows) == 0:
            return
        n_train = self.training_rows()
        train_keep = np.ones(n_train, dtype=bool)
        test_keep = np.ones(self.test_rows(), dtype=bool)
        chosen = np.asarray(rows, dtype=np.intp)  # a million selected rows: no Python loop
        train_keep[chosen[chosen < n_train]] = False
        test_keep[chosen[chosen >= n_train] - n_train] = False
        new = data.copy()
        new.inputs, new.targets = new.inputs[train_keep], new.targets[train_keep]
        if data.has_test_split:
            new.test_inputs = new.test_inputs[test_keep]
            new.test_targets = new.test_targets[test_keep]
            if len(new.test_inputs) == 0:
                new.test_inputs = new.test_targets = None
        count = len(rows)
        text = self.tr("Remove {count} samples") if count > 1 else \
            self.tr("Remove {count} sample")
        self._document.set_data(text.format(count=count), new)

    # ----- document signals --------------------------------------------------------------------
    def _on_data_changed(self):
        # a change of values only: say which cells changed. A reset would close the editor that
        # is committing this very change, and its later commit would not belong to the view
        # (Qt: "commitData called with an editor that does not belong to this view").
        shape = (self.rowCount(), self.columnCount())
        if shape == self._shape:
            if shape[0] and shape[1]:
                last = self.index(shape[0] - 1, shape[1] - 1)
                self.dataChanged.emit(self.index(0, 0), last)
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, shape[0] - 1)
            return
        self.beginResetModel()
        self._shape = shape
        self.endResetModel()

    def _on_structure_changed(self):
        # column names follow the network's input labels
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))


def selected_rows(selection, columns: int) -> np.ndarray:
    """The rows every one of ``columns`` columns of which a QItemSelection holds, sorted, read
    from its ranges (a million selected rows are one range: QItemSelectionModel.selectedRows()
    would make a million indexes, 28 s)."""
    parts = [np.arange(part.top(), part.bottom() + 1) for part in selection
             if part.left() == 0 and part.right() >= columns - 1]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.intp)
