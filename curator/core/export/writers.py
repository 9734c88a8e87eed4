"""Streaming writers: one Document's records in, bytes on disk out, memory flat.

Every writer writes to a hidden ``.<name>.partial`` file beside the output and
moves it into place only when the export finished, so a failed or cancelled
export never leaves half a file under the real name (nor clobbers the old one).
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
from pathlib import Path
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from curator.core.export.options import ExportError, ExportWriteError, os_reason
from curator.core.export.records import SOURCE_FIELDS, DocumentRecords, Record

_STR = pa.string()
_INT = pa.int64()

SEGMENT_ROW = pa.struct(
    [
        ("segment", _STR),
        ("label", _STR),
        ("text", _STR),
        ("speaker", _STR),
        ("start", _INT),
        ("end", _INT),
        ("text_start", _INT),
        ("text_end", _INT),
    ]
)
SPEAKER_ROW = pa.struct([("id", _STR), ("name", _STR), ("role", _STR)])
EVENT_ROW = pa.struct(
    [
        ("id", _STR),
        ("type", _STR),
        ("date", pa.date32()),
        ("place", _STR),
        ("participants", pa.list_(_STR)),
        ("evidence", pa.list_(pa.struct([("start", _INT), ("end", _INT), ("text", _STR)]))),
        ("decision", _STR),
    ]
)
SOURCE_ROW = pa.struct([(name, _STR) for name in SOURCE_FIELDS])
_PROVENANCE = [("status", _STR), ("source_sha256", _STR), ("parser_name", _STR), ("parser_version", _STR),
               ("source", SOURCE_ROW)]

ARTICLE_SCHEMA = pa.schema(
    [
        ("document", _STR),
        ("article", _STR),
        ("title", _STR),
        ("date", pa.date32()),
        ("kind", _STR),
        ("text", _STR),
        ("segments", pa.list_(SEGMENT_ROW)),
        ("speakers", pa.list_(SPEAKER_ROW)),
        ("events", pa.list_(EVENT_ROW)),
        ("duplicates_dropped", _INT),
        *_PROVENANCE,
    ]
)
SEGMENT_SCHEMA = pa.schema(
    [
        ("document", _STR),
        ("article", _STR),
        ("segment", _STR),
        ("label", _STR),
        ("text", _STR),
        ("speaker", _STR),
        ("start", _INT),
        ("end", _INT),
        ("prev_label", _STR),
        ("next_label", _STR),
        *_PROVENANCE,
    ]
)


def schema_for(level: str) -> pa.Schema:
    return ARTICLE_SCHEMA if level == "article" else SEGMENT_SCHEMA


class RecordWriter(Protocol):
    def write(self, doc: DocumentRecords) -> None: ...

    def finish(self) -> None: ...

    def abort(self) -> None: ...


def partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial")


class _FileWriter:
    """Owns the ``.partial`` file and its move into place."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.tmp = partial_path(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportWriteError(f"{out}: cannot create its folder {out.parent} ({os_reason(exc)})") from None
        if out.is_dir():
            raise ExportError(f"{out}: is a folder; give a file name for the export")

    def _commit(self) -> None:
        os.replace(self.tmp, self.out)

    def abort(self) -> None:
        try:
            self.tmp.unlink()
        except FileNotFoundError:
            pass


def _json_default(value: object) -> object:
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dumps(value: Any) -> str:
    """Compact UTF-8 JSON (emoji stay as they are; dates become ISO strings)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))


class JsonlWriter(_FileWriter):
    """One JSON object a line, UTF-8, ``\\n`` line ends."""

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)
        self._fh: IO[str] = open(self.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - held until finish()

    def write(self, doc: DocumentRecords) -> None:
        for record in doc.records:
            self._fh.write(dumps(record))
            self._fh.write("\n")

    def finish(self) -> None:
        self._fh.close()
        self._commit()

    def abort(self) -> None:
        try:
            self._fh.close()
        except OSError:  # a full disk fails the close's flush too: the partial file goes all the same
            pass
        super().abort()


# Cells starting so are formulas to Excel and LibreOffice: the CSV writer prefixes them with "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvWriter(_FileWriter):
    """Flat rows (RFC 4180, CRLF line ends): nested lists become JSON strings, dates ISO strings, None an empty cell."""

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)
        self._fh: IO[str] = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - held until finish()
        # RFC 4180 line ends: with "\n" the csv module leaves a field holding a lone "\r" unquoted,
        # and readers split the record there (201 records read back as 203 rows).
        self._csv = csv.DictWriter(self._fh, fieldnames=schema_for(level).names, lineterminator="\r\n")
        self._csv.writeheader()

    @staticmethod
    def _cell(value: object) -> object:
        if isinstance(value, (list, dict)):
            return dumps(value)
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # CSV injection (OWASP): scraped text a spreadsheet would run as a formula; docs/export.md
            return "'" + value
        return value

    def write(self, doc: DocumentRecords) -> None:
        for record in doc.records:
            self._csv.writerow({k: self._cell(v) for k, v in record.items()})

    def finish(self) -> None:
        self._fh.close()
        self._commit()

    def abort(self) -> None:
        try:
            self._fh.close()
        except OSError:  # a full disk fails the close's flush too: the partial file goes all the same
            pass
        super().abort()


class ParquetWriter(_FileWriter):
    """Typed nested columns, written in row groups so memory stays bounded."""

    def __init__(self, out: Path, *, level: str, rows_per_group: int = 2000, bytes_per_group: int = 32 << 20) -> None:
        super().__init__(out)
        self.schema = schema_for(level)
        self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        self._rows: list[Record] = []
        self._bytes = 0
        self._max_rows = rows_per_group
        self._max_bytes = bytes_per_group

    def write(self, doc: DocumentRecords) -> None:
        for record in doc.records:
            self._rows.append(record)
            self._bytes += len(record["text"])
        if len(self._rows) >= self._max_rows or self._bytes >= self._max_bytes:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []
            self._bytes = 0

    def finish(self) -> None:
        self._flush()
        self._writer.close()
        self._commit()

    def abort(self) -> None:
        self._rows = []
        try:
            self._writer.close()
        finally:
            super().abort()


def open_writer(out: Path, *, format: str, level: str) -> RecordWriter:
    """The writer for a format; the spaCy one is imported only when asked for."""
    if format == "jsonl":
        return JsonlWriter(out, level=level)
    if format == "csv":
        return CsvWriter(out, level=level)
    if format == "parquet":
        return ParquetWriter(out, level=level)
    if format == "spacy":
        from curator.core.export.spacy_docbin import SpacyWriter

        return SpacyWriter(out, level=level)
    if format in ("xmi", "labelstudio", "brat"):
        from curator.core.export import interop

        if format == "xmi":
            return interop.XmiWriter(out, level=level)
        if format == "brat":
            return interop.BratWriter(out, level=level)
        return interop.LabelStudioWriter(out, level=level)
    raise ExportError(f"unknown format {format!r}")
