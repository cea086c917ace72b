"""The window's derived numbers: computed once per change, the same object for every view."""

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from engine.analysis import diagnostics
from gui.canvas import NetworkView
from gui.derived import (
    COST_FACTOR,
    SAMPLE_ROWS,
    SHARES_INTERVAL,
    DerivedNumbers,
    SampleShares,
)
from gui.frame_clock import FrameClock, Repaint
from gui.panels.training_panel import TrainingPanel
from gui.plots.gradient_plot import GradientPlot
from tests.gui.lifetimes import opened, runner_for


def test_the_sample_pass_is_computed_once_per_change_and_is_the_engines(owned):
    document = opened(owned, "xor")
    derived = DerivedNumbers.of(document)
    assert DerivedNumbers.of(document) is derived  # one per document
    first = derived.sample_pass(2)
    assert derived.sample_pass(2) is first  # no change: not computed again
    document.set_parameter(0, 0, 0, 3.0)
    changed = derived.sample_pass(2)
    assert changed is not first
    expected = document.network.forward(document.data.inputs[2:3])
    np.testing.assert_array_equal(changed.forward.output, expected.output)
    assert derived.loss(2) == document.network.loss_value(document.data.inputs[2:3],
                                                          document.data.targets[2:3])
    assert derived.sample_pass(99).row == len(document.data) - 1  # clamped to the rows


def test_canvas_and_training_panel_show_one_diagnosis(qtbot, owned):
    document = opened(owned, "vanishing-sigmoid")
    runner = runner_for(owned, document)
    view, panel = NetworkView(document), TrainingPanel(document, runner)
    for widget in (view, panel):
        qtbot.addWidget(widget)
    health = DerivedNumbers.of(document).health
    assert view.network_scene.health is health
    assert health.computations == 1  # the panel's table came from the shared diagnosis
    diagnosis = health.diagnosis()
    assert health.computations == 1  # … which the canvas reads without computing it again
    for row, layer in enumerate(diagnosis.layers):
        assert panel.health_table.item(row, 4).text() == str(layer.saturated_count)


def test_the_clock_lets_heavy_views_take_turns_and_draws_the_last_frame_in_full(qtbot):
    clock = FrameClock()
    told = []
    clock.running_changed.connect(told.append)
    assert not clock.skips(0) and not clock.skips(1)
    clock.set_running(True)
    clock.tick()
    assert clock.skips(0) != clock.skips(1) and not clock.skips(None)
    clock.last_frame_comes()
    clock.tick()
    assert not clock.skips(0) and not clock.skips(1)
    clock.set_running(False)
    assert told == [True, False]


def test_a_hidden_view_waits_and_catches_up_when_shown(qtbot):
    class View(QWidget):
        def __init__(self, clock):
            super().__init__()
            self.painted = 0
            self.frames = Repaint(clock, self, self.paint_numbers)

        def paint_numbers(self):
            self.painted += 1

        def showEvent(self, event):
            super().showEvent(event)
            self.frames.catch_up()

    view = View(FrameClock())
    qtbot.addWidget(view)
    view.frames.mark_dirty()
    assert view.painted == 0 and view.frames.dirty
    view.show()
    qtbot.waitExposed(view)
    view.frames.catch_up()
    assert view.painted == 1 and not view.frames.dirty
    view.frames.mark_dirty()
    assert view.painted == 2


def test_one_samples_share_is_the_engines_and_waits_its_cost_during_training(owned, monkeypatch):
    """The depth view's diamonds: the engine's shares on the first SAMPLE_ROWS rows, current
    after an edit; a training frame's change waits COST_FACTOR times the last measurement."""
    document = opened(owned, "vanishing-sigmoid")
    now = [50.0]
    shares = SampleShares(document, clock=lambda: now[0])
    measure = diagnostics.sample_gradient_norms

    def costly(*args):  # each measurement takes 10 ms on the fake clock
        now[0] += 0.010
        return measure(*args)

    monkeypatch.setattr(diagnostics, "sample_gradient_norms", costly)
    rows = slice(0, SAMPLE_ROWS)

    def engines():
        return measure(document.network, document.data.inputs[rows], document.data.targets[rows])

    first = shares.norms()
    np.testing.assert_array_equal(first, engines())
    assert shares.norms() is first and shares.computations == 1  # no change: kept
    document.network.layers[0].weights *= 3.0  # as a training step does, in place
    shares.invalidate(throttled=True)
    now[0] += 0.5 * COST_FACTOR * 0.010
    assert shares.norms() is first and shares.pending  # too soon: the last shares
    assert shares.wait_left() == pytest.approx(0.5 * COST_FACTOR * 0.010)
    assert shares.norms(now=True) is not first  # a run's last frame: measured at once
    np.testing.assert_array_equal(shares.norms(), engines())
    document.network.layers[0].weights *= 2.0
    shares.invalidate(throttled=True)
    now[0] += COST_FACTOR * 0.010
    np.testing.assert_array_equal(shares.norms(), engines())  # waited enough: measured
    assert shares.computations == 3 and not shares.pending


def test_cheap_shares_are_measured_at_most_ten_times_a_second_during_training(owned):
    """A measurement that costs 1 ms (COST_FACTOR × 1 ms < SHARES_INTERVAL) waits
    SHARES_INTERVAL during a run, not every frame."""
    document = opened(owned, "xor")
    now = [10.0]
    shares = SampleShares(document, clock=lambda: now[0])
    shares.norms()
    assert SHARES_INTERVAL == pytest.approx(0.1)  # (a measurement here takes no clock time)
    shares.invalidate(throttled=True)
    now[0] += SHARES_INTERVAL / 2
    assert shares.pending and shares.wait_left() == pytest.approx(SHARES_INTERVAL / 2)
    shares.norms()
    assert shares.computations == 1
    now[0] += SHARES_INTERVAL / 2
    shares.norms()
    assert shares.computations == 2 and not shares.pending


def test_the_gradient_plot_reads_the_shared_shares(qtbot, owned):
    document = opened(owned, "vanishing-sigmoid")
    runner = runner_for(owned, document)
    plot = GradientPlot(document, runner)
    qtbot.addWidget(plot)
    runner.train_step()
    plot.refresh()
    shares = DerivedNumbers.of(document).sample_shares
    assert plot._sample_norms() is shares.norms()
    document.set_parameter(0, 0, 0, 2.5)  # an edit: measured again at once
    rows = slice(0, SAMPLE_ROWS)
    np.testing.assert_array_equal(plot._sample_norms(), diagnostics.sample_gradient_norms(
        document.network, document.data.inputs[rows], document.data.targets[rows]))
