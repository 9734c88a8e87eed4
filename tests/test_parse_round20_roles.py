"""Round 20 (integrator): a bare office (``the Secretary General said``) in an Article that tells of a day
before the sidebar's holder of that office took it names the holder on that day, not the sidebar's.

A crawl's sidebar shows the office's holder at crawl time (``Secretary General X congratulated …``);
an archived Article from an earlier year names the office bare. The Article's day is its ``DD.MM.YYYY``
stamp, else a date with its year in its title, dateline or lead. The registry's terms decide; a holder
the registry cannot place in time, or an Article with no day, keeps the page's binding as before.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

_SIDEBAR = [
    "On 28 May, the deputy ministers of foreign affairs held consultations at the Secretariat.",
    "27.05.2025",
    "Secretary General Imangali Tasmagambetov congratulated the people of Belarus on Independence Day.",
    "Officers of the Joint Staff laid flowers at the Tomb of the Unknown Soldier.",
]
_TITLE = "A solemn evening marked the anniversary of the Treaty in Moscow"
_BARE = ("Opening the evening, the Secretary General said that the Treaty remained the foundation of the "
         "common security of the six states.")


def _speaker_of(text: str, paragraph: str) -> str | None:
    cur = parse_text(text)
    found = [who for label, t, who in lines(cur, text) if t == paragraph]
    assert found, lines(cur, text)
    return found[0]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("lead", [
    "A solemn evening dedicated to the anniversary of the Treaty was held on 15 May 2022 in Moscow.",
    "On May 15, 2022, a solemn evening dedicated to the anniversary of the Treaty was held in Moscow.",
])
def test_an_article_of_an_earlier_year_takes_that_years_holder_not_the_sidebars(gap: str, lead: str) -> None:
    text = gap.join([*_SIDEBAR, _TITLE, lead, "Veterans, diplomats and students attended the evening.", _BARE,
                     "The participants laid flowers at the monument."]) + "\n"
    assert _speaker_of(text, _BARE) == "Stanislav Zas"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_stamp_dates_the_article_before_its_lead(gap: str) -> None:
    text = gap.join([*_SIDEBAR, _TITLE, "16.05.2022",
                     "A solemn evening dedicated to the anniversary of the Treaty was held yesterday in Moscow.",
                     _BARE]) + "\n"
    assert _speaker_of(text, _BARE) == "Stanislav Zas"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_article_within_the_sidebar_holders_term_keeps_him(gap: str) -> None:
    text = gap.join([*_SIDEBAR, _TITLE,
                     "A solemn evening dedicated to the anniversary of the Treaty was held on 15 May 2025 in Moscow.",
                     _BARE]) + "\n"
    assert _speaker_of(text, _BARE) == "Imangali Tasmagambetov"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_article_with_no_day_keeps_the_pages_binding(gap: str) -> None:
    text = gap.join([*_SIDEBAR, _TITLE,
                     "A solemn evening dedicated to the anniversary of the Treaty was held in Moscow.",
                     _BARE]) + "\n"
    assert _speaker_of(text, _BARE) == "Imangali Tasmagambetov"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_name_in_the_article_wins_over_the_registry(gap: str) -> None:
    text = gap.join([*_SIDEBAR, _TITLE,
                     "On 15 May 2022, CSTO Secretary General Imangali Tasmagambetov opened a solemn evening in "
                     "Moscow.", _BARE]) + "\n"
    assert _speaker_of(text, _BARE) == "Imangali Tasmagambetov"


def test_a_cut_excerpt_of_an_earlier_year_still_takes_that_years_holder() -> None:
    text = cut("\n".join([*_SIDEBAR * 3, _TITLE,
                          "A solemn evening dedicated to the anniversary of the Treaty was held on 15 May 2022 in "
                          "Moscow.", _BARE, "The participants laid flowers at the monument to the fallen " * 20]))
    assert _speaker_of(text, _BARE) == "Stanislav Zas"
