"""Round 17 of the parser on unseen layouts, parser19's part (the integrator's is
tests/test_parse_round17_integ.py): classes a red team's pages in the site's style showed, reported as
structure only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

_SIDEBAR = [
    "Staff officers of the member states met for a planning conference in Yerevan",
    "The Working Group on Afghanistan discussed the situation on the Tajik-Afghan border",
    "Youth forum of the Organisation opened in Bishkek",
]


# -- 1d. a gallery's listing: its heading and paragraph are the Article, the albums its items --------------
# Albums: a date glued to the album's name, then its credit ending in the count ("Photo: … 14 photos").
# 2.111.0 took one album's credit line for the title and the albums under it for the Article.

_ALBUMS = [
    ("17.09.2025", "Exercise of the Collective Rapid Reaction Forces in Belarus", "Photo: CSTO press service", 31),
    ("02.07.2025", "Meeting of the Committee of Secretaries of Security Councils", "Photo: Anna Petrova", 14),
    ("26.05.2025", "Session of the Council of Defence Ministers in Bishkek", "Photos by the press service", 22),
    ("11.04.2025", "Round table on information security in Moscow", "Photo: CSTO Secretariat", 9),
]


def _gallery(n: int, sidebar: list[str], gap: str) -> str:
    albums = [f"{d} {name}{gap}{credit} {k} photos" for d, name, credit, k in _ALBUMS[:n]]
    lines_ = [*sidebar, "Photo archive",
              "Pictures from the Organisation's meetings, exercises and forums, grouped by event.", *albums]
    return gap.join(lines_) + "\n"


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR[:1], _SIDEBAR])
def test_a_gallerys_heading_and_paragraph_are_the_article_over_its_albums(n: int, gap: str,
                                                                          sidebar: list[str]) -> None:
    text = _gallery(n, sidebar, gap)
    got = lines(parse_text(text), text)
    assert got[len(sidebar)][:2] == ("title", "Photo archive")
    assert got[len(sidebar) + 1][0] == "paragraph"
    assert [label for label, _, _ in got[len(sidebar) + 2 :]] == ["teaser"] * (2 * n)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_gallery_cut_inside_its_albums_keeps_them_items(gap: str) -> None:
    text = _gallery(4, _SIDEBAR, gap) * 20
    text = cut(text, 700)
    cur = parse_text(text)
    got = lines(cur, text)
    assert [a.title for a in cur.articles] == ["Photo archive"]
    assert all(label == "teaser" for label, t, _ in got[len(_SIDEBAR) + 2 :] if "photos" in t)


@pytest.mark.parametrize("credit", ["Photo: CSTO press service", "Photo by Anna Petrova"])
def test_an_albums_credit_and_count_is_never_a_title(credit: str) -> None:
    # no paragraph: the listing alone still has no Article (2.85.0)
    text = "\n".join(f"{d} {name}\n{credit} {k} photos" for d, name, _, k in _ALBUMS) + "\n"
    cur = parse_text(text)
    assert cur.articles == []


def test_a_report_with_a_credit_under_its_lead_is_still_news() -> None:
    # one credit line naming a number of photos is no gallery
    text = ("Exercise of the peacekeeping forces ended in Kazakhstan\n17.09.2025\n"
            "On 17 September, the joint exercise of the peacekeeping forces of the member states ended at the "
            "Iliysky training ground.\nPhoto: CSTO press service 12 photos\n"
            "More than 1,500 servicemen and 300 units of equipment took part in the exercise.\n")
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [("Exercise of the peacekeeping forces ended in Kazakhstan",
                                                           "news")]


# -- 1c. a section page under a sidebar: a heading, its description, then counted rows --------------------
# Rows "Republic of … – N representatives": 2.112.0 took them for headline candidates, so the page read as a
# listing (no Article) under a sidebar, and labelled the rows headings.

_ROWS = [("Republic of Armenia", 5), ("Republic of Belarus", 7), ("Republic of Kazakhstan", 6),
         ("Kyrgyz Republic", 5), ("Russian Federation", 9), ("Republic of Tajikistan", 4)]


def _section(sidebar: list[str], gap: str, noun: str) -> str:
    rows = [f"{name} {dash} {k} {noun}" for (name, k), dash in zip(_ROWS, "––—-––", strict=True)]
    return gap.join([*sidebar, "Council of Parliamentary Delegations",
                     "The Council is made up of delegations appointed by the parliaments of the member states "
                     "for the term of their powers.", *rows]) + "\n"


@pytest.mark.parametrize("noun", ["representatives", "members of parliament", "seats"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR[:1], _SIDEBAR, _SIDEBAR[::-1]])
def test_a_section_pages_heading_is_the_title_over_its_counted_rows(noun: str, gap: str,
                                                                    sidebar: list[str]) -> None:
    text = _section(sidebar, gap, noun)
    got = lines(parse_text(text), text)
    assert got[len(sidebar)][:2] == ("title", "Council of Parliamentary Delegations")
    assert [label for label, _, _ in got[len(sidebar) + 1 :]] == ["paragraph"] * (1 + len(_ROWS))


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_section_page_cut_mid_row_keeps_its_title(gap: str) -> None:
    text = _section(_SIDEBAR, gap, "representatives")
    text = text[: text.index("Kyrgyz") + 9]
    got = lines(parse_text(text), text)
    assert got[len(_SIDEBAR)][:2] == ("title", "Council of Parliamentary Delegations")
    assert all(label == "paragraph" for label, _, _ in got[len(_SIDEBAR) + 1 :])


# -- 7. a document's points numbered on lines of their own -------------------------------------------------
# "1." alone on its line, the point's text on the next: every number is a heading (2.113.0: none was).

_POINTS = ["To approve the plan of the joint staff trainings of the forces for the next year.",
           "To instruct the Joint Staff to prepare the trainings together with the defence ministries.",
           "To finance the trainings from the national budgets of the member states.",
           "To hold the first training in the Republic of Kazakhstan in the spring.",
           "To report on the results of the trainings at the next session of the Council.",
           "To send this Decision to the member states through diplomatic channels.",
           "This Decision enters into force from the date of its signing."]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize(("n", "sep"), [(3, "."), (7, "."), (7, ")")])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR])
def test_a_points_number_alone_on_its_line_is_a_heading(gap: str, n: int, sep: str, sidebar: list[str]) -> None:
    title = "Decision on the plan of joint staff trainings of the forces"
    body = [line for k, point in enumerate(_POINTS[:n], 1) for line in (f"{k}{sep}", point)]
    text = gap.join([*sidebar, title, f"{title} 12.12.2025", "The Collective Security Council decided:", *body]) + "\n"
    got = lines(parse_text(text), text)
    numbers = [label for label, t, _ in got if t[:1].isdigit() and len(t) <= 3]
    points = [label for label, t, _ in got if t in _POINTS]
    assert numbers == ["heading"] * n
    assert points == ["paragraph"] * n


# -- 7. an interviewer's credit after the last answer -------------------------------------------------------

_QA = [("Izvestia", "What tasks does the Organisation face this year?"),
       ("I.T. Masadykov", "The main task is to complete the re-equipment programme of the collective forces."),
       ("Izvestia", "How do you assess the cooperation with the United Nations?"),
       ("I.T. Masadykov", "It is developing steadily, and our peacekeepers are ready to take part in its missions.")]


@pytest.mark.parametrize("credit", ["Interviewed by Elena Sokolova", "Interview conducted by Pavel Orlov",
                                    "Questions asked by Marat Dzhumabaev"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_interviewers_credit_after_the_answers_has_no_speaker(credit: str, gap: str) -> None:
    title = "Interview of the CSTO Secretary General to the newspaper Izvestia"
    text = gap.join([title, f"{title} 03.02.2025", *(f"{who}: {said}" for who, said in _QA), credit]) + "\n"
    got = lines(parse_text(text), text)
    assert got[-1] == ("paragraph", credit, None)
    assert [(label, spk) for label, _, spk in got[-5:-1]] == [("question", None), ("answer", "Taalatbek Masadykov")] * 2
