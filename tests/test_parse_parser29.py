"""Round 23 of the parser (parser29): miss classes of sealed set 23, reported as structure only. Pages written
for these tests in the site's manner (sidebar, title, lead, body, footer); no sentence of a sealed page."""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import line_labels

_FOOTER = ["Go back", "Back to the section"]


# -- a page that opens with its title, undated, whose title reports the event or names its day: news ---------------

_REPORTING_TITLES = [
    "The Deputy Secretary General took part in a round table on border security in Central Asia",
    "The Chief of the Joint Staff met with the military attaches of the member states",
    "Session of the CSTO Council of Foreign Ministers March 4, 2019, Minsk",
    "Meeting of the Committee of Secretaries of Security Councils 12 June 2018, Astana",
]
_LEAD = ("The Deputy Secretary General of the Organization discussed with the participants the measures taken to "
         "strengthen the protection of the borders of the member states and the exchange of information.")
_BODY = ["The participants agreed to hold the next meeting of the working group in the autumn and to prepare a "
         "joint report on the situation in the region.",
         "The Secretariat will send the recommendations of the round table to the competent bodies."]


@pytest.mark.parametrize("title", _REPORTING_TITLES)
@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"])
def test_an_undated_page_opening_with_a_title_that_reports_or_dates_the_event_is_news(title: str, gap: str) -> None:
    text = gap.join([title, _LEAD, *_BODY, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "news")]
    assert line_labels(cur, text, [_LEAD, *_BODY]) == [("lead", None), ("paragraph", None), ("paragraph", None)]


def test_an_undated_static_heading_over_text_stays_other() -> None:
    title = "Structure of the Joint Staff"
    text = "\n\n".join([title, _LEAD, *_BODY, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "other")]


# -- a message of condolences is the Organisation's statement, not a report ---------------------------------------

_SIDEBAR_BLANK = ["The Deputy Secretary General received a delegation of the Parliamentary Assembly of the member states.",
                  "On 3 March 2024, in Minsk, the working group on information security held its regular meeting."]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_message_of_condolences_is_a_statement(gap: str) -> None:
    title = "Condolences in connection with the floods in the region"
    body = ["The Secretariat of the Collective Security Treaty Organization expresses sincere condolences to the "
            "relatives of those who died as a result of the floods and wishes the injured a speedy recovery.",
            "The member states are ready to send rescue teams to the affected districts."]
    text = "\n\n\n".join(_SIDEBAR_BLANK) + "\n\n\n" + gap.join([title, "11.03.2024", *body, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "statement")]
    assert line_labels(cur, text, body) == [("paragraph", None), ("paragraph", None)]


# -- a document's heading under a blank-line sidebar whose summaries are long is still the document's title ---------

_LONG_SUMMARY = ("On 21 April 2025, the Secretariat held a working meeting with the delegation of the Executive Committee of "
                 "the Commonwealth, at which the parties agreed on a joint plan of events for the anniversary and on the "
                 "exchange of information on crisis situations in the regions of collective security.")


def test_a_decision_under_a_sidebar_with_a_long_summary_is_the_document() -> None:
    title = "Decision of the Collective Security Council on the Plan of joint exercises for the next year"
    header = ["DECISION", "of the Collective Security Council of the Collective Security Treaty Organization",
              "The Collective Security Council of the Collective Security Treaty Organization", "decided:"]
    points = ["1. To approve the Plan of joint exercises of the Collective Forces (attached).",
              "2. This Decision shall enter into force on the date of its signing."]
    text = "\n\n".join([*_SIDEBAR_BLANK, _LONG_SUMMARY, title]) + "\n\n" + "\n".join([*header, *points]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "document")]
    assert line_labels(cur, text, [_LONG_SUMMARY, title]) == [("teaser", None), ("title", None)]


# -- a dated photo page: one undated caption over the photos' file names is a gallery (other); a dated report is news -

_PHOTOS = ["IMG_7101.JPG", "IMG_7115.JPG", "IMG_7132.JPG"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_dated_page_of_one_undated_caption_over_photo_files_is_other(gap: str) -> None:
    title = "Reception on the occasion of the anniversary of the Joint Staff"
    caption = "Pictures from the reception at the Joint Staff held in honour of the veterans of the peacekeeping forces."
    text = gap.join([title, "19.06.2024", caption, *_PHOTOS, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "other")]
    assert line_labels(cur, text, [caption]) == [("paragraph", None)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_dated_report_over_photo_files_stays_news(gap: str) -> None:
    title = "Photo report: tactical training of the reconnaissance units"
    lead = ("On 17-19 June 2024, near the city of Osh, reconnaissance units of the Collective Rapid Reaction Forces "
            "took part in a tactical training.")
    text = gap.join([title, "19.06.2024", lead, *_PHOTOS, *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "news")]
    assert line_labels(cur, text, [lead]) == [("lead", None)]


# -- under a dated list, a title of one or two sentences ending in a stop, set apart from its single-newline text ---

_DATED_LIST = ["05.09.2024", "The Deputy Secretary General spoke at a seminar on the prevention of conflicts in Bishkek.",
               "03.09.2024", "On 3 September 2024, the working group on Afghanistan met in Moscow to review the drug situation.",
               "30.08.2024", "Officers of the Joint Staff completed the reconnaissance of the training grounds in Belarus."]


def test_a_sentence_title_under_a_dated_list_set_apart_from_its_text_is_the_title() -> None:
    title = "The exercise “Frontier-2024” has been completed. Its results were reviewed in Dushanbe."
    body = ["The final stage of the exercise took place at the training ground near the border with Afghanistan.",
            "The units practised the search for armed groups and the evacuation of the wounded by helicopters.",
            "The Secretary General thanked the commanders of the contingents for the professional work.",
            "The next exercise of the Collective Forces will be held in the autumn."]
    items = "\n\n\n".join("\n\n".join(_DATED_LIST[k : k + 2]) for k in range(0, len(_DATED_LIST), 2))
    text = items + "\n\n\n" + title + "\n\n" + "\n".join(body) + "\n\n" + "\n".join(_FOOTER) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "news")]
    assert line_labels(cur, text, [_DATED_LIST[-1], title, body[0], body[1]]) == [
        ("teaser", None), ("title", None), ("lead", None), ("paragraph", None)]


# -- a video page's title over its player's bare duration (``04:37``, no ``Duration:`` word) -------------------------

@pytest.mark.parametrize("duration", ["03:52", "1:03:52"])
def test_a_video_title_over_a_bare_duration_under_a_dated_list(duration: str) -> None:
    title = "Video: joint exercise “Rubezh-2024” in Tajikistan"
    caption = ("Units of the Collective Rapid Reaction Forces practise the destruction of armed groups that crossed "
               "the border in mountainous terrain.")
    items = "\n\n\n".join("\n\n".join(_DATED_LIST[k : k + 2]) for k in range(0, len(_DATED_LIST), 2))
    text = items + "\n\n\n" + "\n\n".join([title, duration, caption]) + "\n\nGo back\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "other")]
    assert line_labels(cur, text, [title, duration, caption]) == [
        ("title", None), ("boilerplate", None), ("paragraph", None)]


# -- a timeline page: a heading over years alone on their lines, each over its paragraph ---------------------------

def test_a_timeline_under_a_long_heading_is_a_static_page() -> None:
    title = "Main stages of the development of the Collective Forces"
    years = [("2001", "On 25 May, in Yerevan, the heads of state decided to form the Collective Rapid Deployment Forces "
                      "of the Central Asian region."),
             ("2009", "On 14 June, the Agreement on the Collective Rapid Reaction Forces was signed in Moscow."),
             ("2012", "The Collective Peacekeeping Forces were formed, and the first joint exercise was held."),
             ("2021", "The Collective Forces carried out their first operation at the request of a member state.")]
    text = "\n\n".join([title, *(line for pair in years for line in pair), *_FOOTER]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "other")]
    assert line_labels(cur, text, [years[0][0], years[0][1], years[1][0]]) == [
        ("heading", None), ("paragraph", None), ("heading", None)]
