"""Signs where a formula puts a number in after an operator: "a − (−b)" reads "a + b".

Every substitution of numbers into formulas (the step-through's numbers line, trace text,
Explain This Number, the update's prose) goes through ``engine.lesson.formula.signed_term``.
"""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.files.presets import load_preset
from engine.lesson.formula import (
    FULL,
    MINUS,
    OPEN,
    PLUS,
    TIMES,
    Constant,
    Formula,
    Operator,
    Symbol,
    format_number,
    render_form,
    signed_term,
    term_text,
)
from engine.lesson.quantities import Granularity, Kind, Quantity
from engine.lesson.stepper import trace_experiment

REF = Quantity(Kind.WEIGHT, 0, 0, 0)


def sym(value, name="w"):
    return Symbol(name, value, REF, 0, (0, 0))


def numbers(*tokens):
    return render_form(tokens, numbers=True)


def test_minus_then_negative_reads_plus():
    assert numbers(sym(0.848969), MINUS, sym(-3.21917e-08)) == "0.848969 + 3.21917e-08"
    assert numbers(sym(-0.183054), MINUS, sym(-0.0822046)) == "-0.183054 + 0.0822046"


def test_plus_then_negative_reads_minus():
    assert numbers(sym(1.5), PLUS, sym(-2)) == "1.5 − 2"
    assert numbers(sym(-1.5), PLUS, sym(-2)) == "-1.5 − 2"


def test_positive_numbers_keep_their_operator():
    assert numbers(sym(1.5), PLUS, sym(2)) == "1.5 + 2"
    assert numbers(sym(1.5), MINUS, sym(2)) == "1.5 − 2"
    assert numbers(sym(1.5), TIMES, sym(2)) == "1.5·2"


def test_times_then_negative_is_bracketed():
    assert numbers(sym(2), TIMES, sym(-1)) == "2·(-1)"
    assert numbers(sym(-2), TIMES, sym(-1)) == "-2·(-1)"


def test_negative_zero_changes_nothing():
    assert numbers(sym(1.5), MINUS, sym(-0.0)) == "1.5 − 0"
    assert numbers(sym(1.5), PLUS, sym(-0.0)) == "1.5 + 0"
    assert numbers(sym(1.5), TIMES, sym(-0.0)) == "1.5·0"
    assert numbers(sym(-0.0)) == "0"


def test_a_number_opening_the_form_or_a_bracket_is_not_bracketed():
    assert numbers(sym(-1)) == "-1"
    assert numbers(Operator("σ("), sym(-1.4), Operator(")")) == "σ(-1.4)"
    assert numbers(sym(2), Operator("·("), sym(-1), PLUS, sym(3), Operator(")")) == "2·(-1 + 3)"


def test_unary_minus_takes_the_sign():
    assert numbers(Operator("(−"), sym(-0.5), Operator(" / "), sym(2), Operator(")")) \
        == "(0.5 / 2)"
    assert numbers(Operator("(−"), sym(0.5), Operator(" / "), sym(2), Operator(")")) \
        == "(−0.5 / 2)"


def test_first_factor_of_a_product_after_minus_folds():
    # the update w′ = w − η·g with a negative η·g's first factor keeps a − (−b)·c = a + b·c
    assert numbers(sym(0.7), MINUS, sym(-0.1), TIMES, sym(3)) == "0.7 + 0.1·3"
    # a negative gradient after the product sign is bracketed, never folded
    assert numbers(sym(0.7), MINUS, sym(0.1), TIMES, sym(-3)) == "0.7 − 0.1·(-3)"


def test_after_a_constant_a_negative_number_is_bracketed():
    assert numbers(Constant(2.0), sym(-3)) == "2(-3)"


def test_vectors_never_fold():
    assert numbers(sym((1.0, 2.0)), MINUS, sym((-1.0, 2.0))) == "[1, 2] − [-1, 2]"


def test_full_precision_decides_the_sign_with_its_own_digits():
    formula = Formula(Symbol("u", 0.5, REF), ((sym(0.5), MINUS, sym(-1e-300)),), "←")
    assert formula.numbers_line(FULL) == "u ← 0.5 + 1e-300 = 0.5"
    assert formula.text() == "u ← w⁽¹⁾₁₁ − w⁽¹⁾₁₁ = 0.5 + 1e-300 = 0.5"


def test_signed_term_returns_the_operator_the_magnitude_and_no_bracket():
    assert signed_term(" − ", -2.0) == (" + ", 2.0, False)
    assert signed_term(" + ", -2.0) == (" − ", 2.0, False)
    assert signed_term("·", -2.0) == ("·", -2.0, True)
    assert signed_term("", -2.0) == ("", -2.0, False)
    assert signed_term(" − ", -0.0)[0] == " − "


def test_prose_terms_use_the_same_rule():
    assert term_text(0.848969, MINUS, -3.21917e-08) == "0.848969 + 3.21917e-08"
    assert term_text(-0.183054, MINUS, -0.0822046) == "-0.183054 + 0.0822046"
    assert term_text(0.7, MINUS, 0.1) == "0.7 − 0.1"
    assert term_text(0.7, PLUS, -0.1) == "0.7 − 0.1"
    assert term_text(0.7, TIMES, -0.1) == "0.7·(-0.1)"
    assert term_text(0.7, MINUS, -0.0) == "0.7 − 0"


def _evaluate(text: str) -> float:
    return eval(text.replace("−", "-").replace("·", "*"), {})  # only digits and signs here


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, st.sampled_from([PLUS, MINUS, TIMES]), finite)
def test_the_text_still_computes_the_same_number(left, operator, right):
    """Whatever the signs, the substituted text evaluates to left (op) right."""
    text = numbers(sym(left), operator, sym(right))
    assert "− -" not in text and "+ -" not in text and "·-" not in text
    expected = {" + ": left + right, " − ": left - right, "·": left * right}[operator.text]
    got = _evaluate(render_form((sym(left), operator, sym(right)), numbers=True, digits=FULL))
    assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12)


def test_open_bracket_operator_is_not_folded():
    assert numbers(sym(1), Operator(" − ("), sym(-2), Operator(")")) == "1 − (-2)"
    assert OPEN.text == "("


BAD_SIGNS = ("− -", "+ -", "− (-", "+ (-")


@pytest.mark.parametrize("preset", ["xor", "seed", "seed-sse", "sine", "softmax-blobs"])
def test_no_preset_step_writes_a_sign_after_a_sign(preset):
    """Every step's trace text, full-precision numbers and prose, on whole presets."""
    experiment = load_preset(preset)
    trace = trace_experiment(experiment, granularity=Granularity.LAYER)
    if len(experiment.network.layers) < 4 and experiment.network.input_size < 10:
        trace = trace_experiment(experiment, samples=range(min(2, len(experiment.data))))
    for step in trace:
        for text in (step.text, step.formula.numbers_line(FULL), step.explanation):
            assert not any(bad in text for bad in BAD_SIGNS), text


def test_a_falling_update_on_xor_reads_plus_in_formula_and_prose():
    experiment = load_preset("xor")
    trace = trace_experiment(experiment, samples=[0])
    updates = [s for s in trace
               if s.kind.startswith("update") and s.formula.symbols()[-1].value < 0]
    assert updates
    step = updates[0]
    old, eta, grad = (s.value for s in step.formula.symbols())
    head = f"{step.formula.lhs.notation()} {step.formula.relation}"
    assert step.formula.numbers_line() == (
        f"{head} {format_number(old, 6)} − {format_number(eta, 6)}·({format_number(grad, 6)})"
        f" = {format_number(step.value, 6)}"
    )
    assert f"{format_number(old, 6)} + {format_number(-eta * grad, 6)} = " in step.explanation
