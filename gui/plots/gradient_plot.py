"""Per-layer gradient magnitude ‖∂E/∂W‖_F: one curve per layer over the steps, and beside it
the gradient by depth (gui/plots/depth_plot.py), both on a log scale.

With sigmoids the first layers' curves and bars sit far below the last layer's (each layer back
multiplies δ by f′ ≤ 0.25: the vanishing gradient of the notes); with ReLU they stay together.
Colours run from dark (layer 1, nearest the input) to light (the output layer) along viridis,
and the depth view's axis is their legend. "Fixed axis" shows 10⁻¹⁰ … 10¹ whatever the run, so
two networks (the sigmoid and ReLU presets) compare at a glance. For a network with sigmoid
hidden layers a note puts σ′'s largest value beside the measured layer ratios
(engine.analysis.diagnostics.layer_ratios).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QLabel

from engine.analysis.diagnostics import layer_ratios
from engine.model.activations import get_activation
from gui.derived import DerivedNumbers
from gui.document import Document
from gui.plots.depth_plot import DepthPlot, layer_colors
from gui.plots.ghost_curves import GhostCurves
from gui.plots.history_plot import HistoryPlot
from gui.plots.light_curve import LightCurve
from gui.richtext import numbers_text
from gui.style import MUTED_TEXT
from gui.training_runner import TrainingRunner

FIXED_DECADES = (-10.0, 1.0)  # the fixed axis: 10⁻¹⁰ … 10¹ holds both vanishing presets' runs
SIDE_BY_SIDE = 1.2  # the depth view goes beside the curves when width ≥ this × height
RATIO_DIGITS = 2
NOTES_SLOPE = 0.3  # what the notes say sigmoid's slope is "about"
GRADIENT_OF = "‖∂E\u2060/\u2060∂W{}‖".format  # word joiners: a line never breaks inside it
NOTE_FONT_SCALE = 0.9  # the note is a footnote to the plots


class GradientPlot(HistoryPlot):
    """One curve per layer of the per-step Frobenius norm of ∂E/∂W, from the engine History,
    and the gradient by depth: the last step's norms as bars."""

    def __init__(self, document: Document, runner: TrainingRunner, parent=None):
        super().__init__(QCoreApplication.translate("GradientPlot", "‖∂E/∂W‖ per layer"),
                         runner, document, parent)
        self._shares = DerivedNumbers.of(document).sample_shares
        self.curves: list[LightCurve] = []
        self._first_step_norms = None  # the record's step 1, kept once read
        item = self.plot_item
        item.setLabel("bottom", self.tr("training step"))
        item.setLabel("left", "‖∂E/∂W‖")  # i18n: as is
        self.fixed_check = QCheckBox(self.tr("fixed axis 10⁻¹⁰…10¹"))
        self.fixed_check.setToolTip(self.tr("The same gradient axis for every network and run, "
                                            "to compare the sigmoid and ReLU presets at a glance"))
        self.add_header_widget(self.fixed_check)
        self.depth = DepthPlot(self)
        self.depth.follow_y(item)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(2)
        layout = self.layout()
        layout.removeWidget(self.plot_widget)
        self.body.addWidget(self.plot_widget, 3)
        self.body.addWidget(self.depth, 2)
        layout.addLayout(self.body, 1)
        self.slope_note = QLabel()
        self.slope_note.setTextFormat(Qt.TextFormat.PlainText)
        self.slope_note.setWordWrap(True)
        self.slope_note.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        font = self.slope_note.font()
        font.setPointSizeF(font.pointSizeF() * NOTE_FONT_SCALE)
        self.slope_note.setFont(font)
        layout.addWidget(self.slope_note)
        self.start_following()  # the range moves in coarse jumps: axes rarely repaint
        self.ghosts = GhostCurves(item, None, "gradient")  # runs kept for comparison
        self.fixed_check.toggled.connect(self._on_fixed_toggled)
        runner.history_replaced.connect(self._forget_first_step)
        self.follow_runner()

    # ----- options -----------------------------------------------------------------------------
    def _on_fixed_toggled(self, fixed: bool):
        """The fixed axis is a log axis: the log option waits until it is off again."""
        if fixed:
            self.log_check.setChecked(True)
        self.log_check.setEnabled(not fixed)
        self.forget_range()
        self.refresh()

    def _hold_fixed_range(self) -> None:
        view = self.plot_item.vb
        if not np.allclose(view.viewRange()[1], FIXED_DECADES):
            view.setYRange(*FIXED_DECADES, padding=0)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE * self.height()
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide
                               else QBoxLayout.Direction.TopToBottom)

    # ----- drawing -----------------------------------------------------------------------------
    def _make_curves(self, count: int):
        """One curve per layer, made only when the number of layers changes."""
        for curve in self.curves:
            self.plot_item.removeItem(curve)
        self.curves = []
        colors = layer_colors(count)
        for index, color in enumerate(colors):
            name = f"layer {index + 1}" + (" (output)" if index == count - 1 > 0 else "")
            # one pixel wide: Qt's fast line path (a 1.5 px stroke cost three times as much,
            # 1.5 of a frame's 16.7 ms on seven curves)
            curve = LightCurve(name, pg.mkPen(color, width=1))  # its name: a CSV column
            self.plot_item.addItem(curve)
            self.curves.append(curve)
        self.depth.set_layers(colors)

    def _forget_first_step(self):
        self._first_step_norms = None

    def _first_step(self, history):
        """The norms of the record's step 1 (None once the exact store no longer holds it)."""
        if self._first_step_norms is None and history.first_exact_step == 1:
            self._first_step_norms = history.exact()[2][0].copy()
        return self._first_step_norms

    def refresh(self):
        history = self._runner.history
        if len(self.curves) != history.n_layers:
            self._make_curves(history.n_layers)
        log = self.log_check.isChecked()
        fixed = self.fixed_check.isChecked()
        if history.count == 0 or self.hidden_by_lesson():
            for curve in self.curves:
                curve.setData([], [])
            self._first_step_norms = None
            self.depth.draw_norms(None, None, log)
            self._show_slope_note(None, None)
            self.forget_range()
            return
        steps, _, grad_norms = history.series(self.plot_width())
        for index, curve in enumerate(self.curves):
            curve.setData(steps, grad_norms[:, index])
        samples = self._sample_norms()
        self.follow(max(float(steps[-1]), self.ghosts.last_step()),
                    [] if fixed else [grad_norms.ravel(), samples, *self.ghosts.values()])
        if fixed and self._follow:  # (unless the learner zoomed or panned)
            self._hold_fixed_range()
        now = history.exact(1)[2][-1]
        first = self._first_step(history)
        self.depth.draw_norms(now, first, log, samples)
        self._show_slope_note(now, first)

    def _sample_norms(self):
        """One sample's share of each ‖∂E/∂W⁽ˡ⁾‖ now (the engine's, gui/derived.py): current
        outside a run, during one at most ten times a second."""
        return self._shares.norms(now=not self._runner.clock.running)

    def _show_slope_note(self, now, first) -> None:
        """For sigmoid hidden layers: σ′'s largest value and the measured layer ratios."""
        hidden = self._document.network.layers[:-1]
        if now is None or not any(layer.activation == "sigmoid" for layer in hidden):
            self.slope_note.setVisible(False)
            return
        facts = {"slope": f"{get_activation('sigmoid').max_slope:g}",
                 "notes": f"{NOTES_SLOPE:g}",
                 "ratio": f"{GRADIENT_OF('⁽ˡ⁾')} / {GRADIENT_OF('⁽ˡ⁺¹⁾')}",
                 "now": numbers_text(layer_ratios(now), RATIO_DIGITS)}
        if first is None:
            text = self.tr("Each sigmoid layer multiplies the gradient by at most σ′ = {slope} "
                           "(the notes say about {notes}). {ratio} from layer 1; now: {now}")
        else:
            facts["first"] = numbers_text(layer_ratios(first), RATIO_DIGITS)
            text = self.tr("Each sigmoid layer multiplies the gradient by at most σ′ = {slope} "
                           "(the notes say about {notes}). {ratio} from layer 1 at step 1: "
                           "{first}; now: {now}")
        self.slope_note.setText(text.format(**facts))
        self.slope_note.setVisible(True)
