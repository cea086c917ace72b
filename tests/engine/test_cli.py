"""The command line: the walkthrough's numbers, one-line errors with exit 2, divergence exit 3.

Most tests call ``engine.cli.main(argv)`` in-process (fast); a few run ``python main.py`` in a
subprocess to check what only a real process shows (no Qt imported, no traceback).
"""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.files import netfile, presets
from engine.model.rules import MAX_FILE_BYTES
from engine.training.trainer import Trainer
from tests.engine.test_netfile import BAD_DOCUMENTS, seed_document

ROOT = Path(__file__).resolve().parents[2]
TRAIN_USAGE = "train FILE --steps N"


def run(argv, capsys):
    """(exit status, stdout, stderr lines) of the command line on ``argv``."""
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


def saved_parameters(path) -> list[tuple[float, float]]:
    """(w, b) of each layer of a saved 1-1-1 network, read from the JSON text itself."""
    document = json.loads(Path(path).read_text())
    return [(layer["weights"][0][0], layer["biases"][0]) for layer in document["layers"]]


# ----- the walkthrough ---------------------------------------------------------------------------
def test_one_step_on_the_seed_gives_the_walkthrough_table(tmp_path, capsys):
    out_file = tmp_path / "after.json"
    status, out, err = run(["train", "preset:seed", "--steps", "1", "--save", out_file], capsys)
    assert status == 0 and err == []
    (v, a), (w, b) = saved_parameters(out_file)
    assert (w, b, v, a) == (0.7, 0.9, 0.8, 0.9)
    assert "before its update: 0.5\n" in out
    assert "final loss on the training data: 0.06125\n" in out


def test_one_step_with_squared_error_takes_the_doubled_step(tmp_path, capsys):
    out_file = tmp_path / "after.json"
    status, _, _ = run(["train", "preset:seed-sse", "--steps", "1", "--save", out_file], capsys)
    assert status == 0
    (v, a), (w, b) = saved_parameters(out_file)
    assert w == 1.0 - 0.1 * 6.0 == pytest.approx(0.4, abs=1e-15)
    assert b == pytest.approx(0.8, abs=1e-15)
    assert v == pytest.approx(0.6, abs=1e-15)
    assert a == pytest.approx(0.8, abs=1e-15)


def test_trace_shows_the_walkthrough_numbers_in_order(capsys):
    status, out, err = run(["trace", "preset:seed"], capsys)
    assert status == 0 and err == []
    expected = ["3", "4", "0.5", "1", "3", "2", "0.7", "0.9", "0.8", "2.5", "2.65", "0.06125"]
    position = out.index("Forward pass")  # after the header, which shows x and t
    for number in expected:
        found = _find_number(out, number, position)
        assert found >= 0, f"{number} not found after position {position} in:\n{out}"
        position = found + len(number)


def _find_number(text: str, number: str, start: int) -> int:
    """Index of ``number`` standing alone (not part of 0.5 when looking for 5) from ``start``."""
    index = text.find(number, start)
    while index >= 0:
        before = text[index - 1] if index else " "
        after = text[index + len(number)] if index + len(number) < len(text) else " "
        if not (before.isdigit() or before == ".") and not (after.isdigit() or after == "."):
            return index
        index = text.find(number, index + 1)
    return -1


def test_trace_json_carries_the_same_numbers(capsys):
    status, out, _ = run(["trace", "preset:seed", "--json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert document["file"] == "preset:seed"
    text = json.dumps(document["steps"])
    for number in ("2.65", "0.06125", "0.7", "0.9", "0.8"):
        assert number in text


# ----- training runs -----------------------------------------------------------------------------
def test_the_saved_file_records_the_overridden_learning_rate(tmp_path, capsys):
    out_file = tmp_path / "after.json"
    argv = ["train", "preset:seed", "--steps", "1", "--learning-rate", "0.05", "--save", out_file]
    status, out, _ = run(argv, capsys)
    assert status == 0 and "learning rate 0.05" in out
    saved = netfile.read_file(out_file)
    assert saved.training.learning_rate == 0.05
    assert saved.network.layers[1].weights[0, 0] == 1.0 - 0.05 * 3.0


def test_history_has_the_header_and_one_row_per_step(tmp_path, capsys):
    history = tmp_path / "history.csv"
    status, _, _ = run(["train", "preset:xor", "--steps", "50", "--history", history], capsys)
    assert status == 0
    rows = list(csv.reader(history.read_text().splitlines()))
    assert rows[0] == ["step", "loss", "grad_norm_1", "grad_norm_2", "training_set_loss"]
    assert [int(row[0]) for row in rows[1:]] == list(range(1, 51))
    losses = [float(row[1]) for row in rows[1:]]
    experiment = presets.load_preset("xor")
    data = experiment.data
    assert losses[0] == pytest.approx(experiment.network.loss_value(data.inputs, data.targets))
    assert losses[-1] < losses[0]


def test_history_reports_the_whole_training_sets_loss_at_each_epoch_end(tmp_path, capsys):
    source, history = tmp_path / "xor.json", tmp_path / "history.csv"
    experiment = presets.load_preset("xor")  # 4 samples, batches of 3: epochs end at 2, 4, 6
    experiment.training.batch_size = 3
    netfile.write_file(experiment, source)
    status, _, _ = run(["train", source, "--steps", "5", "--history", history], capsys)
    assert status == 0
    rows = list(csv.reader(history.read_text().splitlines()))
    assert [row[4] != "" for row in rows[1:]] == [False, True, False, True, False]
    straight = netfile.read_file(source)
    trainer = Trainer(straight)
    trainer.run(2)
    assert float(rows[2][4]) == trainer.training_loss()  # after step 2's update, exactly
    trainer.run(2)
    assert float(rows[4][4]) == trainer.training_loss()
    assert len({len(row) for row in rows}) == 1


def test_xor_preset_trains_below_the_promised_loss(capsys):
    status, out, _ = run(["train", "preset:xor", "--steps", "3000"], capsys)
    assert status == 0
    final = float(out.split("final loss on the training data: ")[1].split()[0])
    assert final < 0.01


def test_divergence_exits_3_and_still_writes_the_last_finite_step(tmp_path, capsys):
    out_file, history = tmp_path / "out.json", tmp_path / "h.csv"
    argv = ["train", "preset:sine", "--steps", "1000", "--learning-rate", "1e6"]
    status, _, err = run(argv + ["--save", out_file, "--history", history], capsys)
    assert status == 3
    assert len(err) == 1 and "diverged" in err[0] and "--learning-rate" in err[0]
    saved = netfile.read_file(out_file)  # the reader refuses non-finite numbers
    assert saved.training.learning_rate == 1e6
    for layer in saved.network.layers:
        assert np.isfinite(layer.weights).all() and np.isfinite(layer.biases).all()
    rows = list(csv.reader(history.read_text().splitlines()))
    assert rows[0] == ["step", "loss", "grad_norm_1", "grad_norm_2", "training_set_loss"]
    diverged_at = int(err[0].split("diverged at step ")[1].split(":")[0])
    assert 1 < diverged_at < 1000
    assert [int(row[0]) for row in rows[1:]] == list(range(1, diverged_at))
    assert all(math.isfinite(float(value)) for row in rows[1:] for value in row)


def test_a_progress_bar_shows_on_a_terminal_only(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["train", "preset:xor", "--steps", "400"]) == 0
    assert "\r" in terminal.getvalue() and "400/400 steps" in terminal.getvalue()
    monkeypatch.undo()
    status, _, err = run(["train", "preset:xor", "--steps", "400"], capsys)
    assert status == 0 and err == []


def test_presets_lists_every_preset(capsys):
    status, out, _ = run(["presets"], capsys)
    assert status == 0
    for name in presets.PRESET_NAMES:
        assert f"preset:{name} " in out


# ----- bad input: exit 2, one line naming the file and the key -----------------------------------
def _shrink(case: str, document: dict) -> dict:
    """The limit cases with the same fault but a small file (the limit is checked first)."""
    if case == "too many parameters":
        for layer in document["layers"]:
            layer["weights"] = [[0.0]] * 4096
            layer["biases"] = [0.0]
    if case == "too many data rows":
        document["data"] = {"inputs": [[]] * 1_000_001, "targets": [[]] * 1_000_001}
    return document


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_a_bad_file_exits_2_with_one_line_naming_file_and_key(case, tmp_path, capsys):
    mutate, key, _ = BAD_DOCUMENTS[case]
    path = tmp_path / "bad-network.json"
    document = _shrink(case, mutate(seed_document()))
    path.write_text(json.dumps(document))  # NaN and Infinity become JSON's literals here
    status, out, err = run(["train", path, "--steps", "1"], capsys)
    assert status == 2
    assert len(err) == 1, err
    assert str(path) in err[0]
    assert key in err[0]
    assert out == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "backprop-sim.network",', "line 1, column"),
        ('{"format": "backprop-sim.network", "version": NaN}', "version: unknown version NaN"),
        ("[]", "object"),
    ],
)
def test_a_file_that_is_not_a_network_exits_2(tmp_path, capsys, text, words):
    path = tmp_path / "broken.json"
    path.write_text(text)
    status, _, err = run(["train", path, "--steps", "1"], capsys)
    assert status == 2 and len(err) == 1
    assert str(path) in err[0] and words in err[0]


def test_a_missing_file_exits_2(tmp_path, capsys):
    status, _, err = run(["trace", tmp_path / "nowhere.json"], capsys)
    assert status == 2 and len(err) == 1 and "nowhere.json: no such file" in err[0]


def test_a_file_over_the_size_limit_exits_2(tmp_path, capsys):
    path = tmp_path / "huge.json"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    status, _, err = run(["train", path, "--steps", "1"], capsys)
    assert status == 2 and len(err) == 1 and "limit" in err[0]


@pytest.mark.parametrize("empty", [{"inputs": [], "targets": []}, None])
def test_empty_or_missing_data_cannot_be_trained(tmp_path, capsys, empty):
    document = seed_document()
    document["data"] = empty
    if empty is None:
        del document["data"]
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(document))
    status, _, err = run(["train", path, "--steps", "1"], capsys)
    assert status == 2 and len(err) == 1
    assert f"{path}: data:" in err[0]


def test_an_unknown_preset_exits_2_with_a_suggestion(capsys):
    status, _, err = run(["train", "preset:xro", "--steps", "1"], capsys)
    assert status == 2 and len(err) == 1
    assert "preset:xro" in err[0] and "did you mean 'xor'" in err[0]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["train", "preset:seed", "--steps", "0"], "--steps"),
        (["train", "preset:seed", "--steps", "many"], "--steps"),
        (["train", "preset:seed", "--steps", "-3"], "--steps"),
        (["train", "preset:seed", "--steps", "2.5"], "--steps"),
        (["train", "preset:seed"], "--steps"),
        (["train", "--steps", "3"], "FILE"),
        (["train", "preset:seed", "--steps", "1", "--stpes", "2"], "--stpes"),
        (["train", "preset:seed", "--step", "1"], "--step"),
        (["train", "preset:seed", "--steps", "1", "--learning-rate", "0"], "--learning-rate"),
        (["train", "preset:seed", "--steps", "1", "--learning-rate", "-1"], "--learning-rate"),
        (["train", "preset:seed", "--steps", "1", "--learning-rate", "nan"], "--learning-rate"),
        (["train", "preset:seed", "--steps", "1", "--learning-rate", "inf"], "--learning-rate"),
        (["train", "preset:seed", "--steps", "1", "--learning-rate", "fast"], "--learning-rate"),
        (["trace"], "FILE"),
        (["trace", "preset:seed", "--yaml"], "--yaml"),
        (["presets", "extra"], "extra"),
        (["screenshot", "preset:seed", "a.png", "b.png"], "OUT.png"),
        (["screenshot", "preset:seed", "shot.jpg"], "shot.jpg"),
        (["screenshot", "shot.png", "--step", "-1"], "--step"),
        (["demo", "preset:seed", "more"], "more"),
        (["tran", "preset:seed"], "did you mean 'train'"),
        (["--verbose"], "--verbose"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, words, capsys):
    status, out, err = run(argv, capsys)
    assert status == 2
    assert len(err) == 1, err
    assert words in err[0]
    assert out == ""


def test_save_into_a_missing_folder_fails_before_training(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "out.json"
    status, out, err = run(["train", "preset:seed", "--steps", "1", "--save", target], capsys)
    assert status == 2 and len(err) == 1
    assert str(target) in err[0] and "--save" in err[0]
    assert out == ""


def test_history_onto_a_folder_is_refused(tmp_path, capsys):
    status, _, err = run(["train", "preset:seed", "--steps", "1", "--history", tmp_path], capsys)
    assert status == 2 and len(err) == 1 and "--history" in err[0]


def test_help_is_shown_and_exits_0(capsys):
    status, out, _ = run(["--help"], capsys)
    assert status == 0 and TRAIN_USAGE in out
    status, out, _ = run(["train", "--help"], capsys)
    assert status == 0 and TRAIN_USAGE in out


def test_a_bug_is_one_line_with_exit_1_not_a_traceback(monkeypatch, capsys):
    import engine.commands.listing

    def broken():
        raise RuntimeError("something the code did not expect")

    monkeypatch.setattr(engine.commands.listing, "list_presets", broken)
    monkeypatch.delenv("BACKPROP_SIM_TRACEBACK", raising=False)
    status, _, err = run(["presets"], capsys)
    assert status == 1
    assert len(err) == 1 and "RuntimeError" in err[0]
    monkeypatch.setenv("BACKPROP_SIM_TRACEBACK", "1")  # a developer asks for the traceback
    with pytest.raises(RuntimeError):
        main(["presets"])


# ----- the window's sub-commands ------------------------------------------------------------------
class FakeWindow:
    """Records what main.py would hand to gui/app.py."""

    def __init__(self):
        self.calls = []

    def __call__(self, command, spec, options):
        self.calls.append((command, spec, options))
        return 0


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        ([], ("open", None, {})),
        (["preset:xor"], ("open", "preset:xor", {})),
        (["demo"], ("demo", None, {})),
        (["demo", "preset:sine"], ("demo", "preset:sine", {})),
        (["screenshot", "shot.png"], ("screenshot", None, {"out_png": "shot.png", "step": 0})),
        (
            ["screenshot", "preset:seed", "shot.png", "--step", "4"],
            ("screenshot", "preset:seed", {"out_png": "shot.png", "step": 4}),
        ),
    ],
)
def test_window_commands_are_handed_over_with_their_arguments(argv, call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    window = FakeWindow()
    assert main(argv, launch_gui=window) == 0
    assert window.calls == [call]


def test_a_bad_file_for_the_window_exits_2_before_the_window(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(BAD_DOCUMENTS["typo in training"][0](seed_document())))
    window = FakeWindow()
    assert main([str(path)], launch_gui=window) == 2
    assert main(["screenshot", str(path), str(tmp_path / "s.png")], launch_gui=window) == 2
    assert window.calls == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("training.learning_rte" in line for line in err)


def test_main_py_says_when_the_window_is_not_built(monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(ROOT))
    import main as entry

    monkeypatch.setitem(sys.modules, "gui.app", None)  # as if gui/app.py did not exist
    assert entry.main(["demo", "preset:seed"]) == 1
    assert capsys.readouterr().err == "the window is not built yet\n"


# ----- as a real process --------------------------------------------------------------------------
RUNNER = """
import runpy, sys
sys.argv = ["main.py"] + sys.argv[1:]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as exit:
    status = exit.code
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"))
print("QT-MODULES:" + ",".join(qt))
sys.exit(status)
"""


def run_process(*argv, cwd=ROOT):
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *map(str, argv)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out, marker = result.stdout.rsplit("QT-MODULES:", 1)
    return result.returncode, out, result.stderr.splitlines(), marker.strip()


def test_headless_train_runs_as_a_process_without_qt(tmp_path):
    out_file = tmp_path / "after.json"
    status, out, err, qt = run_process("train", "preset:seed", "--steps", "1", "--save", out_file)
    assert (status, err, qt) == (0, [], "")
    assert "0.06125" in out
    (v, a), (w, b) = saved_parameters(out_file)
    assert (w, b, v, a) == (0.7, 0.9, 0.8, 0.9)


@pytest.mark.parametrize(
    "command",
    [
        ["trace", "preset:seed"],
        ["presets"],
        ["gradcheck", "preset:seed"],
        ["landscape", "preset:seed", "--param", "w2[1,1]", "--csv", "{tmp}/curve.csv"],
    ],
)
def test_other_headless_commands_do_not_import_qt(command, tmp_path):
    status, out, err, qt = run_process(*(a.format(tmp=tmp_path) for a in command))
    assert (status, err, qt) == (0, [], "")
    assert out.strip()


def test_a_bad_window_file_exits_2_as_a_process_without_qt(tmp_path):
    status, out, err, qt = run_process("screenshot", tmp_path / "missing.json", tmp_path / "s.png")
    assert (status, qt, out) == (2, "", "")
    assert len(err) == 1 and "missing.json" in err[0]


def test_divergence_exits_3_as_a_process(tmp_path):
    argv = ["train", "preset:sine", "--steps", "1000", "--learning-rate", "1e6"]
    status, _, err, _ = run_process(*argv, "--save", tmp_path / "o.json")
    assert status == 3 and len(err) == 1 and "Traceback" not in err[0]


def test_starting_parameters_that_already_overflow_are_named_as_the_cause(tmp_path, capsys):
    document = seed_document()
    for layer in document["layers"]:
        layer["weights"] = [[1e308]]
    path = tmp_path / "overflowing.json"
    path.write_text(json.dumps(document))
    status, _, err = run(["train", path, "--steps", "5"], capsys)
    assert status == 3 and len(err) == 1
    assert "starting parameters" in err[0]


def test_a_network_saved_at_divergence_trains_again(tmp_path, capsys):
    saved = tmp_path / "s.json"
    argv = ["train", "preset:sine", "--steps", "1000", "--learning-rate", "1e6", "--save", saved]
    assert run(argv, capsys)[0] == 3
    status, _, err = run(["train", saved, "--steps", "1"], capsys)
    assert "starting parameters" not in " ".join(err)
    kept = netfile.load(str(saved))
    assert math.isfinite(kept.network.loss_value(kept.data.inputs, kept.data.targets))
