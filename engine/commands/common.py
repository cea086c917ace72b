"""What the command line and its sub-commands share: exit codes and the output-path check.

Exit status: 0 success, 1 a bug, 2 bad input, 3 training diverged (DESIGN.md, "Command line").
"""

from __future__ import annotations

from pathlib import Path

from engine.errors import NetworkFileError

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 1, 2, 3


def check_output_path(path: str, key: str, suffix: str | None = None) -> None:
    """Refuse an output path whose folder does not exist (before any work is done)."""
    target = Path(path)
    if suffix and target.suffix.lower() != suffix:
        raise NetworkFileError(key, f"expected a file name ending in {suffix}", path)
    if target.is_dir():
        raise NetworkFileError(key, "is a folder; give a file name", path)
    if not target.resolve().parent.is_dir():
        raise NetworkFileError(key, "its folder does not exist", path)
