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
