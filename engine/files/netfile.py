"""The network file (DESIGN.md, "Network file"): open "FILE or preset:NAME", read, write.

Reading lives in :mod:`engine.files.netfile_reader`, writing in :mod:`engine.files.netfile_writer`,
the bundled examples in :mod:`engine.files.presets`; this module is the one door to all three, so
``netfile.load(spec)`` opens whatever a learner names.
"""

from __future__ import annotations

from engine.errors import NetworkFileError
from engine.files.netfile_reader import FORMAT, VERSION, decode_json, parse, read_file
from engine.files.netfile_writer import dumps, to_dict, write_file
from engine.files.presets import load_preset
from engine.model.experiment import Experiment

PRESET_PREFIX = "preset:"

__all__ = [
    "FORMAT",
    "PRESET_PREFIX",
    "VERSION",
    "NetworkFileError",
    "decode_json",
    "dumps",
    "load",
    "parse",
    "read_file",
    "to_dict",
    "write_file",
]


def load(spec: str) -> Experiment:
    """Read ``spec``: a file path, or ``preset:NAME`` for one of the bundled examples."""
    if spec.startswith(PRESET_PREFIX):
        return load_preset(spec[len(PRESET_PREFIX) :])
    return read_file(spec)
