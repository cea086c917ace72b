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
from tests.engine.test_export_numpy import MID_RUN, mid_run_cases

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


@pytest.fixture(scope="module")
def mid_run(tmp_path_factory):
    return mid_run_cases(tmp_path_factory.mktemp("torch-mid-run"), export_torch)


@pytest.mark.parametrize("case", MID_RUN, ids=lambda case: case.name)
def test_the_pytorch_script_carries_on_a_saved_run(mid_run, case):
    """A file saved mid-run (velocity, Adam's m, s and t, the epoch's order and place, the
    random generator) goes on in the script exactly as ``train FILE --steps N``."""
    check_agreement(mid_run[case.name])
