"""Names the learner chose for weights and biases: the file's weight_labels and bias_labels,
checked like every key, written back, kept in step by structure edits, and used in formulas
(the seed's x —(v, a)→ y —(w, b)→ z) where no symbol then means two things."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import NetworkFileError
from engine.files import netfile
from engine.files.netfile_values import MAX_PARAMETER_LABEL
from engine.files.presets import load_preset
from engine.lesson.names import label_columns, parameter_names_used
from engine.lesson.quantities import Granularity, Quantity
from engine.lesson.stepper import build_trace, trace_experiment
from engine.model import structure
from engine.model.experiment import Experiment, TrainingSettings


def seed_document() -> dict:
    return netfile.to_dict(load_preset("seed"))


def q(*parts) -> Quantity:
    return Quantity.from_json(parts)


# ----- the file ------------------------------------------------------------------------------
def test_the_seed_presets_name_the_chain_as_the_notes_do():
    for name in ("seed", "seed-sse"):
        network = load_preset(name).network
        assert network.input_labels == ["x"]
        assert [layer.labels for layer in network.layers] == [["y"], ["z"]]
        assert [layer.weight_labels for layer in network.layers] == [[["v"]], [["w"]]]
        assert [layer.bias_labels for layer in network.layers] == [["a"], ["b"]]


def test_parameter_labels_round_trip_through_the_file():
    document = seed_document()
    text = netfile.dumps(netfile.to_dict(netfile.parse(document)))
    again = json.loads(text)
    assert again["layers"][0]["weight_labels"] == [["v"]]
    assert again["layers"][0]["bias_labels"] == ["a"]
    assert again["layers"][1]["weight_labels"] == [["w"]]
    assert again["layers"][1]["bias_labels"] == ["b"]


def test_a_file_without_parameter_labels_writes_none():
    document = seed_document()
    for layer in document["layers"]:
        del layer["weight_labels"], layer["bias_labels"]
    layers = netfile.to_dict(netfile.parse(document))["layers"]
    assert all("weight_labels" not in layer and "bias_labels" not in layer for layer in layers)


def _mutated(key: str, value):
    document = seed_document()
    document["layers"][0][key] = value
    return document


BAD = {
    "weight labels not a list": ("weight_labels", "v", "layers[0].weight_labels", "1 rows"),
    "too many rows": ("weight_labels", [["v"], ["u"]], "layers[0].weight_labels", "1 rows of 1"),
    "row too long": ("weight_labels", [["v", "u"]], "layers[0].weight_labels[0]", "1 names"),
    "row not a list": ("weight_labels", [None], "layers[0].weight_labels[0]", "1 names"),
    "name not text": ("weight_labels", [[3]], "layers[0].weight_labels[0][0]", "string"),
    "lone surrogate": ("bias_labels", ["\ud800"], "layers[0].bias_labels[0]", "surrogate"),
    "control character": ("bias_labels", ["a\x1b[31m"], "layers[0].bias_labels[0]", "control"),
    "newline": ("weight_labels", [["v\n"]], "layers[0].weight_labels[0][0]", "control"),
    "empty name": ("bias_labels", [""], "layers[0].bias_labels[0]", "1 to 40 characters"),
    "too long": ("bias_labels", ["a" * (MAX_PARAMETER_LABEL + 1)], "layers[0].bias_labels[0]",
                 "got 41"),
    "wrong bias count": ("bias_labels", ["a", "c"], "layers[0].bias_labels", "1 names"),
    "misspelt key": ("bias_label", ["a"], "layers[0].bias_label", "did you mean 'bias_labels'"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_parameter_labels_are_refused_naming_their_key(case):
    key, value, where, words = BAD[case]
    with pytest.raises(NetworkFileError) as caught:
        netfile.parse(_mutated(key, value), "bad.json")
    assert caught.value.key == where, caught.value
    assert words in caught.value.problem, caught.value


def test_a_long_but_allowed_name_and_any_printable_text_are_read():
    document = _mutated("bias_labels", ["a" * MAX_PARAMETER_LABEL])
    document["layers"][1]["weight_labels"] = [["<img src='x'> & 가"]]
    network = netfile.parse(document).network
    assert network.layers[0].bias_label(0) == "a" * MAX_PARAMETER_LABEL
    assert network.layers[1].weight_label(0, 0) == "<img src='x'> & 가"


# ----- structure edits keep the names in step --------------------------------------------------
def _xor_named():
    network = load_preset("xor").network
    for index, layer in enumerate(network.layers):
        layer.weight_labels = [[f"w{index}{j}{i}" for i in range(layer.n_in)]
                               for j in range(layer.n_out)]
        layer.bias_labels = [f"b{index}{j}" for j in range(layer.n_out)]
    return network


def _consistent(network) -> None:
    for layer in network.layers:
        if layer.weight_labels is not None:
            assert len(layer.weight_labels) == layer.n_out
            assert all(len(row) == layer.n_in for row in layer.weight_labels)
        if layer.bias_labels is not None:
            assert len(layer.bias_labels) == layer.n_out
    netfile.parse(netfile.to_dict(Experiment(network)))  # what a file would hold reads back


def test_adding_a_neuron_names_its_new_weights_and_bias_freshly():
    network = structure.add_neuron(_xor_named(), 0)
    hidden, output = network.layers
    assert hidden.weight_labels[:2] == [["w000", "w001"], ["w010", "w011"]]
    assert hidden.bias_labels[:2] == ["b00", "b01"]
    names = [n for layer in network.layers for row in layer.weight_labels for n in row]
    names += [n for layer in network.layers for n in layer.bias_labels]
    assert len(names) == len(set(names))  # every new name is new
    assert output.weight_labels[0][:2] == ["w100", "w101"] and len(output.weight_labels[0]) == 3
    _consistent(network)


def test_removing_a_neuron_removes_its_row_column_and_bias_name():
    network = structure.remove_neuron(_xor_named(), 0, 0)
    hidden, output = network.layers
    assert hidden.weight_labels == [["w010", "w011"]]
    assert hidden.bias_labels == ["b01"]
    assert output.weight_labels == [["w101"]]
    _consistent(network)


def test_inputs_added_and_removed_keep_the_first_layers_names():
    added = structure.add_input(_xor_named())
    assert [row[:2] for row in added.layers[0].weight_labels] == [["w000", "w001"],
                                                                  ["w010", "w011"]]
    removed = structure.remove_input(_xor_named(), 0)
    assert removed.layers[0].weight_labels == [["w001"], ["w011"]]
    _consistent(added)
    _consistent(removed)


def test_layers_inserted_and_removed_keep_what_still_fits():
    inserted = structure.insert_layer(_xor_named(), 1, 3, "tanh")
    assert inserted.layers[1].weight_labels is None and inserted.layers[1].bias_labels is None
    assert inserted.layers[2].weight_labels[0][:2] == ["w100", "w101"]
    assert inserted.layers[2].bias_labels == ["b10"]
    _consistent(inserted)
    removed = structure.remove_layer(_xor_named(), 0)  # the output now reads 2 inputs: fits
    assert removed.layers[0].weight_labels == [["w100", "w101"]]
    _consistent(removed)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["add_neuron", "remove_neuron", "add_input", "remove_input",
                                 "insert_layer", "remove_layer"]), min_size=1, max_size=6))
def test_any_sequence_of_edits_keeps_every_name_list_the_shape_of_its_array(edits):
    network = _xor_named()
    for edit in edits:
        try:
            network = {
                "add_neuron": lambda n: structure.add_neuron(n, 0),
                "remove_neuron": lambda n: structure.remove_neuron(n, 0, 0),
                "add_input": structure.add_input,
                "remove_input": lambda n: structure.remove_input(n, 0),
                "insert_layer": lambda n: structure.insert_layer(n, 1, 2, "tanh"),
                "remove_layer": lambda n: structure.remove_layer(n, 0),
            }[edit](network)
        except Exception as error:  # a refused edit (the last neuron, the only layer)
            assert type(error).__name__ == "NetworkError"
        _consistent(network)


# ----- formulas ----------------------------------------------------------------------------------
SEED_LINES = [
    "net_y = v·x + a = 1·2 + 1 = 3",
    "y = net_y = 3",
    "net_z = w·y + b = 1·3 + 1 = 4",
    "z = net_z = 4",
    "δ⁽²⁾₁ = ∂E/∂z·f′(net_z) = (z − t₁)·f′(net_z) = (4 − 3)·1 = 1",
    "∂E/∂w = ∂E/∂b·y = δ⁽²⁾₁·y = 1·3 = 3",
    "∂E/∂b = δ⁽²⁾₁ = 1",
    "δ⁽¹⁾₁ = (w·δ⁽²⁾₁)·f′(net_y) = (1·1)·1 = 1",
    "∂E/∂v = ∂E/∂a·x = δ⁽¹⁾₁·x = 1·2 = 2",
    "∂E/∂a = δ⁽¹⁾₁ = 1",
    "w′ = w − η·∂E/∂w = 1 − 0.1·3 = 0.7",
    "b′ = b − η·∂E/∂b = 1 − 0.1·1 = 0.9",
    "v′ = v − η·∂E/∂v = 1 − 0.1·2 = 0.8",
    "a′ = a − η·∂E/∂a = 1 − 0.1·1 = 0.9",
    "net_y′ = v′·x + a′ = 0.8·2 + 0.9 = 2.5",
    "net_z′ = w′·y′ + b′ = 0.7·2.5 + 0.9 = 2.65",
    "E′ = ½·(z′ − t₁)² = ½·(2.65 − 3)² = 0.06125",
]


def test_the_seed_trace_reads_as_the_notes_with_the_walkthrough_numbers():
    texts = [step.text for step in trace_experiment(load_preset("seed"))]
    for line in SEED_LINES:
        assert line in texts


def test_the_seed_prose_names_the_parameters_and_the_weighted_sums():
    explanations = {step.quantity: step.explanation
                    for step in trace_experiment(load_preset("seed"))}
    assert explanations[q("z", 1, 0)].endswith("plus its bias: net_z = 4.")
    assert explanations[q("a", 1, 0)] == "The identity activation passes net_z on unchanged: z = 4."
    assert "so ∂E/∂v = ∂E/∂a × 2 = 1 × 2 = 2" in explanations[q("grad_w", 0, 0, 0)]
    assert "so ∂E/∂a = δ × 1 = 1." in explanations[q("grad_b", 0, 0)]


def test_the_sse_seed_doubles_every_gradient_under_the_same_names():
    texts = [step.text for step in trace_experiment(load_preset("seed-sse"))]
    assert "∂E/∂w = ∂E/∂b·y = δ⁽²⁾₁·y = 2·3 = 6" in texts
    assert "∂E/∂v = ∂E/∂a·x = δ⁽¹⁾₁·x = 2·2 = 4" in texts
    assert "w′ = w − η·∂E/∂w = 1 − 0.1·6 = 0.4" in texts


def _no_symbol_means_two_things(trace) -> None:
    for step in trace:
        symbols = [step.formula.lhs, *step.formula.symbols()]
        meaning = {}
        for symbol in symbols:
            meaning.setdefault(symbol.notation(), set()).add(tuple(symbol.ref.to_json()))
        for shown, refs in meaning.items():
            assert len(refs) == 1, (step.text, shown, refs)
        # a name is never also the letter of an indexed symbol beside it ("z = z⁽²⁾₁")
        names = {symbol.label for symbol in symbols if symbol.named}
        letters = {symbol.name for symbol in symbols if not symbol.named}
        assert not names & letters, (step.text, names & letters)


@pytest.mark.parametrize("preset", ["seed", "seed-sse", "xor", "saddle", "plateau", "sine"])
def test_no_symbol_means_two_things_in_one_formula(preset):
    experiment = load_preset(preset)
    _no_symbol_means_two_things(trace_experiment(experiment, samples=[0]))


def test_json_keeps_stable_parameter_names_and_references():
    trace = trace_experiment(load_preset("seed"))
    document = json.loads(json.dumps(trace.to_dict()))
    grad_v = next(s for s in document["steps"] if s["quantity"] == ["grad_w", 0, 0, 0])
    lhs = grad_v["formula"]["lhs"]
    assert (lhs["text"], lhs["label"], lhs["named"], lhs["ref"]) == \
        ("∂E/∂v", "v", True, ["grad_w", 0, 0, 0])


# ----- when the names stand in formulas -------------------------------------------------------
def test_momentum_keeps_v_for_the_velocity_so_the_seed_falls_back_to_indices():
    network = load_preset("seed").network
    assert parameter_names_used(network) and not parameter_names_used(network, momentum=True)
    training = TrainingSettings(learning_rate=0.1, momentum=0.9)
    trace = build_trace(network, [[2.0]], [[3.0]], training)
    texts = [step.text for step in trace]
    assert "w′⁽²⁾₁₁ = w⁽²⁾₁₁ − η·v′⁽²⁾₁₁ = w⁽²⁾₁₁ − η·(μ·v⁽²⁾₁₁ + ∂E/∂w⁽²⁾₁₁) = " \
        "1 − 0.1·(0.9·0 + 3) = 0.7" in texts


def test_names_are_all_or_none_unique_and_never_another_letter():
    network = load_preset("seed").network
    bad = copy.deepcopy(network)
    bad.layers[0].bias_labels = None  # one layer unnamed: none stand
    assert not parameter_names_used(bad)
    for clash in ("y", "w", "t", "η", "net_v", "a b"):
        bad = copy.deepcopy(network)
        bad.layers[0].weight_labels = [[clash]]  # a neuron's label, a repeat, a letter, not short
        assert not parameter_names_used(bad), clash
    unnamed = copy.deepcopy(network)
    unnamed.layers[0].labels = None  # a⁽¹⁾₁ and z⁽¹⁾₁ appear: "a" may not name a bias
    assert not label_columns(unnamed)[1] and not parameter_names_used(unnamed)


def test_a_parameter_name_that_is_a_neuron_label_unnames_the_neuron_too():
    network = load_preset("seed").network
    network.layers[1].bias_labels = ["y"]
    assert label_columns(network) == (True, False, True)


def test_layer_steps_keep_indexed_whole_layer_names():
    trace = trace_experiment(load_preset("seed"), granularity=Granularity.LAYER)
    assert all("∂E/∂v" not in step.text for step in trace)


def test_walkthrough_values_unchanged_by_names():
    values = [step.value for step in trace_experiment(load_preset("seed"))
              if step.kind.startswith("update")]
    assert values == pytest.approx([0.7, 0.9, 0.8, 0.9], abs=1e-15)
    assert np.isclose(trace_experiment(load_preset("seed"))[-1].value, 0.06125)
