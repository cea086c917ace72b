"""The explain panel: where a number comes from, with its operands as links to follow."""

import re

import pytest
from PySide6.QtCore import QUrl

from engine.files.presets import load_preset
from engine.lesson.quantities import Quantity
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef, quantity_of
from gui.panels.explain import ExplainPanel
from gui.panels.inspector import Inspector
from gui.richtext import quantity_href
from gui.stepping import StepThrough


def q(*parts) -> Quantity:
    """A quantity by its JSON: q("delta", 1, 0)."""
    return Quantity.from_json(parts)


@pytest.fixture
def panel(qtbot):
    document = Document(load_preset("seed"))
    widget = ExplainPanel(document, StepThrough(document))
    qtbot.addWidget(widget)
    return widget


def links(panel) -> list[str]:
    return re.findall(r'href="([^"]+)"', panel.body.toHtml())


def test_explaining_the_hidden_delta_shows_its_step_and_operands(panel):
    panel.explain(quantity_of(NeuronRef(1, 0), "delta"))
    text = panel.text()
    assert "δ(1)1 = 1 (at neuron y)" in text
    assert "Computed in step 9 (backward pass)" in text
    assert "δ(1)1 = (w·δ(2)1)·f′(nety)" in text  # the seed's names: w, net_y
    assert "δ(1)1 = (1·1)·1 = 1" in text
    assert "w = 1: given" in text
    assert "δ(2)1 = 1: computed in step 6" in text
    assert quantity_href(q("delta", 1, 0)) in links(panel)


def test_following_an_operand_link_explains_it_and_the_breadcrumb_leads_back(panel):
    panel.explain(quantity_of(NeuronRef(1, 0), "delta"))
    panel.body.anchorClicked.emit(QUrl(quantity_href(q("delta", 1, 0))))
    assert panel.history == [q("delta", 0, 0), q("delta", 1, 0)]
    assert "δ(2)1 = (4 − 3)·1 = 1" in panel.text()
    assert "t1 = 3: a target" in panel.text()
    assert 'href="crumb:0"' in panel.breadcrumb.text()
    panel.breadcrumb.linkActivated.emit("crumb:0")
    assert panel.history == [q("delta", 0, 0)]
    assert "δ(1)1 = (1·1)·1 = 1" in panel.text()


@pytest.mark.parametrize(
    ("item", "quantity", "line"),
    [
        (NeuronRef(1, 0), "z", "nety = 1·2 + 1 = 3"),  # net_y: the weighted sum of y
        (NeuronRef(2, 0), "a", "z = 4"),  # the seed's output neuron is labelled z
        (WeightRef(1, 0, 0), "grad", "∂E/∂w = 1·3 = 3"),  # the seed names its weights
        (WeightRef(0, 0, 0), "grad", "∂E/∂v = 1·2 = 2"),  # v and w, its biases a and b
        (BiasRef(1, 0), "grad", "∂E/∂b = 1"),  # the output bias
        (BiasRef(0, 0), "new", "a′ = 1 − 0.1·1 = 0.9"),
        (WeightRef(1, 0, 0), "weight", "w = 1"),  # as the canvas names a clicked weight
        (BiasRef(1, 0), "bias", "b = 1"),
        (None, "loss", "E = ½·(4 − 3)² = 0.5"),
    ],
)
def test_every_kind_of_number_can_be_explained(panel, item, quantity, line):
    panel.explain(quantity_of(item, quantity))
    assert line in panel.text().splitlines()


def test_a_weight_is_given_until_an_update_sets_it(panel):
    panel.explain(quantity_of(WeightRef(1, 0, 0), "value"))
    assert "Given: a weight of the network" in panel.text()
    stepping = panel._stepping
    stepping.go_to(stepping.count - 1)
    stepping.next()  # apply the update
    panel.explain(quantity_of(WeightRef(1, 0, 0), "value"))
    assert "w = 0.7" in panel.text()
    assert "Set by the last update" in panel.text()
    assert "w′ = 1 − 0.1·3 = 0.7" in panel.text()
    panel.explain(quantity_of(BiasRef(1, 0), "value"))  # the output bias
    assert "b′ = 1 − 0.1·1 = 0.9" in panel.text()
    panel._document.undo_stack.undo()
    panel.explain(quantity_of(WeightRef(1, 0, 0), "value"))
    assert "Given: a weight" in panel.text()


def test_show_this_step_moves_the_cursor(panel):
    panel.explain(quantity_of(WeightRef(1, 0, 0), "grad"))
    panel.body.anchorClicked.emit(QUrl("show-step"))
    assert panel._stepping.position == 6


def test_layer_by_layer_stepping_still_explains_one_neuron(panel):
    panel._stepping.set_granularity("layer")
    panel.explain(quantity_of(NeuronRef(2, 0), "z"))
    assert "netz = 1·3 + 1 = 4" in panel.text()


def test_an_edit_updates_the_explanation(panel):
    panel.explain(quantity_of(NeuronRef(2, 0), "z"))
    panel._document.set_parameter(1, 0, None, 2.0)
    assert "netz = 1·3 + 2 = 5" in panel.text()


def test_the_inspector_asks_and_the_panel_explains(qtbot, panel):
    inspector = Inspector(panel._document)
    qtbot.addWidget(inspector)
    inspector.explain_requested.connect(panel.explain)
    panel._document.select(NeuronRef(2, 0))
    inspector.delta_label.linkActivated.emit("delta")
    assert "δ(2)1 = (4 − 3)·1 = 1" in panel.text()


def test_a_pair_that_names_nothing_is_refused(panel):
    assert quantity_of(NeuronRef(0, 0), "delta") is None  # an input has no δ
    panel.explain(quantity_of(NeuronRef(0, 0), "delta"))
    assert "no computation behind this" in panel.text()


def test_during_a_run_the_panel_explains_again_only_when_the_run_ends(qtbot):
    document = Document(load_preset("seed"))
    stepping = StepThrough(document)
    widget = ExplainPanel(document, stepping)
    qtbot.addWidget(widget)
    widget.show()
    widget.explain(quantity_of(NeuronRef(2, 0), "z"))
    assert "= 4" in widget.body.toPlainText()
    stepping.set_training_running(True)
    document.network.layers[1].biases[0] = 2.0  # as a run changes the arrays in place
    document.announce_parameters_changed()
    assert not stepping.is_built  # the panel did not ask for new steps during the run
    assert "= 4" in widget.body.toPlainText()
    stepping.set_training_running(False)
    assert "= 5" in widget.body.toPlainText()  # z = 3·1 + 2
