"""Demo mode steps and updates by itself, but leaves the document as clean as it found it."""

import pytest

from gui import app, files
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)


@pytest.fixture
def new_window(request):
    return request.getfixturevalue("make_window")


def test_the_demo_leaves_the_document_clean_and_quitting_asks_nothing(new_window, qtbot,
                                                                       monkeypatch):
    window = new_window()
    asked = []
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: asked.append(name)
                        or files.CANCEL)
    driver = app.DemoDriver(window, step_ms=1, pause_ms=1)
    driver.start()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() >= 2, timeout=10_000)
    driver.stop()
    assert window.document.network.layers[1].weights[0, 0] == pytest.approx(0.7875)
    assert not window.document.is_modified and not window.isWindowModified()
    assert window.document.undo_stack.canUndo()  # the updates are still undoable
    assert window.close() and asked == []


def test_an_edit_made_before_the_demo_is_still_unsaved_work(new_window, qtbot):
    window = new_window()
    window.document.set_parameter(0, 0, None, 0.5)  # the learner's own edit
    driver = app.DemoDriver(window, step_ms=1, pause_ms=1)
    driver.start()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() >= 3, timeout=10_000)
    driver.stop()
    assert window.document.is_modified
