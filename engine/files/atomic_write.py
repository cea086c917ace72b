"""Writing a file atomically: a temporary file beside it, then one rename over it.

A reader (or a crash) sees either the old file or the whole new one, never half of it. The
new file gets the old file's permissions, or those of any new file (the umask's), not the
owner-only ones of a temporary file. A symbolic link is written through to its target (the
link stays a link); a target that is not a regular file (a device such as /dev/full, a FIFO, a
folder) is refused before anything is written. Errors are ``OSError``: each caller words its
own.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.files.regular_file import refuse_non_regular_target


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[str]:
    """The path of a temporary file to write; once the block ends, it replaces ``path``.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    target = Path(os.path.realpath(path))  # through symbolic links to the file itself
    refuse_non_regular_target(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        yield temporary
        _flush_to_disk(temporary)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` atomically."""
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as file:
        file.write(text)


def _flush_to_disk(path: str) -> None:
    descriptor = os.open(path, os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _mode_for(path: Path) -> int:
    """The old file's permissions, or the ones a new file would get (mkstemp's are 0o600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
