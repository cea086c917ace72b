"""The numbers written on the canvas while stepping: none drawn over another, none on a neuron,
and what the current step computes always written."""

import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF

from engine.files.presets import load_preset
from gui import style
from gui.canvas import labels, placement
from gui.canvas.layout import CanvasLayout
from gui.canvas.scene import Hit
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.stepping import StepThrough
from tests.gui import test_canvas
from tests.gui.test_canvas import render_scene

make_view = test_canvas.make_view  # the same fixture: shown views, deleted at the test's end

# the label that writes what a step computes, by the first word of the step's quantity
STEP_LABEL = {"delta": "delta", "grad_w": "grad", "grad_b": "grad", "w_new": "weight",
              "b_new": "bias"}


def stepping_view(make_view, preset: str, granularity: str = "neuron"):
    document = Document(load_preset(preset))
    stepping = StepThrough(document)
    stepping.set_granularity(granularity)
    return make_view(document, stepping), stepping


def overlapping(rects) -> list:
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(rects, 2)
            if box_a.intersects(box_b)]


def on_neurons(layout, rects) -> list:
    """Labels whose box covers part of a neuron's disc (its inscribed square)."""
    found = []
    for column, n in enumerate(layout.sizes):
        half = layout.radii[column] * 0.7
        for neuron in range(n):
            centre = layout.centre(column, neuron)
            disc = QRectF(centre - QPointF(half, half), centre + QPointF(half, half))
            found += [key for key, box in rects if box.intersects(disc)]
    return found


def step_label(stepping) -> tuple:
    """(quantity, ref) of the label the current step writes; a forward or loss step writes its
    value inside the neuron, whose name is then the label that must show."""
    quantity = stepping.current_step.quantity.kind
    return STEP_LABEL.get(quantity, "name"), stepping.current_items()[0]


def assert_step_label_written(scene, stepping, index: int) -> None:
    """The step's own label is drawn, unless its weights' block writes no values at all (too
    many lines: values on hover and in the weight tables)."""
    key = step_label(stepping)
    ref = key[1]
    if isinstance(ref, WeightRef) and not labels.shows_weight_labels(scene.layout, ref.layer):
        assert scene.placement.get(*key) is None, f"step {index + 1}"
    else:
        assert key in dict(scene.label_rects()), f"step {index + 1}"


@pytest.mark.parametrize("granularity", ["neuron", "layer"])
def test_xor_every_step_writes_every_number_clear_of_the_others(make_view, granularity):
    view, stepping = stepping_view(make_view, "xor", granularity)
    scene = view.network_scene
    for index in range(stepping.count):
        stepping.go_to(index)
        rects = scene.label_rects()
        assert overlapping(rects) == [], f"step {index + 1}"
        assert on_neurons(scene.layout, rects) == [], f"step {index + 1}"
        assert_step_label_written(scene, stepping, index)
        hidden = [key for key, label in scene.placement.placed.items() if not label.visible]
        assert hidden == [], f"step {index + 1}"  # xor has room for every number
    # at the last step every weight, bias and gradient of the network is written
    kinds = [quantity for quantity, _ref in dict(scene.label_rects())]
    assert kinds.count("weight") == 6 and kinds.count("grad") == 6 + 3
    assert kinds.count("bias") == 3 and kinds.count("delta") == 3 and kinds.count("name") == 5


def test_the_update_is_written_old_to_new_where_the_weight_was_placed(make_view):
    view, stepping = stepping_view(make_view, "xor")
    stepping.jump_to_phase("update")
    ref = stepping.current_items()[0]
    assert isinstance(ref, WeightRef)
    label = view.network_scene.placement.get("weight", ref)
    weight = view.network_scene.network.layers[ref.layer].weights[ref.neuron, ref.source]
    new = view.network_scene.values.weight(ref.layer, ref.neuron, ref.source)["new"]
    assert label.visible
    assert label.text == f"{style.format_value(weight)} → {style.format_value(new)}"
    assert view.anchor_of(ref) == label.box.center()  # the editor opens on it


@pytest.mark.parametrize("preset", ["seed", "seed-sse", "softmax-blobs"])
def test_other_presets_never_draw_a_label_over_another(make_view, preset):
    view, stepping = stepping_view(make_view, preset)
    scene = view.network_scene
    for index in range(stepping.count):
        stepping.go_to(index)
        rects = scene.label_rects()
        assert overlapping(rects) == [], f"step {index + 1}"
        assert on_neurons(scene.layout, rects) == [], f"step {index + 1}"
        assert_step_label_written(scene, stepping, index)


def test_neighbours_stacked_labels_clear_each_other_in_a_column(make_view):
    """Name above, bias and ∂E/∂b below: the layout leaves room for both neighbours' stacks."""
    view, stepping = stepping_view(make_view, "softmax-blobs")
    stepping.jump_to_phase("update")
    scene = view.network_scene
    for neuron in range(scene.layout.sizes[1] - 1):
        below = scene.placement.get("grad", BiasRef(0, neuron)).box
        above = scene.placement.get("name", NeuronRef(1, neuron + 1)).box
        assert below.bottom() < above.top()


def crowded_network_step(make_view):
    """A step of softmax-blobs' update at which some label finds no free spot."""
    view, stepping = stepping_view(make_view, "softmax-blobs")
    scene = view.network_scene
    start, end = stepping.phase_range("update")
    for index in range(start, end + 1):
        stepping.go_to(index)
        hidden = [key for key, label in scene.placement.placed.items() if not label.visible]
        if hidden:
            return view, stepping, hidden
    raise AssertionError("softmax-blobs' update was expected to be crowded somewhere")


def test_a_label_with_no_free_spot_is_hidden_and_drawn_on_hover(make_view):
    view, stepping, hidden = crowded_network_step(make_view)
    scene = view.network_scene
    assert step_label(stepping) in dict(scene.label_rects())  # the step's own label wins
    quantity, ref = hidden[0]
    box = scene.placement.get(quantity, ref).box.translated(-scene.sceneRect().topLeft())
    pixels = [(x, y) for x in range(int(box.left()) + 1, int(box.right()) - 1)
              for y in range(int(box.top()) + 1, int(box.bottom()) - 1)]
    before = render_scene(view)
    scene.set_hovered(ref)
    after = render_scene(view)
    changed = sum(before.pixelColor(x, y) != after.pixelColor(x, y) for x, y in pixels)
    assert changed > len(pixels) // 3  # its box and text are drawn over what was there
    pale = sum(min(after.pixelColor(x, y).getRgb()[:3]) >= 225 for x, y in pixels)
    assert pale > len(pixels) // 2  # on its own pale box


def test_clicking_a_placed_gradient_hits_it(make_view):
    view, stepping = stepping_view(make_view, "xor")
    stepping.jump_to_phase("update")
    scene = view.network_scene
    for (quantity, ref), box in scene.label_rects():
        if quantity != "name":
            assert scene.hit(box.center(), 1.0) == Hit(ref, quantity)


def test_placing_is_greedy_along_the_line_and_skips_taken_spots(qapp):
    """Unit check of the greedy pass: a second label on the same spot moves to its next one."""
    layout = CanvasLayout.for_sizes((1, 1))
    ref = WeightRef(0, 0, 0)
    points = placement._along(layout, ref, placement.WEIGHT_FRACTIONS)
    first = placement._Request(("weight", ref), "0.5", points, priority=False)
    second = placement._Request(("grad", ref), "0.5", points, priority=False)
    placed = placement._greedy([first, second], placement._Boxes(), placement._Boxes(), None)
    taken = placed[("weight", ref)].box
    assert taken.center() == points[0]
    next_free = next(p for p in points if not placement.labels.text_box("0.5", p).adjusted(
        -placement.GAP, -placement.GAP, placement.GAP, placement.GAP).intersects(taken))
    assert placed[("grad", ref)].box.center() == next_free != points[0]
    assert placed[("grad", ref)].visible and not taken.intersects(placed[("grad", ref)].box)

