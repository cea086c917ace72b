"""The canvas as a picture: PNG at twice its size, or SVG, of the whole network."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

PNG_SCALE = 2  # pixels per scene unit: sharp on high-density screens and in print


def export_png(scene, path: str) -> bool:
    """Render ``scene`` (all of it) to the PNG ``path``; False if it cannot be written."""
    rect = scene.sceneRect()
    image = QImage((rect.size() * PNG_SCALE).toSize(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image.save(path)


def export_svg(scene, path: str, title: str = "") -> bool:
    """Render ``scene`` to the SVG drawing ``path``; False if it cannot be written."""
    from PySide6.QtSvg import QSvgGenerator  # loaded only when someone exports

    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    return painter.end()
