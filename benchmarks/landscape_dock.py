"""The Loss Landscape dock, offscreen: from asking for a slice to the slice drawn.

    python benchmarks/landscape_dock.py [--case map|random|both] [--repeats N] [--points P]

``map``: a 2-8-8-1 tanh/sigmoid network over 200 samples in the main window; the dock shows E
over a P × P grid (default 41) of two parameters. Target (the issue): drawn within 0.5 s.
``random``: a 784-128-10 relu/softmax network over 1,000 samples (cross-entropy, mean); the
dock shows the slice along two random filter-normalised directions, P × P (default 101).
Target: within 5 s.

Each repeat changes a weight (a new request), then measures the time until the dock has drawn
the new grid, while a 60 Hz timer stands in for the window's repainting: the longest gap
between its ticks says whether the event loop kept running while the grid was computed.
Medians and worst cases are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.model.experiment import Dataset, Experiment  # noqa: E402
from engine.model.network import Layer, Network  # noqa: E402
from engine.model.parameter_names import parse_parameter  # noqa: E402
from gui import files  # noqa: E402
from gui.document import Document  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.plots.landscape_plot import RANDOM  # noqa: E402

TARGETS_S = {"map": 0.5, "random": 5.0}
DEFAULT_POINTS = {"map": 41, "random": 101}
DEFAULT_REPEATS = {"map": 10, "random": 3}


def mnist_sized() -> Experiment:
    """784-128-10, relu then softmax with cross-entropy, 1,000 random samples (the size of a
    small MNIST run; the numbers themselves do not matter for the time)."""
    rng = np.random.default_rng(0)
    layers = [Layer(rng.normal(0, np.sqrt(2 / 784), (128, 784)), np.zeros(128), "relu"),
              Layer(rng.normal(0, np.sqrt(1 / 128), (10, 128)), np.zeros(10), "softmax")]
    inputs = rng.uniform(0, 1, (1000, 784))
    targets = np.eye(10)[rng.integers(0, 10, 1000)]
    network = Network(784, layers, "cross_entropy", "mean")
    return Experiment(network, data=Dataset(inputs, targets))


def experiment() -> Experiment:
    rng = np.random.default_rng(0)
    sizes = [2, 8, 8, 1]
    layers = [Layer(rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in)), np.zeros(n_out),
                    "sigmoid" if n_out == 1 else "tanh")
              for n_in, n_out in zip(sizes, sizes[1:], strict=False)]
    inputs = rng.uniform(-1, 1, (200, 2))
    targets = (inputs[:, :1] * inputs[:, 1:] > 0).astype(float)
    network = Network(2, layers, "binary_cross_entropy", "mean")
    return Experiment(network, data=Dataset(inputs, targets))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=("map", "random", "both"), default="both")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--points", type=int)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    cases = ("map", "random") if args.case == "both" else (args.case,)
    passed = True
    for case in cases:
        points = args.points or DEFAULT_POINTS[case]
        repeats = args.repeats or DEFAULT_REPEATS[case]
        passed &= measure(app, case, points, repeats)
    return 0 if passed else 1


def measure(app, case: str, points: int, repeats: int) -> bool:
    """Time ``repeats`` requests of one case; print the median and worst; True within target."""
    folder = tempfile.mkdtemp()
    settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
    document = Document(experiment() if case == "map" else mnist_sized())
    window = MainWindow(document, settings, files.RecoveryFile(os.path.join(folder, "r")))
    window.resize(1280, 800)
    window.show()
    docks = window.training_docks
    docks.landscape_dock.raise_()
    plot = docks.landscape_plot
    plot.points = points
    network = document.network
    if case == "map":
        plot.choose(parse_parameter("w2[1,1]", network), parse_parameter("w1[1,1]", network))
    else:
        plot.mode_box.setCurrentIndex(RANDOM)
    drawn = []
    original = plot._draw

    def timed_draw(result):
        original(result)
        drawn.append(time.perf_counter())

    plot._draw = timed_draw
    ticks = []
    ticker = QTimer()
    ticker.setInterval(16)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    times, gaps = [], []
    for repeat in range(repeats + 1):
        drawn.clear()
        ticks.clear()
        asked = time.perf_counter()
        document.set_parameter(1, 0, 0, 0.1 * repeat)  # a learner's edit: a new request
        while not drawn and time.perf_counter() - asked < 120:
            app.processEvents()
            time.sleep(0.001)
        if not drawn:
            print("the slice was never drawn")
            return False
        if repeat:  # the first includes warming up
            times.append(drawn[0] - asked)
            stamps = [asked, *ticks, drawn[0]]
            gaps.append(max(b - a for a, b in zip(stamps, stamps[1:], strict=False)))
    ticker.stop()
    result = plot.result
    shape = (result.slice or result.landscape).losses.shape
    median, worst = statistics.median(times), max(times)
    target = TARGETS_S[case]
    what = ("2-8-8-1 over 200 samples, two parameters" if case == "map"
            else "784-128-10 over 1,000 samples, two random directions")
    print(f"{shape[0]}×{shape[1]} slice, {what}: request → drawn median "
          f"{median * 1000:.0f} ms, worst {worst * 1000:.0f} ms over {len(times)} "
          f"(target {target * 1000:.0f} ms); longest event-loop gap {max(gaps) * 1000:.0f} ms")
    document.undo_stack.setClean()
    window.close()
    return worst <= target


if __name__ == "__main__":
    sys.exit(main())
