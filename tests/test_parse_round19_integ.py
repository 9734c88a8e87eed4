"""Round 19 (integrator): a first name and a patronymic (``Vyacheslav Viktorovich noted``), the Russian
form of address, is the person the page named with that first name, not a second speaker."""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text

_CASES = [
    # (lead naming the person, the form of address, the person's id)
    ("Chairman of the State Duma Vyacheslav Volodin met with the delegation of parliamentarians in Moscow.",
     "Vyacheslav Viktorovich", "vyacheslav-volodin"),
    ("Deputy Minister of Defence of Kyrgyzstan Almazbek Temirov received the Ambassador of Armenia.",
     "Almazbek Sultanovich", "almazbek-temirov"),
    ("Secretary of the Security Council of Kyrgyzstan Sultanov Alymbay Alymbekovich visited the Secretariat.",
     "Alymbay Alymbekovich", "alymbay-sultanov"),
]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("lead, address, pid", _CASES)
def test_a_form_of_address_is_the_person_named_before(lead: str, address: str, pid: str, gap: str) -> None:
    title = "The delegation discussed the plan of joint work"
    text = gap.join([title, f"{title} 12.03.2025", f"On 12 March 2025, {lead}",
                     f"{address} noted that the cooperation had reached a new level.",
                     "“We will continue this work,” he said."]) + "\n"
    cur = parse_text(text)
    assert [s.id for s in cur.speakers] == [pid]
    said = [seg.speaker for seg in cur.segments if seg.label == "paragraph"]
    assert said == [pid, pid]


def test_two_people_with_the_first_name_leave_the_form_of_address_alone() -> None:
    title = "The ministers discussed the plan of joint work"
    text = "\n".join([title, f"{title} 12.03.2025",
                      "On 12 March 2025, Minister Sergei Ivanenko met with Minister Sergei Kovalenko in Minsk.",
                      "Sergei Petrovich noted that the plan had been agreed."]) + "\n"
    cur = parse_text(text)
    said = next(seg.speaker for seg in cur.segments if seg.text.startswith("Sergei Petrovich"))
    assert said not in ("sergei-ivanenko", "sergei-kovalenko")


def test_a_name_written_surname_first_is_named_first_name_first() -> None:
    title = "The Secretary of the Security Council visited the Secretariat"
    text = "\n".join([title, f"{title} 15.05.2025", "On 15 May 2025, Secretary of the Security Council of "
                      "Kyrgyzstan Sultanov Alymbay Alymbekovich visited the CSTO Secretariat.",
                      "Sultanov Alymbay Alymbekovich noted that the parties had agreed on the plan."]) + "\n"
    cur = parse_text(text)
    assert [(s.id, s.name) for s in cur.speakers] == [("alymbay-sultanov", "Alymbay Sultanov")]
