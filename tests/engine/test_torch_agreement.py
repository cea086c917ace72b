"""The trainer and PyTorch, given the same network, data and settings, end on the same weights."""

import numpy as np
import pytest

from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from engine.training.trainer import Trainer

torch = pytest.importorskip("torch")

TORCH_ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": torch.nn.functional.leaky_relu,
    "softmax": lambda z: torch.softmax(z, dim=1),
}


def torch_loss(name, reduction, output, targets):
    if name == "half_sse":
        per_sample = 0.5 * ((output - targets) ** 2).sum(dim=1)
    elif name == "sse":
        per_sample = ((output - targets) ** 2).sum(dim=1)
    elif name == "mse":
        per_sample = ((output - targets) ** 2).mean(dim=1)
    elif name == "cross_entropy":
        per_sample = -(targets * torch.clamp(torch.log(output), min=-100.0)).sum(dim=1)
    else:
        per_sample = torch.nn.functional.binary_cross_entropy(
            output, targets, reduction="none"
        ).sum(dim=1)
    return per_sample.sum() if reduction == "sum" else per_sample.mean()


def make_experiment(activations, loss, reduction, training, seed=0, n=10):
    rng = np.random.default_rng(seed)
    sizes = [3] + [4] * (len(activations) - 1) + [2]
    layers = []
    for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations, strict=True):
        layer = Layer(
            rng.normal(size=(n_out, n_in)) * 0.7, rng.normal(size=n_out) * 0.1, activation
        )
        layer.frozen_weights = rng.uniform(size=layer.weights.shape) < 0.25
        layer.frozen_biases = rng.uniform(size=layer.biases.shape) < 0.25
        layers.append(layer)
    inputs = rng.normal(size=(n, 3))
    if loss == "cross_entropy":
        targets = rng.dirichlet(np.ones(2), size=n)
    elif loss == "binary_cross_entropy":
        targets = rng.uniform(size=(n, 2))
    else:
        targets = rng.normal(size=(n, 2))
    network = Network(3, layers, loss=loss, reduction=reduction)
    return Experiment(network, training, Dataset(inputs, targets))


def train_with_torch(experiment, steps):
    """The same run in PyTorch: same order of batches, frozen entries' gradients zeroed."""
    network, settings, data = experiment.network, experiment.training, experiment.data
    weights = [torch.tensor(layer.weights, requires_grad=True) for layer in network.layers]
    biases = [torch.tensor(layer.biases, requires_grad=True) for layer in network.layers]
    params = [p for pair in zip(weights, biases, strict=True) for p in pair]
    masks = [
        torch.tensor(~m)
        for layer in network.layers
        for m in (layer.frozen_weights, layer.frozen_biases)
    ]
    if settings.optimizer == "adam":
        optimizer = torch.optim.Adam(
            params,
            lr=settings.learning_rate,
            betas=(settings.beta1, settings.beta2),
            eps=settings.epsilon,
        )
    else:
        optimizer = torch.optim.SGD(params, lr=settings.learning_rate, momentum=settings.momentum)
    n = len(data)
    batch = n if settings.batch_size is None else min(settings.batch_size, n)
    rng = np.random.default_rng(settings.seed)
    inputs, targets = torch.tensor(data.inputs), torch.tensor(data.targets)
    order, start = None, 0
    for _ in range(steps):
        if start == 0:
            order = rng.permutation(n) if settings.shuffle else np.arange(n)
        rows = torch.tensor(order[start : start + batch])
        start = start + batch if start + batch < n else 0
        a = inputs[rows]
        for layer, w, b in zip(network.layers, weights, biases, strict=True):
            a = TORCH_ACTIVATIONS[layer.activation](a @ w.T + b)
        optimizer.zero_grad()
        torch_loss(network.loss, network.reduction, a, targets[rows]).backward()
        with torch.no_grad():
            for p, mask in zip(params, masks, strict=True):
                p.grad.mul_(mask)  # a frozen entry gets no gradient, so no update, no state
        optimizer.step()
    return [p.detach().numpy() for p in params]


CASES = [
    (["tanh", "identity"], "half_sse", "sum", dict()),
    (["sigmoid", "relu", "identity"], "mse", "mean", dict(momentum=0.9, learning_rate=0.05)),
    (
        ["leaky_relu", "softmax"],
        "cross_entropy",
        "mean",
        dict(optimizer="adam", learning_rate=0.01),
    ),
    (
        ["tanh", "sigmoid"],
        "binary_cross_entropy",
        "sum",
        dict(optimizer="adam", learning_rate=0.02, beta1=0.8, beta2=0.99, epsilon=1e-6),
    ),
    (["relu", "tanh", "identity"], "sse", "sum", dict(learning_rate=0.01, momentum=0.5)),
]


@pytest.mark.parametrize("activations, loss, reduction, training", CASES)
@pytest.mark.parametrize(
    "batching",
    [dict(), dict(batch_size=3, shuffle=True, seed=7)],
    ids=["whole-set", "shuffled-batches-of-3"],
)
def test_trainer_ends_on_pytorchs_weights(activations, loss, reduction, training, batching):
    settings = TrainingSettings(**{"learning_rate": 0.1, **training, **batching})
    experiment = make_experiment(activations, loss, reduction, settings)
    frozen_values = [
        (layer.weights[layer.frozen_weights].copy(), layer.biases[layer.frozen_biases].copy())
        for layer in experiment.network.layers
    ]
    expected = train_with_torch(experiment.copy(), 25)
    result = Trainer(experiment).run(25)
    assert result.steps == 25
    actual = experiment.network.parameters()
    for mine, theirs in zip(actual, expected, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-10)
    for layer, (weights, biases) in zip(experiment.network.layers, frozen_values, strict=True):
        np.testing.assert_array_equal(layer.weights[layer.frozen_weights], weights)
        np.testing.assert_array_equal(layer.biases[layer.frozen_biases], biases)
