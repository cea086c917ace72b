"""The one parser of typed numbers: a point, a sign (− too), an exponent; nothing else."""

import pytest

from engine.errors import NetworkError
from engine.files.number_text import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("1.5", 1.5), ("-1.5", -1.5), ("\u22121.5", -1.5), ("1e-3", 0.001), ("  2 ", 2.0),
    ("+3", 3.0), (".5", 0.5), ("1E3", 1000.0), ("1e\u22122", 0.01),
])
def test_a_number_with_a_point_sign_or_exponent_is_read(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "1,5", "abc", "", "  ", "nan", "inf", "-inf", "1e999", "1..2", "1_000", "\u20131", "0x10",
    "1.5.", "\u0663",
])
def test_everything_else_is_refused_with_one_message(text):
    with pytest.raises(NetworkError) as error:
        parse_number(text, "learning rate")
    assert error.value.key == "learning rate"
    assert error.value.problem == (
        f"“{text.strip()}” is not a number (not a finite number like 1.5, −1.5 or 1e-3)")
