"""The loss landscape's verdict in Korean: named in the dock and the status bar with the English
verdict's numbers, and taken back from the status bar when training leaves the trap."""

import re

import pytest

from engine import i18n
from engine.analysis.critical_points import PointKind
from tests.engine.test_i18n import korean  # noqa: F401  (a fixture: Korean for one test)
from tests.gui.test_landscape_random import local_minimum_shown
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401  (fixtures)


def numbers(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)


@pytest.mark.usefixtures("korean")
def test_the_local_minimum_is_named_in_korean_and_taken_back(qtbot, make_window):  # noqa: F811
    window = make_window("preset:local-minimum")
    plot, shape = local_minimum_shown(qtbot, window)
    assert shape.kind is PointKind.LOCAL_MINIMUM
    message = window.statusBar().currentMessage()
    assert message.startswith("여기서 기울기 ≈ 0(‖∂E/∂θ‖ = ")
    assert "w1[1,1], b1[1] 방향의 지역 최솟값입니다" in message
    assert f"w1[1,1] = {shape.lower[0][0]:.3g}" in message
    assert f"E = {shape.lower[1]:.4g}로 더 낮습니다" in message
    assert "w1[1,1], b1[1] 방향의 지역 최솟값입니다" in plot.verdict.text()
    i18n.set_language("en")
    assert sorted(numbers(shape.sentence())) == sorted(numbers(message))
    plot.verdict_changed.emit("")  # training left the trap
    assert window.statusBar().currentMessage() == ""


def test_a_status_message_that_is_not_the_verdict_stays(qtbot, make_window):  # noqa: F811
    window = make_window("preset:seed")
    window.statusBar().showMessage("saved")
    window.training_docks.landscape_plot.verdict_changed.emit("")
    assert window.statusBar().currentMessage() == "saved"
