"""Round 15 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: which label, whether there is an Article at all and where it starts.
"""

from __future__ import annotations

import random

from curator.core.model import Curation
from curator.core.parse import build_context, parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


def _layouts(page: str) -> tuple[str, str]:
    return page, page.replace("\n", "\n\n")


# -- 1. the Article after a long sidebar of mixed teasers ------------------------------------------
# The site's teaser pool: each item in one of the sidebar's shapes (a date line over a summary, a date
# glued to its summary, a headline over a summary, a headline ending in its date over a summary, a
# summary alone, a headline alone). A page shows 10-16 of them in an order of its own.

_POOL = [
    "04.02.2025\nThe Deputy Secretary General received a delegation of young diplomats from Yerevan.",
    "29.01.2025The CSTO Secretariat hosted a seminar on the protection of critical infrastructure.",
    "Border patrols trained in the Pamir mountains\nUnits of three member states practised joint patrolling at high altitude.",
    "Working group on peacekeeping met in Minsk 21.01.2025\nThe experts reviewed the draft training programme for the peacekeeping contingents.",
    "The analysts of the Secretariat presented a review of the migration situation in the region.",
    "Cadets of military academies competed in a tactical shooting contest",
    "16.01.2025\nA delegation of the Secretariat visited the Collective Rapid Reaction Forces headquarters.",
    "14.01.2025Representatives of the member states coordinated the calendar of joint events.",
    "Round table on cyber threats took place in Bishkek\nThe participants agreed to hold regular exchanges of threat data.",
    "Chiefs of staff discussed logistics support 10.01.2025\nThe meeting considered the supply of the forces during exercises.",
    "A new edition of the information bulletin on drug trafficking was published.",
    "Veterans of the peacekeeping missions were awarded commemorative medals",
    "27.12.2024\nThe Council of Foreign Ministers approved the statement on the anniversary of the Organization.",
    "23.12.2024Specialists in chemical protection completed an advanced training course in Tambov.",
    "Medical units practised the evacuation of the wounded\nMilitary doctors worked together in a field hospital near Kant.",
    "Consultations on arms control were held in Astana 18.12.2024\nThe sides exchanged views on the implementation of the agreements.",
]

_TITLE = "Joint exercise of the reconnaissance units began in Kazakhstan"
_LEAD = ("From 14 to 18 March 2025, at the Matybulak training ground in the Zhambyl region, a joint exercise of the "
         "reconnaissance units of the Collective Forces is being held. More than five hundred servicemen take part.")
_BODY = [
    "The troops will practise the search for and destruction of illegal armed groups in mountainous terrain. "
    "Army aviation and unmanned aerial vehicles are involved. The exercise is directed by the Joint Staff.",
    "On the first day the units marched to the exercise area and organised their interaction. The observers from the "
    "member states arrived at the command post. The active phase of the exercise is planned for the third day, when "
    "the units will block the area and detain the sabotage gro",
]


def _sidebar(seed: int, count: int) -> list[str]:
    pool = list(_POOL)
    random.Random(seed).shuffle(pool)
    return pool[:count]


def _mixed_page(seed: int, count: int, article: list[str]) -> str:
    return "\n".join([*_sidebar(seed, count), *article]) + "\n"


def _check_after_sidebar(text: str, title: str, *, first: str, context=None) -> None:
    cur = parse_text(text, context=context)
    lines = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == title, lines
    labels = [label for label, _, _ in lines]
    start = labels.index("title")
    assert lines[start][1] == title, lines
    assert set(labels[:start]) <= {"teaser", "boilerplate"}, lines
    assert labels[start + 1] == first, lines
    assert cur.articles[0].date is None or cur.articles[0].date.year >= 2025, lines


def test_an_undated_title_over_a_long_text_after_a_long_mixed_sidebar() -> None:
    """(a) 10-16 teasers of every shape in an order of the page's own, then an undated title over a
    long dated lead and two paragraphs, the last cut mid-word: the title is the Article's, every
    sidebar line a teaser, no sidebar date the Article's (both layouts, several sidebars)."""
    for seed, count in ((1, 10), (2, 12), (3, 14), (4, 16), (5, 13)):
        page = _mixed_page(seed, count, [_TITLE, _LEAD, *_BODY])
        for text in _layouts(page):
            _check_after_sidebar(text, _TITLE, first="lead")


def test_a_repeated_title_after_a_long_mixed_sidebar() -> None:
    """(b) the title twice, the second copy split over two lines with the date glued to the second."""
    title = "Meeting of the Committee of Secretaries of Security Councils of the CSTO member states"
    lead = ("On 27 May 2025, in Bishkek, a meeting of the Committee of Secretaries of Security Councils of the CSTO "
            "member states was held. The Committee considered the situation in the collective security region.")
    for seed, count in ((6, 12), (7, 15)):
        for repeat in ([title + " 27.05.2025"], ["Meeting of the Committee of Secretaries of Security Councils",
                                                  "of the CSTO member states 27.05.2025"]):
            page = _mixed_page(seed, count, [title, *repeat, lead, *_BODY])
            for text in _layouts(page):
                cur = parse_text(text)
                lines = _lines(cur, text)
                assert cur.articles and cur.articles[0].title == title, lines
                assert str(cur.articles[0].date) == "2025-05-27", lines


def test_a_title_with_a_month_name_dateline_whose_lead_repeats_the_summary_above() -> None:
    """(c) a headline, its summary, then the page's title, ``March 13, 2025`` and a lead repeating that
    summary word for word: the Article starts at the title, the summary above is a teaser."""
    title = "The Secretary General met with the Minister of Defence of Kyrgyzstan"
    summary = "The sides discussed the preparation of the joint exercise of the Collective Forces."
    lead = summary + " Particular attention was paid to the training of the peacekeeping contingent of Kyrgyzstan."
    for seed, count in ((8, 11), (9, 14)):
        page = _mixed_page(seed, count, ["Meeting at the Ministry of Defence of Kyrgyzstan", summary, title,
                                          "March 13, 2025", lead, *_BODY])
        for text in _layouts(page):
            _check_after_sidebar(text, title, first="dateline")


def test_a_title_over_a_photo_credit_after_a_long_mixed_sidebar() -> None:
    """(d) a title, ``Photo: <agency>``, then the dated lead and paragraphs (a photo credit is the Article's boilerplate since parser 2.182.0, the evaluation gold's convention; it was a paragraph)."""
    title = "Ministers of defence of the member states met in Dushanbe"
    lead = ("On 8 May 2025, in Dushanbe, a meeting of the Council of Defence Ministers of the CSTO member states took "
            "place. The ministers approved the plan of joint training for the next year.")
    for seed, count in ((10, 12), (11, 16)):
        page = _mixed_page(seed, count, [title, "Photo: press service of the Ministry of Defence", lead, *_BODY])
        for text in _layouts(page):
            _check_after_sidebar(text, title, first="boilerplate")


def test_a_plan_or_a_quote_title_under_undated_summaries() -> None:
    """(e) a title under a run of undated summaries, then a plan of numbered headers and ``- `` items, or a
    quote title over its occasion lead, a salutation and the speech."""
    summaries = [item for item in _POOL if "\n" not in item and item.endswith(".") and item[:1].isalpha()]
    plan = ["Plan of information events of the CSTO Secretariat for 2025",
            "1. Information events:",
            "- a briefing for journalists on the results of the session of the Collective Security Council;",
            "- a press tour to the exercise of the Collective Rapid Reaction Forces;",
            "2. Publications:",
            "- a series of articles on the history of peacekeeping in the member states;",
            "- an illustrated calendar of the Organization for the next ye"]
    speech = ["“Our common security is built by common work”: remarks of the Secretary General at the conference",
              "On 12 April 2025, in Moscow, the Secretary General addressed the participants of the international "
              "conference on Eurasian security.",
              "Excellencies, ladies and gentlemen,",
              "I am glad to greet you at this representative forum. Our Organization has been working for more "
              "than thirty years to keep peace in the region. We see our task in making this work more effective."]
    for article, first in ((plan, "heading"), (speech, "lead")):
        for extra in (0, 3):
            page = "\n".join([*summaries, *_sidebar(12 + extra, extra), *article]) + "\n"
            for text in _layouts(page):
                _check_after_sidebar(text, article[0], first=first)


def test_every_article_shape_under_many_mixed_sidebars() -> None:
    """The shapes above (a repeat split over two lines, a month-name dateline, a plan, a quote title over a
    speech, a statement, a schedule, a biography) under mixed sidebars of 10, 13 and 16 teasers in orders
    of their own: the Article starts at its own title every time (both layouts)."""
    summary = "The sides discussed the preparation of the joint exercise of the Collective Forces."
    articles = [
        ["The Secretary General met with the Minister of Defence of Kyrgyzstan", "March 13, 2025",
         summary + " Particular attention was paid to the training of the peacekeeping contingent.", *_BODY],
        ["Plan of information events of the CSTO Secretariat for 2025", "1. Information events:",
         "- a briefing for journalists on the results of the session;", "- a press tour to the exercise;",
         "2. Publications:", "- a series of articles on the history of peacekeeping;", "- a calendar for the next ye"],
        ["“Our common security is built by common work”: remarks of the Secretary General at the conference",
         "On 12 April 2025, in Moscow, the Secretary General addressed the participants of the conference.",
         "Excellencies, ladies and gentlemen,",
         "I am glad to greet you at this forum. Our Organization has kept peace in the region for thirty years."],
        ["Statement by the CSTO Secretary General on the situation on the border", "02.06.2025",
         "The Secretary General expresses deep concern over the incidents on the border. We call on the parties "
         "to show restraint.", "The Organization is ready to assist in the settlement of the situation."],
        ["Schedule of events for the week of 17–21 March 2025",
         "17 March, Moscow – meeting of the working group on information policy;",
         "18 March, Minsk – consultations of the deputy ministers of foreign affairs;",
         "21 March, Dushanbe – opening of the course for peacekeeping officers."],
        ["KARIMOV Anvar Rustamovich", "Deputy Secretary General of the Collective Security Treaty Organization",
         "Born on 3 May 1968 in Tashkent.", "In 1990 he graduated from the Tashkent Higher Military School.",
         "Career:", "1990–1995 – service in the Armed Forces;", "1995–2005 – posts in the Ministry of Foreign Affairs;"],
    ]
    for article in articles:
        for seed, count in ((13, 13), (16, 16), (79, 16), (44, 10), (58, 13)):
            for text in _layouts(_mixed_page(seed, count, article)):
                cur = parse_text(text)
                lines = _lines(cur, text)
                assert cur.articles and cur.articles[0].title == article[0], lines
                start = [label for label, _, _ in lines].index("title")
                assert all(label in ("teaser", "boilerplate") for label, _, _ in lines[:start]), lines


def test_a_listing_with_a_long_summary_and_a_report_of_short_paragraphs_are_unchanged() -> None:
    """What the sidebar test must not take: headline + summary items, one summary two sentences long (no
    Article: a listing's item has one summary, the next item under it), and a dated report whose
    one-sentence paragraphs run to its end (the Article stays at its title)."""
    listing = "\n".join([
        "The Secretary General met with the Ambassador of Armenia",
        "On 3 March 2025, the Secretary General received the Ambassador of Armenia in Moscow.",
        "Border guards completed the second stage of the operation",
        "On 28 February 2025, the second stage of the operation ended in the Pamir. More than a thousand border "
        "guards of the member states took part in it, with aviation and special units.",
        "Experts discussed information security in Bishkek",
        "On 25 February 2025, experts of the member states met in Bishkek to discuss information security.",
        "Military doctors gathered for a training course",
        "On 20 February 2025, a training course for military doctors opened in Kant."]) + "\n"
    for text in _layouts(listing):
        cur = parse_text(text)
        assert not cur.articles, _lines(cur, text)
    report = "\n".join([
        "Consultations of the deputy ministers were held in Minsk", "05.03.2025",
        "On 5 March 2025, consultations of the deputy ministers of foreign affairs were held in Minsk.",
        "The sides discussed the draft documents of the next session.",
        "Results of the consultations",
        "The draft statement was agreed. The documents will be submitted to the Council of Foreign Ministers."]) + "\n"
    for text in _layouts(report):
        cur = parse_text(text)
        assert cur.articles and str(cur.articles[0].date) == "2025-03-05", _lines(cur, text)


def test_a_short_statement_under_alternating_dated_and_glued_items() -> None:
    """(f) a statement title, its ``DD.MM.YYYY`` line and two paragraphs under a sidebar whose dated and
    glued items alternate: the statement is the Article, the sidebar items teasers."""
    dated = [item for item in _POOL if item[:2].isdigit()]
    title = "Statement by the CSTO Secretary General on the situation on the border"
    body = ["02.06.2025",
            "The CSTO Secretary General expresses deep concern over the incidents on the border. We call on the "
            "parties to refrain from any actions that may lead to an escalation.",
            "The Organization is ready to assist in the settlement of the situation by political and diplomatic "
            "means."]
    for order in (dated, dated[::-1]):
        page = "\n".join([*order, title, *body]) + "\n"
        for text in _layouts(page):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert cur.articles and cur.articles[0].title == title, lines
            assert str(cur.articles[0].date) == "2025-06-02", lines
            assert cur.articles[0].kind == "statement", lines


def test_a_weekly_schedule_under_undated_summaries() -> None:
    """(g) ``Schedule of events for the week of …`` and its ``17 March, Moscow – …`` lines."""
    summaries = [item for item in _POOL if "\n" not in item and item.endswith(".") and item[:1].isalpha()]
    title = "Schedule of events for the week of 17–21 March 2025"
    lines_ = ["17 March, Moscow – meeting of the working group on information policy;",
              "18 March, Minsk – consultations of the deputy ministers of foreign affairs;",
              "19 March, Bishkek – seminar on countering the financing of terrorism;",
              "21 March, Dushanbe – opening of the course for peacekeeping officers."]
    page = "\n".join([*summaries, *_sidebar(13, 8), title, *lines_]) + "\n"
    for text in _layouts(page):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == title, lines


def test_the_article_after_a_shuffled_shared_sidebar_with_the_corpus_context() -> None:
    """The sidebar's teasers on other pages of the corpus in other orders: counted as shared single
    passages, they stay teasers, and the page's title (itself a teaser on some other page) is the title;
    with the context and each page alone."""
    corpus = [_mixed_page(seed, 12, ["Another report of the press service", "On 2 March 2025, in Minsk, "
                                     "the experts met. " * 3, "The talks went on for two days. " * 3])
              for seed in range(20, 25)]
    teaser = _TITLE + "\n" + _LEAD.split(". ")[0] + "."
    corpus.append(_mixed_page(30, 10, [teaser, "Another headline of the week", "On 3 March 2025, something else "
                                       "took place in Minsk. " * 2, "Its text runs on for a while. " * 3]))
    page = _mixed_page(31, 14, [_TITLE, _LEAD, *_BODY])
    for text in _layouts(page):
        context = build_context([text, *corpus])
        _check_after_sidebar(text, _TITLE, first="lead", context=context)
        _check_after_sidebar(text, _TITLE, first="lead")


# -- 2. a photo-album listing: no Article --------------------------------------------------------------

_ALBUMS = """\
Photo gallery
Joint exercise of the Collective Rapid Reaction Forces in Kyrgyzstan
24 photos
18.09.2025
Session of the Collective Security Council in Moscow
12 photos
27.05.2025
Meeting of the Council of Defence Ministers
9 photos
14.05.2025
Peacekeeping training at the Fakhrabad range
31 photos
02.04.2025
Show more albums
"""


def test_a_photo_album_listing_has_no_article() -> None:
    """``Photo gallery``, then albums of a name, ``N photos`` and a date line, then ``Show more albums``: a
    listing, no Article (an album's count is no title); both layouts, under a short dated sidebar, and with
    the list cut inside the last album."""
    sidebar = "12.03.2025\nThe Secretary General met with the Ambassador of Armenia.\n"
    cut = _ALBUMS.split("Peacekeeping")[0] + "Peacekeeping training at the Fakh\n"
    for page in (_ALBUMS, sidebar + _ALBUMS, cut, _ALBUMS.replace("photos", "photo")):
        for text in _layouts(page):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert not cur.articles, lines
            labels = {line: label for label, line, _ in lines}
            assert labels.get("Show more albums", "boilerplate") == "boilerplate", lines
            assert all(labels[line] == "teaser" for line in page.splitlines()[1:-1] if line in labels
                       and line != "Photo gallery" and not line.startswith("12.03")), lines


def test_photo_albums_in_any_order_of_their_lines_are_no_article() -> None:
    """An album's name, count and date in each of their six orders, one to four albums, with and without
    the gallery's header and ``Show more albums``, under nothing, a dated teaser or a headline teaser: no
    Article (a single album's name over its date is no report)."""
    import itertools

    items = [tuple(_ALBUMS.splitlines()[1 + 3 * k : 4 + 3 * k]) for k in range(4)]
    sidebars = ["", "12.03.2025\nThe Secretary General met with the Ambassador of Armenia.\n",
                "Latest news\nBorder guards completed the operation\nThe operation ended in the Pamir.\n"]
    for order in itertools.permutations(range(3)):
        for count in (1, 2, 4):
            for head, foot in (("Photo gallery\n", "Show more albums\n"), ("", "")):
                for sidebar in sidebars:
                    body = "".join("\n".join(item[o] for o in order) + "\n" for item in items[:count])
                    for text in _layouts(sidebar + head + body + foot):
                        cur = parse_text(text)
                        assert not cur.articles, (order, count, _lines(cur, text))


# -- 3. speakers of speeches named outside the paragraphs --------------------------------------------

_ROLE_SPEECH = """\
Welcoming address of the CSTO Secretary General to the participants of the conference on Eurasian security
Welcoming address of the CSTO Secretary General to the participants of the conference on Eurasian security 14.04.2025
Dear participants of the conference!
I am glad to welcome you in Minsk. Our conference has become a good platform for a frank exchange of views.
I wish you fruitful work and all the best.
Go back
"""


def test_a_speech_titled_by_an_office_is_the_office_holders_at_the_page_date() -> None:
    """No name on the page, the title names the office: the salutation and paragraphs are the person the
    registry has in that office at the page's date (one holder); before his term, his predecessor's; an
    undated page names nobody (the registry has several Secretaries General)."""
    for text in _layouts(_ROLE_SPEECH):
        lines = _lines(parse_text(text), text)
        assert [name for label, _, name in lines if label in ("salutation", "paragraph")] == [
            "Imangali Tasmagambetov"] * 3, lines
    older = _ROLE_SPEECH.replace("14.04.2025", "14.04.2021")
    lines = _lines(parse_text(older), older)
    assert {name for label, _, name in lines if label == "paragraph"} == {"Stanislav Zas"}, lines
    undated = "\n".join(_ROLE_SPEECH.splitlines()[i] for i in (0, 2, 3, 4, 5)) + "\n"
    lines = _lines(parse_text(undated), undated)
    assert all(name is None for _, _, name in lines), lines


def test_a_speech_heading_naming_the_speaker_gives_him_the_speech() -> None:
    """``Speech of the Deputy Secretary General <Full Name>`` under the title and its dated repeat: the
    salutation and the speech are his (a person the registry does not know), also when the salutation
    ends in a comma (``Mr. Chairperson,``)."""
    for salutation in ("Dear colleagues!", "Mr. Chairperson,", "Excellencies, ladies and gentlemen,"):
        page = ("Meeting of the working group on peacekeeping\n"
                "Meeting of the working group on peacekeeping 20.05.2025\n"
                "Speech of the Deputy Secretary General Ruslan Abdyldaev\n"
                f"{salutation}\n"
                "Allow me to thank the organisers for the invitation. We have done a lot of work this year.\n"
                "I am sure that our cooperation will continue.\n")
        for text in _layouts(page):
            lines = _lines(parse_text(text), text)
            labels = [label for label, _, _ in lines]
            assert labels[3] == "salutation", lines
            assert [name for _, _, name in lines[3:]] == ["Ruslan Abdyldaev"] * 3, lines


def test_a_comma_salutation_under_a_named_title_is_the_title_speakers() -> None:
    """``Mr. Chairperson,`` or ``Excellencies, ladies and gentlemen,`` under a title naming the speaker: a
    salutation, and the speech under it is the title's speaker."""
    for salutation in ("Mr. Chairperson,", "Excellencies, ladies and gentlemen,", "Distinguished Mr. Chairman,"):
        page = ("Speech of the CSTO Secretary General Imangali Tasmagambetov at the meeting of the Permanent Council\n"
                "Speech of the CSTO Secretary General Imangali Tasmagambetov at the meeting of the Permanent Council 03.02.2025\n"
                f"{salutation}\n"
                "Allow me to present the report on the activities of the Secretariat. We have done a lot of work.\n"
                "I thank you for your attention.\n")
        for text in _layouts(page):
            lines = _lines(parse_text(text), text)
            assert [label for label, _, _ in lines] == ["title", "dateline", "salutation", "paragraph", "paragraph"], lines
            assert [name for _, _, name in lines[2:]] == ["Imangali Tasmagambetov"] * 3, lines


def test_an_interview_titled_by_an_office_is_answered_by_the_holder_at_the_page_date() -> None:
    """``Interview of the CSTO Secretary General to <agency>`` with its date and unmarked questions: the
    answers are the holder's at that date; questions have no speaker."""
    page = ("Interview of the CSTO Secretary General to the news agency “Kabar”\n"
            "Interview of the CSTO Secretary General to the news agency “Kabar” 10.11.2021\n"
            "What are the main results of the year?\n"
            "The main result is that we have kept stability in the region. The exercises confirmed the readiness "
            "of the forces.\n"
            "What tasks lie ahead?\n"
            "We will continue to strengthen the peacekeeping potential of the Organization.\n")
    for text in _layouts(page):
        lines = _lines(parse_text(text), text)
        assert [(label, name) for label, _, name in lines[2:]] == [
            ("question", None), ("answer", "Stanislav Zas"), ("question", None), ("answer", "Stanislav Zas")], lines


# -- 4. interviews under a quote title or a "two questions" title --------------------------------------

_QUOTE_INTERVIEW = """\
“A peacekeeper must first of all be a diplomat”
Colonel Marat Dzhunusov, head of the training centre of the peacekeeping forces of the Kyrgyz Republic, told the CSTO press service about the preparation of the contingents.
What do the officers learn at the centre?
They learn to negotiate with the parties and to work with the local population. Weapons are the last argument of a peacekeeper.
How long does the course last?
The course lasts three months. At the end the officers pass an exam before a commission of the Joint Staff.
Go back
"""


def test_an_interview_under_a_quote_title_with_unmarked_questions() -> None:
    """A quote title, a lead naming the interviewee with a long appositive, then ``…?`` questions each
    answered by the next paragraph: an interview, the answers the interviewee's, the questions nobody's
    (both layouts, and cut inside the last answer)."""
    cut = _QUOTE_INTERVIEW.split(" At the end")[0] + " At the end the offi\n"
    for page in (_QUOTE_INTERVIEW, cut):
        for text in _layouts(page):
            cur = parse_text(text)
            lines = _lines(cur, text)
            assert cur.articles and cur.articles[0].kind == "interview", lines
            assert [label for label, _, _ in lines][:6] == ["title", "lead", "question", "answer", "question", "answer"], lines
            assert [name for label, _, name in lines if label == "answer"] == ["Marat Dzhunusov"] * 2, lines
            assert all(name is None for label, _, name in lines if label == "question"), lines


_TWO_QUESTIONS = """\
Two questions to an expert: why does the information war not stop?
Aigerim Bekova, a researcher at the Institute of Strategic Studies, answers questions from the CSTO press service.
– Is the information war against our countries getting stronger?
– It is. The number of fake news items about the member states has doubled this year, according to our monitoring.
– What can be done about it?
– First of all, we must teach young people to check the sources. Media literacy should become a school subject.
Go back
"""


def test_two_questions_to_an_expert_in_dash_turns_are_the_womans_answers() -> None:
    """``Two questions to an expert: …?`` over a lead naming a woman and dash turns: the turns asking
    are questions, the others her answers (both layouts)."""
    for text in _layouts(_TWO_QUESTIONS):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].kind == "interview", lines
        assert [label for label, _, _ in lines] == ["title", "lead", "question", "answer", "question", "answer",
                                                    "boilerplate"], lines
        assert [name for label, _, name in lines if label == "answer"] == ["Aigerim Bekova"] * 2, lines


# -- 5. names: a middle initial; a woman introduced in the paragraph that gives her words --------------

_NAMES = """\
Experts discussed information security in Tashkent
05.04.2025
On 3 April 2025, in Tashkent, a round table on information security of the CSTO member states was held. About forty experts took part.
Dmitry Yu. Morozov, head of the department of the CSTO Secretariat, said that attacks on energy systems had become more frequent.
Russian expert Pavel Korenev spoke about the protection of critical infrastructure. He noted that the threats were growing.
Uzbek expert Dilnoza Karimova presented a study of fake news in social networks. She stressed the importance of media literacy of young people.
The exercise of the rescue units was supervised by Armenian Minister Anna Hakobyan. She said the units had shown good training.
The work of the section was coordinated by Gulnara Sadykova from Almaty. She noted that the section had prepared ten proposals.
The participants adopted recommendations.
Go back
"""


def test_a_middle_initial_is_one_name_and_a_woman_just_introduced_speaks_her_paragraph() -> None:
    """``Dmitry Yu. Morozov, head of …, said …``: one name, the paragraph's speaker; ``Uzbek expert <Name>
    presented …. She stressed …`` and ``… supervised by Armenian Minister <Name>. She said …`` after a man's
    paragraph: the paragraph is hers (both layouts)."""
    for text in _layouts(_NAMES):
        lines = _lines(parse_text(text), text)
        speakers = {line[:12]: name for _, line, name in lines}
        assert speakers["Dmitry Yu. M"] == "Dmitry Yu. Morozov", lines
        assert speakers["Russian expe"] == "Pavel Korenev", lines
        assert speakers["Uzbek expert"] == "Dilnoza Karimova", lines
        assert speakers["The exercise"] == "Anna Hakobyan", lines
        assert speakers["The work of "] == "Gulnara Sadykova", lines  # (a by-phrase, no office: named by her "She")
        assert speakers["The particip"] is None, lines


# -- 6. labels inside the Article ------------------------------------------------------------------------

def _labels(page: str) -> list[list[tuple[str, str]]]:
    out = []
    for text in _layouts(page):
        cur = parse_text(text)
        out.append([(label, line) for label, line, _ in _lines(cur, text)])
    return out


def test_a_statement_or_communique_opens_with_a_paragraph() -> None:
    """A statement, a joint communiqué and ``On the publications about …`` have no lead: the first text is a
    ``paragraph`` (dated and undated; both layouts)."""
    for title in ("Statement of the CSTO Foreign Ministers on the situation in Afghanistan",
                  "Joint communiqué following the meeting of the Council of Foreign Ministers",
                  "On the publications about the withdrawal of the peacekeeping contingent"):
        for date in ("\n" + title + " 14.06.2025", ""):
            page = (f"{title}{date}\n"
                    "The Ministers of Foreign Affairs of the CSTO member states express concern over the situation. "
                    "They call for a political settlement.\n"
                    "The member states are ready to continue consultations.\nGo back\n")
            for lines in _labels(page):
                first = next(label for label, line in lines if line.startswith("The Ministers"))
                assert first == "paragraph", lines


def test_a_static_page_of_a_body_opens_with_a_paragraph() -> None:
    page = ("Parliamentary Assembly of the CSTO\n"
            "The Parliamentary Assembly of the CSTO is the body of inter-parliamentary cooperation of the Organization. "
            "It considers the issues of harmonising the legislation of the member states.\n"
            "The Assembly holds plenary sessions twice a year.\n")
    for lines in _labels(page):
        assert [label for label, _ in lines] == ["title", "paragraph", "paragraph"], lines


def test_a_video_duration_line_is_boilerplate_of_the_article_and_the_lead_follows() -> None:
    """``Duration 14:32`` under a video's title (``Video: …`` or a plain headline): the Article's boilerplate
    (since 2.182.0, the gold's convention for a media line; it was a paragraph), the lead under it (both layouts)."""
    for title in ("Video: exercise of the Collective Rapid Reaction Forces in Kyrgyzstan",
                  "Exercise of the Collective Rapid Reaction Forces in Kyrgyzstan"):
        page = (f"{title}\n"
                "Duration 14:32\n"
                "On 18 September 2025, at the Edelweiss training ground, the active phase of the exercise took place. "
                "Units of four member states took part.\nGo back\n")
        for lines in _labels(page):
            assert [label for label, _ in lines] == ["title", "boilerplate", "lead", "boilerplate"], lines


_DECISION = """\
Decision of the Council of Foreign Ministers on the plan of consultations
Decision of the Council of Foreign Ministers on the plan of consultations 20.06.2025
The Council of Foreign Ministers of the Collective Security Treaty Organization decides:
1. To approve the plan of consultations of the representatives of the member states for 2026.
2. This decision enters into force on the date of its signing.
Done in the city of Minsk on 20 June 2025 in one original copy in the Russian language.
Minister of Foreign Affairs of the Republic of Armenia A. Mirzoyan
Minister of Foreign Affairs of the Republic of Belarus M. Ryzhenkov
Minister of Foreign Affairs of the Republic of Kazakhstan M. Nurtl
"""


def test_a_decisions_closing_line_and_its_signatories() -> None:
    """``Done in the city of … on …`` is a paragraph; the signatories' lines (an office and an initialled
    name, the last cut mid-word) are headings."""
    for lines in _labels(_DECISION):
        labels = dict((line, label) for label, line in lines)
        assert labels["Done in the city of Minsk on 20 June 2025 in one original copy in the Russian language."] == "paragraph", lines
        for line in _DECISION.splitlines()[-3:]:
            assert labels[line] == "heading", lines


def test_a_contacts_page_heading_without_a_colon_is_a_heading() -> None:
    page = ("Contacts\n"
            "CSTO Secretariat\n"
            "Address: 103012, Moscow, Varvarka street, 7\n"
            "Phone: +7 495 000-00-00\n"
            "CSTO Joint Staff\n"
            "Address: 119160, Moscow, Znamenka street, 19\n"
            "Phone: +7 495 000-00-01\n")
    for lines in _labels(page):
        labels = dict((line, label) for label, line in lines)
        assert labels["CSTO Joint Staff"] == "heading", lines
        assert labels["CSTO Secretariat"] == "heading", lines


def test_a_press_releases_last_sentence_stays_in_the_article() -> None:
    """The last sentence of a press release, also one naming the press service inside it, is the Article's
    last paragraph, whatever footer follows (``Go back``, the press service's contact lines, none)."""
    for last in ("Online accreditation will open on 1 September.",
                 "Accreditation through the press service of the CSTO Secretariat will open on 1 September."):
        for footer in ("Go back\n", "", "Press service of the CSTO Secretariat\nTel.: +7 495 000 00 00\n"):
            page = ("Accreditation of journalists for the session of the Collective Security Council\n"
                    "Accreditation of journalists for the session of the Collective Security Council 15.08.2025\n"
                    "The session of the Collective Security Council will be held in Moscow on 27 November 2025. "
                    "Journalists wishing to cover it are invited to apply.\n"
                    "Applications are accepted through the press centre of the session.\n"
                    f"{last}\n{footer}")
            for text in _layouts(page):
                cur = parse_text(text)
                seg = next(s for s in cur.segments if text[s.start : s.end] == last)
                assert seg.article == "a1" and seg.label == "paragraph", _lines(cur, text)
                assert all(s.label == "boilerplate" for s in cur.segments if s.start > seg.end), _lines(cur, text)


def test_download_all_photos_after_the_text_is_boilerplate() -> None:
    for link in ("Download all photos", "Download all photos (ZIP, 12 MB)", "Download all"):
        page = ("Session of the Collective Security Council in Moscow\n"
                "Session of the Collective Security Council in Moscow 27.11.2025\n"
                "On 27 November 2025, a session of the Collective Security Council was held in Moscow. "
                "The heads of state adopted a declaration.\n"
                f"{link}\nGo back\n")
        for text in _layouts(page):
            cur = parse_text(text)
            seg = next(s for s in cur.segments if text[s.start : s.end] == link)
            assert seg.label == "boilerplate" and seg.article is None, _lines(cur, text)


def test_full_items_after_the_articles_footer_are_teasers() -> None:
    """After the text and its ``Go back``, further items (headline, date, summary): teasers."""
    page = ("Meeting of the Permanent Council\n"
            "Meeting of the Permanent Council 12.02.2025\n"
            "On 12 February 2025, a meeting of the Permanent Council was held in Moscow. The Council considered "
            "the draft plan.\n"
            "Go back\n"
            "Consultations on military cooperation were held in Minsk\n"
            "10.02.2025\n"
            "The delegations agreed on the plan for the next year.\n"
            "Seminar on drug trafficking opened in Almaty\n"
            "07.02.2025\n"
            "Experts of the member states exchanged their experience.\n")
    for lines in _labels(page):
        labels = dict((line, label) for label, line in lines)
        for line in page.splitlines()[4:]:
            assert labels[line] == "teaser", lines


def test_an_office_with_no_term_in_the_registry_names_nobody() -> None:
    """An office the registry knows one person in but without a term (`CSTO Deputy Secretary General`:
    the Organization has several deputies at once, the registry lists one) is no evidence of who spoke:
    a wrong speaker is worse than none, so a title naming only that office gives nobody."""
    page = _ROLE_SPEECH.replace("Secretary General", "Deputy Secretary General")
    assert "Deputy Secretary General" in page
    for text in _layouts(page):
        lines = _lines(parse_text(text), text)
        assert all(name is None for _, _, name in lines), lines
