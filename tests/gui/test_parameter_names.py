"""The window writes the learner's names for weights and biases: on the canvas ("v = 1",
"∂E/∂a = 1"), in the inspector, and as rich text only through escaping."""

import pytest
from PySide6.QtCore import Qt

from engine.files.presets import load_preset
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.panels.inspector import Inspector
from gui.richtext import step_html
from gui.stepping import StepThrough
from tests.gui import test_canvas

make_view = test_canvas.make_view  # the same fixture: shown views, deleted at the test's end


def seed_view(make_view):
    document = Document(load_preset("seed"))
    stepping = StepThrough(document)
    return make_view(document, stepping), stepping


def test_the_canvas_writes_the_seeds_names_on_its_weights_and_biases(make_view):
    view, stepping = seed_view(make_view)
    placement = view.network_scene.placement
    assert placement.get("weight", WeightRef(0, 0, 0)).text == "v = 1"
    assert placement.get("weight", WeightRef(1, 0, 0)).text == "w = 1"
    assert placement.get("bias", BiasRef(0, 0)).text == "a = 1"
    assert placement.get("bias", BiasRef(1, 0)).text == "b = 1"


def test_the_backward_pass_and_the_update_keep_the_names(make_view):
    view, stepping = seed_view(make_view)
    stepping.go_to(stepping.count - 1)  # every gradient and the update are shown
    placement = view.network_scene.placement
    assert placement.get("grad", WeightRef(0, 0, 0)).text == "∂E/∂v = 2"
    assert placement.get("grad", BiasRef(0, 0)).text == "∂E/∂a = 1"
    assert placement.get("weight", WeightRef(1, 0, 0)).text == "w = 1 → 0.7"
    assert placement.get("bias", BiasRef(0, 0)).text == "a = 1 → 0.9"


def test_without_names_the_canvas_writes_as_before(make_view):
    experiment = load_preset("seed")
    for layer in experiment.network.layers:
        layer.weight_labels = layer.bias_labels = None
    document = Document(experiment)
    view = make_view(document, StepThrough(document))
    placement = view.network_scene.placement
    assert placement.get("weight", WeightRef(0, 0, 0)).text == "1"
    assert placement.get("bias", BiasRef(0, 0)).text == "b = 1"


@pytest.fixture
def named_inspector(qtbot):
    def make(experiment):
        widget = Inspector(Document(experiment))
        qtbot.addWidget(widget)
        widget.show()
        return widget

    return make


def test_the_inspector_names_the_selected_parameter(named_inspector):
    inspector = named_inspector(load_preset("seed"))
    inspector._document.select(WeightRef(0, 0, 0))
    assert inspector.title.text() == "<b>Weight <i>v</i> from x to y</b> (layer 1)"
    assert inspector.grad_row_label.text() == "∂E/∂v:"
    inspector._document.select(BiasRef(1, 0))
    assert inspector.title.text() == "<b>Bias <i>b</i> of z</b> (layer 2)"
    assert inspector.grad_row_label.text() == "∂E/∂b:"
    inspector._document.select(NeuronRef(1, 0))
    form = inspector.neuron_form
    assert form.labelForField(inspector.bias_field).text() == "bias a:"
    assert form.labelForField(inspector.bias_grad_label).text() == "∂E/∂a:"


HOSTILE = "<b>bold</b><img src='x'>&amp;"


def test_hostile_parameter_names_are_shown_as_text(named_inspector, make_view):
    experiment = load_preset("seed")
    experiment.network.layers[0].weight_labels = [[HOSTILE]]
    experiment.network.layers[0].bias_labels = [HOSTILE + "2"]
    inspector = named_inspector(experiment)
    inspector._document.select(WeightRef(0, 0, 0))
    assert "<i>&lt;b&gt;bold&lt;/b&gt;&lt;img src=&#x27;x&#x27;&gt;&amp;amp;</i>" in \
        inspector.title.text()
    assert inspector.grad_row_label.textFormat() == Qt.TextFormat.PlainText
    assert inspector.grad_row_label.text() == f"∂E/∂{HOSTILE}:"
    inspector._document.select(NeuronRef(1, 0))
    row = inspector.neuron_form.labelForField(inspector.bias_field)
    assert row.textFormat() == Qt.TextFormat.PlainText and HOSTILE in row.text()
    document = Document(experiment)
    view = make_view(document, StepThrough(document))
    assert view.network_scene.placement.get("weight", WeightRef(0, 0, 0)).text == \
        f"{HOSTILE} = 1"  # drawn as the characters it is: the canvas draws plain text


def test_the_step_through_writes_net_with_the_label_below():
    from engine.lesson.stepper import trace_experiment

    trace = trace_experiment(load_preset("seed"))
    html = step_html(trace[0])
    assert html.startswith("net<sub><i>y</i></sub> = <i>v</i>·<i>x</i> + <i>a</i><br>")
    assert step_html(trace[1]).startswith("<i>y</i> = net<sub><i>y</i></sub>")


def test_the_inspector_writes_the_output_neurons_sum_as_net_z(named_inspector):
    inspector = named_inspector(load_preset("seed"))
    form = inspector.neuron_form
    inspector._document.select(NeuronRef(2, 0))
    assert form.labelForField(inspector.z_label).text() == "net_z (input sum):"
    assert form.labelForField(inspector.a_label).text() == "z (output):"
    inspector._document.select(NeuronRef(0, 0))  # an input: the plain rows again
    assert form.labelForField(inspector.a_label).text() == "a (output):"
