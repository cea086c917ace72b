"""Starting the window: ``run_gui``, ``screenshot`` and ``demo``, called by main.py.

Each creates the QApplication (its name and organisation place QSettings), shows exceptions
from Qt slots in a message box instead of losing them, and opens the main window on the
network ``spec`` (a path or ``preset:NAME``; None means the seed example).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback

APP_NAME = "Backprop Simulator"  # i18n: as is
ORGANIZATION = "BackpropSim"
SCREENSHOT_SIZE = (1280, 800)
DEMO_STEP_MS = 700  # a steady pace a class can follow
DEMO_PAUSE_MS = 2500  # at the end of a step: time to read the update before it is applied
QUIT_AFTER_PAINT = "BACKPROP_SIM_QUIT_AFTER_PAINT"  # set: print "painted" and quit (smoke tests)
DEFAULT_SPEC = "preset:seed"
WORKER_START_DELAY_MS = 1000  # after the window is up: its first paint and layout go first


def has_display() -> bool:
    """Whether Qt can open a window here (a display, or a platform chosen by hand)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def create_application():
    """The one QApplication, named so QSettings and the recovery folder find their place,
    with the wheel guard (gui/wheel_guard.py) installed."""
    from PySide6.QtWidgets import QApplication

    from gui import style, wheel_guard

    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName(APP_NAME)
        QApplication.setOrganizationName(ORGANIZATION)
        app = QApplication(sys.argv[:1])
        style.use_korean_fallbacks(app)
    wheel_guard.install(app)  # the wheel never changes a setting the learner did not choose
    return app


def create_window(spec: str | None, settings=None, recovery=None):
    """A main window on ``spec`` (NetworkFileError if it cannot be read)."""
    from PySide6.QtCore import Qt

    from engine.files import netfile
    from gui import language
    from gui.document import Document
    from gui.main_window import MainWindow

    language.install(language.chosen_language(settings))
    spec = spec or DEFAULT_SPEC
    experiment = netfile.load(spec)
    path = None if spec.startswith(netfile.PRESET_PREFIX) else os.path.abspath(spec)
    window = MainWindow(Document(experiment, path), settings=settings, recovery=recovery)
    # deleted as soon as it is closed, children first, while every Python object they call
    # back into is still alive (not later by the garbage collector, in any order)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return window


def install_excepthook(window) -> None:
    """Show an exception raised in a Qt slot to the learner (and keep it on stderr)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    def show(kind, value, trace):
        text = "".join(traceback.format_exception(kind, value, trace))
        sys.stderr.write(text)
        try:
            box = QMessageBox(QMessageBox.Icon.Critical,
                              QCoreApplication.translate("App", "Something went wrong"),
                              f"{kind.__name__}: {value}", parent=window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setDetailedText(text)
            box.exec()
        except Exception:  # noqa: BLE001 - never raise from the hook itself
            pass

    show.window = window  # a language switch hands the hook to the window built in its place,
    show.follow = install_excepthook  # through this (gui/language.py need not import gui.app)
    sys.excepthook = show


def _quit_after_first_paint(app, window) -> None:
    """For smoke tests and start-up timing: print once the canvas has painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self._report)
            return False

        def _report(self):
            print(f"painted {time.perf_counter():.3f}", flush=True)
            window.close()
            app.quit()

    watcher = FirstPaint(window)
    window.canvas.viewport().installEventFilter(watcher)


def _open_on_a_display(spec: str | None):
    """The application and its window on ``spec`` (exceptions shown in a box), or None with
    one line on stderr when there is no display to show them on."""
    if not has_display():
        from PySide6.QtCore import QCoreApplication

        # before any application exists Qt has no catalogue: this line is then English
        print(QCoreApplication.translate("App", "no display found: run under xvfb-run, or set "
                                         "QT_QPA_PLATFORM=offscreen for screenshots"),
              file=sys.stderr)
        return None
    app = create_application()
    window = create_window(spec)
    install_excepthook(window)
    return app, window


def run_gui(spec: str | None) -> int:
    """Open the window on ``spec`` and run until it is closed."""
    opened = _open_on_a_display(spec)
    if opened is None:
        return 2
    app, window = opened
    if os.environ.get(QUIT_AFTER_PAINT):
        _quit_after_first_paint(app, window)
    window.show()
    if not os.environ.get(QUIT_AFTER_PAINT):
        window.offer_recovery()
        _start_training_process_soon(window)
    app.exec()
    return 0


def _start_training_process_soon(window) -> None:
    """Once the window is up, start the training process (most of a second of imports), so
    the learner's first Run moves at once (later runs do anyway)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(WORKER_START_DELAY_MS, window.training_docks.runner.prepare_worker)


def run_lesson(number: int) -> int:
    """Open the window on lesson ``number`` (its network and the Lessons dock in front)."""
    opened = _open_on_a_display(None)
    if opened is None:
        return 2
    app, window = opened
    window.lessons_panel.open_lesson(number)
    window.show()  # lays the docks out for the window's size
    window.layouts.bring_forward(window.lessons_dock)
    _start_training_process_soon(window)
    app.exec()
    return 0


def screenshot(spec: str | None, out_png: str, step: int = 0) -> int:
    """Render the window offscreen at 1280×800 after ``step`` steps of the step-through
    (0 to the number of steps; beyond the last one is refused with one line, exit 2)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings

    from gui import files

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        # a fresh layout every time, and the learner's own settings untouched
        settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
        window = create_window(spec, settings, files.RecoveryFile(folder))
        count = window.stepping.count if step else 0  # --step 0 needs no steps built
        if step > count:
            window.document.undo_stack.setClean()
            window.close()
            print(QCoreApplication.translate(
                "App", "--step {step}: the step-through has {count} steps (choose 0…{count})")
                .format(step=step, count=count), file=sys.stderr)
            return 2
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        for _ in range(max(0, int(step))):
            window.stepping.next()
        app.processEvents()
        image = window.grab()
        window.document.undo_stack.setClean()  # nothing to ask about when closing
        window.close()
        ok = image.save(out_png)
    if not ok:
        print(QCoreApplication.translate("App", "{path}: cannot write the PNG").format(
            path=out_png), file=sys.stderr)
        return 2
    return 0


class DemoDriver:
    """Plays the step-through; at the end of each step, applies the update and plays on.

    The updates it applies leave an unmodified document unmodified (still undoable), so
    quitting a demo asks nothing."""

    def __init__(self, window, step_ms: int = DEMO_STEP_MS, pause_ms: int = DEMO_PAUSE_MS):
        from PySide6.QtCore import QTimer

        self.window = window
        self.step_ms = step_ms
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(pause_ms)
        self.timer.timeout.connect(self.next_round)
        window.stepping.playing_changed.connect(self.on_playing_changed)

    def start(self):
        self.window.stepping.set_interval(self.step_ms)
        self.window.stepping.play()

    def stop(self):
        self.timer.stop()
        self.window.stepping.pause()

    def on_playing_changed(self, playing: bool):
        if not playing and self.window.stepping.at_end:
            self.timer.start()

    def next_round(self):
        stack = self.window.document.undo_stack
        untouched = stack.isClean()  # nothing the learner must save yet
        self.window.stepping.next()  # applies the update and starts the forward pass again
        if untouched:
            stack.setClean()  # the demo's own updates are a show, not work to save
        self.window.stepping.play()


def demo(spec: str | None) -> int:
    """The window stepping through by itself at a steady pace (presentation mode)."""
    opened = _open_on_a_display(spec)
    if opened is None:
        return 2
    app, window = opened
    driver = DemoDriver(window)
    window.show()
    driver.start()
    app.exec()
    return 0
