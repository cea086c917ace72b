"""Saving a plot as PNG, SVG or CSV, and the plot widget's common style (gui/plots/plot_frame.py
puts the frame around it).

PNG and CSV use pyqtgraph's ImageExporter and CSVExporter. SVG is rendered with Qt's own
QSvgGenerator: pyqtgraph 0.14's SVGExporter cannot read the paths Qt 6.10+ writes
(pyqtgraph issue #3485, "not enough values to unpack"), so it fails on every plot here.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from gui.style import LABEL_BACKGROUND, TEXT

TICK_LENGTH = 5  # pixels, outward (pyqtgraph's are inward)
FORMATS = {  # translated where shown, in the context "PlotFrame"
    ".png": QT_TRANSLATE_NOOP("PlotFrame", "PNG image"),
    ".svg": QT_TRANSLATE_NOOP("PlotFrame", "SVG drawing"),
    ".csv": QT_TRANSLATE_NOOP("PlotFrame", "CSV table of the plotted points"),
}


def export_plot(plot_item: pg.PlotItem, path: str) -> None:
    """Write ``plot_item`` to ``path``; the file's ending (.png, .svg, .csv) picks the format."""
    ending = os.path.splitext(path)[1].lower()
    if ending == ".png":
        with _uncached(plot_item):
            pyqtgraph.exporters.ImageExporter(plot_item).export(path)
    elif ending == ".svg":
        with _uncached(plot_item):
            _export_svg(plot_item, path)
    elif ending == ".csv":
        pyqtgraph.exporters.CSVExporter(plot_item).export(path)
    else:
        raise ValueError(f"{path}: unknown format {ending!r} (use .png, .svg or .csv)")


@contextmanager
def _uncached(plot_item: pg.PlotItem):
    """Items drawn from their pixel cache on screen (the axes) drawn for real while exporting:
    text and lines in an SVG, not a picture of them, and sharp at a PNG's own scale."""
    cached = [(item, item.cacheMode()) for item in plot_item.scene().items()
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _ in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def _export_svg(plot_item: pg.PlotItem, path: str) -> None:
    source = plot_item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(plot_item.titleLabel.text or QCoreApplication.translate("PlotFrame", "plot"))
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()


class PlotAxis(pg.AxisItem):
    """pyqtgraph's axis, except on a log scale spanning about one decade: there pyqtgraph puts
    every 1…9 × 10ᵏ in one level of labelled ticks, and 0.6, 0.7, 0.8, 0.9 and 1 touched. Here
    1, 2 and 5 × 10ᵏ are the labelled level and the others a second level, labelled only where
    the axis has room (its text fill limits)."""

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        if not self.logMode or len(levels) != 1:
            return levels
        spacing, values = levels[0]
        values = np.asarray(values, dtype=float)
        mantissas = np.round(10.0 ** (values - np.floor(values + 1e-9)), 6)
        round_ones = np.isin(mantissas, (1.0, 2.0, 5.0, 10.0))
        if round_ones.all() or not round_ones.any():
            return levels
        return [(spacing, values[round_ones].tolist()), (spacing, values[~round_ones].tolist())]


def styled_plot_widget() -> pg.PlotWidget:
    """A white plot with dark axes and a light grid, downsampling/clipping left to curves."""
    widget = pg.PlotWidget(background="w", axisItems={name: PlotAxis(name)
                                                      for name in ("left", "bottom")})
    item = widget.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(TEXT))
        axis.setTextPen(pg.mkPen(TEXT))
        axis.enableAutoSIPrefix(False)  # "(x0.001)" after a log axis' label only confuses
        axis.setStyle(tickLength=TICK_LENGTH)
        # drawn once into a pixmap and blitted: a curve's update touches an axis' edge and made
        # it replay its whole picture on every frame of a run (export draws it for real)
        axis.setCacheMode(axis.CacheMode.DeviceCoordinateCache)
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
    """A legend with dark text on a white box (the canvas labels' own), readable over curves
    that run behind it (pyqtgraph's PlotItem.addLegend, with a :class:`CachedLegend`)."""
    if plot_item.legend is None:
        plot_item.legend = CachedLegend(offset=offset, labelTextColor=TEXT,
                                        brush=pg.mkBrush(LABEL_BACKGROUND))
        plot_item.legend.setParentItem(plot_item.vb)
    return plot_item.legend


class CachedLegend(pg.LegendItem):
    """A legend whose box, samples and labels are drawn once into pixmaps and blitted: the
    curves behind it change on every frame of a run, and its rich-text labels cost the most of
    a plot's redraw (export draws them for real)."""

    def __init__(self, **options):
        super().__init__(**options)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def addItem(self, item, name) -> None:
        super().addItem(item, name)
        for sample, label in self.items:
            for part in (sample, label, label.item):
                part.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
