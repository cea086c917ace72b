"""The guided lessons (resources/lessons): every folder reads, and every task passes when its
solution is applied and fails, with its hint, on a wrong answer."""

import math

import pytest

from engine.lessons.checks import LessonState, expected_value, passes
from engine.lessons.lesson import LANGUAGES
from engine.lessons.loader import LESSONS_FOLDER, lesson_experiment, lesson_folders, load_lessons
from engine.lessons.solutions import apply_solution

LESSONS = load_lessons()
TASKS = [(lesson, index) for lesson in LESSONS for index in range(len(lesson.tasks))]


def _state_before(lesson, index: int) -> LessonState:
    """The lesson's state once the tasks before ``index`` were solved (nothing typed yet)."""
    state = LessonState(lesson_experiment(lesson))
    for task in lesson.tasks[:index]:
        state = apply_solution(state, task.solution)
    return LessonState(state.experiment, None, state.phases_reached, state.trained_steps)


def _wrong_answer(state: LessonState, check) -> LessonState:
    """``state`` with a wrong number typed (for a task that asks for one)."""
    if check["check"] == "all":
        check = next(part for part in check["of"] if part["check"] == "value_entered")
    expected = expected_value(check, state.experiment)
    return LessonState(state.experiment, expected + 1 + abs(expected), state.phases_reached,
                       state.trained_steps)


def test_there_are_at_least_nine_lessons_in_the_notes_order():
    assert [lesson.number for lesson in LESSONS] == list(range(1, 10))
    assert len(lesson_folders()) == len(LESSONS)
    assert [lesson.slug for lesson in LESSONS][:2] == ["one-weight", "worked-example"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_every_text_exists_in_both_languages(lesson):
    for language in LANGUAGES:
        assert lesson.title(language).strip() and lesson.text(language).strip()
        for task in lesson.tasks:
            assert task.text(language).strip() and task.hint(language).strip()
    assert lesson.text("ko") != lesson.text("en")
    assert any("가" <= ch <= "힣" for ch in lesson.text("ko"))  # Hangul, not a copy


@pytest.mark.parametrize(("lesson", "index"), TASKS,
                         ids=[f"{lesson.key}-task{index + 1}" for lesson, index in TASKS])
def test_a_task_passes_with_its_solution_and_gives_its_hint_on_a_wrong_answer(lesson, index):
    task = lesson.tasks[index]
    before = _state_before(lesson, index)
    wrong = _wrong_answer(before, task.check) if task.asks_for_number else before
    assert task.grade(wrong, "en") == task.hint("en")
    assert task.grade(wrong, "ko") == task.hint("ko")
    assert task.grade(apply_solution(before, task.solution)) is None


def test_the_worked_example_asks_for_the_notes_numbers():
    lesson = LESSONS[1]
    state = LessonState(lesson_experiment(lesson))
    assert [expected_value(task.check, state.experiment) for task in lesson.tasks[:3]] == [3, 4, 3]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_a_fixed_answer_agrees_with_the_engine_on_the_lessons_own_network(lesson):
    """A value_entered check with both ``equals`` and ``quantity`` is consistent: the engine
    computes that number on the lesson's network, after the tasks before it."""
    for index, task in enumerate(lesson.tasks):
        checks = task.check["of"] if task.check["check"] == "all" else [task.check]
        for check in checks:
            if check["check"] == "value_entered" and {"equals", "quantity"} <= set(check):
                state = _state_before(lesson, index)
                computed = expected_value({"quantity": check["quantity"]}, state.experiment)
                assert math.isclose(computed, check["equals"], rel_tol=1e-12, abs_tol=1e-12)


def test_the_capstone_trains_the_digits_past_ninety_percent_on_the_test_split():
    lesson = LESSONS[-1]
    assert lesson.dataset == "uci-digits" and lesson.view == "digit_weights"
    state = apply_solution(LessonState(lesson_experiment(lesson)), {"train": 300})
    assert passes({"check": "test_accuracy_at_least", "bound": 0.9}, state)
    assert state.trained_steps == 300


def test_a_check_does_not_pass_on_a_number_not_typed():
    lesson = LESSONS[1]
    state = LessonState(lesson_experiment(lesson), entered=None)
    assert not passes(lesson.tasks[0].check, state)
    assert passes(lesson.tasks[0].check, LessonState(state.experiment, entered=3.0))


def test_the_lessons_folder_is_under_resources():
    assert LESSONS_FOLDER.name == "lessons" and LESSONS_FOLDER.parent.name == "resources"
