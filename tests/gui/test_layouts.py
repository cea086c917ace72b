"""The window's dock layouts (gui/layouts.py): training and stepping, switched by Run and Step,
kept once the learner arranges the docks, and usable at every size from 800 × 600 up; the
toolbar keeps its buttons in place, and Play / Pause are style icons, not font symbols."""

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPointF, QSettings, QSize, Qt
from PySide6.QtGui import QMouseEvent, QUndoCommand
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar, QToolButton

from engine.files import netfile
from gui import files
from gui.document import Document
from gui.layouts import STEPPING, TRAINING
from gui.main_window import MainWindow

DEFAULT = QSize(1280, 800)
SIZES = [QSize(800, 600), QSize(1024, 700), QSize(1280, 800), QSize(1920, 1080)]


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    windows = []

    def make(spec="preset:xor", size=DEFAULT, settings_name="settings.ini"):
        settings = QSettings(str(tmp_path / settings_name), QSettings.Format.IniFormat)
        window = MainWindow(Document(netfile.load(spec)), settings,
                            files.RecoveryFile(str(tmp_path / "recovery")))
        qtbot.addWidget(window)
        window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(window) for window in windows)


def shown_docks(window):
    """The docks the learner sees: open, and the current tab of their group."""
    return {dock.objectName(): dock for dock in window.docks()
            if dock.isVisible() and not dock.visibleRegion().isEmpty()}


def settle(window, size):
    window.resize(size)
    QApplication.processEvents()


def check_fits(window, size):
    """The window has the size asked for, needs no more, and its shown docks and canvas are
    side by side (none over another), each at least its minimum size."""
    assert window.size() == size
    needed = window.layout().minimumSize()
    assert needed.width() <= size.width() and needed.height() <= size.height()
    shown = list(shown_docks(window).values())
    assert shown
    window_rect = window.rect()
    canvas = window.canvas.geometry()
    for index, dock in enumerate(shown):
        geometry = dock.geometry()
        assert window_rect.contains(geometry), dock.objectName()
        assert not geometry.intersects(canvas), dock.objectName()
        hint = dock.minimumSizeHint()
        assert geometry.width() >= hint.width() and geometry.height() >= hint.height(), \
            dock.objectName()
        for other in shown[index + 1:]:
            assert not geometry.intersects(other.geometry()), (dock.objectName(),
                                                                other.objectName())


def test_the_training_layout_shows_network_loss_gradients_and_map_at_once(make_window):
    window = make_window()
    window.layouts.training_action.trigger()
    QApplication.processEvents()
    shown = shown_docks(window)
    for name in ("loss_dock", "gradient_dock", "output_map_dock", "training_dock"):
        assert name in shown, name
    assert window.canvas.width() >= 600 and window.canvas.height() >= 350
    check_fits(window, QSize(1280, 800))
    assert window.layouts.training_action.isChecked()


def test_the_stepping_layout_shows_step_through_and_explain_beside_it(make_window):
    window = make_window()
    window.layouts.stepping_action.trigger()
    QApplication.processEvents()
    shown = shown_docks(window)
    assert {"step_dock", "explain_dock", "inspector_dock"} <= set(shown)
    step, explain = shown["step_dock"].geometry(), shown["explain_dock"].geometry()
    assert step.right() < explain.left()  # side by side, neither over the other
    check_fits(window, QSize(1280, 800))


@pytest.mark.parametrize("layout", [TRAINING, STEPPING])
def test_every_size_from_800_by_600_fits_without_overlap(make_window, layout):
    window = make_window(size=QSize(800, 600))
    window.layouts.apply(layout)
    for size in SIZES + [QSize(800, 600)]:  # up, then all the way down again
        settle(window, size)
        check_fits(window, size)
        assert window.layouts.compact == (size == QSize(800, 600))


def test_at_800_by_600_the_step_panel_keeps_its_controls_and_text(make_window):
    window = make_window(size=QSize(800, 600))
    for _ in range(20):
        window.step_panel.next_action.trigger()
    QApplication.processEvents()
    assert window.layouts.current == STEPPING
    assert "step_dock" in shown_docks(window)
    panel = window.step_panel
    for widget in (panel.next_button, panel.play_button, panel.granularity_combo,
                   panel.sample_spin, panel.speed_slider, panel.phase_strip[next(
                       iter(panel.phase_strip))]):
        assert widget.isVisible()
        assert widget.height() >= widget.sizeHint().height()
        assert widget.width() >= widget.minimumSizeHint().width()
    # the formula wraps inside a scroll area; the sentence under it has all its lines
    assert panel.formula_label.wordWrap() and panel.formula_area.widgetResizable()
    label = panel.explanation_label
    assert label.text()
    assert label.height() >= label.heightForWidth(label.width())
    assert panel.rect().contains(label.geometry())
    assert panel.formula_area.height() >= panel.formula_area.minimumSizeHint().height()


def test_run_switches_to_training_and_a_step_back_to_stepping(make_window, qtbot):
    window = make_window()
    layouts = window.layouts
    assert layouts.current == STEPPING
    runner = window.training_docks.runner
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: runner.clock.running)
    assert layouts.current == TRAINING
    assert "loss_dock" in shown_docks(window)
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: not runner.clock.running)
    window.step_panel.next_action.trigger()
    assert layouts.current == STEPPING
    assert {"step_dock", "explain_dock"} <= set(shown_docks(window))


def test_a_learner_who_arranges_docks_keeps_their_arrangement(make_window, qtbot):
    window = make_window()
    layouts = window.layouts
    window.training_docks.loss_dock.toggleViewAction().trigger()  # opens it: their choice
    assert layouts.arranged_by_learner
    window.step_panel.next_action.trigger()
    runner = window.training_docks.runner
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: runner.clock.running)
    assert layouts.current == STEPPING  # not switched
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: not runner.clock.running)
    layouts.restore_action.trigger()
    assert not layouts.arranged_by_learner
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: runner.clock.running)
    assert layouts.current == TRAINING
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: not runner.clock.running)


def test_a_floated_dock_counts_as_arranged_and_restore_docks_it_again(make_window):
    window = make_window()
    dock = window.explain_dock
    dock.setFloating(True)
    assert window.layouts.arranged_by_learner
    window.layouts.restore_action.trigger()
    assert not dock.isFloating()
    assert "explain_dock" in shown_docks(window)


def send_mouse(window, kind, point, buttons):
    """A mouse event on the window itself (where QMainWindow handles its separators)."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else \
        Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, point, window.mapToGlobal(point), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    QApplication.processEvents()  # the main window applies a separator's move on a timer


def drag_separator(window, distance):
    """Press on the separator between the canvas and the right-hand docks, move, release."""
    canvas = window.canvas.geometry()
    right = min(dock.geometry().left() for dock in shown_docks(window).values()
                if dock.geometry().left() > canvas.right())
    start = QPointF((canvas.right() + right) // 2 + 1, canvas.center().y())
    left = Qt.MouseButton.LeftButton
    send_mouse(window, QEvent.Type.MouseMove, start, Qt.MouseButton.NoButton)  # hover: split
    send_mouse(window, QEvent.Type.MouseButtonPress, start, left)
    for step in range(1, distance + 1, 5):
        send_mouse(window, QEvent.Type.MouseMove, start - QPointF(step, 0), left)
    send_mouse(window, QEvent.Type.MouseButtonRelease, start - QPointF(distance, 0),
               Qt.MouseButton.NoButton)


def test_dragging_the_separator_between_docks_counts_as_arranged(make_window, qtbot):
    window = make_window()
    width = window.canvas.width()
    drag_separator(window, 0)  # a press and release on the separator moves nothing
    assert window.canvas.width() == width
    assert not window.layouts.arranged_by_learner
    drag_separator(window, 60)
    assert window.canvas.width() < width - 40
    assert window.layouts.arranged_by_learner
    runner = window.training_docks.runner
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: runner.clock.running)
    assert window.layouts.current == STEPPING  # their arrangement stays
    window.training_docks.training_panel.run_button.click()
    qtbot.waitUntil(lambda: not runner.clock.running)


def test_the_layout_and_the_learners_choice_are_remembered(make_window):
    window = make_window()
    window.layouts.training_action.trigger()
    window.explain_dock.setFloating(True)
    window.write_settings()
    window.close()
    again = make_window()
    assert again.layouts.current == TRAINING
    assert again.layouts.arranged_by_learner


def test_the_view_menu_lists_the_layouts(make_window):
    window = make_window()
    texts = [action.text() for action in window.view_menu.actions()]
    for text in ("&Training Layout", "&Stepping Layout", "&Restore Default Layout"):
        assert text in texts


def test_dock_tabs_carry_their_whole_title_as_a_tooltip(make_window):
    window = make_window(size=QSize(800, 600))
    bars = [bar for bar in window.findChildren(
        QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly) if bar.isVisible()]
    titles = {dock.windowTitle() for dock in window.docks()}
    seen = set()
    for bar in bars:
        # whole titles, never "Lo…": a row wider than its group scrolls
        assert bar.elideMode() == Qt.TextElideMode.ElideNone and bar.usesScrollButtons()
        for index in range(bar.count()):
            assert bar.tabToolTip(index) == bar.tabText(index)
            text_width = bar.fontMetrics().horizontalAdvance(bar.tabText(index))
            assert bar.tabRect(index).width() >= text_width
            seen.add(bar.tabText(index))
    assert titles <= seen | {dock.windowTitle() for dock in window.docks()
                             if not window.tabifiedDockWidgets(dock)}


def button_places(window):
    """Every toolbar button's place and size in window coordinates."""
    places = {}
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                top_left = button.mapTo(window, button.rect().topLeft())
                places[(bar.objectName(), action.text() if action.isSeparator() else id(action))] \
                    = (top_left.x(), top_left.y(), button.width(), button.height())
    return places


def test_buttons_stay_put_while_undo_next_and_play_change_their_texts(make_window, qtbot):
    window = make_window(size=QSize(800, 600))
    before = button_places(window)
    command = QUndoCommand("Train 83,216 steps")
    window.document.undo_stack.push(command)
    QApplication.processEvents()
    assert window.undo_action.text() == "&Undo Train 83,216 steps"
    assert window.undo_action.toolTip() == "Undo Train 83,216 steps"
    assert button_places(window) == before
    stepping = window.stepping
    stepping.next()
    while not stepping.at_end:
        stepping.next()
    QApplication.processEvents()
    assert window.step_panel.next_action.text() == "Apply update ▶"
    assert window.next_bar_action.toolTip() == window.step_panel.next_action.toolTip()
    assert button_places(window) == before
    stepping.restart()
    panel = window.step_panel
    panel.speed_slider.setValue(0)  # slow: the test pauses before a step
    panel.play_action.trigger()
    QApplication.processEvents()
    assert panel.play_action.text() == "Pause"
    assert button_places(window) == before
    panel.play_action.trigger()
    window.document.undo_stack.undo()


def test_play_and_pause_are_style_icons(make_window):
    window = make_window()
    panel = window.step_panel
    bar = window.findChild(QToolBar, "step_toolbar")
    button = bar.widgetForAction(panel.play_action)
    for playing in (False, True):
        icon = panel._play_icons[playing]
        assert not icon.isNull() and not icon.pixmap(16, 16).isNull()
    assert not panel.play_action.icon().isNull()
    assert "⏸" not in panel.play_action.text() and "▶" not in panel.play_action.text()
    assert button.toolTip()
    assert not button.icon().isNull()


def test_the_toolbar_next_takes_the_step_panels_step(make_window):
    window = make_window()
    window.next_bar_action.trigger()
    assert window.stepping.position == 0
    assert window.next_bar_action.text() == "Next ▶"
