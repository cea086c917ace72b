"""The loss per training step, the mean of each epoch, and the test loss when there is a split.

The curves are made once and updated in place with ``setData`` from ``History.series`` /
``epoch_means`` / ``test_series``, asking for no more points than the plot is wide, so a run of a
million steps costs the same to draw as one of a thousand. Log scale on by default.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel

from gui.document import Document
from gui.plots.export import add_legend
from gui.plots.history_plot import HistoryPlot
from gui.style import BACKWARD, MUTED_TEXT, POSITIVE
from gui.training_runner import TrainingRunner

BATCH_COLOR = (120, 160, 205)  # the raw per-step loss: light, so the epoch means stand out


class LossPlot(HistoryPlot):
    """Loss E of each step's batch (before its update), each epoch's mean, and the test loss.

    An epoch's mean Ē = (1/k) Σ E over its k steps is drawn as a level line across the epoch,
    ending at the step that ended it.
    """

    def __init__(self, document: Document, runner: TrainingRunner, parent=None):
        super().__init__("Loss", runner, parent)
        self._document = document
        self._create_curves()
        self.follow_runner()

    def _create_curves(self):
        item = self.plot_item
        item.setLabel("bottom", "training step")
        item.setLabel("left", "loss E")
        self.legend = add_legend(item)
        self.start_following()  # the range moves in coarse jumps: axes rarely repaint
        self.batch_curve = item.plot(name="loss of each step's batch", pen=pg.mkPen(BATCH_COLOR))
        self.epoch_curve = item.plot(name="mean of each epoch", stepMode="center",
                                     pen=pg.mkPen(POSITIVE, width=2.5))
        self.test_curve = item.plot(name="test loss", pen=pg.mkPen(BACKWARD, width=1.5))
        for curve in (self.batch_curve, self.test_curve):  # (a step curve cannot be thinned)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        self.legend.removeItem(self.test_curve)
        self.test_curve.setVisible(False)
        self.empty_hint = QLabel("— no steps yet: train to see the loss fall")
        self.empty_hint.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        self.header.insertWidget(1, self.empty_hint)

    def refresh(self):
        """Redraw every curve from the run's record (at most ~plot-width points each)."""
        history = self._runner.history
        self.empty_hint.setVisible(history.count == 0)
        if history.count == 0:
            for curve in (self.batch_curve, self.test_curve):
                curve.setData([], [])
            self.epoch_curve.setData([0.0], [])
            self._show_test_curve(False)
            self.forget_range()
            return
        steps, loss, _ = history.series(self.plot_width())
        self.batch_curve.setData(steps, loss)
        ends, means = history.epoch_means(self.plot_width())
        # each mean spans its epoch: from the previous epoch's end (0 for the first) to its own
        self.epoch_curve.setData(np.concatenate([[0], ends]), means)
        test_steps, test_loss = history.test_series()
        if len(test_steps) > 2 * self.plot_width():  # thin out: every k-th measurement
            k = len(test_steps) // self.plot_width()
            test_steps, test_loss = test_steps[::k], test_loss[::k]
        self.test_curve.setData(test_steps, test_loss)
        self._show_test_curve(len(test_steps) > 0)
        self.follow(float(steps[-1]), [loss, test_loss])

    def _show_test_curve(self, shown: bool):
        """The test curve and its legend entry only when there is a test split."""
        if shown == self.test_curve.isVisible():
            return
        self.test_curve.setVisible(shown)
        if shown:
            self.legend.addItem(self.test_curve, "test loss")
        else:
            self.legend.removeItem(self.test_curve)
