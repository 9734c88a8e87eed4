"""Round 19 of the parser on unseen layouts (parser21): classes a red team's pages in the site's style
showed, reported as structure only. Pages written for these tests in the site's manner, checked line by line.
"""

from __future__ import annotations

import pytest

from curator.core.parse import parse_text
from tests.parse_lines import cut, lines

# sidebars as the site's crawls have them: none, dated teasers, headline-only teasers of varying length
_DATED = ["14.01.2026", "Staff officers of the member states met to plan the year's joint exercises",
          "09.01.2026", "The Secretary General received the Ambassador of Belarus",
          "28.12.2025", "Results of the Collective Security Council session in Moscow were summed up at a briefing"]
_HEADLINES = ["Peacekeepers of the member states completed a command and staff training near Bishkek",
              "The Council of Defence Ministers will hold its session in Dushanbe",
              "Experts discussed the protection of critical infrastructure at a seminar in Yerevan",
              "A new issue of the Organisation's bulletin is out"]
_SIDEBARS = {"none": [], "dated": _DATED, "headlines": _HEADLINES, "mixed": [*_HEADLINES[:2], *_DATED[:4]]}


def _page(sidebar: list[str], body: list[str], gap: str) -> str:
    return gap.join([*sidebar, *body]) + "\n"


def _article(cur, text: str) -> list[tuple[str, str, str | None]]:
    return [(label, t, spk) for label, t, spk in lines(cur, text)
            if label not in ("teaser", "boilerplate")]


# -- 1. a static page headed by its title: a biography, a contacts page -------------------------------------

_CAREER = ["1990–1996 – platoon and company commander in the Central Asian Military District;",
           "1996–2003 – chief of staff, then commander of a motorised rifle battalion;",
           "2003–2011 – senior officer, head of a department of the General Staff;",
           "2011–2019 – deputy head of the Main Operations Directorate;",
           "Since 2022 – Deputy Secretary General of the Organisation."]
_BIOS = {
    "name": ["Karimov Rustam Ilyasovich"],
    "cyrillic": ["Karimov Rustam Ilyasovich (Каримов Рустам Ильясович)"],
    "rank": ["Lieutenant General", "Rustam Karimov"],
}
_BIO_BODY = ["Born on 2 June 1969 in Tashkent region.",
             "In 1990 he graduated from the Tashkent Higher Combined Arms Command School, in 2003 from the "
             "Military Academy of the General Staff.", "Career:", *_CAREER,
             "He holds orders and medals of the member states. Married, has two sons and a daughter, who "
             "work in the field of education and medicine in their home city to this day."]


@pytest.mark.parametrize("head", list(_BIOS))
@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_biography_headed_by_a_name_is_an_article(head: str, sidebar: str, gap: str) -> None:
    heading = _BIOS[head]
    text = _page(_SIDEBARS[sidebar], [*heading, *_BIO_BODY], gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [(heading[0], None, "other")]
    got = _article(cur, text)
    assert got[0] == ("title", heading[0], None)
    assert ("heading", "Career:", None) in got
    assert all(spk is None for _, _, spk in got)
    assert [label for label, t, _ in got if t in _CAREER] == ["paragraph"] * len(_CAREER)
    assert not any(label == "lead" for label, _, _ in got)
    assert len(got) == len(heading) + len(_BIO_BODY)


def test_a_biography_cut_mid_word_is_an_article() -> None:
    body = [*_BIOS["cyrillic"], *_BIO_BODY, *_CAREER, *_CAREER]
    text = cut(_page(_DATED, body, "\n"), 1100)
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [(_BIOS["cyrillic"][0], "other")]


_CONTACTS = ["Contacts", "Secretariat of the Collective Security Treaty Organisation", "Address:",
             "101000, Moscow, Sverchkov lane, 11", "Phone: +7 (495) 623-12-34", "Fax: +7 (495) 623-12-35",
             "E-mail: secretariat@example.org", "Press service", "Phone: +7 (495) 623-12-40",
             "E-mail: press@example.org"]


@pytest.mark.parametrize("sidebar", list(_SIDEBARS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_contacts_page_is_an_article(sidebar: str, gap: str) -> None:
    text = _page(_SIDEBARS[sidebar], _CONTACTS, gap)
    cur = parse_text(text)
    assert [(a.title, a.date, a.kind) for a in cur.articles] == [("Contacts", None, "other")]
    got = _article(cur, text)
    assert [t for _, t, _ in got] == _CONTACTS
    assert got[1][0] == "heading" and got[2] == ("heading", "Address:", None)
    assert [label for label, t, _ in got if t.startswith(("Phone", "Fax", "E-mail"))] == ["paragraph"] * 5


def test_a_report_with_a_phone_line_is_no_static_page() -> None:
    text = "\n".join(["The Secretariat opened a hotline for journalists", "12.03.2026",
                      "On 12 March 2026, the press service of the Secretariat opened a hotline for journalists "
                      "accredited to the session.", "Phone: +7 (495) 623-12-40",
                      "E-mail: press@example.org"]) + "\n"
    cur = parse_text(text)
    assert [(a.title, a.kind) for a in cur.articles] == [("The Secretariat opened a hotline for journalists", "news")]
