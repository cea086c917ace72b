"""The Gradient Check dock: the engine's check of every ∂E/∂θ in a table, worst first, and the
canvas marking a mismatch."""

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.analysis.gradcheck import check_parameters
from engine.model.network import Network
from gui.items import BiasRef, WeightRef
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401  (fixtures)


def cells(table, row):
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_every_gradient_of_xor_agrees_and_nothing_is_marked(qtbot, make_window):  # noqa: F811
    window = make_window("preset:xor")
    panel = window.training_docks.gradcheck_panel
    window.training_docks.gradcheck_dock.raise_()
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    table = panel.table
    assert table.rowCount() == 9  # 2-2-1: six weights, three biases
    document = window.document
    expected = check_parameters(document.network.copy(), document.data.inputs,
                                document.data.targets)  # full batch: the next batch is all
    assert [cells(table, row)[0] for row in range(9)] == [c.name for c in expected]
    errors = [float(cells(table, row)[3]) for row in range(9)]
    assert errors == sorted(errors, reverse=True) and max(errors) <= 1e-6
    assert float(cells(table, 0)[1]) == float(f"{expected[0].analytic:.12g}")
    assert panel.marks.refs == frozenset()
    assert panel.verdict.text().startswith("✓ Every gradient agrees on 4 samples")


def test_a_corrupted_gradient_is_flagged_in_the_table_and_on_the_canvas(
        qtbot, make_window, monkeypatch):  # noqa: F811
    window = make_window("preset:xor")
    original = Network.backward

    def wrong_backward(self, forward, targets, need_input_grad=True):
        gradients = original(self, forward, targets, need_input_grad)
        gradients.grad_weights[1][0, 1] += 0.01  # w2[1,2] is off
        gradients.grad_biases[0][1] *= 2.0  # b1[2] too
        return gradients

    monkeypatch.setattr(Network, "backward", wrong_backward)
    panel = window.training_docks.gradcheck_panel
    window.training_docks.gradcheck_dock.raise_()
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    table = panel.table
    flagged = {cells(table, row)[0] for row in range(table.rowCount())
               if cells(table, row)[0].endswith("✗")}
    assert flagged == {"w2[1,2]  ✗", "b1[2]  ✗"}
    assert {cells(table, 0)[0], cells(table, 1)[0]} == flagged  # worst first
    assert not math.isnan(float(cells(table, 0)[3])) and float(cells(table, 0)[3]) > 1e-6
    assert panel.marks.refs == {WeightRef(1, 0, 1), BiasRef(0, 1)}
    assert panel.marks.scene() is window.canvas.network_scene
    assert "2 of 9 gradients disagree" in panel.verdict.text()
    monkeypatch.setattr(Network, "backward", original)
    window.document.set_parameter(0, 0, 0, 0.5)  # a change: the check no longer applies
    assert table.rowCount() == 0 and panel.marks.refs == frozenset()


def test_marks_are_painted_red_where_the_weight_is(qtbot, make_window):  # noqa: F811
    window = make_window("preset:xor")
    panel = window.training_docks.gradcheck_panel
    view = window.canvas
    scene = view.network_scene
    layout = scene.layout
    middle = (layout.centre(1, 1) + layout.centre(2, 0)) / 2  # w2[1,2]'s line
    before = view.grab().toImage().pixelColor(view.mapFromScene(middle))
    panel.marks.set_refs([WeightRef(1, 0, 1)])
    qtbot.wait(50)
    after = view.grab().toImage().pixelColor(view.mapFromScene(middle))
    assert after != before
    assert after.red() > 150 and after.green() < 80 and after.blue() < 80


def test_a_weight_change_without_marks_repaints_no_part_of_the_canvas_for_them(
        qtbot, make_window):  # noqa: F811
    """Every training frame clears the check; with no marks to take away, the marks' item
    (the whole network's size) must not ask for a repaint, or the whole canvas repaints every
    frame."""
    window = make_window("preset:xor")
    scene = window.canvas.network_scene
    marks = window.training_docks.gradcheck_panel.marks
    changed = []
    scene.changed.connect(changed.extend)
    qtbot.wait(50)
    changed.clear()
    window.training_docks.gradcheck_panel.clear()
    QApplication.processEvents()
    whole = marks.sceneBoundingRect()
    assert not any(rect.contains(whole) for rect in changed)
    marks.set_refs([WeightRef(1, 0, 1)])
    QApplication.processEvents()
    assert any(rect.contains(whole) for rect in changed)  # (the check: it would be seen)
