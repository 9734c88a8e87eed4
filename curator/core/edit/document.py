"""Document-level verbs: status changes (auto -> in progress -> curated)."""

from __future__ import annotations

from curator.core.edit.changes import Changes
from curator.core.edit.session import Command, EditError, rebuild
from curator.core.model import STATUSES, Curation


class SetStatus(Command):
    """Change the document's curation status."""

    def __init__(self, status: str) -> None:
        super().__init__()
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        self.status = status
        self.name = "Mark document curated" if status == "curated" else f"Set status {status}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if cur.status == self.status:
            raise EditError(f"the document is already {self.status}")
        return rebuild(cur, status=self.status), Changes(status=True)


class ReplaceCuration(Command):
    """Put a whole Curation of the same Document in place (recovering journaled edits)."""

    def __init__(self, curation: Curation, *, name: str = "Restore unsaved edits") -> None:
        super().__init__()
        self.curation = curation
        self.name = name

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if self.curation.document.id != cur.document.id:
            raise EditError(f"that curation belongs to {self.curation.document.id!r}, not {cur.document.id!r}")
        for seg in self.curation.segments:
            if text[seg.start : seg.end] != seg.text:
                raise EditError(f"segment {seg.id} does not match the text at [{seg.start}, {seg.end})")
        if self.curation.document.length != len(text):
            raise EditError("that curation was made for a text of another length")
        every = frozenset(s.id for s in cur.segments) | frozenset(s.id for s in self.curation.segments)
        changes = Changes(segments=every, layout=True, articles=True, speakers=True, events=True,
                          duplicates=True, status=True, span=(0, len(text)))
        return self.curation, changes
