"""The output map: the engine's landscape drawn live, samples added and removed by clicking."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from engine.analysis import landscape
from gui.plots.decision_map import MAX_CELLS, PIXELS_PER_CELL, DecisionMap
from tests.gui.lifetimes import opened, runner_for


@pytest.fixture
def xor_map(qtbot, owned):
    document = opened(owned, "xor")
    widget = DecisionMap(document)
    qtbot.addWidget(widget)
    widget.resize(500, 460)
    widget.show()
    qtbot.waitExposed(widget)
    return document, widget


def test_the_map_is_the_engines_landscape(xor_map):
    document, widget = xor_map
    shown = widget.current
    expected = landscape.landscape(document.network, (shown.xs[0], shown.xs[-1]),
                                   (shown.ys[0], shown.ys[-1]), (len(shown.xs), len(shown.ys)))
    np.testing.assert_array_equal(widget.image_item.image, expected.value)
    view = widget.plot_item.vb
    assert len(shown.xs) == min(int(view.width()) // PIXELS_PER_CELL, MAX_CELLS)
    # the data's range (plus a margin) is in view, whatever the dock's shape
    low, high = landscape.data_range(document.data.inputs[:, 0])
    assert shown.xs[0] <= low and high <= shown.xs[-1]


def test_after_training_xor_the_map_separates_the_classes(qtbot, xor_map, owned):
    document, widget = xor_map
    runner = runner_for(owned, document)
    runner.start()
    qtbot.waitUntil(lambda: runner.last_loss is not None and runner.last_loss < 0.01,
                    timeout=30_000)
    runner.pause()
    qtbot.waitUntil(lambda: not widget._redraw_timer.isActive(), timeout=1_000)
    for (x, y), (target,) in zip(document.data.inputs, document.data.targets, strict=True):
        value = widget.map_value_at(x, y)
        assert (value > 0.5) == (target == 1.0), (x, y, value)


def test_the_map_follows_a_weight_edit(qtbot, xor_map):
    document, widget = xor_map
    before = widget.image_item.image.copy()
    document.set_parameter(1, 0, None, 5.0)
    qtbot.waitUntil(lambda: not np.array_equal(widget.image_item.image, before), timeout=1_000)
    shown = widget.current
    expected = landscape.landscape(document.network, (shown.xs[0], shown.xs[-1]),
                                   (shown.ys[0], shown.ys[-1]), (len(shown.xs), len(shown.ys)))
    np.testing.assert_array_equal(widget.image_item.image, expected.value)


def test_a_frame_of_a_run_redraws_the_map_within_the_frame(xor_map):
    document, widget = xor_map
    document.network.layers[1].biases[0] = 5.0  # as training changes the arrays in place
    document.announce_parameters_changed()  # weights_changed(-1): no waiting for a timer
    assert not widget._redraw_timer.isActive()
    shown = widget.current
    expected = landscape.landscape(document.network, (shown.xs[0], shown.xs[-1]),
                                   (shown.ys[0], shown.ys[-1]), (len(shown.xs), len(shown.ys)))
    np.testing.assert_array_equal(widget.image_item.image, expected.value)


def view_point(widget, x, y) -> QPoint:
    """Widget pixel of the data point (x, y)."""
    scene = widget.plot_item.vb.mapViewToScene(QPointF(x, y))
    return widget.plot_widget.mapFromScene(scene)


def test_left_click_adds_class_1_and_right_click_class_0(qtbot, xor_map):
    document, widget = xor_map
    viewport = widget.plot_widget.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=view_point(widget, 0.5, 0.5))
    assert len(document.data) == 5
    np.testing.assert_allclose(document.data.inputs[-1], [0.5, 0.5], atol=0.02)
    assert document.data.targets[-1, 0] == 1.0
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=view_point(widget, 0.2, 0.8))
    assert len(document.data) == 6 and document.data.targets[-1, 0] == 0.0
    document.undo_stack.undo()
    assert len(document.data) == 5


def test_shift_click_removes_the_nearest_sample(qtbot, xor_map):
    document, widget = xor_map
    viewport = widget.plot_widget.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view_point(widget, 1.0, 0.0))
    assert len(document.data) == 3
    assert [1.0, 0.0] not in document.data.inputs.tolist()
    # far from every sample: nothing is removed
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view_point(widget, 0.5, 0.5))
    assert len(document.data) == 3


def test_a_chosen_class_is_written_as_the_data_writes_classes(qtbot, owned):
    document = opened(owned, "softmax-blobs")
    widget = DecisionMap(document)
    qtbot.addWidget(widget)
    widget.click_combo.setCurrentIndex(3)  # any click: class 2
    assert widget.add_sample(0.0, 0.0, widget._clicked_class(Qt.MouseButton.LeftButton))
    np.testing.assert_array_equal(document.data.targets[-1], [0.0, 0.0, 1.0])
    assert not widget.add_sample(0.0, 0.0, 5)  # no class 5 among 3 outputs
    assert "does not fit" in widget.note.text()


def test_one_input_draws_the_function_over_the_samples(qtbot, owned):
    document = opened(owned, "sine")
    widget = DecisionMap(document)
    qtbot.addWidget(widget)
    assert not widget.image_item.isVisible()
    expected = landscape.output_curve(document.network, widget._x_range)
    x, y = widget.curve_items[0].getOriginalDataset()
    np.testing.assert_array_equal(x, expected.xs)
    np.testing.assert_array_equal(y, expected.outputs[0])
    np.testing.assert_array_equal(widget.train_points.getData()[1], document.data.targets[:, 0])


def test_during_a_run_the_map_takes_turns_at_a_coarser_grid_and_is_sharp_on_pause(
        qtbot, xor_map, owned):
    document, widget = xor_map
    runner = runner_for(owned, document)
    widget.take_turns(1)
    drawn = []
    runner.progressed.connect(lambda: drawn.append(widget.current))
    widget.current = None
    runner.start()
    qtbot.waitUntil(lambda: len(drawn) >= 4)
    runner.pause()
    during = drawn[:4]
    # every other frame draws the map (the others leave the last one), a quarter of the points
    fresh = [shown for earlier, shown in zip([None, *during[:-1]], during, strict=True)
             if shown is not earlier]
    assert len(fresh) == 2
    shown = widget.current  # the pause's frame: the full grid, the final parameters
    full = widget._grid_size()
    assert (len(shown.xs), len(shown.ys)) == full
    assert all(abs(len(each.xs) - full[0] / 2) <= 1 for each in fresh)
    expected = landscape.landscape(document.network, (shown.xs[0], shown.xs[-1]),
                                   (shown.ys[0], shown.ys[-1]), (len(shown.xs), len(shown.ys)))
    np.testing.assert_array_equal(widget.image_item.image, expected.value)
