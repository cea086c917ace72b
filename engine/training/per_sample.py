"""Losses on one scale: the mean loss per sample, whatever the loss's reduction.

A step's loss E is reduced over its batch of b samples: E = Σᵢ Eᵢ ("sum") or E = (1/b) Σᵢ Eᵢ
("mean"). Its per-sample mean is Ē = (1/b) Σᵢ Eᵢ = E · s, with s = 1/b for "sum" and 1 for
"mean". With "sum" a batch loss of 32 samples and a test loss over 1,000 differ by their sizes;
divided to per-sample means both read as "the loss of a typical sample", on one axis.

Batches: with n training samples in batches of b (b = n for full batch), every epoch has
⌈n/b⌉ steps, the last holding n − (⌈n/b⌉ − 1)·b samples; step k (1, 2, …) is step
(k − 1) mod ⌈n/b⌉ of its epoch (a run whose data and batch size did not change on the way).
"""

from __future__ import annotations

import numpy as np


def batch_sizes(steps: np.ndarray, samples: int, batch: int | None) -> np.ndarray:
    """How many samples each of ``steps`` (k,) trained on: (k,) ints (see the module text)."""
    steps = np.asarray(steps, dtype=np.int64)
    b = samples if batch is None else max(1, min(int(batch), samples))
    per_epoch = -(-samples // b)
    last = samples - (per_epoch - 1) * b
    return np.where((steps - 1) % per_epoch == per_epoch - 1, last, b)


def per_sample(loss: np.ndarray, reduction: str, sizes) -> np.ndarray:
    """Ē = E / b for "sum" (``sizes`` b: an int or (k,) like ``loss``), E for "mean"."""
    loss = np.asarray(loss, dtype=np.float64)
    if reduction == "sum":
        return loss / np.asarray(sizes, dtype=np.float64)
    return loss.copy()


def step_losses_per_sample(steps, loss, reduction: str, samples: int,
                           batch: int | None) -> np.ndarray:
    """The batch losses ``loss`` (k,) of ``steps`` (k,) as per-sample means (k,)."""
    return per_sample(loss, reduction, batch_sizes(steps, samples, batch))
