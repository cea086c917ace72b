"""The File menu of the main window: new, open, save, recent files, examples, export, autosave.

Opening never touches the open network until the new one has been read and validated by the
engine; a bad file shows the engine's message and changes nothing. A big file is written or
read in another process while the window goes on (gui/background_write.py): no second New,
Open or Save meanwhile, its progress in the status bar, and a close waits for it. Replacing
unsaved work asks first (Save / Discard / Cancel). Unsaved changes are written to a recovery
file about two seconds after the last edit and during a run (gui/autosave.py); a clean exit
removes it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMenu, QMessageBox

from engine.errors import NetworkError, NetworkFileError
from engine.files import netfile
from engine.files.export_numpy import export_numpy
from engine.files.export_torch import export_torch
from engine.files.presets import PRESET_NAMES, describe
from gui import files
from gui.actions import make_action
from gui.autosave import Autosaver
from gui.background_write import (
    BACKGROUND_NUMBERS,
    FileJob,
    is_big_file,
    size_in_numbers,
    wait_for,
)
from gui.canvas import export
from gui.dialogs.new_network import NewNetworkDialog
from gui.richtext import literal_html

MESSAGE_MS = 4000


class FileActions(QObject):
    """The file actions of ``window`` (a MainWindow: document, settings, recovery, canvas)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._document = window.document
        self.job: FileJob | None = None  # a big file being written or read
        self._close_when_done = False
        self._create_actions()
        self.autosaver = Autosaver(self._document, window.recovery, self._is_training, self)
        self.autosaver.failed.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.autosave_timer = self.autosaver.debounce  # runs from an edit until its save

    def _create_actions(self):
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New…"), self.new_network, keys.New,
                                       self.tr("Build a new network: sizes, activations, loss"))
        self.open_action = self._action(self.tr("&Open…"), self.open_file, keys.Open,
                                        self.tr("Open a network file"))
        self.save_action = self._action(self.tr("&Save"), self.save, keys.Save,
                                        self.tr("Save the network"))
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, keys.SaveAs,
                                           self.tr("Save the network under a new name"))
        self.export_png_action = self._action(self.tr("Export Canvas as &PNG…"), self.export_png,
                                              None, self.tr("Save a picture of the canvas"))
        self.export_svg_action = self._action(self.tr("Export Canvas as S&VG…"), self.export_svg,
                                              None, self.tr("Save the canvas as a scalable "
                                                            "drawing"))
        self.export_torch_action = self._action(
            self.tr("Export as P&yTorch script…"), self.export_torch_script, None,
            self.tr("Save a standalone PyTorch script that trains this network the same way"))
        self.export_numpy_action = self._action(
            self.tr("Export as &NumPy script…"), self.export_numpy_script, None,
            self.tr("Save the same training as a page of plain NumPy, to read the algorithm as "
                    "code"))

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        return make_action(self._window, text, slot, shortcut, tip)

    def fill_file_menu(self, menu: QMenu) -> None:
        """New, Open, Open Recent, Examples, Save, Save As, Export (Quit is the window's)."""
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.examples_menu = menu.addMenu(self.tr("E&xamples"))
        for name in PRESET_NAMES:
            action = self.examples_menu.addAction(name)
            action.setData(name)
            action.triggered.connect(self._on_example_triggered)
        self.examples_menu.aboutToShow.connect(self._describe_examples)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        menu.addActions([self.export_png_action, self.export_svg_action])
        menu.addActions([self.export_torch_action, self.export_numpy_action])

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, MESSAGE_MS)

    # ----- replacing the open network ---------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A big file is being written or read: no second New, Open or Save."""
        return self.job is not None

    def _refuse_while_busy(self) -> bool:
        if self.busy:
            self._status(self.tr("Wait: a file is being written or read"))
        return self.busy

    def maybe_save(self) -> bool:
        """Before the network is replaced: ask about unsaved changes. False means cancel (also
        while a big file is written or read)."""
        if self._refuse_while_busy():
            return False
        if not self._document.is_modified:
            return True
        answer = files.ask_save_changes(self._window, self._window.document_name())
        if answer == files.SAVE:
            return self.save()
        return answer == files.DISCARD

    def new_network(self) -> bool:
        if not self.maybe_save():
            return False
        dialog = NewNetworkDialog(self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.experiment is None:
            return False
        self._document.replace_experiment(dialog.experiment, None)
        self._status(self.tr("New network: double-click a weight or bias to edit it"))
        return True

    def open_file(self, path: str | None = None) -> bool:
        """Open ``path`` (asked for when not given); a bad file changes nothing."""
        if not self.maybe_save():
            return False
        if not path:
            folder = os.path.dirname(self._document.path or "") or os.getcwd()
            path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open network"), folder,
                                                  files.file_filter())
            if not path:
                return False
        return self.load(path)

    def open_preset(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        return self.load(f"{netfile.PRESET_PREFIX}{name}")

    def load(self, spec: str) -> bool:
        """Read ``spec`` (a path or preset:NAME) and make it the open network; a big file is
        read in another process, and the open network replaced only once it is all read."""
        is_file = not spec.startswith(netfile.PRESET_PREFIX)
        edits = _EditWatch(self._document)
        try:
            experiment = self.read(spec) if is_file else netfile.load(spec)
        except NetworkFileError as error:
            files.show_file_error(self._window, self.tr("Cannot open the network"), error)
            return False
        finally:
            edited = edits.close()
        if edited and not self.maybe_save():  # work done while it was read: ask again
            return False
        self._document.replace_experiment(experiment,
                                          os.path.abspath(spec) if is_file else None)
        if is_file:
            files.add_recent_file(self._window.settings, spec)
        self._status(self.tr("Opened {name}").format(name=self._window.document_name()))
        return True

    # ----- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        if self._document.path is None:
            return self.save_as()
        return self.write(self._document.path)

    def save_as(self, path: str | None = None) -> bool:
        if not path:
            start = self._document.path or os.path.join(os.getcwd(), "network.json")
            path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save network as"), start,
                                                  files.file_filter())
            if not path:
                return False
        return self.write(path)

    def write(self, path: str) -> bool:
        """Write the network to ``path`` (atomically); on failure say why, keep it modified.

        A big document is written in another process from a snapshot taken now; it is marked
        saved only if the write succeeded and nothing was edited meanwhile."""
        if self._refuse_while_busy():
            return False
        experiment, edits = self._document.experiment_to_save(), _EditWatch(self._document)
        try:
            if size_in_numbers(experiment) <= BACKGROUND_NUMBERS:
                netfile.write_file(experiment, path)
            else:
                self._in_background(FileJob.write(experiment, path),
                                    self.tr("Saving {name}…").format(name=os.path.basename(path)))
        except (NetworkFileError, OSError) as error:
            files.show_file_error(self._window, self.tr("Cannot save the network"), error)
            return False
        finally:
            edited = edits.close()
        if edited:  # the file holds the work as it was when Save was chosen
            self._document.set_path(os.path.abspath(path))
        else:
            self._document.mark_saved(os.path.abspath(path))
        files.add_recent_file(self._window.settings, path)
        if self.autosaver.job is not None:  # a big autosave under way: the window goes on
            wait_for(self.autosaver.job)
        self.autosaver.wait()  # a write under way would bring the files back
        if not self._document.is_modified:
            self._window.recovery.discard()
        self._status(self.tr("Saved {path}").format(path=path))
        return True

    def read(self, path: str):
        """The Experiment in the file at ``path`` (NetworkFileError if it cannot be read); a
        big file is read in another process while the window goes on."""
        if not is_big_file(path):
            return netfile.read_file(path)
        return self._in_background(FileJob.read(path), self.tr("Opening {name}…").format(
            name=os.path.basename(path)))

    def _in_background(self, job: FileJob, doing: str):
        """Wait for ``job`` while the window goes on, its progress in the status bar; what it
        gave (or its error raised)."""
        self.job = job
        self._enable_file_actions(False)
        bar = self._window.statusBar()
        bar.showMessage(doing)
        try:
            wait_for(job, lambda percent: bar.showMessage(
                doing if percent is None else self.tr("{doing} {percent} %").format(
                    doing=doing, percent=percent)))
            return job.result()
        finally:
            self.job = None
            self._enable_file_actions(True)
            bar.clearMessage()
            if self._close_when_done:  # asked for meanwhile (not if the window is gone by then)
                self._close_when_done = False
                QTimer.singleShot(0, self._window, self._window.close)

    def _enable_file_actions(self, enabled: bool) -> None:
        for action in (self.new_action, self.open_action, self.save_action,
                       self.save_as_action, self.recent_menu.menuAction(),
                       self.examples_menu.menuAction()):
            action.setEnabled(enabled)

    def may_close(self) -> bool:
        """Whether the window may close now: not while a big file is written or read (it then
        closes once that is done), and after asking about unsaved changes."""
        if self.busy:
            self._close_when_done = True
            self._status(self.tr("The window closes once the file is written or read"))
            return False
        return self.maybe_save()

    # ----- the menus of files -------------------------------------------------------------------
    def _fill_recent_menu(self):
        self.recent_menu.clear()
        paths = files.recent_files(self._window.settings)
        for path in paths:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setData(path)
            action.setStatusTip(path)
            action.triggered.connect(self._on_recent_triggered)
        if not paths:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _on_recent_triggered(self):
        self.open_file(self.sender().data())

    def _describe_examples(self):
        """Give each example its title (read from its file once, when first shown)."""
        for action in self.examples_menu.actions():
            if action.statusTip():
                continue
            try:
                text = describe(action.data())
            except NetworkFileError as error:
                text = str(error)
            action.setStatusTip(text)
            action.setToolTip(text)
        self.examples_menu.setToolTipsVisible(True)

    def _on_example_triggered(self):
        self.open_preset(self.sender().data())

    # ----- export -------------------------------------------------------------------------------
    def export_png(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self._window, self.tr("Export canvas"),
                                                   "network.png", self.tr("PNG images (*.png)"))[0]
        return bool(path) and self._exported(
            export.export_png(self._window.canvas.network_scene, path), path)

    def export_svg(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(
            self._window, self.tr("Export canvas"), "network.svg",
            self.tr("SVG drawings (*.svg)"))[0]
        scene = self._window.canvas.network_scene
        return bool(path) and self._exported(
            export.export_svg(scene, path, self._window.document_name()), path)

    def export_torch_script(self, path: str | None = None) -> bool:
        return self._export_script(export_torch, "PyTorch", path)

    def export_numpy_script(self, path: str | None = None) -> bool:
        return self._export_script(export_numpy, "NumPy", path)

    def _export_script(self, write, library: str, path: str | None) -> bool:
        """Ask where (unless ``path`` is given), then let the engine write the script."""
        if not path:
            stem = os.path.splitext(self._document.path or "network.json")[0]
            path = QFileDialog.getSaveFileName(
                self._window, self.tr("Export as {library} script").format(library=library),
                f"{stem}_{library.lower()}.py", self.tr("Python scripts (*.py)"))[0]
            if not path:
                return False
        try:
            write(self._document.experiment_to_save(), path, self._document.path)
        except NetworkError as error:
            QMessageBox.critical(self._window, self.tr("Cannot export"), str(error))
            return False
        self._status(self.tr("Exported {path}").format(path=path))
        return True

    def _exported(self, ok: bool, path: str) -> bool:
        if ok:
            self._status(self.tr("Exported {path}").format(path=path))
        else:
            QMessageBox.critical(self._window, self.tr("Cannot export"),
                                 literal_html(self.tr("{path}: could not be written").format(
                                     path=path)))
        return ok

    # ----- autosave and recovery ----------------------------------------------------------------
    def _is_training(self) -> bool:
        docks = getattr(self._window, "training_docks", None)
        return docks is not None and docks.runner.is_running

    def autosave(self):
        """Write unsaved work to the recovery file now (removed again on a clean exit)."""
        self.autosaver.save()

    def offer_recovery(self) -> bool:
        """At start-up: if a session that is gone left unsaved work, offer to restore it."""
        recovery = self._window.recovery
        orphan = recovery.orphan()
        for note in recovery.notes:
            self._status(note)
        if orphan is None:
            return False
        if not files.ask_restore(self._window, orphan.age_text()):
            recovery.discard_orphan(orphan)
            return False
        try:
            experiment, origin = recovery.adopt(orphan, self.read)
        except NetworkFileError as error:
            files.show_file_error(self._window, self.tr("Cannot restore"), error)
            return False
        self._document.replace_experiment(experiment, origin)
        self._document.undo_stack.resetClean()  # restored work is unsaved work
        return True

    def shut_down(self):
        """On a clean exit: no more autosaves, and no recovery file left behind (a big file
        still being written or read is abandoned: the target stays as it was)."""
        if self.job is not None:
            self.job.abandon()
        self.autosaver.stop()
        self._window.recovery.discard()


class _EditWatch(QObject):
    """Whether ``document`` changed (an edit, an undo, a training step) while it was looked at;
    ``close()`` stops looking and says."""

    def __init__(self, document):
        super().__init__(document)
        self._seen = False
        self._signals = (document.weights_changed, document.structure_changed,
                         document.training_changed, document.data_changed,
                         document.experiment_replaced, document.undo_stack.indexChanged)
        for signal in self._signals:
            signal.connect(self._on_change)

    def _on_change(self, *_):
        self._seen = True

    def close(self) -> bool:
        for signal in self._signals:
            signal.disconnect(self._on_change)
        self.deleteLater()
        return self._seen
