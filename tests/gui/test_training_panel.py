"""The training dock: every setting goes through the document; bad text is refused in place."""

import numpy as np
import pytest

from engine.analysis import diagnostics
from engine.files import netfile
from engine.files.netfile import load
from gui.document import Document
from gui.panels.data_panel import DataPanel
from gui.panels.training_panel import TrainingPanel
from gui.training_runner import TrainingRunner


def open_panel(qtbot, owned, preset: str) -> TrainingPanel:
    document = Document(load(f"preset:{preset}"))
    runner = TrainingRunner(document)
    owned.extend([document, runner])
    widget = TrainingPanel(document, runner)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def panel(qtbot, owned):
    return open_panel(qtbot, owned, "xor")


def commit(field, text):
    field.edit.setText(text)
    field.edit.editingFinished.emit()


BAD_TEXT = [
    ("learning_rate_field", "abc"),
    ("learning_rate_field", "0"),
    ("learning_rate_field", "-1"),
    ("learning_rate_field", "inf"),
    ("learning_rate_field", "nan"),
    ("learning_rate_field", ""),
    ("momentum_field", "1"),
    ("momentum_field", "-0.1"),
    ("momentum_field", "x"),
    ("beta1_field", "1.5"),
    ("beta2_field", "abc"),
    ("epsilon_field", "0"),
    ("batch_size_field", "0"),
    ("batch_size_field", "x"),
    ("batch_size_field", "2.5"),
    ("batch_size_field", "-3"),
    ("seed_field", "-1"),
    ("seed_field", "seed"),
    ("seed_field", "1.5"),
    ("target_loss_field", "-1"),
    ("target_loss_field", "abc"),
    ("target_loss_field", "inf"),
    ("max_epochs_field", "0"),
    ("max_epochs_field", "ten"),
]


@pytest.mark.parametrize(("name", "text"), BAD_TEXT)
def test_bad_text_in_a_field_is_refused_next_to_it_and_nothing_changes(panel, name, text):
    document = panel._document
    before = document.training_settings_copy()
    field = getattr(panel.form, name)
    commit(field, text)
    assert field.has_error
    assert "nothing changed" in field.error.text()
    assert document.training == before
    assert document.undo_stack.count() == 0


def test_a_good_learning_rate_is_set_through_the_document_and_undoable(panel):
    document = panel._document
    commit(panel.form.learning_rate_field, "0.05")
    assert document.training.learning_rate == 0.05
    assert not panel.form.learning_rate_field.has_error
    document.undo_stack.undo()
    assert document.training.learning_rate == 1.0
    assert panel.form.learning_rate_field.text() == "1"


def test_a_refusal_clears_once_good_text_is_committed(panel):
    field = panel.form.learning_rate_field
    commit(field, "abc")
    commit(field, "0.2")
    assert not field.has_error
    assert panel._document.training.learning_rate == 0.2


def test_optimizer_choice_sets_momentum_or_adam_and_shows_their_fields(panel):
    document, form = panel._document, panel.form
    form.optimizer_combo.setCurrentIndex(1)
    assert document.training.optimizer == "sgd" and document.training.momentum == 0.9
    assert form.optimizer_form.isRowVisible(form.momentum_field)
    form.optimizer_combo.setCurrentIndex(2)
    assert document.training.optimizer == "adam"
    assert form.optimizer_form.isRowVisible(form.beta1_field)
    assert not form.optimizer_form.isRowVisible(form.momentum_field)
    form.optimizer_combo.setCurrentIndex(0)
    assert document.training.optimizer == "sgd" and document.training.momentum == 0.0


def test_batch_choice_sets_full_mini_and_online(panel):
    document, form = panel._document, panel.form
    form.batch_combo.setCurrentIndex(1)
    assert document.training.batch_size == 10
    commit(form.batch_size_field, "3")
    assert document.training.batch_size == 3
    form.batch_combo.setCurrentIndex(2)
    assert document.training.batch_size == 1
    form.batch_combo.setCurrentIndex(0)
    assert document.training.batch_size is None


def test_shuffle_seed_and_stop_rules_are_set_and_never_means_none(panel):
    document, form = panel._document, panel.form
    form.shuffle_check.setChecked(True)
    commit(form.seed_field, "7")
    commit(form.target_loss_field, "0.001")
    commit(form.max_epochs_field, "200")
    settings = document.training
    assert (settings.shuffle, settings.seed, settings.target_loss, settings.max_epochs) == (
        True, 7, 0.001, 200)
    commit(form.max_epochs_field, "never")
    assert document.training.max_epochs is None


def test_a_loss_that_does_not_fit_the_output_is_refused_with_the_engines_reason(panel):
    document, form = panel._document, panel.form
    form.loss_combo.setCurrentIndex(form.loss_combo.findData("cross_entropy"))
    assert document.network.loss == "half_sse"
    assert not form.loss_error.isHidden()
    assert "softmax" in form.loss_error.text()
    assert form.loss_combo.currentData() == "half_sse"
    assert document.undo_stack.count() == 0


def test_a_fitting_loss_replaces_the_network_and_is_undoable(panel):
    document, form = panel._document, panel.form
    form.loss_combo.setCurrentIndex(form.loss_combo.findData("binary_cross_entropy"))
    form.reduction_combo.setCurrentIndex(form.reduction_combo.findData("mean"))
    assert (document.network.loss, document.network.reduction) == ("binary_cross_entropy",
                                                                   "mean")
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (document.network.loss, document.network.reduction) == ("half_sse", "sum")
    assert form.loss_combo.currentData() == "half_sse"


def test_buttons_train_and_counters_follow(panel, qtbot):
    panel.step_button.click()
    assert "Step: <b>1</b>" in panel.step_label.text()
    panel.epoch_button.click()
    assert "Epoch: <b>2</b>" in panel.epoch_label.text()
    assert "Loss of the last batch" in panel.loss_label.text()
    assert "Accuracy:" in panel.accuracy_label.text()
    panel.run_button.click()
    assert panel.run_button.text() == "Pause"
    qtbot.waitUntil(lambda: panel._runner.step_count > 50, timeout=5_000)
    panel.run_button.click()
    assert panel.run_button.text() == "Run"
    steps = panel._runner.step_count
    panel.reset_button.click()
    assert panel._runner.step_count == 0 < steps
    assert "Step: <b>0</b>" in panel.step_label.text()


def test_divergence_is_explained_in_the_panel(qtbot, owned):
    panel = open_panel(qtbot, owned, "sine")
    runner = panel._runner
    commit(panel.form.learning_rate_field, "1e6")
    with qtbot.waitSignal(runner.diverged, timeout=10_000):
        panel.run_button.click()
    assert not panel.message.isHidden()
    assert "smaller learning rate" in panel.message.text()
    assert panel.run_button.text() == "Run"


def test_the_health_table_shows_the_engines_dead_and_saturated_counts(qtbot, owned):
    panel = open_panel(qtbot, owned, "vanishing-sigmoid")
    document = panel._document
    data = document.data
    diagnosis = diagnostics.diagnose(document.network, data.inputs, data.targets)
    table = panel.health_table
    assert table.rowCount() == len(document.network.layers)
    for row, health in enumerate(diagnosis.layers):
        assert table.item(row, 4).text() == str(health.saturated_count)
    assert f"{diagnosis.accuracy:.1%}" in panel.accuracy_label.text()


def test_a_saved_file_reopens_with_the_same_training_settings_and_data(panel, qtbot, tmp_path):
    document, form = panel._document, panel.form
    data_panel = DataPanel(document)
    qtbot.addWidget(data_panel)
    form.optimizer_combo.setCurrentIndex(2)
    commit(form.learning_rate_field, "0.01")
    form.batch_combo.setCurrentIndex(1)
    commit(form.batch_size_field, "2")
    form.shuffle_check.setChecked(True)
    commit(form.seed_field, "42")
    commit(form.target_loss_field, "0.001")
    commit(form.max_epochs_field, "500")
    data_panel.generator_combo.setCurrentIndex(data_panel.generator_combo.findData("moons"))
    data_panel.parameter_fields["size"].edit.setText("40")
    assert data_panel.generate()
    data_panel.test_fraction_field.edit.setText("0.25")
    assert data_panel.split()
    path = tmp_path / "saved.json"
    netfile.write_file(document.experiment, path)
    reopened = netfile.read_file(path)
    assert reopened.training == document.training
    for name in ("inputs", "targets", "test_inputs", "test_targets"):
        np.testing.assert_array_equal(getattr(reopened.data, name),
                                      getattr(document.data, name))


def test_counters_out_of_sight_wait_during_a_run_and_catch_up_when_shown(qtbot, owned):
    panel = open_panel(qtbot, owned, "xor")
    runner = panel._runner
    panel.show()
    qtbot.waitExposed(panel)
    runner.start()
    qtbot.waitUntil(lambda: panel.step_label.text() != "Step: <b>0</b>")  # shown: it follows
    panel.hide()  # as in an unselected tab: a run's frames write nothing
    shown = panel.step_label.text()
    qtbot.waitUntil(lambda: runner.step_count > 200, timeout=5_000)
    assert panel.step_label.text() == shown
    panel.show()  # shown again: the counters are the run's at once
    assert panel.step_label.text() == f"Step: <b>{runner.step_count:,}</b>"
    runner.pause()
    assert panel.step_label.text() == f"Step: <b>{runner.step_count:,}</b>"
