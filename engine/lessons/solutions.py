"""Applying a task's solution to a lesson state, as a learner would: what tests run.

A solution is an object of steps, applied in this order: ``set`` ({"w2[1,1]": 0.7}: type
these parameter values), ``hidden_activation`` (give every hidden layer this activation),
``train`` (take this many training steps with the file's settings), ``reach`` (step through
to this phase) and ``enter`` (type this number into the task's field).

A task's ``action`` (a button in the Lessons dock) does one edit in one step:
``hidden_activation`` gives every hidden layer that activation (:func:`apply_action`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from engine.lesson.quantities import Phase
from engine.lessons.checks import REACHABLE_PHASES, LessonState
from engine.model.network import Network
from engine.model.parameter_names import parameter_place, parse_parameter
from engine.model.structure import set_activation
from engine.training.trainer import Trainer


def apply_solution(state: LessonState, solution: Mapping) -> LessonState:
    """A new state: ``state`` (left unchanged) after the steps of ``solution``."""
    experiment = state.experiment.copy()
    network = experiment.network
    for name, value in solution.get("set", {}).items():
        array, index = parameter_place(network, parse_parameter(name, network))
        array[index] = value
    if "hidden_activation" in solution:
        experiment.network = network = with_hidden_activation(
            network, solution["hidden_activation"])
    trained = state.trained_steps
    if "train" in solution:
        trainer = Trainer(experiment)
        trainer.run(int(solution["train"]))
        trained += int(solution["train"])
    phases = state.phases_reached
    if "reach" in solution:
        wanted = REACHABLE_PHASES.index(Phase(solution["reach"]))
        phases = phases | frozenset(REACHABLE_PHASES[:wanted + 1])
    entered = float(solution["enter"]) if "enter" in solution else state.entered
    return replace(state, experiment=experiment, entered=entered, phases_reached=phases,
                   trained_steps=trained)


def with_hidden_activation(network: Network, activation: str) -> Network:
    """A new network: ``network`` with every hidden layer (all but the last) using
    ``activation``; weights and biases unchanged."""
    for layer in range(len(network.layers) - 1):
        network = set_activation(network, layer, activation)
    return network


def apply_action(network: Network, action: Mapping) -> Network:
    """A new network: ``network`` after a task's ``action`` (validated by the loader)."""
    return with_hidden_activation(network, action["hidden_activation"])
