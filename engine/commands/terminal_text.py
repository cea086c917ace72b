"""Text laid out in a terminal's columns: a wide character (Korean, CJK: Unicode East Asian
Width W or F) takes two columns, every other character one.

``display_width("가중치 w")`` = 2 + 2 + 2 + 1 + 1 = 8, where ``len`` says 5; padding and wrapping
by display width keep Korean tables aligned and lines within the width.
"""

from __future__ import annotations

import textwrap
import unicodedata

WIDE = ("W", "F")  # east_asian_width classes that take two terminal columns


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: Σ over its characters of 2 (W, F) or 1 (any other)."""
    return sum(2 if unicodedata.east_asian_width(c) in WIDE else 1 for c in text)


def pad_right(text: str, width: int) -> str:
    """``text`` then spaces up to ``width`` columns (``f"{text:<{width}}"`` for narrow text)."""
    return text + " " * max(0, width - display_width(text))


def pad_left(text: str, width: int) -> str:
    """Spaces then ``text``, ``width`` columns in all (like ``f"{text:>{width}}"``)."""
    return " " * max(0, width - display_width(text)) + text


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns. Text of narrow characters only is wrapped
    by ``textwrap.wrap`` unchanged; text with wide characters is broken at spaces (Korean puts
    spaces between words), a word wider than a line at characters."""
    if display_width(text) == len(text):
        return textwrap.wrap(text, width)
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if display_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word wider than a line is broken at characters
            if display_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines
