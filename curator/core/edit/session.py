"""An editing session: one Document's text, its current Curation and reversible commands.

Curations are treated as values: a command never mutates one in place, it builds
the next Curation (sharing the unchanged Segments) and validates it, so every
state the editor passes through keeps the contract's invariants. A command keeps
the Curation it started from and the one it produced; ``revert`` restores the
first exactly and ``apply`` after a revert restores the second exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Sequence
from itertools import repeat
from operator import attrgetter, or_
from typing import Any

from pydantic import ValidationError

from curator.core.edit.changes import Changes
from curator.core.edit.checks import LOCAL_FIELDS, edit_problems, note_retagged, validated_fields
from curator.core.edit.lookup import position
from curator.core.jsonio import format_validation_error
from curator.core.model import Curation, Segment


class EditError(ValueError):
    """An edit cannot be made; the message says why in the editor's words."""


def rebuild(cur: Curation, **updates: Any) -> Curation:
    """A new Curation with some top-level fields replaced; raises EditError unless it keeps every invariant.

    Only what the edit replaced is checked (``checks.edit_problems``): the unchanged
    parts were valid in ``cur`` and are shared, so the result is built without
    re-validating thousands of segments.
    """
    fields = {name: getattr(cur, name) for name in Curation.model_fields}
    if not updates.keys() <= LOCAL_FIELDS:
        fields.update(updates)
        try:
            return Curation(**fields)
        except ValidationError as exc:
            raise EditError(format_validation_error(exc)) from None
    checked, problems = validated_fields(updates)
    if problems:
        raise EditError("; ".join(problems))
    fields.update(checked)
    problems = edit_problems(cur, fields)
    if problems:
        raise EditError("; ".join(problems))
    return Curation.model_construct(_fields_set=cur.model_fields_set | updates.keys(), **fields)


def reshape(seg: Segment, text: str, **updates: Any) -> Segment:
    """A validated copy of ``seg`` with new fields; ``text`` is re-derived from the source."""
    data = {name: getattr(seg, name) for name in Segment.model_fields}
    data.update(updates)
    data["text"] = text[data["start"] : data["end"]]
    try:
        return Segment(**data)
    except ValidationError as exc:
        raise EditError(format_validation_error(exc)) from None


def retagged(seg: Segment, **updates: str | None) -> Segment:
    """A copy of ``seg`` with other article or speaker ids (its span and text stay), unvalidated.

    ``rebuild`` checks every new segment object (``checks.segment_problems``); pydantic's
    ``model_copy`` cost ~2 us a segment, this half of it, and a new article in a long Document
    moves thousands.
    """
    if not updates.keys() <= {"article", "speaker"}:
        raise ValueError(f"retagged changes only article and speaker, not {sorted(updates)}")
    copy = Segment.__new__(Segment)
    data = dict(seg.__dict__)
    data.update(updates)
    object.__setattr__(copy, "__dict__", data)
    object.__setattr__(copy, "__pydantic_fields_set__", seg.model_fields_set | updates.keys())
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


_DICT = attrgetter("__dict__")
# The setters of a model's four slots, called straight from C (``object.__setattr__`` looks each name up).
_SLOTS: dict[str, Any] = {name: next(k.__dict__[name] for k in Segment.__mro__ if name in k.__dict__).__set__
                          for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")}
_FIELDS_SET = attrgetter("__pydantic_fields_set__")


def retagged_all(segs: Sequence[Segment], **updates: str | None) -> list[Segment]:
    """:func:`retagged` of each of ``segs``, in C-level passes (``map``), not a Python step per segment: a new
    article in a 40,000-segment page moves ~4,000 of them (~11 ms one by one, ~2 ms so)."""
    if not updates.keys() <= {"article", "speaker"}:
        raise ValueError(f"retagged changes only article and speaker, not {sorted(updates)}")
    n = len(segs)
    copies = list(map(Segment.__new__, repeat(Segment, n)))
    deque(map(_SLOTS["__dict__"], copies, map(or_, map(_DICT, segs), repeat(updates))), maxlen=0)
    fields = frozenset(updates)
    if all(map(fields.issubset, map(_FIELDS_SET, segs))):
        # Each copy shares its source's set of fields set (they already name these): 4,000 new sets were
        # ~1-10 ms of allocation on a loaded machine. A set only ever grows by a name (an assignment), so the
        # two models sharing it say the same of which fields were set.
        deque(map(_SLOTS["__pydantic_fields_set__"], copies, map(_FIELDS_SET, segs)), maxlen=0)
    else:
        deque(map(_SLOTS["__pydantic_fields_set__"], copies, map(or_, map(_FIELDS_SET, segs), repeat(fields))),
              maxlen=0)
    deque(map(_SLOTS["__pydantic_extra__"], copies, repeat(None, n)), maxlen=0)
    deque(map(_SLOTS["__pydantic_private__"], copies, repeat(None, n)), maxlen=0)
    note_retagged(segs, copies, updates)  # the journal, the checks and the segments tree need not compare them
    return copies


class Command:
    """One user verb; subclasses implement ``build`` (pure: old Curation -> new one)."""

    name: str = "Edit"

    def __init__(self) -> None:
        self._before: Curation | None = None
        self._after: Curation | None = None
        self._changes = Changes()

    # Repeated gestures with the same key (nudging one boundary) fold into one undo step.
    merge_key: Hashable | None = None

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        raise NotImplementedError

    @property
    def changes(self) -> Changes:
        return self._changes

    def apply(self, session: EditSession) -> Changes:
        """Make the edit (the first time: compute it; afterwards: replay it exactly)."""
        if self._after is None:
            before = session.curation
            after, changes = self.build(before, session.text)
            if after == before:
                raise EditError(f"{self.name}: nothing would change")
            self._before, self._after, self._changes = before, after, changes
        elif session.curation is not self._before:
            raise EditError(f"{self.name}: the document is not in the state this edit was made from")
        session._set(self._after)
        return self._changes

    def revert(self, session: EditSession) -> Changes:
        """Undo the edit: the Curation becomes exactly what it was before ``apply``."""
        if self._before is None or session.curation is not self._after:
            raise EditError(f"{self.name}: cannot be undone from the current state")
        session._set(self._before)
        return self._changes

    def merge(self, other: Command) -> bool:
        """Fold ``other`` (applied right after this) into this command; False when unrelated."""
        if self.merge_key is None or other.merge_key != self.merge_key:
            return False
        if other._before is not self._after or other._after is None:
            return False
        self._after = other._after
        self._changes = self._changes | other._changes
        self.name = other.name
        return True


class EditSession:
    """A Document's text and the Curation being edited."""

    def __init__(self, text: str, curation: Curation, *, checked: bool = False) -> None:
        """``checked``: the caller has compared every segment with ``text`` already (``text_problems``)."""
        for seg in () if checked else curation.segments:
            if text[seg.start : seg.end] != seg.text:
                raise EditError(f"segment {seg.id} does not match the text at [{seg.start}, {seg.end})")
        if len(text) != curation.document.length:
            raise EditError(f"text has {len(text)} code points, the curation says {curation.document.length}")
        self.text = text
        self._curation = curation

    @property
    def curation(self) -> Curation:
        return self._curation

    def _set(self, curation: Curation) -> None:
        self._curation = curation

    def segment_index(self, segment_id: str) -> int:
        try:
            return position(self._curation.segments, segment_id)
        except ValueError:
            raise EditError(f"no segment {segment_id!r} in this document") from None


class History:
    """A plain undo/redo stack for headless use (the GUI uses QUndoStack instead)."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def do(self, command: Command) -> Changes:
        changes = command.apply(self.session)
        self.undone.clear()
        if self.done and self.done[-1].merge(command):
            return changes
        self.done.append(command)
        return changes

    def undo(self) -> Changes:
        command = self.done.pop()
        self.undone.append(command)
        return command.revert(self.session)

    def redo(self) -> Changes:
        command = self.undone.pop()
        self.done.append(command)
        return command.apply(self.session)
