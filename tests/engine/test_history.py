"""Training history: every step while it fits, a bounded summary for a million steps."""

import csv
import os

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.training.history import INITIAL_CAPACITY, History


def filled(count, n_layers=2, **options):
    history = History(n_layers, **options)
    loss = np.sin(np.arange(count) * 0.01) + 2.0
    grads = np.column_stack([loss * (i + 1) for i in range(n_layers)])
    for step in range(count):
        history.record(loss[step], grads[step])
    return history, loss, grads


def test_every_step_is_kept_exactly_while_it_fits():
    history, loss, grads = filled(3000)  # beyond the initial buffer: it doubles
    steps, kept_loss, kept_grads = history.exact()
    np.testing.assert_array_equal(steps, np.arange(1, 3001))
    np.testing.assert_array_equal(kept_loss, loss)
    np.testing.assert_array_equal(kept_grads, grads)
    assert history.last_loss == loss[-1]


def test_csv_has_the_header_and_one_row_per_step_bit_exact(tmp_path):
    history, loss, grads = filled(5, n_layers=3)
    path = tmp_path / "history.csv"
    assert history.to_csv(path) == 5
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["step", "loss", "grad_norm_1", "grad_norm_2", "grad_norm_3"]
    assert [int(r[0]) for r in rows[1:]] == [1, 2, 3, 4, 5]
    assert [float(r[1]) for r in rows[1:]] == loss.tolist()
    assert [float(r[4]) for r in rows[1:]] == grads[:, 2].tolist()


def test_series_returns_every_step_when_they_fit():
    history, loss, _ = filled(100)
    steps, series_loss, series_grads = history.series(max_points=500)
    np.testing.assert_array_equal(steps, np.arange(1, 101))
    np.testing.assert_array_equal(series_loss, loss)
    assert series_grads.shape == (100, 2)


def test_series_of_a_long_run_fits_the_pixels_and_keeps_the_extremes():
    history, loss, grads = filled(50_000, buckets=512)
    loss_spike = 1e3
    history.record(loss_spike, [0.0, 99.0])
    steps, series_loss, series_grads = history.series(max_points=300)
    assert len(steps) <= 300
    assert steps[0] == 1 and steps[-1] <= 50_001
    assert series_loss.max() == loss_spike
    assert series_loss.min() == loss.min()
    assert series_grads[:, 1].max() == 99.0
    assert series_grads[:, 0].min() == 0.0
    assert np.all(np.diff(steps) >= 0)


def test_mean_loss_averages_each_bucket():
    history, loss, _ = filled(4096, buckets=64)
    steps, mean = history.mean_loss(max_points=64)
    width = 4096 // 64
    np.testing.assert_array_equal(steps, np.arange(0, 4096, width) + 1)
    np.testing.assert_allclose(mean, loss.reshape(64, width).mean(axis=1), rtol=1e-12)


def test_a_ring_keeps_the_newest_steps_when_the_exact_store_is_full():
    history, loss, _ = filled(10_000, n_layers=1, exact_values=2 * 2048)
    assert history.max_exact_steps == 2048
    steps, kept, _ = history.exact()
    assert history.first_exact_step == 10_000 - 2048 + 1
    np.testing.assert_array_equal(steps, np.arange(7953, 10_001))
    np.testing.assert_array_equal(kept, loss[-2048:])
    # the summary still covers the whole run
    series_steps, series_loss, _ = history.series(max_points=200)
    assert series_steps[0] == 1
    assert series_loss.min() == loss.min() and series_loss.max() == loss.max()


def test_recent_values_are_exact():
    history, loss, _ = filled(2000)
    steps, kept, _ = history.exact(last=10)
    np.testing.assert_array_equal(steps, np.arange(1991, 2001))
    np.testing.assert_array_equal(kept, loss[-10:])


def test_a_million_steps_of_ten_layers_stay_under_100_megabytes():
    history = History(10)
    norms = np.arange(10.0)
    for step in range(1_000_000):
        history.record(1.0 / (step + 1), norms)
    assert history.count == 1_000_000
    assert history.nbytes < 100 * 2**20
    steps, loss, grads = history.series(max_points=1000)
    assert len(steps) <= 1000 and grads.shape == (len(steps), 10)
    assert loss.max() == 1.0 and loss.min() == pytest.approx(1e-6)


def resident_bytes() -> int:
    """This process's resident memory (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_the_exact_store_grows_once_to_its_limit_and_takes_memory_only_as_rows_are_written():
    """A live run must not stall while its history grows: the store jumps to its full size
    without copying more than it holds, and only the rows written take memory."""
    history, loss, grads = filled(INITIAL_CAPACITY, n_layers=7)
    before = resident_bytes()
    history.record(5.0, np.arange(7.0))  # one step more than the first store holds
    full = history.max_exact_steps * 8 * 8  # 750,000 rows of (1 + 7) numbers: 48 MB
    assert history._grads.shape == (history.max_exact_steps, 7)
    assert resident_bytes() - before < full / 8
    steps, kept_loss, kept_grads = history.exact()
    np.testing.assert_array_equal(kept_loss, np.append(loss, 5.0))
    np.testing.assert_array_equal(kept_grads, np.vstack([grads, np.arange(7.0)]))
    assert history.nbytes < full / 8  # the rows written, not the store's size


def test_test_losses_are_recorded_at_their_steps():
    history, _, _ = filled(30)
    for value in (3.0, 2.0, 1.5):
        history.record_test(value)
    history.record_test(1.0, step=12)
    steps, losses = history.test_series()
    assert steps.tolist() == [30, 30, 30, 12]
    assert losses.tolist() == [3.0, 2.0, 1.5, 1.0]


def test_clear_forgets_everything():
    history, _, _ = filled(2000)
    history.clear()
    assert history.count == 0 and history.last_loss is None
    steps, _, _ = history.series()
    assert len(steps) == 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 300), min_size=1, max_size=12),
    st.sampled_from([2, 4, 6, 8, 16]),
    st.integers(0, 2**32 - 1),
)
def test_summary_buckets_equal_brute_force_whenever_they_are_read(chunks, buckets, seed):
    rng = np.random.default_rng(seed)
    history = History(1, exact_values=2 * 1024, buckets=buckets)
    loss = rng.normal(size=sum(chunks))
    recorded = 0
    for chunk in chunks:  # read the summary at arbitrary moments: buckets fold lazily
        for value in loss[recorded : recorded + chunk]:
            history.record(value, [abs(value)])
        recorded += chunk
        starts, means = history.mean_loss(max_points=10**9)
        edges = np.append(starts - 1, recorded)
        expected = [loss[a:b].mean() for a, b in zip(edges[:-1], edges[1:], strict=True)]
        np.testing.assert_allclose(means, expected, rtol=1e-12, atol=1e-12)
        _, series_loss, series_grads = history.series(max_points=4)
        assert series_loss.min() == loss[:recorded].min()
        assert series_loss.max() == loss[:recorded].max()
        assert series_grads.max() == np.abs(loss[:recorded]).max()


def test_an_epochs_mean_is_the_plain_mean_of_its_step_losses():
    history = History(1)
    for loss in (0.9, 0.6, 0.3):
        history.record(loss, [1.0])
    assert history.end_epoch() == pytest.approx((0.9 + 0.6 + 0.3) / 3, rel=1e-15)
    for loss in (0.2, 0.1):
        history.record(loss, [1.0])
    assert history.end_epoch(5) == pytest.approx(0.15, rel=1e-15)
    history.record(0.05, [1.0])  # a third epoch has begun: not a point yet
    ends, means = history.epoch_means()
    np.testing.assert_array_equal(ends, [3, 5])
    np.testing.assert_allclose(means, [0.6, 0.15], rtol=1e-15)
    assert history.epoch_count == 2


def test_ending_an_epoch_twice_at_the_same_step_records_it_once():
    history = History(1)
    history.record(1.0, [1.0])
    history.record(3.0, [1.0])
    assert history.end_epoch(2) == 2.0
    assert history.end_epoch(2) is None
    assert history.end_epoch() is None
    assert history.epoch_count == 1 and len(history.epoch_means()[0]) == 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 7), min_size=1, max_size=60), st.integers(2, 8),
       st.integers(0, 2**31 - 1))
def test_epoch_records_stay_bounded_and_each_is_the_mean_over_whole_epochs(lengths, limit,
                                                                          seed):
    rng = np.random.default_rng(seed)
    history = History(2, epoch_points=limit)
    losses, ends = [], []
    for length in lengths:
        for value in rng.random(length):
            history.record(value, [1.0, 2.0])
            losses.append(value)
        history.end_epoch()
        ends.append(len(losses))
    per_point = history.epochs_per_point
    end_steps, means = history.epoch_means()
    assert len(end_steps) <= limit - limit % 2
    # point j holds epochs j·p … j·p + p − 1 (the last point maybe fewer)
    expected_ends, expected_means, start = [], [], 0
    for first in range(0, len(lengths), per_point):
        stop = ends[min(first + per_point, len(lengths)) - 1]
        expected_ends.append(stop)
        expected_means.append(np.mean(losses[start:stop]))
        start = stop
    np.testing.assert_array_equal(end_steps, expected_ends)
    np.testing.assert_allclose(means, expected_means, rtol=1e-12)
    thinned_ends, thinned = history.epoch_means(max_points=2)
    assert len(thinned) <= 2 and thinned_ends[-1] == len(losses)
    first_end = thinned_ends[0]  # a thinned point: the mean over all the steps it covers
    np.testing.assert_allclose(thinned[0], np.mean(losses[:first_end]), rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1500), st.booleans()), min_size=1, max_size=12),
       st.integers(0, 2**32 - 1), st.sampled_from([4096 * 3, 6_000_000]), st.integers(2, 64))
@example([(1500, False)] * 3 + [(700, True)] + [(1500, False)] * 6, 0, 4096 * 3, 16)
def test_recording_many_steps_at_once_is_recording_them_one_by_one(chunks, seed, exact_values,
                                                                    buckets):
    """Across the store's growth, its wrap-around, the summary's merges and a summary caught
    up between two chunks (a small exact store: 3,072 steps of 3 layers; the example: the
    store fills up again mid-chunk, away from its end)."""
    rng = np.random.default_rng(seed)
    one_by_one = History(3, exact_values=exact_values, buckets=buckets)
    at_once = History(3, exact_values=exact_values, buckets=buckets)
    for size, read in chunks:
        losses, norms = rng.random(size), rng.random((size, 3))
        for loss, row in zip(losses, norms, strict=True):
            one_by_one.record(float(loss), row)
        at_once.record_many(losses, norms)
        if read:  # a plot reads the run: the summary catches up mid-store
            for mine, theirs in zip(at_once.series(200), one_by_one.series(200), strict=True):
                np.testing.assert_array_equal(mine, theirs)
        assert at_once.count == one_by_one.count
        assert at_once.first_exact_step == one_by_one.first_exact_step
    for mine, theirs in zip(at_once.exact(), one_by_one.exact(), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    for mine, theirs in zip(at_once.series(300), one_by_one.series(300), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    for mine, theirs in zip(at_once.mean_loss(100), one_by_one.mean_loss(100), strict=True):
        np.testing.assert_array_equal(mine, theirs)
