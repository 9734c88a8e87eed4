"""Round 22 of the parser on unseen layouts (parser24): the integrator's gold decisions of round 22 and the
miss classes of sealed set 18, reported as structure only. Pages written for these tests in the site's manner
(menu, sidebar of dated teasers, title, DD.MM.YYYY dateline, lead, body, footer), checked line by line.
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


def _page(body: list[str], gap: str) -> str:
    return gap.join([_MENU, *_SIDEBAR, *body, *_FOOTER]) + "\n"


def _article(cur, text: str) -> list[tuple[str, str, str | None]]:
    return [(label, t, spk) for label, t, spk in lines(cur, text) if label not in ("teaser", "boilerplate")]


# -- decision 1': the signature lines closing a speech are its headings (no one's words) --------------------------

_SPEECH = ["Dear participants of the conference!",
           "I am glad to greet you on behalf of the Organization. We highly value your work for the security of "
           "our states and for the friendship of our peoples.",
           "I wish you fruitful work and all the best."]
_SPEECH_SIGNATURES = [
    (["Secretary General of the Collective Security Treaty Organization", "I. Tasmagambetov"], "Imangali Tasmagambetov"),
    (["Imangali Tasmagambetov,", "Secretary General of the CSTO"], "Imangali Tasmagambetov"),
    (["Chairman of the Council of Defence Ministers,", "Minister of Defence of the Republic of Belarus", "V. Khrenin"],
     "V. Khrenin"),
    (["Secretary General of the CSTO T. Masadykov"], "Taalatbek Masadykov"),
]


@pytest.mark.parametrize("k", range(len(_SPEECH_SIGNATURES)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_speechs_closing_signature_lines_are_headings_of_no_one(k: int, gap: str) -> None:
    sign, who = _SPEECH_SIGNATURES[k]
    title = "Greeting to the participants of the conference on regional security"
    text = _page([title, "16.04.2026", *_SPEECH, *sign], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "speech")]
    assert _line_labels(cur, text, sign) == [("heading", None)] * len(sign)
    assert {spk for _, t, spk in _article(cur, text) if t in _SPEECH[1:]} == {who}


# -- decision 2: the header row of a table (cells set apart by " | " or by tabs) is a heading; its rows paragraphs --

_TABLES = [
    ["Member state | Personnel | Units", "Republic of Armenia | 450 | 3", "Republic of Belarus | 1200 | 5",
     "Republic of Kazakhstan | 1500 | 6"],
    ["No. | Name of the course | Hours", "1 | Countering extremism on the Internet | 72",
     "2 | Protection of critical infrastructure | 36"],
    ["Position | Name | State", "Secretary General | Imangali Tasmagambetov | Kazakhstan",
     "Deputy Secretary General | Samat Ordabaev | Kyrgyzstan", "Chief of the Joint Staff | Andrei Serdyukov | Russia"],
    ["No.\tName of the exercise\tDates\tPlace", "1\t\"Search-2026\"\tSeptember\tRepublic of Belarus",
     "2\t\"Interaction-2026\"\tOctober\tKyrgyz Republic", "3\t\"Echelon-2026\"\tOctober\tKyrgyz Republic"],
]


@pytest.mark.parametrize("k", range(len(_TABLES)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_tables_header_row_is_a_heading_and_its_rows_paragraphs(k: int, gap: str) -> None:
    rows = _TABLES[k]
    title = "The Secretariat published the plan of joint activities for 2026"
    lead = ("On 10 April 2026, the CSTO Secretariat published the consolidated plan of joint activities of the "
            "member states for the current year.")
    after = "The plan was agreed with the permanent representatives of the member states."
    text = _page([title, "10.04.2026", lead, "The main figures are given in the table below.", *rows, after], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert [label for label, _ in _line_labels(cur, text, rows)] == ["heading"] + ["paragraph"] * (len(rows) - 1)
    assert _line_labels(cur, text, [after]) == [("paragraph", None)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_rows_of_figures_with_no_header_row_are_all_paragraphs(gap: str) -> None:
    rows = ["Republic of Armenia | 450 | 3", "Republic of Belarus | 1200 | 5", "Republic of Kazakhstan | 1500 | 6"]
    title = "The Secretariat published the plan of joint activities for 2026"
    lead = ("On 10 April 2026, the CSTO Secretariat published the consolidated plan of joint activities of the "
            "member states for the current year.")
    text = _page([title, "10.04.2026", lead, "The contingents are listed below.", *rows], gap)
    cur = parse_text(text)
    assert [label for label, _ in _line_labels(cur, text, rows)] == ["paragraph"] * len(rows)


# -- a statement's "Name," over its office, and a document's "For the <State>" lines: the Article's headings
# (round 22 gold decision 1'; paragraphs in 2.173.0-2.177.0) -------------------------------------------------------

_STATEMENT = ["Statement of the CSTO Secretary General in connection with the terrorist attack in the city",
              "I strongly condemn the terrorist attack committed in the city, which claimed the lives of civilians.",
              "On behalf of the Secretariat, I express deep condolences to the families of the victims and wish a "
              "speedy recovery to the injured."]
_STATEMENT_SIGNS = [["Taalatbek Masadykov,", "Secretary General of the CSTO"],
                    ["Imangali Tasmagambetov,", "Secretary General of the Collective Security Treaty Organization"]]


@pytest.mark.parametrize("k", range(len(_STATEMENT_SIGNS)))
@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("gap", ["\n", "\n\n", "block"])
def test_a_statements_name_over_its_office_is_its_headings(k: int, dated: bool, gap: str) -> None:
    sign = _STATEMENT_SIGNS[k]
    head = [_STATEMENT[0], *(["12.03.2026"] if dated else []), *_STATEMENT[1:]]
    # ("block": blank lines between the paragraphs, the signature's lines one block under them)
    text = _page([*head, "\n".join(sign)], "\n\n") if gap == "block" else _page([*head, *sign], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_STATEMENT[0], "statement")]
    assert _line_labels(cur, text, sign) == [("heading", None)] * len(sign)
    assert all(any(t in s.text for s in cur.segments if s.article) for t in sign)


_DECISION = ["Decision of the Collective Security Council on the Plan of joint activities for 2026-2028", "28.11.2025",
             "The Collective Security Council of the Collective Security Treaty Organization",
             "decides:",
             "1. To approve the Plan of joint activities of the member states for 2026-2028.",
             "2. This Decision shall enter into force on the date of its signature.",
             "Done in the city of Moscow on 27 November 2025 in one original copy in the Russian language."]
_PARTIES = ["For the Republic of Armenia", "For the Republic of Belarus", "For the Republic of Kazakhstan",
            "For the Kyrgyz Republic"]


@pytest.mark.parametrize("n", [2, 4])
@pytest.mark.parametrize("footer", [True, False])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_documents_for_the_state_lines_are_its_headings(n: int, footer: bool, gap: str) -> None:
    parties = _PARTIES[:n]
    body = [*_DECISION, *parties]
    text = (_page(body, gap) if footer else gap.join([_MENU, *_SIDEBAR, *body]) + "\n")
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_DECISION[0], "document")]
    assert _line_labels(cur, text, parties) == [("heading", None)] * n
    assert all(any(t in s.text for s in cur.segments if s.article) for t in parties)


# -- a document's header over several lines ("DECISION" / "of the …" / "on the …"): every line a heading -----------

_HEADERS = [
    ("Decision of the Collective Security Council on the Plan of joint activities to counter terrorism",
     ["DECISION", "of the Collective Security Council of the Collective Security Treaty Organization",
      "on the Plan of joint activities to counter international terrorism for 2026-2028"],
     ["The Collective Security Council of the Collective Security Treaty Organization, guided by the Charter of "
      "the Organization, decides to approve the Plan.", "This Decision shall enter into force on the date of its "
      "signature."]),
    ("Statement of the Ministers for Foreign Affairs of the CSTO member states on the anniversary of the Victory",
     ["STATEMENT", "of the Ministers for Foreign Affairs of the member states of the Collective Security Treaty "
      "Organization", "on the eighty-first anniversary of the Victory"],
     ["We, the Ministers for Foreign Affairs of the member states, pay tribute to the soldiers who liberated "
      "Europe.", "We will continue to oppose any attempts to falsify the history of the Second World War."]),
    ("Collective Security Strategy of the CSTO for the period up to 2035",
     ["COLLECTIVE SECURITY STRATEGY", "of the Collective Security Treaty Organization for the period up to 2035"],
     ["1. The Strategy is a system of views of the member states on ensuring collective security.",
      "2. The legal basis of the Strategy is the Collective Security Treaty and the Charter of the Organization."]),
]


@pytest.mark.parametrize("k", range(len(_HEADERS)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_documents_header_over_several_lines_is_headings(k: int, gap: str) -> None:
    title, header, body = _HEADERS[k]
    text = _page([title, "14.11.2025", *header, *body], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert [label for label, _ in _line_labels(cur, text, header)] == ["heading"] * len(header)
    assert [label for label, _ in _line_labels(cur, text, body)] == ["paragraph"] * len(body)


@pytest.mark.parametrize("n", [2, 4])
def test_a_documents_for_the_state_lines_in_one_block_are_its_headings(n: int) -> None:
    parties = _PARTIES[:n]
    text = _page([*_DECISION, "\n".join(parties)], "\n\n")
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_DECISION[0], "document")]
    assert _line_labels(cur, text, parties) == [("heading", None)] * n
    assert all(any(t in s.text for s in cur.segments if s.article) for t in parties)


# -- events: an upper-case city opening the lead, a date in words with its year, a named mountain range ----------

def _event(cur) -> tuple[str | None, str | None]:
    ev = cur.events[0] if cur.events else None
    return (str(ev.date) if ev and ev.date else None, ev.place if ev else None)


_REPORT_TITLE = "The Council of Defence Ministers discussed the development of the collective forces"
_REPORT_BODY = ["The Council approved a draft decision on the joint air defence system of the region.",
                "The next meeting of the Council will be held in the spring."]


@pytest.mark.parametrize("city, dateline, place, date", [
    ("BISHKEK", "November 27, 2019", "Bishkek", "2019-11-27"),
    ("ASTANA", "14 May 2024", "Astana", "2024-05-14"),
    ("ST. PETERSBURG", "April 3, 2025", "St. Petersburg", "2025-04-03"),
])
@pytest.mark.parametrize("dash", [" –", " -", ","])
def test_an_upper_case_city_opening_the_lead_is_the_events_place(city: str, dateline: str, place: str, date: str,
                                                                 dash: str) -> None:
    lead = (f"{city}, {dateline}{dash} the defence ministers of the member states gathered to discuss the "
            "development of the collective forces and the plan of joint trainings.")
    page_date = "15.05.2024" if "2024" in date else ("28.11.2019" if "2019" in date else "04.04.2025")
    text = _page([_REPORT_TITLE, page_date, lead, *_REPORT_BODY], "\n\n")
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [_REPORT_TITLE]
    assert _event(cur) == (date, place)


@pytest.mark.parametrize("words, date", [("the fifth of March 2025", "2025-03-05"),
                                         ("the twenty-first of September 2024", "2024-09-21"),
                                         ("the thirty-first of October 2023", "2023-10-31")])
def test_a_date_written_in_words_with_its_year_dates_the_event(words: str, date: str) -> None:
    lead = (f"Early on Wednesday, {words}, the units of the collective forces arrived at the railway station in "
            "Osh and marched to the training area.")
    text = _page([_REPORT_TITLE, "01.11.2025", lead, *_REPORT_BODY], "\n\n")
    cur = parse_text(text)
    assert _event(cur) == (date, "Osh")


def test_a_date_in_words_without_a_year_or_the_article_is_no_date() -> None:
    from curator.core.parse.dates import prose_dates
    assert prose_dates("We remember the twenty-second of June, when the war began.", reference=None) == []
    assert prose_dates("On the eighth of March the staff congratulated the women.", reference=None) == []


@pytest.mark.parametrize("site", ["the Lyaur mountain range", "the Momyn range"])
def test_a_named_range_with_no_city_is_the_events_place(site: str) -> None:
    lead = (f"Units of four member states completed the active phase of their joint exercise at {site} on "
            "October 12, 2023.")
    text = _page(["The joint exercise of the collective forces ended in the mountains", "13.10.2023", lead,
                  *_REPORT_BODY], "\n\n")
    cur = parse_text(text)
    assert _event(cur) == ("2023-10-12", site.replace("the ", "", 1))


@pytest.mark.parametrize("where, place", [("at the Lyaur range in the Almaty region", "Almaty region"),
                                          ("at the Momyn range near Dushanbe", "Dushanbe")])
def test_a_named_range_gives_way_to_the_town_or_region_named_with_it(where: str, place: str) -> None:
    lead = f"On 12 October 2023, units of four member states completed their joint exercise {where}."
    text = _page(["The joint exercise of the collective forces ended in the mountains", "13.10.2023", lead,
                  *_REPORT_BODY], "\n\n")
    cur = parse_text(text)
    assert _event(cur) == ("2023-10-12", place)


# -- a lead is the report's, never someone's words (every gold set: no lead has a speaker) ---------------------------

_SPOKEN_LEADS = [
    "Imangali Tasmagambetov spoke on Monday to the students of the Diplomatic Academy about the priorities of the "
    "Organization.",
    "The Minister of Defence of the Republic of Belarus Viktor Khrenin said that the joint exercises would be held "
    "in September.",
    "“We are ready to respond to any threat,” Secretary General Imangali Tasmagambetov stressed at the briefing.",
]


@pytest.mark.parametrize("k", range(len(_SPOKEN_LEADS)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_lead_has_no_speaker(k: int, gap: str) -> None:
    title = "The Secretary General spoke about the priorities of the Organization"
    body = [_SPOKEN_LEADS[k], "The students asked about the peacekeeping activities of the Organization.",
            "The meeting lasted two hours."]
    text = _page([title, "14.04.2026", *body], gap)
    cur = parse_text(text)
    got = _article(cur, text)
    assert [(label, spk) for label, t, spk in got if t == body[0]] == [("lead", None)]


# -- a speech page's narrative opening that says when the meeting was held stays its lead --------------------------

_NARRATIONS = [
    "The Council of Foreign Ministers of the member states met on 14 April 2026 in Minsk. The Secretary General "
    "addressed the participants at the opening of the meeting.",
    "The session of the Parliamentary Assembly was held in St. Petersburg on April 14, 2026, and the Secretary "
    "General spoke at its plenary part.",
]


@pytest.mark.parametrize("k", range(len(_NARRATIONS)))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_speech_pages_dated_narration_is_its_lead(k: int, gap: str) -> None:
    title = "Speech of the CSTO Secretary General at the meeting of the Council of Foreign Ministers"
    speech = ["Dear colleagues!", "I thank the Belarusian side for the excellent organization of our meeting.",
              "We have done a great deal of work over the past six months."]
    text = _page([title, f"{title} 14.04.2026", _NARRATIONS[k], *speech], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "speech")]
    got = _article(cur, text)
    assert [(label, spk) for label, t, spk in got if t == _NARRATIONS[k]] == [("lead", None)]
    assert {spk for label, t, spk in got if t in speech[1:]} == {"Taalatbek Masadykov"}
    assert cur.events and cur.events[0].place in ("Minsk", "St. Petersburg")
