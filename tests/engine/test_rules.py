"""The rule book: limits, softmax placement, the loss' output and its targets, checked once."""

import numpy as np
import pytest

from engine.errors import NetworkError
from engine.model import rules
from engine.model.experiment import Dataset
from engine.model.network import Layer, Network


def refusal(check, *args, **options) -> tuple[str, str]:
    with pytest.raises(NetworkError) as error:
        check(*args, **options)
    return error.value.key, error.value.problem


def test_the_limits_are_the_design_limits():
    assert (rules.MAX_LAYERS, rules.MAX_NEURONS, rules.MAX_PARAMETERS) == (64, 4096, 10_000_000)
    assert (rules.MAX_DATA_ROWS, rules.MAX_FILE_BYTES) == (1_000_000, 256 * 2**20)


def test_sizes_within_the_limits_give_the_fan_in_of_every_layer():
    assert rules.check_sizes(2, [3, 1]) == [2, 3, 1]
    assert rules.check_sizes(1, [1] * rules.MAX_LAYERS)[-1] == 1


def test_a_file_names_the_rows_of_the_layer_at_fault():
    assert refusal(rules.check_sizes, 2, [3, 5000], key=None) == (
        "layers[1].weights", "5,000 neurons (rows), more than the limit of 4,096")
    assert refusal(rules.check_sizes, 2, [0], key=None) == (
        "layers[0].weights", "0 neurons (rows), at least 1 needed")
    assert refusal(rules.check_sizes, 2000, [2000, 4000], key=None) == (
        "layers[1].weights",
        "the network would have 12,006,000 parameters, more than the limit of 10,000,000")


def test_an_edit_names_its_argument_and_the_layer_it_would_make():
    assert refusal(rules.check_sizes, 4097, [1], key="input_size") == (
        "input_size", "the input layer would have 4097 neurons (allowed: 1…4096)")
    assert refusal(rules.check_sizes, 1, [1, 4097], key="size") == (
        "size", "layers[1] would have 4097 neurons (allowed: 1…4096)")
    assert refusal(rules.check_sizes, 1, [1] * 65, key="size") == (
        "size", "65 layers, more than the limit of 64")
    assert refusal(rules.check_sizes, 1, [], key="layers") == (
        "layers", "a network needs at least one layer (the output layer)")


def test_a_refusal_goes_through_the_callers_fail():
    seen = []

    def fail(key, problem):
        seen.append(key)
        raise KeyError(key)

    with pytest.raises(KeyError):
        rules.check_sizes(1, [1] * 65, key=None, fail=fail)
    assert seen == ["layers"]


def test_softmax_is_only_allowed_in_the_output_layer():
    rules.check_softmax_place("softmax", 1, 2)
    key, problem = refusal(rules.check_softmax_place, "softmax", 0, 2)
    assert key == "layers[0].activation" and "only allowed in the output layer" in problem


def test_each_loss_with_a_fused_activation_needs_it_on_the_output():
    assert rules.needed_output("cross_entropy") == "softmax"
    assert rules.needed_output("binary_cross_entropy") == "sigmoid"
    assert rules.needed_output("half_sse") is None
    rules.check_loss_fits_output("cross_entropy", ["relu", "softmax"])
    assert refusal(rules.check_loss_fits_output, "cross_entropy", ["relu", "sigmoid"]) == (
        "loss", "cross_entropy needs a softmax output layer, but layers[1] is sigmoid")
    assert refusal(rules.check_activations, ["tanh"], "binary_cross_entropy") == (
        "loss", "binary_cross_entropy needs a sigmoid output layer, but the output layer would "
        "be tanh; change the loss first")


def test_targets_must_be_what_the_loss_can_score():
    rules.check_targets_fit_loss(np.array([[0.2, 0.8]]), "data.targets", "cross_entropy")
    key, problem = refusal(rules.check_targets_fit_loss, np.array([[1.0, 0.0], [0.5, 0.6]]),
                           "data.targets", "cross_entropy")
    assert key == "data.targets[1]" and "probabilities" in problem
    key, problem = refusal(rules.check_targets_fit_loss, np.array([[0.5, 1.5]]),
                           "data.test_targets", "binary_cross_entropy")
    assert key == "data.test_targets[0][1]" and "in [0, 1]" in problem
    rules.check_targets_fit_loss(np.array([[7.0]]), "data.targets", "half_sse")


def test_a_loss_choice_is_checked_against_the_output_and_both_splits():
    network = Network(1, [Layer([[1.0], [1.0]], [0.0, 0.0], "softmax")], "cross_entropy")
    rules.check_loss_choice(network)
    data = Dataset([[0.0]], [[1.0, 0.0]], [[0.0]], [[2.0, 0.0]])
    assert refusal(rules.check_loss_choice, network, data)[0] == "data.test_targets[0]"
    network.loss = "binary_cross_entropy"
    assert refusal(rules.check_loss_choice, network, data)[0] == "loss"
    network.loss = "mse"
    rules.check_loss_choice(network, data)
    rules.check_loss_choice(network, Dataset(np.zeros((0, 1)), np.zeros((0, 2))))
    network.loss = "cross_entropy"
    rules.check_loss_choice(network, Dataset([[0.0, 0.0]], [[5.0, 0.0]]))  # the data's problem


def test_a_long_bad_target_row_is_quoted_short():
    targets = np.zeros((1, 4096))
    targets[0, :2] = 0.75  # sums to 1.5
    with pytest.raises(NetworkError) as refused:
        rules.check_targets_fit_loss(targets, "data.targets", "cross_entropy")
    message = str(refused.value)
    assert "4088 more" in message and len(message) < 300
