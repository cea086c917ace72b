"""The loss as a function of the parameters: E over the training set along one or two of them.

The lecture's "the loss is a function of the parameters": every other parameter stays where it
is, one (a curve E(θ)) or two (a map E(θ₁, θ₂)) run over a grid around their current values,
and E is the file's loss with its reduction over all of ``inputs`` / ``targets``.

Vectorised: the layers below the first changed parameter (and its own z) run once; then the grid
points are stacked into the batch (grid point g, sample n → row g·N + n), in chunks of at most
``CHUNK_VALUES`` numbers per activation array. Changing w⁽ˡ⁾ᵢⱼ by Δ changes only z⁽ˡ⁾ᵢ, by
Δ·a⁽ˡ⁻¹⁾ⱼ (a bias: by Δ), so each grid point's z of a changed layer is the unchanged
z = a Wᵀ + b plus that one column: equal to a forward pass with the changed parameter up to
float rounding (about 1e-16 relative).

Grids are row-major like :mod:`engine.analysis.landscape`: for two parameters ``losses[i, j]`` is E
at (θ₁ = ``axes[0][j]``, θ₂ = ``axes[1][i]``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from engine.analysis.landscape import grid_count
from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Kind, Quantity
from engine.model.activations import get_activation
from engine.model.losses import get_loss, reduction_scale
from engine.model.network import Network
from engine.model.parameter_names import (
    PARAMETER_KINDS,
    parameter_name,
    parameter_place,
    parameter_value,
)

DEFAULT_SPAN = 2.0
DEFAULT_POINTS = 41
MAX_CURVE_POINTS = 100_001  # along one parameter
MAX_MAP_POINTS = 1_001  # along each of two parameters: a million grid points at most
CHUNK_VALUES = 1_000_000  # numbers per activation array in one batched pass (8 MB)


class Cancelled(Exception):
    """The caller's ``stop()`` said yes between two chunks: the grid is no longer wanted."""


@dataclass(frozen=True)
class LossLandscape:
    """E over a grid of one or two parameters, the others at their current values.

    Attributes
    ----------
    parameters : tuple of Quantity
        The one or two parameters that vary (weights or biases).
    centre : tuple of float
        Their current values; with an odd number of points the middle grid point is exactly it.
    axes : tuple of ndarray, shape (n,)
        The values each parameter takes, from centre − span to centre + span.
    losses : ndarray, shape (n,) for one parameter, (n, n) for two
        E at each grid point; ``losses[i, j]`` at (θ₁ = axes[0][j], θ₂ = axes[1][i]).
    """

    parameters: tuple[Quantity, ...]
    centre: tuple[float, ...]
    axes: tuple[np.ndarray, ...]
    losses: np.ndarray

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters' names, ``("w2[1,1]", "b2[1]")``."""
        return tuple(parameter_name(q) for q in self.parameters)


def grid_axis(centre: float, span: float, points: int) -> np.ndarray:
    """``points`` values evenly from centre − span to centre + span (both ends included).

    Built as centre + span·k/m for k = −m … m (m = (points − 1)/2), so the values lie
    symmetrically around the centre and, for an odd count, the middle one is the centre itself.
    """
    half = (points - 1) / 2
    return centre + span * ((np.arange(points) - half) / half)


def loss_landscape(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    parameters: Sequence[Quantity],
    span: float = DEFAULT_SPAN,
    points: int = DEFAULT_POINTS,
    stop: Callable[[], bool] | None = None,
) -> LossLandscape:
    """E over ``inputs`` (N, n_in) against ``targets`` (N, n_out) along one or two parameters.

    Each parameter runs over ``points`` values from its current value − ``span`` to + ``span``
    (:func:`grid_axis`). Refuses (``NetworkError``, keys "parameters", "span", "points") a
    parameter that is not a weight or a bias of ``network``, the same parameter twice, a span
    that is not a finite number > 0 or leaves the floats, and a count of points out of range.
    ``stop``: asked between chunks (:func:`losses_at`); when it says True, :class:`Cancelled`.
    """
    parameters = tuple(parameters)
    _check_parameters(network, parameters)
    if len(parameters) == 1:
        points = grid_count(points, "points", MAX_CURVE_POINTS)
    else:
        try:
            points = grid_count(points, "points", MAX_MAP_POINTS)
        except NetworkError as error:
            raise NetworkError("points", tr("{problem} (with two parameters the grid has points × "
                                            "points values)",
                                            problem=error.problem)) from None
    span = float(span)
    if not (math.isfinite(span) and span > 0):
        raise NetworkError("span", tr("must be a finite number > 0, not {span!r}", span=span))
    centre = tuple(parameter_value(network, q) for q in parameters)
    for name, value in zip(map(parameter_name, parameters), centre, strict=True):
        if not (math.isfinite(value - span) and math.isfinite(value + span)):
            raise NetworkError("span", tr("{name} = {value:g} ± {span:g} is beyond 1.8e308",
                                          name=name, value=value, span=span))
    axes = tuple(grid_axis(value, span, points) for value in centre)
    if len(axes) == 1:
        return LossLandscape(
            parameters, centre, axes,
            losses_at(network, inputs, targets, parameters, axes[0], stop),
        )
    first, second = np.meshgrid(*axes)  # (n, n): first varies along a row
    values = np.column_stack([first.ravel(), second.ravel()])
    losses = losses_at(network, inputs, targets, parameters, values, stop).reshape(first.shape)
    return LossLandscape(parameters, centre, axes, losses)


def losses_at(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    parameters: Sequence[Quantity],
    values: np.ndarray,
    stop: Callable[[], bool] | None = None,
) -> np.ndarray:
    """E with ``parameters`` set to each row of ``values`` (G, k) (or (G,) for one), shape (G,).

    The network is not changed. Non-finite losses (an overflow far from the data) stay inf or
    nan. ``stop()`` is asked before each chunk; True raises :class:`Cancelled`.
    """
    parameters = tuple(parameters)
    values = np.asarray(values, dtype=np.float64).reshape(-1, len(parameters))
    inputs = np.asarray(inputs, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    samples = inputs.shape[0]
    first = min(q.layer for q in parameters)
    last = max(q.layer for q in parameters)
    layers = network.layers
    below = Network(network.input_size, layers[:first]).forward(inputs).output
    changes = values - np.array([parameter_value(network, q) for q in parameters])
    widest = max(network.sizes[first:])
    chunk = max(1, CHUNK_VALUES // (samples * widest))
    scale = reduction_scale(network.reduction, samples)
    loss = get_loss(network.loss)
    losses = np.empty(len(values))
    with np.errstate(all="ignore"):  # far from the data E may overflow: it is shown as inf
        for start in range(0, len(values), chunk):
            if stop is not None and stop():
                raise Cancelled
            part = changes[start:start + chunk]
            grid = len(part)
            a = below  # the same for every grid point: its z is computed once, for N rows
            for index in range(first, last + 1):
                a = _changed_layer(layers[index], index, a, parameters, part, samples)
            above = Network(a.shape[1], layers[last + 1:]).forward(a).output
            per_sample = loss.per_sample(above, np.tile(targets, (grid, 1)))
            losses[start:start + grid] = per_sample.reshape(grid, samples).sum(axis=1) * scale
    return losses


def _changed_layer(layer, index: int, a, parameters, changes, samples: int) -> np.ndarray:
    """f(a Wᵀ + b) with each grid point's changes (G, k) of this layer's parameters added to z.

    ``a`` is (G·N, n_in), grid point g's samples in rows g·N … g·N + N − 1, or (N, n_in) when
    it is the same for every grid point (the first changed layer: z = a Wᵀ + b is computed once
    and copied to every grid point). Returns (G·N, n_out).
    """
    z = a @ layer.weights.T
    z += layer.biases
    grid = changes.shape[0]
    if len(a) == samples:  # shared by every grid point
        z, a_grid = np.repeat(z[np.newaxis], grid, axis=0), a[np.newaxis]
    else:
        a_grid = a.reshape(grid, samples, -1)
    z_grid = z.reshape(grid, samples, -1)
    for k, quantity in enumerate(parameters):
        if quantity.layer != index:
            continue
        change = changes[:, k, np.newaxis]  # (G, 1): the same for every sample
        if quantity.kind == Kind.WEIGHT:  # w_ij feeds z_i through a_j
            z_grid[:, :, quantity.neuron] += change * a_grid[:, :, quantity.source]
        else:
            z_grid[:, :, quantity.neuron] += change
    return get_activation(layer.activation).function(z_grid.reshape(grid * samples, -1))


def _check_parameters(network: Network, parameters: tuple[Quantity, ...]) -> None:
    if len(parameters) not in (1, 2):
        raise NetworkError("parameters", tr("choose one or two parameters, not {n_parameters}",
                                            n_parameters=len(parameters)))
    for q in parameters:
        if q.kind not in PARAMETER_KINDS or not 0 <= q.layer < len(network.layers):
            raise NetworkError("parameters", tr("{q} is not a weight or a bias of the network",
                                                q=q))
        array, index = parameter_place(network, q)
        if not all(0 <= i < n for i, n in zip(index, array.shape, strict=True)):
            raise NetworkError("parameters", tr("{q} is not a weight or a bias of the network",
                                                q=q))
    if len(parameters) == 2 and parameters[0] == parameters[1]:
        name = parameter_name(parameters[0])
        raise NetworkError("parameters", tr("{name} is chosen twice: choose two different ones",
                                            name=name))
