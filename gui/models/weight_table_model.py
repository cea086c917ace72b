"""One layer's weights and biases as a table: a row per neuron, a column per input plus the bias.

The model keeps no copy of a number: ``data`` reads the document, ``setData`` pushes an undoable
``document.set_parameter``. Text that is not a finite number is refused (the cell keeps its value)
and ``edit_refused`` says why.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from gui import style
from gui.canvas.labels import neuron_name
from gui.document import ALL_LAYERS, Document
from gui.items import BiasRef, WeightRef
from gui.richtext import literal_html

POSITIVE_COLOR = style.POSITIVE.name()  # the canvas's sign colours, so a weight looks the same
NEGATIVE_COLOR = style.NEGATIVE.name()
FROZEN_BACKGROUND = "#e6e6e6"
_NO_PARENT = QModelIndex()


def lock_icon() -> QIcon:
    """A small drawn padlock (fonts may lack a lock glyph), made once per process."""
    global _LOCK_ICON
    if _LOCK_ICON is None:
        pixmap = QPixmap(12, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.FROZEN, 1.6))
        painter.drawArc(QRectF(2.5, 1.0, 7.0, 9.0), 0, 180 * 16)  # the shackle
        painter.fillRect(QRectF(1.0, 6.0, 10.0, 7.5), style.FROZEN)  # the body
        painter.end()
        _LOCK_ICON = QIcon(pixmap)
    return _LOCK_ICON


_LOCK_ICON: QIcon | None = None


def input_label(document: Document, layer: int, source: int) -> str:
    """What feeds input ``source`` of engine ``layer``: an input x or a neuron below it."""
    return neuron_name(document.network, layer, source)


def neuron_label(document: Document, layer: int, neuron: int) -> str:
    """A neuron's name, the same one the canvas writes beside it."""
    return neuron_name(document.network, layer + 1, neuron)


class WeightTableModel(QAbstractTableModel):
    """Weights W[neuron, source] and biases b[neuron] of one engine layer, editable."""

    edit_refused = Signal(str)  # why typed text was not accepted
    edit_accepted = Signal()

    def __init__(self, document: Document, layer: int = 0, parent=None):
        super().__init__(parent)
        self._document = document
        self._layer = layer
        document.weights_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)

    # ----- which layer ---------------------------------------------------------------------------
    @property
    def layer(self) -> int:
        return self._layer

    def set_layer(self, layer: int) -> None:
        """Show engine layer ``layer`` (clamped to the layers that exist)."""
        layer = max(0, min(layer, len(self._document.network.layers) - 1))
        if layer != self._layer:
            self.beginResetModel()
            self._layer = layer
            self.endResetModel()

    # ----- shape ---------------------------------------------------------------------------------
    def _engine_layer(self):
        layers = self._document.network.layers
        return layers[self._layer] if 0 <= self._layer < len(layers) else None

    def rowCount(self, parent=_NO_PARENT):
        layer = self._engine_layer()
        return 0 if parent.isValid() or layer is None else layer.n_out

    def columnCount(self, parent=_NO_PARENT):
        layer = self._engine_layer()
        return 0 if parent.isValid() or layer is None else layer.n_in + 1

    def is_bias_column(self, column: int) -> bool:
        return column == self.columnCount() - 1

    def item_at(self, index: QModelIndex) -> WeightRef | BiasRef:
        """The weight or bias a cell shows."""
        if self.is_bias_column(index.column()):
            return BiasRef(self._layer, index.row())
        return WeightRef(self._layer, index.row(), index.column())

    def index_of(self, item: WeightRef | BiasRef) -> QModelIndex:
        """The cell that shows ``item`` (invalid if it is in another layer)."""
        if item.layer != self._layer:
            return QModelIndex()
        column = self.columnCount() - 1 if isinstance(item, BiasRef) else item.source
        return self.index(item.neuron, column)

    def _key(self, index: QModelIndex) -> tuple[int, int, int | None]:
        source = None if self.is_bias_column(index.column()) else index.column()
        return self._layer, index.row(), source

    # ----- reading -------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self._key(index)
        value = self._document.parameter(*key)
        frozen = self._document.is_frozen(*key)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.6g}"
        if role == Qt.ItemDataRole.DecorationRole and frozen:
            return lock_icon()
        if role == Qt.ItemDataRole.EditRole:
            return repr(value)  # full precision, so editing does not round the number
        if role == Qt.ItemDataRole.ForegroundRole:
            if value == 0:
                return None
            return QBrush(QColor(POSITIVE_COLOR if value > 0 else NEGATIVE_COLOR))
        if role == Qt.ItemDataRole.BackgroundRole and frozen:
            return QBrush(QColor(FROZEN_BACKGROUND))
        if role == Qt.ItemDataRole.FontRole and frozen:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, value, frozen)
        return None

    def _tooltip(self, index: QModelIndex, value: float, frozen: bool) -> str:
        layer, neuron, source = self._key(index)
        target = neuron_label(self._document, layer, neuron)
        if source is None:
            what = self.tr("bias of {target}").format(target=target)
        else:
            what = self.tr("weight from {source} to {target}").format(
                source=input_label(self._document, layer, source), target=target)
        if frozen:
            return literal_html(self.tr("{what} = {value} — frozen: training never changes it")
                                .format(what=what, value=repr(value)))
        return literal_html(f"{what} = {value!r}")

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or self._engine_layer() is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if self.is_bias_column(section):
                return self.tr("bias")
            return self.tr("from {source}").format(
                source=input_label(self._document, self._layer, section))
        return neuron_label(self._document, self._layer, section)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # ----- editing -------------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            number = value if isinstance(value, float) else parse_number(str(value))
            self._document.set_parameter(*self._key(index), number)
        except NetworkError as error:
            self.edit_refused.emit(self.tr("Not changed: {problem}.").format(problem=error.problem))
            return False
        self.edit_accepted.emit()
        return True

    def toggle_frozen(self, index: QModelIndex) -> None:
        """Freeze the cell's parameter if it moves, unfreeze it if frozen (undoable)."""
        if index.isValid():
            key = self._key(index)
            self._document.set_frozen(*key, not self._document.is_frozen(*key))

    # ----- following the document ----------------------------------------------------------------
    def _on_weights_changed(self, layer: int):
        if layer in (self._layer, ALL_LAYERS) and self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def _on_structure_changed(self):
        self.beginResetModel()
        self._layer = max(0, min(self._layer, len(self._document.network.layers) - 1))
        self.endResetModel()

