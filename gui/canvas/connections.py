"""All connections between two adjacent columns, painted by one item.

One QGraphicsItem per connection costs far too much on a big network (784 × 128 lines are
100,352 items); this item keeps the lines in a list built once per structure, groups them by
pen (sign × width step) and draws each group with one ``drawLines`` call. A big block shows its
weight matrix as an image until the learner zooms in (gui/canvas/lod.py).

A training frame changes every weight, but the picture only where a line changes its pen or a
pixel of the image its colour step (or where numbers are written): the item keeps what it drew
(``look``) and repaints only when that changed. Its picture is cached at screen resolution, so
the neurons painted over it every frame show it again without drawing a line.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui import style
from gui.canvas import labels, lod
from gui.items import WeightRef

ANTIALIAS_MAX_LINES = 600
SIGNS = (-1, 0, 1)
FAN_COLOR = QColor("#ebebe6")  # the band from a column to a weight-matrix image


class ConnectionsItem(QGraphicsItem):
    """The lines of engine layer ``layer``: from column ``layer`` to column ``layer + 1``."""

    def __init__(self, canvas, layer: int):
        super().__init__()
        self._canvas = canvas
        self.layer = layer
        self._lines: list[QLineF] | None = None
        self._image = None
        self._groups: list[tuple[QPen, np.ndarray]] | None = None
        self._look: np.ndarray | None = None  # each line's pen or pixel's colour, as drawn
        self._drew_image = False  # the last paint showed the weight image (else the lines)
        self._wrote_numbers = True  # the last paint wrote numbers (they change with the weights)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        layout = canvas.layout
        self._count = layout.sizes[layer] * layout.sizes[layer + 1]
        # labels may sit near either end of a line, reaching past the columns' centres
        self._rect = layout.connections_rect(layer).adjusted(-70, -30, 70, 30)
        self.setZValue(0)
        self.refresh_weights()

    # ----- state from the document ------------------------------------------------------------
    def refresh_weights(self) -> None:
        """The weights changed: regroup the lines (or redraw the image) when next painted, if
        the picture changed (a pen, a colour step, a written number).

        Only what the next paint draws is rebuilt: a big block shown as an image never groups
        its lines while training, the lines of a small one are never turned into an image.
        """
        if self._drew_image:  # the kind not shown is made again if the zoom asks for it
            self._groups = None
        else:
            self._image = None
        look = self._image_colours() if self._drew_image else self._line_keys()
        if self._wrote_numbers or self._look is None or not np.array_equal(look, self._look):
            self._groups = None
            self._image = None
            self._look = look  # what the next paint draws
            self.update()

    def _line_groups(self) -> list[tuple[QPen, np.ndarray]]:
        if self._groups is None:
            self._groups = self._group_lines()
        return self._groups

    def _line_keys(self) -> np.ndarray:
        """Each line's pen: (sign + 1) · WIDTH_LEVELS + width step, flattened like W."""
        weights = self._canvas.network.layers[self.layer].weights
        levels = lod.width_levels(weights, self._canvas.weight_scale)
        signs = np.sign(np.nan_to_num(weights.ravel())).astype(np.intp)
        return (signs + 1) * lod.WIDTH_LEVELS + levels

    def _image_colours(self) -> np.ndarray:
        weights = self._canvas.network.layers[self.layer].weights
        return lod.weight_colours(weights, self._canvas.weight_scale)

    def _look_of(self, image: bool) -> np.ndarray:
        """The image's colour steps (``image``) or the lines' pens, as the next paint draws
        them (kept from the last change when it looked at the same kind)."""
        if self._look is None or (self._look.ndim == 2) != image:
            self._look = self._image_colours() if image else self._line_keys()
        return self._look

    def _group_lines(self) -> list[tuple[QPen, np.ndarray]]:
        """The lines' indices grouped by pen: sign × width step."""
        detailed = self._canvas.layout.detailed
        keys = self._look_of(image=False)
        # one stable sort by group (sign, width step) instead of a mask per group
        order = np.argsort(keys, kind="stable")
        ends = np.cumsum(np.bincount(keys, minlength=len(SIGNS) * lod.WIDTH_LEVELS))
        groups = []
        starts = np.concatenate([[0], ends[:-1]]).tolist()
        for key, (start, end) in enumerate(zip(starts, ends.tolist(), strict=True)):
            if end > start:
                sign, level = SIGNS[key // lod.WIDTH_LEVELS], key % lod.WIDTH_LEVELS
                pen = QPen(style.sign_color(sign), lod.line_width(level, detailed))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                groups.append((pen, order[start:end]))
        return groups

    def uses_image(self, zoom: float) -> bool:
        return self._count > lod.MAX_LINES or (self._count > lod.LOD_CONNECTIONS
                                               and zoom < lod.LINES_ZOOM)

    # ----- QGraphicsItem ------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        self._drew_image = self.uses_image(zoom)
        if self._drew_image:
            self._paint_image(painter)
        else:
            self._paint_lines(painter, option.exposedRect)
        self._paint_marks(painter)
        readable = zoom >= labels.READABLE_ZOOM
        labelled = readable and labels.shows_weight_labels(self._canvas.layout, self.layer)
        if labelled:
            self._paint_labels(painter)
        if self._canvas.values.stepping:
            self._paint_gradients(painter, write=readable)
        if readable:
            self._paint_hovered_hidden(painter)
        self._wrote_numbers = labelled or self._canvas.values.stepping

    # ----- painting -----------------------------------------------------------------------------
    def _line_list(self) -> list[QLineF]:
        if self._lines is None:
            layout = self._canvas.layout
            x0 = layout.column_x(self.layer) + layout.radii[self.layer]
            x1 = layout.column_x(self.layer + 1) - layout.radii[self.layer + 1]
            sources = layout.column_ys(self.layer).tolist()
            targets = layout.column_ys(self.layer + 1).tolist()
            self._lines = [QLineF(x0, ys, x1, yt) for yt in targets for ys in sources]
        return self._lines

    def _visible(self, exposed: QRectF) -> np.ndarray | None:
        """A mask of the lines that can cross ``exposed`` (None: all of them)."""
        if self._count <= ANTIALIAS_MAX_LINES:
            return None
        layout = self._canvas.layout
        sources = layout.column_ys(self.layer)
        targets = layout.column_ys(self.layer + 1)
        low = np.minimum.outer(targets, sources).ravel()
        high = np.maximum.outer(targets, sources).ravel()
        return (high >= exposed.top()) & (low <= exposed.bottom())

    def _paint_lines(self, painter: QPainter, exposed: QRectF) -> None:
        # smooth lines during a run too (the look does not change with the run); a big block
        # is always drawn plain (thousands of thin lines blend into a band either way)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              self._count <= ANTIALIAS_MAX_LINES)
        lines = self._line_list()
        visible = self._visible(exposed)
        for pen, members in self._line_groups():
            if visible is not None:
                members = members[visible[members]]
            painter.setPen(pen)
            painter.drawLines([lines[i] for i in members.tolist()])

    def _image_rect(self) -> QRectF:
        layout = self._canvas.layout
        left = layout.column_x(self.layer) + layout.gap * 0.22
        right = layout.column_x(self.layer + 1) - layout.gap * 0.22
        ys = layout.column_ys(self.layer + 1)
        half = layout.spacings[self.layer + 1] / 2
        return QRectF(left, ys[0] - half, right - left, ys[-1] - ys[0] + 2 * half)

    def _paint_image(self, painter: QPainter) -> None:
        if self._image is None:
            self._image = lod.weight_image(self._look_of(image=True))
        layout = self._canvas.layout
        target = self._image_rect()
        sources = layout.column_ys(self.layer)
        x0 = layout.column_x(self.layer) + layout.radii[self.layer]
        x1 = layout.column_x(self.layer + 1) - layout.radii[self.layer + 1]
        # a solid pale fan without antialiasing or opacity: blending big polygons is slow
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(FAN_COLOR))
        fan_in = QPolygonF([QPointF(x0, sources[0]), target.topLeft(), target.bottomLeft(),
                            QPointF(x0, sources[-1])])
        ys = layout.column_ys(self.layer + 1)
        fan_out = QPolygonF([target.topRight(), QPointF(x1, ys[0]), QPointF(x1, ys[-1]),
                             target.bottomRight()])
        painter.drawPolygon(fan_in)
        painter.drawPolygon(fan_out)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._image)
        painter.setPen(QPen(style.NEURON_OUTLINE, 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
        n_out, n_in = self._canvas.network.layers[self.layer].weights.shape
        painter.setFont(labels.value_font())
        painter.setPen(style.MUTED_TEXT)
        caption = QRectF(target.left() - 40, target.top() - 22, target.width() + 80, 18)
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, f"W  {n_out} × {n_in}")

    def _line_of(self, ref: WeightRef) -> QLineF:
        if self._lines is not None:
            return self._lines[ref.neuron * self._canvas.layout.sizes[self.layer] + ref.source]
        layout = self._canvas.layout  # one line, not the list of a big block's every line
        x0 = layout.column_x(self.layer) + layout.radii[self.layer]
        x1 = layout.column_x(self.layer + 1) - layout.radii[self.layer + 1]
        return QLineF(x0, float(layout.column_ys(self.layer)[ref.source]), x1,
                      float(layout.column_ys(self.layer + 1)[ref.neuron]))

    def _paint_marks(self, painter: QPainter) -> None:
        """Halo under what the current step concerns; a dark track under the selection."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        marks = ((self._canvas.highlighted, QPen(style.HIGHLIGHT, 9)),
                 ({self._canvas.selection}, QPen(style.SELECTION, 2, Qt.PenStyle.DotLine)),
                 ({self._canvas.hovered}, QPen(style.HOVER, 1)))
        for refs, pen in marks:
            mine = [r for r in refs if isinstance(r, WeightRef) and r.layer == self.layer]
            if mine:
                painter.setPen(pen)
                painter.setOpacity(0.7 if pen.widthF() > 3 else 1.0)
                painter.drawLines([self._offset(self._line_of(r), 0) for r in mine])
        painter.setOpacity(1.0)

    @staticmethod
    def _offset(line: QLineF, distance: float) -> QLineF:
        normal = line.normalVector().unitVector()
        shift = QPointF(normal.dx(), normal.dy()) * distance
        return QLineF(line.p1() + shift, line.p2() + shift)

    def _paint_labels(self, painter: QPainter) -> None:
        """Each weight's value (or "old → new" at the update) where the placement put it."""
        canvas = self._canvas
        layer = canvas.network.layers[self.layer]
        placement = canvas.placement
        for neuron in range(layer.n_out):
            for source in range(layer.n_in):
                ref = WeightRef(self.layer, neuron, source)
                placed = placement.get("weight", ref)
                if placed is None or not placed.visible:
                    continue
                value = float(layer.weights[neuron, source])
                new = canvas.values.weight(self.layer, neuron, source).get("new")
                color = style.sign_color(value) if new is None else style.UPDATE
                draw_label_in(painter, placed.text, placed.box, color,
                              bool(layer.frozen_weights[neuron, source]))

    def _paint_gradients(self, painter: QPainter, write: bool) -> None:
        """The backward pass: a dashed purple arrow pointing back along each line with its ∂E/∂w."""
        canvas = self._canvas
        shown = [(ref, values["grad"]) for ref, values in canvas.values.weights.items()
                 if ref.layer == self.layer and "grad" in values]
        if not shown:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(style.BACKWARD, 2, Qt.PenStyle.DashLine)
        for ref, _grad in shown:
            track = self._offset(self._line_of(ref), -7)
            painter.setPen(pen)
            painter.drawLine(track)
            draw_arrowhead(painter, track.p2(), track.p1(), style.BACKWARD)
        if not write:
            return
        placement = canvas.placement
        for ref, _grad in shown:
            placed = placement.get("grad", ref)
            if placed is not None and placed.visible:
                draw_label_in(painter, placed.text, placed.box, style.BACKWARD)

    def _paint_hovered_hidden(self, painter: QPainter) -> None:
        """The hovered weight's labels that found no free spot, drawn over the others."""
        canvas = self._canvas
        ref = canvas.hovered
        if not isinstance(ref, WeightRef) or ref.layer != self.layer:
            return
        layer = canvas.network.layers[self.layer]
        value = float(layer.weights[ref.neuron, ref.source])
        new = canvas.values.weight(ref.layer, ref.neuron, ref.source).get("new")
        colors = {"weight": style.sign_color(value) if new is None else style.UPDATE,
                  "grad": style.BACKWARD}
        for quantity, color in colors.items():
            placed = canvas.placement.get(quantity, ref)
            if placed is not None and not placed.visible:
                draw_label_in(painter, placed.text, placed.box, color)


def draw_label(painter: QPainter, text: str, anchor: QPointF, color, frozen: bool = False,
               bold: bool = False) -> QRectF:
    """``text`` in ``color`` on a pale rounded box centred on ``anchor`` (a frozen value is
    boxed with a thick dark border, as if clamped)."""
    return draw_label_in(painter, text, labels.text_box(text, anchor, bold), color, frozen, bold)


def draw_label_in(painter: QPainter, text: str, box: QRectF, color, frozen: bool = False,
                  bold: bool = False) -> QRectF:
    """``text`` in ``color`` on a pale rounded ``box`` (see draw_label)."""
    painter.setFont(labels.bold_font() if bold else labels.value_font())
    painter.setBrush(style.LABEL_BACKGROUND)
    painter.setPen(QPen(style.FROZEN, 2.2) if frozen else QPen(color.lighter(150), 0.8))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(color)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    return box


def draw_arrowhead(painter: QPainter, tail: QPointF, tip: QPointF, color, size: float = 9) -> None:
    """A filled arrowhead at ``tip``, pointing away from ``tail``."""
    angle = math.atan2(tip.y() - tail.y(), tip.x() - tail.x())
    left = tip - QPointF(math.cos(angle - 0.45), math.sin(angle - 0.45)) * size
    right = tip - QPointF(math.cos(angle + 0.45), math.sin(angle + 0.45)) * size
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([tip, left, right]))
