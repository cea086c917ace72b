"""Text from a file (or a CSV, or typed) as it may appear in a one-line message.

A file can hold anything in a string: terminal escape codes (``"\\x1b[31m"``), a bell, a
newline, a right-to-left override, a lone surrogate, a name a megabyte long. Every message that
quotes such text goes through :func:`quote` (or :func:`key_name` for a key inside a key path),
so the line stays one short line of plain characters: what cannot be shown is escaped as
Python writes it (``\\x1b``, ``\\u202e``, ``\\ud800``) and long text is cut.
"""

from __future__ import annotations

LONGEST = 40  # characters of file text shown before it is cut


def quote(text: str, longest: int = LONGEST) -> str:
    """``text`` in quotes, cut to ``longest`` characters (``…`` marks the cut), unprintable
    characters escaped: ``quote("a\\x1bb")`` is ``'a\\\\x1bb'``."""
    text = str(text)
    if len(text) > longest:
        text = text[: longest - 1] + "…"
    return repr(text)


def key_name(key: str) -> str:
    """A key of a file as it is shown in a key path: as written when it is a short plain
    name, else in quotes as :func:`quote` gives it."""
    text = str(key)
    if len(text) <= LONGEST and text.isprintable():
        return text
    return quote(text)


def one_line(message: str) -> str:
    """``message`` with line breaks turned into spaces and any other unprintable character
    escaped as :func:`quote` escapes it: the last safeguard before a message is printed."""
    joined = " ".join(str(message).splitlines())
    if joined.isprintable():
        return joined
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in joined)


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a UTF-16 surrogate (from a JSON ``\\ud800`` escape): it is not
    a character, and no file, terminal or window can encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
