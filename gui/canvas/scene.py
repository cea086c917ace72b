"""The scene: the network as columns of neurons and blocks of connections, kept in step with the
document and, when one is given, with the step-through.

The scene holds what the items read when they paint (layout, values, selection, highlights,
the neuron thumbnails and the dead/saturated diagnosis) and redraws from document and
step-through signals alone. The sample's numbers and the diagnosis come from the document's
DerivedNumbers (gui/derived.py), the thumbnails from thumbnails.py; both are computed when the
columns next paint after a change (during training at most 4 and 10 times a second).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene

from gui import style
from gui.canvas import labels, placement, thumbnails
from gui.canvas.connections import ConnectionsItem
from gui.canvas.layout import CanvasLayout
from gui.canvas.neurons import TITLE_SHIFT, ColumnItem
from gui.canvas.thumbnails import NeuronThumbnails
from gui.canvas.values import ShownValues, sample_values
from gui.derived import DerivedNumbers, UnitHealth
from gui.document import ALL_LAYERS
from gui.frame_clock import FrameClock
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.lesson_hidden import LessonHidden


@dataclass(frozen=True)
class Hit:
    """What is under a point: the item and, when the point is on a written number, which one."""

    ref: NeuronRef | WeightRef | BiasRef
    quantity: str | None = None


class NetworkScene(QGraphicsScene):
    """Columns and connection blocks of ``document.network``."""

    def __init__(self, document, stepping=None, parent=None):
        super().__init__(parent)
        self._document = document
        self._derived = DerivedNumbers.of(document)  # first: its slots run before the scene's
        self._clock = FrameClock.of(document)
        self._stepping = stepping
        self.sample = 0
        self.hovered = None
        self.highlighted: set = set()
        self._current_items: list = []  # the current step's items, the one it computes first
        self.values = ShownValues()
        # neurons whose values show as "?": a lesson's, as their one owner has them
        self.hidden: frozenset = LessonHidden.of(document).neurons
        LessonHidden.of(document).changed.connect(self.set_hidden)
        self._placement: placement.LabelPlacement | None = None  # made when next asked
        self.weight_scale = 1.0
        self._columns: list[ColumnItem] = []
        self._blocks: list[ConnectionsItem] = []
        self.thumbnails = NeuronThumbnails(document)
        self.show_thumbnails = True
        self.show_health = True
        # a diagnosis skipped to spare a busy frame is made once its wait is over
        self._health_timer = QTimer(self)
        self._health_timer.setSingleShot(True)
        self._health_timer.timeout.connect(self._update_columns)
        self.setBackgroundBrush(style.CANVAS_BACKGROUND)
        self._rebuild()
        document.weights_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        document.data_changed.connect(self._on_data_changed)
        document.selection_changed.connect(self._on_selection_changed)
        self._clock.running_changed.connect(self._on_running_changed)
        if stepping is not None:
            stepping.steps_changed.connect(self._on_step_changed)
            stepping.step_moved.connect(self._on_step_changed)

    # ----- what the items read ------------------------------------------------------------------
    @property
    def network(self):
        return self._document.network

    @property
    def training_running(self) -> bool:
        """Whether a training run is changing the weights every frame (the frame clock says)."""
        return self._clock.running

    @property
    def health(self) -> UnitHealth:
        """The dead/saturated diagnosis, shared with the training panel (gui/derived.py)."""
        return self._derived.health

    @property
    def selection(self):
        return self._document.selection

    @property
    def blocks(self) -> list[ConnectionsItem]:
        return list(self._blocks)

    @property
    def columns(self) -> list[ColumnItem]:
        return list(self._columns)

    @property
    def placement(self) -> placement.LabelPlacement:
        """Where every written number sits now (placed again after any change it reads)."""
        if self._placement is None:
            priority = list(self._current_items) + [self.selection]
            self._placement = placement.place_labels(self.layout, self.network, self.values,
                                                     priority)
        return self._placement

    def label_rects(self) -> list[tuple[tuple, QRectF]]:
        """``((quantity, ref), box)`` of every label drawn on the canvas, in scene coordinates
        (empty in the compact layout, where numbers are shown on hover only)."""
        return self.placement.visible_rects()

    def set_sample(self, sample: int) -> None:
        """Show the forward pass of data row ``sample`` (with a step-through: its sample)."""
        if sample != self.sample:
            self.sample = sample
            self._refresh_values()
            self._update_columns()

    def set_hidden(self, neurons) -> None:
        """Show the values of ``neurons`` (NeuronRefs) as "?" until set otherwise."""
        if frozenset(neurons) != self.hidden:
            self.hidden = frozenset(neurons)
            self._refresh_values()
            self._update_all()

    def set_thumbnails_shown(self, shown: bool) -> None:
        """Fill the neurons with their output over the input plane (2-input networks)."""
        if shown != self.show_thumbnails:
            self.show_thumbnails = shown
            self._update_columns()

    def set_health_shown(self, shown: bool) -> None:
        """Mark dead and saturated units and count them under the column titles."""
        if shown != self.show_health:
            self.show_health = shown
            self._update_columns()

    def health_painted(self) -> None:
        """Called by a column after it painted: come back for a diagnosis or thumbnails still
        waiting (a training frame's change, put off to spare the frames)."""
        if self.training_running:
            return  # the run's next frame (within 1/30 s) repaints the columns anyway
        waits = [part.wait_left() for part, shown in ((self.health, self.show_health),
                                                      (self.thumbnails, self.show_thumbnails))
                 if shown and part.pending]
        if waits and not self._health_timer.isActive():
            self._health_timer.start(max(1, round(1000 * min(waits))))

    def set_hovered(self, ref) -> None:
        if ref != self.hovered:
            self.hovered = ref
            self._update_all()

    # ----- building -----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        for item in self._columns + self._blocks:
            self.removeItem(item)
        self.layout = CanvasLayout.for_sizes(self.network.sizes)
        self.thumbnails.resolution = (thumbnails.RESOLUTION if self.layout.detailed
                                      else thumbnails.COMPACT_RESOLUTION)
        self.weight_scale = self._largest_weight()
        self._refresh_values()
        self._blocks = [ConnectionsItem(self, layer) for layer in range(len(self.network.layers))]
        self._columns = [ColumnItem(self, column) for column in range(len(self.network.sizes))]
        for item in self._blocks + self._columns:
            self.addItem(item)
        self.setSceneRect(self.layout.bounds().adjusted(0, -TITLE_SHIFT, 0, 0))

    def _largest_weight(self) -> float:
        largest = max((float(np.nanmax(np.abs(layer.weights))) for layer in self.network.layers
                       if layer.weights.size), default=0.0)
        return largest if largest > 0 else 1.0

    def _refresh_values(self) -> None:
        stepping = self._stepping
        if stepping is not None and stepping.current_phase() is not None:
            shown = stepping.shown_values()
            self.values = shown
            self._current_items = list(stepping.current_items())
        else:
            sample = self.sample if stepping is None else stepping.sample
            self.values = sample_values(self._derived.sample_pass(sample))
            self._current_items = []
        if self.hidden:  # a copy: the step-through's values are shared with other views
            self.values = replace(self.values, hidden=self.hidden)
        self.highlighted = set(self._current_items)
        self._placement = None

    def _update_columns(self) -> None:
        for item in self._columns:
            item.update()

    def _update_all(self) -> None:
        for item in self._columns + self._blocks:
            item.update()

    # ----- document and step-through signals ----------------------------------------------------

    def _on_weights_changed(self, layer: int) -> None:
        # this change repaints the columns, which come back for what still waits (if anything):
        # a catch-up timer left running would add a repaint between two frames of a run
        self._health_timer.stop()
        self.thumbnails.invalidate(throttled=layer == ALL_LAYERS)  # all layers: a training frame
        scale = self._largest_weight()
        self._refresh_values()
        if scale != self.weight_scale or layer == ALL_LAYERS:
            self.weight_scale = scale
            for block in self._blocks:
                block.refresh_weights()
        else:
            self._blocks[layer].refresh_weights()
        for item in self._columns:
            item.refresh()

    def _on_structure_changed(self) -> None:
        self.hovered = None
        self.thumbnails.invalidate()
        self._rebuild()

    def _on_data_changed(self) -> None:
        self.thumbnails.invalidate()
        self._refresh_values()
        self._update_all()

    def _on_selection_changed(self, _item) -> None:
        self._placement = None  # the selection's labels are shown first
        self._update_all()

    def _on_step_changed(self, *_args) -> None:
        self._refresh_values()
        self._update_all()

    def _on_running_changed(self, running: bool) -> None:
        if not running:  # full quality again: smooth lines, what waited for the run
            self._update_all()

    # ----- hit testing --------------------------------------------------------------------------
    def hit(self, pos: QPointF, zoom: float = 1.0) -> Hit | None:
        """The neuron, bias or weight under ``pos`` (scene coordinates), written numbers first."""
        tolerance = max(4.0 / max(zoom, 1e-6), 1.0)
        if self.layout.detailed and zoom >= labels.READABLE_ZOOM:  # numbers are written
            found = self._hit_written(pos)
            if found is not None:
                return found
        return self._hit_neuron(pos, tolerance) or self._hit_connection(pos, tolerance, zoom)

    def _hit_written(self, pos: QPointF) -> Hit | None:
        """The drawn label under ``pos`` (a neuron's name is not a number: it is skipped)."""
        for (quantity, ref), box in self.label_rects():
            if quantity != "name" and box.contains(pos):
                return Hit(ref, quantity)
        return None

    def _hit_neuron(self, pos: QPointF, tolerance: float) -> Hit | None:
        layout = self.layout
        for column in range(len(layout.sizes)):
            x = layout.column_x(column)
            radius = layout.radii[column]
            if abs(pos.x() - x) > radius + tolerance:
                continue
            neuron = layout.neuron_at(column, pos.y())
            if neuron is None:
                continue
            centre = layout.centre(column, neuron)
            distance = ((pos.x() - centre.x()) ** 2 + (pos.y() - centre.y()) ** 2) ** 0.5
            if distance <= radius + tolerance:
                has_value = "a" in self.values.neuron(column, neuron)
                return Hit(NeuronRef(column, neuron), "a" if has_value else None)
        return None

    def _hit_connection(self, pos: QPointF, tolerance: float, zoom: float) -> Hit | None:
        layout = self.layout
        for layer, block in enumerate(self._blocks):
            x0 = layout.column_x(layer) + layout.radii[layer]
            x1 = layout.column_x(layer + 1) - layout.radii[layer + 1]
            if not x0 <= pos.x() <= x1 or block.uses_image(zoom):
                continue
            sources = layout.column_ys(layer)
            targets = layout.column_ys(layer + 1)
            slope = (targets[:, None] - sources[None, :]) / (x1 - x0)  # (n_out, n_in)
            line_y = sources[None, :] + slope * (pos.x() - x0)
            distance = np.abs(line_y - pos.y()) / np.sqrt(1.0 + slope**2)
            neuron, source = np.unravel_index(int(np.argmin(distance)), distance.shape)
            if distance[neuron, source] <= tolerance + 2.0:
                return Hit(WeightRef(layer, int(neuron), int(source)), None)
        return None
