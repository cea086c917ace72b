"""The step-through of the next training step: the trainer's batch and state, its exact update."""

import numpy as np
import pytest

from engine.netfile import load
from engine.quantities import Kind, Quantity
from engine.stepper import trace_training_step
from engine.training import Trainer


def xor(**training):
    experiment = load("preset:xor")
    for key, value in training.items():
        setattr(experiment.training, key, value)
    return experiment


SETTINGS = [{}, {"batch_size": 3, "shuffle": True, "seed": 5},
            {"momentum": 0.9, "batch_size": 2, "shuffle": True},
            {"optimizer": "adam", "learning_rate": 0.05, "batch_size": 3}]


@pytest.mark.parametrize("training", SETTINGS)
def test_a_copy_of_a_trainer_steps_exactly_as_the_trainer_and_leaves_it_alone(training):
    trainer = Trainer(xor(**training))
    trainer.run(5)  # mid-epoch, with optimizer state
    before = [p.copy() for p in trainer.network.parameters()]
    twin = trainer.copy()
    twin.run(3)
    assert all(np.array_equal(a, b) for a, b in zip(trainer.network.parameters(), before,
                                                      strict=True))
    assert trainer.step_count == 5
    trainer.run(3)
    for a, b in zip(trainer.network.parameters(), twin.network.parameters(), strict=True):
        assert np.array_equal(a, b)
    assert (twin.step_count, twin.epoch) == (trainer.step_count, trainer.epoch)


@pytest.mark.parametrize("training", SETTINGS)
def test_the_update_steps_hold_what_the_trainer_applies(training):
    experiment = xor(**training)
    trainer = Trainer(experiment)
    trainer.run(4)
    rows = trainer.next_batch().tolist()
    steps = trace_training_step(experiment, trainer)
    assert list(steps.data.samples) == rows
    assert trainer.step_count == 4  # nothing changed
    trainer.step()
    for index, layer in enumerate(trainer.network.layers):
        for j, row in enumerate(layer.weights):
            for i, value in enumerate(row):
                assert steps.value_of(Quantity(Kind.NEW_WEIGHT, index, j, i)) == value
        for j, value in enumerate(layer.biases):
            assert steps.value_of(Quantity(Kind.NEW_BIAS, index, j)) == value
