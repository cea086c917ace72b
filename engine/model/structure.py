"""Structure edits: layers, neurons, inputs and activations, each giving a new valid network.

Every edit returns a **new** ``Network`` and leaves the one passed in untouched, so an undo
command can simply keep both. Weights the edit does not concern are copied bit for bit; frozen
masks and labels (of neurons, weights and biases) are resized with their arrays (new entries
are not frozen; a new weight or bias is named wN or bN, a name no parameter has yet). Each edit
checks the rule book (engine/model/rules.py) first — softmax only in the output layer, the
loss' required output activation, at most 64 layers, 4,096 neurons in a layer (inputs included)
and 10,000,000 parameters — and refuses with ``NetworkError(key, problem)`` before anything is
allocated.

New weights come from an ``initializer``: a callable ``(shape) -> ndarray``; the default draws
small values, U(−0.5, 0.5), from ``default_rng(0)``, so the same edit always gives the same
numbers. New biases start at 0.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine.errors import NetworkError
from engine.i18n import tr
from engine.model import rules
from engine.model.activations import ACTIVATIONS
from engine.model.experiment import Dataset
from engine.model.losses import LOSSES, REDUCTIONS
from engine.model.network import Layer, Network

Initializer = Callable[[tuple[int, ...]], np.ndarray]


def small_values(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """Deterministic small weights: U(−0.5, 0.5) drawn from ``default_rng(seed)``."""
    return np.random.default_rng(seed).uniform(-0.5, 0.5, size=shape)


def _layer_index(network: Network, layer: int, key: str = "layer") -> int:
    if isinstance(layer, bool) or not isinstance(layer, int | np.integer):
        raise NetworkError(key, tr("expected a layer index, got {layer!r}", layer=layer))
    if not 0 <= layer < len(network.layers):
        raise NetworkError(key, tr("no layer {layer} (layers 0…{value})",
                                   layer=layer, value=len(network.layers) - 1))
    return int(layer)


def _index(value, count: int, key: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise NetworkError(key, tr("expected {what} index, got {value!r}", what=what, value=value))
    if not 0 <= value < count:
        raise NetworkError(key, tr("no {what} {value} (0…{value2})",
                                   what=what, value=value, value2=count - 1))
    return int(value)


def _activation_name(name, key: str) -> str:
    if name not in ACTIVATIONS:
        raise NetworkError(key, tr("unknown activation {name!r} (known: {activations})",
                                   name=name, activations=', '.join(ACTIVATIONS)))
    return name


def _fresh_label(existing: list[str], stem: str) -> str:
    number = len(existing)
    while f"{stem}{number}" in existing:
        number += 1
    return f"{stem}{number}"


def _parameter_names(network: Network) -> list[str]:
    """Every weight's and bias's name in ``network`` (for a fresh one that is new)."""
    names = []
    for layer in network.layers:
        names += [name for row in layer.weight_labels or [] for name in row]
        names += layer.bias_labels or []
    return names


def _fresh_labels(existing: list[str], stem: str, count: int) -> list[str]:
    """``count`` names ``stem``N not in ``existing`` (which grows by them)."""
    fresh = []
    for _ in range(count):
        fresh.append(_fresh_label(existing, stem))
        existing.append(fresh[-1])
    return fresh


def _edit_rows(rows: list[list[str]] | None, edit) -> list[list[str]] | None:
    """Each row of a weight-label matrix edited (a column added or removed), or None."""
    return None if rows is None else [edit(list(row)) for row in rows]


def _rebuilt(network: Network, layers: list[Layer], **changes) -> Network:
    """A copy of ``network`` with new layers (and input size / labels), checked for the rules."""
    new = network.copy()
    new.layers = layers
    for name, value in changes.items():
        setattr(new, name, value)
    rules.check_activations([layer.activation for layer in layers], new.loss)
    return new


def _with_columns(layer: Layer, weights, frozen_weights, weight_labels=None) -> Layer:
    """``layer`` with a new weight matrix (mask and weight names), its biases and labels kept."""
    return Layer(
        weights,
        layer.biases.copy(),
        layer.activation,
        frozen_weights,
        layer.frozen_biases.copy(),
        None if layer.labels is None else list(layer.labels),
        weight_labels,
        None if layer.bias_labels is None else list(layer.bias_labels),
    )


# ----- layers --------------------------------------------------------------------------------
def insert_layer(
    network: Network,
    index: int,
    size: int,
    activation: str = "identity",
    initializer: Initializer | None = None,
    labels: list[str] | None = None,
) -> Network:
    """A new layer of ``size`` neurons becomes ``layers[index]`` (0 … len(layers)).

    ``insert_layer(net, i)`` puts it before layer i, ``insert_layer(net, i + 1)`` after it.
    Its weights (size, n_in) come from ``initializer``, its biases are 0. The layer that follows
    now reads ``size`` values: when that is what it read before, its weights stay as they were;
    otherwise the columns both shapes share are kept and new ones drawn.
    """
    initializer = initializer or small_values
    if (
        isinstance(index, bool)
        or not isinstance(index, int | np.integer)
        or not 0 <= index <= len(network.layers)
    ):
        raise NetworkError("index", tr("a new layer goes at 0…{n_layers}, not {index!r}",
                                       n_layers=len(network.layers), index=index))
    if isinstance(size, bool) or not isinstance(size, int | np.integer):
        raise NetworkError("size", tr("expected a number of neurons, got {size!r}", size=size))
    index, size = int(index), int(size)
    activation = _activation_name(activation, "activation")
    sizes = [layer.n_out for layer in network.layers]
    rules.check_sizes(network.input_size, sizes[:index] + [size] + sizes[index:], "size")
    if labels is not None and len(labels) != size:
        raise NetworkError("labels", tr("expected {size} names, got {n_labels}",
                                        size=size, n_labels=len(labels)))
    n_in = network.sizes[index]
    new_layer = Layer(initializer((size, n_in)), np.zeros(size), activation, labels=labels)
    layers = [layer.copy() for layer in network.layers]
    if index < len(layers):
        layers[index] = _resized_inputs(layers[index], size, initializer)
    layers.insert(index, new_layer)
    return _rebuilt(network, layers)


def _resized_inputs(layer: Layer, n_in: int, initializer: Initializer) -> Layer:
    """``layer`` reading ``n_in`` values: shared columns kept, missing ones drawn, extra dropped."""
    if n_in == layer.n_in:
        return layer
    keep = min(n_in, layer.n_in)
    weights = np.empty((layer.n_out, n_in))
    weights[:, :keep] = layer.weights[:, :keep]
    if n_in > keep:
        weights[:, keep:] = initializer((layer.n_out, n_in - keep))
    frozen = np.zeros((layer.n_out, n_in), dtype=bool)
    frozen[:, :keep] = layer.frozen_weights[:, :keep]
    names = _edit_rows(layer.weight_labels, lambda row: row[:keep])
    if names is not None and n_in > keep:
        taken = [name for row in names for name in row]
        names = [row + _fresh_labels(taken, "w", n_in - keep) for row in names]
    return _with_columns(layer, weights, frozen, names)


def remove_layer(network: Network, index: int) -> Network:
    """The network without ``layers[index]``; refuses to remove the only layer.

    The layer after it takes over its job: W ← W_next·W_removed and b ← b_next + W_next·b_removed,
    which is exactly the old network when the removed layer's activation is the identity (and
    its linear part otherwise). Removing the output layer makes the layer below the output.
    """
    index = _layer_index(network, index, "index")
    if len(network.layers) == 1:
        raise NetworkError("layers", tr("a network needs at least one layer (the output layer)"))
    layers = [layer.copy() for layer in network.layers]
    removed = layers.pop(index)
    if index < len(layers):
        following = layers[index]
        weights = following.weights @ removed.weights
        biases = following.biases + following.weights @ removed.biases
        frozen = (
            following.frozen_weights
            if weights.shape == following.weights.shape
            else np.zeros(weights.shape, dtype=bool)
        )
        layers[index] = Layer(
            weights,
            biases,
            following.activation,
            frozen,
            following.frozen_biases,
            following.labels,
            following.weight_labels if weights.shape == following.weights.shape else None,
            following.bias_labels,
        )
    return _rebuilt(network, layers)


def set_activation(network: Network, layer: int, activation: str) -> Network:
    """The network with ``layers[layer]`` using ``activation`` (softmax only on the output)."""
    layer = _layer_index(network, layer)
    activation = _activation_name(activation, f"layers[{layer}].activation")
    layers = [item.copy() for item in network.layers]
    layers[layer].activation = activation
    return _rebuilt(network, layers)


def set_loss(network: Network, loss: str, reduction: str | None = None) -> Network:
    """The network judged by ``loss`` (and ``reduction``); the output must suit the loss."""
    if loss not in LOSSES:
        raise NetworkError("loss", tr("unknown loss {loss!r} (known: {losses})",
                                      loss=loss, losses=', '.join(LOSSES)))
    reduction = network.reduction if reduction is None else reduction
    if reduction not in REDUCTIONS:
        raise NetworkError("reduction", tr("unknown reduction {reduction!r} (known: sum, mean)",
                                           reduction=reduction))
    return _rebuilt(
        network, [item.copy() for item in network.layers], loss=loss, reduction=reduction
    )


# ----- neurons -------------------------------------------------------------------------------
def add_neuron(
    network: Network, layer: int, initializer: Initializer | None = None, label: str | None = None
) -> Network:
    """One more neuron at the end of ``layers[layer]``.

    It gets a new row of W_l (its incoming weights) and bias 0; the next layer gets a new
    column of W_{l+1} (the weights out of it). All other weights are kept bit for bit.
    """
    initializer = initializer or small_values
    layer = _layer_index(network, layer)
    sizes = [item.n_out for item in network.layers]
    sizes[layer] += 1
    rules.check_sizes(network.input_size, sizes, f"layers[{layer}]")
    layers = [item.copy() for item in network.layers]
    target = layers[layer]
    labels = None
    if target.labels is not None:
        labels = [*target.labels, label or _fresh_label(target.labels, "n")]
    taken = _parameter_names(network)
    layers[layer] = Layer(
        np.vstack([target.weights, initializer((1, target.n_in))]),
        np.append(target.biases, 0.0),
        target.activation,
        np.vstack([target.frozen_weights, np.zeros((1, target.n_in), dtype=bool)]),
        np.append(target.frozen_biases, False),
        labels,
        None if target.weight_labels is None
        else [*target.weight_labels, _fresh_labels(taken, "w", target.n_in)],
        None if target.bias_labels is None
        else [*target.bias_labels, *_fresh_labels(taken, "b", 1)],
    )
    if layer + 1 < len(layers):
        following = layers[layer + 1]
        layers[layer + 1] = _with_columns(
            following,
            np.hstack([following.weights, initializer((following.n_out, 1))]),
            np.hstack([following.frozen_weights, np.zeros((following.n_out, 1), dtype=bool)]),
            _edit_rows(following.weight_labels, lambda row: row + _fresh_labels(taken, "w", 1)),
        )
    return _rebuilt(network, layers)


def remove_neuron(network: Network, layer: int, neuron: int) -> Network:
    """``layers[layer]`` without neuron ``neuron``: its row of W_l, its bias and its column
    of W_{l+1} go; refuses to remove the last neuron of a layer."""
    layer = _layer_index(network, layer)
    target = network.layers[layer]
    neuron = _index(neuron, target.n_out, "neuron", tr("neuron"))
    if target.n_out == 1:
        raise NetworkError(f"layers[{layer}]", tr("cannot remove the last neuron of a layer"))
    layers = [item.copy() for item in network.layers]
    layers[layer] = Layer(
        np.delete(target.weights, neuron, axis=0),
        np.delete(target.biases, neuron),
        target.activation,
        np.delete(target.frozen_weights, neuron, axis=0),
        np.delete(target.frozen_biases, neuron),
        None if target.labels is None else [n for i, n in enumerate(target.labels) if i != neuron],
        None if target.weight_labels is None
        else [row for i, row in enumerate(target.weight_labels) if i != neuron],
        None if target.bias_labels is None
        else [n for i, n in enumerate(target.bias_labels) if i != neuron],
    )
    if layer + 1 < len(layers):
        following = layers[layer + 1]
        layers[layer + 1] = _with_columns(
            following,
            np.delete(following.weights, neuron, axis=1),
            np.delete(following.frozen_weights, neuron, axis=1),
            _edit_rows(following.weight_labels, lambda row: row[:neuron] + row[neuron + 1:]),
        )
    return _rebuilt(network, layers)


# ----- inputs --------------------------------------------------------------------------------
def add_input(
    network: Network, initializer: Initializer | None = None, label: str | None = None
) -> Network:
    """One more input at the end; the first layer gets a new column of weights for it."""
    initializer = initializer or small_values
    rules.check_sizes(network.input_size + 1, [item.n_out for item in network.layers], "input_size")
    layers = [item.copy() for item in network.layers]
    first = layers[0]
    taken = _parameter_names(network)
    layers[0] = _with_columns(
        first,
        np.hstack([first.weights, initializer((first.n_out, 1))]),
        np.hstack([first.frozen_weights, np.zeros((first.n_out, 1), dtype=bool)]),
        _edit_rows(first.weight_labels, lambda row: row + _fresh_labels(taken, "w", 1)),
    )
    input_labels = network.input_labels
    if input_labels is not None:
        input_labels = [*input_labels, label or _fresh_label(input_labels, "x")]
    return _rebuilt(network, layers, input_size=network.input_size + 1, input_labels=input_labels)


def remove_input(network: Network, index: int) -> Network:
    """The network without input ``index`` (its column of the first layer's weights goes)."""
    index = _index(index, network.input_size, "input", tr("input"))
    if network.input_size == 1:
        raise NetworkError("input_size", tr("cannot remove the last input"))
    layers = [item.copy() for item in network.layers]
    first = layers[0]
    layers[0] = _with_columns(
        first,
        np.delete(first.weights, index, axis=1),
        np.delete(first.frozen_weights, index, axis=1),
        _edit_rows(first.weight_labels, lambda row: row[:index] + row[index + 1:]),
    )
    input_labels = network.input_labels
    if input_labels is not None:
        input_labels = [name for i, name in enumerate(input_labels) if i != index]
    return _rebuilt(network, layers, input_size=network.input_size - 1, input_labels=input_labels)


# ----- keeping a data set in step with its network -------------------------------------------
def insert_data_column(dataset: Dataset, which: str, index: int, value: float = 0.0) -> Dataset:
    """A new data set with a column of ``value`` inserted at ``index`` of its ``which``
    ("inputs" or "targets"), in the test split too: for an added input or output neuron."""
    return _edit_columns(dataset, which, lambda a: np.insert(a, index, value, axis=1))


def remove_data_column(dataset: Dataset, which: str, index: int) -> Dataset:
    """A new data set without column ``index`` of its ``which`` ("inputs" or "targets")."""
    return _edit_columns(dataset, which, lambda a: np.delete(a, index, axis=1))


def _edit_columns(dataset: Dataset, which: str, edit) -> Dataset:
    if which not in ("inputs", "targets"):
        raise NetworkError("which", tr("expected 'inputs' or 'targets', got {which!r}",
                                       which=which))
    new = dataset.copy()
    setattr(new, which, edit(getattr(new, which)))
    test_name = f"test_{which}"
    if getattr(new, test_name) is not None:
        setattr(new, test_name, edit(getattr(new, test_name)))
    return new
