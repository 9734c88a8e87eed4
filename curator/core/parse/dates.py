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
# Russian pages give the month in the genitive: "20 марта 2025 года"
MONTHS.update({name: i for i, name in enumerate(
    ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
     "декабря"), start=1)})
# an English month's full name, as an alternation for patterns built elsewhere
MONTH_NAMES = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_WORD = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])"
)
MONTH_WORD = _MONTH_WORD  # an English month name (the events read "no time named" from it)
# tried only on text with Cyrillic letters, so English text pays nothing for it
_MONTH_WORD_RU = re.compile(
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?![а-я])"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_YEAR_WORDS = r"(?:19|20)\d\d|this year|last year|next year"
_ORD = r"(?:st|nd|rd|th)?"
# day (or day range, start kept) right before the month: "8 November", "1 to 23 April"
# "on the 3rd of May" (only after "the": a bare "8th of March" names the holiday)
# "the third of October 2023", "the twenty-first of May 2024": a day in words (taken only with the year written)
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_DAY_WORDS = {
    **{w: i for i, w in enumerate(_UNITS, start=1)},
    **{w: i for i, w in enumerate(("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                                   "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=10)},
    **{f"twenty-{w}": 20 + i for i, w in enumerate(_UNITS, start=1)},
    "thirtieth": 30, "thirty-first": 31,
}
_DAY_BEFORE = re.compile(
    rf"(?<![\w.])(\d{{1,2}}){_ORD}(?:\s*(?:-|–|—|to|and|по)\s*\d{{1,2}}{_ORD})?\s+$"
    r"|(?<=\bthe )(\d{1,2})(?:st|nd|rd|th)\s+of\s+$"
    r"|(?<=\bthe )((?:twenty-|thirty-)?[a-z]+)\s+of\s+$"
)
# after the month: optional day (month-first dates), then an optional year
# the end of a range that crosses a month, before the year: "October 31 - November 1, 2018",
# "31 October - 1 November 2018" (the start is kept, the year read after the range)
_RANGE_END = (rf"\s*(?:-|–|—|to|until)\s*(?:{_MONTH_WORD.pattern}\.?\s+\d{{1,2}}{_ORD}(?!\d)"
              rf"|\d{{1,2}}{_ORD}(?:\s+{_MONTH_WORD.pattern})?(?!\d))")
_AFTER_MONTH = re.compile(
    rf"\.?(?:\s+(?P<day>\d{{1,2}}){_ORD}(?!\d))?(?:{_RANGE_END})?(?:,?\s+(?P<year>{_YEAR_WORDS}))?(?!\w)"
)
NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)")


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
    # month names are rare and cheap to find; the day and year are read around each one
    months = list(_MONTH_WORD.finditer(s))
    if _CYRILLIC.search(s) is not None:
        months = sorted([*months, *_MONTH_WORD_RU.finditer(s)], key=lambda m: m.start())
    for m in months:
        if m.start() and s[m.start() - 1].isalpha():
            continue
        before = _DAY_BEFORE.search(s, max(0, m.start() - 24), m.start())
        after = _AFTER_MONTH.match(s, m.end())
        if before is not None and before.group(3) is not None:
            # a day in words: a date only with its year written ("the eighth of March" names the holiday)
            word_day = _DAY_WORDS.get(before.group(3))
            year_text = (after["year"] or "") if after is not None and after["day"] is None else ""
            if word_day is None or not year_text.isdigit() or after is None:
                continue
            day, start, end = word_day, before.start(), after.end()
        elif before is not None:
            day, start = int(before.group(1) or before.group(2)), before.start()
            year_text = (after["year"] or "").lower() if after is not None and after["day"] is None else ""
            end = after.end() if year_text and after is not None else m.end()
        elif after is not None and after["day"] is not None:
            day, start, end = int(after["day"]), m.start(), after.end()
            year_text = (after["year"] or "").lower()
        else:
            continue
        month = MONTHS[m.group().lower()]
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
        found.append(FoundDate(date, offset + start, offset + end, explicit))
        if len(found) >= limit:
            break
    return found
