"""A choice box of one weight or bias, for networks of any size (gui/models/parameter_model.py).

Its popup is a tree view: a small network's parameters are one flat list, a big one's open
level by level (W or b of a layer, a row of W, a weight), so the popup lays out a few hundred
rows at most, never the ten million a network may have. A click on a group opens or closes it;
only a parameter (or the "none" row) is chosen. A list is as wide as its longest row; a tree as
the longest name the network has (``w2[2440,4096]``), found from the layers' shapes, not by Qt
measuring every row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QTreeView

from engine.lesson.quantities import Quantity
from engine.model.network import Network
from gui.models.parameter_model import QUANTITY_ROLE, ROOT, ParameterModel


class ParameterBox(QComboBox):
    """Chooses one parameter of a network (or "none" when ``none`` text is given)."""

    chosen_changed = Signal()  # a parameter (or "none") was chosen, by the learner or by code

    def __init__(self, none: str | None = None, parent=None):
        super().__init__(parent)
        self._none = none
        self._kept = None  # (the last choice,): a group is not one
        view = QTreeView()
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)  # rows are never measured one by one
        view.clicked.connect(self._open_or_close)
        self.setView(view)
        self.setModel(ParameterModel(Network(1, []), none, self))
        self.currentIndexChanged.connect(self._on_current_changed)

    @property
    def parameter_model(self) -> ParameterModel:
        return self.model()

    def set_network(self, network: Network, none: str | None = None) -> None:
        """Offer the parameters of ``network`` (the choice is cleared: choose() after)."""
        if none is not None:
            self._none = none
        blocked = self.blockSignals(True)
        model = ParameterModel(network, self._none, self)
        self.setModel(model)  # QComboBox deletes the model it owned before
        self.view().setRootIsDecorated(not model.flat)
        if model.flat:  # Qt measures each row once: at most FLAT_LIMIT
            self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        else:  # the top rows are groups: as wide as the longest name, counted in "x" widths
            self.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.setMinimumContentsLength(model.longest + 1)
        self._kept = None
        self.blockSignals(blocked)

    def choose(self, quantity: Quantity | None) -> None:
        """Make ``quantity`` (None: the "none" row) the box's choice, wherever it hangs."""
        index = self.parameter_model.index_of(quantity)
        if not index.isValid():
            return
        self.setRootModelIndex(index.parent())  # QComboBox chooses a row under its root
        self.setCurrentIndex(index.row())
        self.setRootModelIndex(ROOT)
        self._kept = (quantity,)

    def showPopup(self) -> None:  # noqa: N802 (Qt's name)
        """The list; a tree gets the full height at once (Qt sizes a popup to the rows shown
        when it opens, a handful before a group is opened)."""
        super().showPopup()
        if self.parameter_model.flat:
            return
        view = self.view()
        popup = view.window()  # the frame QComboBox puts its view in
        row = max(view.sizeHintForRow(0), self.fontMetrics().height())
        height = popup.height() - view.viewport().height() + row * self.maxVisibleItems()
        width = popup.width() + 2 * view.indentation()  # leaves sit two levels in
        popup.resize(max(popup.width(), width), max(popup.height(), height))
        view.scrollTo(view.currentIndex())

    def chosen(self) -> Quantity | None:
        """The chosen parameter (None: "none", or nothing chosen yet)."""
        return self.currentData(QUANTITY_ROLE)

    def _on_current_changed(self, _row: int) -> None:
        quantity = self.chosen()
        if quantity is not None or (self._none is not None and self.currentText() == self._none):
            self._kept = (quantity,)
            self.chosen_changed.emit()
        elif self._kept is not None:  # a group (the arrow keys on the closed box): no choice
            self.choose(*self._kept)

    def _open_or_close(self, index: QModelIndex) -> None:
        if self.parameter_model.hasChildren(index):
            view = self.view()
            view.setExpanded(index, not view.isExpanded(index))
