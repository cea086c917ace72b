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


def keep_width(bar, action: QAction, texts: list[str]) -> None:
    """Give ``action``'s button on toolbar ``bar`` the width of its widest text in ``texts``,
    so the buttons after it stay put when its text changes."""
    button = bar.widgetForAction(action)
    if button is None:
        return
    current = action.text()
    widths = []
    for text in texts:
        action.setText(text)
        widths.append(button.sizeHint().width())
    action.setText(current)
    button.setFixedWidth(max(widths))
