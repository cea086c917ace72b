"""The inspector: everything about the selected neuron, weight or bias, and the network's loss.

Values (z, a, δ, ∂E/∂w, ∂E/∂b, E) come from the engine's forward and backward pass for the
chosen sample, as the document's DerivedNumbers keeps it (gui/derived.py); clicking one asks
for its explanation (``explain_requested``). Typed values are checked first: text that is not a
finite number is refused with a red message under the field and the document stays as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from engine.errors import NetworkError
from engine.files.number_text import parse_number
from engine.lesson.formula import format_number
from engine.model import rules
from engine.model.losses import LOSS_NAMES, REDUCTIONS
from gui.derived import DerivedNumbers, SamplePass
from gui.document import Document
from gui.frame_clock import FrameClock, Repaint
from gui.items import BiasRef, NeuronRef, WeightRef, quantity_of
from gui.lesson_hidden import LessonHidden
from gui.models.weight_table_model import input_label, neuron_label
from gui.panels.validated_field import ValidatedField
from gui.richtext import number_text, numbers_text, text_html
from gui.style import ERROR_STYLE, MUTED_TEXT

NO_VALUE = "—"
HIDDEN_VALUE = "?"  # a value the open lesson asks the learner to predict first


def value_link(quantity: str, value: float | None) -> str:
    """A value as a link whose target is the quantity it shows (click: explain it)."""
    if value is None:
        return NO_VALUE
    return f'<a href="{quantity}">{number_text(value)}</a>'


class Inspector(QWidget):
    """The selected item's values for the chosen sample, its editable parameters, the loss."""

    explain_requested = Signal(object)  # the clicked number's Quantity (engine.lesson.quantities)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self._derived = DerivedNumbers.of(document)  # first: its slots run before the panel's
        self._lesson = LessonHidden.of(document)
        self._stepping = None
        self._shown_sample = 0  # the sample whose values are shown
        # during a run, with nothing selected, it waits for the run to end (its labels changing
        # size would lay the whole window out again every frame); hidden, until it is shown
        self._clock = FrameClock.of(document)
        self._repaint = Repaint(self._clock, self, self._refresh, ready=self._may_refresh)
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self._refresh()

    # ----- building ------------------------------------------------------------------------------
    def _create_widgets(self):
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.hint = QLabel(self.tr("Click an underlined number to see how it was computed."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_TEXT.name()};")
        self.layer_label = QLabel()
        self.activation_label = QLabel()
        self.z_label = self._value_label(self.tr("z = Σ w·a + b, before the activation"))
        self.a_label = self._value_label(self.tr("a = f(z), what the neuron passes on"))
        self.delta_label = self._value_label(self.tr("δ = ∂E/∂z, the neuron's share of the error"))
        self.bias_field = ValidatedField(self.tr("a number"),
                                         self.tr("Enter applies; Undo takes it back"))
        self.bias_grad_label = self._value_label("∂E/∂b = δ")
        self.bias_source_label = self._value_label(self.tr("where the bias's value comes from"))
        self.bias_source_label.setText(self.tr('<a href="bias">where does it come from?</a>'))
        self.value_field = ValidatedField(self.tr("a number"),
                                          self.tr("Enter applies; Undo takes it back"))
        self.value_source_label = self._value_label(self.tr("where the value comes from"))
        self.value_source_label.setText(self.tr('<a href="value">where does it come from?</a>'))
        self.frozen_check = QCheckBox(self.tr("frozen (training never changes it)"))
        self.grad_label = self._value_label(self.tr("the gradient the update step uses"))
        self.loss_combo = QComboBox()
        self.loss_combo.addItems(LOSS_NAMES)
        self.reduction_combo = QComboBox()
        self.reduction_combo.addItems(REDUCTIONS)
        self.learning_rate_field = ValidatedField(self.tr("e.g. 0.1"),
                                                  self.tr("η: how far each update moves"))
        self.loss_message = QLabel()
        self.loss_message.setTextFormat(Qt.TextFormat.PlainText)
        self.loss_message.setWordWrap(True)
        self.loss_message.setStyleSheet(ERROR_STYLE)
        self.loss_message.hide()
        self.loss_value_label = self._value_label(self.tr("E for the chosen sample"))

    def _value_label(self, tooltip: str) -> QLabel:
        label = QLabel(NO_VALUE)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.setToolTip(self.tr("{tip} — click the number to see how it was computed").format(
            tip=tooltip))
        label.linkActivated.connect(self._on_value_clicked)
        return label

    def _create_layout(self):
        self.neuron_box = QGroupBox(self.tr("Neuron"))
        self.neuron_form = QFormLayout(self.neuron_box)
        self.neuron_form.addRow(self.tr("Layer:"), self.layer_label)
        self.neuron_form.addRow(self.tr("Activation:"), self.activation_label)
        z_row, a_row = self.tr("{z} (input sum):"), self.tr("{a} (output):")
        self.neuron_form.addRow(z_row.format(z="z"), self.z_label)  # i18n: as is
        self.neuron_form.addRow(a_row.format(a="a"), self.a_label)  # i18n: as is
        self.neuron_form.addRow("δ = ∂E/∂z:", self.delta_label)  # i18n: as is
        bias_row = self.tr("bias {name}:")
        self.neuron_form.addRow(bias_row.format(name="b"), self.bias_field)  # i18n: as is
        self.neuron_form.addRow("", self.bias_source_label)
        self.neuron_form.addRow("∂E/∂b:", self.bias_grad_label)  # i18n: as is

        self.parameter_box = QGroupBox(self.tr("Weight"))
        parameter_form = QFormLayout(self.parameter_box)
        parameter_form.addRow(self.tr("value:"), self.value_field)
        parameter_form.addRow("", self.value_source_label)
        parameter_form.addRow("", self.frozen_check)
        self.grad_row_label = QLabel("∂E/∂w:")  # i18n: as is
        parameter_form.addRow(self.grad_row_label, self.grad_label)

        network_box = QGroupBox(self.tr("Network"))
        network_form = QFormLayout(network_box)
        network_form.addRow(self.tr("loss:"), self.loss_combo)
        network_form.addRow("", self.loss_message)
        network_form.addRow(self.tr("over samples:"), self.reduction_combo)
        network_form.addRow(self.tr("learning rate η:"), self.learning_rate_field)
        network_form.addRow(self.tr("E (this sample):"), self.loss_value_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.sample_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.neuron_box)
        layout.addWidget(self.parameter_box)
        layout.addWidget(network_box)
        layout.addStretch(1)

    def _connect_signals(self):
        document = self._document
        document.selection_changed.connect(self._on_selection_changed)
        document.weights_changed.connect(self._on_weights_changed)
        self._clock.running_changed.connect(self._on_running_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.training_changed.connect(self._on_training_changed)
        document.data_changed.connect(self._on_data_changed)
        document.experiment_replaced.connect(self._on_structure_changed)
        self.bias_field.committed.connect(self._on_bias_committed)
        self.value_field.committed.connect(self._on_value_committed)
        self.frozen_check.toggled.connect(self._on_frozen_toggled)
        self.loss_combo.activated.connect(self._on_loss_chosen)
        self.reduction_combo.activated.connect(self._on_reduction_chosen)
        self.learning_rate_field.committed.connect(self._on_learning_rate_committed)
        self._lesson.changed.connect(self._refresh)

    def set_stepping(self, stepping) -> None:
        """Follow ``stepping``'s chosen sample instead of the data's first row."""
        self._stepping = stepping
        stepping.steps_changed.connect(self._on_steps_changed)
        stepping.sample_moved.connect(self._on_steps_changed)  # a batch's next sample flows
        self._refresh()

    # ----- the numbers, all from the engine ------------------------------------------------------
    @property
    def sample(self) -> int:
        return self._stepping.sample if self._stepping is not None else 0

    def _engine_pass(self) -> SamplePass | None:
        """The chosen sample's forward and backward pass, or None without data."""
        return self._derived.sample_pass(self.sample)

    # ----- showing -------------------------------------------------------------------------------
    def _refresh(self):
        self._repaint.dirty = False
        self._shown_sample = self.sample
        engine_pass = self._engine_pass()
        self._show_sample(engine_pass)
        self._show_selection(self._document.selection, engine_pass)
        self._show_network(engine_pass)

    def _show_sample(self, engine_pass):
        data = self._document.data
        if engine_pass is None:
            self.sample_label.setText(self.tr("No data: add a sample to see the values."))
            return
        row = engine_pass.row
        inputs, targets = numbers_text(data.inputs[row]), numbers_text(data.targets[row])
        self.sample_label.setText(self.tr("Sample {n} of {count}: x = {x}, t = {t}").format(
            n=row + 1, count=len(data), x=inputs, t=targets))

    def _show_selection(self, item, engine_pass):
        self.neuron_box.setVisible(isinstance(item, NeuronRef))
        self.parameter_box.setVisible(isinstance(item, (WeightRef, BiasRef)))
        if isinstance(item, NeuronRef):
            self._show_neuron(item, engine_pass)
        elif isinstance(item, (WeightRef, BiasRef)):
            self._show_parameter(item, engine_pass)
        else:
            self.title.setText(self.tr("<b>Nothing selected.</b> Click a neuron or a connection "
                                       "on the canvas, or a cell of a weight table."))

    def _show_neuron(self, item: NeuronRef, engine_pass):
        network = self._document.network
        is_input = item.column == 0
        for widget in (self.activation_label, self.z_label, self.delta_label, self.bias_field,
                       self.bias_source_label, self.bias_grad_label):
            self.neuron_form.setRowVisible(widget, not is_input)  # an input has only its x
        labels = None if is_input else network.layers[item.layer].labels
        own = labels[item.neuron] if labels and labels[item.neuron] else None
        # the output neuron z: its sum is net_z, never "z", as in the step-through
        _plain(self.neuron_form.labelForField(self.z_label),
               self.tr("{z} (input sum):").format(z=f"net_{own}" if own else "z"))
        _plain(self.neuron_form.labelForField(self.a_label),
               self.tr("{a} (output):").format(a=own or "a"))
        if is_input:
            name = input_label(self._document, 0, item.neuron)
            self.title.setText(self.tr("<b>Input {name}</b>").format(name=text_html(name)))
            self.layer_label.setText(self.tr("input layer (the sample's x)"))
            value = None if engine_pass is None else \
                engine_pass.forward.activations[0][0, item.neuron]
            self.a_label.setText(value_link("a", value))  # i18n: as is
            return
        layer = item.layer
        name = neuron_label(self._document, layer, item.neuron)
        where = self.tr("layer {n} of {count} (output)") if layer == len(network.layers) - 1 \
            else self.tr("layer {n} of {count} (hidden)")
        self.title.setText(self.tr("<b>Neuron {name}</b>").format(name=text_html(name)))
        self.layer_label.setText(where.format(n=layer + 1, count=len(network.layers)))
        self.activation_label.setText(network.layers[layer].activation)
        if engine_pass is None or engine_pass.gradients is None:
            values = (None, None, None, None)
        else:
            forward, gradients = engine_pass.forward, engine_pass.gradients
            values = (
                forward.pre_activations[layer][0, item.neuron],
                forward.activations[layer + 1][0, item.neuron],
                gradients.deltas[layer][0, item.neuron],
                gradients.grad_biases[layer][item.neuron],
            )
        for label, quantity, value in zip(
            (self.z_label, self.a_label, self.delta_label, self.bias_grad_label),
            ("z", "a", "delta", "bias_grad"),
            values,
            strict=True,
        ):
            label.setText(self._value_text(quantity, value, item))
        self.bias_field.set_value_text(format_number(self._document.parameter(layer, item.neuron,
                                                                              None)))
        bias = network.layers[layer].bias_label(item.neuron) or "b"  # the file's name: "a"
        _plain(self.neuron_form.labelForField(self.bias_field),
               self.tr("bias {name}:").format(name=bias))
        _plain(self.neuron_form.labelForField(self.bias_grad_label), f"∂E/∂{bias}:")

    def _show_parameter(self, item, engine_pass):
        source = item.source if isinstance(item, WeightRef) else None
        target = neuron_label(self._document, item.layer, item.neuron)
        layer = self._document.network.layers[item.layer]
        named = layer.bias_label(item.neuron) if source is None else \
            layer.weight_label(item.neuron, source)
        shown = "" if named is None else f" <i>{text_html(named)}</i>"  # the file's name: "v"
        if source is None:
            self.parameter_box.setTitle(self.tr("Bias"))
            self.title.setText(self.tr("<b>Bias{name} of {target}</b> (layer {layer})").format(
                name=shown, target=text_html(target), layer=item.layer + 1))
            _plain(self.grad_row_label, f"∂E/∂{named or 'b'}:")
        else:
            origin = input_label(self._document, item.layer, source)
            self.parameter_box.setTitle(self.tr("Weight"))
            self.title.setText(
                self.tr("<b>Weight{name} from {origin} to {target}</b> (layer {layer})").format(
                    name=shown, origin=text_html(origin), target=text_html(target),
                    layer=item.layer + 1))
            _plain(self.grad_row_label, f"∂E/∂{named or 'w'}:")
        self.value_field.set_value_text(
            format_number(self._document.parameter(item.layer, item.neuron, source))
        )
        with QSignalBlocker(self.frozen_check):
            self.frozen_check.setChecked(self._document.is_frozen(item.layer, item.neuron, source))
        grad = None
        if engine_pass is not None and engine_pass.gradients is not None:
            gradients = engine_pass.gradients
            grad = (gradients.grad_biases[item.layer][item.neuron] if source is None
                    else gradients.grad_weights[item.layer][item.neuron, source])
        self.grad_label.setText(self._value_text("grad", grad))  # i18n: as is

    def _show_network(self, engine_pass):
        network = self._document.network
        with QSignalBlocker(self.loss_combo):
            self.loss_combo.setCurrentText(network.loss)
        with QSignalBlocker(self.reduction_combo):
            self.reduction_combo.setCurrentText(network.reduction)
        self.learning_rate_field.set_value_text(format_number(self._document.training.learning_rate))
        loss = None if engine_pass is None else engine_pass.loss
        if self._clock.running and self._document.selection is None:
            # it waits for the run's end (see __init__): E would stand at a past value
            self.loss_value_label.setText(self.tr("changing: see the status bar"))
        else:
            self.loss_value_label.setText(self._value_text("loss", loss))  # i18n: as is

    def _value_text(self, quantity: str, value: float | None, item=None) -> str:
        """The value as a link (value_link), or "?" while the lesson hides it: the forward
        values of a hidden neuron ``item``, and E and every backward number while any neuron is
        hidden (each is computed from the output: gui/lesson_hidden.py)."""
        if self._lesson.hides(item) or (quantity not in ("z", "a") and self._lesson.hides_output):
            return HIDDEN_VALUE
        return value_link(quantity, value)  # i18n: as is

    # ----- document → view -----------------------------------------------------------------------
    def _on_selection_changed(self, item):
        self._refresh()

    def _may_refresh(self) -> bool:
        return self.isVisible() and not (self._clock.running and self._document.selection is None)

    def _on_weights_changed(self, layer: int):
        self._repaint.mark_dirty()  # a run changes the weights every frame: see __init__

    def _on_running_changed(self, _running: bool):
        self._refresh()  # E: live, or where the changing one is (_show_network)

    def showEvent(self, event):
        super().showEvent(event)
        self._repaint.catch_up()

    def _on_structure_changed(self):
        self._refresh()

    def _on_training_changed(self):
        self._refresh()

    def _on_data_changed(self):
        self._refresh()

    def _on_steps_changed(self):
        # the steps also change with every weight change, which has its own slot: only a new
        # sample is news here (or numbers that waited, if it may show them now)
        if self.sample != self._shown_sample:
            self._refresh()
        else:
            self._repaint.catch_up()

    # ----- view → document -----------------------------------------------------------------------
    def _on_value_clicked(self, quantity: str):
        """Ask for the explanation of the clicked number."""
        item = self._document.selection
        if quantity == "loss":
            self.explain_requested.emit(quantity_of(None, "loss"))
        elif quantity == "bias_grad" and isinstance(item, NeuronRef):
            self.explain_requested.emit(quantity_of(BiasRef(item.layer, item.neuron), "grad"))
        elif quantity == "bias" and isinstance(item, NeuronRef):
            self.explain_requested.emit(quantity_of(BiasRef(item.layer, item.neuron), "value"))
        elif item is not None:
            self.explain_requested.emit(quantity_of(item, quantity))

    def _commit_parameter(self, field: ValidatedField, text: str, layer, neuron, source):
        if not field.edit.isModified():
            return  # focus left an untouched field: nothing typed, nothing to apply
        try:
            self._document.set_parameter(layer, neuron, source, parse_number(text))
        except NetworkError as error:
            field.show_error(self.tr("Not changed: {problem}.").format(problem=error.problem))
            return
        field.edit.setModified(False)
        field.clear_error()

    def _on_bias_committed(self, text: str):
        item = self._document.selection
        if isinstance(item, NeuronRef) and item.column > 0:
            self._commit_parameter(self.bias_field, text, item.layer, item.neuron, None)

    def _on_value_committed(self, text: str):
        item = self._document.selection
        if isinstance(item, (WeightRef, BiasRef)):
            source = item.source if isinstance(item, WeightRef) else None
            self._commit_parameter(self.value_field, text, item.layer, item.neuron, source)

    def _on_frozen_toggled(self, frozen: bool):
        item = self._document.selection
        if isinstance(item, (WeightRef, BiasRef)):
            source = item.source if isinstance(item, WeightRef) else None
            self._document.set_frozen(item.layer, item.neuron, source, frozen)

    def _on_loss_chosen(self, index: int):
        self._replace_loss(loss=self.loss_combo.itemText(index))

    def _on_reduction_chosen(self, index: int):
        self._replace_loss(reduction=self.reduction_combo.itemText(index))

    def _replace_loss(self, **change):
        """Swap in a network copy with the new loss or reduction, if the engine accepts it."""
        network = self._document.network
        if all(getattr(network, key) == value for key, value in change.items()):
            return
        candidate = self._document.experiment.copy()
        for key, value in change.items():
            setattr(candidate.network, key, value)
        try:
            rules.check_loss_choice(candidate.network, candidate.data)  # the rule book's
        except NetworkError as error:
            self.loss_message.setText(self.tr("Not changed: {problem}.").format(
                problem=error.problem))
            self.loss_message.show()
            self._show_network(self._engine_pass())
            return
        self.loss_message.hide()
        what = ", ".join(f"{key} {value}" for key, value in change.items())
        self._document.replace_network(self.tr("Set {what}").format(what=what), candidate.network)

    def _on_learning_rate_committed(self, text: str):
        field = self.learning_rate_field
        if not field.edit.isModified():
            return
        try:
            rate = parse_number(text, self.tr("learning rate"))
            if rate <= 0:
                raise NetworkError(self.tr("learning rate"), self.tr("it must be greater than 0"))
        except NetworkError as error:
            field.show_error(self.tr("Not changed: {problem}.").format(problem=error.problem))
            return
        field.edit.setModified(False)
        field.clear_error()
        self._document.set_training(self.tr("Set learning rate"), learning_rate=rate)


def _plain(label: QLabel, text: str) -> None:
    """A row title that may hold a name from the file: shown as plain text, never as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
