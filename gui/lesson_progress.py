"""Which tasks of which lesson a learner has passed, remembered in QSettings across starts."""

from __future__ import annotations

from PySide6.QtCore import QSettings

GROUP = "lessons/passed"


class LessonProgress:
    """Passed task indices per lesson key (``01-one-weight``), kept in ``settings``."""

    def __init__(self, settings: QSettings):
        self._settings = settings

    def passed(self, key: str) -> set[int]:
        text = str(self._settings.value(f"{GROUP}/{key}", "") or "")
        return {int(part) for part in text.split(",") if part.isdigit()}

    def mark_passed(self, key: str, index: int) -> None:
        done = self.passed(key) | {index}
        self._settings.setValue(f"{GROUP}/{key}", ",".join(str(i) for i in sorted(done)))
        self._settings.sync()

    def forget(self, key: str) -> None:
        self._settings.remove(f"{GROUP}/{key}")
