"""The Timeline dock: a slider over the run's steps, a banner saying which step is shown, and
the ways back ("Back to now") and on ("Continue from here"); gui/timeline.py does the work."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from engine.training.timeline import MB
from gui.frame_clock import on_screen
from gui.timeline import NOW, TimelineController

RUN_REWRITE_SECONDS = 0.25
VIEWING_STYLE = "background: #ffe9a8; color: #5a4300; padding: 3px; border-radius: 3px;"


class TimelineBar(QWidget):
    """Slider (steps first…now), banner, "Back to now", "Continue from here"."""

    def __init__(self, controller: TimelineController, runner, parent=None):
        super().__init__(parent)
        self._controller = controller
        self._runner = runner
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr(
            "Drag to see the network as it was at an earlier step (or click the loss curve)"))
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.now_button = QPushButton(self.tr("Back to now"))
        self.continue_button = QPushButton(self.tr("Continue from here"))
        self.continue_button.setToolTip(self.tr(
            "Make the shown step the current network and run (parameters, optimizer state, "
            "counters, curves). Undoable."))
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.now_button)
        row.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.banner)
        layout.addLayout(row)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.now_button.clicked.connect(controller.back_to_now)
        self.continue_button.clicked.connect(controller.continue_from_here)
        controller.viewing_changed.connect(self._write)
        controller.range_changed.connect(self._on_range_changed)
        self._written_at = 0.0
        self._write()

    def _on_range_changed(self):
        """During a run the strip is rewritten a few times a second, not every frame."""
        now = time.perf_counter()
        # (out of sight not at all: a new text relayouts the whole window, which then repaints)
        if not self._runner.is_running or (now - self._written_at >= RUN_REWRITE_SECONDS
                                           and on_screen(self)):
            self._write()

    def _on_slider_moved(self, value: int):
        if self.slider.signalsBlocked():
            return
        self._controller.show_step(value)

    def _write(self, *_):
        self._written_at = time.perf_counter()
        controller, store = self._controller, self._controller.store
        now = self._runner.step_count
        first = store.first_step if store.first_step is not None else now
        shown = controller.viewing
        self.slider.blockSignals(True)
        self.slider.setRange(min(first, now), now)
        self.slider.setValue(now if shown is None else shown)
        self.slider.blockSignals(False)
        viewing = shown is not None
        self.now_button.setEnabled(viewing)
        self.continue_button.setEnabled(viewing)
        memory = store.nbytes / MB
        if viewing:
            self.banner.setText(self.tr(
                "Viewing step {shown} of {now}: the network as it was then (read only; "
                "editing or training goes back to now).").format(
                shown=f"{shown:,}", now=f"{now:,}"))
            self.banner.setStyleSheet(VIEWING_STYLE)
        else:
            self.banner.setText(self.tr(
                "Now: step {now}. Drag the slider or click the loss curve to look back "
                "(every step of the last {window} exactly; {memory} MB kept).").format(
                now=f"{now:,}", window=f"{store.exact_window:,}", memory=f"{memory:.2f}"))
            self.banner.setStyleSheet("")

    def shown_value(self) -> int:
        return self.slider.value()


__all__ = ["NOW", "TimelineBar"]
