"""One open Document: its editing session, undo stack, offsets and save stamp."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from curator.core.edit import Changes, Command, EditError, EditSession, SetStatus
from curator.core.model import Curation
from curator.gui.offsets import OffsetMap
from curator.gui.undo import CoreUndoCommand, FileStepUndoCommand

# What a Document stands on: its curated file's stamp, the Curation that file held (the merge base), the file.
OnDisk = tuple[str | None, Curation, Path | None]


class OpenDocument(QObject):
    """A Document being edited; its QUndoStack is the only way to change it."""

    sig_changed = Signal(object)  # Changes
    sig_edited = Signal(object, object)  # this OpenDocument, Changes
    sig_clean_changed = Signal(object, bool)  # this OpenDocument, clean

    def __init__(self, doc_id: str, text: str, curation: Curation, *, stamp: str | None,
                 warnings: list[str] | None = None, parent: QObject | None = None, checked: bool = False,
                 offsets: OffsetMap | None = None) -> None:
        """``checked``: every segment of ``curation`` was compared with ``text`` already (``text_problems``);
        ``offsets``: the text's OffsetMap, made already (on the loader thread)."""
        super().__init__(parent)
        self.doc_id = doc_id
        self.session = EditSession(text, curation, checked=checked)
        self.offsets = offsets if offsets is not None and offsets.length == len(text) else OffsetMap(text)
        self.stamp = stamp
        self.warnings = list(warnings or [])
        self.stack = QUndoStack(self)
        # A bound method of the stack's parent: Qt drops the connection when this object dies,
        # before its children (the stack) are destroyed.
        self.stack.cleanChanged.connect(self._on_stack_clean_changed)
        self.save_path: Path | None = None
        # Why the curated file on disk could not be used (unreadable, another source text): the
        # window shows the parser's proposal, and the corpus row keeps saying "error" meanwhile.
        self.file_problem = ""
        # The parser's proposal this Document was opened with, while no curated file holds it yet:
        # the first save records it as the base a later re-parse merges against.
        self.unrecorded_base: Curation | None = None
        # What the curated file held when it was loaded or last saved (the proposal when there was
        # no file): the base of the three-way merge when the file changes on disk meanwhile.
        self.disk: Curation = curation
        # The curated file whose bytes (SHA-256 ``stamp``) hold ``disk``, when there is one: the crash
        # journal names it as the base of the first edit instead of writing the whole Document first.
        self.disk_file: Path | None = None
        # The file changed on disk and a save was refused: the message, and the stamp already asked about.
        self.conflict: str = ""
        self.conflict_stamp: str | None = None
        self.conflict_count = 0  # how many times the file was found changed on disk since the last load or save
        self.merge_note: str = ""  # what the last reload from disk could not merge
        self.save_error: str = ""  # why the last save failed (a full disk…): autosave does not ask again
        # A big page shown before its parse came (Workspace.BIG_PAGE): no edits until it comes.
        self.parsing = False
        # A big Document whose panes the window builds one event-loop turn at a time (round gui18): no edits until
        # the last is built (the window clears it). ``prepared``: what the loader thread made for its text view.
        self.arriving = False
        self.prepared: object = None
        # A proposal shown as part of what was opened (``propose`` with no edits): no edit to journal.
        self.proposing = False
        self._step: tuple[Changes, bool] | None = None  # what the undo or redo under way changed

    @property
    def text(self) -> str:
        return self.session.text

    @property
    def curation(self) -> Curation:
        return self.session.curation

    @property
    def modified(self) -> bool:
        return not self.stack.isClean()

    def emit_changes(self, changes: Changes) -> None:
        self.sig_changed.emit(changes)
        self.sig_edited.emit(self, changes)

    def note_step(self, changes: Changes, *, undone: bool) -> None:
        """Gather what an undo or redo changed (a macro's steps one by one); ``take_step`` hands it over."""
        self._step = (changes if self._step is None else self._step[0] | changes, undone)

    def take_step(self) -> tuple[Changes, bool] | None:
        """What the undo (True) or redo (False) just made changed, None after a push; forgotten once taken."""
        step, self._step = self._step, None
        return step

    def _on_stack_clean_changed(self, clean: bool) -> None:
        # ~QUndoStack clears the stack and says "clean" on its way out: that is no save (the
        # edits are still unsaved, their journal entry must stay) and the stack is unusable.
        if not shiboken6.isValid(self.stack):
            return
        self.sig_clean_changed.emit(self, clean)

    def propose(self, command: Command) -> None:
        """Show a proposal that is no edit of the editor's (duplicate groups found in the background).

        While the Document has no edits it becomes part of what was opened, like the
        parser's proposal: the Document stays unmodified, so neither autosave nor the
        status moves. Once there are edits it goes on the undo stack as its own step.
        Raises EditError (changing nothing) if refused.
        """
        if self.stack.count():
            command.apply(self.session)
            self.stack.push(CoreUndoCommand(self, command))
            return
        changes = command.apply(self.session)
        self.proposing = True
        try:
            self.emit_changes(changes)
        finally:
            self.proposing = False

    def on_disk(self) -> OnDisk:
        return self.stamp, self.disk, self.disk_file

    def _stand_on(self, state: object) -> None:
        self.stamp, self.disk, self.disk_file = state  # type: ignore[misc]
        self.conflict, self.conflict_stamp, self.conflict_count = "", None, 0  # asked again at the next save

    def push_file_step(self, command: Command, *, after: OnDisk) -> None:
        """Apply ``command``, a step that takes in the curated file as it is now (``after``: its stamp, what it
        holds, the file), as one undo step that also puts back what the Document stood on before when undone:
        the next save is then refused instead of writing over the file's changes (red team F4). Raises EditError."""
        before: OnDisk = (self.stamp, self.disk, None)  # the file no longer holds that base: the journal writes it
        command.apply(self.session)
        self.stack.push(FileStepUndoCommand(self, command, before, after, self._stand_on))

    def push(self, command: Command, *, bump_status: bool = True) -> None:
        """Apply ``command`` and put it on the undo stack; raises EditError and changes nothing if refused.

        The first edit of a parser proposal also moves the status to in_progress,
        in the same undo step (a macro); ``bump_status=False`` for steps that are no
        edit of the editor's own (a reload from disk).
        """
        if self.parsing:
            raise EditError(f"{self.doc_id} is still being parsed; edits can start once its segments are shown")
        if self.arriving:
            raise EditError(f"{self.doc_id} is still opening (its panes are being built); edits can start in a moment")
        was_auto = self.curation.status == "auto"
        command.apply(self.session)
        if not (bump_status and was_auto and self.curation.status == "auto" and not isinstance(command, SetStatus)):
            self.stack.push(CoreUndoCommand(self, command))
            return
        status = SetStatus("in_progress")
        self.stack.beginMacro(command.name)
        self.stack.push(CoreUndoCommand(self, command))
        status.apply(self.session)
        self.stack.push(CoreUndoCommand(self, status))
        self.stack.endMacro()
