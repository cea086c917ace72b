"""Issue 11, item 7: a training frame repaints only the parts of the canvas whose picture
changed (a line's pen, a disc's sign tint, written numbers); what is on screen is always what a
freshly drawn canvas shows."""

import numpy as np
import pytest

from gui.canvas import labels
from gui.canvas.connections import ConnectionsItem
from gui.canvas.neurons import ColumnItem
from gui.frame_clock import FrameClock
from gui.items import WeightRef
from tests.gui.test_canvas import make_view, random_document  # noqa: F401 (fixture)


@pytest.fixture
def painted(monkeypatch):
    """How many times the connection blocks and the columns painted."""
    counts = {"blocks": 0, "columns": 0}
    for name, cls in (("blocks", ConnectionsItem), ("columns", ColumnItem)):
        def counted(self, *args, _paint=cls.paint, _name=name):
            counts[_name] += 1
            return _paint(self, *args)
        monkeypatch.setattr(cls, "paint", counted)
    return counts


def zoomed_out(make_view, document):  # noqa: F811
    """A canvas where no number is written (below the readable zoom)."""
    view = make_view(document)
    view.zoom_by(0.5 * labels.READABLE_ZOOM / view.zoom)
    view.grab()
    return view


def picture(view):
    return view.grab().toImage()


def test_a_frame_that_changes_no_pen_nor_tint_repaints_nothing(make_view, painted):  # noqa: F811
    document = random_document([3, 4, 2])
    view = zoomed_out(make_view, document)
    FrameClock.of(document).set_running(True)
    before = dict(painted)
    for layer in document.network.layers:  # every |w| / max |w| and every sign as they were
        layer.weights *= 1.001
    document.announce_parameters_changed()
    assert picture(view) == picture(zoomed_out(make_view, document))  # as a fresh canvas
    assert painted["blocks"] == before["blocks"] + len(document.network.layers)  # (fresh one)
    assert painted["columns"] == before["columns"] + len(document.network.sizes)


def test_a_frame_that_turns_a_line_repaints_its_block_and_shows_it(make_view, painted):  # noqa: F811
    document = random_document([3, 4, 2])
    view = zoomed_out(make_view, document)
    FrameClock.of(document).set_running(True)
    weights = document.network.layers[1].weights
    weights[0, 0] = -weights[0, 0]  # blue ↔ orange
    before = dict(painted)
    document.announce_parameters_changed()
    shown = picture(view)
    assert painted["blocks"] == before["blocks"] + 1  # that block alone
    assert shown == picture(zoomed_out(make_view, document))


def test_written_numbers_repaint_every_frame(make_view, painted):  # noqa: F811
    document = random_document([2, 2, 1])
    view = make_view(document)
    assert view.zoom >= labels.READABLE_ZOOM and document.network.sizes == [2, 2, 1]
    view.grab()
    FrameClock.of(document).set_running(True)
    for _frame in range(3):
        before = dict(painted)
        document.network.layers[0].weights *= 1.001  # the values written change
        document.announce_parameters_changed()
        view.grab()
        assert painted["blocks"] == before["blocks"] + 2
        assert painted["columns"] == before["columns"] + 3
    np.testing.assert_array_equal(view.network_scene.values.activations(1),
                                  document.network.forward(document.data.inputs[:1])
                                  .activations[1][0])


def test_lines_regrouped_while_the_block_showed_its_image_are_right_when_zoomed_in(
        make_view, painted):  # noqa: F811
    """A big block zoomed out shows its weight image; a frame that moves a line to the next
    width but keeps its colour step changes no pixel there, yet zoomed in the line is drawn
    at its new width."""
    document = random_document([60, 40, 1])
    for layer in document.network.layers:
        layer.weights *= 0.01
    weights = document.network.layers[0].weights
    weights[0, 0] = 1.0  # the network's largest: full colour, the widest line
    weights[1, 1:30] = 0.19999  # width step 0, colour step ⌊0.19999 · 1023⌋ = 204
    view = make_view(document)
    block = view.network_scene.blocks[0]

    def zoom_in(canvas):
        canvas.zoom_by(1.5 / canvas.zoom)
        canvas.centerOn(canvas.anchor_of(WeightRef(0, 1, 15)))
        canvas.grab()

    zoom_in(view)  # the lines are grouped by their widths …
    assert not block.uses_image(view.zoom)
    view.fit_to_window()
    view.grab()
    assert block.uses_image(view.zoom)  # … then the block shows its image
    FrameClock.of(document).set_running(True)
    weights[1, 1:30] = 0.20001  # width step 1, the same colour step
    document.announce_parameters_changed()
    view.grab()
    fresh = make_view(document)
    for canvas in (view, fresh):
        zoom_in(canvas)
    assert picture(view) == picture(fresh)


def test_a_diagnosis_made_for_another_view_reaches_the_columns_next_frame(
        make_view, painted):  # noqa: F811
    document = random_document([3, 4, 2])
    view = zoomed_out(make_view, document)
    health = view.network_scene.health
    FrameClock.of(document).set_running(True)
    document.network.layers[0].weights *= 1.001
    document.announce_parameters_changed()
    view.grab()
    assert health.pending and health.wait_left() > 0  # the columns wait for it …
    before = dict(painted)
    health.diagnosis(now=True)  # … but the training panel asks for it now
    document.network.layers[0].weights *= 1.001
    document.announce_parameters_changed()
    view.grab()
    assert painted["columns"] == before["columns"] + len(document.network.sizes)
