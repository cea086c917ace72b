"""The training settings as a form: loss, optimizer, learning rate, batches, seed, stop rules.

Every field writes through the document (``set_training``; ``replace_network`` for the loss),
so settings are saved in the file and undoable. Text is parsed here and checked by the engine's
own file checks (engine/files/netfile_values.py), so a field accepts exactly what a file may hold; a
refused text shows its reason under the field and the document does not change.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout

from engine.errors import NetworkError
from engine.files.netfile_values import Checker
from engine.files.number_text import parse_number
from engine.model import rules
from engine.model.losses import LOSS_NAMES, REDUCTIONS, get_loss
from gui.document import Document
from gui.panels.validated_field import ValidatedField
from gui.style import ERROR_STYLE

OPTIMIZER_CHOICES = (QT_TRANSLATE_NOOP("TrainingSettingsForm", "Gradient descent (SGD)"),
                     QT_TRANSLATE_NOOP("TrainingSettingsForm", "SGD with momentum"),
                     QT_TRANSLATE_NOOP("TrainingSettingsForm", "Adam"))
BATCH_CHOICES = (QT_TRANSLATE_NOOP("TrainingSettingsForm", "Full batch (all samples)"),
                 QT_TRANSLATE_NOOP("TrainingSettingsForm", "Mini-batch"),
                 QT_TRANSLATE_NOOP("TrainingSettingsForm", "Online (one sample)"))
DEFAULT_MOMENTUM = 0.9  # what choosing "SGD with momentum" starts from
DEFAULT_MINI_BATCH = 10


def _whole_number(text: str, what: str) -> int:
    value = parse_number(text, what)
    if value != int(value):
        raise ValueError(QCoreApplication.translate(
            "TrainingSettingsForm", "{what}: {text} is not a whole number").format(
                what=what, text=repr(text)))
    return int(value)


class TrainingSettingsForm(QVBoxLayout):
    """Groups of fields for the document's training settings (a layout, placed by the panel)."""

    def __init__(self, document: Document):
        super().__init__()
        self._document = document
        self._checker = Checker(None)
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self.update_from_document()

    # ----- construction ------------------------------------------------------------------------
    def _create_widgets(self):
        self.loss_combo = QComboBox()
        for name in LOSS_NAMES:
            self.loss_combo.addItem(get_loss(name).title, name)
        self.reduction_combo = QComboBox()
        for name in REDUCTIONS:
            title = self.tr("sum over samples (E = E₁ + … + Eₙ)") if name == "sum" \
                else self.tr("mean over samples")
            self.reduction_combo.addItem(title, name)
        self.loss_error = QLabel()
        self.loss_error.setTextFormat(Qt.TextFormat.PlainText)
        self.loss_error.setWordWrap(True)
        self.loss_error.setStyleSheet(ERROR_STYLE)
        self.loss_error.hide()
        self.optimizer_combo = QComboBox()
        self.optimizer_combo.addItems([self.tr(choice) for choice in OPTIMIZER_CHOICES])
        self.learning_rate_field = ValidatedField("0.1", self.tr("η: how far each step goes, > 0"))
        self.momentum_field = ValidatedField("0.9",
                                             self.tr("μ in v ← μv + ∂E/∂θ, from 0 to below 1"))
        self.beta1_field = ValidatedField("0.9", self.tr("Adam's β₁, from 0 to below 1"))
        self.beta2_field = ValidatedField("0.999", self.tr("Adam's β₂, from 0 to below 1"))
        self.epsilon_field = ValidatedField("1e-8", self.tr("Adam's ε, > 0"))
        self.batch_combo = QComboBox()
        self.batch_combo.addItems([self.tr(choice) for choice in BATCH_CHOICES])
        self.batch_size_field = ValidatedField("10",
                                               self.tr("Samples per step (a whole number ≥ 1)"))
        self.shuffle_check = QCheckBox(self.tr("Shuffle the samples every epoch"))
        self.seed_field = ValidatedField("0",
                                         self.tr("The shuffle's random seed: same seed, same run"))
        for combo in (self.loss_combo, self.reduction_combo, self.optimizer_combo,
                      self.batch_combo):
            # long item texts must not force the dock wider than the learner made it
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.target_loss_field = ValidatedField(self.tr("never"),
                                                self.tr("Stop when the loss is at or below this"))
        self.max_epochs_field = ValidatedField(self.tr("never"),
                                               self.tr("Stop after this many epochs"))

    def _create_layout(self):
        loss_box = QGroupBox(self.tr("Loss"))
        loss_form = QFormLayout(loss_box)
        loss_form.addRow(self.tr("Per sample:"), self.loss_combo)
        loss_form.addRow(self.tr("Over samples:"), self.reduction_combo)
        loss_form.addRow(self.loss_error)
        optimizer_box = QGroupBox(self.tr("Update rule"))
        self.optimizer_form = QFormLayout(optimizer_box)
        self.optimizer_form.addRow(self.tr("Optimizer:"), self.optimizer_combo)
        self.optimizer_form.addRow(self.tr("Learning rate η:"), self.learning_rate_field)
        self.optimizer_form.addRow(self.tr("Momentum μ:"), self.momentum_field)
        self.optimizer_form.addRow("β₁:", self.beta1_field)  # i18n: as is
        self.optimizer_form.addRow("β₂:", self.beta2_field)  # i18n: as is
        self.optimizer_form.addRow("ε:", self.epsilon_field)  # i18n: as is
        batch_box = QGroupBox(self.tr("Samples per step"))
        batch_form = QFormLayout(batch_box)
        batch_form.addRow(self.tr("Batch:"), self.batch_combo)
        batch_form.addRow(self.tr("Batch size:"), self.batch_size_field)
        batch_form.addRow(self.shuffle_check)
        batch_form.addRow(self.tr("Seed:"), self.seed_field)
        stop_box = QGroupBox(self.tr("Stop by itself"))
        stop_form = QFormLayout(stop_box)
        stop_form.addRow(self.tr("At loss ≤"), self.target_loss_field)
        stop_form.addRow(self.tr("After epochs:"), self.max_epochs_field)
        for box in (loss_box, optimizer_box, batch_box, stop_box):
            self.addWidget(box)

    def _connect_signals(self):
        self.loss_combo.currentIndexChanged.connect(self._on_loss_chosen)
        self.reduction_combo.currentIndexChanged.connect(self._on_loss_chosen)
        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_chosen)
        self.batch_combo.currentIndexChanged.connect(self._on_batch_chosen)
        self.shuffle_check.toggled.connect(self._on_shuffle_toggled)
        fields = {
            self.learning_rate_field: self._commit_learning_rate,
            self.momentum_field: self._commit_momentum,
            self.beta1_field: self._commit_beta1,
            self.beta2_field: self._commit_beta2,
            self.epsilon_field: self._commit_epsilon,
            self.batch_size_field: self._commit_batch_size,
            self.seed_field: self._commit_seed,
            self.target_loss_field: self._commit_target_loss,
            self.max_epochs_field: self._commit_max_epochs,
        }
        for field, commit in fields.items():
            field.committed.connect(commit)
        self._fields = fields

    # ----- document → widgets ------------------------------------------------------------------
    def update_from_document(self):
        """Show the document's settings (signals blocked, errors cleared)."""
        settings, network = self._document.training, self._document.network
        blockers = [QSignalBlocker(w) for w in (self.loss_combo, self.reduction_combo,
                                                 self.optimizer_combo, self.batch_combo,
                                                 self.shuffle_check)]
        self.loss_combo.setCurrentIndex(self.loss_combo.findData(network.loss))
        self.reduction_combo.setCurrentIndex(self.reduction_combo.findData(network.reduction))
        self.loss_error.hide()
        if settings.optimizer == "adam":
            self.optimizer_combo.setCurrentIndex(2)
        else:
            self.optimizer_combo.setCurrentIndex(1 if settings.momentum > 0 else 0)
        batch = settings.batch_size
        self.batch_combo.setCurrentIndex(0 if batch is None else 2 if batch == 1 else 1)
        self.shuffle_check.setChecked(settings.shuffle)
        del blockers
        self.learning_rate_field.set_value_text(f"{settings.learning_rate:g}")
        self.momentum_field.set_value_text(f"{settings.momentum:g}")
        self.beta1_field.set_value_text(f"{settings.beta1:g}")
        self.beta2_field.set_value_text(f"{settings.beta2:g}")
        self.epsilon_field.set_value_text(f"{settings.epsilon:g}")
        self.batch_size_field.set_value_text("" if batch is None else str(batch))
        self.seed_field.set_value_text(str(settings.seed))
        target, epochs = settings.target_loss, settings.max_epochs
        self.target_loss_field.set_value_text("" if target is None else f"{target:g}")
        self.max_epochs_field.set_value_text("" if epochs is None else str(epochs))
        self._show_rows_for(settings)

    def _show_rows_for(self, settings):
        adam = settings.optimizer == "adam"
        for field in (self.beta1_field, self.beta2_field, self.epsilon_field):
            self.optimizer_form.setRowVisible(field, adam)
        self.optimizer_form.setRowVisible(self.momentum_field, not adam and settings.momentum > 0)
        self.batch_size_field.setEnabled(settings.batch_size not in (None, 1))

    # ----- widgets → document ------------------------------------------------------------------
    def _set(self, text: str, **changes):
        self._document.set_training(text, **changes)

    def _on_loss_chosen(self):
        """A new loss or reduction: the engine checks that it fits the output layer."""
        network = self._document.network.copy()
        network.loss = self.loss_combo.currentData()
        network.reduction = self.reduction_combo.currentData()
        if (network.loss, network.reduction) == (self._document.network.loss,
                                                 self._document.network.reduction):
            return
        problem = loss_problem(self._document, network)
        if problem:
            self.update_from_document()
            self.loss_error.setText(self.tr("{problem}. The loss is unchanged.").format(
                problem=problem))
            self.loss_error.show()
            return
        self._document.replace_network(self.tr("Loss {loss}, {reduction}").format(
            loss=network.loss, reduction=network.reduction), network)

    def _on_optimizer_chosen(self, index: int):
        momentum = self._document.training.momentum
        if index == 0:
            self._set(self.tr("Optimizer: gradient descent"), optimizer="sgd", momentum=0.0)
        elif index == 1:
            self._set(self.tr("Optimizer: SGD with momentum"), optimizer="sgd",
                      momentum=momentum if momentum > 0 else DEFAULT_MOMENTUM)
        else:
            self._set(self.tr("Optimizer: Adam"), optimizer="adam")
        self._show_rows_for(self._document.training)

    def _on_batch_chosen(self, index: int):
        if index == 0:
            self._set(self.tr("Full batch"), batch_size=None)
        elif index == 2:
            self._set(self.tr("Online: one sample per step"), batch_size=1)
        else:
            current = self._document.training.batch_size
            size = current if current not in (None, 1) else DEFAULT_MINI_BATCH
            self._set(self.tr("Mini-batch of {size}").format(size=size), batch_size=size)
        self._show_rows_for(self._document.training)

    def _on_shuffle_toggled(self, checked: bool):
        self._set(self.tr("Shuffle") if checked else self.tr("No shuffle"), shuffle=checked)

    def _commit(self, field: ValidatedField, convert, text: str, label: str, name: str):
        """Parse ``text`` with ``convert``; set ``name`` on success, else show why under it."""
        try:
            value = convert(text.strip())
        except (ValueError, NetworkError) as error:
            field.show_error(self.tr("{problem} — nothing changed.").format(
                problem=_problem(error)))
            return
        field.clear_error()
        self._set(self.tr("{label} {value}").format(
            label=label, value=value if value is not None else self.tr("never")), **{name: value})

    def _commit_learning_rate(self, text):
        self._commit(self.learning_rate_field, self._positive(self.tr("learning rate")), text,
                     self.tr("Learning rate"), "learning_rate")

    def _commit_momentum(self, text):
        self._commit(self.momentum_field, self._fraction(self.tr("momentum")), text,
                     self.tr("Momentum"), "momentum")

    def _commit_beta1(self, text):
        self._commit(self.beta1_field, self._fraction("β₁"), text, "β₁", "beta1")

    def _commit_beta2(self, text):
        self._commit(self.beta2_field, self._fraction("β₂"), text, "β₂", "beta2")

    def _commit_epsilon(self, text):
        self._commit(self.epsilon_field, self._positive("ε"), text, "ε", "epsilon")

    def _commit_batch_size(self, text):
        def convert(value):
            what = self.tr("batch size")
            return self._checker.count(_whole_number(value, what), what, 1, 10**9, "samples")
        self._commit(self.batch_size_field, convert, text, self.tr("Batch size"), "batch_size")

    def _commit_seed(self, text):
        def convert(value):
            what = self.tr("seed")
            return self._checker.seed(_whole_number(value, what), what)
        self._commit(self.seed_field, convert, text, self.tr("Seed"), "seed")

    def _commit_target_loss(self, text):
        def convert(value):
            if _means_never(value):
                return None
            what = self.tr("loss")
            return self._checker.optional_non_negative(parse_number(value, what), what)
        self._commit(self.target_loss_field, convert, text, self.tr("Stop at loss"),
                     "target_loss")

    def _commit_max_epochs(self, text):
        def convert(value):
            if _means_never(value):
                return None
            what = self.tr("epochs")
            return self._checker.count(_whole_number(value, what), what, 1, 10**9, "epochs")
        self._commit(self.max_epochs_field, convert, text, self.tr("Stop after epochs"),
                     "max_epochs")

    def _positive(self, what: str):
        return lambda text: self._checker.positive(parse_number(text, what), what)

    def _fraction(self, what: str):
        return lambda text: self._checker.fraction(parse_number(text, what), what)


def loss_problem(document: Document, network) -> str:
    """Why ``network`` (with its new loss) cannot be used with the document's data, or ""."""
    try:
        rules.check_loss_choice(network, document.data)
    except NetworkError as error:
        return _problem(error)
    return ""


def _means_never(text: str) -> bool:
    never = QCoreApplication.translate("TrainingSettingsForm", "never")  # as the field shows it
    return text.strip().lower() in ("", "never", "none", never.lower())


def _problem(error: Exception) -> str:
    problem = getattr(error, "problem", None)
    key = getattr(error, "key", "")
    if problem:
        return f"{key}: {problem}" if key else problem
    return str(error)
