"""Engine step records as Qt rich text: w<sup>(2)</sup><sub>11</sub>, δ, ∂E/∂w, η, ←.

The engine's formulas are structured tokens (``engine.lesson.formula``); this module only writes
them as HTML, with real superscripts and subscripts instead of Unicode digits, and optionally with
each symbol as a link (``quantity_href``) so a view can explain the number it names. Symbols
read exactly as the engine's plain text does (neurons counted from 1, short labels standing for
activations); numbers show ``DISPLAY_DIGITS`` significant digits, with the full value as the
number's tool tip.

Text that comes from outside — a label, a name or a description in a file, a CSV column, what
the learner typed, an error message quoting any of them — meets rich text only through
``text_html`` (shown literally: ``<img src=…>`` stays those characters, loads nothing); a
tool tip or message box of such text is ``literal_html``; a label showing it alone is PlainText.
"""

from __future__ import annotations

import re
from html import escape

from engine.lesson.formula import (
    DISPLAY_DIGITS,
    FULL,
    Constant,
    Formula,
    Shown,
    Symbol,
    display_value,
    format_number,
    format_value,
    substitute,
)
from engine.lesson.quantities import Quantity

LINK_PREFIX = "quantity:"
MINUS = "\N{MINUS SIGN}"
SHOWN_VALUES = 8  # a row's values beyond this are counted, not listed (784 pixels would not fit)
PROSE_LIMIT = 160  # characters of an explanation shown; the rest (a layer's long vector) is elided


def text_html(text) -> str:
    """Outside text as HTML that shows exactly its characters (no tag, link or image in it acts)."""
    return escape(str(text))


def literal_html(text) -> str:
    """Rich text showing ``text`` exactly, line breaks kept, for a place that guesses whether
    its text is HTML (a tool tip, a message box): this always is HTML, and escaped."""
    return f"<p style='white-space:pre-wrap'>{text_html(text)}</p>" if text else ""


def quantity_href(reference: Quantity) -> str:
    """A link target naming an engine quantity, e.g. "quantity:w,1,0,0" (its JSON, joined)."""
    return LINK_PREFIX + ",".join(str(part) for part in reference.to_json())


def quantity_from_href(href: str) -> Quantity | None:
    """The quantity a ``quantity_href`` link names (None for any other link)."""
    if not href.startswith(LINK_PREFIX):
        return None
    return Quantity.from_json(href[len(LINK_PREFIX):].split(","))


def number_text(value) -> str:
    """A number (or vector) as the step-through shows it, with a typographic minus sign."""
    return display_value(value).replace("-", MINUS)


def number_html(value) -> str:
    """``number_text`` as HTML; where rounding shortened it, the full value is its tool tip."""
    shown = number_text(value)
    full = format_value(value, FULL).replace("-", MINUS)
    if full == shown:
        return text_html(shown)
    return f'<span title="{text_html(full)}">{text_html(shown)}</span>'


def prose_text(text: str) -> str:
    """An engine explanation with the typographic minus in its numbers, as the formula has."""
    return _NEGATIVE_NUMBER.sub(MINUS, text)


_NEGATIVE_NUMBER = re.compile(r"(?<![\w.])-(?=[0-9])")  # "-0.2" and "= -3", not "bias-corrected"


def prose_html(text: str) -> str:
    """An engine explanation as rich text that writes its symbols as the formula above it does:
    a named weighted sum net<sub><i>y</i></sub> (the prose's "net_y") and e<sup>−z</sup> (its
    "e^−z"); everything else shown literally."""
    html = _POWER.sub(r"e<sup>\1</sup>", text_html(text))
    return _NAMED_SUM.sub(r"net<sub><i>\1</i></sub>", html)


_POWER = re.compile(r"\be\^([^\s)]+)")  # "e^−net_y[2]" up to a space or ")"
_NAMED_SUM = re.compile(r"\bnet_(\w{1,4})\b")  # a short label: a letter, up to three more


def symbol_html(symbol: Symbol) -> str:
    """E.g. w′<sup>(2)</sup><sub>11</sub>, f′(z<sup>(1)</sup><sub>1</sub>), x<sub>1</sub>[3],
    <i>h2</i>, ∂E/∂<i>y</i>."""
    if symbol.name == "f′":
        return f"f′({symbol_html(symbol.inner())})"
    base, superscript, subscript, suffix = symbol.pieces()
    if symbol.named:
        # the label in italics, as a letter would be; a prefix such as ∂E/∂ stays upright
        prefix = symbol.name[: len(symbol.name) - len(symbol.label)]
        label = f"<i>{text_html(symbol.label)}</i>"
        if prefix.endswith("_"):  # a named weighted sum: net<sub>z</sub>
            prefix, label = prefix[:-1], f"<sub>{label}</sub>"
        text = f"{text_html(prefix)}{label}{base[len(symbol.name):]}"
    else:
        letter = len(symbol.name) == 1 and symbol.name.isalpha()
        text = f"<i>{text_html(base)}</i>" if letter else text_html(base)
    if superscript:
        text += f"<sup>{superscript}</sup>"
    if subscript:
        text += f"<sub>{subscript}</sub>"
    return text + suffix


def form_html(tokens, numbers: bool = False, links: bool = False) -> str:
    """One side of a formula: symbols by name or (``numbers``) by value, operators as they are;
    with numbers, signs are written as the engine's ``substitute`` says ("0.8 + 0.1")."""
    pieces = substitute(tokens) if numbers else [Shown(token, "") for token in tokens]
    parts = []
    for piece in pieces:
        token = piece.token
        if isinstance(token, Symbol):
            if numbers:
                text = number_html(piece.value)
                text = f"({text})" if piece.bracketed else text
            else:
                text = symbol_html(token)
            if links:
                text = f'<a href="{quantity_href(token.ref)}">{text}</a>'
            parts.append(text)
        elif isinstance(token, Constant):
            parts.append(text_html(token.notation()))
        else:
            parts.append(text_html(piece.text if numbers else token.text).replace("-", MINUS))
    return "".join(parts)


def symbolic_html(formula: Formula, links: bool = False) -> str:
    """The formula in symbols: "∂E/∂w<sup>(2)</sup><sub>11</sub> = δ<sup>(2)</sup>…"."""
    forms = " = ".join(form_html(form, links=links) for form in formula.forms)
    return f"{symbol_html(formula.lhs)} {text_html(formula.relation)} {forms}"


def numbers_html(formula: Formula, links: bool = False) -> str:
    """The last form with the numbers put in, and the result in bold: "… = 1 · 3 = <b>3</b>"."""
    substituted = form_html(formula.forms[-1], numbers=True, links=links)
    result = number_html(formula.value)
    if form_html(formula.forms[-1], numbers=True) == result:  # "∂E/∂b = 1", not "= 1 = 1"
        return f"{symbol_html(formula.lhs)} {text_html(formula.relation)} <b>{substituted}</b>"
    tail = f" = <b>{result}</b>"
    return f"{symbol_html(formula.lhs)} {text_html(formula.relation)} {substituted}{tail}"


def step_html(step, links: bool = False) -> str:
    """A step's formula in symbols, then with its numbers, on two lines.

    With ``links``, each symbol of the symbolic line links to its quantity (the numbers line
    stays plain, so the numbers read as one calculation).
    """
    formula = step.formula
    return f"{symbolic_html(formula, links)}<br>{numbers_html(formula)}"


def numbers_text(values, digits: int | None = DISPLAY_DIGITS, most: int = SHOWN_VALUES) -> str:
    """Up to ``most`` values as the step-through writes them, then how many there are."""
    shown = ", ".join(format_number(float(v), digits).replace("-", MINUS) for v in values[:most])
    return shown if len(values) <= most else f"{shown}, … ({len(values)} values)"


def short_prose(text: str, limit: int = PROSE_LIMIT) -> str:
    """``text`` cut after ``limit`` characters, at a list separator, with "…" (a layer step
    lists every neuron; the formula box above, and its tool tip, have them all)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(", ", 0, limit)
    return text[: cut if cut > 0 else limit] + ", …"
