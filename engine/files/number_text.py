"""A number typed by a learner: the one parser every field of the window uses.

Accepted: a decimal number with a point, an optional sign and exponent, and spaces around it —
``1.5``, ``-1.5``, ``−1.5`` (the typographic minus U+2212, as the window writes numbers),
``1e-3``. Everything else is refused with one message: words, an empty field, a decimal comma
(``1,5``), ``nan``, ``inf``, and numbers too large for a float (``1e999``).
"""

from __future__ import annotations

import math
import re

from engine.errors import NetworkError
from engine.i18n import tr

TYPOGRAPHIC_MINUS = "\u2212"
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_number(text: str, key: str = "value") -> float:
    """The finite float ``text`` spells, or ``NetworkError(key, why)``.

    >>> parse_number(" −1.5 ")
    -1.5
    """
    shown = str(text).strip()
    spelled = shown.replace(TYPOGRAPHIC_MINUS, "-")
    value = float(spelled) if _NUMBER.fullmatch(spelled) else math.inf
    if not math.isfinite(value):
        raise NetworkError(key, tr("“{shown}” is not a number (not a finite number like 1.5, "
                                   "−1.5 or 1e-3)", shown=shown))
    return value
