"""Writing or reading a big network file in another process while the window goes on.

A document of more than BACKGROUND_NUMBERS numbers (a file of more than BACKGROUND_BYTES) is
written (read) by ``python -m engine.files.netfile_worker``, not on a thread of the window:

- The snapshot is one ``pickle.dumps`` of the document on the window's thread (a copy of every
  array, about 20 ms for a million rows); edits after it cannot reach the file.
- A thread of the window's (``_talk``) only moves bytes through the pipes: blocked in the
  system, it never holds the interpreter, and it touches no Qt object — the window looks at
  what it left (``progress``, ``outcome``) on a timer. A writer *thread* would take the
  interpreter from the window for every block of numbers, and each call of the window into Qt
  (thousands per painted frame) would then wait up to the interpreter's switch interval (5 ms)
  to get it back: a loaded machine once took over 5 minutes so.
- The process writes through the engine's ``write_file`` (a temporary file, then one rename
  over the target; a symbolic link written through; a device, a FIFO or a folder refused), so
  abandoning it (``abandon``: SIGTERM) leaves the target as it was.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from engine.errors import NetworkFileError

BACKGROUND_NUMBERS = 50_000  # parameters and data values above which the write goes elsewhere
BACKGROUND_BYTES = 1_000_000  # files above which the read goes elsewhere
_ROOT = str(Path(__file__).resolve().parent.parent)  # where the engine package lives


def size_in_numbers(experiment) -> int:
    """How many numbers a network file of ``experiment`` holds (parameters, inputs, targets)."""
    count = sum(p.size for p in experiment.network.parameters())
    if experiment.data is not None:
        count += experiment.data.inputs.size + experiment.data.targets.size
    return count


def is_big_file(path: str) -> bool:
    """A file big enough to be read in another process (False if it cannot even be looked at:
    the reader then says why in its own words)."""
    try:
        return os.path.getsize(path) > BACKGROUND_BYTES
    except OSError:
        return False


class FileJob:
    """One write (``FileJob.write(experiment, path)``) or read (``FileJob.read(path)``) in a
    process of its own. ``progress`` is the last whole percent written (None before the first),
    ``done`` is set once it ended; ``result()`` then gives what was read (None for a write) or
    raises the NetworkFileError the engine raised, or RuntimeError for anything else."""

    def __init__(self, request: tuple):
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)  # the snapshot
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (_ROOT, environment.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "engine.files.netfile_worker"], cwd=_ROOT, env=environment,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.progress: int | None = None
        self._outcome: tuple = ("error", "the file worker ended without an answer")
        self.done = threading.Event()
        self._talker = threading.Thread(target=self._talk, args=(payload,), name="file-job",
                                        daemon=True)
        self._talker.start()

    @classmethod
    def write(cls, experiment, path: str) -> FileJob:
        return cls(("write", experiment, os.fspath(path)))

    @classmethod
    def read(cls, path: str) -> FileJob:
        return cls(("read", os.fspath(path)))

    def _talk(self, payload: bytes) -> None:
        """On a thread: hand the request over and collect the answers (no Qt here)."""
        try:
            with self._process.stdin as requests:
                requests.write(payload)
            del payload
            while True:
                message = pickle.load(self._process.stdout)
                if message[0] != "progress":
                    self._outcome = message
                    break
                self.progress = message[1]
        except (OSError, EOFError, pickle.UnpicklingError):
            pass  # the process ended (abandoned, or killed): the outcome says so
        finally:
            self._process.stdout.close()
            self._process.wait()
            self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ended (True) or ``timeout`` seconds passed (False)."""
        return self.done.wait(timeout)

    def abandon(self) -> None:
        """Stop the job and wait for its process to end: a write leaves no file behind (its
        temporary file is removed, the target untouched)."""
        if not self.done.is_set():
            self._process.terminate()
            if not self.wait(10):
                self._process.kill()
                self.wait()

    def result(self):
        """What the job gave (once ``done``): the Experiment read, or None for a write."""
        kind, *rest = self._outcome
        if kind == "done":
            return rest[0]
        if kind == "failed":
            raise NetworkFileError(*rest)
        raise RuntimeError(f"the file worker failed:\n{rest[0]}")


POLL_MS = 50  # how often the window looks at a job


def wait_for(job: FileJob, told=None) -> None:
    """Go on with the window's events until ``job`` ended; ``told(percent)`` hears each new
    progress. If the event loop is stopped from outside (the program quits), the job is then
    waited for without events: a write is never cut short by a quit."""
    loop, timer, shown = QEventLoop(), QTimer(), [None]

    def look():
        if told is not None and job.progress != shown[0]:
            shown[0] = job.progress
            told(job.progress)
        if job.done.is_set():
            loop.quit()

    timer.setInterval(POLL_MS)
    timer.timeout.connect(look)
    timer.start()
    if not job.done.is_set():
        loop.exec()
    timer.stop()
    job.wait()
