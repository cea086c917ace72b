"""Where the network's current parameters came from, for "Explain This Number".

Either an update whose steps the step-through holds (its trace: ``last_update``), or a
training step of the runner (``trained_at``: its step and epoch count), or neither (the file,
an edit, an undo). Both are kept only as long as they are exact: a trace explains the
parameters while they equal its update's new values, bit for bit.
"""

from __future__ import annotations

import numpy as np

from engine.lesson.steps import Trace


class ParameterOrigin:
    """The last update (a trace) and the training step that set the current parameters."""

    def __init__(self, document):
        self._document = document
        self.last_update: Trace | None = None
        self.trained_at: tuple[int, int] | None = None  # (step, epoch) as the runner counts
        self._seen: tuple[int, int] | None = None  # the runner's count when last told

    def sets_current(self, trace: Trace | None) -> bool:
        """Whether ``trace``'s update left exactly the parameters the network has now."""
        if trace is None:
            return False
        new = trace.data.new_network.parameters()
        current = self._document.network.parameters()
        return len(new) == len(current) and all(
            a.shape == b.shape and np.array_equal(a, b) for a, b in zip(current, new, strict=True)
        )

    def update_applied(self, trace: Trace) -> None:
        """The step-through applied ``trace``'s update."""
        self.last_update = trace

    def weights_changed(self, candidate: Trace | None = None) -> None:
        """The parameters changed: ``candidate`` is a trace whose update may have set them
        (training just took the step it shows); training says so just after (see
        ``training_progressed``), anything else leaves no training step behind them."""
        if self.sets_current(candidate):
            self.last_update = candidate
        elif not self.sets_current(self.last_update):
            self.last_update = None
        self.trained_at = None

    def training_progressed(self, step: int, epoch: int) -> None:
        """The runner's counters now: a new step count means its step set the parameters."""
        if (step, epoch) != self._seen:
            self._seen = (step, epoch)
            self.trained_at = (step, epoch) if step else None

    def forget(self) -> None:
        """A new network or structure: nothing set the parameters but the file or an edit."""
        self.last_update = self.trained_at = None
