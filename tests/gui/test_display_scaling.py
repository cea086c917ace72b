"""At 200 % display scaling the window fits at 800 × 600 and 1280 × 800 in both layouts and both
languages: tests/gui/scaled_window.py lays it out in a process of its own started with
``QT_SCALE_FACTOR=2`` (Qt reads the factor once, when the application starts)."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_fits_at_200_percent_display_scaling(tmp_path):
    environment = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "tests.gui.scaled_window", str(tmp_path)],
                          cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "device pixel ratio 2"
    checked = [line for line in lines[1:] if line.endswith(": fits")]
    assert len(checked) == 8  # two languages × two layouts × two sizes
    # the pictures are drawn at twice the pixels: a 800 × 600 window is 1600 × 1200
    shot = tmp_path / "ko-stepping-800x600.png"
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1600, 1200)
