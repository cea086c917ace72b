"""The two languages' catalogues: find every translatable string, update them, check them.

    python -m resources.i18n.catalogues update   after adding or changing strings: refreshes
                                                 engine_ko.json and backprop_ko.ts (new strings
                                                 arrive empty/unfinished), compiles backprop_ko.qm
    python -m resources.i18n.catalogues check    lists what is missing, unfinished, or bypasses
                                                 the translation path (what the tests refuse)

The engine's strings are ``tr("template {field}", field=…)`` calls (engine/i18n.py), found here
by reading the source's syntax tree; the window's are Qt's own ``self.tr("…")`` /
``QCoreApplication.translate("Context", "…")``, found by ``pyside6-lupdate``.
"""

from __future__ import annotations

import ast
import json
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "i18n"
ENGINE_CATALOGUE = FOLDER / "engine_ko.json"
QT_CATALOGUE = FOLDER / "backprop_ko.ts"
QT_COMPILED = FOLDER / "backprop_ko.qm"
KEEP = "# i18n: as is"  # ends a line whose literals stay the same in every language (a name)

# ----- what counts as a user-visible string --------------------------------------------------
# callee name (a function, or a method's attribute name) → indices of its positional arguments
# that a person reads (None: all of them); keyword arguments named in TEXT_KEYWORDS too.
ENGINE_TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    "print": None, "write": (0,), "_fail": (0,), "fail": (1,),
    "NetworkError": (1,), "NetworkFileError": (1,), "UsageError": (1,),
    "ArgumentTypeError": (0,), "OSError": (1,),
}
GUI_TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setStatusTip": (0,),
    "setWhatsThis": (0,), "setPlaceholderText": (0,), "showMessage": (0,), "setTitle": (0,),
    "addMenu": None, "addToolBar": None, "setEmptyLabel": (0,), "setLabelText": (0,),
    "setSuffix": (0,), "setPrefix": (0,), "setTabText": (1,), "addTab": (1,), "addItem": (0,),
    "setItemText": (1,), "addRow": (0,), "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,), "createUndoAction": (1,), "createRedoAction": (1,),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "about": (1, 2), "QMessageBox": (1, 2), "QAction": (0,), "QLabel": (0,),
    "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,),
    "QDockWidget": (0,), "QMenu": (0,), "add_dock": (0,), "_action": (0, 3),
    "make_action": (1, 4),
}
TEXT_KEYWORDS = {"problem", "message", "tip", "text", "title"}
# calls whose arguments are never prose: translation itself, key sequences, colours, numbers
NOT_TEXT_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "QKeySequence", "QColor",
                  "QIcon", "format_value"}
# a literal counts in these folders wherever it holds prose (two words), not only as an argument
# of a call above: they build the step-through's sentences, the analysis' verdicts, the window
PROSE_FOLDERS = ("engine/lesson/", "engine/analysis/", "gui/")
BUG_EXCEPTIONS = {"ValueError", "KeyError", "IndexError", "TypeError", "RuntimeError",
                  "AssertionError", "NotImplementedError"}  # a bug's report is not translated


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _name(function: ast.expr) -> str:
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return ""


# ----- the engine's templates ---------------------------------------------------------------
def engine_templates(folder: str = "engine") -> tuple[dict[str, list[str]], list[str]]:
    """Every ``tr("…")`` template in ``folder`` → where it is, and the ``tr`` calls whose
    template is not a plain string literal (which no catalogue can hold)."""
    found: dict[str, list[str]] = {}
    problems = []
    for path in python_files(folder):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "tr" and path.name != "i18n.py":
                where = f"{relative(path)}:{node.lineno}"
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, []).append(where)
                else:
                    problems.append(f"{where}: tr's template is not a plain string literal")
    return found, problems


def placeholders(template: str) -> list[tuple[str, str, str]]:
    """The ``{field!conversion:spec}`` of a template, sorted (a translation may reorder them)."""
    return sorted((name, conversion or "", spec or "")
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None)


def engine_catalogue_problems(catalogue: dict[str, str],
                              templates: dict[str, list[str]]) -> list[str]:
    """Templates the catalogue lacks or leaves empty, and translations whose placeholders
    differ from their template's."""
    problems = []
    for template, places in sorted(templates.items()):
        translation = catalogue.get(template)
        if not translation:
            problems.append(f"{places[0]}: not translated: {template!r}")
        elif placeholders(translation) != placeholders(template):
            problems.append(f"{places[0]}: placeholders differ: {template!r} → {translation!r}")
    return problems


def read_engine_catalogue() -> dict[str, str]:
    return json.loads(ENGINE_CATALOGUE.read_text(encoding="utf-8"))


def update_engine_catalogue() -> None:
    """engine_ko.json with exactly the current templates, sorted; new ones empty (to fill)."""
    templates, problems = engine_templates()
    old = read_engine_catalogue() if ENGINE_CATALOGUE.exists() else {}
    for gone in sorted(set(old) - set(templates)):
        print(f"dropped (no longer in the source): {gone!r} → {old[gone]!r}")
    new = {template: old.get(template, "") for template in sorted(templates)}
    text = json.dumps(new, ensure_ascii=False, indent=1) + "\n"
    ENGINE_CATALOGUE.write_text(text, encoding="utf-8")
    for problem in problems:
        print(problem)


# ----- the window's catalogue (Qt's tools) --------------------------------------------------
def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` on PATH, else the one inside PySide6."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def gui_sources() -> list[str]:
    return [relative(path) for path in python_files("gui")]


def run_lupdate(ts_file: Path) -> None:
    """Refresh ``ts_file`` from every gui/ source: new strings unfinished, vanished dropped,
    no line numbers (so a moved line changes nothing)."""
    command = [qt_tool("lupdate"), *gui_sources(), "-ts", str(ts_file),
               "-locations", "none", "-no-obsolete", "-silent"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [qt_tool("lrelease"), str(ts_file), "-qm", str(qm_file), "-silent"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def qt_messages(ts_file: Path) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) of every message in a .ts."""
    messages = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            text = translation.text if translation is not None else None
            if kind in ("vanished", "obsolete"):
                continue
            done = kind != "unfinished" and bool(text)
            messages.append((name, message.findtext("source"), text if done else None))
    return messages


# ----- strings that bypass translation ------------------------------------------------------
def _has_words(text: str) -> bool:
    return any(character.isalpha() for character in text)


def _is_prose(text: str) -> bool:
    words = [word for word in text.replace(",", " ").split() if word.isalpha() and len(word) > 1]
    return len(words) >= 2


def _literals(node: ast.AST):
    """String literals in an expression, outside translation calls, keys and subscripts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.Call) and _name(node.func) in NOT_TEXT_CALLS:
        return
    elif isinstance(node, ast.Subscript):
        yield from _literals(node.value)
    elif isinstance(node, ast.FormattedValue):  # f"{x:.3g}": a format spec is not text
        yield from _literals(node.value)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _literals(value)
    else:
        for child in ast.iter_child_nodes(node):
            yield from _literals(child)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def bypasses(path: Path, calls: dict[str, tuple[int, ...] | None]) -> list[str]:
    """Each user-visible literal of ``path`` that does not go through translation, as
    ``file:line: text``: a literal with a letter in a person-read argument of ``calls``, and in
    PROSE_FOLDERS any literal holding prose (not a docstring, nor a bug's exception)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    hits: dict[int, ast.Constant] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and _name(node.exc.func) in BUG_EXCEPTIONS:
            skipped.update(id(literal) for literal in _literals(node.exc))
        if isinstance(node, ast.Call) and _name(node.func) in calls:
            indices = calls[_name(node.func)]
            arguments = [argument for index, argument in enumerate(node.args)
                         if indices is None or index in indices]
            arguments += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            for argument in arguments:
                for literal in _literals(argument):
                    if _has_words(literal.value):
                        hits[id(literal)] = literal
    if relative(path).startswith(PROSE_FOLDERS):
        for literal in _literals(tree):
            if _is_prose(literal.value):
                hits[id(literal)] = literal
    found = []
    for key, literal in hits.items():
        line = lines[literal.lineno - 1]
        if key not in skipped and not line.rstrip().endswith(KEEP):
            found.append(f"{relative(path)}:{literal.lineno}: {literal.value[:60]!r}")
    return sorted(found)


def engine_bypasses() -> dict[str, list[str]]:
    """Module (engine/…py) → its strings that bypass ``tr``."""
    result = {}
    for path in python_files("engine"):
        if path.name != "i18n.py" and (found := bypasses(path, ENGINE_TEXT_CALLS)):
            result[relative(path)] = found
    return result


def gui_bypasses() -> dict[str, list[str]]:
    """Module (gui/…py) → its strings that bypass Qt's ``tr``."""
    result = {}
    for path in python_files("gui"):
        if found := bypasses(path, GUI_TEXT_CALLS):
            result[relative(path)] = found
    return result


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update_engine_catalogue()
        run_lupdate(QT_CATALOGUE)
        run_lrelease(QT_CATALOGUE, QT_COMPILED)
        return 0
    if argv == ["check"]:
        templates, problems = engine_templates()
        problems += engine_catalogue_problems(read_engine_catalogue(), templates)
        problems += [f"{QT_CATALOGUE.name}: unfinished: [{context}] {source!r}"
                     for context, source, text in qt_messages(QT_CATALOGUE) if text is None]
        for found in [*engine_bypasses().values(), *gui_bypasses().values()]:
            problems += [f"bypasses translation: {line}" for line in found]
        print("\n".join(problems) or "all strings are translated")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
