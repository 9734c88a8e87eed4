"""Speaker verbs: assign (from the registry or a new one), same as the previous segment."""

from __future__ import annotations

from collections.abc import Iterable

from curator.core.edit.changes import Changes
from curator.core.edit.lookup import positions, replaced
from curator.core.edit.session import Command, EditError, EditSession, rebuild, reshape
from curator.core.model import Curation, Speaker


class AssignSpeaker(Command):
    """Give segments a speaker (None clears it); a speaker new to this document joins its list."""

    def __init__(self, segment_ids: Iterable[str], speaker: Speaker | None) -> None:
        super().__init__()
        self.segment_ids, self.speaker = tuple(segment_ids), speaker
        who = speaker.name if speaker else "no speaker"
        self.name = f"Speaker {who} for {len(self.segment_ids)} segment(s)"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if not self.segment_ids:
            raise EditError("no segment selected")
        wanted = set(self.segment_ids)
        try:
            at = positions(cur.segments, wanted)
        except ValueError as exc:
            raise EditError(f"no segment {exc.args[0]!r} in this document") from None
        found = [cur.segments[i] for i in at]
        speakers = list(cur.speakers)
        added = False
        if self.speaker is not None:
            known = next((s for s in speakers if s.id == self.speaker.id), None)
            if known is None:
                speakers.append(self.speaker)
                added = True
        sid = self.speaker.id if self.speaker else None
        segments = replaced(cur.segments, at, lambda s: reshape(s, text, speaker=sid))
        changes = Changes(segments=frozenset(wanted), speakers=added, span=(found[0].start, found[-1].end))
        return rebuild(cur, segments=segments, speakers=speakers), changes


def same_as_previous(session: EditSession, segment_ids: Iterable[str]) -> AssignSpeaker:
    """Assign the speaker of the nearest earlier segment that has one."""
    ids = tuple(segment_ids)
    cur = session.curation
    first = min(session.segment_index(sid) for sid in ids)
    for seg in reversed(cur.segments[:first]):
        if seg.speaker is not None:
            speaker = next(s for s in cur.speakers if s.id == seg.speaker)
            return AssignSpeaker(ids, speaker)
    raise EditError("no earlier segment has a speaker")


def complete_name(typed: str, names: Iterable[str]) -> str:
    """What a typed speaker name means: an exact known name, else the one known name containing it.

    Typing "Imangali" and pressing Enter picks "Imangali Tasmagambetov" when no other known
    name contains "Imangali" (what the type-ahead offers); otherwise the text stands as typed.
    """
    typed = " ".join(typed.split())
    folded = typed.casefold()
    known = sorted(set(names))
    if not folded or any(n.casefold() == folded for n in known):
        return typed
    matches = [n for n in known if folded in n.casefold()]
    return matches[0] if len(matches) == 1 else typed


def new_speaker(cur: Curation, name: str, *, role: str | None = None, registry: Iterable[Speaker] = ()) -> Speaker:
    """A Speaker for ``name``: the registry's one when the name is known, else a fresh id."""
    from curator.core.edit.ids import fresh_slug

    name = " ".join(name.split())
    if not name:
        raise EditError("a speaker needs a name")
    for known in [*cur.speakers, *registry]:
        if known.name.casefold() == name.casefold() and (role is None or known.role == role):
            return known
    taken = {s.id for s in cur.speakers} | {s.id for s in registry}
    return Speaker(id=fresh_slug(name, taken), name=name, role=role or None)
