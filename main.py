"""Backprop Simulator: the window by default, headless sub-commands for scripts.

Everything is parsed and checked by :mod:`engine.cli` (which never imports Qt); only the
window's sub-commands import the GUI, and only once their FILE has been validated.
"""

from __future__ import annotations

import importlib
import sys

from engine.cli import EXIT_BUG
from engine.cli import main as run_command_line

NOT_BUILT = "the window is not built yet"


def launch_gui(command: str, spec: str | None, options: dict) -> int:
    """Run one of the window's sub-commands ("open", "screenshot", "demo") from gui/app.py."""
    try:
        # imported only here: the headless sub-commands never load Qt
        app = importlib.import_module("gui.app")
    except ModuleNotFoundError as error:
        if error.name in ("gui", "gui.app"):
            print(NOT_BUILT, file=sys.stderr)
            return EXIT_BUG
        raise
    importlib.import_module("gui.language").request(options.get("language"))  # --lang
    if command == "screenshot":
        return app.screenshot(spec, options["out_png"], options["step"])
    if command == "demo":
        return app.demo(spec)
    if command == "lesson":
        return app.run_lesson(options["lesson"])
    return app.run_gui(spec)


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``python main.py …`` (and the ``backprop-sim`` script)."""
    return run_command_line(argv, launch_gui)


if __name__ == "__main__":
    sys.exit(main())
