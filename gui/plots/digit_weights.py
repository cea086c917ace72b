"""The first layer's weights of an 8×8-pixel network as a grid of small images: what each
neuron looks for in a digit (blue: ink there raises its z, orange: lowers it)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.lessons.datasets import PIXELS, weight_images
from gui.document import Document
from gui.frame_clock import FrameClock, Repaint
from gui.style import NEGATIVE, POSITIVE

COLUMNS = 5
COLOURS = pg.ColorMap([0.0, 0.5, 1.0], [NEGATIVE, (255, 255, 255), POSITIVE])


class DigitWeights(QWidget):
    """One 8×8 image per neuron of layer 1 (the weights into it), labelled with the neuron's
    label; redrawn from the document when its weights change (on the frame clock)."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self._images: list[pg.ImageItem] = []
        self._labels: list[pg.LabelItem] = []
        self.frames = Repaint(FrameClock.of(document), self, self.refresh)
        self.caption = QLabel()
        self.grid = pg.GraphicsLayoutWidget()
        self.grid.setBackground("w")
        self.grid.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.grid, 1)
        self.caption.setText(self.tr("Weights into each output, as 8×8 images "
                                     "(blue: ink here counts for it, orange: against it)"))
        self.caption.setWordWrap(True)
        document.weights_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        self._build()

    @property
    def image_count(self) -> int:
        return len(self._images)

    def image(self, index: int):
        """The pixels image ``index`` shows, shape (8, 8), row by row as the digit is drawn."""
        return self._images[index].image.T

    def _build(self):
        """One small view per neuron of layer 1 (none when the inputs are not 64 pixels)."""
        self.grid.clear()
        self._images, self._labels = [], []
        network = self._document.network
        if network.input_size != PIXELS:
            return
        layer = network.layers[0]
        names = layer.labels or [str(i + 1) for i in range(layer.n_out)]
        for index in range(layer.n_out):
            cell = self.grid.addLayout(row=index // COLUMNS, col=index % COLUMNS)
            label = cell.addLabel(names[index], row=0, col=0, size="8pt")
            view = cell.addViewBox(row=1, col=0, lockAspect=True, enableMouse=False,
                                   invertY=True)
            image = pg.ImageItem()
            image.setColorMap(COLOURS)
            view.addItem(image)
            self._images.append(image)
            self._labels.append(label)
        self.refresh()

    def refresh(self):
        if not self._images:
            return
        images, largest = weight_images(self._document.network.layers[0].weights)
        for item, pixels in zip(self._images, images, strict=True):
            item.setImage(pixels.T, levels=(-largest, largest))  # ImageItem's x is the column

    def _on_weights_changed(self, _layer: int):
        self.frames.mark_dirty()

    def _on_structure_changed(self):
        self._build()

    def showEvent(self, event):
        super().showEvent(event)
        self.frames.catch_up()
