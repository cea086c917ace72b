"""Gradient Check: every backpropagated ∂E/∂θ of the next batch against a central difference.

A button runs the engine's check (engine/analysis/gradcheck.py, the same as ``python main.py
gradcheck FILE``) on the batch the next training step would use; the table lists each
parameter's analytic and numeric ∂E/∂θ and their relative error, worst first, a mismatch
(relative error above 1e-6) in red with ✗. The canvas marks every mismatched weight (a red
cross on its line) and bias (a red ring around its neuron) with :class:`MismatchMarks`, an
item of its own laid over the canvas' items. The check and the marks are dropped when the
network or the data change: they described numbers that are gone.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.analysis.gradcheck import ParameterCheck, check_parameters, check_work
from engine.commands.gradcheck import TOLERANCE
from engine.lesson.quantities import Kind
from gui.document import Document
from gui.items import BiasRef, WeightRef
from gui.lesson_hidden import LessonHidden, hidden_note
from gui.style import ERROR_STYLE, ERROR_TEXT, MUTED_TEXT

MAX_WINDOW_WORK = 200_000_000  # multiply-adds: about a second, so the window does not freeze
MARK_SIZE = 9.0  # half the cross on a weight's line, in scene units
MARK_Z = 50  # above the canvas' lines and neurons


def ref_of(check: ParameterCheck):
    """The canvas item of a checked parameter: a WeightRef or a BiasRef."""
    q = check.parameter
    if q.kind == Kind.WEIGHT:
        return WeightRef(q.layer, q.neuron, q.source)
    return BiasRef(q.layer, q.neuron)


class MismatchMarks(QGraphicsItem):
    """Red crosses on mismatched weights' lines and red rings around mismatched biases'
    neurons, placed from the scene's layout whenever painted."""

    def __init__(self, scene):
        super().__init__()
        self._scene = scene
        self.refs: frozenset = frozenset()
        self.setZValue(MARK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        scene.addItem(self)

    def set_refs(self, refs) -> None:
        refs = frozenset(refs)
        if refs == self.refs:
            return  # (every training frame clears the check: no marks stay no marks)
        self.prepareGeometryChange()
        self.refs = refs
        self.update()

    def boundingRect(self) -> QRectF:
        return self._scene.layout.bounds()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        layout = self._scene.layout
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(ERROR_TEXT, 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ref in self.refs:
            if ref.layer + 1 >= len(layout.sizes):
                continue
            if isinstance(ref, WeightRef):
                middle = (layout.centre(ref.layer, ref.source)
                          + layout.centre(ref.layer + 1, ref.neuron)) / 2
                for dx, dy in ((1, 1), (1, -1)):
                    offset = QPointF(dx, dy) * MARK_SIZE
                    painter.drawLine(middle - offset, middle + offset)
            else:
                radius = layout.radii[ref.layer + 1] + 5
                painter.drawEllipse(layout.centre(ref.layer + 1, ref.neuron), radius, radius)


class GradientCheckPanel(QWidget):
    """The Check Gradients button, the table of checks (worst first), the verdict."""

    def __init__(self, document: Document, runner, scene, parent=None):
        super().__init__(parent)
        self._document = document
        self._runner = runner
        self.checks: list[ParameterCheck] = []
        self._lesson = LessonHidden.of(document)
        self.marks = MismatchMarks(scene)
        self.button = QPushButton(self.tr("Check Gradients"))
        self.button.setToolTip(self.tr(
            "Compare every backpropagated ∂E/∂θ of the next training batch with a central "
            "finite difference (as python main.py gradcheck FILE)"))
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([
            self.tr("parameter"), self.tr("analytic ∂E/∂θ"), self.tr("numeric ∂E/∂θ"),
            self.tr("relative error")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.button)
        top.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.button.clicked.connect(self.run_check)
        for signal in (document.weights_changed, document.structure_changed,
                       document.data_changed, document.experiment_replaced,
                       self._lesson.changed):
            signal.connect(self.clear)

    def run_check(self) -> None:
        """Check every parameter on the next batch and show the result."""
        network, data = self._document.network, self._document.data
        if data is None or len(data) == 0 or not network.layers:
            self._show_problem(self.tr("No samples to check the gradients on."))
            return
        if self._lesson.hides_output:  # each ∂E/∂θ would give the lesson's hidden values away
            self._show_problem(hidden_note())
            return
        rows = self._runner.trainer.next_batch()
        if check_work(network, len(rows)) > MAX_WINDOW_WORK:
            self._show_problem(self.tr(
                "{count} parameters on a batch of {batch} samples are too many to check here "
                "(five forward passes each): use python main.py gradcheck FILE").format(
                    count=f"{network.parameter_count:,}", batch=f"{len(rows):,}"))
            return
        self.checks = check_parameters(network.copy(), data.inputs[rows], data.targets[rows])
        self._fill_table()
        bad = [check for check in self.checks if not check.relative_error <= TOLERANCE]
        self.marks.set_refs(ref_of(check) for check in bad)
        worst = self.checks[0].relative_error if self.checks else 0.0
        if bad:
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.verdict.setText(self.tr(
                "✗ {count} of {total} gradients disagree (largest relative error {worst}, "
                "limit {limit}): the backward pass is wrong there, marked red on the "
                "canvas.").format(count=len(bad), total=len(self.checks), worst=f"{worst:.3g}",
                                   limit=f"{TOLERANCE:g}"))
        else:
            self.verdict.setStyleSheet(f"color: {MUTED_TEXT.name()};")
            self.verdict.setText(self.tr(
                "✓ Every gradient agrees on {batch} samples: largest relative error {worst} "
                "(limit {limit}).").format(batch=len(rows), worst=f"{worst:.3g}",
                                            limit=f"{TOLERANCE:g}"))

    def _fill_table(self) -> None:
        table = self.table
        table.setRowCount(len(self.checks))
        for row, check in enumerate(self.checks):
            bad = not check.relative_error <= TOLERANCE
            texts = (check.name + ("  ✗" if bad else ""), f"{check.analytic:.12g}",
                     f"{check.numeric:.12g}",
                     "nan" if math.isnan(check.relative_error) else f"{check.relative_error:.3g}")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if bad:
                    item.setForeground(ERROR_TEXT)
                table.setItem(row, column, item)

    def _show_problem(self, text: str) -> None:
        self.clear()
        self.verdict.setStyleSheet(ERROR_STYLE)
        self.verdict.setText(text)

    def clear(self, *_args) -> None:
        """Forget the check: the numbers it was about have changed."""
        self.checks = []
        self.table.setRowCount(0)
        self.marks.set_refs(())
        self.verdict.setText("")
