"""The numbers the window derives from the document, computed once per change and read by every
view: the chosen sample's forward and backward pass, a forward pass over the first rows (the
activation plot's marks) and the dead/saturated diagnosis of the units.

All of it is the engine's math (engine/model/network.py, engine/analysis/diagnostics.py); this
object only decides when to ask for it. A result is computed when first read after a change of the
weights, the data or the structure, and kept until the next change; the sample pass also per chosen
sample. There is one per document (:meth:`DerivedNumbers.of`), so views find it by their
document.

The diagnosis covers every training row up to MAX_DIAGNOSED_ROWS (the canvas and the training
panel read the same one, so they agree); a bigger set is diagnosed on every k-th row, k =
⌈rows / MAX_DIAGNOSED_ROWS⌉, so a change costs a bounded time (about 20 ms) however big the set,
and ``UnitHealth.rows_note()`` says so where it is shown. It is made lazily and, during training, no
more often than every MIN_INTERVAL seconds nor than its own cost allows: after a diagnosis that
took t seconds the next waits at least COST_FACTOR · t (a big data set then costs a small share
of the frames). ``pending`` says a change waits; a learner's own edit is diagnosed at once.

One sample's share of each layer's gradient (the depth view's diamonds, a forward and backward
pass over the first SAMPLE_ROWS rows) follows the same rule with a lower floor: during training
it is measured again once COST_FACTOR times its last cost and SHARES_INTERVAL have passed, which
for a small network is ten times a second and for a 784-128-10 one a few times a second.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt

from engine.analysis import diagnostics
from engine.errors import NetworkError
from engine.model.network import ForwardPass, Gradients
from gui.document import ALL_LAYERS

FIRST_ROWS = 200  # rows of the forward pass the activation plot marks
COST_FACTOR = 19.0  # while training a diagnosis may use at most 1 / (1 + COST_FACTOR) of the time
MIN_INTERVAL = 0.25  # seconds: while training, units are re-diagnosed at most 4 times a second
MAX_DIAGNOSED_ROWS = 50_000  # a bigger data set is diagnosed on evenly spaced rows
SAMPLE_ROWS = 256  # one sample's share of the gradient is measured on these rows
SHARES_INTERVAL = 0.1  # seconds: while training, the shares are measured at most 10 times a second


@dataclass(frozen=True)
class SamplePass:
    """The engine's forward pass of data row ``row`` (a batch of one) and, when the targets fit
    the outputs, its backward pass (``gradients``, with the loss E of that sample)."""

    row: int
    forward: ForwardPass
    gradients: Gradients | None

    @property
    def loss(self) -> float | None:
        return None if self.gradients is None else self.gradients.loss


class Throttled:
    """A number computed again after a change, during training no sooner than its cost allows
    (see the module text): ``pending`` says a change waits, ``wait_left`` for how long."""

    def __init__(self, clock=time.perf_counter):
        self._clock = clock
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
        """A change is not yet computed (the wait after the last computation is not over)."""
        return self._stale

    def wait_left(self) -> float:
        """Seconds until a pending change may be computed (0 when it may be now)."""
        return max(0.0, self._next_allowed - self._clock())

    def _due(self, now: bool) -> bool:
        """Whether to compute now: stale, and ``now`` (even during the wait) or waited."""
        return self._stale and (now or self.wait_left() == 0.0)

    def _computed(self, start: float, least: float) -> None:
        """A computation begun at ``start`` ended: the next waits COST_FACTOR times its cost,
        at least ``least`` seconds."""
        self.computations += 1
        finished = self._clock()
        self._next_allowed = finished + max(least, COST_FACTOR * (finished - start))


class UnitHealth(Throttled):
    """The latest ``diagnostics.Diagnosis`` of ``document``'s network on its training rows
    (with the accuracy when the targets fit the outputs)."""

    def __init__(self, document, clock=time.perf_counter):
        super().__init__(clock)
        self._document_ref = weakref.ref(document)
        self._diagnosis: diagnostics.Diagnosis | None = None
        self.problem = ""  # why the units cannot be diagnosed ("" when they can)
        self.rows = self.rows_diagnosed = 0  # training rows, and how many the diagnosis read

    def diagnosis(self, now: bool = False) -> diagnostics.Diagnosis | None:
        """The per-layer health, recomputed first when stale and allowed (``now``: even during
        the wait); None without data."""
        if self._due(now):
            self._compute()
        return self._diagnosis

    def layer(self, column: int) -> diagnostics.LayerHealth | None:
        """The health of ``column`` (1 = the first engine layer); None for inputs or no data."""
        found = self.diagnosis()
        if found is None or column < 1 or column > len(found.layers):
            return None
        return found.layers[column - 1]

    def rows_note(self) -> str:
        """"" when every training row was diagnosed, else which of them were."""
        if self.rows_diagnosed == self.rows:
            return ""
        return QCoreApplication.translate(
            "UnitHealth", " (on one row in {k}: {diagnosed:,} of {rows:,})"
        ).format(k=self._stride(self.rows), diagnosed=self.rows_diagnosed, rows=self.rows)

    @staticmethod
    def _stride(rows: int) -> int:
        return max(1, -(-rows // MAX_DIAGNOSED_ROWS))

    def _compute(self) -> None:
        self._stale = False
        document = self._document_ref()
        network, data = document.network, document.data
        self._diagnosis, self.problem = None, ""
        self.rows = self.rows_diagnosed = 0
        if data is None or len(data) == 0:
            return
        targets = data.targets if data.targets.shape[1:] == (network.output_size,) else None
        stride = self._stride(len(data))  # evenly spaced rows: a bounded cost per change
        inputs = data.inputs[::stride]
        targets = None if targets is None else targets[::stride]
        start = self._clock()
        try:
            self._diagnosis = diagnostics.diagnose(network, inputs, targets)
        except NetworkError as error:
            self.problem = str(error)
            return
        self.rows, self.rows_diagnosed = len(data), len(inputs)
        self._computed(start, MIN_INTERVAL)


class SampleShares(Throttled):
    """One sample's share of each layer's gradient now, the mean over the first SAMPLE_ROWS
    training rows of ‖∂Eᵢ/∂W⁽ˡ⁾‖ (engine.analysis.diagnostics.sample_gradient_norms): (L,),
    empty without fitting data."""

    def __init__(self, document, clock=time.perf_counter):
        super().__init__(clock)
        self._document_ref = weakref.ref(document)
        self._norms = np.array([])

    def norms(self, now: bool = False) -> np.ndarray:
        """The shares, measured again first when stale and allowed (``now``: even during the
        wait)."""
        if self._due(now):
            self._stale = False
            start = self._clock()
            self._norms = self._measure()
            # (every frame they took 1 ms of the window's 16.7: a statistic of 256 samples
            # needs no more than ten looks a second)
            self._computed(start, SHARES_INTERVAL)
        return self._norms

    def _measure(self) -> np.ndarray:
        document = self._document_ref()
        network, data = document.network, document.data
        if data is None or len(data) == 0 or data.inputs.shape[1] != network.input_size \
                or data.targets.shape[1] != network.output_size or not network.layers:
            return np.array([])
        rows = slice(0, SAMPLE_ROWS)
        return diagnostics.sample_gradient_norms(network, data.inputs[rows], data.targets[rows])


class DerivedNumbers(QObject):
    """What the views show that the engine computes from the document, once per change."""

    def __init__(self, document, parent=None):
        super().__init__(parent if parent is not None else document)
        self._document_ref = weakref.ref(document)  # its parent: no cycle that only GC frees
        self._sample_pass: SamplePass | None = None
        self._first_rows: ForwardPass | None = None
        self._first_rows_known = False
        self.health = UnitHealth(document)
        self.sample_shares = SampleShares(document)
        # connected before any view's slots (views ask for this object first), so a view
        # reading it from its own slot reads numbers of the new state
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._forget)
        document.structure_changed.connect(self._forget)
        document.experiment_replaced.connect(self._forget)

    @property
    def _document(self):
        return self._document_ref()

    @classmethod
    def of(cls, document) -> DerivedNumbers:
        """The one ``DerivedNumbers`` of ``document`` (made, as its child, when first asked)."""
        found = document.findChild(cls, "", Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else cls(document)

    # ----- what views read ---------------------------------------------------------------------
    def sample_pass(self, sample: int) -> SamplePass | None:
        """Forward and backward pass of data row ``sample`` (clamped to the rows), or None
        without data or when the data do not fit the inputs."""
        data, network = self._document.data, self._document.network
        if data is None or len(data) == 0 or data.inputs.shape[1] != network.input_size:
            return None
        row = min(max(sample, 0), len(data) - 1)
        if self._sample_pass is None or self._sample_pass.row != row:
            forward = network.forward(data.inputs[row : row + 1])
            gradients = None
            if network.layers and data.targets.shape[1] == network.output_size:
                gradients = network.backward(forward, data.targets[row : row + 1],
                                             need_input_grad=False)
            self._sample_pass = SamplePass(row, forward, gradients)
        return self._sample_pass

    def loss(self, sample: int) -> float | None:
        """E of data row ``sample`` (None without data or when the targets do not fit)."""
        found = self.sample_pass(sample)
        return None if found is None else found.loss

    def first_rows_pass(self) -> ForwardPass | None:
        """The forward pass of the first FIRST_ROWS data rows; None without fitting data."""
        if not self._first_rows_known:
            data, network = self._document.data, self._document.network
            self._first_rows = None
            if data is not None and len(data) and data.inputs.shape[1] == network.input_size:
                self._first_rows = network.forward(data.inputs[:FIRST_ROWS])
            self._first_rows_known = True
        return self._first_rows

    # ----- the document changed ----------------------------------------------------------------
    def _on_weights_changed(self, layer: int) -> None:
        self._forget_passes()
        for part in (self.health, self.sample_shares):  # all layers: a training frame
            part.invalidate(throttled=layer == ALL_LAYERS)

    def _forget(self) -> None:
        self._forget_passes()
        self.health.invalidate()
        self.sample_shares.invalidate()

    def _forget_passes(self) -> None:
        self._sample_pass = None
        self._first_rows = None
        self._first_rows_known = False
