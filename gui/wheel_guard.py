"""No accidental edits: the mouse wheel changes a combo box, spin box or slider only once the
learner has chosen it (it has focus); otherwise the wheel scrolls the panel around it.

One application-wide event filter (installed by gui/app.py): as each such widget is polished it
gets Qt.StrongFocus (a click or Tab focuses it, the wheel does not), and a wheel event over one
without focus is passed up to its parents instead, so the scroll area around it scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDial, QSlider

GUARDED = (QComboBox, QAbstractSpinBox, QSlider, QDial)  # not scroll bars: scrolling is their job


class WheelGuard(QObject):
    """The event filter; see the module's docstring."""

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            _pass_up(watched, event)
            return True
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def _pass_up(widget, event) -> None:
    """Offer ``event`` to each parent of ``widget`` in turn until one takes it (the scroll
    area's viewport scrolls). Qt passes a wheel event up by itself only when it came from the
    system, not when it is sent on like this."""
    parent = widget.parentWidget()
    while parent is not None:
        event.ignore()
        QCoreApplication.sendEvent(parent, event)
        if event.isAccepted() or parent.isWindow():
            return
        parent = parent.parentWidget()


def install(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (it lives as long as the application)."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard
