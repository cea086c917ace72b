"""A one-line text field with its own error message underneath, for settings typed by hand.

The field never changes anything by itself: on Enter or when focus leaves it emits
``committed(text)``; the owner parses the text, asks the document to change, and calls
``show_error`` when the text is refused (the document then stays as it was).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.style import ERROR_STYLE


class ValidatedField(QWidget):
    """A QLineEdit plus a red message label that appears only while the text is refused."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "", tooltip: str = "", parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip(tooltip)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.editingFinished.connect(self._on_editing_finished)
        self._shown = ""

    def text(self) -> str:
        return self.edit.text()

    def set_value_text(self, text: str) -> None:
        """Show the document's value (signals blocked) and drop any error."""
        with QSignalBlocker(self.edit):
            self.edit.setText(text)
        self._shown = text
        self.clear_error()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()

    def _on_editing_finished(self):
        """Commit the text typed by the learner (Enter or focus leaving the field)."""
        self.committed.emit(self.edit.text())
