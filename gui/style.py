"""The window's palette and fonts, in one place so every view speaks the same visual language.

Sign is shown by a colour-blind-safe blue/orange pair (ColorBrewer's PuOr/RdBu ends, told apart
with every common colour-vision deficiency); the backward pass uses purple and dashed lines, so it
differs from the forward pass by shape as well as colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication

POSITIVE = QColor("#2166ac")  # blue: a weight or value above zero
NEGATIVE = QColor("#b35806")  # orange: below zero
ZERO = QColor("#9a9a9a")  # grey: exactly zero (or no value yet)
BACKWARD = QColor("#762a83")  # purple: δ and ∂E/∂w of the backward pass
UPDATE = QColor("#1b7837")  # green: the new value after an update step
HIGHLIGHT = QColor("#f1a340")  # amber halo around what the current step concerns
SELECTION = QColor("#202020")  # dark ring around the selected item
HOVER = QColor("#606060")

CANVAS_BACKGROUND = QColor("#fbfbf8")
NEURON_FILL = QColor("#ffffff")
INPUT_FILL = QColor("#eef3f8")
NEURON_OUTLINE = QColor("#404040")
TEXT = QColor("#1a1a1a")
MUTED_TEXT = QColor("#6b6b6b")
LABEL_BACKGROUND = QColor(255, 255, 255, 225)
FROZEN = QColor("#4d4d4d")
ERROR_TEXT = QColor("#b2182b")
ERROR_STYLE = f"color: {ERROR_TEXT.name()};"  # a refused entry's message, under its field


def sign_color(value: float) -> QColor:
    """Blue for positive, orange for negative, grey for zero or not-a-number."""
    if value > 0:
        return POSITIVE
    if value < 0:
        return NEGATIVE
    return ZERO


# Korean fonts, tried in order for any character the application's font lacks, so Korean text
# never shows as empty boxes: Linux (Noto CJK, Nanum: fonts-nanum), Windows, macOS
KOREAN_FONTS = ("Noto Sans CJK KR", "NanumGothic", "NanumBarunGothic",  # i18n: as is
                "Malgun Gothic", "Apple SD Gothic Neo")  # i18n: as is


def use_korean_fallbacks(app) -> None:
    """Give the application's font the Korean fonts as fallbacks (every widget inherits it)."""
    font = QFont(app.font())
    families = [family for family in font.families() if family not in KOREAN_FONTS]
    font.setFamilies((families or [font.family()]) + list(KOREAN_FONTS))
    app.setFont(font)


def canvas_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    """The application's font at ``point_size``, for text painted on the canvas."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def format_value(value: float) -> str:
    """A number as the lesson writes it: up to 4 significant digits, no trailing zeros."""
    if value != value:  # NaN
        return "NaN"
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    return text.replace("-", "−")
