"""The main window: the network canvas in the centre, panels in docks, menus for every action.

``MainWindow.__init__`` reads as a table of contents. The File menu's work lives in
gui/file_actions.py, the Edit and Network menus' in gui/network_actions.py; every edit goes
through the document, so it is undoable and marks the window modified.
"""

from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QUndoView,
    QWidget,
)

from gui import files, language
from gui.actions import keep_width, make_action
from gui.canvas import NetworkView
from gui.derived import DerivedNumbers
from gui.document import Document
from gui.file_actions import FileActions
from gui.layouts import WindowLayouts
from gui.lesson_hidden import LessonHidden
from gui.lessons_dock import add_lessons_dock
from gui.network_actions import NetworkActions
from gui.panels.explain import ExplainPanel
from gui.panels.inspector import Inspector
from gui.panels.step_panel import StepPanel
from gui.panels.weight_tables import WeightTables
from gui.stepping import StepThrough
from gui.style import format_value
from gui.training_docks import TrainingDocks

APP_TITLE = "Backprop Simulator"  # i18n: as is
MINIMUM_SIZE = QSize(800, 600)  # smaller windows get the compact layouts (gui/layouts.py)
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
        self.derived = DerivedNumbers.of(document)  # before any view: it hears changes first
        self.stepping = StepThrough(document, self)
        self.canvas = NetworkView(document, self.stepping, self)
        self.setCentralWidget(self.canvas)
        self.setMinimumSize(MINIMUM_SIZE)
        self.file_actions = FileActions(self)
        self.network_actions = NetworkActions(self)
        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._create_tool_bars()
        self._create_status_bar()
        self._connect_signals()
        self._read_settings()
        self._update_title()

    # ----- building -----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return make_action(self, text, slot, shortcut, tip)

    def _create_actions(self):
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                                        self.tr("Close the window"))
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # the toolbar says Undo / Redo whatever the command ("Undo Train 83,216 steps" is in
        # the Edit menu and the tooltip), so the buttons after them never shift
        for action, short in ((self.undo_action, self.tr("Undo")),
                              (self.redo_action, self.tr("Redo"))):
            action.setIconText(short)
            _tip_follows_text(action)
        self.zoom_in_action = self._action(self.tr("Zoom &In"), self.canvas.zoom_in,
                                           "Ctrl+=")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action(self.tr("Zoom &Out"), self.canvas.zoom_out, "Ctrl+-")
        self.fit_action = self._action(self.tr("&Fit to Window"), self.canvas.fit_to_window,
                                       "Ctrl+0")
        self.legend_action = self._action(self.tr("How to Read the &Canvas"), self.show_legend,
                                          "F1")
        self.about_action = self._action(self.tr("&About"), self.show_about)

    def _create_menus(self):
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.file_actions.fill_file_menu(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu_bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.network_actions.fill_edit_menu(edit_menu)

        network_menu = menu_bar.addMenu(self.tr("&Network"))
        self.network_actions.fill_network_menu(network_menu)

        step_menu = menu_bar.addMenu(self.tr("&Step"))
        for action in self.step_panel.actions_for_menu():
            if action is None:
                step_menu.addSeparator()
            else:
                step_menu.addAction(action)

        self.view_menu = menu_bar.addMenu(self.tr("&View"))
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.fit_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.canvas.view_actions())
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.layouts.actions())
        self.view_menu.addSeparator()
        for dock in self.docks():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        language.add_language_menu(self, self.view_menu)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.legend_action, self.about_action])

    def _create_tool_bars(self):
        self.next_bar_action = self._next_for_tool_bar()
        file_bar = self.addToolBar(self.tr("File"))
        file_bar.setObjectName("file_toolbar")
        actions = self.file_actions
        file_bar.addActions([actions.new_action, actions.open_action, actions.save_action])
        edit_bar = self.addToolBar(self.tr("Edit"))
        edit_bar.setObjectName("edit_toolbar")
        edit_bar.addActions([self.undo_action, self.redo_action])
        step_bar = self.addToolBar(self.tr("Step"))
        step_bar.setObjectName("step_toolbar")
        panel = self.step_panel
        step_bar.addActions([panel.restart_action, panel.previous_action, self.next_bar_action,
                             panel.play_action])
        view_bar = self.addToolBar(self.tr("View"))
        view_bar.setObjectName("view_toolbar")
        view_bar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        for bar in (file_bar, edit_bar, step_bar, view_bar):
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Play / Pause is its icon alone here (its text in the tooltip): one width for both
        play = step_bar.widgetForAction(panel.play_action)
        play.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        step_bar.setIconSize(QSize(16, 16))
        keep_width(step_bar, panel.play_action, [self.tr("Play"), self.tr("Pause")])

    def _next_for_tool_bar(self) -> QAction:
        """The toolbar's Next: always "Next ▶" (the step panel's own says "Apply update ▶" at
        the end), enabled and explained as the step panel's Next, whose step it takes."""
        panel_next = self.step_panel.next_action
        action = QAction(panel_next.text(), self)
        action.triggered.connect(panel_next.trigger)

        def follow():
            action.setEnabled(panel_next.isEnabled())
            action.setToolTip(panel_next.toolTip())

        panel_next.changed.connect(follow)
        follow()
        return action

    def add_dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
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
        self.inspector_dock = self.add_dock(self.tr("Inspector"), "inspector_dock", self.inspector,
                                            right)
        self.weight_tables = WeightTables(self.document, self)
        self.weight_tables_dock = self.add_dock(self.tr("Weight Tables"), "weight_tables_dock",
                                                 self.weight_tables, right)
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setEmptyLabel(self.tr("<opened>"))
        self.history_dock = self.add_dock(self.tr("History"), "history_dock", self.undo_view, right)
        self.tabifyDockWidget(self.inspector_dock, self.weight_tables_dock)
        self.tabifyDockWidget(self.weight_tables_dock, self.history_dock)
        self.inspector_dock.raise_()
        self.step_panel = StepPanel(self.document, self.stepping, self)
        self.step_dock = self.add_dock(self.tr("Step Through"), "step_dock", self.step_panel,
                                       bottom)
        self.explain_panel = ExplainPanel(self.document, self.stepping, self)
        self.explain_dock = self.add_dock(self.tr("Explain This Number"), "explain_dock",
                                           self.explain_panel, bottom)
        self.training_docks = TrainingDocks(self)  # training, data, plots, output map
        self.stepping.set_runner(self.training_docks.runner)  # steps what training does next
        self.lessons_panel = add_lessons_dock(self)  # a tab beside the inspector
        self.layouts = WindowLayouts(self)  # training and stepping layouts
        self._sizes_to_arrange = True  # until a saved layout is restored

    def docks(self) -> list[QDockWidget]:
        return self.findChildren(QDockWidget)

    def _create_status_bar(self):
        self.loss_label = QLabel()
        self.loss_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.loss_label)
        self.statusBar().showMessage(self.tr("Ready"), 3000)
        self.update_loss_label()

    def _connect_signals(self):
        document = self.document
        document.modified_changed.connect(self._on_modified_changed)
        document.path_changed.connect(self._on_path_changed)
        document.experiment_replaced.connect(self._on_experiment_replaced)
        document.structure_changed.connect(self._on_structure_changed)
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._on_data_changed)
        self.stepping.steps_changed.connect(self._on_steps_changed)
        self.stepping.step_moved.connect(self._on_steps_changed)  # the sample flowing, its E
        LessonHidden.of(document).changed.connect(self.update_loss_label)  # E tells the hidden
        # the step-through waits while a run changes the weights
        self.training_docks.runner.clock.running_changed.connect(
            self.stepping.set_training_running)
        self.canvas.value_clicked.connect(self.explain)
        self.inspector.explain_requested.connect(self.explain)

    # ----- settings -----------------------------------------------------------------------------
    def _read_settings(self):
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = self.settings.value("window/state")
        self.layouts.read_settings(self.settings)
        if state is not None and self.restoreState(state, STATE_VERSION):
            self._sizes_to_arrange = False
            self.layouts.compact = self.layouts.fits_compact()
        else:
            self.layouts.apply(self.layouts.current)

    def showEvent(self, event):
        super().showEvent(event)
        self.layouts.on_resized()
        if self._sizes_to_arrange:  # the first start's sizes, once the window has its size
            self._sizes_to_arrange = False
            self.layouts.resize_docks()
        self._hide_stale_tab_bars()
        self.layouts.label_tabs()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.isVisible():
            self.layouts.on_resized()

    def _hide_stale_tab_bars(self):
        """Hide tab bars Qt leaves behind when docks are regrouped before the window is shown
        (Qt 6.11): a live tab bar names a current tab group and sits beside its docks, a stale
        one names an old group or lies on top of a dock."""
        docks = [dock for dock in self.docks() if dock.isVisible()]
        groups = {frozenset([dock.windowTitle()]
                            + [other.windowTitle() for other in self.tabifiedDockWidgets(dock)])
                  for dock in docks}
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            titles = frozenset(bar.tabText(index) for index in range(bar.count()))
            on_a_dock = any(bar.geometry().intersects(dock.geometry()) for dock in docks)
            if bar.isVisible() and (titles not in groups or on_a_dock):
                bar.hide()

    def write_settings(self):
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.layouts.write_settings(self.settings)
        self.settings.sync()

    # ----- the title and the modified mark ------------------------------------------------------
    def document_name(self) -> str:
        if self.document.path:
            return os.path.basename(self.document.path)
        return self.document.network.name or self.tr("Untitled")

    def _update_title(self):
        self.setWindowTitle(f"{self.document_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_modified)

    def _on_modified_changed(self, modified: bool):
        self.setWindowModified(modified)

    def _on_path_changed(self, _path: str):
        self._update_title()

    def _on_experiment_replaced(self):
        self._update_title()
        self.update_loss_label()

    def _on_structure_changed(self):
        self.update_loss_label()

    def _on_weights_changed(self, _layer: int):
        self.update_loss_label()

    def _on_data_changed(self):
        self.update_loss_label()

    def _on_steps_changed(self):
        self.update_loss_label()

    def update_loss_label(self):
        """The chosen sample and its loss E as the canvas shows it (a step-through's only once
        it reached the loss; "?" while a lesson hides values the learner is to predict, since E
        would give them away)."""
        data, stepping = self.document.data, self.stepping
        loss = (stepping.shown_values().loss if stepping.current_phase() is not None
                else self.derived.loss(stepping.sample))
        if data is None or len(data) == 0:
            text = self.tr("No data: add samples in the data panel")
        elif loss is None:
            text = self.tr("Sample {n} of {count}").format(n=self.stepping.sample + 1,
                                                           count=len(data))
        elif LessonHidden.of(self.document).hides_output:
            text = self.tr("Sample {n} of {count}   ·   E = ?").format(
                n=self.stepping.sample + 1, count=len(data))
        else:
            text = self.tr("Sample {n} of {count}   ·   E = {loss}").format(
                n=self.stepping.sample + 1, count=len(data), loss=format_value(loss))
        self.loss_label.setText(text)
        # a fixed size that only grows: a new E on every training frame then lays out nothing
        # (a label that may change size makes Qt lay out the whole window again)
        label, hint = self.loss_label, self.loss_label.sizeHint()
        if label.minimumWidth() < hint.width() or label.minimumHeight() != hint.height():
            slack = 4 * label.fontMetrics().averageCharWidth()
            label.setFixedSize(max(label.minimumWidth(), hint.width() + slack), hint.height())

    def offer_recovery(self) -> bool:
        """At start-up: offer the unsaved work a crashed session left (see FileActions)."""
        restored = self.file_actions.offer_recovery()
        self._update_title()
        return restored

    def closeEvent(self, event):
        if not self.file_actions.may_close():
            event.ignore()
            return
        self.file_actions.shut_down()
        self.stepping.pause()
        self.training_docks.runner.stop_timers()
        self.canvas.close_editor()
        self.write_settings()
        event.accept()

    def explain(self, quantity):
        """Route a clicked number (its ``Quantity``) to the explain panel and bring it forward."""
        self.explain_panel.explain(quantity)
        self.explain_dock.show()
        self.explain_dock.raise_()

    # ----- help ---------------------------------------------------------------------------------
    def show_legend(self):
        QMessageBox.information(self, self.tr("How to read the canvas"), self.tr(LEGEND))

    def show_about(self):
        QMessageBox.about(self, self.tr("About {program}").format(program=APP_TITLE),
                          self.tr("<b>{program}</b><p>Build a network, edit every weight and bias, "
                          "step through the forward pass, the loss, the backward pass and the "
                          "update one number at a time, then train it.</p>").format(
                              program=APP_TITLE))


def _tip_follows_text(action: QAction) -> None:
    """``action``'s tooltip is its whole text ("Undo Train 83,216 steps"), kept up to date."""
    def follow():
        if shiboken6.isValid(action):  # (the undo stack renames it while the program ends)
            action.setToolTip(action.text().replace("&", ""))  # no change, no signal: no loop

    action.changed.connect(follow)  # the action's own signal: it lives as long as the action
    follow()


LEGEND = QT_TRANSLATE_NOOP(
    "MainWindow",
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
