"""Editing a Curation: one reversible command per user verb, no Qt.

A command captures every id it needs when it is created (never a UI selection),
``apply``/``revert`` move an :class:`EditSession` between two valid Curations,
and each returns :class:`Changes` so that views refresh only what they must.
"""

from curator.core.edit.articles import EditArticle, MoveToArticle, StartArticle
from curator.core.edit.changes import Changes
from curator.core.edit.document import ReplaceCuration, SetStatus
from curator.core.edit.duplicates import (
    ChooseCanonical,
    MarkDuplicate,
    MarkDuplicateElsewhere,
    RemoveFromGroup,
    ReplaceDuplicates,
    SetGroupDecision,
    content_group_id,
    group_members,
)
from curator.core.edit.events import (
    AddEvidence,
    CreateEvent,
    DeleteEvent,
    EditEvent,
    RemoveEvidence,
    SetEventDecision,
)
from curator.core.edit.ids import fresh_id, fresh_slug
from curator.core.edit.segments import (
    CreateSegment,
    DeleteSegments,
    MarkReviewed,
    MergeSegments,
    MoveBoundary,
    SetLabel,
    SetSpan,
    SplitSegment,
    create_segment,
    next_unreviewed,
    next_unsegmented,
    nudge_boundary,
    segment_at,
    split_segment,
)
from curator.core.edit.session import Command, EditError, EditSession, History
from curator.core.edit.snap import nudge_target, split_point, trim_span
from curator.core.edit.speakers import AssignSpeaker, new_speaker, same_as_previous

__all__ = [
    "AddEvidence", "AssignSpeaker", "Changes", "ChooseCanonical", "Command", "CreateEvent", "CreateSegment",
    "DeleteEvent", "DeleteSegments", "EditArticle", "EditError", "EditEvent", "EditSession", "History",
    "MarkDuplicate", "MarkDuplicateElsewhere", "MarkReviewed", "MergeSegments", "MoveBoundary", "MoveToArticle", "RemoveEvidence",
    "RemoveFromGroup", "ReplaceCuration", "ReplaceDuplicates", "SetEventDecision", "SetGroupDecision", "SetLabel", "SetSpan", "SetStatus",
    "SplitSegment", "StartArticle", "content_group_id", "create_segment", "fresh_id", "fresh_slug", "group_members",
    "new_speaker", "next_unreviewed", "next_unsegmented", "nudge_boundary", "nudge_target", "same_as_previous", "segment_at",
    "split_point", "split_segment", "trim_span",
]
