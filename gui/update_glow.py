"""The canvas shows each step of a paced run: the weights the step changed glow amber.

During a paced run (the Training dock's pace below full speed) every step is shown; this item,
drawn over the connections, highlights each line by how far its weight moved in the step
(engine.training.timeline.update_strength: |Δw| / max |Δw| of its layer), thicker and
brighter the more it moved, fading out before the next step. Layers of more than
``MAX_LINES`` connections are drawn as images by the canvas and are not highlighted.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from engine.training.timeline import update_strength

GLOW = (255, 170, 0)
MAX_LINES = 5_000
FADE_STEPS = 12  # repaints while a highlight fades


class GlowItem(QGraphicsItem):
    """Amber lines over the connections that moved: ``strengths`` per layer (n_out, n_in)."""

    def __init__(self, scene):
        super().__init__()
        self._scene = scene
        self.strengths = None
        self.opacity_share = 0.0
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._scene.sceneRect()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.strengths is None or self.opacity_share <= 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for block, strength in zip(self._scene.blocks, self.strengths, strict=False):
            if strength.size > MAX_LINES:
                continue
            lines = block._line_list()  # (target, source) order: the rows of W
            for line, value in zip(lines, strength.ravel().tolist(), strict=False):
                if value <= 0.02:
                    continue
                color = QColor(*GLOW, int(255 * self.opacity_share * (0.35 + 0.65 * value)))
                painter.setPen(QPen(color, 1.5 + 4.5 * value))
                painter.drawLine(line)


class UpdateGlow(QObject):
    """Compares the weights of each paced step with the step before and lights the change."""

    def __init__(self, document, runner, scene, parent=None):
        super().__init__(parent)
        self._document, self._runner, self._scene = document, runner, scene
        self.item = GlowItem(scene)
        scene.addItem(self.item)
        self._before = None
        self._step = -1  # the step whose update is lit
        self._shown_at = 0.0
        self._fade = QTimer(self)
        self._fade.timeout.connect(self._on_fade)
        runner.progressed.connect(self._on_progressed)
        runner.about_to_train.connect(self._remember)

    def _weights(self):
        return [layer.weights.copy() for layer in self._document.network.layers]

    def _remember(self):
        self._before = self._weights() if self._runner.pace is not None else None

    def _on_progressed(self):
        if self._runner.pace is None:
            self._before = None
            return
        if self._runner.step_count == self._step:
            return  # no new step (a pause tells the views once more)
        self._step = self._runner.step_count
        after = self._weights()
        before, self._before = self._before, after
        if before is None or [w.shape for w in before] != [w.shape for w in after]:
            return
        self.item.strengths = update_strength(before, after)
        self.item.opacity_share = 1.0
        self._shown_at = time.perf_counter()
        self._fade.start(max(15, round(1000 / self._runner.pace / FADE_STEPS)))
        self.item.update()

    def _on_fade(self):
        period = 1.0 / max(self._runner.pace or 1.0, 1e-3)
        share = 1.0 - (time.perf_counter() - self._shown_at) / period
        self.item.opacity_share = max(0.0, share)
        if share <= 0:
            self._fade.stop()
        self.item.update()
