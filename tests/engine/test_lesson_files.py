"""A lesson folder written wrong is refused with one line naming the file and the key; the
numbers a task names are the engine's; the shipped digits; ``lessons`` and ``lesson N``."""

import json
import shutil

import numpy as np
import pytest

from engine.cli import main as command_line
from engine.errors import NetworkError, NetworkFileError
from engine.files.presets import load_preset
from engine.lessons import datasets, values
from engine.lessons.loader import LESSONS_FOLDER, find_lesson, read_lesson

GOOD = LESSONS_FOLDER / "02-worked-example"


def _broken(tmp_path, change, name="02-worked-example"):
    """A copy of lesson 2 whose lesson.json went through ``change(document)``."""
    folder = tmp_path / name
    shutil.copytree(GOOD, folder)
    document = json.loads((folder / "lesson.json").read_text(encoding="utf-8"))
    change(document)
    (folder / "lesson.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def _refusal(folder) -> str:
    with pytest.raises(NetworkFileError) as caught:
        read_lesson(folder)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d["tasks"][0]["check"].update(check="value_typed"), "tasks[0].check.check"),
    (lambda d: d["tasks"][4]["check"]["of"][1].update(param="w9[1,1]"),
     "tasks[4].check.of[1].param"),
    (lambda d: d["tasks"][0]["check"].update(quantity="dE/dw2[2,1]"), "tasks[0].check.quantity"),
    (lambda d: d["tasks"][0]["check"].update(quantity="speed"), "tasks[0].check.quantity"),
    (lambda d: d["tasks"][3]["check"].update(phase="sideways"), "tasks[3].check.phase"),
    (lambda d: d["tasks"][0]["check"].update(tolerence=1), "tasks[0].check.tolerence"),
    (lambda d: d["tasks"][0]["check"].update(equals="3"), "tasks[0].check.equals"),
    (lambda d: d["tasks"][1]["hint"].pop("ko"), "tasks[1].hint.ko"),
    (lambda d: d["title"].update(ko=" "), "title.ko"),
    (lambda d: d.update(titel={}), "titel"),
    (lambda d: d.pop("tasks"), "tasks"),
    (lambda d: d["tasks"][2].pop("solution"), "tasks[2].solution"),
    (lambda d: d["tasks"][2]["solution"].update(typed=3), "tasks[2].solution.typed"),
    (lambda d: d.update(slider={"param": "w2[1,1]", "min": 2, "max": 1}), "slider.max"),
    (lambda d: d.update(dataset="mnist"), "dataset"),
    (lambda d: d.update(version=2), "version"),
])
def test_a_broken_lesson_is_refused_naming_the_file_and_the_key(tmp_path, change, key):
    message = _refusal(_broken(tmp_path, change))
    assert message.startswith(str(tmp_path / "02-worked-example" / "lesson.json") + ": " + key)


def test_a_broken_network_file_is_named_by_its_own_path(tmp_path):
    folder = _broken(tmp_path, lambda d: None)
    network = json.loads((folder / "network.json").read_text(encoding="utf-8"))
    network["layers"][0]["weights"] = [[1.0, 2.0]]
    (folder / "network.json").write_text(json.dumps(network), encoding="utf-8")
    assert _refusal(folder).startswith(str(folder / "network.json") + ": layers[0].weights")


def test_a_lesson_file_that_is_not_json_names_the_line(tmp_path):
    folder = _broken(tmp_path, lambda d: None)
    (folder / "lesson.json").write_text("{\n  \"title\": ,\n}", encoding="utf-8")
    assert "line 2" in _refusal(folder)


def test_the_seed_numbers_by_name():
    seed = load_preset("seed")
    named = {name: values.value_of(name, seed) for name in (
        "E", "w2[1,1]", "a1[1]", "z2[1]", "a2[1]", "delta2[1]", "dE/dw2[1,1]", "dE/db2[1]",
        "dE/dw1[1,1]", "dE/db1[1]", "|dE/dW1|", "|dE/dW2|")}
    assert named == {"E": 0.5, "w2[1,1]": 1.0, "a1[1]": 3.0, "z2[1]": 4.0, "a2[1]": 4.0,
                     "delta2[1]": 1.0, "dE/dw2[1,1]": 3.0, "dE/db2[1]": 1.0,
                     "dE/dw1[1,1]": 2.0, "dE/db1[1]": 1.0, "|dE/dW1|": 2.0, "|dE/dW2|": 3.0}


def test_a_neuron_value_of_a_later_sample():
    xor = load_preset("xor")
    expected = xor.network.forward(xor.data.inputs).activations[2][3, 0]
    assert values.value_of("a2[1]", xor, sample=4) == expected


@pytest.mark.parametrize("name", ["a3[1]", "a1[5]", "dE/dw2[1,2]", "E2", "|dE/dW0|", ""])
def test_a_name_that_names_no_number_is_refused(name):
    with pytest.raises(NetworkError, match="quantity"):
        values.check_name(name, load_preset("seed").network, "quantity")


def test_the_digits_split_is_fixed_and_complete():
    data = datasets.digits()
    assert data.inputs.shape == (1438, 64) and data.test_inputs.shape == (359, 64)
    assert data.inputs.min() == 0 and data.inputs.max() == 1
    assert (data.targets.sum(axis=1) == 1).all() and data.test_targets.sum() == 359
    again = datasets.digits()
    assert np.array_equal(again.test_inputs, data.test_inputs)
    assert data.test_targets[0].argmax() == 4  # the file's 5th image is a 4


def test_the_digits_name_their_source_and_licence():
    text = (datasets.DIGITS_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "UCI Machine Learning Repository" in text and "CC BY 4.0" in text
    assert datasets.DIGITS_FILE.stat().st_size < 100_000


def test_the_lessons_command_lists_every_lesson(capsys):
    assert command_line(["lessons"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == " 1  The loss as a function of one weight  (3 tasks)"
    assert lines[8].startswith(" 9  Capstone: recognising handwritten digits")


def test_lesson_n_opens_the_window_on_that_lesson():
    calls = []
    status = command_line(["lesson", "3"], lambda *call: calls.append(call) or 0)
    assert status == 0 and calls == [("lesson", None, {"lesson": 3})]


@pytest.mark.parametrize("argument", ["12", "0", "two"])
def test_a_lesson_that_is_not_there_is_one_line_and_exit_2(capsys, argument):
    assert command_line(["lesson", argument], lambda *call: 0) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("error: lesson")


def test_find_lesson_names_the_lessons_there_are():
    with pytest.raises(NetworkFileError, match="lessons: 1 to 9"):
        find_lesson(10)
