"""Page layouts of the site's real pages, written from their structure with made-up text.

Each test builds a page the way the crawler stores them (a sidebar of teasers that changes
with the crawl date, then the Article, sometimes cut at the excerpt's end) and checks where
the parser puts the Article, its title, date, kind and confidence. No sentence here comes
from a real page.
"""

from __future__ import annotations

import datetime as dt

from curator.core.model import Curation
from curator.core.parse import build_context, parse_text
from tests.test_parse_checks import assert_well_formed

# a sidebar of dated summaries (other pages' leads), single newlines, as on single-newline pages
DATED_SIDEBAR = (
    "On 3 April 2031, the council of border agencies approved a plan of joint patrols for the summer season.\n"
    "From 5 to 9 April 2031, instructors of the rescue units trained together near the town of Balkhash.\n"
    "On April 11, 2031, the working group on veterinary control met to discuss the rules of animal transit.\n"
)
# a sidebar item that is a headline only (no summary under it): a trap that looks like a title
HEADLINE_TEASER = "The Deputy Secretary General received the Ambassador of Mongolia for talks on cooperation\n"
FOOTER = "\n\nGo back\n\nBack to the all news"


def check(text: str, context=None) -> Curation:
    cur = parse_text(text, context=context)
    assert_well_formed(cur, text)
    return cur


def labels(cur: Curation) -> list[tuple[str, str]]:
    return [(s.label, s.text[:30]) for s in cur.segments]


def article_start(cur: Curation) -> int:
    return min(s.start for s in cur.segments if s.article)


def test_undated_title_after_a_sidebar_with_a_headline_only_teaser() -> None:
    title = "Lake Issyk-Kul hosted a seminar of water rescue divers from five states"
    text = (DATED_SIDEBAR[:200].rsplit("\n", 1)[0] + "\n" + HEADLINE_TEASER + DATED_SIDEBAR.split("\n", 1)[1]
            + f"{title}\nOn 14 April 2031, water rescue divers from five states met at Lake Issyk-Kul for a seminar "
            "on diving in cold water.\nThe divers practised searching the lake bed with sonar and drones.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and art.date is None and art.kind == "news"
    assert article_start(cur) == text.index(title)
    assert all(s.label == "teaser" for s in cur.segments if s.start < text.index(title))
    assert [s.label for s in cur.segments if s.article] == ["title", "lead", "paragraph"]
    assert 0.6 <= art.confidence <= 0.92 and "no date" in art.reasons


def test_headline_only_sidebar_and_no_article_start_gives_no_article() -> None:
    text = HEADLINE_TEASER + DATED_SIDEBAR + "The instructors of the rescue units were awarded certificates of"
    cur = check(text)
    assert cur.articles == []
    assert {s.label for s in cur.segments} == {"teaser"}


def test_title_written_as_a_sentence_with_a_photo_file_glued_to_the_lead() -> None:
    title = "Border guards of three states closed a smuggling route in the mountains. Forty people were detained."
    text = (DATED_SIDEBAR.replace("\n", "\n\n\n") + f"{title}\n\nDSC_4410.jpgIn the period from 2 to 6 May 2031, "
            "border guards of three states searched the mountain passes along the old route.\n"
            "The operation was coordinated from a joint headquarters.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title
    assert "photo file name opens the text under it" in art.reasons


def test_date_glued_to_the_lead_and_date_alone_after_the_title() -> None:
    for sep in ("", "\n"):
        title = "Peacekeeping contingents completed a staff exercise in the Kostanay region"
        text = (DATED_SIDEBAR + f"{title}\n21.05.2031{sep}On 21 May 2031, peacekeeping contingents completed a "
                "staff exercise that lasted three days.\nThe exercise ended with a review.")
        cur = check(text)
        (art,) = cur.articles
        assert (art.title, art.date) == (title, dt.date(2031, 5, 21))
        assert [s.label for s in cur.segments if s.article][:3] == ["title", "dateline", "lead"]
        assert art.confidence >= 0.9


def test_download_line_file_name_and_place_date_heading_of_a_statement() -> None:
    title = "Statement of the Council of Foreign Ministers on the safety of civil aviation"
    text = (DATED_SIDEBAR + f"\n{title}\n\n02.06.2031 Download document\nAnnex 1.pdf\nJune 2, 2031, Almaty\n\n"
            "The ministers call on all states to share information on threats to civil aviation.\n\n"
            "They agree to hold regular consultations of experts.")
    cur = check(text)
    (art,) = cur.articles
    assert (art.title, art.date, art.kind) == (title, dt.date(2031, 6, 2), "statement")
    # the file name is boilerplate, outside the Article (the taxonomy keeps boilerplate out of Articles)
    body = [(s.label, s.text) for s in cur.segments if s.start >= text.index(title)]
    assert body[:5] == [("title", title), ("dateline", "02.06.2031 Download document"), ("boilerplate", "Annex 1.pdf"),
                        ("heading", "June 2, 2031, Almaty"),
                        ("paragraph", "The ministers call on all states to share information on threats to civil "
                                      "aviation.")]


def test_place_and_month_date_line_under_the_title_is_its_dateline() -> None:
    title = "Meeting of the Council of Defence Ministers"
    text = (DATED_SIDEBAR + f"\n{title}\n\nOctober 7, 2030, Minsk\n\nThe ministers discussed the plan of joint "
            "exercises for the next year and approved the budget of the joint staff.")
    cur = check(text)
    (art,) = cur.articles
    # the Article's date is the site's DD.MM.YYYY stamp only (the realpages gold); the place/date line
    # is still the dateline and still dates the main Event
    assert (art.title, art.date) == (title, None)
    assert [s.label for s in cur.segments if s.article][:2] == ["title", "dateline"]
    assert dt.date(2030, 10, 7) in [e.date for e in cur.events]


def test_static_page_with_a_heading_a_list_and_numbered_units() -> None:
    text = ("Joint Staff\n\nThe Joint Staff is a permanent body that plans the training of the joint forces.\n\n"
            "Leadership of the Joint Staff:\n\n- Chief of the Joint Staff - Colonel General Pavel Ostrov\n\n"
            "- Deputy Chief - Major General Ilya Vetrov\n\nThe Joint Staff includes the following directorates:\n\n"
            "1.Operations. Head of Directorate Oleg Sinitsyn\n\n2. Training. Head of Directorate Roman Belov")
    cur = check(text)
    (art,) = cur.articles
    assert (art.title, art.kind) == ("Joint Staff", "other")
    got = [s.label for s in cur.segments]
    assert got == ["title", "paragraph", "heading", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_document_with_article_headings_under_a_dated_listing() -> None:
    title = "AGREEMENT ON THE JOINT AIR DEFENCE SYSTEM, dated March 3, 1999"
    text = ("12.06.2031\n\nOn 12 June 2031, the air defence commanders met in Yerevan.\n\n\n"
            "11.06.2031\n\nOn 11 June 2031, a training of radar crews began.\n\n\n"
            f"{title}\n\n14.02.2012\n\nThe Parties to this Agreement,\n\nhave agreed as follows:\n\nArticle 1\n\n"
            "The Parties shall create a joint air defence system.")
    cur = check(text)
    (art,) = cur.articles
    assert (art.title, art.date, art.kind) == (title, dt.date(2012, 2, 14), "document")
    assert ("heading", "Article 1") in labels(cur)


def test_excerpt_cut_inside_the_titles_repeat() -> None:
    title = "Military doctors of four states exchanged experience in field surgery"
    text = DATED_SIDEBAR + f"\n{title}\n\n{title} 17.0"
    cur = check(text)
    (art,) = cur.articles
    assert (art.title, art.date) == (title, None)
    assert art.confidence < 0.9


def test_excerpt_cut_right_after_the_title() -> None:
    title = "Military doctors of four states exchanged experience in field surgery"
    text = DATED_SIDEBAR + f"{title}\nOn 17 J"
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and art.confidence < 0.6


def test_subtitle_in_russian_under_the_english_title() -> None:
    title = "The Council of Interior Ministers met in Dushanbe"
    text = (DATED_SIDEBAR + f"\n{title}\n\nЗаседание Совета министров внутренних дел\n\n19.06.2031\n\n"
            "On 19 June 2031, the interior ministers discussed the fight against cybercrime.")
    cur = check(text)
    (art,) = cur.articles
    assert (art.title, art.date) == (title, dt.date(2031, 6, 19))
    assert [s.label for s in cur.segments if s.article][:3] == ["title", "heading", "dateline"]


def test_photo_file_name_in_the_body_is_not_a_title() -> None:
    title = "Cadets of military academies competed in orienteering"
    text = (f"{title}\n\n{title} 22.06.2031\n\nOn 22 June 2031, cadets of six military academies competed in "
            "orienteering near Gomel.\n\nZVF_6439.JPG In turn, the winners received cups from the organisers.")
    (art,) = check(text).articles
    assert art.title == title and art.confidence >= 0.95


def test_sentence_title_found_with_a_sidebar_shared_by_other_pages() -> None:
    sidebar = ("The Secretary General gave an interview to a news agency about the coming summit.\n\n\n"
               "On 2 July 2031, the council of emergency ministers met in Baku and adopted a plan.\n\n")
    title = "In Termez, veterans and cadets planted an alley of memory in honour of the fallen."
    page = (f"{sidebar}{title}\n\n\nThe trees were planted along the river embankment near the old fortress.\n\n"
            "Schoolchildren read poems at the ceremony." + FOOTER)
    others = [f"{sidebar}Another headline number {k}\n\nAnother headline number {k} 0{k + 1}.07.2031\n\n"
              f"Text of page {k}." + FOOTER for k in range(3)]
    cur = check(page, context=build_context([page, *others]))
    (art,) = cur.articles
    assert art.title == title
    assert "first line after the sidebar other pages share" in art.reasons


def test_undated_listing_of_headlines_with_summaries_has_no_article() -> None:
    items = [("Sappers cleared a minefield near the southern border of the region",
              "Over ten days, the sappers of the joint unit cleared a minefield near the southern border."),
             ("Signal troops tested a new secure radio network in the mountains",
              "The signal troops tested a secure radio network in the mountains during a week of trials."),
             ("Medical teams practised the evacuation of wounded soldiers by helicopter",
              "The medical teams practised the evacuation of wounded soldiers by helicopter at night.")]
    text = "\n\n".join(f"{h}\n\n{s}" for h, s in items) + "\n\nShow more"
    assert check(text).articles == []


def test_undated_title_with_a_long_russian_subtitle_above_its_lead() -> None:
    title = "Veterans of the peacekeeping forces met students of the military lyceum"
    text = (DATED_SIDEBAR + f"\n{title}\n\nВетераны миротворческих сил встретились со студентами военного лицея в Минске\n\n"
            "On 25 June 2031, veterans of the peacekeeping forces told students of the military lyceum about "
            "their service.\n\nThe students asked about the missions abroad.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title
    assert [s.label for s in cur.segments if s.article][:3] == ["title", "heading", "lead"]


def test_sidebar_headed_by_a_one_sentence_teaser_cut_before_the_article_has_no_article() -> None:
    text = ("In an interview with a radio station, the Deputy Secretary General spoke about the plans for the year.\n\n\n"
            + DATED_SIDEBAR.replace("\n", "\n\n") + "On 14 April 2031, the veterinary services of the member st")
    cur = check(text)
    assert cur.articles == []


def test_headline_teaser_over_an_unrelated_dated_summary_is_no_title() -> None:
    text = (HEADLINE_TEASER + "On 12 April 2031, engineers of the joint staff inspected the bridges on the northern "
            "road and reported on their state.\nOn 13 April 2031, the council of border agencies met in Osh.")
    assert check(text).articles == []


def test_undated_title_naming_a_press_service_with_a_lead_cut_short() -> None:
    title = "Heads of the press services of the defence ministries met in Bishkek"
    text = DATED_SIDEBAR + f"{title}\nOn 20 April 2031, the heads of the press services of the defence minis"
    (art,) = check(text).articles
    assert art.title == title and "headline without a closing full stop" in art.reasons


def test_a_file_name_is_never_a_title() -> None:
    title = "Statement of the Council of Defence Ministers on air safety"
    text = (DATED_SIDEBAR + f"\n{title}\n\nAnnex 3.pdf\n\nMay 3, 2031, Minsk\n\n"
            "The ministers agree to exchange data on flights near the borders of the member states.")
    (art,) = check(text).articles
    assert art.title == title


# -- second pass: structural causes found on a held-out set (made-up text again) ----------------

def test_sentence_title_over_its_date_alone_is_anchored_by_the_date() -> None:
    title = "Sappers of four states cleared a training field near the river."
    text = DATED_SIDEBAR + f"{title}\n12.06.2031\nOn 12 June 2031, sappers of four states cleared the field.\n"
    (art,) = check(text).articles
    assert art.title == title and art.date == dt.date(2031, 6, 12)


def test_undated_sentence_title_supported_by_a_dated_lead_that_retells_it() -> None:
    title = "Sappers of four states cleared a training field near the Chu river."
    text = (DATED_SIDEBAR + f"{title}\nOn 12 June 2031, sappers of four states cleared a training field near the "
            "Chu river of old shells.\nThe field will host the autumn exercise of the rescue units.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and article_start(cur) == text.index(title)


def test_headline_teaser_over_a_dated_summary_that_retells_little_of_it_is_no_title() -> None:
    teaser = "The Deputy Secretary General met with the heads of the permanent missions"
    text = ("On 3 April 2031, the council of border agencies approved a plan of joint patrols.\n" + teaser + "\n"
            "From 5 to 9 April 2031, the heads of the rescue units of the member states trained near Balkhash.\n"
            "On April 11, 2031, the working group on veterinary control met to discuss the rules of transit.\n")
    assert check(text).articles == []


def test_a_teaser_repeated_word_for_word_as_the_next_text_is_no_title() -> None:
    teaser = "The rescue units of five states completed a joint course on flood response in the valley."
    text = DATED_SIDEBAR + teaser + "\n" + teaser + " The course lasted two weeks.\nThe next course is planned."
    assert check(text).articles == []


def test_lines_of_a_list_that_open_alike_are_no_title_and_no_cut_repeat() -> None:
    items = [f"Meeting of the Council of Border Agencies, {y}, {c}" for y, c in
             ((2030, "Astana"), (2029, "Minsk"), (2028, "Yerevan"), (2027, "Bishkek"))]
    text = DATED_SIDEBAR + "\n".join(items) + "\nMeeting of the Council of Border Agencies, 20"
    assert check(text).articles == []
    prose = [f"The Council of {b} is a consultative body of the Organization on matters of {m}." for b, m in
             (("Border Agencies", "border protection"), ("Rescue Services", "civil protection"))]
    assert check("\n\n".join(prose) + "\n\nThe Council of Veter").articles == []


def test_menu_one_item_a_line_and_a_breadcrumb_are_boilerplate() -> None:
    text = ("Home\nAbout us\nDocuments\nNews\nPress room\nHome / Documents / Statements\n"
            + DATED_SIDEBAR)
    cur = check(text)
    assert cur.articles == []
    assert [s.label for s in cur.segments][:6] == ["boilerplate"] * 6
    assert {s.label for s in cur.segments[6:]} == {"teaser"}


def test_short_flattened_menu_line_is_boilerplate_but_a_title_case_headline_is_not() -> None:
    body = ("The press room of the Secretariat informs journalists about the work of the council.\n\n"
            "Requests for accreditation are accepted three days before an event.")
    menu = "Home News Documents Structure Press room Photo Video Contacts"
    cur = check("Press Room Of The Secretariat\n\n" + body + "\n\n" + menu)
    assert cur.segments[-1].label == "boilerplate" and cur.segments[-1].article is None
    (art,) = cur.articles
    assert art.title == "Press Room Of The Secretariat"


def test_contacts_page_headed_by_a_press_service_keeps_its_contact_lines_as_entries() -> None:
    text = ("Press service of the Council\n\n"
            "The press service of the Council informs the media about the work of the Council.\n\n"
            "Contacts:\n\nAddress: 10 Main Street, Astana\nPhone: +7 700 000 00 00\nE-mail: press@example.org\n\n"
            "Requests for accreditation are accepted three working days before an event.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == "Press service of the Council" and art.kind == "other"
    got = [(s.label, s.text[:8]) for s in cur.segments if s.article]
    assert got == [("title", "Press se"), ("paragraph", "The pres"), ("heading", "Contacts"),
                   ("paragraph", "Address:"), ("paragraph", "Phone: +"), ("paragraph", "E-mail: "),
                   ("paragraph", "Requests")]


def test_entries_under_a_list_header_are_paragraphs_not_headings() -> None:
    text = ("Staff of the Council\n\nThe staff of the Council is a permanent working body of the Organization.\n\n"
            "Leadership of the staff:\n\nChief of the staff - Colonel General Ivan Petrov\n"
            "Deputy Chief of the staff - Major General Sergei Orlov\n\nThe main tasks of the staff:\n\n"
            "- planning of joint exercises;\n- training of officers.")
    cur = check(text)
    got = [s.label for s in cur.segments if s.article]
    assert got == ["title", "paragraph", "heading", "paragraph", "paragraph", "heading", "paragraph", "paragraph"]


def test_a_repeat_that_goes_on_past_the_title_with_a_full_stop_is_no_dateline() -> None:
    text = (DATED_SIDEBAR + "Statements\nStatements of the councils of the Organization and of its officials.\n"
            "26.11.2030\nStatement of the Council of Defence Ministers on air safety\n"
            "10.03.2030\nStatement of the Council of Foreign Ministers on the border")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == "Statements" and art.date is None
    inside = [s.text[:10] for s in cur.segments if s.article]
    assert inside == ["Statements", "Statements"]
    assert all(s.label == "teaser" for s in cur.segments if s.start > text.index("26.11.2030") - 1)


def test_an_interviews_answer_cut_by_the_excerpt_is_still_an_answer() -> None:
    text = (DATED_SIDEBAR + "Interview of the Chairman of the Council to the newspaper “Steppe News”\n"
            "1. What will the council do this year?\nWe will finish the new timetable and open two routes.\n"
            "2. And next year?\nNext year the council will mark its tenth anniversary and the")
    cur = check(text)
    assert [s.label for s in cur.segments if s.article][-1] == "answer"


def test_a_list_header_that_is_no_following_sentence_heads_its_entries() -> None:
    text = (DATED_SIDEBAR + "Rescue services of five states met in Osh\n14.03.2031On 14 March 2031, rescue "
            "services of five states met in Osh.\n\nThe meeting was attended by:\n\n- the heads of the services;\n"
            "- the experts of the secretariat.\n\nThe next meeting will be held in Minsk.")
    cur = check(text)
    got = [(s.label, s.text[:12]) for s in cur.segments if s.article][-4:]
    assert got == [("heading", "The meeting "), ("paragraph", "- the heads "), ("paragraph", "- the expert"),
                   ("paragraph", "The next mee")]


def test_the_name_of_a_documents_section_is_never_a_title() -> None:
    text = ("2.3. The Council shall meet at least twice a year at the invitation of its Chairman.\n\n"
            "SECTION II\n\nRIGHTS AND DUTIES OF THE MEMBERS\n\n"
            "3.1. The members of the Council shall take part in its meetings and report on their work.\n\n"
            "3.2. The members shall inform the Council of the measures taken by their states.")
    assert check(text).articles == []


def _event(cur: Curation) -> tuple[str, dt.date | None, str | None]:
    (ev,) = cur.events
    return ev.type, ev.date, ev.place


def test_event_from_a_date_range_that_crosses_a_month() -> None:
    text = (DATED_SIDEBAR + "Commanders of rescue units held a gathering in Yekaterinburg\n"
            "On October 31 - November 1, 2030, in Yekaterinburg, commanders of rescue units held a gathering.\n"
            "They exchanged experience of work in mountains.")
    assert _event(check(text))[1:] == (dt.date(2030, 10, 31), "Yekaterinburg")


def test_event_place_and_date_from_a_statements_place_date_heading() -> None:
    text = (DATED_SIDEBAR + "Statement of the Council of Rescue Services on floods\n"
            "03.04.2031 Download document\nStatement.pdf\nAstana, April 2, 2031\n"
            "The Council of Rescue Services expresses its sympathy to the people affected by the floods.")
    assert _event(check(text))[1:] == (dt.date(2031, 4, 2), "Astana")


def test_a_report_naming_no_time_happened_on_its_date_but_a_vague_month_gives_none() -> None:
    page = (DATED_SIDEBAR + "Meeting of the Council of Rescue Services begins\n"
            "Meeting of the Council of Rescue Services begins 23.11.2030\n{lead}\nThe agenda has nine items.")
    cur = check(page.format(lead="A meeting of the Council of Rescue Services has begun in Minsk in a narrow format."))
    assert _event(cur) == ("meeting", dt.date(2030, 11, 23), "Minsk")
    cur = check(page.format(lead="In early November, a meeting of the Council of Rescue Services began in Minsk."))
    assert _event(cur)[1] is None


def test_event_in_a_regional_centre_of_a_member_state() -> None:
    text = (DATED_SIDEBAR + "Border experts visited an outpost in the mountains\n28.03.2031\n"
            "From 26 to 28 March 2031, border experts visited the mountain region. In Khorog, the experts met "
            "the command of the border detachment.")
    assert _event(check(text))[1:] == (dt.date(2031, 3, 26), "Khorog")


def test_sentence_title_with_a_photo_file_name_alone_under_it() -> None:
    title = "Cadets of four academies visited the museum of border troops."
    text = (DATED_SIDEBAR + f"{title}\nDSC_0412.JPG\nOn 3 May 2031, cadets of four academies visited the museum "
            "and laid flowers.\nThe museum holds documents of the first border posts.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and "photo file name opens the text under it" in art.reasons


def test_static_page_opening_with_a_short_heading_ending_in_a_full_stop() -> None:
    title = "Council of Rescue Services: composition and powers."
    text = (f"{title}\n\nThe Council of Rescue Services is a body of the Organization that coordinates the "
            "rescue services of the member states.\n\nThe Council consists of the heads of the services.")
    (art,) = check(text).articles
    assert art.title == title and art.kind == "other"


def test_a_subtitle_between_the_title_and_its_dated_repeat() -> None:
    title = "The council held a round table on flood warnings"
    text = (DATED_SIDEBAR + f"{title}\nExperts of five states shared their warning systems\n{title} 11.08.2031\n"
            "On 11 August 2031, the council held a round table on flood warnings in Bishkek.")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and art.date == dt.date(2031, 8, 11)
    assert [s.label for s in cur.segments if s.article] == ["title", "heading", "dateline", "lead"]


def test_a_greetings_signature_gives_nobodys_words() -> None:
    text = (DATED_SIDEBAR + "New Year greetings of the Chairman of the Council Arman Zholdasov\n31.12.2030\n"
            "Dear friends!\nThe year was hard, and we met it together.\nI wish you peace and health.\n"
            "Arman Zholdasov\nChairman of the Council")
    cur = check(text)
    said = {s.text: s.speaker for s in cur.segments if s.article}
    assert said["I wish you peace and health."] == "arman-zholdasov"
    assert said["Arman Zholdasov"] is None and said["Chairman of the Council"] is None


def test_a_decision_is_a_document_whose_text_opens_with_a_paragraph() -> None:
    text = (DATED_SIDEBAR + "Decision of the Council of Rescue Services on the joint training plan\n"
            "20.10.2030 Download document\nDecision.pdf\n"
            "The Council of Rescue Services, guided by the Agreement of 2010, decided:\n"
            "1. To approve the joint training plan for 2031.")
    cur = check(text)
    (art,) = cur.articles
    assert art.kind == "document"
    assert "lead" not in {s.label for s in cur.segments}


def test_a_speechs_last_paragraph_cut_by_the_excerpt_is_still_the_speakers() -> None:
    text = (DATED_SIDEBAR + "Speech of the Chairman of the Council Arman Zholdasov at the forum of rescuers\n"
            "12.05.2031\nDear colleagues!\nOur services saved many lives this year.\n"
            "I am sure that we will continue to work together on the")
    cur = check(text)
    (last,) = [s for s in cur.segments if s.text.startswith("I am sure")]
    assert last.speaker == "arman-zholdasov"


def test_a_title_repeat_wrapped_over_two_lines_with_its_date_on_the_second() -> None:
    title = "The Deputy Secretary General met with the Chairman of the Border Committee of the Republic of Oman"
    text = (DATED_SIDEBAR + "\n" + title + "\n\n"
            "The Deputy Secretary General met with the Chairman of the Border Committee\n"
            "of the Republic of Oman 14.04.2031\n\n"
            "On 14 April 2031, in Muscat, the Deputy Secretary General met with the Chairman of the Border "
            "Committee of the Republic of Oman.\n\nThe parties discussed the exchange of patrol schedules." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and art.date == dt.date(2031, 4, 14)
    assert [s.label for s in cur.segments if s.article][:4] == ["title", "dateline", "dateline", "lead"]


def test_a_title_on_an_anniversary_is_no_date_opening() -> None:
    title = "On the 12th anniversary of the founding of the Council of Border Agencies"
    text = ("12.04.2031\n\nOn 12 April 2031, the council of border agencies approved a plan of joint patrols.\n\n\n"
            "09.04.2031\n\nThe rescue units of six states trained together near the town of Balkhash.\n\n\n"
            + title + "\n\n\n"
            "On 14 April 2019, the founding of the Council of Border Agencies was agreed in Astana by six states.\n\n"
            "Over twelve years, the council has agreed on joint patrols, common training and the exchange of data.\n\n"
            "The council congratulates the border guards of the member states on this date." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_a_sentence_title_whose_text_runs_on_to_the_excerpts_cut_last_line() -> None:
    title = "The Assembly of border agencies held a seminar on the harmonisation of rules for the veterinary control."
    text = (DATED_SIDEBAR + "\n\n" + title + "\n\n"
            "On April 14, 2031, in Aktobe, at the headquarters of the Assembly, experts of six states met to compare "
            "their national rules for the inspection of livestock at the border.\n\n"
            "The participants discussed the draft model rules prepared by the standing commission of the Assembly "
            "together with the experts of the national agencies.\n\n"
            "The experts noted that the national rules still use different lists of diseases and different terms "
            "of quarantine, which slows down the joint work at the border posts.\n\n"
            "The seminar was attended by inspectors from A")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_the_last_item_of_a_numbered_list_is_no_title() -> None:
    title = "Presidency of the Council of Border Agencies"
    text = (title + "\n\n"
            "Under the Statute, the chair passes each year from one member to the next in the order of the alphabet.\n\n"
            "The chairing member prepares the annual meeting and sets the plan of joint patrols for the year.\n\n"
            "Presidency of the member agencies:\n\n"
            "2028 - Border Service of Mongolia\n\n2029 - Border Service of Oman\n\n"
            "2030 - Border Service of Nepal\n\n2031 - Border Service of Oman\n\n"
            "The priorities of the Omani presidency in 2031 include joint training of the Border Service of Oman "
            "with the other agencies.\n\n"
            "The presidency passes to the next member agency on 1 January of each year." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_a_documents_roman_numbered_sections_are_never_its_title() -> None:
    title = "STATUTE OF THE BORDER PATROL TRAINING CENTRE OF THE COUNCIL OF BORDER AGENCIES"
    text = (title + "\n\n"
            "adopted by the Decision of the Council of Border Agencies of 14 April 2031\n\n"
            "I. General provisions\n\n"
            "1. The Border Patrol Training Centre of the Council of Border Agencies (the Centre) trains the patrol "
            "officers of the member agencies.\n\n"
            "2. The Centre is located in Aktobe.\n\n"
            "II. Tasks of the Training Centre\n\n"
            "3. The tasks of the Training Centre are the common training of patrol officers and the exchange of "
            "the methods of the Training Centre with the member agencies.\n\n"
            "4. The Centre reports to the Council once a year." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_a_headline_whose_text_runs_to_a_cut_on_a_function_word() -> None:
    title = "Arman Kasenov and Dana Seitova discussed the freight corridors of the Caspian region"
    text = (DATED_SIDEBAR + title + "\n"
            "On 14 April 2031, the Director of the Rail Council had a telephone conversation with the "
            "head of the Shipping Union Dana Seitova.\n"
            "Arman Kasenov congratulated his colleague on the new post and proposed to meet in Aktau in the summer.\n"
            "The parties exchanged views on the state of the ferry lines and the")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_a_numbered_sub_heading_first_is_no_pagination() -> None:
    # "First." heads the first item of the text's enumeration; pagination's "First" has no stop
    title = "Plan of the chairmanship of the Council of Border Agencies for 2031"
    text = (DATED_SIDEBAR + "\n" + title + "\n\n"
            "The chairing agency sets out the tasks of the council for the coming year.\n\n"
            "First.\n\nJoint patrols on the common border:\n\n"
            "- holding four joint patrols a year;\n\n- training the patrol officers together.\n\n"
            "Second.\n\nThe exchange of information:\n\n- a common register of incidents." + FOOTER)
    cur = check(text)
    inside = [(s.label, s.text) for s in cur.segments if s.article]
    assert ("heading", "First.") in inside
    assert ("heading", "Second.") in inside
    assert ("paragraph", "- a common register of incidents.") in inside
    assert [s.label for s in cur.segments if s.text in ("Go back", "Back to the all news")] == ["boilerplate"] * 2


CONTACTS_PAGE = ("Contacts\n"
                 "Office of the Council of Border Agencies\n"
                 "Address: 14 Embankment of the Northern Canal, office 210, Aktobe, 030000, Republic of Kazakhstan\n\n"
                 "Phone: +7 (7132) 55-01-10\n\nFax: +7 (7132) 55-01-11\n\nE-mail: office@border-council.example\n\n"
                 "Press office:\nPhone: +7 (7132) 55-01-15\n\n"
                 "Journalists are accredited by the press office on written request.")


def test_a_contacts_page_whose_first_entry_is_a_name_line_and_a_long_address() -> None:
    cur = check(CONTACTS_PAGE)
    (art,) = cur.articles
    assert art.title == "Contacts"
    assert all(s.article for s in cur.segments if s.text.startswith(("Address:", "Phone:", "Fax:")))


def test_a_contacts_page_whose_heading_other_pages_hold_as_a_menu_word() -> None:
    # with corpus context, "Contacts" opens the page but other pages hold it too (in their menu):
    # one shared line is no sidebar
    others = [f"{DATED_SIDEBAR}\nTitle number {k} of a news item about border patrols\n\n"
              f"On {k} May 2031, the patrols of the agencies met again near the border.\n\nContacts" for k in range(3, 6)]
    cur = check(CONTACTS_PAGE, context=build_context([CONTACTS_PAGE, *others]))
    (art,) = cur.articles
    assert art.title == "Contacts"


def test_a_documents_signature_block_cut_inside_its_last_line_is_no_title() -> None:
    # "For the Republic of …" lines under a decision, the excerpt cut inside the last one: items of a
    # signature block, not a title and its cut repeat
    title = "DECISION of the Council of Border Agencies on the joint patrol plan for the northern section"
    text = (title + "\n\nThe Council of Border Agencies,\n\nguided by the Agreement on border cooperation of 4 June 2027,"
            "\n\ndecides:\n\n1. To approve the joint patrol plan for the northern section for 2031.\n\n"
            "2. This Decision shall enter into force from the date of its signing.\n\n"
            "For the Republic of Arcadia\n\nFor the Kingdom of Borduria\n\nFor the Principality of Carpania\n\nFor the Republic of Dorvania\n\nFor the Repub")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_an_undated_sentence_title_under_a_sidebar_of_sentences_retold_by_its_lead() -> None:
    # no date anywhere; the sidebar's items are sentences too; the title ends in "." and its lead
    # retells it, the text running on to the excerpt's cut
    title = "The joint rescue training \"Steppe Shield-2031\" started near Balkhash. Four hundred rescuers take part."
    text = ("The council of border agencies approved a plan of joint patrols for the summer season.\n"
            "Instructors of the veterinary services met in Astana to discuss the rules of animal transit.\n"
            + title + "\n"
            "The joint rescue training of the emergency services \"Steppe Shield-2031\" started on the training "
            "ground near Balkhash, with four hundred rescuers of the member states.\n"
            "Rescue teams will practise the search for people under the ruins of buildings after an earthquake.\n"
            "The second stage of the training will take place in the autumn on the shore of the lake")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title
    assert [s.label for s in cur.segments][:2] == ["teaser", "teaser"]


def inside(cur: Curation) -> dict[str, str]:
    return {s.text: s.label for s in cur.segments if s.article}


def test_enumerators_on_a_single_newline_page_head_their_items() -> None:
    # every line in one block: "Second." under a list's header is no entry of that list
    title = "Plan of the chairmanship of the Council of Border Agencies for 2031"
    text = (DATED_SIDEBAR + title + "\n"
            "The chairing agency sets out the tasks of the council for the coming year.\n"
            "First.\nJoint patrols on the common border:\n- holding four joint patrols a year;\n"
            "- training the patrol officers together.\nSecond.\nThe exchange of information:\n"
            "- a common register of incidents;\n- monthly reports of the agencies." + FOOTER)
    labels_in = inside(check(text))
    assert labels_in["First."] == labels_in["Second."] == "heading"
    assert labels_in["- a common register of incidents;"] == "paragraph"


def test_a_decisions_preamble_subject_over_decides_is_text() -> None:
    title = "DECISION of the Council of Border Agencies on the joint patrol plan for the northern section"
    text = (title + "\n\n" + title + " 14.04.2031\n\nThe Council of Border Agencies of the member states\n\ndecides:\n\n"
            "1. To approve the joint patrol plan for the northern section for 2031.\n\n"
            "2. This Decision shall enter into force from the date of its signing." + FOOTER)
    labels_in = inside(check(text))
    assert labels_in["The Council of Border Agencies of the member states"] == "paragraph"
    assert labels_in["decides:"] == "paragraph"


def test_entries_of_a_staff_list_in_blocks_of_their_own_are_text() -> None:
    text = ("Border Patrol Training Centre\n\n"
            "The Border Patrol Training Centre of the Council of Border Agencies trains the patrol officers of the "
            "member agencies.\n\nLeadership of the Centre:\n"
            "Head of the Centre - Omarov Dauren Serikovich (Republic of Kazakhstan)\n\n"
            "Deputy Head of the Centre - Petrov Ilya Sergeevich (Russian Federation)\n\n"
            "Deputy Head of the Centre - Asanov Bakyt Tursunovich (Kyrgyz Republic)\n\n"
            "The officers of the Centre are appointed for three years." + FOOTER)
    labels_in = inside(check(text))
    assert labels_in["Deputy Head of the Centre - Petrov Ilya Sergeevich (Russian Federation)"] == "paragraph"
    assert labels_in["Deputy Head of the Centre - Asanov Bakyt Tursunovich (Kyrgyz Republic)"] == "paragraph"


def test_a_heading_broken_over_short_lines_on_a_page_without_article_is_no_menu() -> None:
    # the excerpt holds a document's middle (no title): "Article 7" / "Procedure for crossing" /
    # "the state border" goes on in lower case, so it is the text's heading, not a menu
    text = ("Article 6\n\n1. The sending agency informs the receiving agency of the patrol ten days before it.\n\n"
            "Article 7\n\nProcedure for crossing\nthe common border\n\n"
            "1. The patrol officers cross the common border at the agreed checkpoints only.\n\n"
            "2. The receiving agency meets the patrol at the checkpoint.")
    cur = check(text)
    assert not cur.articles
    assert {s.text: s.label for s in cur.segments}["the common border"] == "teaser"


def test_the_second_line_of_a_broken_section_heading_is_no_title() -> None:
    # a document's middle, no title in the excerpt: "Duties of the" / "Border Patrol Centre"
    text = ("Section III\n\nTasks of the Border Patrol Centre\n\n"
            "9. The Border Patrol Centre trains the patrol officers of the member agencies every year.\n\n"
            "10. The Centre keeps the common register of incidents on the border.\n\n"
            "Section IV\n\nDuties of the\nBorder Patrol Centre\n\n"
            "11. The Head of the Centre is appointed by the Council of Border Agencies for three years.\n\n"
            "12. The Head of the Centre reports to the Council once a year on the work done.\n\n"
            "Section V\n\nFinal provi")
    cur = check(text)
    assert not cur.articles


def test_a_static_pages_heading_over_a_numbered_list_then_sections_in_capitals() -> None:
    text = ("The Council today\n\nMEMBER AGENCIES\n1.Border Agency of Arcadia\n2.Border Agency of Borduria\n"
            "3.Border Agency of Carpania\n4.Border Agency of Dorvania\n\nBODIES OF THE COUNCIL\n\n"
            "The bodies of the Council are the Assembly of Heads, the Committee of Deputies and the Secretariat.\n\n"
            "The seat of the Council is Aktobe." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.title == "The Council today"
    assert inside(cur)["BODIES OF THE COUNCIL"] == "heading"


def test_a_page_opening_with_a_sentence_heading_over_dated_items() -> None:
    title = "Chronology of the main stages of the development of the Union."
    text = (title + "\n\n2019 - On March 3, in Aktobe, four border agencies signed the founding agreement. It was "
            "concluded for five years with the right of extension.\n\n"
            "2021 - The first plan of joint patrols was approved by the heads of the agencies.\n\n"
            "2024 - The Patrol Training Centre opened in Aktobe and trained its first officers.\n\n"
            "2027 - Two more agencies joined, after the completion of their national procedures.\n\n2030 - The cha")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title


def test_a_listing_of_date_headline_summary_items_has_no_article() -> None:
    text = ("News\n\n21.04.2031\nThe working group on border security met in Osh\n"
            "The members of the group considered the situation on the common border and the plan of patrols.\n"
            "20.04.2031\nInstructors of the patrol school took part in a conference on mountain rescue\n"
            "The conference, held at the Academy of Rescue in Almaty, was devoted to rescue in the mountains.\n"
            "19.04.2031\nA seminar on the protection of the border registers was held in Aktobe\n"
            "Specialists of the member agencies exchang")
    cur = check(text)
    assert not cur.articles


def test_year_headings_over_hyphen_items_that_ask_nothing_are_no_interview() -> None:
    text = ("Joint patrols\n\nJoint patrols of the border agencies are held every year under the plan of the "
            "Council of Border Agencies.\n\n2031\n\n- patrol \"North-2031\" on the Arcadian section;\n\n"
            "- patrol \"Lake-2031\" on the Borduria section.\n\n2030\n\n"
            "- patrol \"North-2030\" on the Arcadian section with the mounted units of the three agencies "
            "and the dog handlers of the school;\n\n2029\n\n- no patrols were held because of the floods." + FOOTER)
    cur = check(text)
    (art,) = cur.articles
    assert art.kind != "interview"
    labels_in = inside(cur)
    assert labels_in["2030"] == "heading"
    assert {labels_in[t] for t in labels_in if t.startswith("- ")} == {"paragraph"}


def test_items_of_a_numbered_list_are_text_and_a_numbered_section_heading_stays_one() -> None:
    text = ("The Council today\n\nMEMBER AGENCIES\n\n1.Border Agency of Arcadia\n\n2.Border Agency of Borduria\n\n"
            "3.Border Agency of Carpania\n\n4.Border Agency of Dorvania\n\n5.Border Agency of Elbonia\n\n"
            "BODIES OF THE COUNCIL\n\n"
            "The bodies of the Council are the Assembly of Heads, the Committee of Deputies and the Secretariat.\n\n"
            "1. General provisions\n\n1.1. The Secretariat keeps the common register of incidents." + FOOTER)
    labels_in = inside(check(text))
    assert labels_in["2.Border Agency of Borduria"] == labels_in["3.Border Agency of Carpania"] == "paragraph"
    assert labels_in["1. General provisions"] == "heading"


# -- round 6: pages parsed alone (no corpus to tell the sidebar) ------------------------------------

def test_a_headline_set_off_by_a_wider_gap_over_a_dated_text_running_to_the_cut_is_the_title() -> None:
    # the dated lead retells little of the headline, but the headline stands apart (two blank lines
    # under it, one above) and its text runs on to the excerpt's end: the page's Article
    title = "Representatives of two organisations discussed the safety of mountain roads"
    sidebar = DATED_SIDEBAR.replace("\n", "\n\n")
    text = (sidebar + f"{title}\n\n\n"
            "On 14 April 2031, in Geneva, a delegation of the council headed by its deputy chairman held "
            "consultations with the road safety office.\n\n"
            "The parties discussed the rules of winter traffic, the training of rescue crews and the exchange of maps.\n\n"
            "The deputy chairman informed the office about the results of the spring inspection of the passes.\n\n"
            "During the visit, the delegation also held meetings at the office of the regional com")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and article_start(cur) == text.index(title)
    # the same headline with one blank line under it, like every other gap: nothing sets it apart
    # from a sidebar's headline over another page's dated summary
    assert check(text.replace(title + "\n\n\n", title + "\n\n")).articles == []


def test_a_title_right_under_a_dated_listings_last_summary_heads_its_text() -> None:
    # the line above the title is the last item of a dated listing (a date line, then its summary):
    # no paragraph of the same text, so the title starts the run of text under it
    title = "On May 12, the Deputy Chairman of the council will hold a press conference on the results of the spring"
    listing = ("08.05.2031\n\nThe council of border agencies approved a plan of joint patrols for the summer season.\n\n\n"
               "06.05.2031\n\nOn 6 May 2031, instructors of the rescue units trained together near the town of Balkhash.\n\n\n"
               "05.05.2031\n\nA seminar for officers of the press units of the defence ministries was held in Minsk.\n\n\n")
    text = (listing + f"{title}\n\n\n"
            "On 12 May 2031, at 11:00, the Deputy Chairman of the council will meet journalists in the press centre "
            "to sum up the spring season.\n\n"
            "He will speak about the inspection of the mountain passes and the training of the rescue crews.\n\n"
            "Accreditation is open until 18:00 on 11 May.\n\n"
            "Journalists from the member states will be able to ask questions by video link.\n\n"
            "The full schedule of the events is published on the council's we")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and article_start(cur) == text.index(title)


def test_an_interviews_first_question_is_no_title_over_its_answer() -> None:
    # question, answer, question …: the first question (a sentence its answer retells) is a turn
    # of the interview; the headline above it is the title
    title = "Interview of the Deputy Chairman of the council Dana Seitova to the newspaper \"Mountain Herald\""
    text = (DATED_SIDEBAR.replace("\n", "\n\n") + f"{title}\n\n"
            "Dana Serikovna, how would you assess the state of the mountain roads after the winter season?\n\n"
            "The state of the mountain roads after the winter is better than we expected. The crews of six states "
            "cleared the passes in March, and the roads were opened two weeks earlier than last year.\n\n"
            "Which of the passes caused the most trouble this winter?\n\n"
            "First of all, the southern pass, where the avalanches came down four times. The crews worked there "
            "day and night.\n\n"
            "Will the crews of the member states train together this summer?\n\n"
            "Yes, the joint training of the rescue crews is planned for July, and we are preparing the rou")
    cur = check(text)
    (art,) = cur.articles
    assert art.title == title and art.kind == "interview"


def test_a_sentence_ending_in_is_or_are_over_a_list_is_text_a_noun_phrase_is_its_heading() -> None:
    title = "Regulations on the Council of Mountain Rescue Services"
    text = (DATED_SIDEBAR + f"\n{title}\n\n"
            "1. The Council of Mountain Rescue Services is a body of the member states for the coordination of "
            "rescue work in the mountains.\n\n"
            "2. The main tasks of the Council are:\n\n"
            "- coordination of the rescue crews of the member states;\n\n"
            "- exchange of maps and weather data.\n\n"
            "3. The crews are intended for:\n\n"
            "- search for climbers lost in the mountains;\n\n"
            "- clearing of the passes after avalanches.\n\n"
            "Members of the Council:\n\n"
            "- the heads of the rescue services of the member states." + FOOTER)
    cur = check(text)
    assert cur.articles and cur.articles[0].title == title
    label = {s.text: s.label for s in cur.segments}
    assert label["2. The main tasks of the Council are:"] == "paragraph"
    assert label["3. The crews are intended for:"] == "paragraph"
    assert label["Members of the Council:"] == "heading"


def test_a_line_longer_than_any_menu_is_no_menu() -> None:
    # a menu flattened into one line is a few hundred characters; a line of megabytes with no
    # punctuation is text, and the menu checks (linear in the line) are not run on it
    from curator.core.parse.layout import _MENU_MAX, menu_line
    from curator.core.parse.rules import load_rules

    rules = load_rules()
    menu = "Home About Organization Documents News Press Centre Photo Video Contacts Structure Secretariat"
    assert menu_line(menu, rules)
    long = " ".join([menu] * (_MENU_MAX // len(menu) + 1))
    assert len(long) > _MENU_MAX and not menu_line(long, rules)


_CAPTIONS = [
    "The Director at the main hall of the rail control centre",
    "Duty shift of the control centre during the night exercise",
    "Briefing on the new signalling system of the northern line",
    "The Director in conversation with the engineers of the depot",
    "Signing of the book of honourable guests",
    "Joint photograph with the staff of the depot",
    "Equipment of the reserve control post of the northern line",
    "Engineers of the depot at the workstations of the repair shop",
    "Exhibition of the history of the northern railway",
    "Meeting with the veterans of the depot",
]


def test_a_gallerys_captions_under_a_sidebar_headline_are_no_article() -> None:
    # the gallery's own heading is not in the excerpt (cut inside a caption): the sidebar's
    # headline-only item over its summary is no title of the captions
    from curator.core.parse import parse_text

    sidebar = ["On 2 May 2031, the rail council held a meeting of the heads of the freight services.",
               "The Director of the Rail Council met with the Ambassador of Arcadia to Borealis",
               "The interlocutors discussed the freight traffic on the northern line and the new terminals.",
               "Representatives of the member states took part in the forum of the rail operators in Osh."]
    cur = parse_text("\n".join([*sidebar, *_CAPTIONS, "Awarding of the "]))
    assert not cur.articles
    assert {s.label for s in cur.segments} == {"teaser"}
    # the same captions under a dated title are the Article's
    cur = parse_text("\n\n".join(["The Director visited the northern depot", "04.05.2031", *_CAPTIONS]))
    assert len(cur.articles) == 1 and cur.articles[0].title == "The Director visited the northern depot"
