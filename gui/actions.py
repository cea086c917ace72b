"""Making a menu or toolbar action in one call, the same way in every part of the window."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def make_action(parent, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    """A QAction owned by ``parent`` that calls ``slot``; ``tip`` shows in the status bar too."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    return action
