"""The main window: the network canvas in the centre, panels in docks, menus for every action.

``MainWindow.__init__`` reads as a table of contents. File handling (open, save, recent files,
autosave and recovery) and network edits (structure, activations, re-initialising) live in
methods here and go through the document, so each is undoable and marks the window modified.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QUndoView,
    QWidget,
)

from engine import netfile, structure
from engine.activations import ACTIVATION_NAMES
from engine.errors import NetworkError, NetworkFileError
from engine.presets import PRESET_NAMES, describe
from gui import files
from gui.canvas import NetworkView
from gui.dialogs.new_network import NewNetworkDialog
from gui.dialogs.reinitialize import ReinitializeDialog
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.panels.explain import ExplainPanel
from gui.panels.inspector import Inspector
from gui.panels.step_panel import StepPanel
from gui.panels.weight_tables import WeightTables
from gui.stepping import StepThrough
from gui.style import format_value
from gui.training_docks import TrainingDocks

APP_TITLE = "Backprop Simulator"
AUTOSAVE_MS = 30_000
MINIMUM_SIZE = QSize(1100, 720)  # the docks' own minimum sizes plus a usable canvas
DEFAULT_SIZE = QSize(1280, 800)
STATE_VERSION = 1


class MainWindow(QMainWindow):
    """The window around one document: canvas, docks, menus, toolbar and status bar.

    ``settings`` (QSettings) keeps geometry, dock layout and recent files; ``recovery``
    (files.RecoveryFile) is where unsaved work is autosaved. Tests pass temporary ones.
    """

    def __init__(self, document: Document, settings: QSettings | None = None,
                 recovery: files.RecoveryFile | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.settings = settings if settings is not None else QSettings()
        self.recovery = recovery if recovery is not None else files.RecoveryFile()
        self.stepping = StepThrough(document, self)
        self.canvas = NetworkView(document, self.stepping, self)
        self.setCentralWidget(self.canvas)
        self.setMinimumSize(MINIMUM_SIZE)
        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._create_tool_bars()
        self._create_status_bar()
        self._create_autosave()
        self._connect_signals()
        self._read_settings()
        self._update_title()
        self._update_actions()

    # ----- building -----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _create_actions(self):
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New…", self.new_network, keys.New,
                                       "Build a new network: sizes, activations, loss")
        self.open_action = self._action("&Open…", self.open_file, keys.Open,
                                        "Open a network file")
        self.save_action = self._action("&Save", self.save, keys.Save, "Save the network")
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs,
                                           "Save the network under a new name")
        self.export_png_action = self._action("Export Canvas as &PNG…", self.export_png, None,
                                              "Save a picture of the canvas")
        self.export_svg_action = self._action("Export Canvas as S&VG…", self.export_svg, None,
                                              "Save the canvas as a scalable drawing")
        self.quit_action = self._action("&Quit", self.close, keys.Quit, "Close the window")
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_value_action = self._action("&Edit Selected Value", self.edit_selected, "F2",
                                              "Type a new value for the selected weight or bias")
        self.freeze_action = self._action("&Freeze Selected Parameter", self.toggle_frozen,
                                          "Ctrl+L", "A frozen weight or bias is never trained")
        self.freeze_action.setCheckable(True)
        self.select_none_action = self._action("Select &None", self.select_none, "Ctrl+D")
        self._create_network_actions()
        self.zoom_in_action = self._action("Zoom &In", self.canvas.zoom_in, "Ctrl+=")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("Zoom &Out", self.canvas.zoom_out, "Ctrl+-")
        self.fit_action = self._action("&Fit to Window", self.canvas.fit_to_window, "Ctrl+0")
        self.legend_action = self._action("How to Read the &Canvas", self.show_legend, "F1")
        self.about_action = self._action("&About", self.show_about)

    def _create_network_actions(self):
        self.add_layer_before_action = self._action(
            "Add Layer &Before Selected", self.add_layer_before, None,
            "Insert a hidden layer in front of the selected layer")
        self.add_layer_after_action = self._action(
            "Add Layer &After Selected", self.add_layer_after, None,
            "Insert a hidden layer behind the selected layer")
        self.remove_layer_action = self._action("&Remove Selected Layer", self.remove_layer)
        self.add_neuron_action = self._action("Add &Neuron to Selected Layer", self.add_neuron,
                                              "Ctrl+Shift+N")
        self.remove_neuron_action = self._action("Remove Selected Neuron", self.remove_neuron,
                                                 "Ctrl+Shift+Backspace")
        self.activation_group = QActionGroup(self)
        self.activation_actions: dict[str, QAction] = {}
        for name in ACTIVATION_NAMES:
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(name)
            self.activation_group.addAction(action)
            self.activation_actions[name] = action
        self.activation_group.triggered.connect(self._on_activation_chosen)
        self.reinitialize_action = self._action("Re-&initialise Parameters…", self.reinitialize,
                                                None, "Draw every weight and bias again")
        self.constant_action = self._action("Set All Parameters to a &Constant…",
                                            self.set_constant)
        self.loss_settings_action = self._action(
            "&Loss and Learning Rate…", self.show_loss_settings, None,
            "Loss, reduction and learning rate are set in the inspector")

    def _create_menus(self):
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.examples_menu = file_menu.addMenu("E&xamples")
        self._fill_examples_menu()
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_png_action, self.export_svg_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu_bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_value_action, self.freeze_action,
                              self.select_none_action])

        network_menu = menu_bar.addMenu("&Network")
        network_menu.addActions([self.add_layer_before_action, self.add_layer_after_action,
                                 self.remove_layer_action])
        network_menu.addSeparator()
        network_menu.addActions([self.add_neuron_action, self.remove_neuron_action])
        self.activation_menu = network_menu.addMenu("&Activation of Selected Layer")
        self.activation_menu.addActions(list(self.activation_actions.values()))
        network_menu.addSeparator()
        network_menu.addActions([self.reinitialize_action, self.constant_action,
                                 self.loss_settings_action])

        step_menu = menu_bar.addMenu("&Step")
        for action in self.step_panel.actions_for_menu():
            if action is None:
                step_menu.addSeparator()
            else:
                step_menu.addAction(action)

        self.view_menu = menu_bar.addMenu("&View")
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.fit_action])
        self.view_menu.addSeparator()
        for dock in self.docks():
            self.view_menu.addAction(dock.toggleViewAction())

        help_menu = menu_bar.addMenu("&Help")
        help_menu.addActions([self.legend_action, self.about_action])

    def _create_tool_bars(self):
        file_bar = self.addToolBar("File")
        file_bar.setObjectName("file_toolbar")
        file_bar.addActions([self.new_action, self.open_action, self.save_action])
        edit_bar = self.addToolBar("Edit")
        edit_bar.setObjectName("edit_toolbar")
        edit_bar.addActions([self.undo_action, self.redo_action])
        step_bar = self.addToolBar("Step")
        step_bar.setObjectName("step_toolbar")
        panel = self.step_panel
        step_bar.addActions([panel.restart_action, panel.previous_action, panel.next_action,
                             panel.play_action])
        view_bar = self.addToolBar("View")
        view_bar.setObjectName("view_toolbar")
        view_bar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        for bar in (file_bar, edit_bar, step_bar, view_bar):
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _add_dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _create_docks(self):
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.inspector = Inspector(self.document, self)
        self.inspector.set_stepping(self.stepping)
        self.inspector_dock = self._add_dock("Inspector", "inspector_dock", self.inspector, right)
        self.weight_tables = WeightTables(self.document, self)
        self.weight_tables_dock = self._add_dock("Weight Tables", "weight_tables_dock",
                                                 self.weight_tables, right)
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setEmptyLabel("<opened>")
        self.history_dock = self._add_dock("History", "history_dock", self.undo_view, right)
        self.tabifyDockWidget(self.inspector_dock, self.weight_tables_dock)
        self.tabifyDockWidget(self.weight_tables_dock, self.history_dock)
        self.inspector_dock.raise_()
        self.step_panel = StepPanel(self.document, self.stepping, self)
        self.step_dock = self._add_dock("Step Through", "step_dock", self.step_panel, bottom)
        self.explain_panel = (ExplainPanel(self.document, self.stepping, self) if ExplainPanel
                              else QLabel("…"))
        self.explain_dock = self._add_dock("Explain This Number", "explain_dock",
                                           self.explain_panel, bottom)
        self.training_docks = TrainingDocks(self)  # training, data, plots, output map
        # the output map (at least 470 px wide) joins the plots' tabs on the left, so the right
        # column stays as narrow as the inspector and the canvas keeps the room
        training = self.training_docks
        self.removeDockWidget(training.map_dock)  # taken out first: no stale tab bar is left
        self.tabifyDockWidget(training.activation_dock, training.map_dock)
        training.map_dock.show()
        training.loss_dock.raise_()
        self.inspector_dock.raise_()
        self._sizes_to_arrange = True  # until a saved layout is restored

    def _arrange_dock_sizes(self):
        """The first-start sizes (set once the window has its size): the canvas gets the most."""
        self.resizeDocks([self.inspector_dock, self.training_docks.training_dock], [310, 330],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.step_dock], [230], Qt.Orientation.Vertical)
        self.resizeDocks([self.step_dock, self.explain_dock], [640, 360],
                         Qt.Orientation.Horizontal)

    def docks(self) -> list[QDockWidget]:
        return self.findChildren(QDockWidget)

    def _create_status_bar(self):
        self.loss_label = QLabel()
        self.statusBar().addPermanentWidget(self.loss_label)
        self.statusBar().showMessage("Ready", 3000)
        self._update_loss_label()

    def _create_autosave(self):
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)

    def _connect_signals(self):
        document = self.document
        document.modified_changed.connect(self._on_modified_changed)
        document.path_changed.connect(self._on_path_changed)
        document.experiment_replaced.connect(self._on_experiment_replaced)
        document.selection_changed.connect(self._on_selection_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._on_data_changed)
        self.stepping.steps_changed.connect(self._on_steps_changed)
        self.canvas.value_clicked.connect(self.explain)
        self.inspector.explain_requested.connect(self.explain)

    # ----- settings -----------------------------------------------------------------------------
    def _read_settings(self):
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = self.settings.value("window/state")
        if state is not None and self.restoreState(state, STATE_VERSION):
            self._sizes_to_arrange = False

    def showEvent(self, event):
        super().showEvent(event)
        if self._sizes_to_arrange:
            self._sizes_to_arrange = False
            self._arrange_dock_sizes()
        self._hide_stale_tab_bars()

    def _hide_stale_tab_bars(self):
        """Hide tab bars Qt leaves behind when a third dock joins a tab group before the window
        is shown (Qt 6.11): a live tab bar sits beside its docks, a stale one on top of one."""
        docks = [dock.geometry() for dock in self.docks() if dock.isVisible()]
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.isVisible() and any(bar.geometry().intersects(rect) for rect in docks):
                bar.hide()

    def write_settings(self):
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    # ----- the title and the modified mark ------------------------------------------------------
    def document_name(self) -> str:
        if self.document.path:
            return os.path.basename(self.document.path)
        return self.document.network.name or "Untitled"

    def _update_title(self):
        self.setWindowTitle(f"{self.document_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_modified)

    def _on_modified_changed(self, modified: bool):
        self.setWindowModified(modified)
        if modified:
            self.autosave_timer.start()
        else:
            self.autosave_timer.stop()

    def _on_path_changed(self, _path: str):
        self._update_title()

    def _on_experiment_replaced(self):
        self._update_title()
        self._update_actions()
        self._update_loss_label()

    def _on_selection_changed(self, _item):
        self._update_actions()

    def _on_structure_changed(self):
        self._update_actions()
        self._update_loss_label()

    def _on_weights_changed(self, _layer: int):
        self._update_loss_label()
        self._update_actions()

    def _on_data_changed(self):
        self._update_loss_label()

    def _on_steps_changed(self):
        self._update_loss_label()

    def _update_loss_label(self):
        """The chosen sample and its loss, as the engine computed it for the canvas."""
        data = self.document.data
        loss = self.canvas.network_scene.values.loss
        if data is None or len(data) == 0:
            self.loss_label.setText("No data: add samples in the data panel")
        elif loss is None:
            self.loss_label.setText(f"Sample {self.stepping.sample + 1} of {len(data)}")
        else:
            self.loss_label.setText(f"Sample {self.stepping.sample + 1} of {len(data)}   ·   "
                                    f"E = {format_value(loss)}")

    # ----- files --------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before the network is replaced: ask about unsaved changes. False means cancel."""
        if not self.document.is_modified:
            return True
        answer = files.ask_save_changes(self, self.document_name())
        if answer == files.SAVE:
            return self.save()
        return answer == files.DISCARD

    def new_network(self) -> bool:
        if not self.maybe_save():
            return False
        dialog = NewNetworkDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.experiment is None:
            return False
        self.document.replace_experiment(dialog.experiment, None)
        self.statusBar().showMessage("New network: double-click a weight or bias to edit it",
                                     5000)
        return True

    def open_file(self, path: str | None = None) -> bool:
        """Open ``path`` (asked for when not given); a bad file changes nothing."""
        if not self.maybe_save():
            return False
        if not path:
            folder = os.path.dirname(self.document.path or "") or os.getcwd()
            path, _ = QFileDialog.getOpenFileName(self, "Open network", folder,
                                                  files.FILE_FILTER)
            if not path:
                return False
        return self.load(path)

    def open_preset(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        return self.load(f"{netfile.PRESET_PREFIX}{name}")

    def load(self, spec: str) -> bool:
        """Read ``spec`` (a path or preset:NAME) and make it the open network."""
        try:
            experiment = netfile.load(spec)
        except NetworkFileError as error:
            files.show_file_error(self, "Cannot open the network", error)
            return False
        is_file = not spec.startswith(netfile.PRESET_PREFIX)
        self.document.replace_experiment(experiment, os.path.abspath(spec) if is_file else None)
        if is_file:
            files.add_recent_file(self.settings, spec)
        self.statusBar().showMessage(f"Opened {self.document_name()}", 4000)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.write(self.document.path)

    def save_as(self, path: str | None = None) -> bool:
        if not path:
            start = self.document.path or os.path.join(os.getcwd(), "network.json")
            path, _ = QFileDialog.getSaveFileName(self, "Save network as", start,
                                                  files.FILE_FILTER)
            if not path:
                return False
        return self.write(path)

    def write(self, path: str) -> bool:
        """Write the network to ``path`` (atomically); on failure say why, keep it modified."""
        try:
            netfile.write_file(self.document.experiment, path)
        except (NetworkFileError, OSError) as error:
            files.show_file_error(self, "Cannot save the network", error)
            return False
        self.document.mark_saved(os.path.abspath(path))
        files.add_recent_file(self.settings, path)
        self.recovery.discard()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        paths = files.recent_files(self.settings)
        for path in paths:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setData(path)
            action.setStatusTip(path)
            action.triggered.connect(self._on_recent_triggered)
        if not paths:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def _on_recent_triggered(self):
        self.open_file(self.sender().data())

    def _fill_examples_menu(self):
        for name in PRESET_NAMES:
            action = self.examples_menu.addAction(name)
            action.setData(name)
            action.triggered.connect(self._on_example_triggered)
        self.examples_menu.aboutToShow.connect(self._describe_examples)

    def _describe_examples(self):
        """Give each example its title (read from its file once, when first shown)."""
        for action in self.examples_menu.actions():
            if action.statusTip():
                continue
            try:
                text = describe(action.data())
            except NetworkFileError as error:
                text = str(error)
            action.setStatusTip(text)
            action.setToolTip(text)
        self.examples_menu.setToolTipsVisible(True)

    def _on_example_triggered(self):
        self.open_preset(self.sender().data())

    def export_png(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self, "Export canvas", "network.png",
                                                   "PNG images (*.png)")[0]
        if not path:
            return False
        rect = self.canvas.network_scene.sceneRect()
        image = QImage((rect.size() * 2).toSize(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.network_scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        return self._saved(image.save(path), path)

    def export_svg(self, path: str | None = None) -> bool:
        from PySide6.QtSvg import QSvgGenerator  # only needed here

        path = path or QFileDialog.getSaveFileName(self, "Export canvas", "network.svg",
                                                   "SVG drawings (*.svg)")[0]
        if not path:
            return False
        rect = self.canvas.network_scene.sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.document_name())
        painter = QPainter(generator)
        self.canvas.network_scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        return self._saved(painter.end(), path)

    def _saved(self, ok: bool, path: str) -> bool:
        if ok:
            self.statusBar().showMessage(f"Exported {path}", 4000)
        else:
            QMessageBox.critical(self, "Cannot export", f"{path}: could not be written")
        return ok

    # ----- autosave and recovery ----------------------------------------------------------------
    def autosave(self):
        """Write unsaved work to the recovery file (removed again on a clean exit)."""
        if self.document.is_modified:
            try:
                self.recovery.save(self.document.experiment, self.document.path)
            except (NetworkFileError, OSError) as error:
                self.statusBar().showMessage(f"Autosave failed: {error}", 5000)

    def offer_recovery(self) -> bool:
        """At start-up: if the last session left unsaved work, offer to restore it."""
        if not self.recovery.exists():
            return False
        if not files.ask_restore(self):
            self.recovery.discard()
            return False
        try:
            experiment, origin = self.recovery.load()
        except NetworkFileError as error:
            files.show_file_error(self, "Cannot restore", error)
            self.recovery.discard()
            return False
        self.document.replace_experiment(experiment, origin)
        self.document.undo_stack.resetClean()  # restored work is unsaved work
        self._update_title()
        return True

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.stepping.pause()
        self.training_docks.runner.stop_timers()
        self.canvas.close_editor()
        self.recovery.discard()
        self.write_settings()
        event.accept()

    # ----- editing ------------------------------------------------------------------------------
    def selected_parameter(self) -> tuple[int, int, int | None] | None:
        item = self.document.selection
        if isinstance(item, WeightRef):
            return item.layer, item.neuron, item.source
        if isinstance(item, BiasRef):
            return item.layer, item.neuron, None
        return None

    def edit_selected(self):
        item = self.document.selection
        if isinstance(item, (WeightRef, BiasRef)):
            self.canvas.edit(item)

    def toggle_frozen(self):
        key = self.selected_parameter()
        if key is not None:
            self.document.set_frozen(*key, not self.document.is_frozen(*key))

    def select_none(self):
        self.document.select(None)

    def selected_column(self) -> int | None:
        """The column (0: inputs) of the selected neuron, bias or weight's target."""
        item = self.document.selection
        if isinstance(item, NeuronRef):
            return item.column
        if isinstance(item, (WeightRef, BiasRef)):
            return item.layer + 1
        return None

    def refuse(self, error: NetworkError) -> None:
        """The engine's reason an edit was refused, where the learner is looking."""
        self.statusBar().showMessage(f"Not changed: {error}", 8000)
        QMessageBox.warning(self, "Not changed", str(error))

    def _structure_edit(self, text: str, build, data_edit=None) -> bool:
        """Apply ``build(network)`` (an engine structure edit) as one undo step.

        ``data_edit(dataset)`` keeps the data's columns in step when inputs or outputs change,
        in the same undo step. A NetworkError leaves everything as it was.
        """
        document = self.document
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
        network = self.document.network
        size = network.sizes[column]
        activation = "identity" if column == 0 else network.layers[column - 1].activation
        if activation == "softmax":  # softmax belongs to the output layer only
            activation = "sigmoid"
        return size, activation

    def add_layer_before(self):
        column = self.selected_column()
        if column is not None and column > 0:
            size, activation = self._new_layer_shape(column)
            self._structure_edit("Add layer", lambda net: structure.insert_layer(
                net, column - 1, size, activation))

    def add_layer_after(self):
        column = self.selected_column()
        if column is not None:
            size, activation = self._new_layer_shape(column)
            self._structure_edit("Add layer", lambda net: structure.insert_layer(
                net, column, size, activation))

    def remove_layer(self):
        column = self.selected_column()
        if column is not None and column > 0:
            self._structure_edit("Remove layer",
                                 lambda net: structure.remove_layer(net, column - 1))

    def add_neuron(self):
        column = self.selected_column()
        if column is None:
            return
        network = self.document.network
        if column == 0:
            self._structure_edit("Add input", structure.add_input, lambda data: (
                structure.insert_data_column(data, "inputs", network.input_size)))
        elif column == len(network.layers):
            self._structure_edit("Add output neuron", lambda net: structure.add_neuron(
                net, column - 1), lambda data: structure.insert_data_column(
                    data, "targets", network.output_size))
        else:
            self._structure_edit("Add neuron", lambda net: structure.add_neuron(net, column - 1))

    def remove_neuron(self):
        item = self.document.selection
        if not isinstance(item, NeuronRef):
            return
        column, neuron = item.column, item.neuron
        network = self.document.network
        if column == 0:
            self._structure_edit("Remove input", lambda net: structure.remove_input(
                net, neuron), lambda data: structure.remove_data_column(data, "inputs", neuron))
        elif column == len(network.layers):
            self._structure_edit("Remove output neuron", lambda net: structure.remove_neuron(
                net, column - 1, neuron), lambda data: structure.remove_data_column(
                    data, "targets", neuron))
        else:
            self._structure_edit("Remove neuron", lambda net: structure.remove_neuron(
                net, column - 1, neuron))

    def _on_activation_chosen(self, action: QAction):
        column = self.selected_column()
        if column is None or column == 0:
            return
        name = action.data()
        if self.document.network.layers[column - 1].activation == name:
            return
        if not self._structure_edit(f"Set activation to {name}", lambda net: (
                structure.set_activation(net, column - 1, name))):
            self._update_actions()  # put the check mark back where it was

    def reinitialize(self, scheme: str = "xavier") -> bool:
        dialog = ReinitializeDialog(scheme if isinstance(scheme, str) else "xavier", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            parameters = dialog.parameters_for(self.document.network)
            self.document.set_parameters(dialog.description_text(), parameters)
        except NetworkError as error:
            self.refuse(error)
            return False
        return True

    def set_constant(self) -> bool:
        return self.reinitialize("constant")

    def show_loss_settings(self):
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.loss_combo.setFocus()

    def explain(self, item, quantity: str):
        """Route a clicked number to the explain panel and bring it forward."""
        if quantity in ("weight", "bias") and isinstance(item, (WeightRef, BiasRef)):
            quantity = "value"  # the explain panel's name for a parameter's own value
        try:
            self.explain_panel.explain(item, quantity)
        except ValueError as error:
            self.statusBar().showMessage(str(error), 5000)
            return
        self.explain_dock.show()
        self.explain_dock.raise_()

    def _update_actions(self):
        column = self.selected_column()
        network = self.document.network
        has_layer = column is not None
        is_layer = has_layer and column > 0
        self.add_layer_before_action.setEnabled(is_layer)
        self.add_layer_after_action.setEnabled(has_layer and column < len(network.layers))
        self.remove_layer_action.setEnabled(is_layer and column < len(network.layers))
        self.add_neuron_action.setEnabled(has_layer)
        self.remove_neuron_action.setEnabled(isinstance(self.document.selection, NeuronRef))
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
        self.freeze_action.setChecked(key is not None and self.document.is_frozen(*key))

    # ----- help ---------------------------------------------------------------------------------
    def show_legend(self):
        QMessageBox.information(self, "How to read the canvas", LEGEND)

    def show_about(self):
        QMessageBox.about(self, f"About {APP_TITLE}",
                          f"<b>{APP_TITLE}</b><p>Build a network, edit every weight and bias, "
                          "step through the forward pass, the loss, the backward pass and the "
                          "update one number at a time, then train it.</p>")


LEGEND = (
    "<p><b>Columns</b> are layers, the inputs on the left. Inside each circle is the neuron's "
    "activation a for the chosen sample; under it its bias b.</p>"
    "<p><b>Lines</b> are weights: <span style='color:#2166ac'>blue</span> above zero, "
    "<span style='color:#b35806'>orange</span> below; thicker means larger. A thick dark box "
    "around a value means it is frozen.</p>"
    "<p>During the <b>backward pass</b> δ = ∂E/∂z and ∂E/∂w appear in "
    "<span style='color:#762a83'>purple</span>, on dashed arrows pointing back towards the "
    "inputs. The amber halo marks what the current step computes.</p>"
    "<p>Hover anything for all its numbers; click a number to have it explained; double-click "
    "a weight or bias to type a new value. Wheel zooms, dragging pans, Ctrl+0 fits.</p>"
)
