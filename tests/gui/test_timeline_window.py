"""Issue 10, items 2, 3 and 5 in the window: scrub the timeline, continue from a past step,
compare two runs, and train at a pace where every step shows."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine.files import netfile
from engine.training.trainer import Trainer
from gui.frame_clock import on_screen
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)
from tests.gui.test_resume_window import click, prepared


@pytest.fixture
def open_window(request):
    return request.getfixturevalue("make_window")


def fresh(path: str, steps: int) -> list[np.ndarray]:
    experiment = netfile.read_file(path)
    Trainer(experiment).run(steps)
    return experiment.network.parameters()


def assert_bitwise(ours, theirs):
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)


def train(qtbot, window, steps: int):
    window.training_docks.runner.train_steps(steps, "Train")


def test_the_slider_shows_the_exact_network_of_a_past_step_and_comes_back(
        qtbot, open_window, tmp_path):
    path = prepared(tmp_path)
    window = open_window(path)
    docks = window.training_docks
    tools, runner, document = docks.run_tools, docks.runner, window.document
    for _ in range(3):
        train(qtbot, window, 40)
    now = [p.copy() for p in document.network.parameters()]
    undo_count, modified = document.undo_stack.count(), document.is_modified
    bar = tools.timeline_bar
    assert (bar.slider.minimum(), bar.slider.maximum(), bar.slider.value()) == (0, 120, 120)
    bar.slider.setValue(37)
    assert tools.timeline.viewing == 37
    assert_bitwise(document.network.parameters(), fresh(path, 37))
    assert "Viewing step 37 of 120" in bar.banner.text()
    assert docks.loss_plot.marker.isVisible() and docks.loss_plot.marker.value() == 37
    assert docks.gradient_plot.marker.value() == 37
    assert not window.undo_action.isEnabled()
    assert runner.step_count == 120  # the run is where it was
    assert document.undo_stack.count() == undo_count and document.is_modified == modified
    qtbot.mouseClick(bar.now_button, Qt.MouseButton.LeftButton)
    assert tools.timeline.viewing is None and not docks.loss_plot.marker.isVisible()
    assert_bitwise(document.network.parameters(), now)
    assert window.undo_action.isEnabled()


def test_training_while_viewing_trains_on_from_now(qtbot, open_window, tmp_path):
    path = prepared(tmp_path, "sgd")
    window = open_window(path)
    train(qtbot, window, 30)
    window.training_docks.run_tools.timeline_bar.slider.setValue(5)
    click(qtbot, window, "step_button")
    assert window.training_docks.run_tools.timeline.viewing is None
    assert_bitwise(window.document.network.parameters(), fresh(path, 31))


def test_a_click_on_the_loss_plot_scrubs_to_that_step(qtbot, open_window, tmp_path):
    window = open_window(prepared(tmp_path))
    train(qtbot, window, 100)
    plot = window.training_docks.loss_plot
    window.training_docks.loss_dock.raise_()
    plot.refresh()
    qtbot.wait(50)
    view = plot.plot_item.vb
    target = view.mapViewToScene(QPointF(60, view.viewRange()[1][0]))
    point = plot.plot_widget.mapFromScene(target)
    qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=point + type(point)(0, -5))
    shown = window.training_docks.run_tools.timeline.viewing
    assert shown is not None and abs(shown - 60) <= 2


def test_continue_from_here_is_one_undoable_step_of_parameters_and_run(
        qtbot, open_window, tmp_path):
    path = prepared(tmp_path)
    window = open_window(path)
    docks = window.training_docks
    runner, tools, document = docks.runner, docks.run_tools, window.document
    train(qtbot, window, 80)
    after_80 = [p.copy() for p in document.network.parameters()]
    tools.timeline_bar.slider.setValue(25)
    qtbot.mouseClick(tools.timeline_bar.continue_button, Qt.MouseButton.LeftButton)
    assert tools.timeline.viewing is None
    assert runner.step_count == 25 and runner.history.count == 25
    assert_bitwise(document.network.parameters(), fresh(path, 25))
    train(qtbot, window, 15)  # carries on exactly: optimizer state and order of step 25
    assert_bitwise(document.network.parameters(), fresh(path, 40))
    document.undo_stack.undo()  # the 15 steps
    document.undo_stack.undo()  # "Continue from step 25"
    assert runner.step_count == 80
    assert_bitwise(document.network.parameters(), after_80)


def test_keep_a_run_then_train_another_shows_both(qtbot, open_window, tmp_path):
    window = open_window("preset:xor")
    docks = window.training_docks
    comparison = docks.run_tools.comparison
    train(qtbot, window, 50)
    comparison.keep_action.trigger()
    window.document.set_training("Rate", learning_rate=2.0)
    window.training_docks.runner.clear_history()
    train(qtbot, window, 50)
    assert [run.name for run in comparison.runs] == ["A: sigmoid, η=1, sgd"]
    docks.loss_plot.per_sample_check.setChecked(False)  # E as recorded, not per sample
    curve = docks.loss_plot.ghosts.curves[0]
    np.testing.assert_array_equal(curve.getOriginalDataset()[1], comparison.runs[0].loss)
    assert curve.opts["pen"].style() == Qt.PenStyle.DashLine
    assert len(docks.gradient_plot.ghosts.curves) == 2  # one per layer
    table = comparison.table.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text().startswith("A: ")
    assert table.item(1, 0).text() == "now: sigmoid, η=2, sgd"
    assert table.item(0, 1).text() == "50"


def test_the_vanishing_comparison_is_one_click(qtbot, open_window):
    window = open_window("preset:xor")
    comparison = window.training_docks.run_tools.comparison
    assert comparison.compare_vanishing(20)
    assert comparison.runs[0].name.startswith("A: sigmoid")
    assert window.training_docks.runner.step_count == 20
    table = comparison.table.table
    assert table.rowCount() == 2 and table.item(1, 0).text().startswith("now: relu")


def test_a_paced_run_shows_every_step_and_highlights_the_changed_weights(qtbot, open_window):
    window = open_window("preset:xor")
    panel = window.training_docks.training_panel
    runner = window.training_docks.runner
    panel.pace_combo.setCurrentIndex(panel.pace_combo.findData(30.0))
    assert runner.pace == 30.0
    counts = []
    runner.progressed.connect(lambda: counts.append(runner.step_count))
    click(qtbot, window, "run_button")
    qtbot.waitUntil(lambda: runner.step_count >= 4, timeout=5_000)
    click(qtbot, window, "run_button")
    assert counts[:4] == [1, 2, 3, 4]  # every step told to the views
    glow = window.training_docks.run_tools.glow.item
    assert glow.strengths is not None and max(s.max() for s in glow.strengths) == 1.0
    panel.pace_combo.setCurrentIndex(0)
    assert runner.pace is None


def test_the_view_menu_holds_the_compare_menu(qtbot, open_window):
    window = open_window("preset:xor")
    qtbot.wait(10)  # the menu is hooked once the window's own menus are made
    window.view_menu.aboutToShow.emit()
    window.view_menu.aboutToShow.emit()  # added once
    menu = window.training_docks.run_tools.compare_menu
    assert window.view_menu.actions().count(menu.menuAction()) == 1
    assert [a.text() for a in menu.actions() if a.text()][:2] == [
        "&Keep This Run for Comparison", "&Clear Comparison"]


def test_per_sample_puts_the_batch_and_the_test_loss_on_one_scale(qtbot, open_window):
    from engine.training import datasets
    window = open_window("preset:xor")  # reduction "sum"
    document, docks = window.document, window.training_docks
    document.set_data("Circles", datasets.train_test_split(datasets.circles(40), 0.25))
    document.set_training("Batches", batch_size=4)
    train(qtbot, window, 12)  # 30 training samples: 7 batches of 4, then one of 2
    plot = docks.loss_plot
    assert plot.per_sample_check.isChecked()  # the default: one scale
    plot.refresh()
    steps, loss, _ = docks.runner.history.exact()
    _, y = plot.batch_curve.getOriginalDataset()
    sizes = np.array([4] * 7 + [2] + [4] * 4)
    np.testing.assert_array_equal(y, loss / sizes)
    _, test = docks.runner.history.test_series()
    np.testing.assert_array_equal(plot.test_curve.getOriginalDataset()[1], test / 10)
    assert plot.plot_item.getAxis("left").labelText == "loss per sample Ē (mean)"
    ends, whole = docks.runner.history.training_series()
    assert list(ends) == [8]
    np.testing.assert_array_equal(plot.train_set_curve.getOriginalDataset()[1], whole / 30)
    plot.per_sample_check.setChecked(False)
    np.testing.assert_array_equal(plot.batch_curve.getOriginalDataset()[1], loss)


def test_after_a_run_the_slider_reaches_its_last_step_and_scrubs_into_it(qtbot, open_window,
                                                                        tmp_path):
    path = prepared(tmp_path, "sgd")
    window = open_window(path)
    runner, tools = window.training_docks.runner, window.training_docks.run_tools
    click(qtbot, window, "run_button")
    qtbot.waitUntil(lambda: runner.step_count > 300, timeout=20_000)
    click(qtbot, window, "run_button")
    slider = tools.timeline_bar.slider
    assert slider.maximum() == runner.step_count and slider.value() == runner.step_count
    slider.setValue(runner.step_count - 123)
    assert_bitwise(window.document.network.parameters(), fresh(path, runner.step_count - 123))


def test_the_whole_training_set_dots_of_a_full_batch_run_stay_dots(qtbot, open_window):
    # full batches end an epoch every step: 400 dots on a few hundred pixels would be a band
    window = open_window("preset:xor")
    docks = window.training_docks
    train(qtbot, window, 400)
    plot = docks.loss_plot
    plot.refresh()
    ends, whole = docks.runner.history.training_series()
    assert len(ends) == 400
    x, y = plot.train_set_curve.getOriginalDataset()
    assert 2 <= len(x) <= plot.plot_width() // 8 + 1
    assert x[-1] == ends[-1] and y[-1] == whole[-1] / 4  # the newest, per sample (sum of 4)
    assert np.all(np.diff(x) > 0)


def test_a_timeline_out_of_sight_is_not_rewritten_during_a_run(qtbot, open_window, tmp_path):
    """Issue 11, item 7: its wrapped banner's new text relayouts the whole window (which then
    repaints), so a timeline in an unselected tab waits; once shown it follows the run."""
    window = open_window(prepared(tmp_path, "sgd"))
    docks = window.training_docks
    runner, tools = docks.runner, docks.run_tools
    window.tabifyDockWidget(docks.training_dock, tools.timeline_dock)
    docks.training_dock.raise_()
    bar = tools.timeline_bar
    qtbot.waitUntil(lambda: not on_screen(bar))
    written = bar.banner.text()
    runner.start()
    qtbot.waitUntil(lambda: runner.step_count > 50, timeout=20_000)
    qtbot.wait(600)  # more than two rewrites' time
    assert bar.banner.text() == written
    tools.timeline_dock.raise_()
    qtbot.waitUntil(lambda: bar.banner.text() != written, timeout=5_000)
    runner.pause()
    assert f"step {runner.step_count:,}" in bar.banner.text()
