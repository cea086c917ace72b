"""The window's languages: Qt's catalogues kept complete and compiled, the choice of language,
Korean fonts, and switching language while a document is open without touching it."""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from engine import i18n
from engine.files import netfile
from engine.lesson.quantities import Phase
from gui import app, files, language, style
from gui.canvas import labels
from gui.document import Document
from gui.main_window import MainWindow
from gui.panels import data_panel
from gui.plots.depth_plot import layer_ticks
from gui.step_source import StepScope
from resources.i18n import catalogues

# gui modules whose user-visible strings do not go through Qt's tr yet (catalogues.bypasses
# says what counts). Each engineer who converts one removes it here; the list only shrinks.
NOT_YET_CONVERTED: set[str] = set()


@pytest.fixture(autouse=True)
def english_after():
    """Every test leaves the application and the engine in English, as it found them."""
    yield
    language.request(None)
    language.install("en")


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, tmp_path, monkeypatch):
    """Opens windows on a preset; at the end closes every window the test ended with (those a
    switch built included) and checks that none is left."""
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    made = []

    def make(spec="preset:seed"):
        window = MainWindow(Document(netfile.load(spec)), settings,
                            files.RecoveryFile(str(tmp_path / "recovery")))
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in [*made, *language._rebuilt]:
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(window) for window in made)


# ----- the catalogues --------------------------------------------------------------------------
def test_the_committed_qm_is_what_the_ts_compiles_to(tmp_path):
    compiled = tmp_path / "backprop_ko.qm"
    catalogues.run_lrelease(catalogues.QT_CATALOGUE, compiled)
    assert compiled.read_bytes() == catalogues.QT_COMPILED.read_bytes()


def test_every_string_of_the_sources_is_in_the_korean_catalogue_and_finished(tmp_path):
    copy = tmp_path / "backprop_ko.ts"
    shutil.copy(catalogues.QT_CATALOGUE, copy)
    catalogues.run_lupdate(copy)
    unfinished = [(context, source) for context, source, text in catalogues.qt_messages(copy)
                  if text is None]
    assert unfinished == []
    committed = {(c, s) for c, s, _ in catalogues.qt_messages(catalogues.QT_CATALOGUE)}
    assert {(c, s) for c, s, _ in catalogues.qt_messages(copy)} == committed
    assert ("MainWindow", "&File") in committed


def test_the_catalogue_check_sees_an_unfinished_message(tmp_path):
    ts = tmp_path / "x_ko.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="ko_KR">'
                  '<context><name>A</name>'
                  '<message><source>One</source><translation>하나</translation></message>'
                  '<message><source>Two</source>'
                  '<translation type="unfinished"></translation></message>'
                  '<message><source>Gone</source>'
                  '<translation type="vanished">없음</translation></message>'
                  '</context></TS>', encoding="utf-8")
    assert catalogues.qt_messages(ts) == [("A", "One", "하나"), ("A", "Two", None)]


def test_no_user_visible_string_bypasses_tr_outside_the_modules_not_yet_converted():
    found = catalogues.gui_bypasses()
    assert {module: lines for module, lines in found.items()
            if module not in NOT_YET_CONVERTED} == {}
    assert NOT_YET_CONVERTED - set(found) == set()  # a converted module leaves the list


# ----- choosing and installing -----------------------------------------------------------------
def test_the_stored_choice_decides(settings):
    settings.setValue(language.SETTING, "ko")
    assert language.chosen_language(settings) == "ko"
    settings.setValue(language.SETTING, "en")
    assert language.chosen_language(settings) == "en"


@pytest.mark.parametrize(("locale", "code"), [("ko_KR", "ko"), ("en_US", "en"), ("de_DE", "en")])
def test_without_a_stored_choice_the_system_locale_decides(settings, monkeypatch, locale, code):
    monkeypatch.setattr(language.QLocale, "system", staticmethod(lambda: QLocale(locale)))
    assert language.chosen_language(settings) == code


def test_lang_on_the_command_line_beats_the_stored_choice(settings):
    settings.setValue(language.SETTING, "en")
    language.request("ko")
    assert language.chosen_language(settings) == "ko"


def test_korean_installs_qts_own_buttons_and_the_engines_language(qapp):
    assert language.qt_catalogue("ko").exists()
    language.install("ko")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
    assert i18n.language() == "ko"
    language.install("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert i18n.language() == "en"


def test_the_depth_views_output_layer_reads_as_the_canvas_calls_it(qapp):
    language.install("ko")
    assert layer_ticks(3) == [(1, "1"), (2, "2"), (3, "출력")]
    language.install("en")
    assert layer_ticks(3)[-1] == (3, "out")


def test_a_window_opened_with_a_stored_korean_choice_is_korean(qtbot, settings, tmp_path):
    settings.setValue(language.SETTING, "ko")
    window = app.create_window("preset:seed", settings, files.RecoveryFile(str(tmp_path)))
    qtbot.addWidget(window)
    assert [action.text() for action in window.menuBar().actions()][:2] == ["파일(&F)",
                                                                           "편집(&E)"]
    window.document.undo_stack.setClean()


def test_korean_text_has_a_korean_font_to_fall_back_on(qapp):
    before = qapp.font()
    try:
        style.use_korean_fallbacks(qapp)
        families = qapp.font().families()
        assert families[-len(style.KOREAN_FONTS):] == list(style.KOREAN_FONTS)
        installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))
        assert installed & set(style.KOREAN_FONTS)  # .ci/run installs fonts-nanum
    finally:
        qapp.setFont(before)


# ----- switching while the document is open ----------------------------------------------------
def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _choose(window, code: str):
    """View → Language → the language named ``code``, as a learner clicks it; the window now
    showing the document."""
    submenu = next(action.menu() for action in window.view_menu.actions()
                   if action.menu() is not None)
    action = next(action for action in submenu.actions() if action.data() == code)
    action.trigger()
    shown = [widget for widget in QApplication.topLevelWidgets()
             if isinstance(widget, MainWindow) and widget.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _undo_record(stack) -> tuple:
    return stack.count(), stack.index(), [stack.text(i) for i in range(stack.count())]


def test_switching_language_redraws_the_window_and_leaves_the_document_alone(make_window,
                                                                            settings):
    window = make_window()
    document, stack = window.document, window.document.undo_stack
    document.set_parameter(1, 0, 0, 0.25)
    document.set_parameter(0, 0, None, -1.5)
    window.training_docks.runner.train_step()
    window.training_docks.runner.train_step()
    stack.undo()
    parameters = [p.copy() for p in document.network.parameters()]
    record = _undo_record(stack)
    steps = window.training_docks.runner.step_count
    window.stepping.jump_to_phase(Phase.BACKWARD)
    position = window.stepping.position
    assert _menu_titles(window)[0] == "&File"
    assert window.inspector_dock.windowTitle() == "Inspector"
    assert window.loss_label.text().startswith("Sample 1 of 1")

    korean = _choose(window, "ko")
    assert korean is not window
    assert _menu_titles(korean) == ["파일(&F)", "편집(&E)", "네트워크(&N)", "단계(&S)",
                                    "보기(&V)", "도움말(&H)"]
    assert korean.inspector_dock.windowTitle() == "속성 보기"
    assert korean.loss_label.text().startswith("샘플 1 / 1")
    assert settings.value(language.SETTING) == "ko"
    assert korean.stepping.position == position
    assert korean.training_docks.runner.step_count == steps
    assert korean.file_actions.autosave_timer.isActive()  # the edits are not saved yet
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)

    english = _choose(korean, "en")
    assert _menu_titles(english)[0] == "&File"
    assert english.inspector_dock.windowTitle() == "Inspector"
    assert english.loss_label.text().startswith("Sample 1 of 1")
    assert english.document is document and english.document.undo_stack is stack
    assert _undo_record(stack) == record
    for now, before in zip(document.network.parameters(), parameters, strict=True):
        np.testing.assert_array_equal(now, before)
    # the document still drives the new window: an undo after the switch shows there
    shown = english.loss_label.text()
    stack.undo()  # the first training step
    assert english.loss_label.text() != shown
    stack.redo()
    assert english.loss_label.text() == shown
    assert _undo_record(stack) == record


def test_choosing_the_language_already_shown_keeps_the_window(make_window, settings):
    window = make_window()
    assert _choose(window, "en") is window
    assert settings.value(language.SETTING) == "en"


def test_the_language_menu_checks_the_language_shown(make_window):
    window = make_window()
    korean = _choose(window, "ko")
    submenu = next(action.menu() for action in korean.view_menu.actions()
                   if action.menu() is not None)
    assert submenu.title() == "언어(&L)"
    assert [(action.text(), action.isChecked()) for action in submenu.actions()] == [
        ("English", False), ("한국어", True)]


def test_the_error_box_follows_the_window_built_by_a_switch(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr("sys.excepthook", None)
    app.install_excepthook(window)
    korean = _choose(window, "ko")
    assert sys.excepthook.window is korean


def test_lang_for_a_window_command_chooses_the_windows_language(monkeypatch, settings):
    import main

    chosen = []
    settings.setValue(language.SETTING, "en")
    monkeypatch.setattr(app, "screenshot",
                        lambda spec, out, step: chosen.append(language.chosen_language(settings)))
    main.launch_gui("screenshot", None, {"out_png": "x.png", "step": 0, "language": "ko"})
    main.launch_gui("screenshot", None, {"out_png": "x.png", "step": 0})
    assert chosen == ["ko", "en"]


def test_the_batch_scope_and_the_chosen_sample_survive_a_language_switch(make_window, qtbot):
    window = make_window("preset:xor")
    panel = window.step_panel
    panel.sample_spin.setValue(3)  # sample 3: the one-sample scope
    assert window.stepping.scope == StepScope.SAMPLE
    batch = panel.scope_combo.findData(StepScope.BATCH.value)
    panel.scope_combo.setCurrentIndex(batch)
    panel.scope_combo.activated.emit(batch)  # as a click on "Batch (as training)"
    assert window.stepping.scope == StepScope.BATCH

    korean = _choose(window, "ko")
    assert korean.stepping.scope == StepScope.BATCH
    assert korean.stepping.source.sample == 2
    assert korean.step_panel.scope_combo.currentData() == StepScope.BATCH.value
    english = _choose(korean, "en")
    assert english.stepping.scope == StepScope.BATCH


def test_a_bad_csv_import_in_korean_is_one_korean_line(make_window, qtbot, tmp_path, monkeypatch):
    korean = _choose(make_window("preset:xor"), "ko")
    panel = korean.training_docks.data_panel
    data = korean.document.data
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,t\n0,1,1\nabc,0,1\n", encoding="utf-8")
    monkeypatch.setattr(data_panel.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args: (str(path), "")))
    monkeypatch.setattr(data_panel.CsvOptionsDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    assert panel.import_button.text() == "CSV 가져오기…"
    panel.import_button.click()
    qtbot.waitUntil(lambda: panel.import_job is None, timeout=10_000)
    assert panel.message.text() == ("가져올 수 없습니다: 키 3행, 'x1'열: 'abc'은(는) 숫자가 "
                                    "아닙니다. 데이터는 그대로입니다.")
    assert "\n" not in panel.message.text()
    assert korean.document.data is data


def test_the_canvas_column_titles_follow_the_language(qapp):
    network = netfile.load("preset:xor").network
    assert [labels.column_title(network, c) for c in range(3)] == [
        ("Input", "2 values"), ("Hidden 1", "sigmoid"), ("Output", "sigmoid")]
    language.install("ko")
    assert [labels.column_title(network, c) for c in range(3)] == [
        ("입력층", "값 2개"), ("은닉층 1", "sigmoid"), ("출력층", "sigmoid")]
    assert labels.column_title(netfile.load("preset:seed").network, 0) == ("입력층", "값 1개")
