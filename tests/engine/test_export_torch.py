"""``export-torch``: the exported PyTorch script ends where ``train FILE --steps N`` ends.

Every loss × reduction × optimizer × frozen mask × batching of small networks (all the
activations among them), each script run as ``python OUT.py --steps N --save OUT.json`` in
two processes. Skipped without the ``[torch]`` extra.
"""

from __future__ import annotations

import pytest

from engine.files.export_torch import export_torch
from tests.engine.export_cases import (
    Case,
    check_agreement,
    check_zero_steps_round_trip,
    grid,
    train_both_ways,
)

pytest.importorskip("torch")

CASES = grid()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    return train_both_ways(CASES, tmp_path_factory.mktemp("torch"), export_torch)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_pytorch_script_ends_on_the_engines_parameters(trained, case):
    check_agreement(trained[case.name])


def test_zero_steps_load_and_save_the_exact_weights(tmp_path):
    case = Case(2, "binary_cross_entropy", "sum", "adam", True, "whole")
    check_zero_steps_round_trip(export_torch, case, tmp_path)
