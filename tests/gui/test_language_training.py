"""Korean in the Training dock and the loss and gradient plots: after View → Language → 한국어
the buttons, counters, health table, plot labels and σ′ note speak Korean with the same numbers,
and English again after switching back."""

from __future__ import annotations

import re

from tests.gui.test_language import (  # noqa: F401 - fixtures
    _choose,
    english_after,
    make_window,
    settings,
)


def _trained(window, steps: int):
    runner = window.training_docks.runner
    for _ in range(steps):
        runner.train_step()
    window.training_docks.training_panel._repaint.paint_now()
    window.training_docks.gradient_plot.refresh()
    return window


def _shown(window) -> dict:
    docks = window.training_docks
    panel, loss, gradient = docks.training_panel, docks.loss_plot, docks.gradient_plot
    table = panel.health_table
    return {
        "buttons": [b.text() for b in (panel.step_button, panel.epoch_button, panel.run_button,
                                       panel.reset_button)],
        "step": panel.step_label.text(),
        "loss": panel.loss_label.text(),
        "test": panel.test_loss_label.text(),
        "headers": [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())],
        "last row": table.item(table.rowCount() - 1, 0).text(),
        "note": panel.health_note.text(),
        "loss axis": loss.plot_item.getAxis("left").labelText,
        "log": loss.log_check.text(),
        "gradient axis": gradient.plot_item.getAxis("bottom").labelText,
        "slope": gradient.slope_note.text().split(". ")[0],
        "ratios": re.findall(r"\d+\.\d+", gradient.slope_note.text().split(")", 1)[1]),
    }


def test_the_training_dock_and_plots_follow_the_language(make_window):  # noqa: F811
    window = _trained(make_window("preset:vanishing-sigmoid"), 3)
    english = _shown(window)
    assert english["buttons"] == ["Train one step", "Train one epoch", "Run", "Reset"]
    assert english["step"] == "Step: <b>3</b>"
    assert english["loss"].startswith("Loss of the last batch: <b>")
    assert english["test"] == "Test loss: — (no test split)"
    assert english["headers"] == ["Layer", "f", "Units", "Dead", "Saturated"]
    assert english["last row"].endswith(" (output)")
    assert english["loss axis"] == "loss per sample Ē (mean)"
    assert english["log"] == "log scale"
    assert english["gradient axis"] == "training step"
    assert english["slope"] == ("Each sigmoid layer multiplies the gradient by at most σ′ = 0.25 "
                                "(the notes say about 0.3)")

    korean = _trained(_choose(window, "ko"), 0)
    shown = _shown(korean)
    assert shown["buttons"] == ["한 단계 학습", "한 에폭 학습", "실행", "초기화"]
    assert shown["step"] == "단계: <b>3</b>"
    assert shown["loss"] == english["loss"].replace("Loss of the last batch:",
                                                    "마지막 배치의 손실:")
    assert shown["test"] == "테스트 손실: — (테스트 분할 없음)"
    assert shown["headers"] == ["층", "f", "유닛", "죽음", "포화"]
    assert shown["last row"] == english["last row"].replace(" (output)", " (출력층)")
    assert shown["note"].startswith("죽음 ")
    assert shown["loss axis"] == "샘플당 손실 Ē (평균)"
    assert shown["log"] == "로그 눈금"
    assert shown["gradient axis"] == "학습 단계"
    assert shown["slope"] == ("시그모이드 층은 기울기에 많아야 σ′ = 0.25를 곱합니다"
                              "(강의 노트는 약 0.3)")
    assert len(shown["ratios"]) == 2 * 8  # nine layers: eight ratios at step 1 and eight now
    assert shown["ratios"] == english["ratios"]  # the same measured numbers

    assert _shown(_trained(_choose(korean, "en"), 0)) == english
