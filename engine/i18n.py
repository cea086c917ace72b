"""The engine's text in the learner's language: ``tr("diverged at step {step}", step=24)``.

A template is written in English as a plain string literal and filled with ``str.format`` (so
literal braces are doubled: ``{{``). The catalogue of a language is a JSON object in
resources/i18n/engine_<code>.json mapping each English template to its translation; a template
the catalogue lacks falls back to English. English needs no catalogue. The language is one
setting of the process: the command line sets it from ``--lang`` or the environment, the window
from its own choice (gui/language.py). No Qt here: the engine must load where Qt is absent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

ENGLISH = "en"
LANGUAGES = ("en", "ko")  # codes; the catalogue of each but English is engine_<code>.json
CATALOGUE_FOLDER = Path(__file__).resolve().parents[1] / "resources" / "i18n"
ENVIRONMENT_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # the first one set decides (POSIX)

_language = ENGLISH


def catalogue_path(code: str) -> Path:
    return CATALOGUE_FOLDER / f"engine_{code}.json"


@cache
def catalogue(code: str) -> dict[str, str]:
    """English template → translated template for ``code`` ({} for English)."""
    if code == ENGLISH:
        return {}
    return json.loads(catalogue_path(code).read_text(encoding="utf-8"))


def set_language(code: str) -> None:
    """Make ``code`` ("en" or "ko") the language of every later ``tr``."""
    global _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r} (known: {', '.join(LANGUAGES)})")
    _language = code


def language() -> str:
    return _language


def language_from_environment(environ: Mapping[str, str]) -> str:
    """"ko" when the first of LC_ALL, LC_MESSAGES, LANG that is set (non-empty) starts with
    "ko" (ko, ko_KR, ko_KR.UTF-8, …), else "en"."""
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else ENGLISH
    return ENGLISH


def tr(template: str, **fields) -> str:
    """``template`` in the current language, its ``{fields}`` filled with ``str.format``."""
    translated = catalogue(_language).get(template) or template
    return translated.format(**fields)
