"""The chosen layer's activation f(z) and its slope f′(z), with the neurons' z values marked.

The marks are each neuron's pre-activation z on the training samples (the first few hundred),
placed on both curves: a sigmoid neuron whose marks sit where f′ is near 0 passes almost no
gradient back. The peak of f′ is labelled (sigmoid: 0.25 at z = 0, the notes' "about 0.3").
Every value on the plot comes from engine.model.activations and Network.forward (the document's
DerivedNumbers runs that pass once per change, gui/derived.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox

from engine.analysis import ranges
from engine.model.activations import get_activation
from gui.derived import DerivedNumbers
from gui.document import Document
from gui.frame_clock import FrameClock
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.lesson_hidden import LessonHidden
from gui.plots.export import add_legend
from gui.plots.plot_frame import PlotFrame
from gui.style import BACKWARD, MUTED_TEXT, POSITIVE

Z_RANGE = 6.0  # the curves span at least −6…6, wider if the neurons' z go further
Z_LIMIT = 60.0  # …but never wider than this, so one huge z does not flatten the view
CURVE_POINTS = 401


class ActivationPlot(PlotFrame):
    """f and f′ of one layer, with markers at its neurons' current z values."""

    def __init__(self, document: Document, parent=None):
        title = QCoreApplication.translate("ActivationPlot", "Activation f and slope f′")
        super().__init__(title, FrameClock.of(document), parent)
        self._document = document
        self._derived = DerivedNumbers.of(document)  # first: its slots run before the plot's
        self._lesson = LessonHidden.of(document)  # its neurons are not marked
        self.layer_combo = QComboBox()
        self.add_header_widget(self.layer_combo)
        item = self.plot_item
        item.setLabel("bottom", self.tr("pre-activation z"))
        add_legend(item, (10, 10))
        self.function_curve = item.plot(name="f(z)", pen=pg.mkPen(POSITIVE, width=2.5))
        self.slope_curve = item.plot(
            name="f′(z)", pen=pg.mkPen(BACKWARD, width=2, style=Qt.PenStyle.DashLine)
        )
        self.function_marks = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w"),
                                                 brush=pg.mkBrush(POSITIVE),
                                                 name=self.tr("neurons' (z, f(z))"))
        self.slope_marks = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w"),
                                              brush=pg.mkBrush(BACKWARD),
                                              name=self.tr("neurons' (z, f′(z))"))
        item.addItem(self.function_marks)
        item.addItem(self.slope_marks)
        self.peak_label = pg.TextItem(color=BACKWARD, anchor=(0.5, 1.2))
        item.addItem(self.peak_label, ignoreBounds=True)
        self.note = pg.TextItem(color=MUTED_TEXT, anchor=(0, 0))
        item.addItem(self.note, ignoreBounds=True)
        self.layer_combo.currentIndexChanged.connect(self._on_layer_chosen)
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        document.selection_changed.connect(self._on_selection_changed)
        self._lesson.changed.connect(self._on_weights_changed)
        self._on_structure_changed()

    @property
    def layer(self) -> int:
        return max(self.layer_combo.currentIndex(), 0)

    # ----- document → plot ---------------------------------------------------------------------
    def _on_structure_changed(self):
        layers = self._document.network.layers
        with QSignalBlocker(self.layer_combo):
            keep = self.layer_combo.currentIndex()
            self.layer_combo.clear()
            for index, layer in enumerate(layers):
                text = (self.tr("layer {layer} (output): {activation}")
                        if index == len(layers) - 1 else self.tr("layer {layer}: {activation}"))
                self.layer_combo.addItem(text.format(layer=index + 1,
                                                     activation=layer.activation))
            self.layer_combo.setCurrentIndex(min(max(keep, 0), len(layers) - 1))
        self.refresh()

    def _on_selection_changed(self, item):
        layer = None
        if isinstance(item, NeuronRef) and item.column > 0:
            layer = item.column - 1
        elif isinstance(item, (WeightRef, BiasRef)):
            layer = item.layer
        if layer is not None and layer != self.layer:
            self.layer_combo.setCurrentIndex(layer)

    def _on_layer_chosen(self, _index: int):
        self.refresh()

    def _on_weights_changed(self, *_):
        self.request_refresh()

    # ----- drawing -----------------------------------------------------------------------------
    def _neuron_values(self):
        """(z, a) of the chosen layer's neurons the lesson does not hide, on the first samples
        (rows, neurons); None without data."""
        forward = self._derived.first_rows_pass()
        if forward is None:
            return None
        z = forward.pre_activations[self.layer]
        column = self.layer + 1
        shown = [i for i in range(z.shape[1]) if not self._lesson.hides(NeuronRef(column, i))]
        return z[:, shown], forward.activations[self.layer + 1][:, shown]

    def refresh(self):
        network = self._document.network
        if not network.layers:
            return
        activation = get_activation(network.layers[self.layer].activation)
        values = self._neuron_values()
        reach = Z_RANGE
        if values is not None:
            finite = values[0][np.isfinite(values[0])]
            if finite.size:
                reach = min(max(Z_RANGE, float(np.abs(finite).max()) * 1.1), Z_LIMIT)
        grid = np.linspace(-reach, reach, CURVE_POINTS)[np.newaxis, :]
        self.note.setText("")
        if activation.elementwise:
            f = activation.function(grid)
            slope = activation.derivative(grid, f)
            self.function_curve.setData(grid[0], f[0])
            self.slope_curve.setData(grid[0], slope[0])
            peak = int(np.argmax(slope[0]))
            self.peak_label.setText(self.tr("largest slope f′ = {slope:.3g} at z = {z:.2g}")
                                    .format(slope=slope[0, peak], z=grid[0, peak]))
            self.peak_label.setPos(float(grid[0, peak]), float(slope[0, peak]))
        else:
            self.function_curve.setData([], [])
            self.slope_curve.setData([], [])
            self.peak_label.setText("")
            self.note.setText(self.tr("softmax: each output depends on every z of the layer,\n"
                                      "so there is no single curve; marks show (z, a)."))
            self.note.setPos(-reach, 1.0)
        if values is not None and not all(ranges.plottable(*extent) for extent in
                                          map(ranges.finite_range, values) if extent):
            self.note.setText(self.tr("the neurons' z or a are too large to mark\n"
                                      "(a plot shows numbers within ±{limit:.0e} only)")
                              .format(limit=ranges.PLOT_LIMIT))
            self.note.setPos(-reach, 0.65)  # below the legend
            values = None
        self._mark(activation, values)

    def _mark(self, activation, values):
        if values is None:
            self.function_marks.setData([], [])
            self.slope_marks.setData([], [])
            return
        z, a = values
        self.function_marks.setData(z.ravel(), a.ravel())
        if activation.elementwise:
            self.slope_marks.setData(z.ravel(), activation.derivative(z, a).ravel())
        else:
            self.slope_marks.setData([], [])
