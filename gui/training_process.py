"""A free run trained in a worker process, so that the window's thread only draws.

:class:`ProcessRun` is the :class:`~gui.training_runner.TrainingRunner`'s free run (Run / Pause)
when a worker process can be used (engine/training/worker_process.py). The worker is started at
the first Run (spawn: it imports while the window goes on) and lives until the window closes.
A precise timer fires once every 1/60 s (aimed at a fixed schedule, so 60 frames a second on
average): it takes in what the worker sent since the last frame — the newest snapshot's θ copied
into the document's own arrays, the runner's Trainer resumed to the snapshot's RunState, the
history records appended — asks for the next snapshot, and the runner tells its views as for a
frame of an in-thread run. So the runner's Trainer is, after each frame, bit for bit the
worker's at that step, and everything that reads it (the timeline, undo of a run, saving a run
mid-way, take_over) works as with an in-thread run.

``stop(keep=True)`` (Pause, a stop) waits for the worker's final snapshot (it comes after the
worker's current chunk of steps, a few ms) and takes it in before the runner records the run;
before the run's first snapshot (the worker may still be importing: about a second after the
first Run) it waits for nothing and the run did no step.
``stop(keep=False)`` (an edit, an undo, a new file during the run) drops whatever the worker did
after the last frame: the learner's edit applies to the numbers on screen.

If the worker cannot start, dies, or does not answer a pause within ``PAUSE_WAIT`` seconds,
the runner's ``notice`` says so (the status bar shows it), a run goes on in the runner's own
thread from the last frame's snapshot, and no worker is used again.
"""

from __future__ import annotations

import time
import weakref

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from engine.errors import NetworkError
from engine.training import worker_process as worker
from engine.training.run_state import capture
from gui.frame_clock import FRAME_INTERVAL

PAUSE_WAIT = 5.0  # seconds a pause waits for the worker's last snapshot (a chunk: a few ms)


class _Owned:
    """The worker and the shared block, ended when the ProcessRun goes (or at close)."""

    def __init__(self):
        self.worker: worker.WorkerProcess | None = None
        self.buffer = None  # a multiprocessing.shared_memory.SharedMemory

    def release(self) -> None:
        if self.worker is not None:
            self.worker.shut_down()
            self.worker = None
        self.drop_buffer()

    def drop_buffer(self) -> None:
        """Close and unlink the shared block (the window made it: the window removes it)."""
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.unlink()
            self.buffer = None


class ProcessRun(QObject):
    """The runner's free run in a worker process: ``start``, one frame a 1/60 s, ``stop``."""

    ended = Signal(object)  # the run ended by itself: the worker's RunResult

    def __init__(self, runner):
        """``runner``: the TrainingRunner (its ``_follow_undo_stack`` and ``_tell_views`` are
        called each frame, as its own timer calls them)."""
        super().__init__(runner)
        self._runner = runner
        self._own = _Owned()
        weakref.finalize(self, self._own.release)
        self._block = None  # the shared block as (2, 1 + A, P)
        self._data_sent = None  # (data, inputs, targets) the worker holds
        self._order = None  # the epoch order the worker sent last
        self._number = 0  # the run's number (snapshots of earlier runs are dropped)
        self._due = 0.0  # when the next frame is due
        self.broken: str | None = None  # why no worker is used (then the runner's own thread)
        self.apply_seconds: list[float] = []  # the window's time per snapshot taken in
        self._active = False  # a run is going on in the worker
        self._taken = False  # a snapshot of this run was taken in
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_frame)

    @property
    def running(self) -> bool:
        return self._active

    @property
    def worker(self) -> worker.WorkerProcess | None:
        return self._own.worker

    def start(self) -> bool:
        """Start the worker's run from the runner's Trainer; False when it cannot (the
        network cannot be trained as it is, or no worker): the runner trains in its thread."""
        if self.broken is not None:
            return False
        trainer = self._runner.trainer
        try:
            run = capture(trainer, curves=False)
            trainer.sync()
        except NetworkError:
            return False  # the runner's own first tick says why
        try:
            self._prepare(trainer)
        except (OSError, ValueError, RuntimeError) as error:
            self._fail(self.tr("could not start ({error})").format(error=error), running=False)
            return False
        data = trainer.experiment.data
        held = (data, data.inputs, data.targets)
        same = self._data_sent is not None and all(
            a is b for a, b in zip(held, self._data_sent, strict=True))
        self._data_sent = held
        self._number += 1
        self._order = None if run is None else run.order
        self.worker.send("run", worker.run_order(trainer, run, None if same else data,
                                                 self._own.buffer.name, self._number))
        self._due = time.perf_counter() + FRAME_INTERVAL
        self._timer.start(round(1000 * FRAME_INTERVAL))
        self._active, self._taken = True, False
        return True

    def start_worker(self) -> None:
        """Start the worker process now, before the first Run (its imports take most of a
        second, which the learner's first Run would otherwise wait); nothing if it is running
        or cannot be used (the first Run then says why, as it would have)."""
        if self.broken is None and self._own.worker is None:
            try:
                self._start_worker()
            except (OSError, ValueError, RuntimeError):
                pass

    def _start_worker(self) -> None:
        process = worker.WorkerProcess()
        process.start()
        self._own.worker = process
        self._data_sent = None  # a new process holds no data yet

    def _prepare(self, trainer) -> None:
        """A live worker, and a shared block that fits ``trainer``."""
        own = self._own
        if own.worker is not None and own.worker.ended:
            raise RuntimeError("it has ended")
        if own.worker is None:
            self._start_worker()
        if own.buffer is None or worker.slots(own.buffer, trainer) is None:
            own.drop_buffer()
            own.buffer = worker.make_buffer(trainer)
        self._block = worker.slots(own.buffer, trainer)

    def stop(self, keep: bool) -> None:
        """End the worker's run: its last snapshot taken in (``keep``) or dropped."""
        if not self.running:
            return
        self._timer.stop()
        self._active = False
        self.worker.send("pause")
        if not keep or not self._taken:
            return  # (no snapshot yet: the worker may still be starting; nothing was shown)
        deadline = time.perf_counter() + PAUSE_WAIT
        while (left := deadline - time.perf_counter()) > 0:
            snapshot = self._receive(min(left, 0.05))
            if snapshot is False:
                return
            if snapshot is not None and self._take_in(snapshot) and snapshot.final:
                return
        self._fail(self.tr("did not answer a pause"), running=False)

    def pace_changed(self) -> None:
        """The runner's pace changed: a run goes on at full speed in the worker, at a pace in
        the runner's thread (the worker's last snapshot taken in first)."""
        runner = self._runner
        if runner.is_running:
            runner._timer.stop()
            self.stop(keep=True)
            runner._run_on()

    def shut_down(self) -> None:
        """For closing: no timer fires again, the worker ends and the shared block goes."""
        self._timer.stop()
        self._active = False
        self._own.release()

    # ----- a frame -------------------------------------------------------------------------
    def _on_frame(self) -> None:
        runner = self._runner
        if not runner._follow_undo_stack() or not self._active:
            return  # an undo stopped the run (an edit restarted it: this frame goes on)
        final, taken = None, False
        while (snapshot := self._receive(0.0)) is not None:
            if snapshot is False or not self._take_in(snapshot):
                return
            taken = True
            if snapshot.final:
                final = snapshot
        if final is not None:
            if final.result is None:  # a last snapshot not asked for: the worker stopped
                self._fail(self.tr("has ended"), running=True)
                return
            self._active = False
            self.ended.emit(final.result)
            return
        if taken:
            self.worker.want()
            runner._tell_views()
        self._due = max(self._due + FRAME_INTERVAL, time.perf_counter())
        self._timer.start(max(0, round(1000 * (self._due - time.perf_counter()))))

    def _receive(self, wait: float):
        """The next snapshot of this run (None: none yet; False: the worker is gone)."""
        try:
            while (snapshot := self.worker.receive(wait)) is not None:
                if snapshot.number == self._number:
                    return snapshot
        except (EOFError, OSError):
            self._fail(self.tr("has ended"), running=self.running)
            return False
        if self.worker.ended:
            self._fail(self.tr("has ended"), running=self.running)
            return False
        return None

    def _take_in(self, snapshot) -> bool:
        """Apply ``snapshot`` to the runner's Trainer; False (and ``failed``) if it cannot."""
        if snapshot.problem is not None:
            self._fail(self.tr("could not train ({problem})").format(problem=snapshot.problem),
                       running=self.running)
            return False
        started = time.perf_counter()
        if snapshot.order_changed:
            self._order = snapshot.order
        problem = worker.apply_snapshot(self._runner.trainer, snapshot, self._block,
                                        self._order)
        self._taken = True
        self.apply_seconds.append(time.perf_counter() - started)
        if problem is not None:
            self._fail(self.tr("could not train ({problem})").format(problem=problem),
                       running=self.running)
            return False
        return True

    def _fail(self, reason: str, running: bool) -> None:
        self._timer.stop()
        self._active = False
        self.broken = reason
        self._own.release()
        self._runner.notice.emit(self.tr("Training goes on in the window: the training process "
                                         "{reason}.").format(reason=reason))
        if running:  # the run goes on from the last frame's snapshot, in the runner's thread
            self._runner._timer.start()
