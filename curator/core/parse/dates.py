"""Dates: ``DD.MM.YYYY`` datelines (day first) and English prose dates, by hand-written regexes.

dateparser is kept off the hot path on purpose: it costs far more per call than these
patterns and reads ``08.11.2023`` month-first unless configured.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR_WORDS = r"(?:19|20)\d\d|this year|last year|next year"
_YEAR = rf"(?P<year>{_YEAR_WORDS})"

NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)")
# "8 November 2023", "1 to 23 April 2024" (start day kept), "28 November, this year"
_DMY = (
    r"(?<![\w.])(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+"
    + _MONTH
    + r"(?:,?\s+"
    + _YEAR
    + r")?(?!\w)"
)
# "June 6, 2024", "November 28, this year", "September 16"
_MDY = (
    _MONTH.replace("month", "month2")
    + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—)\s*\d{1,2})?(?!\d)(?:,?\s+"
    + rf"(?P<year2>{_YEAR_WORDS})"
    + r")?(?!\w)"
)
PROSE_DATE = re.compile(f"(?:{_DMY})|(?:{_MDY})")


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    explicit_year: bool


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers do not form one (31.02.2024)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def numeric_date(s: str) -> tuple[dt.date | None, re.Match[str] | None]:
    """The first ``DD.MM.YYYY`` in ``s``, read day first."""
    m = NUMERIC_DATE.search(s)
    if m is None:
        return None, None
    return make_date(int(m["y"]), int(m["m"]), int(m["d"])), m


def prose_dates(s: str, *, reference: dt.date | None, offset: int = 0, limit: int = 4) -> list[FoundDate]:
    """Prose dates in ``s`` (at most ``limit``); a missing or relative year resolves against ``reference``.

    A date without a year that would fall after the reference (the page's own date) is taken
    from the year before: pages report events that already happened.
    """
    found: list[FoundDate] = []
    for m in PROSE_DATE.finditer(s):
        month_name = m["month"] or m["month2"]
        day = int(m["day"] or m["day2"])
        year_text = (m["year"] or m["year2"] or "").lower()
        month = MONTHS[month_name.lower().rstrip(".")]
        explicit = year_text.isdigit()
        if explicit:
            year = int(year_text)
        elif reference is None:
            continue
        else:
            year = reference.year + {"last year": -1, "next year": 1}.get(year_text, 0)
        date = make_date(year, month, day)
        if date is None:
            continue
        if not explicit and year_text != "next year" and reference is not None and date > reference:
            shifted = make_date(year - 1, month, day)
            date = shifted or date
        found.append(FoundDate(date, offset + m.start(), offset + m.end(), explicit))
        if len(found) >= limit:
            break
    return found
