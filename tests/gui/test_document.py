"""The document: edits go through the undo stack and announce exactly what changed."""

import pytest

from engine.errors import NetworkError
from engine.model.network import Layer, Network
from gui.items import WeightRef


def test_setting_a_weight_is_undoable_and_emits_its_layer(qtbot, seed_document):
    document = seed_document()
    with qtbot.waitSignal(document.weights_changed) as blocker:
        document.set_parameter(1, 0, 0, 0.7)
    assert blocker.args == [1]
    assert document.network.layers[1].weights[0, 0] == 0.7
    assert document.is_modified
    document.undo_stack.undo()
    assert document.network.layers[1].weights[0, 0] == 1.0
    assert not document.is_modified


def test_setting_the_same_value_changes_nothing(qtbot, seed_document):
    document = seed_document()
    with qtbot.assertNotEmitted(document.weights_changed):
        document.set_parameter(0, 0, None, 1.0)
    assert document.undo_stack.count() == 0


def test_non_finite_value_is_refused_and_nothing_changes(seed_document):
    document = seed_document()
    with pytest.raises(NetworkError, match="not a finite number"):
        document.set_parameter(0, 0, 0, float("nan"))
    assert document.network.layers[0].weights[0, 0] == 1.0
    assert document.undo_stack.count() == 0


def test_consecutive_edits_of_one_weight_merge_into_one_undo_step(seed_document):
    document = seed_document()
    for value in (1.5, 2.0, 2.5):
        document.set_parameter(0, 0, 0, value)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.network.layers[0].weights[0, 0] == 1.0


def test_structure_edit_drops_a_selection_that_no_longer_exists(seed_document):
    document = seed_document()
    document.select(WeightRef(1, 0, 0))
    smaller = Network(1, [Layer([[1.0]], [1.0])])
    document.replace_network("Remove layer", smaller)
    assert document.selection is None
    document.undo_stack.undo()
    assert len(document.network.layers) == 2


def test_training_settings_change_is_undoable(seed_document):
    document = seed_document()
    document.set_training("Learning rate", learning_rate=0.05)
    assert document.training.learning_rate == 0.05
    document.undo_stack.undo()
    assert document.training.learning_rate == 0.1
