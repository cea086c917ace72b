"""Issue 12, family 4: a trace is bounded by design.

A trace over ``MAX_TRACE_VALUES`` numbers (parameters + samples × neurons) is refused with one
line naming the limit before anything is computed; below it the steps hold no layer's numbers
until asked, and writing a trace builds each step's formula on a copy that is dropped after it.
"""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from engine.cli import main
from engine.errors import NetworkError
from engine.files import netfile
from engine.lesson import stepper
from engine.lesson.quantities import Granularity
from engine.lesson.stepper import build_trace, trace_training_step, trace_values
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network


def wide(n_in: int, n_hidden: int, rows: int = 1) -> Experiment:
    rng = np.random.default_rng(1)
    network = Network(n_in, [Layer(rng.normal(size=(n_hidden, n_in)) * 0.1, np.zeros(n_hidden),
                                   "relu"), Layer(rng.normal(size=(1, n_hidden)), np.zeros(1))])
    return Experiment(network, TrainingSettings(), Dataset(rng.normal(size=(rows, n_in)),
                                                           rng.normal(size=(rows, 1))))


def test_trace_values_counts_parameters_and_every_neuron_of_every_sample():
    xor = netfile.load("preset:xor")  # 2-2-1: 9 parameters, 5 neurons
    assert trace_values(xor.network, 1) == 14 and trace_values(xor.network, 4) == 29


def test_a_trace_one_number_over_the_limit_is_refused_before_anything_is_computed(monkeypatch):
    xor = netfile.load("preset:xor")  # full batch of 4: 29 numbers
    monkeypatch.setattr(stepper, "MAX_TRACE_VALUES", 29)
    assert len(trace_training_step(xor)) > 0
    monkeypatch.setattr(stepper, "MAX_TRACE_VALUES", 28)

    def never(*_, **__):
        raise AssertionError("computed before the size was checked")

    monkeypatch.setattr(stepper, "TraceData", never)
    monkeypatch.setattr(stepper.Trainer, "step", never)
    with pytest.raises(NetworkError, match="about 29 numbers .* limit of 28") as caught:
        trace_training_step(xor)
    assert caught.value.key == "network"


def test_the_command_refuses_a_trace_over_the_limit_with_one_line_and_exit_2(tmp_path, capsys,
                                                                             monkeypatch):
    path = tmp_path / "wide.json"
    netfile.write_file(wide(60, 100), path)  # 6,201 parameters, 6,362 numbers
    monkeypatch.setattr(stepper, "MAX_TRACE_VALUES", 6_361)
    for argv in (["trace", str(path)], ["trace", str(path), "--json"]):
        assert main(argv, launch_gui=None) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.splitlines()) == 1
        assert "6,362 numbers" in err and "limit of 6,361" in err


def test_layer_steps_hold_no_values_until_asked_and_writing_leaves_none_behind():
    trace = trace_training_step(wide(30, 40, rows=8), granularity=Granularity.LAYER)
    assert all(step.stored is None for step in trace)
    pieces = list(trace.json_pieces({"file": "w"}, allow_nan=False))
    lines = list(trace.text_lines())
    assert all(not {"value", "_lesson", "reads"} & vars(step).keys() for step in trace)
    whole = json.loads("".join(pieces))
    assert whole["steps"] == json.loads(json.dumps(trace.to_dict()["steps"]))
    assert "".join(line + "\n" for line in lines) == trace.to_text()
    first = trace[0]
    assert first.value == trace.value_of(first.quantity) and "value" in vars(first)


def test_neuron_steps_keep_their_numbers_as_before():
    trace = build_trace(netfile.load("preset:xor").network, [[0.0, 1.0]], [[1.0]])
    assert all(isinstance(step.stored, float) and step.value == step.stored for step in trace)


def test_writing_a_trace_needs_about_one_steps_memory_not_the_whole_trace():
    """A layer trace of a 24 → 24 ×8 → 1 network (about 90 steps of 576-number matrices):
    streaming its JSON peaks at under a third of holding every step's dictionary at once."""
    rng = np.random.default_rng(2)
    layers = [Layer(rng.normal(size=(24, 24)) * 0.1, np.zeros(24), "tanh") for _ in range(8)]
    network = Network(24, [*layers, Layer(rng.normal(size=(1, 24)), np.zeros(1))])
    trace = build_trace(network, rng.normal(size=(1, 24)), [[1.0]], granularity="layer")
    tracemalloc.start()
    try:
        for _piece in trace.json_pieces(allow_nan=False):
            pass
        streamed = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        whole = [step.to_dict() for step in trace]
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(whole) == len(trace) > 80 and streamed < held / 3
