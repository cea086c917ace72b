"""Autosave: unsaved work written to the window's recovery file soon after each edit.

Three timers: ``debounce`` (single shot, AUTOSAVE_DELAY_MS) restarts on every change of the
undo stack, so the work is saved about two seconds after the last edit; ``during_training``
(TRAINING_AUTOSAVE_MS) saves while a run goes on, whose steps become an undo step only when it
pauses; ``heartbeat`` (HEARTBEAT_MS) touches the recovery file's heartbeat while it exists, so a
restart can say how long before the program stopped the work was saved.

A network with more than BACKGROUND_NUMBERS numbers is copied on the GUI thread and written on
a worker thread (one write at a time, in order), so a big file never holds up a frame; as the
writer is Python (it shares the interpreter with the window), saves during a run come no more
often than WRITE_SHARE_LIMIT of the time: 20 × the last write's duration apart at the least
(a 784-input data set of 1,024 rows takes about a second to write).
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from engine.errors import NetworkFileError

AUTOSAVE_DELAY_MS = 2000  # after the last edit
TRAINING_AUTOSAVE_MS = 10_000  # while training runs
HEARTBEAT_MS = 1000
BACKGROUND_NUMBERS = 50_000  # parameters and data values above which the write goes to a thread
WRITE_SHARE_LIMIT = 0.05  # during a run, at most this share of the time goes to writing


class Autosaver(QObject):
    """Saves ``document`` (gui/document.py) into ``recovery`` (files.RecoveryFile).

    ``is_training`` says whether a run is going on; ``failed`` carries a one-line reason when
    a write did not succeed (the status bar shows it)."""

    failed = Signal(str)

    def __init__(self, document, recovery, is_training, parent=None):
        super().__init__(parent)
        self._document, self._recovery, self._is_training = document, recovery, is_training
        self._writer: ThreadPoolExecutor | None = None
        self.last_write_seconds = 0.0  # how long the last write took
        self._last_save = -float("inf")  # time.monotonic() of the last save started
        self.debounce = self._timer(AUTOSAVE_DELAY_MS, self.save, single=True)
        self.during_training = self._timer(TRAINING_AUTOSAVE_MS, self._save_if_training)
        self.during_training.start()
        self.heartbeat = self._timer(HEARTBEAT_MS, self._beat)
        document.undo_stack.indexChanged.connect(self._on_edit)
        document.modified_changed.connect(self._on_edit)

    def _timer(self, interval: int, slot, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    def _on_edit(self, *_):
        if self._document.is_modified:
            self.debounce.start()  # (re)started: the save waits for a pause in the edits
        else:
            self.debounce.stop()

    def _save_if_training(self):
        waited = time.monotonic() - self._last_save
        if self._is_training() and waited * WRITE_SHARE_LIMIT >= self.last_write_seconds:
            self.save(force=True)

    def save(self, force: bool = False) -> None:
        """Write the work now if it is unsaved (or ``force``: a run's steps are unsaved work
        before they become an undo step)."""
        if not (force or self._document.is_modified):
            return
        experiment, origin = self._document.experiment_to_save(), self._document.path
        self._last_save = time.monotonic()
        try:
            self._recovery.prepare()
            if _size(experiment) <= BACKGROUND_NUMBERS:
                self._write(experiment, origin, time.time())
            else:
                self._write_in_background(experiment.copy(), origin)
        except (NetworkFileError, OSError) as error:
            self.failed.emit(self.tr("Autosave failed: {error}").format(error=error))
            return
        self.heartbeat.start()

    def _write_in_background(self, snapshot, origin) -> None:
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="autosave")
        future = self._writer.submit(self._write, snapshot, origin, time.time())
        future.add_done_callback(self._written)

    def _write(self, experiment, origin, saved_at: float) -> None:
        start = time.perf_counter()
        self._recovery.write(experiment, origin, saved_at)
        self.last_write_seconds = time.perf_counter() - start

    def _written(self, future: Future) -> None:  # on the worker thread: a queued signal
        error = future.exception()
        if error is not None:
            self.failed.emit(self.tr("Autosave failed: {error}").format(error=error))

    def _beat(self):
        if self._recovery.exists():
            try:
                self._recovery.beat()
            except OSError:
                pass  # a missed beat only makes the age less precise
        else:
            self.heartbeat.stop()

    def wait(self) -> None:
        """Let a write on the worker thread finish (before the files are removed)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    def stop(self) -> None:
        """No more saves nor heartbeats (a clean exit), once any write under way is done."""
        for timer in (self.debounce, self.during_training, self.heartbeat):
            timer.stop()
        self.wait()


def _size(experiment) -> int:
    """How many numbers a network file of ``experiment`` holds (about)."""
    count = sum(p.size for p in experiment.network.parameters())
    if experiment.data is not None:
        count += experiment.data.inputs.size + experiment.data.targets.size
    return count
