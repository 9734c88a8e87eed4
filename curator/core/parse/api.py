"""Parser entry points. Version 0: one ``paragraph`` segment per blank-line block."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from curator.core.model import Curation, DocumentRef, ParserInfo, Segment
from curator.core.textio import sha256_text

PARSER_NAME = "curator-rules"
PARSER_VERSION = "0.0.1"

_BLANK_GAP = re.compile(r"(?:\r?\n|\r)[ \t\u00a0]*(?:\r?\n|\r)")


@dataclass
class CorpusContext:
    """Evidence gathered over the whole corpus (empty: parse one document alone)."""

    block_counts: dict[str, int] = field(default_factory=dict)


def build_context(texts: Iterable[str]) -> CorpusContext:
    return CorpusContext()


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans of text separated by blank lines, trimmed of surrounding whitespace."""
    spans = []
    pos = 0
    for m in [*_BLANK_GAP.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return spans


def parse_document(text: str, *, doc: DocumentRef, context: CorpusContext | None = None) -> Curation:
    segments = [
        Segment(id=f"s{i}", start=s, end=e, label="paragraph", text=text[s:e])
        for i, (s, e) in enumerate(blocks(text), start=1)
    ]
    return Curation(document=doc, parser=ParserInfo(name=PARSER_NAME, version=PARSER_VERSION), segments=segments)


def parse_text(text: str, doc_id: str = "doc", context: CorpusContext | None = None) -> Curation:
    """Parse a bare string (tests, benchmarks): the DocumentRef is made up from it."""
    doc = DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text))
    return parse_document(text, doc=doc, context=context)
