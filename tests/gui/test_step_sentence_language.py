"""The step-through's sentence follows View → Language: Korean after a switch, English again
after switching back, at the same step and with the same numbers."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from engine.files import netfile
from gui import files, language
from gui.document import Document
from gui.main_window import MainWindow
from tests.gui.test_language import _choose as choose


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = MainWindow(Document(netfile.load("preset:seed")), settings,
                      files.RecoveryFile(str(tmp_path / "recovery")))
    made.show()
    qtbot.waitExposed(made)
    yield made
    for shown in [made, *language._rebuilt]:
        if shiboken6.isValid(shown):
            shown.close()
            shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    language.request(None)
    language.install("en")


def sentence(window) -> str:
    return window.step_panel.explanation_label.text()


def test_the_step_sentence_switches_to_korean_and_back_at_the_same_step(window):
    window.stepping.go_to(4)  # the loss: the notes' "실제 결과 값 3 ≠ 예측 결과값 4"
    assert sentence(window) == "The output is 1 too high (4 against the target 3), so E = 0.5."

    korean = choose(window, "ko")
    assert korean.stepping.position == 4
    assert sentence(korean) == ("출력값이 기대출력값보다 1만큼 큽니다(출력값 4, 기대출력값 3). "
                                "따라서 E = 0.5입니다.")
    korean.stepping.go_to(6)
    assert sentence(korean).startswith("이 가중치가 y에서 실어 나른 값은 3이므로 ∂E/∂w = ")

    english = choose(korean, "en")
    assert english.stepping.position == 6
    assert sentence(english).startswith("The weight carried 3 from y, so ∂E/∂w = ")
