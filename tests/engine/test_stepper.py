"""The step-through: the walkthrough's table step by step, and agreement with the engine."""

import dataclasses
import json
import statistics
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import NetworkError
from engine.files.presets import load_preset
from engine.lesson.formula import FULL, Symbol, display_value, format_number
from engine.lesson.quantities import Quantity
from engine.lesson.stepper import build_trace, trace_experiment
from engine.lesson.steps import StepCursor
from engine.lesson.trace_data import label_columns
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from engine.training.optimizers import make_optimizer


def q(*parts) -> Quantity:
    """A quantity by its JSON: q("w", 1, 0, 0)."""
    return Quantity.from_json(parts)


def seed_network(loss="half_sse"):
    return Network(
        1,
        [Layer([[1.0]], [1.0], labels=["y"]), Layer([[1.0]], [1.0], labels=["z"])],
        loss=loss,
        input_labels=["x"],
    )


def seed_trace(loss="half_sse", granularity="neuron"):
    return build_trace(seed_network(loss), [[2.0]], [[3.0]], granularity=granularity)


def lesson_values(trace):
    """(kind, value) of every step but the pre-activations (equal to a for identity)."""
    return [(s.kind, s.value) for s in trace if s.kind != "pre_activation"]


# ----- the walkthrough ---------------------------------------------------------------------
def test_seed_network_steps_give_the_walkthrough_table_in_order():
    assert lesson_values(seed_trace()) == [
        ("activation", 3.0),  # hidden y = 2·1 + 1
        ("activation", 4.0),  # output z = 3·1 + 1
        ("loss", 0.5),
        ("delta", 1.0),  # ∂E/∂z
        ("grad_weight", 3.0),  # ∂E/∂w = 1 · y
        ("grad_bias", 1.0),
        ("delta", 1.0),  # ∂E/∂y = ∂E/∂z · w
        ("grad_weight", 2.0),  # ∂E/∂v = 1 · x
        ("grad_bias", 1.0),  # ∂E/∂a
        ("update_weight", 0.7),  # w
        ("update_bias", 0.9),  # b
        ("update_weight", 0.8),  # v
        ("update_bias", 0.9),  # a
        ("activation", 2.5),  # forward again: hidden
        ("activation", 2.65),  # output
        ("loss", pytest.approx(0.06125, rel=1e-12)),
    ]


def test_seed_steps_print_the_tables_numbers_exactly():
    text = seed_trace().to_text()
    for line in (
        "net_z = w⁽²⁾₁₁·y + b⁽²⁾₁ = 1·3 + 1 = 4",
        "E = ½·(z − t₁)² = ½·(4 − 3)² = 0.5",
        "δ⁽²⁾₁ = ∂E/∂z·f′(net_z) = (z − t₁)·f′(net_z) = (4 − 3)·1 = 1",
        "∂E/∂w⁽²⁾₁₁ = ∂E/∂b⁽²⁾₁·y = δ⁽²⁾₁·y = 1·3 = 3",
        "∂E/∂w⁽¹⁾₁₁ = ∂E/∂b⁽¹⁾₁·x = δ⁽¹⁾₁·x = 1·2 = 2",
        "w′⁽²⁾₁₁ = w⁽²⁾₁₁ − η·∂E/∂w⁽²⁾₁₁ = 1 − 0.1·3 = 0.7",
        "net_z′ = w′⁽²⁾₁₁·y′ + b′⁽²⁾₁ = 0.7·2.5 + 0.9 = 2.65",
        "E′ = ½·(z′ − t₁)² = ½·(2.65 − 3)² = 0.06125",
        "The output is 1 too high, so δ = 1.",
    ):
        assert line in text


def test_seed_trace_shows_the_walkthrough_numbers_in_order():
    lines = [line.strip() for line in seed_trace().to_text().splitlines()]
    results = [line.rsplit(" = ", 1)[1] for line in lines if line[:1].isdigit()]
    assert [r for i, r in enumerate(results) if i not in (0, 2, 15, 17)] == [
        "3", "4", "0.5", "1", "3", "1", "1", "2", "1", "0.7", "0.9", "0.8", "0.9",
        "2.5", "2.65", "0.06125",
    ]  # without the pre-activation steps, which repeat the identity's value


def test_weight_gradient_step_shows_bias_gradient_times_input_with_names_and_values():
    step = next(s for s in seed_trace() if s.quantity == q("grad_w", 1, 0, 0))
    first, second = step.formula.forms
    assert [t.ref for t in first if isinstance(t, Symbol)] == [q("grad_b", 1, 0), q("a", 0, 0)]
    assert [t.ref for t in second if isinstance(t, Symbol)] == [q("delta", 1, 0), q("a", 0, 0)]
    assert [t.value for t in second if isinstance(t, Symbol)] == [1.0, 3.0]
    assert step.numbers == "∂E/∂w⁽²⁾₁₁ = 1·3 = 3"
    assert step.reads == (q("delta", 1, 0), q("a", 0, 0))


def test_squared_error_doubles_every_gradient_and_the_step():
    assert lesson_values(seed_trace("sse"))[2:13] == [
        ("loss", 1.0),
        ("delta", 2.0),
        ("grad_weight", 6.0),
        ("grad_bias", 2.0),
        ("delta", 2.0),
        ("grad_weight", 4.0),
        ("grad_bias", 2.0),
        ("update_weight", 1.0 - 0.1 * 6.0),
        ("update_bias", 0.8),
        ("update_weight", 0.6),
        ("update_bias", 0.8),
    ]


def test_layer_granularity_gives_the_same_numbers_as_vectors():
    trace = seed_trace(granularity="layer")
    assert [(s.phase, s.kind) for s in trace][:5] == [
        ("forward", "pre_activation"),
        ("forward", "activation"),
        ("forward", "pre_activation"),
        ("forward", "activation"),
        ("loss", "loss"),
    ]
    values = {s.quantity: s.value for s in trace}
    assert values[q("a", 0)] == (3.0,)
    assert values[q("grad_w", 1)] == ((3.0,),)
    assert values[q("w_new", 1)] == ((0.7,),)
    assert values[q("a_new", 1)] == (2.65,)
    assert format_number(values[q("loss_new")]) == "0.06125"


def test_numbers_are_shown_as_the_lesson_writes_them():
    assert format_number(1 - 0.1 * 3) == "0.7"
    assert display_value(1 - 0.1 * 3) == "0.7"
    assert display_value(0.5 * (2.5 * 0.7 + 0.9 - 3) ** 2) == "0.06125"
    assert format_number(0.5 * (2.5 * 0.7 + 0.9 - 3) ** 2) == "0.06125"
    assert format_number(-0.0) == "0"
    assert format_number(float("nan")) == "nan"
    assert format_number(1e-20) == "1e-20"


def test_display_shows_six_significant_digits_and_full_precision_on_request():
    assert display_value(-0.233262238429281) == "-0.233262"
    assert display_value(0.0306511220843123) == "0.0306511"
    assert display_value((1.0, 2.5)) == "[1, 2.5]"
    assert format_number(0.1 + 0.2, FULL) == "0.30000000000000004"
    assert format_number(3.0, FULL) == "3"


# ----- notation: neurons counted from 1, short labels for activations ----------------------
def xor_step(quantity, experiment=None):
    trace = trace_experiment(experiment or load_preset("xor"), samples=0)
    return trace.step_for(quantity)


def test_xor_hidden_neuron_2_is_subscript_2_and_its_inputs_are_the_canvas_labels():
    step = xor_step(q("z", 0, 1))  # engine neuron 1 of layer 0: the canvas's h2
    assert step.symbolic == "net_h2 = w⁽¹⁾₂₁·x1 + w⁽¹⁾₂₂·x2 + b⁽¹⁾₂"
    assert step.explanation.startswith("Neuron h2 adds up")
    assert xor_step(q("a", 0, 1)).symbolic == "h2 = σ(net_h2)"
    assert "∂E/∂y" in xor_step(q("delta", 1, 0)).symbolic


def test_unlabelled_neurons_get_indexed_symbols_counted_from_1():
    experiment = load_preset("xor")
    experiment.network.input_labels = None
    for layer in experiment.network.layers:
        layer.labels = None
    step = xor_step(q("z", 0, 1), experiment)
    assert step.symbolic == "z⁽¹⁾₂ = w⁽¹⁾₂₁·x₁ + w⁽¹⁾₂₂·x₂ + b⁽¹⁾₂"
    assert step.explanation.startswith("Neuron 2 of layer 1 adds up")
    assert xor_step(q("a", 0, 1), experiment).symbolic == "a⁽¹⁾₂ = σ(z⁽¹⁾₂)"


def test_subscripts_above_9_are_separated_by_commas():
    symbol = Symbol("w", 1.0, q("w", 0, 9, 10), layer=0, subscripts=(9, 10))
    assert symbol.notation() == "w⁽¹⁾₁₀,₁₁"
    assert Symbol("w", 1.0, q("w", 0, 0, 1), layer=0, subscripts=(0, 1)).notation() == "w⁽¹⁾₁₂"


def test_labels_stand_for_symbols_only_when_short_unreserved_and_unique():
    def network(inputs, hidden, output):
        return Network(
            1, [Layer([[1.0]], [0.0], labels=hidden), Layer([[1.0]], [0.0], labels=output)],
            input_labels=inputs,
        )

    assert label_columns(network(["x"], ["y"], ["z"])) == (True, True, True)
    assert label_columns(network(None, ["h1"], ["out1"])) == (False, True, True)
    assert label_columns(network(["x"], ["class A"], ["z"])) == (True, False, True)  # a space
    assert label_columns(network(["x"], ["w"], ["z"])) == (True, False, True)  # w is a weight
    assert label_columns(network(["x"], ["x"], ["z"])) == (False, False, True)  # x twice
    assert label_columns(network(["x"], ["hidden"], ["z"])) == (True, False, True)  # too long


# ----- agreement with the engine, for any network ------------------------------------------
@st.composite
def networks_and_batches(draw):
    n_layers = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_layers + 1)]
    loss = draw(
        st.sampled_from(["half_sse", "sse", "mse", "cross_entropy", "binary_cross_entropy"])
    )
    hidden = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]
    activations = [draw(st.sampled_from(hidden)) for _ in range(n_layers)]
    if loss == "cross_entropy":
        activations[-1] = "softmax"
    elif loss == "binary_cross_entropy":
        activations[-1] = "sigmoid"
    else:
        activations[-1] = draw(st.sampled_from(hidden + ["softmax"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    layers = [
        Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)
        for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True)
    ]
    network = Network(sizes[0], layers, loss, draw(st.sampled_from(["sum", "mean"])))
    batch = draw(st.integers(1, 3))
    inputs = rng.normal(size=(batch, sizes[0]))
    if loss == "cross_entropy":
        targets = rng.dirichlet(np.ones(sizes[-1]), size=batch)
    elif loss == "binary_cross_entropy":
        targets = rng.uniform(size=(batch, sizes[-1]))
    else:
        targets = rng.normal(size=(batch, sizes[-1]))
    return network, inputs, targets


def engine_values(network, inputs, targets, learning_rate):
    """Every quantity of one plain-SGD step, by reference, straight from the engine."""
    forward = network.forward(inputs)
    grads = network.backward(forward, targets)
    new = network.copy()
    for layer, gw, gb in zip(new.layers, grads.grad_weights, grads.grad_biases, strict=True):
        layer.weights = layer.weights - learning_rate * gw
        layer.biases = layer.biases - learning_rate * gb
    new_forward = new.forward(inputs)
    batched = len(inputs) > 1
    values = {q("loss"): grads.loss, q("loss_new"): new.loss_value(inputs, targets)}
    for s in range(len(inputs)):
        tail = (s,) if batched else ()
        if batched:
            values[q("sample_loss", s)] = grads.sample_losses[s]
        for index in range(len(network.layers)):
            for j in range(network.layers[index].n_out):
                key = (index, j) + tail
                values[q("z", *key)] = forward.pre_activations[index][s, j]
                values[q("a", *key)] = forward.activations[index + 1][s, j]
                values[q("delta", *key)] = grads.deltas[index][s, j]
                values[q("grad_a", *key)] = grads.grad_activations[index][s, j]
                values[q("z_new", *key)] = new_forward.pre_activations[index][s, j]
                values[q("a_new", *key)] = new_forward.activations[index + 1][s, j]
    for index, layer in enumerate(new.layers):
        for j in range(layer.n_out):
            values[q("grad_b", index, j)] = grads.grad_biases[index][j]
            values[q("b_new", index, j)] = layer.biases[j]
            for i in range(layer.n_in):
                values[q("grad_w", index, j, i)] = grads.grad_weights[index][j, i]
                values[q("w_new", index, j, i)] = layer.weights[j, i]
    return values


@settings(max_examples=40, deadline=None)
@given(networks_and_batches())
def test_every_step_value_is_the_engines_value(case):
    network, inputs, targets = case
    trace = build_trace(network, inputs, targets, TrainingSettings(learning_rate=0.05))
    expected = engine_values(network, inputs, targets, 0.05)
    for step in trace:
        if step.quantity.kind == "sample_loss_new":
            continue
        assert step.value == pytest.approx(expected[step.quantity], rel=1e-12, abs=1e-12), step
    produced = {s.quantity for s in trace}
    assert produced >= set(expected) - {k for k in expected if k.kind == "grad_a"}


@settings(max_examples=25, deadline=None)
@given(networks_and_batches())
def test_every_operand_was_computed_earlier_or_given_and_shows_its_value(case):
    network, inputs, targets = case
    trace = build_trace(network, inputs, targets)
    given_values = trace.given_values()
    for step in trace:
        assert step.reads, step
        for ref in step.reads:
            source = trace.step_for(ref)
            if source is None:
                assert ref in given_values or ref.kind in ("learning_rate", "slope"), ref
            else:
                assert source.index < step.index, (ref, step)
        for symbol in step.formula.symbols():
            assert symbol.value == trace.value_of(symbol.ref)
            source = trace.step_for(symbol.ref)
            if source is not None and source.quantity == symbol.ref:
                assert symbol.value == source.value


@settings(max_examples=30, deadline=None)
@given(
    networks_and_batches(), st.sampled_from(["neuron", "layer"]), st.sampled_from(["sgd", "adam"])
)
def test_every_step_renders_as_text_and_json_ending_in_its_value(case, granularity, optimizer):
    network, inputs, targets = case
    network.layers[0].frozen_weights[0, 0] = True
    training = TrainingSettings(optimizer=optimizer, momentum=0.5 if optimizer == "sgd" else 0.0)
    trace = build_trace(network, inputs, targets, training, granularity)
    for step in trace:
        assert step.text.endswith(display_value(step.value)), step.text
        assert step.symbolic.startswith(step.formula.lhs.notation())
        assert step.explanation.endswith(".")
    assert len(json.loads(json.dumps(trace.to_dict()))["steps"]) == len(trace)
    assert trace.to_text().count("\n") == 2 * len(trace) + 2 + 2 * 5


@settings(max_examples=15, deadline=None)
@given(networks_and_batches())
def test_layer_steps_hold_the_neuron_steps_values(case):
    network, inputs, targets = case
    by_neuron = build_trace(network, inputs, targets)
    by_layer = build_trace(network, inputs, targets, granularity="layer")
    for step in by_neuron:
        if step.quantity.kind in ("z", "a", "delta", "grad_w", "grad_b", "w_new", "b_new"):
            assert by_layer.value_of(step.quantity) == step.value
            assert by_layer.step_for(step.quantity).kind == step.kind


def test_weight_gradient_steps_match_central_differences():
    rng = np.random.default_rng(3)
    network = Network(
        2,
        [
            Layer(rng.normal(size=(3, 2)), rng.normal(size=3), "tanh"),
            Layer(rng.normal(size=(1, 3)), [0.2]),
        ],
    )
    inputs, targets = np.array([[0.4, -0.7]]), np.array([[0.3]])
    h = 1e-6
    for step in build_trace(network, inputs, targets):
        if step.kind != "grad_weight":
            continue
        layer, j, i = step.layer, step.neuron, step.source
        plus, minus = network.copy(), network.copy()
        plus.layers[layer].weights[j, i] += h
        minus.layers[layer].weights[j, i] -= h
        numeric = (plus.loss_value(inputs, targets) - minus.loss_value(inputs, targets)) / (2 * h)
        assert step.value == pytest.approx(numeric, rel=1e-6, abs=1e-9)


# ----- batches, frozen parameters, other optimizers, softmax -------------------------------
def seed_experiment(rows, reduction="sum", training=None):
    network = seed_network()
    network.reduction = reduction
    inputs = [[2.0], [1.0], [0.0]][:rows]
    targets = [[3.0], [1.0], [2.0]][:rows]
    return Experiment(network, training or TrainingSettings(), Dataset(inputs, targets))


def test_batch_trace_sums_per_sample_products_and_names_each_sample():
    trace = trace_experiment(seed_experiment(2), samples=[0, 1])
    assert trace.step_for(q("a", 0, 0, 1)).value == 2.0  # 1·1 + 1 for the second sample
    assert [s.quantity for s in trace if s.phase == "loss"] == [
        q("sample_loss", 0),
        q("sample_loss", 1),
        q("loss"),
    ]
    grad = trace.step_for(q("grad_w", 1, 0, 0))
    # sample 0: δ = 1, y = 3; sample 1: y = 2, z = 3, δ = 2
    assert grad.numbers == "∂E/∂w⁽²⁾₁₁ = 1·3 + 2·2 = 7"
    assert grad.reads == (
        q("delta", 1, 0, 0), q("a", 0, 0, 0), q("delta", 1, 0, 1), q("a", 0, 0, 1)
    )


def test_mean_reduction_divides_the_output_delta_by_the_batch_size():
    trace = trace_experiment(seed_experiment(2, "mean"), samples=[0, 1])
    assert trace.step_for(q("delta", 1, 0, 1)).value == 1.0
    assert "1/2·(z[2] − t₁[2])" in trace.step_for(q("delta", 1, 0, 1)).symbolic


def test_default_samples_are_the_first_batch():
    experiment = seed_experiment(3, training=TrainingSettings(batch_size=2))
    assert trace_experiment(experiment).data.samples == (0, 1)
    assert trace_experiment(experiment, samples=2).data.samples == (2,)


def test_frozen_parameter_has_a_gradient_but_stays():
    network = seed_network()
    network.layers[1].frozen_weights[0, 0] = True
    trace = build_trace(network, [[2.0]], [[3.0]])
    assert trace.step_for(q("grad_w", 1, 0, 0)).value == 3.0
    update = trace.step_for(q("w_new", 1, 0, 0))
    assert update.value == 1.0
    assert "frozen" in update.explanation


def test_momentum_update_continues_from_the_optimizers_velocity():
    network = seed_network()
    training = TrainingSettings(momentum=0.9)
    optimizer = make_optimizer(training, network.parameter_count)
    gradient = np.array([1.0, 0.0, 3.0, 0.0])
    optimizer.step(np.zeros(4), gradient)  # velocity of w⁽²⁾ is now 3
    trace = build_trace(network, [[2.0]], [[3.0]], training, optimizer=optimizer)
    step = trace.step_for(q("w_new", 1, 0, 0))
    assert step.value == pytest.approx(1 - 0.1 * (0.9 * 3 + 3))
    assert "= 1 − 0.1·(0.9·3 + 3) =" in step.text
    np.testing.assert_array_equal(optimizer.velocity, [1.0, 0.0, 3.0, 0.0])  # only peeked


def test_adam_first_update_moves_each_parameter_by_about_the_learning_rate():
    training = TrainingSettings(optimizer="adam", learning_rate=0.01)
    trace = build_trace(seed_network(), [[2.0]], [[3.0]], training)
    for quantity in (q("w_new", 1, 0, 0), q("b_new", 0, 0)):
        step = trace.step_for(quantity)
        assert step.value == pytest.approx(1 - 0.01, rel=1e-7)
        assert "m̂" in step.symbolic and "√" in step.symbolic


def test_softmax_with_cross_entropy_uses_the_fused_delta():
    network = Network(2, [Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "softmax")], "cross_entropy")
    trace = build_trace(network, [[1.0, 2.0]], [[0.0, 1.0]])
    a = trace.step_for(q("a", 0, 1)).value
    assert trace.step_for(q("delta", 0, 1)).value == pytest.approx(a - 1.0)
    assert "a⁽¹⁾₂ − t₂" in trace.step_for(q("delta", 0, 1)).symbolic
    assert not any(s.kind == "grad_activation" for s in trace)


def test_softmax_without_its_loss_steps_through_the_jacobian():
    network = Network(2, [Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "softmax")], "half_sse")
    trace = build_trace(network, [[1.0, 2.0]], [[0.0, 1.0]])
    kinds = [s.kind for s in trace if s.phase == "backward"]
    assert kinds[:4] == ["grad_activation", "grad_activation", "delta", "delta"]
    delta = trace.step_for(q("delta", 0, 0))
    assert q("grad_a", 0, 1) in delta.reads


# ----- the cursor and "explain this number" ------------------------------------------------
def test_cursor_starts_before_the_first_step_and_stops_at_both_ends():
    cursor = StepCursor(seed_trace())
    assert cursor.position == -1 and cursor.current is None
    assert cursor.previous() is False
    while cursor.next():
        pass
    assert cursor.at_end and cursor.position == len(cursor.trace) - 1
    assert cursor.next() is False


def test_going_back_and_forth_returns_the_identical_records():
    trace = seed_trace()
    cursor = StepCursor(trace)
    forward = []
    while cursor.next():
        forward.append(cursor.current)
    backward = [cursor.current]
    while cursor.previous() and cursor.current is not None:
        backward.append(cursor.current)
    assert backward[::-1] == forward
    assert all(a is b for a, b in zip(backward[::-1], forward, strict=True))
    assert [s.text for s in forward] == [s.text for s in seed_trace()]


def test_jump_to_phase_puts_the_cursor_on_its_first_step():
    cursor = StepCursor(seed_trace())
    assert cursor.jump_to_phase("backward").quantity == q("delta", 1, 0)
    assert cursor.jump_to_phase("update").quantity == q("w_new", 1, 0, 0)
    with pytest.raises(ValueError):
        cursor.jump_to_phase("nonsense")
    with pytest.raises(IndexError):
        cursor.seek(1000)


def test_known_values_grow_with_the_cursor():
    cursor = StepCursor(seed_trace())
    assert q("z", 0, 0) not in cursor.known_values()
    assert cursor.known_values()[q("w", 1, 0, 0)] == 1.0
    cursor.jump_to_phase("loss")
    known = cursor.known_values()
    assert known[q("a", 1, 0)] == 4.0 and known[q("loss")] == 0.5
    assert q("delta", 1, 0) not in known


def test_explain_finds_the_step_and_its_operands_steps():
    trace = seed_trace()
    explanation = trace.explain(q("grad_w", 1, 0, 0))
    assert explanation.value == 3.0 and explanation.step.kind == "grad_weight"
    assert [(ref, s.kind) for ref, s in explanation.operands] == [
        (q("delta", 1, 0), "delta"),
        (q("a", 0, 0), "activation"),
    ]
    weight = trace.explain(q("w", 1, 0, 0))
    assert weight.step is None and weight.value == 1.0
    assert trace.explain(q("grad_a", 0, 0)).step.quantity == q("delta", 0, 0)
    assert seed_trace(granularity="layer").step_for(q("z", 1, 0)).quantity == q("z", 1)
    with pytest.raises(KeyError):
        trace.value_of(q("w", 7, 0, 0))


# ----- records, text, JSON, bad input, speed ----------------------------------------------
def test_step_records_are_immutable():
    step = seed_trace()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.value = 5.0


def test_json_keeps_full_precision_and_every_step():
    trace = seed_trace()
    document = json.loads(json.dumps(trace.to_dict()))
    assert len(document["steps"]) == len(trace)
    last = document["steps"][-1]
    assert last["quantity"] == ["loss_new"] and last["value"] == trace[-1].value
    assert last["value"] != 0.06125 and last["text"].endswith("= 0.06125")
    first = document["steps"][0]["formula"]
    assert first["lhs"]["text"] == "net_y" and first["forms"][0][0]["ref"] == ["w", 0, 0, 0]
    assert first["lhs"]["subscripts"] == [0] and document["indexing"].startswith("0-based")


def test_bad_batches_are_refused_with_a_network_error():
    network = seed_network()
    with pytest.raises(NetworkError, match="inputs"):
        build_trace(network, [[1.0, 2.0]], [[3.0]])
    with pytest.raises(NetworkError, match="targets"):
        build_trace(network, [[1.0]], [[3.0, 1.0]])
    with pytest.raises(NetworkError, match="granularity"):
        build_trace(network, [[1.0]], [[3.0]], granularity="atom")
    with pytest.raises(NetworkError, match="samples"):
        trace_experiment(seed_experiment(2), samples=[5])
    with pytest.raises(NetworkError, match="data"):
        trace_experiment(Experiment(network))


def test_building_the_steps_of_a_2_8_8_1_network_takes_under_2_ms():
    rng = np.random.default_rng(0)
    sizes = [2, 8, 8, 1]
    network = Network(
        2,
        [
            Layer(rng.normal(size=(o, i)), rng.normal(size=o), "tanh")
            for i, o in zip(sizes, sizes[1:], strict=False)
        ],
    )
    times = []
    for _ in range(101):
        start = time.perf_counter()
        trace = build_trace(network, [[0.5, -0.3]], [[1.0]])
        times.append(time.perf_counter() - start)
    assert len(trace) > 250
    assert statistics.median(times) < 2e-3
