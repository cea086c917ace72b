"""Issue 11 item 6: editing a data cell through its editor raises no Qt warning.

The model used to reset itself on every change of the data, closing the open editor inside its
own commit; a later commit of that editor then printed "QAbstractItemView::commitData called with
an editor that does not belong to this view". A change that keeps the table's shape now says
which cells changed instead.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.panels.data_panel import DataPanel
from tests.gui.lifetimes import opened


@pytest.fixture
def qt_messages():
    messages = []

    def handler(kind, _context, text):
        if kind != QtMsgType.QtDebugMsg and "propagateSizeHints" not in text:  # offscreen's own
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    yield messages
    qInstallMessageHandler(previous)


def edit_cell(qtbot, panel, row, column, text, key=Qt.Key.Key_Return):
    table = panel.table
    index = panel.model.index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index) or table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()
    return editor


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Enter])
def test_editing_a_cell_changes_the_data_and_prints_no_qt_warning(qtbot, owned, qt_messages, key):
    panel = DataPanel(opened(owned, "xor"))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    edit_cell(qtbot, panel, 1, 0, "0.5", key)
    panel.table.setFocus()  # the editor loses its focus, as a click elsewhere does
    panel.setFocus()
    QApplication.processEvents()
    assert panel._document.data.inputs[1, 0] == 0.5
    assert qt_messages == []


def test_a_second_edit_after_the_first_also_prints_nothing(qtbot, owned, qt_messages):
    panel = DataPanel(opened(owned, "xor"))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    edit_cell(qtbot, panel, 0, 1, "0.25")
    edit_cell(qtbot, panel, 2, 2, "0.75")
    panel.setFocus()
    QApplication.processEvents()
    data = panel._document.data
    assert (data.inputs[0, 1], data.targets[2, 0]) == (0.25, 0.75)
    assert qt_messages == []
