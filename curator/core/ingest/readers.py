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
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO, cast
from dataclasses import dataclass, replace
from pathlib import Path

from curator.core.ingest.charset import charset_from_content_type
from curator.core.jsonio import JsonFileError, loads_json
from curator.core.store import shown_path
from curator.core.textio import MAX_SOURCE_MIB

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
    counted: bool = True  # False: told, but nothing was left out (a record mended and read)

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


def _not_regular(path: Path) -> str | None:
    """Why ``path`` (followed if a symlink) is never opened: a FIFO, socket or device; else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a dangling link or a vanished file: reading it names the problem
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe); never opened"
    if stat.S_ISSOCK(mode):
        return "a socket; never opened"
    return "a device or special file; never opened"


def _leaves(path: Path, inside: Path) -> str | None:
    """Why symlink ``path`` is not followed: its target lies outside the source folder ``inside``."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "cannot be resolved (a loop of links); not followed"
    if target.is_relative_to(inside):
        return None
    return f"points to {shown_path(str(target))}, outside {shown_path(str(inside))}; not followed"


def expand(sources: list[Path]) -> Iterator[tuple[Path, Path, str] | Skip]:
    """Input files under the given paths as ``(file, root it was found under, kind)``, sorted per folder."""
    for src in sources:
        if not src.exists():
            raise InputError(f"{src}: no such file or folder")
        special = _not_regular(src)
        if special and not src.is_dir():
            yield Skip(str(src), "not a regular file", problem=True, detail=special)
            continue
        if src.is_file():
            kind = kind_of(src)
            if kind is None:
                yield Skip(str(src), "not a WARC, HTML or JSONL file", problem=True)
            else:
                yield (src, src.parent, kind)
            continue
        found = False
        inside = src.resolve()
        for folder, dirs, files in os.walk(src):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder, name)
                if name.startswith("."):
                    if name.lower().endswith(WARC_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES):
                        # a page-like dot-file was passed over unsaid: counted, and named with -v
                        yield Skip(str(path), "hidden file (its name starts with a dot)")
                    continue
                leaves = _leaves(path, inside)
                if leaves:  # x.html -> /etc/os-release, ~/.netrc: a crawl from elsewhere must not pull them in
                    yield Skip(str(path), "a symlink leaving the source folder", problem=True, detail=leaves)
                    continue
                special = _not_regular(path)
                if special:  # open() of a FIFO waits for a writer: the import hung for ever
                    yield Skip(str(path), "not a regular file", problem=True, detail=special)
                    continue
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


# A page's HTML (or a JSONL line) over this many bytes, decoded, is no news page: a gzip bomb (1 MB in a WARC
# record, 1 GB decoded), a video served as text/html. It is named and left out before it is held whole:
# a 1 GB page held 7.4 GB in the import and would stall every command after it. Read at call time (tests). The
# same size as a corpus's own sources may have (``textio.MAX_SOURCE_MIB``): what import writes, parse reads.
MAX_PAGE_BYTES = MAX_SOURCE_MIB << 20
PAGE_TOO_LARGE = "page too large"


class PageTooLarge(ValueError):
    """A body that decodes (or reads) to more than MAX_PAGE_BYTES."""


def _too_large(what: str) -> str:
    return f"over {MAX_PAGE_BYTES:,} bytes {what}; no news page is that long: a gzip bomb, or not a page?"


def read_html_file(path: Path, root: Path) -> Iterator[Item]:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        yield Skip(str(path), "cannot be read", problem=True, detail=str(exc.strerror or exc))
        return
    if len(data) > MAX_PAGE_BYTES:
        yield Skip(shown_path(str(path)), PAGE_TOO_LARGE, problem=True, detail=_too_large("in the file"))
        return
    # The <meta> charset is found by decode_page (and told as "meta", not as an HTTP header's).
    # A file name that is not UTF-8 is named escaped (lat\xe9.html) in messages and the provenance:
    # its lone surrogates could not be written as UTF-8 (the page was dropped with a codec error).
    shown = shown_path(str(path))
    yield Page(where=shown, url=canonical_url(data), html=data, file=shown)


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
    """The body with its HTTP Content-Encoding undone; ValueError naming the encoding when the body
    cannot be decoded (a gzip body cut by a fetch's size limit raises EOFError, a corrupt brotli one
    ``brotli.error``: neither may end the import)."""
    enc = (encoding or "").strip().lower()
    if enc in ("", "identity"):
        return body
    if enc not in ("gzip", "x-gzip", "deflate", "br"):
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    limit = MAX_PAGE_BYTES  # decoded no further than one byte past it: a bomb never lands in memory whole
    try:
        if enc == "deflate":
            try:
                out = _inflate(body, zlib.MAX_WBITS, limit)
            except zlib.error:
                out = _inflate(body, -zlib.MAX_WBITS, limit)  # raw deflate, as some servers send it
        elif enc == "br":
            import brotli  # comes with FastWARC

            decoder = brotli.Decompressor()
            out = decoder.process(body, output_buffer_limit=limit + 1)
            if len(out) <= limit and not decoder.is_finished():
                raise brotli.error("brotli: decoder failed (the stream is cut short or damaged)")
        else:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as member:  # every member, as gzip.decompress
                out = member.read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - each decoder has its own errors (EOFError, BadGzipFile, brotli.error, zlib.error)
        raise ValueError(f"Content-Encoding {enc}: {exc}") from None
    if len(out) > limit:
        raise PageTooLarge(_too_large(f"once its Content-Encoding {enc} is undone"))
    return out


def _inflate(body: bytes, wbits: int, limit: int) -> bytes:
    """zlib.decompress, stopping one byte past ``limit``; zlib.error for a stream cut short, as it."""
    decoder = zlib.decompressobj(wbits)
    out = decoder.decompress(body, limit + 1)
    if len(out) <= limit and not decoder.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


RECORD_CUT_SHORT = "record cut short"


def read_warc(path: Path) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = path.name
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally (a generator)
    except OSError as exc:
        yield Skip(str(path), "cannot be read", problem=True, detail=str(exc.strerror or exc))
        return
    tail: _Tail | None = None  # after a record was mended: what FastWARC reads from there on
    try:
        records = ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True,
                                  auto_decode="transfer", fsspec_args=False)
        index = 0
        last_cut = False
        last_start = 0  # where the last record read starts in the file (compressed offset in a .gz)
        # A record's item is held until the next record is read: when that fails because the record's
        # Content-Length ran into the next one, the record is read again, mended, instead of twice.
        held: Item | None = None
        mended: dict[int, _Mended] = {}
        resynced: set[int] = set()  # records after which stray bytes were skipped (once each)
        while True:
            try:
                record = next(records)
            except StopIteration:
                compressed = _is_gzip(path)
                if (isinstance(held, Skip) and held.reason in _HEADER_PROBLEMS and tail is None
                        and _ends_in_headers(path, last_start, compressed)):
                    # The file ends inside this record's WARC headers: what is "missing" was cut off.
                    held = Skip(held.where, RECORD_CUT_SHORT, problem=True,
                                detail="the file ends inside its WARC headers: is it truncated?")
                    last_cut = True
                if held is not None:
                    yield held
                if name.lower().endswith(".gz") and not compressed and index:
                    yield Skip(str(path), "WARC named .gz but not gzip-compressed", note=True, counted=False,
                               detail="not gzip-compressed despite its name; read as a plain WARC")
                cut = (tail.cut if tail is not None
                       else compressed and not _gzip_members_complete(path, last_start))
                if cut and not last_cut:
                    yield Skip(f"{path} (after record {index})", "gzip stream cut short", problem=True,
                               detail="the file ends inside a compressed record: is it truncated?")
                break
            except Exception as exc:  # noqa: BLE001 - a corrupt WARC stops this file, never the import
                fix = _mend(path, index) if index and index not in mended else None
                if fix is not None:
                    records, tail, index, held = _restart(fix, tail), fix.stream, index - 1, None
                    mended[index + 1] = fix
                    continue
                if held is not None:
                    yield held
                    held = None
                skip, reason = None, STRAY_BYTES
                if index not in resynced:
                    skip = _resync(path, index)
                    if skip is None and name.lower().endswith(".gz"):
                        skip, reason = _next_member(path, last_start if index else -1), DAMAGED_MEMBER
                if skip is not None:  # stray bytes or a damaged member between two records: named, read on
                    resynced.add(index)
                    records, tail = _restart(skip, tail), skip.stream
                    if skip.reason == READ_ON:  # the record before was already named; nothing else was lost
                        yield Skip(f"{path} (after record {index})", READ_ON, note=True, counted=False,
                                   detail=f"{skip.detail} ({bounded_detail(exc)})")
                    else:
                        yield Skip(f"{path} (after record {index})", skip.reason or reason, problem=True,
                                   counted=False, detail=skip.detail)
                    continue
                yield Skip(f"{path} (after record {index})", "WARC cannot be read further", problem=True, detail=str(exc))
                break
            if held is not None:
                yield held
                held = None
            index += 1
            last_start = int(getattr(record, "stream_pos", 0) or 0)
            item = _warc_item(record, path, name, index)
            if index not in mended and _overrun_suspected(item):
                fix = _mend(path, index)
                if fix is not None:
                    records, tail, index = _restart(fix, tail), fix.stream, index - 1
                    mended[index + 1] = fix
                    continue
            if index in mended and not mended[index].told:
                mended[index].told = True
                yield Skip(item.where, RECORD_OVERRUN, problem=True, counted=False, detail=mended[index].detail)
            last_cut = isinstance(item, Skip) and item.reason == RECORD_CUT_SHORT  # already named as cut
            held = item
    finally:
        fh.close()
        if tail is not None:
            tail.close()


# -- a Content-Length that runs into the next record ----------------------------------------

RECORD_OVERRUN = "WARC Content-Length runs into the next record"
_RECORD_AT_LINE = re.compile(rb"(?<=\n)WARC/1\.[01]\r\n")
_CONTENT_LENGTH = re.compile(rb"(?im)^(content-length:[ \t]*)(\d+)(?=[ \t]*\r?$)")
_ANY_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:")
_SEPARATOR_AND_START = b"\r\n\r\nWARC/1."
_MEND_LIMIT = 64 << 20  # a record longer than this is not re-read to be mended (memory)
_HEADER_LIMIT = 1 << 16


class _Tail(io.RawIOBase):
    """A WARC's decompressed bytes from a mended record on: that record with its true length, then the
    rest of the file. Forward only (FastWARC only asks where it is); ``cut`` when a .gz ends inside a member."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head, self._rest, self._pos, self.cut = head, rest, 0, False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (whence == io.SEEK_CUR and offset == 0) or (whence == io.SEEK_SET and offset == self._pos):
            return self._pos
        raise io.UnsupportedOperation("seek")

    def readinto(self, buffer: Any) -> int:
        if self._head:
            data, self._head = self._head[:len(buffer)], self._head[len(buffer):]
        else:
            try:
                data = self._rest.read(len(buffer))
            except (EOFError, OSError, zlib.error):  # a .gz cut inside a member: told like FastWARC's stop
                self.cut, data = True, b""
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


@dataclass
class _Mended:
    stream: _Tail
    detail: str
    told: bool = False
    reason: str = ""  # what the restart is told as, when not the caller's default


def _restart(fix: _Mended, old: _Tail | None) -> Any:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    if old is not None:
        old.close()
    return ArchiveIterator(fix.stream, record_types=WarcRecordType.any_type, parse_http=True,
                           auto_decode="transfer", fsspec_args=False)


def _overrun_suspected(item: Item) -> bool:
    """A body cut short, undecodable, or holding the start of a WARC record: its length may run into the next."""
    if isinstance(item, Skip):
        return item.reason in (RECORD_CUT_SHORT, "body cannot be decoded")
    body = item.html or b""
    if _RECORD_AT_LINE.search(body):
        return True
    return any(body.endswith(_SEPARATOR_AND_START[:n]) for n in range(5, len(_SEPARATOR_AND_START) + 1))


def _header_at(data: bytes, pos: int) -> tuple[int, int] | None:
    """``(where its block starts, its Content-Length)`` of a WARC header at ``data[pos:]``."""
    end = data.find(b"\r\n\r\n", pos, pos + _HEADER_LIMIT)
    if not data.startswith(b"WARC/1.", pos) or end < 0:
        return None
    m = _CONTENT_LENGTH.search(data, pos, end + 2)
    return (end + 4, int(m.group(2))) if m else None


def _reaches(window: bytes, start: int, declared: int, at_end: bool) -> bool:
    """Do the records from ``start`` on follow one another up to the declared end of the record before
    (or to the end of the file)? A page that quotes a WARC record has other text after the quote."""
    pos = start
    while pos < declared:
        head = _header_at(window, pos)
        if head is None:  # only the file's end (in or before a header) may stop the records
            rest = window[pos:pos + 8]
            return at_end and b"WARC/1.".startswith(rest[:7]) and b"\r\n\r\n" not in window[pos:]
        pos = head[0] + head[1]
        while window.startswith(b"\r\n", pos):
            pos += 2
        if at_end and pos >= len(window):
            return True
    return True


def _stream_after(path: Path, records: int) -> BinaryIO | None:
    """The WARC's decompressed stream just past its first ``records`` records (skipped by their
    Content-Length), for ``_mend`` and ``_resync``; None when the file or a header cannot be read.
    The caller closes it (or hands it to a ``_Tail``)."""
    try:
        with open(path, "rb") as probe:
            gz = probe.read(2) == b"\x1f\x8b"
        src = cast(BinaryIO, gzip.open(path, "rb") if gz else open(path, "rb"))  # noqa: SIM115 - returned
    except OSError:
        return None
    try:
        for done in range(records):
            head = _read_header(src)
            if head is None:
                src.close()
                return None
            if head[1] < 0:  # a Content-Length that is not a number: the next record is found by its header
                window = src.read(_RESYNC_LIMIT)
                found = next((m.start() for m in _RECORD_AT_LINE.finditer(window)
                              if _header_at(window, m.start()) is not None), None)
                if found is None or done != records - 1:
                    src.close()
                    return None
                return cast(BinaryIO, _Tail(window[found:], src))
            src.seek(head[1], io.SEEK_CUR)
    except (OSError, EOFError, ValueError, zlib.error):
        src.close()
        return None
    return src


def _mend(path: Path, index: int) -> _Mended | None:
    """Record ``index`` (from 1) with its true length when its Content-Length runs into the next record.

    The records before it are skipped by their Content-Length, in the decompressed stream; in the
    declared extent of this one, the first line ``WARC/1.x`` from which records follow one another
    up to that extent's end is where the next record starts. None when there is no such line.
    """
    src = _stream_after(path, index - 1)
    if src is None:
        return None
    keep = False
    try:
        head = _read_header(src)
        if head is None or head[1] > _MEND_LIMIT:
            return None
        header, declared = head
        window = src.read(declared + _HEADER_LIMIT)
        at_end = len(window) < declared + _HEADER_LIMIT
        for m in _RECORD_AT_LINE.finditer(window):
            if m.start() >= declared:
                break
            if not _reaches(window, m.start(), declared, at_end):
                continue
            start = m.start()
            end = start - 4 if window.endswith(b"\r\n\r\n", 0, start) else start - 2 if window.endswith(
                b"\r\n", 0, start) else start - 1
            header = _CONTENT_LENGTH.sub(lambda c: c.group(1) + str(end).encode(), header, count=1)
            keep = True
            past = "past the end of the file" if declared > len(window) else f"{declared - start} bytes into it"
            return _Mended(_Tail(header + window[:end] + b"\r\n\r\n" + window[start:], src),
                           detail=f"declares {declared} bytes, the next record starts at byte {start} of it and the "
                                  f"length runs {past}; read up to the next record, which is read too")
        return None
    except (OSError, EOFError, ValueError, zlib.error):
        return None
    finally:
        if not keep:
            src.close()


STRAY_BYTES = "stray bytes between WARC records"
READ_ON = "WARC read on after a record it could not read"
DAMAGED_MEMBER = "damaged gzip member"
_RESYNC_LIMIT = 64 << 20  # how far past a record's end the next record is looked for
_RECORD_START = re.compile(rb"WARC/1\.[01]\r\n")  # stray bytes may end without a line end


def _resync(path: Path, index: int) -> _Mended | None:
    """The WARC's stream from the first record after stray bytes that follow record ``index`` (from 0:
    before the first record), when FastWARC stopped there ("Invalid WARC header"); None when there are
    no stray bytes or no record after them within ``_RESYNC_LIMIT``.

    The records up to ``index`` are skipped by their Content-Length (in the decompressed stream); the
    next line ``WARC/1.x`` that starts a header with a Content-Length is where reading goes on.
    """
    src = _stream_after(path, index)
    if src is None:
        return None
    keep = False
    try:
        window = src.read(_RESYNC_LIMIT)
        lead = len(window) - len(window.lstrip(b"\r\n"))
        for m in _RECORD_START.finditer(window, lead):
            if m.start() == lead:  # a record right there: not stray bytes; FastWARC stopped inside the record
                # before it (a chunked body it could not decode, a Content-Length that is not a number),
                # which was read as far as it could be and named: read on from this one
                if _header_at(window, m.start()) is not None:
                    keep = True
                    return _Mended(_Tail(window[lead:], src), reason=READ_ON,
                                   detail=f"the reader stopped inside record {index}; read on from the next record")
                continue
            if _header_at(window, m.start()) is None:
                continue
            keep = True
            stray = m.start() - lead
            return _Mended(_Tail(window[m.start():], src),
                           detail=f"{stray} byte(s) that are not a WARC record were skipped; read on from the next record")
        return None
    except (OSError, EOFError, ValueError, zlib.error):
        return None
    finally:
        if not keep:
            src.close()


_GZIP_MAGIC = b"\x1f\x8b\x08"


def _next_member(path: Path, after: int) -> _Mended | None:
    """The WARC's stream from the first whole gzip member holding a WARC record that starts past the
    member at ``after`` (a compressed offset; -1: from the start) and past a member that cannot be
    decompressed; None when there is none. Crawlers write a member a record, so one damaged member
    loses one record, not the rest of the file. A candidate is taken only if it decompresses to its
    end and starts with a WARC header (the magic bytes may occur inside compressed data)."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= _RESYNC_LIMIT * 4 else None
    except OSError:
        return None
    if raw is None:
        return None
    pos = raw.find(_GZIP_MAGIC, after + 1)
    skipped_damaged = False
    while pos >= 0:
        data, whole = _member_head(raw[pos:pos + _RESYNC_LIMIT])
        if data.startswith(b"WARC/1.") and whole and skipped_damaged:
            try:
                fh = open(path, "rb")  # noqa: SIM115 - kept by _Tail
            except OSError:
                return None
            fh.seek(pos)
            return _Mended(_Tail(b"", cast(BinaryIO, gzip.GzipFile(fileobj=fh, mode="rb"))),
                           detail=f"the bytes before the gzip member at byte {pos} cannot be decompressed; "
                                  "their record is lost, read on from that member")
        if not (data.startswith(b"WARC/1.") and whole):
            skipped_damaged = True
        pos = raw.find(_GZIP_MAGIC, pos + 1)
    return None


def _member_head(raw: bytes, chunk: int = 1 << 20) -> tuple[bytes, bool]:
    """The first bytes of the gzip member at the start of ``raw`` and whether it decompresses to its end;
    the rest of its output is dropped a ``chunk`` at a time, never held (a 2 MB member can hold 2 GB)."""
    member = zlib.decompressobj(31)
    try:
        head = member.decompress(raw, chunk)
        while member.unconsumed_tail and not member.eof:
            member.decompress(member.unconsumed_tail, chunk)
        return head, member.eof
    except zlib.error:
        return b"", False


def _read_header(src: BinaryIO) -> tuple[bytes, int] | None:
    """The header (through its blank line) of the record at ``src``'s position, and its Content-Length."""
    line = src.readline(_HEADER_LIMIT)
    while line in (b"\r\n", b"\n"):
        line = src.readline(_HEADER_LIMIT)
    if not line.startswith(b"WARC/"):
        return None
    lines = [line]
    while line not in (b"\r\n", b"\n"):
        line = src.readline(_HEADER_LIMIT)
        if not line or len(lines) > 1000:
            return None
        lines.append(line)
    header = b"".join(lines)
    m = _CONTENT_LENGTH.search(header)
    if m is None:  # -1: the header has a Content-Length line that is not a number of bytes
        return (header, -1) if _ANY_CONTENT_LENGTH.search(header) else None
    return header, int(m.group(2))


def _is_gzip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False


# What a record whose WARC headers were cut off is reported as (FastWARC still yields it).
BAD_CONTENT_LENGTH = "WARC record with a bad Content-Length"
NO_TARGET_URI = "WARC record without WARC-Target-URI"
NO_HTTP_HEADERS = "WARC response without HTTP headers"
_HEADER_PROBLEMS = frozenset({BAD_CONTENT_LENGTH, NO_TARGET_URI, NO_HTTP_HEADERS})


def _ends_in_headers(path: Path, start: int, compressed: bool) -> bool:
    """Does the file end inside the WARC headers of the record at ``start`` (a file offset; in a
    .warc.gz the offset of the record's own gzip member)? Only the tail from there is read."""
    try:
        with open(path, "rb") as fh:
            fh.seek(start)
            raw = fh.read(_HEADER_LIMIT)
            if fh.read(1):
                return False  # more than a header's worth of bytes is left: not cut in the headers
    except OSError:
        return False
    if compressed:
        try:
            member = zlib.decompressobj(31)
            head = member.decompress(raw, _HEADER_LIMIT)
        except zlib.error:
            return False
        if member.eof:
            return False  # the record's member is whole: the cut (if any) is elsewhere
    else:
        head = raw
    return head.startswith(b"WARC/1.") and b"\r\n\r\n" not in head


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


def bounded_detail(value: object, limit: int = 200) -> str:
    """A reason's detail on one short line: control characters escaped, cut at ``limit``."""
    text = str(value).encode("unicode_escape").decode("ascii") if not str(value).isprintable() else str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _warc_item(record: object, path: Path, name: str, index: int) -> Item:
    from fastwarc.warc import WarcRecordType

    rtype = record.record_type  # type: ignore[attr-defined]
    record_id = record.record_id  # type: ignore[attr-defined]
    type_name = str(record.headers.get("WARC-Type") or "unknown")  # type: ignore[attr-defined]
    if "\n" in type_name:  # the header's lines end in LF alone: FastWARC read them as one line
        return Skip(f"{path} record {index}", "WARC header lines end in LF only", problem=True,
                    detail="WARC needs CRLF line ends; the record cannot be read")
    where = f"{path} record {index} {record_id or ''}".rstrip()
    length = str(record.headers.get("Content-Length") or "").strip()  # type: ignore[attr-defined]
    if not length.isdigit():
        return Skip(where, BAD_CONTENT_LENGTH, problem=True,
                    detail=f"Content-Length {bounded_detail(length, 40)!r} is not a number of bytes")
    if rtype not in (WarcRecordType.response, WarcRecordType.resource) and type_name.strip().lower() in (
            "response", "resource"):
        # header names are case-insensitive (`warc-type: response`); FastWARC's type needs them as written
        rtype = WarcRecordType.response if type_name.strip().lower() == "response" else WarcRecordType.resource
    url = record.headers.get("WARC-Target-URI")  # type: ignore[attr-defined]
    if rtype not in (WarcRecordType.response, WarcRecordType.resource):
        return Skip(where, f"WARC {bounded_detail(type_name, 40)} record")
    if not (isinstance(url, str) and url.strip()):  # a page is keyed by its address: without one it has no id
        return Skip(where, NO_TARGET_URI, problem=True)
    url = url.strip()
    http = record.http_headers  # type: ignore[attr-defined]
    if rtype == WarcRecordType.response:
        if http is None:
            return Skip(where, NO_HTTP_HEADERS, problem=True)
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
        body = record.reader.read(MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
        if len(body) > MAX_PAGE_BYTES:
            return Skip(where, PAGE_TOO_LARGE, problem=True, detail=_too_large("in the record"))
        chunked = http is not None and "chunked" in (http.get("Transfer-Encoding") or "").lower()
        if len(body) < expected and not chunked:  # the file ends inside this record (copied half-way): no page
            # (a de-chunked body is shorter than the record by its chunk framing, so chunked ones are not compared)
            return Skip(where, RECORD_CUT_SHORT, problem=True,
                        detail=f"{len(body)} of {expected} body bytes: is the file truncated?")
        if http is not None:
            body = _undo_content_encoding(body, http.get("Content-Encoding"))
    except PageTooLarge as exc:
        return Skip(where, PAGE_TOO_LARGE, problem=True, detail=str(exc))
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
                raw = fh.readline(MAX_PAGE_BYTES + 1)
                too_large = len(raw) > MAX_PAGE_BYTES and not raw.endswith(b"\n")
                while too_large and raw and not raw.endswith(b"\n"):  # the rest of the line, never held whole
                    raw = fh.readline(1 << 20)
            except (OSError, EOFError) as exc:
                yield Skip(f"{path} line {lineno + 1}", "file cannot be read further", problem=True, detail=str(exc))
                break
            if not raw:
                if too_large:
                    yield Skip(f"{path} line {lineno + 1}", PAGE_TOO_LARGE, problem=True, detail=_too_large("in the line"))
                break
            lineno += 1
            if too_large:
                yield Skip(f"{path} line {lineno}", PAGE_TOO_LARGE, problem=True, detail=_too_large("in the line"))
                continue
            if not raw.strip():
                continue
            yield _jsonl_item(raw, f"{path} line {lineno}", fields, str(path))
    finally:
        fh.close()


def _jsonl_item(raw: bytes, where: str, fields: FieldNames, file: str) -> Item:
    try:
        # Without its line ending, one line is one JSON text: a position is "line 1 column N", said as
        # "column N" (with the ending, a line cut short was reported at "line 2 column 1", past its CR LF).
        obj = loads_json(raw.rstrip(b"\r\n"), where)  # the strict loader: a hostile line is named, never raised
    except JsonFileError as exc:
        return Skip(where, "not usable JSON", problem=True, detail=exc.reason.replace(": line 1 column ", ": column ", 1))
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


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False  # the reader names what cannot be read


def read(path: Path, root: Path, kind: str, fields: FieldNames) -> Iterator[Item]:
    if kind in ("warc", "jsonl") and _empty(path):  # a crawler's failed write: named, not passed over
        return iter([Skip(str(path), "empty file", note=True, detail="an empty file (0 bytes): no records")])
    if kind == "warc":
        return read_warc(path)
    if kind == "html":
        return read_html_file(path, root)
    return read_jsonl(path, fields)
