"""The record of a training run: the loss and each layer's gradient magnitude, step by step.

Two stores keep a million steps small:

- **exact**: the most recent steps, every value, in a preallocated buffer that doubles as it
  fills, up to ``exact_values`` float64 numbers in all (default 6,000,000 = 48 MB, i.e.
  545,454 steps of a 10-layer network); past that it becomes a ring that keeps the newest.
- **summary**: the whole run in at most ``buckets`` buckets of equal width (1, 2, 4, … steps);
  each holds the minimum, maximum and sum of the loss and the minimum and maximum of every
  gradient norm over its steps. When the buckets are full, neighbours merge pairwise and the
  width doubles. Steps move from the exact store into the summary lazily, many at a time.

A plot asks :meth:`History.series` for at most as many points as it has pixels.

**Epochs**: :meth:`History.end_epoch` closes an epoch at a step; its mean loss is the plain
mean of the step losses since the previous epoch end, ``Ē = (1/k) Σ E_step`` over its k steps.
At most ``epoch_points`` epoch records are kept; past that, neighbours merge pairwise (their
sums and step counts add), so each point is then the mean over 2, 4, … whole epochs.
When :attr:`History.measure_epoch` is set (a function giving E over the whole training set
with the current parameters), each epoch end also records that loss (:meth:`training_series`).

:meth:`History.truncate` forgets every step after a given one (the run carried on from there).
"""

from __future__ import annotations

import csv
import mmap

import numpy as np

INITIAL_CAPACITY = 1024


class History:
    """Loss and per-layer gradient norms (‖∂E/∂W‖_F) of every step, kept small.

    Steps are numbered 1, 2, 3, … in the order they are recorded (step k's loss is the loss of
    its batch before its update). Test-set losses can be recorded at any step.
    """

    def __init__(self, n_layers: int, exact_values: int = 6_000_000, buckets: int = 4096,
                 epoch_points: int = 65536):
        self._options = (exact_values, buckets, epoch_points)
        self.n_layers = int(n_layers)
        columns = 1 + self.n_layers
        self.max_exact_steps = max(INITIAL_CAPACITY, exact_values // columns)
        self.bucket_count_limit = max(2, buckets - buckets % 2)
        capacity = min(INITIAL_CAPACITY, self.max_exact_steps)
        self._loss = np.empty(capacity)
        self._grads = np.empty((capacity, self.n_layers))
        self.count = 0  # steps recorded
        self._summarized = 0  # steps already folded into the summary buckets
        self._exact_from = 1  # no step before this one is in the exact store (a resumed run)
        self._width = 1  # steps per bucket
        size = self.bucket_count_limit
        self._loss_min = np.empty(size)
        self._loss_max = np.empty(size)
        self._loss_sum = np.empty(size)
        self._grad_min = np.empty((size, self.n_layers))
        self._grad_max = np.empty((size, self.n_layers))
        self._test_steps = np.empty(16, dtype=np.int64)
        self._test_loss = np.empty(16)
        self.test_count = 0
        self.epoch_count = 0  # epochs ended
        self.last_epoch_end = 0  # the step that ended the last epoch (0: none yet)
        self.epochs_per_point = 1  # epochs merged into one epoch record
        self._epoch_point_limit = max(2, epoch_points - epoch_points % 2)
        self._epoch_points = 0  # records in use (the last may hold fewer epochs than a point)
        self._epoch_end = np.empty(16, dtype=np.int64)  # the last step of each record
        self._epoch_sum = np.empty(16)  # Σ E over the record's steps
        self._epoch_steps = np.empty(16, dtype=np.int64)  # how many steps that is
        self.measure_epoch = None  # () -> E over the whole training set, or None
        self._train_steps: list[int] = []  # steps whose whole-training-set E was measured
        self._train_loss: list[float] = []

    # ----- recording (called once per training step: keep it cheap) -----------
    def record(self, loss: float, grad_norms) -> None:
        """Append one step: its batch loss and its (n_layers,) gradient norms."""
        capacity = self._loss.shape[0]
        if self.count == capacity or self.count - self._summarized == capacity:
            self._make_room()
            capacity = self._loss.shape[0]
        row = self.count % capacity
        self._loss[row] = loss
        self._grads[row] = grad_norms
        self.count += 1

    def record_many(self, losses, grad_norms) -> None:
        """Append k steps at once, exactly as k calls of :meth:`record`: ``losses`` (k,) and
        ``grad_norms`` (k, n_layers), copied in slices between the points where the store must
        make room (a worker's snapshot brings hundreds of steps a frame)."""
        losses = np.asarray(losses, dtype=np.float64)
        grad_norms = np.asarray(grad_norms, dtype=np.float64).reshape(len(losses), self.n_layers)
        done = 0
        while done < len(losses):
            capacity = self._loss.shape[0]
            if self.count == capacity or self.count - self._summarized == capacity:
                self._make_room()
                capacity = self._loss.shape[0]
            row = self.count % capacity
            # as far as record would go before it makes room again (or the ring wraps)
            room = min(capacity - row, capacity - (self.count - self._summarized))
            if self.count < capacity:
                room = min(room, capacity - self.count)
            take = min(len(losses) - done, room)
            self._loss[row:row + take] = losses[done:done + take]
            self._grads[row:row + take] = grad_norms[done:done + take]
            self.count += take
            done += take

    def record_test(self, loss: float, step: int | None = None) -> None:
        """A test-set loss measured at ``step`` (default: the last recorded step)."""
        if self.test_count == self._test_loss.shape[0]:
            self._test_steps = np.concatenate([self._test_steps, np.empty_like(self._test_steps)])
            self._test_loss = np.concatenate([self._test_loss, np.empty_like(self._test_loss)])
        self._test_steps[self.test_count] = self.count if step is None else step
        self._test_loss[self.test_count] = loss
        self.test_count += 1

    def end_epoch(self, step: int | None = None) -> float | None:
        """An epoch ended at ``step`` (default: the last recorded step); its mean loss.

        The mean is over the steps after the previous epoch end up to ``step``, as kept in the
        exact store (all of them unless the epoch is longer than :attr:`max_exact_steps`).
        Ending an epoch again at the same step (or before it) does nothing and returns None,
        so a caller that is not sure whether the end was already recorded can simply call it.
        """
        step = self.count if step is None else int(step)
        if step <= self.last_epoch_end or step > self.count:
            return None
        first = max(self.last_epoch_end + 1, self.first_exact_step)
        rows = np.arange(first - 1, step) % self._loss.shape[0]
        total, steps = float(self._loss[rows].sum()), len(rows)
        self._add_epoch(step, total, steps)
        self.last_epoch_end = step
        self.epoch_count += 1
        if self.measure_epoch is not None:
            self._train_steps.append(step)
            self._train_loss.append(float(self.measure_epoch()))
        return total / steps

    @property
    def training_count(self) -> int:
        """How many epoch ends had E over the whole training set measured."""
        return len(self._train_steps)

    def training_series(self, every: int = 1):
        """E over the whole training set at each epoch end measured: ``(steps (k,), E (k,))``;
        with ``every`` = m > 1 only measures 0, m, 2m, … and always the last (a plot's
        dots: a cost in the dots drawn, not in the epochs)."""
        if every <= 1:
            return np.array(self._train_steps, dtype=np.int64), np.array(self._train_loss)
        count = len(self._train_steps)
        chosen = list(range(0, count, every))
        if count and chosen[-1] != count - 1:
            chosen.append(count - 1)
        return (np.array([self._train_steps[i] for i in chosen], dtype=np.int64),
                np.array([self._train_loss[i] for i in chosen]))

    def truncate(self, step: int) -> None:
        """Forget every step after ``step`` (test losses, epochs and measures after it too).

        The summary's bucket holding ``step`` is made again from the exact store when that
        still holds its steps (else it keeps the later steps' extremes: the plots' view only).
        """
        step = max(0, min(int(step), self.count))
        self._exact_from = self.first_exact_step
        if self._summarized > step:
            start = step - step % self._width
            self._summarized = start if start >= self._exact_from - 1 else step
        self.count = step
        keep = int(np.searchsorted(self._test_steps[: self.test_count], step, side="right"))
        self.test_count = keep
        keep = int(np.searchsorted(self._epoch_end[: self._epoch_points], step, side="right"))
        self.epoch_count -= (self._epoch_points - keep) * self.epochs_per_point
        self._epoch_points = keep
        self.last_epoch_end = int(self._epoch_end[keep - 1]) if keep else 0
        keep = int(np.searchsorted(self._train_steps, step, side="right"))
        del self._train_steps[keep:], self._train_loss[keep:]

    def _add_epoch(self, step: int, total: float, steps: int) -> None:
        used = self._epoch_points
        if used and self.epoch_count % self.epochs_per_point:  # the last record is not full
            self._epoch_end[used - 1] = step
            self._epoch_sum[used - 1] += total
            self._epoch_steps[used - 1] += steps
            return
        if used == self._epoch_point_limit:
            self._merge_epochs()
            used = self._epoch_points
            if self.epoch_count % self.epochs_per_point:
                self._add_epoch(step, total, steps)
                return
        if used == self._epoch_end.shape[0]:
            grow = min(used, self._epoch_point_limit - used)
            self._epoch_end = np.concatenate([self._epoch_end, np.empty(grow, dtype=np.int64)])
            self._epoch_sum = np.concatenate([self._epoch_sum, np.empty(grow)])
            self._epoch_steps = np.concatenate([self._epoch_steps,
                                                np.empty(grow, dtype=np.int64)])
        self._epoch_end[used] = step
        self._epoch_sum[used] = total
        self._epoch_steps[used] = steps
        self._epoch_points = used + 1

    def _merge_epochs(self) -> None:
        """Halve the epoch records: record j becomes records 2j and 2j+1 together."""
        half = self._epoch_points // 2
        ends = self._epoch_end[1 : 2 * half : 2].copy()
        sums = self._epoch_sum[0 : 2 * half : 2] + self._epoch_sum[1 : 2 * half : 2]
        steps = self._epoch_steps[0 : 2 * half : 2] + self._epoch_steps[1 : 2 * half : 2]
        self._epoch_end[:half], self._epoch_sum[:half], self._epoch_steps[:half] = (
            ends, sums, steps)
        self._epoch_points = half
        self.epochs_per_point *= 2

    def epoch_means(self, max_points: int | None = None):
        """Mean loss of each epoch: ``(end steps (k,), mean loss (k,))``, new arrays.

        Each value is the mean over the steps of :attr:`epochs_per_point` whole epochs, at the
        step that ended the last of them. With ``max_points``, every ⌈k/max_points⌉ records
        are averaged (weighted by their steps) into one.
        """
        ends, sums, steps = self.epoch_records(max_points)
        return ends, sums / steps

    def epoch_records(self, max_points: int | None = None):
        """The epoch records as kept: ``(end steps (k,), Σ E (k,), steps (k,))``, new arrays;
        with ``max_points``, every ⌈k/max_points⌉ records added into one (as :meth:`epoch_means`).
        """
        used = self._epoch_points
        ends, sums = self._epoch_end[:used], self._epoch_sum[:used]
        steps = self._epoch_steps[:used]
        if max_points is not None and used > max_points:
            group = -(-used // max(1, int(max_points)))
            starts = np.arange(0, used, group)
            last = np.minimum(starts + group, used) - 1
            return (ends[last].copy(), np.add.reduceat(sums, starts),
                    np.add.reduceat(steps, starts))
        return ends.copy(), sums.copy(), steps.copy()

    def clear(self) -> None:
        """Forget every step (a new run); the epoch measure stays."""
        measure = self.measure_epoch
        self.__init__(self.n_layers, *self._options)
        self.measure_epoch = measure

    def _make_room(self) -> None:
        capacity = self._loss.shape[0]
        if self.count == capacity and capacity < self.max_exact_steps:  # not wrapped yet: grow
            self._loss = _grown(self._loss, self.max_exact_steps)
            self._grads = _grown(self._grads, self.max_exact_steps)
        else:
            self._summarize()

    # ----- the exact store ----------------------------------------------------
    @property
    def first_exact_step(self) -> int:
        """The oldest step whose exact values are still kept (1 when nothing was dropped)."""
        return max(1, self.count - self._loss.shape[0] + 1, self._exact_from)

    def exact(self, last: int | None = None):
        """The most recent exact steps (all kept, or the ``last`` ones), in order.

        Returns ``(steps (k,), loss (k,), grad_norms (k, n_layers))`` as new arrays.
        """
        capacity = self._loss.shape[0]
        first = self.first_exact_step
        if last is not None:
            first = max(first, self.count - last + 1)
        steps = np.arange(first, self.count + 1)
        rows = (steps - 1) % capacity
        return steps, self._loss[rows], self._grads[rows]

    def exact_loss_at(self, steps) -> np.ndarray:
        """The loss of each of ``steps`` (k,), every one at least :attr:`first_exact_step` and
        at most :attr:`count`: (k,), a new array."""
        return self._loss[(np.asarray(steps, dtype=np.int64) - 1) % self._loss.shape[0]]

    @property
    def last_loss(self) -> float | None:
        if self.count == 0:
            return None
        return float(self._loss[(self.count - 1) % self._loss.shape[0]])

    # ----- the summary --------------------------------------------------------
    def _summarize(self) -> None:
        """Fold every step not yet summarized into the buckets, merging buckets as needed."""
        start, stop = self._summarized, self.count
        if start == stop:
            return
        while (stop - 1) // self._width >= self.bucket_count_limit:
            self._merge_buckets()
        capacity = self._loss.shape[0]
        steps = np.arange(start, stop)
        rows = steps % capacity
        loss, grads = self._loss[rows], self._grads[rows]
        buckets = steps // self._width
        edges = np.flatnonzero(np.diff(buckets)) + 1
        starts = np.concatenate([[0], edges])
        ids = buckets[starts]
        loss_min = np.minimum.reduceat(loss, starts)
        loss_max = np.maximum.reduceat(loss, starts)
        loss_sum = np.add.reduceat(loss, starts)
        grad_min = np.minimum.reduceat(grads, starts, axis=0)
        grad_max = np.maximum.reduceat(grads, starts, axis=0)
        # the first bucket may already hold earlier steps of the same bucket
        if start % self._width:
            first = ids[0]
            loss_min[0] = min(loss_min[0], self._loss_min[first])
            loss_max[0] = max(loss_max[0], self._loss_max[first])
            loss_sum[0] += self._loss_sum[first]
            grad_min[0] = np.minimum(grad_min[0], self._grad_min[first])
            grad_max[0] = np.maximum(grad_max[0], self._grad_max[first])
        self._loss_min[ids] = loss_min
        self._loss_max[ids] = loss_max
        self._loss_sum[ids] = loss_sum
        self._grad_min[ids] = grad_min
        self._grad_max[ids] = grad_max
        self._summarized = stop

    def _merge_buckets(self) -> None:
        """Halve the number of buckets: bucket j becomes buckets 2j and 2j+1 together."""
        used = -(-self._summarized // self._width)
        pairs = used // 2
        lo, hi = slice(0, 2 * pairs, 2), slice(1, 2 * pairs, 2)
        self._loss_min[:pairs] = np.minimum(self._loss_min[lo], self._loss_min[hi])
        self._loss_max[:pairs] = np.maximum(self._loss_max[lo], self._loss_max[hi])
        self._loss_sum[:pairs] = self._loss_sum[lo] + self._loss_sum[hi]
        self._grad_min[:pairs] = np.minimum(self._grad_min[lo], self._grad_min[hi])
        self._grad_max[:pairs] = np.maximum(self._grad_max[lo], self._grad_max[hi])
        if used % 2:  # an odd last bucket becomes the first half of a new, wider bucket
            last = used - 1
            for store in (self._loss_min, self._loss_max, self._loss_sum):
                store[pairs] = store[last]
            self._grad_min[pairs] = self._grad_min[last]
            self._grad_max[pairs] = self._grad_max[last]
        self._width *= 2

    def series(self, max_points: int = 2000):
        """The whole run as at most ``max_points`` points, for a plot.

        Every step when they fit; otherwise groups of equal width, each shown as two points
        (its minimum, then its maximum, at the group's first and middle step) so that spikes
        stay visible. Returns ``(steps (k,), loss (k,), grad_norms (k, n_layers))``.
        """
        max_points = max(2, int(max_points))
        if self.count <= max_points and self.first_exact_step == 1:
            return self.exact()
        self._summarize()
        width, used = self._width, -(-self.count // self._width)
        group = max(1, -(-2 * used // max_points))
        starts = np.arange(0, used, group)
        loss_min = np.minimum.reduceat(self._loss_min[:used], starts)
        loss_max = np.maximum.reduceat(self._loss_max[:used], starts)
        grad_min = np.minimum.reduceat(self._grad_min[:used], starts, axis=0)
        grad_max = np.maximum.reduceat(self._grad_max[:used], starts, axis=0)
        first_step = starts * width + 1
        span = np.minimum((starts + group) * width, self.count) - starts * width
        steps = np.column_stack([first_step, first_step + span // 2]).ravel()
        loss = np.column_stack([loss_min, loss_max]).ravel()
        grads = np.stack([grad_min, grad_max], axis=1).reshape(-1, self.n_layers)
        return steps, loss, grads

    def mean_loss(self, max_points: int = 2000):
        """The loss averaged over buckets: ``(steps, mean loss)``, at most ``max_points``."""
        self._summarize()
        width, used = self._width, -(-self.count // self._width)
        group = max(1, -(-used // max(1, int(max_points))))
        starts = np.arange(0, used, group)
        sums = np.add.reduceat(self._loss_sum[:used], starts)
        first = starts * width
        counts = np.minimum((starts + group) * width, self.count) - first
        return first + 1, sums / counts

    def test_series(self):
        """Recorded test losses: ``(steps (k,), loss (k,))``, new arrays."""
        return self._test_steps[: self.test_count].copy(), self._test_loss[: self.test_count].copy()

    # ----- output -------------------------------------------------------------
    def to_csv(self, path, training_set: bool = False) -> int:
        """Write ``step,loss,grad_norm_1,…,grad_norm_L``: one row per exactly kept step.

        Every step is kept for runs up to :attr:`max_exact_steps` steps; for longer runs only
        the newest that many are written. Values use ``repr`` so they read back bit-identical.
        ``training_set``: one more column last, ``training_set_loss``, E over the whole
        training set measured at the step that ended an epoch (empty at other steps).
        Returns the number of rows written.
        """
        steps, loss, grads = self.exact()
        header = ["step", "loss"] + [f"grad_norm_{i}" for i in range(1, self.n_layers + 1)]
        measured = dict(zip(self._train_steps, self._train_loss, strict=True))
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header + ["training_set_loss"] * training_set)
            for step, value, norms in zip(
                steps.tolist(), loss.tolist(), grads.tolist(), strict=True
            ):
                whole = [repr(measured[step]) if step in measured else ""] * training_set
                writer.writerow([step, repr(value), *map(repr, norms), *whole])
        return len(steps)

    @property
    def nbytes(self) -> int:
        """Memory held by the stored values, in bytes (of the exact store, the rows written)."""
        written = min(self.count, self._loss.shape[0])
        arrays = (
            self._loss[:written],
            self._grads[:written],
            self._loss_min,
            self._loss_max,
            self._loss_sum,
            self._grad_min,
            self._grad_max,
            self._test_loss,
            self._test_steps,
            self._epoch_end,
            self._epoch_sum,
            self._epoch_steps,
        )
        return sum(a.nbytes for a in arrays)


def _grown(values: np.ndarray, rows: int) -> np.ndarray:
    """``values`` (k, ...) as the first k rows of a new array of ``rows`` rows, the rest left
    unwritten.

    The exact store takes its full size at once and the system gives its pages memory only as
    the run first writes them; doubling it copied everything each time, a stall of 32 ms at
    131,072 steps and 55 ms at 262,144 (two to four lost frames of a live run). The memory is an
    anonymous mapping, not numpy's own: numpy asks for 2 MB huge pages on big arrays, and
    clearing one at its first write stalled a frame for 4.6 ms (a 4 kB page takes
    microseconds).
    """
    shape = (rows, *values.shape[1:])
    count = int(np.prod(shape))
    grown = np.frombuffer(mmap.mmap(-1, count * values.itemsize), dtype=values.dtype)
    grown = grown.reshape(shape)
    grown[: len(values)] = values
    return grown
