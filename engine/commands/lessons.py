"""``lessons`` lists the guided lessons; ``lesson N`` checks that lesson N exists and reads
before the window opens on it (a missing or broken lesson is one line, exit 2)."""

from __future__ import annotations

from engine.commands.common import EXIT_OK
from engine.i18n import language as current_language
from engine.i18n import tr
from engine.lessons.loader import find_lesson, load_lessons


def list_lessons(language: str | None = None) -> int:
    """Print every lesson as ``N  title  (k tasks)``, in the order of the notes, in
    ``language`` (default: the language of the moment, ``--lang``)."""
    language = language or current_language()
    for lesson in load_lessons():
        print(tr("{number:>2}  {title}  ({tasks} tasks)", number=lesson.number,
                 title=lesson.title(language), tasks=len(lesson.tasks)))
    print(tr("Open one with: python main.py lesson N"))
    return EXIT_OK


def lesson_to_open(number: int) -> int:
    """``number`` once lesson ``number`` has been read and validated (NetworkFileError else)."""
    return find_lesson(number).number
