"""StepThrough: the engine's steps of one training step, a cursor on them, and the update."""

import pytest

from engine.files.presets import load_preset
from engine.lesson.formula import format_number
from engine.model.experiment import Dataset, Experiment
from engine.model.network import Layer, Network
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.stepping import StepThrough

# The walkthrough, step by step: (phase, value, the item the step computes)
WALKTHROUGH = [
    ("forward", 3, NeuronRef(1, 0)),  # hidden y: z = 2·1 + 1
    ("forward", 3, NeuronRef(1, 0)),  # a = z (identity)
    ("forward", 4, NeuronRef(2, 0)),  # output z = 3·1 + 1
    ("forward", 4, NeuronRef(2, 0)),
    ("loss", 0.5, NeuronRef(2, 0)),  # E = ½(4 − 3)²
    ("backward", 1, NeuronRef(2, 0)),  # δ = ∂E/∂z
    ("backward", 3, WeightRef(1, 0, 0)),  # ∂E/∂w = δ · y
    ("backward", 1, BiasRef(1, 0)),  # ∂E/∂b
    ("backward", 1, NeuronRef(1, 0)),  # ∂E/∂y = ∂E/∂z · w, times f′ = 1
    ("backward", 2, WeightRef(0, 0, 0)),  # ∂E/∂v = 1 · x
    ("backward", 1, BiasRef(0, 0)),  # ∂E/∂a
    ("update", 0.7, WeightRef(1, 0, 0)),  # 1 − 0.1·3
    ("update", 0.9, BiasRef(1, 0)),
    ("update", 0.8, WeightRef(0, 0, 0)),
    ("update", 0.9, BiasRef(0, 0)),
]


@pytest.fixture
def stepping(qtbot):
    document = Document(load_preset("seed"))
    return StepThrough(document)


def two_sample_document():
    """2 inputs → 3 tanh → 1 output, two samples."""
    hidden = Layer([[0.5, -1.0], [2.0, 0.0], [-0.25, 1.5]], [0.1, -0.2, 0.0], "tanh")
    output = Layer([[1.0, -2.0, 3.0]], [0.5])
    data = Dataset([[1.0, 2.0], [-1.0, 0.5]], [[1.0], [0.0]])
    return Document(Experiment(Network(2, [hidden, output]), data=data))


def test_steps_follow_the_walkthrough_with_their_items(stepping):
    assert stepping.count == len(WALKTHROUGH)
    assert stepping.position == -1
    assert stepping.current_step is None
    assert stepping.current_items() == []
    for phase, value, item in WALKTHROUGH:
        assert stepping.next()
        assert stepping.current_phase() == phase
        assert format_number(stepping.current_step.value) == format_number(value)
        assert stepping.current_items()[0] == item
    assert stepping.at_end


def test_a_step_highlights_what_it_reads_too(stepping):
    stepping.go_to(2)  # z of the output: w·y + b
    assert set(stepping.current_items()) == {
        NeuronRef(2, 0), WeightRef(1, 0, 0), NeuronRef(1, 0), BiasRef(1, 0)
    }
    stepping.go_to(6)  # ∂E/∂w = δ · y
    assert set(stepping.current_items()) == {WeightRef(1, 0, 0), NeuronRef(2, 0), NeuronRef(1, 0)}


def test_shown_values_hold_only_what_was_computed_so_far(stepping):
    shown = stepping.shown_values()
    assert shown.neurons == {NeuronRef(0, 0): {"a": 2.0}}
    assert shown.weights == {} and shown.biases == {}
    stepping.go_to(2)
    shown = stepping.shown_values()
    assert shown.neurons[NeuronRef(1, 0)] == {"z": 3.0, "a": 3.0}
    assert shown.neurons[NeuronRef(2, 0)] == {"z": 4.0}
    assert shown.loss is None
    stepping.go_to(7)
    shown = stepping.shown_values()
    assert shown.neurons[NeuronRef(2, 0)] == {"z": 4.0, "a": 4.0, "delta": 1.0}
    assert shown.weights == {WeightRef(1, 0, 0): {"grad": 3.0}}
    assert shown.biases == {BiasRef(1, 0): {"grad": 1.0}}
    assert shown.loss == 0.5
    stepping.go_to(14)
    shown = stepping.shown_values()
    assert shown.weights[WeightRef(0, 0, 0)] == {"grad": 2.0, "new": pytest.approx(0.8)}
    assert shown.biases[BiasRef(0, 0)] == {"grad": 1.0, "new": pytest.approx(0.9)}


def test_previous_moves_back_to_the_same_record(qtbot, stepping):
    stepping.go_to(5)
    record = stepping.current_step
    stepping.next()
    with qtbot.waitSignal(stepping.step_moved) as blocker:
        assert stepping.previous()
    assert blocker.args == [5]
    assert stepping.current_step is record  # moved back, not recomputed
    stepping.go_to(-1)
    assert not stepping.previous()


def test_jump_to_a_phase(stepping):
    stepping.jump_to_phase("backward")
    assert stepping.position == 5
    assert stepping.current_phase() == "backward"
    stepping.jump_to_phase("update")
    assert stepping.current_step.value == pytest.approx(0.7)
    stepping.jump_to_phase("loss")
    assert stepping.current_step.value == 0.5
    with pytest.raises(ValueError):
        stepping.jump_to_phase("check")


def test_completing_the_update_applies_it_as_one_undo_step(stepping):
    document = stepping.document
    stepping.go_to(stepping.count - 1)
    stepping.next()
    layers = document.network.layers
    assert format_number(layers[1].weights[0, 0]) == "0.7"
    assert format_number(layers[1].biases[0]) == "0.9"
    assert format_number(layers[0].weights[0, 0]) == "0.8"
    assert format_number(layers[0].biases[0]) == "0.9"
    assert document.undo_stack.count() == 1
    assert "Update applied" in stepping.status
    # forward again with the new weights: the notes' 2.5 and 2.65, loss 0.06125
    assert stepping.position == 0
    assert format_number(stepping.current_step.value) == "2.5"
    stepping.go_to(2)
    assert format_number(stepping.current_step.value) == "2.65"
    stepping.jump_to_phase("loss")
    assert format_number(stepping.current_step.value) == "0.06125"
    document.undo_stack.undo()
    assert [float(p[0]) if p.ndim == 1 else float(p[0, 0])
            for p in document.network.parameters()] == [1.0, 1.0, 1.0, 1.0]
    assert stepping.position == -1
    assert "starts over" in stepping.status


def test_editing_a_weight_mid_way_starts_over(qtbot, stepping):
    stepping.go_to(6)
    with qtbot.waitSignal(stepping.status_changed):
        stepping.document.set_parameter(1, 0, 0, 2.0)
    assert stepping.position == -1
    assert "weights changed" in stepping.status
    stepping.go_to(2)
    assert stepping.current_step.value == 7.0  # 3·2 + 1 with the new weight


def test_a_run_of_edits_does_not_rebuild_the_steps_until_they_are_needed(stepping):
    document = stepping.document
    stepping.next()
    for value in (1.5, 2.0, 2.5):  # as a training run changes the weights frame after frame
        document.set_parameters("Train", [p + value for p in document.network.parameters()])
        assert not stepping.is_built
        assert stepping.position == -1
        assert stepping.current_items() == []
    assert stepping.shown_values().neurons == {NeuronRef(0, 0): {"a": 2.0}}
    stepping.next()
    assert stepping.is_built
    assert stepping.current_step.value == 2 * 7.0 + 7.0  # w = b = 1 + 1.5 + 2 + 2.5


def test_training_and_data_changes_rebuild_too(stepping):
    document = stepping.document
    stepping.jump_to_phase("update")
    document.set_training("Learning rate", learning_rate=0.5)
    assert stepping.position == -1
    stepping.jump_to_phase("update")
    assert stepping.current_step.value == pytest.approx(1 - 0.5 * 3)
    document.set_data("Edit target", Dataset([[2.0]], [[5.0]]))
    stepping.jump_to_phase("loss")
    assert stepping.current_step.value == 0.5  # ½(4 − 5)²


def test_layer_by_layer_has_one_step_per_layer_and_phase(qtbot):
    stepping = StepThrough(two_sample_document())
    by_neuron = stepping.count
    stepping.go_to(3)
    stepping.set_granularity("layer")
    assert stepping.position == -1
    assert stepping.count < by_neuron
    stepping.next()  # z of the whole hidden layer
    assert stepping.current_items()[:3] == [NeuronRef(1, j) for j in range(3)]
    shown = stepping.shown_values()
    assert set(shown.neurons) == {NeuronRef(0, 0), NeuronRef(0, 1)} | {
        NeuronRef(1, j) for j in range(3)
    }
    assert all(set(values) == {"z"} for item, values in shown.neurons.items() if item.column)
    stepping.jump_to_phase("backward")
    stepping.go_to(stepping.phase_range("backward")[1])
    assert len(stepping.shown_values().weights) == 6 + 3


def test_choosing_a_sample_steps_through_that_row(qtbot):
    stepping = StepThrough(two_sample_document())
    stepping.next()
    first = stepping.current_step.value
    with qtbot.waitSignal(stepping.steps_changed):
        stepping.set_sample(1)
    assert stepping.sample == 1
    assert stepping.position == -1
    stepping.next()
    assert stepping.current_step.value == pytest.approx(0.5 * -1.0 + -1.0 * 0.5 + 0.1)
    assert stepping.current_step.value != first
    assert stepping.shown_values().neurons[NeuronRef(0, 0)] == {"a": -1.0}


def test_play_steps_by_itself_and_stops_before_applying(qtbot, stepping):
    stepping.set_interval(1)
    with qtbot.waitSignal(stepping.playing_changed):
        stepping.play()
    assert stepping.is_playing
    qtbot.waitUntil(lambda: not stepping.is_playing, timeout=5000)
    assert stepping.at_end
    assert stepping.document.undo_stack.count() == 0  # the learner applies the update


def test_pause_stops_the_timer(qtbot, stepping):
    stepping.set_interval(10_000)
    stepping.play()
    stepping.pause()
    assert not stepping.is_playing
    assert stepping.position == -1


def test_without_data_there_is_nothing_to_step_through(qtbot):
    document = Document(Experiment(Network(1, [Layer([[1.0]], [0.0])])))
    stepping = StepThrough(document)
    assert stepping.count == 0
    assert "no samples" in stepping.problem
    assert not stepping.next()
    assert stepping.shown_values().neurons == {}
    document.set_data("Add a sample", Dataset([[1.0]], [[1.0]]))
    assert stepping.count > 0 and stepping.problem == ""


def test_shown_values_follow_a_data_change_before_the_first_step(stepping):
    assert stepping.shown_values().neurons == {NeuronRef(0, 0): {"a": 2.0}}
    stepping.document.set_data("Edit input", Dataset([[5.0]], [[3.0]]))
    assert stepping.shown_values().neurons == {NeuronRef(0, 0): {"a": 5.0}}


def test_during_a_run_only_the_first_weight_change_starts_over(qtbot, stepping):
    document = stepping.document
    stepping.go_to(6)
    starts = []
    stepping.steps_changed.connect(lambda: starts.append(stepping.is_built))
    stepping.set_training_running(True)
    for value in (1.5, 2.0, 2.5):  # three frames of a run
        document.network.layers[1].weights[0, 0] = value
        document.announce_parameters_changed()
    assert starts == [False]  # one start-over, nothing built since
    assert stepping.position == -1 and not stepping.is_built
    stepping.set_training_running(False)
    assert len(starts) == 2  # the run ended: views read the steps again
    stepping.go_to(2)
    assert stepping.current_step.value == 2.5 * 3 + 1  # z of the output with the run's weight


def test_a_network_too_big_for_neuron_steps_is_stepped_layer_by_layer(qtbot):
    import numpy as np

    network = Network(784, [Layer(np.zeros((128, 784)), np.zeros(128), "relu"),
                            Layer(np.zeros((10, 128)), np.zeros(10))])
    document = Document(Experiment(network, data=Dataset(np.ones((1, 784)), np.zeros((1, 10)))))
    stepping = StepThrough(document)
    assert stepping.granularity == "neuron"
    with qtbot.waitSignal(stepping.steps_changed):  # the panel learns which granularity is used
        assert stepping.problem == ""
    assert stepping.granularity == "layer"
    assert stepping.trace.steps[0].phase == "forward"
    assert "layer by layer" in stepping.status


def test_each_view_name_of_a_number_is_one_quantity_of_its_item():
    from engine.lesson.quantities import Kind, Quantity
    from gui.items import items_of, quantity_of

    network = Document(load_preset("xor")).network
    pairs = [(NeuronRef(0, 1), "a"), (NeuronRef(2, 0), "delta"), (NeuronRef(1, 1), "z"),
             (WeightRef(1, 0, 1), "grad"), (WeightRef(0, 1, 0), "weight"), (BiasRef(0, 1), "new")]
    for item, name in pairs:
        assert items_of(quantity_of(item, name), network) == [item]
    assert quantity_of(WeightRef(1, 0, 1), "weight") == Quantity(Kind.WEIGHT, 1, 0, 1)
    assert quantity_of(BiasRef(1, 0), "bias") == quantity_of(BiasRef(1, 0), "value")
    assert quantity_of(NeuronRef(0, 0), "delta") is None
    assert len(items_of(Quantity(Kind.GRAD_WEIGHT, 0), network)) == 4  # a whole layer's
