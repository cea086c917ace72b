"""The window's language, English or Korean: chosen, installed, and switched while it is open.

Chosen: ``--lang`` for this run (``request``), else the setting "language" that View → Language
stores, else the system locale (``ko_*`` → Korean). Installed: two QTranslators on the
application, the window's own catalogue (resources/i18n/backprop_ko.qm) and Qt's own
(qtbase_ko.qm: standard buttons and dialogs), and engine.i18n's language for the engine's text.

Switched by building the window again around the same Document: the document, its undo stack
and the training run are handed over untouched, with the old window's geometry, dock layout,
step-through position and zoom. Every string is translated where it is made (``self.tr`` when a
widget is built or its text is set), so no view needs a retranslate method that could forget one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from engine import i18n

LANGUAGES = {"en": "English", "ko": "한국어"}  # each name in its own language, as menus show it
SETTING = "language"
CATALOGUE_FOLDER = Path(__file__).resolve().parents[1] / "resources" / "i18n"

_requested: str | None = None  # --lang of this run
_translators: list[QTranslator] = []
_rebuilt: list = []  # windows built by a switch: Python must hold them, nothing else does


def request(code: str | None) -> None:
    """``--lang CODE`` for this run: it beats the stored setting until the learner chooses."""
    global _requested
    _requested = code


def system_language() -> str:
    return "ko" if QLocale.system().name().lower().startswith("ko") else "en"


def chosen_language(settings: QSettings | None = None) -> str:
    """``--lang``, else the stored choice, else the system locale's language."""
    if _requested in LANGUAGES:
        return _requested
    stored = (settings if settings is not None else QSettings()).value(SETTING)
    return stored if stored in LANGUAGES else system_language()


def own_catalogue(code: str) -> Path:
    return CATALOGUE_FOLDER / f"backprop_{code}.qm"


def qt_catalogue(code: str) -> Path:
    """Qt's own translations of its standard dialogs and buttons, shipped with PySide6."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return Path(folder) / f"qtbase_{code}.qm"


def install(code: str) -> None:
    """Make ``code`` the language of everything made from now on: Qt's and the engine's."""
    app = QCoreApplication.instance()
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if code != "en":
        for path in (qt_catalogue(code), own_catalogue(code)):
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                _translators.append(translator)
    i18n.set_language(code)


def current() -> str:
    return i18n.language()


def add_language_menu(window, menu: QMenu) -> QMenu:
    """View → Language: English / 한국어, the current one checked; choosing one switches."""
    submenu = menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(submenu)
    for code, name in LANGUAGES.items():
        action = QAction(name, group)
        action.setCheckable(True)
        action.setChecked(code == current())
        action.setData(code)
        action.triggered.connect(lambda _checked=False, chosen=code: switch(window, chosen))
        submenu.addAction(action)
    return submenu


def switch(window, code: str):
    """Store ``code`` as the learner's choice and show ``window`` in it; returns the window
    now showing the document (a new one when the language changed, else ``window``)."""
    global _requested
    _requested = None
    window.settings.setValue(SETTING, code)
    if code == current():
        return window
    install(code)
    return rebuild(window)


def rebuild(window):
    """A new window of the same class around ``window``'s document, in its place."""
    window.stepping.pause()
    window.training_docks.runner.pause()
    window.canvas.close_editor()
    window.write_settings()  # geometry and dock layout, which the new window reads back
    new = type(window)(window.document, settings=window.settings, recovery=window.recovery)
    new.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose,
                     window.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose))
    new.setGeometry(window.geometry())  # the saved geometry alone may not survive (offscreen)
    new.training_docks.run_tools.timeline.store = window.training_docks.run_tools.timeline.store
    new.training_docks.runner.take_over(window.training_docks.runner)
    _carry_step_through(window.stepping, new.stepping)
    if window.document.is_modified:  # unsaved work keeps being autosaved
        new.file_actions.autosave_timer.start()
    if getattr(sys.excepthook, "window", None) is window:  # gui.app's hook shows errors there
        sys.excepthook.follow(new)
    new.canvas.setTransform(window.canvas.transform())
    new.canvas.centerOn(window.canvas.mapToScene(window.canvas.viewport().rect().center()))
    if window.isVisible():
        new.show()
    window.hide()
    window.deleteLater()  # not closed: closing would end the recovery file the new one keeps
    _rebuilt[:] = [kept for kept in _rebuilt if shiboken6.isValid(kept)] + [new]
    return new


def _carry_step_through(old, new) -> None:
    """The step-through where the learner left it: sample, scope, granularity, position (the
    sample before the scope: choosing a sample switches to the one-sample scope)."""
    new.set_sample(old.sample)
    new.set_scope(old.scope)
    new.set_granularity(old.granularity)
    if old.is_built:
        new.go_to(old.position)
