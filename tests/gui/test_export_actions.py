"""File → Export as PyTorch script… / Export as NumPy script…: a save dialog, then the engine."""

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from engine.files import netfile
from gui import file_actions, files
from gui.document import Document
from gui.main_window import MainWindow

ACTIONS = {"torch": "export_torch_action", "numpy": "export_numpy_action"}
FIRST_IMPORT = {"torch": "import torch", "numpy": "import numpy as np"}


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = Document(netfile.load("preset:seed"))
    window = MainWindow(document, settings, files.RecoveryFile(str(tmp_path / "recovery")))
    qtbot.addWidget(window)
    yield window
    # delete it now, as tests/gui/test_main_window.py does, not whenever Python gets to it
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)


@pytest.fixture
def dialogs(monkeypatch):
    """The path the save dialog answers, and the error messages shown."""
    record = {"path": "", "asked": [], "errors": []}

    def save_dialog(parent, title, start, filter_text):
        record["asked"].append((title, filter_text))
        return record["path"], filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    monkeypatch.setattr(file_actions.QMessageBox, "critical",
                        lambda parent, title, text: record["errors"].append(text))
    return record


@pytest.mark.parametrize("kind", ACTIONS)
def test_the_action_writes_the_script_of_the_current_network(window, dialogs, tmp_path, kind):
    window.document.set_parameter(0, 0, 0, 0.1 + 0.2)  # the current values, not the file's
    dialogs["path"] = str(tmp_path / "seed.py")
    getattr(window.file_actions, ACTIONS[kind]).trigger()
    text = (tmp_path / "seed.py").read_text(encoding="utf-8")
    assert dialogs["asked"] == [(dialogs["asked"][0][0], "Python scripts (*.py)")]
    assert FIRST_IMPORT[kind] in text and repr(0.1 + 0.2) in text
    assert dialogs["errors"] == []


@pytest.mark.parametrize("kind", ACTIONS)
def test_a_cancelled_dialog_writes_nothing(window, dialogs, tmp_path, kind):
    getattr(window.file_actions, ACTIONS[kind]).trigger()
    assert list(tmp_path.glob("*.py")) == [] and dialogs["errors"] == []


@pytest.mark.parametrize("kind", ACTIONS)
def test_an_error_is_one_line_in_a_message_box(window, dialogs, tmp_path, kind):
    dialogs["path"] = str(tmp_path / "missing" / "seed.py")
    getattr(window.file_actions, ACTIONS[kind]).trigger()
    assert len(dialogs["errors"]) == 1 and "\n" not in dialogs["errors"][0]
    assert "cannot write it" in dialogs["errors"][0]


def test_a_network_without_data_is_refused_with_one_line(window, dialogs, tmp_path):
    window.document.experiment.data = None
    dialogs["path"] = str(tmp_path / "seed.py")
    window.file_actions.export_torch_action.trigger()
    assert len(dialogs["errors"]) == 1 and "data" in dialogs["errors"][0]
    assert not (tmp_path / "seed.py").exists()


def test_both_actions_are_in_the_file_menu(window):
    menu = window.menuBar().actions()[0].menu()
    texts = [action.text().replace("&", "") for action in menu.actions()]
    assert "Export as PyTorch script…" in texts and "Export as NumPy script…" in texts
