"""The one vocabulary: every kind knows how it is named, laid out in JSON, and computed."""

import pytest

from engine.lesson.quantities import Kind, Phase, Quantity, StepKind, StopReason

EXAMPLES = [
    Quantity(Kind.INPUT, neuron=1),
    Quantity(Kind.TARGET, neuron=0, sample=2),
    Quantity(Kind.PRE_ACTIVATION, 1, 0),
    Quantity(Kind.ACTIVATION, 0, 1, sample=3),
    Quantity(Kind.WEIGHT, 1, 0, 2),
    Quantity(Kind.NEW_BIAS, 0, 1),
    Quantity(Kind.GRAD_WEIGHT, 2),
    Quantity(Kind.LOSS),
    Quantity(Kind.SAMPLE_LOSS, sample=2),
    Quantity(Kind.VELOCITY, 1, 0, 0, parameter=Kind.WEIGHT),
    Quantity(Kind.SECOND_MOMENT_HAT, 0, 1, parameter=Kind.BIAS),
]


@pytest.mark.parametrize("quantity", EXAMPLES)
def test_json_reads_back_as_the_same_quantity(quantity):
    assert Quantity.from_json(quantity.to_json()) == quantity
    assert Quantity.from_json([str(part) for part in quantity.to_json()]) == quantity


def test_json_keeps_its_documented_shape():
    assert Quantity(Kind.WEIGHT, 1, 0, 0).to_json() == ["w", 1, 0, 0]
    assert Quantity(Kind.PRE_ACTIVATION, 0, 2, sample=3).to_json() == ["z", 0, 2, 3]
    assert Quantity(Kind.VELOCITY, 1, 0, 0, parameter=Kind.WEIGHT).to_json() == [
        "velocity", "w", 1, 0, 0
    ]
    assert Quantity(Kind.SAMPLE_LOSS, sample=1).to_json() == ["sample_loss", 1]


@pytest.mark.parametrize("parts", [["nothing"], ["w", 1, 0, 0, 0], ["z", "x"], []])
def test_junk_is_no_quantity(parts):
    with pytest.raises(ValueError):
        Quantity.from_json(parts)


def test_every_kind_says_how_it_is_written():
    for kind in Kind:
        assert kind.letter and kind.layer_letter
        assert kind.slots == () or kind.slots[-1] in ("sample", "source", "neuron")
    assert Kind.GRAD_WEIGHT.layer_letter == "∂E/∂W" and Kind.DELTA.letter == "δ"
    assert Kind.NEW_WEIGHT.new and not Kind.WEIGHT.new and Kind.WEIGHT.updated is Kind.NEW_WEIGHT


def test_computed_kinds_know_their_step_and_phase():
    assert (Kind.PRE_ACTIVATION.step, Kind.PRE_ACTIVATION.phase) == (
        StepKind.PRE_ACTIVATION, Phase.FORWARD
    )
    assert (Kind.NEW_ACTIVATION.step, Kind.NEW_ACTIVATION.phase) == (
        StepKind.ACTIVATION, Phase.CHECK
    )
    assert (Kind.NEW_BIAS.step, Kind.NEW_BIAS.phase) == (StepKind.UPDATE_BIAS, Phase.UPDATE)
    assert Kind.WEIGHT.step is None and Kind.SLOPE.phase is None
    assert {kind.step for kind in Kind if kind.step} == set(StepKind)


def test_a_whole_layer_drops_neuron_source_and_sample():
    assert Quantity(Kind.ACTIVATION, 1, 0, sample=2).whole_layer() == Quantity(Kind.ACTIVATION, 1)
    assert Quantity(Kind.NEW_SAMPLE_LOSS, sample=2).whole_layer() == Quantity(Kind.NEW_LOSS)


def test_only_the_target_and_the_epoch_limit_stop_a_run_early():
    assert {reason for reason in StopReason if reason.early} == {
        StopReason.TARGET_LOSS, StopReason.MAX_EPOCHS
    }
