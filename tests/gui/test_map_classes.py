"""The output map's classes: the click menu offers exactly the network's classes under the
canvas' names, and class colours are never the canvas' sign colours (blue/orange)."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.canvas.labels import neuron_name
from gui.plots.decision_map import DecisionMap
from gui.style import NEGATIVE, POSITIVE
from tests.gui.lifetimes import opened

SIGN_COLOURS = {NEGATIVE.name(), POSITIVE.name()}


def open_map(qtbot, owned, preset):
    document = opened(owned, preset)
    widget = DecisionMap(document)
    qtbot.addWidget(widget)
    return document, widget


def menu(widget) -> list[str]:
    return [widget.click_combo.itemText(i) for i in range(widget.click_combo.count())]


def test_three_classes_are_offered_by_the_canvas_names(qtbot, owned):
    document, widget = open_map(qtbot, owned, "softmax-blobs")
    names = [neuron_name(document.network, 2, c) for c in range(3)]
    assert names == ["class A", "class B", "class C"]
    assert menu(widget) == ["left click: class B, right: class A", "any click: class A",
                            "any click: class B", "any click: class C"]
    widget.click_combo.setCurrentIndex(3)
    assert widget.add_sample(0.5, 0.5, widget._clicked_class(Qt.MouseButton.LeftButton))
    assert document.undo_stack.undoText() == "Add a sample of class C"
    np.testing.assert_array_equal(document.data.targets[-1], [0.0, 0.0, 1.0])


def test_class_colours_on_the_map_are_not_the_sign_colours(qtbot, owned):
    document, widget = open_map(qtbot, owned, "softmax-blobs")
    colours = {brush.color().name() for brush in widget.train_points.data["brush"]}
    assert len(colours) == 3 and not colours & SIGN_COLOURS
    image = widget.image_item.image  # the class map itself: RGB in 0…1
    shown = {pg.mkColor(*(255 * image[i, j]).round().astype(int)).name()
             for i in range(image.shape[0]) for j in range(image.shape[1])}
    assert not shown & SIGN_COLOURS


def test_a_single_output_keeps_classes_0_and_1_as_its_low_and_high_value(qtbot, owned):
    document, widget = open_map(qtbot, owned, "xor")
    assert menu(widget) == ["left click: class 1, right: class 0", "any click: class 0",
                            "any click: class 1"]
    colours = [b.color().name() for b in widget.train_points.data["brush"]]
    targets = document.data.targets[:, 0]
    assert colours == [POSITIVE.name() if t == 1.0 else NEGATIVE.name() for t in targets]


def test_the_menu_follows_a_new_structure(qtbot, owned):
    document, widget = open_map(qtbot, owned, "softmax-blobs")
    widget.click_combo.setCurrentIndex(2)
    experiment = opened(owned, "xor").experiment
    document.replace_experiment(experiment.copy(), None)
    assert len(menu(widget)) == 3 and widget.click_combo.currentIndex() == 2
