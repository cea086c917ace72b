"""The small dialog shown before a CSV import: header row, target columns, one-hot classes."""

from __future__ import annotations

import codecs
import os
import re
import stat

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from gui.richtext import text_html

HEADER_CHOICES = {  # shown text (translated where shown) → read_csv's header
    QT_TRANSLATE_NOOP("CsvOptionsDialog", "Detect (a first row without numbers)"): None,
    QT_TRANSLATE_NOOP("CsvOptionsDialog", "Yes"): True,
    QT_TRANSLATE_NOOP("CsvOptionsDialog", "No"): False,
}
PREVIEW_LINES = 6
PREVIEW_BYTES = 4096  # read from the start of the file, however long its lines are
PREVIEW_WIDTH = 200  # characters of a line shown; a longer one ends in "…"


class CsvOptionsDialog(QDialog):
    """Ask how to read a CSV file; :meth:`options` gives keyword arguments for read_csv."""

    def __init__(self, path: str, preview: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import CSV"))
        self.header_combo = QComboBox()
        for text, header in HEADER_CHOICES.items():
            self.header_combo.addItem(self.tr(text), header)
        self.targets_edit = QLineEdit()
        self.targets_edit.setPlaceholderText(self.tr("last column"))
        self.targets_edit.setToolTip(self.tr(
            "Target columns by name or number (1 = first), separated by commas; "
            "every other column is an input. Empty: the last column."
        ))
        self.one_hot_check = QCheckBox(
            self.tr("The target column holds class names: one-hot encode it"))
        self.preview = QPlainTextEdit(preview)
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow(self.tr("Header row:"), self.header_combo)
        form.addRow(self.tr("Target columns:"), self.targets_edit)
        form.addRow("", self.one_hot_check)  # i18n: as is
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>{path}</b> — first lines:").format(
            path=text_html(path))))
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> dict:
        """``targets``, ``one_hot`` and ``header`` as :func:`engine.files.csvdata.read_csv` takes
        them."""
        return {
            "targets": parse_target_columns(self.targets_edit.text()),
            "one_hot": self.one_hot_check.isChecked(),
            "header": self.header_combo.currentData(),
        }


def parse_target_columns(text: str) -> list[int | str] | None:
    """"3, label, -1" → [2, "label", -1]: numbers count from 1 as a learner does, negative
    ones from the end (−1 is the last column); names stay names."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    return [_column(item) for item in items] or None


def _column(item: str) -> int | str:
    text = item.replace("\N{MINUS SIGN}", "-")  # −2 as every other field reads it
    # ASCII digits only: "²", "③" and "①" pass isdigit() but are no number int() reads
    if re.fullmatch(r"-?[0-9]+", text) and int(text) != 0:
        number = int(text)
        return number - 1 if number > 0 else number
    return item  # a name (or 0, which the reader refuses as an unknown column)


def read_preview(path: str) -> str:
    """The first few lines of the file, from its first PREVIEW_BYTES bytes, each cut to
    PREVIEW_WIDTH characters (empty when it cannot be read or is not a regular file: a pipe
    or a device is never waited on)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return ""
        start = os.read(handle, PREVIEW_BYTES)
    except OSError:
        return ""
    finally:
        os.close(handle)
    # a character cut at the end of the bytes read is left out, not shown as garbage
    text = codecs.getincrementaldecoder("utf-8-sig")("replace").decode(start)
    lines = text.splitlines()[:PREVIEW_LINES]
    return "\n".join(line if len(line) <= PREVIEW_WIDTH else line[:PREVIEW_WIDTH] + "…"
                     for line in lines)
