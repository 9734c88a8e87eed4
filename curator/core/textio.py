"""Reading source texts: encodings, BOMs, binary files and hashes.

Newlines are kept exactly as they are in the file (``\\r\\n`` stays two code
points): offsets then index the text a reader of the raw file sees, and the
sha256 of the loaded text changes only when the file's content does. Only a
leading UTF-8 BOM is dropped.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

UTF8_BOM = b"\xef\xbb\xbf"
_BINARY_SNIFF = 8192
# Share of control bytes (other than tab, newline, CR, form feed, ESC) above
# which a file is taken for binary rather than text with a stray control char.
_BINARY_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class SourceError(Exception):
    """A source file cannot be used as a Document; the message names file and reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


@dataclass(frozen=True)
class SourceText:
    """A Document's text as loaded, with how it was read."""

    text: str
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


class Digest:
    """SHA-256 of ``data``; of big data, hashed on a thread started now: hashlib lets go of the GIL while it hashes,
    so the caller's thread parses or decodes the same bytes meanwhile (a window's UI thread: ~25 ms of opening,
    and of saving, a 19 MB curated file)."""

    THREAD_MIN = 1 << 20  # smaller data is hashed at once (a thread costs more than it saves)

    def __init__(self, data: bytes) -> None:
        self._hex = ""
        self._thread: threading.Thread | None = None
        if len(data) < self.THREAD_MIN:
            self._hex = hashlib.sha256(data).hexdigest()
            return
        self._thread = threading.Thread(target=self._run, args=(data,), name="curator-digest", daemon=True)
        self._thread.start()

    def _run(self, data: bytes) -> None:
        self._hex = hashlib.sha256(data).hexdigest()

    def hexdigest(self) -> str:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return self._hex


def sha256_text(text: str) -> str:
    """sha256 of the UTF-8 encoding of ``text``; refuses lone surrogates."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"text contains a lone surrogate at code point {exc.start}; it cannot be stored as UTF-8"
        ) from None
    return hashlib.sha256(data).hexdigest()


def looks_binary(data: bytes) -> bool:
    """True for bytes no text document would hold (many control bytes in the first kilobytes)."""
    return _looks_binary(data)


def _looks_binary(data: bytes) -> bool:
    head = data[:_BINARY_SNIFF]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM: text, decoded below
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # in C: a Python loop was 0.3 ms a file
    return controls / len(head) > _BINARY_CONTROL_SHARE


# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` when zero bytes fall as in ASCII-heavy text, else None."""
    return _wide_without_bom(data)


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-32/UTF-16 without a byte-order mark, told by where the zero bytes of ASCII text fall."""
    head = data[:4096]
    n = len(head) - len(head) % 4
    if n < 8 or b"\x00" not in head:  # every case below needs zero bytes (nearly every source has none)
        return None
    head = head[:n]
    zero = [head[k::4].count(0) / (n // 4) for k in range(4)]  # counted in C: read on every source
    if zero[1] > 0.9 and zero[2] > 0.9 and zero[3] > 0.9:
        return "utf-32-le"
    if zero[0] > 0.9 and zero[1] > 0.9 and zero[2] > 0.9:
        return "utf-32-be"
    if zero[1] > 0.9 and zero[3] > 0.9 and zero[0] < 0.5 and zero[2] < 0.5:
        return "utf-16-le"
    if zero[0] > 0.9 and zero[2] > 0.9 and zero[1] < 0.5 and zero[3] < 0.5:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int, int] | None:
    """``(text, bad sequences, first bad byte)`` when the bytes are UTF-8 with a few damaged sequences.

    Mostly UTF-8 means more valid multi-byte characters than invalid sequences: a page in a
    single-byte encoding (cp1251, cp1252) has almost no valid multi-byte sequences, while a
    UTF-8 page with three bad bytes read as cp1250 turned every other accent into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    genuine = data.count("\ufffd".encode())
    bad = text.count("\ufffd") - genuine
    valid_wide = sum(1 for ch in text if ord(ch) > 0x7F) - bad - genuine
    if bad <= 0 or valid_wide < bad:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return text, bad, exc.start
    return None


# Among encodings charset-normalizer finds equally clean, the one the web uses: it ranks
# mac_cyrillic above cp1251 on short Russian pages (both "chaos 0.0"), and mac_cyrillic read
# З, С, М as «, —, ћ. Order: W3Techs-style usage, Mac and DOS code pages last.
_WEB_ORDER = ("utf_8", "cp1251", "cp1252", "koi8_r", "iso8859_5", "cp1250", "iso8859_2", "cp1253",
              "cp1254", "cp1256", "cp1255", "cp1257", "cp1258", "koi8_u", "cp874")
_TIE = 0.01  # chaos within this of the cleanest counts as equally clean


def detect(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` of the likeliest encoding of undeclared bytes, or None when none fits.

    The one choice for every reader: source texts here, undeclared pages in ``ingest.charset``.
    """
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_isolation=None) if m.encoding]
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= cleanest + _TIE]
    rank = {name: i for i, name in enumerate(_WEB_ORDER)}
    best = min(tied, key=lambda m: (rank.get(codecs.lookup(m.encoding).name.replace("-", "_"), len(rank)),
                                    matches.index(m)))
    return str(best), best.encoding


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> SourceText:
    """Decode a source file's bytes; UTF-8 first, then a detected encoding with a warning."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # the codec reads the mark and drops it
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"has a {codec.upper()} byte-order mark but is not valid "
                                        f"{codec.upper()} ({exc.reason})") from None
            return SourceText(text, sha256_text(text), codec, (f"{path}: read as {codec.upper()} (byte-order mark)",))
    wide = _wide_without_bom(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            pass
        else:
            return SourceText(text, sha256_text(text), wide, (f"{path}: read as {wide.upper()} (no byte-order mark; "
                                                                "told by its zero bytes)",))
    digest = Digest(data)  # while the bytes are checked and decoded
    if _looks_binary(data):
        raise SourceError(path, "looks like a binary file (many control bytes), not a text document")
    try:
        text = data.decode("utf-8")
        # Strict UTF-8 decodes only what encodes back to the same bytes: hash those (sha256_text encodes again).
        return SourceText(text, digest.hexdigest(), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad, first = mostly
        warning = (f"{path}: UTF-8 with {bad} invalid byte sequence(s) (first at byte {first}); "
                   "each replaced by U+FFFD")
        return SourceText(text, sha256_text(text), "utf-8", (warning,))
    found = detect(data)
    if found is None:
        raise SourceError(
            path, f"is not UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) and no encoding fits it"
        )
    text, encoding = found
    if "\x00" in text and text.count("\x00") > len(text) * _BINARY_CONTROL_SHARE:
        raise SourceError(path, "looks like a binary file, not a text document")
    warning = f"{path}: not UTF-8; read as {encoding} (detected)"
    return SourceText(text, sha256_text(text), encoding, (warning,))


# A source over this many bytes is left out before it is read (attacker21 L5: a 200 MB page took `parse` 2.2 GB
# of memory; a multi-GB .txt dropped into a corpus would exhaust it). 64 MiB; `import` stops a page at the same size
# (``ingest.readers.MAX_PAGE_BYTES`` is made from this); the environment variable changes it for every command and the window.
MAX_SOURCE_MIB = 64
MAX_SOURCE_ENV = "CURATOR_MAX_SOURCE_MIB"


def _source_limit() -> tuple[int, str]:
    """(the limit in bytes, a note when the environment's value cannot be used)."""
    given = os.environ.get(MAX_SOURCE_ENV)
    if given is None:
        return MAX_SOURCE_MIB << 20, ""
    try:
        mib = int(given)
        if mib <= 0:
            raise ValueError
    except ValueError:
        return MAX_SOURCE_MIB << 20, (f"; {MAX_SOURCE_ENV}={given[:40]!r} is not a whole number of MiB above 0, "
                                      f"so the default {MAX_SOURCE_MIB} MiB applies")
    return mib << 20, ""


def read_source(path: Path) -> SourceText:
    """Read and decode one source file, raising SourceError with the file named (also for one over the size
    limit, :data:`MAX_SOURCE_MIB` or ``$CURATOR_MAX_SOURCE_MIB``: never read)."""
    try:
        # (unbuffered: ``Path.read_bytes`` wraps the file in a buffered reader it never needs, reading it
        # whole; 14-22 -> 7 us a generated site's page, measured)
        with open(path, "rb", buffering=0) as fh:
            limit, note = _source_limit()
            size = os.fstat(fh.fileno()).st_size  # (one fstat: read(limit + 1) would allocate the limit each page)
            if size <= limit:
                data = fh.read()
                size = len(data)  # (grown since: the limit still holds)
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror or exc})") from None
    if size > limit:
        raise SourceError(path, f"{size:,} bytes, over the {limit >> 20} MiB limit for a source document; left out "
                          f"unread (set {MAX_SOURCE_ENV}=N to raise the limit to N MiB){note}")
    return decode_bytes(data, path)
