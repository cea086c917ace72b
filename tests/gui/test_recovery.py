"""Each running window owns its recovery file: another window never offers it, never deletes
it, and offers it back only once its process is gone (gui/files.py, RecoveryFile)."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from engine.files import netfile
from gui import files
from gui.main_window import MainWindow
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
GONE = "recovery-999999999-0"  # no process ever has this id (Linux ids stay below 2²²)

OTHER_WINDOW = textwrap.dedent("""
    import sys, time
    from engine.files import netfile
    from gui import files
    recovery = files.RecoveryFile(sys.argv[1])
    experiment = netfile.load("preset:xor")
    experiment.network.layers[0].weights[0, 0] = 7.25  # its unsaved edit
    recovery.save(experiment, "/lessons/xor.json")
    print(recovery.path, flush=True)
    time.sleep(120)
""")


@pytest.fixture
def other_window(tmp_path):
    """Another running program that autosaved its unsaved work into the same folder."""
    folder = tmp_path / "recovery"
    process = subprocess.Popen([sys.executable, "-c", OTHER_WINDOW, str(folder)], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    path = Path(process.stdout.readline().strip())
    assert path.is_file()
    yield folder, path, process
    process.kill()
    process.wait()
    process.stdout.close()


@pytest.fixture
def asked(monkeypatch):
    """The restore questions the window asks (answered Yes), and its file error dialogs."""
    record = {"restore": [], "errors": []}

    def ask(parent, age):
        record["restore"].append(age)
        return True

    monkeypatch.setattr(files, "ask_restore", ask)
    monkeypatch.setattr(files, "show_file_error",
                        lambda parent, title, error: record["errors"].append(str(error)))
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    return record


@pytest.fixture
def window_in(request, tmp_path):
    """test_main_window's windows, whose recovery folder is ``tmp_path / "recovery"``."""
    open_window = request.getfixturevalue("make_window")
    request.getfixturevalue("asked")  # its answers replace the main window tests' ones

    def make(folder: Path) -> MainWindow:
        assert folder == tmp_path / "recovery"
        return open_window()

    return make


def test_a_running_windows_work_is_never_offered_nor_deleted_by_another(
        window_in, other_window, asked):
    """Was: B was offered A's live work, and B's clean close deleted it."""
    folder, path, process = other_window
    window = window_in(folder)
    assert not window.offer_recovery()
    assert asked["restore"] == []
    window.document.set_parameter(0, 0, 0, 2.0)
    window.file_actions.autosave()
    assert window.recovery.exists() and window.recovery.path != path
    window.close()  # a clean close removes its own file only
    assert not window.recovery.exists()
    assert path.is_file()


def test_after_its_window_is_killed_its_work_is_offered_with_its_age(
        window_in, other_window, asked):
    folder, path, process = other_window
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    window = window_in(folder)
    assert window.offer_recovery()
    assert len(asked["restore"]) == 1 and "ago (at " in asked["restore"][0]
    assert window.document.network.layers[0].weights[0, 0] == 7.25
    assert window.document.path == "/lessons/xor.json" and window.isWindowModified()
    assert not path.exists()  # it is this window's recovery file now
    assert window.recovery.exists()
    again = window_in(folder)
    assert not again.offer_recovery()  # offered once, not to every window after


def test_the_restore_question_says_how_old_the_work_is(monkeypatch):
    texts = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *rest: texts.append(text)
                        or QMessageBox.StandardButton.No)
    saved_at = time.time() - 300
    orphan = files.Orphan(Path("recovery.json"), saved_at)
    assert orphan.age_text(saved_at + 300).startswith("5 minutes ago (at ")
    assert orphan.age_text(saved_at + 30).startswith("less than a minute ago")
    assert orphan.age_text(saved_at + 2 * 86400).startswith("2 days ago")
    assert not files.ask_restore(None, orphan.age_text())
    assert "autosaved 5 minutes ago" in texts[0]


def write_orphan(folder: Path, origin) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{GONE}.json"
    netfile.write_file(netfile.load("preset:xor"), path)
    (folder / f"{GONE}.origin").write_text(json.dumps({"origin": origin}), encoding="utf-8")
    return path


@pytest.mark.parametrize("origin", [5, ["a"], {"path": "x"}, True])
def test_a_recovery_whose_origin_is_not_a_string_is_set_aside_in_one_line(
        window_in, tmp_path, asked, origin):
    """Was: an exception dialog."""
    folder = tmp_path / "recovery"
    path = write_orphan(folder, origin)
    window = window_in(folder)
    assert not window.offer_recovery()
    assert asked["restore"] == [] and asked["errors"] == []
    note = window.statusBar().currentMessage()
    assert note.startswith(f"Unsaved work in {path.name} was set aside (its origin is not a "
                           "file name)") and "\n" not in note
    assert not path.exists() and (folder / f"{path.name}.set-aside").is_file()
    assert not window_in(folder).offer_recovery()  # set aside once, not offered again


def test_a_recovery_file_that_is_a_directory_is_set_aside_in_one_line(window_in, tmp_path, asked):
    folder = tmp_path / "recovery"
    (folder / f"{GONE}.json").mkdir(parents=True)
    window = window_in(folder)
    assert not window.offer_recovery()
    assert asked["restore"] == [] and asked["errors"] == []
    assert "set aside (it is not a file)" in window.statusBar().currentMessage()
    assert (folder / f"{GONE}.json.set-aside").is_dir()


def test_a_damaged_orphan_is_reported_and_kept_aside(window_in, tmp_path, asked):
    folder = tmp_path / "recovery"
    path = write_orphan(folder, None)
    path.write_text("{ not json", encoding="utf-8")
    window = window_in(folder)
    assert not window.offer_recovery()
    assert len(asked["errors"]) == 1 and "\n" not in asked["errors"][0]
    assert (folder / f"{path.name}.set-aside").is_file()  # the learner's bytes are kept


def test_the_older_single_recovery_file_is_still_offered(window_in, tmp_path, asked):
    folder = tmp_path / "recovery"
    folder.mkdir()
    netfile.write_file(netfile.load("preset:xor"), folder / "recovery.json")
    (folder / "recovery-origin.json").write_text('{"origin": null}', encoding="utf-8")
    window = window_in(folder)
    assert window.offer_recovery()
    assert window.document.network.input_size == 2
