"""The step panel: a learner pressing Next sees the walkthrough's numbers, one step at a time."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from engine.experiment import Dataset
from engine.presets import load_preset
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.panels.step_panel import StepPanel
from gui.stepping import StepThrough

# What the formula box ends with at each step, and the item the step computes
WALKTHROUGH = [
    ("= 1·2 + 1 = 3", NeuronRef(1, 0)),  # hidden y
    ("= 3", NeuronRef(1, 0)),
    ("= 1·3 + 1 = 4", NeuronRef(2, 0)),  # output z
    ("= 4", NeuronRef(2, 0)),
    ("= ½·(4 − 3)² = 0.5", NeuronRef(2, 0)),  # E
    ("= (4 − 3)·1 = 1", NeuronRef(2, 0)),  # δ
    ("= 1·3 = 3", WeightRef(1, 0, 0)),  # ∂E/∂w
    ("= 1", BiasRef(1, 0)),  # ∂E/∂b
    ("= (1·1)·1 = 1", NeuronRef(1, 0)),  # ∂E/∂y, δ of y
    ("= 1·2 = 2", WeightRef(0, 0, 0)),  # ∂E/∂v
    ("= 1", BiasRef(0, 0)),  # ∂E/∂a
    ("= 1 − 0.1·3 = 0.7", WeightRef(1, 0, 0)),
    ("= 1 − 0.1·1 = 0.9", BiasRef(1, 0)),
    ("= 1 − 0.1·2 = 0.8", WeightRef(0, 0, 0)),
    ("= 1 − 0.1·1 = 0.9", BiasRef(0, 0)),
]
PHASES = ["Forward pass"] * 4 + ["Loss"] + ["Backward pass"] * 6 + ["Update"] * 4


@pytest.fixture
def panel(qtbot):
    document = Document(load_preset("seed"))
    stepping = StepThrough(document)
    widget = StepPanel(document, stepping)
    qtbot.addWidget(widget)
    widget.resize(520, 360)
    widget.show()
    return widget


def test_next_shows_the_walkthrough_numbers_in_order(panel):
    stepping = panel._stepping
    assert panel.position_label.text().startswith("Ready")
    assert not panel.previous_action.isEnabled()
    for number, ((ending, item), phase) in enumerate(zip(WALKTHROUGH, PHASES, strict=True)):
        panel.next_action.trigger()
        assert panel.formula_text().endswith(ending)
        assert panel.position_label.text() == f"Step {number + 1} of 15 · {phase}"
        assert stepping.current_items()[0] == item
        assert panel.explanation_label.text()
    assert panel.next_action.text() == "Apply update ▶"


def test_formula_shows_symbols_with_sub_and_superscripts(panel):
    panel.jump_actions["backward"].trigger()
    panel.next_action.trigger()  # ∂E/∂w of the output weight
    html = panel.formula_label.text()
    assert "∂E/∂w<sup>(2)</sup><sub>00</sub>" in html
    assert "δ<sup>(2)</sup><sub>0</sub>" in html
    lines = panel.formula_text().splitlines()
    assert lines == ["∂E/∂w(2)00 = ∂E/∂b(2)0·a(1)0 = δ(2)0·a(1)0", "∂E/∂w(2)00 = 1·3 = 3"]
    assert "3" in panel.explanation_label.text()


def test_apply_update_changes_the_document_and_one_undo_restores(panel):
    document = panel._document
    panel.jump_actions["update"].trigger()
    for _ in range(4):
        panel.next_action.trigger()  # the fourth applies the update
    assert document.network.layers[1].weights[0, 0] == pytest.approx(0.7)
    assert panel.formula_text().endswith("= 0.8·2 + 0.9 = 2.5")  # forward again
    assert "Update applied" in panel.status_label.text()
    panel.next_action.trigger()
    panel.next_action.trigger()
    assert panel.formula_text().endswith("= 0.7·2.5 + 0.9 = 2.65")
    panel.jump_actions["loss"].trigger()
    assert panel.formula_text().endswith("= 0.06125")
    document.undo_stack.undo()
    assert [float(p.flat[0]) for p in document.network.parameters()] == [1.0] * 4
    assert panel.position_label.text().startswith("Ready")
    assert "starts over" in panel.status_label.text()


def test_without_data_the_panel_says_why(qtbot, panel):
    panel._document.set_data("Remove data", None)
    assert not panel.next_action.isEnabled()
    assert panel.position_label.text() == "No steps"
    assert "no samples" in panel.formula_text()


def test_previous_goes_back(panel):
    for _ in range(3):
        panel.next_action.trigger()
    panel.previous_action.trigger()
    assert panel.position_label.text() == "Step 2 of 15 · Forward pass"
    assert panel.formula_text().endswith("= 3")


def test_jump_to_backward_checks_its_phase_in_the_strip(panel):
    panel.jump_actions["backward"].trigger()
    assert panel.position_label.text() == "Step 6 of 15 · Backward pass"
    assert panel.jump_actions["backward"].isChecked()
    assert not panel.jump_actions["forward"].isChecked()
    assert panel.progress.value() == 6


def test_keyboard_shortcuts_step_while_another_widget_has_focus(qtbot, panel):
    editor = QLineEdit(panel)  # stands in for the canvas: any widget of the window
    editor.show()
    panel.windowHandle().requestActivate()  # window shortcuts need the active window
    qtbot.waitUntil(panel.isActiveWindow)
    panel.speed_slider.setFocus()
    qtbot.keyClick(panel.speed_slider, Qt.Key.Key_Space)
    assert panel._stepping.position == 0
    qtbot.keyClick(panel.speed_slider, Qt.Key.Key_Right)
    assert panel._stepping.position == 1
    qtbot.keyClick(panel.speed_slider, Qt.Key.Key_Left)
    assert panel._stepping.position == 0
    editor.setFocus()
    qtbot.keyClicks(editor, "a b")  # typing a space in a text field is typing, not stepping
    assert editor.text() == "a b"
    assert panel._stepping.position == 0


def test_granularity_switch_steps_layer_by_layer(panel):
    panel.next_action.trigger()
    index = panel.granularity_combo.findData("layer")
    panel.granularity_combo.setCurrentIndex(index)
    panel.granularity_combo.activated.emit(index)
    assert panel._stepping.granularity == "layer"
    assert panel.position_label.text().startswith("Ready")
    panel.next_action.trigger()
    assert panel.formula_text().splitlines()[0].startswith("z(1) = ")


def test_sample_chooser_shows_the_sample_and_steps_through_it(panel):
    document = panel._document
    document.set_data("Two samples", Dataset([[2.0], [1.0]], [[3.0], [0.0]]))
    assert panel.sample_spin.maximum() == 2
    assert panel.sample_values.text() == "x = 2, t = 3"
    panel.sample_spin.setValue(2)
    assert panel._stepping.sample == 1
    assert panel.sample_values.text() == "x = 1, t = 0"
    panel.next_action.trigger()
    assert panel.formula_text().endswith("= 1·1 + 1 = 2")


def test_play_and_pause_toggle_the_action(qtbot, panel):
    panel.speed_slider.setValue(panel.speed_slider.maximum())
    panel.play_action.trigger()
    assert panel._stepping.is_playing
    assert panel.play_action.text() == "⏸ Pause"
    qtbot.waitUntil(lambda: panel._stepping.position >= 1)
    panel.play_action.trigger()
    assert not panel._stepping.is_playing
    assert panel.play_action.text() == "▶ Play"


def test_in_the_main_window_the_keys_step_while_the_canvas_has_focus(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gui import files
    from gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(load_preset("seed")), settings,
                        files.RecoveryFile(str(tmp_path / "recovery")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # window shortcuts need the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.canvas.setFocus()
    stepping = window.stepping
    qtbot.keyClick(window.canvas, Qt.Key.Key_Space)
    assert stepping.position == 0
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert stepping.position == 2
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert stepping.position == 1
    qtbot.keyClick(window.canvas, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert stepping.current_phase() == "backward"
    window.step_panel.speed_slider.setValue(0)  # slow, so Play does not run off in the test
    qtbot.keyClick(window.canvas, Qt.Key.Key_P)
    assert stepping.is_playing
    qtbot.keyClick(window.canvas, Qt.Key.Key_P)
    assert not stepping.is_playing
    window.document.undo_stack.setClean()  # nothing to ask about when the window closes
