"""One task of a lesson in the Lessons dock: what to do, a field for a number when the task
asks for one, a button for the task's one-step edit when it has one, Check, and after a try
either "Passed" or the task's hint."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton

from engine.lessons.lesson import Task

PASSED_STYLE = "color: #1b7837;"
HINT_STYLE = "color: #b35806;"


class TaskRow(QFrame):
    """Task ``index`` of a lesson; emits ``check_requested(index)`` (Check, or Enter in the
    field). The panel grades it and calls :meth:`show_passed` or :meth:`show_hint`.
    ``action_requested(index)``: the task's action button was pressed."""

    check_requested = Signal(int)
    action_requested = Signal(int)

    def __init__(self, task: Task, index: int, language: str, parent=None):
        super().__init__(parent)
        self.task = task
        self.index = index
        self._language = language
        self._shown = ""  # "", "passed", "hint" or "note"
        self._note = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.value_field = QLineEdit()
        self.value_field.setVisible(task.asks_for_number)
        self.check_button = QPushButton()
        self.action_button = QPushButton()
        self.action_button.setVisible(task.action is not None)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.prompt, 0, 0, 1, 3)
        layout.addWidget(self.value_field, 1, 0, 1, 2)
        layout.addWidget(self.check_button, 1, 2)
        if task.asks_for_number:  # the button on a row of its own, else beside Check
            layout.addWidget(self.action_button, 2, 0, 1, 3)
        else:
            layout.addWidget(self.action_button, 1, 0, 1, 2)
        layout.addWidget(self.result, 3, 0, 1, 3)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.value_field.returnPressed.connect(self._on_check_clicked)
        self.action_button.clicked.connect(lambda: self.action_requested.emit(self.index))
        self.retranslate()
        self.set_language(language)

    def entered_text(self) -> str:
        return self.value_field.text()

    def set_language(self, language: str) -> None:
        """Show the task's own text (data in both languages) in ``language``."""
        self._language = language
        self.prompt.setText(f"{self.index + 1}. {self.task.text(language)}")
        if self.task.action_text is not None:
            self.action_button.setText(self.task.action_text.get(language))
        self._show_result()

    def retranslate(self) -> None:
        """The row's own words, through Qt's translation."""
        self.check_button.setText(self.tr("Check"))
        self.value_field.setPlaceholderText(self.tr("your answer"))
        self._show_result()

    def show_passed(self) -> None:
        self._shown = "passed"
        self._show_result()

    def show_hint(self) -> None:
        self._shown = "hint"
        self._show_result()

    def show_note(self, note: str) -> None:
        """A word about the try itself (not a number, another network open)."""
        self._shown, self._note = "note", note
        self._show_result()

    @property
    def passed(self) -> bool:
        return self._shown == "passed"

    def _show_result(self) -> None:
        if self._shown == "passed":
            self.result.setStyleSheet(PASSED_STYLE)
            self.result.setText(self.tr("✓ Passed"))
        elif self._shown == "hint":
            self.result.setStyleSheet(HINT_STYLE)
            self.result.setText(self.tr("Not yet. Hint: {hint}").format(
                hint=self.task.hint(self._language)))
        else:
            self.result.setStyleSheet(HINT_STYLE)
            showing_note = self._shown == "note"
            self.result.setText(self._note if showing_note else "")
        self.result.setVisible(bool(self._shown))

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.retranslate()

    def _on_check_clicked(self):
        self.check_requested.emit(self.index)
