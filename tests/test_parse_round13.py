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


# -- 2. an interview under a sidebar of undated headline + summary teasers ------------------------

_INTERVIEW_UNDER_TEASERS = """\
Experts discussed the protection of critical infrastructure
The meeting of the working group took place in the Secretariat.
Border guards completed a joint operation in the mountains
The operation lasted ten days and involved four states.
A new edition of the collection of documents has been published
The collection includes the decisions of the last five years.
Interview of the Chief of the Joint Staff Andrei Petrovsky to the newspaper “Krasnaya Zvezda”
What tasks does the Joint Staff face this year?
This year we focus on the training of the collective forces and on their equipment. We plan three large exercises.
Tell us about the exercise in Tajikistan.
The exercise will be held in the autumn near the Afghan border. More than two thousand servicemen will take part in it.
How do the member states cooperate in military education?
Every year hundreds of officers study in the military academies of Russia and Belarus free of charge.
"""


def test_an_interview_under_undated_headline_and_summary_teasers() -> None:
    """Three headline + one-sentence-summary teasers (no dates), then ``Interview of the <office> <Name> to
    the newspaper “…”`` and unnumbered questions (one a request, ``Tell us about ….``) with answers: the
    Article starts at the interview's title, its turns are questions and answers, the answers the
    interviewee's (single-newline and blank-line layouts)."""
    for text in (_INTERVIEW_UNDER_TEASERS, _INTERVIEW_UNDER_TEASERS.replace("\n", "\n\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title.startswith("Interview of the Chief"), lines
        assert cur.articles[0].kind == "interview", lines
        assert [label for label, _, _ in lines] == ["teaser"] * 6 + ["title"] + ["question", "answer"] * 3, lines
        assert {spk for label, _, spk in lines if label == "answer"} == {"Andrei Petrovsky"}, lines
        assert all(spk is None for label, _, spk in lines if label != "answer"), lines


def test_teasers_over_a_headline_that_asks_nothing_stay_teasers() -> None:
    """The same sidebar over one more headline + summary item (no questions under it): still no Article."""
    text = _INTERVIEW_UNDER_TEASERS.split("Interview of")[0] + (
        "Interview of the Chief of the Joint Staff to the newspaper published today\n"
        "The Chief of the Joint Staff spoke about the plans of the collective forces.\n")
    cur = parse_text(text)
    assert cur.articles == [], _lines(cur, text)


# -- 3. a speech with a heading of three lines under its title -------------------------------------

_SPEECH_HEADED = """\
Address by the Deputy Secretary General of the CSTO Ruslan Karimov at the conference on information security

Speech
at the plenary session on countering cyber threats
(Astana, 12 June 2024)

Dear participants of the conference!

I am grateful to the organizers for the invitation to speak today. Our Organization pays great attention to information security.

We believe that only joint efforts can protect our societies from cyber attacks. I propose to continue our dialogue next year.
"""


def test_a_speech_with_a_three_line_heading_keeps_its_title_and_speaker() -> None:
    """``Speech`` / ``at the plenary session on …`` / ``(Astana, 12 June 2024)`` between the title naming
    the speaker and the salutation: the title is the first line, the three lines headings (docs/parser.md:
    ``(17 November 2021, Moscow)`` is a heading), the salutation and the speech the speaker's, and the
    bracketed line dates and places the Event (blank-line and single-newline layouts)."""
    for text in (_SPEECH_HEADED, _SPEECH_HEADED.replace("\n\n", "\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == text.splitlines()[0], lines
        assert cur.articles[0].kind == "speech", lines
        heads = [label for label, t, _ in lines if t.startswith(("Speech", "at the", "(Astana"))]
        assert heads and set(heads) == {"heading"}, lines
        said = [(label, spk) for label, _, spk in lines if label in ("salutation", "paragraph")]
        assert said == [("salutation", "Ruslan Karimov")] + [("paragraph", "Ruslan Karimov")] * 2, lines
        event = cur.events[0]
        assert event.place == "Astana" and event.date is not None and event.date.isoformat() == "2024-06-12", event


# -- 4. condolences: a first-person message signed by an office holder ----------------------------

_CONDOLENCES = """\
Condolences of the CSTO Secretary General in connection with the earthquake in the south of Kyrgyzstan
18.07.2024
On behalf of the CSTO Secretariat and on my own behalf, I express deep condolences to the families and friends of the victims of the earthquake.

I wish a speedy recovery to all the injured and I hope that the consequences of the disaster will be overcome as soon as possible.

CSTO Secretary General Imangali Tasmagambetov
"""
_OTHER_OFFICE = _CONDOLENCES.replace("of the CSTO Secretary General", "of the Chairman of the Council of Foreign Ministers")


def test_condolences_in_the_first_person_are_the_signatorys_with_no_lead() -> None:
    """``Condolences of the <office> …``, a date line, two first-person paragraphs and a signature line
    ``<office> <Name>``: a message in the first person opens with a ``paragraph`` (docs/parser.md: only news
    and interviews have a lead; a congratulation or greeting titled by its sender is a speech), its
    paragraphs the signatory's; the signature is a ``heading`` with no speaker (the 2.48.0 convention).
    The registry's person and one it does not know (``<office> Name`` or the office over ``A.K. Surname``)."""
    cases = [
        (_CONDOLENCES, "Imangali Tasmagambetov", "CSTO Secretary General"),
        (_OTHER_OFFICE.replace("CSTO Secretary General Imangali Tasmagambetov",
                               "Chairman of the Council of Foreign Ministers Aidar Nurlanov"), "Aidar Nurlanov", "Chairman"),
        (_OTHER_OFFICE.replace("CSTO Secretary General Imangali Tasmagambetov",
                               "Chairman of the Council of Foreign Ministers\nA.K. Nurlanov"), "A.K. Nurlanov", "Chairman"),
        (_CONDOLENCES.replace("Condolences of", "Message of", 1).replace("\n\n", "\n"), "Imangali Tasmagambetov",
         "CSTO Secretary General"),
    ]
    for text, signatory, office in cases:
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].kind == "speech", lines
        assert [label for label, _, _ in lines[:4]] == ["title", "dateline", "paragraph", "paragraph"], lines
        assert [spk for label, _, spk in lines if label == "paragraph"] == [signatory] * 2, lines
        signed = [(label, spk) for label, t, spk in lines[4:]]
        assert signed and all(label == "heading" and spk is None for label, spk in signed), lines
        assert lines[4][1].startswith(office), lines


# -- 5. a biography: the surname in capitals, the office under it ---------------------------------

_BIOGRAPHY = """\
DOSMUKHAMEDOV Aidar Serikovich
Deputy Secretary General of the Collective Security Treaty Organization
Born on 3 March 1968 in Almaty.
In 1990 he graduated from the Higher Military School, in 2001 from the Military Academy of the General Staff.
Career:
1990–1995 – officer of the border troops;
1995–2004 – service in the Ministry of Defence;
2004–2015 – head of department of the Security Council;
since 2015 – Deputy Secretary General of the CSTO.
"""
_DATED_SIDEBAR = """\
12.03.2024The CSTO Secretary General met with the youth of Kazakhstan in Astana
11.03.2024The Council of Defence Ministers held its regular session in Minsk
"""


def test_a_biography_is_titled_by_its_name_line() -> None:
    """``SURNAME Given Patronymic``, the office on the next line, ``Born on …``, education, ``Career:`` and
    ``YYYY–YYYY – post;`` lines: the name line is the title (the page's first, or the first after a
    sidebar), the office a heading (subtitle), ``Career:`` a heading and its entries ``paragraph``s
    (docs/parser.md: the entries under a list header); kind ``other`` and no Event (a biography)."""
    for text, first in ((_BIOGRAPHY, 0), (_BIOGRAPHY.replace("\n", "\n\n"), 0), (_DATED_SIDEBAR + _BIOGRAPHY, 2)):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == "DOSMUKHAMEDOV Aidar Serikovich", lines
        assert cur.articles[0].kind == "other" and cur.events == [], lines
        assert [label for label, _, _ in lines[:first]] == ["teaser"] * first, lines
        assert [label for label, _, _ in lines[first:]] == (
            ["title", "heading", "paragraph", "paragraph", "heading"] + ["paragraph"] * 4), lines


def test_a_name_in_capitals_over_a_text_that_names_no_office_is_no_biography() -> None:
    """A capitals-first line over prose, no office line between: nothing makes it a biography's title."""
    text = _BIOGRAPHY.replace("Deputy Secretary General of the Collective Security Treaty Organization\n", "")
    cur = parse_text(text)
    assert not any(a.title == "DOSMUKHAMEDOV Aidar Serikovich" and a.kind == "other" and cur.segments[1].label == "heading"
                   for a in cur.articles), _lines(cur, text)


# -- 6. a numbered list inside an answer ----------------------------------------------------------

_LIST_IN_ANSWER = """\
Interview of the CSTO Secretary General Imangali Tasmagambetov to the magazine “Security and Defence”
Imangali Nurgalievich, what are the priorities of the Organization this year?
The priorities were set by the heads of state last autumn. There are three of them:
1) strengthening the collective forces;
2) protecting the southern borders;
3) countering the threats in the information space.
How do you assess the results of the first half of the year?
I assess them positively: we have done everything we planned.
"""


def test_a_list_inside_an_answer_is_the_answer() -> None:
    """An answer ending in ``:`` over ``1) …;`` ``2) …;`` ``3) ….``, then the next question: the items are
    ``answer``s of the same speaker (docs/parser.md: a numbered list's items inside an answer are the
    answer's), and the next question and its answer stay a question and an answer (single-newline and
    blank-line layouts; ``1.`` and ``- `` items alike)."""
    variants = [_LIST_IN_ANSWER, _LIST_IN_ANSWER.replace("\n", "\n\n"),
                _LIST_IN_ANSWER.replace("1) ", "1. ").replace("2) ", "2. ").replace("3) ", "3. "),
                _LIST_IN_ANSWER.replace("1) ", "- ").replace("2) ", "- ").replace("3) ", "- ")]
    for text in variants:
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].kind == "interview", lines
        assert [label for label, _, _ in lines] == ["title", "question"] + ["answer"] * 4 + ["question", "answer"], lines
        assert {spk for label, _, spk in lines if label == "answer"} == {"Imangali Tasmagambetov"}, lines


# -- harder variants of the same kinds: the excerpt's cut, NBSP ----------------------------------


def test_the_short_page_cut_inside_its_last_paragraph() -> None:
    """The short page cut about 2,000 bytes in, mid-word in its second paragraph (no back links to end
    it): still an Article from line 0 (a cut after a sentence of that paragraph; a headline has none)."""
    cut = _SHORT_PAGE.split("Its results")[0] + "Its resu"
    for text in (cut, cut.replace("\n\n", "\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == text.splitlines()[0], lines
        assert [label for label, _, _ in lines] == ["title", "lead", "paragraph"], lines


def test_an_interview_cut_after_its_request_or_its_first_answer() -> None:
    """The interview's excerpt cut inside the second answer (one ``?`` and one request visible), and the
    numbered-list interview cut inside its list (one question visible): still questions and answers, the
    answers the interviewee's."""
    text = _INTERVIEW_UNDER_TEASERS.split("More than")[0] + "More th"
    lines = _lines(parse_text(text), text)
    assert [label for label, _, _ in lines[6:]] == ["title"] + ["question", "answer"] * 2, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Andrei Petrovsky"}, lines
    text = _LIST_IN_ANSWER.split("2) ")[0] + "2) protec"
    cur = parse_text(text)
    lines = _lines(cur, text)
    assert cur.articles and cur.articles[0].kind == "interview", lines
    assert [label for label, _, _ in lines] == ["title", "question"] + ["answer"] * 3, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Imangali Tasmagambetov"}, lines


def test_a_biography_with_a_no_break_space_in_its_name_line() -> None:
    """``DOSMUKHAMEDOV Aidar<NBSP>Serikovich``: the name line is the title all the same."""
    text = _BIOGRAPHY.replace("Aidar Serikovich", "Aidar\u00a0Serikovich")
    cur = parse_text(text)
    lines = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == "DOSMUKHAMEDOV Aidar\u00a0Serikovich", lines
    assert [label for label, _, _ in lines[:2]] == ["title", "heading"], lines


def test_an_interview_opening_with_a_request() -> None:
    """The first turn is the request ``Tell us about ….``: a question (no lead), answered by the
    interviewee, and the questions after it stay questions."""
    text = _INTERVIEW_UNDER_TEASERS.replace("What tasks does the Joint Staff face this year?",
                                            "Tell us about the tasks of the Joint Staff this year.")
    lines = _lines(parse_text(text), text)
    assert [label for label, _, _ in lines[6:]] == ["title"] + ["question", "answer"] * 3, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Andrei Petrovsky"}, lines


def test_a_biography_with_an_education_header_under_the_office() -> None:
    """``Education:`` between ``Born on …`` and the text: still the name line's biography, the header a
    heading."""
    text = _BIOGRAPHY.replace("In 1990 he graduated", "Education:\nIn 1990 he graduated")
    cur = parse_text(text)
    lines = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == "DOSMUKHAMEDOV Aidar Serikovich", lines
    assert [label for label, _, _ in lines[:5]] == ["title", "heading", "paragraph", "heading", "paragraph"], lines


def test_a_speech_whose_heading_names_the_speech_again() -> None:
    """``Speech of the <office>`` (a short line naming the speech) / ``at the …`` / ``(City, date)`` under
    the longer title naming the speaker: the first line is still the title, the rest heading."""
    heading = _SPEECH_HEADED.replace("Speech\n", "Speech of the Deputy Secretary General\n")
    for text in (heading, heading.replace("\n\n", "\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == text.splitlines()[0], lines
        assert {label for label, t, _ in lines if t.startswith(("Speech", "at the", "(Astana"))} == {"heading"}, lines
        assert [spk for label, _, spk in lines if label == "paragraph"] == ["Ruslan Karimov"] * 2, lines


def test_the_classes_in_their_other_common_forms() -> None:
    """Four teasers over the interview; a month-name date line under the condolences and in the speech's
    bracketed heading; the office over ``I. Surname`` signing the condolences; the list inside an answer of
    a numbered and of a dash interview: titles, labels and speakers as in the forms above."""
    four = "The Council of Foreign Ministers will meet in Minsk\nThe ministers will discuss the situation.\n"
    lines = _lines(parse_text(four + _INTERVIEW_UNDER_TEASERS), four + _INTERVIEW_UNDER_TEASERS)
    assert [label for label, _, _ in lines] == ["teaser"] * 8 + ["title"] + ["question", "answer"] * 3, lines
    for text in (_CONDOLENCES.replace("18.07.2024", "July 18, 2024"),
                 _CONDOLENCES.replace("CSTO Secretary General Imangali", "CSTO Secretary General\nI.")):
        lines = _lines(parse_text(text), text)
        assert [label for label, _, _ in lines[:4]] == ["title", "dateline", "paragraph", "paragraph"], lines
        assert [spk for label, _, spk in lines if label == "paragraph"] == ["Imangali Tasmagambetov"] * 2, lines
    text = _SPEECH_HEADED.replace("(Astana, 12 June 2024)", "(Astana, June 12, 2024)")
    cur = parse_text(text)
    assert cur.articles[0].title == text.splitlines()[0] and cur.events[0].place == "Astana", _lines(cur, text)
    numbered = _LIST_IN_ANSWER.replace("Imangali Nurgalievich, what", "1. Imangali Nurgalievich, what").replace(
        "How do you", "2. How do you")
    dashed = _LIST_IN_ANSWER
    for start in ("Imangali Nurgalievich, what", "The priorities", "How do you", "I assess"):
        dashed = dashed.replace(start, "- " + start)
    for text in (numbered, dashed):
        lines = _lines(parse_text(text), text)
        assert [label for label, _, _ in lines] == ["title", "question"] + ["answer"] * 4 + ["question", "answer"], lines
        assert {spk for label, _, spk in lines if label == "answer"} == {"Imangali Tasmagambetov"}, lines


def test_the_short_page_under_a_sidebar_of_undated_teasers() -> None:
    """Class 2's sidebar (headline + one-sentence summary, no dates) over class 1's short page: the
    two-sentence title is the Article's (before, the sidebar's first headline was, with the teasers as
    its text), ended by the back links or cut inside its last paragraph."""
    sidebar = _INTERVIEW_UNDER_TEASERS.split("Interview of")[0]
    cut = _SHORT_PAGE.split("Its results")[0] + "Its resu"
    for page, labels in ((_SHORT_PAGE, ["title", "lead", "paragraph", "boilerplate", "boilerplate"]),
                         (_SHORT_PAGE.replace("\n\n", "\n"), ["title", "lead", "paragraph", "boilerplate", "boilerplate"]),
                         (cut, ["title", "lead", "paragraph"])):
        text = sidebar + page
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == page.splitlines()[0], lines
        assert [label for label, _, _ in lines] == ["teaser"] * 6 + labels, lines


def test_an_interview_titled_by_its_interviewees_name_and_a_quote() -> None:
    """``Andrei Petrovsky: “…”. Interview to the newspaper …`` and nobody named anywhere else: the answers
    are the person the title opens with; ``Collective Security: “…”`` opens with no person."""
    title = "Interview of the Chief of the Joint Staff Andrei Petrovsky to the newspaper “Krasnaya Zvezda”"
    for head, who in (("Andrei Petrovsky: “The collective forces are ready for any task”.", {"Andrei Petrovsky"}),
                      ("Collective Security: “The forces are ready for any task”.", {None})):
        text = _INTERVIEW_UNDER_TEASERS.replace(title, head + " Interview to the newspaper “Krasnaya Zvezda”")
        lines = _lines(parse_text(text), text)
        assert [label for label, _, _ in lines[6:]] == ["title"] + ["question", "answer"] * 3, lines
        assert {spk for label, _, spk in lines if label == "answer"} == who, lines
