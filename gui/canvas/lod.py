"""Level of detail: a big block of connections drawn as one picture of its weight matrix.

Past a few thousand connections between two layers, single lines are a grey blur and slow to
draw; the matrix W (n_out rows, n_in columns) as an image shows the same signs and magnitudes
at a glance. Single lines come back when the learner zooms in.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from gui.style import NEGATIVE, POSITIVE

LOD_CONNECTIONS = 2000  # more connections than this between two layers: image when zoomed out
LINES_ZOOM = 1.0  # at or above this zoom, single lines are drawn even for a big block
WIDTH_LEVELS = 5  # line widths by magnitude: this many steps


def _rgb(color) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()], dtype=np.float64)


def weight_image(weights: np.ndarray, scale: float) -> QImage:
    """W as an RGB image, one pixel per weight: blue above zero, orange below, white at zero.

    ``scale`` is the magnitude drawn at full colour (the largest |w| of the network).
    """
    strength = np.clip(np.abs(weights) / scale, 0.0, 1.0)[..., np.newaxis] if scale > 0 else (
        np.zeros(weights.shape + (1,))
    )
    strength = np.nan_to_num(strength, nan=0.0)
    color = np.where(weights[..., np.newaxis] >= 0, _rgb(POSITIVE), _rgb(NEGATIVE))
    white = np.full(3, 255.0)
    rgb = white + (color - white) * np.sqrt(strength)  # sqrt: small weights stay visible
    rgba = np.empty(weights.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = rgb.astype(np.uint8)
    rgba[..., 3] = 255
    rows, columns = weights.shape
    pixels = rgba.tobytes()  # kept alive until the copy below: QImage only borrows it
    image = QImage(pixels, columns, rows, columns * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # an image that owns its pixels


def width_levels(weights: np.ndarray, scale: float) -> np.ndarray:
    """Each weight's line-width step 0 … WIDTH_LEVELS−1 by |w| / scale, same shape, flattened."""
    if scale <= 0:
        return np.zeros(weights.size, dtype=np.int64)
    relative = np.nan_to_num(np.abs(weights.ravel()) / scale, nan=0.0)
    return np.minimum((relative * WIDTH_LEVELS).astype(np.int64), WIDTH_LEVELS - 1)


def line_width(level: int, detailed: bool) -> float:
    """Pen width of width step ``level``: 1 … 5 px in the detailed layout, thinner when dense."""
    return (1.0 + level) if detailed else (0.6 + 0.5 * level)
