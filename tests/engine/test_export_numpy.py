"""``export-numpy``: a page of plain NumPy that trains exactly as ``train FILE --steps N``; and
what both exports share: the command line, the carried file, clean readable code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import numpy as np
import pytest

from engine.cli import main
from engine.files import netfile
from engine.files.export_numpy import export_numpy, numpy_script
from engine.files.export_torch import torch_script
from engine.model.experiment import Experiment
from tests.engine.export_cases import (
    STEPS,
    Case,
    check_agreement,
    check_zero_steps_round_trip,
    grid,
    largest_difference,
    train_both_ways,
)

CASES = grid()
ALLOWED_IMPORTS = {"argparse", "itertools", "json", "sys", "numpy", "torch"}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    return train_both_ways(CASES, tmp_path_factory.mktemp("numpy"), export_numpy)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_numpy_script_ends_on_the_engines_parameters(trained, case):
    check_agreement(trained[case.name])


def test_every_activation_is_in_the_grid():
    used = {name for case in CASES for name in case.activations()}
    assert used == {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"}


def test_zero_steps_save_the_exported_file_exactly(tmp_path):
    check_zero_steps_round_trip(export_numpy, Case(7, "mse", "mean", "adam", True, "shuffled"),
                                tmp_path)


def test_a_diverging_run_stops_where_the_engines_stops(tmp_path, capsys):
    experiment = netfile.load("preset:seed")
    experiment.training.learning_rate = 0.5  # the output overshoots further every step
    source, script = tmp_path / "seed.json", tmp_path / "seed.py"
    netfile.write_file(experiment, source)
    export_numpy(experiment, script)
    engine_out, script_out = tmp_path / "engine.json", tmp_path / "script.json"
    assert main(["train", str(source), "--steps", "100", "--save", str(engine_out)]) == 3
    assert "diverged at step 9:" in capsys.readouterr().err  # its new parameters' loss is inf
    result = subprocess.run(
        [sys.executable, str(script), "--steps", "100", "--save", str(script_out)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 3 and "diverged at step 9:" in result.stderr
    expected = netfile.load(str(engine_out)).network.parameters()
    for mine, theirs in zip(netfile.load(str(script_out)).network.parameters(), expected,
                            strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10)


# ----- the command line ---------------------------------------------------------------------
@pytest.mark.parametrize("command", ["export-torch", "export-numpy"])
def test_export_writes_a_script_and_says_how_to_run_it(tmp_path, capsys, command):
    out = tmp_path / "seed.py"
    assert main([command, "preset:seed", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "--steps N" in printed
    assert out.read_text(encoding="utf-8").startswith('"""Seed')


def _no_data(tmp_path) -> str:
    experiment = netfile.load("preset:seed")
    experiment.data = None
    path = tmp_path / "no-data.json"
    netfile.write_file(experiment, path)
    return str(path)


BAD_ARGUMENTS = {
    "no OUT.py": lambda tmp: ["preset:seed"],
    "a third path": lambda tmp: ["preset:seed", str(tmp / "a.py"), str(tmp / "b.py")],
    "OUT not .py": lambda tmp: ["preset:seed", str(tmp / "a.txt")],
    "OUT's folder missing": lambda tmp: ["preset:seed", str(tmp / "missing" / "a.py")],
    "OUT a folder": lambda tmp: ["preset:seed", str(tmp)],
    "unknown preset": lambda tmp: ["preset:nope", str(tmp / "a.py")],
    "missing FILE": lambda tmp: [str(tmp / "none.json"), str(tmp / "a.py")],
    "FILE without data": lambda tmp: [_no_data(tmp), str(tmp / "a.py")],
}


@pytest.mark.parametrize("command", ["export-torch", "export-numpy"])
@pytest.mark.parametrize("arguments", BAD_ARGUMENTS.values(), ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_are_refused_with_one_line_and_exit_2(tmp_path, capsys, command, arguments):
    status = main([command, *arguments(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("error: ")
    assert not (tmp_path / "a.py").exists()


def test_a_real_process_refuses_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "export-numpy", "preset:seed", str(tmp_path / "a.txt")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


# ----- the scripts read cleanly ---------------------------------------------------------------
# every branch of the templates: frozen or not, each optimizer, fused outputs, softmax's
# Jacobian after a squared error, an elementwise output after one
READ_CASES = [
    Case(0, "half_sse", "sum", "sgd", False, "whole"),
    Case(5, "sse", "mean", "momentum", True, "shuffled"),
    Case(11, "mse", "sum", "adam", True, "batches"),
    Case(3, "cross_entropy", "mean", "adam", False, "whole"),
    Case(4, "binary_cross_entropy", "sum", "momentum", True, "batches"),
]


def _write_scripts(folder) -> list:
    paths = []
    for case in READ_CASES:
        for kind, script in (("torch", torch_script), ("numpy", numpy_script)):
            path = folder / f"{kind}_{case.name.replace('-', '_')}.py"
            path.write_text(script(case.experiment()), encoding="utf-8")
            paths.append(path)
    return paths


def test_the_scripts_are_ruff_clean(tmp_path):
    paths = _write_scripts(tmp_path)
    assert any("softmax" in p.read_text() for p in paths)
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--line-length", "100",
         "--select", "E,F,W,I,B,UP", "--target-version", "py311", *map(str, paths)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout


def test_the_scripts_import_only_torch_numpy_and_the_standard_library(tmp_path):
    for path in _write_scripts(tmp_path):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module.split(".")[0] for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom)}
        assert names <= ALLOWED_IMPORTS, path.name


def test_the_numpy_script_is_about_a_page():
    text = numpy_script(READ_CASES[2].experiment())
    code = text[text.index('"""\n\n') : text.index("NETWORK_FILE = ")]
    lines = [line for line in code.splitlines() if line.strip()]
    assert len(lines) <= 190  # the code, shared parts included; the carried file aside
    assert "delta.T @ activations[layer]" in code


def test_the_carried_file_is_the_network_file_at_full_precision():
    experiment = READ_CASES[1].experiment()
    experiment.network.layers[0].weights[0, 0] = 0.1 + 0.2  # needs all 17 digits
    text = torch_script(experiment)
    start = text.index('NETWORK_FILE = json.loads(r"""') + len('NETWORK_FILE = json.loads(r"""')
    carried = json.loads(text[start : text.index('""")', start)])
    assert carried["version"] == 1 and repr(0.1 + 0.2) in text
    reread = netfile.parse(carried)
    assert netfile.to_dict(reread) == netfile.to_dict(experiment)


def test_the_engine_never_imports_torch():
    code = ("import sys, engine.files.export_torch, engine.commands.export; "
            "sys.exit('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_a_description_cannot_break_the_docstring(tmp_path):
    experiment: Experiment = READ_CASES[0].experiment()
    experiment.network.description = 'ends """ a string and a \\ backslash'
    path = tmp_path / "odd.py"
    export_numpy(experiment, path)
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))).count('"""') == 1


# ----- a file saved mid-run: the script carries the run on, as ``train FILE`` does ----------
MID_RUN = [
    Case(40 + index, loss, "mean", optimizer, frozen, batching)
    for index, (loss, optimizer, frozen, batching) in enumerate([
        ("half_sse", "sgd", False, "shuffled"),
        ("mse", "momentum", True, "shuffled"),
        ("cross_entropy", "adam", False, "shuffled"),
        ("binary_cross_entropy", "adam", True, "batches"),
        ("sse", "momentum", False, "whole"),
    ])
]
MID_STEP = 7  # batches of 3 of 10 samples: in the second epoch, one sample left of it


def mid_run_cases(folder, export):
    """The MID_RUN files saved after MID_STEP steps, trained on both ways."""
    return train_both_ways(MID_RUN, folder, export, started=MID_STEP)


@pytest.fixture(scope="module")
def mid_run(tmp_path_factory):
    return mid_run_cases(tmp_path_factory.mktemp("numpy-mid-run"), export_numpy)


@pytest.mark.parametrize("case", MID_RUN, ids=lambda case: case.name)
def test_the_numpy_script_carries_on_a_saved_run(mid_run, case):
    check_agreement(mid_run[case.name])


def test_a_saved_run_is_carried_not_restarted(mid_run, tmp_path):
    """A fresh run from the mid-run parameters ends elsewhere: carrying the run matters."""
    source, engine_out, _ = mid_run[MID_RUN[2].name]
    fresh = tmp_path / "fresh.json"
    assert main(["train", str(source), "--restart", "--steps", str(STEPS),
                 "--save", str(fresh)]) == 0
    assert largest_difference(fresh, engine_out) > 1e-4


def test_the_script_carries_the_run_place_and_optimizer_state(mid_run):
    source = mid_run[MID_RUN[2].name][0]
    text = numpy_script(netfile.load(str(source)), str(source))
    start = text.index('RUN = json.loads(r"""') + len('RUN = json.loads(r"""')
    run = json.loads(text[start : text.index('""")', start)])
    saved = netfile.load(str(source)).run
    assert (run["steps"], run["epochs"], run["position"]) == (MID_STEP, 1, 9)
    assert run["order"] == saved.order.tolist() and run["adam_steps"] == MID_STEP
    assert run["first_moment"] == saved.optimizer_state["first_moment"].tolist()
    assert run["random_state"] == saved.rng and "curves" not in run
    assert "carries on the run saved in the file after step 7 (epoch 2)" in " ".join(
        text[: text.index('"""', 3)].split())


def test_a_fresh_file_carries_no_run():
    assert "\nRUN = None" in numpy_script(READ_CASES[0].experiment())
