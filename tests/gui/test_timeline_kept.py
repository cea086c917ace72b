"""The timeline after reopening a file or switching language: it holds the run's steps."""

from __future__ import annotations

import numpy as np

from engine.cli import main
from engine.files import netfile
from engine.training.trainer import Trainer
from tests.gui.test_language import (  # noqa: F401 (fixtures)
    _choose,
    english_after,
    make_window,
    settings,
)
from tests.gui.test_resume_window import prepared


def _parameters_after(path: str, steps: int) -> list[np.ndarray]:
    experiment = netfile.read_file(path)
    Trainer(experiment).run(steps)
    return experiment.network.parameters()


def test_switching_language_keeps_every_step_of_the_timeline(make_window, tmp_path):  # noqa: F811
    path = prepared(tmp_path, "sgd")
    window = make_window(path)
    window.training_docks.runner.train_steps(30, "Train")
    korean = _choose(window, "ko")
    tools = korean.training_docks.run_tools
    bar = tools.timeline_bar
    assert (bar.slider.minimum(), bar.slider.maximum()) == (0, 30)
    bar.slider.setValue(12)
    assert tools.timeline.viewing == 12
    for shown, expected in zip(korean.document.network.parameters(),
                               _parameters_after(path, 12), strict=True):
        np.testing.assert_array_equal(shown, expected)
    tools.timeline.back_to_now()
    korean.training_docks.runner.train_steps(5, "Train")
    assert bar.slider.maximum() == 35 and tools.timeline.store.first_step == 0


def test_a_reopened_file_starts_its_timeline_at_the_files_step(make_window, tmp_path):  # noqa: F811
    path, saved = prepared(tmp_path, "adam"), str(tmp_path / "B.json")
    assert main(["train", path, "--steps", "25", "--save", saved]) == 0
    window = make_window(saved)
    tools = window.training_docks.run_tools
    bar = tools.timeline_bar
    assert (bar.slider.minimum(), bar.slider.maximum()) == (25, 25)
    assert "25" in bar.banner.text()
    window.training_docks.runner.train_steps(6, "Train")
    bar.slider.setValue(27)
    for shown, expected in zip(window.document.network.parameters(),
                               _parameters_after(path, 27), strict=True):
        np.testing.assert_array_equal(shown, expected)
