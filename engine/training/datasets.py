"""Built-in data sets: the seed sample, logic gates, a noisy sine and 2-D classification sets.

Every generator returns an :class:`engine.model.experiment.Dataset` (float64 rows) and is
reproducible: the same parameters and ``seed`` give bit-identical data (numpy
``default_rng(seed)``). Samples are spread evenly over the classes and come in a shuffled order, so
mini-batches mix the classes.

Two-class sets write their targets in one of three forms (the ``targets`` parameter):

- ``"binary"``: one column, 0 or 1 (for a sigmoid output with BCE or squared error);
- ``"signed"``: one column, −1 or +1 (for a tanh output, as TensorFlow Playground does);
- ``"one_hot"``: k columns, row c is 1 in column c (for a softmax output with cross-entropy).

One-hot rows are bounded: rows × classes at most ``MAX_ONE_HOT_VALUES`` (10,000,000 numbers,
80 MB; every generator at its largest, 1,000,000 rows × 10 classes, fits), checked before any
array is made, so a CSV file's class column never asks for gigabytes.

``GENERATORS`` maps each name to its function and parameter specs so a form can be built from it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.experiment import Dataset
from engine.model.rules import MAX_DATA_ROWS as MAX_SIZE  # a data set fits a network file

MAX_SEED = 2**31 - 1  # fits a Qt spin box
MAX_ONE_HOT_VALUES = 10_000_000  # rows × classes of one-hot targets (80 MB of float64)
TARGET_FORMATS = ("binary", "signed", "one_hot")


# ----- parameter specs and their checks --------------------------------------------------------
@dataclass(frozen=True)
class ParameterSpec:
    """One generator parameter: its kind, default, allowed range and what it means.

    ``kind`` is ``"int"``, ``"float"`` or ``"choice"``; ``minimum`` / ``maximum`` bound numbers
    (None: unbounded above, always finite), ``choices`` lists the values of a choice.
    """

    name: str
    kind: str
    default: object
    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def check(self, value):
        """``value`` as the right type if allowed; NetworkError(name, problem) otherwise."""
        if self.kind == "choice":
            if value not in self.choices:
                raise NetworkError(self.name, tr("{value!r} is not one of {choices}",
                                                 value=value, choices=', '.join(self.choices)))
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise NetworkError(self.name, tr("must be a number, not {value!r}", value=value))
        if self.kind == "int":
            if not isinstance(value, numbers.Integral):
                raise NetworkError(self.name, tr("must be a whole number, not {value!r}",
                                                 value=value))
            value = int(value)
        else:
            value = float(value)
            if not math.isfinite(value):
                raise NetworkError(self.name, tr("must be finite, not {value!r}", value=value))
        if self.minimum is not None and value < self.minimum:
            raise NetworkError(self.name, tr("must be at least {minimum:g}, not {value!r}",
                                             minimum=self.minimum, value=value))
        if self.maximum is not None and value > self.maximum:
            raise NetworkError(self.name, tr("must be at most {maximum:g}, not {value!r}",
                                             maximum=self.maximum, value=value))
        return value


SIZE = ParameterSpec("size", "int", 200, "number of samples", 1, MAX_SIZE)
NOISE = ParameterSpec(
    "noise", "float", 0.05, "standard deviation of Gaussian noise added to each coordinate", 0.0
)
SEED = ParameterSpec(
    "seed", "int", 0, "random seed: the same seed gives the same data", 0, MAX_SEED
)
CLASSES = ParameterSpec("classes", "int", 2, "number of classes", 2, 10)
TARGETS = ParameterSpec(
    "targets",
    "choice",
    "binary",
    "binary: one 0/1 column; signed: one −1/+1 column; one_hot: one column per class",
    choices=TARGET_FORMATS,
)
TEST_FRACTION = ParameterSpec(
    "test_fraction", "float", 0.2, "share of the samples held out for testing", 0.0, 1.0
)


def _check_targets(targets: str, classes: int) -> str:
    TARGETS.check(targets)
    if classes > 2 and targets != "one_hot":
        raise NetworkError(
            "targets", tr("{targets!r} holds two classes; {classes} classes need 'one_hot'",
                          targets=targets, classes=classes)
        )
    return targets


def one_hot(labels: np.ndarray, classes: int, key: str = "targets") -> np.ndarray:
    """Class labels (n,) in 0..classes−1 as one-hot rows (n, classes): row i is 1 in column
    labels[i]. Refused (NetworkError at ``key``) beyond MAX_ONE_HOT_VALUES, before allocating."""
    labels = np.asarray(labels, dtype=np.intp).reshape(-1)
    size = len(labels) * classes
    if size > MAX_ONE_HOT_VALUES:
        raise NetworkError(key, tr("one-hot targets of {n_labels:,} rows × {classes:,} classes "
                                   "would be {size:,} numbers; the limit is {max_one_hot_values:,}",
                                   n_labels=len(labels), classes=classes, size=size,
                                   max_one_hot_values=MAX_ONE_HOT_VALUES))
    rows = np.zeros((len(labels), classes))
    rows[np.arange(len(labels)), labels] = 1.0
    return rows


def encode_classes(labels: np.ndarray, classes: int, targets: str) -> np.ndarray:
    """Class labels (n,) in 0..classes−1 as target rows: (n, 1) binary/signed or (n, k) one-hot."""
    labels = np.asarray(labels, dtype=np.intp)
    if targets == "one_hot":
        return one_hot(labels, classes)
    column = labels.astype(np.float64)[:, np.newaxis]
    return 2.0 * column - 1.0 if targets == "signed" else column


def _balanced_labels(size: int, classes: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` labels spread as evenly as possible over the classes, in a random order."""
    return rng.permutation(np.arange(size) % classes)


def _with_noise(points: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    # drawn even when noise is 0, so changing the noise never changes the clean points
    return points + noise * rng.standard_normal(points.shape)


# ----- the small, fixed sets -------------------------------------------------------------------
def seed_sample() -> Dataset:
    """The walkthrough's one sample: x = 2, target t = 3."""
    return Dataset([[2.0]], [[3.0]])


_GATE_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def and_gate() -> Dataset:
    """Logical AND: four rows (x₁, x₂) ∈ {0,1}², target x₁ ∧ x₂."""
    return Dataset(_GATE_INPUTS, [[0.0], [0.0], [0.0], [1.0]])


def or_gate() -> Dataset:
    """Logical OR: four rows (x₁, x₂) ∈ {0,1}², target x₁ ∨ x₂."""
    return Dataset(_GATE_INPUTS, [[0.0], [1.0], [1.0], [1.0]])


def xor_gate() -> Dataset:
    """Logical XOR, the set no single layer can learn: target 1 when exactly one input is 1."""
    return Dataset(_GATE_INPUTS, [[0.0], [1.0], [1.0], [0.0]])


# ----- generated sets --------------------------------------------------------------------------
def sine(size: int = 100, noise: float = 0.1, seed: int = 0) -> Dataset:
    """x uniform in [−π, π], target sin x + noise (Gaussian, standard deviation ``noise``)."""
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, size)
    return Dataset(x[:, np.newaxis], _with_noise(np.sin(x), noise, rng)[:, np.newaxis])


def circles(
    size: int = 200, noise: float = 0.05, seed: int = 0, targets: str = "binary"
) -> Dataset:
    """Class 1: a disc of radius 0.5; class 0: a ring from radius 0.7 to 1 around it."""
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    targets = _check_targets(targets, 2)
    rng = np.random.default_rng(seed)
    labels = _balanced_labels(size, 2, rng)
    radius = np.where(labels == 1, rng.uniform(0.0, 0.5, size), rng.uniform(0.7, 1.0, size))
    angle = rng.uniform(0.0, 2.0 * np.pi, size)
    points = radius[:, np.newaxis] * np.column_stack([np.cos(angle), np.sin(angle)])
    return Dataset(_with_noise(points, noise, rng), encode_classes(labels, 2, targets))


def moons(size: int = 200, noise: float = 0.1, seed: int = 0, targets: str = "binary") -> Dataset:
    """Two interleaved half circles (class 0 on top, class 1 below), centred on the origin."""
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    targets = _check_targets(targets, 2)
    rng = np.random.default_rng(seed)
    labels = _balanced_labels(size, 2, rng)
    s = rng.uniform(0.0, np.pi, size)
    upper = np.column_stack([np.cos(s), np.sin(s)])
    lower = np.column_stack([1.0 - np.cos(s), 0.5 - np.sin(s)])
    points = np.where(labels[:, np.newaxis] == 1, lower, upper) - [0.5, 0.25]
    return Dataset(_with_noise(points, noise, rng), encode_classes(labels, 2, targets))


def spirals(
    size: int = 200,
    noise: float = 0.05,
    seed: int = 0,
    classes: int = 2,
    targets: str = "binary",
) -> Dataset:
    """``classes`` interleaved spiral arms: radius r = s, angle 3.5π·s + 2πc/k, s ∈ [0, 1]."""
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    classes = CLASSES.check(classes)
    targets = _check_targets(targets, classes)
    rng = np.random.default_rng(seed)
    labels = _balanced_labels(size, classes, rng)
    s = rng.uniform(0.0, 1.0, size)
    angle = 3.5 * np.pi * s + 2.0 * np.pi * labels / classes
    points = s[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    return Dataset(_with_noise(points, noise, rng), encode_classes(labels, classes, targets))


def blobs(
    size: int = 200,
    noise: float = 0.25,
    seed: int = 0,
    classes: int = 3,
    targets: str = "one_hot",
) -> Dataset:
    """``classes`` Gaussian blobs (standard deviation ``noise``), centred on the unit circle."""
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    classes = CLASSES.check(classes)
    targets = _check_targets(targets, classes)
    rng = np.random.default_rng(seed)
    labels = _balanced_labels(size, classes, rng)
    centre_angle = 2.0 * np.pi * labels / classes
    centres = np.column_stack([np.cos(centre_angle), np.sin(centre_angle)])
    return Dataset(_with_noise(centres, noise, rng), encode_classes(labels, classes, targets))


PLAYGROUND_RADIUS = 5.0  # TensorFlow Playground's circle data lives in [−5, 5]²


def playground_circle(
    size: int = 500, noise: float = 0.0, seed: int = 0, targets: str = "binary"
) -> Dataset:
    """TensorFlow Playground's default "circle" data, for side-by-side benchmarks.

    Half the points (class 1, Playground's +1) lie in a disc of radius 2.5, the other half
    (class 0, Playground's −1) in a ring from 3.5 to 5; radius and angle are uniform, as there.
    Playground's noise (0 to 0.5) moves each point by noise · U(−5, 5) per coordinate *only to
    decide its label*: the stored point stays clean, so noise flips labels near the boundary.
    Playground trains on half the points: use ``train_test_split(data, 0.5, seed)`` for that.
    """
    size, noise, seed = SIZE.check(size), NOISE.check(noise), SEED.check(seed)
    targets = _check_targets(targets, 2)
    rng = np.random.default_rng(seed)
    inner = np.arange(size) < (size + 1) // 2
    radius = np.where(
        inner,
        rng.uniform(0.0, 0.5 * PLAYGROUND_RADIUS, size),
        rng.uniform(0.7 * PLAYGROUND_RADIUS, PLAYGROUND_RADIUS, size),
    )
    angle = rng.uniform(0.0, 2.0 * np.pi, size)
    points = radius[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    jitter = noise * rng.uniform(-PLAYGROUND_RADIUS, PLAYGROUND_RADIUS, (size, 2))
    labels = (np.hypot(*(points + jitter).T) < 0.5 * PLAYGROUND_RADIUS).astype(np.intp)
    order = rng.permutation(size)
    return Dataset(points[order], encode_classes(labels[order], 2, targets))


# ----- splitting -------------------------------------------------------------------------------
def train_test_split(dataset: Dataset, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """A new Dataset whose ``test_inputs`` / ``test_targets`` hold ``test_fraction`` of the rows.

    Rows are drawn with ``default_rng(seed)``; each part keeps the original row order. Any
    test split ``dataset`` already has is pooled back first, so splitting again re-splits all
    the data. Both parts get at least one row. ``dataset`` itself is not changed.
    """
    test_fraction = TEST_FRACTION.check(test_fraction)
    if not 0.0 < test_fraction < 1.0:
        raise NetworkError(
            "test_fraction", tr("must be between 0 and 1 (exclusive), not {test_fraction!r}",
                                test_fraction=test_fraction)
        )
    seed = SEED.check(seed)
    inputs, targets = dataset.inputs, dataset.targets
    if dataset.has_test_split:
        inputs = np.concatenate([inputs, dataset.test_inputs])
        targets = np.concatenate([targets, dataset.test_targets])
    n = len(inputs)
    if n < 2:
        raise NetworkError("data", tr("a train/test split needs at least 2 samples, not {n}", n=n))
    n_test = min(max(round(test_fraction * n), 1), n - 1)
    test_rows = np.zeros(n, dtype=bool)
    test_rows[np.random.default_rng(seed).permutation(n)[:n_test]] = True
    return Dataset(inputs[~test_rows], targets[~test_rows], inputs[test_rows], targets[test_rows])


# ----- the registry ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Generator:
    """A named data set: its function and the parameters a form should offer for it."""

    name: str
    title: str
    description: str
    function: Callable[..., Dataset]
    parameters: tuple[ParameterSpec, ...] = ()

    def defaults(self) -> dict:
        """Parameter name → default value."""
        return {spec.name: spec.default for spec in self.parameters}

    def __call__(self, **values) -> Dataset:
        """The data set for these parameter values (missing ones take their defaults)."""
        known = {spec.name for spec in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise NetworkError(unknown[0], tr("{name} has no parameter {unknown!r}",
                                              name=self.name, unknown=unknown[0]))
        return self.function(**{**self.defaults(), **values})


def _sized(default_size: int, default_noise: float) -> tuple[ParameterSpec, ...]:
    return (replace(SIZE, default=default_size), replace(NOISE, default=default_noise), SEED)


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        Generator("seed", "Seed example", "the walkthrough's x = 2, t = 3", seed_sample),
        Generator("and", "AND", "logical AND of two 0/1 inputs", and_gate),
        Generator("or", "OR", "logical OR of two 0/1 inputs", or_gate),
        Generator("xor", "XOR", "exclusive OR: needs a hidden layer", xor_gate),
        Generator("sine", "Sine", "x in [−π, π], target sin x + noise", sine, _sized(100, 0.1)),
        Generator(
            "circles", "Circles", "a disc inside a ring", circles, (*_sized(200, 0.05), TARGETS)
        ),
        Generator(
            "moons", "Moons", "two interleaved half circles", moons, (*_sized(200, 0.1), TARGETS)
        ),
        Generator(
            "spirals",
            "Spirals",
            "interleaved spiral arms, one per class",
            spirals,
            (*_sized(200, 0.05), CLASSES, TARGETS),
        ),
        Generator(
            "blobs",
            "Gaussian blobs",
            "one Gaussian cloud per class",
            blobs,
            (
                *_sized(200, 0.25),
                replace(CLASSES, default=3),
                replace(TARGETS, default="one_hot"),
            ),
        ),
        Generator(
            "playground_circle",
            "Playground circle",
            "TensorFlow Playground's default circle data (500 points, radius 5)",
            playground_circle,
            (*_sized(500, 0.0), TARGETS),
        ),
    )
}


def generate(name: str, **values) -> Dataset:
    """The data set ``name`` from GENERATORS with these parameter values."""
    if name not in GENERATORS:
        raise NetworkError(
            "generator", tr("unknown data set {name!r} (known: {generators})",
                            name=name, generators=', '.join(GENERATORS))
        )
    return GENERATORS[name](**values)
