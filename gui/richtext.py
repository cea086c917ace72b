"""Engine step records as Qt rich text: w<sup>(2)</sup><sub>00</sub>, δ, ∂E/∂w, η, ←.

The engine's formulas are structured tokens (``engine.formula``); this module only writes them
as HTML, with real superscripts and subscripts instead of Unicode digits, and optionally with
each symbol as a link (``quantity_href``) so a view can explain the number it names.
"""

from __future__ import annotations

from html import escape

from engine.formula import Constant, Formula, Symbol, format_value

LINK_PREFIX = "quantity:"
MINUS = "\N{MINUS SIGN}"


def quantity_href(reference: tuple) -> str:
    """A link target naming an engine quantity reference, e.g. "quantity:w,1,0,0"."""
    return LINK_PREFIX + ",".join(str(part) for part in reference)


def quantity_from_href(href: str) -> tuple | None:
    """The quantity reference a ``quantity_href`` link names (None for any other link)."""
    if not href.startswith(LINK_PREFIX):
        return None
    parts = href[len(LINK_PREFIX):].split(",")
    return (parts[0],) + tuple(int(part) for part in parts[1:])


def number_html(value) -> str:
    """A number (or vector) as the lesson writes it, with a typographic minus sign."""
    return escape(format_value(value)).replace("-", MINUS)


def symbol_html(symbol: Symbol) -> str:
    """E.g. w′<sup>(2)</sup><sub>00</sub>, f′(z<sup>(1)</sup><sub>0</sub>), x<sub>0</sub>[3]."""
    if symbol.name == "f′":
        inner = Symbol("z", symbol.value, symbol.ref, symbol.layer, symbol.subscripts,
                       symbol.sample)
        return f"f′({symbol_html(inner)})"
    text = escape(symbol.name) + ("′" if symbol.new else "")
    if symbol.layer is not None:
        text += f"<sup>({symbol.layer + 1})</sup>"
    if symbol.subscripts:
        separator = "," if any(index > 9 for index in symbol.subscripts) else ""
        text += f"<sub>{separator.join(str(index) for index in symbol.subscripts)}</sub>"
    if symbol.sample is not None:
        text += f"[{symbol.sample}]"
    return f"<i>{text}</i>" if len(symbol.name) == 1 and symbol.name.isalpha() else text


def form_html(tokens, numbers: bool = False, links: bool = False) -> str:
    """One side of a formula: symbols by name or (``numbers``) by value, operators as they are."""
    parts = []
    alone = len(tokens) == 1
    for token in tokens:
        if isinstance(token, Symbol):
            if numbers:
                text = number_html(token.value)
                if text.startswith(MINUS) and not alone:
                    text = f"({text})"
            else:
                text = symbol_html(token)
            if links:
                text = f'<a href="{quantity_href(token.ref)}">{text}</a>'
            parts.append(text)
        elif isinstance(token, Constant):
            parts.append(escape(token.notation()))
        else:
            parts.append(escape(token.text).replace("-", MINUS))
    return "".join(parts)


def symbolic_html(formula: Formula, links: bool = False) -> str:
    """The formula in symbols: "∂E/∂w<sup>(2)</sup><sub>00</sub> = δ<sup>(2)</sup>…"."""
    forms = " = ".join(form_html(form, links=links) for form in formula.forms)
    return f"{symbol_html(formula.lhs)} {escape(formula.relation)} {forms}"


def numbers_html(formula: Formula, links: bool = False) -> str:
    """The last form with the numbers put in, and the result in bold: "… = 1 · 3 = <b>3</b>"."""
    substituted = form_html(formula.forms[-1], numbers=True, links=links)
    result = number_html(formula.value)
    if form_html(formula.forms[-1], numbers=True) == result:  # "∂E/∂b = 1", not "= 1 = 1"
        return f"{symbol_html(formula.lhs)} {escape(formula.relation)} <b>{substituted}</b>"
    tail = f" = <b>{result}</b>"
    return f"{symbol_html(formula.lhs)} {escape(formula.relation)} {substituted}{tail}"


def step_html(step, links: bool = False) -> str:
    """A step's formula in symbols, then with its numbers, on two lines.

    With ``links``, each symbol of the symbolic line links to its quantity (the numbers line
    stays plain, so the numbers read as one calculation).
    """
    formula = step.formula
    return f"{symbolic_html(formula, links)}<br>{numbers_html(formula)}"
