"""Terminal columns: a Korean character takes two, padding and wrapping count that way."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from engine import i18n
from engine.cli import main
from engine.commands import listing
from engine.commands.terminal_text import display_width, pad_left, pad_right, wrap


def test_a_korean_character_takes_two_columns():
    assert display_width("가중치 w") == 8
    assert display_width("∂E/∂w") == 5  # symbols are narrow
    assert pad_right("기울기", 8) == "기울기  "
    assert pad_left("오차", 6) == "  오차"
    assert pad_right("parameter", 4) == "parameter"  # never cut


def test_korean_is_wrapped_by_columns_at_spaces():
    assert wrap("가중치 편향 기울기 학습률", 13) == ["가중치 편향", "기울기 학습률"]
    assert wrap("순전파역전파", 5) == ["순전", "파역", "전파"]


@given(st.text(alphabet="abc -.,", max_size=200), st.integers(5, 40))
def test_narrow_text_wraps_exactly_as_textwrap(text, width):
    assert wrap(text, width) == textwrap.wrap(text, width)


@given(st.lists(st.text(alphabet="가나다라 ab", min_size=1, max_size=12), max_size=30),
       st.integers(4, 40))
def test_wide_text_never_exceeds_the_width_and_keeps_every_character(words, width):
    text = " ".join(words)
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def _run(argv, capsys):
    status = main(argv, launch_gui=None)
    out = capsys.readouterr().out
    i18n.set_language("en")
    return status, out.splitlines()


def test_the_korean_preset_list_fits_its_width(capsys):
    status, lines = _run(["presets", "--lang", "ko"], capsys)
    assert status == 0
    described = [line for line in lines if line.startswith("    ")]
    assert any(display_width(line) != len(line) for line in described)  # Korean is there
    assert max(display_width(line) for line in described) <= listing.WIDTH


def test_the_korean_gradcheck_table_lines_up(capsys):
    status, lines = _run(["gradcheck", "preset:seed", "--lang", "ko"], capsys)
    assert status == 0
    head, rows = lines[1], lines[2:6]
    assert head.startswith("파라미터")
    # every column ends where the header's does: each row as wide as the header
    assert {display_width(row) for row in rows} == {display_width(head)}
    end_of_number = re.match(r"\S+\s+\S+", rows[0]).end()  # of the name and the analytic
    assert display_width(head[:head.index("해석적") + 3]) == end_of_number == 34


def test_korean_lines_are_even_with_no_stray_end():
    # greedy would give "가 나 다 라" (11 columns) and "마 바" (5): Σ slack² 36 against 9 + 9
    assert wrap("가 나 다 라 마 바", 11) == ["가 나 다", "라 마 바"]
