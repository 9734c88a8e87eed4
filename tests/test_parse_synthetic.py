"""The parser on pages composed here: other sidebars, titles, names and layout variants."""

from __future__ import annotations

import datetime as dt

import pytest

from curator.core.parse import build_context, parse_text
from tests.test_parse_checks import assert_well_formed

SIDEBAR_DATED = (
    "03.02.2022\n\nOn 2 February 2022, in Dushanbe, experts of the member states discussed border security.\n\n\n"
    "01.02.2022\n\nFrom 25 to 31 January 2022, a staff training took place near Osh.\n\n\n"
)
SIDEBAR_UNDATED = (
    "The Deputy Secretary General answered questions of students of the Diplomatic Academy.\n\n"
    "A delegation of the Parliamentary Assembly visited the Secretariat.\n\n"
)
SIDEBAR_SINGLE_NEWLINES = (
    "Staff of the Joint Staff held a seminar on logistics.\n"
    "The Secretariat received a delegation of observers.\n"
    "Experts discussed information security in Minsk.\n\n"
)
FOOTER = "\n\nGo back\n\nBack to the section\n\nBack to the all news"

NEWS_TITLE = "A meeting of the Council of Foreign Ministers of the CSTO was held in Yerevan"
NEWS_LEAD = (
    "On 14 October 2021, in Yerevan, a meeting of the Council of Foreign Ministers of the Collective Security "
    "Treaty Organization was held, attended by the CSTO Deputy Secretary General Aibek Karimov."
)
NEWS_BODY = (
    "The ministers discussed the situation in the region and adopted several documents.\n\n"
    "“Cooperation between our states is becoming closer every year,” Aibek Karimov said.\n\n"
    "According to him, the next meeting will take place in the spring.\n\n"
    "The Council also approved the plan of consultations for the next year."
)


def labels(cur) -> list[str]:
    return [s.label for s in cur.segments]


def only(cur, label: str):
    (seg,) = [s for s in cur.segments if s.label == label]
    return seg


def test_news_page_with_dated_sidebar_and_unknown_speaker() -> None:
    text = f"{SIDEBAR_DATED}{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\n{NEWS_LEAD}\n\n{NEWS_BODY}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert labels(cur)[:4] == ["teaser"] * 4
    assert labels(cur)[4:7] == ["title", "dateline", "lead"]
    art = cur.articles[0]
    assert (art.title, art.date, art.kind) == (NEWS_TITLE, dt.date(2021, 10, 15), "news")
    quote = next(s for s in cur.segments if s.text.startswith("“Cooperation"))
    follow = next(s for s in cur.segments if s.text.startswith("According to him"))
    assert quote.speaker == follow.speaker == "aibek-karimov"
    assert next(s for s in cur.speakers if s.id == "aibek-karimov").name == "Aibek Karimov"
    (ev,) = cur.events
    assert (ev.type, ev.date, ev.place) == ("meeting", dt.date(2021, 10, 14), "Yerevan")
    assert "aibek-karimov" in ev.participants
    assert labels(cur)[-3:] == ["boilerplate"] * 3


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_newline_styles_give_the_same_structure(newline: str) -> None:
    base = f"{SIDEBAR_UNDATED}{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\n{NEWS_LEAD}\n\n{NEWS_BODY}{FOOTER}"
    text = base.replace("\n", newline)
    cur = parse_text(text)
    assert_well_formed(cur, text)
    reference = parse_text(base)
    assert labels(cur) == labels(reference)
    assert [s.text.replace(newline, "\n") for s in cur.segments] == [s.text for s in reference.segments]
    assert cur.articles[0].date == dt.date(2021, 10, 15)


def test_single_newline_sidebar_lines_are_separate_teasers() -> None:
    text = f"{SIDEBAR_SINGLE_NEWLINES}{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\n{NEWS_LEAD}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert labels(cur)[:3] == ["teaser"] * 3
    assert cur.segments[1].text == "The Secretariat received a delegation of observers."


def test_date_alone_after_title() -> None:
    text = f"{SIDEBAR_UNDATED}{NEWS_TITLE}\n\n15.10.2021\n\n{NEWS_LEAD}\n\n{NEWS_BODY}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert labels(cur)[2:5] == ["title", "dateline", "lead"]
    assert only(cur, "dateline").text == "15.10.2021"
    assert cur.articles[0].date == dt.date(2021, 10, 15)


def test_date_glued_to_the_lead_is_split() -> None:
    text = f"{SIDEBAR_UNDATED}{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021{NEWS_LEAD}\n\n{NEWS_BODY}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert only(cur, "dateline").text == f"{NEWS_TITLE} 15.10.2021"
    assert only(cur, "lead").text == NEWS_LEAD
    assert cur.articles[0].date == dt.date(2021, 10, 15)


def test_download_document_line_is_the_dateline() -> None:
    title = "Statement of the CSTO Foreign Ministers on the situation in Central Asia"
    body = "The Ministers of Foreign Affairs of the member states express deep concern about the situation."
    text = f"{SIDEBAR_UNDATED}{title}\n\n05.03.2022 Download document (PDF, 120 KB)\n\n{body}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert only(cur, "dateline").text.startswith("05.03.2022 Download document")
    art = cur.articles[0]
    assert (art.date, art.kind) == (dt.date(2022, 3, 5), "statement")


def test_truncated_title_with_ellipsis() -> None:
    title = "The CSTO Secretary General took part in the international conference on security in..."
    full = "The CSTO Secretary General took part in the international conference on security in Eurasia"
    lead = "On 3 May 2023, in Minsk, the CSTO Secretary General took part in the international conference."
    text = f"{SIDEBAR_UNDATED}{title}\n\n{full} 04.05.2023\n\n{lead}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert labels(cur)[2:5] == ["title", "dateline", "lead"]
    assert cur.events[0].place == "Minsk"


def test_interview_with_dash_turns_and_a_name_not_in_the_registry() -> None:
    title = "Interview of the Chief of the CSTO Joint Staff Ruslan Nurmagambetov to the RIA Novosti agency"
    text = (
        f"{SIDEBAR_UNDATED}{title}\n\n{title} 11.09.2023\n\n"
        "In an interview with RIA Novosti, the Chief of the Joint Staff spoke about the trainings.\n\n"
        "— Ruslan Kairatovich, which trainings are planned this autumn?\n\n"
        "— This autumn we will hold three joint trainings on the territory of the member states.\n\n"
        "— How many servicemen will take part?\n\n"
        "— More than five thousand servicemen will take part.\n\n"
        "We also expect observers from partner states."
        f"{FOOTER}"
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    art = cur.articles[0]
    assert art.kind == "interview"
    turns = [(s.label, s.speaker) for s in cur.segments if s.label in ("question", "answer")]
    who = "ruslan-nurmagambetov"
    assert turns == [("question", None), ("answer", who), ("question", None), ("answer", who), ("answer", who)]
    assert cur.events[0].type == "interview"


def test_numbered_questions_without_dateline() -> None:
    title = "Interview of the CSTO Secretary General Imangali Tasmagambetov to the Kazinform agency"
    text = (
        f"{SIDEBAR_UNDATED}{title}\n\n"
        "1. What are the priorities of the chairmanship?\n\nThe priorities are peacekeeping and training.\n\n"
        "2. How do you assess the year?\n\nPositively. Much was done.\n\nWe will continue the work."
        f"{FOOTER}"
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    inside = [s.label for s in cur.segments if s.article]
    assert inside == ["title", "question", "answer", "question", "answer", "answer"]
    assert cur.articles[0].date is None


def test_speech_with_salutations_and_speaker_from_lead() -> None:
    title = "Speech at the meeting of the CSTO Permanent Council"
    lead = "On 2 March 2023, in Moscow, Samat Ordabaev delivered a welcoming address to the Permanent Council."
    text = (
        f"{SIDEBAR_UNDATED}{title}\n\n{title} 02.03.2023\n\n{lead}\n\nDear colleagues!\n\n"
        "I am glad to welcome you in Moscow. Our work this year is important.\n\nThank you for your attention."
        f"{FOOTER}"
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert cur.articles[0].kind == "speech"
    said = [s.speaker for s in cur.segments if s.label in ("salutation", "paragraph")]
    assert said and set(said) == {"samat-ordabaev"}


def test_forms_of_address_initials_and_near_miss_spellings() -> None:
    title = "The CSTO Secretary General visited Astana"
    text = (
        f"{title}\n\n{title} 10.10.2024\n\n"
        "On October 9, this year, the CSTO Secretary General Imangaly Tasmagambetov arrived in Astana.\n\n"
        "“We discussed the preparation of the summit,” I. Tasmagambetov said.\n\n"
        "The Minister addressed Imangali Nurgaliyevich with thanks, and he noted that the plan is ready."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    ev = cur.events[0]
    assert (ev.type, ev.date, ev.place) == ("visit", dt.date(2024, 10, 9), "Astana")
    assert ev.participants == ["imangali-tasmagambetov"]
    quote = next(s for s in cur.segments if s.text.startswith("“We discussed"))
    assert quote.speaker == "imangali-tasmagambetov"


def test_listing_page_has_no_article() -> None:
    text = SIDEBAR_DATED + "28.01.2022\n\nThe Secretariat published the plan of events for 2022." + FOOTER
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert cur.articles == [] and cur.events == []
    assert set(labels(cur)[:-3]) == {"teaser"}
    assert labels(cur)[-3:] == ["boilerplate"] * 3


def test_russian_contact_lines_before_the_footer_are_boilerplate() -> None:
    text = (
        f"{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\n{NEWS_LEAD}\n\n"
        "Пресс-служба ОДКБ\n\nE-mail: press@example.org" + FOOTER
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert labels(cur) == ["title", "dateline", "lead"] + ["boilerplate"] * 5


def test_corpus_context_finds_the_article_after_shared_teasers() -> None:
    shared = "The Secretariat held a seminar for young diplomats.\n\nA working group met in Bishkek.\n\n"
    pages = []
    for i in range(4):
        pages.append(
            f"{shared}Results of the joint exercise number {i} in the Pskov region\n\n"
            f"The joint exercise number {i} of the peacekeeping forces ended with a live firing stage, and the "
            f"commanders praised the coordination of the units from every member state.{FOOTER}"
        )
    ctx = build_context(pages)
    cur = parse_text(pages[0], context=ctx)
    assert_well_formed(cur, pages[0])
    assert labels(cur)[:3] == ["teaser", "teaser", "title"]
    alone = parse_text(pages[0])
    # alone, the only headline with prose under it is the title (an undated page)
    assert labels(alone)[:4] == ["teaser", "teaser", "title", "lead"]


def test_dateline_with_a_clock_time() -> None:
    text = f"{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021 12:30\n\n{NEWS_LEAD}{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert only(cur, "dateline").text.endswith("15.10.2021 12:30")
    glued = f"{NEWS_TITLE}\n\n15.10.2021 12:30 {NEWS_LEAD}{FOOTER}"
    cur = parse_text(glued)
    assert_well_formed(cur, glued)
    assert only(cur, "dateline").text == "15.10.2021 12:30"
    assert only(cur, "lead").text == NEWS_LEAD


def test_listing_of_headline_date_summary_items_has_no_article() -> None:
    items = [
        ("The Secretariat hosted a seminar on information security", "12.05.2023",
         "On 12 May 2023, experts discussed information security."),
        ("Peacekeepers completed a staff training in Belarus", "10.05.2023",
         "From 2 to 10 May 2023, a staff training took place near Brest."),
        ("The Permanent Council met in Moscow", "05.05.2023", "On 5 May 2023, the Permanent Council met."),
    ]
    text = "\n\n".join(f"{h}\n\n{d}\n\n{s}" for h, d, s in items) + FOOTER
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert cur.articles == []


def test_prefixed_questions_and_answers() -> None:
    title = "Interview of the CSTO Deputy Secretary General Samat Ordabaev to Kazinform"
    text = (
        f"{title}\n\n{title} 01.06.2024\n\n"
        "Question: What is the main task of the year?\n\nAnswer: The main task is the peacekeeping reform.\n\n"
        "It will take two years.\n\nQ: And the trainings?\n\nA: They go on as planned."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    turns = [(s.label, s.speaker) for s in cur.segments if s.article and s.label not in ("title", "dateline")]
    who = "samat-ordabaev"
    assert turns == [("question", None), ("answer", who), ("answer", who), ("question", None), ("answer", who)]


def test_speech_without_dateline_starts_at_its_title() -> None:
    title = "Address of the CSTO Secretary General to the participants of the youth forum"
    text = (
        f"{SIDEBAR_UNDATED}{title}\n\nDear friends!\n\nI am glad to greet you at the forum. We count on you."
        f"{FOOTER}"
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert [s.label for s in cur.segments if s.article] == ["title", "salutation", "paragraph"]
    assert cur.articles[0].kind == "speech" and cur.articles[0].date is None


def test_statement_of_a_named_person_is_attributed_to_them() -> None:
    title = "Statement of the CSTO Secretary General Imangali Tasmagambetov on the situation in the region"
    text = (
        f"{title}\n\n{title} 20.02.2024\n\n"
        "The Secretariat follows the developments with concern.\n\nWe call on the parties to show restraint."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert cur.articles[0].kind == "statement"
    said = {s.speaker for s in cur.segments if s.label == "paragraph"}
    assert said == {"imangali-tasmagambetov"}


def test_a_russian_page_keeps_its_short_last_paragraph() -> None:
    title = "Заседание Совета министров иностранных дел ОДКБ"
    text = f"{title}\n\n{title} 15.10.2021\n\nВ Ереване прошло заседание.\n\nСледующее заседание пройдёт весной.{FOOTER}"
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert [s.label for s in cur.segments] == ["title", "dateline", "lead", "paragraph"] + ["boilerplate"] * 3


def test_a_role_as_subject_points_at_the_person_last_named_with_that_role() -> None:
    title = "The CSTO Secretary General met with the Minister of Defence of Kyrgyzstan"
    text = (
        f"{title}\n\n{title} 05.05.2024\n\n"
        "On 4 May 2024, in Bishkek, the CSTO Secretary General Imangali Tasmagambetov met with the Minister "
        "of Defence of the Kyrgyz Republic Baktybek Bekbolotov.\n\n"
        "Baktybek Bekbolotov said that the ministry supports the joint training plan.\n\n"
        "The CSTO Secretary General noted that the Secretariat would help with the preparations.\n\n"
        "The sides also discussed the schedule of consultations."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    speakers = [s.speaker for s in cur.segments if s.label == "paragraph"]
    assert speakers == ["baktybek-bekbolotov", "imangali-tasmagambetov", None]
    ev = cur.events[0]
    assert ev.place == "Bishkek" and set(ev.participants) == {"imangali-tasmagambetov", "baktybek-bekbolotov"}


def test_subtitle_then_lead_and_photo_captions() -> None:
    text = (
        f"{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\nResults of the ministerial meeting\n\n{NEWS_LEAD}\n\n"
        "Photo: CSTO press service\n\nThe ministers adopted a joint statement."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    inside = [s.label for s in cur.segments]
    # (a photo credit is the Article's boilerplate since parser 2.182.0, the evaluation gold's convention; it was a paragraph)
    assert inside == ["title", "dateline", "heading", "lead", "boilerplate", "paragraph"]
    assert [s.article for s in cur.segments if s.label == "boilerplate"] == ["a1"]


def test_interview_title_with_unmarked_questions() -> None:
    title = "Interview of the CSTO Deputy Secretary General Samat Ordabaev to the Khabar TV channel"
    text = (
        f"{title}\n\n{title} 07.07.2024\n\n"
        "What are the results of the first half of the year?\n\n"
        "The results are good. The plan has been fulfilled.\n\n"
        "What will the autumn bring?\n\n"
        "Three trainings and the summit in Astana.\n\nWe are ready for them."
    )
    cur = parse_text(text)
    assert_well_formed(cur, text)
    turns = [(s.label, s.speaker) for s in cur.segments if s.label not in ("title", "dateline")]
    who = "samat-ordabaev"
    assert turns == [("question", None), ("answer", who), ("question", None), ("answer", who), ("answer", who)]


def test_the_article_date_is_the_datelines_own_date() -> None:
    title = "Results of the meeting of 01.02.2020 published"
    text = f"{title}\n\n{title} 05.02.2020\n\nThe Secretariat published the results of the meeting held on 1 February."
    cur = parse_text(text)
    assert_well_formed(cur, text)
    assert cur.articles[0].date == dt.date(2020, 2, 5)
    assert cur.events[0].date == dt.date(2020, 2, 1)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_hard_wrapped_paragraphs_are_one_segment_each(newline: str) -> None:
    body = (
        "The ministers discussed the situation in the region\nand adopted several documents on\n"
        "cooperation.\nA second sentence stands on its own line.\n\nThe next paragraph."
    )
    text = f"{NEWS_TITLE}\n\n{NEWS_TITLE} 15.10.2021\n\n{NEWS_LEAD}\n\n{body}".replace("\n", newline)
    cur = parse_text(text)
    assert_well_formed(cur, text)
    paras = [s.text.replace(newline, "\n") for s in cur.segments if s.label == "paragraph"]
    assert paras == [
        "The ministers discussed the situation in the region\nand adopted several documents on\ncooperation.",
        "A second sentence stands on its own line.",
        "The next paragraph.",
    ]


def test_concurrent_calls_give_the_same_results() -> None:
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds] * 4
    context = build_context(texts)
    expected = [parse_text(t, context=context).model_dump() for t in texts]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: parse_text(t, context=context).model_dump(), texts))
    assert got == expected


def test_corpus_context_does_not_turn_a_listing_into_an_article() -> None:
    shared = "The Secretariat held a seminar for young diplomats.\n\nA working group met in Bishkek.\n\n"
    items = "\n\n".join(
        f"Headline number {k} about the exercises\n\nThe summary of item {k} tells what happened during the "
        f"joint exercise of the peacekeeping forces and what the commanders said about it."
        for k in range(4)
    )
    listing = f"{shared}{items}{FOOTER}"
    others = [f"{shared}Another title {i}\n\nAnother title {i} 01.01.2024\n\nText {i}.{FOOTER}" for i in range(4)]
    cur = parse_text(listing, context=build_context([listing, *others]))
    assert_well_formed(cur, listing)
    assert cur.articles == []
