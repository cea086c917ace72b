"""The run tools of the window, made and connected in one place: the timeline (its dock and
the plots' step markers), the comparison of runs (its dock and View → Compare) and the pace
highlight on the canvas. ``TrainingDocks`` makes them with one line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMenu

from gui.run_compare import RunComparison
from gui.timeline import NOW, TimelineController
from gui.timeline_bar import TimelineBar
from gui.update_glow import UpdateGlow


class RunTools(QObject):
    """Timeline, comparison and pace highlight for ``window`` and its training ``docks``."""

    def __init__(self, window, docks):
        super().__init__(window)
        runner = docks.runner
        self.timeline = TimelineController(
            window.document, runner, getattr(window, "undo_action", None),
            getattr(window, "redo_action", None), getattr(window, "undo_view", None), self)
        self.timeline_bar = TimelineBar(self.timeline, runner, window)
        self.timeline_dock = window.add_dock(self.tr("Timeline"), "timeline_dock",
                                             self.timeline_bar, Qt.DockWidgetArea.TopDockWidgetArea)
        self.comparison = RunComparison(window, docks, self)
        self.compare_dock = window.add_dock(self.tr("Compare Runs"), "compare_dock",
                                            self.comparison.table,
                                            Qt.DockWidgetArea.BottomDockWidgetArea)
        self.compare_menu = QMenu(self.tr("&Compare"), window)
        self.comparison.fill_menu(self.compare_menu)
        self._window = window
        self._docks = docks
        # at the first show the window has made its menus and placed its docks
        window.installEventFilter(self)
        self.glow = UpdateGlow(window.document, runner, window.canvas.network_scene, self)
        self._plots = (docks.loss_plot, docks.gradient_plot)
        for plot in self._plots:
            plot.step_clicked.connect(self.timeline.show_step)
        self.timeline.viewing_changed.connect(self._mark_plots)

    def eventFilter(self, watched, event):
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            self._tab_compare_dock()
            self._hook_view_menu()
        return False

    def _tab_compare_dock(self):
        """The Compare dock as a tab beside the loss plot (unless a saved layout moved it)."""
        window, loss_dock = self._window, self._docks.loss_dock
        if window.dockWidgetArea(self.compare_dock) == window.dockWidgetArea(loss_dock) \
                and self.compare_dock not in window.tabifiedDockWidgets(loss_dock):
            window.tabifyDockWidget(loss_dock, self.compare_dock)
            loss_dock.raise_()

    def _hook_view_menu(self):
        """The window's View menu gets the Compare submenu, at its end when first opened."""
        view_menu = getattr(self._window, "view_menu", None)
        if view_menu is not None:
            view_menu.aboutToShow.connect(self._add_to_view_menu)

    def _add_to_view_menu(self):
        view_menu = self._window.view_menu
        if self.compare_menu.menuAction() not in view_menu.actions():
            view_menu.addSeparator()
            view_menu.addMenu(self.compare_menu)

    def _mark_plots(self, step: int):
        for plot in self._plots:
            plot.show_marker(None if step == NOW else step)
        layouts = getattr(self._window, "layouts", None)
        if step != NOW and layouts is not None:  # its banner says a past step is shown
            layouts.bring_forward(self.timeline_dock)
