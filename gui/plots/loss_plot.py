"""The loss per training step, the mean of each epoch, and the test loss when there is a split.

"per sample" puts every curve on one scale, the mean loss of one sample Ē
(engine/training/per_sample.py): the batch losses, the test loss and, once per epoch, the loss
of the whole training set, whatever the reduction. Runs kept for comparison are drawn as
dashed ghosts (gui/plots/ghost_curves.py).

The curves are made once and updated in place with ``setData`` from ``History.series`` /
``epoch_means`` / ``test_series``, asking for no more points than the plot is wide, so a run of a
million steps costs the same to draw as one of a thousand. Log scale on by default.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel

from engine.training.per_sample import (
    epoch_means_per_sample,
    per_sample,
    step_losses_per_sample,
)
from gui.document import Document
from gui.plots.export import add_legend
from gui.plots.ghost_curves import GhostCurves
from gui.plots.history_plot import HistoryPlot
from gui.plots.light_curve import LightCurve, LightDots
from gui.style import BACKWARD, MUTED_TEXT, POSITIVE
from gui.training_runner import TrainingRunner

BATCH_COLOR = (120, 160, 205)  # the raw per-step loss: light, so the epoch means stand out
TRAIN_SET_COLOR = (40, 40, 40)
TRAIN_SET_DOT_SPACING = 8  # pixels between the whole-training-set dots, at least
TRAIN_SET_DOT_SIZE = 5  # pixels across
LEGEND_OFFSET = 10  # pixels between the legend and the corner of the plot it sits in


class LossPlot(HistoryPlot):
    """Loss E of each step's batch (before its update), each epoch's mean, and the test loss.

    An epoch's mean Ē = (1/k) Σ E over its k steps is drawn as a level line across the epoch,
    ending at the step that ended it.
    """

    def __init__(self, document: Document, runner: TrainingRunner, parent=None):
        super().__init__(QCoreApplication.translate("LossPlot", "Loss"), runner, document,
                         parent)
        self._create_curves()
        self.follow_runner()

    def _create_curves(self):
        item = self.plot_item
        item.setLabel("bottom", self.tr("training step"))
        item.setLabel("left", self.tr("loss E"))
        self.legend = add_legend(item, offset=(-LEGEND_OFFSET, LEGEND_OFFSET))
        self._legend_on_top = True
        self.start_following()  # the range moves in coarse jumps: axes rarely repaint
        # light curves: new data on every frame of a run (gui/plots/light_curve.py); the
        # data come thinned to the plot's width (History.series, the test series below)
        self.batch_curve = LightCurve(self.tr("loss of each step's batch"),
                                      pg.mkPen(BATCH_COLOR))
        self.epoch_curve = LightCurve(self.tr("mean of each epoch"),
                                      pg.mkPen(POSITIVE, width=2.5), step_mode="center")
        self.test_curve = LightCurve(self.tr("test loss"), pg.mkPen(BACKWARD, width=1.5))
        for curve in (self.batch_curve, self.epoch_curve, self.test_curve):
            item.addItem(curve)
        self.legend.removeItem(self.test_curve)
        self.test_curve.setVisible(False)
        self.empty_hint = QLabel(self.tr("— no steps yet: train to see the loss fall"))
        self.empty_hint.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        self.header.insertWidget(1, self.empty_hint)
        self.train_set_curve = LightDots(None, TRAIN_SET_COLOR, TRAIN_SET_DOT_SIZE)
        item.addItem(self.train_set_curve)
        self.train_set_curve.setVisible(False)
        self.per_sample_check = QCheckBox(self.tr("per sample"))
        self.per_sample_check.setToolTip(self.tr(
            "Every curve as the mean loss of one sample (Ē = E / batch size for \"sum\"): "
            "batch, test and whole-training-set losses on one scale"))
        self.add_header_widget(self.per_sample_check)
        self.per_sample_check.toggled.connect(self._on_scale_toggled)
        self.ghosts = GhostCurves(item, self.legend, "loss")
        self.ghost_runs = []
        self.per_sample_check.setChecked(True)  # one scale unless raw E is asked for

    def show_ghosts(self, runs) -> None:
        """Draw the runs kept for comparison (engine FrozenRun) as dashed curves."""
        self.ghost_runs = list(runs)
        self.ghosts.show(self.ghost_runs, self.per_sample_check.isChecked())

    def _on_scale_toggled(self, per_sample_scale: bool):
        self.plot_item.setLabel(
            "left", self.tr("loss per sample Ē (mean)") if per_sample_scale else self.tr("loss E"))
        self.ghosts.show(self.ghost_runs, per_sample_scale)
        self.forget_range()
        self.refresh()

    def _scaled(self, steps, loss, test_loss):
        """The batch and test losses as drawn: as recorded, or per-sample means."""
        data, network = self._document.data, self._document.network
        if not self.per_sample_check.isChecked() or data is None or len(data) == 0:
            return loss, test_loss
        batch = self._document.training.batch_size
        loss = step_losses_per_sample(steps, loss, network.reduction, len(data), batch)
        if len(test_loss) and data.has_test_split:
            test_loss = per_sample(test_loss, network.reduction, len(data.test_inputs))
        return loss, test_loss

    def _draw_train_set(self):
        """The whole training set's per-sample loss at each epoch end (per-sample scale)."""
        history, data = self._runner.history, self._document.data
        most = max(2, self.plot_width() // TRAIN_SET_DOT_SPACING)
        # full batches end an epoch every step: the dots would be a band; evenly spaced ones
        # instead, the newest always shown
        steps, losses = history.training_series(every=-(-history.training_count // most))
        shown = self.per_sample_check.isChecked() and len(steps) > 0 and data is not None
        if shown:
            losses = per_sample(losses, self._document.network.reduction, len(data))
            self.train_set_curve.setData(steps, losses)
        if shown != self.train_set_curve.isVisible():
            self.train_set_curve.setVisible(shown)
            if shown:
                self.legend.addItem(self.train_set_curve,
                                    self.tr("whole training set, at each epoch end"))
            else:
                self.legend.removeItem(self.train_set_curve)
        return losses if shown else np.array([])

    def refresh(self):
        """Redraw every curve from the run's record (at most ~plot-width points each)."""
        history = self._runner.history
        hidden = self.hidden_by_lesson()
        self.empty_hint.setText(self.tr("— hidden until you predict it (lesson)") if hidden
                                else self.tr("— no steps yet: train to see the loss fall"))
        self.empty_hint.setVisible(history.count == 0 or hidden)
        if history.count == 0 or hidden:
            for curve in (self.batch_curve, self.test_curve):
                curve.setData([], [])
            self.epoch_curve.setData([0.0], [])
            self._show_test_curve(False)
            self._hide_train_set()
            self.forget_range()
            return
        steps, loss, _ = history.series(self.plot_width())
        test_steps, test_loss = history.test_series()
        if len(test_steps) > 2 * self.plot_width():  # thin out: every k-th measurement
            k = len(test_steps) // self.plot_width()
            test_steps, test_loss = test_steps[::k], test_loss[::k]
        loss, test_loss = self._scaled(steps, loss, test_loss)
        self.batch_curve.setData(steps, loss)
        ends, means = self._epoch_means()
        # each mean spans its epoch: from the previous epoch's end (0 for the first) to its own
        self.epoch_curve.setData(np.concatenate([[0], ends]), means)
        self.test_curve.setData(test_steps, test_loss)
        self._show_test_curve(len(test_steps) > 0)
        self.follow(max(float(steps[-1]), self.ghosts.last_step()),
                    [loss, test_loss, self._draw_train_set(), *self.ghosts.values()])
        self._place_legend()

    def _place_legend(self):
        """The legend in the top or the bottom right corner: it moves when the curves run
        through the corner it is in and not through the other (a loss stuck high, as on the
        vanishing-gradient presets, ran behind the legend's text)."""
        view = self.plot_item.vb
        (x_low, x_high), (y_low, y_high) = view.viewRange()
        width, height = view.width(), view.height()
        if width <= 0 or height <= 0:
            return
        box = self.legend.boundingRect()
        left = x_high - (box.width() + LEGEND_OFFSET) / width * (x_high - x_low)
        tall = (box.height() + LEGEND_OFFSET) / height * (y_high - y_low)
        drawn = [curve.getData() for curve in (self.batch_curve, self.epoch_curve,
                                               self.test_curve, self.train_set_curve)
                 if curve.isVisible()]
        points = [(x, y) for x, y in drawn if y is not None]

        def crossed(low: float, high: float) -> bool:
            for x, y in points:
                x = x[-len(y):]  # a step curve's levels end at x[1:]
                if np.any((x >= left) & (y >= low) & (y <= high)):
                    return True
            return False

        boxes = {True: (y_high - tall, y_high), False: (y_low, y_low + tall)}
        here = self._legend_on_top
        # it stays where both or neither are crossed: no going back and forth
        if crossed(*boxes[here]) and not crossed(*boxes[not here]):
            top = self._legend_on_top = not here
            corner = (1, 0) if top else (1, 1)
            offset = (-LEGEND_OFFSET, LEGEND_OFFSET if top else -LEGEND_OFFSET)
            self.legend.anchor(corner, corner, offset)

    def _epoch_means(self):
        """Each epoch's mean: of E, or per sample with every sample weighing the same (a short
        last batch counts for its own samples only)."""
        history, data = self._runner.history, self._document.data
        if not self.per_sample_check.isChecked() or data is None or len(data) == 0:
            return history.epoch_means(self.plot_width())
        return epoch_means_per_sample(history, self._document.network.reduction, len(data),
                                      self._document.training.batch_size, self.plot_width())

    def _hide_train_set(self):
        if self.train_set_curve.isVisible():
            self.train_set_curve.setVisible(False)
            self.legend.removeItem(self.train_set_curve)

    def _show_test_curve(self, shown: bool):
        """The test curve and its legend entry only when there is a test split."""
        if shown == self.test_curve.isVisible():
            return
        self.test_curve.setVisible(shown)
        if shown:
            self.legend.addItem(self.test_curve, self.tr("test loss"))
        else:
            self.legend.removeItem(self.test_curve)
