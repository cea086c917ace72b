"""What the network learned: its output over the input plane, with the data on top.

For a 2-input network a heat map of the output (engine/analysis/landscape.py, one batched forward
pass over a grid) in a diverging blue/white/orange map — white where the output is halfway, the
decision boundary of a sigmoid or tanh output — with the samples drawn over it coloured by
class. Clicking adds a sample (left: class 1, right: class 0, or the class chosen in the
header), shift-click removes the nearest one; both through ``document.set_data`` (undoable).
For 1 input the network's function x → output is drawn over the samples instead.

Colours: blue and orange mean a value's sign or high/low everywhere in the window (a weight on
the canvas, the output on this map, a 0/1 target as low/high), never a class. The classes of a
network with several outputs (one per output neuron) get colours of their own, none of them
blue or orange, and the header's menu names exactly those classes as the canvas names their
output neurons (their labels, e.g. "class A").
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLabel

from engine.analysis import diagnostics, landscape, ranges
from engine.errors import NetworkError
from engine.model.activations import get_activation
from engine.model.experiment import Dataset
from gui.document import Document
from gui.frame_clock import FrameClock
from gui.lesson_hidden import LessonHidden
from gui.plots.map_points import point_spots
from gui.plots.plot_frame import PlotFrame
from gui.plots.screen_curve import stroke_on_screen
from gui.style import MUTED_TEXT, NEGATIVE, POSITIVE

RESOLUTION = 80  # grid points along the longer side when the view's size is not known yet
PIXELS_PER_CELL = 5  # the map's grid follows the view's size: one cell per 5×5 pixels…
RUN_CELL_FACTOR = 2  # …twice that during a training run (30 frames/s need the time)
MAX_CELLS = 120  # …but at most this many along a side (a grid costs one forward pass)
PICK_RADIUS = 12  # pixels: shift-click removes a sample this close
COLORBAR_MARGIN = 7  # pixels above and below the colour bar, for its end labels
# the classes of a several-output network: no blue nor orange (those mean signs and values)
CLASS_COLORS = ("#1b7837", "#762a83", "#d01c8b", "#01665e", "#8c510a", "#4d4d4d", "#7fbc41",
                "#9970ab", "#35978f", "#c51b7d")


def diverging_map() -> pg.ColorMap:
    """Orange (low) → white (middle) → blue (high): the project's sign colours."""
    return pg.ColorMap([0.0, 0.5, 1.0], [NEGATIVE, pg.mkColor("w"), POSITIVE])


class DecisionMap(PlotFrame):
    """The output map (2 inputs) or curve (1 input) of the document's network, live."""

    def __init__(self, document: Document, parent=None):
        super().__init__(QCoreApplication.translate("DecisionMap", "What the network computes"),
                         FrameClock.of(document), parent)
        self._document = document
        self._x_range = self._y_range = (-1.0, 1.0)
        self._too_wide = ""  # why the data cannot be drawn (a span beyond the largest float)
        self.current: landscape.Landscape | landscape.OutputCurve | None = None
        self._lesson = LessonHidden.of(document)  # a lesson may hide the output: no map then
        self._create_items()
        self.click_combo = QComboBox()
        self.click_combo.setToolTip(
            self.tr("What a click on the map adds; shift-click removes a sample"))
        self.add_header_widget(self.click_combo)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        self.note.setWordWrap(True)
        self.layout().addWidget(self.note)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)  # coalesce a burst of changes into one redraw
        self._redraw_timer.timeout.connect(self.redraw)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot_item.vb.sigRangeChanged.connect(self._on_view_range_changed)
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._on_data_changed)
        document.structure_changed.connect(self._on_data_changed)
        document.experiment_replaced.connect(self._on_data_changed)
        self._lesson.changed.connect(self._request_redraw)
        self._on_data_changed()

    def _create_items(self):
        item = self.plot_item
        item.setMenuEnabled(False)  # right click adds a class-0 sample instead
        item.vb.setMenuEnabled(False)
        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.image_item.setLookupTable(diverging_map().getLookupTable(nPts=256))
        item.addItem(self.image_item)
        self.curve_items: list[pg.PlotDataItem] = []
        self.train_points = pg.ScatterPlotItem(size=10, pen=pg.mkPen("w", width=1.5))
        self.test_points = pg.ScatterPlotItem(size=9, symbol="t", brush=pg.mkBrush(None))
        for points in (self.train_points, self.test_points):
            # the dots stay while the map under them changes on every frame of a run: drawn
            # once into a pixmap, then blitted (export draws them for real: plots/export.py)
            points.setCacheMode(points.CacheMode.DeviceCoordinateCache)
            item.addItem(points)
        self.colorbar = pg.ColorBarItem(colorMap=diverging_map(), interactive=False, width=12)
        self.colorbar.setImageItem(self.image_item, insert_in=item)
        # room above and below the bar: its end labels (0 and 1.0) are centred on its ends
        self.colorbar.layout.setContentsMargins(0, COLORBAR_MARGIN, 0, COLORBAR_MARGIN)
        # in the view's own pixels (top middle, clear of the dots), not the data's: why no map
        self.hidden_text = pg.TextItem(self.tr("Hidden until you predict it (lesson)"),
                                       color=MUTED_TEXT, anchor=(0.5, 0.0))
        self.hidden_text.setParentItem(item.vb)
        item.vb.sigResized.connect(
            lambda view: self.hidden_text.setPos(view.rect().center().x(), 4.0))

    # ----- document → view ---------------------------------------------------------------------
    def _on_weights_changed(self, layer: int = -1):
        if not self.on_screen:
            self.frames.dirty = True
        elif layer == -1 and self.frames.skips_frame():
            return  # a frame of a run on another view's turn: the next frame redraws
        elif layer == -1:  # every layer at once (a frame of a run, an undo): redraw now,
            self._redraw_timer.stop()  # within the frame that told it, not one pass later
            self.redraw()
        else:
            self._request_redraw()

    def _request_redraw(self):
        """Redraw once the current burst of changes (a drag, a zoom) is over."""
        if not self.on_screen:
            self.frames.dirty = True
        elif not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def refresh(self):
        self.redraw()

    def class_names(self) -> list[str]:
        """The classes a click can add: one per output neuron, named by its label as on the
        canvas (else "class c"), or classes 0 and 1 of a single output."""
        network = self._document.network
        if network.output_size == 1:
            return [self.tr("class 0"), self.tr("class 1")]
        labels = (network.layers[-1].labels if network.layers else None) or []
        return [labels[c] if c < len(labels) and labels[c] else self.tr("class {c}").format(c=c)
                for c in range(network.output_size)]

    def _fill_click_combo(self):
        """The header's menu: left/right click, then one "any click" entry per class."""
        names = self.class_names()
        chosen = self.click_combo.currentIndex()
        choices = [self.tr("left click: {one}, right: {zero}").format(one=names[1],
                                                                      zero=names[0])]
        choices += [self.tr("any click: {name}").format(name=name) for name in names]
        if [self.click_combo.itemText(i) for i in range(self.click_combo.count())] != choices:
            self.click_combo.clear()
            self.click_combo.addItems(choices)
            self.click_combo.setCurrentIndex(chosen if 0 <= chosen < len(choices) else 0)

    def class_colors(self) -> list:
        """A colour per class: a single output's low/high (orange/blue, as its value on the
        map), else the class colours (never the sign pair)."""
        if self._document.network.output_size == 1:
            return [pg.mkColor(NEGATIVE), pg.mkColor(POSITIVE)]
        return [pg.mkColor(c) for c in CLASS_COLORS]

    def _on_data_changed(self):
        """New data or structure: new plane ranges, new points, then the map."""
        self._fill_click_combo()
        data, network = self._document.data, self._document.network
        inputs = None if data is None else _all_inputs(data)
        if inputs is not None and inputs.shape[1] == network.input_size and len(inputs):
            self._x_range = landscape.data_range(inputs[:, 0])
            if network.input_size == 2:
                self._y_range = landscape.data_range(inputs[:, 1])
        self._too_wide = self._span_beyond_floats(data, network)
        self._draw_points()
        self.redraw()
        if self._too_wide:
            return
        self.plot_item.vb.setRange(xRange=self._x_range,
                                   yRange=self._y_range if network.input_size == 2 else None,
                                   padding=0)
        # the input plane at its true shape (a circle stays round); a curve fills the view
        self.plot_item.vb.setAspectLocked(network.input_size == 2)
        if network.input_size != 2:
            self.plot_item.vb.enableAutoRange(axis="y")

    def redraw(self):
        """Recompute the landscape from the engine and update the image/curves in place."""
        network = self._document.network
        self.current = None
        hidden = self._lesson.hides_output and not self._too_wide
        self.hidden_text.setVisible(hidden)
        if self._too_wide:
            self._show_nothing(self._too_wide)
            return
        if hidden:  # the output's line or colours would give the lesson's hidden values away
            self._show_nothing(self.tr("The network's output is hidden until you predict it in "
                                       "the lesson; the dots are the samples."))
            return
        try:
            if network.input_size == 2:
                x_range, y_range = self._shown_plane()
                self.current = landscape.landscape(network, x_range, y_range, self._grid_size())
            elif network.input_size == 1:
                self.current = landscape.output_curve(network, self._x_range)
        except NetworkError as error:
            self.note.setText(self.tr("Cannot draw the map: {error}").format(error=error))
            return
        if isinstance(self.current, landscape.Landscape):
            self._show_map(self.current)
        elif isinstance(self.current, landscape.OutputCurve):
            self._show_curve(self.current)
        else:
            self._show_nothing(self.tr("The map needs 2 inputs (a curve needs 1); this network "
                                       "has {n}.").format(n=network.input_size))

    def _show_nothing(self, why: str):
        self.image_item.hide()
        self.colorbar.hide()
        self._set_curves([])
        self.note.setText(why)

    def _span_beyond_floats(self, data, network) -> str:
        """Why the data's plane (or a curve's targets) cannot be drawn, '' when it can."""
        if network.input_size == 2:
            return _beyond_floats("x₁", *self._x_range) or _beyond_floats("x₂", *self._y_range)
        why = _beyond_floats("x", *self._x_range)
        targets = None if data is None else ranges.finite_range(data.targets)
        return why or (_beyond_floats("t", *targets) if targets else "")

    def _shown_plane(self):
        """The part of the plane in view (wider than the data when the shape is kept)."""
        (x0, x1), (y0, y1) = self.plot_item.vb.viewRange()
        if all(np.isfinite([x0, x1, y0, y1])) and x1 > x0 and y1 > y0:
            return (x0, x1), (y0, y1)
        return self._x_range, self._y_range

    def _grid_size(self) -> tuple[int, int]:
        """(nx, ny) grid points: one per PIXELS_PER_CELL pixels of the view, 8 to MAX_CELLS."""
        view = self.plot_item.vb
        width, height = view.width(), view.height()
        if width < 2 * PIXELS_PER_CELL or height < 2 * PIXELS_PER_CELL:
            return RESOLUTION, RESOLUTION
        # during a run a quarter of the points (cells twice as wide), sharp again on a pause
        cell = PIXELS_PER_CELL * (RUN_CELL_FACTOR if self.frames.clock.running else 1)
        return tuple(int(min(max(size // cell, 8), MAX_CELLS)) for size in (width, height))

    def _on_view_range_changed(self, *_):
        """Resized, zoomed or panned: the map covers the new view."""
        if self._document.network.input_size == 2:
            self._request_redraw()

    def _show_map(self, result: landscape.Landscape):
        xs, ys = result.xs, result.ys
        # each grid point is the centre of a cell: the image reaches half a cell beyond
        x0, x1 = ranges.widened(xs[0], xs[-1], 0.5 / (len(xs) - 1))
        y0, y1 = ranges.widened(ys[0], ys[-1], 0.5 / (len(ys) - 1))
        low, high = result.value_bounds
        if not high > low:
            high = low + 1.0
        why = (_beyond_floats("x₁", x0, x1) or _beyond_floats("x₂", y0, y1)
               or _beyond_floats(self.tr("the output"), low, high))
        if why:
            self._show_nothing(why)
            return
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self._set_curves([])
        self.image_item.show()
        self.colorbar.show()
        if result.predicted_class is None:
            self.image_item.setImage(np.nan_to_num(result.value), autoLevels=False)
            if tuple(self.colorbar.levels()) != (low, high):
                self.colorbar.setLevels((low, high))
            else:  # the scale's axis is redrawn only when it changes (not every frame of a run)
                self.image_item.setLevels((low, high))  # (a class map had set its own)
            self.note.setText(self.tr("Colour: the output (white = halfway). Click to add a "
                                      "sample, shift-click to remove one."))
        else:
            self.image_item.setImage(self._class_image(result), autoLevels=False, levels=(0, 1))
            self.colorbar.hide()  # colours are classes here, not a scale
            self.note.setText(self.tr("Colour: the predicted class, paler where the network is "
                                      "less sure. Click to add a sample, shift-click to remove "
                                      "one."))
        self.image_item.setRect(rect)

    def _class_image(self, result: landscape.Landscape) -> np.ndarray:
        """RGB (ny, nx, 3): each cell the predicted class' colour, faded toward white by doubt."""
        colors = np.array([color.getRgbF()[:3] for color in self.class_colors()])
        base = colors[result.predicted_class % len(colors)]
        k = result.outputs.shape[0]
        sureness = np.clip((np.nan_to_num(result.value) - 1.0 / k) * k / (k - 1), 0.0, 1.0)
        return 1.0 - (1.0 - base) * sureness[..., np.newaxis]

    def _show_curve(self, result: landscape.OutputCurve):
        data = self._document.data  # the samples' targets share the y axis with the curve
        extent = ranges.finite_range(result.outputs if data is None else np.concatenate(
            [result.outputs.ravel(), data.targets.ravel()]))
        why = _beyond_floats(self.tr("the output and targets"), *extent) if extent else ""
        if why:
            self._show_nothing(why)
            return
        self.image_item.hide()
        self.colorbar.hide()
        self._set_curves(result.outputs)
        for curve, values in zip(self.curve_items, result.outputs, strict=True):
            curve.setData(result.xs, values)
        self.note.setText(
            self.tr("The line is the network's output for every x; dots are the samples."))

    def _set_curves(self, outputs):
        """One curve per output neuron, made only when their number changes."""
        if len(self.curve_items) == len(outputs):
            return
        for curve in self.curve_items:
            self.plot_item.removeItem(curve)
        self.curve_items = []
        colors = self.class_colors()
        for index in range(len(outputs)):
            color = colors[-1] if len(outputs) == 1 else colors[index % len(colors)]
            curve = stroke_on_screen(self.plot_item.plot(pen=pg.mkPen(color, width=2.5)))
            self.curve_items.append(curve)

    def _draw_points(self):
        data, network = self._document.data, self._document.network
        if data is None or data.inputs.shape[1] != network.input_size or self._too_wide:
            self.train_points.setData([], [])
            self.test_points.setData([], [])
            return
        palette = self.class_colors()
        self.train_points.setData(**point_spots(data.inputs, data.targets, palette))
        if data.has_test_split:
            self.test_points.setData(**point_spots(data.test_inputs, data.test_targets, palette,
                                                   hollow=True))
        else:
            self.test_points.setData([], [])

    # ----- reading the map (for tests and tooltips) --------------------------------------------
    def map_value_at(self, x: float, y: float) -> float:
        """The drawn output value at the grid cell nearest (x, y) (2-input networks)."""
        result = self.current
        if not isinstance(result, landscape.Landscape):
            raise ValueError("no map is drawn (the network does not have 2 inputs)")
        j = int(np.argmin(np.abs(result.xs - x)))
        i = int(np.argmin(np.abs(result.ys - y)))
        return float(result.value[i, j])

    # ----- clicks add and remove samples -------------------------------------------------------
    def _on_mouse_clicked(self, event):
        # the scatter accepts clicks on its points; those still count here (shift-click removes)
        if self._document.network.input_size != 2:
            return
        scene_pos = event.scenePos()
        if not self.plot_item.vb.sceneBoundingRect().contains(scene_pos):
            return
        point = self.plot_item.vb.mapSceneToView(scene_pos)
        event.accept()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.remove_sample_near(point.x(), point.y())
        else:
            self.add_sample(point.x(), point.y(), self._clicked_class(event.button()))

    def _clicked_class(self, button) -> int:
        choice = self.click_combo.currentIndex()
        if choice > 0:
            return choice - 1
        return 0 if button == Qt.MouseButton.RightButton else 1

    def add_sample(self, x: float, y: float, cls: int) -> bool:
        """Append the sample (x, y) of class ``cls``, its target written as the data's others."""
        network, data = self._document.network, self._document.data
        target = self._target_for(cls)
        if target is None:
            self.note.setText(
                self.tr("Class {cls} does not fit the outputs of this network.").format(cls=cls))
            return False
        names = self.class_names()
        row = np.array([[x, y]])
        if data is None or len(data) == 0:
            new = Dataset(row, target[np.newaxis, :])
        elif data.inputs.shape[1] != 2 or data.targets.shape[1] != network.output_size:
            self.note.setText(
                self.tr("The data does not fit this network; fix it in the Data panel."))
            return False
        else:
            new = data.copy()
            new.inputs = np.vstack([data.inputs, row])
            new.targets = np.vstack([data.targets, target])
        self._document.set_data(self.tr("Add a sample of {name}").format(name=names[cls]), new)
        return True

    def _target_for(self, cls: int) -> np.ndarray | None:
        """The target row for class ``cls`` in the form the data (or the output) uses."""
        network, data = self._document.network, self._document.data
        kind = None if data is None or not len(data) else diagnostics.target_classes(data.targets)
        if kind is None:
            kind = get_activation(network.layers[-1].activation).target_form
        width = network.output_size
        if kind == "one_hot" or width > 1:
            if cls >= width:
                return None
            return np.eye(width)[cls]
        if cls > 1:
            return None
        return np.array([float(cls) if kind == "binary" else 2.0 * cls - 1.0])

    def remove_sample_near(self, x: float, y: float) -> bool:
        """Remove the training sample nearest (x, y) if it is within PICK_RADIUS pixels."""
        data = self._document.data
        if data is None or len(data) == 0:
            return False
        pixel = self.plot_item.vb.viewPixelSize()
        distance = np.hypot((data.inputs[:, 0] - x) / pixel[0], (data.inputs[:, 1] - y) / pixel[1])
        nearest = int(np.argmin(distance))
        if distance[nearest] > PICK_RADIUS:
            return False
        keep = np.arange(len(data)) != nearest
        new = data.copy()
        new.inputs, new.targets = data.inputs[keep], data.targets[keep]
        self._document.set_data(self.tr("Remove a sample"), new)
        return True


def _beyond_floats(name: str, low: float, high: float) -> str:
    """Why ``name`` from ``low`` to ``high`` cannot be drawn ('' when it can): a plot needs
    room below the largest float (1.8e308) to pad and scale its range."""
    if ranges.plottable(low, high):
        return ""
    return QCoreApplication.translate(
        "DecisionMap", "Not drawn: {name} runs from {low} to {high}; a plot shows numbers within "
        "±{limit} only.").format(name=name, low=f"{low:.3g}", high=f"{high:.3g}",
                                 limit=f"{ranges.PLOT_LIMIT:.0e}")


def _all_inputs(data: Dataset) -> np.ndarray:
    if data.has_test_split:
        return np.concatenate([data.inputs, data.test_inputs])
    return data.inputs
