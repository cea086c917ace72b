"""Data a learner loads or types is bounded and checked where it enters: the CSV preview reads a
fixed number of bytes, one-hot targets have a size limit, ``screenshot --step`` stops at the
last step, and targets the loss cannot score are refused at the import or the cell."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from engine.errors import NetworkError
from engine.files import csvdata
from engine.training import datasets
from gui.dialogs.csv_options import (
    PREVIEW_BYTES,
    PREVIEW_WIDTH,
    CsvOptionsDialog,
    parse_target_columns,
    read_preview,
)
from gui.panels.data_panel import DataPanel
from tests.gui.lifetimes import opened

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def blobs_panel(qtbot, owned):
    """The data panel of softmax-blobs: three softmax outputs, cross-entropy, one-hot rows."""
    widget = DataPanel(opened(owned, "softmax-blobs"))
    qtbot.addWidget(widget)
    assert widget._document.network.loss == "cross_entropy"
    return widget


# ----- the CSV preview ---------------------------------------------------------------------------
@pytest.mark.parametrize("megabytes", [2, 100])
def test_the_preview_of_a_file_with_one_huge_line_opens_at_once(qtbot, tmp_path, megabytes):
    """Was: 121 s for 2 MB on one line, more than 600 s and 3.9 GB for 100 MB."""
    path = tmp_path / "one-line.csv"
    with open(path, "w", encoding="utf-8") as stream:
        chunk = "1," * 500_000
        for _ in range(megabytes):
            stream.write(chunk)
        stream.write("1\n")
    started = time.perf_counter()
    preview = read_preview(str(path))
    dialog = CsvOptionsDialog(str(path), preview)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert time.perf_counter() - started < 1.0
    assert len(preview) <= PREVIEW_WIDTH + 1 and preview.endswith("…")


def test_the_preview_keeps_the_first_lines_and_never_cuts_a_character(tmp_path):
    path = tmp_path / "text.csv"
    path.write_text("é" * PREVIEW_BYTES + "\n", encoding="utf-8")  # two bytes a character
    preview = read_preview(str(path))
    assert "\ufffd" not in preview and set(preview) == {"é", "…"}
    path.write_text("\ufeffa,b\n1,2\n3,4\n", encoding="utf-8")
    assert read_preview(str(path)) == "a,b\n1,2\n3,4"


def test_the_preview_of_a_pipe_or_a_folder_is_empty_and_never_waits(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    previews = []
    reading = threading.Thread(target=lambda: previews.append(read_preview(str(pipe))))
    reading.start()
    reading.join(5)
    waited = reading.is_alive()
    if waited:  # was: blocked in open() for ever; a writer lets it go
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reading.join(5)
    assert not waited and previews == [""]
    assert read_preview(str(tmp_path)) == ""
    assert read_preview(str(tmp_path / "missing.csv")) == ""


@pytest.mark.parametrize("typed", ["²", "③", "①"])
def test_target_columns_that_only_look_like_digits_stay_names(typed):
    """Was: ValueError from int() (they pass isdigit()); the reader then names the column."""
    assert parse_target_columns(f"1, {typed}") == [0, typed]


def test_a_target_column_with_a_typographic_minus_counts_from_the_end():
    assert parse_target_columns("\N{MINUS SIGN}2") == [-2]


# ----- one-hot targets ---------------------------------------------------------------------------
def test_one_hot_rows_are_made_without_an_identity_matrix():
    rows = datasets.one_hot(np.array([2, 0, 1, 2]), 3)
    np.testing.assert_array_equal(rows, np.eye(3)[[2, 0, 1, 2]])


def test_one_hot_beyond_its_limit_is_refused_before_allocating():
    """Was: 100,000 rows × 4,096 classes took 6.4 GB; 1,000,000 rows a MemoryError."""
    labels = np.zeros(1_000_000, dtype=np.intp)
    with pytest.raises(NetworkError) as refused:
        datasets.one_hot(labels, 4096)
    assert f"{datasets.MAX_ONE_HOT_VALUES:,}" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_csv_with_too_many_classes_for_its_rows_is_refused_in_one_line(
        qtbot, owned, tmp_path):
    path = tmp_path / "classes.csv"
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("x,label\n")
        stream.writelines(f"{row % 7},c{row % 4096}\n" for row in range(100_000))
    with pytest.raises(NetworkError, match="the limit is 10,000,000"):
        csvdata.read_csv(path, one_hot=True)
    panel = DataPanel(opened(owned, "softmax-blobs"))
    qtbot.addWidget(panel)
    before = panel._document.data
    assert not panel.import_csv(str(path), one_hot=True)
    assert "the limit is 10,000,000" in panel.message.text()
    assert panel._document.data is before


# ----- screenshot --step -------------------------------------------------------------------------
@pytest.mark.parametrize("step, code", [(59, 0), (60, 2), (100_000, 2)])
def test_a_screenshot_beyond_the_last_step_is_refused(tmp_path, step, code):
    """Was: --step 100000 did not finish (xor's batch of 4 has 59 steps, as training takes it)."""
    out = tmp_path / "o.png"
    result = subprocess.run(
        [sys.executable, "main.py", "screenshot", "resources/examples/xor.json", str(out),
         "--step", str(step)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == code, result.stderr
    if code:
        assert result.stderr.strip() == f"--step {step}: the step-through has 59 steps " \
                                        "(choose 0…59)"
        assert not out.exists()


# ----- targets the loss cannot score ------------------------------------------------------------
def test_a_csv_whose_targets_are_not_probabilities_is_refused_for_cross_entropy(
        blobs_panel, tmp_path):
    """Was: accepted; Save was then refused and autosave silently wrote nothing."""
    path = tmp_path / "counts.csv"
    path.write_text("x1,x2,t1,t2,t3\n0,0,1,0,0\n1,1,5,0,0\n", encoding="utf-8")
    document = blobs_panel._document
    before = document.data
    assert not blobs_panel.import_csv(str(path), targets=[2, 3, 4])
    message = blobs_panel.message.text()
    assert "data.targets[1]: with cross_entropy every target row must be probabilities" \
        in message
    assert "Data unchanged" in message
    assert document.data is before and document.undo_stack.count() == 0


def test_a_csv_of_probability_rows_is_imported_for_cross_entropy(blobs_panel, tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text("x1,x2,t1,t2,t3\n0,0,1,0,0\n1,1,0,0.5,0.5\n", encoding="utf-8")
    assert blobs_panel.import_csv(str(path), targets=[2, 3, 4])
    np.testing.assert_array_equal(blobs_panel._document.data.targets, [[1, 0, 0], [0, .5, .5]])


@pytest.mark.parametrize("row_is_test", [False, True])
def test_a_target_cell_the_loss_cannot_score_is_refused_in_place(blobs_panel, row_is_test):
    """Was: a target set to 5 under cross-entropy was kept; Save then refused the file."""
    document, model = blobs_panel._document, blobs_panel.model
    if row_is_test:
        assert blobs_panel.split()
    row = model.rowCount() - 1 if row_is_test else 0
    column = model.input_width()
    arrays = [np.copy(a) for a in (document.data.targets, document.data.test_targets)
              if a is not None]
    steps = document.undo_stack.count()
    assert not model.setData(model.index(row, column), "5")
    assert not blobs_panel.message.isHidden()
    assert blobs_panel.message.text().startswith(
        "Not changed: with cross_entropy every target row must be probabilities")
    for old, new in zip(arrays, (document.data.targets, document.data.test_targets),
                        strict=False):
        np.testing.assert_array_equal(old, new)
    assert document.undo_stack.count() == steps
    assert model.data(model.index(row, column)) != "5"
    # an input cell is not a target: any finite number is fine there
    assert model.setData(model.index(row, 0), "5")


def test_a_generated_set_the_loss_cannot_score_is_refused(qtbot, owned):
    """Signed (−1/+1) targets for a binary cross-entropy network: refused, data unchanged."""
    panel = DataPanel(opened(owned, "vanishing-sigmoid"))
    qtbot.addWidget(panel)
    document = panel._document
    assert document.network.loss == "binary_cross_entropy"
    before = document.data
    panel.generator_combo.setCurrentIndex(panel.generator_combo.findData("circles"))
    panel.parameter_fields["targets"].setCurrentText("signed")
    assert not panel.generate()
    assert "with binary_cross_entropy every target must be in [0, 1]" in panel.message.text()
    assert document.data is before
    panel.parameter_fields["targets"].setCurrentText("binary")
    assert panel.generate()
