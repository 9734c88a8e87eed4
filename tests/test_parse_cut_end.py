"""A page the crawler cut inside a line: its last Segment runs to the cut, trailing spaces included
(the gold of real pages marks a cut line's block to the end of the text). Spaces before a line
break, or a page that ends with its line break, stay outside the Segment as before. Pages written
for these tests in the site's manner."""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text

_NEWS = (
    "Consultations on border security held in Dushanbe\n"
    "12.03.2025\n"
    "On 12 March, the representatives of the border services of the member states met in Dushanbe "
    "to discuss joint measures on the Tajik-Afghan border.\n"
    "The participants reviewed the results of the operations carried out last year and agreed on "
    "a plan of cooperation for the coming period.\n"
    "The next meeting will be held in the autumn in the capital of the "
)


@pytest.mark.parametrize("tail", [" ", "  ", "\u00a0", " \t"])
def test_the_cut_fragment_runs_to_the_end_of_the_text(tail: str) -> None:
    text = _NEWS.rstrip() + tail
    cur = parse_text(text)
    last = cur.segments[-1]
    assert last.end == len(text)
    assert last.article == cur.articles[0].id
    assert text[last.start : last.end].startswith("The next meeting")


@pytest.mark.parametrize("tail", ["\n", "  \n", " \r\n", ""])
def test_a_line_that_ends_before_a_line_break_keeps_its_trimmed_end(tail: str) -> None:
    text = _NEWS.rstrip() + tail
    cur = parse_text(text)
    assert cur.segments[-1].end == len(_NEWS.rstrip())


def test_a_page_without_an_article_runs_its_last_teaser_to_the_cut() -> None:
    text = "Exercise in Armenia\nInterview of the Chief of the Joint Staff\nPeacekeepers trained in the "
    cur = parse_text(text)
    assert not cur.articles
    assert cur.segments[-1].end == len(text)
    assert cur.segments[-2].end == text.index("\nPeacekeepers")
