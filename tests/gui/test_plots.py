"""Loss, gradient and activation plots: curves hold the engine's numbers, updated in place."""

import xml.dom.minidom

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from engine.model.activations import get_activation
from engine.training import datasets
from gui.plots.activation_plot import ActivationPlot
from gui.plots.export import styled_plot_widget
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from tests.gui.lifetimes import opened, runner_for


def trained(qtbot, owned: list, preset: str, steps: int):
    document = opened(owned, preset)
    runner = runner_for(owned, document)
    loss, gradients = LossPlot(document, runner), GradientPlot(document, runner)
    for widget in (loss, gradients):
        qtbot.addWidget(widget)
        widget.resize(500, 300)
        widget.show()
    for _ in range(steps):
        runner.train_step()
    return document, runner, loss, gradients


def test_the_gradient_plot_has_one_line_per_layer_with_the_engines_values(qtbot, owned):
    document, runner, _, plot = trained(qtbot, owned, "vanishing-relu", 20)
    steps, _, norms = runner.history.exact()
    assert len(plot.curves) == len(document.network.layers) == norms.shape[1]
    # the depth view's axis names the layers (its bars have the curves' colours: the legend)
    names = [text for _, text in plot.depth.ticks]
    assert plot.depth.plot_item.getAxis("bottom").labelText.startswith("layer")
    assert names[0] == "1" and names[-1] == "out" and len(names) == norms.shape[1]
    for index, curve in enumerate(plot.curves):
        x, y = curve.getOriginalDataset()
        np.testing.assert_array_equal(x, steps)
        np.testing.assert_array_equal(y, norms[:, index])


def test_the_plotted_gradients_are_the_trainers_own(qtbot, owned):
    document, runner, _, plot = trained(qtbot, owned, "xor", 1)
    network = opened(owned, "xor").network
    data = document.data
    expected = network.backward(network.forward(data.inputs), data.targets).weight_norms()
    plotted = [curve.getOriginalDataset()[1][0] for curve in plot.curves]
    np.testing.assert_allclose(plotted, expected, rtol=1e-12)


def first_to_last_ratio(plot) -> float:
    first = plot.curves[0].getOriginalDataset()[1]
    last = plot.curves[-1].getOriginalDataset()[1]
    return float(np.median(first / last))


def test_vanishing_sigmoid_gradients_are_far_smaller_in_the_first_layer_than_relus(qtbot, owned):
    *_, sigmoid_plot = trained(qtbot, owned, "vanishing-sigmoid", 10)
    *_, relu_plot = trained(qtbot, owned, "vanishing-relu", 10)
    sigmoid_ratio = first_to_last_ratio(sigmoid_plot)
    relu_ratio = first_to_last_ratio(relu_plot)
    assert sigmoid_ratio < 1e-3
    assert relu_ratio > 0.05
    assert relu_ratio / sigmoid_ratio > 1e3
    assert sigmoid_plot.log_check.isChecked()  # log scale by default, so both ends show


def test_the_loss_plot_draws_the_history_and_the_mean_of_each_epoch(qtbot, owned):
    document = opened(owned, "xor")
    document.set_training("Batches of two", batch_size=2)  # 4 samples: an epoch is 2 steps
    runner = runner_for(owned, document)
    plot = LossPlot(document, runner)
    qtbot.addWidget(plot)
    plot.resize(500, 300)
    plot.show()
    plot.per_sample_check.setChecked(False)  # E as recorded ("sum"), not per sample
    for _ in range(7):
        runner.train_step()
    steps, loss, _ = runner.history.exact()
    x, y = plot.batch_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_array_equal(y, loss)
    # three whole epochs (steps 1–2, 3–4, 5–6), each level across its own steps; step 7 has
    # begun the fourth
    x, y = plot.epoch_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, [0, 2, 4, 6])
    np.testing.assert_allclose(y, [(loss[0] + loss[1]) / 2, (loss[2] + loss[3]) / 2,
                                   (loss[4] + loss[5]) / 2], rtol=1e-15)
    assert not plot.test_curve.isVisible()


def test_the_log_scale_can_be_switched_off(qtbot, owned):
    *_, plot, _ = trained(qtbot, owned, "xor", 3)
    plot.log_check.setChecked(False)
    assert not plot.plot_item.ctrl.logYCheck.isChecked()
    plot.log_check.setChecked(True)
    assert plot.plot_item.ctrl.logYCheck.isChecked()


def test_a_test_split_adds_the_test_loss_curve(qtbot, owned):
    document = opened(owned, "xor")
    document.set_data("Circles", datasets.train_test_split(datasets.circles(40), 0.25))
    runner = runner_for(owned, document)
    plot = LossPlot(document, runner)
    plot.per_sample_check.setChecked(False)  # E as recorded ("sum"), not per sample
    qtbot.addWidget(plot)
    plot.show()
    runner.start()
    qtbot.waitUntil(lambda: runner.history.test_count >= 3, timeout=5_000)
    runner.pause()
    steps, losses = runner.history.test_series()
    np.testing.assert_array_equal(plot.test_curve.getOriginalDataset()[1], losses)
    assert plot.test_curve.isVisible()
    data = document.data
    assert losses[-1] == document.network.loss_value(data.test_inputs, data.test_targets)


def test_a_long_history_is_drawn_with_at_most_a_few_points_per_pixel(qtbot, owned):
    *_, loss_plot, gradient_plot = trained(qtbot, owned, "xor", 1)
    history = loss_plot._runner.history
    rng = np.random.default_rng(0)
    for value in rng.uniform(0.1, 1.0, 50_000):
        history.record(value, [value, value / 2])
    loss_plot.refresh()
    gradient_plot.refresh()
    width = loss_plot.plot_width()
    assert len(loss_plot.batch_curve.getOriginalDataset()[0]) <= 2 * width
    assert len(gradient_plot.curves[0].getOriginalDataset()[0]) <= 2 * width


@pytest.mark.parametrize("ending", [".png", ".svg", ".csv"])
def test_each_plot_exports_to_png_svg_and_csv(qtbot, tmp_path, ending, owned):
    _, _, loss_plot, gradient_plot = trained(qtbot, owned, "xor", 5)
    for plot in (loss_plot, gradient_plot):
        path = tmp_path / f"plot{ending}"
        plot.export(str(path))
        content = path.read_bytes()
        assert len(content) > 100
        if ending == ".png":
            assert content.startswith(b"\x89PNG")
        elif ending == ".svg":
            assert xml.dom.minidom.parseString(content).documentElement.tagName == "svg"
        else:
            header = content.decode().splitlines()[0]
            assert "_x" in header and "_y" in header


def test_axes_drawn_from_their_pixel_cache_on_screen_are_text_and_lines_in_an_svg(
        qtbot, tmp_path, owned):
    from PySide6.QtWidgets import QGraphicsItem
    _, _, loss_plot, _ = trained(qtbot, owned, "xor", 5)
    axis = loss_plot.plot_item.getAxis("left")
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache  # on screen
    path = tmp_path / "loss.svg"
    loss_plot.export(str(path))
    content = path.read_text()
    assert "<image" not in content  # no picture of an axis
    texts = [node.firstChild.data.strip() for node in
             xml.dom.minidom.parseString(content).getElementsByTagName("text")
             if node.firstChild is not None]
    assert "training step" in texts  # the bottom axis' label, as text
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache  # kept


def test_the_activation_plot_shows_f_and_its_slope_with_the_neurons_z(qtbot, owned):
    document = opened(owned, "xor")
    plot = ActivationPlot(document)
    qtbot.addWidget(plot)
    plot.show()
    sigmoid = get_activation("sigmoid")
    z_grid, slope = plot.slope_curve.getOriginalDataset()
    assert max(slope) == pytest.approx(0.25, abs=1e-4)
    assert "0.25" in plot.peak_label.textItem.toPlainText()
    z = document.network.forward(document.data.inputs).pre_activations[0]
    marked_z, marked_a = plot.function_marks.getData()
    np.testing.assert_array_equal(marked_z, z.ravel())
    np.testing.assert_array_equal(marked_a, sigmoid.function(z).ravel())


def test_the_activation_plot_follows_the_layer_and_the_weights(qtbot, owned):
    document = opened(owned, "vanishing-relu")
    plot = ActivationPlot(document)
    qtbot.addWidget(plot)
    plot.show()
    plot.layer_combo.setCurrentIndex(8)
    assert "sigmoid" in plot.layer_combo.currentText()
    document.set_parameter(8, 0, None, 3.0)
    z = document.network.forward(document.data.inputs).pre_activations[8]
    np.testing.assert_array_equal(plot.function_marks.getData()[0], z.ravel())


def test_a_plot_in_a_hidden_tab_does_no_work_and_catches_up_when_shown(qtbot, owned):
    document, runner, loss_plot, _ = trained(qtbot, owned, "xor", 2)
    loss_plot.hide()
    runner.train_step()
    assert len(loss_plot.batch_curve.getOriginalDataset()[0]) == 2
    loss_plot.show()
    assert len(loss_plot.batch_curve.getOriginalDataset()[0]) == 3


def test_a_plot_whose_dock_tab_is_not_selected_waits_until_it_is(qtbot, owned):
    document = opened(owned, "xor")
    runner = runner_for(owned, document)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("canvas"))
    docks = []
    for plot in (LossPlot(document, runner), GradientPlot(document, runner)):
        dock = QDockWidget(plot.title_label.text(), window)
        dock.setWidget(plot)
        dock.visibilityChanged.connect(plot.on_dock_visibility_changed)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        docks.append(dock)
    window.tabifyDockWidget(*docks)
    docks[0].raise_()
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    loss_plot, gradient_plot = docks[0].widget(), docks[1].widget()
    runner.train_step()
    assert len(loss_plot.batch_curve.getOriginalDataset()[0]) == 1
    assert gradient_plot.curves[0].getOriginalDataset()[0] is None  # not on screen: not drawn
    docks[1].raise_()
    qtbot.waitUntil(lambda: gradient_plot.curves[0].getOriginalDataset()[0] is not None,
                    timeout=2_000)
    np.testing.assert_array_equal(gradient_plot.curves[0].getOriginalDataset()[1],
                                  runner.history.exact()[2][:, 0])


def test_during_a_run_plots_take_turns_and_the_last_frame_draws_every_one(qtbot, owned):
    document, runner, loss, gradients = trained(qtbot, owned, "xor", 3)
    loss.take_turns(0)
    gradients.take_turns(1)
    assert not runner.clock.skips(0) and not runner.clock.skips(1)  # no run: nobody waits
    drawn = []
    loss.refresh = lambda: drawn.append("loss")
    gradients.refresh = lambda: drawn.append("gradients")
    runner.start()
    qtbot.waitUntil(lambda: len(drawn) >= 4)
    during = list(drawn)
    runner.pause()
    # while running, the frames alternate between the two plots …
    assert during[:4] in (["loss", "gradients"] * 2, ["gradients", "loss"] * 2)
    # … and the frame a pause tells draws both, so the plots end on the final state; so does
    # a single step
    assert sorted(drawn[len(during):]) == ["gradients", "loss"]
    del drawn[:]
    runner.train_step()
    assert sorted(drawn) == ["gradients", "loss"]


def test_the_loss_plot_is_per_sample_by_default_and_weighs_a_short_batch(qtbot, owned):
    document = opened(owned, "xor")  # reduction "sum", 4 samples
    document.set_training("Batches of three", batch_size=3)  # an epoch: 3 samples, then 1
    runner = runner_for(owned, document)
    plot = LossPlot(document, runner)
    qtbot.addWidget(plot)
    plot.show()
    assert plot.per_sample_check.isChecked()
    assert plot.plot_item.getAxis("left").labelText == "loss per sample Ē (mean)"
    for _ in range(4):
        runner.train_step()
    plot.refresh()
    _, loss, _ = runner.history.exact()
    np.testing.assert_allclose(plot.batch_curve.getOriginalDataset()[1],
                               loss / [3, 1, 3, 1], rtol=1e-15)
    x, y = plot.epoch_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, [0, 2, 4])
    np.testing.assert_allclose(y, [(loss[0] + loss[1]) / 4, (loss[2] + loss[3]) / 4],
                               rtol=1e-15)


def log_axis_labels(qtbot, axis_class, height: int) -> list:
    """The left axis's labels (rect, text) of a plot on a log scale from 0.1 to 1."""
    widget = styled_plot_widget()
    if axis_class is not None:  # pyqtgraph's own axis, for the comparison
        widget.getPlotItem().setAxisItems({"left": axis_class("left")})
    qtbot.addWidget(widget)
    widget.resize(420, height)
    widget.show()
    item = widget.getPlotItem()
    item.setLogMode(y=True)
    item.plot(np.arange(200.0), 0.15 + 0.75 * np.exp(-np.arange(200.0) / 50))
    item.vb.setYRange(-1, 0, padding=0.02)
    qtbot.wait(20)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = item.getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


@pytest.mark.parametrize("height", [220, 520])
def test_a_log_axis_over_one_decade_writes_no_label_into_another(qtbot, height):
    labels = log_axis_labels(qtbot, None, height)
    assert {"1", "0.5", "0.2", "0.1"} <= {text for _, text in labels}
    for i, (rect, text) in enumerate(labels):
        for other, other_text in labels[i + 1:]:
            assert not rect.intersects(other), (text, other_text)
    if height == 220:  # (the check: pyqtgraph's own axis writes them into each other there)
        plain = log_axis_labels(qtbot, pg.AxisItem, height)
        assert any(a.intersects(b) for i, (a, _) in enumerate(plain) for b, _ in plain[i + 1:])


@pytest.mark.parametrize("stuck", [True, False])
def test_the_loss_legend_leaves_the_corner_its_curves_run_through(qtbot, owned, stuck):
    """A loss stuck high (0.69, the vanishing-gradient presets) ran behind the legend's text:
    the legend goes to the bottom right; a falling loss keeps it in the top right."""
    document = opened(owned, "xor")
    runner = runner_for(owned, document)
    plot = LossPlot(document, runner)
    qtbot.addWidget(plot)
    plot.resize(600, 300)
    plot.show()
    plot.per_sample_check.setChecked(False)  # E as recorded (xor's E is a sum over 4)
    steps = np.arange(1, 3901)  # the axis ends at 5,000: the curve reaches under the legend
    losses = np.full(len(steps), 0.69) if stuck else 0.7 * np.exp(-steps / 300) + 1e-4
    for loss in losses:
        runner.history.record(loss, [1.0, 1.0])
    qtbot.wait(20)  # laid out
    plot.refresh()
    qtbot.wait(20)
    view = plot.plot_item.vb.sceneBoundingRect()
    legend = plot.legend.sceneBoundingRect()
    in_bottom_half = legend.center().y() > view.center().y()
    assert in_bottom_half == stuck
    assert legend.right() > view.center().x()  # on the right either way
