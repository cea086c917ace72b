"""What the loss and gradient plots share: they draw the run's History, follow the runner, use a
log scale by default, and export every step of the run as CSV."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFileDialog

from gui.plots.plot_frame import PlotFrame
from gui.training_runner import TrainingRunner


class HistoryPlot(PlotFrame):
    """A plot of ``runner.history``: a subclass makes its curves, then calls follow_runner()."""

    def __init__(self, title: str, runner: TrainingRunner, parent=None):
        super().__init__(title, runner.clock, parent)
        self._runner = runner
        self.log_check = QCheckBox("log scale")
        self.log_check.setChecked(True)
        self.add_header_widget(self.log_check)
        self.add_export_action("Save every step as CSV (step, loss, gradient norms)…",
                               self._on_export_history)

    def follow_runner(self) -> None:
        """Start drawing: log scale on, redraw whenever the run progresses or is replaced."""
        self.log_check.toggled.connect(self._on_log_toggled)
        self._on_log_toggled(self.log_check.isChecked())
        self._runner.progressed.connect(self._on_progressed)
        self._runner.history_replaced.connect(self._on_progressed)

    def _on_export_history(self):
        path, _ = QFileDialog.getSaveFileName(self, "Save the run's history", "history.csv",
                                              "CSV files (*.csv)")
        if path:
            self._runner.history.to_csv(path)

    def _on_log_toggled(self, checked: bool):
        self.plot_item.setLogMode(y=checked)
        self.forget_range()
        self.refresh()

    def _on_progressed(self):
        self.request_refresh()
