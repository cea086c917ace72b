"""Structure edits: each gives a new valid network, keeps every other weight, or refuses."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import NetworkError
from engine.model.experiment import Dataset
from engine.model.network import Layer, Network
from engine.model.rules import check_sizes
from engine.model.structure import (
    add_input,
    add_neuron,
    insert_data_column,
    insert_layer,
    remove_data_column,
    remove_input,
    remove_layer,
    remove_neuron,
    set_activation,
    set_loss,
    small_values,
)


def network_2_3_4_1(loss="half_sse", output="identity"):
    """Distinct random weights everywhere, some frozen, all labelled."""
    rng = np.random.default_rng(7)
    sizes = [2, 3, 4, 1]
    activations = ["tanh", "relu", output]
    layers = [
        Layer(
            rng.normal(size=(n_out, n_in)),
            rng.normal(size=n_out),
            activation,
            labels=[f"L{index}n{j}" for j in range(n_out)],
        )
        for index, (n_in, n_out, activation) in enumerate(
            zip(sizes[:-1], sizes[1:], activations, strict=True)
        )
    ]
    layers[1].frozen_weights[2, 1] = True
    layers[1].frozen_biases[0] = True
    return Network(2, layers, loss, input_labels=["x0", "x1"])


def assert_same_layer(a: Layer, b: Layer):
    """Bit-identical weights, biases, masks, activation and labels."""
    assert a.weights.tobytes() == b.weights.tobytes() and a.weights.shape == b.weights.shape
    assert a.biases.tobytes() == b.biases.tobytes()
    np.testing.assert_array_equal(a.frozen_weights, b.frozen_weights)
    np.testing.assert_array_equal(a.frozen_biases, b.frozen_biases)
    assert a.activation == b.activation and a.labels == b.labels


def assert_valid(network: Network):
    """Shapes chain, masks and labels match their arrays, and a forward/backward pass runs."""
    n_in = network.input_size
    if network.input_labels is not None:
        assert len(network.input_labels) == n_in
    for layer in network.layers:
        assert layer.n_in == n_in
        assert layer.frozen_weights.shape == layer.weights.shape
        assert layer.frozen_biases.shape == layer.biases.shape
        if layer.labels is not None:
            assert len(layer.labels) == layer.n_out
        n_in = layer.n_out
    inputs = np.linspace(-1, 1, 3 * network.input_size).reshape(3, network.input_size)
    forward = network.forward(inputs)
    assert forward.output.shape == (3, network.output_size)
    grads = network.backward(forward, np.zeros((3, network.output_size)))
    assert np.isfinite(grads.loss)


def test_insert_layer_in_the_middle_keeps_every_other_layer():
    before = network_2_3_4_1()
    after = insert_layer(before, 1, 5, "sigmoid")
    assert after.sizes == [2, 3, 5, 4, 1]
    assert_same_layer(after.layers[0], before.layers[0])
    assert_same_layer(after.layers[3], before.layers[2])
    np.testing.assert_array_equal(after.layers[1].biases, np.zeros(5))
    # the layer after it keeps the 3 columns it shares and draws 2 new ones
    assert after.layers[2].weights.shape == (4, 5)
    assert after.layers[2].weights[:, :3].tobytes() == before.layers[1].weights.tobytes()
    assert after.layers[2].frozen_weights[2, 1] and not after.layers[2].frozen_weights[:, 3:].any()
    assert_valid(after)


def test_insert_layer_of_the_same_width_leaves_the_next_layer_untouched():
    before = network_2_3_4_1()
    after = insert_layer(before, 1, 3)
    assert_same_layer(after.layers[2], before.layers[1])
    assert_valid(after)


def test_insert_layer_at_both_ends():
    before = network_2_3_4_1()
    first = insert_layer(before, 0, 2)
    assert first.sizes == [2, 2, 3, 4, 1]
    last = insert_layer(before, 3, 2)
    assert last.sizes == [2, 3, 4, 1, 2]
    for index in range(3):
        assert_same_layer(last.layers[index], before.layers[index])
    assert_valid(first)
    assert_valid(last)


def test_new_weights_are_deterministic_and_small_or_from_the_given_initializer():
    before = network_2_3_4_1()
    once, twice = insert_layer(before, 1, 5), insert_layer(before, 1, 5)
    assert once.layers[1].weights.tobytes() == twice.layers[1].weights.tobytes()
    assert np.abs(once.layers[1].weights).max() <= 0.5
    ones = insert_layer(before, 1, 5, initializer=np.ones)
    np.testing.assert_array_equal(ones.layers[1].weights, np.ones((5, 3)))


def test_an_edit_never_changes_the_network_it_was_given():
    before = network_2_3_4_1()
    snapshot = before.copy()
    for edit in (
        lambda n: insert_layer(n, 1, 5),
        lambda n: remove_layer(n, 1),
        lambda n: add_neuron(n, 1),
        lambda n: remove_neuron(n, 1, 0),
        lambda n: add_input(n),
        lambda n: remove_input(n, 0),
        lambda n: set_activation(n, 0, "sigmoid"),
    ):
        edit(before)
        for a, b in zip(before.layers, snapshot.layers, strict=True):
            assert_same_layer(a, b)
        assert before.input_labels == snapshot.input_labels


def test_removing_an_identity_layer_keeps_what_the_network_computes():
    before = network_2_3_4_1()
    before = set_activation(before, 1, "identity")
    after = remove_layer(before, 1)
    assert after.sizes == [2, 3, 1]
    assert_same_layer(after.layers[0], before.layers[0])
    inputs = np.array([[0.3, -0.8], [1.2, 0.5]])
    np.testing.assert_allclose(after.predict(inputs), before.predict(inputs), rtol=1e-12)
    assert_valid(after)


def test_removing_the_output_layer_makes_the_layer_below_the_output():
    before = network_2_3_4_1()
    after = remove_layer(before, 2)
    assert after.sizes == [2, 3, 4]
    assert_same_layer(after.layers[1], before.layers[1])
    assert_valid(after)


def test_the_only_layer_cannot_be_removed():
    with pytest.raises(NetworkError, match="at least one layer"):
        remove_layer(Network(1, [Layer([[1.0]], [0.0])]), 0)


def test_add_neuron_appends_a_row_and_a_column_and_keeps_all_other_weights():
    before = network_2_3_4_1()
    after = add_neuron(before, 1)
    assert after.sizes == [2, 3, 5, 1]
    assert_same_layer(after.layers[0], before.layers[0])
    assert after.layers[1].weights[:4].tobytes() == before.layers[1].weights.tobytes()
    assert after.layers[1].biases[4] == 0.0
    assert after.layers[2].weights[:, :4].tobytes() == before.layers[2].weights.tobytes()
    assert after.layers[1].frozen_weights[2, 1] and not after.layers[1].frozen_weights[4].any()
    assert after.layers[1].labels == [*before.layers[1].labels, "n4"]
    assert_valid(after)


def test_add_neuron_to_the_output_grows_the_output():
    after = add_neuron(network_2_3_4_1(), 2, label="second")
    assert after.output_size == 2 and after.layers[2].labels[-1] == "second"
    assert_valid(after)


def test_remove_neuron_drops_its_row_bias_and_outgoing_column():
    before = network_2_3_4_1()
    after = remove_neuron(before, 1, 1)
    assert after.sizes == [2, 3, 3, 1]
    keep = [0, 2, 3]
    assert after.layers[1].weights.tobytes() == before.layers[1].weights[keep].tobytes()
    assert after.layers[1].biases.tobytes() == before.layers[1].biases[keep].tobytes()
    assert after.layers[2].weights.tobytes() == before.layers[2].weights[:, keep].tobytes()
    assert after.layers[1].labels == ["L1n0", "L1n2", "L1n3"]
    assert after.layers[1].frozen_biases[0] and after.layers[1].frozen_weights[1, 1]
    assert_same_layer(after.layers[0], before.layers[0])
    assert_valid(after)


def test_the_last_neuron_of_a_layer_cannot_be_removed():
    with pytest.raises(NetworkError, match="last neuron"):
        remove_neuron(network_2_3_4_1(), 2, 0)
    with pytest.raises(NetworkError, match="no neuron 9"):
        remove_neuron(network_2_3_4_1(), 1, 9)
    with pytest.raises(NetworkError, match="no layer 5"):
        add_neuron(network_2_3_4_1(), 5)


def test_add_and_remove_an_input():
    before = network_2_3_4_1()
    added = add_input(before, label="bias_in")
    assert added.input_size == 3 and added.input_labels == ["x0", "x1", "bias_in"]
    assert added.layers[0].weights[:, :2].tobytes() == before.layers[0].weights.tobytes()
    assert_same_layer(added.layers[1], before.layers[1])
    assert_valid(added)
    removed = remove_input(before, 0)
    assert removed.input_size == 1 and removed.input_labels == ["x1"]
    assert removed.layers[0].weights.tobytes() == before.layers[0].weights[:, 1:].tobytes()
    assert_valid(removed)
    with pytest.raises(NetworkError, match="last input"):
        remove_input(removed, 0)


def test_change_activation_keeps_the_weights_and_refuses_softmax_inside():
    before = network_2_3_4_1()
    after = set_activation(before, 0, "leaky_relu")
    assert after.layers[0].activation == "leaky_relu"
    assert after.layers[0].weights.tobytes() == before.layers[0].weights.tobytes()
    assert_valid(after)
    assert set_activation(before, 2, "softmax").layers[2].activation == "softmax"
    with pytest.raises(NetworkError, match="only allowed in the output layer") as error:
        set_activation(before, 1, "softmax")
    assert error.value.key == "layers[1].activation"
    with pytest.raises(NetworkError, match="unknown activation"):
        set_activation(before, 1, "swish")


def test_edits_refuse_to_break_the_loss_output_pairing():
    softmax_net = network_2_3_4_1("cross_entropy", "softmax")
    with pytest.raises(NetworkError, match="cross_entropy needs a softmax"):
        set_activation(softmax_net, 2, "sigmoid")
    with pytest.raises(NetworkError, match="cross_entropy needs a softmax"):
        remove_layer(softmax_net, 2)
    with pytest.raises(NetworkError, match="only allowed in the output layer"):
        insert_layer(softmax_net, 3, 2, "identity")
    assert set_loss(softmax_net, "half_sse", "mean").reduction == "mean"
    with pytest.raises(NetworkError, match="binary_cross_entropy needs a sigmoid"):
        set_loss(softmax_net, "binary_cross_entropy")


def test_size_limits_are_refused_before_allocating():
    net = Network(1, [Layer([[1.0]], [0.0])])
    with pytest.raises(NetworkError, match="4096"):
        insert_layer(net, 0, 4097)
    with pytest.raises(NetworkError, match="parameters"):
        check_sizes(4096, [4096, 4096])
    with pytest.raises(NetworkError, match="64"):
        check_sizes(1, [1] * 65)
    wide = Network(4096, [Layer(np.zeros((1, 4096)), [0.0])])
    with pytest.raises(NetworkError, match="4097 neurons"):
        add_input(wide)
    deep = Network(1, [Layer([[1.0]], [0.0]) for _ in range(64)])
    with pytest.raises(NetworkError, match="65 layers"):
        insert_layer(deep, 0, 1)
    with pytest.raises(NetworkError, match="neurons"):
        insert_layer(net, 0, 0)


def test_data_columns_follow_inputs_and_outputs():
    data = Dataset([[1.0, 2.0]], [[3.0]], [[4.0, 5.0]], [[6.0]])
    widened = insert_data_column(data, "inputs", 2)
    np.testing.assert_array_equal(widened.inputs, [[1.0, 2.0, 0.0]])
    np.testing.assert_array_equal(widened.test_inputs, [[4.0, 5.0, 0.0]])
    narrowed = remove_data_column(data, "inputs", 0)
    np.testing.assert_array_equal(narrowed.inputs, [[2.0]])
    np.testing.assert_array_equal(data.inputs, [[1.0, 2.0]])
    with pytest.raises(NetworkError, match="which"):
        remove_data_column(data, "labels", 0)


EDITS = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 4), st.integers(1, 4)),
    st.tuples(st.just("remove_layer"), st.integers(0, 4), st.just(0)),
    st.tuples(st.just("add_neuron"), st.integers(0, 4), st.just(0)),
    st.tuples(st.just("remove_neuron"), st.integers(0, 4), st.integers(0, 4)),
    st.tuples(st.just("add_input"), st.just(0), st.just(0)),
    st.tuples(st.just("remove_input"), st.integers(0, 3), st.just(0)),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(EDITS, min_size=1, max_size=8))
def test_any_sequence_of_edits_leaves_a_valid_network_or_refuses(edits):
    network = network_2_3_4_1()
    for name, first, second in edits:
        try:
            if name == "insert":
                network = insert_layer(network, first, second, "tanh")
            elif name == "remove_layer":
                network = remove_layer(network, first)
            elif name == "add_neuron":
                network = add_neuron(network, first)
            elif name == "remove_neuron":
                network = remove_neuron(network, first, second)
            elif name == "add_input":
                network = add_input(network)
            else:
                network = remove_input(network, first)
        except NetworkError:
            pass
        assert_valid(network)


def test_small_values_are_reproducible_and_bounded():
    assert small_values((3, 2)).tobytes() == small_values((3, 2)).tobytes()
    assert np.abs(small_values((50, 50))).max() <= 0.5
