"""Every edit a learner makes, as an undoable command on the document's QUndoStack.

``push()`` runs ``redo()``, so a command applies its change exactly once; ``undo()`` applies the
old value again. A command knows nothing of the document: it is given the old and the new value
and the one function that applies a value (one of the document's ``_apply_*`` methods, which emit
the precise signals views listen to). An undo text is made in the language of that moment; the
texts made here live in the translation context "Undo".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from engine.model.experiment import Dataset, TrainingSettings
    from engine.model.network import Network

MERGE_PARAMETER = 1001
KEEP_DATA = object()  # ReplaceNetworkCommand: leave the data set as it is


def train_text(steps: int) -> str:
    """The undo text of a training run of ``steps`` steps ("Train 83,216 steps"); in Korean
    one wording for every count (no plural)."""
    if steps == 1:
        return QCoreApplication.translate("Undo", "Train {steps:,} step").format(steps=steps)
    return QCoreApplication.translate("Undo", "Train {steps:,} steps").format(steps=steps)


def _set_text(source: int | None, value: float) -> str:
    if source is None:
        return QCoreApplication.translate("Undo", "Set bias to {value:g}").format(value=value)
    return QCoreApplication.translate("Undo", "Set weight to {value:g}").format(value=value)


class SetParameterCommand(QUndoCommand):
    """Set one weight (``source`` is an input index) or one bias (``source`` is None).

    Consecutive edits of the same parameter (a drag, a spin box) merge into one undo step.
    ``apply(layer, neuron, source, value)`` writes the value.
    """

    def __init__(self, apply: Callable[[int, int, int | None, float], None], layer: int,
                 neuron: int, source: int | None, old: float, new: float):
        super().__init__(_set_text(source, new))
        self._apply = apply
        self.key = (layer, neuron, source)
        self._old = old
        self._new = new

    def redo(self):
        self._apply(*self.key, self._new)

    def undo(self):
        self._apply(*self.key, self._old)

    def id(self):
        return MERGE_PARAMETER

    def mergeWith(self, other):
        if not isinstance(other, SetParameterCommand) or other.key != self.key:
            return False
        self._new = other._new
        self.setText(other.text())
        return True


class SetFrozenCommand(QUndoCommand):
    """Freeze or unfreeze one weight or bias; ``apply(layer, neuron, source, frozen)``."""

    def __init__(self, apply: Callable[[int, int, int | None, bool], None], layer: int,
                 neuron: int, source: int | None, frozen: bool):
        super().__init__(QCoreApplication.translate("Undo", "Freeze parameter") if frozen
                         else QCoreApplication.translate("Undo", "Unfreeze parameter"))
        self._apply = apply
        self._key = (layer, neuron, source)
        self._new = frozen

    def redo(self):
        self._apply(*self._key, self._new)

    def undo(self):
        self._apply(*self._key, not self._new)


class SetParametersCommand(QUndoCommand):
    """Replace every weight and bias at once (a training step, re-initialisation, a constant)."""

    def __init__(self, apply: Callable[[list], None], text: str, old_parameters: list,
                 new_parameters: list):
        super().__init__(text)
        self._apply = apply
        self._old = [p.copy() for p in old_parameters]
        self._new = [p.copy() for p in new_parameters]

    def redo(self):
        self._apply(self._new)

    def undo(self):
        self._apply(self._old)


class ReplaceNetworkCommand(QUndoCommand):
    """Any structure edit (layers, neurons, activations, loss): swap whole networks.

    Storing the old and new network is simpler and safer than inverting each edit. An added or
    removed input / output neuron changes the data's columns in the same step (``new_data``);
    with ``new_data`` KEEP_DATA the data set stays as it is and ``old_data`` is not kept.
    """

    def __init__(self, apply: Callable[[Network, object], None], text: str, old_network: Network,
                 new_network: Network, old_data=KEEP_DATA, new_data=KEEP_DATA):
        super().__init__(text)
        self._apply = apply
        self._old = old_network.copy()
        self._new = new_network.copy()
        self._old_data = self._new_data = KEEP_DATA
        if new_data is not KEEP_DATA:
            self._old_data = _copy_data(old_data)
            self._new_data = _copy_data(new_data)

    def redo(self):
        self._apply(self._new.copy(), _copy_data(self._new_data))

    def undo(self):
        self._apply(self._old.copy(), _copy_data(self._old_data))


def _copy_data(data):
    return data if data is None or data is KEEP_DATA else data.copy()


class SetTrainingCommand(QUndoCommand):
    """Change training settings (optimizer, learning rate, batch size, shuffle, seed…)."""

    def __init__(self, apply: Callable[[TrainingSettings], None], text: str,
                 old_settings: TrainingSettings, new_settings: TrainingSettings):
        super().__init__(text)
        self._apply = apply
        self._old = old_settings
        self._new = new_settings

    def redo(self):
        self._apply(self._new)

    def undo(self):
        self._apply(self._old)


class SetDataCommand(QUndoCommand):
    """Replace the data set (edit a cell, add or remove rows, generate, import)."""

    def __init__(self, apply: Callable[[Dataset | None], None], text: str,
                 old_data: Dataset | None, new_data: Dataset | None):
        super().__init__(text)
        self._apply = apply
        self._old = _copy_data(old_data)
        self._new = _copy_data(new_data)

    def redo(self):
        self._apply(_copy_data(self._new))

    def undo(self):
        self._apply(_copy_data(self._old))
