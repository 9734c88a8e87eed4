"""UIMA CAS XMI (XML 1.0) for INCEpTION and other UIMA tools: one ``.xmi`` per Document + ``TypeSystem.xml``.

Types (INCEpTION names a custom layer ``webanno.custom.<Name>``: create span layers named
``CuratorSegment``, ``CuratorArticle``, ``CuratorEvent`` with the String features below and the
annotations show up on import; see docs/interop.md):

* ``webanno.custom.CuratorSegment`` (span): ``label``, ``speaker`` (name), ``speakerId``,
  ``segmentId``, ``article`` (article id), ``origin``, ``reviewed``;
* ``webanno.custom.CuratorArticle`` (span from its first to its last segment): ``articleId``,
  ``title``, ``date``, ``kind``, ``confidence``;
* ``webanno.custom.CuratorEvent`` (one span per evidence passage): ``eventId``, ``eventType``,
  ``date``, ``place``, ``participants`` (names joined by ``; ``), ``decision``, ``origin``;
* ``webanno.custom.CuratorDocument`` (document-level): status, sha256, parser and where the
  page came from (``url``, ``fetchedAt``, ``warcFile``, ``warcRecordId``, ``htmlTitle``,
  ``httpCharset``); and DKPro's ``DocumentMetaData`` (id, title, URI) that UIMA tools expect.

Offsets: UIMA (Java) counts UTF-16 code units, Curator code points; converted both ways with
:class:`curator.core.utf16.Utf16Offsets`. The text goes into ``sofaString`` with CR, LF and
tab escaped as character references, so an XML parser gives back the exact text (a raw CR or
LF in an attribute would be normalised to a space). XML 1.0 cannot hold most C0 control
characters at all: a Document containing one is refused, never altered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from curator.core.model import Curation, Segment
from curator.core.taxonomy import article_of
from curator.core.utf16 import Utf16Offsets

NS_XMI = "http://www.omg.org/XMI"
NS_CAS = "http:///uima/cas.ecore"
NS_CUSTOM = "http:///webanno/custom.ecore"
NS_META = "http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore"

SEGMENT = "webanno.custom.CuratorSegment"
ARTICLE = "webanno.custom.CuratorArticle"
EVENT = "webanno.custom.CuratorEvent"
DOCUMENT = "webanno.custom.CuratorDocument"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"

SEGMENT_FEATURES = ("label", "speaker", "speakerId", "segmentId", "article", "origin")
ARTICLE_FEATURES = ("articleId", "title", "date", "kind", "confidence")
EVENT_FEATURES = ("eventId", "eventType", "date", "place", "participants", "decision", "origin")
DOCUMENT_FEATURES = ("documentId", "status", "sha256", "parserName", "parserVersion", "url", "fetchedAt",
                     "warcFile", "warcRecordId", "htmlTitle", "httpCharset")
METADATA_FEATURES = ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri")

# Characters XML 1.0 cannot carry, not even as character references.
_NOT_XML10 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

for _prefix, _uri in (("xmi", NS_XMI), ("cas", NS_CAS), ("custom", NS_CUSTOM), ("type", NS_META)):
    ET.register_namespace(_prefix, _uri)


class NotXml10(ValueError):
    """A text or value XML 1.0 cannot represent."""


def _check(value: str, what: str) -> str:
    m = _NOT_XML10.search(value)
    if m:
        raise NotXml10(f"{what} contains U+{ord(m.group()):04X} at code point {m.start()}, "
                       "which XML 1.0 (UIMA XMI) cannot hold")
    return value


def _feature(name: str, range_: str = "uima.cas.String") -> str:
    return (f"        <featureDescription><name>{name}</name><description/>"
            f"<rangeTypeName>{range_}</rangeTypeName></featureDescription>\n")


def _type(name: str, supertype: str, features: tuple[str, ...], extra: str = "") -> str:
    return (f"    <typeDescription><name>{name}</name><description/><supertypeName>{supertype}</supertypeName>\n"
            f"      <features>\n{''.join(_feature(f) for f in features)}{extra}      </features>\n"
            "    </typeDescription>\n")


def typesystem_xml() -> str:
    """The type system the XMI files use (INCEpTION and cassis read it beside them)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">\n'
        "  <name>Curator</name>\n  <description>Curator's segments, articles, events and provenance</description>\n"
        "  <version>1</version>\n  <types>\n"
        + _type(SEGMENT, "uima.tcas.Annotation", SEGMENT_FEATURES, _feature("reviewed", "uima.cas.Boolean"))
        + _type(ARTICLE, "uima.tcas.Annotation", ARTICLE_FEATURES)
        + _type(EVENT, "uima.tcas.Annotation", EVENT_FEATURES)
        + _type(DOCUMENT, "uima.cas.AnnotationBase", DOCUMENT_FEATURES)
        + _type(METADATA, "uima.tcas.DocumentAnnotation", METADATA_FEATURES,
                _feature("isLastSegment", "uima.cas.Boolean"))
        + "  </types>\n</typeSystemDescription>\n"
    )


def _qname(type_name: str) -> str:
    if type_name.startswith("webanno.custom."):
        return f"{{{NS_CUSTOM}}}{type_name.rsplit('.', 1)[1]}"
    return f"{{{NS_META}}}{type_name.rsplit('.', 1)[1]}"


@dataclass
class _Builder:
    text: str
    offsets: Utf16Offsets
    root: ET.Element
    members: list[str] = field(default_factory=list)
    next_id: int = 2  # 1 is the Sofa

    def add(self, type_name: str, begin: int | None, end: int | None, features: dict[str, Any]) -> None:
        attrs = {f"{{{NS_XMI}}}id": str(self.next_id), "sofa": "1"}
        if begin is not None and end is not None:
            attrs["begin"] = str(self.offsets.to_utf16(begin))
            attrs["end"] = str(self.offsets.to_utf16(end))
        for key, value in features.items():
            if value is None:
                continue
            if isinstance(value, bool):
                attrs[key] = "true" if value else "false"
            else:
                attrs[key] = _check(str(value), f"feature {key}")
        ET.SubElement(self.root, _qname(type_name), attrs)
        self.members.append(str(self.next_id))
        self.next_id += 1


def xmi_document(cur: Curation, text: str, segments: list[Segment]) -> bytes:
    """One Document as CAS XMI (XML 1.0, UTF-8); ``segments`` are the ones to write (filters applied)."""
    _check(text, f"document {cur.document.id}")
    root = ET.Element(f"{{{NS_XMI}}}XMI", {f"{{{NS_XMI}}}version": "2.0"})
    ET.SubElement(root, f"{{{NS_CAS}}}NULL", {f"{{{NS_XMI}}}id": "0"})
    b = _Builder(text, Utf16Offsets(text), root)
    src = cur.document.source
    title = (src.html_title if src and src.html_title else None) or (cur.articles[0].title if cur.articles else None)
    b.add(METADATA, 0, len(text), {"documentId": cur.document.id, "documentTitle": title or cur.document.id,
                                   "documentUri": src.url if src else None, "language": "en",
                                   "isLastSegment": False})
    b.add(DOCUMENT, None, None, {
        "documentId": cur.document.id, "status": cur.status, "sha256": cur.document.sha256,
        "parserName": cur.parser.name, "parserVersion": cur.parser.version,
        "url": src.url if src else None, "fetchedAt": src.fetched_at if src else None,
        "warcFile": src.warc_file if src else None, "warcRecordId": src.warc_record_id if src else None,
        "htmlTitle": src.html_title if src else None, "httpCharset": src.http_charset if src else None,
    })
    speakers = {s.id: s for s in cur.speakers}
    for seg in segments:
        spk = speakers.get(seg.speaker) if seg.speaker else None
        b.add(SEGMENT, seg.start, seg.end, {
            "label": seg.label, "speaker": spk.name if spk else None, "speakerId": seg.speaker,
            "segmentId": seg.id, "article": seg.article, "origin": seg.origin, "reviewed": seg.reviewed,
        })
    for art in cur.articles:
        own = [s for s in cur.segments if article_of(s.label, s.article) == art.id]  # its boilerplate too
        if not own:
            continue
        b.add(ARTICLE, min(s.start for s in own), max(s.end for s in own), {
            "articleId": art.id, "title": art.title, "date": art.date.isoformat() if art.date else None,
            "kind": art.kind, "confidence": None if art.confidence is None else f"{art.confidence:g}",
        })
    for ev in cur.events:
        features = {
            "eventId": ev.id, "eventType": ev.type, "date": ev.date.isoformat() if ev.date else None,
            "place": ev.place, "participants": "; ".join(speakers[p].name for p in ev.participants if p in speakers),
            "decision": ev.decision, "origin": ev.origin,
        }
        for span in ev.evidence or []:
            b.add(EVENT, span.start, span.end, features)
        if not ev.evidence:
            b.add(EVENT, 0, 0, features)
    sofa = ET.Element(f"{{{NS_CAS}}}Sofa", {f"{{{NS_XMI}}}id": "1", "sofaNum": "1", "sofaID": "_InitialView",
                                            "mimeType": "text/plain", "sofaString": text})
    root.insert(1, sofa)
    ET.SubElement(root, f"{{{NS_CAS}}}View", {"sofa": "1", "members": " ".join(b.members)})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
