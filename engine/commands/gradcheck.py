"""``gradcheck FILE [--json]``: every backpropagated ∂E/∂θ against a central difference.

The batch is the one the next training step would use (engine.training.trainer.Trainer.next_batch:
the whole set for full batch, else the first batch of the first epoch, shuffling included). Each
parameter's analytic ∂E/∂θ (Network.backward) is compared with the four-point central
difference of E (engine/analysis/gradcheck.py, which says how the step and the relative error are
chosen); printed worst first. Exit 0 when every relative error is at most ``TOLERANCE``, 1
otherwise. ``--json``: ``{"parameters": [{"name", "analytic", "numeric", "relative_error"},
…], "max_relative_error": …}``, full precision, worst first.
"""

from __future__ import annotations

import json

from engine.analysis.gradcheck import MAX_WORK, ParameterCheck, check_parameters, check_work
from engine.commands.common import EXIT_BUG, EXIT_OK
from engine.commands.terminal_text import display_width, pad_left, pad_right
from engine.errors import NetworkError, NetworkFileError
from engine.files.netfile import load
from engine.i18n import tr
from engine.lesson.formula import json_value
from engine.training.trainer import Trainer

TOLERANCE = 1e-6
EXIT_MISMATCH = EXIT_BUG  # a wrong gradient is a bug of the backward pass


def gradcheck(spec: str, as_json: bool = False) -> int:
    """Check every gradient of ``spec``'s network on its next batch; 0 if all agree, else 1."""
    experiment = load(spec)
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkFileError("data", tr("there are no samples to check the gradients on"), spec)
    try:
        rows = Trainer(experiment.copy()).next_batch()
    except NetworkError as error:
        raise NetworkFileError(error.key, error.problem, spec) from None
    network = experiment.network
    if check_work(network, len(rows)) > MAX_WORK:
        raise NetworkFileError(
            "layers",
            tr("{parameter_count:,} parameters on a batch of {n_rows:,} samples are too many to "
               "check by differences (five forward passes each): use a smaller network or a "
               "smaller training.batch_size",
               parameter_count=network.parameter_count, n_rows=len(rows)),
            spec,
        )
    checks = check_parameters(network, data.inputs[rows], data.targets[rows])
    worst = checks[0].relative_error if checks else 0.0
    if as_json:
        document = {
            "parameters": [_entry(check) for check in checks],
            "max_relative_error": json_value(float(worst)),
        }
        print(json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
    else:
        _print_table(spec, checks, len(rows))
    passed = all(check.relative_error <= TOLERANCE for check in checks)
    if not as_json:
        verdict = tr("every gradient agrees") if passed else tr("MISMATCH: the backward pass is "
                                                                  "wrong")
        print(tr("largest relative error {worst:.3g} (limit {tolerance:g}): {verdict}",
                 worst=worst, tolerance=TOLERANCE, verdict=verdict))
    return EXIT_OK if passed else EXIT_MISMATCH


def _print_table(spec: str, checks: list[ParameterCheck], batch: int) -> None:
    samples = tr("{count} sample", count=batch) if batch == 1 else \
        tr("{count} samples", count=batch)
    print(tr("{spec}: ∂E/∂θ of the next training batch ({samples}), worst first",
             spec=spec, samples=samples))
    heads = tr("parameter"), tr("analytic"), tr("numeric"), tr("relative error")
    width = max([display_width(heads[0])] + [len(check.name) for check in checks])
    print(f"{pad_right(heads[0], width)}  {pad_left(heads[1], 24)}  {pad_left(heads[2], 24)}  "
          f"{pad_left(heads[3], 14)}")
    for check in checks:
        mark = "" if check.relative_error <= TOLERANCE else "  ✗"
        print(f"{check.name:<{width}}  {check.analytic:>24.17g}  {check.numeric:>24.17g}  "
              f"{check.relative_error:>14.3g}{mark}")


def _entry(check: ParameterCheck) -> dict:
    return {
        "name": check.name,
        "analytic": json_value(float(check.analytic)),
        "numeric": json_value(float(check.numeric)),
        "relative_error": json_value(float(check.relative_error)),
    }
