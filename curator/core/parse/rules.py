"""The parser's patterns and vocabularies, compiled once from ``resources/parser`` and friends."""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from curator.core.parse.prefilter import any_of, literal_trie, prefiltered
from curator.core.resources import resource_path


@dataclass(frozen=True)
class EventRule:
    type: str
    tier: int
    pattern: re.Pattern[str]
    # Russian event words, tried only on Cyrillic text (kept apart: the English scan stays fast)
    pattern_ru: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Rules:
    """Everything tunable about the parser, compiled."""

    nav: NavPattern
    contact: re.Pattern[str]
    salutation: re.Pattern[str]
    reporting_verb: re.Pattern[str]
    reported_cue: re.Pattern[str]
    # "In his speech,": the occasion of someone's words, not the words (a paragraph the excerpt cut
    # right after it says nothing of what he said)
    speech_frame: re.Pattern[str]
    # what follows a reporting verb when it names an act, not words ("summed up the results",
    # "answered the questions", "expressed deep condolences"); tried right after the verb
    non_speech_object: re.Pattern[str]
    # a written message's report ("sent a congratulatory message", "In his message, …", "the letter
    # reads"): what it "notes" is written, nobody's spoken words; and what ends that context
    written_message: re.Pattern[str]
    spoken_occasion: re.Pattern[str]
    speech_title: re.Pattern[str]
    statement_title: re.Pattern[str]
    interview_title: re.Pattern[str]
    first_person: re.Pattern[str]
    event_rules: tuple[EventRule, ...]
    role_words: tuple[str, ...]
    role_before: re.Pattern[str]
    non_name_words: frozenset[str]
    question_prefix: re.Pattern[str]
    answer_prefix: re.Pattern[str]
    caption: re.Pattern[str]
    # "Go back", "Back to the section": the footer of an article page (a listing has pagination)
    article_nav: re.Pattern[str]
    # "Related news", "See also": teasers after the article, before its footer
    related_header: re.Pattern[str]
    # "X was appointed", "X was born": a name followed by this is a person
    person_predicate: re.Pattern[str]
    # biography, history, contacts: pages that are neither news nor speech
    other_title: re.Pattern[str]
    # "On 27 May 2025, …", "From 3 to 6 September …", "15 May marks …": how a lead (or a
    # sidebar teaser, which is another page's lead) opens; matched at a unit's start
    lead_date_start: re.Pattern[str]
    # "12 March CSTO …", "23 November. The session …": a headline the site prefixes with its day
    # and month (no year, no comma, a capital after it), matched at a unit's start; case-sensitive
    headline_date_prefix: re.Pattern[str]
    # "IMG-20190301-WA0012.jpg", "ZVF_6439.JPG": a photo's file name, matched at a unit's start
    image_file: re.Pattern[str]
    # "Article 1", "Chapter I": a document's own section headings (never a page title)
    section_heading: re.Pattern[str]
    # treaty, charter, agreement …: a title naming a document
    document_title: re.Pattern[str]
    # function words left out when comparing a title with its lead
    stop_words: frozenset[str]
    # a line ending in ":" with one of these words is a sentence introducing a list, not a heading
    list_intro_sentence: re.Pattern[str]
    # "Annex 2.pdf": a file name alone on a line
    file_name: re.Pattern[str]
    # "Speech by X at …", "Welcoming address of X …": the page is the speech's text, no report on it
    speech_text_title: re.Pattern[str]
    # "Tell us about …": an interviewer's request, a question without "?"
    question_request: re.Pattern[str]
    # "… was signed": a title that reports on a document is news, not the document
    finite_passive: re.Pattern[str]
    # "The seminar took place in Minsk": a clause with a finite verb is a sentence, no heading
    finite_verb: re.Pattern[str]


def _alternation(items: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in items)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read parser resource: {exc}") from None


_CRUMB_SEPARATORS = (" / ", " > ", " » ", " › ", " | ")
_any_crumb_separator = any_of(_CRUMB_SEPARATORS)  # 2.5x faster than five ``in`` on the pages' lines


# the rows of a table written with " | " between its cells on the page being parsed (``layout.bar_table``): a
# row looks like a breadcrumb trail or a menu line, but it is the text's (set by ``api._parse``)
TABLE_ROWS: ContextVar[frozenset[str]] = ContextVar("TABLE_ROWS", default=frozenset())


# lines whose navigation test ``NavPattern`` keeps (then it forgets them all and starts again)
NAV_MEMO_MAX = 4096


class NavPattern:
    """Navigation lines: the ``boilerplate_nav`` alternation, or a breadcrumb trail (``Home /
    Documents / Statements``), tried only on lines holding a separator (it would double the cost
    of every navigation test).

    The answer for each line is kept (``memo``, at most ``NAV_MEMO_MAX`` lines): a site's menus,
    footers and sidebars repeat on every page, and the parser asks again about the same line (65 %
    of 13,140 calls on 800 generated pages were lines asked about before)."""

    __slots__ = ("lines", "breadcrumb", "memo")

    def __init__(self, lines: re.Pattern[str], breadcrumb: re.Pattern[str]) -> None:
        self.lines, self.breadcrumb = lines, breadcrumb
        self.memo: dict[str, re.Match[str] | None] = {}

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if "|" in text and text in TABLE_ROWS.get():
            return None  # a table's row on this page, no breadcrumb trail
        memo = self.memo
        if text in memo:
            try:
                return memo[text]
            except KeyError:  # another thread's parse cleared it in between
                pass
        m = self.lines.fullmatch(text)
        if m is None and _any_crumb_separator(text) is not None:
            m = self.breadcrumb.fullmatch(text)
        if len(memo) >= NAV_MEMO_MAX:
            memo.clear()
        memo[text] = m
        return m


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Compile ``resources/parser/rules.json`` (cached: the parser calls this per document).

    The slow case-insensitive patterns go behind the words every match holds (``prefilter.py``:
    same matches; each one kept where it measured faster on the lines of the bench and real pages,
    1.4-14x; the event types' English patterns, searched one after another on the same lead, 4.5x;
    the fast ones, and those searched with few words required, stay plain patterns)."""
    path = resource_path("parser", "rules.json")
    data = _read_json(path)
    try:
        i = re.IGNORECASE
        roles = sorted(data["role_words"], key=len, reverse=True)
        verbs = sorted(data["reporting_verbs"], key=len, reverse=True)
        return Rules(
            nav=NavPattern(re.compile(rf"(?:{_alternation(data['boilerplate_nav'])})[.!:»>→\s]*", i),
                           re.compile(data["breadcrumb"])),
            contact=prefiltered(re.compile(_alternation(data["boilerplate_contact"]), i)),
            salutation=prefiltered(re.compile(data["salutation"], i)),
            reporting_verb=re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b"),
            reported_cue=prefiltered(re.compile(_alternation(data["reported_speech_cues"]), i)),
            speech_frame=re.compile(_alternation(data["speech_frames"]), i),
            non_speech_object=re.compile(data["non_speech_object"], i),
            written_message=prefiltered(re.compile(_alternation(data["written_message"]), i)),
            spoken_occasion=re.compile(data["spoken_occasion"], i),
            speech_title=prefiltered(re.compile(_alternation(data["speech_title"]), i)),
            statement_title=prefiltered(re.compile(_alternation(data["statement_title"]), i)),
            interview_title=prefiltered(re.compile(_alternation(data["interview_title"]), i)),
            first_person=re.compile(data["first_person"]),
            event_rules=tuple(
                EventRule(r["type"], int(r["tier"]), prefiltered(re.compile(r["pattern"], i)),
                          re.compile(r["pattern_ru"], i) if r.get("pattern_ru") else None)
                for r in data["event_types"]
            ),
            role_words=tuple(roles),
            # a role word shortly before a capitalised name: "President of Kyrgyzstan Sooronbai Jeenbekov"
            role_before=re.compile(r"\b(?:" + "|".join(re.escape(r) for r in roles) + r")\b"),
            non_name_words=frozenset(data["non_name_words"]),
            question_prefix=re.compile(data["question_prefix"], i),
            answer_prefix=re.compile(data["answer_prefix"], i),
            caption=prefiltered(re.compile(data["caption"], i)),
            article_nav=prefiltered(re.compile(data["article_nav"], i)),
            related_header=prefiltered(re.compile(rf"(?:{_alternation(data['related_header'])})[.:!»>→\s]*", i)),
            person_predicate=re.compile(data["person_predicate"]),
            other_title=prefiltered(re.compile(_alternation(data["other_title"]), i)),
            lead_date_start=re.compile(rf"[«“\"']?(?:{_alternation(data['lead_date_start'])})", i),
            headline_date_prefix=re.compile(data["headline_date_prefix"]),
            image_file=prefiltered(re.compile(data["image_file"], i)),
            section_heading=prefiltered(re.compile(rf"(?:{data['section_heading']})\s*", i)),
            document_title=re.compile(_alternation(data["document_title"]), i),
            stop_words=frozenset(w.casefold() for w in data["stop_words"]),
            list_intro_sentence=re.compile(data["list_intro_sentence"], i),
            file_name=prefiltered(re.compile(data["file_name"], i)),
            question_request=re.compile(data["question_request"], i),
            speech_text_title=re.compile(data["speech_text_title"], i),
            finite_passive=re.compile(data["finite_passive"], i),
            finite_verb=re.compile(data["finite_verb"], i),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{path}: invalid parser rules: {exc}") from None


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | country


_WORD_OR_HYPHEN = re.compile(r"[\w-]")


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern[str]
    by_form: dict[str, Place]
    # "region", "training ground": the word after a capitalised name ("Minsk region")
    region: re.Pattern[str] | None = None
    site: re.Pattern[str] | None = None
    # ``pattern`` as a trie of the forms (``literal_trie``) and without its leading lookbehind,
    # which costs the scan its first-character skip
    scan: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, 6x faster: the scan finds the forms, and a form preceded
        by a letter, digit, ``_`` or ``-`` is tried again one character further on, as the
        lookbehind would have made the pattern do."""
        if self.scan is None:
            yield from self.pattern.finditer(text)
            return
        search, pos = self.scan.search, 0
        while (m := search(text, pos)) is not None:
            at = m.start()
            if at and _WORD_OR_HYPHEN.match(text, at - 1):
                pos = at + 1
                continue
            yield m
            pos = m.end()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Cities and countries from ``resources/gazetteer/places.json`` as one whole-word pattern."""
    path = resource_path("gazetteer", "places.json")
    data = _read_json(path)
    by_form: dict[str, Place] = {}
    try:
        for kind, key in (("city", "cities"), ("country", "countries")):
            for entry in data[key]:
                place = Place(entry["name"], kind)
                for form in [entry["name"], *entry.get("forms", [])]:
                    by_form.setdefault(form, place)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: invalid gazetteer: {exc}") from None
    try:
        region_words = [str(w) for w in data.get("region_words", [])]
        site_words = [str(w) for w in data.get("site_words", [])]
    except TypeError as exc:
        raise ValueError(f"{path}: invalid gazetteer: {exc}") from None
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    region = site = None
    # the common words are searched for first; the capitalised name is then read backwards
    if region_words:
        # no leading \b: it would cost the scan its first-character skip; the name read
        # backwards must end in a space, which is the boundary
        region = re.compile(rf"(?:{'|'.join(map(re.escape, region_words))})(?![\w-])")
    if site_words:
        site = re.compile(rf"(?:{'|'.join(map(re.escape, site_words))})(?![\w-])")
    return Gazetteer(pattern, by_form, region, site, re.compile(literal_trie(forms) + r"(?![\w-])"))
