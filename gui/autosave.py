"""Autosave: unsaved work written to the window's recovery file soon after each edit.

Three timers: ``debounce`` (single shot, AUTOSAVE_DELAY_MS) restarts on every change of the
undo stack, so the work is saved about two seconds after the last edit; ``during_training``
(TRAINING_AUTOSAVE_MS) saves while a run goes on, whose steps become an undo step only when it
pauses; ``heartbeat`` (HEARTBEAT_MS) touches the recovery file's heartbeat while it exists, so a
restart can say how long before the program stopped the work was saved.

A network with more than BACKGROUND_NUMBERS numbers is snapshotted on the GUI thread and
written in another process (gui/background_write.py: nothing of it shares the window's
interpreter), one write at a time: a save asked for meanwhile is made, from the work as it is
then, once that write ended; a ``poll`` timer looks at it. Saves during a run come no more often
than WRITE_SHARE_LIMIT of the time: 20 × the last write's duration apart at the least.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from engine.errors import NetworkFileError
from gui.background_write import BACKGROUND_NUMBERS, POLL_MS, FileJob, size_in_numbers

AUTOSAVE_DELAY_MS = 2000  # after the last edit
TRAINING_AUTOSAVE_MS = 10_000  # while training runs
HEARTBEAT_MS = 1000
WRITE_SHARE_LIMIT = 0.05  # during a run, at most this share of the time goes to writing


class Autosaver(QObject):
    """Saves ``document`` (gui/document.py) into ``recovery`` (files.RecoveryFile).

    ``is_training`` says whether a run is going on; ``failed`` carries a one-line reason when
    a write did not succeed (the status bar shows it)."""

    failed = Signal(str)

    def __init__(self, document, recovery, is_training, parent=None):
        super().__init__(parent)
        self._document, self._recovery, self._is_training = document, recovery, is_training
        self.job: FileJob | None = None  # a big write under way
        self._job_started, self._job_origin = 0.0, None
        self._again: bool | None = None  # a save asked for during it (its ``force``)
        self.last_write_seconds = 0.0  # how long the last write took
        self._last_save = -float("inf")  # time.monotonic() of the last save started
        self.debounce = self._timer(AUTOSAVE_DELAY_MS, self.save, single=True)
        self.during_training = self._timer(TRAINING_AUTOSAVE_MS, self._save_if_training)
        self.during_training.start()
        self.heartbeat = self._timer(HEARTBEAT_MS, self._beat)
        self.poll = self._timer(POLL_MS, self._look_at_job)
        document.undo_stack.indexChanged.connect(self._on_edit)
        document.modified_changed.connect(self._on_edit)

    def _timer(self, interval: int, slot, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    def _on_edit(self, *_):
        if not shiboken6.isValid(self._document.undo_stack):
            return  # the stack's last signals while the program ends: nothing to save
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
        if self.job is not None:  # one write at a time: this one once it ended
            self._again = bool(self._again) or force
            return
        experiment, origin = self._document.experiment_to_save(), self._document.path
        self._last_save = time.monotonic()
        try:
            self._recovery.prepare()
            if size_in_numbers(experiment) <= BACKGROUND_NUMBERS:
                start = time.perf_counter()
                self._recovery.write(experiment, origin, time.time())
                self.last_write_seconds = time.perf_counter() - start
            else:
                self.job = FileJob.write(experiment, str(self._recovery.path))
                self._job_started, self._job_origin = time.perf_counter(), (origin, time.time())
                self.poll.start()
        except (NetworkFileError, OSError) as error:
            self._fail(error)
            return
        self.heartbeat.start()

    def _fail(self, error) -> None:
        self.failed.emit(self.tr("Autosave failed: {error}").format(error=error))

    def _look_at_job(self) -> None:
        if self.job is not None and self.job.poll():
            self._written()
            if self._again is not None:
                force, self._again = self._again, None
                self.save(force)

    def _written(self) -> None:
        """The big write ended: its origin and first heartbeat beside it, or why it failed."""
        job, self.job = self.job, None
        self.poll.stop()
        self.last_write_seconds = time.perf_counter() - self._job_started
        try:
            job.result()
            self._recovery.write_origin(*self._job_origin)
        except (NetworkFileError, OSError, RuntimeError) as error:
            self._fail(str(error).splitlines()[-1])

    def _beat(self):
        if self._recovery.exists():
            try:
                self._recovery.beat()
            except OSError:
                pass  # a missed beat only makes the age less precise
        else:
            self.heartbeat.stop()

    def wait(self) -> None:
        """Let a big write under way finish (before the files are removed); a save asked for
        during it is not made."""
        self._again = None
        if self.job is not None:
            self.job.wait()
            self._written()

    def stop(self) -> None:
        """No more saves nor heartbeats (a clean exit), once any write under way is done."""
        for timer in (self.debounce, self.during_training, self.heartbeat):
            timer.stop()
        self.wait()

