"""Training in a worker process, so that the window's thread only draws.

The parent (the window) keeps the one :class:`~engine.training.trainer.Trainer` every view
reads; a :class:`WorkerProcess` trains a twin of it in a child process made with the *spawn*
start method (never fork: the parent holds Qt's threads and locks) and sends it back in
**snapshots**, which :func:`apply_snapshot` puts into the parent's trainer. After each applied
snapshot the parent's trainer is bit for bit the worker's at that step: the same engine code
trains the same numbers in the same order with the same BLAS thread count (the child inherits
the parent's environment, where ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` are chosen before
numpy is imported: main.py).

Protocol (a duplex :func:`multiprocessing.Pipe`; the parent's messages go out through one
sender thread, in order, so a large first message never blocks the window):

- parent → worker: ``("run", RunOrder)`` start training from the order's network, settings,
  data (None: the previous run's) and :class:`~engine.training.run_state.RunState` (curves
  left out); ``("pause",)`` stop after the current chunk of steps and send a final snapshot;
  ``("quit",)`` end the process.
- parent → worker, without a message: the **want flag**, one shared byte the parent sets when
  it has taken in the last snapshot (the next may be written) and the worker clears when it
  writes one. A message would wake the parent's sender thread on every frame: a thread switch
  and a hand-over of Python's lock in the window's thread, 60 times a second.
- worker → parent: :class:`Snapshot` objects (small: counters, the generator's state, the
  epoch's order when it changed, the history records since the last one, the RunResult when
  the run ended by itself).

The large numbers — the parameters θ (P,) and the optimizer's arrays (SGD with momentum: v;
Adam: m, v; each (P,)) — go through a shared memory block of ``2 × (1 + A) × P`` float64
numbers (A optimizer arrays): slot 0 for the regular snapshots, written only when the parent
has set the want flag (so never while the parent reads it), slot 1 for a run's final snapshot.
The parent makes the block (:func:`make_buffer`) and unlinks it; the worker attaches by name.
A regular snapshot is written once a chunk of steps (about ``CHUNK_SECONDS``) has ended and
the parent wants one: about every 1/60 s when the parent takes one per frame.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import pickle
import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import shared_memory

import numpy as np

from engine.errors import NetworkError
from engine.lesson.quantities import StopReason
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Network
from engine.training.history import History
from engine.training.run_state import RunState, resume
from engine.training.trainer import RunResult, Trainer

CHUNK_SECONDS = 0.003  # steps between two looks at the pipe (a pause waits at most this)
REGULAR, FINAL = 0, 1  # the shared block's slots


@dataclass
class RunOrder:
    """What a run starts from: ``run`` None is a fresh run; ``data`` None the last run's data;
    ``measure_epochs``: E over the whole training set at each epoch end; ``buffer`` the shared
    block's name; ``number`` tells this run's snapshots from an earlier run's."""

    network: Network
    settings: TrainingSettings
    data: Dataset | None
    run: RunState | None
    measure_epochs: bool
    buffer: str
    number: int


@dataclass
class Snapshot:
    """The worker's run at step ``steps``. ``records``: the loss (k,) and gradient norms
    (k, L) of the steps since the last snapshot; ``epoch_ends``: (step, E over the training set
    or None) of the epochs ended since; ``order`` the epoch's order when ``order_changed``;
    ``scalars`` the optimizer state's numbers (its ``arrays``, named, are in the shared block's
    ``slot`` after θ);
    ``result`` how the run ended by itself (None: it goes on, or was paused); ``problem`` why
    the worker could not train (then nothing else counts)."""

    number: int
    slot: int
    steps: int = 0
    epochs: int = 0
    position: int = 0
    order: np.ndarray | None = None
    order_changed: bool = False
    rng: dict = field(default_factory=dict)
    optimizer: str = "sgd"
    scalars: dict = field(default_factory=dict)
    arrays: list = field(default_factory=list)
    losses: np.ndarray | None = None
    grad_norms: np.ndarray | None = None
    epoch_ends: list = field(default_factory=list)
    result: RunResult | None = None
    final: bool = False
    problem: str | None = None


def array_names(trainer: Trainer) -> list[str]:
    """The optimizer state's array entries (the shared block's rows after θ), in order."""
    return _arrays_of(trainer.optimizer.saved_state())


def _arrays_of(state: dict) -> list[str]:
    return sorted(name for name, value in state.items() if isinstance(value, np.ndarray))


def make_buffer(trainer: Trainer) -> shared_memory.SharedMemory:
    """A shared block for ``trainer``'s snapshots: 2 slots × (1 + A) rows × P float64."""
    rows, size = 1 + len(array_names(trainer)), trainer._params.size
    return shared_memory.SharedMemory(create=True, size=max(8, 2 * rows * size * 8))


def slots(buffer: shared_memory.SharedMemory, trainer: Trainer) -> np.ndarray | None:
    """The block as (2, 1 + A, P) float64, or None when it does not fit ``trainer``."""
    rows, size = 1 + len(array_names(trainer)), trainer._params.size
    if buffer.size < 2 * rows * size * 8:
        return None
    return np.ndarray((2, rows, size), dtype=np.float64, buffer=buffer.buf)


# ----- the parent's side ---------------------------------------------------------------------
class WorkerProcess:
    """A long-lived training process (daemon, spawn). ``start`` returns at once; the child
    imports while the window goes on. ``ended`` says whether it has stopped (killed, crashed)."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe(duplex=True)
        self._wanted = context.RawValue(ctypes.c_bool, False)
        self.process = context.Process(target=serve, args=(child, self._wanted), daemon=True,
                                       name="backprop-training")
        self._child_end = child
        self._outbox: queue.Queue = queue.Queue()
        self._sender = threading.Thread(target=self._send_all, daemon=True)

    def start(self) -> None:
        self.process.start()
        self._child_end.close()  # the child holds its own end now
        self._sender.start()

    @property
    def ended(self) -> bool:
        return not self.process.is_alive()

    def want(self) -> None:
        """The last snapshot was taken in: the worker may write the next (the want flag)."""
        self._wanted.value = True

    def send(self, *message) -> None:
        """Queue ``message`` for the worker (sent in order by the sender thread)."""
        self._outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def _send_all(self) -> None:
        while (blob := self._outbox.get()) is not None:
            try:
                self._connection.send_bytes(blob)
            except (OSError, ValueError):
                return  # the worker is gone: the parent sees it by ``ended`` or by receive

    def receive(self, timeout: float = 0.0) -> Snapshot | None:
        """The next snapshot, waiting up to ``timeout`` seconds; None if none came.
        Raises EOFError / OSError when the worker is gone."""
        if not self._connection.poll(timeout):
            return None
        return self._connection.recv()

    def shut_down(self, wait: float = 1.0) -> None:
        """End the process: asked to quit, then terminated, then killed."""
        self.send("quit")
        self._outbox.put(None)
        if self.process.pid is not None:
            self.process.join(wait)
            for end in (self.process.terminate, self.process.kill):
                if self.process.is_alive():
                    end()
                    self.process.join(wait)
        self._connection.close()


def run_order(trainer: Trainer, run: RunState | None, data: Dataset | None,
              buffer: str, number: int) -> RunOrder:
    """The order that makes the worker train on from ``trainer``'s point (``run``, captured
    without curves); ``data`` None when the worker already holds the trainer's data."""
    return RunOrder(trainer.network, trainer.settings, data, run,
                    trainer.history.measure_epoch is not None, buffer, number)


def apply_snapshot(trainer: Trainer, snapshot: Snapshot, block: np.ndarray,
                   order: np.ndarray | None) -> str | None:
    """Make ``trainer`` (and its network's arrays, in place) the worker's at ``snapshot``:
    its records appended to the history, θ and the optimizer state from ``block`` (the shared
    block as (2, 1 + A, P)), counters and generator. ``order`` is the epoch order last sent.
    None when done, else why it does not fit."""
    append_records(trainer.history, snapshot)
    rows = block[snapshot.slot]
    offset = 0
    for array in trainer.network.parameters():
        array.reshape(-1)[...] = rows[0, offset:offset + array.size]
        offset += array.size
    state = dict(snapshot.scalars)
    state.update(zip(snapshot.arrays, rows[1:], strict=True))
    run = RunState(snapshot.steps, snapshot.epochs, snapshot.position, order, snapshot.rng,
                   snapshot.optimizer, state, None)
    problem = resume(trainer, run)
    if snapshot.result is not None and snapshot.result.divergence is not None:
        trainer.last_divergence = snapshot.result.divergence
    return problem


def append_records(history: History, snapshot: Snapshot) -> None:
    """Append the steps and epoch ends of ``snapshot`` to ``history`` as the trainer would
    have recorded them (an epoch end's measured E is the worker's, taken with its θ then)."""
    if snapshot.losses is None:
        return
    losses, norms = snapshot.losses, snapshot.grad_norms
    first = snapshot.steps - len(losses) + 1  # the step of losses[0]
    recorded = 0  # of the snapshot's steps (an epoch end comes after its step's record)
    measure = history.measure_epoch
    try:
        for step, measured in snapshot.epoch_ends:  # in the order they ended
            upto = step - first + 1  # the steps recorded once this end's step is
            if not max(recorded, 1) <= upto <= len(losses):
                break  # (an end outside the snapshot's steps: none after it counts either)
            history.record_many(losses[recorded:upto], norms[recorded:upto])
            recorded = upto
            history.measure_epoch = None if measured is None else (lambda value=measured: value)
            history.end_epoch(step)
        history.record_many(losses[recorded:], norms[recorded:])
    finally:
        history.measure_epoch = measure


# ----- the worker's side ---------------------------------------------------------------------
class Recorder(History):
    """The worker's history: the trainer's records, read out snapshot by snapshot (the
    parent's History keeps the run's record; this one only carries the new steps there)."""

    def __init__(self, n_layers, *options):
        super().__init__(n_layers, *options)
        self.epoch_ends: list[tuple[int, float | None]] = []
        self.read = 0  # steps already read out

    def end_epoch(self, step=None):
        measured = None if self.measure_epoch is None else float(self.measure_epoch())
        self.epoch_ends.append((int(step), measured))

    def take(self):
        """(loss (k,), gradient norms (k, L), epoch ends) recorded since the last take."""
        _, losses, norms = self.exact(self.count - self.read)
        ends, self.epoch_ends = self.epoch_ends, []
        self.read = self.count
        if self.count > 100_000:  # keep the worker's store small: the parent has them all
            History.clear(self)
        return losses, norms, ends


class _Worker:
    def __init__(self, connection, wanted):
        self.connection = connection
        self._wanted = wanted  # the shared want flag (a ctypes bool)
        self.trainer: Trainer | None = None
        self.running = False
        self.data: Dataset | None = None
        self.buffer: shared_memory.SharedMemory | None = None
        self.block: np.ndarray | None = None
        self.number = 0
        self.chunk = 1
        self.order_sent = None

    def serve(self) -> None:
        while True:
            try:
                if not self.running or self.connection.poll():
                    message = pickle.loads(self.connection.recv_bytes())
                else:
                    self._train_chunk()
                    continue
            except (EOFError, OSError):
                return  # the parent is gone
            if message[0] == "quit":
                return
            if message[0] == "run":
                self._begin(message[1])
            elif message[0] == "pause" and self.running:
                self._send(final=True)

    def _begin(self, order: RunOrder) -> None:
        self.data = order.data if order.data is not None else self.data
        self.number, self.chunk = order.number, 1
        self._wanted.value = True  # the run's first snapshot
        if self.buffer is None or self.buffer.name != order.buffer:
            if self.buffer is not None:
                self.block = None
                self.buffer.close()
            self.buffer = shared_memory.SharedMemory(name=order.buffer)
        trainer = Trainer(Experiment(order.network, order.settings, self.data),
                          Recorder(len(order.network.layers)))
        self.trainer, self.order_sent, self.running = trainer, None, True
        if order.measure_epochs:
            trainer.history.measure_epoch = trainer.training_loss
        problem = None if order.run is None else resume(trainer, order.run)
        try:
            trainer.sync()
            self.block = slots(self.buffer, trainer)
        except NetworkError as error:
            problem = str(error)
        if problem is None and self.block is None:
            problem = "the shared block does not fit the network"
        if problem is not None:
            self.connection.send(Snapshot(self.number, FINAL, final=True, problem=problem))
            self.running = False

    def _train_chunk(self) -> None:
        started = time.perf_counter()
        try:
            result = self.trainer.run(self.chunk)
        except NetworkError as error:
            self.connection.send(Snapshot(self.number, FINAL, final=True, problem=str(error)))
            self.running = False
            return
        if result.stopped is StopReason.DIVERGED or result.stopped.early:
            self._send(final=True, result=result)
            return
        took = time.perf_counter() - started
        target = int(self.chunk * CHUNK_SECONDS / took) if took > 0 else 2 * self.chunk
        self.chunk = max(1, min(target, 2 * self.chunk))
        if self._wanted.value:
            self._send(final=False)

    def _send(self, final: bool, result: RunResult | None = None) -> None:
        snapshot = write_snapshot(self.trainer, self.block, self.number, self.order_sent,
                                  final, result)
        self.order_sent = self.trainer._order
        self._wanted.value = False  # before sending: the parent sets it again once taken in
        self.connection.send(snapshot)
        if final:
            self.running = False


def write_snapshot(trainer: Trainer, block: np.ndarray, number: int,
                   order_sent: np.ndarray | None, final: bool = False,
                   result: RunResult | None = None) -> Snapshot:
    """``trainer``'s θ and optimizer arrays written into ``block``'s slot (FINAL or REGULAR),
    and the rest of its run as a Snapshot (the history records taken out of its Recorder; the
    epoch's order only when it is not ``order_sent``)."""
    slot = FINAL if final else REGULAR
    trainer.sync()  # the coming epoch's order is drawn now, as capture does
    rows = block[slot]
    rows[0] = trainer._params
    state = trainer.optimizer.saved_state()
    names = _arrays_of(state)
    for row, name in zip(rows[1:], names, strict=True):
        row[...] = state.pop(name)
    losses, norms, ends = trainer.history.take()
    order = trainer._order
    changed = order is not order_sent
    return Snapshot(number, slot, trainer.step_count, trainer.epoch, trainer._offset,
                    None if order is None or not changed else order.copy(), changed,
                    trainer._rng.bit_generator.state, trainer.optimizer.name, state, names,
                    losses, norms, ends, result, final)


def serve(connection, wanted) -> None:
    """The worker process's body: train as told until told to quit or the parent is gone
    (``wanted``: the shared want flag)."""
    _Worker(connection, wanted).serve()
