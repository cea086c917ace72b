"""Files around the window: the recent-files list, the recovery file, the save question.

The recovery file is the open network written every so often while it has unsaved changes;
it is removed on a clean exit, so finding it at start-up means the last session ended badly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from engine import netfile
from engine.errors import NetworkFileError
from engine.experiment import Experiment
from gui.richtext import literal_html

MAX_RECENT = 8
RECENT_KEY = "files/recent"
FILE_FILTER = "Network files (*.json);;All files (*)"
RECOVERY_NAME = "recovery.json"
ORIGIN_NAME = "recovery-origin.json"


# ----- recent files ---------------------------------------------------------------------------
def recent_files(settings: QSettings) -> list[str]:
    """The recently opened or saved files, newest first, those that still exist."""
    stored = settings.value(RECENT_KEY, [])
    if isinstance(stored, str):  # QSettings hands back a lone string for a one-item list
        stored = [stored]
    return [path for path in (stored or []) if os.path.isfile(path)]


def add_recent_file(settings: QSettings, path: str) -> list[str]:
    """Put ``path`` first in the recent list (once), keeping at most MAX_RECENT."""
    path = os.path.abspath(path)
    paths = [path] + [p for p in recent_files(settings) if p != path]
    paths = paths[:MAX_RECENT]
    settings.setValue(RECENT_KEY, paths)
    return paths


# ----- recovery -------------------------------------------------------------------------------
def default_recovery_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)


class RecoveryFile:
    """The autosaved copy of unsaved work in ``folder`` (and the file it came from)."""

    def __init__(self, folder: str | None = None):
        self.folder = Path(folder or default_recovery_folder())

    @property
    def path(self) -> Path:
        return self.folder / RECOVERY_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, experiment: Experiment, origin: str | None) -> None:
        """Write ``experiment`` (atomically, by the engine's writer) and where it came from."""
        self.folder.mkdir(parents=True, exist_ok=True)
        netfile.write_file(experiment, self.path)
        (self.folder / ORIGIN_NAME).write_text(json.dumps({"origin": origin}), encoding="utf-8")

    def load(self) -> tuple[Experiment, str | None]:
        """The recovered experiment and its original path; NetworkFileError if unreadable."""
        experiment = netfile.read_file(self.path)
        origin = None
        try:
            origin = json.loads((self.folder / ORIGIN_NAME).read_text("utf-8")).get("origin")
        except (OSError, ValueError, AttributeError):
            origin = None  # the network itself is what matters; its old name is a nicety
        return experiment, origin

    def discard(self) -> None:
        for name in (RECOVERY_NAME, ORIGIN_NAME):
            try:
                (self.folder / name).unlink()
            except FileNotFoundError:
                pass


# ----- questions ------------------------------------------------------------------------------
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask whether to save ``name`` first: SAVE, DISCARD or CANCEL."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    answer = QMessageBox.warning(parent, "Unsaved changes",
                                 literal_html(f"“{name}” has changes that are not saved.\n"
                                              "Save them first?"),
                                 buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_restore(parent: QWidget) -> bool:
    """Offer the recovery file found at start-up."""
    answer = QMessageBox.question(
        parent, "Restore unsaved work?",
        "The last session ended without saving its changes.\n"
        "Restore the network as it was when it was last autosaved?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def show_file_error(parent: QWidget, title: str, error: NetworkFileError | OSError) -> None:
    """The engine's one-line message in a dialog (the open network is left as it was)."""
    QMessageBox.critical(parent, title, literal_html(error))
