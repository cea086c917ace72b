"""The first layer's weights of an 8×8-pixel network as a grid of small images: what each
neuron looks for in a digit (blue: ink there raises its z, orange: lowers it), and the test
accuracy the engine measures."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.lessons.datasets import IMAGE_SIDE, PIXELS, weight_mosaic
from engine.lessons.values import test_accuracy
from gui.document import Document
from gui.frame_clock import FrameClock, Repaint
from gui.style import NEGATIVE, POSITIVE

COLUMNS = 5
COLOURS = pg.ColorMap([0.0, 0.5, 1.0], [NEGATIVE, (255, 255, 255), POSITIVE])


class DigitWeights(QWidget):
    """One 8×8 image per neuron of layer 1 (the weights into it, labelled with the neuron's
    label) in one picture, redrawn from the document when its weights change (on the frame
    clock); nothing when the network's inputs are not 64 pixels."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self._labels: list[pg.TextItem] = []
        self.frames = Repaint(FrameClock.of(document), self, self.refresh)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.accuracy_label = QLabel()
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setMinimumHeight(140)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.view = self.plot.getViewBox()
        self.view.setAspectLocked(True)
        self.view.invertY(True)
        self.picture = pg.ImageItem()
        self.picture.setColorMap(COLOURS)
        self.view.addItem(self.picture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.accuracy_label)
        self.caption.setText(self.tr("Weights into each output, as 8×8 images "
                                     "(blue: ink here counts for it, orange: against it)"))
        document.weights_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        self._on_structure_changed()

    @property
    def shown(self) -> bool:
        """Whether the network has 64 inputs, so its weights are pictures."""
        return self._document.network.input_size == PIXELS

    def pixels(self):
        """The picture shown, row by row (see engine.lessons.datasets.weight_mosaic)."""
        return self.picture.image.T

    def refresh(self):
        if not self.shown:
            return
        mosaic, largest = weight_mosaic(self._document.network.layers[0].weights, COLUMNS)
        self.picture.setImage(mosaic.T, levels=(-largest, largest))  # ImageItem's x: column
        data = self._document.data
        if data is not None and data.has_test_split:
            self.accuracy_label.setText(self.tr("Test accuracy: {share:.1%} of {count} images "
                                                "never trained on").format(
                share=test_accuracy(self._document.experiment), count=len(data.test_inputs)))

    def _on_weights_changed(self, _layer: int):
        self.frames.mark_dirty()

    def _on_structure_changed(self):
        """Label each cell with its neuron's label (the digit), then draw."""
        for label in self._labels:
            self.view.removeItem(label)
        self._labels = []
        self.plot.setVisible(self.shown)
        if not self.shown:
            return
        layer = self._document.network.layers[0]
        names = layer.labels or [str(index + 1) for index in range(layer.n_out)]
        cell = IMAGE_SIDE + 1
        for index, name in enumerate(names):
            label = pg.TextItem(name, color=(40, 40, 40), anchor=(0.15, 0.15))  # corner: no ink
            label.setPos((index % COLUMNS) * cell, (index // COLUMNS) * cell)
            self.view.addItem(label)
            self._labels.append(label)
        self.refresh()
        self.view.autoRange(padding=0.04)

    def showEvent(self, event):
        super().showEvent(event)
        self.frames.catch_up()
