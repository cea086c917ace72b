"""The message shown when training diverged: what became infinite or NaN, at which step, and a
smaller learning rate to try (in the window's language)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.training.trainer import Divergence
from gui.document import Document


def divergence_message(divergence: Divergence | None, document: Document) -> str:
    """What became infinite or NaN, at which step, and a smaller learning rate to try."""
    translate = QCoreApplication.translate
    if divergence is None:
        return translate("TrainingRunner", "Training diverged; the parameters are those from "
                                           "before the bad step.")
    became = translate("TrainingRunner", "not a number (NaN)") if divergence.value == "nan" \
        else translate("TrainingRunner", "infinite")
    rate = document.training.learning_rate
    what = translate("TrainingRunner", "the loss") if divergence.what == "loss" else divergence.what
    return translate(
        "TrainingRunner", "Training paused: {what} became {became} at step {step}. The parameters "
        "are those from just before that step. Try a smaller learning rate, e.g. {suggestion} "
        "(now {rate}).").format(what=what, became=became, step=divergence.step,
                                suggestion=f"{rate / 10:.3g}", rate=f"{rate:.3g}")
