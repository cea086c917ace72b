"""Dead and saturated units on the document's training data, from engine.diagnostics.

The diagnosis is one forward pass over the whole training set, so it is made lazily when the
canvas paints after a change and, during training, no more often than every MIN_INTERVAL
seconds nor than its own cost allows: after a diagnosis that took t seconds the next waits at
least COST_FACTOR · t (a big data set then costs a small share of the frames). A change skipped
that way is picked up by a later frame; ``pending`` tells the canvas to ask again once the wait
is over. A learner's own edit is diagnosed at once.
"""

from __future__ import annotations

import time

from engine import diagnostics
from engine.errors import NetworkError

COST_FACTOR = 19.0  # while training a diagnosis may use at most 1 / (1 + COST_FACTOR) of the time
MIN_INTERVAL = 0.25  # seconds: while training, units are re-diagnosed at most 4 times a second


class UnitHealth:
    """The latest ``diagnostics.Diagnosis`` of ``document``'s network on its training inputs."""

    def __init__(self, document, clock=time.perf_counter):
        self._document = document
        self._clock = clock
        self._diagnosis: diagnostics.Diagnosis | None = None
        self._stale = True
        self._next_allowed = 0.0
        self.computations = 0

    def invalidate(self, throttled: bool = False) -> None:
        """The weights or data changed. ``throttled``: a training frame, which may wait."""
        self._stale = True
        if not throttled:
            self._next_allowed = 0.0

    @property
    def pending(self) -> bool:
        """A change is not yet diagnosed (the wait after the last diagnosis is not over)."""
        return self._stale

    def wait_left(self) -> float:
        """Seconds until a pending change may be diagnosed (0 when it may be now)."""
        return max(0.0, self._next_allowed - self._clock())

    def diagnosis(self) -> diagnostics.Diagnosis | None:
        """The per-layer health, recomputed first when stale and allowed; None without data."""
        if self._stale and self.wait_left() == 0.0:
            self._compute()
        return self._diagnosis

    def layer(self, column: int) -> diagnostics.LayerHealth | None:
        """The health of ``column`` (1 = the first engine layer); None for inputs or no data."""
        found = self.diagnosis()
        if found is None or column < 1 or column > len(found.layers):
            return None
        return found.layers[column - 1]

    def _compute(self) -> None:
        self._stale = False
        network, data = self._document.network, self._document.data
        self._diagnosis = None
        if data is None or len(data) == 0 or data.inputs.shape[1] != network.input_size:
            return
        start = self._clock()
        try:
            self._diagnosis = diagnostics.diagnose(network, data.inputs)
        except NetworkError:
            return
        self.computations += 1
        finished = self._clock()
        self._next_allowed = finished + max(MIN_INTERVAL, COST_FACTOR * (finished - start))
