"""Reading crawler output: WARC / WARC.gz, HTML files and folders, JSONL (one page a line).

Every reader yields :class:`Page` (something to import) or :class:`Skip` (something left
out, with the reason and where it was), one at a time, so memory stays flat however large
the input is. A broken record or line is a :class:`Skip` with ``problem=True``; the rest
of the file is still read.

WARC reading uses FastWARC (it comes with Resiliparse, the HTML extractor). It is asked to
undo only the HTTP *transfer* encoding: with ``auto_decode="all"`` it silently stopped after
the first record whose body was both chunked and gzip-compressed (FastWARC 2.0.1, found by
the tests), so the *content* encoding (gzip, deflate, br) is undone here.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from curator.core.ingest.charset import charset_from_content_type
from curator.core.jsonio import JsonFileError, loads_json

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Page:
    """One page to import: its HTML bytes or already-extracted text, and where it came from."""

    where: str  # file and record/line, for messages
    url: str | None
    html: bytes | None = None
    text: str | None = None
    http_charset: str | None = None
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    file: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()  # what the reader changed to make it a page, each naming ``where``


@dataclass(frozen=True)
class Skip:
    """Something in the input that does not become a Document."""

    where: str
    reason: str  # a short, countable reason ("WARC request record", "not HTML (application/pdf)")
    problem: bool = False  # True: broken input the user should hear about (exit 1)
    detail: str = ""  # what exactly (a parser's message): told with the problem, not counted
    note: bool = False  # True (and not a problem): also told as a warning naming ``where``

    @property
    def message(self) -> str:
        """The reason and its detail, as the problem line says it."""
        return f"{self.reason} ({self.detail})" if self.detail else self.reason


@dataclass(frozen=True)
class FieldNames:
    """Which JSONL fields hold what (``--url-field`` and friends)."""

    url: str = "url"
    html: str = "html"
    text: str = "text"
    fetched_at: str = "fetched_at"
    title: str = "title"


Item = Page | Skip


class InputError(Exception):
    """An input path cannot be read at all (missing, unknown kind); the message names it."""


def kind_of(path: Path) -> str | None:
    """``warc``, ``html`` or ``jsonl`` from the name, else from the first bytes; None if neither."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return None
    if head.startswith(b"\x1f\x8b"):
        try:
            head = _gunzip_head(path)
        except (OSError, EOFError):
            return None
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped[:1] == b"<":
        return "html"
    if stripped[:1] == b"{":
        return "jsonl"
    return None


def _gunzip_head(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read(512)


def expand(sources: list[Path]) -> Iterator[tuple[Path, Path, str] | Skip]:
    """Input files under the given paths as ``(file, root it was found under, kind)``, sorted per folder."""
    for src in sources:
        if not src.exists():
            raise InputError(f"{src}: no such file or folder")
        if src.is_file():
            kind = kind_of(src)
            if kind is None:
                yield Skip(str(src), "not a WARC, HTML or JSONL file", problem=True)
            else:
                yield (src, src.parent, kind)
            continue
        found = False
        for folder, dirs, files in os.walk(src):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(folder, name)
                low = name.lower()
                kind = ("warc" if low.endswith(WARC_SUFFIXES) else "html" if low.endswith(HTML_SUFFIXES)
                        else "jsonl" if low.endswith(JSONL_SUFFIXES) else None)
                if kind is None:
                    yield Skip(str(path), "not a WARC, HTML or JSONL file (by its name)")
                else:
                    found = True
                    yield (path, src, kind)
        if not found:  # a source given by name that gives nothing is told, not passed over ("imported 0", exit 0)
            named = " (named like a file)" if src.name.lower().endswith(WARC_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES) else ""
            yield Skip(str(src), "folder holding no pages", note=True,
                       detail=f"a folder{named} holding no WARC, HTML or JSONL files")


# -- HTML files ---------------------------------------------------------------------------


def read_html_file(path: Path, root: Path) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(str(path), "cannot be read", problem=True, detail=str(exc.strerror or exc))
        return
    # The <meta> charset is found by decode_page (and told as "meta", not as an HTTP header's).
    yield Page(where=str(path), url=canonical_url(data), html=data, file=str(path))


def canonical_url(data: bytes) -> str | None:
    """The page's own URL when it names one (``<link rel=canonical>``, ``og:url``), else None."""
    head = data[:65536]
    for pattern in (
        rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>\s]+)""",
        rb"""<link[^>]+href=["']([^"'>\s]+)["'][^>]*rel=["']?canonical""",
        rb"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>\s]+)""",
    ):
        m = re.search(pattern, head, re.IGNORECASE)
        if m:
            url = m.group(1).decode("utf-8", "replace")
            if url.startswith(("http://", "https://")):
                return url
    return None


# -- WARC ---------------------------------------------------------------------------------


def _undo_content_encoding(body: bytes, encoding: str | None) -> bytes:
    enc = (encoding or "").strip().lower()
    if enc in ("", "identity"):
        return body
    if enc in ("gzip", "x-gzip"):
        return gzip.decompress(body)
    if enc == "deflate":
        try:
            return zlib.decompress(body)
        except zlib.error:
            return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
    if enc == "br":
        import brotli  # comes with FastWARC

        return brotli.decompress(body)
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


RECORD_CUT_SHORT = "record cut short"


def read_warc(path: Path) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = path.name
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally (a generator)
    except OSError as exc:
        yield Skip(str(path), "cannot be read", problem=True, detail=str(exc.strerror or exc))
        return
    try:
        records = ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True,
                                  auto_decode="transfer", fsspec_args=False)
        index = 0
        last_cut = False
        last_start = 0  # where the last record read starts in the file (compressed offset in a .gz)
        while True:
            try:
                record = next(records)
            except StopIteration:
                if name.lower().endswith(".gz") and not last_cut and not _gzip_members_complete(path, last_start):
                    yield Skip(f"{path} (after record {index})", "gzip stream cut short", problem=True,
                               detail="the file ends inside a compressed record: is it truncated?")
                break
            except Exception as exc:  # noqa: BLE001 - a corrupt WARC stops this file, never the import
                yield Skip(f"{path} (after record {index})", "WARC cannot be read further", problem=True, detail=str(exc))
                break
            index += 1
            last_start = int(getattr(record, "stream_pos", 0) or 0)
            item = _warc_item(record, path, name, index)
            last_cut = isinstance(item, Skip) and item.reason == RECORD_CUT_SHORT  # already named as cut
            yield item
    finally:
        fh.close()


def _gzip_members_complete(path: Path, start: int, chunk: int = 1 << 20) -> bool:
    """Does every gzip member from byte ``start`` on end with its trailer? FastWARC stops without a
    word when a .warc.gz ends inside a member (a crawl copied half-way), so the records read before
    look like the whole file. Only the tail from the last record read is decompressed (one member
    a record, as crawlers write them; a file compressed as one member is read once more)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(start)
            member = zlib.decompressobj(31)
            open_member = False  # has the current member been fed a byte without reaching its end?
            data = b""
            while True:
                if not data:
                    data = fh.read(chunk)
                    if not data:
                        return not open_member
                open_member = True
                member.decompress(data, chunk)  # the output is not kept: at most `chunk` bytes at a time
                while member.unconsumed_tail and not member.eof:
                    member.decompress(member.unconsumed_tail, chunk)
                if member.eof:
                    data = member.unused_data
                    member = zlib.decompressobj(31)
                    open_member = False
                else:
                    data = b""
    except (OSError, zlib.error):
        return False


def _warc_item(record: object, path: Path, name: str, index: int) -> Item:
    from fastwarc.warc import WarcRecordType

    rtype = record.record_type  # type: ignore[attr-defined]
    record_id = record.record_id  # type: ignore[attr-defined]
    where = f"{path} record {index} {record_id or ''}".rstrip()
    url = record.headers.get("WARC-Target-URI")  # type: ignore[attr-defined]
    if rtype not in (WarcRecordType.response, WarcRecordType.resource):
        type_name = str(record.headers.get("WARC-Type") or "unknown")  # type: ignore[attr-defined]
        return Skip(where, f"WARC {type_name} record")
    if not (isinstance(url, str) and url.strip()):  # a page is keyed by its address: without one it has no id
        return Skip(where, "WARC record without WARC-Target-URI", problem=True)
    url = url.strip()
    http = record.http_headers  # type: ignore[attr-defined]
    if rtype == WarcRecordType.response:
        if http is None:
            return Skip(where, "WARC response without HTTP headers", problem=True)
        status = http.status_code
        if status != 200:
            return Skip(where, f"HTTP status {status}")
        content_type = http.get("Content-Type") or ""
    else:
        content_type = record.headers.get("Content-Type") or ""  # type: ignore[attr-defined]
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Skip(where, f"not HTML ({mime})")
    try:
        expected = record.content_length  # type: ignore[attr-defined]  # the body's length, HTTP headers excluded
        body = record.reader.read()  # type: ignore[attr-defined]
        chunked = http is not None and "chunked" in (http.get("Transfer-Encoding") or "").lower()
        if len(body) < expected and not chunked:  # the file ends inside this record (copied half-way): no page
            # (a de-chunked body is shorter than the record by its chunk framing, so chunked ones are not compared)
            return Skip(where, RECORD_CUT_SHORT, problem=True,
                        detail=f"{len(body)} of {expected} body bytes: is the file truncated?")
        if http is not None:
            body = _undo_content_encoding(body, http.get("Content-Encoding"))
    except (OSError, ValueError, zlib.error) as exc:
        return Skip(where, "body cannot be decoded", problem=True, detail=str(exc))
    if not mime and not body.lstrip()[:1] == b"<":
        return Skip(where, "no content type and not HTML")
    date = record.headers.get("WARC-Date")  # type: ignore[attr-defined]
    return Page(where=where, url=url, html=body, http_charset=charset_from_content_type(content_type),
                fetched_at=date, warc_file=name, warc_record_id=record_id)


# -- JSONL --------------------------------------------------------------------------------


def read_jsonl(path: Path, fields: FieldNames) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")  # noqa: SIM115 - closed in finally (a generator)
    except OSError as exc:
        yield Skip(str(path), "cannot be read", problem=True, detail=str(exc.strerror or exc))
        return
    try:
        lineno = 0
        while True:
            try:
                raw = fh.readline()
            except (OSError, EOFError) as exc:
                yield Skip(f"{path} line {lineno + 1}", "file cannot be read further", problem=True, detail=str(exc))
                break
            if not raw:
                break
            lineno += 1
            if not raw.strip():
                continue
            yield _jsonl_item(raw, f"{path} line {lineno}", fields, str(path))
    finally:
        fh.close()


def _jsonl_item(raw: bytes, where: str, fields: FieldNames, file: str) -> Item:
    try:
        obj = loads_json(raw, where)  # the strict loader: a hostile line is skipped and named, never raised
    except JsonFileError as exc:
        return Skip(where, "not usable JSON", problem=True, detail=exc.reason)
    if not isinstance(obj, dict):
        return Skip(where, "not a JSON object", problem=True, detail=type(obj).__name__)
    url = obj.get(fields.url)
    if not isinstance(url, str) or not url.strip():
        return Skip(where, f"no {fields.url!r} field", problem=True)
    html, text = obj.get(fields.html), obj.get(fields.text)
    fetched = obj.get(fields.fetched_at)
    title = obj.get(fields.title)
    page = Page(where=where, url=url.strip(), file=file, fetched_at=fetched if isinstance(fetched, str) else None,
                title=_no_surrogates(title)[0] if isinstance(title, str) else None)
    if isinstance(html, str) and html.strip():
        # Already decoded by whoever wrote the JSON: encoded back as UTF-8, with that charset.
        html, warnings = _no_surrogates(html, where, fields.html)
        return replace(page, html=html.encode("utf-8"), http_charset="utf-8", warnings=warnings)
    if isinstance(text, str):
        if not text.strip():
            return Skip(where, "empty page")
        text, warnings = _no_surrogates(text, where, fields.text)
        return replace(page, text=text, warnings=warnings)
    return Skip(where, f"neither {fields.html!r} nor {fields.text!r} holds a string", problem=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: str, where: str = "", field: str = "") -> tuple[str, tuple[str, ...]]:
    """A JSON string with each lone surrogate (``"\\ud800"``: no character, cannot be UTF-8) as U+FFFD.

    Encoded back with ``surrogatepass`` it made bytes no decoder reads as UTF-8, and the page was
    then read whole as a single-byte charset (mojibake)."""
    n = len(_SURROGATE.findall(value))
    if not n:
        return value, ()
    return _SURROGATE.sub("\ufffd", value), (f"{where}: {n} lone surrogate(s) in {field!r} "
                                              "(no character, cannot be stored as UTF-8); each replaced by U+FFFD",)


def read(path: Path, root: Path, kind: str, fields: FieldNames) -> Iterator[Item]:
    if kind == "warc":
        return read_warc(path)
    if kind == "html":
        return read_html_file(path, root)
    return read_jsonl(path, fields)
