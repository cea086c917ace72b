"""A task's action (a button's one-step edit): lesson 7 switches all eight hidden layers to
ReLU in one step, the same edit its solution makes; a wrong action is refused by key."""

import json
import shutil

import numpy as np
import pytest

from engine import i18n
from engine.errors import NetworkFileError
from engine.lessons.checks import LessonState, passes
from engine.lessons.loader import LESSONS_FOLDER, find_lesson, lesson_experiment, read_lesson
from engine.lessons.solutions import apply_action, apply_solution

VANISHING = find_lesson(7)
RELU_TASK = 3


def test_lesson_7s_button_makes_every_hidden_layer_relu_in_one_edit():
    task = VANISHING.tasks[RELU_TASK]
    assert task.action == {"hidden_activation": "relu"}
    assert task.action_text.get("en") == "Make every hidden layer ReLU"
    assert task.action_text.get("ko") == "모든 은닉층을 ReLU로"
    experiment = lesson_experiment(VANISHING)
    before = experiment.network
    assert not passes(task.check, LessonState(experiment))
    after = apply_action(before, task.action)
    assert [layer.activation for layer in after.layers] == ["relu"] * 8 + ["sigmoid"]
    assert [layer.activation for layer in before.layers] == ["sigmoid"] * 9  # left alone
    for old, new in zip(before.parameters(), after.parameters(), strict=True):
        assert np.array_equal(old, new)
    experiment.network = after
    assert passes(task.check, LessonState(experiment))
    solved = apply_solution(LessonState(lesson_experiment(VANISHING)), task.solution)
    assert [layer.activation for layer in solved.experiment.network.layers] == \
        [layer.activation for layer in after.layers]


def _with_action(tmp_path, action):
    folder = tmp_path / "07-vanishing-gradients"
    shutil.copytree(LESSONS_FOLDER / folder.name, folder)
    document = json.loads((folder / "lesson.json").read_text(encoding="utf-8"))
    document["tasks"][RELU_TASK]["action"] = action
    (folder / "lesson.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


TEXT = {"en": "Go", "ko": "가기"}


@pytest.mark.parametrize(("action", "key"), [
    ({"text": TEXT, "hidden_activation": "rellu"}, "tasks[3].action.hidden_activation"),
    ({"text": TEXT, "hidden_activation": "softmax"}, "tasks[3].action.hidden_activation"),
    ({"text": TEXT}, "tasks[3].action"),
    ({"text": {"en": "Go"}, "hidden_activation": "relu"}, "tasks[3].action.text.ko"),
    ("relu", "tasks[3].action"),
])
def test_a_wrong_action_is_refused_naming_its_key(tmp_path, action, key):
    with pytest.raises(NetworkFileError) as caught:
        read_lesson(_with_action(tmp_path, action))
    assert str(caught.value).startswith(
        str(tmp_path / "07-vanishing-gradients" / "lesson.json") + ": " + key + ":")


def test_a_task_without_an_action_has_no_button():
    assert all(task.action is None and task.action_text is None
               for task in find_lesson(2).tasks)


# ----- values hidden until predicted (lesson 2) -------------------------------------------------
def test_lesson_2_hides_y_and_z_until_their_tasks_pass():
    lesson = find_lesson(2)
    assert lesson.hide == ("a1[1]", "a2[1]")
    assert lesson.hidden == ((0, 0), (1, 0))  # (layer, neuron) from 0
    assert lesson.still_hidden(set()) == {(0, 0), (1, 0)}
    assert lesson.still_hidden({0}) == {(1, 0)}
    assert lesson.still_hidden({1}) == {(0, 0)}
    assert lesson.still_hidden({0, 1}) == set()
    assert lesson.still_hidden({2, 3, 4}) == {(0, 0), (1, 0)}
    assert find_lesson(7).still_hidden(set()) == set()  # a lesson without "hide"


def _lesson_2_with(tmp_path, hide):
    folder = tmp_path / "02-worked-example"
    shutil.copytree(LESSONS_FOLDER / folder.name, folder)
    document = json.loads((folder / "lesson.json").read_text(encoding="utf-8"))
    document["hide"] = hide
    (folder / "lesson.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("hide", "key"), [
    ("a1[1]", "hide"),
    (["a1[1]", "z1[1]"], "hide[1]"),  # no task asks for z1[1]: it would stay hidden
    (["dE/dw2[1,1]"], "hide[0]"),  # asked for, but not a neuron's forward value
    ([["a1[1]"]], "hide[0]"),
])
def test_a_wrong_hide_is_refused_naming_its_key(tmp_path, hide, key):
    with pytest.raises(NetworkFileError) as caught:
        read_lesson(_lesson_2_with(tmp_path, hide))
    assert str(caught.value).startswith(
        str(tmp_path / "02-worked-example" / "lesson.json") + ": " + key + ":")


def test_a_wrong_hide_is_refused_in_korean_with_the_same_key(tmp_path):
    i18n.set_language("ko")
    try:
        with pytest.raises(NetworkFileError) as caught:
            read_lesson(_lesson_2_with(tmp_path, ["a1[1]", "z1[1]"]))
    finally:
        i18n.set_language("en")
    assert str(caught.value).endswith(
        "hide[1]: “z1[1]”: 이 값을 묻는 과제가 없어서 계속 숨겨진 채로 남습니다")
