"""The loss landscape dock: the engine's E along chosen parameters, its tangent, the trail."""

import numpy as np
import pytest

from engine.analysis.critical_points import PointKind
from engine.model.parameter_names import parse_parameter
from gui.items import BiasRef, WeightRef
from gui.plots.landscape_plot import NO_SECOND, LandscapePlot
from tests.gui.lifetimes import opened, runner_for
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401  (fixtures)


def shown(qtbot, owned, preset):
    document = opened(owned, preset)
    runner = runner_for(owned, document)
    plot = LandscapePlot(document, runner)
    qtbot.addWidget(plot)
    plot.resize(500, 350)
    plot.show()
    plot.worker.wait()
    return document, runner, plot


def test_the_curve_and_the_point_are_the_engines_e_on_the_seed(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "seed")
    assert plot.first_box.currentText() == "w2[1,1]"  # the output layer's first weight
    assert plot.second_box.currentText() == NO_SECOND
    x, y = plot.curve.getData()
    assert len(x) == 41 and x[20] == 1.0
    assert y[20] == 0.5  # E at the current w: ½(4 − 3)²
    network, data = document.network, document.data
    for index in (0, 7, 33, 40):  # E(w) = ½(3w + 1 − 3)² by the engine, w moved in a copy
        changed = network.copy()
        changed.layers[1].weights[0, 0] = x[index]
        assert y[index] == pytest.approx(changed.loss_value(data.inputs, data.targets), abs=1e-12)
    px, py = plot.point.getData()
    assert (px[0], py[0]) == (1.0, 0.5)
    assert plot.plot_item.getAxis("bottom").labelText == "w2[1,1]"


def test_the_tangents_slope_is_the_backward_pass_gradient(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "seed")
    network, data = document.network, document.data
    grads = network.backward(network.forward(data.inputs), data.targets, False)
    tx, ty = plot.tangent.getData()
    slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
    assert slope == pytest.approx(grads.grad_weights[1][0, 0], rel=1e-12)  # 3 on the seed
    assert slope == pytest.approx(3.0, rel=1e-12)
    assert "falls downhill along w2[1,1]" in plot.verdict.text()


def test_training_steps_add_points_to_the_trail(qtbot, owned):
    document, runner, plot = shown(qtbot, owned, "seed")
    assert len(plot.trail) == 1
    network, data = document.network, document.data
    moved_to = [(1.0, 0.5)]
    for _ in range(3):
        runner.train_step()
        plot.worker.wait()
        moved_to.append((network.layers[1].weights[0, 0],
                         network.loss_value(data.inputs, data.targets)))
    assert len(plot.trail) == 4
    xs, ys = plot.trail_item.getData()
    assert xs[1] == pytest.approx(0.7)  # the notes' first step moves w to 0.7
    np.testing.assert_allclose(np.column_stack([xs, ys]), moved_to, rtol=1e-12)


def test_a_run_adds_trail_points_frame_by_frame(qtbot, owned):
    _, runner, plot = shown(qtbot, owned, "plateau")  # a long crawl: the run goes on
    runner.start()
    qtbot.waitUntil(lambda: len(plot.trail) >= 4, timeout=5000)
    runner.pause()


def test_choosing_two_parameters_shows_the_map(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "seed")
    plot.second_box.setCurrentText("b2[1]")
    plot.worker.wait()
    assert plot.image.isVisible() and not plot.curve.isVisible()
    image = plot.image.image
    assert image.shape == (41, 41)
    assert image[20, 20] == 0.5
    assert plot.plot_item.getAxis("left").labelText == "b2[1]"
    network, data = document.network, document.data
    changed = network.copy()
    changed.layers[1].weights[0, 0] = plot.result.landscape.axes[0][3]
    changed.layers[1].biases[0] = plot.result.landscape.axes[1][30]
    assert image[30, 3] == pytest.approx(changed.loss_value(data.inputs, data.targets), abs=1e-12)


def test_clicking_picks_the_first_parameter_and_shift_click_the_second(qtbot, owned, monkeypatch):
    document, _, plot = shown(qtbot, owned, "xor")
    document.select(WeightRef(0, 1, 0))
    assert [plot.first_box.currentText(), plot.second_box.currentText()] == ["w1[2,1]", NO_SECOND]
    monkeypatch.setattr("gui.plots.landscape_plot.shift_held", lambda: True)
    document.select(BiasRef(1, 0))
    assert [plot.first_box.currentText(), plot.second_box.currentText()] == ["w1[2,1]", "b2[1]"]
    assert plot.parameters == (parse_parameter("w1[2,1]", document.network),
                               parse_parameter("b2[1]", document.network))


def test_the_saddle_preset_is_named_in_the_dock_and_announced(qtbot, owned):
    _, _, plot = shown(qtbot, owned, "saddle")
    announced = []
    plot.verdict_changed.connect(announced.append)
    plot.choose(*(parse_parameter(n, plot._document.network) for n in ("w2[1,1]", "w1[1,1]")))
    plot.worker.wait()
    assert plot.result.shape.kind is PointKind.SADDLE
    assert "but E is not at its minimum: a saddle along w2[1,1] and w1[1,1]" in plot.verdict.text()
    assert len(announced) == 1 and announced[0].startswith("gradient ≈ 0 here")


def test_a_new_request_cancels_the_old_one(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "xor")
    before = plot.worker.computed
    for name in ("w1[1,1]", "w1[1,2]", "b1[1]"):
        plot.first_box.setCurrentText(name)
        plot.refresh()
    plot.worker.wait()
    assert plot.result.landscape.names == ("b1[1]",)
    assert plot.worker.computed - before <= 2  # the middle request never reached the view
    np.testing.assert_array_equal(plot.curve.getData()[1], plot.result.landscape.losses)


def test_the_status_bar_names_the_saddle_and_takes_it_back(qtbot, make_window):  # noqa: F811
    window = make_window("preset:saddle")
    docks = window.training_docks
    docks.landscape_dock.raise_()
    plot = docks.landscape_plot
    plot.choose(*(parse_parameter(n, window.document.network) for n in ("w2[1,1]", "w1[1,1]")))
    qtbot.waitUntil(lambda: plot.result is not None and len(plot.result.shape.values) == 2)
    plot.worker.wait()
    message = window.statusBar().currentMessage()
    assert message.startswith("gradient ≈ 0 here")
    assert "a saddle along w2[1,1] and w1[1,1]" in message
    for _ in range(45):  # down the valley: E falls, the verdict is a slope
        docks.runner.train_step()
        plot.worker.wait()
    assert plot.result.shape.kind is PointKind.SLOPE
    assert window.statusBar().currentMessage() == ""
