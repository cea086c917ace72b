"""The step-through controls: Previous / Next / Play, jump to a phase, and the current formula.

The panel shows where the learner is ("Step 5 of 16 · Backward pass"), the current step's
formula in symbols and with its numbers (``gui.richtext``), and one line in plain language. Its
QActions (``previous_action``, ``next_action``, ``play_action``, ``restart_action``,
``jump_actions[phase]``) carry window-wide shortcuts, so the main window can put the same
actions in its Step menu and toolbar and they work whatever widget has focus.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.lesson.formula import FULL, format_number
from engine.lesson.quantities import Granularity, Phase
from gui import style
from gui.document import Document
from gui.lesson_hidden import LessonHidden, hidden_note
from gui.richtext import (
    literal_html,
    numbers_text,
    prose_html,
    prose_text,
    short_prose,
    step_html,
    text_html,
)
from gui.stepping import SHOWN_PHASES, StepScope, StepThrough

SPEEDS_MS = (3000, 2000, 1500, 1000, 800, 600, 400, 250, 150, 80)  # slider position → interval
GRANULARITY_TEXTS = {Granularity.NEURON: QT_TRANSLATE_NOOP("StepPanel", "Neuron by neuron"),
                     Granularity.LAYER: QT_TRANSLATE_NOOP("StepPanel", "Layer by layer")}
SCOPE_TEXTS = {StepScope.BATCH: QT_TRANSLATE_NOOP("StepPanel", "Batch (as training)"),
               StepScope.SAMPLE: QT_TRANSLATE_NOOP("StepPanel", "One sample")}
JUMP_SHORTCUTS = {Phase.FORWARD: "Ctrl+1", Phase.LOSS: "Ctrl+2", Phase.BACKWARD: "Ctrl+3",
                  Phase.UPDATE: "Ctrl+4"}
PHASE_COLORS = {Phase.FORWARD: style.POSITIVE, Phase.LOSS: style.NEGATIVE,
                Phase.BACKWARD: style.BACKWARD, Phase.UPDATE: style.UPDATE}


class StepPanel(QWidget):
    """Controls and the current step of a ``StepThrough``."""

    def __init__(self, document: Document, stepping: StepThrough, parent=None):
        super().__init__(parent)
        self._document = document
        self._stepping = stepping
        self._create_actions()
        self._create_widgets()
        self._create_layout()
        self._connect_signals()
        self._on_steps_changed()
        self._on_status_changed(stepping.status)

    # ----- building ------------------------------------------------------------------------------
    def _action(self, text: str, shortcuts: list[str], tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = ", ".join(shortcuts)
        action.setToolTip(self.tr("{tip} ({keys})").format(tip=tip, keys=keys) if keys else tip)
        self.addAction(action)  # so the shortcuts work even before a menu holds the action
        return action

    def _create_actions(self):
        self.previous_action = self._action(self.tr("◀ Previous"), ["Left"],
                                            self.tr("Go back one step"))
        self.next_action = self._action(self.tr("Next ▶"), ["Space", "Right"],
                                        self.tr("Compute the next step"))
        self.play_action = self._action(self.tr("Play"), ["P"], self.tr("Step on by itself"))
        self.play_action.setCheckable(True)
        # the symbols are icons from the style, not characters a font may lack
        style_of = self.style()
        self._play_icons = {playing: style_of.standardIcon(pixmap) for playing, pixmap in (
            (False, QStyle.StandardPixmap.SP_MediaPlay),
            (True, QStyle.StandardPixmap.SP_MediaPause))}
        self.play_action.setIcon(self._play_icons[False])
        self.restart_action = self._action(self.tr("Start"), ["Home"],
                                           self.tr("Back to before the first step"))
        # checkable and exclusive: the checked one is the phase the cursor is in
        self.jump_group = QActionGroup(self)
        self.jump_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.jump_actions = {}
        for phase in SHOWN_PHASES:
            tip = self.tr("Jump to the first step of the {phase}").format(
                phase=phase.title.lower())
            action = self._action(phase.title, [JUMP_SHORTCUTS[phase]], tip)
            action.setCheckable(True)
            self.jump_group.addAction(action)
            self.jump_actions[phase] = action

    def actions_for_menu(self) -> list[QAction]:
        """The actions in the order a Step menu lists them (None: a separator)."""
        return [self.previous_action, self.next_action, self.play_action, self.restart_action,
                None, *self.jump_actions.values()]

    def _create_widgets(self):
        self.previous_button = _tool_button(self.previous_action)
        self.next_button = _tool_button(self.next_action)
        self.play_button = _tool_button(self.play_action)
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.restart_button = _tool_button(self.restart_action)
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS_MS) - 1)
        self.speed_slider.setValue(SPEEDS_MS.index(800))
        self.speed_slider.setToolTip(self.tr("How fast Play steps on"))
        self.speed_slider.setMaximumWidth(120)
        self.speed_label = QLabel()
        self.speed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.phase_strip = {}
        for phase in SHOWN_PHASES:
            button = _tool_button(self.jump_actions[phase])
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            color = PHASE_COLORS[phase].name()
            button.setStyleSheet(f"QToolButton:checked {{ background: {color}; color: white; "
                                 f"font-weight: bold; border-radius: 3px; }}")
            self.phase_strip[phase] = button
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.granularity_combo = QComboBox()
        for key, text in GRANULARITY_TEXTS.items():
            self.granularity_combo.addItem(self.tr(text), key)
        self.scope_combo = QComboBox()
        for key, text in SCOPE_TEXTS.items():
            self.scope_combo.addItem(self.tr(text), key)
        self.scope_combo.setToolTip(self.tr("Batch: the step Train one step takes next, on its "
                                            "batch. One sample: an online step on the chosen "
                                            "sample alone"))
        self.sample_spin = QSpinBox()
        self.sample_values = QLabel()
        self.sample_values.setTextFormat(Qt.TextFormat.PlainText)
        self.sample_values.setWordWrap(True)  # a wide sample wraps instead of widening the dock
        self.position_label = QLabel()
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        self.position_label.setStyleSheet("font-weight: bold;")
        # what the steps are of: training's batch (the sample flowing) or one sample alone
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        self.formula_label = QLabel()
        self.formula_label.setTextFormat(Qt.TextFormat.RichText)
        self.formula_label.setWordWrap(True)
        self.formula_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.formula_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.formula_label.setFont(font)
        self.formula_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.formula_label.setStyleSheet("QLabel { background: white; padding: 6px; }")
        # a whole layer's vectors and matrices can be long: the formula scrolls, never clips
        self.formula_area = QScrollArea()
        self.formula_area.setWidget(self.formula_label)
        self.formula_area.setWidgetResizable(True)
        self.formula_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.formula_area.setMinimumHeight(int(font.pointSizeF() * 6))
        self.formula_area.setStyleSheet("QScrollArea { background: white; }")
        self.explanation_label = QLabel()
        self.explanation_label.setTextFormat(Qt.TextFormat.RichText)  # prose_html: escaped
        self.explanation_label.setWordWrap(True)
        # room for two wrapped lines is reserved, so a long explanation never covers the formula
        line = self.explanation_label.fontMetrics().lineSpacing()
        self.explanation_label.setMinimumHeight(2 * line)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(f"color: {style.MUTED_TEXT.name()}; font-style: italic;")

    def _create_layout(self):
        controls = QHBoxLayout()
        for button in (self.restart_button, self.previous_button, self.next_button,
                       self.play_button):
            controls.addWidget(button)
        controls.addSpacing(8)
        controls.addWidget(QLabel(self.tr("Speed:")))
        controls.addWidget(self.speed_slider)
        controls.addWidget(self.speed_label)
        controls.addStretch(1)

        strip = QHBoxLayout()
        strip.setSpacing(2)
        for button in self.phase_strip.values():
            strip.addWidget(button, 1)

        choices = QHBoxLayout()
        choices.addWidget(self.granularity_combo)
        choices.addWidget(self.scope_combo)
        choices.addSpacing(12)
        choices.addWidget(QLabel(self.tr("Sample:")))
        choices.addWidget(self.sample_spin)
        choices.addWidget(self.sample_values, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(strip)
        layout.addWidget(self.progress)
        layout.addLayout(choices)
        layout.addWidget(self.position_label)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.formula_area, 1)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.status_label)

    def _connect_signals(self):
        stepping = self._stepping
        self.previous_action.triggered.connect(self._on_previous_triggered)
        self.next_action.triggered.connect(self._on_next_triggered)
        self.play_action.triggered.connect(self._on_play_triggered)
        self.restart_action.triggered.connect(self._on_restart_triggered)
        for phase, action in self.jump_actions.items():
            action.setData(phase)
            action.triggered.connect(self._on_jump_triggered)
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        self.granularity_combo.activated.connect(self._on_granularity_chosen)
        self.scope_combo.activated.connect(self._on_scope_chosen)
        self.sample_spin.valueChanged.connect(self._on_sample_chosen)
        stepping.steps_changed.connect(self._on_steps_changed)
        stepping.step_moved.connect(self._on_step_moved)
        stepping.playing_changed.connect(self._on_playing_changed)
        stepping.status_changed.connect(self._on_status_changed)
        LessonHidden.of(self._document).changed.connect(self._on_hidden_changed)
        self._on_speed_changed(self.speed_slider.value())

    # ----- view → step-through -------------------------------------------------------------------
    def _on_previous_triggered(self):
        self._stepping.previous()

    def _on_next_triggered(self):
        if not self._stepping.next():  # no steps (a trace too big, no data): say why
            self._on_step_moved(self._stepping.position)

    def _on_play_triggered(self, checked: bool):
        if checked:
            self._stepping.play()
        else:
            self._stepping.pause()
        self._on_playing_changed(self._stepping.is_playing)

    def _on_restart_triggered(self):
        self._stepping.restart()

    def _on_jump_triggered(self):
        action = self.sender()
        self._stepping.jump_to_phase(Phase(action.data()))

    def _on_speed_changed(self, position: int):
        milliseconds = SPEEDS_MS[position]
        self._stepping.set_interval(milliseconds)
        self.speed_label.setText(self.tr("{seconds} s a step").format(
            seconds=format_number(milliseconds / 1000)))

    def _on_granularity_chosen(self, index: int):
        self._stepping.set_granularity(Granularity(self.granularity_combo.itemData(index)))

    def _on_scope_chosen(self, index: int):
        self._stepping.set_scope(StepScope(self.scope_combo.itemData(index)))

    def _on_sample_chosen(self, value: int):
        if 1 <= value <= self._stepping.sample_count:
            self._stepping.set_sample(value - 1)

    # ----- step-through → view -------------------------------------------------------------------
    def _on_steps_changed(self):
        stepping = self._stepping
        count = stepping.sample_count
        with QSignalBlocker(self.sample_spin):
            self.sample_spin.setRange(1 if count else 0, count)
        # in the batch the field follows the sample flowing; choosing one steps it alone
        self.sample_spin.setEnabled(count > 1)
        self.sample_spin.setSuffix(self.tr(" of {count}").format(count=count))
        self.sample_spin.setToolTip(self.tr("The sample flowing through the network now; "
                                            "choosing one steps through that sample alone")
                                    if not stepping.online
                                    else self.tr("Which data row the step-through uses"))
        for combo, value in ((self.granularity_combo, stepping.granularity),
                             (self.scope_combo, stepping.scope)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(value))
        self._on_step_moved(stepping.position)

    def _show_sample(self):
        """The sample field and its values: the chosen row, or the one flowing in the batch."""
        count = self._stepping.sample_count
        with QSignalBlocker(self.sample_spin):
            self.sample_spin.setValue(self._stepping.sample + 1 if count else 0)
        self._show_sample_values()

    def _show_counts(self):
        """Progress range and phase tooltips, once the steps exist (they are built lazily)."""
        stepping = self._stepping
        self.progress.setRange(0, max(1, stepping.count))
        for phase, button in self.phase_strip.items():
            first, last = stepping.phase_range(phase)
            button.setToolTip(self.tr("{phase}: steps {first}–{last} ({count} steps, {keys})")
                              .format(phase=phase.title, first=first + 1, last=last + 1,
                                      count=last - first + 1, keys=JUMP_SHORTCUTS[phase]))

    def _show_sample_values(self):
        data = self._document.data
        if data is None or len(data) == 0:
            self.sample_values.setText(self.tr("no data"))
            return
        row = self._stepping.sample
        inputs, targets = data.inputs[row], data.targets[row]
        # four values each keep the line to one row beside the sample chooser
        shown = f"x = {numbers_text(inputs, most=4)}, t = {numbers_text(targets, most=4)}"
        self.sample_values.setText(shown)
        full = f"x = {numbers_text(inputs, FULL)}\nt = {numbers_text(targets, FULL)}"
        self.sample_values.setToolTip(literal_html(self.tr("Full precision:\n{numbers}")
                                                   .format(numbers=full)))

    def _on_step_moved(self, position: int):
        stepping = self._stepping
        step = stepping.current_step
        built = stepping.is_built or position >= 0
        # before the steps are built, assume there are some if there is data: Next builds them
        has_steps = stepping.count > 0 if built else stepping.sample_count > 0
        if built:
            self._show_counts()
        self._show_sample()
        self._show_scope(step)
        self.previous_action.setEnabled(position >= 0)
        self.next_action.setEnabled(has_steps)
        self.restart_action.setEnabled(position >= 0)
        self.play_action.setEnabled(has_steps and not stepping.at_end)
        for action in self.jump_actions.values():
            action.setEnabled(has_steps)
        if stepping.at_end:
            self.next_action.setText(self.tr("Apply online update ▶") if stepping.online
                                     else self.tr("Apply update ▶"))
            self.next_action.setToolTip(self.tr("Apply the new weights and biases to the network "
                                                "(Undo takes them back), then run forward again"))
        else:
            self.next_action.setText(self.tr("Next ▶"))
            self.next_action.setToolTip(self.tr("Compute the next step (Space, Right)"))
        self.progress.setValue(position + 1)
        phase = stepping.current_phase()
        for name, action in self.jump_actions.items():
            with QSignalBlocker(action):
                action.setChecked(name == phase)
        self.formula_label.setToolTip("")
        self.explanation_label.setToolTip("")
        if not has_steps:
            self.position_label.setText(self.tr("No steps"))
            self.formula_label.setText(text_html(stepping.problem or self.tr(
                "Nothing to step through: there are no samples. Add one in the data panel.")))
            self.explanation_label.clear()
        elif step is None:
            self.position_label.setText(
                self.tr("Ready · {count} steps").format(count=stepping.count) if built
                else self.tr("Ready"))
            self.formula_label.setText(self.tr("Press <b>Next</b> (Space) to compute the first "
                                               "step of the forward pass."))
            self.explanation_label.clear()
        else:
            self.position_label.setText(self.tr("Step {n} of {count} · {phase}").format(
                n=position + 1, count=stepping.count, phase=step.phase.title))
            if LessonHidden.of(self._document).hides_step(step):  # the lesson's, till predicted
                self.formula_label.setText(hidden_note())
                self.explanation_label.clear()
                return
            self.formula_label.setText(step_html(step))
            # numbers show 6 significant digits; hovering the formula gives every digit
            self.formula_label.setToolTip(
                literal_html(self.tr("Full precision:\n{numbers}").format(
                    numbers=step.formula.numbers_line(FULL))))
            explanation = prose_text(step.explanation)
            self.explanation_label.setText(prose_html(short_prose(explanation)))
            self.explanation_label.setToolTip(literal_html(explanation))

    def _on_hidden_changed(self, _neurons):
        self._on_step_moved(self._stepping.position)

    def _show_scope(self, step):
        """The update: training's step or an online one; before it, the sample flowing."""
        stepping, text = self._stepping, ""
        trace = stepping.trace if stepping.is_built else None
        if trace is not None and step is not None and step.phase is Phase.UPDATE:
            text = stepping.update_description()
            text = text[:1].upper() + text[1:] + "."
        elif trace is not None and trace.data.batched:
            rows = trace.data.samples
            count, shown = len(rows), rows_text(rows)
            if step is not None and step.sample is not None:
                text = self.tr("Training's next batch: {count} samples (rows {rows}); sample {n} "
                               "is flowing").format(count=count, rows=shown,
                                                    n=stepping.sample + 1)
            elif step is not None and step.quantity.kind.per_sample and step.neuron is None:
                text = self.tr("Training's next batch: {count} samples (rows {rows}); all "
                               "{count} at once, one row each").format(count=count, rows=shown)
            else:
                text = self.tr("Training's next batch: {count} samples (rows {rows})").format(
                    count=count, rows=shown)
        self.scope_label.setText(text)
        self.scope_label.setVisible(bool(text))

    def _on_playing_changed(self, playing: bool):
        with QSignalBlocker(self.play_action):
            self.play_action.setChecked(playing)
        self.play_action.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_action.setIcon(self._play_icons[playing])

    def _on_status_changed(self, text: str):
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    # ----- for tests and the window --------------------------------------------------------------
    def formula_text(self) -> str:
        """The formula as the learner reads it (the rich text without its markup)."""
        document = QTextDocument()
        document.setHtml(self.formula_label.text())
        return document.toPlainText()



def _tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def rows_text(rows, most: int = 8) -> str:
    """Data rows counted from 1, e.g. "3, 1, 4" (the first ``most``, then "…")."""
    shown = ", ".join(str(row + 1) for row in rows[:most])
    return shown + (", …" if len(rows) > most else "")
