"""One BLAS thread or two: training speed in the window and on the command line.

    python benchmarks/blas_threads.py [--repeats 3] [--seconds 4]

Each measurement runs in a fresh process whose OPENBLAS_NUM_THREADS and OMP_NUM_THREADS are
set before numpy is imported (the only way to choose without threadpoolctl); one and two
threads alternate, repeat after repeat, so a load that comes and goes hits both alike.

- command line: ``main.py train`` (engine.cli.main, its own path) on 784-128-64-10, sigmoid
  hidden layers, identity output, half_sse, a full batch of 64; and on 784-128-64-10 relu /
  softmax / cross-entropy, batches of 64 from 1,024 samples. Steps per second.
- window: the main window offscreen at 1280×800 training 784-128-64-10 (relu/softmax, batch
  64) live for S seconds: steps per second, and how late a 16 ms timer fires at worst and at
  the 95th percentile (what a key press would wait).

Prints the medians and the two-thread/one-thread ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {"cli sigmoid full 64": ("cli", "sigmoid", 64), "cli relu/softmax 64 of 1024":
         ("cli", "relu", 1024), "window relu/softmax 64 of 1024": ("window", "relu", 1024)}


def make_file(hidden: str, samples: int, path: str) -> None:
    """A 784-128-64-10 network file: ``hidden`` layers, batches of 64 from ``samples`` rows."""
    import numpy as np

    from engine.files.netfile import write_file
    from engine.model.experiment import Dataset, Experiment, TrainingSettings
    from engine.model.initializers import initialize_network
    from engine.model.network import Layer, Network

    sizes = (784, 128, 64, 10)
    output, loss = ("softmax", "cross_entropy") if hidden == "relu" else ("identity", "half_sse")
    layers = [Layer(np.zeros((n_out, n_in)), np.zeros(n_out), output if i == 2 else hidden)
              for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True))]
    network = Network(784, layers, loss=loss, reduction="mean")
    initialize_network(network, "he" if hidden == "relu" else "xavier", seed=2)
    rng = np.random.default_rng(1)
    inputs = rng.normal(size=(samples, 784)).round(3)
    if output == "softmax":
        targets = np.eye(10)[rng.integers(0, 10, samples)]
    else:
        targets = np.tanh(inputs[:, :10] + 0.5).round(3)
    write_file(Experiment(network, TrainingSettings(learning_rate=0.01, batch_size=64),
                          Dataset(inputs, targets)), path)


def child_cli(path: str, seconds: float) -> dict:
    import contextlib
    import io

    from engine.cli import main

    def timed(steps: int) -> float:
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["train", path, "--steps", str(steps)])
        return time.perf_counter() - start

    few = timed(10)  # reading the file and starting: what every run pays once
    steps = 40
    while (elapsed := timed(steps)) - few < seconds / 2 and steps < 1_000_000:
        steps *= 2
    return {"steps_per_s": (steps - 10) / max(elapsed - few, 1e-9)}


def child_window(path: str, seconds: float) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from gui import app, files

    application = app.create_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
        window = app.create_window(path, settings, files.RecoveryFile(folder))
        window.resize(1280, 800)
        window.show()
        application.processEvents()
        runner = window.training_docks.runner
        lateness, clock, probe = [], QElapsedTimer(), QTimer()
        probe.setInterval(16)

        def tick():
            lateness.append(max(0.0, clock.restart() - 16))

        probe.timeout.connect(tick)
        runner.start()
        clock.start()
        probe.start()
        start, first, result = time.perf_counter(), runner.step_count, {}

        def finish():
            result["steps_per_s"] = (runner.step_count - first) / (time.perf_counter() - start)
            probe.stop()
            runner.pause()
            window.document.undo_stack.setClean()  # quitting closes the window: nothing to ask
            application.quit()

        QTimer.singleShot(int(seconds * 1000), finish)
        application.exec()
    lateness.sort()
    return {**result, "late_max_ms": lateness[-1],
            "late_p95_ms": lateness[int(0.95 * (len(lateness) - 1))]}


def measure(case: str, threads: int, seconds: float, folder: str) -> dict:
    kind, hidden, samples = CASES[case]
    path = os.path.join(folder, f"{hidden}-{samples}.json")
    if not os.path.exists(path):
        make_file(hidden, samples, path)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, __file__, "--child", kind, path, str(seconds)],
                         env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--case", default="", help="only the cases whose name contains this")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        kind, path, seconds = arguments.child
        child = child_cli if kind == "cli" else child_window
        print(json.dumps(child(path, float(seconds))))
        return 0
    sys.path.insert(0, str(ROOT))
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        for case in (name for name in CASES if arguments.case in name):
            runs = {1: [], 2: []}
            for _ in range(arguments.repeats):
                for threads in (1, 2):
                    runs[threads].append(measure(case, threads, arguments.seconds, folder))
            medians = {t: {key: statistics.median(r[key] for r in rs) for key in rs[0]}
                       for t, rs in runs.items()}
            ratio = medians[2]["steps_per_s"] / medians[1]["steps_per_s"]
            for threads in (1, 2):
                figures = ", ".join(f"{key} {value:,.1f}" for key, value in
                                    medians[threads].items())
                print(f"{case:<34}{threads} thread{'s' if threads > 1 else ' '}: {figures}")
            print(f"{'':<34}two/one steps per second: {ratio:.2f}×")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
