"""The real window on a real X server: `python main.py` under Xvfb shows and paints its window.

Offscreen tests never load the xcb platform plugin and its libraries; this one does. It needs
Xvfb (CI installs it, see .ci/run): without it the test fails and says what to install.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60


def test_main_window_shows_and_paints_under_xvfb(tmp_path):
    if shutil.which("xvfb-run") is None or shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: apt-get install -y xvfb libxcb-cursor0 "
                    "(see .ci/run for the full list of X libraries)")
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "xcb", "BACKPROP_SIM_QUIT_AFTER_PAINT": "1",
                "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "XDG_DATA_HOME": str(tmp_path / "data")})
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "main.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "painted" in result.stdout, result.stdout + result.stderr[-2000:]


def test_without_a_display_the_window_says_how_to_get_one(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT_S)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "no display found: run under xvfb-run, or set QT_QPA_PLATFORM=offscreen for screenshots"]
