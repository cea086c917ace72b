"""A slider for the one parameter a lesson lets the learner move by hand (lesson.json's
``slider``): every move is an ordinary undoable edit of the document, merged while dragging."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from engine.model.parameter_names import parameter_value, parse_parameter
from gui.document import Document
from gui.style import format_value

STEPS = 3000  # slider positions between min and max


class ParameterSlider(QWidget):
    """Moves parameter ``name`` (``w2[1,1]``) between ``low`` and ``high``; follows the
    document when the parameter changes elsewhere (an edit, training, undo)."""

    def __init__(self, document: Document, name: str, low: float, high: float, parent=None):
        super().__init__(parent)
        self._document = document
        self._quantity = parse_parameter(name, document.network)
        self._low, self._high = float(low), float(high)
        self.name_label = QLabel(name)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(self.value_label.fontMetrics().horizontalAdvance("−0.0000"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)
        self.slider.valueChanged.connect(self._on_slider_moved)
        document.weights_changed.connect(self._on_weights_changed)
        self._follow_document()

    def value_at(self, position: int) -> float:
        """The parameter value slider position ``position`` stands for."""
        return self._low + (self._high - self._low) * position / STEPS

    def _follow_document(self):
        value = parameter_value(self._document.network, self._quantity)
        position = round((value - self._low) / (self._high - self._low) * STEPS)
        with QSignalBlocker(self.slider):
            self.slider.setValue(min(max(position, 0), STEPS))
        self.value_label.setText(format_value(value))

    def _on_slider_moved(self, position: int):
        quantity = self._quantity
        self._document.set_parameter(quantity.layer, quantity.neuron, quantity.source,
                                     self.value_at(position))

    def _on_weights_changed(self, _layer: int):
        self._follow_document()
