"""Saturation is flagged where it slows learning: hidden units, and an output only where it sits
on a flat tail far from its target (never an output that has learned its 0/1 target, never an
output fused with its loss)."""

import numpy as np
import pytest

from engine.analysis.diagnostics import diagnose
from engine.files.netfile import load
from engine.model.network import Layer, Network

UNIT_SQUARE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR = np.array([[0.0], [1.0], [1.0], [0.0]])


def solved_xor(scale: float) -> Network:
    """2-2-1 sigmoid network computing XOR: h1 = OR, h2 = AND, out = h1 AND NOT h2; ``scale``
    sets how far on the flat tails every unit sits."""
    hidden = Layer(scale * np.array([[1.0, 1.0], [1.0, 1.0]]), scale * np.array([-0.5, -1.5]),
                   "sigmoid")
    output = Layer(scale * np.array([[1.0, -1.0]]), scale * np.array([-0.5]), "sigmoid")
    return Network(2, [hidden, output], loss="half_sse")


def test_a_solved_xor_output_is_not_saturated_but_its_flat_hidden_units_are():
    diagnosis = diagnose(solved_xor(20.0), UNIT_SQUARE, XOR)
    assert diagnosis.accuracy == 1.0
    assert [layer.saturated_count for layer in diagnosis.layers] == [2, 0]
    assert diagnosis.layers[1].flat_share.tolist() == [0.0]
    # without targets nothing says it learned them: flagged as before
    assert diagnose(solved_xor(20.0), UNIT_SQUARE).layers[1].saturated_count == 1


def test_an_output_stuck_on_the_wrong_tail_is_saturated():
    stuck = Network(2, [Layer([[0.0, 0.0]], [-9.0], "sigmoid")], loss="half_sse")
    ones = np.ones((4, 1))
    layer = diagnose(stuck, UNIT_SQUARE, ones).layers[0]
    assert layer.saturated.tolist() == [True] and layer.flat_share.tolist() == [1.0]
    # three of four right (flat there on purpose) and one wrong: wrong on 25 % only
    layer = diagnose(stuck, UNIT_SQUARE, np.array([[0.0], [0.0], [0.0], [1.0]])).layers[0]
    assert layer.flat_share.tolist() == [0.25] and layer.saturated_count == 0


@pytest.mark.parametrize("loss", ["binary_cross_entropy", "half_sse"])
def test_an_output_fused_with_its_loss_is_never_saturated(loss):
    stuck = Network(2, [Layer([[0.0, 0.0]], [-9.0], "sigmoid")], loss=loss)
    layer = diagnose(stuck, UNIT_SQUARE, np.ones((4, 1))).layers[0]
    assert layer.saturated_count == (0 if loss == "binary_cross_entropy" else 1)


def test_a_tanh_output_is_off_target_beyond_half_its_range():
    net = Network(1, [Layer([[0.0]], [3.0], "tanh")], loss="half_sse")  # a = 0.995, flat
    inputs = np.zeros((2, 1))
    assert diagnose(net, inputs, np.array([[-1.0], [-1.0]])).layers[0].saturated_count == 1
    assert diagnose(net, inputs, np.array([[0.1], [0.1]])).layers[0].saturated_count == 0


def test_the_xor_preset_trained_to_a_solution_shows_no_saturated_output():
    from engine.training.history import History
    from engine.training.trainer import Trainer

    experiment = load("preset:xor")
    experiment.training.learning_rate = 5.0
    Trainer(experiment, History(len(experiment.network.layers))).run(20_000)
    data = experiment.data
    diagnosis = diagnose(experiment.network, data.inputs, data.targets)
    assert diagnosis.accuracy == 1.0
    assert diagnosis.layers[-1].saturated_count == 0
