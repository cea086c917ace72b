"""On the canvas an output is marked saturated only while it is stuck far from its target; a
solved XOR output carries no mark (engine/analysis/diagnostics.py decides, the canvas shows)."""

import numpy as np
import pytest

from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from gui.canvas.tooltips import tooltip
from gui.document import Document
from gui.items import NeuronRef
from tests.gui.test_canvas import make_view  # noqa: F401 (the fixture)

UNIT_SQUARE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


@pytest.fixture
def view_of(request, owned):
    make = request.getfixturevalue("make_view")

    def open_view(network, targets):
        document = Document(Experiment(network, data=Dataset(UNIT_SQUARE, targets)))
        owned.append(document)
        return make(document).network_scene

    return open_view


def solved_xor() -> Network:
    hidden = Layer(20 * np.array([[1.0, 1.0], [1.0, 1.0]]), 20 * np.array([-0.5, -1.5]),
                   "sigmoid")
    output = Layer(20 * np.array([[1.0, -1.0]]), np.array([-10.0]), "sigmoid")
    return Network(2, [hidden, output], loss="half_sse")


def test_a_solved_xor_output_has_no_mark_its_flat_hidden_units_do(view_of):
    scene = view_of(solved_xor(), np.array([[0.0], [1.0], [1.0], [0.0]]))
    assert scene.columns[2].health_counts() == ""
    assert "saturated" not in tooltip(scene, NeuronRef(2, 0))
    assert scene.columns[1].health_counts() == "2 saturated"


def test_an_output_stuck_far_from_its_target_is_marked_and_says_why(view_of):
    stuck = Network(2, [Layer([[0.0, 0.0]], [-9.0], "sigmoid")], loss="half_sse")
    scene = view_of(stuck, np.ones((4, 1)))
    assert scene.columns[1].health_counts() == "1 saturated"
    assert "far from its target" in tooltip(scene, NeuronRef(1, 0))
