"""main.py chooses the BLAS thread count before numpy is imported; the user's own setting wins."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_environment(monkeypatch):
    for name in main.BLAS_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("argv", "case"), [(["train", "f.json", "--steps", "5"], "command line"),
                                            (["trace", "f.json"], "command line"),
                                            ([], "window"), (["demo"], "window"),
                                            (["screenshot", "out.png"], "window")])
def test_each_case_gets_its_chosen_count(clean_environment, argv, case):
    assert main.choose_blas_threads(argv) == main.BLAS_THREADS[case] == 1
    assert all(os.environ[name] == "1" for name in main.BLAS_VARIABLES)


def test_a_count_the_user_set_is_kept(clean_environment, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert main.choose_blas_threads(["train"]) is None
    assert os.environ["OMP_NUM_THREADS"] == "2" and "OPENBLAS_NUM_THREADS" not in os.environ


def test_numpy_is_not_yet_imported_when_the_count_is_set():
    code = ("import sys, main; main.choose_blas_threads(['train']); "
            "print('numpy' in sys.modules, __import__('os').environ['OPENBLAS_NUM_THREADS'])")
    env = {key: value for key, value in os.environ.items() if key not in main.BLAS_VARIABLES}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**env, "PYTHONPATH": str(ROOT)}, check=True).stdout
    assert out.split() == ["False", "1"]
