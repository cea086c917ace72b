"""Gradient by depth: every layer's ‖∂E/∂W‖ now, as bars from the input side (left) to the
output layer (right), with a dash at each layer's value at the run's first step and a diamond
at one sample's share now (the mean over the samples of ‖∂Eᵢ/∂W⁽ˡ⁾‖,
engine.analysis.diagnostics.sample_gradient_norms).

Why the diamonds: on vanishing-sigmoid the network learns the average target within about 150
full-batch steps; there the samples' shares of ∂E/∂W cancel, every bar drops to about 1e-6 and
the fan is gone from the bars, although each sample's error signal still shrinks by σ′ at every
layer. The diamonds show that signal, which no cancellation hides: the fan from output to input
stays visible however long the run (e.g. in a screenshot two seconds in), while the bars keep
telling what training actually receives.

On a log axis a vanishing gradient is a fan: with sigmoids each layer back multiplies δ by
f′ ≤ 0.25, so the bars (and the first step's dashes) fall by a roughly constant factor from the
output to the input; with ReLU they stay level. The bars take the layer colours of the curves
over time (:func:`layer_colors`), so the depth axis doubles as their legend.

Drawn in the plot's own coordinates: on the log axis a bar spans log10 ‖∂E/∂W‖ down to far
below any visible range (a bar has no natural bottom on a log axis); on the linear axis it
starts at 0. The y range is the curves' (:meth:`DepthPlot.follow_y`), so a bar's top lines
up with its curve's last point.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.plots.export import styled_plot_widget
from gui.style import TEXT

COLOR_MAP = "viridis"  # sequential and colour-blind safe: depth reads as brightness
COLOR_RANGE = (0.0, 0.85)  # viridis' last yellows are hard to see on white
BAR_WIDTH = 0.7  # of the one-layer spacing
FLOOR = -300.0  # log10 of a bar's bottom on the log axis: below every visible range
FIRST_STEP_PEN = pg.mkPen(TEXT, width=2, style=Qt.PenStyle.DashLine)


def layer_colors(count: int) -> list:
    """``count`` QColors from dark (layer 1, nearest the input) to light (the output layer)."""
    colormap = pg.colormap.get(COLOR_MAP)
    positions = np.linspace(*COLOR_RANGE, count) if count > 1 else [COLOR_RANGE[0]]
    return [colormap.map(p, mode="qcolor") for p in positions][:count]


def layer_ticks(count: int) -> list[tuple[int, str]]:
    """The depth axis' labels at x = 1 … L: the layer numbers, the last "out" (the output)."""
    output = QCoreApplication.translate("DepthPlot", "out")
    return [(index, str(index) if index < count or count == 1 else output)
            for index in range(1, count + 1)]


class DepthPlot(QWidget):
    """Bars of ‖∂E/∂W⁽ˡ⁾‖ for l = 1 … L (now) and dashes at the run's first step's values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = styled_plot_widget()
        self.plot_item = item = self.plot_widget.getPlotItem()
        item.setMouseEnabled(x=False, y=False)  # the range is the curves' (see link_y)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.vb.disableAutoRange()
        item.setLabel("bottom", self.tr("layer (– – step 1, ◆ sample)"))
        self.setToolTip(self.tr(
            "Bars: ‖∂E/∂W‖ of each layer now. Dashes: at the run's first step. Diamonds: one "
            "sample's share, the mean over the samples of ‖∂Eᵢ/∂W‖, which the samples cannot "
            "cancel: the fan from output to input stays visible after the bars have merged."))
        item.getAxis("bottom").setStyle(hideOverlappingLabels=12)  # "out" may reach past the end
        self.bars = pg.BarGraphItem(x=[], y0=[], y1=[], width=BAR_WIDTH, pen=pg.mkPen(None))
        self.first_step_marks = pg.PlotCurveItem(connect="pairs", pen=FIRST_STEP_PEN)
        item.addItem(self.bars, ignoreBounds=True)
        item.addItem(self.first_step_marks, ignoreBounds=True)
        self.sample_marks = pg.ScatterPlotItem(symbol="d", size=11, pen=pg.mkPen(TEXT))
        item.addItem(self.sample_marks, ignoreBounds=True)
        for marks in (self.first_step_marks, self.sample_marks):
            # they change a few times a second while the bars change on every frame of a
            # run: drawn into a pixmap once and blitted (export draws them for real)
            marks.setCacheMode(marks.CacheMode.DeviceCoordinateCache)
        self._brushes: list = []
        self.ticks: list[tuple[int, str]] = []  # the depth axis' (x, label): the curves' legend
        self._log = False
        self._drawn_first = self._drawn_samples = None  # (norms, log) the marks show now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    @property
    def count(self) -> int:
        return len(self._brushes)

    def follow_y(self, plot_item: pg.PlotItem) -> None:
        """Show the y range of ``plot_item`` (the curves over time), always the same values
        (pyqtgraph's own y link would align the two by screen position instead)."""
        plot_item.vb.sigYRangeChanged.connect(self._on_y_range_changed)
        self._on_y_range_changed(plot_item.vb, plot_item.vb.viewRange()[1])

    def _on_y_range_changed(self, _view, y_range) -> None:
        self.plot_item.vb.setYRange(*y_range, padding=0)

    def set_layers(self, colors: list) -> None:
        """One bar per colour, layer 1 first; the depth axis labelled 1 … L."""
        count = len(colors)
        self._brushes = [pg.mkBrush(color) for color in colors]
        self.ticks = layer_ticks(count)
        self.plot_item.getAxis("bottom").setTicks([self.ticks])
        self.plot_item.vb.setXRange(0.4, count + 0.6, padding=0)
        self.draw_norms(None, None, self._log)

    def draw_norms(self, now, first_step, log: bool, samples=None) -> None:
        """Bars at ``now`` (L,), dashes at ``first_step`` (L,), diamonds at ``samples`` (L,)
        (one sample's share); None draws nothing."""
        if log != self._log:
            self._log = log
            self.plot_item.setLogMode(y=log)  # the axis labels 10^k (the items are placed here)
        if now is None or self.count == 0:
            self.bars.setOpts(x=[], y0=[], y1=[], brushes=[])
            self.first_step_marks.setData([], [])
            self.sample_marks.setData([], [])
            self._drawn_first = self._drawn_samples = None
            return
        x = np.arange(1, self.count + 1, dtype=np.float64)
        if samples is None or len(samples) != self.count:
            self.sample_marks.setData([], [])
            self._drawn_samples = None
        elif not self._same(self._drawn_samples, samples, log):
            # (the shares change ten times a second, not every frame; the scatter's setData
            # is the depth view's dearest call)
            self._drawn_samples = (np.array(samples, dtype=np.float64), log)
            tops = self._heights(samples, log)
            shown = tops > FLOOR
            self.sample_marks.setData(x[shown], tops[shown],
                                      brush=[b for b, s in zip(self._brushes, shown,
                                                               strict=True) if s])
        self.bars.setOpts(x=x, y0=FLOOR if log else 0.0, y1=self._heights(now, log),
                          brushes=self._brushes)
        if first_step is None:
            self.first_step_marks.setData([], [])
            self._drawn_first = None
            return
        if self._same(self._drawn_first, first_step, log):
            return  # the run's first step does not change during the run
        self._drawn_first = (np.array(first_step, dtype=np.float64), log)
        tops = self._heights(first_step, log)
        shown = tops > FLOOR
        half = BAR_WIDTH / 2
        ends = np.column_stack([x[shown] - half, x[shown] + half]).ravel()
        self.first_step_marks.setData(ends, np.repeat(tops[shown], 2))

    @staticmethod
    def _same(drawn, norms, log: bool) -> bool:
        """Whether ``drawn`` ((values, log) or None) already shows ``norms`` on that scale."""
        return drawn is not None and drawn[1] == log and np.array_equal(drawn[0], norms)

    @staticmethod
    def _heights(norms, log: bool) -> np.ndarray:
        """The bars' tops in the plot's coordinates: log10 ‖∂E/∂W‖ (a zero norm: no bar) or
        the norm itself."""
        norms = np.asarray(norms, dtype=np.float64)
        if not log:
            return norms
        with np.errstate(divide="ignore"):
            return np.maximum(np.log10(norms), FLOOR)
