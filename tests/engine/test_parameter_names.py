"""Parameter names: ``w2[i,j]`` / ``b2[i]`` count layers and neurons from 1, as the canvas does."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.errors import NetworkError
from engine.lesson.quantities import Kind, Quantity, bias, weight
from engine.model.network import Layer, Network
from engine.model.parameter_names import (
    named_values,
    parameter_at,
    parameter_name,
    parameter_place,
    parameter_position,
    parameter_value,
    parameters_of,
    parse_parameter,
)


def network_2_3_1() -> Network:
    """Layer 1: W (3, 2) = [[1, 2], [3, 4], [5, 6]], b = [7, 8, 9]; layer 2: W (1, 3), b (1,)."""
    return Network(
        2,
        [
            Layer([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [7.0, 8.0, 9.0], "tanh"),
            Layer([[10.0, 11.0, 12.0]], [13.0]),
        ],
    )


@pytest.mark.parametrize(
    ("name", "quantity", "value"),
    [
        ("w1[1,1]", weight(0, 0, 0), 1.0),
        ("w1[1,2]", weight(0, 0, 1), 2.0),  # into neuron 1 from input 2
        ("w1[3,1]", weight(0, 2, 0), 5.0),
        ("b1[2]", bias(0, 1), 8.0),
        ("w2[1,3]", weight(1, 0, 2), 12.0),
        ("b2[1]", bias(1, 0), 13.0),
    ],
)
def test_a_name_is_the_canvas_numbering_of_one_parameter(name, quantity, value):
    network = network_2_3_1()
    assert parse_parameter(name, network) == quantity
    assert parameter_name(quantity) == name
    assert parameter_value(network, quantity) == value


def test_spaces_around_and_inside_are_allowed():
    assert parse_parameter(" w2[1, 3] ", network_2_3_1()) == weight(1, 0, 2)


def test_every_parameter_is_listed_once_in_the_flat_order_and_its_name_reads_back():
    network = network_2_3_1()
    quantities = parameters_of(network)
    assert len(quantities) == network.parameter_count == 13
    assert [parameter_value(network, q) for q in quantities] == [float(v) for v in range(1, 14)]
    assert [parse_parameter(parameter_name(q), network) for q in quantities] == quantities
    assert list(named_values(network))[:3] == ["w1[1,1]", "w1[1,2]", "w1[2,1]"]
    assert named_values(network)["b2[1]"] == 13.0


def test_the_place_of_a_parameter_is_its_live_array():
    network = network_2_3_1()
    array, index = parameter_place(network, weight(1, 0, 2))
    array[index] = -1.0
    assert network.layers[1].weights[0, 2] == -1.0


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("w3[1,1]", ["no layer 3", "layers 1 to 2"]),
        ("b0[1]", ["no layer 0", "layers 1 to 2"]),
        ("w1[4,1]", ["neuron i from 1 to 3", "j from 1 to 2"]),
        ("w1[1,3]", ["neuron i from 1 to 3", "j from 1 to 2"]),
        ("w1[0,1]", ["neuron i from 1 to 3"]),
        ("b2[2]", ["b2[i]", "from 1 to 1"]),
        ("w2[1]", ["not a parameter name", "w<layer>[<neuron>,<from>]"]),
        ("b2[1,1]", ["not a parameter name", "b<layer>[<neuron>]"]),
        ("w2[a,1]", ["not a parameter name"]),
        ("w2[-1,1]", ["not a parameter name"]),
        ("w²[1,1]", ["not a parameter name"]),
        ("v2[1,1]", ["not a parameter name", "e.g. w2[1,1] or b2[1]"]),
        ("", ["not a parameter name"]),
        ("w2[1,1", ["not a parameter name"]),
    ],
)
def test_a_bad_name_is_refused_in_one_line_naming_the_allowed_ranges(name, words):
    with pytest.raises(NetworkError) as caught:
        parse_parameter(name, network_2_3_1(), key="--param")
    message = str(caught.value)
    assert caught.value.key == "--param" and "\n" not in message
    for word in words:
        assert word in message


def test_only_weights_and_biases_have_names():
    with pytest.raises(ValueError):
        parameter_name(Quantity(Kind.ACTIVATION, 0, 0))


# ----- a parameter by its position, without the list of all of them ---------------------------
def test_parameter_at_counts_w_row_by_row_then_b_layer_by_layer():
    network = network_2_3_1()  # w1: 6, b1: 3, w2: 3, b2: 1
    assert [parameter_name(parameter_at(network, k)) for k in (0, 1, 2, 5, 6, 8, 9, 11, 12)] == [
        "w1[1,1]", "w1[1,2]", "w1[2,1]", "w1[3,2]", "b1[1]", "b1[3]", "w2[1,1]", "w2[1,3]",
        "b2[1]"]


@pytest.mark.parametrize("position", [-1, 13, 10**9])
def test_parameter_at_refuses_a_position_outside_the_network(position):
    with pytest.raises(IndexError):
        parameter_at(network_2_3_1(), position)


@given(st.lists(st.integers(1, 6), min_size=2, max_size=5))
def test_parameter_at_and_parameter_position_walk_parameters_of_both_ways(sizes):
    network = Network(sizes[0], [Layer(np.zeros((n_out, n_in)), np.zeros(n_out))
                                 for n_in, n_out in zip(sizes, sizes[1:], strict=False)])
    every = parameters_of(network)
    assert [parameter_at(network, k) for k in range(len(every))] == every
    assert [parameter_position(network, q) for q in every] == list(range(len(every)))


def test_parameter_at_finds_the_last_of_ten_million_parameters_at_once():
    layers = [Layer(np.zeros((2440, 4096)), np.zeros(2440)), Layer(np.zeros((1, 2440)), [0.0])]
    network = Network(4096, layers)  # 9,999,121 parameters
    assert parameter_at(network, 9_999_120) == bias(1, 0)
    assert parameter_at(network, 5_000_000) == weight(0, 5_000_000 // 4096, 5_000_000 % 4096)
    assert parameter_position(network, weight(1, 0, 2439)) == 2440 * 4097 + 2439
