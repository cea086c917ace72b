"""The records of a step-through: immutable steps, the trace that holds them, a cursor on it.

A :class:`Step` holds the :class:`~engine.lesson.quantities.Quantity` it computes and its value; its
phase, its kind of step and what it concerns (layer, neuron, source, sample) are the
quantity's. Its formula, the quantities it reads and its explanation are built from the
trace's numbers only when first asked for (``engine.lesson.neuron_formulas``,
``engine.lesson.layer_formulas``). :class:`Trace` looks steps and values up by quantity;
:class:`StepCursor` moves over it without recomputing anything. ``engine.lesson.stepper`` builds
them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property

from engine.i18n import tr
from engine.lesson.formula import Formula, Symbol, Value, json_value
from engine.lesson.layer_formulas import BUILDERS as LAYER_BUILDERS
from engine.lesson.neuron_formulas import BUILDERS as NEURON_BUILDERS
from engine.lesson.quantities import Granularity, Kind, Phase, Quantity, StepKind
from engine.lesson.trace_data import TraceData

INDEXING_NOTE = (  # a note for programs reading the JSON trace, not for the learner
    "0-based: quantity references, layer, neuron, source, "  # i18n: as is
    "sample and subscripts; the text shown to a learner "  # i18n: as is
    "counts neurons and samples from 1 and layers from "  # i18n: as is
    "the input layer 0"  # i18n: as is
)
BUILDERS = {Granularity.NEURON: NEURON_BUILDERS, Granularity.LAYER: LAYER_BUILDERS}


@dataclass(frozen=True)
class Step:
    """One immutable step of the step-through.

    ``quantity`` is what the step computes and ``value`` its value (a float, or nested tuples
    for a layer's vector or matrix). Its kind says the rest: the ``phase`` and the ``kind`` of
    step; ``layer``, ``neuron``, ``source`` (the input index of a weight) and ``sample`` are the
    quantity's, None where they do not apply. The formula, the quantities read and the
    explanation are built on first use. ``stored`` is the value when it was known at building
    (one number); None: a whole layer's, looked up in ``data`` on first use, so a trace holds
    no layer's numbers twice until asked (``Trace.json_pieces`` writes a fresh copy of each
    step, so what it builds is dropped after each step).
    """

    index: int
    quantity: Quantity
    stored: Value | None = None
    data: TraceData | None = field(default=None, compare=False, repr=False)

    @cached_property
    def value(self) -> Value:
        return self.data.value_of(self.quantity) if self.stored is None else self.stored

    @property
    def phase(self) -> Phase:
        return self.quantity.kind.phase

    @property
    def kind(self) -> StepKind:
        return self.quantity.kind.step

    @property
    def layer(self) -> int | None:
        return self.quantity.layer

    @property
    def neuron(self) -> int | None:
        return self.quantity.neuron

    @property
    def source(self) -> int | None:
        return self.quantity.source

    @property
    def sample(self) -> int | None:
        return self.quantity.sample

    @cached_property
    def _lesson(self) -> tuple[Formula, str]:
        # a whole layer's step (in a big batch, the samples after the first) is written as one
        granularity = Granularity.LAYER if self.data.names_whole(self.quantity) else \
            self.data.granularity
        return BUILDERS[granularity][self.kind](self.data, self)

    @property
    def formula(self) -> Formula:
        """The formula as structured terms (symbols with values, operators, constants)."""
        return self._lesson[0]

    @property
    def explanation(self) -> str:
        """One line in plain language, e.g. "The output is 1 too high, so δ = 1."."""
        return self._lesson[1]

    @property
    def symbolic(self) -> str:
        """The symbolic line, e.g. "z⁽²⁾₁ = w⁽²⁾₁₁·a⁽¹⁾₁ + b⁽²⁾₁"."""
        return self.formula.symbolic_line()

    @property
    def numbers(self) -> str:
        """The substituted-numbers line, e.g. "z⁽²⁾₁ = 1·3 + 1 = 4"."""
        return self.formula.numbers_line()

    @property
    def text(self) -> str:
        """Both on one line: "z⁽²⁾₁ = w⁽²⁾₁₁·a⁽¹⁾₁ + b⁽²⁾₁ = 1·3 + 1 = 4"."""
        return self.formula.text()

    @cached_property
    def reads(self) -> tuple[Quantity, ...]:
        """The quantities this step's numbers are computed from (its operands), in order.

        They are the symbols of the formula's last form, the one shown with numbers; earlier
        forms only name the same thing another way (∂E/∂w = ∂E/∂b·a = δ·a).
        """
        last = self.formula.forms[-1]
        refs = (t.ref for t in last if isinstance(t, Symbol) and t.ref != self.quantity)
        return tuple(dict.fromkeys(refs))

    def to_dict(self) -> dict:
        """Everything about the step as JSON-able values (full float precision)."""
        return {
            "index": self.index,
            "phase": str(self.phase),
            "kind": str(self.kind),
            "layer": self.layer,
            "neuron": self.neuron,
            "source": self.source,
            "sample": self.sample,
            "quantity": self.quantity.to_json(),
            "value": json_value(self.value),
            "reads": [ref.to_json() for ref in self.reads],
            "formula": self.formula.to_dict(),
            "symbolic": self.symbolic,
            "numbers": self.numbers,
            "text": self.text,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Explanation:
    """Where a number comes from: the step that computed it and each operand's own step.

    ``step`` is None for a given quantity (an input, a target, a parameter, a setting);
    ``operands`` pairs each quantity the step read with the step that computed it (or None).
    """

    quantity: Quantity
    value: Value
    step: Step | None
    operands: tuple[tuple[Quantity, Step | None], ...]


class Trace:
    """The ordered, immutable steps of one training step, with lookups by quantity."""

    def __init__(self, steps: list[Step], data: TraceData):
        self.steps: tuple[Step, ...] = tuple(steps)
        self.data = data

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> Step:
        return self.steps[index]

    def __iter__(self):
        return iter(self.steps)

    @property
    def granularity(self) -> Granularity:
        return self.data.granularity

    @cached_property
    def _by_quantity(self) -> dict[Quantity, Step]:
        return {step.quantity: step for step in self.steps}

    def phase_start(self, phase: Phase) -> int:
        """Index of the first step of ``phase`` (ValueError if the trace has none)."""
        for step in self.steps:
            if step.phase == phase:
                return step.index
        raise ValueError(f"no step in phase {phase!r} (phases: {', '.join(Phase)})")

    def step_for(self, quantity: Quantity) -> Step | None:
        """The step that computed ``quantity``, or None if it is given (input, weight, …).

        A neuron's quantity in a layer-at-a-time trace finds its layer's step, and a hidden
        neuron's ∂E/∂a, summed inside its δ step, finds that δ step.
        """
        by_quantity = self._by_quantity
        if quantity in by_quantity:
            return by_quantity[quantity]
        if quantity.kind is Kind.GRAD_ACTIVATION:
            return by_quantity.get(quantity.with_kind(Kind.DELTA))
        if quantity.kind is Kind.SLOPE:  # f′(z) is read off z
            return by_quantity.get(quantity.with_kind(Kind.PRE_ACTIVATION))
        if self.granularity is Granularity.LAYER or quantity.sample is not None:
            return by_quantity.get(quantity.whole_layer())  # a big batch's later samples too
        return None

    def value_of(self, quantity: Quantity) -> Value:
        """The value of any quantity of this trace, computed by a step or given."""
        return self.data.value_of(quantity)

    def explain(self, quantity: Quantity) -> Explanation:
        """ "Explain this number": the step that computed ``quantity`` and its operands' steps."""
        value = self.value_of(quantity)
        step = self.step_for(quantity)
        if step is None:
            return Explanation(quantity, value, None, ())
        operands = tuple((ref, self.step_for(ref)) for ref in step.reads)
        return Explanation(quantity, value, step, operands)

    def given_values(self) -> dict[Quantity, Value]:
        """Quantities known before the first step: inputs, targets, parameters, settings."""
        return self.data.given_values()

    def _head(self) -> dict:
        return {
            "indexing": INDEXING_NOTE,
            "granularity": str(self.granularity),
            "network": repr(self.data.network),
            "loss": self.data.network.loss,
            "reduction": self.data.network.reduction,
            "optimizer": self.data.optimizer_description(),
            "samples": list(self.data.samples),
        }

    def to_dict(self) -> dict:
        """The whole trace as JSON-able values (for ``main.py trace --json``)."""
        return {**self._head(), "steps": [step.to_dict() for step in self.steps]}

    def json_pieces(self, tail: dict | None = None, **options):
        """The JSON text of ``{**to_dict(), **tail}`` in pieces, one step at a time, so a trace
        of any size is written without ever being held whole (``options`` go to json.dumps)."""
        head = json.dumps(self._head(), **options)
        yield head[:-1] + ',"steps":['
        for number, step in enumerate(self.steps):
            # a fresh copy: its formula and value are built for this piece and then dropped
            yield ("," if number else "") + json.dumps(replace(step).to_dict(), **options)
        yield "]"
        for key, value in (tail or {}).items():
            yield f",{json.dumps(key, **options)}:{json.dumps(value, **options)}"
        yield "}"

    def text_lines(self, explanations: bool = True):
        """The trace in plain text, phase by phase, one numbered line per step (and one of
        explanation), line by line."""
        yield f"{self.data.network!r}, {self.data.sample_description()}"
        yield tr("optimizer: {description}", description=self.data.optimizer_description())
        width = len(str(len(self.steps)))
        phase = None
        for step in self.steps:
            step = replace(step)  # a fresh copy: what it builds is dropped after its lines
            if step.phase != phase:
                phase = step.phase
                yield ""
                yield phase.title
            yield f"  {step.index + 1:>{width}}. {step.text}"
            if explanations:
                yield f"  {'':>{width}}  {step.explanation}"

    def to_text(self, explanations: bool = True) -> str:
        """The whole trace in plain text (:meth:`text_lines` joined)."""
        return "\n".join(self.text_lines(explanations)) + "\n"


class StepCursor:
    """A position in a trace: −1 before the first step, up to ``len(trace) − 1``.

    Moving never recomputes anything: the records are the trace's own, so going back and
    forth returns the identical objects.
    """

    def __init__(self, trace: Trace, position: int = -1):
        self.trace = trace
        self._position = -1
        self.seek(position)

    @property
    def position(self) -> int:
        return self._position

    @property
    def current(self) -> Step | None:
        """The step at the cursor, None before the first."""
        return None if self._position < 0 else self.trace.steps[self._position]

    @property
    def at_start(self) -> bool:
        return self._position == -1

    @property
    def at_end(self) -> bool:
        return self._position == len(self.trace) - 1

    def seek(self, position: int) -> None:
        """Move to ``position`` (−1 … len − 1); IndexError outside."""
        if not -1 <= position < len(self.trace):
            raise IndexError(f"position {position} outside -1..{len(self.trace) - 1}")
        self._position = position

    def next(self) -> bool:
        """Move one step forward; False (and no move) at the last step."""
        if self.at_end:
            return False
        self._position += 1
        return True

    def previous(self) -> bool:
        """Move one step back; False (and no move) before the first step."""
        if self.at_start:
            return False
        self._position -= 1
        return True

    def jump_to_phase(self, phase: Phase) -> Step:
        """Put the cursor on the first step of ``phase`` and return that step."""
        self.seek(self.trace.phase_start(phase))
        return self.current

    def reset(self) -> None:
        """Back to before the first step."""
        self._position = -1

    def known_quantities(self) -> dict[Quantity, Value]:
        """The quantities computed by the steps up to and including the cursor's."""
        return {step.quantity: step.value for step in self.trace.steps[: self._position + 1]}

    def known_values(self) -> dict[Quantity, Value]:
        """Everything the canvas may show at this point: the given values and the computed ones."""
        values = self.trace.given_values()
        values.update(self.known_quantities())
        return values
