"""Round 17 of the parser on unseen layouts, the integrator's part (parser19 writes
tests/test_parse_round17.py). Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.model import Curation
from curator.core.parse import parse_text


def _speakers(cur: Curation, text: str) -> list[tuple[str, str | None]]:
    """(label, the speaker's surname) per segment of the Article."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, names[s.speaker].split()[-1] if s.speaker else None) for s in cur.segments if s.article]


# -- a full name with its patronymic: the surname is the last word ---------------------------------------

_SIDEBAR = [
    "Peacekeepers of the member states completed a staff training in Kazakhstan",
    "The Council of Foreign Ministers will meet in Minsk",
]


def _speech(name: str, sidebar: list[str], gap: str) -> str:
    title = f"Speech by the Chief of the CSTO Joint Staff, Colonel General {name} at the meeting of the Military Committee"
    lines = [*sidebar, title, f"{title} 14.05.2024", "Dear colleagues!",
             "The situation on the southern borders of the Organisation requires our constant attention.",
             "We propose to hold a joint staff training of the command bodies next year."]
    return gap.join(lines) + "\n"


@pytest.mark.parametrize("name", ["Andrei Nikolaevich Serdyukov", "Andrey Nikolayevich Serdyukov"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR])
def test_a_registry_person_named_with_a_patronymic_speaks_under_the_surname(name: str, gap: str,
                                                                             sidebar: list[str]) -> None:
    text = _speech(name, sidebar, gap)
    cur = parse_text(text)
    spoken = [spk for label, spk in _speakers(cur, text) if label in ("salutation", "paragraph")]
    assert spoken == ["Serdyukov"] * 3
    assert [s.id for s in cur.speakers] == ["andrei-serdyukov"]



# -- a voice's name alone on the page's last line (the excerpt cut its words off) -------------------------

_TURNS = [
    ("Interfax", "What tasks does the Organisation face this year?"),
    ("S.Z.", "The main task is to strengthen the collective forces and to complete the re-equipment programme."),
    ("Interfax", "How do you assess the cooperation with the United Nations?"),
    ("S.Z.", "It is developing steadily, and our peacekeepers are ready to take part in its missions."),
    ("Interfax", "Tell us about the plans for the autumn exercises."),
    ("S.Z.", "Three exercises will be held in Kyrgyzstan and Belarus, with the participation of all member states."),
]


def _interview(gap: str, tail: str) -> str:
    lines = ["Interview of the CSTO Secretary General to the Interfax agency", "Interview of the CSTO Secretary "
             "General to the Interfax agency 03.02.2025", *(f"{who}: {said}" for who, said in _TURNS)]
    return gap.join(lines) + gap + tail


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("tail", ["Interfax:", "Interfax: ", "Interfax:\n"])
def test_the_interviewers_name_alone_at_the_cut_is_a_question(gap: str, tail: str) -> None:
    text = _interview(gap, tail)
    cur = parse_text(text)
    labels = [s.label for s in cur.segments if s.article]
    assert labels[-7:] == ["question", "answer"] * 3 + ["question"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_interviewers_name_on_its_own_line_over_the_question(gap: str) -> None:
    text = _interview(gap, f"Interfax:{gap}Will the Organisation admit new observers?{gap}S.Z.: Not this year.\n")
    cur = parse_text(text)
    labels = [s.label for s in cur.segments if s.article]
    assert labels[-9:] == ["question", "answer"] * 3 + ["question", "question", "answer"]


# -- a photo credit under the text, and a table flattened to lines -------------------------------------------

_REPORT = [
    "Staff training of the rapid deployment forces ended in Kyrgyzstan",
    "Staff training of the rapid deployment forces ended in Kyrgyzstan 09.10.2024",
    "The command bodies of the Collective Rapid Deployment Forces completed a three-day staff training near Osh.",
    "The officers worked out the planning of a joint operation to localise an armed conflict in the region.",
]
_CREDITS = ["Photo: press service of the Ministry of Defence of the Kyrgyz Republic", "Photo by the CSTO press service"]


@pytest.mark.parametrize("credit", _CREDITS)
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_photo_credit_under_the_text_is_the_articles(credit: str, gap: str) -> None:
    text = gap.join([*_REPORT, credit, "Go back"]) + "\n"
    cur = parse_text(text)
    last = [s for s in cur.segments if s.article][-1]
    # (a photo credit is the Article's boilerplate since parser 2.182.0, the evaluation gold's convention; it was a paragraph)
    assert (last.label, text[last.start : last.end]) == ("boilerplate", credit)
    assert cur.segments[-1].label == "boilerplate"  # "Go back"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_photo_credit_then_the_cut_paragraph_are_the_articles(gap: str) -> None:
    text = gap.join([*_REPORT, _CREDITS[0], "The training was assessed as successful by the head of the exerc"])
    cur = parse_text(text)
    tail = [(s.label, s.article) for s in cur.segments[-2:]]
    assert tail == [("boilerplate", "a1"), ("paragraph", "a1")]  # (a photo credit is the Article's boilerplate since parser 2.182.0, the evaluation gold's convention; it was a paragraph)


_TABLE = ["Country Personnel Vehicles", "Armenia 410 35", "Belarus 620 48", "Kazakhstan 880 70", "Russia 1950 160",
          "Total 3860 313"]


@pytest.mark.parametrize("credit", [[], _CREDITS[:1]])
def test_a_flattened_tables_rows_are_paragraphs_of_the_article(credit: list[str]) -> None:
    text = "\n".join(_REPORT) + "\n\n" + "\n".join(_TABLE) + "\n\n" + "\n".join(credit) + ("\n" if credit else "")
    cur = parse_text(text)
    rows = [(s.label, text[s.start : s.end]) for s in cur.segments if text[s.start : s.end] in _TABLE[1:]]
    assert rows == [("paragraph", row) for row in _TABLE[1:]]
    assert all(s.article == "a1" for s in cur.segments if s.start >= text.index(_TABLE[0]))


# -- an interview titled by its interviewee's initials and surname ---------------------------------------------

@pytest.mark.parametrize("prefixed", [False, True])
def test_an_interview_titled_with_initials_and_a_surname_gives_the_answers_to_that_person(prefixed: bool) -> None:
    title = "A.P. Kuznetsov: “Our forces are ready for the threats of the coming years”"
    qa = [("1. What is the main result of the year?", "We completed the re-equipment of the units on schedule."),
          ("2. What will the exercises of the autumn look like?", "They will be held on three training grounds at once."),
          ("3. How do the member states share the costs?", "Each state pays for its own contingent, as the treaty says.")]
    if prefixed:
        qa = [(f"TASS: {q[3:]}", f"A.P.: {a}") for q, a in qa]
    text = "\n".join([title, f"{title} 11.11.2024", *(line for pair in qa for line in pair)]) + "\n"
    cur = parse_text(text)
    answers = [spk for label, spk in _speakers(cur, text) if label == "answer"]
    assert answers == ["Kuznetsov"] * 3


# -- a speech cut at the excerpt's byte limit: its last fragment is the speaker's ------------------------------

def _cut_speech(fragment: str, size: int) -> str:
    """A speech page of ``size`` UTF-8 bytes whose last line is ``fragment``, as the crawler cuts it."""
    title = "Speech by the CSTO Secretary General Imangali Tasmagambetov at the meeting of the Council of Defence Ministers"
    paragraph = ("We have done a great deal this year to strengthen the collective forces, and I thank the ministers "
                 "for their constant attention to the work of the Joint Staff and the Secretariat.")
    body = [title, f"{title} 15.11.2023", "Dear ministers!"]
    while len("\n\n".join([*body, paragraph, paragraph, fragment]).encode()) < size:
        body.append(paragraph)
    short = size - len("\n\n".join([*body, "", fragment]).encode())  # the bytes one more paragraph may take
    words = paragraph.split()
    while len(" ".join(words).encode()) > short:
        words.pop()
    filler = " ".join(words)
    filler = filler.rstrip(".") + "." + "." * (short - len(filler.rstrip(".")) - 1)
    text = "\n\n".join([*body, filler, fragment])
    assert len(text.encode()) == size and text.endswith(fragment)
    return text


@pytest.mark.parametrize("size", [1996, 2000])
@pytest.mark.parametrize("fragment", ["We", "The Collective Security Treaty was signe", "Our peacekeepe"])
def test_the_fragment_a_speech_was_cut_at_is_the_speakers(fragment: str, size: int) -> None:
    text = _cut_speech(fragment, size)
    cur = parse_text(text)
    last = cur.segments[-1]
    assert (last.article, last.label, text[last.start : last.end]) == ("a1", "paragraph", fragment)
    assert last.speaker == "imangali-tasmagambetov"


def test_a_whole_speech_ending_with_a_name_keeps_it_a_signature() -> None:
    title = "Speech by the CSTO Secretary General at the meeting of the Council of Defence Ministers"
    text = "\n\n".join([title, f"{title} 15.11.2023", "Dear ministers!",
                       "We have done a great deal this year to strengthen the collective forces.",
                       "Imangali Tasmagambetov"])
    cur = parse_text(text)
    assert cur.segments[-1].speaker is None


# -- an undated report that opens the page: news with a lead, not a static page ----------------------------

_REPORT_BODY = [
    "The participants exchanged views on the situation on the external borders of the Organisation.",
    "The heads of delegation approved the plan of joint events for the coming year.",
]


@pytest.mark.parametrize(("title", "lead"), [
    ("A meeting of the Committee of Secretaries of Security Councils was held in Minsk",
     "The Committee of Secretaries of Security Councils met in Minsk to discuss the results of the year."),
    ("Consultations on border security in Dushanbe",
     "In Dushanbe, on 14 March 2024, the representatives of the border services held consultations."),
    ("In Kazan, on June 3, 2023, the working group met", None),
    ("14 March 2024: consultations of the deputy foreign ministers",
     "The deputy foreign ministers of the member states held consultations at the Secretariat."),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_undated_report_opening_the_page_is_news_with_its_lead(title: str, lead: str | None, gap: str) -> None:
    lead = lead or "In Kazan, on June 3, 2023, the working group on Afghanistan considered the draft plan of events."
    text = gap.join([title, lead, *_REPORT_BODY]) + "\n"
    cur = parse_text(text)
    assert cur.articles[0].kind == "news"
    assert [s.label for s in cur.segments][:2] == ["title", "lead"]


def test_a_static_page_opening_with_its_heading_stays_other() -> None:
    text = "\n".join(["Secretariat of the Organisation",
                      "The Secretariat is the permanent working body of the Organisation.",
                      "It prepares the meetings of the statutory bodies and keeps their documents."]) + "\n"
    cur = parse_text(text)
    assert cur.articles[0].kind == "other"
    assert [s.label for s in cur.segments][:2] == ["title", "paragraph"]


# -- a statement titled by its topic; a speech page's narration before the speech ------------------------------

_STATEMENT_BODY = ["The member states are convinced that there is no alternative to a political settlement.",
                   "The Organisation remains ready to assist the efforts of the international community."]


@pytest.mark.parametrize("opening", [
    "The Organisation strongly condemns the attack on the border post, which claimed the lives of servicemen.",
    "The CSTO member states express their deep concern over the escalation of the conflict.",
])
def test_a_topic_title_over_the_organisation_declaring_is_a_statement(opening: str) -> None:
    text = "\n".join(["On the attack on the border post in the Gorno-Badakhshan region", opening, *_STATEMENT_BODY]) + "\n"
    cur = parse_text(text)
    assert cur.articles[0].kind == "statement"
    assert [s.label for s in cur.segments][:2] == ["title", "paragraph"]


def test_a_topic_title_over_a_report_stays_news() -> None:
    text = "\n".join(["On the anniversary of the signing of the Treaty",
                      "On 15 May 2024, events dedicated to the anniversary were held in the capitals of the member states.",
                      *_STATEMENT_BODY]) + "\n"
    cur = parse_text(text)
    assert cur.articles[0].kind == "news"
    assert [s.label for s in cur.segments][:2] == ["title", "lead"]


@pytest.mark.parametrize("who", ["I.N. Tasmagambetov", "I. Tasmagambetov", "Imangali Tasmagambetov"])
def test_a_speech_pages_narration_has_no_speaker_and_dates_the_event(who: str) -> None:
    title = f"The CSTO Secretary General {who} delivered a welcoming address at the meeting of the Council in Astana"
    text = "\n".join([title, f"On 12 June 2023, {who} addressed the participants of the meeting held in Astana.",
                      "Dear colleagues!", "I am glad to welcome you to the capital of Kazakhstan.",
                      "We have done a great deal this year to strengthen the collective forces."]) + "\n"
    cur = parse_text(text)
    assert cur.articles[0].kind == "speech"
    narration = cur.segments[1]  # (a lead, as on the real pages, or a paragraph: never the speaker's words)
    assert narration.label in ("lead", "paragraph") and narration.speaker is None
    assert [s.speaker for s in cur.segments[2:]] == ["imangali-tasmagambetov"] * 3
    event = cur.events[0]
    assert (str(event.date), event.place) == ("2023-06-12", "Astana")


# -- a speech whose title names nobody, over a heading that names the speaker ---------------------------------

_SPEECH_TEXT = ["Dear Mr Chairman!", "I am glad to greet the participants of the conference in our capital.",
                "We have done a great deal this year to strengthen the collective forces."]
_DATED_SIDEBAR = ["12.05.2026", "Peacekeepers of the member states completed a staff training in Kazakhstan",
                  "03.05.2026", "The Council of Foreign Ministers will meet in Minsk"]


@pytest.mark.parametrize("heading", ["CSTO SECRETARY GENERAL TAALATBEK MASADYKOV",
                                     "Speech of the Secretary General of the CSTO Taalatbek Masadykov",
                                     "Speech of the CSTO Secretary General Talatbek Masadykov at the conference"])
@pytest.mark.parametrize("sidebar", [[], _DATED_SIDEBAR])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_title_above_a_heading_naming_the_speaker(heading: str, sidebar: list[str], gap: str) -> None:
    title = "Welcoming address to the participants of the international conference on security"
    text = gap.join([*sidebar, title, heading, *_SPEECH_TEXT]) + "\n"
    cur = parse_text(text)
    article = [(s.label, text[s.start : s.end]) for s in cur.segments if s.article]
    assert article[:2] == [("title", title), ("heading", heading)]
    assert [s.speaker for s in cur.segments if s.article][2:] == ["taalatbek-masadykov"] * 3


def test_the_registry_knows_the_secretary_general_of_2026() -> None:
    text = "\n".join(["Speech by the CSTO Secretary General at the meeting of the Permanent Council",
                      "Speech by the CSTO Secretary General at the meeting of the Permanent Council 20.02.2026",
                      *_SPEECH_TEXT]) + "\n"
    cur = parse_text(text)
    assert {s.speaker for s in cur.segments if s.label in ("salutation", "paragraph")} == {"taalatbek-masadykov"}


# -- "He told …" after a lead naming the person ---------------------------------------------------------------

_BRIEFING = ["Briefing for military attachés at the Joint Staff", "20.05.2023",
             "On 20 May 2023, in Almaty, Andrei Serdyukov held a briefing for military attachés of foreign states."]


@pytest.mark.parametrize("verb", ["told the attachés", "described", "outlined", "briefed the guests on"])
def test_he_told_after_a_lead_naming_the_person_is_his(verb: str) -> None:
    text = "\n".join([*_BRIEFING, f"He {verb} the plans of the operational training for the year.",
                      "The attachés asked questions about the timing of the exercises."]) + "\n"
    cur = parse_text(text)
    assert [s.speaker for s in cur.segments][3:] == ["andrei-serdyukov", None]


def test_where_he_spoke_about_in_a_digest_item_is_narration() -> None:
    text = "\n".join([*_BRIEFING, "On 12 May, he took part in a conference in Minsk, where he spoke about the "
                      "approaches of the Organisation to the security architecture."]) + "\n"
    cur = parse_text(text)
    assert cur.segments[-1].speaker is None


# -- a month's summary: its title names the month, its items are dated in it -------------------------------

@pytest.mark.parametrize("title", ["CSTO: results of March 2024", "The Organization in March 2024: a summary"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_month_summary_is_one_news_article(title: str, gap: str) -> None:
    items = ["4 March – Minsk: the Council of Defence Ministers held a meeting.",
             "12 March – Dushanbe: the border services held consultations.",
             "20 March – Moscow: the Permanent Council approved the plan of events.",
             "27 March – Bishkek: the working group on information security met."]
    text = gap.join([title, "Over the past month, the bodies of the Organization held 14 events. Here are the main ones.",
                     *items]) + "\n"
    cur = parse_text(text)
    assert cur.articles and (cur.articles[0].title, cur.articles[0].kind) == (title, "news")
    assert [s.label for s in cur.segments] == ["title", "lead", *["paragraph"] * len(items)]
