"""Round 19 of the parser on unseen layouts (parser21): classes a red team's pages in the site's style
showed, reported as structure only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

# sidebars as the site's crawls have them: none, dated teasers, headline-only teasers of varying length
_DATED = ["14.01.2026", "Staff officers of the member states met to plan the year's joint exercises",
          "09.01.2026", "The Secretary General received the Ambassador of Belarus",
          "28.12.2025", "Results of the Collective Security Council session in Moscow were summed up at a briefing"]
_HEADLINES = ["Peacekeepers of the member states completed a command and staff training near Bishkek",
              "The Council of Defence Ministers will hold its session in Dushanbe",
              "Experts discussed the protection of critical infrastructure at a seminar in Yerevan",
              "A new issue of the Organisation's bulletin is out"]
_SIDEBARS = {"none": [], "dated": _DATED, "headlines": _HEADLINES, "mixed": [*_HEADLINES[:2], *_DATED[:4]]}


def _page(sidebar: list[str], body: list[str], gap: str) -> str:
    return gap.join([*sidebar, *body]) + "\n"


def _article(cur, text: str) -> list[tuple[str, str, str | None]]:
    return [(label, t, spk) for label, t, spk in lines(cur, text)
            if label not in ("teaser", "boilerplate")]


# -- 1. a static page headed by its title: a biography, a contacts page -------------------------------------

_CAREER = ["1990–1996 – platoon and company commander in the Central Asian Military District;",
           "1996–2003 – chief of staff, then commander of a motorised rifle battalion;",
           "2003–2011 – senior officer, head of a department of the General Staff;",
           "2011–2019 – deputy head of the Main Operations Directorate;",
           "Since 2022 – Deputy Secretary General of the Organisation."]
_BIOS = {
    "name": ["Karimov Rustam Ilyasovich"],
    "cyrillic": ["Karimov Rustam Ilyasovich (Каримов Рустам Ильясович)"],
    "rank": ["Lieutenant General", "Rustam Karimov"],
}
_BIO_BODY = ["Born on 2 June 1969 in Tashkent region.",
             "In 1990 he graduated from the Tashkent Higher Combined Arms Command School, in 2003 from the "
             "Military Academy of the General Staff.", "Career:", *_CAREER,
             "He holds orders and medals of the member states. Married, has two sons and a daughter, who "
             "work in the field of education and medicine in their home city to this day."]


@pytest.mark.parametrize("head", list(_BIOS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_biography_headed_by_a_name_is_an_article(head: str, sidebar: str, gap: str) -> None:
    heading = _BIOS[head]
    text = _page(_SIDEBARS[sidebar], [*heading, *_BIO_BODY], gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [(heading[0], None, "other")]
    got = _article(cur, text)
    assert got[0] == ("title", heading[0], None)
    assert ("heading", "Career:", None) in got
    assert all(spk is None for _, _, spk in got)
    assert [label for label, t, _ in got if t in _CAREER] == ["paragraph"] * len(_CAREER)
    assert not any(label == "lead" for label, _, _ in got)
    assert len(got) == len(heading) + len(_BIO_BODY)


@pytest.mark.parametrize("name", ["KARIMOV Rustam Ilyasovich", "Rustam Karimov"])
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_long_heading_over_a_name_line_is_the_biography_s_title(name: str, sidebar: str, gap: str) -> None:
    """``Biography of the Deputy Secretary General of the Collective Security Treaty Organisation`` over
    ``KARIMOV Rustam Ilyasovich``: the heading is the title, the name line under it a subtitle (integrator:
    2.128.0 took the name line for the title when the heading ran over ten words)."""
    heading = "Biography of the Deputy Secretary General of the Collective Security Treaty Organisation"
    text = _page(_SIDEBARS[sidebar], [heading, name, *_BIO_BODY], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(heading, "other")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_teaser_headline_over_a_biography_s_heading_is_not_its_title(gap: str) -> None:
    """A sidebar teaser naming the person (``… Rustam Karimov visited the Crisis Response Centre``, a past
    tense verb) right above ``Deputy Secretary General of the CSTO Karimov Rustam Ilyasovich``: the
    heading is the title (integrator: 2.128.0 took the teaser)."""
    heading = "Deputy Secretary General of the CSTO Karimov Rustam Ilyasovich"
    teaser = "CSTO Deputy Secretary General Rustam Karimov visited the Crisis Response Centre"
    text = _page(["On 20 January 2026, the Deputy Secretary General of the Collective Security Treaty "
                  "Organisation held talks with the Deputy Minister of Foreign Affairs of Armenia.", teaser],
                 [heading, "Born on 2 June 1969 in the Kirghiz SSR.",
                  "In 1990 he graduated from the Higher Combined Arms Command School.", "Career:", *_CAREER], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(heading, "other")]


def test_a_biography_cut_mid_word_is_an_article() -> None:
    body = [*_BIOS["cyrillic"], *_BIO_BODY, *_CAREER, *_CAREER]
    text = cut(_page(_DATED, body, "\n"), 1100)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_BIOS["cyrillic"][0], "other")]


_CONTACTS = ["Contacts", "Secretariat of the Collective Security Treaty Organisation", "Address:",
             "101000, Moscow, Sverchkov lane, 11", "Phone: +7 (495) 623-12-34", "Fax: +7 (495) 623-12-35",
             "E-mail: secretariat@example.org", "Press service", "Phone: +7 (495) 623-12-40",
             "E-mail: press@example.org"]


@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_contacts_page_is_an_article(sidebar: str, gap: str) -> None:
    text = _page(_SIDEBARS[sidebar], _CONTACTS, gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [("Contacts", None, "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == _CONTACTS
    assert got[1][0] == "heading" and got[2] == ("heading", "Address:", None)
    assert [label for label, t, _ in got if t.startswith(("Phone", "Fax", "E-mail"))] == ["paragraph"] * 5


def test_a_report_with_a_phone_line_is_no_static_page() -> None:
    text = "\n".join(["The Secretariat opened a hotline for journalists", "12.03.2026",
                      "On 12 March 2026, the press service of the Secretariat opened a hotline for journalists "
                      "accredited to the session.", "Phone: +7 (495) 623-12-40",
                      "E-mail: press@example.org"]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [("The Secretariat opened a hotline for journalists", "news")]


# -- 2. a heading-like line inside the Article is no title ---------------------------------------------------

_SPEECH = ["Dear colleagues!",
           "I am glad to welcome you to this meeting. Over the past year we have done a great deal of work "
           "to strengthen the collective security system of our states.",
           "We have held three joint exercises and adopted a plan to counter the trafficking of drugs.",
           "I thank you for your attention."]
_SPEAKER_HEADERS = {
    "plain": ("Rustam Karimov", "Deputy Secretary General of the Collective Security Treaty Organisation"),
    "surname first": ("Karimov Rustam Ilyasovich", "Deputy Secretary General of the Organisation"),
    "capitals": ("KARIMOV Rustam Ilyasovich", "Deputy Secretary General of the Organisation"),
}


@pytest.mark.parametrize("header", list(_SPEAKER_HEADERS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("salute", [True, False])
def test_a_speech_title_over_its_speakers_name_and_office(header: str, sidebar: str, gap: str,
                                                          salute: bool) -> None:
    title = "Speech at the meeting of the Committee of Secretaries of Security Councils"
    name, office = _SPEAKER_HEADERS[header]
    body = _SPEECH if salute else _SPEECH[1:]
    text = _page(_SIDEBARS[sidebar], [title, name, office, *body], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "speech")]
    got = _article(cur, text)
    assert got[:3] == [("title", title, None), ("heading", name, None), ("heading", office, None)]
    # 4. the speaker named only in the header speaks the speech
    assert [spk for label, _, spk in got[3:]] == ["Rustam Karimov"] * len(body)


def test_an_office_line_alone_under_a_dated_speech_names_its_holder() -> None:
    title = "Speech at the session of the Parliamentary Assembly"
    text = "\n".join([title, "12.03.2026", "Secretary General of the Collective Security Treaty Organization",
                      *_SPEECH]) + "\n"
    cur = parse_text(text)
    said = {spk for label, _, spk in lines(cur, text) if label == "paragraph"}
    assert len(said) == 1 and None not in said


_RESULTS = ["The ministers discussed the situation in Central Asia and the preparation of the anniversary "
            "events of the Organisation.", "The next session of the Council will be held in Minsk in the autumn."]


@pytest.mark.parametrize("title", ["The session of the Council of Foreign Ministers was held in Yerevan on 14 March 2025.",
                                   "The foreign ministers of the member states met in Yerevan on March 14, 2025."])
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_sentence_dated_in_words_over_capitals_is_the_title(title: str, sidebar: str, gap: str) -> None:
    text = _page(_SIDEBARS[sidebar], [title, "MAIN RESULTS OF THE SESSION", *_RESULTS], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    got = _article(cur, text)
    assert got[:2] == [("title", title, None), ("heading", "MAIN RESULTS OF THE SESSION", None)]
    assert [t for _, t, _ in got[2:]] == _RESULTS


_ROWS = {"tabs": ["Name\tDates\tPlace", "Interaction-2025\t1–5 September\tBrest region",
                  "Search-2025\t8–12 September\tGrodno region", "Echelon-2025\t15–19 September\tMinsk region"],
         "spaces": ["Exercise    Dates    Region", "Interaction-2025    1–5 September    Brest region",
                    "Cobalt-2025    22–26 September    Vitebsk region"]}


@pytest.mark.parametrize("rows", list(_ROWS))
@pytest.mark.parametrize("nav", ["Home / Activities / Exercises", "Home > Activities > Exercises"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_table_page_is_titled_by_its_heading(rows: str, nav: str, gap: str) -> None:
    text = _page([nav], ["Exercises", *_ROWS[rows]], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [("Exercises", "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == ["Exercises", *_ROWS[rows]]
    assert cur.events == []


# -- 5. one person in two transliterations: initials and a surname in the title, the full name in the lead ----

@pytest.mark.parametrize("initialled, full", [("B. Kasymaliev", "Bakyt Kasymaliyev"), ("B.K. Kasymaliev", "Bakyt Kasymaliiev"),
                                              ("T. Iskakov", "Talgat Iskakoff"), ("A. Zolotoy", "Andrei Zolotoiy")])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_title_and_a_lead_spelling_one_surname_two_ways_name_one_person(initialled: str, full: str, gap: str) -> None:
    surname = full.split()[-1]
    text = gap.join([f"{initialled}: the Secretariat is ready to assist the chairmanship", "12.03.2026",
                     f"On 12 March 2026, Deputy Secretary General of the Organisation {full} met with the "
                     "Ambassador of Armenia.",
                     f"{surname} noted that the Secretariat was ready to assist in the preparation of the session."]) + "\n"
    cur = parse_text(text)
    assert [s.name for s in cur.speakers] == [full]
    assert [spk for label, _, spk in lines(cur, text) if label == "paragraph"] == [full]


# -- 6. a quotation before a long attribution: a role of many words, the name, a relative clause -------------

@pytest.mark.parametrize("verb", ["said", "noted", "stressed"])
@pytest.mark.parametrize("who, name", [
    ("Deputy Minister of Defence of the Republic of Belarus Viktor Gulevich, who chaired the meeting", "Viktor Gulevich"),
    ("First Deputy Chief of the General Staff of the Armed Forces of the Republic of Kazakhstan Major General "
     "Daulet Ospanov, who headed the delegation of his country", "Daulet Ospanov"),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_quotation_before_a_long_attribution_is_the_named_persons(verb: str, who: str, name: str, gap: str) -> None:
    quote = f"“The plan we have agreed today meets the tasks of the collective forces,” {verb} {who}."
    text = gap.join(["The working group on military cooperation met in Minsk", "12.03.2026",
                     "On 12 March 2026, the working group on military cooperation of the member states met in Minsk.",
                     "The participants discussed the plan of joint exercises for the next year.", quote]) + "\n"
    cur = parse_text(text)
    assert [(t, spk) for label, t, spk in lines(cur, text) if label == "paragraph"] == [
        ("The participants discussed the plan of joint exercises for the next year.", None), (quote, name)]


# -- 7. a message signed at its end: the signatory's words, an address block of headings, no sidebar person ---

_FORMER_SIDEBAR = ["Former CSTO Secretary General Stanislav Zas took part in a conference in Minsk",
                   "Peacekeepers of the member states completed a command and staff training near Bishkek"]
_ADDRESS = ["To His Excellency", "Mr. Kassym-Jomart Tokayev,", "President of the Republic of Kazakhstan"]
_MESSAGE = ["Dear Mr. President,",
            "On behalf of the Secretariat and on my own behalf, I sincerely congratulate you on the Independence "
            "Day of the Republic of Kazakhstan.",
            "I am convinced that Kazakhstan will continue to make a weighty contribution to the strengthening of "
            "our Organisation.",
            "I wish you good health and success, and peace and prosperity to the people of Kazakhstan."]


@pytest.mark.parametrize("signature, who", [
    (["Secretary General of the Collective Security Treaty Organization", "I. Tasmagambetov"], "Imangali Tasmagambetov"),
    (["Chairman of the Permanent Council of the Organization", "K. Abdrakhmanov"], "K. Abdrakhmanov"),
])
@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_signed_message_is_its_signatorys(signature: list[str], who: str, dated: bool, gap: str) -> None:
    title = "Message of congratulations on the National Day of the Republic of Kazakhstan"
    head = [title, "16.12.2024"] if dated else [title]
    text = _page(_FORMER_SIDEBAR, [*head, *_ADDRESS, *_MESSAGE, *signature], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    got = _article(cur, text)
    assert [(label, spk) for label, t, spk in got if t in _ADDRESS] == [("heading", None)] * 3
    assert [(label, spk) for label, t, spk in got if t in signature] == [("heading", None)] * 2
    assert {spk for label, t, spk in got if t in _MESSAGE} == {who}
    assert "Stanislav Zas" not in {s.name for s in cur.speakers}


@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_message_cut_before_its_signature_takes_no_former_holder_from_the_sidebar(dated: bool, gap: str) -> None:
    title = "Message of the CSTO Secretary General on the National Day of the Republic of Kazakhstan"
    head = [title, "16.12.2024"] if dated else [title]
    text = _page(_FORMER_SIDEBAR, [*head, *_ADDRESS, *_MESSAGE], gap)
    cur = parse_text(text)
    said = {spk for label, t, spk in _article(cur, text) if t in _MESSAGE}
    assert said == ({"Imangali Tasmagambetov"} if dated else {None})


# -- 8. written and narrated text has no speaker -------------------------------------------------------------

_STATEMENT = ["The Secretariat of the Collective Security Treaty Organization expresses deep concern over the "
              "incidents on the border between the two member states.",
              "The Organization calls on the parties to exercise restraint and to settle the situation by political "
              "and diplomatic means."]
_STATEMENT_LATE = [("The Secretary General stresses that the Organization is ready to provide assistance in the "
                    "settlement.", "He recalls that the member states have repeatedly confirmed their commitment "
                    "to the peaceful settlement of disputes."),
                   ("The Secretary General of the Organization underlines that the mechanisms of crisis response "
                    "remain at the disposal of the parties.", "He reiterates the readiness of the Secretariat to "
                    "send its representatives to the region.")]


@pytest.mark.parametrize("late", range(len(_STATEMENT_LATE)))
@pytest.mark.parametrize("sidebar", [[], ["CSTO Secretary General Imangali Tasmagambetov met the Ambassador of Armenia",
                                          "Former CSTO Secretary General Stanislav Zas took part in a conference in Minsk"]])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_written_statements_present_tense_has_no_speaker(late: int, sidebar: list[str], gap: str) -> None:
    text = _page(sidebar, ["Statement of the CSTO Secretariat on the situation on the border", "02.06.2025",
                           *_STATEMENT, *_STATEMENT_LATE[late]], gap)
    cur = parse_text(text)
    assert [a.kind for a in cur.articles] == ["statement"]
    assert {spk for _, _, spk in _article(cur, text)} == {None}


_NARRATION = ["After the speech, the participants of the meeting discussed the draft documents of the session.",
              "The ministers adopted a statement on the situation in Central Asia."]


@pytest.mark.parametrize("opener", ["After the speech,", "Following his address,", "At the end of the greeting,"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_narration_after_a_speech_is_nobodys(opener: str, gap: str) -> None:
    narration = [_NARRATION[0].replace("After the speech,", opener), _NARRATION[1]]
    text = gap.join(["Speech by the CSTO Secretary General at the meeting of the Council of Foreign Ministers",
                     "12.03.2026", *_SPEECH, *narration]) + "\n"
    cur = parse_text(text)
    got = _article(cur, text)
    assert {spk for _, t, spk in got if t in _SPEECH} == {"Taalatbek Masadykov"}
    assert [spk for _, t, spk in got if t in narration] == [None, None]


# -- 10. single labels: a one-word salutation, a sentence over a list, a signature block's lines ----------------

@pytest.mark.parametrize("word", ["Colleagues!", "Friends!", "Dear friends!"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_one_word_salutation(word: str, gap: str) -> None:
    text = gap.join(["Speech by the CSTO Secretary General at the meeting of veterans", "12.03.2026", word,
                     *_SPEECH[1:]]) + "\n"
    cur = parse_text(text)
    assert [(label, spk) for label, t, spk in lines(cur, text) if t == word] == [("salutation", "Taalatbek Masadykov")]


def test_a_not_salutation_word_stays_text() -> None:
    text = "\n".join(["Speech by the CSTO Secretary General at the meeting of veterans", "12.03.2026",
                      "Colleagues from the member states came to the meeting.", *_SPEECH[1:]]) + "\n"
    cur = parse_text(text)
    assert [label for label, t, _ in lines(cur, text) if t.startswith("Colleagues")] == ["paragraph"]


@pytest.mark.parametrize("block", [["Chairman of the Council of Defence Ministers,",
                                    "Minister of Defence of the Republic of Belarus", "V. Khrenin"],
                                   ["Secretary General", "of the Collective Security Treaty Organization", "T. Masadykov"]])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_every_line_of_a_signature_block_is_a_heading(block: list[str], gap: str) -> None:
    text = gap.join(["Greeting to the participants of the forum", "12.03.2026", "Dear participants of the forum!",
                     "I am glad to greet you on behalf of the Organisation. We value your work for the security of "
                     "our states.", "I wish you fruitful work.", *block]) + "\n"
    cur = parse_text(text)
    got = _article(cur, text)
    tail = [(label, spk) for label, t, spk in got if any(line in t for line in block)]
    assert tail and all(x == ("heading", None) for x in tail)
    assert "\n".join(t for _, t, _ in got).endswith(block[-1])


# -- 9. an interview's question the excerpt cut stays a question ---------------------------------------------

_INTERVIEW = ["What tasks will the Organisation put first this year?",
              "The re-equipment of the collective forces and the training of their staffs come first. We will also "
              "continue the work on the crisis response system.",
              "How is the work with the United Nations going?",
              "It goes on steadily; our peacekeepers are ready to join the missions of the United Nations, and the "
              "memorandum is being prepared."]


@pytest.mark.parametrize("last", ["3. What will the session in Astana adopt in the autumn, and which documents are "
                                  "being prepa", "Which documents will the heads of state sign in Ast"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_interviews_question_cut_by_the_excerpt_stays_a_question(last: str, gap: str) -> None:
    text = gap.join(["Interview of the CSTO Secretary General to the newspaper Izvestia", "12.03.2026",
                     *_INTERVIEW]) + gap + last
    cur = parse_text(text)
    assert [a.kind for a in cur.articles] == ["interview"]
    got = _article(cur, text)
    assert [label for label, _, _ in got[2:]] == ["question", "answer", "question", "answer", "question"]
    assert got[-1][2] is None and {spk for label, _, spk in got if label == "answer"} == {"Taalatbek Masadykov"}
