"""The step-through of the next training step: the trainer's batch and state, its exact update."""

import numpy as np
import pytest

from engine.files.netfile import load
from engine.lesson.quantities import Kind, Quantity
from engine.lesson.stepper import trace_training_step
from engine.training.trainer import Trainer


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


def test_a_big_batch_is_stepped_sample_1_by_neuron_then_layer_by_layer_with_every_sum():
    experiment = load("preset:vanishing-sigmoid")  # 32 samples, full batch
    steps = trace_training_step(experiment)
    assert steps.data.batch == 32
    by_neuron = [s for s in steps if s.quantity.neuron is not None and s.sample is not None]
    assert {s.sample for s in by_neuron} == {0}  # sample 1 alone, neuron by neuron
    layers = len(experiment.network.layers)
    whole = [s.quantity for s in steps if s.quantity.neuron is None and s.layer is not None]
    for layer in range(layers):  # then each layer for the whole batch
        for kind in (Kind.PRE_ACTIVATION, Kind.ACTIVATION, Kind.DELTA):
            assert Quantity(kind, layer) in whole
    z = steps.step_for(Quantity(Kind.PRE_ACTIVATION, 0))
    assert np.shape(z.value) == (32, 8) and z.symbolic.startswith("z⁽¹⁾ = ")
    assert steps.step_for(Quantity(Kind.PRE_ACTIVATION, 0, 1, None, 5)) is z  # sample 6's z
    grad = steps.step_for(Quantity(Kind.GRAD_WEIGHT, 0, 0, 0))
    assert grad.symbolic.count("+") == 31  # the sum over all 32 samples, every term shown
    assert len(steps) < 2000  # instead of 11,540 steps neuron by neuron for every sample
