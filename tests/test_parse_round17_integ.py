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
    assert (last.label, text[last.start : last.end]) == ("paragraph", credit)
    assert cur.segments[-1].label == "boilerplate"  # "Go back"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_photo_credit_then_the_cut_paragraph_are_the_articles(gap: str) -> None:
    text = gap.join([*_REPORT, _CREDITS[0], "The training was assessed as successful by the head of the exerc"])
    cur = parse_text(text)
    tail = [(s.label, s.article) for s in cur.segments[-2:]]
    assert tail == [("paragraph", "a1"), ("paragraph", "a1")]


_TABLE = ["Country Personnel Vehicles", "Armenia 410 35", "Belarus 620 48", "Kazakhstan 880 70", "Russia 1950 160",
          "Total 3860 313"]


@pytest.mark.parametrize("credit", [[], _CREDITS[:1]])
def test_a_flattened_tables_rows_are_paragraphs_of_the_article(credit: list[str]) -> None:
    text = "\n".join(_REPORT) + "\n\n" + "\n".join(_TABLE) + "\n\n" + "\n".join(credit) + ("\n" if credit else "")
    cur = parse_text(text)
    rows = [(s.label, text[s.start : s.end]) for s in cur.segments if text[s.start : s.end] in _TABLE[1:]]
    assert rows == [("paragraph", row) for row in _TABLE[1:]]
    assert all(s.article == "a1" for s in cur.segments if s.start >= text.index(_TABLE[0]))
