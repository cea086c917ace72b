"""The window's timeline: look at the network as it was at an earlier step of the run.

:class:`TimelineController` offers the engine's :class:`~engine.training.timeline.Timeline`
a checkpoint after every frame of training and after every edit, undo or new run. Showing
step N ("viewing step N", :attr:`viewing`) writes the parameters of step N into the network's
arrays *for display only*: no undo step, the document stays unmodified, the run stays where
it is; every view (canvas, inspector, output map, landscape) redraws as after a training
frame. Going back to now puts the current values back. The window returns to now by itself
before anything that would act on the network: training, any edit (every push onto the undo
stack), saving; undo and redo are switched off while viewing. "Continue from here" makes the
shown step the current network and run (parameters, counters, optimizer state, curves cut
back to it) as one undoable step.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.errors import NetworkError
from engine.training.history import History
from engine.training.history_state import history_state, restore_history
from engine.training.run_state import capture
from engine.training.timeline import Timeline
from gui.run_undo import RewindRunCommand
from gui.training_runner import TrainingRunner

NOW = -1  # viewing_changed's value when the window shows the network as it is now


class TimelineController(QObject):
    """The checkpoints of the document's run and the "viewing step N" state."""

    viewing_changed = Signal(int)  # the step shown, or NOW
    range_changed = Signal()  # the steps that can be shown changed

    def __init__(self, document, runner: TrainingRunner, undo_action=None, redo_action=None,
                 undo_view=None, parent=None):
        super().__init__(parent)
        self._document = document
        self._runner = runner
        self._undo_items = (undo_action, redo_action, undo_view)  # off while viewing
        self.store = Timeline()
        self.viewing: int | None = None  # the step shown (None: now)
        self._now: list[np.ndarray] | None = None  # the current parameters, while viewing
        stack = document.undo_stack
        push, begin = stack.push, stack.beginMacro
        # every edit goes through the stack: leave the past first, so it edits the present
        stack.push = lambda command: (self.back_to_now(), push(command))[1]
        stack.beginMacro = lambda text: (self.back_to_now(), begin(text))[1]
        saved_run = document.run_in_progress
        document.run_in_progress = lambda: (self.back_to_now(),
                                            saved_run() if saved_run else None)[1]
        stack.indexChanged.connect(self._on_changed)
        runner.about_to_train.connect(self.back_to_now)
        runner.progressed.connect(self._on_progressed)
        runner.history_replaced.connect(self._on_changed)
        document.experiment_replaced.connect(self._on_experiment_replaced)
        self._measure_epochs()
        self.store.offer(runner.trainer, changed=True)

    # ----- keeping checkpoints ---------------------------------------------------------------
    def _on_progressed(self):
        if self.viewing is None:
            self._measure_epochs()
            self.store.offer(self._runner.trainer)
            self.range_changed.emit()

    def _on_changed(self, *_):
        if self.viewing is None:
            self._measure_epochs()
            self.store.offer(self._runner.trainer, changed=True)
            self.range_changed.emit()

    def _on_experiment_replaced(self):
        """A new file: the shown values belong to the old network; nothing to put back."""
        was_viewing = self.viewing is not None
        self._now, self.viewing = None, None
        self._enable_undo(True)
        self.store.clear()
        self._on_changed()
        if was_viewing:
            self.viewing_changed.emit(NOW)

    def _measure_epochs(self):
        """The whole training set's loss at every epoch end (when the data fits)."""
        trainer = self._runner.trainer
        history = self._runner.history

        def measure():
            try:
                return trainer.training_loss()
            except (NetworkError, ValueError):
                return float("nan")
        if history.measure_epoch is None:
            history.measure_epoch = measure

    # ----- viewing a past step ---------------------------------------------------------------
    def show_step(self, step: int) -> int | None:
        """Show the network at ``step`` (snapped to a step the timeline holds; the current step
        is "now"); the step shown, or None when there is nothing to show."""
        if self._runner.is_running:
            self._runner.pause()
        shown = self.store.shown_step(step)
        if shown is None:
            return None
        if shown == self._runner.step_count:
            self.back_to_now()
            return shown
        try:
            values = self.store.parameters_at(shown)
        except (NetworkError, ValueError):
            return None
        network = self._document.network
        if [v.shape for v in values] != [p.shape for p in network.parameters()]:
            return None
        if self._now is None:
            self._now = [p.copy() for p in network.parameters()]
            self._enable_undo(False)
        for target, value in zip(network.parameters(), values, strict=True):
            target[...] = value
        self.viewing = shown
        self._document.announce_parameters_changed()
        self.viewing_changed.emit(shown)
        return shown

    def back_to_now(self) -> None:
        """Show the network as it is now (nothing to do when already so)."""
        if self._now is None:
            return
        for target, value in zip(self._document.network.parameters(), self._now, strict=True):
            target[...] = value
        self._now, self.viewing = None, None
        self._enable_undo(True)
        self._document.announce_parameters_changed()
        self.viewing_changed.emit(NOW)

    def _enable_undo(self, enabled: bool) -> None:
        stack = self._document.undo_stack
        states = (stack.canUndo(), stack.canRedo(), True) if enabled else (False,) * 3
        for item, state in zip(self._undo_items, states, strict=True):
            if item is not None:
                item.setEnabled(state)

    # ----- carrying on from a past step ------------------------------------------------------
    def continue_from_here(self) -> bool:
        """Make the shown step the current network and run, one undo step; False if not
        viewing."""
        step = self.viewing
        if step is None:
            return False
        past = self.store.trainer_at(step)
        parameters = [p.copy() for p in past.network.parameters()]
        run = capture(past)
        runner = self._runner
        if run is not None:
            curves = History(runner.history.n_layers)
            restore_history(curves, history_state(runner.history))
            curves.truncate(step)
            run.history = history_state(curves)
        self.back_to_now()
        before = runner.trainer.run_state()
        stack = self._document.undo_stack
        text = self.tr("Continue from step {step}").format(step=f"{step:,}")
        stack.beginMacro(text)
        self._document.set_parameters(text, parameters)
        runner.rewinder.rewind(run)
        stack.push(RewindRunCommand(runner.rewinder.rewind, before, run))
        stack.endMacro()
        return True
