"""Reading or writing one network file in a process of its own.

``python -m engine.files.netfile_worker`` is started by the window (gui/background_write.py).

The window hands a big file to this process so that nothing of the work shares the window's
interpreter (a thread would: its every block of numbers takes the interpreter from the window,
whose every call into Qt then waits for it back). ``python -m engine.files.netfile_worker
REQUEST ANSWERS RESULT``: REQUEST holds one pickle, ``("write", experiment, path)`` or
``("read", path)``; the answers are appended to ANSWERS as JSON lines, in order:

- ``["progress", percent]`` — a whole percent of the numbers written, each time it grows;
- then one of ``["done"]`` (a read's Experiment is pickled into RESULT first),
  ``["failed", key, problem, path]`` (a NetworkFileError: the file's problem, in words),
  ``["error", text]`` (anything else: a traceback, a bug).

Files, not pipes: the window looks at them on a timer, without a thread and on every system.
SIGTERM abandons the work: it ends as an exception, so a write's temporary file is removed and
the target is left as it was (the write replaces it only once the whole file is on disk).
"""

from __future__ import annotations

import json
import pickle
import signal
import sys
import traceback

from engine.errors import NetworkFileError
from engine.files import netfile


def answer(stream, *message) -> None:
    stream.write(json.dumps(message) + "\n")
    stream.flush()


def percent_teller(stream):
    """``progress(done, total)`` for the writer: tells a whole percent when it grows."""
    told = -1

    def progress(done: int, total: int) -> None:
        nonlocal told
        percent = 100 * done // total if total else 100
        if percent > told:
            told = percent
            answer(stream, "progress", percent)
    return progress


def serve(request_path: str, answers, result_path: str) -> None:
    """Do the request pickled in ``request_path``, telling ``answers`` (a text stream)."""
    with open(request_path, "rb") as stream:
        request = pickle.load(stream)
    try:
        if request[0] == "write":
            _, experiment, path = request
            netfile.write_file(experiment, path, percent_teller(answers))
        else:
            experiment = netfile.read_file(request[1])
            with open(result_path, "wb") as stream:
                pickle.dump(experiment, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except NetworkFileError as error:
        answer(answers, "failed", error.key, error.problem, error.path)
    except Exception:  # noqa: BLE001 - told to the window, which shows it as a fault
        answer(answers, "error", traceback.format_exc())
    else:
        answer(answers, "done")


def _abandon(signal_number, frame):
    raise SystemExit(1)  # unwinds through the writer: its temporary file is removed


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _abandon)
    with open(sys.argv[2], "a", encoding="utf-8") as told:
        serve(sys.argv[1], told, sys.argv[3])
