"""File → Export as NumPy script mid-run: the script carries on the window's run."""

from __future__ import annotations

import subprocess
import sys

from engine.cli import main
from engine.files import netfile
from tests.engine.export_cases import largest_difference
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)
from tests.gui.test_resume_window import prepared


def test_a_script_exported_mid_run_carries_the_run_on(make_window, tmp_path):  # noqa: F811
    window = make_window(prepared(tmp_path, "adam"))
    window.training_docks.runner.train_steps(7, "Train")  # shuffled batches of 3: mid-epoch
    script, saved = tmp_path / "run.py", tmp_path / "saved.json"
    assert window.file_actions.export_numpy_script(str(script))
    assert window.file_actions.save_as(str(saved))  # the window's own file of the run
    assert netfile.load(str(saved)).run.steps == 7
    engine_out, script_out = tmp_path / "engine.json", tmp_path / "script.json"
    assert main(["train", str(saved), "--steps", "10", "--save", str(engine_out)]) == 0
    result = subprocess.run([sys.executable, str(script), "--steps", "10", "--save",
                             str(script_out)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert largest_difference(engine_out, script_out) <= 1e-10
    assert "carries on the run saved in the file after step 7" in " ".join(
        script.read_text(encoding="utf-8")[:3000].split())
