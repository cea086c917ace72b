"""What each neuron learned: its own output over the input plane, as a small picture.

For a network with two inputs every neuron gets a thumbnail of a(x₁, x₂) over the same plane
the Output Map dock shows (the data's range with a margin, engine.landscape's default), in the
same orange → white → blue colours. All thumbnails come from ONE engine.landscape call at a small
resolution, made lazily when the canvas paints after the weights changed: during training that
is at most once per frame, and never while nothing changed.
"""

from __future__ import annotations

import base64

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from engine import landscape
from engine.errors import NetworkError
from gui.plots.decision_map import diverging_map

RESOLUTION = 24  # grid points a side of every thumbnail
LARGE_RESOLUTION = 120  # the enlarged picture in the tooltip
MAX_NEURONS = 64  # more neurons than this in a column: no thumbnails (too small to read anyway)
_LOOKUP = diverging_map().getLookupTable(nPts=256)  # (256, 3) uint8, the output map's colours


def supports(network) -> bool:
    """Whether ``network`` gets thumbnails: exactly two inputs and no column over MAX_NEURONS."""
    return network.input_size == 2 and max(network.sizes) <= MAX_NEURONS


def plane_inputs(data) -> np.ndarray | None:
    """Every input row of ``data`` (training and test), which sets the plane's range."""
    if data is None or len(data) == 0 or data.inputs.shape[1] != 2:
        return None
    if data.has_test_split:
        return np.concatenate([data.inputs, data.test_inputs])
    return data.inputs


def levels(network, column: int, values: np.ndarray) -> tuple[float, float]:
    """The values drawn orange and blue for a neuron of ``column``; white sits halfway.

    A sigmoid, tanh or softmax unit uses its whole range, as the Output Map does (white at 0.5
    for a sigmoid, at 0 for tanh); any other unit is scaled symmetrically about zero by its
    largest |a| on the plane, so white is 0 as everywhere else on the canvas.
    """
    activation = "identity" if column == 0 else network.layers[column - 1].activation
    if activation in landscape.BOUNDED:
        return landscape.BOUNDED[activation]
    finite = values[np.isfinite(values)]
    largest = float(np.abs(finite).max()) if finite.size else 0.0
    largest = largest if largest > 0 else 1.0
    return -largest, largest


def neuron_image(values: np.ndarray, low: float, high: float) -> QImage:
    """``values`` (ny, nx), row 0 at the bottom of the plane, as an RGB image with y up."""
    share = np.clip((np.nan_to_num(values[::-1], nan=(low + high) / 2) - low) / (high - low),
                    0.0, 1.0)
    rgb = np.ascontiguousarray(_LOOKUP[np.rint(share * 255).astype(np.intp)])
    ny, nx = values.shape
    image = QImage(rgb.tobytes(), nx, ny, 3 * nx, QImage.Format.Format_RGB888)
    return image.copy()  # owns its pixels (the bytes above are temporary)


class NeuronThumbnails:
    """Thumbnail images of every neuron of ``document.network``, recomputed when invalidated."""

    def __init__(self, document):
        self._document = document
        self._images: dict[tuple[int, int], QImage] | None = None
        self.current: landscape.Landscape | None = None
        self.computations = 0  # how many landscapes were computed (tests check the throttle)

    def invalidate(self) -> None:
        """The network or data changed: compute again when next asked."""
        self._images = None
        self.current = None

    def available(self) -> bool:
        return supports(self._document.network)

    def image(self, column: int, neuron: int) -> QImage | None:
        """Neuron ``neuron`` of ``column``'s thumbnail, or None when the network has none."""
        if self._images is None:
            self._compute()
        return self._images.get((column, neuron))

    def _compute(self) -> None:
        network = self._document.network
        self._images = {}
        if not supports(network):
            return
        try:
            self.current = landscape.landscape(network, resolution=RESOLUTION,
                                               inputs=plane_inputs(self._document.data))
        except NetworkError:
            return
        self.computations += 1
        for column, maps in enumerate(self.current.activations):
            for neuron, values in enumerate(maps):
                low, high = levels(network, column, values)
                self._images[(column, neuron)] = neuron_image(values, low, high)

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
        values = result.activations[column][neuron]
        low, high = levels(network, column, values)
        image = neuron_image(values, low, high)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        encoded = base64.b64encode(bytes(data)).decode("ascii")
        x0, x1, y0, y1 = result.xs[0], result.xs[-1], result.ys[0], result.ys[-1]
        return (f"<img src='data:image/png;base64,{encoded}' width='{LARGE_RESOLUTION}' "
                f"height='{LARGE_RESOLUTION}'><br><small>its output over the input plane: "
                f"x₁ {x0:.3g} … {x1:.3g} to the right, x₂ {y0:.3g} … {y1:.3g} upward; "
                f"orange {low:.3g}, white {(low + high) / 2:.3g}, blue {high:.3g}</small>")
