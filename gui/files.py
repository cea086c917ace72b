"""Files around the window: the recent-files list, the recovery file, the save question.

The recovery file is the open network written every so often while it has unsaved changes,
with the time it was written; while it exists the window touches a heartbeat file every
second, so after a crash the offer can say how long before the program stopped the work was
saved. It is removed on a clean exit. Each window owns its own (keyed by process, locked), so one
found at start-up that no running window holds means a session ended badly.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from secrets import token_hex

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QLocale,
    QLockFile,
    QSettings,
    QStandardPaths,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from engine import i18n
from engine.errors import NetworkFileError
from engine.files import netfile
from engine.files.atomic_write import write_text
from engine.model.experiment import Experiment
from gui.richtext import literal_html

MAX_RECENT = 8
RECENT_KEY = "files/recent"
FILE_FILTER = QT_TRANSLATE_NOOP("Files", "Network files (*.json);;All files (*)")


def file_filter() -> str:
    """The file dialogs' filter for network files, in the language of the moment."""
    return QCoreApplication.translate("Files", FILE_FILTER)


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


@dataclass(frozen=True)
class Orphan:
    """Unsaved work a window that is gone left behind: its network file and its age."""

    path: Path
    saved_at: float  # seconds since the epoch (as written beside it, else the file's time)
    stopped_at: float | None = None  # its window's last heartbeat: about when it stopped

    def age_text(self, now: float | None = None) -> str:
        """How old the saved work is: "5 minutes ago (at 14:03 on 7 Dec)", and with a
        heartbeat first how long before the program stopped, "5 seconds before the program
        stopped, 5 minutes ago (at 14:03 on 7 Dec)"."""
        translate = QCoreApplication.translate
        seconds = max(0.0, (time.time() if now is None else now) - self.saved_at)
        saved = QDateTime.fromMSecsSinceEpoch(round(self.saved_at * 1000))
        locale = QLocale(i18n.language())  # the window's language, not the system's
        # a date format is a template too: "07 Dec" in English, "12월 7일" in Korean
        clock = {"time": locale.toString(saved, "HH:mm"),
                 "date": locale.toString(saved, translate("Recovery", "dd MMM"))}
        duration = _duration(seconds, smallest=60)
        ago = translate("Recovery", "less than a minute ago (at {time} on {date})").format(
            **clock) if duration is None else translate(
            "Recovery", "{duration} ago (at {time} on {date})").format(duration=duration, **clock)
        if self.stopped_at is None:
            return ago
        before = _duration(max(0.0, self.stopped_at - self.saved_at), smallest=1)
        if before is None:
            return translate("Recovery", "moments before the program stopped, {ago}").format(
                ago=ago)
        return translate(
            "Recovery", "{before} before the program stopped, {ago}").format(before=before, ago=ago)


# each unit: its size in seconds, then the templates for one and for several
_UNITS = (
    (86400, QT_TRANSLATE_NOOP("Recovery", "{count} day"),
     QT_TRANSLATE_NOOP("Recovery", "{count} days")),
    (3600, QT_TRANSLATE_NOOP("Recovery", "{count} hour"),
     QT_TRANSLATE_NOOP("Recovery", "{count} hours")),
    (60, QT_TRANSLATE_NOOP("Recovery", "{count} minute"),
     QT_TRANSLATE_NOOP("Recovery", "{count} minutes")),
    (1, QT_TRANSLATE_NOOP("Recovery", "{count} second"),
     QT_TRANSLATE_NOOP("Recovery", "{count} seconds")),
)


def _duration(seconds: float, smallest: int) -> str | None:
    """``seconds`` in its largest whole unit ("5 minutes", "1 second"; Korean "5분", "1초"),
    or None below ``smallest`` seconds."""
    for size, one, several in _UNITS:
        if seconds >= size and size >= smallest:
            count = int(seconds // size)
            template = one if count == 1 else several
            return QCoreApplication.translate("Recovery", template).format(count=count)
    return None


class RecoveryFile:
    """This window's autosaved copy of its unsaved work in ``folder``, and the orphans there.

    Each window owns its own files, ``recovery-PID-N-TAIL.json`` (the network), ``….origin``
    (the file it came from), and holds the lock ``….lock`` (a QLockFile) while they exist, so
    another window never takes them for a crashed session's. An orphan is a recovery file whose
    lock nobody holds: its window is gone (QLockFile sees that its process no longer runs). An
    orphan that cannot be offered — a directory, an origin that is not a file name — is set
    aside (renamed ``….set-aside``) with one line in ``notes``.
    """

    _count = itertools.count()  # windows of this process, each with its own files

    def __init__(self, folder: str | None = None):
        self.folder = Path(folder or default_recovery_folder())
        # a reused process id never names a crashed window's files: a random tail follows it
        self._stem = f"{RECOVERY_PREFIX}-{os.getpid()}-{next(self._count)}-{token_hex(3)}"
        self._lock: QLockFile | None = None
        self._held: dict[Path, QLockFile] = {}  # orphans' locks, held while they are offered
        self.notes: list[str] = []

    @property
    def path(self) -> Path:
        return self.folder / f"{self._stem}.json"

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, experiment: Experiment, origin: str | None) -> None:
        """Write ``experiment`` (atomically, by the engine's writer) and where it came from."""
        self.prepare()
        self.write(experiment, origin, time.time())

    def prepare(self) -> None:
        """Make the folder and take this window's lock (on the GUI thread, before a write)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            self._lock = _lock_of(self.path)
            self._lock.tryLock(0)  # a fresh name: nobody else holds it

    def write(self, experiment: Experiment, origin: str | None, saved_at: float) -> None:
        """The files themselves: the network, then its origin and save time, then a first
        heartbeat (no Qt: may run on a worker thread once ``prepare`` ran)."""
        netfile.write_file(experiment, self.path)
        self.write_origin(origin, saved_at)

    def write_origin(self, origin: str | None, saved_at: float) -> None:
        """Beside the network just written: where it came from and when, then a heartbeat."""
        write_text(_origin_path(self.path), json.dumps({"origin": origin, "saved_at": saved_at}))
        self.beat()

    def beat(self) -> None:
        """The heartbeat: touch ``….alive`` (its time is when this window was last running)."""
        _alive_path(self.path).touch()

    def load(self, path: Path | None = None, read=netfile.read_file
             ) -> tuple[Experiment, str | None]:
        """The experiment in ``path`` (default: this window's) and its original file;
        NetworkFileError if the network cannot be read, or its origin is not a file name.
        ``read(path)`` reads the network (the window's reads a big one in another process)."""
        path = self.path if path is None else path
        experiment = read(str(path))
        try:
            origin = json.loads(_origin_path(path).read_text("utf-8")).get("origin")
        except (OSError, ValueError, AttributeError):
            return experiment, None  # the network itself is what matters; its old name is a nicety
        if origin is not None and not isinstance(origin, str):
            raise NetworkFileError(str(_origin_path(path)), QCoreApplication.translate(
                "Recovery", "the origin is not a file name"))
        return experiment, origin

    def discard(self) -> None:
        """Remove this window's files and give up its lock (a clean close)."""
        _remove(self.path)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # ----- orphans -------------------------------------------------------------------------------
    def orphan(self) -> Orphan | None:
        """The newest recovery file of a window that is gone (its lock then held by this one),
        or None; orphans that cannot be offered are set aside on the way (see ``notes``)."""
        self.notes = []
        found = []
        for path in sorted(self.folder.glob(f"{RECOVERY_PREFIX}*.json")):
            if path == self.path or path.name == LEGACY_ORIGIN_NAME:
                continue
            lock = _lock_of(path)
            lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
            if not lock.tryLock(0):
                continue  # a running window's
            self._held[path] = lock
            problem = _unfit(path)
            if problem:
                self._set_aside(path, problem)
                continue
            try:
                found.append(Orphan(path, _saved_at(path), _stopped_at(path)))
            except OSError:  # gone since the folder was listed
                self._release(path)
        if not found:
            return None
        newest = max(found, key=lambda orphan: orphan.saved_at)
        for orphan in found:
            if orphan is not newest:
                self._release(orphan.path)  # offered at a later start
        return newest

    def adopt(self, orphan: Orphan, read=netfile.read_file) -> tuple[Experiment, str | None]:
        """Load ``orphan`` (by ``read``, as ``load``) and make it this window's recovery file;
        one that cannot be read is set aside and its NetworkFileError raised."""
        try:
            loaded = self.load(orphan.path, read)
        except NetworkFileError as error:
            self._set_aside(orphan.path, error.problem)
            raise
        if self._lock is None:
            self._lock = _lock_of(self.path)
            self._lock.tryLock(0)
        try:  # the work is loaded either way; a file that cannot move stays, offered again later
            os.replace(orphan.path, self.path)
            if _origin_path(orphan.path).is_file():
                os.replace(_origin_path(orphan.path), _origin_path(self.path))
        except OSError:
            pass
        _alive_path(orphan.path).unlink(missing_ok=True)
        self.beat()
        self._release(orphan.path)
        return loaded

    def discard_orphan(self, orphan: Orphan) -> None:
        """Remove ``orphan``'s files (the learner chose not to restore it)."""
        _remove(orphan.path)
        self._release(orphan.path)

    def _set_aside(self, path: Path, problem: str) -> None:
        kept = path.with_name(path.name + SET_ASIDE_SUFFIX)
        note, why = QCoreApplication.translate(
            "Recovery", "Unsaved work in {name} was set aside ({problem}); kept as {kept}."), ""
        try:
            os.replace(path, kept)
            if _origin_path(path).exists():
                os.replace(_origin_path(path), _origin_path(kept))
        except OSError as error:
            note, why = QCoreApplication.translate(
                "Recovery", "Unsaved work in {name} was set aside ({problem}); left in place: "
                "{why}."), error.strerror or error
        _alive_path(path).unlink(missing_ok=True)
        self.notes.append(note.format(name=path.name, problem=problem, kept=kept.name, why=why))
        self._release(path)

    def _release(self, path: Path) -> None:
        lock = self._held.pop(path, None)
        if lock is not None:
            lock.unlock()


RECOVERY_PREFIX = "recovery"
LEGACY_ORIGIN_NAME = "recovery-origin.json"  # the one shared origin file of older versions
SET_ASIDE_SUFFIX = ".set-aside"
LATEST_TIME = 4e9  # seconds since the epoch (year 2096): a later save time is not believed


def _origin_path(path: Path) -> Path:
    if path.name == "recovery.json":  # the one shared file of older versions
        return path.with_name(LEGACY_ORIGIN_NAME)
    return path.with_suffix(".origin")


def _alive_path(path: Path) -> Path:
    return path.with_suffix(".alive")


def _saved_at(path: Path) -> float:
    """When the work at ``path`` was saved: as written beside it, else the file's time."""
    try:
        saved_at = json.loads(_origin_path(path).read_text("utf-8")).get("saved_at")
    except (OSError, ValueError, AttributeError):
        saved_at = None
    if (isinstance(saved_at, int | float) and not isinstance(saved_at, bool)
            and 0 < saved_at < LATEST_TIME):  # not NaN, not a date time.localtime refuses
        return float(saved_at)
    return path.stat().st_mtime


def _stopped_at(path: Path) -> float | None:
    """The last heartbeat of the window that saved ``path`` (None if it left none)."""
    try:
        return _alive_path(path).stat().st_mtime
    except OSError:
        return None


def _lock_of(path: Path) -> QLockFile:
    return QLockFile(str(path.with_suffix(".lock")))


def _unfit(path: Path) -> str:
    """Why the orphan at ``path`` cannot be offered ("" when it can)."""
    if not path.is_file():
        return QCoreApplication.translate("Recovery", "it is not a file")
    origin = _origin_path(path)
    if origin.exists():
        try:
            value = json.loads(origin.read_text("utf-8")).get("origin")
        except (OSError, ValueError, AttributeError):
            return QCoreApplication.translate("Recovery", "its origin cannot be read")
        if value is not None and not isinstance(value, str):
            return QCoreApplication.translate("Recovery", "its origin is not a file name")
    return ""


def _remove(path: Path) -> None:
    for name in (path, _origin_path(path), _alive_path(path)):
        try:
            name.unlink()
        except FileNotFoundError:
            pass


# ----- questions ------------------------------------------------------------------------------
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask whether to save ``name`` first: SAVE, DISCARD or CANCEL."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    translate = QCoreApplication.translate
    answer = QMessageBox.warning(parent, translate("Files", "Unsaved changes"),
                                 literal_html(translate(
                                     "Files", "“{name}” has changes that are not saved.\n"
                                     "Save them first?").format(name=name)),
                                 buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_restore(parent: QWidget, age: str) -> bool:
    """Offer the recovery file found at start-up, saying how old it is (``Orphan.age_text``)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Recovery", "Restore unsaved work?"),
        literal_html(QCoreApplication.translate(
            "Recovery", "The program stopped without saving your changes; they were autosaved "
            "{age}.\nRestore the network as it was then?").format(age=age)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def show_file_error(parent: QWidget, title: str, error: NetworkFileError | OSError) -> None:
    """The engine's one-line message in a dialog (the open network is left as it was)."""
    QMessageBox.critical(parent, title, literal_html(error))
