"""``presets``: list the bundled example networks with what each one shows."""

from __future__ import annotations

from engine.commands.common import EXIT_OK
from engine.commands.terminal_text import wrap
from engine.files.netfile import PRESET_PREFIX
from engine.files.presets import PRESET_NAMES, load_preset, title_and_description

WIDTH = 88


def list_presets() -> int:
    """Print every preset as ``preset:NAME  title`` and its description, wrapped (the title
    and description are the file's own, as it was written; lines at most WIDTH terminal
    columns, a Korean character counting two)."""
    for name in PRESET_NAMES:
        network = load_preset(name).network
        title, description = title_and_description(name)
        sizes = "-".join(map(str, network.sizes))
        print(f"{PRESET_PREFIX}{name:<20} {title}  ({sizes})")
        for line in wrap(description, WIDTH - 4):
            print(f"    {line}")
        print()
    return EXIT_OK
