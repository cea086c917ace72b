"""The loss landscape: E over the training set along one or two parameters, and its command."""

import csv

import numpy as np
import pytest

from engine.analysis import loss_landscape as module
from engine.analysis.loss_landscape import grid_axis, loss_landscape, losses_at
from engine.cli import main
from engine.errors import NetworkError
from engine.files.presets import load_preset
from engine.model.network import Layer, Network
from engine.model.parameter_names import parameter_place, parse_parameter

# grid values and the engine's E differ only in the order of a sum (see
# engine/analysis/loss_landscape.py)
SAME_E = 1e-12


def engine_loss(network, inputs, targets, parameters, values) -> float:
    """E the plain engine computes with ``parameters`` set to ``values`` in a copy."""
    changed = network.copy()
    for quantity, value in zip(parameters, values, strict=True):
        array, index = parameter_place(changed, quantity)
        array[index] = value
    return changed.loss_value(inputs, targets)


def softmax_network(seed=0):
    """2-4-3-3 tanh/relu/softmax with cross-entropy over 7 samples, reduction mean."""
    rng = np.random.default_rng(seed)
    layers = [
        Layer(rng.normal(size=(4, 2)), rng.normal(size=4), "tanh"),
        Layer(rng.normal(size=(3, 4)), rng.normal(size=3), "relu"),
        Layer(rng.normal(size=(3, 3)), rng.normal(size=3), "softmax"),
    ]
    network = Network(2, layers, loss="cross_entropy", reduction="mean")
    return network, rng.normal(size=(7, 2)), rng.dirichlet(np.ones(3), size=7)


def xor():
    experiment = load_preset("xor")
    return experiment.network, experiment.data.inputs, experiment.data.targets


@pytest.mark.parametrize(
    ("problem", "names"),
    [
        (xor, ["w2[1,1]"]),
        (xor, ["b1[2]"]),
        (xor, ["w1[2,1]", "b2[1]"]),  # two layers apart
        (xor, ["w2[1,2]", "b2[1]"]),  # the same layer
        (softmax_network, ["w1[4,2]", "w3[2,3]"]),
        (softmax_network, ["b2[1]", "w2[1,4]"]),  # the same neuron
    ],
)
def test_every_grid_value_is_the_engines_E_at_those_parameter_values(problem, names):
    network, inputs, targets = problem()
    parameters = [parse_parameter(name, network) for name in names]
    grid = loss_landscape(network, inputs, targets, parameters, span=1.5, points=7)
    if len(names) == 1:
        expected = [engine_loss(network, inputs, targets, parameters, [v]) for v in grid.axes[0]]
    else:
        first, second = grid.axes
        expected = [
            [engine_loss(network, inputs, targets, parameters, [p1, p2]) for p1 in first]
            for p2 in second
        ]
    np.testing.assert_allclose(grid.losses, expected, rtol=SAME_E, atol=0)
    assert grid.names == tuple(names)


def test_the_grid_is_symmetric_around_the_current_value_which_it_contains():
    axis = grid_axis(-0.183, 2.0, 41)
    assert axis[20] == -0.183 and axis[0] == -0.183 - 2.0 and axis[-1] == -0.183 + 2.0
    offsets = grid_axis(0.0, 2.0, 41)  # the steps from the centre mirror exactly
    np.testing.assert_array_equal(offsets, -offsets[::-1])
    assert len(grid_axis(0.5, 1.0, 4)) == 4


def test_the_middle_of_the_grid_is_E_now_and_the_network_is_left_unchanged():
    network, inputs, targets = softmax_network()
    before = [p.copy() for p in network.parameters()]
    parameters = [parse_parameter("w2[3,1]", network), parse_parameter("b3[2]", network)]
    grid = loss_landscape(network, inputs, targets, parameters, points=41)
    assert grid.losses[20, 20] == pytest.approx(network.loss_value(inputs, targets), rel=SAME_E)
    assert grid.centre == (network.layers[1].weights[2, 0], network.layers[2].biases[1])
    for old, new in zip(before, network.parameters(), strict=True):
        np.testing.assert_array_equal(old, new)


def test_chunks_of_grid_points_give_the_same_values(monkeypatch):
    network, inputs, targets = softmax_network(1)
    parameters = [parse_parameter("w1[1,1]", network), parse_parameter("w3[1,1]", network)]
    whole = loss_landscape(network, inputs, targets, parameters, points=9).losses
    monkeypatch.setattr(module, "CHUNK_VALUES", 50)  # about one grid point per pass
    np.testing.assert_array_equal(
        loss_landscape(network, inputs, targets, parameters, points=9).losses, whole
    )


def test_far_from_the_data_E_may_be_infinite_but_never_raises():
    network = Network(1, [Layer([[1.0]], [0.0], "identity")])
    losses = losses_at(network, [[1e200]], [[0.0]], [parse_parameter("w1[1,1]", network)], [1e200])
    assert losses[0] == np.inf


@pytest.mark.parametrize(
    ("names", "span", "points", "key"),
    [
        (["w2[1,1]"], 0.0, 41, "span"),
        (["w2[1,1]"], float("nan"), 41, "span"),
        (["w2[1,1]"], 1.7e308, 41, "span"),  # θ + span leaves the floats
        (["w2[1,1]"], 2.0, 1, "points"),
        (["w2[1,1]"], 2.0, module.MAX_CURVE_POINTS + 1, "points"),
        (["w2[1,1]", "b2[1]"], 2.0, module.MAX_MAP_POINTS + 1, "points"),
        (["w2[1,1]", "w2[1,1]"], 2.0, 41, "parameters"),
        (["w2[1,1]", "b2[1]", "b1[1]"], 2.0, 41, "parameters"),
    ],
)
def test_absurd_requests_are_refused_in_one_line(names, span, points, key):
    network, inputs, targets = xor()
    network.layers[1].weights[0, 0] = 1e308 if span == 1.7e308 else network.layers[1].weights[0, 0]
    parameters = [parse_parameter(name, network) for name in names]
    with pytest.raises(NetworkError) as caught:
        loss_landscape(network, inputs, targets, parameters, span, points)
    assert caught.value.key == key and "\n" not in str(caught.value)


# ----- the command -------------------------------------------------------------------------------
def run(argv, capsys):
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


def read_csv(path):
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    return rows[0], np.array([[float(v) for v in row] for row in rows[1:]])


def test_the_curve_is_written_with_named_header_and_full_precision(tmp_path, capsys):
    out = tmp_path / "curve.csv"
    status, text, err = run(["landscape", "preset:xor", "--param", "w2[1,1]", "--csv", out], capsys)
    assert (status, err) == (0, [])
    header, rows = read_csv(out)
    assert header == ["w2[1,1]", "loss"] and rows.shape == (41, 2)
    network, inputs, targets = xor()
    grid = loss_landscape(network, inputs, targets, [parse_parameter("w2[1,1]", network)])
    np.testing.assert_array_equal(rows[:, 0], grid.axes[0])  # repr reads back exactly
    np.testing.assert_array_equal(rows[:, 1], grid.losses)
    assert rows[0, 0] == pytest.approx(network.layers[1].weights[0, 0] - 2.0, abs=1e-15)
    assert "w2[1,1]" in text and "∂E/∂w2[1,1]" in text


def test_two_parameters_give_every_pair_first_parameter_outermost(tmp_path, capsys):
    out = tmp_path / "map.csv"
    argv = ["landscape", "preset:xor", "--param", "w1[1,2]", "--param2", "b2[1]",
            "--span", "0.5", "--points", "5", "--csv", out]
    assert run(argv, capsys)[0] == 0
    header, rows = read_csv(out)
    assert header == ["w1[1,2]", "b2[1]", "loss"] and rows.shape == (25, 3)
    network, inputs, targets = xor()
    parameters = [parse_parameter("w1[1,2]", network), parse_parameter("b2[1]", network)]
    for p1, p2, loss in rows:
        assert loss == pytest.approx(
            engine_loss(network, inputs, targets, parameters, [p1, p2]), rel=SAME_E
        )
    assert np.all(rows[:5, 0] == rows[0, 0]) and len(set(rows[:5, 1])) == 5


@pytest.mark.parametrize(
    ("preset", "name", "span", "tolerance"),
    [
        # the seed network is linear, so E is a parabola in w2[1,1]: the central difference
        # of a parabola is its exact slope, whatever the span (only rounding remains)
        ("seed", "w2[1,1]", "2", 1e-12),
        ("seed", "b1[1]", "2", 1e-12),
        # elsewhere the central difference of step h is off by about h²·E‴/6; with a span of
        # 1e-3 over 41 points h = 5e-5, so that is below 1e-9 of these slopes
        ("xor", "w1[1,1]", "1e-3", 1e-6),
        ("xor", "b2[1]", "1e-3", 1e-6),
        ("softmax-blobs", "w2[3,4]", "1e-3", 1e-6),
        ("sine", "b1[3]", "1e-3", 1e-6),
    ],
)
def test_the_curves_slope_at_the_current_point_is_the_backpropagated_gradient(
    preset, name, span, tolerance, tmp_path, capsys
):
    out = tmp_path / "curve.csv"
    argv = ["landscape", f"preset:{preset}", "--param", name, "--span", span, "--csv", out]
    assert run(argv, capsys)[0] == 0
    _, rows = read_csv(out)
    middle = len(rows) // 2
    (p_below, e_below), (p_above, e_above) = rows[middle - 1], rows[middle + 1]
    slope = (e_above - e_below) / (p_above - p_below)
    experiment = load_preset(preset)
    network, data = experiment.network, experiment.data
    gradients = network.backward(network.forward(data.inputs), data.targets)
    quantity = parse_parameter(name, network)
    grads = gradients.grad_weights if name.startswith("w") else gradients.grad_biases
    gradient = grads[quantity.layer][(quantity.neuron, quantity.source)[: 2 - name.startswith("b")]]
    assert slope == pytest.approx(gradient, rel=tolerance)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--param", "w3[1,1]"], ["--param", "no layer 3", "layers 1 to 2"]),
        (["--param", "w2[2,1]"], ["--param", "from 1 to 1"]),
        (["--param", "w2[1,1]", "--param2", "b2[9]"], ["--param2", "b2[9]"]),
        (["--param", "weight"], ["--param", "not a parameter name"]),
        (["--param", "w2[1,1]", "--param2", "w2[1,1]"], ["--param2", "twice"]),
        (["--param", "w2[1,1]", "--span", "wide"], ["--span", "wide"]),
        (["--param", "w2[1,1]", "--span", "-1"], ["--span"]),
        (["--param", "w2[1,1]", "--points", "1"], ["--points"]),
        (["--param", "w2[1,1]", "--points", "0"], ["--points"]),
        (["--param", "w2[1,1]", "--points", "10000000"], ["--points", "100,001"]),
        (["--param", "w2[1,1]", "--param2", "b2[1]", "--points", "5000"], ["--points"]),
        ([], ["--param"]),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_write_nothing(extra, words, tmp_path, capsys):
    out = tmp_path / "out.csv"
    status, text, err = run(["landscape", "preset:xor", *extra, "--csv", out], capsys)
    assert status == 2 and text == "" and len(err) == 1, err
    for word in words:
        assert word in err[0]
    assert not out.exists()


@pytest.mark.parametrize("target", ["missing-folder/out.csv", "out.txt", "."])
def test_a_bad_output_path_exits_2_before_any_work(target, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argv = ["landscape", "preset:xor", "--param", "w2[1,1]", "--csv", target]
    status, text, err = run(argv, capsys)
    assert status == 2 and len(err) == 1 and "--csv" in err[0]
