"""Reading a network file (DESIGN.md, "Network file"): validate completely, then build.

A file is read in three passes so that nothing big is built from a bad file: first the file's
size, then the structure (keys, names, list lengths and every limit of the rule book,
engine/model/rules.py), and only then the numbers are turned into float64 arrays. Every problem
raises ``NetworkFileError(key, problem, path)`` where ``key`` is the path inside the document, e.g.
``layers[1].weights[0][2]``.
"""

from __future__ import annotations

import json
import os

import numpy as np

from engine.errors import NetworkError, NetworkFileError
from engine.files import netfile_run
from engine.files.file_text import key_name
from engine.files.netfile_values import Checker, NonFiniteLiteral
from engine.files.regular_file import read_bytes
from engine.i18n import tr
from engine.model import rules
from engine.model.activations import ACTIVATION_NAMES
from engine.model.experiment import OPTIMIZERS, Dataset, Experiment, TrainingSettings
from engine.model.losses import LOSS_NAMES, REDUCTIONS
from engine.model.network import Layer, Network
from engine.model.rules import MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_NEURONS

FORMAT = "backprop-sim.network"
VERSION = 1

TOP_KEYS = (
    "format",
    "version",
    "name",
    "description",
    "input_size",
    "input_labels",
    "layers",
    "loss",
    "reduction",
    "training",
    "data",
    "run",
)
LAYER_KEYS = ("activation", "weights", "biases", "frozen_weights", "frozen_biases", "labels",
              "weight_labels", "bias_labels")
TRAINING_KEYS = (
    "optimizer",
    "learning_rate",
    "momentum",
    "beta1",
    "beta2",
    "epsilon",
    "batch_size",
    "shuffle",
    "seed",
    "target_loss",
    "max_epochs",
)
DATA_KEYS = ("inputs", "targets", "test_inputs", "test_targets")


def read_file(path: str | os.PathLike) -> Experiment:
    """Read and completely validate the network file at ``path``.

    Only a regular file is read (a FIFO or a device is refused before it can block), and its
    size is checked before it is read (at most 256 MiB). NaN and Infinity literals,
    which Python's json accepts, are kept as :class:`NonFiniteLiteral` so that the check of
    the value they stand in refuses them with its key; duplicate keys are refused.
    """
    where = os.fspath(path)
    try:
        raw = read_bytes(where, MAX_FILE_BYTES, "network file")
    except NetworkError as error:
        raise NetworkFileError("", error.problem, where) from None
    return parse(decode_json(raw, where), where)


def decode_json(raw: bytes, source: str | None = None) -> dict:
    """The JSON object in ``raw`` (UTF-8); errors name the line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NetworkFileError(
            "", tr("not UTF-8 text (bad byte at offset {start})", start=error.start), source
        ) from None
    try:
        document = json.loads(
            text, parse_constant=NonFiniteLiteral, object_pairs_hook=_refuse_duplicates
        )
    except json.JSONDecodeError as error:
        raise NetworkFileError(
            "", tr("not JSON: {msg} at line {lineno}, column {colno}",
                   msg=error.msg, lineno=error.lineno, colno=error.colno), source
        ) from None
    except _DuplicateKeyError as error:
        raise NetworkFileError(
            key_name(error.args[0]), tr("the key appears twice in one object"), source
        ) from None
    except (ValueError, RecursionError) as error:  # e.g. an integer with thousands of digits
        raise NetworkFileError("", tr("not JSON: {error}", error=error), source) from None
    if not isinstance(document, dict):
        raise NetworkFileError("", tr("expected a JSON object {{ ... }} at the top level"), source)
    return document


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicates(pairs: list) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def parse(document: dict, source: str | None = None) -> Experiment:
    """Validate a decoded network file completely and build the Experiment it describes.

    ``source`` (the file name) is only used in error messages. Raises NetworkFileError naming
    the first key at fault.
    """
    check = Checker(source)
    if not isinstance(document, dict):
        check.fail("", tr("expected a JSON object at the top level"))
    _check_format_and_version(check, document)
    check.keys(document, "", TOP_KEYS, required=("input_size", "layers"))
    name = check.text(document.get("name", ""), "name")
    description = check.text(document.get("description", ""), "description")
    input_size = check.count(document["input_size"], "input_size", 1, MAX_NEURONS, tr("neurons"))
    input_labels = _labels(check, document.get("input_labels"), "input_labels", input_size)
    loss = check.choice(document.get("loss", "half_sse"), "loss", LOSS_NAMES)
    reduction = check.choice(document.get("reduction", "sum"), "reduction", REDUCTIONS)
    sizes = _check_layers(check, document.get("layers"), input_size)
    layers = [
        _layer(check, spec, f"layers[{index}]", sizes[index])
        for index, spec in enumerate(document["layers"])
    ]
    rules.check_loss_fits_output(loss, [layer.activation for layer in layers], fail=check.fail)
    network = Network(input_size, layers, loss, reduction, input_labels, name, description)
    training = _training(check, document.get("training", {}))
    data = None
    if "data" in document:
        data = _data(check, document["data"], input_size, network.output_size, loss)
    experiment = Experiment(network, training, data)
    if "run" in document:
        experiment.run = netfile_run.parse_run(check, document["run"], experiment)
    return experiment


def _check_format_and_version(check: Checker, document: dict) -> None:
    if "format" not in document:
        check.fail("format", tr('missing key (a network file starts with "format": "{format}")',
                                format=FORMAT))
    if document["format"] != FORMAT:
        check.fail("format", tr("expected {format!r}, got {document}",
                                format=FORMAT, document=check.show(document['format'])))
    if "version" not in document:
        check.fail("version", tr("missing key (this program reads version {version})",
                                 version=VERSION))
    version = document["version"]
    if type(version) is not int or version not in (VERSION, netfile_run.RUN_VERSION):
        shown = check.show(version)
        check.fail("version", tr("unknown version {shown} (this program reads versions 1 and 2)",
                                 shown=shown))
    if "run" in document and version != netfile_run.RUN_VERSION:
        check.fail("run", tr("a run needs version {run_version}, the file says {version}",
                             run_version=netfile_run.RUN_VERSION, version=version))


def _check_layers(check: Checker, layers, input_size: int) -> list[int]:
    """Check each layer's keys and activation and the rule book's sizes before any array exists.

    Returns the fan-in of each layer (the input size, then each layer's neuron count).
    """
    if not isinstance(layers, list):
        check.fail("layers", tr("expected a list of layers, got {layers}",
                                layers=check.show(layers)))
    sizes = rules.SizeCheck(input_size, len(layers), fail=check.fail)
    for index, spec in enumerate(layers):
        key = f"layers[{index}]"
        if not isinstance(spec, dict):
            check.fail(
                key,
                tr("expected an object with activation, weights and biases, got {spec}",
                   spec=check.show(spec)),
            )
        check.keys(spec, key, LAYER_KEYS, required=("activation", "weights", "biases"))
        activation = check.choice(spec["activation"], f"{key}.activation", ACTIVATION_NAMES)
        rules.check_softmax_place(activation, index, len(layers), check.fail)
        weights = spec["weights"]
        if not isinstance(weights, list | np.ndarray):  # an array: the writer's own
            check.fail(f"{key}.weights", tr("expected a list of rows, got {weights}",
                                            weights=check.show(weights)))
        sizes.add_layer(index, len(weights))
    return sizes.fan_in


def _layer(check: Checker, spec: dict, key: str, n_in: int) -> Layer:
    n_out = len(spec["weights"])
    weights = check.matrix(spec["weights"], f"{key}.weights", n_out, n_in)
    biases = check.vector(spec["biases"], f"{key}.biases", n_out)
    frozen_weights = None
    if spec.get("frozen_weights") is not None:
        frozen_weights = check.flag_matrix(
            spec["frozen_weights"], f"{key}.frozen_weights", n_out, n_in
        )
    frozen_biases = None
    if spec.get("frozen_biases") is not None:
        frozen_biases = check.flag_vector(spec["frozen_biases"], f"{key}.frozen_biases", n_out)
    labels = _labels(check, spec.get("labels"), f"{key}.labels", n_out)
    weight_labels = check.parameter_labels(spec.get("weight_labels"), f"{key}.weight_labels",
                                           n_out, n_in)
    bias_labels = check.parameter_labels(spec.get("bias_labels"), f"{key}.bias_labels", n_out, None)
    return Layer(weights, biases, spec["activation"], frozen_weights, frozen_biases, labels,
                 weight_labels, bias_labels)


def _labels(check: Checker, labels, key: str, size: int) -> list[str] | None:
    if labels is None:
        return None
    if not isinstance(labels, list) or len(labels) != size:
        check.fail(key, tr("expected a list of {size} names, got {labels}",
                           size=size, labels=check.show(labels)))
    return [check.text(label, f"{key}[{index}]") for index, label in enumerate(labels)]


def _training(check: Checker, spec) -> TrainingSettings:
    if not isinstance(spec, dict):
        check.fail("training", tr("expected an object, got {spec}", spec=check.show(spec)))
    check.keys(spec, "training", TRAINING_KEYS, required=())
    defaults = TrainingSettings()
    get = spec.get
    settings = TrainingSettings(
        optimizer=check.choice(
            get("optimizer", defaults.optimizer), "training.optimizer", OPTIMIZERS
        ),
        learning_rate=check.positive(
            get("learning_rate", defaults.learning_rate), "training.learning_rate"
        ),
        momentum=check.fraction(get("momentum", defaults.momentum), "training.momentum"),
        beta1=check.fraction(get("beta1", defaults.beta1), "training.beta1"),
        beta2=check.fraction(get("beta2", defaults.beta2), "training.beta2"),
        epsilon=check.positive(get("epsilon", defaults.epsilon), "training.epsilon"),
        batch_size=check.optional_count(
            get("batch_size", defaults.batch_size), "training.batch_size"
        ),
        shuffle=check.flag(get("shuffle", defaults.shuffle), "training.shuffle"),
        seed=check.seed(get("seed", defaults.seed), "training.seed"),
        target_loss=check.optional_non_negative(
            get("target_loss", defaults.target_loss), "training.target_loss"
        ),
        max_epochs=check.optional_count(
            get("max_epochs", defaults.max_epochs), "training.max_epochs"
        ),
    )
    return settings


def _data(check: Checker, spec, input_size: int, output_size: int, loss: str) -> Dataset:
    if not isinstance(spec, dict):
        check.fail("data", tr("expected an object with inputs and targets, got {spec}",
                              spec=check.show(spec)))
    check.keys(spec, "data", DATA_KEYS, required=("inputs", "targets"))
    if ("test_inputs" in spec) != ("test_targets" in spec):
        missing = "test_targets" if "test_inputs" in spec else "test_inputs"
        check.fail(f"data.{missing}", tr("missing key (test_inputs and test_targets go together)"))
    splits = [("inputs", "targets")]
    if "test_inputs" in spec:
        splits.append(("test_inputs", "test_targets"))
    rows_total = 0
    for inputs_key, targets_key in splits:
        for part in (inputs_key, targets_key):
            if not isinstance(spec[part], list | np.ndarray):  # an array: the writer's own
                check.fail(f"data.{part}", tr("expected a list of rows, got {spec}",
                                              spec=check.show(spec[part])))
        n_rows = len(spec[inputs_key])
        if len(spec[targets_key]) != n_rows:
            check.fail(
                f"data.{targets_key}",
                tr("{n_spec} rows, but data.{inputs_key} has {n_rows}",
                   n_spec=len(spec[targets_key]), inputs_key=inputs_key, n_rows=n_rows),
            )
        rows_total += n_rows
        if rows_total > MAX_DATA_ROWS:
            check.fail(
                f"data.{inputs_key}",
                tr("{rows_total:,} data rows in all, more than the limit of {max_data_rows:,}",
                   rows_total=rows_total, max_data_rows=MAX_DATA_ROWS),
            )
    arrays = {}
    for inputs_key, targets_key in splits:
        n_rows = len(spec[inputs_key])
        arrays[inputs_key] = check.matrix(
            spec[inputs_key], f"data.{inputs_key}", n_rows, input_size, width_name="input_size"
        )
        arrays[targets_key] = check.matrix(
            spec[targets_key], f"data.{targets_key}", n_rows, output_size, width_name=tr("outputs")
        )
        rules.check_targets_fit_loss(arrays[targets_key], f"data.{targets_key}", loss, check.fail)

    return Dataset(
        arrays["inputs"], arrays["targets"], arrays.get("test_inputs"), arrays.get("test_targets")
    )
