"""Where each written number goes, so that no two of them are drawn over each other.

Every label (a neuron's name, δ, bias and ∂E/∂b; a weight's value or "old → new" and its ∂E/∂w)
asks for a box at one of a few candidate anchors: fixed spots round its neuron, or fractions of
the way along its connection. A greedy pass takes them in order of importance and gives each the
first candidate whose box touches no neuron and no box placed before it. What the current step
computes (and reads) goes first and is always shown; a label that finds no free spot is hidden
(its numbers stay in the tooltip, and it is drawn when its item is hovered).

Boxes are plain (left, top, right, bottom) tuples while placing: a training frame of a small
network places every label again, and tuple arithmetic is several times cheaper than QRectF calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

from gui.canvas import labels
from gui.canvas.layout import CanvasLayout
from gui.items import BiasRef, NeuronRef, WeightRef

# fractions along a line from its source end: a weight near the source, ∂E/∂w nearer the target
# (where the backward pass arrives), each with fall-backs on both sides
WEIGHT_FRACTIONS = (labels.WEIGHT_LABEL_AT, 0.2, 0.4, 0.13, 0.5, 0.25, 0.35, 0.45, 0.58)
GRAD_FRACTIONS = (labels.GRAD_LABEL_AT, 0.75, 0.57, 0.83, 0.5, 0.7, 0.62, 0.79, 0.43, 0.88)
# last resorts: a label this far above or below its line (its edge beside the line), then far
# enough to clear a label written on the line itself
OFF_LINE = (-11.0, 11.0, -18.0, 18.0)
GAP = 1.0  # boxes closer than this count as touching
# the halo round a bias tag of the current step (or the selection's ring) reaches this far past
# its box (neurons.py: a 6 px pen round the box grown by 2): other labels keep clear of it
RING = 5.0
RETRIES = 2  # more passes when labels are left out, each placing those first


@dataclass(frozen=True)
class PlacedLabel:
    """One label: its text, the box it is drawn in and whether it is drawn (else hover only)."""

    text: str
    box: QRectF
    visible: bool
    bold: bool = False


@dataclass
class _Request:
    key: tuple
    text: str
    anchors: list[QPointF]
    priority: bool


class LabelPlacement:
    """The placed labels of one canvas state, by key ``(quantity, ref)``.

    Quantities: 'name' and 'delta' of a NeuronRef; 'bias' and 'grad' of a BiasRef; 'weight'
    and 'grad' of a WeightRef.
    """

    def __init__(self, placed: dict[tuple, PlacedLabel] | None = None):
        self.placed = placed or {}

    def get(self, quantity: str, ref) -> PlacedLabel | None:
        return self.placed.get((quantity, ref))

    def visible_rects(self) -> list[tuple[tuple, QRectF]]:
        """``((quantity, ref), box)`` of every label drawn, in placing order."""
        return [(key, label.box) for key, label in self.placed.items() if label.visible]


def place_labels(layout: CanvasLayout, network, values, priority=()) -> LabelPlacement:
    """Place every label of the detailed layout (an empty placement for the compact one).

    ``values`` is the scene's ShownValues; ``priority`` the refs whose labels must be shown
    (the current step's items, first the one it computes, then the selection). The first
    ref's labels are always written; the others' go first but may still be hidden.
    """
    if not layout.detailed or not network.layers:
        return LabelPlacement()
    first = [ref for ref in dict.fromkeys(priority) if ref is not None]
    forced = first[0] if first else None  # what the current step computes: always written
    requests = _requests(layout, network, values, set(first))
    rank = {ref: i for i, ref in enumerate(first)}
    # stable sort: the current step's labels, in its own order, then the labels that have one
    # spot only (names, bias tags), then the rest as listed
    def order(request: _Request) -> int:
        if request.priority:
            return rank[request.key[1]]
        return len(rank) + (len(request.anchors) > 1)

    requests.sort(key=order)
    obstacles = _Boxes(_neuron_boxes(layout))
    # the fixed spots of the other labels: a label shown first keeps clear of them if it can
    fixed = _Boxes(_box(r.text, r.anchors[0]) for r in requests
                   if not r.priority and len(r.anchors) == 1)
    best = _greedy(requests, obstacles, fixed, forced)
    for _ in range(RETRIES):  # a crowded canvas: those left out go first next time
        hidden = {key for key, label in best.items() if not label.visible}
        if not hidden:
            break
        settled = [r for r in requests if r.priority or len(r.anchors) == 1]
        rest = [r for r in requests if not (r.priority or len(r.anchors) == 1)]
        requests = (settled + [r for r in rest if r.key in hidden]
                    + [r for r in rest if r.key not in hidden])
        again = _greedy(requests, obstacles, fixed, forced)
        if sum(not label.visible for label in again.values()) < len(hidden):
            best = again
    return LabelPlacement(best)


def _greedy(requests: list[_Request], obstacles, fixed, forced) -> dict[tuple, PlacedLabel]:
    """Each label in turn at its first candidate clear of neurons and of the labels before it
    (a priority label also clear of ``fixed`` spots if it can); ``forced``'s labels always."""
    placed: dict[tuple, PlacedLabel] = {}
    taken = _Boxes()
    for request in requests:
        text = request.text
        boxes = (_box(text, anchor) for anchor in request.anchors)  # made as far as needed
        clear = (b for b in boxes if not obstacles.hits(b) and not taken.hits(b))
        if request.priority:
            clear = list(clear)
            free = next((b for b in clear if not fixed.hits(b)), clear[0] if clear else None)
        else:
            free = next(clear, None)
        visible = free is not None
        first = _box(text, request.anchors[0])
        if free is None and request.key[1] == forced:  # shown anyway: clear of neurons
            boxes = (_box(text, anchor) for anchor in request.anchors)
            free = next((b for b in boxes if not obstacles.hits(b)), first)
            visible = True
        box = free if free is not None else first
        if visible:
            ringed = request.priority and request.key[0] == "bias"
            taken.add(_grown(box, RING) if ringed else box)
        placed[request.key] = PlacedLabel(request.text, QRectF(box[0], box[1], box[2] - box[0],
                                                               box[3] - box[1]), visible)
    return placed


def _requests(layout: CanvasLayout, network, values, priority: set) -> list[_Request]:
    """Every label with its candidate anchors: neuron labels, then δ, then connection labels."""
    requests: list[_Request] = []
    stepping = values.stepping
    for column in range(len(layout.sizes)):
        for neuron in range(layout.sizes[column]):
            ref = NeuronRef(column, neuron)
            name = labels.neuron_name(network, column, neuron)
            requests.append(_Request(("name", ref), name,
                                     [labels.name_anchor(layout, column, neuron)],
                                     ref in priority))
            if column == 0:
                continue
            bias_ref = BiasRef(column - 1, neuron)
            shown = values.bias(column - 1, neuron)
            new = shown.get("new") if stepping else None
            value = float(network.layers[column - 1].biases[neuron])
            named = network.layers[column - 1].bias_label(neuron)
            requests.append(_Request(("bias", bias_ref), labels.bias_text(value, new, named),
                                     [labels.bias_anchor(layout, column, neuron)],
                                     bias_ref in priority))
            if stepping and "grad" in shown:
                text = labels.bias_grad_text(shown["grad"], named)
                anchors = labels.bias_grad_anchors(layout, column, neuron,
                                                   labels.bias_text(value, new, named), text)
                requests.append(_Request(("grad", bias_ref), text, anchors, bias_ref in priority))
    # δ may move to the free side of its neuron; it comes after the fixed labels
    if stepping:
        for column in range(1, len(layout.sizes)):
            for neuron in range(layout.sizes[column]):
                delta = values.neuron(column, neuron).get("delta")
                if delta is not None:
                    ref = NeuronRef(column, neuron)
                    text = labels.delta_text(delta)
                    requests.append(_Request(("delta", ref), text,
                                             labels.delta_anchors(layout, column, neuron, text),
                                             ref in priority))
    for index, layer in enumerate(network.layers):
        if not labels.shows_weight_labels(layout, index):
            continue
        weights = layer.weights
        grads = []
        for neuron in range(layer.n_out):
            for source in range(layer.n_in):
                ref = WeightRef(index, neuron, source)
                shown = values.weight(index, neuron, source)
                named = layer.weight_label(neuron, source)
                text = labels.weight_text(float(weights[neuron, source]), shown.get("new"), named)
                requests.append(_Request(("weight", ref), text,
                                         _along(layout, ref, WEIGHT_FRACTIONS), ref in priority))
                if stepping and "grad" in shown:
                    grads.append(_Request(("grad", ref), labels.grad_text(shown["grad"], named),
                                          _along(layout, ref, GRAD_FRACTIONS), ref in priority))
        requests += grads
    return requests


def _along(layout: CanvasLayout, ref: WeightRef, fractions) -> list[QPointF]:
    """Points along the line, then the same points just above and just below it."""
    start = labels.along(layout, ref.layer, ref.neuron, ref.source, 0.0)
    end = labels.along(layout, ref.layer, ref.neuron, ref.source, 1.0)
    x0, y0, dx, dy = start.x(), start.y(), end.x() - start.x(), end.y() - start.y()
    on_line = [(x0 + dx * t, y0 + dy * t) for t in fractions]
    return [QPointF(x, y + shift) for shift in (0.0, *OFF_LINE) for x, y in on_line]


def _box(text: str, anchor: QPointF) -> tuple[float, float, float, float]:
    width, height = labels.padded_size(text, False)
    x, y = anchor.x(), anchor.y()
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _grown(box, margin: float) -> tuple[float, float, float, float]:
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def _neuron_boxes(layout: CanvasLayout) -> list[tuple[float, float, float, float]]:
    """Each neuron's disc as a box a little inside its bounding square (the corners are free)."""
    boxes = []
    for column in range(len(layout.sizes)):
        x = layout.column_x(column)
        half = layout.radii[column] * 0.9
        ys = layout.column_ys(column).tolist()
        boxes += [(x - half, y - half, x + half, y + half) for y in ys]
    return boxes


def _hits(box, others) -> bool:
    left, top, right, bottom = box
    for other in others:
        if (left < other[2] + GAP and other[0] < right + GAP
                and top < other[3] + GAP and other[1] < bottom + GAP):
            return True
    return False


class _Boxes:
    """Boxes bucketed by a coarse grid, so a test looks only at its neighbours (a column of 8
    neurons writes a few hundred labels while stepping)."""

    CELL = 64.0

    def __init__(self, boxes=()):
        self._cells: dict[tuple[int, int], list] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box):
        cell = self.CELL
        columns = range(int((box[0] - GAP) // cell), int((box[2] + GAP) // cell) + 1)
        rows = range(int((box[1] - GAP) // cell), int((box[3] + GAP) // cell) + 1)
        return [(c, r) for c in columns for r in rows]

    def add(self, box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def hits(self, box) -> bool:
        cells = self._cells
        return any(_hits(box, cells[key]) for key in self._keys(box) if key in cells)
