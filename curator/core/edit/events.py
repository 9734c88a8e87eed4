"""Event verbs: accept/reject proposals, create from a selection, edit the form, evidence."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from curator.core.edit.changes import Changes
from curator.core.edit.session import Command, EditError, rebuild
from curator.core.edit.snap import trim_span
from curator.core.jsonio import format_validation_error
from curator.core.model import Curation, Event, Span
from curator.core.taxonomy import default_taxonomy

UNCHANGED: object = object()


def _validated(data: dict[str, object], cur: Curation) -> Event:
    etype = data.get("type")
    if etype not in default_taxonomy().event_type_names:
        raise EditError(f"unknown event type {etype!r}")
    if data.get("date") == "":
        data["date"] = None
    if data.get("place") == "":
        data["place"] = None
    speakers = {s.id for s in cur.speakers}
    participants = data.get("participants", [])
    for pid in participants if isinstance(participants, list) else ():
        if pid not in speakers:
            raise EditError(f"participant {pid!r} is not a speaker of this document")
    try:
        return Event.model_validate(data)
    except ValidationError as exc:
        raise EditError(format_validation_error(exc)) from None


def _evidence_span(ev: Event) -> tuple[int, int] | None:
    if not ev.evidence:
        return None
    return min(s.start for s in ev.evidence), max(s.end for s in ev.evidence)


class CreateEvent(Command):
    """A new, confirmed event with a selection of text as its evidence."""

    def __init__(self, *, new_id: str, type: str, start: int, end: int, date: str | None = None,
                 place: str | None = None, participants: Iterable[str] = ()) -> None:
        super().__init__()
        self.new_id, self.type, self.start, self.end = new_id, type, start, end
        self.date, self.place, self.participants = date, place, tuple(participants)
        self.name = f"New {type} event"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        s, e = trim_span(text, self.start, self.end)
        if e <= s:
            raise EditError("select the text that shows the event first")
        ev = _validated({"id": self.new_id, "type": self.type, "date": self.date, "place": self.place,
                         "participants": list(self.participants), "evidence": [Span(start=s, end=e)],
                         "origin": "editor", "decision": "confirmed"}, cur)
        return rebuild(cur, events=[*cur.events, ev]), Changes(events=True, span=(s, e))


class _EventEdit(Command):
    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        raise NotImplementedError

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        for k, ev in enumerate(cur.events):
            if ev.id == self.event_id:
                new = self.change(cur, text, ev)
                events = list(cur.events)
                if new is None:
                    del events[k]
                else:
                    events[k] = new
                spans = [sp for sp in (_evidence_span(ev), new and _evidence_span(new)) if sp]
                span = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
                return rebuild(cur, events=events), Changes(events=True, span=span)
        raise EditError(f"no event {self.event_id!r} in this document")


class EditEvent(_EventEdit):
    """Change an event's type, date (ISO), place or participants."""

    def __init__(self, event_id: str, *, type: object = UNCHANGED, date: object = UNCHANGED,
                 place: object = UNCHANGED, participants: object = UNCHANGED) -> None:
        super().__init__(event_id)
        self.updates = {k: v for k, v in (("type", type), ("date", date), ("place", place),
                                          ("participants", participants)) if v is not UNCHANGED}
        if "participants" in self.updates:
            self.updates["participants"] = list(self.updates["participants"])  # type: ignore[call-overload]
        self.name = f"Edit {', '.join(self.updates) or 'nothing'} of event {event_id}"

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        if not self.updates:
            raise EditError("nothing to change")
        data = ev.model_dump()
        data["evidence"] = list(ev.evidence)
        data.update(self.updates)
        return _validated(data, cur)


class SetEventDecision(_EventEdit):
    """Accept (confirm) or reject a proposed event."""

    def __init__(self, event_id: str, decision: str) -> None:
        super().__init__(event_id)
        if decision not in ("proposed", "confirmed", "rejected"):
            raise ValueError(f"unknown decision {decision!r}")
        self.decision = decision
        self.name = f"{'Accept' if decision == 'confirmed' else decision.capitalize()} event {event_id}"

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        return ev.model_copy(update={"decision": self.decision})


class AddEvidence(_EventEdit):
    """Add a selection of text as evidence for an event."""

    def __init__(self, event_id: str, start: int, end: int) -> None:
        super().__init__(event_id)
        self.start, self.end = start, end
        self.name = f"Add evidence to event {event_id}"

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        s, e = trim_span(text, self.start, self.end)
        if e <= s:
            raise EditError("the selection holds no text")
        spans = sorted([*ev.evidence, Span(start=s, end=e)], key=lambda sp: (sp.start, sp.end))
        return ev.model_copy(update={"evidence": spans})


class RemoveEvidence(_EventEdit):
    """Drop one evidence span of an event."""

    def __init__(self, event_id: str, index: int) -> None:
        super().__init__(event_id)
        self.index = index
        self.name = f"Remove evidence from event {event_id}"

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        if not 0 <= self.index < len(ev.evidence):
            raise EditError(f"event {ev.id} has no evidence #{self.index + 1}")
        spans = [sp for i, sp in enumerate(ev.evidence) if i != self.index]
        return ev.model_copy(update={"evidence": spans})


class DeleteEvent(_EventEdit):
    """Remove an event."""

    def __init__(self, event_id: str) -> None:
        super().__init__(event_id)
        self.name = f"Delete event {event_id}"

    def change(self, cur: Curation, text: str, ev: Event) -> Event | None:
        return None
