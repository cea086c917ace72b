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
There is one per document (:meth:`LessonHidden.of`), so views find it by their document.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from gui.items import NeuronRef


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
