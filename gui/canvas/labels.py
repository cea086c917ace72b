"""The words and numbers written on the canvas, and the boxes they sit in.

Painting and hit-testing both ask here, so a click lands on exactly the box that was drawn.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

from gui.canvas.layout import CanvasLayout
from gui.style import canvas_font, format_value

WEIGHT_LABEL_AT = 0.3  # a weight's value sits this far along its line from the source
GRAD_LABEL_AT = 0.66  # ∂E/∂w sits nearer the target, where the backward pass starts
MIN_TEXT_POINTS = 9.0  # the smallest text the canvas writes, as the learner sees it
VALUE_POINTS, TITLE_POINTS = 9.0, 10.0  # the canvas fonts' sizes at zoom 1
READABLE_ZOOM = MIN_TEXT_POINTS / VALUE_POINTS  # below: numbers on hover only, and a hint
TITLE_ZOOM = MIN_TEXT_POINTS / TITLE_POINTS  # below: the view writes the titles at screen size
LABEL_MAX_CONNECTIONS = 9  # more connections than this between two layers: values on hover
PAD_X, PAD_Y = 4.0, 1.0

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@lru_cache(maxsize=1)
def value_font():
    """The 9 pt canvas font, made once (shared: copy it before changing it)."""
    return canvas_font(VALUE_POINTS)


@lru_cache(maxsize=1)
def bold_font():
    """The bold 10 pt canvas font, made once (shared: copy it before changing it)."""
    return canvas_font(TITLE_POINTS, bold=True)


def text_points(zoom: float) -> float:
    """The point size the learner sees of the canvas' value font at ``zoom``."""
    return VALUE_POINTS * zoom


@lru_cache(maxsize=8)
def _metrics(bold: bool) -> QFontMetricsF:
    return QFontMetricsF(bold_font() if bold else value_font())


@lru_cache(maxsize=4096)
def padded_size(text: str, bold: bool = False) -> tuple[float, float]:
    """Width and height of ``text``'s padded box."""
    # measured once per text: a frame writes the same names, titles and tags again
    metrics = _metrics(bold)
    return metrics.boundingRect(text).width() + 2 * PAD_X, metrics.height() + 2 * PAD_Y


def text_box(text: str, anchor: QPointF, bold: bool = False) -> QRectF:
    """The padded box of ``text`` centred on ``anchor``."""
    width, height = padded_size(text, bold)
    return QRectF(anchor.x() - width / 2, anchor.y() - height / 2, width, height)


def neuron_name(network, column: int, neuron: int) -> str:
    """The learner's name of a neuron: its label from the file, else the symbol the step-through
    formulas use for it (x₁, x₂ … for inputs, a⁽ˡ⁾ⱼ for layer l), so canvas and formula agree."""
    if column == 0:
        labels = network.input_labels
        default = f"x{str(neuron + 1).translate(SUBSCRIPTS)}"
    else:
        labels = network.layers[column - 1].labels
        layer_mark = str(column).translate(SUPERSCRIPTS)
        default = f"a⁽{layer_mark}⁾{str(neuron + 1).translate(SUBSCRIPTS)}"
    if labels is not None and neuron < len(labels) and labels[neuron]:
        return labels[neuron]
    return default


def column_title(network, column: int) -> tuple[str, str]:
    """Two header lines for a column: what it is, and its activation."""
    translate = QCoreApplication.translate
    n_layers = len(network.layers)
    size = network.sizes[column]
    if column == 0:
        values = translate("Canvas", "{n} value") if size == 1 else \
            translate("Canvas", "{n} values")
        return translate("Canvas", "Input"), values.format(n=size)
    activation = network.layers[column - 1].activation  # a name, the same in every language
    name = translate("Canvas", "Output") if column == n_layers else \
        translate("Canvas", "Hidden {column}").format(column=column)
    return name, activation


def shows_weight_labels(layout: CanvasLayout, layer: int) -> bool:
    """Whether the values of engine layer ``layer``'s weights are written on its lines."""
    count = layout.sizes[layer] * layout.sizes[layer + 1]
    return layout.detailed and count <= LABEL_MAX_CONNECTIONS


def along(layout: CanvasLayout, layer: int, neuron: int, source: int, t: float) -> QPointF:
    """The point ``t`` of the way along W[neuron, source]'s line, from its source end."""
    start = layout.centre(layer, source) + QPointF(layout.radii[layer], 0)
    end = layout.centre(layer + 1, neuron) - QPointF(layout.radii[layer + 1], 0)
    return start + (end - start) * t


def weight_text(value: float, new: float | None = None, name: str | None = None) -> str:
    """A weight's value ("old → new" at the update), after the file's name for it: "v = 1"."""
    text = format_value(value)
    text = text if new is None else f"{text} → {format_value(new)}"
    return text if name is None else f"{name} = {text}"


def grad_text(grad: float, name: str | None = None) -> str:
    return f"∂E/∂{name or 'w'} = {format_value(grad)}"


def bias_text(value: float, new: float | None = None, name: str | None = None) -> str:
    return weight_text(value, new, name or "b")


def bias_grad_text(grad: float, name: str | None = None) -> str:
    return f"∂E/∂{name or 'b'} = {format_value(grad)}"


def delta_text(delta: float) -> str:
    return f"δ = {format_value(delta)}"


def bias_anchor(layout: CanvasLayout, column: int, neuron: int) -> QPointF:
    return layout.centre(column, neuron) + QPointF(0, layout.radii[column] + 13)


def bias_grad_anchor(layout: CanvasLayout, column: int, neuron: int) -> QPointF:
    # clear of the halo round the bias tag when the step computes the bias (placement.RING)
    return layout.centre(column, neuron) + QPointF(0, layout.radii[column] + 36)


def bias_grad_anchors(layout: CanvasLayout, column: int, neuron: int, bias: str,
                      grad: str) -> list[QPointF]:
    """Where ∂E/∂b may sit, best first: under the bias tag ``bias``, beside it on the right,
    beside it on the left."""
    bias_width = text_box(bias, QPointF()).width()
    grad_width = text_box(grad, QPointF()).width()
    beside = QPointF(bias_width / 2 + 8 + grad_width / 2, 0)  # clear of the bias' halo
    at_bias = bias_anchor(layout, column, neuron)
    return [bias_grad_anchor(layout, column, neuron), at_bias + beside, at_bias - beside]


def name_anchor(layout: CanvasLayout, column: int, neuron: int) -> QPointF:
    return layout.centre(column, neuron) - QPointF(0, layout.radii[column] + 11)


def delta_anchors(layout: CanvasLayout, column: int, neuron: int, text: str) -> list[QPointF]:
    """Where δ may sit, best first: up and to the right of its neuron, up and to the left,
    then a line higher on either side (clear of the name, which is centred above)."""
    width = text_box(text, QPointF()).width()
    r = layout.radii[column]
    centre = layout.centre(column, neuron)
    side = r + 2 + width / 2
    return [centre + QPointF(side, -r - 4), centre + QPointF(-side, -r - 4),
            centre + QPointF(side, -r - 20), centre + QPointF(-side, -r - 20)]


def health_anchor(layout: CanvasLayout, column: int, neuron: int, text: str) -> QPointF:
    """A "dead" / "saturated" tag sits up and to the left of its neuron, clear of its name."""
    width = text_box(text, QPointF()).width()
    r = layout.radii[column]
    return layout.centre(column, neuron) + QPointF(-r - width / 2 + 4, -r - 2)
