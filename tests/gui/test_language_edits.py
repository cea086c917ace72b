"""After View → Language → 한국어, what the learner makes next speaks Korean: the New Network
dialog, the undo texts of edits, the step-through's status line and the Network menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui import commands
from gui.items import WeightRef
from tests.gui.test_language import _choose, english_after, make_window, settings  # noqa: F401
from tests.gui.test_main_window import answer_dialog, type_into_canvas


def test_after_switching_to_korean_a_dialog_and_the_undo_texts_are_korean(
        qtbot, make_window):  # noqa: F811 (the fixture imported above)
    korean = _choose(make_window(), "ko")
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["activations"] = dialog.activations_box.title()

    answer_dialog(qtbot, look)
    korean.file_actions.new_action.trigger()
    assert seen == {"title": "새 네트워크", "activations": "층별 활성화 함수"}

    stack = korean.document.undo_stack
    type_into_canvas(qtbot, korean, WeightRef(0, 0, 0), "0.5")
    assert korean.document.parameter(0, 0, 0) == 0.5
    assert stack.text(stack.index() - 1) == "가중치를 0.5(으)로 설정"
    assert korean.undo_action.text().endswith("가중치를 0.5(으)로 설정")
    assert korean.stepping.status == ("가중치가 바뀌었습니다: 단계별 실행을 첫 단계부터 다시 "
                                      "시작합니다.")

    korean.document.set_frozen(0, 0, None, True)
    assert stack.text(stack.index() - 1) == "파라미터 고정"
    assert korean.network_actions.add_layer_before_action.text() == "선택한 층 앞에 층 추가(&B)"
    stack.undo()
    stack.undo()
    assert korean.document.parameter(0, 0, 0) == 1.0  # the seed example's starting weight


def test_a_training_runs_undo_text_has_one_korean_wording_for_every_count(qapp):
    from gui import language

    assert [commands.train_text(n) for n in (1, 83216)] == ["Train 1 step", "Train 83,216 steps"]
    language.install("ko")
    try:
        assert [commands.train_text(n) for n in (1, 83216)] == ["학습 1단계", "학습 83,216단계"]
        assert QCoreApplication.translate("StepSource", "Update step (η = {rate})") \
            .format(rate="0.1") == "갱신 단계 (η = 0.1)"
    finally:
        language.install("en")
    assert commands.train_text(2) == "Train 2 steps"
