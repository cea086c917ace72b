"""``train FILE --steps N``: train without a window, report the loss, save the result.

The run is the engine's :class:`~engine.training.trainer.Trainer` on the file's data and settings; a
``--learning-rate`` override is written into the settings, so ``--save`` records the rate the
run actually used. A file holding a run (format version 2) is carried on exactly where it
stopped (``--restart``: a fresh run from its parameters); ``--save`` writes the run with it.
When training diverges the trainer has undone the bad step, so ``--save``
and ``--history`` still hold the last finite parameters and steps.
"""

from __future__ import annotations

import math
import sys

from engine.commands.common import EXIT_DIVERGED, EXIT_OK, check_output_paths
from engine.errors import NetworkError, NetworkFileError
from engine.files.atomic_write import replacing
from engine.files.netfile import load, write_file
from engine.i18n import tr
from engine.lesson.quantities import StopReason
from engine.training.history import History
from engine.training.trainer import RunResult, Trainer

PROGRESS_UPDATES = 200  # the bar redraws at most this many times per run
BAR_WIDTH = 30


def train(
    spec: str,
    steps: int,
    learning_rate: float | None = None,
    save: str | None = None,
    history_path: str | None = None,
    restart: bool = False,
) -> int:
    """Train the network of ``spec`` for ``steps`` steps; 0 when done, 3 when it diverged."""
    experiment = load(spec)
    if learning_rate is not None:
        experiment.training.learning_rate = learning_rate
    if experiment.data is None or len(experiment.data) == 0:
        raise NetworkFileError(
            "data", tr("there is no training data (data.inputs and data.targets are empty)"), spec
        )
    check_output_paths({"--save": save, "--history": history_path}, read=spec)
    if restart:
        experiment.run = None
    history = History(len(experiment.network.layers))
    trainer = Trainer(experiment, history)
    if save or history_path:  # the whole training set's E at each epoch end, kept and shown
        history.measure_epoch = trainer.training_loss
    if trainer.discarded_run is not None:
        print(tr("note: {spec}: the saved run cannot be carried on ({discarded_run}); training "
                 "starts a fresh run",
                 spec=spec, discarded_run=trainer.discarded_run), file=sys.stderr)
    try:
        result = _run(trainer, steps, show_progress=sys.stderr.isatty())
    except NetworkError as error:  # the trainer names the key; the file is ours to add
        raise NetworkFileError(error.key, error.problem, spec) from None
    if save:
        experiment.run = trainer.run_state()
        try:
            write_file(experiment, save)
        except NetworkFileError as error:  # e.g. the disk filled up since the check
            raise NetworkFileError(f"--save {error.key}".strip(), error.problem, save) from None
    if history_path:
        _write_history(history, history_path)
    return _report(spec, trainer, result, save, history_path)


def _run(trainer: Trainer, steps: int, show_progress: bool) -> RunResult:
    """All ``steps`` in one call, or in chunks with a progress bar on stderr."""
    if not show_progress:
        return trainer.run(steps)
    chunk = max(1, steps // PROGRESS_UPDATES)
    done, result = 0, None
    while done < steps:
        result = trainer.run(min(chunk, steps - done))
        done += result.steps
        _draw_progress(done, steps, result.loss)
        if result.stopped is not StopReason.STEPS:
            break
    print(file=sys.stderr)
    return RunResult(done, result.loss, result.divergence, result.stopped)


def _draw_progress(done: int, total: int, loss: float | None) -> None:
    filled = BAR_WIDTH * done // total
    bar = "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]"
    shown = "" if loss is None else tr("  loss {loss}", loss=_number(loss))
    print(tr("\r{bar} {done}/{total} steps{shown}",
             bar=bar, done=done, total=total, shown=shown), end="", file=sys.stderr, flush=True)


def _write_history(history: History, path: str) -> None:
    """``step,loss,grad_norm_1,…,grad_norm_L,training_set_loss`` (the last at epoch ends only)
    written atomically (temporary file, then replace)."""
    try:
        with replacing(path) as temporary:
            history.to_csv(temporary, training_set=True)
    except OSError as error:
        raise NetworkFileError("--history", tr("cannot write it ({reason})",
                                               reason=error.strerror), path) from None


def _report(spec, trainer: Trainer, result: RunResult, save, history_path) -> int:
    rate = trainer.settings.learning_rate
    written = [tr("saved {path}", path=p) for p in (save, history_path) if p]
    steps = tr("{count} step", count=result.steps) if result.steps == 1 else \
        tr("{count} steps", count=result.steps)
    if result.divergence is not None:
        tail = tr(" ({written}, up to the last finite step)", written=", ".join(written)) \
            if written else ""
        advice = tr("try a smaller learning rate, e.g. --learning-rate {rate}",
                    rate=_number(rate / 10))
        if result.steps == 0 and not math.isfinite(trainer.training_loss()):
            advice = tr("the starting parameters already give a non-finite loss: make them "
                        "smaller")
        print(tr("error: {spec}: {message}{tail}; {advice}",
                 spec=spec, message=result.divergence.message, tail=tail, advice=advice),
                 file=sys.stderr)
        return EXIT_DIVERGED
    print(tr("trained {spec} for {steps} at learning rate {rate}",
             spec=spec, steps=steps, rate=_number(rate)))
    if result.stopped.early:
        reached = {StopReason.MAX_EPOCHS: tr("stopped early: max epochs reached"),
                   StopReason.TARGET_LOSS: tr("stopped early: target loss reached")}
        print(reached[result.stopped])
    if result.loss is not None:
        print(tr("loss of the last step's batch, before its update: {loss}",
                 loss=_number(result.loss)))
    print(tr("final loss on the training data: {training_loss}",
             training_loss=_number(trainer.training_loss())))
    test_loss = trainer.test_loss()
    if test_loss is not None:
        print(tr("final loss on the test data: {test_loss}", test_loss=_number(test_loss)))
    for line in written:
        print(line)
    return EXIT_OK


def _number(value: float) -> str:
    # 12 significant digits hide float rounding (0.06125, not 0.061250000000000034)
    return format(value, ".12g")
