"""Saving a plot as PNG, SVG or CSV, and the small frame (title, options, export) around a plot.

PNG and CSV use pyqtgraph's ImageExporter and CSVExporter. SVG is rendered with Qt's own
QSvgGenerator: pyqtgraph 0.14's SVGExporter cannot read the paths Qt 6.10+ writes
(pyqtgraph issue #3485, "not enough values to unpack"), so it fails on every plot here.
"""

from __future__ import annotations

import os

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QAction, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import ranges
from gui.style import TEXT

FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".csv": "CSV table of the plotted points"}


def export_plot(plot_item: pg.PlotItem, path: str) -> None:
    """Write ``plot_item`` to ``path``; the file's ending (.png, .svg, .csv) picks the format."""
    ending = os.path.splitext(path)[1].lower()
    if ending == ".png":
        pyqtgraph.exporters.ImageExporter(plot_item).export(path)
    elif ending == ".svg":
        _export_svg(plot_item, path)
    elif ending == ".csv":
        pyqtgraph.exporters.CSVExporter(plot_item).export(path)
    else:
        raise ValueError(f"{path}: unknown format {ending!r} (use .png, .svg or .csv)")


def _export_svg(plot_item: pg.PlotItem, path: str) -> None:
    source = plot_item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(plot_item.titleLabel.text or "plot")
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()


def styled_plot_widget() -> pg.PlotWidget:
    """A white plot with dark axes and a light grid, downsampling/clipping left to curves."""
    widget = pg.PlotWidget(background="w")
    item = widget.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(TEXT))
        axis.setTextPen(pg.mkPen(TEXT))
        axis.enableAutoSIPrefix(False)  # "(x0.001)" after a log axis' label only confuses
    # no grid: pyqtgraph draws it with the axes, which then repaint with every curve update
    return widget


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ value (value > 0): a round axis end."""
    decade = 10.0 ** np.floor(np.log10(value))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * decade >= value:
            return factor * decade
    return 10.0 * decade


def add_legend(plot_item: pg.PlotItem, offset=(-10, 10)) -> pg.LegendItem:
    """A legend with dark text on a faint white box, readable over the curves."""
    return plot_item.addLegend(
        offset=offset, labelTextColor=TEXT, brush=pg.mkBrush(255, 255, 255, 200)
    )


class PlotFrame(QWidget):
    """A plot with a header row: its title, optional controls, and an Export menu.

    Subclasses draw in :meth:`refresh` and call :meth:`request_refresh` from their slots: a
    plot in a hidden tab does no work during a run and catches up when it is shown. (Qt keeps
    a dock in an unselected tab "visible" but moved out of sight, so what counts is whether any
    of it is on screen; its dock's ``visibilityChanged`` tells when its tab is selected.)
    """

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self._stale = False
        self._pacer = None  # (runner, turn): during a run, redraw only on that turn's frames
        self._follow = False  # set by start_following(): the plot sets its own range
        self._x_high = None
        self._y_span = None
        self.plot_widget = styled_plot_widget()
        self.plot_item = self.plot_widget.getPlotItem()
        self.title_label = QLabel(f"<b>{title}</b>")
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for ending, what in FORMATS.items():
            action = QAction(f"Save as {what}…", menu)
            action.setData(ending)
            menu.addAction(action)
        menu.triggered.connect(self._on_export_chosen)
        self.export_button.setMenu(menu)
        self.export_menu = menu
        self.header = QHBoxLayout()
        self.header.addWidget(self.title_label)
        self.header.addStretch(1)
        self.header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(self.header)
        layout.addWidget(self.plot_widget, 1)

    def refresh(self) -> None:
        """Redraw from the document/runner (subclasses)."""

    @property
    def on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def request_refresh(self) -> None:
        if self.skips_frame():
            return
        if self.on_screen:
            self.refresh()
        else:
            self._stale = True

    def take_turns(self, runner, turn: int) -> None:
        """During ``runner``'s runs redraw only on frames of ``turn`` (see
        ``TrainingRunner.skips_frame``): the plots share out a frame's cost."""
        self._pacer = (runner, turn)

    def running(self) -> bool:
        """Whether the runner it takes turns with is in a run."""
        return self._pacer is not None and self._pacer[0].is_running

    def skips_frame(self) -> bool:
        """This frame of a run is another view's turn (the next frame is this one's)."""
        return self._pacer is not None and self._pacer[0].skips_frame(self._pacer[1])

    def on_dock_visibility_changed(self, shown: bool) -> None:
        """Its dock's tab was selected (True) or another tab was (False)."""
        if shown:
            QTimer.singleShot(0, self._catch_up)  # once the dock has its place on screen

    def showEvent(self, event):
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self):
        if self._stale and self.on_screen:
            self._stale = False
            self.refresh()

    def start_following(self) -> None:
        """From now on :meth:`follow` sets the range, until the learner pans or zooms."""
        view = self.plot_item.vb
        view.disableAutoRange()
        view.sigRangeChangedManually.connect(self._on_range_changed_manually)
        view.sigStateChanged.connect(self._on_auto_range_requested)  # pyqtgraph's "A" button
        self._follow = True

    def follow(self, x_last: float, values: list[np.ndarray]) -> None:
        """Show steps 0…x_last and every value, changing the range only in coarse jumps.

        Fixed ranges keep the axes from repainting on every frame (most of a plot's cost):
        x grows to the next 1-2-5 number with room to spare, y (log) to whole decades.
        """
        if not self._follow:
            return
        view = self.plot_item.vb
        if self._x_high is None or not self._x_high / 4 <= x_last <= self._x_high:
            self._x_high = nice_ceiling(max(x_last, 1.0) * 1.25)
            view.setXRange(0, self._x_high, padding=0)
        finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.array([])
        log = self.plot_item.ctrl.logYCheck.isChecked()
        if log:
            finite = finite[finite > 0]
        if finite.size == 0:
            return
        low, high = float(finite.min()), float(finite.max())
        if log:
            span = (np.floor(np.log10(low)), np.ceil(np.log10(high)))
            if span[1] <= span[0]:
                span = (span[0], span[0] + 1)
        else:
            span = self._y_span
            inside = span is not None and span[0] <= low and high <= span[1]
            if not inside or (high - low) < (span[1] - span[0]) / 3:
                span = ranges.widened(low, high, 0.1, 0.5 * abs(high) or 1.0)
        if span != self._y_span and ranges.plottable(*span):  # else (beyond ±1e307) keep the last
            self._y_span = span
            view.setYRange(*span, padding=0.02)

    def forget_range(self) -> None:
        """The next :meth:`follow` chooses a fresh range (a new run, a log toggle)."""
        self._x_high = self._y_span = None

    def _on_range_changed_manually(self, *_):
        self._follow = False  # the learner zoomed or panned: leave the view to them

    def _on_auto_range_requested(self, *_):
        if self.plot_item.vb.autoRangeEnabled()[0]:
            self.plot_item.vb.disableAutoRange()
            self._follow = True
            self.forget_range()
            self.refresh()

    def add_export_action(self, text: str, slot) -> QAction:
        """An extra entry in the Export menu (e.g. every step of the run as CSV)."""
        action = QAction(text, self.export_menu)
        action.triggered.connect(slot)
        self.export_menu.addAction(action)
        return action

    def add_header_widget(self, widget: QWidget) -> None:
        """Place an option (a check box, a combo) before the Export button."""
        self.header.insertWidget(self.header.count() - 1, widget)

    def export(self, path: str) -> None:
        export_plot(self.plot_item, path)

    def plot_width(self) -> int:
        """The plot's width in pixels: no curve needs more points than this."""
        return max(200, int(self.plot_item.vb.width()) or self.plot_widget.width())

    def _on_export_chosen(self, action: QAction):
        ending = action.data()
        if ending is None:  # an entry a subclass added, with its own handler
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export plot", f"plot{ending}", f"{FORMATS[ending]} (*{ending})"
        )
        if path:
            if not path.lower().endswith(ending):
                path += ending
            self.export(path)
