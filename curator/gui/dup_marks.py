"""What the window's duplicate marks mean, in one place: the segments pane's Dup column (its header, each
mark's tooltip and status tip), the text's gutter tooltip and the legend (F9) all say the same words."""

from __future__ import annotations

from curator.core.model import Duplicate

ORIGINAL, COPY, REJECTED = "orig", "copy", "rej"

COLUMN_TIP = ("Duplicate groups (passages repeated within or across documents):\n"
              f"{ORIGINAL} — the original (canonical) passage of its group; copies point at it\n"
              f"{COPY} — repeats a passage found elsewhere (the group's original)\n"
              f"{REJECTED} — its group was rejected: not a duplicate\n"
              "In the text, a passage of a group not rejected is underlined dotted. The inspector's "
              "\"Duplicate groups\" lists the members (Ctrl+Alt+J jumps); Help ▸ Label legend (F9).")

LEGEND = (f"Duplicate marks. In the segments pane's Dup column: {ORIGINAL} — the original (canonical) passage "
          f"of a duplicate group; {COPY} — a passage repeating another; {REJECTED} — its group was rejected (not a "
          "duplicate). In the text, a dotted dark underline marks a passage of a duplicate group that is not "
          "rejected; a solid coloured underline is an event's evidence; red hatching is text in no segment.")


def mark(d: Duplicate) -> str:
    """The Dup column's word for one membership."""
    if d.decision == "rejected":
        return REJECTED
    return ORIGINAL if d.of is None else COPY


def explain(d: Duplicate, document: str) -> str:
    """One membership in words (the mark's tooltip and status tip, the gutter's tooltip)."""
    word = mark(d)
    if word == REJECTED:
        return f"{REJECTED}: duplicate group {d.group} was rejected (not a duplicate)"
    if d.of is None:
        return f"{ORIGINAL}: the original passage of duplicate group {d.group} ({d.decision})"
    where = d.of.segment if d.of.document == document else f"{d.of.document}/{d.of.segment}"
    return f"{COPY}: repeats {where} (duplicate group {d.group}, {d.decision})"
