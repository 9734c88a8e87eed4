"""Round 25 of the parser (parser30): miss classes of sealed sets 17-22, reported as structure only. Pages
written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import build_context, parse_text
from tests.parse_lines import lines

_MENU = ["About the CSTO", "Structure", "Documents", "Press centre", "Contacts"]
_FOOTER = ["© Collective Security Treaty Organization. All rights reserved.",
           "When using materials of the site, a link to the source is required."]


def _labels(cur, text: str) -> dict[str, str]:
    return {t: label for label, t, _ in lines(cur, text)}


def _story(n: int) -> list[str]:
    return [f"Experts of the member states held the {n}th meeting on border security in Dushanbe",
            f"1{n}.03.2027",
            f"On 1{n} March 2027, experts of the member states met in Dushanbe for the {n}th time to discuss "
            "the protection of the borders.",
            f"The participants agreed to hold the next meeting in autumn and approved a work plan number {n}."]


# -- 1. a box header over dated items after the Article ('Announcements' / 'DD.MM.YYYY headline') ----------

@pytest.mark.parametrize("header", ["Announcements", "Our events"])
@pytest.mark.parametrize("context", [False, True])
def test_a_box_of_dated_items_after_the_article_is_teasers(header: str, context: bool) -> None:
    box = [header, "21.04.2027 Meeting of the Permanent Council in Moscow",
           "28.04.2027 Briefing of the Joint Staff for military attachés",
           "05.05.2027 Session of the Parliamentary Assembly in St. Petersburg"]
    pages = ["\n".join([*_MENU, "", *_story(n), *box, *_FOOTER]) for n in range(4, 8)]
    text = pages[0]
    cur = parse_text(text, context=build_context(pages) if context else None)
    got = _labels(cur, text)
    assert cur.articles[0].title == _story(4)[0]
    assert got[header] == "boilerplate"
    assert [got[t] for t in box[1:]] == ["teaser"] * 3
    assert got[_story(4)[-1]] == "paragraph"



# -- 2. a static page: its heading over a fact list ('Capital: …', 'Member since: …'), then its text ----------

_FACTS = ["Capital: Bishkek", "Party to the Collective Security Treaty since: 15 May 1992",
          "Chairmanship of the Organization: 2025"]
_STATE_TEXT = ["The Kyrgyz Republic took part in the drafting of the Treaty and hosts the air base of the "
               "Collective Rapid Reaction Forces.",
               "Kyrgyz officers serve in the Secretariat and in the Joint Staff of the Organization.",
               "Permanent Representation at the Organization:",
               "Moscow, Bolshaya Ordynka street, 64",
               "Tel.: +7 (495) 000-00-00",
               "E-mail: mission@example.kg"]


@pytest.mark.parametrize("facts", [_FACTS, _FACTS[:2]])
def test_a_heading_over_a_fact_list_titles_a_static_page(facts: list[str]) -> None:
    text = "\n".join(["Menu", "Home / Member states", "Kyrgyz Republic", *facts, *_STATE_TEXT, *_FOOTER])
    cur = parse_text(text)
    got = _labels(cur, text)
    assert cur.articles[0].title == "Kyrgyz Republic"
    assert cur.articles[0].kind == "other"
    assert [got[t] for t in facts] == ["paragraph"] * len(facts)
    assert got[_STATE_TEXT[0]] == "paragraph"


def test_one_label_line_under_a_headline_is_no_fact_list() -> None:
    text = "\n".join([*_MENU, "", "Ministers of defence of the member states met in Minsk",
                      "Source: press service of the Ministry of Defence",
                      "On 12 March 2027, the ministers of defence of the member states met in Minsk to discuss joint "
                      "training plans.", *_FOOTER])
    cur = parse_text(text)
    assert cur.articles[0].title == "Ministers of defence of the member states met in Minsk"


# -- 3. a photo or video page: 'Video: …' / 'Photo gallery: …' over a description is no report -------------

@pytest.mark.parametrize("title", ["Video: units of the member states at the parade in Minsk",
                                   "Photo gallery: session of the Council of Foreign Ministers in Yerevan",
                                   "Photo report: the staff training of the peacekeeping forces"])
def test_a_media_page_describing_its_pictures_is_other(title: str) -> None:
    desc = ("Officers of the member states' contingents in the square after the ceremony, with the commanders "
            "of the units.")
    text = "\n".join([*_MENU, "", title, "03.07.2027", desc, "IMG_1201.JPG", "IMG_1202.JPG", "Go back", *_FOOTER])
    cur = parse_text(text)
    got = _labels(cur, text)
    assert cur.articles[0].kind == "other"
    assert got[desc] == "paragraph"


def test_a_media_page_reporting_a_dated_event_stays_news() -> None:
    lead = ("On 1-3 July 2027, at the training ground near Osh, the peacekeeping forces of the member states "
            "practised a joint operation.")
    text = "\n".join([*_MENU, "", "Photo report: the staff training of the peacekeeping forces", "03.07.2027", lead,
                      "IMG_1201.JPG", "IMG_1202.JPG", "Go back", *_FOOTER])
    cur = parse_text(text)
    assert cur.articles[0].kind == "news"
    assert _labels(cur, text)[lead] == "lead"


# -- 4. a video's duration and view counter between its media link and its text: the Article goes on ---------

@pytest.mark.parametrize("meta", [["Video", "03:41 | Views: 2,310"], ["03:41"], ["Video", "Duration: 03:41", "Views: 87"]])
def test_a_duration_and_a_counter_over_the_text_keep_the_text_in_the_article(meta: list[str]) -> None:
    desc = "Servicemen of the member states' units march across the square at the end of the ceremony."
    text = "\n".join(["Menu", "Home / News", "Video: the parade of the contingents in Minsk", "03.07.2027", *meta, desc,
                      "Share", "Back to the video archive"])
    cur = parse_text(text)
    got = {t: (label, seg.article) for (label, t, _), seg in zip(lines(cur, text), cur.segments, strict=True)}
    assert got[desc] == ("paragraph", "a1")
    assert all(got[m] == ("boilerplate", "a1") for m in meta)


@pytest.mark.parametrize("meta", [["03:41"], ["Video", "03:41 | Views: 2,310"]])
def test_a_duration_over_a_dated_report_leaves_it_its_lead(meta: list[str]) -> None:
    lead = "On 2 July 2027, in Minsk, units of the member states took part in the parade on Independence Day."
    text = "\n".join(["Menu", "Home / News", "Units of the member states took part in the parade in Minsk", "03.07.2027",
                      *meta, lead, "The parade was attended by the heads of state and the Secretary General.", "Share",
                      "Back to the news"])
    got = _labels(parse_text(text), text)
    assert got[lead] == "lead"
    assert all(got[m] == "boilerplate" for m in meta)


# -- 5. speakers: 'gave an interview …, in which he spoke about …' gives the interviewee's words ---------------

@pytest.mark.parametrize("subject", ["Imangali Tasmagambetov also", "On the same day, the Secretary General"])
def test_an_interview_in_which_he_spoke_about_names_its_speaker(subject: str) -> None:
    para = (f"{subject} gave an interview to the national television channel, in which he spoke about the "
            "preparation of the joint exercise and the situation on the southern borders.")
    text = "\n".join([*_MENU, "", "Imangali Tasmagambetov visited Dushanbe", "14.06.2027",
                      "On 13 June 2027, the CSTO Secretary General Imangali Tasmagambetov arrived in Dushanbe on a "
                      "working visit.",
                      "The Secretary General held talks with the Minister of Foreign Affairs of Tajikistan.", para,
                      "Go back", *_FOOTER])
    got = {t: spk for _, t, spk in lines(parse_text(text), text)}
    assert got[para] == "Imangali Tasmagambetov"
    assert got["The Secretary General held talks with the Minister of Foreign Affairs of Tajikistan."] is None


def test_a_delegation_that_spoke_about_its_work_is_nobody() -> None:
    para = "The members of the delegation spoke about the work of their services on the border."
    text = "\n".join([*_MENU, "", "Imangali Tasmagambetov visited Dushanbe", "14.06.2027",
                      "On 13 June 2027, the CSTO Secretary General Imangali Tasmagambetov arrived in Dushanbe on a "
                      "working visit.", para, "Go back", *_FOOTER])
    got = {t: spk for _, t, spk in lines(parse_text(text), text)}
    assert got[para] is None


def test_spoke_about_cut_by_the_excerpt_before_its_topic_gives_no_words() -> None:
    from tests.parse_lines import cut
    last = ("At the end of the visit the Secretary General gave an interview to the national television channel, "
            "in which he spoke about the prospects of cooperation with the neighbouring states in the coming years.")
    head = [*_MENU, "", "Imangali Tasmagambetov visited Dushanbe", "14.06.2027",
            "On 13 June 2027, the CSTO Secretary General Imangali Tasmagambetov arrived in Dushanbe on a working visit."]
    body = [f"The delegations of the member states discussed the programme of joint events number {n}, the training "
            "of the staff of the peacekeeping forces and the plans of the working groups." for n in range(1, 30)]
    upto = last[: last.index("prospects") + 4]  # "… spoke about the pros": the excerpt's 2,000 bytes end there
    while len("\n".join([*head, *body, upto]).encode()) > 2000:
        body.pop()
    pad = 2000 - len("\n".join([*head, *body, upto]).encode())
    body[0] = body[0][:-1] + " " * 0 + "x" * pad + "."  # (a filler word sets the cut exactly there)
    text = cut("\n".join([*head, *body, last]))
    assert text.endswith("spoke about the pros")
    spk = [s for label, t, s in lines(parse_text(text), text) if t.startswith("At the end of the visit")]
    assert spk == [None]


# -- 6. speakers: capitalised words before an institution's noun name the institution, no person ---------------

def test_the_words_before_department_are_no_persons_name() -> None:
    para = ("Later that day the Secretary General met with the ambassadors of the member states. He informed them "
            "about the results of the talks and asked them to support the joint event.")
    text = "\n".join([*_MENU, "", "Imangali Tasmagambetov held talks with the head of the OSCE Cyber Threats Department",
                      "The CSTO Secretary General Imangali Tasmagambetov and the Coordinator of the OSCE Cyber Threats "
                      "Department Anna Berg met in Vienna on 9 November 2027 on the sidelines of a conference.",
                      "The sides discussed the situation on the borders of Central Asia.", para, "Go back", *_FOOTER])
    cur = parse_text(text)
    assert all("Threats" not in s.name for s in cur.speakers)
    got = {t: spk for _, t, spk in lines(cur, text)}
    assert got[para] == "Imangali Tasmagambetov"


# -- 8. a media page's 'All videos' / 'All galleries' link under the text is the site's navigation ---------------

@pytest.mark.parametrize("link", ["All videos", "All galleries", "All photos"])
def test_an_all_media_link_under_the_text_is_navigation(link: str) -> None:
    text = "\n".join(["Menu", "Home / News", "Units of the member states took part in the parade in Minsk", "03.07.2027",
                      "On 2 July 2027, in Minsk, units of the member states took part in the parade on Independence Day.",
                      "parade_minsk_2027.mp4", link, "© Collective Security Treaty Organization"])
    cur = parse_text(text)
    got = {t: (label, seg.article) for (label, t, _), seg in zip(lines(cur, text), cur.segments, strict=True)}
    assert got[link] == ("boilerplate", None)
