"""Finding and reading the lessons in resources/lessons (one folder ``NN-slug`` each).

A lesson folder holds ``lesson.json`` (the text, the tasks and their checks) and a network
file (``network.json`` unless ``lesson.json`` names another). Reading validates everything —
every text in both languages, every check against the lesson's own network — and a problem is
one line naming the file and the key (``…/lesson.json: tasks[1].check.param: …``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from engine.errors import NetworkError, NetworkFileError
from engine.files.netfile_reader import decode_json, read_file
from engine.files.regular_file import read_bytes
from engine.i18n import tr
from engine.lessons import datasets, values
from engine.lessons.checks import quantities_named, validate_check
from engine.lessons.lesson import LANGUAGES, Lesson, Task, Text
from engine.lessons.solutions import apply_action
from engine.model.activations import ACTIVATIONS
from engine.model.experiment import Experiment
from engine.model.parameter_names import parse_parameter

LESSONS_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "lessons"
LESSON_FILE = "lesson.json"
FORMAT = "backprop-sim.lesson"
VERSION = 1
MAX_LESSON_BYTES = 1 << 20
FOLDER_NAME = re.compile(r"(?P<number>[0-9]{2})-(?P<slug>[a-z0-9][a-z0-9-]*)")
TOP_KEYS = ("format", "version", "title", "intro", "tasks", "network", "dataset", "slider",
            "view", "hide")
TASK_KEYS = ("text", "hint", "check", "solution")
OPTIONAL_TASK_KEYS = ("action",)
ACTION_KEYS = ("text", "hidden_activation")
SOLUTION_KEYS = ("enter", "set", "train", "reach", "hidden_activation")
VIEWS = ("digit_weights",)


def lesson_folders(root: Path = LESSONS_FOLDER) -> list[Path]:
    """Every folder named ``NN-slug`` under ``root``, in number order."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir()
                  if path.is_dir() and FOLDER_NAME.fullmatch(path.name))


def load_lessons(root: Path = LESSONS_FOLDER) -> list[Lesson]:
    """Every lesson under ``root``, read and validated, in number order."""
    return [read_lesson(folder) for folder in lesson_folders(root)]


def find_lesson(number: int, root: Path = LESSONS_FOLDER) -> Lesson:
    """Lesson ``number``; NetworkFileError (key ``lesson``) naming the numbers there are."""
    for folder in lesson_folders(root):
        if int(FOLDER_NAME.fullmatch(folder.name)["number"]) == number:
            return read_lesson(folder)
    numbers = [int(FOLDER_NAME.fullmatch(f.name)["number"]) for f in lesson_folders(root)]
    known = (tr("{first} to {last}", first=min(numbers), last=max(numbers)) if numbers
             else tr("none"))
    raise NetworkFileError("lesson", tr("there is no lesson {number} (lessons: {known})",
                                        number=number, known=known))


def read_lesson(folder: str | os.PathLike) -> Lesson:
    """Read and validate the lesson in ``folder``; NetworkFileError naming file and key."""
    folder = Path(folder)
    where = str(folder / LESSON_FILE)
    match = FOLDER_NAME.fullmatch(folder.name)
    if match is None:
        raise NetworkFileError("", tr("a lesson folder is named NN-slug, e.g. 01-one-weight"),
                               str(folder))
    try:
        raw = read_bytes(where, MAX_LESSON_BYTES, "lesson file")
    except NetworkError as error:
        raise NetworkFileError("", error.problem, where) from None
    document = decode_json(raw, where)
    try:
        return _lesson(document, folder, int(match["number"]), match["slug"])
    except NetworkFileError:
        raise
    except NetworkError as error:
        raise NetworkFileError(error.key, error.problem, where) from None


def lesson_experiment(lesson: Lesson) -> Experiment:
    """A fresh Experiment for ``lesson``: its network file, with its data set when it names one."""
    experiment = read_file(lesson.network_file)
    if lesson.dataset is not None:
        experiment.data = datasets.load(lesson.dataset)
    return experiment


def _lesson(document: dict, folder: Path, number: int, slug: str) -> Lesson:
    for key in document:
        if key not in TOP_KEYS:
            raise NetworkError(key, tr("unknown key (known: {known})", known=", ".join(TOP_KEYS)))
    for key in ("format", "version", "title", "intro", "tasks"):
        if key not in document:
            raise NetworkError(key, tr("missing key"))
    if document["format"] != FORMAT:
        raise NetworkError("format", tr("expected {format!r}", format=FORMAT))
    if document["version"] != VERSION or type(document["version"]) is not int:
        raise NetworkError("version", tr("this program reads lesson version {version}",
                                         version=VERSION))
    network_name = document.get("network", "network.json")
    if not isinstance(network_name, str) or "/" in network_name or "\\" in network_name:
        raise NetworkError("network", tr("expected a file name in the lesson's folder"))
    dataset = document.get("dataset")
    if dataset is not None and dataset not in datasets.NAMES:
        raise NetworkError("dataset", tr("expected one of {choices}",
                                         choices=", ".join(datasets.NAMES)))
    view = document.get("view")
    if view is not None and view not in VIEWS:
        raise NetworkError("view", tr("expected one of {choices}", choices=", ".join(VIEWS)))
    lesson = Lesson(number, slug, folder, _text(document["title"], "title"),
                    _text(document["intro"], "intro"), (), folder / network_name, dataset,
                    document.get("slider"), view)
    experiment = lesson_experiment(lesson)  # a bad network file names itself
    if lesson.slider is not None:
        _check_slider(lesson.slider, experiment)
    tasks = document["tasks"]
    if not isinstance(tasks, list) or not tasks:
        raise NetworkError("tasks", tr("expected a list of at least one task"))
    tasks = tuple(_task(task, experiment, f"tasks[{i}]") for i, task in enumerate(tasks))
    hide = document.get("hide", [])
    return Lesson(number, slug, folder, lesson.heading, lesson.intro, tasks,
                  lesson.network_file, dataset, lesson.slider, view, tuple(hide),
                  _hidden(hide, tasks, experiment))


def _hidden(hide, tasks, experiment: Experiment) -> tuple[tuple[int, int], ...]:
    """The (layer, neuron) of each name in ``hide``: a neuron's forward value that a task asks
    for (else it would never be shown again)."""
    if not isinstance(hide, list):
        raise NetworkError("hide", tr("expected a list of names like a1[1]"))
    asked = set().union(*(quantities_named(task.check) for task in tasks))
    for index, name in enumerate(hide):
        if not isinstance(name, str) or name not in asked:
            raise NetworkError(f"hide[{index}]", tr(
                "“{name}”: no task asks for it, so it would stay hidden", name=str(name)[:40]))
    return tuple(values.neuron_of(name, experiment.network, f"hide[{i}]")
                 for i, name in enumerate(hide))


def _text(value, key: str) -> Text:
    """{"en": …, "ko": …}: both languages, each a non-empty string."""
    if not isinstance(value, dict):
        raise NetworkError(key, tr("expected {{\"en\": …, \"ko\": …}}"))
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise NetworkError(f"{key}.{language}", tr("missing or empty text"))
    for language in value:
        if language not in LANGUAGES:
            raise NetworkError(f"{key}.{language}",
                               tr("unknown language (known: {known})",
                                  known=", ".join(LANGUAGES)))
    return Text(dict(value))


def _task(task, experiment: Experiment, key: str) -> Task:
    if not isinstance(task, dict):
        raise NetworkError(key, tr("expected an object with text, hint, check and solution"))
    for name in task:
        if name not in TASK_KEYS + OPTIONAL_TASK_KEYS:
            raise NetworkError(f"{key}.{name}", tr("unknown key (known: {known})", known=", ".join(
                TASK_KEYS + OPTIONAL_TASK_KEYS)))
    for name in TASK_KEYS:
        if name not in task:
            raise NetworkError(f"{key}.{name}", tr("missing key"))
    validate_check(task["check"], experiment, f"{key}.check")
    solution = task["solution"]
    if not isinstance(solution, dict) or not solution:
        raise NetworkError(f"{key}.solution", tr("expected an object of what to do"))
    for name in solution:
        if name not in SOLUTION_KEYS:
            raise NetworkError(f"{key}.solution.{name}",
                               tr("unknown key (known: {known})",
                                  known=", ".join(SOLUTION_KEYS)))
    for name in solution.get("set", {}):
        parse_parameter(name, experiment.network, f"{key}.solution.set")
    action = task.get("action")
    if action is None:
        return Task(_text(task["text"], f"{key}.text"), _text(task["hint"], f"{key}.hint"),
                    task["check"], solution)
    return Task(_text(task["text"], f"{key}.text"), _text(task["hint"], f"{key}.hint"),
                task["check"], solution, _action(action, experiment, f"{key}.action"),
                _text(action["text"], f"{key}.action.text"))


def _action(action, experiment: Experiment, key: str) -> dict:
    """A button's one-step edit: {"text": {"en": …, "ko": …}, "hidden_activation": NAME},
    tried on the lesson's network (softmax, say, is refused by the rule book)."""
    if not isinstance(action, dict) or set(action) != set(ACTION_KEYS):
        raise NetworkError(key, tr("expected {{\"text\": …, \"hidden_activation\": …}}"))
    edit = {"hidden_activation": action["hidden_activation"]}
    if edit["hidden_activation"] not in ACTIVATIONS:
        raise NetworkError(f"{key}.hidden_activation",
                           tr("expected one of {choices}", choices=", ".join(ACTIVATIONS)))
    try:
        apply_action(experiment.network, edit)
    except NetworkError as error:
        raise NetworkError(f"{key}.hidden_activation", error.problem) from None
    return edit


def _check_slider(slider, experiment: Experiment) -> None:
    if not isinstance(slider, dict) or set(slider) != {"param", "min", "max"}:
        raise NetworkError("slider", tr("expected {{\"param\": …, \"min\": …, \"max\": …}}"))
    parse_parameter(slider["param"], experiment.network, "slider.param")
    low, high = slider["min"], slider["max"]
    if not all(type(v) in (int, float) for v in (low, high)) or not low < high:
        raise NetworkError("slider.max", tr("expected numbers with min < max"))
