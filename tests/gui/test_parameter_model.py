"""The parameter item model: every weight and bias, named when a view asks, in any network size."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.lesson.quantities import bias, weight
from engine.model.network import Layer, Network
from engine.model.parameter_names import parameter_name, parameters_of
from gui.models.parameter_model import FLAT_LIMIT, QUANTITY_ROLE, ROOT, ParameterModel

NONE = "— (curve)"


def network_of(*sizes: int) -> Network:
    layers = [Layer(np.zeros((n_out, n_in)), np.zeros(n_out))
              for n_in, n_out in zip(sizes, sizes[1:], strict=False)]
    return Network(sizes[0], layers)


def leaves(model: ParameterModel, parent=ROOT) -> list:
    """Every choosable item under ``parent``, depth first, as the popup lists them."""
    found = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if model.rowCount(index):
            found += leaves(model, index)
        else:
            found.append(index)
    return found


def test_a_small_network_is_a_flat_list_with_the_none_row_first(qapp):
    network = network_of(2, 2, 1)  # 9 parameters
    model = ParameterModel(network, NONE)
    assert model.flat and model.rowCount() == 10
    assert model.data(model.index(0, 0)) == NONE and model.data(model.index(0, 0),
                                                                QUANTITY_ROLE) is None
    names = [model.data(model.index(row, 0)) for row in range(1, 10)]
    assert names == ["w1[1,1]", "w1[1,2]", "w1[2,1]", "w1[2,2]", "b1[1]", "b1[2]", "w2[1,1]",
                     "w2[1,2]", "b2[1]"]
    assert [model.data(model.index(row, 0), QUANTITY_ROLE) for row in range(1, 10)] == \
        parameters_of(network)


def test_past_the_flat_limit_the_tree_holds_every_parameter_in_order(qapp):
    network = network_of(100, 60, 3)  # 6,243 parameters
    assert network.parameter_count > FLAT_LIMIT
    model = ParameterModel(network, NONE)
    assert not model.flat
    assert [model.data(model.index(row, 0)) for row in range(5)] == [NONE, "w1", "b1", "w2",
                                                                    "b2"]
    w1 = model.index(1, 0)
    assert model.rowCount(w1) == 60 and model.data(model.index(2, 0, w1)) == "w1[3,·]"
    assert model.rowCount(model.index(2, 0, w1)) == 100
    found = leaves(model)[1:]  # after the none row
    assert [model.data(index, QUANTITY_ROLE) for index in found] == parameters_of(network)
    assert [model.data(index) for index in found] == \
        [parameter_name(q) for q in parameters_of(network)]


def test_no_level_of_the_tree_is_longer_than_a_layer_at_ten_million_parameters(qapp):
    network = network_of(4096, 2440, 1)  # 9,999,121 parameters
    model = ParameterModel(network)
    assert model.count == 9_999_121 and model.rowCount() == 4
    w1 = model.index(0, 0)
    assert model.rowCount(w1) == 2440 and model.rowCount(model.index(2439, 0, w1)) == 4096
    assert model.rowCount(model.index(1, 0)) == 2440  # b1: the biases themselves
    last = model.index_of(bias(1, 0))
    assert model.data(last) == "b2[1]" and model.parent(last) == model.index(3, 0)


@pytest.mark.parametrize("sizes", [(2, 2, 1), (100, 60, 3)])
def test_index_of_and_quantity_are_inverse_and_groups_cannot_be_chosen(qapp, sizes):
    network = network_of(*sizes)
    model = ParameterModel(network, NONE)
    for quantity in parameters_of(network):
        index = model.index_of(quantity)
        assert model.quantity(index) == quantity
        assert model.flags(index) & Qt.ItemFlag.ItemIsSelectable
    assert model.quantity(model.index_of(None)) is None and model.index_of(None).row() == 0
    assert model.flags(model.index_of(None)) & Qt.ItemFlag.ItemIsSelectable
    if not model.flat:
        assert not model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
        assert model.index_of(weight(1, 2, 59)) == model.index(59, 0, model.index(2, 0, model.index(
            3, 0)))


@pytest.mark.parametrize("sizes", [(2, 2, 1), (30, 40, 3)])
def test_the_model_passes_qts_own_model_tester(qtmodeltester, sizes):
    qtmodeltester.check(ParameterModel(network_of(*sizes), NONE), force_py=True)


def test_the_longest_text_is_the_last_weight_of_the_widest_layer_or_the_none_row(qapp):
    assert ParameterModel(network_of(4096, 2440, 1)).longest == len("w1[2440,4096]")
    assert ParameterModel(network_of(1, 1, 1), NONE).longest == len(NONE)
