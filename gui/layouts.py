"""Dock layouts for the job at hand: training (network, loss, gradients and output map in view
at once) and stepping (network, step-through and Explain This Number).

Each layout is a list of dock groups (docks tabbed together) placed round the canvas with
QMainWindow's own tools: ``addDockWidget``, ``splitDockWidget``, ``tabifyDockWidget`` and
``resizeDocks``. A window narrower than ``COMPACT_WIDTH`` or lower than ``COMPACT_HEIGHT`` gets
the compact form of a layout when the full one's docks need more room than the window has:
groups that would not fit side by side become tabs of one group.

The window switches to the training layout when a run starts and to the stepping layout at the
first step, until the learner moves, floats, closes or opens a dock or drags the separator
between docks: from then on their arrangement stays (View → Restore Default Layout hands the
choice back to the window).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

TRAINING, STEPPING = "training", "stepping"
SIDE_WIDTH = 0.3  # of the window's width: the right-hand dock column
BOTTOM_HEIGHT = {TRAINING: 0.33, STEPPING: 0.36}  # of the window's height: the bottom row
LEARNER_ARRANGED_KEY = "window/arranged_by_learner"
LAYOUT_KEY = "window/layout"

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea

# every layout names every dock once: (area, groups) with a group a list of dock names, the
# first of each group raised; a group that follows another in an area is split beside it
# (right column: below; bottom row: to the right)
ARRANGEMENTS = {
    TRAINING: {
        RIGHT: [["training_dock", "timeline_dock", "weight_tables_dock", "history_dock"],
                ["output_map_dock"]],
        BOTTOM: [["loss_dock", "compare_dock", "landscape_dock", "data_dock", "step_dock"],
                 ["gradient_dock", "activation_dock", "explain_dock", "inspector_dock",
                  "lessons_dock", "gradcheck_dock"]],
    },
    STEPPING: {
        RIGHT: [["inspector_dock", "lessons_dock", "timeline_dock", "training_dock", "data_dock",
                 "weight_tables_dock", "history_dock"]],
        BOTTOM: [["step_dock", "activation_dock", "landscape_dock", "gradcheck_dock"],
                 ["explain_dock", "loss_dock", "gradient_dock", "output_map_dock",
                  "compare_dock"]],
    },
}
# the compact forms (a small window): one group in each area, the layout's main docks first
COMPACT = {
    TRAINING: {
        RIGHT: [["training_dock", "weight_tables_dock", "history_dock", "lessons_dock",
                 "timeline_dock"]],
        BOTTOM: [["loss_dock", "compare_dock", "gradient_dock", "output_map_dock", "data_dock",
                  "step_dock", "explain_dock", "inspector_dock", "activation_dock",
                  "landscape_dock", "gradcheck_dock"]],
    },
    STEPPING: {
        RIGHT: [["training_dock", "lessons_dock", "weight_tables_dock", "history_dock",
                 "timeline_dock"]],
        BOTTOM: [["step_dock", "explain_dock", "inspector_dock", "loss_dock", "gradient_dock",
                  "output_map_dock", "data_dock", "activation_dock", "landscape_dock",
                  "gradcheck_dock", "compare_dock"]],
    },
}


def groups_of(layout: str, compact: bool) -> dict:
    """``{area: [group, …]}`` of ``layout``, its compact form for a small window."""
    return (COMPACT if compact else ARRANGEMENTS)[layout]


class WindowLayouts(QObject):
    """The layouts of ``window`` (a MainWindow with ``docks()``, ``settings``, ``stepping`` and
    ``training_docks``) and their View-menu actions."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._arranging = False
        self.current = STEPPING
        self.compact = False
        self._full_minimum = {}  # layout → the least window size its full form needs
        self.arranged_by_learner = False
        group = QActionGroup(self)
        self.training_action = self._action(self.tr("&Training Layout"), group, self.tr(
            "Network, loss, gradients and output map side by side"), TRAINING)
        self.stepping_action = self._action(self.tr("&Stepping Layout"), group, self.tr(
            "Network, Step Through and Explain This Number"), STEPPING)
        self.restore_action = QAction(self.tr("&Restore Default Layout"), self)
        self.restore_action.setStatusTip(self.tr(
            "Put every dock back, and switch layouts on Run and on Step again"))
        self.restore_action.triggered.connect(self.restore_default)
        for dock in window.docks():
            dock.dockLocationChanged.connect(self._on_learner_arranged)
            dock.topLevelChanged.connect(self._on_learner_arranged)
            dock.toggleViewAction().triggered.connect(self._on_learner_arranged)
        self._geometry_at_press = None  # docks' places when a mouse button went down on the window
        window.installEventFilter(self)  # a separator drag reaches the window itself
        window.training_docks.runner.clock.running_changed.connect(self._on_running_changed)
        window.stepping.step_moved.connect(self._on_step_moved)

    def _action(self, text: str, group: QActionGroup, tip: str, layout: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setStatusTip(tip)
        action.setData(layout)
        group.addAction(action)
        action.triggered.connect(self._on_layout_chosen)
        return action

    def actions(self) -> list[QAction]:
        """The View menu's entries: the two layouts, then Restore Default Layout."""
        return [self.training_action, self.stepping_action, self.restore_action]

    # ----- choosing ----------------------------------------------------------------------------
    def _on_layout_chosen(self):
        self.apply(self.sender().data())

    def restore_default(self) -> None:
        """The stepping layout, every dock shown, and switching on Run / Step again."""
        self.arranged_by_learner = False
        self.apply(STEPPING)

    def _on_learner_arranged(self, *_args) -> None:
        if not self._arranging:
            self.arranged_by_learner = True

    def _dock_geometry(self) -> list:
        return [self._window.centralWidget().geometry()] + [
            dock.geometry() for dock in self._window.docks()]

    def eventFilter(self, watched, event) -> bool:
        """A drag of the separator between docks counts as the learner arranging: the docks'
        places when the button goes down on the window and when it comes up differ (Qt gives no
        signal for it; a click that only passes through the window changes nothing)."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._geometry_at_press = self._dock_geometry()
        elif kind == QEvent.Type.MouseButtonRelease and self._geometry_at_press is not None:
            before, self._geometry_at_press = self._geometry_at_press, None
            if before != self._dock_geometry():
                self._on_learner_arranged()
        return False

    def _on_running_changed(self, running: bool) -> None:
        if running and not self.arranged_by_learner and self.current != TRAINING:
            self.apply(TRAINING)

    def _on_step_moved(self, position: int) -> None:
        if position >= 0 and not self.arranged_by_learner and self.current != STEPPING:
            self.apply(STEPPING)

    def fits_compact(self) -> bool:
        """Whether the window is too small for the current layout's full form."""
        needed = self._full_minimum.get(self.current)
        if needed is None:
            return False
        size = self._window.size()
        return size.width() < needed.width() or size.height() < needed.height()

    def on_resized(self) -> None:
        """Called by the window when its size changes: the compact form where the full one
        does not fit (and back), unless the learner arranged the docks."""
        if not self.arranged_by_learner and self.fits_compact() != self.compact:
            self.apply(self.current)

    # ----- arranging ---------------------------------------------------------------------------
    def apply(self, layout: str) -> None:
        """Arrange every dock as ``layout`` says, in the form that fits the window's size."""
        self.current = layout
        # what the full form needs: the minimum sizes of its docks, side by side as placed
        self._arrange(groups_of(layout, compact=False))
        self._full_minimum[layout] = self._window.layout().minimumSize()
        self.compact = self.fits_compact()
        self._arrange(groups_of(layout, self.compact))
        self.resize_docks()
        (self.training_action if layout == TRAINING else self.stepping_action).setChecked(True)
        self.label_tabs()
        QTimer.singleShot(0, self._window, self.label_tabs)  # and the tab bars Qt makes later

    def _arrange(self, arrangement: dict) -> None:
        window = self._window
        docks = {dock.objectName(): dock for dock in window.docks()}
        self._arranging = True
        try:
            for dock in docks.values():
                dock.setFloating(False)
                window.removeDockWidget(dock)
            for area, groups in arrangement.items():
                self._place_area(area, [[docks[name] for name in group] for group in groups])
            for dock in docks.values():
                dock.show()
            for groups in arrangement.values():
                for group in groups:
                    docks[group[0]].raise_()
        finally:
            self._arranging = False

    def _place_area(self, area, groups: list[list[QDockWidget]]) -> None:
        window = self._window
        orientation = Qt.Orientation.Vertical if area == RIGHT else Qt.Orientation.Horizontal
        # the first dock of every group first: Qt adds a tab, not a neighbour, once tabbed
        leads = [group[0] for group in groups]
        window.addDockWidget(area, leads[0])
        for before, lead in zip(leads, leads[1:], strict=False):
            window.splitDockWidget(before, lead, orientation)
        for group in groups:
            for first, second in zip(group, group[1:], strict=False):
                window.tabifyDockWidget(first, second)

    def resize_docks(self) -> None:
        """The current layout's sizes for the window's size: the canvas keeps the most room."""
        window = self._window
        docks = {dock.objectName(): dock for dock in window.docks()}
        arrangement = groups_of(self.current, self.compact)
        width, height = window.width(), window.height()
        right = [docks[group[0]] for group in arrangement[RIGHT]]
        bottom = [docks[group[0]] for group in arrangement[BOTTOM]]
        window.resizeDocks(right[:1], [round(width * SIDE_WIDTH)], Qt.Orientation.Horizontal)
        window.resizeDocks(bottom[:1], [round(height * BOTTOM_HEIGHT[self.current])],
                           Qt.Orientation.Vertical)
        if len(right) > 1:
            window.resizeDocks(right, [1] * len(right), Qt.Orientation.Vertical)
        if len(bottom) > 1:
            share = [3, 2] if self.current == STEPPING else [1, 1]
            window.resizeDocks(bottom, share, Qt.Orientation.Horizontal)

    def bring_forward(self, dock: QDockWidget) -> None:
        """Show ``dock`` in front of its tab group. (``raise_`` alone can pick a tab bar Qt left
        behind when the docks were regrouped before the window was shown, so the live tab bar
        that names the dock is told as well.)"""
        dock.raise_()
        for bar in self._window.findChildren(QTabBar,
                                             options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.isVisible():
                for index in range(bar.count()):
                    if bar.tabText(index) == dock.windowTitle():
                        bar.setCurrentIndex(index)

    def label_tabs(self) -> None:
        """Every dock tab shows its whole title, never "Lo…": a row of tabs wider than its
        group scrolls (arrows at its end); the title is the tab's tooltip too."""
        for bar in self._window.findChildren(QTabBar,
                                             options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)
            for index in range(bar.count()):
                bar.setTabToolTip(index, bar.tabText(index))

    # ----- settings ----------------------------------------------------------------------------
    def read_settings(self, settings) -> None:
        self.arranged_by_learner = settings.value(LEARNER_ARRANGED_KEY, False, type=bool)
        layout = settings.value(LAYOUT_KEY, STEPPING)
        self.current = layout if layout in ARRANGEMENTS else STEPPING
        (self.training_action if self.current == TRAINING else self.stepping_action
         ).setChecked(True)

    def write_settings(self, settings) -> None:
        settings.setValue(LEARNER_ARRANGED_KEY, self.arranged_by_learner)
        settings.setValue(LAYOUT_KEY, self.current)
