"""Parser building blocks: line units, dates, the speaker registry and name finding."""

from __future__ import annotations

import datetime as dt

from curator.core.parse.dates import numeric_date, prose_dates
from curator.core.parse.people import People, build_registry, default_registry, slugify
from curator.core.parse.rules import load_rules
from curator.core.parse.units import split_units


def test_units_are_trimmed_lines_with_blocks_and_code_point_offsets() -> None:
    text = "😀 a \r\n b\r\n\r\n\tc\u2028d \rx\x85y\n\n\n"
    units = split_units(text)
    assert [u.text for u in units] == ["😀 a", "b", "c\u2028d", "x\x85y"]
    assert [u.block for u in units] == [0, 0, 1, 1]
    for u in units:
        assert text[u.start : u.end] == u.text


def test_numeric_dates_are_day_first() -> None:
    assert numeric_date("Title 08.11.2023")[0] == dt.date(2023, 11, 8)
    assert numeric_date("31.02.2024")[0] is None  # not a date: no exception either
    assert numeric_date("no date here") == (None, None)


def test_prose_dates_resolve_relative_years_against_the_page_date() -> None:
    ref = dt.date(2020, 1, 14)

    def first(s: str) -> tuple[dt.date, str]:
        (d,) = prose_dates(s, reference=ref, limit=1)
        return d.date, s[d.start : d.end]

    assert first("On 8 November 2023, in Moscow") == (dt.date(2023, 11, 8), "8 November 2023")
    assert first("On June 6, 2024, in Almaty") == (dt.date(2024, 6, 6), "June 6, 2024")
    # "this year" past the page date means the year before: the page reports what happened
    assert first("On November 28, this year, In Bishkek") == (dt.date(2019, 11, 28), "November 28, this year")
    assert first("From 1 to 23 April 2024, the courses") == (dt.date(2024, 4, 1), "1 to 23 April 2024")
    assert first("on January 10, a meeting") == (dt.date(2020, 1, 10), "January 10")
    assert prose_dates("On 8 November", reference=None) == []  # no year and nothing to resolve it with
    assert prose_dates("the Mayor 5 times; in 2019 - 2020; 8th of March", reference=ref) == []


def test_registry_forms_of_address_initials_and_near_misses() -> None:
    people = People(default_registry(), load_rules())
    for text in ("Imangali Nurgaliyevich, welcome", "I. Tasmagambetov said", "Imangaly Tasmagambetov noted",
                 "Tasmagambetov’s visit"):
        assert [m.id for m in people.mentions(text)] == ["imangali-tasmagambetov"], text


def test_registry_can_grow_and_new_people_get_slug_ids() -> None:
    reg = build_registry([{"name": "Aigerim Sadykova", "role": "Ambassador", "patronymic": "Bolatovna"}])
    people = People(reg, load_rules())
    assert [m.id for m in people.mentions("Aigerim Bolatovna, thank you")] == ["aigerim-sadykova"]
    found = people.mentions("Deputy Minister of Defence Timur Akhmetov said that the plan is ready.")
    assert [m.id for m in found] == ["timur-akhmetov"]
    assert people.person("timur-akhmetov").role is not None
    # a capitalised pair with no role word and no reporting verb is not taken for a person
    assert people.mentions("The Edelweiss Range was covered with snow.") == []
    assert slugify("Kassym-Zhomart Tokayev") == "kassym-zhomart-tokayev"
    assert slugify("Émile Zola") == "emile-zola"


def test_a_line_of_whitespace_is_a_blank_line() -> None:
    """A line holding only a space, a tab or a no-break space (a scraped page's empty paragraph)
    separates blocks like an empty line and is no unit."""
    for filler in (" ", "\t", "\u00a0", " \u3000 "):
        units = split_units(f"Title\n{filler}\nTEXT\nBody.")
        assert [u.text for u in units] == ["Title", "TEXT", "Body."], repr(filler)
        assert [u.block for u in units] == [0, 1, 1], repr(filler)
