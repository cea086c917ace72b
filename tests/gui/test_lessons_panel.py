"""The Lessons dock, driven as a learner would: open a lesson, answer wrong, read the hint,
answer right, step and train, leave and come back, switch the lessons' language."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.lesson.quantities import Phase
from engine.lessons.datasets import weight_mosaic
from engine.lessons.loader import find_lesson
from gui import files
from gui.frame_clock import on_screen
from tests.gui import test_main_window as main_window_tests

# the main window's fixtures: a window with temporary settings, and the learner's answers
settings = main_window_tests.settings
answers = main_window_tests.answers
make_window = main_window_tests.make_window


@pytest.fixture
def lessons(make_window):
    """The Lessons panel of a window on the seed example."""
    window = make_window()
    panel = window.lessons_panel
    panel.window_under_test = window
    return panel


def _answer(qtbot, panel, index, text):
    row = panel.task_rows[index]
    row.value_field.setText(text)
    qtbot.mouseClick(row.check_button, Qt.MouseButton.LeftButton)
    return row


def test_the_dock_lists_every_lesson_with_its_progress(lessons):
    window = lessons.window_under_test
    assert window.lessons_dock.windowTitle() == "Lessons"
    assert window.lessons_dock.toggleViewAction() in window.view_menu.actions()
    assert lessons.lesson_model.rowCount() == 9
    assert lessons.lesson_model.item(0).text() == "1. The loss as a function of one weight   0/3"


def test_opening_a_lesson_makes_its_network_the_document(qtbot, lessons):
    window = lessons.window_under_test
    where = lessons.lesson_list.visualRect(lessons.lesson_model.index(1, 0)).center()
    qtbot.mouseClick(lessons.lesson_list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert lessons.current.number == 2
    assert window.document.path is None and not window.document.is_modified
    assert [len(task_row.task.text()) > 0 for task_row in lessons.task_rows] == [True] * 5
    assert lessons.title_label.text() == "2. The worked example: forward, then backward"


def test_opening_a_lesson_asks_about_unsaved_work_and_cancel_keeps_it(lessons, answers):
    document = lessons.window_under_test.document
    document.set_parameter(1, 0, 0, 2.5)
    answers["save"] = files.CANCEL
    assert not lessons.open_lesson(3)
    assert lessons.current is None and document.parameter(1, 0, 0) == 2.5


def test_a_wrong_answer_shows_the_hint_and_the_right_one_passes(qtbot, lessons):
    lessons.open_lesson(2)
    row = _answer(qtbot, lessons, 1, "5")
    assert not row.passed
    assert row.result.text() == "Not yet. Hint: z = y·w + b with the y you just found."
    row = _answer(qtbot, lessons, 1, "4")
    assert row.passed and row.result.text() == "✓ Passed"
    assert lessons.lesson_model.item(1).text().endswith("1/5")


def test_a_field_that_is_not_a_number_says_so(qtbot, lessons):
    lessons.open_lesson(2)
    row = _answer(qtbot, lessons, 0, "three")
    assert row.result.text() == "Type a number, like 1.5, −0.75 or 3e-7."


def test_progress_is_remembered_across_starts(qtbot, lessons, make_window):
    lessons.open_lesson(3)
    _answer(qtbot, lessons, 0, "1.5")
    again = make_window().lessons_panel  # the same settings: a later start
    assert again.lesson_model.item(2).text().endswith("1/4")
    again.open_lesson(3)
    assert again.task_rows[0].passed and not again.task_rows[1].passed


def test_a_step_task_passes_once_the_step_through_reaches_the_phase(qtbot, lessons):
    lessons.open_lesson(2)
    stepping = lessons.window_under_test.stepping
    assert not lessons.check_task(3)
    assert lessons.task_rows[3].result.text().startswith("Not yet. Hint: Press Space")
    while stepping.current_phase() != Phase.BACKWARD:
        stepping.next()
    assert lessons.check_task(3)


def test_applying_the_update_in_the_step_through_solves_the_worked_example(lessons):
    lessons.open_lesson(2)
    stepping = lessons.window_under_test.stepping
    stepping.jump_to_phase(Phase.UPDATE)
    stepping.go_to(stepping.count - 1)
    stepping.next()  # past the last step: the update is applied
    assert lessons.window_under_test.document.parameter(1, 0, 0) == pytest.approx(0.7)
    assert lessons.check_task(4)


def test_the_slider_moves_the_weight_as_an_undoable_edit(lessons):
    lessons.open_lesson(1)
    document = lessons.window_under_test.document
    slider = lessons.slider
    slider.slider.setValue(1666)  # −1 + 3 · 1666/3000 = −0.334
    assert document.parameter(1, 0, 0) == pytest.approx(slider.value_at(1666))
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.parameter(1, 0, 0) == 1.0 and slider.slider.value() == 2000


def test_the_slider_finds_the_minimum_and_training_gets_there_too(lessons):
    lessons.open_lesson(1)
    window = lessons.window_under_test
    document, runner = window.document, window.training_docks.runner
    lessons.slider.slider.setValue(round((0.6667 + 1) / 3 * 3000))
    assert lessons.check_task(0)
    lessons.slider.slider.setValue(2000)  # back to w = 1
    assert not lessons.check_task(2)
    for _ in range(10):
        runner.train_step()
    assert document.parameter(1, 0, 0) == pytest.approx(2 / 3, abs=1e-3)
    assert lessons.check_task(2)


def test_leaving_a_lesson_keeps_the_tasks_waiting_and_coming_back_works(qtbot, lessons):
    window = lessons.window_under_test
    lessons.open_lesson(2)
    window.file_actions.load("preset:xor")
    assert not lessons.left_label.isHidden()
    row = _answer(qtbot, lessons, 0, "3")
    assert not row.passed and row.result.text().startswith("Another network is open")
    lessons.open_lesson(2)
    assert lessons.left_label.isHidden()
    assert _answer(qtbot, lessons, 0, "3").passed


def test_the_lessons_text_follows_the_language(qtbot, lessons):
    lessons.open_lesson(2)
    _answer(qtbot, lessons, 1, "5")
    lessons.set_language("ko")
    assert lessons.title_label.text() == "2. 예제: 순전파와 역전파"
    assert lessons.lesson_model.item(0).text().startswith("1. 가중치 하나에 대한 손실 함수")
    assert lessons.task_rows[1].prompt.text() == "2. 순전파: 출력값 z = 3·1 + 1은 얼마입니까?"
    assert lessons.task_rows[1].result.text().endswith("방금 구한 y로 z = y·w + b 입니다.")
    lessons.set_language("en")
    assert lessons.title_label.text() == "2. The worked example: forward, then backward"


def test_the_capstone_shows_the_weights_as_digit_images_and_the_test_accuracy(qtbot, lessons):
    lessons.open_lesson(9)
    window = lessons.window_under_test
    view = lessons.digit_weights
    qtbot.waitUntil(lambda: on_screen(view))  # the Lessons dock came to the front
    assert view.shown and view.pixels().shape == (17, 44)
    runner = window.training_docks.runner
    for _ in range(3):
        runner.train_epoch()
    expected, _ = weight_mosaic(window.document.network.layers[0].weights)
    np.testing.assert_array_equal(view.pixels(), expected)
    assert view.accuracy_label.text().startswith("Test accuracy: 9")
    assert view.accuracy_label.text().endswith("of 359 images never trained on")
    assert lessons.check_task(0)


def test_the_next_lesson_button_opens_the_next_one(qtbot, lessons):
    lessons.open_lesson(4)
    qtbot.mouseClick(lessons.next_button, Qt.MouseButton.LeftButton)
    assert lessons.current.number == 5
    assert lessons.task_rows[0].task.text() == find_lesson(5).tasks[0].text()


def test_lesson_n_from_the_command_line_opens_the_window_on_it(monkeypatch, qtbot, tmp_path):
    import sys

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui import app

    opened = []
    real_create = app.create_window

    def create(spec, settings=None, recovery=None):
        window = real_create(spec, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                             files.RecoveryFile(str(tmp_path / "recovery")))
        qtbot.addWidget(window)
        opened.append(window)
        return window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    monkeypatch.setattr(app, "create_window", create)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert app.run_lesson(3) == 0
    window = opened[0]
    assert window.lessons_panel.current.number == 3
    qtbot.waitUntil(lambda: on_screen(window.lessons_panel))
