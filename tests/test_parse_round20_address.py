"""Round 20 (integrator): ``Alexander Alekseevich noted …`` (a first name and a patronymic, the Russian form of
address) after ``Aleksandr Khodakov`` is the person the page named, with the first name spelled another way
(``Aleksandr``/``Alexander``, ``Sergei``/``Sergey``, ``Yuri``/``Yury``); never a new person called
``Alexander Alekseevich``, and nobody when two people named before could be meant."""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

_SIDEBAR = ["The Council of Foreign Ministers will meet in Cholpon-Ata 12.06.2025",
            "Instructors of the collective forces finished their course in Minsk"]


def _speakers(text: str) -> dict[str, str | None]:
    cur = parse_text(text)
    return {t: who for _label, t, who in lines(cur, text)}


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("sidebar", [[], _SIDEBAR])
@pytest.mark.parametrize("named, addressed", [
    ("Aleksandr Khodakov", "Alexander Alekseevich"),
    ("Alexander Khodakov", "Aleksandr Alekseyevich"),
    ("Sergei Pashkov", "Sergey Nikolaevich"),
    ("Yury Pashkov", "Yuri Ivanovich"),
])
def test_a_first_name_and_patronymic_spelled_another_way_is_the_person_named(
        gap: str, sidebar: list[str], named: str, addressed: str) -> None:
    chair = f"The meeting was chaired by the Head of the Main Directorate, Police Lieutenant General {named}."
    said = (f"{addressed} noted that the volume of seized substances had grown by a third over the year. "
            "He proposed to create a joint database.")
    text = gap.join([*sidebar, "The Coordination Council on drug trafficking held its meeting", "05.12.2024",
                     "On 4 December 2024, the Coordination Council held its meeting in Moscow.", chair, said,
                     "The members of the Council approved the plan of the operation for 2025."]) + "\n"
    who = _speakers(text)
    assert who[said] == named


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_two_people_with_that_first_name_leave_the_address_to_nobody_named(gap: str) -> None:
    said = "Alexander Alekseevich noted that the volume of seized substances had grown by a third over the year."
    text = gap.join(["The Coordination Council on drug trafficking held its meeting", "05.12.2024",
                     "On 4 December 2024, the Coordination Council held its meeting in Moscow.",
                     "The meeting was chaired by Aleksandr Khodakov; Aleksandr Vorobyov also took part.",
                     said]) + "\n"
    assert _speakers(text)[said] not in ("Aleksandr Khodakov", "Aleksandr Vorobyov")


def test_a_cut_excerpt_keeps_the_address() -> None:
    said = "Alexander Alekseevich noted that the volume of seized substances had grown by a third over the year."
    text = cut("\n".join([*_SIDEBAR * 4, "The Coordination Council on drug trafficking held its meeting",
                          "05.12.2024", "On 4 December 2024, the Coordination Council held its meeting in Moscow.",
                          "The meeting was chaired by Police Lieutenant General Aleksandr Khodakov.", said,
                          "The members approved the plan of the operation for the next year. " * 20]))
    assert _speakers(text)[said] == "Aleksandr Khodakov"
