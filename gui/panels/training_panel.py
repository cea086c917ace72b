"""The training dock: settings, the buttons that train, counters, and the units' health.

Train one step / one epoch, Run / Pause and Reset call the TrainingRunner; the counters (step,
epoch, loss, test loss) are read from the runner, the accuracy and the dead/saturated units per
layer from the diagnosis the canvas shows too (gui/derived.py: every training row, made at most
a few times a second while a run goes on). Out of sight during a run, nothing is written until
the panel is shown again (gui/frame_clock.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.analysis import diagnostics
from engine.model.activations import get_activation
from gui.derived import DerivedNumbers
from gui.document import Document
from gui.frame_clock import Repaint, on_screen
from gui.lesson_hidden import LessonHidden
from gui.panels.training_settings_form import TrainingSettingsForm
from gui.style import ERROR_STYLE, format_value
from gui.training_runner import TrainingRunner

HEALTH_HEADERS = (QT_TRANSLATE_NOOP("TrainingPanel", "Layer"), "f",  # i18n: as is
                  QT_TRANSLATE_NOOP("TrainingPanel", "Units"),
                  QT_TRANSLATE_NOOP("TrainingPanel", "Dead"),
                  QT_TRANSLATE_NOOP("TrainingPanel", "Saturated"))
PACES = (None, 100.0, 30.0, 10.0, 3.0, 1.0)  # steps a second of a run (None: full speed)


def pace_text(pace: float | None) -> str:
    if pace is None:
        return QCoreApplication.translate("TrainingPanel", "full speed")
    return QCoreApplication.translate("TrainingPanel", "{n} steps/s").format(n=f"{pace:g}")


class TrainingPanel(QWidget):
    """Settings, controls and live counters of training the document's network."""

    def __init__(self, document: Document, runner: TrainingRunner, parent=None):
        super().__init__(parent)
        self._document = document
        self._derived = DerivedNumbers.of(document)  # first: its slots run before the panel's
        self._runner = runner
        self._written: diagnostics.Diagnosis | None = None  # the diagnosis the table shows
        # out of sight during a run the counters wait: no text to lay out every frame
        self._repaint = Repaint(runner.clock, self, self._write_counters,
                                ready=self._may_write)
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self._write_counters()

    # ----- construction ------------------------------------------------------------------------
    def _create_widgets(self):
        self.step_button = QPushButton(self.tr("Train one step"))
        self.step_button.setToolTip(
            self.tr("One forward pass, one backward pass, one update (one batch)"))
        self.epoch_button = QPushButton(self.tr("Train one epoch"))
        self.epoch_button.setToolTip(self.tr("Steps until every training sample was used once"))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Train continuously until paused or a stop rule is met"))
        self.run_button.setCheckable(True)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr(
            "Parameters back to those of the opened file (re-initialised if the layers changed "
            "since); step and epoch counters and the loss record start over. Undoable."
        ))
        self.step_label = QLabel()
        self.epoch_label = QLabel()
        self.loss_label = QLabel()
        self.accuracy_label = QLabel()
        self.test_loss_label = QLabel()
        for label in (self.step_label, self.epoch_label, self.loss_label, self.accuracy_label,
                      self.test_loss_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        self.health_table = QTableWidget(0, len(HEALTH_HEADERS))
        self.health_table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("TrainingPanel", header) for header in HEALTH_HEADERS])
        self.health_table.verticalHeader().hide()
        self.health_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.health_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.health_table.setToolTip(self.tr(
            "Dead: a ReLU that outputs 0 for every sample (no gradient can reach it). "
            "Saturated: a sigmoid/tanh on its flat tails for > 90 % of the samples."
        ))
        self.health_note = QLabel()
        self.health_note.setTextFormat(Qt.TextFormat.PlainText)
        self.health_note.setWordWrap(True)
        self.form = TrainingSettingsForm(self._document)
        self.pace_combo = QComboBox()
        for pace in PACES:
            self.pace_combo.addItem(pace_text(pace), pace)
        self.pace_combo.setToolTip(QCoreApplication.translate(
            "TrainingPanel", "How fast Run trains: at a few steps a second every step is "
            "shown, the weights it changed glowing on the canvas"))
        self.pace_label = QLabel(QCoreApplication.translate("TrainingPanel", "Pace:"))

    def _create_layout(self):
        buttons = QGridLayout()  # two by two, so the dock can be narrow
        buttons.addWidget(self.step_button, 0, 0)
        buttons.addWidget(self.epoch_button, 0, 1)
        buttons.addWidget(self.run_button, 1, 0)
        buttons.addWidget(self.reset_button, 1, 1)
        buttons.addWidget(self.pace_label, 2, 0)
        buttons.addWidget(self.pace_combo, 2, 1)
        counters = QGridLayout()
        counters.addWidget(self.step_label, 0, 0)
        counters.addWidget(self.epoch_label, 0, 1)
        counters.addWidget(self.loss_label, 1, 0, 1, 2)
        counters.addWidget(self.accuracy_label, 2, 0, 1, 2)
        counters.addWidget(self.test_loss_label, 3, 0, 1, 2)
        health_box = QGroupBox(self.tr("Units (on the training data)"))
        health_layout = QVBoxLayout(health_box)
        health_layout.addWidget(self.health_table)
        health_layout.addWidget(self.health_note)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(buttons)
        inner_layout.addLayout(counters)
        inner_layout.addWidget(self.message)
        inner_layout.addWidget(health_box)
        inner_layout.addLayout(self.form)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)

    def _connect_signals(self):
        self.step_button.clicked.connect(self._on_step_clicked)
        self.epoch_button.clicked.connect(self._on_epoch_clicked)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.pace_combo.currentIndexChanged.connect(
            lambda _: self._runner.set_pace(self.pace_combo.currentData()))
        self._runner.progressed.connect(self._on_progressed)
        self._runner.clock.running_changed.connect(self._on_running_changed)
        self._runner.diverged.connect(self._on_diverged)
        self._runner.stopped.connect(self._on_stopped)
        document = self._document
        document.training_changed.connect(self._on_training_changed)
        LessonHidden.of(document).changed.connect(self._write_counters)
        document.structure_changed.connect(self._on_training_changed)
        document.experiment_replaced.connect(self._on_training_changed)
        document.weights_changed.connect(self._on_weights_changed)
        document.data_changed.connect(self._on_weights_changed)

    # ----- buttons -----------------------------------------------------------------------------
    def _on_step_clicked(self):
        self._runner.train_step()

    def _on_epoch_clicked(self):
        self._runner.train_epoch()

    def _on_run_clicked(self):
        self._runner.toggle()

    def _on_reset_clicked(self):
        self._runner.reset_parameters()

    # ----- runner → widgets --------------------------------------------------------------------
    def _on_running_changed(self, running: bool):
        if running:
            self._show_message("", error=False)  # a new run: the last one's news is old
        self.run_button.setChecked(running)
        self.run_button.setText(self.tr("Pause") if running else self.tr("Run"))
        self._refresh_diagnosis()

    def on_dock_visibility_changed(self, shown: bool) -> None:
        """Its dock's tab was selected (True) or another tab was (False)."""
        self._repaint.on_dock_visibility_changed(shown)

    def showEvent(self, event):
        super().showEvent(event)
        # being shown: its region may not be exposed yet, but the counters must be current
        # (during a run, steps may have been taken since the last frame)
        if self._repaint.dirty or self._runner.is_running:
            self._repaint.paint_now()

    def _may_write(self) -> bool:
        return not self._runner.is_running or on_screen(self)

    def _on_progressed(self):
        self._repaint.mark_dirty()

    def _write_counters(self):
        runner = self._runner
        self.step_label.setText(self.tr("Step: <b>{n}</b>").format(n=f"{runner.step_count:,}"))
        self.epoch_label.setText(self.tr("Epoch: <b>{n}</b>").format(n=f"{runner.epoch:,}"))
        loss = runner.last_loss
        hidden = LessonHidden.of(self._document).hides_output  # E would give the lesson's away
        self.loss_label.setText(
            self.tr("Loss of the last batch: —") if loss is None else
            self.tr("Loss of the last batch: <b>{loss}</b>").format(
                loss="?" if hidden else format_value(loss))
        )
        test_steps, test_losses = runner.history.test_series()
        if len(test_losses):
            self.test_loss_label.setText(self.tr("Test loss: <b>{loss}</b>").format(
                loss="?" if hidden else format_value(test_losses[-1])))
        else:
            self.test_loss_label.setText(self.tr("Test loss: — (no test split)"))
        self._refresh_diagnosis()
        if runner.message:
            self._show_message(runner.message, error=False)

    def _on_weights_changed(self, *_):
        if not self._runner.clock.running:  # a frame of a run waits for the throttled diagnosis
            self._refresh_diagnosis()

    def _on_diverged(self, message: str):
        self._show_message(message, error=True)

    def _on_stopped(self, message: str):
        self._show_message(message, error=False)

    def _on_training_changed(self):
        self.form.update_from_document()
        self._refresh_diagnosis()

    def _show_message(self, text: str, error: bool):
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ----- accuracy and the units' health (engine/analysis/diagnostics.py via gui/derived.py) ---
    def _refresh_diagnosis(self):
        """Show the shared diagnosis: current outside a run, at most a few a second during one."""
        units = self._derived.health
        diagnosis = units.diagnosis(now=not self._runner.clock.running)
        if units.problem:
            self.health_note.setText(
                self.tr("Cannot check the units: {problem}").format(problem=units.problem))
        if diagnosis is self._written and diagnosis is not None:
            return  # already on the table (a run's frame between two diagnoses)
        self._written = diagnosis
        self.health_table.setRowCount(0 if diagnosis is None else len(diagnosis.layers))
        if diagnosis is None:
            self.accuracy_label.setText(self.tr("Accuracy: —"))
            return
        for row, health in enumerate(diagnosis.layers):
            last = row == len(diagnosis.layers) - 1
            function = get_activation(health.activation)
            cells = (
                self.tr("{n} (output)").format(n=row + 1) if last else str(row + 1),
                health.activation,
                str(health.n_units),
                str(health.dead_count) if function.can_die else "–",
                str(health.saturated_count) if function.max_slope is not None else "–",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.health_table.setItem(row, column, item)
        self.health_table.setFixedHeight(
            self.health_table.horizontalHeader().height()
            + sum(self.health_table.rowHeight(r) for r in range(self.health_table.rowCount()))
            + 4
        )
        accuracy = diagnosis.accuracy
        self.accuracy_label.setText(
            self.tr("Accuracy: — (targets are not classes)") if accuracy is None
            else self.tr("Accuracy: <b>{accuracy}</b>").format(accuracy=f"{accuracy:.1%}")
        )
        self.health_note.setText(
            self.tr("{dead} dead, {saturated} saturated").format(
                dead=diagnosis.dead_count, saturated=diagnosis.saturated_count)
            + units.rows_note()
        )
