"""Lays the window out at every size and layout, in English and Korean, under the display
scaling the environment sets (``QT_SCALE_FACTOR``), and checks what tests/gui/test_layouts.py
checks at 100 %: nothing overlaps, nothing is squeezed under its minimum, the step panel keeps
its controls and its text. Run in a process of its own by tests/gui/test_display_scaling.py,
because the scale factor is read once, when the application starts.

    QT_SCALE_FACTOR=2 python -m tests.gui.scaled_window [SHOTS_FOLDER]

Prints one line per case checked and the device pixel ratio; exits 1 at the first failure.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.files import netfile  # noqa: E402
from gui import files, language  # noqa: E402
from gui.app import create_application  # noqa: E402
from gui.document import Document  # noqa: E402
from gui.layouts import STEPPING, TRAINING  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from tests.gui.test_layouts import check_fits, shown_docks  # noqa: E402

SIZES = [QSize(800, 600), QSize(1280, 800)]


def check_step_panel(window) -> None:
    """The step panel's controls at their size, its sentence whole and inside the panel."""
    panel = window.step_panel
    for widget in (panel.next_button, panel.play_button, panel.granularity_combo,
                   panel.sample_spin, panel.speed_slider):
        assert widget.isVisible(), widget
        assert widget.height() >= widget.sizeHint().height(), widget
        assert widget.width() >= widget.minimumSizeHint().width(), widget
    label = panel.explanation_label
    assert label.text()
    assert label.height() >= label.heightForWidth(label.width())
    assert panel.rect().contains(label.geometry())


def check_language(code: str, folder: str, shots: Path | None) -> list[str]:
    language.install(code)
    settings = QSettings(os.path.join(folder, f"{code}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(netfile.load("preset:xor")), settings,
                        files.RecoveryFile(os.path.join(folder, f"recovery-{code}")))
    window.show()
    for _ in range(20):
        window.step_panel.next_action.trigger()
    checked = []
    for layout in (STEPPING, TRAINING):
        window.layouts.apply(layout)
        for size in SIZES:
            window.resize(size)
            QApplication.processEvents()
            check_fits(window, size)
            if layout == STEPPING:
                assert "step_dock" in shown_docks(window)
                check_step_panel(window)
            if shots is not None:
                name = f"{code}-{layout}-{size.width()}x{size.height()}.png"
                window.grab().save(str(shots / name))
            checked.append(f"{code} {layout} {size.width()}x{size.height()}: fits")
    window.close()
    window.deleteLater()
    return checked


def main(argv: list[str]) -> int:
    app = create_application()
    shots = Path(argv[0]) if argv else None
    with tempfile.TemporaryDirectory() as folder:
        lines = [f"device pixel ratio {app.devicePixelRatio():g}"]
        for code in ("en", "ko"):
            lines += check_language(code, folder, shots)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
