"""DESIGN.md, "Pins with a reason": some PySide6 releases drop a reference to None on every
call of a Qt method that returns nothing, and a live window then aborts within seconds. This
fails on such a release, in CI, instead of on a learner's machine."""

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

CALLS = 5000


def test_void_qt_calls_do_not_lose_references_to_none(qtbot):
    item = QGraphicsRectItem(QRectF(0, 0, 10, 10))
    widget = QWidget()
    qtbot.addWidget(widget)
    pen = QPen(QColor("#2166ac"), 2)
    before = sys.getrefcount(None)
    for index in range(CALLS):
        item.setPen(pen)  # each of these returns None from C++
        item.setZValue(index % 3)
        widget.resize(100 + index % 7, 80)
        widget.update()
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references in {4 * CALLS} calls"
