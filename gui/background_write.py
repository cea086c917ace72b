"""Writing or reading a big network file in another process while the window goes on.

A document of more than BACKGROUND_NUMBERS numbers (a file of more than BACKGROUND_BYTES) is
written (read) by ``python -m engine.files.netfile_worker``, never on a thread of the window:

- The snapshot is one pickle of the document written to a temporary file on the window's
  thread (a copy of every array, some 50 ms for a million rows); edits after it cannot reach
  the file.
- The window's process runs no other thread for it: the job's answers (progress, the outcome)
  are lines in a file the window reads on a timer (``FileJob.poll``). A writer *thread* would
  take the interpreter from the window for each block of numbers, and each call of the window
  into Qt (thousands per painted frame) then waits up to the interpreter's switch interval
  (5 ms) to get it back; and the garbage collector, run by whichever thread allocates, could
  destroy the window's Qt objects on that thread. A loaded machine once took over 5 minutes so.
- The process writes through the engine's ``write_file`` (a temporary file, then one rename
  over the target; a symbolic link written through; a device, a FIFO or a folder refused), so
  abandoning it (``abandon``: SIGTERM) leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from engine.errors import NetworkFileError

BACKGROUND_NUMBERS = 50_000  # parameters and data values above which the write goes elsewhere
BACKGROUND_BYTES = 1_000_000  # files above which the read goes elsewhere
BACKGROUND_NICENESS = 19  # the job's process runs on the time the window and training leave
_ROOT = str(Path(__file__).resolve().parent.parent)  # where the engine package lives


def size_in_numbers(experiment) -> int:
    """How many numbers a network file of ``experiment`` holds: parameters, inputs, targets and
    a run's arrays (its curves: a long run of a small network is a big file, 173 ms of the
    window's thread for 40,000 steps of seven layers when written there)."""
    count = sum(p.size for p in experiment.network.parameters())
    if experiment.data is not None:
        count += experiment.data.inputs.size + experiment.data.targets.size
    run = experiment.run
    if run is not None:
        arrays = [run.order, *run.optimizer_state.values(), *(run.history or {}).values()]
        count += sum(array.size for array in arrays if isinstance(array, np.ndarray))
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
    process of its own. ``poll()`` looks at what it said: ``progress`` is the last whole
    percent written (None before the first), ``done`` whether it ended; ``result()`` then gives
    what was read (None for a write) or raises the engine's NetworkFileError, or RuntimeError
    for anything else."""

    def __init__(self, request: tuple):
        handle, self._request = tempfile.mkstemp(prefix="backprop-job-", suffix=".pickle")
        with open(handle, "wb") as stream:  # the snapshot
            pickle.dump(request, stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._answers, self._result = self._request + ".answers", self._request + ".result"
        with open(self._answers, "w", encoding="utf-8"):
            pass
        self._told = open(self._answers, encoding="utf-8")  # noqa: SIM115 - read until done
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (_ROOT, environment.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "engine.files.netfile_worker", self._request, self._answers,
             self._result], cwd=_ROOT, env=environment, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL)
        with contextlib.suppress(OSError, AttributeError):  # (no process priorities: as it is)
            # lowest at once, before its imports: the interpreter and numpy starting at the
            # window's own priority took the window's core from it for a tenth of a second, a
            # run of late frames whenever an autosave came during training
            os.setpriority(os.PRIO_PROCESS, self._process.pid, BACKGROUND_NICENESS)
        self.progress: int | None = None
        self.done = False
        self._outcome: list | None = None
        self._pending = ""

    @classmethod
    def write(cls, experiment, path: str) -> FileJob:
        return cls(("write", experiment, os.fspath(path)))

    @classmethod
    def read(cls, path: str) -> FileJob:
        return cls(("read", os.fspath(path)))

    def poll(self) -> bool:
        """Read what the job said since the last look; True once it ended."""
        if self.done:
            return True
        ended = self._process.poll() is not None  # before reading: its last words are in
        self._pending += self._told.read()
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            message = json.loads(line)
            if message[0] == "progress":
                self.progress = message[1]
            else:
                self._outcome = message
        if ended:
            self._finish()
        return self.done

    def _finish(self) -> None:
        self.done = True
        self._told.close()
        if self._outcome is None:
            self._outcome = ["error", QCoreApplication.translate(
                "FileJob", "the file was not finished (its writer or reader stopped, exit code "
                "{code})").format(code=self._process.returncode)]
        elif self._outcome[0] == "done" and os.path.exists(self._result):  # a read's
            with open(self._result, "rb") as stream:
                self._outcome.append(pickle.load(stream))
        for name in (self._request, self._answers, self._result):
            with contextlib.suppress(OSError):
                os.remove(name)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ended (True) or ``timeout`` seconds passed (False)."""
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return self.poll()

    def abandon(self) -> None:
        """Stop the job and wait for its process to end: a write leaves no file behind (its
        temporary file is removed, the target untouched)."""
        if not self.done:
            self._process.terminate()
            if not self.wait(10):
                self._process.kill()
                self.wait()

    def result(self):
        """What the job gave (once ``done``): the Experiment read, or None for a write."""
        kind, *rest = self._outcome
        if kind == "done":
            return rest[0] if rest else None
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
        ended = job.poll()
        if told is not None and job.progress != shown[0]:
            shown[0] = job.progress
            told(job.progress)
        if ended:
            loop.quit()

    timer.setInterval(POLL_MS)
    timer.timeout.connect(look)
    timer.start()
    if not job.poll():
        loop.exec()
    timer.stop()
    job.wait()
