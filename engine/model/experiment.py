"""What one network file holds: the network, its training settings and its data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from engine.model.network import Network

if TYPE_CHECKING:
    from engine.training.run_state import RunState

OPTIMIZERS = ("sgd", "adam")


@dataclass
class TrainingSettings:
    """How training updates the parameters (DESIGN.md, "Network file": ``training``).

    ``batch_size`` None means the whole data set per step, 1 means one sample per step
    (online, as in the notes). SGD with ``momentum`` μ: v ← μv + ∂E/∂θ, θ ← θ − ηv.
    Adam uses ``beta1``, ``beta2`` and ``epsilon`` as PyTorch does.
    ``target_loss`` and ``max_epochs`` (None: never) let a run stop by itself.
    """

    optimizer: str = "sgd"
    learning_rate: float = 0.1
    momentum: float = 0.0
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    batch_size: int | None = None
    shuffle: bool = False
    seed: int = 0
    target_loss: float | None = None  # training stops by itself once the loss is at or below
    max_epochs: int | None = None  # training stops by itself after this many epochs


@dataclass
class Dataset:
    """Training samples as rows: ``inputs`` (n, input_size), ``targets`` (n, output_size).

    ``test_inputs`` / ``test_targets`` hold an optional held-out split, never trained on.
    """

    inputs: np.ndarray
    targets: np.ndarray
    test_inputs: np.ndarray | None = None
    test_targets: np.ndarray | None = None

    def __post_init__(self):
        self.inputs = np.array(self.inputs, dtype=np.float64, ndmin=2)
        self.targets = np.array(self.targets, dtype=np.float64, ndmin=2)
        if self.test_inputs is not None:
            self.test_inputs = np.array(self.test_inputs, dtype=np.float64, ndmin=2)
            self.test_targets = np.array(self.test_targets, dtype=np.float64, ndmin=2)

    def __len__(self) -> int:
        return self.inputs.shape[0]

    @property
    def has_test_split(self) -> bool:
        return self.test_inputs is not None and len(self.test_inputs) > 0

    def copy(self) -> Dataset:
        return Dataset(
            self.inputs.copy(),
            self.targets.copy(),
            None if self.test_inputs is None else self.test_inputs.copy(),
            None if self.test_targets is None else self.test_targets.copy(),
        )


@dataclass
class Experiment:
    """A network with what it is trained on and how: the contents of one network file.

    ``run``: where a saved training run stood (None: a fresh run); a Trainer takes it over.
    """

    network: Network
    training: TrainingSettings = field(default_factory=TrainingSettings)
    data: Dataset | None = None
    run: RunState | None = None

    def copy(self) -> Experiment:
        return Experiment(
            self.network.copy(),
            TrainingSettings(**vars(self.training)),
            None if self.data is None else self.data.copy(),
            self.run,
        )
