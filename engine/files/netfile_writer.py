"""Writing a network file (DESIGN.md, "Network file"): floats at full precision, atomically.

The document is checked by the reader's own rules before anything is written, and the text
is counted as it is written, refused past the reader's 256 MiB, so every file written here
reads back; numbers are written with ``repr``, the shortest text that reads back
as the same float64. The writer keeps the matrices as float64 arrays (never a list of Python
floats) and lays them out a block of rows at a time (engine/files/netfile_writer_text.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from engine.errors import NetworkFileError
from engine.files import netfile_run
from engine.files.atomic_write import replacing
from engine.files.netfile_reader import FORMAT, VERSION, parse
from engine.files.netfile_writer_text import pieces
from engine.i18n import tr
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from engine.model.rules import MAX_FILE_BYTES


def to_dict(experiment: Experiment, arrays: bool = False) -> dict:
    """The network file of ``experiment`` as a JSON-ready dict, floats at full precision.

    ``arrays``: the weights, biases and data rows stay float64 arrays (the experiment's own,
    not copies), as ``dumps`` and the reader's ``parse`` take them too."""
    network = experiment.network
    document: dict = {"format": FORMAT, "version": VERSION}
    document["name"] = network.name
    document["description"] = network.description
    document["input_size"] = int(network.input_size)
    if network.input_labels is not None:
        document["input_labels"] = list(network.input_labels)
    document["layers"] = [_layer_dict(layer, arrays) for layer in network.layers]
    document["loss"] = network.loss
    document["reduction"] = network.reduction
    document["training"] = _training_dict(experiment.training)
    if experiment.data is not None:
        document["data"] = _data_dict(experiment.data, network, arrays)
    if experiment.run is not None and experiment.run.unfit is None:
        document["version"] = netfile_run.RUN_VERSION
        document["run"] = netfile_run.run_dict(experiment.run)
    return document


def _layer_dict(layer: Layer, arrays: bool) -> dict:
    spec = {
        "activation": layer.activation,
        "weights": _floats(layer.weights, arrays),
        "biases": _floats(layer.biases, arrays),
    }
    if layer.has_frozen:
        spec["frozen_weights"] = np.asarray(layer.frozen_weights, dtype=bool).tolist()
        spec["frozen_biases"] = np.asarray(layer.frozen_biases, dtype=bool).tolist()
    if layer.labels is not None:
        spec["labels"] = list(layer.labels)
    if layer.weight_labels is not None:
        spec["weight_labels"] = [list(row) for row in layer.weight_labels]
    if layer.bias_labels is not None:
        spec["bias_labels"] = list(layer.bias_labels)
    return spec


def _training_dict(settings: TrainingSettings) -> dict:
    spec = {
        "optimizer": settings.optimizer,
        "learning_rate": float(settings.learning_rate),
        "momentum": float(settings.momentum),
        "batch_size": None if settings.batch_size is None else int(settings.batch_size),
        "shuffle": bool(settings.shuffle),
        "seed": int(settings.seed),
    }
    defaults = TrainingSettings()
    for name in ("beta1", "beta2", "epsilon"):
        value = getattr(settings, name)
        if settings.optimizer == "adam" or value != getattr(defaults, name):
            spec[name] = float(value)
    if settings.target_loss is not None:
        spec["target_loss"] = float(settings.target_loss)
    if settings.max_epochs is not None:
        spec["max_epochs"] = int(settings.max_epochs)
    return spec


def _data_dict(data: Dataset, network: Network, arrays: bool) -> dict:
    def rows(array, width):
        # an empty data set may arrive as shape (1, 0) or (0,): it is zero rows either way
        array = np.asarray(array, dtype=np.float64)
        return [] if array.size == 0 else _floats(array.reshape(-1, width), arrays)

    spec = {
        "inputs": rows(data.inputs, network.input_size),
        "targets": rows(data.targets, network.output_size),
    }
    if data.test_inputs is not None:
        spec["test_inputs"] = rows(data.test_inputs, network.input_size)
        spec["test_targets"] = rows(data.test_targets, network.output_size)
    return spec


def _floats(array: np.ndarray, arrays: bool) -> list | np.ndarray:
    # tolist() gives Python floats, whose repr (json's) is the shortest exact round trip
    array = np.asarray(array, dtype=np.float64)
    return array if arrays else array.tolist()


def dumps(document: dict) -> str:
    """JSON text for a network file: one line per key, one line per matrix row."""
    return "".join(pieces(document))


Progress = Callable[[int, int], None]  # (numbers written, numbers in all)


def write_file(experiment: Experiment, path: str | os.PathLike,
               progress: Progress | None = None) -> None:
    """Write ``experiment`` to ``path`` atomically (a temporary file beside it, then replace).

    The document is validated first, exactly as a reader would, so a file this writes can
    always be read back; a non-finite parameter raises NetworkFileError and writes nothing.
    ``progress(done, total)`` hears how many of the file's numbers are written, block by block.
    """
    where = os.fspath(path)
    document = to_dict(experiment, arrays=True)
    _refuse_non_finite(document, where)
    parse(document, where)
    try:
        with replacing(where) as temporary, open(temporary, "wb") as stream:
            _write_within_limit(document, stream, where, _counter(document, progress))
    except OSError as error:
        raise NetworkFileError("", tr("cannot write it ({reason})",
                                      reason=error.strerror), where) from None


def _counter(document: dict, progress: Progress | None):
    """What ``pieces`` tells of the numbers written, summed and handed to ``progress``."""
    if progress is None:
        return None
    total, done = _numbers_in(document), 0

    def counted(numbers: int) -> None:
        nonlocal done
        done += numbers
        progress(done, total)
    return counted


def _numbers_in(value) -> int:
    """How many numbers the arrays of a ``to_dict(…, arrays=True)`` document hold."""
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, dict):
        return sum(map(_numbers_in, value.values()))
    if isinstance(value, list) and value and isinstance(value[0], dict):  # the layers
        return sum(map(_numbers_in, value))
    return 0  # text, a setting, or a list of flags or names


def _write_within_limit(document: dict, stream, where: str, counted=None) -> None:
    """Write the text piece by piece, stopping (and raising) once it passes the size limit."""
    written = 0
    for piece in pieces(document, "", counted):
        data = piece.encode("utf-8")
        written += len(data)
        if written > MAX_FILE_BYTES:
            raise NetworkFileError(
                "",
                tr("the file would have more than {max_file_bytes:,} bytes ({value:g} MiB), the "
                   "most a network file may have (fewer data rows or a smaller network would "
                   "fit); nothing written",
                   max_file_bytes=MAX_FILE_BYTES, value=MAX_FILE_BYTES / 2 ** 20),
                where,
            )
        stream.write(data)


def _refuse_non_finite(document: dict, where: str) -> None:
    for index, layer in enumerate(document["layers"]):
        for name in ("weights", "biases"):
            array = np.asarray(layer[name], dtype=np.float64)
            if not np.isfinite(array).all():
                spot = "".join(f"[{int(i)}]" for i in np.argwhere(~np.isfinite(array))[0])
                raise NetworkFileError(
                    f"layers[{index}].{name}{spot}",
                    tr("is not a finite number; nothing written"),
                    where,
                )
