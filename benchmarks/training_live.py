"""Live training speed in the window, side by side with the engine alone.

    python benchmarks/training_live.py [--seconds S] [--in-thread] [--worker] [--no-history]

By default the window trains as it does for the learner: a free run in a worker process
(gui/training_process.py), the window's thread taking in a snapshot and telling the views each
1/60 s. ``--in-thread`` also measures the old way (training in timer ticks on the window's thread
between frames) beside it.

The whole main window runs offscreen at 1600×1000 with the canvas, the loss and gradient plots
(both shown) and the output map live, on two TensorFlow-Playground-like set-ups and an MNIST-sized
one:

(a) 2-4-2-1 tanh on Playground's circle data (500 points, half for training), batch 10;
(b) 2-8-8-8-8-8-8-1 tanh (six hidden layers of 8) on two spirals (500 points, half), batch 10;
(c) 784-128-10 relu/softmax, cross-entropy, 1,000 random 28×28 "images", batch 64.

For each it reports training steps/s (and epochs/s) in the window and for the engine's Trainer
alone, the frames/s the views were told and each view actually painted (the canvas, the loss and
gradient plots and the output map: the plots on every frame, the canvas on every frame that
changes its picture — a compact network's signs, widths and thumbnails do not change on each),
how long a key press posted every 0.1 s waited before the window got it, the gaps between two
frames told, and (process
mode) what taking in one snapshot costs the window's thread. ``--worker`` also measures training
in a worker thread beside the window (tried before, rejected: the GIL). Then what one snapshot of
784-128-10 with Adam (θ, m, v: 3 × 101,770 numbers) costs through the shared block against a
pickle through a pipe. Then a 1,000,000-step history: the time of each plot update
(recomputing its curves and painting) and the history's memory. Targets (the issue): ≥ 10×
Playground's updates (≈1,400 steps/s on (a), ≈16 epochs/s on (b)), ≥ 60 % of the engine-alone
rate, 60 frames/s for every view, a key press answered within 50 ms on (c), every plot update
< 16 ms and the history < 100 MB at a million steps.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from main import choose_blas_threads  # noqa: E402

choose_blas_threads([])  # the window's BLAS threads (main.py), before numpy is imported

import numpy as np  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.model import initializers  # noqa: E402
from engine.model.experiment import Dataset, Experiment, TrainingSettings  # noqa: E402
from engine.model.network import Layer, Network  # noqa: E402
from engine.training import datasets  # noqa: E402
from engine.training.history import History  # noqa: E402
from engine.training.trainer import Trainer  # noqa: E402
from gui import files  # noqa: E402
from gui.document import Document  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

PLAYGROUND_STEPS_PER_S = 1400  # (a) on TensorFlow Playground, as the issue measured it
PLAYGROUND_EPOCHS_PER_S = 16  # (b)
WINDOW_SIZE = (1600, 1000)
STEADY_AFTER = 1.0  # seconds into a run after which frames count as steady


class KeyProbe(QObject):
    """Posts a key press (Shift alone: no action) to a widget every ``interval`` seconds and
    records how long each waited before the widget got it (the window's answer time)."""

    def __init__(self, widget, interval: float = 0.1):
        super().__init__()
        self.widget = widget
        self.latencies: list[float] = []
        self._posted: float | None = None
        widget.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(int(interval * 1000))
        self._timer.timeout.connect(self._post)

    def start(self):
        self._timer.start()

    def stop(self):
        self._timer.stop()

    def _post(self):
        if self._posted is not None:
            return  # the last press is not answered yet
        self._posted = time.perf_counter()
        QCoreApplication.postEvent(self.widget, QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and self._posted is not None:
            self.latencies.append(time.perf_counter() - self._posted)
            self._posted = None
        return False


def mnist_like(seed: int = 3) -> Experiment:
    """(c) 784-128-10, relu then softmax with cross-entropy (mean), 1,000 random 28×28 'images'
    with one-hot targets, batch 64 (the size of an MNIST lesson)."""
    rng = np.random.default_rng(seed)
    layers = [Layer(np.zeros((128, 784)), np.zeros(128), "relu"),
              Layer(np.zeros((10, 128)), np.zeros(10), "softmax")]
    network = Network(784, layers, loss="cross_entropy", reduction="mean")
    initializers.initialize_network(network, "he", seed)
    data = Dataset(rng.uniform(0, 1, (1000, 784)), np.eye(10)[rng.integers(0, 10, 1000)])
    settings = TrainingSettings(learning_rate=0.05, batch_size=64, shuffle=True, seed=seed)
    return Experiment(network, settings, data)


def experiment(sizes: list[int], data, seed: int) -> Experiment:
    layers = [Layer(np.zeros((n_out, n_in)), np.zeros(n_out), "tanh")
              for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    network = Network(sizes[0], layers, loss="half_sse", reduction="mean")
    initializers.initialize_network(network, "xavier", seed)
    settings = TrainingSettings(learning_rate=0.03, batch_size=10, shuffle=True, seed=seed)
    return Experiment(network, settings, datasets.train_test_split(data, 0.5, seed))


def setups() -> dict[str, Experiment]:
    circle = datasets.playground_circle(500, 0.0, 0, targets="signed")
    spiral = datasets.spirals(500, 0.0, 0, targets="signed")
    return {
        "(a) 2-4-2-1 circle": experiment([2, 4, 2, 1], circle, 1),
        "(b) 2-8x6-1 spirals": experiment([2] + [8] * 6 + [1], spiral, 2),
    }


class PaintCounter(QObject):
    """Counts paint events of the widgets it watches, and when each painted."""

    def __init__(self):
        super().__init__()
        self.counts: dict[int, int] = {}
        self.all_times: dict[int, list[float]] = {}  # every widget's paint times

    def watch(self, widget):
        widget.installEventFilter(self)
        self.counts[id(widget)] = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and id(watched) in self.counts:
            self.counts[id(watched)] += 1
            self.all_times.setdefault(id(watched), []).append(time.perf_counter())
        return False


def engine_alone(exp: Experiment, seconds: float) -> float:
    """Steps per second of the Trainer alone on a copy of ``exp``."""
    trainer = Trainer(exp.copy())
    trainer.run(200)  # warm up
    steps, start = 0, time.perf_counter()
    chunk = 1000
    while time.perf_counter() - start < seconds:
        steps += trainer.run(chunk).steps
    return steps / (time.perf_counter() - start)


def spin(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def make_window(exp: Experiment, folder: str) -> MainWindow:
    settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(exp), settings=settings,
                        recovery=files.RecoveryFile(folder))
    window.resize(*WINDOW_SIZE)
    docks = window.training_docks
    # the loss plot stays docked; the gradient plot and the output map float beside it, so
    # all three (and the canvas) are on screen at once, the activation plot a hidden tab
    for dock, size in ((docks.gradient_dock, (600, 320)), (docks.map_dock, (480, 440))):
        dock.setFloating(True)
        dock.resize(*size)
    window.show()
    for dock in (docks.gradient_dock, docks.map_dock):
        dock.show()
    docks.loss_dock.raise_()
    return window


def in_window(app: QApplication, exp: Experiment, seconds: float, in_thread: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        window = make_window(exp, folder)
        docks = window.training_docks
        runner = docks.runner
        runner.in_thread = in_thread
        # the worker starts up (imports) once, before the measured run: the first Run's first
        # frame waits for it (measured here), later runs' first frames do not
        first = []
        runner.progressed.connect(lambda: first.append(time.perf_counter()))
        started = time.perf_counter()
        runner.start()
        deadline = started + 20.0
        while not first and time.perf_counter() < deadline:
            spin(app, 0.01)
        first_frame = first[0] - started if first else float("nan")
        spin(app, 0.3)
        runner.pause()
        spin(app, 0.3)
        painted = PaintCounter()
        views = {
            "canvas": window.canvas.viewport(),
            "loss": docks.loss_plot.plot_widget.viewport(),
            "gradients": docks.gradient_plot.plot_widget.viewport(),
            "map": docks.decision_map.plot_widget.viewport(),
        }
        for widget in views.values():
            painted.watch(widget)
        told = []
        docks.runner.progressed.connect(lambda: told.append(time.perf_counter()))
        steps_before, epochs_before = runner.step_count, runner.epoch
        applied_before = len(runner._process.apply_seconds)
        telling = []  # seconds each frame spent in the slots told synchronously
        tell_views = runner._tell_views

        def timed_tell_views():
            t0 = time.perf_counter()
            tell_views()
            telling.append(time.perf_counter() - t0)

        runner._tell_views = timed_tell_views
        probe = KeyProbe(window.canvas)
        start = time.perf_counter()
        runner.start()
        probe.start()
        spin(app, seconds)
        probe.stop()
        runner.pause()
        elapsed = time.perf_counter() - start
        runner._tell_views = tell_views
        steps, epochs = runner.step_count - steps_before, runner.epoch - epochs_before
        applied = runner._process.apply_seconds[applied_before:]
        gaps = np.diff(told) if len(told) > 1 else np.array([elapsed])  # between frames told
        result = {
            "steps/s": steps / elapsed,
            "epochs/s": epochs / elapsed,
            "told fps": len(told) / elapsed,
            "painted fps": {name: painted.counts[id(w)] / elapsed for name, w in views.items()},
            # the same after the run's first second (the worker's first snapshot comes after
            # the run order and the data have crossed): the rate a learner watches
            "steady told fps": sum(t >= start + STEADY_AFTER for t in told)
            / (elapsed - STEADY_AFTER),
            "steady painted fps": {
                name: sum(t >= start + STEADY_AFTER for t in painted.all_times.get(id(w), []))
                / (elapsed - STEADY_AFTER) for name, w in views.items()},
            "worst frame gap ms": 1000 * float(gaps.max()),
            "p95 frame gap ms": 1000 * float(np.percentile(gaps, 95)),
            "final loss": runner.last_loss,
            "steps per tick": runner.steps_per_tick,
            "frame cost ms": 1000 * runner.frame_cost,
            "telling ms": 1000 * statistics.mean(telling[:-1] or [0.0]),  # not the pause's
            "snapshot ms (median, worst)": (1000 * statistics.median(applied or [0.0]),
                                            1000 * max(applied or [0.0])),
            "in the worker": not in_thread and runner._process.broken is None,
            "first frame ms": 1000 * first_frame,
            "key ms (median, worst)": (1000 * statistics.median(probe.latencies or [0.0]),
                                       1000 * max(probe.latencies or [0.0])),
        }
        result["view ms"] = view_costs(window)
        window.document.undo_stack.setClean()
        window.close()
        return result


def worker_thread(app: QApplication, exp: Experiment, seconds: float) -> dict:
    """What training in a worker thread would give: the engine runs chunks of about 5 ms on a
    private copy in a ``threading.Thread`` (under a lock) while the window's thread tells its
    views at 60 frames a second, each frame copying the parameters over under the lock (numpy
    releases the GIL in BLAS; a small network's Python holds it)."""
    with tempfile.TemporaryDirectory() as folder:
        window = make_window(exp, folder)
        docks = window.training_docks
        spin(app, 0.3)
        trainer = Trainer(exp.copy())
        trainer.run(5)
        lock, stop, steps = threading.Lock(), threading.Event(), [0]

        def train():
            chunk = 1
            while not stop.is_set():
                with lock:
                    t0 = time.perf_counter()
                    steps[0] += trainer.run(chunk).steps
                    took = time.perf_counter() - t0
                chunk = max(1, min(2 * chunk, int(chunk * 0.005 / max(took, 1e-6))))

        painted = PaintCounter()
        views = {"canvas": window.canvas.viewport(),
                 "loss": docks.loss_plot.plot_widget.viewport(),
                 "gradients": docks.gradient_plot.plot_widget.viewport(),
                 "map": docks.decision_map.plot_widget.viewport()}
        for widget in views.values():
            painted.watch(widget)
        document, runner = window.document, docks.runner

        def frame():
            with lock:
                for mine, theirs in zip(document.network.parameters(),
                                        trainer.network.parameters(), strict=True):
                    np.copyto(mine, theirs)
            runner.clock.tick()
            document.announce_parameters_changed()
            runner.progressed.emit()

        frames = QTimer()
        frames.setInterval(16)
        frames.timeout.connect(frame)
        probe = KeyProbe(window.canvas)
        worker = threading.Thread(target=train)
        runner.clock.set_running(True)
        start = time.perf_counter()
        worker.start()
        frames.start()
        probe.start()
        spin(app, seconds)
        probe.stop()
        frames.stop()
        stop.set()
        worker.join()
        elapsed = time.perf_counter() - start
        runner.clock.set_running(False)
        document.undo_stack.setClean()
        window.close()
    return {"steps/s": steps[0] / elapsed,
            "painted fps": {name: painted.counts[id(w)] / elapsed
                            for name, w in views.items()},
            "key ms (median, worst)": (1000 * statistics.median(probe.latencies or [0.0]),
                                       1000 * max(probe.latencies or [0.0]))}


def view_costs(window: MainWindow, repeats: int = 20) -> dict:
    """Median ms to update and paint each view once (where a frame's time goes)."""
    docks = window.training_docks
    trainer = docks.runner.trainer
    jobs = {
        "loss plot": (docks.loss_plot.refresh, docks.loss_plot.plot_widget.viewport()),
        "gradient plot": (docks.gradient_plot.refresh,
                          docks.gradient_plot.plot_widget.viewport()),
        "output map": (docks.decision_map.redraw, docks.decision_map.plot_widget.viewport()),
        "weights_changed slots": (window.document.announce_parameters_changed, None),
        "canvas paint": (lambda: None, window.canvas.viewport()),
    }
    costs = {}
    clock = docks.runner.clock
    clock.set_running(True)  # as during a run: the step-through waits, the canvas runs light
    for name, (update, widget) in jobs.items():
        times = []
        for _ in range(repeats):
            trainer.run(10)
            start = time.perf_counter()
            update()
            if widget is not None:
                widget.repaint()
            times.append(1000 * (time.perf_counter() - start))
        costs[name] = statistics.median(times)
    clock.set_running(False)
    return costs


def million_steps(app: QApplication) -> dict:
    """Plot update times with a 1,000,000-step history of a 7-layer network."""
    exp = setups()["(b) 2-8x6-1 spirals"]
    with tempfile.TemporaryDirectory() as folder:
        window = make_window(exp, folder)
        docks = window.training_docks
        spin(app, 0.3)
        layers = len(exp.network.layers)
        history = History(layers)
        rng = np.random.default_rng(0)
        start = time.perf_counter()
        loss = np.exp(-np.linspace(0, 8, 1_000_000)) + 0.01 * rng.random(1_000_000)
        norms = rng.random((1_000_000, layers)) * np.logspace(-6, 0, layers)
        for value, row in zip(loss, norms, strict=True):
            history.record(value, row)
        fill = time.perf_counter() - start
        docks.runner.trainer.history = history
        for plot in (docks.loss_plot, docks.gradient_plot):
            plot.refresh()  # the first call folds the recorded steps into the summary once
        times = {"loss": [], "gradients": []}
        for _ in range(30):
            for name, plot in (("loss", docks.loss_plot), ("gradients", docks.gradient_plot)):
                t0 = time.perf_counter()
                plot.refresh()
                plot.plot_widget.viewport().repaint()
                times[name].append(1000 * (time.perf_counter() - t0))
            history.record(0.01, norms[0])  # one more step between frames, as in a run
        window.document.undo_stack.setClean()
        window.close()
    return {
        "history MB": history.nbytes / 2**20,
        "fill s": fill,
        "loss plot ms (median, max)": (statistics.median(times["loss"]), max(times["loss"])),
        "gradient plot ms (median, max)": (statistics.median(times["gradients"]),
                                           max(times["gradients"])),
    }


def snapshot_costs(repeats: int = 40) -> dict:
    """ms per snapshot of 784-128-10 with Adam (θ, m, v: 3 × 101,770 float64): the worker writing
    it into the shared block and the window taking it in (the product's way), against pickling
    θ, m, v through a pipe and copying them into place at the other end (medians)."""
    from multiprocessing import Pipe

    from engine.training import worker_process as worker

    exp = mnist_like()
    exp.training.optimizer = "adam"
    window_side = Trainer(exp.copy())
    window_side.run(1)
    trainer = Trainer(exp, worker.Recorder(2))
    trainer.run(20)
    buffer = worker.make_buffer(trainer)
    block = worker.slots(buffer, trainer)
    written, taken, piped = [], [], []
    for _ in range(repeats):
        trainer.run(5)
        t0 = time.perf_counter()
        snapshot = worker.write_snapshot(trainer, block, 1, None)
        t1 = time.perf_counter()
        worker.apply_snapshot(window_side, snapshot, block, snapshot.order)
        t2 = time.perf_counter()
        written.append(t1 - t0)
        taken.append(t2 - t1)
    sending, receiving = Pipe()
    arrays = [trainer._params, *trainer.optimizer.saved_state().values()][:3]
    targets = [np.empty_like(a) for a in arrays]

    def take():
        for target, value in zip(targets, pickle.loads(receiving.recv_bytes()), strict=True):
            np.copyto(target, value)

    for _ in range(repeats):
        reader = threading.Thread(target=take)
        reader.start()
        t0 = time.perf_counter()
        sending.send_bytes(pickle.dumps([a.copy() for a in arrays],
                                        protocol=pickle.HIGHEST_PROTOCOL))
        reader.join()
        piped.append(time.perf_counter() - t0)
    buffer.close()
    buffer.unlink()
    return {"shared write": 1000 * statistics.median(written),
            "shared take in": 1000 * statistics.median(taken),
            "pipe": 1000 * statistics.median(piped)}


def report(name: str, live: dict, alone: float, steps_per_epoch: int) -> None:
    print(f"  in the window     {live['steps/s']:10,.0f} steps/s  "
          f"{live['epochs/s']:8,.0f} epochs/s  ({live['steps/s'] / alone:.0%} of alone, "
          f"target ≥ 60%; final loss {live['final loss']:.4g})")
    if not name.startswith("(c)"):
        target = (PLAYGROUND_STEPS_PER_S if name.startswith("(a)")
                  else PLAYGROUND_EPOCHS_PER_S * steps_per_epoch)
        print(f"  vs Playground     {live['steps/s'] / target:10.1f}× its updates/s "
              f"(target ≥ 10×)")
    painted = ", ".join(f"{k} {v:.1f}" for k, v in live["painted fps"].items())
    print(f"  frames/s          told {live['told fps']:.1f}; painted: {painted} "
          "(target: every view 60; the canvas paints the frames that change its picture)")
    if "steady told fps" in live:
        steady = ", ".join(f"{k} {v:.1f}" for k, v in live["steady painted fps"].items())
        print(f"  after 1 s         told {live['steady told fps']:.1f}; painted: {steady}")
    key_median, key_worst = live["key ms (median, worst)"]
    print(f"  key press answer  median {key_median:.1f} ms, worst {key_worst:.1f} ms "
          "(target ≤ 50 ms)")
    print(f"  frame gap         p95 {live['p95 frame gap ms']:.1f} ms, worst "
          f"{live['worst frame gap ms']:.1f} ms; {live['telling ms']:.1f} ms a frame in the "
          "slots told")
    if live["in the worker"]:
        median, worst = live["snapshot ms (median, worst)"]
        print(f"  snapshot          taken in: median {median:.2f} ms, worst {worst:.2f} ms "
              "of the window's thread")
        print(f"  first Run         its first frame {live['first frame ms']:.0f} ms after Run "
              "(the worker process starting; later runs' first frames come within a frame)")
    else:
        print(f"  ticks             {live['steps per tick']:,} steps a tick; a frame costs "
              f"{live['frame cost ms']:.1f} ms outside training")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each run")
    parser.add_argument("--in-thread", action="store_true",
                        help="also measure training in the window's thread, between frames")
    parser.add_argument("--worker", action="store_true",
                        help="also measure training in a worker thread beside the window")
    parser.add_argument("--no-history", action="store_true",
                        help="skip the 1,000,000-step history part")
    parser.add_argument("--keys-only", action="store_true",
                        help="only (c) in the worker process: key press waits as JSON (tests)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    if args.keys_only:
        live = in_window(app, mnist_like(), args.seconds, in_thread=False)
        print(json.dumps({"key ms": live["key ms (median, worst)"],
                          "in the worker": live["in the worker"], "told fps": live["told fps"],
                          "steps": live["steps/s"] * args.seconds}))
        return 0
    cases = dict(setups())
    cases["(c) 784-128-10 relu/softmax"] = mnist_like()
    modes = {"worker process": False, **({"window's thread": True} if args.in_thread else {})}
    for name, exp in cases.items():
        alone = engine_alone(exp, min(args.seconds, 3.0))
        steps_per_epoch = -(-len(exp.data) // exp.training.batch_size)
        print(f"\n{name}: {len(exp.data)} training points, batch {exp.training.batch_size}, "
              f"{steps_per_epoch} steps an epoch")
        print(f"  engine alone      {alone:10,.0f} steps/s  {alone / steps_per_epoch:8,.0f} "
              "epochs/s")
        for mode, in_thread in modes.items():
            live = in_window(app, exp, args.seconds, in_thread)
            print(f" training in the {mode}:")
            report(name, live, alone, steps_per_epoch)
        if args.worker:
            thread = worker_thread(app, exp, args.seconds)
            painted = ", ".join(f"{k} {v:.1f}" for k, v in thread["painted fps"].items())
            key_median, key_worst = thread["key ms (median, worst)"]
            print(f"  worker thread     {thread['steps/s']:10,.0f} steps/s "
                  f"({thread['steps/s'] / alone:.0%} of alone); painted: {painted}; key press "
                  f"median {key_median:.1f} ms, worst {key_worst:.1f} ms")
        parts = ", ".join(f"{k} {v:.1f}" for k, v in live["view ms"].items())
        print(f"  one update+paint  {parts} (ms; outside a run: the map at its full grid, the "
              "slots with its redraw and the training panel's diagnosis)")
    costs = snapshot_costs()
    print("\nOne snapshot of 784-128-10 with Adam (θ, m, v):")
    print(f"  shared block      worker writes {costs['shared write']:.2f} ms, the window takes it "
          f"in {costs['shared take in']:.2f} ms (with the history records and RunState)")
    print(f"  pickled in a pipe {costs['pipe']:.2f} ms from pickling to copied into place")
    if args.no_history:
        return 0
    result = million_steps(app)
    print("\n1,000,000-step history (7 layers):")
    print(f"  memory            {result['history MB']:.1f} MB (target < 100 MB); "
          f"recorded in {result['fill s']:.1f} s")
    for key in ("loss plot ms (median, max)", "gradient plot ms (median, max)"):
        median, worst = result[key]
        print(f"  {key.split(' ms')[0]:<17} update + paint: median {median:.1f} ms, "
              f"worst {worst:.1f} ms (target < 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
