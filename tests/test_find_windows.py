"""Find in a long document reads it window by window (``iter_find``) and finds exactly what one pass finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.search.find import Query, find_all, iter_find

QUERIES = [Query("ab"), Query("AB"), Query("a b", case=True), Query("😀a"), Query(r"a\w*", regex=True),
           Query(r"b$", regex=True), Query(r"^a", regex=True), Query(r"a(?!b)", regex=True),
           Query(r"(?<=b)a", regex=True), Query(r"\bab\b", regex=True), Query(r"[^\n]+", regex=True),
           Query(r"a.{0,5}b", regex=True)]


def _matches(text: str, q: Query, **kw: int) -> list[tuple[int, int]]:
    return [m for m in iter_find(text, q, limit=10**9, **kw) if isinstance(m, tuple)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 😀\nAB", max_size=120), st.integers(1, 9), st.integers(6, 12), st.sampled_from(QUERIES))
def test_window_by_window_finds_what_one_pass_finds(text: str, window: int, margin: int, q: Query) -> None:
    assert _matches(text, q, window=window, margin=margin) == find_all(text, q, limit=10**9)[0]


def test_it_yields_its_progress_after_each_window_and_stops_at_the_limit() -> None:
    text = "ab " * 1000
    steps = [m for m in iter_find(text, Query("ab"), window=300, margin=10) if isinstance(m, int)]
    assert steps == sorted(steps) and steps[-1] == len(text) and len(steps) == 10
    assert len(_matches(text, Query("ab"), window=300, margin=10) ) == 1000
    assert len([m for m in iter_find(text, Query("ab"), limit=7) if isinstance(m, tuple)]) == 7
