"""Round 14 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: which label, whether there is an Article at all and where it starts.
"""

from __future__ import annotations

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- 1. the Article after a long sidebar of mixed teasers -----------------------------------------

_MIXED_SIDEBAR = """\
12.03.2025
The Secretary General met with the Ambassador of Armenia.
The sides discussed the preparation of the anniversary events.
Experts of the member states exchanged views on information security.
Border guards of the member states completed the second stage of the operation.
Consultations on military cooperation were held in Minsk 11.03.2025
The delegations agreed on the plan for the next year.
10.03.2025
A seminar on countering drug trafficking opened in Almaty.
Military doctors gathered for a training course
The course covers field surgery and evacuation of the wounded.
CSTO Secretary General took part in an international conference
{body}
The Secretary General noted the importance of joint efforts to counter terrorism.
Go back
"""
_TITLE = "CSTO Secretary General took part in an international conference"
_LEAD = ("On 20 March 2025, in Dushanbe, CSTO Secretary General took part in an international conference on "
         "regional security. The participants discussed the situation on the Tajik-Afghan border.")


def test_the_article_after_a_mixed_sidebar_starts_at_its_own_title() -> None:
    """Dated pairs, undated summaries in a row, a headline with a glued date over its summary, a headline
    over a summary: all teasers; the Article starts at its title over the lead (or over a photo credit
    and the lead, or over a speech's salutation), and takes no sidebar date (blank-line layout too)."""
    bodies = {
        "lead": _LEAD,
        "credit": "Photo: CSTO press service\n" + _LEAD,
        "salutation": "Your Excellencies, dear friends,\nI am glad to welcome you in Dushanbe. We gathered here to "
                      "discuss the security of our region.",
    }
    for kind, body in bodies.items():
        page = _MIXED_SIDEBAR.format(body=body)
        for text in (page, page.replace("\n", "\n\n")):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert cur.articles and cur.articles[0].title == _TITLE, (kind, lines)
            assert cur.articles[0].date is None, (kind, lines)
            labels = [label for label, _, _ in lines]
            title = labels.index("title")
            assert labels[:title] == ["teaser"] * 11, (kind, lines)
            # (a photo credit is the Article's boilerplate since 2.182.0, the gold's convention; it was a paragraph)
            expected = {"lead": ["lead"], "credit": ["boilerplate", "lead"], "salutation": ["salutation", "paragraph"]}
            assert labels[title + 1 : title + 1 + len(expected[kind])] == expected[kind], (kind, lines)
            assert labels[-1] == "boilerplate", (kind, lines)


def test_the_article_after_a_mixed_sidebar_with_the_corpus_context() -> None:
    """The same sidebar on another page of the corpus: the context sees it as shared, and the Article
    still starts at its own title, the sidebar's lines teasers."""
    from curator.core.parse import build_context

    page = _MIXED_SIDEBAR.format(body=_LEAD)
    other = _MIXED_SIDEBAR.replace(_TITLE + "\n{body}\n", "The Council of Defence Ministers met in Moscow\n"
                                   "On 5 April 2025, in Moscow, the Council of Defence Ministers met. The ministers "
                                   "approved the plan of joint training.\n")
    for text in (page, page.replace("\n", "\n\n")):
        ctx = build_context([text, other, other.replace("\n", "\n\n")])
        cur = parse_text(text, context=ctx)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == _TITLE, lines
        assert cur.articles[0].date is None, lines
        labels = [label for label, _, _ in lines]
        assert labels[: labels.index("title")] == ["teaser"] * 11, lines
        assert labels[labels.index("title") + 1] == "lead", lines


# -- 2. condolences reported in the third person: news, no speaker ---------------------------------

_CONDOLENCES_REPORT = """\
Condolences of the CSTO Secretary General in connection with the earthquake in Tajikistan
Condolences of the CSTO Secretary General in connection with the earthquake in Tajikistan 14.02.2025
On behalf of the CSTO Secretariat and on his own behalf, Secretary General Imangali Tasmagambetov expressed deep condolences to the families of the victims of the earthquake in Tajikistan.
“We share the grief of the Tajik people and wish a speedy recovery to the injured,” the message says.
The Secretariat is ready to provide the necessary assistance.
Go back
"""


def test_condolences_told_in_the_third_person_are_news_with_no_speaker() -> None:
    """A condolences title over a report (``… expressed deep condolences``, a quote the *message* says):
    news, its first paragraph the lead, nobody speaks (the quote is a message's, not a person's); with the
    date line or without it, in both layouts."""
    undated = "\n".join(line for i, line in enumerate(_CONDOLENCES_REPORT.splitlines()) if i != 1) + "\n"
    for page in (_CONDOLENCES_REPORT, undated):
        for text in (page, page.replace("\n", "\n\n")):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert cur.articles and cur.articles[0].kind != "speech", lines
            assert all(name is None for _, _, name in lines), lines
    cur = parse_text(_CONDOLENCES_REPORT)
    lines = _lines(cur, _CONDOLENCES_REPORT)
    assert cur.articles[0].kind == "news", lines
    assert [label for label, _, _ in lines] == ["title", "dateline", "lead", "paragraph", "paragraph", "boilerplate"], lines


# -- 3. the repeated title split over two lines, its date glued to the second -----------------------

_SPLIT_REPEAT = """\
Meeting of the Committee of Secretaries of Security Councils of the CSTO member states
Meeting of the Committee of Secretaries of Security Councils
of the CSTO member states 05.06.2025
On 5 June 2025, in Minsk, a meeting of the Committee of Secretaries of Security Councils of the CSTO member states was held. The participants discussed the situation in the collective security region.
The next meeting will be held in Moscow.
Go back
"""


def test_a_repeated_title_split_over_two_lines_gives_two_datelines_and_the_second_date() -> None:
    """Both lines of the split repeat are datelines, the date is the one glued to the second, the lead
    follows (both layouts, and under a short dated sidebar). Pins the form tried; it already held at
    2.79.0 — the sealed pages' failing variant of this class was not reproduced."""
    sidebar = "12.03.2025\nThe Secretary General met with the Ambassador of Armenia.\nExperts exchanged views on security.\n"
    for page in (_SPLIT_REPEAT, sidebar + _SPLIT_REPEAT):
        for text in (page, page.replace("\n", "\n\n")):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert cur.articles and str(cur.articles[0].date) == "2025-06-05", lines
            labels = [label for label, _, _ in lines]
            title = labels.index("title")
            assert labels[title:] == ["title", "dateline", "dateline", "lead", "paragraph", "boilerplate"], lines


# -- 5. a military salutation in the comma-list form -------------------------------------------------

_MILITARY_ADDRESS = """\
Address of the CSTO Secretary General Imangali Tasmagambetov to the participants of the exercise
Soldiers, sergeants, officers!
I congratulate you on the successful completion of the exercise. You have shown high skill and courage.
I wish you further success in your service.
Go back
"""


def test_a_military_salutation_of_ranks_in_a_list_is_a_salutation_with_the_speaker() -> None:
    """``Soldiers, sergeants, officers!`` right under the title: the salutation (not the lead), the
    speaker's like the paragraphs under it (both layouts)."""
    for text in (_MILITARY_ADDRESS, _MILITARY_ADDRESS.replace("\n", "\n\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert [label for label, _, _ in lines] == ["title", "salutation", "paragraph", "paragraph", "boilerplate"], lines
        assert [name for _, _, name in lines[1:4]] == ["Imangali Tasmagambetov"] * 3, lines


# -- 7b. "She stressed" after a paragraph of a man: never his ------------------------------------------

_WOMAN_AFTER_MAN = """\
Experts discussed information security in Tashkent
On 3 April 2025, in Tashkent, a round table on information security of the CSTO member states was held. About forty experts took part.
Russian expert Pavel Korenev spoke about the protection of critical infrastructure. He noted that attacks on energy systems had become more frequent.
Uzbek expert Dilnoza Karimova presented a study of fake news in social networks. She stressed the importance of media literacy of young people.
The participants adopted recommendations.
Go back
"""


def test_she_after_a_paragraph_of_a_man_is_not_given_to_him() -> None:
    """A newly introduced woman, then ``She stressed …``: the man of the paragraph before keeps his own
    paragraph, and hers is not his (a false speaker is worse than none; naming her is left to a later
    round, so hers may have no speaker yet)."""
    for text in (_WOMAN_AFTER_MAN, _WOMAN_AFTER_MAN.replace("\n", "\n\n")):
        lines = _lines(parse_text(text), text)
        speakers = [name for _, _, name in lines]
        assert speakers[2] == "Pavel Korenev", lines
        assert speakers[3] in (None, "Dilnoza Karimova"), lines


# -- 9. a search page's header lines and a monthly archive's pager are boilerplate ----------------------

_ITEMS = """\
Joint exercise of the collective forces held in Tajikistan
15.09.2024
The exercise involved more than two thousand servicemen.
Staff training of the peacekeeping forces
02.08.2024
Officers worked out the planning of a peacekeeping operation.
"""


def test_search_header_lines_and_a_month_pager_are_boilerplate() -> None:
    """``Search results for: <query>`` / ``Found N results`` over the items, and ``« February 2025 |
    April 2025 »`` on an archive: boilerplate; the items stay teasers, no Article (both layouts)."""
    for head in ("Search results for: exercise\nFound 3 results\n", "News archive: March 2025\n« February 2025 | April 2025 »\n"):
        page = head + _ITEMS
        for text in (page, page.replace("\n", "\n\n")):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert not cur.articles, lines
            labels = {line: label for label, line, _ in lines}
            for line in head.splitlines():
                if "archive" not in line:
                    assert labels[line] == "boilerplate", lines
            assert all(labels[line] == "teaser" for line in _ITEMS.splitlines()), lines


_GALLERY = """\
Joint exercise of the collective forces in Tajikistan
Joint exercise of the collective forces in Tajikistan 12.09.2024
Photo: CSTO press service
Photo: Ministry of Defence of Tajikistan
Download all photos (ZIP, 48 MB)
Go back
"""


def test_a_gallery_download_all_line_is_boilerplate_outside_the_article() -> None:
    """``Download all photos (ZIP, 48 MB)`` after a gallery's photo credits: boilerplate, outside the
    Article, which keeps its title, dateline and credits (both layouts; the credits are its boilerplate since
    2.182.0, the gold's convention: they were paragraphs)."""
    for text in (_GALLERY, _GALLERY.replace("\n", "\n\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert [label for label, _, _ in lines] == ["title", "dateline", "boilerplate", "boilerplate", "boilerplate", "boilerplate"], lines
        assert [s.article for s in cur.segments if text[s.start : s.end].startswith("Photo")] == ["a1", "a1"], lines
        download = next(s for s in cur.segments if text[s.start : s.end].startswith("Download"))
        assert download.article is None, lines
