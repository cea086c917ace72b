"""The command line (DESIGN.md, "Command line"): parse, dispatch, one line for every error.

Exit status: 0 success, 1 a bug (one line, never a traceback), 2 bad input (one line naming the
file or argument and the key at fault), 3 training diverged (``gradcheck``: 1 a gradient that
disagrees). The headless sub-commands (``train``, ``trace``, ``landscape``, ``gradcheck``,
``presets``, ``export-torch``, ``export-numpy``) never import Qt; the window's sub-commands are
handed to a ``launch_gui`` callable that main.py supplies, after FILE has been validated here.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from collections.abc import Callable, Sequence

from engine.commands.common import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, check_output_path
from engine.errors import NetworkError
from engine.files.file_text import one_line

PROGRAM = "python main.py"
TRACEBACK_VARIABLE = "BACKPROP_SIM_TRACEBACK"  # set it to see a bug's traceback
HEADLESS = ("train", "trace", "landscape", "gradcheck", "presets", "export-torch", "export-numpy")
WINDOWED = ("screenshot", "demo")

USAGE = {
    "train": "train FILE --steps N [--learning-rate R] [--save OUT.json] [--history HIST.csv]",
    "trace": "trace FILE [--json]",
    "landscape": "landscape FILE (--param P [--param2 Q] | --random [--seed S]) [--span S] "
                 "[--points N] --csv OUT.csv",
    "gradcheck": "gradcheck FILE [--json]",
    "presets": "presets",
    "export-torch": "export-torch FILE OUT.py",
    "export-numpy": "export-numpy FILE OUT.py",
    "screenshot": "screenshot [FILE] OUT.png [--step K]",
    "demo": "demo [FILE]",
    "": "[FILE] (or python main.py --help)",
}
HELP = f"""usage:
  {PROGRAM} [FILE]                 open the window (with FILE, or the seed example)
  {PROGRAM} {USAGE["train"]}
  {PROGRAM} trace FILE [--json]    every step of one forward/backward/update, with numbers
  {PROGRAM} {USAGE["landscape"]}
                                        E over the training set along one or two parameters
                                        (P, Q: w2[1,1] is layer 2's weight into neuron 1 from
                                        neuron 1, b2[1] its bias; span 2, 41 points);
                                        --random: along two random filter-normalised
                                        directions, columns alpha,beta,loss (span 1)
  {PROGRAM} gradcheck FILE [--json]
                                        every ∂E/∂θ against a central difference (exit 1 if
                                        any relative error is above 1e-6)
  {PROGRAM} {USAGE["screenshot"]}
                                        render the window offscreen to a PNG
  {PROGRAM} demo [FILE]            the window, stepping through by itself
  {PROGRAM} presets                list the bundled examples
  {PROGRAM} export-torch FILE OUT.py
                                        a standalone PyTorch script that trains the same way
  {PROGRAM} export-numpy FILE OUT.py
                                        the same training written out in plain NumPy

FILE is a network file (.json) or preset:NAME, e.g. preset:seed.
Exit status: 0 ok, 1 a gradient check failed, 2 bad input, 3 training diverged.
"""

# Launches a window sub-command: (command, spec, options) -> exit status.
GuiLauncher = Callable[[str, "str | None", dict], int]


class UsageError(Exception):
    """Bad command-line arguments: ``command`` and a one-line ``message``."""

    def __init__(self, command: str, message: str):
        self.command = command
        super().__init__(message)

    def line(self) -> str:
        usage = f"{PROGRAM} {USAGE.get(self.command, USAGE[''])}"
        where = f"{self.command}: " if self.command else ""
        return f"error: {where}{self} (usage: {usage})"


class _HelpShown(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError (one line) instead of printing usage and exiting."""

    def __init__(self, command: str):
        super().__init__(prog=f"{PROGRAM} {command}", allow_abbrev=False, add_help=False)
        self.command = command
        self.add_argument("-h", "--help", action="store_true")

    def error(self, message):
        raise UsageError(self.command, message)

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        if "-h" in argv or "--help" in argv:  # before any "required" complaint
            print(f"usage: {PROGRAM} {USAGE[self.command]}")
            raise _HelpShown
        return self.parse_args(argv)


# ----- argument types: each message says what was expected and what came ------------------------
def _whole_number(text: str, minimum: int) -> int:
    """``text`` as an int of at least ``minimum``, or a one-line argparse error saying so."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ {minimum}, got {text!r}")
    return value


def positive_int(text: str) -> int:
    return _whole_number(text, 1)


def non_negative_int(text: str) -> int:
    return _whole_number(text, 0)


def learning_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a finite number > 0, got {text!r}")
    return value


# ----- the parsers --------------------------------------------------------------------------------
def _parser(command: str) -> _Parser:
    parser = _Parser(command)
    if command == "train":
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--steps", type=positive_int, required=True)
        parser.add_argument("--learning-rate", type=learning_rate)
        parser.add_argument("--save")
        parser.add_argument("--history")
    elif command == "trace":
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--json", action="store_true")
    elif command == "landscape":
        parser.add_argument("file", metavar="FILE")
        along = parser.add_mutually_exclusive_group(required=True)
        along.add_argument("--param")
        along.add_argument("--random", action="store_true")
        parser.add_argument("--param2")
        parser.add_argument("--seed", type=non_negative_int)
        parser.add_argument("--span")  # parsed by engine.files.number_text, the one number parser
        parser.add_argument("--points", type=positive_int)
        parser.add_argument("--csv", required=True)
    elif command == "gradcheck":
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--json", action="store_true")
    elif command in ("export-torch", "export-numpy"):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("out", metavar="OUT.py")
    elif command == "screenshot":
        parser.add_argument("paths", nargs="+", metavar="[FILE] OUT.png")
        parser.add_argument("--step", type=non_negative_int, default=0)
    elif command in ("demo", ""):
        parser.add_argument("file", metavar="FILE", nargs="?")
    return parser


# ----- dispatch -----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv, launch_gui)
    except _HelpShown:
        return EXIT_OK
    except UsageError as error:
        return _fail(error.line(), EXIT_BAD_INPUT)
    except NetworkError as error:  # NetworkFileError included: its text names file and key
        return _fail(f"error: {error}", EXIT_BAD_INPUT)
    except BrokenPipeError:  # the reader went away (e.g. | head): stop quietly
        _silence_stdout()
        return EXIT_BUG
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as error:  # a bug: one line, never a traceback (unless a developer asks)
        if os.environ.get(TRACEBACK_VARIABLE):
            raise
        return _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)


def _silence_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (e.g. captured in tests)
        pass
    finally:
        os.close(devnull)


def _fail(line: str, status: int) -> int:
    print(one_line(line), file=sys.stderr)
    return status


def _dispatch(argv: list[str], launch_gui: GuiLauncher | None) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(HELP, end="")
        return EXIT_OK
    command = argv[0] if argv and argv[0] in HEADLESS + WINDOWED else ""
    if not command and argv:
        _refuse_misspelt_command(argv[0])
    arguments = _parser(command).parse(argv[1:] if command else argv)
    if command == "train":
        from engine.commands.train import train

        return train(
            arguments.file,
            arguments.steps,
            arguments.learning_rate,
            arguments.save,
            arguments.history,
        )
    if command == "trace":
        from engine.commands.trace import trace

        return trace(arguments.file, as_json=arguments.json)
    if command == "landscape":
        from engine.commands.landscape import landscape

        return landscape(
            arguments.file,
            arguments.param,
            arguments.csv,
            arguments.param2,
            arguments.span,
            arguments.points,
            arguments.random,
            arguments.seed,
        )
    if command == "gradcheck":
        from engine.commands.gradcheck import gradcheck

        return gradcheck(arguments.file, as_json=arguments.json)
    if command == "presets":
        from engine.commands.listing import list_presets

        return list_presets()
    if command in ("export-torch", "export-numpy"):
        from engine.commands.export import export

        return export(arguments.file, arguments.out, command.removeprefix("export-"))
    return _window(command, arguments, launch_gui)


def _refuse_misspelt_command(word: str) -> None:
    """``tran preset:seed`` is a typo of a command, not a file called "tran"."""
    if word.startswith("-") or word.startswith("preset:") or os.path.exists(word):
        return
    close = difflib.get_close_matches(word, HEADLESS + WINDOWED, n=1, cutoff=0.6)
    if close:
        raise UsageError("", f"unknown command {word!r} (did you mean {close[0]!r}?)")


def _window(command: str, arguments: argparse.Namespace, launch_gui: GuiLauncher | None) -> int:
    """Validate FILE (and OUT.png) here, without Qt, then hand over to the window."""
    from engine.files.netfile import load

    options: dict = {}
    if command == "screenshot":
        if len(arguments.paths) > 2:
            raise UsageError(command, f"expected [FILE] OUT.png, got {len(arguments.paths)} paths")
        spec = arguments.paths[0] if len(arguments.paths) == 2 else None
        options = {"out_png": arguments.paths[-1], "step": arguments.step}
        check_output_path(options["out_png"], "OUT.png", ".png")
    else:
        spec = arguments.file
    if spec is not None:
        load(spec)  # a bad FILE stops here with exit 2, before any Qt import
    if launch_gui is None:
        raise UsageError(command, "this entry point has no window; run python main.py")
    return launch_gui(command or "open", spec, options)
