"""What the command line and its sub-commands share: exit codes and the output-path check.

Exit status: 0 success, 1 a bug, 2 bad input, 3 training diverged (DESIGN.md, "Command line").
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from engine.errors import NetworkFileError
from engine.files.regular_file import refuse_non_regular_target
from engine.i18n import tr

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 1, 2, 3


def check_output_path(path: str, key: str, suffix: str | None = None) -> None:
    """Refuse an output path that could not be written, before any work is done.

    Refused: a wrong suffix, a folder, a device or FIFO (a symbolic link counts as its
    target), a folder that does not exist, and one where no file can be made (tried with a
    temporary file, removed at once). ``key`` names the option in the message.
    """
    target = Path(path)
    if suffix and target.suffix.lower() != suffix:
        problem = tr("expected a file name ending in {suffix}", suffix=suffix)
        raise NetworkFileError(key, problem, path)
    if os.path.isdir(target):
        raise NetworkFileError(key, tr("is a folder; give a file name"), path)
    real = Path(os.path.realpath(target))
    if not os.path.isdir(real.parent):
        raise NetworkFileError(key, tr("its folder does not exist"), path)
    try:
        refuse_non_regular_target(real)
        handle, probe = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
        os.close(handle)
        os.remove(probe)
    except OSError as error:
        problem = tr("cannot write it ({reason})", reason=error.strerror)
        raise NetworkFileError(key, problem, path) from None


def check_output_paths(paths: dict[str, str | None], read: str | None = None) -> None:
    """:func:`check_output_path` for each option given ({"--save": path, …}); two options
    naming one file are refused (the second would overwrite the first), and so is any but
    ``--save`` naming the file ``read`` (a CSV would overwrite the network being trained)."""
    seen: dict[str, str] = {} if read is None else {os.path.realpath(read): "FILE"}
    for key, path in paths.items():
        if not path:
            continue
        check_output_path(path, key)
        real = os.path.realpath(path)
        if real in seen and (key, seen[real]) != ("--save", "FILE"):
            raise NetworkFileError(key, tr("is the same file as {other}", other=seen[real]), path)
        seen.setdefault(real, key)
