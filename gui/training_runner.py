"""Runs the engine's Trainer in small chunks on a timer, so the window never freezes.

A free run at full speed trains in a worker process when it can (gui/training_process.py:
this thread takes in a snapshot and tells the views each 1/60 s); others run here: each tick of
a zero-interval QTimer runs k engine steps, k adapted so that a tick takes about
``tick_budget`` seconds, and cut short so that it ends when the next frame is due. Views are
told once per frame period (``frame_interval``, 1/60 s; twice a frame's measured cost when
that is more, so training always keeps at least half the time): the document emits
``weights_changed(-1)`` and the runner emits ``progressed``. The runner is the only source of
the document's frame clock (gui/frame_clock.py): it says when a run starts and ends and counts
the frames, so views may draw lighter during a run and in full on a pause. The trainer works
on the document's own network arrays, so an edit made while paused is what the next step starts
from. A run's whole parameter change becomes ONE undo step when it pauses or stops; undoing it
also rewinds the run (counters, optimizer state, curves) to where it stood, redo restores it.
The run is saved with the file (``Document.experiment_to_save``), and a saved run carried on.

Divergence (the engine's guard met NaN or infinity) pauses the run with the last finite
parameters in place, and ``diverged`` carries a message saying what happened and what to try.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine.errors import NetworkError
from engine.lesson.quantities import StopReason
from engine.model import initializers
from engine.training.history import History
from engine.training.run_state import RunState, rewind
from engine.training.trainer import RunResult, Trainer
from gui import commands
from gui.divergence_text import divergence_message
from gui.document import Document
from gui.frame_clock import FRAME_INTERVAL, FrameClock
from gui.run_undo import RewindRunCommand, RunRewinder
from gui.training_process import ProcessRun

TICK_BUDGET = 0.010  # seconds of training per timer tick
# views are told every FRAME_INTERVAL (gui/frame_clock.py; training fills the time between):
# 60 a second, every view each frame, when a frame costs little enough (FRAME_COST_FACTOR)
MAX_STEPS_PER_TICK = 1_000_000
# frames come no closer than this many times what one costs (telling views, their painting,
# other events): training keeps at least half the time even when a frame costs more than half
# of FRAME_INTERVAL; a little over 2 as steps run a few percent slower here than alone
FRAME_COST_FACTOR = 2.25
LATENESS_GAIN = 0.2  # how much of a frame's lateness the next frames are aimed earlier
MAX_LATENESS_SHARE = 0.2  # frames are aimed early by at most this share of the frame period
FRAME_SLACK = 0.0005  # seconds: a frame this close to due is told now, not after another tick


class TrainingRunner(QObject):
    """Train the document's network: one step, one epoch, or a run until paused or stopped."""

    progressed = Signal()  # new steps were done: counters and plots may refresh
    diverged = Signal(str)  # what happened and what to try, for the panel and the status bar
    stopped = Signal(str)  # why a run ended by itself (target loss, max epochs, a problem)
    history_replaced = Signal()  # a new run record (new file, new structure, reset)
    about_to_step = Signal()  # train_step is about to take one step (the step-through looks)
    about_to_train = Signal()  # a run, step or epoch is about to start (the timeline goes to now)
    notice = Signal(str)  # a word for the status bar (the worker process could not be used)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self._rewinder = RunRewinder(self)  # undo steps of runs reach the runner through it
        self.tick_budget = TICK_BUDGET
        self.frame_interval = FRAME_INTERVAL
        self._steps_per_tick = 1
        self._last_frame = 0.0
        self._lateness = 0.0  # seconds the frames are aimed early (how late ticks end, smoothed)
        self._training_time = 0.0  # seconds spent in engine steps since the last frame
        self._frame_due = False  # the next tick tells the views instead of training
        self.frame_cost = 0.0  # seconds per frame not spent training (smoothed)
        self.clock = FrameClock.of(document)  # the views' frames: a run's start, end, parity
        self._snapshot: list[np.ndarray] | None = None  # parameters before the current run
        self._snapshot_step = 0  # the step count when it was taken
        self._run_before: RunState | None = None  # where the run stood then (for undo)
        self.message = ""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_tick)
        self._undo_index = 0  # the undo stack's index as the run last left it
        self.pace: float | None = None  # steps a second of a paced run (None: full speed)
        self.in_thread = False  # free runs too stay in this thread (no worker process)
        self._process = ProcessRun(self)
        self._process.ended.connect(self._ended)
        self._new_trainer()
        document.run_in_progress = self._trainer_run_state
        document.experiment_replaced.connect(self._on_experiment_replaced)
        document.structure_changed.connect(self._on_structure_changed)

    # ----- what views read ---------------------------------------------------------------------
    @property
    def trainer(self) -> Trainer:
        return self._trainer

    @property
    def history(self) -> History:
        return self._trainer.history

    @property
    def is_running(self) -> bool:
        return self._timer.isActive() or self._process.running

    @property
    def step_count(self) -> int:
        return self._trainer.step_count

    @property
    def epoch(self) -> int:
        return self._trainer.epoch

    @property
    def last_loss(self) -> float | None:
        return self.history.last_loss

    @property
    def steps_per_tick(self) -> int:
        return self._steps_per_tick

    @property
    def rewinder(self) -> RunRewinder:
        return self._rewinder  # what undo steps of runs call (gui/timeline.py's too)

    def set_pace(self, steps_per_second: float | None) -> None:
        """Runs take that many steps a second, each one shown (None: full speed), at once."""
        self.pace = steps_per_second
        self._timer.setInterval(0 if steps_per_second is None
                                else max(1, round(1000 / steps_per_second)))
        self._process.pace_changed()

    # ----- commands ----------------------------------------------------------------------------
    def train_step(self, text: str | None = None) -> RunResult | None:
        """One training step, one undo step named ``text`` (default: "Train one step")."""
        self.about_to_step.emit()
        return self._train_now(text or self.tr("Train one step"), self._train_one_step)

    def train_epoch(self) -> RunResult | None:
        """Steps to the end of the current epoch, one undo step."""
        return self._train_now(self.tr("Train one epoch"), self._trainer.run_epoch)

    def train_steps(self, steps: int, text: str) -> RunResult | None:
        """``steps`` training steps at once (say for a comparison), one undo step ``text``."""
        return self._train_now(text, lambda: self._trainer.run(steps))

    def _train_one_step(self) -> RunResult:
        return self._trainer.run(1)

    def prepare_worker(self) -> None:
        """Start the training process ahead of the first Run (gui/training_process.py)."""
        self._process.start_worker()

    def start(self) -> None:
        """Run until paused, diverged, or a stop condition (target loss, max epochs) is met."""
        if self.is_running:
            return
        self.about_to_train.emit()
        self.message = ""
        self._take_snapshot()
        self._undo_index = self._document.undo_stack.index()
        self._last_frame = time.perf_counter()
        self._lateness = 0.0
        self._training_time = 0.0
        self.frame_cost = 0.0
        self._frame_due = False
        self._run_on()
        self.clock.set_running(True)

    def _run_on(self) -> None:
        """Train on: in the worker process when it can, else on this thread's timer."""
        if self.pace is not None or self.in_thread or not self._process.start():
            self._timer.start()

    def pause(self) -> None:
        """Stop at once (no step after this) and record the run as one undo step."""
        if not self.is_running:
            return
        self._stop_timer()
        self._record_run()
        self._tell_views()
        self.clock.set_running(False)

    def toggle(self) -> None:
        self.pause() if self.is_running else self.start()

    def reset_parameters(self) -> None:
        """Back to the parameters the file was opened with (re-initialised by Xavier with the
        training seed when the structure has changed since), counters and record cleared."""
        self._stop_without_record()
        network = self._document.network
        opened = self._opened_parameters
        if [p.shape for p in opened] != [p.shape for p in network.parameters()]:
            fresh = network.copy()
            initializers.initialize_network(fresh, "xavier", self._document.training.seed)
            opened = [p.copy() for p in fresh.parameters()]
            text = self.tr("Re-initialise parameters (Xavier)")
        else:
            text = self.tr("Reset parameters to the opened file's")
        if any(not np.array_equal(a, b) for a, b in zip(opened, network.parameters(),
                                                         strict=True)):
            self._document.set_parameters(text, opened)
        self.clear_history()

    def clear_history(self) -> None:
        """Start the count over: step 0, epoch 0, optimizer state and record cleared."""
        self._trainer.reset()
        self.message = ""
        self.history_replaced.emit()
        self.progressed.emit()

    # ----- the timer ---------------------------------------------------------------------------
    def _on_tick(self):
        """Run k steps (about ``tick_budget`` seconds, fewer when a frame is due sooner) and
        adapt k; once the frame period is over the next tick tells the views (never both in
        one tick: a key press waits at most a tick or a frame, not the two)."""
        if not self._follow_undo_stack():
            return
        if self._frame_due:  # a tick of its own, so that input waiting since is answered first
            self._frame_due = False
            self._measure_frame_cost(time.perf_counter())
            self._tell_views()
            return
        started = time.perf_counter()
        # aimed a little early by how late the last ticks ended: frames then come every
        # frame_period on average (a tick's steps are estimated, and overshoot a little)
        due = self._last_frame + self.frame_period - self._lateness
        steps = self._steps_per_tick
        if due - started < self.tick_budget:  # end the tick when the frame is due
            steps = max(1, int(steps * max(0.0, due - started) / self.tick_budget))
        if self.pace is not None:  # a paced run: one step a tick, each one shown
            steps, due = 1, started
        try:
            result = self._trainer.run(steps)
        except NetworkError as error:
            self._halt(self.tr("Training cannot run: {error}.").format(error=error), False)
            return
        finished = time.perf_counter()
        self._training_time += finished - started
        if steps == self._steps_per_tick:
            self._adapt_steps(result.steps, finished - started)
        if not self._ended(result) and finished >= due - FRAME_SLACK:
            late = finished - (self._last_frame + self.frame_period)  # vs. the period itself
            self._lateness = min(max(0.0, self._lateness + LATENESS_GAIN * late),
                                 MAX_LATENESS_SHARE * self.frame_period)
            self._frame_due = True

    @property
    def frame_period(self) -> float:
        """Seconds between two frames: ``frame_interval``, or twice a frame's cost if more."""
        return max(self.frame_interval, FRAME_COST_FACTOR * self.frame_cost)

    def _measure_frame_cost(self, now: float) -> None:
        """What the last frame period spent outside training, smoothed."""
        cost = max(0.0, now - self._last_frame - self._training_time)
        self.frame_cost = cost if not self.frame_cost else 0.7 * self.frame_cost + 0.3 * cost
        self._last_frame = now
        self._training_time = 0.0

    def _adapt_steps(self, steps: int, elapsed: float) -> None:
        if steps < self._steps_per_tick:
            return  # a stop cut the tick short: its time says nothing about the rate
        if elapsed <= 0:
            target = self._steps_per_tick * 2
        else:
            target = int(self._steps_per_tick * self.tick_budget / elapsed)
        # at most double or halve at once, so one slow tick (a repaint, a GC) does not swing it
        target = min(max(target, self._steps_per_tick // 2, 1), 2 * self._steps_per_tick)
        self._steps_per_tick = min(target, MAX_STEPS_PER_TICK)

    def _ended(self, result: RunResult, halt: bool = True) -> bool:
        """Whether ``result`` ended the run by itself; then it says why (the run halted and
        recorded first, when ``halt``)."""
        diverged = result.stopped is StopReason.DIVERGED
        if not (diverged or result.stopped.early):
            return False
        message = divergence_message(result.divergence, self._document) if diverged \
            else self._stop_message(result)
        if halt:
            self._halt(message, diverged)
        else:
            self.message = message
            (self.diverged if diverged else self.stopped).emit(message)
        return True

    def _halt(self, message: str, diverged: bool) -> None:
        self._stop_timer()
        self._record_run()
        self._tell_views()
        self.message = message
        (self.diverged if diverged else self.stopped).emit(message)
        self.clock.set_running(False)

    def _tell_views(self) -> None:
        """Once per frame: record the test loss, redraw weights, refresh counters and plots."""
        if self._trainer.step_count and self._data_fits():
            test_loss = self._trainer.test_loss()
            if test_loss is not None:
                self.history.record_test(test_loss)
        self.clock.tick()
        self._document.announce_parameters_changed()
        self.progressed.emit()

    def _data_fits(self) -> bool:
        data, network = self._document.data, self._document.network
        return data is not None and data.inputs.shape[1] == network.input_size \
            and data.targets.shape[1] == network.output_size

    # ----- one step / one epoch ----------------------------------------------------------------
    def _train_now(self, text: str, action) -> RunResult | None:
        self.about_to_train.emit()
        if self.is_running:
            self.pause()
        self.message = ""
        before, run_before = self._parameters_copy(), self._trainer.run_state()
        try:
            result = action()
        except NetworkError as error:
            self.message = self.tr("Training cannot run: {error}.").format(error=error)
            self.stopped.emit(self.message)
            return None
        self._snapshot, self._run_before = before, run_before
        self._record_run(text)
        self._tell_views()
        self._ended(result, halt=False)
        return result

    # ----- undo: one step per run --------------------------------------------------------------
    def _parameters_copy(self) -> list[np.ndarray]:
        return [p.copy() for p in self._document.network.parameters()]

    def _take_snapshot(self) -> None:
        """Remember the parameters and the run as they are: a run's undo step goes back here."""
        self._snapshot = self._parameters_copy()
        self._snapshot_step = self.step_count
        self._run_before = self._trainer.run_state()

    def _trainer_run_state(self) -> RunState | None:
        return self._trainer.run_state()

    def _rewind_run(self, run: RunState | None) -> None:
        """Undo/redo of a run: counters, optimizer state and curves as they were (or a fresh
        run when ``run`` no longer fits the network)."""
        self._stop_without_record()
        rewind(self._trainer, run)
        self.message = ""
        self.history_replaced.emit()
        self.progressed.emit()

    def _record_run(self, text: str | None = None) -> None:
        if self._snapshot is None:
            return
        snapshot, self._snapshot = self._snapshot, None
        steps = self.step_count - self._snapshot_step
        text = text or commands.train_text(steps)
        rewinding = RewindRunCommand(self._rewinder.rewind, self._run_before,
                                     self._trainer.run_state())
        self._document.record_parameters_changed(text, snapshot, rewinding)

    def _follow_undo_stack(self) -> bool:
        """Another edit or an undo landed since the last tick: False if the run must stop.

        The stack is looked at here, once a tick, rather than through its indexChanged signal,
        so the runner is never called from inside a push, an undo or the stack's destruction.
        An undo stops the run (the learner wants the earlier state); a new edit (say the
        learning rate) records the run so far as one undo step and the run carries on.
        """
        stack = self._document.undo_stack
        if stack.index() == self._undo_index:
            return True
        if stack.index() < stack.count():
            self._stop_without_record()
            return False
        restart = self._process.running  # what the worker did since the last frame is dropped
        self._process.stop(keep=False)
        self._record_run()
        self._take_snapshot()
        self._undo_index = stack.index()
        if restart:
            self._run_on()
        return True

    def _stop_without_record(self) -> None:
        self._snapshot = None
        if self.is_running:
            self._stop_timer(keep=False)
            self._tell_views()
            self.clock.set_running(False)

    # ----- the document changed ----------------------------------------------------------------
    def _new_trainer(self) -> None:
        network = self._document.network
        self._trainer = Trainer(self._document.experiment, History(len(network.layers)))
        self._opened_parameters = [p.copy() for p in network.parameters()]
        self._steps_per_tick = 1
        if self._trainer.discarded_run is not None:
            self.message = self.tr(
                "The file's training run cannot be carried on ({reason}): training starts a "
                "fresh run.").format(reason=self._trainer.discarded_run)

    def _on_experiment_replaced(self):
        self._stop_without_record()
        self.message = ""
        self._new_trainer()
        self.history_replaced.emit()
        self.progressed.emit()

    def _on_structure_changed(self):
        # the structure command stored the trained network as its "before": nothing to record
        self._stop_without_record()
        if self.history.n_layers != len(self._document.network.layers):
            self._trainer.reset()
            self.history_replaced.emit()
            self.progressed.emit()

    def _stop_timer(self, keep: bool = True) -> None:
        """No more ticks (the worker's last snapshot taken in, if ``keep``): the frame told
        next is the run's last, drawn in full."""
        self._timer.stop()
        self._process.stop(keep)
        self.clock.last_frame_comes()

    def _stop_message(self, result: RunResult) -> str:
        settings = self._document.training
        if result.stopped is StopReason.TARGET_LOSS:
            return self.tr("Stopped by itself: the loss {loss} reached the target {target} at "
                           "step {step}.").format(loss=f"{result.loss:.4g}", step=self.step_count,
                                                  target=f"{settings.target_loss:g}")
        return self.tr("Stopped by itself after {epochs} epochs (step {step}).").format(
            epochs=settings.max_epochs, step=self.step_count)

    def take_over(self, other: TrainingRunner) -> None:
        """Continue ``other``'s run record (the window was built again, e.g. in another
        language): its trainer, counters, curves and optimizer state; ``other`` stops."""
        other.stop_timers()
        self._trainer, self._opened_parameters = other._trainer, other._opened_parameters
        self._undo_index, self.message = other._undo_index, other.message
        self._rewinder = other._rewinder  # the undo stack's run steps now rewind this runner
        self._rewinder.runner = self
        self.history_replaced.emit()
        self.progressed.emit()

    def stop_timers(self) -> None:
        """For closing: no timer may fire after the document is gone, no worker is left."""
        self._stop_without_record()
        self._process.shut_down()
