"""Issue 12, family 4: a window on a network of millions of parameters opens and answers keys.

The network is 4096 → 2440 → 1: 9,999,121 parameters, the largest two-layer network within the
file reader's limits (4,096 neurons in a layer, 10,000,000 parameters). Nothing in the window
may hold a list, a row or an item per parameter: the Loss Landscape's boxes name a parameter
only when shown (gui/models/parameter_model.py), so they still offer every one — the first,
the last and one in the middle, found by position.
"""

from __future__ import annotations

import gc
import time

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from engine.model.parameter_names import parameter_at, parameter_name
from gui import files
from gui.document import Document
from gui.main_window import MainWindow

SIZES = (4096, 2440, 1)
PARAMETERS = 4096 * 2440 + 2440 + 2440 + 1  # 9,999,121
KEY_LATENCY_S = 0.100


def big_network() -> Network:
    rng = np.random.default_rng(0)
    layers = [Layer(rng.normal(0.0, n_in ** -0.5, (n_out, n_in)), np.zeros(n_out), "sigmoid")
              for n_in, n_out in zip(SIZES, SIZES[1:], strict=False)]
    layers[-1].activation = "identity"
    return Network(SIZES[0], layers)


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("big-network")
    rng = np.random.default_rng(1)
    experiment = Experiment(big_network(), data=Dataset(rng.random((4, SIZES[0])),
                                                        rng.random((4, 1))))
    patch = pytest.MonkeyPatch()
    patch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(experiment), settings, files.RecoveryFile(str(folder / "r")))
    window.resize(1280, 800)
    window.show()
    window.training_docks.landscape_dock.raise_()
    yield window
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)
    patch.undo()


def settle(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()


def test_the_landscape_boxes_offer_the_first_the_last_and_a_middle_parameter(window):
    plot = window.training_docks.landscape_plot
    assert window.document.network.parameter_count == PARAMETERS
    for box in (plot.first_box, plot.second_box):
        model = box.parameter_model
        assert model.count == PARAMETERS and not model.flat
        for position in (0, PARAMETERS // 2, PARAMETERS - 1):
            quantity = parameter_at(window.document.network, position)
            index = model.index_of(quantity)
            path = []
            while index.isValid():  # from the root down, as the popup opens it
                path.insert(0, index.row())
                index = model.parent(index)
            found = model.index(path[0], 0)
            for row in path[1:]:
                found = model.index(row, 0, found)
            assert model.data(found) == parameter_name(quantity)
    assert plot.first_box.currentText() == "w2[1,1]"  # the output layer's first weight
    assert "9,999,121 parameters" in plot.first_box.toolTip()


def test_choosing_a_parameter_in_the_popup_shows_its_landscape(qtbot, window):
    plot = window.training_docks.landscape_plot
    box = plot.first_box
    middle = parameter_at(window.document.network, PARAMETERS // 2)  # 4,999,560
    assert parameter_name(middle) == "w1[1221,2441]"
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    model = box.parameter_model
    target = model.index_of(middle)
    for index in (target.parent().parent(), target.parent(), target):
        view.scrollTo(index)
        point = view.visualRect(index).center()
        assert view.viewport().rect().contains(point)  # the popup is tall enough to show it
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
        if index != target:
            assert view.isExpanded(index) and view.isVisible()
    qtbot.waitUntil(lambda: not view.isVisible())
    assert box.currentText() == "w1[1221,2441]" and plot.parameters == (middle,)
    qtbot.waitUntil(lambda: plot.result is not None and plot.result.landscape is not None,
                    timeout=20_000)
    assert plot.result.landscape.names == ("w1[1221,2441]",)
    assert plot.plot_item.getAxis("bottom").labelText == "w1[1221,2441]"


def test_a_group_chosen_with_the_arrow_keys_keeps_the_parameter(qtbot, window):
    plot = window.training_docks.landscape_plot
    chosen = plot.first_box.currentText()
    plot.first_box.setFocus()
    qtbot.keyClick(plot.first_box, Qt.Key.Key_Down)  # row 0 of its group: Qt goes to row 1, b1
    assert plot.first_box.currentText() == chosen and plot.parameters[0] is not None


def test_the_step_key_says_the_trace_is_too_big_to_step_through(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.canvas.setFocus()
    panel = window.step_panel
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert panel.formula_label.text() == (
        "Nothing to step through: a trace of one step here is about 10,025,269 numbers "
        "(parameters + samples × neurons), more than the limit of 500,000: step through a "
        "smaller network or batch.")  # 9,999,121 + 4 samples × 6,537 neurons
    assert panel.position_label.text() == "No steps" and not panel.next_action.isEnabled()


def test_the_weight_table_answers_the_arrow_keys_within_100_ms(qtbot, window):
    """Each key moves to the next weight of W1 (4096 × 2440): the table, the inspector, the
    canvas's mark and the landscape's θ₁ follow before the key's handling ends."""
    window.weight_tables_dock.raise_()
    table = window.weight_tables.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    settle(1.0)  # the first frames of every view
    # this process holds what every earlier test left behind: sweep it once now, and keep it
    # out of later sweeps, so a collection of other tests' objects is not timed as the window's
    gc.collect()
    gc.freeze()
    try:
        latencies, posted = [], []

        def handled(*_):
            latencies.append(time.perf_counter() - posted.pop())

        table.selectionModel().currentChanged.connect(handled)  # after the window's own handlers
        for _ in range(8):
            posted.append(time.perf_counter())
            QApplication.postEvent(table, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down,
                                                    Qt.KeyboardModifier.NoModifier))
            end = time.perf_counter() + 5
            while posted and time.perf_counter() < end:
                QApplication.processEvents()
            settle(0.15)  # the frame the move asks for
        table.selectionModel().currentChanged.disconnect(handled)
    finally:
        gc.unfreeze()
    assert len(latencies) == 8
    assert max(latencies) < KEY_LATENCY_S, sorted(latencies)
    assert table.currentIndex().row() == 8
    assert window.training_docks.landscape_plot.first_box.currentText() == "w1[9,1]"


def test_the_gradient_check_refuses_with_the_count_instead_of_freezing(qtbot, window):
    docks = window.training_docks
    docks.gradcheck_dock.raise_()
    panel = docks.gradcheck_panel
    started = time.perf_counter()
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 1.0
    assert panel.verdict.text() == (
        "9,999,121 parameters on a batch of 4 samples are too many to check here (five forward "
        "passes each): use python main.py gradcheck FILE")
    assert panel.table.rowCount() == 0
