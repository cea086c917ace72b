"""Issue 11, item 7: wide curves are stroked on screen (a quarter of the time), with the
pixels pyqtgraph draws up to rounding, in every plot that has them; the gradient plot's layer
curves (one pixel) are LightCurves, drawn on screen with pyqtgraph's pixels too."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from gui.plots.gradient_plot import GradientPlot
from gui.plots.light_curve import LightCurve, LightDots
from gui.plots.loss_plot import LossPlot
from gui.plots.screen_curve import ScreenCurveItem, stroke_on_screen
from tests.gui.lifetimes import opened, runner_for

BLUE = (30, 90, 160)


def pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), dtype=np.uint32,
                         count=image.width() * image.height()).copy()


def log_plot(qtbot) -> pg.PlotWidget:
    """A white 500×300 plot with a log y axis."""
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.getPlotItem().setLogMode(y=True)
    return widget


def assert_pyqtgraphs_pixels(theirs_drawn, ours_drawn) -> None:
    """The same blue curve pixels up to rounding: as many within 2 %, at most 3 % moved."""
    blue = np.uint32(0xFF000000 | BLUE[0] << 16 | BLUE[1] << 8 | BLUE[2])
    theirs, ours = (np.count_nonzero(image == blue) for image in (theirs_drawn, ours_drawn))
    assert theirs > 2000
    assert abs(ours - theirs) <= 0.02 * theirs
    assert np.count_nonzero(theirs_drawn != ours_drawn) <= 0.03 * theirs


@pytest.mark.parametrize("step_mode", [None, "center"])
def test_a_curve_on_screen_has_pyqtgraphs_pixels_up_to_rounding(qtbot, step_mode):
    rng = np.random.default_rng(4)
    x = np.arange(1, 302, dtype=float) * 100.0
    y = 10 ** rng.normal(-2, 0.5, 300 if step_mode else 301)
    if not step_mode:
        x = x[:301]
    drawn = []
    for screen in (False, True):
        widget = log_plot(qtbot)
        item = widget.plot(x, y, stepMode=step_mode, pen=pg.mkPen(BLUE, width=1.5))
        if screen:
            stroke_on_screen(item)
            assert isinstance(item.curve, ScreenCurveItem)
            assert item.curve.scene() is widget.scene()
            curves = [i for i in widget.scene().items() if isinstance(i, pg.PlotCurveItem)]
            assert curves == [item.curve]  # pyqtgraph's own is gone, not left drawing
        widget.show()
        qtbot.waitExposed(widget)
        drawn.append(pixels(widget))
    assert_pyqtgraphs_pixels(*drawn)


@pytest.mark.parametrize(("width", "step_mode"), [(1, None), (2.5, "center")])
def test_a_light_curve_has_pyqtgraphs_pixels_and_breaks_at_a_zero_on_the_log_axis(
        qtbot, width, step_mode):
    rng = np.random.default_rng(5)
    x = np.arange(1, 302, dtype=float) * 100.0
    y = 10 ** rng.normal(-2, 0.5, 300 if step_mode else 301)
    if not step_mode:
        y[150] = 0.0  # log10 0 = −inf: no point, the line breaks there (as pyqtgraph's does)
    drawn = []
    for ours in (False, True):
        widget = log_plot(qtbot)
        if ours:
            curve = LightCurve("layer 1", pg.mkPen(BLUE, width=width), step_mode=step_mode)
            widget.getPlotItem().addItem(curve)
            curve.setData(x, y)
            assert curve.getOriginalDataset()[1] is curve._y and curve.name() == "layer 1"
        else:
            widget.plot(x, y, pen=pg.mkPen(BLUE, width=width), connect="finite",
                        stepMode=step_mode)
        widget.getPlotItem().vb.setRange(xRange=(0, 31000), yRange=(-4, 0), padding=0)
        widget.show()
        qtbot.waitExposed(widget)
        drawn.append(pixels(widget))
    assert_pyqtgraphs_pixels(*drawn)


def test_the_gradient_and_loss_plots_draw_their_curves_on_screen(qtbot, owned):
    document = opened(owned, "xor")
    runner = runner_for(owned, document)
    gradients, loss = GradientPlot(document, runner), LossPlot(document, runner)
    for plot in (gradients, loss):
        qtbot.addWidget(plot)
    runner.train_steps(30, "Train")
    gradients.refresh()
    loss.refresh()
    assert all(isinstance(curve, LightCurve) for curve in gradients.curves)
    assert all(isinstance(curve, LightCurve)
               for curve in (loss.batch_curve, loss.epoch_curve, loss.test_curve))
    x, y = gradients.curves[0].getData()  # the data as pyqtgraph keeps it (log-mapped)
    steps, _, norms = runner.history.series(gradients.plot_width())
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_allclose(y, np.log10(norms[:, 0]))


def test_light_dots_cover_what_pyqtgraphs_round_symbols_cover(qtbot):
    """The loss plot's whole-training-set dots: as many dark pixels as pyqtgraph's 5-pixel
    "o" symbols at the same points, within a tenth (both antialiased), each dot where its
    point is."""
    x = np.arange(1, 41, dtype=float) * 700.0
    y = 10 ** np.linspace(-0.5, -3.5, 40)
    drawn = []
    for ours in (False, True):
        widget = log_plot(qtbot)
        if ours:
            dots = LightDots(None, BLUE, 5)
            widget.getPlotItem().addItem(dots)
            dots.setData(x, y)
        else:
            widget.plot(x, y, pen=None, symbol="o", symbolSize=5, symbolBrush=BLUE,
                        symbolPen=None)
        widget.getPlotItem().vb.setRange(xRange=(0, 30000), yRange=(-4, 0), padding=0)
        widget.show()
        qtbot.waitExposed(widget)
        drawn.append(pixels(widget))
    def bluish(image):  # the dots' pixels, antialiased edges included (the axes are grey)
        red, blue = (image >> 16) & 0xFF, image & 0xFF
        return blue.astype(int) - red.astype(int) > 30

    theirs, ours = (bluish(image) for image in drawn)
    assert np.count_nonzero(theirs) > 40 * 12  # forty dots of about 20 pixels
    assert abs(np.count_nonzero(ours) - np.count_nonzero(theirs)) <= 0.1 * np.count_nonzero(theirs)
    assert np.count_nonzero(ours & theirs) >= 0.8 * np.count_nonzero(theirs)  # the same places
