"""Writers for the annotation tools' formats: UIMA XMI (INCEpTION), Label Studio, brat.

These write whole Documents with their spans (offsets into the page's text), whatever
``--level`` says; ``--labels`` and ``--drop-duplicates`` still choose which segments are
written. Folder formats (XMI, brat) are built in a hidden ``.<name>.partial`` folder and
moved into place when the export finished; an existing folder is replaced only when an
earlier Curator export of the same format made it (it holds the marker file), never a folder
of someone else's files.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import IO

from curator.core.export.options import ExportError, ExportWriteError, NotWritable, os_reason
from curator.core.export.records import DocumentRecords
from curator.core.export.writers import _FileWriter
from curator.core.interop import brat, labelstudio, uima
from curator.core.model import Curation
from curator.core.taxonomy import default_taxonomy

MARKER = ".curator-export"
# Files a tool writes by itself in a folder it serves, rebuilt when missing: brat's server caches
# statistics in every collection folder it lists. Not someone's work: replaced with the export.
TOOL_CACHES = frozenset({".stats_cache"})
MAX_NAMED = 5


def _sha256(path: Path) -> str:
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (its relative POSIX path) with its sha256; the marker, tool caches and
    symlinks (named as such) aside: what an export wrote, or what the folder holds now."""
    found: dict[str, str] = {}
    for top, dirs, files in os.walk(folder):
        base = Path(top)
        for name in sorted(dirs + files):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == MARKER or name in TOOL_CACHES:
                continue
            if path.is_symlink():
                found[rel] = "symlink"
            elif name in files:
                found[rel] = _sha256(path)
    return found


def _marker_text(format_name: str, manifest: dict[str, str]) -> str:
    return format_name + "\n" + "".join(f"{digest} {rel}\n" for rel, digest in sorted(manifest.items()))


def _worked_in(out: Path, marker_lines: list[str], format_name: str) -> list[str]:
    """What changed in an earlier export folder since Curator wrote it (a tool or a person worked in it): the
    files whose bytes differ and the files it did not write. Empty for a marker with no manifest (before
    round 21: nothing to compare with)."""
    written = {line[65:]: line[:64] for line in marker_lines if len(line) > 65 and line[64] == " "}
    if not written:
        return []
    problems = []
    for rel, digest in _manifest(out).items():
        if rel not in written:
            problems.append(f"{rel}: not written by the earlier Curator {format_name} export")
        elif digest != written[rel]:
            problems.append(f"{rel}: changed since Curator exported it")
    return problems


def _doc_path(folder: Path, doc_id: str, suffix: str) -> Path:
    rel = PurePosixPath(doc_id)
    return folder.joinpath(*rel.parent.parts, rel.name + suffix)


class _FolderWriter:
    """Owns the ``.partial`` folder and its move into place."""

    format_name = ""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.tmp = out.with_name(f".{out.name}.partial")
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: is a file; the {self.format_name} format writes a folder")
        old = out.with_name(f".{out.name}.old")
        if old.exists() and not out.exists():  # an export killed between its two renames: the earlier one is there
            raise ExportError(f"{out}: an earlier export was interrupted while being replaced and is at {old}; "
                              f"move it back to {out.name} (or away) first (nothing was written)")
        if out.is_dir() and any(out.iterdir()):
            marker = out / MARKER
            lines = marker.read_text(encoding="utf-8").splitlines() if marker.is_file() else []
            if lines[:1] != [self.format_name]:
                raise ExportError(f"{out}: folder exists and is not an earlier Curator {self.format_name} export; "
                                  "choose a new folder (nothing was written)")
            # someone's work there (brat edits the .ann files of the folder it serves in place) is never replaced
            worked = _worked_in(out, lines[1:], self.format_name)
            if worked:
                more = f"; … and {len(worked) - MAX_NAMED} more" if len(worked) > MAX_NAMED else ""
                raise ExportError(f"{out}: " + "; ".join(worked[:MAX_NAMED]) + more + "; the folder holds work "
                                  "done since the earlier export: export to a new folder, or move this one away "
                                  "first (nothing was written)")
        try:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp.mkdir(parents=True)
        except OSError as exc:
            raise ExportWriteError(f"{self.out}: cannot create the export's working folder beside it "
                                   f"({os_reason(exc)}); nothing was written") from None

    def _write(self, rel: Path, data: bytes) -> None:
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def _finish_files(self) -> None:  # pragma: no cover - overridden
        pass

    def finish(self) -> None:
        self._finish_files()
        (self.tmp / MARKER).write_text(_marker_text(self.format_name, _manifest(self.tmp)), encoding="utf-8")
        old = self.out.with_name(f".{self.out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(self.tmp, self.out)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _curation(doc: DocumentRecords) -> Curation:
    assert doc.curation is not None, "build_records sets the curation"
    return doc.curation


class XmiWriter(_FolderWriter):
    """``<out>/<id>.xmi`` per Document and ``<out>/TypeSystem.xml``."""

    format_name = "xmi"

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)

    def write(self, doc: DocumentRecords) -> None:
        cur = _curation(doc)
        try:
            data = uima.xmi_document(cur, doc.source_text, doc.kept)
        except uima.NotXml10 as exc:
            raise NotWritable(str(exc)) from None
        self._write(_doc_path(Path(), cur.document.id, ".xmi"), data)

    def _finish_files(self) -> None:
        (self.tmp / "TypeSystem.xml").write_text(uima.typesystem_xml(), encoding="utf-8")


class BratWriter(_FolderWriter):
    """``<out>/<id>.txt`` + ``<out>/<id>.ann`` per Document, ``annotation.conf`` and ``visual.conf``."""

    format_name = "brat"

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)
        self.speakers: set[str] = set()
        self.lost = 0

    def write(self, doc: DocumentRecords) -> None:
        cur = _curation(doc)
        ann, lost = brat.ann_text(cur, doc.source_text, doc.kept)
        self.lost += lost
        self.speakers.update(s.speaker for s in doc.kept if s.speaker)
        self._write(_doc_path(Path(), cur.document.id, ".txt"), doc.source_text.encode("utf-8"))
        self._write(_doc_path(Path(), cur.document.id, ".ann"), ann.encode("utf-8"))

    def _finish_files(self) -> None:
        tax = default_taxonomy()
        labels = [lab.name for lab in tax.labels]
        events = [ev.name for ev in tax.event_types]
        (self.tmp / "annotation.conf").write_text(brat.annotation_conf(labels, events, self.speakers), encoding="utf-8")
        colours = [(lab.name, lab.colour) for lab in tax.labels] + [(ev.name, ev.colour) for ev in tax.event_types]
        (self.tmp / "visual.conf").write_text(brat.visual_conf(colours), encoding="utf-8")


def label_config_path(out: Path) -> Path:
    """``tasks.json`` -> ``tasks.label_config.xml`` beside it."""
    return out.with_name(out.stem + ".label_config.xml")


def label_config_partial(out: Path) -> Path:
    """The labelling config's temporary name while it is written."""
    target = label_config_path(out)
    return target.with_name(f".{target.name}.partial")


class LabelStudioWriter(_FileWriter):
    """A JSON array of tasks, streamed one Document at a time, and the labelling config beside it."""

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)
        self._fh: IO[str] = open(self.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - held until finish()
        self._fh.write("[")
        self._first = True
        self.speakers: set[str] = set()

    def write(self, doc: DocumentRecords) -> None:
        cur = _curation(doc)
        names = {s.id: s.name for s in cur.speakers}
        self.speakers.update(names[s.speaker] for s in doc.kept if s.speaker in names)
        task = labelstudio.task(cur, doc.source_text, doc.kept)
        self._fh.write("\n" if self._first else ",\n")
        self._fh.write(json.dumps(task, ensure_ascii=False, separators=(",", ":")))
        self._first = False

    def finish(self) -> None:
        self._fh.write("\n]\n")
        self._fh.close()
        tax = default_taxonomy()
        config = labelstudio.label_config([(lab.name, lab.colour) for lab in tax.labels], sorted(self.speakers),
                                          [ev.name for ev in tax.event_types])
        target = label_config_path(self.out)
        tmp = label_config_partial(self.out)
        tmp.write_text(config, encoding="utf-8")
        os.replace(tmp, target)
        self._commit()

    def abort(self) -> None:
        try:
            self._fh.close()
        except OSError:  # a full disk fails the close's flush too: the partial file goes all the same
            pass
        label_config_partial(self.out).unlink(missing_ok=True)
        super().abort()
