"""The data-set generators' titles and descriptions, and their parameters' names, in the
learner's language.

English is engine/training/datasets.py's own text; another language reads
resources/i18n/datasets_<code>.json::

    {"generators": {name: {"title": …, "description": …}},
     "parameters": {name: {"label": …, "description": …}}}

A text the catalogue lacks falls back to English. No Qt here.
"""

from __future__ import annotations

import json
from functools import cache

from engine.i18n import CATALOGUE_FOLDER, ENGLISH, language
from engine.training.datasets import Generator, ParameterSpec

CATALOGUE = "datasets_{code}.json"


@cache
def catalogue(code: str) -> dict:
    """The generator and parameter texts of ``code`` ({} for English or a missing file)."""
    if code == ENGLISH:
        return {}
    path = CATALOGUE_FOLDER / CATALOGUE.format(code=code)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _translated(section: str, name: str) -> dict:
    return catalogue(language()).get(section, {}).get(name, {})


def generator_texts(generator: Generator) -> tuple[str, str]:
    """(title, description) of ``generator`` in the current language."""
    translated = _translated("generators", generator.name)
    return (translated.get("title") or generator.title,
            translated.get("description") or generator.description)


def parameter_texts(spec: ParameterSpec) -> tuple[str, str]:
    """(label, description) of a generator parameter in the current language; the English
    label is the parameter's name written as words ("test_fraction" → "Test fraction")."""
    translated = _translated("parameters", spec.name)
    return (translated.get("label") or spec.name.replace("_", " ").capitalize(),
            translated.get("description") or spec.description)
