"""Round 3 of the parser on unseen layouts: ``tests/data/round3`` (pages written for this test
from the structure of the CSTO's English site, in the format of ``tests/data/heldout``).

Each page aims at a kind of miss an independent evaluation found, described by structure only:
a headline the site prefixes with a day and month and no year (001-003), a title written as a
sentence above a place/date line (004), short static pages headed by a noun phrase with no prose
under it (005-008), pages with no Article start (an agreement's articles, a menu; 009-010), a
quotation attributed by the next paragraph (``he said.``, ``said X.``, ``This was stated by X``;
011-013) and a speaker written by surname only in another spelling than the registry's (014).

The set is scored as ``tests/test_parse_heldout.py`` scores its own (the rules of score_pages),
with corpus context and page by page; the floors are what this version reaches. The per-page
tests name what each layout needs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_parse_heldout import set_suite

SET = Path(__file__).parent / "data" / "round3"

FLOORS = {
    "context": dict(title=1.0, date=1.0, start=1.0, invented=0, coarse=0.99, fine=0.96,
                    speaker_recall=1.0, speaker_false=0),
    "alone": dict(title=1.0, date=1.0, start=1.0, invented=0, coarse=0.99, fine=0.96,
                  speaker_recall=1.0, speaker_false=0),
}


parsed, test_the_set_is_what_its_sources_build, test_parser_keeps_its_round3_figures = set_suite(SET, FLOORS)


def _gold(doc: str) -> dict:
    return json.loads((SET / "blocks" / f"{doc}.json").read_text(encoding="utf-8"))


def _article(pred: dict) -> dict | None:
    return pred["articles"][0] if pred.get("articles") else None


def _check_title(pred: dict, doc: str) -> None:
    gold, art = _gold(doc), _article(pred)
    assert art is not None, f"{doc}: no Article"
    assert art["title"] == gold["title"]
    first = min(s["start"] for s in pred["segments"] if s.get("article") == art["id"])
    assert first == gold["main_start"]


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc", ["001", "002", "003"])
def test_a_headline_prefixed_with_its_day_and_month_is_the_title(parsed: dict[str, dict[str, dict]],
                                                                mode: str, doc: str) -> None:
    """'12 March CSTO …' / '23 November. The session …': the site's date prefix, not a lead's date."""
    _check_title(parsed[mode][doc], doc)


@pytest.mark.parametrize("mode", ["context", "alone"])
def test_a_sentence_title_above_a_place_date_line(parsed: dict[str, dict[str, dict]], mode: str) -> None:
    pred = parsed[mode]["004"]
    _check_title(pred, "004")
    # the place/date line is the dateline; the Article's date is the site's DD.MM.YYYY stamp only
    # (the realpages gold), so none here: the line's date goes to the main Event
    assert _article(pred)["date"] is None
    assert any(e["date"] == "2022-05-15" for e in pred["events"])
    dateline = [s for s in pred["segments"] if s["label"] == "dateline"]
    assert len(dateline) == 1 and dateline[0]["start"] == _gold("004")["blocks"][5]["start"]


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc", ["009", "010", "019", "020"])
def test_no_article_where_the_page_has_no_article_start(parsed: dict[str, dict[str, dict]], mode: str,
                                                        doc: str) -> None:
    """An agreement's articles, a menu, a section's name over 'Article 14' ('Final provisions',
    'CHAPTER VIII. FINAL PROVISIONS'): the document's title is not in the excerpt."""
    assert _article(parsed[mode][doc]) is None


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc", ["005", "006", "007", "008"])
def test_a_static_page_headed_by_a_short_noun_phrase(parsed: dict[str, dict[str, dict]], mode: str,
                                                     doc: str) -> None:
    """'Contacts' over address lines, 'Member states' over bullets, 'Structure' over list headers,
    'History' over text opening with a date: the heading is the title, the list its text."""
    pred = parsed[mode][doc]
    _check_title(pred, doc)
    if doc in ("005", "007"):  # no prose under the heading: the scored rule stays below 0.9
        assert _article(pred)["confidence"] < 0.9
    gold = {b["start"]: b for b in _gold(doc)["blocks"]}
    for seg in pred["segments"]:
        b = gold.get(seg["start"])
        if b is not None and b["main"] and b["label"] == "paragraph" and doc != "006":
            assert seg["label"] == "paragraph", (doc, b["text"], seg["label"])
        if b is not None and not b["main"]:
            assert seg.get("article") is None, (doc, b["text"])


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc", ["011", "012", "013", "014"])
def test_speakers_of_a_quotation_attributed_by_the_next_paragraph(parsed: dict[str, dict[str, dict]], mode: str,
                                                                  doc: str) -> None:
    """“…,” / “… .” alone, then 'he said. …', 'said the Chief … X.', 'This was stated by X …': both
    paragraphs are X's; 014: 'Bordiuzha stressed' under 'Nikolai Bordyuzha' is him, named as spelled."""
    pred = parsed[mode][doc]
    names = {p["id"]: p["name"] for p in pred.get("speakers", [])}
    by_start = {s["start"]: s for s in pred["segments"]}
    for b in _gold(doc)["blocks"]:
        seg = by_start.get(b["start"])
        said = names.get(seg.get("speaker")) if seg else None
        if b["speaker"]:
            assert said is not None and said.split()[-1] == b["speaker"].split()[-1], (doc, b["text"], said)
        elif b["main"]:
            assert said is None, (doc, b["text"], said)


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc, date", [("015", "2023-11-23"), ("016", "2024-03-12")])
def test_a_place_date_line_with_a_country_or_an_agency_is_the_dateline(parsed: dict[str, dict[str, dict]],
                                                                       mode: str, doc: str, date: str) -> None:
    """'Minsk, Republic of Belarus, 23 November 2023' / 'Moscow, March 12, 2024 (TASS)' under the title:
    its dateline, never the title."""
    pred = parsed[mode][doc]
    _check_title(pred, doc)
    assert _article(pred)["date"] is None  # a DD.MM.YYYY stamp only (see above); the line dates the Event
    assert [s["label"] for s in pred["segments"] if s.get("article")][:2] == ["title", "dateline"]
    assert any(e["date"] == date for e in pred["events"])


def test_place_date_lines_and_titles_that_hold_a_date() -> None:
    from curator.core.parse.layout import place_date_line

    for line in ("Minsk, Republic of Belarus, 23 November 2023", "Moscow, March 12, 2024 (TASS)",
                 "Moscow, 12 March 2024, 14:00", "Astana city, 28 November 2024", "Moscow, 7 October 2020"):
        assert place_date_line(line), line
    for line in ("Session of the Council, 12 March 2024", "Heads of the states met 12 March 2024",
                 "On 12 March 2024 the Council met"):
        assert not place_date_line(line), line


@pytest.mark.parametrize("mode", ["context", "alone"])
@pytest.mark.parametrize("doc, kind", [("017", "interview"), ("018", "speech")])
def test_a_short_sentence_title_right_above_the_first_question_or_salutation(
        parsed: dict[str, dict[str, dict]], mode: str, doc: str, kind: str) -> None:
    """A title written as a sentence ending in '.' (100 characters or less) straight above '1. …?' or
    'Dear colleagues!': the title, even with no sidebar other pages share to place it."""
    pred = parsed[mode][doc]
    _check_title(pred, doc)
    assert _article(pred)["kind"] == kind


def test_a_documents_section_name_is_no_title_but_a_document_title_is() -> None:
    from curator.core.parse import parse_text

    body = ("\n\nArticle 1\n\nThe Parties shall exchange information on the training of military personnel "
            "through the Secretariat of the Organization.\n\nArticle 2\n\nThis Agreement shall not affect the "
            "rights and obligations of the Parties under other international treaties.")
    for heading in ("Final provisions", "CHAPTER VIII. FINAL PROVISIONS", "Article 5. Entry into force"):
        assert parse_text(heading + body).articles == [], heading
    title = "Agreement on the training of military personnel of the member states"
    assert [a.title for a in parse_text(title + body).articles] == [title]


def test_a_short_heading_over_dated_items_stays_a_listing() -> None:
    """'History' over text opening with a date is a static page's title, but 'Announcements' over
    two dated items heads a listing: no Article (as before the static-page rule)."""
    from curator.core.parse import parse_text

    page = ("Announcements\n\nOn 14 May, the CSTO Secretariat will host a meeting of the Working Group on "
            "Afghanistan.\n\nOn 20 May, the Council of Ministers of Defence will meet in Astana.")
    assert parse_text(page).articles == []


@pytest.mark.parametrize("mode", ["context", "alone"])
def test_an_interview_whose_turns_open_with_hyphens(parsed: dict[str, dict[str, dict]], mode: str) -> None:
    """'- …?' / '- …' lines are question and answer turns, not a bulleted list (a line asks something)."""
    pred = parsed[mode]["021"]
    _check_title(pred, "021")
    by_start = {s["start"]: s for s in pred["segments"]}
    for b in _gold("021")["blocks"]:
        if b["label"] in ("question", "answer"):
            assert by_start[b["start"]]["label"] == b["label"], b["text"]


@pytest.mark.parametrize("mode", ["context", "alone"])
def test_a_speech_opening_with_today_we_has_its_title(parsed: dict[str, dict[str, dict]], mode: str) -> None:
    """No salutation, no lead: 'Today we honour …' is a speech's first-person opening, not a sidebar's
    dated summary, so the line above it is the title even with no shared sidebar to place it."""
    pred = parsed[mode]["022"]
    _check_title(pred, "022")
    assert _article(pred)["kind"] == "speech"


@pytest.mark.parametrize("mode", ["context", "alone"])
def test_a_sentence_between_interview_turns_is_no_title(parsed: dict[str, dict[str, dict]], mode: str) -> None:
    """'In addition, …' between an answer and the next question is the answer going on: once the
    dialogue has begun, a short sentence above a question is no title (2.14 took it at 0.88)."""
    pred = parsed[mode]["023"]
    _check_title(pred, "023")
    by_start = {s["start"]: s for s in pred["segments"]}
    for b in _gold("023")["blocks"]:
        if b["main"]:
            assert by_start[b["start"]]["label"] == b["label"], b["text"]
