"""Per-layer gradient magnitude ‖∂E/∂W‖_F at every step: one line per layer, log scale.

With sigmoids the first layers' lines sit far below the last layer's (each layer back multiplies
by f′ ≤ 0.25: the vanishing gradient of the notes); with ReLU they stay together. Colours run
from dark (layer 1, nearest the input) to light (the output layer), so depth reads as brightness.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.document import Document
from gui.plots.export import add_legend
from gui.plots.history_plot import HistoryPlot
from gui.training_runner import TrainingRunner

LEGEND_ROWS = 5  # entries a legend column holds before another column starts
COLOR_MAP = "viridis"
COLOR_RANGE = (0.0, 0.85)  # viridis' last yellows are hard to see on white


def layer_colors(count: int) -> list:
    """``count`` colours from dark to light along viridis, one per layer."""
    colormap = pg.colormap.get(COLOR_MAP)
    positions = np.linspace(*COLOR_RANGE, max(count, 1)) if count > 1 else [COLOR_RANGE[0]]
    return [colormap.map(p, mode="qcolor") for p in positions][:count]


class GradientPlot(HistoryPlot):
    """One curve per layer of the per-step Frobenius norm of ∂E/∂W, from the engine History."""

    def __init__(self, document: Document, runner: TrainingRunner, parent=None):
        super().__init__("Gradient magnitude per layer  ‖∂E/∂W‖", runner, parent)
        self._document = document
        self.curves: list[pg.PlotDataItem] = []
        item = self.plot_item
        item.setLabel("bottom", "training step")
        item.setLabel("left", "‖∂E/∂W‖")
        self.legend = add_legend(item)
        self.start_following()  # the range moves in coarse jumps: axes rarely repaint
        self.follow_runner()

    def _make_curves(self, count: int):
        """One curve per layer, made only when the number of layers changes."""
        for curve in self.curves:
            self.plot_item.removeItem(curve)
        self.legend.clear()
        self.curves = []
        last = count - 1
        for index, color in enumerate(layer_colors(count)):
            name = f"layer {index + 1}" + (" (output)" if index == last and count > 1 else "")
            curve = self.plot_item.plot(name=name, pen=pg.mkPen(color, width=1))
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self.curves.append(curve)
        # a deep network's legend in columns, so every layer's entry fits beside the curves
        self.legend.setColumnCount(1 if count <= LEGEND_ROWS else -(-count // LEGEND_ROWS))

    def refresh(self):
        history = self._runner.history
        if len(self.curves) != history.n_layers:
            self._make_curves(history.n_layers)
        if history.count == 0:
            for curve in self.curves:
                curve.setData([], [])
            self.forget_range()
            return
        steps, _, grad_norms = history.series(self.plot_width())
        for index, curve in enumerate(self.curves):
            curve.setData(steps, grad_norms[:, index])
        self.follow(float(steps[-1]), [grad_norms.ravel()])
