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
from engine.i18n import tr

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


def _kind_text(kind: str) -> str:
    """What ``not_a_file`` said, in the learner's language."""
    return {"a folder": tr("a folder"), "a named pipe (FIFO)": tr("a named pipe (FIFO)"),
            "a device": tr("a device"), "a socket": tr("a socket"),
            "not a regular file": tr("not a regular file")}.get(kind, kind)


def _what_text(what: str) -> str:
    """The file a reader expected ("network file", …), in the learner's language."""
    return {"file": tr("file"), "network file": tr("network file"), "CSV file": tr("CSV file"),
            "data file": tr("data file"), "lesson file": tr("lesson file")}.get(what, what)


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
        raise NetworkError("", tr("no such file")) from None
    except IsADirectoryError:
        raise NetworkError("", tr("is a folder, not a {what}", what=_what_text(what))) from None
    except OSError as error:
        raise NetworkError("", tr("cannot read it ({reason})", reason=error.strerror)) from None
    try:
        status = os.fstat(descriptor)
        kind = not_a_file(status.st_mode)
        if kind == "a folder":
            raise NetworkError("", tr("is a folder, not a {what}", what=_what_text(what)))
        if kind is not None:
            raise NetworkError("", tr("is {kind}, not a {what}: only regular files can be read",
                                      kind=_kind_text(kind), what=_what_text(what)))
        if whole and status.st_size > limit:
            raise NetworkError("", _too_large(status.st_size, limit))
        with open(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1 if whole else limit)
    except OSError as error:
        raise NetworkError("", tr("cannot read it ({reason})", reason=error.strerror)) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:  # the file grew after the size check
        raise NetworkError("", _too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    return tr("the file has {size:,} bytes, more than the limit of {limit:,} ({mib:g} MiB)",
              size=size, limit=limit, mib=limit / 2**20)


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
        raise OSError(0, tr("it is {kind}, not a regular file", kind=_kind_text(kind)),
                      os.fspath(path))
