"""The ``run`` section of a network file (format version 2): a training run to carry on.

    "run": {"steps": 200, "epochs": 50, "position": 0, "order": [2, 0, 3, 1] or null,
            "random_state": {numpy's PCG64 bit_generator.state},
            "optimizer": "sgd" | "adam",
            "velocity": [P numbers]                       (sgd with momentum > 0),
            "first_moment": [P], "second_moment": [P], "adam_steps": t   (adam),
            "curves": {"exact_from", "loss", "grad_norms", "summary", "test_steps",
                       "test_loss", "epochs", "train_steps", "train_loss"}}

P is the network's parameter count (W then b of each layer, row by row). The curves are
:func:`engine.training.history_state.history_state`, bounded: at most ``TAIL_VALUES`` exact
numbers, 4096 summary buckets, 8192 test losses, 8192 losses of the whole training set (each
measured at an epoch end, ``train_steps``/``train_loss``, optional), 16,384 epoch records (a
file may hold up to 65,536, as a History keeps them). The section is checked like the rest
of the file (a bad value names its key); a run that does not fit the file's network, data or
settings (a shape or the optimizer differs) is kept as "unfit" and the trainer starts a fresh
run, saying why.
"""

from __future__ import annotations

import math

import numpy as np

from engine.files.netfile_values import Checker
from engine.i18n import tr
from engine.model.experiment import OPTIMIZERS, Experiment
from engine.training.history import History
from engine.training.history_state import TEST_POINTS
from engine.training.run_state import RunState

RUN_VERSION = 2  # the format version that may hold a run
MAX_RUN_STEPS = 2**53  # steps and epochs stay exact as float64 (and in any JSON reader)
MAX_EXACT_VALUES = 1_000_000  # a file's exact curve values at most (this program writes 60,000)
RUN_KEYS = ("steps", "epochs", "position", "order", "random_state", "optimizer", "velocity",
            "first_moment", "second_moment", "adam_steps", "curves")
RANDOM_KEYS = ("bit_generator", "state", "has_uint32", "uinteger")
CURVE_KEYS = ("exact_from", "loss", "grad_norms", "summary", "test_steps", "test_loss", "epochs",
              "train_steps", "train_loss")
REQUIRED_CURVE_KEYS = CURVE_KEYS[:7]  # a file may lack the training set's losses
SUMMARY_KEYS = ("steps_per_bucket", "loss_min", "loss_max", "loss_sum", "grad_min", "grad_max")
EPOCH_KEYS = ("count", "last_end", "epochs_per_point", "ends", "sums", "steps")
_LIMITS = History(1)
MAX_BUCKETS = _LIMITS.bucket_count_limit
MAX_EPOCH_POINTS = _LIMITS._epoch_point_limit
LARGEST = np.finfo(np.float64).max


# ----- writing ------------------------------------------------------------------------------
def run_dict(run: RunState) -> dict:
    """The ``run`` section for ``run``, JSON-ready (floats at full precision)."""
    spec = {"steps": int(run.steps), "epochs": int(run.epochs), "position": int(run.position),
            "order": None if run.order is None else run.order.tolist(),
            "random_state": run.rng, "optimizer": run.optimizer}
    state = run.optimizer_state
    if "velocity" in state:
        spec["velocity"] = _floats(state["velocity"])
    if "first_moment" in state:
        spec["first_moment"] = _floats(state["first_moment"])
        spec["second_moment"] = _floats(state["second_moment"])
        spec["adam_steps"] = int(state["step_count"])
    if run.history is not None:
        spec["curves"] = _curves_dict(run.history)
    return spec


def _curves_dict(history: dict) -> dict:
    summary = history["summary"]
    if summary is not None:
        summary = {name: (int(value) if name == "steps_per_bucket" else _floats(value))
                   for name, value in summary.items()}
    epochs = history["epochs"]
    return {
        "exact_from": int(history["exact_from"]),
        "loss": _floats(history["loss"]),
        "grad_norms": _floats(history["grad_norms"]),
        "summary": summary,
        "test_steps": history["test_steps"].tolist(),
        "test_loss": _floats(history["test_loss"]),
        "train_steps": history["train_steps"].tolist(),
        "train_loss": _floats(history["train_loss"]),
        "epochs": {"count": int(epochs["count"]), "last_end": int(epochs["last_end"]),
                   "epochs_per_point": int(epochs["epochs_per_point"]),
                   "ends": epochs["ends"].tolist(), "sums": _floats(epochs["sums"]),
                   "steps": epochs["steps"].tolist()},
    }


def _floats(array) -> list:
    # a gradient norm (or a sum of losses) may have overflowed to infinity: JSON has no
    # infinity, so it is kept as the largest float, which a plot shows the same way
    return np.clip(np.asarray(array, dtype=np.float64), -LARGEST, LARGEST).tolist()


# ----- reading ------------------------------------------------------------------------------
def parse_run(check: Checker, spec, experiment: Experiment) -> RunState:
    """Check the ``run`` section completely; the run, or one marked ``unfit`` (with why) when
    its shapes do not fit ``experiment``'s network, data or optimizer."""
    if not isinstance(spec, dict):
        check.fail("run", tr("expected an object, got {spec}", spec=check.show(spec)))
    check.keys(spec, "run", RUN_KEYS, required=("steps", "epochs", "position", "random_state",
                                                "optimizer"))
    steps = check.count(spec["steps"], "run.steps", 1, MAX_RUN_STEPS, tr("steps"))
    epochs = check.count(spec["epochs"], "run.epochs", 0, steps, tr("epochs"))
    position = check.count(spec["position"], "run.position", 0, MAX_RUN_STEPS, tr("samples"))
    rng = _random_state(check, spec["random_state"])
    optimizer = check.choice(spec["optimizer"], "run.optimizer", OPTIMIZERS)
    unfit = _unfit(spec, experiment, position)
    if unfit is not None:
        return RunState(unfit=unfit)
    rows = len(experiment.data)
    order = spec.get("order")
    if order is not None:
        order = _whole_numbers(check, order, "run.order", rows, 0, rows - 1)
        if np.bincount(order, minlength=rows).max() > 1:
            check.fail("run.order", tr("is not an order of the samples (a sample appears twice)"))
    size = experiment.network.parameter_count
    state = {}
    for name in ("velocity", "first_moment", "second_moment"):
        if name in spec:
            state[name] = check.vector(spec[name], f"run.{name}", size, tr("parameters"))
    if "second_moment" in state and (state["second_moment"] < 0).any():
        index = int(np.flatnonzero(state["second_moment"] < 0)[0])
        check.fail(f"run.second_moment[{index}]", tr("must be at least 0 (a mean of squares)"))
    if optimizer == "adam":
        state["step_count"] = check.count(spec["adam_steps"], "run.adam_steps", 0, steps,
                                          tr("steps"))
    history = None
    if "curves" in spec:
        history = _curves(check, spec["curves"], steps, len(experiment.network.layers))
    return RunState(steps, epochs, position, order, rng, optimizer, state, history)


def _unfit(spec: dict, experiment: Experiment, position: int) -> str | None:
    """Why the (well-formed) run cannot go on with this network, data and settings, or None.

    Only lengths are compared, before any array is made from the section."""
    settings, data = experiment.training, experiment.data
    if data is None or len(data) == 0:
        return "the file has no training data"
    if spec["optimizer"] != settings.optimizer:
        return f"the run used {spec['optimizer']}, the settings say {settings.optimizer}"
    needed = {"sgd": ("velocity",) if settings.momentum != 0.0 else (),
              "adam": ("first_moment", "second_moment", "adam_steps")}[settings.optimizer]
    held = tuple(name for name in ("velocity", "first_moment", "second_moment", "adam_steps")
                 if name in spec)
    if held != needed and settings.optimizer == "sgd":
        return ("the settings use momentum, but the run kept no velocity" if needed else
                "the run kept a velocity, but the settings use no momentum")
    if held != needed:
        return f"the optimizer's state ({', '.join(held) or 'none'}) does not fit the settings"
    size = experiment.network.parameter_count
    for name in ("velocity", "first_moment"):
        if isinstance(spec.get(name), list) and len(spec[name]) != size:
            return f"run.{name} has {len(spec[name])} values, the network {size} parameters"
    order = spec.get("order")
    if isinstance(order, list) and len(order) != len(data):
        return f"run.order has {len(order)} samples, the data {len(data)}"
    if position >= len(data):
        return f"run.position {position} is past the data's {len(data)} samples"
    curves = spec.get("curves")
    layers = len(experiment.network.layers)
    if isinstance(curves, dict) and isinstance(curves.get("grad_norms"), list) and any(
        isinstance(row, list) and len(row) != layers for row in curves["grad_norms"][:1]
    ):
        return f"the curves are for {len(curves['grad_norms'][0])} layers, not {layers}"
    return None


def _random_state(check: Checker, spec) -> dict:
    """numpy's PCG64 state: two 128-bit whole numbers and a spare 32-bit draw."""
    if not isinstance(spec, dict):
        check.fail("run.random_state", tr("expected an object, got {spec}", spec=check.show(spec)))
    check.keys(spec, "run.random_state", RANDOM_KEYS, required=RANDOM_KEYS)
    if spec["bit_generator"] != "PCG64":
        check.fail("run.random_state.bit_generator",
                   tr('expected "PCG64", got {spec}', spec=check.show(spec['bit_generator'])))
    inner = spec["state"]
    if not isinstance(inner, dict):
        check.fail("run.random_state.state", tr("expected an object, got {inner}",
                                                inner=check.show(inner)))
    check.keys(inner, "run.random_state.state", ("state", "inc"), required=("state", "inc"))
    for name in ("state", "inc"):
        _whole(check, inner[name], f"run.random_state.state.{name}", 0, 2**128 - 1)
    _whole(check, spec["has_uint32"], "run.random_state.has_uint32", 0, 1)
    _whole(check, spec["uinteger"], "run.random_state.uinteger", 0, 2**32 - 1)
    return {"bit_generator": "PCG64", "state": {"state": inner["state"], "inc": inner["inc"]},
            "has_uint32": spec["has_uint32"], "uinteger": spec["uinteger"]}


def _whole(check: Checker, value, key: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        check.fail(key, tr("expected a whole number from {low} to {high}, got {value}",
                           low=low, high=high, value=check.show(value)))
    return value


def _whole_numbers(check: Checker, values, key: str, length: int, low: int,
                   high: int) -> np.ndarray:
    """A list of ``length`` whole numbers in [low, high] as an int64 array (length,)."""
    if not isinstance(values, list) or len(values) != length:
        check.fail(key, tr("expected a list of {length} whole numbers, got {values}",
                           length=length, values=check.show(values)))
    for index, value in enumerate(values):
        _whole(check, value, f"{key}[{index}]", low, high)
    return np.array(values, dtype=np.int64).reshape(length)


def _curves(check: Checker, spec, steps: int, layers: int) -> dict:
    """The curves, checked against the run's ``steps`` and the History's bounds."""
    key = "run.curves"
    if not isinstance(spec, dict):
        check.fail(key, tr("expected an object, got {spec}", spec=check.show(spec)))
    check.keys(spec, key, CURVE_KEYS, required=REQUIRED_CURVE_KEYS)
    keep = MAX_EXACT_VALUES // (1 + layers)
    first = check.count(spec["exact_from"], f"{key}.exact_from", max(1, steps - keep + 1),
                        steps + 1, tr("(the first exact step)"))
    kept = steps - first + 1
    loss = check.vector(spec["loss"], f"{key}.loss", kept, tr("exact steps"))
    grads = check.matrix(spec["grad_norms"], f"{key}.grad_norms", kept, layers, tr("layers"))
    summary = spec["summary"]
    if summary is None and first != 1:
        check.fail(f"{key}.summary", tr("missing (the exact steps do not start at step 1)"))
    if summary is not None:
        summary = _summary(check, summary, f"{key}.summary", steps, layers)
    test_steps = spec["test_steps"]
    if not isinstance(test_steps, list) or len(test_steps) > TEST_POINTS:
        check.fail(f"{key}.test_steps",
                   tr("expected a list of at most {test_points} steps, got {test_steps}",
                      test_points=TEST_POINTS, test_steps=check.show(test_steps)))
    test_steps = _whole_numbers(check, test_steps, f"{key}.test_steps", len(test_steps), 0, steps)
    test_loss = check.vector(spec["test_loss"], f"{key}.test_loss", len(test_steps),
                             tr("test steps"))
    train_steps, train_loss = _measured(check, spec, key, steps)
    return {"steps": steps, "exact_from": first, "loss": loss, "grad_norms": grads,
            "summary": summary, "test_steps": test_steps, "test_loss": test_loss,
            "train_steps": train_steps, "train_loss": train_loss,
            "epochs": _epochs(check, spec["epochs"], f"{key}.epochs", steps)}


def _measured(check: Checker, spec: dict, key: str, steps: int):
    """The whole training set's losses at epoch ends: (steps (e,) rising, losses (e,))."""
    train_steps = spec.get("train_steps", [])
    if not isinstance(train_steps, list) or len(train_steps) > TEST_POINTS:
        check.fail(f"{key}.train_steps",
                   tr("expected a list of at most {test_points} steps, got {test_steps}",
                      test_points=TEST_POINTS, test_steps=check.show(train_steps)))
    train_steps = _whole_numbers(check, train_steps, f"{key}.train_steps", len(train_steps), 1,
                                 steps)
    if np.any(np.diff(train_steps) <= 0):
        check.fail(f"{key}.train_steps", tr("must rise step by step"))
    train_loss = check.vector(spec.get("train_loss", []), f"{key}.train_loss",
                              len(train_steps), tr("measured epoch ends"))
    return train_steps, train_loss


def _summary(check: Checker, spec, key: str, steps: int, layers: int) -> dict:
    if not isinstance(spec, dict):
        check.fail(key, tr("expected an object or null, got {spec}", spec=check.show(spec)))
    check.keys(spec, key, SUMMARY_KEYS, required=SUMMARY_KEYS)
    width = _whole(check, spec["steps_per_bucket"], f"{key}.steps_per_bucket", 1, MAX_RUN_STEPS)
    used = -(-steps // width)
    if width & (width - 1) or used > MAX_BUCKETS:
        check.fail(f"{key}.steps_per_bucket",
                   tr("{width} is not a power of 2 that puts {steps} steps in at most "
                      "{max_buckets} buckets",
                      width=width, steps=steps, max_buckets=MAX_BUCKETS))
    result = {"steps_per_bucket": width}
    for name in ("loss_min", "loss_max", "loss_sum"):
        result[name] = check.vector(spec[name], f"{key}.{name}", used, tr("buckets"))
    for name in ("grad_min", "grad_max"):
        result[name] = check.matrix(spec[name], f"{key}.{name}", used, layers, tr("layers"))
    return result


def _epochs(check: Checker, spec, key: str, steps: int) -> dict:
    if not isinstance(spec, dict):
        check.fail(key, tr("expected an object, got {spec}", spec=check.show(spec)))
    check.keys(spec, key, EPOCH_KEYS, required=EPOCH_KEYS)
    count = _whole(check, spec["count"], f"{key}.count", 0, steps)
    last_end = _whole(check, spec["last_end"], f"{key}.last_end", 0, steps)
    per_point = _whole(check, spec["epochs_per_point"], f"{key}.epochs_per_point", 1,
                       MAX_RUN_STEPS)
    if per_point & (per_point - 1):
        check.fail(f"{key}.epochs_per_point", tr("{per_point} is not a power of 2",
                                                 per_point=per_point))
    used = math.ceil(count / per_point)
    if used > MAX_EPOCH_POINTS:
        check.fail(f"{key}.count", tr("{count} epochs need more than {max_epoch_points} records",
                                      count=count, max_epoch_points=MAX_EPOCH_POINTS))
    ends = _whole_numbers(check, spec["ends"], f"{key}.ends", used, 1, steps)
    sums = check.vector(spec["sums"], f"{key}.sums", used, tr("epoch records"))
    counts = _whole_numbers(check, spec["steps"], f"{key}.steps", used, 1, steps)
    if used and (np.any(np.diff(ends) <= 0) or ends[-1] != last_end):
        check.fail(f"{key}.ends", tr("must rise step by step and end at last_end"))
    return {"count": count, "last_end": last_end, "epochs_per_point": per_point,
            "ends": ends, "sums": sums, "steps": counts}
