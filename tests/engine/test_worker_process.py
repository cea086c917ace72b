"""Training in a worker process: snapshots taken in make the parent's Trainer bit for bit the
in-thread one (parameters, optimizer state, counters, curves), divergence and stop conditions
end the run with the worker's RunResult, and the process ends when told."""

import math

import numpy as np
import pytest

from engine.files.netfile import load
from engine.lesson.quantities import StopReason
from engine.model import initializers
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from engine.training import worker_process as worker
from engine.training.history import History
from engine.training.run_state import capture
from engine.training.trainer import Trainer


def small_mnist(optimizer="adam", learning_rate=0.01, **settings) -> Experiment:
    """20-16-3 relu/softmax, 50 samples, batches of 8 (7 steps an epoch), shuffled."""
    rng = np.random.default_rng(4)
    layers = [Layer(np.zeros((16, 20)), np.zeros(16), "relu"),
              Layer(np.zeros((3, 16)), np.zeros(3), "softmax")]
    network = Network(20, layers, loss="cross_entropy", reduction="mean")
    initializers.initialize_network(network, "he", 4)
    data = Dataset(rng.uniform(0, 1, (50, 20)), np.eye(3)[rng.integers(0, 3, 50)])
    training = TrainingSettings(learning_rate=learning_rate, batch_size=8, shuffle=True,
                                seed=5, optimizer=optimizer, **settings)
    return Experiment(network, training, data)


def trainer_of(experiment: Experiment) -> Trainer:
    trainer = Trainer(experiment, History(len(experiment.network.layers)))
    trainer.history.measure_epoch = trainer.training_loss
    return trainer


@pytest.fixture
def started():
    made = []

    def start(trainer):
        process = worker.WorkerProcess()
        process.start()
        buffer = worker.make_buffer(trainer)
        made.append((process, buffer))
        return process, buffer

    yield start
    for process, buffer in made:
        process.shut_down()
        buffer.close()
        buffer.unlink()
        assert not process.process.is_alive()


def take_in(process, buffer, parent, until_final=False, snapshots=5, pause_after=None):
    """Run the worker from ``parent``'s point, taking in snapshots as the window would
    (``want`` after each), then pause (or wait for the run's own end); the final snapshot."""
    block = worker.slots(buffer, parent)
    run = capture(parent, curves=False)
    order = None if run is None else run.order
    process.send("run", worker.run_order(parent, run, parent.experiment.data, buffer.name, 1))
    taken = 0
    while True:
        snapshot = process.receive(30.0)
        assert snapshot is not None and snapshot.problem is None
        if snapshot.order_changed:
            order = snapshot.order
        assert worker.apply_snapshot(parent, snapshot, block, order) is None
        if snapshot.final:
            return snapshot
        taken += 1
        if not until_final and taken == (pause_after or snapshots):
            process.send("pause")
        else:
            process.want()


def assert_same_run(trainer: Trainer, alone: Trainer) -> None:
    assert (trainer.step_count, trainer.epoch) == (alone.step_count, alone.epoch)
    for mine, theirs in zip(trainer.network.parameters(), alone.network.parameters(),
                            strict=True):
        np.testing.assert_array_equal(mine, theirs)
    ours, its = trainer.optimizer.saved_state(), alone.optimizer.saved_state()
    assert ours.keys() == its.keys()
    for name in ours:
        np.testing.assert_array_equal(ours[name], its[name])
    for mine, theirs in zip(trainer.history.exact(), alone.history.exact(), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    for mine, theirs in zip(trainer.history.epoch_means(), alone.history.epoch_means(),
                            strict=True):
        np.testing.assert_array_equal(mine, theirs)
    for mine, theirs in zip(trainer.history.training_series(),
                            alone.history.training_series(), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    later, later_alone = trainer.copy(), alone.copy()  # and the next steps too
    later.run(9)
    later_alone.run(9)
    for mine, theirs in zip(later.network.parameters(), later_alone.network.parameters(),
                            strict=True):
        np.testing.assert_array_equal(mine, theirs)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_a_paused_run_is_bit_for_bit_the_in_thread_run(started, optimizer):
    settings = {"momentum": 0.9} if optimizer == "sgd" else {}
    parent = trainer_of(small_mnist(optimizer, **settings))
    alone = trainer_of(parent.experiment.copy())
    parent.run(10)  # a run carried on, mid-epoch
    alone.run(10)
    process, buffer = started(parent)
    final = take_in(process, buffer, parent, snapshots=6)
    assert final.result is None and parent.step_count > 10
    alone.run(parent.step_count - 10)
    assert_same_run(parent, alone)
    assert parent.epoch > 1 and len(parent.history.training_series()[0]) == parent.epoch


def test_a_second_run_keeps_the_data_and_carries_on(started):
    parent = trainer_of(small_mnist())
    alone = trainer_of(parent.experiment.copy())
    process, buffer = started(parent)
    take_in(process, buffer, parent, snapshots=2)
    block = worker.slots(buffer, parent)
    run = capture(parent, curves=False)
    process.send("run", worker.run_order(parent, run, None, buffer.name, 2))  # data kept
    process.send("pause")
    order = run.order
    while not (snapshot := process.receive(30.0)).final:
        order = snapshot.order if snapshot.order_changed else order
        worker.apply_snapshot(parent, snapshot, block, order)
    assert snapshot.number == 2 and snapshot.problem is None
    worker.apply_snapshot(parent, snapshot, block,
                          snapshot.order if snapshot.order_changed else order)
    alone.run(parent.step_count)
    assert_same_run(parent, alone)


def test_divergence_ends_the_run_with_the_last_finite_parameters(started):
    experiment = load("preset:sine")
    experiment.training.learning_rate = 1e6
    parent = trainer_of(experiment)
    alone = trainer_of(parent.experiment.copy())
    expected = alone.run(10_000)
    assert expected.stopped is StopReason.DIVERGED
    process, buffer = started(parent)
    final = take_in(process, buffer, parent, until_final=True)
    assert (final.result.stopped, final.result.divergence) == (expected.stopped,
                                                               expected.divergence)
    assert parent.last_divergence == expected.divergence
    assert all(np.isfinite(p).all() for p in parent.network.parameters())
    assert_same_run(parent, alone)


@pytest.mark.parametrize("stop", [{"max_epochs": 30}, {"target_loss": 0.05}])
def test_a_stop_condition_ends_the_run_where_the_in_thread_run_ends(started, stop):
    parent = trainer_of(small_mnist(learning_rate=0.05, **stop))
    alone = trainer_of(parent.experiment.copy())
    expected = alone.run(1_000_000)
    assert expected.stopped.early
    process, buffer = started(parent)
    final = take_in(process, buffer, parent, until_final=True)
    assert (final.result.stopped, final.result.loss) == (expected.stopped, expected.loss)
    assert_same_run(parent, alone)


def test_a_network_that_cannot_train_sends_why(started):
    parent = trainer_of(small_mnist())
    process, buffer = started(parent)
    run_order = worker.run_order(parent, None, Dataset(np.zeros((3, 5)), np.zeros((3, 3))),
                                 buffer.name, 7)
    process.send("run", run_order)
    snapshot = process.receive(30.0)
    assert snapshot.final and snapshot.number == 7
    assert "data.inputs" in snapshot.problem


def test_records_appended_keep_the_epoch_ends_and_their_measured_loss():
    history = History(2)
    history.measure_epoch = lambda: math.nan  # never called: the worker measured
    snapshot = worker.Snapshot(1, worker.REGULAR, steps=5, losses=np.array([4.0, 3.0, 2.0]),
                               grad_norms=np.ones((3, 2)), epoch_ends=[(4, 0.5), (5, None)])
    history.record(5.0, [1.0, 1.0])
    history.record(4.5, [1.0, 1.0])
    worker.append_records(history, snapshot)
    assert history.count == 5
    np.testing.assert_array_equal(history.exact()[1], [5.0, 4.5, 4.0, 3.0, 2.0])
    steps, means = history.epoch_means()
    np.testing.assert_array_equal(steps, [4, 5])
    np.testing.assert_array_equal(means, [(5.0 + 4.5 + 4.0 + 3.0) / 4, 2.0])
    np.testing.assert_array_equal(history.training_series()[1], [0.5])
    assert math.isnan(history.measure_epoch())  # the history's own measure is back


def test_the_process_ends_when_told(started):
    process, _ = started(trainer_of(small_mnist()))
    process.shut_down()
    assert not process.process.is_alive() and process.process.exitcode == 0


def test_the_workers_record_is_read_out_whole_across_its_own_clearing():
    recorder = worker.Recorder(1)
    read = []
    for start in range(0, 250_000, 50_000):
        for step in range(start, start + 50_000):
            recorder.record(float(step), [0.5])
        recorder.end_epoch(start + 50_000)
        losses, norms, ends = recorder.take()
        read.append(losses)
        assert norms.shape == (50_000, 1) and ends == [(start + 50_000, None)]
    np.testing.assert_array_equal(np.concatenate(read), np.arange(250_000.0))
    assert recorder.count <= 100_000  # what the parent has is not kept twice
