"""Training speed, side by side: the engine's Trainer against PyTorch on the same networks.

Both start from the same weights, train on the same data in the same batch order with plain
SGD, in float64 on the CPU, and must end on the same weights. The engine runs exactly the path
the command line uses (``Trainer.run`` with a ``History``, the frozen-mask handling and the
divergence guard); PyTorch runs the usual ``zero_grad`` / ``backward`` / ``step`` loop.

    python benchmarks/engine_vs_torch.py [--repeats 5] [--threads N] [--case TEXT]
    python benchmarks/engine_vs_torch.py --case "full 64"   # every activation and every loss
    OPENBLAS_NUM_THREADS=1 python benchmarks/engine_vs_torch.py --threads 1   # one core each

On a machine where other work takes a core, two BLAS threads wait on each other and every
figure drops several-fold: the one-thread run is the steadier comparison there. The load
average is printed first and last.

Besides four networks of different shapes, 784-128-64-10 on a full batch of 64 samples is run
once per activation (each hidden one with an identity output and half_sse, softmax and sigmoid
as outputs) and once per loss, each against a 1.3× target. Engine and PyTorch repeats
alternate, so a load that comes and goes hits both alike.

Prints steps per second of each, their ratio (median of the repeats), and for the largest
network the share of two matrix-multiply peaks that a training step reaches: the machine's
(one 2048×2048 product) and the step's own (its products, each alone in a loop).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.model.experiment import Dataset, Experiment, TrainingSettings  # noqa: E402
from engine.model.initializers import initialize_network  # noqa: E402
from engine.model.network import Layer, Network  # noqa: E402
from engine.training.history import History  # noqa: E402
from engine.training.trainer import Trainer  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    sizes: tuple[int, ...]
    hidden: str
    output: str
    loss: str
    reduction: str
    batch: int
    samples: int
    steps: int  # per timed repeat
    target: float  # the speed ratio we aim for


CASES = [
    Case("2-3-1, batch 1", (2, 3, 1), "tanh", "identity", "half_sse", "sum", 1, 100, 20_000, 5.0),
    Case(
        "2-8-8-1, batch 10",
        (2, 8, 8, 1),
        "tanh",
        "identity",
        "half_sse",
        "mean",
        10,
        200,
        10_000,
        5.0,
    ),
    Case(
        "784-128-64-10, batch 64",
        (784, 128, 64, 10),
        "relu",
        "softmax",
        "cross_entropy",
        "mean",
        64,
        1024,
        300,
        1.3,
    ),
    Case(
        "ten layers of 16, batch 32",
        (16,) * 11,
        "tanh",
        "identity",
        "half_sse",
        "mean",
        32,
        512,
        3_000,
        3.0,
    ),
]


def _full_batch(hidden: str, output: str, loss: str) -> Case:
    return Case(f"784-128-64-10 full 64 {hidden}/{output}/{loss}", (784, 128, 64, 10), hidden,
                output, loss, "mean", 64, 64, 300, 1.3)


# every activation (softmax only as an output, as the rules say) and every loss
CASES += [_full_batch(hidden, "identity", "half_sse")
          for hidden in ("sigmoid", "tanh", "relu", "leaky_relu", "identity")]
CASES += [
    _full_batch("sigmoid", "sigmoid", "half_sse"),
    _full_batch("relu", "identity", "sse"),
    _full_batch("relu", "identity", "mse"),
    _full_batch("relu", "softmax", "mse"),
    _full_batch("relu", "softmax", "cross_entropy"),
    _full_batch("relu", "sigmoid", "binary_cross_entropy"),
]


def make_experiment(case: Case) -> Experiment:
    rng = np.random.default_rng(1)
    layers = []
    for index, (n_in, n_out) in enumerate(zip(case.sizes[:-1], case.sizes[1:], strict=True)):
        last = index == len(case.sizes) - 2
        layers.append(
            Layer(np.zeros((n_out, n_in)), np.zeros(n_out), case.output if last else case.hidden)
        )
    network = Network(case.sizes[0], layers, loss=case.loss, reduction=case.reduction)
    initialize_network(network, "he" if case.hidden == "relu" else "xavier", seed=2)
    inputs = rng.normal(size=(case.samples, case.sizes[0]))
    if case.output == "softmax":
        targets = np.eye(case.sizes[-1])[rng.integers(0, case.sizes[-1], case.samples)]
    elif case.output == "sigmoid":
        targets = (rng.random((case.samples, case.sizes[-1])) < 0.5).astype(float)
    else:
        targets = np.tanh(inputs[:, : case.sizes[-1]] + 0.5)
    settings = TrainingSettings(learning_rate=0.01, batch_size=case.batch)
    return Experiment(network, settings, Dataset(inputs, targets))


# ----- the engine --------------------------------------------------------------------------------
def run_engine(experiment: Experiment, steps: int) -> tuple[float, list[np.ndarray]]:
    start_values = experiment.network.copy()
    experiment = experiment.copy()
    trainer = Trainer(experiment, History(len(experiment.network.layers)))
    trainer.run(1)  # warm-up: buffers allocated once, as in a long run
    for layer, original in zip(experiment.network.layers, start_values.layers, strict=True):
        layer.weights[...] = original.weights
        layer.biases[...] = original.biases
    trainer.reset()
    start = time.perf_counter()
    result = trainer.run(steps)
    elapsed = time.perf_counter() - start
    assert result.steps == steps and result.divergence is None
    return steps / elapsed, [p.copy() for p in experiment.network.parameters()]


# ----- PyTorch -----------------------------------------------------------------------------------
def run_torch(experiment: Experiment, steps: int) -> tuple[float, list[np.ndarray]]:
    import torch

    network, data = experiment.network, experiment.data
    activations = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "identity": torch.nn.Identity,
                   "sigmoid": torch.nn.Sigmoid, "leaky_relu": torch.nn.LeakyReLU,  # slope 0.01
                   "softmax": lambda: torch.nn.Softmax(dim=1)}
    fused = network.loss in ("cross_entropy", "binary_cross_entropy")
    modules = []
    for layer in network.layers:
        linear = torch.nn.Linear(layer.n_in, layer.n_out, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.weights))
            linear.bias.copy_(torch.from_numpy(layer.biases))
        modules.append(linear)
        if not (fused and layer is network.layers[-1]):  # as PyTorch users do, a softmax or
            modules.append(activations[layer.activation]())  # sigmoid goes into the CE loss
    model = torch.nn.Sequential(*modules)
    optimizer = torch.optim.SGD(model.parameters(), lr=experiment.training.learning_rate)
    inputs, targets = torch.from_numpy(data.inputs), torch.from_numpy(data.targets)
    n, batch = len(data), experiment.training.batch_size
    mean = network.reduction == "mean"

    def loss_of(output, target):
        if network.loss == "cross_entropy":
            per_sample = -(target * torch.log_softmax(output, dim=1)).sum(dim=1)
        elif network.loss == "binary_cross_entropy":
            per_sample = torch.nn.functional.binary_cross_entropy_with_logits(
                output, target, reduction="none").sum(dim=1)
        else:
            squares = (output - target) ** 2
            per_sample = {"half_sse": 0.5 * squares.sum(dim=1), "sse": squares.sum(dim=1),
                          "mse": squares.mean(dim=1)}[network.loss]
        return per_sample.mean() if mean else per_sample.sum()

    def train(count):
        start = 0
        for _ in range(count):
            stop = min(start + batch, n)
            optimizer.zero_grad()
            loss_of(model(inputs[start:stop]), targets[start:stop]).backward()
            optimizer.step()
            start = 0 if stop == n else stop

    initial = [p.detach().clone() for p in model.parameters()]
    train(1)  # warm-up
    with torch.no_grad():
        for p, value in zip(model.parameters(), initial, strict=True):
            p.copy_(value)
    start = time.perf_counter()
    train(steps)
    elapsed = time.perf_counter() - start
    return steps / elapsed, [p.detach().numpy().copy() for p in model.parameters()]


# ----- the machine's peak ------------------------------------------------------------------------
def matmul_peak_gflops(size: int = 2048, repeats: int = 5) -> float:
    rng = np.random.default_rng(0)
    a, b, out = rng.normal(size=(size, size)), rng.normal(size=(size, size)), np.empty((size, size))
    np.matmul(a, b, out=out)
    best = min(_timed(lambda: np.matmul(a, b, out=out)) for _ in range(repeats))
    return 2.0 * size**3 / best / 1e9


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def products_only_gflops(sizes, batch: int, repeats: int = 200) -> float:
    """GFLOP/s of just the step's matrix products back to back, on preallocated buffers."""
    rng = np.random.default_rng(0)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    weights = [rng.normal(size=(n_out, n_in)) for n_in, n_out in pairs]
    acts = [rng.normal(size=(batch, n)) for n in sizes]
    deltas = [rng.normal(size=(batch, n_out)) for _, n_out in pairs]
    grads = [np.empty_like(w) for w in weights]

    def products():
        for index, w in enumerate(weights):
            np.matmul(acts[index], w.T, out=acts[index + 1])
        for index in range(len(weights) - 1, -1, -1):
            np.matmul(deltas[index].T, acts[index], out=grads[index])
            if index > 0:
                np.matmul(deltas[index], weights[index], out=acts[index])

    products()
    seconds = min(_timed(products) for _ in range(repeats))
    return step_flops(sizes, batch) / seconds / 1e9


def same_shape_peak_gflops(sizes, batch: int, calls: int = 5, repeats: int = 60) -> float:
    """The best rate matrix products of the step's own shapes reach: its matmul peak.

    Each product of a step (z = aWᵀ, ∂E/∂W = δᵀa, ∂E/∂a = δW) is timed alone, ``calls``
    times in a loop on warm preallocated buffers, best of ``repeats``, in the layout the
    engine uses and in the transposed one (zᵀ = W aᵀ, …), keeping the faster. The step's
    flops over the sum of those best times is the rate a step made only of matrix products
    of these shapes could reach at best.
    """
    rng = np.random.default_rng(0)
    seconds = 0.0
    for index, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        weights = rng.normal(size=(n_out, n_in))
        a, delta = rng.normal(size=(batch, n_in)), rng.normal(size=(batch, n_out))
        a_t, delta_t = np.ascontiguousarray(a.T), np.ascontiguousarray(delta.T)
        products = [  # (rows layout, transposed layout), each as (left, right, out)
            ((a, weights.T, np.empty((batch, n_out))), (weights, a_t, np.empty((n_out, batch)))),
            ((delta.T, a, np.empty_like(weights)), (delta_t, a_t.T, np.empty_like(weights))),
        ]
        if index > 0:
            products.append(((delta, weights, np.empty_like(a)), (weights.T, delta_t, a_t.copy())))
        for layouts in products:
            seconds += min(_best_product_time(*layout, calls, repeats) for layout in layouts)
    return step_flops(sizes, batch) / seconds / 1e9


def _best_product_time(left, right, out, calls: int, repeats: int) -> float:
    """Seconds of one ``left @ right`` into ``out``: the best loop of ``calls`` over repeats."""
    np.matmul(left, right, out=out)
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            np.matmul(left, right, out=out)
        best = min(best, time.perf_counter() - start)
    return best / calls


def step_flops(sizes, batch: int) -> float:
    """Multiply-adds ×2 of one step: z = aWᵀ, ∂E/∂W = δᵀa, and ∂E/∂a = δW above the input."""
    products = [n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    return 2.0 * batch * (2 * sum(products) + sum(products[1:]))


def print_peak_shares(case: Case, engine_speeds: list[float], peak: float) -> None:
    """How close a step comes to the matrix-multiply peak: the 2048² one and its own shapes'.

    The engine's rate is the median of its repeats (the best repeat is shown beside it, as
    the peaks are best-of measurements too).
    """
    flops = step_flops(case.sizes, case.batch)
    gflops, best = flops * statistics.median(engine_speeds) / 1e9, flops * max(engine_speeds) / 1e9
    peak = max(peak, matmul_peak_gflops())  # measured again now: the best of both counts
    same_shape = same_shape_peak_gflops(case.sizes, case.batch)
    alone = products_only_gflops(case.sizes, case.batch)
    met = "met" if gflops >= 0.45 * peak else "NOT met"
    print(f"{'':<28}engine: {gflops:.1f} GFLOP/s (median; best repeat {best:.1f})")
    print(
        f"{'':<28}= {100 * gflops / peak:.0f}% of the 2048² matrix-multiply peak "
        f"({peak:.1f} GFLOP/s); target ≥ 45%: {met}"
    )
    print(
        f"{'':<28}= {100 * gflops / same_shape:.0f}% of the same-shape peak ({same_shape:.1f} "
        "GFLOP/s: each of the step's products alone in a loop, best layout)"
    )
    print(
        f"{'':<28}(the step's products alone, back to back: {alone:.1f} GFLOP/s "
        f"= {100 * alone / peak:.0f}% of the 2048² peak, {100 * alone / same_shape:.0f}% of "
        "the same-shape peak)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--threads", type=int, default=None, help="torch threads (default: torch's own default)"
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the steps")
    parser.add_argument("--case", default="", help="only the networks whose name contains this")
    arguments = parser.parse_args()

    import torch

    if arguments.threads:
        torch.set_num_threads(arguments.threads)
    print(
        f"numpy {np.__version__}, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), float64, CPU; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    peak = matmul_peak_gflops()
    print(f"matrix-multiply peak (numpy, 2048×2048): {peak:.1f} GFLOP/s\n")
    chosen = [case for case in CASES if arguments.case in case.name]
    width = max(28, *(len(case.name) + 2 for case in chosen))
    print(
        f"{'network':<{width}}{'engine steps/s':>16}{'torch steps/s':>16}{'ratio':>8}"
        f"{'target':>8}  same weights"
    )
    all_ok = True
    for case in chosen:
        experiment = make_experiment(case)
        steps = max(10, case.steps // 10) if arguments.quick else case.steps
        engine_speeds, torch_speeds = [], []
        for _ in range(arguments.repeats):
            engine_speed, engine_params = run_engine(experiment, steps)
            torch_speed, torch_params = run_torch(experiment, steps)
            engine_speeds.append(engine_speed)
            torch_speeds.append(torch_speed)
        same = all(
            np.allclose(mine, theirs, rtol=1e-9, atol=1e-11)
            for mine, theirs in zip(engine_params, torch_params, strict=True)
        )
        ratios = [e / t for e, t in zip(engine_speeds, torch_speeds, strict=True)]
        ratio = statistics.median(ratios)
        ok = ratio >= case.target and same
        all_ok &= ok
        print(
            f"{case.name:<{width}}{statistics.median(engine_speeds):>16,.0f}"
            f"{statistics.median(torch_speeds):>16,.0f}{ratio:>7.2f}×{case.target:>7.1f}×"
            f"  {'yes' if same else 'NO'}{'' if ok else '   <- below target'}"
        )
        if case.sizes[0] == 784 and case.samples > case.batch:
            print_peak_shares(case, engine_speeds, peak)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
