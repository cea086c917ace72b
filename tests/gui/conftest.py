"""GUI tests run offscreen; the platform must be chosen before Qt is first imported."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


import pytest  # noqa: E402  (after the platform is chosen)


@pytest.fixture
def owned():
    """Documents and runners a test made, deleted at its end (see tests/gui/lifetimes.py)."""
    from tests.gui.lifetimes import release

    objects = []
    yield objects
    release(objects)


@pytest.fixture
def seed_document(owned):
    """Makes the lecture notes' walkthrough as a document, released at the end of the test:
    x —(v, a=1)→ y —(w, b=1)→ z with ``weights=(v, w)`` (1, 1 by default), x = 2, t = 3,
    ½(z − t)², η = 0.1."""
    from engine.model.experiment import Dataset, Experiment
    from engine.model.network import Layer, Network
    from gui.document import Document

    def make(weights=(1.0, 1.0)) -> Document:
        layers = [Layer([[weights[0]]], [1.0]), Layer([[weights[1]]], [1.0])]
        network = Network(1, layers, input_labels=["x"])
        network.layers[0].labels = ["y"]
        network.layers[1].labels = ["z"]
        document = Document(Experiment(network, data=Dataset([[2.0]], [[3.0]])))
        owned.append(document)
        return document

    return make
