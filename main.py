"""Backprop Simulator: the window by default, headless sub-commands for scripts.

Everything is parsed and checked by :mod:`engine.cli` (which never imports Qt); only the
window's sub-commands import the GUI, and only once their FILE has been validated.

The number of BLAS threads is chosen here, before numpy is first imported (numpy offers no way
to change it later): one for the window and one for the command line (README, "BLAS threads":
on this 2-core machine a second thread made the command line's 784-128-64-10 training several
times slower whenever anything else ran, and in the window it takes the core that paints).
OPENBLAS_NUM_THREADS or OMP_NUM_THREADS set by the user win.
"""

from __future__ import annotations

import importlib
import os
import sys

from engine.cli import EXIT_BUG, HEADLESS
from engine.cli import main as run_command_line

NOT_BUILT = "the window is not built yet"
BLAS_THREADS = {"window": 1, "command line": 1}
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def choose_blas_threads(argv: list[str]) -> int | None:
    """Set the BLAS thread count for the sub-command in ``argv`` unless the user set one;
    returns the count set (None: the user's own). Effective only before numpy is imported."""
    if any(name in os.environ for name in BLAS_VARIABLES):
        return None
    case = "command line" if argv and argv[0] in HEADLESS else "window"
    for name in BLAS_VARIABLES:
        os.environ[name] = str(BLAS_THREADS[case])
    return BLAS_THREADS[case]


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
    choose_blas_threads(list(sys.argv[1:] if argv is None else argv))
    return run_command_line(argv, launch_gui)


if __name__ == "__main__":
    sys.exit(main())
