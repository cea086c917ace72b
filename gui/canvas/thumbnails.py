"""What each neuron learned: its own output over the input plane, as a small picture.

For a network with two inputs every neuron gets a thumbnail of a(x₁, x₂) over the same plane
the Output Map dock shows (the data's range with a margin, engine.analysis.landscape's default), in
the same orange → white → blue colours. All thumbnails come from ONE engine.analysis.landscape call
at a small resolution, made lazily when the canvas paints after the weights changed, never while
nothing changed. During training (a throttled change) at most every MIN_INTERVAL seconds: the
thumbnails then update 10 times a second while the canvas itself keeps every frame; a change left
waiting is ``pending`` and the canvas comes back for it once ``wait_left`` is over.
"""

from __future__ import annotations

import base64
import time
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QImage

from engine.analysis import landscape, ranges
from engine.errors import NetworkError
from engine.model.activations import get_activation
from gui.plots.decision_map import diverging_map
from gui.style import format_value

RESOLUTION = 24  # grid points a side of every thumbnail (a 54-pixel disc of the detailed layout)
COMPACT_RESOLUTION = 12  # …of the compact layout's 18-pixel discs: a quarter of the points
LARGE_RESOLUTION = 120  # the enlarged picture in the tooltip
MIN_INTERVAL = 0.1  # seconds: while training, thumbnails are recomputed at most 10 times a second
THUMBNAIL_MAX_NEURONS = 64  # more neurons in a column: no thumbnails (too small to read anyway)
_LOOKUP = diverging_map().getLookupTable(nPts=256)  # (256, 3) uint8, the output map's colours
_TABLE = (0xFF000000 | (_LOOKUP[:, 0].astype(np.uint32) << 16)  # …as 0xAARRGGBB pixels
          | (_LOOKUP[:, 1].astype(np.uint32) << 8) | _LOOKUP[:, 2].astype(np.uint32))


def supports(network) -> bool:
    """Whether ``network`` gets thumbnails: two inputs and no column over THUMBNAIL_MAX_NEURONS."""
    return network.input_size == 2 and max(network.sizes) <= THUMBNAIL_MAX_NEURONS


def plane_inputs(data) -> np.ndarray | None:
    """Every input row of ``data`` (training and test), which sets the plane's range."""
    if data is None or len(data) == 0 or data.inputs.shape[1] != 2:
        return None
    if data.has_test_split:
        return np.concatenate([data.inputs, data.test_inputs])
    return data.inputs


def levels(network, column: int, maps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values drawn orange and blue, (n,) each, for the neurons of ``column``.

    ``maps`` (n, ny, nx) holds each neuron's values over the plane; white sits halfway. A
    sigmoid, tanh or softmax unit uses its whole range, as the Output Map does (white at 0.5
    for a sigmoid, at 0 for tanh); any other unit is scaled symmetrically about zero by its
    largest |a| on the plane, so white is 0 as everywhere else on the canvas.
    """
    n = maps.shape[0]
    activation = "identity" if column == 0 else network.layers[column - 1].activation
    bounded = get_activation(activation).output_range
    if bounded is not None:
        low, high = bounded
        return np.full(n, float(low)), np.full(n, float(high))
    magnitude = np.where(np.isfinite(maps), np.abs(maps), 0.0).reshape(n, -1)
    largest = magnitude.max(axis=1) if magnitude.shape[1] else np.zeros(n)
    largest = np.where(largest > 0, largest, 1.0)
    return -largest, largest


def column_images(network, column: int, maps: np.ndarray, disc: bool = True) -> list[QImage]:
    """One image per neuron of ``column`` from its map (ny, nx), row 0 at the bottom of the
    plane, drawn with y up (image row 0 is the top).

    With ``disc`` the corners outside the inscribed circle are transparent, so the canvas
    draws a neuron's picture with one plain image blit (no clip path, no texture brush).
    """
    low, high = levels(network, column, maps)
    low, high = low[:, None, None], high[:, None, None]
    flipped = maps[:, ::-1]
    flipped = np.where(np.isnan(flipped), (low + high) / 2, flipped)  # NaN: white (halfway)
    share = ranges.shares(flipped, low, high)  # no overflow for any finite low, high
    pixels = np.ascontiguousarray(_TABLE[np.rint(share * 255).astype(np.intp)])
    n, ny, nx = maps.shape
    if disc:  # premultiplied alpha: every byte (B, G, R, A) times the disc's coverage
        channels = pixels.view(np.uint8).reshape(n, ny, nx, 4)
        pixels = np.ascontiguousarray(
            np.rint(channels * _disc_coverage(ny, nx)[..., None]).astype(np.uint8))
    image_format = QImage.Format.Format_ARGB32_Premultiplied
    # each image is copied so it owns its pixels (``pixels`` is temporary)
    return [QImage(pixels[i].data, nx, ny, 4 * nx, image_format).copy() for i in range(n)]


@lru_cache(maxsize=8)
def _disc_coverage(ny: int, nx: int) -> np.ndarray:
    """(ny, nx) share of each pixel inside the inscribed circle, widened by half a pixel so
    the neuron's outline covers the soft edge."""
    y = (np.arange(ny) + 0.5 - ny / 2) / (ny / 2)
    x = (np.arange(nx) + 0.5 - nx / 2) / (nx / 2)
    distance = np.hypot(x[None, :], y[:, None]) * (min(nx, ny) / 2)  # in pixels
    return np.clip(min(nx, ny) / 2 + 0.5 - distance, 0.0, 1.0)


class NeuronThumbnails:
    """Thumbnail images of every neuron of ``document.network``, recomputed when invalidated."""

    def __init__(self, document, clock=time.perf_counter):
        self._document = document
        self._clock = clock
        self._images: dict[tuple[int, int], QImage] | None = None
        self._stale = False  # a training frame changed the weights; the images wait their turn
        self._next_allowed = 0.0
        self.current: landscape.Landscape | None = None
        self.computations = 0  # how many landscapes were computed (tests check the throttle)
        self.resolution = RESOLUTION

    def invalidate(self, throttled: bool = False) -> None:
        """The network or data changed: compute again when next asked. ``throttled``: a
        training frame, which keeps the last images until MIN_INTERVAL has passed."""
        if throttled and self._images:
            self._stale = True
            return
        self._images = None
        self._stale = False
        self.current = None

    @property
    def pending(self) -> bool:
        """A training frame's change is not yet drawn (its wait is not over)."""
        return self._stale

    def wait_left(self) -> float:
        """Seconds until a pending change may be computed (0 when it may be now)."""
        return max(0.0, self._next_allowed - self._clock())

    def image(self, column: int, neuron: int) -> QImage | None:
        """Neuron ``neuron`` of ``column``'s thumbnail, or None when the network has none."""
        if self._images is None or (self._stale and self.wait_left() == 0.0):
            self._compute()
        return self._images.get((column, neuron))

    def _compute(self) -> None:
        network = self._document.network
        self._images = {}
        self._stale = False
        self._next_allowed = self._clock() + MIN_INTERVAL
        if not supports(network):
            return
        try:
            self.current = landscape.landscape(network, resolution=self.resolution,
                                               inputs=plane_inputs(self._document.data))
        except NetworkError:
            return
        self.computations += 1
        for column, maps in enumerate(self.current.activations):
            for neuron, image in enumerate(column_images(network, column, maps)):
                self._images[(column, neuron)] = image

    def large_image_html(self, column: int, neuron: int) -> str:
        """The neuron's map at LARGE_RESOLUTION as an <img> for a tooltip ('' without one)."""
        network = self._document.network
        if not supports(network):
            return ""
        inputs = plane_inputs(self._document.data)
        try:
            result = landscape.landscape(network, resolution=LARGE_RESOLUTION, inputs=inputs)
        except NetworkError:
            return ""
        maps = result.activations[column][neuron : neuron + 1]
        image = column_images(network, column, maps, disc=False)[0]
        low, high = (float(v[0]) for v in levels(network, column, maps))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        encoded = base64.b64encode(bytes(data)).decode("ascii")
        x0, x1, y0, y1 = (format_value(float(v)) for v in (result.xs[0], result.xs[-1],
                                                           result.ys[0], result.ys[-1]))
        low_text, middle, high_text = (format_value(v) for v in (low, (low + high) / 2, high))
        legend = QCoreApplication.translate(
            "NeuronThumbnails", "its output over the input plane:<br>x₁ from {x0} to {x1} →, "
            "x₂ from {y0} to {y1} ↑<br>orange {low} · white {middle} · blue {high}").format(
            x0=x0, x1=x1, y0=y0, y1=y1, low=low_text, middle=middle, high=high_text)
        return (f"<img src='data:image/png;base64,{encoded}' width='{LARGE_RESOLUTION}' "
                f"height='{LARGE_RESOLUTION}'><br><small>{legend}</small>")
