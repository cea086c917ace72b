"""Every view survives any finite float64: ranges never overflow, and a view whose numbers
span more than a float can hold says so instead of drawing (engine/analysis/ranges.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.files import netfile
from gui.canvas import thumbnails
from gui.document import Document
from gui.plots.activation_plot import ActivationPlot
from gui.plots.decision_map import DecisionMap
from gui.plots.loss_plot import LossPlot
from tests.gui.lifetimes import runner_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
HUGE = 1.7e308


def example_with(name: str, first_inputs: list[float]) -> dict:
    """The bundled example ``name`` with its first samples' first input set to ``first_inputs``."""
    document = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    for row, value in zip(document["data"]["inputs"], first_inputs, strict=False):
        row[0] = value
    return document


@pytest.mark.parametrize("name, first_inputs", [
    ("xor", [1e308]),  # was a crash (SIGSEGV) after an overflow in the neuron thumbnails
    ("xor", [HUGE, -HUGE]),  # was "internal error (Cannot set range [-inf, inf])"
    ("seed", [1e308]),  # one input: the output curve
])
def test_a_screenshot_of_a_file_with_huge_inputs_succeeds(tmp_path, name, first_inputs):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(example_with(name, first_inputs)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "screenshot", str(path), str(tmp_path / "out.png")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()
    assert (tmp_path / "out.png").stat().st_size > 0


def huge_xor(owned) -> Document:
    document = Document(netfile.parse(example_with("xor", [HUGE, -HUGE])))
    owned.append(document)
    return document


def test_the_output_map_of_inputs_too_far_apart_says_so_and_draws_nothing(qtbot, owned):
    widget = DecisionMap(huge_xor(owned))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.note.text().startswith("Not drawn: x₁ runs from")
    assert widget.current is None
    assert not widget.image_item.isVisible()
    assert len(widget.train_points.data) == 0


def test_the_activation_plot_does_not_mark_z_too_large_to_plot(qtbot, owned):
    document = huge_xor(owned)
    document.set_parameter(0, 0, 0, 1.0)  # z₁ = x₁ + …: ±1.7e308 apart
    plot = ActivationPlot(document)
    qtbot.addWidget(plot)
    plot.show()
    assert "too large to mark" in plot.note.toPlainText()
    assert len(plot.function_marks.data) == 0


def test_thumbnails_of_activations_beyond_the_largest_float_are_drawn(owned):
    document = huge_xor(owned)
    maps = np.array([[[-HUGE, 0.0], [HUGE, np.inf]]])  # an identity input column's values
    image = thumbnails.column_images(document.network, 0, maps, disc=False)[0]
    orange, white, blue = (thumbnails._TABLE[i] for i in (0, 128, 255))
    assert [image.pixel(x, y) for y in (0, 1) for x in (0, 1)] == [blue, blue, orange, white]


def test_the_loss_plot_keeps_its_range_for_losses_too_large_to_plot(qtbot, owned):
    document = huge_xor(owned)
    plot = LossPlot(document, runner_for(owned, document))
    qtbot.addWidget(plot)
    plot.show()
    plot.log_check.setChecked(False)
    plot.per_sample_check.setChecked(False)  # E as recorded ("sum"), not per sample
    for loss in (1e306, 0.0):
        plot._runner.history.record(loss, [1.0, 1.0])
    plot.refresh()
    shown = plot.plot_item.vb.viewRange()[1]
    assert shown[0] <= 0.0 and 1e306 <= shown[1]
    plot._runner.history.record(HUGE, [1.0, 1.0])  # beyond what a plot can scale to
    plot.refresh()
    assert plot.plot_item.vb.viewRange()[1] == shown
