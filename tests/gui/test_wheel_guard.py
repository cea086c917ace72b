"""The mouse wheel over a combo box, spin box or slider the learner has not chosen scrolls the
panel instead of changing the value (gui/wheel_guard.py, installed by gui/app.py)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSlider, QSpinBox

from engine.files.netfile import load
from gui import app, wheel_guard
from gui.document import Document
from gui.panels.training_panel import TrainingPanel
from gui.training_runner import TrainingRunner


def wheel(widget, notches: int = -1) -> None:
    """Turn the wheel ``notches`` clicks (negative: towards the learner) over ``widget``."""
    where = QPointF(widget.rect().center())
    event = QWheelEvent(where, QPointF(widget.mapToGlobal(where.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def training_dock(qtbot, owned):
    wheel_guard.install(QApplication.instance())
    document = Document(load("preset:xor"))
    runner = TrainingRunner(document)
    owned.extend([document, runner])
    panel = TrainingPanel(document, runner)
    qtbot.addWidget(panel)
    panel.resize(320, 220)  # smaller than its form: the panel scrolls
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_wheel_over_the_unfocused_batch_combo_leaves_it_and_scrolls_the_panel(training_dock):
    combo = training_dock.form.batch_combo
    scroll_bar = training_dock.findChild(QScrollArea).verticalScrollBar()
    assert scroll_bar.maximum() > 0 and scroll_bar.value() == 0
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives it no focus
    assert not combo.hasFocus()
    wheel(combo)
    wheel(combo)
    assert combo.currentIndex() == 0 and training_dock._document.training.batch_size is None
    assert scroll_bar.value() > 0  # the panel scrolled instead


def test_with_focus_the_wheel_changes_the_batch_combo(training_dock, qtbot):
    combo = training_dock.form.batch_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1
    assert training_dock._document.training.batch_size == 10


@pytest.mark.parametrize("kind", [QSpinBox, QSlider])
def test_spin_boxes_and_sliders_are_guarded_too(qtbot, kind):
    application = app.create_application()  # installs the guard, as the program does
    assert application.findChild(wheel_guard.WheelGuard) is wheel_guard.install(application)
    widget = kind()
    widget.setRange(0, 10)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    wheel(widget, 1)
    assert widget.value() == 0
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    wheel(widget, 1)
    assert widget.value() == (1 if kind is QSpinBox else 3)  # a slider: three lines a notch
