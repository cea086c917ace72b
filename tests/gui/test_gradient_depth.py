"""The gradient by depth beside the curves over time: bars of the last step's ‖∂E/∂W‖ per layer,
depth-ordered colours shared with the curves, the fixed axis, and the sigmoid slope note."""

import numpy as np

from engine.analysis.diagnostics import layer_ratios, sample_gradient_norms
from gui.plots.depth_plot import layer_colors
from gui.plots.gradient_plot import FIXED_DECADES, GradientPlot
from gui.richtext import numbers_text
from tests.gui.lifetimes import opened, runner_for


def gradient_plot(qtbot, owned: list, preset: str, steps: int, size=(700, 300)):
    document = opened(owned, preset)
    runner = runner_for(owned, document)
    plot = GradientPlot(document, runner)
    qtbot.addWidget(plot)
    plot.resize(*size)
    plot.show()
    for _ in range(steps):
        runner.train_step()
    return runner, plot


def bar_values(plot) -> np.ndarray:
    """The norms the bars reach, back from the plot's coordinates (log10 on the log axis)."""
    tops = np.asarray(plot.depth.bars.opts["y1"], dtype=np.float64)
    return 10.0 ** tops if plot.log_check.isChecked() else tops


def rgb(color) -> np.ndarray:
    return np.array([color.redF(), color.greenF(), color.blueF()])


def luminance(color) -> float:
    """Relative luminance of an sRGB colour (WCAG): how bright it reads."""
    channels = rgb(color)
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def test_the_bars_are_the_historys_last_norms_of_every_layer(qtbot, owned):
    runner, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 12)
    last = runner.history.exact(1)[2][-1]
    assert len(plot.depth.bars.opts["x"]) == runner.history.n_layers == 9
    np.testing.assert_array_equal(plot.depth.bars.opts["x"], np.arange(1, 10))
    np.testing.assert_allclose(bar_values(plot), last, rtol=1e-12)
    runner.train_step()
    np.testing.assert_allclose(bar_values(plot), runner.history.exact(1)[2][-1], rtol=1e-12)
    plot.log_check.setChecked(False)  # linear: the bars start at 0 and reach the norms
    assert plot.depth.bars.opts["y0"] == 0.0
    np.testing.assert_array_equal(bar_values(plot), runner.history.exact(1)[2][-1])


def test_the_dashes_mark_every_layers_norm_at_the_first_step(qtbot, owned):
    runner, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 40)
    first = runner.history.exact()[2][0]
    x, y = plot.depth.first_step_marks.getData()
    np.testing.assert_allclose(x[::2] + plot.depth.bars.opts["width"] / 2, np.arange(1, 10))
    np.testing.assert_allclose(10.0 ** y[::2], first, rtol=1e-12)
    # the fan of the notes: at the start each layer's gradient is smaller than the next one's
    assert np.all(np.diff(y[::2]) > 0)
    runner.clear_history()  # a new record: no dashes until its own first step
    cleared = plot.depth.first_step_marks.getData()[0]
    assert cleared is None or len(cleared) == 0
    assert len(plot.depth.bars.opts["x"]) == 0
    runner.train_step()
    np.testing.assert_allclose(10.0 ** plot.depth.first_step_marks.getData()[1][::2],
                               runner.history.exact()[2][0], rtol=1e-12)


def test_a_run_updates_the_bars_through_the_frame_clock(qtbot, owned):
    runner, plot = gradient_plot(qtbot, owned, "vanishing-relu", 0)
    runner.start()
    qtbot.waitUntil(lambda: runner.history.count > 50 and len(plot.depth.bars.opts["x"]) == 9,
                    timeout=5_000)
    runner.pause()
    np.testing.assert_allclose(bar_values(plot), runner.history.exact(1)[2][-1], rtol=1e-12)


def test_layer_colours_run_dark_to_light_with_depth_and_are_distinct(qtbot, owned):
    colors = layer_colors(9)
    brightness = [luminance(color) for color in colors]
    assert all(a < b for a, b in zip(brightness, brightness[1:], strict=False))
    distances = [np.linalg.norm(rgb(a) - rgb(b)) * 255 for i, a in enumerate(colors)
                 for b in colors[i + 1:]]
    assert min(distances) > 20
    assert luminance(colors[-1]) < 0.6  # the lightest still reads on the white plot


def test_the_bars_and_the_curves_share_each_layers_colour(qtbot, owned):
    _, plot = gradient_plot(qtbot, owned, "vanishing-relu", 3)
    expected = [color.name() for color in layer_colors(9)]
    assert [curve.opts["pen"].color().name() for curve in plot.curves] == expected
    assert [brush.color().name() for brush in plot.depth.bars.opts["brushes"]] == expected
    assert not hasattr(plot, "legend")  # no legend over the curves: the depth axis names them


def y_range(plot) -> list:
    return plot.plot_item.vb.viewRange()[1]


def test_the_fixed_axis_shows_the_same_decades_for_sigmoid_and_relu(qtbot, owned):
    sigmoid_runner, sigmoid = gradient_plot(qtbot, owned, "vanishing-sigmoid", 20)
    relu_runner, relu = gradient_plot(qtbot, owned, "vanishing-relu", 20)
    assert not np.allclose(y_range(sigmoid), y_range(relu))  # following each run's values
    for plot in (sigmoid, relu):
        plot.log_check.setChecked(False)
        plot.fixed_check.setChecked(True)
        assert plot.log_check.isChecked() and not plot.log_check.isEnabled()
        np.testing.assert_allclose(y_range(plot), FIXED_DECADES)
        np.testing.assert_allclose(plot.depth.plot_item.vb.viewRange()[1], FIXED_DECADES)
    for _ in range(30):
        sigmoid_runner.train_step()
        relu_runner.train_step()
    np.testing.assert_allclose(y_range(sigmoid), FIXED_DECADES)
    np.testing.assert_allclose(y_range(relu), FIXED_DECADES)
    relu.fixed_check.setChecked(False)  # following again: the range fits the run
    assert relu.log_check.isEnabled()
    assert not np.allclose(y_range(relu), FIXED_DECADES)


def test_the_depth_view_has_the_curves_y_range(qtbot, owned):
    _, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 30)
    np.testing.assert_allclose(plot.depth.plot_item.vb.viewRange()[1], y_range(plot))


def test_sigmoid_networks_get_the_slope_note_with_the_engines_ratios(qtbot, owned):
    runner, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 5)
    text = plot.slope_note.text()
    assert plot.slope_note.isVisibleTo(plot)
    assert "σ′ = 0.25" in text and "about 0.3" in text
    _, _, norms = runner.history.exact()
    assert numbers_text(layer_ratios(norms[0]), 2) in text
    assert text.endswith(numbers_text(layer_ratios(norms[-1]), 2))
    _, relu = gradient_plot(qtbot, owned, "vanishing-relu", 5)
    assert not relu.slope_note.isVisibleTo(relu)


def test_the_depth_view_stands_beside_a_wide_plot_and_under_a_tall_one(qtbot, owned):
    _, plot = gradient_plot(qtbot, owned, "xor", 2, size=(700, 260))
    qtbot.waitUntil(lambda: plot.depth.x() > plot.plot_widget.x())
    assert abs(plot.depth.y() - plot.plot_widget.y()) < 2
    plot.resize(360, 600)
    qtbot.waitUntil(lambda: plot.depth.y() > plot.plot_widget.y())
    assert abs(plot.depth.x() - plot.plot_widget.x()) < 2


def test_past_the_plateau_the_bars_merge_but_one_samples_share_keeps_the_fan(qtbot, owned):
    runner, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 200)
    plot.refresh()
    bars = bar_values(plot)
    assert bars.max() / bars.min() < 10  # the batch gradients have fallen into one band
    document = plot._document
    expected = sample_gradient_norms(document.network, document.data.inputs,
                                     document.data.targets)
    x, y = plot.depth.sample_marks.getData()
    assert list(x) == list(range(1, 10))
    shares = 10.0 ** y
    np.testing.assert_allclose(shares, expected, rtol=1e-12)
    assert np.all(np.diff(shares) > 0)  # rising from the input side to the output
    assert shares[0] / shares[-1] < 1e-5  # a fan of five decades and more
    low, high = plot.depth.plot_item.vb.viewRange()[1]
    assert low <= y.min() and y.max() <= high  # all of it in view


def test_the_fixed_axis_holds_one_samples_share_too(qtbot, owned):
    _, plot = gradient_plot(qtbot, owned, "vanishing-sigmoid", 3)
    plot.fixed_check.setChecked(True)
    plot.refresh()
    _, y = plot.depth.sample_marks.getData()
    assert len(y) == 9 and FIXED_DECADES[0] <= y.min() and y.max() <= FIXED_DECADES[1]
