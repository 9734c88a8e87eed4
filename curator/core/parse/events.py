"""The Article's main Event: type, date, place and participants from its title and lead."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from curator.core.parse.dates import MONTH_WORD, prose_dates
from curator.core.parse.rules import Gazetteer, Rules

_NAME = r"[A-Z][a-z’'-]+(?:-[A-Z][a-z’'-]+)?"
# the capitalised name right before "region" / "training ground"
_NAME_BEFORE = re.compile(rf"(?<![\w-])({_NAME})\s+$")
_NAMES_BEFORE = re.compile(rf"(?<![\w-])((?:{_NAME}\s+){{1,3}})$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_IN_COUNTRY = re.compile(r"\b(?:in|to)\s+(?:the\s+)?$", re.IGNORECASE)
# "the Koisary training ground near Karakol": the town a site lies by is the Event's place
_NEAR_TOWN = re.compile(rf"\s+(?:near|outside|not\s+far\s+from|close\s+to)\s+(?:the\s+(?:city|town)\s+of\s+)?({_NAME})\b")
# "the Shanghai Cooperation Organisation", "the OSCE Minsk Group": a city word naming a body, not a place
_IN_BODY_NAME = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:Cooperation|Organi[sz]ation|Group|Process|Format|Forum|Initiative|Pact)\b")


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
                    m = r.pattern.search(src.text) or (r.pattern_ru.search(src.text) if r.pattern_ru else None)
                    if m:
                        return "interview", (src.start + m.start(), src.start + m.end())
        return "interview", None
    cyrillic = [_CYRILLIC.search(src.text) is not None for src in sources]
    for tier in (1, 2):
        for src, cyr in zip(sources, cyrillic, strict=True):
            best: tuple[int, int, str] | None = None
            for r in rules.event_rules:
                if r.tier != tier or (r.type == "interview" and kind != "interview"):
                    continue
                m = r.pattern.search(src.text)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), m.end(), r.type)
                if cyr and r.pattern_ru is not None:
                    m = r.pattern_ru.search(src.text)
                    if m and (best is None or m.start() < best[0]):
                        best = (m.start(), m.end(), r.type)
            if best is not None:
                return best[2], (src.start + best[0], src.start + best[1])
    fallback = {"speech": "speech", "statement": "statement"}.get(kind, "other")
    return fallback, None


def _as_written(form: str, name: str) -> str:
    """The place as the page spells it (``St. Petersburg``); an inflected Cyrillic form
    (``в Москве``) gives the gazetteer's name."""
    return name if _CYRILLIC.search(form) else form


# "BISHKEK, November 27, 2019 –", "ST. PETERSBURG, 3 April -": a news agency's dateline opening the lead
_CAPS_DATELINE = re.compile(r"([A-Z][A-Z.’'-]+(?:[ -][A-Z][A-Z.’'-]+){0,2}),\s")


def _caps_dateline(text: str, gazetteer: Gazetteer) -> tuple[int, int, str] | None:
    """The city of an upper-case dateline opening ``text`` (``BISHKEK, …``), as the gazetteer names it, or None."""
    m = _CAPS_DATELINE.match(text) if text[:2].isupper() else None
    if m is None or not MONTH_WORD.match(text, m.end()) and not text[m.end() : m.end() + 1].isdigit():
        return None
    place = gazetteer.by_form.get(m.group(1).title())
    if place is None or place.kind != "city":
        return None
    return 0, m.end(1), _as_written(m.group(1).title(), place.name)


def _specific_places(text: str, gazetteer: Gazetteer, non_names: frozenset[str]) -> list[tuple[int, int, str]]:
    """Cities, regions ("Minsk region") and named sites ("Gorokhovetsky training ground") in ``text``."""
    found: list[tuple[int, int, str]] = []
    dateline = _caps_dateline(text, gazetteer)
    if dateline is not None:
        found.append(dateline)
    cities = 0
    for m in gazetteer.finditer(text):
        place = gazetteer.by_form[m.group()]
        if place.kind == "city" and not _IN_BODY_NAME.match(text, m.end()):
            found.append((m.start(), m.end(), _as_written(m.group(), place.name)))
            cities += 1
            if cities == 3:
                break  # the earliest can win, or a town named right after a region
    if gazetteer.region is not None:
        for m in gazetteer.region.finditer(text):
            name = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if name is None:
                continue
            word = name.group(1)
            known = gazetteer.by_form.get(word)
            if known is None and word in non_names:
                continue  # "the Central Asian region" is no place
            noun = m.group().lower()
            noun = "region" if noun == "oblast" else noun
            found.append((name.start(1), m.end(), f"{known.name if known else word} {noun}"))
    if gazetteer.site is not None:
        for m in gazetteer.site.finditer(text):
            names = _NAMES_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if names is None:
                continue
            words = list(re.finditer(r"\S+", names.group(1)))
            while words and words[0].group() in non_names:
                words.pop(0)
            if words:
                start = names.start(1) + words[0].start()
                town = _NEAR_TOWN.match(text, m.end())
                known = gazetteer.by_form.get(town.group(1)) if town is not None else None
                # (a city the gazetteer knows counts though its name is a non-name word: "near Dushanbe")
                if town is not None and (town.group(1) not in non_names or known is not None) and (
                        known is None or known.kind == "city"):
                    found.append((start, town.end(1), known.name if known else town.group(1)))
                else:
                    found.append((start, m.end(), " ".join([*(w.group() for w in words), m.group()])))
    if any(_BARE_RANGE.search(f[2]) for f in found):
        # "the Harbmaydon mountain range": the place only when no city, region or other site is named
        # ("at the Iliyskiy range in the Almaty region", "the Ilyich range near Dushanbe")
        others = [f for f in found if not _BARE_RANGE.search(f[2])]
        found = others or found
    return found


# a range named by its mountains, not a training or firing range (a weaker place than a town near it)
_BARE_RANGE = re.compile(r"(?<!training)(?<!firing) range$")


_REGION_NOUNS = (" region", " district")
_TOWN_OF = re.compile(rf"(?:town|city|village|settlement)\s+of\s+({_NAME})\b")


def _town_after(
    text: str, end: int, found: list[tuple[int, int, str]], non_names: frozenset[str]
) -> tuple[int, int, str] | None:
    """A town named within a few words after a region, in the same sentence."""
    window = text[end : end + 48]
    stop = re.search(r"[.;!?\n]", window)
    limit = end + (stop.start() if stop else len(window))
    towns = [f for f in found if end <= f[0] < limit and not f[2].endswith(_REGION_NOUNS)]
    town = _TOWN_OF.search(text, end, limit)
    if town is not None and town.group(1) not in non_names:
        towns.append((town.start(1), town.end(1), town.group(1)))
    return min(towns) if towns else None


_TOWN_BEFORE_REACH = 60
_COMMA_GAP = re.compile(r",\s*(?:the\s+)?")


def _town_before(text: str, start: int, non_names: frozenset[str]) -> tuple[int, int, str] | None:
    """``the town of X, Y region``: a town named right before the region (only a comma between)."""
    for town in _TOWN_OF.finditer(text, max(0, start - _TOWN_BEFORE_REACH), start):
        if town.group(1) not in non_names and _COMMA_GAP.fullmatch(text, town.end(1), start):
            return town.start(1), town.end(1), town.group(1)
    return None


def event_place(
    sources: list[Source], gazetteer: Gazetteer, non_names: frozenset[str] = frozenset()
) -> tuple[str | None, tuple[int, int] | None]:
    """The first specific place (city, region, named site) in the sources, else a country after ``in``."""
    for src in sources:
        found = _specific_places(src.text, gazetteer, non_names)
        if found:
            # earliest first; at one position the longer ("Minsk region" over "Minsk")
            start, end, name = min(found, key=lambda f: (f[0], -f[1]))
            if name.endswith(_REGION_NOUNS):
                # "in the Minsk region near Borisov", "in the Almaty region, near the town of Otar": the town
                # ("near the town of Otar, Almaty region": the town before its region, set off by a comma)
                start, end, name = (_town_before(src.text, start, non_names)
                                    or _town_after(src.text, end, found, non_names) or (start, end, name))
            return name, (src.start + start, src.start + end)
    for src in sources:
        for m in gazetteer.finditer(src.text):
            place = gazetteer.by_form[m.group()]
            if _IN_COUNTRY.search(src.text[max(0, m.start() - 20) : m.start()]):
                return _as_written(m.group(), place.name), (src.start + m.start(), src.start + m.end())
    return _town_by_layout(sources, non_names)


# a town the gazetteer does not hold, set off where a report puts its place: "On 5 December 2024, in Valletta,
# on the sidelines of …"; "From 18 to 22 October 2021, near Chebarkul, at the … training ground"
_DATE_THEN_TOWN = re.compile(
    rf"\b(?:On|From)\s+[^,.;]{{2,30}}?(?:19|20)\d\d,\s+in\s+(?P<town>{_NAME}(?:\s+{_NAME})?),")
_TOWN_BY_SITE = re.compile(
    rf"\bnear\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?P<town>{_NAME}),\s+at\s+the\s+[^.;]{{0,60}}?"
    r"(?:training ground|training range|firing range|proving ground|range)\b")


def _town_by_layout(sources: list[Source], non_names: frozenset[str]) -> tuple[str | None, tuple[int, int] | None]:
    for src in sources:
        for pattern in (_DATE_THEN_TOWN, _TOWN_BY_SITE):
            m = pattern.search(src.text)
            if m is not None and m["town"].split()[0] not in non_names:
                return m["town"], (src.start + m.start("town"), src.start + m.end("town"))
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
    reference = article_date
    if reference is None:
        # no Article date (a month-name dateline gives none): the first full date of the passages gives
        # a lead's "on 14–15 August" its year
        reference = next((found[0].date for src in sources
                          if (found := prose_dates(src.text, reference=None, limit=1))), None)
    for src in sources:
        found = prose_dates(src.text, reference=reference, offset=src.start, limit=1)
        if found:
            date, date_span = found[0].date, (found[0].start, found[0].end)
            break
    if date is None and kind in ("interview", "statement", "speech"):
        date = article_date
    elif date is None and kind == "news" and not any(MONTH_WORD.search(src.text) for src in sources):
        date = article_date  # a report that names no time at all tells what happened the day it is dated

    place, place_span = event_place(sources, gazetteer, rules.non_name_words)
    evidence = sorted({s for s in (type_span, date_span, place_span) if s is not None})
    return EventDraft(etype, date, place, participants, evidence)
