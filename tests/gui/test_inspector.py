"""The inspector shows the selected item's numbers from the engine and edits the document."""

import pytest
from PySide6.QtCore import Qt

from engine.lesson.quantities import Kind, Quantity
from engine.model.experiment import Dataset
from gui.frame_clock import FrameClock
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.panels.inspector import Inspector


@pytest.fixture
def inspector(qtbot, seed_document):
    widget = Inspector(seed_document())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown(label) -> str:
    """A value label's visible text (its link markup removed)."""
    text = label.text()
    return text.split(">", 1)[1].split("<", 1)[0] if text.startswith("<a") else text


def type_into(qtbot, field, text):
    field.edit.selectAll()
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_output_neuron_shows_the_walkthrough_values(inspector):
    inspector._document.select(NeuronRef(2, 0))
    assert "Neuron z" in inspector.title.text()
    assert not inspector.neuron_box.isHidden()
    assert inspector.parameter_box.isHidden()
    assert shown(inspector.z_label) == "4"
    assert shown(inspector.a_label) == "4"
    assert shown(inspector.delta_label) == "1"
    assert shown(inspector.bias_grad_label) == "1"
    assert inspector.bias_field.text() == "1"
    assert inspector.activation_label.text() == "identity"
    assert "output" in inspector.layer_label.text()
    assert inspector.sample_label.text() == "Sample 1 of 1: x = 2, t = 3"


def test_hidden_neuron_and_input(inspector):
    document = inspector._document
    document.select(NeuronRef(1, 0))
    assert (shown(inspector.z_label), shown(inspector.delta_label)) == ("3", "1")
    document.select(NeuronRef(0, 0))
    assert "Input x" in inspector.title.text()
    assert shown(inspector.a_label) == "2"
    assert not inspector.neuron_form.isRowVisible(inspector.delta_label)
    assert not inspector.neuron_form.isRowVisible(inspector.bias_field)


def test_weight_shows_its_value_and_gradient(inspector):
    inspector._document.select(WeightRef(1, 0, 0))
    assert "Weight from y to z" in inspector.title.text()
    assert inspector.value_field.text() == "1"
    assert shown(inspector.grad_label) == "3"
    assert inspector.grad_row_label.text() == "∂E/∂w:"
    inspector._document.select(WeightRef(0, 0, 0))
    assert shown(inspector.grad_label) == "2"


def test_typing_a_weight_and_enter_sets_it_undoably(qtbot, inspector):
    document = inspector._document
    document.select(WeightRef(1, 0, 0))
    type_into(qtbot, inspector.value_field, "0.7")
    assert document.network.layers[1].weights[0, 0] == 0.7
    assert inspector.value_field.text() == "0.7"
    document.undo_stack.undo()
    assert document.network.layers[1].weights[0, 0] == 1.0
    assert inspector.value_field.text() == "1"


def test_typing_a_bias_on_a_neuron_sets_it(qtbot, inspector):
    document = inspector._document
    document.select(NeuronRef(2, 0))
    type_into(qtbot, inspector.bias_field, "-0.5")
    assert document.network.layers[1].biases[0] == -0.5
    assert shown(inspector.z_label) == "2.5"  # recomputed by the engine: 3·1 − 0.5


@pytest.mark.parametrize("text", ["abc", "nan", "1e999"])
def test_text_that_is_not_a_finite_number_is_refused(qtbot, inspector, text):
    document = inspector._document
    document.select(WeightRef(1, 0, 0))
    type_into(qtbot, inspector.value_field, text)
    assert inspector.value_field.has_error
    assert inspector.value_field.error.text().startswith("Not changed:")
    assert document.network.layers[1].weights[0, 0] == 1.0
    assert document.undo_stack.count() == 0


def test_refused_bias_says_why_under_the_field(qtbot, inspector):
    document = inspector._document
    document.select(NeuronRef(1, 0))
    type_into(qtbot, inspector.bias_field, "abc")
    assert "“abc” is not a number" in inspector.bias_field.error.text()
    assert document.network.layers[0].biases[0] == 1.0


def test_frozen_checkbox_freezes_the_selected_parameter(inspector):
    document = inspector._document
    document.select(BiasRef(1, 0))
    inspector.frozen_check.click()
    assert document.is_frozen(1, 0, None)
    document.undo_stack.undo()
    assert not document.is_frozen(1, 0, None)
    assert not inspector.frozen_check.isChecked()


def test_choosing_a_loss_replaces_the_network_undoably(inspector):
    document = inspector._document
    document.select(NeuronRef(2, 0))
    inspector.loss_combo.setCurrentText("sse")
    inspector.loss_combo.activated.emit(inspector.loss_combo.currentIndex())
    assert document.network.loss == "sse"
    assert shown(inspector.delta_label) == "2"  # E = (z − t)²: every gradient doubles
    document.undo_stack.undo()
    assert document.network.loss == "half_sse"
    assert inspector.loss_combo.currentText() == "half_sse"


def test_a_loss_that_does_not_fit_the_output_is_refused(inspector):
    document = inspector._document
    inspector.loss_combo.setCurrentText("cross_entropy")
    inspector.loss_combo.activated.emit(inspector.loss_combo.currentIndex())
    assert document.network.loss == "half_sse"
    assert document.undo_stack.count() == 0
    assert "softmax" in inspector.loss_message.text()
    assert inspector.loss_combo.currentText() == "half_sse"


def test_reduction_change(inspector):
    document = inspector._document
    inspector.reduction_combo.setCurrentText("mean")
    inspector.reduction_combo.activated.emit(inspector.reduction_combo.currentIndex())
    assert document.network.reduction == "mean"


@pytest.mark.parametrize("text", ["0", "-0.1", "abc", "inf"])
def test_learning_rate_must_be_finite_and_positive(qtbot, inspector, text):
    document = inspector._document
    type_into(qtbot, inspector.learning_rate_field, text)
    assert inspector.learning_rate_field.has_error
    assert document.training.learning_rate == 0.1


def test_learning_rate_change_is_undoable(qtbot, inspector):
    document = inspector._document
    type_into(qtbot, inspector.learning_rate_field, "0.05")
    assert document.training.learning_rate == 0.05
    document.undo_stack.undo()
    assert inspector.learning_rate_field.text() == "0.1"


def test_clicking_a_value_asks_for_its_explanation(qtbot, inspector):
    document = inspector._document
    document.select(NeuronRef(2, 0))
    with qtbot.waitSignal(inspector.explain_requested) as blocker:
        inspector.delta_label.linkActivated.emit("delta")
    assert blocker.args == [Quantity(Kind.DELTA, 1, 0)]
    with qtbot.waitSignal(inspector.explain_requested) as blocker:
        inspector.bias_grad_label.linkActivated.emit("bias_grad")
    assert blocker.args == [Quantity(Kind.GRAD_BIAS, 1, 0)]
    document.select(WeightRef(1, 0, 0))
    with qtbot.waitSignal(inspector.explain_requested) as blocker:
        inspector.grad_label.linkActivated.emit("grad")
    assert blocker.args == [Quantity(Kind.GRAD_WEIGHT, 1, 0, 0)]
    with qtbot.waitSignal(inspector.explain_requested) as blocker:
        inspector.value_source_label.linkActivated.emit("value")
    assert blocker.args == [Quantity(Kind.WEIGHT, 1, 0, 0)]
    document.select(NeuronRef(1, 0))
    with qtbot.waitSignal(inspector.explain_requested) as blocker:
        inspector.bias_source_label.linkActivated.emit("bias")
    assert blocker.args == [Quantity(Kind.BIAS, 0, 0)]


def test_without_data_values_are_dashes(qtbot, seed_document):
    document = seed_document()
    document.set_data("Remove data", None)
    widget = Inspector(document)
    qtbot.addWidget(widget)
    document.select(NeuronRef(2, 0))
    assert widget.z_label.text() == "—"
    assert "No data" in widget.sample_label.text()


def test_the_inspector_follows_the_step_throughs_sample(qtbot, seed_document):
    from gui.stepping import StepThrough

    document = seed_document()
    document.set_data("Two samples", Dataset([[2.0], [1.0]], [[3.0], [0.0]]))
    widget = Inspector(document)
    qtbot.addWidget(widget)
    stepping = StepThrough(document)
    widget.set_stepping(stepping)
    document.select(NeuronRef(2, 0))
    assert shown(widget.z_label) == "4"
    stepping.set_sample(1)
    assert widget.sample_label.text() == "Sample 2 of 2: x = 1, t = 0"
    assert shown(widget.z_label) == "3"  # (1·1 + 1)·1 + 1
    assert shown(widget.delta_label) == "3"  # z − t


def test_during_a_run_the_inspector_waits_unless_a_neuron_is_selected(qtbot, inspector):
    from gui.stepping import StepThrough

    document = inspector._document
    stepping = StepThrough(document)
    inspector.set_stepping(stepping)
    assert shown(inspector.loss_value_label) == "0.5"  # z = 4, E = ½(4 − 3)²
    FrameClock.of(document).set_running(True)
    document.network.layers[1].weights[0, 0] = 2.0  # as training changes the arrays in place
    document.announce_parameters_changed()
    # nothing selected: it waits for the run's end, and says so rather than show the stale 0.5
    assert shown(inspector.loss_value_label) == "changing: see the status bar"
    FrameClock.of(document).set_running(False)
    assert shown(inspector.loss_value_label) == "8"  # z = 3·2 + 1 = 7, E = ½(7 − 3)²
    FrameClock.of(document).set_running(True)
    document.select(NeuronRef(2, 0))
    assert shown(inspector.z_label) == "7"
    document.network.layers[1].biases[0] = 2.0
    document.announce_parameters_changed()
    assert shown(inspector.z_label) == "8"  # a selected neuron follows the run
    assert shown(inspector.loss_value_label) == "12.5"
    document.select(None)  # nothing selected again: it waits again, and says so
    assert shown(inspector.loss_value_label) == "changing: see the status bar"
