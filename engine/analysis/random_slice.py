"""E on a 2-D slice through all parameters: two random, filter-normalised directions.

For a network with many parameters no one or two of them tell much; Li et al. ("Visualizing the
Loss Landscape of Neural Nets", NeurIPS 2018) look along two random directions d₁, d₂ of the
whole parameter space instead, E(α, β) = E(θ + α·d₁ + β·d₂), with each direction rescaled
*filter by filter* so that its size matches the weights it moves:

- every entry of a direction starts as a standard normal number (``numpy.random.default_rng``
  with the given seed: the same seed gives the same directions);
- filter normalisation: for a fully connected layer a filter is one neuron's row of incoming
  weights W⁽ˡ⁾ᵢ: (n_in,), so that row of the direction is rescaled to the row's norm,
  dᵢ ← dᵢ / ‖dᵢ‖ · ‖W⁽ˡ⁾ᵢ‖ (a row of zero weights gets a zero direction);
- biases: zeroed in the direction, as the paper does for biases (its "ignore biasbn" setting):
  a bias is a single number per neuron with no filter scale of its own, and the slice shows
  the weights' landscape with every bias where it is.

So α = 1 moves every neuron's incoming weights by about their own size, whatever the layer's
scale. A training trajectory is shown by projecting each visited θₜ onto the plane:
(αₜ, βₜ) = the least-squares coefficients of θₜ − θ on (d₁, d₂) (:func:`project`).

Vectorised: the first layer is linear in α and β, z⁽¹⁾ = (X W₁ᵀ + b₁) + α X D₁ᵀ + β X D₂ᵀ, so
its three products are computed once for the N samples and a chunk of G grid points gets its
z⁽¹⁾ (G, N, n_out) from one product [1 α β] (G, 3) @ (3, N·n_out); every later layer multiplies
each grid point's activations (N, n_in) by that point's own Wᵀ + α D₁ᵀ + β D₂ᵀ, all G of them in
one batched matmul (G, N, n_in) @ (G, n_in, n_out). Chunks hold at most
``CHUNK_VALUES`` numbers per activation array (2 MB of float64, the stated memory bound;
small enough to stay in the processor's cache, which measured faster than larger chunks).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.analysis.landscape import grid_count
from engine.analysis.loss_landscape import MAX_MAP_POINTS, Cancelled, grid_axis
from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.activations import get_activation
from engine.model.losses import get_loss, reduction_scale
from engine.model.network import Network

DEFAULT_SPAN = 1.0  # α, β from −1 to 1: each neuron's weights moved by up to their own size
DEFAULT_POINTS = 41
DEFAULT_SEED = 0
CHUNK_VALUES = 250_000  # numbers per activation array in one chunk (2 MB of float64)


@dataclass(frozen=True)
class Direction:
    """One direction in parameter space, shaped like the network: ``weights[l]`` (n_out, n_in)
    and ``biases[l]`` (n_out,) for each layer l (the biases all 0, see the module docstring)."""

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]

    def vector(self) -> np.ndarray:
        """All entries in one vector, W then b of each layer (``Network.parameters`` order)."""
        return np.concatenate([a.ravel() for w, b in zip(self.weights, self.biases, strict=True)
                               for a in (w, b)])


@dataclass(frozen=True)
class RandomSlice:
    """E over α d₁ + β d₂ around θ: ``losses[i, j]`` is E at (α = alphas[j], β = betas[i]).

    The axes are centred on ``at`` (θ's own (α, β), 0 unless a trajectory's coordinates are
    given): the grid point (alphas[j], betas[i]) is θ + (alphas[j] − at[0]) d₁ +
    (betas[i] − at[1]) d₂.
    """

    directions: tuple[Direction, Direction]
    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    seed: int
    at: tuple[float, float] = (0.0, 0.0)


def filter_normalized_direction(network: Network, rng: np.random.Generator) -> Direction:
    """A random direction with each neuron's row scaled to the norm of that neuron's weights."""
    weights, biases = [], []
    for layer in network.layers:
        d = rng.standard_normal(layer.weights.shape)
        row_norms = np.linalg.norm(d, axis=1, keepdims=True)
        scale = np.divide(np.linalg.norm(layer.weights, axis=1, keepdims=True), row_norms,
                          out=np.zeros_like(row_norms), where=row_norms > 0)
        weights.append(d * scale)
        biases.append(np.zeros(layer.n_out))
    return Direction(tuple(weights), tuple(biases))


def random_directions(network: Network, seed: int = DEFAULT_SEED) -> tuple[Direction, Direction]:
    """Two filter-normalised directions from ``default_rng(seed)`` (d₁ first)."""
    rng = np.random.default_rng(seed)
    return filter_normalized_direction(network, rng), filter_normalized_direction(network, rng)


def parameter_vector(network: Network) -> np.ndarray:
    """θ as one vector, W then b of each layer (the order of :meth:`Direction.vector`)."""
    return np.concatenate([p.ravel() for p in network.parameters()])


def project(directions: tuple[Direction, Direction], centre: np.ndarray,
            points: np.ndarray) -> np.ndarray:
    """(α, β) of each row of ``points`` (T, P) relative to ``centre`` (P,): the least-squares
    solution of [d₁ d₂]·(α, β) = θₜ − θ, shape (T, 2). Exact for points on the plane."""
    basis = np.column_stack([d.vector() for d in directions])  # (P, 2)
    offsets = np.atleast_2d(points) - centre
    coefficients, *_ = np.linalg.lstsq(basis, offsets.T, rcond=None)
    return coefficients.T


def random_slice(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    seed: int = DEFAULT_SEED,
    span: float = DEFAULT_SPAN,
    points: int = DEFAULT_POINTS,
    stop: Callable[[], bool] | None = None,
    directions: tuple[Direction, Direction] | None = None,
    dtype=np.float64,
    at: tuple[float, float] = (0.0, 0.0),
) -> RandomSlice:
    """E over ``inputs`` (N, n_in) / ``targets`` (N, n_out) on a ``points`` × ``points`` grid
    of α, β from −``span`` to ``span`` along :func:`random_directions` (or the ``directions``
    given, e.g. kept from an earlier slice); ``dtype`` as :func:`slice_losses`; ``at``: the
    (α, β) the axes are labelled with at θ (see :class:`RandomSlice`). Refuses
    (``NetworkError``, keys "span", "points", "layers") a span that is not a finite number > 0,
    a count out of range, a network without layers. ``stop``: asked between chunks; True
    raises :class:`Cancelled`.
    """
    if not network.layers:
        raise NetworkError("layers", tr("a slice along random directions needs at least one layer"))
    points = grid_count(points, "points", MAX_MAP_POINTS)
    span = float(span)
    if not (math.isfinite(span) and span > 0):
        raise NetworkError("span", tr("must be a finite number > 0, not {span!r}", span=span))
    if directions is None:
        directions = random_directions(network, seed)
    axis = grid_axis(0.0, span, points)
    alpha, beta = np.meshgrid(axis, axis)  # (n, n): α varies along a row
    losses = slice_losses(network, inputs, targets, directions,
                          np.column_stack([alpha.ravel(), beta.ravel()]), stop, dtype)
    return RandomSlice(directions, axis + at[0], axis + at[1], losses.reshape(alpha.shape), seed,
                       (float(at[0]), float(at[1])))


def slice_losses(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    directions: tuple[Direction, Direction],
    coefficients: np.ndarray,
    stop: Callable[[], bool] | None = None,
    dtype=np.float64,
) -> np.ndarray:
    """E at θ + α d₁ + β d₂ for each row (α, β) of ``coefficients`` (G, 2), shape (G,).

    The network is not changed; non-finite losses stay inf or nan. ``dtype``: the hidden
    layers' arithmetic; ``numpy.float32`` halves the time and memory of a large slice (the
    window's choice) at a relative error of about 1e-6 in E, the loss itself is summed in
    float64.
    """
    coefficients = np.asarray(coefficients, dtype=np.float64).reshape(-1, 2)
    inputs = np.asarray(inputs, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    samples = inputs.shape[0]
    first, *later = network.layers
    one, two = directions
    # the first layer: z = z₀ + α z₁ + β z₂, the three (N, n_out) computed once and stacked
    # (3, N·n_out), so that a chunk's z is one product [1 α β] (G, 3) @ that
    first_z = np.stack([inputs @ first.weights.T + first.biases,
                        inputs @ one.weights[0].T + one.biases[0],
                        inputs @ two.weights[0].T + two.biases[0]]).reshape(3, -1).astype(dtype)
    moved = [(layer.weights.T.astype(dtype), one.weights[k].T.astype(dtype),
              two.weights[k].T.astype(dtype)) for k, layer in enumerate(later, start=1)]
    widest = max(network.sizes[1:])
    chunk = max(1, CHUNK_VALUES // (samples * widest))
    scale = reduction_scale(network.reduction, samples)
    loss = get_loss(network.loss)
    losses = np.empty(len(coefficients))
    with np.errstate(all="ignore"):  # far out E may overflow: it is kept as inf
        for start in range(0, len(coefficients), chunk):
            if stop is not None and stop():
                raise Cancelled
            part = coefficients[start:start + chunk]
            grid = len(part)
            weights = np.column_stack([np.ones(grid), part]).astype(dtype)  # (G, 3)
            a = get_activation(first.activation).function(
                (weights @ first_z).reshape(grid * samples, -1))
            alpha, beta = (weights[:, k, None, None] for k in (1, 2))  # (G, 1, 1)
            for k, layer in enumerate(later, start=1):
                w, d1, d2 = moved[k - 1]  # (n_in, n_out) each
                # each grid point's own Wᵀ + α D₁ᵀ + β D₂ᵀ (G, n_in, n_out): one small product
                # per grid point, n_out columns (not 3·n_out)
                z = a.reshape(grid, samples, -1) @ (w + alpha * d1 + beta * d2)
                z += (layer.biases + alpha * one.biases[k] + beta * two.biases[k]).astype(dtype)
                a = get_activation(layer.activation).function(z.reshape(grid * samples, -1))
            per_sample = loss.per_sample(a.astype(np.float64), np.tile(targets, (grid, 1)))
            losses[start:start + grid] = per_sample.reshape(grid, samples).sum(axis=1) * scale
    return losses
