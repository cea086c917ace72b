"""What the loss looks like around the current point, along the one or two parameters shown.

The lecture's "a zero gradient is only a candidate minimum": where ∂E/∂θ ≈ 0 the point may be a
minimum, a saddle (E curves up along one direction and down along another), a plateau (E is
almost flat: training crawls) or a maximum. Along the shown parameters θ (k = 1 or 2 of them,
every other parameter where it is):

- the gradient g = ∂E/∂θ comes from the backward pass over the whole training set (file's loss
  and reduction), shape (k,);
- the curvature H = ∂²E/∂θ² (k, k) from central second differences of E with step h:
  Hᵢᵢ ≈ (E(θ + h eᵢ) − 2E(θ) + E(θ − h eᵢ)) / h², H₁₂ ≈ (E(++) − E(+−) − E(−+) + E(−−)) / 4h²;
- with scale s = max(1, |E|): the gradient is ≈ 0 when ‖g‖ ≤ GRADIENT_TOLERANCE · s, and an
  eigenvalue λ of H counts as curving up (λ > CURVATURE_TOLERANCE · s), down (λ < −…) or flat.

Then: gradient not ≈ 0 → SLOPE; every λ flat → PLATEAU (if E is lower elsewhere on the shown
grid, or no grid is given) else FLAT; λ of both signs → SADDLE; none down → LOCAL_MINIMUM if E
is lower elsewhere on the shown grid (by more than the gradient tolerance: another valley, named
with where it is), else MINIMUM; none up → MAXIMUM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from engine.analysis.loss_landscape import LossLandscape, losses_at
from engine.i18n import tr
from engine.lesson.quantities import Kind, Quantity
from engine.model.network import Network
from engine.model.parameter_names import parameter_index, parameter_name, parameter_value

GRADIENT_TOLERANCE = 0.01  # ‖∂E/∂θ‖ at most this × max(1, |E|) counts as ≈ 0
CURVATURE_TOLERANCE = 0.01  # an eigenvalue of ∂²E/∂θ² within ± this × max(1, |E|) is flat
STEP = 1e-3  # h of the second differences


class PointKind(StrEnum):
    """What the current point is along the shown parameters."""

    SLOPE = "slope"  # the gradient is not ≈ 0: E falls downhill
    MINIMUM = "minimum"
    FLAT = "flat"  # flat, and nothing clearly lower on the shown grid
    SADDLE = "saddle"
    PLATEAU = "plateau"
    MAXIMUM = "maximum"
    LOCAL_MINIMUM = "local minimum"  # curves up all round, E lower elsewhere  # i18n: as is

    @property
    def trap(self) -> bool:
        """The gradient is ≈ 0 but E is not at its minimum along the shown parameters."""
        return self in (PointKind.SADDLE, PointKind.PLATEAU, PointKind.MAXIMUM,
                        PointKind.LOCAL_MINIMUM)


@dataclass(frozen=True)
class LocalShape:
    """E, its gradient and curvature at the current point along ``parameters``.

    ``gradient`` (k,) is the backward pass's ∂E/∂θ; ``curvature`` (k, k) the second
    differences; ``eigenvalues`` (k,) of the curvature, ascending; ``kind`` the verdict;
    ``lower``: where on the shown grid E is lowest, (values (k,), E), when a grid was given.
    """

    parameters: tuple[Quantity, ...]
    values: tuple[float, ...]
    loss: float
    gradient: np.ndarray
    curvature: np.ndarray
    eigenvalues: np.ndarray
    kind: PointKind
    lower: tuple[tuple[float, ...], float] | None = None

    @property
    def gradient_norm(self) -> float:
        return float(np.linalg.norm(self.gradient))

    def tangent(self, span: float) -> tuple[np.ndarray, np.ndarray]:
        """The tangent of the curve E(θ₁) at the point, from θ₁ − span to θ₁ + span:
        x (2,), y = E + g₁ (x − θ₁) (2,)."""
        x = self.values[0] + np.array([-span, span])
        return x, self.loss + self.gradient[0] * (x - self.values[0])

    def _lower_text(self) -> str:
        """"E = 0.389 is lower at w1[1,1] = 0.0115, b1[1] = −0.0078"."""
        if self.lower is None:
            return tr("E is lower elsewhere")
        values, loss = self.lower
        where = ", ".join(f"{parameter_name(q)} = {v:.3g}"
                          for q, v in zip(self.parameters, values, strict=True))
        return tr("E = {loss:.4g} is lower at {where}", loss=loss, where=where)

    def sentence(self) -> str:
        """What the learner is looking at, in one line ("gradient ≈ 0 here, but …")."""
        along = " and ".join(parameter_name(q) for q in self.parameters)  # i18n: as is
        if len(self.parameters) == 2:
            along = tr("{first} and {second}", first=parameter_name(self.parameters[0]),
                       second=parameter_name(self.parameters[1]))
        norm = f"‖∂E/∂θ‖ = {self.gradient_norm:.3g}"
        if self.kind is PointKind.SLOPE:
            return tr("{norm}: E still falls downhill along {along}", norm=norm, along=along)
        return {
            PointKind.SADDLE: tr("gradient ≈ 0 here ({norm}), but E is not at its minimum: a "
                                 "saddle along {along} (E curves up one way and down another)",
                                 norm=norm, along=along),
            PointKind.PLATEAU: tr("gradient ≈ 0 here ({norm}), but E is not at its minimum: a "
                                  "plateau along {along} (E is almost flat, so training crawls)",
                                  norm=norm, along=along),
            PointKind.MAXIMUM: tr("gradient ≈ 0 here ({norm}), but E is not at its minimum: a "
                                  "maximum along {along}",
                                  norm=norm, along=along),
            PointKind.LOCAL_MINIMUM: tr("gradient ≈ 0 here ({norm}), but E is not at its "
                                        "minimum: a local minimum along {along} (E curves up all "
                                        "round, yet {lower})",
                                        norm=norm, along=along, lower=self._lower_text()),
            PointKind.MINIMUM: tr("gradient ≈ 0 here ({norm}) and E curves up along {along}: a "
                                  "minimum along these parameters",
                                  norm=norm, along=along),
            PointKind.FLAT: tr("gradient ≈ 0 here ({norm}) and E is almost flat along {along} "
                               "across the grid: choose another parameter to look further",
                               norm=norm, along=along),
        }[self.kind]


def local_shape(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    parameters: Sequence[Quantity],
    lowest: float | None = None,
    step: float = STEP,
    lowest_at: tuple[float, ...] | None = None,
) -> LocalShape:
    """The gradient, curvature and verdict at ``network``'s current point along ``parameters``
    (one or two weights/biases), E over all of ``inputs`` (N, n_in) / ``targets`` (N, n_out).

    ``lowest``: the smallest E on a grid the learner sees (decides plateau vs flat, minimum vs
    local minimum), found at the parameter values ``lowest_at``.
    """
    parameters = tuple(parameters)
    gradients = network.backward(network.forward(inputs), targets, need_input_grad=False)
    gradient = np.array([
        (gradients.grad_weights if q.kind == Kind.WEIGHT else gradients.grad_biases)[q.layer][
            parameter_index(q)]
        for q in parameters
    ])
    centre = np.array([parameter_value(network, q) for q in parameters])
    k = len(parameters)
    offsets = step * np.array([[i, j] for i in (-1, 0, 1) for j in (-1, 0, 1)], dtype=float)
    offsets = offsets[:, :k] if k == 2 else np.array([[-step], [0.0], [step]])
    e = losses_at(network, inputs, targets, parameters, centre + offsets)
    if k == 1:
        curvature = np.array([[(e[0] - 2 * e[1] + e[2]) / step**2]])
    else:
        grid = e.reshape(3, 3)  # grid[i, j]: θ₁ offset i − 1, θ₂ offset j − 1
        h11 = (grid[2, 1] - 2 * grid[1, 1] + grid[0, 1]) / step**2
        h22 = (grid[1, 2] - 2 * grid[1, 1] + grid[1, 0]) / step**2
        h12 = (grid[2, 2] - grid[2, 0] - grid[0, 2] + grid[0, 0]) / (4 * step**2)
        curvature = np.array([[h11, h12], [h12, h22]])
    loss = float(gradients.loss)
    eigenvalues = np.linalg.eigvalsh(curvature)
    kind = classify(loss, gradient, eigenvalues, lowest)
    lower = None if lowest is None or lowest_at is None else (tuple(lowest_at), lowest)
    return LocalShape(parameters, tuple(map(float, centre)), loss, gradient, curvature,
                      eigenvalues, kind, lower)


def classify(loss: float, gradient: np.ndarray, eigenvalues: np.ndarray,
             lowest: float | None = None) -> PointKind:
    """The verdict from E, ∂E/∂θ (k,) and the curvature's eigenvalues (k,) (module docstring)."""
    scale = max(1.0, abs(loss))
    if not np.linalg.norm(gradient) <= GRADIENT_TOLERANCE * scale:
        return PointKind.SLOPE
    bound = CURVATURE_TOLERANCE * scale
    up, down = bool((eigenvalues > bound).any()), bool((eigenvalues < -bound).any())
    if up and down:
        return PointKind.SADDLE
    if up:
        if lowest is not None and lowest < loss - GRADIENT_TOLERANCE * scale:
            return PointKind.LOCAL_MINIMUM
        return PointKind.MINIMUM
    if down:
        return PointKind.MAXIMUM
    if lowest is None or lowest < loss - GRADIENT_TOLERANCE * scale:
        return PointKind.PLATEAU
    return PointKind.FLAT


def shape_on_grid(network: Network, inputs: np.ndarray, targets: np.ndarray,
                  landscape: LossLandscape) -> LocalShape:
    """The verdict at the centre of ``landscape`` (a grid of :func:`loss_landscape` around
    ``network``'s current point), judged against the lowest finite E on that grid."""
    losses = np.where(np.isfinite(landscape.losses), landscape.losses, np.inf)
    if not np.isfinite(losses).any():
        return local_shape(network, inputs, targets, landscape.parameters)
    index = np.unravel_index(int(np.argmin(losses)), losses.shape)
    # losses[i] along one parameter; losses[i, j] at (θ₁ = axes[0][j], θ₂ = axes[1][i])
    where = ((float(landscape.axes[0][index[0]]),) if len(index) == 1 else
             (float(landscape.axes[0][index[1]]), float(landscape.axes[1][index[0]])))
    return local_shape(network, inputs, targets, landscape.parameters,
                       float(losses[index]), lowest_at=where)
