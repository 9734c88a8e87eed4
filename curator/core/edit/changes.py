"""What an edit changed, so views refresh only what they must (Anki's OpChanges idea)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """A summary of one edit; ``|`` combines two of them (macros, merged nudges)."""

    segments: frozenset[str] = field(default_factory=frozenset)
    """Ids of segments whose attributes (label, speaker, article, reviewed) changed."""
    layout: bool = False
    """Segments were added, removed or their boundaries moved."""
    articles: bool = False
    speakers: bool = False
    events: bool = False
    duplicates: bool = False
    status: bool = False
    span: tuple[int, int] | None = None
    """Code-point range of the text whose look may have changed."""

    def __or__(self, other: Changes) -> Changes:
        span = self.span
        if other.span is not None:
            span = other.span if span is None else (min(span[0], other.span[0]), max(span[1], other.span[1]))
        return Changes(
            segments=self.segments | other.segments,
            layout=self.layout or other.layout,
            articles=self.articles or other.articles,
            speakers=self.speakers or other.speakers,
            events=self.events or other.events,
            duplicates=self.duplicates or other.duplicates,
            status=self.status or other.status,
            span=span,
        )

    @property
    def empty(self) -> bool:
        return self == Changes()
