"""Generate the bundled example networks (resources/examples/*.json) from fixed seeds.

Run from the project folder: ``python -m resources.examples.make_presets``. Every random
number comes from ``numpy.random.default_rng(seed)`` with the seed named below, so running it
again writes the same files. Facts quoted in the descriptions (steps to converge, gradient
ratios) are measured here with the engine's own forward/backward pass, not typed in.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.files.netfile import write_file
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network

FOLDER = Path(__file__).resolve().parent

XOR_SEED = 5
XOR_LEARNING_RATE = 1.0
VANISHING_SEED = 5
VANISHING_LEARNING_RATE = 0.1
VANISHING_STEPS = 2000  # steps of plain gradient descent quoted in the descriptions
VANISHING_WIDTH = 8
VANISHING_DEPTH = 8  # hidden layers
BLOBS_SEED = 11
SINE_SEED = 3


def plain_gradient_descent(experiment: Experiment, steps: int, stop_below: float) -> int | None:
    """Full-batch θ ← θ − η ∂E/∂θ on a copy; the step at which E < stop_below, or None."""
    network = experiment.network.copy()
    data, rate = experiment.data, experiment.training.learning_rate
    for step in range(steps):
        grads = network.backward(network.forward(data.inputs), data.targets, False)
        if grads.loss < stop_below:
            return step
        for layer, grad_w, grad_b in zip(
            network.layers, grads.grad_weights, grads.grad_biases, strict=True
        ):
            layer.weights -= rate * grad_w
            layer.biases -= rate * grad_b
    return None


def loss_after(experiment: Experiment, steps: int) -> float:
    """E after ``steps`` full-batch gradient-descent steps, on a copy."""
    network = experiment.network.copy()
    data, rate = experiment.data, experiment.training.learning_rate
    for _ in range(steps):
        grads = network.backward(network.forward(data.inputs), data.targets, False)
        for layer, grad_w, grad_b in zip(
            network.layers, grads.grad_weights, grads.grad_biases, strict=True
        ):
            layer.weights -= rate * grad_w
            layer.biases -= rate * grad_b
    return network.loss_value(data.inputs, data.targets)


def first_to_last_ratio(experiment: Experiment) -> float:
    """‖∂E/∂W₁‖ / ‖∂E/∂W_L‖ (Frobenius norms) at the starting weights, on the whole data set."""
    network, data = experiment.network, experiment.data
    norms = network.backward(network.forward(data.inputs), data.targets, False).weight_norms()
    return float(norms[0] / norms[-1])


# ----- the walkthrough -------------------------------------------------------------------------
def seed(loss: str = "half_sse") -> Experiment:
    """1 → 1 → 1, identity activations, every weight and bias 1; x = 2, t = 3.

    Named as the notes name the chain x —(v, a)→ y —(w, b)→ z.
    """
    layers = [
        Layer([[1.0]], [1.0], "identity", labels=["y"], weight_labels=[["v"]], bias_labels=["a"]),
        Layer([[1.0]], [1.0], "identity", labels=["z"], weight_labels=[["w"]], bias_labels=["b"]),
    ]
    if loss == "half_sse":
        name = "Seed example (E = ½(z − t)²)"
        description = (
            "The lecture notes' worked example: x = 2 → y = 3 → z = 4 against t = 3, every "
            "weight and bias 1, E = ½(z − t)² = 0.5. One step at learning rate 0.1 moves w to "
            "0.7, b to 0.9, v to 0.8 and a to 0.9, and the output to 2.65 (loss 0.06125)."
        )
    else:
        name = "Seed example (E = (z − t)²)"
        description = (
            "The worked example with the notes' second convention E = (z − t)²: every gradient "
            "doubles (∂E/∂z = 2, ∂E/∂w = 6), so the same learning rate 0.1 takes twice the step "
            "(w 0.4, b 0.8, v 0.6, a 0.8)."
        )
    network = Network(1, layers, loss, "sum", ["x"], name, description)
    training = TrainingSettings(learning_rate=0.1, batch_size=None)
    return Experiment(network, training, Dataset([[2.0]], [[3.0]]))


# ----- XOR -------------------------------------------------------------------------------------
def xor() -> Experiment:
    """2 → 2 sigmoid → 1 sigmoid on the four XOR cases, weights uniform in [−1, 1]."""
    rng = np.random.default_rng(XOR_SEED)
    layers = [
        Layer(rng.uniform(-1, 1, (2, 2)), rng.uniform(-1, 1, 2), "sigmoid", labels=["h1", "h2"]),
        Layer(rng.uniform(-1, 1, (1, 2)), rng.uniform(-1, 1, 1), "sigmoid", labels=["y"]),
    ]
    inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    targets = [[0.0], [1.0], [1.0], [0.0]]
    network = Network(2, layers, "half_sse", "sum", ["x1", "x2"], "XOR with two hidden neurons")
    experiment = Experiment(
        network, TrainingSettings(learning_rate=XOR_LEARNING_RATE), Dataset(inputs, targets)
    )
    steps = plain_gradient_descent(experiment, 20_000, 0.01)
    network.description = (
        "The problem one layer cannot solve: the output is 1 when exactly one input is 1. "
        "Two sigmoid hidden neurons are just enough. With these starting weights (uniform in "
        f"[−1, 1], seed {XOR_SEED}) plain gradient descent at learning rate {XOR_LEARNING_RATE} "
        f"on all four cases brings the loss below 0.01 after {steps} steps. Other starting "
        "weights can get stuck on a plateau: try it."
    )
    return experiment


# ----- vanishing gradients ---------------------------------------------------------------------
def vanishing(activation: str) -> Experiment:
    """2 inputs → 8 hidden layers of width 8 → 1 sigmoid output, on points inside/outside a circle.

    Sigmoid layers start with Xavier-uniform weights, U(±√(6/(n_in + n_out))); ReLU layers with
    He-normal weights, N(0, 2/n_in); biases 0. Same data, same seed.
    """
    rng = np.random.default_rng(VANISHING_SEED)
    inputs = rng.uniform(-1.0, 1.0, (32, 2))
    targets = (np.hypot(inputs[:, 0], inputs[:, 1]) < 0.7).astype(float)[:, np.newaxis]
    sizes = [2] + [VANISHING_WIDTH] * VANISHING_DEPTH + [1]
    layers = []
    for index, (n_in, n_out) in enumerate(zip(sizes, sizes[1:], strict=False)):
        if activation == "sigmoid":
            bound = np.sqrt(6.0 / (n_in + n_out))
            weights = rng.uniform(-bound, bound, (n_out, n_in))
        else:
            weights = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in))
        is_output = index == len(sizes) - 2
        layers.append(Layer(weights, np.zeros(n_out), "sigmoid" if is_output else activation))
    title = (
        "Vanishing gradients: 8 sigmoid layers"
        if activation == "sigmoid"
        else ("Vanishing gradients cured: 8 ReLU layers")
    )
    network = Network(2, layers, "binary_cross_entropy", "mean", ["x1", "x2"], title)
    training = TrainingSettings(learning_rate=VANISHING_LEARNING_RATE)
    experiment = Experiment(network, training, Dataset(inputs, targets))
    ratio = first_to_last_ratio(experiment)
    start = network.loss_value(inputs, targets)
    end = loss_after(experiment, VANISHING_STEPS)
    progress = (
        f"{VANISHING_STEPS} steps of plain gradient descent at learning rate "
        f"{VANISHING_LEARNING_RATE} take the loss from {start:.3f} to {end:.3f}."
    )
    if activation == "sigmoid":
        network.description = (
            "Eight hidden sigmoid layers (width 8, Xavier-uniform start) learn whether a point "
            "lies inside a circle. Sigmoid's slope is at most 0.25, and the backward pass "
            "multiplies by it once per layer, so at the start the first layer's gradient "
            f"magnitude ‖∂E/∂W₁‖ is only {ratio:.1e} times the output layer's: the first "
            f"layers barely learn. {progress} Compare preset:vanishing-relu."
        )
    else:
        network.description = (
            "The same eight hidden layers and data with ReLU (He-normal start): ReLU's slope is "
            "1 wherever a neuron is active, so the gradient keeps its size on the way back. At "
            f"the start ‖∂E/∂W₁‖ is {ratio:.2f} times the output layer's (with sigmoid: see "
            f"preset:vanishing-sigmoid). {progress}"
        )
    return experiment


# ----- softmax on blobs ------------------------------------------------------------------------
def softmax_blobs() -> Experiment:
    """2 → 4 tanh → 3 softmax with cross-entropy on three Gaussian blobs, one-hot targets."""
    rng = np.random.default_rng(BLOBS_SEED)
    centres = np.array([[0.0, 1.2], [-1.0, -0.6], [1.0, -0.6]])
    per_class = 20
    labels = np.repeat(np.arange(3), per_class)
    inputs = centres[labels] + rng.normal(0.0, 0.45, (3 * per_class, 2))
    targets = np.eye(3)[labels]
    bound_hidden, bound_out = np.sqrt(6.0 / 6), np.sqrt(6.0 / 7)
    layers = [
        Layer(rng.uniform(-bound_hidden, bound_hidden, (4, 2)), np.zeros(4), "tanh"),
        Layer(
            rng.uniform(-bound_out, bound_out, (3, 4)),
            np.zeros(3),
            "softmax",
            labels=["class A", "class B", "class C"],
        ),
    ]
    network = Network(
        2,
        layers,
        "cross_entropy",
        "mean",
        ["x1", "x2"],
        "Softmax on three blobs",
        "Three clouds of 20 points each; the softmax output turns three scores into "
        "probabilities (each between 0 and 1, summing to 1) and cross-entropy −Σ t log a "
        "punishes a low probability for the right class. With cross-entropy the output "
        "delta is simply a − t.",
    )
    training = TrainingSettings(learning_rate=0.5)
    return Experiment(network, training, Dataset(inputs, targets))


# ----- a curve ---------------------------------------------------------------------------------
def sine() -> Experiment:
    """1 → 8 tanh → 1 identity, half_sse, on 30 noisy samples of sin x for x in [−π, π]."""
    rng = np.random.default_rng(SINE_SEED)
    inputs = np.sort(rng.uniform(-np.pi, np.pi, 30))[:, np.newaxis]
    targets = np.sin(inputs) + rng.normal(0.0, 0.05, inputs.shape)
    layers = [
        Layer(rng.normal(0.0, 1.0, (8, 1)), rng.normal(0.0, 1.0, 8), "tanh"),
        Layer(rng.normal(0.0, np.sqrt(1.0 / 8), (1, 8)), np.zeros(1), "identity", labels=["y"]),
    ]
    network = Network(
        1,
        layers,
        "half_sse",
        "mean",
        ["x"],
        "Fitting a sine curve",
        "Thirty noisy samples of sin x. Eight tanh neurons each contribute one smooth step; "
        "the identity output adds them up. Watch the loss fall in stages as neurons take on "
        "different parts of the curve; a learning rate far too large makes it diverge.",
    )
    training = TrainingSettings(learning_rate=0.1)
    return Experiment(network, training, Dataset(inputs, targets))


# ----- zero gradient is not a minimum ----------------------------------------------------------
SADDLE_START = 0.001  # v and w start this close to the saddle at v = w = 0
SADDLE_LEARNING_RATE = 0.1
PLATEAU_LEARNING_RATE = 2.0


def saddle() -> Experiment:
    """1 → 1 tanh → 1 identity, half_sse, x = ±1 with t = x, v = w = 0.001, biases 0.

    E(v, w) = ½ Σ (w tanh(v x) − x)² has a saddle at v = w = 0 (E = 1): there ∂E/∂v = ∂E/∂w = 0
    and ∂²E/∂v∂w = −2, while E = 0 on the curve w tanh v = 1. The biases' gradients are 0 since
    the targets are symmetric.
    """
    layers = [
        Layer([[SADDLE_START]], [0.0], "tanh", labels=["h"]),
        Layer([[SADDLE_START]], [0.0], "identity", labels=["y"]),
    ]
    network = Network(1, layers, "half_sse", "sum", ["x"], "A saddle: zero gradient, no minimum")
    training = TrainingSettings(learning_rate=SADDLE_LEARNING_RATE, batch_size=None)
    experiment = Experiment(network, training, Dataset([[-1.0], [1.0]], [[-1.0], [1.0]]))
    steps = plain_gradient_descent(experiment, 10_000, 0.01)
    network.description = (
        "The output should copy the input (x = −1 → −1, x = 1 → 1), and y = w·tanh(v·x) can do "
        f"it, yet both weights start at {SADDLE_START}, next to v = w = 0 where the gradient is "
        "exactly zero while E = 1 is far from its minimum 0: a saddle. Along v = w the loss "
        "falls, along v = −w it rises. Choose w2[1,1] and w1[1,1] in the Loss Landscape dock "
        "and train: the steps crawl away from the saddle, then rush down the valley; plain "
        f"gradient descent at learning rate {SADDLE_LEARNING_RATE} brings the loss below 0.01 "
        f"after {steps} steps."
    )
    return experiment


def plateau() -> Experiment:
    """1 → 1 sigmoid → 1 sigmoid, half_sse, x = ±1 with t = 1 − (x + 1)/2, weights 10 and 12,
    output bias −6: both sigmoids saturated, each one's slope σ′ nearly 0."""
    layers = [
        Layer([[10.0]], [0.0], "sigmoid", labels=["h"]),
        Layer([[12.0]], [-6.0], "sigmoid", labels=["y"]),
    ]
    network = Network(1, layers, "half_sse", "sum", ["x"], "A plateau: saturated sigmoids")
    training = TrainingSettings(learning_rate=PLATEAU_LEARNING_RATE, batch_size=None)
    experiment = Experiment(network, training, Dataset([[-1.0], [1.0]], [[1.0], [0.0]]))
    start = network.loss_value(experiment.data.inputs, experiment.data.targets)
    steps = plain_gradient_descent(experiment, 100_000, 0.5)
    network.description = (
        "Both answers are nearly as wrong as they can be (E = "
        f"{start:.3f}, the worst is 1), yet the gradient is tiny: the weights are so large that "
        "both sigmoids sit where their curve is flat (σ′(z) < 0.01 for |z| ≥ 5), and every "
        "gradient is multiplied by σ′. A zero gradient here means a plateau, not a minimum. "
        f"Plain gradient descent at learning rate {PLATEAU_LEARNING_RATE} needs {steps} steps "
        "to bring the loss below 0.5; choose w2[1,1] and b2[1] in the Loss Landscape dock."
    )
    return experiment


# ----- a local minimum that is not the global one -----------------------------------------------
LOCAL_MINIMUM_START = (-1.413, -0.865)  # near the local minimum; refined by Newton's method below
LOCAL_MINIMUM_BETTER = (0.0, 0.0)  # near the lower minimum
LOCAL_MINIMUM_LEARNING_RATE = 0.1


def newton_on_one_neuron(network: Network, data: Dataset, start, steps: int = 30):
    """(w, b) of a 1 → 1 network refined by Newton's method on the engine's gradient, the
    Hessian from central differences of that gradient (h = 1e-6); the network is changed."""
    layer = network.layers[0]

    def gradient(point) -> np.ndarray:
        layer.weights[0, 0], layer.biases[0] = point
        grads = network.backward(network.forward(data.inputs), data.targets, False)
        return np.array([grads.grad_weights[0][0, 0], grads.grad_biases[0][0]])

    point = np.array(start, dtype=float)
    for _ in range(steps):
        step = 1e-6
        hessian = np.column_stack([(gradient(point + step * e) - gradient(point - step * e))
                                   / (2 * step) for e in np.eye(2)])
        point = point - np.linalg.solve((hessian + hessian.T) / 2, gradient(point))
    return point, gradient(point), np.linalg.eigvalsh((hessian + hessian.T) / 2)


def local_minimum() -> Experiment:
    """1 → 1 tanh, half_sse, y = tanh(w·x + b) on x = −1, 0, 3 with t = 0.5, −0.7, 0.2, started
    exactly at a local minimum of E(w, b) that is not the global one (verified here: gradient
    ≈ 0, Hessian positive definite, E lower at the other minimum)."""
    data = Dataset([[-1.0], [0.0], [3.0]], [[0.5], [-0.7], [0.2]])
    network = Network(1, [Layer([[0.0]], [0.0], "tanh", labels=["y"])], "half_sse", "sum",
                      ["x"], "A local minimum that is not the lowest")
    better, better_gradient, better_curvature = newton_on_one_neuron(
        network, data, LOCAL_MINIMUM_BETTER)
    lower = network.loss_value(data.inputs, data.targets)
    point, gradient, curvature = newton_on_one_neuron(network, data, LOCAL_MINIMUM_START)
    loss = network.loss_value(data.inputs, data.targets)
    assert np.linalg.norm(gradient) < 1e-12 and np.linalg.norm(better_gradient) < 1e-12
    assert curvature.min() > 0 and better_curvature.min() > 0 and lower < loss - 0.1
    training = TrainingSettings(learning_rate=LOCAL_MINIMUM_LEARNING_RATE, batch_size=None)
    network.description = (
        "One tanh neuron y = tanh(w·x + b) on three samples, started at w = "
        f"{point[0]:.4f}, b = {point[1]:.4f}: there ∂E/∂w and ∂E/∂b are 0 (to 1e-12) and E "
        f"curves up in every direction (the curvature's eigenvalues are {curvature[0]:.3f} and "
        f"{curvature[1]:.3f}): a true local minimum, with E = {loss:.4f}. Yet E is lower, "
        f"{lower:.4f}, at w = {better[0]:.4f}, b = {better[1]:.4f}, another minimum across a "
        "ridge. Gradient descent cannot leave: every step goes downhill, and here nothing is "
        "downhill. Choose w1[1,1] and b1[1] in the Loss Landscape dock to see both valleys."
    )
    return Experiment(network, training, data)


PRESETS = {
    "seed": seed,
    "seed-sse": lambda: seed("sse"),
    "xor": xor,
    "vanishing-sigmoid": lambda: vanishing("sigmoid"),
    "vanishing-relu": lambda: vanishing("relu"),
    "softmax-blobs": softmax_blobs,
    "sine": sine,
    "saddle": saddle,
    "plateau": plateau,
    "local-minimum": local_minimum,
}


def main() -> None:
    for name, build in PRESETS.items():
        experiment = build()
        path = FOLDER / f"{name}.json"
        write_file(experiment, path)
        print(f"{path.name}: {experiment.network!r}")


if __name__ == "__main__":
    main()
