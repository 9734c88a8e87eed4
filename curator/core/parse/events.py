"""The Article's main Event: type, date, place and participants from its title and lead."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from curator.core.parse.dates import prose_dates
from curator.core.parse.rules import Gazetteer, Rules

_IN_COUNTRY = re.compile(r"\b(?:in|to)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Source:
    """A passage the event is read from, with its absolute offset."""

    text: str
    start: int


@dataclass
class EventDraft:
    type: str
    date: dt.date | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)


def event_type(sources: list[Source], rules: Rules, kind: str) -> tuple[str, tuple[int, int] | None]:
    """The earliest event word in the lead (then title), tier 1 before tier 2 (speech, statement)."""
    if kind == "interview":
        for src in sources:
            for r in rules.event_rules:
                if r.type == "interview":
                    m = r.pattern.search(src.text)
                    if m:
                        return "interview", (src.start + m.start(), src.start + m.end())
        return "interview", None
    for tier in (1, 2):
        for src in sources:
            best: tuple[int, int, str] | None = None
            for r in rules.event_rules:
                if r.tier != tier or (r.type == "interview" and kind != "interview"):
                    continue
                m = r.pattern.search(src.text)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), m.end(), r.type)
            if best is not None:
                return best[2], (src.start + best[0], src.start + best[1])
    fallback = {"speech": "speech", "statement": "statement"}.get(kind, "other")
    return fallback, None


def event_place(sources: list[Source], gazetteer: Gazetteer) -> tuple[str | None, tuple[int, int] | None]:
    """The first city named in the sources, else a country after ``in``."""
    for src in sources:
        for m in gazetteer.pattern.finditer(src.text):
            if gazetteer.by_form[m.group()].kind == "city":
                return gazetteer.by_form[m.group()].name, (src.start + m.start(), src.start + m.end())
    for src in sources:
        for m in gazetteer.pattern.finditer(src.text):
            place = gazetteer.by_form[m.group()]
            if _IN_COUNTRY.search(src.text[max(0, m.start() - 20) : m.start()]):
                return place.name, (src.start + m.start(), src.start + m.end())
    return None, None


def main_event(
    sources: list[Source],
    *,
    kind: str,
    article_date: dt.date | None,
    participants: list[str],
    rules: Rules,
    gazetteer: Gazetteer,
) -> EventDraft:
    """Read the main Event from the given passages (lead first, then headings, then title)."""
    etype, type_span = event_type(sources, rules, kind)
    date = None
    date_span = None
    for src in sources:
        found = prose_dates(src.text, reference=article_date, offset=src.start, limit=1)
        if found:
            date, date_span = found[0].date, (found[0].start, found[0].end)
            break
    if date is None and kind in ("interview", "statement"):
        date = article_date
    place, place_span = event_place(sources, gazetteer)
    evidence = sorted({s for s in (type_span, date_span, place_span) if s is not None})
    return EventDraft(etype, date, place, participants, evidence)
