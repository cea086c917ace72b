"""Issue 10, item 1: the run lives in the file, and training on from it is exact.

``train A --steps 100 --save B`` then ``train B --steps 100 --save C`` must end bit for bit on
the parameters and the curves of ``train A --steps 200 --save D``, for every optimizer, batching
and frozen entries; ``--restart`` keeps the parameters and starts a fresh run.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.cli import main
from engine.files import netfile
from engine.training.trainer import Trainer

OPTIMIZERS = {
    "sgd": {"optimizer": "sgd"},
    "momentum": {"optimizer": "sgd", "momentum": 0.9},
    "adam": {"optimizer": "adam", "learning_rate": 0.05},
}
BATCHING = {
    "full batch": {"batch_size": None, "shuffle": False},
    "mini-batch": {"batch_size": 3, "shuffle": False},
    "mini-batch shuffled": {"batch_size": 3, "shuffle": True, "seed": 7},
}


def experiment_file(folder: Path, optimizer: dict, batching: dict, frozen: bool) -> Path:
    """The xor example with a held-out split (for test losses), the given settings, saved."""
    experiment = netfile.load("preset:xor")
    for name, value in {**optimizer, **batching}.items():
        setattr(experiment.training, name, value)
    data = experiment.data
    data.test_inputs, data.test_targets = data.inputs[:2].copy(), data.targets[:2].copy()
    if frozen:
        experiment.network.layers[0].frozen_weights[1, 0] = True
        experiment.network.layers[1].frozen_biases[0] = True
    path = folder / "A.json"
    netfile.write_file(experiment, path)
    return path


def train(capsys, *argv) -> str:
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    assert status == 0, err
    return err


def document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("frozen", [False, True], ids=["", "frozen"])
@pytest.mark.parametrize("batching", list(BATCHING))
@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_training_on_from_a_saved_run_is_bit_for_bit_one_run(tmp_path, capsys, optimizer,
                                                                batching, frozen):
    a = experiment_file(tmp_path, OPTIMIZERS[optimizer], BATCHING[batching], frozen)
    b, c, d = tmp_path / "B.json", tmp_path / "C.json", tmp_path / "D.json"
    train(capsys, "train", a, "--steps", 100, "--save", b)
    train(capsys, "train", b, "--steps", 100, "--save", c)
    train(capsys, "train", a, "--steps", 200, "--save", d)
    carried_on, straight = document(c), document(d)
    assert carried_on["version"] == 2 and carried_on["run"]["steps"] == 200
    assert carried_on["layers"] == straight["layers"]  # the JSON text holds every bit
    assert carried_on["run"] == straight["run"]  # counters, order, moments and curves
    curves = carried_on["run"]["curves"]
    assert len(curves["loss"]) == 200 and curves["exact_from"] == 1
    assert curves["epochs"]["count"] == carried_on["run"]["epochs"]
    if frozen:  # frozen entries kept their values through both runs
        assert carried_on["layers"][0]["weights"][1][0] == document(a)["layers"][0]["weights"][1][0]
    assert carried_on["layers"] != document(b)["layers"]


def test_the_saved_run_holds_the_optimizer_state_the_settings_need(tmp_path, capsys):
    for name, keys in (("sgd", set()), ("momentum", {"velocity"}),
                       ("adam", {"first_moment", "second_moment", "adam_steps"})):
        a = experiment_file(tmp_path, OPTIMIZERS[name], BATCHING["mini-batch shuffled"], False)
        train(capsys, "train", a, "--steps", 5, "--save", tmp_path / "B.json")
        run = document(tmp_path / "B.json")["run"]
        state = set(run) & {"velocity", "first_moment", "second_moment", "adam_steps"}
        assert state == keys
        assert (run["steps"], run["epochs"], run["position"]) == (5, 2, 3)
        assert sorted(run["order"]) == [0, 1, 2, 3]
        assert run["random_state"]["bit_generator"] == "PCG64"
    assert run["adam_steps"] == 5


def test_restart_keeps_the_parameters_and_starts_a_fresh_run(tmp_path, capsys):
    a = experiment_file(tmp_path, OPTIMIZERS["momentum"], BATCHING["mini-batch shuffled"], False)
    b, c = tmp_path / "B.json", tmp_path / "C.json"
    train(capsys, "train", a, "--steps", 30, "--save", b)
    train(capsys, "train", b, "--steps", 10, "--restart", "--save", c)
    # a fresh run from B's parameters: B without its run section, trained 10 steps
    fresh = document(b)
    del fresh["run"]
    fresh["version"] = 1
    (tmp_path / "F.json").write_text(json.dumps(fresh), encoding="utf-8")
    train(capsys, "train", tmp_path / "F.json", "--steps", 10, "--save", tmp_path / "G.json")
    restarted, expected = document(c), document(tmp_path / "G.json")
    assert restarted["run"]["steps"] == 10 and restarted["run"]["curves"]["exact_from"] == 1
    assert restarted["layers"] == expected["layers"] and restarted["run"] == expected["run"]


def test_a_version_1_file_opens_as_a_fresh_run(tmp_path, capsys):
    a = experiment_file(tmp_path, OPTIMIZERS["sgd"], BATCHING["full batch"], False)
    assert document(a)["version"] == 1 and "run" not in document(a)  # nothing trained yet
    experiment = netfile.read_file(a)
    assert experiment.run is None
    trainer = Trainer(experiment)
    assert (trainer.step_count, trainer.epoch, trainer.discarded_run) == (0, 0, None)


def test_a_run_that_does_not_fit_the_settings_is_discarded_and_said(tmp_path, capsys):
    a = experiment_file(tmp_path, OPTIMIZERS["adam"], BATCHING["mini-batch"], False)
    b = tmp_path / "B.json"
    train(capsys, "train", a, "--steps", 20, "--save", b)
    edited = document(b)
    edited["training"]["optimizer"] = "sgd"  # the run's Adam moments no longer fit
    b.write_text(json.dumps(edited), encoding="utf-8")
    experiment = netfile.read_file(b)
    trainer = Trainer(experiment)
    assert trainer.discarded_run == "the run used adam, the settings say sgd"
    assert trainer.step_count == 0 and trainer.history.count == 0
    err = train(capsys, "train", b, "--steps", 3, "--save", tmp_path / "C.json")
    assert "the saved run cannot be carried on (the run used adam, the settings say sgd)" in err
    assert document(tmp_path / "C.json")["run"]["steps"] == 3


def add_hidden_neuron(document: dict) -> None:
    hidden = document["layers"][0]
    hidden["weights"].append([0.5, 0.5])
    hidden["biases"].append(0.0)
    hidden.pop("labels", None)
    for row in document["layers"][1]["weights"]:
        row.append(0.5)


@pytest.mark.parametrize("edit, reason", [
    (lambda d: d["data"]["inputs"].pop() and d["data"]["targets"].pop(),
     "run.order has 4 samples, the data 3"),
    (lambda d: d["training"].update(momentum=0.0),
     "the run kept a velocity, but the settings use no momentum"),
    (lambda d: d["training"].update(optimizer="adam"), "the run used sgd, the settings say adam"),
    (lambda d: add_hidden_neuron(d), "run.velocity has 9 values, the network 13 parameters"),
])
def test_a_run_whose_shapes_differ_is_discarded(tmp_path, capsys, edit, reason):
    a = experiment_file(tmp_path, OPTIMIZERS["momentum"], BATCHING["mini-batch shuffled"], False)
    b = tmp_path / "B.json"
    train(capsys, "train", a, "--steps", 6, "--save", b)
    edited = document(b)
    edit(edited)
    experiment = netfile.parse(edited)
    assert experiment.run.unfit == reason
    trainer = Trainer(experiment)
    assert trainer.discarded_run == reason and trainer.step_count == 0


@settings(max_examples=25, deadline=None)
@given(optimizer=st.sampled_from(list(OPTIMIZERS)), batch=st.sampled_from([None, 1, 2, 3]),
       shuffle=st.booleans(), seed=st.integers(0, 2**63 - 1), first=st.integers(0, 13),
       second=st.integers(0, 13))
def test_any_split_of_a_run_through_a_file_is_one_run(optimizer, batch, shuffle, seed, first,
                                                      second):
    experiment = netfile.load("preset:xor")
    for name, value in {**OPTIMIZERS[optimizer], "batch_size": batch, "shuffle": shuffle,
                        "seed": seed}.items():
        setattr(experiment.training, name, value)
    straight = experiment.copy()
    Trainer(straight).run(first + second)
    trainer = Trainer(experiment)
    trainer.run(first)
    experiment.run = trainer.run_state()
    reread = netfile.parse(json.loads(netfile.dumps(netfile.to_dict(experiment))))
    carried = Trainer(reread)
    assert carried.discarded_run is None and carried.step_count == first
    carried.run(second)
    for ours, theirs in zip(reread.network.parameters(), straight.network.parameters(),
                            strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_momentum_set_after_a_plain_sgd_run_discards_the_run(tmp_path, capsys):
    a = experiment_file(tmp_path, OPTIMIZERS["sgd"], BATCHING["full batch"], False)
    train(capsys, "train", a, "--steps", 4, "--save", tmp_path / "B.json")
    edited = document(tmp_path / "B.json")
    edited["training"]["momentum"] = 0.5
    trainer = Trainer(netfile.parse(edited))
    assert trainer.discarded_run == "the settings use momentum, but the run kept no velocity"
    assert trainer.step_count == 0
