"""The rule book (DESIGN.md, "Network file"): the limits and the rules every network obeys.

One place for what the file reader, the structure edits, the CSV reader and the window's loss
choices all check: at most 64 layers, 4,096 neurons in a layer (the inputs included),
10,000,000 parameters, 1,000,000 data rows and 256 MiB per file; softmax only in the output
layer; a loss with a fused output activation (cross_entropy: softmax, binary_cross_entropy:
sigmoid) only on that output; and target rows that loss can score.

Every check refuses through ``fail(key, problem)``, which must raise: the default raises
``NetworkError(key, problem)``; the file reader passes its own, which adds the file name.
The sizes are checked from the counts alone, before any array is allocated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NoReturn

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.model.losses import LOSSES

MAX_LAYERS = 64
MAX_NEURONS = 4096  # in any layer, the inputs included
MAX_PARAMETERS = 10_000_000
MAX_DATA_ROWS = 1_000_000
MAX_FILE_BYTES = 256 * 1024 * 1024
PROBABILITY_TOLERANCE = 1e-6  # a probability row may sum to 1 within this (float rounding)

Fail = Callable[[str, str], NoReturn]


def refuse(key: str, problem: str) -> NoReturn:
    """The default ``fail``: raise ``NetworkError(key, problem)``."""
    raise NetworkError(key, problem)


# ----- sizes ---------------------------------------------------------------------------------
class SizeCheck:
    """Checks a network's layers one by one against the limits, from their sizes alone.

    ``key=None`` names the spots as a network file does (``layers``, ``layers[1].weights``);
    a structure edit passes the key of the argument it checks, and the message then says which
    layer would be too large. Parameters: n_out · (n_in + 1) per layer, summed.
    """

    def __init__(self, input_size: int, n_layers: int, key: str | None = None,
                 fail: Fail = refuse):
        self.key, self.fail = key, fail
        self._check_neurons(input_size, "input_size", tr("the input layer"), tr("neurons"))
        layers_key = "layers" if key is None else key
        if n_layers == 0:
            fail(layers_key, tr("a network needs at least one layer (the output layer)"))
        if n_layers > MAX_LAYERS:
            fail(layers_key, tr("{n_layers} layers, more than the limit of {limit}",
                                n_layers=n_layers, limit=MAX_LAYERS))
        self.fan_in = [input_size]
        self.parameters = 0

    def add_layer(self, index: int, n_out: int) -> None:
        """Count ``layers[index]`` with ``n_out`` neurons (after every layer before it)."""
        key = f"layers[{index}].weights"
        self._check_neurons(n_out, key, f"layers[{index}]", tr("neurons (rows)"))
        self.parameters += n_out * (self.fan_in[-1] + 1)
        if self.parameters > MAX_PARAMETERS:
            self.fail(
                key if self.key is None else self.key,
                tr("the network would have {count:,} parameters, more than the limit of "
                   "{limit:,}", count=self.parameters, limit=MAX_PARAMETERS),
            )
        self.fan_in.append(n_out)

    def _check_neurons(self, count: int, file_key: str, layer: str, unit: str) -> None:
        if self.key is not None:
            if not 1 <= count <= MAX_NEURONS:
                self.fail(self.key, tr("{layer} would have {count} neurons (allowed: 1…{limit})",
                                       layer=layer, count=count, limit=MAX_NEURONS))
        elif count < 1:
            self.fail(file_key, tr("{count} {unit}, at least 1 needed", count=count, unit=unit))
        elif count > MAX_NEURONS:
            self.fail(file_key, tr("{count:,} {unit}, more than the limit of {limit:,}",
                                   count=count, unit=unit, limit=MAX_NEURONS))


def check_sizes(input_size: int, layer_sizes: Sequence[int], key: str | None = "layers",
                fail: Fail = refuse) -> list[int]:
    """Refuse a shape beyond the limits: 64 layers, 4,096 neurons, 10,000,000 parameters.

    ``layer_sizes`` are the neuron counts of the non-input layers in order; ``key`` as in
    :class:`SizeCheck`. Returns the fan-in of each layer and the output size:
    ``[input_size, *layer_sizes]``.
    """
    sizes = SizeCheck(input_size, len(layer_sizes), key, fail)
    for index, n_out in enumerate(layer_sizes):
        sizes.add_layer(index, n_out)
    return sizes.fan_in


# ----- activations and the loss ----------------------------------------------------------------
def check_softmax_place(activation: str, index: int, n_layers: int, fail: Fail = refuse) -> None:
    """Softmax turns a layer into probabilities: only the output layer may use it."""
    if activation == "softmax" and index != n_layers - 1:
        fail(
            f"layers[{index}].activation",
            tr("softmax is only allowed in the output layer "
               "(it turns the outputs into probabilities)"),
        )


def needed_output(loss: str) -> str | None:
    """The output activation ``loss`` requires (its fused one), or None if any will do."""
    known = LOSSES.get(loss)
    return None if known is None else known.fused_activation


def check_loss_fits_output(loss: str, activations: Sequence[str], edit: bool = False,
                           fail: Fail = refuse) -> None:
    """cross_entropy needs a softmax output, binary_cross_entropy a sigmoid one (key ``loss``).

    ``edit`` words the refusal for a structure edit ("the output layer would be …").
    """
    needs, output = needed_output(loss), activations[-1]
    if needs is None or output == needs:
        return
    if edit:
        fail("loss", tr("{loss} needs a {needs} output layer, but the output layer would be "
                        "{output}; change the loss first", loss=loss, needs=needs, output=output))
    fail("loss", tr("{loss} needs a {needs} output layer, but layers[{index}] is {output}",
                    loss=loss, needs=needs, index=len(activations) - 1, output=output))


def check_activations(activations: Sequence[str], loss: str, fail: Fail = refuse) -> None:
    """Softmax only in the output layer, and the loss' required output (worded for an edit)."""
    for index, activation in enumerate(activations):
        check_softmax_place(activation, index, len(activations), fail)
    check_loss_fits_output(loss, activations, edit=True, fail=fail)


def check_targets_fit_loss(targets: np.ndarray, key: str, loss: str,
                           fail: Fail = refuse) -> None:
    """Target rows the loss can score; ``targets`` has shape (n_rows, n_outputs).

    cross_entropy: every row is probabilities (non-negative, summing to 1 within
    PROBABILITY_TOLERANCE); binary_cross_entropy: every target in [0, 1]. ``key`` is the
    rows' key (``data.targets``); the refusal names the first bad row (and column).
    """
    if loss == "cross_entropy":
        negative = np.flatnonzero((targets < 0.0).any(axis=1))
        off = np.flatnonzero(np.abs(targets.sum(axis=1) - 1.0) > PROBABILITY_TOLERANCE)
        if negative.size or off.size:
            row = int(min(np.concatenate([negative, off])))
            fail(
                f"{key}[{row}]",
                tr("with cross_entropy every target row must be probabilities "
                   "(non-negative, summing to 1); this one is {row}",
                   row=_row_text(targets[row])),
            )
    elif loss == "binary_cross_entropy":
        outside = np.argwhere((targets < 0.0) | (targets > 1.0))
        if outside.size:
            row, column = (int(i) for i in outside[0])
            fail(
                f"{key}[{row}][{column}]",
                tr("with binary_cross_entropy every target must be in [0, 1], got {value!r}",
                   value=targets[row, column]),
            )


def check_loss_choice(network, data=None) -> None:
    """Whether ``network``'s loss fits its output layer and the data's targets, as a file would.

    Raises ``NetworkError`` worded as the file reader words it (keys ``loss``,
    ``data.targets[i]``, ``data.test_targets[i]``). Data that does not fit the network's
    widths (or None) is not judged: that mismatch is a problem of the data, not of the loss.
    """
    check_loss_fits_output(network.loss, [layer.activation for layer in network.layers])
    if data is None or (data.inputs.shape[1], data.targets.shape[1]) != (
        network.input_size, network.output_size
    ):
        return
    for key in ("targets", "test_targets"):
        targets = getattr(data, key)
        if targets is not None and np.size(targets):  # no rows: nothing to score
            check_targets_fit_loss(np.asarray(targets, dtype=np.float64), f"data.{key}",
                                   network.loss)


def _row_text(row: np.ndarray, shown: int = 8) -> str:
    """A target row as a message quotes it: its first ``shown`` numbers, then how many more."""
    numbers = row.tolist()
    if len(numbers) <= shown:
        return str(numbers)
    return tr("[{numbers}, … {more} more]", numbers=", ".join(map(str, numbers[:shown])),
              more=len(numbers) - shown)
