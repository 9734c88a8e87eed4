"""brat standoff: ``<id>.txt`` (the Document's text, byte for byte) + ``<id>.ann``, and ``annotation.conf``.

* Each segment is a text-bound annotation of its label (``T1<TAB>paragraph 120 245<TAB>…``);
  a segment running over line breaks (or tabs) is written as fragments between them
  (``T1<TAB>heading 10 40;41 90``), as brat requires (an ``.ann`` line holds no newline).
* Its speaker is the attribute ``Speaker`` (the speaker id), a reviewed segment has ``Reviewed``.
* Each Article is an ``Article`` span from its first to its last segment, with a note
  (``AnnotatorNotes``) giving its title, date and kind.
* Each event is a brat event whose trigger is its evidence (one fragment per passage), whose
  ``Evidence`` arguments are the segments holding it, with date, place, participants and
  decision in a note.

Offsets are code points into the exact text (brat's Python reads the ``.txt`` as Unicode).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from curator.core.model import Curation, Segment
from curator.core.taxonomy import article_of

ARTICLE = "Article"
# An .ann line is tab-separated and holds no newline: spans are cut at both.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\t]")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks (and tabs) into non-empty pieces."""
    pieces, pos = [], start
    for m in _LINE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            pieces.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        pieces.append((pos, end))
    return pieces


def _t_line(n: int, type_: str, text: str, frags: list[tuple[int, int]]) -> str:
    where = ";".join(f"{a} {b}" for a, b in frags)
    shown = " ".join(text[a:b] for a, b in frags)
    return f"T{n}\t{type_} {where}\t{shown}"


def _note(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def ann_text(cur: Curation, text: str, segments: list[Segment]) -> tuple[str, int]:
    """The ``.ann`` content and how many spans could not be written (made only of line breaks)."""
    lines: list[str] = []
    t = a = e = note = 0
    lost = 0
    t_of: dict[str, int] = {}
    for seg in segments:
        frags = fragments(text, seg.start, seg.end)
        if not frags:
            lost += 1
            continue
        t += 1
        t_of[seg.id] = t
        lines.append(_t_line(t, seg.label, text, frags))
        if seg.speaker:
            a += 1
            lines.append(f"A{a}\tSpeaker T{t} {seg.speaker}")
        if seg.reviewed:
            a += 1
            lines.append(f"A{a}\tReviewed T{t}")
    for art in cur.articles:
        own = [s for s in cur.segments if article_of(s.label, s.article) == art.id]  # its boilerplate too
        frags = fragments(text, min(s.start for s in own), max(s.end for s in own)) if own else []
        if not frags:
            continue
        t += 1
        lines.append(_t_line(t, ARTICLE, text, frags))
        note += 1
        date = art.date.isoformat() if art.date else ""
        lines.append(f"#{note}\tAnnotatorNotes T{t}\t{_note(f'id={art.id}; title={art.title}; date={date}; kind={art.kind}')}")
    names = {s.id: s.name for s in cur.speakers}
    for ev in cur.events:
        frags = [f for span in ev.evidence for f in fragments(text, span.start, span.end)]
        if not frags:
            continue
        t += 1
        lines.append(_t_line(t, ev.type, text, frags))
        # The segments holding the evidence are its arguments (brat numbers repeated roles).
        holders = [t_of[s.id] for s in segments if s.id in t_of
                   and any(s.start < sp.end and sp.start < s.end for sp in ev.evidence)]
        args = "".join(f" Evidence{'' if i == 1 else i}:T{n}" for i, n in enumerate(holders, start=1))
        e += 1
        lines.append(f"E{e}\t{ev.type}:T{t}{args}")
        note += 1
        who = ", ".join(names.get(p, p) for p in ev.participants)
        date = ev.date.isoformat() if ev.date else ""
        lines.append(f"#{note}\tAnnotatorNotes E{e}\t"
                     + _note(f"id={ev.id}; date={date}; place={ev.place or ''}; participants={who}; "
                             f"decision={ev.decision}"))
    return "".join(line + "\n" for line in lines), lost


def annotation_conf(labels: Iterable[str], event_types: Iterable[str], speaker_ids: Iterable[str]) -> str:
    speakers = "|".join(sorted(set(speaker_ids)))
    return (
        "# Curator export: segment labels, articles and events (see docs/interop.md)\n"
        "[entities]\n" + "".join(f"{x}\n" for x in labels) + f"{ARTICLE}\n"
        "\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
        "\n[events]\n" + "".join(f"{x}\tEvidence*:<ENTITY>\n" for x in event_types)
        + "\n[attributes]\n"
        + (f"Speaker\tArg:<ENTITY>, Value:{speakers}\n" if speakers else "")
        + "Reviewed\tArg:<ENTITY>\n"
    )


def visual_conf(colours: Iterable[tuple[str, str]]) -> str:
    return "[labels]\n\n[drawing]\n" + "".join(f"{name}\tbgColor:{colour}\n" for name, colour in colours)
