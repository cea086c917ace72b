"""The window writes formula signs as the engine does: "0.848969 + 3.21917e-08", with the
typographic minus, in the step-through's and Explain This Number's rich text."""

from engine.files.presets import load_preset
from engine.lesson.formula import MINUS, PLUS, TIMES, Operator, Symbol
from engine.lesson.quantities import Kind, Quantity
from engine.lesson.stepper import trace_experiment
from gui.richtext import MINUS as TYPOGRAPHIC_MINUS
from gui.richtext import form_html, prose_html, prose_text, step_html

REF = Quantity(Kind.WEIGHT, 0, 0, 0)


def sym(value):
    return Symbol("w", value, REF, 0, (0, 0))


def test_minus_then_negative_reads_plus_in_rich_text():
    html = form_html([sym(0.848969), MINUS, sym(-3.21917e-08)], numbers=True)
    assert html == "0.848969 + 3.21917e−08"
    html = form_html([sym(-0.183054), MINUS, sym(-0.0822046)], numbers=True)
    assert html == f"{TYPOGRAPHIC_MINUS}0.183054 + 0.0822046"


def test_plus_then_negative_and_times_then_negative():
    assert form_html([sym(1.5), PLUS, sym(-2)], numbers=True) == "1.5 − 2"
    assert form_html([sym(2), TIMES, sym(-1)], numbers=True) == "2·(−1)"
    assert form_html([Operator("σ("), sym(-1.4), Operator(")")], numbers=True) == "σ(−1.4)"


def test_negative_zero_keeps_the_operator():
    assert form_html([sym(1.5), MINUS, sym(-0.0)], numbers=True) == "1.5 − 0"
    assert form_html([sym(1.5), TIMES, sym(-0.0)], numbers=True) == "1.5·0"


def test_the_symbolic_line_keeps_its_operators():
    assert form_html([sym(1.5), MINUS, sym(-2)]) == (
        "<i>w</i><sup>(1)</sup><sub>11</sub> − <i>w</i><sup>(1)</sup><sub>11</sub>")


def test_links_still_wrap_the_folded_number():
    html = form_html([sym(0.5), MINUS, sym(-2)], numbers=True, links=True)
    assert html == ('<a href="quantity:w,0,0,0">0.5</a> + <a href="quantity:w,0,0,0">2</a>')


def test_every_xor_step_in_the_window_has_no_sign_after_a_sign():
    trace = trace_experiment(load_preset("xor"))
    bad = (f"− {TYPOGRAPHIC_MINUS}", f"+ {TYPOGRAPHIC_MINUS}", f"− ({TYPOGRAPHIC_MINUS}",
           f"+ ({TYPOGRAPHIC_MINUS}")
    folded = 0
    for step in trace:
        for html in (step_html(step), step_html(step, links=True), prose_text(step.explanation)):
            assert not any(sign in html for sign in bad), html
        folded += "so " in step.explanation and " + " in step.explanation
    assert folded  # some update of xor's first batch moves a parameter up: "a + b"


def test_the_explanation_writes_a_named_sum_and_a_power_as_the_formula_does():
    """Under the formula net<sub>y</sub> the sentence said "net_y[2]" and "e^−net_y[2]";
    anything else in it (a neuron's name from a file) stays literal."""
    sentence = "σ(net_y[2]) = 1/(1 + e^−net_y[2]) squashes net_y[2] into (0, 1): y[2] = 0.2."
    assert prose_html(sentence) == (
        "σ(net<sub><i>y</i></sub>[2]) = 1/(1 + e<sup>−net<sub><i>y</i></sub>[2]</sup>) "
        "squashes net<sub><i>y</i></sub>[2] into (0, 1): y[2] = 0.2.")
    assert prose_html("Neuron <b>&x sums σ(z⁽¹⁾₁)") == "Neuron &lt;b&gt;&amp;x sums σ(z⁽¹⁾₁)"
