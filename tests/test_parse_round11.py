"""Round 11 of the parser on unseen layouts: classes a red team's pages in the site's style showed
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


# -- 1. a "Month D, YYYY, City" dateline -----------------------------------------------------------

_MONTH_DATELINE = """\
The Council of Foreign Ministers reviewed the draft of the collective security strategy
October 11, 2019, Yerevan
The Council of Foreign Ministers of the CSTO member states held its session and reviewed the draft strategy until 2025.
The ministers agreed to submit the draft to the heads of state.
The next session will take place in the spring.
Back to the all news
"""


def test_a_month_name_dateline_dates_the_article() -> None:
    """Rule B': ``October 11, 2019, Yerevan`` under the title is the dateline; the report under it keeps its
    lead and is news. (Its date stays the main Event's, not the Article's: the gold of rounds 3-4 and the
    realpages take the Article's date from a ``DD.MM.YYYY`` stamp only.)"""
    cur = parse_text(_MONTH_DATELINE)
    lines = _lines(cur, _MONTH_DATELINE)
    assert [label for label, _, _ in lines[:3]] == ["title", "dateline", "lead"], lines
    assert len(cur.articles) == 1
    assert dt.date(2019, 10, 11) in [e.date for e in cur.events]
    assert cur.articles[0].kind == "news"


# -- 3. an interview given to a medium -------------------------------------------------------------

_TO_A_NEWSPAPER = """\
Interview of the CSTO Secretary General to Vostochny Kurier
Interview of the CSTO Secretary General to Vostochny Kurier 14.05.2024
Mr. Tasmagambetov, how do you see the situation on the southern borders of the Organization?
It remains tense. The armed groups in the north of Afghanistan have grown, and we are strengthening the collective forces.
What will the Organization do first this year?
Our first task is the protection of the borders. We also pay attention to information security.
Back to the all news
"""


def test_the_medium_an_interview_is_given_to_is_no_speaker() -> None:
    """``Interview of … to <Newspaper>``: the newspaper's name is no person; the answers are the
    interviewee's (the Secretary General, addressed by surname in the first question)."""
    lines = _lines(parse_text(_TO_A_NEWSPAPER), _TO_A_NEWSPAPER)
    answers = [spk for label, _, spk in lines if label == "answer"]
    assert len(answers) == 2, lines
    assert set(answers) == {"Imangali Tasmagambetov"}, lines


# -- 4. false speakers -----------------------------------------------------------------------------

_WRITTEN_STATEMENT = """\
Statement by the CSTO Secretary General Imangali Tasmagambetov
Statement by the CSTO Secretary General Imangali Tasmagambetov 03.02.2024
The CSTO Secretary General is seriously concerned about the shooting in the border area of two member states.
The Secretary General calls on both sides to show restraint and to settle the incident through talks.
He confirms that the CSTO Secretariat is ready to help the parties.
Back to the all news
"""

_SPOKEN_STATEMENT = """\
Statement by the CSTO Secretary General Imangali Tasmagambetov
Statement by the CSTO Secretary General Imangali Tasmagambetov 03.02.2024
We are seriously concerned about the shooting in the border area of two member states.
I call on both sides to show restraint and to settle the incident through talks.
Back to the all news
"""


def test_a_third_person_written_statement_has_no_speaker() -> None:
    """The title names the author, the text speaks of him (``The Secretary General calls on …``, ``He …``):
    a written statement, nobody's words; the same title over ``we``/``I`` keeps its speaker."""
    lines = _lines(parse_text(_WRITTEN_STATEMENT), _WRITTEN_STATEMENT)
    body = [(label, spk) for label, _, spk in lines if label == "paragraph"]
    assert body and all(spk is None for _, spk in body), lines
    spoken = _lines(parse_text(_SPOKEN_STATEMENT), _SPOKEN_STATEMENT)
    assert [spk for label, _, spk in spoken if label == "paragraph"] == ["Imangali Tasmagambetov"] * 2, spoken


_SPEECH_THEN_NARRATION = """\
Speech by the CSTO Secretary General Imangali Tasmagambetov at the graduation of the Military University
Speech by the CSTO Secretary General Imangali Tasmagambetov at the graduation of the Military University 25.06.2024
Dear graduates!
You begin your service at a hard time. I am sure that you will honourably fulfil your duty to your countries.
The collective forces need officers who know and trust each other.
I wish you success in your service!
After the official part, the Secretary General handed over diplomas to the best graduates from the member states.
Back to the all news
"""


def test_narration_after_a_speech_is_not_the_speakers() -> None:
    """Handing over, presenting, visiting are acts told of the speaker, not his words."""
    lines = _lines(parse_text(_SPEECH_THEN_NARRATION), _SPEECH_THEN_NARRATION)
    said = {t[:12]: spk for label, t, spk in lines if label == "paragraph"}
    assert said["After the of"] is None, lines
    assert said["I wish you s"] == "Imangali Tasmagambetov", lines


# -- 7. smaller labels -----------------------------------------------------------------------------

_PHOTO_GALLERY = """\
CSTO delegation visited the training centre in Bishkek
CSTO delegation visited the training centre in Bishkek 05.09.2024
On September 4, 2024, a CSTO delegation visited the training centre of the collective forces in Bishkek.
The members of the delegation inspected the new classrooms and the shooting range.
The visit ended with a meeting with the cadets of the centre (Photo gallery)
The delegation also met with the command of the centre.
Back to the all news
"""


def test_a_paragraph_closed_by_a_gallery_link_is_no_heading() -> None:
    lines = _lines(parse_text(_PHOTO_GALLERY), _PHOTO_GALLERY)
    assert [label for label, t, _ in lines if t.endswith("(Photo gallery)")] == ["paragraph"], lines


# -- 6. a news listing that ends in a pager --------------------------------------------------------

_LISTING_WITH_PAGER = """\
CSTO Secretary General met with the Ambassador of Belarus
12.03.2024
The parties discussed the preparation of the next session of the Collective Security Council.
Experts of the member states met in Almaty
11.03.2024
The meeting discussed the fight against drug trafficking in the region.
The CSTO Joint Staff held a staff training in Minsk
07.03.2024
The training worked out the deployment of the collective rapid reaction forces.
« Previous 1 2 3 Next »
"""


def test_a_listing_ending_in_a_worded_pager_has_no_article() -> None:
    """Headline, date, summary items, then ``« Previous 1 2 3 Next »``: the pager is navigation, so
    the last item is one of the listing's, not an Article."""
    cur = parse_text(_LISTING_WITH_PAGER)
    assert cur.articles == [], _lines(cur, _LISTING_WITH_PAGER)


# -- 2. an interview with unmarked questions, one of them a request --------------------------------

_UNMARKED_INTERVIEW = """\
12.03.2024The CSTO Secretary General met with the youth of Kazakhstan
11.03.2024The Council of Defence Ministers held its session in Minsk
Imangali Tasmagambetov: the member states must meet new threats together
Imangali Tasmagambetov: the member states must meet new threats together 15.03.2024
The CSTO Secretary General Imangali Tasmagambetov answered the questions of our correspondent.
Imangali Nurgalievich, what has the year brought the Organization?
The main thing is that we kept the peace on the borders of our states and held all the planned exercises.
Tell us about the plans of the Organization for the next year.
We will pay attention to the southern borders and to the training of the peacekeepers.
How do you assess the work with other organizations?
It is developing: we have working contacts with the SCO and the CIS.
Back to the all news
"""


def test_unmarked_questions_and_a_request_make_an_interview() -> None:
    """Two short ``?`` paragraphs and an imperative ``Tell us about ….``, each over a longer answer: an
    interview; the answers are the person the title and lead name (addressed by name and patronymic)."""
    cur = parse_text(_UNMARKED_INTERVIEW)
    lines = _lines(cur, _UNMARKED_INTERVIEW)
    assert cur.articles[0].kind == "interview", lines
    assert [label for label, _, _ in lines[5:11]] == ["question", "answer"] * 3, lines
    assert {spk for label, _, spk in lines if label == "answer"} == {"Imangali Tasmagambetov"}, lines
