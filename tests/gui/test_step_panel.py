"""The step panel: a learner pressing Next sees the walkthrough's numbers, one step at a time."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from engine.files.presets import load_preset
from engine.lesson.formula import FULL, format_number
from engine.lesson.quantities import Quantity
from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.panels.step_panel import StepPanel
from gui.stepping import StepScope, StepThrough


def q(*parts) -> Quantity:
    """A quantity by its JSON: q("delta", 1, 0)."""
    return Quantity.from_json(parts)

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
    assert "∂E/∂<i>w</i> = ∂E/∂<i>b</i>" in html  # the seed's own names for its parameters
    assert "<i>δ</i><sup>(2)</sup><sub>1</sub>" in html
    lines = panel.formula_text().splitlines()
    assert lines == ["∂E/∂w = ∂E/∂b·y = δ(2)1·y", "∂E/∂w = 1·3 = 3"]
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
    assert panel.play_action.text() == "Pause"  # and a pause icon, not a font's symbol
    assert panel.play_action.icon().cacheKey() == panel._play_icons[True].cacheKey()
    qtbot.waitUntil(lambda: panel._stepping.position >= 1)
    panel.play_action.trigger()
    assert not panel._stepping.is_playing
    assert panel.play_action.text() == "Play"
    assert panel.play_action.icon().cacheKey() == panel._play_icons[False].cacheKey()


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


# ----- notation: the formula names neurons as the canvas does -------------------------------
WALKTHROUGH_SYMBOLS = {  # step number → the symbolic line, in the walkthrough's letters
    1: "nety = v·x + a",  # net<sub>y</sub>: the weighted sum of neuron y
    2: "y = nety",
    3: "netz = w·y + b",
    5: "E = ½·(z − t1)²",
    7: "∂E/∂w = ∂E/∂b·y = δ(2)1·y",
    10: "∂E/∂v = ∂E/∂a·x = δ(1)1·x",
}


def test_the_seed_formulas_use_its_labels_x_y_z_as_the_walkthrough_does(panel):
    for number in range(1, 11):
        panel.next_action.trigger()
        if number in WALKTHROUGH_SYMBOLS:
            assert panel.formula_text().splitlines()[0] == WALKTHROUGH_SYMBOLS[number]


@pytest.fixture
def xor_panel(qtbot):
    def make(labelled: bool = True):
        experiment = load_preset("xor")
        if not labelled:
            experiment.network.input_labels = None
            for layer in experiment.network.layers:
                layer.labels = None
        document = Document(experiment)
        stepping = StepThrough(document)
        stepping.set_scope(StepScope.SAMPLE)  # these read sample 1's own steps
        widget = StepPanel(document, stepping)
        qtbot.addWidget(widget)
        widget.resize(700, 300)
        return widget

    return make


def _go_to_step_of(panel, quantity):
    stepping = panel._stepping
    stepping.go_to(stepping.trace.step_for(quantity).index)
    return panel.formula_label.text()


def test_xor_hidden_neuron_2_reads_subscript_2_and_the_canvas_labels(xor_panel):
    from gui.canvas.labels import neuron_name

    panel = xor_panel()
    network = panel._document.network
    html = _go_to_step_of(panel, q("z", 0, 1))  # engine neuron 1: the canvas's second, "h2"
    assert "net<sub><i>h2</i></sub>" in html
    assert f"<i>{neuron_name(network, 0, 0)}</i>" in html  # x1, as on the canvas
    assert f"<i>{neuron_name(network, 0, 1)}</i>" in html  # x2
    assert panel.explanation_label.text().startswith(f"Neuron {neuron_name(network, 1, 1)} ")
    # the sentence writes net_h2 as the formula does
    assert panel.explanation_label.text().endswith("net<sub><i>h2</i></sub> = −0.233262.")
    assert panel.explanation_label.textFormat() == Qt.TextFormat.RichText
    html = _go_to_step_of(panel, q("a", 0, 1))
    assert html.startswith(f"<i>{neuron_name(network, 1, 1)}</i> = σ(")  # h2 = σ(z⁽¹⁾₂)
    assert panel.formula_text().splitlines()[1] == "h2 = σ(−0.233262) = 0.441947"


def test_unlabelled_formula_subscripts_match_the_canvas_default_names(xor_panel):
    from gui.canvas.labels import SUBSCRIPTS, neuron_name

    panel = xor_panel(labelled=False)
    network = panel._document.network
    for j in range(2):
        html = _go_to_step_of(panel, q("a", 0, j))
        shown = str(j + 1)
        assert html.startswith(f"<i>a</i><sup>(1)</sup><sub>{shown}</sub> = σ(")
        assert neuron_name(network, 1, j) == "a⁽¹⁾" + shown.translate(SUBSCRIPTS)
        assert f"<i>x</i><sub>{j + 1}</sub>" in _go_to_step_of(panel, q("z", 0, j))
        assert neuron_name(network, 0, j) == "x" + shown.translate(SUBSCRIPTS)
    html = _go_to_step_of(panel, q("z", 1, 0))
    assert "<i>a</i><sup>(1)</sup><sub>2</sub>" in html
    assert neuron_name(network, 2, 0) == "a⁽²⁾₁"
    assert panel.explanation_label.text().startswith("Neuron 1 of layer 2 ")


NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:e[−+-]?[0-9]+)?")


def _significant_digits(number: str) -> int:
    mantissa = number.split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa)


def test_every_number_in_the_panel_has_at_most_6_significant_digits(xor_panel):
    panel = xor_panel()
    stepping = panel._stepping
    longest = 0
    for index in range(stepping.count):
        stepping.go_to(index)
        numbers_line = panel.formula_text().splitlines()[-1]
        shown = numbers_line.split(" = ", 1)[1] + " " + panel.explanation_label.text()
        longest = max([longest] + [_significant_digits(n) for n in NUMBER.findall(shown)])
    assert longest == 6  # rounded, and rounding to 6 is visible (the values have more digits)


def test_hovering_the_formula_gives_the_full_precision(xor_panel):
    panel = xor_panel()
    html = _go_to_step_of(panel, q("z", 0, 1))
    step = panel._stepping.current_step
    full = format_number(step.value, FULL)
    assert len(full) > 12 and full not in panel.formula_text()
    assert full in panel.formula_label.toolTip()
    assert f'title="{full.replace("-", "−")}"' in html  # each rounded number, too


def test_the_sample_shows_6_significant_digits_and_full_precision_on_hover(panel):
    panel._document.set_data("One sample", Dataset([[-0.0153867452639]], [[1.81188639314]]))
    assert panel.sample_values.text() == "x = −0.0153867, t = 1.81189"
    assert "x = −0.0153867452639" in panel.sample_values.toolTip()


def test_a_long_sample_is_counted_not_listed(qtbot):
    network = Network(12, [Layer([[1.0] * 12], [0.0])])
    document = Document(Experiment(network, data=Dataset([list(range(12))], [[1.0]])))
    widget = StepPanel(document, StepThrough(document))
    qtbot.addWidget(widget)
    assert widget.sample_values.text() == "x = 0, 1, 2, 3, … (12 values), t = 1"  # one row
