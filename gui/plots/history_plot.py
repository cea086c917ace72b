"""What the loss and gradient plots share: they draw the run's History, follow the runner, use a
log scale by default, and export every step of the run as CSV."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog

from gui.lesson_hidden import LessonHidden
from gui.plots.plot_frame import PlotFrame
from gui.training_runner import TrainingRunner


class HistoryPlot(PlotFrame):
    """A plot of ``runner.history``: a subclass makes its curves, then calls follow_runner().

    A vertical marker shows the step the timeline shows (:meth:`show_marker`); a click in the
    plot emits ``step_clicked`` with the step under the mouse."""

    step_clicked = Signal(int)

    def __init__(self, title: str, runner: TrainingRunner, document, parent=None):
        super().__init__(title, runner.clock, parent)
        self._runner = runner
        self._document = document
        self._lesson = LessonHidden.of(document)
        self._lesson.changed.connect(self.request_refresh)
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen((200, 140, 0), width=2, style=Qt.DashLine))
        self.marker.setZValue(20)
        self.marker.setVisible(False)
        self.plot_item.addItem(self.marker, ignoreBounds=True)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_clicked)
        self.log_check = QCheckBox(QCoreApplication.translate("HistoryPlot", "log scale"))
        self.log_check.setChecked(True)
        self.add_header_widget(self.log_check)
        self.add_export_action(QCoreApplication.translate(
            "HistoryPlot", "Save every step as CSV (step, loss, gradient norms)…"),
            self._on_export_history)

    def hidden_by_lesson(self) -> bool:
        """Whether a lesson hides the output now (gui/lesson_hidden.py): then no curve is drawn,
        since E and ∂E/∂W would give the values to predict away."""
        return self._lesson.hides_output

    def follow_runner(self) -> None:
        """Start drawing: log scale on, redraw whenever the run progresses or is replaced."""
        self.log_check.toggled.connect(self._on_log_toggled)
        self._on_log_toggled(self.log_check.isChecked())
        self._runner.progressed.connect(self._on_progressed)
        self._runner.history_replaced.connect(self._on_progressed)

    def show_marker(self, step: int | None) -> None:
        """Mark ``step`` (the timeline's, when it shows the past) or hide the marker (None)."""
        self.marker.setVisible(step is not None)
        if step is not None:
            self.marker.setValue(step)

    def _on_clicked(self, event):
        view = self.plot_item.vb
        if event.button() != Qt.MouseButton.LeftButton or \
                not view.sceneBoundingRect().contains(event.scenePos()):
            return
        step = view.mapSceneToView(event.scenePos()).x()
        if self._runner.history.count:
            self.step_clicked.emit(max(0, round(step)))

    def _on_export_history(self):
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("HistoryPlot", "Save the run's history"),
            "history.csv", QCoreApplication.translate("HistoryPlot", "CSV files (*.csv)"))
        if path:
            self._runner.history.to_csv(path)

    def _on_log_toggled(self, checked: bool):
        self.plot_item.setLogMode(y=checked)
        self.forget_range()
        self.refresh()

    def _on_progressed(self):
        self.request_refresh()
