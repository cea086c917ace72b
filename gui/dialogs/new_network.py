"""File ▸ New: choose the layer sizes, an activation per layer and the loss.

The sizes are typed the way the lesson writes a network, e.g. "2, 3, 1" (inputs first); one
activation box per non-input layer appears as the sizes are typed. The engine checks the
result against the rule book (limits, softmax only at the output, loss fits the output)
before the dialog accepts.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from engine.errors import NetworkError
from engine.model import rules
from engine.model.activations import ACTIVATION_NAMES
from engine.model.experiment import Experiment
from engine.model.initializers import INITIALIZERS, initialize_network
from engine.model.losses import LOSS_NAMES
from engine.model.network import Layer, Network
from gui.style import ERROR_STYLE

DEFAULT_SIZES = "2, 3, 1"


def parse_sizes(text: str) -> list[int]:
    """Layer sizes from "2, 3, 1" (commas, spaces or dashes between); NetworkError if bad."""
    parts = [p for p in text.replace("-", ",").replace(" ", ",").split(",") if p]
    if len(parts) < 2:
        raise NetworkError("sizes", QCoreApplication.translate(
            "NewNetworkDialog", "give at least an input and an output size, e.g. 2, 3, 1"))
    sizes = []
    for part in parts:
        try:
            size = int(part)
        except ValueError:
            raise NetworkError("sizes", QCoreApplication.translate(
                "NewNetworkDialog", "“{part}” is not a whole number").format(part=part)) from None
        if size < 1:
            raise NetworkError("sizes", QCoreApplication.translate(
                "NewNetworkDialog", "{size} neurons: every layer needs at least one").format(
                size=size))
        sizes.append(size)
    return sizes


def build_experiment(sizes, activations, loss: str, scheme: str, seed: int) -> Experiment:
    """A fresh network of ``sizes``, checked by the rule book first (NetworkError if not)."""
    limits = rules.SizeCheck(sizes[0], len(activations))  # as a file with these sizes is
    for index, (n_out, activation) in enumerate(zip(sizes[1:], activations, strict=True)):
        rules.check_softmax_place(activation, index, len(activations))
        limits.add_layer(index, n_out)
    rules.check_loss_fits_output(loss, activations)
    layers = [Layer(np.zeros((n_out, n_in)), np.zeros(n_out), activation)
              for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True)]
    network = Network(sizes[0], layers, loss=loss,
                      name=QCoreApplication.translate("MainWindow", "Untitled"))
    experiment = Experiment(network)
    options = {"value": 1.0} if scheme == "constant" else {}
    initialize_network(network, scheme, seed, **options)
    return experiment


class NewNetworkDialog(QDialog):
    """Sizes, activations, loss and the initial parameters of a new network."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New network"))
        self.experiment: Experiment | None = None
        self._create_widgets()
        self._create_layout()
        self.sizes_edit.textChanged.connect(self._on_sizes_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_sizes_changed(self.sizes_edit.text())

    def _create_widgets(self):
        self.sizes_edit = QLineEdit(DEFAULT_SIZES)
        self.sizes_edit.setToolTip(self.tr("Neurons per layer, the inputs first: 1, 1, 1 is the "
                                           "worked example's chain x → y → z"))
        self.activations_box = QGroupBox(self.tr("Activation of each layer"))
        self.activations_form = QFormLayout(self.activations_box)
        self.activation_combos: list[QComboBox] = []
        self.loss_combo = QComboBox()
        self.loss_combo.addItems(LOSS_NAMES)
        self.scheme_combo = QComboBox()
        self.scheme_combo.addItems(INITIALIZERS)
        self.scheme_combo.setCurrentText("xavier")
        self.scheme_combo.setToolTip(
            self.tr("constant: every weight and bias 1, as in the worked example"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)

    def _create_layout(self):
        form = QFormLayout()
        form.addRow(self.tr("Layer sizes:"), self.sizes_edit)
        form.addRow("", QLabel(self.tr("<small>inputs first, e.g. 2, 3, 1</small>")))
        form.addRow(self.tr("Loss:"), self.loss_combo)
        form.addRow(self.tr("Initial weights:"), self.scheme_combo)
        form.addRow(self.tr("Seed:"), self.seed_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.activations_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

    def _on_sizes_changed(self, text: str):
        """Keep one activation box per non-input layer, named as the canvas names its column."""
        try:
            count = len(parse_sizes(text)) - 1
        except NetworkError:
            return
        if count == len(self.activation_combos):
            return
        chosen = [combo.currentText() for combo in self.activation_combos]
        while self.activations_form.rowCount():
            self.activations_form.removeRow(0)
        self.activation_combos = []
        for index in range(count):
            combo = QComboBox()
            combo.addItems(ACTIVATION_NAMES)
            if index < len(chosen) - 1 or (index == count - 1 and chosen):
                combo.setCurrentText(chosen[index] if index < len(chosen) - 1 else chosen[-1])
            name = (self.tr("Output:") if index == count - 1
                    else self.tr("Hidden {n}:").format(n=index + 1))
            self.activations_form.addRow(name, combo)
            self.activation_combos.append(combo)

    def set_activations(self, *names: str) -> None:
        for combo, name in zip(self.activation_combos, names, strict=False):
            combo.setCurrentText(name)

    def accept(self):
        """Build the network; on bad input say why here and stay open."""
        try:
            sizes = parse_sizes(self.sizes_edit.text())
            activations = [combo.currentText() for combo in self.activation_combos]
            if len(activations) != len(sizes) - 1:
                raise NetworkError("sizes", self.tr("the sizes are not finished"))
            self.experiment = build_experiment(sizes, activations, self.loss_combo.currentText(),
                                               self.scheme_combo.currentText(),
                                               self.seed_spin.value())
        except NetworkError as error:
            self.message.setText(self.tr("Not created: {problem}.").format(problem=error.problem))
            return
        super().accept()
