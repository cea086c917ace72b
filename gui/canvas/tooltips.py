"""What hovering a neuron, bias or weight tells the learner: every number the engine has for it."""

from __future__ import annotations

from html import escape

from gui.canvas import labels
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.style import format_value


def tooltip(scene, ref) -> str:
    """Rich text listing the values of ``ref`` (a NeuronRef, WeightRef or BiasRef)."""
    network, values = scene.network, scene.values
    if isinstance(ref, NeuronRef):
        return _neuron(scene, ref)
    if isinstance(ref, WeightRef):
        layer = network.layers[ref.layer]
        source = labels.neuron_name(network, ref.layer, ref.source)
        target = labels.neuron_name(network, ref.layer + 1, ref.neuron)
        rows = [("weight w", layer.weights[ref.neuron, ref.source])]
        rows += _known(values.weight(ref.layer, ref.neuron, ref.source), (("grad", "∂E/∂w"),
                                                                          ("new", "after update")))
        frozen = bool(layer.frozen_weights[ref.neuron, ref.source])
        return _table(f"{escape(source)} → {escape(target)}", rows, frozen)
    if isinstance(ref, BiasRef):
        layer = network.layers[ref.layer]
        target = labels.neuron_name(network, ref.layer + 1, ref.neuron)
        rows = [("bias b", layer.biases[ref.neuron])]
        rows += _known(values.bias(ref.layer, ref.neuron), (("grad", "∂E/∂b"),
                                                           ("new", "after update")))
        return _table(f"bias of {escape(target)}", rows, bool(layer.frozen_biases[ref.neuron]))
    return ""


def _neuron(scene, ref: NeuronRef) -> str:
    network = scene.network
    name = labels.neuron_name(network, ref.column, ref.neuron)
    title, subtitle = labels.column_title(network, ref.column)
    shown = scene.values.neuron(ref.column, ref.neuron)
    if ref.column == 0:
        rows = _known(shown, (("a", "input x"),))
    else:
        rows = _known(shown, (("z", "z (weighted sum + b)"), ("a", f"a = {subtitle}(z)"),
                              ("delta", "δ = ∂E/∂z")))
        layer = network.layers[ref.layer]
        rows.append(("bias b", layer.biases[ref.neuron]))
    if not rows:
        rows = [("value", None)]
    return _table(f"{escape(name)} ({escape(title.lower())})", rows, False)


def _known(shown: dict, names) -> list:
    return [(label, shown[key]) for key, label in names if key in shown]


def _table(title: str, rows, frozen: bool) -> str:
    body = "".join(
        f"<tr><td>{escape(label)}</td><td align='right'>&nbsp;&nbsp;"
        f"{'—' if value is None else escape(format_value(float(value)))}</td></tr>"
        for label, value in rows
    )
    note = "<br><i>frozen: training never changes it</i>" if frozen else ""
    return f"<b>{title}</b><table>{body}</table>{note}"
