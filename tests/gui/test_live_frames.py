"""Live training in the window: every view each frame, frames in ticks of their own, and a
weight edit that does not trace a training step."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine.files import netfile
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from gui import files
from gui.document import Document
from gui.frame_clock import FRAME_INTERVAL
from gui.main_window import MainWindow
from tests.gui.lifetimes import opened, runner_for


@pytest.fixture
def window_on(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)

    def make(experiment):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Document(experiment), settings,
                            files.RecoveryFile(str(tmp_path / "recovery")))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make


def test_frames_come_up_to_sixty_a_second():
    assert FRAME_INTERVAL == pytest.approx(1 / 60)


def test_a_tick_either_trains_or_tells_the_views_never_both(qtbot, owned):
    document = opened(owned, "xor")
    runner = runner_for(owned, document)
    ticks = []  # per tick: (steps taken, frames told)
    told = []
    runner.progressed.connect(lambda: told.append(runner.step_count))
    on_tick = runner._on_tick

    def watched_tick():
        steps, frames = runner.step_count, len(told)
        on_tick()
        ticks.append((runner.step_count - steps, len(told) - frames))

    runner._timer.timeout.disconnect()
    runner._timer.timeout.connect(watched_tick)
    runner.in_thread = True  # the ticks of a run in the window's thread
    runner.start()
    qtbot.waitUntil(lambda: len(told) >= 4, timeout=10_000)
    runner.pause()
    telling = [steps for steps, frames in ticks if frames]
    assert len(telling) >= 4
    assert telling == [0] * len(telling)  # a frame's tick took no step
    assert all(frames in (0, 1) for _, frames in ticks)
    assert sum(steps for steps, _ in ticks) == runner.step_count  # every step in a tick


def test_every_view_is_drawn_on_every_frame_of_a_run(qtbot, window_on, monkeypatch):
    window = window_on(netfile.load("preset:xor"))
    docks = window.training_docks
    for dock in (docks.loss_dock, docks.gradient_dock, docks.map_dock):
        dock.setFloating(True)
        dock.show()
    runner = docks.runner
    qtbot.waitUntil(lambda: all(view.on_screen for view in
                                (docks.loss_plot, docks.gradient_plot, docks.decision_map)))
    drawn = {"loss": 0, "gradients": 0, "map": 0}
    for name, view, method in (("loss", docks.loss_plot, "refresh"),
                               ("gradients", docks.gradient_plot, "refresh"),
                               ("map", docks.decision_map, "redraw")):
        draw = getattr(view, method)

        def counted(name=name, draw=draw):
            drawn[name] += 1
            draw()

        monkeypatch.setattr(view, method, counted)
    told = []
    runner.progressed.connect(lambda: told.append(dict(drawn)))
    runner.start()
    qtbot.waitUntil(lambda: len(told) >= 6, timeout=20_000)
    runner.pause()
    frames = told[:6]
    for earlier, later in zip(frames, frames[1:], strict=False):
        assert {name: later[name] - earlier[name] for name in drawn} == \
            {"loss": 1, "gradients": 1, "map": 1}
    window.document.undo_stack.setClean()


def test_a_weight_edit_on_a_784_input_network_traces_no_training_step(qtbot, window_on,
                                                                       monkeypatch):
    rng = np.random.default_rng(0)
    layers = [Layer(rng.normal(0, 0.05, (128, 784)), np.zeros(128), "relu"),
              Layer(rng.normal(0, 0.1, (10, 128)), np.zeros(10), "softmax")]
    network = Network(784, layers, loss="cross_entropy", reduction="mean")
    data = Dataset(rng.uniform(0, 1, (100, 784)), np.eye(10)[rng.integers(0, 10, 100)])
    window = window_on(Experiment(network, TrainingSettings(batch_size=64), data))
    window.explain_dock.show()
    window.explain_dock.raise_()
    qtbot.waitUntil(lambda: window.explain_panel.isVisible())
    traced = []
    source = window.stepping.source
    trace_at = source.trace_at
    monkeypatch.setattr(source, "trace_at", lambda *a: traced.append(a) or trace_at(*a))
    window.document.set_parameter(0, 3, 5, 0.25)
    qtbot.wait(50)
    assert traced == []  # nothing explained: no trace of a step
    assert window.document.network.layers[0].weights[3, 5] == 0.25
    window.document.undo_stack.setClean()
