"""The main window, driven as a learner would: menus, dialogs, the canvas, files, undo."""

import json
import shutil

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from engine.files import netfile
from engine.lesson.quantities import Kind, Quantity
from engine.model.experiment import Dataset
from gui import app, files, network_actions
from gui.document import Document
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def answers(monkeypatch):
    """What the learner answers to the window's questions (and the messages shown)."""
    record = {"save": files.DISCARD, "restore": True, "errors": [], "warnings": []}
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: record["save"])
    monkeypatch.setattr(files, "ask_restore", lambda parent, age: record["restore"])
    monkeypatch.setattr(files, "show_file_error",
                        lambda parent, title, error: record["errors"].append(str(error)))
    monkeypatch.setattr(network_actions.QMessageBox, "warning",
                        lambda parent, title, text, *rest: record["warnings"].append(text))
    return record


@pytest.fixture
def make_window(qtbot, settings, tmp_path, answers):
    windows = []

    def make(spec="preset:seed"):
        document = Document(netfile.load(spec))
        window = MainWindow(document, settings, files.RecoveryFile(str(tmp_path / "recovery")))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    # pytest-qt has closed them and asked for their deletion: do it now, not whenever the
    # garbage collector reaches their Python side (which then tears them down in any order)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(window) for window in windows)


def answer_dialog(qtbot, fill):
    """Let ``fill(dialog)`` act on the next modal dialog once it is open."""

    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), "no dialog opened"
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():  # a failed fill must not leave the test waiting forever
                dialog.reject()

    QTimer.singleShot(0, act)


def type_into_canvas(qtbot, window, ref, text):
    """Double-click ``ref`` on the canvas, type ``text`` and press Enter."""
    canvas = window.canvas
    where = canvas.mapFromScene(canvas.anchor_of(ref))
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = canvas.editor
    assert editor is not None and editor.ref == ref
    editor.line_edit.clear()
    qtbot.keyClicks(editor.line_edit, text)
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    return editor


def snapshot(window):
    return json.dumps(netfile.to_dict(window.document.experiment), sort_keys=True)


# ----- the title ------------------------------------------------------------------------------
def test_title_shows_the_name_and_the_unsaved_mark(make_window):
    window = make_window()
    assert window.windowTitle().endswith("[*] — Backprop Simulator")
    assert not window.isWindowModified()
    window.document.set_parameter(0, 0, 0, 2.0)
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert not window.isWindowModified()


# ----- the walkthrough, built by hand ---------------------------------------------------------
def test_new_1_1_1_identity_network_with_the_walkthrough_weights_gives_its_numbers(
        make_window, qtbot):
    window = make_window()

    def fill(dialog):
        dialog.sizes_edit.setText("1, 1, 1")
        dialog.set_activations("identity", "identity")
        dialog.loss_combo.setCurrentText("half_sse")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    answer_dialog(qtbot, fill)
    assert window.file_actions.new_action.isEnabled()
    window.file_actions.new_action.trigger()
    network = window.document.network
    assert network.sizes == [1, 1, 1]
    assert [layer.activation for layer in network.layers] == ["identity", "identity"]
    for ref in (WeightRef(0, 0, 0), BiasRef(0, 0), WeightRef(1, 0, 0), BiasRef(1, 0)):
        type_into_canvas(qtbot, window, ref, "1")
    window.document.set_data("Sample", Dataset([[2.0]], [[3.0]]))
    values = window.canvas.network_scene.values
    assert values.neuron(1, 0)["a"] == 3.0 and values.neuron(2, 0)["a"] == 4.0
    assert values.loss == 0.5
    stepping = window.stepping
    while not stepping.at_end:
        window.step_panel.next_action.trigger()
    window.step_panel.next_action.trigger()  # applies the update
    layers = window.document.network.layers
    assert layers[1].weights[0, 0] == pytest.approx(0.7)
    assert layers[1].biases[0] == pytest.approx(0.9)
    assert layers[0].weights[0, 0] == pytest.approx(0.8)
    assert layers[0].biases[0] == pytest.approx(0.9)
    window.step_panel.restart_action.trigger()  # the canvas shows the whole forward pass again
    values = window.canvas.network_scene.values
    assert values.neuron(1, 0)["a"] == pytest.approx(2.5)  # the notes' "2.5"
    assert values.neuron(2, 0)["a"] == pytest.approx(2.65)  # and "2.65"
    assert window.document.network.loss_value([[2.0]], [[3.0]]) == pytest.approx(0.06125)


def test_new_network_dialog_refuses_bad_sizes_and_stays_open(make_window, qtbot):
    window = make_window()
    before = snapshot(window)
    seen = {}

    def fill(dialog):
        dialog.sizes_edit.setText("2, zero, 1")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.message.text()
        dialog.reject()

    answer_dialog(qtbot, fill)
    assert not window.file_actions.new_network()
    assert seen["open"] and "not a whole number" in seen["message"]
    assert snapshot(window) == before


# ----- undo / redo of every kind of edit ------------------------------------------------------
def edit_weight(window, qtbot):
    type_into_canvas(qtbot, window, WeightRef(0, 0, 0), "0.25")


def edit_bias(window, qtbot):
    type_into_canvas(qtbot, window, BiasRef(1, 0), "-2")


def freeze(window, qtbot):
    window.document.select(WeightRef(1, 0, 0))
    window.network_actions.freeze_action.trigger()


def reinitialise(window, qtbot):
    def fill(dialog):
        dialog.scheme_combo.setCurrentText("uniform")
        dialog.seed_spin.setValue(3)
        dialog.accept()

    answer_dialog(qtbot, fill)
    window.network_actions.reinitialize_action.trigger()


def set_constant(window, qtbot):
    def fill(dialog):
        dialog.value_spin.setValue(0.5)
        dialog.accept()

    answer_dialog(qtbot, fill)
    window.network_actions.constant_action.trigger()


def add_neuron(window, qtbot):
    window.document.select(NeuronRef(1, 0))
    window.network_actions.add_neuron_action.trigger()


def add_input(window, qtbot):
    window.document.select(NeuronRef(0, 0))
    window.network_actions.add_neuron_action.trigger()
    assert window.document.data.inputs.shape == (1, 2)


def add_layer(window, qtbot):
    window.document.select(NeuronRef(1, 0))
    window.network_actions.add_layer_after_action.trigger()


def remove_layer(window, qtbot):
    window.document.select(NeuronRef(1, 0))
    window.network_actions.remove_layer_action.trigger()


def change_activation(window, qtbot):
    window.document.select(NeuronRef(1, 0))
    window.network_actions.activation_actions["tanh"].trigger()


EDITS = [edit_weight, edit_bias, freeze, reinitialise, set_constant, add_neuron, add_input,
         add_layer, remove_layer, change_activation]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_every_kind_of_edit_is_undone_and_redone(make_window, qtbot, edit):
    window = make_window()
    before = snapshot(window)
    edit(window, qtbot)
    after = snapshot(window)
    assert after != before and window.isWindowModified()
    window.undo_action.trigger()
    assert snapshot(window) == before and not window.isWindowModified()
    window.redo_action.trigger()
    assert snapshot(window) == after


def test_removing_the_last_neuron_of_a_layer_is_refused(make_window, answers):
    window = make_window()
    before = snapshot(window)
    window.document.select(NeuronRef(1, 0))
    window.network_actions.remove_neuron_action.trigger()
    assert answers["warnings"] and "last neuron" in answers["warnings"][0]
    assert "last neuron" in window.statusBar().currentMessage()
    assert snapshot(window) == before and window.document.undo_stack.count() == 0


def test_activation_menu_checks_the_selected_layers_activation(make_window):
    window = make_window("preset:xor")
    window.document.select(NeuronRef(1, 0))
    assert window.network_actions.activation_actions["sigmoid"].isChecked()
    window.document.select(NeuronRef(0, 0))
    assert not window.network_actions.activation_actions["sigmoid"].isEnabled()


# ----- files ----------------------------------------------------------------------------------
def test_save_and_reopen_gives_the_same_network(make_window, tmp_path):
    window = make_window()
    window.document.set_parameter(0, 0, 0, 0.123456789)
    path = tmp_path / "mine.json"
    assert window.file_actions.save_as(str(path))
    assert not window.isWindowModified() and "mine.json" in window.windowTitle()
    saved = snapshot(window)
    window.document.set_parameter(0, 0, 0, 5.0)
    assert window.file_actions.open_file(str(path))
    assert snapshot(window) == saved
    assert files.recent_files(window.settings)[0] == str(path)


def test_a_bad_file_shows_the_engines_message_and_keeps_the_open_network(
        make_window, tmp_path, answers):
    window = make_window()
    window.document.set_parameter(0, 0, 0, 2.0)
    before = snapshot(window)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "backprop-sim.network", "version": 1, "input_size": 1, '
                   '"layers": [{"activation": "identity", "weights": [[1, 2]], "biases": [0]}]}')
    answers["save"] = files.DISCARD
    assert not window.file_actions.open_file(str(bad))
    assert answers["errors"] and "bad.json" in answers["errors"][0]
    assert "layers[0].weights" in answers["errors"][0]
    assert snapshot(window) == before and window.isWindowModified()


def test_cancel_at_the_save_question_keeps_the_unsaved_network(make_window, tmp_path, answers):
    window = make_window()
    window.document.set_parameter(0, 0, 0, 2.0)
    before = snapshot(window)
    answers["save"] = files.CANCEL
    assert not window.file_actions.open_preset("xor")
    assert snapshot(window) == before


def test_save_at_the_save_question_writes_the_file_first(make_window, tmp_path, answers):
    window = make_window()
    path = tmp_path / "kept.json"
    window.file_actions.save_as(str(path))
    window.document.set_parameter(0, 0, 0, 2.0)
    answers["save"] = files.SAVE
    assert window.file_actions.open_preset("xor")
    assert netfile.read_file(path).network.layers[0].weights[0, 0] == 2.0


def test_unsaved_work_is_autosaved_and_offered_back_after_a_crash(make_window, answers):
    window = make_window()
    window.document.set_parameter(1, 0, None, -4.5)
    assert window.file_actions.autosave_timer.isActive()
    window.file_actions.autosave()
    crashed = snapshot(window)
    assert window.recovery.exists()  # and stays: this window never closed cleanly
    # its files as a window whose process is gone leaves them (a running one's are not offered)
    for suffix in (".json", ".origin"):
        shutil.copy(window.recovery.path.with_suffix(suffix),
                    window.recovery.folder / f"recovery-999999999-0{suffix}")
    restarted = make_window()
    assert restarted.offer_recovery()
    assert snapshot(restarted) == crashed and restarted.isWindowModified()


def test_window_layout_and_geometry_persist(make_window):
    window = make_window()
    window.resize(1150, 760)  # the offscreen screen is 800 px wide: height is what can differ
    window.history_dock.hide()
    window.close()
    again = make_window()
    assert again.history_dock.isHidden()
    assert again.size().height() == 760


def test_canvas_exports_to_png_and_svg(make_window, tmp_path):
    window = make_window()
    png, svg = tmp_path / "net.png", tmp_path / "net.svg"
    assert window.file_actions.export_png(str(png)) and window.file_actions.export_svg(str(svg))
    assert QImage(str(png)).width() > 100
    assert "<svg" in svg.read_text()


def test_screenshot_renders_a_window_that_is_not_blank(tmp_path):
    out = tmp_path / "shot.png"
    assert app.screenshot("preset:seed", str(out), step=3) == 0
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == app.SCREENSHOT_SIZE
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width()
                           * image.height())
    assert len(np.unique(pixels)) > 100


# ----- canvas and panels together -------------------------------------------------------------
def test_clicking_a_value_on_the_canvas_explains_it(make_window, qtbot):
    window = make_window()
    canvas = window.canvas
    centre = canvas.mapFromScene(canvas.network_scene.layout.centre(2, 0))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.document.selection == NeuronRef(2, 0)
    assert window.explain_panel.history == [Quantity(Kind.ACTIVATION, 1, 0)]
    assert "4" in window.explain_panel.text()


def test_zoom_shortcut_actions_zoom_the_canvas(make_window):
    window = make_window("preset:xor")
    fitted = window.canvas.zoom
    window.zoom_in_action.trigger()
    assert window.canvas.zoom > fitted
    window.fit_action.trigger()
    assert window.canvas.zoom == pytest.approx(fitted)
    assert window.zoom_in_action.shortcut().toString() == "Ctrl+="


def test_demo_steps_through_by_itself_and_applies_each_update(make_window, qtbot):
    window = make_window()
    driver = app.DemoDriver(window, step_ms=1, pause_ms=1)
    driver.start()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() >= 2, timeout=10_000)
    driver.stop()
    # two updates: w = 1 → 0.7 (the notes), then 0.7 − 0.1·(2.65 − 3)·2.5 = 0.7875
    assert window.document.network.layers[1].weights[0, 0] == pytest.approx(0.7875)
    assert not window.stepping.is_playing and not driver.timer.isActive()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window_open(
        make_window, answers):
    window = make_window()
    window.document.set_parameter(0, 0, 0, 2.0)
    answers["save"] = files.CANCEL
    assert not window.close()
    assert window.isVisible() and window.document.is_modified
    answers["save"] = files.DISCARD
    assert window.close()
    assert not window.file_actions.autosave_timer.isActive()


def test_the_status_loss_label_keeps_its_size_as_training_changes_e(make_window):
    window = make_window("preset:xor")
    label = window.loss_label
    assert "E = " in label.text()
    runner = window.training_docks.runner
    widths = set()
    for _ in range(5):
        runner.train_epoch()  # each changes E in the label
        assert label.sizeHint().width() <= label.width()  # the whole text shows
        widths.add(label.width())
    # a fixed size that only grows (and rarely): a new E lays out nothing else in the window
    assert label.minimumSize() == label.maximumSize()
    assert len(widths) <= 2
