"""GUI tests run offscreen; the platform must be chosen before Qt is first imported."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _delete_closed_widgets_now():
    """pytest-qt closes each test's widgets and calls deleteLater(), but nothing runs the
    deferred deletions, so the widgets linger until the garbage collector reaches their
    Python side and tears them down in any order (segfaults in a later test). Delete them
    here, at the end of their own test."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
