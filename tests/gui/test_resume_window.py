"""Issue 10, item 1 in the window: a saved run carries on exactly after reopening, and undoing
a training run rewinds its curves (redo restores them)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.files import netfile
from engine.training.trainer import Trainer
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)


@pytest.fixture
def open_window(request):
    """The main window tests' own maker of windows (answers to dialogs, settings, cleanup)."""
    return request.getfixturevalue("make_window")


def prepared(tmp_path, optimizer="adam") -> str:
    """xor with shuffled mini-batches of 3 and one frozen weight, as a file to open."""
    experiment = netfile.load("preset:xor")
    training = experiment.training
    training.optimizer, training.learning_rate = optimizer, 0.05
    training.batch_size, training.shuffle, training.seed = 3, True, 11
    experiment.network.layers[0].frozen_weights[0, 1] = True
    path = tmp_path / "A.json"
    netfile.write_file(experiment, path)
    return str(path)


def click(qtbot, window, name, times=1):
    button = getattr(window.training_docks.training_panel, name)
    for _ in range(times):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_for_a_while(qtbot, window, more_than: int) -> None:
    runner = window.training_docks.runner
    click(qtbot, window, "run_button")
    qtbot.waitUntil(lambda: runner.step_count > more_than, timeout=20_000)
    click(qtbot, window, "run_button")
    assert not runner.is_running


def test_save_mid_run_reopen_and_train_on_is_one_uninterrupted_run(qtbot, open_window,
                                                                     tmp_path):
    start = prepared(tmp_path)
    window = open_window(start)
    runner = window.training_docks.runner
    run_for_a_while(qtbot, window, 40)
    click(qtbot, window, "step_button", 3)
    saved = tmp_path / "B.json"
    assert window.file_actions.save_as(str(saved))
    first_part = runner.step_count
    assert netfile.read_file(saved).run.steps == first_part

    other = open_window("preset:seed")  # a window that opens the file afresh
    assert other.file_actions.open_file(str(saved))
    carried = other.training_docks.runner
    assert carried.step_count == first_part and carried.history.count == first_part
    run_for_a_while(qtbot, other, first_part + 40)
    click(qtbot, other, "epoch_button")
    total = carried.step_count

    straight = netfile.read_file(start)
    trainer = Trainer(straight)
    trainer.run(total)
    for ours, theirs in zip(other.document.network.parameters(),
                            straight.network.parameters(), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    for ours, theirs in zip(carried.history.exact(), trainer.history.exact(), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert carried.epoch == trainer.epoch
    loss_plot = other.training_docks.loss_plot
    loss_plot.per_sample_check.setChecked(False)  # E as recorded, not per sample
    loss_plot.refresh()
    steps, loss = loss_plot.batch_curve.getOriginalDataset()
    expected_steps, expected_loss, _ = trainer.history.series(loss_plot.plot_width())
    np.testing.assert_array_equal(steps, expected_steps)
    np.testing.assert_array_equal(loss, expected_loss)


def plotted(window):
    """(loss curve's steps and values, gradient curves' values) as the plots draw them now."""
    docks = window.training_docks
    docks.loss_plot.per_sample_check.setChecked(False)  # E as recorded, not per sample
    docks.loss_plot.refresh()
    docks.gradient_plot.refresh()
    steps, loss = docks.loss_plot.batch_curve.getOriginalDataset()
    grads = [curve.getOriginalDataset()[1] for curve in docks.gradient_plot.curves]
    empty = np.empty(0)
    return (empty if steps is None else steps.copy(), empty if loss is None else loss.copy(),
            [empty if g is None else g.copy() for g in grads])


def assert_same_plot(ours, theirs):
    np.testing.assert_array_equal(ours[0], theirs[0])
    np.testing.assert_array_equal(ours[1], theirs[1])
    for a, b in zip(ours[2], theirs[2], strict=True):
        np.testing.assert_array_equal(a, b)


def test_undoing_a_run_rewinds_its_curves_and_redo_restores_them(qtbot, open_window, tmp_path):
    window = open_window(prepared(tmp_path, "sgd"))
    runner, stack = window.training_docks.runner, window.document.undo_stack
    click(qtbot, window, "step_button", 5)
    after_steps = plotted(window)
    assert len(after_steps[1]) == 5
    run_for_a_while(qtbot, window, 60)
    after_run, count = plotted(window), runner.step_count
    assert stack.count() == 6 and len(after_run[1]) > 5
    stack.undo()  # the run
    assert runner.step_count == 5 and runner.history.count == 5
    assert_same_plot(plotted(window), after_steps)
    stack.undo()  # the fifth step
    assert runner.step_count == 4 and len(plotted(window)[1]) == 4
    assert window.training_docks.loss_plot.empty_hint.isHidden()
    for _ in range(4):
        stack.undo()
    assert runner.step_count == 0 and runner.history.count == 0
    assert len(plotted(window)[1]) == 0
    assert not window.training_docks.loss_plot.empty_hint.isHidden()
    for _ in range(6):
        stack.redo()
    assert runner.step_count == count
    assert_same_plot(plotted(window), after_run)


def test_after_undoing_a_step_the_next_step_is_the_same_step_again(qtbot, open_window,
                                                                  tmp_path):
    window = open_window(prepared(tmp_path, "adam"))
    runner, document = window.training_docks.runner, window.document
    click(qtbot, window, "step_button", 7)
    parameters = [p.copy() for p in document.network.parameters()]
    curve = plotted(window)
    document.undo_stack.undo()
    click(qtbot, window, "step_button")  # Adam's moments, the order and the curves rewound
    assert runner.step_count == 7
    for ours, theirs in zip(document.network.parameters(), parameters, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert_same_plot(plotted(window), curve)


def test_the_autosaved_recovery_file_keeps_the_run_too(qtbot, open_window, tmp_path):
    window = open_window(prepared(tmp_path, "sgd"))
    click(qtbot, window, "step_button", 5)
    window.file_actions.autosave()
    recovered = netfile.read_file(window.recovery.path)
    assert recovered.run.steps == 5 and recovered.run.history["loss"].shape == (5,)
    np.testing.assert_array_equal(recovered.run.history["loss"],
                                  window.training_docks.runner.history.exact()[1])


def test_a_run_that_does_not_fit_is_discarded_and_the_window_says_why(qtbot, open_window,
                                                                      tmp_path):
    window = open_window(prepared(tmp_path, "adam"))
    click(qtbot, window, "step_button", 4)
    saved = tmp_path / "B.json"
    assert window.file_actions.save_as(str(saved))
    text = saved.read_text(encoding="utf-8").replace('"optimizer": "adam",\n    "learning',
                                                     '"optimizer": "sgd",\n    "learning', 1)
    saved.write_text(text, encoding="utf-8")
    assert window.file_actions.open_file(str(saved))
    runner = window.training_docks.runner
    assert runner.step_count == 0 and runner.history.count == 0
    assert runner.message == ("The file's training run cannot be carried on (the run used adam,"
                              " the settings say sgd): training starts a fresh run.")
    panel = window.training_docks.training_panel
    window.training_docks.training_dock.raise_()
    qtbot.waitUntil(lambda: panel.message.text() == runner.message, timeout=5_000)
