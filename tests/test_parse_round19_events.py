"""Round 19 (integrator): the main Event's place and date where the page states them away from the lead.

- a named training ground "near" / "outside" a city: the Event's place is the city (a ground with no city
  stays the ground's name);
- a city word inside an organisation's name (``the Shanghai Cooperation Organisation``, ``the OSCE Minsk
  Group``) is not where the meeting was;
- a report whose lead gives no date, followed by ``The meeting took place on … in …``: that paragraph
  gives the date and place;
- a decision or agreement closing with the formula ``Done in City on D Month YYYY …`` (before its
  signatures): that is its Event's place and date.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text


def _events(text: str) -> list[tuple[str, str | None]]:
    return [(str(e.date), e.place) for e in parse_text(text).events]


_SIDEBAR = ["News", "The CSTO Secretary General held talks in Yerevan 03.02.2025",
            "Officers of the collective forces completed their courses 28.01.2025"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR])
@pytest.mark.parametrize("near", ["near", "outside", "not far from"])
def test_a_training_ground_near_a_city_gives_the_city(gap: str, sidebar: list[str], near: str) -> None:
    title = "The joint exercise of the peacekeeping forces ended in Kyrgyzstan"
    text = gap.join([*sidebar, title, "14.09.2025",
                     "The active phase of the joint exercise of the peacekeeping forces ended at the "
                     f"Koisary training ground {near} Karakol on 14 September 2025.",
                     "About nine hundred servicemen of the member states took part."]) + "\n"
    assert _events(text) == [("2025-09-14", "Karakol")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_training_ground_with_no_city_stays_the_ground(gap: str) -> None:
    title = "Reconnaissance units began their training in Tajikistan"
    text = gap.join([title, "06.10.2025",
                     "From 6 to 10 October 2025, at the Lyaur training ground in the Republic of Tajikistan, "
                     "reconnaissance units of the collective forces practised a search operation.",
                     "The units worked with unmanned aerial vehicles."]) + "\n"
    assert _events(text) == [("2025-10-06", "Lyaur training ground")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("org, city", [
    ("the Council of Foreign Ministers of the Shanghai Cooperation Organisation", "Bishkek"),
    ("the co-chairs of the OSCE Minsk Group", "Vienna"),
])
def test_a_city_in_an_organisations_name_is_not_the_place(gap: str, org: str, city: str) -> None:
    title = "The CSTO Secretary General took part in the ministerial meeting"
    text = gap.join([title, "16.06.2025",
                     f"On 16 June 2025, the CSTO Secretary General took part in the meeting of {org} in {city}.",
                     "The participants discussed the situation in the region."]) + "\n"
    assert _events(text) == [("2025-06-16", city)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("held", ["The meeting took place on 8 April 2025 at the CSTO Secretariat in Moscow.",
                                  "The talks were held on 8 April 2025 in Moscow."])
def test_a_date_and_place_in_the_paragraph_after_a_dateless_lead(gap: str, held: str) -> None:
    title = "Meeting of the CSTO Secretary General with the Ambassador of Serbia"
    text = gap.join([title, "",
                     "The CSTO Secretary General and the Ambassador of the Republic of Serbia exchanged views on "
                     "cooperation in countering drug trafficking.",
                     f"{held} The parties noted the importance of regular contacts.",
                     "The Ambassador informed his counterpart about the preparations for the conference."]) + "\n"
    assert _events(text) == [("2025-04-08", "Moscow")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("signed", [[], ["For the Republic of Armenia", "N. Pashinyan",
                                         "For the Republic of Belarus", "A. Lukashenko"]])
def test_a_decision_done_in_a_city_on_a_date(gap: str, signed: list[str]) -> None:
    title = "Decision of the Council of Defence Ministers on the Plan of Joint Exercises for 2027"
    text = gap.join([title, "02.12.2026",
                     "The Council of Defence Ministers of the Collective Security Treaty Organization", "decided:",
                     "1. To approve the Plan of Joint Exercises of the collective forces for 2027.",
                     "2. This Decision enters into force on the date of its signing.",
                     "Done in Astana on 2 December 2026 in one original copy in the Russian language.",
                     *signed]) + "\n"
    assert _events(text) == [("2026-12-02", "Astana")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("opening", [
    "We, the Ministers of Defence of the member states of the Collective Security Treaty Organization, meeting "
    "on 12 June 2025 in Yerevan,",
    "The heads of the member states of the Collective Security Treaty Organization, having met in Yerevan on "
    "12 June 2025,",
])
def test_a_joint_statement_says_where_its_signatories_met(gap: str, opening: str) -> None:
    title = "Joint Statement of the Ministers of Defence of the CSTO member states"
    text = gap.join([title, f"{title} 12.06.2025", opening,
                     "- note the completion of the joint exercises of the collective forces;",
                     "- call on all states to refrain from steps that lead to an arms race."]) + "\n"
    assert _events(text) == [("2025-06-12", "Yerevan")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_communique_opening_with_its_date_and_place(gap: str) -> None:
    title = "Joint communiqué following the consultations of the CSTO and CIS secretariats"
    text = gap.join([title, f"{title} 20.10.2025",
                     "On 20 October 2025, in Bishkek, consultations were held between the Secretariat of the "
                     "Collective Security Treaty Organization and the Executive Committee of the CIS.",
                     "The parties:", "- noted the complementarity of the two organizations;",
                     "- agreed to hold joint events."]) + "\n"
    assert _events(text) == [("2025-10-20", "Bishkek")]


@pytest.mark.parametrize("title", [
    "Declaration of the Collective Security Council of the Collective Security Treaty Organization",
    "Yerevan Declaration of the Collective Security Council of the Collective Security Treaty Organization",
    "DECISION of the Council of Defence Ministers on the Plan of Joint Exercises for 2027",
])
def test_a_councils_declaration_or_decision_is_a_session(title: str) -> None:
    text = "\n".join([title, "12.06.2025",
                      "The heads of the member states of the Collective Security Treaty Organization, having met in "
                      "Yerevan on 12 June 2025, reaffirming their commitment to the Charter of the United Nations,",
                      "declare:", "1. The member states will continue their joint training.",
                      "Done in Yerevan on 12 June 2025 in one original copy in the Russian language."]) + "\n"
    assert [(e.type, str(e.date), e.place) for e in parse_text(text).events] == [("session", "2025-06-12", "Yerevan")]


@pytest.mark.parametrize("word", ["conference", "round table", "debate"])
def test_a_conference_is_a_meeting_and_a_press_conference_a_briefing(word: str) -> None:
    title = f"The CSTO Deputy Secretary General took part in the {word} on regional security"
    text = "\n".join([title, "14.04.2025", f"On 14 April 2025, the {word} on regional security was held in Almaty.",
                      "The participants discussed the situation on the borders."]) + "\n"
    assert [e.type for e in parse_text(text).events] == ["meeting"]
    press = text.replace(f"the {word} on regional security was held", "a press conference was held")
    assert [e.type for e in parse_text(press).events] == ["briefing"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_yearless_date_in_the_lead_takes_its_year_from_a_month_name_dateline(gap: str) -> None:
    """`15 August 2025` under the title gives the Article no date (2.22.0), and the lead's `on 14–15 August`
    has no year: the Event took the dateline's day; the lead's first day, in the dateline's year, is it."""
    title = "The Working Group on border security held its meeting in Osh"
    text = gap.join([title, "15 August 2025",
                     "The Working Group on border security of the Collective Security Treaty Organization held its "
                     "meeting in Osh on 14–15 August under the chairmanship of the Kyrgyz side.",
                     "The participants exchanged assessments of the situation on the borders."]) + "\n"
    assert _events(text) == [("2025-08-14", "Osh")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("where, town", [
    ("in the Minsk region near Borisov", "Borisov"),
    ("in the Issyk-Kul region, in Cholpon-Ata", "Cholpon-Ata"),
    ("in the Almaty region, near the town of Otar", "Otar"),
    ("in the Volgograd region", "Volgograd region"),
    ("in Borisov, Minsk region", "Borisov"),
])
def test_a_town_named_with_its_region_is_the_place(gap: str, where: str, town: str) -> None:
    title = "The joint special exercise of the collective forces began"
    text = gap.join([title, "14.05.2025",
                     f"On 14 May 2025, {where}, the joint special exercise of the collective forces began.",
                     "Units of the member states practised the search for armed groups."]) + "\n"
    assert _events(text) == [("2025-05-14", town)]


# -- not events, the same round: "I." as an initial is no first person ------------------------------------


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("initials", ["I.N. Tasmagambetov", "I. Tasmagambetov", "I. N. Tasmagambetov"])
def test_an_initial_i_is_not_the_first_person_carrying_the_last_speaker(gap: str, initials: str) -> None:
    """After `“…,” said the Chairman …, Chairman of the State Duma V.V. Volodin.`, the paragraph `The session
    was attended by … I.N. Tasmagambetov, who presented a report …` took V.V. Volodin as its speaker: the
    initial `I.` read as the first person, whose words carry the last speaker's (sealed set 11, 2.132.0)."""
    title = "The session of the Parliamentary Assembly was held in St. Petersburg"
    text = gap.join([title, "25.04.2025",
                     "On 25 April 2025, the session of the CSTO Parliamentary Assembly was held in St. Petersburg.",
                     "“Our Assembly has become a platform for dialogue,” said the Chairman of the CSTO PA, "
                     "Chairman of the State Duma V.V. Volodin.",
                     f"The session was attended by the CSTO Secretary General {initials}, who presented a report.",
                     "The Assembly adopted 17 documents."]) + "\n"
    cur = parse_text(text)
    said = {text[s.start:s.end][:20]: s.speaker for s in cur.segments if s.label == "paragraph"}
    assert said["“Our Assembly has be"] == "v-v-volodin"
    assert said["The session was atte"] is None


# -- a menu written as one line of words is navigation, never a title (redteam16 F10) ---------------------


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("menu", ["Home News Contacts", "Home About Documents Media Contacts", "Main News Gallery Search"])
def test_a_menu_line_of_capitalised_words_is_no_title(gap: str, menu: str) -> None:
    text = gap.join([menu, "01.02.2025", "The CSTO Secretary General held a meeting with the Ambassador of Armenia",
                     "© 2025 Site"]) + "\n"
    cur = parse_text(text)
    assert all(a.title != menu for a in cur.articles)
    assert next(s.label for s in cur.segments if text[s.start:s.end] == menu) == "boilerplate"
