"""Structured formulas of the step-through, and their plain-text rendering.

A step's formula is ``lhs = form₁ = form₂ …`` where each form is a sequence of tokens: a
``Symbol`` (a named quantity with its value and a reference to it), an ``Operator`` (text such
as " + ", "·", "(") or a ``Constant`` (a number that is part of the formula, such as ½ or 2).
The GUI renders the tokens as rich text and highlights the quantities the symbols name; the
command line prints the same tokens as plain text.

Notation: layers are numbered as the lesson counts them, the input layer being layer 0, so the
engine's ``network.layers[l]`` appears as layer l + 1: w⁽²⁾₀₁ is the weight into neuron 0 of
the second non-input layer from neuron 1 of the layer below. Inputs are x₀, x₁, …; targets
t₀, t₁, …. In a batch trace, per-sample quantities carry the sample in brackets: z⁽¹⁾₀[2].
A value after the update is primed: w′⁽²⁾₀₀.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

Value = float | tuple  # a number, or a vector / matrix as (nested) tuples


def format_number(x: float) -> str:
    """A value as the lesson writes it: 12 significant digits, so 1 − 0.1·3 shows as 0.7.

    ``format(x, '.12g')`` hides the last bits of float rounding (0.061250000000000034 → 0.06125)
    while keeping every digit a learner could check by hand. −0 shows as 0.
    """
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = format(x, ".12g")
    return "0" if text == "-0" else text


def format_value(value: Value) -> str:
    """A number, vector ``[1, 2]`` or matrix ``[[1, 2], [3, 4]]`` in plain text."""
    if isinstance(value, tuple):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return format_number(value)


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
    """A named quantity in a formula, e.g. w⁽²⁾₀₀ with value 1.

    ``name`` is the letter ("w", "z", "δ", "∂E/∂w", "f′", "E", "η"); ``layer`` the engine's
    layer index (rendered one higher) or None; ``subscripts`` the neuron (and source) indices;
    ``sample`` the sample of a batch trace, or None; ``new`` marks a value after the update.
    ``ref`` is the quantity reference the stepper uses (e.g. ('w', 1, 0, 0)), so a view can
    find the step that computed it; ``label`` is the neuron's own name in the network, if any.
    A symbol named "f′" renders as f′(z…) of the neuron its subscripts name.
    """

    name: str
    value: Value
    ref: tuple
    layer: int | None = None
    subscripts: tuple[int, ...] = ()
    sample: int | None = None
    new: bool = False
    label: str | None = None

    def notation(self) -> str:
        """The symbol in plain text, e.g. "w⁽²⁾₀₀", "x₁", "δ′⁽¹⁾₀[3]", "f′(z⁽¹⁾₀)"."""
        if self.name == "f′":
            inner = Symbol("z", self.value, self.ref, self.layer, self.subscripts, self.sample)
            return f"f′({inner.notation()})"
        text = self.name + ("′" if self.new else "")
        if self.layer is not None:
            text += f"⁽{self.layer + 1}⁾".translate(_SUPERSCRIPT)
        if self.subscripts:
            separator = "," if any(index > 9 for index in self.subscripts) else ""
            text += separator.join(str(index) for index in self.subscripts).translate(_SUBSCRIPT)
        if self.sample is not None:
            text += f"[{self.sample}]"
        return text

    def to_dict(self) -> dict:
        return {
            "type": "symbol",
            "name": self.name,
            "text": self.notation(),
            "value": json_value(self.value),
            "ref": list(self.ref),
            "layer": self.layer,
            "subscripts": list(self.subscripts),
            "sample": self.sample,
            "new": self.new,
            "label": self.label,
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
        return self.text or format_number(self.value)

    def to_dict(self) -> dict:
        return {"type": "constant", "value": self.value, "text": self.notation()}


Token = Symbol | Operator | Constant


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
        """E.g. "∂E/∂w⁽²⁾₀₀ = ∂E/∂b⁽²⁾₀ · a⁽¹⁾₀ = δ⁽²⁾₀ · a⁽¹⁾₀"."""
        rhs = " = ".join(render_form(form) for form in self.forms)
        return f"{self.lhs.notation()} {self.relation} {rhs}"

    def numbers_line(self) -> str:
        """E.g. "∂E/∂w⁽²⁾₀₀ = 1 · 3 = 3": the last form with every symbol's value put in."""
        substituted = render_form(self.forms[-1], numbers=True)
        result = format_value(self.value)
        tail = "" if substituted == result else f" = {result}"
        return f"{self.lhs.notation()} {self.relation} {substituted}{tail}"

    def text(self) -> str:
        """Symbolic and substituted forms on one line: "z = w·a + b = 1·3 + 1 = 4"."""
        substituted = render_form(self.forms[-1], numbers=True)
        result = format_value(self.value)
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


def render_form(tokens, numbers: bool = False) -> str:
    """Tokens as plain text: symbols by name, or (``numbers``) by value.

    A negative number put in place of a symbol is bracketed, "2·(-1)" rather than "2·-1",
    unless it opens the form or a bracket: "σ(-1.4)", "-1·2".
    """
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, Symbol):
            if not numbers:
                parts.append(token.notation())
                continue
            text = format_value(token.value)
            opens = not parts or parts[-1].endswith(("(", "["))
            parts.append(f"({text})" if text.startswith("-") and not opens else text)
        elif isinstance(token, Constant):
            parts.append(token.notation())
        else:
            parts.append(token.text)
    return "".join(parts)


def json_value(value: Value):
    """A value for JSON: floats stay full precision; nan and ±inf become strings."""
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if math.isfinite(value):
        return value
    return format_number(value)
