"""QUndoCommand wrappers over the core's editing commands."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from curator.core.edit import Changes, Command, EditSession


class EditTarget(Protocol):
    """What an undo command edits: a session, and where to announce the changes (an OpenDocument)."""

    session: EditSession

    def emit_changes(self, changes: Changes) -> None: ...

    def note_step(self, changes: Changes, *, undone: bool) -> None:
        """An undo or redo (not a push) made ``changes``: the window shows them once the step is over."""

# QUndoStack merges only commands with equal ids; the core decides if two really merge.
MERGEABLE_ID = 1


class CoreUndoCommand(QUndoCommand):
    """One core Command on a QUndoStack; it is applied before it is pushed (errors never reach Qt)."""

    def __init__(self, document: EditTarget, command: Command) -> None:
        super().__init__(command.name)
        self.document = document
        self.command = command
        self._pushed = False

    def id(self) -> int:
        return MERGEABLE_ID if self.command.merge_key is not None else -1

    def redo(self) -> None:
        if not self._pushed:
            # QUndoStack.push calls redo(); the edit has already been applied by OpenDocument.push.
            self._pushed = True
            self.document.emit_changes(self.command.changes)
            return
        changes = self.command.apply(self.document.session)
        self.document.emit_changes(changes)
        self.document.note_step(changes, undone=False)

    def undo(self) -> None:
        changes = self.command.revert(self.document.session)
        self.document.emit_changes(changes)
        self.document.note_step(changes, undone=True)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CoreUndoCommand) or not self.command.merge(other.command):
            return False
        self.setText(self.command.name)
        return True
