"""Wide curves stroked on screen: the same pixels for a quarter of the time.

Qt strokes a cosmetic pen wider than one pixel (the gradient curves' 1.5 px, the epoch means'
2.5 px) about four times faster on points already mapped to the screen than through the view's
transform, as pyqtgraph draws them (3.1 ms against 0.9 ms for seven curves of 300 points): the
pixels are the same up to rounding (about 1 in 150 of a curve's pixels moves by one). The
mapping x′ = m11·x + m21·y + dx, y′ = m12·x + m22·y + dy is the painter's own (an affine
transform), applied to the points pyqtgraph would draw (log-mapped, thinned, step-shaped).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtGui import QPainter


def on_screen(transform, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points (x, y) in the painter's device pixels: its affine map x′ = m11·x + m21·y + dx,
    y′ = m12·x + m22·y + dy (a point with log10 0 = −inf becomes NaN: no point there)."""
    with np.errstate(invalid="ignore"):
        return (transform.m11() * x + transform.m21() * y + transform.dx(),
                transform.m12() * x + transform.m22() * y + transform.dy())


class ScreenCurveItem(pg.PlotCurveItem):
    """A PlotCurveItem that draws its wide plain segments in screen coordinates."""

    def paint(self, painter, option, widget):
        pen = self.opts["pen"]
        transform = painter.transform()
        if (self._exportOpts is not False or self.opts["fillLevel"] is not None
                or pen is None or not self._shouldUseDrawLineSegments(pen)
                or not transform.isAffine() or self.opts["compositionMode"] is not None):
            super().paint(painter, option, widget)  # anything else as pyqtgraph draws it
            return
        x, y = self.getData()
        if x is None or len(x) < 2:
            return
        if self.opts["stepMode"]:
            x, y = self._generateStepModeData(self.opts["stepMode"], x, y, baseline=None)
        screen_x, screen_y = on_screen(transform, x, y)
        segments = arrayToLineSegments(screen_x, screen_y, connect=self.opts["connect"],
                                       finiteCheck=not self.opts["skipFiniteCheck"],
                                       out=getattr(self, "_screen_segments", None))
        self._screen_segments = segments  # its buffer is used again next time
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen)
        painter.drawLines(*segments.drawargs())
        painter.restore()


def stroke_on_screen(item: pg.PlotDataItem) -> pg.PlotDataItem:
    """Give ``item`` a :class:`ScreenCurveItem` in place of its curve (nothing else changes:
    pen, data, legend, export)."""
    old, curve = item.curve, ScreenCurveItem()
    old.sigClicked.disconnect(item.sigClicked)
    old.setParentItem(None)
    if old.scene() is not None:  # (out of the plot, not left behind as a top-level item)
        old.scene().removeItem(old)
    curve.setParentItem(item)
    curve.sigClicked.connect(item.sigClicked)
    item.curve = curve
    item._keep_curve = old  # its Python side outlives the swap (shiboken owns nothing here)
    item.updateItems(styleUpdate=True)
    return item
