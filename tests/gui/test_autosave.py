"""Autosave about two seconds after the last edit, during training, and after a kill -9 the
work offered back with its age: how long before the program stopped it was saved."""

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from engine.files import netfile
from engine.files.netfile_writer import to_dict
from gui import autosave, files
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)
from tests.gui.test_recovery import GONE, asked, window_in, write_orphan  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def new_window(request):
    """test_main_window's ``make_window``."""
    return request.getfixturevalue("make_window")


@pytest.fixture
def restart(request):
    """(test_recovery's ``window_in``, its record of questions ``asked``)."""
    return request.getfixturevalue("window_in"), request.getfixturevalue("asked")

EDITED_THEN_RUNNING = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings
    from gui import app, files
    application = app.create_application()
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = app.create_window("preset:xor", settings, files.RecoveryFile(sys.argv[1]))
    window.show()
    window.document.set_parameter(0, 0, 0, 7.25)
    print("edited", flush=True)
    application.exec()
""")


def test_the_work_is_saved_two_seconds_after_the_last_edit_not_before(new_window, qtbot):
    window = new_window()
    window.document.set_parameter(1, 0, None, -4.5)
    qtbot.wait(1200)
    assert not window.recovery.exists()
    window.document.set_parameter(1, 0, None, -2.5)  # a second edit starts the wait again
    qtbot.wait(1200)
    assert not window.recovery.exists()  # 2.4 s after the first edit, 1.2 s after the last
    qtbot.waitUntil(window.recovery.exists, timeout=2500)
    saved, _ = window.recovery.load()
    assert saved.network.layers[1].biases[0] == -2.5  # (column None: the bias)


def test_a_run_is_saved_while_it_goes_on(new_window, qtbot):
    window = new_window("preset:xor")
    window.file_actions.autosaver.during_training.setInterval(100)
    runner = window.training_docks.runner
    assert not window.document.is_modified
    runner.start()
    qtbot.waitUntil(window.recovery.exists, timeout=5000)
    assert runner.is_running  # saved during the run, before it became an undo step
    runner.pause()


def test_saves_during_a_run_keep_to_a_small_share_of_the_time(new_window, qtbot):
    window = new_window("preset:xor")
    saver = window.file_actions.autosaver
    saver.during_training.setInterval(50)
    runner = window.training_docks.runner
    runner.start()
    qtbot.waitUntil(window.recovery.exists, timeout=5000)
    saver.last_write_seconds = 3600.0  # as if a write took an hour: the next waits 20 hours
    window.recovery.path.unlink()
    qtbot.wait(500)
    assert runner.is_running and not window.recovery.exists()
    saver.last_write_seconds = 0.0
    qtbot.waitUntil(window.recovery.exists, timeout=5000)
    runner.pause()


def test_a_big_network_is_written_off_the_event_loop_with_the_same_numbers(
        new_window, monkeypatch):
    monkeypatch.setattr(autosave, "BACKGROUND_NUMBERS", 0)
    window = new_window("preset:xor")
    window.document.set_parameter(0, 1, 0, 0.125)
    expected = to_dict(window.document.experiment)
    window.file_actions.autosave()
    assert window.file_actions.autosaver.job is not None  # it went to the worker process
    window.file_actions.autosaver.wait()
    assert to_dict(window.recovery.load()[0]) == expected


def test_the_age_says_how_long_before_the_program_stopped(monkeypatch):
    saved_at = time.time() - 65
    orphan = files.Orphan(Path("recovery.json"), saved_at, saved_at + 5)
    assert orphan.age_text(saved_at + 65).startswith(
        "5 seconds before the program stopped, 1 minute ago (at ")
    assert files.Orphan(Path("r.json"), saved_at, saved_at + 1.5).age_text().startswith(
        "1 second before the program stopped, ")
    assert files.Orphan(Path("r.json"), saved_at, saved_at + 0.2).age_text().startswith(
        "moments before the program stopped, ")
    assert files.Orphan(Path("r.json"), saved_at, saved_at + 180).age_text().startswith(
        "3 minutes before the program stopped, ")


@pytest.mark.parametrize("saved_at", ['"yesterday"', "NaN", "Infinity", "1e300", "-5", "true"])
def test_a_save_time_that_is_not_a_time_falls_back_to_the_files_time(
        restart, tmp_path, saved_at):
    reopen, record = restart
    folder = tmp_path / "recovery"
    path = write_orphan(folder, None)
    (folder / f"{GONE}.origin").write_text(f'{{"origin": null, "saved_at": {saved_at}}}',
                                           encoding="utf-8")
    window = reopen(folder)
    assert window.offer_recovery()
    assert len(record["restore"]) == 1 and "ago (at " in record["restore"][0]
    assert not path.exists()


def test_a_recovery_file_of_unreadable_bytes_is_reported_in_one_line_and_set_aside(
        restart, tmp_path):
    reopen, record = restart
    folder = tmp_path / "recovery"
    path = write_orphan(folder, None)
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    window = reopen(folder)
    assert not window.offer_recovery()
    assert len(record["errors"]) == 1 and "\n" not in record["errors"][0]
    assert (folder / f"{path.name}.set-aside").read_bytes() == b"\xff\xfe\x00garbage\x80"
    assert not reopen(folder).offer_recovery()  # set aside once, not offered again


def test_after_a_kill_three_seconds_after_an_edit_the_work_comes_back_exactly(
        restart, tmp_path):
    reopen, record = restart
    folder = tmp_path / "recovery"
    process = subprocess.Popen(
        [sys.executable, "-c", EDITED_THEN_RUNNING, str(folder), str(tmp_path / "other.ini")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert process.stdout.readline().strip() == "edited"
        time.sleep(3.5)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
    window = reopen(folder)
    assert window.offer_recovery()
    (age,) = record["restore"]
    assert re.match(r"(\d+ seconds?|moments) before the program stopped, less than a minute "
                    r"ago \(at ", age), age
    expected = netfile.load("preset:xor")
    expected.network.layers[0].weights[0, 0] = 7.25
    assert json.dumps(to_dict(window.document.experiment)) == json.dumps(to_dict(expected))
    assert window.isWindowModified()
