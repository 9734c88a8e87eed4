"""The data card written beside an export: what is in it, what was left out, from what."""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.export.documents import Skipped
from curator.core.export.options import ExportOptions
from curator.core.export.records import DocumentRecords, DroppedSegment

# The card lists examples, not everything: it stays small for 100k Documents.
MAX_LISTED = 50
TOP_SPEAKERS = 25


def card_path(out: Path) -> Path:
    """``data.parquet`` -> ``data.parquet.card.md`` (keeps cards of several formats apart)."""
    return out.with_name(out.name + ".card.md")


@dataclass
class CardStats:
    """Counts gathered while records stream past; sizes bounded by distinct values."""

    documents: int = 0
    records: int = 0
    parsed_on_the_fly: int = 0
    statuses: Counter[str] = field(default_factory=Counter)  # per exported Document
    excluded: Counter[str] = field(default_factory=Counter)  # status of Documents left out by include
    parsers: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    speakers: Counter[str] = field(default_factory=Counter)
    event_types: Counter[str] = field(default_factory=Counter)
    first_date: _dt.date | None = None
    last_date: _dt.date | None = None
    undated: int = 0
    dropped: int = 0
    dropped_partial: int = 0
    dropped_articles: int = 0
    dropped_listed: list[DroppedSegment] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Article level: exported Documents that gave no record because they hold no Article at all
    # (a listing, a menu page); the first MAX_LISTED are named on the card.
    without_article: int = 0
    without_article_listed: list[str] = field(default_factory=list)
    # Articles with no segment (``document article``); the first MAX_LISTED are named.
    empty_articles: int = 0
    empty_articles_listed: list[str] = field(default_factory=list)

    def add(self, doc: DocumentRecords, *, parser: str, parsed: bool, level: str) -> None:
        self.documents += 1
        self.records += len(doc.records)
        self.parsed_on_the_fly += parsed
        self.statuses[doc.status] += 1
        self.parsers[parser] += 1
        self.dropped += len(doc.dropped)
        self.dropped_partial += sum(d.partial for d in doc.dropped)
        self.dropped_articles += len(doc.dropped_articles)
        if level == "article" and not doc.records and not doc.dropped_articles:
            self.without_article += 1
            if len(self.without_article_listed) < MAX_LISTED:
                self.without_article_listed.append(doc.document)
        self.empty_articles += len(doc.empty_articles)
        room = MAX_LISTED - len(self.empty_articles_listed)
        if room > 0:
            self.empty_articles_listed.extend(f"{doc.document} {a}" for a in doc.empty_articles[:room])
        room = MAX_LISTED - len(self.dropped_listed)
        if room > 0:
            self.dropped_listed.extend(doc.dropped[:room])
        for rec in doc.records:
            segments = rec["segments"] if level == "article" else [rec]
            for seg in segments:
                self.labels[seg["label"]] += 1
                if seg["speaker"]:
                    self.speakers[seg["speaker"]] += 1
            if level == "article":
                self.kinds[rec["kind"]] += 1
                self._date(rec["date"])
                for ev in rec["events"]:
                    self.event_types[ev["type"]] += 1

    def _date(self, date: _dt.date | None) -> None:
        if date is None:
            self.undated += 1
            return
        if self.first_date is None or date < self.first_date:
            self.first_date = date
        if self.last_date is None or date > self.last_date:
            self.last_date = date


def _table(title: str, counts: Counter[str], *, top: int | None = None, what: str = "count") -> list[str]:
    lines = [f"## {title}", ""]
    if not counts:
        return [*lines, "None.", ""]
    lines += [f"| {title.lower()} | {what} |", "| --- | ---: |"]
    items = counts.most_common(top)
    lines += [f"| {_cell(name)} | {n} |" for name, n in items]
    if top is not None and len(counts) > top:
        rest = sum(counts.values()) - sum(n for _, n in items)
        lines.append(f"| ({len(counts) - top} others) | {rest} |")
    return [*lines, ""]


def _n(count: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# Markdown punctuation that can start markup; "_" only where it could open or close emphasis
# (CommonMark ignores it inside a word, so ids like in_progress stay readable).
_MARKDOWN = re.compile(r"([\\`*\[\]|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def _cell(text: object) -> str:
    """Text from the data (ids, labels, names, paths) made inert in Markdown and in the HTML it renders to.

    Ids, labels and event types come from files anyone can write: raw, one page carried a live
    ``<script>`` and 28 ``<img onerror>`` into the rendered card.
    """
    escaped = html.escape(str(text), quote=False)
    return _MARKDOWN.sub(r"\\\1", escaped).replace("\r", " ").replace("\n", " ")


def render_card(
    stats: CardStats, *, out: Path, corpus: Path, options: ExportOptions, version: str, when: _dt.datetime
) -> str:
    """The Markdown data card."""
    unit = "articles" if options.level == "article" else "segments"
    labels = ", ".join(_cell(x) for x in sorted(options.labels)) if options.labels else "all"
    lines = [
        f"# Data card: {_cell(out.name)}",
        "",
        f"Exported by Curator {version} on {when:%Y-%m-%d %H:%M} UTC from the corpus {_cell(corpus)}.",
        "",
        f"- Format: {options.format}; level: {options.level} (one record per {unit[:-1]})",
        f"- Records: {stats.records} {unit} from {_n(stats.documents, 'document')}",
        f"- Documents included: {'curated only' if options.include == 'curated' else 'all (each record carries its status)'}",
        f"- Labels: {labels}",
        f"- Duplicates: {'non-canonical copies dropped' if options.drop_duplicates else 'kept (not dropped)'}",
        "- Offsets (`start`, `end`, `text_start`, `text_end`) are Unicode code points, end exclusive.",
        "",
    ]
    lines += _table("Curation status", stats.statuses, what="documents")
    if stats.parsed_on_the_fly:
        note = f"{_n(stats.parsed_on_the_fly, 'document')} had no curated file and were parsed during the export"
        lines += [f"{note} (status `auto`).", ""]
    if stats.excluded:
        left = ", ".join(f"{n} {s if s != 'none' else 'without a curated file'}" for s, n in sorted(stats.excluded.items()))
        lines += [f"Left out (not curated; use `--include all` to add them): {left}.", ""]
    lines += _table("Parser versions", stats.parsers, what="documents")
    lines += _table("Labels", stats.labels, what="segments")
    if options.level == "article":
        lines += ["An article's `text` leaves out `title`, `dateline` and `boilerplate` segments; its own boilerplate "
                  "(a file name such as `Annex 2.pdf`, a media line, a photo credit) is listed in its `segments` with "
                  "`text_start` null.", ""]
        lines += _table("Article kinds", stats.kinds, what="articles")
    lines += _table("Speakers", stats.speakers, top=TOP_SPEAKERS, what="segments")
    if options.level == "article":
        lines += _table("Event types", stats.event_types, what="events")
        lines += ["## Dates", ""]
        if stats.first_date is not None:
            lines.append(f"From {stats.first_date.isoformat()} to {stats.last_date.isoformat()}"  # type: ignore[union-attr]
                         f"; {_n(stats.undated, 'article')} without a date.")
        else:
            lines.append(f"No dated articles ({_n(stats.undated, 'article')} without a date).")
        lines.append("")
    lines += ["## Dropped as duplicates", ""]
    if not options.drop_duplicates:
        lines.append("Nothing: `--drop-duplicates` was not asked for, so repeated passages are all in the data.")
    elif not stats.dropped:
        lines.append("Nothing: no segment is a non-canonical copy.")
    else:
        lines.append(
            f"Dropped: {_n(stats.dropped, 'segment')} that copy a canonical passage elsewhere "
            f"(a duplicate entry with `of` set and a decision other than `rejected`); "
            f"{stats.dropped_partial} of them repeat only part of their text and were dropped whole. "
            f"{_n(stats.dropped_articles, 'article')} lost every text segment this way and "
            f"{'is' if stats.dropped_articles == 1 else 'are'} not in the data."
        )
        lines += ["", "| document | segment | label | copy of | kind | score |", "| --- | --- | --- | --- | --- | ---: |"]
        lines += [
            f"| {_cell(d.document)} | {_cell(d.segment)} | {_cell(d.label)} | {_cell(d.of_document)}/{_cell(d.of_segment)} "
            f"| {_cell(d.kind)}{' (partial)' if d.partial else ''} | {d.score:.2f} |"
            for d in stats.dropped_listed
        ]
        if stats.dropped > len(stats.dropped_listed):
            lines.append(f"\n… and {stats.dropped - len(stats.dropped_listed)} more.")
    lines.append("")
    if options.level == "article" and stats.without_article:
        n = stats.without_article
        what = ("has no Article, so it gives no article record (use `--level segment` to export its segments):"
                if n == 1 else
                "have no Article, so they give no article record (use `--level segment` to export their segments):")
        lines += ["## Documents without an Article", "", f"{_n(n, 'document')} {what}", ""]
        lines += [f"- {_cell(name)}" for name in stats.without_article_listed]
        if n > len(stats.without_article_listed):
            lines.append(f"- … and {n - len(stats.without_article_listed)} more.")
        lines.append("")
    if stats.empty_articles:
        n = stats.empty_articles
        lines += ["## Articles with no segment", "",
                  f"{_n(n, 'article')} {'has' if n == 1 else 'have'} no segment, so {'it is' if n == 1 else 'they are'} "
                  "not in the data (document, article):", ""]
        lines += [f"- {_cell(name)}" for name in stats.empty_articles_listed]
        if n > len(stats.empty_articles_listed):
            lines.append(f"- … and {n - len(stats.empty_articles_listed)} more.")
        lines.append("")
    lines += ["## Skipped documents", ""]
    if not stats.skipped:
        lines.append("None.")
    else:
        lines.append(f"{_n(len(stats.skipped), 'document')} could not be exported honestly and "
                     f"{'is' if len(stats.skipped) == 1 else 'are'} not in the data:")
        lines.append("")
        lines += [f"- {_cell(str(s))}" for s in stats.skipped[:MAX_LISTED]]
        if len(stats.skipped) > MAX_LISTED:
            lines.append(f"- … and {len(stats.skipped) - MAX_LISTED} more.")
    lines.append("")
    return "\n".join(lines)
