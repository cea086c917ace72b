"""Undo steps of training runs: what a run's undo step holds and whom it calls.

A run's undo step (gui/training_runner.py) is the parameters' change together with a
:class:`RewindRunCommand`: the run as it stood before (undo) and after (redo). It reaches the
runner through a :class:`RunRewinder`, which the runner of a window built again takes over.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from engine.training.run_state import RunState


class RunRewinder:
    """What a run's undo step calls: the runner of the window showing the document now.

    The undo stack outlives a window built again (say in another language), so its commands
    hold this plain object, which the new runner takes over, never the old runner itself.
    """

    def __init__(self, runner):  # a gui.training_runner.TrainingRunner
        self.runner = runner

    def rewind(self, run: RunState | None) -> None:
        self.runner._rewind_run(run)


class RewindRunCommand(QUndoCommand):
    """Part of a run's undo step: the run as it stood before (undo) and after (redo)."""

    def __init__(self, rewind_to, before: RunState | None, after: RunState | None):
        super().__init__()
        self._rewind_to, self._before, self._after = rewind_to, before, after
        self._done = True  # pushed after the run: the first redo has nothing to do

    def redo(self):
        if not self._done:
            self._rewind_to(self._after)
        self._done = False

    def undo(self):
        self._rewind_to(self._before)
