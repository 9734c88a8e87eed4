"""Line tests with a cheaper first look give what their definitions give: ``layout.table_cells`` (a long line
told from its head), ``layout.menu_items`` (its tests reordered) and ``layout.has_bar``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.parse import layout
from curator.core.parse.layout import _CELL_GAP, _CELL_MAX, _CELLS_MIN, has_bar, table_cells


def _cells_reference(text: str) -> int:
    if "\t" not in text and "  " not in text:
        return 0
    cells = _CELL_GAP.split(text.strip())
    return len(cells) if len(cells) >= _CELLS_MIN and all(cells) and max(map(len, cells)) <= _CELL_MAX else 0


_ALPHABET = st.sampled_from(["a", "b", " ", " ", " ", "\t", "\u00a0", "\u2003", "|", "x" * 40, "y" * 79, "\n"])


def test_table_cells_is_its_definition() -> None:
    fixed = ["", "a", "a  b", "a\tb", "x" * 81 + "  b", "x" * 80 + "  b", "x" * 79 + " \u00a0b", "x" * 81 + " \u00a0b  c",
             "  " + "x" * 80 + "  b", "\u2003" * 3 + "x" * 80 + "  y", "x" * 80 + "\u2003" * 5, "a  b" + " " * 100,
             "Name  Dates  Place", "x" * 200, ("word " * 60).strip(), "a" * 50 + "  " + "b" * 50 + "  " + "c" * 50]
    for text in fixed:
        assert table_cells(text) == _cells_reference(text), repr(text)

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(_ALPHABET, max_size=12).map("".join))
    def check(text: str) -> None:
        assert table_cells(text) == _cells_reference(text), repr(text)

    check()


def test_has_bar_is_a_bar_between_spaces() -> None:
    for text in ["", "|", "a|b", "a | b", " | ", "a |b", "x" * 500 + " | y", "a || b"]:
        assert has_bar(text) == (" | " in text), repr(text)


def test_menu_items_answers_alike_for_lines_too_long_or_without_a_separator() -> None:
    # (the length and the separators tested first: a line past the limit or without one is never a menu)
    assert not layout.menu_items("News  Announcements  Interviews  " * 10)
    assert not layout.menu_items("News Announcements Interviews")
    assert layout.menu_items("News  Announcements  Interviews")
    assert layout.menu_items("Photo • Video • Infographics")
