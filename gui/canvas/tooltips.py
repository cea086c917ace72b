"""What hovering a neuron, bias or weight tells the learner: every number the engine has for it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.canvas import labels
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.richtext import text_html
from gui.style import format_value


def tooltip(scene, ref) -> str:
    """Rich text listing the values of ``ref`` (a NeuronRef, WeightRef or BiasRef)."""
    network, values = scene.network, scene.values
    translate = QCoreApplication.translate
    if isinstance(ref, NeuronRef):
        return _neuron(scene, ref)
    after = translate("Tooltips", "after update")
    if isinstance(ref, WeightRef):
        layer = network.layers[ref.layer]
        source = labels.neuron_name(network, ref.layer, ref.source)
        target = labels.neuron_name(network, ref.layer + 1, ref.neuron)
        rows = [(translate("Tooltips", "weight w"), layer.weights[ref.neuron, ref.source])]
        rows += _known(values.weight(ref.layer, ref.neuron, ref.source), (("grad", "∂E/∂w"),
                                                                          ("new", after)))
        frozen = bool(layer.frozen_weights[ref.neuron, ref.source])
        return _table(f"{text_html(source)} → {text_html(target)}", rows, frozen)
    if isinstance(ref, BiasRef):
        layer = network.layers[ref.layer]
        target = labels.neuron_name(network, ref.layer + 1, ref.neuron)
        rows = [(translate("Tooltips", "bias b"), layer.biases[ref.neuron])]
        rows += _known(values.bias(ref.layer, ref.neuron), (("grad", "∂E/∂b"), ("new", after)))
        title = translate("Tooltips", "bias of {neuron}").format(neuron=text_html(target))
        return _table(title, rows, bool(layer.frozen_biases[ref.neuron]))
    return ""


def _neuron(scene, ref: NeuronRef) -> str:
    network = scene.network
    translate = QCoreApplication.translate
    name = labels.neuron_name(network, ref.column, ref.neuron)
    title, subtitle = labels.column_title(network, ref.column)
    shown = scene.values.neuron(ref.column, ref.neuron)
    if ref.column == 0:
        rows = _known(shown, (("a", translate("Tooltips", "input x")),))
    else:
        rows = _known(shown, (("z", translate("Tooltips", "z (weighted sum + b)")),
                              ("a", f"a = {subtitle}(z)"), ("delta", "δ = ∂E/∂z")))
        layer = network.layers[ref.layer]
        rows.append((translate("Tooltips", "bias b"), layer.biases[ref.neuron]))
    if not rows:
        rows = [(translate("Tooltips", "value"), None)]
    text = _table(f"{text_html(name)} ({text_html(title.lower())})", rows, False)
    return text + _health_note(scene, ref) + _thumbnail(scene, ref)


def _health_note(scene, ref: NeuronRef) -> str:
    if not scene.show_health:
        return ""
    health = scene.health.layer(ref.column)
    if health is None:
        return ""
    if health.dead[ref.neuron]:
        return QCoreApplication.translate(
            "Tooltips", "<br><b>dead</b>: a = 0 for every training sample, so f′ = 0 and no "
            "gradient reaches its weights")
    if health.saturated[ref.neuron]:
        share = 100 * float(health.flat_share[ref.neuron])
        if ref.column == len(scene.network.layers):  # an output: flat AND off target counts
            return QCoreApplication.translate(
                "Tooltips", "<br><b>saturated</b>: on {share}% of the training samples f′(z) is "
                "nearly 0 while the output is far from its target, so it learns slowly there"
            ).format(share=f"{share:.0f}")
        return QCoreApplication.translate(
            "Tooltips", "<br><b>saturated</b>: f′(z) is nearly 0 on {share}% of the training "
            "samples, so its gradients vanish").format(share=f"{share:.0f}")
    return ""


def _thumbnail(scene, ref: NeuronRef) -> str:
    if not scene.show_thumbnails:
        return ""
    picture = scene.thumbnails.large_image_html(ref.column, ref.neuron)
    return f"<br>{picture}" if picture else ""


def _known(shown: dict, names) -> list:
    return [(label, shown[key]) for key, label in names if key in shown]


def _table(title: str, rows, frozen: bool) -> str:
    body = "".join(
        f"<tr><td>{text_html(label)}</td><td align='right'>&nbsp;&nbsp;"
        f"{'—' if value is None else text_html(format_value(float(value)))}</td></tr>"
        for label, value in rows
    )
    note = QCoreApplication.translate(
        "Tooltips", "<br><i>frozen: training never changes it</i>") if frozen else ""
    return f"<b>{title}</b><table>{body}</table>{note}"
