"""What the canvas writes at screen size over a zoomed-out network: the column titles and a hint
saying what is hidden.

Zoomed out, text drawn in the scene shrinks with the network; below ``labels.TITLE_ZOOM`` the
view writes the column titles itself, in the canvas fonts at their own size (never smaller than
``labels.MIN_TEXT_POINTS``), each above its column and no wider than the room between columns.
Where numbers are not written (too small to read, or too many of them) a hint in the corner says
so and how to read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from gui import style
from gui.canvas import labels
from gui.canvas.neurons import SATURATED_COLOR, TITLE_SHIFT

HINT_BACKGROUND = QColor(255, 255, 240, 230)
HINT_MARGIN = 6.0


def title_band() -> float:
    """Pixels above a fitted network for its titles at screen size: title, activation, counts."""
    bold, value = QFontMetricsF(labels.bold_font()), QFontMetricsF(labels.value_font())
    return bold.height() + 2 * value.height() + 6


@dataclass(frozen=True)
class ScreenTitle:
    """One column's title lines (bold first) and the viewport box each is written in."""

    lines: tuple[str, ...]
    boxes: tuple[QRectF, ...]


def hidden_hint(scene, zoom: float) -> str:
    """What the canvas leaves out at ``zoom`` and how to see it ('' when every number is
    written)."""
    layout = scene.layout  # what is drawn (the network may be newer until the scene rebuilds)
    if len(layout.sizes) < 2:
        return ""
    if not layout.detailed:
        return QCoreApplication.translate(
            "Canvas", "Too many neurons to write their numbers: hover one for its values")
    if zoom < labels.READABLE_ZOOM:
        return QCoreApplication.translate(
            "Canvas", "Numbers hidden at this size: hover for values, zoom in (Ctrl+=) to read")
    if not all(labels.shows_weight_labels(layout, layer) for layer in range(len(layout.sizes) - 1)):
        return QCoreApplication.translate(
            "Canvas", "Weights between wide layers: hover a line for its value")
    return ""


def screen_titles(view) -> list[ScreenTitle]:
    """The titles the view writes (empty when the columns write their own)."""
    zoom = view.zoom
    if zoom >= labels.TITLE_ZOOM:
        return []
    scene = view.network_scene
    layout = scene.layout
    if len(scene.columns) != len(scene.network.sizes):
        return []  # the network changed and the scene has not rebuilt yet: nothing to name
    texts = []
    for column, item in enumerate(scene.columns):
        counts = item.health_counts()
        texts.append((*labels.column_title(scene.network, column), *([counts] if counts else [])))
    transform = view.transform()
    key = (layout, tuple(texts), view.viewport().width(), transform.m11(), transform.m22(),
           transform.dx(), transform.dy(), view.horizontalScrollBar().value(),
           view.verticalScrollBar().value())
    if view.placed_titles is not None and view.placed_titles[0] == key:
        return view.placed_titles[1]  # (every frame of a run asks; the titles rarely change)
    titles = _placed_titles(view, texts)
    view.placed_titles = (key, titles)
    return titles


def _placed_titles(view, texts: list[tuple[str, ...]]) -> list[ScreenTitle]:
    """Each column's lines (title, subtitle, counts) placed above it and fitted to its room."""
    zoom, scene = view.zoom, view.network_scene
    layout = scene.layout
    bold, value = QFontMetricsF(labels.bold_font()), QFontMetricsF(labels.value_font())
    room = max(layout.gap * zoom - 6, 24.0)  # no wider than the room between two columns
    titles = []
    for column, lines in enumerate(texts):
        title = lines[0]
        top_scene = layout.column_rect(column).top() - TITLE_SHIFT + 10
        anchor = view.mapFromScene(QPointF(layout.column_x(column), top_scene))
        heights = [bold.height()] + [value.height()] * (len(lines) - 1)
        y = max(2.0, anchor.y() - sum(heights) - 2)
        # inside the viewport: a title at its edge is narrowed, not pushed onto its neighbour
        left = max(anchor.x() - room / 2, 0.0)
        width = min(anchor.x() + room / 2, float(view.viewport().width())) - left
        boxes = []
        for height in heights:
            boxes.append(QRectF(left, y, width, height))
            y += height
        shown = (_fitted(bold, [title, short_title(scene.network, column)], width),
                 *(_fitted(value, [line], width) for line in lines[1:]))
        titles.append(ScreenTitle(shown, tuple(boxes)))
    return titles


def short_title(network, column: int) -> str:
    """A column's title in two or three letters, for columns too close for the whole one."""
    if column == 0:
        return QCoreApplication.translate("Canvas", "In")
    if column == len(network.layers):
        return QCoreApplication.translate("Canvas", "Out")
    return QCoreApplication.translate("Canvas", "H{n}").format(n=column)


def _fitted(metrics: QFontMetricsF, candidates: list[str], width: float) -> str:
    """The first of ``candidates`` that fits ``width``; else the last one elided for a title
    (its first candidate) and nothing for a subtitle (it would say nothing in a letter)."""
    for text in candidates:
        if metrics.horizontalAdvance(text) <= width:
            return text
    if len(candidates) == 1:
        return ""
    return metrics.elidedText(candidates[-1], Qt.TextElideMode.ElideRight, width)


def hint_box(view, text: str) -> QRectF:
    """Where the hint is written: the viewport's bottom-left corner, wrapped to its width."""
    metrics = QFontMetricsF(labels.value_font())
    width = max(40.0, view.viewport().width() - 2 * HINT_MARGIN - 8)
    bounds = metrics.boundingRect(QRectF(0, 0, width, 1000),
                                  int(Qt.TextFlag.TextWordWrap), text)
    height = bounds.height() + 6
    return QRectF(HINT_MARGIN, view.viewport().height() - height - HINT_MARGIN,
                  bounds.width() + 8, height)


def paint(view, painter: QPainter) -> None:
    """The screen-size titles and the hint, in viewport coordinates."""
    painter.save()
    try:
        _paint_in_viewport(view, painter)
    finally:  # an error must not leave the painter's state unbalanced (Qt would crash)
        painter.restore()


def _paint_in_viewport(view, painter: QPainter) -> None:
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    for title in screen_titles(view):
        for index, (line, box) in enumerate(zip(title.lines, title.boxes, strict=True)):
            painter.setFont(labels.bold_font() if index == 0 else labels.value_font())
            painter.setPen(style.TEXT if index == 0 else SATURATED_COLOR if index == 2
                           else style.MUTED_TEXT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, line)
    text = view.hidden_detail_hint()
    if text:
        box = hint_box(view, text)
        painter.setPen(QPen(style.MUTED_TEXT, 0.8))
        painter.setBrush(HINT_BACKGROUND)
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(labels.value_font())
        painter.setPen(style.TEXT)
        painter.drawText(box.adjusted(4, 3, -4, -3),
                         int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)
