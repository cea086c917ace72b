"""A/B comparison: keep a run as a labelled ghost, train another, compare them in a table.

"Keep this run for comparison" freezes the current run (engine.training.comparison.freeze):
its curves stay on the loss and gradient plots as dashed ghosts named "A: sigmoid, η=0.5,
sgd", and a row in the Compare dock's table gives its final per-sample loss, the first step
at which the per-sample loss reached the target, and its accuracy; the live run is the
table's last row. "Compare sigmoid and ReLU" opens the vanishing-sigmoid preset, trains it,
keeps it, opens vanishing-relu and trains it as many steps: one click for the notes'
vanishing-gradient comparison.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from engine.training.comparison import FrozenRun, freeze, steps_to_target
from gui.style import format_value

PRESET_STEPS = 300
DEFAULT_TARGET = 0.05


class RunComparison(QObject):
    """The kept runs, the plots' ghosts, the table, the Compare menu's actions."""

    def __init__(self, window, docks, parent=None):
        super().__init__(parent)
        self._window, self._docks = window, docks
        self._runner = docks.runner
        self.runs: list[FrozenRun] = []
        self.table = CompareTable(self)
        self.keep_action = QAction(self.tr("&Keep This Run for Comparison"), window)
        self.keep_action.setToolTip(self.tr(
            "Freeze the run's curves as a dashed ghost; change anything and train again"))
        self.keep_action.triggered.connect(self.keep)
        self.clear_action = QAction(self.tr("&Clear Comparison"), window)
        self.clear_action.triggered.connect(self.clear)
        self.vanishing_action = QAction(self.tr("Compare &Sigmoid and ReLU (vanishing "
                                                "gradient, {steps} steps)").format(
                                                    steps=PRESET_STEPS), window)
        self.vanishing_action.triggered.connect(self.compare_vanishing)
        # the live row is measured between runs, not on every frame of one
        self._runner.progressed.connect(self._on_progressed)
        self._runner.clock.running_changed.connect(self._on_progressed)

    def _on_progressed(self, *_):
        if not self._runner.is_running:
            self.table.write()

    def fill_menu(self, menu) -> None:
        menu.addActions([self.keep_action, self.clear_action])
        menu.addSeparator()
        menu.addAction(self.vanishing_action)

    def keep(self) -> FrozenRun | None:
        """Freeze the current run as the next letter's ghost (None: nothing trained yet)."""
        history = self._runner.history
        if history.count == 0:
            return None
        letter = string.ascii_uppercase[len(self.runs) % 26]
        run = freeze(history, self._window.document.experiment, letter, self.table.target())
        self.runs.append(run)
        self._show()
        return run

    def clear(self) -> None:
        self.runs = []
        self._show()

    def _show(self) -> None:
        self._docks.loss_plot.show_ghosts(self.runs)
        self._docks.gradient_plot.ghosts.show(self.runs)
        self.table.write()

    def compare_vanishing(self, steps: int = PRESET_STEPS) -> bool:
        """Train vanishing-sigmoid, keep it, then train vanishing-relu as long."""
        actions = self._window.file_actions
        if not actions.open_preset("vanishing-sigmoid"):
            return False
        self._runner.train_steps(steps, self.tr("Train {steps} steps").format(steps=steps))
        self.keep()
        actions.load("preset:vanishing-relu")  # the sigmoid run is kept: nothing to save
        self._runner.train_steps(steps, self.tr("Train {steps} steps").format(steps=steps))
        self.table.write()
        return True

    def live_row(self) -> FrozenRun | None:
        history = self._runner.history
        if history.count == 0:
            return None
        return freeze(history, self._window.document.experiment, self.tr("now"),
                      self.table.target())


class CompareTable(QWidget):
    """One row per kept run and one for the live run: final loss, steps to target, accuracy."""

    def __init__(self, comparison: RunComparison, parent=None):
        super().__init__(parent)
        self._comparison = comparison
        self.target_edit = QLineEdit(f"{DEFAULT_TARGET:g}")  # i18n: as is
        self.target_edit.setMaximumWidth(90)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Run"), self.tr("Steps"),
                                              self.tr("Final loss (per sample)"),
                                              self.tr("Steps to ≤ target"), self.tr("Accuracy")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Target loss per sample:")))
        row.addWidget(self.target_edit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.target_edit.editingFinished.connect(self._on_target_changed)

    def target(self) -> float | None:
        try:
            value = parse_number(self.target_edit.text())
        except NetworkError:
            return None
        return value

    def _on_target_changed(self):
        # the kept runs' own rows were measured with the target of their time: measure again
        self.write()

    def write(self, *_):
        comparison = self._comparison
        rows = list(comparison.runs)
        target = self.target()
        # a kept run's step is found again on its kept curve (every step of runs ≤ 2,000)
        reached = [steps_to_target(run.steps, run.sample_loss, target) for run in rows]
        live = comparison.live_row()
        if live is not None:
            rows.append(live)
            reached.append(live.steps_to_target)
        self.table.setRowCount(len(rows))
        for index, run in enumerate(rows):
            cells = (run.name, f"{int(run.steps[-1]):,}" if len(run.steps) else "0",
                     "—" if run.final_loss is None else format_value(run.final_loss),
                     "—" if reached[index] is None else f"{reached[index]:,}",
                     "—" if run.accuracy is None else f"{run.accuracy:.1%}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(index, column, item)
