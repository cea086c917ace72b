"""The training side of the main window: its runner and six docks, made and connected.

The window places the docks (``MainWindow._arrange_docks``). During a run the heavy views take
turns on the frame clock: the loss and gradient plots on one frame, the output map on the next.
The runner's divergence and stop messages also go to the window's status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from gui.panels.data_panel import DataPanel
from gui.panels.gradcheck_panel import GradientCheckPanel
from gui.panels.training_panel import TrainingPanel
from gui.plots.activation_plot import ActivationPlot
from gui.plots.decision_map import DecisionMap
from gui.plots.gradient_plot import GradientPlot
from gui.plots.landscape_plot import LandscapePlot
from gui.plots.loss_plot import LossPlot
from gui.run_tools import RunTools
from gui.training_runner import TrainingRunner

STATUS_MESSAGE_MS = 20_000


class TrainingDocks(QObject):
    """The runner and the training docks of ``window`` (a MainWindow: ``add_dock``)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        document = window.document
        self.runner = TrainingRunner(document, window)
        self.training_panel = TrainingPanel(document, self.runner, window)
        self.data_panel = DataPanel(document, window)
        self.loss_plot = LossPlot(document, self.runner, window)
        self.gradient_plot = GradientPlot(document, self.runner, window)
        self.activation_plot = ActivationPlot(document, window)
        self.decision_map = DecisionMap(document, window)
        self.landscape_plot = LandscapePlot(document, self.runner, window)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.training_dock = window.add_dock(self.tr("Training"), "training_dock",
                                             self.training_panel, left)
        self.data_dock = window.add_dock(self.tr("Data"), "data_dock", self.data_panel, left)
        self.loss_dock = window.add_dock(self.tr("Loss"), "loss_dock", self.loss_plot, left)
        self.gradient_dock = window.add_dock(self.tr("Gradients"), "gradient_dock",
                                             self.gradient_plot, left)
        self.activation_dock = window.add_dock(self.tr("Activation"), "activation_dock",
                                               self.activation_plot, left)
        self.map_dock = window.add_dock(self.tr("Output Map"), "output_map_dock", self.decision_map,
                                        left)
        self.landscape_dock = window.add_dock(self.tr("Loss Landscape"), "landscape_dock",
                                              self.landscape_plot, left)
        self.gradcheck_panel = GradientCheckPanel(document, self.runner,
                                                  window.canvas.network_scene, window)
        self.gradcheck_dock = window.add_dock(self.tr("Gradient Check"), "gradcheck_dock",
                                              self.gradcheck_panel, left)
        for dock in (self.training_dock, self.loss_dock, self.gradient_dock,
                     self.activation_dock, self.map_dock, self.landscape_dock):
            # a view in an unselected tab skips its updates and catches up when selected
            dock.visibilityChanged.connect(dock.widget().on_dock_visibility_changed)
        self.runner.diverged.connect(self._on_runner_message)
        self.runner.stopped.connect(self._on_runner_message)
        self.runner.notice.connect(self._on_runner_message)
        self.landscape_plot.verdict_changed.connect(self._on_landscape_verdict)
        self.run_tools = RunTools(window, self)  # timeline, comparison, pace highlight

    def _on_runner_message(self, message: str):
        self._window.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _on_landscape_verdict(self, message: str):
        """A zero-gradient trap named in the status bar, taken back when training leaves it."""
        bar = self._window.statusBar()
        if message:
            bar.showMessage(message, STATUS_MESSAGE_MS)
        elif bar.currentMessage() == self.landscape_plot.announced:
            bar.clearMessage()
