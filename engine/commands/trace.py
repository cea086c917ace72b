"""``trace FILE [--json]``: every step of one forward pass, loss, backward pass and update.

The steps come from the engine's step-through (:mod:`engine.stepper`), the same records the
window shows, for the first batch the file's settings describe; printed as plain text, or as
JSON with every value at full precision.
"""

from __future__ import annotations

import json

from engine.commands.common import EXIT_OK
from engine.errors import NetworkError, NetworkFileError
from engine.netfile import load
from engine.quantities import Granularity
from engine.stepper import MAX_NEURON_STEPS, trace_experiment


def trace(spec: str, as_json: bool = False) -> int:
    """Print the step-through of one training step of ``spec``'s network on its first batch."""
    experiment = load(spec)
    if experiment.data is None or len(experiment.data) == 0:
        raise NetworkFileError("data", "there are no samples to step through (data is empty)", spec)
    try:
        steps = trace_experiment(experiment, granularity=Granularity.NEURON)
        note = None
    except NetworkError as error:
        if error.key != "granularity":
            raise NetworkFileError(error.key, error.problem, spec) from None
        # too many neurons for one line each: one step per layer and phase instead
        steps = trace_experiment(experiment, granularity=Granularity.LAYER)
        note = f"more than {MAX_NEURON_STEPS:,} neuron steps: shown layer by layer"
    if as_json:
        document = steps.to_dict()
        document["file"] = spec
        print(json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
    else:
        if note:
            print(f"({note})")
        print(steps.to_text(), end="")
    return EXIT_OK
