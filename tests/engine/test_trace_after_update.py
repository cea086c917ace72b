"""``trace FILE --json`` steps through the batch training uses and ends with its update.

``after_update`` names every parameter as ``landscape`` and ``gradcheck`` do and holds exactly
what ``train FILE --steps 1 --save OUT.json`` saves: plain SGD, momentum and Adam, full batch,
mini-batches and shuffled mini-batches.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.files import netfile
from engine.files.presets import load_preset
from engine.lesson.quantities import Kind, Quantity
from engine.model.experiment import Experiment
from engine.model.parameter_names import parameter_name, parameters_of
from engine.training.trainer import Trainer

TRACE_KEYS = ["indexing", "granularity", "network", "loss", "reduction", "optimizer",
              "samples", "steps", "file"]


def run(argv, capsys):
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    assert err == "", err
    return status, out


def variant(preset: str, **training) -> Experiment:
    experiment = load_preset(preset)
    for key, value in training.items():
        setattr(experiment.training, key, value)
    return experiment


FILES = {
    "seed": lambda: variant("seed"),
    "xor": lambda: variant("xor"),
    "xor-momentum": lambda: variant("xor", momentum=0.9),
    "xor-adam": lambda: variant("xor", optimizer="adam", learning_rate=0.05),
    "softmax-blobs": lambda: variant("softmax-blobs"),
    "sine-minibatch": lambda: variant("sine", batch_size=7),
    "sine-shuffled-adam": lambda: variant(
        "sine", batch_size=4, shuffle=True, seed=11, optimizer="adam", learning_rate=0.01
    ),
    "blobs-shuffled-momentum": lambda: variant(
        "softmax-blobs", batch_size=16, shuffle=True, seed=5, momentum=0.5
    ),
}


def saved_parameters(path) -> dict[str, float]:
    """The saved file's parameters, named, read from the JSON text itself."""
    document = json.loads(Path(path).read_text())
    named = {}
    for number, layer in enumerate(document["layers"], start=1):
        weights = layer["weights"]
        for i, row in enumerate(weights, start=1):
            for j, value in enumerate(row, start=1):
                named[f"w{number}[{i},{j}]"] = value
        for i, value in enumerate(layer["biases"], start=1):
            named[f"b{number}[{i}]"] = value
    return named


@pytest.mark.parametrize("name", list(FILES))
def test_after_update_is_exactly_what_one_training_step_saves(name, tmp_path, capsys):
    path = tmp_path / f"{name}.json"
    netfile.write_file(FILES[name](), str(path))
    status, out = run(["trace", path, "--json"], capsys)
    assert status == 0
    document = json.loads(out)
    saved = tmp_path / "after.json"
    assert run(["train", path, "--steps", "1", "--save", saved], capsys)[0] == 0
    expected = saved_parameters(saved)
    after = document["after_update"]
    network = netfile.load(str(path)).network
    assert list(after) == [parameter_name(q) for q in parameters_of(network)]
    assert after == expected  # bit for bit: both are the trainer's step
    assert list(document) == TRACE_KEYS + ["after_update"]  # the rest keeps its shape, it ends


@pytest.mark.parametrize("name", ["xor", "xor-adam", "sine-shuffled-adam"])
def test_the_traced_update_steps_show_the_same_new_values(name, tmp_path, capsys):
    path = tmp_path / f"{name}.json"
    netfile.write_file(FILES[name](), str(path))
    document = json.loads(run(["trace", path, "--json"], capsys)[1])
    old_kind = {Kind.NEW_WEIGHT: Kind.WEIGHT, Kind.NEW_BIAS: Kind.BIAS}
    new_values = {}
    for step in document["steps"]:
        quantity = Quantity.from_json(step["quantity"])
        if quantity.kind in old_kind:
            new_values[parameter_name(quantity.with_kind(old_kind[quantity.kind]))] = step["value"]
    assert new_values.keys() == document["after_update"].keys()
    for key, value in new_values.items():
        # the step-through's backward pass and the trainer's fast path sum in other orders
        assert value == pytest.approx(document["after_update"][key], rel=1e-12, abs=1e-15)


def test_a_shuffled_mini_batch_is_traced_on_the_rows_training_takes_first(tmp_path, capsys):
    experiment = FILES["sine-shuffled-adam"]()
    path = tmp_path / "shuffled.json"
    netfile.write_file(experiment, str(path))
    document = json.loads(run(["trace", path, "--json"], capsys)[1])
    rows = Trainer(experiment.copy()).next_batch().tolist()
    assert document["samples"] == rows and len(rows) == 4
    assert rows != [0, 1, 2, 3]  # not the file's first rows: the first epoch's order


def test_the_next_batch_walks_each_epoch_in_its_order():
    experiment = FILES["sine-shuffled-adam"]()  # 30 samples in batches of 4: 8 per epoch
    trainer = Trainer(experiment)
    for _ in range(2):
        epoch = []
        for _ in range(8):
            epoch += trainer.next_batch().tolist()
            trainer.step()
        assert sorted(epoch) == list(range(30)) and epoch != sorted(epoch)
    assert len(trainer.next_batch()) == 4


def test_the_next_batch_is_the_one_the_step_trains_on():
    experiment = variant("sine", batch_size=5, shuffle=True, seed=2)
    trainer = Trainer(experiment)
    trainer.step()  # mid-epoch, from the second batch on
    rows = trainer.next_batch()
    network, data = experiment.network.copy(), experiment.data
    gradients = network.backward(network.forward(data.inputs[rows]), data.targets[rows])
    trainer.step()
    for layer, trained, grad in zip(
        network.layers, experiment.network.layers, gradients.grad_weights, strict=True
    ):
        np.testing.assert_allclose(trained.weights, layer.weights - 0.1 * grad, rtol=1e-12)
