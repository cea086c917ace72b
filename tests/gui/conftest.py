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
