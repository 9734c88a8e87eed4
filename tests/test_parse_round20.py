"""Round 20 of the parser on unseen layouts (parser22): classes a red team's pages in the site's style
showed, reported as structure only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

# sidebars as the site's crawls have them: none, dated teasers, headline-only teasers of varying length
_DATED = ["03.02.2026", "Border guards of the member states held a joint seminar on migration control",
          "29.01.2026", "The Deputy Secretary General met students of the diplomatic academy",
          "21.01.2026", "A delegation of the Secretariat visited the training centre of the collective forces"]
_HEADLINES = ["Sappers of the member states cleared the training ground before the exercise",
              "The working group on information security will meet in Astana",
              "Instructors trained crews of unmanned aerial vehicles",
              "The Organisation's new yearbook is published"]
_SIDEBARS = {"none": [], "dated": _DATED, "headlines": _HEADLINES, "mixed": [_HEADLINES[0], *_DATED[:4], *_HEADLINES[1:3]]}


def _page(sidebar: list[str], body: list[str], gap: str) -> str:
    return gap.join([*sidebar, *body]) + "\n"


def _article(cur, text: str) -> list[tuple[str, str, str | None]]:
    return [(label, t, spk) for label, t, spk in lines(cur, text)
            if label not in ("teaser", "boilerplate")]


# -- 1. static pages: a contacts page under a menu line, a gallery of captions, a list page ------------------

_MENU = "Home About News Documents Contacts"
_CONTACT_PAGE = ["Contacts of the Secretariat", "Address: 119019, Moscow, Znamenka street, 7",
                 "Phone: +7 (495) 600-10-20", "Fax: +7 (495) 600-10-21", "E-mail: office@example.org"]


@pytest.mark.parametrize("where", ["above", "below", "both"])
@pytest.mark.parametrize("sidebar", ["dated", "headlines", "mixed"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_contacts_page_under_a_menu_line_keeps_its_heading(where: str, sidebar: str, gap: str) -> None:
    side = _SIDEBARS[sidebar]
    above = side if where in ("above", "both") else []
    below = side if where == "below" else ["06.02.2026", "Military doctors of the member states met in Dushanbe",
                                           "The CSTO Academy opened its winter school"] if where == "both" else []
    text = _page([_MENU, *above], [*_CONTACT_PAGE, *below], gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [(_CONTACT_PAGE[0], None, "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == _CONTACT_PAGE
    assert [label for label, _, _ in got[1:]] == ["paragraph"] * 4
    assert [label for label, t, _ in lines(cur, text) if t in below] == ["teaser"] * len(below)


_CAPTIONS = ["Crews of armoured vehicles on the march to the training ground",
             "Commanders at the observation post, 9 September 2025",
             "Airborne units landing at dawn",
             "A field hospital of the medical units",
             "Final stage of the exercise, 12 September 2025",
             "Ministers of defence at the review of the troops"]
# (a headline-only teaser right over a date-first item reads as a title over its date line: 2.137.0 keeps such
# an Article, so the long sidebar has its dated items first)
_LONG_SIDEBAR = [*_DATED, "09.12.2025", "The Council of Foreign Ministers met in Minsk", *_HEADLINES,
                 "Cadets of the military academies competed in a sports contest"]


@pytest.mark.parametrize("heading", ["Joint exercise Interaction-2025", "Photo gallery: exercise Interaction-2025"])
@pytest.mark.parametrize("sidebar", ["long", "dated", "headlines"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_gallery_of_captions_under_a_long_sidebar_is_an_article(heading: str, sidebar: str, gap: str) -> None:
    side = _LONG_SIDEBAR if sidebar == "long" else _SIDEBARS[sidebar]
    text = _page(side, [heading, *_CAPTIONS], gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [(heading, None, "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == [heading, *_CAPTIONS]
    assert all(label == "paragraph" for label, _, _ in got[1:])


_LISTS = {
    "states": ("Member States", ["Republic of Armenia", "Republic of Belarus", "Republic of Kazakhstan",
                                 "Kyrgyz Republic", "Russian Federation", "Republic of Tajikistan"]),
    "chronology": ("Chronology of the Organisation", [
        "15 May 1992 – the Collective Security Treaty was signed in Tashkent",
        "20 April 1994 – the Treaty entered into force",
        "14 May 2002 – the Collective Security Council decided to set up the Organisation",
        "7 October 2002 – the Charter of the Organisation was signed in Chisinau",
        "4 February 2009 – the Collective Rapid Reaction Forces were established"]),
    "years": ("History", ["1992 – the Treaty is signed in Tashkent", "1994 – the Treaty enters into force",
                          "2002 – the Organisation is founded", "2009 – the Rapid Reaction Forces are formed",
                          "2021 – the Organisation marks its anniversary"]),
}


@pytest.mark.parametrize("which", list(_LISTS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_list_page_is_a_static_article(which: str, sidebar: str, gap: str) -> None:
    heading, items = _LISTS[which]
    text = _page(_SIDEBARS[sidebar], [heading, *items], gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [(heading, None, "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == [heading, *items]
    assert [label for label, _, _ in got[1:]] == ["paragraph"] * len(items)


@pytest.mark.parametrize("which", list(_LISTS))
def test_a_list_page_cut_mid_word_is_a_static_article(which: str) -> None:
    heading, items = _LISTS[which]
    text = cut(_page([_MENU, *_DATED], [heading, *items, *items, *items], "\n"), 900)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(heading, "other")]
    assert not any(label == "lead" for label, _, _ in lines(cur, text))


# -- 2. a document's or a list's heading under headline-only teasers is the title ----------------------------

_REGULATIONS = ["REGULATIONS on the Coordination Council for Emergency Situations of the Member States",
                "APPROVED by the decision of the Council of Ministers of Foreign Affairs",
                "of the Collective Security Treaty Organisation of 12 November 2025",
                "I. General provisions",
                "1. The Coordination Council for Emergency Situations (hereinafter referred to as the Council) is a "
                "subsidiary body of the Organisation.",
                "2. The Council is guided in its activities by the Charter of the Organisation and by these Regulations."]
_PLAN = ["Plan of joint exercises of the collective forces for 2026",
         "No.\tEvent\tDates\tVenue",
         "1.\tCommand and staff exercise Interaction-2026\tSeptember\tRepublic of Belarus",
         "2.\tSpecial exercise Search-2026\tSeptember\tRepublic of Kazakhstan",
         "3.\tExercise Echelon-2026\tOctober\tKyrgyz Republic",
         "4.\tExercise Cobalt-2026\tOctober\tRussian Federation"]
_BODIES = ["Statutory bodies of the Organisation", "Collective Security Council", "Council of Ministers of Foreign Affairs",
           "Council of Ministers of Defence", "Committee of Secretaries of Security Councils", "Permanent Council"]
_DOCS = {"regulations": _REGULATIONS, "plan": _PLAN, "bodies": _BODIES}


@pytest.mark.parametrize("doc", list(_DOCS))
@pytest.mark.parametrize("sidebar", ["headlines", "mixed", "dated"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_documents_heading_under_headline_teasers_is_the_title(doc: str, sidebar: str, gap: str) -> None:
    body = _DOCS[doc]
    text = _page(_SIDEBARS[sidebar], body, gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [body[0]]
    got = _article(cur, text)
    assert [t for _, t, _ in got][:1] == [body[0]]
    assert [label for label, t, _ in lines(cur, text) if t in _SIDEBARS[sidebar]] == ["teaser"] * len(_SIDEBARS[sidebar])
    assert not any(label in ("teaser", "boilerplate") for label, t, _ in lines(cur, text) if t in body)
    if doc != "bodies":
        assert [a.kind for a in cur.articles] == ["document"]


@pytest.mark.parametrize("doc", list(_DOCS))
def test_a_documents_heading_under_headline_teasers_cut_mid_word(doc: str) -> None:
    body = _DOCS[doc]
    text = cut(_page(_HEADLINES, [*body, *body[1:], *body[1:], *body[1:], *body[1:]], "\n"), 2000)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [body[0]]


# -- 3. a document's title over its preamble; documents' kinds ------------------------------------------------

_DECISION = ["DECISION of the Collective Security Council of the Collective Security Treaty Organisation",
             "on the Programme of cooperation of the member states in countering illegal migration for 2026–2030"]
_PREAMBLE = ("The Collective Security Council of the Collective Security Treaty Organisation, guided by the Charter "
             "of the Organisation and seeking to strengthen cooperation in countering illegal migration,")
_DECIDED = ["decided:", "1. To approve the Programme of cooperation of the member states in countering illegal "
            "migration for 2026–2030 (attached).",
            "2. This Decision shall enter into force from the date of its signing."]


@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("dated", [True, False])
def test_a_decision_over_its_preamble(sidebar: str, gap: str, dated: bool) -> None:
    head = [*_DECISION, "20.11.2025"] if dated else _DECISION
    text = _page(_SIDEBARS[sidebar], [*head, _PREAMBLE, *_DECIDED], gap)
    cur = parse_text(text)
    assert [(a.title.split("\n")[0], a.kind) for a in cur.articles] == [(_DECISION[0], "document")]
    got = _article(cur, text)
    assert got[0][0] == "title" and got[0][1].startswith(_DECISION[0])
    assert _DECISION[1] in "\n".join(t for label, t, _ in got if label in ("title", "heading"))
    assert [label for label, t, _ in got if t == _PREAMBLE] == ["paragraph"]
    assert not any(label == "lead" for label, _, _ in got)


_DOC_TITLES = ["Procedure for the formation and functioning of the peacekeeping forces of the Organisation",
               "Programme of military-technical cooperation of the member states for 2026–2030",
               "Plan of basic measures of the Organisation for 2026",
               "REGULATIONS on the Staff of the Organisation"]


@pytest.mark.parametrize("title", _DOC_TITLES)
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_documents_titled_as_such_are_documents(title: str, gap: str) -> None:
    text = gap.join([title, "20.11.2025", "1. General provisions",
                     "1.1. This document determines the order of interaction of the bodies of the Organisation "
                     "and of the member states.", "1.2. The terms used here have the meanings of the Charter."]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(title, "document")]
    assert not any(label == "lead" for label, _, _ in lines(cur, text))


# -- 4. a speech's title over a heading of three lines: office, full name, occasion, in any order ------------

_OFFICE = "President of the Republic of Belarus"
_FULL_NAME = "Alexander Grigoryevich Lukashenko"
_OCCASION = "at the meeting of the Collective Security Council of the Collective Security Treaty Organisation in narrow format"
_HEADERS = {"office-name-occasion": [_OFFICE, _FULL_NAME, _OCCASION],
            "name-office-occasion": [_FULL_NAME, _OFFICE, _OCCASION],
            "occasion-office-name": ["on the occasion of the thirty-third anniversary of the Collective Security Treaty",
                                     _OFFICE, _FULL_NAME]}
_SPEECH_TITLE = "Speech at the session of the Collective Security Council"
_SPEECH_BODY = ["Dear colleagues!",
                "I am glad to welcome you in Minsk. Our meeting takes place at a difficult time for the whole region.",
                "We have done much to strengthen the collective forces over the past year, and I thank every state "
                "for its contribution.",
                "I propose to adopt the declaration prepared by the foreign ministers.",
                "Thank you for your attention."]


@pytest.mark.parametrize("header", list(_HEADERS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_speech_title_over_a_three_line_header_names_its_speaker(header: str, sidebar: str, gap: str) -> None:
    head = _HEADERS[header]
    text = _page(_SIDEBARS[sidebar], [_SPEECH_TITLE, *head, *_SPEECH_BODY], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_SPEECH_TITLE, "speech")]
    got = _article(cur, text)
    assert got[0] == ("title", _SPEECH_TITLE, None)
    assert [(label, spk) for label, t, spk in got if t in head] == [("heading", None)] * 3
    said = [spk for label, t, spk in got if t in _SPEECH_BODY]
    assert len(said) == len(_SPEECH_BODY) and len(set(said)) == 1 and said[0] is not None
    assert "Lukashenko" in said[0]


# -- 5. an unmarked interview: questions are paragraphs ending in "?" ----------------------------------------

_QA = ["What is the main task of the collective forces this year?",
       "Our main task is to raise the readiness of the contingents. We will hold four exercises, and the staffs "
       "will train together more often than before.",
       "Are the member states ready to send their peacekeepers to the missions of the United Nations?",
       "Yes, the contingents are trained, and the legal basis was adopted last year. The decision rests with the "
       "heads of state.",
       "How do you assess the situation on the southern borders?",
       "It remains tense. The border services of our states exchange information every day, and we are ready to help."]
_INTERVIEW_HEADS = {
    "answered": ["CSTO Secretary General Imangali Tasmagambetov answered journalists' questions", "12.03.2026",
                 "On 12 March 2026, CSTO Secretary General Imangali Tasmagambetov answered questions of journalists "
                 "after the meeting of the Permanent Council."],
    "gave": ["Imangali Tasmagambetov gave an interview to the newspaper Krasnaya Zvezda", "12.03.2026"],
    "quote": ["Imangali Tasmagambetov: “Our peacekeepers are ready for any mission”", "12.03.2026",
              "CSTO Secretary General Imangali Tasmagambetov told the newspaper about the plans of the Organisation."],
}


@pytest.mark.parametrize("head", list(_INTERVIEW_HEADS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_unmarked_interview_is_an_interview(head: str, sidebar: str, gap: str) -> None:
    top = _INTERVIEW_HEADS[head]
    text = _page(_SIDEBARS[sidebar], [*top, *_QA], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(top[0], "interview")]
    got = _article(cur, text)
    turns = [(label, spk) for label, t, spk in got if t in _QA]
    assert turns == [("question", None), ("answer", "Imangali Tasmagambetov")] * 3


def test_an_unmarked_interview_cut_mid_word() -> None:
    top = _INTERVIEW_HEADS["answered"]
    text = cut(_page(_DATED, [*top, *_QA, *_QA, *_QA], "\n"), 2000)
    cur = parse_text(text)
    assert [a.kind for a in cur.articles] == ["interview"]
    got = _article(cur, text)
    assert {spk for label, _, spk in got if label == "answer"} == {"Imangali Tasmagambetov"}
    assert {label for label, t, _ in got if t == _QA[0]} == {"question"}


_QA_LONG = ["The Organisation turns thirty-four this year. What has it achieved over these years?",
            "It has become a real instrument of security. We have collective forces, a crisis response system and "
            "a peacekeeping contingent.",
            "Much remains to be done, of course, in the field of information security.",
            "Which of the exercises planned for this year will be the largest?",
            "The command and staff exercise in Kazakhstan: more than three thousand servicemen will take part in it."]
_UNDATED_HEADS = {
    "quote": ["“The Organisation has become a real instrument of security”",
              "CSTO Secretary General Imangali Tasmagambetov answered the questions of the magazine "
              "Security and Defence."],
    "answers": ["Imangali Tasmagambetov answers questions of the magazine Security and Defence"],
}


@pytest.mark.parametrize("head", list(_UNDATED_HEADS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_undated_unmarked_interview_with_long_turns(head: str, sidebar: str, gap: str) -> None:
    top = _UNDATED_HEADS[head]
    text = _page(_SIDEBARS[sidebar], [*top, *_QA_LONG], gap)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(top[0], "interview")]
    got = _article(cur, text)
    turns = [(label, spk) for label, t, spk in got if t in _QA_LONG]
    who = "Imangali Tasmagambetov"
    assert turns == [("question", None), ("answer", who), ("answer", who), ("question", None), ("answer", who)]


# -- 6. speakers: a role noun or a nationality for the last named person; a surname spelled two ways ----------

_NEWS_TOP = ["The foreign ministers discussed the situation in Central Asia", "12.03.2026"]


def _said(cur, text: str, paras: list[str]) -> list[str | None]:
    got = {t: spk for label, t, spk in lines(cur, text) if label in ("lead", "paragraph", "answer")}
    return [got.get(p) for p in paras]


@pytest.mark.parametrize("follow", [
    "The minister added that the ministers would meet again in Minsk in the autumn.",
    "In his view, the situation on the Tajik-Afghan border requires constant attention.",
    "The Armenian minister also noted the importance of the Organisation's peacekeeping capacities.",
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_role_noun_after_a_named_paragraph_is_that_person(follow: str, gap: str) -> None:
    named = ("Minister of Foreign Affairs of the Republic of Armenia Ararat Mirzoyan said that the member states "
             "should coordinate their positions in international organisations.")
    paras = ["On 12 March 2026, a meeting of the Council of Ministers of Foreign Affairs was held in Moscow.", named,
             follow]
    text = gap.join([*_NEWS_TOP, *paras]) + "\n"
    cur = parse_text(text)
    assert _said(cur, text, paras) == [None, "Ararat Mirzoyan", "Ararat Mirzoyan"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_nationality_and_a_diplomat_after_a_named_paragraph(gap: str) -> None:
    named = ("Ambassador of the People's Republic of China to the Russian Federation Zhang Hanhui said that China "
             "values its dialogue with the Organisation.")
    follow = "The Chinese diplomat noted that Beijing was ready to host a meeting of experts."
    paras = ["On 12 March 2026, the Secretary General met the Ambassador of China.", named, follow]
    text = gap.join(["The Secretary General met the Ambassador of China", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    assert _said(cur, text, paras)[1:] == ["Zhang Hanhui", "Zhang Hanhui"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_mixed_paragraph_ending_with_the_role_noun(gap: str) -> None:
    named = "Minister of Defence of the Republic of Belarus Viktor Khrenin noted that the exercise had been prepared well."
    mixed = ("The participants then visited the training ground. The minister confirmed that Belarus would host "
             "the next exercise.")
    paras = ["On 12 March 2026, the defence ministers met in Minsk.", named, mixed]
    text = gap.join(["The defence ministers met in Minsk", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    assert _said(cur, text, paras)[1:] == ["Viktor Khrenin", "Viktor Khrenin"]


@pytest.mark.parametrize("descriptor", ["the Belarusian leader", "the Belarusian President", "the head of the Belarusian state"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_nationality_and_leader_is_that_countrys_head_of_state(descriptor: str, gap: str) -> None:
    paras = ["On 12 March 2026, the Secretary General of the Organisation was received in Minsk.",
             f"“Our countries share one security space,” {descriptor} said.",
             "He emphasised that Belarus would take an active part in the exercises."]
    text = gap.join(["The Secretary General was received in Minsk", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    said = _said(cur, text, paras)
    assert said[0] is None and said[1] is not None and "Lukashenko" in said[1] and said[2] == said[1]


def test_two_fitting_candidates_give_no_speaker() -> None:
    paras = ["On 12 March 2026, Minister of Foreign Affairs of Armenia Ararat Mirzoyan and Minister of Foreign Affairs "
             "of Kazakhstan Murat Nurtleu met in Moscow.",
             "The minister added that the consultations would continue."]
    text = "\n".join(["The ministers met in Moscow", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    assert _said(cur, text, paras)[1] is None


@pytest.mark.parametrize("lead_name, body_name", [("Talgat Abdykalykov", "Abdykalikov"),
                                                  ("Nurlan Dzhumabykov", "Dzhumabikov"),
                                                  ("Rysbek Sydykov", "Sidykov"), ("Bakyt Tyulekov", "Tiulekov")])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_surname_with_another_vowel_in_the_body_is_one_person(lead_name: str, body_name: str, gap: str) -> None:
    """One Speaker (written as the paragraph that gives the words spells the surname, as 2.53.0 does)."""
    paras = [f"On 12 March 2026, Deputy Secretary General of the Organisation {lead_name} met with the Ambassador "
             "of Armenia.", f"{body_name} noted that the Secretariat was ready to assist the chairmanship."]
    text = gap.join(["The Deputy Secretary General met the Ambassador of Armenia", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    assert len(cur.speakers) == 1 and cur.speakers[0].name.split()[0] == lead_name.split()[0]
    assert _said(cur, text, paras)[1] == cur.speakers[0].name


# -- 7. a digest: date lines over one-sentence items continue the Article -------------------------------------

_DIGEST_ITEMS = ["02.03.2026", "The Secretary General held talks with the Minister of Foreign Affairs of Kazakhstan in Astana.",
                 "03.03.2026", "Experts of the member states discussed the draft programme of countering illegal migration.",
                 "05.03.2026", "The Joint Staff hosted a meeting of the heads of operational departments.",
                 "06.03.2026", "Cadets of the military academies of the member states completed their sports contest.",
                 "07.03.2026", "The Secretariat published the results of the monitoring of the information space."]


@pytest.mark.parametrize("title", ["Digest of the week: 2–8 March 2026", "CSTO: events of the week"])
@pytest.mark.parametrize("repeated", [True, False])
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_digest_of_dated_items_is_one_article(title: str, repeated: bool, sidebar: str, gap: str) -> None:
    top = [title, f"{title} 09.03.2026" if repeated else "09.03.2026",
           "We offer you an overview of the main events of the Organisation over the past week."]
    text = _page(_SIDEBARS[sidebar], [*top, *_DIGEST_ITEMS], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == [*top, *_DIGEST_ITEMS]


def test_a_listing_of_dated_summaries_newest_first_stays_a_listing() -> None:
    items = ["09.03.2026", "The Secretary General held talks with the Minister of Foreign Affairs of Kazakhstan.",
             "06.03.2026", "Experts of the member states discussed the draft programme of countering migration.",
             "04.03.2026", "The Joint Staff hosted a meeting of the heads of operational departments.",
             "02.03.2026", "Cadets of the military academies completed their sports contest."]
    text = "\n".join(["News", *items]) + "\n"
    cur = parse_text(text)
    assert not any(len([t for label, t, _ in lines(cur, text) if label not in ("teaser", "boilerplate")]) > 3
                   for _ in cur.articles)


# -- 8. single lines: a numbered list's cut last item, a topic line in capitals, a rubric, a press-service teaser --

_POINTS = ["On 12 March 2026, the Permanent Council of the Organisation held its regular meeting in Moscow.",
           "The permanent representatives considered the following issues:",
           "1. On the draft agenda of the session of the Collective Security Council.",
           "2. On the implementation of the plan of joint exercises for 2026.",
           "3. On the budget of the Organisation for the next year."]


@pytest.mark.parametrize("last", ["4. ", "4. The", "4. On the prepa"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_cut_last_item_of_a_numbered_list_stays_in_the_article(last: str, gap: str) -> None:
    text = gap.join(["The Permanent Council held its regular meeting", "12.03.2026", *_POINTS]) + gap + last
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == ["The Permanent Council held its regular meeting"]
    got = lines(cur, text)
    assert got[-1][1].strip() == last.strip() and got[-1][0] not in ("teaser", "boilerplate")
    assert cur.segments[-1].article is not None


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_topic_line_in_capitals_inside_a_news_body_is_a_heading(gap: str) -> None:
    topic = "ON THE RESULTS OF THE JOINT EXERCISES OF THE COLLECTIVE FORCES"
    text = gap.join(["The Council of Defence Ministers met in Minsk", "12.03.2026",
                     "On 12 March 2026, the Council of Defence Ministers of the member states met in Minsk.",
                     topic, "The ministers heard the report of the Chief of the Joint Staff on the exercises of 2025.",
                     "They approved the plan of exercises for 2026."]) + "\n"
    cur = parse_text(text)
    assert [label for label, t, _ in lines(cur, text) if t == topic] == ["heading"]


@pytest.mark.parametrize("rubric", ["PRESS RELEASE", "Press release"])
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_rubric_line_above_the_title_is_boilerplate(rubric: str, sidebar: str, gap: str) -> None:
    title = "The Secretary General met the Ambassador of Armenia"
    text = _page(_SIDEBARS[sidebar], [rubric, title, "12.03.2026",
                                      "On 12 March 2026, the Secretary General met the Ambassador of Armenia.",
                                      "The parties discussed the preparation of the session."], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert [label for label, t, _ in lines(cur, text) if t == rubric] == ["boilerplate"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_teaser_about_press_services_is_a_teaser(gap: str) -> None:
    teaser = ("On 2 March 2026, the heads of the press services of the ministries of defence of the member states "
              "met in Minsk to discuss the coverage of the joint exercises.")
    title = "The Secretary General met the Ambassador of Armenia"
    text = gap.join(["03.03.2026", teaser, title, "12.03.2026",
                     "On 12 March 2026, the Secretary General met the Ambassador of Armenia.",
                     "The parties discussed the preparation of the session."]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    assert [label for label, t, _ in lines(cur, text) if t == teaser] == ["teaser"]


@pytest.mark.parametrize("teaser", [
    "The heads of the press services of the ministries of defence of the member states met in Minsk",
    "A meeting of the heads of the press services of the CSTO member states was held in Minsk",
])
@pytest.mark.parametrize("dated", ["before", "after"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_headline_teaser_about_press_services_is_a_teaser(teaser: str, dated: str, gap: str) -> None:
    title = "The Secretary General met the Ambassador of Armenia"
    top = ["03.03.2026", teaser] if dated == "before" else [teaser, "03.03.2026"]
    text = gap.join([*top, title, "12.03.2026", "On 12 March 2026, the Secretary General met the Ambassador of Armenia.",
                     "The parties discussed the preparation of the session.", "Press service of the CSTO Secretariat"]) + "\n"
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    got = {t: label for label, t, _ in lines(cur, text)}
    assert got[teaser] == "teaser" and got["Press service of the CSTO Secretariat"] == "boilerplate"


# -- integrator: a listing of albums under a menu line is no Article ------------------------------------------

_ALBUMS = ["Joint exercise Interaction-2025, Brest, September 2025",
           "Session of the Collective Security Council, Moscow, November 2025",
           "Training of the peacekeeping forces, Bishkek, October 2025",
           "Meeting of the Council of Foreign Ministers, Minsk, June 2025",
           "Command and staff training of the rapid reaction forces, Dushanbe, May 2025"]


@pytest.mark.parametrize("menu", ["Home About CSTO Documents News Photo Video Contacts", "Home News Documents Contacts"])
@pytest.mark.parametrize("footer", ["Show more", ""])
@pytest.mark.parametrize("end", ["\n", ""])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_listing_of_albums_under_a_menu_line_has_no_article(menu: str, footer: str, end: str, gap: str) -> None:
    text = gap.join([menu, *_ALBUMS, *([footer] if footer else [])]) + end
    cur = parse_text(text)
    assert cur.articles == []


# -- 9. an Event's place: the town named before its region ---------------------------------------------------

@pytest.mark.parametrize("where, town", [("near the town of Otar, Almaty region", "Otar"),
                                         ("near the village of Rybachye, Issyk-Kul region", "Rybachye"),
                                         ("at the training ground near the town of Borisov, Minsk region", "Borisov")])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_town_named_before_its_region_is_the_events_place(where: str, town: str, gap: str) -> None:
    text = gap.join(["The joint special exercise of the collective forces began", "14.05.2025",
                     f"On 14 May 2025, {where}, the joint special exercise of the collective forces began.",
                     "Units of the member states practised the search for armed groups."]) + "\n"
    cur = parse_text(text)
    assert [(str(e.date), e.place) for e in cur.events] == [("2025-05-14", town)]


# -- integrator: a rubric under the title is the Article's heading; "the minister said" after one minister named --

@pytest.mark.parametrize("rubric", ["PRESS RELEASE", "Press release"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_rubric_under_the_title_is_a_heading_of_the_article(rubric: str, gap: str) -> None:
    title = "The Secretary General met the Ambassador of Armenia"
    body = ["On 12 March 2026, the Secretary General met the Ambassador of Armenia.",
            "The parties discussed the preparation of the session."]
    text = _page(_SIDEBARS["dated"], [title, "12.03.2026", rubric, *body], gap)
    cur = parse_text(text)
    assert [a.title for a in cur.articles] == [title]
    got = {t: label for label, t, _ in lines(cur, text)}
    assert got[rubric] == "heading" and all(got[b] in ("lead", "paragraph") for b in body)


@pytest.mark.parametrize("named", [
    "Minister of Defence of the Republic of Armenia Suren Papikyan and Head of the International Cooperation "
    "Department of the Ministry of Defence Arman Sargsyan",
    "Minister of Defence of the Republic of Armenia Suren Papikyan",
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_minister_said_after_one_minister_named(named: str, gap: str) -> None:
    paras = [f"On 12 March 2026, CSTO Deputy Secretary General Samat Ordabaev met with {named}.",
             "“Armenia values the work of the Organisation,” the minister said."]
    text = gap.join(["The CSTO Deputy Secretary General met the Minister of Defence of Armenia", "12.03.2026", *paras]) + "\n"
    cur = parse_text(text)
    assert _said(cur, text, paras) == [None, "Suren Papikyan"]


@pytest.mark.parametrize("noun", ["spokeswoman", "spokesperson"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_spokeswoman_under_a_capitals_subhead_is_the_official_representative(noun: str, gap: str) -> None:
    paras = ["On 12 March 2026, Official Representative of the Ministry of Foreign Affairs of the Russian Federation "
             "Maria Zakharova said that the session had been prepared well.",
             f"The joint exercises will be held in the autumn, the {noun} noted."]
    text = gap.join(["The Ministry of Foreign Affairs commented on the session", "12.03.2026", paras[0],
                     "ON THE EXERCISES", paras[1]]) + "\n"
    cur = parse_text(text)
    # (the lead that names her is nobody's words since 2.179.0: no gold lead has a speaker)
    assert _said(cur, text, paras) == [None, "Maria Zakharova"]
