"""Round 23 of the parser on unseen layouts (parser25): miss classes of sealed set 19, reported as structure
only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import lines

_TEASERS = ["On 3 February 2027, officers of the Joint Staff completed a course on crisis response planning.",
            "The Deputy Secretary General took part in a seminar on border security in Almaty",
            "The Council of Foreign Ministers will meet in Minsk on 20 March."]
_BODY = ["The Secretary General of the Organisation met with the Ambassador of Mongolia",
         "12.02.2027",
         "On 12 February 2027, the Secretary General of the Organisation received the Ambassador of Mongolia at "
         "the Secretariat in Moscow.",
         "The parties discussed the situation in Central Asia and the plans of joint work for the year."]


def _labels(cur, text: str) -> dict[str, str]:
    return {t: label for label, t, _ in lines(cur, text)}


# -- 1. the site's 2026 chrome: a language switcher, a cookie notice and its button are boilerplate ----------

@pytest.mark.parametrize("switch", ["RU  EN", "RU | EN", "EN RU KZ", "РУС ENG"])
@pytest.mark.parametrize("notice", [
    "We use cookies to make the website more convenient for you. By continuing to use the website, you agree "
    "to this.",
    "This website uses cookies. By continuing to browse the site, you consent to their use.",
])
@pytest.mark.parametrize("button", ["Accept", "Accept all cookies", "I agree"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_language_switcher_and_cookie_notice_are_boilerplate(switch: str, notice: str, button: str,
                                                               gap: str) -> None:
    text = gap.join([switch, notice, button, *_TEASERS, "", *_BODY]) + "\n"
    got = _labels(parse_text(text), text)
    assert [got[switch], got[notice], got[button]] == ["boilerplate"] * 3
    assert [got[t] for t in _TEASERS] == ["teaser"] * 3
    assert got[_BODY[0]] == "title"


@pytest.mark.parametrize("crumb", ["Home / News", "Main / Press centre", "Home > Events"])
def test_a_two_step_breadcrumb_from_home_is_boilerplate(crumb: str) -> None:
    items = ["14.02.2027", "The Joint Staff summed up the results of the winter trainings",
             "Officers of the collective forces completed the trainings at three ranges.",
             "11.02.2027", "The Secretary General met with the Ambassador of Mongolia",
             "The parties discussed the situation in Central Asia."]
    text = "\n".join([crumb, *items]) + "\n"
    cur = parse_text(text)
    got = _labels(cur, text)
    assert got[crumb] == "boilerplate"
    assert not cur.articles


# -- 2. no Article on a page without one: a gallery's albums, each a name over "DD.MM.YYYY | N photos" ------

_ALBUMS = [("Meeting of the Council of Foreign Ministers in Yerevan", "21.11.2026 | 34 photos"),
           ("Command and staff training of the peacekeeping forces", "02.10.2026 | 27 photos"),
           ("Session of the Parliamentary Assembly in Saint Petersburg", "15.06.2026 | 19 photos"),
           ("Visit of the Secretary General to Bishkek", "28.05.2026 | 12 photos")]


@pytest.mark.parametrize("k", [2, 3, 4])
@pytest.mark.parametrize("sep", [" | ", " / ", ", "])
@pytest.mark.parametrize("footer", [["1 2 3  Next", "© 2026 Collective Security Treaty Organization"], []])
def test_a_gallerys_album_listing_has_no_article(k: int, sep: str, footer: list[str]) -> None:
    rows = [line for name, dated in _ALBUMS[:k] for line in (name, dated.replace(" | ", sep))]
    text = "\n".join(["Home / Press centre / Photo gallery", *rows, *footer]) + "\n"
    cur = parse_text(text)
    assert not cur.articles
    assert all(label in ("teaser", "boilerplate") for label, _, _ in lines(cur, text))


def test_one_album_over_its_photos_keeps_its_article() -> None:
    text = "\n".join(["Home / Press centre / Photo gallery", *_ALBUMS[0],
                      "Photo: press service of the CSTO Secretariat",
                      "On 21 November 2026, the Council of Foreign Ministers met in Yerevan.",
                      "Go back"]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [_ALBUMS[0][0]]


# -- 2b. a sidebar-only excerpt: the corpus's shared sidebar, then a second run of teasers cut by the crawler --

_SHARED = ["On 4 March 2027, the Joint Staff held a planning conference on the joint training of the "
           "collective forces in Kazakhstan.",
           "The Secretary General met with the Permanent Representative of Armenia to the Organisation",
           "On 6 March 2027, experts of the Secretariat took part in a round table on countering extremism held "
           "in Minsk.",
           "The working group on Afghanistan will meet in Moscow in May."]
_SECOND_RUN = ["The Secretary General congratulated the Chief of the Joint Staff on the anniversary of his service",
               "On 2 March, a group of experts of the foreign ministries prepared a draft statement on the "
               "situation in the Middle East.",
               "Officers of the Secretariat took part in a scientific conference on security in Eurasia held in "
               "Yerevan.",
               "On 1 March 2027, the Secretariat hosted a seminar on media literacy for young diplomats of the "
               "member states.",
               "The Permanent Council approved the draft agenda of the spring session",
               "In Bishkek, the Kyrgyz side presented the conc"]


def _with_shared_sidebar(body: list[str]) -> str:
    return "\n".join([*_SHARED, "", *body])


def test_a_second_run_of_teasers_after_the_shared_sidebar_is_no_article() -> None:
    from curator.core.parse import build_context
    page = _with_shared_sidebar(_SECOND_RUN)
    others = [_with_shared_sidebar([title, "", "12.02.2027", lead, more]) + "\n"
              for title, lead, more in (
                  (_BODY[0], _BODY[2], _BODY[3]),
                  ("The Council of Defence Ministers met in Minsk",
                   "On 10 February 2027, the Council of Defence Ministers of the member states met in Minsk.",
                   "The ministers approved the plan of joint trainings for the year."))]
    ctx = build_context([page, *others])
    cur = parse_text(page, context=ctx)
    assert not cur.articles
    # the pages whose Article follows the shared sidebar keep it
    assert [a.title for a in parse_text(others[0], context=ctx).articles] == [_BODY[0]]
    assert [a.title for a in parse_text(others[1], context=ctx).articles] == ["The Council of Defence Ministers met in Minsk"]


# -- 3. speakers ---------------------------------------------------------------------------------------------

def _spoken(cur, text: str) -> dict[str, str | None]:
    return {t: spk for label, t, spk in lines(cur, text) if label in ("paragraph", "lead", "salutation")}


@pytest.mark.parametrize("office, bare", [
    ("Ambassador Extraordinary and Plenipotentiary of the Republic of Uzbekistan to the Russian Federation",
     "The Ambassador"),
    ("the Permanent and Plenipotentiary Representative of the Republic of Belarus to the Organisation",
     "The Permanent Representative"),
])
def test_a_bare_office_names_whom_an_appositive_gave_it(office: str, bare: str) -> None:
    title = "The Secretary General met with a diplomat of a member state"
    text = "\n".join([
        title, "14.03.2027",
        f"On 14 March 2027, Secretary General Imangali Tasmagambetov received Rustam Nazarov, {office}, at the "
        "Secretariat in Moscow.",
        "The parties discussed the preparation of the session of the Council of Foreign Ministers.",
        f"{bare} replied that his country would continue to take part in the joint trainings of the forces.",
    ]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got[text.splitlines()[4]] == "Rustam Nazarov"


def test_he_after_an_office_opening_with_an_adverbial_is_that_office() -> None:
    text = "\n".join([
        "The Secretary General met with the Speaker of the Parliament of Armenia", "09.12.2027",
        "On 9 December 2027, in Yerevan, the Secretary General Imangali Tasmagambetov met with the Speaker of the "
        "National Assembly of Armenia Alen Simonyan.",
        "Alen Simonyan stressed that the Organisation remained a guarantee of the security of the republic.",
        "On the same day, the Secretary General held talks with the Minister of Defence and visited the Military "
        "University, where he met with cadets. He told "
        "them about the history of the Organisation.",
    ]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got[text.splitlines()[3]] == "Alen Simonyan"
    assert got[text.splitlines()[4]] == "Imangali Tasmagambetov"


@pytest.mark.parametrize("after", [
    "The address was received with applause. After that, the ministers presented awards to the servicemen.",
    "The message was met with applause, and the participants of the training passed in a solemn march.",
])
def test_narration_after_an_address_read_out_is_nobodys(after: str) -> None:
    text = "\n".join([
        "Address of the Chairman of the Collective Security Council to the participants of the training",
        "12.09.2027",
        "On 12 September 2027, at the training ground near Kant, the address of the Chairman of the Collective "
        "Security Council, President of the Kyrgyz Republic Sadyr Japarov, was read out to the servicemen.",
        "Dear servicemen!",
        "I cordially greet you, the participants of the joint training. You have shown high skill and coherence.",
        "I wish all of you good health and new successes in your service!",
        after,
    ]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got[text.splitlines()[4]] == "Sadyr Japarov"
    assert got[after] is None


# -- 4. more of the site's chrome: search form, archive navigation, maintenance notice, copyright's second line --

_MENU = "Home | About the CSTO | Documents | News | Photo and video | Contacts"
_COPYRIGHT = "© 2009–2027 Collective Security Treaty Organization. All rights reserved."
_DATED = ["18.01.2027", "The Deputy Secretary General took part in a seminar on border security",
          "15.01.2027", "Officers of the Joint Staff completed a course on crisis response planning"]


@pytest.mark.parametrize("chrome", [
    ["Search the site:", "Peacekeepers  Find", "Results found: 14"],
    ["News archive by year: 2019 2020 2021 2022 2023 2024 2025 2026 2027",
     "January February March April May June July August September October November December",
     "Select a year and a month to see the news."],
    ["The site is temporarily unavailable due to technical work.",
     "We apologise for the inconvenience. Please visit us later."],
])
def test_search_archive_and_maintenance_lines_are_boilerplate(chrome: list[str]) -> None:
    text = "\n".join([_MENU, "RUS | ENG", *chrome, *_DATED, _COPYRIGHT,
                      "When using materials of the site, a link to the source is required."]) + "\n"
    got = _labels(parse_text(text), text)
    assert [got[t] for t in _DATED] == ["teaser"] * len(_DATED)
    assert [got[c] for c in chrome] == ["boilerplate"] * len(chrome)
    assert got["When using materials of the site, a link to the source is required."] == "boilerplate"


@pytest.mark.parametrize("label", ["Most read", "Most popular", "Popular news"])
def test_a_most_read_label_is_boilerplate_and_its_items_teasers(label: str) -> None:
    read = ["Border guards of the member states held a seminar on the protection of borders in Almaty",
            "Officers of the collective forces completed the trainings at three ranges"]
    text = "\n".join([_MENU, *_TEASERS, "", *_BODY, "Go back", label, *read, _COPYRIGHT]) + "\n"
    got = _labels(parse_text(text), text)
    assert got[_BODY[0]] == "title"  # (the page has its Article: the block is after its "Go back")
    assert got[label] == "boilerplate"
    assert [got[t] for t in read] == ["teaser", "teaser"]
    assert got[_COPYRIGHT] == "boilerplate"


def test_a_rubric_line_over_the_title_is_boilerplate() -> None:
    text = "\n".join([_MENU, *_TEASERS, "CSTO news", *_BODY]) + "\n"
    got = _labels(parse_text(text), text)
    assert got["CSTO news"] == "boilerplate"
    assert got[_BODY[0]] == "title"


# -- 5. kinds: a signed written address on an occasion is a statement (nobody's spoken words) ---------------

@pytest.mark.parametrize("title", [
    "Address of the CSTO Secretary General on the occasion of the Day of the Collective Forces",
    "Congratulations of the CSTO Secretary General on Defender of the Fatherland Day",
    "Address of the Secretary General on the 35th anniversary of the Collective Security Treaty",
])
def test_a_signed_address_on_an_occasion_is_a_statement(title: str) -> None:
    body = ["Dear veterans!", "On behalf of the Secretariat, I sincerely congratulate the servicemen and veterans of the member states "
            "on this day.",
            "Our common duty is to keep the memory of those who defended the peace and to pass it on to our children.",
            "I wish you good health, happiness and a peaceful sky.",
            "Imangali Tasmagambetov",
            "Secretary General of the Collective Security Treaty Organization"]
    text = "\n".join([_MENU, *_TEASERS, "", title, *body, "Go back"]) + "\n"
    cur = parse_text(text)
    assert [a.kind for a in cur.articles] == ["statement"]
    got = {t: (label, spk) for label, t, spk in lines(cur, text)}
    assert [got[t] for t in body[:4]] == [("salutation", None)] + [("paragraph", None)] * 3


def test_an_address_to_an_events_participants_stays_a_speech() -> None:
    title = "Welcoming address of the CSTO Secretary General to the participants of the youth forum"
    body = ["Dear friends!", "I am glad to welcome you in Almaty. I wish you fruitful discussions.",
            "Imangali Tasmagambetov"]
    text = "\n".join([_MENU, *_TEASERS, "", title, *body, "Go back"]) + "\n"
    assert [a.kind for a in parse_text(text).articles] == ["speech"]


# -- 6. fine labels: a rubric after the dateline's date, a one-line signature under a statement ------------------

@pytest.mark.parametrize("rubric", ["News of the Secretariat", "Press releases", "Events"])
def test_a_date_with_its_rubric_is_the_dateline(rubric: str) -> None:
    text = "\n".join([_MENU, *_TEASERS, "", _BODY[0], f"12.02.2027 | {rubric}", *_BODY[2:], "Go back"]) + "\n"
    cur = parse_text(text)
    got = _labels(cur, text)
    assert [got[f"12.02.2027 | {rubric}"], got[_BODY[2]], got[_BODY[3]]] == ["dateline", "lead", "paragraph"]
    assert [str(a.date) for a in cur.articles] == ["2027-02-12"]


@pytest.mark.parametrize("signature", ["Secretary General of the CSTO I. Tasmagambetov",
                                       "Chairman of the Permanent Council A. Petrosyan"])
def test_a_one_line_signature_under_a_statement_is_a_heading(signature: str) -> None:
    title = "Statement of the CSTO Secretary General in connection with the floods in the region"
    body = ["The Secretariat of the Organisation follows with deep concern the reports of the floods in the region.",
            "We call on the member states to provide the necessary assistance to the affected areas.",
            signature]
    text = "\n".join([_MENU, *_TEASERS, "", title, *body, "Go back"]) + "\n"
    got = _labels(parse_text(text), text)
    assert [got[t] for t in body] == ["paragraph", "paragraph", "heading"]


# -- 7. an Event's place outside the gazetteer: "On <date>, in <City>, …", "near <Town>, at the … training ground" --

@pytest.mark.parametrize("lead, place", [
    ("On 5 December 2027, in Tallinn, on the sidelines of the meeting of the Ministerial Council, the Secretary "
     "General of the Organisation met with the Secretary General of the partner organisation.", "Tallinn"),
    ("From 18 to 22 October 2027, near Kapustin, at the combined arms training ground of the military district, "
     "the exercise of the peacekeeping forces was held.", "Kapustin"),
])
def test_an_events_place_outside_the_gazetteer(lead: str, place: str) -> None:
    text = "\n".join([_MENU, *_TEASERS, "", "The Secretary General took part in the events of the week", "06.12.2027",
                      lead, "The parties discussed the plans of cooperation for the next year.", "Go back"]) + "\n"
    cur = parse_text(text)
    assert [e.place for e in cur.events] == [place]


# -- 8. false speakers: "observed" an exercise is watching it, no words -------------------------------------------

@pytest.mark.parametrize("narration", [
    "The last time the Secretary General visited Tajikistan was in the spring, when he observed the command post "
    "training of the collective forces and held talks with the Minister of Defence.",
    "Imangali Tasmagambetov observed the final stage of the exercise from the command post.",
])
def test_observing_an_exercise_gives_no_words(narration: str) -> None:
    text = "\n".join([
        "The Secretary General arrived in Dushanbe on a working visit", "14.10.2027",
        "On 14 October 2027, the Secretary General Imangali Tasmagambetov arrived in Dushanbe on a working visit.",
        "Answering the questions of journalists, the Secretary General said that the talks would focus on the border.",
        "The visit will last three days.",
        narration, "Go back"]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got[text.splitlines()[3]] == "Imangali Tasmagambetov"
    assert got[narration] is None


def test_observed_that_still_reports_words() -> None:
    text = "\n".join([
        "The Secretary General arrived in Dushanbe on a working visit", "14.10.2027",
        "On 14 October 2027, the Secretary General Imangali Tasmagambetov arrived in Dushanbe on a working visit.",
        "The visit will last three days.",
        "Imangali Tasmagambetov observed that the border needed more attention from the allies.", "Go back"]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got[text.splitlines()[4]] == "Imangali Tasmagambetov"


def test_the_sessions_name_over_a_speechs_salutation_is_a_heading() -> None:
    occasion = 'Plenary session "Security in the post-pandemic world"'
    text = "\n".join([
        "Speech of the CSTO Secretary General Imangali Tasmagambetov at the Moscow Conference on International Security",
        "23.06.2027",
        "On 23 June 2027, in Moscow, the CSTO Secretary General Imangali Tasmagambetov addressed the plenary session "
        "of the conference.",
        occasion, "Ladies and gentlemen!",
        "The pandemic has become a serious test for all international institutions.", "Go back"]) + "\n"
    got = {t: (label, spk) for label, t, spk in lines(parse_text(text), text)}
    assert got[occasion] == ("heading", None)
    assert got["Ladies and gentlemen!"] == ("salutation", "Imangali Tasmagambetov")


# -- 9. kinds: a schedule and a list of adopted documents are documents ------------------------------------------

@pytest.mark.parametrize("title, body", [
    ("Schedule of joint trainings of the collective forces for 2028",
     ["Approved by the Council of Defence Ministers of the Organisation.", "No.\tTraining\tDates\tPlace",
      "1.\tCommand post training\tSeptember\tKyrgyz Republic", "2.\tSpecial training\tOctober\tRepublic of Belarus"]),
    ("List of documents adopted at the session of the Collective Security Council (Astana, 28 November 2027)",
     ["1. Declaration of the Collective Security Council.", "2. Decision on the plan of joint trainings.",
      "3. Decision on the chairmanship in the Organisation."]),
])
def test_a_schedule_or_a_list_of_documents_is_a_document(title: str, body: list[str]) -> None:
    text = "\n".join([_MENU, *_TEASERS, "", title, "06.12.2027", *body, "Go back"]) + "\n"
    assert [a.kind for a in parse_text(text).articles] == ["document"]


# -- 10. a statement's own "we" after a quoted paragraph is the statement's, not the person quoted --------------

def test_a_statements_we_after_a_quote_is_nobodys() -> None:
    quote = ("“The door of the Organisation is open, and the Secretariat is ready to work on all issues,” the Secretary "
             "General said during the meeting.")
    ours = ("The member states support the efforts of the international community. We stress the need to ensure the "
            "safety of civilians.")
    text = "\n".join([
        "Message of the press service on the meeting of the CSTO Secretary General with the Ambassador of Armenia",
        "01.03.2028",
        "On 1 March 2028, the CSTO Secretary General Imangali Tasmagambetov received the Ambassador of Armenia at the "
        "Secretariat in Moscow.",
        quote, "The sides discussed the participation of the Armenian side in the work of the statutory bodies.",
        ours, "Go back"]) + "\n"
    cur = parse_text(text)
    assert [a.kind for a in cur.articles] == ["statement"]
    got = _spoken(cur, text)
    assert got[quote] == "Imangali Tasmagambetov"
    assert got[ours] is None
    assert [(str(e.date), e.place) for e in cur.events] == [("2028-03-01", "Moscow")]  # its dated opening tells it


# -- 11. after a speech, "The minister thanked … and said …": the report goes on, the speech's speaker is done ----

def test_an_office_opening_the_paragraph_after_a_speech_resumes_the_report() -> None:
    after = ("The minister thanked the organisers and said that Kyrgyzstan was glad to host the young people of the "
             "member states.")
    narration = "The forum will last three days and include discussions on information security."
    text = "\n".join([
        "Imangali Tasmagambetov addressed the participants of the Youth Forum of the member states",
        "12.09.2027",
        "On 12 September 2027, the Youth Forum of the member states opened in Bishkek. The welcoming speeches were "
        "delivered by the Secretary General Imangali Tasmagambetov and the Minister of Education of Kyrgyzstan "
        "Dogdurkul Kendirbaeva.",
        "Dear young friends!",
        "It is a great pleasure for me to see in this hall those who will shape our common future.",
        "Our Organisation has been working for more than thirty years. I ask you to keep the habit of listening.",
        after, narration, "Go back"]) + "\n"
    got = _spoken(parse_text(text), text)
    assert got["Dear young friends!"] == "Imangali Tasmagambetov"
    assert got[after] == "Dogdurkul Kendirbaeva"
    assert got[narration] is None


def test_the_head_of_the_secretariat_is_its_secretary_general() -> None:
    said = ("The head of the Secretariat thanked the Belarusian side for its active work and expressed his confidence "
            "that the partners would contribute to the preparation of the exercises.")
    text = "\n".join([
        "The Secretary General received the Permanent Representative of Belarus", "14.03.2028",
        "On 14 March 2028, CSTO Secretary General Imangali Tasmagambetov held a meeting with Rustam Nazarov, the "
        "Permanent Representative of the Republic of Belarus to the Organisation, in Moscow.",
        "The sides discussed the implementation of the decisions of the Collective Security Council.",
        said, "Go back"]) + "\n"
    assert _spoken(parse_text(text), text)[said] == "Imangali Tasmagambetov"
