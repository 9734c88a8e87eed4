"""Round 23 of the parser (parser26): the Article's title, start and end, interview turns and speakers on layouts
told by sealed set 20's miss classes (structure only). Pages written for these tests in the site's manner (menu,
sidebar of dated teasers, title, DD.MM.YYYY dateline, lead, body, footer), checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import line_labels as _line_labels
from tests.parse_lines import lines

_MENU = "Home About CSTO News Documents Press centre Contacts"
_SIDEBAR = ["18.04.2026", "The Deputy Secretary General took part in a seminar on border security",
            "15.04.2026", "Officers of the Joint Staff completed a course on crisis response planning",
            "09.04.2026", "The Secretariat received a delegation of students of a military academy"]
_FOOTER = ["Back to the list of news", "© 2026 Collective Security Treaty Organization"]


def _page(body: list[str], gap: str, *, menu: bool = True, sidebar: bool = True, footer: bool = True) -> str:
    return gap.join([*([_MENU] if menu else []), *(_SIDEBAR if sidebar else []), *body,
                     *(_FOOTER if footer else [])]) + "\n"


def _in_article(cur, text: str, line: str) -> bool:
    seg = next(s for s in cur.segments if text[s.start : s.end].strip().startswith(line))
    return seg.article is not None


# -- class A1: a photo credit or a download line between the title and its date or lead ---------------------------

_TRAINING = "Engineers of the member states completed a joint course on demining in Yerevan"
_TRAINING_LEAD = ("On 14 April 2026, in Yerevan, the engineering units of the armed forces of the member states "
                  "completed a joint course on humanitarian demining.")
_TRAINING_BODY = "The participants practised the search for explosive objects and the clearing of roads and bridges."
_CHROME_UNDER_TITLE = ["Photo: press service of the Ministry of Defence of the Republic of Armenia",
                       "Photo by the press service of the Joint Staff",
                       "Download (PDF, 310 KB)"]


@pytest.mark.parametrize("chrome", _CHROME_UNDER_TITLE)
@pytest.mark.parametrize("glued", [False, True])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_credit_or_download_line_between_the_title_and_its_date_is_no_title(chrome: str, glued: bool, gap: str) -> None:
    dated = ["14.04.2026 " + _TRAINING_LEAD] if glued else ["14.04.2026", _TRAINING_LEAD]
    text = _page([_TRAINING, chrome, *dated, _TRAINING_BODY], gap)
    cur = parse_text(text)
    assert [(a.title, str(a.date)) for a in cur.articles] == [(_TRAINING, "2026-04-14")]
    assert _line_labels(cur, text, [_TRAINING, chrome]) == [("title", None), ("boilerplate", None)]
    assert _line_labels(cur, text, [_TRAINING_BODY]) == [("paragraph", None)]


def test_a_video_pages_title_opening_with_video_stays_the_title() -> None:
    title = "Video: rescuers of the member states practised the evacuation of a mountain village"
    teaser = "Servicemen of the Collective Forces completed a parachute training course near Pskov"
    lead = ("On 14 April 2026, in Issyk-Kul, the rescue units of the member states practised the evacuation of "
            "the inhabitants of a mountain village cut off by a mudflow.")
    text = _page([teaser, title, "14.04.2026", lead, _TRAINING_BODY], "\n\n")
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]


# -- class A2: the title on the page's first line, a 'Most read' block of headlines after the Article ------------

_MOST_READ = ["Most read", "The Secretary General met with students of a summer school of international relations",
              "Joint training of the rapid reaction forces opened at a training ground in the mountains",
              "Heads of the border services reviewed the results of the spring season"]
_COUNCIL = "Heads of the emergency services of the member states met in Minsk"
_COUNCIL_TEXT = [
    "On 16 April 2026, in Minsk, a meeting of the Coordination Council for Emergency Situations was held.",
    "The heads of delegations discussed the results of the joint training of the rescue units.",
    "The Council supported the proposal to set up a regional training centre for rescuers.",
]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_title_opening_the_page_over_its_text_and_a_most_read_block_is_the_title(gap: str) -> None:
    footer = [_FOOTER[1], "When using materials of the site, a link to the source is required."]
    text = gap.join([_COUNCIL, *_COUNCIL_TEXT]) + "\n\n" + "\n".join(_MOST_READ) + "\n\n" + "\n".join(footer) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [_COUNCIL]
    assert _line_labels(cur, text, [_COUNCIL, *_COUNCIL_TEXT]) == [
        ("title", None), ("lead", None), ("paragraph", None), ("paragraph", None)]
    assert [label for label, _ in _line_labels(cur, text, _MOST_READ[1:])] == ["teaser"] * 3


# -- class B: an excerpt holding only sidebar teasers (a repeated 'Most read' block among them): no Article --------

_UNDATED_SIDEBAR = [
    "On 4 April, delegations of the member states completed the planning stage of a joint exercise.",
    "Deputy Secretary General held talks with the command of the Collective Forces",
    "On 2 April 2026, the Permanent Council discussed the agenda of the next session of the Council.",
]


def _sidebar_page(own: list[str]) -> str:
    return "\n\n\n".join([*_UNDATED_SIDEBAR, *own])


def test_an_excerpt_of_teasers_and_a_repeated_most_read_block_gets_no_article() -> None:
    from curator.core.parse import build_context

    teasers = ["On 1 April, an anti-drug operation of the member states started in Central Asia",
               "The Secretary General received the participants of a course for young diplomats",
               "Representatives of the emergency ministries exchanged experience of rescue operations in mountains",
               "Results of the meeting of the working group on information policy"]
    later = ["On 25 March 2026, the Permanent Council approved the agenda of the joint meeting of the councils.",
             "A group of officers of the Joint Staff inspected the readiness of the units of the Collective Forces.",
             "The Secretariat and the Executive Committee agreed to hold joint consultations twice a year.",
             "Students of a military academy visited the Secretariat and met with the heads of its departments."]
    page = _sidebar_page([*teasers, "\n".join(_MOST_READ), *later])
    others = [_sidebar_page([f"Article number {k} of the site about a meeting of the councils in Minsk",
                             "On 3 April 2026, in Minsk, the councils of the member states held a joint meeting on "
                             "the results of the year and the plans for the next one.",
                             "The participants adopted a joint statement.", "\n".join(_MOST_READ)]) for k in range(3)]
    cur = parse_text(page, context=build_context([page, *others]))
    assert cur.articles == []
    alone = parse_text(page)
    assert alone.articles == []


# -- class B: an error or notice page (a line, one sentence, a link that is no article's navigation) ---------------

_SITE_FOOTER = ["© 2009–2026 Collective Security Treaty Organization. All rights reserved.",
                "When using materials of the site, a link to the source is required."]
_NOTICES = [
    ["Error 404", "The requested page does not exist", "It may have been moved to another address.",
     "Return to the home page"],
    ["This material is available only in Russian.", "Open the Russian version"],
    ["Page temporarily unavailable", "Please try again later.", "Go to the news section"],
]


@pytest.mark.parametrize("k", range(len(_NOTICES)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_error_or_notice_page_gets_no_article(k: int, gap: str) -> None:
    text = gap.join([_MENU, "RUS | ENG", *_NOTICES[k], *_SITE_FOOTER])
    cur = parse_text(text)
    assert cur.articles == []
    assert {s.label for s in cur.segments} == {"boilerplate"}  # (no line of it a teaser of another page)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_one_sentence_news_page_under_its_navigation_keeps_its_article(gap: str) -> None:
    title = "A meeting of the Permanent Council was held at the Secretariat"
    lead = "The permanent representatives considered the draft agenda of the Council of Foreign Ministers."
    text = gap.join([_MENU, title, lead, "Go back", *_SITE_FOOTER])
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]


# -- class C: where the Article ends --------------------------------------------------------------------------------

_STATEMENT = "Statement of the Council of Foreign Ministers on countering international terrorism"
_STATEMENT_TEXT = ["The ministers of foreign affairs of the member states express their deep concern about the "
                   "growing threat of international terrorism.",
                   "We condemn terrorism in all its forms and stand for stronger cooperation of the member states."]


def _article_lines(cur, text: str) -> list[str]:
    return [text[s.start : s.end] for s in cur.segments if s.article is not None]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_sites_copyright_footer_is_no_text_of_the_article(gap: str) -> None:
    text = gap.join([_MENU, _STATEMENT, "30.11.2025", *_STATEMENT_TEXT, *_SITE_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [_STATEMENT]
    assert _article_lines(cur, text)[-1] == _STATEMENT_TEXT[-1]
    assert _line_labels(cur, text, _SITE_FOOTER) == [("boilerplate", None)] * 2


_AFTER_TEXT = [["← Previous news", "The working group on information security met in Astana", "Next news →",
                "The Permanent Council approved the plan of events for the second quarter"],
               ["Previous article", "Next article"],
               ["Back to the photo reports"],
               ["Back to the list of announcements"]]


@pytest.mark.parametrize("k", range(len(_AFTER_TEXT)))
def test_previous_next_and_back_links_end_the_article(k: int) -> None:
    text = "\n\n".join([_MENU, _STATEMENT, "30.11.2025", *_STATEMENT_TEXT, *_AFTER_TEXT[k]]) + "\n"
    cur = parse_text(text)
    assert _article_lines(cur, text)[-1] == _STATEMENT_TEXT[-1]


@pytest.mark.parametrize("media", [["Video", "Watch on RUTUBE"], ["Watch the video"], ["Photo gallery"]])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_media_links_over_the_lead_do_not_end_the_article(media: list[str], gap: str) -> None:
    title = "The Chief of the Joint Staff held a briefing on the results of the joint trainings"
    lead = ("On 11 October 2025, in Moscow, the Chief of the Joint Staff held a briefing for the media on the "
            "results of the joint trainings of the year.")
    more = "More than five thousand servicemen took part in the trainings, Anatoly Sidorov said."
    text = gap.join([_MENU, title, f"{title} 11.10.2025", *media, lead, more, *_SITE_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert _line_labels(cur, text, [lead, more]) == [("lead", None), ("paragraph", "Anatoly Sidorov")]
    assert [label for label, _ in _line_labels(cur, text, media)] == ["boilerplate"] * len(media)
    assert [(e.place, str(e.date)) for e in cur.events] == [("Moscow", "2025-10-11")]


# -- class A5: a listing page under its heading: the heading is the Article (kind other), the items teasers ---------

_LISTINGS = [
    ("Photo archive", ["Joint exercise of the rapid reaction forces in the Republic of Armenia – 24 photos",
                       "Session of the Collective Security Council in Astana – 31 photos",
                       "Meeting of the Council of Foreign Ministers in Minsk – 12 photos",
                       "International anti-drug operation in Central Asia (Republic of Kazakhstan) – 9 photos"]),
    ("Announcements", ["2–4 September 2026 | Yerevan | Staff talks on the preparation of the joint exercises",
                       "9 September 2026 | Moscow | Meeting of the Permanent Council",
                       "15–16 September 2026 | Bishkek | Meeting of the Committee of Secretaries of Security Councils"]),
]


@pytest.mark.parametrize("k", range(len(_LISTINGS)))
@pytest.mark.parametrize("end", [["Pages: 1 2 3 Next"], _SITE_FOOTER])
def test_a_heading_over_its_listings_items_is_the_article_and_the_items_teasers(k: int, end: list[str]) -> None:
    heading, items = _LISTINGS[k]
    text = "\n".join([_MENU, heading, *items, *end])
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(heading, "other")]
    assert _line_labels(cur, text, [heading, *items]) == [("title", None)] + [("teaser", None)] * len(items)
    assert [label for label, _ in _line_labels(cur, text, end)] == ["boilerplate"] * len(end)
    assert cur.events == []


def test_a_table_with_its_header_row_under_a_documents_title_stays_the_documents_rows() -> None:
    title = "Plan of joint exercises of the formations of the collective security system for 2027"
    rows = ["Dates | Place | Exercise", "2–4 September 2027 | Republic of Armenia | Joint exercise of the rapid reaction forces",
            "9–12 October 2027 | Republic of Belarus | Joint exercise of the peacekeeping forces",
            "14–18 October 2027 | Kyrgyz Republic | Joint exercise of the reconnaissance forces"]
    text = "\n\n".join([_MENU, title, "12.12.2026", *rows, *_SITE_FOOTER])
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert all(label not in ("teaser", "title") for label, _ in _line_labels(cur, text, rows))


# -- class A4: a document's title over its own header block ('DECISION' / 'of the … Council' / preamble / 'decides:') --

@pytest.mark.parametrize("genre", ["DECISION", "JOINT DECISION"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_documents_title_over_its_header_block_and_preamble_is_the_title(genre: str, gap: str) -> None:
    title = "Decision of the Council of Defence Ministers on the procedure for joint training of military doctors"
    header = [genre, "of the Council of Defence Ministers of the Collective Security Treaty Organization",
              "Guided by the Charter of the Organization and seeking to strengthen the medical support of the "
              "Collective Forces, the Council of Defence Ministers", "decides:"]
    points = ["1. To approve the programme of joint training of military doctors of the member states (attached).",
              "2. To instruct the Joint Staff to organise the first joint course in the second half of the year.",
              "3. This Decision enters into force from the date of its signing."]
    text = gap.join(["Main page » Documents » Decisions", title, *header, *points]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "document")]
    assert _line_labels(cur, text, [title, *header[:2]]) == [("title", None), ("heading", None), ("heading", None)]
    assert _line_labels(cur, text, [header[2]]) == [("paragraph", None)]


# -- class G: interview styles -------------------------------------------------------------------------------------

_READERS = ["How does one become an intern at the Secretariat? (Madina, Tashkent)",
            "Every year we take interns from the universities of the member states; the selection is made by the "
            "foreign ministries, and several of our officers started exactly that way.",
            "Which languages are needed for the work? (Pavel, Grodno)",
            "The working language is Russian, but English and the languages of our partners are a great advantage "
            "for those who deal with international cooperation.",
            "Do you meet students often? (Ainura, Osh)",
            "Yes, we hold summer schools and essay competitions every year, and I am always glad to see new faces."]


@pytest.mark.parametrize("glued", [True, False])
def test_reader_questions_signed_in_brackets_are_questions_and_the_replies_answers(glued: bool) -> None:
    title = "Imangali Tasmagambetov answered questions from students of the universities of the member states"
    dated = ["12.05.2026" + _READERS[0]] if glued else ["12.05.2026", _READERS[0]]
    text = "\n".join([_MENU, title, *dated, *_READERS[1:], *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "interview")]
    who = "Imangali Tasmagambetov"
    assert _line_labels(cur, text, _READERS[1:]) == [("answer", who), ("question", None), ("answer", who),
                                                     ("question", None), ("answer", who)]
    first = next(s for s in cur.segments if text[s.start : s.end].startswith("How does one"))
    assert first.label == "question"


def test_dash_answers_under_numbered_questions_are_answers() -> None:
    title = "Stanislav Zas answered the questions of a news agency on the eve of the session"
    lead = ("On the eve of the session of the Collective Security Council, the Secretary General of the Organization "
            "Stanislav Zas answered the questions of the agency.")
    turns = ["1. How has the year changed the work of the Organization?",
             "— It has changed the form but not the content of our work: most meetings moved online.",
             "2. What documents will the heads of state adopt?",
             "— They will consider about twenty documents, among them the decisions on the peacekeeping forces."]
    text = "\n\n".join([_MENU, title, lead, *turns, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert _line_labels(cur, text, turns) == [("question", None), ("answer", "Stanislav Zas")] * 2


@pytest.mark.parametrize("dash", ["", "— "])
def test_the_interviewers_closing_thanks_is_a_question_turn_and_the_reply_an_answer(dash: str) -> None:
    title = "«Our strength is in trust»: interview of the Secretary General Stanislav Zas"
    turns = [f"{dash}What are the tasks of the Organization this year?",
             f"{dash}We have three priorities: Central Asia, the fight against terrorism and the peacekeeping forces.",
             f"{dash}Is a dialogue with other organisations possible?",
             f"{dash}We have proposed working contacts many times, and we are open to them.",
             f"{dash}Thank you for the interview.", f"{dash}Thank you."]
    text = "\n\n".join([_MENU, title, "04.04.2022", *turns, *_FOOTER]) + "\n"
    cur = parse_text(text)
    got = _line_labels(cur, text, turns)
    assert [label for label, _ in got] == ["question", "answer", "question", "answer", "question", "answer"]


# -- class H: a transcript's speaker named alone on a line; a quote attributed after it by a role and a name ---------

@pytest.mark.parametrize("name, who", [("Alexander Lukashenko:", "Alexander Lukashenko"),
                                       ("Rustam Nazarov:", "Rustam Nazarov"), ("A. Lukashenko:", "Alexander Lukashenko"),
                                       ("Alexander Lukashenko, President of the Republic of Belarus:",
                                        "Alexander Lukashenko")])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_speakers_name_alone_on_a_line_gives_the_speech_under_it(name: str, who: str, gap: str) -> None:
    title = "Speech at the session of the Collective Security Council in the extended format"
    lead = ("On 28 November 2025, in Minsk, the regular session of the Collective Security Council was held. "
            "Below is the speech.")
    spoken = ["Dear colleagues,", "First of all, I would like to thank the chairmanship for the work done over the year.",
              "We consider it important to continue improving the crisis response system of our Organization."]
    text = gap.join([_MENU, title, f"{title} 28.11.2025", lead, name, *spoken, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert _line_labels(cur, text, [name]) == [("heading", None)]
    assert [spk for _, spk in _line_labels(cur, text, spoken)] == [who] * len(spoken)


def test_an_organisations_name_alone_on_a_line_gives_no_speaker() -> None:
    title = "Statement on the situation in the region"
    text = "\n\n".join([_MENU, title, "28.11.2025", "CSTO Secretariat:",
                        "The Secretariat is closely following the developments in the region and calls for restraint.",
                        *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert all(s.speaker is None for s in cur.segments)


@pytest.mark.parametrize("after", ["explained the instructor of the training centre Tolib Nazarov",
                                   "said the head of the rescue group Tolib Nazarov", "summed up Tolib Nazarov"])
def test_a_quote_closed_by_its_verb_a_role_and_an_unknown_name_is_that_persons(after: str) -> None:
    title = "Rescuers of the member states trained in the mountains"
    lead = ("On 12 May 2026, the rescue units of the member states gathered at a training ground in the mountains "
            "to practise work in the ruins of collapsed buildings.")
    quote = (f"“The first hours after a disaster decide everything. That is why we train the speed with which the "
             f"teams merge into one,” {after}.")
    text = "\n\n".join([_MENU, title, "12.05.2026", lead, quote, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert _line_labels(cur, text, [quote]) == [("paragraph", "Tolib Nazarov")]


# -- class A3: a title that reads like a lead, set apart under the sidebar the corpus shares ------------------------

_DAY_TITLE = "On 7 October, the member states of the Organization mark the anniversary of the signing of its Charter."
_DAY_TEXT = ["On this day, festive events are held in the capitals of the member states and at the Secretariat.",
             "The Charter, signed in Chisinau, became the legal basis of the cooperation of the member states.",
             "The staff of the Secretariat congratulate the citizens of the member states on the anniversary.",
             "In the coming days, the Secretariat will publish materials on the history of the Charter."]


def _with_sidebar(own: str) -> str:
    return "\n\n\n".join(_UNDATED_SIDEBAR) + "\n\n\n\n" + own


def _others() -> list[str]:
    return [_with_sidebar(f"Headline of another article number {k} about a meeting in Minsk\n\n"
                          "On 2 October 2026, in Minsk, the councils of the member states held a joint meeting.\n\n"
                          "The participants adopted a joint statement.") for k in range(3)]


def test_a_dated_sentence_set_apart_under_the_shared_sidebar_is_the_title() -> None:
    from curator.core.parse import build_context

    page = _with_sidebar(_DAY_TITLE + "\n\n\n" + "\n\n".join(_DAY_TEXT))
    cur = parse_text(page, context=build_context([page, *_others()]))
    assert [a.title for a in cur.articles] == [_DAY_TITLE]
    assert _line_labels(cur, page, _DAY_TEXT[:2]) == [("lead", None), ("paragraph", None)]


def test_a_lead_under_the_shared_sidebar_at_its_texts_gap_is_no_title() -> None:
    from curator.core.parse import build_context

    page = _with_sidebar("\n\n".join([_DAY_TITLE, *_DAY_TEXT]))
    cur = parse_text(page, context=build_context([page, *_others()]))
    assert cur.articles == []
