"""Only regular files are read or written: a FIFO or a device would hang or never end.

``open()`` of a named pipe (FIFO) waits for a writer forever, ``/dev/zero`` never ends, and
writing "over" ``/dev/full`` would replace the device node with a file. So every file a learner
names is opened without waiting (``O_NONBLOCK``) and looked at (``fstat``) before a byte is
read, and a write target that exists must be a regular file. Problems raise
``NetworkError("", problem)``; each reader words the key (the network file's "", the CSV's path).
"""

from __future__ import annotations

import os
import stat

from engine.errors import NetworkError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe (FIFO)", "a device", …), None for a file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: str | os.PathLike, limit: int, what: str = "file",
               whole: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, refused if it has more than ``limit``.

    ``what`` names the expected file in a refusal ("is a device, not a network file"). The
    size is checked before reading, and the read stops after ``limit + 1`` bytes in case the
    file grew in between. ``whole=False`` reads only the first ``limit`` bytes of a file of
    any size (a preview).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise NetworkError("", "no such file") from None
    except IsADirectoryError:
        raise NetworkError("", f"is a folder, not a {what}") from None
    except OSError as error:
        raise NetworkError("", f"cannot read it ({error.strerror})") from None
    try:
        status = os.fstat(descriptor)
        kind = not_a_file(status.st_mode)
        if kind == "a folder":
            raise NetworkError("", f"is a folder, not a {what}")
        if kind is not None:
            raise NetworkError("", f"is {kind}, not a {what}: only regular files can be read")
        if whole and status.st_size > limit:
            raise NetworkError("", _too_large(status.st_size, limit))
        with open(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1 if whole else limit)
    except OSError as error:
        raise NetworkError("", f"cannot read it ({error.strerror})") from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:  # the file grew after the size check
        raise NetworkError("", _too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file has {size:,} bytes, more than the limit of {limit:,} "
        f"({limit / 2**20:g} MiB)"
    )


def refuse_non_regular_target(path: str | os.PathLike) -> None:
    """Raise ``OSError`` if ``path`` exists and is not a regular file (a device, a FIFO, …).

    Symbolic links are followed: a link to a file is written through to the file.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    kind = not_a_file(mode)
    if kind is not None:
        raise OSError(0, f"it is {kind}, not a regular file", os.fspath(path))
