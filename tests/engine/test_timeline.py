"""Issue 10, item 2: the timeline shows the exact parameters of any recent step.

The parameters the timeline gives for step k must equal, bit for bit, those of a fresh run
trained k steps (``train FILE --steps k``), for every optimizer and batching, with frozen
entries; older steps are shown at thinned checkpoints within the memory budget.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.files import netfile
from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from engine.training.history import History
from engine.training.timeline import MB, Timeline
from engine.training.trainer import Trainer
from tests.engine.test_resume import BATCHING, OPTIMIZERS


def xor_experiment(optimizer: dict, batching: dict, frozen: bool = False) -> Experiment:
    experiment = netfile.load("preset:xor")
    for name, value in {**optimizer, **batching}.items():
        setattr(experiment.training, name, value)
    if frozen:
        experiment.network.layers[0].frozen_weights[1, 0] = True
    return experiment


def fresh_parameters(experiment: Experiment, steps: int) -> list[np.ndarray]:
    """What ``train FILE --steps k`` ends on: a fresh trainer on a copy, k steps."""
    copy = experiment.copy()
    Trainer(copy).run(steps)
    return copy.network.parameters()


def trained_with_timeline(experiment: Experiment, chunks, timeline: Timeline) -> Trainer:
    trainer = Trainer(experiment, History(len(experiment.network.layers)))
    timeline.offer(trainer, changed=True)
    for chunk in chunks:
        trainer.run(chunk)
        timeline.offer(trainer)
    return trainer


def assert_bitwise(shown, expected):
    assert len(shown) == len(expected)
    for a, b in zip(shown, expected, strict=True):
        assert a.shape == b.shape
        assert np.array_equal(a, b), np.max(np.abs(a - b))


@pytest.mark.parametrize("batching", list(BATCHING))
@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_any_recent_step_equals_a_fresh_run_of_that_many_steps(optimizer, batching):
    experiment = xor_experiment(OPTIMIZERS[optimizer], BATCHING[batching], frozen=True)
    original = experiment.copy()
    timeline = Timeline()
    timeline.gap = 7  # checkpoints every 7 steps: most steps are replayed
    trained_with_timeline(experiment, [3, 1, 10, 13, 40], timeline)
    assert timeline.last_step == 67
    for step in (0, 1, 5, 7, 22, 23, 50, 67):
        assert timeline.shown_step(step) == step
        assert_bitwise(timeline.parameters_at(step), fresh_parameters(original, step))


@settings(max_examples=15, deadline=None)
@given(chunks=st.lists(st.integers(1, 9), min_size=1, max_size=8), pick=st.integers(0, 80),
       gap=st.integers(1, 12))
def test_replay_from_any_checkpoint_is_exact(chunks, pick, gap):
    experiment = xor_experiment(OPTIMIZERS["adam"], BATCHING["mini-batch shuffled"])
    original = experiment.copy()
    timeline = Timeline()
    timeline.gap = gap
    trained_with_timeline(experiment, chunks, timeline)
    step = min(pick, sum(chunks))
    assert_bitwise(timeline.parameters_at(step), fresh_parameters(original, step))


def test_the_trainer_at_a_step_carries_on_like_the_run_did():
    experiment = xor_experiment(OPTIMIZERS["momentum"], BATCHING["mini-batch shuffled"])
    original = experiment.copy()
    timeline = Timeline()
    trained_with_timeline(experiment, [30, 30], timeline)
    past = timeline.trainer_at(17)
    assert (past.step_count, past.epoch) == (17, 8)  # 4 samples in batches of 3, 1
    past.run(13)
    assert_bitwise(past.network.parameters(), fresh_parameters(original, 30))


def test_an_edit_starts_a_new_segment_and_drops_the_undone_future():
    experiment = xor_experiment(OPTIMIZERS["sgd"], BATCHING["full batch"])
    timeline = Timeline()
    trainer = trained_with_timeline(experiment, [20], timeline)
    after_20 = [p.copy() for p in experiment.network.parameters()]
    experiment.training.learning_rate = 0.1  # an edit at step 20
    timeline.offer(trainer, changed=True)
    trainer.run(10)
    timeline.offer(trainer)
    # steps after the edit replay with the new rate, steps before it with the old one
    assert_bitwise(timeline.parameters_at(30), experiment.network.parameters())
    copy = Experiment(experiment.network.copy(), experiment.training, experiment.data)
    for target, value in zip(copy.network.parameters(), after_20, strict=True):
        target[...] = value
    assert_bitwise(timeline.parameters_at(20), after_20)
    # an undo back to step 20 forgets steps 21…30
    for target, value in zip(experiment.network.parameters(), after_20, strict=True):
        target[...] = value
    trainer.step_count = 20
    timeline.offer(trainer, changed=True)
    assert timeline.checkpoint_steps[-1] == 20 and timeline.shown_step(30) == 20


def mnist_sized_experiment() -> Experiment:
    """784-128-10 (101,770 parameters), sgd, mini-batches of 32 from 256 random samples."""
    rng = np.random.default_rng(0)
    network = Network(784, [Layer(rng.normal(0, 0.05, (128, 784)), np.zeros(128), "sigmoid"),
                            Layer(rng.normal(0, 0.1, (10, 128)), np.zeros(10), "sigmoid")],
                      loss="half_sse", reduction="mean")
    experiment = xor_experiment({"optimizer": "sgd", "learning_rate": 0.5},
                                {"batch_size": 32, "shuffle": True, "seed": 1})
    experiment.network = network
    experiment.data = Dataset(rng.random((256, 784)), np.eye(10)[rng.integers(0, 10, 256)])
    return experiment


def test_784_128_10_stays_within_its_budget_and_old_steps_thin_out():
    """The 200 MB / 10,000-step figures scaled down tenfold (the same arithmetic, a tenth of
    the steps): a checkpoint of 784-128-10 holds 101,770 float64 values (814,160 bytes)."""
    experiment = mnist_sized_experiment()
    timeline = Timeline(budget=10 * MB, exact_window=1_000)
    trainer = Trainer(experiment, History(2))
    timeline.offer(trainer, changed=True)
    assert timeline.gap == 156  # ⌈1,000 · (814,160 + 512) / 5 MB⌉
    for _ in range(150):
        trainer.run(20)  # 3,000 steps, offered every 20
        timeline.offer(trainer)
        assert timeline.nbytes <= 10 * MB
    assert timeline.shown_step(2_900) == 2_900 and timeline.shown_step(2_000) == 2_000
    steps = timeline.checkpoint_steps
    assert steps[0] == 0 and steps[-1] == 2_880  # every 8th offer: 160 ≥ the gap of 156
    assert timeline.nbytes > 5 * MB
    assert len([s for s in steps if s < 2_000]) < 2_000 // 160  # thinned below the window
    assert timeline.shown_step(1_234) in steps


def test_a_small_network_keeps_at_most_max_checkpoints(monkeypatch):
    from engine.training import timeline as module
    monkeypatch.setattr(module, "MAX_CHECKPOINTS", 50)
    experiment = xor_experiment(OPTIMIZERS["adam"], BATCHING["mini-batch shuffled"])
    original = experiment.copy()
    timeline = Timeline(exact_window=40)
    assert timeline.gap == 1
    trained_with_timeline(experiment, [1] * 300, timeline)
    steps = timeline.checkpoint_steps
    assert len(steps) <= 50 and steps[0] == 0 and steps[-1] == 300
    assert all(timeline.shown_step(s) == s for s in range(260, 301))
    assert_bitwise(timeline.parameters_at(270), fresh_parameters(original, 270))
    assert timeline.shown_step(100) in steps
    assert timeline.nbytes == sum(c.nbytes for c in timeline._checkpoints) + sum(
        {id(c.run.order): c.run.order.nbytes for c in timeline._checkpoints
         if c.run is not None and c.run.order is not None}.values())


@pytest.mark.parametrize(("optimizer", "gap"), [({"optimizer": "sgd"}, 78),
                                                ({"optimizer": "sgd", "momentum": 0.9}, 156),
                                                ({"optimizer": "adam"}, 233)])
def test_the_gap_makes_the_last_10000_steps_of_784_128_10_fit_in_100_mb(optimizer, gap):
    """⌈10,000 · (814,160 · (1 + optimizer arrays) + 512) / 100 MB⌉ steps between
    checkpoints: at most 100 MB for the exact window, 200 MB in all."""
    experiment = mnist_sized_experiment()
    for name, value in optimizer.items():
        setattr(experiment.training, name, value)
    timeline = Timeline()
    timeline.offer(Trainer(experiment, History(2)), changed=True)
    assert timeline.gap == gap
