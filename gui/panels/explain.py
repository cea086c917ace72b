""""How was this number computed?": the step behind a value, its formula and its operands.

The engine's trace answers the question (``Trace.explain``): the step that computed the
quantity, and for each operand the step that computed it in turn, or nothing when it is given
(an input, a target, a parameter, the learning rate). Operands are links; following one
explains it, and a breadcrumb leads back.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from engine.errors import NetworkError
from engine.lesson.formula import Symbol
from engine.lesson.quantities import Granularity, Kind, Quantity
from engine.lesson.steps import Trace
from gui import style
from gui.document import Document
from gui.frame_clock import FrameClock, Repaint
from gui.lesson_hidden import LessonHidden, hidden_note
from gui.richtext import (
    number_html,
    prose_text,
    quantity_from_href,
    quantity_href,
    step_html,
    symbol_html,
    text_html,
)
from gui.stepping import StepThrough

CRUMB_PREFIX = "crumb:"
SHOW_STEP_HREF = "show-step"
GIVEN = {  # translated where shown (ExplainPanel)
    Kind.INPUT: QT_TRANSLATE_NOOP("ExplainPanel", "an input of the chosen sample"),
    Kind.TARGET: QT_TRANSLATE_NOOP("ExplainPanel",
                                   "a target of the chosen sample: what the output should be"),
    Kind.LEARNING_RATE: QT_TRANSLATE_NOOP("ExplainPanel",
                                          "the learning rate η, a training setting (Inspector)"),
    Kind.MOMENTUM: QT_TRANSLATE_NOOP("ExplainPanel", "the momentum μ, a training setting"),
}
_PARAMETERS = (Kind.WEIGHT, Kind.BIAS)


class ExplainPanel(QWidget):
    """Explains one number at a time; operands are links, the breadcrumb goes back."""

    def __init__(self, document: Document, stepping: StepThrough, parent=None):
        super().__init__(parent)
        self._document = document
        self._stepping = stepping
        self._neuron_trace: Trace | None = None
        self.history: list[Quantity] = []  # the quantities explained, the one shown last
        # hidden, or a run changes the numbers every frame: explain again when shown or when
        # the run ends (the step-through then says its steps changed)
        self._repaint = Repaint(FrameClock.of(document), self, self._show,
                                ready=self._may_show)
        self._create_widgets()
        stepping.steps_changed.connect(self._on_steps_changed)
        LessonHidden.of(document).changed.connect(self._on_steps_changed)  # explain it again
        self._show()

    def _create_widgets(self):
        self.breadcrumb = QLabel()
        self.breadcrumb.setTextFormat(Qt.TextFormat.RichText)
        self.breadcrumb.setWordWrap(True)
        self.breadcrumb.linkActivated.connect(self._on_link)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._on_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.body, 1)

    # ----- asking --------------------------------------------------------------------------------
    def explain(self, quantity: Quantity | None) -> None:
        """Explain ``quantity`` (see ``gui.items.quantity_of``), starting a new breadcrumb;
        None: a number with no computation behind it."""
        if quantity is None:
            self.history = []
            self.breadcrumb.clear()
            self.body.setHtml(self.tr("<p>There is no computation behind this: it is not a "
                                      "number of the step-through.</p>"))
            return
        self.history = [quantity]
        self._show()

    def explain_quantity(self, reference: Quantity) -> None:
        """Explain an engine quantity, one level deeper in the breadcrumb."""
        if not self.history or self.history[-1] != reference:
            self.history.append(reference)
        self._show()

    def go_back(self, depth: int) -> None:
        """Return to breadcrumb entry ``depth`` (0: the number first asked about)."""
        del self.history[depth + 1:]
        self._show()

    def text(self) -> str:
        """What the panel says, as plain text."""
        if self._repaint.dirty:
            self._show()
        return self.body.toPlainText()

    # ----- which trace answers -------------------------------------------------------------------
    def _trace(self) -> Trace | None:
        """A neuron-by-neuron trace of what is stepped through: per-neuron formulas explain
        best."""
        stepping = self._stepping
        if stepping.trace is None or stepping.granularity is Granularity.NEURON:
            return stepping.trace
        if self._neuron_trace is None:
            try:
                self._neuron_trace = stepping.source.trace_at(Granularity.NEURON)
            except NetworkError:
                return stepping.trace  # too big to trace by neuron: explain by layer
        return self._neuron_trace

    def _on_steps_changed(self):
        self._neuron_trace = None
        self._repaint.mark_dirty()  # the numbers may have changed: explain them again

    def _may_show(self) -> bool:
        return self.isVisible() and not self._stepping.training_running

    def showEvent(self, event):
        self._repaint.catch_up()
        super().showEvent(event)

    # ----- showing -------------------------------------------------------------------------------
    def _show(self):
        self._repaint.dirty = False
        if not self.history:
            self.breadcrumb.clear()
            self.body.setHtml(self.tr("<p>Click a number (z, a, δ, ∂E/∂w, a weight or a bias) "
                                      "on the canvas or in the inspector to see how it was "
                                      "computed.</p>"))
            return
        trace = self._trace()  # built only when a number is explained (an edit stays cheap)
        if trace is None:
            self.breadcrumb.clear()
            self.body.setHtml(f"<p>{text_html(self._stepping.problem)}</p>")
            return
        self._name_sample(trace)
        self.breadcrumb.setText(self._breadcrumb_html(trace))
        try:
            html = self._explanation_html(trace, self.history[-1])
        except (KeyError, IndexError, NetworkError, ValueError):
            html = self.tr("<p>This number is not part of the network any more.</p>")
        self.body.setHtml(html)

    def _name_sample(self, trace: Trace) -> None:
        """In a batch, a neuron's number clicked on the canvas is the flowing sample's."""
        asked = self.history[-1]
        if (trace.data.batched and trace.granularity is Granularity.NEURON
                and asked.kind.per_sample and asked.sample is None and asked.neuron is not None):
            self.history[-1] = Quantity(asked.kind, asked.layer, asked.neuron, asked.source,
                                        self._stepping.flowing_index)

    def _name(self, trace: Trace, reference: Quantity) -> str:
        """The quantity's symbol, e.g. δ<sup>(1)</sup><sub>0</sub>."""
        return symbol_html(trace.data.symbol(reference))

    def _breadcrumb_html(self, trace: Trace) -> str:
        parts = []
        for depth, reference in enumerate(self.history):
            try:
                name = self._name(trace, reference)
            except (KeyError, IndexError, NetworkError, ValueError):
                name = text_html(reference.kind)
            last = depth == len(self.history) - 1
            link = f'<a href="{CRUMB_PREFIX}{depth}">{name}</a>'
            parts.append(f"<b>{name}</b>" if last else link)
        return self.tr("How was it computed? {path}").format(path=" › ".join(parts))

    def _explanation_html(self, trace: Trace, reference: Quantity) -> str:
        explanation = trace.explain(reference)
        lesson = LessonHidden.of(self._document)
        if lesson.hides_quantity(reference) or (explanation.step is not None
                                                and lesson.hides_step(explanation.step)):
            return f"<p>{hidden_note()}</p>"
        symbol = trace.data.symbol(reference)
        head = f"<p style='font-size: large'>{symbol_html(symbol)} = " \
               f"<b>{number_html(explanation.value)}</b>{self._label_of(symbol)}</p>"
        if explanation.step is None:
            return head + self._given_html(reference)
        step = explanation.step
        computed = self.tr("<p>Computed in step {n} ({phase}) — <a href='{href}'>show this "
                           "step</a>:</p>").format(n=step.index + 1,
                                                   phase=step.phase.title.lower(),
                                                   href=SHOW_STEP_HREF)
        html = [head, computed,
                f"<p style='font-size: large'>{step_html(step, links=True)}</p>",
                f"<p>{text_html(prose_text(step.explanation))}</p>"]
        if explanation.operands:
            html.append(self.tr("<p>From:</p>") + "<ul>")
            for operand, operand_step in explanation.operands:
                html.append(f"<li>{self._operand_html(trace, operand, operand_step)}</li>")
            html.append("</ul>")
        return "".join(html)

    def _operand_html(self, trace: Trace, reference: Quantity, step) -> str:
        name = self._name(trace, reference)
        value = number_html(trace.value_of(reference))
        link = f'<a href="{quantity_href(reference)}">{name} = {value}</a>'
        if step is None:
            return self.tr("{operand}: {given}").format(operand=link,
                                                        given=self._given_words(reference))
        n, phase = step.index + 1, step.phase.title.lower()
        if reference.kind is Kind.SLOPE:
            activation = self._document.network.layers[reference.layer].activation
            return self.tr("{operand}: the slope of {activation} at the z computed in step {n} "
                           "({phase})").format(operand=link, activation=activation, n=n,
                                               phase=phase)
        return self.tr("{operand}: computed in step {n} ({phase})").format(operand=link, n=n,
                                                                          phase=phase)

    def _label_of(self, symbol: Symbol) -> str:
        if not symbol.label or symbol.named:  # a named symbol already is the label
            return ""
        color = style.MUTED_TEXT.name()
        return self.tr(" <span style='color: {color}'>(at neuron {label})</span>").format(
            color=color, label=text_html(symbol.label))

    def _given_words(self, reference: Quantity) -> str:
        kind = reference.kind
        if kind in _PARAMETERS:
            trained = self._stepping.origin.trained_at
            if trained is not None:
                return self.tr("set after step {step} of training").format(
                    step=f"{trained[0]:,}")
            if self._stepping.last_update is not None:
                return self.tr("set by the last update")
            return self.tr("given: a parameter (from the file, or typed by you)")
        return self.tr(GIVEN[kind]) if kind in GIVEN else self.tr("given")

    def _given_html(self, reference: Quantity) -> str:
        """A given number: where it comes from; a parameter the last update set shows how."""
        kind = reference.kind
        last_update = self._stepping.last_update
        trained = self._stepping.origin.trained_at
        step_count = None if trained is None else f"{trained[0]:,}"
        rule = f"{kind} ← {kind} − η·∂E/∂{kind}"
        if kind in _PARAMETERS and last_update is not None:
            step = last_update.step_for(reference.with_kind(kind.updated))
            if step is not None:
                head = self.tr("<p>Set by the last update, which stepped against the "
                               "gradient:</p>") if trained is None else self.tr(
                    "<p>Set after step {step} of training, by its update, which stepped against "
                    "the gradient:</p>").format(step=step_count)
                return (f"{head}<p style='font-size: large'>{step_html(step)}</p>"
                        f"<p>{text_html(prose_text(step.explanation))}</p>")
        if kind in _PARAMETERS and trained is not None:
            if self._document.training.optimizer == "sgd" and not self._document.training.momentum:
                return self.tr("<p>Set after step {step} of training, by its update: {rule} on "
                               "that step's batch. Step through the next training step to see an "
                               "update number by number.</p>").format(step=step_count,
                                                                      rule=text_html(rule))
            return self.tr("<p>Set after step {step} of training, by its update: the optimizer's "
                           "update on that step's batch. Step through the next training step to "
                           "see an update number by number.</p>").format(step=step_count)
        if kind is Kind.WEIGHT:
            return self.tr("<p>Given: a weight of the network, as the file or you set it (an "
                           "update step changes it: {rule}).</p>").format(rule=rule)
        if kind is Kind.BIAS:
            return self.tr("<p>Given: a bias of the network, as the file or you set it (an "
                           "update step changes it: {rule}).</p>").format(rule=rule)
        given = self.tr(GIVEN[kind]) if kind in GIVEN else self.tr(
            "a number the step-through starts from")
        return self.tr("<p>Given: {given}.</p>").format(given=text_html(given))

    # ----- links ---------------------------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl):
        self._on_link(url.toString())

    def _on_link(self, href: str):
        """Follow a link: an operand (explain it), a breadcrumb entry, or "show this step"."""
        if href.startswith(CRUMB_PREFIX):
            self.go_back(int(href[len(CRUMB_PREFIX):]))
        elif href == SHOW_STEP_HREF:
            self._show_step()
        else:
            reference = quantity_from_href(href)
            if reference is not None:
                self.explain_quantity(reference)

    def _show_step(self):
        """Move the step-through's cursor to the step that computed the explained number."""
        trace = self._stepping.trace
        if trace is None or not self.history:
            return
        step = trace.step_for(self.history[-1])
        if step is not None and step.index < self._stepping.count:
            self._stepping.go_to(step.index)
