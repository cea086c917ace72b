"""The Loss Landscape copies the network for its worker once per change of the numbers.

At 10,000,000 parameters a copy is 80 MB: a request per chosen parameter or per frame must not
make one each time, yet every grid must be the engine's E of the numbers as they are now.
"""

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
