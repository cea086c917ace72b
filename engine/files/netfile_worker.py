"""Reading or writing one network file in a process of its own.

``python -m engine.files.netfile_worker`` is started by the window (gui/background_write.py).

The window hands a big file to this process so that nothing of the work shares the window's
interpreter (a thread would: its every block of numbers takes the interpreter from the window,
whose every call into Qt then waits for it back). The request comes on standard input as one
pickle, ``("write", experiment, path)`` or ``("read", path)``; the answers go to standard
output as pickles, in order:

- ``("progress", percent)`` — a whole percent of the numbers written, each time it grows;
- then one of ``("done", result)`` (None for a write, the Experiment read for a read),
  ``("failed", key, problem, path)`` (a NetworkFileError: the file's problem, in words),
  ``("error", text)`` (anything else: a traceback, a bug).

SIGTERM abandons the work: it ends as an exception, so a write's temporary file is removed and
the target is left as it was (the write replaces it only once the whole file is on disk).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback

from engine.errors import NetworkFileError
from engine.files import netfile


def answer(stream, *message) -> None:
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def percent_teller(stream):
    """``progress(done, total)`` for the writer: sends a whole percent when it grows."""
    told = -1

    def progress(done: int, total: int) -> None:
        nonlocal told
        percent = 100 * done // total if total else 100
        if percent > told:
            told = percent
            answer(stream, "progress", percent)
    return progress


def serve(requests, answers) -> None:
    """Read one request from ``requests`` (binary), do it, and answer on ``answers``."""
    request = pickle.load(requests)
    try:
        if request[0] == "write":
            _, experiment, path = request
            netfile.write_file(experiment, path, percent_teller(answers))
            result = None
        else:
            result = netfile.read_file(request[1])
    except NetworkFileError as error:
        answer(answers, "failed", error.key, error.problem, error.path)
    except Exception:  # noqa: BLE001 - told to the window, which shows it as a fault
        answer(answers, "error", traceback.format_exc())
    else:
        answer(answers, "done", result)


def _abandon(signal_number, frame):
    raise SystemExit(1)  # unwinds through the writer: its temporary file is removed


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(5)  # the window the learner is looking at comes first
    signal.signal(signal.SIGTERM, _abandon)
    serve(sys.stdin.buffer, sys.stdout.buffer)
