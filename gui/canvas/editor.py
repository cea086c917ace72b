"""Edit a weight or bias right on the canvas: a line edit over the value, with its error beside.

Text that is not a finite number is refused where it was typed; the document is unchanged and
the editor stays open so the learner can correct it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from gui.items import BiasRef, WeightRef

ERROR_STYLE = ("QLabel { color: #b2182b; background: #fff4f4; "  # i18n: as is
               "border: 1px solid #b2182b; border-radius: 3px; padding: 1px 4px; }")


class ValueEditor(QWidget):
    """A small editor for the parameter ``ref`` placed over the canvas viewport."""

    finished = Signal()

    def __init__(self, document, ref: WeightRef | BiasRef, parent=None):
        super().__init__(parent)
        self._document = document
        self.ref = ref
        self.line_edit = QLineEdit(self)
        self.line_edit.setText(repr(self._current()))
        self.line_edit.selectAll()
        self.line_edit.setMinimumWidth(110)
        self.line_edit.setToolTip(self.tr("Enter to apply, Esc to cancel"))
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.error_label)
        self.line_edit.returnPressed.connect(self.apply)
        self.line_edit.textEdited.connect(self._on_text_edited)

    def _current(self) -> float:
        source = self.ref.source if isinstance(self.ref, WeightRef) else None
        return self._document.parameter(self.ref.layer, self.ref.neuron, source)

    def apply(self) -> bool:
        """Set the parameter to the typed number; on bad text show why and change nothing."""
        text = self.line_edit.text()
        try:
            value = parse_number(text)
        except NetworkError as error:
            self.show_error(error.problem)
            return False
        source = self.ref.source if isinstance(self.ref, WeightRef) else None
        self._document.set_parameter(self.ref.layer, self.ref.neuron, source, value)
        self.close_editor()
        return True

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.adjustSize()

    def close_editor(self) -> None:
        self.hide()
        self.finished.emit()
        self.deleteLater()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def _on_text_edited(self, _text: str) -> None:
        if self.error_label.isVisible():
            self.error_label.hide()
            self.adjustSize()
