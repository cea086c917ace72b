"""The small frame around every plot: its title, optional controls, an Export menu, and the
range that follows the data in coarse jumps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.analysis import ranges
from gui.frame_clock import FrameClock, Repaint, on_screen
from gui.plots.export import FORMATS, export_plot, nice_ceiling, styled_plot_widget


def _tr(text: str) -> str:
    """``text`` in the context "PlotFrame" (``self.tr`` here would look it up under the
    subclass's name)."""
    return QCoreApplication.translate("PlotFrame", text)


class PlotFrame(QWidget):
    """A plot with a header row: its title, optional controls, and an Export menu.

    Subclasses draw in :meth:`refresh` and call :meth:`request_refresh` from their slots; the
    document's frame clock decides when (gui/frame_clock.py): a plot out of sight does no work
    and catches up when shown, and during a run the heavy views take turns.
    """

    def __init__(self, title: str, clock: FrameClock, parent=None):
        super().__init__(parent)
        self.frames = Repaint(clock, self, self._paint_frame)
        self._follow = False  # set by start_following(): the plot sets its own range
        self._x_high = None
        self._y_span = None
        self.plot_widget = styled_plot_widget()
        self.plot_item = self.plot_widget.getPlotItem()
        self.title_label = QLabel(f"<b>{title}</b>")  # i18n: as is
        self.export_button = QToolButton()
        self.export_button.setText(QCoreApplication.translate("PlotFrame", "Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for ending, what in FORMATS.items():
            action = QAction(QCoreApplication.translate("PlotFrame", "Save as {what}…").format(
                what=_tr(what)), menu)
            action.setData(ending)
            menu.addAction(action)
        menu.triggered.connect(self._on_export_chosen)
        self.export_button.setMenu(menu)
        self.export_menu = menu
        self.header = QHBoxLayout()
        self.header.addWidget(self.title_label)
        self.header.addStretch(1)
        self.header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(self.header)
        layout.addWidget(self.plot_widget, 1)

    def refresh(self) -> None:
        """Redraw from the document/runner (subclasses)."""

    def _paint_frame(self) -> None:
        self.refresh()

    @property
    def on_screen(self) -> bool:
        return on_screen(self)

    def request_refresh(self) -> None:
        """The plotted numbers changed: redraw when the frame clock allows (see Repaint)."""
        self.frames.mark_dirty()

    def take_turns(self, turn: int) -> None:
        """During a run redraw only on frames of ``turn`` (0 or 1): the heavy views share out
        a frame's cost."""
        self.frames.turn = turn

    def showEvent(self, event):
        super().showEvent(event)
        self.frames.catch_up()

    def on_dock_visibility_changed(self, shown: bool) -> None:
        """Its dock's tab was selected (True) or another tab was (False)."""
        self.frames.on_dock_visibility_changed(shown)

    def start_following(self) -> None:
        """From now on :meth:`follow` sets the range, until the learner pans or zooms."""
        view = self.plot_item.vb
        view.disableAutoRange()
        view.sigRangeChangedManually.connect(self._on_range_changed_manually)
        view.sigStateChanged.connect(self._on_auto_range_requested)  # pyqtgraph's "A" button
        self._follow = True

    def follow(self, x_last: float, values: list[np.ndarray]) -> None:
        """Show steps 0…x_last and every value, changing the range only in coarse jumps.

        Fixed ranges keep the axes from repainting on every frame (most of a plot's cost):
        x grows to the next 1-2-5 number with room to spare, y (log) to whole decades.
        """
        if not self._follow:
            return
        view = self.plot_item.vb
        if self._x_high is None or not self._x_high / 4 <= x_last <= self._x_high:
            self._x_high = nice_ceiling(max(x_last, 1.0) * 1.25)
            view.setXRange(0, self._x_high, padding=0)
        finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.array([])
        log = self.plot_item.ctrl.logYCheck.isChecked()
        if log:
            finite = finite[finite > 0]
        if finite.size == 0:
            return
        low, high = float(finite.min()), float(finite.max())
        if log:
            span = (np.floor(np.log10(low)), np.ceil(np.log10(high)))
            if span[1] <= span[0]:
                span = (span[0], span[0] + 1)
        else:
            span = self._y_span
            inside = span is not None and span[0] <= low and high <= span[1]
            if not inside or (high - low) < (span[1] - span[0]) / 3:
                span = ranges.widened(low, high, 0.1, 0.5 * abs(high) or 1.0)
        if span != self._y_span and ranges.plottable(*span):  # else (beyond ±1e307) keep the last
            self._y_span = span
            view.setYRange(*span, padding=0.02)

    def forget_range(self) -> None:
        """The next :meth:`follow` chooses a fresh range (a new run, a log toggle)."""
        self._x_high = self._y_span = None

    def _on_range_changed_manually(self, *_):
        self._follow = False  # the learner zoomed or panned: leave the view to them

    def _on_auto_range_requested(self, *_):
        if self.plot_item.vb.autoRangeEnabled()[0]:
            self.plot_item.vb.disableAutoRange()
            self._follow = True
            self.forget_range()
            self.refresh()

    def add_export_action(self, text: str, slot) -> QAction:
        """An extra entry in the Export menu (e.g. every step of the run as CSV)."""
        action = QAction(text, self.export_menu)
        action.triggered.connect(slot)
        self.export_menu.addAction(action)
        return action

    def add_header_widget(self, widget: QWidget) -> None:
        """Place an option (a check box, a combo) before the Export button."""
        self.header.insertWidget(self.header.count() - 1, widget)

    def export(self, path: str) -> None:
        export_plot(self.plot_item, path)

    def plot_width(self) -> int:
        """The plot's width in pixels: no curve needs more points than this."""
        return max(200, int(self.plot_item.vb.width()) or self.plot_widget.width())

    def _on_export_chosen(self, action: QAction):
        ending = action.data()
        if ending is None:  # an entry a subclass added, with its own handler
            return
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("PlotFrame", "Export plot"), f"plot{ending}",
            f"{_tr(FORMATS[ending])} (*{ending})")
        if path:
            if not path.lower().endswith(ending):
                path += ending
            self.export(path)
