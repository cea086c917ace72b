"""``landscape FILE --param P [--param2 Q] [--span S] [--points N] --csv OUT.csv``.

Writes E over the whole training set (the file's loss and reduction) along one parameter
(``p1,loss`` rows) or two (``p1,p2,loss``, the first parameter outermost), the others where the
file has them (engine/analysis/loss_landscape.py). The header names the parameters (``w2[1,1]``,
quoted as CSV quotes a comma); every number is written at full precision (Python's shortest repr,
read back exactly), a non-finite E as inf or nan.
"""

from __future__ import annotations

import csv

from engine.analysis.loss_landscape import (
    DEFAULT_POINTS,
    DEFAULT_SPAN,
    LossLandscape,
    loss_landscape,
)
from engine.commands.common import EXIT_OK, check_output_path
from engine.errors import NetworkError, NetworkFileError
from engine.files.atomic_write import replacing
from engine.files.netfile import load
from engine.files.number_text import parse_number
from engine.lesson.quantities import Kind
from engine.model.parameter_names import parameter_index, parameter_name, parse_parameter

ARGUMENTS = {"span": "--span", "points": "--points", "parameters": "--param2"}


def landscape(
    spec: str,
    param: str,
    csv_path: str,
    param2: str | None = None,
    span: str | None = None,
    points: int | None = None,
) -> int:
    """Write the loss landscape of ``spec`` along ``param`` (and ``param2``) to ``csv_path``."""
    experiment = load(spec)
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkFileError("data", "there are no samples to measure E on (data is empty)", spec)
    check_output_path(csv_path, "--csv", ".csv")
    network = experiment.network
    try:
        parameters = [parse_parameter(param, network, "--param")]
        if param2 is not None:
            parameters.append(parse_parameter(param2, network, "--param2"))
        half_width = DEFAULT_SPAN if span is None else parse_number(span, "--span")
        grid = loss_landscape(
            network, data.inputs, data.targets, parameters, half_width,
            DEFAULT_POINTS if points is None else points,
        )
    except NetworkError as error:  # named after the argument at fault, in the file's terms
        key = ARGUMENTS.get(error.key, error.key)
        raise NetworkFileError(key, error.problem, spec) from None
    _write_csv(grid, csv_path)
    gradients = network.backward(network.forward(data.inputs), data.targets)
    names = " and ".join(grid.names)
    print(f"wrote E over {len(data)} samples along {names}, {grid.losses.size} points, "
          f"to {csv_path}")
    print(f"at the current point E = {gradients.loss:.12g}")  # 12 digits hide float rounding
    for quantity, value in zip(grid.parameters, grid.centre, strict=True):
        grads = gradients.grad_weights if quantity.kind == Kind.WEIGHT else gradients.grad_biases
        name = parameter_name(quantity)
        slope = float(grads[quantity.layer][parameter_index(quantity)])
        print(f"  {name} = {value:.12g}, ∂E/∂{name} = {slope:.12g}")
    return EXIT_OK


def _write_csv(grid: LossLandscape, path: str) -> None:
    """The header and one row per grid point, the first parameter outermost."""
    try:
        with replacing(path) as temporary, open(temporary, "w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([*grid.names, "loss"])
            if len(grid.axes) == 1:
                writer.writerows(zip(map(float, grid.axes[0]), map(float, grid.losses),
                                     strict=True))
            else:
                first, second = grid.axes
                for j, p1 in enumerate(map(float, first)):
                    for i, p2 in enumerate(map(float, second)):
                        writer.writerow((p1, p2, float(grid.losses[i, j])))
    except OSError as error:
        raise NetworkFileError("--csv", f"cannot write it ({error.strerror})", path) from None
