"""The grid of small networks the export tests train twice: with ``train FILE --steps N`` and
with the exported script; and how to run many exported scripts in few processes."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.cli import main
from engine.files import netfile
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network

STEPS = 25
TOLERANCE = 1e-10
LOSSES = ("half_sse", "sse", "mse", "cross_entropy", "binary_cross_entropy")
ELEMENTWISE = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")
FUSED_OUTPUT = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}
OPTIMIZERS = {
    "sgd": dict(learning_rate=0.1),
    "momentum": dict(learning_rate=0.05, momentum=0.9),
    "adam": dict(optimizer="adam", learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6),
}
BATCHING = {
    "whole": dict(),
    "batches": dict(batch_size=3),
    "shuffled": dict(batch_size=3, shuffle=True, seed=7),
}
# the ends of a run and the edges of batching, on top of the grid
EXTRAS = {
    "stops-at-target-loss": dict(target_loss=2.0),
    "stops-after-max-epochs": dict(max_epochs=3, batch_size=4),
    "one-sample-batches": dict(batch_size=1, shuffle=True, seed=3),
    "batch-larger-than-data": dict(batch_size=50, shuffle=True),
}


@dataclass(frozen=True)
class Case:
    """One network of the grid; ``index`` seeds its numbers and picks its activations."""

    index: int
    loss: str
    reduction: str
    optimizer: str
    frozen: bool
    batching: str
    settings: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def name(self) -> str:
        frozen = "frozen" if self.frozen else "free"
        return f"{self.loss}-{self.reduction}-{self.optimizer}-{frozen}-{self.batching}"

    def activations(self) -> list[str]:
        """1 to 3 layers; hidden and squared-error output activations rotate over the grid."""
        depth = 1 + self.index % 3
        hidden = [ELEMENTWISE[(self.index + k) % len(ELEMENTWISE)] for k in range(depth - 1)]
        output = FUSED_OUTPUT.get(self.loss, (*ELEMENTWISE, "softmax")[self.index % 6])
        return hidden + [output]

    def experiment(self, n: int = 10) -> Experiment:
        rng = np.random.default_rng(self.index)
        activations = self.activations()
        sizes = [3] + [4] * (len(activations) - 1) + [2]
        layers = []
        for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True):
            layer = Layer(rng.normal(size=(n_out, n_in)) * 0.7, rng.normal(size=n_out) * 0.1,
                          activation)
            if self.frozen:
                layer.frozen_weights = rng.uniform(size=layer.weights.shape) < 0.3
                layer.frozen_biases = rng.uniform(size=layer.biases.shape) < 0.3
            layers.append(layer)
        inputs = rng.normal(size=(n, 3))
        if self.loss == "cross_entropy":
            targets = rng.dirichlet(np.ones(2), size=n)
        elif self.loss == "binary_cross_entropy":
            targets = rng.uniform(size=(n, 2))
        else:
            targets = rng.normal(size=(n, 2))
        network = Network(3, layers, loss=self.loss, reduction=self.reduction)
        settings = {**OPTIMIZERS[self.optimizer], **BATCHING.get(self.batching, {}),
                    **self.settings}
        return Experiment(network, TrainingSettings(**settings), Dataset(inputs, targets))


def grid() -> list[Case]:
    """Every loss × reduction × optimizer × frozen mask × batching, then the extras."""
    product = itertools.product(LOSSES, ("sum", "mean"), OPTIMIZERS, (False, True), BATCHING)
    cases = [Case(index, *values) for index, values in enumerate(product)]
    for offset, (name, settings) in enumerate(EXTRAS.items()):
        loss = LOSSES[offset % len(LOSSES)]
        cases.append(Case(len(cases), loss, "mean", "momentum", True, name, settings))
    return cases


def train_both_ways(cases, folder: Path, export,
                    started: int = 0) -> dict[str, tuple[Path, Path, Path]]:
    """For each case: its file, ``train FILE --steps N --save`` run in-process, and the script
    that ``export`` writes run in two processes; {name: (file, engine's, script's)}.
    ``started`` > 0: the file is saved mid-run, after ``train --steps started`` (it holds
    the run, which both carry on)."""
    paths, jobs = {}, []
    for case in cases:
        source = folder / f"{case.name}.json"
        netfile.write_file(case.experiment(), source)
        if started:
            fresh = source.with_name(f"{case.name}-fresh.json")
            source.rename(fresh)
            assert main(["train", str(fresh), "--steps", str(started), "--save",
                         str(source)]) == 0
            assert netfile.load(str(source)).run.steps == started
        engine_out = folder / f"{case.name}-engine.json"
        script_out = folder / f"{case.name}-script.json"
        assert main(["train", str(source), "--steps", str(STEPS), "--save", str(engine_out)]) == 0
        script = folder / f"{case.name.replace('-', '_')}.py"
        export(netfile.load(str(source)), script)
        jobs.append((script, STEPS, script_out))
        paths[case.name] = (source, engine_out, script_out)
    run_scripts(jobs)
    return paths


RUNNER = """
import runpy, sys
jobs = sys.argv[1:]
for script, steps, out in zip(jobs[0::3], jobs[1::3], jobs[2::3]):
    sys.argv = [script, "--steps", steps, "--save", out]
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:
        if stop.code:
            raise SystemExit(f"{script} exited with {stop.code}")
"""


def run_scripts(jobs, processes: int = 2) -> None:
    """Run each (script, steps, out) as ``python script --steps N --save out``: the jobs are
    shared among ``processes`` Python processes (one import of torch each), run side by side."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    running = []
    for share in range(processes):
        argv = [str(item) for job in jobs[share::processes] for item in job]
        if argv:
            running.append(subprocess.Popen(
                [sys.executable, "-c", RUNNER, *argv], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err


def check_agreement(paths: tuple[Path, Path, Path]) -> None:
    """The script's parameters are the engine's (to TOLERANCE), its frozen entries untouched."""
    source, engine_out, script_out = paths
    assert largest_difference(engine_out, script_out) <= TOLERANCE
    assert frozen_entries_kept(source, script_out)


def check_zero_steps_round_trip(export, case: Case, folder: Path) -> None:
    """``--steps 0 --save`` writes the exported network back exactly: the weights were loaded
    and saved at full precision, and the file keeps everything else."""
    experiment = case.experiment()
    script, out = folder / "exported.py", folder / "out.json"
    export(experiment, script)
    run_scripts([(script, 0, out)], processes=1)
    assert netfile.to_dict(netfile.load(str(out))) == netfile.to_dict(experiment)


def largest_difference(first: Path, second: Path) -> float:
    """max |θ₁ − θ₂| over every weight and bias of two network files of one shape."""
    a, b = netfile.load(str(first)).network, netfile.load(str(second)).network
    return max(float(np.abs(x - y).max()) for x, y in zip(a.parameters(), b.parameters(),
                                                          strict=True))


def frozen_entries_kept(source: Path, trained: Path) -> bool:
    """Every frozen weight and bias of ``trained`` equals (bit for bit) its start in ``source``."""
    start, end = netfile.load(str(source)).network, netfile.load(str(trained)).network
    return all(
        np.array_equal(old.weights[old.frozen_weights], new.weights[old.frozen_weights])
        and np.array_equal(old.biases[old.frozen_biases], new.biases[old.frozen_biases])
        for old, new in zip(start.layers, end.layers, strict=True)
    )
