"""Every edit a learner makes, as an undoable command on the document's QUndoStack.

``push()`` runs ``redo()``, so a command applies its change exactly once; ``undo()`` restores the
stored old value. Commands touch the document only through its ``_apply_*`` methods, which emit
the precise signals views listen to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from engine.experiment import Dataset, Experiment, TrainingSettings
    from engine.network import Network
    from gui.document import Document

MERGE_PARAMETER = 1001
KEEP_DATA = object()  # ReplaceNetworkCommand: leave the data set as it is


class SetParameterCommand(QUndoCommand):
    """Set one weight (``source`` is an input index) or one bias (``source`` is None).

    Consecutive edits of the same parameter (a drag, a spin box) merge into one undo step.
    """

    def __init__(self, document: Document, layer: int, neuron: int, source: int | None,
                 value: float):
        what = "bias" if source is None else "weight"
        super().__init__(f"Set {what} to {value:g}")
        self._document = document
        self.key = (layer, neuron, source)
        self._old = document.parameter(layer, neuron, source)
        self._new = value

    def redo(self):
        self._document._apply_parameter(*self.key, self._new)

    def undo(self):
        self._document._apply_parameter(*self.key, self._old)

    def id(self):
        return MERGE_PARAMETER

    def mergeWith(self, other):
        if not isinstance(other, SetParameterCommand) or other.key != self.key:
            return False
        self._new = other._new
        self.setText(other.text())
        return True


class SetFrozenCommand(QUndoCommand):
    """Freeze or unfreeze one weight or bias."""

    def __init__(self, document: Document, layer: int, neuron: int, source: int | None,
                 frozen: bool):
        super().__init__("Freeze parameter" if frozen else "Unfreeze parameter")
        self._document = document
        self._key = (layer, neuron, source)
        self._new = frozen

    def redo(self):
        self._document._apply_frozen(*self._key, self._new)

    def undo(self):
        self._document._apply_frozen(*self._key, not self._new)


class SetParametersCommand(QUndoCommand):
    """Replace every weight and bias at once (a training step, re-initialisation, a constant)."""

    def __init__(self, document: Document, text: str, new_parameters: list):
        super().__init__(text)
        self._document = document
        self._old = [p.copy() for p in document.network.parameters()]
        self._new = [p.copy() for p in new_parameters]

    def redo(self):
        self._document._apply_parameters(self._new)

    def undo(self):
        self._document._apply_parameters(self._old)


class ReplaceNetworkCommand(QUndoCommand):
    """Any structure edit (layers, neurons, activations, loss): swap whole networks.

    Storing the old and new network is simpler and safer than inverting each edit.
    """

    def __init__(self, document: Document, text: str, new_network: Network,
                 new_data=KEEP_DATA):
        super().__init__(text)
        self._document = document
        self._old = document.network.copy()
        self._new = new_network.copy()
        # an added or removed input / output neuron changes the data's columns in the same step
        self._old_data = self._new_data = KEEP_DATA
        if new_data is not KEEP_DATA:
            self._old_data = _copy_data(document.experiment.data)
            self._new_data = _copy_data(new_data)

    def redo(self):
        self._document._apply_network(self._new.copy(), _copy_data(self._new_data))

    def undo(self):
        self._document._apply_network(self._old.copy(), _copy_data(self._old_data))


def _copy_data(data):
    return data if data is None or data is KEEP_DATA else data.copy()


class SetTrainingCommand(QUndoCommand):
    """Change training settings (optimizer, learning rate, batch size, shuffle, seed…)."""

    def __init__(self, document: Document, text: str, new_settings: TrainingSettings):
        super().__init__(text)
        self._document = document
        self._old = document.training_settings_copy()
        self._new = new_settings

    def redo(self):
        self._document._apply_training(self._new)

    def undo(self):
        self._document._apply_training(self._old)


class SetDataCommand(QUndoCommand):
    """Replace the data set (edit a cell, add or remove rows, generate, import)."""

    def __init__(self, document: Document, text: str, new_data: Dataset | None):
        super().__init__(text)
        self._document = document
        old = document.experiment.data
        self._old = None if old is None else old.copy()
        self._new = None if new_data is None else new_data.copy()

    def redo(self):
        self._document._apply_data(None if self._new is None else self._new.copy())

    def undo(self):
        self._document._apply_data(None if self._old is None else self._old.copy())


def replace_experiment_text(experiment: Experiment) -> str:
    return f"Open {experiment.network.name or 'network'}"
