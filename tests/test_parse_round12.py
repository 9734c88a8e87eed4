"""Round 12 of the parser on unseen layouts: classes a red team's pages in the site's style showed
(reported as structure only; the pages are sealed). Each class gets small pages of its own, written for
these tests in the site's manner (people invented unless the registry knows them), checked line by
line: who speaks, which label, whether there is an Article at all.
"""

from __future__ import annotations

import datetime as dt

from curator.core.model import Curation
from curator.core.parse import parse_text


def _lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


# -- 1. a speech signed under its text -------------------------------------------------------------

_GREETING_SIGNED = """\
Greeting of the CSTO Secretary General to the participants of the conference on security in Central Asia

Greeting of the CSTO Secretary General to the participants of the conference on security in Central Asia 21.04.2024

I am glad to welcome the organizers and the participants of the conference on behalf of the Organization.

The situation in the region needs our close attention. We see new threats on the southern borders and in the information space.

I am sure that your discussions will help to find common answers to these challenges.

I wish you fruitful work and all the best!

Secretary General of the CSTO
I. Tasmagambetov

Back to the all news
"""

_WELCOME_SIGNED = """\
Welcoming speech by the Chairman of the Council of Defence Ministers to the participants of the joint exercise
I welcome the servicemen of the collective forces who have arrived at the training ground for the joint exercise.
The exercise will test how our staffs plan and conduct a joint operation. We have prepared for it for a whole year.
I am confident that you will show high professional skills.
I wish you success and good health!
Chairman of the Council of Defence Ministers
V.V. Korotkevich
Back to the all news
"""


def _speech_lines(text: str) -> list[tuple[str, str, str | None]]:
    cur = parse_text(text)
    assert cur.articles and cur.articles[0].kind == "speech", _lines(cur, text)
    return _lines(cur, text)


def test_a_speech_titled_by_an_office_is_the_signatorys() -> None:
    """The title names only an office; the text closes with a wish, then the office and ``I. Surname``:
    the first-person paragraphs are the signatory's (the registry's person with that surname); the
    signature lines are a heading (docs/parser.md: a signature is a ``heading``) and say nothing."""
    lines = _speech_lines(_GREETING_SIGNED)
    body = [(t, spk) for label, t, spk in lines if label == "paragraph"]
    assert len(body) == 4 and {spk for _, spk in body} == {"Imangali Tasmagambetov"}, lines
    signature = [(label, spk) for label, t, spk in lines if "Tasmagambetov" in t or t.startswith("Secretary General")]
    assert signature and all(label == "heading" and spk is None for label, spk in signature), lines


def test_an_unknown_signatory_is_named_as_signed() -> None:
    """``V.V. Korotkevich``, whom the registry does not know, signs the welcome: the paragraphs are his,
    named as the page writes him (as an unknown speaker is)."""
    for text in (_WELCOME_SIGNED, _WELCOME_SIGNED.replace("Chairman of the Council of Defence Ministers\nV.V.", "V.V."),
                 _WELCOME_SIGNED.replace("Welcoming speech by", "Congratulations of", 1)):
        lines = _speech_lines(text)
        body = [spk for label, _, spk in lines if label == "paragraph"]
        assert len(body) == 4 and set(body) == {"V.V. Korotkevich"}, lines
        signed = [(label, spk) for label, t, spk in lines if t.startswith(("V.V.", "Chairman"))]
        assert signed and all(label == "heading" and spk is None for label, spk in signed), lines


def test_a_signature_over_the_place_and_date_it_was_signed() -> None:
    """``Minsk, September 14, 2023`` under the signature: the name above it still signs the speech; the
    place and date say nothing."""
    text = _WELCOME_SIGNED.replace("V.V. Korotkevich\n", "V.V. Korotkevich\nMinsk, September 14, 2023\n", 1)
    lines = _speech_lines(text)
    said = [spk for label, t, spk in lines if label == "paragraph" and not t.startswith("Minsk")]
    assert said == ["V.V. Korotkevich"] * 4, lines
    assert [spk for _, t, spk in lines if t.startswith("Minsk")] == [None], lines


# -- 2. an interview with unmarked questions under a sidebar of dated summaries --------------------

_UNMARKED_UNDER_SIDEBAR = """\
12.03.2024The CSTO Secretary General met with the youth of Kazakhstan in Astana
11.03.2024The Council of Defence Ministers held its regular session in Minsk
07.03.2024Experts of the member states discussed the fight against drug trafficking
Viktor Kuznetsov: the border services must act together
The Chairman of the Council of Commanders of the Border Troops Viktor Kuznetsov answered the questions of our correspondent.
Viktor Pavlovich, what has the past year brought the border services of the member states?
The main thing is that we kept the borders calm and held all the joint operations we had planned with our partners.
Tell us about the plans of the Council for the next year.
The plans of the Council for the next year are to pay attention to the southern borders and to the training of the border guards.
How do you assess the cooperation with the neighbouring states?
It is developing steadily: we have working contacts with the border services of all our neighbours.
Back to the all news
"""


def test_an_unmarked_interview_under_dated_summaries_keeps_its_title() -> None:
    """Dates glued to their summaries, then the interview's title line: the title is that line (the
    request ``Tell us about ….``, answered in its own words, is a question, not the title); questions
    and answers are labelled so, the answers are the person the lead names."""
    cur = parse_text(_UNMARKED_UNDER_SIDEBAR)
    lines = _lines(cur, _UNMARKED_UNDER_SIDEBAR)
    assert cur.articles and cur.articles[0].title.startswith("Viktor Kuznetsov:"), lines
    assert cur.articles[0].kind == "interview", lines
    assert [label for label, _, _ in lines[:5]] == ["teaser"] * 3 + ["title", "lead"], lines
    assert [label for label, _, _ in lines[5:11]] == ["question", "answer"] * 3, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Viktor Kuznetsov"}, lines


def test_the_first_questions_first_name_and_patronymic_point_to_the_title_s_person() -> None:
    """No lead: the title names ``Viktor Kuznetsov``, the first question addresses ``Viktor Pavlovich``
    (a first name and a patronymic the registry does not know): the answers are his."""
    text = "\n".join(line for line in _UNMARKED_UNDER_SIDEBAR.splitlines() if not line.startswith("The Chairman")) + "\n"
    cur = parse_text(text)
    lines = _lines(cur, text)
    assert cur.articles and cur.articles[0].title.startswith("Viktor Kuznetsov:"), lines
    assert [label for label, _, _ in lines[4:10]] == ["question", "answer"] * 3, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Viktor Kuznetsov"}, lines


# -- 3. a news listing that ends in a pager with an ellipsis ---------------------------------------

_LISTING = """\
CSTO Secretary General met with the Ambassador of Belarus
12.03.2024
The parties discussed the preparation of the next session of the Collective Security Council.
Experts of the member states met in Almaty
11.03.2024
The meeting discussed the fight against drug trafficking in the region.
The CSTO Joint Staff held a staff training in Minsk
07.03.2024
The training worked out the deployment of the collective rapid reaction forces.
{pager}
"""


def test_a_listing_ending_in_a_pager_with_an_ellipsis_has_no_article() -> None:
    """Headline, date, summary items over ``1 2 3 … Next`` (the pager's other forms too): a listing,
    whose last item is no Article (realpages' convention for listing pages: no Article)."""
    for pager in ("1 2 3 … Next", "1 2 3 ... Next", "1 2 3 4 5 … Next »", "« First 1 2 3 … Last »", "1 2 3 … Last",
                  "Page 1 of 12", "Pages: 1 2 3 … 12"):
        text = _LISTING.format(pager=pager)
        cur = parse_text(text)
        assert cur.articles == [], (pager, _lines(cur, text))
        assert _lines(cur, text)[-1][0] == "boilerplate", pager  # the pager is navigation


# -- 4. headings read as paragraphs ----------------------------------------------------------------

_HISTORY = """\
History of the Organization

1992–1999

On May 15, 1992, the heads of six states signed the Collective Security Treaty in Tashkent.

The Treaty entered into force in 1994 for a period of five years.

2000 - 2008

In 2002, the heads of state decided to transform the Treaty into an international organization.

The Charter of the Organization was signed in Chisinau on October 7, 2002.

2009-2010

The Collective Rapid Reaction Forces were established by the decision of the heads of state.
"""


def test_year_ranges_head_the_sections_of_a_history_page() -> None:
    """``1992–1999`` alone on a line (en dash or hyphen) heads its section as ``2024`` does; the page's
    heading stays the title."""
    for text in (_HISTORY, _HISTORY.replace("\n\n", "\n")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == "History of the Organization", lines
        years = [label for label, t, _ in lines if t[:2] in ("19", "20")]
        assert years == ["heading"] * 3, lines


_REGULATIONS = """\
Regulations on the Council of Commanders of the Border Troops
Regulations on the Council of Commanders of the Border Troops 12.05.2021
The member states of the Collective Security Treaty Organization, guided by the Charter of the Organization, have agreed as follows:
I. General provisions
1. The Council is an advisory body of the Organization in the field of border security.
2. The Council is guided in its work by the Charter and by these Regulations.
II. Main tasks of the Council
3. The main tasks of the Council are the coordination of the border services.
III. Final provisions
4. These Regulations enter into force on the date of their approval.
"""


def test_the_first_roman_section_under_a_preamble_ending_in_a_colon_is_a_heading() -> None:
    """``I. General provisions`` right under ``… have agreed as follows:`` heads its section like ``II.``
    and ``III.`` (it is no entry of a list the preamble announces)."""
    lines = _lines(parse_text(_REGULATIONS), _REGULATIONS)
    assert [label for label, t, _ in lines if t.split(".")[0] in ("I", "II", "III")] == ["heading"] * 3, lines


# -- 5. salutations of the military form -----------------------------------------------------------

_MILITARY_ADDRESS = """\
Address of the Chief of the CSTO Joint Staff to the participants of the exercise
Address of the Chief of the CSTO Joint Staff to the participants of the exercise 18.09.2024
Comrade generals and officers!
Today the active phase of the joint exercise of the collective forces ends. I thank you for your work.
Comrade soldiers and sergeants!
You have shown good training and discipline. I am proud of each of you.
Comrades!
I wish you further success in your service!
Back to the all news
"""


def test_military_forms_of_address_are_salutations() -> None:
    """``Comrade generals and officers!``, ``Comrades!`` open and punctuate a speech as ``Dear
    colleagues!`` does; the text between them stays paragraphs."""
    cur = parse_text(_MILITARY_ADDRESS)
    lines = _lines(cur, _MILITARY_ADDRESS)
    assert cur.articles and cur.articles[0].kind == "speech", lines
    assert [label for label, t, _ in lines if t.startswith("Comrade")] == ["salutation"] * 3, lines
    assert [label for label, t, _ in lines if t.startswith(("Today", "You", "I wish"))] == ["paragraph"] * 3, lines


# -- 6. speakers -----------------------------------------------------------------------------------

_ACCORDING_TO_THE_ROLE = """\
The Commander of the Collective Rapid Reaction Forces visited the training centre in Bishkek
The Commander of the Collective Rapid Reaction Forces visited the training centre in Bishkek 14.05.2024
On 14 May 2024, Colonel General Andrei Petrov, Commander of the Collective Rapid Reaction Forces, visited the training centre of the collective forces in Bishkek.
He inspected the classrooms, the simulators and the shooting range of the centre.
According to the Commander of the Collective Rapid Reaction Forces, the training of the staffs has improved a great deal over the past year.
The next joint training will take place in the autumn.
Back to the all news
"""


def test_according_to_the_role_of_a_person_named_before() -> None:
    """``According to the Commander of …,`` with no name: the person the lead names with that office (its
    ``of …`` tail may hold lower-case words: ``the Commander of the collective forces``)."""
    for role in ("Commander of the Collective Rapid Reaction Forces", "Commander of the collective forces"):
        text = _ACCORDING_TO_THE_ROLE.replace("According to the Commander of the Collective Rapid Reaction Forces",
                                              f"According to the {role}")
        lines = _lines(parse_text(text), text)
        said = {t[:12]: spk for label, t, spk in lines if label in ("lead", "paragraph")}
        assert said["According to"] == "Andrei Petrov", (role, lines)
        assert said["The next joi"] is None, lines


_SPELLED_TWO_WAYS = """\
Ministers of Defence discussed the preparation of the joint exercise
Ministers of Defence discussed the preparation of the joint exercise 20.06.2024
On 20 June 2024, the Minister of Defence of the Kyrgyz Republic Ruslan {lead} met with the CSTO Secretary General Imangali Tasmagambetov in Bishkek.
The parties discussed the preparation of the joint exercise of the collective forces.
{said} said that the Kyrgyz side had prepared the training grounds for the exercise.
The exercise will take place in September.
Back to the all news
"""


def test_a_surname_spelled_another_way_is_the_same_speaker() -> None:
    """The lead names ``Ruslan Mukambetaev``; the speaking paragraph says ``Minister Mukambetayev said`` (or
    the surname alone, in either spelling; ``-ow`` for ``-ov`` too): the same person (the page never broke
    on it: the surname alone in another spelling used to make the rule parser fail)."""
    for lead, said in (("Mukambetaev", "Minister Mukambetayev"), ("Mukambetaev", "Minister Mukambetaev"),
                       ("Mukambetaev", "Mukambetayev"), ("Mukambetaev", "Mukambetaev"), ("Kasymov", "Minister Kasymow")):
        text = _SPELLED_TWO_WAYS.format(lead=lead, said=said)
        lines = _lines(parse_text(text), text)
        speakers = [spk for label, t, spk in lines if t.startswith(said)]
        assert speakers and speakers[0] is not None and speakers[0].startswith("Ruslan "), (said, lines)


_SHE_AFTER_A_MAN = """\
Consultations on information security were held in Yerevan
Consultations on information security were held in Yerevan 11.04.2024
On 11 April 2024, the Deputy Minister of Foreign Affairs of Armenia Anna Petrosyan met with the CSTO Secretary General Imangali Tasmagambetov in Yerevan.
She noted that the member states face new threats in the information space and must answer them together.
In her opinion, the exchange of experience between the experts of the member states should become regular.
The Secretary General thanked the Armenian side for the organization of the consultations, and he stressed that the next round will be held in Minsk.
Back to the all news
"""


def test_she_is_the_woman_named_before_not_the_man_named_last() -> None:
    """``She noted`` / ``In her opinion`` after a lead naming a woman, then a man: hers; ``he`` stays his."""
    lines = _lines(parse_text(_SHE_AFTER_A_MAN), _SHE_AFTER_A_MAN)
    said = {t[:12]: spk for label, t, spk in lines if label in ("lead", "paragraph")}
    assert said["She noted th"] == "Anna Petrosyan", lines
    assert said["In her opini"] == "Anna Petrosyan", lines
    assert said["The Secretar"] == "Imangali Tasmagambetov", lines


# -- 7. page structure -----------------------------------------------------------------------------

_MENU_OVER_A_STATIC_PAGE = """\
Home About the Organization Documents Statutory bodies Secretariat Joint Staff News Press Center Contacts
Parliamentary Assembly of the CSTO

The Parliamentary Assembly of the Collective Security Treaty Organization is a body of interparliamentary cooperation of the Organization.

The Assembly considers questions of cooperation of the member states in the field of legislation.

The Council of the Assembly meets twice a year.
"""


def test_a_flattened_menu_over_a_static_pages_heading_is_boilerplate() -> None:
    """The site's menu on one line above the page's heading: boilerplate (navigation), not a teaser; the
    page still opens with its heading (a static page: kind ``other``, no lead)."""
    for menu in ("Home About the Organization Documents Statutory bodies Secretariat Joint Staff News Press Center Contacts",
                 "Main About the CSTO Structure of the CSTO Documents Statutory bodies Press center Contacts"):
        text = _MENU_OVER_A_STATIC_PAGE.replace(_MENU_OVER_A_STATIC_PAGE.splitlines()[0], menu, 1)
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert lines[0][0] == "boilerplate", lines
        assert cur.articles and cur.articles[0].title == "Parliamentary Assembly of the CSTO", lines
        assert cur.articles[0].kind == "other" and "lead" not in [label for label, _, _ in lines], lines


def test_a_headline_with_one_menu_word_is_no_menu() -> None:
    """A headline in title case holding one menu word (``Documents of the …``) is text, no menu: a
    menu names three of a site's own items or more."""
    text = ("Documents of the Council of Ministers of Foreign Affairs of the Collective Security Treaty Organization\n"
            + _MENU_OVER_A_STATIC_PAGE.split("\n", 1)[1])
    lines = _lines(parse_text(text), text)
    assert lines[0][0] != "boilerplate", lines


_CUT_AFTER_THE_TITLE = """\
On 3 June 2025, the CSTO Secretary General took part in the meeting of the Council of Foreign Ministers in Almaty.
On 2 June 2025, experts of the member states discussed the fight against illegal migration in Minsk.
The CSTO Secretary General met with the Ambassador of the Republic of Belarus
On 30 May 2025, the CSTO Secretary General met with the Ambassador of the Republic of Belarus to discuss the preparation of the session.
The Joint Staff held a command and staff training of the collective forces in Dushanbe
On 28 May
"""


def test_the_excerpt_cut_after_the_title_under_a_headline_teaser() -> None:
    """The sidebar ends with a headline-only teaser and its summary; then the page's own title and the few
    words of its lead the excerpt kept: the Article starts at that last headline."""
    cur = parse_text(_CUT_AFTER_THE_TITLE)
    lines = _lines(cur, _CUT_AFTER_THE_TITLE)
    assert cur.articles and cur.articles[0].title.startswith("The Joint Staff held"), lines
    assert [label for label, _, _ in lines] == ["teaser"] * 4 + ["title", "lead"], lines


_CONTACTS = """\
{title}

Secretariat of the Collective Security Treaty Organization

Address: 12 Sverchkov Lane, Moscow, 101000, Russian Federation

Phone: +7 (495) 606-97-71

Fax: +7 (495) 625-76-20

E-mail: odkb@gov.ru

Journalists are accredited to the events of the Organization by the press service of the Secretariat.
"""


def test_a_contacts_page_runs_to_the_end_of_its_prose() -> None:
    """The heading, the entries (address, phone, fax, e-mail: the Article's paragraphs, as contacts pages
    keep them) and the sentence after them, though it names the press service: all in the Article."""
    for title in ("Contacts", "Contact information of the CSTO Secretariat"):
        text = _CONTACTS.format(title=title)
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title == title, lines
        inside = [s.label for s in cur.segments if s.article]
        assert len(inside) == len(cur.segments) == 7, lines
        assert [label for label, t, _ in lines if t.startswith(("Address", "Phone", "Fax", "E-mail", "Journalists"))] == [
            "paragraph"] * 5, lines


# -- 8. a declaration ------------------------------------------------------------------------------

_DECLARATION = """\
{title}
{title} 23.11.2023
Minsk, November 23, 2023
We, the heads of the member states of the Collective Security Treaty Organization, reaffirm our commitment to the goals and principles of the Charter of the Organization.
We are convinced that the security of our states is indivisible and that it can be ensured only by joint efforts.
We will continue to strengthen the collective forces and the crisis response system of the Organization.
Back to the all news
"""


def test_a_declaration_is_a_document_that_opens_with_a_paragraph() -> None:
    """A declaration adopted by a body (``Minsk Declaration of the …`` too): a document of the Organization,
    kind ``document``, whose text opens with a ``paragraph`` (realpages: only news and interviews have a
    lead); its ``we`` is the signatories', nobody's words."""
    for title in ("Declaration of the Collective Security Council", "Minsk Declaration of the Collective Security Council"):
        text = _DECLARATION.format(title=title)
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].kind == "document", lines
        assert [label for label, _, _ in lines[:6]] == ["title", "dateline", "heading"] + ["paragraph"] * 3, lines
        assert all(spk is None for _, _, spk in lines), lines


# -- second list, 1. a sidebar of dates written in words -------------------------------------------

_MONTH_DATED_SIDEBAR = """\
June 5, 2024
The CSTO Secretary General met with the Ambassador of the Republic of Kazakhstan to the Russian Federation.
May 30, 2024
The Council of Foreign Ministers of the CSTO member states held a session in Almaty.
May 29, 2024
Experts of the member states discussed the fight against drug trafficking in Bishkek.
Statement of the CSTO Secretary General on the situation on the Tajik-Afghan border, Moscow, May 28, 2024
The CSTO Secretariat is concerned about the growing tension on the Tajik-Afghan border.
The member states are ready to assist the Republic of Tajikistan in strengthening the border. The Secretariat calls for:
- the exchange of information between the border services;
- joint measures against armed groups.
Go back
Back to the section
"""


def test_a_sidebar_of_dates_in_words_is_teasers() -> None:
    """``June 5, 2024`` lines over one-sentence summaries are a dated sidebar as ``05.06.2024`` lines are:
    teasers; the Article starts at the statement's title (its place and date at the end of the line), kind
    statement, one event dated and placed by the title."""
    for text in (_MONTH_DATED_SIDEBAR, _MONTH_DATED_SIDEBAR.replace("\n", "\n\n"),
                 _MONTH_DATED_SIDEBAR.replace("June 5, 2024", "5 June 2024").replace("May 30, 2024", "30 May 2024")):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert cur.articles and cur.articles[0].title.startswith("Statement of the CSTO"), lines
        assert [label for label, _, _ in lines[:7]] == ["teaser"] * 6 + ["title"], lines
        assert cur.articles[0].kind == "statement", lines
        assert [(e.date, e.place) for e in cur.events] == [(dt.date(2024, 5, 28), "Moscow")], lines


# -- second list, 2. a document under a "Latest news" … "Show more" sidebar ------------------------

_STAMP = " " * 40
_DOCUMENT_UNDER_LATEST_NEWS = f"""\
Latest news
The CSTO Secretary General met with the Ambassador of the Republic of Armenia.
The Council of Defence Ministers held a session in Minsk.
Experts discussed the fight against drug trafficking in Bishkek.
Show more
REGULATIONS on the Council of Commanders of the Border Troops of the CSTO member states
{_STAMP}APPROVED
{_STAMP}by the Decision of the Council of Foreign Ministers
{_STAMP}of 14 October 2016
I. GENERAL PROVISIONS
1.1. The Council of Commanders of the Border Troops is an advisory body of the Organization.
1.2. The Council is guided in its activities by the Charter and by these Regulations.
II. MAIN TASKS OF THE COUNCIL
2.1. The main tasks of the Council are:
- coordination of the border services of the member states;
- exchange of information on the situation on the borders.
"""


def test_a_document_under_a_latest_news_sidebar() -> None:
    """``Latest news`` and ``Show more`` are the sidebar's chrome (boilerplate), its summaries teasers; the
    document's title in capitals-first form starts the Article (kind document), the approval stamp over
    three indented lines is its heading, the Roman chapters are headings."""
    cur = parse_text(_DOCUMENT_UNDER_LATEST_NEWS)
    lines = _lines(cur, _DOCUMENT_UNDER_LATEST_NEWS)
    assert cur.articles and cur.articles[0].title.startswith("REGULATIONS on"), lines
    assert cur.articles[0].kind == "document", lines
    assert [label for label, _, _ in lines[:6]] == ["boilerplate"] + ["teaser"] * 3 + ["boilerplate", "title"], lines
    inside = {t.strip()[:12]: label for label, t, _ in lines[6:]}
    assert inside["APPROVED"] == inside["by the Decis"] == "heading", lines
    assert inside["I. GENERAL P"] == inside["II. MAIN TAS"] == "heading", lines
    assert inside["1.1. The Cou"] == "paragraph", lines
    assert all(s.article for s in cur.segments[5:]), lines


# -- second list, 3. a model law under a sidebar ---------------------------------------------------

_MODEL_LAW = """\
On 5 June 2024, the CSTO Secretary General met with the Ambassador of the Republic of Kazakhstan.
On 30 May 2024, the Council of Foreign Ministers of the CSTO member states held a session in Almaty.
MODEL LAW on the State Border Protection in the CSTO Member States
Adopted at the plenary session of the CSTO Parliamentary Assembly on November 28, 2019
Chapter 1. General provisions
Article 1. Terms
1. For the purposes of this Law, the following basic terms are used:
state border means the line that determines the limits of the state territory;
border area means the territory adjacent to the state border.
Article 2. Legislation of the CSTO member states on the protection of the state border
1. The legislation on the protection of the state border is based on the constitutions of the member states.
"""


def test_a_model_law_under_a_sidebar() -> None:
    """``MODEL LAW on …`` over ``Adopted at … on November 28, 2019`` is the title (kind document), not
    ``Article 2. <a long name>``; ``Chapter N. …`` and ``Article N. …`` (``Article 1. Terms`` too) are
    headings."""
    cur = parse_text(_MODEL_LAW)
    lines = _lines(cur, _MODEL_LAW)
    assert cur.articles and cur.articles[0].title.startswith("MODEL LAW on"), lines
    assert cur.articles[0].kind == "document", lines
    assert [label for label, _, _ in lines[:3]] == ["teaser", "teaser", "title"], lines
    assert [label for label, t, _ in lines if t.startswith(("Chapter", "Article"))] == ["heading"] * 3, lines
    after_colon = "Definitions are given as follows:\nArticle 1. Terms\nThe terms have the meanings given below.\n"
    text = "CONVENTION on Legal Assistance\n" + after_colon
    assert [label for label, t, _ in _lines(parse_text(text), text) if t.startswith("Article")] == ["heading"]


# -- second list, 4. a list's entries with their names in another script ---------------------------

_MEMBER_STATES = """\
Member states
The member states of the Collective Security Treaty Organization are:
Republic of Armenia (Республика Армения)
Republic of Belarus (Республика Беларусь)
Republic of Kazakhstan (Республика Казахстан)
Kyrgyz Republic (Кыргызская Республика)
Russian Federation (Российская Федерация)
Republic of Tajikistan (Республика Таджикистан)
The Organization is open to other states that share its goals and principles.
"""


def test_entries_under_a_sentence_ending_in_a_colon_are_paragraphs() -> None:
    """Short names one a line (each with its name in its own script in brackets) under ``… are:``: the
    list's entries, paragraphs all, not only the first (blank lines between them or not)."""
    for text in (_MEMBER_STATES, _MEMBER_STATES.replace("\n", "\n\n")):
        lines = _lines(parse_text(text), text)
        entries = [label for label, t, _ in lines if "(" in t]
        assert entries == ["paragraph"] * 6, lines


# -- second list, 5. speakers ----------------------------------------------------------------------

_INTERVIEW_OF_AN_OFFICE = """\
Interview with the head of the information department of the CSTO Secretariat
Interview with the head of the information department of the CSTO Secretariat 12.04.2024
Our correspondent met Elena Viktorovna Sokolova, head of the information department of the CSTO Secretariat, and asked her about the work of the department.
What are the main tasks of the department?
Our main task is to inform the public about the activities of the Organization. We publish news every day.
How do you work with the media of the member states?
We hold regular meetings with journalists and organize press tours to the exercises.
Back to the all news
"""


def test_an_interview_titled_by_an_office_is_the_person_the_lead_names_with_it() -> None:
    """The title names an office only; the lead names her after ``met``, with the office set off by commas
    in lower case: the answers are hers."""
    lines = _lines(parse_text(_INTERVIEW_OF_AN_OFFICE), _INTERVIEW_OF_AN_OFFICE)
    answers = [spk for label, _, spk in lines if label == "answer"]
    assert answers == ["Elena Viktorovna Sokolova"] * 2, lines


_SPEECH_THEN_ANOTHER_SPEAKER = """\
The CSTO Secretary General spoke at the opening of the conference on information security in Minsk
The CSTO Secretary General spoke at the opening of the conference on information security in Minsk 15.10.2024
On 15 October 2024, the CSTO Secretary General Imangali Tasmagambetov spoke at the opening of the international conference on information security in Minsk.
Dear participants of the conference!
The threats in the information space are growing, and we must answer them together.
I wish you fruitful work!
The programme of the conference includes three panel sessions and a round table on the protection of critical infrastructure.
The State Secretary of the Security Council of Belarus Alexander Volfovich also spoke at the opening.
He noted that the member states have accumulated considerable experience in countering cyber threats.
Back to the all news
"""


def test_after_the_speech_the_report_goes_on() -> None:
    """After the speech's last words, the programme of the event is nobody's and ``He noted`` is the second
    speaker's, named in the paragraph before it."""
    lines = _lines(parse_text(_SPEECH_THEN_ANOTHER_SPEAKER), _SPEECH_THEN_ANOTHER_SPEAKER)
    said = {t[:12]: spk for label, t, spk in lines if label in ("paragraph", "salutation")}
    assert said["I wish you f"] == said["Dear partici"] == "Imangali Tasmagambetov", lines
    assert said["The programm"] is None and said["The State Se"] is None, lines
    assert said["He noted tha"] == "Alexander Volfovich", lines


_COLLECTIVE_SUBJECT = """\
Experts discussed the fight against illegal migration
Experts discussed the fight against illegal migration 20.03.2024
On 20 March 2024, a meeting of the working group on illegal migration was held at the CSTO Secretariat in Moscow.
The participants discussed the results of the operation "Illegal-2023".
The representatives of {org} also proposed to hold joint trainings of the migration services.
The next meeting will be held in Astana.
Back to the all news
"""


def test_a_collective_subject_is_nobodys_words() -> None:
    """``The representatives of <an organisation> also proposed …``: the organisation's last words are no
    person (a capitalised run after ``of``, ``for``, ``on`` is the preposition's object)."""
    for org in ("the Red Cross Society", "the Main Directorate for Migration Issues",
                "the Eurasian Group on Combating Money Laundering"):
        text = _COLLECTIVE_SUBJECT.format(org=org)
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert all(spk is None for _, _, spk in lines) and not cur.speakers, (org, lines)


# -- second list, 6. the excerpt cut inside the footer ---------------------------------------------


def _cut_in_the_footer(fragment: str) -> str:
    """A report cut by the crawler at 2,000 bytes inside its footer's first line."""
    text = ("CSTO experts met in Minsk\nCSTO experts met in Minsk 20.03.2024\n"
            "On 20 March 2024, experts of the CSTO member states met in Minsk to discuss information security.\n")
    para = "The experts discussed the protection of critical infrastructure and the exchange of information.\n"
    while len((text + para).encode()) < 1850:
        text += para
    last = "The experts agreed to meet again in Astana.\n"
    pad = 2000 - len((text + last + fragment).encode())
    return text + last.replace(" ", " " * (pad + 1), 1) + fragment


def test_the_first_letters_of_a_cut_footer_are_boilerplate() -> None:
    """``Go`` (of ``Go back``), ``Back to the`` at the end of a cut excerpt, after the Article's last full
    paragraph: the footer's start, boilerplate outside the Article, not a paragraph."""
    for fragment in ("Go", "Go ba", "Back to the"):
        text = _cut_in_the_footer(fragment)
        assert len(text.encode()) == 2000
        cur = parse_text(text)
        last = cur.segments[-1]
        assert (text[last.start : last.end], last.label, last.article) == (fragment, "boilerplate", None), fragment
        assert cur.segments[-2].article == "a1" and text[cur.segments[-2].start :].startswith("The"), fragment


# -- second list, 7. excerpts cut early in the Article ---------------------------------------------

_SIDEBAR = ("On 5 June 2024, the CSTO Secretary General met with the Ambassador of the Republic of Kazakhstan.\n"
            "On 30 May 2024, the Council of Foreign Ministers of the CSTO member states held a session in Almaty.\n")
_CUT_TITLE = "Experts of the CSTO member states discussed information security in Minsk"


def test_a_lead_cut_after_a_few_letters_is_the_lead() -> None:
    """``On 20 Dece`` at the excerpt's end under the dated repeat: what is left of the lead, not a heading."""
    for text in (_SIDEBAR + f"{_CUT_TITLE}\n{_CUT_TITLE} 20.12.2024\nOn 20 Dece", f"{_CUT_TITLE}\n{_CUT_TITLE} 20.12.2024\nOn 20 Dece"):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert lines[-1][:2] == ("lead", "On 20 Dece"), lines
        assert cur.articles[0].kind == "news", lines


def test_an_excerpt_cut_inside_the_titles_dated_repeat_is_news() -> None:
    """``<title> 19.0``: the repeat the excerpt cut before its date; no lead, no date visible, but the page
    is a dated report all the same (kind news, not a static page's ``other``)."""
    for text in (_SIDEBAR + f"{_CUT_TITLE}\n{_CUT_TITLE} 19.0", f"{_CUT_TITLE}\n{_CUT_TITLE} 19.0"):
        cur = parse_text(text)
        lines = _lines(cur, text)
        assert [label for label, _, _ in lines][-2:] == ["title", "dateline"], lines
        assert cur.articles[0].kind == "news" and cur.articles[0].date is None, lines
