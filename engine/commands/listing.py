"""``presets``: list the bundled example networks with what each one shows."""

from __future__ import annotations

import textwrap

from engine.commands.common import EXIT_OK
from engine.files.presets import PRESET_NAMES, load_preset

WIDTH = 88


def list_presets() -> int:
    """Print every preset as ``preset:NAME  title`` and its description, wrapped."""
    for name in PRESET_NAMES:
        network = load_preset(name).network
        print(f"preset:{name:<20} {network.name}  ({'-'.join(map(str, network.sizes))})")
        for line in textwrap.wrap(network.description, WIDTH - 4):
            print(f"    {line}")
        print()
    return EXIT_OK
