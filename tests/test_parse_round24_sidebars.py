"""Round 24 of the parser (parser28): miss classes of sealed set 22, reported as structure only. Pages
written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import lines

_ARTICLE = ["Ministers of defence of the member states met in Minsk",
            "Ministers of defence of the member states met in Minsk 12.03.2027",
            "On 12 March 2027, the ministers of defence of the member states met in Minsk to discuss joint training "
            "plans.",
            "The ministers approved the plan of joint exercises for the next year and agreed on the dates of the "
            "staff training."]
_ITEMS = ["Border guards of three countries finished a joint patrol along the mountain sections of the frontier.",
          "The Secretariat received a delegation of a member state's parliament to discuss the ratification of agreements",
          "Students of the military academies took part in a conference on the history of the collective security system."]


def _labels(cur, text: str) -> dict[str, str]:
    return {t: label for label, t, _ in lines(cur, text)}


# -- 1. undated sidebar items (a headline or a one-sentence summary a line) after the footer's 'Go back' ---

@pytest.mark.parametrize("header", [[], ["Other news"], ["Tags: Minsk, ministers of defence"]])
@pytest.mark.parametrize("tail", [[], ["The Council of Foreign Ministers agreed on the"]])
def test_undated_items_after_the_footer_are_teasers(header: list[str], tail: list[str]) -> None:
    text = "\n".join(["Home | About | News | Contacts", "", *_ARTICLE, "", "Go back", *header, *_ITEMS, *tail])
    cur = parse_text(text)
    got = _labels(cur, text)
    assert cur.articles[0].title == _ARTICLE[0]
    assert got["Go back"] == "boilerplate"
    assert all(got[h] == "boilerplate" for h in header)
    assert [got[t] for t in [*_ITEMS, *tail]] == ["teaser"] * (len(_ITEMS) + len(tail))


def test_one_line_after_the_footer_is_no_sidebar() -> None:
    text = "\n".join([*_ARTICLE, "", "Go back", "When using materials of the site, a link to the source is required."])
    got = _labels(parse_text(text), text)
    assert got["When using materials of the site, a link to the source is required."] == "boilerplate"


# -- 2. an error page whose message is two short sentences on one line: a notice, no Article -------------

@pytest.mark.parametrize("code", [[], ["404"]])
def test_an_error_message_of_two_short_sentences_is_a_notice(code: list[str]) -> None:
    text = "\n".join(["Home | About | Documents | News | Contacts", "", *code, "The requested page does not exist",
                      "It was removed or renamed. Go to the home page or try the search.", "Search",
                      "© Collective Security Treaty Organization. All rights reserved."])
    cur = parse_text(text)
    assert not cur.articles
    assert {label for label, _, _ in lines(cur, text)} == {"boilerplate"}


def test_a_short_story_of_three_sentences_under_its_headline_stays_an_article() -> None:
    text = "\n".join(["Home | About | Documents | News | Contacts", "",
                      "The Secretary General met with the Ambassador of Mongolia",
                      "They met in Moscow. They discussed the agenda. They agreed to meet again.", "Go back",
                      "© Collective Security Treaty Organization. All rights reserved."])
    assert parse_text(text).articles


# -- 3. a mobile layout's chrome: the menu button, a lower-case language switcher -------------------------

_TEASERS = ["On 3 February 2027, officers of the Joint Staff completed a course on crisis response planning.",
            "The Deputy Secretary General took part in a seminar on border security in Almaty",
            "The Council of Foreign Ministers will meet in Minsk on 20 March."]


@pytest.mark.parametrize("switch", ["en | ru", "ru / en / kz"])
def test_a_menu_button_and_a_lower_case_language_switcher_are_boilerplate(switch: str) -> None:
    text = "\n".join(["Menu", "Search", switch, "Home / News", *_TEASERS, "", *_ARTICLE])
    got = _labels(parse_text(text), text)
    assert [got["Menu"], got[switch]] == ["boilerplate"] * 2
    assert [got[t] for t in _TEASERS] == ["teaser"] * 3
    assert got[_ARTICLE[0]] == "title"


# -- 4. a section, tag or search page: its heading over dated items down to the listing's navigation -------

_DATED = [("The Council of Defence Ministers approved the plan of joint trainings", "14.03.2027",
           "The ministers met in Minsk and agreed on the calendar of staff trainings for the year."),
          ("Rescuers of the member states completed a course in Khimki", "10.03.2027",
           "Forty officers learned to work with new equipment at the academy near Moscow."),
          ("The Secretary General met with the Ambassador of Mongolia", "02.03.2027",
           "The parties discussed the situation in Central Asia and the year's plans."),
          ("Border guards held consultations in Dushanbe", "25.02.2027",
           "The heads of the border services agreed on joint patrols along the southern frontier.")]


def _items(shape: str) -> list[str]:
    out: list[str] = []
    for headline, date, summary in _DATED:
        out += {"hds": [headline, date, summary], "dh": [date, headline], "hsd": [headline, summary, date],
                "sds": [f"Agency, {date}", headline, summary]}[shape]
    return out


@pytest.mark.parametrize("shape", ["hds", "dh", "hsd", "sds"])
@pytest.mark.parametrize("heading", ["CSTO news", "Tag: CRRF", "Statements"])
@pytest.mark.parametrize("counter", [[], ["Found: 48 results"]])
@pytest.mark.parametrize("pager", ["1 2 3 ... 13 Next", "Show more", "« 1 2 3 4 5 ... 118 »"])
def test_a_heading_over_dated_items_and_a_pager_is_the_listing_title(shape: str, heading: str, counter: list[str],
                                                                    pager: str) -> None:
    items = _items(shape)
    text = "\n".join(["Menu", "Search", "en | ru", "Main / Press centre / News", "", heading, *counter, *items, pager])
    cur = parse_text(text)
    got = _labels(cur, text)
    assert [(a.title, a.kind) for a in cur.articles] == [(heading, "other")]
    assert [got[c] for c in counter] == ["boilerplate"] * len(counter)
    assert {got[t] for t in items} == {"teaser"}
    assert got[pager] == "boilerplate"


def test_dated_items_without_a_heading_stay_a_listing_without_an_article() -> None:
    items = _items("hds")
    text = "\n".join(["Main / Press centre / News", "", *items, "Show more"])
    assert not parse_text(text).articles


def test_the_heading_under_a_menu_laid_out_one_item_a_line_is_the_listing_title() -> None:
    items = _items("dh")
    menu = ["About the CSTO", "Structure", "Member states", "Documents", "Press centre", "Contacts"]
    text = "\n".join([*menu, "Statements", *items, "Download all (ZIP, 2.4 MB)"])
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == ["Statements"]
    assert {label for label, t, _ in lines(cur, text) if t in menu} == {"boilerplate"}


# -- 5. an interview of 'Question:' / 'Answer:' turns under its title and lead, after a blank-line sidebar --

_SIDEBAR_PARAS = ["The anti-drug operation in its spring stage covered airports and postal centres of the member "
                  "states; the results will be reviewed in June.",
                  "Deputy Secretary General met with the head of the OSCE border management unit",
                  "Representatives of the emergency ministries agreed on a schedule of rescue drills for two years."]
_INTERVIEW = ['Head of the Joint Staff\'s training department: "Every exercise is harder than the last"',
              "The head of the training department of the Joint Staff told the website of the Organization how the "
              "exercises are planned.",
              "Question: How is an exercise planned?",
              "Answer: A year ahead. The staffs agree on the scenario, then on the forces and the ranges.",
              "Question: Which exercise was the hardest?",
              "Answer: The last one. We worked with six armies and three languages of command at once."]


@pytest.mark.parametrize("lead", [True, False])
@pytest.mark.parametrize("prefixes", [("Question: ", "Answer: "), ("Q: ", "A: ")])
def test_an_interview_of_prefixed_turns_after_a_sidebar_is_the_article(lead: bool, prefixes: tuple[str, str]) -> None:
    body = [t.replace("Question: ", prefixes[0]).replace("Answer: ", prefixes[1]) for t in _INTERVIEW[2:]]
    article = [_INTERVIEW[0], *([_INTERVIEW[1]] if lead else []), *body]
    text = "\n\n\n".join(_SIDEBAR_PARAS) + "\n\n\n\n" + "\n\n".join(article)
    cur = parse_text(text)
    got = _labels(cur, text)
    assert [a.title for a in cur.articles] == [_INTERVIEW[0]]
    assert [got[t] for t in body] == ["question", "answer"] * 2
    assert {got[t] for t in _SIDEBAR_PARAS} == {"teaser"}


# -- 6. a mobile layout: the page's one date line stands over the title --------------------------------------

_MOBILE = ["The Secretary General met with the Minister of Defence of Belarus",
           "On 27 September 2027, in Sochi, the CSTO Secretary General met with the Minister of Defence of Belarus.",
           "The sides discussed the results of the joint training of the collective forces held in September.",
           "The Secretary General thanked the Belarusian side for the organisation of the training."]


def test_the_one_date_line_over_the_title_dates_the_article_and_stays_outside_it() -> None:
    text = "\n".join(["Menu", "Search", "en | ru", "Home / News", "28.09.2027", *_MOBILE, "Read also:",
                      "The Joint Staff summed up the results of the autumn training of the collective forces",
                      "Full version of the site"])
    cur = parse_text(text)
    got = _labels(cur, text)
    assert [(a.title, str(a.date)) for a in cur.articles] == [(_MOBILE[0], "2027-09-28")]
    assert got["28.09.2027"] == "boilerplate"
    assert [got[t] for t in _MOBILE[1:]] == ["lead", "paragraph", "paragraph"]
    assert got["Full version of the site"] == "boilerplate"


def test_a_dated_item_over_its_headline_among_more_dated_items_is_no_article() -> None:
    items = ["28.09.2027", _MOBILE[0], _MOBILE[1], "21.09.2027", "The Joint Staff summed up the autumn trainings",
             "Officers of six armies completed the trainings at three ranges in September."]
    text = "\n".join(["Home / News", *items, "Show more"])
    assert not parse_text(text).articles


# -- 7. the site's chrome around the Article: box headers, print-version lines, a calendar widget ----------

@pytest.mark.parametrize("header", ["Read also:", "Most read", "Related"])
def test_a_box_header_after_the_text_is_boilerplate_and_its_items_teasers(header: str) -> None:
    items = ["08.04.2027", "Session of the Collective Security Council in Astana",
             "15.04.2027", "Briefing for military attachés at the Joint Staff"]
    text = "\n".join([*_ARTICLE, header, *items, "© Collective Security Treaty Organization. All rights reserved."])
    got = _labels(parse_text(text), text)
    assert got[header] == "boilerplate"
    assert [got[t] for t in items] == ["teaser"] * 4
    assert got[_ARTICLE[-1]] == "paragraph"


@pytest.mark.parametrize("line", ["Close window", "☰", "← Back to news", "Mo Tu We Th Fr Sa Su", "Calendar"])
def test_chrome_over_the_title_is_boilerplate(line: str) -> None:
    text = "\n".join([line, *_TEASERS, "", *_ARTICLE])
    got = _labels(parse_text(text), text)
    assert got[line] == "boilerplate"
    assert got[_ARTICLE[0]] == "title"


@pytest.mark.parametrize("line", ["Printed from: http://www.odkb-csto.org/news/detail.php?ELEMENT_ID=1234",
                                  "Print | Send to a friend"])
def test_a_print_footer_under_the_text_is_outside_the_article(line: str) -> None:
    text = "\n".join([*_ARTICLE, line])
    cur = parse_text(text)
    seg = next(s for s in cur.segments if text[s.start:s.end] == line)
    assert (seg.label, seg.article) == ("boilerplate", None)


# -- 8. a box's header over the sidebar before the title, a calendar widget's month ---------------------------

@pytest.mark.parametrize("header", ["Announcements", "Events", "Our news"])
def test_a_short_header_over_the_sidebar_before_the_title_is_boilerplate(header: str) -> None:
    items = ["08.04.2027 Session of the Collective Security Council in Astana",
             "15.04.2027 Briefing for military attachés at the Joint Staff"]
    text = "\n".join([header, *items, "", *_ARTICLE])
    got = _labels(parse_text(text), text)
    assert got[header] == "boilerplate"
    assert [got[t] for t in items] == ["teaser"] * 2
    assert got[_ARTICLE[0]] == "title"


def test_a_calendar_widget_before_the_title_is_boilerplate() -> None:
    widget = ["Calendar", "March 2027", "Mo Tu We Th Fr Sa Su", "1 2 3 4 5 6 7", "8 9 10 11 12 13 14"]
    text = "\n".join(["Home > Press centre > News", *widget, "", *_ARTICLE])
    got = _labels(parse_text(text), text)
    assert {got[t] for t in widget} == {"boilerplate"}
    assert got[_ARTICLE[0]] == "title"
