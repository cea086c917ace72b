"""Structured formulas of the step-through, and their plain-text rendering.

A step's formula is ``lhs = form₁ = form₂ …`` where each form is a sequence of tokens: a
``Symbol`` (a named quantity with its value and a reference to it), an ``Operator`` (text such
as " + ", "·", "(") or a ``Constant`` (a number that is part of the formula, such as ½ or 2).
The GUI renders the tokens as rich text and highlights the quantities the symbols name; the
command line prints the same tokens as plain text.

Notation, as a learner reads it (what ``notation()`` and the GUI's rich text show): layers are
numbered as the lesson counts them, the input layer being layer 0, so the engine's
``network.layers[l]`` appears as layer l + 1; neurons are counted from 1 within their layer, as
the canvas names them (x₁, h¹₂, …). w⁽²⁾₁₂ is the weight into neuron 1 of the second non-input
layer from neuron 2 of the layer below. Inputs are x₁, x₂, …; targets t₁, t₂, …. In a batch
trace, per-sample quantities carry the sample (counted from 1) in brackets: z⁽¹⁾₁[3]. A value
after the update is primed: w′⁽²⁾₁₁. Where every neuron of a layer has a short label (the seed's
x, y, z; xor's x1, x2, h1, h2, y), the label stands for that neuron's activation and for ∂E/∂
of it: "z⁽²⁾₁ = w⁽²⁾₁₁·y + b⁽²⁾₁", "∂E/∂y" (see ``engine.lesson.trace_data.label_columns``).

Internally everything stays 0-based: a ``Symbol`` keeps the engine's layer and neuron indices
(its ``ref``, ``layer`` and ``subscripts``, and the JSON of a trace); only its text adds one.

Numbers are shown with ``DISPLAY_DIGITS`` significant digits wherever a learner reads them (the
walkthrough's 0.7, 2.65 and 0.06125 come out exact); JSON keeps full float64 values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.lesson.quantities import Quantity

_SUPERSCRIPT = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

Value = float | tuple  # a number, or a vector / matrix as (nested) tuples


WEIGHTED_SUM = "net_"  # a named neuron's z: "net_z" (a short label never holds "_")
DISPLAY_DIGITS = 6  # significant digits of every number a learner reads in a formula or its prose
FULL = None  # ``digits`` for full precision: the shortest text that reads back as the same float


def format_number(x: float, digits: int | None = 12) -> str:
    """A value as the lesson writes it, rounded to ``digits`` significant digits.

    Rounding hides the last bits of float arithmetic (1 − 0.1·3 = 0.7000000000000001 → 0.7,
    0.061250000000000034 → 0.06125); trailing zeros are dropped and −0 shows as 0. With
    ``digits=FULL`` the text is Python's shortest exact repr (without a trailing ".0").
    """
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(float(x)) if digits is None else format(x, f".{digits}g")
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def format_value(value: Value, digits: int | None = 12) -> str:
    """A number, vector ``[1, 2]`` or matrix ``[[1, 2], [3, 4]]`` in plain text."""
    if isinstance(value, tuple):
        return "[" + ", ".join(format_value(v, digits) for v in value) + "]"
    return format_number(value, digits)


def display_value(value: Value) -> str:
    """A value as the step-through shows it: ``DISPLAY_DIGITS`` significant digits."""
    return format_value(value, DISPLAY_DIGITS)


def _index_text(indices) -> str:
    """Neuron indices as displayed, counted from 1: (0, 1) → "12", (9, 0) → "10,1"."""
    shown = [index + 1 for index in indices]
    return ("," if any(number > 9 for number in shown) else "").join(map(str, shown))


def to_value(array) -> Value:
    """A float, or an array as nested tuples (hashable and immutable, like the step records)."""
    if np.ndim(array) == 0:
        return float(array)
    return _nested_tuple(np.asarray(array, dtype=np.float64).tolist())


def _nested_tuple(items):
    if isinstance(items, list):
        return tuple(_nested_tuple(item) for item in items)
    return items


@dataclass(frozen=True, slots=True)
class Symbol:
    """A named quantity in a formula, e.g. w⁽²⁾₁₁ with value 1.

    ``name`` is the letter ("w", "z", "δ", "∂E/∂w", "f′", "E", "η"), or for a ``named`` symbol
    the text that stands for it ("y", "∂E/∂h2"); ``layer`` the engine's layer index (rendered
    one higher) or None; ``subscripts`` the engine's 0-based neuron (and source) indices,
    rendered one higher; ``sample`` the 0-based sample of a batch trace, or None; ``new`` marks
    a value after the update. ``ref`` is the :class:`~engine.lesson.quantities.Quantity` it names
    (e.g. w of ``network.layers[1]`` into 0 from 0), so a view can find the step that
    computed it; ``label`` is the neuron's
    own name in the network, if any, and ``named`` says that this label is written instead
    of the letter and its indices. A symbol named "f′" renders as f′(z…) of the neuron its
    subscripts name.
    """

    name: str
    value: Value
    ref: Quantity
    layer: int | None = None
    subscripts: tuple[int, ...] = ()
    sample: int | None = None
    new: bool = False
    label: str | None = None
    named: bool = False

    def pieces(self) -> tuple[str, str, str, str]:
        """The displayed parts ``(base, superscript, subscript, suffix)``.

        E.g. ("w′", "(2)", "12", "") for the new weight into neuron 1 from neuron 2 of layer 1
        (engine indices (0, 1)), ("y", "", "", "[3]") for the labelled activation y in sample
        3 (engine sample 2). A "f′" symbol has no pieces of its own: see ``inner``.
        """
        base = self.name + ("′" if self.new else "")
        suffix = "" if self.sample is None else f"[{self.sample + 1}]"
        if self.named:
            return base, "", "", suffix
        superscript = "" if self.layer is None else f"({self.layer + 1})"
        return base, superscript, _index_text(self.subscripts), suffix

    def inner(self) -> Symbol:
        """The z that a "f′" symbol takes the slope at: z⁽ˡ⁾ⱼ, or a named neuron's net_z."""
        if self.named:
            return Symbol(WEIGHTED_SUM + self.label, self.value, self.ref, self.layer,
                          self.subscripts, self.sample, label=self.label, named=True)
        return Symbol("z", self.value, self.ref, self.layer, self.subscripts, self.sample)

    def notation(self) -> str:
        """The symbol in plain text, e.g. "w⁽²⁾₁₁", "x₂", "δ′⁽¹⁾₁[3]", "f′(z⁽¹⁾₁)", "h2"."""
        if self.name == "f′":
            return f"f′({self.inner().notation()})"
        base, superscript, subscript, suffix = self.pieces()
        return (
            base + superscript.translate(_SUPERSCRIPT) + subscript.translate(_SUBSCRIPT) + suffix
        )

    def to_dict(self) -> dict:
        return {
            "type": "symbol",
            "name": self.name,
            "text": self.notation(),
            "value": json_value(self.value),
            "ref": self.ref.to_json(),
            "layer": self.layer,
            "subscripts": list(self.subscripts),
            "sample": self.sample,
            "new": self.new,
            "label": self.label,
            "named": self.named,
        }


@dataclass(frozen=True, slots=True)
class Operator:
    """Text between symbols: " + ", " − ", "·", "(", ")²", "σ(", …"""

    text: str

    def to_dict(self) -> dict:
        return {"type": "operator", "text": self.text}


@dataclass(frozen=True, slots=True)
class Constant:
    """A fixed number of the formula (½, 2, 1, the leaky slope 0.01), shown the same both ways."""

    value: float
    text: str = ""

    def notation(self) -> str:
        return self.text or format_number(self.value, DISPLAY_DIGITS)

    def to_dict(self) -> dict:
        return {"type": "constant", "value": self.value, "text": self.notation()}


Token = Symbol | Operator | Constant

PLUS = Operator(" + ")
MINUS = Operator(" − ")
TIMES = Operator("·")
HADAMARD = Operator(" ⊙ ")
OPEN = Operator("(")
CLOSE = Operator(")")


def join(groups, separator: Operator = PLUS) -> list:
    """Token groups one after another with ``separator`` between them: a + b + c."""
    tokens = []
    for index, group in enumerate(groups):
        if index:
            tokens.append(separator)
        tokens.extend(group)
    return tokens


@dataclass(frozen=True, slots=True)
class Formula:
    """``lhs relation form₁ = form₂ = …``; the last form is the one shown with numbers.

    ``relation`` is "=" for a computation and "←" for an update.
    """

    lhs: Symbol
    forms: tuple[tuple[Token, ...], ...]
    relation: str = "="

    @property
    def value(self) -> Value:
        return self.lhs.value

    def symbols(self) -> list[Symbol]:
        """Every symbol on the right-hand side, in order of appearance (repeats included)."""
        return [token for form in self.forms for token in form if isinstance(token, Symbol)]

    def symbolic_line(self) -> str:
        """E.g. "∂E/∂w⁽²⁾₁₁ = ∂E/∂b⁽²⁾₁·y = δ⁽²⁾₁·y"."""
        rhs = " = ".join(render_form(form) for form in self.forms)
        return f"{self.lhs.notation()} {self.relation} {rhs}"

    def numbers_line(self, digits: int | None = DISPLAY_DIGITS) -> str:
        """E.g. "∂E/∂w⁽²⁾₁₁ = 1·3 = 3": the last form with every symbol's value put in."""
        substituted = render_form(self.forms[-1], numbers=True, digits=digits)
        result = format_value(self.value, digits)
        tail = "" if substituted == result else f" = {result}"
        return f"{self.lhs.notation()} {self.relation} {substituted}{tail}"

    def text(self, digits: int | None = DISPLAY_DIGITS) -> str:
        """Symbolic and substituted forms on one line: "z = w·a + b = 1·3 + 1 = 4"."""
        substituted = render_form(self.forms[-1], numbers=True, digits=digits)
        result = format_value(self.value, digits)
        parts = [self.symbolic_line()]
        if substituted != render_form(self.forms[-1]):
            parts.append(substituted)
        if substituted != result:
            parts.append(result)
        return " = ".join(parts)

    def to_dict(self) -> dict:
        return {
            "lhs": self.lhs.to_dict(),
            "relation": self.relation,
            "forms": [[token.to_dict() for token in form] for form in self.forms],
        }


@dataclass(frozen=True, slots=True)
class Shown:
    """One token of a form as it reads with numbers put in (see ``substitute``).

    ``text`` is the operator's or constant's text, or the number's text for a symbol;
    ``value`` the value a symbol shows (its magnitude when its sign went into the operator
    before it), None for other tokens; ``bracketed`` says a negative number is written
    in brackets, "2·(-1)".
    """

    token: Token
    text: str
    value: Value | None = None
    bracketed: bool = False


_BINARY_SIGNS = {" + ": " − ", " − ": " + "}


def signed_term(before: str, value: Value, digits: int | None = DISPLAY_DIGITS):
    """The one rule for a number put in after the text ``before``: ``(before, value, bracketed)``.

    A negative number after a plus or minus takes its sign into it: "a − (−b)" reads
    "a + b", "a + (−b)" reads "a − b", "−(−b" reads "(b"; after any other operator it is
    bracketed, "2·(−1)", unless it opens the form or a bracket: "σ(−1.4)", "[−1, 2]".
    The sign is the one shown: −0.0 reads "0" and changes nothing. Vectors never fold.
    """
    if isinstance(value, tuple) or not format_value(value, digits).startswith("-"):
        return before, value, False
    for sign, flipped in _BINARY_SIGNS.items():
        if before.endswith(sign):
            return before[: -len(sign)] + flipped, -value, False
    if before.endswith("−"):  # a unary minus: −(−b) is b
        return before[:-1], -value, False
    return before, value, not (before == "" or before.endswith(("(", "[")))


def substitute(tokens, digits: int | None = DISPLAY_DIGITS) -> list[Shown]:
    """The tokens of a form with every symbol's value put in, signs folded by ``signed_term``."""
    shown: list[Shown] = []
    for token in tokens:
        if isinstance(token, Symbol):
            folds = bool(shown) and isinstance(shown[-1].token, Operator)
            # after an operator its text decides; after a number (a constant) the product sign
            before = shown[-1].text if folds else ("·" if shown else "")
            operator, value, bracketed = signed_term(before, token.value, digits)
            if folds and operator != before:
                shown[-1] = Shown(shown[-1].token, operator)
            shown.append(Shown(token, format_value(value, digits), value, bracketed))
        elif isinstance(token, Constant):
            shown.append(Shown(token, token.notation()))
        else:
            shown.append(Shown(token, token.text))
    return shown


def term_text(left: float, operator: Operator, right: float,
              digits: int | None = DISPLAY_DIGITS) -> str:
    """Two numbers and an operator as prose writes them: "0.848969 + 3.21917e-08"."""
    before, value, bracketed = signed_term(format_value(left, digits) + operator.text, right,
                                           digits)
    text = format_value(value, digits)
    return before + (f"({text})" if bracketed else text)


def render_form(tokens, numbers: bool = False, digits: int | None = DISPLAY_DIGITS) -> str:
    """Tokens as plain text: symbols by name, or (``numbers``) by value to ``digits`` digits,
    signs written as ``signed_term`` says: "0.8 + 0.1", "2·(-1)", "σ(-1.4)"."""
    if not numbers:
        return "".join(token.notation() if isinstance(token, Symbol | Constant) else token.text
                       for token in tokens)
    return "".join(f"({piece.text})" if piece.bracketed else piece.text
                   for piece in substitute(tokens, digits))


def json_value(value: Value):
    """A value for JSON: floats stay full precision; nan and ±inf become strings."""
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if math.isfinite(value):
        return value
    return format_number(value)
