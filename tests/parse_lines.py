"""What the round tests of the parser read from a Curation: each segment's label, text and speaker."""

from __future__ import annotations

from curator.core.model import Curation


def lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


def cut(text: str, size: int = 2000) -> str:
    """``text`` cut at ``size`` UTF-8 bytes as the crawler cuts its excerpts (mid-word, mid-character dropped)."""
    return text.encode()[:size].decode(errors="ignore")
