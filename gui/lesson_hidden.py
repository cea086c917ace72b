"""Which values the open lesson hides now: the one owner every view asks.

A lesson may ask the learner to predict some neurons' forward values before showing them
(engine/lessons/lesson.py, ``Lesson.still_hidden``). The Lessons panel tells this object which
neurons those are (gui/lessons_dock.py connects it once); the canvas, the status bar, the Output
Map, the inspector and the activation plot read it and show "?" (or draw nothing) while it hides
something, and show the engine's numbers again as soon as ``changed`` says it hides nothing.

``hides_output``: the network's output, the loss E and every backward number (δ, ∂E/∂w, ∂E/∂b)
are hidden as soon as any neuron is. Each of them is computed from the output, and the output
from every neuron before it; with the weights on screen the learner could work a hidden value out
backward from any of them (lesson 2: z = 4 and w = b = 1 give y = 3; ∂E/∂b = z − t gives z).
A step of the step-through (or an explanation of a number) hides its numbers when it computes
or reads a hidden neuron's value, or comes after the forward pass (:meth:`hides_step`).
There is one per document (:meth:`LessonHidden.of`), so views find it by their document.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from engine.lesson.quantities import Kind, Phase
from gui.items import NeuronRef

_FORWARD_VALUES = (Kind.PRE_ACTIVATION, Kind.ACTIVATION)  # a neuron's z and a


def hidden_note() -> str:
    """What a view shows in place of numbers the lesson hides (one sentence, one translation)."""
    return QCoreApplication.translate("LessonHidden", "Hidden until you predict it in the lesson.")


class LessonHidden(QObject):
    """The neurons (NeuronRef) whose values the open lesson hides now."""

    changed = Signal(object)  # the new frozenset of NeuronRef

    def __init__(self, document, parent=None):
        super().__init__(parent if parent is not None else document)
        self.neurons: frozenset = frozenset()

    @classmethod
    def of(cls, document) -> LessonHidden:
        """The one ``LessonHidden`` of ``document`` (made, as its child, when first asked)."""
        found = document.findChild(cls, "", Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else cls(document)

    def set_neurons(self, neurons) -> None:
        """Hide the values of ``neurons`` (NeuronRefs; empty: hide nothing) until set again."""
        neurons = frozenset(neurons)
        if neurons != self.neurons:
            self.neurons = neurons
            self.changed.emit(neurons)

    def hides(self, ref) -> bool:
        """Whether the values of ``ref`` (a NeuronRef) are hidden."""
        return isinstance(ref, NeuronRef) and ref in self.neurons

    @property
    def hides_output(self) -> bool:
        """Whether the output, E and the backward numbers are hidden (any neuron is: see the
        module text)."""
        return bool(self.neurons)

    def hides_quantity(self, quantity) -> bool:
        """Whether the engine ``Quantity`` is hidden: a hidden neuron's z or a (a whole layer's
        when one of its neurons is hidden), or E, a backward number or an update while any
        neuron is hidden (given numbers, the inputs, targets and parameters, never are)."""
        if not self.neurons:
            return False
        if quantity.kind in _FORWARD_VALUES and quantity.layer is not None:
            return any(ref.column == quantity.layer + 1 and quantity.neuron in (None, ref.neuron)
                       for ref in self.neurons)
        return quantity.kind.phase not in (None, Phase.FORWARD)

    def hides_step(self, step) -> bool:
        """Whether the step-through's ``step`` (engine/lesson/steps.py) would show a hidden
        value: the one it computes or one it reads."""
        return any(self.hides_quantity(quantity) for quantity in (step.quantity, *step.reads))
