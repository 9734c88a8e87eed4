"""The curated-JSON contract: one Curation per Document, validated by pydantic.

Offsets are Unicode code points into the document text as loaded (see
``curator.core.textio``); ``end`` is exclusive. A Segment's ``text`` is derived
from the document text and stored only so that the file stands alone.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from curator.core.untouched import KEY as UNTOUCHED_KEY
from curator.core.untouched import without_key

SCHEMA_VERSION: Final = 2

Status = Literal["auto", "in_progress", "curated"]
Origin = Literal["parser", "editor"]
ArticleKind = Literal["speech", "interview", "news", "statement", "document", "other"]
DuplicateKind = Literal["exact", "near"]
Decision = Literal["proposed", "confirmed", "rejected"]

ARTICLE_KINDS: tuple[str, ...] = ("speech", "interview", "news", "statement", "document", "other")
STATUSES: tuple[str, ...] = ("auto", "in_progress", "curated")
MAX_LISTED_PROBLEMS = 10


def _iso_date(value: object) -> object:
    """Accept only ISO ``YYYY-MM-DD`` strings (pydantic alone would take timestamps too)."""
    if isinstance(value, str):
        try:
            if len(value) != 10:
                raise ValueError
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date {value!r} is not an ISO YYYY-MM-DD date") from None
    if isinstance(value, (int, float)):
        raise ValueError(f"date {value!r} is not an ISO YYYY-MM-DD date")  # noqa: TRY004 (pydantic reports ValueError)
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)


class SourceInfo(_Model):
    """Where a Document came from (set by ``curator import``; every field optional)."""

    url: str | None = Field(default=None, description="The page's URL as crawled")
    fetched_at: str | None = Field(default=None, description="When it was fetched, ISO 8601 (WARC-Date)")
    warc_file: str | None = Field(default=None, description="The WARC file the record came from")
    warc_record_id: str | None = Field(default=None, description="WARC-Record-ID of the response record")
    html_title: str | None = Field(default=None, description="The HTML <title>")
    http_charset: str | None = Field(default=None, description="Charset named by the HTTP header or meta tag")
    file: str | None = Field(default=None, description="The HTML or JSONL file the page was imported from")
    extractor: str | None = Field(default=None, description="What turned the HTML into text (library and version)")


class DocumentRef(_Model):
    """Which source text a Curation belongs to."""

    id: str = Field(min_length=1, description="Path relative to the corpus root without '.txt'")
    path: str = Field(min_length=1, description="POSIX path relative to the corpus root")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the UTF-8 text as loaded")
    length: int = Field(ge=0, description="Length of the text in code points")
    encoding: str = Field(default="utf-8", description="Encoding the source file was read with")
    source: SourceInfo | None = Field(default=None, description="Where the page came from, when known")


class ParserInfo(_Model):
    name: str
    version: str


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Segment(_Model):
    """A labelled run of the text: ``text == document_text[start:end]``."""

    id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str = Field(min_length=1)
    text: str
    article: str | None = None
    speaker: str | None = None
    origin: Origin = "parser"
    reviewed: bool = Field(default=False, description="An editor has looked at this segment")

    @model_validator(mode="after")
    def _consistent(self) -> Segment:
        if self.end <= self.start:
            raise ValueError(f"segment {self.id}: end {self.end} must be after start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"segment {self.id}: text has {len(self.text)} code points "
                f"but the span [{self.start}, {self.end}) has {self.end - self.start}"
            )
        return self


class Article(_Model):
    id: str = Field(min_length=1)
    title: str
    date: _dt.date | None = None
    kind: ArticleKind = "other"
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="The parser's confidence that this is the page's Article with this title and date "
        "(None: made or checked by an editor)",
    )
    reasons: list[str] = Field(default_factory=list, description="Why the parser placed the Article here")

    _date = field_validator("date", mode="before")(_iso_date)


class Speaker(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    role: str | None = None


class Event(_Model):
    id: str = Field(min_length=1)
    type: str = Field(min_length=1)
    date: _dt.date | None = None
    place: str | None = None
    participants: list[str] = Field(default_factory=list, description="Speaker ids")
    evidence: list[Span] = Field(default_factory=list)
    origin: Origin = "parser"
    decision: Decision = "proposed"

    _date = field_validator("date", mode="before")(_iso_date)


class DuplicateRef(_Model):
    document: str
    segment: str


class Duplicate(_Model):
    """One Segment's membership in a Duplicate group."""

    segment: str
    group: str
    of: DuplicateRef | None = None
    kind: DuplicateKind
    score: float = Field(ge=0.0, le=1.0)
    start: int | None = Field(default=None, ge=0, description="Repeated characters, code points")
    end: int | None = Field(default=None, ge=0)
    decision: Decision = "proposed"


class Curation(_Model):
    """Everything Curator knows about one Document."""

    schema_version: Literal[2] = SCHEMA_VERSION
    document: DocumentRef
    parser: ParserInfo
    status: Status = "auto"
    segments: list[Segment] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _without_the_parse_digest(cls, data: Any) -> Any:
        """A curated file's ``untouched_sha256`` (its proof of being the parser's output, ``core.untouched``) is
        no part of the Curation: accepted when it is a digest, and dropped (never dumped, never exported)."""
        if isinstance(data, dict) and UNTOUCHED_KEY in data:
            return without_key(data)
        return data

    @model_validator(mode="before")
    @classmethod
    def _ends_inside_the_text(cls, data: Any) -> Any:
        """A segment past the Document's end, said before its text field's length is compared with its
        span (a file whose last segment was cut at the text's end would say only that the lengths differ)."""
        if isinstance(data, dict) and isinstance(data.get("document"), dict) and isinstance(data.get("segments"), list):
            length = data["document"].get("length")
            if isinstance(length, int):
                for seg in data["segments"]:
                    if isinstance(seg, dict) and isinstance(seg.get("end"), int) and seg["end"] > length:
                        raise ValueError(f"segment {seg.get('id')} [{seg.get('start')}, {seg['end']}) ends past "
                                         f"the end of the text ({length} code points)")
        return data

    @model_validator(mode="after")
    def _invariants(self) -> Curation:
        return check_invariants(self)

    def segment(self, segment_id: str) -> Segment:
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        raise KeyError(segment_id)


def check_invariants(cur: Curation) -> Curation:
    """``cur`` when the contract's invariants hold, else ValueError naming the first problems
    (also for a Curation built without ``model_validate``, as the parser builds its own)."""
    problems = invariant_problems(cur)
    if problems:
        # The first few say what is wrong; thousands of them once made a 38 MB message.
        shown = problems[:MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        raise ValueError("; ".join(shown) + (f"; and {more} more problem(s)" if more else ""))
    return cur


def _duplicates(ids: list[str]) -> list[str]:
    if len(set(ids)) == len(ids):
        return []  # the usual case, without a Counter (a parse validates four id lists)
    return sorted(k for k, n in Counter(ids).items() if n > 1)


def invariant_problems(cur: Curation) -> list[str]:
    """Contract rules that need no source text; an empty list means all hold."""
    problems: list[str] = []
    length = cur.document.length
    for kind, ids in (
        ("segment", [s.id for s in cur.segments]),
        ("article", [a.id for a in cur.articles]),
        ("speaker", [s.id for s in cur.speakers]),
        ("event", [e.id for e in cur.events]),
    ):
        for dup in _duplicates(ids):
            problems.append(f"{kind} id {dup!r} is used more than once")
    previous = None
    for seg in cur.segments:
        if seg.end > length:
            problems.append(f"segment {seg.id} [{seg.start}, {seg.end}) ends past the end of the text "
                            f"({length} code points)")
        if previous is not None:
            if seg.start < previous.start:
                problems.append(f"segment {seg.id} starts before {previous.id}: segments must be sorted")
            elif seg.start < previous.end:
                problems.append(f"segment {seg.id} overlaps {previous.id}")
        previous = seg
    articles = {a.id for a in cur.articles}
    speakers = {s.id for s in cur.speakers}
    segments = {s.id for s in cur.segments}
    for seg in cur.segments:
        if seg.article is not None and seg.article not in articles:
            problems.append(f"segment {seg.id} names unknown article {seg.article!r}")
        if seg.speaker is not None and seg.speaker not in speakers:
            problems.append(f"segment {seg.id} names unknown speaker {seg.speaker!r}")
    for ev in cur.events:
        for pid in ev.participants:
            if pid not in speakers:
                problems.append(f"event {ev.id} names unknown participant {pid!r}")
        for span in ev.evidence:
            if span.end > length:
                problems.append(f"event {ev.id} evidence [{span.start}, {span.end}) ends past the end of the "
                                f"text ({length} code points)")
    problems.extend(duplicate_problems(cur.duplicates, segment_ids=segments, doc_id=cur.document.id, length=length))
    return problems


def duplicate_problems(
    duplicates: list[Duplicate], *, segment_ids: set[str], doc_id: str, length: int
) -> list[str]:
    """Contract rules for a Curation's duplicate entries (shared with the edit commands' local checks)."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for dup in duplicates:
        if dup.segment not in segment_ids:
            problems.append(f"duplicate entry names unknown segment {dup.segment!r}")
        key = (dup.segment, dup.group)
        if key in seen:
            problems.append(f"segment {dup.segment} is listed twice in duplicate group {dup.group}")
        seen.add(key)
        if (dup.start is None) != (dup.end is None):
            problems.append(f"duplicate of segment {dup.segment}: start and end go together")
        elif dup.start is not None and dup.end is not None and (dup.end < dup.start or dup.end > length):
            problems.append(f"duplicate of segment {dup.segment}: span [{dup.start}, {dup.end}) is invalid")
        if dup.of is not None and dup.of.document == doc_id and dup.of.segment not in segment_ids:
            problems.append(f"duplicate of segment {dup.segment} points at unknown segment {dup.of.segment!r}")
    return problems


def cut_tail(tail: str) -> bool:
    """Whether ``tail``, the whitespace a Segment ends on, may stay in it: only when it runs to the very end
    of the Document's text with no line break in it (the crawler cut the page inside that line; the parser
    runs the page's last Segment to the cut, as the gold of real pages marks it). ``tail`` is the text
    from the Segment's last non-space character to the end of the Document."""
    return bool(tail) and not tail.strip() and "\n" not in tail and "\r" not in tail


def segment_edge_problem(seg: Segment, length: int) -> str | None:
    """A Segment must start and end on text, never on whitespace (blank lines, spaces, a trailing newline),
    except a page's cut end: whitespace with no line break running to the end of the text (``length``
    code points; see :func:`cut_tail`)."""
    text = seg.text
    if not isinstance(text, str) or not text:
        return None
    if text[0].isspace():
        return f"segment {seg.id} [{seg.start}, {seg.end}) starts on whitespace"
    if text[-1].isspace() and not (seg.end == length and cut_tail(text[len(text.rstrip()):])):
        return f"segment {seg.id} [{seg.start}, {seg.end}) ends on whitespace"
    return None


def edge_problems(cur: Curation) -> list[str]:
    """Segments that start or end on whitespace; ``curator validate`` reports them, edits never make them."""
    length = cur.document.length
    return [p for p in (segment_edge_problem(s, length) for s in cur.segments) if p]


def text_problems(cur: Curation, text: str, *, sha256: str | None = None) -> list[str]:
    """Rules that compare the Curation with its source text. ``sha256``: the text's, when the caller has it
    (``SourceText.sha256``: hashing 10 MB again is ~25 ms)."""
    from curator.core.textio import sha256_text

    problems: list[str] = []
    if len(text) != cur.document.length:
        problems.append(f"source has {len(text)} code points, curation says {cur.document.length}")
    digest = sha256 if sha256 is not None else sha256_text(text)
    if digest != cur.document.sha256:
        problems.append(
            f"source text changed since curation (sha256 {digest[:12]}… != {cur.document.sha256[:12]}…)"
        )
    for seg in cur.segments:
        if text[seg.start : seg.end] != seg.text:
            problems.append(f"segment {seg.id} text does not match the source at [{seg.start}, {seg.end})")
    return problems
