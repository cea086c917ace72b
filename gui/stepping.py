"""The step-through in the window: the engine's trace of one training step, and a cursor on it.

The steps (``gui.step_source``): by default the step training takes next, on its batch; as an
explicit choice one sample alone. Going back is moving a ``StepCursor``, never recomputing. A
change of the network, training settings or data rebuilds the steps, the cursor back at the
start. Stepping past the last update step applies the update as one undoable command (in the
batch scope: the runner's own Train one step), then the forward pass starts again: it *is*
the engine's "check" phase, not shown. ``origin`` keeps what set the parameters
(``gui.parameter_origin``) for explanations.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from engine.errors import NetworkError
from engine.lesson.quantities import Granularity, Phase
from engine.lesson.steps import Step, StepCursor, Trace
from gui.canvas.values import ShownValues
from gui.document import Document
from gui.items import ItemRef
from gui.parameter_origin import ParameterOrigin
from gui.step_source import StepScope, StepSource, starting_over
from gui.step_values import collect_shown, flowing_sample, step_items

SHOWN_PHASES = (Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE)
DEFAULT_INTERVAL_MS = 800


class StepThrough(QObject):
    """The steps of one training step (the next batch, or one chosen sample) and where the
    learner is in them."""

    steps_changed = Signal()  # a new list of steps (sample, granularity or document changed)
    step_moved = Signal(int)  # the cursor moved: the new position, −1 before the first step
    playing_changed = Signal(bool)
    status_changed = Signal(str)  # one line for the learner: why the steps started over, …
    sample_moved = Signal(int)  # another data row flows through the network (``sample``)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self._document = document
        self.source = StepSource(document)  # the scope, the chosen sample, the runner
        self._flowing = 0  # the sample last told by sample_moved
        self.origin = ParameterOrigin(document)  # what set the parameters, for explanations
        self._granularity = Granularity.NEURON
        self._trace: Trace | None = None
        self._cursor: StepCursor | None = None
        self._count = 0
        self._problem = ""
        self._stale = True  # the steps are built when first needed, not on every edit
        self._shown_cache = None  # ((position, trace), ShownValues) of the last answer
        self._status = ""
        self._applying_update = False
        self._training_running = False  # a run changes the weights every frame: stay stale
        self._timer = QTimer(self)
        self._timer.setInterval(DEFAULT_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_tick)
        document.weights_changed.connect(self._on_weights_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.training_changed.connect(self._on_training_changed)
        document.data_changed.connect(self._on_data_changed)
        document.experiment_replaced.connect(self._on_experiment_replaced)
        self._rebuild()

    # ----- what views read -----------------------------------------------------------------------
    @property
    def document(self) -> Document:
        return self._document

    @property
    def trace(self) -> Trace | None:
        """The engine's trace (None when there is nothing to step through: see ``problem``)."""
        self._build()
        return self._trace

    @property
    def is_built(self) -> bool:
        """Whether the steps for the current document exist yet (they are built on demand, so
        a training run that changes the weights every frame does not rebuild them each time)."""
        return not self._stale

    @property
    def training_running(self) -> bool:
        """Whether a training run is changing the weights (views then wait for it to pause)."""
        return self._training_running

    def set_training_running(self, running: bool) -> None:
        """A run started (True) or paused (False); the runner's ``running_changed`` calls it.

        During a run the steps are only marked stale: the first weight change of the run starts
        over as any edit does, later ones do nothing (the steps were not built since). When the
        run ends, ``steps_changed`` tells the views to read the steps again.
        """
        if running == self._training_running:
            return
        self._training_running = running
        if not running:
            self.steps_changed.emit()

    @property
    def last_update(self) -> Trace | None:
        """The trace whose update steps set the current parameters (None once anything else
        changed them), so an explanation can say "set by the last update: w ← w − η·∂E/∂w"."""
        return self.origin.last_update

    def set_runner(self, runner) -> None:
        """Follow ``runner`` (a ``gui.training_runner.TrainingRunner``): the batch scope steps
        through its trainer's next step, and applying the update is its "Train one step"."""
        self.source.runner = runner
        runner.progressed.connect(self._on_training_progressed)
        runner.history_replaced.connect(self._on_training_restarted)
        runner.about_to_step.connect(self._on_about_to_step)
        self._rebuild()

    @property
    def scope(self) -> StepScope:
        return self.source.scope

    @property
    def online(self) -> bool:
        """Whether the update is an online step on one chosen sample (not training's step)."""
        return self.source.online

    def update_description(self) -> str:
        """What the update is: training's next step on its batch, or an online step."""
        return "" if self.trace is None else self.source.update_description(self._trace)

    def set_scope(self, scope: StepScope) -> None:
        """BATCH: the batch the next training step uses; SAMPLE: the chosen sample alone."""
        scope = StepScope(scope)
        if scope != self.source.scope:
            self.source.scope = scope
            self._rebuild()
            self._set_status(self.source.scope_text())

    @property
    def problem(self) -> str:
        """Why there are no steps ("" when there are)."""
        self._build()
        return self._problem

    @property
    def status(self) -> str:
        return self._status

    @property
    def sample(self) -> int:
        """The data row flowing through the network: the chosen one (one-sample scope), or in
        a batch the row of the sample the current step works on."""
        trace = self._trace
        if self.online or trace is None:
            return self.source.sample
        return trace.data.samples[self.flowing_index]

    @property
    def flowing_index(self) -> int:
        """The position in the batch of the sample flowing at the cursor (0-based)."""
        if self._trace is None or not self._trace.data.batched:
            return 0
        return flowing_sample(self.steps, self.position)

    @property
    def sample_count(self) -> int:
        data = self._document.data
        return 0 if data is None else len(data)

    @property
    def granularity(self) -> Granularity:
        return self._granularity

    @property
    def count(self) -> int:
        """Steps shown: forward, loss, backward and update (the engine's check phase excluded)."""
        self._build()
        return self._count

    @property
    def position(self) -> int:
        """Cursor position: −1 before the first step, up to ``count − 1``."""
        return -1 if self._cursor is None else self._cursor.position

    @property
    def steps(self) -> tuple[Step, ...]:
        self._build()
        return () if self._trace is None else self._trace.steps[: self._count]

    @property
    def current_step(self) -> Step | None:
        return None if self._cursor is None else self._cursor.current

    @property
    def at_end(self) -> bool:
        """On the last update step: the next step applies the update."""
        return self.position >= 0 and self.position == self._count - 1

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    @property
    def interval(self) -> int:
        return self._timer.interval()

    def current_phase(self) -> Phase | None:
        """The phase at the cursor (forward, loss, backward or update); None before the first."""
        step = self.current_step
        return None if step is None else step.phase

    def phase_range(self, phase: Phase) -> tuple[int, int]:
        """First and last step index of ``phase`` ((0, −1) if it has none)."""
        indices = [step.index for step in self.steps if step.phase == phase]
        return (indices[0], indices[-1]) if indices else (0, -1)

    def current_items(self) -> list[ItemRef]:
        """What the current step concerns: the item it computes first, then those it reads."""
        return step_items(self.current_step, self._document.network)

    def shown_values(self) -> ShownValues:
        """The z, a, δ, ∂E/∂θ and new θ computed by the steps up to the cursor (a key is present
        only once the step computing it has been reached; inputs: {"a": x}, the sample's given
        values; ``loss`` once the loss step has been reached).

        Several views ask at the same cursor position; they share one answer (do not change it).
        """
        key = (self.position, self._trace)
        if self._shown_cache is not None and self._shown_cache[0] == key:
            return self._shown_cache[1]
        shown = self._collect_shown()
        self._shown_cache = (key, shown)
        return shown

    def _collect_shown(self) -> ShownValues:
        data, row = self._document.data, self.sample
        if data is None or not 0 <= row < len(data):
            return ShownValues(stepping=True)
        batched = self._trace is not None and self._trace.data.batched
        return collect_shown(self.steps, self.position, data.inputs[row], self._document.network,
                             self.flowing_index if batched else None)

    # ----- moving --------------------------------------------------------------------------------
    def next(self) -> bool:
        """One step on; on the last update step, apply the update. False if nothing happened."""
        self._build()
        if self._cursor is None:
            return False
        if self.at_end:
            self.apply_update()
            return True
        self._cursor.next()
        self._moved()
        return True

    def previous(self) -> bool:
        """One step back (the numbers already computed are kept, not recomputed)."""
        if self._cursor is None or not self._cursor.previous():
            return False
        self._moved()
        return True

    def go_to(self, index: int) -> None:
        """Put the cursor on step ``index`` (−1: before the first step)."""
        self._build()
        if self._cursor is None:
            return
        index = max(-1, min(index, self._count - 1))
        if index != self.position:
            self._cursor.seek(index)
            self._moved()

    def jump_to_phase(self, phase: Phase) -> None:
        """Put the cursor on the first step of ``phase`` (one of ``SHOWN_PHASES``)."""
        if phase not in SHOWN_PHASES:
            raise ValueError(f"unknown phase {phase!r} (phases: {', '.join(SHOWN_PHASES)})")
        if self.trace is not None:
            self.go_to(self._trace.phase_start(phase))

    def restart(self) -> None:
        """Back to before the first step."""
        self.go_to(-1)

    def apply_update(self) -> None:
        """Apply the update: in the batch scope the runner's own "Train one step" (its new
        values are the update steps'), in the one-sample scope the steps' new parameters; one
        undoable command either way."""
        if self.trace is None:
            return
        self.pause()
        self._applying_update = True
        try:
            self.source.apply(self._trace)
        except NetworkError as error:
            self._set_status(self.tr("The update was not applied: {0}.").format(error.problem))
            return
        finally:
            self._applying_update = False
        if not self.origin.sets_current(self._trace):
            self._set_status(self.tr("The update was not applied as shown (training stopped: "
                                     "see the training panel)."))
            self._rebuild()
            return
        self.origin.update_applied(self._trace)
        self._rebuild()
        self._build()
        self._set_status(self.tr("Update applied (Undo takes it back). Forward again with the "
                                 "new parameters:"))
        if self._cursor is not None:
            self._cursor.seek(0)
            self._moved()

    # ----- playing -------------------------------------------------------------------------------
    def play(self) -> None:
        """Step on by itself every ``interval`` ms, stopping at the last update step."""
        self._build()
        if self._cursor is not None and not self.at_end and not self.is_playing:
            self._timer.start()
            self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.is_playing:
            self._timer.stop()
            self.playing_changed.emit(False)

    def set_interval(self, milliseconds: int) -> None:
        """Time between two steps while playing."""
        self._timer.setInterval(max(1, int(milliseconds)))

    def _on_timer_tick(self):
        if self._cursor is None or self.at_end:
            self.pause()
            return
        self._cursor.next()
        self._moved()
        if self.at_end:
            self.pause()  # the update is applied only when the learner asks for it

    # ----- choices -------------------------------------------------------------------------------
    def set_sample(self, index: int) -> None:
        """Step through data row ``index`` alone: choosing a sample is choosing the one-sample
        scope (an online step on that sample)."""
        index = int(index)
        if not 0 <= index < max(1, self.sample_count):
            raise NetworkError("sample", self.tr("{n} is not a sample (1…{count})").format(
                n=index + 1, count=self.sample_count))
        if index != self.source.sample or not self.online:
            self.source.sample, self.source.scope = index, StepScope.SAMPLE
            self._rebuild()
            self._set_status(self.tr("Sample {0} alone: starting from the first step.")
                             .format(index + 1))

    def set_granularity(self, granularity: Granularity) -> None:
        """NEURON: one step per neuron and parameter; LAYER: one step per layer and phase."""
        granularity = Granularity(granularity)  # ValueError for anything else
        if granularity != self._granularity:
            self._granularity = granularity
            self._rebuild()

    # ----- following the document ----------------------------------------------------------------
    def _on_weights_changed(self, layer: int):
        if self._applying_update:
            return
        just_trained = self.source.may_have_just_trained(self._trace)
        self.origin.weights_changed(self._trace if just_trained else None)
        if self._training_running and self._stale and self.position == -1:
            return  # already started over for this run, and nobody has asked for the steps
        self._start_over("weights")

    def _on_structure_changed(self):
        self.origin.forget()
        self._start_over("network")

    def _on_training_changed(self):
        self._start_over("training")

    def _on_data_changed(self):
        self._start_over("data")

    def _on_experiment_replaced(self):
        self.source.sample = 0
        self.origin.forget()
        self._start_over("opened")

    def _start_over(self, changed: str):
        self.pause()
        self.source.sample = min(self.source.sample, max(0, self.sample_count - 1))
        self._rebuild()
        self._set_status(starting_over(changed))

    # ----- inner workings ------------------------------------------------------------------------
    def _rebuild(self):
        """Drop the steps (the engine builds new ones when next needed); back to the start."""
        self.pause()
        self._trace, self._cursor, self._count, self._problem = None, None, 0, ""
        self._stale = True
        self._shown_cache = None
        self.steps_changed.emit()
        self.step_moved.emit(-1)

    def _build(self):
        """Ask the engine for the steps of the chosen sample, if they are not built yet."""
        if not self._stale:
            return
        self._stale = False
        try:
            trace = self.source.trace_at(self._granularity)
        except NetworkError as error:
            if error.key == "granularity" and self._granularity is Granularity.NEURON:
                self._switch_to_layers()
                return
            self._problem = self.tr("Nothing to step through: {0}.").format(error.problem)
        else:
            self._trace = trace
            self._cursor = StepCursor(trace)
            self._count = trace.phase_start(Phase.CHECK) if _has_check(trace) else len(trace)

    def _on_about_to_step(self):
        """Train one step is about to run: its steps (one batch) explain what it sets."""
        if not self.online and not self._training_running:
            self._build()

    def _on_training_progressed(self):
        runner = self.source.runner
        self.origin.training_progressed(runner.step_count, runner.epoch)

    def _on_training_restarted(self):  # step 0 again: the next batch is another
        self.origin.trained_at = None
        self._start_over("restarted")

    def _switch_to_layers(self):
        """Too many steps to take one neuron at a time: step through the network layer by layer."""
        self._granularity = Granularity.LAYER
        self._stale = True
        self._build()
        self._set_status(self.tr("This network has too many neurons to step one at a time: "
                                 "stepping layer by layer."))
        self.steps_changed.emit()  # the panel shows the granularity that is in use

    def _moved(self):
        self.step_moved.emit(self.position)
        if self.sample != self._flowing:  # in a batch: the next sample flows
            self._flowing = self.sample
            self.sample_moved.emit(self._flowing)

    def _set_status(self, text: str):
        self._status = text
        self.status_changed.emit(text)


def _has_check(trace: Trace) -> bool:
    return any(step.phase is Phase.CHECK for step in trace.steps)
