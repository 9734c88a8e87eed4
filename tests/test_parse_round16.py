"""Round 16 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: which label, whether there is an Article at all and where it starts.
"""

from __future__ import annotations

import pytest

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- 0a. one-sentence paragraphs under a title after headline/summary pairs --------------------------
# An undated sidebar of headline + one-sentence summary pairs, then the Article: its title, a one-sentence
# lead and one-sentence paragraphs. Round 15's sidebar-item rule took the title and lead for one more pair.

_PAIRS = [
    ("Seminar for press officers held in Dushanbe",
     "On 2 April 2026, press officers of the member states' defence ministries met for a two-day seminar."),
    ("Experts discussed the security of energy facilities",
     "On 30 March 2026, a working group reviewed the protection of power plants and pipelines."),
    ("Cadets of the border academies visited the Secretariat",
     "On 27 March 2026, a group of cadets got acquainted with the history of the Organization."),
    ("Military doctors completed a course in Almaty",
     "On 25 March 2026, the training of medical officers of the Collective Forces ended with an exam."),
]
_TITLE0 = "The Secretariat hosted consultations of the heads of analytical centres"
_RUN = [
    "On 6 April 2026, the CSTO Secretariat in Moscow hosted consultations of the heads of national analytical centres.",
    "The participants exchanged assessments of the situation on the southern borders of the Organization.",
    "Particular attention was paid to the movement of militants from neighbouring regions.",
    "The sides agreed to prepare a joint review of threats by the end of the year.",
    "It was decided to hold the next consultations in Bishkek in the autumn.",
]


@pytest.mark.parametrize("pairs", [2, 3, 4])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_one_sentence_paragraphs_under_a_title_after_headline_summary_pairs_are_the_article(pairs, sep):
    lines = [x for pair in _PAIRS[:pairs] for x in pair] + [_TITLE0, *_RUN]
    text = sep.join(lines) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == _TITLE0, got
    labels = [label for label, _, _ in got]
    start = labels.index("title")
    assert got[start][1] == _TITLE0
    assert set(labels[:start]) <= {"teaser"}, got
    assert labels[start + 1 :] == ["lead"] + ["paragraph"] * (len(_RUN) - 1), got


# -- 2d. a title, then a day-first month-name date line, then the lead ------------------------------
# "15 August 2025" (or with its place after it) alone under the title: rule B' read only lines opening
# with a letter ("August 15, 2025", "Astana, 15 August 2025"), so the page had no Article at all.

_BODY2 = [
    "On 14 August 2025, the working group on border security under the Council of Foreign Ministers held its "
    "regular meeting in Astana under the chairmanship of Kazakhstan.",
    "The participants exchanged assessments of the situation on the external borders of the Organization and "
    "discussed measures to strengthen them.",
    "The next meeting will take place in Minsk in the spring of next year.",
]
_TITLE2 = "The working group on border security met in Astana"


@pytest.mark.parametrize("dateline", ["15 August 2025", "5 May 2024", "15 August 2025, Astana", "August 15, 2025"])
@pytest.mark.parametrize("sidebar", [[], ["The peacekeeping units of four states began a joint training near Minsk.",
                                          "On 26 August 2025, the heads of the migration services met in Almaty."]])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_day_first_month_name_date_under_the_title_is_its_dateline(dateline, sidebar, sep):
    text = sep.join([*sidebar, _TITLE2, dateline, *_BODY2]) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == _TITLE2, got
    assert [label for label, _, _ in got] == ["teaser"] * len(sidebar) + ["title", "dateline", "lead", "paragraph", "paragraph"], got
    assert cur.articles[0].date is None  # a month-name dateline gives no Article date (parser.md 2.22.0)


# -- 2b/3. a title and its place and date line over text that is no lead ----------------------------
# A gallery's captions, or a speech's "Check against delivery" note before its first words: rule B'
# wanted prose right under the place and date line, so the gallery had no Article and the speech's
# note became its title.

_GALLERY = ["Photo gallery: meeting of the Committee of Secretaries of the Security Councils of the member states",
            "Minsk, 12 June 2025",
            "The heads of delegations before the start of the meeting",
            "Secretary of the Security Council of the Republic of Belarus and the Chairman of the Committee",
            "The signing of the protocol"]
_SPEECH = ["Speech by the Chairman of the Committee at the meeting of the Committee of Secretaries",
           "Astana, June 3, 2025",
           "Check against delivery",
           "Dear colleagues,",
           "I am glad to welcome you to Astana. Our meeting takes place at a time when the situation on the southern "
           "borders of the Organization demands joint decisions. We have prepared a package of documents.",
           "The first of them concerns the exchange of information on the movement of militants."]
_TEASERS = ["On 14 October 2025, the Secretariat hosted a round table on countering the spread of synthetic drugs.",
            "From 6 to 10 October, the command-post exercise of the rapid deployment forces was held in Kyrgyzstan."]


@pytest.mark.parametrize("page", ["gallery", "speech"])
@pytest.mark.parametrize("sidebar", [0, 2])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_title_and_its_place_and_date_line_over_captions_or_a_note_head_the_article(page, sidebar, sep):
    article = _GALLERY if page == "gallery" else _SPEECH
    text = sep.join([*_TEASERS[:sidebar], *article]) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == article[0], got
    labels = [label for label, _, _ in got]
    assert labels[: sidebar + 2] == ["teaser"] * sidebar + ["title", "dateline"], got
    assert "teaser" not in labels[sidebar:], got


# -- 2a. a document's title over its adoption note and its first chapter and article headings -------
# "Model Law …", "Adopted at the … plenary session … (Resolution No. …)", "CHAPTER 1. …", "Article 1. …",
# then its text: the lead looked for under the title stopped at the second heading, and the adoption
# note was a title candidate of its own, so with a sidebar's headline above the page read as a listing.

_DOC_SIDEBAR = ["Secretary General of the Organization: “Our common task is to keep outer space peaceful”",
                "The staff of the Secretariat laid flowers at the memorial to the fallen defenders of the capital."]
_DOC = ["Model Law “On Countering the Financing of Terrorism”",
        "Adopted at the 15th plenary session of the Parliamentary Assembly (Resolution No. 15-7 of 21 November 2024)",
        "CHAPTER 1. GENERAL PROVISIONS",
        "Article 1. Subject of regulation of this Law",
        "This Law defines the legal and organisational framework for the prevention and suppression of the "
        "financing of terrorist activity in the member states.",
        "Article 2. Basic concepts used in this Law",
        "For the purposes of this Law, the following basic concepts are used:",
        "financing of terrorism – the provision or collection of funds for the commission of a terrorist act;"]


@pytest.mark.parametrize("adopted", [True, False])
@pytest.mark.parametrize("sidebar", [0, 1, 2])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_document_title_over_its_adoption_note_and_chapter_headings_heads_the_article(adopted, sidebar, sep):
    doc = _DOC if adopted else [_DOC[0], *_DOC[2:]]
    text = sep.join([*_DOC_SIDEBAR[:sidebar], *doc]) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == doc[0], got
    labels = [label for label, _, _ in got]
    assert labels[: sidebar + 1] == ["teaser"] * sidebar + ["title"], got
    assert "teaser" not in labels[sidebar:], got
    assert labels[-3:] == ["heading", "paragraph", "paragraph"], got  # "Article 2. …" and its text


# -- 3/4. a speech's title over its speaker's office and name, and the venue --------------------------
# "Speech at …" / "Chairman of …, Chairman of … V.V. Surname" / "City, Hall" / salutation / text: the
# venue line was taken for the title (rule D' looked only one heading line up), and nobody spoke.

@pytest.mark.parametrize("venue", ["St. Petersburg, Tauride Palace", "Minsk, Palace of Independence", None])
@pytest.mark.parametrize("office", ["Chairman of the Council of the Parliamentary Assembly, Speaker of the House of "
                                    "Representatives K.-Yu. Mironenko", "Deputy Chairman of the Commission N.P. Ostrovsky"])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_speech_headed_by_its_speakers_office_and_initials_is_theirs(venue, office, sep):
    title = "Speech at the opening of the autumn session of the Parliamentary Assembly"
    body = ["Dear colleagues!",
            "Today we are summing up the results of a difficult year. We have adopted three model laws and two "
            "recommendations on the harmonisation of legislation.",
            "I propose that we agree on a common approach to the regulation of new technologies by the next session.",
            "Thank you."]
    lines = [title, office, *([venue] if venue else []), *body]
    text = sep.join(lines) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == title, got
    assert [label for label, _, _ in got] == ["title"] + ["heading"] * (len(lines) - 5) + ["salutation"] + ["paragraph"] * 3, got
    surname = office.split()[-1].split(".")[-1]
    assert all(name is not None and name.endswith(surname) for label, _, name in got if label in ("salutation", "paragraph")), got


# -- 1. a sidebar where a headline's summary stands over the next item's date -----------------------
# "Headline" / "its one-sentence summary." / "30.05.2024" / "Next headline" / "its summary." …: rule B
# took the first summary and the date under it for the Article's title and dateline.

_ITEMS = [
    "31.05.2024",
    "On 31 May, the Secretariat hosted a briefing for the heads of diplomatic missions of partner states.",
    "The Secretary General met with students of a diplomatic academy",
    "The Secretary General told the students about the main areas of the Organization's work.",
    "30.05.2024",
    "Chiefs of the general staffs of the armed forces met in Almaty",
    "On 28 May, the Deputy Secretary General took part in an international conference on security in Asia.",
    "The Military Committee met under the Council of Defence Ministers 29.05.2024",
    "The members of the Military Committee discussed the joint exercises planned for the autumn.",
    "On 27 May 2024, the heads of the border services visited the Tajik-Afghan border.",
]
_NEWS = ["Meeting of the Committee of Secretaries of Security Councils in Cholpon-Ata",
         "05.06.2025",
         "On 5 June 2025, Cholpon-Ata hosted a meeting of the Committee of Secretaries of Security Councils chaired "
         "by the Kyrgyz side. The delegations of all member states took part.",
         "The Committee considered the situation in the area of responsibility of the Organization. The secretaries "
         "agreed to strengthen the exchange of information on the activity of international terrorist groups.",
         "The results of the meeting will be reported to the heads of sta"]
_ADDRESS = ["Address of the Secretary General on the Day of Victory",
            "08.05.2025",
            "Dear veterans,",
            "Dear friends,",
            "Eighty years ago our peoples won a victory that saved the world. We bow before the memory of the fallen "
            "and thank those who fought and worked for that victory.",
            "Today the member states of the Organization keep this memory together and pass it on to the young."]


@pytest.mark.parametrize("article", ["news", "address"])
@pytest.mark.parametrize("start", [0, 2, 4])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_summary_over_the_next_items_date_is_a_teaser_not_the_title(article, start, sep):
    body = _NEWS if article == "news" else _ADDRESS
    items = _ITEMS[start:]
    text = sep.join([*items, *body]) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == body[0], got
    labels = [label for label, _, _ in got]
    assert labels[: len(items) + 2] == ["teaser"] * len(items) + ["title", "dateline"], got
    assert cur.articles[0].date is not None and cur.articles[0].date.year == 2025


# -- 6. no speaker for what a written message "notes"; "he continued to teach" is no speech ---------

_CONGRATS = ["The Secretary General congratulated the people of Kyrgyzstan on Independence Day",
             "31.08.2025",
             "CSTO Secretary General Imangali Tasmagambetov sent a congratulatory message to the President of the "
             "Kyrgyz Republic on the occasion of the anniversary of the state independence of the republic.",
             "“Over the years of independence, the republic has become a reliable guarantor of stability in the "
             "region,” the message says.",
             "The Secretary General noted the contribution of Bishkek to the strengthening of the southern borders "
             "of the Organization.",
             "The message expresses wishes of peace and prosperity to the fraternal people of Kyrgyzstan.",
             "Earlier, at a reception at the Embassy, Imangali Tasmagambetov told the guests about the plans of the "
             "Organization. He noted that the exercises would continue in the autumn."]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_what_a_written_message_notes_is_nobodys_spoken_words(sep):
    text = sep.join(_CONGRATS) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    by_text = {line: name for _label, line, name in got}
    assert by_text[_CONGRATS[4]] is None, got  # what the message notes: written, no speaker
    assert by_text[_CONGRATS[5]] is None, got
    assert by_text[_CONGRATS[6]] == "Imangali Tasmagambetov", got  # spoken at a reception: his words


@pytest.mark.parametrize("opening", ["In his message, the Secretary General noted",
                                     "In a letter to the minister, the Secretary General stressed"])
def test_in_his_message_x_noted_gives_no_speaker(opening):
    lines = ["The Secretary General congratulated the veteran on his birthday", "12.03.2025",
             "On 12 March 2025, CSTO Secretary General Imangali Tasmagambetov congratulated the first commander "
             "of the peacekeeping forces on his eightieth birthday.",
             f"{opening} the personal contribution of the general to the development of military cooperation."]
    text = "\n".join(lines) + "\n"
    got = _lines(parse_text(text), text)
    assert got[-1][2] is None, got


def test_he_continued_to_teach_is_no_reported_speech():
    lines = ["In memory of Lieutenant General Pavel Orlov", "22.12.2024",
             "On 21 December 2024, Lieutenant General (retired) Pavel Orlov, who headed the Department of Military "
             "Cooperation of the Secretariat for six years, passed away.",
             "CSTO Secretary General Imangali Tasmagambetov said that the memory of the general would remain with "
             "his colleagues.",
             "Colleagues remember him as a demanding commander. After retiring, he continued to teach at the "
             "Military Academy and took part in the work of the veterans' council."]
    text = "\n".join(lines) + "\n"
    got = _lines(parse_text(text), text)
    assert got[-2][2] == "Imangali Tasmagambetov", got
    assert got[-1][2] is None, got


# -- a headline/summary sidebar, then a title with a photo credit under it --------------------------
# Sixteen headline + summary teasers, then the Article's title, "Photo: …", its lead and a paragraph the
# excerpt cuts: the page read as a listing of headline/summary items (no Article). A teaser has no credit.

_HS = [("The coordination council on emergencies met in Yerevan",
        "The heads of the rescue services exchanged data on earthquake preparedness."),
       ("The Deputy Secretary General met a delegation of the OSCE",
        "The sides talked about cooperation in countering the financing of terrorism."),
       ("Exercise of the reconnaissance units ended with a live-fire episode",
        "The units located and destroyed a notional group of militants in the mountains."),
       ("Anti-drug operation showed results in Central Asia",
        "Law enforcement agencies seized about three tons of narcotic substances."),
       ("Students of the diplomatic academy visited the Secretariat",
        "The Secretary General answered questions about the peacekeeping capacity of the Organization.")]


@pytest.mark.parametrize("pairs", [3, 5])
@pytest.mark.parametrize("credit", ["Photo: CSTO press service", "Photo by the press service of the Ministry of Defence"])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_title_with_a_photo_credit_under_a_headline_summary_sidebar_is_the_article(pairs, credit, sep):
    title = "Wreaths laid at the Victory Park in Dushanbe"
    lines = [x for pair in _HS[:pairs] for x in pair] + [
        title, credit,
        "On 8 May 2025, in Dushanbe, representatives of the Organization, the embassies of the member states and "
        "veterans laid wreaths at the Victory Park.",
        "The Defence Minister of Tajikistan addressed the participan"]
    text = sep.join(lines) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == title, got
    labels = [label for label, _, _ in got]
    assert labels[: 2 * pairs + 1] == ["teaser"] * (2 * pairs) + ["title"], got
    assert "teaser" not in labels[2 * pairs :], got


# -- 3c/8. a week's digest or schedule: a title with a span of days over its dated items -------------
# "Weekly digest: 10–16 November 2025" / "Secretariat" / "On 10 November, …" / "Joint Staff" / "On 12
# November, …": the digest's first items read as a dated sidebar's, its section headings as titles.

_WEEK_SIDEBAR = ["From 6 to 10 October, the command-post exercise of the rapid deployment forces was held in Kyrgyzstan.",
                 "On October 9, 2025, the heads of state discussed measures to strengthen the southern borders.",
                 "Representatives of the Joint Staff took part in an international military-technical forum."]
_DIGEST = ["Weekly digest: 10–16 November 2025",
           "Secretariat",
           "On 10 November, the Permanent Council discussed the draft budget of the Organization for the next year.",
           "On 12 November, the Deputy Secretary General took part in a conference on Eurasian security in Minsk.",
           "Joint Staff",
           "On 11–13 November, officers of the Joint Staff inspected the readiness of the units of the Joint Staff "
           "assigned to the collective forces.",
           "Crisis Response Centre",
           "On 15 November, the Crisis Response Centre held a training session with the duty shifts of the national "
           "centres."]
_SCHEDULE = ["Schedule of events for the week of 17–21 March 2025",
             "17 March, Moscow – meeting of the working group on information security (Secretariat, 11:00)",
             "18 March, Minsk – consultations of the deputy foreign ministers on the draft plan of collective actions",
             "19 March, online – meeting of the Committee of Permanent Representatives",
             "20 March, Dushanbe – visit of the Deputy Secretary General to the Tajik-Afghan border"]


@pytest.mark.parametrize("page", ["digest", "schedule"])
@pytest.mark.parametrize("sidebar", [0, 3])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_title_with_a_span_of_days_heads_its_dated_items(page, sidebar, sep):
    body = _DIGEST if page == "digest" else _SCHEDULE
    text = sep.join([*_WEEK_SIDEBAR[:sidebar], *body]) + "\n"
    cur = parse_text(text)
    got = _lines(cur, text)
    assert cur.articles and cur.articles[0].title == body[0], got
    labels = [label for label, _, _ in got]
    assert labels[: sidebar + 1] == ["teaser"] * sidebar + ["title"], got
    assert "teaser" not in labels[sidebar:], got
