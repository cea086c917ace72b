"""The canvas: what it draws follows the document and the engine, and a learner can use it."""

from unittest.mock import patch

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from engine.lesson.quantities import Kind, Quantity
from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from gui import style
from gui.canvas import NetworkView, connections, labels
from gui.canvas.tooltips import tooltip
from gui.document import Document
from gui.frame_clock import FrameClock
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.stepping import StepThrough


def random_document(sizes, seed=0):
    rng = np.random.default_rng(seed)
    layers = [Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), "tanh")
              for n_in, n_out in zip(sizes, sizes[1:], strict=False)]
    data = Dataset(rng.normal(size=(2, sizes[0])), rng.normal(size=(2, sizes[-1])))
    return Document(Experiment(Network(sizes[0], layers), data=data))


@pytest.fixture
def make_view(qtbot):
    views = []

    def make(document, stepping=None):
        view = NetworkView(document, stepping)
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    # pytest-qt has closed them and asked for their deletion: do it now, not whenever the
    # garbage collector reaches their Python side (which then tears them down in any order)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(view) for view in views)


def render_scene(view) -> QImage:
    scene = view.network_scene
    rect = scene.sceneRect()
    image = QImage(rect.size().toSize(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, image.rect().toRectF(), rect)
    painter.end()
    return image


def pixel_on_line(view, image, ref: WeightRef, t=0.6) -> QColor:
    point = labels.along(view.network_scene.layout, ref.layer, ref.neuron, ref.source, t)
    point -= view.network_scene.sceneRect().topLeft()
    return image.pixelColor(int(point.x()), int(point.y()))


def test_neuron_values_are_the_engines_forward_pass_of_the_walkthrough(make_view, seed_document):
    view = make_view(seed_document())
    values = view.network_scene.values
    forward = view.network_scene.network.forward(np.array([[2.0]]))
    assert values.neuron(1, 0)["a"] == forward.activations[1][0, 0] == 3.0
    assert values.neuron(2, 0)["a"] == forward.activations[2][0, 0] == 4.0
    assert values.loss == 0.5


def test_connection_colour_follows_the_sign_of_its_weight(make_view, seed_document):
    document = seed_document(weights=(1.0, -1.0))
    view = make_view(document)
    image = render_scene(view)
    assert pixel_on_line(view, image, WeightRef(0, 0, 0)) == style.POSITIVE
    assert pixel_on_line(view, image, WeightRef(1, 0, 0)) == style.NEGATIVE
    document.set_parameter(0, 0, 0, -2.0)
    image = render_scene(view)
    assert pixel_on_line(view, image, WeightRef(0, 0, 0)) == style.NEGATIVE


def test_a_weight_change_redraws_values_from_the_document(make_view, seed_document):
    document = seed_document()
    view = make_view(document)
    document.set_parameter(1, 0, 0, 0.7)
    assert view.network_scene.values.neuron(2, 0)["a"] == pytest.approx(3.1)
    document.undo_stack.undo()
    assert view.network_scene.values.neuron(2, 0)["a"] == 4.0


def test_hover_tooltip_lists_the_engines_values(make_view, seed_document):
    view = make_view(seed_document())
    text = tooltip(view.network_scene, NeuronRef(2, 0))
    assert "z (weighted sum + b)" in text and "δ = ∂E/∂z" in text
    assert "<td align='right'>&nbsp;&nbsp;4</td>" in text  # z = a = 4
    weight_text = tooltip(view.network_scene, WeightRef(1, 0, 0))
    assert "∂E/∂w" in weight_text and "&nbsp;&nbsp;3</td>" in weight_text  # ∂E/∂w = 1 · y = 3


def test_clicking_a_neuron_selects_it_and_asks_to_explain_its_value(
        make_view, qtbot, seed_document):
    document = seed_document()
    view = make_view(document)
    centre = view.mapFromScene(view.network_scene.layout.centre(2, 0))
    with qtbot.waitSignal(view.value_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert document.selection == NeuronRef(2, 0)
    assert clicked.args == [Quantity(Kind.ACTIVATION, 1, 0)]  # a of the output neuron


def test_clicking_a_bias_tag_selects_the_bias(make_view, qtbot, seed_document):
    document = seed_document()
    view = make_view(document)
    where = view.mapFromScene(view.anchor_of(BiasRef(0, 0)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert document.selection == BiasRef(0, 0)


def test_clicking_empty_canvas_clears_the_selection(make_view, qtbot, seed_document):
    document = seed_document()
    view = make_view(document)
    document.select(NeuronRef(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(QPointF(140, -150)))
    assert document.selection is None


def test_double_click_on_a_weight_edits_it_in_place(make_view, qtbot, seed_document):
    document = seed_document()
    view = make_view(document)
    where = view.mapFromScene(labels.along(view.network_scene.layout, 1, 0, 0, 0.6))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = view.editor
    assert editor is not None and editor.ref == WeightRef(1, 0, 0)
    editor.line_edit.clear()
    qtbot.keyClicks(editor.line_edit, "-0.25")
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    assert document.network.layers[1].weights[0, 0] == -0.25
    assert view.editor is None


def test_editor_accepts_the_typographic_minus_the_canvas_writes(make_view, qtbot, seed_document):
    document = seed_document()
    view = make_view(document)
    editor = view.edit(BiasRef(0, 0))
    editor.line_edit.setText("−1.5")
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    assert document.network.layers[0].biases[0] == -1.5


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "", "1..2"])
def test_editor_refuses_text_that_is_not_a_finite_number(make_view, qtbot, text, seed_document):
    document = seed_document()
    view = make_view(document)
    editor = view.edit(BiasRef(1, 0))
    editor.line_edit.setText(text)
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    assert editor.error_label.isVisible()
    assert "not a finite number" in editor.error_label.text()
    assert document.network.layers[1].biases[0] == 1.0
    assert document.undo_stack.count() == 0
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Escape)
    assert view.editor is None


def test_zoom_in_out_and_fit(make_view):
    view = make_view(random_document([2, 8, 8, 1]))
    fitted = view.zoom
    view.zoom_in()
    assert view.zoom == pytest.approx(fitted * 1.2)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom == pytest.approx(fitted / 1.2)
    view.fit_to_window()
    assert view.zoom == pytest.approx(fitted)
    whole = view.mapToScene(view.viewport().rect()).boundingRect()
    assert whole.contains(view.network_scene.sceneRect().adjusted(2, 2, -2, -2))


def test_a_big_block_is_an_image_until_zoomed_in(make_view):
    view = make_view(random_document([300, 20, 3]))
    big, small = view.network_scene.blocks
    assert big.uses_image(view.zoom) and not small.uses_image(view.zoom)
    assert not big.uses_image(1.5)
    assert render_scene(view).width() > 0  # both ways of drawing paint without error
    view.zoom_by(2.0 / view.zoom)
    view.viewport().grab()


def test_hit_test_finds_a_connection_line(make_view):
    view = make_view(random_document([3, 4, 2]))
    layout = view.network_scene.layout
    point = labels.along(layout, 0, 2, 1, 0.2)  # clear of the crossings in the middle
    hit = view.network_scene.hit(point, view.zoom)
    assert hit.ref == WeightRef(0, 2, 1)


def test_step_through_highlights_the_step_and_draws_the_backward_pass(
        make_view, qtbot, seed_document):
    document = seed_document()
    stepping = StepThrough(document)
    view = make_view(document, stepping)
    stepping.jump_to_phase("backward")
    scene = view.network_scene
    assert scene.values.stepping
    assert set(stepping.current_items()) == scene.highlighted
    assert NeuronRef(2, 0) in scene.highlighted
    while stepping.current_phase() == "backward":
        stepping.next()
    grad = scene.values.weight(1, 0, 0)["grad"]
    assert grad == 3.0  # ∂E/∂w = ∂E/∂z · y, the notes' 3
    assert scene.values.neuron(1, 0)["delta"] == 1.0
    image = render_scene(view)
    backward_pixels = sum(
        image.pixelColor(x, y) == style.BACKWARD
        for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    assert backward_pixels > 50
    stepping.restart()
    assert not scene.values.stepping and not scene.highlighted


def test_canvas_shows_the_sample_the_step_through_uses(make_view, seed_document):
    document = seed_document()
    document.set_data("Two samples", Dataset([[2.0], [5.0]], [[3.0], [1.0]]))
    stepping = StepThrough(document)
    view = make_view(document, stepping)
    stepping.set_sample(1)
    assert view.network_scene.values.neuron(0, 0)["a"] == 5.0
    assert view.network_scene.values.neuron(2, 0)["a"] == 7.0  # (5·1 + 1)·1 + 1


def line_colours(view, ref: WeightRef) -> int:
    """How many colours the pixels across a weight's line have (smooth edges blend more)."""
    image = render_scene(view)
    point = labels.along(view.network_scene.layout, ref.layer, ref.neuron, ref.source, 0.5)
    point -= view.network_scene.sceneRect().topLeft()
    x, y = int(point.x()), int(point.y())
    return len({image.pixel(x + dx, y + dy) for dx in range(-6, 7) for dy in range(-6, 7)})


def test_lines_stay_smooth_during_a_run(make_view):
    """Issue 11, item 7: antialiasing on during runs (it used to be switched off): a weight's
    line has as many blended colours mid-run as at rest, and more than drawn plain."""
    document = random_document([2, 3, 1])
    stepping = StepThrough(document)
    view = make_view(document, stepping)
    ref = WeightRef(0, 1, 1)
    smooth = line_colours(view, ref)
    FrameClock.of(document).set_running(True)  # as the training runner does
    during = line_colours(view, ref)
    FrameClock.of(document).set_running(False)
    with patch.object(connections, "ANTIALIAS_MAX_LINES", 0):  # every block drawn plain
        plain = line_colours(view, ref)
    assert during == smooth
    assert plain < smooth
