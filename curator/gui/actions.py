"""The editing verbs as QActions: each builds a core command from the selection and pushes it.

The shortcut table here is the one documented in docs/gui.md.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from curator.core import edit
from curator.core.edit import navigate
from curator.core.edit.lookup import fresh_segment_id, position, positions, segment_by_id, starts_of
from curator.core.model import DuplicateRef
from curator.core.taxonomy import default_taxonomy
from curator.gui.dialogs.duplicate_picker import DuplicatePicker, workspace_segments
from curator.gui.selection import Selection
from curator.gui.widgets import run_modal
from curator.gui.panes.text_view import DocumentView
from curator.gui.workspace import Workspace


class Verb(NamedTuple):
    key: str
    text: str
    shortcut: str
    tip: str


VERBS: tuple[Verb, ...] = (
    Verb("split", "Split at cursor", "Ctrl+K", "Cut the segment in two at the caret"),
    Verb("merge_next", "Merge with next", "Ctrl+J", "Join the segment with the one after it"),
    Verb("merge_prev", "Merge with previous", "Ctrl+Shift+J", "Join the segment with the one before it"),
    Verb("start_to_cursor", "Move start to cursor", "Ctrl+[", "The segment starts at the caret"),
    Verb("end_to_cursor", "Move end to cursor", "Ctrl+]", "The segment ends at the caret"),
    Verb("start_word_left", "Start one word earlier", "Alt+Left", "Nudge the start back a word"),
    Verb("start_word_right", "Start one word later", "Alt+Right", "Nudge the start on a word"),
    Verb("end_word_left", "End one word earlier", "Alt+Shift+Left", "Nudge the end back a word"),
    Verb("end_word_right", "End one word later", "Alt+Shift+Right", "Nudge the end on a word"),
    Verb("start_line_up", "Start one line earlier", "Alt+Up", "Nudge the start back a line"),
    Verb("start_line_down", "Start one line later", "Alt+Down", "Nudge the start on a line"),
    Verb("end_line_up", "End one line earlier", "Alt+Shift+Up", "Nudge the end back a line"),
    Verb("end_line_down", "End one line later", "Alt+Shift+Down", "Nudge the end on a line"),
    Verb("set_span", "Set segment to selection", "Ctrl+E", "The segment covers exactly the selected text"),
    Verb("new_segment", "New segment from selection", "Ins", "Unsegmented selected text becomes a segment"),
    Verb("delete", "Delete segment", "Del", "The text becomes unsegmented (never deleted)"),
    Verb("reviewed", "Mark reviewed and go on", "Ctrl+R", "Accept the proposal; go to the next unreviewed"),
    Verb("next_segment", "Next segment", "Ctrl+Down", "The segment after this one in the text (the tree groups them by article)"),
    Verb("prev_segment", "Previous segment", "Ctrl+Up", "The segment before this one in the text"),
    Verb("extend_next", "Select the next segment too", "Ctrl+Shift+Down",
         "Take the next segment of the text into the selection (back again: Ctrl+Shift+Up)"),
    Verb("extend_prev", "Select the previous segment too", "Ctrl+Shift+Up",
         "Take the previous segment of the text into the selection (back again: Ctrl+Shift+Down)"),
    Verb("next_unreviewed", "Next unreviewed segment", "Ctrl+U", "Jump to the next segment not yet reviewed"),
    Verb("next_unsegmented", "Next unsegmented text", "Ctrl+Shift+U",
         "Select the next line of text in no segment (Ins then makes it a segment)"),
    Verb("next_article", "Next article", "Ctrl+Shift+PgDown", "Jump to the first segment of the next article"),
    Verb("prev_article", "Previous article", "Ctrl+Shift+PgUp",
         "Jump to the start of this article, then of the one before"),
    Verb("next_dup_group", "Next duplicate group", "Ctrl+Shift+G",
         "Jump to the first segment here of the next duplicate group (its rows in the inspector)"),
    Verb("next_no_speaker", "Next passage with no speaker", "Ctrl+Shift+W",
         "Jump to the next answer, salutation or speech/interview paragraph that names no speaker (F2 names one)"),
    Verb("new_article", "New article from here", "Ctrl+Shift+A", "Start a new article at this segment"),
    Verb("speaker", "Speaker…", "F2", "Type a speaker name (type-ahead from the registry)"),
    Verb("same_speaker", "Same speaker as previous", "Ctrl+D", "Ditto: the speaker of the segment before"),
    Verb("new_event", "Event from selection", "Ctrl+Shift+E", "Create an event with the selection (else the current segment) as evidence"),
    Verb("mark_duplicate", "Mark selection as duplicate of…", "Ctrl+Shift+D",
         "The selected passage (else the current segment) repeats another segment"),
    Verb("mark_duplicate_elsewhere", "Mark selection as duplicate in another document…", "Ctrl+Alt+D",
         "The selected passage (else the current segment) repeats a segment of another document"),
    Verb("curated", "Mark document curated", "Ctrl+Shift+C", "Set the document's status to curated"),
    Verb("repeat", "Repeat last label or speaker", "F4",
         "Give the chosen segments the label or speaker given last (a label key, F2, Ctrl+D)"),
)


# Keys without a modifier (a label letter, Del, Ins) edit only from the document view and the
# segments tree: elsewhere they are the widget's own (type-to-find in a list, a letter in a combo box).
SCOPED_VERBS = ("new_segment", "delete")


class EditActions(QObject):
    """Owns one QAction per verb and per label; none of them reads state other than the selection."""

    def __init__(self, workspace: Workspace, selection: Selection, view: DocumentView, *,
                 focus_speaker: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.ws, self.selection, self.view = workspace, selection, view
        self.focus_speaker = focus_speaker
        self.window = parent
        self.actions: dict[str, QAction] = {}
        self._verb: str | None = None  # the verb being run, named in its refusals
        handlers: dict[str, Callable[[], None]] = {
            "split": self.split, "merge_next": lambda: self.merge(+1), "merge_prev": lambda: self.merge(-1),
            "start_to_cursor": lambda: self.to_cursor("start"), "end_to_cursor": lambda: self.to_cursor("end"),
            "start_word_left": lambda: self.nudge("start", -1, "word"),
            "start_word_right": lambda: self.nudge("start", +1, "word"),
            "end_word_left": lambda: self.nudge("end", -1, "word"),
            "end_word_right": lambda: self.nudge("end", +1, "word"),
            "start_line_up": lambda: self.nudge("start", -1, "line"),
            "start_line_down": lambda: self.nudge("start", +1, "line"),
            "end_line_up": lambda: self.nudge("end", -1, "line"),
            "end_line_down": lambda: self.nudge("end", +1, "line"),
            "set_span": self.set_span, "new_segment": self.new_segment, "delete": self.delete,
            "reviewed": self.reviewed, "next_unreviewed": self.next_unreviewed,
            "next_segment": lambda: self.step_segment(+1), "prev_segment": lambda: self.step_segment(-1),
            "extend_next": lambda: self.extend_segment(+1), "extend_prev": lambda: self.extend_segment(-1),
            "next_unsegmented": self.next_unsegmented,
            "next_article": lambda: self.jump_article(+1), "prev_article": lambda: self.jump_article(-1),
            "next_dup_group": self.next_dup_group, "next_no_speaker": self.next_no_speaker,
            "new_article": self.new_article, "speaker": self.focus_speaker, "same_speaker": self.same_speaker,
            "new_event": self.new_event, "curated": self.curated,
            # Lambdas: triggered(bool) would otherwise land in the optional argument.
            "mark_duplicate": lambda: self.mark_duplicate(),
            "mark_duplicate_elsewhere": lambda: self.mark_duplicate_elsewhere(),
            "repeat": self.repeat,
        }
        for verb in VERBS:
            act = QAction(verb.text, parent)
            act.setObjectName(f"action-{verb.key}")
            act.setShortcut(QKeySequence(verb.shortcut))
            act.setToolTip(f"{verb.tip} ({verb.shortcut})")
            act.setStatusTip(verb.tip)
            act.triggered.connect(lambda _=False, name=verb.text, run=handlers[verb.key]: self._run(name, run))
            self.actions[verb.key] = act
        # Not in a menu yet: on the window so that its shortcut works.
        parent.addAction(self.actions["mark_duplicate_elsewhere"])
        self.label_actions: dict[str, QAction] = {}
        for cat in default_taxonomy().labels:
            act = QAction(f"Label {cat.name}", parent)
            act.setObjectName(f"action-label-{cat.name}")
            if cat.shortcut:
                act.setShortcut(QKeySequence(cat.shortcut))
            act.setStatusTip(cat.description)
            act.triggered.connect(lambda _=False, name=cat.name: self._run(f"Label {name}", lambda: self.set_label(name)))
            self.label_actions[cat.name] = act
        for act in self.scoped_actions():
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.ws.sig_repeatable.connect(self._name_repeat)

    def _name_repeat(self, name: str) -> None:
        """The Edit menu names what F4 repeats."""
        self.actions["repeat"].setText(f"Repeat: {name}")

    def scoped_actions(self) -> list[QAction]:
        """The actions whose keys work only where the editor edits segments (see ``SCOPED_VERBS``)."""
        return [*self.label_actions.values(), *(self.actions[k] for k in SCOPED_VERBS)]

    def scope_to(self, *widgets: QWidget) -> None:
        """Let the scoped keys work while focus is in one of ``widgets`` (the text, the segments tree)."""
        for widget in widgets:
            widget.addActions(self.scoped_actions())

    # -- helpers -----------------------------------------------------------------
    @property
    def doc(self):  # type: ignore[no-untyped-def]
        return self.ws.current

    def _push(self, command: edit.Command) -> bool:
        return self.ws.push(command)

    def _run(self, name: str, handler: Callable[[], None]) -> None:
        """Run a verb's handler, its name at hand for a refusal (``_refuse``)."""
        self._verb = name
        try:
            handler()
        finally:
            self._verb = None

    def _refuse(self, why: str) -> None:
        """The verb being run did nothing: say why (the Workspace's refusal signal and the status bar)."""
        self.ws.refuse(self._verb or "Edit", why)

    def _current(self) -> str | None:
        if self.doc is None:
            self._refuse("no document is open")
            return None
        if self.selection.current is None:
            self._refuse("select a segment first (arrows in the segments tree, Ctrl+3, or the caret in the text, Ctrl+2; or a click)")
        return self.selection.current

    def _targets(self) -> tuple[str, ...]:
        """The segments the verb acts on; none (refused, saying why) when no Document is open or none is chosen."""
        if self.doc is None:
            self._refuse("no document is open")
            return ()
        targets = self.selection.targets()
        if not targets:
            self._refuse("select a segment first (arrows in the segments tree, Ctrl+3, or the caret in the text, Ctrl+2; or a click)")
        return targets

    def span(self) -> tuple[int, int] | None:
        """The selected text, else the current segment's span (Ctrl+U lands on a segment; selecting a
        paragraph by keyboard is Shift+Ctrl+→ word by word), else None."""
        span = self.view.selected_span()
        if span is not None or self.doc is None or self.selection.current is None:
            return span
        try:
            seg = segment_by_id(self.doc.curation.segments, self.selection.current)
        except KeyError:
            return None
        return seg.start, seg.end

    def _try(self, make: Callable[[], edit.Command]) -> bool:
        try:
            command = make()
        except edit.EditError as exc:
            self._refuse(str(exc))
            return False
        return self._push(command)

    # -- verbs -------------------------------------------------------------------
    def set_label(self, label: str) -> None:
        targets = self._targets()
        if targets and self._push(edit.SetLabel(targets, label)):
            self.ws.remember(f"Label {label}", lambda _doc, ids: edit.SetLabel(ids, label))

    def repeat(self) -> None:
        self.ws.repeat(self._targets())

    def split(self) -> None:
        if self.doc is None:
            self._refuse("no document is open")
            return
        # Split the segment the caret is in, not whichever segment was selected before the caret moved
        # (a click on a blank gap moves the caret but selects nothing).
        sid = self.view.segment_at_qt(self.view.textCursor().position())
        if sid is None:
            self._refuse("The cursor is not inside a segment: put the caret where the segment should be split (Ctrl+2, arrows; or a click).")
            return
        new_id = fresh_segment_id(self.doc.curation.segments)
        at = self.view.cursor_offset()
        # Snapped to the nearest word boundary: a caret inside "undergoing" never cuts it.
        if self._try(lambda: edit.split_segment(self.doc.session, sid, at, new_id=new_id)):
            self.selection.set(new_id)

    def merge(self, direction: int) -> None:
        sid = self._current()
        if sid is None:
            return
        segs = self.doc.curation.segments
        i = self.doc.session.segment_index(sid)
        j = i + direction
        if not 0 <= j < len(segs):
            self._refuse("There is no segment to merge with.")
            return
        first, second = (segs[i], segs[j]) if direction > 0 else (segs[j], segs[i])
        if self._push(edit.MergeSegments(first.id, second.id)):
            self.selection.set(first.id)

    def to_cursor(self, edge: str) -> None:
        sid = self._current()
        if sid is not None:
            self._push(edit.MoveBoundary(sid, edge=edge, to=self.view.cursor_offset()))

    def nudge(self, edge: str, direction: int, unit: str) -> None:
        sid = self._current()
        if sid is not None:
            self._try(lambda: edit.nudge_boundary(self.doc.session, sid, edge=edge, direction=direction, unit=unit))

    def set_span(self) -> None:
        sid = self._current()
        span = self.view.selected_span()
        if sid is None or span is None:
            self._refuse("Select the text the segment should cover.")
            return
        self._push(edit.SetSpan(sid, *span))

    def new_segment(self) -> None:
        span = self.view.selected_span()
        if self.doc is None or span is None:
            self._refuse("Select some unsegmented text first.")
            return
        command = edit.create_segment(self.doc.session, *span)
        if self._push(command):
            self.selection.set(command.new_id)

    def delete(self) -> None:
        targets = self._targets()
        if not targets:
            return
        gone = set(targets)
        segs = self.doc.curation.segments
        try:
            at = positions(segs, gone)
        except ValueError:
            at = []
        last = at[-1] if at else len(segs)
        # The keyboard goes on from here (the next segment, else the one before): nothing selected
        # left the next Del or label key with nothing to act on. Looked for from the last deleted one
        # outwards (a list of every id was two passes over 40,000 segments per Del).
        after = next((s.id for s in itertools.islice(segs, last + 1, None) if s.id not in gone), None)
        before = next((segs[k].id for k in range(min(last, len(segs)) - 1, -1, -1) if segs[k].id not in gone), None)
        if self._push(edit.DeleteSegments(targets)):
            self.selection.set(after or before)

    def reviewed(self) -> None:
        targets = self._targets()
        if not targets:
            return
        self._try(lambda: edit.MarkReviewed(targets, reviewed=True))
        self.next_unreviewed()

    def next_unreviewed(self) -> None:
        if self.doc is None:
            self._refuse("no document is open")
            return
        seg = edit.next_unreviewed(self.doc.curation, after=self.selection.current)
        if seg is None:
            self.ws.sig_message.emit("Every segment of this document is reviewed.")
            return
        self.selection.set(seg.id)

    def next_unsegmented(self) -> None:
        """Select the next text in no segment, in the text (Ins, scoped to it, then makes it a segment):
        finding it took the mouse (or Shift+arrows from wherever the caret was)."""
        if self.doc is None:
            self._refuse("no document is open")
            return
        here = self.view.selected_span()
        after = here[1] if here else self.view.cursor_offset()
        span = edit.next_unsegmented(self.doc.curation, self.doc.text, after=after)
        if span is None:
            self.ws.sig_message.emit("Every word of this document is in a segment.")
            return
        self.view.select_span(*span)
        self.view.setFocus()
        self.ws.sig_message.emit("Text in no segment selected: Ins makes it a segment")

    # Jumps move the selection only (no edit): the keyboard stays in the pane it was in.
    def step_segment(self, direction: int) -> None:
        """The segment after (1) or before (-1) the current one in the text's order; with none chosen, the first one
        after the caret (before it). The tree's arrows follow its rows, grouped by article; the text's, its lines."""
        if self.doc is None:
            self._refuse("no document is open")
            return
        segs = self.doc.curation.segments
        if not segs:
            self.ws.sig_message.emit("This document has no segments.")
            return
        k: int
        current = self.selection.current
        try:
            here = position(segs, current) if current is not None else None
        except ValueError:
            here = None
        if here is not None:
            k = here + direction
        else:
            k = bisect.bisect_left(starts_of(segs), self.view.cursor_offset()) - (direction < 0)
        if not 0 <= k < len(segs):
            self.ws.sig_message.emit(f"This is the {'last' if direction > 0 else 'first'} segment of the document.")
            return
        self.selection.set(segs[k].id)

    def extend_segment(self, direction: int) -> None:
        """The selection as a run of the text's segments, its far end the one the editor started from: the end at
        the current segment moves one segment on (1) or back (-1), taking one in or letting it go (Shift+arrows in
        the tree follow its rows, grouped by article)."""
        if self.doc is None:
            self._refuse("no document is open")
            return
        segs = self.doc.curation.segments
        current = self.selection.current
        try:
            here = position(segs, current) if current is not None else None
            ks = positions(segs, self.selection.targets())
        except ValueError:
            here = None
        if here is None or not ks:
            self.step_segment(direction)
            return
        lo, hi = ks[0], ks[-1]
        if here == hi and (hi > lo or direction > 0):
            hi = now = hi + direction
        else:
            lo = now = lo + direction
        if not 0 <= now < len(segs):
            self.ws.sig_message.emit(f"This is the {'last' if direction > 0 else 'first'} segment of the document.")
            return
        self.selection.set(segs[now].id, tuple(s.id for s in segs[lo:hi + 1]))

    def jump_article(self, direction: int) -> None:
        if self.doc is None:
            self._refuse("no document is open")
            return
        cur = self.doc.curation
        seg = navigate.next_article(cur, after=self.selection.current, direction=direction)
        if seg is None:
            self.ws.sig_message.emit("This document has no article.")
            return
        self.selection.set(seg.id)
        art = next((a for a in cur.articles if a.id == seg.article), None)
        order = [a.id for a in cur.articles]
        where = f"{order.index(seg.article) + 1} of {len(order)}" if seg.article in order else ""
        title = f" “{art.title}”" if art is not None and art.title else ""
        sure = f", parser confidence {art.confidence:.2f}" if art is not None and art.confidence is not None else ""
        self.ws.sig_message.emit(f"Article {seg.article}{title} ({where}{sure})")

    def next_dup_group(self) -> None:
        if self.doc is None:
            self._refuse("no document is open")
            return
        cur = self.doc.curation
        found = navigate.next_duplicate_group(cur, after=self.selection.current)
        if found is None:
            self.ws.sig_message.emit("No duplicate group has a segment in this document (Ctrl+Shift+F finds them).")
            return
        seg, group = found
        self.selection.set(seg.id)
        groups = [g for _, g in navigate.group_starts(cur)]
        members = sum(d.group == group for d in cur.duplicates)
        self.ws.sig_message.emit(f"Duplicate group {group} ({groups.index(group) + 1} of {len(groups)}, "
                                 f"{members} member(s) here): its rows are in the inspector")

    def next_no_speaker(self) -> None:
        if self.doc is None:
            self._refuse("no document is open")
            return
        cur = self.doc.curation
        seg = navigate.next_without_speaker(cur, after=self.selection.current)
        if seg is None:
            self.ws.sig_message.emit("Every answer, salutation and speech or interview paragraph names its speaker.")
            return
        self.selection.set(seg.id)
        left = sum(navigate.needs_speaker(cur))
        self.ws.sig_message.emit(f"{seg.id}: {seg.label} with no speaker ({left} left): F2 names one, Ctrl+D the one before")

    def new_article(self) -> None:
        sid = self._current()
        if sid is not None:
            new_id = edit.fresh_id("a", (a.id for a in self.doc.curation.articles))
            self._push(edit.StartArticle(sid, new_id=new_id))

    def same_speaker(self) -> None:
        targets = self._targets()
        if targets and self._try(lambda: edit.same_as_previous(self.doc.session, targets)):
            self.ws.remember("Same speaker as previous", lambda doc, ids: edit.same_as_previous(doc.session, ids))

    def new_event(self) -> None:
        span = self.span()
        if self.doc is None or span is None:
            self._refuse("Select the text that shows the event (or a segment) first.")
            return
        new_id = edit.fresh_id("ev", (e.id for e in self.doc.curation.events))
        if self._push(edit.CreateEvent(new_id=new_id, type="meeting", start=span[0], end=span[1])):
            self.selection.set_event(new_id)

    def mark_duplicate(self, target: str | None = None) -> None:
        span = self.span()
        if self.doc is None or span is None:
            self._refuse("Select the repeated passage (or its segment) first.")
            return
        cur = self.doc.curation
        if target is None:
            # The passage lies in one segment, and repeats another one: its own is never offered
            # (it was listed first and taken by Enter, then refused).
            own = next((s for s in cur.segments if s.start <= span[0] and span[1] <= s.end), None)
            if own is None:
                self._refuse("Select a passage inside one segment first.")
                return
            others = [s for s in cur.segments if s.id != own.id]
            if not others:
                self._refuse("No other segment in this document to be a copy of.")
                return
            # The picker filters by label or words: the combo box of every segment it replaces listed them
            # from the first (2,000 on a long page, reached only by arrowing or by typing an id).
            picker = DuplicatePicker([cur.document.id], lambda _doc: others, parent=self.window,
                                     passage=self.doc.text[span[0]:span[1]], within=True)
            if run_modal(picker) != QDialog.DialogCode.Accepted or picker.choice is None:
                return
            target = picker.choice[1]
        group = edit.fresh_id("g-editor-", (d.group for d in cur.duplicates))
        self._push(edit.MarkDuplicate(*span, of=DuplicateRef(document=cur.document.id, segment=target),
                                      new_group=group))

    def mark_duplicate_elsewhere(self, choice: tuple[str, str] | None = None) -> None:
        """The selection repeats a segment of another Document: ``choice`` = (document, segment), else asked."""
        span = self.span()
        if self.doc is None or span is None:
            self._refuse("Select the repeated passage (or its segment) first.")
            return
        cur = self.doc.curation
        segments_of = workspace_segments(self.ws)
        if choice is None:
            others = [d for d in self.ws.document_ids() if d != cur.document.id]
            picker = DuplicatePicker(others, segments_of, parent=self.window, passage=self.doc.text[span[0]:span[1]])
            run_modal(picker)
            choice = picker.choice  # set only when the editor chose a segment
            picker.deleteLater()
            if choice is None:
                return
        doc_id, seg_id = choice
        target = next((s for s in segments_of(doc_id) if s.id == seg_id), None)
        if target is None:
            self._refuse(f"No segment {seg_id} in document {doc_id}.")
            return
        ref = DuplicateRef(document=doc_id, segment=seg_id)
        self._try(lambda: edit.MarkDuplicateElsewhere(*span, of=ref, of_text=target.text))

    def curated(self) -> None:
        doc = self.doc
        if doc is None or not self._push(edit.SetStatus("curated")):
            return
        # The mark is the editor's word, taken as given; the segments never reviewed are said, not hidden.
        todo = sum(not s.reviewed for s in doc.curation.segments)
        if todo:
            self.ws.sig_message.emit(f"{doc.doc_id} marked curated with {todo} segment(s) not reviewed "
                                     "(Ctrl+U: the next one; Ctrl+Z takes the mark back)")
