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
MAX_LINES = 200_000  # a bigger block is an image at any zoom (4096 × 2440 lines: 31 s, 3.3 GB)
WIDTH_LEVELS = 5  # line widths by magnitude: this many steps


LEVELS = 1024  # strength steps of the weight image's colour table


def _rgb(color) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()], dtype=np.float64)


def _colour_table() -> np.ndarray:
    """(2·LEVELS,) 0xAARRGGBB colours: strength step k of blue (first half) or orange."""
    strength = np.linspace(0.0, 1.0, LEVELS)[:, np.newaxis]
    white = np.full(3, 255.0)
    table = np.empty(2 * LEVELS, dtype=np.uint32)
    for half, color in enumerate((POSITIVE, NEGATIVE)):
        rgb = (white + (_rgb(color) - white) * np.sqrt(strength)).astype(np.uint32)  # sqrt:
        # small weights stay visible
        table[half * LEVELS:(half + 1) * LEVELS] = (
            0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2])
    return table


_TABLE = _colour_table()


def weight_colours(weights: np.ndarray, scale: float) -> np.ndarray:
    """Each weight's colour step in the image's table, same shape as ``weights``: its strength
    step |w| / scale of LEVELS (``scale`` drawn at full colour), plus LEVELS below zero."""
    relative = np.abs(weights) * ((LEVELS - 1) / scale) if scale > 0 else np.zeros(weights.shape)
    steps = np.nan_to_num(relative, nan=0.0, posinf=LEVELS - 1)
    index = np.minimum(steps, LEVELS - 1).astype(np.intp)
    index += LEVELS * (weights < 0)
    return index


def weight_image(colours: np.ndarray) -> QImage:
    """W as an RGB image, one pixel per weight (``colours`` from :func:`weight_colours`): blue
    above zero, orange below, white at zero.

    Colours come from a table of LEVELS strengths per sign: one gather instead of per-pixel
    arithmetic (a 128 × 784 layer is redrawn every training frame).
    """
    pixels = np.ascontiguousarray(_TABLE[colours])  # kept alive until the copy below
    rows, columns = colours.shape
    image = QImage(pixels.data, columns, rows, columns * 4, QImage.Format.Format_RGB32)
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
