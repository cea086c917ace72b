"""The whole training set's loss at each epoch end lives in the file's run and comes back."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.cli import main
from engine.errors import NetworkFileError
from engine.files import netfile, presets
from engine.training.history import History
from engine.training.history_state import TEST_POINTS, history_state
from engine.training.trainer import Trainer


def _saved_mid_run(tmp_path):
    source, saved = tmp_path / "xor.json", tmp_path / "saved.json"
    experiment = presets.load_preset("xor")
    experiment.training.batch_size = 3  # 4 samples: epochs end at steps 2, 4, 6, …
    netfile.write_file(experiment, source)
    assert main(["train", str(source), "--steps", "7", "--save", str(saved)]) == 0
    return source, saved


def test_a_saved_run_holds_the_training_sets_loss_and_a_reopened_file_shows_it(tmp_path):
    source, saved = _saved_mid_run(tmp_path)
    curves = json.loads(saved.read_text())["run"]["curves"]
    assert curves["train_steps"] == [2, 4, 6]
    straight = Trainer(netfile.read_file(str(source)))
    expected = []
    for _ in range(3):
        straight.run(2)
        expected.append(straight.training_loss())
    assert curves["train_loss"] == expected
    history = History(2)
    Trainer(netfile.read_file(str(saved)), history)
    steps, losses = history.training_series()
    np.testing.assert_array_equal(steps, [2, 4, 6])
    np.testing.assert_array_equal(losses, expected)


def test_a_run_carried_on_keeps_measuring_from_where_it_stopped(tmp_path):
    source, saved = _saved_mid_run(tmp_path)
    again, straight = tmp_path / "again.json", tmp_path / "straight.json"
    assert main(["train", str(saved), "--steps", "5", "--save", str(again)]) == 0
    assert main(["train", str(source), "--steps", "12", "--save", str(straight)]) == 0
    carried = json.loads(again.read_text())["run"]["curves"]
    whole = json.loads(straight.read_text())["run"]["curves"]
    assert carried["train_steps"] == whole["train_steps"] == [2, 4, 6, 8, 10, 12]
    assert carried["train_loss"] == whole["train_loss"]


def test_a_file_without_the_training_sets_loss_still_opens(tmp_path):
    _, saved = _saved_mid_run(tmp_path)
    document = json.loads(saved.read_text())
    del document["run"]["curves"]["train_steps"], document["run"]["curves"]["train_loss"]
    history = History(2)
    Trainer(netfile.parse(document), history)
    assert history.count == 7 and len(history.training_series()[0]) == 0


@pytest.mark.parametrize("steps, problem", [([2, 2, 6], "run.curves.train_steps"),
                                            ([2, 4, 99], "run.curves.train_steps[2]")])
def test_bad_training_set_steps_are_refused_naming_the_key(tmp_path, steps, problem):
    _, saved = _saved_mid_run(tmp_path)
    document = json.loads(saved.read_text())
    document["run"]["curves"]["train_steps"] = steps
    with pytest.raises(NetworkFileError) as error:
        netfile.parse(document)
    assert error.value.key == problem


def test_the_training_sets_losses_are_bounded_in_a_saved_run():
    history = History(1)
    for step in range(1, 3 * TEST_POINTS + 1):
        history.record(1.0, [1.0])
        history.measure_epoch = lambda step=step: float(step)
        history.end_epoch()
    state = history_state(history)
    assert len(state["train_steps"]) == TEST_POINTS and state["train_steps"][-1] == 3 * TEST_POINTS
    np.testing.assert_array_equal(state["train_loss"], state["train_steps"].astype(float))
