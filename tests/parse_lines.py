"""What the round tests of the parser read from a Curation: each segment's label, text and speaker."""

from __future__ import annotations

from curator.core.model import Curation


def lines(cur: Curation, text: str) -> list[tuple[str, str, str | None]]:
    """(label, text, speaker's name) per segment."""
    names = {s.id: s.name for s in cur.speakers}
    return [(s.label, text[s.start : s.end], names.get(s.speaker) if s.speaker else None) for s in cur.segments]


def line_labels(cur: Curation, text: str, wanted: list[str]) -> list[tuple[str, str | None]]:
    """(label, speaker) of each wanted line, a segment of several lines giving each of its lines."""
    out: dict[str, tuple[str, str | None]] = {}
    for label, t, spk in lines(cur, text):
        for line in t.splitlines():
            out.setdefault(line.strip(), (label, spk))
    return [out.get(w, ("?", None)) for w in wanted]


def cut(text: str, size: int = 2000) -> str:
    """``text`` cut at ``size`` UTF-8 bytes as the crawler cuts its excerpts (mid-word, mid-character dropped)."""
    return text.encode()[:size].decode(errors="ignore")
