"""Runs kept for comparison drawn as ghosts: dashed, muted curves named in the legend.

On the loss plot one dashed curve per kept run (its loss as the plot shows the live one: E, or
the per-sample mean Ē when the plot is per sample); on the gradient plot one dashed curve per
layer per run, the first layer's named in the legend. The numbers come from
``engine.training.comparison.FrozenRun``.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.training.comparison import FrozenRun
from gui.plots.export import add_legend

GHOST_COLORS = ((150, 150, 150), (190, 130, 170), (120, 170, 140), (200, 160, 100))


def ghost_pen(index: int, width: float = 1.6):
    return pg.mkPen(GHOST_COLORS[index % len(GHOST_COLORS)], width=width,
                    style=Qt.PenStyle.DashLine)


class GhostCurves:
    """The kept runs' curves on one plot (``kind``: "loss" or "gradient")."""

    def __init__(self, plot_item: pg.PlotItem, legend, kind: str):
        self._item, self._legend, self._kind = plot_item, legend, kind
        self.curves: list[pg.PlotDataItem] = []

    def show(self, runs: list[FrozenRun], per_sample: bool = False) -> None:
        """Draw ``runs`` (replacing what was drawn)."""
        for curve in self.curves:
            if self._legend is not None:
                self._legend.removeItem(curve)
            self._item.removeItem(curve)
        self.curves = []
        if self._legend is None and runs:  # a legend of the ghosts alone
            self._legend = add_legend(self._item)
            self._legend.clear()
            self._item.legend = None  # the plot's own curves never join it
        for index, run in enumerate(runs):
            if self._kind == "loss":
                values = [run.sample_loss if per_sample else run.loss]
            else:
                values = [run.grad_norms[:, layer] for layer in range(run.grad_norms.shape[1])]
            for number, y in enumerate(values):
                curve = pg.PlotDataItem(run.steps, y, pen=ghost_pen(index))
                curve.setZValue(-5)  # behind the live run
                self._item.addItem(curve)
                if number == 0 and self._legend is not None:
                    self._legend.addItem(curve, run.name)
                self.curves.append(curve)

    def values(self) -> list:
        """The drawn y values (for the plot's range)."""
        return [curve.getOriginalDataset()[1] for curve in self.curves]

    def last_step(self) -> float:
        return max((float(curve.getOriginalDataset()[0][-1]) for curve in self.curves
                    if len(curve.getOriginalDataset()[0])), default=0.0)
