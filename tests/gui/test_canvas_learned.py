"""What the canvas shows of what the network learned: neuron thumbnails and dead/saturated units."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from engine.analysis import landscape
from engine.files.presets import load_preset
from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from gui import style
from gui.canvas import thumbnails
from gui.canvas.tooltips import tooltip
from gui.derived import MIN_INTERVAL, UnitHealth
from gui.document import Document
from gui.frame_clock import FrameClock
from gui.items import NeuronRef
from gui.plots.decision_map import diverging_map
from gui.stepping import StepThrough
from tests.gui import test_canvas
from tests.gui.test_canvas import render_scene

make_view = test_canvas.make_view  # the same fixture: shown views, deleted at the test's end

LOOKUP = diverging_map().getLookupTable(nPts=256)


def scene_pixel(view, image, point: QPointF) -> QColor:
    point = point - view.network_scene.sceneRect().topLeft()
    return image.pixelColor(int(point.x()), int(point.y()))


def health_document(activation, weights, biases):
    """2 inputs → 3 hidden units (``activation``) → 1 output, on four positive samples."""
    hidden = Layer(np.array(weights, dtype=float), np.array(biases, dtype=float), activation)
    output = Layer(np.ones((1, 3)), np.zeros(1), "identity")
    inputs = np.array([[0.5, 1.0], [1.0, 0.2], [2.0, 2.0], [0.1, 0.3]])
    data = Dataset(inputs, np.zeros((4, 1)))
    return Document(Experiment(Network(2, [hidden, output]), data=data))


def test_xor_neurons_carry_the_engines_landscape_of_their_own_output(make_view):
    document = Document(load_preset("xor"))
    view = make_view(document)
    scene = view.network_scene
    expected = landscape.landscape(document.network, resolution=thumbnails.RESOLUTION,
                                   inputs=document.data.inputs)
    for column, size in enumerate(document.network.sizes):
        for neuron in range(size):
            assert scene.thumbnails.image(column, neuron) is not None
    image = scene.thumbnails.image(1, 0)  # h1, a sigmoid: orange 0, white 0.5, blue 1
    values = expected.activations[1][0]
    ny, nx = values.shape
    for row, col in [(1, nx // 2), (ny // 2, 1), (ny - 2, nx // 2), (ny // 2, nx // 3)]:
        # image row 0 is the top of the plane: the engine's last grid row (largest x₂)
        r, g, b = LOOKUP[int(np.rint(values[ny - 1 - row, col] * 255))]
        assert image.pixelColor(col, row) == QColor(int(r), int(g), int(b))
    assert image.pixelColor(0, 0).alpha() == 0  # outside the disc: the canvas shows through


def test_painted_neuron_shows_its_thumbnail_and_the_action_hides_it(make_view):
    view = make_view(Document(load_preset("xor")))
    scene = view.network_scene
    layout = scene.layout
    # a point inside h1, above its value pill: 15 % down the disc, in the middle
    point = layout.centre(1, 0) + QPointF(0, -0.7 * layout.radii[1])
    thumbnail = scene.thumbnails.image(1, 0)
    shown = scene_pixel(view, render_scene(view), point)
    expected = thumbnail.pixelColor(thumbnail.width() // 2, int(0.15 * thumbnail.height()))
    assert abs(shown.red() - expected.red()) + abs(shown.blue() - expected.blue()) < 40
    assert shown != style.NEURON_FILL
    view.thumbnails_action.setChecked(False)
    assert not scene.show_thumbnails
    assert scene_pixel(view, render_scene(view), point) == style.NEURON_FILL
    view.thumbnails_action.setChecked(True)
    assert scene_pixel(view, render_scene(view), point) != style.NEURON_FILL


def test_a_one_input_network_has_no_thumbnails(make_view, seed_document):
    view = make_view(seed_document())
    assert view.network_scene.thumbnails.image(1, 0) is None
    assert not view.thumbnails_action.isEnabled()
    assert "<img" not in tooltip(view.network_scene, NeuronRef(1, 0))


def test_hover_enlarges_the_thumbnail(make_view):
    view = make_view(Document(load_preset("xor")))
    text = tooltip(view.network_scene, NeuronRef(1, 1))
    assert "<img src='data:image/png;base64," in text
    view.thumbnails_action.setChecked(False)
    assert "<img" not in tooltip(view.network_scene, NeuronRef(1, 1))


def test_thumbnails_are_computed_once_per_paint_and_only_after_a_change(make_view, qtbot):
    document = Document(load_preset("xor"))
    view = make_view(document)
    scene = view.network_scene
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 1)  # the first paint
    for _ in range(5):  # a burst of changes between two frames
        document.weights_changed.emit(-1)
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 2)
    view.viewport().update()  # a frame without a change computes nothing
    QApplication.processEvents()
    view.grab()
    assert scene.thumbnails.computations == 2


def test_a_relu_unit_negative_on_every_sample_is_marked_dead(make_view):
    # unit 1: z = −x₁ − x₂ − 1 < 0 for every (positive) sample
    document = health_document("relu", [[1, 1], [-1, -1], [1, -1]], [0.0, -1.0, 0.0])
    view = make_view(document)
    scene = view.network_scene
    health = scene.health.layer(1)
    assert health.dead.tolist() == [False, True, False]
    assert scene.columns[1].health_counts() == "1 dead"
    assert scene.columns[2].health_counts() == ""
    assert "dead" in tooltip(scene, NeuronRef(1, 1))
    assert "dead" not in tooltip(scene, NeuronRef(1, 0))
    view.health_action.setChecked(False)
    assert scene.columns[1].health_counts() == ""


def test_the_dead_count_under_a_column_title_speaks_korean(make_view):
    from gui import language
    document = health_document("relu", [[1, 1], [-1, -1], [1, -1]], [0.0, -1.0, 0.0])
    language.install("ko")
    try:
        view = make_view(document)
        assert view.network_scene.columns[1].health_counts() == "죽은 뉴런 1개"
    finally:
        language.install("en")


def test_a_sigmoid_unit_on_its_flat_tail_is_marked_saturated(make_view):
    # unit 0: z = 10·x₁ + 10·x₂ + 6 ≥ 10, where σ′ < 0.0125 on every sample
    document = health_document("sigmoid", [[10, 10], [0.5, -0.5], [0.1, 0.2]], [6.0, 0.0, 0.0])
    view = make_view(document)
    scene = view.network_scene
    assert scene.health.layer(1).saturated.tolist() == [True, False, False]
    assert scene.columns[1].health_counts() == "1 saturated"
    assert "saturated" in tooltip(scene, NeuronRef(1, 0))


def test_marks_follow_the_weights(make_view):
    document = health_document("relu", [[1, 1], [-1, -1], [1, -1]], [0.0, -1.0, 0.0])
    view = make_view(document)
    scene = view.network_scene
    assert scene.columns[1].health_counts() == "1 dead"
    document.set_parameter(0, 1, 0, 1.0)  # unit 1: z = x₁ − x₂ − 1 …
    document.set_parameter(0, 1, 1, 3.0)  # … = x₁ + 3·x₂ − 1, positive on sample 1
    view.grab()
    assert scene.columns[1].health_counts() == ""
    assert not scene.health.pending


def test_training_frames_rediagnose_at_most_every_interval(qtbot):
    document = health_document("relu", [[1, 1], [-1, -1], [1, -1]], [0.0, -1.0, 0.0])
    now = [100.0]
    health = UnitHealth(document, clock=lambda: now[0])
    assert health.layer(1).dead_count == 1
    document.network.layers[0].weights[1] = [1.0, 3.0]  # as a training step does, in place
    health.invalidate(throttled=True)
    now[0] += MIN_INTERVAL / 2
    assert health.layer(1).dead_count == 1 and health.pending  # too soon: the old diagnosis
    assert health.wait_left() == pytest.approx(MIN_INTERVAL / 2)
    now[0] += MIN_INTERVAL / 2
    assert health.layer(1).dead_count == 0 and not health.pending
    document.set_parameter(0, 1, 0, -5.0)  # a learner's edit is diagnosed at once
    health.invalidate()
    assert health.layer(1).dead_count == 1
    assert health.computations == 3


def test_a_skipped_diagnosis_is_caught_up_without_another_change(make_view, qtbot):
    document = health_document("relu", [[1, 1], [-1, -1], [1, -1]], [0.0, -1.0, 0.0])
    view = make_view(document)
    scene = view.network_scene
    qtbot.waitUntil(lambda: scene.health.computations == 1)
    document.network.layers[0].weights[1] = [1.0, 3.0]  # a training frame revives unit 1
    document.weights_changed.emit(-1)
    qtbot.waitUntil(lambda: scene.columns[1].health_counts() == "", timeout=3000)
    assert not scene.health.pending


def test_training_frames_redraw_thumbnails_at_most_ten_times_a_second(qtbot):
    document = Document(load_preset("xor"))
    now = [100.0]
    pictures = thumbnails.NeuronThumbnails(document, clock=lambda: now[0])
    before = pictures.image(1, 0).copy()
    document.network.layers[0].weights[0] *= -1.0  # as a training step does, in place
    pictures.invalidate(throttled=True)
    now[0] += thumbnails.MIN_INTERVAL / 2
    assert pictures.image(1, 0) == before and pictures.pending  # too soon: the last picture
    assert pictures.wait_left() == pytest.approx(thumbnails.MIN_INTERVAL / 2)
    now[0] += thumbnails.MIN_INTERVAL / 2
    after = pictures.image(1, 0)
    assert after != before and not pictures.pending  # h1's map turned over
    document.set_parameter(0, 0, 0, 3.0)  # a learner's edit is drawn at once
    pictures.invalidate()
    assert pictures.image(1, 0) != after
    assert pictures.computations == 3


def test_a_skipped_thumbnail_is_caught_up_without_another_change(make_view, qtbot):
    document = Document(load_preset("xor"))
    view = make_view(document)
    scene = view.network_scene
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 1)
    now = [0.0]  # the thumbnails were drawn at time 0 (a stand-in clock)
    scene.thumbnails._clock = lambda: now[0]
    scene.thumbnails._next_allowed = thumbnails.MIN_INTERVAL
    document.network.layers[0].weights[0] *= -1.0
    document.weights_changed.emit(-1)  # a training frame: the thumbnails wait their turn
    view.grab()
    assert scene.thumbnails.pending and scene.thumbnails.computations == 1
    now[0] = thumbnails.MIN_INTERVAL  # the wait is over: the canvas comes back by itself
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 2, timeout=3000)
    assert not scene.thumbnails.pending


def wide_document(width: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    layers = [Layer(rng.normal(size=(width, 2)), rng.normal(size=width), "tanh"),
              Layer(rng.normal(size=(1, width)), rng.normal(size=1), "tanh")]
    data = Dataset(rng.normal(size=(5, 2)), rng.normal(size=(5, 1)))
    return Document(Experiment(Network(2, layers), data=data))


def test_compact_layout_draws_coarser_thumbnails_in_place_of_the_sign_tints(make_view):
    view = make_view(wide_document(20))
    scene = view.network_scene
    assert not scene.layout.detailed
    image = scene.thumbnails.image(1, 3)
    assert image.width() == thumbnails.COMPACT_RESOLUTION
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    shown = scene_pixel(view, render_scene(view), scene.layout.centre(1, 3))  # at zoom 1
    assert abs(shown.red() - centre.red()) + abs(shown.blue() - centre.blue()) < 60


def test_too_many_neurons_in_a_column_means_no_thumbnails(make_view):
    view = make_view(wide_document(thumbnails.THUMBNAIL_MAX_NEURONS + 1))
    assert view.network_scene.thumbnails.image(1, 0) is None
    assert not view.thumbnails_action.isEnabled()
    assert render_scene(view).width() > 0


def test_during_a_run_frames_pick_up_waiting_thumbnails_and_a_pause_catches_up(make_view,
                                                                               qtbot):
    document = Document(load_preset("xor"))
    stepping = StepThrough(document)
    view = make_view(document, stepping)
    scene = view.network_scene
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 1)
    now = [0.0]  # the thumbnails were drawn at time 0 (a stand-in clock)
    scene.thumbnails._clock = lambda: now[0]
    scene.thumbnails._next_allowed = thumbnails.MIN_INTERVAL
    FrameClock.of(document).set_running(True)  # as the training runner does
    document.network.layers[0].weights[0] *= -1.0
    document.weights_changed.emit(-1)  # a frame of the run: the thumbnails wait their turn
    view.grab()
    # no catch-up repaint between two frames of a run: the next frame comes for them
    assert scene.thumbnails.pending and not scene._health_timer.isActive()
    now[0] = thumbnails.MIN_INTERVAL / 2
    FrameClock.of(document).set_running(False)  # paused before their turn: it comes back
    view.grab()
    now[0] = thumbnails.MIN_INTERVAL
    qtbot.waitUntil(lambda: scene.thumbnails.computations == 2, timeout=3000)
    assert not scene.thumbnails.pending
