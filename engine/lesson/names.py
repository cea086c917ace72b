"""Which of the learner's names stand in formulas: neuron labels and parameter names.

A file may name neurons (``labels``, ``input_labels``) and parameters (``weight_labels``,
``bias_labels``); the canvas always shows them, but a formula writes a name instead of an
indexed symbol (y for a⁽¹⁾₁, v for w⁽¹⁾₁₁) only where no symbol then means two things. The rules
are here; ``engine.lesson.trace_data`` applies them to each symbol.
"""

from __future__ import annotations

import re
from collections import Counter

from engine.model.network import Network

# a label short enough to stand in a formula: a letter, then up to three letters or digits
_SHORT_LABEL = re.compile(r"[^\W\d_][^\W_]{0,3}")
# letters the formulas use for other things: a neuron so named would read as something else
_RESERVED_LABELS = frozenset({"w", "b", "t", "E", "e", "f", "v", "m", "s", "δ", "η", "μ", "ε"})
# letters a formula writes for what is never a parameter: the loss, a target, f′, the settings,
# Adam's moments (its step count is t)
_NOT_PARAMETERS = frozenset({"t", "E", "e", "f", "m", "s", "δ", "η", "μ", "ε", "β"})


def _all_labels(network: Network) -> Counter:
    """How often each name occurs among the network's neuron, weight and bias names."""
    names = list(network.input_labels or [])
    for layer in network.layers:
        names += layer.labels or []
        names += [name for row in layer.weight_labels or [] for name in row]
        names += layer.bias_labels or []
    return Counter(names)


def label_columns(network: Network) -> tuple[bool, ...]:
    """For each column (0: the inputs, l + 1: ``network.layers[l]``), whether its labels stand
    for its neurons' activations in formulas.

    The rule: every neuron of the column has a label that is a short identifier (a letter,
    then up to three letters or digits: "x", "h2", "out1"; not "class A"), none is a letter
    the formulas use for something else (w, b, t, E, …), and no name appears twice in the
    network (neuron, weight and bias names together). Otherwise the column is written with
    indexed symbols, x₁ or a⁽ˡ⁾ⱼ, whose subscripts count from 1 as the canvas's default names
    do. A named neuron's weighted sum is written ``net_`` and its label ("net_z", in the window
    net with the label below): no label can be that, since a short label has no "_", so
    "z = net_z" never reads as "z = z".
    """
    columns = [network.input_labels] + [layer.labels for layer in network.layers]
    counts = _all_labels(network)
    return tuple(
        bool(labels)
        and all(
            _SHORT_LABEL.fullmatch(label or "")
            and label not in _RESERVED_LABELS
            and counts[label] == 1
            for label in labels
        )
        for labels in columns
    )


def parameter_names_used(network: Network, momentum: bool = False) -> bool:
    """Whether the file's weight and bias names stand for the parameters in formulas.

    All or none: every layer names every weight and bias with a short identifier (as for
    neurons, see ``label_columns``), no name appears twice in the network, and none is a
    letter a formula of this network writes for something else: t, E, δ, η, …; v when
    momentum keeps a velocity v; x, z or a when some neurons are written x₁, z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ.
    The seed's v, a (input → hidden) and w, b (hidden → output) qualify: "∂E/∂v = ∂E/∂a·x".
    """
    columns = label_columns(network)
    taken = set(_NOT_PARAMETERS) | ({"v"} if momentum else set())
    if not columns[0]:
        taken.add("x")
    if not all(columns[1:]):
        taken |= {"z", "a"}
    counts = _all_labels(network)
    for layer in network.layers:
        if layer.weight_labels is None or layer.bias_labels is None:
            return False
        for name in [n for row in layer.weight_labels for n in row] + layer.bias_labels:
            if not _SHORT_LABEL.fullmatch(name) or name in taken or counts[name] != 1:
                return False
    return True
