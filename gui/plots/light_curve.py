"""A plot curve with a fraction of a PlotDataItem's work: the history plots' live curves.

During a run the loss and gradient plots replace each of their curves on each of 60 frames a
second. A pyqtgraph PlotDataItem does for each ``setData`` what these plots never need (thinning
and clipping already done by History.series, FFT, derivative and alpha modes, a cached path) and
cost about a tenth of a frame for seven layers. A :class:`LightCurve` keeps what the plots use of
one — its data as given (``getOriginalDataset``, the CSV export), its pen (``opts["pen"]``, also
the legend's sample), its name, the log mode the plot item hands to its items, bounds for the
view's auto-range, and pyqtgraph's "center" step mode (x has one more point than y: each y a
level from x[i] to x[i+1]) — and draws its points with one ``drawLines`` call in screen
coordinates (``screen_curve.on_screen``, the painter's own affine map; a one-pixel pen takes
Qt's fast line path, a wider one is stroked about four times faster than
through the view's transform). Points that are not finite (a zero on the log scale) break the
line, as pyqtgraph does.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import Qt as pg_qt
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from gui.plots.screen_curve import on_screen


class LightCurve(pg.GraphicsObject):
    """A curve ``y(x)`` of one pen, in the plot's log or linear y (a stand-in for the few
    PlotDataItem methods the history plots and pyqtgraph's plot item call)."""

    least_points = 2  # fewer draw nothing (a line needs two)

    def __init__(self, name: str | None, pen, step_mode: str | None = None):
        super().__init__()
        self.opts = {"pen": pg.mkPen(pen), "name": name, "stepMode": step_mode}
        self._x = self._y = None  # as a PlotDataItem: None until its first setData
        self._shown_y = None  # y as drawn: log10 y on a log axis
        self._log = False
        self._segments = None  # arrayToLineSegments' buffer, used again

    # ----- what the plot item and the exporters ask of a data item ------------------------------
    def name(self) -> str | None:
        return self.opts["name"]

    def implements(self, interface=None):
        interfaces = ["plotData"]
        return interfaces if interface is None else interface in interfaces

    def getOriginalDataset(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """x and y as given (the CSV export writes these); None before any."""
        return self._x, self._y

    def getData(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The points as drawn (log10 of y on a log axis)."""
        return self._x, self._shown_y

    def setData(self, x, y) -> None:
        """Show ``y`` (k,) over ``x`` (k,; k + 1 in step mode) (no points: no data, None, as
        a PlotDataItem)."""
        if len(y) == 0:
            self._x = self._y = self._shown_y = None
            self.informViewBoundsChanged()
            self.update()
            return
        self._x = np.asarray(x, dtype=np.float64)
        self._y = np.asarray(y, dtype=np.float64)
        self._map_y()

    def setLogMode(self, x_log: bool, y_log: bool) -> None:
        """The plot item's log switch (only y is ever logarithmic here)."""
        if y_log != self._log:
            self._log = y_log
            self._map_y()

    def _map_y(self) -> None:
        if self._y is None:
            return
        if self._log:
            with np.errstate(divide="ignore", invalid="ignore"):
                self._shown_y = np.log10(self._y)
        else:
            self._shown_y = self._y
        self.informViewBoundsChanged()
        self.update()

    # the plot's context menu asks every data item; none of these applies to a run's curve
    def setAlpha(self, alpha: float, auto: bool) -> None:
        self.setOpacity(alpha)

    def setFftMode(self, state: bool) -> None:
        """(No spectrum of a gradient norm: the curve stays as it is.)"""

    def setDownsampling(self, ds=None, auto=None, method=None) -> None:
        """(History.series already gives at most one point per pixel.)"""

    def setClipToView(self, state: bool) -> None:
        """(The view box clips its children.)"""

    def setPointMode(self, state) -> None:
        """(A line, never points.)"""

    # ----- geometry and drawing ------------------------------------------------------------------
    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        """The finite drawn points' (min, max) along ``ax`` (0: x, 1: y), for auto-range."""
        values = self._x if ax == 0 else self._shown_y
        if values is None:
            return None, None
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return None, None
        return float(finite.min()), float(finite.max())

    def boundingRect(self) -> QRectF:
        """The visible part of the view: the curve spans it, and the view box clips it."""
        view = self.viewRect()
        return QRectF() if view is None or self._drawn_points() < self.least_points else view

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        self.prepareGeometryChange()  # the bounding rect is the view's

    def _drawn_points(self) -> int:
        return 0 if self._x is None else len(self._x) + bool(self.opts["stepMode"])

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._drawn_points() < 2:
            return
        x, y = self._x, self._shown_y
        if self.opts["stepMode"]:  # level i from x[i] to x[i + 1]
            x, y = np.repeat(x, 2)[1:-1], np.repeat(y, 2)
        screen_x, screen_y = on_screen(painter.transform(), x, y)
        self._segments = arrayToLineSegments(screen_x, screen_y, connect="finite", finiteCheck=True,
                                             out=self._segments)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # as pyqtgraph's curves
        painter.setPen(self.opts["pen"])
        painter.drawLines(*self._segments.drawargs())
        painter.restore()


class LightDots(LightCurve):
    """Round dots of ``size`` pixels in ``color`` at the points, no line (the loss plot's whole
    training set at each epoch end): one ``drawPoints`` call with a round pen that wide, where a
    ScatterPlotItem rebuilt its spots on every new dot. Its ``opts`` give the legend a dot."""

    least_points = 1

    def __init__(self, name: str | None, color, size: float):
        super().__init__(name, None)
        self.opts.update(symbol="o", size=size, brush=pg.mkBrush(color))
        self._points = pg_qt.internals.PrimitiveArray(QPointF, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._drawn_points() == 0:
            return
        screen_x, screen_y = on_screen(painter.transform(), self._x, self._shown_y)
        finite = np.isfinite(screen_x) & np.isfinite(screen_y)
        self._points.resize(int(finite.sum()))
        memory = self._points.ndarray()
        memory[:, 0], memory[:, 1] = screen_x[finite], screen_y[finite]
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # round, as a symbol
        painter.setPen(QPen(self.opts["brush"].color(), self.opts["size"], Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawPoints(*self._points.drawargs())
        painter.restore()
