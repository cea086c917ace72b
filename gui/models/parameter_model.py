"""Every weight and bias of a network as an item model, built lazily for any size.

A choice box of parameters must offer all of them, up to the file reader's 10,000,000, without
a list of ten million names: this model keeps only the layers' shapes and names a row when a
view asks for it (``parameter_at``, engine/model/parameter_names.py). Up to ``FLAT_LIMIT``
parameters it is a plain list, in ``parameters_of`` order. Beyond, a list view would still lay
out every row, so the parameters are a tree a view opens one level at a time, none longer than
a layer (4,096): W and b of each layer (``w2``, ``b2``), then W's rows (``w2[3,·]``), then the
weights (``w2[3,1]``); biases hang under ``b2`` directly. A view shows a few hundred rows at most
whatever the network. Optionally a first top-level row stands for "no parameter" (the landscape's
second box: a curve).

An item's internal id says where it hangs: 0 under the root; ``1 + g`` under group g (g = 2l for
layer l's W, 2l + 1 for its b); ``ROW_IDS + g·MAX_NEURONS + i`` under row i of W group g.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

from engine.lesson.quantities import Kind, Quantity, bias, weight
from engine.model.network import Network
from engine.model.parameter_names import parameter_at, parameter_name, parameter_position
from engine.model.rules import MAX_LAYERS, MAX_NEURONS

FLAT_LIMIT = 5_000  # parameters listed one row each; more are grouped by layer and row
ROW_IDS = 1 + 2 * MAX_LAYERS  # internal ids from here on: items under a row of weights
ROOT = QModelIndex()  # the invisible root (Qt's default parent)
QUANTITY_ROLE = Qt.ItemDataRole.UserRole  # a QComboBox's currentData() reads this role


class ParameterModel(QAbstractItemModel):
    """The parameters of ``network`` (a list, or a tree by layer and row), ``none`` first if
    given; an item's QUANTITY_ROLE is its Quantity (None for "none" and the groups)."""

    def __init__(self, network: Network, none: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.none = none
        self._offset = 0 if none is None else 1
        self.shapes = [layer.weights.shape for layer in network.layers]  # (n_out, n_in)
        self.count = sum(n_out * n_in + n_out for n_out, n_in in self.shapes)
        self.flat = self.count <= FLAT_LIMIT
        self._network = network

    @property
    def longest(self) -> int:
        """Characters of the longest text a row may show (the last weight of the widest layer,
        or the "none" row): a box this wide shows any choice."""
        names = [parameter_name(weight(layer, n_out - 1, n_in - 1))
                 for layer, (n_out, n_in) in enumerate(self.shapes)]
        return max(len(text) for text in [*names, self.none or "", "w1"])

    # ----- where a quantity is, and what a row is --------------------------------------------
    def index_of(self, quantity: Quantity | None) -> QModelIndex:
        """The item of ``quantity`` (None: the "none" row, if there is one)."""
        if quantity is None:
            return self.index(0, 0) if self.none is not None else QModelIndex()
        if self.flat:
            return self.index(self._offset + parameter_position(self._network, quantity), 0)
        group = 2 * quantity.layer + (quantity.kind == Kind.BIAS)
        top = self.index(self._offset + group, 0)
        if quantity.kind == Kind.BIAS:
            return self.index(quantity.neuron, 0, top)
        return self.index(quantity.source, 0, self.index(quantity.neuron, 0, top))

    def quantity(self, index: QModelIndex) -> Quantity | None:
        """The parameter of ``index``, or None for the "none" row and a group."""
        if not index.isValid():
            return None
        place = index.internalId()
        if place == 0:
            if index.row() < self._offset or not self.flat:
                return None
            return parameter_at(self._network, index.row() - self._offset)
        if place < ROW_IDS:
            group = place - 1
            if group % 2 == 0:
                return None  # a row of W: a group
            return bias(group // 2, index.row())
        group, neuron = divmod(place - ROW_IDS, MAX_NEURONS)
        return weight(group // 2, neuron, index.row())

    # ----- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row, column=0, parent=ROOT):
        if column != 0 or row < 0 or row >= self.rowCount(parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0)
        place = parent.internalId()
        if place == 0:
            return self.createIndex(row, 0, 1 + parent.row() - self._offset)
        return self.createIndex(row, 0, ROW_IDS + (place - 1) * MAX_NEURONS + parent.row())

    def parent(self, index=None):
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        place = index.internalId()
        if place == 0:
            return QModelIndex()
        if place < ROW_IDS:
            return self.createIndex(self._offset + place - 1, 0, 0)
        group, neuron = divmod(place - ROW_IDS, MAX_NEURONS)
        return self.createIndex(neuron, 0, 1 + group)

    def rowCount(self, parent=ROOT):
        if not parent.isValid():
            return self._offset + (self.count if self.flat else 2 * len(self.shapes))
        if parent.column() != 0 or self.flat:
            return 0
        place = parent.internalId()
        if place == 0:
            if parent.row() < self._offset:
                return 0
            return self.shapes[(parent.row() - self._offset) // 2][0]  # n_out rows or biases
        if place < ROW_IDS and (place - 1) % 2 == 0:
            return self.shapes[(place - 1) // 2][1]  # a row of W: n_in weights
        return 0

    def columnCount(self, parent=ROOT):
        return 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.quantity(index) is None and not self._is_none(index):
            return Qt.ItemFlag.ItemIsEnabled  # a group opens; choosing it would choose nothing
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == QUANTITY_ROLE:
            return self.quantity(index)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if self._is_none(index):
            return self.none
        quantity = self.quantity(index)
        if quantity is not None:
            return parameter_name(quantity)
        place = index.internalId()
        if place == 0:  # W or b of a layer
            group = index.row() - self._offset
            return f"{'wb'[group % 2]}{group // 2 + 1}"  # i18n: as is (a parameter name)
        return f"w{(place - 1) // 2 + 1}[{index.row() + 1},·]"  # i18n: as is (a row of W)

    def _is_none(self, index: QModelIndex) -> bool:
        return self.none is not None and index.internalId() == 0 and index.row() == 0
