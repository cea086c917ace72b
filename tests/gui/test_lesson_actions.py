"""Lesson 7's button, pressed as a learner would: all eight hidden layers become ReLU in one
undo step, and the task that failed with its hint before now passes. Lesson 2's forward values
y and z show as "?" on the canvas (and the loss E in the status bar) until the learner predicted
them."""

from PySide6.QtCore import Qt

from gui.canvas.tooltips import tooltip
from gui.items import NeuronRef
from tests.gui import test_main_window as main_window_tests

settings = main_window_tests.settings
answers = main_window_tests.answers
make_window = main_window_tests.make_window


def test_the_relu_button_is_one_undoable_step_and_the_task_then_passes(qtbot, make_window):
    window = make_window()
    panel, document = window.lessons_panel, window.document
    assert panel.open_lesson(7)
    row = panel.task_rows[3]
    assert [r.action_button.isHidden() for r in panel.task_rows] == \
        [True, True, True, False, True]
    assert row.action_button.text() == "Make every hidden layer ReLU"
    qtbot.mouseClick(row.check_button, Qt.MouseButton.LeftButton)
    assert not row.passed and row.result.text().startswith("Not yet. Hint: Every hidden layer")
    weights = [w.copy() for w in document.network.parameters()]

    qtbot.mouseClick(row.action_button, Qt.MouseButton.LeftButton)
    assert [layer.activation for layer in document.network.layers] == ["relu"] * 8 + ["sigmoid"]
    assert all((old == new).all() for old, new in zip(weights, document.network.parameters(),
                                                      strict=True))
    assert document.undo_stack.undoText() == "Make every hidden layer ReLU"
    qtbot.mouseClick(row.check_button, Qt.MouseButton.LeftButton)
    assert row.passed and row.result.text() == "✓ Passed"

    document.undo_stack.undo()  # one step back: every layer sigmoid again
    assert [layer.activation for layer in document.network.layers] == ["sigmoid"] * 9


def test_the_button_waits_while_another_network_is_open(qtbot, make_window):
    window = make_window()
    panel = window.lessons_panel
    assert panel.open_lesson(7)
    window.file_actions.load("preset:seed")
    assert not panel.do_action(3)
    assert [layer.activation for layer in window.document.network.layers] == \
        ["identity", "identity"]
    assert panel.task_rows[3].result.text() == panel.left_label.text()


# ----- lesson 2: y and z show "?" until predicted -----------------------------------------------
def _answer(qtbot, row, text):
    row.value_field.setText(text)
    qtbot.mouseClick(row.check_button, Qt.MouseButton.LeftButton)


def test_the_canvas_hides_a_value_until_its_prediction_passes(qtbot, make_window):
    window = make_window()
    panel, scene = window.lessons_panel, window.canvas.network_scene
    assert panel.open_lesson(2)
    y, z = NeuronRef(1, 0), NeuronRef(2, 0)
    assert scene.hidden == {y, z}
    assert scene.values.neuron(1, 0) == {} and scene.values.neuron(2, 0) == {}
    assert scene.values.neuron(0, 0) == {"a": 2.0}  # the input stays shown
    assert "3" not in tooltip(scene, y)
    assert window.loss_label.text().endswith("E = ?")  # E = 0.5 would give z = 4 away

    _answer(qtbot, panel.task_rows[0], "4")  # wrong: the hint, y still hidden
    assert not panel.task_rows[0].passed and scene.hidden == {y, z}
    _answer(qtbot, panel.task_rows[0], "3")
    assert panel.task_rows[0].passed and scene.hidden == {z}
    assert scene.values.neuron(1, 0)["a"] == 3.0 and scene.values.neuron(2, 0) == {}
    window.stepping.restart()  # the step-through's values hide z as well
    for _ in range(4):
        window.stepping.next()
    assert scene.values.stepping and scene.values.neuron(2, 0) == {}
    assert window.stepping.shown_values().neuron(2, 0) != {}  # its own values are untouched

    _answer(qtbot, panel.task_rows[1], "4")
    assert scene.hidden == frozenset() and scene.values.neuron(2, 0) != {}
    assert "?" not in window.loss_label.text()


def test_leaving_the_lesson_shows_every_value_and_coming_back_hides_them(qtbot, make_window):
    window = make_window()
    panel, scene = window.lessons_panel, window.canvas.network_scene
    assert panel.open_lesson(2)
    window.file_actions.load("preset:seed")
    assert scene.hidden == frozenset() and scene.values.neuron(1, 0)["a"] == 3.0
    assert panel.open_lesson(2)
    assert scene.hidden == {NeuronRef(1, 0), NeuronRef(2, 0)}
