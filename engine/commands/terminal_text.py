"""Text laid out in a terminal's columns: a wide character (Korean, CJK: Unicode East Asian
Width W or F) takes two columns, every other character one.

``display_width("가중치 w")`` = 2 + 2 + 2 + 1 + 1 = 8, where ``len`` says 5; padding and wrapping
by display width keep Korean tables aligned and lines within the width.
"""

from __future__ import annotations

import math
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
    spaces between words; a word wider than a line at characters) into lines of even width:
    the breaks minimise Σ (width − line width)² over all lines, the last one included, so no
    line is left with a stray end of the sentence."""
    if display_width(text) == len(text):
        return textwrap.wrap(text, width)
    words = [piece for word in text.split() for piece in _pieces(word, width)]
    sizes = [display_width(word) for word in words]
    cost, start = [0] + [math.inf] * len(words), [0] * (len(words) + 1)
    for end in range(1, len(words) + 1):  # cost[end]: the best lines of words[:end]
        used = -1
        for first in range(end - 1, -1, -1):
            used += sizes[first] + 1
            if used > width:
                break
            if cost[first] + (width - used) ** 2 < cost[end]:
                cost[end], start[end] = cost[first] + (width - used) ** 2, first
    lines, end = [], len(words)
    while end:
        lines.append(" ".join(words[start[end]:end]))
        end = start[end]
    return lines[::-1]


def _pieces(word: str, width: int) -> list[str]:
    """``word`` cut at characters into pieces of at most ``width`` columns."""
    pieces, piece = [], ""
    for char in word:
        if piece and display_width(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]
