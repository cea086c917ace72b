"""The Lessons dock: the lessons in the notes' order with their progress, the open lesson's
text and tasks, and Check.

Lessons are data (engine/lessons): this panel shows their text in the language it is given
(:meth:`LessonsPanel.set_language`), builds the engine's LessonState from the document, the
step-through and the runner, and lets the engine grade. It never blocks anything: the learner
may edit, train, open another file and come back; opening a lesson asks about unsaved work as
File → Open does and replaces the document with the lesson's network.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from engine.lessons.checks import LessonState
from engine.lessons.lesson import FALLBACK, Lesson
from engine.lessons.loader import lesson_experiment, load_lessons
from engine.lessons.solutions import apply_action
from gui.document import Document
from gui.items import NeuronRef
from gui.lesson_progress import LessonProgress
from gui.panels.lesson_slider import ParameterSlider
from gui.panels.lesson_task import TaskRow
from gui.plots.digit_weights import DigitWeights


class LessonsPanel(QWidget):
    """The lessons, the open one's text and tasks. ``ask_to_save()`` is the window's "save
    changes?" question (False: cancelled); ``runner`` counts the training steps taken."""

    lesson_opened = Signal(int)  # the lesson's number
    hidden_changed = Signal(object)  # frozenset of NeuronRef: values the canvas shows as "?"

    def __init__(self, document: Document, stepping, runner, settings,
                 ask_to_save: Callable[[], bool], parent=None):
        super().__init__(parent)
        self._document = document
        self._stepping = stepping
        self._runner = runner
        self._ask_to_save = ask_to_save
        self.progress = LessonProgress(settings)
        self.lessons: list[Lesson] = load_lessons()
        self.language = FALLBACK
        self.current: Lesson | None = None
        self._on_lesson_network = False  # the document is the open lesson's network
        self._replacing = False
        self.phases_reached: set = set()
        self.task_rows: list[TaskRow] = []
        self.slider: ParameterSlider | None = None
        self.digit_weights: DigitWeights | None = None
        self.hidden: frozenset = frozenset()
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self.retranslate()
        self._fill_list()

    # ----- building -----------------------------------------------------------------------------
    def _create_widgets(self):
        self.lesson_model = QStandardItemModel(self)
        self.lesson_list = QListView()
        self.lesson_list.setModel(self.lesson_model)
        self.lesson_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lesson_list.setMaximumHeight(self.lesson_list.fontMetrics().height() * 7 + 12)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.PlainText)
        self.left_label = QLabel()
        self.left_label.setWordWrap(True)
        self.tasks_box = QWidget()
        self.tasks_layout = QVBoxLayout(self.tasks_box)
        self.tasks_layout.setContentsMargins(0, 0, 0, 0)
        self.reopen_button = QPushButton()
        self.next_button = QPushButton()

    def _create_layout(self):
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for widget in (self.title_label, self.intro_label, self.left_label, self.tasks_box):
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.lesson_list)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

    def _connect_signals(self):
        self.lesson_list.clicked.connect(self._on_item_chosen)
        self.lesson_list.activated.connect(self._on_item_chosen)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self._document.experiment_replaced.connect(self._on_experiment_replaced)
        self._stepping.step_moved.connect(self._on_step_moved)

    def retranslate(self):
        """The panel's own words, through Qt's translation."""
        self.reopen_button.setText(self.tr("Start the lesson again"))
        self.next_button.setText(self.tr("Next lesson"))
        self.left_label.setText(self.tr("Another network is open: the tasks check the "
                                        "lesson's own network. Start the lesson again to "
                                        "go on (your progress is kept)."))
        self._fill_list()
        self._update_buttons()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.retranslate()

    # ----- language -----------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Show the lessons' own text (data in both languages) in ``language`` ("en", "ko")."""
        self.language = language
        self._fill_list()
        self._show_text()
        for row in self.task_rows:
            row.set_language(language)

    # ----- opening a lesson -----------------------------------------------------------------------
    def lesson(self, number: int) -> Lesson:
        return next(lesson for lesson in self.lessons if lesson.number == number)

    def open_lesson(self, number: int) -> bool:
        """Ask about unsaved work, then make lesson ``number``'s network the document."""
        lesson = self.lesson(number)
        if not self._ask_to_save():
            self._select_current()
            return False
        try:
            experiment = lesson_experiment(lesson)
        except NetworkError as error:
            QMessageBox.critical(self, self.tr("Cannot open the lesson"), str(error))
            return False
        self._replacing = True
        try:
            self._document.replace_experiment(experiment, None)
        finally:
            self._replacing = False
        self.current = lesson
        self._on_lesson_network = True
        self.phases_reached = set()
        self._build_lesson()
        self._select_current()
        self.lesson_opened.emit(number)
        return True

    def _build_lesson(self):
        for row in self.task_rows:
            row.deleteLater()
        for widget in (self.slider, self.digit_weights):
            if widget is not None:
                widget.deleteLater()
        self.task_rows, self.slider, self.digit_weights = [], None, None
        lesson = self.current
        passed = self.progress.passed(lesson.key)
        if lesson.slider is not None:
            spec = lesson.slider
            self.slider = ParameterSlider(self._document, spec["param"], spec["min"],
                                          spec["max"])
            self.tasks_layout.addWidget(self.slider)
        for index, task in enumerate(lesson.tasks):
            row = TaskRow(task, index, self.language)
            row.check_requested.connect(self.check_task)
            row.action_requested.connect(self.do_action)
            if index in passed:
                row.show_passed()
            self.tasks_layout.addWidget(row)
            self.task_rows.append(row)
        if lesson.view == "digit_weights":  # beside the tasks, not scrolled away
            self.digit_weights = DigitWeights(self._document)
            self.layout().insertWidget(2, self.digit_weights, 1)
        self._show_text()
        self._update_buttons()
        self._hide_predicted()

    def _hide_predicted(self):
        """Hide the open lesson's values still to be predicted (none off its network)."""
        lesson = self.current
        hidden = frozenset() if lesson is None or not self._on_lesson_network else frozenset(
            NeuronRef(layer + 1, neuron)
            for layer, neuron in lesson.still_hidden(self.progress.passed(lesson.key)))
        if hidden != self.hidden:
            self.hidden = hidden
            self.hidden_changed.emit(hidden)

    def _show_text(self):
        lesson = self.current
        self.title_label.setText(
            "" if lesson is None else f"{lesson.number}. {lesson.title(self.language)}")
        self.intro_label.setText(
            self.tr("Choose a lesson above. Each one opens its own network; you can always "
                    "leave it, explore, and come back.")
            if lesson is None else lesson.text(self.language))
        self.left_label.setVisible(lesson is not None and not self._on_lesson_network)

    # ----- checking ---------------------------------------------------------------------------
    def state(self, entered: float | None = None) -> LessonState:
        """What the engine grades: the document, the typed number, the phases reached."""
        return LessonState(self._document.experiment, entered, frozenset(self.phases_reached),
                           self._runner.step_count)

    def check_task(self, index: int) -> bool:
        """Grade task ``index`` now; show "Passed" (and remember it) or the hint."""
        row = self.task_rows[index]
        if not self._on_lesson_network:
            row.show_note(self.left_label.text())
            return False
        entered = None
        if row.task.asks_for_number:
            try:
                entered = parse_number(row.entered_text())
            except NetworkError:
                row.show_note(self.tr("Type a number, like 1.5, −0.75 or 3e-7."))
                return False
        try:
            hint = row.task.grade(self.state(entered), self.language)
        except NetworkError as error:  # e.g. the learner removed the layer a task names
            row.show_note(str(error))
            return False
        if hint is not None:
            row.show_hint()
            return False
        row.show_passed()
        self.progress.mark_passed(self.current.key, index)
        self._fill_list()
        self._hide_predicted()
        return True

    def do_action(self, index: int) -> bool:
        """Task ``index``'s one-step edit (engine/lessons/solutions.py) on the lesson's
        network, as one undo step named by the button."""
        row = self.task_rows[index]
        if not self._on_lesson_network:
            row.show_note(self.left_label.text())
            return False
        try:
            network = apply_action(self._document.network, row.task.action)
        except NetworkError as error:  # e.g. the learner made the output layer softmax
            row.show_note(str(error))
            return False
        self._document.replace_network(row.task.action_text.get(self.language), network)
        return True

    # ----- the list and the buttons -------------------------------------------------------------
    def _fill_list(self):
        if not hasattr(self, "lesson_list"):
            return
        self.lesson_model.clear()
        for lesson in self.lessons:
            done = len(self.progress.passed(lesson.key) & set(range(len(lesson.tasks))))
            mark = " ✓" if done == len(lesson.tasks) else ""
            item = QStandardItem(self.tr("{number}. {title}   {done}/{total}{mark}").format(
                number=lesson.number, title=lesson.title(self.language), done=done,
                total=len(lesson.tasks), mark=mark))
            item.setData(lesson.number, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.lesson_model.appendRow(item)
        self._select_current()

    def _select_current(self):
        selection = self.lesson_list.selectionModel()
        selection.clearSelection()
        if self.current is not None:
            row = [lesson.number for lesson in self.lessons].index(self.current.number)
            selection.setCurrentIndex(self.lesson_model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _update_buttons(self):
        numbers = [lesson.number for lesson in self.lessons]
        self.reopen_button.setEnabled(self.current is not None)
        self.next_button.setEnabled(self.current is None or self.current.number < max(numbers))

    def _on_item_chosen(self, index: QModelIndex):
        number = index.data(Qt.ItemDataRole.UserRole)
        if self.current is None or number != self.current.number or not self._on_lesson_network:
            self.open_lesson(number)

    def _on_reopen_clicked(self):
        if self.current is not None:
            self.open_lesson(self.current.number)

    def _on_next_clicked(self):
        numbers = [lesson.number for lesson in self.lessons]
        after = [n for n in numbers if self.current is None or n > self.current.number]
        if after:
            self.open_lesson(after[0])

    # ----- following the window -----------------------------------------------------------------
    def _on_experiment_replaced(self):
        if not self._replacing and self._on_lesson_network:
            self._on_lesson_network = False  # the learner opened something else: left
            self._show_text()
            self._hide_predicted()

    def _on_step_moved(self, _position: int):
        phase = self._stepping.current_phase()
        if phase is not None and self._on_lesson_network:
            self.phases_reached.add(phase)
