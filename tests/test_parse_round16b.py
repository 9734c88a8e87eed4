"""Round 16 of the parser on unseen layouts, second part (parser17; the first is tests/test_parse_round16.py):
class 0's variants the first part's fixes left (a sidebar of three pairs over a title and one-sentence
paragraphs, cut or whole; an excerpt from inside a document's numbered sections). Pages written for these
tests in the site's manner, checked line by line.
"""

from __future__ import annotations

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- (parser17) class 0 again: a title over one-sentence paragraphs; a cut document's sections ------------


def _layouts(page: str) -> tuple[str, str]:
    return page, page.replace("\n", "\n\n")


# -- 0a. an undated sidebar of headline/summary pairs over a title and one-sentence paragraphs ----------

_SIDE_PAIRS = [
    ("Border guards met in Dushanbe", "The heads of the border services agreed on a plan of joint operations."),
    ("Seminar on information security held in Minsk", "Experts of the member states discussed new threats in cyberspace."),
    ("Peacekeepers completed their training course", "The officers received certificates after three weeks of study."),
    ("Consultations of deputy ministers took place", "The sides exchanged views on the situation in Central Asia."),
    ("Chemical defence units trained near Tambov", "The specialists practised the decontamination of equipment."),
]

_SHORT_TITLE = "Staff training on crisis response opened in Bishkek"
_SHORT_BODY = [
    "Representatives of the defence ministries of the member states gathered for a week of joint work.",
    "The programme covers planning of operations and coordination of forces.",
    "The participants will study the experience of recent exercises.",
    "Particular attention is paid to the use of unmanned systems.",
    "The training will end with a staff game on maps.",
    "Its results will be summed up at the final meeting of the organisers in Moscow.",
]


def test_a_title_over_one_sentence_paragraphs_under_a_sidebar_of_pairs() -> None:
    """Three or more sentence lines in a row, no headline among them, are running text: the headline
    over the first is the Article's title, every pair above a teaser (sidebars of 3-5 pairs, the page
    whole or cut mid-word, both layouts)."""
    for count in (3, 4, 5):
        side = [line for pair in _SIDE_PAIRS[:count] for line in pair]
        for body in (_SHORT_BODY, [*_SHORT_BODY[:4], "Its results will be summed up at the final meet"]):
            page = "\n".join([*side, _SHORT_TITLE, *body]) + "\n"
            for text in _layouts(page):
                cur = parse_text(text)
                lines = _lines(cur, text)
                assert cur.articles and cur.articles[0].title == _SHORT_TITLE, lines
                labels = [label for label, _, _ in lines]
                assert labels[: 2 * count] == ["teaser"] * (2 * count), lines
                assert labels[2 * count] == "title" and labels[2 * count + 1] == "lead", lines
                assert set(labels[2 * count + 2 :]) == {"paragraph"}, lines


def test_a_sidebar_of_pairs_alone_stays_a_listing() -> None:
    """Headline, one summary, headline, one summary … to the page's end: no Article."""
    page = "\n".join(line for pair in _SIDE_PAIRS for line in pair) + "\n"
    for text in _layouts(page):
        cur = parse_text(text)
        assert not cur.articles, _lines(cur, text)


# -- 0b. an excerpt from the middle of a long document's numbered sections ---------------------------

_DOC_MIDDLE = [
    "ation of the member states in the field of collective security shall be carried out on the basis of the "
    "principles set out in the Charter.",
    "3. Main directions of cooperation",
    "The member states shall develop their cooperation in the following directions:",
    "- the exchange of information on threats to collective security;",
    "- joint training of the personnel of the competent bodies;",
    "- coordination of positions in international organisations.",
    "4. Mechanisms of implementation",
    "4.1. In the sphere of defence, the member states shall hold joint exercises and consultations of the "
    "ministries of defence on the planning of the use of forces.",
    "4.2. In the sphere of security, the competent bodies shall exchange experience and hold joint operations "
    "against international terrorism and illegal migration.",
    "5. Final provisions",
    "The implementation of this Concept shall be reviewed by the Council every three years.",
    "Go back",
]


def test_an_excerpt_from_the_middle_of_a_document_has_no_title() -> None:
    """A page that opens mid-sentence inside a document's numbered sections has no title to find: no
    Article (whole, cut before ``Go back``, both layouts)."""
    for lines_ in (_DOC_MIDDLE, _DOC_MIDDLE[:-3], _DOC_MIDDLE[:-1]):
        for text in _layouts("\n".join(lines_) + "\n"):
            cur = parse_text(text)
            assert not cur.articles, _lines(cur, text)


def test_a_headline_under_a_numbered_section_of_a_cut_document_is_no_title() -> None:
    """A short unclosed line under ``3. Main tasks`` in an excerpt that opens mid-sentence: a section's
    sub-heading, not the page's title (both layouts, with and without the clauses and ``Go back``)."""
    page = [
        "tion of the member states. The Council shall adopt decisions by consensus.",
        "3. Main tasks",
        "Improving the system of collective security",
        "The member states shall take joint measures to form an effective system of collective security in the "
        "region and to respond to crises together.",
        "5.1. In the sphere of defence the member states shall hold joint exercises.",
        "5.2. In the sphere of security the competent bodies shall exchange information.",
        "Go back",
    ]
    for lines_ in (page, page[:4], page[:-1]):
        for text in _layouts("\n".join(lines_) + "\n"):
            cur = parse_text(text)
            assert not cur.articles, _lines(cur, text)
