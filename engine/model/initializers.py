"""Starting values for weights and biases, drawn reproducibly from a seed.

Each initializer returns new arrays ``(weights (n_out, n_in), biases (n_out,))`` for one layer
shape; :func:`initialize_network` fills every layer of a network in place. Biases start at 0
for the random schemes (the usual choice; the notes' example uses 1 everywhere: ``constant``).

- ``constant``: every weight and bias = ``value``.
- ``uniform``: W, b ~ U(−limit, limit).
- ``xavier`` (Glorot, uniform): W ~ U(−r, r), r = √(6 / (n_in + n_out)); keeps the variance of
  activations roughly constant through tanh/sigmoid layers.
- ``he`` (Kaiming, *normal*): W ~ N(0, 2 / n_in); the same for ReLU layers, which zero half
  their inputs.
"""

from __future__ import annotations

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr

INITIALIZERS = ("constant", "uniform", "xavier", "he")


def constant(n_in: int, n_out: int, value: float = 1.0):
    """W and b all equal to ``value``."""
    return np.full((n_out, n_in), float(value)), np.full(n_out, float(value))


def uniform(n_in: int, n_out: int, rng: np.random.Generator, limit: float = 1.0):
    """W and b drawn from U(−limit, limit)."""
    weights = rng.uniform(-limit, limit, size=(n_out, n_in))
    return weights, rng.uniform(-limit, limit, size=n_out)


def xavier(n_in: int, n_out: int, rng: np.random.Generator):
    """Glorot uniform: W ~ U(−r, r) with r = √(6 / (n_in + n_out)); b = 0."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in)), np.zeros(n_out)


def he(n_in: int, n_out: int, rng: np.random.Generator):
    """He (Kaiming) normal: W ~ N(0, σ²) with σ = √(2 / n_in); b = 0."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)), np.zeros(n_out)


def initial_parameters(
    scheme: str, n_in: int, n_out: int, rng: np.random.Generator | None = None, **options
):
    """New (weights (n_out, n_in), biases (n_out,)) for one layer by the ``scheme`` named.

    ``options``: ``value`` for constant, ``limit`` for uniform.
    """
    if scheme == "constant":
        return constant(n_in, n_out, **options)
    if rng is None:
        rng = np.random.default_rng(0)
    if scheme == "uniform":
        return uniform(n_in, n_out, rng, **options)
    if scheme == "xavier":
        return xavier(n_in, n_out, rng)
    if scheme == "he":
        return he(n_in, n_out, rng)
    known = ", ".join(INITIALIZERS)
    raise NetworkError("initializer", tr("unknown scheme {scheme!r} (known: {known})",
                                         scheme=scheme, known=known))


def initialize_network(network, scheme: str = "xavier", seed: int = 0, **options) -> None:
    """Overwrite every layer's W and b of ``network`` in place, from ``default_rng(seed)``.

    Layers are drawn in order, W before b, from one generator, so the same seed always gives
    the same network. Frozen masks are kept; the values are written into the existing arrays
    (``layer.weights[...] = …``), so whoever holds those arrays sees the new values.
    """
    rng = np.random.default_rng(seed)
    for layer in network.layers:
        weights, biases = initial_parameters(scheme, layer.n_in, layer.n_out, rng, **options)
        layer.weights[...] = weights
        layer.biases[...] = biases
