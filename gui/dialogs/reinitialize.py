"""Network ▸ Re-initialise: draw every weight and bias again by a scheme and a seed, or set them
all to one constant. The engine draws the numbers (engine/model/initializers.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from engine.model.initializers import INITIALIZERS, initialize_network
from engine.model.network import Network

DESCRIPTIONS = {  # translated where shown (ReinitializeDialog)
    "constant": QT_TRANSLATE_NOOP(
        "ReinitializeDialog",
        "every weight and bias the same value (all neurons of a layer stay alike)"),
    "uniform": QT_TRANSLATE_NOOP("ReinitializeDialog",
                                 "weights and biases drawn evenly from −limit … limit"),
    "xavier": QT_TRANSLATE_NOOP("ReinitializeDialog",
                                "Xavier/Glorot: spread suited to sigmoid and tanh, biases 0"),
    "he": QT_TRANSLATE_NOOP("ReinitializeDialog", "He/Kaiming: spread suited to ReLU, biases 0"),
}


class ReinitializeDialog(QDialog):
    """Choose a scheme, a seed and (for constant / uniform) its number."""

    def __init__(self, scheme: str = "xavier", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-initialise parameters"))
        self.scheme_combo = QComboBox()
        self.scheme_combo.addItems(INITIALIZERS)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setDecimals(4)
        self.value_spin.setRange(-1e6, 1e6)
        self.value_spin.setValue(1.0)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("Scheme:"), self.scheme_combo)
        form.addRow(self.tr("Seed:"), self.seed_spin)
        form.addRow(self.tr("Value / limit:"), self.value_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.scheme_combo.currentTextChanged.connect(self._on_scheme_changed)
        self.scheme_combo.setCurrentText(scheme)
        self._on_scheme_changed(self.scheme_combo.currentText())

    def _on_scheme_changed(self, scheme: str):
        self.description.setText(self.tr(DESCRIPTIONS[scheme]) if scheme in DESCRIPTIONS else "")
        self.value_spin.setEnabled(scheme in ("constant", "uniform"))
        self.seed_spin.setEnabled(scheme != "constant")

    def description_text(self) -> str:
        scheme = self.scheme_combo.currentText()
        if scheme == "constant":
            return self.tr("Set all parameters to {value:g}").format(value=self.value_spin.value())
        return self.tr("Re-initialise ({scheme}, seed {seed})").format(
            scheme=scheme, seed=self.seed_spin.value())

    def parameters_for(self, network: Network) -> list:
        """New W and b for every layer of ``network`` (``Network.parameters()`` order)."""
        scheme = self.scheme_combo.currentText()
        value = self.value_spin.value()
        options = {}
        if scheme == "constant":
            options = {"value": value}
        elif scheme == "uniform" and math.isfinite(value) and value > 0:
            options = {"limit": value}
        copy = network.copy()
        initialize_network(copy, scheme, self.seed_spin.value(), **options)
        return copy.parameters()
