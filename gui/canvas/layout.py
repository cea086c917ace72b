"""Where everything sits on the canvas: columns left to right, neurons top to bottom.

Pure geometry from the layer sizes alone (no network math), shared by the items that paint
and by the hit test that turns a mouse position into the thing under it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF

DETAILED_MAX_NEURONS = 8  # up to this many neurons in every layer: labels, values, bias tags
# vertical distance between neuron centres in the detailed layout: room for a neuron's name
# above it and its bias and ∂E/∂b stacked below it, without touching its neighbour's
DETAILED_SPACING = 120.0
COMPACT_SPACING = 26.0
MAX_COLUMN_HEIGHT = 1200.0  # a huge layer is squeezed so the canvas stays a sensible shape
DETAILED_GAP = 280.0  # between columns: room along a line for its weight, ∂E/∂w and update
COMPACT_GAP = 420.0
DETAILED_RADIUS = 27.0
COMPACT_RADIUS = 9.0


@dataclass(frozen=True)
class CanvasLayout:
    """Centres of every neuron for layer sizes ``sizes`` (input layer first)."""

    sizes: tuple[int, ...]
    detailed: bool
    gap: float
    spacings: tuple[float, ...]
    radii: tuple[float, ...]

    @classmethod
    def for_sizes(cls, sizes) -> CanvasLayout:
        sizes = tuple(int(n) for n in sizes)
        detailed = max(sizes) <= DETAILED_MAX_NEURONS
        spacing = DETAILED_SPACING if detailed else COMPACT_SPACING
        radius = DETAILED_RADIUS if detailed else COMPACT_RADIUS
        spacings, radii = [], []
        for n in sizes:
            fitted = min(spacing, MAX_COLUMN_HEIGHT / max(n, 1))
            spacings.append(fitted)
            radii.append(min(radius, fitted * 0.38))
        gap = DETAILED_GAP if detailed else COMPACT_GAP
        return cls(sizes, detailed, gap, tuple(spacings), tuple(radii))

    def column_x(self, column: int) -> float:
        return column * self.gap

    def neuron_y(self, column: int, neuron: int) -> float:
        return (neuron - (self.sizes[column] - 1) / 2.0) * self.spacings[column]

    def centre(self, column: int, neuron: int) -> QPointF:
        return QPointF(self.column_x(column), self.neuron_y(column, neuron))

    def column_ys(self, column: int) -> np.ndarray:
        """y of every neuron of ``column``, shape (n,)."""
        n = self.sizes[column]
        return (np.arange(n) - (n - 1) / 2.0) * self.spacings[column]

    def column_rect(self, column: int) -> QRectF:
        """The column's neurons with their labels and bias tags around them."""
        n = self.sizes[column]
        r = self.radii[column]
        half_height = (n - 1) / 2.0 * self.spacings[column] + r
        below = r + 46.0 if self.detailed else r + 4.0  # room for the bias tag and ∂E/∂b
        above = r + 22.0 if self.detailed else r + 4.0  # room for the label above
        width = max(self.gap * 0.45, 2 * r + 8) if self.detailed else 2 * r + 8
        x = self.column_x(column)
        return QRectF(x - width / 2, -half_height - above + r, width,
                      2 * half_height + above + below - 2 * r)

    def connections_rect(self, layer: int) -> QRectF:
        """The band between column ``layer`` and column ``layer + 1`` (engine layer ``layer``)."""
        top = min(self.column_ys(layer)[0], self.column_ys(layer + 1)[0])
        bottom = max(self.column_ys(layer)[-1], self.column_ys(layer + 1)[-1])
        return QRectF(self.column_x(layer), top - 2, self.gap, bottom - top + 4)

    def bounds(self) -> QRectF:
        rect = QRectF()
        for column in range(len(self.sizes)):
            rect = rect.united(self.column_rect(column))
        # right: δ beside the output neurons (its box ends r + 2 + its width past the centre);
        # no wider, so a small network fits a 1280 × 800 window's canvas with 9 pt numbers
        return rect.adjusted(-20, -50, 50, 10)

    def neuron_at(self, column: int, y: float) -> int | None:
        """The neuron of ``column`` nearest to height ``y`` (None when the column is empty)."""
        n = self.sizes[column]
        if n == 0:
            return None
        index = round(y / self.spacings[column] + (n - 1) / 2.0)
        return min(max(index, 0), n - 1)
