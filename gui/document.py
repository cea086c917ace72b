"""The one owner of the engine objects in the window.

The document holds the Experiment (network, training settings, data), the QUndoStack and the
file path; views read from it and never keep their own copy of a number. Every change goes
through an undoable command (gui/commands.py) given one of the ``_apply_*`` methods here,
which change the engine object and emit one precise signal — and only on a real change.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.errors import NetworkError
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Network
from gui import commands
from gui.items import ItemRef

ALL_LAYERS = -1


class Document(QObject):
    """The open network file: engine objects, undo stack, path, selection."""

    weights_changed = Signal(int)  # engine layer index, or ALL_LAYERS
    structure_changed = Signal()  # layers, neurons, activations or loss changed: rebuild views
    training_changed = Signal()  # training settings changed
    data_changed = Signal()  # the data set changed
    experiment_replaced = Signal()  # a new file was opened / created: everything changed
    path_changed = Signal(str)
    selection_changed = Signal(object)  # ItemRef or None
    modified_changed = Signal(bool)

    def __init__(self, experiment: Experiment, path: str | None = None, parent=None):
        super().__init__(parent)
        self._experiment = experiment
        self._path = path
        self._selection: ItemRef | None = None
        self.undo_stack = QUndoStack(self)
        self.run_in_progress = None  # the training runner's: where the run stands, for saving
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ----- what views read ---------------------------------------------------------------------
    @property
    def experiment(self) -> Experiment:
        return self._experiment

    @property
    def network(self) -> Network:
        return self._experiment.network

    @property
    def training(self) -> TrainingSettings:
        return self._experiment.training

    @property
    def data(self) -> Dataset | None:
        return self._experiment.data

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def selection(self) -> ItemRef | None:
        return self._selection

    def parameter(self, layer: int, neuron: int, source: int | None) -> float:
        """The weight W[neuron, source] of ``layer``, or its bias b[neuron] when source is None."""
        engine_layer = self.network.layers[layer]
        if source is None:
            return float(engine_layer.biases[neuron])
        return float(engine_layer.weights[neuron, source])

    def is_frozen(self, layer: int, neuron: int, source: int | None) -> bool:
        engine_layer = self.network.layers[layer]
        if source is None:
            return bool(engine_layer.frozen_biases[neuron])
        return bool(engine_layer.frozen_weights[neuron, source])

    def training_settings_copy(self) -> TrainingSettings:
        return replace(self.training)

    # ----- edits: each one pushes an undoable command ------------------------------------------
    def set_parameter(self, layer: int, neuron: int, source: int | None, value: float) -> None:
        """Set a weight (source: input index) or a bias (source None); refuses non-finite."""
        value = float(value)
        if not math.isfinite(value):
            raise NetworkError("value", QCoreApplication.translate(
                "Document", "{value} is not a finite number").format(value=value))
        old = self.parameter(layer, neuron, source)
        if value == old:
            return
        self.undo_stack.push(commands.SetParameterCommand(
            self._apply_parameter, layer, neuron, source, old, value
        ))

    def set_frozen(self, layer: int, neuron: int, source: int | None, frozen: bool) -> None:
        if bool(frozen) != self.is_frozen(layer, neuron, source):
            self.undo_stack.push(
                commands.SetFrozenCommand(self._apply_frozen, layer, neuron, source, bool(frozen))
            )

    def set_parameters(self, text: str, parameters: list[np.ndarray]) -> None:
        """Replace every W and b (in ``Network.parameters()`` order) as one undo step."""
        for array in parameters:
            if not np.isfinite(array).all():
                raise NetworkError("parameters", QCoreApplication.translate(
                    "Document", "contain a value that is not finite"))
        self.undo_stack.push(commands.SetParametersCommand(
            self._apply_parameters, text, self.network.parameters(), parameters
        ))

    def record_parameters_changed(self, text: str, old_parameters: list[np.ndarray],
                                  along: QUndoCommand | None = None) -> bool:
        """Make a change already done in place (a training run) one undo step back to
        ``old_parameters``; False (nothing pushed) when nothing changed. ``along`` (say the
        run's curves and counters) is undone and redone in the same step."""
        current = [p.copy() for p in self.network.parameters()]
        if [p.shape for p in current] != [p.shape for p in old_parameters] or all(
            np.array_equal(new, old) for new, old in zip(current, old_parameters, strict=True)
        ):
            return False
        for target, old in zip(self.network.parameters(), old_parameters, strict=True):
            target[...] = old  # silently: the command below captures it as "before"
        if along is None:
            self.set_parameters(text, current)
            return True
        self.undo_stack.beginMacro(text)
        self.set_parameters(text, current)
        self.undo_stack.push(along)
        self.undo_stack.endMacro()
        return True

    def experiment_to_save(self) -> Experiment:
        """The experiment as a file holds it: with its training run, when one is going on."""
        run = self.run_in_progress() if self.run_in_progress is not None else None
        return replace(self._experiment, run=run)

    def announce_parameters_changed(self) -> None:
        """Training changed W and b in place (not yet an undo step): views redraw."""
        self.weights_changed.emit(ALL_LAYERS)

    def replace_network(self, text: str, network: Network, data=commands.KEEP_DATA) -> None:
        """A structure edit: the engine built ``network`` (a valid new network); undoable.

        ``data`` (a Dataset or None) replaces the data set in the same step, for edits that
        change the number of inputs or outputs; by default the data set is kept.
        """
        self.undo_stack.push(commands.ReplaceNetworkCommand(
            self._apply_network, text, self.network, network, self.data, data
        ))

    def set_training(self, text: str, **changes) -> None:
        """Change training settings by keyword (learning_rate=0.05, batch_size=None, …)."""
        new = replace(self.training, **changes)
        if new != self.training:
            self.undo_stack.push(commands.SetTrainingCommand(
                self._apply_training, text, self.training_settings_copy(), new
            ))

    def set_data(self, text: str, data: Dataset | None) -> None:
        self.undo_stack.push(commands.SetDataCommand(self._apply_data, text, self.data, data))

    def replace_experiment(self, experiment: Experiment, path: str | None) -> None:
        """Open or create a file: a fresh history, nothing to undo, not modified."""
        self._experiment = experiment
        self._selection = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_path(path)
        self.experiment_replaced.emit()
        self.selection_changed.emit(None)

    def set_path(self, path: str | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(path or "")

    def mark_saved(self, path: str) -> None:
        self.set_path(path)
        self.undo_stack.setClean()

    def select(self, item: ItemRef | None) -> None:
        if item != self._selection:
            self._selection = item
            self.selection_changed.emit(item)

    # ----- given to commands, called by them only -----------------------------------------------
    def _apply_parameter(self, layer: int, neuron: int, source: int | None, value: float):
        engine_layer = self.network.layers[layer]
        if source is None:
            engine_layer.biases[neuron] = value
        else:
            engine_layer.weights[neuron, source] = value
        self.weights_changed.emit(layer)

    def _apply_frozen(self, layer: int, neuron: int, source: int | None, frozen: bool):
        engine_layer = self.network.layers[layer]
        if source is None:
            engine_layer.frozen_biases[neuron] = frozen
        else:
            engine_layer.frozen_weights[neuron, source] = frozen
        self.weights_changed.emit(layer)

    def _apply_parameters(self, parameters: list[np.ndarray]):
        for target, source in zip(self.network.parameters(), parameters, strict=True):
            target[...] = source
        self.weights_changed.emit(ALL_LAYERS)

    def _apply_network(self, network: Network, data=commands.KEEP_DATA):
        self._experiment.network = network
        data_changed = data is not commands.KEEP_DATA
        if data_changed:  # set before any signal, so no view sees a network without its data
            self._experiment.data = data
        if self._selection is not None and not _still_exists(network, self._selection):
            self._selection = None
            self.selection_changed.emit(None)
        self.structure_changed.emit()
        if data_changed:
            self.data_changed.emit()

    def _apply_training(self, settings: TrainingSettings):
        self._experiment.training = replace(settings)
        self.training_changed.emit()

    def _apply_data(self, data: Dataset | None):
        self._experiment.data = data
        self.data_changed.emit()

    def _on_clean_changed(self, clean: bool):
        self.modified_changed.emit(not clean)


def _still_exists(network: Network, item: ItemRef) -> bool:
    """Whether ``item`` still names something in ``network`` after a structure edit."""
    from gui.items import BiasRef, NeuronRef, WeightRef

    sizes = network.sizes
    if isinstance(item, NeuronRef):
        return item.column < len(sizes) and item.neuron < sizes[item.column]
    if isinstance(item, (WeightRef, BiasRef)):
        if item.layer >= len(network.layers):
            return False
        layer = network.layers[item.layer]
        if item.neuron >= layer.n_out:
            return False
        return not isinstance(item, WeightRef) or item.source < layer.n_in
    return False
