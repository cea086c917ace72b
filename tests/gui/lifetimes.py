"""Deleting the documents and runners a test made at the end of that test.

Left to the garbage collector, Qt objects with signal connections between them are torn down
at some later point in any order, which can crash the interpreter as it exits. A test appends
what it makes to its ``owned`` list; :func:`release` stops timers and schedules deletion, and
the conftest's end-of-test ``sendPostedEvents`` deletes them.
"""

from gui.training_runner import TrainingRunner


def release(objects: list) -> None:
    for item in reversed(objects):
        if isinstance(item, TrainingRunner):
            item.stop_timers()
        item.deleteLater()
    objects.clear()
