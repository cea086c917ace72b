"""``export-torch``: the exported PyTorch script ends where ``train FILE --steps N`` ends.

Every loss × reduction × optimizer × frozen mask × batching of small networks (all the
activations among them), each script run as ``python OUT.py --steps N --save OUT.json`` in
two processes. Skipped without the ``[torch]`` extra.
"""

from __future__ import annotations

import pytest

from engine import netfile
from engine.export_torch import export_torch
from tests.engine.export_cases import (
    TOLERANCE,
    Case,
    frozen_entries_kept,
    grid,
    largest_difference,
    run_scripts,
    train_both_ways,
)

pytest.importorskip("torch")

CASES = grid()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    return train_both_ways(CASES, tmp_path_factory.mktemp("torch"), export_torch)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_pytorch_script_ends_on_the_engines_parameters(trained, case):
    source, engine_out, script_out = trained[case.name]
    assert largest_difference(engine_out, script_out) <= TOLERANCE
    assert frozen_entries_kept(source, script_out)


def test_every_activation_is_in_the_grid():
    used = {name for case in CASES for name in case.activations()}
    assert used == {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"}


def test_zero_steps_load_and_save_the_exact_weights(tmp_path):
    experiment = Case(2, "binary_cross_entropy", "sum", "adam", True, "whole").experiment()
    script, out = tmp_path / "exported.py", tmp_path / "out.json"
    export_torch(experiment, script)
    run_scripts([(script, 0, out)], processes=1)
    assert netfile.to_dict(netfile.load(str(out))) == netfile.to_dict(experiment)
