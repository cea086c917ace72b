"""The Edit and Network menus of the main window: editing values, freezing, structure edits.

Every structure edit is built by the engine (engine/model/structure.py returns a new network, or
raises NetworkError with the reason) and goes to the document as one undoable step; when an
edit adds or removes an input or an output, the data's columns change in the same step. A
refused edit shows the engine's message and leaves the document as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from engine.errors import NetworkError
from engine.model import structure
from engine.model.activations import ACTIVATION_NAMES
from gui.actions import make_action
from gui.dialogs.reinitialize import ReinitializeDialog
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.richtext import literal_html


class NetworkActions(QObject):
    """The edit and network actions of ``window`` (a MainWindow: document, canvas, inspector)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._document = window.document
        self._create_actions()
        document = self._document
        document.selection_changed.connect(self.update_actions)
        document.structure_changed.connect(self.update_actions)
        document.weights_changed.connect(self.update_actions)
        document.experiment_replaced.connect(self.update_actions)
        self.update_actions()

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return make_action(self._window, text, slot, shortcut, tip)

    def _create_actions(self):
        self.edit_value_action = self._action(
            self.tr("&Edit Selected Value"), self.edit_selected, "F2",
            self.tr("Type a new value for the selected weight or bias"))
        self.freeze_action = self._action(
            self.tr("&Freeze Selected Parameter"), self.toggle_frozen, "Ctrl+L",
            self.tr("A frozen weight or bias is never trained"))
        self.freeze_action.setCheckable(True)
        self.select_none_action = self._action(self.tr("Select &None"), self.select_none, "Ctrl+D")
        self.add_layer_before_action = self._action(
            self.tr("Add Layer &Before Selected"), self.add_layer_before, None,
            self.tr("Insert a hidden layer in front of the selected layer"))
        self.add_layer_after_action = self._action(
            self.tr("Add Layer &After Selected"), self.add_layer_after, None,
            self.tr("Insert a hidden layer behind the selected layer"))
        self.remove_layer_action = self._action(self.tr("&Remove Selected Layer"),
                                                self.remove_layer)
        self.add_neuron_action = self._action(self.tr("Add &Neuron to Selected Layer"),
                                              self.add_neuron, "Ctrl+Shift+N")
        self.remove_neuron_action = self._action(self.tr("Remove Selected Neuron"),
                                                 self.remove_neuron, "Ctrl+Shift+Backspace")
        self.activation_group = QActionGroup(self)
        self.activation_actions: dict[str, QAction] = {}
        for name in ACTIVATION_NAMES:
            action = QAction(name, self._window)
            action.setCheckable(True)
            action.setData(name)
            self.activation_group.addAction(action)
            self.activation_actions[name] = action
        self.activation_group.triggered.connect(self._on_activation_chosen)
        self.reinitialize_action = self._action(self.tr("Re-&initialise Parameters…"),
                                                self.reinitialize, None,
                                                self.tr("Draw every weight and bias again"))
        self.constant_action = self._action(self.tr("Set All Parameters to a &Constant…"),
                                            self.set_constant)
        self.loss_settings_action = self._action(
            self.tr("&Loss and Learning Rate…"), self.show_loss_settings, None,
            self.tr("Loss, reduction and learning rate are set in the inspector"))

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addActions([self.edit_value_action, self.freeze_action, self.select_none_action])

    def fill_network_menu(self, menu: QMenu) -> None:
        menu.addActions([self.add_layer_before_action, self.add_layer_after_action,
                         self.remove_layer_action])
        menu.addSeparator()
        menu.addActions([self.add_neuron_action, self.remove_neuron_action])
        self.activation_menu = menu.addMenu(self.tr("&Activation of Selected Layer"))
        self.activation_menu.addActions(list(self.activation_actions.values()))
        menu.addSeparator()
        menu.addActions([self.reinitialize_action, self.constant_action,
                         self.loss_settings_action])

    # ----- what is selected -------------------------------------------------------------------
    def selected_parameter(self) -> tuple[int, int, int | None] | None:
        item = self._document.selection
        if isinstance(item, WeightRef):
            return item.layer, item.neuron, item.source
        if isinstance(item, BiasRef):
            return item.layer, item.neuron, None
        return None

    def edit_selected(self):
        item = self._document.selection
        if isinstance(item, (WeightRef, BiasRef)):
            self._window.canvas.edit(item)

    def toggle_frozen(self):
        key = self.selected_parameter()
        if key is not None:
            self._document.set_frozen(*key, not self._document.is_frozen(*key))

    def select_none(self):
        self._document.select(None)

    def selected_column(self) -> int | None:
        """The column (0: inputs) of the selected neuron, bias or weight's target."""
        item = self._document.selection
        if isinstance(item, NeuronRef):
            return item.column
        if isinstance(item, (WeightRef, BiasRef)):
            return item.layer + 1
        return None

    def refuse(self, error: NetworkError) -> None:
        """The engine's reason an edit was refused, where the learner is looking."""
        self._window.statusBar().showMessage(
            self.tr("Not changed: {error}").format(error=error), 8000)
        QMessageBox.warning(self._window, self.tr("Not changed"), literal_html(error))

    # ----- structure edits: the engine builds the new network ---------------------------------
    def _structure_edit(self, text: str, build, data_edit=None) -> bool:
        """Apply ``build(network)`` (an engine structure edit) as one undo step.

        ``data_edit(dataset)`` keeps the data's columns in step when inputs or outputs change,
        in the same undo step. A NetworkError leaves everything as it was.
        """
        document = self._document
        try:
            network = build(document.network)
            data = document.data
            new_data = data_edit(data) if data_edit is not None and data is not None else None
        except NetworkError as error:
            self.refuse(error)
            return False
        if new_data is None:
            document.replace_network(text, network)
        else:
            document.replace_network(text, network, new_data)
        return True

    def _new_layer_shape(self, column: int) -> tuple[int, str]:
        """Size and activation for a layer added next to ``column``: like its neighbour."""
        network = self._document.network
        size = network.sizes[column]
        activation = "identity" if column == 0 else network.layers[column - 1].activation
        if activation == "softmax":  # softmax belongs to the output layer only
            activation = "sigmoid"
        return size, activation

    def add_layer_before(self):
        column = self.selected_column()
        if column is not None and column > 0:
            size, activation = self._new_layer_shape(column)
            self._structure_edit(self.tr("Add layer"), lambda net: structure.insert_layer(
                net, column - 1, size, activation))

    def add_layer_after(self):
        column = self.selected_column()
        if column is not None:
            size, activation = self._new_layer_shape(column)
            self._structure_edit(self.tr("Add layer"), lambda net: structure.insert_layer(
                net, column, size, activation))

    def remove_layer(self):
        column = self.selected_column()
        if column is not None and column > 0:
            self._structure_edit(self.tr("Remove layer"),
                                 lambda net: structure.remove_layer(net, column - 1))

    def add_neuron(self):
        column = self.selected_column()
        if column is None:
            return
        network = self._document.network
        if column == 0:
            self._structure_edit(self.tr("Add input"), structure.add_input, lambda data: (
                structure.insert_data_column(data, "inputs", network.input_size)))
        elif column == len(network.layers):
            self._structure_edit(self.tr("Add output neuron"), lambda net: structure.add_neuron(
                net, column - 1), lambda data: structure.insert_data_column(
                    data, "targets", network.output_size))
        else:
            self._structure_edit(self.tr("Add neuron"),
                                 lambda net: structure.add_neuron(net, column - 1))

    def remove_neuron(self):
        item = self._document.selection
        if not isinstance(item, NeuronRef):
            return
        column, neuron = item.column, item.neuron
        network = self._document.network
        if column == 0:
            self._structure_edit(self.tr("Remove input"), lambda net: structure.remove_input(
                net, neuron), lambda data: structure.remove_data_column(data, "inputs", neuron))
        elif column == len(network.layers):
            self._structure_edit(self.tr("Remove output neuron"), lambda net: (
                structure.remove_neuron(net, column - 1, neuron)), lambda data: (
                    structure.remove_data_column(data, "targets", neuron)))
        else:
            self._structure_edit(self.tr("Remove neuron"), lambda net: structure.remove_neuron(
                net, column - 1, neuron))

    def _on_activation_chosen(self, action: QAction):
        column = self.selected_column()
        if column is None or column == 0:
            return
        name = action.data()
        if self._document.network.layers[column - 1].activation == name:
            return
        if not self._structure_edit(self.tr("Set activation to {name}").format(name=name),
                                    lambda net: (
                structure.set_activation(net, column - 1, name))):
            self.update_actions()  # put the check mark back where it was

    # ----- parameters --------------------------------------------------------------------------
    def reinitialize(self, scheme: str = "xavier") -> bool:
        dialog = ReinitializeDialog(scheme if isinstance(scheme, str) else "xavier", self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            parameters = dialog.parameters_for(self._document.network)
            self._document.set_parameters(dialog.description_text(), parameters)
        except NetworkError as error:
            self.refuse(error)
            return False
        return True

    def set_constant(self) -> bool:
        return self.reinitialize("constant")

    def show_loss_settings(self):
        """Loss, reduction and learning rate are edited in the inspector: bring it forward."""
        self._window.inspector_dock.show()
        self._window.inspector_dock.raise_()
        self._window.inspector.loss_combo.setFocus()

    # ----- enabled and checked follow the selection ------------------------------------------
    def update_actions(self, *_args):
        column = self.selected_column()
        network = self._document.network
        has_layer = column is not None
        is_layer = has_layer and column > 0
        self.add_layer_before_action.setEnabled(is_layer)
        self.add_layer_after_action.setEnabled(has_layer and column < len(network.layers))
        self.remove_layer_action.setEnabled(is_layer and column < len(network.layers))
        self.add_neuron_action.setEnabled(has_layer)
        self.remove_neuron_action.setEnabled(isinstance(self._document.selection, NeuronRef))
        for action in self.activation_actions.values():
            action.setEnabled(is_layer)
        if is_layer:
            current = network.layers[column - 1].activation
            self.activation_actions[current].setChecked(True)
        else:
            checked = self.activation_group.checkedAction()
            if checked is not None:
                self.activation_group.setExclusive(False)
                checked.setChecked(False)
                self.activation_group.setExclusive(True)
        key = self.selected_parameter()
        self.edit_value_action.setEnabled(key is not None)
        self.freeze_action.setEnabled(key is not None)
        self.freeze_action.setChecked(key is not None and self._document.is_frozen(*key))

