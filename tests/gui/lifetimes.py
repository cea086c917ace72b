"""Deleting the documents and runners a test made, at the end of that test.

Left to the garbage collector, Qt objects with signal connections between them are torn down
at some later point in any order (a QUndoStack, for one, emits signals while it is destroyed),
which can crash the interpreter as it exits. A test appends what it makes to its ``owned``
list and :func:`release` takes them down now, in a safe order: runners' timers stopped, undo
stacks emptied while everything is still alive, then each object deleted.
"""

from PySide6.QtCore import QCoreApplication, QEvent

from engine.files.netfile import load
from gui.document import Document
from gui.training_runner import TrainingRunner


def release(objects: list) -> None:
    for item in reversed(objects):
        if isinstance(item, TrainingRunner):
            item.stop_timers()
        if isinstance(item, Document):
            item.undo_stack.clear()
    for item in reversed(objects):
        item.deleteLater()
        QCoreApplication.sendPostedEvents(item, QEvent.Type.DeferredDelete)
    objects.clear()


def opened(owned: list, preset: str) -> Document:
    """A document on ``preset:NAME``, released at the end of the test that owns it."""
    document = Document(load(f"preset:{preset}"))
    owned.append(document)
    return document


def runner_for(owned: list, document: Document) -> TrainingRunner:
    """A training runner on ``document``, released at the end of the test that owns it."""
    runner = TrainingRunner(document)
    owned.append(runner)
    return runner
