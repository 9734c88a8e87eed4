"""Bad and odd input: the parser returns a valid Curation for any text, never raises."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.parse import build_context, parse_text
from curator.core.parse.api import ParserFallbackWarning
from tests.test_parse_checks import assert_well_formed

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_LINES = sorted({line.strip() for p in SEEDS.glob("*.txt") for line in p.read_text("utf-8").splitlines()} - {""})

# code points that are whitespace to str.strip but not line breaks to the parser, astral and mixed scripts
ODD = ["\t", "\u00a0", "\u2028", "\x85", "\x1c", "\u3000", "\u200b", "😀", "𝔘", "ОДКБ", "中文", "\ufeff", "—"]


def parse_checked(text: str, context=None):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ParserFallbackWarning)  # a fallback means a parser bug
        cur = parse_text(text, context=context)
    assert_well_formed(cur, text)
    return cur


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n\r\n\r",
        "\t\t\n\t",
        "one line only",
        "Go back\n\nBack to the section\n\nBack to the all news",
        "Title\n\nTitle 31.02.2024\n\nA lead with an impossible date.",
        "😀 Emoji title 😀\n\n😀 Emoji title 😀 01.01.2024\n\nOn 1 January 2024, in Minsk, 😀 a meeting was held.",
        "Заголовок\n\nЗаголовок 01.01.2024\n\nТекст на русском языке.",
        "Title\r\n\r\nTitle 08.11.2023\r\n\r\nLead\twith\ttabs.\r\n\r\nGo back",
        "08.11.2023",
        "Title\n\n08.11.2023",
        "— ?\n\n— \n\n1. ?",
    ],
)
def test_edge_cases(text: str) -> None:
    parse_checked(text)


def test_all_boilerplate_page() -> None:
    cur = parse_checked("Go back\n\nBack to the section\n\nBack to the all news\n\nЭл.почта: a@b.ru")
    assert {s.label for s in cur.segments} == {"boilerplate"}
    assert cur.articles == []


def test_two_megabyte_single_line() -> None:
    word = "security cooperation 😀 Moscow “quote,” Imangali Tasmagambetov said 08.11.2023 "
    text = word * (2_000_000 // len(word))
    cur = parse_checked(text)
    assert len(cur.segments) == 1


def test_huge_article_paragraph() -> None:
    body = ("Valery Semerikov noted that the plan is ready. " * 40_000).strip()
    lead = "On 1 February 2020, the Secretariat discussed the plan of joint activities."
    text = f"Title of the page\n\nTitle of the page 01.02.2020\n\n{lead}\n\n{body}\n\nGo back"
    cur = parse_checked(text)
    # (the huge paragraph after the lead: a lead is nobody's words since 2.179.0)
    assert cur.segments[3].speaker == "valery-semerikov"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    parse_checked(text)


_piece = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(ODD), st.text(max_size=30))
_sep = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", " \n \n", "\t\n\n", "\n\n\n"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_piece, _sep), max_size=40), st.booleans())
def test_recombined_seed_lines(parts: list[tuple[str, str]], with_context: bool) -> None:
    text = "".join(p + s for p, s in parts)
    context = build_context([text, text[::-1], text]) if with_context else None
    parse_checked(text, context)
