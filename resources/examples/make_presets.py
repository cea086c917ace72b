"""Generate the bundled example networks (resources/examples/*.json) from fixed seeds.

Run from the project folder: ``python -m resources.examples.make_presets``. Every random
number comes from ``numpy.random.default_rng(seed)`` with the seed named below, so running it
again writes the same files. Facts quoted in the descriptions (steps to converge, gradient
ratios) are measured here with the engine's own forward/backward pass, not typed in.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from engine.files.netfile import write_file
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network

FOLDER = Path(__file__).resolve().parent
KOREAN_FILE = FOLDER.parent / "i18n" / "presets_ko.json"  # what `presets --lang ko` shows
# English title → (Korean title, Korean description), filled by each builder with the same
# measured numbers as its English description
KOREAN: dict[str, tuple[str, str]] = {}

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
    KOREAN[name] = (
        ("기본 예제 (E = ½(z − t)²)", "강의 노트의 계산 예제입니다: x = 2 → y = 3 → z = 4, "
         "기대출력값 t = 3, 가중치와 편향은 모두 1, E = ½(z − t)² = 0.5. "
         "학습률 0.1로 한 번 업데이트하면 w는 0.7, b는 0.9, v는 0.8, a는 0.9가 되고 "
         "출력값은 2.65(손실 0.06125)가 됩니다.")
        if loss == "half_sse" else
        ("기본 예제 (E = (z − t)²)", "노트의 두 번째 약속 E = (z − t)²로 푼 같은 예제입니다: 모든 "
         "기울기가 두 배가 되므로(∂E/∂z = 2, ∂E/∂w = 6) 같은 학습률 0.1에서 두 배만큼 움직입니다"
         "(w 0.4, b 0.8, v 0.6, a 0.8).")
    )
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
    KOREAN[network.name] = (
        "은닉 뉴런 두 개로 푸는 XOR",
        "층 하나로는 풀 수 없는 문제입니다: 입력 중 정확히 하나가 1일 때 출력값이 1입니다. "
        "시그모이드 은닉 뉴런 두 개면 딱 충분합니다. 이 시작 가중치([−1, 1]에서 균등, 시드 "
        f"{XOR_SEED})로 네 경우 모두에 학습률 {XOR_LEARNING_RATE}의 경사 하강법을 하면 "
        f"{steps}단계 뒤 손실이 0.01 아래로 내려갑니다. 다른 시작 가중치에서는 평탄 구간에 갇힐 수 "
        "있습니다: 직접 해 보세요.",
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
    progress_ko = (
        f"학습률 {VANISHING_LEARNING_RATE}의 경사 하강법 {VANISHING_STEPS}단계로 손실이 "
        f"{start:.3f}에서 {end:.3f}로 줄어듭니다."
    )
    if activation == "sigmoid":
        network.description = (
            "Eight hidden sigmoid layers (width 8, Xavier-uniform start) learn whether a point "
            "lies inside a circle. Sigmoid's slope is at most 0.25, and the backward pass "
            "multiplies by it once per layer, so at the start the first layer's gradient "
            f"magnitude ‖∂E/∂W₁‖ is only {ratio:.1e} times the output layer's: the first "
            f"layers barely learn. {progress} Compare preset:vanishing-relu."
        )
        KOREAN[title] = (
            "기울기 소멸: 시그모이드 8층",
            "시그모이드 은닉층 여덟 개(너비 8, Xavier 균등 초기화)가 점이 원 안에 있는지를 "
            "배웁니다. 시그모이드의 기울기는 최대 0.25이고 역전파는 층마다 한 번씩 이를 곱하므로, "
            f"처음에 첫 층의 기울기 크기 ‖∂E/∂W₁‖는 출력층의 {ratio:.1e}배밖에 되지 않습니다: "
            f"앞쪽 층은 거의 배우지 못합니다. {progress_ko} preset:vanishing-relu와 비교해 "
            "보세요.",
        )
    else:
        network.description = (
            "The same eight hidden layers and data with ReLU (He-normal start): ReLU's slope is "
            "1 wherever a neuron is active, so the gradient keeps its size on the way back. At "
            f"the start ‖∂E/∂W₁‖ is {ratio:.2f} times the output layer's (with sigmoid: see "
            f"preset:vanishing-sigmoid). {progress}"
        )
        KOREAN[title] = (
            "기울기 소멸 해결: ReLU 8층",
            "같은 은닉층 여덟 개와 데이터에 ReLU(He 정규 초기화)를 씁니다: ReLU의 기울기는 뉴런이 "
            "활성인 곳에서 1이므로 기울기가 거꾸로 전해지는 동안 크기를 유지합니다. 처음에 "
            f"‖∂E/∂W₁‖는 출력층의 {ratio:.2f}배입니다(시그모이드는 preset:vanishing-sigmoid "
            f"참고). {progress_ko}",
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
    KOREAN[network.name] = (
        "세 덩어리에 softmax",
        "점 20개씩으로 된 세 무리입니다. softmax 출력은 세 점수를 확률(각각 0과 1 사이, 합은 1)로 "
        "바꾸고, 교차 엔트로피 −Σ t log a는 정답 클래스의 확률이 낮으면 크게 벌합니다. 교차 "
        "엔트로피를 쓰면 출력층의 델타는 간단히 a − t입니다.",
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
    KOREAN[network.name] = (
        "사인 곡선 맞추기",
        "잡음이 섞인 sin x 샘플 30개입니다. tanh 뉴런 여덟 개가 각각 매끄러운 계단 하나를 만들고 "
        "항등 출력이 이를 더합니다. 뉴런들이 곡선의 서로 다른 부분을 맡으면서 손실이 단계적으로 "
        "줄어드는 것을 보세요. 학습률이 너무 크면 발산합니다.",
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
    KOREAN[network.name] = (
        "안장점: 기울기는 0, 최솟값은 아님",
        "출력값이 입력값을 그대로 따라 하면 되고(x = −1 → −1, x = 1 → 1) y = w·tanh(v·x)로 할 수 "
        f"있지만, 두 가중치가 {SADDLE_START}에서 시작합니다. v = w = 0 근처로, 여기서 기울기는 "
        "정확히 0인데 E = 1은 최솟값 0과 멀리 떨어져 있습니다: 안장점입니다. v = w 방향으로는 "
        "손실이 줄고 v = −w 방향으로는 늘어납니다. 손실 지형(Loss Landscape) 도크에서 "
        "w2[1,1]과 w1[1,1]을 고르고 학습해 보세요: 처음에는 안장점에서 아주 느리게 "
        "벗어나다가 골짜기를 따라 빠르게 "
        f"내려갑니다. 학습률 {SADDLE_LEARNING_RATE}의 경사 하강법은 {steps}단계 뒤 손실을 "
        "0.01 아래로 낮춥니다.",
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
    KOREAN[network.name] = (
        "평탄 구간: 포화된 시그모이드",
        f"두 답 모두 거의 최대로 틀렸는데(E = {start:.3f}, 최악은 1) 기울기는 아주 작습니다: "
        "가중치가 너무 커서 두 시그모이드가 모두 곡선이 평평한 곳에 있고(|z| ≥ 5이면 "
        "σ′(z) < 0.01), 모든 기울기에 σ′가 곱해집니다. 여기서 기울기 0은 최솟값이 아니라 평탄 "
        f"구간을 뜻합니다. 학습률 {PLATEAU_LEARNING_RATE}의 경사 하강법은 손실을 0.5 아래로 "
        f"낮추는 데 {steps}단계가 걸립니다. 손실 지형(Loss Landscape) 도크에서 w2[1,1]과 "
        "b2[1]을 골라 보세요.",
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
    KOREAN[network.name] = (
        "가장 낮지 않은 지역 최솟값",
        "tanh 뉴런 하나 y = tanh(w·x + b)를 샘플 세 개로 학습하며 w = "
        f"{point[0]:.4f}, b = {point[1]:.4f}에서 시작합니다: 여기서 ∂E/∂w와 ∂E/∂b는 "
        "0이고(1e-12까지) E는 모든 방향으로 위로 휩니다(곡률의 고윳값은 "
        f"{curvature[0]:.3f}와 {curvature[1]:.3f}): E = {loss:.4f}인 진짜 지역 "
        f"최솟값입니다. 그런데 능선 너머 w = {better[0]:.4f}, b = {better[1]:.4f}의 다른 "
        f"최솟값에서는 E가 {lower:.4f}로 더 낮습니다. 경사 하강법은 여기를 벗어날 수 없습니다: "
        "모든 단계는 내리막으로 가는데 여기에는 내리막이 없습니다. "
        f"손실 지형(Loss Landscape) 도크에서 w1[1,1]과 b1[1]을 골라 두 골짜기를 보세요.",
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


def korean(name: str, experiment: Experiment) -> dict[str, str]:
    """Preset ``name``'s Korean title and description (its builder has run)."""
    title, description = KOREAN[experiment.network.name]
    return {"title": title, "description": description}


def main() -> None:
    translations = {}
    for name, build in PRESETS.items():
        experiment = build()
        path = FOLDER / f"{name}.json"
        write_file(experiment, path)
        translations[name] = korean(name, experiment)
        print(f"{path.name}: {experiment.network!r}")
    text = json.dumps(translations, ensure_ascii=False, indent=1) + "\n"
    KOREAN_FILE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
