"""What the window's step-through steps through, and how its update is applied.

``StepScope.BATCH`` (the default): the step training takes next, the training runner's
trainer's next batch (``engine.lesson.stepper.trace_training_step``); its update is applied by the
runner's own "Train one step", so the trainer's step count, place in the epoch and optimizer
state move on exactly as training's would. ``StepScope.SAMPLE``: one chosen data row alone;
its update is an online step on that sample, applied as new parameters.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.errors import NetworkError
from engine.lesson.formula import format_number
from engine.lesson.quantities import Granularity
from engine.lesson.stepper import trace_experiment, trace_training_step
from engine.lesson.steps import Trace


class StepScope(StrEnum):
    """What one step-through covers: the batch training uses next, or one chosen sample."""

    BATCH = "batch"
    SAMPLE = "sample"


class StepSource:
    """The scope, the chosen sample and the training runner of a step-through."""

    def __init__(self, document):
        self.document = document
        self.scope = StepScope.BATCH
        self.sample = 0  # the chosen row (one-sample scope)
        self.runner = None  # a gui.training_runner.TrainingRunner: its trainer steps next
        self.built_at_step = -1  # the runner's step count when the last steps were built

    @property
    def online(self) -> bool:
        """Whether the update is an online step on one chosen sample (not training's step)."""
        return self.scope is StepScope.SAMPLE

    def trace_at(self, granularity: Granularity) -> Trace:
        """The engine's steps for the scope at ``granularity`` (NetworkError if there are none)."""
        experiment = self.document.experiment
        if experiment.data is None or len(experiment.data) == 0:
            raise NetworkError("data", QCoreApplication.translate(
                "StepSource", "there are no samples to step through"))
        if self.online:
            return trace_experiment(experiment, self.sample, granularity)
        trainer = None if self.runner is None else self.runner.trainer
        self.built_at_step = -1 if trainer is None else trainer.step_count
        return trace_training_step(experiment, trainer, granularity)

    def may_have_just_trained(self, trace: Trace | None) -> bool:
        """Whether training may just have taken the step ``trace`` shows (one step since it was
        built; ``ParameterOrigin`` compares the values)."""
        runner = self.runner
        return (runner is not None and trace is not None and not self.online
                and runner.step_count == self.built_at_step + 1)

    def update_description(self, trace: Trace) -> str:
        """What the update is, in one line: training's step on its batch, or an online step."""
        rows = trace.data.samples
        if self.online:
            return QCoreApplication.translate(
                "StepSource", "an online step on sample {sample} alone, not the step training "
                "takes (Train one step uses its batch)").format(sample=rows[0] + 1)
        step = self.runner.step_count + 1 if self.runner is not None else 1
        if len(rows) > 1:
            return QCoreApplication.translate(
                "StepSource", "training step {step:,} on the batch of {count} samples: exactly "
                "what Train one step applies").format(step=step, count=len(rows))
        return QCoreApplication.translate(
            "StepSource", "training step {step:,} on sample {sample}: exactly what Train one "
            "step applies").format(step=step, sample=rows[0] + 1)

    def scope_text(self) -> str:
        """The status line when the scope was chosen."""
        if self.online:
            return QCoreApplication.translate("StepSource", "Stepping through sample {n} alone.") \
                .format(n=self.sample + 1)
        return QCoreApplication.translate(
            "StepSource", "Stepping through the batch the next training step uses.")

    def apply(self, trace: Trace) -> None:
        """Apply ``trace``'s update as one undoable command (NetworkError if it cannot be):
        the runner's own training step in the batch scope, the new parameters otherwise."""
        rate = format_number(self.document.training.learning_rate)
        parameters = [p.copy() for p in trace.data.new_network.parameters()]
        if self.online:
            text = QCoreApplication.translate(
                "StepSource", "Online update on sample {sample} (η = {rate})").format(
                sample=self.sample + 1, rate=rate)
            self.document.set_parameters(text, parameters)
        elif self.runner is not None:
            self.runner.train_step(QCoreApplication.translate(
                "StepSource", "Update step (batch of {batch}, η = {rate})").format(
                batch=trace.data.batch, rate=rate))
        else:
            self.document.set_parameters(QCoreApplication.translate(
                "StepSource", "Update step (η = {rate})").format(rate=rate), parameters)


STARTING_OVER = {  # why the step-through starts over: one whole sentence each
    "weights": QT_TRANSLATE_NOOP(
        "StepSource", "The weights changed: the step-through starts over from the first step."),
    "network": QT_TRANSLATE_NOOP(
        "StepSource", "The network changed: the step-through starts over from the first step."),
    "training": QT_TRANSLATE_NOOP(
        "StepSource",
        "The training settings changed: the step-through starts over from the first step."),
    "data": QT_TRANSLATE_NOOP(
        "StepSource", "The data changed: the step-through starts over from the first step."),
    "opened": QT_TRANSLATE_NOOP(
        "StepSource",
        "A new network was opened: the step-through starts over from the first step."),
    "restarted": QT_TRANSLATE_NOOP(
        "StepSource", "Training started over: the step-through starts over from the first step."),
}


def starting_over(changed: str) -> str:
    """The status line when the step-through starts over because ``changed`` (a key of
    STARTING_OVER) did, in the language of the moment."""
    return QCoreApplication.translate("StepSource", STARTING_OVER[changed])
