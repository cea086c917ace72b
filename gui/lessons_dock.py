"""The Lessons dock, added to the main window by one call (``add_lessons_dock(window)``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from engine import i18n
from gui.lesson_hidden import LessonHidden
from gui.panels.lessons_panel import LessonsPanel


def add_lessons_dock(window) -> LessonsPanel:
    """Make the Lessons panel of ``window`` (a MainWindow), dock it (gui/layouts.py places it
    beside the inspector) and return it; ``window.lessons_dock`` is its dock."""
    panel = LessonsPanel(window.document, window.stepping, window.training_docks.runner,
                         window.settings, window.file_actions.maybe_save, window)
    panel.set_language(i18n.language())  # a language switch builds the window, and this, anew
    title = QCoreApplication.translate("LessonsPanel", "Lessons")
    dock = window.add_dock(title, "lessons_dock", panel, Qt.DockWidgetArea.RightDockWidgetArea)
    window.lessons_dock = dock
    panel.lesson_opened.connect(lambda _number: window.layouts.bring_forward(dock))
    hidden = LessonHidden.of(window.document)  # the one owner every view reads
    panel.hidden_changed.connect(hidden.set_neurons)
    hidden.set_neurons(panel.hidden)  # a window built anew (a language switch) starts in step
    return panel
