"""What the network computes over its whole input space: a map for 2 inputs, a curve for 1.

For a 2-input network every point of a regular grid over the input plane goes through the network
in ONE batched forward pass (the grid points are the rows of one batch), giving the output map and
every neuron's own activation map (the thumbnails drawn inside the neurons). A 1-input network
gets the curve x → output the same way.

Grids are row-major: ``map[i, j]`` is the value at (x = xs[j], y = ys[i]), so row 0 is y_min.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from engine.analysis import ranges
from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.activations import get_activation
from engine.model.network import Network

DEFAULT_RESOLUTION = 64
DEFAULT_CURVE_RESOLUTION = 200
MAX_RESOLUTION = 1024  # per axis of a map
MAX_CURVE_RESOLUTION = 100_000
MAX_GRID_VALUES = 20_000_000  # grid points × neurons: 160 MB of float64 at most
MARGIN = 0.1  # default ranges reach 10 % of the data's span beyond it


@dataclass(frozen=True)
class Landscape:
    """A 2-input network's output and every neuron's activation over a grid of the plane.

    Attributes
    ----------
    xs : ndarray, shape (nx,)
    ys : ndarray, shape (ny,)
    outputs : ndarray, shape (n_out, ny, nx)
        Each output neuron's value at every grid point.
    value : ndarray, shape (ny, nx)
        The scalar map to colour: the output itself for one output neuron; for several, the
        largest output (for softmax: the probability of the predicted class).
    predicted_class : ndarray of int, shape (ny, nx), or None
        With several outputs, the index of the largest (the predicted class); else None.
    value_bounds : (float, float)
        The range ``value`` can take: (0, 1) for sigmoid and softmax, (−1, 1) for tanh, else its
        finite minimum and maximum over the grid (for a fixed colour scale).
    activations : list of ndarray
        ``activations[0]`` is the input (2, ny, nx); ``activations[l + 1]`` holds layer l's
        neurons (n_units, ny, nx), as ``ForwardPass.activations`` but one map per neuron.
    """

    xs: np.ndarray
    ys: np.ndarray
    outputs: np.ndarray
    value: np.ndarray
    predicted_class: np.ndarray | None
    value_bounds: tuple[float, float]
    activations: list[np.ndarray]


@dataclass(frozen=True)
class OutputCurve:
    """A 1-input network's outputs and neuron activations along x.

    ``xs`` (n,); ``outputs`` (n_out, n); ``activations[0]`` the input (1, n) and
    ``activations[l + 1]`` layer l's neurons (n_units, n).
    """

    xs: np.ndarray
    outputs: np.ndarray
    activations: list[np.ndarray]


def data_range(values: np.ndarray | None, margin: float = MARGIN) -> tuple[float, float]:
    """(min − margin·span, max + margin·span) of ``values``; ±1 around a single value;
    (−1, 1) without data or without a finite value; never beyond ±1.8e308
    (engine/analysis/ranges.py)."""
    if values is None:
        return (-1.0, 1.0)
    finite = ranges.finite_range(values)
    return (-1.0, 1.0) if finite is None else ranges.widened(*finite, margin)


def landscape(
    network: Network,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    resolution: int | tuple[int, int] = DEFAULT_RESOLUTION,
    inputs: np.ndarray | None = None,
    margin: float = MARGIN,
) -> Landscape:
    """The output and every neuron's activation over a grid of the input plane.

    Parameters
    ----------
    network : Network
        Must have exactly 2 inputs.
    x_range, y_range : (float, float), optional
        The plane shown; by default the range of ``inputs``' column 0 / 1 widened by ``margin``
        of its span on each side (see :func:`data_range`).
    resolution : int or (nx, ny)
        Grid points per axis, 2 to 1024; the ends of each range are grid points.
    inputs : ndarray, shape (batch, 2), optional
        The data, only used for default ranges.
    """
    if network.input_size != 2:
        raise NetworkError(
            "input_size", tr("a map of the input plane needs 2 inputs, not {input_size}",
                             input_size=network.input_size)
        )
    nx, ny = _resolution(resolution)
    _check_grid_size(network, nx * ny)
    columns = (None, None) if inputs is None else np.asarray(inputs, dtype=np.float64).T
    xs = np.linspace(*_range(x_range, columns[0], margin, "x_range"), nx)
    ys = np.linspace(*_range(y_range, columns[1], margin, "y_range"), ny)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])  # row i·nx + j is (xs[j], ys[i])
    forward = network.forward(points)
    # (ny·nx, n) → (n, ny, nx): one map per neuron, a view, no copy
    activations = [a.T.reshape(a.shape[1], ny, nx) for a in forward.activations]
    outputs = activations[-1]
    if outputs.shape[0] == 1:
        value, predicted = outputs[0], None
    else:
        predicted = np.argmax(outputs, axis=0)
        value = np.take_along_axis(outputs, predicted[np.newaxis], axis=0)[0]
    output_activation = network.layers[-1].activation if network.layers else "identity"
    return Landscape(
        xs, ys, outputs, value, predicted, _bounds(output_activation, value), activations
    )


def output_curve(
    network: Network,
    x_range: tuple[float, float] | None = None,
    resolution: int = DEFAULT_CURVE_RESOLUTION,
    inputs: np.ndarray | None = None,
    margin: float = MARGIN,
) -> OutputCurve:
    """x → every output and neuron activation, for a 1-input network, in one forward pass.

    ``x_range`` defaults to the range of ``inputs`` (batch, 1) widened by ``margin``;
    ``resolution`` (2 to 100,000) points, both ends included.
    """
    if network.input_size != 1:
        raise NetworkError(
            "input_size", tr("a curve x → output needs 1 input, not {input_size}",
                             input_size=network.input_size)
        )
    n = grid_count(resolution, "resolution", MAX_CURVE_RESOLUTION)
    _check_grid_size(network, n)
    xs = np.linspace(*_range(x_range, inputs, margin, "x_range"), n)
    forward = network.forward(xs[:, np.newaxis])
    activations = [a.T for a in forward.activations]
    return OutputCurve(xs, activations[-1], activations)


def _resolution(resolution) -> tuple[int, int]:
    if isinstance(resolution, (tuple, list)):
        if len(resolution) != 2:
            raise NetworkError("resolution", tr("must be one number or (nx, ny), not "
                                                "{resolution!r}",
                                                resolution=resolution))
        return tuple(grid_count(n, "resolution", MAX_RESOLUTION) for n in resolution)
    n = grid_count(resolution, "resolution", MAX_RESOLUTION)
    return n, n


def grid_count(value, key: str, maximum: int) -> int:
    """``value`` as a number of grid points from 2 to ``maximum``, or ``NetworkError(key, …)``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise NetworkError(key, tr("must be a whole number, not {value!r}", value=value))
    if not 2 <= value <= maximum:
        raise NetworkError(key, tr("must be from 2 to {maximum:,}, not {value}",
                                   maximum=maximum, value=value))
    return int(value)


def _check_grid_size(network: Network, points: int) -> None:
    values = points * sum(network.sizes)
    if values > MAX_GRID_VALUES:
        raise NetworkError(
            "resolution",
            tr("{points:,} points × {sizes:,} neurons is too many values (limit "
               "{max_grid_values:,}): lower the resolution",
               points=points, sizes=sum(network.sizes), max_grid_values=MAX_GRID_VALUES),
        )


def _range(given, data, margin: float, key: str) -> tuple[float, float]:
    if given is None:
        low, high = data_range(data, margin)
    else:
        try:
            low, high = (float(v) for v in given)
        except (TypeError, ValueError):
            raise NetworkError(key, tr("must be two numbers (min, max), not {given!r}",
                                       given=given)) from None
        if not (math.isfinite(low) and math.isfinite(high)):
            raise NetworkError(key, tr("must be finite, not {given!r}", given=given))
        if not low < high:
            raise NetworkError(key, tr("min must be below max, not {low:g} ≥ {high:g}",
                                       low=low, high=high))
    if not ranges.span_is_finite(low, high):  # a grid steps by span / n
        raise NetworkError(key, tr("{low:g} to {high:g} is too wide: its span is beyond 1.8e308",
                                   low=low, high=high))
    return low, high


def _bounds(activation: str, value: np.ndarray) -> tuple[float, float]:
    bounded = get_activation(activation).output_range
    if bounded is not None:
        return bounded
    finite = value[np.isfinite(value)]
    if finite.size == 0:
        return (0.0, 1.0)
    return float(finite.min()), float(finite.max())
