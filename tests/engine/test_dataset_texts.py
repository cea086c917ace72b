"""The data-set generators' texts in each language (engine/training/dataset_texts.py): Korean
for every generator and parameter, English as datasets.py writes it."""

import pytest

from engine import i18n
from engine.training import dataset_texts, datasets


@pytest.fixture
def korean():
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def every_parameter():
    specs = {spec.name: spec for g in datasets.GENERATORS.values() for spec in g.parameters}
    specs[datasets.TEST_FRACTION.name] = datasets.TEST_FRACTION
    return specs.values()


def test_english_is_the_generators_own_text():
    circles = datasets.GENERATORS["circles"]
    assert dataset_texts.generator_texts(circles) == ("Circles", "a disc inside a ring")
    assert dataset_texts.parameter_texts(datasets.TEST_FRACTION) == (
        "Test fraction", "share of the samples held out for testing")


def test_korean_has_every_generator_and_parameter(korean):
    for generator in datasets.GENERATORS.values():
        title, description = dataset_texts.generator_texts(generator)
        assert title and description
        assert description != generator.description, generator.name
    for spec in every_parameter():
        label, description = dataset_texts.parameter_texts(spec)
        assert any("\uac00" <= ch <= "\ud7a3" for ch in label + description), spec.name
        assert description != spec.description, spec.name


def test_the_catalogue_names_only_generators_and_parameters_that_exist():
    catalogue = dataset_texts.catalogue("ko")
    assert set(catalogue["generators"]) == set(datasets.GENERATORS)
    assert set(catalogue["parameters"]) == {spec.name for spec in every_parameter()}
