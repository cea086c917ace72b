"""The training side of the main window: its runner and six docks, placed and connected.

Training and Data are tabbed on the left, the loss, gradient and activation plots tabbed under
them, and the output map sits on the right under the inspector. The runner's divergence and
stop messages also go to the window's status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from gui.panels.data_panel import DataPanel
from gui.panels.training_panel import TrainingPanel
from gui.plots.activation_plot import ActivationPlot
from gui.plots.decision_map import DecisionMap
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from gui.training_runner import TrainingRunner

STATUS_MESSAGE_MS = 20_000


class TrainingDocks(QObject):
    """Builds the training docks on ``window`` (a MainWindow with ``_add_dock``)."""

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
        self._place()
        # the heavy views take turns during a run: the loss and gradient plots on one frame,
        # the output map (a forward pass over its grid) on the next
        self.loss_plot.take_turns(self.runner, 0)
        self.gradient_plot.take_turns(self.runner, 0)
        self.decision_map.take_turns(self.runner, 1)
        stepping = getattr(window, "stepping", None)
        if stepping is not None:  # the step-through waits while a run changes the weights
            self.runner.running_changed.connect(stepping.set_training_running)
        self.runner.diverged.connect(self._on_runner_message)
        self.runner.stopped.connect(self._on_runner_message)

    def _place(self):
        window = self._window
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.training_dock = window._add_dock("Training", "training_dock",
                                              self.training_panel, left)
        self.loss_dock = window._add_dock("Loss", "loss_dock", self.loss_plot, left)
        # split before tabifying: Qt adds a tab instead of a neighbour to a tabbed dock
        window.splitDockWidget(self.training_dock, self.loss_dock, Qt.Orientation.Vertical)
        self.data_dock = window._add_dock("Data", "data_dock", self.data_panel, left)
        window.tabifyDockWidget(self.training_dock, self.data_dock)
        self.gradient_dock = window._add_dock("Gradients", "gradient_dock",
                                              self.gradient_plot, left)
        self.activation_dock = window._add_dock("Activation", "activation_dock",
                                                self.activation_plot, left)
        window.tabifyDockWidget(self.loss_dock, self.gradient_dock)
        window.tabifyDockWidget(self.gradient_dock, self.activation_dock)
        self.training_dock.raise_()
        self.loss_dock.raise_()
        self.map_dock = window._add_dock("Output Map", "output_map_dock", self.decision_map,
                                         right)
        for dock in (self.training_dock, self.loss_dock, self.gradient_dock,
                     self.activation_dock, self.map_dock):
            # a plot in an unselected tab skips its updates and catches up when selected
            dock.visibilityChanged.connect(dock.widget().on_dock_visibility_changed)
        window.resizeDocks([self.training_dock], [360], Qt.Orientation.Horizontal)
        window.resizeDocks([self.training_dock, self.loss_dock], [430, 300],
                           Qt.Orientation.Vertical)

    def _on_runner_message(self, message: str):
        self._window.statusBar().showMessage(message, STATUS_MESSAGE_MS)
