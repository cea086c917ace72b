"""The run tools of the window, made and connected in one place: the timeline (its dock and
the plots' step markers), the comparison of runs (its dock and the Compare menu) and the pace
highlight on the canvas. ``TrainingDocks`` makes them with one line."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer

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
        self.compare_menu = window.menuBar().addMenu(self.tr("&Compare"))
        self.comparison.fill_menu(self.compare_menu)
        self._menu_bar = window.menuBar()
        QTimer.singleShot(0, self._menu_last)  # the window's own menus are made after this
        self.glow = UpdateGlow(window.document, runner, window.canvas.network_scene, self)
        self._plots = (docks.loss_plot, docks.gradient_plot)
        for plot in self._plots:
            plot.step_clicked.connect(self.timeline.show_step)
        self.timeline.viewing_changed.connect(self._mark_plots)

    def _menu_last(self):
        """Put the Compare menu after the window's own, before the last (Help)."""
        bar, action = self._menu_bar, self.compare_menu.menuAction()
        bar.removeAction(action)
        actions = bar.actions()
        if actions:
            bar.insertAction(actions[-1], action)
        else:
            bar.addAction(action)

    def _mark_plots(self, step: int):
        for plot in self._plots:
            plot.show_marker(None if step == NOW else step)
