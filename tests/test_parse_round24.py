"""Round 24 of the parser on unseen layouts (parser27): miss classes of sealed set 21, reported as structure
only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

_TEASERS = ["On 3 February 2027, officers of the Joint Staff completed a course on crisis response planning.",
            "The Deputy Secretary General took part in a seminar on border security in Almaty",
            "The Council of Foreign Ministers will meet in Minsk on 20 March."]
_TITLE = "The Joint Staff held a conference on the training of peacekeepers"
_LEAD = ("On 14 March 2027, the Joint Staff of the Organisation held a conference on the training of the "
         "peacekeeping contingents of the member states.")
_REST = ["Officers of the general staffs discussed the results of the last year's trainings and the plans for the "
         "next one.",
         "The participants adopted recommendations on the joint training of the contingents."]
_FOOTER = ["Go back", "Back to the all news"]


def _labels(cur, text: str) -> dict[str, str]:
    return {t: label for label, t, _ in lines(cur, text)}


def _owned(cur, text: str) -> dict[str, str | None]:
    return {text[s.start : s.end]: s.article for s in cur.segments}


def _covering(cur, text: str, line: str) -> tuple[str, str | None]:
    """(label, article) of the segment holding ``line``."""
    at = text.index(line)
    seg = next(s for s in cur.segments if s.start <= at < s.end)
    return seg.label, seg.article


# -- 1. a media link and its file's name after the lead: the story's media, the text goes on under them -----

@pytest.mark.parametrize("media", [["Video", "conference_peacekeepers_2027.mp4"],
                                   ["Photo gallery", "IMG_2041.jpg"],
                                   ["Video", "conference_2027.mp4", "conference_2027_part2.mp4"]])
def test_a_media_link_over_its_file_name_after_the_lead_keeps_the_text(media: list[str]) -> None:
    text = "\n\n".join([*_TEASERS, _TITLE, _LEAD, "\n".join(media), *_REST, *_FOOTER]) + "\n"
    cur = parse_text(text)
    got, owned = _labels(cur, text), _owned(cur, text)
    assert got[_TITLE] == "title"
    assert [got[t] for t in _REST] == ["paragraph"] * 2
    assert all(owned[t] == "a1" for t in _REST)
    assert [_covering(cur, text, m) for m in media] == [("boilerplate", "a1")] * len(media)
    assert [got[f] for f in _FOOTER] == ["boilerplate"] * 2 and owned[_FOOTER[0]] is None


def test_a_media_link_alone_after_the_text_still_ends_it() -> None:
    after = ["The Secretary General met with the Ambassador of Mongolia at the Secretariat in Moscow.",
             "Officers of the Joint Staff visited the military base in Tajikistan."]
    text = "\n\n".join([*_TEASERS, _TITLE, _LEAD, *_REST, "Video", *after]) + "\n"
    cur = parse_text(text)
    owned = _owned(cur, text)
    assert owned[_REST[-1]] == "a1"
    assert all(owned[t] is None for t in after)


# -- 2. a section's heading over its 'DD.MM.YYYY | headline' items: the heading alone is the Article -----------

_BAR_ITEMS = ["14.03.2027 | Statement of the Council of Defence Ministers on the training of peacekeepers",
              "02.03.2027 | Statement of the Secretary General on the anniversary of the Treaty",
              "19.02.2027 | Declaration of the Council of Foreign Ministers",
              "11.02.2027 | Statement of the Secretariat on the situation in the region"]


@pytest.mark.parametrize("above", [["Home / Documents / Declarations"], []])
@pytest.mark.parametrize("below", [["« First ‹ Prev 1 2 3 Next › Last »"], ["1 2 3 ... 9 Next"], []])
def test_a_heading_over_dated_bar_items_is_the_article_alone(above: list[str], below: list[str]) -> None:
    text = "\n\n".join([*above, "Declarations", "\n".join(_BAR_ITEMS), *below]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == ["Declarations"]
    assert [_covering(cur, text, t) for t in _BAR_ITEMS] == [("teaser", None)] * len(_BAR_ITEMS)


# -- 3. 'Other news' after the footer's 'Go back': its headlines are the site's teasers --------------------------

_OTHER = ["The Secretary General met with the Deputy Minister of Foreign Affairs of Armenia",
          "The session of the Collective Security Council will be held in Minsk",
          "Representatives of the defence ministries discussed the plan of joint trainings"]


@pytest.mark.parametrize("header", ["Other news", "Other materials"])
def test_headlines_under_other_news_after_the_footer_are_teasers(header: str) -> None:
    text = "\n\n".join([_TITLE, _TITLE + " 14.03.2027", _LEAD, *_REST, "Go back", header, *_OTHER]) + "\n"
    cur = parse_text(text)
    got = _labels(cur, text)
    assert got[_TITLE] == "title" and got["Go back"] == "boilerplate"
    assert [got[t] for t in _OTHER] == ["teaser"] * 3


# -- 4. a section heading over dated items (date line, headline, summary) down to the pager: its Article alone --

_ITEMS = [("27.02.2027", "The Secretary General met with the Ambassador of Mongolia",
           "On 27 February 2027, the Secretary General received the Ambassador of Mongolia and discussed the "
           "participation of Mongolian experts in the Organisation's events."),
          ("26.02.2027", "Consultations on the arms control agenda took place at the Secretariat",
           "Representatives of the foreign ministries exchanged views on the strategic stability dialogue."),
          ("25.02.2027", "The Council of the Parliamentary Assembly will meet in St. Petersburg",
           "The agenda includes model laws on the protection of critical infrastructure."),
          ("24.02.2027", "Joint Staff officers completed a course on unmanned systems",
           "The two-week course was held at the training centre for officers of the operational departments.")]


@pytest.mark.parametrize("heading", ["News", "Announcements", "News of the Secretariat"])
@pytest.mark.parametrize("pager", ["1 2 3 4 5 ... 198 Next", "Show more"])
def test_a_heading_over_dated_news_items_is_the_article_alone(heading: str, pager: str) -> None:
    text = "\n \n".join([heading, *("\n".join(item) for item in _ITEMS), pager]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [heading]
    assert all(_covering(cur, text, line) == ("teaser", None) for item in _ITEMS for line in item)


@pytest.mark.parametrize("crumb", ["Home / News", "Main page » Press center » News of the Secretariat"])
def test_dated_news_items_under_a_breadcrumb_alone_have_no_article(crumb: str) -> None:
    text = "\n".join([crumb, *("\n".join(item) for item in _ITEMS), "1 2 3 ... 9 Next"]) + "\n"
    assert not parse_text(text).articles


# -- 5. no Article from the last link of an index page over the site's copyright line --------------------------

_LINKS = ["Collective Security Treaty of 15 May 1992",
          "Charter of the Collective Security Treaty Organisation of 7 October 2002",
          "Agreement on the Legal Status of the Collective Security Treaty Organisation",
          "Agreement on the Collective Rapid Reaction Forces of the Collective Security Treaty Organisation",
          "Agreement on Peacekeeping Activities of the Collective Security Treaty Organisation"]
_COPYRIGHT = ["© 2009-2027 Collective Security Treaty Organisation. When using materials, a link to the site is "
              "required.", "(c) 2027 Collective Security Treaty Organisation. All rights reserved. Reprinting of the "
              "materials is allowed with a link to the site."]


@pytest.mark.parametrize("copyright", _COPYRIGHT)
def test_an_index_of_links_over_the_copyright_line_has_no_article(copyright: str) -> None:
    text = "\n".join(["Home / Documents", "Basic documents    Statements    Declarations    Agreements", "",
                      *_LINKS, "", copyright, "101000, Moscow, Sadovaya St., 44 | Press service: +7 (495) 000-00-00"]) + "\n"
    cur = parse_text(text)
    assert not cur.articles
    assert all(_covering(cur, text, t) == ("teaser", None) for t in _LINKS)


# -- 6. a quotation headline of a stacked sidebar over a text that retells nothing of it: no title -------------

def test_a_sidebar_quote_headline_over_an_unrelated_summary_is_no_title() -> None:
    quote = 'The Secretary General Ivan Petrov: "Security is the daily work of thousands of people"'
    summary = ("A two-day seminar on the protection of critical information infrastructure for specialists of the "
               "security services ended in Minsk on 2 April.")
    dated = ["21.11.2026", "On 21 November, the heads of the information services met in Minsk to discuss joint work.",
             "20.11.2026", "A delegation of the Secretariat took part in an international conference in Astana.",
             "19.11.2026", "The Deputy Secretary General met with a delegation of the Academy of Public Administration."]
    more = [f"The Secretariat hosted a meeting of the working group on information security, its {n} session this "
            "year, with experts of the member states." for n in ("third", "fourth", "fifth", "sixth", "seventh")]
    text = cut("\n\n".join([*dated, _TEASERS[0], quote, summary, *more, *more]))
    assert quote in text and not text.endswith(".")
    cur = parse_text(text)
    assert not cur.articles
    assert _covering(cur, text, quote) == ("teaser", None)


def test_a_quote_headline_over_its_own_interview_stays_the_title() -> None:
    quote = 'Ivan Petrov: "Security is the daily work of thousands of people"'
    lead = ("The Secretary General Ivan Petrov answered the questions of the newspaper about the daily work of "
            "the Organisation on security.")
    text = "\n\n".join([*_TEASERS, quote, lead, *_REST, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [quote]


# -- 7. speakers: an instruction given, a guest informed after a meeting, 'He' after an unnamed office ----------

_SPK_TITLE = "The Secretary General Ivan Petrov met with the Ambassador of Mongolia"
_SPK_BODY = [_SPK_TITLE, "12.02.2027",
             "On 12 February 2027, the CSTO Secretary General Ivan Petrov received the Ambassador of Mongolia at the "
             "Secretariat in Moscow.",
             "The parties discussed the situation in Central Asia and the plans of joint work for the year."]


def _speaker_of(paragraph: str) -> str | None:
    text = "\n\n".join([*_SPK_BODY, paragraph, "Go back"]) + "\n"
    return next(who for _, t, who in lines(parse_text(text), text) if t == paragraph)


@pytest.mark.parametrize("paragraph", [
    "Ivan Petrov instructed to speed up the connection of the information systems of the ministries to the Centre.",
    "On the same day, the Secretary General met with the Permanent Representative of Belarus, who had recently "
    "taken up his post, and informed him about the current work of the Secretariat.",
    "Later, the Secretary General received the heads of the delegations and briefed them on the preparation of the "
    "session.",
])
def test_an_instruction_or_a_briefing_after_a_meeting_is_the_persons(paragraph: str) -> None:
    assert _speaker_of(paragraph) == "Ivan Petrov"


@pytest.mark.parametrize("paragraph", [
    "The ministers instructed the Joint Staff to prepare proposals on the joint training of the contingents.",
    "The Secretary General also visited the editorial office of the agency, where he met with the journalists, and "
    "proposed to hold a seminar for the press services.",
    "On the eve of the training, the Chief of the Joint Staff held a meeting with the commanders of the "
    "contingents. He drew attention to the need to ensure the safety of the personnel during live firing.",
])
def test_no_speaker_for_a_body_an_act_or_a_pronoun_after_an_unnamed_office(paragraph: str) -> None:
    assert _speaker_of(paragraph) is None


# -- 8. a training ground near a city the gazetteer knows: the city is the Event's place -------------------------

@pytest.mark.parametrize("city", ["Dushanbe", "Yerevan", "Minsk"])
def test_the_city_near_a_named_training_ground_is_the_events_place(city: str) -> None:
    title = "The joint training of the intelligence services has been completed"
    lead = (f"On 23 September 2027, the joint training of the intelligence services came to an end at the Vostok "
            f"training ground near {city}.")
    text = "\n\n".join([title, "23.09.2027", lead, *_REST, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(e.type, e.place) for e in cur.events] == [("training", city)]


# -- 9. a photo credit whose file name runs into the lead: the line is the lead ----------------------------------

@pytest.mark.parametrize("credit", ["Photo: Joint Staff press service.jpg", "Photo: press service of the Ministry.JPG"])
def test_a_credit_glued_to_the_lead_by_its_file_name_is_the_lead(credit: str) -> None:
    lead = credit + _LEAD
    text = "\n\n".join([*_TEASERS, _TITLE, "14.03.2027", lead, *_REST, *_FOOTER]) + "\n"
    got = _labels(parse_text(text), text)
    assert got[lead] == "lead"
    assert [got[t] for t in _REST] == ["paragraph"] * 2


# -- 10. a schedule for a span of days of one month is the week's news; for a year, a document --------------------

@pytest.mark.parametrize(("title", "kind"), [
    ("Schedule of the main events of the Organisation for 15-21 March 2027", "news"),
    ("Schedule of consultations of the representatives of the member states for 2026–2027", "document"),
    ("Schedule of joint trainings of the Collective Forces for 2027", "document"),
])
def test_a_weeks_schedule_is_news_and_a_years_a_document(title: str, kind: str) -> None:
    body = ["15 March (Monday)",
            "Moscow, Secretariat – meeting of the Secretary General with the Ambassador of Mongolia.",
            "Videoconference – working meeting of the heads of the press services of the defence ministries.",
            "16 March (Tuesday)", "Minsk – meeting of the working group on information security."]
    text = "\n\n".join([title, "15.03.2027", *body, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, kind)]


# -- 11. a name as the first verb's object is not the subject of the second verb after 'and' --------------------

def test_the_object_of_thanks_is_not_the_subject_of_the_verb_after_and() -> None:
    assert _speaker_of("The heads of state also thanked Ivan Petrov for his work at the head of the Secretariat and "
                       "noted his contribution to the crisis response system.") is None


@pytest.mark.parametrize("paragraph", [
    "Ivan Petrov congratulated his interlocutor on the appointment and expressed the hope for fruitful cooperation.",
    "The Ambassador met with Ivan Petrov, who spoke about the plans of the Secretariat and noted the importance of "
    "the work.",
])
def test_a_subjects_second_verb_after_and_stays_his(paragraph: str) -> None:
    assert _speaker_of(paragraph) == "Ivan Petrov"


# -- 12. a related block's header is boilerplate; the headline under a previous/next link is a teaser ---------

@pytest.mark.parametrize("header", ["Related news", "Most read", "Latest news"])
def test_a_related_blocks_header_is_boilerplate_and_its_items_teasers(header: str) -> None:
    copyright_ = "© 2009–2027 Collective Security Treaty Organisation. All rights reserved."
    text = "\n".join([_TITLE, _LEAD, *_REST, header, *_OTHER, copyright_]) + "\n"
    got = _labels(parse_text(text), text)
    assert got[_TITLE] == "title"
    assert got[header] == "boilerplate"
    assert [got[t] for t in _OTHER] == ["teaser"] * 3


@pytest.mark.parametrize(("before", "after"), [("← Previous news", "Next news →"), ("Previous article", "Next article")])
def test_the_headline_under_a_previous_or_next_link_is_a_teaser(before: str, after: str) -> None:
    text = "\n".join([_TITLE, _LEAD, *_REST, before, _OTHER[0], after, _OTHER[1]]) + "\n"
    got = _labels(parse_text(text), text)
    assert [got[before], got[after]] == ["boilerplate"] * 2
    assert [got[_OTHER[0]], got[_OTHER[1]]] == ["teaser"] * 2


# -- 13. attached files with their sizes, a gallery's photo counters, a media link with its count: boilerplate --

@pytest.mark.parametrize("lines_", [["Attached files:", "Plan_2027.pdf (312 Kb)", "Programme.docx (48 KB)"],
                                    ["Photo gallery (14)"]])
def test_attached_files_and_counted_media_links_are_the_articles_boilerplate(lines_: list[str]) -> None:
    text = "\n\n".join([_TITLE, _TITLE + " 14.03.2027", _LEAD, *_REST, *lines_, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [_covering(cur, text, t) for t in lines_] == [("boilerplate", "a1")] * len(lines_)
    assert [_covering(cur, text, t) for t in _REST] == [("paragraph", "a1")] * 2


def test_a_photo_reports_counters_are_boilerplate_and_its_captions_text() -> None:
    captions = ["The crews of armoured vehicles move to the area of the operation.",
                "Reconnaissance units at the firing line.", "The command post of the joint grouping of troops."]
    body = [x for n, c in enumerate(captions, 1) for x in (f"{n} / 3", c)]
    text = "\n\n".join([_TITLE, _TITLE + " 14.03.2027", _LEAD, *body, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [_covering(cur, text, f"{n} / 3") for n in (1, 2, 3)] == [("boilerplate", "a1")] * 3
    assert [_covering(cur, text, c) for c in captions] == [("paragraph", "a1")] * 3
