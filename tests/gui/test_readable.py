"""Readable networks: Fit to Window writes numbers at 9 pt or more, or says what it hides;
column titles are always legible; labels written on the canvas never overlap."""

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from engine.files.presets import PRESET_NAMES, load_preset
from gui.canvas import labels, overlay, placement
from tests.gui import test_layouts

make_window = test_layouts.make_window  # the same window fixture


def network_on_screen(canvas) -> QRectF:
    """The network's own box (the scene's rect) in viewport pixels."""
    return QRectF(canvas.mapFromScene(canvas.network_scene.sceneRect()).boundingRect())


def check_fitted(canvas):
    """Fitted: the whole network in view; numbers at 9 pt or a hint (clear of the network)
    saying they are hidden; titles in at least 9 pt, one beside the other."""
    viewport = QRectF(canvas.viewport().rect())
    network = network_on_screen(canvas)
    assert viewport.adjusted(-1, -1, 1, 1).contains(network)
    scene = canvas.network_scene
    hint = canvas.hidden_detail_hint()
    every_number = scene.layout.detailed and all(
        labels.shows_weight_labels(scene.layout, layer)
        for layer in range(len(scene.network.layers)))
    if canvas.zoom >= labels.READABLE_ZOOM and every_number:
        assert canvas.text_points() >= labels.MIN_TEXT_POINTS
        assert hint == ""
    else:
        assert hint
        box = overlay.hint_box(canvas, hint)
        assert viewport.contains(box)
        assert not box.intersects(network.adjusted(0, 0, 0, -overlay.HINT_MARGIN))
    titles = overlay.screen_titles(canvas)
    if canvas.zoom >= labels.TITLE_ZOOM:
        assert titles == []  # the columns write them, at TITLE_POINTS × zoom ≥ 9 pt
        assert labels.TITLE_POINTS * canvas.zoom >= labels.MIN_TEXT_POINTS
    else:
        bold = QFontMetricsF(labels.bold_font())
        assert len(titles) == len(scene.network.sizes)
        assert labels.bold_font().pointSizeF() >= labels.MIN_TEXT_POINTS
        assert labels.value_font().pointSizeF() >= labels.MIN_TEXT_POINTS
        for left, right in zip(titles, titles[1:], strict=False):
            assert left.boxes[0].right() <= right.boxes[0].left() + 1e-6
        layout = scene.layout
        for column, title in enumerate(titles):
            assert title.boxes[0].height() >= bold.height()
            assert title.lines[0]  # never elided away
            assert viewport.contains(title.boxes[0])
            # above its column's first neuron, not written over it
            top = layout.centre(column, 0) - QPointF(0, layout.radii[column])
            assert title.boxes[-1].bottom() <= canvas.mapFromScene(top).y() + 1


@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(800, 600)])
@pytest.mark.parametrize("layout", ["stepping", "training"])
def test_every_preset_fitted_is_readable_or_says_what_it_hides(make_window, size, layout):
    window = make_window(size=size)
    window.layouts.apply(layout)
    canvas = window.canvas
    for name in PRESET_NAMES:
        window.document.replace_experiment(load_preset(name), None)
        canvas.zoom_in()  # the learner zoomed: Fit to Window brings the whole network back
        canvas.fit_to_window()
        QApplication.processEvents()
        check_fitted(canvas)


def test_small_networks_show_their_numbers_at_1280_by_800(make_window):
    window = make_window(size=QSize(1280, 800))
    canvas = window.canvas
    for name in ("seed", "seed-sse", "xor", "saddle", "plateau"):
        window.document.replace_experiment(load_preset(name), None)
        for layout in ("stepping", "training"):
            window.layouts.apply(layout)
            QApplication.processEvents()
            assert canvas.text_points() >= 9.0, (name, layout)
            assert canvas.hidden_detail_hint() == ""
            assert canvas.network_scene.label_rects()


def test_big_networks_at_1280_by_800_name_their_columns_and_hint(make_window):
    window = make_window(spec="preset:vanishing-sigmoid", size=QSize(1280, 800))
    canvas = window.canvas
    assert canvas.zoom < labels.TITLE_ZOOM
    assert "zoom in" in canvas.hidden_detail_hint()
    titles = overlay.screen_titles(canvas)
    assert [title.lines[0] for title in titles] == (
        ["Input"] + [f"Hidden {n}" for n in range(1, 9)] + ["Output"])
    canvas.zoom_in()
    while canvas.zoom < labels.READABLE_ZOOM:
        canvas.zoom_in()
    assert canvas.hidden_detail_hint() == "Weights between wide layers: hover a line for its " \
                                          "value"
    assert overlay.screen_titles(canvas) == []


def drawn_boxes(scene):
    """Every drawn label's box, the bias tags of the current step and the selection grown by
    their halo."""
    ringed = set(scene.highlighted) | {scene.selection}
    ring = placement.RING
    return [(key, box.adjusted(-ring, -ring, ring, ring)
             if key[0] == "bias" and key[1] in ringed else box)
            for key, box in scene.label_rects()]


@pytest.mark.parametrize("spec", ["preset:xor", "preset:seed", "preset:softmax-blobs"])
def test_labels_never_overlap_on_any_step(make_window, spec):
    window = make_window(spec=spec, size=QSize(1280, 800))
    stepping, scene = window.stepping, window.canvas.network_scene
    stepping.next()
    checked = 0
    while True:
        boxes = drawn_boxes(scene)
        for index, (key, box) in enumerate(boxes):
            for other_key, other in boxes[index + 1:]:
                assert not box.intersects(other), (stepping.position, key, other_key)
        checked += 1
        if stepping.at_end:
            break
        stepping.next()
    assert checked == stepping.count


def test_columns_too_close_for_their_titles_get_short_ones_never_an_ellipsis(make_window):
    window = make_window(spec="preset:vanishing-sigmoid", size=QSize(800, 600))
    canvas = window.canvas
    full = ["Input"] + [f"Hidden {n}" for n in range(1, 9)] + ["Output"]
    short = ["In"] + [f"H{n}" for n in range(1, 9)] + ["Out"]
    seen = set()
    gap = canvas.network_scene.layout.gap
    while canvas.zoom * gap >= 40:  # from the fitted zoom out to columns 40 pixels apart
        titles = overlay.screen_titles(canvas)
        names = [title.lines[0] for title in titles]
        assert all(name in (f, s) for name, f, s in zip(names, full, short, strict=True))
        assert all("…" not in line for title in titles for line in title.lines)
        seen.update(names)
        canvas.zoom_out()
    assert {"H1", "Out"} <= seen


def test_the_screen_titles_are_placed_once_and_again_when_the_view_or_a_title_changes(
        make_window):
    """Every frame of a run asks for the titles: they are kept while nothing they show moved."""
    window = make_window(spec="preset:vanishing-sigmoid", size=QSize(1280, 800))
    canvas = window.canvas
    first = overlay.screen_titles(canvas)
    assert overlay.screen_titles(canvas) is first  # nothing changed: the same placement
    canvas.zoom_out()
    moved = overlay.screen_titles(canvas)
    assert moved is not first
    assert moved[1].boxes[0].center().x() != first[1].boxes[0].center().x()
    window.resize(1100, 800)
    QApplication.processEvents()
    assert overlay.screen_titles(canvas) is not moved  # a narrower view: placed again
    columns = canvas.network_scene.columns
    columns[1].health_counts = lambda: "2 dead"  # as a new diagnosis would say
    assert overlay.screen_titles(canvas)[1].lines[2] == "2 dead"
