"""A guided lesson as the engine holds it: bilingual text, a network file, tasks with checks.

Text is data in both languages ({"en": …, "ko": …}); callers pass the language they show
(``lesson.text("ko")``), and a language a lesson does not have falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from engine.lessons.checks import LessonState, asks_for_number, passes, quantities_named

LANGUAGES = ("en", "ko")
FALLBACK = "en"


@dataclass(frozen=True)
class Text:
    """One text in every language: ``Text({"en": "Loss", "ko": "손실"}).get("ko")``."""

    by_language: Mapping[str, str]

    def get(self, language: str) -> str:
        return self.by_language.get(language) or self.by_language[FALLBACK]


@dataclass(frozen=True)
class Task:
    """One thing to do or predict: what to do, a hint after a wrong try, the check (a dict
    evaluated by engine/lessons/checks.py) and the solution a test applies. ``action``
    ({"hidden_activation": "relu"}, engine/lessons/solutions.py) is a button's one-step edit,
    labelled ``action_text``; None: the task has no button."""

    prompt: Text
    hint_text: Text
    check: Mapping
    solution: Mapping
    action: Mapping | None = None
    action_text: Text | None = None

    def text(self, language: str = FALLBACK) -> str:
        return self.prompt.get(language)

    def hint(self, language: str = FALLBACK) -> str:
        return self.hint_text.get(language)

    @property
    def asks_for_number(self) -> bool:
        return asks_for_number(self.check)

    def grade(self, state: LessonState, language: str = FALLBACK) -> str | None:
        """None when the task's check passes in ``state``, else the hint to show."""
        return None if passes(self.check, state) else self.hint(language)


@dataclass(frozen=True)
class Lesson:
    """Lesson ``number`` (from its folder name ``NN-slug``): title, introduction, tasks, and
    where its network file is. ``slider`` ({"param", "min", "max"}) offers a slider for one
    parameter; ``view`` names an extra view ("digit_weights"); ``dataset`` a shipped data set
    that replaces the network file's data. ``hide`` names neurons' forward values
    ("a1[1]") the canvas shows as "?" until every task asking for them passed, with ``hidden``
    their (layer, neuron) from 0."""

    number: int
    slug: str
    folder: Path
    heading: Text
    intro: Text
    tasks: tuple[Task, ...]
    network_file: Path
    dataset: str | None = None
    slider: Mapping | None = None
    view: str | None = None
    hide: tuple[str, ...] = ()
    hidden: tuple[tuple[int, int], ...] = ()

    def title(self, language: str = FALLBACK) -> str:
        return self.heading.get(language)

    def text(self, language: str = FALLBACK) -> str:
        """The lesson's introduction in ``language``."""
        return self.intro.get(language)

    @property
    def key(self) -> str:
        """A stable name for remembering progress: the folder's name."""
        return f"{self.number:02d}-{self.slug}"

    def still_hidden(self, passed: set[int]) -> set[tuple[int, int]]:
        """(layer, neuron) from 0 of each hidden value whose tasks have not all passed
        (``passed``: the indices of the tasks passed)."""
        return {where for name, where in zip(self.hide, self.hidden, strict=True)
                if any(name in quantities_named(task.check) and index not in passed
                       for index, task in enumerate(self.tasks))}
