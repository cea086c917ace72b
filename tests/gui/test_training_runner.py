"""The training runner: runs in timer chunks, pauses at once, one undo step per run, divergence."""

import time

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from engine.files.netfile import load
from engine.model.experiment import Dataset
from engine.training import datasets
from engine.training.trainer import Trainer
from gui.document import Document
from gui.frame_clock import FRAME_INTERVAL
from gui.training_runner import TrainingRunner


def make_runner(owned: list, preset: str):
    document = Document(load(f"preset:{preset}"))
    runner = TrainingRunner(document)
    owned.extend([document, runner])
    return document, runner


@pytest.fixture
def xor(qtbot, owned):
    return make_runner(owned, "xor")


@pytest.fixture
def sine(qtbot, owned):
    return make_runner(owned, "sine")


def parameters(document):
    return [p.copy() for p in document.network.parameters()]


def test_run_on_xor_brings_the_loss_below_a_hundredth(qtbot, xor):
    document, runner = xor
    runner.start()
    qtbot.waitUntil(lambda: runner.last_loss is not None and runner.last_loss < 0.01,
                    timeout=30_000)
    runner.pause()
    assert runner.history.last_loss < 0.01
    assert document.network.loss_value(document.data.inputs, document.data.targets) < 0.01


def test_a_run_is_one_undo_step_back_to_the_parameters_before_it(qtbot, xor):
    document, runner = xor
    before = parameters(document)
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 500, timeout=10_000)
    runner.pause()
    after = parameters(document)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == f"Train {runner.step_count:,} steps"
    assert any(not np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    document.undo_stack.undo()
    for now, old in zip(document.network.parameters(), before, strict=True):
        np.testing.assert_array_equal(now, old)
    document.undo_stack.redo()
    for now, new in zip(document.network.parameters(), after, strict=True):
        np.testing.assert_array_equal(now, new)


def test_pause_takes_effect_at_once(qtbot, xor):
    document, runner = xor
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 0, timeout=5_000)
    runner.pause()
    steps, values = runner.step_count, parameters(document)
    for _ in range(20):
        QApplication.processEvents()
    qtbot.wait(50)
    assert not runner.is_running
    assert runner.step_count == steps
    for now, then in zip(document.network.parameters(), values, strict=True):
        np.testing.assert_array_equal(now, then)


def test_views_are_told_at_most_at_the_screen_rate(qtbot, xor):
    document, runner = xor
    told = []
    runner.progressed.connect(lambda: told.append(1))
    redraws = []
    document.weights_changed.connect(redraws.append)
    started = time.perf_counter()
    runner.start()
    qtbot.wait(500)
    runner.pause()
    elapsed = time.perf_counter() - started
    # at most one frame per FRAME_INTERVAL (32 a second), plus the first frame at start and the
    # final one at pause (and, for redraws, the run's undo record)
    assert 0 < len(told) <= elapsed / FRAME_INTERVAL + 2
    assert len(redraws) <= elapsed / FRAME_INTERVAL + 3
    assert set(redraws) == {-1}
    assert runner.step_count > len(told)  # many steps per frame


def test_an_edit_made_while_paused_is_where_training_resumes(qtbot, xor):
    document, runner = xor
    runner.train_step()
    document.set_parameter(0, 0, 0, 0.75)
    edited = document.network.copy()
    data, rate = document.data, document.training.learning_rate
    expected = edited.backward(edited.forward(data.inputs), data.targets)
    runner.train_step()
    np.testing.assert_allclose(
        document.network.layers[0].weights,
        edited.layers[0].weights - rate * expected.grad_weights[0], rtol=1e-12, atol=1e-15,
    )


def test_one_step_and_one_epoch_are_each_one_undo_step(qtbot, xor):
    document, runner = xor
    runner.train_step()
    runner.train_epoch()
    assert runner.step_count == 2  # full batch: one epoch is one step
    assert runner.epoch == 2
    assert [document.undo_stack.text(i) for i in range(2)] == ["Train one step",
                                                               "Train one epoch"]


def test_divergence_pauses_with_the_last_finite_parameters_and_says_what_to_try(qtbot, sine):
    document, runner = sine
    document.set_training("Huge learning rate", learning_rate=1e6)
    reference = Trainer(document.experiment.copy())
    expected = reference.run(10_000)
    assert expected.stopped == "diverged"
    with qtbot.waitSignal(runner.diverged, timeout=10_000) as blocker:
        runner.start()
    message = blocker.args[0]
    assert not runner.is_running
    assert f"at step {expected.divergence.step}" in message
    assert "smaller learning rate, e.g. 1e+05 (now 1e+06)" in message
    assert runner.step_count == expected.steps
    for now, engine_value in zip(document.network.parameters(),
                                 reference.network.parameters(), strict=True):
        assert np.isfinite(now).all()
        np.testing.assert_array_equal(now, engine_value)


def test_target_loss_stops_the_run_by_itself(qtbot, xor):
    document, runner = xor
    document.set_training("Stop at 0.05", target_loss=0.05)
    with qtbot.waitSignal(runner.stopped, timeout=20_000) as blocker:
        runner.start()
    assert not runner.is_running
    assert runner.last_loss <= 0.05
    assert "reached the target" in blocker.args[0]


def test_max_epochs_stops_the_run_by_itself(qtbot, xor):
    document, runner = xor
    document.set_training("Stop after 30 epochs", max_epochs=30)
    with qtbot.waitSignal(runner.stopped, timeout=10_000):
        runner.start()
    assert runner.epoch == 30
    assert not runner.is_running


def test_changing_the_learning_rate_during_a_run_keeps_it_running(qtbot, xor):
    document, runner = xor
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 10, timeout=5_000)
    document.set_training("Learning rate 0.5", learning_rate=0.5)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 2, timeout=5_000)
    assert runner.is_running
    assert document.undo_stack.text(0) == "Learning rate 0.5"
    assert document.undo_stack.text(1).startswith("Train ")
    steps = runner.step_count  # steps after the edit (a worker process shows them a frame later)
    qtbot.waitUntil(lambda: runner.step_count > steps, timeout=5_000)
    runner.pause()
    assert document.undo_stack.count() == 3


def test_undo_during_a_run_stops_it(qtbot, xor):
    document, runner = xor
    document.set_training("Learning rate 0.5", learning_rate=0.5)
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 10, timeout=5_000)
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not runner.is_running, timeout=1_000)
    steps = runner.step_count
    qtbot.wait(30)
    assert runner.step_count == steps
    assert document.training.learning_rate == 1.0
    assert document.undo_stack.count() == 1  # the redo of the learning rate is kept


def test_reset_goes_back_to_the_opened_parameters_and_clears_the_count(qtbot, xor):
    document, runner = xor
    opened = parameters(document)
    runner.train_epoch()
    runner.reset_parameters()
    assert runner.step_count == 0 and runner.history.count == 0
    for now, then in zip(document.network.parameters(), opened, strict=True):
        np.testing.assert_array_equal(now, then)
    document.undo_stack.undo()  # the reset is undoable
    assert any(not np.array_equal(a, b)
               for a, b in zip(document.network.parameters(), opened, strict=True))


def test_a_data_set_that_does_not_fit_stops_with_a_message(qtbot, xor):
    document, runner = xor
    document.set_data("Sine", datasets.sine(20))
    with qtbot.waitSignal(runner.stopped, timeout=5_000) as blocker:
        runner.start()
    assert "cannot run" in blocker.args[0]
    assert not runner.is_running


def test_opening_another_file_starts_a_fresh_count_on_its_network(qtbot, xor):
    document, runner = xor
    runner.train_epoch()
    replaced = []
    runner.history_replaced.connect(lambda: replaced.append(True))
    document.replace_experiment(load("preset:vanishing-relu"), None)
    assert replaced and runner.step_count == 0 and runner.history.count == 0
    assert runner.history.n_layers == 9
    runner.train_step()
    assert runner.step_count == 1
    assert runner.history.exact()[2].shape == (1, 9)


def test_a_structure_change_during_a_run_stops_it(qtbot, xor):
    document, runner = xor
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 10, timeout=5_000)
    smaller = document.network.copy()
    smaller.layers[0].activation = "tanh"
    document.replace_network("Tanh hidden layer", smaller)
    assert not runner.is_running
    runner.train_step()  # the trainer picks up the new network
    assert document.network.layers[0].activation == "tanh"


def test_a_split_data_set_that_does_not_fit_stops_with_a_message_too(qtbot, xor):
    document, runner = xor
    runner.train_step()
    document.set_data("Sine", datasets.train_test_split(datasets.sine(20), 0.25))
    with qtbot.waitSignal(runner.stopped, timeout=5_000) as blocker:
        runner.start()
    assert "data.inputs" in blocker.args[0]
    assert runner.history.test_count == 0


def test_a_run_tells_the_history_each_epoch_end_at_its_step_with_the_mean_of_its_losses(
        qtbot, xor):
    document, runner = xor
    document.set_data("Five samples", Dataset(
        [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5]],
        [[0.0], [1.0], [1.0], [0.0], [0.5]]))
    document.set_training("Batches of two, shuffled", batch_size=2, shuffle=True)
    # an epoch is 3 steps (2 + 2 + 1 samples); ticks run many steps, across epoch ends
    alone = Trainer(document.experiment.copy())
    runner.in_thread = True  # the ticks of this thread (a worker process's: test_training_process)
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 300, timeout=10_000)
    runner.pause()
    assert runner.steps_per_tick > 3
    ends = []
    while alone.step_count < runner.step_count:
        epoch = alone.epoch
        alone.step()
        if alone.epoch != epoch:
            ends.append(alone.step_count)
    history = runner.history
    steps, loss, _ = history.exact()
    np.testing.assert_array_equal(alone.history.exact()[1], loss)  # the same run
    end_steps, means = history.epoch_means()
    np.testing.assert_array_equal(end_steps, ends)
    starts = [0] + ends[:-1]
    np.testing.assert_allclose(means, [loss[a:b].mean() for a, b in zip(starts, ends, strict=True)],
                               rtol=1e-14)
    assert history.epoch_count == runner.epoch == len(ends)
