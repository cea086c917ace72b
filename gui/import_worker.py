"""A CSV import read off the window's thread, with its progress and a way to cancel it.

``CsvImport.start`` reads and parses the file (``engine.files.csvdata.read_csv``) on a worker
thread; the window stays usable meanwhile (a 1,000,000-row file takes seconds to parse). The
job reports the share of lines read (``progressed``, after every ``csvdata.CHUNK_ROWS`` rows)
and ends with exactly one of ``finished(CsvData)``, ``failed(message)`` or ``cancelled()``, all
delivered on the window's thread. Nothing of the document changes here: whoever receives
``finished`` decides whether to use the data (``DataPanel`` checks it fits, then sets it as one
undo step). ``ImportProgress`` is the row a panel shows while a job runs: a bar and Cancel.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from engine.errors import NetworkError
from engine.files import csvdata

_QUEUED = Qt.ConnectionType.QueuedConnection


class _Cancelled(Exception):
    """Raised from the progress callback to end a parse the user cancelled."""


class CsvImport(QObject):
    """One CSV import on a worker thread (see the module docstring)."""

    progressed = Signal(float)  # share of the file's lines read, 0…1
    finished = Signal(object)  # the engine's CsvData
    failed = Signal(str)  # the engine's one-line reason
    cancelled = Signal()
    _done = Signal(str, object)  # from the worker: "finished" / "failed" / "cancelled", payload

    def __init__(self, path: str, options: dict | None = None, parent=None):
        super().__init__(parent)
        self.path = path
        self.options = dict(options or {})
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._done.connect(self._deliver, _QUEUED)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start reading on a worker thread (once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="csv-import", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the worker to stop after its current chunk; ``cancelled`` follows."""
        self._cancel.set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the worker is done (tests and closing); True when it is."""
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.running

    def _on_progress(self, share: float) -> None:  # on the worker thread
        if self._cancel.is_set():
            raise _Cancelled
        self._report("progressed", share)

    def _run(self) -> None:  # on the worker thread
        # the parse makes millions of short-lived rows; a full sweep of the cyclic collector
        # over every object the window holds would stop both threads for a third of a second,
        # so the objects that exist now are set aside from its sweeps until the read is done
        gc.freeze()
        try:
            found = csvdata.read_csv(self.path, progress=self._on_progress, **self.options)
        except _Cancelled:
            self._report("cancelled", None)
        except NetworkError as error:
            self._report("failed", str(error))
        except MemoryError:
            self._report("failed", self.tr("not enough memory to read the file"))
        else:
            self._report("cancelled" if self._cancel.is_set() else "finished", found)
        finally:
            gc.unfreeze()

    def _report(self, what: str, payload) -> None:  # on the worker thread
        try:
            self._done.emit(what, payload)
        except RuntimeError:  # the window (and this job) closed while the file was read
            self._cancel.set()
            if what == "progressed":
                raise _Cancelled from None

    def _deliver(self, what: str, payload) -> None:  # on the window's thread
        if what == "progressed":
            self.progressed.emit(payload)
        elif what == "finished":
            self.finished.emit(payload)
        elif what == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()


class ImportProgress(QWidget):
    """A progress bar and a Cancel button for the running ``CsvImport`` (hidden otherwise)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.job: CsvImport | None = None
        self.cancel_button.clicked.connect(self._on_cancel)
        self.hide()

    def follow(self, job: CsvImport) -> None:
        """Show ``job``'s progress until it ends."""
        self.job = job
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Reading the CSV file… %p%"))
        job.progressed.connect(lambda share: self.bar.setValue(round(1000 * share)))
        for ended in (job.finished, job.failed, job.cancelled):
            ended.connect(self._on_ended)
        self.show()

    def _on_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.bar.setFormat(self.tr("Cancelling…"))

    def _on_ended(self, *_) -> None:
        self.job = None
        self.hide()
