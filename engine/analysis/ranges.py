"""Ranges of float64 values, computed so that any finite float64 gives a finite answer.

The span high − low of two finite floats can exceed the largest float64 (±1.7e308 gives
3.4e308, which is inf), and a range widened by a margin can leave the floats altogether. Every
step here works on halves instead — high/2 − low/2 is always finite and, being a scaling by
two, rounds exactly as high − low does — and clamps a widened range to ±LARGEST. A view asks
:func:`plottable` before it hands a range to a plot; one that is not is shown as such, not drawn.
"""

from __future__ import annotations

import math

import numpy as np

LARGEST = float(np.finfo(np.float64).max)  # 1.797…e308
PLOT_LIMIT = 1e307  # a plot's range stays within ±this (see plottable)


def finite_range(values) -> tuple[float, float] | None:
    """(min, max) of the finite entries of ``values`` (any shape); None when there is none."""
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if finite.size else None


def midpoint(low: float, high: float) -> float:
    """(low + high) / 2, finite for any finite low and high (and within them, even where
    halving a subnormal loses its last bit)."""
    return min(max(low / 2 + high / 2, low), high)


def span_is_finite(low: float, high: float) -> bool:
    """Whether low ≤ high are finite and high − low is a finite float64 (a plot can scale to
    the range). False for ±1.7e308, whose span is beyond the largest float."""
    if not (math.isfinite(low) and math.isfinite(high) and low <= high):
        return False
    return high / 2 - low / 2 <= LARGEST / 2


def plottable(low: float, high: float) -> bool:
    """Whether a plot can show [low, high]: low ≤ high, both within ±PLOT_LIMIT. A plot pads,
    centres and scales a range with plain float arithmetic (pyqtgraph adds 2 % padding and
    sums the ends), which needs room below the largest float."""
    return -PLOT_LIMIT <= low <= high <= PLOT_LIMIT


def widened(low: float, high: float, margin: float, flat_pad: float = 1.0) -> tuple[float, float]:
    """(low − pad, high + pad) with pad = margin·(high − low), or ``flat_pad`` when high ≤ low
    (a single value). The pad shrinks so the span stays a finite float, and the ends are
    clamped to ±LARGEST: finite for any finite low and high."""
    half_span = high / 2 - low / 2
    pad = 2 * (margin * half_span) if high > low else flat_pad
    pad = min(pad, max(LARGEST / 2 - half_span, 0.0) * (1 - 1e-12))  # (room for rounding)
    return max(low - pad, -LARGEST), min(high + pad, LARGEST)


def shares(values: np.ndarray, low, high) -> np.ndarray:
    """Where ``values`` sit between ``low`` (0) and ``high`` (1): (v − low) / (high − low)
    clipped to [0, 1], without overflow; ``low`` and ``high`` broadcast against ``values``.

    ±inf gives 0 or 1 and NaN stays NaN; a span too small to halve (under 1e-323) gives 0.5.
    """
    values, low, high = (np.asarray(x, dtype=np.float64) for x in (values, low, high))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        half_span = high / 2 - low / 2
        share = (values / 2 - low / 2) / np.where(half_span > 0, half_span, 1.0)
    return np.clip(np.where(half_span > 0, share, 0.5), 0.0, 1.0)
