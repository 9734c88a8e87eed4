"""Reading spans back from the annotation tools: a Label Studio JSON export, INCEpTION / UIMA XMI.

Each reader yields :class:`ImportedDocument` (the text the tool had, hints to find the
Document in the corpus, the segment spans with label and speaker) or :class:`Unreadable`
(with where and why). Offsets come out as code points into the tool's text.

* **Label Studio**: the JSON export (a list of tasks). Of each task, the most recent
  annotation that was not cancelled; regions of the ``label`` control are segments, a
  ``speaker`` region on the same span gives the segment's speaker. Offsets are code points;
  should ``value.text`` not match, the UTF-16 reading (older Label Studio) is tried, then the
  region is reported rather than guessed.
* **XMI**: ``webanno.custom.CuratorSegment`` annotations (features ``label``, ``speaker``) of a
  ``.xmi`` file with ``TypeSystem.xml`` beside it, a folder of them, or a ``.zip`` as
  INCEpTION exports it. DKPro cassis reads the CAS and turns UTF-16 offsets into code points.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.interop import labelstudio as ls
from curator.core.jsonio import JsonFileError, load_json_file
from curator.core.interop import uima
from curator.core.utf16 import Utf16Offsets

# A Label Studio project export holds every task's text and annotations: large, but not unbounded.
MAX_EXPORT_BYTES = 2 << 30
# One XMI document unpacked from an INCEpTION zip: a 10 MB page's annotations are tens of MB. An entry
# declaring more is refused by its size before it is read (a 1.5 MB zip can unpack to 1.5 GB).
MAX_XMI_BYTES = 512 << 20


@dataclass(frozen=True)
class ImportedSpan:
    start: int
    end: int
    label: str
    speaker: str | None = None  # a person's name as the tool shows it


@dataclass
class ImportedDocument:
    where: str  # file (and task / entry) for messages
    text: str
    hints: list[str]  # document ids to try, most specific first
    spans: list[ImportedSpan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: int = 0  # labelled regions left out (offsets that fit nothing, no label): never a deletion


@dataclass(frozen=True)
class Unreadable:
    where: str
    reason: str


Item = ImportedDocument | Unreadable


class AnnotationsError(Exception):
    """The file cannot be read as annotations at all (truncated, damaged): bad input; the message names it."""


class AnnotationsUsageError(AnnotationsError):
    """The option cannot take this file at all (not an export kind it reads, a reader not installed)."""


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir() or name.endswith((".xmi", ".zip")):
        return "xmi"
    if name.endswith(".json"):
        return "labelstudio"
    raise AnnotationsUsageError(f"{path}: not a Label Studio export (.json) or XMI (.xmi, .zip, folder)")


def read_annotations(path: Path) -> Iterator[Item]:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if kind_of(path) == "labelstudio":
        yield from read_labelstudio(path)
    else:
        yield from read_xmi(path)


# -- Label Studio -------------------------------------------------------------------------------


def _latest_annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    done = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if not done:
        return None
    return max(done, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), a.get("id") or 0))


def _place(text: str, offsets: Utf16Offsets | None, value: dict[str, Any]) -> tuple[int, int] | None:
    """Code point (start, end) of a region, checked against its ``text`` when it has one."""
    try:
        start, end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        return None
    shown = value.get("text")
    if shown is None or text[start:end] == shown:
        return (start, end) if 0 <= start < end <= len(text) else None
    if offsets is not None:
        try:
            a, b = offsets.to_code_point(start), offsets.to_code_point(end)
        except ValueError:
            return None
        if text[a:b] == shown:
            return a, b
    return None


def read_labelstudio(path: Path) -> Iterator[Item]:
    try:
        data = load_json_file(path, max_bytes=MAX_EXPORT_BYTES)  # the strict loader: nesting, huge ints, dup keys
    except (OSError, JsonFileError) as exc:
        reason = exc.reason if isinstance(exc, JsonFileError) else str(exc)
        raise AnnotationsError(f"{path}: not a readable Label Studio JSON export ({reason})") from None
    tasks = data if isinstance(data, list) else [data]
    for i, task in enumerate(tasks, start=1):
        where = f"{path} task {task.get('id', i) if isinstance(task, dict) else i}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            yield Unreadable(where, "not a Label Studio task (no data object)")
            continue
        text = task["data"].get(ls.TEXT)
        if not isinstance(text, str):
            yield Unreadable(where, f"no data.{ls.TEXT} string")
            continue
        annotation = _latest_annotation(task)
        if annotation is None:
            yield Unreadable(where, "no annotation (only predictions, or all cancelled): nothing an editor made")
            continue
        regions = annotation.get("result")
        if regions is None:
            regions = []
        if not isinstance(regions, list):  # read as "no region" it deleted every segment no editor touched
            yield Unreadable(where, f"the annotation's result is not a list of regions ({type(regions).__name__})")
            continue
        hints = [h for h in (task["data"].get("document"),) if isinstance(h, str)]
        doc = ImportedDocument(where=where, text=text, hints=hints)
        offsets = Utf16Offsets(text)
        offsets_or_none = None if offsets.identity else offsets
        labels: list[ImportedSpan] = []
        speakers: dict[tuple[int, int], str] = {}
        for region in regions:
            if not isinstance(region, dict) or region.get("type") != "labels":
                continue
            control = region.get("from_name")
            if control not in (ls.LABEL, ls.SPEAKER):
                continue
            value = region.get("value")
            names = value.get("labels") if isinstance(value, dict) else None
            if not (isinstance(value, dict) and isinstance(names, list) and names
                    and all(isinstance(n, str) and n for n in names)):
                # a labelled region with no usable label is left out, never read as the annotators deleting
                # the segment under it (the merge would take that where no editor worked)
                doc.unplaced += 1
                doc.notes.append(f"region {str(region.get('id'))[:40]}: no label in its value "
                                 f"({repr(value)[:60]}); left out")
                continue
            odd = next(((k, value.get(k)) for k in ("start", "end") if k in value and type(value[k]) is not int), None)
            if odd is not None:  # int() took "0", 0.5 and true as offsets (attacker21 L4)
                doc.unplaced += 1
                doc.notes.append(f"{where}: region {str(region.get('id'))[:40]}: offset {odd[0]} {repr(odd[1])[:40]} is not a "
                                 "whole number (Label Studio writes JSON integers); left out")
                continue
            span = _place(text, offsets_or_none, value)
            if span is None:
                doc.unplaced += 1
                doc.notes.append(f"region {region.get('id')}: offsets {value.get('start')}-{value.get('end')} do not "
                                 f"match its text {str(value.get('text'))[:40]!r}; left out")
                continue
            if control == ls.LABEL:
                labels.append(ImportedSpan(span[0], span[1], str(names[0])))
            else:
                speakers[span] = str(names[0])
        for seg in labels:
            name = speakers.pop((seg.start, seg.end), None)
            doc.spans.append(ImportedSpan(seg.start, seg.end, seg.label, name))
        for (a, b), name in sorted(speakers.items()):
            doc.notes.append(f"speaker {name!r} on [{a}, {b}) is on no labelled segment; left out")
        yield doc


# -- XMI ----------------------------------------------------------------------------------------


def _xmi_entries(path: Path) -> tuple[bytes | None, list[tuple[str, bytes]]]:
    """(TypeSystem.xml, [(name, xmi bytes)]) from a file, a folder or a zip."""
    if path.is_dir():
        ts = path / "TypeSystem.xml"
        try:
            return (ts.read_bytes() if ts.is_file() else None,
                    [(str(p), p.read_bytes()) for p in sorted(path.rglob("*.xmi"))])
        except OSError as exc:
            raise AnnotationsError(f"{path}: cannot be read ({exc})") from None
    if path.name.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
                ts_name = next((n for n in names if n.rsplit("/", 1)[-1].lower() == "typesystem.xml"), None)
                wanted = [n for n in sorted(names) if n.lower().endswith(".xmi")] + ([ts_name] if ts_name else [])
                total = 0
                for n in wanted:  # declared sizes: zipfile never unpacks more than an entry declares
                    size = zf.getinfo(n).file_size
                    total += size
                    if size > MAX_XMI_BYTES or total > MAX_EXPORT_BYTES:
                        raise AnnotationsError(f"{path}!{n}: unpacks to {size:,} bytes, more than the "
                                               f"{min(MAX_XMI_BYTES, MAX_EXPORT_BYTES - total + size):,} Curator "
                                               "reads from one entry; nothing imported from this zip")
                return (zf.read(ts_name) if ts_name else None,
                        [(f"{path}!{n}", zf.read(n)) for n in wanted if n != ts_name])
        except (OSError, zipfile.BadZipFile) as exc:
            raise AnnotationsError(f"{path}: not a readable zip ({exc})") from None
    ts = path.parent / "TypeSystem.xml"
    try:
        return (ts.read_bytes() if ts.is_file() else None, [(str(path), path.read_bytes())])
    except OSError as exc:
        raise AnnotationsError(f"{path}: cannot be read ({exc})") from None


def _cassis() -> Any:
    try:
        import cassis
    except ImportError:
        raise AnnotationsUsageError("reading XMI needs DKPro cassis: python3 -m pip install -e \".[interop]\" "
                               "in Curator's checkout (or pip install dkpro-cassis)") from None
    return cassis


def _load_xmi(cassis: Any, data: bytes, typesystem: Any) -> Any:
    """cassis's load; a text over lxml's 10 MB attribute limit (a page's ``sofaString``) read again with the
    limit lifted, only when the file declares no DOCTYPE (no entity can be expanded; the size is bounded
    by ``MAX_XMI_BYTES`` already)."""
    try:
        return cassis.load_cas_from_xmi(io.BytesIO(data), typesystem=typesystem, lenient=True)
    except Exception as exc:
        if "too long" not in str(exc) or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise
        return cassis.load_cas_from_xmi(io.BytesIO(data), typesystem=typesystem, lenient=True, trusted=True)


def read_xmi(path: Path) -> Iterator[Item]:
    ts_bytes, entries = _xmi_entries(path)  # a damaged file is named as such, cassis or not
    cassis = _cassis()
    if ts_bytes is None:
        raise AnnotationsError(f"{path}: no TypeSystem.xml beside the XMI (INCEpTION's export zip holds one)")
    try:
        typesystem = cassis.load_typesystem(io.BytesIO(ts_bytes))
    except Exception as exc:  # noqa: BLE001 - cassis raises many kinds; the file is what is wrong
        raise AnnotationsError(f"{path}: TypeSystem.xml cannot be read ({type(exc).__name__}: {exc})") from None
    if not entries:
        raise AnnotationsError(f"{path}: no .xmi file in it")
    for where, data in entries:
        try:
            cas = _load_xmi(cassis, data, typesystem)
        except Exception as exc:  # noqa: BLE001
            yield Unreadable(where, f"XMI cannot be read ({type(exc).__name__}: {exc})")
            continue
        text = cas.sofa_string or ""
        hints: list[str] = []
        for type_name, feature in ((uima.DOCUMENT, "documentId"), (uima.METADATA, "documentId"),
                                   (uima.METADATA, "documentTitle")):
            if typesystem.contains_type(type_name):
                for fs in cas.select(type_name):
                    value = getattr(fs, feature, None)
                    if isinstance(value, str) and value:
                        hints.append(value.removesuffix(".xmi").removesuffix(".txt"))
        name = where.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
        hints.append(name.removesuffix(".xmi"))
        doc = ImportedDocument(where=where, text=text, hints=list(dict.fromkeys(hints)))
        if not typesystem.contains_type(uima.SEGMENT):
            yield Unreadable(where, f"no {uima.SEGMENT} annotations (create that span layer in INCEpTION)")
            continue
        for fs in sorted(cas.select(uima.SEGMENT), key=lambda a: (a.begin, a.end)):
            label = getattr(fs, "label", None)
            if not label:
                doc.unplaced += 1
                doc.notes.append(f"segment [{fs.begin}, {fs.end}) has no label; left out")
                continue
            speaker = getattr(fs, "speaker", None) or None
            doc.spans.append(ImportedSpan(int(fs.begin), int(fs.end), str(label), speaker))
        yield doc
