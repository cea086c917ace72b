"""``gradcheck FILE [--json]``: every backpropagated ∂E/∂θ against a central difference.

It passes on every preset and on random networks over every hidden activation × output
activation × loss × reduction the file format allows, on the batch the next training step uses;
a gradient corrupted on purpose is flagged, worst first, with exit 1.
"""

import json

import numpy as np
import pytest

from engine.analysis.gradcheck import check_parameters
from engine.cli import main
from engine.files import netfile
from engine.files.presets import PRESET_NAMES, load_preset
from engine.model.experiment import Dataset, Experiment
from engine.model.losses import LOSS_NAMES, REDUCTIONS
from engine.model.network import Layer, Network
from engine.model.parameter_names import parameter_name, parameters_of
from engine.training.trainer import Trainer
from tests.engine.test_gradients import representable_for_bce

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]
FUSED = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}
LIMIT = 1e-6


def run(argv, capsys):
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_every_preset_passes(preset, capsys):
    status, out, err = run(["gradcheck", f"preset:{preset}", "--json"], capsys)
    document = json.loads(out)
    assert (status, err) == (0, [])
    entries = document["parameters"]
    network = load_preset(preset).network
    assert sorted(e["name"] for e in entries) == sorted(map(parameter_name, parameters_of(network)))
    errors = [e["relative_error"] for e in entries]
    assert errors == sorted(errors, reverse=True)  # worst first
    assert document["max_relative_error"] == errors[0] <= LIMIT
    assert set(entries[0]) == {"name", "analytic", "numeric", "relative_error"}


def combinations():
    """(hidden activation, output activation, loss, reduction): every one the format allows."""
    for loss in LOSS_NAMES:
        outputs = [FUSED[loss]] if loss in FUSED else HIDDEN + ["softmax"]
        for hidden in HIDDEN:
            for output in outputs:
                for reduction in REDUCTIONS:
                    yield hidden, output, loss, reduction


def random_problem(hidden, output, loss, reduction, seed):
    """A 3-4-3-2 network (two hidden layers) and a batch of 5 samples, numbers from ``seed``."""
    rng = np.random.default_rng(seed)
    sizes = [3, 4, 3, 2]
    activations = [hidden, hidden, output]
    layers = [
        Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)
        for n_in, n_out, activation in zip(sizes, sizes[1:], activations, strict=False)
    ]
    network = Network(sizes[0], layers, loss=loss, reduction=reduction)
    inputs = rng.normal(size=(5, sizes[0]))
    if loss == "cross_entropy":
        targets = rng.dirichlet(np.ones(sizes[-1]), size=5)
    elif loss == "binary_cross_entropy":
        targets = rng.uniform(0.0, 1.0, size=(5, sizes[-1]))
    else:
        targets = rng.normal(size=(5, sizes[-1]))
    return network, inputs, targets


@pytest.mark.parametrize(("hidden", "output", "loss", "reduction"), list(combinations()))
def test_random_networks_pass_over_every_activation_loss_and_reduction(
    hidden, output, loss, reduction
):
    problems = (random_problem(hidden, output, loss, reduction, seed) for seed in range(20))
    # binary cross-entropy 1e-4 from a saturated output has no digits left for a difference
    # quotient (tests/engine/test_gradients.py, representable_for_bce): such draws are left out
    usable = [p for p in problems if representable_for_bce(*p[:2])][:3]
    assert len(usable) == 3
    for seed, (network, inputs, targets) in enumerate(usable):
        checks = check_parameters(network, inputs, targets)
        assert len(checks) == network.parameter_count
        worst = checks[0]
        assert worst.relative_error <= LIMIT, (seed, worst)


def test_a_relu_pre_activation_near_its_kink_further_down_does_not_fool_the_check():
    # layer 2's pre-activation is 1e-6 from 0: a 1e-4 nudge of w1 would carry it across
    network = Network(
        1, [Layer([[1.0]], [0.0], "relu"), Layer([[1.0]], [-1.0 + 1e-6], "relu"),
            Layer([[2.0]], [0.5])]
    )
    checks = check_parameters(network, np.array([[1.0]]), np.array([[0.0]]))
    assert max(check.relative_error for check in checks) <= LIMIT


def test_a_corrupted_gradient_is_flagged_first_with_exit_1(monkeypatch, capsys):
    real_backward = Network.backward

    def corrupted(self, forward, targets, need_input_grad=True):
        gradients = real_backward(self, forward, targets, need_input_grad)
        gradients.grad_weights[0][1, 0] *= 1.0001  # w1[2,1] off by 1e-4 of itself
        return gradients

    monkeypatch.setattr(Network, "backward", corrupted)
    status, out, err = run(["gradcheck", "preset:xor", "--json"], capsys)
    document = json.loads(out)
    assert (status, err) == (1, [])
    worst, *rest = document["parameters"]
    assert worst["name"] == "w1[2,1]" and worst["relative_error"] > LIMIT
    assert worst["analytic"] == pytest.approx(1.0001 * worst["numeric"], rel=1e-8)
    assert all(entry["relative_error"] <= LIMIT for entry in rest)
    assert document["max_relative_error"] == worst["relative_error"]
    status, out, _ = run(["gradcheck", "preset:xor"], capsys)
    lines = out.splitlines()
    assert status == 1 and lines[2].startswith("w1[2,1]") and lines[2].endswith("✗")
    assert "MISMATCH" in lines[-1]


def test_the_table_lists_every_parameter_worst_first(capsys):
    status, out, err = run(["gradcheck", "preset:seed"], capsys)
    lines = out.splitlines()
    assert (status, err) == (0, [])
    assert lines[1].split() == ["parameter", "analytic", "numeric", "relative", "error"]
    assert sorted(line.split()[0] for line in lines[2:6]) == ["b1[1]", "b2[1]", "w1[1,1]",
                                                              "w2[1,1]"]
    assert "every gradient agrees" in lines[-1]


def test_the_batch_is_the_one_the_next_training_step_uses(tmp_path, capsys):
    experiment = load_preset("sine")
    experiment.training.batch_size, experiment.training.shuffle = 4, True
    experiment.training.seed = 7
    path = tmp_path / "shuffled.json"
    netfile.write_file(experiment, str(path))
    document = json.loads(run(["gradcheck", path, "--json"], capsys)[1])
    rows = Trainer(experiment.copy()).next_batch()
    network, data = experiment.network, experiment.data
    gradients = network.backward(network.forward(data.inputs[rows]), data.targets[rows])
    analytic = {entry["name"]: entry["analytic"] for entry in document["parameters"]}
    assert analytic["b2[1]"] == gradients.grad_biases[1][0]
    assert analytic["w1[3,1]"] == gradients.grad_weights[0][2, 0]
    first_rows = network.backward(network.forward(data.inputs[:4]), data.targets[:4])
    assert analytic["b2[1]"] != first_rows.grad_biases[1][0]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["gradcheck"], "FILE"),
        (["gradcheck", "preset:sed"], "did you mean 'seed'"),
        (["gradcheck", "preset:seed", "--yaml"], "--yaml"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, words, capsys):
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 1 and words in err[0]


def test_a_network_too_big_to_check_by_differences_is_refused_in_one_line(tmp_path, capsys):
    rng = np.random.default_rng(0)
    layers = [Layer(rng.normal(size=(128, 784)) * 0.05, np.zeros(128), "relu"),
              Layer(rng.normal(size=(10, 128)) * 0.1, np.zeros(10), "softmax")]
    network = Network(784, layers, loss="cross_entropy", reduction="mean")
    targets = np.eye(10)[rng.integers(0, 10, size=50)]
    experiment = Experiment(network, data=Dataset(rng.normal(size=(50, 784)), targets))
    path = tmp_path / "mnist-sized.json"
    netfile.write_file(experiment, str(path))
    status, out, err = run(["gradcheck", path], capsys)
    assert status == 2 and out == "" and len(err) == 1
    assert "101,770 parameters" in err[0] and "batch_size" in err[0]
