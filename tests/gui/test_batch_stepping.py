"""The window's step-through follows the batch training takes next, and its Update is exactly
the update Train one step makes (driven through the real window's actions)."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from engine.commands.trace import trace
from engine.files import netfile
from engine.lesson.quantities import Kind, Phase, Quantity
from engine.model.experiment import Dataset
from gui import files
from gui.document import Document
from gui.items import NeuronRef, WeightRef
from gui.main_window import MainWindow
from gui.stepping import StepScope


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: files.DISCARD)
    monkeypatch.setattr(files, "ask_restore", lambda parent: False)
    count = [0]

    def make(spec):
        count[0] += 1
        settings = QSettings(str(tmp_path / f"settings{count[0]}.ini"), QSettings.Format.IniFormat)
        recovery = files.RecoveryFile(str(tmp_path / f"recovery{count[0]}"))
        window = MainWindow(Document(netfile.load(spec)), settings, recovery)
        qtbot.addWidget(window)
        return window

    yield make
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def xor_file(tmp_path, name: str, **training) -> str:
    """The xor preset with other training settings and a fifth sample, saved in tmp_path."""
    experiment = netfile.load("preset:xor")
    data = experiment.data
    inputs = np.vstack([data.inputs, [[0.5, 0.25]]])
    targets = np.vstack([data.targets, [[1.0]]])
    experiment.data = Dataset(inputs, targets)
    for key, value in training.items():
        setattr(experiment.training, key, value)
    path = tmp_path / f"{name}.json"
    netfile.write_file(experiment, path)
    return str(path)


def step_to_update_and_apply(window) -> list:
    """Press Next through every step, then Apply update; the values the Update steps showed."""
    panel, stepping = window.step_panel, window.stepping
    while not stepping.at_end:
        panel.next_action.trigger()
    assert stepping.current_phase() is Phase.UPDATE
    shown = {step.quantity: step.value for step in stepping.steps if step.phase is Phase.UPDATE}
    panel.next_action.trigger()  # "Apply update ▶"
    return shown


def train_one_step(window) -> None:
    window.training_docks.training_panel.step_button.click()


def trainer_state(window) -> dict:
    trainer = window.training_docks.runner.trainer
    optimizer = trainer.optimizer
    state = {name: value.copy() for name, value in vars(optimizer).items()
             if name in ("velocity", "first_moment", "second_moment")}
    state["adam_steps"] = getattr(optimizer, "step_count", None)
    return {"steps": trainer.step_count, "epoch": trainer.epoch,
            "next": trainer.next_batch().tolist(), **state}


def assert_same(a, b) -> None:
    for p, q in zip(a.document.network.parameters(), b.document.network.parameters(),
                    strict=True):
        assert np.array_equal(p, q)  # bit for bit
    left, right = trainer_state(a), trainer_state(b)
    assert left.keys() == right.keys()
    for key in left:
        assert np.array_equal(left[key], right[key]), key


def test_on_xor_the_step_through_covers_the_whole_batch(make_window):
    window = make_window("preset:xor")
    stepping = window.stepping
    assert stepping.scope is StepScope.BATCH
    assert stepping.trace.data.samples == (0, 1, 2, 3)
    kinds = [step.quantity.kind for step in stepping.steps]
    assert kinds.count(Kind.SAMPLE_LOSS) == 4  # E = E₁ + E₂ + E₃ + E₄ is a step
    grad = stepping.trace.step_for(Quantity(Kind.GRAD_WEIGHT, 1, 0, 0))
    assert grad.symbolic.count("+") == 3  # ∂E/∂w = Σ over the four samples, every term shown


def test_on_xor_the_update_is_exactly_train_one_step(make_window):
    stepped, trained = make_window("preset:xor"), make_window("preset:xor")
    shown = step_to_update_and_apply(stepped)
    train_one_step(trained)
    assert_same(stepped, trained)
    w = trained.document.network.layers[1].weights[0, 0]
    assert shown[Quantity(Kind.NEW_WEIGHT, 1, 0, 0)] == w  # what the Update showed is applied
    assert format(w, ".4f") == "-0.1008"  # not sample 1's online step (−0.1927)
    # stepping then training continues exactly as training twice
    train_one_step(stepped)
    train_one_step(trained)
    assert_same(stepped, trained)


@pytest.mark.parametrize("training", [
    {"batch_size": 2, "shuffle": True, "seed": 7},
    {"batch_size": 2, "shuffle": True, "momentum": 0.9},
    {"optimizer": "adam", "learning_rate": 0.05, "batch_size": 3, "shuffle": True},
    {"optimizer": "adam", "learning_rate": 0.05},
], ids=["minibatch-shuffle", "momentum", "adam-minibatch", "adam-full"])
def test_mini_batches_shuffling_momentum_and_adam_step_exactly_as_training(
        make_window, tmp_path, training):
    spec = xor_file(tmp_path, "xor-variant", **training)
    stepped, trained = make_window(spec), make_window(spec)
    for round_ in range(4):  # across an epoch's end: a new shuffled order, optimizer state
        if round_ == 1:  # a training step between step-throughs: the step-through follows it
            train_one_step(stepped)
        else:
            rows = stepped.stepping.trace.data.samples
            assert list(rows) == stepped.training_docks.runner.trainer.next_batch().tolist()
            step_to_update_and_apply(stepped)
        train_one_step(trained)
        assert_same(stepped, trained)


def test_one_sample_is_an_explicit_online_step(make_window):
    window = make_window("preset:xor")
    window.step_panel.scope_combo.setCurrentIndex(
        window.step_panel.scope_combo.findData(StepScope.SAMPLE))
    window.step_panel.scope_combo.activated.emit(window.step_panel.scope_combo.currentIndex())
    stepping = window.stepping
    assert stepping.scope is StepScope.SAMPLE and stepping.trace.data.samples == (0,)
    window.step_panel.jump_actions[Phase.UPDATE].trigger()
    assert window.step_panel.scope_label.text().startswith("An online step on sample 1 alone")
    while not stepping.at_end:
        window.step_panel.next_action.trigger()
    window.step_panel.next_action.trigger()
    assert format(window.document.network.layers[1].weights[0, 0], ".4f") == "-0.1927"
    assert window.training_docks.runner.step_count == 0  # not a training step


def test_the_canvas_shows_the_sample_that_is_flowing(make_window):
    window = make_window("preset:xor")
    stepping, data = window.stepping, window.document.data
    third = stepping.trace.step_for(Quantity(Kind.PRE_ACTIVATION, 0, 0, None, 2))
    stepping.go_to(third.index)
    assert stepping.sample == 2
    assert window.step_panel.sample_spin.value() == 3
    assert window.step_panel.scope_label.text().endswith("sample 3 is flowing")
    shown = stepping.shown_values()
    assert shown.neurons[NeuronRef(0, 1)]["a"] == data.inputs[2, 1]
    assert shown.neurons[NeuronRef(1, 0)]["z"] == third.value  # sample 3's z, not sample 4's
    stepping.jump_to_phase(Phase.UPDATE)
    assert shown is not stepping.shown_values()
    assert "grad" in stepping.shown_values().weights[WeightRef(1, 0, 0)]  # the sum, always
    assert window.step_panel.scope_label.text() == (
        "Training step 1 on the batch of 4 samples: exactly what Train one step applies.")


def test_trace_and_the_window_list_the_same_steps(make_window, tmp_path, capsys):
    spec = xor_file(tmp_path, "xor-mini", batch_size=2, shuffle=True, seed=3)
    window = make_window(spec)
    trace(spec)
    printed = capsys.readouterr().out
    lines = [line.split(". ", 1)[1] for line in printed.splitlines()
             if line.startswith("  ") and ". " in line and line.strip()[0].isdigit()]
    shown = [step.text for step in window.stepping.steps]
    assert lines[: len(shown)] == shown  # the window leaves out only the check phase
    assert len(lines) > len(shown)


def test_explain_says_which_training_step_set_a_weight(make_window):
    window = make_window("preset:xor")
    weight = Quantity(Kind.WEIGHT, 1, 0, 0)
    for _ in range(3):
        train_one_step(window)
    window.explain_panel.explain(weight)
    text = window.explain_panel.text()
    assert "after step 3 of training" in text
    assert "η·∂E/∂w" in text and "Given" not in text
    assert format(window.document.network.layers[1].weights[0, 0], ".6g")[:6] in \
        text.replace("−", "-")
    window.document.undo_stack.undo()  # back to the parameters after step 2: no step's record
    assert "after step 3" not in window.explain_panel.text()


def test_a_big_batch_steps_the_later_samples_layer_by_layer(make_window):
    window = make_window("preset:vanishing-sigmoid")  # 32 samples, full batch
    stepping = window.stepping
    z = stepping.trace.step_for(Quantity(Kind.PRE_ACTIVATION, 0))
    stepping.go_to(z.index)
    assert window.step_panel.scope_label.text().endswith("all 32 at once, one row each")
    assert stepping.shown_values().neurons[NeuronRef(1, 0)]["z"] == z.value[0][0]  # sample 1
    assert stepping.count < 2000


def test_after_an_epoch_explain_names_the_last_training_step(make_window, tmp_path):
    window = make_window(xor_file(tmp_path, "xor-epoch", batch_size=2))
    window.training_docks.runner.train_epoch()  # three steps at once: no trace of the last
    window.explain_panel.explain(Quantity(Kind.BIAS, 0, 1))
    text = window.explain_panel.text()
    assert "Set after step 3 of training, by its update: b ← b − η·∂E/∂b" in text
