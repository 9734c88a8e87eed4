"""QUndoCommand wrappers over the core's editing commands."""

from __future__ import annotations

from collections.abc import Callable
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


class FileStepUndoCommand(CoreUndoCommand):
    """A step that also moved what the Document stands on (the curated file's stamp and the merge base): a
    reload from disk, a merge saved, their file taken. Undone, the Document stands again on what it stood on
    before, so the next save is refused (the file holds the other writer's change) instead of writing the
    version before the step over it (red team F4); redone, on the file again. ``stand_on`` is called before
    the changes are announced, so the crash journal records the edits with the base they now have."""

    def __init__(self, document: EditTarget, command: Command, before: object, after: object,
                 stand_on: Callable[[object], None]) -> None:
        super().__init__(document, command)
        self.before, self.after, self.stand_on = before, after, stand_on

    def id(self) -> int:
        return -1  # never merged with a neighbour: its file state is its own

    def redo(self) -> None:
        self.stand_on(self.after)
        super().redo()

    def undo(self) -> None:
        self.stand_on(self.before)
        super().undo()
