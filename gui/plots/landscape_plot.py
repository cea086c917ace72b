"""The loss landscape: E over the whole training set as a function of one or two parameters.

One parameter θ₁: the curve E(θ₁) (every other parameter where it is), the current point, its
tangent — the line through it whose slope is ∂E/∂θ₁ of the backward pass — and a trail of the
points training moved to. Two parameters: a colour map of E(θ₁, θ₂) with a colour bar, the
current point and the descent trajectory. Under the plot, the engine's verdict on the point
(engine/analysis/critical_points.py): a slope, or a zero gradient that is a minimum, a saddle or a
plateau. Parameters are chosen in the two boxes of the header or by clicking a weight or bias
on the canvas (with Shift: the second parameter). For a network with many parameters the mode
box offers a slice along two random directions normalised filter by filter (Li et al. 2018,
engine/analysis/random_slice.py): E(θ + α d₁ + β d₂) as a map, with training's path projected
onto the plane; the directions are drawn (seed 0) when the mode is chosen and kept until the
network's structure or the run's record changes.

Grids are the engine's (engine/analysis/loss_landscape.py), computed in a background thread
(gui/plots/landscape_worker.py) whenever the frame clock lets this view paint: once per frame
during a run (a frame waits for the grid before), at once after an edit.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel

from engine.analysis.loss_landscape import DEFAULT_POINTS, DEFAULT_SPAN
from engine.analysis.random_slice import DEFAULT_SEED, parameter_vector
from engine.analysis.random_slice import DEFAULT_SPAN as RANDOM_SPAN
from engine.lesson.quantities import weight
from gui.document import Document
from gui.frame_clock import FrameClock
from gui.items import BiasRef, WeightRef, quantity_of
from gui.lesson_hidden import LessonHidden
from gui.plots.landscape_worker import LandscapeResult, LandscapeWorker
from gui.plots.parameter_box import ParameterBox
from gui.plots.plot_frame import PlotFrame
from gui.style import BACKWARD, ERROR_STYLE, HIGHLIGHT, MUTED_TEXT, POSITIVE, TEXT, UPDATE

NO_SECOND = QT_TRANSLATE_NOOP("LandscapePlot", "— (curve)")  # translated where shown
CHOSEN, RANDOM = 0, 1  # the mode box's entries
MAX_TRAIL = 2_000  # points of the trail kept (the oldest go first)
COLOR_MAP = "viridis"
LEVEL_LINE = (215, 48, 39)  # red: seen on viridis' dark purples and light yellows alike


def shift_held() -> bool:
    """Whether Shift is down (a Shift-click on the canvas picks the second parameter)."""
    return bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)


def _exists(network, quantity) -> bool:
    """Whether ``network`` has the weight or bias ``quantity`` (after a structure change)."""
    if quantity.layer >= len(network.layers):
        return False
    n_out, n_in = network.layers[quantity.layer].weights.shape
    return quantity.neuron < n_out and (quantity.source is None or quantity.source < n_in)


class LandscapePlot(PlotFrame):
    """E(θ₁) or E(θ₁, θ₂) around the current point, from the engine, with the trail."""

    verdict_changed = Signal(str)  # a new trap: "gradient ≈ 0 here, but …"; "" when left

    def __init__(self, document: Document, runner, parent=None):
        super().__init__(self.tr("Loss landscape"), FrameClock.of(document), parent)
        self._document = document
        self.parameters: tuple = ()
        self.result: LandscapeResult | None = None
        self.trail: list[tuple[float, ...]] = []  # (θ₁, E) or (θ₁, θ₂): where steps moved to
        self._last_trap = None
        self.announced = ""  # the last trap named in the status bar
        self.span, self.points = DEFAULT_SPAN, DEFAULT_POINTS
        self.worker = LandscapeWorker(self._on_computed, self)
        self.directions = None  # (d₁, d₂) of the random slice, and θ where they were drawn
        self.origin = None
        self.seed = DEFAULT_SEED
        # the network as the worker reads it, copied once per change of the numbers (80 MB at
        # 10 million parameters), not once per request: choosing θ₁ copies nothing
        self._snapshot = None
        self._drawn_from = None  # the network the random directions are drawn from, until drawn
        self.mode_box = QComboBox()
        self.mode_box.addItems([self.tr("chosen parameters"), self.tr("2 random directions")])
        self.mode_box.setToolTip(self.tr(
            "Random directions: E along two random directions through all parameters, each "
            "neuron's part scaled to its weights (Li et al. 2018), for networks with many "
            "parameters"))
        self.add_header_widget(self.mode_box)
        self.first_box, self.second_box = ParameterBox(), ParameterBox(self.tr(NO_SECOND))
        for box in (self.first_box, self.second_box):
            self.add_header_widget(box)
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.layout().addWidget(self.verdict)
        self._create_items()
        self._fill_boxes()
        self.mode_box.currentIndexChanged.connect(self._on_mode_changed)
        self.first_box.chosen_changed.connect(self._read_boxes)
        self.second_box.chosen_changed.connect(self._read_boxes)
        document.weights_changed.connect(self._on_numbers_changed)
        document.data_changed.connect(self._on_data_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        document.selection_changed.connect(self._on_selection_changed)
        runner.history_replaced.connect(self._clear_trail)
        LessonHidden.of(document).changed.connect(self.request_refresh)

    def _create_items(self) -> None:
        item = self.plot_item
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get(COLOR_MAP), interactive=False,
                                        width=12, label="E")
        self.colorbar.setImageItem(self.image, insert_in=item)
        # the level line through the current point: at a saddle it crosses itself (an X)
        self.level_line = pg.IsocurveItem(level=0.0, pen=pg.mkPen(LEVEL_LINE, width=1.5),
                                          axisOrder="row-major")
        self.level_line.setParentItem(self.image)
        self.curve = item.plot(pen=pg.mkPen(POSITIVE, width=2))
        self.tangent = item.plot(pen=pg.mkPen(BACKWARD, width=1.5, style=Qt.PenStyle.DashLine))
        self.trail_item = item.plot(pen=pg.mkPen(HIGHLIGHT, width=1.5), symbol="o",
                                    symbolSize=5, symbolBrush=HIGHLIGHT, symbolPen=None)
        self.point = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(UPDATE),
                                        pen=pg.mkPen(TEXT))
        item.addItem(self.point)
        item.showGrid(x=True, y=True, alpha=0.2)

    # ----- choosing the parameters -------------------------------------------------------------
    def _fill_boxes(self) -> None:
        """Offer every parameter (gui/models/parameter_model.py: named when shown, grouped by
        layer and row in a big network); keep the chosen ones if they still exist."""
        network = self._document.network
        wanted = [q for q in self.parameters if _exists(network, q)]
        if not wanted and network.layers:  # by default the output layer's first weight
            wanted = [weight(len(network.layers) - 1, 0, 0)]
        for box in (self.first_box, self.second_box):
            box.blockSignals(True)
            box.set_network(network, self.tr(NO_SECOND) if box is self.second_box else None)
        self.first_box.choose(wanted[0] if wanted else None)
        self.second_box.choose(wanted[1] if len(wanted) > 1 else None)
        big = self.first_box.parameter_model.flat is False
        self.first_box.setToolTip(self._box_tip(big, self.tr(
            "θ₁: the parameter along the horizontal axis (or click a weight or bias on the "
            "canvas; Shift: θ₂)")))
        self.second_box.setToolTip(self._box_tip(big, self.tr(
            "θ₂: a second parameter for a map of E(θ₁, θ₂) (or click a weight or bias on the "
            "canvas; Shift: θ₂)")))
        for box in (self.first_box, self.second_box):
            box.blockSignals(False)
        self._read_boxes()

    def _box_tip(self, big: bool, tip: str) -> str:
        if not big:
            return tip
        return self.tr("{tip}. This network has {count} parameters: open a layer's W or b, "
                       "then a row of W, to choose one.").format(
            tip=tip, count=f"{self.first_box.parameter_model.count:,}")

    def choose(self, first, second=None) -> None:
        """Show E along ``first`` (and ``second``): Quantities of weights or biases."""
        self.first_box.choose(first)
        self.second_box.choose(second)

    def _read_boxes(self) -> None:
        first, second = self.first_box.chosen(), self.second_box.chosen()
        chosen = tuple(q for q in (first, second) if q is not None)
        if len(chosen) == 2 and chosen[0] == chosen[1]:
            chosen = chosen[:1]
        if chosen != self.parameters:
            self.parameters = chosen
            self._clear_trail()

    @property
    def random_mode(self) -> bool:
        return self.mode_box.currentIndex() == RANDOM

    def _on_mode_changed(self, _index: int) -> None:
        for box in (self.first_box, self.second_box):
            box.setVisible(not self.random_mode)
        self._clear_trail()

    def _on_selection_changed(self, item) -> None:
        if not isinstance(item, WeightRef | BiasRef):
            return
        if self.random_mode:  # a click on a parameter goes back to the chosen ones
            self.mode_box.setCurrentIndex(CHOSEN)
        quantity = quantity_of(item, "value")
        if shift_held() and self.parameters and quantity != self.parameters[0]:
            self.choose(self.parameters[0], quantity)
        else:
            self.choose(quantity, self.parameters[1] if len(self.parameters) > 1 else None)

    # ----- the document changed ----------------------------------------------------------------
    def _on_numbers_changed(self, *_):
        self._snapshot = None
        self.request_refresh()

    def _on_data_changed(self):
        self._clear_trail()

    def _on_structure_changed(self):
        self._snapshot = None
        self.worker.cancel()
        self._fill_boxes()
        self._clear_trail()

    def _clear_trail(self) -> None:
        self.trail = []
        self.result = None
        self.directions = self.origin = None  # new directions through the new start
        self._drawn_from = None
        self.request_refresh()

    # ----- computing and drawing ---------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the engine for the grid around the current point (drawn when it arrives)."""
        document = self._document
        network, data = document.network, document.data
        problem = ""
        if LessonHidden.of(document).hides_output:  # E would give the lesson's hidden away
            problem = self.tr("— hidden until you predict it in the lesson")
        elif not self.parameters or not network.layers:
            problem = self.tr("— the network has no parameters")
        elif data is None or len(data) == 0:
            problem = self.tr("— no training data: E needs samples")
        elif data.inputs.shape[1] != network.input_size or \
                data.targets.shape[1] != network.output_size:
            problem = self.tr("— the data do not fit the network's inputs and outputs")
        if problem:
            self.worker.cancel()
            self._show_problem(problem)
            return
        if self.random_mode:
            draw = None
            if self.directions is None:  # drawn by the worker (1.2 s at 10 million parameters)
                if self._drawn_from is None:  # from the network as it is now, every time
                    self._drawn_from = self._copy()
                    self.origin = parameter_vector(self._drawn_from)
                draw = (self._drawn_from, self.seed)
            self.worker.ask(self._copy(), data.inputs, data.targets, (), RANDOM_SPAN, self.points,
                            self.directions, self.origin, copied=True, draw=draw)
            return
        self.worker.ask(self._copy(), data.inputs, data.targets, self.parameters, self.span,
                        self.points, copied=True)

    def _copy(self):
        """The document's network as it is now, for the worker (the same copy until it changes:
        the worker only reads it)."""
        if self._snapshot is None:
            self._snapshot = self._document.network.copy()
        return self._snapshot

    def _show_problem(self, text: str) -> None:
        self.result = None
        for item in (self.curve, self.tangent, self.trail_item):
            item.setData([], [])
        self.point.setData([], [])
        self.image.clear()
        self.level_line.setData(None)
        self.verdict.setStyleSheet(ERROR_STYLE)
        self.verdict.setText(text)

    def _on_computed(self, result: LandscapeResult) -> None:
        if result.landscape is None and result.slice is None:
            self._show_problem(f"— {result.problem}")
            return
        draw = result.request.draw
        if draw is not None and draw[0] is not self._drawn_from:
            return  # directions drawn for a start given up since (a new mode, structure, run)
        if draw is not None:  # the worker drew the directions: kept from now on
            self.directions, self._drawn_from = result.slice.directions, None
        self.result = result
        if result.slice is not None:
            point = result.position
        else:
            shape = result.shape
            point = (*shape.values, shape.loss) if len(shape.values) == 1 else shape.values
        if not self.trail or self.trail[-1] != point:
            self.trail.append(point)
            del self.trail[:-MAX_TRAIL]
        self._draw(result)

    def _draw(self, result: LandscapeResult) -> None:
        if result.slice is not None:
            self._draw_slice(result)
            return
        landscape, shape = result.landscape, result.shape
        names = landscape.names
        two = len(names) == 2
        item = self.plot_item
        item.setLabel("bottom", names[0])
        item.setLabel("left", names[1] if two else self.tr("E (all samples)"))
        self._show_map(two)
        trail = np.array(self.trail)
        self.trail_item.setData(trail[:, 0], trail[:, 1])
        if two:
            self._draw_map(*landscape.axes, landscape.losses)
            self.level_line.setData(landscape.losses, shape.loss)
            self.point.setData([shape.values[0]], [shape.values[1]])
        else:
            self.curve.setData(landscape.axes[0], landscape.losses)
            self.tangent.setData(*shape.tangent(self.span / 2))
            self.point.setData([shape.values[0]], [shape.loss])
        self._show_verdict(shape)

    def _draw_slice(self, result: LandscapeResult) -> None:
        """The random slice: E over (α, β), the current point at its (α, β), the path."""
        grid = result.slice
        item = self.plot_item
        item.setLabel("bottom", self.tr("α (random direction 1)"))
        item.setLabel("left", self.tr("β (random direction 2)"))
        self._show_map(True)
        trail = np.array(self.trail)
        self.trail_item.setData(trail[:, 0], trail[:, 1])
        self._draw_map(grid.alphas, grid.betas, grid.losses)
        middle = len(grid.betas) // 2, len(grid.alphas) // 2
        centre = float(grid.losses[middle])
        self.level_line.setData(grid.losses, centre)
        self.point.setData([result.position[0]], [result.position[1]])
        self.verdict.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        self.verdict.setText(self.tr(
            "E = {loss} here. E(θ + α·d₁ + β·d₂) along two random directions through all "
            "{count} parameters, each neuron's part scaled to the size of its weights (seed "
            "{seed}); the path is training's, projected onto this plane.").format(
                loss=f"{centre:.6g}", count=f"{result.request.network.parameter_count:,}",
                seed=grid.seed))
        if self._last_trap is not None:
            self._last_trap = None
            self.verdict_changed.emit("")

    def _show_map(self, two: bool) -> None:
        self.image.setVisible(two)
        self.level_line.setVisible(two)
        self.colorbar.setVisible(two)
        self.curve.setVisible(not two)
        self.tangent.setVisible(not two)

    def _draw_map(self, xs, ys, losses) -> None:
        """E (len(ys), len(xs)) as colours, each value centred on its grid point."""
        finite = losses[np.isfinite(losses)]
        self.image.setImage(losses, autoLevels=False)
        if finite.size:
            low, high = float(finite.min()), float(finite.max())
            self.colorbar.setLevels((low, high if high > low else low + 1.0))
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                                  ys[-1] - ys[0] + dy))

    def _show_verdict(self, shape) -> None:
        sentence = shape.sentence()
        trap = shape.kind.trap
        self.verdict.setStyleSheet(ERROR_STYLE if trap else f"color: {MUTED_TEXT.name()};")
        self.verdict.setText(self.tr("E = {loss}. {sentence}.").format(
            loss=f"{shape.loss:.6g}", sentence=sentence[0].upper() + sentence[1:]))
        # announced once per trap (kind and parameters), not on every frame spent in it
        trap_key = (shape.kind, shape.parameters) if trap else None
        if trap_key != self._last_trap:
            self._last_trap = trap_key
            self.announced = sentence if trap else self.announced  # the status bar's, to take back
            self.verdict_changed.emit(sentence if trap else "")
