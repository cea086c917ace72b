"""The window's one frame clock: when a view that says "I am dirty" paints.

The training runner is the clock's only source: it says when a run starts and ends and counts
the frames it tells the views (one every 1/60 s when frames are cheap enough, see
gui/training_runner.py). Views
subscribe with a :class:`Repaint`: they call ``mark_dirty()`` when their numbers changed and
their ``paint`` runs when the clock allows it —

- at once when the view is ready (by default: some of it is on screen; a dock in an unselected
  tab is "visible" to Qt but not on screen);
- otherwise later: when it is shown, when its dock's tab is selected, or when the run ends;
- during a run, a view given a ``turn`` (0 or 1) paints only on every other frame, so heavy
  views can share out a frame's cost (the window gives none: every view paints every frame);
- when a run ends the clock says so (``running_changed(False)``) after the run's last frame,
  which every view draws in full: views that lower their quality during a run read
  ``clock.running``.

There is one clock per document (:meth:`FrameClock.of`), so a view finds it without being
handed the runner.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

TURNS = 2  # during a run views given a turn take turns, one per frame
FRAME_INTERVAL = 1.0 / 60.0  # seconds between two frames of a run: 60 a second


class FrameClock(QObject):
    """Whether a training run is going on, and the number of the frame being told."""

    running_changed = Signal(bool)  # a run started (True) or ended, after its last frame (False)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._running = False  # frames of a run are being told (False again for the last one)
        self._announced = False  # what running_changed said last
        self.frame = 0  # frames told so far (heavy views take turns by its parity)

    @classmethod
    def of(cls, document: QObject) -> FrameClock:
        """The one clock of ``document`` (made, as its child, when first asked for)."""
        clock = document.findChild(cls, "", Qt.FindChildOption.FindDirectChildrenOnly)
        return clock if clock is not None else cls(document)

    @property
    def running(self) -> bool:
        """Whether a run changes the weights every frame (views may draw faster and coarser)."""
        return self._running

    def set_running(self, running: bool) -> None:
        """A run started (True) or ended (False: call it after the run's last frame)."""
        self._running = running
        if running != self._announced:
            self._announced = running
            self.running_changed.emit(running)

    def last_frame_comes(self) -> None:
        """The run's timer stopped: the frame now told is its last, drawn in full by every view
        (``set_running(False)`` follows once it is told)."""
        self._running = False

    def tick(self) -> None:
        """A new frame is being told."""
        self.frame += 1

    def skips(self, turn: int | None) -> bool:
        """Whether a heavy view on ``turn`` sits out the frame now being told (never outside a
        run, and never for a view without a turn)."""
        return turn is not None and self._running and self.frame % TURNS != turn


def on_screen(widget: QWidget) -> bool:
    """Whether any of ``widget`` shows (Qt keeps a dock in an unselected tab "visible")."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class Repaint(QObject):
    """One view's subscription to the clock: ``mark_dirty()`` now, ``paint`` when allowed.

    ``paint`` and ``ready`` are methods of the view (held weakly, so the view is freed as soon
    as it is dropped). ``ready`` says whether the view may paint now (default: some of it is on
    screen); a dirty view that was not ready paints when ``catch_up()`` is called (the view's
    ``showEvent``; its dock's tab was selected: ``on_dock_visibility_changed``) or when the run
    ends. ``turn``: during a run, paint only on that turn's frames (a skipped frame is not
    owed: the next one paints).
    """

    def __init__(self, clock: FrameClock, widget: QWidget, paint: Callable[[], None],
                 turn: int | None = None, ready: Callable[[], bool] | None = None):
        super().__init__(widget)
        self.clock = clock
        self.turn = turn
        self.dirty = False
        self._widget = weakref.ref(widget)
        self._paint = weakref.WeakMethod(paint)
        self._ready = None if ready is None else weakref.WeakMethod(ready)
        clock.running_changed.connect(self._on_running_changed)

    def skips_frame(self) -> bool:
        """This frame of a run is another view's turn (the next frame is this one's)."""
        return self.clock.skips(self.turn)

    def ready(self) -> bool:
        """Whether the view may paint now."""
        if self._ready is None:
            widget = self._widget()
            return widget is not None and on_screen(widget)
        ready = self._ready()
        return ready is not None and ready()

    def mark_dirty(self) -> None:
        """The view's numbers changed: paint now if allowed, else once it is."""
        if self.skips_frame():
            return
        if self.ready():
            self.paint_now()
        else:
            self.dirty = True

    def paint_now(self) -> None:
        self.dirty = False
        paint = self._paint()
        if paint is not None:
            paint()

    def catch_up(self) -> None:
        """Paint what waited, if the view may paint now."""
        if self.dirty and self.ready():
            self.paint_now()

    def on_dock_visibility_changed(self, shown: bool) -> None:
        """Its dock's tab was selected (True) or another tab was (False)."""
        if shown:
            QTimer.singleShot(0, self.catch_up)  # once the dock has its place on screen

    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self.catch_up()
