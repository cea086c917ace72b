"""Issue 12, family 4: the process that writes or reads a big network file for the window
(engine/files/netfile_worker.py) tells its progress and its outcome as JSON lines."""

from __future__ import annotations

import io
import json
import pickle

import numpy as np

from engine.files import netfile, netfile_worker
from engine.model.experiment import Dataset


def run(tmp_path, request) -> list:
    requested = tmp_path / "request.pickle"
    requested.write_bytes(pickle.dumps(request))
    told = io.StringIO()
    netfile_worker.serve(str(requested), told, str(tmp_path / "result.pickle"))
    return [json.loads(line) for line in told.getvalue().splitlines()]


def test_a_write_tells_each_new_percent_then_done(tmp_path):
    experiment = netfile.load("preset:xor")
    inputs = np.random.default_rng(0).integers(0, 2, size=(20_000, 2)).astype(float)
    experiment.data = Dataset(inputs, inputs[:, :1])
    path = tmp_path / "big.json"
    told = run(tmp_path, ("write", experiment, str(path)))
    percents = [message[1] for message in told[:-1]]
    assert all(message[0] == "progress" for message in told[:-1]) and told[-1] == ["done"]
    assert percents == sorted(set(percents)) and percents[-1] == 100 and len(percents) > 5
    assert path.read_text("utf-8") == netfile.dumps(netfile.to_dict(experiment))


def test_a_read_pickles_the_experiment_it_read(tmp_path):
    path = tmp_path / "xor.json"
    netfile.write_file(netfile.load("preset:xor"), path)
    assert run(tmp_path, ("read", str(path))) == [["done"]]
    read = pickle.loads((tmp_path / "result.pickle").read_bytes())
    assert netfile.to_dict(read) == netfile.to_dict(netfile.load("preset:xor"))


def test_a_file_problem_is_told_as_key_problem_and_path(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "backprop-sim.network", "version": 1, "input_size": 1, '
                    '"layers": [], "x": 1}')
    assert run(tmp_path, ("read", str(path))) == [["failed", "x", "unknown key", str(path)]]
    assert not (tmp_path / "result.pickle").exists()


def test_anything_else_is_told_with_its_traceback(tmp_path):
    told = run(tmp_path, ("write", "not an experiment", str(tmp_path / "x.json")))
    assert len(told) == 1 and told[0][0] == "error" and "AttributeError" in told[0][1]
    assert not (tmp_path / "x.json").exists()
