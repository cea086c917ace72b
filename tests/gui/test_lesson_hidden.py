"""The values a lesson hides have one owner (gui/lesson_hidden.py) that every view reads: in
lesson 2 (x = 2 → y = 3 → z = 4, t = 3) neither the canvas, the status bar, the Output Map, the
inspector, the activation plot, the loss landscape nor the gradient check gives y, z or E away
until the learner predicted them, and all show the engine's numbers once they are."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from gui.canvas.tooltips import tooltip
from gui.items import NeuronRef, WeightRef, quantity_of
from gui.lesson_hidden import LessonHidden
from tests.gui import test_main_window as main_window_tests

settings = main_window_tests.settings
answers = main_window_tests.answers
make_window = main_window_tests.make_window

Y, Z = NeuronRef(1, 0), NeuronRef(2, 0)
W = WeightRef(1, 0, 0)  # w = w2[1,1], from y to z: ∂E/∂w = (z − t)·y = 3


def _answer(qtbot, panel, index, text):
    row = panel.task_rows[index]
    row.value_field.setText(text)
    qtbot.mouseClick(row.check_button, Qt.MouseButton.LeftButton)
    assert row.passed


def _drawn_lines(decision_map) -> list:
    """(x, y) of every line the map draws (its sample dots are a scatter, not a line)."""
    return [item.getData() for item in decision_map.plot_item.listDataItems()
            if isinstance(item, pg.PlotDataItem) and item.getData()[0] is not None
            and len(item.getData()[0])]


@pytest.fixture
def lesson_window(qtbot, make_window):
    """A window on lesson 2 with the Output Map on screen."""
    window = make_window()
    window.resize(1280, 800)
    assert window.lessons_panel.open_lesson(2)
    window.layouts.bring_forward(window.training_docks.map_dock)
    qtbot.waitUntil(lambda: window.training_docks.decision_map.on_screen)
    return window


def _inspected(window, qtbot, item) -> dict:
    window.document.select(item)
    inspector = window.inspector
    labels = {"z": inspector.z_label, "a": inspector.a_label, "delta": inspector.delta_label,
              "bias_grad": inspector.bias_grad_label, "grad": inspector.grad_label,
              "E": inspector.loss_value_label}
    return {name: label.text() for name, label in labels.items()}


def _assert_hidden_everywhere(window, qtbot):
    scene, decision_map = window.canvas.network_scene, window.training_docks.decision_map
    assert scene.hidden == LessonHidden.of(window.document).neurons
    assert scene.values.neuron(2, 0) == {}
    assert window.loss_label.text().endswith("E = ?")
    qtbot.waitUntil(lambda: decision_map.current is None)
    assert _drawn_lines(decision_map) == [] and not decision_map.image_item.isVisible()
    assert decision_map.hidden_text.isVisible()
    assert decision_map.hidden_text.textItem.toPlainText() == \
        "Hidden until you predict it (lesson)"
    x, t = decision_map.train_points.getData()  # the sample stays: x = 2, t = 3
    assert list(x) == [2.0] and list(t) == [3.0]
    shown = _inspected(window, qtbot, Z)
    assert (shown["z"], shown["a"], shown["delta"], shown["bias_grad"], shown["E"]) == \
        ("?", "?", "?", "?", "?")
    assert _inspected(window, qtbot, W)["grad"] == "?"  # (z − t)·y = 3 would give both away
    assert "∂E/∂w" not in tooltip(scene, W)


def test_lesson_2_hides_z_in_every_view_until_it_is_predicted(qtbot, lesson_window):
    window = lesson_window
    scene, decision_map = window.canvas.network_scene, window.training_docks.decision_map
    assert LessonHidden.of(window.document).neurons == {Y, Z}
    _assert_hidden_everywhere(window, qtbot)
    assert _inspected(window, qtbot, Y)["a"] == "?"
    plot = window.training_docks.activation_plot
    plot.layer_combo.setCurrentIndex(1)
    plot.refresh()
    assert len(plot.function_marks.getData()[0]) == 0  # z's mark would sit at (4, 4)
    landscape = window.training_docks.landscape_plot
    landscape.refresh()
    assert landscape.verdict.text() == "— hidden until you predict it in the lesson"

    _answer(qtbot, window.lessons_panel, 0, "3")  # y predicted: z (and so E) still hidden
    assert scene.values.neuron(1, 0)["a"] == 3.0
    assert _inspected(window, qtbot, Y)["a"] == '<a href="a">3</a>'
    _assert_hidden_everywhere(window, qtbot)

    _answer(qtbot, window.lessons_panel, 1, "4")  # z predicted: every view shows the numbers
    plot.refresh()
    assert plot.function_marks.getData()[0].tolist() == [4.0]
    assert LessonHidden.of(window.document).neurons == frozenset()
    assert scene.values.neuron(2, 0)["a"] == 4.0
    assert window.loss_label.text().endswith("E = 0.5")
    qtbot.waitUntil(lambda: len(_drawn_lines(decision_map)) == 1)
    xs, zs = _drawn_lines(decision_map)[0]
    np.testing.assert_allclose(zs, xs + 2.0)  # z = (x·1 + 1)·1 + 1 for every x
    assert float(np.interp(2.0, xs, zs)) == pytest.approx(4.0, abs=1e-12)
    assert not decision_map.hidden_text.isVisible()
    shown = _inspected(window, qtbot, Z)
    assert (shown["z"], shown["a"], shown["delta"], shown["E"]) == \
        ('<a href="z">4</a>', '<a href="a">4</a>', '<a href="delta">1</a>',
         '<a href="loss">0.5</a>')
    assert _inspected(window, qtbot, W)["grad"] == '<a href="grad">3</a>'
    assert "∂E/∂w" in tooltip(scene, W)


def test_the_owner_alone_hides_canvas_status_bar_map_and_inspector(qtbot, make_window):
    window = make_window("preset:seed")  # the same chain as lesson 2, no lesson open
    window.resize(1280, 800)
    window.layouts.bring_forward(window.training_docks.map_dock)
    decision_map = window.training_docks.decision_map
    qtbot.waitUntil(lambda: len(_drawn_lines(decision_map)) == 1)
    assert window.lessons_panel.current is None
    owner = LessonHidden.of(window.document)
    assert owner is LessonHidden.of(window.document)  # one per document

    owner.set_neurons({Y, Z})
    assert window.canvas.network_scene.hidden == {Y, Z}
    _assert_hidden_everywhere(window, qtbot)

    owner.set_neurons(())
    assert window.canvas.network_scene.hidden == frozenset()
    assert window.loss_label.text().endswith("E = 0.5")
    qtbot.waitUntil(lambda: len(_drawn_lines(decision_map)) == 1)
    assert _inspected(window, qtbot, Z)["E"] == '<a href="loss">0.5</a>'


def test_hiding_only_a_hidden_layer_neuron_still_hides_the_output_and_e(qtbot, make_window):
    window = make_window("preset:seed")
    owner = LessonHidden.of(window.document)
    owner.set_neurons({Y})  # z = 4 with w = b = 1 would give y = 3 away
    assert owner.hides(Y) and not owner.hides(Z) and owner.hides_output
    assert window.loss_label.text().endswith("E = ?")
    shown = _inspected(window, qtbot, Z)
    assert shown["a"] == '<a href="a">4</a>' and shown["E"] == "?" and shown["delta"] == "?"
    assert window.canvas.network_scene.values.activations(1).tolist() == [0.0]  # no sign
    assert window.canvas.network_scene.values.activations(2).tolist() == [4.0]


def test_the_gradient_check_waits_while_values_are_hidden(qtbot, make_window):
    window = make_window("preset:seed")
    panel = window.training_docks.gradcheck_panel
    LessonHidden.of(window.document).set_neurons({Z})
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 0
    assert panel.verdict.text() == "Hidden until you predict it in the lesson."
    LessonHidden.of(window.document).set_neurons(())
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 4


def test_the_explain_panel_is_not_asked_about_a_hidden_value(qtbot, lesson_window):
    """A click on the "?" of a hidden neuron names no quantity (nothing to explain)."""
    scene = lesson_window.canvas.network_scene
    hit = scene.hit(scene.layout.centre(2, 0), 1.0)
    assert hit is not None and hit.ref == Z and hit.quantity is None
    assert quantity_of(None, "loss") is not None  # (the inspector's E is "?", not a link)


def test_a_map_behind_another_tab_draws_the_revealed_output_when_shown(qtbot, lesson_window):
    window, docks = lesson_window, lesson_window.training_docks
    decision_map = docks.decision_map
    window.layouts.bring_forward(docks.loss_dock)  # the map's neighbour tab
    qtbot.waitUntil(lambda: not decision_map.on_screen)
    _answer(qtbot, window.lessons_panel, 0, "3")
    _answer(qtbot, window.lessons_panel, 1, "4")
    assert _drawn_lines(decision_map) == []  # not drawn off screen
    window.layouts.bring_forward(docks.map_dock)
    qtbot.waitUntil(lambda: len(_drawn_lines(decision_map)) == 1)
    xs, zs = _drawn_lines(decision_map)[0]
    assert float(np.interp(2.0, xs, zs)) == pytest.approx(4.0, abs=1e-12)


def test_the_step_through_panel_shows_no_number_of_a_hidden_value(qtbot, lesson_window):
    window = lesson_window
    panel, stepping = window.step_panel, window.stepping
    stepping.restart()
    formulas = []
    for _ in range(6):  # net_y, y, net_z, z, E, δ of z
        stepping.next()
        formulas.append(panel.formula_label.text())
    assert formulas == ["Hidden until you predict it in the lesson."] * 6
    assert panel.position_label.text() == "Step 6 of 15 · Backward pass"

    _answer(qtbot, window.lessons_panel, 0, "3")  # y shown: its steps show; z's still not
    stepping.restart()
    shown = []
    for _ in range(4):
        stepping.next()
        shown.append(panel.formula_label.text())
    assert shown[0].endswith("= 1·2 + 1 = <b>3</b>") and shown[1].endswith("= <b>3</b>")
    assert shown[2:] == ["Hidden until you predict it in the lesson."] * 2

    _answer(qtbot, window.lessons_panel, 1, "4")  # the panel shows the step it is on again
    assert panel.formula_label.text().endswith("= <b>4</b>")  # z = net_z = 4
    stepping.next()
    assert panel.formula_label.text().endswith("= ½·(4 − 3)² = <b>0.5</b>")


def test_the_explain_panel_explains_no_hidden_value(qtbot, make_window):
    window = make_window("preset:seed")
    window.explain(quantity_of(None, "loss"))  # explained before the lesson hides z
    assert "E = 0.5" in window.explain_panel.text()
    LessonHidden.of(window.document).set_neurons({Z})
    assert window.explain_panel.text() == "Hidden until you predict it in the lesson."
    window.explain(quantity_of(W, "value"))  # a weight is given: explained as ever
    assert window.explain_panel.text().startswith("w = 1")
    window.explain(quantity_of(Y, "a"))  # y is not hidden and reads nothing hidden
    assert window.explain_panel.text().startswith("y = 3")
    LessonHidden.of(window.document).set_neurons(())
    window.explain(quantity_of(None, "loss"))
    assert "E = ½·(4 − 3)² = 0.5" in window.explain_panel.text()


def test_what_the_owner_hides_of_the_engine_quantities(qtbot, make_window):
    window = make_window("preset:seed")
    owner = LessonHidden.of(window.document)
    names = {"net_y": quantity_of(Y, "z"), "y": quantity_of(Y, "a"), "z": quantity_of(Z, "a"),
             "delta_z": quantity_of(Z, "delta"), "E": quantity_of(None, "loss"),
             "w": quantity_of(W, "value"), "dE/dw": quantity_of(W, "grad"),
             "x": quantity_of(NeuronRef(0, 0), "a")}
    assert not any(owner.hides_quantity(q) for q in names.values())
    owner.set_neurons({Z})
    assert {name for name, q in names.items() if owner.hides_quantity(q)} == \
        {"z", "delta_z", "E", "dE/dw"}
    owner.set_neurons({Y})
    assert {name for name, q in names.items() if owner.hides_quantity(q)} == \
        {"net_y", "y", "delta_z", "E", "dE/dw"}


def test_the_canvas_shows_no_backward_number_of_a_step_through_while_z_is_hidden(
        qtbot, lesson_window):
    window = lesson_window
    scene, stepping = window.canvas.network_scene, window.stepping
    _answer(qtbot, window.lessons_panel, 0, "3")  # y shown, z hidden
    stepping.restart()
    while not stepping.at_end:  # through the backward pass to the update
        stepping.next()
    assert stepping.shown_values().weight(1, 0, 0)["grad"] == 3.0  # the step-through has it
    assert scene.values.stepping and scene.values.weight(1, 0, 0) == {}
    assert scene.values.bias(1, 0) == {} and scene.values.neuron(1, 0) == {"a": 3.0, "z": 3.0}
    assert "∂E/∂w" not in tooltip(scene, W)
    _answer(qtbot, window.lessons_panel, 1, "4")
    assert scene.values.weight(1, 0, 0)["grad"] == 3.0 and "delta" in scene.values.neuron(1, 0)


def test_the_training_panel_shows_no_loss_while_values_are_hidden(qtbot, make_window):
    window = make_window("preset:seed")
    docks = window.training_docks
    LessonHidden.of(window.document).set_neurons({Z})
    docks.runner.train_step()  # E of that batch, before the update: ½(4 − 3)² = 0.5
    window.layouts.bring_forward(docks.training_dock)
    qtbot.waitUntil(lambda: "Loss of the last batch" in docks.training_panel.loss_label.text())
    docks.training_panel._write_counters()
    assert docks.training_panel.loss_label.text() == "Loss of the last batch: <b>?</b>"
    LessonHidden.of(window.document).set_neurons(())
    assert docks.training_panel.loss_label.text() == "Loss of the last batch: <b>0.5</b>"


def test_the_loss_and_gradient_plots_draw_no_curve_while_values_are_hidden(qtbot, make_window):
    window = make_window("preset:seed")
    docks = window.training_docks
    loss, gradients = docks.loss_plot, docks.gradient_plot
    LessonHidden.of(window.document).set_neurons({Z})
    docks.runner.train_steps(3, "Train")  # E = 0.5 at step 1 would give z = 4 away
    for plot in (loss, gradients):
        plot.refresh()
    assert loss.batch_curve.getOriginalDataset()[0] is None
    assert not loss.train_set_curve.isVisible()
    assert loss.empty_hint.text() == "— hidden until you predict it (lesson)"
    assert all(curve.getOriginalDataset()[0] is None for curve in gradients.curves)
    LessonHidden.of(window.document).set_neurons(())  # revealed: the run's curves at once
    for plot in (loss, gradients):
        plot.frames.paint_now()
    steps, values = loss.batch_curve.getOriginalDataset()
    assert steps.tolist() == [1, 2, 3]
    assert values[0] == pytest.approx(0.5)  # ½(4 − 3)², per sample of one
    assert gradients.curves[0].getOriginalDataset()[0].tolist() == [1, 2, 3]
    assert not loss.empty_hint.isVisible()
