"""Korean in the step-through panel, the inspector, Explain This Number, the File actions, the
error boxes and the recovery age: after View → Language → 한국어 they speak Korean with the same
numbers, and English again after switching back, the document and its undo stack untouched."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.lesson.quantities import Phase
from gui import files, language
from gui.items import WeightRef, quantity_of
from tests.gui.test_language import (  # noqa: F401 - fixtures
    _choose,
    _undo_record,
    english_after,
    make_window,
    settings,
)


def _at_step_7(window):
    """The seed example's step 7 (∂E/∂v, the first step of the backward pass that has a
    weight), with ∂E/∂v explained."""
    window.stepping.restart()
    for _ in range(7):
        window.stepping.next()
    window.document.select(None)
    window.explain(quantity_of(WeightRef(1, 0, 0), "grad"))
    return window


def _shown(window) -> dict:
    panel = window.step_panel
    return {
        "position": panel.position_label.text(),
        "phases": [button.text() for button in panel.phase_strip.values()],
        "next": panel.next_action.text(),
        "title": window.inspector.title.text(),
        "explain": window.explain_panel.text().splitlines()[1],
        "operand": window.explain_panel.text().splitlines()[-1],
    }


ENGLISH = {
    "position": "Step 7 of 15 · Backward pass",
    "phases": ["Forward pass", "Loss", "Backward pass", "Update"],
    "next": "Next ▶",
    "title": "<b>Nothing selected.</b> Click a neuron or a connection on the canvas, or a cell "
             "of a weight table.",
    "explain": "Computed in step 7 (backward pass) — show this step:",
    "operand": "y = 3: computed in step 2 (forward pass)",
}
KOREAN = {
    "position": "15단계 중 7단계 · 역전파",
    "phases": ["순전파", "손실", "역전파", "갱신"],
    "next": "다음 ▶",
    "title": "<b>선택한 것이 없습니다.</b> 캔버스의 뉴런이나 연결, 또는 가중치 표의 칸을 "
             "클릭하세요.",
    "explain": "7단계(역전파)에서 계산되었습니다 — 이 단계 보기:",
    "operand": "y = 3: 2단계(순전파)에서 계산됨",
}


def test_the_step_panel_inspector_and_explanation_follow_the_language(make_window):  # noqa: F811
    window = make_window()
    document, stack = window.document, window.document.undo_stack
    document.set_parameter(0, 0, None, 0.5)
    stack.undo()  # an edit to carry across that leaves the numbers as they were
    window = _at_step_7(window)
    record = _undo_record(stack)
    parameters = [p.copy() for p in document.network.parameters()]
    assert _shown(window) == ENGLISH

    korean = _at_step_7(_choose(window, "ko"))
    assert _shown(korean) == KOREAN
    korean.stepping.jump_to_phase(Phase.UPDATE)
    while not korean.stepping.at_end:
        korean.stepping.next()
    assert korean.step_panel.position_label.text() == "15단계 중 15단계 · 갱신"
    assert korean.step_panel.next_action.text() == (
        "온라인 갱신 적용 ▶" if korean.stepping.online else "갱신 적용 ▶")

    english = _at_step_7(_choose(korean, "en"))
    assert _shown(english) == ENGLISH
    assert english.document is document and _undo_record(stack) == record
    for now, before in zip(document.network.parameters(), parameters, strict=True):
        np.testing.assert_array_equal(now, before)


def test_file_dialogs_status_messages_and_error_boxes_follow_the_language(
        make_window, monkeypatch, tmp_path):  # noqa: F811
    broken = tmp_path / "broken.json"
    broken.write_text('{"layers": [', encoding="utf-8")
    asked, boxes = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda parent, title, *rest: (asked.append(title), ("", ""))[1]))
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text, *rest: boxes.append(title)))
    window = make_window()
    record = _undo_record(window.document.undo_stack)

    def use(shown):
        assert not shown.file_actions.open_file()  # the dialog, cancelled
        assert not shown.file_actions.load(str(broken))  # the error box
        shown.file_actions.export_png(str(tmp_path / "canvas.png"))
        return shown.statusBar().currentMessage()

    status = use(window)
    korean = _choose(window, "ko")
    korean_status = use(korean)
    english = _choose(korean, "en")
    english_status = use(english)
    assert asked == ["Open network", "신경망 열기", "Open network"]
    assert boxes == ["Cannot open the network", "신경망을 열 수 없습니다",
                     "Cannot open the network"]
    png = str(tmp_path / "canvas.png")
    assert (status, korean_status, english_status) == (
        f"Exported {png}", f"{png}(으)로 내보냈습니다", f"Exported {png}")
    assert english.document is window.document
    assert _undo_record(english.document.undo_stack) == record
    assert not english.document.is_modified


def _saved_at_14_03() -> float:
    return time.mktime((2026, 12, 7, 14, 3, 0, 0, 0, -1))  # local time, as the window shows it


def test_the_recovery_age_reads_naturally_in_korean(qapp):
    saved = _saved_at_14_03()
    language.install("ko")
    assert [files.Orphan(Path("r.json"), saved).age_text(saved + seconds) for seconds in
            (30, 60, 180, 3600, 2 * 86400)] == [
        "방금 전 (12월 7일 14:03)", "1분 전 (12월 7일 14:03)", "3분 전 (12월 7일 14:03)",
        "1시간 전 (12월 7일 14:03)", "2일 전 (12월 7일 14:03)"]
    assert files.Orphan(Path("r.json"), saved, saved + 5).age_text(saved + 180) == \
        "프로그램이 멈추기 5초 전, 3분 전 (12월 7일 14:03)"
    assert files.Orphan(Path("r.json"), saved, saved + 0.2).age_text(saved + 30) == \
        "프로그램이 멈추기 직전, 방금 전 (12월 7일 14:03)"
    language.install("en")
    assert files.Orphan(Path("r.json"), saved, saved + 1.5).age_text(saved + 7200) == \
        "1 second before the program stopped, 2 hours ago (at 14:03 on 07 Dec)"


def test_the_save_question_and_the_restore_offer_are_korean(qapp, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *rest: (asked.append((title, text)),
                                            QMessageBox.StandardButton.Cancel)[1]))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: (asked.append((title, text)),
                                            QMessageBox.StandardButton.No)[1]))
    language.install("ko")
    assert files.ask_save_changes(None, "seed.json") == files.CANCEL
    assert not files.ask_restore(None, "3분 전 (12월 7일 14:03)")
    assert asked[0][0] == "저장하지 않은 변경 사항"
    assert "“seed.json”에 저장하지 않은 변경 사항이 있습니다." in asked[0][1]
    assert asked[1][0] == "저장하지 않은 작업을 복구할까요?"
    assert "3분 전 (12월 7일 14:03)에 자동 저장되었습니다" in asked[1][1]


def test_training_settings_docks_canvas_tooltips_and_landscape_in_korean(make_window):  # noqa: F811
    from gui.canvas.tooltips import tooltip

    korean = _choose(make_window(), "ko")
    docks = korean.training_docks
    form = docks.training_panel.form
    assert [docks.training_dock.windowTitle(), docks.landscape_dock.windowTitle()] == [
        "학습", "손실 지형"]
    assert [form.optimizer_combo.itemText(i) for i in range(3)] == [
        "경사 하강법 (SGD)", "모멘텀 SGD", "Adam"]
    assert form.reduction_combo.currentText() == "샘플 합 (E = E₁ + … + Eₙ)"
    assert docks.landscape_plot.title_label.text() == "<b>손실 지형</b>"
    assert docks.landscape_plot.second_box.currentText() == "— (곡선)"
    text = tooltip(korean.canvas.network_scene, WeightRef(1, 0, 0))
    assert "<td>가중치 w</td>" in text and "<td>갱신 후</td>" not in text  # nothing stepped yet
    assert korean.canvas.health_action.text() == "죽은 뉴런과 포화된 뉴런 표시(&D)"
    form._commit_max_epochs("1.5")
    assert form.max_epochs_field.error.text() == \
        "에폭: '1.5'은(는) 정수가 아닙니다 — 바뀐 것이 없습니다."
    assert korean.document.training.max_epochs is None
