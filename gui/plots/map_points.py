"""The Output Map's samples as dots: where each sits and its colour (gui/plots/decision_map.py).

On a 2-input map a dot sits at (x₁, x₂) in its class' colour; on a 1-input curve at (x, t) in
the text colour. At most MAX_POINTS evenly spaced samples are drawn: a brush per point of a
million would take gigabytes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from engine.analysis import diagnostics, landscape, ranges
from gui.style import TEXT

MAX_POINTS = 5_000  # samples drawn as dots: a bigger set shows evenly spaced ones


def point_spots(inputs: np.ndarray, targets: np.ndarray, palette, hollow: bool = False) -> dict:
    """x, y and a pen (``hollow``) or brush per sample of ``inputs`` (n, 1 or 2) with
    ``targets`` (n, k): its class' colour from ``palette``, or the text colour on a curve."""
    stride = max(1, -(-len(inputs) // MAX_POINTS))
    inputs, targets = inputs[::stride], targets[::stride]
    if inputs.shape[1] == 1:
        x, y = inputs[:, 0], targets[:, 0]
        palette, colors = (TEXT,), [0] * len(x)
    else:
        x, y = inputs[:, 0], inputs[:, 1]
        colors = [int(c) % len(palette) for c in sample_classes(targets)]
    # one pen or brush per colour, shared: pyqtgraph then renders each symbol once
    if hollow:
        pens = [pg.mkPen(color, width=2) for color in palette]
        return {"x": x, "y": y, "pen": [pens[c] for c in colors]}
    brushes = [pg.mkBrush(color) for color in palette]
    return {"x": x, "y": y, "brush": [brushes[c] for c in colors]}


def sample_classes(targets: np.ndarray) -> np.ndarray:
    """The class of each row of ``targets`` (n, k) as the engine reads it; targets that are not
    classes split at the middle of the first column's range."""
    kind = diagnostics.target_classes(targets)
    if kind is None:
        middle = ranges.midpoint(*landscape.data_range(targets[:, 0], 0.0))
        return (targets[:, 0] >= middle).astype(np.intp)
    return diagnostics.predicted_classes(targets, kind)
