"""``landscape FILE (--param P [--param2 Q] | --random [--seed S]) [--span S] [--points N]
--csv OUT.csv``.

Writes E over the whole training set (the file's loss and reduction) along one parameter
(``p1,loss`` rows) or two (``p1,p2,loss``, the first parameter outermost), the others where the
file has them (engine/analysis/loss_landscape.py). The header names the parameters (``w2[1,1]``,
quoted as CSV quotes a comma); every number is written at full precision (Python's shortest repr,
read back exactly), a non-finite E as inf or nan.

``--random``: E on the plane of two random filter-normalised directions through the file's
parameters (engine/analysis/random_slice.py, seed ``--seed``, default 0), α and β from −S to S
(default S = 1): rows ``alpha,beta,loss``, α outermost.
"""

from __future__ import annotations

import csv

from engine.analysis.loss_landscape import (
    DEFAULT_POINTS,
    DEFAULT_SPAN,
    LossLandscape,
    loss_landscape,
)
from engine.analysis.random_slice import DEFAULT_SEED, RandomSlice, random_slice
from engine.analysis.random_slice import DEFAULT_SPAN as RANDOM_SPAN
from engine.commands.common import EXIT_OK, check_output_path
from engine.errors import NetworkError, NetworkFileError
from engine.files.atomic_write import replacing
from engine.files.netfile import load
from engine.files.number_text import parse_number
from engine.i18n import tr
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
    random: bool = False,
    seed: int | None = None,
) -> int:
    """Write the loss landscape of ``spec`` along ``param`` (and ``param2``), or along two
    random directions (``random``, ``seed``), to ``csv_path``."""
    experiment = load(spec)
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkFileError("data", tr("there are no samples to measure E on (data is empty)"),
                               spec)
    check_output_path(csv_path, "--csv", ".csv")
    network = experiment.network
    if random:
        return _random(spec, experiment, csv_path, param2, span, points, seed)
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
    names = grid.names[0] if len(grid.names) == 1 else \
        tr("{first} and {second}", first=grid.names[0], second=grid.names[1])
    print(tr("wrote E over {n_data} samples along {names}, {size} points, to {csv_path}",
             n_data=len(data), names=names, size=grid.losses.size, csv_path=csv_path))
    print(tr("at the current point E = {loss:.12g}",
             loss=gradients.loss))  # 12 digits hide float rounding
    for quantity, value in zip(grid.parameters, grid.centre, strict=True):
        grads = gradients.grad_weights if quantity.kind == Kind.WEIGHT else gradients.grad_biases
        name = parameter_name(quantity)
        slope = float(grads[quantity.layer][parameter_index(quantity)])
        print(tr("  {name} = {value:.12g}, ∂E/∂{name} = {slope:.12g}",
                 name=name, value=value, slope=slope))
    return EXIT_OK


def _write_csv(grid: LossLandscape, path: str) -> None:
    """The header and one row per grid point, the first parameter outermost."""
    if len(grid.axes) == 1:
        rows = zip(map(float, grid.axes[0]), map(float, grid.losses), strict=True)
    else:
        rows = _map_rows(*grid.axes, grid.losses)
    _write_rows(path, [*grid.names, "loss"], rows)


def _map_rows(first, second, losses):
    """(x, y, E) with x outermost, for ``losses[i, j]`` at (x = first[j], y = second[i])."""
    for j, x in enumerate(map(float, first)):
        for i, y in enumerate(map(float, second)):
            yield x, y, float(losses[i, j])


def _write_rows(path: str, header: list[str], rows) -> None:
    try:
        with replacing(path) as temporary, open(temporary, "w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as error:
        raise NetworkFileError("--csv", tr("cannot write it ({reason})",
                                           reason=error.strerror), path) from None


def _random(spec: str, experiment, csv_path: str, param2, span, points, seed) -> int:
    """``--random``: the slice along two filter-normalised random directions."""
    if param2 is not None:
        raise NetworkFileError("--param2", tr("goes with --param, not with --random"), spec)
    network, data = experiment.network, experiment.data
    seed = DEFAULT_SEED if seed is None else seed
    try:
        half_width = RANDOM_SPAN if span is None else parse_number(span, "--span")
        grid = random_slice(network, data.inputs, data.targets, seed, half_width,
                            DEFAULT_POINTS if points is None else points)
    except NetworkError as error:
        raise NetworkFileError(ARGUMENTS.get(error.key, error.key), error.problem, spec) from None
    _write_random_csv(grid, csv_path)
    print(tr("wrote E over {n_data} samples along two random filter-normalised directions (seed "
             "{seed}), {size} points, to {csv_path}",
             n_data=len(data), seed=seed, size=grid.losses.size, csv_path=csv_path))
    print(tr("at the current point (alpha = beta = 0) E = {inputs:.12g}",
             inputs=network.loss_value(data.inputs, data.targets)))
    return EXIT_OK


def _write_random_csv(grid: RandomSlice, path: str) -> None:
    """``alpha,beta,loss`` and one row per grid point, α outermost."""
    _write_rows(path, ["alpha", "beta", "loss"], _map_rows(grid.alphas, grid.betas, grid.losses))
