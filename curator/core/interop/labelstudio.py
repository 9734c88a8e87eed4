"""Label Studio: tasks JSON (``data.text`` + the parse as ``predictions`` or the curation as
``annotations``) and the labelling config that matches it.

One task per Document. Each segment is a region of the ``label`` control
(``value.start/end/text/labels``); a segment with a speaker is also a region of the
``speaker`` control over the same span, and each event evidence passage a region of the
``event`` control. Offsets are Unicode code points into ``data.text``, which is the Document's
text exactly (CRLF included): Label Studio stores code points since its fix for emoji offsets
(label-studio#1559). ``data`` also carries the document id, status, articles and provenance,
which Label Studio keeps and shows in its data manager.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from curator.core.model import Curation, Segment

TEXT = "text"
LABEL = "label"
SPEAKER = "speaker"
EVENT = "event"


def label_config(labels: list[tuple[str, str]], speakers: list[str], event_types: list[str]) -> str:
    """The labelling config: ``labels`` as (name, colour); speaker names; event types."""

    def block(name: str, values: list[str], colours: dict[str, str] | None = None) -> str:
        items = "".join(
            f"    <Label value={quoteattr(v)}"
            + (f" background={quoteattr(colours[v])}" if colours and v in colours else "")
            + "/>\n"
            for v in values
        )
        return f'  <Labels name="{name}" toName="{TEXT}">\n{items}  </Labels>\n'

    return (
        "<View>\n"
        + block(LABEL, [n for n, _ in labels], dict(labels))
        + block(SPEAKER, speakers)
        + block(EVENT, event_types)
        + f'  <Text name="{TEXT}" value="$text"/>\n'
        + "</View>\n"
    )


def _region(rid: str, control: str, start: int, end: int, text: str, value: str) -> dict[str, Any]:
    return {"id": rid, "from_name": control, "to_name": TEXT, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [value]}}


def results(cur: Curation, text: str, segments: list[Segment]) -> list[dict[str, Any]]:
    speakers = {s.id: s.name for s in cur.speakers}
    out = []
    for seg in segments:
        out.append(_region(seg.id, LABEL, seg.start, seg.end, text, seg.label))
        if seg.speaker and seg.speaker in speakers:
            out.append(_region(f"{seg.id}-speaker", SPEAKER, seg.start, seg.end, text, speakers[seg.speaker]))
    for ev in cur.events:
        if ev.decision == "rejected":
            continue
        for i, span in enumerate(ev.evidence, start=1):
            out.append(_region(f"{ev.id}-evidence{i}", EVENT, span.start, span.end, text, ev.type))
    return out


def task(cur: Curation, text: str, segments: list[Segment]) -> dict[str, Any]:
    """One Label Studio task; a curated Document's spans are ``annotations``, any other's ``predictions``."""
    src = cur.document.source
    data: dict[str, Any] = {
        TEXT: text,
        "document": cur.document.id,
        "status": cur.status,
        "sha256": cur.document.sha256,
        "articles": [{"id": a.id, "title": a.title, "date": a.date.isoformat() if a.date else None, "kind": a.kind}
                     for a in cur.articles],
        "source": src.model_dump(mode="json") if src else None,
    }
    regions = results(cur, text, segments)
    version = f"{cur.parser.name} {cur.parser.version}"
    if cur.status == "curated":
        return {"data": data, "annotations": [{"result": regions, "ground_truth": True}], "predictions": []}
    return {"data": data, "predictions": [{"model_version": version, "result": regions}]}
