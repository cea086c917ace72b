"""A block of more than lod.MAX_LINES connections is drawn as its weight image at every zoom.

Single lines for 4096 × 2440 weights meant ten million QLineF: zooming in to 100 % took 31 s
and 3.3 GB, and every mouse move over the block then measured its distance to each line.
"""

from gui.canvas import lod
from gui.items import WeightRef
from tests.gui.test_canvas import make_view, random_document, render_scene  # noqa: F401


def test_a_block_over_the_line_limit_stays_an_image_when_zoomed_in(make_view):  # noqa: F811 (the fixture)
    view = make_view(random_document([600, 400, 1]))  # 240,000 weights, then 400
    big, small = view.network_scene.blocks
    assert 600 * 400 > lod.MAX_LINES
    assert big.uses_image(view.zoom) and big.uses_image(lod.LINES_ZOOM * 4)
    assert not small.uses_image(lod.LINES_ZOOM * 4)
    view.zoom_by(2.0 / view.zoom)
    assert render_scene(view).width() > 0
    assert big._lines is None  # no line was made for it


def test_a_block_within_the_limit_draws_its_lines_when_zoomed_in(make_view):  # noqa: F811 (the fixture)
    view = make_view(random_document([500, 400, 1]))  # 200,000 weights: the limit itself
    big = view.network_scene.blocks[0]
    assert big.uses_image(view.zoom) and not big.uses_image(lod.LINES_ZOOM)


def test_the_selected_weight_of_an_image_block_is_marked_without_every_line(make_view):  # noqa: F811 (the fixture)
    document = random_document([600, 400, 1])
    view = make_view(document)
    document.select(WeightRef(0, 399, 599))
    assert render_scene(view).width() > 0
    assert view.network_scene.blocks[0]._lines is None
