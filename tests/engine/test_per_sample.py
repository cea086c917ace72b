"""Issue 10, item 5: the batch, test and whole-training-set losses on one per-sample scale,
the whole training set's loss once per epoch, and a run's record cut back to a step."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.files import netfile
from engine.training.history import History
from engine.training.per_sample import (
    batch_sizes,
    epoch_means_per_sample,
    per_sample,
    step_losses_per_sample,
)
from engine.training.trainer import Trainer


def test_batch_sizes_follow_the_epochs_short_last_batch():
    # 10 samples in batches of 4: 4, 4, 2 in every epoch
    np.testing.assert_array_equal(batch_sizes(np.arange(1, 8), 10, 4), [4, 4, 2, 4, 4, 2, 4])
    np.testing.assert_array_equal(batch_sizes(np.arange(1, 4), 10, None), [10, 10, 10])
    np.testing.assert_array_equal(batch_sizes(np.arange(1, 3), 10, 99), [10, 10])


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_the_batch_and_the_test_loss_read_on_the_same_scale(reduction):
    """Trained with either reduction, each step's per-sample loss is the mean of its
    samples' Eᵢ, and the test loss per sample the mean over the test set."""
    experiment = netfile.load("preset:xor")
    experiment.network.reduction = reduction
    experiment.training.batch_size, experiment.training.shuffle = 3, False
    network, data = experiment.network, experiment.data
    before = network.copy()
    history = History(len(network.layers))
    Trainer(experiment, history).run(2)
    steps, loss, _ = history.exact()
    shown = step_losses_per_sample(steps, loss, reduction, len(data), 3)
    out = before.predict(data.inputs[:3])  # step 1: samples 1-3
    expected = np.mean(0.5 * np.sum((out - data.targets[:3]) ** 2, axis=1))
    assert shown[0] == pytest.approx(expected, rel=1e-12)
    assert shown[1] == loss[1]  # step 2: the epoch's short last batch holds one sample
    test = network.loss_value(data.inputs, data.targets)
    mean = per_sample(test, reduction, len(data))
    out = network.predict(data.inputs)
    assert mean == pytest.approx(np.mean(0.5 * np.sum((out - data.targets) ** 2, axis=1)))


def test_each_epoch_end_measures_the_whole_training_set():
    experiment = netfile.load("preset:xor")
    experiment.training.batch_size, experiment.training.shuffle = 3, False
    history = History(len(experiment.network.layers))
    trainer = Trainer(experiment, history)
    history.measure_epoch = trainer.training_loss
    trainer.run(3)  # epochs end at steps 2 (and 4)
    steps, losses = history.training_series()
    np.testing.assert_array_equal(steps, [2])
    copy = netfile.load("preset:xor")
    copy.training.batch_size, copy.training.shuffle = 3, False
    Trainer(copy).run(2)
    assert losses[0] == copy.network.loss_value(copy.data.inputs, copy.data.targets)


def test_truncate_forgets_the_steps_after_one():
    history = History(2, buckets=8)
    for step in range(1, 41):
        history.record(float(step), [step, 2.0 * step])
        if step % 10 == 0:
            history.end_epoch()
            history.record_test(step * 0.5)
    history.series(4)  # the summary is made: buckets of several steps
    history.truncate(25)
    assert history.count == 25 and history.last_loss == 25.0
    assert history.epoch_count == 2 and history.last_epoch_end == 20
    np.testing.assert_array_equal(history.test_series()[0], [10, 20])
    steps, loss, _ = history.series(1000)
    assert steps[-1] <= 25 and loss.max() == 25.0
    history.record(7.0, [1.0, 1.0])
    assert history.exact()[1][-1] == 7.0 and history.count == 26


# ----- each epoch's mean per sample: a short last batch weighs by its samples ----------------
def _history_of(losses_per_epoch):
    history = History(1)
    for epoch in losses_per_epoch:
        for loss in epoch:
            history.record(loss, [1.0])
        history.end_epoch()
    return history


def test_an_epochs_per_sample_mean_weighs_a_short_last_batch_by_its_samples_sum():
    # 10 samples in batches of 4: steps of 4, 4 and 2 samples; "sum" losses
    history = _history_of([[8.0, 4.0, 1.0], [2.0, 2.0, 6.0]])
    ends, means = epoch_means_per_sample(history, "sum", 10, 4)
    np.testing.assert_array_equal(ends, [3, 6])
    np.testing.assert_array_equal(means, [13.0 / 10, 10.0 / 10])  # Σ E over all 10 samples


def test_an_epochs_per_sample_mean_weighs_a_short_last_batch_by_its_samples_mean():
    history = _history_of([[2.0, 1.0, 0.5], [1.0, 1.0, 6.0]])
    _, means = epoch_means_per_sample(history, "mean", 10, 4)
    np.testing.assert_allclose(means, [(4 * 2.0 + 4 * 1.0 + 2 * 0.5) / 10,
                                       (4 * 1.0 + 4 * 1.0 + 2 * 6.0) / 10], rtol=1e-15)
    assert means[1] != pytest.approx(history.epoch_means()[1][1])  # not the plain mean 8/3


def test_whole_batches_give_the_plain_mean():
    history = _history_of([[3.0, 5.0], [1.0, 1.0]])
    _, means = epoch_means_per_sample(history, "mean", 8, 4)
    np.testing.assert_array_equal(means, history.epoch_means()[1])


@settings(max_examples=60, deadline=None)
@given(samples=st.integers(1, 12), batch=st.integers(1, 12), epochs=st.integers(1, 40),
       exact_values=st.sampled_from([20, 64, 1_000_000]), epoch_points=st.sampled_from([4, 64]),
       max_points=st.sampled_from([None, 3, 1000]), seed=st.integers(0, 2**16))
def test_epoch_means_per_sample_weigh_every_exact_step_by_its_batch(
        samples, batch, epochs, exact_values, epoch_points, max_points, seed):
    """Σₛ bₛ Eₛ / Σₛ bₛ over each record's steps, read off the exact store step by step (every
    step's batch size from batch_sizes), whatever ring wrap, record merging or grouping."""
    per_epoch = -(-samples // min(batch, samples))
    losses = np.random.default_rng(seed).uniform(0.1, 5.0, epochs * per_epoch)
    history = History(1, exact_values=exact_values, epoch_points=epoch_points)
    history.max_exact_steps = min(history.max_exact_steps, exact_values)  # a small ring
    history._loss = history._loss[: history.max_exact_steps]
    history._grads = history._grads[: history.max_exact_steps]
    for step, loss in enumerate(losses, start=1):
        history.record(loss, [1.0])
        if step % per_epoch == 0:
            history.end_epoch()
    ends, means = epoch_means_per_sample(history, "mean", samples, batch, max_points)
    _, sums, counts = history.epoch_records(max_points)
    for end, count, total, mean in zip(ends, counts, sums, means, strict=True):
        steps = np.arange(end - count + 1, end + 1)
        if steps[0] < history.first_exact_step:
            assert mean == total / count  # left the store: the plain mean
            continue
        sizes = batch_sizes(steps, samples, batch)
        expected = np.sum(sizes * losses[steps - 1]) / np.sum(sizes)
        assert mean == pytest.approx(expected, rel=1e-12)


def test_epoch_means_per_sample_read_no_step_when_no_epoch_ended():
    """A million steps and no epoch end: nothing to read, nothing read (a frame's cost)."""
    history = History(1)
    for _ in range(3):
        history.record(1.0, [1.0])
    history.exact = None  # would fail if called
    ends, means = epoch_means_per_sample(history, "mean", 10, 4)
    assert len(ends) == 0 and len(means) == 0


@pytest.mark.parametrize("count, every", [(0, 3), (1, 3), (7, 1), (9, 3), (10, 3), (11, 4)])
def test_every_mth_measure_of_the_training_set_and_always_the_last(count, every):
    history = History(1)
    history.measure_epoch = iter(np.arange(count) / 10 + 1).__next__
    for _ in range(count):
        history.record(1.0, [1.0])
        history.end_epoch()
    assert history.training_count == count
    steps, losses = history.training_series(every)
    keep = sorted(set(range(0, count, every)) | ({count - 1} if count else set()))
    np.testing.assert_array_equal(steps, np.arange(1, count + 1)[keep])
    np.testing.assert_array_equal(losses, (np.arange(count) / 10 + 1)[keep])
