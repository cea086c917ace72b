"""engine/ is the truth and must load where no Qt is installed: it never imports Qt."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import engine

ROOT = Path(__file__).resolve().parents[2]


def engine_module_names() -> list[str]:
    """Every module of engine/ and of each of its sub-packages, however deep."""
    return [m.name for m in pkgutil.walk_packages(engine.__path__, prefix="engine.")]


def test_the_module_list_reaches_into_every_sub_package():
    on_disk = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "engine").rglob("*.py")
    }
    assert set(engine_module_names()) == on_disk - {"engine"}


def test_every_engine_module_loads_without_qt_or_pyqtgraph():
    names = engine_module_names()
    assert len(names) >= 5
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "qt = ('PySide6', 'pyqtgraph', 'shiboken6')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in qt]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_language_module_is_among_those_that_load_without_qt():
    # the engine's text goes through engine.i18n, which must never reach for Qt's translator
    assert "engine.i18n" in engine_module_names()


def test_the_lessons_package_and_its_command_are_walked():
    names = engine_module_names()
    for name in ("engine.lessons.loader", "engine.lessons.checks", "engine.lessons.values",
                 "engine.lessons.solutions", "engine.lessons.datasets",
                 "engine.commands.lessons"):
        assert name in names
