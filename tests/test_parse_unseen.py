"""Red team: pages of the CSTO's English site unlike the seeds, with what a careful editor expects.

Each page is written as the list of segments an editor would mark (label, text), joined
by the line breaks the scraped page would have; the parser must give back exactly those
segments, plus the Article's fields, the speakers where they are unambiguous and the main
Event. Sentences, names and layouts here are made up for these tests (no seed text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from curator.core.model import Curation
from curator.core.parse import build_context, parse_text
from tests.test_parse_checks import assert_well_formed

# -- building pages ---------------------------------------------------------------------

Seg = tuple[str, str]  # (label, text); a text with "\n" is one segment over several lines


@dataclass
class Page:
    """A page as an editor would segment it: segments and the gaps between them."""

    parts: list[Seg | str] = field(default_factory=list)

    def add(self, label: str, *texts: str, gap: str = "\n\n") -> Page:
        for t in texts:
            if self.parts and not isinstance(self.parts[-1], str):
                self.parts.append(gap)
            self.parts.append((label, t))
        return self

    def gap(self, gap: str) -> Page:
        """The gap before the next segment (replaces the default one)."""
        self.parts.append(gap)
        return self

    def text(self, newline: str = "\n") -> str:
        return "".join(p if isinstance(p, str) else p[1] for p in self.parts).replace("\n", newline)

    def expected(self) -> list[Seg]:
        return [p for p in self.parts if not isinstance(p, str)]


def segs(cur: Curation, newline: str = "\n") -> list[Seg]:
    return [(s.label, s.text.replace(newline, "\n")) for s in cur.segments]


def parse_page(page: Page, newline: str = "\n") -> Curation:
    text = page.text(newline)
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert segs(cur, newline) == page.expected()
    return cur


def said(cur: Curation, start: str) -> str | None:
    """The speaker of the segment whose text starts with ``start``."""
    (seg,) = [s for s in cur.segments if s.text.startswith(start)]
    return seg.speaker


def article(cur: Curation) -> tuple[str, dt.date | None, str]:
    (art,) = cur.articles
    return art.title, art.date, art.kind


def event(cur: Curation) -> tuple[str, dt.date | None, str | None]:
    (ev,) = cur.events
    return ev.type, ev.date, ev.place


NAV = ("Go back", "Back to the section", "Back to the all news")


def footer(page: Page, *lines: str) -> Page:
    return page.add("boilerplate", *(lines or NAV))


# -- statements, press releases, council meetings ----------------------------------------


def test_statement_of_foreign_ministers_2016_with_download_line_and_single_newline_news_list() -> None:
    title = ("Statement of the Ministers of Foreign Affairs of the CSTO Member States "
             "on countering international terrorism")
    page = (
        Page()
        .add("teaser", "17.10.2016")
        .gap("\n").add("teaser", "The Secretary General of the Organization received the Ambassador of Serbia "
                                 "to discuss cooperation in emergency response.")
        .gap("\n").add("teaser", "14.10.2016")
        .gap("\n").add("teaser", "Deputy foreign ministers of the member states held consultations on "
                                 "the agenda of the autumn ministerial.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "14.10.2016 Download document (PDF, 184 KB)")
        # only news and interviews have a lead; a statement opens with its own text (realpages convention)
        .add("paragraph", "The Ministers of Foreign Affairs of the Member States of the Collective Security Treaty "
                     "Organization strongly condemn terrorism in all its forms and manifestations.")
        .add("paragraph",
             "We are convinced that there can be no justification for acts of terror, whatever their motives.",
             "The Member States will strengthen the exchange of information between their special services and "
             "will work together within the United Nations.",
             "Yerevan, 14 October 2016")
    )
    footer(page, "Go back", "Back to the section")
    cur = parse_page(page)
    assert article(cur) == (title, dt.date(2016, 10, 14), "statement")
    assert {s.speaker for s in cur.segments} == {None}  # ministers as a body, nobody by name
    assert event(cur) == ("statement", dt.date(2016, 10, 14), "Yerevan")


def test_press_release_on_training_interaction_2025_with_date_alone_after_title() -> None:
    title = "The active phase of the joint training “Interaction-2025” of the CSTO Collective Rapid Reaction Forces"
    page = (
        Page()
        .add("teaser",
             "The CSTO Secretary General received the Ambassador of the Republic of Tajikistan in Moscow.",
             "Students of a diplomatic university from Minsk visited the Secretariat of the Organization.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "02.09.2025")
        .add("lead", "On 1 September 2025, at a training ground near Vitebsk, the active phase of the joint "
                     "training of the CSTO Collective Rapid Reaction Forces \"Interaction-2025\" began.")
        .add("paragraph",
             "Contingents of Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan, about two thousand servicemen "
             "and four hundred units of equipment are involved.",
             "The training is directed by the Chief of the CSTO Joint Staff Colonel General Andrei Serdyukov.",
             "\"The scenario reflects the real situation on the collective security region's borders,\" "
             "Andrei Serdyukov told journalists.",
             "The training will continue until 5 September.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2025, 9, 2), "news")
    assert said(cur, "\"The scenario") == "andrei-serdyukov"
    assert said(cur, "Contingents") is None and said(cur, "The training will") is None
    assert event(cur) == ("training", dt.date(2025, 9, 1), "Vitebsk")


def test_permanent_council_meeting_with_date_glued_to_lead_and_headline_sidebar() -> None:
    title = "A regular meeting of the CSTO Permanent Council was held"
    lead = ("On 20 March 2025, in Moscow, a regular meeting of the Permanent Council of the Collective Security "
            "Treaty Organization was held under the chairmanship of the Permanent Representative of the "
            "Republic of Belarus Viktor Lazarenko.")
    page = (
        Page()
        .add("teaser", "The Secretariat hosted a round table on countering the financing of terrorism")
        .gap("\n").add("teaser", "CSTO representatives took part in a conference on international security")
        .gap("\n").add("teaser", "The Council of the Parliamentary Assembly met in Saint Petersburg")
        .gap("\n\n").add("title", title)
        .add("dateline", "20.03.2025")
        .gap("").add("lead", lead)
        .add("paragraph",
             "The Deputy Secretary General Samat Ordabaev informed the participants about the preparations "
             "for the events of the Belarusian chairmanship.",
             "Viktor Lazarenko stressed that the plan of the chairmanship had been agreed with all the member "
             "states.",
             "The Permanent Representatives approved the draft agenda of the Council of Foreign Ministers.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2025, 3, 20), "news")
    assert said(cur, "The Deputy Secretary General") == "samat-ordabaev"
    assert said(cur, "Viktor Lazarenko stressed") == "viktor-lazarenko"
    assert said(cur, "The Permanent Representatives") is None
    assert event(cur) == ("meeting", dt.date(2025, 3, 20), "Moscow")
    assert "viktor-lazarenko" in cur.events[0].participants


def test_appointment_with_two_paragraph_teaser_items() -> None:
    title = "Colonel General Ruslan Tokhtarov appointed Chief of the CSTO Joint Staff"
    page = (
        Page()
        .add("teaser",
             "The CSTO Secretary General took part in the Primakov Readings",
             "The forum brought together experts from thirty countries. The discussion focused on the future of "
             "security in Eurasia.",
             "A delegation of the Secretariat visited the peacekeeping training centre",
             "The guests were shown the classrooms and the training ground.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 09.01.2025")
        .add("lead", "By the Decision of the CSTO Collective Security Council of 28 November 2024, Colonel "
                     "General Ruslan Tokhtarov was appointed Chief of the Joint Staff of the Collective Security "
                     "Treaty Organization.")
        .add("paragraph",
             "Ruslan Tokhtarov was born in 1968. He graduated from a higher military command school and from "
             "the Military Academy of the General Staff.",
             "Before the appointment, he served as First Deputy Minister of Defence of the Republic of Kazakhstan.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2025, 1, 9), "news")
    assert {s.speaker for s in cur.segments} == {None}
    assert event(cur) == ("appointment", dt.date(2024, 11, 28), None)
    assert cur.events[0].participants == ["ruslan-tokhtarov"]


def test_briefing_with_press_contacts_and_russian_footer() -> None:
    title = "The CSTO Press Secretary held a briefing for journalists"
    page = (
        Page()
        .add("teaser", "Experts of the member states discussed the protection of critical infrastructure.",
             "The Secretariat presented a book on the history of the Organization.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 16.04.2024")
        .add("lead", "On 15 April 2024, in Moscow, the CSTO Press Secretary Vladimir Zainetdinov held a briefing "
                     "for representatives of Russian and foreign media.")
        .add("paragraph",
             "Vladimir Zainetdinov informed the journalists about the results of the Permanent Council and the "
             "plans for the spring.",
             "According to him, the session of the Collective Security Council will take place in Minsk in "
             "November.",
             "Journalists also asked about the schedule of joint trainings for the autumn.")
        .add("boilerplate", "Press Secretary of the CSTO")
        .gap("\n").add("boilerplate", "Tel.: +7 (495) 000-00-00")
        .gap("\n").add("boilerplate", "E-mail: press@example.org")
        .add("boilerplate", "Пресс-служба Секретариата ОДКБ")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2024, 4, 16), "news")
    who = "vladimir-zainetdinov"
    assert said(cur, "Vladimir Zainetdinov informed") == who and said(cur, "According to him") == who
    assert said(cur, "Journalists also") is None
    assert event(cur) == ("briefing", dt.date(2024, 4, 15), "Moscow")
    assert cur.events[0].participants == [who]


# -- interviews -----------------------------------------------------------------------------


def test_interview_with_question_prefix_and_an_unknown_interviewee() -> None:
    title = "Interview of the Head of the CSTO Crisis Response Centre Dmitry Orlov to the newspaper “Voennyi Vestnik”"
    page = (
        Page()
        .add("teaser", "13.06.2023", "On 13 June 2023, the Secretariat held a seminar on information security.",
             "09.06.2023", "Experts of the member states met in Astana to discuss migration.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "12.06.2023")
        .add("question", "Question: Dmitry Ivanovich, what tasks does the Crisis Response Centre perform today?")
        .add("answer",
             "The Centre supports the governing bodies of the Organization with information and analysis, and "
             "it links the national crisis centres of the member states.",
             "In a crisis the Centre becomes the place where decisions are prepared.")
        .add("question", "Question: How is the exchange with the national centres organised?")
        .add("answer", "We keep protected communication channels with each of them and hold joint sessions "
                       "every month.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2023, 6, 12), "interview")
    answers = {s.speaker for s in cur.segments if s.label == "answer"}
    assert answers == {"dmitry-orlov"}
    assert {s.speaker for s in cur.segments if s.label == "question"} == {None}
    assert event(cur) == ("interview", dt.date(2023, 6, 12), None)
    assert cur.events[0].participants == ["dmitry-orlov"]


def test_interview_with_dash_turns_date_alone_and_an_answer_over_two_paragraphs() -> None:
    title = "Interview of the CSTO Deputy Secretary General Yerzhan Baimukhanov to the Kabar agency"
    page = (
        Page()
        .add("teaser", "The CSTO Secretary General congratulated the member states on the anniversary of Victory.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "05.05.2022")
        .add("lead", "In an interview with the Kabar agency, the Deputy Secretary General spoke about the "
                     "preparation of the anniversary summit.")
        .add("question", "— Yerzhan Serikovich, what will the leaders discuss in Moscow?")
        .add("answer", "— The heads of state will assess thirty years of the Treaty and agree on the priorities "
                       "of the next decade.")
        .add("answer", "The draft documents are already being agreed by the foreign ministries.")
        .add("question", "— Tell us about the peacekeeping component.")
        .add("answer", "— The peacekeeping forces have proved their readiness, and their training continues.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2022, 5, 5), "interview")
    assert {s.speaker for s in cur.segments if s.label == "answer"} == {"yerzhan-baimukhanov"}
    assert event(cur)[0] == "interview"


def test_interview_with_numbered_questions_without_dateline_and_russian_footer() -> None:
    title = "Answers of the CSTO Secretary General to the questions of the newspaper “Respublika”"
    page = (
        Page()
        .add("teaser", "The CSTO Secretary General took part in the meeting of the Council of Defence Ministers.")
        .gap("\n\n\n").add("title", title)
        .add("question", "1) How do you assess the results of the year for the Organization?")
        .add("answer", "The year was difficult, but the Organization fulfilled its plans. All the trainings "
                       "planned for the year were held.")
        .add("question", "2) What are the priorities for the next year?")
        .add("answer", "Information security and the protection of the southern borders remain the main tasks.")
        .add("boilerplate", "Пресс-секретарь ОДКБ")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, None, "interview")
    assert event(cur)[0] == "interview"


# -- speeches ---------------------------------------------------------------------------------


def test_speech_with_mr_chairman_and_ladies_and_gentlemen() -> None:
    title = ("Speech of the CSTO Secretary General Imangali Tasmagambetov at the meeting of the OSCE "
             "Permanent Council")
    page = (
        Page()
        .add("teaser", "The Secretary General met with the heads of the diplomatic missions of the member states.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 16.05.2024")
        .add("heading", "Speech\nby the CSTO Secretary General\nat the meeting of the OSCE Permanent Council")
        .add("heading", "(Vienna, 16 May 2024)")
        .add("salutation", "Dear Mr. Chairman!", "Ladies and gentlemen!")
        .add("paragraph",
             "I am grateful for the opportunity to speak to the Permanent Council of your organization.",
             "Our Organization sees its mission in ensuring the security of its member states by political "
             "means first of all.")
        .add("salutation", "Distinguished colleagues,")
        .add("paragraph", "I am confident that dialogue between our organizations will continue.",
             "Thank you for your attention.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2024, 5, 16), "speech")
    who = {s.speaker for s in cur.segments if s.label in ("salutation", "paragraph")}
    assert who == {"imangali-tasmagambetov"}
    assert event(cur) == ("meeting", dt.date(2024, 5, 16), "Vienna")


def test_speech_with_title_ending_in_ellipsis_and_date_alone() -> None:
    title = "Welcoming speech of the CSTO Secretary General to the participants of the international conference..."
    page = (
        Page()
        .add("teaser", "The Secretariat published the calendar of events for the second half of the year.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "21.06.2023")
        .add("salutation", "Dear participants of the conference!")
        .add("paragraph",
             "I welcome you in Minsk, where we have gathered to discuss the security of the Eurasian region.",
             "I wish you fruitful work.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2023, 6, 21), "speech")


# -- reports with quotes ---------------------------------------------------------------------


def test_report_with_straight_and_curly_quotes_and_an_unknown_minister() -> None:
    title = "A meeting of the CSTO Council of Defence Ministers took place in Minsk"
    page = (
        Page()
        .add("teaser", "24.05.2023")
        .add("teaser", "The CSTO Secretary General held talks with the Minister of Foreign Affairs of Kyrgyzstan "
                       "in Bishkek.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 25.05.2023")
        .add("lead", "On 24 May 2023, in Minsk, a meeting of the Council of Defence Ministers of the CSTO was "
                     "held under the chairmanship of the Minister of Defence of the Republic of Belarus Pavel "
                     "Kornilov.")
        .add("paragraph",
             "“We must respond to threats together and in time,” Pavel Kornilov said in his opening remarks.",
             "According to him, the joint trainings of the year showed a high level of coordination.",
             "The CSTO Secretary General Imangali Tasmagambetov noted that the Council had approved the "
             "plan of joint trainings for the next year.",
             "\"The Collective Forces must be equipped with modern weapons,\" the Secretary General added.",
             "The ministers also discussed military and technical cooperation.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2023, 5, 25), "news")
    assert said(cur, "“We must") == "pavel-kornilov"
    assert said(cur, "According to him") == "pavel-kornilov"
    assert said(cur, "The CSTO Secretary General Imangali") == "imangali-tasmagambetov"
    assert said(cur, "\"The Collective Forces") == "imangali-tasmagambetov"
    assert said(cur, "The ministers also") is None
    assert event(cur) == ("meeting", dt.date(2023, 5, 24), "Minsk")


def test_visit_reported_in_a_relative_year_from_an_older_page() -> None:
    title = "The CSTO Secretary General paid a working visit to the Republic of Tajikistan"
    page = (
        Page()
        .add("teaser", "A working group on Afghanistan met at the Secretariat.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 16.05.2018")
        .add("lead", "On May 14, this year, in Dushanbe, the CSTO Secretary General Yury Khachaturov began a "
                     "working visit to the Republic of Tajikistan.")
        .add("paragraph", "In the course of the visit, Yuri Khachaturov visited a section of the Tajik-Afghan "
                          "border and met with the leadership of the Border Troops.",
             "The situation on the border remains tense, he noted.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2018, 5, 16), "news")
    assert said(cur, "The situation on the border") == "yury-khachaturov"
    assert event(cur) == ("visit", dt.date(2018, 5, 14), "Dushanbe")
    assert cur.events[0].participants == ["yury-khachaturov"]


# -- pages with no article ---------------------------------------------------------------------


def test_news_listing_with_headlines_dates_summaries_and_pagination() -> None:
    page = Page()
    items = [
        ("The CSTO Secretary General met with the Chairman of the Parliamentary Assembly", "03.10.2024",
         "The sides discussed the harmonisation of the legislation of the member states."),
        ("Peacekeepers of the member states completed a staff training near Osh", "01.10.2024",
         "The training lasted five days and involved the staff of the peacekeeping forces."),
        ("Experts discussed biological security at the Secretariat", "27.09.2024",
         "Specialists from the member states exchanged experience in monitoring infections."),
    ]
    for headline, date, summary in items:
        page.add("teaser", headline, date, summary)
    page.add("boilerplate", "1").gap("\n").add("boilerplate", "2").gap("\n").add("boilerplate", "3")
    page.gap("\n").add("boilerplate", "Next")
    cur = parse_page(page)
    assert cur.articles == [] and cur.events == [] and cur.speakers == []


def test_listing_of_dated_entries_on_single_lines_with_show_more() -> None:
    page = Page()
    for date, summary in [
        ("12.12.2019", "On 12 December 2019, the Working Group on Afghanistan met in Moscow."),
        ("10.12.2019", "A delegation of the Secretariat took part in a forum in Tashkent."),
        ("06.12.2019", "The results of the operation “Channel” were discussed in Minsk."),
    ]:
        page.add("teaser", date, gap="\n").gap("\n").add("teaser", summary).gap("\n")
    page.gap("\n").add("boilerplate", "Show more")
    cur = parse_page(page)
    assert cur.articles == []


def test_documents_listing_of_download_lines_has_no_article() -> None:
    page = Page()
    for name, date in [
        ("Declaration of the Collective Security Council of the CSTO", "23.11.2022"),
        ("Statement of the CSTO Ministers of Foreign Affairs on the situation in Afghanistan", "16.06.2021"),
        ("Decision on the Plan of Joint Trainings for 2021", "02.12.2020"),
    ]:
        page.add("teaser", name, f"{date} Download document (PDF, 96 KB)")
    cur = parse_page(footer(page, "Back to the section"))
    assert cur.articles == []


# -- encodings and characters ------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_crlf_nbsp_and_emoji_news_page(newline: str) -> None:
    title = "Operation “Channel – Centre” was completed in Kyrgyzstan"
    page = (
        Page()
        .add("teaser", "🎖 The CSTO Secretary General congratulated the veterans on Victory Day.",
             "📌 Results of the\u00a0Permanent Council meeting")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title}\u00a015.06.2024")
        .add("lead", "From 3 to 14 June 2024,\u00a0in Bishkek and the Osh region, the\u00a0international "
                     "anti-drug operation “Channel – Centre” of the CSTO member states was conducted.")
        .add("paragraph", "Over 1,200 kilograms of drugs were seized during the operation 👏.",
             "The Coordinator of the operation, Colonel Azamat Dzhumabaev, said that the exchange of information "
             "between the agencies had improved.")
    )
    cur = parse_page(footer(page), newline)
    assert article(cur) == (title, dt.date(2024, 6, 15), "news")
    assert said(cur, "The Coordinator") == "azamat-dzhumabaev"
    assert event(cur) == ("operation", dt.date(2024, 6, 3), "Bishkek")


# -- corpus evidence -------------------------------------------------------------------------


def test_unseen_pages_parse_the_same_with_corpus_context() -> None:
    """The corpus context may add evidence but must not break what structure already finds."""
    pages = [
        Page().add("teaser", "The Secretariat held a seminar for young diplomats.",
                   "A working group met in Bishkek.")
        .gap("\n\n\n").add("title", f"Consultations on topic number {k} were held")
        .add("dateline", f"0{k + 1}.02.2024")
        .add("lead", f"On {k + 1} February 2024, in Astana, consultations number {k} of the member states on "
                     "military cooperation were held.")
        .add("boilerplate", *NAV)
        for k in range(4)
    ]
    texts = [p.text() for p in pages]
    ctx = build_context(texts)
    for page, text in zip(pages, texts, strict=True):
        cur = parse_text(text, context=ctx)
        assert_well_formed(cur, text)
        assert segs(cur) == page.expected()
        assert event(cur)[0] == "consultations"


# -- second round ------------------------------------------------------------------------------


def test_dated_sidebar_items_over_two_paragraphs_then_title_and_date_alone() -> None:
    title = "CSTO experts discussed the protection of critical information infrastructure"
    page = (
        Page()
        .add("teaser", "12.11.2024",
             "A delegation of the Secretariat visited the Collective Rapid Reaction Forces in Kyrgyzstan.",
             "The delegation was shown the barracks and the training facilities of the units.")
        .gap("\n\n\n").add("teaser", "08.11.2024", "The Secretary General met with students in Minsk.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "11.11.2024")
        .add("lead", "On 11 November 2024, a meeting of the working group on information security was held at "
                     "the CSTO Secretariat in Moscow.")
        .add("paragraph", "The experts agreed to prepare joint recommendations by the spring.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2024, 11, 11), "news")
    assert event(cur) == ("meeting", dt.date(2024, 11, 11), "Moscow")


def test_statement_published_only_as_a_download() -> None:
    title = "Statement of the CSTO Collective Security Council on the situation in the Middle East"
    page = (
        Page()
        .add("teaser", "The Secretariat received a delegation of the CIS Executive Committee.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "05.12.2023 Download document (DOCX, 40 KB)")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2023, 12, 5), "statement")
    assert event(cur) == ("statement", dt.date(2023, 12, 5), None)


def test_interview_with_a_quote_as_title_and_dash_turns() -> None:
    title = "Imangali Tasmagambetov: “The Organization remains open to dialogue”"
    page = (
        Page()
        .add("teaser", "The CSTO Secretary General met with the Ambassador of Belarus.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 30.01.2024")
        .add("question", "— Imangali Nurgaliyevich, what results of last year would you single out?")
        .add("answer", "— First of all, the adoption of the programme of cooperation for five years.")
        .add("question", "— And what lies ahead?")
        .add("answer", "— The summit in Minsk and a series of joint trainings.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2024, 1, 30), "interview")
    assert {s.speaker for s in cur.segments if s.label == "answer"} == {"imangali-tasmagambetov"}
    assert event(cur) == ("interview", dt.date(2024, 1, 30), None)


def test_speech_with_lead_esteemed_mr_president_and_a_mid_text_address() -> None:
    title = "Address of the CSTO Secretary General at the session of the Parliamentary Assembly"
    page = (
        Page()
        .add("teaser", "Results of the anti-drug operation were summed up in Dushanbe.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 28.11.2024")
        .add("lead", "On 28 November 2024, in Saint Petersburg, the CSTO Secretary General Imangali Tasmagambetov "
                     "addressed the plenary session of the Parliamentary Assembly.")
        .add("salutation", "Esteemed Mr. Chairman!", "Dear members of the Assembly!")
        .add("paragraph", "I thank you for the traditional invitation to speak to the parliamentarians of our "
                          "states.",
             "Dear friends, our common task is to bring the legislation of our states closer together.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2024, 11, 28), "speech")
    who = {s.speaker for s in cur.segments if s.label in ("salutation", "paragraph")}
    assert who == {"imangali-tasmagambetov"}
    assert event(cur) == ("session", dt.date(2024, 11, 28), "Saint Petersburg")


# -- third round -------------------------------------------------------------------------------


def test_sidebar_of_one_dated_item_under_a_heading_then_title_with_date_alone() -> None:
    title = "The CSTO Secretary General met with the Minister of Emergency Situations of Armenia"
    page = (
        Page()
        # ("Latest news": the sidebar's header, site chrome like "Show more": boilerplate since 2.61.0)
        .add("boilerplate", "Latest news").add("teaser", "26.02.2019",
                                               "The Council of Defence Ministers approved the plan of joint trainings for the year.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", "27.02.2019")
        .add("lead", "On 27 February 2019, in Yerevan, the CSTO Secretary General Valery Semerikov met with "
                     "the Minister of Emergency Situations of the Republic of Armenia Feliks Tsolakyan.")
        .add("paragraph", "The sides discussed cooperation in the elimination of the consequences of emergencies.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2019, 2, 27), "news")
    assert event(cur) == ("meeting", dt.date(2019, 2, 27), "Yerevan")
    assert cur.events[0].participants == ["valery-semerikov", "feliks-tsolakyan"]


def test_sidebar_of_dates_glued_to_their_summaries_under_a_heading() -> None:
    title = "Consultations on the Afghan direction were held at the CSTO Secretariat"
    page = (
        Page()
        .add("teaser", "News of the Secretariat",
             "19.09.2022 The Secretary General received the Ambassador of Kazakhstan.",
             "15.09.2022 A seminar on countering extremism was held in Bishkek.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 21.09.2022")
        .add("lead", "On 20 September 2022, in Moscow, consultations of experts of the member states on the "
                     "situation in Afghanistan were held at the CSTO Secretariat.")
    )
    cur = parse_page(footer(page))
    assert article(cur) == (title, dt.date(2022, 9, 21), "news")
    assert event(cur) == ("consultations", dt.date(2022, 9, 20), "Moscow")


def test_listing_of_dates_glued_to_their_summaries_has_no_article() -> None:
    page = Page().add(
        "teaser", "News of the Secretariat",
        "19.09.2022 The Secretary General received the Ambassador of Kazakhstan at the Secretariat.",
        "15.09.2022 A seminar on countering extremism was held in Bishkek for experts of the member states.",
        "12.09.2022 The working group on information security met in Minsk to agree its plan.",
    )
    cur = parse_page(footer(page, "Show more"))
    assert cur.articles == []


def test_pronoun_cues_with_an_adverb_continue_the_speaker() -> None:
    title = "The CSTO Deputy Secretary General took part in a conference in Dushanbe"
    page = (
        Page()
        .add("teaser", "A round table on migration was held in Moscow.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 18.10.2023")
        .add("lead", "On 17 October 2023, in Dushanbe, the CSTO Deputy Secretary General Samat Ordabaev took part "
                     "in an international conference on border security.")
        .add("paragraph", "Samat Ordabaev noted that the situation on the southern borders required attention.",
             "He also stressed that the member states had agreed on a programme to strengthen the border.",
             "In his opinion, the programme should be financed jointly.",
             "The conference was attended by experts from twelve countries.")
    )
    cur = parse_page(footer(page))
    who = "samat-ordabaev"
    assert [said(cur, t) for t in ("Samat Ordabaev noted", "He also", "In his opinion", "The conference")] == [
        who, who, who, None]
    assert event(cur) == ("meeting", dt.date(2023, 10, 17), "Dushanbe")  # a conference is a meeting (2.127.0)


def test_speech_whose_lead_names_the_host_before_the_speaker() -> None:
    title = "Speech at the international conference on Eurasian security"
    page = (
        Page()
        .add("teaser", "The Secretariat received a group of journalists from Kazakhstan.")
        .gap("\n\n\n").add("title", title)
        .add("dateline", f"{title} 01.11.2024")
        .add("lead", "On 31 October 2024, in Minsk, at the invitation of the Minister of Foreign Affairs of Belarus "
                     "Maxim Ryzhenkov, the CSTO Secretary General Imangali Tasmagambetov delivered a speech at the "
                     "plenary session of the conference.")
        .add("salutation", "Dear Mr. Minister!")
        .add("paragraph", "I am grateful to our Belarusian friends for the invitation and for the excellent "
                          "organisation of the conference.")
    )
    cur = parse_page(footer(page))
    assert article(cur)[2] == "speech"
    who = {s.speaker for s in cur.segments if s.label in ("salutation", "paragraph")}
    assert who == {"imangali-tasmagambetov"}
    assert event(cur) == ("session", dt.date(2024, 10, 31), "Minsk")


def test_page_without_navigation_ending_in_copyright_and_address() -> None:
    title = "The CSTO Secretary General received the Ambassador of Kyrgyzstan"
    page = (
        Page()
        .add("title", title)
        .add("dateline", f"{title} 14.02.2023")
        .add("lead", "On 14 February 2023, the CSTO Secretary General received the Ambassador of the Kyrgyz "
                     "Republic in Moscow.")
        .add("paragraph", "The interlocutors discussed the preparations for the events of the year.")
        .add("boilerplate", "© 2023 Collective Security Treaty Organization. All rights reserved.",
             "Address: 103012, Moscow, Varvarka street, 7")
    )
    cur = parse_page(page)
    assert event(cur) == ("meeting", dt.date(2023, 2, 14), "Moscow")
