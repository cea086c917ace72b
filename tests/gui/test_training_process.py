"""Free runs in a worker process: after a pause the runner's Trainer is bit for bit an
in-thread run of as many steps (parameters, optimizer state, curves); divergence and stop
conditions; an edit during a run; a killed worker falls back to the window's thread; closing
the window leaves no process; key presses are answered within 50 ms on 784-128-10."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.files.netfile import load
from engine.model.experiment import Dataset
from engine.training.trainer import Trainer
from tests.gui.lifetimes import opened, runner_for
from tests.gui.test_live_frames import window_on  # noqa: F401, F811  (a fixture)

ROOT = Path(__file__).resolve().parents[2]


def adam_document(owned):
    document = opened(owned, "xor")
    document.set_data("Five samples", Dataset(
        [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5]],
        [[0.0], [1.0], [1.0], [0.0], [0.5]]))
    document.set_training("Adam, batches of two, shuffled", batch_size=2, shuffle=True,
                          optimizer="adam", learning_rate=0.01)
    return document


def measured(runner):
    """The epoch ends' whole-training-set E, as the timeline has it measured."""
    runner.history.measure_epoch = runner.trainer.training_loss
    return runner


def alone_as(document) -> Trainer:
    trainer = Trainer(document.experiment.copy())
    trainer.history.measure_epoch = trainer.training_loss
    return trainer


def assert_same(runner, alone: Trainer, document) -> None:
    assert (runner.step_count, runner.epoch) == (alone.step_count, alone.epoch)
    for now, theirs in zip(document.network.parameters(), alone.network.parameters(),
                           strict=True):
        np.testing.assert_array_equal(now, theirs)
    ours, its = runner.trainer.optimizer.saved_state(), alone.optimizer.saved_state()
    assert ours.keys() == its.keys() and ours
    for name in ours:
        np.testing.assert_array_equal(ours[name], its[name])
    history = runner.history
    for series in ("exact", "epoch_means", "training_series"):
        for mine, theirs in zip(getattr(history, series)(), getattr(alone.history, series)(),
                                strict=True):
            np.testing.assert_array_equal(mine, theirs)


def wait_for_worker(qtbot, runner, steps=300):
    qtbot.waitUntil(lambda: runner.step_count > steps, timeout=30_000)
    assert runner._process.running and not runner._timer.isActive()  # in the worker


def running_in_worker(qtbot, owned, steps=100):
    """(document, runner, its in-thread twin) once a measured Adam run is going on in the
    worker past ``steps``."""
    document = adam_document(owned)
    runner = measured(runner_for(owned, document))
    alone = alone_as(document)
    runner.start()
    wait_for_worker(qtbot, runner, steps)
    return document, runner, alone


def test_a_paused_process_run_is_bit_for_bit_an_in_thread_run(qtbot, owned):
    document = adam_document(owned)
    runner = measured(runner_for(owned, document))
    alone = alone_as(document)
    frames = []
    runner.progressed.connect(lambda: frames.append(runner.step_count))
    runner.start()
    wait_for_worker(qtbot, runner)
    runner.pause()
    assert not runner.is_running and not runner._process.running
    assert len(set(frames)) > 2  # several snapshots taken in before the pause
    alone.run(runner.step_count)
    assert_same(runner, alone, document)
    assert document.undo_stack.text(document.undo_stack.count() - 1) == \
        f"Train {runner.step_count:,} steps"
    runner.start()  # and a second run carries on the same run
    qtbot.waitUntil(lambda: runner.step_count > alone.step_count + 100, timeout=30_000)
    runner.pause()
    alone.run(runner.step_count - alone.step_count)
    assert_same(runner, alone, document)


def test_divergence_in_the_worker_halts_with_the_last_finite_parameters(qtbot, owned):
    document = opened(owned, "sine")
    document.set_training("Huge learning rate", learning_rate=1e6)
    runner = runner_for(owned, document)
    reference = Trainer(document.experiment.copy())
    expected = reference.run(10_000)
    with qtbot.waitSignal(runner.diverged, timeout=30_000) as blocker:
        runner.start()
        assert runner._process.running
    assert f"at step {expected.divergence.step}" in blocker.args[0]
    assert not runner.is_running and runner.step_count == expected.steps
    assert runner.trainer.last_divergence == expected.divergence
    for now, engine_value in zip(document.network.parameters(),
                                 reference.network.parameters(), strict=True):
        assert np.isfinite(now).all()
        np.testing.assert_array_equal(now, engine_value)
    assert document.undo_stack.count() == 2  # the learning rate, then the run


@pytest.mark.parametrize("stop", [{"max_epochs": 2000}, {"target_loss": 0.02}])
def test_a_stop_condition_in_the_worker_stops_where_the_engine_stops(qtbot, owned, stop):
    document = adam_document(owned)
    document.set_training("Stop", **stop)
    runner = measured(runner_for(owned, document))
    alone = alone_as(document)
    expected = alone.run(1_000_000)
    assert expected.stopped.early
    with qtbot.waitSignal(runner.stopped, timeout=30_000) as blocker:
        runner.start()
    assert f"(step {alone.step_count})" in blocker.args[0] or \
        f"at step {alone.step_count}" in blocker.args[0]
    assert not runner.is_running
    assert_same(runner, alone, document)


def test_an_edit_during_a_process_run_restarts_the_worker_on_the_new_settings(qtbot, owned):
    document, runner, alone = running_in_worker(qtbot, owned)
    document.set_training("Learning rate 0.05", learning_rate=0.05)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 4, timeout=10_000)
    first = document.undo_stack.command(3).text()  # the run up to the edit
    before_edit = int(first.split()[1].replace(",", ""))
    assert runner.is_running and runner._process.running
    qtbot.waitUntil(lambda: runner.step_count > before_edit + 100, timeout=30_000)
    runner.pause()
    assert document.undo_stack.count() == 5
    alone.run(before_edit)
    alone.settings.learning_rate = 0.05
    alone.run(runner.step_count - before_edit)
    assert_same(runner, alone, document)


def test_a_pace_chosen_during_a_run_moves_it_to_the_window_and_back(qtbot, owned):
    document, runner, alone = running_in_worker(qtbot, owned)
    runner.set_pace(100.0)  # each step shown: in the window's thread
    assert runner._timer.isActive() and not runner._process.running
    steps = runner.step_count
    qtbot.waitUntil(lambda: runner.step_count >= steps + 3, timeout=10_000)
    runner.set_pace(None)
    wait_for_worker(qtbot, runner, runner.step_count + 100)
    runner.pause()
    assert document.undo_stack.count() == 3  # the data, the settings, one run
    alone.run(runner.step_count)
    assert_same(runner, alone, document)


def test_a_killed_worker_leaves_the_run_going_on_in_the_window(qtbot, owned):
    document = adam_document(owned)
    runner = measured(runner_for(owned, document))
    alone = alone_as(document)
    notices = []
    runner.notice.connect(notices.append)
    runner.start()
    wait_for_worker(qtbot, runner, 100)
    os.kill(runner._process.worker.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(notices), timeout=10_000)
    assert "Training goes on in the window" in notices[0] and "has ended" in notices[0]
    assert runner.is_running and runner._timer.isActive() and not runner._process.running
    steps = runner.step_count
    qtbot.waitUntil(lambda: runner.step_count > steps + 100, timeout=10_000)
    runner.pause()
    alone.run(runner.step_count)
    assert_same(runner, alone, document)
    runner.start()  # no worker is used again
    assert runner._timer.isActive() and runner._process.worker is None
    runner.pause()


def test_closing_the_window_during_a_run_leaves_no_process(qtbot, window_on):  # noqa: F811
    window = window_on(load("preset:xor"))
    runner = window.training_docks.runner
    runner.start()
    wait_for_worker(qtbot, runner, 100)
    process = runner._process.worker.process
    assert process.is_alive()
    window.close()
    assert not process.is_alive() and runner._process.worker is None


def test_a_key_press_is_answered_within_50_ms_while_784_128_10_trains():
    """In a fresh process with the window's BLAS threads (main.py), as the learner runs it:
    benchmarks/training_live.py's (c), a key press posted every 0.1 s for 4 s of a run."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "training_live.py"),
                          "--keys-only", "--seconds", "4"], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["in the worker"] and result["steps"] > 0 and result["told fps"] > 5
    assert result["key ms"][0] < 50


CLOSE_AFTER_A_RUN = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from engine.files import netfile
from gui import files
from gui.app import create_application
from gui.document import Document
from gui.main_window import MainWindow

if __name__ == "__main__":
    app = create_application()
    folder = {folder!r}
    window = MainWindow(Document(netfile.load("preset:xor")),
                        QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat),
                        files.RecoveryFile(os.path.join(folder, "recovery")))
    window.show()
    runner = window.training_docks.runner
    runner.start()
    QTest.qWait(1500)
    runner.pause()
    print("steps", runner.step_count, "in the worker", runner._process.worker is not None)
    files.ask_save_changes = lambda parent, name: files.DISCARD
    window.close()
"""


def test_a_run_in_the_worker_leaves_no_shared_block_behind(tmp_path):
    """Closing the window after a run ends the worker and unlinks the shared block: at exit
    Python's resource tracker finds nothing "leaked" and nothing to clean up."""
    script = tmp_path / "close_after_a_run.py"
    script.write_text(CLOSE_AFTER_A_RUN.format(folder=str(tmp_path)))
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr[-2000:]
    steps = done.stdout.split()
    assert steps[0] == "steps" and int(steps[1]) > 0 and steps[-1] == "True"
    assert "leaked" not in done.stderr and "resource_tracker" not in done.stderr


def test_a_worker_started_ahead_is_the_one_the_first_run_trains_in(qtbot, owned):
    """The window starts the training process once it is up (gui/app.py): the first Run then
    finds it imported and its first frame comes within a fraction of the most-of-a-second the
    imports take."""
    import time

    document = adam_document(owned)
    runner = runner_for(owned, document)
    runner.prepare_worker()
    ahead = runner._process.worker
    assert ahead is not None and not ahead.ended
    runner.prepare_worker()  # a second call starts no second process
    assert runner._process.worker is ahead
    time.sleep(3.0)  # the imports end meanwhile (the window idles)
    frames = []
    runner.progressed.connect(lambda: frames.append(time.perf_counter()))
    asked = time.perf_counter()
    runner.start()
    qtbot.waitUntil(lambda: len(frames) > 0, timeout=30_000)
    assert runner._process.worker is ahead and runner._process.running
    assert frames[0] - asked < 0.5  # (about 0.85 s when the first Run starts the process)
    runner.pause()
