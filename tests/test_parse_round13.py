"""Round 13 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: who speaks, which label, whether there is an Article at all.
"""

from __future__ import annotations

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- 1. a short whole page: a title of two short sentences, no sidebar, no date --------------------

_SHORT_PAGE = """\
A staff training of the collective forces was held in Bishkek. Thirty officers took part.

From 14 to 16 May 2024, Bishkek hosted a staff training of the command of the Collective Rapid Reaction Forces. The officers worked out the planning of a joint operation.

The training was conducted on maps and with the use of communication systems. Its results will be discussed at the next meeting of the Council.

Go back
Back to the section
"""


def test_a_title_of_two_short_sentences_over_a_dated_lead_and_the_back_links() -> None:
    """The first line (two short sentences ending in a full stop) is the title, the dated lead and one
    more paragraph follow, then ``Go back`` / ``Back to the section``: an Article from line 0, the back
    links boilerplate (blank-line and single-newline layouts alike)."""
    for text in (_SHORT_PAGE, _SHORT_PAGE.replace("\n\n", "\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == text.splitlines()[0], lines
        assert cur.articles[0].kind == "news", lines
        assert [label for label, _, _ in lines] == ["title", "lead", "paragraph", "boilerplate", "boilerplate"], lines
