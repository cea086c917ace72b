"""The loss landscape dock's random-direction slice: the engine's E on the plane, the path
projected onto it."""

import numpy as np
import pytest

from engine.analysis.critical_points import PointKind
from engine.analysis.random_slice import parameter_vector, project, slice_losses
from engine.model.parameter_names import parse_parameter
from gui.items import WeightRef
from gui.plots.landscape_plot import CHOSEN, RANDOM
from tests.gui.test_landscape_plot import shown
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401  (fixtures)

SINGLE_E = 1e-5  # the window's slice is computed in float32 (engine/analysis/random_slice.py)


def test_the_random_slice_is_the_engines_e_on_the_plane(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "xor")
    plot.mode_box.setCurrentIndex(RANDOM)
    plot.worker.wait()
    assert not plot.first_box.isVisibleTo(plot) and not plot.second_box.isVisibleTo(plot)
    grid = plot.result.slice
    image = plot.image.image
    assert plot.image.isVisible() and not plot.curve.isVisible()
    assert image.shape == (41, 41)
    network, data = document.network, document.data
    assert image[20, 20] == pytest.approx(network.loss_value(data.inputs, data.targets),
                                          rel=SINGLE_E)
    exact = slice_losses(network, data.inputs, data.targets, grid.directions,
                         [[grid.alphas[3], grid.betas[30]]])
    assert image[30, 3] == pytest.approx(exact[0], rel=SINGLE_E)
    assert plot.point.getData()[0][0] == 0.0 and plot.point.getData()[1][0] == 0.0
    assert "random directions through all 9 parameters" in plot.verdict.text()
    assert plot.plot_item.getAxis("bottom").labelText.startswith("α")


def test_training_steps_are_projected_onto_the_plane(qtbot, owned):
    document, runner, plot = shown(qtbot, owned, "xor")
    plot.mode_box.setCurrentIndex(RANDOM)
    plot.worker.wait()
    origin, directions = plot.origin.copy(), plot.directions
    visited = [parameter_vector(document.network).copy()]
    for _ in range(3):
        runner.train_step()
        plot.worker.wait()
        visited.append(parameter_vector(document.network).copy())
    assert plot.directions is directions  # kept while training runs
    xs, ys = plot.trail_item.getData()
    np.testing.assert_allclose(np.column_stack([xs, ys]),
                               project(directions, origin, np.array(visited)), atol=1e-12)
    assert plot.result.position == pytest.approx(tuple(project(directions, origin,
                                                               visited[-1])[0]))
    assert len(set(xs)) == 4  # the steps moved the projection


def test_clicking_a_weight_goes_back_to_chosen_parameters(qtbot, owned):
    document, _, plot = shown(qtbot, owned, "xor")
    plot.mode_box.setCurrentIndex(RANDOM)
    plot.worker.wait()
    document.select(WeightRef(0, 1, 0))
    plot.worker.wait()
    assert plot.mode_box.currentIndex() == CHOSEN
    assert plot.parameters[0] == parse_parameter("w1[2,1]", document.network)
    assert plot.result.landscape is not None and plot.curve.isVisible()


def local_minimum_shown(qtbot, window):
    """The local-minimum preset's w1[1,1] and b1[1] chosen in the landscape dock, its verdict
    drawn: the plot and the shape it names."""
    window.training_docks.landscape_dock.raise_()
    plot = window.training_docks.landscape_plot
    network = window.document.network
    plot.choose(parse_parameter("w1[1,1]", network), parse_parameter("b1[1]", network))
    qtbot.waitUntil(lambda: plot.result is not None and plot.result.shape is not None
                    and len(plot.result.shape.values) == 2)
    plot.worker.wait()
    return plot, plot.result.shape


def test_the_local_minimum_preset_is_named_in_the_dock_and_the_status_bar(
        qtbot, make_window):  # noqa: F811
    window = make_window("preset:local-minimum")
    docks = window.training_docks
    plot, shape = local_minimum_shown(qtbot, window)
    network = window.document.network
    assert shape.kind is PointKind.LOCAL_MINIMUM
    assert "a local minimum along w1[1,1] and b1[1]" in plot.verdict.text()
    message = window.statusBar().currentMessage()
    assert message.startswith("gradient ≈ 0 here")
    assert "but E is not at its minimum: a local minimum along w1[1,1] and b1[1]" in message
    assert f"E = {shape.lower[1]:.4g} is lower at w1[1,1] =" in message
    for _ in range(5):  # training stays: nothing is downhill
        docks.runner.train_step()
        plot.worker.wait()
    assert plot.result.shape.kind is PointKind.LOCAL_MINIMUM
    assert abs(network.layers[0].weights[0, 0] - shape.values[0]) < 1e-12
