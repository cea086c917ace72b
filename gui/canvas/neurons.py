"""One column of neurons (a layer), painted by one item: circles, names, values, bias tags.

In the detailed layout (small networks) every neuron carries its name above, its activation a
inside, its bias tag "b = …" below and, during the backward pass, its δ. In the compact layout
neurons are small discs tinted by the sign of a, their numbers shown on hover.

With two inputs a neuron is filled with its thumbnail (its output over the input plane,
gui/canvas/thumbnails.py), its value then on a pale pill on top. Dead ReLU units get a grey
hatched ring and saturated sigmoid/tanh units a red ring (gui/derived.py), tagged in the
detailed layout and counted under the column title.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui import style
from gui.canvas import labels
from gui.canvas.connections import draw_label, draw_label_in
from gui.items import BiasRef, NeuronRef

DEAD_COLOR = QColor("#7a7a7a")  # grey: a unit that no longer does anything
SATURATED_COLOR = QColor("#d7301f")  # red: a unit stuck on a flat tail of its curve
PILL_BACKGROUND = QColor(255, 255, 255, 200)
_DEAD_FILL = QColor(200, 200, 200, 170)  # greys a dead unit's picture when zoomed out
TITLE_SHIFT = 16.0  # the column titles sit this much higher, leaving a line for the counts
THUMBNAIL_MIN_PIXELS = 7.0  # a thumbnail is drawn only when the disc is this many pixels wide


class ColumnItem(QGraphicsItem):
    """Column ``column`` of the network: 0 is the input layer, c is engine layer c − 1."""

    def __init__(self, canvas, column: int):
        super().__init__()
        self._canvas = canvas
        self.column = column
        # δ and the bias tags reach sideways past the column, into the connections
        self._rect = canvas.layout.column_rect(column).adjusted(-120, -60 - TITLE_SHIFT, 120, 8)
        self.setZValue(1)
        # what the last paint showed of the numbers: None when it wrote them, else the signs
        # that tint the discs (b"" under thumbnails) and which diagnosis and thumbnails, so a
        # frame that changes none of them repaints nothing; the picture is cached at screen
        # resolution for the neighbours' repaints
        self._look: tuple | None = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect

    def refresh(self) -> None:
        """The weights changed: repaint if the picture may have (numbers written, a sign tint
        turned, a thumbnail or a diagnosis due now)."""
        canvas = self._canvas
        due = any(part.pending and part.wait_left() == 0.0 for part, shown in (
            (canvas.health, canvas.show_health), (canvas.thumbnails, canvas.show_thumbnails))
            if shown)
        if due or self._look is None or self._look != self._compact_look():
            self.update()

    def _compact_look(self) -> tuple:
        """What a compact paint shows: which diagnosis and thumbnails (however they were
        asked for, say by the training panel) and the signs that tint the discs (b"" when
        thumbnails fill them)."""
        canvas = self._canvas
        made = (canvas.health.computations, canvas.thumbnails.computations)
        if canvas.show_thumbnails and canvas.thumbnails.image(self.column, 0) is not None:
            return (*made, b"")
        count = canvas.layout.sizes[self.column]
        return (*made, _signs(canvas.values.activations(self.column), count).tobytes())

    def paint(self, painter: QPainter, option, widget=None) -> None:
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if zoom >= labels.TITLE_ZOOM:  # else the view writes it at screen size (view.py)
            self._paint_title(painter)
        if self._canvas.layout.detailed and zoom >= labels.READABLE_ZOOM:
            self._paint_detailed(painter)
            self._look = None
        else:
            self._paint_compact(painter, zoom)
            self._look = self._compact_look()
        self._canvas.health_painted()

    # ----- the column header --------------------------------------------------------------------
    def _paint_title(self, painter: QPainter) -> None:
        layout = self._canvas.layout
        title, subtitle = labels.column_title(self._canvas.network, self.column)
        top = layout.column_rect(self.column).top() - TITLE_SHIFT
        x = layout.column_x(self.column)
        painter.setFont(labels.bold_font())
        painter.setPen(style.TEXT)
        painter.drawText(QRectF(x - 90, top - 46, 180, 20), Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(labels.value_font())
        painter.setPen(style.MUTED_TEXT)
        painter.drawText(QRectF(x - 90, top - 28, 180, 18), Qt.AlignmentFlag.AlignCenter,
                         subtitle)
        counts = self.health_counts()
        if counts:
            painter.setPen(SATURATED_COLOR if self.health().saturated_count else DEAD_COLOR)
            painter.drawText(QRectF(x - 90, top - 10, 180, 18), Qt.AlignmentFlag.AlignCenter,
                             counts)

    def health(self):
        """This column's LayerHealth when the overlay is on, else None."""
        canvas = self._canvas
        return canvas.health.layer(self.column) if canvas.show_health else None

    def health_counts(self) -> str:
        """'2 dead', '1 saturated', both, or '' — the line under the column title."""
        health = self.health()
        if health is None:
            return ""
        parts = []
        if health.dead_count:
            parts.append(QCoreApplication.translate("Canvas", "{n} dead").format(
                n=health.dead_count))
        if health.saturated_count:
            parts.append(QCoreApplication.translate("Canvas", "{n} saturated").format(
                n=health.saturated_count))
        return " · ".join(parts)

    def thumbnail(self, neuron: int) -> QImage | None:
        """The neuron's thumbnail (a disc on a transparent square), or None when not shown."""
        canvas = self._canvas
        if not canvas.show_thumbnails:
            return None
        return canvas.thumbnails.image(self.column, neuron)

    @staticmethod
    def _paint_thumbnail(painter: QPainter, image: QImage, centre: QPointF, radius: float):
        """The picture in the disc, then the outline with the current pen (one image blit)."""
        # antialiasing off for the blit: with it Qt takes a slow path (80 µs, not 3 µs, an
        # image), and the image's own edge is transparent anyway
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawImage(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius,
                                 2 * radius), image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius, radius)

    # ----- small networks: every number written -------------------------------------------------
    def _paint_detailed(self, painter: QPainter) -> None:
        canvas, column = self._canvas, self.column
        layout = canvas.layout
        radius = layout.radii[column]
        health = self.health()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for neuron in range(layout.sizes[column]):
            centre = layout.centre(column, neuron)
            ref = NeuronRef(column, neuron)
            if health is not None:
                self._paint_health(painter, health, neuron, centre, radius, tag=True)
            self._paint_marks(painter, ref, centre, radius)
            values = canvas.values.neuron(column, neuron)
            thumbnail = self.thumbnail(neuron)
            painter.setPen(QPen(style.NEURON_OUTLINE, 1.6))
            if thumbnail is not None:
                self._paint_thumbnail(painter, thumbnail, centre, radius)
            else:
                painter.setBrush(style.INPUT_FILL if column == 0 else style.NEURON_FILL)
                painter.drawEllipse(centre, radius, radius)
            placement = canvas.placement
            name = placement.get("name", ref)
            if name is not None and (name.visible or ref == canvas.hovered):
                painter.setFont(labels.value_font())
                painter.setPen(style.MUTED_TEXT)
                painter.drawText(name.box, Qt.AlignmentFlag.AlignCenter, name.text)
            self._paint_activation(painter, values, centre, on_picture=thumbnail is not None)
            if column > 0:
                self._paint_bias(painter, neuron)
            delta = placement.get("delta", ref)
            if delta is not None and (delta.visible or ref == canvas.hovered):
                draw_label_in(painter, delta.text, delta.box, style.BACKWARD)

    def _paint_activation(self, painter: QPainter, values: dict, centre: QPointF,
                          on_picture: bool = False) -> None:
        activation = values.get("a")
        if activation is not None:
            text = style.format_value(activation)
        elif "z" in values:  # the step-through has the weighted sum, not yet f(z)
            text = f"z={style.format_value(values['z'])}"
        else:
            text = "?"
        font = QFont(labels.bold_font())  # a copy: it may shrink below
        box = labels.text_box(text, centre, bold=True)
        room = 2 * self._canvas.layout.radii[self.column] - 2
        if box.width() > room:  # a long number shrinks to stay inside its circle
            font.setPointSizeF(font.pointSizeF() * room / box.width())
        painter.setFont(font)
        if on_picture:  # a pale pill keeps the number readable on any colour of the thumbnail
            pill = box if box.width() <= room else box.adjusted(
                (box.width() - room) / 2, 0, -(box.width() - room) / 2, 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PILL_BACKGROUND)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(style.TEXT if activation is not None else style.ZERO)
        painter.drawText(box.adjusted(-20, 0, 20, 0), Qt.AlignmentFlag.AlignCenter, text)

    def _paint_health(self, painter: QPainter, health, neuron: int, centre: QPointF,
                      radius: float, tag: bool) -> None:
        """A grey hatched ring round a dead unit, a red ring round a saturated one, and a tag.

        Without the tag (zoomed out, where a thin ring vanishes) the marks are drawn over the
        disc with pens of fixed pixel width: a dead unit greyed and hatched, a saturated one
        ringed in red.
        """
        if health.dead[neuron]:
            if tag:
                ring = QPainterPath()
                ring.addEllipse(centre, radius + 5, radius + 5)
                ring.addEllipse(centre, radius, radius)  # odd-even fill: only the ring
                painter.setPen(QPen(DEAD_COLOR, 2.0))
                painter.setBrush(QBrush(DEAD_COLOR, Qt.BrushStyle.BDiagPattern))
                painter.drawPath(ring)
            else:
                painter.setPen(_pixel_pen(DEAD_COLOR, 2.0))
                painter.setBrush(_DEAD_FILL)
                painter.drawEllipse(centre, radius, radius)
                painter.setBrush(QBrush(DEAD_COLOR, Qt.BrushStyle.BDiagPattern))
                painter.drawEllipse(centre, radius, radius)
            text, color = "dead", DEAD_COLOR
        elif health.saturated[neuron]:
            painter.setPen(QPen(SATURATED_COLOR, 3.0) if tag else _pixel_pen(SATURATED_COLOR, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, radius + 3, radius + 3)
            text, color = "saturated", SATURATED_COLOR
        else:
            return
        if tag:
            draw_label(painter, text, labels.health_anchor(self._canvas.layout, self.column,
                                                           neuron, text), color)

    def _paint_bias(self, painter: QPainter, neuron: int) -> None:
        """The bias tag under the neuron ("old → new" at the update), then its ∂E/∂b."""
        canvas, column = self._canvas, self.column
        layer = canvas.network.layers[column - 1]
        value = float(layer.biases[neuron])
        bias_ref = BiasRef(column - 1, neuron)
        shown = canvas.placement.get("bias", bias_ref)
        hovered = bias_ref == canvas.hovered
        if shown is not None and (shown.visible or hovered):
            box = shown.box
            if bias_ref in canvas.highlighted:
                painter.setPen(QPen(style.HIGHLIGHT, 6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(-2, -2, 2, 2), 4, 4)
            if bias_ref == canvas.selection:
                painter.setPen(QPen(style.SELECTION, 1.5, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(-3, -3, 3, 3), 4, 4)
            new = canvas.values.bias(column - 1, neuron).get("new") if canvas.values.stepping \
                else None
            color = style.sign_color(value) if new is None else style.UPDATE
            draw_label_in(painter, shown.text, box, color, bool(layer.frozen_biases[neuron]))
        grad = canvas.placement.get("grad", bias_ref)
        if grad is not None and (grad.visible or hovered):
            draw_label_in(painter, grad.text, grad.box, style.BACKWARD)

    def _paint_marks(self, painter: QPainter, ref, centre: QPointF, radius: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if ref in self._canvas.highlighted:
            painter.setPen(QPen(style.HIGHLIGHT, 5))
            painter.drawEllipse(centre, radius + 4, radius + 4)
        if ref == self._canvas.selection:
            painter.setPen(QPen(style.SELECTION, 2, Qt.PenStyle.DotLine))
            painter.drawEllipse(centre, radius + 4, radius + 4)
        elif ref == self._canvas.hovered:
            painter.setPen(QPen(style.HOVER, 1))
            painter.drawEllipse(centre, radius + 3, radius + 3)

    # ----- big networks: discs tinted by the sign of a ------------------------------------------
    def _paint_compact(self, painter: QPainter, zoom: float) -> None:
        canvas, column = self._canvas, self.column
        layout = canvas.layout
        radius = layout.radii[column]
        ys = layout.column_ys(column)
        x = layout.column_x(column)
        activations = canvas.values.activations(column)
        outlined = zoom * radius >= 4.0  # an outline only where it is more than a few pixels
        painter.setPen(QPen(style.NEURON_OUTLINE, 0) if outlined else Qt.PenStyle.NoPen)
        if canvas.show_thumbnails and 2 * zoom * radius >= THUMBNAIL_MIN_PIXELS and (
                canvas.thumbnails.image(column, 0) is not None):
            # the thumbnails replace the sign tints (one disc each, not two)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            for i in range(len(ys)):
                self._paint_thumbnail(painter, self.thumbnail(i), QPointF(x, ys[i]), radius)
        else:
            self._paint_sign_discs(painter, zoom, activations, x, ys, radius)
        health = self.health()
        if health is not None:
            for i in np.flatnonzero(health.dead | health.saturated).tolist():
                self._paint_health(painter, health, i, QPointF(x, ys[i]), radius, tag=False)
        for ref in (canvas.selection, canvas.hovered, *canvas.highlighted):
            if isinstance(ref, NeuronRef) and ref.column == column:
                self._paint_marks(painter, ref, layout.centre(column, ref.neuron), radius)

    @staticmethod
    def _paint_sign_discs(painter: QPainter, zoom: float, activations, x: float, ys, radius):
        signs = _signs(activations, len(ys))
        for sign, brush in _SIGN_FILLS.items():
            members = np.flatnonzero(signs == sign)
            if not members.size:
                continue
            painter.setBrush(brush)
            if zoom * radius < 2.0:
                painter.drawRects([QRectF(x - radius, ys[i] - radius, 2 * radius, 2 * radius)
                                   for i in members.tolist()])
            else:
                for i in members.tolist():
                    painter.drawEllipse(QPointF(x, ys[i]), radius, radius)


def _signs(activations, count: int) -> np.ndarray:
    if activations is None:
        return np.zeros(count)
    return np.sign(np.nan_to_num(activations))


def _paler(color: QColor, amount: float) -> QColor:
    """``color`` mixed with white: 0 keeps it, 1 is white."""
    return QColor(*(round(c + (255 - c) * amount) for c in (color.red(), color.green(),
                                                              color.blue())))


# pale tints of the sign colours: the lines stay the strongest marks on the canvas
_SIGN_FILLS = {sign: QBrush(_paler(color, 0.55))
               for sign, color in ((1, style.POSITIVE), (-1, style.NEGATIVE), (0, style.ZERO))}


def _pixel_pen(color: QColor, width: float) -> QPen:
    """A pen ``width`` screen pixels wide at any zoom."""
    pen = QPen(color, width)
    pen.setCosmetic(True)
    return pen
