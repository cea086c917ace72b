"""Loss-landscape grids computed off the event loop, newest request first.

One background thread (``concurrent.futures``, shared by every view) runs the engine's
:func:`~engine.analysis.loss_landscape.loss_landscape` and
:func:`~engine.analysis.critical_points.shape_on_grid` on a copy of the network, so training may
change the document's arrays meanwhile. At most one grid is computed at a time; a request made
meanwhile waits (a newer one replaces it), and a grid whose request is no longer the newest is
cancelled between two of its chunks. A short timer in the GUI thread collects the finished grid
and hands it to ``done``; nothing crosses threads but the request and its result.

A request with ``directions`` asks for the slice along two random directions
(engine/analysis/random_slice.py) instead, in single precision (half the time and memory of a
large network's slice; E to about 1e-6 relative), centred on the current point's projection.
The thread's matrix products use one BLAS thread (engine/analysis/blas_threads.py): measured
faster for these small products, and it leaves the other core to the window.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QTimer

from engine.analysis.blas_threads import use_one_blas_thread
from engine.analysis.critical_points import LocalShape, shape_on_grid
from engine.analysis.loss_landscape import Cancelled, LossLandscape, loss_landscape
from engine.analysis.random_slice import (
    Direction,
    RandomSlice,
    parameter_vector,
    project,
    random_directions,
    random_slice,
)
from engine.errors import NetworkError
from engine.lesson.quantities import Quantity
from engine.model.network import Network

POLL_MS = 5  # how often the GUI thread looks for a finished grid
# one thread for every landscape view of the program (Python joins it at exit)
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="landscape")


@dataclass(frozen=True)
class LandscapeRequest:
    """What to compute: the network (a copy), the whole training set, the parameters."""

    number: int
    network: Network
    inputs: np.ndarray
    targets: np.ndarray
    parameters: tuple[Quantity, ...]
    span: float
    points: int
    asked: float  # time.perf_counter() when asked (for the benchmark)
    directions: tuple[Direction, Direction] | None = None  # a random slice along these
    origin: np.ndarray | None = None  # θ (P,) where the directions were drawn
    draw: tuple[Network, int] | None = None  # no directions yet: draw them (network, seed)


@dataclass(frozen=True)
class LandscapeResult:
    """The grid and the verdict of one request, or why there is none (``problem``); for a
    random slice ``slice`` and ``position``, the current point's (α, β) from the origin."""

    request: LandscapeRequest
    landscape: LossLandscape | None
    shape: LocalShape | None
    problem: str = ""
    slice: RandomSlice | None = None
    position: tuple[float, float] | None = None


class _Newest:
    """The number of the newest request: a plain object, the only thing the background thread
    reads of the worker (a Qt object must not be touched from another thread)."""

    def __init__(self):
        self.number = 0


class LandscapeWorker(QObject):
    """Computes requests in a background thread; ``done(result)`` runs in the GUI thread for
    each request that is still the newest when it finishes."""

    def __init__(self, done: Callable[[LandscapeResult], None], parent=None):
        super().__init__(parent)
        # held weakly: the view owns the worker, and a cycle back to it would leave the view's
        # Qt items to be freed by the garbage collector at some later, unsafe moment
        self._done = weakref.WeakMethod(done)
        self._future: Future | None = None
        self._waiting: LandscapeRequest | None = None
        self._newest = _Newest()
        self.computed = 0  # grids finished (tests, benchmark)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

    @property
    def busy(self) -> bool:
        return self._future is not None or self._waiting is not None

    def ask(self, network: Network, inputs, targets, parameters, span: float,
            points: int, directions=None, origin=None, copied: bool = False,
            draw=None) -> None:
        """Compute a grid for these (the network is copied now, unless it is ``copied``
        already: a copy no one changes); older requests are dropped. With ``directions`` (and
        their ``origin``) a random slice, ``parameters`` unused; with ``draw`` = (network,
        seed) instead, the slice along directions the worker draws from that network
        (``random_directions``: the same ones for the same network and seed)."""
        self._newest.number += 1
        self._waiting = LandscapeRequest(self._newest.number,
                                         network if copied else network.copy(), inputs, targets,
                                         tuple(parameters), span, points, time.perf_counter(),
                                         directions, origin, draw)
        if self._future is None:
            self._start_waiting()

    def cancel(self) -> None:
        """Nothing asked so far is wanted any more."""
        self._newest.number += 1
        self._waiting = None

    def _start_waiting(self) -> None:
        request, self._waiting = self._waiting, None
        if request is None:
            self._timer.stop()
            return
        self._future = _EXECUTOR.submit(_compute, request, self._newest)
        self._timer.start()

    def _collect(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        result = future.result()
        done = self._done()
        if done is not None and result is not None and result.request.number == self._newest.number:
            self.computed += 1
            done(result)
        self._start_waiting()

    def wait(self, timeout: float = 5.0) -> None:
        """Block until every request is computed and handed over (tests, benchmarks)."""
        end = time.perf_counter() + timeout
        while self.busy and time.perf_counter() < end:
            if self._future is not None:
                self._future.result(timeout=max(0.0, end - time.perf_counter()))
            self._collect()


def _compute(request: LandscapeRequest, newest: _Newest) -> LandscapeResult | None:
    """In the background thread: the grid and verdict, None when cancelled."""
    use_one_blas_thread()

    def stop() -> bool:
        return newest.number != request.number

    try:
        if request.directions is not None or request.draw is not None:
            return _compute_slice(request, stop)
        landscape = loss_landscape(
            request.network, request.inputs, request.targets, request.parameters,
            request.span, request.points, stop=stop,
        )
        shape = shape_on_grid(request.network, request.inputs, request.targets, landscape)
    except Cancelled:
        return None
    except NetworkError as error:
        return LandscapeResult(request, None, None, str(error))
    return LandscapeResult(request, landscape, shape)


def _compute_slice(request: LandscapeRequest, stop) -> LandscapeResult:
    """The random slice through the current point, its axes at the point's (α, β)."""
    network = request.network
    directions = request.directions if request.draw is None else random_directions(*request.draw)
    position = project(directions, request.origin, parameter_vector(network))[0]
    at = (float(position[0]), float(position[1]))
    grid = random_slice(network, request.inputs, request.targets, span=request.span,
                        points=request.points, stop=stop, directions=directions,
                        dtype=np.float32, at=at)
    return LandscapeResult(request, None, None, slice=grid, position=at)
