"""What the exported PyTorch and NumPy scripts share: the file they carry, batches, save, main.

An exported script is one readable Python file: a docstring saying what it trains, the code
(its own training step, from :mod:`engine.files.export_torch` or :mod:`engine.files.export_numpy`,
then the shared parts below), and last the network file itself as ``NETWORK_FILE``, JSON exactly as
a network file holds it (floats written with ``repr``, so every weight is exact). The script
trains in the simulator's order of batches and, with ``--save OUT.json``, writes the network
file back with its trained W and b: a version-1 network file the simulator opens.

A file that holds a run (format version 2) is carried on as ``train FILE`` carries it on: the
script also carries ``RUN``, the run's place (steps and epochs done, the epoch's order and the
place in it, the random generator's state) and the optimizer's state (SGD's velocity v, Adam's
m, s and step count t), from :func:`exported_run`; a run ``train`` would not carry on (it does
not fit the file's settings) is left out, as ``train`` starts afresh too.
"""

from __future__ import annotations

import json
import os
import textwrap

from engine.errors import NetworkFileError
from engine.files.atomic_write import write_text
from engine.files.netfile import dumps, parse, to_dict
from engine.files.netfile_run import run_dict
from engine.i18n import tr
from engine.lesson.formula import Symbol, render_form
from engine.lesson.quantities import Kind, Quantity
from engine.model.activations import get_activation
from engine.model.experiment import Experiment
from engine.model.losses import get_loss
from engine.training.run_state import capture
from engine.training.trainer import Trainer

FILE_VERSION = 1  # the scripts write the file without a run: version 1
TRAINING_DEFAULTS = {"target_loss": None, "max_epochs": None}
WIDTH = 96


def exported_document(experiment: Experiment, source: str | None = None) -> dict:
    """The network file a script carries: every training setting spelled out, and frozen
    masks on every layer when any entry is frozen (so the script needs no defaults).

    Raises NetworkFileError (key ``data``) when there is nothing to train on.
    """
    data = experiment.data
    if data is None or len(data) == 0:
        raise NetworkFileError(
            "data", tr("there is no training data (data.inputs and data.targets are empty)"), source
        )
    document = to_dict(experiment)
    document["version"] = FILE_VERSION
    document.pop("run", None)  # the script trains from the parameters: a fresh run
    training = document["training"]
    settings = experiment.training
    for name in ("beta1", "beta2", "epsilon"):
        training.setdefault(name, float(getattr(settings, name)))
    for name, default in TRAINING_DEFAULTS.items():
        training.setdefault(name, default)
    if any(layer.has_frozen for layer in experiment.network.layers):
        for spec, layer in zip(document["layers"], experiment.network.layers, strict=True):
            spec.setdefault("frozen_weights", layer.frozen_weights.tolist())
            spec.setdefault("frozen_biases", layer.frozen_biases.tolist())
    parse(document, source)  # what the script saves must read back
    return document


def exported_run(experiment: Experiment) -> dict | None:
    """The ``run`` section (curves left out) a script carries on: the run of ``experiment`` as
    a trainer takes it over (None: no run, or one that does not fit, when training starts a
    fresh run)."""
    if experiment.run is None:
        return None
    trainer = Trainer(experiment.copy())  # takes the run over, or drops it saying why
    run = capture(trainer, curves=False)
    return None if run is None else run_dict(run)


def has_frozen(document: dict) -> bool:
    """Whether the carried file has frozen masks (then every layer has them)."""
    return "frozen_weights" in document["layers"][0]


def sizes(document: dict) -> list[int]:
    """Inputs, then the neurons of each layer: [n₀, n₁, …, n_L]."""
    return [document["input_size"]] + [len(layer["biases"]) for layer in document["layers"]]


# ----- the docstring -----------------------------------------------------------------------
def loss_text(document: dict) -> str:
    """The loss as the lesson writes it, e.g. "½·Σ(a − t)² per sample, summed over the batch"."""
    a = Symbol("a", 0.0, Quantity(Kind.ACTIVATION), named=True)
    t = Symbol("t", 0.0, Quantity(Kind.TARGET), named=True)
    n = len(document["layers"][-1]["biases"])
    per_sample = render_form(get_loss(document["loss"]).notation.layer(a, t, n))
    over = "summed" if document["reduction"] == "sum" else "averaged"
    return f"{per_sample} per sample, {over} over the batch"


def activation_text(name: str) -> str:
    before, after = get_activation(name).notation
    return f"{before}z{after}" if before else "z"


def network_text(document: dict) -> str:
    """E.g. "2 inputs → 3 (tanh(z)) → 1 (σ(z))"."""
    n_inputs = document["input_size"]
    parts = [f"{n_inputs} input{'' if n_inputs == 1 else 's'}"]
    for n, layer in zip(sizes(document)[1:], document["layers"], strict=True):
        parts.append(f"{n} ({activation_text(layer['activation'])})")
    return " → ".join(parts)


def optimizer_text(training: dict) -> str:
    if training["optimizer"] == "adam":
        return (
            f"Adam, learning rate {training['learning_rate']!r}, β₁ {training['beta1']!r}, "
            f"β₂ {training['beta2']!r}, ε {training['epsilon']!r}"
        )
    momentum = f", momentum {training['momentum']!r}" if training["momentum"] else ""
    return f"gradient descent, learning rate {training['learning_rate']!r}{momentum}"


def batch_text(training: dict, n_samples: int) -> str:
    size = training["batch_size"]
    if size is None or size >= n_samples:
        return "the one sample in every step" if n_samples == 1 else (
            f"all {n_samples} samples in every step")
    order = f" shuffled every epoch (seed {training['seed']})" if training["shuffle"] else ""
    return f"batches of {size} of the {n_samples} samples{order}"


def docstring(document: dict, what: str, reads_as: str, source: str | None, script: str,
              run: dict | None = None) -> str:
    """The script's docstring: the network, loss, optimizer, the run it carries on, how to run
    it."""
    training = document["training"]
    title = f"{document.get('name') or 'Network'}: {what}"
    n_samples = len(document["data"]["inputs"])
    facts = [
        f"Network: {network_text(document)}, float64.",
        f"Loss: {loss_text(document)}.",
        f"Optimizer: {optimizer_text(training)}; {batch_text(training, n_samples)}.",
    ]
    if has_frozen(document):
        facts.append("Frozen entries never move (their gradient is set to 0 before each update).")
    if run is not None:
        facts.append(
            f"It carries on the run saved in the file after step {run['steps']} (epoch "
            f"{run['epochs'] + 1}): the optimizer's state, the epoch's order and place in it, "
            "and the random generator's state are those of the saved run (RUN)."
        )
    paragraphs = [title, document.get("description") or "", " ".join(facts), reads_as, (
        f"Run: python {script} --steps N [--save OUT.json]. After N steps its parameters are "
        f"those of `python main.py train {source or 'FILE'} --steps N` (to about 1e-10), and "
        "OUT.json is a network file the simulator opens."
    )]
    text = "\n\n".join(textwrap.fill(p, WIDTH) for p in paragraphs if p)
    return '"""' + text.replace("\\", "\\\\").replace('"""', '\\"""') + '\n"""\n'


# ----- the parts both scripts share ------------------------------------------------------------
SHARED_CODE = '''

def batches(n_samples: int):
    """(epoch, row numbers) of every training step's batch, in the simulator's order.

    An epoch walks all samples in batches of ``batch_size`` (null: all of them at once); its
    last batch may be smaller. With ``shuffle``, every epoch takes a new permutation drawn
    from one numpy default_rng(seed), made once for the whole run. A saved run (RUN) goes on
    in its epoch, order and place, the generator in the state the run left it.
    """
    training = NETWORK_FILE["training"]
    rng = np.random.default_rng(training["seed"])
    size = min(training["batch_size"] or n_samples, n_samples)
    first, order, position = 0, None, 0
    if RUN is not None:
        rng.bit_generator.state = RUN["random_state"]
        first, position = RUN["epochs"], RUN["position"]
        order = np.arange(n_samples) if RUN["order"] is None else np.array(RUN["order"])
    for epoch in itertools.count(first):
        if order is None:
            order = rng.permutation(n_samples) if training["shuffle"] else np.arange(n_samples)
        for start in range(position, n_samples, size):
            yield epoch, order[start:start + size]
        order, position = None, 0


def saved_arrays(name: str, shapes: list) -> list:
    """The saved run's vector ``name`` (W₁, b₁, W₂, b₂, … row by row) as arrays of ``shapes``."""
    vector, arrays, start = np.array(RUN[name], dtype=np.float64), [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        arrays.append(vector[start:start + size].reshape(shape))
        start += size
    return arrays


def stops_before(epoch: int) -> bool:
    """The file's max_epochs: no step starts once that many epochs are done."""
    max_epochs = NETWORK_FILE["training"]["max_epochs"]
    return max_epochs is not None and epoch >= max_epochs


def stops_after(loss: float) -> bool:
    """The file's target_loss: training stops after a step whose batch loss reached it."""
    target = NETWORK_FILE["training"]["target_loss"]
    return target is not None and loss <= target


def save(parameters: list, path: str) -> None:
    """Write the network file this script carries, with ``parameters`` (numpy arrays in the
    order W₁, b₁, W₂, b₂, …) as its weights and biases; floats are written exactly (repr)."""
    layers = [
        {**layer, "weights": weights.tolist(), "biases": biases.tolist()}
        for layer, weights, biases in zip(
            NETWORK_FILE["layers"], parameters[0::2], parameters[1::2], strict=True
        )
    ]
    with open(path, "w", encoding="utf-8") as file:
        json.dump({**NETWORK_FILE, "layers": layers}, file, ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, required=True, help="training steps to take")
    parser.add_argument("--save", metavar="OUT.json", help="write the trained network file")
    arguments = parser.parse_args()
    if arguments.steps < 0:
        parser.error(f"--steps: expected a whole number >= 0, got {arguments.steps}")
    parameters, done, loss, diverged = train(arguments.steps)
    print(f"trained for {done} step{'' if done == 1 else 's'}")
    before = 0 if RUN is None else RUN["steps"]  # the steps of the run the file carried
    if loss is not None:
        print(f"loss of the last step's batch, before its update: {loss:.12g}")
    if diverged:
        print(f"training diverged at step {before + done + 1}: {diverged}; the step was undone",
              file=sys.stderr)
    if arguments.save:
        try:
            save(parameters, arguments.save)
        except OSError as error:
            print(f"error: {arguments.save}: cannot write it ({error.strerror})", file=sys.stderr)
            return 2
        print(f"saved {arguments.save}")
    return 3 if diverged else 0

'''


def file_block(document: dict, run: dict | None = None) -> str:
    """``NETWORK_FILE = json.loads(...)``: the network file as the simulator writes it; then
    ``RUN``, the run it carries on (its ``run`` section without the curves) or None."""
    text = dumps(document)
    if '"""' in text:  # cannot happen: JSON escapes every quote inside its strings
        raise ValueError("the network file's text would end the script's string")
    carried = "RUN = None  # no saved run: training starts a fresh run\n" if run is None else (
        "\n# ----- the run saved in the file, its place and the optimizer's state -----\n"
        f'RUN = json.loads(r"""\n{json.dumps(run, ensure_ascii=False)}""")  # noqa: E501\n'
    )
    return (
        "\n# ----- the network file this script was exported from: weights, settings, data -----\n"
        f'NETWORK_FILE = json.loads(r"""\n{text}""")  # noqa: E501\n'
        + carried + '\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
    )


def assemble(head: str, imports: str, code: str, document: dict,
             run: dict | None = None) -> str:
    """The whole script: docstring, imports, the script's own code, shared code, the file and
    the run it carries on."""
    return (head + "\n" + imports + code.rstrip("\n") + "\n" + SHARED_CODE
            + file_block(document, run))


def write_script(text: str, path: str | os.PathLike) -> None:
    """Write a script atomically; a failure raises NetworkFileError naming ``path``."""
    try:
        write_text(path, text)
    except OSError as error:
        raise NetworkFileError("", tr("cannot write it ({reason})",
                                      reason=error.strerror), os.fspath(path)) from None
