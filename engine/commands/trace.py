"""``trace FILE [--json]``: every step of one forward pass, loss, backward pass and update.

The steps come from the engine's step-through (:mod:`engine.lesson.stepper`), the same records the
window shows (``trace_training_step``), for the batch the next training step would use
(``Trainer.next_batch``: the whole set for full batch, else the first batch of the first epoch,
shuffling included), the update's values being the trainer's own; printed as
plain text, or as JSON with every value at full precision. The JSON ends with
``"after_update": {"w1[1,1]": …, "b1[1]": …}``: every parameter by name
(engine/model/parameter_names.py) as one training step leaves it, i.e. exactly what
``train FILE --steps 1 --save OUT.json`` saves (unchanged if that step diverged and was undone).
"""

from __future__ import annotations

import sys

from engine.commands.common import EXIT_OK
from engine.errors import NetworkError, NetworkFileError
from engine.files.netfile import load
from engine.i18n import tr
from engine.lesson.quantities import Granularity
from engine.lesson.stepper import MAX_NEURON_STEPS, trace_training_step
from engine.model.parameter_names import named_values
from engine.training.trainer import Trainer


def trace(spec: str, as_json: bool = False) -> int:
    """Print the step-through of one training step of ``spec``'s network on its next batch."""
    experiment = load(spec)
    if experiment.data is None or len(experiment.data) == 0:
        raise NetworkFileError("data", tr("there are no samples to step through (data is empty)"),
                               spec)
    trainer = Trainer(experiment.copy())  # the step training takes, on its own copy
    try:
        steps = trace_training_step(experiment, trainer, Granularity.NEURON)
        note = None
    except NetworkError as error:
        if error.key != "granularity":
            raise NetworkFileError(error.key, error.problem, spec) from None
        # too many neurons for one line each: one step per layer and phase instead
        steps = trace_training_step(experiment, trainer, Granularity.LAYER)
        note = tr("more than {limit:,} neuron steps: shown layer by layer",
                  limit=MAX_NEURON_STEPS)
    # written piece by piece: a trace of any size is never held whole as one text
    out = sys.stdout
    if as_json:
        # the trace's update is one step of a copy of the trainer: its parameters, as they are
        tail = {"file": spec, "after_update": named_values(steps.data.new_network)}
        options = {"ensure_ascii": False, "allow_nan": False, "separators": (",", ":")}
        out.writelines(steps.json_pieces(tail, **options))
        out.write("\n")
    else:
        if note:
            out.write(f"({note})\n")
        out.writelines(line + "\n" for line in steps.text_lines())
    out.flush()
    return EXIT_OK
