"""A lesson task's check: a small declarative rule the engine evaluates on the lesson's state.

Every check is a JSON object with a ``check`` kind and its keys (README, "Lessons"):

- ``value_entered``: the number the learner typed equals ``equals``, or the current value of
  ``quantity`` (engine/lessons/values.py) when ``equals`` is absent, within ``tolerance``
  (default 1e-6; ``relative`` true makes it a share of the expected value); ``sample`` picks the
  sample of a neuron's z, a or δ (from 1);
- ``parameter_reached``: parameter ``param`` is within ``tolerance`` (default 1e-3) of ``near``;
- ``loss_below``: E over the training set is below ``bound``;
- ``step_reached``: the step-through reached ``phase`` (forward, loss, backward, update);
- ``trained_steps_at_least``: training took at least ``steps`` steps since the lesson opened;
- ``test_accuracy_at_least``: the test split's accuracy is at least ``bound`` (0…1);
- ``hidden_activation_is``: every hidden layer uses ``activation``;
- ``all``: every check in ``of`` passes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from engine.errors import NetworkError
from engine.i18n import tr
from engine.lesson.quantities import Phase
from engine.lessons import values
from engine.model.activations import ACTIVATIONS
from engine.model.experiment import Experiment
from engine.model.parameter_names import parameter_value, parse_parameter

DEFAULT_TOLERANCE = 1e-6
DEFAULT_PARAMETER_TOLERANCE = 1e-3
REACHABLE_PHASES = (Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE)

# kind: (required keys, optional keys)
CHECK_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "value_entered": ((), ("quantity", "equals", "tolerance", "relative", "sample")),
    "parameter_reached": (("param", "near"), ("tolerance",)),
    "loss_below": (("bound",), ()),
    "step_reached": (("phase",), ()),
    "trained_steps_at_least": (("steps",), ()),
    "test_accuracy_at_least": (("bound",), ()),
    "hidden_activation_is": (("activation",), ()),
    "all": (("of",), ()),
}


@dataclass(frozen=True)
class LessonState:
    """What a check looks at: the open experiment, the number typed into the task's field
    (None: nothing, or not a number), the step-through's phases reached and the training
    steps taken since the lesson was opened."""

    experiment: Experiment
    entered: float | None = None
    phases_reached: frozenset[Phase] = field(default_factory=frozenset)
    trained_steps: int = 0


def asks_for_number(check: Mapping) -> bool:
    """Whether the learner types a number for this check (a value field is shown)."""
    if check["check"] == "all":
        return any(asks_for_number(part) for part in check["of"])
    return check["check"] == "value_entered"


def quantities_named(check: Mapping) -> set[str]:
    """The quantities ``check`` asks the learner to type (its value_entered parts)."""
    if check["check"] == "all":
        return set().union(*(quantities_named(part) for part in check["of"]))
    return {check["quantity"]} if check["check"] == "value_entered" and "quantity" in check \
        else set()


def passes(check: Mapping, state: LessonState) -> bool:
    """Whether ``check`` (already validated by :func:`validate_check`) holds in ``state``."""
    kind = check["check"]
    experiment = state.experiment
    if kind == "all":
        return all(passes(part, state) for part in check["of"])
    if kind == "value_entered":
        if state.entered is None:
            return False
        expected = expected_value(check, experiment)
        tolerance = check.get("tolerance", DEFAULT_TOLERANCE)
        if check.get("relative", False):
            tolerance *= abs(expected)
        return abs(state.entered - expected) <= tolerance
    if kind == "parameter_reached":
        quantity = parse_parameter(check["param"], experiment.network, "param")
        tolerance = check.get("tolerance", DEFAULT_PARAMETER_TOLERANCE)
        return abs(parameter_value(experiment.network, quantity) - check["near"]) <= tolerance
    if kind == "loss_below":
        loss = values.value_of(values.LOSS, experiment)
        return math.isfinite(loss) and loss < check["bound"]
    if kind == "step_reached":
        return Phase(check["phase"]) in state.phases_reached
    if kind == "trained_steps_at_least":
        return state.trained_steps >= check["steps"]
    if kind == "test_accuracy_at_least":
        return values.test_accuracy(experiment) >= check["bound"]
    if kind == "hidden_activation_is":
        hidden = experiment.network.layers[:-1]
        return bool(hidden) and all(layer.activation == check["activation"] for layer in hidden)
    raise NetworkError("check", tr("unknown check {kind!r}", kind=kind))


def expected_value(check: Mapping, experiment: Experiment) -> float:
    """The number a ``value_entered`` check expects: ``equals``, else the quantity's value."""
    if "equals" in check:
        return float(check["equals"])
    return values.value_of(check["quantity"], experiment, check.get("sample", 1))


# ----- validation -------------------------------------------------------------------------------
def validate_check(check, experiment: Experiment, key: str) -> None:
    """Refuse a check that could not be evaluated: ``NetworkError(key…, why)`` for the first
    problem, naming the key (``tasks[1].check.param``)."""
    if not isinstance(check, Mapping) or "check" not in check:
        raise NetworkError(key, tr("expected an object with a \"check\" kind"))
    kind = check["check"]
    if kind not in CHECK_KEYS:
        raise NetworkError(f"{key}.check", tr("unknown check {kind!r} (known: {known})",
                                              kind=str(kind)[:40], known=", ".join(CHECK_KEYS)))
    required, optional = CHECK_KEYS[kind]
    for name in check:
        if name != "check" and name not in required + optional:
            raise NetworkError(f"{key}.{name}", tr("unknown key for a {kind} check", kind=kind))
    for name in required:
        if name not in check:
            raise NetworkError(f"{key}.{name}",
                               tr("missing key (a {kind} check needs it)", kind=kind))
    for name in ("equals", "near", "bound", "tolerance"):
        if name in check and not _is_number(check[name]):
            raise NetworkError(f"{key}.{name}", tr("expected a finite number"))
    if "tolerance" in check and check["tolerance"] < 0:
        raise NetworkError(f"{key}.tolerance", tr("expected a number ≥ 0"))
    for name in ("steps", "sample"):
        if name in check and (type(check[name]) is not int or check[name] < 1):
            raise NetworkError(f"{key}.{name}", tr("expected a whole number ≥ 1"))
    if "relative" in check and not isinstance(check["relative"], bool):
        raise NetworkError(f"{key}.relative", tr("expected true or false"))
    _validate_kind(kind, check, experiment, key)


def _validate_kind(kind: str, check, experiment: Experiment, key: str) -> None:
    network = experiment.network
    if kind == "value_entered":
        if "quantity" not in check and "equals" not in check:
            raise NetworkError(key, tr("a value_entered check needs \"quantity\" or \"equals\""))
        if "quantity" in check:
            values.check_name(check["quantity"], network, f"{key}.quantity")
    elif kind == "parameter_reached":
        parse_parameter(check["param"], network, f"{key}.param")
    elif kind == "step_reached" and check["phase"] not in [p.value for p in REACHABLE_PHASES]:
        raise NetworkError(f"{key}.phase", tr("expected one of {choices}", choices=", ".join(
            p.value for p in REACHABLE_PHASES)))
    elif kind == "test_accuracy_at_least" and (
            experiment.data is None or not experiment.data.has_test_split):
        raise NetworkError(f"{key}.check", tr("the lesson's data has no test split"))
    elif kind == "hidden_activation_is" and check["activation"] not in ACTIVATIONS:
        raise NetworkError(f"{key}.activation",
                           tr("expected one of {choices}", choices=", ".join(ACTIVATIONS)))
    elif kind == "all":
        parts = check["of"]
        if not isinstance(parts, list) or not parts:
            raise NetworkError(f"{key}.of", tr("expected a list of checks"))
        for index, part in enumerate(parts):
            validate_check(part, experiment, f"{key}.of[{index}]")


def _is_number(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value)
