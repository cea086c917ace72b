"""The run section of a network file: checked like every other part, bounded in size."""

from __future__ import annotations

import copy
import json
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import NetworkFileError
from engine.files import netfile
from engine.files.netfile_run import run_dict
from engine.training.history import History
from engine.training.history_state import TAIL_VALUES, history_state, restore_history
from engine.training.run_state import RunState
from engine.training.trainer import Trainer


def trained_document(optimizer: str = "sgd", momentum: float = 0.9) -> dict:
    """xor with a test split, shuffled mini-batches of 3, trained 6 steps; as saved."""
    experiment = netfile.load("preset:xor")
    training = experiment.training
    training.optimizer, training.momentum, training.batch_size = optimizer, momentum, 3
    training.shuffle = True
    data = experiment.data
    data.test_inputs, data.test_targets = data.inputs[:2].copy(), data.targets[:2].copy()
    trainer = Trainer(experiment)
    for _ in range(6):
        trainer.run(1)
        trainer.history.record_test(trainer.test_loss())
    experiment.run = trainer.run_state()
    return json.loads(netfile.dumps(netfile.to_dict(experiment)))


def _set(path: str, value):
    def mutate(document):
        *parents, last = path.split(".")
        target = document
        for name in parents:
            target = target[int(name)] if isinstance(target, list) else target[name]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
        return document
    return mutate


BAD_RUNS = {
    "a run in a version 1 file": (_set("version", 1), "run", "a run needs version 2"),
    "steps as a flag": (_set("run.steps", True), "run.steps", "expected a whole number"),
    "more epochs than steps": (_set("run.epochs", 7), "run.epochs", "more than the limit of 6"),
    "a misspelt key": (lambda d: d["run"].update(velocty=[]) or d, "run.velocty",
                       "did you mean 'velocity'"),
    "a sample twice in the order": (_set("run.order", [0, 0, 1, 2]), "run.order",
                                    "a sample appears twice"),
    "a sample outside the data": (_set("run.order.1", 4), "run.order[1]", "from 0 to 3"),
    "another generator": (_set("run.random_state.bit_generator", "MT19937"),
                          "run.random_state.bit_generator", 'expected "PCG64"'),
    "a negative generator state": (_set("run.random_state.state.inc", -1),
                                   "run.random_state.state.inc", "from 0 to"),
    "a 129-bit generator state": (_set("run.random_state.state.state", 2**128),
                                  "run.random_state.state.state", "from 0 to"),
    "text in the velocity": (_set("run.velocity.2", "x"), "run.velocity[2]",
                             "expected a number"),
    "NaN in the velocity": (_set("run.velocity.0", float("nan")), "run.velocity[0]",
                            "expected a finite number"),
    "a loss missing": (lambda d: d["run"]["curves"]["loss"].pop() and d, "run.curves.loss",
                       "expected 6 numbers (exact steps), got 5"),
    "the exact steps from 0": (_set("run.curves.exact_from", 0), "run.curves.exact_from",
                               "at least 1 needed"),
    "exact steps without a summary": (_set("run.curves.exact_from", 2), "run.curves.loss",
                                      "expected 5 numbers"),
    "a million test losses": (_set("run.curves.test_steps", [1] * 1_000_000),
                              "run.curves.test_steps", "at most 8192 steps"),
    "a test step past the run": (_set("run.curves.test_steps.0", 7),
                                 "run.curves.test_steps[0]", "from 0 to 6"),
    "epoch ends falling": (_set("run.curves.epochs.ends", [2, 6, 4]), "run.curves.epochs.ends",
                           "must rise"),
    "a bucket width not a power of 2": (
        _set("run.curves.summary", {"steps_per_bucket": 3, "loss_min": [], "loss_max": [],
                                    "loss_sum": [], "grad_min": [], "grad_max": []}),
        "run.curves.summary.steps_per_bucket", "not a power of 2"),
    "the run not an object": (_set("run", [1, 2]), "run", "expected an object"),
}


@pytest.mark.parametrize("case", list(BAD_RUNS), ids=list(BAD_RUNS))
def test_a_bad_run_section_names_its_key(case):
    mutate, key, words = BAD_RUNS[case]
    document = trained_document()
    assert document["run"]["curves"]["epochs"]["ends"] == [2, 4, 6]
    with pytest.raises(NetworkFileError) as caught:
        netfile.parse(mutate(copy.deepcopy(document)), "bad.json")
    assert caught.value.key == key
    assert words in caught.value.problem
    assert "\n" not in str(caught.value)


def test_a_negative_second_moment_is_refused():
    document = trained_document("adam", 0.0)
    document["run"]["second_moment"][3] = -1e-9  # √v would be NaN
    with pytest.raises(NetworkFileError) as caught:
        netfile.parse(document)
    assert caught.value.key == "run.second_moment[3]"


def test_an_order_longer_than_the_data_is_not_read_but_discarded():
    document = trained_document()
    document["run"]["order"] = [0] * 1_000_000
    run = netfile.parse(document).run
    assert run.unfit == "run.order has 1000000 samples, the data 4" and run.order is None


def test_a_saved_run_reads_back_as_the_run():
    document = trained_document()
    experiment = netfile.parse(document)
    again = json.loads(netfile.dumps(netfile.to_dict(experiment)))
    assert again == document  # an unused run is written back unchanged


def long_history(steps: int, layers: int = 2) -> History:
    """A history of ``steps`` steps, every step an epoch, a test loss every 10 steps."""
    history = History(layers)
    rng = np.random.default_rng(1)
    losses = rng.random(steps)
    norms = rng.random((steps, layers))
    for step in range(steps):
        history.record(losses[step], norms[step])
        history.end_epoch()
        if step % 10 == 0:
            history.record_test(losses[step] / 2)
    return history


@pytest.fixture(scope="module")
def million() -> History:
    return long_history(1_000_000)


def test_a_million_step_run_saves_in_well_under_10_mb(million):
    history = million
    run = RunState(steps=1_000_000, epochs=1_000_000, rng={}, history=history_state(history))
    text = netfile.dumps({"run": run_dict(run)})
    assert len(text.encode()) < 6 * 2**20
    curves = run.history
    assert len(curves["loss"]) == TAIL_VALUES // 3 and curves["exact_from"] == 980_001
    epochs = curves["epochs"]
    assert (len(epochs["ends"]), epochs["epochs_per_point"], epochs["count"]) == (
        15_625, 64, 1_000_000)
    np.testing.assert_array_equal(epochs["ends"], np.arange(64, 1_000_001, 64))
    assert epochs["steps"].tolist() == [64] * 15_625
    assert len(curves["test_steps"]) == 8192 and curves["test_steps"][-1] == 999_991


def test_a_long_run_restored_draws_the_same_curves_and_goes_on_alike():
    history = long_history(150_000)
    restored = History(2)
    restore_history(restored, history_state(history))
    assert restored.count == 150_000 and restored.first_exact_step == 130_001
    for ours, theirs in zip(restored.series(1000), history.series(1000), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    # 150,000 epochs: the History keeps 37,500 records of 4, the file 9,375 records of 16
    assert (history.epochs_per_point, restored.epochs_per_point) == (4, 16)
    ends, means = history.epoch_means()
    ours_ends, ours_means = restored.epoch_means()
    np.testing.assert_array_equal(ours_ends, ends[3::4])
    np.testing.assert_allclose(ours_means, means.reshape(-1, 4).mean(axis=1), rtol=1e-12)
    rng = np.random.default_rng(2)
    for _ in range(70_000):  # past the restored exact store's size: it wraps as a ring
        loss, norms = rng.random(), rng.random(2)
        for each in (history, restored):
            each.record(loss, norms)
    for ours, theirs in zip(restored.exact(30_000), history.exact(30_000), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    steps, loss, grads = restored.series(800)
    expected = history.series(800)
    np.testing.assert_array_equal(steps, expected[0])
    np.testing.assert_array_equal(loss, expected[1])
    np.testing.assert_array_equal(grads, expected[2])


def test_saving_and_opening_a_million_step_run_takes_seconds_not_minutes(tmp_path, million):
    experiment = netfile.load("preset:xor")
    trainer = Trainer(experiment)
    restore_history(trainer.history, history_state(million))
    trainer.step_count, trainer.epoch = 1_000_000, 1_000_000
    experiment.run = trainer.run_state()
    started = time.perf_counter()
    netfile.write_file(experiment, tmp_path / "long.json")
    reread = netfile.read_file(tmp_path / "long.json")
    carried = Trainer(reread)
    assert time.perf_counter() - started < 30
    assert carried.discarded_run is None and carried.history.count == 1_000_000
    assert (tmp_path / "long.json").stat().st_size < 6 * 2**20


def leaves(value, path=()):
    """Every place in a JSON value: (path, value) of each object member and list item."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield from leaves(item, (*path, index))


HOSTILE = st.one_of(st.none(), st.booleans(), st.integers(-2**130, 2**130),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
                    st.lists(st.integers(-5, 5), max_size=5), st.just({}), st.just([[]]))
ADAM_DOCUMENT = trained_document("adam", 0.0)
MOMENTUM_DOCUMENT = trained_document()


@settings(max_examples=150, deadline=None)
@given(data=st.data(), adam=st.booleans())
def test_any_hostile_value_in_a_run_is_refused_or_read_safely(data, adam):
    document = copy.deepcopy(ADAM_DOCUMENT if adam else MOMENTUM_DOCUMENT)
    places = [path for path, _ in leaves(document["run"]) if path]
    path = data.draw(st.sampled_from(places))
    target = document["run"]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(HOSTILE)
    try:
        experiment = netfile.parse(document)
    except NetworkFileError as error:
        assert error.key.startswith("run") and "\n" not in str(error)
        return
    trainer = Trainer(experiment)  # carried on, or discarded with a reason: never a crash
    assert trainer.step_count in (0, 6)
    assert trainer.run(3).steps == 3
