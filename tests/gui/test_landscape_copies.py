"""The Loss Landscape copies the network for its worker once per change of the numbers.

At 10,000,000 parameters a copy is 80 MB: a request per chosen parameter or per frame must not
make one each time, yet every grid must be the engine's E of the numbers as they are now.
"""

import numpy as np
import pytest

from engine.lesson.quantities import bias, weight
from engine.model.network import Network
from tests.gui.test_landscape_plot import shown


@pytest.fixture
def copies(monkeypatch):
    made = []
    original = Network.copy

    def counted(network):
        made.append(network)
        return original(network)

    monkeypatch.setattr(Network, "copy", counted)
    return made


def test_choosing_other_parameters_copies_nothing(qtbot, owned, copies):
    _, _, plot = shown(qtbot, owned, "xor")
    before = len(copies)
    for quantity in (weight(0, 1, 0), bias(1, 0), weight(0, 0, 1)):
        plot.choose(quantity)
        plot.refresh()
        plot.worker.wait()
        assert plot.result.landscape.names[0] == plot.first_box.currentText()
    assert len(copies) == before


def test_a_changed_weight_is_copied_once_and_its_grid_is_the_new_e(qtbot, owned, copies):
    document, _, plot = shown(qtbot, owned, "seed")
    before = len(copies)
    document.set_parameter(1, 0, 0, 2.0)  # w = 2: z = 2·3 + 1 = 7, E = ½(7 − 3)² = 8
    plot.refresh()
    plot.refresh()
    plot.worker.wait()
    assert len(copies) == before + 1
    assert plot.result.shape.loss == 8.0
    assert plot.result.request.network.layers[1].weights[0, 0] == 2.0


def test_random_directions_are_drawn_by_the_worker_from_the_start_and_kept(qtbot, owned,
                                                                          monkeypatch):
    import threading

    from engine.analysis import random_slice
    from gui.plots import landscape_worker
    from gui.plots.landscape_plot import RANDOM

    threads = []
    original = random_slice.random_directions

    def drawing(network, seed):
        threads.append(threading.current_thread())
        return original(network, seed)

    monkeypatch.setattr(landscape_worker, "random_directions", drawing)
    document, runner, plot = shown(qtbot, owned, "xor")
    start = document.network.copy()
    plot.mode_box.setCurrentIndex(RANDOM)  # 1.2 s at 10,000,000 parameters: not on the loop
    plot.refresh()
    assert plot.directions is None
    plot.worker.wait()
    assert threads and threading.main_thread() not in threads
    expected = original(start, plot.seed)
    for got, want in zip(plot.directions, expected, strict=True):
        for a, b in zip(got.weights + got.biases, want.weights + want.biases, strict=True):
            np.testing.assert_array_equal(a, b)
    drawn = len(threads)
    runner.train_step()
    plot.worker.wait()
    assert len(threads) == drawn and plot.result.slice.directions is plot.directions
