"""The network file: every bad input is refused with its key, and a good one round-trips exactly."""

from __future__ import annotations

import copy
import json
import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import NetworkFileError
from engine.files import netfile
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from engine.model.rules import MAX_FILE_BYTES


def seed_document() -> dict:
    """The walkthrough's network as DESIGN.md writes it."""
    return {
        "format": "backprop-sim.network",
        "version": 1,
        "name": "Seed example",
        "description": "free text",
        "input_size": 1,
        "input_labels": ["x"],
        "layers": [
            {
                "activation": "identity",
                "weights": [[1.0]],
                "biases": [1.0],
                "frozen_weights": [[False]],
                "frozen_biases": [False],
                "labels": ["y"],
            },
            {"activation": "identity", "weights": [[1.0]], "biases": [1.0], "labels": ["z"]},
        ],
        "loss": "half_sse",
        "reduction": "sum",
        "training": {
            "optimizer": "sgd",
            "learning_rate": 0.1,
            "momentum": 0.0,
            "batch_size": None,
            "shuffle": False,
            "seed": 0,
        },
        "data": {"inputs": [[2.0]], "targets": [[3.0]]},
    }


def classifier_document(activation="softmax", loss="cross_entropy") -> dict:
    """2 inputs → 2 tanh → 3 outputs, two samples with one-hot targets."""
    return {
        "format": "backprop-sim.network",
        "version": 1,
        "input_size": 2,
        "layers": [
            {"activation": "tanh", "weights": [[0.5, -0.5], [0.25, 0.75]], "biases": [0.0, 0.1]},
            {
                "activation": activation,
                "weights": [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]],
                "biases": [0.0, 0.0, 0.0],
            },
        ],
        "loss": loss,
        "data": {"inputs": [[0.0, 1.0], [1.0, 0.0]], "targets": [[1, 0, 0], [0, 0, 1]]},
    }


def _set(path: str, value):
    """A mutation that sets document[path] (dotted, with [i] indexes) to ``value``."""

    def mutate(document):
        *parents, last = _steps(path)
        target = document
        for step in parents:
            target = target[step]
        target[last] = value
        return document

    return mutate


def _delete(path: str):
    def mutate(document):
        *parents, last = _steps(path)
        target = document
        for step in parents:
            target = target[step]
        del target[last]
        return document

    return mutate


def _steps(path: str) -> list:
    steps = []
    for part in path.replace("[", ".[").split("."):
        if part:
            steps.append(int(part[1:-1]) if part.startswith("[") else part)
    return steps


def _deep_layers(count: int):
    def mutate(document):
        document["layers"] = [
            {"activation": "identity", "weights": [[1.0]], "biases": [0.0]} for _ in range(count)
        ]
        return document

    return mutate


def _wide_layer(n_out: int):
    def mutate(document):
        document["layers"][0]["weights"] = [[1.0]] * n_out
        return document

    return mutate


def _too_many_parameters(document):
    # 4096 inputs, 3 × 4096 neurons: 3·4096·4097 ≈ 50 million parameters, all rows shared
    row = [0.0] * 4096
    document["input_size"] = 4096
    document.pop("input_labels")
    document["layers"] = [
        {"activation": "identity", "weights": [row] * 4096, "biases": row} for _ in range(3)
    ]
    return document


def _too_many_rows(document):
    document["data"] = {"inputs": [[0.0]] * 1_000_001, "targets": [[0.0]] * 1_000_001}
    return document


def _softmax_hidden(document):
    document["layers"][0]["activation"] = "softmax"
    return document


def _classifier(activation, loss, targets=None):
    def mutate(_document):
        document = classifier_document(activation, loss)
        if targets is not None:
            document["data"]["targets"] = targets
        return document

    return mutate


# (mutation, key at fault, words the problem must contain)
BAD_DOCUMENTS = {
    "wrong format": (_set("format", "something-else"), "format", "expected"),
    "missing format": (_delete("format"), "format", "missing"),
    "unknown version": (_set("version", 3), "version", "unknown version"),
    "version as text": (_set("version", "1"), "version", "unknown version"),
    "version as float": (_set("version", 1.0), "version", "unknown version"),
    "missing version": (_delete("version"), "version", "missing"),
    "missing input_size": (_delete("input_size"), "input_size", "missing"),
    "missing layers": (_delete("layers"), "layers", "missing"),
    "missing weights": (_delete("layers[1].weights"), "layers[1].weights", "missing"),
    "missing biases": (_delete("layers[0].biases"), "layers[0].biases", "missing"),
    "missing activation": (_delete("layers[0].activation"), "layers[0].activation", "missing"),
    "missing targets": (_delete("data.targets"), "data.targets", "missing"),
    "unknown top key": (_set("colour", "red"), "colour", "unknown key"),
    "typo in training": (
        _set("training.learning_rte", 0.1),
        "training.learning_rte",
        "did you mean 'learning_rate'",
    ),
    "typo in layer": (_set("layers[0].weight", [[1.0]]), "layers[0].weight", "'weights'"),
    "too few weight rows": (_set("layers[1].weights", [[1.0], [1.0]]), "layers[1].biases", "1"),
    "weight row too wide": (_set("layers[1].weights[0]", [1.0, 2.0]), "layers[1].weights[0]", "1"),
    "weights not a list": (_set("layers[0].weights", 1.0), "layers[0].weights", "list"),
    "row not a list": (_set("layers[0].weights[0]", 1.0), "layers[0].weights[0]", "expected"),
    "biases too long": (_set("layers[0].biases", [1.0, 2.0]), "layers[0].biases", "expected 1"),
    "frozen shape": (_set("layers[0].frozen_weights", [[False, True]]), "layers[0]", "true"),
    "frozen not boolean": (
        _set("layers[0].frozen_biases", [0]),
        "layers[0].frozen_biases[0]",
        "true or false",
    ),
    "weight is text": (_set("layers[1].weights[0][0]", "1.0"), "layers[1].weights[0][0]", "number"),
    "weight is boolean": (
        _set("layers[1].weights[0][0]", True),
        "layers[1].weights[0][0]",
        "booleans are not numbers",
    ),
    "bias is null": (_set("layers[0].biases[0]", None), "layers[0].biases[0]", "number"),
    "input is boolean": (_set("data.inputs[0][0]", False), "data.inputs[0][0]", "booleans"),
    "NaN weight": (_set("layers[0].weights[0][0]", math.nan), "layers[0].weights[0][0]", "finite"),
    "infinite bias": (_set("layers[1].biases[0]", -math.inf), "layers[1].biases[0]", "finite"),
    "huge integer": (_set("layers[1].biases[0]", 10**400), "layers[1].biases[0]", "finite"),
    "infinite target": (_set("data.targets[0][0]", math.inf), "data.targets[0][0]", "finite"),
    "unknown activation": (
        _set("layers[0].activation", "sigmod"),
        "layers[0].activation",
        "did you mean 'sigmoid'",
    ),
    "activation not text": (_set("layers[0].activation", 1), "layers[0].activation", "unknown"),
    "unknown loss": (_set("loss", "half-sse"), "loss", "did you mean 'half_sse'"),
    "unknown reduction": (_set("reduction", "avg"), "reduction", "unknown"),
    "unknown optimizer": (_set("training.optimizer", "adagrad"), "training.optimizer", "unknown"),
    "softmax in a hidden layer": (_softmax_hidden, "layers[0].activation", "output layer"),
    "cross_entropy without softmax": (
        _classifier("sigmoid", "cross_entropy"),
        "loss",
        "softmax output",
    ),
    "cross_entropy rows not summing to 1": (
        _classifier("softmax", "cross_entropy", [[1, 0, 0], [0.5, 0.5, 0.5]]),
        "data.targets[1]",
        "probabilities",
    ),
    "cross_entropy negative target": (
        _classifier("softmax", "cross_entropy", [[1.5, -0.5, 0], [0, 0, 1]]),
        "data.targets[0]",
        "non-negative",
    ),
    "binary_cross_entropy without sigmoid": (
        _classifier("softmax", "binary_cross_entropy"),
        "loss",
        "sigmoid output",
    ),
    "binary_cross_entropy target above 1": (
        _classifier("sigmoid", "binary_cross_entropy", [[1, 0, 0], [0, 2, 1]]),
        "data.targets[1][1]",
        "[0, 1]",
    ),
    "input row too wide": (_set("data.inputs[0]", [2.0, 1.0]), "data.inputs[0]", "input_size"),
    "target row too wide": (_set("data.targets[0]", [3.0, 1.0]), "data.targets[0]", "outputs"),
    "fewer targets than inputs": (_set("data.targets", []), "data.targets", "rows"),
    "test inputs alone": (_set("data.test_inputs", [[1.0]]), "data.test_targets", "together"),
    "learning rate zero": (
        _set("training.learning_rate", 0),
        "training.learning_rate",
        "greater than 0",
    ),
    "learning rate negative": (
        _set("training.learning_rate", -0.1),
        "training.learning_rate",
        "greater than 0",
    ),
    "learning rate infinite": (
        _set("training.learning_rate", math.inf),
        "training.learning_rate",
        "finite",
    ),
    "learning rate boolean": (
        _set("training.learning_rate", True),
        "training.learning_rate",
        "booleans",
    ),
    "momentum 1": (_set("training.momentum", 1.0), "training.momentum", "less than 1"),
    "momentum negative": (_set("training.momentum", -0.5), "training.momentum", "at least 0"),
    "beta1 1": (_set("training.beta1", 1), "training.beta1", "less than 1"),
    "beta2 negative": (_set("training.beta2", -0.1), "training.beta2", "at least 0"),
    "epsilon zero": (_set("training.epsilon", 0.0), "training.epsilon", "greater than 0"),
    "batch_size zero": (_set("training.batch_size", 0), "training.batch_size", "positive"),
    "batch_size fraction": (_set("training.batch_size", 2.5), "training.batch_size", "whole"),
    "batch_size boolean": (_set("training.batch_size", True), "training.batch_size", "positive"),
    "batch_size text": (_set("training.batch_size", "all"), "training.batch_size", "positive"),
    "shuffle not boolean": (_set("training.shuffle", 1), "training.shuffle", "true or false"),
    "seed negative": (_set("training.seed", -1), "training.seed", "whole number"),
    "max_epochs zero": (_set("training.max_epochs", 0), "training.max_epochs", "positive"),
    "target_loss negative": (_set("training.target_loss", -1.0), "training.target_loss", "0"),
    "no layers": (_set("layers", []), "layers", "at least one layer"),
    "65 layers": (_deep_layers(65), "layers", "limit of 64"),
    "4097 neurons in a layer": (_wide_layer(4097), "layers[0].weights", "limit of 4,096"),
    "4097 inputs": (_set("input_size", 4097), "input_size", "limit of 4,096"),
    "zero inputs": (_set("input_size", 0), "input_size", "at least 1"),
    "too many parameters": (_too_many_parameters, "layers[", "limit of 10,000,000"),
    "too many data rows": (_too_many_rows, "data.inputs", "limit of 1,000,000"),
    "labels of wrong length": (_set("layers[0].labels", ["a", "b"]), "layers[0].labels", "1"),
    "name not text": (_set("name", 3), "name", "string"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_a_bad_document_names_its_key_and_problem(case):
    mutate, key, words = BAD_DOCUMENTS[case]
    document = mutate(seed_document())
    with pytest.raises(NetworkFileError) as caught:
        netfile.parse(document, "bad.json")
    error = caught.value
    assert error.key.startswith(key), error
    assert words in error.problem, error
    assert error.path == "bad.json"
    assert str(error).startswith(f"bad.json: {error.key}: ")


def test_the_design_example_reads_into_the_walkthrough_network():
    experiment = netfile.parse(seed_document())
    network = experiment.network
    assert network.sizes == [1, 1, 1]
    assert [layer.activation for layer in network.layers] == ["identity", "identity"]
    assert network.layers[0].labels == ["y"]
    assert experiment.training.learning_rate == 0.1
    assert experiment.training.batch_size is None
    np.testing.assert_array_equal(experiment.data.inputs, [[2.0]])
    np.testing.assert_array_equal(experiment.data.targets, [[3.0]])


def test_only_the_required_keys_gives_the_design_defaults():
    document = {
        "format": "backprop-sim.network",
        "version": 1,
        "input_size": 2,
        "layers": [{"activation": "relu", "weights": [[1, 2]], "biases": [0]}],
    }
    experiment = netfile.parse(document)
    assert experiment.network.loss == "half_sse"
    assert experiment.network.reduction == "sum"
    assert experiment.training == TrainingSettings()
    assert experiment.data is None
    assert experiment.network.layers[0].weights.dtype == np.float64


def test_empty_data_is_allowed_and_has_zero_rows():
    document = seed_document()
    document["data"] = {"inputs": [], "targets": []}
    data = netfile.parse(document).data
    assert len(data) == 0
    assert data.inputs.shape == (0, 1)
    assert data.targets.shape == (0, 1)


def test_probability_targets_and_a_test_split_are_accepted():
    document = classifier_document()
    document["data"]["test_inputs"] = [[0.5, 0.5]]
    document["data"]["test_targets"] = [[0.2, 0.3, 0.5]]
    data = netfile.parse(document).data
    assert data.has_test_split
    np.testing.assert_array_equal(data.test_targets, [[0.2, 0.3, 0.5]])


def test_adam_settings_and_stop_conditions_are_read():
    document = seed_document()
    document["training"].update(
        optimizer="adam", beta1=0.8, beta2=0.99, epsilon=1e-6, target_loss=0.01, max_epochs=50
    )
    training = netfile.parse(document).training
    assert (training.optimizer, training.beta1, training.beta2) == ("adam", 0.8, 0.99)
    assert (training.epsilon, training.target_loss, training.max_epochs) == (1e-6, 0.01, 50)


# ----- the file itself ------------------------------------------------------------------------
def test_a_missing_file_is_named(tmp_path):
    missing = tmp_path / "nowhere.json"
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(missing)
    assert caught.value.path == str(missing)
    assert "no such file" in caught.value.problem


def test_a_folder_is_not_a_network_file(tmp_path):
    with pytest.raises(NetworkFileError, match="folder"):
        netfile.read_file(tmp_path)


def test_text_that_is_not_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "backprop-sim.network",\n  "version" 1\n}\n')
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert "not JSON" in caught.value.problem
    assert "line 3, column 13" in caught.value.problem


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_are_refused(tmp_path, literal):
    path = tmp_path / "nan.json"
    path.write_text(
        json.dumps(seed_document()).replace('"biases": [1.0]', f'"biases": [{literal}]')
    )
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert caught.value.key == "layers[0].biases[0]"
    assert f"got {literal}" in caught.value.problem


def test_a_number_too_large_for_float64_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(seed_document()).replace('"biases": [1.0]', '"biases": [1e400]', 1))
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert caught.value.key == "layers[0].biases[0]"
    assert "finite" in caught.value.problem


def test_a_key_given_twice_is_refused(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(seed_document())[:-1] + ', "loss": "sse"}')
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert caught.value.key == "loss"


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(seed_document()).replace("free text", "caf\u00e9").encode("latin-1")
    )
    with pytest.raises(NetworkFileError, match="UTF-8"):
        netfile.read_file(path)


def test_a_top_level_that_is_not_an_object_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2, 3]")
    with pytest.raises(NetworkFileError, match="object"):
        netfile.read_file(path)


def test_a_file_over_256_mib_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk, and would not parse
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert "limit" in caught.value.problem


def test_load_reads_a_path_and_reports_an_unknown_preset(tmp_path):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_document()))
    assert netfile.load(str(path)).network.sizes == [1, 1, 1]
    with pytest.raises(NetworkFileError) as caught:
        netfile.load("preset:no-such-thing")
    assert caught.value.key == "preset"


# ----- writing --------------------------------------------------------------------------------
def test_written_seed_reads_back_to_the_same_document(tmp_path):
    path = tmp_path / "seed.json"
    netfile.write_file(netfile.parse(seed_document()), path)
    document = json.loads(path.read_text())
    expected = seed_document()
    for layer in expected["layers"]:  # nothing frozen: the writer leaves the masks out
        layer.pop("frozen_weights", None)
        layer.pop("frozen_biases", None)
    assert document == expected


def test_writing_replaces_the_file_and_leaves_no_temporary_behind(tmp_path):
    path = tmp_path / "net.json"
    path.write_text("old contents")
    netfile.write_file(netfile.parse(seed_document()), path)
    assert netfile.read_file(path).network.sizes == [1, 1, 1]
    assert sorted(os.listdir(tmp_path)) == ["net.json"]


def test_a_non_finite_parameter_is_not_written(tmp_path):
    experiment = netfile.parse(seed_document())
    experiment.network.layers[1].weights[0, 0] = math.nan
    path = tmp_path / "net.json"
    with pytest.raises(NetworkFileError) as caught:
        netfile.write_file(experiment, path)
    assert caught.value.key == "layers[1].weights[0][0]"
    assert os.listdir(tmp_path) == []


def test_writing_into_a_missing_folder_is_a_file_error(tmp_path):
    with pytest.raises(NetworkFileError, match="cannot write"):
        netfile.write_file(netfile.parse(seed_document()), tmp_path / "no" / "net.json")


def test_an_empty_dataset_in_either_shape_is_written_as_zero_rows(tmp_path):
    experiment = netfile.parse(seed_document())
    experiment.data = Dataset([], [])  # numpy makes this shape (1, 0)
    path = tmp_path / "empty.json"
    netfile.write_file(experiment, path)
    assert len(netfile.read_file(path).data) == 0


# ----- round trip -----------------------------------------------------------------------------
FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64)
ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]


@st.composite
def experiments(draw) -> Experiment:
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=4))
    layers = []
    for index, (n_in, n_out) in enumerate(zip(sizes, sizes[1:], strict=False)):
        last = index == len(sizes) - 2
        activation = draw(st.sampled_from(ACTIVATIONS + (["softmax"] if last else [])))
        floats = st.lists(FLOATS, min_size=n_in * n_out + n_out, max_size=n_in * n_out + n_out)
        values = np.array(draw(floats))
        frozen = np.array(draw(st.lists(st.booleans(), min_size=values.size, max_size=values.size)))
        labels = draw(st.none() | st.lists(st.text(max_size=5), min_size=n_out, max_size=n_out))
        layers.append(
            Layer(
                values[: n_in * n_out].reshape(n_out, n_in),
                values[n_in * n_out :],
                activation,
                frozen[: n_in * n_out].reshape(n_out, n_in),
                frozen[n_in * n_out :],
                labels,
            )
        )
    network = Network(
        sizes[0],
        layers,
        draw(st.sampled_from(["half_sse", "sse", "mse"])),
        draw(st.sampled_from(["sum", "mean"])),
        name=draw(st.text(max_size=10)),
        description=draw(st.text(max_size=20)),
    )
    positive = st.floats(min_value=1e-300, max_value=1e300)
    fraction = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)
    training = TrainingSettings(
        optimizer=draw(st.sampled_from(["sgd", "adam"])),
        learning_rate=draw(positive),
        momentum=draw(fraction),
        beta1=draw(fraction),
        beta2=draw(fraction),
        epsilon=draw(positive),
        batch_size=draw(st.none() | st.integers(1, 100)),
        shuffle=draw(st.booleans()),
        seed=draw(st.integers(0, 2**63 - 1)),
        target_loss=draw(st.none() | st.floats(min_value=0.0, max_value=1e300)),
        max_epochs=draw(st.none() | st.integers(1, 10**6)),
    )
    rows = draw(st.integers(0, 3))
    inputs = np.array(draw(st.lists(FLOATS, min_size=rows * sizes[0], max_size=rows * sizes[0])))
    n_out = sizes[-1]
    targets = np.array(draw(st.lists(FLOATS, min_size=rows * n_out, max_size=rows * n_out)))
    data = Dataset(inputs.reshape(rows, sizes[0]), targets.reshape(rows, n_out))
    return Experiment(network, training, draw(st.none() | st.just(data)))


def _bits(array) -> bytes:
    return np.ascontiguousarray(array, dtype=np.float64).tobytes()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(experiments())
def test_write_then_read_is_bit_identical(tmp_path, experiment):
    path = tmp_path / "round.json"
    netfile.write_file(experiment, path)
    back = netfile.read_file(path)
    assert back.network.sizes == experiment.network.sizes
    for mine, theirs in zip(experiment.network.layers, back.network.layers, strict=True):
        assert _bits(theirs.weights) == _bits(mine.weights)
        assert _bits(theirs.biases) == _bits(mine.biases)
        np.testing.assert_array_equal(theirs.frozen_weights, mine.frozen_weights)
        np.testing.assert_array_equal(theirs.frozen_biases, mine.frozen_biases)
        assert (theirs.activation, theirs.labels) == (mine.activation, mine.labels)
    for name in ("loss", "reduction", "name", "description", "input_labels"):
        assert getattr(back.network, name) == getattr(experiment.network, name)
    assert back.training == experiment.training
    if experiment.data is None:
        assert back.data is None
    else:
        assert _bits(back.data.inputs) == _bits(experiment.data.inputs)
        assert _bits(back.data.targets) == _bits(experiment.data.targets)
    # and the text itself is stable: writing what was read gives the same bytes
    again = tmp_path / "again.json"
    netfile.write_file(back, again)
    assert again.read_bytes() == path.read_bytes()


def test_to_dict_does_not_share_arrays_with_the_experiment():
    experiment = netfile.parse(seed_document())
    document = netfile.to_dict(experiment)
    experiment.network.layers[0].weights[0, 0] = 5.0
    assert document["layers"][0]["weights"] == [[1.0]]
    assert copy.deepcopy(document) == document
