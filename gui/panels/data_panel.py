"""The data dock: the samples as a table, built-in generators, CSV import/export, a test split.

Every change goes through ``document.set_data`` (one undo step). Anything refused — a cell that
is not a number, a generator field out of range, a CSV file with a bad line, a data set whose
widths do not fit the network or whose targets its loss cannot score (the rule book's
``check_loss_choice``) — shows its message here and leaves the data as it was.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.errors import NetworkError
from engine.files import csvdata
from engine.files.number_text import parse_number
from engine.model import rules
from engine.model.activations import get_activation
from engine.model.experiment import Dataset
from engine.training import dataset_texts, datasets
from gui.dialogs.csv_options import CsvOptionsDialog, read_preview
from gui.document import Document
from gui.import_worker import CsvImport, ImportProgress
from gui.models.data_table_model import DataTableModel, selected_rows
from gui.panels.validated_field import ValidatedField
from gui.style import ERROR_STYLE


class DataPanel(QWidget):
    """Edit, generate, import, export and split the document's data set."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self.model = DataTableModel(document, self)
        self.parameter_fields: dict[str, ValidatedField | QComboBox] = {}
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self._on_generator_changed()
        self._on_data_changed()

    # ----- construction ------------------------------------------------------------------------
    def _create_widgets(self):
        self.generator_combo = QComboBox()
        for name, generator in datasets.GENERATORS.items():
            self.generator_combo.addItem(dataset_texts.generator_texts(generator)[0], name)
        self.generator_combo.setCurrentIndex(self.generator_combo.findData("xor"))
        self.generator_description = QLabel()
        self.generator_description.setTextFormat(Qt.TextFormat.PlainText)
        self.generator_description.setWordWrap(True)
        self.parameter_form = QFormLayout()
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(
            self.tr("Replace the data set with a freshly generated one"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.add_button = QPushButton(self.tr("Add sample"))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.import_progress = ImportProgress()  # shown while a CSV file is read
        self.import_job: CsvImport | None = None
        self.test_fraction_field = ValidatedField(
            "0.2", self.tr("Share of samples held out for testing"))
        self.test_fraction_field.set_value_text("0.2")
        self.split_button = QPushButton(self.tr("Split"))
        self.split_button.setToolTip(self.tr("Hold out this share of the samples as a test set"))
        self.merge_button = QPushButton(self.tr("No test split"))
        self.merge_button.setToolTip(
            self.tr("Put the test samples back into the training samples"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

    def _create_layout(self):
        generate_box = QGroupBox(self.tr("Built-in data sets"))
        top = QHBoxLayout()
        top.addWidget(self.generator_combo, 1)
        top.addWidget(self.generate_button)
        generate_layout = QVBoxLayout(generate_box)
        generate_layout.addLayout(top)
        generate_layout.addWidget(self.generator_description)
        generate_layout.addLayout(self.parameter_form)
        rows = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button,
                       self.export_button):
            rows.addWidget(button)
        split = QHBoxLayout()
        split.addWidget(QLabel(self.tr("Test share:")))
        split.addWidget(self.test_fraction_field, 1)
        split.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        split.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(generate_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addWidget(self.import_progress)
        layout.addLayout(split)
        layout.addWidget(self.message)

    def _connect_signals(self):
        self.generator_combo.currentIndexChanged.connect(self._on_generator_changed)
        self.generate_button.clicked.connect(self.generate)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.split_button.clicked.connect(self.split)
        self.merge_button.clicked.connect(self.merge_test_split)
        self.model.refused.connect(self.show_message)
        self._document.data_changed.connect(self._on_data_changed)
        self._document.experiment_replaced.connect(self._on_data_changed)
        self._document.structure_changed.connect(self._on_structure_changed)

    # ----- generators --------------------------------------------------------------------------
    @property
    def generator(self) -> datasets.Generator:
        return datasets.GENERATORS[self.generator_combo.currentData()]

    def _on_generator_changed(self):
        """Rebuild the parameter fields for the chosen generator from its specs."""
        while self.parameter_form.rowCount():
            self.parameter_form.removeRow(0)
        self.parameter_fields.clear()
        generator = self.generator
        self.generator_description.setText(dataset_texts.generator_texts(generator)[1])
        for spec in generator.parameters:
            label, description = dataset_texts.parameter_texts(spec)
            if spec.kind == "choice":
                field = QComboBox()
                field.addItems(list(spec.choices))
                field.setCurrentText(self._default_choice(spec))
            else:
                field = ValidatedField(str(spec.default), description)
                field.set_value_text(str(spec.default))
            field.setToolTip(description)
            self.parameter_fields[spec.name] = field
            self.parameter_form.addRow(self.tr("{label}:").format(label=label), field)

    def _default_choice(self, spec: datasets.ParameterSpec) -> str:
        if spec.name == "targets":
            output = self._document.network.layers[-1].activation
            suited = get_activation(output).target_form
            if suited in spec.choices:
                return suited
        return str(spec.default)

    def _parameter_values(self) -> dict | None:
        """The generator's parameters from the fields, or None (errors shown) when refused."""
        values, ok = {}, True
        for spec in self.generator.parameters:
            field = self.parameter_fields[spec.name]
            if isinstance(field, QComboBox):
                values[spec.name] = field.currentText()
                continue
            try:
                number = parse_number(field.text(), spec.name)
                if spec.kind == "int":
                    if number != int(number):
                        raise NetworkError(spec.name, self.tr(
                            "must be a whole number, not {number}").format(number=f"{number:g}"))
                    number = int(number)
                values[spec.name] = spec.check(number)
                field.clear_error()
            except (ValueError, NetworkError) as error:
                field.show_error(_problem(error))
                ok = False
        return values if ok else None

    def generate(self) -> bool:
        """Replace the data with the chosen generator's output; False (and a message) if refused."""
        values = self._parameter_values()
        if values is None:
            self.show_message(self.tr("A field above is refused; the data is unchanged."))
            return False
        try:
            data = self.generator(**values)
        except NetworkError as error:
            self.show_message(self.tr("{error}; the data is unchanged.").format(error=error))
            return False
        title = dataset_texts.generator_texts(self.generator)[0]
        return self._replace_data(self.tr("Generate {title}").format(title=title), data, title)

    # ----- CSV ---------------------------------------------------------------------------------
    def _on_import_clicked(self):
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import data from CSV"), "",
            self.tr("CSV files (*.csv *.tsv *.txt);;All files (*)"))
        if not path:
            return
        dialog = CsvOptionsDialog(path, read_preview(path), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_import(path, **dialog.options())

    def import_csv(self, path: str, targets=None, one_hot: bool = False,
                   header: bool | None = None) -> bool:
        """Read ``path`` with engine/files/csvdata.py on this thread and use it as the data set,
        if it fits (the Import button reads on a worker thread: ``start_import``)."""
        try:
            found = csvdata.read_csv(path, targets=targets, one_hot=one_hot, header=header)
        except NetworkError as error:
            return self._import_refused(str(error))
        return self._use_import(found)

    def start_import(self, path: str, **options) -> CsvImport:
        """Read ``path`` on a worker thread (gui/import_worker.py), the window usable meanwhile;
        the data set is replaced only when the whole file is read and fits."""
        job = self.import_job = CsvImport(path, options, self)
        job.finished.connect(self._use_import)
        job.failed.connect(self._import_refused)
        job.cancelled.connect(
            lambda: self.show_message(self.tr("Import cancelled. The data is unchanged."))
        )
        for ended in (job.finished, job.failed, job.cancelled):
            ended.connect(self._on_import_ended)
        self.import_button.setEnabled(False)
        self.clear_message()
        self.import_progress.follow(job)
        job.start()
        return job

    def _use_import(self, found: csvdata.CsvData) -> bool:
        return self._replace_data(self.tr("Import CSV"), found.dataset, self.tr("The CSV file"))

    def _import_refused(self, reason: str) -> bool:
        self.show_message(self.tr("Cannot import: {reason}. The data is unchanged.").format(
            reason=reason))
        return False

    def _on_import_ended(self, *_) -> None:
        self.import_job = None
        self.import_button.setEnabled(True)

    def _on_export_clicked(self):
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export data as CSV"), "",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write every sample (training rows, then test rows) to ``path``."""
        data = self._document.data
        if data is None:
            self.show_message(self.tr("There is no data to export."))
            return False
        names = [self.model.column_name(c) for c in range(self.model.columnCount())]
        width = self.model.input_width()
        try:
            csvdata.write_csv(path, data, names[:width], names[width:], rows="all")
        except (NetworkError, OSError) as error:
            self.show_message(self.tr("Cannot export: {error}").format(error=error))
            return False
        self.clear_message()
        return True

    # ----- rows and the split ------------------------------------------------------------------
    def _on_add_clicked(self):
        self.model.add_row()

    def _on_remove_clicked(self):
        rows = selected_rows(self.table.selectionModel().selection(), self.model.columnCount())
        if len(rows) == 0:
            self.show_message(
                self.tr("Select the rows to remove first (click their numbers on the left)."))
            return
        self.model.remove_rows(rows)

    def split(self) -> bool:
        """Hold out the typed share of all samples as the test set (seeded by the training seed)."""
        data = self._document.data
        field = self.test_fraction_field
        try:
            fraction = parse_number(field.text(), "test share")  # a key, never shown # i18n: as is
            split = datasets.train_test_split(data, fraction, self._document.training.seed)
        except (ValueError, NetworkError) as error:
            field.show_error(_problem(error))
            return False
        except TypeError:
            self.show_message(self.tr("There is no data to split."))
            return False
        field.clear_error()
        self._document.set_data(
            self.tr("Hold out {fraction} for testing").format(fraction=f"{fraction:g}"), split)
        return True

    def merge_test_split(self) -> None:
        data = self._document.data
        if data is None or not data.has_test_split:
            return
        merged = Dataset(
            np.concatenate([data.inputs, data.test_inputs]),
            np.concatenate([data.targets, data.test_targets]),
        )
        self._document.set_data(self.tr("Remove the test split"), merged)

    # ----- fitting the network -----------------------------------------------------------------
    def _replace_data(self, text: str, data: Dataset, what: str) -> bool:
        problem = width_problem(data, self._document.network)
        if problem:
            self.show_message(self.tr("{what} does not fit this network: {problem}. Data "
                                      "unchanged.").format(what=what, problem=problem))
            return False
        try:
            rules.check_loss_choice(self._document.network, data)
        except NetworkError as error:
            self.show_message(self.tr("{what} does not suit the loss: {error}. Data "
                                      "unchanged.").format(what=what, error=error))
            return False
        self.clear_message()
        self._document.set_data(text, data)
        return True

    # ----- messages and the summary ------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def _on_data_changed(self):
        data = self._document.data
        if data is None:
            self.summary.setText(
                self.tr("No data yet: generate a set, import a CSV file or add samples."))
            return
        n_test = len(data.test_inputs) if data.has_test_split else 0
        text = (self.tr("{n} training samples, {test} test · {inputs} input(s) → {targets} "
                        "target(s)") if len(data) != 1 else
                self.tr("{n} training sample, {test} test · {inputs} input(s) → {targets} "
                        "target(s)")).format(n=len(data), test=n_test,
                                             inputs=data.inputs.shape[1],
                                             targets=data.targets.shape[1])
        problem = width_problem(data, self._document.network)
        if problem:
            text += "<br><span style='{style}'>{sentence}</span>".format(  # i18n: as is
                style=ERROR_STYLE,
                sentence=self.tr("Does not fit the network: {problem}.").format(problem=problem))
        self.summary.setText(text)

    def _on_structure_changed(self):
        self._on_data_changed()
        with QSignalBlocker(self.generator_combo):
            self._on_generator_changed()


def width_problem(data: Dataset, network) -> str:
    """Why ``data`` does not fit ``network`` (inputs and targets vs layer widths), or ""."""
    n_inputs, n_targets = data.inputs.shape[1], data.targets.shape[1]
    if n_inputs == network.input_size and n_targets == network.output_size:
        return ""
    return QCoreApplication.translate(
        "DataPanel", "it has {inputs} input(s) and {targets} target(s), the network {n_in} "
        "input(s) and {n_out} output(s)").format(inputs=n_inputs, targets=n_targets,
                                                 n_in=network.input_size,
                                                 n_out=network.output_size)


def _problem(error: Exception) -> str:
    return getattr(error, "problem", None) or str(error)
