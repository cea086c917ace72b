"""Training: steps, batches, shuffling, stop conditions, the divergence guard, live edits."""

import numpy as np
import pytest
from hypothesis import given, settings

from engine.errors import NetworkError
from engine.files.presets import load_preset
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.initializers import initial_parameters, initialize_network
from engine.model.network import Layer, Network
from engine.training.history import History
from engine.training.optimizers import SGD, flatten_gradients, flatten_parameters, split_parameters
from engine.training.trainer import Trainer
from tests.engine.test_gradients import problems


def seed_experiment(**training):
    network = Network(1, [Layer([[1.0]], [1.0]), Layer([[1.0]], [1.0])])
    return Experiment(network, TrainingSettings(**training), Dataset([[2.0]], [[3.0]]))


def regression(n=7, data_seed=0, **training):
    """A 2-3-1 tanh network and ``n`` random samples."""
    rng = np.random.default_rng(data_seed)
    network = Network(
        2,
        [
            Layer(rng.normal(size=(3, 2)), rng.normal(size=3), "tanh"),
            Layer(rng.normal(size=(1, 3)), rng.normal(size=1)),
        ],
    )
    data = Dataset(rng.normal(size=(n, 2)), rng.normal(size=(n, 1)))
    return Experiment(network, TrainingSettings(**training), data)


def by_hand(experiment, batches, learning_rate):
    """Plain gradient descent with Network.backward over the given row-index batches."""
    network, data = experiment.network.copy(), experiment.data
    losses = []
    for rows in batches:
        grads = network.backward(network.forward(data.inputs[rows]), data.targets[rows])
        losses.append(grads.loss)
        for layer, gw, gb in zip(
            network.layers, grads.grad_weights, grads.grad_biases, strict=True
        ):
            layer.weights -= learning_rate * gw
            layer.biases -= learning_rate * gb
    return network, losses


def assert_same_parameters(a, b, rtol=1e-12):
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_allclose(p, q, rtol=rtol, atol=1e-14)


# ----- the walkthrough ---------------------------------------------------------------------------
def test_one_step_on_the_seed_example_gives_the_walkthrough_table():
    experiment = seed_experiment(learning_rate=0.1)
    result = Trainer(experiment).run(1)
    hidden, output = experiment.network.layers
    assert (output.weights[0, 0], output.biases[0]) == pytest.approx((0.7, 0.9), abs=1e-12)
    assert (hidden.weights[0, 0], hidden.biases[0]) == pytest.approx((0.8, 0.9), abs=1e-12)
    assert result.loss == 0.5  # the loss before the update
    assert result.steps == 1 and result.divergence is None
    forward = experiment.network.forward([[2.0]])
    assert forward.activations[1][0, 0] == pytest.approx(2.5, abs=1e-12)
    assert forward.output[0, 0] == pytest.approx(2.65, abs=1e-12)
    assert experiment.network.loss_value([[2.0]], [[3.0]]) == pytest.approx(0.06125, abs=1e-12)


def test_history_records_the_loss_and_gradient_magnitudes_of_each_step():
    trainer = Trainer(seed_experiment(learning_rate=0.1))
    trainer.run(2)
    steps, loss, grads = trainer.history.exact()
    assert steps.tolist() == [1, 2]
    assert loss[0] == 0.5 and loss[1] == pytest.approx(0.06125, abs=1e-12)
    assert grads[0].tolist() == [2.0, 3.0]  # ‖∂E/∂v‖ = 2, ‖∂E/∂w‖ = 3


# ----- the fast path is Network.backward ---------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(problems())
def test_fast_path_gradients_equal_network_backward(problem):
    network, inputs, targets = problem
    reference = network.backward(network.forward(inputs), targets)
    experiment = Experiment(network.copy(), TrainingSettings(), Dataset(inputs, targets))
    loss, grad_weights, grad_biases = Trainer(experiment).gradients(inputs, targets)
    assert loss == pytest.approx(reference.loss, rel=1e-12, abs=1e-300)
    expected = flatten_gradients(reference.grad_weights, reference.grad_biases)
    actual = flatten_gradients(grad_weights, grad_biases)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-13 * abs(expected).max())


# ----- batches and epochs ------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size", [None, 7, 100])
def test_whole_set_batches_are_one_step_per_epoch(batch_size):
    experiment = regression(learning_rate=0.05, batch_size=batch_size)
    reference = experiment.copy()
    trainer = Trainer(experiment)
    trainer.run(3)
    expected, _ = by_hand(reference, [np.arange(7)] * 3, 0.05)
    assert trainer.epoch == 3 and trainer.step_count == 3
    assert_same_parameters(experiment.network, expected)


def test_last_batch_of_an_epoch_may_be_smaller():
    experiment = regression(n=7, learning_rate=0.05, batch_size=3)
    reference = experiment.copy()
    trainer = Trainer(experiment)
    result = trainer.run_epoch()
    assert result.steps == 3 and result.stopped == "epoch" and trainer.epoch == 1
    batches = [np.arange(0, 3), np.arange(3, 6), np.arange(6, 7)]
    expected, losses = by_hand(reference, batches, 0.05)
    assert_same_parameters(experiment.network, expected)
    np.testing.assert_allclose(trainer.history.exact()[1], losses, rtol=1e-12)


def test_shuffle_order_is_redrawn_every_epoch_from_the_seed():
    experiment = regression(n=5, learning_rate=0.05, batch_size=2, shuffle=True, seed=11)
    reference = experiment.copy()
    trainer = Trainer(experiment)
    trainer.run(9)  # three epochs of 2 + 2 + 1
    rng = np.random.default_rng(11)
    batches = []
    for _ in range(3):
        order = rng.permutation(5)
        batches += [order[0:2], order[2:4], order[4:5]]
    expected, _ = by_hand(reference, batches, 0.05)
    assert_same_parameters(experiment.network, expected)


def test_same_seed_trains_identically_and_another_seed_differently():
    runs = []
    for seed in (3, 3, 4):
        experiment = regression(learning_rate=0.05, batch_size=2, shuffle=True, seed=seed)
        Trainer(experiment).run(20)
        runs.append(np.concatenate([p.ravel() for p in experiment.network.parameters()]))
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_reset_restarts_counters_and_the_random_order():
    experiment = regression(learning_rate=0.05, batch_size=2, shuffle=True)
    start = experiment.copy()
    trainer = Trainer(experiment)
    trainer.run(5)
    first = [p.copy() for p in experiment.network.parameters()]
    for layer, original in zip(experiment.network.layers, start.network.layers, strict=True):
        layer.weights[...] = original.weights
        layer.biases[...] = original.biases
    trainer.reset()
    assert trainer.step_count == 0 and trainer.epoch == 0 and trainer.history.count == 0
    trainer.run(5)
    for old, new in zip(first, experiment.network.parameters(), strict=True):
        np.testing.assert_array_equal(old, new)


# ----- stop conditions ---------------------------------------------------------------------------
def test_run_stops_at_the_target_loss():
    experiment = seed_experiment(learning_rate=0.1, target_loss=0.01)
    result = Trainer(experiment).run(1000)
    assert result.stopped == "target_loss"
    assert result.loss <= 0.01 < Trainer(seed_experiment()).run(1).loss
    assert result.steps < 1000


def test_run_stops_after_max_epochs():
    experiment = regression(n=7, learning_rate=0.01, batch_size=2, max_epochs=2)
    trainer = Trainer(experiment)
    result = trainer.run(100)
    assert result.stopped == "max_epochs" and result.steps == 8 and trainer.epoch == 2
    assert trainer.run(5).steps == 0


# ----- frozen parameters -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "training",
    [dict(), dict(momentum=0.9), dict(optimizer="adam", learning_rate=0.01)],
    ids=["sgd", "momentum", "adam"],
)
def test_frozen_parameters_never_move_in_training(training):
    experiment = regression(**training)
    first, second = experiment.network.layers
    first.frozen_weights[1, 0] = True
    second.frozen_biases[0] = True
    kept_weight, kept_bias = first.weights[1, 0], second.biases[0]
    trainer = Trainer(experiment)
    trainer.run(50)
    assert first.weights[1, 0] == kept_weight and second.biases[0] == kept_bias
    assert first.weights[0, 0] != regression().network.layers[0].weights[0, 0]
    for state in trainer.optimizer.state_layers(experiment.network.layers).values():
        (w1, _), (_, b2) = state
        assert w1[1, 0] == 0.0 and b2[0] == 0.0


# ----- the divergence guard ----------------------------------------------------------------------
def diverging(optimizer="sgd", momentum=0.0, learning_rate=1e6):
    """A 1-input tanh regression with a linear output at learning rate 1e6: it overflows.

    (Adam moves each parameter by about the learning rate per step, so it needs 1e200.)
    """
    rng = np.random.default_rng(5)
    network = Network(
        1,
        [
            Layer(rng.normal(size=(4, 1)), rng.normal(size=4), "tanh"),
            Layer(rng.normal(size=(1, 4)), rng.normal(size=1)),
        ],
    )
    inputs = np.linspace(-2, 2, 9)[:, None]
    data = Dataset(inputs, np.sin(inputs))
    settings = TrainingSettings(optimizer=optimizer, learning_rate=learning_rate, momentum=momentum)
    return Experiment(network, settings, data)


@pytest.mark.parametrize(
    "optimizer, momentum, learning_rate",
    [("sgd", 0.0, 1e6), ("sgd", 0.9, 1e6), ("adam", 0.0, 1e200)],
)
def test_a_diverging_step_is_undone_and_reported(optimizer, momentum, learning_rate):
    experiment = diverging(optimizer, momentum, learning_rate)
    trainer = Trainer(experiment)
    before = state = None
    for _ in range(200):
        before = [p.copy() for p in experiment.network.parameters()]
        state = (
            {
                k: [a.copy() for pair in v for a in pair]
                for k, v in trainer.optimizer.state_layers(experiment.network.layers).items()
            }
            if trainer.optimizer
            else {}
        )
        result = trainer.step()
        if result.divergence is not None:
            break
    assert result.divergence is not None, "the run should overflow"
    assert result.stopped == "diverged" and result.steps == 0
    assert result.divergence.step == trainer.step_count + 1
    assert "became" in result.divergence.message
    for old, new in zip(before, experiment.network.parameters(), strict=True):
        np.testing.assert_array_equal(old, new)  # bit for bit
        assert np.isfinite(new).all()
    now = trainer.optimizer.state_layers(experiment.network.layers)
    for key, arrays in state.items():
        for old, new in zip(arrays, [a for pair in now[key] for a in pair], strict=True):
            np.testing.assert_array_equal(old, new)
    assert trainer.history.count == trainer.step_count


def test_run_stops_at_divergence_within_a_few_dozen_steps():
    experiment = diverging()
    trainer = Trainer(experiment)
    result = trainer.run(10_000)
    assert result.stopped == "diverged"
    assert result.divergence.step <= 50
    assert result.steps == result.divergence.step - 1 == trainer.step_count
    assert all(np.isfinite(p).all() for p in experiment.network.parameters())


@pytest.mark.parametrize(
    "preset, learning_rate",
    [("seed", 1e3), ("seed", 1e6), ("seed", 1e300), ("sine", 1e3), ("sine", 1e6),
     ("sine", 1e300), ("vanishing-relu", 1e300)],
)
def test_the_parameters_kept_at_divergence_give_a_finite_loss(preset, learning_rate):
    experiment = load_preset(preset)
    experiment.training.learning_rate = learning_rate
    trainer = Trainer(experiment)
    result = trainer.run(1000)
    assert result.stopped == "diverged"
    assert result.steps == result.divergence.step - 1 == trainer.step_count
    assert np.isfinite(trainer.training_loss())
    data = experiment.data  # trained again, the first step's loss (the fast path's) is finite
    assert np.isfinite(Trainer(experiment.copy()).gradients(data.inputs, data.targets)[0])


def test_runs_far_from_divergence_never_pay_for_the_loss_check(monkeypatch):
    experiment = regression(learning_rate=0.05)
    trainer = Trainer(experiment)
    monkeypatch.setattr(trainer.network, "loss_value", lambda *_: pytest.fail("checked"))
    assert trainer.run(50).steps == 50


def test_overflowing_update_of_finite_gradients_is_caught_before_it_lands():
    experiment = seed_experiment(learning_rate=1e300)
    experiment.network.layers[1].weights[0, 0] = 1e300
    trainer = Trainer(experiment)
    result = trainer.run(1)
    assert result.divergence is not None
    assert experiment.network.layers[1].weights[0, 0] == 1e300


# ----- live edits between runs -------------------------------------------------------------------
def test_an_in_place_edit_between_runs_is_trained_from():
    experiment = regression(learning_rate=0.05)
    trainer = Trainer(experiment)
    trainer.run(2)
    experiment.network.layers[0].weights[0, 1] = 0.25
    reference = experiment.copy()
    trainer.run(1)
    expected, _ = by_hand(reference, [np.arange(7)], 0.05)
    assert_same_parameters(experiment.network, expected)


def test_a_replaced_array_is_adopted():
    experiment = regression(learning_rate=0.05)
    trainer = Trainer(experiment)
    trainer.run(1)
    experiment.network.layers[1].weights = np.array([[1.0, 2.0, 3.0]])
    reference = experiment.copy()
    trainer.run(1)
    expected, _ = by_hand(reference, [np.arange(7)], 0.05)
    assert_same_parameters(experiment.network, expected)


def test_a_changed_structure_and_learning_rate_are_picked_up():
    experiment = regression(learning_rate=0.05)
    trainer = Trainer(experiment)
    trainer.run(1)
    rng = np.random.default_rng(9)
    experiment.network.layers = [
        Layer(rng.normal(size=(5, 2)), rng.normal(size=5), "relu"),
        Layer(rng.normal(size=(1, 5)), rng.normal(size=1)),
    ]
    experiment.training.learning_rate = 0.01
    reference = experiment.copy()
    trainer.run(2)
    expected, _ = by_hand(reference, [np.arange(7)] * 2, 0.01)
    assert_same_parameters(experiment.network, expected)
    assert trainer.last_grad_norms.shape == (2,)


def test_reset_optimizer_clears_the_velocity():
    experiment = regression(momentum=0.9)
    trainer = Trainer(experiment)
    trainer.run(3)
    assert isinstance(trainer.optimizer, SGD) and trainer.optimizer.velocity.any()
    trainer.reset_optimizer()
    assert not trainer.optimizer.velocity.any()


def test_plain_sgd_updates_exactly_as_the_optimizer_would():
    experiment = regression(learning_rate=0.05, batch_size=3)
    reference = experiment.copy()
    trainer = Trainer(experiment)
    optimizer = SGD(sum(p.size for p in reference.network.parameters()), 0.05)
    check = Trainer(reference)  # only for its gradients: it never steps
    for rows in (slice(0, 3), slice(3, 6), slice(6, 7)):
        _, grad_weights, grad_biases = check.gradients(
            reference.data.inputs[rows], reference.data.targets[rows]
        )
        params = flatten_parameters(reference.network.layers)
        optimizer.step(params, flatten_gradients(grad_weights, grad_biases))
        for layer, (weights, biases) in zip(
            reference.network.layers,
            split_parameters(params, reference.network.layers),
            strict=True,
        ):
            layer.weights[...], layer.biases[...] = weights, biases
        trainer.step()
    for mine, theirs in zip(
        experiment.network.parameters(), reference.network.parameters(), strict=True
    ):
        np.testing.assert_array_equal(mine, theirs)  # bit for bit


def test_a_given_history_is_the_one_recorded_into():
    history = History(2)
    trainer = Trainer(seed_experiment(), history)
    trainer.run(4)
    assert trainer.history is history and history.count == 4


# ----- bad input ---------------------------------------------------------------------------------
def test_training_without_data_raises_a_network_error():
    experiment = seed_experiment()
    experiment.data = None
    with pytest.raises(NetworkError) as caught:
        Trainer(experiment).run(1)
    assert caught.value.key == "data"


def test_data_of_the_wrong_width_raises_a_network_error():
    experiment = seed_experiment()
    experiment.data = Dataset([[1.0, 2.0]], [[3.0]])
    with pytest.raises(NetworkError) as caught:
        Trainer(experiment).run(1)
    assert caught.value.key == "data.inputs"


@pytest.mark.parametrize("steps", [-1, 1.5, "many"])
def test_a_bad_step_count_raises_a_network_error(steps):
    with pytest.raises(NetworkError):
        Trainer(seed_experiment()).run(steps)


def test_losses_report_training_and_test_sets():
    experiment = seed_experiment()
    trainer = Trainer(experiment)
    assert trainer.training_loss() == 0.5 and trainer.test_loss() is None
    experiment.data = Dataset([[2.0]], [[3.0]], [[1.0]], [[2.0]])
    assert trainer.test_loss() == pytest.approx(0.5 * (3.0 - 2.0) ** 2)


# ----- initial values ----------------------------------------------------------------------------
def blank_network(sizes=(20, 30, 10)):
    layers = [
        Layer(np.zeros((n_out, n_in)), np.ones(n_out), "tanh")
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    return Network(sizes[0], layers)


def test_the_same_seed_initializes_the_same_network():
    first, second, other = blank_network(), blank_network(), blank_network()
    initialize_network(first, "xavier", seed=4)
    initialize_network(second, "xavier", seed=4)
    initialize_network(other, "xavier", seed=5)
    np.testing.assert_array_equal(first.layers[1].weights, second.layers[1].weights)
    assert not np.array_equal(first.layers[1].weights, other.layers[1].weights)


def test_xavier_draws_within_its_limit_and_zeroes_the_biases():
    network = blank_network()
    initialize_network(network, "xavier", seed=1)
    for layer in network.layers:
        limit = np.sqrt(6.0 / (layer.n_in + layer.n_out))
        assert np.abs(layer.weights).max() <= limit
        assert np.abs(layer.weights).max() > 0.8 * limit
        assert not layer.biases.any()


def test_he_normal_has_variance_two_over_fan_in():
    weights, biases = initial_parameters("he", 400, 500, np.random.default_rng(0))
    assert weights.std() == pytest.approx(np.sqrt(2.0 / 400), rel=0.02)
    assert abs(weights.mean()) < 0.05 * weights.std()
    assert not biases.any()


def test_constant_and_uniform_initializers():
    weights, biases = initial_parameters("constant", 2, 3, value=1.0)
    assert weights.shape == (3, 2) and (weights == 1.0).all() and (biases == 1.0).all()
    weights, biases = initial_parameters("uniform", 50, 40, np.random.default_rng(2), limit=0.5)
    assert np.abs(weights).max() <= 0.5 and np.abs(biases).max() <= 0.5


def test_initializing_writes_into_the_existing_arrays_and_keeps_frozen_masks():
    network = blank_network()
    layer = network.layers[0]
    layer.frozen_weights[0, 0] = True
    weights_array = layer.weights
    initialize_network(network, "he", seed=0)
    assert layer.weights is weights_array and weights_array.any()
    assert layer.frozen_weights[0, 0]


def test_an_unknown_initializer_raises_a_network_error():
    with pytest.raises(NetworkError) as caught:
        initial_parameters("zeros", 1, 1)
    assert caught.value.key == "initializer"


def test_a_frozen_mask_of_the_wrong_shape_raises_a_network_error():
    experiment = seed_experiment()
    experiment.network.layers[1].frozen_weights = np.zeros((2, 1), dtype=bool)
    with pytest.raises(NetworkError) as caught:
        Trainer(experiment).run(1)
    assert caught.value.key == "layers[1].frozen_weights"


@pytest.mark.parametrize(
    "training",
    [dict(momentum=0.9), dict(optimizer="adam", learning_rate=0.01)],
    ids=["momentum", "adam"],
)
def test_peek_on_the_trainers_optimizer_shows_the_next_step(training):
    experiment = regression(**training)
    trainer = Trainer(experiment)
    assert trainer.optimizer is not None  # ready before the first step
    trainer.run(3)
    network, data = experiment.network, experiment.data
    grads = network.backward(network.forward(data.inputs), data.targets)
    peeked, _state = trainer.optimizer.peek_layers(network.layers, grads)
    trainer.run(1)
    for (weights, biases), layer in zip(peeked, network.layers, strict=True):
        np.testing.assert_allclose(layer.weights, weights, rtol=1e-12)
        np.testing.assert_allclose(layer.biases, biases, rtol=1e-12)


def test_history_records_each_epochs_mean_batch_loss_at_its_last_step():
    experiment = regression(n=7, batch_size=3)  # batches of 3, 3, 1: three steps an epoch
    trainer = Trainer(experiment, History(2))
    trainer.run(6)
    ends, means = trainer.history.epoch_means()
    losses = trainer.history.exact()[1]
    np.testing.assert_array_equal(ends, [3, 6])
    np.testing.assert_allclose(means, [losses[:3].mean(), losses[3:6].mean()], rtol=1e-15)
