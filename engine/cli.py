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
import re
import sys
from collections.abc import Callable, Sequence

from engine.commands.common import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, check_output_path
from engine.errors import NetworkError
from engine.files.file_text import one_line
from engine.i18n import LANGUAGES, language_from_environment, set_language, tr

PROGRAM = "python main.py"
TRACEBACK_VARIABLE = "BACKPROP_SIM_TRACEBACK"  # set it to see a bug's traceback
HEADLESS = ("train", "trace", "landscape", "gradcheck", "presets", "export-torch", "export-numpy",
            "lessons")
WINDOWED = ("screenshot", "demo", "lesson")

USAGE = {
    "train": ("train FILE --steps N [--learning-rate R] [--save OUT.json] [--history HIST.csv]"
              " [--restart]"),
    "trace": "trace FILE [--json]",
    "landscape": "landscape FILE (--param P [--param2 Q] | --random [--seed S]) [--span S] "
                 "[--points N] --csv OUT.csv",
    "gradcheck": "gradcheck FILE [--json]",
    "presets": "presets",
    "export-torch": "export-torch FILE OUT.py",
    "export-numpy": "export-numpy FILE OUT.py",
    "screenshot": "screenshot [FILE] OUT.png [--step K]",
    "demo": "demo [FILE]",
    "lessons": "lessons",
    "lesson": "lesson N",
    "": "[FILE]",
}


def help_text() -> str:
    """``--help``: every command with what it does, in the current language."""
    return tr(
        "usage:\n"
        "  {program} [FILE]                 open the window (with FILE, or the seed example)\n"
        "  {program} {train}\n"
        "  {program} trace FILE [--json]    every step of one"
        " forward/backward/update, with numbers\n"
        "  {program} {landscape}\n"
        "                                        E over the training set along"
        " one or two parameters\n"
        "                                        (P, Q: w2[1,1] is layer 2's"
        " weight into neuron 1 from\n"
        "                                        neuron 1, b2[1] its bias; span 2, 41 points);\n"
        "                                        --random: along two random filter-normalised\n"
        "                                        directions, columns alpha,beta,loss (span 1)\n"
        "  {program} gradcheck FILE [--json]\n"
        "                                        every ∂E/∂θ against a central"
        " difference (exit 1 if\n"
        "                                        any relative error is above 1e-6)\n"
        "  {program} {screenshot}\n"
        "                                        render the window offscreen to a PNG\n"
        "  {program} demo [FILE]            the window, stepping through by itself\n"
        "  {program} presets                list the bundled examples\n"
        "  {program} lessons | lesson N     list the guided lessons, or open the window on"
        " lesson N\n"
        "  {program} export-torch FILE OUT.py\n"
        "                                        a standalone PyTorch script"
        " that trains the same way\n"
        "  {program} export-numpy FILE OUT.py\n"
        "                                        the same training written out in plain NumPy\n"
        "\n"
        "FILE is a network file (.json) or preset:NAME, e.g. preset:seed.\n"
        "Every command takes --lang ko|en (default: LC_ALL, LC_MESSAGES or LANG).\n"
        "Exit status: 0 ok, 1 a gradient check failed, 2 bad input, 3 training diverged.\n",
        program=PROGRAM, train=USAGE["train"], landscape=USAGE["landscape"],
        screenshot=USAGE["screenshot"])

# Launches a window sub-command: (command, spec, options) -> exit status.
GuiLauncher = Callable[[str, "str | None", dict], int]


class UsageError(Exception):
    """Bad command-line arguments: ``command`` and a one-line ``message``."""

    def __init__(self, command: str, message: str):
        self.command = command
        super().__init__(message)

    def line(self) -> str:
        usage = f"{PROGRAM} {USAGE.get(self.command, USAGE[''])}"
        if self.command:
            return tr("error: {command}: {message} (usage: {usage})",
                      command=self.command, message=self, usage=usage)
        return tr("error: {message} (usage: {usage} (or {program} --help))",
                  message=self, usage=usage, program=PROGRAM)


class _HelpShown(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError (one line) instead of printing usage and exiting."""

    def __init__(self, command: str):
        super().__init__(prog=f"{PROGRAM} {command}", allow_abbrev=False, add_help=False)
        self.command = command
        self.add_argument("-h", "--help", action="store_true")
        self.add_argument("--lang", type=language_code)

    def error(self, message):
        raise UsageError(self.command, argparse_message(message))

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        if "-h" in argv or "--help" in argv:  # before any "required" complaint
            print(tr("usage: {usage}", usage=f"{PROGRAM} {USAGE[self.command]}"))
            raise _HelpShown
        return self.parse_args(argv)


# argparse's own messages (Python 3.11–3.13), each said again through tr; anything else as is
ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (?P<names>.+)",
     lambda names: tr("the following arguments are required: {names}", names=names)),
    (r"one of the arguments (?P<names>.+) is required",
     lambda names: tr("one of the arguments {names} is required", names=names)),
    (r"argument (?P<name>\S+): not allowed with argument (?P<other>.+)",
     lambda name, other: tr("argument {name}: not allowed with argument {other}",
                            name=name, other=other)),
    (r"unrecognized arguments: (?P<names>.+)",
     lambda names: tr("unrecognized arguments: {names}", names=names)),
    (r"argument (?P<name>\S+): expected one argument",
     lambda name: tr("argument {name}: expected one argument", name=name)),
    (r"argument (?P<name>\S+): ignored explicit argument (?P<value>.+)",
     lambda name, value: tr("argument {name}: ignored explicit argument {value}",
                            name=name, value=value)),
    (r"argument (?P<name>\S+): (?P<problem>.+)",
     lambda name, problem: tr("argument {name}: {problem}", name=name, problem=problem)),
)


def argparse_message(message: str) -> str:
    """One of argparse's English messages in the current language (unknown ones unchanged)."""
    for pattern, say in ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return say(**match.groupdict())
    return message


def language_code(text: str) -> str:
    """``--lang``: one of the known language codes."""
    if text not in LANGUAGES:
        raise argparse.ArgumentTypeError(
            tr("expected one of {choices}, got {text!r}", choices="|".join(LANGUAGES), text=text))
    return text


def choose_language(argv: Sequence[str], environ=os.environ) -> None:
    """The language of every message from here on: ``--lang`` if ``argv`` gives a known one
    (read before parsing, so that parsing's own errors speak it), else the environment."""
    code = language_from_environment(environ)
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            given = argv[index + 1]
        elif word.startswith("--lang="):
            given = word.removeprefix("--lang=")
        else:
            continue
        if given in LANGUAGES:
            code = given
    set_language(code)


# ----- argument types: each message says what was expected and what came ------------------------
def _whole_number(text: str, minimum: int) -> int:
    """``text`` as an int of at least ``minimum``, or a one-line argparse error saying so."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise argparse.ArgumentTypeError(
            tr("expected a whole number ≥ {minimum}, got {text!r}", minimum=minimum, text=text))
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
        raise argparse.ArgumentTypeError(
            tr("expected a finite number > 0, got {text!r}", text=text))
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
        parser.add_argument("--restart", action="store_true")
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
    elif command == "lesson":
        parser.add_argument("number", metavar="N", type=positive_int)
    elif command in ("demo", ""):
        parser.add_argument("file", metavar="FILE", nargs="?")
    return parser


# ----- dispatch -----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    choose_language(argv)
    if argv and argv[0].startswith("--lang"):  # --lang before the command: take it after
        taken = 1 if "=" in argv[0] else 2
        argv = argv[taken:] + argv[:taken]
    try:
        return _dispatch(argv, launch_gui)
    except _HelpShown:
        return EXIT_OK
    except UsageError as error:
        return _fail(error.line(), EXIT_BAD_INPUT)
    except NetworkError as error:  # NetworkFileError included: its text names file and key
        return _fail(tr("error: {message}", message=error), EXIT_BAD_INPUT)
    except BrokenPipeError:  # the reader went away (e.g. | head): stop quietly
        _silence_stdout()
        return EXIT_BUG
    except KeyboardInterrupt:
        return _fail(tr("interrupted"), 130)
    except Exception as error:  # a bug: one line, never a traceback (unless a developer asks)
        if os.environ.get(TRACEBACK_VARIABLE):
            raise
        return _fail(tr("internal error ({kind}: {error}); please report it",
                        kind=type(error).__name__, error=error), 1)


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
        print(help_text(), end="")
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
            restart=arguments.restart,
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
    if command in ("lessons", "lesson"):
        from engine.commands.lessons import lesson_to_open, list_lessons

        if command == "lessons":
            return list_lessons()
        options = {"lesson": lesson_to_open(arguments.number)}  # a bad lesson: exit 2 here
        return launch_gui(command, None, options) if launch_gui else _fail(tr("no window"), 2)
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
        raise UsageError("", tr("unknown command {word!r} (did you mean {close!r}?)",
                                word=word, close=close[0]))


def _window(command: str, arguments: argparse.Namespace, launch_gui: GuiLauncher | None) -> int:
    """Validate FILE (and OUT.png) here, without Qt, then hand over to the window."""
    from engine.files.netfile import load

    options: dict = {"language": arguments.lang} if arguments.lang else {}  # else the window's
    if command == "screenshot":
        if len(arguments.paths) > 2:
            raise UsageError(command, tr("expected [FILE] OUT.png, got {count} paths",
                                         count=len(arguments.paths)))
        spec = arguments.paths[0] if len(arguments.paths) == 2 else None
        options["out_png"], options["step"] = arguments.paths[-1], arguments.step
        check_output_path(options["out_png"], "OUT.png", ".png")
    else:
        spec = arguments.file
    if spec is not None:
        load(spec)  # a bad FILE stops here with exit 2, before any Qt import
    if launch_gui is None:
        raise UsageError(command, tr("this entry point has no window; run python main.py"))
    return launch_gui(command or "open", spec, options)
